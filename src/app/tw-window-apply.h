/* tw-window-apply.h: creating and dropping the model's tables in the window's database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-window.h"

G_BEGIN_DECLS

/* Installs win.create-tables and win.drop-tables; called by TwWindow's
 * class_init. */
void              _tw_window_class_apply_init      (GtkWidgetClass *widget_class);
/* Enables the two actions when the window is connected, idle and its model
 * is valid for the connection's dialect; called by
 * _tw_window_update_actions(). */
void              _tw_window_update_apply_actions  (TwWindow       *self);

/* For tests: the confirmation dialog shown, or NULL. */
AdwMessageDialog *_tw_window_apply_get_dialog      (TwWindow       *self);
/* For tests: the SQL script the dialog shows (free with g_free()). */
char             *_tw_window_apply_dup_dialog_sql  (AdwMessageDialog *dialog) G_GNUC_WARN_UNUSED_RESULT;
/* For tests: TRUE from the activation of an action until its work (the
 * plan, the dialog, the DDL and the refresh) is over. */
gboolean          _tw_window_apply_is_busy         (TwWindow       *self);

G_END_DECLS
