/* tw-value.c: one typed database value, as bound to and read from a server
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-value"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tw-db-error.h"
#include "tw-value.h"

/* Blobs longer than this show only their first bytes in a grid cell. */
#define DISPLAY_BLOB_BYTES 16

struct _TwValue
{
  gatomicrefcount ref_count;
  TwValueKind     kind;
  union
  {
    gboolean  boolean;
    gint64    int64;
    double    dbl;
    char     *text;
    GBytes   *blob;
  } v;
};

/* Values are immutable, so a copy is another reference. */
G_DEFINE_BOXED_TYPE (TwValue, tw_value, tw_value_copy, tw_value_free)

static const char * const kind_names[] = {
  [TW_VALUE_KIND_NULL] = "null",
  [TW_VALUE_KIND_BOOLEAN] = "boolean",
  [TW_VALUE_KIND_INT64] = "int64",
  [TW_VALUE_KIND_DOUBLE] = "double",
  [TW_VALUE_KIND_TEXT] = "text",
  [TW_VALUE_KIND_BLOB] = "blob",
  [TW_VALUE_KIND_NUMERIC] = "numeric",
  [TW_VALUE_KIND_DATE] = "date",
  [TW_VALUE_KIND_TIME] = "time",
  [TW_VALUE_KIND_DATETIME] = "datetime",
  [TW_VALUE_KIND_JSON] = "json",
  [TW_VALUE_KIND_UUID] = "uuid",
};

const char *
tw_value_kind_to_string (TwValueKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
tw_value_kind_from_string (const char  *str,
                           TwValueKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_ascii_strcasecmp (kind_names[i], str) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
kind_is_text (TwValueKind kind)
{
  switch (kind)
    {
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
      return TRUE;
    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_BLOB:
    default:
      return FALSE;
    }
}

static TwValue *
value_new (TwValueKind kind)
{
  TwValue *self = g_new0 (TwValue, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  return self;
}

static TwValue *
text_value_take (TwValueKind  kind,
                 char        *text)
{
  TwValue *self = value_new (kind);

  self->v.text = text;
  return self;
}

TwValue *
tw_value_new_null (void)
{
  return value_new (TW_VALUE_KIND_NULL);
}

TwValue *
tw_value_new_boolean (gboolean value)
{
  TwValue *self = value_new (TW_VALUE_KIND_BOOLEAN);

  self->v.boolean = !!value;
  return self;
}

TwValue *
tw_value_new_int64 (gint64 value)
{
  TwValue *self = value_new (TW_VALUE_KIND_INT64);

  self->v.int64 = value;
  return self;
}

TwValue *
tw_value_new_double (double value)
{
  TwValue *self = value_new (TW_VALUE_KIND_DOUBLE);

  self->v.dbl = value;
  return self;
}

TwValue *
tw_value_new_text (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  return text_value_take (TW_VALUE_KIND_TEXT, g_strdup (text));
}

TwValue *
tw_value_new_text_len (const char *text,
                       gsize       length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (g_utf8_validate_len (text, length, NULL), NULL);

  return text_value_take (TW_VALUE_KIND_TEXT, g_strndup (text, length));
}

TwValue *
tw_value_new_blob (GBytes *bytes)
{
  TwValue *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = value_new (TW_VALUE_KIND_BLOB);
  self->v.blob = g_bytes_ref (bytes);
  return self;
}

TwValue *
tw_value_new_blob_take (guint8 *data,
                        gsize   length)
{
  TwValue *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = value_new (TW_VALUE_KIND_BLOB);
  self->v.blob = g_bytes_new_take (data, length);
  return self;
}

static TwValue *
new_text_kind (TwValueKind  kind,
               const char  *text)
{
  g_assert (kind_is_text (kind));

  return text_value_take (kind, g_strdup (text));
}

TwValue *
tw_value_new_numeric (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return new_text_kind (TW_VALUE_KIND_NUMERIC, text);
}

TwValue *
tw_value_new_date (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return new_text_kind (TW_VALUE_KIND_DATE, text);
}

TwValue *
tw_value_new_time (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return new_text_kind (TW_VALUE_KIND_TIME, text);
}

TwValue *
tw_value_new_datetime (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return new_text_kind (TW_VALUE_KIND_DATETIME, text);
}

TwValue *
tw_value_new_json (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  return new_text_kind (TW_VALUE_KIND_JSON, text);
}

TwValue *
tw_value_new_uuid (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return text_value_take (TW_VALUE_KIND_UUID, g_ascii_strdown (text, -1));
}

TwValue *
tw_value_copy (const TwValue *self)
{
  TwValue *mutable_self = (TwValue *) self;

  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&mutable_self->ref_count);
  return mutable_self;
}

void
tw_value_free (TwValue *self)
{
  if (self == NULL)
    return;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->kind == TW_VALUE_KIND_BLOB)
    g_bytes_unref (self->v.blob);
  else if (kind_is_text (self->kind))
    g_free (self->v.text);
  g_free (self);
}

TwValueKind
tw_value_get_kind (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, TW_VALUE_KIND_NULL);

  return self->kind;
}

