/* tw-row-selection.h: a multiple selection over a lazy list that never asks for the rows it selects
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TW_TYPE_ROW_SELECTION (tw_row_selection_get_type ())

G_DECLARE_FINAL_TYPE (TwRowSelection, tw_row_selection, TW, ROW_SELECTION, GObject)

/* A GtkSelectionModel that selects positions, as a GtkBitset, and passes
 * the items of its model through. GTK 4.8's GtkMultiSelection keeps the
 * selected *items* (to follow them when the model changes), so selecting
 * all the rows of a lazy table asks the model for every one of them: with
 * millions of rows, a loading row each and a read of every page. Here
 * Ctrl+A costs a bit set. When the model changes, places replaced one for
 * one keep their selection (a row read into the place of its loading
 * row), the selection of places removed goes and the rest shifts with the
 * places; a model with a "reset" signal (TwRowModel) clears the selection
 * when it replaces everything. */

TwRowSelection *tw_row_selection_new       (GListModel     *model) G_GNUC_WARN_UNUSED_RESULT;
GListModel     *tw_row_selection_get_model (TwRowSelection *self);

G_END_DECLS
