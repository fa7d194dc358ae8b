/* tw-test-db.c: helpers for the tests against real database servers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-test-db"

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <mysql.h>

#include "tw-test-db.h"

/* A registered test: which dialect, which function. Kept for the whole run
 * (reachable, so not a leak) and freed by tw_test_db_run(). */
typedef struct
{
  TwDialectKind  kind;
  TwTestDbFunc   func;
  gconstpointer  user_data;
} Registration;

static GPtrArray *registrations;
static guint database_counter;

void
tw_test_db_init (int    *argc,
                 char ***argv)
{
  /* Connector/C sets itself up here, before any thread exists. */
  if (mysql_library_init (0, NULL, NULL) != 0)
    g_error ("mysql_library_init() failed");

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

int
tw_test_db_run (void)
{
  int status = g_test_run ();

  g_clear_pointer (&registrations, g_ptr_array_unref);
  mysql_library_end ();
  return status;
}

static const char *
env_name (TwDialectKind kind)
{
  return kind == TW_DIALECT_KIND_POSTGRESQL ? "TW_TEST_POSTGRESQL_URL" : "TW_TEST_MYSQL_URL";
}

const char *
tw_test_db_server_url (TwDialectKind kind)
{
  const char *url;

  if (kind == TW_DIALECT_KIND_SQLITE)
    return ":memory:";

  url = g_getenv (env_name (kind));
  if (url != NULL && *url != '\0')
    return url;

  if (g_getenv ("CI") != NULL)
    g_test_fail_printf ("%s is not set: run build-aux/test-servers start DIR and "
                        "source DIR/env", env_name (kind));
  else
    g_test_skip_printf ("no %s server: %s is not set (see build-aux/test-servers)",
                        tw_dialect_kind_to_string (kind), env_name (kind));
  return NULL;
}

TwConnection *
tw_test_db_connect (TwDialectKind kind)
{
  const char *server_url = tw_test_db_server_url (kind);
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  TwConnection *connection;

  if (server_url == NULL)
    return NULL;

  if (kind == TW_DIALECT_KIND_SQLITE)
    url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, ":memory:");
  else
    url = tw_url_parse (server_url, &error);
  g_assert_no_error (error);

  connection = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

char *
tw_test_db_create_database (TwDialectKind  kind,
                            const char    *prefix)
{
  g_autoptr(TwConnection) server = NULL;
  g_autoptr(TwUrl) server_url = NULL;
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GString) name = NULL;
  g_autofree char *sql = NULL;

  if (kind == TW_DIALECT_KIND_SQLITE)
    {
      g_autofree char *dir = g_dir_make_tmp ("tw-test-db-XXXXXX", &error);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      g_assert_no_error (error);
      file = g_strdup_printf ("%s.db", prefix);
      path = g_build_filename (dir, file, NULL);
      url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, path);
      return tw_url_to_string (url);
    }

  server = tw_test_db_connect (kind);
  if (server == NULL)
    return NULL;

  /* Letters, digits and "_" only, so quoting is a formality. */
  name = g_string_new ("tw_");
  for (const char *p = prefix; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  g_string_append_printf (name, "_%d_%u", (int) getpid (), ++database_counter);

  if (kind == TW_DIALECT_KIND_POSTGRESQL)
    sql = g_strdup_printf ("CREATE DATABASE \"%s\"", name->str);
  else
    sql = g_strdup_printf ("CREATE DATABASE `%s` CHARACTER SET utf8mb4", name->str);
  result = tw_connection_execute (server, sql, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  server_url = tw_url_parse (tw_test_db_server_url (kind), &error);
  g_assert_no_error (error);
  url = tw_url_new (kind,
                    tw_url_get_username (server_url),
                    tw_url_get_password (server_url),
                    tw_url_get_host (server_url),
                    tw_url_get_port (server_url),
                    name->str);

  g_assert_finalize_object (g_steal_pointer (&server));
  return tw_url_to_string (url);
}

void
tw_test_db_drop_database (TwDialectKind  kind,
                          const char    *url_string)
{
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(TwConnection) server = NULL;
  g_autoptr(TwResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *name;

  url = tw_url_parse (url_string, &error);
  g_assert_no_error (error);
  name = tw_url_get_database (url);

  if (kind == TW_DIALECT_KIND_SQLITE)
    {
      g_autofree char *dir = g_path_get_dirname (name);
      g_autofree char *journal = g_strconcat (name, "-journal", NULL);
      g_autofree char *wal = g_strconcat (name, "-wal", NULL);
      g_autofree char *shm = g_strconcat (name, "-shm", NULL);

      g_remove (name);
      g_remove (journal);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
      return;
    }

  server = tw_test_db_connect (kind);
  if (server == NULL)
    return;

  if (kind == TW_DIALECT_KIND_POSTGRESQL)
    sql = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", name);
  else
    sql = g_strdup_printf ("DROP DATABASE IF EXISTS `%s`", name);
  result = tw_connection_execute (server, sql, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&server));
}

void
tw_test_db_fixture_setup (TwTestDbFixture *fixture,
                          gconstpointer    data)
{
  const Registration *registration = data;
  g_autoptr(TwUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_test_get_path ();
  const char *slash = strrchr (path, '/');
  g_autofree char *prefix = NULL;

  fixture->kind = registration->kind;

  /* The database is named after the test, e.g. tw_execute_1234_1. */
  prefix = g_strndup (path, slash != NULL ? (gsize) (slash - path) : strlen (path));
  slash = strrchr (prefix, '/');
  fixture->url = tw_test_db_create_database (fixture->kind, slash != NULL ? slash + 1 : prefix);
  if (fixture->url == NULL)
    return;

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);
  fixture->connection = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
}

void
tw_test_db_fixture_teardown (TwTestDbFixture *fixture,
                             gconstpointer    data)
{
  if (fixture->connection != NULL)
    tw_test_db_finalize_connection (g_steal_pointer (&fixture->connection));
  if (fixture->url != NULL)
    tw_test_db_drop_database (fixture->kind, fixture->url);
  g_clear_pointer (&fixture->url, g_free);
}

static void
run_registered (TwTestDbFixture *fixture,
                gconstpointer    data)
{
  const Registration *registration = data;

  if (fixture->connection != NULL)
    registration->func (fixture, registration->user_data);
}

static void
add_one (const char    *path,
         TwDialectKind  kind,
         gconstpointer  user_data,
         TwTestDbFunc   func)
{
  g_autofree char *full_path = NULL;
  Registration *registration;

  if (registrations == NULL)
    registrations = g_ptr_array_new_with_free_func (g_free);

  registration = g_new0 (Registration, 1);
  registration->kind = kind;
  registration->func = func;
  registration->user_data = user_data;
  g_ptr_array_add (registrations, registration);

  full_path = g_strdup_printf ("%s/%s", path, tw_dialect_kind_to_string (kind));
  g_test_add_vtable (full_path, sizeof (TwTestDbFixture), registration,
                     (GTestFixtureFunc) tw_test_db_fixture_setup,
                     (GTestFixtureFunc) run_registered,
                     (GTestFixtureFunc) tw_test_db_fixture_teardown);
}

void
tw_test_db_add (const char    *path,
                gconstpointer  user_data,
                TwTestDbFunc   func)
{
  add_one (path, TW_DIALECT_KIND_SQLITE, user_data, func);
  add_one (path, TW_DIALECT_KIND_POSTGRESQL, user_data, func);
  add_one (path, TW_DIALECT_KIND_MYSQL, user_data, func);
}

void
tw_test_db_add_dialect (const char    *path,
                        TwDialectKind  kind,
                        gconstpointer  user_data,
                        TwTestDbFunc   func)
{
  add_one (path, kind, user_data, func);
}

void
tw_test_db_add_servers (const char    *path,
                        gconstpointer  user_data,
                        TwTestDbFunc   func)
{
  add_one (path, TW_DIALECT_KIND_POSTGRESQL, user_data, func);
  add_one (path, TW_DIALECT_KIND_MYSQL, user_data, func);
}

char *
tw_test_db_sql (TwDialectKind  kind,
                const char    *sql)
{
  GString *str = g_string_new (NULL);
  guint n = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '?')
        {
          g_autofree char *placeholder = tw_dialect_kind_placeholder (kind, ++n);

          g_string_append (str, placeholder);
        }
      else
        g_string_append_c (str, *p);
    }

  return g_string_free (str, FALSE);
}

