/* test-errors.c: each kind of database error, from each server, with its
 * message and details
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-errors"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "tw-connection.h"
#include "tw-test-db.h"

#define PASSWORD_USER "tw_password_user"
#define RIGHT_PASSWORD "right-Pa55word"
#define WRONG_PASSWORD "wrong-Pa55word"

static GThread *main_thread;

/* A URL to the server of @kind with other parts, as a string. */
static char *
server_url_with (TwDialectKind  kind,
                 const char    *user,
                 const char    *password,
                 guint          port,
                 const char    *database,
                 const char    *query)
{
  g_autoptr(TwUrl) server = NULL;
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL;

  server = tw_url_parse (tw_test_db_server_url (kind), &error);
  g_assert_no_error (error);
  url = tw_url_new (kind,
                    user != NULL ? user : tw_url_get_username (server),
                    password != NULL ? password : tw_url_get_password (server),
                    tw_url_get_host (server),
                    port != 0 ? port : tw_url_get_port (server),
                    database != NULL ? database : tw_url_get_database (server));
  string = tw_url_to_string (url);
  if (query == NULL)
    return g_steal_pointer (&string);

  return g_strdup_printf ("%s?%s", string, query);
}

/* Opens @url_string, expecting the error @code; returns the error. */
static GError *
open_failing (const char *url_string,
              TwDbError   code)
{
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(TwConnection) connection = NULL;
  g_autofree char *display = NULL;
  GError *error = NULL;

  url = tw_url_parse (url_string, &error);
  g_assert_no_error (error);
  display = tw_url_to_display_string (url);

  connection = tw_connection_open (url, NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, TW_DB_ERROR, (int) code);
  /* Where it failed, in the form that hides the password. */
  g_assert_nonnull (strstr (error->message, display));
  return error;
}

/* A TCP port on 127.0.0.1 where nothing listens. */
static guint
free_port (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_connection_refused (TwTestDbFixture *fixture,
                         gconstpointer    user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  url = server_url_with (fixture->kind, NULL, "Secret-Pa55", free_port (), NULL, NULL);
  error = open_failing (url, TW_DB_ERROR_CONNECTION_FAILED);
  g_assert_null (strstr (error->message, "Secret-Pa55"));
  g_assert_nonnull (strstr (error->message, "***"));
}

static void
test_timeout (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  /* A server that takes the connection (the kernel does, from the backlog)
   * and never says a word. */
  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (listener, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  url = server_url_with (fixture->kind, NULL, NULL,
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)),
                         NULL, "connect_timeout=1");
  start = g_get_monotonic_time ();
  g_clear_error (&error);
  error = open_failing (url, TW_DB_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_authentication (TwTestDbFixture *fixture,
                     gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autofree char *wrong_url = NULL;
  g_autofree char *right_url = NULL;
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(TwConnection) wrong = NULL;
  g_autoptr(TwConnection) right = NULL;
  g_autoptr(GError) error = NULL;
  const char *database = fixture->kind == TW_DIALECT_KIND_POSTGRESQL ? "postgres" : "";

  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      tw_test_db_run_sql (connection, "DROP ROLE IF EXISTS " PASSWORD_USER, NULL);
      tw_test_db_run_sql (connection, "CREATE ROLE " PASSWORD_USER " LOGIN PASSWORD '" RIGHT_PASSWORD "'", NULL);
    }
  else
    {
      tw_test_db_run_sql (connection, "DROP USER IF EXISTS '" PASSWORD_USER "'@'127.0.0.1', "
                          "'" PASSWORD_USER "'@'localhost'", NULL);
      tw_test_db_run_sql (connection, "CREATE USER '" PASSWORD_USER "'@'127.0.0.1' "
                          "IDENTIFIED BY '" RIGHT_PASSWORD "'", NULL);
      tw_test_db_run_sql (connection, "CREATE USER '" PASSWORD_USER "'@'localhost' "
                          "IDENTIFIED BY '" RIGHT_PASSWORD "'", NULL);
    }

  right_url = server_url_with (fixture->kind, PASSWORD_USER, RIGHT_PASSWORD, 0, database, NULL);
  url = tw_url_parse (right_url, &error);
  g_assert_no_error (error);
  right = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&url, tw_url_unref);

  wrong_url = server_url_with (fixture->kind, PASSWORD_USER, WRONG_PASSWORD, 0, database, NULL);
  url = tw_url_parse (wrong_url, &error);
  g_assert_no_error (error);
  wrong = tw_connection_open (url, NULL, &error);
  if (wrong != NULL)
    {
      /* The test servers of build-aux/test-servers trust every local
       * PostgreSQL user. */
      g_test_message ("the server accepted a wrong password: it trusts local connections");
    }
  else
    {
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_AUTHENTICATION_FAILED);
      g_assert_null (strstr (error->message, WRONG_PASSWORD));
      g_assert_null (strstr (error->message, RIGHT_PASSWORD));
      g_clear_error (&error);
    }

  g_clear_object (&wrong);
  g_clear_object (&right);
  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    tw_test_db_run_sql (connection, "DROP ROLE " PASSWORD_USER, NULL);
  else
    tw_test_db_run_sql (connection, "DROP USER '" PASSWORD_USER "'@'127.0.0.1', "
                        "'" PASSWORD_USER "'@'localhost'", NULL);
}

