/* bench-reflect.c: benchmark of reflecting a large live schema into the model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates tw_test_schema_generated() (200 tables of 10 columns by default)
 * in the empty database --url names, unless --no-create, then times
 * tw_inspector_reflect() on one open connection; bench_reflect_sqlalchemy.py
 * times SQLAlchemy 1.4's MetaData.reflect() on the same database and
 * benchmarks/run-reflect compares the two. Prints one line:
 *
 *   dialect=postgresql best_ms=12.345 median_ms=13.000 tables=200 columns=2000 fks=399 indexes=400
 */

#define G_LOG_DOMAIN "bench-reflect"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <mysql.h>

#include "tw-inspector.h"
#include "tw-schema-apply.h"
#include "tw-test-schemas.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The counts that show both sides read the same schema. */
static void
count (TwMetadata *metadata,
       guint      *n_columns,
       guint      *n_fks,
       guint      *n_indexes)
{
  guint n = tw_metadata_get_n_tables (metadata);

  *n_columns = *n_fks = *n_indexes = 0;
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      *n_columns += tw_table_get_n_columns (table);
      *n_fks += g_list_model_get_n_items (tw_table_get_foreign_keys (table));
      *n_indexes += g_list_model_get_n_items (tw_table_get_indexes (table));
    }
}

static gboolean
run (const char  *url_text,
     int          n_tables,
     int          n_columns,
     int          runs,
     gboolean     create,
     GError     **error)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autofree double *times = g_new (double, runs);
  guint columns = 0;
  guint fks = 0;
  guint indexes = 0;
  guint tables = 0;
  double median;

  url = tw_url_parse (url_text, error);
  if (url == NULL)
    return FALSE;
  connection = tw_connection_open (url, NULL, error);
  if (connection == NULL)
    return FALSE;

  if (create)
    {
      g_autoptr (TwMetadata) metadata = tw_test_schema_generated (n_tables, n_columns);

      if (!tw_schema_create_all (connection, metadata, FALSE, NULL, NULL, error))
        return FALSE;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr (TwMetadata) reflected = NULL;
      gint64 start = g_get_monotonic_time ();

      reflected = tw_inspector_reflect (connection, NULL, error);
      if (reflected == NULL)
        return FALSE;
      times[i] = (g_get_monotonic_time () - start) / 1000.0;

      tables = tw_metadata_get_n_tables (reflected);
      count (reflected, &columns, &fks, &indexes);
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2.0;

  printf ("# %s %s\n", tw_dialect_kind_to_string (tw_connection_get_dialect_kind (connection)),
          tw_connection_get_server_version (connection));
  printf ("dialect=%s best_ms=%.3f median_ms=%.3f tables=%u columns=%u fks=%u indexes=%u\n",
          tw_dialect_kind_to_string (tw_connection_get_dialect_kind (connection)),
          times[0], median, tables, columns, fks, indexes);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  int n_tables = 200;
  int n_columns = 10;
  int runs = 20;
  gboolean no_create = FALSE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url, "The database (empty unless --no-create)", "URL" },
    { "tables", 't', 0, G_OPTION_ARG_INT, &n_tables, "Number of tables (200)", "N" },
    { "columns", 'c', 0, G_OPTION_ARG_INT, &n_columns, "Columns per table (10)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed reflections (20)", "N" },
    { "no-create", 0, 0, G_OPTION_ARG_NONE, &no_create, "Reflect what the database holds", NULL },
    { NULL }
  };

  /* Before any thread exists. */
  mysql_library_init (0, NULL, NULL);

  context = g_option_context_new ("- time the reflection of a generated schema");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (url == NULL || n_tables < 1 || n_columns < 3 || runs < 1)
    {
      g_printerr ("--url is needed; --tables and --runs must be at least 1, --columns at least 3\n");
      return EXIT_FAILURE;
    }

  ok = run (url, n_tables, n_columns, runs, !no_create, &error);
  if (!ok)
    g_printerr ("bench-reflect: %s\n", error->message);

  mysql_library_end ();
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
