/* tw-open-database.h: connecting a document window to a database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-connection.h"
#include "tw-url.h"
#include "tw-window.h"

G_BEGIN_DECLS

/* How many URLs the "recent-connections" setting keeps. */
#define TW_RECENT_CONNECTIONS_MAX 10

/* Opens a connection to url and, with reflect, reads its schema, all off
 * the main thread. The result holds the connection and the reflected model
 * (NULL without reflect). */
void          tw_open_database_async           (TwUrl               *url,
                                                gboolean             reflect,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TwConnection *tw_open_database_finish          (GAsyncResult        *result,
                                                TwMetadata         **reflected,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Binds window to connection: when reflected is not NULL and the window's
 * model has no tables, the model takes the reflected tables first. Then
 * the sidebar shows estimated row counts, refreshed after each commit, and
 * the URL (without its password) goes to the recent connections. */
void          tw_open_database_bind            (TwWindow            *window,
                                                TwConnection        *connection,
                                                TwMetadata          *reflected);

/* tw_open_database_async() then tw_open_database_bind() for window, with
 * the window's cancellable; a failure shows in a message dialog. */
void          tw_open_database_connect_window  (TwWindow            *window,
                                                TwUrl               *url,
                                                gboolean             reflect);

/* The demo database at g_get_user_data_dir()/tablewright/demo/demo.db,
 * created from the window's model on a worker thread if it is missing,
 * and bound to the window. */
void          tw_open_database_demo            (TwWindow            *window);
char         *tw_open_database_dup_demo_path   (void) G_GNUC_WARN_UNUSED_RESULT;

/* Adds url, without its password, to the front of "recent-connections". */
void          tw_open_database_add_recent      (GSettings           *settings,
                                                TwUrl               *url);
/* Whether path names an SQLite database by its extension
 * (.db, .sqlite, .sqlite3). */
gboolean      tw_open_database_is_sqlite_path  (const char          *path);

G_END_DECLS
