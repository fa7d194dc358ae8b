/* tw-row-estimate.h: how many rows each table holds, as the catalog guesses
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-connection.h"

G_BEGIN_DECLS

/* Estimated row counts, cheap to read: never a COUNT(*) over a table.
 * PostgreSQL: pg_class.reltuples of the current schema's tables (a table
 * never analysed has none); MySQL: information_schema.TABLES.TABLE_ROWS;
 * SQLite: sqlite_stat1 when ANALYZE made it, else max(rowid) of each rowid
 * table. Returns a GHashTable from table name (char *) to a gint64 *;
 * a table whose count is unknown is not in it. */
GHashTable *tw_row_estimate        (TwConnection         *connection,
                                    GCancellable         *cancellable,
                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Runs tw_row_estimate() on the connection's serial worker. */
void        tw_row_estimate_async  (TwConnection         *connection,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GHashTable *tw_row_estimate_finish (TwConnection         *connection,
                                    GAsyncResult         *result,
                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
