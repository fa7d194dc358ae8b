/* tw-url.c: parsing and printing SQLAlchemy-style database URLs
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-url"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-url.h"

/* The grammar follows SQLAlchemy 1.4's make_url(), with stricter checks:
 *
 *   dialect[+driver]://[user[:password]@]host[:port][/database][?key=value&...]
 *
 * The user name runs up to the first ":", "/" or "[" (where an IPv6 host
 * starts; SQLAlchemy has no such stop). When a ":" follows it, the
 * password runs from there to the first "@" after it, so that a password may
 * hold "/" and "?" as SQLAlchemy allows (and to a later "@" if the host would
 * otherwise hold one); without a password the user info ends at the last "@"
 * before that stop. Erring towards the password keeps it out of the
 * display string. tw_url_to_string() escapes every character that
 * could make this ambiguous, so that its output always parses back to the
 * same URL. */

struct _TwUrl
{
  gatomicrefcount ref_count;
  TwDialectKind   dialect;
  const char     *dialect_name;
  char           *driver;
  char           *username;
  char           *password;
  char           *host;
  guint           port;
  char           *database;
  char          **query_keys;
  char          **query_values;
};

G_DEFINE_BOXED_TYPE (TwUrl, tw_url, tw_url_ref, tw_url_unref)
G_DEFINE_QUARK (tw-url-error-quark, tw_url_error)

typedef struct
{
  const char   *name;
  TwDialectKind kind;
} DialectName;

static const DialectName dialect_names[] = {
  { "sqlite", TW_DIALECT_KIND_SQLITE },
  { "postgresql", TW_DIALECT_KIND_POSTGRESQL },
  { "mysql", TW_DIALECT_KIND_MYSQL },
  { "mariadb", TW_DIALECT_KIND_MYSQL },
};

#define KNOWN_DIALECTS "sqlite, postgresql, mysql, mariadb"

typedef gboolean (*ValueCheck) (const char *value);

typedef struct
{
  TwDialectKind dialect;
  const char   *key;
  ValueCheck    check;
  const char   *expected; /* completes "…must be " in a message */
} ParamSpec;

static gboolean
check_sqlite_mode (const char *value)
{
  return g_str_equal (value, "ro") || g_str_equal (value, "rw") || g_str_equal (value, "rwc");
}

/* A number of seconds: digits with an optional fraction, nothing else (no
 * sign, exponent, "inf" or "nan", which strtod would take). */
static gboolean
check_seconds (const char *value)
{
  const char *p = value;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* A whole number from 0 to G_MAXINT, as libpq and Connector/C read it. */
static gboolean
check_whole_seconds (const char *value)
{
  guint64 n = 0;

  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = n * 10 + (guint64) (*p - '0');
      if (n > G_MAXINT)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_sslmode (const char *value)
{
  static const char * const modes[] = {
    "disable", "allow", "prefer", "require", "verify-ca", "verify-full",
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (value, modes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
check_any_text (const char *value)
{
  return TRUE;
}

static gboolean
check_charset (const char *value)
{
  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
check_ssl_mode (const char *value)
{
  static const char * const modes[] = {
    "DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_ascii_strcasecmp (value, modes[i]) == 0)
      return TRUE;
  return FALSE;
}

static const ParamSpec param_specs[] = {
  { TW_DIALECT_KIND_SQLITE, "mode", check_sqlite_mode, N_("ro, rw or rwc") },
  { TW_DIALECT_KIND_SQLITE, "timeout", check_seconds,
    N_("a number of seconds, such as 5 or 2.5") },
  { TW_DIALECT_KIND_POSTGRESQL, "sslmode", check_sslmode,
    N_("disable, allow, prefer, require, verify-ca or verify-full") },
  { TW_DIALECT_KIND_POSTGRESQL, "connect_timeout", check_whole_seconds,
    N_("a whole number of seconds, 0 or more") },
  { TW_DIALECT_KIND_POSTGRESQL, "application_name", check_any_text, N_("text") },
  { TW_DIALECT_KIND_MYSQL, "charset", check_charset,
    N_("a character set name of letters, digits and “_”, such as utf8mb4") },
  { TW_DIALECT_KIND_MYSQL, "ssl_mode", check_ssl_mode,
    N_("DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY") },
  { TW_DIALECT_KIND_MYSQL, "connect_timeout", check_whole_seconds,
    N_("a whole number of seconds, 0 or more") },
};

static const ParamSpec *
find_param_spec (TwDialectKind  dialect,
                 const char    *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_specs); i++)
    if (param_specs[i].dialect == dialect && g_str_equal (param_specs[i].key, key))
      return &param_specs[i];
  return NULL;
}

static char *
known_param_names (TwDialectKind dialect)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (param_specs); i++)
    {
      if (param_specs[i].dialect != dialect)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, param_specs[i].key);
    }
  return g_string_free (names, FALSE);
}

/* The 0-based character offset of @p in @string, for messages. */
static guint
position (const char *string,
          const char *p)
{
  g_assert (p >= string);
  return (guint) g_utf8_pointer_to_offset (string, p);
}

/* One character of valid UTF-8 at @p, as a string for a message. */
static char *
character_at (const char *p)
{
  g_assert (*p != '\0');
  return g_strndup (p, g_utf8_next_char (p) - p);
}

static gboolean
check_characters (const char  *string,
                  GError     **error)
{
  const char *end;

  if (!g_utf8_validate (string, -1, &end))
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID,
                   _("The URL is not valid UTF-8 at position %u"), position (string, end));
      return FALSE;
    }

  for (const char *p = string; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID,
                       _("The URL has the control character U+%04X at position %u; "
                         "write it as %%%02X"),
                       c, position (string, p), c);
          return FALSE;
        }
    }

  return TRUE;
}

