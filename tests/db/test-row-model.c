/* test-row-model.c: the lazy, paged list of a table's rows, against SQLite,
 * PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-row-model"

#include "config.h"

#include "tw-dialect.h"
#include "tw-row-model.h"
#include "tw-session-private.h"
#include "tw-test-db.h"

#define I(x) tw_value_new_int64 (x)
#define T(x) tw_value_new_text (x)

static TwMetadata *
items_schema (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwTable) items = tw_table_new ("items");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) group = tw_column_new ("grp", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) name = tw_column_new ("name", TW_COLUMN_TYPE_STRING);

  tw_column_set_primary_key (id, TRUE);
  tw_column_set_nullable (id, FALSE);
  tw_column_set_length (name, 40);
  tw_table_add_column (items, id);
  tw_table_add_column (items, group);
  tw_table_add_column (items, name);
  tw_metadata_add_table (metadata, items);
  return metadata;
}

/* Makes the table and fills it with n rows: id 1..n, grp id % 10,
 * name "item <id>", committed through a session in multi-row batches. */
static TwSession *
setup (TwTestDbFixture  *fixture,
       TwMetadata       *metadata,
       guint             n)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  TwTable *items = tw_metadata_find_table (metadata, "items");
  TwSession *session;

  statements = tw_dialect_compile_create_all (tw_dialect_get (fixture->kind), metadata, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      tw_connection_execute_script (fixture->connection,
                                    ((TwDdlStatement *) g_ptr_array_index (statements, i))->sql,
                                    NULL, &error);
      g_assert_no_error (error);
    }

  session = tw_session_new (fixture->connection, metadata);
  for (guint start = 0; start < n; start += 20000)
    {
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint id = start + 1; id <= MIN (n, start + 20000); id++)
        {
          TwRow *row = tw_session_create_row (session, items);
          g_autofree char *text = g_strdup_printf ("item %u", id);
          g_autoptr (TwValue) key = I (id);
          g_autoptr (TwValue) group = I (id % 10);
          g_autoptr (TwValue) name = T (text);

          tw_row_set_value (row, 0, key, &error);
          tw_row_set_value (row, 1, group, &error);
          tw_row_set_value (row, 2, name, &error);
          g_assert_no_error (error);
          g_ptr_array_add (rows, row);
        }
      tw_session_add_all (session, rows, &error);
      g_assert_no_error (error);
      tw_session_commit (session, NULL, &error);
      g_assert_no_error (error);
    }

  return session;
}

