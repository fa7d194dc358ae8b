/* test-schema-apply.c: live create_all and drop_all with checkfirst, transactions and reports
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-schema-apply"

#include "config.h"

#include <string.h>

#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-schema-apply.h"
#include "tw-test-db.h"
#include "tw-test-schemas.h"

static char **
table_names (TwConnection *connection)
{
  g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
  g_autoptr (GError) error = NULL;
  char **names;

  names = tw_inspector_get_table_names (inspector, NULL, &error);
  g_assert_no_error (error);
  return names;
}

static char **
type_names (TwConnection *connection)
{
  g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
  g_autoptr (GError) error = NULL;
  char **names;

  names = tw_inspector_get_type_names (inspector, NULL, &error);
  g_assert_no_error (error);
  return names;
}

static void
assert_names (const char * const *actual,
              const char         *expected)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) actual);

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_tables (TwConnection *connection,
               const char   *expected)
{
  g_auto (GStrv) names = table_names (connection);

  assert_names ((const char * const *) names, expected);
}

static guint
count_kind (TwSchemaReport *report,
            TwDdlKind       kind)
{
  GPtrArray *statements = tw_schema_report_get_statements (report);
  guint count = 0;

  for (guint i = 0; i < statements->len; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind == kind)
        count++;
    }
  return count;
}

/* A model of one table of another model. */
static TwMetadata *
model_of (TwMetadata *metadata,
          const char *table_name)
{
  TwMetadata *part = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_copy (tw_metadata_find_table (metadata, table_name));
  GListModel *fks = tw_table_get_foreign_keys (table);

  /* Its foreign keys would name tables the part lacks. */
  while (g_list_model_get_n_items (fks) > 0)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, 0);

      tw_table_remove_foreign_key (table, fk);
    }
  tw_metadata_add_table (part, table);
  return part;
}

/* create_all on an empty database, again with checkfirst (nothing to do),
 * then drop_all, and drop_all again with checkfirst (nothing to do). */
