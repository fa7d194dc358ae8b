/* test-cli-export.c: tests of `tablewright export`, spawning the built binary
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The binary is the one $TW_CLI names (tests/meson.build sets it). No
 * database server is needed.
 */

#define G_LOG_DOMAIN "test-cli-export"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tw-dialect.h"
#include "tw-model-file.h"
#include "tw-sqlalchemy-export.h"
#include "tw-test-schemas.h"

#define EXIT_OK     0
#define EXIT_USAGE  2

typedef struct
{
  char *dir;
  char *demo;      /* the demo model */
  char *invalid;   /* a model with a foreign key to nowhere */
  char *output;    /* where the commands write; absent at the start */
} Fixture;

/* A model file with a problem that every export refuses. */
static char *
write_invalid_model (const char *dir)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (TwForeignKey) fk = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  const char *local[] = { "user_id", NULL };
  const char *remote[] = { "id", NULL };
  char *path = g_build_filename (dir, "invalid.twm", NULL);

  fk = tw_foreign_key_new (NULL, local, "nowhere", remote);
  tw_table_add_foreign_key (tw_metadata_find_table (metadata, "addresses"), fk);
  data = tw_model_file_to_data (metadata, NULL);
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *source_dir = g_getenv ("TW_SOURCE_DIR");

  g_assert_nonnull (source_dir);
  fixture->dir = g_dir_make_tmp ("tw-cli-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->demo = g_build_filename (source_dir, "data", "demo", "demo.twm", NULL);
  fixture->invalid = write_invalid_model (fixture->dir);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);

  g_free (fixture->dir);
  g_free (fixture->demo);
  g_free (fixture->invalid);
  g_free (fixture->output);
}

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

/* Runs `tablewright export ARGS...` (a NULL-terminated list). */
static void
run_export (Run        *run,
            const char *first,
            ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("TW_CLI");
  int wait_status = 0;
  va_list ap;

  if (cli == NULL)
    g_error ("TW_CLI is not set: run the test with meson test");

  run_clear (run);
  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "export");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
expected_ddl (const char    *model,
              TwDialectKind  kind,
              gboolean       drop)
{
  g_autoptr (GFile) file = g_file_new_for_path (model);
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = tw_model_file_load (file, NULL, &error);
  g_autoptr (GPtrArray) statements = NULL;

  g_assert_no_error (error);
  if (drop)
    statements = tw_dialect_compile_drop_all (tw_dialect_get (kind), metadata, &error);
  else
    statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
  g_assert_no_error (error);
  return tw_ddl_statements_to_script (statements);
}

static char *
expected_module (const char *model)
{
  g_autoptr (GFile) file = g_file_new_for_path (model);
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = tw_model_file_load (file, NULL, &error);
  g_autofree char *name = g_path_get_basename (model);
  char *module;

  g_assert_no_error (error);
  module = tw_sqlalchemy_export_full (metadata, name, &error);
  g_assert_no_error (error);
  return module;
}

static void
test_sql (Fixture       *fixture,
          gconstpointer  data)
{
  static const struct
  {
    const char    *dialect;
    TwDialectKind  kind;
    gboolean       drop;
  } cases[] = {
    { "sqlite", TW_DIALECT_KIND_SQLITE, FALSE },
    { "postgresql", TW_DIALECT_KIND_POSTGRESQL, FALSE },
    { "mysql", TW_DIALECT_KIND_MYSQL, FALSE },
    { "postgresql", TW_DIALECT_KIND_POSTGRESQL, TRUE },
    { "mysql", TW_DIALECT_KIND_MYSQL, TRUE },
  };
  g_auto (Run) run = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = expected_ddl (fixture->demo, cases[i].kind, cases[i].drop);
      g_autofree char *written = NULL;

      if (cases[i].drop)
        run_export (&run, fixture->demo, "--format", "sql", "--dialect", cases[i].dialect, "--drop",
                    "-o", fixture->output, NULL);
      else
        run_export (&run, fixture->demo, "--format", "sql", "-d", cases[i].dialect,
                    "-o", fixture->output, NULL);
      g_assert_cmpint (run.status, ==, EXIT_OK);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, "");
      written = read_file (fixture->output);
      g_assert_cmpstr (written, ==, expected);
    }

  /* Without -o: standard output. */
  {
    g_autofree char *expected = expected_ddl (fixture->demo, TW_DIALECT_KIND_SQLITE, FALSE);

    run_export (&run, fixture->demo, "--format", "sql", "--dialect", "sqlite", NULL);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, expected);
  }
}

