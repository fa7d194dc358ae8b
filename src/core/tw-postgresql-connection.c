/* tw-postgresql-connection.c: the PostgreSQL (libpq) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-postgresql-connection"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "tw-connection-private.h"
#include "tw-postgresql-connection.h"

/* Seconds to wait for a server, unless the URL says ?connect_timeout=N
 * (where 0 means forever, as for libpq). */
#define DEFAULT_CONNECT_TIMEOUT 30

/* Type OIDs of pg_type, which never change. */
#define BOOLOID        16
#define BYTEAOID       17
#define CHAROID        18
#define NAMEOID        19
#define INT8OID        20
#define INT2OID        21
#define INT4OID        23
#define TEXTOID        25
#define OIDOID         26
#define JSONOID        114
#define FLOAT4OID      700
#define FLOAT8OID      701
#define BPCHAROID      1042
#define VARCHAROID     1043
#define DATEOID        1082
#define TIMEOID        1083
#define TIMESTAMPOID   1114
#define TIMESTAMPTZOID 1184
#define TIMETZOID      1266
#define NUMERICOID     1700
#define UUIDOID        2950
#define JSONBOID       3802

struct _TwPostgresqlConnection
{
  TwConnection  parent_instance;

  PGconn       *conn;
  /* Made at connect time: PQcancel() is safe from any thread. */
  PGcancel     *cancel;
  guint         n_prepared;
  /* Set when the server said it ends the session (a FATAL notice). */
  gboolean      server_ended;
};

typedef struct
{
  char *name;
  guint n_params;
} Prepared;

/* Parameters as libpq takes them: text, except blobs in binary. */
typedef struct
{
  guint        n;
  Oid         *types;
  const char **values;
  int         *lengths;
  int         *formats;
  GPtrArray   *strings;
} Params;

G_DEFINE_FINAL_TYPE (TwPostgresqlConnection, tw_postgresql_connection, TW_TYPE_CONNECTION)

/* Errors */

static TwDbError
classify_sqlstate (const char       *sqlstate,
                   TwDbErrorDetails *details)
{
  static const char * const undefined[] = {
    "42P01", "42703", "42883", "42704", "42P02", "3F000", "42P18",
  };
  static const char * const duplicate[] = {
    "42P07", "42701", "42710", "42P06", "42P04", "42723", "42712", "42P03", "42P05",
  };

  if (sqlstate == NULL || strlen (sqlstate) != 5)
    return TW_DB_ERROR_FAILED;

  if (g_str_has_prefix (sqlstate, "23"))
    {
      if (g_str_equal (sqlstate, "23505"))
        details->constraint_kind = TW_DB_CONSTRAINT_KIND_UNIQUE;
      else if (g_str_equal (sqlstate, "23503") || g_str_equal (sqlstate, "23001"))
        details->constraint_kind = TW_DB_CONSTRAINT_KIND_FOREIGN_KEY;
      else if (g_str_equal (sqlstate, "23514"))
        details->constraint_kind = TW_DB_CONSTRAINT_KIND_CHECK;
      else if (g_str_equal (sqlstate, "23502"))
        details->constraint_kind = TW_DB_CONSTRAINT_KIND_NOT_NULL;
      else
        details->constraint_kind = TW_DB_CONSTRAINT_KIND_OTHER;
      return TW_DB_ERROR_CONSTRAINT;
    }

  for (guint i = 0; i < G_N_ELEMENTS (undefined); i++)
    if (g_str_equal (sqlstate, undefined[i]))
      return TW_DB_ERROR_UNDEFINED_OBJECT;
  for (guint i = 0; i < G_N_ELEMENTS (duplicate); i++)
    if (g_str_equal (sqlstate, duplicate[i]))
      return TW_DB_ERROR_DUPLICATE_OBJECT;

  if (g_str_equal (sqlstate, "42501"))
    return TW_DB_ERROR_PERMISSION_DENIED;
  if (g_str_equal (sqlstate, "42804"))
    return TW_DB_ERROR_DATA;
  if (g_str_has_prefix (sqlstate, "42"))
    return TW_DB_ERROR_SYNTAX;
  if (g_str_has_prefix (sqlstate, "22"))
    return TW_DB_ERROR_DATA;
  if (g_str_equal (sqlstate, "25006"))
    return TW_DB_ERROR_READ_ONLY;
  if (g_str_equal (sqlstate, "40002"))
    {
      details->constraint_kind = TW_DB_CONSTRAINT_KIND_OTHER;
      return TW_DB_ERROR_CONSTRAINT;
    }
  if (g_str_has_prefix (sqlstate, "40"))
    return TW_DB_ERROR_SERIALIZATION;
  /* 57014 is also a cancel, which the base class reports as such. */
  if (g_str_equal (sqlstate, "57014") || g_str_equal (sqlstate, "55P03"))
    return TW_DB_ERROR_TIMEOUT;
  /* Whether the connection really is gone, PQstatus() tells; a protocol
   * violation (08P01, e.g. a wrong number of parameters) leaves it up. */
  if (g_str_equal (sqlstate, "08P01"))
    return TW_DB_ERROR_FAILED;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P"))
    return TW_DB_ERROR_CONNECTION_LOST;
  if (g_str_equal (sqlstate, "3D000"))
    return TW_DB_ERROR_UNKNOWN_DATABASE;
  if (g_str_has_prefix (sqlstate, "28"))
    return TW_DB_ERROR_AUTHENTICATION_FAILED;

  return TW_DB_ERROR_FAILED;
}

