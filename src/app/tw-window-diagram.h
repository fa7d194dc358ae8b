/* tw-window-diagram.h: the window's export of its diagram as PNG or SVG
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-diagram-export.h"
#include "tw-window.h"

G_BEGIN_DECLS

/* Installs win.export-png and win.export-svg, and makes sure TwDesignView
 * is registered for the template; called by TwWindow's class_init. */
void _tw_window_class_diagram_init (GtkWidgetClass  *widget_class);

/* Writes the diagram of the window's model to file (in a worker thread, from
 * a copy of the model) and says how it went in a toast or an error dialog. */
void _tw_window_export_diagram_to  (TwWindow        *self,
                                    GFile           *file,
                                    TwDiagramFormat  format);

G_END_DECLS
