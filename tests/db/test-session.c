/* test-session.c: staging, committing, rolling back and reading rows through
 * a session, against SQLite, PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <string.h>

#include "tw-dialect.h"
#include "tw-session.h"
#include "tw-test-db.h"

/* Schemas */

static TwColumn *
add_column (TwTable      *table,
            const char   *name,
            TwColumnType  type)
{
  g_autoptr (TwColumn) column = tw_column_new (name, type);

  tw_table_add_column (table, column);
  return column;
}

static TwColumn *
add_key (TwTable    *table,
         const char *name)
{
  TwColumn *column = add_column (table, name, TW_COLUMN_TYPE_INTEGER);

  tw_column_set_primary_key (column, TRUE);
  tw_column_set_nullable (column, FALSE);
  return column;
}

static TwColumn *
add_string (TwTable    *table,
            const char *name,
            guint       length)
{
  TwColumn *column = add_column (table, name, TW_COLUMN_TYPE_STRING);

  tw_column_set_length (column, length);
  return column;
}

static TwForeignKey *
add_foreign_key (TwTable    *table,
                 const char *name,
                 const char *column,
                 const char *referred_table)
{
  const char *columns[] = { column, NULL };
  const char *referred[] = { "id", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (name, columns, referred_table, referred);

  tw_table_add_foreign_key (table, fk);
  return fk;
}

static TwTable *
add_table (TwMetadata *metadata,
           const char *name)
{
  g_autoptr (TwTable) table = tw_table_new (name);

  tw_metadata_add_table (metadata, table);
  return table;
}

/* users (id, name unique not null, age >= 0) → orders (id, user_id, note
 * String(10)) → order_lines (id, order_id, qty not null, price
 * Numeric(10, 2)); node (id, parent_id → node, data); authors and books,
 * linked many-to-many through author_book. */
static TwMetadata *
shop_schema (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwCheckConstraint) check = NULL;
  g_autoptr (GError) error = NULL;
  TwRelationship *relationship;
  TwTable *users, *orders, *lines, *node, *authors, *books;
  TwColumn *column;

  users = add_table (metadata, "users");
  add_key (users, "id");
  column = add_string (users, "name", 50);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_unique (column, TRUE);
  add_column (users, "age", TW_COLUMN_TYPE_INTEGER);
  check = tw_check_constraint_new ("ck_users_age", "age >= 0");
  tw_table_add_check_constraint (users, check);

  orders = add_table (metadata, "orders");
  add_key (orders, "id");
  tw_column_set_nullable (add_column (orders, "user_id", TW_COLUMN_TYPE_INTEGER), FALSE);
  add_string (orders, "note", 10);
  add_foreign_key (orders, "fk_orders_user", "user_id", "users");

  lines = add_table (metadata, "order_lines");
  add_key (lines, "id");
  tw_column_set_nullable (add_column (lines, "order_id", TW_COLUMN_TYPE_INTEGER), FALSE);
  tw_column_set_nullable (add_column (lines, "qty", TW_COLUMN_TYPE_INTEGER), FALSE);
  column = add_column (lines, "price", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (column, 10);
  tw_column_set_scale (column, 2);
  add_foreign_key (lines, "fk_lines_order", "order_id", "orders");

  node = add_table (metadata, "node");
  add_key (node, "id");
  add_column (node, "parent_id", TW_COLUMN_TYPE_INTEGER);
  add_string (node, "data", 50);
  add_foreign_key (node, "fk_node_parent", "parent_id", "node");

  authors = add_table (metadata, "authors");
  add_key (authors, "id");
  add_string (authors, "name", 50);
  books = add_table (metadata, "books");
  add_key (books, "id");
  add_string (books, "title", 50);
  /* The metadata keeps the relationship. */
  relationship = tw_metadata_link_many_to_many (metadata, authors, books, "author_book", &error);
  g_assert_no_error (error);
  g_assert_nonnull (relationship);

  return metadata;
}

static void
create_tables (TwTestDbFixture *fixture,
               TwMetadata      *metadata)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  statements = tw_dialect_compile_create_all (tw_dialect_get (fixture->kind), metadata, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (statements, i);

      tw_connection_execute_script (fixture->connection, statement->sql, NULL, &error);
      g_assert_no_error (error);
    }
}

static TwSession *
shop_session (TwTestDbFixture  *fixture,
              TwMetadata      **metadata_out)
{
  g_autoptr (TwMetadata) metadata = shop_schema ();

  create_tables (fixture, metadata);
  *metadata_out = g_object_ref (metadata);
  return tw_session_new (fixture->connection, metadata);
}

/* Values and queries */

#define I(x) tw_value_new_int64 (x)
#define T(x) tw_value_new_text (x)

static gint64
query_int (TwConnection *connection,
           const char   *sql,
           ...)
{
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  g_autofree char *native = NULL;
  g_autoptr (GError) error = NULL;
  const TwValue *value;
  TwValue *param;
  va_list args;

  va_start (args, sql);
  while ((param = va_arg (args, TwValue *)) != NULL)
    g_ptr_array_add (params, param);
  va_end (args);

  native = tw_test_db_sql (tw_connection_get_dialect_kind (connection), sql);
  result = tw_connection_execute (connection, native, (TwValue * const *) params->pdata,
                                  params->len, NULL, &error);
  g_assert_no_error (error);
  if (tw_result_get_n_rows (result) == 0)
    return -1;
  value = tw_result_get_value (result, 0, 0);
  if (tw_value_is_null (value))
    return -2;
  if (tw_value_get_kind (value) == TW_VALUE_KIND_INT64)
    return tw_value_get_int64 (value);
  if (tw_value_get_kind (value) == TW_VALUE_KIND_BOOLEAN)
    return tw_value_get_boolean (value);
  return g_ascii_strtoll (tw_value_get_text (value), NULL, 10);
}

static char *
query_text (TwConnection *connection,
            const char   *sql,
            ...)
{
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  g_autofree char *native = NULL;
  g_autoptr (GError) error = NULL;
  TwValue *param;
  va_list args;

  va_start (args, sql);
  while ((param = va_arg (args, TwValue *)) != NULL)
    g_ptr_array_add (params, param);
  va_end (args);

  native = tw_test_db_sql (tw_connection_get_dialect_kind (connection), sql);
  result = tw_connection_execute (connection, native, (TwValue * const *) params->pdata,
                                  params->len, NULL, &error);
  g_assert_no_error (error);
  if (tw_result_get_n_rows (result) == 0)
    return NULL;
  return tw_value_to_string (tw_result_get_value (result, 0, 0));
}

static gint64
count_rows (TwConnection *connection,
            const char   *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return query_int (connection, sql, NULL);
}

static TwTable *
table (TwMetadata *metadata,
       const char *name)
{
  TwTable *table = tw_metadata_find_table (metadata, name);

  g_assert_nonnull (table);
  return table;
}

static guint
column (TwRow      *row,
        const char *name)
{
  int position = tw_row_find_column (row, name);

  g_assert_cmpint (position, >=, 0);
  return position;
}

static TwRow *
new_row (TwSession  *session,
         TwTable    *table,
         const char *first_column,
         ...)
{
  TwRow *row = tw_session_create_row (session, table);
  g_autoptr (GError) error = NULL;
  const char *name = first_column;
  va_list args;

  va_start (args, first_column);
  while (name != NULL)
    {
      g_autoptr (TwValue) value = va_arg (args, TwValue *);

      tw_row_set_value_by_name (row, name, value, &error);
      g_assert_no_error (error);
      name = va_arg (args, const char *);
    }
  va_end (args);

  tw_session_add (session, row, &error);
  g_assert_no_error (error);
  return row;
}

static void
set_value (TwSession  *session,
           TwRow      *row,
           const char *name,
           TwValue    *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwValue) owned = value;

  tw_session_set_value (session, row, column (row, name), owned, &error);
  g_assert_no_error (error);
}

static gint64
row_int (TwRow      *row,
         const char *name)
{
  const TwValue *value = tw_row_get_value_by_name (row, name);

  g_assert_nonnull (value);
  g_assert_cmpint (tw_value_get_kind (value), ==, TW_VALUE_KIND_INT64);
  return tw_value_get_int64 (value);
}

