/* bench-layout.c: auto-layout and undo snapshots of a generated 1,000-table schema
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tw-history.h"
#include "tw-layout.h"
#include "tw-model-file.h"
#include "tw-test-schemas.h"

#define N_RUNS 5

/* The one-table edits of the Design view, timed as command, undo, redo.
 * (Removing a table also edits the three that refer to it.) */
typedef enum
{
  EDIT_RENAME_COLUMN,
  EDIT_ADD_COLUMN,
  EDIT_MOVE_CARD,
  EDIT_RENAME_TABLE,
  EDIT_ADD_TABLE,
  EDIT_REMOVE_TABLE,
  N_EDITS
} Edit;

static const char * const edit_names[N_EDITS] = {
  "rename column",
  "add column",
  "move card",
  "rename table",
  "add table",
  "remove table",
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  return values[N_RUNS / 2];
}

static void
edit (TwMetadata *metadata,
      Edit        kind,
      guint       run)
{
  TwTable *table = tw_metadata_get_table (metadata, tw_metadata_get_n_tables (metadata) / 2);
  g_autofree char *name = g_strdup_printf ("edited_%u", run);

  switch (kind)
    {
    case EDIT_RENAME_COLUMN:
      tw_table_rename_column (table, tw_table_get_column (table, 3), name);
      break;

    case EDIT_ADD_COLUMN:
      {
        g_autoptr (TwColumn) column = tw_column_new (name, TW_COLUMN_TYPE_STRING);

        tw_table_add_column (table, column);
      }
      break;

    case EDIT_MOVE_CARD:
      tw_table_set_position (table, tw_table_get_x (table) + 40, tw_table_get_y (table) + 20);
      break;

    case EDIT_RENAME_TABLE:
      tw_metadata_rename_table (metadata, table, name);
      break;

    /* At the front, so that every table after it moves down one place. */
    case EDIT_ADD_TABLE:
      {
        g_autoptr (TwTable) added = tw_table_new (name);
        g_autoptr (TwColumn) column = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

        tw_column_set_primary_key (column, TRUE);
        tw_table_add_column (added, column);
        tw_metadata_insert_table (metadata, 0, added);
      }
      break;

    /* With the foreign keys of the tables that refer to it. */
    case EDIT_REMOVE_TABLE:
      tw_metadata_remove_table (metadata, table);
      break;

    case N_EDITS:
    default:
      g_assert_not_reached ();
    }
}

static gint64
elapsed_since (gint64 *t0)
{
  gint64 t1 = g_get_monotonic_time ();
  gint64 elapsed = t1 - *t0;

  *t0 = t1;
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  guint n_tables = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  double layout[N_RUNS], snapshot[N_RUNS], command[N_RUNS], undo[N_RUNS], redo[N_RUNS];
  double edit_command[N_EDITS][N_RUNS], edit_undo[N_EDITS][N_RUNS], edit_redo[N_EDITS][N_RUNS];
  gboolean kept = TRUE;

  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr (TwMetadata) metadata = tw_test_schema_generated (n_tables, 10);
      g_autoptr (TwHistory) history = tw_history_new (metadata);
      g_autofree char *data = NULL;
      gint64 t0, record;

      g_autoptr (TwMetadata) copy = tw_metadata_copy (metadata);

      t0 = g_get_monotonic_time ();
      tw_layout_apply (copy);
      layout[r] = elapsed_since (&t0) / 1000.0;

      data = tw_model_file_to_data (metadata, NULL);
      snapshot[r] = elapsed_since (&t0) / 1000.0;

      /* An auto-layout as the canvas runs it: one undoable step. */
      tw_history_begin (history, "Auto Layout");
      tw_layout_apply (metadata);
      tw_history_end (history);
      command[r] = elapsed_since (&t0) / 1000.0;

      if (!tw_history_undo (history, NULL))
        g_error ("undo failed");
      undo[r] = elapsed_since (&t0) / 1000.0;

      if (!tw_history_redo (history, NULL))
        g_error ("redo failed");
      redo[r] = elapsed_since (&t0) / 1000.0;

      /* Edits of one table in the middle of the model. */
      for (Edit e = 0; e < N_EDITS; e++)
        {
          /* Held, so that a new table cannot take its address. */
          g_autoptr (TwTable) last = g_object_ref (tw_metadata_get_table (metadata, n_tables - 1));

          /* The history's share of the command: begin and end. */
          t0 = g_get_monotonic_time ();
          tw_history_begin (history, edit_names[e]);
          record = elapsed_since (&t0);
          edit (metadata, e, r);
          t0 = g_get_monotonic_time ();
          tw_history_end (history);
          edit_command[e][r] = (record + elapsed_since (&t0)) / 1000.0;

          if (!tw_history_undo (history, NULL))
            g_error ("undo failed");
          edit_undo[e][r] = elapsed_since (&t0) / 1000.0;

          if (!tw_history_redo (history, NULL))
            g_error ("redo failed");
          edit_redo[e][r] = elapsed_since (&t0) / 1000.0;

          /* A table the edit did not touch is still the same object. */
          kept = kept && tw_table_get_metadata (last) == metadata;
        }
    }

  printf ("tables: %u (10 columns each), median of %d runs\n", n_tables, N_RUNS);
  printf ("layout:                     %8.2f ms\n", median (layout));
  printf ("model snapshot (to_data):   %8.2f ms\n", median (snapshot));
  printf ("undoable auto-layout step:  %8.2f ms\n", median (command));
  printf ("undo of the auto-layout:    %8.2f ms\n", median (undo));
  printf ("redo of the auto-layout:    %8.2f ms\n", median (redo));
  printf ("one-table edits (recording: begin + end / undo / redo):\n");
  for (Edit e = 0; e < N_EDITS; e++)
    printf ("  %-14s %8.2f / %8.2f / %8.2f ms\n", edit_names[e],
            median (edit_command[e]), median (edit_undo[e]), median (edit_redo[e]));
  printf ("untouched tables keep their objects: %s\n", kept ? "yes" : "no");
  return 0;
}
