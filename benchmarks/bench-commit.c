/* bench-commit.c: benchmark of committing 100,000 new rows through a session, against a hand-written loop
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-commit [--rows N] [--runs R] METHOD URL
 *   METHOD  tablewright  stage N new rows in a TwSession and commit them
 *                        (keeping them, as an application does; with
 *                        --drop the session holds the only reference, so
 *                        the commit also frees them)
 *           raw          a hand-written loop of one prepared INSERT per row
 *                        in one transaction (sqlite3 or libpq), the
 *                        practical limit of a row-at-a-time program
 *   URL     sqlite:///path/to/file.db or postgresql://user@host:port/db
 *
 * The table "bench" has a generated integer key and five columns of mixed
 * types: n INTEGER, label VARCHAR(40), x DOUBLE, flag BOOLEAN and note
 * TEXT (NULL in every third row). It is dropped and created before each
 * run. Prints one line per run:
 *
 *   method=tablewright dialect=sqlite rows=100000 stage_s=0.051 commit_s=0.101
 *     total_s=0.152 vmhwm_kb=41234 staged_vmhwm_kb=40000
 *
 * stage_s is making the rows (and for tablewright staging them), commit_s
 * the transaction; vmhwm_kb is the process's peak resident memory so far
 * (VmHWM) and staged_vmhwm_kb the same once the rows are staged, so the
 * first run of a process tells the memory a session of N staged rows
 * needs, before and through its commit. benchmarks/run-commit runs everything and compares
 * with SQLAlchemy 1.4 (bench_commit_sqlalchemy.py). */

#define G_LOG_DOMAIN "bench-commit"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>

#include "tw-dialect.h"
#include "tw-session.h"

static gboolean drop_rows;

static const char *create_sql[] = {
  [TW_DIALECT_KIND_SQLITE] =
    "CREATE TABLE bench (id INTEGER NOT NULL PRIMARY KEY, n INTEGER, label VARCHAR(40), "
    "x FLOAT, flag BOOLEAN, note TEXT)",
  [TW_DIALECT_KIND_POSTGRESQL] =
    "CREATE TABLE bench (id SERIAL NOT NULL PRIMARY KEY, n INTEGER, label VARCHAR(40), "
    "x FLOAT, flag BOOLEAN, note TEXT)",
  [TW_DIALECT_KIND_MYSQL] =
    "CREATE TABLE bench (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, n INTEGER, "
    "label VARCHAR(40), x FLOAT, flag BOOL, note TEXT)",
};

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
vmhwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
report (const char    *method,
        TwDialectKind  kind,
        guint          rows,
        double         stage,
        double         commit,
        long           staged_kb)
{
  printf ("method=%s dialect=%s rows=%u stage_s=%.4f commit_s=%.4f total_s=%.4f vmhwm_kb=%ld "
          "staged_vmhwm_kb=%ld\n",
          method, tw_dialect_kind_to_string (kind), rows, stage, commit, stage + commit,
          vmhwm_kb (), staged_kb);
  fflush (stdout);
}

static void G_GNUC_NORETURN
die (const char *what,
     const char *message)
{
  fprintf (stderr, "bench-commit: %s: %s\n", what, message);
  exit (1);
}

/* The table, through a connection of our own. */
static void
recreate_table (TwUrl *url)
{
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GError) error = NULL;

  connection = tw_connection_open (url, NULL, &error);
  if (connection == NULL)
    die ("connect", error->message);
  if (!tw_connection_execute_script (connection, "DROP TABLE IF EXISTS bench", NULL, &error) ||
      !tw_connection_execute_script (connection, create_sql[tw_url_get_dialect (url)], NULL, &error))
    die ("create table", error->message);
  tw_connection_close (connection);
}

static TwMetadata *
bench_metadata (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("bench");
  static const struct
  {
    const char   *name;
    TwColumnType  type;
  } columns[] = {
    { "id", TW_COLUMN_TYPE_INTEGER },
    { "n", TW_COLUMN_TYPE_INTEGER },
    { "label", TW_COLUMN_TYPE_STRING },
    { "x", TW_COLUMN_TYPE_FLOAT },
    { "flag", TW_COLUMN_TYPE_BOOLEAN },
    { "note", TW_COLUMN_TYPE_TEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (TwColumn) column = tw_column_new (columns[i].name, columns[i].type);

      if (i == 0)
        {
          tw_column_set_primary_key (column, TRUE);
          tw_column_set_nullable (column, FALSE);
        }
      tw_table_add_column (table, column);
    }
  tw_metadata_add_table (metadata, table);
  return metadata;
}

/* Tablewright: stage every row in a session, then commit. */
static void
run_tablewright (TwUrl *url,
                 guint  rows)
{
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) metadata = bench_metadata ();
  g_autoptr (TwSession) session = NULL;
  g_autoptr (GPtrArray) staged = NULL;
  g_autoptr (GError) error = NULL;
  TwTable *table = tw_metadata_find_table (metadata, "bench");
  double start, staged_at, done;
  long staged_kb;

  connection = tw_connection_open (url, NULL, &error);
  if (connection == NULL)
    die ("connect", error->message);
  session = tw_session_new (connection, metadata);

  start = now ();
  staged = g_ptr_array_new_full (rows, g_object_unref);
  for (guint i = 0; i < rows; i++)
    {
      TwRow *row = tw_session_create_row (session, table);
      char label[40];
      TwValue *values[5];

      g_snprintf (label, sizeof label, "label %u", i);
      values[0] = tw_value_new_int64 (i);
      values[1] = tw_value_new_text (label);
      values[2] = tw_value_new_double (i * 0.5);
      values[3] = tw_value_new_boolean (i % 2);
      if (i % 3 == 0)
        values[4] = tw_value_new_null ();
      else
        {
          char note[40];

          g_snprintf (note, sizeof note, "note %u", i);
          values[4] = tw_value_new_text (note);
        }
      for (guint c = 0; c < 5; c++)
        {
          tw_row_set_value (row, c + 1, values[c], NULL);
          tw_value_free (values[c]);
        }
      g_ptr_array_add (staged, row);
    }
  if (!tw_session_add_all (session, staged, &error))
    die ("stage", error->message);
  /* The application keeps its rows, as bench_commit_sqlalchemy.py keeps
   * its objects; with --drop it leaves them to the session, and the commit
   * then frees them. */
  if (drop_rows)
    g_clear_pointer (&staged, g_ptr_array_unref);
  staged_at = now ();
  staged_kb = vmhwm_kb ();

  if (!tw_session_commit (session, NULL, &error))
    die ("commit", error->message);
  done = now ();

  report (drop_rows ? "tablewright-drop" : "tablewright", tw_url_get_dialect (url), rows,
          staged_at - start, done - staged_at, staged_kb);
}

