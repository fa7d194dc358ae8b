/* test-import.c: CSV import through a session, and `tablewright import`,
 * against SQLite, PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tw-csv-import.h"
#include "tw-dialect.h"
#include "tw-test-db.h"

static TwMetadata *
people_schema (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwTable) people = tw_table_new ("people");
  static const struct
  {
    const char   *name;
    TwColumnType  type;
  } columns[] = {
    { "id", TW_COLUMN_TYPE_INTEGER },
    { "name", TW_COLUMN_TYPE_STRING },
    { "note", TW_COLUMN_TYPE_TEXT },
    { "age", TW_COLUMN_TYPE_INTEGER },
    { "active", TW_COLUMN_TYPE_BOOLEAN },
    { "born", TW_COLUMN_TYPE_DATE },
    { "score", TW_COLUMN_TYPE_NUMERIC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (TwColumn) column = tw_column_new (columns[i].name, columns[i].type);

      if (i == 0)
        {
          tw_column_set_primary_key (column, TRUE);
          tw_column_set_nullable (column, FALSE);
        }
      if (g_str_equal (columns[i].name, "name"))
        {
          tw_column_set_length (column, 50);
          tw_column_set_nullable (column, FALSE);
          tw_column_set_unique (column, TRUE);
        }
      if (columns[i].type == TW_COLUMN_TYPE_NUMERIC)
        {
          tw_column_set_precision (column, 8);
          tw_column_set_scale (column, 2);
        }
      tw_table_add_column (people, column);
    }
  tw_metadata_add_table (metadata, people);
  return metadata;
}

static TwSession *
setup (TwTestDbFixture *fixture,
       TwMetadata      *metadata)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  statements = tw_dialect_compile_create_all (tw_dialect_get (fixture->kind), metadata, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      tw_connection_execute_script (fixture->connection,
                                    ((TwDdlStatement *) g_ptr_array_index (statements, i))->sql,
                                    NULL, &error);
      g_assert_no_error (error);
    }

  return tw_session_new (fixture->connection, metadata);
}

static gboolean
import_text (TwSession   *session,
             TwMetadata  *metadata,
             const char  *csv,
             guint       *n_rows,
             GError     **error)
{
  g_autoptr (GInputStream) input = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);

  return tw_csv_import (session, tw_metadata_find_table (metadata, "people"), input, n_rows,
                        NULL, error);
}

/* Each row as "name|note|age|active|born|score", NULL as "NULL". */
static char *
dump (TwConnection *connection)
{
  g_autoptr (TwResult) result = tw_test_db_exec (connection,
                                                 "SELECT name, note, age, active, born, score "
                                                 "FROM people ORDER BY id", NULL);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < tw_result_get_n_rows (result); r++)
    {
      for (guint c = 0; c < 6; c++)
        {
          const TwValue *value = tw_result_get_value (result, r, c);
          g_autofree char *text = NULL;

          if (tw_value_is_null (value))
            text = g_strdup ("NULL");
          else if (c == 3 && tw_value_get_kind (value) == TW_VALUE_KIND_INT64)
            text = g_strdup (tw_value_get_int64 (value) ? "true" : "false");
          else
            text = tw_value_to_string (value);
          g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", text);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
test_good (TwTestDbFixture *fixture,
           gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = people_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata);
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = NULL;
  guint n_rows = 0;
  /* Quoted separators, doubled quotes, a line break inside a field,
   * spaces kept, empty fields, CRLF line ends and a byte order mark. */
  const char *csv =
    "\xef\xbb\xbfname,note,age,active,born,score\r\n"
    "\"Smith, John\",\"He said \"\"hi\"\"\",42,true,1980-02-03,12.50\r\n"
    "Ada,\"line one\nline two\",,false,,\r\n"
    "\"\", ,7,1,2001-01-01,0.5\r\n"
    "\n"
    "Zoë,,0,,1999-12-31,-3\r\n";
  const char *expected =
    "Smith, John|He said \"hi\"|42|true|1980-02-03|12.50\n"
    "Ada|line one\nline two|NULL|false|NULL|NULL\n"
    "| |7|true|2001-01-01|0.50\n"
    "Zoë||0|NULL|1999-12-31|-3.00\n";

  g_assert_true (import_text (session, metadata, csv, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 4);
  g_assert_false (tw_session_has_changes (session));

  rows = dump (fixture->connection);
  if (fixture->kind == TW_DIALECT_KIND_SQLITE)
    {
      /* SQLite keeps a NUMERIC as the number it is, without scale. */
      g_assert_cmpstr (rows, ==, "Smith, John|He said \"hi\"|42|true|1980-02-03|12.5\n"
                                 "Ada|line one\nline two|NULL|false|NULL|NULL\n"
                                 "| |7|true|2001-01-01|0.5\n"
                                 "Zoë||0|NULL|1999-12-31|-3\n");
    }
  else
    g_assert_cmpstr (rows, ==, expected);

  /* A header with fewer columns: the others get their defaults; an empty
   * generated key is generated. */
  g_assert_true (import_text (session, metadata, "age,name,id\n5,Eve,", &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
}

typedef struct
{
  const char       *name;
  const char       *csv;
  TwCsvImportError  code;
  const char       *message;    /* a part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-type", "name,age\nBob,12\nAl,x\n", TW_CSV_IMPORT_ERROR_BAD_VALUE,
    "Line 3, column “age”: “x” is not an integer" },
  { "bad-date", "name,born\nBob,1999-02-30\n", TW_CSV_IMPORT_ERROR_BAD_VALUE,
    "Line 2, column “born”" },
  { "bad-boolean", "name,active\nBob,maybe\n", TW_CSV_IMPORT_ERROR_BAD_VALUE,
    "Line 2, column “active”" },
  { "after-line-break", "name,note,age\nA,\"x\ny\",1\nB,z,oops\n", TW_CSV_IMPORT_ERROR_BAD_VALUE,
    "Line 4, column “age”" },
  { "unterminated", "name,age\nBob,1\n\"Al,2\n", TW_CSV_IMPORT_ERROR_PARSE,
    "Line 3: a quoted field is not closed" },
  { "stray-quote", "name,age\nBob,1\nA\"l,2\n", TW_CSV_IMPORT_ERROR_PARSE, "Line 3: a quote inside" },
  { "after-quote", "name,age\n\"Bob\"x,1\n", TW_CSV_IMPORT_ERROR_PARSE, "Line 2: a quote inside" },
  { "unknown-header", "name,agee,colour\nBob,1,red\n", TW_CSV_IMPORT_ERROR_UNKNOWN_COLUMN,
    "Line 1: table “people” has no columns “agee”, “colour” (its columns are id, name, note, "
    "age, active, born, score)" },
  { "duplicate-header", "name,age,name\nBob,1,B\n", TW_CSV_IMPORT_ERROR_DUPLICATE_COLUMN,
    "Line 1: the header names column “name” twice" },
  { "field-count", "name,age\nBob,1\nAl,2,3\n", TW_CSV_IMPORT_ERROR_FIELD_COUNT,
    "Line 3 has 3 fields, but the header has 2" },
  { "empty", "", TW_CSV_IMPORT_ERROR_EMPTY, "The file is empty" },
  { "not-utf8", "name,age\nB\xe9n,1\n", TW_CSV_IMPORT_ERROR_PARSE, "Line 2: field 1 is not valid UTF-8" },
};

static void
test_bad (TwTestDbFixture *fixture,
          gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = people_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (TwValue) count = NULL;
      guint n_rows = 99;

      g_test_message ("case %s", c->name);
      g_assert_false (import_text (session, metadata, c->csv, &n_rows, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_error (error, TW_CSV_IMPORT_ERROR, (int) c->code);
      g_assert_nonnull (strstr (error->message, c->message));

      /* Nothing committed, nothing left staged. */
      g_assert_cmpuint (n_rows, ==, 0);
      g_assert_false (tw_session_has_changes (session));
      count = tw_test_db_query_value (fixture->connection, "SELECT count(*) FROM people", NULL);
      g_assert_cmpint (tw_value_get_int64 (count), ==, 0);
    }
}

/* The database refuses a row: the error names its CSV line, and nothing is
 * committed. */
static void
test_refused (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = people_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata);
  g_autoptr (GError) error = NULL;
  g_autoptr (TwValue) count = NULL;
  guint n_rows;

  g_assert_false (import_text (session, metadata, "name,age\nAda,1\nBob,2\nAda,3\n", &n_rows, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "CSV line 4: "));
  g_assert_false (tw_session_has_changes (session));
  count = tw_test_db_query_value (fixture->connection, "SELECT count(*) FROM people", NULL);
  g_assert_cmpint (tw_value_get_int64 (count), ==, 0);
}

/* `tablewright import`: exit 0, 2 for a bad file (nothing committed), 1
 * when the database refuses. */
static int
run_cli (const char  *url,
         const char  *csv,
         char       **err)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "app", "tablewright", NULL);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int fd;
  int status = 0;
  const char *argv[] = { binary, "import", "--url", url, "--table", "people", NULL, NULL };

  fd = g_file_open_tmp ("tw-import-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  argv[6] = path;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (TwTestDbFixture *fixture,
          gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = people_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "app", "tablewright", NULL);
  g_autoptr (TwValue) count = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip_printf ("%s is not built", binary);
      return;
    }

  g_assert_cmpint (run_cli (fixture->url, "name,age\nAda,1\n\"Bob, Jr\",2\n", &err), ==, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture->url, "name,age\nCarol,1\nDan,two\n", &err), ==, 2);
  g_assert_nonnull (strstr (err, "Line 3, column “age”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture->url, "name,age\nEve,1\nAda,2\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "CSV line 3"));
  g_clear_pointer (&err, g_free);

  count = tw_test_db_query_value (fixture->connection, "SELECT count(*) FROM people", NULL);
  g_assert_cmpint (tw_value_get_int64 (count), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  tw_test_db_add ("/db/import/good", NULL, test_good);
  tw_test_db_add ("/db/import/bad", NULL, test_bad);
  tw_test_db_add ("/db/import/refused", NULL, test_refused);
  tw_test_db_add ("/db/import/cli", NULL, test_cli);

  return tw_test_db_run ();
}
