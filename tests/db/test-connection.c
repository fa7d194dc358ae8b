/* test-connection.c: connections, statements, transactions, scripts, async
 * calls, cancelling and reconnecting, against SQLite, PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-connection"

#include "config.h"

#include <string.h>

#include "tw-connection.h"
#include "tw-test-db.h"

static GThread *main_thread;

static const char *
serial_primary_key (TwDialectKind kind)
{
  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      return "INTEGER PRIMARY KEY";
    case TW_DIALECT_KIND_POSTGRESQL:
      return "SERIAL PRIMARY KEY";
    case TW_DIALECT_KIND_MYSQL:
      return "INTEGER AUTO_INCREMENT PRIMARY KEY";
    default:
      g_assert_not_reached ();
    }
}

static gint64
query_int (TwConnection *connection,
           const char   *sql)
{
  g_autoptr(TwValue) value = tw_test_db_query_value (connection, sql, NULL);

  g_assert_cmpint (tw_value_get_kind (value), ==, TW_VALUE_KIND_INT64);
  return tw_value_get_int64 (value);
}

/* Placeholders */

static void
test_placeholder (void)
{
  static const struct
  {
    TwDialectKind  kind;
    guint          n;
    const char    *expected;
  } cases[] = {
    { TW_DIALECT_KIND_SQLITE, 1, "?" },
    { TW_DIALECT_KIND_SQLITE, 7, "?" },
    { TW_DIALECT_KIND_MYSQL, 3, "?" },
    { TW_DIALECT_KIND_POSTGRESQL, 1, "$1" },
    { TW_DIALECT_KIND_POSTGRESQL, 12, "$12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *placeholder = tw_dialect_kind_placeholder (cases[i].kind, cases[i].n);

      g_assert_cmpstr (placeholder, ==, cases[i].expected);
    }
}

/* Opening */

typedef struct
{
  TwConnection *connection;
  gboolean      done;
} OpenState;

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (source);
  g_assert_true (g_thread_self () == main_thread);
  state->connection = tw_connection_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state->connection);
  state->done = TRUE;
}

static void
test_open (TwTestDbFixture *fixture,
           gconstpointer    user_data)
{
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TwResult) result = NULL;
  OpenState state = { NULL, FALSE };
  TwConnection *closed;
  const char *version;

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);

  g_assert_cmpint (tw_connection_get_dialect_kind (fixture->connection), ==, fixture->kind);
  g_assert_true (tw_url_equal (tw_connection_get_url (fixture->connection), url));
  version = tw_connection_get_server_version (fixture->connection);
  g_assert_nonnull (version);
  g_assert_true (g_ascii_isdigit (version[0]));
  g_assert_false (tw_connection_in_transaction (fixture->connection));
  g_assert_null (tw_connection_get_last_error_details (fixture->connection));

  /* Asynchronously, on the connection's own worker. */
  tw_connection_open_async (url, NULL, open_cb, &state);
  tw_test_db_wait_for (&state.done);
  g_assert_cmpstr (tw_connection_get_server_version (state.connection), ==, version);
  g_assert_cmpint (query_int (state.connection, "SELECT 40 + 2"), ==, 42);
  tw_test_db_finalize_connection (state.connection);

  /* A closed connection stays closed. */
  closed = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
  tw_connection_close (closed);
  result = tw_connection_execute (closed, "SELECT 1", NULL, 0, NULL, &error);
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_FAILED);
  g_assert_null (result);
  g_assert_finalize_object (closed);
}

/* Statements */

