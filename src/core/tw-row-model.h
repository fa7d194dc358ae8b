/* tw-row-model.h: a lazy list of the rows of a table, read page by page through a session
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_ROW_MODEL (tw_row_model_get_type ())

G_DECLARE_FINAL_TYPE (TwRowModel, tw_row_model, TW, ROW_MODEL, GObject)

/* A GListModel of TwRow over one table, with an optional filter and sort.
 *
 * The number of items starts from the catalog's estimate (PostgreSQL's
 * reltuples, MySQL's TABLE_ROWS, SQLite's largest rowid), never a COUNT(*)
 * of a large table, and is corrected as pages arrive. get_item() returns
 * the row when its page is loaded, and otherwise a placeholder (state
 * TW_ROW_STATE_LOADING) while the page is fetched on the connection's
 * worker; "items-changed" then replaces the placeholders. Pages follow one
 * another by keyset (after the last key of the page before, or before the
 * first key of the page after); a jump far into a table with one integer
 * key seeks a key estimated from its smallest and largest key; anything
 * else falls back to OFFSET. Only the most recently used pages are kept,
 * so memory stays bounded whatever the size of the table.
 *
 * New rows of the table staged in the session follow the table's rows;
 * deleted rows stay (their state says so) until the commit, after which
 * the model reloads.
 *
 * Properties: "session", "table", "loading" (a fetch is running).
 * Signals: "error" (GError *) a fetch failed; "reset", right before the
 * items-changed that replaces every item (a reload, a new filter or sort). */

TwRowModel   *tw_row_model_new             (TwSession      *session,
                                            TwTable        *table) G_GNUC_WARN_UNUSED_RESULT;
TwSession    *tw_row_model_get_session     (TwRowModel     *self);
TwTable      *tw_row_model_get_table       (TwRowModel     *self);
/* Both reload the model; @filter and @sort may be NULL, and are copied. */
void          tw_row_model_set_filter      (TwRowModel     *self,
                                            const TwFilter *filter);
void          tw_row_model_set_sort        (TwRowModel     *self,
                                            const TwSort   *sort);
/* Rows per page and pages kept (defaults 200 and 16); reloads. */
void          tw_row_model_set_paging      (TwRowModel     *self,
                                            guint           page_size,
                                            guint           max_pages);
void          tw_row_model_reload          (TwRowModel     *self);
gboolean      tw_row_model_get_loading     (TwRowModel     *self);
/* Whether the number of items is exact rather than an estimate. */
gboolean      tw_row_model_is_exact        (TwRowModel     *self);
/* The number of pages held now (for tests). */
guint         tw_row_model_get_n_pages     (TwRowModel     *self);

G_END_DECLS
