/* tw-sqlite-connection.c: the SQLite (sqlite3) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-sqlite-connection"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "tw-connection-private.h"
#include "tw-sqlite-connection.h"

/* How long a statement waits for another connection's lock, unless the URL
 * says ?timeout=SECONDS. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _TwSqliteConnection
{
  TwConnection  parent_instance;

  sqlite3      *db;
};

G_DEFINE_FINAL_TYPE (TwSqliteConnection, tw_sqlite_connection, TW_TYPE_CONNECTION)

/* Errors */

/* Splits "table.column" after the prefix of a constraint message. */
static void
parse_table_column (const char       *text,
                    TwDbErrorDetails *details)
{
  g_autofree char *first = NULL;
  const char *comma = strchr (text, ',');
  const char *dot;

  first = comma != NULL ? g_strndup (text, comma - text) : g_strdup (text);
  dot = strchr (first, '.');
  if (dot == NULL)
    return;

  details->table_name = g_strndup (first, dot - first);
  details->column_name = g_strdup (dot + 1);
}

static TwDbError
classify (int               rc,
          TwDbErrorDetails *details)
{
  const char *message = details->server_message != NULL ? details->server_message : "";
  const char *p;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      switch (rc)
        {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_ROWID:
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_UNIQUE;
          if ((p = strstr (message, "constraint failed: ")) != NULL)
            parse_table_column (p + strlen ("constraint failed: "), details);
          break;
        case SQLITE_CONSTRAINT_NOTNULL:
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_NOT_NULL;
          if ((p = strstr (message, "constraint failed: ")) != NULL)
            parse_table_column (p + strlen ("constraint failed: "), details);
          break;
        case SQLITE_CONSTRAINT_CHECK:
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_CHECK;
          if ((p = strstr (message, "constraint failed: ")) != NULL)
            details->constraint_name = g_strdup (p + strlen ("constraint failed: "));
          break;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_FOREIGN_KEY;
          break;
        case SQLITE_CONSTRAINT_DATATYPE:
          /* A wrong type for a column of a STRICT table. */
          return TW_DB_ERROR_DATA;
        default:
          details->constraint_kind = TW_DB_CONSTRAINT_KIND_OTHER;
          break;
        }
      return TW_DB_ERROR_CONSTRAINT;

    case SQLITE_ERROR:
      if (g_str_has_prefix (message, "no such "))
        return TW_DB_ERROR_UNDEFINED_OBJECT;
      if (strstr (message, "syntax error") != NULL ||
          strstr (message, "incomplete input") != NULL ||
          strstr (message, "unrecognized token") != NULL)
        return TW_DB_ERROR_SYNTAX;
      if (strstr (message, "already exists") != NULL)
        return TW_DB_ERROR_DUPLICATE_OBJECT;
      return TW_DB_ERROR_FAILED;

    case SQLITE_READONLY:
      return TW_DB_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TW_DB_ERROR_TIMEOUT;
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return TW_DB_ERROR_DATA;
    case SQLITE_AUTH:
    case SQLITE_PERM:
      return TW_DB_ERROR_PERMISSION_DENIED;
    case SQLITE_CANTOPEN:
      return TW_DB_ERROR_CONNECTION_FAILED;
    default:
      return TW_DB_ERROR_FAILED;
    }
}

static void
set_error (TwSqliteConnection  *self,
           int                  rc,
           const char          *statement,
           GError             **error)
{
  TwDbErrorDetails *details = tw_db_error_details_new ();
  TwDbError code;
  int offset;

  details->dialect = TW_DIALECT_KIND_SQLITE;
  details->native_code = rc;
  details->server_message = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc));
  details->statement = g_strdup (statement);

  offset = self->db != NULL ? sqlite3_error_offset (self->db) : -1;
  if (statement != NULL && offset >= 0 && (gsize) offset <= strlen (statement))
    details->position = (guint) g_utf8_pointer_to_offset (statement, statement + offset) + 1;

  code = classify (rc, details);
  tw_db_error_set_from_details (error, code, NULL, details);
}

/* Values */