gboolean
tw_value_is_null (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->kind == TW_VALUE_KIND_NULL;
}

gboolean
tw_value_get_boolean (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->kind == TW_VALUE_KIND_BOOLEAN, FALSE);

  return self->v.boolean;
}

gint64
tw_value_get_int64 (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->kind == TW_VALUE_KIND_INT64, 0);

  return self->v.int64;
}

double
tw_value_get_double (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (self->kind == TW_VALUE_KIND_DOUBLE, 0.0);

  return self->v.dbl;
}

const char *
tw_value_get_text (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind_is_text (self->kind), NULL);

  return self->v.text;
}

GBytes *
tw_value_get_blob (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->kind == TW_VALUE_KIND_BLOB, NULL);

  return self->v.blob;
}

/* Date and time text */

/* Reads exactly @n_digits decimal digits. */
static gboolean
read_digits (const char **p,
             guint        n_digits,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n_digits;
  *out = value;
  return TRUE;
}

/* Reads one to @max_digits decimal digits. */
static gboolean
read_some_digits (const char **p,
                  guint        max_digits,
                  int         *out)
{
  guint n = 0;
  int value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n == 0)
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
parse_date_part (const char      **p,
                 TwDateTimeParts  *parts)
{
  if (!read_digits (p, 4, &parts->year) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, &parts->month) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, &parts->day))
    return FALSE;

  return parts->year >= 1 &&
         g_date_valid_dmy (parts->day, parts->month, parts->year);
}

/* "HH:MM[:SS[.ffffff]]"; hours may have up to three digits when
 * @max_hour allows it. */
static gboolean
parse_time_part (const char      **p,
                 int               max_hour,
                 TwDateTimeParts  *parts)
{
  if (!read_some_digits (p, max_hour > 99 ? 3 : 2, &parts->hour) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, &parts->minute))
    return FALSE;
  parts->second = 0;
  parts->microsecond = 0;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, &parts->second))
        return FALSE;
      if (**p == '.')
        {
          int scale = 100000;

          (*p)++;
          if (!g_ascii_isdigit (**p))
            return FALSE;
          while (g_ascii_isdigit (**p))
            {
              /* Six digits at most: all three servers keep microseconds. */
              if (scale == 0)
                return FALSE;
              parts->microsecond += (**p - '0') * scale;
              scale /= 10;
              (*p)++;
            }
        }
    }

  return parts->hour <= max_hour && parts->minute <= 59 && parts->second <= 59;
}

/* "Z", "+HH", "+HHMM", "+HH:MM" or "+HH:MM:SS" (and "-"). */
static gboolean
parse_offset_part (const char      **p,
                   TwDateTimeParts  *parts)
{
  int sign, hours, minutes = 0, seconds = 0;

  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      parts->has_offset = TRUE;
      parts->offset_seconds = 0;
      return TRUE;
    }

  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;

  if (!read_digits (p, 2, &hours))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, &minutes))
        return FALSE;
      if (**p == ':')
        {
          (*p)++;
          if (!read_digits (p, 2, &seconds))
            return FALSE;
        }
    }
  else if (g_ascii_isdigit (**p) && !read_digits (p, 2, &minutes))
    return FALSE;

  if (hours > 15 || minutes > 59 || seconds > 59)
    return FALSE;

  parts->has_offset = TRUE;
  parts->offset_seconds = sign * (hours * 3600 + minutes * 60 + seconds);
  return TRUE;
}

