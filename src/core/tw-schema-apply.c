/* tw-schema-apply.c: MetaData.create_all() and drop_all() on a live database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-schema-apply"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-connection-private.h"
#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-schema-apply.h"

/* The savepoint that stands for the transaction when the caller has one
 * open already. */
#define SAVEPOINT_NAME "tw_schema_apply"

typedef struct
{
  TwMetadata        *metadata;  /* a copy only the worker reads */
  TwSchemaOperation  operation;
  gboolean           checkfirst;
  TwSchemaReport    *report;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_object (&data->metadata);
  g_clear_pointer (&data->report, tw_schema_report_unref);
  g_free (data);
}

static GHashTable *
set_of (char **names)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_hash_table_add (set, names[i]);
  /* The set owns the strings now. */
  g_free (names);
  return set;
}

/* Whether the statement runs, given what exists (existing is NULL without
 * checkfirst). */
static gboolean
should_run (TwSchemaOperation     operation,
            const TwDdlStatement *statement,
            GHashTable           *existing_tables,
            GHashTable           *existing_types)
{
  gboolean table_exists;

  if (existing_tables == NULL)
    return TRUE;

  switch (statement->kind)
    {
    case TW_DDL_KIND_CREATE_TYPE:
      return !g_hash_table_contains (existing_types, statement->table);

    case TW_DDL_KIND_DROP_TYPE:
      return g_hash_table_contains (existing_types, statement->table);

    case TW_DDL_KIND_CREATE_TABLE:
    case TW_DDL_KIND_CREATE_INDEX:
    case TW_DDL_KIND_ADD_CONSTRAINT:
    case TW_DDL_KIND_COMMENT:
    case TW_DDL_KIND_DROP_CONSTRAINT:
    case TW_DDL_KIND_DROP_INDEX:
    case TW_DDL_KIND_DROP_TABLE:
    default:
      table_exists = g_hash_table_contains (existing_tables, statement->table);
      return operation == TW_SCHEMA_OPERATION_CREATE_ALL ? !table_exists : table_exists;
    }
}

/* The statements of the compiled script that run (borrowed from
 * statements): with checkfirst, asks the database which tables and types
 * exist and keeps what should_run() says. Shared by apply() and
 * tw_schema_plan(), so that a plan shows exactly what runs. */
static GPtrArray *
filter_statements (TwConnection       *connection,
                   TwSchemaOperation   operation,
                   GPtrArray          *statements,
                   gboolean            checkfirst,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr (GHashTable) existing_tables = NULL;
  g_autoptr (GHashTable) existing_types = NULL;
  GPtrArray *to_run;

  g_assert (TW_IS_CONNECTION (connection));
  g_assert (statements != NULL);

  if (checkfirst)
    {
      g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
      char **names;

      if (!(names = tw_inspector_get_table_names (inspector, cancellable, error)))
        return NULL;
      existing_tables = set_of (names);
      if (!(names = tw_inspector_get_type_names (inspector, cancellable, error)))
        return NULL;
      existing_types = set_of (names);
    }

  to_run = g_ptr_array_new ();
  for (guint i = 0; i < statements->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (should_run (operation, statement, existing_tables, existing_types))
        g_ptr_array_add (to_run, statement);
    }

  return to_run;
}

static gboolean
begin (TwConnection  *connection,
       gboolean       nested,
       GCancellable  *cancellable,
       GError       **error)
{
  if (nested)
    return tw_connection_savepoint (connection, SAVEPOINT_NAME, cancellable, error);
  return tw_connection_begin (connection, cancellable, error);
}

static gboolean
commit (TwConnection  *connection,
        gboolean       nested,
        GCancellable  *cancellable,
        GError       **error)
{
  if (nested)
    return tw_connection_release_savepoint (connection, SAVEPOINT_NAME, cancellable, error);
  return tw_connection_commit (connection, cancellable, error);
}

/* Rolls back after a failure; a failure of the rollback itself adds to the
 * message, as the first error is what the user needs to see. */
