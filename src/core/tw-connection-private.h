/* tw-connection-private.h: what the drivers and the session share with the
 * connection base class
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"

G_BEGIN_DECLS

/* Runs func (task, source object, task data, cancellable) on the
 * connection's serial worker, after everything pushed before it. Takes
 * @task. The function calls the blocking API and returns with
 * g_task_return_*(), which delivers the result on the main context the task
 * was made on. */
void           _tw_connection_push                (TwConnection     *self,
                                                   GTask            *task,
                                                   GTaskThreadFunc   func);
/* The URL as shown in messages, without the password. */
const char    *_tw_connection_get_display_url     (TwConnection     *self);

/* The connection side of TwStatement. */
TwResult      *_tw_connection_execute_statement   (TwConnection     *self,
                                                   TwStatement      *statement,
                                                   TwValue * const  *params,
                                                   guint             n_params,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
/* Frees the driver's handle later, on the next call, as the connection's
 * lock may be held by a running call. */
void           _tw_connection_discard_prepared    (TwConnection     *self,
                                                   gpointer          prepared,
                                                   guint             generation);

TwStatement   *_tw_statement_new                  (TwConnection     *connection,
                                                   const char       *sql,
                                                   gpointer          prepared,
                                                   guint             n_params,
                                                   guint             generation);
/* The driver handle and the connection generation it belongs to; only
 * touched with the connection's lock held. */
gpointer       _tw_statement_get_prepared         (TwStatement      *self,
                                                   guint            *generation);
void           _tw_statement_set_prepared         (TwStatement      *self,
                                                   gpointer          prepared,
                                                   guint             n_params,
                                                   guint             generation);

/* Helpers for drivers. */

/* Whether @sql holds only blanks, comments and semicolons. */
gboolean       _tw_sql_is_blank                   (const char       *sql);
/* The first keyword of @sql in upper case, after blanks and comments. */
char          *_tw_sql_first_keyword              (const char       *sql) G_GNUC_WARN_UNUSED_RESULT;
/* One line out of a multi-line library message, without the trailing
 * newline. */
char          *_tw_squash_message                 (const char       *message) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
