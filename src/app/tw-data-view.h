/* tw-data-view.h: the Data page of a window: a table's rows in an editable grid
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_DATA_VIEW (tw_data_view_get_type ())

G_DECLARE_FINAL_TYPE (TwDataView, tw_data_view, TW, DATA_VIEW, GtkWidget)

/* Shows the rows of "table" read through "session" (NULL: a status page
 * asks to connect) in a GtkColumnView over a TwRowModel: sorting by a
 * column header and the filter bar (Ctrl+F) run on the server. Cells edit
 * in place and stage their changes in the session.
 *
 * Actions: grid.add-row (Ctrl+Insert), grid.duplicate-row (Ctrl+D),
 * grid.delete-row (Delete), grid.find (Ctrl+F), grid.apply-filter,
 * grid.clear-filter, grid.cancel-load (Escape), grid.reload,
 * grid.show-pending. */

TwSession   *tw_data_view_get_session         (TwDataView   *self);
void         tw_data_view_set_session         (TwDataView   *self,
                                               TwSession    *session);
TwTable     *tw_data_view_get_table           (TwDataView   *self);
void         tw_data_view_set_table           (TwDataView   *self,
                                               TwTable      *table);
/* The model shown (NULL before a table is shown) and its selection. */
GListModel  *tw_data_view_get_model          (TwDataView   *self);
GtkSelectionModel *tw_data_view_get_selection (TwDataView  *self);
/* The selected rows that are loaded, as tab-separated text under a line of
 * column names (what grid.copy, Ctrl+C, puts on the clipboard), or NULL. */
char              *tw_data_view_dup_selection_text (TwDataView *self) G_GNUC_WARN_UNUSED_RESULT;
GtkColumnView *tw_data_view_get_column_view  (TwDataView   *self);
/* Marks the row a failed commit names (tw_session_error_get_row()),
 * selects it and scrolls to it; NULL error clears the mark. */
void         tw_data_view_show_commit_error   (TwDataView   *self,
                                               const GError *error);

G_END_DECLS
