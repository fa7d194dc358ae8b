/* test-history.c: tests of undo and redo over whole-model snapshots
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tw-history.h"
#include "tw-layout.h"
#include "tw-model-file.h"
#include "tw-test-schemas.h"

static char *
dump (TwMetadata *metadata)
{
  return tw_model_file_to_data (metadata, NULL);
}

static TwTable *
random_table (TwMetadata *metadata,
              GRand      *rand)
{
  guint n = tw_metadata_get_n_tables (metadata);

  if (n == 0)
    return NULL;
  return tw_metadata_get_table (metadata, g_rand_int_range (rand, 0, n));
}

/* One random edit of the kinds the design view makes. */
static void
random_edit (TwMetadata *metadata,
             GRand      *rand)
{
  TwTable *table = random_table (metadata, rand);
  TwTable *other = random_table (metadata, rand);
  guint kind = g_rand_int_range (rand, 0, 10);

  if (table == NULL)
    kind = 0;

  switch (kind)
    {
    case 0:
      {
        g_autofree char *name = tw_metadata_dup_unique_table_name (metadata, "table");
        g_autoptr (TwTable) added = tw_table_new (name);
        g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

        tw_column_set_primary_key (id, TRUE);
        tw_table_add_column (added, id);
        tw_table_set_position (added, g_rand_int_range (rand, 0, 100) * 10.0, 0);
        tw_metadata_add_table (metadata, added);
      }
      break;

    case 1:
      tw_metadata_remove_table (metadata, table);
      break;

    case 2:
      {
        g_autofree char *prefix = g_strdup_printf ("%s_r", tw_table_get_name (table));
        g_autofree char *name = tw_metadata_dup_unique_table_name (metadata, prefix);

        tw_metadata_rename_table (metadata, table, name);
      }
      break;

    case 3:
      {
        g_autofree char *name = g_strdup_printf ("col_%u", g_rand_int (rand));
        g_autoptr (TwColumn) column = tw_column_new (name, TW_COLUMN_TYPE_STRING);

        tw_column_set_length (column, 20);
        tw_table_add_column (table, column);
      }
      break;

    case 4:
      tw_table_set_position (table, tw_table_get_x (table) + 10 * g_rand_int_range (rand, -5, 6),
                             tw_table_get_y (table) + 10 * g_rand_int_range (rand, -5, 6));
      break;

    case 5:
      tw_metadata_link_one_to_many (metadata, table, other, NULL);
      break;

    case 6:
      if (table != other)
        tw_metadata_link_many_to_many (metadata, table, other, NULL, NULL);
      break;

    case 7:
      if (tw_table_get_n_columns (table) > 1)
        {
          TwColumn *column = tw_table_get_column (table, tw_table_get_n_columns (table) - 1);

          tw_column_set_column_type (column, TW_COLUMN_TYPE_TEXT);
          tw_column_set_nullable (column, !tw_column_get_nullable (column));
        }
      break;

    case 8:
      if (tw_table_get_n_columns (table) > 1)
        {
          TwColumn *column = tw_table_get_column (table, tw_table_get_n_columns (table) - 1);
          g_autofree char *name = g_strdup_printf ("renamed_%u", g_rand_int (rand));

          tw_table_rename_column (table, column, name);
        }
      break;

    case 9:
    default:
      tw_layout_apply (metadata);
      break;
    }
}

static void
test_history_random (void)
{
  static const guint32 seeds[] = { 1, 7, 42, 2026, 31337 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seeds[s]);
      g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
      g_autoptr (TwHistory) history = tw_history_new (metadata);
      g_autofree char *start = dump (metadata);
      g_autofree char *finish = NULL;
      g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
      guint steps;

      g_ptr_array_add (states, g_strdup (start));
      for (guint i = 0; i < 40; i++)
        {
          tw_history_begin (history, "edit");
          random_edit (metadata, rand);
          tw_history_end (history);
          if (tw_history_get_n_undo (history) == states->len)
            g_ptr_array_add (states, dump (metadata));
        }
      finish = dump (metadata);
      steps = tw_history_get_n_undo (history);
      g_assert_cmpuint (steps, ==, states->len - 1);
      g_assert_cmpuint (steps, >, 20);

      /* Undo all, checking every state on the way. */
      for (guint i = steps; i > 0; i--)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *now = NULL;

          g_assert_true (tw_history_undo (history, &error));
          g_assert_no_error (error);
          now = dump (metadata);
          g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
        }
      g_assert_false (tw_history_get_can_undo (history));
      g_assert_true (tw_history_get_can_redo (history));
      {
        g_autofree char *now = dump (metadata);

        g_assert_cmpstr (now, ==, start);
      }

      for (guint i = 0; i < steps; i++)
        g_assert_true (tw_history_redo (history, NULL));
      {
        g_autofree char *now = dump (metadata);

        g_assert_cmpstr (now, ==, finish);
      }
      g_assert_false (tw_history_get_can_redo (history));
    }
}

