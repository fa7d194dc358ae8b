/* tw-connection.c: a connection to a database, the base of the drivers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-connection"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-connection-private.h"
#include "tw-mysql-connection.h"
#include "tw-postgresql-connection.h"
#include "tw-sqlite-connection.h"

typedef struct
{
  TwUrl            *url;
  char             *display_url;
  char             *server_version;

  /* Held for the whole of every call that touches the driver's handle, so
   * that a sync call from one thread and the worker never interleave. */
  GMutex            lock;
  /* Guarded by lock. */
  guint             generation;        /* counts the sessions opened */
  guint             connected : 1;
  guint             closed : 1;
  guint             lost_transaction : 1;

  /* Held only briefly, never while waiting for a server. */
  GMutex            state_lock;
  /* Guarded by state_lock. */
  GThreadPool      *pool;
  GArray           *garbage;           /* of Garbage */
  TwDbErrorDetails *last_error_details;
  GThread          *cancel_thread;

  int               in_transaction;    /* atomic */
} TwConnectionPrivate;

/* A prepared statement whose TwStatement is gone. */
typedef struct
{
  gpointer prepared;
  guint    generation;
} Garbage;

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} WorkItem;

/* One call of the public API, from taking the lock to releasing it. */
typedef struct
{
  TwConnection *self;
  GCancellable *cancellable;
  gulong        handler_id;
} Call;

typedef enum
{
  TRANSACTION_BEGIN,
  TRANSACTION_COMMIT,
  TRANSACTION_ROLLBACK,
  TRANSACTION_SAVEPOINT,
  TRANSACTION_RELEASE_SAVEPOINT,
  TRANSACTION_ROLLBACK_TO_SAVEPOINT,
} TransactionOp;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TwConnection, tw_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

/* The connection whose work item the current thread is running, so that a
 * connection finalized on its own worker does not wait for itself. */
static GPrivate current_worker;

char *
tw_dialect_kind_placeholder (TwDialectKind kind,
                             guint         n)
{
  g_return_val_if_fail (n >= 1, NULL);

  if (kind == TW_DIALECT_KIND_POSTGRESQL)
    return g_strdup_printf ("$%u", n);
  return g_strdup ("?");
}

/* SQL helpers for the drivers */

static const char *
skip_blanks (const char *p)
{
  for (;;)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
        }
      else
        return p;
    }
}

gboolean
_tw_sql_is_blank (const char *sql)
{
  const char *p = sql;

  g_assert (sql != NULL);

  for (;;)
    {
      p = skip_blanks (p);
      if (*p == ';')
        p++;
      else
        return *p == '\0';
    }
}

char *
_tw_sql_first_keyword (const char *sql)
{
  const char *start, *p;

  g_assert (sql != NULL);

  start = p = skip_blanks (sql);
  while (g_ascii_isalpha (*p))
    p++;

  return g_ascii_strup (start, p - start);
}

char *
_tw_squash_message (const char *message)
{
  GString *str;
  gboolean blank = FALSE;

  if (message == NULL)
    return g_strdup ("");

  str = g_string_new (NULL);
  for (const char *p = message; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        blank = TRUE;
      else
        {
          if (blank && str->len > 0)
            g_string_append_c (str, ' ');
          blank = FALSE;
          g_string_append_c (str, *p);
        }
    }

  return g_string_free (str, FALSE);
}

static char *
quote_identifier (TwDialectKind  kind,
                  const char    *name)
{
  char quote = kind == TW_DIALECT_KIND_MYSQL ? '`' : '"';
  GString *str = g_string_new (NULL);

  g_string_append_c (str, quote);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == quote)
        g_string_append_c (str, quote);
      g_string_append_c (str, *p);
    }
  g_string_append_c (str, quote);

  return g_string_free (str, FALSE);
}

/* GObject */