static gboolean
parse_parts (TwValueKind      kind,
             const char      *text,
             TwDateTimeParts *parts)
{
  const char *p = text;

  memset (parts, 0, sizeof *parts);

  switch (kind)
    {
    case TW_VALUE_KIND_DATE:
      if (!parse_date_part (&p, parts))
        return FALSE;
      break;

    case TW_VALUE_KIND_TIME:
      if (*p == '-')
        {
          parts->negative = TRUE;
          p++;
        }
      if (!parse_time_part (&p, 838, parts))
        return FALSE;
      if (*p != '\0' && !parse_offset_part (&p, parts))
        return FALSE;
      break;

    case TW_VALUE_KIND_DATETIME:
      if (!parse_date_part (&p, parts))
        return FALSE;
      if (*p != ' ' && *p != 'T' && *p != 't')
        return FALSE;
      p++;
      if (!parse_time_part (&p, 23, parts))
        return FALSE;
      if (*p != '\0' && !parse_offset_part (&p, parts))
        return FALSE;
      break;

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return FALSE;
    }

  return *p == '\0';
}

gboolean
tw_value_get_parts (const TwValue   *self,
                    TwDateTimeParts *parts)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (parts != NULL, FALSE);

  if (self->kind != TW_VALUE_KIND_DATE &&
      self->kind != TW_VALUE_KIND_TIME &&
      self->kind != TW_VALUE_KIND_DATETIME)
    return FALSE;

  return parse_parts (self->kind, self->v.text, parts);
}

static void
append_time (GString               *str,
             const TwDateTimeParts *parts)
{
  g_string_append_printf (str, "%s%02d:%02d:%02d",
                          parts->negative ? "-" : "",
                          parts->hour, parts->minute, parts->second);
  if (parts->microsecond != 0)
    g_string_append_printf (str, ".%06d", parts->microsecond);

  if (parts->has_offset)
    {
      int offset = ABS (parts->offset_seconds);

      g_string_append_printf (str, "%c%02d:%02d",
                              parts->offset_seconds < 0 ? '-' : '+',
                              offset / 3600, (offset / 60) % 60);
      if (offset % 60 != 0)
        g_string_append_printf (str, ":%02d", offset % 60);
    }
}

TwValue *
tw_value_new_from_parts (TwValueKind            kind,
                         const TwDateTimeParts *parts)
{
  GString *str;

  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (kind == TW_VALUE_KIND_DATE ||
                        kind == TW_VALUE_KIND_TIME ||
                        kind == TW_VALUE_KIND_DATETIME, NULL);

  str = g_string_new (NULL);
  if (kind != TW_VALUE_KIND_TIME)
    g_string_append_printf (str, "%04d-%02d-%02d", parts->year, parts->month, parts->day);
  if (kind == TW_VALUE_KIND_DATETIME)
    g_string_append_c (str, ' ');
  if (kind != TW_VALUE_KIND_DATE)
    append_time (str, parts);

  return text_value_take (kind, g_string_free (str, FALSE));
}

/* Parsing user text */

static gboolean
parse_boolean (const char *text,
               gboolean   *out)
{
  static const char * const true_words[] = { "true", "t", "yes", "y", "on", "1" };
  static const char * const false_words[] = { "false", "f", "no", "n", "off", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (true_words); i++)
    {
      if (g_ascii_strcasecmp (text, true_words[i]) == 0)
        {
          *out = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, false_words[i]) == 0)
        {
          *out = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;

  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

/* [+-]digits[.digits][e[+-]digits], or NaN/Infinity as PostgreSQL has them. */
static gboolean
is_numeric_text (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  if (g_ascii_strcasecmp (p, "Infinity") == 0)
    return TRUE;
  if (p == text && g_ascii_strcasecmp (p, "NaN") == 0)
    return TRUE;

  while (g_ascii_isdigit (*p))
    {
      digits = TRUE;
      p++;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          digits = TRUE;
          p++;
        }
    }
  if (!digits)
    return FALSE;

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

/* 32 hex digits, with or without the four dashes and braces. */
static char *
parse_uuid (const char *text)
{
  GString *hex = g_string_sized_new (32);
  const char *p = text;
  gsize len = strlen (text);
  g_autofree char *canonical = NULL;

  if (len >= 2 && text[0] == '{' && text[len - 1] == '}')
    {
      p++;
      len -= 2;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isxdigit (p[i]))
        g_string_append_c (hex, g_ascii_tolower (p[i]));
      else if (p[i] != '-')
        break;
    }

  if (hex->len != 32)
    {
      g_string_free (hex, TRUE);
      return NULL;
    }

  canonical = g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s",
                               hex->str, hex->str + 8, hex->str + 12,
                               hex->str + 16, hex->str + 20);
  g_string_free (hex, TRUE);

  /* The dashes, when given, must be where they belong. */
  if (len == 36 && g_ascii_strncasecmp (p, canonical, 36) != 0)
    return NULL;
  if (len != 36 && len != 32)
    return NULL;

  return g_steal_pointer (&canonical);
}

