/* test-row-estimate.c: row counts read from the catalogs, on every dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-row-estimate"

#include "config.h"

#include "tw-row-estimate.h"
#include "tw-test-db.h"

static void
fill_table (TwTestDbFixture *fixture)
{
  g_autoptr (TwResult) result = NULL;

  result = tw_test_db_exec (fixture->connection,
                            "CREATE TABLE counted (id INTEGER PRIMARY KEY, name VARCHAR(20))",
                            NULL);
  g_clear_pointer (&result, tw_result_unref);
  result = tw_test_db_exec (fixture->connection,
                            "CREATE TABLE empty_one (id INTEGER PRIMARY KEY)", NULL);
  for (guint i = 1; i <= 10; i++)
    tw_test_db_run_sql (fixture->connection, "INSERT INTO counted (id, name) VALUES (?, ?)",
                        tw_value_new_int64 (i), tw_value_new_text ("row"), NULL);
}

static gint64
lookup (GHashTable *estimates,
        const char *table)
{
  gint64 *count = g_hash_table_lookup (estimates, table);

  return count != NULL ? *count : -1;
}

static void
estimate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GHashTable **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = tw_row_estimate_finish (TW_CONNECTION (object), result, &error);
  g_assert_no_error (error);
}

static GHashTable *
estimate_async (TwConnection *connection)
{
  GHashTable *estimates = NULL;

  tw_row_estimate_async (connection, NULL, estimate_cb, &estimates);
  while (estimates == NULL)
    g_main_context_iteration (NULL, TRUE);

  return estimates;
}

static void
test_estimate (TwTestDbFixture *fixture,
               gconstpointer    data)
{
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 count;

  fill_table (fixture);

  before = tw_row_estimate (fixture->connection, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (before);

  switch (fixture->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      /* Without statistics: the largest rowid. */
      g_assert_cmpint (lookup (before, "counted"), ==, 10);
      g_assert_cmpint (lookup (before, "empty_one"), ==, 0);
      result = tw_test_db_exec (fixture->connection, "ANALYZE", NULL);
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      /* Never analysed: unknown, not a wrong number. */
      g_assert_cmpint (lookup (before, "counted"), ==, -1);
      result = tw_test_db_exec (fixture->connection, "ANALYZE", NULL);
      break;

    case TW_DIALECT_KIND_MYSQL:
      result = tw_test_db_exec (fixture->connection, "ANALYZE TABLE counted, empty_one", NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  /* With statistics, through the worker. */
  after = estimate_async (fixture->connection);
  count = lookup (after, "counted");
  g_test_message ("counted: %" G_GINT64_FORMAT, count);
  if (fixture->kind == TW_DIALECT_KIND_MYSQL)
    {
      /* InnoDB samples: close, not exact. */
      g_assert_cmpint (count, >=, 5);
      g_assert_cmpint (count, <=, 20);
    }
  else
    g_assert_cmpint (count, ==, 10);
}

static void
test_cancelled (void)
{
  g_autoptr (TwConnection) connection = tw_test_db_connect (TW_DIALECT_KIND_SQLITE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GHashTable *estimates;

  g_assert_nonnull (connection);
  g_cancellable_cancel (cancellable);
  estimates = tw_row_estimate (connection, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (estimates);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  tw_test_db_add ("/db/row-estimate/counts", NULL, test_estimate);
  g_test_add_func ("/db/row-estimate/cancelled", test_cancelled);

  return tw_test_db_run ();
}
