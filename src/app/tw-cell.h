/* tw-cell.h: one cell of the data grid: shows a row's value and edits it in place
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-column.h"
#include "tw-row.h"

G_BEGIN_DECLS

#define TW_TYPE_CELL (tw_cell_get_type ())

G_DECLARE_FINAL_TYPE (TwCell, tw_cell, TW, CELL, GtkWidget)

/* A cell shows one value of a TwRow and follows the row's "changed".
 * Double-click, Enter or F2 edits it: text, numbers, dates and times in an
 * entry validated as the user types, Booleans with a switch, long
 * text and JSON in a popover. Each edit is staged with
 * tw_session_set_value(). The context menu (and Ctrl+Delete) sets NULL,
 * reverts the value, and exports or imports BLOBs.
 *
 * Actions: cell.edit, cell.edit-text, cell.set-null, cell.revert,
 * cell.export-blob, cell.import-blob, cell.pick-reference.
 *
 * The key "tw-commit-error" (a string) set with g_object_set_data() on a
 * row marks the row as the one a commit failed on; call
 * tw_cell_refresh() after setting it. */

/* The label to show for @value of @column instead of the value itself
 * (e.g. the name of the row a foreign key points at), or NULL. */
typedef char *(*TwCellLabelFunc) (TwColumn      *column,
                                  const TwValue *value,
                                  gpointer       user_data);

GtkWidget  *tw_cell_new            (void);
/* Labels values of a foreign key column; @user_data must outlive the cell. */
void        tw_cell_set_label_func (TwCell          *self,
                                    TwCellLabelFunc  func,
                                    gpointer         user_data);
/* Offers a searchable picker of the rows of @referred_table (cell.pick-reference):
 * @key_column is the referred column the value takes, @label_column is
 * searched and shown. */
void        tw_cell_set_reference  (TwCell     *self,
                                    TwTable    *referred_table,
                                    const char *key_column,
                                    const char *label_column);
/* The picker's list of rows while it is up, or NULL (for tests). */
GListModel *tw_cell_get_reference_model (TwCell *self);
/* Stages the key of the picker's row at @position, as a click on it does. */
gboolean    tw_cell_pick_reference (TwCell     *self,
                                    guint       position);
/* The text the cell shows (for tests). */
const char *tw_cell_get_display_text (TwCell     *self);
/* Shows @column (of the row's table) of @row; connects to the row. */
void        tw_cell_bind           (TwCell     *self,
                                    TwRow      *row,
                                    TwColumn   *column);
/* Disconnects exactly what tw_cell_bind() connected. */
void        tw_cell_unbind         (TwCell     *self);
TwRow      *tw_cell_get_row        (TwCell     *self);
TwColumn   *tw_cell_get_column     (TwCell     *self);
void        tw_cell_refresh        (TwCell     *self);
/* Switches to the editor (an entry for most kinds); FALSE when the cell
 * cannot be edited (a placeholder, a deleted row, a BLOB, a read-only
 * table). */
gboolean    tw_cell_start_editing  (TwCell     *self);
/* Starts editing with @text in place of the value, as typing on a cell
 * does; FALSE when the cell is not edited in an entry. */
gboolean    tw_cell_start_editing_with_text (TwCell     *self,
                                             const char *text);
gboolean    tw_cell_get_editing    (TwCell     *self);
/* The entry used while editing (for tests and accessibility). */
GtkEditable *tw_cell_get_editable  (TwCell     *self);
/* Stages @text (parsed for the column's kind); FALSE with an error when
 * it is not valid or the session refuses it. */
gboolean    tw_cell_stage_text     (TwCell     *self,
                                    const char *text,
                                    GError    **error);

/* cell.export-blob and cell.import-blob once a file is chosen: write the
 * BLOB to @file, or stage @file's contents as the value, without blocking
 * the main loop; a failure is shown as a toast. */
void        tw_cell_export_blob    (TwCell     *self,
                                    GFile      *file);
void        tw_cell_import_blob    (TwCell     *self,
                                    GFile      *file);

/* The kind of value a column of this type holds. */
TwValueKind tw_cell_kind_for_column (TwColumn  *column);

G_END_DECLS