/* The start of the text in [start, end) that gave byte @index of its
 * decoded form: every escape and every raw byte gives one byte. */
static const char *
source_of_byte (const char *start,
                const char *end,
                gsize       index)
{
  const char *p = start;

  for (gsize n = 0; p < end; n++)
    {
      if (n == index)
        return p;
      p += (*p == '%') ? 3 : 1;
    }
  return end;
}

/* Decodes the %XX escapes (and "+" as a space in a query) of the part of
 * @string in [start, end). @what names the part in messages; a @secret
 * part is never quoted in them. */
static char *
decode_part (const char *string,
             const char *start,
             const char *end,
             gboolean    plus_is_space,
             const char *what,
             gboolean    secret,
             GError    **error)
{
  g_autoptr (GString) out = g_string_sized_new (end - start);
  const char *bad;

  g_assert (start <= end);

  for (const char *p = start; p < end;)
    {
      if (*p == '%')
        {
          int hi = end - p >= 3 ? g_ascii_xdigit_value (p[1]) : -1;
          int lo = hi >= 0 ? g_ascii_xdigit_value (p[2]) : -1;

          if (lo < 0)
            {
              if (secret)
                {
                  g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_ESCAPE,
                               _("Bad escape at position %u in the %s: “%%” must be followed "
                                 "by two hexadecimal digits (write “%%” itself as %%25)"),
                               position (string, p), what);
                }
              else
                {
                  const char      *q = p + 1;
                  g_autofree char *escape = NULL;

                  /* Quote the "%" and up to two characters after it. */
                  for (guint i = 0; i < 2 && q < end; i++)
                    q = g_utf8_next_char (q);
                  escape = g_strndup (p, q - p);
                  g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_ESCAPE,
                               _("Bad escape “%s” at position %u in the %s: “%%” must be "
                                 "followed by two hexadecimal digits (write “%%” itself as %%25)"),
                               escape, position (string, p), what);
                }
              return NULL;
            }
          if (hi == 0 && lo == 0)
            {
              g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_ESCAPE,
                           _("The escape “%%00” at position %u in the %s would put a NUL "
                             "character in it"),
                           position (string, p), what);
              return NULL;
            }
          g_string_append_c (out, (char) (hi * 16 + lo));
          p += 3;
        }
      else if (*p == '+' && plus_is_space)
        {
          g_string_append_c (out, ' ');
          p++;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  /* The URL itself is valid UTF-8, so only escapes can spoil it. */
  if (!g_utf8_validate_len (out->str, out->len, &bad))
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_ESCAPE,
                   _("The %s is not valid UTF-8 once decoded: see the escape at position %u"),
                   what, position (string, source_of_byte (start, end, bad - out->str)));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_';
}