static void
test_unknown_database (TwTestDbFixture *fixture,
                       gconstpointer    user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->kind == TW_DIALECT_KIND_SQLITE)
    {
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), "tw-no-such-dir", "none.db", NULL);

      /* Read-only: the file is not made. */
      url = g_strdup_printf ("sqlite:///%s?mode=ro", path);
      error = open_failing (url, TW_DB_ERROR_UNKNOWN_DATABASE);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }

  url = server_url_with (fixture->kind, NULL, NULL, 0, "tw_no_such_database", NULL);
  error = open_failing (url, TW_DB_ERROR_UNKNOWN_DATABASE);
  g_assert_nonnull (strstr (error->message, "tw_no_such_database"));
}

/* Statement errors */

static const char *constraint_schema =
  "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
  "CREATE TABLE child (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  parent_id INTEGER,\n"
  "  name VARCHAR(50) NOT NULL,\n"
  "  qty INTEGER,\n"
  "  CONSTRAINT child_name_key UNIQUE (name),\n"
  "  CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id),\n"
  "  CONSTRAINT child_qty_positive CHECK (qty > 0)\n"
  ");\n"
  "INSERT INTO parent (id) VALUES (1);\n"
  "INSERT INTO child (id, parent_id, name, qty) VALUES (1, 1, 'a', 1);\n";

typedef struct
{
  const char         *what;
  gint64              id;
  gint64              parent_id;
  const char         *name;
  gint64              qty;
  TwDbConstraintKind  kind;
  const char         *message_start;
  /* What each server names, NULL where it names nothing. */
  const char         *constraint_name[3];
  const char         *column_name[3];
  const char         *table_name[3];
  const char         *sqlstate[3];
  int                 native_code[3];
} ConstraintCase;