static GBytes *
parse_hex (const char *text)
{
  const char *p = text;
  gsize len;
  guint8 *data;

  if (g_str_has_prefix (p, "0x") || g_str_has_prefix (p, "0X") || g_str_has_prefix (p, "\\x"))
    p += 2;

  len = strlen (p);
  if (len % 2 != 0)
    return NULL;

  data = g_malloc (len / 2 + 1);
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (p[2 * i]);
      int lo = g_ascii_xdigit_value (p[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (data);
          return NULL;
        }
      data[i] = (guint8) (hi << 4 | lo);
    }

  return g_bytes_new_take (data, len / 2);
}

TwValue *
tw_value_new_from_string (TwValueKind   kind,
                          const char   *text,
                          GError      **error)
{
  g_autofree char *stripped = NULL;
  TwDateTimeParts parts;

  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  g_return_val_if_fail (kind == TW_VALUE_KIND_NULL || text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == TW_VALUE_KIND_NULL)
    return tw_value_new_null ();

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                   _("The text for a %s value is not valid UTF-8"),
                   tw_value_kind_to_string (kind));
      return NULL;
    }

  if (kind == TW_VALUE_KIND_TEXT)
    return tw_value_new_text (text);
  if (kind == TW_VALUE_KIND_JSON)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) json_error = NULL;

      if (!json_parser_load_from_data (parser, text, -1, &json_error))
        {
          g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                       _("“%s” is not valid JSON: %s"), text, json_error->message);
          return NULL;
        }
      if (json_parser_get_root (parser) == NULL)
        {
          g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                       _("Empty text is not valid JSON"));
          return NULL;
        }
      return tw_value_new_json (text);
    }

  stripped = g_strstrip (g_strdup (text));

  switch (kind)
    {
    case TW_VALUE_KIND_BOOLEAN:
      {
        gboolean b;

        if (parse_boolean (stripped, &b))
          return tw_value_new_boolean (b);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                     _("“%s” is not a boolean: use true or false"), text);
        return NULL;
      }

    case TW_VALUE_KIND_INT64:
      {
        gint64 i;

        if (g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &i, NULL))
          return tw_value_new_int64 (i);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                     _("“%s” is not an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT),
                     text, G_MININT64, G_MAXINT64);
        return NULL;
      }

    case TW_VALUE_KIND_DOUBLE:
      {
        double d;

        if (parse_double (stripped, &d))
          return tw_value_new_double (d);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                     _("“%s” is not a floating-point number"), text);
        return NULL;
      }

    case TW_VALUE_KIND_NUMERIC:
      if (is_numeric_text (stripped))
        return tw_value_new_numeric (stripped);
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                   _("“%s” is not a decimal number"), text);
      return NULL;

    case TW_VALUE_KIND_BLOB:
      {
        g_autoptr(GBytes) bytes = parse_hex (stripped);

        if (bytes != NULL)
          return tw_value_new_blob (bytes);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                     _("“%s” is not binary data written as pairs of hex digits"), text);
        return NULL;
      }

    case TW_VALUE_KIND_UUID:
      {
        char *uuid = parse_uuid (stripped);

        if (uuid != NULL)
          return text_value_take (TW_VALUE_KIND_UUID, uuid);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                     _("“%s” is not a UUID (32 hex digits, as in "
                       "123e4567-e89b-12d3-a456-426614174000)"), text);
        return NULL;
      }

    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
      if (parse_parts (kind, stripped, &parts))
        return tw_value_new_from_parts (kind, &parts);
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
                   kind == TW_VALUE_KIND_DATE ?
                     _("“%s” is not a date written as YYYY-MM-DD") :
                   kind == TW_VALUE_KIND_TIME ?
                     _("“%s” is not a time written as HH:MM:SS[.ffffff][+HH:MM]") :
                     _("“%s” is not a date and time written as "
                       "YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]"),
                   text);
      return NULL;

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_JSON:
    default:
      g_assert_not_reached ();
    }
}