static gboolean
is_ipv6_char (char c)
{
  return g_ascii_isxdigit (c) || c == ':' || c == '.';
}

static gboolean
is_ipv6_address (const char *text,
                 gsize       len)
{
  g_autofree char *copy = NULL;

  if (len == 0 || memchr (text, ':', len) == NULL)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_ipv6_char (text[i]))
      return FALSE;
  copy = g_strndup (text, len);
  return g_hostname_is_ip_address (copy);
}

/* Where the first character that is not allowed in a host name is, or NULL. */
static const char *
find_bad_host_char (const char *host,
                    const char *end)
{
  for (const char *p = host; p < end; p++)
    if (!is_host_char (*p))
      return p;
  return NULL;
}

static gboolean
parse_port (const char *text,
            const char *end,
            guint      *port)
{
  guint value = 0;

  if (text == end)
    return FALSE;
  for (const char *p = text; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint) (*p - '0');
      if (value > 65535)
        return FALSE;
    }
  if (value == 0)
    return FALSE;
  *port = value;
  return TRUE;
}

static const char *
parse_scheme (const char  *string,
              TwUrl       *url,
              GError     **error)
{
  const char      *p = string;
  const char      *plus;
  g_autofree char *word = NULL;
  g_autofree char *lower = NULL;

  while (g_ascii_isalnum (*p) || *p == '+' || *p == '_' || *p == '.' || *p == '-')
    p++;

  if (strncmp (p, "://", 3) != 0)
    {
      if (p == string)
        g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_MISSING_SCHEME,
                     _("The URL does not start with a dialect and “://”, "
                       "as in postgresql://user@host/database"));
      else
        g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_MISSING_SCHEME,
                     _("Expected “://” after “%.*s” at position %u"), (int) (p - string), string,
                     position (string, p));
      return NULL;
    }

  plus = memchr (string, '+', p - string);
  word = g_strndup (string, (plus != NULL ? plus : p) - string);
  if (*word == '\0')
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_UNKNOWN_DIALECT,
                   _("No dialect before “%s” at position 0; known dialects: %s"),
                   plus != NULL ? "+" : "://", KNOWN_DIALECTS);
      return NULL;
    }

  url->dialect_name = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (dialect_names); i++)
    {
      if (g_str_equal (word, dialect_names[i].name))
        {
          url->dialect_name = dialect_names[i].name;
          url->dialect = dialect_names[i].kind;
          break;
        }
    }

  if (url->dialect_name == NULL)
    {
      lower = g_ascii_strdown (word, -1);
      if (g_str_equal (lower, "postgres"))
        g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_UNKNOWN_DIALECT,
                     _("The dialect “%s” at position 0 is not accepted (SQLAlchemy 1.4 "
                       "dropped it): write postgresql:// instead"),
                     word);
      else if (!g_str_equal (lower, word) && tw_dialect_kind_from_string (lower, &url->dialect))
        g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_UNKNOWN_DIALECT,
                     _("Unknown dialect “%s” at position 0: dialect names are lowercase, "
                       "as in “%s”"),
                     word, lower);
      else
        g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_UNKNOWN_DIALECT,
                     _("Unknown dialect “%s” at position 0; known dialects: %s"), word,
                     KNOWN_DIALECTS);
      return NULL;
    }

  if (plus != NULL)
    {
      const char *driver = plus + 1;

      if (driver == p)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_DRIVER,
                       _("No driver name after “+” at position %u"), position (string, plus));
          return NULL;
        }
      for (const char *q = driver; q < p; q++)
        {
          if (!g_ascii_islower (*q) && !g_ascii_isdigit (*q) && *q != '_')
            {
              g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_DRIVER,
                           _("Driver “%.*s” at position %u may contain only lowercase "
                             "letters, digits and “_”"),
                           (int) (p - driver), driver, position (string, driver));
              return NULL;
            }
        }
      url->driver = g_strndup (driver, p - driver);
    }

  return p + 3;
}