static const char *
row_text (TwRow      *row,
          const char *name)
{
  const TwValue *value = tw_row_get_value_by_name (row, name);

  g_assert_nonnull (value);
  if (tw_value_is_null (value))
    return NULL;
  return tw_value_get_text (value);
}

static void
commit_ok (TwSession *session)
{
  g_autoptr (GError) error = NULL;

  tw_session_commit (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tw_session_has_changes (session));
}

/* Every row of a table, in key order. */
static GPtrArray *
read_all (TwSession *session,
          TwTable   *table)
{
  g_autoptr (GError) error = NULL;
  TwSort sort = { "id", FALSE };
  GPtrArray *rows;

  rows = tw_session_read_page (session, table, NULL, &sort, NULL, 0, 100000, NULL, &error);
  g_assert_no_error (error);
  return rows;
}

/* Insert, update, delete */

static void
test_round_trip (TwTestDbFixture *fixture,
                 gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) bob = NULL;
  g_autofree char *name = NULL;
  gint64 ada_id, bob_id;

  ada = new_row (session, users, "name", T ("Ada"), "age", I (36), NULL);
  bob = new_row (session, users, "name", T ("Bob"), "age", NULL, NULL);
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_NEW);
  g_assert_null (tw_row_get_value_by_name (ada, "id"));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 2);

  commit_ok (session);
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_CLEAN);
  ada_id = row_int (ada, "id");
  bob_id = row_int (bob, "id");
  g_assert_cmpint (ada_id, !=, bob_id);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 2);
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = ?",
                              I (ada_id), NULL), ==, 36);
  /* A value left out (no default) is NULL, read back from the database. */
  g_assert_true (tw_value_is_null (tw_row_get_value_by_name (bob, "age")));

  set_value (session, ada, "name", T ("Ada Lovelace"));
  set_value (session, ada, "age", I (37));
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_MODIFIED);
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 1);
  g_assert_cmpstr (tw_value_get_text (tw_row_get_original_value (ada, column (ada, "name"))), ==, "Ada");
  commit_ok (session);
  name = query_text (fixture->connection, "SELECT name FROM users WHERE id = ?", I (ada_id), NULL);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = ?",
                              I (ada_id), NULL), ==, 37);
  g_assert_false (tw_row_is_value_changed (ada, column (ada, "name")));

  g_assert_true (tw_session_delete (session, bob, NULL));
  g_assert_cmpint (tw_row_get_state (bob), ==, TW_ROW_STATE_DELETED);
  g_assert_cmpuint (tw_session_get_n_deleted (session), ==, 1);
  commit_ok (session);
  g_assert_cmpint (tw_row_get_state (bob), ==, TW_ROW_STATE_DETACHED);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 1);
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM users WHERE id = ?",
                              I (bob_id), NULL), ==, 0);
}

/* The primary key itself changes: UPDATE ... WHERE key = the old key. */
static void
test_key_change (TwTestDbFixture *fixture,
                 gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (TwRow) row = NULL;
  g_autoptr (TwRow) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwValue) key = I (500);

  row = new_row (session, users, "id", I (5), "name", T ("Eve"), NULL);
  commit_ok (session);

  set_value (session, row, "id", I (500));
  commit_ok (session);
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM users WHERE id = 500", NULL), ==, 1);
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM users WHERE id = 5", NULL), ==, 0);

  /* The identity map follows the new key. */
  again = tw_session_get (session, users, &key, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again == row);
}

/* Generated keys and references */

static void
test_generated_keys (TwTestDbFixture *fixture,
                     gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  TwTable *orders = table (metadata, "orders");
  TwForeignKey *fk = g_list_model_get_item (tw_table_get_foreign_keys (orders), 0);
  g_autoptr (TwRow) user = NULL;
  g_autoptr (TwRow) first = NULL;
  g_autoptr (TwRow) second = NULL;
  g_autoptr (GError) error = NULL;
  gint64 user_id;

  g_object_unref (fk);

  /* The children are staged before their parent, which is not even added
   * yet: the reference adds it. */
  user = tw_session_create_row (session, users);
  {
    g_autoptr (TwValue) name = T ("Grace");

    tw_row_set_value_by_name (user, "name", name, &error);
    g_assert_no_error (error);
  }
  first = new_row (session, orders, "note", T ("first"), NULL);
  second = new_row (session, orders, "note", T ("second"), NULL);
  tw_session_set_reference (session, first, fk, user, &error);
  g_assert_no_error (error);
  tw_session_set_reference (session, second, fk, user, &error);
  g_assert_no_error (error);
  g_assert_true (tw_row_get_session (user) == session);
  g_assert_true (tw_row_get_reference (first, fk) == user);
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 3);

  commit_ok (session);
  user_id = row_int (user, "id");
  g_assert_cmpint (row_int (first, "user_id"), ==, user_id);
  g_assert_cmpint (row_int (second, "user_id"), ==, user_id);
  g_assert_null (tw_row_get_reference (first, fk));
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM orders WHERE user_id = ?",
                              I (user_id), NULL), ==, 2);

  /* A committed parent's key is copied at once. */
  {
    g_autoptr (TwRow) third = new_row (session, orders, "note", T ("third"), NULL);

    tw_session_set_reference (session, third, fk, user, &error);
    g_assert_no_error (error);
    g_assert_null (tw_row_get_reference (third, fk));
    g_assert_cmpint (row_int (third, "user_id"), ==, user_id);
    commit_ok (session);
  }
  g_assert_cmpint (count_rows (fixture->connection, "orders"), ==, 3);
}

/* Foreign key order: users → orders → order_lines staged in reverse. */
static void
test_hierarchy_order (TwTestDbFixture *fixture,
                      gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  TwTable *orders = table (metadata, "orders");
  TwTable *lines = table (metadata, "order_lines");
  g_autoptr (TwForeignKey) order_user = g_list_model_get_item (tw_table_get_foreign_keys (orders), 0);
  g_autoptr (TwForeignKey) line_order = g_list_model_get_item (tw_table_get_foreign_keys (lines), 0);
  g_autoptr (GPtrArray) all_lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) all_orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) all_users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  /* Lines first, then their orders, then the users. */
  for (guint u = 0; u < 2; u++)
    for (guint o = 0; o < 2; o++)
      for (guint l = 0; l < 3; l++)
        g_ptr_array_add (all_lines, new_row (session, lines, "qty", I (l + 1), NULL));
  for (guint o = 0; o < 4; o++)
    {
      g_autofree char *note = g_strdup_printf ("o%u", o);

      g_ptr_array_add (all_orders, new_row (session, orders, "note", T (note), NULL));
    }
  for (guint u = 0; u < 2; u++)
    {
      g_autofree char *name = g_strdup_printf ("user %u", u);

      g_ptr_array_add (all_users, new_row (session, users, "name", T (name), NULL));
    }
  for (guint i = 0; i < all_lines->len; i++)
    {
      tw_session_set_reference (session, g_ptr_array_index (all_lines, i), line_order,
                                g_ptr_array_index (all_orders, i / 3), &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < all_orders->len; i++)
    {
      tw_session_set_reference (session, g_ptr_array_index (all_orders, i), order_user,
                                g_ptr_array_index (all_users, i / 2), &error);
      g_assert_no_error (error);
    }

  /* The plan inserts users, then orders, then lines. */
  statements = tw_session_render_pending (session, &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "users", "orders", "order_lines" };
    guint next = 0;

    for (guint i = 0; i < statements->len; i++)
      {
        TwBoundStatement *statement = g_ptr_array_index (statements, i);

        /* MySQL reads back the defaults of the columns left out. */
        if (statement->kind == TW_CHANGE_KIND_REFRESH && fixture->kind == TW_DIALECT_KIND_MYSQL)
          continue;
        g_assert_cmpint (statement->kind, ==, TW_CHANGE_KIND_INSERT);
        if (next < 3 && g_str_equal (statement->table, expected[next]))
          next++;
        g_assert_cmpstr (statement->table, ==, expected[next - 1]);
      }
    g_assert_cmpuint (next, ==, 3);
  }

  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "order_lines"), ==, 12);
  for (guint i = 0; i < all_lines->len; i++)
    {
      TwRow *line = g_ptr_array_index (all_lines, i);
      TwRow *order = g_ptr_array_index (all_orders, i / 3);

      g_assert_cmpint (row_int (line, "order_id"), ==, row_int (order, "id"));
      g_assert_cmpint (query_int (fixture->connection, "SELECT order_id FROM order_lines WHERE id = ?",
                                  I (row_int (line, "id")), NULL), ==, row_int (order, "id"));
    }
  for (guint i = 0; i < all_orders->len; i++)
    g_assert_cmpint (row_int (g_ptr_array_index (all_orders, i), "user_id"), ==,
                     row_int (g_ptr_array_index (all_users, i / 2), "id"));

  /* Deleting everything, parents staged first: children go first. */
  for (guint i = 0; i < all_users->len; i++)
    g_assert_true (tw_session_delete (session, g_ptr_array_index (all_users, i), NULL));
  for (guint i = 0; i < all_orders->len; i++)
    g_assert_true (tw_session_delete (session, g_ptr_array_index (all_orders, i), NULL));
  for (guint i = 0; i < all_lines->len; i++)
    g_assert_true (tw_session_delete (session, g_ptr_array_index (all_lines, i), NULL));
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 0);
  g_assert_cmpint (count_rows (fixture->connection, "order_lines"), ==, 0);
}