static void
test_create_and_drop (TwTestDbFixture *fixture,
                      gconstpointer    data)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_all_types ();
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GPtrArray) compiled = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) types = NULL;
  gboolean postgresql = fixture->kind == TW_DIALECT_KIND_POSTGRESQL;

  compiled = tw_dialect_compile_create_all (tw_dialect_get (fixture->kind), metadata, &error);
  g_assert_no_error (error);

  g_assert_true (tw_schema_create_all (fixture->connection, metadata, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tw_schema_report_get_operation (report), ==, TW_SCHEMA_OPERATION_CREATE_ALL);
  g_assert_cmpint (tw_schema_report_get_dialect (report), ==, fixture->kind);
  g_assert_cmpint (tw_schema_report_get_transactional (report), ==, fixture->kind != TW_DIALECT_KIND_MYSQL);
  assert_names (tw_schema_report_get_created_tables (report), "everything diary");
  assert_names (tw_schema_report_get_skipped_tables (report), "");
  assert_names (tw_schema_report_get_dropped_tables (report), "");
  g_assert_cmpuint (tw_schema_report_get_statements (report)->len, ==, compiled->len);
  g_assert_null (tw_schema_report_get_failed_statement (report));
  g_assert_false (tw_schema_report_get_rolled_back (report));
  g_assert_false (tw_connection_in_transaction (fixture->connection));
  assert_tables (fixture->connection, "diary everything");
  types = type_names (fixture->connection);
  assert_names ((const char * const *) types, postgresql ? "mood" : "");

  text = tw_schema_report_to_string (report);
  g_assert_nonnull (strstr (text, "Created 2 tables: everything, diary"));
  g_assert_nonnull (strstr (text, "CREATE TABLE everything"));
  g_assert_nonnull (strstr (text, fixture->kind == TW_DIALECT_KIND_MYSQL ? "no transactional DDL"
                                                                           : "in one transaction"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&report, tw_schema_report_unref);

  /* Everything exists: no statement runs, not even CREATE TYPE. */
  g_assert_true (tw_schema_create_all (fixture->connection, metadata, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  assert_names (tw_schema_report_get_created_tables (report), "");
  assert_names (tw_schema_report_get_skipped_tables (report), "everything diary");
  g_assert_cmpuint (tw_schema_report_get_statements (report)->len, ==, 0);
  text = tw_schema_report_to_string (report);
  g_assert_nonnull (strstr (text, "Skipped 2 existing tables: everything, diary"));
  g_assert_nonnull (strstr (text, "No statement was executed."));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&report, tw_schema_report_unref);

  g_assert_true (tw_schema_drop_all (fixture->connection, metadata, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tw_schema_report_get_operation (report), ==, TW_SCHEMA_OPERATION_DROP_ALL);
  assert_names (tw_schema_report_get_dropped_tables (report), "diary everything");
  assert_names (tw_schema_report_get_skipped_tables (report), "");
  g_assert_cmpuint (count_kind (report, TW_DDL_KIND_DROP_TYPE), ==, postgresql ? 1 : 0);
  assert_tables (fixture->connection, "");
  g_clear_pointer (&types, g_strfreev);
  types = type_names (fixture->connection);
  assert_names ((const char * const *) types, "");
  g_clear_pointer (&report, tw_schema_report_unref);

  g_assert_true (tw_schema_drop_all (fixture->connection, metadata, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  assert_names (tw_schema_report_get_dropped_tables (report), "");
  assert_names (tw_schema_report_get_skipped_tables (report), "everything diary");
  g_assert_cmpuint (tw_schema_report_get_statements (report)->len, ==, 0);
  g_clear_pointer (&report, tw_schema_report_unref);

  /* Without checkfirst drop_all runs everything: IF EXISTS keeps it quiet. */
  g_assert_true (tw_schema_drop_all (fixture->connection, metadata, FALSE, &report, NULL, &error));
  g_assert_no_error (error);
  assert_names (tw_schema_report_get_dropped_tables (report), "diary everything");
}

/* checkfirst with some tables there: those are left alone, with their
 * indexes and the ALTER TABLE of a cycle. */
static void
test_checkfirst_partial (TwTestDbFixture *fixture,
                         gconstpointer    data)
{
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) users = model_of (tutorial, "users");
  g_autoptr (TwMetadata) cycle = tw_test_schema_cycle ();
  g_autoptr (TwMetadata) a = model_of (cycle, "a");
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (tw_schema_create_all (fixture->connection, users, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tw_schema_create_all (fixture->connection, tutorial, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  assert_names (tw_schema_report_get_created_tables (report), "addresses");
  assert_names (tw_schema_report_get_skipped_tables (report), "users");
  g_assert_cmpuint (count_kind (report, TW_DDL_KIND_CREATE_TABLE), ==, 1);
  assert_tables (fixture->connection, "addresses users");
  g_clear_pointer (&report, tw_schema_report_unref);

  /* The cycle: a exists (without its foreign key), b and c do not. */
  g_assert_true (tw_schema_create_all (fixture->connection, a, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_schema_create_all (fixture->connection, cycle, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  assert_names (tw_schema_report_get_created_tables (report), "b c");
  assert_names (tw_schema_report_get_skipped_tables (report), "a");
  /* SQLite keeps cycles inside CREATE TABLE; elsewhere only b's ALTER TABLE
   * runs, as a existed. */
  g_assert_cmpuint (count_kind (report, TW_DDL_KIND_ADD_CONSTRAINT), ==,
                    fixture->kind == TW_DIALECT_KIND_SQLITE ? 0 : 1);
  if (fixture->kind != TW_DIALECT_KIND_SQLITE)
    {
      GPtrArray *statements = tw_schema_report_get_statements (report);
      const TwDdlStatement *last = g_ptr_array_index (statements, statements->len - 1);

      g_assert_cmpint (last->kind, ==, TW_DDL_KIND_ADD_CONSTRAINT);
      g_assert_cmpstr (last->table, ==, "b");
    }
}

/* A statement that fails: SQLite and PostgreSQL roll everything back and
 * name the statement; MySQL keeps what ran and says so. */
static void
test_failure (TwTestDbFixture *fixture,
              gconstpointer    data)
{
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) addresses = model_of (tutorial, "addresses");
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const TwDdlStatement *failed;
  gboolean transactional = fixture->kind != TW_DIALECT_KIND_MYSQL;

  /* addresses exists: without checkfirst its CREATE TABLE fails after
   * users was created. */
  g_assert_true (tw_schema_create_all (fixture->connection, addresses, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (tw_schema_create_all (fixture->connection, tutorial, FALSE, &report, NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_DUPLICATE_OBJECT);
  g_assert_nonnull (strstr (error->message, "Statement 2 of 2 (create-table of “addresses”) failed"));
  g_assert_nonnull (strstr (error->message, "CREATE TABLE addresses"));
  g_assert_nonnull (report);

  failed = tw_schema_report_get_failed_statement (report);
  g_assert_nonnull (failed);
  g_assert_cmpint (failed->kind, ==, TW_DDL_KIND_CREATE_TABLE);
  g_assert_cmpstr (failed->table, ==, "addresses");
  g_assert_cmpint (tw_schema_report_get_rolled_back (report), ==, transactional);
  g_assert_cmpuint (tw_schema_report_get_statements (report)->len, ==, 1);
  text = tw_schema_report_to_string (report);
  g_assert_false (tw_connection_in_transaction (fixture->connection));

  if (transactional)
    {
      g_assert_nonnull (strstr (error->message, "everything was rolled back"));
      assert_names (tw_schema_report_get_created_tables (report), "");
      assert_tables (fixture->connection, "addresses");
      g_assert_nonnull (strstr (text, "everything was rolled back, nothing changed"));
    }
  else
    {
      g_assert_nonnull (strstr (error->message, "the 1 statement before it had already run and stays"));
      assert_names (tw_schema_report_get_created_tables (report), "users");
      assert_tables (fixture->connection, "addresses users");
      g_assert_nonnull (strstr (text, "the 1 statement before it had already run and stays"));
    }
}

/* In the caller's transaction, create_all uses a savepoint: rolling the
 * caller's transaction back takes the tables away. */
static void
test_in_transaction (TwTestDbFixture *fixture,
                     gconstpointer    data)
{
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) addresses = model_of (tutorial, "addresses");
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (tw_connection_begin (fixture->connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_schema_create_all (fixture->connection, tutorial, TRUE, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_in_transaction (fixture->connection));
  assert_tables (fixture->connection, "addresses users");
  g_assert_true (tw_connection_rollback (fixture->connection, NULL, &error));
  g_assert_no_error (error);
  assert_tables (fixture->connection, "");

  /* A failure inside rolls back to the savepoint only. */
  g_assert_true (tw_schema_create_all (fixture->connection, addresses, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_begin (fixture->connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tw_schema_create_all (fixture->connection, tutorial, FALSE, NULL, NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_DUPLICATE_OBJECT);
  g_clear_error (&error);
  g_assert_true (tw_connection_in_transaction (fixture->connection));
  g_assert_true (tw_connection_commit (fixture->connection, NULL, &error));
  g_assert_no_error (error);
  assert_tables (fixture->connection, "addresses");
}

static void
test_invalid_model (TwTestDbFixture *fixture,
                    gconstpointer    data)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("empty");
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GError) error = NULL;

  tw_metadata_add_table (metadata, table);
  g_assert_false (tw_schema_create_all (fixture->connection, metadata, TRUE, &report, NULL, &error));
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (report);
  assert_tables (fixture->connection, "");
}

/* The async pairs. */

typedef struct
{
  gboolean        ok;
  TwSchemaReport *report;
  GError         *error;
  gboolean        done;
} ApplyState;

static void
create_all_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ApplyState *state = user_data;

  state->ok = tw_schema_create_all_finish (TW_CONNECTION (source), result, &state->report, &state->error);
  state->done = TRUE;
}

static void
drop_all_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ApplyState *state = user_data;

  state->ok = tw_schema_drop_all_finish (TW_CONNECTION (source), result, &state->report, &state->error);
  state->done = TRUE;
}

static void
test_async (TwTestDbFixture *fixture,
            gconstpointer    data)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (20, 6);
  g_autoptr (TwMetadata) whole = tw_test_schema_generated (20, 6);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  ApplyState created = { FALSE, NULL, NULL, FALSE };
  ApplyState dropped = { FALSE, NULL, NULL, FALSE };
  ApplyState cancelled = { FALSE, NULL, NULL, FALSE };

  tw_schema_create_all_async (fixture->connection, metadata, TRUE, NULL, create_all_cb, &created);
  /* The worker reads a copy: the model may change meanwhile. */
  tw_metadata_remove_table (metadata, tw_metadata_find_table (metadata, "t0019"));
  tw_test_db_wait_for (&created.done);
  g_assert_no_error (created.error);
  g_assert_true (created.ok);
  g_assert_cmpuint (g_strv_length ((char **) tw_schema_report_get_created_tables (created.report)), ==, 20);
  tw_schema_report_unref (created.report);

  g_cancellable_cancel (cancellable);
  tw_schema_drop_all_async (fixture->connection, metadata, TRUE, cancellable, drop_all_cb, &cancelled);
  tw_test_db_wait_for (&cancelled.done);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (cancelled.ok);
  g_clear_error (&cancelled.error);
  g_clear_pointer (&cancelled.report, tw_schema_report_unref);

  tw_schema_drop_all_async (fixture->connection, whole, TRUE, NULL, drop_all_cb, &dropped);
  tw_test_db_wait_for (&dropped.done);
  g_assert_no_error (dropped.error);
  g_assert_true (dropped.ok);
  g_assert_cmpuint (g_strv_length ((char **) tw_schema_report_get_dropped_tables (dropped.report)), ==, 20);
  tw_schema_report_unref (dropped.report);
  assert_tables (fixture->connection, "");
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  tw_test_db_add ("/db/schema-apply/create-and-drop", NULL, test_create_and_drop);
  tw_test_db_add ("/db/schema-apply/checkfirst-partial", NULL, test_checkfirst_partial);
  tw_test_db_add ("/db/schema-apply/failure", NULL, test_failure);
  tw_test_db_add_dialect ("/db/schema-apply/in-transaction", TW_DIALECT_KIND_SQLITE, NULL,
                          test_in_transaction);
  tw_test_db_add_dialect ("/db/schema-apply/in-transaction", TW_DIALECT_KIND_POSTGRESQL, NULL,
                          test_in_transaction);
  tw_test_db_add ("/db/schema-apply/invalid-model", NULL, test_invalid_model);
  tw_test_db_add ("/db/schema-apply/async", NULL, test_async);

  return tw_test_db_run ();
}
