/* test-history.c: tests of undo and redo over per-table snapshots
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

/* Commands, undos and redos mixed at random: after each, the model is the
 * state the steps so far say it should be. This checks that what the
 * history learns from the model's signals stays right after it has put a
 * state back itself. */
static void
test_history_random_mixed (void)
{
  static const guint32 seeds[] = { 3, 11, 99, 4242 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seeds[s]);
      g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
      g_autoptr (TwHistory) history = tw_history_new (metadata);
      /* The texts of the states: done[0] the start, done[i] after step i;
       * undone, the states redo would bring back, the next one last. */
      g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) undone = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (done, dump (metadata));
      for (guint i = 0; i < 120; i++)
        {
          guint what = g_rand_int_range (rand, 0, 4);
          g_autofree char *now = NULL;

          if (what == 0 && tw_history_get_can_undo (history))
            {
              g_assert_true (tw_history_undo (history, NULL));
              g_ptr_array_add (undone, g_ptr_array_steal_index (done, done->len - 1));
            }
          else if (what == 1 && tw_history_get_can_redo (history))
            {
              g_assert_true (tw_history_redo (history, NULL));
              g_ptr_array_add (done, g_ptr_array_steal_index (undone, undone->len - 1));
            }
          else
            {
              guint n = tw_history_get_n_undo (history);

              tw_history_begin (history, "edit");
              random_edit (metadata, rand);
              tw_history_end (history);
              if (tw_history_get_n_undo (history) > n)
                {
                  g_ptr_array_set_size (undone, 0);
                  g_ptr_array_add (done, dump (metadata));
                }
            }

          now = dump (metadata);
          g_assert_cmpstr (now, ==, g_ptr_array_index (done, done->len - 1));
          g_assert_cmpuint (tw_history_get_n_undo (history), ==, done->len - 1);
        }
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
  g_test_message ("1000 tables: first command (a whole snapshot) %.1f ms, undo %.1f ms",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);

  now = dump (metadata);
  g_assert_cmpstr (now, ==, start);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 1000);
}

/* The model's table objects, in order, each with a reference. */
static GPtrArray *
dup_tables (TwMetadata *metadata)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tw_metadata_get_n_tables (metadata); i++)
    g_ptr_array_add (tables, g_object_ref (tw_metadata_get_table (metadata, i)));
  return tables;
}

/* Every table of before that untouched holds is the same object as then,
 * at the same position (untouched: NULL for all of them). */
static void
assert_tables_kept (TwMetadata *metadata,
                    GPtrArray  *before,
                    GHashTable *untouched)
{
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      TwTable *then = g_ptr_array_index (before, i);

      if (untouched != NULL && !g_hash_table_contains (untouched, then))
        continue;
      g_assert_true (tw_metadata_get_table (metadata, i) == then);
    }
}

typedef void (*EditFunc) (TwMetadata *metadata);

/* Runs one command, then checks that undo and redo give back the exact
 * texts before and after, and that they leave alone the tables the command
 * did not touch (all of them, with all_kept: a move keeps even the moved
 * table). */
static void
check_command (TwMetadata *metadata,
               EditFunc    edit,
               gboolean    all_kept)
{
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autoptr (GPtrArray) objects = dup_tables (metadata);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) untouched = g_hash_table_new (NULL, NULL);
  g_autofree char *before = dump (metadata);
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < objects->len; i++)
    g_ptr_array_add (texts, _tw_model_file_table_to_data (g_ptr_array_index (objects, i), NULL));

  tw_history_begin (history, "edit");
  edit (metadata);
  tw_history_end (history);
  after = dump (metadata);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 1);

  for (guint i = 0; i < objects->len; i++)
    {
      TwTable *table = g_ptr_array_index (objects, i);
      g_autofree char *text = _tw_model_file_table_to_data (table, NULL);

      if (tw_table_get_metadata (table) == metadata &&
          g_str_equal (text, g_ptr_array_index (texts, i)))
        g_hash_table_add (untouched, table);
    }
  g_assert_cmpuint (g_hash_table_size (untouched), >, 0);

  g_assert_true (tw_history_undo (history, &error));
  g_assert_no_error (error);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, before);
  assert_tables_kept (metadata, objects, all_kept ? NULL : untouched);

  g_assert_true (tw_history_redo (history, &error));
  g_assert_no_error (error);
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, after);
  for (guint i = 0; i < objects->len; i++)
    if (g_hash_table_contains (untouched, g_ptr_array_index (objects, i)))
      g_assert_true (tw_table_get_metadata (g_ptr_array_index (objects, i)) == metadata);

  g_assert_true (tw_history_undo (history, &error));
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, before);
  assert_tables_kept (metadata, objects, all_kept ? NULL : untouched);
}