static const ConstraintCase constraint_cases[] = {
  { "unique", 2, 1, "a", 1, TW_DB_CONSTRAINT_KIND_UNIQUE, "Unique constraint violated: ",
    { NULL, "child_name_key", "child_name_key" }, { "name", NULL, NULL }, { "child", "child", NULL },
    { NULL, "23505", "23000" }, { 2067, 0, 1062 } },
  { "primary key", 1, 1, "b", 1, TW_DB_CONSTRAINT_KIND_UNIQUE, "Unique constraint violated: ",
    { NULL, "child_pkey", "PRIMARY" }, { "id", NULL, NULL }, { "child", "child", NULL },
    { NULL, "23505", "23000" }, { 1555, 0, 1062 } },
  { "foreign key", 3, 99, "c", 1, TW_DB_CONSTRAINT_KIND_FOREIGN_KEY, "Foreign key constraint violated: ",
    { NULL, "child_parent_fk", "child_parent_fk" }, { NULL, NULL, "parent_id" }, { NULL, "child", "child" },
    { NULL, "23503", "23000" }, { 787, 0, 1452 } },
  { "check", 4, 1, "d", 0, TW_DB_CONSTRAINT_KIND_CHECK, "Check constraint violated: ",
    { "child_qty_positive", "child_qty_positive", "child_qty_positive" }, { NULL, NULL, NULL },
    { NULL, "child", "child" }, { NULL, "23514", "23000" }, { 275, 0, 4025 } },
  { "not null", 5, 1, NULL, 1, TW_DB_CONSTRAINT_KIND_NOT_NULL, "Not-null constraint violated: ",
    { NULL, NULL, NULL }, { "name", "name", "name" }, { "child", "child", NULL },
    { NULL, "23502", "23000" }, { 1299, 0, 1048 } },
};

static void
test_constraint (TwTestDbFixture *fixture,
                 gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  int dialect = fixture->kind;
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = NULL;

  g_assert_true (tw_connection_execute_script (connection, constraint_schema, NULL, &error));
  g_assert_no_error (error);
  insert = tw_test_db_sql (fixture->kind,
                           "INSERT INTO child (id, parent_id, name, qty) VALUES (?, ?, ?, ?)");

  for (guint i = 0; i < G_N_ELEMENTS (constraint_cases); i++)
    {
      const ConstraintCase *c = &constraint_cases[i];
      g_autoptr(TwValue) id = tw_value_new_int64 (c->id);
      g_autoptr(TwValue) parent_id = tw_value_new_int64 (c->parent_id);
      g_autoptr(TwValue) name = c->name != NULL ? tw_value_new_text (c->name) : tw_value_new_null ();
      g_autoptr(TwValue) qty = tw_value_new_int64 (c->qty);
      TwValue *params[] = { id, parent_id, name, qty };
      g_autoptr(TwResult) result = NULL;
      g_autoptr(TwDbErrorDetails) last = NULL;
      const TwDbErrorDetails *details;
      g_autofree char *code = NULL;

      g_test_message ("%s", c->what);
      result = tw_connection_execute (connection, insert, params, 4, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONSTRAINT);

      details = tw_db_error_get_details (error);
      g_assert_nonnull (details);
      g_assert_cmpint (details->dialect, ==, fixture->kind);
      g_assert_cmpint (details->constraint_kind, ==, c->kind);
      g_assert_cmpstr (details->sqlstate, ==, c->sqlstate[dialect]);
      g_assert_cmpint (details->native_code, ==, c->native_code[dialect]);
      g_assert_cmpstr (details->statement, ==, insert);
      g_assert_nonnull (details->server_message);
      if (c->constraint_name[dialect] != NULL)
        g_assert_cmpstr (details->constraint_name, ==, c->constraint_name[dialect]);
      if (c->column_name[dialect] != NULL)
        g_assert_cmpstr (details->column_name, ==, c->column_name[dialect]);
      g_assert_cmpstr (details->table_name, ==, c->table_name[dialect]);

      /* What happened, the server's words, its code, the statement. */
      g_assert_true (g_str_has_prefix (error->message, c->message_start));
      g_assert_nonnull (strstr (error->message, details->server_message));
      if (dialect == TW_DIALECT_KIND_POSTGRESQL)
        code = g_strdup_printf ("(SQLSTATE %s)", details->sqlstate);
      else if (dialect == TW_DIALECT_KIND_MYSQL)
        code = g_strdup_printf ("(MySQL error %d, SQLSTATE %s)", details->native_code, details->sqlstate);
      else
        code = g_strdup_printf ("(SQLite error %d)", details->native_code);
      g_assert_nonnull (strstr (error->message, code));
      g_assert_true (g_str_has_suffix (error->message, insert));

      /* The connection keeps a copy of the last error's details. */
      last = tw_connection_get_last_error_details (connection);
      g_assert_nonnull (last);
      g_assert_cmpint (last->constraint_kind, ==, c->kind);
      g_assert_cmpstr (last->constraint_name, ==, details->constraint_name);
      g_clear_error (&error);
    }

  /* The exact message, as PostgreSQL words it. */
  if (dialect == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_autoptr(TwResult) result = NULL;

      result = tw_connection_execute (connection, "INSERT INTO child (id, name) VALUES (9, 'a')",
                                      NULL, 0, NULL, &error);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_CONSTRAINT);
      g_assert_cmpstr (error->message, ==,
                       "Unique constraint violated: duplicate key value violates unique constraint "
                       "\"child_name_key\" (SQLSTATE 23505) in statement: "
                       "INSERT INTO child (id, name) VALUES (9, 'a')");
      g_assert_cmpstr (tw_db_error_get_details (error)->detail, ==, "Key (name)=(a) already exists.");
      g_clear_error (&error);
    }

  /* A success clears the last error. */
  tw_test_db_run_sql (connection, "SELECT 1", NULL);
  g_assert_null (tw_connection_get_last_error_details (connection));
}

