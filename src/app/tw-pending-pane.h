/* tw-pending-pane.h: every change a session has staged, and the SQL a commit will run
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_PENDING_PANE (tw_pending_pane_get_type ())

G_DECLARE_FINAL_TYPE (TwPendingPane, tw_pending_pane, TW, PENDING_PANE, GtkWidget)

/* Lists the staged rows of "session" (new, changed with each changed
 * column, deleted), each with a revert button, and shows the statements
 * Commit will run with their parameters.
 *
 * Actions: pending.revert-row (u: position in the list),
 * pending.revert-value ((uu): position and column). */

TwSession  *tw_pending_pane_get_session (TwPendingPane *self);
void        tw_pending_pane_set_session (TwPendingPane *self,
                                         TwSession     *session);
/* The SQL shown (for tests). */
char       *tw_pending_pane_dup_sql     (TwPendingPane *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