/* The kind a declared column type asks for, by SQLAlchemy's type names and
 * SQLite's affinity rules; NULL when the declaration says nothing. */
static TwValueKind
kind_from_declared_type (const char *declared)
{
  g_autofree char *upper = NULL;

  if (declared == NULL || *declared == '\0')
    return TW_VALUE_KIND_NULL;

  upper = g_ascii_strup (declared, -1);
  if (g_str_has_prefix (upper, "BOOL"))
    return TW_VALUE_KIND_BOOLEAN;
  if (strstr (upper, "INT") != NULL)
    return TW_VALUE_KIND_INT64;
  if (g_str_has_prefix (upper, "DATETIME") || g_str_has_prefix (upper, "TIMESTAMP"))
    return TW_VALUE_KIND_DATETIME;
  if (g_str_has_prefix (upper, "DATE"))
    return TW_VALUE_KIND_DATE;
  if (g_str_has_prefix (upper, "TIME"))
    return TW_VALUE_KIND_TIME;
  if (g_str_has_prefix (upper, "JSON"))
    return TW_VALUE_KIND_JSON;
  if (g_str_has_prefix (upper, "UUID") || g_str_has_prefix (upper, "GUID"))
    return TW_VALUE_KIND_UUID;
  if (strstr (upper, "CHAR") != NULL || strstr (upper, "CLOB") != NULL || strstr (upper, "TEXT") != NULL)
    return TW_VALUE_KIND_TEXT;
  if (strstr (upper, "BLOB") != NULL || strstr (upper, "BINARY") != NULL)
    return TW_VALUE_KIND_BLOB;
  if (strstr (upper, "REAL") != NULL || strstr (upper, "FLOA") != NULL || strstr (upper, "DOUB") != NULL)
    return TW_VALUE_KIND_DOUBLE;
  if (g_str_has_prefix (upper, "NUMERIC") || g_str_has_prefix (upper, "DECIMAL"))
    return TW_VALUE_KIND_NUMERIC;

  return TW_VALUE_KIND_NULL;
}

static TwValue *
read_text (sqlite3_stmt *stmt,
           int           column,
           TwValueKind   declared)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);
  TwValue *value;

  /* SQLite keeps whatever bytes it was given as text. */
  if (text == NULL || !g_utf8_validate_len (text, length, NULL))
    return tw_value_new_blob_take (g_memdup2 (text, length), length);

  switch (declared)
    {
    case TW_VALUE_KIND_DATE:
      return tw_value_new_date (text);
    case TW_VALUE_KIND_TIME:
      return tw_value_new_time (text);
    case TW_VALUE_KIND_DATETIME:
      return tw_value_new_datetime (text);
    case TW_VALUE_KIND_JSON:
      return tw_value_new_json (text);
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_UUID:
      value = tw_value_new_from_string (declared, text, NULL);
      if (value != NULL)
        return value;
      return tw_value_new_text_len (text, length);
    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_BLOB:
    default:
      return tw_value_new_text_len (text, length);
    }
}

static TwValue *
read_value (sqlite3_stmt *stmt,
            int           column,
            TwValueKind   declared)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      {
        gint64 i = sqlite3_column_int64 (stmt, column);

        if (declared == TW_VALUE_KIND_BOOLEAN && (i == 0 || i == 1))
          return tw_value_new_boolean (i == 1);
        if (declared == TW_VALUE_KIND_NUMERIC)
          {
            g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, i);
            return tw_value_new_numeric (text);
          }
        if (declared == TW_VALUE_KIND_DOUBLE)
          return tw_value_new_double ((double) i);
        return tw_value_new_int64 (i);
      }

    case SQLITE_FLOAT:
      {
        double d = sqlite3_column_double (stmt, column);

        if (declared == TW_VALUE_KIND_NUMERIC)
          {
            g_autofree char *text = tw_value_format_double (d);
            return tw_value_new_numeric (text);
          }
        return tw_value_new_double (d);
      }

    case SQLITE_TEXT:
      return read_text (stmt, column, declared);

    case SQLITE_BLOB:
      {
        const guint8 *data = sqlite3_column_blob (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);

        if (declared == TW_VALUE_KIND_UUID && length == 16)
          {
            g_autofree char *text = NULL;

            text = g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                                    "%02x%02x%02x%02x%02x%02x",
                                    data[0], data[1], data[2], data[3], data[4], data[5],
                                    data[6], data[7], data[8], data[9], data[10], data[11],
                                    data[12], data[13], data[14], data[15]);
            return tw_value_new_uuid (text);
          }
        return tw_value_new_blob_take (g_memdup2 (data, length), length);
      }

    case SQLITE_NULL:
    default:
      return tw_value_new_null ();
    }
}