static void
test_execute (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autofree char *create = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *name;
    gint64      age;
  } people[] = {
    { "Ada", 36 },
    { "Grace", 85 },
    { "Linus", 54 },
  };

  create = g_strdup_printf ("CREATE TABLE people (id %s, name VARCHAR(100) NOT NULL, age INTEGER)",
                            serial_primary_key (fixture->kind));
  tw_test_db_run_sql (connection, create, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(TwResult) insert = NULL;

      insert = tw_test_db_exec (connection, "INSERT INTO people (name, age) VALUES (?, ?)",
                                tw_value_new_text (people[i].name),
                                tw_value_new_int64 (people[i].age),
                                NULL);
      g_assert_cmpuint (tw_result_get_n_columns (insert), ==, 0);
      g_assert_cmpint (tw_result_get_affected_rows (insert), ==, 1);
      if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
        g_assert_cmpint (tw_result_get_last_insert_id (insert), ==, 0);
      else
        g_assert_cmpint (tw_result_get_last_insert_id (insert), ==, i + 1);
    }

  result = tw_test_db_exec (connection,
                            "SELECT id, name, age FROM people WHERE age > ? ORDER BY id",
                            tw_value_new_int64 (40), NULL);
  g_assert_cmpuint (tw_result_get_n_columns (result), ==, 3);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 2);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, -1);
  g_assert_cmpstr (tw_result_get_column_name (result, 0), ==, "id");
  g_assert_cmpstr (tw_result_get_column_name (result, 1), ==, "name");
  g_assert_cmpstr (tw_result_get_column_name (result, 2), ==, "age");
  g_assert_cmpint (tw_result_find_column (result, "age"), ==, 2);
  g_assert_cmpint (tw_result_find_column (result, "nope"), ==, -1);
  g_assert_cmpint (tw_result_get_column_kind (result, 0), ==, TW_VALUE_KIND_INT64);
  g_assert_cmpint (tw_result_get_column_kind (result, 1), ==, TW_VALUE_KIND_TEXT);
  g_assert_cmpint (tw_result_get_column_kind (result, 2), ==, TW_VALUE_KIND_INT64);
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 0, 0)), ==, 2);
  g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 0, 1)), ==, "Grace");
  g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 1, 1)), ==, "Linus");
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 1, 2)), ==, 54);
  g_clear_pointer (&result, tw_result_unref);

  /* An empty result still has its columns. */
  result = tw_test_db_exec (connection, "SELECT name, age FROM people WHERE 1 = 0", NULL);
  g_assert_cmpuint (tw_result_get_n_columns (result), ==, 2);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 0);
  g_assert_cmpstr (tw_result_get_column_name (result, 1), ==, "age");
  g_clear_pointer (&result, tw_result_unref);

  /* Counts are of matched rows, even where nothing changes (MySQL counts
   * changed rows unless told otherwise). */
  result = tw_test_db_exec (connection, "UPDATE people SET age = age + 1 WHERE age > ?",
                            tw_value_new_int64 (40), NULL);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, 2);
  g_clear_pointer (&result, tw_result_unref);
  result = tw_test_db_exec (connection, "UPDATE people SET name = name", NULL);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, 3);
  g_clear_pointer (&result, tw_result_unref);
  result = tw_test_db_exec (connection, "DELETE FROM people WHERE name = ?",
                            tw_value_new_text ("Ada"), NULL);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, 1);
  g_clear_pointer (&result, tw_result_unref);
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM people"), ==, 2);

  /* One statement at a time. */
  result = tw_connection_execute (connection, "SELECT 1; SELECT 2", NULL, 0, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == TW_DB_ERROR);
  g_assert_null (result);
  g_clear_error (&error);

  /* COPY needs a protocol of its own; the connection stays usable. */
  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      static const char * const copies[] = {
        "COPY (SELECT generate_series (1, 1000)) TO STDOUT",
        "COPY people (name) FROM STDIN",
      };

      for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
        {
          result = tw_connection_execute (connection, copies[i], NULL, 0, NULL, &error);
          g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
          g_assert_null (result);
          g_clear_error (&error);
          g_assert_cmpint (query_int (connection, "SELECT count(*) FROM people"), ==, 2);
        }
    }

  /* A NULL parameter and NULL values. */
  tw_test_db_run_sql (connection, "INSERT INTO people (name, age) VALUES (?, ?)",
                      tw_value_new_text ("Nobody"), tw_value_new_null (), NULL);
  result = tw_test_db_exec (connection, "SELECT age FROM people WHERE name = ?",
                            tw_value_new_text ("Nobody"), NULL);
  g_assert_true (tw_value_is_null (tw_result_get_value (result, 0, 0)));
  g_clear_pointer (&result, tw_result_unref);

  /* RETURNING: the rows, and the count of the rows changed. */
  result = tw_test_db_exec (connection, "INSERT INTO people (name, age) VALUES (?, ?), (?, ?) RETURNING id, name",
                            tw_value_new_text ("Edsger"), tw_value_new_int64 (72),
                            tw_value_new_text ("Barbara"), tw_value_new_int64 (81), NULL);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 2);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, 2);
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 0, 0)), ==, 5);
  g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 1, 1)), ==, "Barbara");
}

