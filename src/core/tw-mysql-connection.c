/* tw-mysql-connection.c: the MySQL and MariaDB (MariaDB Connector/C) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-mysql-connection"

#include "config.h"

#include <math.h>
#include <poll.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

#include "tw-connection-private.h"
#include "tw-mysql-connection.h"

/* Seconds to wait for a server, unless the URL says ?connect_timeout=N. */
#define DEFAULT_CONNECT_TIMEOUT 30

/* Strings and blobs are first fetched into this much, then the rest. */
#define INITIAL_BUFFER_SIZE 256

/* The charset number of binary strings (BLOB, VARBINARY). */
#define BINARY_CHARSET 63

/* Strict: a bad value is an error, never silently a zero or a cut string. */
#define SESSION_SETUP \
  "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO," \
  "NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'"

struct _TwMysqlConnection
{
  TwConnection   parent_instance;

  MYSQL         *mysql;
  /* The server's id of the session, for KILL QUERY. */
  unsigned long  thread_id;
};

G_DEFINE_FINAL_TYPE (TwMysqlConnection, tw_mysql_connection, TW_TYPE_CONNECTION)

/* One result column, with the buffers its MYSQL_BIND points into. */
typedef struct
{
  TwValueKind    kind;
  int            field_type;
  gboolean       is_unsigned;
  gboolean       in_buffer;     /* strings, decimals, blobs, bits */
  union
  {
    gint64       i;
    double       d;
    float        f;
    MYSQL_TIME   t;
  } n;
  char          *buffer;
  unsigned long  buffer_size;
  unsigned long  length;
  my_bool        is_null;
  my_bool        error;
} Column;

/* What one parameter's MYSQL_BIND points into. */
typedef struct
{
  union
  {
    gint64       i;
    double       d;
    signed char  b;
    MYSQL_TIME   t;
  } n;
  unsigned long  length;
} Param;

/* Errors */

/* The text between @start and the next @end in @message, if any. */
static char *
extract (const char *message,
         const char *start,
         const char *end)
{
  const char *p = strstr (message, start);
  const char *q;

  if (p == NULL)
    return NULL;
  p += strlen (start);
  q = strstr (p, end);
  if (q == NULL)
    return NULL;

  return g_strndup (p, q - p);
}