static void
tw_connection_dispose (GObject *object)
{
  TwConnection *self = (TwConnection *) object;
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  GThreadPool *pool;

  g_mutex_lock (&priv->state_lock);
  pool = g_steal_pointer (&priv->pool);
  g_mutex_unlock (&priv->state_lock);

  /* Work items keep the connection alive, so the queue is empty. On the
   * worker itself, waiting would wait for this very thread. */
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, g_private_get (&current_worker) != self);

  tw_connection_close (self);

  G_OBJECT_CLASS (tw_connection_parent_class)->dispose (object);
}

static void
tw_connection_finalize (GObject *object)
{
  TwConnection *self = (TwConnection *) object;
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_assert (priv->garbage == NULL);
  g_assert (priv->cancel_thread == NULL);

  g_clear_pointer (&priv->url, tw_url_unref);
  g_clear_pointer (&priv->display_url, g_free);
  g_clear_pointer (&priv->server_version, g_free);
  g_clear_pointer (&priv->last_error_details, tw_db_error_details_free);
  g_mutex_clear (&priv->lock);
  g_mutex_clear (&priv->state_lock);

  G_OBJECT_CLASS (tw_connection_parent_class)->finalize (object);
}

static void
tw_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TwConnection *self = TW_CONNECTION (object);
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_boxed (value, priv->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TwConnection *self = TW_CONNECTION (object);
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URL:
      g_assert (priv->url == NULL);
      priv->url = g_value_dup_boxed (value);
      if (priv->url != NULL)
        priv->display_url = tw_url_to_display_string (priv->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_connection_class_init (TwConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_connection_dispose;
  object_class->finalize = tw_connection_finalize;
  object_class->get_property = tw_connection_get_property;
  object_class->set_property = tw_connection_set_property;

  properties [PROP_URL] =
    g_param_spec_boxed ("url", NULL, NULL,
                        TW_TYPE_URL,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tw_connection_init (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_mutex_init (&priv->lock);
  g_mutex_init (&priv->state_lock);
}

/* Sessions, losses and calls */

/* Lock held. */
static void
flush_garbage (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwConnectionClass *klass = TW_CONNECTION_GET_CLASS (self);
  g_autoptr(GArray) garbage = NULL;

  g_mutex_lock (&priv->state_lock);
  garbage = g_steal_pointer (&priv->garbage);
  g_mutex_unlock (&priv->state_lock);

  if (garbage == NULL)
    return;

  for (guint i = 0; i < garbage->len; i++)
    {
      Garbage *item = &g_array_index (garbage, Garbage, i);

      klass->free_prepared (self, item->prepared,
                            priv->connected && item->generation == priv->generation);
    }
}

/* Lock held. Closes the dead session; a transaction it had is gone. */
static void
mark_lost (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_assert (priv->connected);

  TW_CONNECTION_GET_CLASS (self)->disconnect (self);
  priv->connected = FALSE;
  if (g_atomic_int_get (&priv->in_transaction))
    priv->lost_transaction = TRUE;
  g_atomic_int_set (&priv->in_transaction, FALSE);
}

/* Lock held. Reconnects when the server dropped the session since the last
 * call, unless a transaction went with it. */
static gboolean
ensure_connected (TwConnection  *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwConnectionClass *klass = TW_CONNECTION_GET_CLASS (self);

  if (priv->closed)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_FAILED,
                   _("The connection to %s is closed"), priv->display_url);
      return FALSE;
    }

  if (priv->connected && !klass->is_alive (self))
    {
      g_debug ("The server closed the connection to %s", priv->display_url);
      mark_lost (self);
    }

  if (priv->lost_transaction)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST,
                   _("The connection to %s was lost during a transaction, so the "
                     "server rolled the transaction back; roll back to go on"),
                   priv->display_url);
      return FALSE;
    }

  if (!priv->connected)
    {
      if (!klass->connect (self, cancellable, error))
        return FALSE;

      priv->connected = TRUE;
      priv->generation++;
      if (priv->server_version == NULL)
        priv->server_version = klass->get_server_version (self);
      g_atomic_int_set (&priv->in_transaction, klass->in_transaction (self));
    }

  return TRUE;
}

static gpointer
cancel_thread_func (gpointer data)
{
  TwConnection *self = data;

  TW_CONNECTION_GET_CLASS (self)->cancel (self);
  return NULL;
}