static int
bind_value (sqlite3_stmt  *stmt,
            int            index,
            const TwValue *value)
{
  /* SQLITE_STATIC: the values outlive the step loop, and the bindings are
   * cleared before the call returns. */
  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_NULL:
      return sqlite3_bind_null (stmt, index);
    case TW_VALUE_KIND_BOOLEAN:
      return sqlite3_bind_int (stmt, index, tw_value_get_boolean (value) ? 1 : 0);
    case TW_VALUE_KIND_INT64:
      return sqlite3_bind_int64 (stmt, index, tw_value_get_int64 (value));
    case TW_VALUE_KIND_DOUBLE:
      return sqlite3_bind_double (stmt, index, tw_value_get_double (value));
    case TW_VALUE_KIND_BLOB:
      {
        gsize length;
        const void *data = g_bytes_get_data (tw_value_get_blob (value), &length);

        /* A NULL pointer would bind SQL NULL instead of an empty blob. */
        if (length == 0)
          return sqlite3_bind_zeroblob (stmt, index, 0);
        return sqlite3_bind_blob64 (stmt, index, data, length, SQLITE_STATIC);
      }
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
      {
        const char *text = tw_value_get_text (value);

        return sqlite3_bind_text64 (stmt, index, text, strlen (text), SQLITE_STATIC, SQLITE_UTF8);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
bind_params (TwSqliteConnection  *self,
             sqlite3_stmt        *stmt,
             const char          *sql,
             TwValue * const     *params,
             guint                n_params,
             GError             **error)
{
  int expected = sqlite3_bind_parameter_count (stmt);

  if ((guint) expected != n_params)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                   _("The statement has %d parameters, but %u values were given, "
                     "in statement: %s"), expected, n_params, sql);
      return FALSE;
    }

  for (guint i = 0; i < n_params; i++)
    {
      int rc = bind_value (stmt, (int) i + 1, params[i]);

      if (rc != SQLITE_OK)
        {
          set_error (self, rc, sql, error);
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }

  return TRUE;
}

/* Steps @stmt to the end and collects its rows; resets it and clears its
 * bindings either way. */
static TwResult *
run_statement (TwSqliteConnection  *self,
               sqlite3_stmt        *stmt,
               const char          *sql,
               GError             **error)
{
  int n_columns = sqlite3_column_count (stmt);
  g_autoptr(TwResult) result = tw_result_new (n_columns);
  g_autofree TwValueKind *declared = g_new0 (TwValueKind, MAX (n_columns, 1));
  g_autofree TwValueKind *seen = g_new0 (TwValueKind, MAX (n_columns, 1));
  g_autofree TwValue **row = g_new0 (TwValue *, MAX (n_columns, 1));
  gboolean read_only = sqlite3_stmt_readonly (stmt);
  sqlite3_int64 total_before = sqlite3_total_changes64 (self->db);
  int rc;

  for (int i = 0; i < n_columns; i++)
    declared[i] = kind_from_declared_type (sqlite3_column_decltype (stmt, i));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        {
          row[i] = read_value (stmt, i, declared[i]);
          if (seen[i] == TW_VALUE_KIND_NULL)
            seen[i] = tw_value_get_kind (row[i]);
        }
      tw_result_add_row (result, row);
    }

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, sql, error);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return NULL;
    }

  /* An expression has no declared type: its kind is that of its values. */
  for (int i = 0; i < n_columns; i++)
    tw_result_set_column (result, i, sqlite3_column_name (stmt, i),
                          declared[i] != TW_VALUE_KIND_NULL ? declared[i] : seen[i]);

  if (!read_only)
    {
      gboolean changed = sqlite3_total_changes64 (self->db) != total_before;
      g_autofree char *keyword = _tw_sql_first_keyword (sql);

      tw_result_set_affected_rows (result, changed ? sqlite3_changes64 (self->db) : 0);
      if (changed && (g_str_equal (keyword, "INSERT") || g_str_equal (keyword, "REPLACE")))
        tw_result_set_last_insert_id (result, sqlite3_last_insert_rowid (self->db));
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return g_steal_pointer (&result);
}

