/* tw-statement.h: a prepared statement, reusable with new parameters
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-result.h"
#include "tw-value.h"

G_BEGIN_DECLS

#define TW_TYPE_STATEMENT (tw_statement_get_type ())

G_DECLARE_FINAL_TYPE (TwStatement, tw_statement, TW, STATEMENT, GObject)

typedef struct _TwConnection TwConnection;

/* Made by tw_connection_prepare(). A statement keeps its connection alive,
 * runs on it under the same lock as every other call, and is prepared again
 * by itself when the connection had to reconnect. */

TwConnection *tw_statement_get_connection  (TwStatement          *self);
const char   *tw_statement_get_sql         (TwStatement          *self);
/* The number of placeholders the server found in the SQL. */
guint         tw_statement_get_n_params    (TwStatement          *self);

TwResult     *tw_statement_execute         (TwStatement          *self,
                                            TwValue * const      *params,
                                            guint                 n_params,
                                            GCancellable         *cancellable,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void          tw_statement_execute_async   (TwStatement          *self,
                                            TwValue * const      *params,
                                            guint                 n_params,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
TwResult     *tw_statement_execute_finish  (TwStatement          *self,
                                            GAsyncResult         *result,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