static char *
dup_field (const PGresult *res,
           int             field)
{
  const char *value = res != NULL ? PQresultErrorField (res, field) : NULL;

  return g_strdup (value);
}

/* Sets @error from a failed @res (which may be NULL) of @statement. */
static void
set_error (TwPostgresqlConnection  *self,
           const PGresult          *res,
           const char              *statement,
           GError                 **error)
{
  TwDbErrorDetails *details = tw_db_error_details_new ();
  g_autofree char *position = NULL;
  TwDbError code;

  details->dialect = TW_DIALECT_KIND_POSTGRESQL;
  details->sqlstate = dup_field (res, PG_DIAG_SQLSTATE);
  details->server_message = dup_field (res, PG_DIAG_MESSAGE_PRIMARY);
  if (details->server_message == NULL)
    details->server_message = _tw_squash_message (res != NULL ? PQresultErrorMessage (res)
                                                              : PQerrorMessage (self->conn));
  if (details->server_message[0] == '\0')
    {
      g_free (details->server_message);
      details->server_message = _tw_squash_message (PQerrorMessage (self->conn));
    }
  details->detail = dup_field (res, PG_DIAG_MESSAGE_DETAIL);
  details->hint = dup_field (res, PG_DIAG_MESSAGE_HINT);
  details->schema_name = dup_field (res, PG_DIAG_SCHEMA_NAME);
  details->table_name = dup_field (res, PG_DIAG_TABLE_NAME);
  details->column_name = dup_field (res, PG_DIAG_COLUMN_NAME);
  details->constraint_name = dup_field (res, PG_DIAG_CONSTRAINT_NAME);
  details->statement = g_strdup (statement);
  position = dup_field (res, PG_DIAG_STATEMENT_POSITION);
  if (position != NULL)
    details->position = (guint) g_ascii_strtoull (position, NULL, 10);

  code = classify_sqlstate (details->sqlstate, details);
  if (PQstatus (self->conn) == CONNECTION_BAD)
    code = TW_DB_ERROR_CONNECTION_LOST;

  tw_db_error_set_from_details (error, code, NULL, details);
}

/* Values */

static TwValueKind
kind_for_type (Oid type)
{
  switch (type)
    {
    case BOOLOID:
      return TW_VALUE_KIND_BOOLEAN;
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
      return TW_VALUE_KIND_INT64;
    case FLOAT4OID:
    case FLOAT8OID:
      return TW_VALUE_KIND_DOUBLE;
    case NUMERICOID:
      return TW_VALUE_KIND_NUMERIC;
    case BYTEAOID:
      return TW_VALUE_KIND_BLOB;
    case DATEOID:
      return TW_VALUE_KIND_DATE;
    case TIMEOID:
    case TIMETZOID:
      return TW_VALUE_KIND_TIME;
    case TIMESTAMPOID:
    case TIMESTAMPTZOID:
      return TW_VALUE_KIND_DATETIME;
    case JSONOID:
    case JSONBOID:
      return TW_VALUE_KIND_JSON;
    case UUIDOID:
      return TW_VALUE_KIND_UUID;
    case CHAROID:
    case NAMEOID:
    case TEXTOID:
    case BPCHAROID:
    case VARCHAROID:
    default:
      /* Enums, arrays, intervals and the rest read as their text. */
      return TW_VALUE_KIND_TEXT;
    }
}

