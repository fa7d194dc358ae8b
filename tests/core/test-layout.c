/* test-layout.c: tests of the layered auto-layout of the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tw-layout.h"
#include "tw-model-file.h"
#include "tw-test-schemas.h"

typedef struct
{
  const char  *name;
  TwMetadata *(*build) (void);
} Schema;

static TwMetadata *
many_to_many (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
}

static TwMetadata *
generated (void)
{
  return tw_test_schema_generated (120, 6);
}

/* Disconnected tables and a chain. */
static TwMetadata *
mixed (void)
{
  TwMetadata *metadata = tw_test_schema_tutorial ();

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("lonely_%02u", i);
      g_autoptr (TwTable) table = tw_table_new (name);

      for (guint c = 0; c <= i % 7; c++)
        {
          g_autofree char *column_name = g_strdup_printf ("c%u", c);
          g_autoptr (TwColumn) column = tw_column_new (column_name, TW_COLUMN_TYPE_INTEGER);

          tw_table_add_column (table, column);
        }
      tw_metadata_add_table (metadata, table);
    }
  return metadata;
}

static const Schema schemas[] = {
  { "tutorial", tw_test_schema_tutorial },
  { "many-to-many", many_to_many },
  { "composite", tw_test_schema_composite },
  { "tree", tw_test_schema_tree },
  { "cycle", tw_test_schema_cycle },
  { "reserved", tw_test_schema_reserved },
  { "all-types", tw_test_schema_all_types },
  { "generated", generated },
  { "mixed", mixed },
};

static gboolean
overlap (TwTable *a,
         TwTable *b)
{
  double ax = tw_table_get_x (a), ay = tw_table_get_y (a);
  double bx = tw_table_get_x (b), by = tw_table_get_y (b);

  return ax < bx + TW_LAYOUT_CARD_WIDTH && bx < ax + TW_LAYOUT_CARD_WIDTH &&
         ay < by + tw_layout_get_card_height (b) && by < ay + tw_layout_get_card_height (a);
}

static void
test_layout_no_overlap (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (schemas); s++)
    {
      g_autoptr (TwMetadata) metadata = schemas[s].build ();
      guint n = tw_metadata_get_n_tables (metadata);

      /* Everything on one spot first, as a fresh model would be. */
      for (guint i = 0; i < n; i++)
        tw_table_set_position (tw_metadata_get_table (metadata, i), 0, 0);
      tw_layout_apply (metadata);

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          if (overlap (tw_metadata_get_table (metadata, i), tw_metadata_get_table (metadata, j)))
            g_error ("%s: the cards of %s and %s overlap", schemas[s].name,
                     tw_table_get_name (tw_metadata_get_table (metadata, i)),
                     tw_table_get_name (tw_metadata_get_table (metadata, j)));

      /* On the grid, and nothing above or left of the origin. */
      for (guint i = 0; i < n; i++)
        {
          TwTable *table = tw_metadata_get_table (metadata, i);
          double x = tw_table_get_x (table), y = tw_table_get_y (table);

          g_assert_cmpfloat (x, >=, 0.0);
          g_assert_cmpfloat (y, >=, 0.0);
          g_assert_cmpfloat (x / TW_LAYOUT_GRID, ==, (double) (gint64) (x / TW_LAYOUT_GRID));
          g_assert_cmpfloat (y / TW_LAYOUT_GRID, ==, (double) (gint64) (y / TW_LAYOUT_GRID));
        }
    }
}

static double
layer_of (TwTable *table)
{
  return tw_table_get_x (table) / (TW_LAYOUT_CARD_WIDTH + TW_LAYOUT_LAYER_GAP);
}

/* A referred table sits left of the table that refers to it, one layer
 * away when nothing else is in between. */
