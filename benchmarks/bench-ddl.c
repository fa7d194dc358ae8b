/* bench-ddl.c: benchmark of compiling MetaData.create_all() DDL for a large schema
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds tw_test_schema_generated() (1,000 tables of 10 columns by default)
 * and times tw_dialect_compile_create_all() plus tw_ddl_statements_to_script()
 * for each dialect, and the same without the validation that create_all
 * starts with; bench_ddl_sqlalchemy.py times SQLAlchemy 1.4 on the same
 * schema and benchmarks/run-ddl compares the two. Prints one line per dialect:
 *
 *   dialect=sqlite best_ms=1.234 median_ms=1.300 statements=2345 bytes=456789
 *     unvalidated_best_ms=1.000 unvalidated_median_ms=1.100   (on the same line)
 */

#define G_LOG_DOMAIN "bench-ddl"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "tw-dialect.h"
#include "tw-test-schemas.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The model's own work, for the record: the public tw_metadata_validate()
 * and tw_metadata_sort_tables() each read the whole model on their own,
 * where create_all reads it once for validation, the sort and the
 * compiler. */
static void
bench_model_steps (TwMetadata *metadata,
                   int         runs)
{
  double validate_best = G_MAXDOUBLE;
  double sort_best = G_MAXDOUBLE;

  for (int run = 0; run < runs; run++)
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GPtrArray) sorted = NULL;
      g_autoptr (GPtrArray) cycle_fks = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      problems = tw_metadata_validate (metadata, TW_DIALECT_MASK_ALL);
      validate_best = MIN (validate_best, (g_get_monotonic_time () - start) / 1000.0);

      start = g_get_monotonic_time ();
      sorted = tw_metadata_sort_tables (metadata, &cycle_fks);
      sort_best = MIN (sort_best, (g_get_monotonic_time () - start) / 1000.0);
    }

  printf ("# on their own: tw_metadata_validate best %.3f ms, tw_metadata_sort_tables best %.3f ms\n",
          validate_best, sort_best);
}

static double
median_of (double *times,
           int     runs)
{
  qsort (times, runs, sizeof (double), compare_doubles);
  return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2.0;
}

/* What tw_dialect_compile_create_all() does after validating, through the
 * public API: the sort, then tw_dialect_compile_create_table() for each
 * table, which reads its table again where create_all shares one read of
 * the model with validation. So this is no longer faster than create_all,
 * validation included. */
static GPtrArray *
compile_without_validation (TwDialect  *dialect,
                            TwMetadata *metadata)
{
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GPtrArray) cycle_fks = NULL;
  GPtrArray *statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_ddl_statement_free);

  sorted = tw_metadata_sort_tables (metadata, &cycle_fks);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr (GPtrArray) table_statements = NULL;

      table_statements = tw_dialect_compile_create_table (dialect, g_ptr_array_index (sorted, i),
                                                          cycle_fks, NULL);
      g_ptr_array_extend_and_steal (statements, g_steal_pointer (&table_statements));
    }

  return statements;
}

static gboolean
bench_dialect (TwMetadata   *metadata,
               TwDialectKind kind,
               int           runs,
               GError      **error)
{
  TwDialect         *dialect = tw_dialect_get (kind);
  g_autofree double *times = g_new (double, runs);
  g_autofree double *compile_times = g_new (double, runs);
  guint              n_statements = 0;
  gsize              n_bytes = 0;
  double             median;
  double             compile_median;

  for (int run = 0; run < runs; run++)
    {
      g_autoptr (GPtrArray) statements = NULL;
      g_autoptr (GPtrArray) compiled = NULL;
      g_autofree char *script = NULL;
      g_autofree char *compiled_script = NULL;
      gint64           start;

      start = g_get_monotonic_time ();
      statements = tw_dialect_compile_create_all (dialect, metadata, error);
      if (statements == NULL)
        return FALSE;
      script = tw_ddl_statements_to_script (statements);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      compiled = compile_without_validation (dialect, metadata);
      compiled_script = tw_ddl_statements_to_script (compiled);
      compile_times[run] = (g_get_monotonic_time () - start) / 1000.0;

      /* Same work, same script (the schema has no cycles). */
      if (!g_str_equal (script, compiled_script))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The %s script compiled without validation differs",
                       tw_dialect_kind_to_string (kind));
          return FALSE;
        }
      n_statements = statements->len;
      n_bytes = strlen (script);
    }

  /* median_of() sorts, so the best time is first afterwards. */
  median = median_of (times, runs);
  compile_median = median_of (compile_times, runs);
  printf ("dialect=%s best_ms=%.3f median_ms=%.3f statements=%u bytes=%" G_GSIZE_FORMAT
          " unvalidated_best_ms=%.3f unvalidated_median_ms=%.3f\n",
          tw_dialect_kind_to_string (kind), times[0], median, n_statements, n_bytes,
          compile_times[0], compile_median);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *dump = NULL;
  int                n_tables = 1000;
  int                n_columns = 10;
  int                runs = 20;
  gint64             start;
  double             model_ms;
  const GOptionEntry entries[] = {
    { "tables", 't', 0, G_OPTION_ARG_INT, &n_tables, "Number of tables (1000)", "N" },
    { "columns", 'c', 0, G_OPTION_ARG_INT, &n_columns, "Columns per table (10)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs per dialect (20)", "N" },
    { "dump", 'd', 0, G_OPTION_ARG_STRING, &dump, "Print the script for one dialect instead", "DIALECT" },
    { NULL }
  };

  context = g_option_context_new ("- time DDL compilation of a generated schema");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (n_tables < 1 || n_columns < 3 || runs < 1)
    {
      g_printerr ("--tables and --runs must be at least 1, --columns at least 3\n");
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  metadata = tw_test_schema_generated (n_tables, n_columns);
  model_ms = (g_get_monotonic_time () - start) / 1000.0;

  if (dump != NULL)
    {
      g_autoptr (GPtrArray) statements = NULL;
      g_autofree char *script = NULL;
      TwDialectKind    kind;

      if (!tw_dialect_kind_from_string (dump, &kind))
        {
          g_printerr ("Unknown dialect “%s”: sqlite, postgresql or mysql\n", dump);
          return EXIT_FAILURE;
        }
      statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
      if (statements == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      script = tw_ddl_statements_to_script (statements);
      fputs (script, stdout);
      return EXIT_SUCCESS;
    }

  printf ("# model: %d tables, %d columns, built in %.3f ms\n", n_tables, n_tables * n_columns,
          model_ms);
  bench_model_steps (metadata, runs);
  for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      if (!bench_dialect (metadata, kind, runs, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  return EXIT_SUCCESS;
}