static TwValue *
decode_bytea (const char *text,
              int         length)
{
  guint8 *data;
  gsize n;

  /* bytea_output is set to hex at connect time. */
  if (length >= 2 && text[0] == '\\' && text[1] == 'x' && length % 2 == 0)
    {
      n = (length - 2) / 2;
      data = g_malloc (MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        {
          int hi = g_ascii_xdigit_value (text[2 + 2 * i]);
          int lo = g_ascii_xdigit_value (text[3 + 2 * i]);

          if (hi < 0 || lo < 0)
            {
              g_free (data);
              goto unescape;
            }
          data[i] = (guint8) (hi << 4 | lo);
        }
      return tw_value_new_blob_take (data, n);
    }

unescape:
  {
    size_t unescaped_length = 0;
    unsigned char *unescaped = PQunescapeBytea ((const unsigned char *) text, &unescaped_length);

    data = g_memdup2 (unescaped, unescaped_length);
    PQfreemem (unescaped);
    return tw_value_new_blob_take (data, unescaped_length);
  }
}

static TwValue *
read_value (const PGresult *res,
            int             row,
            int             column)
{
  const char *text;
  int length;
  TwValueKind kind;
  TwValue *value;

  if (PQgetisnull (res, row, column))
    return tw_value_new_null ();

  text = PQgetvalue (res, row, column);
  length = PQgetlength (res, row, column);
  kind = kind_for_type (PQftype (res, column));

  switch (kind)
    {
    case TW_VALUE_KIND_BOOLEAN:
      return tw_value_new_boolean (text[0] == 't');
    case TW_VALUE_KIND_INT64:
      return tw_value_new_int64 (g_ascii_strtoll (text, NULL, 10));
    case TW_VALUE_KIND_DOUBLE:
      return tw_value_new_double (g_ascii_strtod (text, NULL));
    case TW_VALUE_KIND_NUMERIC:
      return tw_value_new_numeric (text);
    case TW_VALUE_KIND_BLOB:
      return decode_bytea (text, length);
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
      /* Into canonical form ("+02" becomes "+02:00", ".5" ".500000"); text
       * outside it, like "infinity" or a BC date, stays as it is. */
      value = tw_value_new_from_string (kind, text, NULL);
      if (value != NULL)
        return value;
      return kind == TW_VALUE_KIND_DATE ? tw_value_new_date (text) :
             kind == TW_VALUE_KIND_TIME ? tw_value_new_time (text) :
                                          tw_value_new_datetime (text);
    case TW_VALUE_KIND_UUID:
      return tw_value_new_uuid (text);
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NULL:
    default:
      /* A SQL_ASCII database hands out its bytes unchecked. */
      if (!g_utf8_validate_len (text, length, NULL))
        return tw_value_new_blob_take (g_memdup2 (text, length), length);
      if (kind == TW_VALUE_KIND_JSON)
        return tw_value_new_json (text);
      return tw_value_new_text_len (text, length);
    }
}

/* Turns a successful @res into a TwResult. */
static TwResult *
make_result (PGresult *res)
{
  int n_columns = PQnfields (res);
  int n_rows = PQntuples (res);
  TwResult *result = tw_result_new (n_columns);
  g_autofree TwValue **row = g_new0 (TwValue *, MAX (n_columns, 1));
  const char *tuples = PQcmdTuples (res);

  for (int i = 0; i < n_columns; i++)
    tw_result_set_column (result, i, PQfname (res, i), kind_for_type (PQftype (res, i)));

  for (int r = 0; r < n_rows; r++)
    {
      for (int c = 0; c < n_columns; c++)
        row[c] = read_value (res, r, c);
      tw_result_add_row (result, row);
    }

  /* A query says "SELECT n", but its count is of rows returned. */
  if (tuples != NULL && *tuples != '\0' && !g_str_has_prefix (PQcmdStatus (res), "SELECT"))
    tw_result_set_affected_rows (result, g_ascii_strtoll (tuples, NULL, 10));

  return result;
}

/* Takes @res. */
static TwResult *
finish_result (TwPostgresqlConnection  *self,
               PGresult                *res,
               const char              *sql,
               GError                 **error)
{
  TwResult *result = NULL;

  switch (res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR)
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      result = make_result (res);
      break;

    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      {
        PGresult *rest;
        char *buffer = NULL;

        /* Read a copy out to its end, or end a copy in with an error, so
         * that the connection is ready for the next call. */
        if (PQresultStatus (res) == PGRES_COPY_OUT)
          {
            while (PQgetCopyData (self->conn, &buffer, 0) > 0)
              g_clear_pointer (&buffer, PQfreemem);
          }
        else
          PQputCopyEnd (self->conn, "COPY is not supported here");
        while ((rest = PQgetResult (self->conn)) != NULL)
          PQclear (rest);
        g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                     _("COPY cannot run through Tablewright’s connection, in statement: %s"),
                     sql);
      }
      break;

    case PGRES_BAD_RESPONSE:
    case PGRES_NONFATAL_ERROR:
    case PGRES_FATAL_ERROR:
    case PGRES_SINGLE_TUPLE:
    case PGRES_PIPELINE_SYNC:
    case PGRES_PIPELINE_ABORTED:
    default:
      set_error (self, res, sql, error);
      break;
    }

  g_clear_pointer (&res, PQclear);
  return result;
}

