/* tw-window-export.h: the window's export of its model as a SQLAlchemy module
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-window.h"

G_BEGIN_DECLS

/* Installs win.export-sqlalchemy; called by TwWindow's class_init. */
void _tw_window_class_export_init       (GtkWidgetClass *widget_class);

/* Writes the window's model as a SQLAlchemy module to file, in a worker
 * thread and atomically; says how it went in a toast or an error dialog.
 * What win.export-sqlalchemy does with the file the user chose. */
void _tw_window_export_sqlalchemy_to    (TwWindow       *self,
                                         GFile          *file);

G_END_DECLS