/* Reads "[user[:password]@]" at @p and returns where the host starts. */
static const char *
parse_userinfo (const char  *string,
                const char  *p,
                TwUrl       *url,
                GError     **error)
{
  const char      *name_end = p + strcspn (p, ":/[");
  const char      *at = NULL;
  const char      *password = NULL;
  const char      *user_end;
  g_autofree char *username = NULL;

  if (*name_end == ':')
    {
      at = strchr (name_end + 1, '@');
      if (at != NULL)
        {
          const char *next;

          /* "user:p@ss@host": an "@" left before the host ends belongs to
           * the password, which is more likely than a host with an "@". */
          while ((next = memchr (at + 1, '@', strcspn (at + 1, "/?"))) != NULL)
            at = next;
          password = name_end + 1;
        }
    }

  if (at != NULL)
    user_end = name_end;
  else
    {
      for (const char *q = name_end; q > p; q--)
        {
          if (q[-1] == '@')
            {
              at = q - 1;
              break;
            }
        }
      if (at == NULL)
        return p;
      user_end = at;
    }

  if (url->dialect == TW_DIALECT_KIND_SQLITE)
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID,
                   _("An SQLite URL takes no user name or password, but one is given at "
                     "position %u"),
                   position (string, p));
      return NULL;
    }

  username = decode_part (string, p, user_end, FALSE, _("user name"), FALSE, error);
  if (username == NULL)
    return NULL;
  if (password != NULL)
    {
      url->password = decode_part (string, password, at, FALSE, _("password"), TRUE, error);
      if (url->password == NULL)
        return NULL;
    }

  /* An empty user name or password is the same as none. */
  if (*username != '\0')
    url->username = g_steal_pointer (&username);
  if (url->password != NULL && *url->password == '\0')
    g_clear_pointer (&url->password, g_free);

  return at + 1;
}

static const char *
parse_port_at (const char  *string,
               const char  *colon,
               TwUrl       *url,
               GError     **error)
{
  const char *start = colon + 1;
  const char *end = start + strcspn (start, "/?");

  g_assert (*colon == ':');

  if (url->dialect == TW_DIALECT_KIND_SQLITE)
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID,
                   _("An SQLite URL takes no port, but one is given at position %u"),
                   position (string, start));
      return NULL;
    }

  if (!parse_port (start, end, &url->port))
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_PORT,
                   _("Port “%.*s” at position %u is not a number from 1 to 65535"),
                   (int) (end - start), start, position (string, start));
      return NULL;
    }

  return end;
}

/* Reads "host[:port]" or "[ipv6][:port]" at @p and returns where the
 * database or query starts. */
static const char *
parse_host_port (const char  *string,
                 const char  *p,
                 TwUrl       *url,
                 GError     **error)
{
  const char *end = p + strcspn (p, "/?");

  if (*p == '[')
    {
      const char *close = memchr (p, ']', end - p);

      if (close == NULL)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("Unterminated IPv6 address “%.*s” at position %u: the “]” is missing"),
                       (int) (end - p), p, position (string, p));
          return NULL;
        }
      if (url->dialect == TW_DIALECT_KIND_SQLITE)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("An SQLite URL takes no host, but “%.*s” at position %u is one"),
                       (int) (close + 1 - p), p, position (string, p));
          return NULL;
        }
      if (!is_ipv6_address (p + 1, close - p - 1))
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("“%.*s” at position %u is not an IPv6 address"), (int) (close - p - 1),
                       p + 1, position (string, p + 1));
          return NULL;
        }
      url->host = g_strndup (p + 1, close - p - 1);
      p = close + 1;
      if (*p == ':')
        return parse_port_at (string, p, url, error);
      if (p != end)
        {
          g_autofree char *c = character_at (p);

          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("Unexpected “%s” at position %u after the IPv6 address; expected "
                         "“:”, “/”, “?” or the end"),
                       c, position (string, p));
          return NULL;
        }
      return p;
    }
  else
    {
      const char *host_end = p + strcspn (p, ":/?");
      const char *bad;

      /* "::1" or "fe80::1:5432" is an IPv6 address without its brackets. */
      if (*host_end == ':' && memchr (host_end + 1, ':', end - host_end - 1) != NULL
          && is_ipv6_address (p, end - p))
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("The IPv6 address “%.*s” at position %u must be written in "
                         "brackets, as [%.*s]"),
                       (int) (end - p), p, position (string, p), (int) (end - p), p);
          return NULL;
        }

      if (host_end > p && url->dialect == TW_DIALECT_KIND_SQLITE)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("An SQLite URL takes no host, but “%.*s” at position %u is one; "
                         "a file path needs three slashes (sqlite:///relative.db) or four "
                         "(sqlite:////absolute.db)"),
                       (int) (host_end - p), p, position (string, p));
          return NULL;
        }

      bad = find_bad_host_char (p, host_end);
      if (bad != NULL)
        {
          g_autofree char *c = character_at (bad);

          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_HOST,
                       _("Host “%.*s” at position %u has “%s” at position %u; a host name "
                         "may contain only ASCII letters, digits, “.”, “-” and “_”"),
                       (int) (host_end - p), p, position (string, p), c, position (string, bad));
          return NULL;
        }

      if (host_end > p)
        url->host = g_strndup (p, host_end - p);
      if (*host_end == ':')
        return parse_port_at (string, host_end, url, error);
      return host_end;
    }
}