static void
params_init (Params          *params,
             TwValue * const *values,
             guint            n)
{
  params->n = n;
  params->types = g_new0 (Oid, MAX (n, 1));
  params->values = g_new0 (const char *, MAX (n, 1));
  params->lengths = g_new0 (int, MAX (n, 1));
  params->formats = g_new0 (int, MAX (n, 1));
  params->strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const TwValue *value = values[i];
      TwDateTimeParts parts;
      char *text = NULL;

      /* Text, jsons and UUIDs go untyped, so that the server takes them for
       * whatever the column is (an enum, json or jsonb, uuid...). */
      switch (tw_value_get_kind (value))
        {
        case TW_VALUE_KIND_NULL:
          break;
        case TW_VALUE_KIND_BOOLEAN:
          params->types[i] = BOOLOID;
          params->values[i] = tw_value_get_boolean (value) ? "t" : "f";
          break;
        case TW_VALUE_KIND_INT64:
          params->types[i] = INT8OID;
          text = g_strdup_printf ("%" G_GINT64_FORMAT, tw_value_get_int64 (value));
          break;
        case TW_VALUE_KIND_DOUBLE:
          params->types[i] = FLOAT8OID;
          text = tw_value_format_double (tw_value_get_double (value));
          break;
        case TW_VALUE_KIND_NUMERIC:
          params->types[i] = NUMERICOID;
          params->values[i] = tw_value_get_text (value);
          break;
        case TW_VALUE_KIND_DATE:
          params->types[i] = DATEOID;
          params->values[i] = tw_value_get_text (value);
          break;
        case TW_VALUE_KIND_TIME:
          if (tw_value_get_parts (value, &parts))
            params->types[i] = parts.has_offset ? TIMETZOID : TIMEOID;
          params->values[i] = tw_value_get_text (value);
          break;
        case TW_VALUE_KIND_DATETIME:
          if (tw_value_get_parts (value, &parts))
            params->types[i] = parts.has_offset ? TIMESTAMPTZOID : TIMESTAMPOID;
          params->values[i] = tw_value_get_text (value);
          break;
        case TW_VALUE_KIND_BLOB:
          {
            gsize length;

            params->types[i] = BYTEAOID;
            params->values[i] = g_bytes_get_data (tw_value_get_blob (value), &length);
            params->lengths[i] = (int) length;
            params->formats[i] = 1;
            /* Zero bytes still are a value, not NULL. */
            if (params->values[i] == NULL)
              params->values[i] = "";
          }
          break;
        case TW_VALUE_KIND_TEXT:
        case TW_VALUE_KIND_JSON:
        case TW_VALUE_KIND_UUID:
          params->values[i] = tw_value_get_text (value);
          break;
        default:
          g_assert_not_reached ();
        }

      if (text != NULL)
        {
          params->values[i] = text;
          g_ptr_array_add (params->strings, text);
        }
    }
}

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->types, g_free);
  g_clear_pointer (&params->values, g_free);
  g_clear_pointer (&params->lengths, g_free);
  g_clear_pointer (&params->formats, g_free);
  g_clear_pointer (&params->strings, g_ptr_array_unref);
}

/* Connecting */

/* Between calls, libpq hands the FATAL message of a server that ends the
 * session (pg_terminate_backend, shutdown) to the notice receiver. */