static void
roll_back (TwConnection  *connection,
           gboolean       nested,
           GError       **error)
{
  g_autoptr (GError) rollback_error = NULL;
  gboolean ok;

  if (nested)
    ok = tw_connection_rollback_to_savepoint (connection, SAVEPOINT_NAME, NULL, &rollback_error) &&
         tw_connection_release_savepoint (connection, SAVEPOINT_NAME, NULL, &rollback_error);
  else
    ok = tw_connection_rollback (connection, NULL, &rollback_error);

  if (!ok && error != NULL && *error != NULL)
    {
      GError *combined = g_error_new ((*error)->domain, (*error)->code,
                                      _("%s (and rolling back failed too: %s)"),
                                      (*error)->message, rollback_error->message);

      g_clear_error (error);
      g_propagate_error (error, combined);
    }
}

static gboolean
apply (TwConnection       *connection,
       TwMetadata         *metadata,
       TwSchemaOperation   operation,
       gboolean            checkfirst,
       TwSchemaReport    **report_out,
       GCancellable       *cancellable,
       GError            **error)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (connection);
  TwDialect *dialect = tw_dialect_get (kind);
  gboolean transactional = kind != TW_DIALECT_KIND_MYSQL;
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GPtrArray) to_run = NULL;
  g_autoptr (GHashTable) handled = NULL;
  gboolean nested = FALSE;
  guint n_tables;

  if (report_out != NULL)
    *report_out = NULL;

  if (operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    statements = tw_dialect_compile_create_all (dialect, metadata, error);
  else
    statements = tw_dialect_compile_drop_all (dialect, metadata, error);
  if (statements == NULL)
    return FALSE;

  report = _tw_schema_report_new (operation, kind, transactional);
  if (report_out != NULL)
    *report_out = tw_schema_report_ref (report);

  if (!(to_run = filter_statements (connection, operation, statements, checkfirst, cancellable,
                                    error)))
    return FALSE;

  /* Tables the statements leave alone, in the model's order. */
  handled = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < to_run->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (to_run, i);

      if (statement->kind == TW_DDL_KIND_CREATE_TABLE || statement->kind == TW_DDL_KIND_DROP_TABLE)
        g_hash_table_add (handled, statement->table);
    }
  n_tables = tw_metadata_get_n_tables (metadata);
  for (guint i = 0; i < n_tables; i++)
    {
      const char *name = tw_table_get_name (tw_metadata_get_table (metadata, i));

      if (!g_hash_table_contains (handled, name))
        _tw_schema_report_add_skipped (report, name);
    }

  if (to_run->len == 0)
    return TRUE;

  if (transactional)
    {
      nested = tw_connection_in_transaction (connection);
      if (!begin (connection, nested, cancellable, error))
        return FALSE;
    }

  for (guint i = 0; i < to_run->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (to_run, i);
      g_autoptr (TwResult) result = NULL;

      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        result = tw_connection_execute (connection, statement->sql, NULL, 0, cancellable, error);

      if (result == NULL)
        {
          if (transactional)
            {
              roll_back (connection, nested, error);
              g_prefix_error (error,
                              _("Statement %u of %u (%s of “%s”) failed, and everything was "
                                "rolled back: "),
                              i + 1, to_run->len, tw_ddl_kind_to_string (statement->kind),
                              statement->table);
            }
          else if (i > 0)
            g_prefix_error (error,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Statement %u of %u (%s of “%s”) failed; the %u statement "
                                         "before it had already run and stays, as MySQL cannot roll "
                                         "back DDL: ",
                                         "Statement %u of %u (%s of “%s”) failed; the %u statements "
                                         "before it had already run and stay, as MySQL cannot roll "
                                         "back DDL: ",
                                         i),
                            i + 1, to_run->len, tw_ddl_kind_to_string (statement->kind),
                            statement->table, i);
          else
            g_prefix_error (error, _("Statement %u of %u (%s of “%s”) failed: "),
                            i + 1, to_run->len, tw_ddl_kind_to_string (statement->kind),
                            statement->table);

          _tw_schema_report_set_failed (report, statement, transactional);
          return FALSE;
        }

      _tw_schema_report_add_statement (report, statement);
      if (statement->kind == TW_DDL_KIND_CREATE_TABLE)
        _tw_schema_report_add_created (report, statement->table);
      else if (statement->kind == TW_DDL_KIND_DROP_TABLE)
        _tw_schema_report_add_dropped (report, statement->table);
    }

  if (transactional && !commit (connection, nested, cancellable, error))
    {
      roll_back (connection, nested, error);
      g_prefix_error (error, _("Committing the DDL failed, and everything was rolled back: "));
      _tw_schema_report_set_failed (report, g_ptr_array_index (to_run, to_run->len - 1), TRUE);
      return FALSE;
    }

  return TRUE;
}