/* A self-referential tree of four levels staged bottom-up, by reference
 * (generated keys) and by value (explicit keys). */
static void
test_tree (TwTestDbFixture *fixture,
           gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *node = table (metadata, "node");
  g_autoptr (TwForeignKey) parent_fk = g_list_model_get_item (tw_table_get_foreign_keys (node), 0);
  GPtrArray *levels[4] = { NULL };
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  /* Level 3 (leaves) first: 8 leaves, 4, 2, 1 root. */
  for (int level = 3; level >= 0; level--)
    {
      levels[level] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < (1u << level); i++)
        {
          g_autofree char *data = g_strdup_printf ("L%d.%u", level, i);

          g_ptr_array_add (levels[level], new_row (session, node, "data", T (data), NULL));
        }
    }
  for (int level = 3; level > 0; level--)
    for (guint i = 0; i < levels[level]->len; i++)
      {
        tw_session_set_reference (session, g_ptr_array_index (levels[level], i), parent_fk,
                                  g_ptr_array_index (levels[level - 1], i / 2), &error);
        g_assert_no_error (error);
      }

  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "node"), ==, 15);
  for (int level = 3; level > 0; level--)
    for (guint i = 0; i < levels[level]->len; i++)
      {
        TwRow *child = g_ptr_array_index (levels[level], i);
        TwRow *parent = g_ptr_array_index (levels[level - 1], i / 2);

        g_assert_cmpint (query_int (fixture->connection, "SELECT parent_id FROM node WHERE id = ?",
                                    I (row_int (child, "id")), NULL), ==, row_int (parent, "id"));
      }
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM node WHERE parent_id IS NULL",
                              NULL), ==, 1);
  for (guint level = 0; level < 4; level++)
    g_ptr_array_unref (levels[level]);

  /* Explicit keys, children first: ordered by the values. */
  for (int level = 3; level >= 0; level--)
    for (guint i = 0; i < (1u << level); i++)
      {
        guint id = 1000 + (1u << level) + i;
        g_autoptr (TwRow) row = NULL;

        if (level > 0)
          row = new_row (session, node, "id", I (id),
                         "parent_id", I (1000 + (1u << (level - 1)) + i / 2), NULL);
        else
          row = new_row (session, node, "id", I (id), NULL);
      }
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "node"), ==, 30);

  /* The whole tree deleted, root first: leaves go first. */
  rows = read_all (session, node);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (tw_session_delete (session, g_ptr_array_index (rows, i), NULL));
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "node"), ==, 0);
}

static void
test_cycle (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *node = table (metadata, "node");
  g_autoptr (TwForeignKey) parent_fk = g_list_model_get_item (tw_table_get_foreign_keys (node), 0);
  g_autoptr (TwRow) a = new_row (session, node, "data", T ("a"), NULL);
  g_autoptr (TwRow) b = new_row (session, node, "data", T ("b"), NULL);
  g_autoptr (GError) error = NULL;

  tw_session_set_reference (session, a, parent_fk, b, &error);
  g_assert_no_error (error);
  tw_session_set_reference (session, b, parent_fk, a, &error);
  g_assert_no_error (error);

  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_CYCLE);
  g_assert_cmpstr (tw_session_error_get_table (error), ==, "node");
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 2);
  g_assert_cmpint (count_rows (fixture->connection, "node"), ==, 0);
}

/* Many-to-many */

static void
test_links (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *authors = table (metadata, "authors");
  TwTable *books = table (metadata, "books");
  g_autoptr (TwRelationship) relationship = NULL;
  g_autoptr (TwRow) pratchett = NULL;
  g_autoptr (TwRow) gaiman = NULL;
  g_autoptr (TwRow) omens = NULL;
  g_autoptr (TwRow) mort = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *relationships = tw_metadata_get_relationships (metadata);

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr (TwRelationship) candidate = g_list_model_get_item (relationships, i);

      if (tw_relationship_get_kind (candidate) == TW_RELATIONSHIP_KIND_MANY_TO_MANY)
        g_set_object (&relationship, candidate);
    }
  g_assert_nonnull (relationship);

  /* All four new: the links wait for their keys. */
  pratchett = new_row (session, authors, "name", T ("Pratchett"), NULL);
  gaiman = new_row (session, authors, "name", T ("Gaiman"), NULL);
  omens = new_row (session, books, "title", T ("Good Omens"), NULL);
  mort = new_row (session, books, "title", T ("Mort"), NULL);
  g_assert_true (tw_session_link (session, relationship, pratchett, omens, &error));
  g_assert_true (tw_session_link (session, relationship, gaiman, omens, &error));
  g_assert_true (tw_session_link (session, relationship, gaiman, mort, &error));
  g_assert_no_error (error);
  /* The same link twice is one; a link and an unlink cancel out. */
  g_assert_true (tw_session_link (session, relationship, gaiman, omens, NULL));
  g_assert_true (tw_session_unlink (session, relationship, gaiman, mort, NULL));
  g_assert_cmpuint (tw_session_get_n_links (session), ==, 2);
  g_assert_true (tw_session_link (session, relationship, pratchett, mort, NULL));
  {
    g_autoptr (GPtrArray) linked = tw_session_dup_staged_links (session, relationship, omens, FALSE);
    g_autoptr (GPtrArray) unlinked = tw_session_dup_staged_links (session, relationship, omens, TRUE);
    g_autoptr (GPtrArray) mort_linked = tw_session_dup_staged_links (session, relationship, mort, FALSE);

    g_assert_cmpuint (linked->len, ==, 2);
    g_assert_true (g_ptr_array_index (linked, 0) == pratchett);
    g_assert_true (g_ptr_array_index (linked, 1) == gaiman);
    g_assert_cmpuint (unlinked->len, ==, 0);
    g_assert_cmpuint (mort_linked->len, ==, 1);
    g_assert_true (g_ptr_array_index (mort_linked, 0) == pratchett);
  }

  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "author_book"), ==, 3);
  g_assert_cmpint (query_int (fixture->connection,
                              "SELECT count(*) FROM author_book WHERE book_id = ?",
                              I (row_int (omens, "id")), NULL), ==, 2);

  /* Reading one side's linked rows (Pratchett's books) with a "linked"
   * filter gives the very rows of the identity map. */
  {
    g_autoptr (TwValue) key = I (row_int (pratchett, "id"));
    TwFilter filter = { "id", TW_FILTER_OPERATOR_LINKED, key, "author_book", "book_id", "author_id" };
    TwSort sort = { "title", FALSE };
    g_autoptr (GPtrArray) linked = NULL;

    linked = tw_session_read_page (session, books, &filter, &sort, NULL, 0, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (linked->len, ==, 2);
    g_assert_true (g_ptr_array_index (linked, 0) == omens);
    g_assert_true (g_ptr_array_index (linked, 1) == mort);

    /* Without its association table, the filter says what it lacks. */
    filter.through = NULL;
    g_clear_pointer (&linked, g_ptr_array_unref);
    linked = tw_session_read_page (session, books, &filter, NULL, NULL, 0, 10, NULL, &error);
    g_assert_null (linked);
    g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }

  /* Unlinking, and deleting a book after unlinking it. */
  g_assert_true (tw_session_unlink (session, relationship, pratchett, mort, NULL));
  g_assert_true (tw_session_delete (session, mort, NULL));
  g_assert_true (tw_session_unlink (session, relationship, gaiman, omens, NULL));
  {
    g_autoptr (GPtrArray) unlinked = tw_session_dup_staged_links (session, relationship, gaiman, TRUE);

    g_assert_cmpuint (unlinked->len, ==, 1);
    g_assert_true (g_ptr_array_index (unlinked, 0) == omens);
  }
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "author_book"), ==, 1);
  g_assert_cmpint (count_rows (fixture->connection, "books"), ==, 1);

  /* Unlinking a pair that is not linked touches no row: stale. */
  g_assert_true (tw_session_unlink (session, relationship, gaiman, omens, NULL));
  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_STALE);
  g_assert_cmpuint (tw_session_get_n_links (session), ==, 1);
}