static void
test_prepare (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(TwStatement) insert = NULL;
  g_autoptr(TwStatement) select = NULL;
  g_autoptr(TwStatement) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autofree char *insert_sql = NULL;
  g_autofree char *select_sql = NULL;

  tw_test_db_run_sql (connection,
                      "CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(50), price DOUBLE PRECISION)",
                      NULL);

  insert_sql = tw_test_db_sql (fixture->kind, "INSERT INTO items (id, label, price) VALUES (?, ?, ?)");
  insert = tw_connection_prepare (connection, insert_sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tw_statement_get_connection (insert) == connection);
  g_assert_cmpstr (tw_statement_get_sql (insert), ==, insert_sql);
  g_assert_cmpuint (tw_statement_get_n_params (insert), ==, 3);

  for (guint i = 1; i <= 100; i++)
    {
      g_autofree char *label = g_strdup_printf ("item %u", i);
      g_autoptr(TwValue) id = tw_value_new_int64 (i);
      g_autoptr(TwValue) text = tw_value_new_text (label);
      g_autoptr(TwValue) price = tw_value_new_double (i / 4.0);
      TwValue *params[] = { id, text, price };

      result = tw_statement_execute (insert, params, 3, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tw_result_get_affected_rows (result), ==, 1);
      g_clear_pointer (&result, tw_result_unref);
    }

  select_sql = tw_test_db_sql (fixture->kind, "SELECT label, price FROM items WHERE id = ?");
  select = tw_connection_prepare (connection, select_sql, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 100; i += 11)
    {
      g_autofree char *label = g_strdup_printf ("item %u", i);
      g_autoptr(TwValue) id = tw_value_new_int64 (i);
      TwValue *params[] = { id };

      result = tw_statement_execute (select, params, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tw_result_get_n_rows (result), ==, 1);
      g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 0, 0)), ==, label);
      g_assert_cmpfloat (tw_value_get_double (tw_result_get_value (result, 0, 1)), ==, i / 4.0);
      g_clear_pointer (&result, tw_result_unref);
    }

  /* The wrong number of values. */
  result = tw_statement_execute (select, NULL, 0, NULL, &error);
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "1 parameters, but 0 values"));
  g_assert_null (result);
  g_clear_error (&error);

  /* Errors in the SQL show when it is prepared. */
  bad = tw_connection_prepare (connection, "SELEC label FROM items", NULL, &error);
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_SYNTAX);
  g_assert_null (bad);
  g_clear_error (&error);

  /* Statements go away before the connection, which goes on working. */
  g_assert_finalize_object (g_steal_pointer (&insert));
  g_assert_finalize_object (g_steal_pointer (&select));
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM items"), ==, 100);
}

/* Transactions */

