/* tw-db-error.c: the error domain of the database drivers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-db-error"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-db-error.h"

/* Statements longer than this are cut in messages: a message is read by a
 * person, and a script can be megabytes long. */
#define MAX_STATEMENT_CHARS 1000

typedef struct
{
  TwDbErrorDetails details;
} TwDbErrorPrivate;

static void
tw_db_error_private_init (TwDbErrorPrivate *priv)
{
  memset (&priv->details, 0, sizeof priv->details);
}

static void
details_clear (TwDbErrorDetails *details)
{
  g_clear_pointer (&details->sqlstate, g_free);
  g_clear_pointer (&details->server_message, g_free);
  g_clear_pointer (&details->detail, g_free);
  g_clear_pointer (&details->hint, g_free);
  g_clear_pointer (&details->schema_name, g_free);
  g_clear_pointer (&details->table_name, g_free);
  g_clear_pointer (&details->column_name, g_free);
  g_clear_pointer (&details->constraint_name, g_free);
  g_clear_pointer (&details->statement, g_free);
}

static void
details_copy_into (const TwDbErrorDetails *src,
                   TwDbErrorDetails       *dest)
{
  dest->dialect = src->dialect;
  dest->sqlstate = g_strdup (src->sqlstate);
  dest->native_code = src->native_code;
  dest->server_message = g_strdup (src->server_message);
  dest->detail = g_strdup (src->detail);
  dest->hint = g_strdup (src->hint);
  dest->schema_name = g_strdup (src->schema_name);
  dest->table_name = g_strdup (src->table_name);
  dest->column_name = g_strdup (src->column_name);
  dest->constraint_name = g_strdup (src->constraint_name);
  dest->constraint_kind = src->constraint_kind;
  dest->statement = g_strdup (src->statement);
  dest->position = src->position;
}

static void
tw_db_error_private_copy (const TwDbErrorPrivate *src_priv,
                          TwDbErrorPrivate       *dest_priv)
{
  details_copy_into (&src_priv->details, &dest_priv->details);
}

static void
tw_db_error_private_clear (TwDbErrorPrivate *priv)
{
  details_clear (&priv->details);
}

G_DEFINE_EXTENDED_ERROR (TwDbError, tw_db_error)

G_DEFINE_BOXED_TYPE (TwDbErrorDetails,
                     tw_db_error_details,
                     tw_db_error_details_copy,
                     tw_db_error_details_free)

TwDbErrorDetails *
tw_db_error_details_new (void)
{
  return g_new0 (TwDbErrorDetails, 1);
}

TwDbErrorDetails *
tw_db_error_details_copy (const TwDbErrorDetails *self)
{
  TwDbErrorDetails *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = tw_db_error_details_new ();
  details_copy_into (self, copy);
  return copy;
}

void
tw_db_error_details_free (TwDbErrorDetails *self)
{
  if (self == NULL)
    return;

  details_clear (self);
  g_free (self);
}

const TwDbErrorDetails *
tw_db_error_get_details (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != TW_DB_ERROR)
    return NULL;

  return &tw_db_error_get_private (error)->details;
}