typedef struct
{
  const char *sql[3];    /* NULL: not for this dialect */
  TwDbError   code;
} StatementCase;

static const StatementCase statement_cases[] = {
  { { "SELEC 1", "SELEC 1", "SELEC 1" }, TW_DB_ERROR_SYNTAX },
  { { "SELECT * FROM t WHERE", "SELECT * FROM t WHERE", "SELECT * FROM t WHERE" }, TW_DB_ERROR_SYNTAX },
  { { "SELECT * FROM no_such_table", "SELECT * FROM no_such_table", "SELECT * FROM no_such_table" },
    TW_DB_ERROR_UNDEFINED_OBJECT },
  { { "SELECT no_such_column FROM t", "SELECT no_such_column FROM t", "SELECT no_such_column FROM t" },
    TW_DB_ERROR_UNDEFINED_OBJECT },
  { { "SELECT no_such_function (1)", "SELECT no_such_function (1)", "SELECT no_such_function (1)" },
    TW_DB_ERROR_UNDEFINED_OBJECT },
  { { "CREATE TABLE t (x INTEGER)", "CREATE TABLE t (x INTEGER)", "CREATE TABLE t (x INTEGER)" },
    TW_DB_ERROR_DUPLICATE_OBJECT },
  /* Bad values: a wrong type, out of range, an impossible date. */
  { { "INSERT INTO s (n) VALUES ('abc')", "INSERT INTO t (n) VALUES ('abc')", "INSERT INTO t (n) VALUES ('abc')" },
    TW_DB_ERROR_DATA },
  { { NULL, "INSERT INTO t (n) VALUES (99999999999)", "INSERT INTO t (n) VALUES (99999999999)" },
    TW_DB_ERROR_DATA },
  { { NULL, "INSERT INTO t (d) VALUES ('2023-02-29')", "INSERT INTO t (d) VALUES ('2023-02-29')" },
    TW_DB_ERROR_DATA },
  { { NULL, "SELECT 1 / 0", NULL }, TW_DB_ERROR_DATA },
  /* The client never hands the server a local file. */
  { { NULL, NULL, "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t" }, TW_DB_ERROR_PERMISSION_DENIED },
};