/* Failures leave the database and the staged changes as they were */

typedef enum
{
  FAIL_UNIQUE,
  FAIL_NOT_NULL,
  FAIL_FOREIGN_KEY,
  FAIL_CHECK,
  FAIL_TOO_LONG,
  FAIL_UPDATE_UNIQUE,
} Failure;

typedef struct
{
  Failure         failure;
  TwSessionError  code;
  const char     *table;
  const char     *column;       /* expected where every server names it */
  const char     *constraint;   /* expected on PostgreSQL */
} FailureCase;

static const FailureCase failure_cases[] = {
  { FAIL_UNIQUE, TW_SESSION_ERROR_CONSTRAINT, "users", NULL, "users_name_key" },
  { FAIL_NOT_NULL, TW_SESSION_ERROR_CONSTRAINT, "order_lines", "qty", NULL },
  { FAIL_FOREIGN_KEY, TW_SESSION_ERROR_CONSTRAINT, "orders", NULL, "fk_orders_user" },
  { FAIL_CHECK, TW_SESSION_ERROR_CONSTRAINT, "users", NULL, "ck_users_age" },
  { FAIL_TOO_LONG, TW_SESSION_ERROR_DATA, "orders", NULL, NULL },
  { FAIL_UPDATE_UNIQUE, TW_SESSION_ERROR_CONSTRAINT, "users", "name", "users_name_key" },
};

static void
test_failure (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  const FailureCase *c = user_data;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  TwTable *orders = table (metadata, "orders");
  TwTable *lines = table (metadata, "order_lines");
  g_autoptr (TwForeignKey) order_user = g_list_model_get_item (tw_table_get_foreign_keys (orders), 0);
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) bob = NULL;
  g_autoptr (TwRow) new_user = NULL;
  g_autoptr (TwRow) new_order = NULL;
  g_autoptr (TwRow) bad = NULL;
  g_autoptr (GError) error = NULL;
  const TwDbErrorDetails *details;

  if (c->failure == FAIL_TOO_LONG && fixture->kind == TW_DIALECT_KIND_SQLITE)
    {
      g_test_skip ("SQLite does not enforce the length of VARCHAR");
      return;
    }

  ada = new_row (session, users, "id", I (101), "name", T ("Ada"), "age", I (30), NULL);
  bob = new_row (session, users, "id", I (102), "name", T ("Bob"), NULL);
  commit_ok (session);

  /* Good changes around the bad one: an insert with a generated key and a
   * child referring to it, an update and a delete. */
  new_user = new_row (session, users, "name", T ("Carol"), NULL);
  new_order = new_row (session, orders, "note", T ("ok"), NULL);
  tw_session_set_reference (session, new_order, order_user, new_user, &error);
  g_assert_no_error (error);
  if (c->failure != FAIL_UPDATE_UNIQUE)
    set_value (session, ada, "age", I (31));
  g_assert_true (tw_session_delete (session, bob, NULL));

  switch (c->failure)
    {
    case FAIL_UNIQUE:
      bad = new_row (session, users, "name", T ("Ada"), NULL);
      break;
    case FAIL_NOT_NULL:
      bad = new_row (session, lines, "order_id", I (1), "qty", tw_value_new_null (), NULL);
      break;
    case FAIL_FOREIGN_KEY:
      bad = new_row (session, orders, "user_id", I (999), "note", T ("bad"), NULL);
      break;
    case FAIL_CHECK:
      bad = new_row (session, users, "name", T ("Minus"), "age", I (-1), NULL);
      break;
    case FAIL_TOO_LONG:
      bad = new_row (session, orders, "user_id", I (101), "note", T ("far too long for ten"), NULL);
      break;
    case FAIL_UPDATE_UNIQUE:
      /* Bob is deleted in the same commit, but after the updates. */
      bad = g_object_ref (ada);
      set_value (session, ada, "name", T ("Bob"));
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_cmpuint (tw_session_get_n_new (session), ==, c->failure == FAIL_UPDATE_UNIQUE ? 2 : 3);

  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, c->code);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (tw_session_error_get_table (error), ==, c->table);
  g_assert_true (strstr (error->message, c->table) != NULL);
  if (c->column != NULL && c->failure != FAIL_NOT_NULL)
    g_assert_cmpstr (tw_session_error_get_column (error), ==, c->column);
  if (c->failure == FAIL_NOT_NULL && fixture->kind != TW_DIALECT_KIND_MYSQL)
    g_assert_cmpstr (tw_session_error_get_column (error), ==, c->column);
  if (c->constraint != NULL && fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_assert_cmpstr (tw_session_error_get_constraint (error), ==, c->constraint);
  details = tw_session_error_get_db_details (error);
  g_assert_nonnull (details);
  g_assert_true (tw_session_error_get_row (error) == bad);

  /* The database is as it was... */
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 2);
  g_assert_cmpint (count_rows (fixture->connection, "orders"), ==, 0);
  g_assert_cmpint (count_rows (fixture->connection, "order_lines"), ==, 0);
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 101", NULL), ==, 30);
  g_assert_false (tw_connection_in_transaction (fixture->connection));

  /* ...and so is every staged change, without the keys the failed flush
   * was given. */
  g_assert_cmpuint (tw_session_get_n_new (session), ==, c->failure == FAIL_UPDATE_UNIQUE ? 2 : 3);
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 1);
  g_assert_cmpuint (tw_session_get_n_deleted (session), ==, 1);
  g_assert_null (tw_row_get_value_by_name (new_user, "id"));
  g_assert_null (tw_row_get_value_by_name (new_order, "user_id"));
  g_assert_true (tw_row_get_reference (new_order, order_user) == new_user);
  g_assert_cmpint (tw_row_get_state (new_user), ==, TW_ROW_STATE_NEW);
  if (c->failure != FAIL_UPDATE_UNIQUE)
    g_assert_cmpint (row_int (ada, "age"), ==, 31);
  else
    g_assert_cmpstr (row_text (ada, "name"), ==, "Bob");
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_MODIFIED);
  g_assert_cmpint (tw_row_get_state (bob), ==, TW_ROW_STATE_DELETED);

  /* Fixing the value makes the commit go through. */
  switch (c->failure)
    {
    case FAIL_UNIQUE:
    case FAIL_UPDATE_UNIQUE:
      set_value (session, bad, "name", T ("Dave"));
      break;
    case FAIL_NOT_NULL:
      /* A new row dropped leaves the session. */
      g_assert_true (tw_session_delete (session, bad, NULL));
      break;
    case FAIL_FOREIGN_KEY:
      set_value (session, bad, "user_id", I (101));
      break;
    case FAIL_CHECK:
      set_value (session, bad, "age", I (1));
      break;
    case FAIL_TOO_LONG:
      set_value (session, bad, "note", T ("short"));
      break;
    default:
      g_assert_not_reached ();
    }
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "orders"), >=, 1);
  if (c->failure != FAIL_UPDATE_UNIQUE)
    g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 101", NULL), ==, 31);
  g_assert_cmpint (query_int (fixture->connection, "SELECT count(*) FROM users WHERE id = 102", NULL), ==, 0);
  g_assert_cmpint (query_int (fixture->connection, "SELECT user_id FROM orders WHERE note = 'ok'", NULL), ==,
                   row_int (new_user, "id"));
}

