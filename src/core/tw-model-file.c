/* tw-model-file.c: loading and saving a metadata model as a .twm file
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-model-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tw-model-file.h"

/* A file is read in three passes:
 *
 * 1. check_json() reads the text as strict RFC 8259 JSON. json-glib 1.6 is
 *    lenient (comments, single quotes, octal and hex numbers, "var x ="),
 *    recursive without a depth limit, wraps integers that overflow and turns
 *    a lone \ud800 into invalid UTF-8; the strict pass makes all of that
 *    unreachable and refuses duplicate members, which json-glib would merge.
 * 2. json-glib builds the tree.
 * 3. read_document() walks the tree and builds the TwMetadata.
 *
 * json-glib keeps no positions in its tree, and its parser signals only know
 * where the last token ended (often the comma after a value). So when the
 * walk finds a fault, it hands the JSON path of the offending member to
 * locate_path(), which runs the strict scanner once more and stops at the
 * exact start of that member's name: faults cost a second scan, correct
 * files cost nothing. */

G_DEFINE_QUARK (tw-model-file-error-quark, tw_model_file_error)

#define DATA_NAME "<data>"

/* ------------------------------------------------------------------------ */
/* Positions                                                                */

typedef struct
{
  const char *member;  /* NULL: an array element */
  guint       index;
} PathStep;

static void
offset_to_position (const char *data,
                    gsize       length,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  gsize start = 0;
  guint l = 1;
  guint c = 1;

  /* A byte-order mark is not a column anyone can see. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;

  offset = MIN (offset, length);
  for (gsize i = start; i < offset; i++)
    {
      guchar ch = (guchar) data[i];

      if (ch == '\n')
        {
          l++;
          c = 1;
        }
      else if ((ch & 0xc0) != 0x80)
        {
          /* Count characters, not bytes: continuation bytes don't move on. */
          c++;
        }
    }

  *line = l;
  *column = c;
}

static void set_position_error (GError     **error,
                                const char  *name,
                                const char  *data,
                                gsize        length,
                                gsize        offset,
                                int          code,
                                const char  *format,
                                ...) G_GNUC_PRINTF (7, 8);

static void
set_position_error (GError     **error,
                    const char  *name,
                    const char  *data,
                    gsize        length,
                    gsize        offset,
                    int          code,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line;
  guint column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  offset_to_position (data, length, offset, &line, &column);
  g_set_error (error, TW_MODEL_FILE_ERROR, code, "%s:%u:%u: %s", name, line, column, message);
}

/* ------------------------------------------------------------------------ */
/* Pass 1: the strict JSON scanner                                          */

typedef struct
{
  const char     *data;
  gsize           length;
  gsize           pos;

  /* Locating mode: the path to find, and where it was found. */
  gboolean        locating;
  const PathStep *target;
  guint           target_len;
  gboolean        found;
  gsize           found_offset;

  /* The first fault. */
  gsize           error_offset;
  int             error_code;
  char           *error_message;
} Scanner;

static gboolean scan_fail (Scanner    *s,
                           gsize       offset,
                           int         code,
                           const char *format,
                           ...) G_GNUC_PRINTF (4, 5);

static gboolean
scan_fail (Scanner    *s,
           gsize       offset,
           int         code,
           const char *format,
           ...)
{
  va_list args;

  if (s->error_message != NULL)
    return FALSE;

  va_start (args, format);
  s->error_message = g_strdup_vprintf (format, args);
  va_end (args);
  s->error_offset = offset;
  s->error_code = code;

  return FALSE;
}

/* What is at offset, for "found ..." in messages. */
static char *
describe_at (Scanner *s,
             gsize    offset)
{
  const char *p;
  gunichar ch;

  if (offset >= s->length)
    return g_strdup ("the end of the file");

  p = s->data + offset;
  ch = g_utf8_get_char (p);

  if (g_ascii_isalpha (*p))
    {
      gsize end = offset;

      /* A bare word such as NaN or True: show all of it, within reason. */
      while (end < s->length && end - offset < 32 && g_ascii_isalnum (s->data[end]))
        end++;
      return g_strdup_printf ("“%.*s”", (int) (end - offset), p);
    }
  if (ch < 0x20 || ch == 0x7f)
    return g_strdup_printf ("the control character U+%04X", ch);
  if (ch == 0xfeff)
    return g_strdup ("a byte-order mark");

  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (p) - p), p);
}

static void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->length)
    {
      char ch = s->data[s->pos];

      if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
        break;
      s->pos++;
    }
}

static int
hex_value (char ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* Reads four hex digits after "\u" at s->pos. */
static gboolean
scan_hex4 (Scanner  *s,
           gsize     escape_offset,
           gunichar *unit)
{
  *unit = 0;
  for (guint i = 0; i < 4; i++)
    {
      int v = s->pos < s->length ? hex_value (s->data[s->pos]) : -1;

      if (v < 0)
        return scan_fail (s, escape_offset, TW_MODEL_FILE_ERROR_SYNTAX,
                          "“\\u” must be followed by four hexadecimal digits");
      *unit = (*unit << 4) | (guint) v;
      s->pos++;
    }
  return TRUE;
}

/* Reads the string at s->pos (the opening quote) and appends its decoded
 * value to decoded when that is not NULL. The input is known to be valid
 * UTF-8 without NUL bytes. */
static gboolean
scan_string (Scanner *s,
             GString *decoded)
{
  gsize start = s->pos;

  g_assert (s->data[s->pos] == '"');
  s->pos++;

  for (;;)
    {
      guchar ch;

      if (s->pos >= s->length)
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the string that starts here has no closing “\"”");

      ch = (guchar) s->data[s->pos];

      if (ch == '"')
        {
          s->pos++;
          return TRUE;
        }

      if (ch < 0x20)
        return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the control character U+%04X must be escaped in a string "
                          "(a line break as \\n)", ch);

      if (ch == '\\')
        {
          gsize escape = s->pos;
          char out = 0;

          s->pos++;
          if (s->pos >= s->length)
            return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                              "the string that starts here has no closing “\"”");

          switch (s->data[s->pos])
            {
            case '"':
              out = '"';
              break;
            case '\\':
              out = '\\';
              break;
            case '/':
              out = '/';
              break;
            case 'b':
              out = '\b';
              break;
            case 'f':
              out = '\f';
              break;
            case 'n':
              out = '\n';
              break;
            case 'r':
              out = '\r';
              break;
            case 't':
              out = '\t';
              break;
            case 'u':
              {
                gunichar unit;
                gunichar low;

                s->pos++;
                if (!scan_hex4 (s, escape, &unit))
                  return FALSE;

                if (unit >= 0xdc00 && unit <= 0xdfff)
                  return scan_fail (s, escape, TW_MODEL_FILE_ERROR_SYNTAX,
                                    "“\\u%04x” is the second half of a UTF-16 surrogate pair "
                                    "without a first half", unit);

                if (unit >= 0xd800 && unit <= 0xdbff)
                  {
                    if (s->pos + 1 >= s->length ||
                        s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
                      return scan_fail (s, escape, TW_MODEL_FILE_ERROR_SYNTAX,
                                        "“\\u%04x” is the first half of a UTF-16 surrogate pair "
                                        "but no second half “\\udc00” to “\\udfff” follows", unit);
                    s->pos += 2;
                    if (!scan_hex4 (s, escape, &low))
                      return FALSE;
                    if (low < 0xdc00 || low > 0xdfff)
                      return scan_fail (s, escape, TW_MODEL_FILE_ERROR_SYNTAX,
                                        "“\\u%04x” is the first half of a UTF-16 surrogate pair "
                                        "but no second half “\\udc00” to “\\udfff” follows", unit);
                    unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                  }

                if (unit == 0)
                  return scan_fail (s, escape, TW_MODEL_FILE_ERROR_SYNTAX,
                                    "“\\u0000” is not allowed: names and texts cannot hold "
                                    "a NUL character");

                if (decoded != NULL)
                  g_string_append_unichar (decoded, unit);
                continue;
              }
            default:
              return scan_fail (s, escape, TW_MODEL_FILE_ERROR_SYNTAX,
                                "“\\%.*s” is not a JSON escape; use one of \\\" \\\\ \\/ \\b \\f "
                                "\\n \\r \\t \\uXXXX",
                                (int) (g_utf8_next_char (s->data + s->pos) - (s->data + s->pos)),
                                s->data + s->pos);
            }

          if (decoded != NULL)
            g_string_append_c (decoded, out);
          s->pos++;
          continue;
        }

      if (decoded != NULL)
        g_string_append_c (decoded, (char) ch);
      s->pos++;
    }
}

static gboolean
scan_digits (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
    s->pos++;

  return s->pos > start;
}

/* RFC 8259 numbers, and only those: no leading zeros, no "+", no ".5", no
 * hex. Integers must fit in 64 bits (json-glib would wrap them) and other
 * numbers must be finite (1e999 would become infinity). */