static TwDbError
classify (unsigned int      code,
          const char       *sqlstate,
          TwDbErrorDetails *details)
{
  const char *message = details->server_message;

  switch (code)
    {
    case ER_DUP_ENTRY:
    case ER_DUP_ENTRY_WITH_KEY_NAME:
    case ER_DUP_UNIQUE:
    case ER_DUP_KEY:
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_UNIQUE;
      {
        /* "Duplicate entry 'x' for key 'name'" */
        const char *key = strstr (message, "for key '");

        if (key != NULL)
          {
            key += strlen ("for key '");
            details->constraint_name = g_strndup (key, strlen (key) - (g_str_has_suffix (key, "'") ? 1 : 0));
          }
      }
      return TW_DB_ERROR_CONSTRAINT;

    case ER_ROW_IS_REFERENCED_2:
    case ER_NO_REFERENCED_ROW_2:
    case ER_ROW_IS_REFERENCED:
    case ER_NO_REFERENCED_ROW:
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_FOREIGN_KEY;
      /* "... fails (`db`.`child`, CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES ..." */
      details->constraint_name = extract (message, "CONSTRAINT `", "`");
      details->column_name = extract (message, "FOREIGN KEY (`", "`");
      {
        g_autofree char *qualified = extract (message, "fails (", ",");
        const char *dot = qualified != NULL ? strstr (qualified, "`.`") : NULL;

        if (dot != NULL)
          details->table_name = g_strndup (dot + 3, strlen (dot + 3) - 1);
      }
      return TW_DB_ERROR_CONSTRAINT;

    case ER_BAD_NULL_ERROR:
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_NOT_NULL;
      details->column_name = extract (message, "Column '", "'");
      return TW_DB_ERROR_CONSTRAINT;

    case ER_NO_DEFAULT_FOR_FIELD:
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_NOT_NULL;
      details->column_name = extract (message, "Field '", "'");
      return TW_DB_ERROR_CONSTRAINT;

    case 3819: /* MySQL: Check constraint 'x' is violated. */
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_CHECK;
      details->constraint_name = extract (message, "constraint '", "'");
      return TW_DB_ERROR_CONSTRAINT;

    case 4025: /* MariaDB: CONSTRAINT `x` failed for `db`.`t` */
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_CHECK;
      details->constraint_name = extract (message, "CONSTRAINT `", "`");
      {
        const char *p = strstr (message, "failed for `");
        const char *dot = p != NULL ? strstr (p, "`.`") : NULL;

        if (dot != NULL)
          details->table_name = g_strndup (dot + 3, strcspn (dot + 3, "`"));
      }
      return TW_DB_ERROR_CONSTRAINT;

    case ER_PARSE_ERROR:
    case ER_SYNTAX_ERROR:
      return TW_DB_ERROR_SYNTAX;

    case ER_NO_SUCH_TABLE:
    case ER_BAD_FIELD_ERROR:
    case ER_SP_DOES_NOT_EXIST:
    case ER_CANT_DROP_FIELD_OR_KEY:
    case ER_BAD_TABLE_ERROR:
    case ER_BAD_DB_ERROR:
    case ER_UNKNOWN_TABLE:
    case ER_TRG_DOES_NOT_EXIST:
    case ER_KEY_DOES_NOT_EXISTS:
    case ER_KEY_COLUMN_DOES_NOT_EXIST:
    case ER_FUNC_INEXISTENT_NAME_COLLISION:
      return TW_DB_ERROR_UNDEFINED_OBJECT;

    case ER_TABLE_EXISTS_ERROR:
    case ER_DUP_FIELDNAME:
    case ER_DUP_KEYNAME:
    case ER_DB_CREATE_EXISTS:
    case ER_SP_ALREADY_EXISTS:
    case ER_TRG_ALREADY_EXISTS:
    case 1826: /* duplicate foreign key constraint name */
      return TW_DB_ERROR_DUPLICATE_OBJECT;

    case ER_WARN_DATA_OUT_OF_RANGE:
    case WARN_DATA_TRUNCATED:
    case ER_TRUNCATED_WRONG_VALUE_FOR_FIELD:
    case ER_TRUNCATED_WRONG_VALUE:
    case ER_DATA_TOO_LONG:
    case ER_WRONG_VALUE_FOR_TYPE:
    case ER_DATA_OUT_OF_RANGE:
    case ER_DIVISION_BY_ZERO:
    case ER_WARN_NULL_TO_NOTNULL:
    case ER_ILLEGAL_VALUE_FOR_TYPE:
    case 3140: /* MySQL: invalid JSON text */
    case 4038: /* MariaDB: syntax error in JSON text */
      return TW_DB_ERROR_DATA;

    case ER_OPTION_PREVENTS_STATEMENT:
    case ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION:
    case ER_READ_ONLY_MODE:
      return TW_DB_ERROR_READ_ONLY;

    case ER_LOCK_DEADLOCK:
      return TW_DB_ERROR_SERIALIZATION;

    case ER_LOCK_WAIT_TIMEOUT:
    case ER_STATEMENT_TIMEOUT:
    case 3024: /* MySQL: max_execution_time exceeded */
      return TW_DB_ERROR_TIMEOUT;

    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_ERR_NET_READ:
    case CR_ERR_NET_WRITE:
    case ER_CONNECTION_KILLED:
    case ER_SERVER_SHUTDOWN:
    case ER_NET_READ_ERROR:
    case ER_NET_ERROR_ON_WRITE:
      return TW_DB_ERROR_CONNECTION_LOST;

    case ER_DBACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
      return TW_DB_ERROR_AUTHENTICATION_FAILED;

    case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR:
    case ER_SPECIFIC_ACCESS_DENIED_ERROR:
    case ER_PROCACCESS_DENIED_ERROR:
    case ER_NOT_ALLOWED_COMMAND:
    case 4166: /* MariaDB: the client has disabled LOAD DATA LOCAL */
      return TW_DB_ERROR_PERMISSION_DENIED;

    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_UNKNOWN_HOST:
      return TW_DB_ERROR_CONNECTION_FAILED;

    default:
      break;
    }

  if (sqlstate != NULL)
    {
      if (g_str_has_prefix (sqlstate, "23"))
        {
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_OTHER;
          return TW_DB_ERROR_CONSTRAINT;
        }
      if (g_str_has_prefix (sqlstate, "22"))
        return TW_DB_ERROR_DATA;
      if (g_str_has_prefix (sqlstate, "42"))
        return TW_DB_ERROR_SYNTAX;
      if (g_str_has_prefix (sqlstate, "40"))
        return TW_DB_ERROR_SERIALIZATION;
      if (g_str_has_prefix (sqlstate, "08"))
        return TW_DB_ERROR_CONNECTION_LOST;
    }

  return TW_DB_ERROR_FAILED;
}

static TwDbErrorDetails *
make_details (unsigned int  code,
              const char   *message,
              const char   *sqlstate,
              const char   *statement)
{
  TwDbErrorDetails *details = tw_db_error_details_new ();

  details->dialect = TW_DIALECT_KIND_MYSQL;
  details->native_code = (int) code;
  details->server_message = g_strdup (message);
  /* HY000 is "no SQLSTATE for this"; keep it out of the way. */
  if (sqlstate != NULL && *sqlstate != '\0' && !g_str_equal (sqlstate, "HY000"))
    details->sqlstate = g_strdup (sqlstate);
  details->statement = g_strdup (statement);
  return details;
}

static void
set_error (unsigned int   code,
           const char    *message,
           const char    *sqlstate,
           const char    *statement,
           GError       **error)
{
  TwDbErrorDetails *details = make_details (code, message, sqlstate, statement);
  TwDbError domain_code = classify (code, details->sqlstate, details);

  tw_db_error_set_from_details (error, domain_code, NULL, details);
}

static void
set_connection_error (TwMysqlConnection  *self,
                      const char         *statement,
                      GError            **error)
{
  set_error (mysql_errno (self->mysql), mysql_error (self->mysql),
             mysql_sqlstate (self->mysql), statement, error);
}

static void
set_statement_error (MYSQL_STMT  *stmt,
                     const char  *statement,
                     GError     **error)
{
  set_error (mysql_stmt_errno (stmt), mysql_stmt_error (stmt),
             mysql_stmt_sqlstate (stmt), statement, error);
}

/* Connecting */