static void
wait_loaded (TwRowModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (tw_row_model_get_loading (model))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static gint64
item_id (GListModel *model,
         guint       position)
{
  g_autoptr (TwRow) row = g_list_model_get_item (model, position);
  const TwValue *value;

  g_assert_nonnull (row);
  g_assert_cmpint (tw_row_get_state (row), !=, TW_ROW_STATE_LOADING);
  value = tw_row_get_value (row, 0);
  g_assert_nonnull (value);
  return tw_value_get_int64 (value);
}

/* The item at @position once its page is there. */
static gint64
load_item_id (TwRowModel *model,
              guint       position)
{
  g_autoptr (TwRow) first = g_list_model_get_item (G_LIST_MODEL (model), position);

  wait_loaded (model);
  return item_id (G_LIST_MODEL (model), position);
}

typedef struct
{
  guint n_signals;
  guint last_position;
  guint last_removed;
  guint last_added;
  guint watched;             /* a position */
  gboolean watched_changed;  /* whether a signal replaced its item */
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->last_position = position;
  changes->last_removed = removed;
  changes->last_added = added;
  if (position <= changes->watched && changes->watched < position + removed)
    changes->watched_changed = TRUE;
}

static void
row_changed_cb (TwRow *row,
                guint  column,
                guint *count)
{
  (*count)++;
}

static void
test_small (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = items_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata, 450);
  TwTable *items = tw_metadata_find_table (metadata, "items");
  g_autoptr (TwRowModel) model = NULL;
  g_autoptr (TwRow) placeholder = NULL;
  g_autoptr (TwRow) loaded = NULL;
  g_autoptr (TwRow) added = NULL;
  g_autoptr (TwRow) deleted = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwValue) three = I (3);
  Changes changes = { 0 };
  TwFilter filter = { "grp", TW_FILTER_OPERATOR_EQUAL, three };
  TwSort sort = { "name", TRUE };

  model = tw_row_model_new (session, items);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TW_TYPE_ROW);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 450);
  g_assert_true (tw_row_model_is_exact (model));
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 0), ==, 1);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 199), ==, 200);

  /* A row whose page is not loaded: a placeholder now; when the page
   * arrives, the placeholder becomes the row in place (its "changed" and
   * notify::state say so) and the list sees no items-changed for it, so
   * a grid need not rebind its cells. */
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 300);
  g_assert_cmpint (tw_row_get_state (placeholder), ==, TW_ROW_STATE_LOADING);
  g_assert_null (tw_row_get_value (placeholder, 0));
  {
    g_autoptr (TwRow) same = g_list_model_get_item (G_LIST_MODEL (model), 300);

    g_assert_true (same == placeholder);
  }
  {
    guint n_changed = 0;

    g_signal_connect (placeholder, "changed", G_CALLBACK (row_changed_cb), &n_changed);
    changes.watched = 300;
    changes.watched_changed = FALSE;
    wait_loaded (model);
    g_assert_false (changes.watched_changed);
    g_assert_cmpuint (n_changed, ==, 1);
    g_signal_handlers_disconnect_by_func (placeholder, row_changed_cb, &n_changed);
  }
  loaded = g_list_model_get_item (G_LIST_MODEL (model), 300);
  g_assert_true (loaded == placeholder);
  g_assert_cmpint (tw_row_get_state (loaded), ==, TW_ROW_STATE_CLEAN);
  g_assert_cmpint (tw_value_get_int64 (tw_row_get_value (loaded, 0)), ==, 301);

  g_assert_cmpint (load_item_id (model, 449), ==, 450);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 450));

  /* Filter and sort. */
  tw_row_model_set_filter (model, &filter);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 45);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 0), ==, 3);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 44), ==, 443);
  tw_row_model_set_sort (model, &sort);
  wait_loaded (model);
  /* "item 93" > "item 83" > ... > "item 443" > ... in text order. */
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 0), ==, 93);
  tw_row_model_set_filter (model, NULL);
  tw_row_model_set_sort (model, NULL);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 450);

  /* The filled-in placeholder is the session's row of its identity: read
   * again, the place's new placeholder gives way to it (items-changed). */
  {
    g_autoptr (TwRow) again = g_list_model_get_item (G_LIST_MODEL (model), 300);

    g_assert_cmpint (tw_row_get_state (again), ==, TW_ROW_STATE_LOADING);
    changes.watched = 300;
    changes.watched_changed = FALSE;
    wait_loaded (model);
    g_assert_true (changes.watched_changed);
    g_clear_object (&again);
    again = g_list_model_get_item (G_LIST_MODEL (model), 300);
    g_assert_true (again == loaded);
  }

  /* A new row staged shows at the end; a deleted one stays, marked. */
  added = tw_session_create_row (session, items);
  {
    g_autoptr (TwValue) key = I (1000);
    g_autoptr (TwValue) name = T ("new");

    tw_row_set_value (added, 0, key, &error);
    tw_row_set_value (added, 2, name, &error);
    g_assert_no_error (error);
  }
  tw_session_add (session, added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 451);
  {
    g_autoptr (TwRow) last = g_list_model_get_item (G_LIST_MODEL (model), 450);

    g_assert_true (last == added);
  }
  deleted = g_list_model_get_item (G_LIST_MODEL (model), 5);
  tw_session_delete (session, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 451);
  {
    g_autoptr (TwRow) same = g_list_model_get_item (G_LIST_MODEL (model), 5);

    g_assert_true (same == deleted);
    g_assert_cmpint (tw_row_get_state (same), ==, TW_ROW_STATE_DELETED);
  }

  /* After the commit, the model reads the table again. */
  tw_session_commit (session, NULL, &error);
  g_assert_no_error (error);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 450);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 5), ==, 7);
  g_assert_cmpint (load_item_id (model, 449), ==, 1000);

  g_signal_handlers_disconnect_by_func (model, items_changed_cb, &changes);
}

/* 100,000 rows: read through page by page, with a bounded number of rows
 * alive; then jumps. */
#define N_LARGE 100000