static void
test_sqlalchemy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *expected = expected_module (fixture->demo);
  g_autofree char *written = NULL;
  g_auto (Run) run = { 0, };

  run_export (&run, fixture->demo, "--format", "sqlalchemy", "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  written = read_file (fixture->output);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "from the model “demo.twm”"));

  run_export (&run, "--format=sqlalchemy", fixture->demo, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.out, ==, expected);
}

/* PNG and SVG through the diagram export, written by way of a temporary
 * file that is gone afterwards. */
static void
test_diagram (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->dir, "demo.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "demo.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Run) run = { 0, };
  const char *name;
  gsize length = 0;
  guint n_files = 0;

  run_export (&run, fixture->demo, "--format", "png", "-o", png, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_file_get_contents (png, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&contents, g_free);

  run_export (&run, fixture->demo, "--format=svg", "--output", svg, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  contents = read_file (svg);
  g_assert_nonnull (strstr (contents, "<svg"));

  /* The two images and the invalid model, and no temporary file. */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("file %s", name);
      g_assert_false (name[0] == '.');
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 3);
}

/* Every failure exits 2, says why on standard error, and leaves the output
 * file as it was: here absent, then with its old contents. */
static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  const struct
  {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { fixture->demo, "-o", fixture->output }, "export needs --format" },
    { { fixture->demo, "--format", "sql", "-o", fixture->output }, "No dialect given" },
    { { fixture->demo, "--format", "sql", "--dialect", "oracle", "-o", fixture->output }, "Unknown dialect “oracle”" },
    { { fixture->demo, "--format", "pdf", "-o", fixture->output }, "Unknown format “pdf”" },
    { { fixture->demo, "--format", "sqlalchemy", "--dialect", "sqlite", "-o", fixture->output }, "--dialect and --drop" },
    { { fixture->demo, "--format", "sqlalchemy", "--drop", "-o", fixture->output }, "--dialect and --drop" },
    { { "--format", "sqlalchemy", "-o", fixture->output }, "one model file" },
    { { fixture->demo, fixture->demo, "--format", "sqlalchemy", "-o", fixture->output }, "one model file" },
    { { "/nonexistent/model.twm", "--format", "sqlalchemy", "-o", fixture->output }, "model.twm" },
    { { fixture->invalid, "--format", "sqlalchemy", "-o", fixture->output }, "nowhere" },
    { { fixture->invalid, "--format", "sql", "--dialect", "postgresql", "-o", fixture->output }, "nowhere" },
    { { fixture->demo, "--format", "sqlalchemy", "--bogus", "-o", fixture->output }, "--bogus" },
    { { fixture->demo, "--format", "png" }, "needs -o FILE" },
    { { fixture->demo, "--format", "svg", "-o", "-" }, "needs -o FILE" },
    { { fixture->demo, "--format", "png", "--drop", "-o", fixture->output }, "--dialect and --drop" },
    { { fixture->invalid, "--format", "svg", "-o", fixture->output, "--dialect", "mysql" }, "--dialect and --drop" },
  };
  g_auto (Run) run = { 0, };

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_autoptr (GError) error = NULL;

          g_file_set_contents (fixture->output, "old", -1, &error);
          g_assert_no_error (error);
        }

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          const char * const *a = cases[i].args;
          g_autofree char *contents = NULL;

          run_export (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
          g_test_message ("case %u: %s", i, run.err);
          g_assert_cmpint (run.status, ==, EXIT_USAGE);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_nonnull (strstr (run.err, cases[i].message));

          if (pass == 0)
            g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
          else
            {
              contents = read_file (fixture->output);
              g_assert_cmpstr (contents, ==, "old");
            }
        }
    }

  /* A folder that does not exist. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "module.py", NULL);
    g_autofree char *missing_png = g_build_filename (fixture->dir, "no", "such", "diagram.png", NULL);

    run_export (&run, fixture->demo, "--format", "sqlalchemy", "-o", missing, NULL);
    g_assert_cmpint (run.status, ==, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "module.py"));

    run_export (&run, fixture->demo, "--format", "png", "-o", missing_png, NULL);
    g_assert_cmpint (run.status, ==, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "“" ));
    g_assert_nonnull (strstr (run.err, "diagram.png"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/db/cli-export/sql", Fixture, NULL, fixture_setup, test_sql, fixture_teardown);
  g_test_add ("/db/cli-export/sqlalchemy", Fixture, NULL, fixture_setup, test_sqlalchemy,
              fixture_teardown);
  g_test_add ("/db/cli-export/diagram", Fixture, NULL, fixture_setup, test_diagram,
              fixture_teardown);
  g_test_add ("/db/cli-export/failures", Fixture, NULL, fixture_setup, test_failures,
              fixture_teardown);

  return g_test_run ();
}
