/* fuzz-model.c: libFuzzer target for the .twm model file reader and writer
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-model"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "tw-fuzz.h"
#include "tw-model-file.h"

/* Larger inputs teach nothing new and slow the search down; the size limit
 * itself is covered by test-model-file. */
#define MAX_INPUT_SIZE (256 * 1024)

/* Every content error says "name:line:column: what". */
static void
assert_positioned (const GError *error,
                   const char   *name,
                   const char   *data,
                   gsize         size)
{
  g_autofree char *prefix = g_strconcat (name, ":", NULL);
  const char *p = error->message;
  guint64 line;
  guint64 column;
  guint64 n_lines = 1;
  char *end;

  if (!g_str_has_prefix (p, prefix))
    g_error ("The message “%s” does not start with “%s”", error->message, prefix);
  p += strlen (prefix);

  line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    g_error ("The message “%s” has no line number", error->message);
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':' || end[1] != ' ' || end[2] == '\0')
    g_error ("The message “%s” has no column or no text", error->message);

  /* The position lies within the input. */
  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n')
      n_lines++;
  if (line < 1 || line > n_lines || column < 1 || column > size + 1)
    g_error ("The message “%s” points outside the input (%" G_GUINT64_FORMAT " lines)",
             error->message, n_lines);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_auto (TwModelFileExtras) extras_again = TW_MODEL_FILE_EXTRAS_INIT;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwMetadata) again = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize saved_len;
  gsize saved_again_len;

  if (size > MAX_INPUT_SIZE)
    return 0;

  metadata = tw_model_file_load_from_data_full ((const char *) data, size, "input", &extras,
                                                &error);
  if (metadata == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TW_MODEL_FILE_ERROR);
      assert_positioned (error, "input", (const char *) data, size);
      /* A failed load leaves the extras as they were initialised. */
      g_assert_null (extras.database);
      g_assert_true (extras.zoom == 1.0);
      return 0;
    }
  g_assert_no_error (error);

  /* Whatever loads can be validated... */
  problems = tw_metadata_validate (metadata, TW_DIALECT_MASK_ALL);
  g_assert_nonnull (problems);

  /* ... holds no password... */
  if (extras.database != NULL)
    {
      g_autofree char *stripped = tw_model_file_strip_password (extras.database);

      g_assert_cmpstr (stripped, ==, extras.database);
    }

  /* ... and is saved in a form that loads again and saves the same. */
  saved = tw_model_file_to_data_full (metadata, &extras, &saved_len);
  g_assert_cmpuint (strlen (saved), ==, saved_len);
  again = tw_model_file_load_from_data_full (saved, saved_len, "saved", &extras_again, &error);
  if (again == NULL)
    g_error ("The saved model does not load: %s\n%s", error->message, saved);

  saved_again = tw_model_file_to_data_full (again, &extras_again, &saved_again_len);
  if (saved_len != saved_again_len || memcmp (saved, saved_again, saved_len) != 0)
    g_error ("Saving the model twice gives different text:\n%s\n----\n%s", saved, saved_again);

  return 0;
}