/* A new session to the server of @url, set up for Tablewright. */
static MYSQL *
open_handle (TwConnection  *connection,
             GError       **error)
{
  TwUrl *url = tw_connection_get_url (connection);
  const char *charset = tw_url_get_query_param (url, "charset");
  const char *ssl_mode = tw_url_get_query_param (url, "ssl_mode");
  const char *timeout = tw_url_get_query_param (url, "connect_timeout");
  unsigned int timeout_seconds = DEFAULT_CONNECT_TIMEOUT;
  MYSQL *mysql;

  mysql = mysql_init (NULL);
  if (mysql == NULL)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                   _("Could not connect to %s: out of memory"),
                   _tw_connection_get_display_url (connection));
      return NULL;
    }

  if (timeout != NULL)
    timeout_seconds = (unsigned int) g_ascii_strtoull (timeout, NULL, 10);
  if (timeout_seconds > 0)
    {
      /* Bounds the TCP connect and the wait for the server's greeting. */
      mysql_optionsv (mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout_seconds);
    }
  mysql_optionsv (mysql, MYSQL_SET_CHARSET_NAME, charset != NULL ? charset : "utf8mb4");
  /* A server could otherwise ask for any file of the user's
   * (LOAD DATA LOCAL INFILE). */
  {
    unsigned int off = 0;

    mysql_optionsv (mysql, MYSQL_OPT_LOCAL_INFILE, &off);
  }

  if (ssl_mode != NULL && g_ascii_strcasecmp (ssl_mode, "DISABLED") != 0 &&
      g_ascii_strcasecmp (ssl_mode, "PREFERRED") != 0)
    {
      my_bool on = 1;

      mysql_optionsv (mysql, MYSQL_OPT_SSL_ENFORCE, &on);
      if (g_ascii_strncasecmp (ssl_mode, "VERIFY_", 7) == 0)
        mysql_optionsv (mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
    }

  if (mysql_real_connect (mysql,
                          tw_url_get_host (url),
                          tw_url_get_username (url),
                          tw_url_get_password (url),
                          tw_url_get_database (url),
                          tw_url_get_port (url),
                          NULL,
                          CLIENT_FOUND_ROWS | CLIENT_MULTI_RESULTS) == NULL)
    {
      unsigned int code = mysql_errno (mysql);
      const char *message = mysql_error (mysql);
      TwDbErrorDetails *details = make_details (code, message, mysql_sqlstate (mysql), NULL);
      g_autofree char *what = NULL;
      TwDbError domain_code;

      if (code == ER_BAD_DB_ERROR)
        domain_code = TW_DB_ERROR_UNKNOWN_DATABASE;
      else if (code == ER_ACCESS_DENIED_ERROR || code == ER_DBACCESS_DENIED_ERROR ||
               code == ER_ACCESS_DENIED_NO_PASSWORD_ERROR || code == ER_HOST_NOT_PRIVILEGED ||
               code == ER_NOT_SUPPORTED_AUTH_MODE || code == CR_AUTH_PLUGIN_CANNOT_LOAD ||
               code == CR_AUTH_PLUGIN_ERR)
        domain_code = TW_DB_ERROR_AUTHENTICATION_FAILED;
      else if (strstr (message, "timeout") != NULL || strstr (message, "timed out") != NULL ||
               strstr (message, "errno: 110") != NULL || strstr (message, "system error: 110") != NULL)
        domain_code = TW_DB_ERROR_TIMEOUT;
      else
        domain_code = TW_DB_ERROR_CONNECTION_FAILED;

      what = g_strdup_printf (_("Could not connect to %s"),
                              _tw_connection_get_display_url (connection));
      tw_db_error_set_from_details (error, domain_code, what, details);
      mysql_close (mysql);
      return NULL;
    }

  if (mysql_real_query (mysql, SESSION_SETUP, strlen (SESSION_SETUP)) != 0)
    {
      set_error (mysql_errno (mysql), mysql_error (mysql), mysql_sqlstate (mysql),
                 SESSION_SETUP, error);
      g_prefix_error (error, _("Could not set up the session on %s: "),
                      _tw_connection_get_display_url (connection));
      mysql_close (mysql);
      return NULL;
    }

  return mysql;
}

static gboolean
tw_mysql_connection_connect (TwConnection  *connection,
                             GCancellable  *cancellable,
                             GError       **error)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;

  g_assert (self->mysql == NULL);

  /* Connector/C cannot be interrupted while it connects: the timeout
   * bounds the wait, and a cancel counts right after. */
  self->mysql = open_handle (connection, error);
  if (self->mysql == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&self->mysql, mysql_close);
      return FALSE;
    }

  self->thread_id = mysql_thread_id (self->mysql);
  return TRUE;
}

static void
tw_mysql_connection_disconnect (TwConnection *connection)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;

  g_clear_pointer (&self->mysql, mysql_close);
}

static gboolean
tw_mysql_connection_is_alive (TwConnection *connection)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  struct pollfd pfd;

  if (self->mysql == NULL)
    return FALSE;

  /* Between calls the server sends nothing, unless it ends the session: if
   * the socket has something to read, ask the server once. */
  pfd.fd = mysql_get_socket (self->mysql);
  pfd.events = POLLIN;
  pfd.revents = 0;
  if (poll (&pfd, 1, 0) <= 0)
    return TRUE;

  return mysql_ping (self->mysql) == 0;
}