/* Stale rows */

static TwConnection *
second_connection (TwTestDbFixture *fixture)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GError) error = NULL;
  TwConnection *connection;

  url = tw_url_parse (fixture->url, &error);
  g_assert_no_error (error);
  connection = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
test_stale (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  TwTable *lines = table (metadata, "order_lines");
  TwConnection *other = second_connection (fixture);
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) bob = NULL;
  g_autoptr (TwRow) carol = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  ada = new_row (session, users, "id", I (1), "name", T ("Ada"), NULL);
  bob = new_row (session, users, "id", I (2), "name", T ("Bob"), NULL);
  carol = new_row (session, users, "id", I (3), "name", T ("Carol"), NULL);
  commit_ok (session);

  /* Someone else renames Ada; our rename of the name we read fails. */
  tw_test_db_run_sql (other, "UPDATE users SET name = 'Ada King' WHERE id = 1", NULL);
  set_value (session, ada, "name", T ("Ada Lovelace"));
  set_value (session, carol, "age", I (5));
  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_STALE);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (tw_session_error_get_table (error), ==, "users");
  g_assert_cmpstr (tw_session_error_get_key (error), ==, "id = 1");
  g_assert_true (tw_session_error_get_row (error) == ada);
  name = query_text (fixture->connection, "SELECT name FROM users WHERE id = 1", NULL);
  g_assert_cmpstr (name, ==, "Ada King");
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 3", NULL), ==, -2);
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 2);
  g_assert_cmpstr (row_text (ada, "name"), ==, "Ada Lovelace");
  g_clear_error (&error);

  /* Someone else deletes Bob; our update of Bob fails. */
  tw_session_revert_row (session, ada);
  tw_test_db_run_sql (other, "DELETE FROM users WHERE id = 2", NULL);
  set_value (session, bob, "age", I (40));
  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_STALE);
  g_assert_cmpstr (tw_session_error_get_key (error), ==, "id = 2");
  g_clear_error (&error);

  /* ...and so does deleting it. */
  tw_session_revert_row (session, bob);
  g_assert_true (tw_session_delete (session, bob, NULL));
  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_STALE);
  g_clear_error (&error);
  tw_session_revert_row (session, bob);
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 3", NULL), ==, -2);

  commit_ok (session);
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 3", NULL), ==, 5);

  /* A value written the way the server stores it already ("1.5" for a
   * stored 1.50) changes no byte: that is no stale row. */
  {
    g_autoptr (TwRow) line = NULL;
    g_autoptr (TwRow) order = NULL;
    g_autoptr (GPtrArray) rows = NULL;

    order = new_row (session, table (metadata, "orders"), "id", I (1), "user_id", I (1), NULL);
    line = new_row (session, lines, "id", I (1), "order_id", I (1), "qty", I (1),
                    "price", tw_value_new_numeric ("1.50"), NULL);
    commit_ok (session);
    set_value (session, line, "price", tw_value_new_numeric ("1.5"));
    g_assert_cmpuint (tw_session_get_n_modified (session), ==, 1);
    commit_ok (session);
  }

  tw_test_db_finalize_connection (other);
}

/* Undoing */

static guint changed_count;

static void
count_cb (void)
{
  changed_count++;
}

static void
test_rollback_and_revert (TwTestDbFixture *fixture,
                          gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) bob = NULL;
  g_autoptr (TwRow) carol = NULL;
  guint name, age;
  gulong handler;

  ada = new_row (session, users, "id", I (1), "name", T ("Ada"), "age", I (30), NULL);
  bob = new_row (session, users, "id", I (2), "name", T ("Bob"), NULL);
  commit_ok (session);
  name = column (ada, "name");
  age = column (ada, "age");

  changed_count = 0;
  handler = g_signal_connect_swapped (session, "changed", G_CALLBACK (count_cb), NULL);

  set_value (session, ada, "name", T ("Ada L."));
  set_value (session, ada, "age", I (31));
  g_assert_true (tw_session_delete (session, bob, NULL));
  carol = new_row (session, users, "name", T ("Carol"), NULL);
  g_assert_cmpuint (changed_count, ==, 4);
  g_assert_true (tw_session_has_changes (session));

  /* Setting a value back to the committed one drops the change. */
  set_value (session, ada, "age", I (30));
  g_assert_false (tw_row_is_value_changed (ada, age));
  set_value (session, ada, "age", I (31));

  /* One value, then one row. */
  tw_session_revert_value (session, ada, name);
  g_assert_cmpstr (row_text (ada, "name"), ==, "Ada");
  g_assert_true (tw_row_is_value_changed (ada, age));
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_MODIFIED);
  tw_session_revert_row (session, ada);
  g_assert_cmpint (row_int (ada, "age"), ==, 30);
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_CLEAN);
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 0);

  /* Everything else. */
  set_value (session, ada, "age", I (99));
  tw_session_rollback (session);
  g_assert_false (tw_session_has_changes (session));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 0);
  g_assert_cmpuint (tw_session_get_n_deleted (session), ==, 0);
  g_assert_cmpint (row_int (ada, "age"), ==, 30);
  g_assert_cmpint (tw_row_get_state (bob), ==, TW_ROW_STATE_CLEAN);
  g_assert_cmpint (tw_row_get_state (carol), ==, TW_ROW_STATE_NEW);
  g_assert_null (tw_row_get_session (carol));

  /* Nothing reached the database. */
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 2);
  g_assert_cmpint (query_int (fixture->connection, "SELECT age FROM users WHERE id = 1", NULL), ==, 30);

  g_signal_handler_disconnect (session, handler);
}

/* Identity map and read-only tables */

