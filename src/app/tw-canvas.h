/* tw-canvas.h: the design canvas: table cards and their links, zoomable and scrollable
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-history.h"
#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_CANVAS (tw_canvas_get_type ())

G_DECLARE_FINAL_TYPE (TwCanvas, tw_canvas, TW, CANVAS, GtkWidget)

/* The tool a click on a card applies. */
#define TW_CANVAS_TOOL_SELECT       "select"
#define TW_CANVAS_TOOL_ONE_TO_MANY  "one-to-many"
#define TW_CANVAS_TOOL_MANY_TO_MANY "many-to-many"

/* Properties:
 *   "metadata"        TwMetadata or NULL: the model drawn and edited
 *   "history"         TwHistory, read-only: the undo history of the model,
 *                     made when "metadata" is set
 *   "zoom"            double, 0.1 to 4
 *   "tool"            string, one of TW_CANVAS_TOOL_*
 *   "selected-table"  TwTable, read-only: the focused selected card, or NULL
 *   plus GtkScrollable's "hadjustment", "vadjustment", "hscroll-policy", "vscroll-policy".
 * Signals:
 *   "selection-changed" ()
 *   "message" (const char *text): a hint or an error for the user (a toast)
 *
 * Mouse: a click selects a card (Ctrl or Shift+click adds or removes it), a
 * drag on a card moves the selected cards on a 10-unit grid (Alt: freely), a
 * drag on empty space selects by rubber band (with Ctrl or Shift it adds), a
 * middle-button drag, the scroll wheel or the minimap pans, Ctrl+scroll and
 * pinch zoom, a double-click on empty space adds a table, and a drag from
 * the ring at the right end of a column row of the focused card onto
 * another card makes that column a foreign key to the other card's primary
 * key (taking its type). Keys: Tab and
 * Shift+Tab go through the cards, arrows move the selection, Delete removes
 * it, Escape leaves a link tool.
 *
 * Actions (group "canvas"): add-table, delete, select-all, undo, redo,
 * auto-layout, zoom-in, zoom-out, zoom-fit, zoom-reset, link-one-to-many,
 * link-many-to-many, cancel-tool. */

GtkWidget  *tw_canvas_new                (void) G_GNUC_WARN_UNUSED_RESULT;
TwMetadata *tw_canvas_get_metadata       (TwCanvas   *self);
void        tw_canvas_set_metadata       (TwCanvas   *self,
                                          TwMetadata *metadata);
TwHistory  *tw_canvas_get_history        (TwCanvas   *self);
double      tw_canvas_get_zoom           (TwCanvas   *self);
void        tw_canvas_set_zoom           (TwCanvas   *self,
                                          double      zoom);
const char *tw_canvas_get_tool           (TwCanvas   *self);
void        tw_canvas_set_tool           (TwCanvas   *self,
                                          const char *tool);
TwTable    *tw_canvas_get_selected_table (TwCanvas   *self);
/* The selected tables in model order (borrowed pointers). */
GPtrArray  *tw_canvas_dup_selection      (TwCanvas   *self) G_GNUC_WARN_UNUSED_RESULT;
/* Selects only table (NULL: nothing) and scrolls it into view. */
void        tw_canvas_select_table       (TwCanvas   *self,
                                          TwTable    *table);

G_END_DECLS