/* Prepares the one statement of @sql. */
static sqlite3_stmt *
prepare_one (TwSqliteConnection  *self,
             const char          *sql,
             unsigned int         flags,
             GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *tail = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, flags, &stmt, &tail);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, sql, error);
      return NULL;
    }

  if (stmt == NULL)
    {
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_SYNTAX,
                   _("There is no statement in “%s”"), sql);
      return NULL;
    }

  if (tail != NULL && !_tw_sql_is_blank (tail))
    {
      sqlite3_finalize (stmt);
      g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_FAILED,
                   _("Only one statement can run at a time (use a script for several), "
                     "in statement: %s"), sql);
      return NULL;
    }

  return stmt;
}

/* TwConnection */

static gboolean
tw_sqlite_connection_connect (TwConnection  *connection,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;
  TwUrl *url = tw_connection_get_url (connection);
  const char *mode = tw_url_get_query_param (url, "mode");
  const char *timeout = tw_url_get_query_param (url, "timeout");
  const char *path;
  g_autofree char *what = NULL;
  int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE;
  int busy_ms = DEFAULT_BUSY_TIMEOUT_MS;
  int rc;

  g_assert (self->db == NULL);

  path = tw_url_is_memory (url) ? ":memory:" : tw_url_get_database (url);
  if (g_strcmp0 (mode, "ro") == 0)
    flags |= SQLITE_OPEN_READONLY;
  else if (g_strcmp0 (mode, "rw") == 0)
    flags |= SQLITE_OPEN_READWRITE;
  else
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  if (timeout != NULL)
    busy_ms = (int) CLAMP (g_ascii_strtod (timeout, NULL) * 1000.0, 0.0, (double) G_MAXINT);

  what = g_strdup_printf (_("Could not open %s"), _tw_connection_get_display_url (connection));

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, busy_ms);
      rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
  /* SQLite reads the file only when it must: make sure it is a database. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      TwDbErrorDetails *details = tw_db_error_details_new ();
      TwDbError code = TW_DB_ERROR_FAILED;

      details->dialect = TW_DIALECT_KIND_SQLITE;
      details->native_code = rc;
      details->server_message = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db)
                                                            : sqlite3_errstr (rc));
      if ((rc & 0xff) == SQLITE_CANTOPEN)
        code = (flags & SQLITE_OPEN_CREATE) == 0 && !g_file_test (path, G_FILE_TEST_EXISTS)
               ? TW_DB_ERROR_UNKNOWN_DATABASE
               : TW_DB_ERROR_CONNECTION_FAILED;
      else if ((rc & 0xff) == SQLITE_AUTH || (rc & 0xff) == SQLITE_PERM)
        code = TW_DB_ERROR_PERMISSION_DENIED;

      g_clear_pointer (&self->db, sqlite3_close_v2);
      tw_db_error_set_from_details (error, code, what, details);
      return FALSE;
    }

  return TRUE;
}

static void
tw_sqlite_connection_disconnect (TwConnection *connection)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;

  /* With statements still prepared, the handle lives on until they are
   * finalized. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static gboolean
tw_sqlite_connection_is_alive (TwConnection *connection)
{
  return TRUE;
}

static gboolean
tw_sqlite_connection_in_transaction (TwConnection *connection)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;

  return self->db != NULL && !sqlite3_get_autocommit (self->db);
}

static char *
tw_sqlite_connection_get_server_version (TwConnection *connection)
{
  return g_strdup (sqlite3_libversion ());
}

static TwResult *
tw_sqlite_connection_execute (TwConnection     *connection,
                              const char       *sql,
                              TwValue * const  *params,
                              guint             n_params,
                              GError          **error)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;
  sqlite3_stmt *stmt;
  TwResult *result = NULL;

  stmt = prepare_one (self, sql, 0, error);
  if (stmt == NULL)
    return NULL;

  if (bind_params (self, stmt, sql, params, n_params, error))
    result = run_statement (self, stmt, sql, error);

  sqlite3_finalize (stmt);
  return result;
}

static gboolean
tw_sqlite_connection_execute_script (TwConnection  *connection,
                                     const char    *sql,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;
  const char *p = sql;

  /* SQLite's parser splits the script: each statement is prepared from
   * where the last one ended. */
  while (*p != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *tail = NULL;
      g_autofree char *statement = NULL;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      rc = sqlite3_prepare_v2 (self->db, p, -1, &stmt, &tail);
      if (rc != SQLITE_OK)
        {
          set_error (self, rc, p, error);
          return FALSE;
        }
      if (stmt == NULL)
        break;

      statement = g_strndup (p, tail - p);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      if (rc != SQLITE_DONE)
        {
          set_error (self, rc, g_strstrip (statement), error);
          sqlite3_finalize (stmt);
          return FALSE;
        }

      sqlite3_finalize (stmt);
      p = tail;
    }

  return TRUE;
}