static void
test_statement_errors (TwTestDbFixture *fixture,
                       gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(GError) error = NULL;

  tw_test_db_run_sql (connection, "CREATE TABLE t (x INTEGER, n INTEGER, d DATE)", NULL);
  if (fixture->kind == TW_DIALECT_KIND_SQLITE)
    tw_test_db_run_sql (connection, "CREATE TABLE s (n INTEGER) STRICT", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statement_cases); i++)
    {
      const char *sql = statement_cases[i].sql[fixture->kind];
      g_autoptr(TwResult) result = NULL;

      if (sql == NULL)
        continue;

      g_test_message ("%s", sql);
      result = tw_connection_execute (connection, sql, NULL, 0, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, TW_DB_ERROR, (int) statement_cases[i].code);
      g_assert_cmpstr (tw_db_error_get_details (error)->statement, ==, sql);
      g_assert_true (g_str_has_suffix (error->message, sql));
      g_clear_error (&error);
    }

  /* PostgreSQL and SQLite say where in the statement. */
  if (fixture->kind != TW_DIALECT_KIND_MYSQL)
    {
      g_autoptr(TwResult) result = NULL;

      result = tw_connection_execute (connection, "SELECT x,\n  FROM t", NULL, 0, NULL, &error);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_SYNTAX);
      g_assert_cmpuint (tw_db_error_get_details (error)->position, ==, 13);
      g_assert_nonnull (strstr (error->message, "at line 2, column 3"));
    }
}