/* Runs on the thread that cancels. Stopping a query can take a round trip
 * (PQcancel, KILL QUERY), so it happens on a thread of its own, which the
 * call joins before it returns. */
static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  TwConnection *self = user_data;
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_mutex_lock (&priv->state_lock);
  if (priv->cancel_thread == NULL && TW_CONNECTION_GET_CLASS (self)->cancel != NULL)
    priv->cancel_thread = g_thread_new ("tw-cancel", cancel_thread_func, self);
  g_mutex_unlock (&priv->state_lock);
}

/* Takes the lock, which call_end() releases whatever this returns. */
static gboolean
call_begin (Call          *call,
            TwConnection  *self,
            GCancellable  *cancellable,
            gboolean       acknowledge_loss,
            GError       **error)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  call->self = self;
  call->cancellable = cancellable;
  call->handler_id = 0;

  g_mutex_lock (&priv->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  flush_garbage (self);

  if (acknowledge_loss)
    priv->lost_transaction = FALSE;

  if (!ensure_connected (self, cancellable, error))
    return FALSE;

  if (cancellable != NULL)
    call->handler_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  return TRUE;
}

static void
call_end (Call    *call,
          GError **error)
{
  TwConnection *self = call->self;
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwConnectionClass *klass = TW_CONNECTION_GET_CLASS (self);
  GThread *cancel_thread;

  if (call->handler_id != 0)
    g_cancellable_disconnect (call->cancellable, call->handler_id);

  g_mutex_lock (&priv->state_lock);
  cancel_thread = g_steal_pointer (&priv->cancel_thread);
  g_mutex_unlock (&priv->state_lock);
  if (cancel_thread != NULL)
    g_thread_join (cancel_thread);

  if (*error != NULL)
    {
      if (g_error_matches (*error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST) && priv->connected)
        mark_lost (self);

      if (g_cancellable_is_cancelled (call->cancellable) &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Cancelled: %s", (*error)->message);
          g_clear_error (error);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The operation was cancelled"));
        }
    }

  g_atomic_int_set (&priv->in_transaction,
                    priv->connected && klass->in_transaction (self));

  g_mutex_lock (&priv->state_lock);
  g_clear_pointer (&priv->last_error_details, tw_db_error_details_free);
  if (*error != NULL && (*error)->domain == TW_DB_ERROR)
    priv->last_error_details = tw_db_error_details_copy (tw_db_error_get_details (*error));
  g_mutex_unlock (&priv->state_lock);

  g_mutex_unlock (&priv->lock);
}

/* Opening and closing */

static TwConnection *
connection_new (TwUrl *url)
{
  GType type;

  switch (tw_url_get_dialect (url))
    {
    case TW_DIALECT_KIND_SQLITE:
      type = TW_TYPE_SQLITE_CONNECTION;
      break;
    case TW_DIALECT_KIND_POSTGRESQL:
      type = TW_TYPE_POSTGRESQL_CONNECTION;
      break;
    case TW_DIALECT_KIND_MYSQL:
      type = TW_TYPE_MYSQL_CONNECTION;
      break;
    default:
      g_assert_not_reached ();
    }

  return g_object_new (type, "url", url, NULL);
}

static gboolean
connect_now (TwConnection  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Call call;

  call_begin (&call, self, cancellable, FALSE, &local_error);
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

TwConnection *
tw_connection_open (TwUrl         *url,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(TwConnection) self = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = connection_new (url);
  if (!connect_now (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_in_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TwConnection *self = task_data;
  GError *error = NULL;

  if (connect_now (self, cancellable, &error))
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  else
    g_task_return_error (task, error);
}

void
tw_connection_open_async (TwUrl               *url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(TwConnection) self = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* The connection exists from the start, unconnected, so that its own
   * worker can connect it. */
  self = connection_new (url);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_connection_open_async);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);
  _tw_connection_push (self, g_steal_pointer (&task), open_in_worker);
}

TwConnection *
tw_connection_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tw_connection_close (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_return_if_fail (TW_IS_CONNECTION (self));

  g_mutex_lock (&priv->lock);
  priv->closed = TRUE;
  flush_garbage (self);
  if (priv->connected)
    {
      TW_CONNECTION_GET_CLASS (self)->disconnect (self);
      priv->connected = FALSE;
    }
  g_atomic_int_set (&priv->in_transaction, FALSE);
  g_mutex_unlock (&priv->lock);
}

/* Properties */

TwUrl *
tw_connection_get_url (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);

  return priv->url;
}