static void
notice_cb (void           *arg,
           const PGresult *res)
{
  TwPostgresqlConnection *self = arg;
  const char *severity = PQresultErrorField (res, PG_DIAG_SEVERITY_NONLOCALIZED);

  g_autofree char *message = _tw_squash_message (PQresultErrorMessage (res));

  if (g_strcmp0 (severity, "FATAL") == 0 || g_strcmp0 (severity, "PANIC") == 0)
    self->server_ended = TRUE;
  g_debug ("PostgreSQL notice: %s", message);
}

/* Only the message tells why libpq could not connect. The server's words
 * are in English unless its lc_messages says otherwise; anything else is a
 * failure to connect. */
static TwDbError
classify_connect_failure (const char *message)
{
  if (strstr (message, "password authentication failed") != NULL ||
      strstr (message, "no password supplied") != NULL ||
      strstr (message, "authentication failed") != NULL ||
      strstr (message, "pg_hba.conf") != NULL ||
      (strstr (message, "role \"") != NULL && strstr (message, "does not exist") != NULL))
    return TW_DB_ERROR_AUTHENTICATION_FAILED;

  if (strstr (message, "database \"") != NULL && strstr (message, "does not exist") != NULL)
    return TW_DB_ERROR_UNKNOWN_DATABASE;

  if (strstr (message, "timeout expired") != NULL)
    return TW_DB_ERROR_TIMEOUT;

  return TW_DB_ERROR_CONNECTION_FAILED;
}

static void
set_connect_error (TwPostgresqlConnection  *self,
                   TwDbError                code,
                   const char              *message,
                   GError                 **error)
{
  TwDbErrorDetails *details = tw_db_error_details_new ();
  g_autofree char *what = NULL;

  details->dialect = TW_DIALECT_KIND_POSTGRESQL;
  details->server_message = g_strdup (message);
  what = g_strdup_printf (_("Could not connect to %s"),
                          _tw_connection_get_display_url (TW_CONNECTION (self)));
  tw_db_error_set_from_details (error, code, what, details);
}

/* Drives PQconnectPoll() so that the wait can be cancelled and timed. */
static gboolean
poll_connection (TwPostgresqlConnection  *self,
                 guint                    timeout_seconds,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  GPollFD fds[2];
  guint n_fds = 1;
  gboolean ok = FALSE;

  if (g_cancellable_make_pollfd (cancellable, &fds[1]))
    n_fds = 2;

  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      int timeout_ms = -1;
      int ret;

      if (timeout_seconds > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("No answer within %u seconds"), timeout_seconds);
              set_connect_error (self, TW_DB_ERROR_TIMEOUT, message, error);
              goto out;
            }
          timeout_ms = (int) MIN ((left + 999) / 1000, G_MAXINT);
        }

      fds[0].fd = PQsocket (self->conn);
      fds[0].events = status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT;
      fds[0].revents = 0;

      ret = g_poll (fds, n_fds, timeout_ms);
      if (ret < 0 && errno != EINTR)
        {
          set_connect_error (self, TW_DB_ERROR_CONNECTION_FAILED, g_strerror (errno), error);
          goto out;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (ret <= 0)
        continue;

      status = PQconnectPoll (self->conn);
    }

  if (status == PGRES_POLLING_FAILED)
    {
      g_autofree char *message = _tw_squash_message (PQerrorMessage (self->conn));

      set_connect_error (self, classify_connect_failure (message), message, error);
      goto out;
    }

  ok = TRUE;

out:
  if (n_fds == 2)
    g_cancellable_release_fd (cancellable);
  return ok;
}

static gboolean
tw_postgresql_connection_connect (TwConnection  *connection,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  TwUrl *url = tw_connection_get_url (connection);
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autofree char *port = NULL;
  const char *application_name = tw_url_get_query_param (url, "application_name");
  const char *timeout = tw_url_get_query_param (url, "connect_timeout");
  guint timeout_seconds = DEFAULT_CONNECT_TIMEOUT;
  PGresult *res;

  g_assert (self->conn == NULL);

#define ADD(keyword, value) \
  G_STMT_START { \
    if ((value) != NULL) \
      { \
        g_ptr_array_add (keywords, (gpointer) (keyword)); \
        g_ptr_array_add (values, (gpointer) (value)); \
      } \
  } G_STMT_END

  if (tw_url_get_port (url) != 0)
    port = g_strdup_printf ("%u", tw_url_get_port (url));
  if (timeout != NULL)
    timeout_seconds = (guint) g_ascii_strtoull (timeout, NULL, 10);

  ADD ("host", tw_url_get_host (url));
  ADD ("port", port);
  ADD ("user", tw_url_get_username (url));
  ADD ("password", tw_url_get_password (url));
  ADD ("dbname", tw_url_get_database (url));
  ADD ("sslmode", tw_url_get_query_param (url, "sslmode"));
  ADD ("application_name", application_name != NULL ? application_name : "Tablewright");
  ADD ("client_encoding", "UTF8");
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);

