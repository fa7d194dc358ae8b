/* tw-statement.c: a prepared statement, reusable with new parameters
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-statement"

#include "config.h"

#include <gio/gio.h>

#include "tw-connection-private.h"
#include "tw-statement.h"

struct _TwStatement
{
  GObject       parent_instance;

  TwConnection *connection;
  char         *sql;
  /* The driver's handle, and the generation of the connection's session it
   * was prepared in; guarded by the connection's lock. */
  gpointer      prepared;
  guint         generation;
  guint         n_params;
};

G_DEFINE_FINAL_TYPE (TwStatement, tw_statement, G_TYPE_OBJECT)

typedef struct
{
  TwValue **params;
  guint     n_params;
} ExecuteData;

static void
execute_data_free (ExecuteData *data)
{
  for (guint i = 0; i < data->n_params; i++)
    tw_value_free (data->params[i]);
  g_free (data->params);
  g_free (data);
}

static void
tw_statement_finalize (GObject *object)
{
  TwStatement *self = (TwStatement *) object;

  /* The handle goes back to the connection before the reference does: the
   * connection frees it with its lock held. */
  if (self->prepared != NULL)
    _tw_connection_discard_prepared (self->connection,
                                     g_steal_pointer (&self->prepared),
                                     self->generation);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->sql, g_free);

  G_OBJECT_CLASS (tw_statement_parent_class)->finalize (object);
}

static void
tw_statement_class_init (TwStatementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_statement_finalize;
}

static void
tw_statement_init (TwStatement *self)
{
}

TwStatement *
_tw_statement_new (TwConnection *connection,
                   const char   *sql,
                   gpointer      prepared,
                   guint         n_params,
                   guint         generation)
{
  TwStatement *self;

  g_assert (TW_IS_CONNECTION (connection));
  g_assert (sql != NULL);

  self = g_object_new (TW_TYPE_STATEMENT, NULL);
  self->connection = g_object_ref (connection);
  self->sql = g_strdup (sql);
  self->prepared = prepared;
  self->n_params = n_params;
  self->generation = generation;
  return self;
}

gpointer
_tw_statement_get_prepared (TwStatement *self,
                            guint       *generation)
{
  g_assert (TW_IS_STATEMENT (self));

  *generation = self->generation;
  return self->prepared;
}

void
_tw_statement_set_prepared (TwStatement *self,
                            gpointer     prepared,
                            guint        n_params,
                            guint        generation)
{
  g_assert (TW_IS_STATEMENT (self));

  self->prepared = prepared;
  self->n_params = n_params;
  self->generation = generation;
}

TwConnection *
tw_statement_get_connection (TwStatement *self)
{
  g_return_val_if_fail (TW_IS_STATEMENT (self), NULL);

  return self->connection;
}

const char *
tw_statement_get_sql (TwStatement *self)
{
  g_return_val_if_fail (TW_IS_STATEMENT (self), NULL);

  return self->sql;
}

guint
tw_statement_get_n_params (TwStatement *self)
{
  g_return_val_if_fail (TW_IS_STATEMENT (self), 0);

  return self->n_params;
}

TwResult *
tw_statement_execute (TwStatement      *self,
                      TwValue * const  *params,
                      guint             n_params,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_return_val_if_fail (TW_IS_STATEMENT (self), NULL);
  g_return_val_if_fail (params != NULL || n_params == 0, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _tw_connection_execute_statement (self->connection, self,
                                           params, n_params,
                                           cancellable, error);
}

static void
execute_in_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TwStatement *self = source_object;
  ExecuteData *data = task_data;
  GError *error = NULL;
  TwResult *result;

  result = tw_statement_execute (self, data->params, data->n_params, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tw_result_unref);
}

void
tw_statement_execute_async (TwStatement         *self,
                            TwValue * const     *params,
                            guint                n_params,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExecuteData *data;

  g_return_if_fail (TW_IS_STATEMENT (self));
  g_return_if_fail (params != NULL || n_params == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* The worker reads only this frozen copy of the parameters. */
  data = g_new0 (ExecuteData, 1);
  data->params = g_new0 (TwValue *, MAX (n_params, 1));
  data->n_params = n_params;
  for (guint i = 0; i < n_params; i++)
    data->params[i] = tw_value_copy (params[i]);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_statement_execute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) execute_data_free);
  _tw_connection_push (self->connection, g_steal_pointer (&task), execute_in_worker);
}

TwResult *
tw_statement_execute_finish (TwStatement   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