gboolean
tw_schema_create_all (TwConnection    *connection,
                      TwMetadata      *metadata,
                      gboolean         checkfirst,
                      TwSchemaReport **report,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (TW_IS_METADATA (metadata), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply (connection, metadata, TW_SCHEMA_OPERATION_CREATE_ALL, checkfirst, report,
                cancellable, error);
}

gboolean
tw_schema_drop_all (TwConnection    *connection,
                    TwMetadata      *metadata,
                    gboolean         checkfirst,
                    TwSchemaReport **report,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (TW_IS_METADATA (metadata), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply (connection, metadata, TW_SCHEMA_OPERATION_DROP_ALL, checkfirst, report,
                cancellable, error);
}

static void
apply_in_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;

  if (apply (TW_CONNECTION (source_object), data->metadata, data->operation, data->checkfirst,
             &data->report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
apply_async (TwConnection        *connection,
             TwMetadata          *metadata,
             TwSchemaOperation    operation,
             gboolean             checkfirst,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  ApplyData *data;

  data = g_new0 (ApplyData, 1);
  data->metadata = tw_metadata_copy (metadata);
  data->operation = operation;
  data->checkfirst = checkfirst;

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  _tw_connection_push (connection, g_steal_pointer (&task), apply_in_worker);
}

/* The report of a finished task, also of a failed one. */
static void
take_report (GAsyncResult     *result,
             TwSchemaReport  **report)
{
  ApplyData *data = g_task_get_task_data (G_TASK (result));

  if (report != NULL)
    *report = data->report != NULL ? tw_schema_report_ref (data->report) : NULL;
}

void
tw_schema_create_all_async (TwConnection        *connection,
                            TwMetadata          *metadata,
                            gboolean             checkfirst,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (TW_IS_METADATA (metadata));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  apply_async (connection, metadata, TW_SCHEMA_OPERATION_CREATE_ALL, checkfirst, cancellable,
               callback, user_data, tw_schema_create_all_async);
}

gboolean
tw_schema_create_all_finish (TwConnection    *connection,
                             GAsyncResult    *result,
                             TwSchemaReport **report,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tw_schema_create_all_async, FALSE);

  take_report (result, report);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tw_schema_drop_all_async (TwConnection        *connection,
                          TwMetadata          *metadata,
                          gboolean             checkfirst,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (TW_IS_METADATA (metadata));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  apply_async (connection, metadata, TW_SCHEMA_OPERATION_DROP_ALL, checkfirst, cancellable,
               callback, user_data, tw_schema_drop_all_async);
}

gboolean
tw_schema_drop_all_finish (TwConnection    *connection,
                           GAsyncResult    *result,
                           TwSchemaReport **report,
                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tw_schema_drop_all_async, FALSE);

  take_report (result, report);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GPtrArray  *statements;
  char      **skipped_tables;
} Plan;

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->statements, g_ptr_array_unref);
  g_clear_pointer (&plan->skipped_tables, g_strfreev);
  g_free (plan);
}

static Plan *
plan (TwConnection       *connection,
      TwMetadata         *metadata,
      TwSchemaOperation   operation,
      gboolean            checkfirst,
      GCancellable       *cancellable,
      GError            **error)
{
  TwDialect *dialect = tw_dialect_get (tw_connection_get_dialect_kind (connection));
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GPtrArray) to_run = NULL;
  g_autoptr (GHashTable) handled = NULL;
  g_autoptr (GPtrArray) skipped = NULL;
  Plan *result;
  guint n_tables;

  if (operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    statements = tw_dialect_compile_create_all (dialect, metadata, error);
  else
    statements = tw_dialect_compile_drop_all (dialect, metadata, error);
  if (statements == NULL)
    return NULL;

  if (!(to_run = filter_statements (connection, operation, statements, checkfirst, cancellable,
                                    error)))
    return NULL;

  result = g_new0 (Plan, 1);
  result->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_ddl_statement_free);
  handled = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < to_run->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (to_run, i);

      g_ptr_array_add (result->statements, tw_ddl_statement_copy (statement));
      if (statement->kind == TW_DDL_KIND_CREATE_TABLE || statement->kind == TW_DDL_KIND_DROP_TABLE)
        g_hash_table_add (handled, statement->table);
    }

  /* Left alone, in the model's order, as the report of apply() says. */
  skipped = g_ptr_array_new ();
  n_tables = tw_metadata_get_n_tables (metadata);
  for (guint i = 0; i < n_tables; i++)
    {
      const char *name = tw_table_get_name (tw_metadata_get_table (metadata, i));

      if (!g_hash_table_contains (handled, name))
        g_ptr_array_add (skipped, g_strdup (name));
    }
  g_ptr_array_add (skipped, NULL);
  result->skipped_tables = (char **) g_ptr_array_free (g_steal_pointer (&skipped), FALSE);

  return result;
}