static gpointer
tw_sqlite_connection_prepare (TwConnection  *connection,
                              const char    *sql,
                              guint         *n_params,
                              GError       **error)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;
  sqlite3_stmt *stmt;

  stmt = prepare_one (self, sql, SQLITE_PREPARE_PERSISTENT, error);
  if (stmt != NULL)
    *n_params = sqlite3_bind_parameter_count (stmt);

  return stmt;
}

static TwResult *
tw_sqlite_connection_execute_prepared (TwConnection     *connection,
                                       gpointer          prepared,
                                       const char       *sql,
                                       TwValue * const  *params,
                                       guint             n_params,
                                       GError          **error)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;
  sqlite3_stmt *stmt = prepared;

  sqlite3_reset (stmt);
  if (!bind_params (self, stmt, sql, params, n_params, error))
    return NULL;

  return run_statement (self, stmt, sql, error);
}

static void
tw_sqlite_connection_free_prepared (TwConnection *connection,
                                    gpointer      prepared,
                                    gboolean      on_server)
{
  sqlite3_finalize (prepared);
}

static void
tw_sqlite_connection_cancel (TwConnection *connection)
{
  TwSqliteConnection *self = (TwSqliteConnection *) connection;

  /* Safe from any thread while the running call keeps the handle open. */
  if (self->db != NULL)
    sqlite3_interrupt (self->db);
}

/* GObject */

static void
tw_sqlite_connection_finalize (GObject *object)
{
  TwSqliteConnection *self = (TwSqliteConnection *) object;

  g_assert (self->db == NULL);

  G_OBJECT_CLASS (tw_sqlite_connection_parent_class)->finalize (object);
}

static void
tw_sqlite_connection_class_init (TwSqliteConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TwConnectionClass *connection_class = TW_CONNECTION_CLASS (klass);

  object_class->finalize = tw_sqlite_connection_finalize;

  connection_class->connect = tw_sqlite_connection_connect;
  connection_class->disconnect = tw_sqlite_connection_disconnect;
  connection_class->is_alive = tw_sqlite_connection_is_alive;
  connection_class->in_transaction = tw_sqlite_connection_in_transaction;
  connection_class->get_server_version = tw_sqlite_connection_get_server_version;
  connection_class->execute = tw_sqlite_connection_execute;
  connection_class->execute_script = tw_sqlite_connection_execute_script;
  connection_class->prepare = tw_sqlite_connection_prepare;
  connection_class->execute_prepared = tw_sqlite_connection_execute_prepared;
  connection_class->free_prepared = tw_sqlite_connection_free_prepared;
  connection_class->cancel = tw_sqlite_connection_cancel;
}

static void
tw_sqlite_connection_init (TwSqliteConnection *self)
{
}