static void
rename_column (TwMetadata *metadata)
{
  TwTable *table = tw_metadata_find_table (metadata, "t0002");

  tw_table_rename_column (table, tw_table_find_column (table, "id"), "key");
}

static void
add_column (TwMetadata *metadata)
{
  g_autoptr (TwColumn) column = tw_column_new ("added", TW_COLUMN_TYPE_STRING);

  tw_column_set_length (column, 30);
  tw_table_add_column (tw_metadata_find_table (metadata, "t0003"), column);
}

static void
remove_column (TwMetadata *metadata)
{
  TwTable *table = tw_metadata_find_table (metadata, "t0004");

  tw_table_remove_column (table, tw_table_get_column (table, tw_table_get_n_columns (table) - 1));
}

static void
edit_column (TwMetadata *metadata)
{
  TwTable *table = tw_metadata_find_table (metadata, "t0004");
  TwColumn *column = tw_table_get_column (table, 1);

  tw_column_set_nullable (column, !tw_column_get_nullable (column));
  tw_column_set_comment (column, "edited");
}

static void
move_card (TwMetadata *metadata)
{
  tw_table_set_position (tw_metadata_find_table (metadata, "t0001"), 333.5, -20);
}

static void
test_history_columns (void)
{
  static const EditFunc edits[] = { rename_column, add_column, remove_column, edit_column };

  /* Renaming t0002.id renames the foreign keys of t0003, t0005 and t0006
   * to it too: those tables change, the others stay. */
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr (TwMetadata) metadata = tw_test_schema_generated (8, 5);

      check_command (metadata, edits[i], FALSE);
    }
}

/* A move is undone by moving the card back: even the moved table stays the
 * same object, so the canvas keeps its selection. */
static void
test_history_move_keeps_objects (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (8, 5);

  check_command (metadata, move_card, TRUE);
}

static void
add_table (TwMetadata *metadata)
{
  g_autoptr (TwTable) table = tw_table_new ("added");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (table, id);
  tw_metadata_insert_table (metadata, 3, table);
}

/* t0007 refers to t0003 (its parent) and t0006 (its previous): removing
 * t0006 takes t0007's foreign key to it along. */
static void
remove_table (TwMetadata *metadata)
{
  tw_metadata_remove_table (metadata, tw_metadata_find_table (metadata, "t0006"));
}

static void
rename_table (TwMetadata *metadata)
{
  TwTable *table = tw_metadata_find_table (metadata, "t0005");

  tw_metadata_rename_table (metadata, table, "renamed");
}

static void
test_history_tables (void)
{
  /* An added table: undo removes it, every other table stays. */
  {
    g_autoptr (TwMetadata) metadata = tw_test_schema_generated (8, 4);
    g_autoptr (TwHistory) history = tw_history_new (metadata);
    g_autoptr (GPtrArray) objects = dup_tables (metadata);
    g_autofree char *before = dump (metadata);
    g_autofree char *now = NULL;

    tw_history_begin (history, "Add Table");
    add_table (metadata);
    tw_history_end (history);
    g_assert_true (tw_metadata_get_table (metadata, 3) != g_ptr_array_index (objects, 3));
    g_assert_true (tw_history_undo (history, NULL));
    now = dump (metadata);
    g_assert_cmpstr (now, ==, before);
    assert_tables_kept (metadata, objects, NULL);
    g_assert_true (tw_history_redo (history, NULL));
    g_assert_cmpstr (tw_table_get_name (tw_metadata_get_table (metadata, 3)), ==, "added");
    g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 9);
  }

  /* A removed table comes back at its place, with the foreign key another
   * table had to it; the tables in between are untouched. */
  {
    g_autoptr (TwMetadata) metadata = tw_test_schema_generated (8, 4);

    check_command (metadata, remove_table, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (tw_metadata_find_table (metadata, "t0007"))), ==, 2);
  }

  /* A renamed table (and the references to it) is renamed back: identity
   * follows the object, not the name. */
  {
    g_autoptr (TwMetadata) metadata = tw_test_schema_generated (8, 4);
    g_autoptr (TwHistory) history = tw_history_new (metadata);
    g_autofree char *before = dump (metadata);
    g_autofree char *renamed = NULL;
    g_autofree char *now = NULL;
    g_autoptr (TwTable) t0000 = g_object_ref (tw_metadata_get_table (metadata, 0));

    check_command (metadata, rename_table, FALSE);
    g_assert_nonnull (tw_metadata_find_table (metadata, "t0005"));
    g_assert_null (tw_metadata_find_table (metadata, "renamed"));

    /* Rename, then edit the renamed table in a second step: undoing both
     * one by one gives each state back. */
    tw_history_begin (history, "Rename");
    rename_table (metadata);
    tw_history_end (history);
    renamed = dump (metadata);
    tw_history_begin (history, "Add Column");
    {
      g_autoptr (TwColumn) column = tw_column_new ("extra", TW_COLUMN_TYPE_TEXT);

      tw_table_add_column (tw_metadata_find_table (metadata, "renamed"), column);
    }
    tw_history_end (history);
    g_assert_cmpuint (tw_history_get_n_undo (history), ==, 2);
    g_assert_true (tw_history_undo (history, NULL));
    now = dump (metadata);
    g_assert_cmpstr (now, ==, renamed);
    g_assert_true (tw_history_undo (history, NULL));
    g_free (now);
    now = dump (metadata);
    g_assert_cmpstr (now, ==, before);
    g_assert_true (tw_metadata_get_table (metadata, 0) == t0000);
  }
}

