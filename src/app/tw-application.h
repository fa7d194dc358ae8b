/* tw-application.h: the Tablewright application: windows, app actions, settings
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TW_TYPE_APPLICATION (tw_application_get_type ())

G_DECLARE_FINAL_TYPE (TwApplication, tw_application, TW, APPLICATION, AdwApplication)

typedef struct _TwWindow TwWindow;

/* The resource path of the bundled demo model. */
#define TW_DEMO_RESOURCE "/io/github/tablewright/Tablewright/demo/demo.twm"
/* How many files the "recent-files" setting remembers. */
#define TW_RECENT_FILES_MAX 10

TwApplication *tw_application_new             (void) G_GNUC_WARN_UNUSED_RESULT;
/* The application's settings (schema io.github.tablewright.Tablewright). */
GSettings     *tw_application_get_settings    (TwApplication  *self);
/* A new window with an empty model, presented. */
TwWindow      *tw_application_new_window      (TwApplication  *self);
/* Presents the window that shows file, or opens the file in a new window.
 * A file that fails to load gives a message dialog with the loader's
 * message (over the active window, or over a new empty one) and NULL. */
TwWindow      *tw_application_open_file       (TwApplication  *self,
                                               GFile          *file);
/* The user's copy of the demo model, g_get_user_data_dir()/tablewright/demo/
 * demo.twm, made from the bundled one when it does not exist yet. */
GFile         *tw_application_dup_demo_file   (TwApplication  *self,
                                               GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Opens the user's copy of the demo model. */
TwWindow      *tw_application_open_demo       (TwApplication  *self);
/* Puts file first in the "recent-files" setting. */
void           tw_application_add_recent_file (TwApplication  *self,
                                               GFile          *file);

G_END_DECLS