static void
test_identity_map (TwTestDbFixture *fixture,
                   gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (TwRow) got = NULL;
  g_autoptr (TwValue) key = I (2);
  g_autoptr (GError) error = NULL;
  TwRow *row;
  guint alive;

  tw_test_db_run_sql (fixture->connection, "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')", NULL);

  first = read_all (session, users);
  second = read_all (session, users);
  g_assert_cmpuint (first->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (second, i));

  got = tw_session_get (session, users, &key, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (got == g_ptr_array_index (first, 1));

  /* A staged change survives a new read; a clean row shows what the
   * database holds now. */
  row = g_ptr_array_index (first, 0);
  set_value (session, row, "name", T ("staged"));
  tw_test_db_run_sql (fixture->connection, "UPDATE users SET name = 'y' WHERE id = 1", NULL);
  tw_test_db_run_sql (fixture->connection, "UPDATE users SET name = 'z' WHERE id = 3", NULL);
  g_clear_pointer (&second, g_ptr_array_unref);
  second = read_all (session, users);
  g_assert_cmpstr (row_text (g_ptr_array_index (second, 0), "name"), ==, "staged");
  g_assert_cmpstr (row_text (g_ptr_array_index (second, 2), "name"), ==, "z");
  tw_session_rollback (session);

  /* Clean rows are held weakly: once nobody holds them, they go. */
  g_clear_object (&got);
  g_clear_pointer (&second, g_ptr_array_unref);
  alive = tw_row_get_n_alive ();
  g_clear_pointer (&first, g_ptr_array_unref);
  g_assert_cmpuint (tw_row_get_n_alive (), ==, alive - 3);
  first = read_all (session, users);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (tw_row_get_n_alive (), ==, alive);
}

static void
test_read_only (TwTestDbFixture *fixture,
                gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  g_autoptr (TwTable) log = tw_table_new ("log");
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (TwRow) row = NULL;
  g_autoptr (TwValue) value = T ("x");
  g_autoptr (GError) error = NULL;

  add_column (log, "at", TW_COLUMN_TYPE_INTEGER);
  add_string (log, "message", 100);
  tw_metadata_add_table (metadata, log);
  tw_test_db_run_sql (fixture->connection, "CREATE TABLE log (at INTEGER, message VARCHAR(100))", NULL);
  tw_test_db_run_sql (fixture->connection, "INSERT INTO log VALUES (1, 'one'), (2, 'two'), (3, 'three')", NULL);

  /* Read by offset, without a key. */
  rows = tw_session_read_page (session, log, NULL, NULL, NULL, 0, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  again = tw_session_read_page (session, log, NULL, NULL, NULL, 2, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);

  g_assert_false (tw_session_set_value (session, g_ptr_array_index (rows, 0), 1, value, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==,
                   "Table “log” has no primary key, so its rows cannot be told apart; it is read-only");
  g_clear_error (&error);

  g_assert_false (tw_session_delete (session, g_ptr_array_index (rows, 0), &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_READ_ONLY);
  g_clear_error (&error);

  row = tw_session_create_row (session, log);
  g_assert_false (tw_session_add (session, row, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_READ_ONLY);
  g_assert_false (tw_session_has_changes (session));
}

/* Paging */

#define N_ITEMS 300

/* Deterministic data with many equal sort values and some NULLs. */
static void
item_values (guint       id,
             gint64     *group,
             gboolean   *group_null,
             char      **name)
{
  *group = (id * 7) % 5;
  *group_null = id % 11 == 0;
  *name = g_strdup_printf ("%s %u", id % 3 == 0 ? "Apple_%" : (id % 3 == 1 ? "banana" : "cherry"), id);
}

typedef struct
{
  guint    id;
  gint64   group;
  gboolean group_null;
  char    *name;
} Item;

static TwMetadata *
items_schema (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  TwTable *items = add_table (metadata, "items");

  add_key (items, "id");
  add_column (items, "grp", TW_COLUMN_TYPE_INTEGER);
  add_string (items, "name", 50);
  return metadata;
}

static void
fill_items (TwTestDbFixture *fixture,
            TwSession       *session,
            TwTable         *items,
            Item            *expected)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      /* Inserted in a scrambled order, so that key order is no accident. */
      guint id = (i * 37) % N_ITEMS + 1;
      TwRow *row = tw_session_create_row (session, items);
      g_autoptr (TwValue) key = I (id);
      g_autoptr (TwValue) group = NULL;
      g_autoptr (TwValue) name = NULL;
      Item *item = &expected[id - 1];

      item->id = id;
      item_values (id, &item->group, &item->group_null, &item->name);
      group = item->group_null ? tw_value_new_null () : I (item->group);
      name = T (item->name);
      tw_row_set_value_by_name (row, "id", key, &error);
      tw_row_set_value_by_name (row, "grp", group, &error);
      tw_row_set_value_by_name (row, "name", name, &error);
      g_assert_no_error (error);
      g_ptr_array_add (rows, row);
    }

  tw_session_add_all (session, rows, &error);
  g_assert_no_error (error);
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "items"), ==, N_ITEMS);
}

typedef struct
{
  const char       *name;
  const char       *filter_column;
  TwFilterOperator  op;
  const char       *text;        /* the filter's value, as text */
  const char       *sort_column;
  gboolean          descending;
} PageCase;

static const PageCase page_cases[] = {
  { "key", NULL, 0, NULL, NULL, FALSE },
  { "sort-asc", NULL, 0, NULL, "grp", FALSE },
  { "sort-desc", NULL, 0, NULL, "grp", TRUE },
  { "name-desc", NULL, 0, NULL, "name", TRUE },
  { "equal", "grp", TW_FILTER_OPERATOR_EQUAL, "3", "name", FALSE },
  { "not-equal", "grp", TW_FILTER_OPERATOR_NOT_EQUAL, "3", "grp", FALSE },
  { "less", "grp", TW_FILTER_OPERATOR_LESS, "2", "grp", TRUE },
  { "less-equal", "grp", TW_FILTER_OPERATOR_LESS_EQUAL, "2", NULL, FALSE },
  { "greater", "grp", TW_FILTER_OPERATOR_GREATER, "2", "grp", FALSE },
  { "greater-equal", "id", TW_FILTER_OPERATOR_GREATER_EQUAL, "250", "grp", TRUE },
  { "contains", "name", TW_FILTER_OPERATOR_CONTAINS, "E_%", "grp", FALSE },
  { "contains-case", "name", TW_FILTER_OPERATOR_CONTAINS, "BANANA 1", NULL, FALSE },
  { "is-null", "grp", TW_FILTER_OPERATOR_IS_NULL, NULL, "grp", FALSE },
  { "is-not-null", "grp", TW_FILTER_OPERATOR_IS_NOT_NULL, NULL, "grp", TRUE },
};

static gboolean
item_matches (const Item     *item,
              const PageCase *c)
{
  gint64 value;
  gint64 bound;

  if (c->filter_column == NULL)
    return TRUE;

  if (g_str_equal (c->filter_column, "name"))
    {
      g_autofree char *name = g_ascii_strdown (item->name, -1);
      g_autofree char *text = g_ascii_strdown (c->text, -1);

      return strstr (name, text) != NULL;
    }

  if (c->op == TW_FILTER_OPERATOR_IS_NULL)
    return item->group_null;
  if (c->op == TW_FILTER_OPERATOR_IS_NOT_NULL)
    return !item->group_null;

  if (g_str_equal (c->filter_column, "id"))
    value = item->id;
  else if (item->group_null)
    return FALSE;
  else
    value = item->group;
  bound = g_ascii_strtoll (c->text, NULL, 10);

  switch (c->op)
    {
    case TW_FILTER_OPERATOR_EQUAL:
      return value == bound;
    case TW_FILTER_OPERATOR_NOT_EQUAL:
      return value != bound;
    case TW_FILTER_OPERATOR_LESS:
      return value < bound;
    case TW_FILTER_OPERATOR_LESS_EQUAL:
      return value <= bound;
    case TW_FILTER_OPERATOR_GREATER:
      return value > bound;
    case TW_FILTER_OPERATOR_GREATER_EQUAL:
      return value >= bound;
    case TW_FILTER_OPERATOR_CONTAINS:
    case TW_FILTER_OPERATOR_IS_NULL:
    case TW_FILTER_OPERATOR_IS_NOT_NULL:
    case TW_FILTER_OPERATOR_LINKED:
    default:
      g_assert_not_reached ();
    }
}

static const PageCase *current_case;

/* The order the database must give: the sort column (NULL first when
 * ascending), then the key in the same direction. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(const Item * const *) a;
  const Item *y = *(const Item * const *) b;
  const PageCase *c = current_case;
  int order = 0;

  if (c->sort_column != NULL && g_str_equal (c->sort_column, "grp"))
    {
      if (x->group_null != y->group_null)
        order = x->group_null ? -1 : 1;
      else if (!x->group_null && x->group != y->group)
        order = x->group < y->group ? -1 : 1;
    }
  else if (c->sort_column != NULL && g_str_equal (c->sort_column, "name"))
    order = strcmp (x->name, y->name);

  if (order == 0)
    order = x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);

  return c->sort_column != NULL && c->descending ? -order : order;
}

static void
test_paging (TwTestDbFixture *fixture,
             gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = items_schema ();
  g_autoptr (TwSession) session = NULL;
  TwTable *items = table (metadata, "items");
  Item expected_items[N_ITEMS];

  create_tables (fixture, metadata);
  session = tw_session_new (fixture->connection, metadata);
  fill_items (fixture, session, items, expected_items);

  for (guint k = 0; k < G_N_ELEMENTS (page_cases); k++)
    {
      const PageCase *c = &page_cases[k];
      g_autoptr (GPtrArray) expected = g_ptr_array_new ();
      g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (TwValue) value = c->text != NULL ? T (c->text) : NULL;
      TwFilter filter = { c->filter_column, c->op, value };
      TwSort sort = { c->sort_column, c->descending };
      TwRow *after = NULL;

      g_test_message ("case %s", c->name);
      for (guint i = 0; i < N_ITEMS; i++)
        if (item_matches (&expected_items[i], c))
          g_ptr_array_add (expected, &expected_items[i]);
      current_case = c;
      g_ptr_array_sort (expected, compare_items);

      /* Pages of 7: many page boundaries fall between equal sort values. */
      for (;;)
        {
          g_autoptr (GPtrArray) page = NULL;
          g_autoptr (GError) error = NULL;

          page = tw_session_read_page (session, items, c->filter_column != NULL ? &filter : NULL,
                                       c->sort_column != NULL ? &sort : NULL, after, 0, 7,
                                       NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (page->len, <=, 7);
          for (guint i = 0; i < page->len; i++)
            g_ptr_array_add (seen, g_object_ref (g_ptr_array_index (page, i)));
          if (page->len < 7)
            break;
          after = g_ptr_array_index (page, page->len - 1);
        }

      g_assert_cmpuint (seen->len, ==, expected->len);
      for (guint i = 0; i < seen->len; i++)
        g_assert_cmpint (row_int (g_ptr_array_index (seen, i), "id"), ==,
                         ((Item *) g_ptr_array_index (expected, i))->id);
    }

  for (guint i = 0; i < N_ITEMS; i++)
    g_free (expected_items[i].name);
}