/* Tables in another order are put back in their order, as the same objects. */
static void
test_history_order (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autoptr (GPtrArray) objects = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("table%u", i);
      g_autoptr (TwTable) table = tw_table_new (name);

      tw_metadata_add_table (metadata, table);
    }
  objects = dup_tables (metadata);
  before = dump (metadata);

  tw_history_begin (history, "Reorder");
  tw_metadata_remove_table (metadata, g_ptr_array_index (objects, 3));
  tw_metadata_insert_table (metadata, 0, g_ptr_array_index (objects, 3));
  tw_metadata_remove_table (metadata, g_ptr_array_index (objects, 1));
  tw_metadata_add_table (metadata, g_ptr_array_index (objects, 1));
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 1);

  g_assert_true (tw_history_undo (history, NULL));
  now = dump (metadata);
  g_assert_cmpstr (now, ==, before);
  assert_tables_kept (metadata, objects, NULL);
  g_assert_true (tw_history_redo (history, NULL));
  g_assert_true (tw_metadata_get_table (metadata, 0) == g_ptr_array_index (objects, 3));
  g_assert_true (tw_metadata_get_table (metadata, 3) == g_ptr_array_index (objects, 1));
}

static void
test_history_relationships (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  GListModel *relationships = tw_metadata_get_relationships (metadata);
  g_autoptr (GPtrArray) objects = dup_tables (metadata);
  g_autoptr (TwRelationship) relationship = NULL;
  g_autofree char *start = dump (metadata);
  g_autofree char *linked = NULL;
  g_autofree char *now = NULL;
  guint n_relationships = g_list_model_get_n_items (relationships);
  guint n_tables = tw_metadata_get_n_tables (metadata);
  TwTable *users = tw_metadata_find_table (metadata, "users");
  TwTable *addresses = tw_metadata_find_table (metadata, "addresses");
  g_autoptr (TwTable) tags = tw_table_new ("tags");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

  /* A table, then a many-to-many link to it: an association table. */
  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (tags, id);
  tw_history_begin (history, "Add Table");
  tw_metadata_add_table (metadata, tags);
  tw_history_end (history);
  tw_history_begin (history, "Link Many to Many");
  relationship = tw_metadata_link_many_to_many (metadata, users, tags, NULL, NULL);
  g_object_ref (relationship);
  tw_history_end (history);
  g_assert_nonnull (relationship);
  g_assert_nonnull (tw_metadata_find_table (metadata, "users_tags"));
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, n_relationships + 1);
  linked = dump (metadata);

  /* Undo takes the relationship and its association table away. */
  g_assert_true (tw_history_undo (history, NULL));
  g_assert_null (tw_metadata_find_table (metadata, "users_tags"));
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, n_relationships);
  g_assert_true (tw_metadata_find_table (metadata, "users") == users);
  g_assert_true (tw_metadata_find_table (metadata, "tags") == tags);
  g_assert_true (tw_history_redo (history, NULL));
  now = dump (metadata);
  g_assert_cmpstr (now, ==, linked);

  /* Removing the relationship takes the association table too; undo
   * brings both back. */
  g_clear_object (&relationship);
  relationship = g_list_model_get_item (relationships, n_relationships);
  tw_history_begin (history, "Unlink");
  tw_metadata_remove_relationship (metadata, relationship);
  tw_history_end (history);
  g_assert_null (tw_metadata_find_table (metadata, "users_tags"));
  g_assert_true (tw_history_undo (history, NULL));
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, linked);

  /* A change inside a relationship is a step of its own. */
  g_clear_object (&relationship);
  relationship = g_list_model_get_item (relationships, 0);
  tw_history_begin (history, "Rename Attribute");
  tw_relationship_set_left_attribute (relationship, "mail_addresses");
  tw_history_end (history);
  g_assert_cmpstr (tw_history_get_undo_label (history), ==, "Rename Attribute");
  g_assert_true (tw_history_undo (history, NULL));
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, linked);

  /* A one-to-many link adds a column, a foreign key and a relationship. */
  tw_history_begin (history, "Link One to Many");
  g_assert_nonnull (tw_metadata_link_one_to_many (metadata, tags, addresses, NULL));
  tw_history_end (history);
  g_assert_true (tw_history_undo (history, NULL));
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, linked);

  /* All the way back. */
  while (tw_history_get_can_undo (history))
    g_assert_true (tw_history_undo (history, NULL));
  g_free (now);
  now = dump (metadata);
  g_assert_cmpstr (now, ==, start);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, n_tables);
  /* Users never changed; addresses had a column for a while. */
  g_assert_true (tw_metadata_get_table (metadata, 0) == g_ptr_array_index (objects, 0));
  g_assert_true (tw_metadata_find_table (metadata, "users") == users);
}