#undef ADD

  self->conn = PQconnectStartParams ((const char * const *) keywords->pdata,
                                     (const char * const *) values->pdata, 0);
  if (self->conn == NULL)
    {
      set_connect_error (self, TW_DB_ERROR_FAILED, g_strerror (ENOMEM), error);
      return FALSE;
    }

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      g_autofree char *message = _tw_squash_message (PQerrorMessage (self->conn));

      set_connect_error (self, classify_connect_failure (message), message, error);
      g_clear_pointer (&self->conn, PQfinish);
      return FALSE;
    }

  if (!poll_connection (self, timeout_seconds, cancellable, error))
    {
      g_clear_pointer (&self->conn, PQfinish);
      return FALSE;
    }

  self->server_ended = FALSE;
  PQsetNoticeReceiver (self->conn, notice_cb, self);

  /* UTC, so that timestamps with time zone round-trip exactly; hex bytea,
   * ISO dates, and floats in their shortest exact form (the default since
   * PostgreSQL 12). */
  res = PQexec (self->conn,
                PQserverVersion (self->conn) >= 120000
                ? "SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET DateStyle = 'ISO, YMD'"
                : "SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET DateStyle = 'ISO, YMD'; "
                  "SET extra_float_digits = 3");
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      set_error (self, res, NULL, error);
      g_prefix_error (error, _("Could not set up the session on %s: "),
                      _tw_connection_get_display_url (connection));
      PQclear (res);
      g_clear_pointer (&self->conn, PQfinish);
      return FALSE;
    }
  PQclear (res);

  self->cancel = PQgetCancel (self->conn);
  return TRUE;
}

/* TwConnection */

static void
tw_postgresql_connection_disconnect (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;

  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_clear_pointer (&self->conn, PQfinish);
}

static gboolean
tw_postgresql_connection_is_alive (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  PGnotify *notify;

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return FALSE;

  /* Reads, without blocking, what the server sent since the last call: a
   * server that ended the session has sent a FATAL error and closed the
   * socket. PQisBusy() parses what was read. */
  for (guint i = 0; i < 2; i++)
    {
      if (!PQconsumeInput (self->conn))
        return FALSE;
      PQisBusy (self->conn);
    }
  while ((notify = PQnotifies (self->conn)) != NULL)
    PQfreemem (notify);

  return !self->server_ended && PQstatus (self->conn) == CONNECTION_OK;
}

static gboolean
tw_postgresql_connection_in_transaction (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;

  if (self->conn == NULL)
    return FALSE;

  switch (PQtransactionStatus (self->conn))
    {
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
      return TRUE;
    case PQTRANS_ACTIVE:
    case PQTRANS_IDLE:
    case PQTRANS_UNKNOWN:
    default:
      return FALSE;
    }
}

static gboolean
tw_postgresql_connection_transaction_failed (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;

  return self->conn != NULL && PQtransactionStatus (self->conn) == PQTRANS_INERROR;
}

static char *
tw_postgresql_connection_get_server_version (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;

  return g_strdup (PQparameterStatus (self->conn, "server_version"));
}

static TwResult *
tw_postgresql_connection_execute (TwConnection     *connection,
                                  const char       *sql,
                                  TwValue * const  *values,
                                  guint             n_values,
                                  GError          **error)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  Params params;
  PGresult *res;

  params_init (&params, values, n_values);
  res = PQexecParams (self->conn, sql, (int) n_values,
                      params.types, params.values, params.lengths, params.formats, 0);
  params_clear (&params);

  return finish_result (self, res, sql, error);
}

