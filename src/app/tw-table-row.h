/* tw-table-row.h: a table of the model as a row of the sidebar
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-table.h"

G_BEGIN_DECLS

#define TW_TYPE_TABLE_ROW (tw_table_row_get_type ())

G_DECLARE_FINAL_TYPE (TwTableRow, tw_table_row, TW, TABLE_ROW, GtkWidget)

/* Properties: "table" (TwTable or NULL). The row shows the table's name and
 * its number of columns, and follows both as they change. */

GtkWidget *tw_table_row_new       (void) G_GNUC_WARN_UNUSED_RESULT;
TwTable   *tw_table_row_get_table (TwTableRow *self);
void       tw_table_row_set_table (TwTableRow *self,
                                   TwTable    *table);
/* Shows "≈ n_rows rows" under the name; a negative count hides it. */
void       tw_table_row_set_row_estimate (TwTableRow *self,
                                          gint64      n_rows);

G_END_DECLS
