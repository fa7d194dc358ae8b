/* tw-recent-menu.h: the Open Recent menu, filled from the "recent-files" setting
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-application.h"

G_BEGIN_DECLS

/* Adds app.open-recent (parameter: the file's URI, type s) to application. */
void     tw_recent_menu_add_actions (TwApplication *application);
/* Fills menu with the recent files of settings (the application's schema)
 * that still exist, newest first, and keeps it up to date while it lives. */
void     tw_recent_menu_attach      (GMenu         *menu,
                                     GSettings     *settings);
/* The URIs menu lists, newest first (for tests). */
GStrv    tw_recent_menu_dup_uris    (GMenuModel    *menu) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