/* The hand-written loops. */

static void
run_raw_sqlite (TwUrl *url,
                guint  rows)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double start, done;

  if (sqlite3_open (tw_url_get_database (url), &db) != SQLITE_OK)
    die ("sqlite3_open", sqlite3_errmsg (db));

  start = now ();
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO bench (n, label, x, flag, note) VALUES (?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    die ("prepare", sqlite3_errmsg (db));

  for (guint i = 0; i < rows; i++)
    {
      char label[40];
      char note[40];

      g_snprintf (label, sizeof label, "label %u", i);
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, i * 0.5);
      sqlite3_bind_int (stmt, 4, i % 2);
      if (i % 3 == 0)
        sqlite3_bind_null (stmt, 5);
      else
        {
          g_snprintf (note, sizeof note, "note %u", i);
          sqlite3_bind_text (stmt, 5, note, -1, SQLITE_TRANSIENT);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        die ("insert", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    die ("commit", sqlite3_errmsg (db));
  done = now ();
  sqlite3_close (db);

  report ("raw", TW_DIALECT_KIND_SQLITE, rows, 0, done - start, -1);
}

static void
pg_check (PGconn     *conn,
          PGresult   *res,
          const char *what)
{
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    die (what, PQerrorMessage (conn));
  PQclear (res);
}

static void
run_raw_postgresql (TwUrl *url,
                    guint  rows)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn;
  double start, done;

  conninfo = g_strdup_printf ("host=%s port=%u dbname=%s user=%s", tw_url_get_host (url),
                              tw_url_get_port (url), tw_url_get_database (url),
                              tw_url_get_username (url));
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    die ("PQconnectdb", PQerrorMessage (conn));

  start = now ();
  pg_check (conn, PQexec (conn, "BEGIN"), "BEGIN");
  pg_check (conn, PQprepare (conn, "ins",
                             "INSERT INTO bench (n, label, x, flag, note) VALUES ($1, $2, $3, $4, $5)",
                             0, NULL),
            "prepare");
  for (guint i = 0; i < rows; i++)
    {
      char n[24], label[40], x[40], note[40];
      const char *values[5] = { n, label, x, i % 2 ? "t" : "f", NULL };

      g_snprintf (n, sizeof n, "%u", i);
      g_snprintf (label, sizeof label, "label %u", i);
      g_ascii_dtostr (x, sizeof x, i * 0.5);
      if (i % 3 != 0)
        {
          g_snprintf (note, sizeof note, "note %u", i);
          values[4] = note;
        }
      pg_check (conn, PQexecPrepared (conn, "ins", 5, values, NULL, NULL, 0), "insert");
    }
  pg_check (conn, PQexec (conn, "COMMIT"), "COMMIT");
  done = now ();
  PQfinish (conn);

  report ("raw", TW_DIALECT_KIND_POSTGRESQL, rows, 0, done - start, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = NULL;
  int rows = 100000;
  int runs = 1;
  GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &rows, "Rows to insert (100000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs (1)", "R" },
    { "drop", 0, 0, G_OPTION_ARG_NONE, &drop_rows, "Let the session hold the only reference to the rows", NULL },
    { NULL }
  };

  mysql_library_init (0, NULL, NULL);

  context = g_option_context_new ("tablewright|raw URL");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error->message);
  if (argc != 3 || rows < 1 || runs < 1)
    die ("usage", "bench-commit [--rows N] [--runs R] tablewright|raw URL");

  url = tw_url_parse (argv[2], &error);
  if (url == NULL)
    die ("URL", error->message);

  for (int run = 0; run < runs; run++)
    {
      recreate_table (url);
      if (g_str_equal (argv[1], "tablewright"))
        run_tablewright (url, rows);
      else if (g_str_equal (argv[1], "raw") && tw_url_get_dialect (url) == TW_DIALECT_KIND_SQLITE)
        run_raw_sqlite (url, rows);
      else if (g_str_equal (argv[1], "raw") && tw_url_get_dialect (url) == TW_DIALECT_KIND_POSTGRESQL)
        run_raw_postgresql (url, rows);
      else
        die ("usage", "METHOD is tablewright or raw; raw needs a SQLite or PostgreSQL URL");
    }

  mysql_library_end ();
  return 0;
}
