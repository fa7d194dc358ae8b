/* tw-fuzz-replay.c: runs a fuzz target over its corpus as a TAP test
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-fuzz-replay"

#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "tw-fuzz.h"

/* Usage: fuzz-NAME-replay [--tap] DIR-OR-FILE...
 *
 * Each file, and each file directly inside a directory (in name order, dot
 * files skipped), is one input and one TAP test case. A crash or a failed
 * check in the target aborts the run, which the TAP harness reports. */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
collect_inputs (const char  *path,
                GPtrArray   *inputs,
                GError     **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (inputs, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
    }
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (inputs, g_steal_pointer (&g_ptr_array_index (names, i)));

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  guint n_paths = 0;
  guint n_failed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;

      /* "--tap" and other options of the test harness: TAP is all we print. */
      if (g_str_has_prefix (argv[i], "--"))
        continue;
      n_paths++;
      if (!collect_inputs (argv[i], inputs, &error))
        {
          printf ("Bail out! Cannot read the corpus “%s”: %s\n", argv[i], error->message);
          return 1;
        }
    }

  if (n_paths == 0)
    {
      fprintf (stderr, "Usage: %s [--tap] CORPUS-DIRECTORY-OR-FILE...\n", argv[0]);
      return 2;
    }

  printf ("1..%u\n", inputs->len);
  fflush (stdout);

  for (guint i = 0; i < inputs->len; i++)
    {
      const char      *path = g_ptr_array_index (inputs, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *data = NULL;
      g_autoptr (GError) error = NULL;
      gsize size;

      if (!g_file_get_contents (path, &data, &size, &error))
        {
          printf ("not ok %u - %s # %s\n", i + 1, base, error->message);
          n_failed++;
        }
      else
        {
          LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
          printf ("ok %u - %s\n", i + 1, base);
        }
      fflush (stdout);
    }

  return n_failed > 0 ? 1 : 0;
}