static TwResult *
exec_va (TwConnection *connection,
         const char   *sql,
         va_list       args)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  g_autofree char *native = NULL;
  g_autoptr(GError) error = NULL;
  TwResult *result;
  TwValue *value;

  while ((value = va_arg (args, TwValue *)) != NULL)
    g_ptr_array_add (params, value);

  native = tw_test_db_sql (tw_connection_get_dialect_kind (connection), sql);
  result = tw_connection_execute (connection, native,
                                  (TwValue * const *) params->pdata, params->len,
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

TwResult *
tw_test_db_exec (TwConnection *connection,
                 const char   *sql,
                 ...)
{
  TwResult *result;
  va_list args;

  va_start (args, sql);
  result = exec_va (connection, sql, args);
  va_end (args);
  return result;
}

void
tw_test_db_run_sql (TwConnection *connection,
                    const char   *sql,
                    ...)
{
  TwResult *result;
  va_list args;

  va_start (args, sql);
  result = exec_va (connection, sql, args);
  va_end (args);
  tw_result_unref (result);
}

TwValue *
tw_test_db_query_value (TwConnection *connection,
                        const char   *sql,
                        ...)
{
  g_autoptr(TwResult) result = NULL;
  va_list args;

  va_start (args, sql);
  result = exec_va (connection, sql, args);
  va_end (args);

  g_assert_cmpuint (tw_result_get_n_rows (result), >=, 1);
  g_assert_cmpuint (tw_result_get_n_columns (result), >=, 1);
  return tw_value_copy (tw_result_get_value (result, 0, 0));
}

static void
set_flag (gpointer  data,
          GObject  *where_the_object_was)
{
  g_atomic_int_set ((int *) data, TRUE);
}

void
tw_test_db_finalize_connection (TwConnection *connection)
{
  gboolean finalized = FALSE;

  g_assert_true (TW_IS_CONNECTION (connection));

  g_object_weak_ref (G_OBJECT (connection), set_flag, &finalized);
  g_object_unref (connection);
  tw_test_db_wait_for (&finalized);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
tw_test_db_wait_for (const gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint tick;

  /* The flag may be set on another thread, with nothing to wake the main
   * context: a tick wakes it often enough. */
  tick = g_timeout_add (5, tick_cb, NULL);
  while (!g_atomic_int_get (flag))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for an asynchronous result");
    }
  g_source_remove (tick);
}