TwDialectKind
tw_connection_get_dialect_kind (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_return_val_if_fail (TW_IS_CONNECTION (self), TW_DIALECT_KIND_SQLITE);

  return tw_url_get_dialect (priv->url);
}

const char *
tw_connection_get_server_version (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);

  return priv->server_version;
}

const char *
_tw_connection_get_display_url (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_assert (TW_IS_CONNECTION (self));

  return priv->display_url;
}

gboolean
tw_connection_in_transaction (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);

  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);

  return g_atomic_int_get (&priv->in_transaction);
}

TwDbErrorDetails *
tw_connection_get_last_error_details (TwConnection *self)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwDbErrorDetails *details = NULL;

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);

  g_mutex_lock (&priv->state_lock);
  if (priv->last_error_details != NULL)
    details = tw_db_error_details_copy (priv->last_error_details);
  g_mutex_unlock (&priv->state_lock);

  return details;
}

/* The worker */

static void
worker_func (gpointer data,
             gpointer user_data)
{
  WorkItem *item = data;

  g_private_set (&current_worker, user_data);
  item->func (item->task,
              g_task_get_source_object (item->task),
              g_task_get_task_data (item->task),
              g_task_get_cancellable (item->task));
  /* This may drop the last reference to the connection. */
  g_clear_object (&item->task);
  g_private_set (&current_worker, NULL);
  g_free (item);
}

void
_tw_connection_push (TwConnection    *self,
                     GTask           *task,
                     GTaskThreadFunc  func)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  WorkItem *item;

  g_return_if_fail (TW_IS_CONNECTION (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  item = g_new0 (WorkItem, 1);
  item->task = task;
  item->func = func;

  g_mutex_lock (&priv->state_lock);
  /* One thread at most: the items run one after another, in order. */
  if (priv->pool == NULL)
    priv->pool = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);
  g_thread_pool_push (priv->pool, item, NULL);
  g_mutex_unlock (&priv->state_lock);
}

/* Statements */

TwResult *
tw_connection_execute (TwConnection     *self,
                       const char       *sql,
                       TwValue * const  *params,
                       guint             n_params,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  TwResult *result = NULL;
  Call call;

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (params != NULL || n_params == 0, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_params; i++)
    g_return_val_if_fail (params[i] != NULL, NULL);

  if (call_begin (&call, self, cancellable, FALSE, &local_error))
    {
      result = TW_CONNECTION_GET_CLASS (self)->execute (self, sql, params, n_params, &local_error);
      g_assert ((result == NULL) == (local_error != NULL));
    }
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_clear_pointer (&result, tw_result_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return result;
}

typedef struct
{
  char     *sql;
  TwValue **params;
  guint     n_params;
} ExecuteData;

static void
execute_data_free (ExecuteData *data)
{
  for (guint i = 0; i < data->n_params; i++)
    tw_value_free (data->params[i]);
  g_free (data->params);
  g_free (data->sql);
  g_free (data);
}

static void
execute_in_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TwConnection *self = source_object;
  ExecuteData *data = task_data;
  GError *error = NULL;
  TwResult *result;

  result = tw_connection_execute (self, data->sql, data->params, data->n_params,
                                  cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tw_result_unref);
}

