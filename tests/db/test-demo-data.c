/* test-demo-data.c: the demo database: reproducible, consistent, complete
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-demo-data"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tw-demo-data.h"
#include "tw-model-file.h"
#include "tw-test-db.h"

static TwMetadata *
load_demo_model (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  TwMetadata *model;

  path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "demo.twm", NULL);
  file = g_file_new_for_path (path);
  model = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Every row of the query, every column as text, into one SHA-256. */
static char *
query_checksum (sqlite3    *db,
                const char *sql)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  int           rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const guchar *text = sqlite3_column_text (stmt, i);

          g_checksum_update (checksum, text != NULL ? text : (const guchar *) "\\N", -1);
          g_checksum_update (checksum, (const guchar *) "|", 1);
        }
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_strdup (g_checksum_get_string (checksum));
}

static const struct {
  const char *table;
  gint64      min_rows;
  gint64      max_rows;
} expected_counts[] = {
  { "users", 300, 300 },
  { "addresses", 150, 600 },
  { "categories", 40, 40 },
  { "authors", 200, 200 },
  { "books", 1500, 1500 },
  { "book_authors", 1500, 4500 },
  { "orders", 2000, 2000 },
  { "order_lines", 2000, 10000 },
};

static const char * const checksummed[] = {
  "SELECT * FROM users ORDER BY id",
  "SELECT * FROM books ORDER BY id",
  "SELECT * FROM book_authors ORDER BY book_id, author_id",
  "SELECT * FROM orders ORDER BY id",
  "SELECT * FROM order_lines ORDER BY order_id, line_no",
};

static void
test_demo_data_create (void)
{
  g_autoptr (TwMetadata) model = load_demo_model ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-demo-XXXXXX", &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *a;
  sqlite3 *b;

  g_assert_no_error (error);
  first = g_build_filename (dir, "first.db", NULL);
  second = g_build_filename (dir, "second.db", NULL);

  g_assert_true (tw_demo_data_create (model, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tw_demo_data_create (model, second, NULL, &error));
  g_assert_no_error (error);

  a = open_db (first);
  b = open_db (second);

  for (guint i = 0; i < G_N_ELEMENTS (expected_counts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", expected_counts[i].table);
      gint64 count = query_int (a, sql);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", expected_counts[i].table, count);
      g_assert_cmpint (count, >=, expected_counts[i].min_rows);
      g_assert_cmpint (count, <=, expected_counts[i].max_rows);
      g_assert_cmpint (count, ==, query_int (b, sql));
    }

  for (guint i = 0; i < G_N_ELEMENTS (checksummed); i++)
    {
      g_autofree char *sum_a = query_checksum (a, checksummed[i]);
      g_autofree char *sum_b = query_checksum (b, checksummed[i]);

      g_assert_cmpstr (sum_a, ==, sum_b);
    }

  /* Consistent: every foreign key resolves, the file is sound. */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
  /* A three-level tree: a category whose parent has a parent. */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM categories c JOIN categories p ON c.parent_id = p.id "
                                 "WHERE p.parent_id IS NOT NULL"), >, 0);
  /* Each book has one to three authors. */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM books WHERE id NOT IN (SELECT book_id FROM book_authors)"), ==, 0);
  g_assert_cmpint (query_int (a, "SELECT max(n) FROM (SELECT count(*) AS n FROM book_authors GROUP BY book_id)"), <=, 3);
  /* Order totals add up to their lines. */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM orders o WHERE abs(CAST(o.total AS REAL) - "
                                 "(SELECT sum(quantity * CAST(unit_price AS REAL)) FROM order_lines l "
                                 "WHERE l.order_id = o.id)) > 0.001"), ==, 0);

  sqlite3_close (a);
  sqlite3_close (b);

  /* Nothing is left beside the files: the temporary file was renamed. */
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
    guint n = 0;

    g_assert_no_error (error);
    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

static void
test_demo_data_replaces_and_cancels (void)
{
  g_autoptr (TwMetadata) model = load_demo_model ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("tw-demo-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GDir) d = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);

  /* A cancelled run leaves nothing behind, not even its temporary file. */
  g_cancellable_cancel (cancellable);
  g_assert_false (tw_demo_data_create (model, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (d));

  /* A folder that does not exist is an error naming the place. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "demo.db", NULL);

    g_assert_false (tw_demo_data_create (model, bad, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "missing"));
    g_clear_error (&error);
  }

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  g_test_add_func ("/db/demo-data/create", test_demo_data_create);
  g_test_add_func ("/db/demo-data/replaces-and-cancels", test_demo_data_replaces_and_cancels);

  return tw_test_db_run ();
}