static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean is_integer = TRUE;
  g_autofree char *text = NULL;

  if (s->data[s->pos] == '-')
    s->pos++;

  if (s->pos < s->length && s->data[s->pos] == '0')
    {
      s->pos++;
      if (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                          "a number cannot start with a 0 followed by more digits");
    }
  else if (!scan_digits (s))
    {
      g_autofree char *found = describe_at (s, s->pos);

      return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                        "expected a digit after “-”, found %s", found);
    }

  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      is_integer = FALSE;
      s->pos++;
      if (!scan_digits (s))
        {
          g_autofree char *found = describe_at (s, s->pos);

          return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                            "expected a digit after the decimal point, found %s", found);
        }
    }

  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      is_integer = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!scan_digits (s))
        {
          g_autofree char *found = describe_at (s, s->pos);

          return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                            "expected a digit in the exponent, found %s", found);
        }
    }

  /* Only a long integer can be out of range: don't copy every number. */
  if (is_integer && s->pos - start < 16)
    return TRUE;

  text = g_strndup (s->data + start, s->pos - start);
  errno = 0;
  if (is_integer)
    {
      gint64 v = g_ascii_strtoll (text, NULL, 10);

      if (errno == ERANGE || v == G_MININT64)
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_VALUE,
                          "the number %.40s%s is too large: whole numbers must lie "
                          "between -9223372036854775807 and 9223372036854775807",
                          text, strlen (text) > 40 ? "…" : "");
    }
  else
    {
      double v = g_ascii_strtod (text, NULL);

      if (!isfinite (v))
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_VALUE,
                          "the number %.40s%s is too large", text, strlen (text) > 40 ? "…" : "");
    }

  return TRUE;
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  gsize len = strlen (word);
  g_autofree char *found = NULL;

  if (s->length - s->pos >= len && memcmp (s->data + s->pos, word, len) == 0 &&
      (s->pos + len == s->length || !g_ascii_isalnum (s->data[s->pos + len])))
    {
      s->pos += len;
      return TRUE;
    }

  found = describe_at (s, s->pos);
  return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                    "expected a value (an object, array, string, number, true, false or "
                    "null), found %s", found);
}

static gboolean scan_value (Scanner  *s,
                            guint     level,
                            gboolean  on_path);

/* Whether the member or element of a container on the target path at level
 * continues the path. */
static gboolean
step_matches (Scanner    *s,
              guint       level,
              const char *member,
              guint       index)
{
  const PathStep *step;

  if (!s->locating || s->found || level >= s->target_len)
    return FALSE;

  step = &s->target[level];
  if (member != NULL)
    return step->member != NULL && strcmp (step->member, member) == 0;
  return step->member == NULL && step->index == index;
}

static gboolean
scan_object (Scanner  *s,
             guint     level,
             gboolean  on_path)
{
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GString) name = g_string_new (NULL);
  gsize start = s->pos;

  s->pos++;
  skip_whitespace (s);
  if (s->pos < s->length && s->data[s->pos] == '}')
    {
      s->pos++;
      return TRUE;
    }

  for (;;)
    {
      gsize name_offset;
      gboolean child_on_path;
      g_autofree char *found = NULL;

      skip_whitespace (s);
      name_offset = s->pos;
      if (s->pos >= s->length || s->data[s->pos] != '"')
        {
          found = describe_at (s, s->pos);
          if (s->pos < s->length && s->data[s->pos] == '}')
            return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                              "expected another member after “,”, found “}”: JSON allows "
                              "no comma after the last member");
          if (s->pos >= s->length)
            return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                              "the object that starts here has no closing “}”");
          return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                            "expected a member name in double quotes, found %s", found);
        }

      g_string_truncate (name, 0);
      if (!scan_string (s, name))
        return FALSE;

      if (names == NULL)
        names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (names, g_strdup (name->str)))
        return scan_fail (s, name_offset, TW_MODEL_FILE_ERROR_STRUCTURE,
                          "the member “%s” appears twice in this object", name->str);

      skip_whitespace (s);
      if (s->pos >= s->length || s->data[s->pos] != ':')
        {
          found = describe_at (s, s->pos);
          return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                            "expected “:” after the member name “%s”, found %s",
                            name->str, found);
        }
      s->pos++;

      child_on_path = on_path && step_matches (s, level, name->str, 0);
      if (child_on_path && level + 1 == s->target_len)
        {
          /* A member is best shown by its name, not its value. */
          s->found = TRUE;
          s->found_offset = name_offset;
        }

      if (!scan_value (s, level + 1, child_on_path))
        return FALSE;

      skip_whitespace (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (s->pos < s->length && s->data[s->pos] == '}')
        {
          s->pos++;
          return TRUE;
        }

      if (s->pos >= s->length)
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the object that starts here has no closing “}”");
      found = describe_at (s, s->pos);
      return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                        "expected “,” or “}” after the member “%s”, found %s",
                        name->str, found);
    }
}

static gboolean
scan_array (Scanner  *s,
            guint     level,
            gboolean  on_path)
{
  gsize start = s->pos;

  s->pos++;
  skip_whitespace (s);
  if (s->pos < s->length && s->data[s->pos] == ']')
    {
      s->pos++;
      return TRUE;
    }

  for (guint index = 0;; index++)
    {
      g_autofree char *found = NULL;

      skip_whitespace (s);
      if (s->pos < s->length && s->data[s->pos] == ']')
        return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                          "expected another element after “,”, found “]”: JSON allows "
                          "no comma after the last element");

      if (!scan_value (s, level + 1, on_path && step_matches (s, level, NULL, index)))
        return FALSE;

      skip_whitespace (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (s->pos < s->length && s->data[s->pos] == ']')
        {
          s->pos++;
          return TRUE;
        }

      if (s->pos >= s->length)
        return scan_fail (s, start, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the array that starts here has no closing “]”");
      found = describe_at (s, s->pos);
      return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                        "expected “,” or “]” after an element, found %s", found);
    }
}

static gboolean
scan_value (Scanner  *s,
            guint     level,
            gboolean  on_path)
{
  g_autofree char *found = NULL;

  skip_whitespace (s);
  if (s->pos >= s->length)
    return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                      "expected a value, found the end of the file");

  if (on_path && !s->found && level == s->target_len)
    {
      s->found = TRUE;
      s->found_offset = s->pos;
    }

  switch (s->data[s->pos])
    {
    case '{':
    case '[':
      /* json-glib recurses once per level: bound it. */
      if (level >= TW_MODEL_FILE_MAX_DEPTH)
        return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                          "arrays and objects are nested more than %d deep",
                          TW_MODEL_FILE_MAX_DEPTH);
      if (s->data[s->pos] == '{')
        return scan_object (s, level, on_path);
      return scan_array (s, level, on_path);

    case '"':
      return scan_string (s, NULL);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    case 't':
      return scan_word (s, "true");
    case 'f':
      return scan_word (s, "false");
    case 'n':
      return scan_word (s, "null");

    default:
      found = describe_at (s, s->pos);
      return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                        "expected a value (an object, array, string, number, true, false or "
                        "null), found %s", found);
    }
}

static gboolean
scan_document (Scanner *s)
{
  g_autofree char *found = NULL;

  if (s->length >= 3 && memcmp (s->data, "\xef\xbb\xbf", 3) == 0)
    s->pos = 3;

  skip_whitespace (s);
  if (s->pos >= s->length)
    return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                      "the file is empty; expected a JSON object");

  if (!scan_value (s, 0, s->locating))
    return FALSE;

  skip_whitespace (s);
  if (s->pos >= s->length)
    return TRUE;

  found = describe_at (s, s->pos);
  return scan_fail (s, s->pos, TW_MODEL_FILE_ERROR_SYNTAX,
                    "expected the end of the file after the top-level value, found %s", found);
}

/* Pass 1: checks encoding and syntax; on error, the message has the position. */
static gboolean
check_json (const char  *name,
            const char  *data,
            gsize        length,
            GError     **error)
{
  Scanner s = { .data = data, .length = length };
  const char *nul;
  const char *end;
  gboolean ret;

  /* The file is checked as a whole before any of it is read as JSON, so
   * every later step may assume valid UTF-8 without NUL bytes. */
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      set_position_error (error, name, data, length, nul - data, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the file holds a NUL byte; a model file is UTF-8 text");
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      set_position_error (error, name, data, length, end - data, TW_MODEL_FILE_ERROR_SYNTAX,
                          "the byte 0x%02X is not valid UTF-8; a model file is UTF-8 text",
                          (guchar) *end);
      return FALSE;
    }

  ret = scan_document (&s);
  if (!ret)
    set_position_error (error, name, data, length, s.error_offset, s.error_code,
                        "%s", s.error_message);
  g_free (s.error_message);

  return ret;
}

/* The offset of the member or element at path in a document check_json()
 * accepted: the start of a member's name, or of an element's value. */
