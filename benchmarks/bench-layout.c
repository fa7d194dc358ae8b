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

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n_tables = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  double layout[N_RUNS], snapshot[N_RUNS], command[N_RUNS], undo[N_RUNS];

  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr (TwMetadata) metadata = tw_test_schema_generated (n_tables, 10);
      g_autoptr (TwHistory) history = tw_history_new (metadata);
      g_autofree char *data = NULL;
      gint64 t0, t1;

      g_autoptr (TwMetadata) copy = tw_metadata_copy (metadata);

      t0 = g_get_monotonic_time ();
      tw_layout_apply (copy);
      layout[r] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      data = tw_model_file_to_data (metadata, NULL);
      snapshot[r] = (g_get_monotonic_time () - t0) / 1000.0;

      /* An auto-layout as the canvas runs it: one undoable step. */
      t0 = g_get_monotonic_time ();
      tw_history_begin (history, "Auto Layout");
      tw_layout_apply (metadata);
      tw_history_end (history);
      t1 = g_get_monotonic_time ();
      command[r] = (t1 - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      if (!tw_history_undo (history, NULL))
        g_error ("undo failed");
      undo[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  qsort (layout, N_RUNS, sizeof (double), compare_doubles);
  qsort (snapshot, N_RUNS, sizeof (double), compare_doubles);
  qsort (command, N_RUNS, sizeof (double), compare_doubles);
  qsort (undo, N_RUNS, sizeof (double), compare_doubles);
  printf ("tables: %u (10 columns each), median of %d runs\n", n_tables, N_RUNS);
  printf ("layout:                     %8.2f ms\n", layout[N_RUNS / 2]);
  printf ("model snapshot (to_data):   %8.2f ms\n", snapshot[N_RUNS / 2]);
  printf ("undoable auto-layout step:  %8.2f ms\n", command[N_RUNS / 2]);
  printf ("undo (load + replace):      %8.2f ms\n", undo[N_RUNS / 2]);
  return 0;
}
