/* test-cli.c: the command line (ddl, reflect, create-all, drop-all), run as the built binary
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the binary that $TW_CLI names (tests/meson.build sets it) and
 * checks exit statuses (0 done, 1 the database failed, 2 bad input), what
 * it writes, and that -o writes nothing when a command fails.
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-model-file.h"
#include "tw-test-db.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the binary with the arguments (NULL-terminated) and waits for it. */
static void
run_cli (Run *run,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("TW_CLI");
  const char *arg;
  int wait_status = 0;
  va_list ap;

  if (cli == NULL)
    g_error ("TW_CLI is not set: run the test with meson test");

  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);

  g_test_message ("%s %s → %d\n%s", cli, (char *) g_ptr_array_index (args, 1), run->status, run->err);
}

static char *
demo_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "demo.twm", NULL);
}

/* A file in a new temporary folder, which the test removes. */
static char *
temporary_file (const char *name,
                const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-test-cli-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  if (contents != NULL)
    {
      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
remove_temporary_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static char *
compile (TwMetadata    *metadata,
         TwDialectKind  kind,
         gboolean       drop)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  if (drop)
    statements = tw_dialect_compile_drop_all (tw_dialect_get (kind), metadata, &error);
  else
    statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
  g_assert_no_error (error);
  return tw_ddl_statements_to_script (statements);
}

/* ddl of a model file: no database involved. */
static void
test_ddl_model (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *demo = demo_path ();
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *output = temporary_file ("out.sql", NULL);
  g_autofree char *invalid = temporary_file ("invalid.twm",
                                             "{\"format\": \"tablewright-model\", \"version\": 1,"
                                             " \"tables\": [{\"name\": \"t\", \"columns\": []}]}");
  g_autofree char *garbage = temporary_file ("garbage.twm", "this is not a model");
  g_autoptr (GFile) file = g_file_new_for_path (demo);
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);

  run_cli (&run, "ddl", demo, "--dialect", "postgresql", NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = compile (metadata, TW_DIALECT_KIND_POSTGRESQL, FALSE);
  g_assert_cmpstr (run.out, ==, expected);
  g_clear_pointer (&expected, g_free);

  run_cli (&run, "ddl", demo, "--dialect", "mysql", "--drop", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  expected = compile (metadata, TW_DIALECT_KIND_MYSQL, TRUE);
  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
  g_remove (output);

  /* Bad input: exit 2, a message on stderr, and -o writes nothing. */
  run_cli (&run, "ddl", demo, "--dialect", "x", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown dialect"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "ddl", "/nonexistent/model.twm", "--dialect", "sqlite", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "model.twm"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "ddl", garbage, "--dialect", "sqlite", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "garbage.twm:1:"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "ddl", invalid, "--dialect", "sqlite", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "has no columns"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "ddl", "--dialect", "sqlite", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "ddl", demo, "--url", "sqlite:///x.db", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "ddl", "--url", "nonsense", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "reflect", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "create-all", demo, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "drop-all", "--url", "sqlite:///x.db", NULL);
  g_assert_cmpint (run.status, ==, 2);

  remove_temporary_file (output);
  remove_temporary_file (invalid);
  remove_temporary_file (garbage);
}

/* A server that does not answer: exit 1, the password masked, no file. */
static void
test_unreachable (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *output = temporary_file ("out.twm", NULL);
  g_autofree char *demo = demo_path ();

  run_cli (&run, "reflect", "--url", "postgresql://tw:s3cret@127.0.0.1:1/nowhere", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "s3cret"));
  g_assert_nonnull (strstr (run.err, "tw:***@127.0.0.1:1"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "ddl", "--url", "postgresql://tw:s3cret@127.0.0.1:1/nowhere", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "s3cret"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  run_cli (&run, "create-all", demo, "--url", "mysql://tw:s3cret@127.0.0.1:1/nowhere", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "s3cret"));

  remove_temporary_file (output);
}

/* The URL of the fixture's database with a password in it, for PostgreSQL,
 * whose test server trusts any; NULL elsewhere. */
static char *
url_with_password (TwTestDbFixture *fixture)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwUrl) with_password = NULL;
  g_autoptr (GError) error = NULL;

  if (fixture->kind != TW_DIALECT_KIND_POSTGRESQL)
    return NULL;

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);
  with_password = tw_url_new (TW_DIALECT_KIND_POSTGRESQL, tw_url_get_username (url), "s3cret",
                              tw_url_get_host (url), tw_url_get_port (url), tw_url_get_database (url));
  return tw_url_to_string (with_password);
}

/* create-all, ddl and reflect of the live database, drop-all. */
static void
test_live (TwTestDbFixture *fixture,
           gconstpointer    data)
{
  g_auto (Run) run = { 0 };
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_autofree char *demo = demo_path ();
  g_autofree char *output = temporary_file ("reflected.twm", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *password_url = url_with_password (fixture);
  g_autofree char *stripped = NULL;
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  const char *url = password_url != NULL ? password_url : fixture->url;
  /* A MySQL enum has no name, which PostgreSQL needs. */
  const char *other_dialect = fixture->kind == TW_DIALECT_KIND_SQLITE ? "postgresql" : "sqlite";

  run_cli (&run, "create-all", demo, "--url", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Created 8 tables: users, addresses, categories"));

  run_cli (&run, "create-all", demo, "--url", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Skipped 8 existing tables"));

  run_cli (&run, "create-all", demo, "--url", url, "--no-checkfirst", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Statement 1 of"));
  g_assert_nonnull (strstr (run.out, "Failed at statement 1 (create-table of “users”)"));

  /* ddl --url: the DDL of what the library reflects, in the URL's dialect
   * or another one. */
  reflected = tw_inspector_reflect (fixture->connection, NULL, &error);
  g_assert_no_error (error);

  run_cli (&run, "ddl", "--url", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = compile (reflected, fixture->kind, FALSE);
  g_assert_cmpstr (run.out, ==, expected);
  g_clear_pointer (&expected, g_free);

  run_cli (&run, "ddl", "--url", url, "--dialect", other_dialect, "--drop", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    TwDialectKind other;

    g_assert_true (tw_dialect_kind_from_string (other_dialect, &other));
    expected = compile (reflected, other, TRUE);
  }
  g_assert_cmpstr (run.out, ==, expected);

  run_cli (&run, "ddl", "--url", url, "--dialect", "nope", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* reflect: the model, and the database without any password. */
  run_cli (&run, "reflect", "--url", url, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "s3cret"));
  g_assert_null (strstr (run.err, "s3cret"));

  file = g_file_new_for_path (output);
  loaded = tw_model_file_load_full (file, &extras, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tw_metadata_get_n_tables (loaded), ==, 8);
  stripped = tw_model_file_strip_password (url);
  g_assert_cmpstr (extras.database, ==, stripped);
  if (password_url != NULL)
    g_assert_null (strstr (extras.database, "s3cret"));

  run_cli (&run, "drop-all", demo, "--url", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Dropped 8 tables"));
  {
    g_autoptr (TwInspector) inspector = tw_inspector_new (fixture->connection);
    g_auto (GStrv) names = tw_inspector_get_table_names (inspector, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (names), ==, 0);
  }

  remove_temporary_file (output);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  g_test_add_func ("/db/cli/ddl-model", test_ddl_model);
  g_test_add_func ("/db/cli/unreachable", test_unreachable);
  tw_test_db_add ("/db/cli/live", NULL, test_live);

  return tw_test_db_run ();
}