static gboolean
tw_mysql_connection_in_transaction (TwConnection *connection)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  unsigned int status = 0;

  if (self->mysql == NULL)
    return FALSE;

  if (mariadb_get_infov (self->mysql, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0)
    return FALSE;

  return (status & SERVER_STATUS_IN_TRANS) != 0;
}

static char *
tw_mysql_connection_get_server_version (TwConnection *connection)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;

  return g_strdup (mysql_get_server_info (self->mysql));
}

/* Values */

/* A float as the shortest decimal that reads back as it, so that a FLOAT
 * column's 0.1 reads as 0.1 and not 0.10000000149011612. */
static double
float_to_double (float f)
{
  static const char * const formats[] = { "%.6g", "%.7g", "%.8g", "%.9g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (f))
    return (double) f;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], (double) f);
      if ((float) g_ascii_strtod (buffer, NULL) == f)
        break;
    }

  return g_ascii_strtod (buffer, NULL);
}

static gboolean
field_is_json (const MYSQL_FIELD *field)
{
  MARIADB_CONST_STRING format = { NULL, 0 };

  if (field->type == MYSQL_TYPE_JSON)
    return TRUE;

  /* MariaDB has JSON as LONGTEXT, and says so in extended metadata. */
  return mariadb_field_attr (&format, field, MARIADB_FIELD_ATTR_FORMAT_NAME) == 0 &&
         format.str != NULL && format.length == 4 &&
         g_ascii_strncasecmp (format.str, "json", 4) == 0;
}

static gboolean
field_is_uuid (const MYSQL_FIELD *field)
{
  MARIADB_CONST_STRING name = { NULL, 0 };

  return mariadb_field_attr (&name, field, MARIADB_FIELD_ATTR_DATA_TYPE_NAME) == 0 &&
         name.str != NULL && name.length == 4 &&
         g_ascii_strncasecmp (name.str, "uuid", 4) == 0;
}

static TwValueKind
kind_for_field (const MYSQL_FIELD *field)
{
  switch ((int) field->type)
    {
    case MYSQL_TYPE_TINY:
      return field->length == 1 ? TW_VALUE_KIND_BOOLEAN : TW_VALUE_KIND_INT64;
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
    case MYSQL_TYPE_BIT:
      return TW_VALUE_KIND_INT64;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return TW_VALUE_KIND_DOUBLE;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      return TW_VALUE_KIND_NUMERIC;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      return TW_VALUE_KIND_DATE;
    case MYSQL_TYPE_TIME:
      return TW_VALUE_KIND_TIME;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      return TW_VALUE_KIND_DATETIME;
    case MYSQL_TYPE_NULL:
      return TW_VALUE_KIND_NULL;
    case MYSQL_TYPE_GEOMETRY:
      return TW_VALUE_KIND_BLOB;
    default:
      if (field_is_json (field))
        return TW_VALUE_KIND_JSON;
      if (field_is_uuid (field))
        return TW_VALUE_KIND_UUID;
      if (field->charsetnr == BINARY_CHARSET && (field->flags & (ENUM_FLAG | SET_FLAG)) == 0)
        return TW_VALUE_KIND_BLOB;
      return TW_VALUE_KIND_TEXT;
    }
}

static TwValue *
value_from_integer (TwValueKind kind,
                    gint64      i,
                    gboolean    is_unsigned)
{
  if (is_unsigned && i < 0)
    {
      /* An unsigned BIGINT beyond gint64 reads as an exact decimal. */
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) i);

      return tw_value_new_numeric (text);
    }

  if (kind == TW_VALUE_KIND_BOOLEAN && (i == 0 || i == 1))
    return tw_value_new_boolean (i == 1);

  return tw_value_new_int64 (i);
}

static TwValue *
value_from_bits (const guchar *data,
                 gsize         length)
{
  guint64 bits = 0;

  for (gsize i = 0; i < length && i < 8; i++)
    bits = bits << 8 | data[i];

  return tw_value_new_int64 ((gint64) bits);
}

/* A string, decimal or blob column's bytes as a value of @kind. */
static TwValue *
value_from_bytes (TwValueKind  kind,
                  const char  *data,
                  gsize        length)
{
  g_autofree char *text = NULL;

  if (kind == TW_VALUE_KIND_BLOB || !g_utf8_validate_len (data, length, NULL))
    return tw_value_new_blob_take (g_memdup2 (data, length), length);

  text = g_strndup (data, length);
  switch (kind)
    {
    case TW_VALUE_KIND_NUMERIC:
      return tw_value_new_numeric (text);
    case TW_VALUE_KIND_JSON:
      return tw_value_new_json (text);
    case TW_VALUE_KIND_UUID:
      return tw_value_new_uuid (text);
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
      {
        TwValue *value = tw_value_new_from_string (kind, text, NULL);

        if (value != NULL)
          return value;
        return kind == TW_VALUE_KIND_DATE ? tw_value_new_date (text) :
               kind == TW_VALUE_KIND_TIME ? tw_value_new_time (text) :
                                            tw_value_new_datetime (text);
      }
    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_BLOB:
    default:
      return tw_value_new_text (text);
    }
}

static TwValue *
value_from_time (TwValueKind       kind,
                 const MYSQL_TIME *t)
{
  TwDateTimeParts parts = { 0, };

  parts.year = (int) t->year;
  parts.month = (int) t->month;
  parts.day = (int) t->day;
  parts.hour = (int) t->hour;
  parts.minute = (int) t->minute;
  parts.second = (int) t->second;
  parts.microsecond = (int) t->second_part;
  parts.negative = t->neg != 0;

  /* A TIME past a day counts the days as hours. */
  if (kind == TW_VALUE_KIND_TIME)
    {
      parts.hour += 24 * parts.day;
      parts.year = parts.month = parts.day = 0;
    }

  return tw_value_new_from_parts (kind, &parts);
}