static gboolean
parse_query (const char *string,
             const char *p,
             TwUrl      *url,
             GPtrArray  *keys,
             GPtrArray  *values,
             GError    **error)
{
  /* A lone "?" adds nothing, as in SQLAlchemy. */
  if (*p == '\0')
    return TRUE;

  for (;;)
    {
      const char      *end = p + strcspn (p, "&");
      const char      *eq = memchr (p, '=', end - p);
      const ParamSpec *spec;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autofree char *what = NULL;

      if (end == p)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID,
                       _("Empty query parameter at position %u: two “&” in a row, or one "
                         "at the end"),
                       position (string, p));
          return FALSE;
        }
      if (eq == NULL)
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_PARAMETER,
                       _("Parameter “%.*s” at position %u has no value; write it as "
                         "key=value"),
                       (int) (end - p), p, position (string, p));
          return FALSE;
        }

      key = decode_part (string, p, eq, TRUE, _("parameter name"), FALSE, error);
      if (key == NULL)
        return FALSE;

      spec = find_param_spec (url->dialect, key);
      if (spec == NULL)
        {
          g_autofree char *known = known_param_names (url->dialect);

          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_UNKNOWN_PARAMETER,
                       _("Unknown parameter “%s” at position %u for %s; known parameters: %s"),
                       key, position (string, p), url->dialect_name, known);
          return FALSE;
        }

      for (guint i = 0; i < keys->len; i++)
        {
          if (g_str_equal (g_ptr_array_index (keys, i), key))
            {
              g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_PARAMETER,
                           _("Parameter “%s” at position %u is given twice"), key,
                           position (string, p));
              return FALSE;
            }
        }

      what = g_strdup_printf (_("value of “%s”"), key);
      value = decode_part (string, eq + 1, end, TRUE, what, FALSE, error);
      if (value == NULL)
        return FALSE;

      if (!spec->check (value))
        {
          g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_PARAMETER,
                       _("Parameter “%s” has the value “%s” at position %u, but it must be %s"),
                       key, value, position (string, eq + 1), _(spec->expected));
          return FALSE;
        }

      g_ptr_array_add (keys, g_steal_pointer (&key));
      g_ptr_array_add (values, g_steal_pointer (&value));

      if (*end == '\0')
        return TRUE;
      p = end + 1;
    }
}

static char **
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