static void
test_large (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = items_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata, N_LARGE);
  TwTable *items = tw_metadata_find_table (metadata, "items");
  g_autoptr (TwRowModel) model = NULL;
  GListModel *list;
  guint baseline = tw_row_get_n_alive ();
  guint max_alive = 0;
  guint max_pages = 0;
  guint n;
  gint64 id;

  model = tw_row_model_new (session, items);
  list = G_LIST_MODEL (model);
  wait_loaded (model);
  n = g_list_model_get_n_items (list);
  g_test_message ("n_items after the estimate: %u", n);
  /* MySQL's TABLE_ROWS is an estimate; the others count exactly here. */
  g_assert_cmpuint (n, >=, N_LARGE * 9 / 10);
  g_assert_cmpuint (n, <=, N_LARGE * 11 / 10);

  /* Scrolling down, as a view asks for rows. */
  for (guint position = 0; position < N_LARGE; position += 100)
    {
      g_assert_cmpint (load_item_id (model, position), ==, position + 1);
      max_alive = MAX (max_alive, tw_row_get_n_alive () - baseline);
      max_pages = MAX (max_pages, tw_row_model_get_n_pages (model));
    }
  g_test_message ("at most %u rows alive, %u pages", max_alive, max_pages);

  /* Past the last row, the model learns where the table ends. */
  while ((n = g_list_model_get_n_items (list)) != N_LARGE)
    {
      g_autoptr (TwRow) last = g_list_model_get_item (list, n - 1);

      g_assert_cmpuint (n, >, N_LARGE);
      wait_loaded (model);
    }
  g_assert_cmpint (load_item_id (model, N_LARGE - 1), ==, N_LARGE);
  g_assert_cmpuint (max_pages, <=, 17);
  g_assert_cmpuint (max_alive, <=, 17 * 200 + 10);

  /* A jump far away: a page read by an estimated key, then its
   * neighbours by keyset from it. */
  tw_row_model_reload (model);
  wait_loaded (model);
  id = load_item_id (model, 61234);
  g_test_message ("position 61234 holds id %" G_GINT64_FORMAT, id);
  g_assert_cmpint (ABS (id - 61235), <=, 400);
  {
    gint64 next = load_item_id (model, 61234 + 200);
    gint64 before = load_item_id (model, 61234 - 200);

    g_assert_cmpint (next, ==, id + 200);
    g_assert_cmpint (before, ==, id - 200);
  }
  g_assert_cmpuint (tw_row_get_n_alive () - baseline, <=, 17 * 200 + 10);

  g_clear_object (&model);
  g_assert_cmpuint (tw_row_get_n_alive (), ==, baseline);
}

/* The smallest and largest key, which the model reads to seek far into a
 * table: right on every server, and on SQLite read off the ends of the
 * b-tree (min() and max() side by side would scan the whole table). */
static void
test_key_range (TwTestDbFixture *fixture,
                gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = items_schema ();
  g_autoptr (TwSession) session = setup (fixture, metadata, 300);
  TwTable *items = tw_metadata_find_table (metadata, "items");
  TwRowSchema *schema = _tw_session_get_schema (session, items);
  TwQuerySql *query = _tw_query_sql_key_range (schema, fixture->kind);
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = tw_connection_execute (fixture->connection, query->sql,
                                  (TwValue * const *) query->params->pdata, query->params->len,
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 1);
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 0, 0)), ==, 1);
  g_assert_cmpint (tw_value_get_int64 (tw_result_get_value (result, 0, 1)), ==, 300);

  if (fixture->kind == TW_DIALECT_KIND_SQLITE)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", query->sql, NULL);
      g_autoptr (TwResult) plan = tw_connection_execute (fixture->connection, explain, NULL, 0,
                                                         NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < tw_result_get_n_rows (plan); i++)
        {
          const TwValue *detail = tw_result_get_value (plan, i, tw_result_get_n_columns (plan) - 1);

          g_assert_false (g_str_has_prefix (tw_value_get_text (detail), "SCAN items"));
        }
    }

  _tw_query_sql_free (query);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  tw_test_db_add ("/db/row-model/small", NULL, test_small);
  tw_test_db_add ("/db/row-model/large", NULL, test_large);
  tw_test_db_add ("/db/row-model/key-range", NULL, test_key_range);

  return tw_test_db_run ();
}