static void
column_setup (Column      *column,
              MYSQL_FIELD *field,
              MYSQL_BIND  *bind)
{
  memset (bind, 0, sizeof *bind);
  column->kind = kind_for_field (field);
  column->field_type = (int) field->type;
  column->is_unsigned = (field->flags & UNSIGNED_FLAG) != 0;
  bind->is_null = &column->is_null;
  bind->error = &column->error;
  bind->length = &column->length;

  switch ((int) field->type)
    {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      bind->buffer_type = MYSQL_TYPE_LONGLONG;
      bind->buffer = &column->n.i;
      bind->is_unsigned = column->is_unsigned;
      break;
    case MYSQL_TYPE_FLOAT:
      bind->buffer_type = MYSQL_TYPE_FLOAT;
      bind->buffer = &column->n.f;
      break;
    case MYSQL_TYPE_DOUBLE:
      bind->buffer_type = MYSQL_TYPE_DOUBLE;
      bind->buffer = &column->n.d;
      break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      bind->buffer_type = field->type == MYSQL_TYPE_NEWDATE ? MYSQL_TYPE_DATE : field->type;
      bind->buffer = &column->n.t;
      bind->buffer_length = sizeof column->n.t;
      break;
    case MYSQL_TYPE_NULL:
      bind->buffer_type = MYSQL_TYPE_NULL;
      break;
    default:
      column->in_buffer = TRUE;
      column->buffer_size = INITIAL_BUFFER_SIZE;
      column->buffer = g_malloc (column->buffer_size);
      bind->buffer_type = MYSQL_TYPE_BLOB;
      bind->buffer = column->buffer;
      bind->buffer_length = column->buffer_size;
      break;
    }
}

static TwValue *
column_value (Column *column)
{
  if (column->is_null || column->kind == TW_VALUE_KIND_NULL)
    return tw_value_new_null ();

  switch (column->field_type)
    {
    case MYSQL_TYPE_FLOAT:
      return tw_value_new_double (float_to_double (column->n.f));
    case MYSQL_TYPE_DOUBLE:
      return tw_value_new_double (column->n.d);
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      return value_from_time (column->kind, &column->n.t);
    case MYSQL_TYPE_BIT:
      return value_from_bits ((const guchar *) column->buffer, column->length);
    default:
      if (column->in_buffer)
        return value_from_bytes (column->kind, column->buffer, column->length);
      return value_from_integer (column->kind, column->n.i, column->is_unsigned);
    }
}

/* Fetches the rows of an executed statement into a result. */
static TwResult *
fetch_result (TwMysqlConnection  *self,
              MYSQL_STMT         *stmt,
              const char         *sql,
              GError            **error)
{
  unsigned int n_columns = mysql_stmt_field_count (stmt);
  g_autoptr(TwResult) result = tw_result_new (n_columns);
  MYSQL_RES *metadata;
  MYSQL_FIELD *fields;
  MYSQL_BIND *binds;
  Column *columns;
  TwValue **row;
  gboolean ok = TRUE;
  int rc;

  if (n_columns == 0)
    {
      my_ulonglong affected = mysql_stmt_affected_rows (stmt);

      tw_result_set_affected_rows (result, affected == (my_ulonglong) -1 ? -1 : (gint64) affected);
      tw_result_set_last_insert_id (result, (gint64) mysql_stmt_insert_id (stmt));
      return g_steal_pointer (&result);
    }

  metadata = mysql_stmt_result_metadata (stmt);
  if (metadata == NULL)
    {
      set_statement_error (stmt, sql, error);
      return NULL;
    }
  fields = mysql_fetch_fields (metadata);

  binds = g_new0 (MYSQL_BIND, n_columns);
  columns = g_new0 (Column, n_columns);
  row = g_new0 (TwValue *, n_columns);

  for (unsigned int i = 0; i < n_columns; i++)
    {
      column_setup (&columns[i], &fields[i], &binds[i]);
      tw_result_set_column (result, i, fields[i].name, columns[i].kind);
    }

  if (mysql_stmt_bind_result (stmt, binds) != 0)
    {
      set_statement_error (stmt, sql, error);
      ok = FALSE;
    }

  while (ok && ((rc = mysql_stmt_fetch (stmt)) == 0 || rc == MYSQL_DATA_TRUNCATED))
    {
      gboolean rebind = FALSE;

      /* Strings longer than their buffer: grow it, fetch the column again. */
      for (unsigned int i = 0; i < n_columns; i++)
        {
          Column *column = &columns[i];

          if (!column->in_buffer || column->is_null || column->length <= column->buffer_size)
            continue;

          column->buffer_size = column->length;
          column->buffer = g_realloc (column->buffer, column->buffer_size);
          binds[i].buffer = column->buffer;
          binds[i].buffer_length = column->buffer_size;
          rebind = TRUE;
          if (mysql_stmt_fetch_column (stmt, &binds[i], i, 0) != 0)
            {
              set_statement_error (stmt, sql, error);
              ok = FALSE;
              break;
            }
        }
      if (!ok)
        break;

      for (unsigned int i = 0; i < n_columns; i++)
        row[i] = column_value (&columns[i]);
      tw_result_add_row (result, row);

      if (rebind && mysql_stmt_bind_result (stmt, binds) != 0)
        {
          set_statement_error (stmt, sql, error);
          ok = FALSE;
        }
    }

  if (ok && rc != MYSQL_NO_DATA)
    {
      set_statement_error (stmt, sql, error);
      ok = FALSE;
    }

  /* INSERT, REPLACE and DELETE ... RETURNING changed the rows they return. */
  if (ok)
    {
      g_autofree char *keyword = _tw_sql_first_keyword (sql);

      if (g_str_equal (keyword, "INSERT") || g_str_equal (keyword, "REPLACE") ||
          g_str_equal (keyword, "DELETE"))
        {
          tw_result_set_affected_rows (result, tw_result_get_n_rows (result));
          tw_result_set_last_insert_id (result, (gint64) mysql_stmt_insert_id (stmt));
        }
    }

  mysql_stmt_free_result (stmt);
  mysql_free_result (metadata);
  for (unsigned int i = 0; i < n_columns; i++)
    g_free (columns[i].buffer);
  g_free (columns);
  g_free (binds);
  g_free (row);

  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}

