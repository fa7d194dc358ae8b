/* tw-demo-data.h: the demo database: the demo model's schema with made-up rows
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

/* Creates the SQLite database at @sqlite_path with the tables of
 * @demo_model (create_all) and a few thousand rows of plausible data for
 * the tables of the demo model (users, addresses, categories, authors,
 * books, book_authors, orders, order_lines): those of its tables that exist
 * in @demo_model, and of their columns those the model has. The rows come
 * from a fixed seed, so two databases made from the same model hold the
 * same rows. Everything is written to a temporary file next to
 * @sqlite_path, which is renamed into place only when complete; a file at
 * @sqlite_path is replaced. Blocks: call it from a worker thread. */
gboolean tw_demo_data_create (TwMetadata    *demo_model,
                              const char    *sqlite_path,
                              GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