/* Async commit and the pending SQL */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  GThread  *thread;
} AsyncState;

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = tw_session_commit_finish (TW_SESSION (object), result, &state->error);
  state->thread = g_thread_self ();
  state->done = TRUE;
}

static void
test_async_commit (TwTestDbFixture *fixture,
                   gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) copy = NULL;
  g_autoptr (GError) error = NULL;
  AsyncState state = { 0 };

  ada = new_row (session, users, "name", T ("Ada"), NULL);
  tw_session_commit_async (session, NULL, commit_cb, &state);
  g_assert_true (tw_session_is_committing (session));

  /* While the worker runs, staging waits. */
  g_assert_false (tw_session_set_value (session, ada, column (ada, "name"), NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_BUSY);
  g_clear_error (&error);

  tw_test_db_wait_for (&state.done);
  g_assert_true (state.thread == g_thread_self ());
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_false (tw_session_is_committing (session));
  g_assert_cmpint (tw_row_get_state (ada), ==, TW_ROW_STATE_CLEAN);
  g_assert_cmpint (query_int (fixture->connection, "SELECT id FROM users WHERE name = 'Ada'", NULL), ==,
                   row_int (ada, "id"));

  /* A failure is delivered the same way, and leaves everything staged. */
  copy = new_row (session, users, "name", T ("Ada"), NULL);
  memset (&state, 0, sizeof state);
  tw_session_commit_async (session, NULL, commit_cb, &state);
  tw_test_db_wait_for (&state.done);
  g_assert_false (state.ok);
  g_assert_error (state.error, TW_SESSION_ERROR, TW_SESSION_ERROR_CONSTRAINT);
  g_assert_true (state.thread == g_thread_self ());
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 1);
  g_assert_null (tw_row_get_value_by_name (copy, "id"));
  g_clear_error (&state.error);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 1);
}

static void
test_render (TwTestDbFixture *fixture,
             gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  TwTable *orders = table (metadata, "orders");
  g_autoptr (TwForeignKey) fk = g_list_model_get_item (tw_table_get_foreign_keys (orders), 0);
  g_autoptr (TwRow) ada = NULL;
  g_autoptr (TwRow) bob = NULL;
  g_autoptr (TwRow) grace = NULL;
  g_autoptr (TwRow) order = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  static const struct
  {
    TwChangeKind kind;
    const char  *sql[3];   /* SQLite, PostgreSQL, MySQL */
  } expected[] = {
    { TW_CHANGE_KIND_UPDATE,
      { "UPDATE users SET age = ? WHERE id = ? AND age IS ?",
        "UPDATE users SET age = $1 WHERE id = $2 AND age IS NOT DISTINCT FROM $3",
        "UPDATE users SET age = ? WHERE id = ? AND age <=> ?" } },
    { TW_CHANGE_KIND_INSERT,
      { "INSERT INTO users (name) VALUES (?) RETURNING id, age",
        "INSERT INTO users (name) VALUES ($1) RETURNING id, age",
        "INSERT INTO users (name) VALUES (?)" } },
    { TW_CHANGE_KIND_REFRESH,
      { NULL, NULL, "SELECT id, age FROM users WHERE id = ?" } },
    { TW_CHANGE_KIND_INSERT,
      { "INSERT INTO orders (user_id) VALUES (?) RETURNING id, note",
        "INSERT INTO orders (user_id) VALUES ($1) RETURNING id, note",
        "INSERT INTO orders (user_id) VALUES (?)" } },
    { TW_CHANGE_KIND_REFRESH,
      { NULL, NULL, "SELECT id, note FROM orders WHERE id = ?" } },
    { TW_CHANGE_KIND_DELETE,
      { "DELETE FROM users WHERE id = ?",
        "DELETE FROM users WHERE id = $1",
        "DELETE FROM users WHERE id = ?" } },
  };
  guint k = 0;

  ada = new_row (session, users, "id", I (101), "name", T ("Ada"), NULL);
  bob = new_row (session, users, "id", I (102), "name", T ("Bob"), NULL);
  commit_ok (session);

  g_assert_true (tw_session_delete (session, bob, NULL));
  order = new_row (session, orders, NULL);
  grace = new_row (session, users, "name", T ("Grace"), NULL);
  tw_session_set_reference (session, order, fk, grace, &error);
  g_assert_no_error (error);
  set_value (session, ada, "age", I (36));

  statements = tw_session_render_pending (session, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TwBoundStatement *statement;

      if (expected[i].sql[fixture->kind] == NULL)
        continue;
      g_assert_cmpuint (k, <, statements->len);
      statement = g_ptr_array_index (statements, k++);
      g_assert_cmpint (statement->kind, ==, expected[i].kind);
      g_assert_cmpstr (statement->sql, ==, expected[i].sql[fixture->kind]);
    }
  g_assert_cmpuint (k, ==, statements->len);

  /* The order's user_id is the key the database will generate for Grace. */
  text = tw_bound_statement_to_string (g_ptr_array_index (statements, 1));
  g_assert_true (g_str_has_suffix (text, "= 'Grace'"));
  g_clear_pointer (&text, g_free);
  text = tw_bound_statement_to_string (g_ptr_array_index (statements, fixture->kind == TW_DIALECT_KIND_MYSQL ? 3 : 2));
  g_assert_true (g_str_has_suffix (text, "= <id of new row 1 of “users”>"));
  g_clear_pointer (&text, g_free);

  commit_ok (session);
  g_assert_cmpint (row_int (order, "user_id"), ==, row_int (grace, "id"));
}

/* Many new rows: multi-row statements, and the failing row found inside
 * one. */
static void
test_batches (TwTestDbFixture *fixture,
              gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = shop_session (fixture, &metadata);
  TwTable *users = table (metadata, "users");
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TwChangeSet) change_set = NULL;
  TwRow *bad;

  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *name = g_strdup_printf ("user %u", i);
      g_autoptr (TwValue) value = T (name);
      g_autoptr (TwValue) age = I (i % 90);
      TwRow *row = tw_session_create_row (session, users);

      tw_row_set_value_by_name (row, "name", value, &error);
      tw_row_set_value_by_name (row, "age", age, &error);
      g_assert_no_error (error);
      g_ptr_array_add (rows, row);
    }
  tw_session_add_all (session, rows, &error);
  g_assert_no_error (error);

  change_set = tw_session_freeze (session, &error);
  g_assert_no_error (error);
  /* SQLite and MySQL: VALUES lists of 1,000 rows; PostgreSQL: one INSERT
   * of arrays. */
  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_assert_cmpuint (tw_change_set_get_n_statements (change_set), ==, 1);
  else
    g_assert_cmpuint (tw_change_set_get_n_statements (change_set), ==, 3);
  g_assert_cmpuint (tw_change_set_get_n_rows (change_set), ==, 2500);

  /* A duplicate name deep inside a multi-row statement. */
  bad = g_ptr_array_index (rows, 1234);
  set_value (session, bad, "name", T ("user 7"));
  g_assert_false (tw_session_commit (session, NULL, &error));
  g_assert_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_CONSTRAINT);
  g_assert_true (tw_session_error_get_row (error) == bad);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_null (tw_row_get_value_by_name (g_ptr_array_index (rows, i), "id"));

  set_value (session, bad, "name", T ("user 1234"));
  commit_ok (session);
  g_assert_cmpint (count_rows (fixture->connection, "users"), ==, 2500);

  /* Every row got its own key, the one the database gave its name. */
  for (guint i = 0; i < rows->len; i += 97)
    {
      TwRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = g_strdup_printf ("user %u", i);

      g_assert_cmpint (query_int (fixture->connection, "SELECT id FROM users WHERE name = ?",
                                  T (name), NULL), ==, row_int (row, "id"));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = row_int (g_ptr_array_index (rows, i), "id");

      g_assert_false (g_hash_table_contains (ids, &id));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, rows->len);
}