static gsize
locate_path (const char     *data,
             gsize           length,
             const PathStep *path,
             guint           path_len)
{
  Scanner s = {
    .data = data,
    .length = length,
    .locating = TRUE,
    .target = path,
    .target_len = path_len,
  };

  scan_document (&s);
  g_free (s.error_message);

  return s.found ? s.found_offset : 0;
}

/* ------------------------------------------------------------------------ */
/* Pass 3: from the JSON tree to the model                                  */

typedef struct
{
  const char  *name;
  const char  *data;
  gsize        length;
  GArray      *path;   /* of PathStep: where the walk is */
  GError     **error;
} Reader;

static void reader_fail (Reader     *r,
                         const char *member,
                         int         code,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* Sets the error at the current object's member (or at the object itself
 * when member is NULL). */
static void
reader_fail (Reader     *r,
             const char *member,
             int         code,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;
  gsize offset;
  guint len = r->path->len;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL)
    {
      PathStep step = { member, 0 };

      g_array_append_val (r->path, step);
    }
  offset = locate_path (r->data, r->length, (const PathStep *) (void *) r->path->data,
                        r->path->len);
  g_array_set_size (r->path, len);

  set_position_error (r->error, r->name, r->data, r->length, offset, code, "%s", message);
}

static void
push_member (Reader     *r,
             const char *member)
{
  PathStep step = { member, 0 };

  g_array_append_val (r->path, step);
}

static void
push_index (Reader *r,
            guint   index)
{
  PathStep step = { NULL, index };

  g_array_append_val (r->path, step);
}

static void
pop (Reader *r)
{
  g_assert (r->path->len > 0);
  g_array_set_size (r->path, r->path->len - 1);
}

/* "a string “users”", "the number -5", "an object": what a value is, for messages. */
static char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup ("an object");
    case JSON_NODE_ARRAY:
      return g_strdup ("an array");
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node) == G_TYPE_INT64 ? 0 :
          json_node_get_value_type (node) == G_TYPE_DOUBLE ? 1 :
          json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 2 : 3)
    {
    case 0:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case 1:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node));
        /* "1.0" where a whole number belongs must not read as "1". */
        if (strpbrk (buf, ".eEn") == NULL)
          return g_strconcat (buf, ".0", NULL);
        return g_strdup (buf);
      }
    case 2:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      {
        const char *str = json_node_get_string (node);
        glong len = g_utf8_strlen (str, -1);

        if (len > 40)
          {
            const char *cut = g_utf8_offset_to_pointer (str, 40);

            return g_strdup_printf ("a string “%.*s…”", (int) (cut - str), str);
          }
        return g_strdup_printf ("a string “%s”", str);
      }
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
wrong_type (Reader     *r,
            const char *member,
            JsonNode   *node,
            const char *expected)
{
  g_autofree char *is = describe_node (node);

  reader_fail (r, member, TW_MODEL_FILE_ERROR_STRUCTURE, "“%s” must be %s, but is %s",
               member, expected, is);
  return FALSE;
}

/* Refuses members the format does not know, so that a typo such as
 * "nulable" is not silently lost. */
static gboolean
check_members (Reader             *r,
               JsonObject         *object,
               const char         *what,
               const char * const *known)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          reader_fail (r, name, TW_MODEL_FILE_ERROR_STRUCTURE,
                       "%s has no member “%s”; its members are %s", what, name, list);
          return FALSE;
        }
    }

  return TRUE;
}