static void
test_transactions (TwTestDbFixture *fixture,
                   gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(GError) error = NULL;

  tw_test_db_run_sql (connection, "CREATE TABLE t (id INTEGER PRIMARY KEY)", NULL);

  /* Rollback. */
  g_assert_true (tw_connection_begin (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_in_transaction (connection));
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (1)", NULL);
  g_assert_true (tw_connection_rollback (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tw_connection_in_transaction (connection));
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t"), ==, 0);

  /* Commit, with a savepoint rolled back and one released. */
  g_assert_true (tw_connection_begin (connection, NULL, &error));
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (1)", NULL);
  g_assert_true (tw_connection_savepoint (connection, "before two", NULL, &error));
  g_assert_no_error (error);
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (2)", NULL);
  g_assert_true (tw_connection_rollback_to_savepoint (connection, "before two", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_in_transaction (connection));
  g_assert_true (tw_connection_savepoint (connection, "three", NULL, &error));
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (3)", NULL);
  g_assert_true (tw_connection_release_savepoint (connection, "three", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_commit (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tw_connection_in_transaction (connection));
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t"), ==, 2);
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t WHERE id = 2"), ==, 0);

  /* Misuse is an error, not a surprise. */
  g_assert_false (tw_connection_commit (connection, NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (tw_connection_savepoint (connection, "s", NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (tw_connection_rollback (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_connection_begin (connection, NULL, &error));
  g_assert_false (tw_connection_begin (connection, NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (tw_connection_in_transaction (connection));
  g_assert_true (tw_connection_rollback (connection, NULL, &error));

  /* A failed statement: PostgreSQL can then only roll back, and commit
   * says so. */
  g_assert_true (tw_connection_begin (connection, NULL, &error));
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (10)", NULL);
  {
    g_autoptr(TwResult) result = NULL;

    result = tw_connection_execute (connection, "INSERT INTO t (id) VALUES (1)", NULL, 0, NULL, &error);
    g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_assert_false (tw_connection_commit (connection, NULL, &error));
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "rolled back"));
      g_clear_error (&error);
      g_assert_false (tw_connection_in_transaction (connection));
      g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t WHERE id = 10"), ==, 0);
    }
  else
    {
      g_assert_true (tw_connection_commit (connection, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t WHERE id = 10"), ==, 1);
    }
}

/* Scripts */

static const char *sqlite_script =
  "CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT);\n"
  "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);\n"
  "-- a comment; with a semicolon\n"
  "/* a block comment; with another */\n"
  "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n"
  "  INSERT INTO log (msg) VALUES ('inserted; ' || NEW.v);\n"
  "END;\n"
  "INSERT INTO t (v) VALUES ('a;b'), ('it''s');\n";

static const char *postgresql_script =
  "CREATE TABLE log (id SERIAL PRIMARY KEY, msg TEXT);\n"
  "CREATE TABLE t (id SERIAL PRIMARY KEY, v TEXT);\n"
  "-- a comment; with a semicolon\n"
  "/* a block comment; with another */\n"
  "CREATE FUNCTION t_log () RETURNS trigger AS $$\n"
  "BEGIN\n"
  "  INSERT INTO log (msg) VALUES ('inserted; ' || NEW.v);\n"
  "  RETURN NEW;\n"
  "END;\n"
  "$$ LANGUAGE plpgsql;\n"
  "CREATE TRIGGER t_ins AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_log ();\n"
  "INSERT INTO t (v) VALUES ('a;b'), ('it''s');\n";

static const char *mysql_script =
  "CREATE TABLE log (id INTEGER AUTO_INCREMENT PRIMARY KEY, msg TEXT);\n"
  "CREATE TABLE t (id INTEGER AUTO_INCREMENT PRIMARY KEY, v TEXT);\n"
  "-- a comment; with a semicolon\n"
  "/* a block comment; with another */\n"
  "CREATE TRIGGER t_ins AFTER INSERT ON t FOR EACH ROW BEGIN\n"
  "  INSERT INTO log (msg) VALUES (CONCAT('inserted; ', NEW.v));\n"
  "END;\n"
  "INSERT INTO t (v) VALUES ('a;b'), ('it''s');\n";

static void
test_script (TwTestDbFixture *fixture,
             gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  const char *scripts[] = { sqlite_script, postgresql_script, mysql_script };
  g_autoptr(GError) error = NULL;
  g_autoptr(TwResult) result = NULL;

  g_assert_true (tw_connection_execute_script (connection, scripts[fixture->kind], NULL, &error));
  g_assert_no_error (error);

  result = tw_test_db_exec (connection, "SELECT msg FROM log ORDER BY id", NULL);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 2);
  g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 0, 0)), ==, "inserted; a;b");
  g_assert_cmpstr (tw_value_get_text (tw_result_get_value (result, 1, 0)), ==, "inserted; it's");
  g_clear_pointer (&result, tw_result_unref);

  /* An empty script is fine. */
  g_assert_true (tw_connection_execute_script (connection, "  -- nothing\n", NULL, &error));
  g_assert_no_error (error);

  /* A script stops at its first error. */
  g_assert_false (tw_connection_execute_script (connection,
                                                "CREATE TABLE first_made (x INTEGER);\n"
                                                "SELEC oops;\n"
                                                "CREATE TABLE never_made (x INTEGER);\n",
                                                NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "SELEC"));
  g_clear_error (&error);

  result = tw_connection_execute (connection, "SELECT count(*) FROM never_made", NULL, 0, NULL, &error);
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_UNDEFINED_OBJECT);
  g_clear_error (&error);

  /* PostgreSQL ran the script in one transaction. */
  result = tw_connection_execute (connection, "SELECT count(*) FROM first_made", NULL, 0, NULL, &error);
  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_UNDEFINED_OBJECT);
  else
    g_assert_no_error (error);
}

/* Async calls */

typedef struct
{
  GPtrArray *results;
  GError    *error;
  guint      n_done;
  gboolean   done;
} AsyncState;

static void
execute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;
  GError *error = NULL;
  TwResult *r;

  /* Results arrive on the main context that made the call. */
  g_assert_true (g_thread_self () == main_thread);

  r = tw_connection_execute_finish (TW_CONNECTION (source), result, &error);
  if (r != NULL)
    g_ptr_array_add (state->results, r);
  else
    {
      g_clear_error (&state->error);
      state->error = error;
    }
  state->n_done++;
  state->done = TRUE;
}

static void
script_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_true (tw_connection_execute_script_finish (TW_CONNECTION (source), result, &error));
  g_assert_no_error (error);
  state->n_done++;
  state->done = TRUE;
}

static void
statement_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;
  TwResult *r;

  g_assert_true (g_thread_self () == main_thread);
  r = tw_statement_execute_finish (TW_STATEMENT (source), result, &error);
  g_assert_no_error (error);
  g_ptr_array_add (state->results, r);
  state->n_done++;
  state->done = TRUE;
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  /* Maybe on the connection's worker thread. */
  g_atomic_int_set ((int *) data, TRUE);
}

static void
test_async (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  AsyncState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) tw_result_unref), };
  g_autoptr(TwStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  tw_connection_execute_script_async (connection, "CREATE TABLE t (n INTEGER); "
                                      "INSERT INTO t (n) VALUES (1)", NULL, script_cb, &state);

  /* Calls run one after another, in the order made. */
  sql = tw_test_db_sql (fixture->kind, "SELECT n + ? FROM t");
  for (gint64 i = 1; i <= 5; i++)
    {
      g_autoptr(TwValue) value = tw_value_new_int64 (i);

      tw_connection_execute_async (connection, sql, &value, 1, NULL, execute_cb, &state);
    }
  g_assert_cmpuint (state.n_done, ==, 0);
  while (state.n_done < 6)
    {
      state.done = FALSE;
      tw_test_db_wait_for (&state.done);
    }
  g_assert_null (state.error);
  g_assert_cmpuint (state.results->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      TwResult *r = g_ptr_array_index (state.results, i);

      g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (r, 0, 0)), ==, i + 2);
    }
  g_ptr_array_set_size (state.results, 0);

  /* Errors come back through _finish(). */
  state.done = FALSE;
  tw_connection_execute_async (connection, "SELEC 1", NULL, 0, NULL, execute_cb, &state);
  tw_test_db_wait_for (&state.done);
  g_assert_error (state.error, TW_DB_ERROR, TW_DB_ERROR_SYNTAX);
  g_clear_error (&state.error);

  /* Prepared statements too. */
  statement = tw_connection_prepare (connection, sql, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TwValue) value = tw_value_new_int64 (10);

    state.done = FALSE;
    tw_statement_execute_async (statement, &value, 1, NULL, statement_cb, &state);
  }
  tw_test_db_wait_for (&state.done);
  g_assert_cmpuint (state.results->len, ==, 1);
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (g_ptr_array_index (state.results, 0), 0, 0)),
                   ==, 11);
  g_ptr_array_set_size (state.results, 0);

  /* Pending calls keep a connection alive after its last reference is
   * dropped, and run; then it goes away, maybe on its own worker. */
  {
    g_autoptr(TwUrl) url = tw_url_parse (fixture->url, &error);
    TwConnection *other;
    gboolean finalized = FALSE;

    g_assert_no_error (error);
    other = tw_connection_open (url, NULL, &error);
    g_assert_no_error (error);
    g_object_weak_ref (G_OBJECT (other), finalized_cb, &finalized);
    state.n_done = 0;
    for (guint i = 0; i < 3; i++)
      tw_connection_execute_async (other, "SELECT 1", NULL, 0, NULL, execute_cb, &state);
    g_object_unref (other);
    while (state.n_done < 3)
      {
        state.done = FALSE;
        tw_test_db_wait_for (&state.done);
      }
    g_assert_null (state.error);
    g_assert_cmpuint (state.results->len, ==, 3);
    tw_test_db_wait_for (&finalized);
  }

  g_ptr_array_unref (state.results);
}