/* Values of many types through the multi-row paths (PostgreSQL's arrays,
 * with quotes, backslashes, braces and NULLs in them), read back by a new
 * session. */
static void
test_types (TwTestDbFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwSession) session = NULL;
  g_autoptr (TwSession) reader = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) read = NULL;
  g_autoptr (GError) error = NULL;
  const char *colours[] = { "red", "green", NULL };
  TwTable *typed, *blobs;
  TwColumn *column;
  static const struct
  {
    const char   *name;
    TwColumnType  type;
    const char   *values[3];    /* as tw_value_new_from_string() parses them; NULL: SQL NULL */
  } columns[] = {
    { "i", TW_COLUMN_TYPE_BIG_INTEGER, { "9007199254740993", "-5", NULL } },
    { "b", TW_COLUMN_TYPE_BOOLEAN, { "true", "false", NULL } },
    { "f", TW_COLUMN_TYPE_FLOAT, { "0.25", "-1e+20", NULL } },
    { "num", TW_COLUMN_TYPE_NUMERIC, { "12.50", "-0.01", NULL } },
    { "str", TW_COLUMN_TYPE_STRING, { "a \"quoted\", {braced}", "NULL", NULL } },
    { "txt", TW_COLUMN_TYPE_TEXT, { "back\\slash\nnew line", "", NULL } },
    { "d", TW_COLUMN_TYPE_DATE, { "2024-02-29", "1970-01-01", NULL } },
    { "dt", TW_COLUMN_TYPE_DATE_TIME, { "2024-02-29 13:14:15", "1999-12-31 23:59:59", NULL } },
    { "e", TW_COLUMN_TYPE_ENUM, { "green", "red", NULL } },
    { "j", TW_COLUMN_TYPE_JSON, { "{\"a\":[1,2],\"b\":\"x\\\"y\"}", "[]", NULL } },
  };

  typed = add_table (metadata, "typed");
  add_key (typed, "id");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      column = add_column (typed, columns[c].name, columns[c].type);
      if (columns[c].type == TW_COLUMN_TYPE_STRING)
        tw_column_set_length (column, 40);
      if (columns[c].type == TW_COLUMN_TYPE_NUMERIC)
        {
          tw_column_set_precision (column, 10);
          tw_column_set_scale (column, 2);
        }
      if (columns[c].type == TW_COLUMN_TYPE_ENUM)
        {
          tw_column_set_enum_values (column, colours);
          tw_column_set_enum_name (column, "colour");
        }
    }
  blobs = add_table (metadata, "blobs");
  add_key (blobs, "id");
  add_column (blobs, "data", TW_COLUMN_TYPE_LARGE_BINARY);
  create_tables (fixture, metadata);
  session = tw_session_new (fixture->connection, metadata);

  for (guint r = 0; r < 3; r++)
    {
      TwRow *row = tw_session_create_row (session, typed);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autoptr (TwValue) value = columns[c].values[r] != NULL
                                      ? tw_value_new_text (columns[c].values[r])
                                      : tw_value_new_null ();

          tw_row_set_value (row, c + 1, value, &error);
          g_assert_no_error (error);
        }
      g_ptr_array_add (rows, row);
    }
  for (guint r = 0; r < 3; r++)
    {
      TwRow *row = tw_session_create_row (session, blobs);
      g_autoptr (TwValue) value = NULL;

      value = r < 2 ? tw_value_new_blob_take (g_memdup2 ("\0\1\"\\{}", 6), 6 - r) : tw_value_new_null ();
      tw_row_set_value (row, 1, value, &error);
      g_assert_no_error (error);
      g_ptr_array_add (rows, row);
    }
  tw_session_add_all (session, rows, &error);
  g_assert_no_error (error);
  commit_ok (session);

  /* A session of its own reads what the database holds. */
  reader = tw_session_new (fixture->connection, metadata);
  read = read_all (reader, typed);
  g_assert_cmpuint (read->len, ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      TwRow *row = g_ptr_array_index (read, r);

      g_assert_cmpint (row_int (row, "id"), ==, row_int (g_ptr_array_index (rows, r), "id"));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          const TwValue *value = tw_row_get_value (row, c + 1);
          g_autofree char *text = tw_value_to_string (value);
          const char *expected = columns[c].values[r];

          g_test_message ("%s row %u: %s", columns[c].name, r, text != NULL ? text : "NULL");
          if (expected == NULL)
            g_assert_true (tw_value_is_null (value));
          else if (columns[c].type == TW_COLUMN_TYPE_NUMERIC || columns[c].type == TW_COLUMN_TYPE_FLOAT)
            g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, g_ascii_strtod (expected, NULL));
          else if (columns[c].type == TW_COLUMN_TYPE_BOOLEAN)
            g_assert_cmpint (tw_value_get_boolean (value), ==, g_str_equal (expected, "true"));
          else if (columns[c].type == TW_COLUMN_TYPE_JSON)
            {
              g_autofree char *compact = g_strdelimit (g_strdup (text), " ", '\1');
              GString *without = g_string_new (NULL);

              for (const char *p = compact; *p != '\0'; p++)
                if (*p != '\1')
                  g_string_append_c (without, *p);
              g_assert_cmpstr (without->str, ==, expected);
              g_string_free (without, TRUE);
            }
          else
            g_assert_cmpstr (text, ==, expected);
        }
    }

  g_clear_pointer (&read, g_ptr_array_unref);
  read = read_all (reader, blobs);
  g_assert_cmpuint (read->len, ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      const TwValue *value = tw_row_get_value (g_ptr_array_index (read, r), 1);

      if (r == 2)
        g_assert_true (tw_value_is_null (value));
      else
        {
          GBytes *bytes = tw_value_get_blob (value);
          gsize length;
          const guint8 *data = g_bytes_get_data (bytes, &length);

          g_assert_cmpmem (data, length, "\0\1\"\\{}", 6 - r);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  tw_test_db_add ("/db/session/round-trip", NULL, test_round_trip);
  tw_test_db_add ("/db/session/key-change", NULL, test_key_change);
  tw_test_db_add ("/db/session/generated-keys", NULL, test_generated_keys);
  tw_test_db_add ("/db/session/hierarchy-order", NULL, test_hierarchy_order);
  tw_test_db_add ("/db/session/tree", NULL, test_tree);
  tw_test_db_add ("/db/session/cycle", NULL, test_cycle);
  tw_test_db_add ("/db/session/links", NULL, test_links);
  for (guint i = 0; i < G_N_ELEMENTS (failure_cases); i++)
    {
      static const char * const names[] = {
        "unique", "not-null", "foreign-key", "check", "too-long", "update-unique",
      };
      g_autofree char *path = g_strdup_printf ("/db/session/failure/%s", names[failure_cases[i].failure]);

      tw_test_db_add (path, &failure_cases[i], test_failure);
    }
  tw_test_db_add ("/db/session/stale", NULL, test_stale);
  tw_test_db_add ("/db/session/rollback-revert", NULL, test_rollback_and_revert);
  tw_test_db_add ("/db/session/identity-map", NULL, test_identity_map);
  tw_test_db_add ("/db/session/read-only", NULL, test_read_only);
  tw_test_db_add ("/db/session/paging", NULL, test_paging);
  tw_test_db_add ("/db/session/async-commit", NULL, test_async_commit);
  tw_test_db_add ("/db/session/render", NULL, test_render);
  tw_test_db_add ("/db/session/batches", NULL, test_batches);
  tw_test_db_add ("/db/session/types", NULL, test_types);

  return tw_test_db_run ();
}
