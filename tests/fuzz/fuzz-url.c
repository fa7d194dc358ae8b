/* fuzz-url.c: libFuzzer target for tw_url_parse () and the URL printers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-url"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "tw-fuzz.h"
#include "tw-url.h"

/* Inputs longer than this teach nothing new and slow the search down. */
#define MAX_URL_INPUT 4096

/* In the canonical string of a URL with a password, the password runs from
 * the first ":" after "://" to the next "@": the user name and the password
 * are printed with ":" and "@" escaped. */
static void
find_password (const char  *string,
               const char **start,
               const char **end)
{
  const char *p = strstr (string, "://");

  g_assert_nonnull (p);
  *start = strchr (p + 3, ':');
  g_assert_nonnull (*start);
  (*start)++;
  *end = strchr (*start, '@');
  g_assert_nonnull (*end);
}

/* Asserts that @display does not hold @secret, when that can be told apart
 * from the rest of the URL holding the same text: @secret is at least 4
 * bytes, not in the text around the password, and holds none of the
 * characters around "***" (so it cannot straddle it). */
static void
assert_absent (const char *display,
               const char *secret,
               const char *before,
               const char *after)
{
  if (strlen (secret) < 4 || strpbrk (secret, ":*@") != NULL)
    return;
  if (strstr (before, secret) != NULL || strstr (after, secret) != NULL)
    return;
  if (strstr (display, secret) != NULL)
    g_error ("The display string “%s” shows the password “%s”", display, secret);
}

static void
assert_same_but_password (const TwUrl *a,
                          const TwUrl *b)
{
  const char *const *keys = tw_url_get_query_keys (a);

  g_assert_cmpint (tw_url_get_dialect (a), ==, tw_url_get_dialect (b));
  g_assert_cmpstr (tw_url_get_dialect_name (a), ==, tw_url_get_dialect_name (b));
  g_assert_cmpstr (tw_url_get_driver (a), ==, tw_url_get_driver (b));
  g_assert_cmpstr (tw_url_get_username (a), ==, tw_url_get_username (b));
  g_assert_cmpstr (tw_url_get_host (a), ==, tw_url_get_host (b));
  g_assert_cmpuint (tw_url_get_port (a), ==, tw_url_get_port (b));
  g_assert_cmpstr (tw_url_get_database (a), ==, tw_url_get_database (b));
  g_assert_true (g_strv_equal (keys, tw_url_get_query_keys (b)));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpstr (tw_url_get_query_param (a, keys[i]), ==, tw_url_get_query_param (b, keys[i]));
}

static void
check_display (const TwUrl *url,
               const char  *string)
{
  g_autofree char *display = tw_url_to_display_string (url);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr (TwUrl) shown = NULL;
  g_autoptr (GError) error = NULL;
  const char *password = tw_url_get_password (url);
  const char *start;
  const char *end;

  if (password == NULL)
    {
      g_assert_cmpstr (display, ==, string);
      return;
    }

  /* The display string is the URL with the password spelled "***"... */
  find_password (string, &start, &end);
  before = g_strndup (string, start - string);
  escaped = g_strndup (start, end - start);
  expected = g_strconcat (before, "***", end, NULL);
  g_assert_cmpstr (display, ==, expected);

  shown = tw_url_parse (display, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tw_url_get_password (shown), ==, "***");
  assert_same_but_password (url, shown);

  /* ...so the password shows in no spelling. */
  assert_absent (display, password, before, end);
  assert_absent (display, escaped, before, end);
}

/* A URL with no driver, no query and the dialect's own name can be built
 * from its parts. */
static void
check_new (const TwUrl *url)
{
  TwDialectKind dialect = tw_url_get_dialect (url);
  g_autoptr (TwUrl) built = NULL;

  if (tw_url_get_driver (url) != NULL || tw_url_get_query_keys (url)[0] != NULL
      || !g_str_equal (tw_url_get_dialect_name (url), tw_dialect_kind_to_string (dialect)))
    return;

  built = tw_url_new (dialect, tw_url_get_username (url), tw_url_get_password (url),
                      tw_url_get_host (url), tw_url_get_port (url), tw_url_get_database (url));
  g_assert_nonnull (built);
  g_assert_true (tw_url_equal (built, url));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = NULL;
  g_autofree char *string = NULL;
  g_autofree char *string_again = NULL;
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwUrl) again = NULL;
  g_autoptr (GError) error = NULL;

  /* A critical from a g_return_if_fail () is a bug too. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (size > MAX_URL_INPUT)
    return 0;

  /* The URL ends at the first NUL, as a C string does. */
  input = g_strndup ((const char *) data, size);

  url = tw_url_parse (input, &error);
  if (url == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TW_URL_ERROR);
      g_assert_cmpint (error->code, >=, TW_URL_ERROR_EMPTY);
      g_assert_cmpint (error->code, <=, TW_URL_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  /* Every getter answers, and the query is consistent. */
  (void) tw_url_is_memory (url);
  (void) tw_url_is_read_only (url);
  g_assert_nonnull (tw_url_get_dialect_name (url));
  g_assert_true (tw_url_get_port (url) <= 65535);
  for (const char *const *k = tw_url_get_query_keys (url); *k != NULL; k++)
    g_assert_nonnull (tw_url_get_query_param (url, *k));
  if (tw_url_get_host (url) != NULL)
    g_assert_true (tw_url_host_is_valid (tw_url_get_host (url)));

  /* The canonical string parses back to an equal URL and is stable. */
  string = tw_url_to_string (url);
  again = tw_url_parse (string, &error);
  if (again == NULL)
    g_error ("“%s” parsed, but its canonical form “%s” does not: %s", input, string,
             error->message);
  if (!tw_url_equal (url, again))
    g_error ("“%s” and its canonical form “%s” parse differently", input, string);
  string_again = tw_url_to_string (again);
  g_assert_cmpstr (string_again, ==, string);

  check_display (url, string);
  check_new (url);

  return 0;
}