static gboolean
tw_postgresql_connection_execute_script (TwConnection  *connection,
                                         const char    *sql,
                                         GCancellable  *cancellable,
                                         GError       **error)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  PGresult *res;

  /* The simple query protocol runs several statements, and stops at the
   * first that fails; the error's position is in the whole script. */
  res = PQexec (self->conn, sql);
  if (res == NULL ||
      (PQresultStatus (res) != PGRES_COMMAND_OK &&
       PQresultStatus (res) != PGRES_TUPLES_OK &&
       PQresultStatus (res) != PGRES_EMPTY_QUERY))
    {
      TwResult *result = finish_result (self, res, sql, error);

      g_assert (result == NULL);
      return FALSE;
    }

  PQclear (res);
  return TRUE;
}

static void
prepared_free (Prepared *prepared)
{
  g_free (prepared->name);
  g_free (prepared);
}

static gpointer
tw_postgresql_connection_prepare (TwConnection  *connection,
                                  const char    *sql,
                                  guint         *n_params,
                                  GError       **error)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  Prepared *prepared;
  PGresult *res;

  prepared = g_new0 (Prepared, 1);
  prepared->name = g_strdup_printf ("tw_statement_%u", ++self->n_prepared);

  /* The server infers the parameters' types from the statement. */
  res = PQprepare (self->conn, prepared->name, sql, 0, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      set_error (self, res, sql, error);
      PQclear (res);
      prepared_free (prepared);
      return NULL;
    }
  PQclear (res);

  res = PQdescribePrepared (self->conn, prepared->name);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      set_error (self, res, sql, error);
      PQclear (res);
      prepared_free (prepared);
      return NULL;
    }
  prepared->n_params = PQnparams (res);
  PQclear (res);

  *n_params = prepared->n_params;
  return prepared;
}

static TwResult *
tw_postgresql_connection_execute_prepared (TwConnection     *connection,
                                           gpointer          data,
                                           const char       *sql,
                                           TwValue * const  *values,
                                           guint             n_values,
                                           GError          **error)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  Prepared *prepared = data;
  Params params;
  PGresult *res;

  params_init (&params, values, n_values);
  res = PQexecPrepared (self->conn, prepared->name, (int) n_values,
                        params.values, params.lengths, params.formats, 0);
  params_clear (&params);

  return finish_result (self, res, sql, error);
}

static void
tw_postgresql_connection_free_prepared (TwConnection *connection,
                                        gpointer      data,
                                        gboolean      on_server)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  Prepared *prepared = data;

  if (on_server && self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE \"%s\"", prepared->name);

      /* In a failed transaction this fails too; the session ends the
       * statement at the latest. */
      PQclear (PQexec (self->conn, sql));
    }

  prepared_free (prepared);
}

static void
tw_postgresql_connection_cancel (TwConnection *connection)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) connection;
  char message[256];

  if (self->cancel != NULL && !PQcancel (self->cancel, message, sizeof message))
    g_debug ("Could not cancel the query on %s: %s",
             _tw_connection_get_display_url (connection), message);
}

/* GObject */

static void
tw_postgresql_connection_finalize (GObject *object)
{
  TwPostgresqlConnection *self = (TwPostgresqlConnection *) object;

  g_assert (self->conn == NULL);
  g_assert (self->cancel == NULL);

  G_OBJECT_CLASS (tw_postgresql_connection_parent_class)->finalize (object);
}

static void
tw_postgresql_connection_class_init (TwPostgresqlConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TwConnectionClass *connection_class = TW_CONNECTION_CLASS (klass);

  object_class->finalize = tw_postgresql_connection_finalize;

  connection_class->connect = tw_postgresql_connection_connect;
  connection_class->disconnect = tw_postgresql_connection_disconnect;
  connection_class->is_alive = tw_postgresql_connection_is_alive;
  connection_class->in_transaction = tw_postgresql_connection_in_transaction;
  connection_class->transaction_failed = tw_postgresql_connection_transaction_failed;
  connection_class->get_server_version = tw_postgresql_connection_get_server_version;
  connection_class->execute = tw_postgresql_connection_execute;
  connection_class->execute_script = tw_postgresql_connection_execute_script;
  connection_class->prepare = tw_postgresql_connection_prepare;
  connection_class->execute_prepared = tw_postgresql_connection_execute_prepared;
  connection_class->free_prepared = tw_postgresql_connection_free_prepared;
  connection_class->cancel = tw_postgresql_connection_cancel;
}

static void
tw_postgresql_connection_init (TwPostgresqlConnection *self)
{
}