static void
param_setup (Param         *param,
             MYSQL_BIND    *bind,
             const TwValue *value)
{
  TwDateTimeParts parts;

  memset (bind, 0, sizeof *bind);
  bind->length = &param->length;

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_NULL:
      bind->buffer_type = MYSQL_TYPE_NULL;
      return;
    case TW_VALUE_KIND_BOOLEAN:
      param->n.b = tw_value_get_boolean (value) ? 1 : 0;
      bind->buffer_type = MYSQL_TYPE_TINY;
      bind->buffer = &param->n.b;
      return;
    case TW_VALUE_KIND_INT64:
      param->n.i = tw_value_get_int64 (value);
      bind->buffer_type = MYSQL_TYPE_LONGLONG;
      bind->buffer = &param->n.i;
      return;
    case TW_VALUE_KIND_DOUBLE:
      param->n.d = tw_value_get_double (value);
      bind->buffer_type = MYSQL_TYPE_DOUBLE;
      bind->buffer = &param->n.d;
      return;
    case TW_VALUE_KIND_BLOB:
      {
        gsize length;

        bind->buffer_type = MYSQL_TYPE_BLOB;
        bind->buffer = (void *) g_bytes_get_data (tw_value_get_blob (value), &length);
        if (bind->buffer == NULL)
          bind->buffer = (void *) "";
        param->length = length;
        bind->buffer_length = length;
        return;
      }
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
      if (tw_value_get_parts (value, &parts))
        {
          MYSQL_TIME *t = &param->n.t;
          TwValueKind kind = tw_value_get_kind (value);

          /* The session is in UTC: a time with an offset goes in as UTC. */
          if (parts.has_offset && kind == TW_VALUE_KIND_DATETIME)
            {
              g_autoptr(GTimeZone) tz = g_time_zone_new_offset (parts.offset_seconds);
              g_autoptr(GDateTime) local = NULL;
              g_autoptr(GDateTime) utc = NULL;

              local = g_date_time_new (tz, parts.year, parts.month, parts.day,
                                       parts.hour, parts.minute, parts.second);
              utc = local != NULL ? g_date_time_to_utc (local) : NULL;
              if (utc != NULL)
                {
                  parts.year = g_date_time_get_year (utc);
                  parts.month = g_date_time_get_month (utc);
                  parts.day = g_date_time_get_day_of_month (utc);
                  parts.hour = g_date_time_get_hour (utc);
                  parts.minute = g_date_time_get_minute (utc);
                  parts.second = g_date_time_get_second (utc);
                }
            }
          else if (parts.has_offset && kind == TW_VALUE_KIND_TIME && !parts.negative)
            {
              int seconds = parts.hour * 3600 + parts.minute * 60 + parts.second - parts.offset_seconds;

              seconds = ((seconds % 86400) + 86400) % 86400;
              parts.hour = seconds / 3600;
              parts.minute = seconds / 60 % 60;
              parts.second = seconds % 60;
            }

          /* The protocol carries a long TIME as days and hours. */
          if (kind == TW_VALUE_KIND_TIME)
            {
              parts.day = parts.hour / 24;
              parts.hour %= 24;
            }

          memset (t, 0, sizeof *t);
          t->year = (unsigned int) parts.year;
          t->month = (unsigned int) parts.month;
          t->day = (unsigned int) parts.day;
          t->hour = (unsigned int) parts.hour;
          t->minute = (unsigned int) parts.minute;
          t->second = (unsigned int) parts.second;
          t->second_part = (unsigned long) parts.microsecond;
          t->neg = parts.negative;
          t->time_type = kind == TW_VALUE_KIND_DATE ? MYSQL_TIMESTAMP_DATE :
                         kind == TW_VALUE_KIND_TIME ? MYSQL_TIMESTAMP_TIME :
                                                      MYSQL_TIMESTAMP_DATETIME;
          bind->buffer_type = kind == TW_VALUE_KIND_DATE ? MYSQL_TYPE_DATE :
                              kind == TW_VALUE_KIND_TIME ? MYSQL_TYPE_TIME :
                                                           MYSQL_TYPE_DATETIME;
          bind->buffer = t;
          bind->buffer_length = sizeof *t;
          return;
        }
      /* Text outside the canonical form goes as text, for the server to
       * judge. */
      G_GNUC_FALLTHROUGH;
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      bind->buffer_type = tw_value_get_kind (value) == TW_VALUE_KIND_NUMERIC
                          ? MYSQL_TYPE_NEWDECIMAL : MYSQL_TYPE_STRING;
      bind->buffer = (void *) tw_value_get_text (value);
      param->length = strlen (tw_value_get_text (value));
      bind->buffer_length = param->length;
      return;
    }
}

