/* tw-inspector-pane.h: the settings of the table selected on the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-history.h"
#include "tw-table.h"

G_BEGIN_DECLS

#define TW_TYPE_INSPECTOR_PANE (tw_inspector_pane_get_type ())

G_DECLARE_FINAL_TYPE (TwInspectorPane, tw_inspector_pane, TW, INSPECTOR_PANE, GtkWidget)

/* Properties: "table" (TwTable or NULL), "history" (TwHistory or NULL: every
 * edit is a step of it).
 *
 * Shows the table's name and comment, its columns (TwColumnEditor rows),
 * its foreign keys with their ON DELETE / ON UPDATE actions, and the
 * relationships it takes part in (for a many-to-many one: the association
 * table's name, both attribute names and the style). Action:
 * inspector.add-column. */

GtkWidget *tw_inspector_pane_new         (void) G_GNUC_WARN_UNUSED_RESULT;
TwTable   *tw_inspector_pane_get_table   (TwInspectorPane *self);
void       tw_inspector_pane_set_table   (TwInspectorPane *self,
                                          TwTable         *table);
TwHistory *tw_inspector_pane_get_history (TwInspectorPane *self);
void       tw_inspector_pane_set_history (TwInspectorPane *self,
                                          TwHistory       *history);

G_END_DECLS
