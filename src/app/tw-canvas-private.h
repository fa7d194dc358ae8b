/* tw-canvas-private.h: test hooks of the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-canvas.h"

G_BEGIN_DECLS

/* A press and release of the first button at the model point (x, y) with
 * the modifiers, as a user's click would be handled. */
void _tw_canvas_click_at      (TwCanvas        *self,
                               double           x,
                               double           y,
                               GdkModifierType  state);
/* A first-button drag from one model point to another. */
void _tw_canvas_drag          (TwCanvas        *self,
                               double           from_x,
                               double           from_y,
                               double           to_x,
                               double           to_y,
                               GdkModifierType  state);
/* A double-click at the model point. */
void _tw_canvas_double_click_at (TwCanvas      *self,
                                 double         x,
                                 double         y);
/* How many card nodes the last snapshot drew (culling). */
guint _tw_canvas_get_n_drawn_cards (TwCanvas   *self);
/* How many of them it drew from a node painted at another zoom, scaled, or
 * as an overview for want of a node: 0 once a zoom has settled. */
guint _tw_canvas_get_n_stale_cards (TwCanvas   *self);
/* Whether the last snapshot drew the overview (every card as coloured
 * rectangles, without text below a few pixels). */
gboolean _tw_canvas_is_overview (TwCanvas  *self);

G_END_DECLS
