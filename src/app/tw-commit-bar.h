/* tw-commit-bar.h: the header bar's Roll Back and Commit buttons, with the count of staged changes
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_COMMIT_BAR (tw_commit_bar_get_type ())

G_DECLARE_FINAL_TYPE (TwCommitBar, tw_commit_bar, TW, COMMIT_BAR, GtkWidget)

/* Two buttons pointing at win.rollback and win.commit; the Commit button
 * reads "Commit (3)" while "session" has three staged changes. Hidden while
 * there is no session. */

TwSession  *tw_commit_bar_get_session (TwCommitBar *self);
void        tw_commit_bar_set_session (TwCommitBar *self,
                                       TwSession   *session);
/* The number of staged changes: rows (new, changed, deleted) and links. */
guint       tw_commit_bar_count_changes (TwSession *session);

G_END_DECLS