/* Comparing and printing */

gboolean
tw_value_equal (const TwValue *a,
                const TwValue *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;
  if (a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case TW_VALUE_KIND_NULL:
      return TRUE;
    case TW_VALUE_KIND_BOOLEAN:
      return a->v.boolean == b->v.boolean;
    case TW_VALUE_KIND_INT64:
      return a->v.int64 == b->v.int64;
    case TW_VALUE_KIND_DOUBLE:
      if (isnan (a->v.dbl) || isnan (b->v.dbl))
        return isnan (a->v.dbl) && isnan (b->v.dbl);
      return a->v.dbl == b->v.dbl && !!signbit (a->v.dbl) == !!signbit (b->v.dbl);
    case TW_VALUE_KIND_BLOB:
      return g_bytes_equal (a->v.blob, b->v.blob);
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
      return strcmp (a->v.text, b->v.text) == 0;
    default:
      g_assert_not_reached ();
    }
}

guint
tw_value_hash (const TwValue *self)
{
  guint h;

  g_return_val_if_fail (self != NULL, 0);

  h = (guint) self->kind * 16777619u;
  switch (self->kind)
    {
    case TW_VALUE_KIND_NULL:
      return h;
    case TW_VALUE_KIND_BOOLEAN:
      return h ^ (guint) self->v.boolean;
    case TW_VALUE_KIND_INT64:
      return h ^ g_int64_hash (&self->v.int64);
    case TW_VALUE_KIND_DOUBLE:
      if (isnan (self->v.dbl))
        return h ^ 0x7ff8u;
      return h ^ g_double_hash (&self->v.dbl) ^ (signbit (self->v.dbl) ? 1u : 0u);
    case TW_VALUE_KIND_BLOB:
      return h ^ g_bytes_hash (self->v.blob);
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
      return h ^ g_str_hash (self->v.text);
    default:
      g_assert_not_reached ();
    }
}

char *
tw_value_format_double (double value)
{
  /* The shortest that round-trips wins; %.17g always does. */
  static const char * const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "Infinity" : "-Infinity");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

static void
append_hex (GString      *str,
            const guint8 *data,
            gsize         length)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < length; i++)
    {
      g_string_append_c (str, digits[data[i] >> 4]);
      g_string_append_c (str, digits[data[i] & 0xf]);
    }
}

char *
tw_value_to_string (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case TW_VALUE_KIND_NULL:
      return NULL;
    case TW_VALUE_KIND_BOOLEAN:
      return g_strdup (self->v.boolean ? "true" : "false");
    case TW_VALUE_KIND_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, self->v.int64);
    case TW_VALUE_KIND_DOUBLE:
      return tw_value_format_double (self->v.dbl);
    case TW_VALUE_KIND_BLOB:
      {
        gsize length;
        const guint8 *data = g_bytes_get_data (self->v.blob, &length);
        GString *str = g_string_sized_new (2 + 2 * length);

        g_string_append (str, "0x");
        append_hex (str, data, length);
        return g_string_free (str, FALSE);
      }
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
      return g_strdup (self->v.text);
    default:
      g_assert_not_reached ();
    }
}

char *
tw_value_to_display_string (const TwValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case TW_VALUE_KIND_NULL:
      return g_strdup ("NULL");

    case TW_VALUE_KIND_BLOB:
      {
        gsize length;
        const guint8 *data = g_bytes_get_data (self->v.blob, &length);
        GString *str = g_string_new ("0x");
        g_autofree char *size = NULL;

        append_hex (str, data, MIN (length, DISPLAY_BLOB_BYTES));
        if (length > DISPLAY_BLOB_BYTES)
          {
            size = g_format_size (length);
            g_string_append_printf (str, "… (%s)", size);
          }
        return g_string_free (str, FALSE);
      }

    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return tw_value_to_string (self);
    }
}
