/* tw-autosave.h: autosave of unsaved models, and their recovery after a crash
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-application.h"

G_BEGIN_DECLS

/* How long after the last change a modified model is written, and the
 * longest a stream of changes may put the write off. The environment
 * variable TW_AUTOSAVE_DELAY_MS overrides the first (for tests). */
#define TW_AUTOSAVE_DELAY_MS     5000
#define TW_AUTOSAVE_MAX_WAIT_MS  30000

/* The folder of the autosaves: g_get_user_state_dir()/tablewright/autosave.
 * Each is "<id>.twm" with a key file "<id>.ini" beside it (group
 * "Autosave": "uri" of the original file or "", "name", "saved" in seconds
 * since 1970). */
char      *tw_autosave_dup_folder         (void) G_GNUC_WARN_UNUSED_RESULT;

/* Follows window (a TwWindow): while it is modified, its model is written
 * to its autosave a moment after each change, off the main thread; saving
 * the model, or closing the window, deletes the autosave. */
void       tw_autosave_watch_window       (GtkWindow     *window);
/* The autosave file of window (it may not exist yet), or NULL when the
 * window is not watched. */
GFile     *tw_autosave_dup_window_file    (GtkWindow     *window) G_GNUC_WARN_UNUSED_RESULT;

/* When the autosave folder holds models that no window of this process owns,
 * asks over parent whether to recover them: "Recover" opens each in a
 * window marked modified (and recovered), "Discard" deletes them, Escape
 * keeps them for the next start. Returns the dialog (owned by GTK), or NULL
 * when there was nothing to recover. */
GtkWidget *tw_autosave_offer_recovery     (TwApplication *application,
                                           GtkWindow     *parent);
/* As tw_autosave_offer_recovery() over the active window, once per process:
 * for TwApplication's activate and open. */
void       tw_autosave_offer_recovery_once (TwApplication *application);

/* Asks before a recovered window's Save replaces its original file:
 * "replace" saves there, "save-as" runs win.save-as, "cancel" does nothing.
 * Returns the dialog (owned by GTK). */
GtkWidget *tw_autosave_confirm_replace    (GtkWindow     *window);

/* Tests: sets the delays (0: the defaults). */
void       _tw_autosave_set_delays        (guint          delay_ms,
                                           guint          max_wait_ms);

G_END_DECLS