void
tw_connection_execute_async (TwConnection        *self,
                             const char          *sql,
                             TwValue * const     *params,
                             guint                n_params,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExecuteData *data;

  g_return_if_fail (TW_IS_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (params != NULL || n_params == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* The worker reads only this frozen copy. */
  data = g_new0 (ExecuteData, 1);
  data->sql = g_strdup (sql);
  data->params = g_new0 (TwValue *, MAX (n_params, 1));
  data->n_params = n_params;
  for (guint i = 0; i < n_params; i++)
    data->params[i] = tw_value_copy (params[i]);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_connection_execute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) execute_data_free);
  _tw_connection_push (self, g_steal_pointer (&task), execute_in_worker);
}

TwResult *
tw_connection_execute_finish (TwConnection  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
tw_connection_execute_script (TwConnection  *self,
                              const char    *sql,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Call call;

  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (call_begin (&call, self, cancellable, FALSE, &local_error))
    {
      gboolean ok;

      ok = TW_CONNECTION_GET_CLASS (self)->execute_script (self, sql, cancellable, &local_error);
      g_assert (ok == (local_error == NULL));
    }
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
execute_script_in_worker (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  TwConnection *self = source_object;
  const char *sql = task_data;
  GError *error = NULL;

  if (tw_connection_execute_script (self, sql, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tw_connection_execute_script_async (TwConnection        *self,
                                    const char          *sql,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TW_IS_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_connection_execute_script_async);
  g_task_set_task_data (task, g_strdup (sql), g_free);
  _tw_connection_push (self, g_steal_pointer (&task), execute_script_in_worker);
}

gboolean
tw_connection_execute_script_finish (TwConnection  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

TwStatement *
tw_connection_prepare (TwConnection  *self,
                       const char    *sql,
                       GCancellable  *cancellable,
                       GError       **error)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  g_autoptr(GError) local_error = NULL;
  TwStatement *statement = NULL;
  Call call;

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (call_begin (&call, self, cancellable, FALSE, &local_error))
    {
      gpointer prepared;
      guint n_params = 0;

      prepared = TW_CONNECTION_GET_CLASS (self)->prepare (self, sql, &n_params, &local_error);
      if (prepared != NULL)
        statement = _tw_statement_new (self, sql, prepared, n_params, priv->generation);
    }
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_clear_object (&statement);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return statement;
}

TwResult *
_tw_connection_execute_statement (TwConnection     *self,
                                  TwStatement      *statement,
                                  TwValue * const  *params,
                                  guint             n_params,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwConnectionClass *klass = TW_CONNECTION_GET_CLASS (self);
  g_autoptr(GError) local_error = NULL;
  TwResult *result = NULL;
  Call call;

  g_return_val_if_fail (TW_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (TW_IS_STATEMENT (statement), NULL);

  for (guint i = 0; i < n_params; i++)
    g_return_val_if_fail (params[i] != NULL, NULL);

  if (call_begin (&call, self, cancellable, FALSE, &local_error))
    {
      const char *sql = tw_statement_get_sql (statement);
      gpointer prepared;
      guint generation;

      /* A statement prepared in an earlier session is prepared again. */
      prepared = _tw_statement_get_prepared (statement, &generation);
      if (prepared != NULL && generation != priv->generation)
        {
          klass->free_prepared (self, prepared, FALSE);
          _tw_statement_set_prepared (statement, NULL,
                                      tw_statement_get_n_params (statement), 0);
          prepared = NULL;
        }
      if (prepared == NULL)
        {
          guint n = 0;

          prepared = klass->prepare (self, sql, &n, &local_error);
          if (prepared != NULL)
            _tw_statement_set_prepared (statement, prepared, n, priv->generation);
        }

      if (prepared != NULL)
        {
          if (n_params != tw_statement_get_n_params (statement))
            g_set_error (&local_error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                         _("The statement has %u parameters, but %u values were given, "
                           "in statement: %s"),
                         tw_statement_get_n_params (statement), n_params, sql);
          else
            result = klass->execute_prepared (self, prepared, sql, params, n_params, &local_error);
        }
    }
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_clear_pointer (&result, tw_result_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return result;
}

void
_tw_connection_discard_prepared (TwConnection *self,
                                 gpointer      prepared,
                                 guint         generation)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  Garbage item = { prepared, generation };

  g_assert (TW_IS_CONNECTION (self));

  g_mutex_lock (&priv->state_lock);
  if (priv->garbage == NULL)
    priv->garbage = g_array_new (FALSE, FALSE, sizeof (Garbage));
  g_array_append_val (priv->garbage, item);
  g_mutex_unlock (&priv->state_lock);
}

/* Transactions */

static gboolean
run_control_statement (TwConnection  *self,
                       const char    *sql,
                       GError       **error)
{
  TwResult *result;

  result = TW_CONNECTION_GET_CLASS (self)->execute (self, sql, NULL, 0, error);
  if (result == NULL)
    return FALSE;

  tw_result_unref (result);
  return TRUE;
}

/* Lock held. */
static gboolean
run_transaction_op (TwConnection   *self,
                    TransactionOp   op,
                    const char     *name,
                    GError        **error)
{
  TwConnectionPrivate *priv = tw_connection_get_instance_private (self);
  TwConnectionClass *klass = TW_CONNECTION_GET_CLASS (self);
  TwDialectKind kind = tw_url_get_dialect (priv->url);
  gboolean in_transaction = klass->in_transaction (self);
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  if (name != NULL)
    quoted = quote_identifier (kind, name);

  switch (op)
    {
    case TRANSACTION_BEGIN:
      if (in_transaction)
        {
          g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                       _("A transaction is already in progress on %s; use a savepoint "
                         "to nest one"), priv->display_url);
          return FALSE;
        }
      return run_control_statement (self,
                                    kind == TW_DIALECT_KIND_MYSQL ? "START TRANSACTION" : "BEGIN",
                                    error);

    case TRANSACTION_COMMIT:
      if (!in_transaction)
        {
          g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                       _("There is no transaction to commit on %s"), priv->display_url);
          return FALSE;
        }
      if (klass->transaction_failed != NULL && klass->transaction_failed (self))
        {
          run_control_statement (self, "ROLLBACK", NULL);
          g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                       _("The transaction on %s was rolled back instead of committed, "
                         "because a statement in it had failed"), priv->display_url);
          return FALSE;
        }
      return run_control_statement (self, "COMMIT", error);

    case TRANSACTION_ROLLBACK:
      if (!in_transaction)
        return TRUE;
      return run_control_statement (self, "ROLLBACK", error);

    case TRANSACTION_SAVEPOINT:
      sql = g_strdup_printf ("SAVEPOINT %s", quoted);
      break;
    case TRANSACTION_RELEASE_SAVEPOINT:
      sql = g_strdup_printf ("RELEASE SAVEPOINT %s", quoted);
      break;
    case TRANSACTION_ROLLBACK_TO_SAVEPOINT:
      sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT %s", quoted);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!in_transaction)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                   _("Savepoint “%s” needs a transaction on %s: begin one first"),
                   name, priv->display_url);
      return FALSE;
    }

  return run_control_statement (self, sql, error);
}

static gboolean
transaction_call (TwConnection   *self,
                  TransactionOp   op,
                  const char     *name,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  Call call;

  /* A rollback acknowledges a transaction lost with the connection. */
  if (call_begin (&call, self, cancellable, op == TRANSACTION_ROLLBACK, &local_error))
    run_transaction_op (self, op, name, &local_error);
  call_end (&call, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
tw_connection_begin (TwConnection  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_BEGIN, NULL, cancellable, error);
}

gboolean
tw_connection_commit (TwConnection  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_COMMIT, NULL, cancellable, error);
}

gboolean
tw_connection_rollback (TwConnection  *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_ROLLBACK, NULL, cancellable, error);
}

gboolean
tw_connection_savepoint (TwConnection  *self,
                         const char    *name,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_SAVEPOINT, name, cancellable, error);
}

gboolean
tw_connection_release_savepoint (TwConnection  *self,
                                 const char    *name,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_RELEASE_SAVEPOINT, name, cancellable, error);
}

gboolean
tw_connection_rollback_to_savepoint (TwConnection  *self,
                                     const char    *name,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transaction_call (self, TRANSACTION_ROLLBACK_TO_SAVEPOINT, name, cancellable, error);
}