static TwUrl *
url_alloc (TwDialectKind dialect)
{
  TwUrl *self = g_new0 (TwUrl, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dialect = dialect;
  return self;
}

/**
 * tw_url_parse:
 * @string: a URL such as `postgresql://scott:tiger@localhost/test`
 * @error: return location for a #TW_URL_ERROR
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 */
TwUrl *
tw_url_parse (const char  *string,
              GError     **error)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (GPtrArray) values = NULL;
  const char *p;

  g_return_val_if_fail (string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*string == '\0')
    {
      g_set_error (error, TW_URL_ERROR, TW_URL_ERROR_EMPTY, _("The URL is empty"));
      return NULL;
    }
  if (!check_characters (string, error))
    return NULL;

  url = url_alloc (TW_DIALECT_KIND_SQLITE);
  keys = g_ptr_array_new_with_free_func (g_free);
  values = g_ptr_array_new_with_free_func (g_free);

  if ((p = parse_scheme (string, url, error)) == NULL
      || (p = parse_userinfo (string, p, url, error)) == NULL
      || (p = parse_host_port (string, p, url, error)) == NULL)
    return NULL;

  if (*p == '/')
    {
      const char *end = p + 1 + strcspn (p + 1, "?");

      url->database = decode_part (string, p + 1, end, FALSE,
                                   url->dialect == TW_DIALECT_KIND_SQLITE ? _("database path")
                                                                          : _("database name"),
                                   FALSE, error);
      if (url->database == NULL)
        return NULL;
      p = end;
    }

  if (*p == '?' && !parse_query (string, p + 1, url, keys, values, error))
    return NULL;

  g_assert (*p == '\0' || *p == '?');

  url->query_keys = steal_strv (g_steal_pointer (&keys));
  url->query_values = steal_strv (g_steal_pointer (&values));

  return g_steal_pointer (&url);
}

/**
 * tw_url_host_is_valid:
 * @host: a host name or an IPv6 address without brackets
 *
 * Returns: whether tw_url_new() takes @host
 */
gboolean
tw_url_host_is_valid (const char *host)
{
  g_return_val_if_fail (host != NULL, FALSE);

  if (strchr (host, ':') != NULL)
    return is_ipv6_address (host, strlen (host));
  return find_bad_host_char (host, host + strlen (host)) == NULL;
}

static char *
strdup_non_empty (const char *value)
{
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

TwUrl *
tw_url_new (TwDialectKind dialect,
            const char   *username,
            const char   *password,
            const char   *host,
            guint         port,
            const char   *database)
{
  TwUrl *self;

  g_return_val_if_fail ((guint) dialect <= TW_DIALECT_KIND_MYSQL, NULL);
  g_return_val_if_fail (username == NULL || g_utf8_validate (username, -1, NULL), NULL);
  g_return_val_if_fail (password == NULL || g_utf8_validate (password, -1, NULL), NULL);
  g_return_val_if_fail (database == NULL || g_utf8_validate (database, -1, NULL), NULL);
  g_return_val_if_fail (host == NULL || *host == '\0' || tw_url_host_is_valid (host), NULL);
  g_return_val_if_fail (port <= 65535, NULL);
  g_return_val_if_fail (dialect != TW_DIALECT_KIND_SQLITE
                            || ((username == NULL || *username == '\0')
                                && (password == NULL || *password == '\0')
                                && (host == NULL || *host == '\0') && port == 0),
                        NULL);

  self = url_alloc (dialect);
  self->dialect_name = tw_dialect_kind_to_string (dialect);
  self->username = strdup_non_empty (username);
  self->password = strdup_non_empty (password);
  self->host = strdup_non_empty (host);
  self->port = port;
  self->database = g_strdup (database);
  self->query_keys = g_new0 (char *, 1);
  self->query_values = g_new0 (char *, 1);

  return self;
}

TwUrl *
tw_url_ref (TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tw_url_unref (TwUrl *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->driver);
  g_free (self->username);
  g_free (self->password);
  g_free (self->host);
  g_free (self->database);
  g_strfreev (self->query_keys);
  g_strfreev (self->query_values);
  g_free (self);
}

TwDialectKind
tw_url_get_dialect (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, TW_DIALECT_KIND_SQLITE);
  return self->dialect;
}

const char *
tw_url_get_dialect_name (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dialect_name;
}

const char *
tw_url_get_driver (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->driver;
}

const char *
tw_url_get_username (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->username;
}

const char *
tw_url_get_password (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->password;
}