static void
test_layout_layers (void)
{
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) m2m = tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACKREF);
  g_autoptr (TwMetadata) gen = tw_test_schema_generated (40, 4);
  g_autoptr (TwMetadata) cycle = tw_test_schema_cycle ();

  tw_layout_apply (tutorial);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (tutorial, "users")), ==, 0.0);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (tutorial, "addresses")), ==, 1.0);

  tw_layout_apply (m2m);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (m2m, "left")), ==, 0.0);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (m2m, "right")), ==, 0.0);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (m2m, "association")), ==, 1.0);

  tw_layout_apply (gen);
  for (guint i = 0; i < tw_metadata_get_n_tables (gen); i++)
    {
      TwTable *table = tw_metadata_get_table (gen, i);
      GListModel *fks = tw_table_get_foreign_keys (table);

      for (guint f = 0; f < g_list_model_get_n_items (fks); f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          TwTable *parent = tw_metadata_find_table (gen, tw_foreign_key_get_referred_table (fk));

          /* Left of it in the same band, or in a band above. */
          if (tw_table_get_y (parent) + tw_layout_get_card_height (parent) > tw_table_get_y (table))
            g_assert_cmpfloat (layer_of (parent), <, layer_of (table));
          else
            g_assert_cmpfloat (tw_table_get_y (parent), <, tw_table_get_y (table));
        }
    }

  /* In a cycle every table still gets a place, and c (outside the cycle)
   * is right of a. */
  tw_layout_apply (cycle);
  g_assert_cmpfloat (layer_of (tw_metadata_find_table (cycle, "c")), >,
                     layer_of (tw_metadata_find_table (cycle, "a")));
}

static void
test_layout_deterministic (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (schemas); s++)
    {
      g_autoptr (TwMetadata) a = schemas[s].build ();
      g_autoptr (TwMetadata) b = schemas[s].build ();
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;
      g_autofree char *again = NULL;

      tw_layout_apply (a);
      tw_layout_apply (b);
      text_a = tw_model_file_to_data (a, NULL);
      text_b = tw_model_file_to_data (b, NULL);
      g_assert_cmpstr (text_a, ==, text_b);

      /* Laying out a laid-out model changes nothing. */
      tw_layout_apply (a);
      again = tw_model_file_to_data (a, NULL);
      g_assert_cmpstr (again, ==, text_a);
    }
}

static void
test_layout_bounds (void)
{
  g_autoptr (TwMetadata) empty = tw_metadata_new ();
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  double x, y, w, h;

  g_assert_false (tw_layout_get_bounds (empty, &x, &y, &w, &h));
  g_assert_cmpfloat (w, ==, 0.0);
  tw_layout_apply (empty);

  tw_table_set_position (tw_metadata_find_table (tutorial, "users"), -100, 50);
  tw_table_set_position (tw_metadata_find_table (tutorial, "addresses"), 300, 400);
  g_assert_true (tw_layout_get_bounds (tutorial, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, -100.0);
  g_assert_cmpfloat (y, ==, 50.0);
  g_assert_cmpfloat (w, ==, 400.0 + TW_LAYOUT_CARD_WIDTH);
  g_assert_cmpfloat (h, ==, 350.0 + tw_layout_get_card_height (tw_metadata_find_table (tutorial, "addresses")));
}

/* A long chain of references is folded into bands: the result is not a
 * strip. */
static void
test_layout_folds_chains (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (200, 5);
  double x, y, w, h;

  tw_layout_apply (metadata);
  g_assert_true (tw_layout_get_bounds (metadata, &x, &y, &w, &h));
  g_test_message ("200 chained tables: %.0f x %.0f", w, h);
  g_assert_cmpfloat (w / h, <, 4.0);
  g_assert_cmpfloat (w / h, >, 0.4);
}

static void
test_layout_large (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (1000, 10);
  gint64 start = g_get_monotonic_time ();
  double ms;

  tw_layout_apply (metadata);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("layout of 1000 tables: %.1f ms", ms);
  /* Generous for sanitizer builds; bench-layout measures it properly. */
  g_assert_cmpfloat (ms, <, 5000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/layout/no-overlap", test_layout_no_overlap);
  g_test_add_func ("/core/layout/layers", test_layout_layers);
  g_test_add_func ("/core/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/core/layout/bounds", test_layout_bounds);
  g_test_add_func ("/core/layout/folds-chains", test_layout_folds_chains);
  g_test_add_func ("/core/layout/large", test_layout_large);

  return g_test_run ();
}