static void
test_history_steps (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autoptr (GError) error = NULL;
  TwTable *users = tw_metadata_find_table (metadata, "users");

  /* Nothing to undo yet. */
  g_assert_false (tw_history_undo (history, &error));
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tw_history_redo (history, &error));
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* A command that changes nothing records nothing. */
  tw_history_begin (history, "nothing");
  tw_history_end (history);
  tw_history_begin (history, "same position");
  tw_table_set_position (users, tw_table_get_x (users), tw_table_get_y (users));
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 0);

  /* A drag: many moves inside one begin/end, nested, is one step. */
  tw_history_begin (history, "Move");
  for (guint i = 1; i <= 10; i++)
    {
      tw_history_begin (history, "inner");
      g_assert_true (tw_history_is_recording (history));
      tw_table_set_position (users, 10.0 * i, 5.0 * i);
      tw_history_end (history);
    }
  tw_history_end (history);
  g_assert_false (tw_history_is_recording (history));
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (tw_history_get_undo_label (history), ==, "Move");
  g_assert_null (tw_history_get_redo_label (history));

  g_assert_true (tw_history_undo (history, NULL));
  /* The table objects were replaced by copies: look it up again. */
  users = tw_metadata_find_table (metadata, "users");
  g_assert_nonnull (users);
  g_assert_cmpfloat (tw_table_get_x (users), ==, 0.0);
  g_assert_cmpstr (tw_history_get_redo_label (history), ==, "Move");

  /* A new command drops the redo steps. */
  tw_history_begin (history, "Rename");
  tw_metadata_rename_table (metadata, users, "people");
  tw_history_end (history);
  g_assert_false (tw_history_get_can_redo (history));
  g_assert_nonnull (tw_metadata_find_table (metadata, "people"));
  g_assert_nonnull (tw_metadata_find_table (metadata, "addresses"));

  /* Undo brings back the name and the foreign key's target. */
  g_assert_true (tw_history_undo (history, NULL));
  g_assert_nonnull (tw_metadata_find_table (metadata, "users"));
  g_assert_null (tw_metadata_find_table (metadata, "people"));

  tw_history_clear (history);
  g_assert_false (tw_history_get_can_undo (history));
  g_assert_false (tw_history_get_can_redo (history));
}

/* Changes made outside begin/end are never undone: they drop the steps
 * before them, and the next command's "before" is taken afresh. */
static void
test_history_outside_edit (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autofree char *outside = NULL;
  g_autofree char *now = NULL;

  tw_history_begin (history, "move");
  tw_table_set_position (tw_metadata_get_table (metadata, 0), 100, 100);
  tw_history_end (history);

  g_assert_true (tw_history_get_can_undo (history));
  tw_table_set_comment (tw_metadata_get_table (metadata, 1), "changed elsewhere");
  outside = dump (metadata);
  g_assert_false (tw_history_get_can_undo (history));

  tw_history_begin (history, "move again");
  tw_table_set_position (tw_metadata_get_table (metadata, 0), 200, 100);
  tw_history_end (history);

  g_assert_true (tw_history_undo (history, NULL));
  now = dump (metadata);
  g_assert_cmpstr (now, ==, outside);
  g_assert_false (tw_history_get_can_undo (history));
}

static void
test_history_large (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (1000, 10);
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autofree char *start = dump (metadata);
  g_autofree char *now = NULL;
  gint64 t0, t1, t2;

  t0 = g_get_monotonic_time ();
  tw_history_begin (history, "Move");
  tw_table_set_position (tw_metadata_get_table (metadata, 500), 1234, 5678);
  tw_history_end (history);
  t1 = g_get_monotonic_time ();
  g_assert_true (tw_history_undo (history, NULL));
  t2 = g_get_monotonic_time ();
  g_test_message ("1000 tables: command (2 snapshots) %.1f ms, undo %.1f ms",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);

  now = dump (metadata);
  g_assert_cmpstr (now, ==, start);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/history/random", test_history_random);
  g_test_add_func ("/core/history/steps", test_history_steps);
  g_test_add_func ("/core/history/outside-edit", test_history_outside_edit);
  g_test_add_func ("/core/history/large", test_history_large);

  return g_test_run ();
}