const char *
tw_url_get_host (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

guint
tw_url_get_port (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

const char *
tw_url_get_database (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->database;
}

const char *
tw_url_get_query_param (const TwUrl *self,
                        const char  *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; self->query_keys[i] != NULL; i++)
    if (g_str_equal (self->query_keys[i], key))
      return self->query_values[i];
  return NULL;
}

const char *const *
tw_url_get_query_keys (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *) self->query_keys;
}

gboolean
tw_url_is_memory (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->dialect == TW_DIALECT_KIND_SQLITE
         && (self->database == NULL || *self->database == '\0'
             || g_str_equal (self->database, ":memory:"));
}

gboolean
tw_url_is_read_only (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->dialect == TW_DIALECT_KIND_SQLITE
         && g_strcmp0 (tw_url_get_query_param (self, "mode"), "ro") == 0;
}

typedef enum
{
  PART_USER_INFO,
  PART_DATABASE,
  PART_SQLITE_PATH,
  PART_QUERY,
} Part;

static gboolean
needs_escape (guchar c,
              Part   part)
{
  /* Other UTF-8 is written as it is. */
  if (c >= 0x80)
    return FALSE;
  if (c <= 0x20 || c == 0x7f || c == '%')
    return TRUE;

  switch (part)
    {
    case PART_USER_INFO:
      return c == ':' || c == '@' || c == '/' || c == '?' || c == '[';
    case PART_DATABASE:
      /* An "@" after a port would start a password (see the top). */
      return c == '?' || c == '@';
    case PART_SQLITE_PATH:
      return c == '?';
    case PART_QUERY:
      return !g_ascii_isalnum (c) && c != '-' && c != '.' && c != '_' && c != '~';
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
append_escaped (GString    *out,
                const char *value,
                Part        part)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      if (part == PART_QUERY && *p == ' ')
        g_string_append_c (out, '+');
      else if (needs_escape (*p, part))
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, (char) *p);
    }
}

static char *
build_string (const TwUrl *self,
              gboolean     mask_password)
{
  GString *out = g_string_new (self->dialect_name);

  if (self->driver != NULL)
    g_string_append_printf (out, "+%s", self->driver);
  g_string_append (out, "://");

  if (self->username != NULL || self->password != NULL)
    {
      if (self->username != NULL)
        append_escaped (out, self->username, PART_USER_INFO);
      if (self->password != NULL)
        {
          g_string_append_c (out, ':');
          if (mask_password)
            g_string_append (out, "***");
          else
            append_escaped (out, self->password, PART_USER_INFO);
        }
      g_string_append_c (out, '@');
    }

  if (self->host != NULL)
    {
      if (strchr (self->host, ':') != NULL)
        g_string_append_printf (out, "[%s]", self->host);
      else
        g_string_append (out, self->host);
    }
  if (self->port != 0)
    g_string_append_printf (out, ":%u", self->port);

  if (self->database != NULL)
    {
      g_string_append_c (out, '/');
      append_escaped (out, self->database,
                      self->dialect == TW_DIALECT_KIND_SQLITE ? PART_SQLITE_PATH : PART_DATABASE);
    }

  for (guint i = 0; self->query_keys[i] != NULL; i++)
    {
      g_string_append_c (out, i == 0 ? '?' : '&');
      append_escaped (out, self->query_keys[i], PART_QUERY);
      g_string_append_c (out, '=');
      append_escaped (out, self->query_values[i], PART_QUERY);
    }

  return g_string_free (out, FALSE);
}

char *
tw_url_to_string (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_string (self, FALSE);
}

char *
tw_url_to_display_string (const TwUrl *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_string (self, TRUE);
}

gboolean
tw_url_equal (const TwUrl *a,
              const TwUrl *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;

  return a->dialect == b->dialect && g_str_equal (a->dialect_name, b->dialect_name)
         && g_strcmp0 (a->driver, b->driver) == 0 && g_strcmp0 (a->username, b->username) == 0
         && g_strcmp0 (a->password, b->password) == 0 && g_strcmp0 (a->host, b->host) == 0
         && a->port == b->port && g_strcmp0 (a->database, b->database) == 0
         && g_strv_equal ((const char *const *) a->query_keys, (const char *const *) b->query_keys)
         && g_strv_equal ((const char *const *) a->query_values,
                          (const char *const *) b->query_values);
}
