/* tw-connection.h: a connection to a database, the base of the drivers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-db-error.h"
#include "tw-enums.h"
#include "tw-result.h"
#include "tw-statement.h"
#include "tw-url.h"
#include "tw-value.h"

G_BEGIN_DECLS

#define TW_TYPE_CONNECTION (tw_connection_get_type ())

G_DECLARE_DERIVABLE_TYPE (TwConnection, tw_connection, TW, CONNECTION, GObject)

/* A driver subclasses TwConnection and fills in these vfuncs. The base class
 * serialises all calls with one lock, connects and reconnects, maps
 * cancellation to G_IO_ERROR_CANCELLED, and runs the async calls on the
 * connection's serial worker. Every vfunc but cancel runs with that lock
 * held, on the thread of the call. */
struct _TwConnectionClass
{
  GObjectClass parent_class;

  gboolean    (*connect)            (TwConnection     *self,
                                     GCancellable     *cancellable,
                                     GError          **error);
  void        (*disconnect)         (TwConnection     *self);
  /* Whether the connection still looks usable, without a round trip (e.g.
   * the server has not closed the socket). */
  gboolean    (*is_alive)           (TwConnection     *self);
  gboolean    (*in_transaction)     (TwConnection     *self);
  /* TRUE if the transaction can only be rolled back (PostgreSQL, after an
   * error). Optional. */
  gboolean    (*transaction_failed) (TwConnection     *self);
  char       *(*get_server_version) (TwConnection     *self);
  TwResult   *(*execute)            (TwConnection     *self,
                                     const char       *sql,
                                     TwValue * const  *params,
                                     guint             n_params,
                                     GError          **error);
  gboolean    (*execute_script)     (TwConnection     *self,
                                     const char       *sql,
                                     GCancellable     *cancellable,
                                     GError          **error);
  /* Returns the driver's handle of a prepared statement. */
  gpointer    (*prepare)            (TwConnection     *self,
                                     const char       *sql,
                                     guint            *n_params,
                                     GError          **error);
  TwResult   *(*execute_prepared)   (TwConnection     *self,
                                     gpointer          prepared,
                                     const char       *sql,
                                     TwValue * const  *params,
                                     guint             n_params,
                                     GError          **error);
  /* @on_server is FALSE when the session that prepared it is gone. */
  void        (*free_prepared)      (TwConnection     *self,
                                     gpointer          prepared,
                                     gboolean          on_server);
  /* Called on a thread of its own while another thread runs a call; stops
   * that call as soon as possible (PQcancel, sqlite3_interrupt, KILL QUERY). */
  void        (*cancel)             (TwConnection     *self);

  /*< private >*/
  gpointer padding[8];
};

/* The placeholder for the @n-th (1-based) parameter in the SQL of @kind:
 * "?" for SQLite and MySQL, "$n" for PostgreSQL. */
char           *tw_dialect_kind_placeholder          (TwDialectKind         kind,
                                                      guint                 n) G_GNUC_WARN_UNUSED_RESULT;

/* Opens a connection of the driver that @url names. For MySQL,
 * mysql_library_init() must have been called before any thread started. */
TwConnection   *tw_connection_open                   (TwUrl                *url,
                                                      GCancellable         *cancellable,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void            tw_connection_open_async             (TwUrl                *url,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TwConnection   *tw_connection_open_finish            (GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Disconnects for good; later calls fail. Disposing does it too. */
void            tw_connection_close                  (TwConnection         *self);

TwUrl          *tw_connection_get_url                (TwConnection         *self);
TwDialectKind   tw_connection_get_dialect_kind       (TwConnection         *self);
/* The version the server (or the SQLite library) reported when the
 * connection was opened, e.g. "15.4 (Debian 15.4-1)", "10.11.6-MariaDB",
 * "3.40.1". */
const char     *tw_connection_get_server_version     (TwConnection         *self);
/* Whether a transaction is open, as of the end of the last call. */
gboolean        tw_connection_in_transaction         (TwConnection         *self);
/* The details of the TW_DB_ERROR the last call failed with, or NULL when it
 * succeeded or failed otherwise. Errors carry the same details:
 * tw_db_error_get_details(). */
TwDbErrorDetails *tw_connection_get_last_error_details (TwConnection       *self) G_GNUC_WARN_UNUSED_RESULT;

/* Runs one statement with the dialect's placeholders bound to @params.
 * Returns the rows of a query (or of RETURNING), and the counts of an
 * INSERT, UPDATE or DELETE. Outside a transaction, a connection the server
 * dropped since the last call is reopened first. */
TwResult       *tw_connection_execute                (TwConnection         *self,
                                                      const char           *sql,
                                                      TwValue * const      *params,
                                                      guint                 n_params,
                                                      GCancellable         *cancellable,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void            tw_connection_execute_async          (TwConnection         *self,
                                                      const char           *sql,
                                                      TwValue * const      *params,
                                                      guint                 n_params,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TwResult       *tw_connection_execute_finish         (TwConnection         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Runs several statements separated by semicolons, without parameters, and
 * discards their rows; stops at the first error. Uses the server's own
 * splitting, so quotes, comments, dollar quoting and trigger bodies are all
 * safe. PostgreSQL runs the script as one transaction when none is open;
 * the others commit each statement on its own. */
gboolean        tw_connection_execute_script         (TwConnection         *self,
                                                      const char           *sql,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void            tw_connection_execute_script_async   (TwConnection         *self,
                                                      const char           *sql,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        tw_connection_execute_script_finish  (TwConnection         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
TwStatement    *tw_connection_prepare                (TwConnection         *self,
                                                      const char           *sql,
                                                      GCancellable         *cancellable,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Transactions. begin fails when one is open (use a savepoint to nest);
 * commit fails when none is, and when a failed statement left the
 * transaction able only to roll back (it is then rolled back). rollback
 * without a transaction does nothing. After the connection was lost in a
 * transaction, every call fails with TW_DB_ERROR_CONNECTION_LOST until
 * rollback acknowledges it. Savepoint names are quoted as identifiers. */
gboolean        tw_connection_begin                  (TwConnection         *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean        tw_connection_commit                 (TwConnection         *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean        tw_connection_rollback               (TwConnection         *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean        tw_connection_savepoint              (TwConnection         *self,
                                                      const char           *name,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean        tw_connection_release_savepoint      (TwConnection         *self,
                                                      const char           *name,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean        tw_connection_rollback_to_savepoint  (TwConnection         *self,
                                                      const char           *name,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

G_END_DECLS