const char *
tw_db_error_describe (TwDbError          code,
                      TwDbConstraintKind constraint_kind)
{
  switch (code)
    {
    case TW_DB_ERROR_CONNECTION_FAILED:
      return _("Could not connect to the server");
    case TW_DB_ERROR_AUTHENTICATION_FAILED:
      return _("The server refused the user name or password");
    case TW_DB_ERROR_UNKNOWN_DATABASE:
      return _("The database does not exist");
    case TW_DB_ERROR_CONNECTION_LOST:
      return _("The connection to the server was lost");
    case TW_DB_ERROR_TIMEOUT:
      return _("The operation timed out");
    case TW_DB_ERROR_CONSTRAINT:
      switch (constraint_kind)
        {
        case TW_DB_CONSTRAINT_KIND_UNIQUE:
          return _("Unique constraint violated");
        case TW_DB_CONSTRAINT_KIND_FOREIGN_KEY:
          return _("Foreign key constraint violated");
        case TW_DB_CONSTRAINT_KIND_CHECK:
          return _("Check constraint violated");
        case TW_DB_CONSTRAINT_KIND_NOT_NULL:
          return _("Not-null constraint violated");
        case TW_DB_CONSTRAINT_KIND_NONE:
        case TW_DB_CONSTRAINT_KIND_OTHER:
        default:
          return _("Constraint violated");
        }
    case TW_DB_ERROR_SYNTAX:
      return _("Syntax error");
    case TW_DB_ERROR_UNDEFINED_OBJECT:
      return _("No such table, column or other object");
    case TW_DB_ERROR_DATA:
      return _("Invalid value");
    case TW_DB_ERROR_READ_ONLY:
      return _("The database is read-only");
    case TW_DB_ERROR_SERIALIZATION:
      return _("The transaction conflicted with another one");
    case TW_DB_ERROR_PERMISSION_DENIED:
      return _("Permission denied");
    case TW_DB_ERROR_DUPLICATE_OBJECT:
      return _("An object of that name already exists");
    case TW_DB_ERROR_FAILED:
    default:
      return _("The statement failed");
    }
}

/* Appends @statement, cut to a readable length at a character boundary. */
static void
append_statement (GString    *str,
                  const char *statement)
{
  const char *end;
  glong n_chars;

  n_chars = g_utf8_strlen (statement, -1);
  if (n_chars <= MAX_STATEMENT_CHARS)
    {
      g_string_append (str, statement);
      return;
    }

  end = g_utf8_offset_to_pointer (statement, MAX_STATEMENT_CHARS);
  g_string_append_len (str, statement, end - statement);
  g_string_append_printf (str, _("… (%ld more characters)"), n_chars - MAX_STATEMENT_CHARS);
}

/* The line and column of the @position-th character of @statement. */
static void
locate_position (const char *statement,
                 guint       position,
                 guint      *line,
                 guint      *column)
{
  const char *p = statement;

  *line = 1;
  *column = 1;
  for (guint i = 1; i < position && *p != '\0'; i++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
      p = g_utf8_next_char (p);
    }
}

void
tw_db_error_set_from_details (GError          **error,
                              TwDbError         code,
                              const char       *what,
                              TwDbErrorDetails *details)
{
  g_autoptr(TwDbErrorDetails) owned = details;
  g_autoptr(GString) message = NULL;
  GError *new_error;

  g_return_if_fail (details != NULL);

  if (error == NULL)
    return;

  if (what == NULL)
    what = tw_db_error_describe (code, details->constraint_kind);

  message = g_string_new (what);
  if (details->server_message != NULL && details->server_message[0] != '\0')
    g_string_append_printf (message, ": %s", details->server_message);

  if (details->dialect == TW_DIALECT_KIND_MYSQL && details->native_code != 0)
    {
      if (details->sqlstate != NULL)
        g_string_append_printf (message, _(" (MySQL error %d, SQLSTATE %s)"),
                                details->native_code, details->sqlstate);
      else
        g_string_append_printf (message, _(" (MySQL error %d)"), details->native_code);
    }
  else if (details->dialect == TW_DIALECT_KIND_SQLITE && details->native_code != 0)
    g_string_append_printf (message, _(" (SQLite error %d)"), details->native_code);
  else if (details->sqlstate != NULL)
    g_string_append_printf (message, _(" (SQLSTATE %s)"), details->sqlstate);

  if (details->statement != NULL)
    {
      if (details->position > 0)
        {
          guint line, column;

          locate_position (details->statement, details->position, &line, &column);
          g_string_append_printf (message, _(" at line %u, column %u"), line, column);
        }
      g_string_append (message, _(" in statement: "));
      append_statement (message, details->statement);
    }

  /* The error takes over the strings of the details. */
  new_error = g_error_new_literal (TW_DB_ERROR, code, message->str);
  tw_db_error_get_private (new_error)->details = *owned;
  g_free (g_steal_pointer (&owned));
  g_propagate_error (error, new_error);
}
