/* tw-test-db.h: helpers for the tests against real database servers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"

G_BEGIN_DECLS

/* One test function run against one dialect, on a fresh, empty database
 * made for it (a temporary file for SQLite). When the dialect's server is
 * not configured, setup skips the test (or fails it when $CI is set) and
 * the test function is not called. */
typedef struct
{
  TwDialectKind  kind;
  char          *url;          /* the fresh database, password included */
  TwConnection  *connection;   /* open on url */
} TwTestDbFixture;

typedef void (*TwTestDbFunc) (TwTestDbFixture *fixture,
                              gconstpointer    user_data);

/* g_test_init() after mysql_library_init(), which must come before any
 * thread; and g_test_run() followed by mysql_library_end(). */
void          tw_test_db_init                 (int              *argc,
                                               char           ***argv);
int           tw_test_db_run                  (void);

/* The server URL from TW_TEST_POSTGRESQL_URL or TW_TEST_MYSQL_URL (as
 * written by build-aux/test-servers), ":memory:" for SQLite; NULL after
 * skipping (or failing, with $CI set) the running test. */
const char   *tw_test_db_server_url           (TwDialectKind     kind);
/* A connection to the server's test database, or NULL as above. */
TwConnection *tw_test_db_connect              (TwDialectKind     kind);
/* Makes a uniquely named empty database (a temporary file for SQLite) and
 * returns its URL, or NULL as above. */
char         *tw_test_db_create_database      (TwDialectKind     kind,
                                               const char       *prefix);
void          tw_test_db_drop_database        (TwDialectKind     kind,
                                               const char       *url);

void          tw_test_db_fixture_setup        (TwTestDbFixture  *fixture,
                                               gconstpointer     data);
void          tw_test_db_fixture_teardown     (TwTestDbFixture  *fixture,
                                               gconstpointer     data);

/* Adds path/sqlite, path/postgresql and path/mysql. */
void          tw_test_db_add                  (const char       *path,
                                               gconstpointer     user_data,
                                               TwTestDbFunc      func);
/* Adds path/<dialect> for one dialect. */
void          tw_test_db_add_dialect          (const char       *path,
                                               TwDialectKind     kind,
                                               gconstpointer     user_data,
                                               TwTestDbFunc      func);
/* Adds path/postgresql and path/mysql only. */
void          tw_test_db_add_servers          (const char       *path,
                                               gconstpointer     user_data,
                                               TwTestDbFunc      func);

/* @sql with each "?" replaced by the dialect's placeholder ("$1", "$2"...
 * for PostgreSQL); the SQL must have no "?" in literals. */
char         *tw_test_db_sql                  (TwDialectKind     kind,
                                               const char       *sql) G_GNUC_WARN_UNUSED_RESULT;
/* Runs @sql, asserting success; returns the result. */
TwResult     *tw_test_db_exec                 (TwConnection     *connection,
                                               const char       *sql,
                                               ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
/* Runs @sql with "?" placeholders and the given values (taken), asserting
 * success, and drops the result. */
void          tw_test_db_run_sql              (TwConnection     *connection,
                                               const char       *sql,
                                               ...) G_GNUC_NULL_TERMINATED;
/* The one value a query returns in its first row and column. */
TwValue      *tw_test_db_query_value          (TwConnection     *connection,
                                               const char       *sql,
                                               ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
/* Drops the last reference and waits until the connection is finalized (its
 * worker may hold it a moment longer). */
void          tw_test_db_finalize_connection  (TwConnection     *connection);
/* Spins the main context until *flag is set, failing after 60 s. */
void          tw_test_db_wait_for             (const gboolean   *flag);

G_END_DECLS
