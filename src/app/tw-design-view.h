/* tw-design-view.h: the Design page: the diagram of the model, its tools and the inspector
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-canvas.h"
#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_DESIGN_VIEW (tw_design_view_get_type ())

G_DECLARE_FINAL_TYPE (TwDesignView, tw_design_view, TW, DESIGN_VIEW, GtkWidget)

/* Properties: "metadata" (TwMetadata or NULL).
 *
 * The toolbar's buttons point at the "canvas.*" actions, which the view
 * forwards to its TwCanvas (add-table, link-one-to-many, link-many-to-many,
 * auto-layout, undo, redo, zoom-in, zoom-out, zoom-fit, zoom-reset). The
 * canvas's messages become toasts of the window. */

GtkWidget  *tw_design_view_new          (void) G_GNUC_WARN_UNUSED_RESULT;
TwMetadata *tw_design_view_get_metadata (TwDesignView *self);
void        tw_design_view_set_metadata (TwDesignView *self,
                                         TwMetadata   *metadata);
TwCanvas   *tw_design_view_get_canvas   (TwDesignView *self);
GtkWidget  *tw_design_view_get_inspector (TwDesignView *self);

G_END_DECLS
