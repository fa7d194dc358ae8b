/* tw-column-editor.h: one column's settings in the inspector, as an expander row
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-column.h"
#include "tw-history.h"

G_BEGIN_DECLS

#define TW_TYPE_COLUMN_EDITOR (tw_column_editor_get_type ())

G_DECLARE_FINAL_TYPE (TwColumnEditor, tw_column_editor, TW, COLUMN_EDITOR, AdwExpanderRow)

/* Every edit is one step of the history. Actions: column.move-up,
 * column.move-down, column.remove. */
GtkWidget *tw_column_editor_new        (TwColumn       *column,
                                        TwHistory      *history) G_GNUC_WARN_UNUSED_RESULT;
TwColumn  *tw_column_editor_get_column (TwColumnEditor *self);

G_END_DECLS