static TwResult *
run_statement (TwMysqlConnection  *self,
               MYSQL_STMT         *stmt,
               const char         *sql,
               TwValue * const    *values,
               guint               n_values,
               GError            **error)
{
  unsigned long expected = mysql_stmt_param_count (stmt);
  g_autofree MYSQL_BIND *binds = NULL;
  g_autofree Param *params = NULL;
  TwResult *result;

  if (expected != n_values)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                   _("The statement has %lu parameters, but %u values were given, "
                     "in statement: %s"), expected, n_values, sql);
      return NULL;
    }

  if (n_values > 0)
    {
      binds = g_new0 (MYSQL_BIND, n_values);
      params = g_new0 (Param, n_values);
      for (guint i = 0; i < n_values; i++)
        param_setup (&params[i], &binds[i], values[i]);

      if (mysql_stmt_bind_param (stmt, binds) != 0)
        {
          set_statement_error (stmt, sql, error);
          return NULL;
        }
    }

  if (mysql_stmt_execute (stmt) != 0)
    {
      set_statement_error (stmt, sql, error);
      return NULL;
    }

  result = fetch_result (self, stmt, sql, error);

  /* Drop any further result sets (of a CALL). */
  while (mysql_stmt_more_results (stmt) && mysql_stmt_next_result (stmt) == 0)
    mysql_stmt_free_result (stmt);

  return result;
}

/* Fallback for the few statements the server cannot prepare: the text
 * protocol, with every value as text. */
static TwResult *
run_text_query (TwMysqlConnection  *self,
                const char         *sql,
                GError            **error)
{
  g_autoptr(TwResult) result = NULL;
  MYSQL_RES *res;
  MYSQL_ROW mysql_row;

  if (mysql_real_query (self->mysql, sql, strlen (sql)) != 0)
    {
      set_connection_error (self, sql, error);
      return NULL;
    }

  res = mysql_store_result (self->mysql);
  if (res == NULL)
    {
      my_ulonglong affected;

      if (mysql_field_count (self->mysql) != 0)
        {
          set_connection_error (self, sql, error);
          return NULL;
        }
      result = tw_result_new (0);
      affected = mysql_affected_rows (self->mysql);
      tw_result_set_affected_rows (result, affected == (my_ulonglong) -1 ? -1 : (gint64) affected);
      tw_result_set_last_insert_id (result, (gint64) mysql_insert_id (self->mysql));
    }
  else
    {
      unsigned int n_columns = mysql_num_fields (res);
      MYSQL_FIELD *fields = mysql_fetch_fields (res);
      g_autofree TwValueKind *kinds = g_new0 (TwValueKind, MAX (n_columns, 1));
      g_autofree TwValue **row = g_new0 (TwValue *, MAX (n_columns, 1));

      result = tw_result_new (n_columns);
      for (unsigned int i = 0; i < n_columns; i++)
        {
          kinds[i] = kind_for_field (&fields[i]);
          tw_result_set_column (result, i, fields[i].name, kinds[i]);
        }

      while ((mysql_row = mysql_fetch_row (res)) != NULL)
        {
          unsigned long *lengths = mysql_fetch_lengths (res);

          for (unsigned int i = 0; i < n_columns; i++)
            {
              const char *data = mysql_row[i];

              if (data == NULL)
                row[i] = tw_value_new_null ();
              else if (fields[i].type == MYSQL_TYPE_BIT)
                row[i] = value_from_bits ((const guchar *) data, lengths[i]);
              else if (kinds[i] == TW_VALUE_KIND_INT64 || kinds[i] == TW_VALUE_KIND_BOOLEAN)
                {
                  if ((fields[i].flags & UNSIGNED_FLAG) != 0)
                    row[i] = value_from_integer (kinds[i], (gint64) g_ascii_strtoull (data, NULL, 10), TRUE);
                  else
                    row[i] = value_from_integer (kinds[i], g_ascii_strtoll (data, NULL, 10), FALSE);
                }
              else if (kinds[i] == TW_VALUE_KIND_DOUBLE)
                row[i] = tw_value_new_double (g_ascii_strtod (data, NULL));
              else
                row[i] = value_from_bytes (kinds[i], data, lengths[i]);
            }
          tw_result_add_row (result, row);
        }
      mysql_free_result (res);
    }

  /* Drop any further result sets. */
  while (mysql_more_results (self->mysql) && mysql_next_result (self->mysql) == 0)
    {
      res = mysql_store_result (self->mysql);
      if (res != NULL)
        mysql_free_result (res);
    }

  return g_steal_pointer (&result);
}

/* TwConnection */