static void
test_read_only (TwTestDbFixture *fixture,
                gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tw_test_db_run_sql (connection, "CREATE TABLE t (x INTEGER)", NULL);

  switch (fixture->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      {
        g_autofree char *ro_string = g_strdup_printf ("%s?mode=ro", fixture->url);
        g_autoptr(TwUrl) ro_url = tw_url_parse (ro_string, &error);
        g_autoptr(TwConnection) ro = NULL;

        g_assert_no_error (error);
        ro = tw_connection_open (ro_url, NULL, &error);
        g_assert_no_error (error);
        result = tw_connection_execute (ro, "INSERT INTO t (x) VALUES (1)", NULL, 0, NULL, &error);
        g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_READ_ONLY);
        g_assert_finalize_object (g_steal_pointer (&ro));
      }
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      g_assert_true (tw_connection_begin (connection, NULL, &error));
      tw_test_db_run_sql (connection, "SET TRANSACTION READ ONLY", NULL);
      result = tw_connection_execute (connection, "INSERT INTO t (x) VALUES (1)", NULL, 0, NULL, &error);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_true (tw_connection_rollback (connection, NULL, &error));
      break;

    case TW_DIALECT_KIND_MYSQL:
      tw_test_db_run_sql (connection, "START TRANSACTION READ ONLY", NULL);
      g_assert_true (tw_connection_in_transaction (connection));
      result = tw_connection_execute (connection, "INSERT INTO t (x) VALUES (1)", NULL, 0, NULL, &error);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_true (tw_connection_rollback (connection, NULL, &error));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Timeouts while running */

static void
test_statement_timeout (TwTestDbFixture *fixture,
                        gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;

  switch (fixture->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      {
        /* Another connection holds the write lock longer than this one
         * waits for it. */
        g_autofree char *waiting_string = g_strdup_printf ("%s?timeout=0.2", fixture->url);
        g_autoptr(TwUrl) waiting_url = tw_url_parse (waiting_string, &error);
        g_autoptr(TwConnection) waiting = NULL;

        g_assert_no_error (error);
        tw_test_db_run_sql (connection, "CREATE TABLE t (x INTEGER)", NULL);
        waiting = tw_connection_open (waiting_url, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (tw_connection_begin (connection, NULL, &error));
        tw_test_db_run_sql (connection, "INSERT INTO t (x) VALUES (1)", NULL);
        result = tw_connection_execute (waiting, "INSERT INTO t (x) VALUES (2)", NULL, 0, NULL, &error);
        g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_TIMEOUT);
        g_assert_true (tw_connection_rollback (connection, NULL, NULL));
        g_assert_finalize_object (g_steal_pointer (&waiting));
      }
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      tw_test_db_run_sql (connection, "SET statement_timeout = 200", NULL);
      result = tw_connection_execute (connection, "SELECT pg_sleep (10)", NULL, 0, NULL, &error);
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_TIMEOUT);
      break;

    case TW_DIALECT_KIND_MYSQL:
      {
        /* A row lock held longer than the other session waits for it. */
        g_autoptr(TwUrl) url = tw_url_parse (fixture->url, &error);
        g_autoptr(TwConnection) waiting = NULL;

        g_assert_no_error (error);
        waiting = tw_connection_open (url, NULL, &error);
        g_assert_no_error (error);
        tw_test_db_run_sql (connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)", NULL);
        tw_test_db_run_sql (connection, "INSERT INTO t (id, v) VALUES (1, 0)", NULL);
        g_assert_true (tw_connection_begin (connection, NULL, &error));
        tw_test_db_run_sql (connection, "UPDATE t SET v = 1 WHERE id = 1", NULL);
        tw_test_db_run_sql (waiting, "SET SESSION innodb_lock_wait_timeout = 1", NULL);
        result = tw_connection_execute (waiting, "UPDATE t SET v = 2 WHERE id = 1", NULL, 0, NULL, &error);
        g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_TIMEOUT);
        g_assert_true (tw_connection_rollback (connection, NULL, NULL));
        g_assert_finalize_object (g_steal_pointer (&waiting));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Deadlocks */

typedef struct
{
  GError   *error;
  gboolean  done;
} DeadlockState;

static void
update_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeadlockState *state = user_data;
  g_autoptr(TwResult) r = NULL;

  g_assert_true (g_thread_self () == main_thread);
  r = tw_connection_execute_finish (TW_CONNECTION (source), result, &state->error);
  state->done = TRUE;
}

static void
test_deadlock (TwTestDbFixture *fixture,
               gconstpointer    user_data)
{
  TwConnection *a = fixture->connection;
  g_autoptr(TwConnection) b = NULL;
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeadlockState state = { NULL, FALSE };

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);
  b = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);

  tw_test_db_run_sql (a, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)", NULL);
  tw_test_db_run_sql (a, "INSERT INTO t (id, v) VALUES (1, 0), (2, 0)", NULL);

  /* a holds row 1 and waits for row 2, which b holds while it waits for
   * row 1: the server picks a victim. */
  g_assert_true (tw_connection_begin (a, NULL, &error));
  g_assert_true (tw_connection_begin (b, NULL, &error));
  tw_test_db_run_sql (a, "UPDATE t SET v = 1 WHERE id = 1", NULL);
  tw_test_db_run_sql (b, "UPDATE t SET v = 2 WHERE id = 2", NULL);
  tw_connection_execute_async (a, "UPDATE t SET v = 1 WHERE id = 2", NULL, 0, NULL, update_cb, &state);
  result = tw_connection_execute (b, "UPDATE t SET v = 2 WHERE id = 1", NULL, 0, NULL, &error);
  if (result == NULL)
    {
      /* b was the victim; a goes on once b let go. */
      g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_SERIALIZATION);
      g_assert_true (tw_connection_rollback (b, NULL, NULL));
      tw_test_db_wait_for (&state.done);
      g_assert_no_error (state.error);
    }
  else
    {
      tw_test_db_wait_for (&state.done);
      g_assert_error (state.error, TW_DB_ERROR, TW_DB_ERROR_SERIALIZATION);
      g_clear_error (&state.error);
      g_assert_true (tw_connection_rollback (b, NULL, NULL));
    }
  g_assert_true (tw_connection_rollback (a, NULL, NULL));

  g_assert_finalize_object (g_steal_pointer (&b));
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);
  main_thread = g_thread_self ();

  tw_test_db_add_servers ("/db/errors/connection-refused", NULL, test_connection_refused);
  tw_test_db_add_servers ("/db/errors/timeout", NULL, test_timeout);
  tw_test_db_add_servers ("/db/errors/authentication", NULL, test_authentication);
  tw_test_db_add ("/db/errors/unknown-database", NULL, test_unknown_database);
  tw_test_db_add ("/db/errors/constraint", NULL, test_constraint);
  tw_test_db_add ("/db/errors/statement", NULL, test_statement_errors);
  tw_test_db_add ("/db/errors/read-only", NULL, test_read_only);
  tw_test_db_add ("/db/errors/statement-timeout", NULL, test_statement_timeout);
  tw_test_db_add_servers ("/db/errors/deadlock", NULL, test_deadlock);

  return tw_test_db_run ();
}