/* An optional string: absent and null leave *out NULL. */
static gboolean
get_string (Reader      *r,
            JsonObject  *object,
            const char  *member,
            const char  *what,
            gboolean     required,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      if (!required)
        return TRUE;
      reader_fail (r, NULL, TW_MODEL_FILE_ERROR_STRUCTURE,
                   "%s needs the member “%s”", what, member);
      return FALSE;
    }
  if (!node_is_string (node))
    return wrong_type (r, member, node, "a string");

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_boolean (Reader     *r,
             JsonObject *object,
             const char *member,
             gboolean    fallback,
             gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!node_is_boolean (node))
    return wrong_type (r, member, node, "true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_integer (Reader     *r,
             JsonObject *object,
             const char *member,
             gint64      min,
             gint64      max,
             gint64      fallback,
             gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  *out = fallback;
  if (node == NULL)
    return TRUE;

  if (!node_is_number (node))
    {
      g_autofree char *expected = g_strdup_printf ("a whole number from %" G_GINT64_FORMAT
                                                   " to %" G_GINT64_FORMAT, min, max);

      return wrong_type (r, member, node, expected);
    }

  /* Only ask for the integer of an integer node: json-glib would cast a
   * double such as 1e300 to gint64. */
  v = node_is_integer (node) ? json_node_get_int (node) : 0;
  if (!node_is_integer (node) || v < min || v > max)
    {
      g_autofree char *is = describe_node (node);

      reader_fail (r, member, TW_MODEL_FILE_ERROR_VALUE,
                   "“%s” must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                   ", but is %s", member, min, max, is);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

/* A finite number; min and max bound it when min < max. */
static gboolean
get_double (Reader     *r,
            JsonObject *object,
            const char *member,
            double      min,
            double      max,
            double      fallback,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  double v;

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return wrong_type (r, member, node, "a number");

  if (node_is_integer (node))
    v = (double) json_node_get_int (node);
  else
    v = json_node_get_double (node);

  /* The strict pass refuses numbers that overflow to infinity; this is the
   * guard should that ever change. */
  if (!isfinite (v) || (min < max && (v < min || v > max)))
    {
      g_autofree char *is = describe_node (node);

      if (min < max)
        reader_fail (r, member, TW_MODEL_FILE_ERROR_VALUE,
                     "“%s” must be a number from %g to %g, but is %s", member, min, max, is);
      else
        reader_fail (r, member, TW_MODEL_FILE_ERROR_VALUE,
                     "“%s” must be a finite number, but is %s", member, is);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

/* An optional array of strings: absent leaves *out NULL. */
static gboolean
get_strv (Reader      *r,
          JsonObject  *object,
          const char  *member,
          const char  *what,
          gboolean     required,
          GStrv       *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;
  if (node == NULL)
    {
      if (!required)
        return TRUE;
      reader_fail (r, NULL, TW_MODEL_FILE_ERROR_STRUCTURE,
                   "%s needs the member “%s”", what, member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (r, member, node, "an array of strings");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_string (element))
        {
          g_autofree char *is = describe_node (element);

          push_member (r, member);
          push_index (r, i);
          reader_fail (r, NULL, TW_MODEL_FILE_ERROR_STRUCTURE,
                       "element %u of “%s” must be a string, but is %s", i, member, is);
          pop (r);
          pop (r);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

typedef gboolean (*FromStringFunc) (const char *str,
                                    int        *value);
typedef const char *(*ToStringFunc) (int value);

/* An optional enumeration name, looked up with from_string; names lists
 * the accepted names for the message. */
static gboolean
get_enum (Reader             *r,
          JsonObject         *object,
          const char         *member,
          const char         *what,
          gboolean            required,
          const char * const *names,
          FromStringFunc      from_string,
          int                 fallback,
          int                *out)
{
  const char *str;

  *out = fallback;
  if (!get_string (r, object, member, what, required, &str))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if (!from_string (str, out))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) names);

      reader_fail (r, member, TW_MODEL_FILE_ERROR_VALUE,
                   "“%s” must be one of %s, but is “%s”", member, list, str);
      return FALSE;
    }

  return TRUE;
}

/* Gets an array of objects; absent gives NULL. */
static gboolean
get_object_array (Reader      *r,
                  JsonObject  *object,
                  const char  *member,
                  JsonArray  **out)
{
  JsonNode *node = json_object_get_member (object, member);
  guint n;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (r, member, node, "an array of objects");

  *out = json_node_get_array (node);
  n = json_array_get_length (*out);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (*out, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_autofree char *is = describe_node (element);

          push_member (r, member);
          push_index (r, i);
          reader_fail (r, NULL, TW_MODEL_FILE_ERROR_STRUCTURE,
                       "element %u of “%s” must be an object, but is %s", i, member, is);
          pop (r);
          pop (r);
          return FALSE;
        }
    }

  return TRUE;
}

/* The names of the enumerations, in the file's spelling. */

static const char * const column_type_names[] = {
  "Integer", "BigInteger", "SmallInteger", "Boolean", "Float", "Numeric", "String", "Text",
  "Date", "DateTime", "Time", "LargeBinary", "Enum", "JSON", "Uuid", NULL,
};

static const char * const fk_action_names[] = {
  "no-action", "restrict", "cascade", "set-null", "set-default", NULL,
};

static const char * const autoincrement_names[] = {
  "auto", "always", "never", NULL,
};

static const char * const default_kind_names[] = {
  "none", "literal", "expression", "function", NULL,
};

static const char * const relationship_kind_names[] = {
  [TW_RELATIONSHIP_KIND_ONE_TO_MANY] = "one-to-many",
  [TW_RELATIONSHIP_KIND_MANY_TO_MANY] = "many-to-many",
  NULL,
};

static const char * const relationship_style_names[] = {
  [TW_RELATIONSHIP_STYLE_BACK_POPULATES] = "back-populates",
  [TW_RELATIONSHIP_STYLE_BACKREF] = "backref",
  NULL,
};

static gboolean
column_type_from_string (const char *str,
                         int        *value)
{
  TwColumnType v;

  if (!tw_column_type_from_string (str, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
fk_action_from_string (const char *str,
                       int        *value)
{
  TwFkAction v;

  if (!tw_fk_action_from_string (str, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
autoincrement_from_string (const char *str,
                           int        *value)
{
  TwAutoincrement v;

  if (!tw_autoincrement_from_string (str, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
default_kind_from_string (const char *str,
                          int        *value)
{
  TwDefaultKind v;

  if (!tw_default_kind_from_string (str, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
lookup_name (const char * const *names,
             const char         *str,
             int                *value)
{
  for (int i = 0; names[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (names[i], str) == 0)
        {
          *value = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
relationship_kind_from_string (const char *str,
                               int        *value)
{
  return lookup_name (relationship_kind_names, str, value);
}

static gboolean
relationship_style_from_string (const char *str,
                                int        *value)
{
  return lookup_name (relationship_style_names, str, value);
}

static const char * const column_members[] = {
  "name", "type", "length", "precision", "scale", "timezone", "enum-name", "enum-values",
  "primary-key", "autoincrement", "nullable", "unique", "index", "default-kind",
  "default-value", "comment", NULL,
};

static TwColumn *
read_column (Reader     *r,
             JsonObject *object)
{
  const char *what = "a column";
  g_autoptr (TwColumn) column = NULL;
  g_auto (GStrv) enum_values = NULL;
  const char *name;
  const char *enum_name;
  const char *default_value;
  const char *comment;
  int type;
  int autoincrement;
  int default_kind;
  gint64 length;
  gint64 precision;
  gint64 scale;
  gboolean with_timezone;
  gboolean primary_key;
  gboolean nullable;
  gboolean unique;
  gboolean index;

  if (!check_members (r, object, what, column_members) ||
      !get_string (r, object, "name", what, TRUE, &name) ||
      !get_enum (r, object, "type", what, TRUE, column_type_names,
                 column_type_from_string, TW_COLUMN_TYPE_INTEGER, &type) ||
      !get_integer (r, object, "length", 0, G_MAXUINT, 0, &length) ||
      !get_integer (r, object, "precision", 0, G_MAXUINT, 0, &precision) ||
      !get_integer (r, object, "scale", -1, G_MAXINT, -1, &scale) ||
      !get_boolean (r, object, "timezone", FALSE, &with_timezone) ||
      !get_string (r, object, "enum-name", what, FALSE, &enum_name) ||
      !get_strv (r, object, "enum-values", what, FALSE, &enum_values) ||
      !get_boolean (r, object, "primary-key", FALSE, &primary_key) ||
      !get_enum (r, object, "autoincrement", what, FALSE, autoincrement_names,
                 autoincrement_from_string, TW_AUTOINCREMENT_AUTO, &autoincrement) ||
      !get_boolean (r, object, "nullable", TRUE, &nullable) ||
      !get_boolean (r, object, "unique", FALSE, &unique) ||
      !get_boolean (r, object, "index", FALSE, &index) ||
      !get_enum (r, object, "default-kind", what, FALSE, default_kind_names,
                 default_kind_from_string, TW_DEFAULT_KIND_NONE, &default_kind) ||
      !get_string (r, object, "default-value", what, FALSE, &default_value) ||
      !get_string (r, object, "comment", what, FALSE, &comment))
    return NULL;

  column = tw_column_new (name, type);
  tw_column_set_length (column, (guint) length);
  tw_column_set_precision (column, (guint) precision);
  tw_column_set_scale (column, (int) scale);
  tw_column_set_timezone (column, with_timezone);
  tw_column_set_enum_name (column, enum_name);
  if (enum_values != NULL)
    tw_column_set_enum_values (column, (const char * const *) enum_values);
  tw_column_set_primary_key (column, primary_key);
  tw_column_set_autoincrement (column, autoincrement);
  tw_column_set_nullable (column, nullable);
  tw_column_set_unique (column, unique);
  tw_column_set_index (column, index);
  tw_column_set_default (column, default_kind, default_value);
  tw_column_set_comment (column, comment);

  return g_steal_pointer (&column);
}

static const char * const foreign_key_members[] = {
  "name", "columns", "referred-table", "referred-columns", "on-delete", "on-update", NULL,
};

static TwForeignKey *
read_foreign_key (Reader     *r,
                  JsonObject *object)
{
  const char *what = "a foreign key";
  TwForeignKey *foreign_key;
  g_auto (GStrv) columns = NULL;
  g_auto (GStrv) referred_columns = NULL;
  const char *name;
  const char *referred_table;
  int on_delete;
  int on_update;

  if (!check_members (r, object, what, foreign_key_members) ||
      !get_string (r, object, "name", what, FALSE, &name) ||
      !get_strv (r, object, "columns", what, TRUE, &columns) ||
      !get_string (r, object, "referred-table", what, TRUE, &referred_table) ||
      !get_strv (r, object, "referred-columns", what, TRUE, &referred_columns) ||
      !get_enum (r, object, "on-delete", what, FALSE, fk_action_names,
                 fk_action_from_string, TW_FK_ACTION_NO_ACTION, &on_delete) ||
      !get_enum (r, object, "on-update", what, FALSE, fk_action_names,
                 fk_action_from_string, TW_FK_ACTION_NO_ACTION, &on_update))
    return NULL;

  foreign_key = tw_foreign_key_new (name, (const char * const *) columns, referred_table,
                                    (const char * const *) referred_columns);
  tw_foreign_key_set_on_delete (foreign_key, on_delete);
  tw_foreign_key_set_on_update (foreign_key, on_update);

  return foreign_key;
}

static const char * const unique_members[] = { "name", "columns", NULL };

static TwUniqueConstraint *
read_unique_constraint (Reader     *r,
                        JsonObject *object)
{
  const char *what = "a unique constraint";
  g_auto (GStrv) columns = NULL;
  const char *name;

  if (!check_members (r, object, what, unique_members) ||
      !get_string (r, object, "name", what, FALSE, &name) ||
      !get_strv (r, object, "columns", what, TRUE, &columns))
    return NULL;

  return tw_unique_constraint_new (name, (const char * const *) columns);
}

static const char * const check_members_list[] = { "name", "expression", NULL };

static TwCheckConstraint *
read_check_constraint (Reader     *r,
                       JsonObject *object)
{
  const char *what = "a check constraint";
  const char *name;
  const char *expression;

  if (!check_members (r, object, what, check_members_list) ||
      !get_string (r, object, "name", what, FALSE, &name) ||
      !get_string (r, object, "expression", what, TRUE, &expression))
    return NULL;

  return tw_check_constraint_new (name, expression);
}

static const char * const index_members[] = { "name", "columns", "unique", NULL };

static TwIndex *
read_index (Reader     *r,
            JsonObject *object)
{
  const char *what = "an index";
  g_auto (GStrv) columns = NULL;
  const char *name;
  gboolean unique;

  if (!check_members (r, object, what, index_members) ||
      !get_string (r, object, "name", what, TRUE, &name) ||
      !get_strv (r, object, "columns", what, TRUE, &columns) ||
      !get_boolean (r, object, "unique", FALSE, &unique))
    return NULL;

  return tw_index_new (name, (const char * const *) columns, unique);
}

typedef enum
{
  LIST_COLUMNS,
  LIST_FOREIGN_KEYS,
  LIST_UNIQUE_CONSTRAINTS,
  LIST_CHECK_CONSTRAINTS,
  LIST_INDEXES,
  N_LISTS,
} ListKind;

static const char * const list_members[N_LISTS] = {
  [LIST_COLUMNS] = "columns",
  [LIST_FOREIGN_KEYS] = "foreign-keys",
  [LIST_UNIQUE_CONSTRAINTS] = "unique-constraints",
  [LIST_CHECK_CONSTRAINTS] = "check-constraints",
  [LIST_INDEXES] = "indexes",
};

/* Reads one element of a table's list and adds it to the table. */
static gboolean
read_list_item (Reader     *r,
                JsonObject *object,
                TwTable    *table,
                ListKind    kind)
{
  g_autoptr (GObject) item = NULL;

  switch (kind)
    {
    case LIST_COLUMNS:
      item = (GObject *) read_column (r, object);
      if (item != NULL)
        tw_table_add_column (table, TW_COLUMN (item));
      break;
    case LIST_FOREIGN_KEYS:
      item = (GObject *) read_foreign_key (r, object);
      if (item != NULL)
        tw_table_add_foreign_key (table, TW_FOREIGN_KEY (item));
      break;
    case LIST_UNIQUE_CONSTRAINTS:
      item = (GObject *) read_unique_constraint (r, object);
      if (item != NULL)
        tw_table_add_unique_constraint (table, TW_UNIQUE_CONSTRAINT (item));
      break;
    case LIST_CHECK_CONSTRAINTS:
      item = (GObject *) read_check_constraint (r, object);
      if (item != NULL)
        tw_table_add_check_constraint (table, TW_CHECK_CONSTRAINT (item));
      break;
    case LIST_INDEXES:
      item = (GObject *) read_index (r, object);
      if (item != NULL)
        tw_table_add_index (table, TW_INDEX (item));
      break;
    case N_LISTS:
    default:
      g_assert_not_reached ();
    }

  return item != NULL;
}

/* Reads each object of one of the table's array members. */
static gboolean
read_list (Reader     *r,
           JsonObject *object,
           TwTable    *table,
           ListKind    kind)
{
  const char *member = list_members[kind];
  JsonArray *array;
  guint n;

  if (!get_object_array (r, object, member, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  push_member (r, member);
  for (guint i = 0; i < n; i++)
    {
      gboolean ok;

      push_index (r, i);
      ok = read_list_item (r, json_array_get_object_element (array, i), table, kind);
      pop (r);
      if (!ok)
        {
          pop (r);
          return FALSE;
        }
    }
  pop (r);

  return TRUE;
}

static const char * const table_members[] = {
  "name", "comment", "primary-key-name", "x", "y", "columns", "foreign-keys",
  "unique-constraints", "check-constraints", "indexes", NULL,
};

static TwTable *
read_table (Reader     *r,
            JsonObject *object)
{
  const char *what = "a table";
  g_autoptr (TwTable) table = NULL;
  const char *name;
  const char *comment;
  const char *primary_key_name;
  double x;
  double y;

  if (!check_members (r, object, what, table_members) ||
      !get_string (r, object, "name", what, TRUE, &name) ||
      !get_string (r, object, "comment", what, FALSE, &comment) ||
      !get_string (r, object, "primary-key-name", what, FALSE, &primary_key_name) ||
      !get_double (r, object, "x", 0.0, 0.0, 0.0, &x) ||
      !get_double (r, object, "y", 0.0, 0.0, 0.0, &y))
    return NULL;

  table = tw_table_new (name);
  tw_table_set_comment (table, comment);
  tw_table_set_primary_key_name (table, primary_key_name);
  tw_table_set_position (table, x, y);

  for (ListKind kind = 0; kind < N_LISTS; kind++)
    if (!read_list (r, object, table, kind))
    return NULL;

  return g_steal_pointer (&table);
}

static const char * const relationship_members[] = {
  "kind", "left-table", "right-table", "left-attribute", "right-attribute", "style",
  "secondary", "foreign-key-columns", NULL,
};

/* table_names is a set of the names of the file's tables: a lookup per
 * reference, not a walk through the tables, so that a hostile file with many
 * tables and relationships loads in linear time. NULL checks nothing (a
 * relationship read on its own). */
static gboolean
check_table_reference (Reader     *r,
                       GHashTable *table_names,
                       const char *member,
                       const char *table)
{
  if (table == NULL || table_names == NULL || g_hash_table_contains (table_names, table))
    return TRUE;

  reader_fail (r, member, TW_MODEL_FILE_ERROR_REFERENCE,
               "“%s” names the table “%s”, which the file does not hold", member, table);
  return FALSE;
}

static TwRelationship *
read_relationship (Reader     *r,
                   JsonObject *object,
                   GHashTable *table_names)
{
  const char *what = "a relationship";
  TwRelationship *relationship;
  g_auto (GStrv) foreign_key_columns = NULL;
  const char *left_table;
  const char *right_table;
  const char *left_attribute;
  const char *right_attribute;
  const char *secondary;
  int kind;
  int style;

  if (!check_members (r, object, what, relationship_members) ||
      !get_enum (r, object, "kind", what, TRUE, relationship_kind_names,
                 relationship_kind_from_string, 0, &kind) ||
      !get_string (r, object, "left-table", what, TRUE, &left_table) ||
      !get_string (r, object, "right-table", what, TRUE, &right_table) ||
      !get_string (r, object, "left-attribute", what, FALSE, &left_attribute) ||
      !get_string (r, object, "right-attribute", what, FALSE, &right_attribute) ||
      !get_enum (r, object, "style", what, FALSE, relationship_style_names,
                 relationship_style_from_string, TW_RELATIONSHIP_STYLE_BACK_POPULATES, &style) ||
      !get_string (r, object, "secondary", what, FALSE, &secondary) ||
      !get_strv (r, object, "foreign-key-columns", what, FALSE, &foreign_key_columns) ||
      !check_table_reference (r, table_names, "left-table", left_table) ||
      !check_table_reference (r, table_names, "right-table", right_table) ||
      !check_table_reference (r, table_names, "secondary", secondary))
    return NULL;

  relationship = tw_relationship_new (kind, left_table, right_table);
  tw_relationship_set_left_attribute (relationship, left_attribute);
  tw_relationship_set_right_attribute (relationship, right_attribute);
  tw_relationship_set_style (relationship, style);
  tw_relationship_set_secondary (relationship, secondary);
  if (foreign_key_columns != NULL)
    tw_relationship_set_foreign_key_columns (relationship,
                                             (const char * const *) foreign_key_columns);

  return relationship;
}

static const char * const layout_members[] = { "zoom", "scroll-x", "scroll-y", NULL };

static gboolean
read_layout (Reader            *r,
             JsonObject        *root,
             TwModelFileExtras *extras)
{
  JsonNode *node = json_object_get_member (root, "layout");
  JsonObject *object;
  gboolean ret;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, "layout", node, "an object");

  object = json_node_get_object (node);
  push_member (r, "layout");
  ret = check_members (r, object, "“layout”", layout_members) &&
        get_double (r, object, "zoom", 0.01, 100.0, 1.0, &extras->zoom) &&
        get_double (r, object, "scroll-x", 0.0, 0.0, 0.0, &extras->scroll_x) &&
        get_double (r, object, "scroll-y", 0.0, 0.0, 0.0, &extras->scroll_y);
  pop (r);

  return ret;
}

static const char * const document_members[] = {
  "format", "version", "database", "layout", "tables", "relationships", NULL,
};

static TwMetadata *
read_document (Reader            *r,
               JsonNode          *root_node,
               TwModelFileExtras *extras)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GHashTable) table_names = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *tables;
  JsonArray *relationships;
  const char *database;
  gint64 version;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_autofree char *is = describe_node (root_node);

      reader_fail (r, NULL, TW_MODEL_FILE_ERROR_VERSION,
                   "this is not a Tablewright model: the file must hold a JSON object, "
                   "but holds %s", is);
      return NULL;
    }
  root = json_node_get_object (root_node);

  /* The format and version come first: a newer file may hold members this
   * version has never heard of, and deserves the more helpful message. */
  node = json_object_get_member (root, "format");
  if (node == NULL || !node_is_string (node) ||
      strcmp (json_node_get_string (node), TW_MODEL_FILE_FORMAT) != 0)
    {
      g_autofree char *is = node != NULL ? describe_node (node) : NULL;

      reader_fail (r, node != NULL ? "format" : NULL, TW_MODEL_FILE_ERROR_VERSION,
                   "this is not a Tablewright model: “format” must be “%s”, but %s%s",
                   TW_MODEL_FILE_FORMAT, is != NULL ? "is " : "is missing", is != NULL ? is : "");
      return NULL;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL)
    {
      reader_fail (r, NULL, TW_MODEL_FILE_ERROR_VERSION,
                   "the model has no “version”; this Tablewright reads version %d",
                   TW_MODEL_FILE_VERSION);
      return NULL;
    }
  if (!node_is_integer (node) || json_node_get_int (node) < 1)
    {
      g_autofree char *is = describe_node (node);

      reader_fail (r, "version", TW_MODEL_FILE_ERROR_VERSION,
                   "“version” must be a whole number, 1 or more, but is %s", is);
      return NULL;
    }
  version = json_node_get_int (node);
  if (version > TW_MODEL_FILE_VERSION)
    {
      reader_fail (r, "version", TW_MODEL_FILE_ERROR_VERSION,
                   "the model was written by a newer Tablewright (format version %"
                   G_GINT64_FORMAT "); this one reads format version %d and older",
                   version, TW_MODEL_FILE_VERSION);
      return NULL;
    }

  if (!check_members (r, root, "a model file", document_members) ||
      !get_string (r, root, "database", "a model file", FALSE, &database) ||
      !read_layout (r, root, extras) ||
      !get_object_array (r, root, "tables", &tables) ||
      !get_object_array (r, root, "relationships", &relationships))
    return NULL;

  if (database != NULL)
    extras->database = tw_model_file_strip_password (database);

  metadata = tw_metadata_new ();
  /* Borrowed keys: the tables outlive the set. */
  table_names = g_hash_table_new (g_str_hash, g_str_equal);

  n = tables != NULL ? json_array_get_length (tables) : 0;
  push_member (r, "tables");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = NULL;

      push_index (r, i);
      table = read_table (r, json_array_get_object_element (tables, i));
      pop (r);
      if (table == NULL)
        return NULL;
      tw_metadata_add_table (metadata, table);
      g_hash_table_add (table_names, (gpointer) tw_table_get_name (table));
    }
  pop (r);

  /* After every table, so that references can be checked; added as they
   * are, which creates no association table. */
  n = relationships != NULL ? json_array_get_length (relationships) : 0;
  push_member (r, "relationships");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) relationship = NULL;

      push_index (r, i);
      relationship = read_relationship (r, json_array_get_object_element (relationships, i),
                                        table_names);
      pop (r);
      if (relationship == NULL)
        return NULL;
      tw_metadata_add_relationship (metadata, relationship);
    }
  pop (r);

  return g_steal_pointer (&metadata);
}

/* Pass 2 glue: json-glib's own errors should not happen after the strict
 * pass, but if they do they keep their position. */
typedef struct
{
  guint line;
  guint column;
  gboolean set;
} ParserPosition;

static void
parser_error_cb (JsonParser     *parser,
                 gpointer        error,
                 ParserPosition *position)
{
  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
  position->set = TRUE;
}

static TwMetadata *
load_data (const char         *data,
           gsize               length,
           const char         *name,
           TwModelFileExtras  *extras,
           GError            **error)
{
  g_auto (TwModelFileExtras) read_extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) json_error = NULL;
  g_autoptr (GArray) path = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  ParserPosition position = { 0, };
  Reader r;

  if (extras != NULL)
    tw_model_file_extras_clear (extras);

  if (length > TW_MODEL_FILE_MAX_SIZE)
    {
      g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_TOO_LARGE,
                   "%s: the file is %" G_GSIZE_FORMAT " bytes long; model files are at most "
                   "%d MiB", name, length, TW_MODEL_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!check_json (name, data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (parser_error_cb), &position);
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      const char *message = json_error->message;

      /* json-glib says "<data>:line:col: Parse error: ..." */
      if (g_str_has_prefix (message, DATA_NAME ":"))
        {
          for (guint colons = 0; *message != '\0' && colons < 3; message++)
            if (*message == ':')
              colons++;
          while (*message == ' ')
            message++;
        }
      g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_SYNTAX, "%s:%u:%u: %s",
                   name, position.set ? position.line : 1, position.set ? position.column : 1,
                   message);
      return NULL;
    }

  path = g_array_new (FALSE, FALSE, sizeof (PathStep));
  r = (Reader) {
    .name = name,
    .data = data,
    .length = length,
    .path = path,
    .error = error,
  };

  metadata = read_document (&r, json_parser_get_root (parser), &read_extras);
  if (metadata == NULL)
    return NULL;

  if (extras != NULL)
    {
      *extras = read_extras;
      read_extras = (TwModelFileExtras) TW_MODEL_FILE_EXTRAS_INIT;
    }

  return g_steal_pointer (&metadata);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  first[TW_MODEL_FILE_MAX_DEPTH];
} Writer;

static void
write_json_string (GString    *out,
                   const char *str)
{
  g_autofree char *valid = NULL;

  /* The model should only ever hold UTF-8; never write anything else. */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      switch (ch)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (ch < 0x20 || ch == 0x7f)
            g_string_append_printf (out, "\\u%04x", ch);
          else
            g_string_append_c (out, (char) ch);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as exactly the same double. */
static void
write_double (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* A model never holds these (the canvas clamps); JSON cannot. */
      g_string_append_c (out, '0');
      return;
    }

  /* -0.0 must keep its sign: "-0" would read back as the integer 0. */
  if (value == 0.0 && signbit (value))
    {
      g_string_append (out, "-0.0");
      return;
    }

  /* Whole numbers, which is what positions mostly are, as integers: "40"
   * rather than "4e+01". */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
writer_indent (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* Starts a member (key not NULL) of the current object or an element of
 * the current array. */
static void
writer_item (Writer     *w,
             const char *key)
{
  if (!w->first[w->depth])
    g_string_append_c (w->out, ',');
  w->first[w->depth] = FALSE;
  writer_indent (w);
  if (key != NULL)
    {
      write_json_string (w->out, key);
      g_string_append (w->out, ": ");
    }
}

static void
writer_open (Writer     *w,
             const char *key,
             char        bracket)
{
  if (w->depth > 0 || key != NULL)
    writer_item (w, key);
  g_string_append_c (w->out, bracket);
  w->depth++;
  g_assert (w->depth < G_N_ELEMENTS (w->first));
  w->first[w->depth] = TRUE;
}

static void
writer_close (Writer *w,
              char    bracket)
{
  gboolean empty = w->first[w->depth];

  g_assert (w->depth > 0);
  w->depth--;
  if (!empty)
    writer_indent (w);
  g_string_append_c (w->out, bracket);
}

static void
write_string (Writer     *w,
              const char *key,
              const char *value)
{
  writer_item (w, key);
  write_json_string (w->out, value != NULL ? value : "");
}

static void
write_optional_string (Writer     *w,
                       const char *key,
                       const char *value)
{
  if (value != NULL)
    write_string (w, key, value);
}

static void
write_integer (Writer     *w,
               const char *key,
               gint64      value)
{
  writer_item (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
write_number (Writer     *w,
              const char *key,
              double      value)
{
  writer_item (w, key);
  write_double (w->out, value);
}

static void
write_true (Writer     *w,
            const char *key)
{
  writer_item (w, key);
  g_string_append (w->out, "true");
}

/* Arrays of strings go on one line: ["user_id", "created_at"]. */
static void
write_strv (Writer             *w,
            const char         *key,
            const char * const *strv)
{
  writer_item (w, key);
  g_string_append_c (w->out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      write_json_string (w->out, strv[i]);
    }
  g_string_append_c (w->out, ']');
}

static void
write_optional_strv (Writer             *w,
                     const char         *key,
                     const char * const *strv)
{
  if (strv != NULL && strv[0] != NULL)
    write_strv (w, key, strv);
}

static void
write_column (Writer   *w,
              TwColumn *column)
{
  TwDefaultKind default_kind = tw_column_get_default_kind (column);
  guint type = tw_column_get_column_type (column);
  guint autoincrement = tw_column_get_autoincrement (column);

  writer_open (w, NULL, '{');
  write_string (w, "name", tw_column_get_name (column));
  write_string (w, "type", type < G_N_ELEMENTS (column_type_names) - 1
                             ? column_type_names[type] : "Integer");
  if (tw_column_get_length (column) != 0)
    write_integer (w, "length", tw_column_get_length (column));
  if (tw_column_get_precision (column) != 0)
    write_integer (w, "precision", tw_column_get_precision (column));
  if (tw_column_get_scale (column) != -1)
    write_integer (w, "scale", tw_column_get_scale (column));
  if (tw_column_get_timezone (column))
    write_true (w, "timezone");
  write_optional_string (w, "enum-name", tw_column_get_enum_name (column));
  write_optional_strv (w, "enum-values", tw_column_get_enum_values (column));
  if (tw_column_get_primary_key (column))
    write_true (w, "primary-key");
  if (autoincrement != TW_AUTOINCREMENT_AUTO && autoincrement < G_N_ELEMENTS (autoincrement_names) - 1)
    write_string (w, "autoincrement", autoincrement_names[autoincrement]);
  if (!tw_column_get_nullable (column))
    {
      writer_item (w, "nullable");
      g_string_append (w->out, "false");
    }
  if (tw_column_get_unique (column))
    write_true (w, "unique");
  if (tw_column_get_index (column))
    write_true (w, "index");
  if (default_kind != TW_DEFAULT_KIND_NONE && default_kind < G_N_ELEMENTS (default_kind_names) - 1)
    write_string (w, "default-kind", default_kind_names[default_kind]);
  write_optional_string (w, "default-value", tw_column_get_default_value (column));
  write_optional_string (w, "comment", tw_column_get_comment (column));
  writer_close (w, '}');
}

static void
write_fk_action (Writer     *w,
                 const char *key,
                 TwFkAction  action)
{
  if (action != TW_FK_ACTION_NO_ACTION && (guint) action < G_N_ELEMENTS (fk_action_names) - 1)
    write_string (w, key, fk_action_names[action]);
}

static void
write_table (Writer  *w,
             TwTable *table)
{
  GListModel *list;
  guint n;

  writer_open (w, NULL, '{');
  write_string (w, "name", tw_table_get_name (table));
  write_optional_string (w, "comment", tw_table_get_comment (table));
  write_optional_string (w, "primary-key-name", tw_table_get_primary_key_name (table));
  write_number (w, "x", tw_table_get_x (table));
  write_number (w, "y", tw_table_get_y (table));

  list = tw_table_get_columns (table);
  n = g_list_model_get_n_items (list);
  writer_open (w, "columns", '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwColumn) column = g_list_model_get_item (list, i);

      write_column (w, column);
    }
  writer_close (w, ']');

  list = tw_table_get_foreign_keys (table);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      writer_open (w, "foreign-keys", '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (list, i);

          writer_open (w, NULL, '{');
          write_optional_string (w, "name", tw_foreign_key_get_name (fk));
          write_strv (w, "columns", tw_foreign_key_get_columns (fk));
          write_string (w, "referred-table", tw_foreign_key_get_referred_table (fk));
          write_strv (w, "referred-columns", tw_foreign_key_get_referred_columns (fk));
          write_fk_action (w, "on-delete", tw_foreign_key_get_on_delete (fk));
          write_fk_action (w, "on-update", tw_foreign_key_get_on_update (fk));
          writer_close (w, '}');
        }
      writer_close (w, ']');
    }

  list = tw_table_get_unique_constraints (table);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      writer_open (w, "unique-constraints", '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (list, i);

          writer_open (w, NULL, '{');
          write_optional_string (w, "name", tw_unique_constraint_get_name (uc));
          write_strv (w, "columns", tw_unique_constraint_get_columns (uc));
          writer_close (w, '}');
        }
      writer_close (w, ']');
    }

  list = tw_table_get_check_constraints (table);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      writer_open (w, "check-constraints", '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwCheckConstraint) cc = g_list_model_get_item (list, i);

          writer_open (w, NULL, '{');
          write_optional_string (w, "name", tw_check_constraint_get_name (cc));
          write_string (w, "expression", tw_check_constraint_get_expression (cc));
          writer_close (w, '}');
        }
      writer_close (w, ']');
    }

  list = tw_table_get_indexes (table);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      writer_open (w, "indexes", '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwIndex) index = g_list_model_get_item (list, i);

          writer_open (w, NULL, '{');
          write_string (w, "name", tw_index_get_name (index));
          write_strv (w, "columns", tw_index_get_columns (index));
          if (tw_index_get_unique (index))
            write_true (w, "unique");
          writer_close (w, '}');
        }
      writer_close (w, ']');
    }

  writer_close (w, '}');
}

static void
write_relationship (Writer         *w,
                    TwRelationship *relationship)
{
  guint kind = tw_relationship_get_kind (relationship);
  guint style = tw_relationship_get_style (relationship);

  writer_open (w, NULL, '{');
  write_string (w, "kind", kind < G_N_ELEMENTS (relationship_kind_names) - 1
                             ? relationship_kind_names[kind] : "one-to-many");
  write_string (w, "left-table", tw_relationship_get_left_table (relationship));
  write_string (w, "right-table", tw_relationship_get_right_table (relationship));
  write_optional_string (w, "left-attribute", tw_relationship_get_left_attribute (relationship));
  write_optional_string (w, "right-attribute", tw_relationship_get_right_attribute (relationship));
  if (style != TW_RELATIONSHIP_STYLE_BACK_POPULATES && style < G_N_ELEMENTS (relationship_style_names) - 1)
    write_string (w, "style", relationship_style_names[style]);
  write_optional_string (w, "secondary", tw_relationship_get_secondary (relationship));
  write_optional_strv (w, "foreign-key-columns",
                       tw_relationship_get_foreign_key_columns (relationship));
  writer_close (w, '}');
}

static char *
to_data (TwMetadata              *metadata,
         const TwModelFileExtras *extras,
         gsize                   *length)
{
  Writer w = { .out = g_string_new (NULL) };
  GListModel *list;
  guint n;

  writer_open (&w, NULL, '{');
  write_string (&w, "format", TW_MODEL_FILE_FORMAT);
  write_integer (&w, "version", TW_MODEL_FILE_VERSION);

  if (extras != NULL && extras->database != NULL)
    {
      g_autofree char *database = tw_model_file_strip_password (extras->database);

      write_string (&w, "database", database);
    }

  if (extras != NULL &&
      (extras->zoom != 1.0 || extras->scroll_x != 0.0 || extras->scroll_y != 0.0))
    {
      writer_open (&w, "layout", '{');
      if (extras->zoom != 1.0)
        write_number (&w, "zoom", extras->zoom);
      if (extras->scroll_x != 0.0)
        write_number (&w, "scroll-x", extras->scroll_x);
      if (extras->scroll_y != 0.0)
        write_number (&w, "scroll-y", extras->scroll_y);
      writer_close (&w, '}');
    }

  list = tw_metadata_get_tables (metadata);
  n = g_list_model_get_n_items (list);
  writer_open (&w, "tables", '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (list, i);

      write_table (&w, table);
    }
  writer_close (&w, ']');

  list = tw_metadata_get_relationships (metadata);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      writer_open (&w, "relationships", '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwRelationship) relationship = g_list_model_get_item (list, i);

          write_relationship (&w, relationship);
        }
      writer_close (&w, ']');
    }

  writer_close (&w, '}');
  g_string_append_c (w.out, '\n');

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

/* One table or relationship as the JSON object a file holds for it, and
 * back, for the undo history. */

static char *
element_to_data (TwTable        *table,
                 TwRelationship *relationship,
                 gsize          *length)
{
  Writer w = { .out = g_string_sized_new (1024) };

  if (table != NULL)
    write_table (&w, table);
  else
    write_relationship (&w, relationship);

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

char *
_tw_model_file_table_to_data (TwTable *table,
                              gsize   *length)
{
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);

  return element_to_data (table, NULL, length);
}

char *
_tw_model_file_relationship_to_data (TwRelationship *relationship,
                                     gsize          *length)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (relationship), NULL);

  return element_to_data (NULL, relationship, length);
}

/* The text is this build's own output, so the strict first pass and the
 * size limit of whole files are skipped. */
static gpointer
element_from_data (const char  *data,
                   gsize        length,
                   gboolean     is_table,
                   GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GArray) path = NULL;
  JsonNode *root;
  Reader r;

  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_STRUCTURE,
                   "%s:1:1: %s must be a JSON object", DATA_NAME,
                   is_table ? "a table" : "a relationship");
      return NULL;
    }

  path = g_array_new (FALSE, FALSE, sizeof (PathStep));
  r = (Reader) {
    .name = DATA_NAME,
    .data = data,
    .length = length,
    .path = path,
    .error = error,
  };
  if (is_table)
    return read_table (&r, json_node_get_object (root));
  return read_relationship (&r, json_node_get_object (root), NULL);
}

TwTable *
_tw_model_file_table_from_data (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return element_from_data (data, length, TRUE, error);
}

TwRelationship *
_tw_model_file_relationship_from_data (const char  *data,
                                       gsize        length,
                                       GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return element_from_data (data, length, FALSE, error);
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);
  return g_filename_display_name (basename);
}

/* Cancellation stays a G_IO_ERROR_CANCELLED, which callers ignore; other
 * failures become TW_MODEL_FILE_ERROR_IO with the file's name. */
static void
propagate_io_error (GError     **error,
                    GError      *io_error,
                    const char  *verb,
                    const char  *name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO,
               "Could not %s “%s”: %s", verb, name, io_error->message);
  g_error_free (io_error);
}

static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  GError *io_error = NULL;
  gsize chunk = 64 * 1024;

  stream = g_file_read (file, cancellable, &io_error);
  if (stream == NULL)
    {
      propagate_io_error (error, io_error, "open", name);
      return NULL;
    }

  /* Read at most one byte more than allowed: enough to know the file is too
   * large without reading all of a huge one. */
  for (;;)
    {
      gsize old_len = bytes->len;
      gsize want = MIN (chunk, (gsize) TW_MODEL_FILE_MAX_SIZE + 1 - old_len);
      gssize n;

      g_byte_array_set_size (bytes, old_len + want);
      n = g_input_stream_read (G_INPUT_STREAM (stream), bytes->data + old_len, want,
                               cancellable, &io_error);
      if (n < 0)
        {
          propagate_io_error (error, io_error, "read", name);
          return NULL;
        }
      g_byte_array_set_size (bytes, old_len + n);
      if (n == 0)
        break;
      if (bytes->len > TW_MODEL_FILE_MAX_SIZE)
        {
          g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_TOO_LARGE,
                       "%s: the file is larger than %d MiB, the most a model file may be",
                       name, TW_MODEL_FILE_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *name,
                 const char  *what)
{
  g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO,
               "Could not save “%s”: %s: %s", name, what, g_strerror (saved_errno));
  return FALSE;
}

/* Writes data to a new file next to path, then renames it over path: the
 * file is either the old one or the new one, never half of either. An
 * existing file keeps its mode; a new one gets 0666 less the umask. */
static gboolean
save_local (const char    *path,
            const char    *name,
            const char    *data,
            gsize          length,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *tmp_path = NULL;
  const char *target = path;
  struct stat st;
  gboolean exists;
  gsize written = 0;
  int fd;
  int dir_fd;

  /* Saving through a symbolic link replaces the file it points to, and
   * keeps the link. */
  resolved = realpath (path, NULL);
  if (resolved != NULL)
    target = resolved;

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO,
                   "Could not save “%s”: it is not a regular file", name);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  basename = g_path_get_basename (target);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, basename);

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, exists ? 0600 : 0666);
  if (fd < 0)
    return set_errno_error (error, errno, name, "cannot create a file in its folder");

  if (exists)
    {
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (tmp_path);
          return set_errno_error (error, saved_errno, name, "cannot keep its permissions");
        }
      /* Keeping the group works when the user belongs to it; the owner only
       * for root. Neither is worth failing the save for. */
      if (fchown (fd, st.st_uid, st.st_gid) != 0 && fchown (fd, -1, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));
    }

  while (written < length)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      n = write (fd, data + written, MIN (length - written, 1024 * 1024));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno, name, "cannot write");
          goto failed;
        }
      written += n;
    }

  if (g_fsync (fd) != 0)
    {
      set_errno_error (error, errno, name, "cannot write");
      goto failed;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, name, "cannot write");
      goto failed;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (g_rename (tmp_path, target) != 0)
    {
      set_errno_error (error, errno, name, "cannot replace the old file");
      goto failed;
    }

  /* Make the rename itself durable. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      g_fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return FALSE;
}

static gboolean
write_data (GFile         *file,
            const char    *data,
            gsize          length,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *name = dup_display_name (file);
  g_autofree char *path = g_file_get_path (file);
  GError *io_error = NULL;

  if (path != NULL)
    return save_local (path, name, data, length, cancellable, error);

  /* Not a local file: GIO's replace writes a temporary file and renames
   * it where the backend can. */
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &io_error))
    {
      propagate_io_error (error, io_error, "save", name);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Worker threads                                                           */

typedef struct
{
  TwMetadata        *metadata;
  TwModelFileExtras  extras;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->metadata);
  tw_model_file_extras_clear (&loaded->extras);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static void
load_in_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr (Loaded) loaded = g_new0 (Loaded, 1);
  GError *error = NULL;

  tw_model_file_extras_init (&loaded->extras);
  loaded->metadata = tw_model_file_load_full (G_FILE (task_data), &loaded->extras, cancellable,
                                              &error);
  if (loaded->metadata == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

typedef struct
{
  GFile  *file;
  GBytes *data;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_clear_object (&save->file);
  g_clear_pointer (&save->data, g_bytes_unref);
  g_free (save);
}

static void
save_in_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (save->data, &length);

  if (write_data (save->file, data, length, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

void
tw_model_file_extras_init (TwModelFileExtras *extras)
{
  g_return_if_fail (extras != NULL);

  *extras = (TwModelFileExtras) TW_MODEL_FILE_EXTRAS_INIT;
}

void
tw_model_file_extras_clear (TwModelFileExtras *extras)
{
  g_return_if_fail (extras != NULL);

  g_clear_pointer (&extras->database, g_free);
  tw_model_file_extras_init (extras);
}

void
tw_model_file_extras_set_database (TwModelFileExtras *extras,
                                   const char        *url)
{
  g_return_if_fail (extras != NULL);

  g_free (extras->database);
  extras->database = url != NULL ? tw_model_file_strip_password (url) : NULL;
}

TwMetadata *
tw_model_file_load_from_data_full (const char         *data,
                                   gssize              length,
                                   const char         *display_name,
                                   TwModelFileExtras  *extras,
                                   GError            **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  return load_data (data != NULL ? data : "", length,
                    display_name != NULL ? display_name : DATA_NAME, extras, error);
}

TwMetadata *
tw_model_file_load_from_data (const char  *data,
                              gssize       length,
                              GError     **error)
{
  return tw_model_file_load_from_data_full (data, length, NULL, NULL, error);
}

TwMetadata *
tw_model_file_load_full (GFile              *file,
                         TwModelFileExtras  *extras,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree char *name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (extras != NULL)
    tw_model_file_extras_clear (extras);

  name = dup_display_name (file);
  bytes = read_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return load_data (data != NULL ? data : "", length, name, extras, error);
}

TwMetadata *
tw_model_file_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return tw_model_file_load_full (file, NULL, cancellable, error);
}

char *
tw_model_file_to_data_full (TwMetadata              *metadata,
                            const TwModelFileExtras *extras,
                            gsize                   *length)
{
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);

  return to_data (metadata, extras, length);
}

char *
tw_model_file_to_data (TwMetadata *metadata,
                       gsize      *length)
{
  return tw_model_file_to_data_full (metadata, NULL, length);
}

gboolean
tw_model_file_save_full (TwMetadata               *metadata,
                         const TwModelFileExtras  *extras,
                         GFile                    *file,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (TW_IS_METADATA (metadata), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = to_data (metadata, extras, &length);
  return write_data (file, data, length, cancellable, error);
}

gboolean
tw_model_file_save (TwMetadata    *metadata,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return tw_model_file_save_full (metadata, NULL, file, cancellable, error);
}

void
tw_model_file_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_model_file_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_worker);
}

TwMetadata *
tw_model_file_load_finish (GAsyncResult       *result,
                           TwModelFileExtras  *extras,
                           GError            **error)
{
  g_autoptr (Loaded) loaded = NULL;
  TwMetadata *metadata;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tw_model_file_load_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (extras != NULL)
    tw_model_file_extras_clear (extras);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  metadata = g_steal_pointer (&loaded->metadata);
  if (extras != NULL)
    {
      *extras = loaded->extras;
      tw_model_file_extras_init (&loaded->extras);
    }

  return metadata;
}

void
tw_model_file_save_async (TwMetadata              *metadata,
                          const TwModelFileExtras *extras,
                          GFile                   *file,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveData *save;
  char *data;
  gsize length;

  g_return_if_fail (TW_IS_METADATA (metadata));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The model belongs to this thread: only its text goes to the worker. */
  data = to_data (metadata, extras, &length);
  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->data = g_bytes_new_take (data, length);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_model_file_save_async);
  g_task_set_task_data (task, save, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_worker);
}