GPtrArray *
tw_schema_plan (TwConnection       *connection,
                TwMetadata         *metadata,
                TwSchemaOperation   operation,
                gboolean            checkfirst,
                char             ***skipped_tables,
                GCancellable       *cancellable,
                GError            **error)
{
  Plan *result;
  GPtrArray *statements;

  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (skipped_tables != NULL)
    *skipped_tables = NULL;
  if (!(result = plan (connection, metadata, operation, checkfirst, cancellable, error)))
    return NULL;

  statements = g_steal_pointer (&result->statements);
  if (skipped_tables != NULL)
    *skipped_tables = g_steal_pointer (&result->skipped_tables);
  plan_free (result);
  return statements;
}

static void
plan_in_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;
  Plan *result;

  if ((result = plan (TW_CONNECTION (source_object), data->metadata, data->operation,
                      data->checkfirst, cancellable, &error)))
    g_task_return_pointer (task, result, (GDestroyNotify) plan_free);
  else
    g_task_return_error (task, error);
}

void
tw_schema_plan_async (TwConnection        *connection,
                      TwMetadata          *metadata,
                      TwSchemaOperation    operation,
                      gboolean             checkfirst,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ApplyData *data;

  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (TW_IS_METADATA (metadata));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ApplyData, 1);
  data->metadata = tw_metadata_copy (metadata);
  data->operation = operation;
  data->checkfirst = checkfirst;

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_schema_plan_async);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  _tw_connection_push (connection, g_steal_pointer (&task), plan_in_worker);
}

GPtrArray *
tw_schema_plan_finish (TwConnection   *connection,
                       GAsyncResult   *result,
                       char         ***skipped_tables,
                       GError        **error)
{
  Plan *plan_result;
  GPtrArray *statements;

  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tw_schema_plan_async, NULL);

  if (skipped_tables != NULL)
    *skipped_tables = NULL;
  if (!(plan_result = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  statements = g_steal_pointer (&plan_result->statements);
  if (skipped_tables != NULL)
    *skipped_tables = g_steal_pointer (&plan_result->skipped_tables);
  plan_free (plan_result);
  return statements;
}
