/* tw-row-estimate.c: how many rows each table holds, as the catalog guesses
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-row-estimate"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tw-connection-private.h"
#include "tw-dialect.h"
#include "tw-row-estimate.h"

static GHashTable *
new_estimates (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The value as a count: drivers give counts as integers, numerics or text. */
static gboolean
value_to_count (const TwValue *value,
                gint64        *count)
{
  const char *text;
  char       *end = NULL;

  g_assert (count != NULL);

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_INT64:
      *count = tw_value_get_int64 (value);
      return TRUE;

    case TW_VALUE_KIND_DOUBLE:
      *count = (gint64) tw_value_get_double (value);
      return TRUE;

    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_TEXT:
      text = tw_value_get_text (value);
      if (text == NULL)
        return FALSE;
      *count = g_ascii_strtoll (text, &end, 10);
      return end != text;

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return FALSE;
    }
}

static void
add_estimate (GHashTable *estimates,
              const char *table,
              gint64      count)
{
  g_assert (estimates != NULL);

  if (table == NULL || count < 0)
    return;

  g_hash_table_replace (estimates, g_strdup (table), g_memdup2 (&count, sizeof count));
}

/* Rows of (name, count) from a catalog query. */
static GHashTable *
estimates_from_query (TwConnection  *connection,
                      const char    *sql,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GHashTable) estimates = new_estimates ();

  result = tw_connection_execute (connection, sql, NULL, 0, cancellable, error);
  if (result == NULL)
    return NULL;

  for (guint i = 0; i < tw_result_get_n_rows (result); i++)
    {
      const TwValue *name = tw_result_get_value (result, i, 0);
      gint64         count;

      if (tw_value_get_kind (name) != TW_VALUE_KIND_TEXT)
        continue;
      if (value_to_count (tw_result_get_value (result, i, 1), &count))
        add_estimate (estimates, tw_value_get_text (name), count);
    }

  return g_steal_pointer (&estimates);
}

static GHashTable *
estimate_sqlite (TwConnection  *connection,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr (TwResult) tables = NULL;
  g_autoptr (TwResult) stat = NULL;
  g_autoptr (GHashTable) estimates = new_estimates ();
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  gboolean   has_stat;

  tables = tw_connection_execute (connection,
                                  "SELECT name, sql FROM sqlite_master "
                                  "WHERE type = 'table' ORDER BY name",
                                  NULL, 0, cancellable, error);
  if (tables == NULL)
    return NULL;

  /* ANALYZE keeps the row count as the first number of each stat. */
  has_stat = FALSE;
  for (guint i = 0; i < tw_result_get_n_rows (tables); i++)
    {
      const TwValue *name = tw_result_get_value (tables, i, 0);

      if (g_strcmp0 (tw_value_get_text (name), "sqlite_stat1") == 0)
        has_stat = TRUE;
    }

  if (has_stat)
    {
      stat = tw_connection_execute (connection, "SELECT tbl, stat FROM sqlite_stat1",
                                    NULL, 0, cancellable, error);
      if (stat == NULL)
        return NULL;

      for (guint i = 0; i < tw_result_get_n_rows (stat); i++)
        {
          const TwValue *name = tw_result_get_value (stat, i, 0);
          gint64         count;

          if (tw_value_get_kind (name) == TW_VALUE_KIND_TEXT &&
              value_to_count (tw_result_get_value (stat, i, 1), &count))
            add_estimate (estimates, tw_value_get_text (name), count);
        }
    }

  /* Tables ANALYZE has not seen: the largest rowid is one index lookup, and
   * as good a guess as the catalogs of the servers give. */
  for (guint i = 0; i < tw_result_get_n_rows (tables); i++)
    {
      const char *name = tw_value_get_text (tw_result_get_value (tables, i, 0));
      const TwValue *sql_value = tw_result_get_value (tables, i, 1);
      g_autofree char *upper = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      g_autoptr (TwResult) max = NULL;
      gint64 count = 0;

      if (name == NULL || g_str_has_prefix (name, "sqlite_") ||
          g_hash_table_contains (estimates, name))
        continue;

      if (tw_value_get_kind (sql_value) == TW_VALUE_KIND_TEXT)
        {
          upper = g_ascii_strup (tw_value_get_text (sql_value), -1);
          if (strstr (upper, "WITHOUT ROWID") != NULL || strstr (upper, "VIRTUAL") != NULL)
            continue;
        }

      quoted = tw_dialect_quote_identifier (dialect, name);
      sql = g_strdup_printf ("SELECT max(rowid) FROM %s", quoted);
      max = tw_connection_execute (connection, sql, NULL, 0, cancellable, error);
      if (max == NULL)
        return NULL;

      if (tw_result_get_n_rows (max) == 1 &&
          !value_to_count (tw_result_get_value (max, 0, 0), &count))
        count = 0;
      add_estimate (estimates, name, count);
    }

  return g_steal_pointer (&estimates);
}

GHashTable *
tw_row_estimate (TwConnection  *connection,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (tw_connection_get_dialect_kind (connection))
    {
    case TW_DIALECT_KIND_SQLITE:
      return estimate_sqlite (connection, cancellable, error);

    case TW_DIALECT_KIND_POSTGRESQL:
      /* reltuples is -1 for a table never vacuumed or analysed: unknown. */
      return estimates_from_query (connection,
                                   "SELECT c.relname::text, c.reltuples::bigint "
                                   "FROM pg_catalog.pg_class c "
                                   "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = current_schema() "
                                   "AND c.relkind IN ('r', 'p')",
                                   cancellable, error);

    case TW_DIALECT_KIND_MYSQL:
      return estimates_from_query (connection,
                                   "SELECT TABLE_NAME, TABLE_ROWS "
                                   "FROM information_schema.TABLES "
                                   "WHERE TABLE_SCHEMA = DATABASE() "
                                   "AND TABLE_TYPE = 'BASE TABLE'",
                                   cancellable, error);

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Row counts cannot be estimated for this kind of database"));
      return NULL;
    }
}

static void
estimate_in_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GHashTable *estimates;
  GError     *error = NULL;

  estimates = tw_row_estimate (source_object, cancellable, &error);
  if (estimates == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, estimates, (GDestroyNotify) g_hash_table_unref);
}

void
tw_row_estimate_async (TwConnection        *connection,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_row_estimate_async);
  _tw_connection_push (connection, g_steal_pointer (&task), estimate_in_worker);
}

GHashTable *
tw_row_estimate_finish (TwConnection  *connection,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
