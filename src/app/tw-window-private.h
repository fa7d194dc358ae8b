/* tw-window-private.h: the insides of TwWindow, shared by its files and its tests
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"
#include "tw-session.h"
#include "tw-sql-view.h"
#include "tw-window.h"

G_BEGIN_DECLS

struct _TwWindow
{
  AdwApplicationWindow  parent_instance;

  TwMetadata           *metadata;
  GFile                *file;
  TwModelFileExtras     extras;
  char                 *database_url;
  char                 *document_title;
  GSettings            *settings;
  /* The file chooser shown, if any: native dialogs are not widgets, so the
   * window holds them while they are up. */
  GtkNativeDialog      *file_chooser;
  /* The database the document is bound to, and the session staging its row
   * changes; both NULL while the window is not connected. */
  TwConnection         *connection;
  TwSession            *session;
  /* Cancelled in dispose: every database call of the window uses it. */
  GCancellable         *cancellable;

  guint                 modified : 1;
  guint                 sidebar_visible : 1;
  /* The user chose to close without saving, or saved: close for real. */
  guint                 close_confirmed : 1;
  /* Close once the Save As the close dialog started has saved. */
  guint                 close_after_save : 1;
  /* Recovered from an autosave (tw-autosave.c) and not saved since: the
   * title says so, and Save asks before it replaces the original file. */
  guint                 recovered : 1;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *table_list;
  GtkSingleSelection   *table_selection;
  GtkFilterListModel   *table_filter_model;
  GtkStringFilter      *table_filter;
  AdwViewStack         *view_stack;
  TwSqlView            *sql_view;
};

/* tw-window-actions.c */
void _tw_window_class_actions_init (GtkWidgetClass *widget_class);
/* Recomputes whether each window action is enabled. */
void _tw_window_update_actions     (TwWindow       *self);
/* Asks whether to save a modified model before the window closes. */
void _tw_window_confirm_close      (TwWindow       *self);
/* A window-modal message dialog with a heading and a body. */
void _tw_window_show_error         (TwWindow       *self,
                                    const char     *heading,
                                    const char     *body);
void _tw_window_toast              (TwWindow       *self,
                                    const char     *title);

/* tw-window.c */
void _tw_window_set_file           (TwWindow       *self,
                                    GFile          *file);
/* Binds the window to a connection (NULL: disconnects): a new session over
 * the window's model, "session" and "database-url" notified. */
void _tw_window_set_connection     (TwWindow       *self,
                                    TwConnection   *connection);
void _tw_window_set_modified       (TwWindow       *self,
                                    gboolean        modified);

/* tw-window-problems.c: a problem activated in the SQL view selects its
 * table on the design canvas. */
void     _tw_window_problems_init           (TwWindow       *self);

/* tw-window-session.c: win.commit and win.rollback */
void     _tw_window_class_session_init      (GtkWidgetClass *widget_class);
void     _tw_window_update_session_actions  (TwWindow       *self);
/* Follows the new self->session's changes (call after creating it). */
void     _tw_window_watch_session           (TwWindow       *self);
/* Asks before staged row changes are lost; TRUE when it asked (the window
 * then closes by itself if the user discards them). */
gboolean _tw_window_confirm_discard_staged  (TwWindow       *self);

G_END_DECLS
