/* test-sqlalchemy-live.c: the exported SQLAlchemy module against PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each model: Tablewright's create_all on one fresh database, the
 * exported module's Base.metadata.create_all() (SQLAlchemy 1.4 with
 * psycopg2 or PyMySQL) on another, then both databases reflected into
 * models, which must be the same model file text.
 */

#define G_LOG_DOMAIN "test-sqlalchemy-live"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tw-inspector.h"
#include "tw-model-file.h"
#include "tw-schema-apply.h"
#include "tw-sqlalchemy-export.h"
#include "tw-test-db.h"
#include "tw-test-schemas.h"
#include "tw-url.h"

#define PYTHON "/usr/bin/python3"

static TwMetadata *
load_demo (void)
{
  const char *source_dir = g_getenv ("TW_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;

  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "data", "demo", "demo.twm", NULL);
  file = g_file_new_for_path (path);
  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  return metadata;
}

static TwMetadata *
schema_many_to_many (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
}

typedef struct
{
  const char  *name;
  TwMetadata *(*build) (void);
} SchemaCase;

static const SchemaCase schema_cases[] = {
  { "demo", load_demo },
  { "tutorial", tw_test_schema_tutorial },
  { "many-to-many", schema_many_to_many },
  { "composite", tw_test_schema_composite },
  { "tree", tw_test_schema_tree },
  { "cycle", tw_test_schema_cycle },
  { "reserved", tw_test_schema_reserved },
  { "all-types", tw_test_schema_all_types },
};

static gboolean
have_sqlalchemy (void)
{
  const char *argv[] = { PYTHON, "-c", "import sqlalchemy, psycopg2, pymysql", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* The model text of what the connection's database holds. */
static char *
dup_reflected (TwConnection *connection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = tw_inspector_reflect (connection, NULL, &error);

  g_assert_no_error (error);
  return tw_model_file_to_data (metadata, NULL);
}

static void
test_live (TwTestDbFixture *fixture,
           gconstpointer    data)
{
  const SchemaCase *schema = data;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = NULL;
  g_autofree char *module = NULL;
  g_autofree char *theirs_url = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *module_path = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_auto (GStrv) envp = NULL;
  TwConnection *connection;
  const char *argv[6];
  int status = 0;

  if (!have_sqlalchemy ())
    {
      if (g_getenv ("CI") != NULL)
        g_test_fail_printf ("%s with SQLAlchemy, psycopg2 and PyMySQL is not available", PYTHON);
      else
        g_test_skip_printf ("%s with SQLAlchemy, psycopg2 and PyMySQL is not available", PYTHON);
      return;
    }

  metadata = schema->build ();
  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);

  g_assert_true (tw_schema_create_all (fixture->connection, metadata, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  theirs_url = tw_test_db_create_database (fixture->kind, "sqla");
  if (theirs_url == NULL)
    return;

  workdir = g_dir_make_tmp ("tw-sqla-live-XXXXXX", &error);
  g_assert_no_error (error);
  module_path = g_build_filename (workdir, "model.py", NULL);
  g_file_set_contents (module_path, module, -1, &error);
  g_assert_no_error (error);

  driver = g_test_build_filename (G_TEST_DIST, "tools", "sqla_create_all.py", NULL);
  argv[0] = PYTHON;
  argv[1] = driver;
  argv[2] = "--create";
  argv[3] = theirs_url;
  argv[4] = module_path;
  argv[5] = NULL;
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "PYTHONDONTWRITEBYTECODE", "1", TRUE);
  envp = g_environ_unsetenv (envp, "LD_PRELOAD");

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_unlink (module_path);
  g_rmdir (workdir);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_fail_printf ("The module of %s failed on %s:\n%s%s\n--- module\n%s", schema->name,
                          tw_dialect_kind_to_string (fixture->kind), out, err, module);
      tw_test_db_drop_database (fixture->kind, theirs_url);
      return;
    }

  url = tw_url_parse (theirs_url, &error);
  g_assert_no_error (error);
  connection = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);

  ours = dup_reflected (fixture->connection);
  theirs = dup_reflected (connection);
  g_assert_cmpstr (ours, ==, theirs);

  tw_test_db_finalize_connection (connection);
  tw_test_db_drop_database (fixture->kind, theirs_url);
}

int
main (int    argc,
      char **argv)
{
  tw_test_db_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (schema_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/sqlalchemy-live/%s", schema_cases[i].name);

      tw_test_db_add_servers (path, &schema_cases[i], test_live);
    }

  return tw_test_db_run ();
}