gboolean
tw_model_file_save_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tw_model_file_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Removes "password" and "passwd" parameters from the query. */
static void
strip_query_password (GString *url)
{
  const char *query = strchr (url->str, '?');
  g_auto (GStrv) pairs = NULL;
  g_autoptr (GString) kept = NULL;
  gsize query_start;

  if (query == NULL)
    return;

  query_start = query - url->str;
  pairs = g_strsplit (query + 1, "&", -1);
  kept = g_string_new (NULL);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      gsize key_len = eq != NULL ? (gsize) (eq - pairs[i]) : strlen (pairs[i]);

      if ((key_len == 8 && g_ascii_strncasecmp (pairs[i], "password", 8) == 0) ||
          (key_len == 6 && g_ascii_strncasecmp (pairs[i], "passwd", 6) == 0))
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, '&');
      g_string_append (kept, pairs[i]);
    }

  g_string_truncate (url, query_start);
  if (kept->len > 0)
    {
      g_string_append_c (url, '?');
      g_string_append_len (url, kept->str, kept->len);
    }
}

char *
tw_model_file_strip_password (const char *url)
{
  g_autoptr (GString) out = NULL;
  const char *scheme_end;
  gboolean changed;

  g_return_val_if_fail (url != NULL, NULL);

  out = g_string_new (url);
  scheme_end = strstr (url, "://");
  if (scheme_end == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  /* SQLAlchemy reads name://user:password@host...: the user runs up to the
   * first ":" or "/", and a ":" there starts a password that runs to the
   * next "@" (or a later one before the next "/" or "?"), as tw_url_parse()
   * has it. Strip until nothing changes, so that stripping twice gives what
   * stripping once did. */
  do
    {
      gsize user_start = (scheme_end - url) + 3;
      gsize user_end = user_start;
      const char *at;
      gsize old_len = out->len;

      while (user_end < out->len && out->str[user_end] != ':' && out->str[user_end] != '/')
        user_end++;
      if (user_end < out->len && out->str[user_end] == ':' &&
          (at = strchr (out->str + user_end, '@')) != NULL)
        {
          const char *next;

          /* As tw_url_parse() reads "user:p@ss@host": an "@" before the
           * host ends belongs to the password. */
          while ((next = memchr (at + 1, '@', strcspn (at + 1, "/?"))) != NULL)
            at = next;
          g_string_erase (out, user_end, (at - out->str) - user_end);
        }

      strip_query_password (out);
      changed = out->len != old_len;
    }
  while (changed);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