/* Nested commands record one step, with the outer label; commands that
 * change nothing, or put back what they changed, record nothing. */
static void
test_history_nested (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (5, 4);
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autofree char *before = dump (metadata);
  g_autofree char *now = NULL;
  TwTable *table = tw_metadata_get_table (metadata, 2);
  double x = tw_table_get_x (table);

  tw_history_begin (history, "Outer");
  tw_history_begin (history, "Inner 1");
  tw_table_set_comment (table, "one");
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 0);
  tw_history_begin (history, "Inner 2");
  tw_history_end (history);
  tw_history_begin (history, "Inner 3");
  tw_metadata_rename_table (metadata, tw_metadata_get_table (metadata, 4), "four");
  tw_history_end (history);
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (tw_history_get_undo_label (history), ==, "Outer");

  g_assert_true (tw_history_undo (history, NULL));
  now = dump (metadata);
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpstr (tw_history_get_redo_label (history), ==, "Outer");
  /* Its comment changed: undo put another object in its place. */
  table = tw_metadata_get_table (metadata, 2);

  /* Set and set back: nothing to record, and the redo step stays. */
  tw_history_begin (history, "There and back");
  tw_table_set_position (table, x + 100, 0);
  tw_table_set_position (table, x, tw_table_get_y (table) * 1.0);
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 0);
  g_assert_true (tw_history_get_can_redo (history));

  /* A table replaced by an equal one is no change either. */
  tw_history_begin (history, "Replace");
  {
    g_autoptr (TwTable) last = g_object_ref (tw_metadata_get_table (metadata, 4));
    g_autoptr (TwTable) copy = tw_table_copy (last);

    tw_metadata_remove_table (metadata, last);
    tw_metadata_add_table (metadata, copy);
  }
  tw_history_end (history);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 0);

  g_assert_true (tw_history_redo (history, NULL));
  g_assert_nonnull (tw_metadata_find_table (metadata, "four"));
}

/* After an undo, a change outside any command drops the steps, and the
 * next command's "before" is the model with that change. */
static void
test_history_outside_after_undo (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (5, 4);
  g_autoptr (TwHistory) history = tw_history_new (metadata);
  g_autofree char *outside = NULL;
  g_autofree char *now = NULL;

  tw_history_begin (history, "Add Column");
  add_column (metadata);
  tw_history_end (history);
  g_assert_true (tw_history_undo (history, NULL));

  tw_table_set_comment (tw_metadata_find_table (metadata, "t0003"), "elsewhere");
  g_assert_false (tw_history_get_can_redo (history));
  outside = dump (metadata);

  tw_history_begin (history, "Rename");
  rename_column (metadata);
  tw_history_end (history);
  g_assert_true (tw_history_undo (history, NULL));
  now = dump (metadata);
  g_assert_cmpstr (now, ==, outside);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/history/random", test_history_random);
  g_test_add_func ("/core/history/random-mixed", test_history_random_mixed);
  g_test_add_func ("/core/history/steps", test_history_steps);
  g_test_add_func ("/core/history/outside-edit", test_history_outside_edit);
  g_test_add_func ("/core/history/large", test_history_large);
  g_test_add_func ("/core/history/columns", test_history_columns);
  g_test_add_func ("/core/history/move-keeps-objects", test_history_move_keeps_objects);
  g_test_add_func ("/core/history/tables", test_history_tables);
  g_test_add_func ("/core/history/order", test_history_order);
  g_test_add_func ("/core/history/relationships", test_history_relationships);
  g_test_add_func ("/core/history/nested", test_history_nested);
  g_test_add_func ("/core/history/outside-after-undo", test_history_outside_after_undo);

  return g_test_run ();
}