static TwResult *
tw_mysql_connection_execute (TwConnection     *connection,
                             const char       *sql,
                             TwValue * const  *values,
                             guint             n_values,
                             GError          **error)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  MYSQL_STMT *stmt;
  TwResult *result;

  stmt = mysql_stmt_init (self->mysql);
  if (stmt == NULL)
    {
      set_connection_error (self, sql, error);
      return NULL;
    }

  if (mysql_stmt_prepare (stmt, sql, strlen (sql)) != 0)
    {
      if (mysql_stmt_errno (stmt) == ER_UNSUPPORTED_PS && n_values == 0)
        {
          mysql_stmt_close (stmt);
          return run_text_query (self, sql, error);
        }
      set_statement_error (stmt, sql, error);
      mysql_stmt_close (stmt);
      return NULL;
    }

  result = run_statement (self, stmt, sql, values, n_values, error);
  mysql_stmt_close (stmt);
  return result;
}

static gboolean
tw_mysql_connection_execute_script (TwConnection  *connection,
                                    const char    *sql,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  guint index = 1;
  gboolean ok = TRUE;
  int status;

  /* The server splits the script itself, trigger bodies and all; multiple
   * statements are allowed just for this call. */
  if (mysql_set_server_option (self->mysql, MYSQL_OPTION_MULTI_STATEMENTS_ON) != 0)
    {
      set_connection_error (self, NULL, error);
      return FALSE;
    }

  status = mysql_real_query (self->mysql, sql, strlen (sql));
  for (;;)
    {
      MYSQL_RES *res;

      if (status > 0)
        {
          set_connection_error (self, sql, error);
          g_prefix_error (error, _("Statement %u of the script failed: "), index);
          ok = FALSE;
          break;
        }

      res = mysql_store_result (self->mysql);
      if (res != NULL)
        mysql_free_result (res);
      else if (mysql_field_count (self->mysql) != 0)
        {
          set_connection_error (self, sql, error);
          ok = FALSE;
          break;
        }

      status = mysql_next_result (self->mysql);
      if (status == -1)
        break;
      index++;
    }

  if (mysql_set_server_option (self->mysql, MYSQL_OPTION_MULTI_STATEMENTS_OFF) != 0 && ok)
    {
      set_connection_error (self, NULL, error);
      ok = FALSE;
    }

  return ok;
}

static gpointer
tw_mysql_connection_prepare (TwConnection  *connection,
                             const char    *sql,
                             guint         *n_params,
                             GError       **error)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  MYSQL_STMT *stmt;

  stmt = mysql_stmt_init (self->mysql);
  if (stmt == NULL)
    {
      set_connection_error (self, sql, error);
      return NULL;
    }

  if (mysql_stmt_prepare (stmt, sql, strlen (sql)) != 0)
    {
      set_statement_error (stmt, sql, error);
      mysql_stmt_close (stmt);
      return NULL;
    }

  *n_params = mysql_stmt_param_count (stmt);
  return stmt;
}

static TwResult *
tw_mysql_connection_execute_prepared (TwConnection     *connection,
                                      gpointer          prepared,
                                      const char       *sql,
                                      TwValue * const  *values,
                                      guint             n_values,
                                      GError          **error)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;

  return run_statement (self, prepared, sql, values, n_values, error);
}

static void
tw_mysql_connection_free_prepared (TwConnection *connection,
                                   gpointer      prepared,
                                   gboolean      on_server)
{
  /* A statement of a closed session was detached from it by mysql_close();
   * closing it then only frees its memory. */
  mysql_stmt_close (prepared);
}

static void
tw_mysql_connection_cancel (TwConnection *connection)
{
  TwMysqlConnection *self = (TwMysqlConnection *) connection;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  MYSQL *killer;

  mysql_thread_init ();

  /* The protocol has no cancel request: a second session kills the query. */
  killer = open_handle (connection, &error);
  if (killer == NULL)
    g_debug ("Could not cancel the query: %s", error->message);
  else
    {
      sql = g_strdup_printf ("KILL QUERY %lu", self->thread_id);
      if (mysql_real_query (killer, sql, strlen (sql)) != 0)
        g_debug ("Could not cancel the query on %s: %s",
                 _tw_connection_get_display_url (connection), mysql_error (killer));
      mysql_close (killer);
    }

  mysql_thread_end ();
}

/* GObject */

static void
tw_mysql_connection_finalize (GObject *object)
{
  TwMysqlConnection *self = (TwMysqlConnection *) object;

  g_assert (self->mysql == NULL);

  G_OBJECT_CLASS (tw_mysql_connection_parent_class)->finalize (object);
}

static void
tw_mysql_connection_class_init (TwMysqlConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TwConnectionClass *connection_class = TW_CONNECTION_CLASS (klass);

  object_class->finalize = tw_mysql_connection_finalize;

  connection_class->connect = tw_mysql_connection_connect;
  connection_class->disconnect = tw_mysql_connection_disconnect;
  connection_class->is_alive = tw_mysql_connection_is_alive;
  connection_class->in_transaction = tw_mysql_connection_in_transaction;
  connection_class->get_server_version = tw_mysql_connection_get_server_version;
  connection_class->execute = tw_mysql_connection_execute;
  connection_class->execute_script = tw_mysql_connection_execute_script;
  connection_class->prepare = tw_mysql_connection_prepare;
  connection_class->execute_prepared = tw_mysql_connection_execute_prepared;
  connection_class->free_prepared = tw_mysql_connection_free_prepared;
  connection_class->cancel = tw_mysql_connection_cancel;
}

static void
tw_mysql_connection_init (TwMysqlConnection *self)
{
}