/* Cancelling */

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (TwTestDbFixture *fixture,
             gconstpointer    user_data)
{
  static const char * const long_queries[] = {
    [TW_DIALECT_KIND_SQLITE] =
      "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
    [TW_DIALECT_KIND_POSTGRESQL] = "SELECT pg_sleep (60)",
    [TW_DIALECT_KIND_MYSQL] = "SELECT BENCHMARK (100000000000, SHA2 ('tablewright', 256))",
  };
  TwConnection *connection = fixture->connection;
  AsyncState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) tw_result_unref), };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TwResult) result = NULL;
  gint64 start;

  /* A running query stops. */
  start = g_get_monotonic_time ();
  tw_connection_execute_async (connection, long_queries[fixture->kind], NULL, 0,
                               cancellable, execute_cb, &state);
  g_timeout_add (300, cancel_cb, cancellable);
  tw_test_db_wait_for (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  /* The connection goes on. */
  g_assert_cmpint (query_int (connection, "SELECT 7"), ==, 7);
  g_assert_false (tw_connection_in_transaction (connection));

  /* A call cancelled before it starts does not start. */
  g_cancellable_cancel (cancelled);
  result = tw_connection_execute (connection, "SELECT 1", NULL, 0, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  /* Cancelling a call that finished changes nothing for the next one. */
  g_cancellable_reset (cancellable);
  result = tw_connection_execute (connection, "SELECT 1", NULL, 0, cancellable, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, tw_result_unref);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (query_int (connection, "SELECT 8"), ==, 8);

  g_ptr_array_unref (state.results);
}

/* Reconnecting */

static gint64
backend_id (TwConnection *connection)
{
  return query_int (connection,
                    tw_connection_get_dialect_kind (connection) == TW_DIALECT_KIND_POSTGRESQL
                    ? "SELECT pg_backend_pid ()" : "SELECT CONNECTION_ID ()");
}

/* Ends the session @id from @killer, and waits until the server lost it. */
static void
kill_backend (TwConnection *killer,
              gint64        id)
{
  g_autofree char *sql = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  if (tw_connection_get_dialect_kind (killer) == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_autoptr(TwValue) killed = tw_test_db_query_value (killer,
                                                          "SELECT pg_terminate_backend (?::integer, 10000)",
                                                          tw_value_new_int64 (id), NULL);
      g_assert_true (tw_value_get_boolean (killed));
      sql = g_strdup ("SELECT count(*) FROM pg_stat_activity WHERE pid = ?");
    }
  else
    {
      g_autofree char *kill = g_strdup_printf ("KILL CONNECTION %" G_GINT64_FORMAT, id);

      tw_test_db_run_sql (killer, kill, NULL);
      sql = g_strdup ("SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ?");
    }

  for (;;)
    {
      g_autoptr(TwValue) count = tw_test_db_query_value (killer, sql, tw_value_new_int64 (id), NULL);

      if (tw_value_get_int64 (count) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
}

/* Waits until the session @id runs a query, as the server sees it. */
static void
wait_until_running (TwConnection *observer,
                    gint64        id)
{
  const char *sql =
    tw_connection_get_dialect_kind (observer) == TW_DIALECT_KIND_POSTGRESQL
    ? "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND state = 'active'"
    : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT SLEEP%'";
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(TwValue) count = tw_test_db_query_value (observer, sql, tw_value_new_int64 (id), NULL);

      if (tw_value_get_int64 (count) == 1)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
test_reconnect (TwTestDbFixture *fixture,
                gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(TwConnection) killer = NULL;
  g_autoptr(TwStatement) statement = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TwUrl) url = NULL;
  AsyncState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) tw_result_unref), };
  g_autofree char *sql = NULL;
  gint64 id, new_id;

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);
  killer = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);

  tw_test_db_run_sql (connection, "CREATE TABLE t (id INTEGER PRIMARY KEY)", NULL);
  sql = tw_test_db_sql (fixture->kind, "SELECT count(*) FROM t WHERE id > ?");
  statement = tw_connection_prepare (connection, sql, NULL, &error);
  g_assert_no_error (error);

  /* Killed while idle: the next call reconnects without a word. */
  id = backend_id (connection);
  kill_backend (killer, id);
  new_id = backend_id (connection);
  g_assert_cmpint (new_id, !=, id);

  /* A prepared statement is prepared again in the new session. */
  {
    g_autoptr(TwValue) zero = tw_value_new_int64 (0);

    result = tw_statement_execute (statement, &zero, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 0, 0)), ==, 0);
    g_clear_pointer (&result, tw_result_unref);
  }

  /* Killed in the middle of a query: that call fails, the next works. */
  id = new_id;
  tw_connection_execute_async (connection,
                               fixture->kind == TW_DIALECT_KIND_POSTGRESQL
                               ? "SELECT pg_sleep (60)" : "SELECT SLEEP (60)",
                               NULL, 0, NULL, execute_cb, &state);
  wait_until_running (killer, id);
  kill_backend (killer, id);
  tw_test_db_wait_for (&state.done);
  g_assert_error (state.error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST);
  g_clear_error (&state.error);
  g_assert_cmpint (query_int (connection, "SELECT 5"), ==, 5);

  /* Killed in a transaction: the transaction is gone, and calls fail until
   * a rollback says the caller knows. */
  g_assert_true (tw_connection_begin (connection, NULL, &error));
  tw_test_db_run_sql (connection, "INSERT INTO t (id) VALUES (1)", NULL);
  kill_backend (killer, backend_id (connection));
  result = tw_connection_execute (connection, "INSERT INTO t (id) VALUES (2)", NULL, 0, NULL, &error);
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST);
  g_assert_null (result);
  g_clear_error (&error);
  g_assert_false (tw_connection_in_transaction (connection));
  g_assert_false (tw_connection_commit (connection, NULL, &error));
  g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST);
  g_clear_error (&error);
  g_assert_true (tw_connection_rollback (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (connection, "SELECT count(*) FROM t"), ==, 0);

  g_ptr_array_unref (state.results);
  g_assert_finalize_object (g_steal_pointer (&statement));
  g_assert_finalize_object (g_steal_pointer (&killer));
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);
  main_thread = g_thread_self ();

  g_test_add_func ("/db/connection/placeholder", test_placeholder);
  tw_test_db_add ("/db/connection/open", NULL, test_open);
  tw_test_db_add ("/db/connection/execute", NULL, test_execute);
  tw_test_db_add ("/db/connection/prepare", NULL, test_prepare);
  tw_test_db_add ("/db/connection/transactions", NULL, test_transactions);
  tw_test_db_add ("/db/connection/script", NULL, test_script);
  tw_test_db_add ("/db/connection/async", NULL, test_async);
  tw_test_db_add ("/db/connection/cancel", NULL, test_cancel);
  tw_test_db_add_servers ("/db/connection/reconnect", NULL, test_reconnect);

  return tw_test_db_run ();
}
