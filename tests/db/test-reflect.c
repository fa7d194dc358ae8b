/* test-reflect.c: reflection of live SQLite, PostgreSQL and MariaDB schemas into the model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reflect"

#include "config.h"

#include <string.h>

#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-inspector-private.h"
#include "tw-model-file.h"
#include "tw-schema-apply.h"
#include "tw-test-db.h"
#include "tw-test-schemas.h"

/* The schemas every round trip runs with. */

typedef TwMetadata *(*SchemaBuilder) (void);

typedef struct
{
  const char    *name;
  SchemaBuilder  build;
} Schema;

static TwMetadata *
build_many_to_many_back_populates (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
}

static TwMetadata *
build_many_to_many_backref (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACKREF);
}

static TwMetadata *
build_generated (void)
{
  return tw_test_schema_generated (200, 10);
}

static TwMetadata *
build_demo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "demo.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata = tw_model_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return metadata;
}

/* Quotes and backslashes in every place a value reaches the DDL: defaults,
 * enum values, comments. */
static TwMetadata *
build_quoting (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("q");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) text = tw_column_new ("text", TW_COLUMN_TYPE_STRING);
  g_autoptr (TwColumn) choice = tw_column_new ("choice", TW_COLUMN_TYPE_ENUM);
  const char *values[] = { "x\\y", "it's", "%s", NULL };

  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (table, id);

  tw_column_set_length (text, 20);
  tw_column_set_default (text, TW_DEFAULT_KIND_LITERAL, "a\\b'c\"d");
  tw_column_set_comment (text, "c\\d'e");
  tw_table_add_column (table, text);

  tw_column_set_enum_name (choice, "it's");
  tw_column_set_enum_values (choice, values);
  tw_column_set_default (choice, TW_DEFAULT_KIND_LITERAL, "it's");
  tw_table_add_column (table, choice);

  tw_table_set_comment (table, "Table's \\ comment");
  tw_metadata_add_table (metadata, table);
  return metadata;
}

static const Schema schemas[] = {
  { "tutorial", tw_test_schema_tutorial },
  { "many-to-many", build_many_to_many_back_populates },
  { "many-to-many-backref", build_many_to_many_backref },
  { "composite", tw_test_schema_composite },
  { "tree", tw_test_schema_tree },
  { "cycle", tw_test_schema_cycle },
  { "reserved", tw_test_schema_reserved },
  { "all-types", tw_test_schema_all_types },
  { "generated", build_generated },
  { "demo", build_demo },
  { "quoting", build_quoting },
};

/* Helpers */

static char *
compile_script (TwMetadata    *metadata,
                TwDialectKind  kind)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
  g_assert_no_error (error);
  return tw_ddl_statements_to_script (statements);
}

static void
create_all (TwConnection *connection,
            TwMetadata   *metadata)
{
  g_autoptr (GError) error = NULL;

  tw_schema_create_all (connection, metadata, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
execute (TwConnection *connection,
         const char   *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwResult) result = NULL;

  result = tw_connection_execute (connection, sql, NULL, 0, NULL, &error);
  g_assert_no_error (error);
}

/* Reflects, asserting that nothing went unreflected. */
static TwMetadata *
reflect_cleanly (TwConnection *connection)
{
  g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;
  const char * const *warnings;

  metadata = tw_inspector_reflect_metadata (inspector, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (metadata);

  warnings = tw_inspector_get_warnings (inspector);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_test_message ("warning: %s", warnings[i]);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 0);

  return metadata;
}

static void
assert_valid (TwMetadata    *metadata,
              TwDialectKind  kind)
{
  g_autoptr (GPtrArray) problems = tw_metadata_validate (metadata, TW_DIALECT_MASK (kind));

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((TwProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static int
compare_table_names (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (tw_table_get_name (*(TwTable * const *) a), tw_table_get_name (*(TwTable * const *) b));
}

/* What a round trip through a database cannot bring back, applied to the
 * original model before its DDL is compared with that of the reflected one.
 * Each of these is genuinely lost in the database:
 *
 *  - every dialect: the order of the tables. No catalog keeps the order in
 *    which tables were created; reflection sorts them by name.
 *  - SQLite and MySQL: Uuid. It is CHAR(36) there, and a CHAR(36) column
 *    reads back as String(36), as SQLAlchemy reflects it (VARCHAR(36)).
 *  - MySQL: the name of a primary key, which is always PRIMARY there;
 *    FLOAT(p), which keeps only whether p is at most 24 (FLOAT) or more
 *    (DOUBLE, read back as Float(53)); and BLOB(n), which keeps only the
 *    size class (TINYBLOB 255, BLOB, MEDIUMBLOB, LONGBLOB).
 *
 * Lost as well, but without any effect on the DDL, so not normalised here
 * (the second round trip compares reflected models only): SQLite's comments,
 * enum names and values (a VARCHAR), Float precision and DateTime/Time
 * timezones; MySQL's enum names and timezones; LargeBinary lengths on
 * SQLite and PostgreSQL. Other losses the tests do not meet: MySQL reads
 * RESTRICT as NO ACTION (its default) and a NUMERIC without precision as
 * NUMERIC(10, 0); PostgreSQL reads FLOAT(p) as real (24) or double. */
static TwMetadata *
normalise (TwMetadata    *original,
           TwDialectKind  kind)
{
  g_autoptr (GPtrArray) tables = g_ptr_array_new ();
  TwMetadata *metadata = tw_metadata_new ();
  guint n = tw_metadata_get_n_tables (original);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (tables, tw_metadata_get_table (original, i));
  g_ptr_array_sort (tables, compare_table_names);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr (TwTable) table = tw_table_copy (g_ptr_array_index (tables, i));
      guint n_columns = tw_table_get_n_columns (table);

      if (kind == TW_DIALECT_KIND_MYSQL)
        tw_table_set_primary_key_name (table, NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          TwColumn *column = tw_table_get_column (table, c);
          TwColumnType type = tw_column_get_column_type (column);
          guint value;

          if (type == TW_COLUMN_TYPE_UUID && kind != TW_DIALECT_KIND_POSTGRESQL)
            {
              tw_column_set_column_type (column, TW_COLUMN_TYPE_STRING);
              tw_column_set_length (column, 36);
            }

          if (kind != TW_DIALECT_KIND_MYSQL)
            continue;

          value = tw_column_get_precision (column);
          if (type == TW_COLUMN_TYPE_FLOAT && value > 0)
            tw_column_set_precision (column, value <= 24 ? 0 : 53);

          value = tw_column_get_length (column);
          if (type == TW_COLUMN_TYPE_LARGE_BINARY && value > 0)
            {
              if (value <= 255)
                value = 255;
              else if (value <= 65535)
                value = 0;
              else if (value <= 16777215)
                value = 16777215;
              else
                value = G_MAXUINT32;
              tw_column_set_length (column, value);
            }
        }

      tw_metadata_add_table (metadata, table);
    }

  return metadata;
}

/* The round trip: create_all of the model → reflect → the DDL of the
 * reflected model equals the DDL of the (normalised) original → that DDL
 * in a second empty database → reflect again → the same model. */
static void
test_round_trip (TwTestDbFixture *fixture,
                 gconstpointer    data)
{
  const Schema *schema = data;
  g_autoptr (TwMetadata) original = schema->build ();
  g_autoptr (TwMetadata) normalised = NULL;
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (TwMetadata) again = NULL;
  g_autoptr (TwUrl) second_url = NULL;
  g_autoptr (TwConnection) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *second_database = NULL;
  g_autofree char *reflected_data = NULL;
  g_autofree char *again_data = NULL;

  create_all (fixture->connection, original);
  reflected = reflect_cleanly (fixture->connection);
  g_assert_cmpuint (tw_metadata_get_n_tables (reflected), ==, tw_metadata_get_n_tables (original));
  assert_valid (reflected, fixture->kind);

  normalised = normalise (original, fixture->kind);
  expected = compile_script (normalised, fixture->kind);
  actual = compile_script (reflected, fixture->kind);
  g_assert_cmpstr (actual, ==, expected);

  second_database = tw_test_db_create_database (fixture->kind, "reflect_again");
  g_assert_nonnull (second_database);
  second_url = tw_url_parse (second_database, &error);
  g_assert_no_error (error);
  second = tw_connection_open (second_url, NULL, &error);
  g_assert_no_error (error);

  create_all (second, reflected);
  again = reflect_cleanly (second);

  reflected_data = tw_model_file_to_data (reflected, NULL);
  again_data = tw_model_file_to_data (again, NULL);
  g_assert_cmpstr (again_data, ==, reflected_data);

  tw_test_db_finalize_connection (g_steal_pointer (&second));
  tw_test_db_drop_database (fixture->kind, second_database);
}

/* What the reflection of tw_test_schema_all_types() holds, column by column. */

static TwColumn *
find_column (TwMetadata *metadata,
             const char *table_name,
             const char *column_name)
{
  TwTable *table = tw_metadata_find_table (metadata, table_name);
  TwColumn *column;

  g_assert_nonnull (table);
  column = tw_table_find_column (table, column_name);
  g_assert_nonnull (column);
  return column;
}

static void
assert_default (TwColumn      *column,
                TwDefaultKind  kind,
                const char    *value)
{
  g_assert_cmpint (tw_column_get_default_kind (column), ==, kind);
  g_assert_cmpstr (tw_column_get_default_value (column), ==, value);
}

static void
test_all_types (TwTestDbFixture *fixture,
                gconstpointer    data)
{
  g_autoptr (TwMetadata) original = tw_test_schema_all_types ();
  g_autoptr (TwMetadata) reflected = NULL;
  TwDialectKind kind = fixture->kind;
  gboolean sqlite = kind == TW_DIALECT_KIND_SQLITE;
  gboolean postgresql = kind == TW_DIALECT_KIND_POSTGRESQL;
  const char * const *values;
  TwColumn *column;
  TwTable *table;

  create_all (fixture->connection, original);
  reflected = reflect_cleanly (fixture->connection);

  table = tw_metadata_find_table (reflected, "everything");
  g_assert_nonnull (table);
  g_assert_cmpstr (tw_table_get_comment (table), ==, sqlite ? NULL : "Every generic type");
  g_assert_cmpuint (tw_table_get_n_columns (table), ==, 15);
  g_assert_cmpstr (tw_column_get_name (tw_table_get_column (table, 0)), ==, "id");
  g_assert_cmpstr (tw_column_get_name (tw_table_get_column (table, 14)), ==, "token");

  column = find_column (reflected, "everything", "id");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_INTEGER);
  g_assert_true (tw_column_get_primary_key (column));
  g_assert_cmpint (tw_column_get_autoincrement (column), ==, TW_AUTOINCREMENT_AUTO);
  g_assert_true (tw_table_get_autoincrement_column (table) == column);
  g_assert_cmpstr (tw_column_get_comment (column), ==, sqlite ? NULL : "The key");

  column = find_column (reflected, "everything", "big");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_BIG_INTEGER);
  g_assert_false (tw_column_get_nullable (column));
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "0");

  column = find_column (reflected, "everything", "small");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_SMALL_INTEGER);
  g_assert_true (tw_column_get_nullable (column));
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "-1");

  column = find_column (reflected, "everything", "flag");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_BOOLEAN);
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "false");

  column = find_column (reflected, "everything", "ratio");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_FLOAT);
  g_assert_cmpuint (tw_column_get_precision (column), ==, postgresql ? 24 : 0);

  column = find_column (reflected, "everything", "price");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_NUMERIC);
  g_assert_cmpuint (tw_column_get_precision (column), ==, 10);
  g_assert_cmpint (tw_column_get_scale (column), ==, 2);
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "9.99");

  column = find_column (reflected, "everything", "title");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_STRING);
  g_assert_cmpuint (tw_column_get_length (column), ==, 200);
  assert_default (column, TW_DEFAULT_KIND_LITERAL, "it's new");
  g_assert_cmpstr (tw_column_get_comment (column), ==, sqlite ? NULL : "Shown as 'title' \\ heading");

  column = find_column (reflected, "everything", "body");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_TEXT);

  column = find_column (reflected, "everything", "born");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_DATE);
  assert_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_DATE);

  column = find_column (reflected, "everything", "created");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_DATE_TIME);
  g_assert_cmpint (tw_column_get_timezone (column), ==, postgresql);
  g_assert_false (tw_column_get_nullable (column));
  assert_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP);

  column = find_column (reflected, "everything", "alarm");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_TIME);
  g_assert_false (tw_column_get_timezone (column));

  column = find_column (reflected, "everything", "data");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_LARGE_BINARY);

  column = find_column (reflected, "everything", "mood");
  if (sqlite)
    {
      /* The non-native enum: a VARCHAR as long as the longest value. */
      g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_STRING);
      g_assert_cmpuint (tw_column_get_length (column), ==, 5);
    }
  else
    {
      g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_ENUM);
      g_assert_cmpstr (tw_column_get_enum_name (column), ==, postgresql ? "mood" : NULL);
      values = tw_column_get_enum_values (column);
      g_assert_nonnull (values);
      g_assert_cmpstr (values[0], ==, "happy");
      g_assert_cmpstr (values[1], ==, "sad");
      g_assert_null (values[2]);
    }
  assert_default (column, TW_DEFAULT_KIND_LITERAL, "happy");

  column = find_column (reflected, "everything", "doc");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_JSON);

  column = find_column (reflected, "everything", "token");
  g_assert_cmpint (tw_column_get_column_type (column), ==,
                   postgresql ? TW_COLUMN_TYPE_UUID : TW_COLUMN_TYPE_STRING);
  g_assert_cmpuint (tw_column_get_length (column), ==, postgresql ? 0 : 36);
  g_assert_true (tw_column_get_unique (column));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_unique_constraints (table)), ==, 0);
  /* MariaDB's JSON check is part of the type, not a constraint. */
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_check_constraints (table)), ==, 0);

  column = find_column (reflected, "diary", "pages");
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "1 + 1");
  column = find_column (reflected, "diary", "mood");
  g_assert_true (tw_column_get_default_kind (column) == TW_DEFAULT_KIND_NONE);
  if (postgresql)
    g_assert_cmpstr (tw_column_get_enum_name (column), ==, "mood");
}

/* Keys and constraint names: those the model gave are kept, those the
 * database made up are not. */
static void
test_constraint_names (TwTestDbFixture *fixture,
                       gconstpointer    data)
{
  g_autoptr (TwMetadata) original = tw_test_schema_composite ();
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (TwMetadata) reserved = tw_test_schema_reserved ();
  g_autoptr (TwForeignKey) fk = NULL;
  g_autoptr (TwUniqueConstraint) unique = NULL;
  g_autoptr (GPtrArray) key = NULL;
  TwTable *invoice;
  TwTable *item;
  TwTable *table;

  create_all (fixture->connection, original);
  create_all (fixture->connection, reserved);
  reflected = reflect_cleanly (fixture->connection);

  invoice = tw_metadata_find_table (reflected, "invoice");
  item = tw_metadata_find_table (reflected, "invoice_item");
  g_assert_nonnull (invoice);
  g_assert_nonnull (item);

  /* MySQL calls every primary key PRIMARY. */
  g_assert_cmpstr (tw_table_get_primary_key_name (invoice), ==,
                   fixture->kind == TW_DIALECT_KIND_MYSQL ? NULL : "pk_invoice");
  g_assert_null (tw_table_get_primary_key_name (item));

  key = tw_table_dup_primary_key (item);
  g_assert_cmpuint (key->len, ==, 3);
  g_assert_cmpstr (tw_column_get_name (g_ptr_array_index (key, 0)), ==, "store_id");
  g_assert_cmpstr (tw_column_get_name (g_ptr_array_index (key, 2)), ==, "line_no");
  /* A composite key does not autoincrement, and says so in no special way. */
  g_assert_null (tw_table_get_autoincrement_column (item));
  for (guint i = 0; i < key->len; i++)
    g_assert_cmpint (tw_column_get_autoincrement (g_ptr_array_index (key, i)), ==, TW_AUTOINCREMENT_AUTO);

  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (item)), ==, 1);
  fk = g_list_model_get_item (tw_table_get_foreign_keys (item), 0);
  g_assert_cmpstr (tw_foreign_key_get_name (fk), ==, "fk_item_invoice");
  g_assert_cmpstr (tw_foreign_key_get_referred_table (fk), ==, "invoice");
  g_assert_cmpuint (tw_foreign_key_get_n_columns (fk), ==, 2);
  g_assert_cmpstr (tw_foreign_key_get_columns (fk)[0], ==, "store_id");
  g_assert_cmpstr (tw_foreign_key_get_referred_columns (fk)[1], ==, "invoice_no");
  g_assert_cmpint (tw_foreign_key_get_on_delete (fk), ==, TW_FK_ACTION_CASCADE);
  g_assert_cmpint (tw_foreign_key_get_on_update (fk), ==, TW_FK_ACTION_CASCADE);

  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_unique_constraints (item)), ==, 1);
  unique = g_list_model_get_item (tw_table_get_unique_constraints (item), 0);
  g_assert_cmpstr (tw_unique_constraint_get_name (unique), ==, "uq_item_line");
  g_assert_cmpuint (g_strv_length ((char **) tw_unique_constraint_get_columns (unique)), ==, 3);

  /* The reserved words: a named foreign key, an unnamed one (the
   * database's name is dropped), a unique column and the indexes. */
  table = tw_metadata_find_table (reflected, "order");
  g_assert_nonnull (table);
  g_clear_object (&fk);
  fk = g_list_model_get_item (tw_table_get_foreign_keys (table), 0);
  g_assert_cmpstr (tw_foreign_key_get_name (fk), ==, "fk-order-user");
  g_assert_cmpint (tw_foreign_key_get_on_delete (fk), ==, TW_FK_ACTION_CASCADE);
  g_assert_cmpint (tw_foreign_key_get_on_update (fk), ==, TW_FK_ACTION_NO_ACTION);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_indexes (table)), ==, 1);

  table = tw_metadata_find_table (reflected, "select");
  g_assert_nonnull (table);
  g_clear_object (&fk);
  fk = g_list_model_get_item (tw_table_get_foreign_keys (table), 0);
  g_assert_null (tw_foreign_key_get_name (fk));
  g_assert_true (tw_column_get_unique (tw_table_find_column (table, "back`tick")));
  /* No index for the foreign key, though InnoDB made one. */
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_indexes (table)), ==, 0);

  table = tw_metadata_find_table (reflected, "Group");
  g_assert_nonnull (table);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_indexes (table)), ==, 1);
  {
    g_autoptr (TwIndex) index = g_list_model_get_item (tw_table_get_indexes (table), 0);

    g_assert_cmpstr (tw_index_get_name (index), ==, "ix_Group_Key");
    g_assert_true (tw_index_get_unique (index));
  }
}

/* The relationships reflection adds: many-to-many for association tables,
 * one-to-many for every other foreign key. */
static void
test_relationships (TwTestDbFixture *fixture,
                    gconstpointer    data)
{
  g_autoptr (TwMetadata) many = build_many_to_many_back_populates ();
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) tree = tw_test_schema_tree ();
  g_autoptr (TwMetadata) reflected = NULL;
  GListModel *relationships;
  guint n;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  create_all (fixture->connection, many);
  create_all (fixture->connection, tutorial);
  create_all (fixture->connection, tree);
  reflected = reflect_cleanly (fixture->connection);

  relationships = tw_metadata_get_relationships (reflected);
  n = g_list_model_get_n_items (relationships);
  g_assert_cmpuint (n, ==, 3);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (relationships, i);
      const char *left = tw_relationship_get_left_table (rel);

      g_assert_cmpint (tw_relationship_get_style (rel), ==, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
      if (g_str_equal (left, "left"))
        {
          g_assert_cmpint (tw_relationship_get_kind (rel), ==, TW_RELATIONSHIP_KIND_MANY_TO_MANY);
          g_assert_cmpstr (tw_relationship_get_right_table (rel), ==, "right");
          g_assert_cmpstr (tw_relationship_get_secondary (rel), ==, "association");
          g_assert_cmpstr (tw_relationship_get_left_attribute (rel), ==, "right");
          g_assert_cmpstr (tw_relationship_get_right_attribute (rel), ==, "left");
          seen[0] = TRUE;
        }
      else if (g_str_equal (left, "users"))
        {
          g_assert_cmpint (tw_relationship_get_kind (rel), ==, TW_RELATIONSHIP_KIND_ONE_TO_MANY);
          g_assert_cmpstr (tw_relationship_get_right_table (rel), ==, "addresses");
          g_assert_cmpstr (tw_relationship_get_left_attribute (rel), ==, "addresses");
          g_assert_cmpstr (tw_relationship_get_right_attribute (rel), ==, "user");
          g_assert_cmpstr (tw_relationship_get_foreign_key_columns (rel)[0], ==, "user_id");
          seen[1] = TRUE;
        }
      else
        {
          g_assert_cmpstr (left, ==, "node");
          g_assert_cmpstr (tw_relationship_get_right_table (rel), ==, "node");
          g_assert_cmpstr (tw_relationship_get_left_attribute (rel), ==, "children");
          g_assert_cmpstr (tw_relationship_get_right_attribute (rel), ==, "parent");
          seen[2] = TRUE;
        }
    }
  g_assert_true (seen[0] && seen[1] && seen[2]);

  /* The cards do not overlap: distinct positions on the grid. */
  n = tw_metadata_get_n_tables (reflected);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        TwTable *a = tw_metadata_get_table (reflected, i);
        TwTable *b = tw_metadata_get_table (reflected, j);

        g_assert_true (tw_table_get_x (a) != tw_table_get_x (b) ||
                       tw_table_get_y (a) != tw_table_get_y (b));
      }
}

/* Only user tables of the schema: no system tables, no views, nothing of
 * other schemas. */
static void
test_user_tables_only (TwTestDbFixture *fixture,
                       gconstpointer    data)
{
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (TwInspector) inspector = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  switch (fixture->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      /* AUTOINCREMENT makes SQLite keep sqlite_sequence. */
      execute (fixture->connection, "CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)");
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      execute (fixture->connection, "CREATE TABLE b (id SERIAL PRIMARY KEY, x TEXT)");
      execute (fixture->connection, "CREATE SCHEMA other");
      execute (fixture->connection, "CREATE TABLE other.hidden (id INTEGER PRIMARY KEY)");
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      execute (fixture->connection, "CREATE TABLE b (id INTEGER AUTO_INCREMENT PRIMARY KEY, x TEXT)");
      break;
    }
  execute (fixture->connection, "CREATE TABLE a (id INTEGER PRIMARY KEY)");
  execute (fixture->connection, "CREATE VIEW v AS SELECT id FROM a");
  if (fixture->kind == TW_DIALECT_KIND_SQLITE)
    execute (fixture->connection, "INSERT INTO b (x) VALUES ('one')");

  inspector = tw_inspector_new (fixture->connection);
  names = tw_inspector_get_table_names (inspector, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "a");
  g_assert_cmpstr (names[1], ==, "b");

  reflected = tw_inspector_reflect_metadata (inspector, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tw_metadata_get_n_tables (reflected), ==, 2);
  g_assert_cmpstr (tw_table_get_name (tw_metadata_get_table (reflected, 0)), ==, "a");
  g_assert_cmpint (tw_column_get_autoincrement (find_column (reflected, "b", "id")), ==,
                   TW_AUTOINCREMENT_AUTO);

  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_autoptr (TwMetadata) other = NULL;

      /* The schema is a bound value, not SQL text. */
      tw_inspector_set_schema (inspector, "other");
      other = tw_inspector_reflect_metadata (inspector, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tw_metadata_get_n_tables (other), ==, 1);
      g_assert_cmpstr (tw_table_get_name (tw_metadata_get_table (other, 0)), ==, "hidden");

      g_clear_object (&other);
      tw_inspector_set_schema (inspector, "no'such\"schema");
      other = tw_inspector_reflect_metadata (inspector, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tw_metadata_get_n_tables (other), ==, 0);
    }
}

/* Schemas not made by Tablewright: what other tools write reads as the
 * nearest model, and what the model cannot hold becomes a warning. */
static void
test_foreign_schema (TwTestDbFixture *fixture,
                     gconstpointer    data)
{
  g_autoptr (TwInspector) inspector = tw_inspector_new (fixture->connection);
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwCheckConstraint) check = NULL;
  const char * const *warnings;
  TwTable *table;
  TwColumn *column;

  switch (fixture->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      execute (fixture->connection,
               "CREATE TABLE \"t\" (\n"
               "  id INTEGER PRIMARY KEY AUTOINCREMENT, -- a comment, (with a parenthesis\n"
               "  name varchar(20) CONSTRAINT name_ok CHECK (length(name) > 1) UNIQUE,\n"
               "  [weird col] INT NOT NULL DEFAULT (1 + 2) REFERENCES t (id),\n"
               "  amount DOUBLE DEFAULT -1.5,\n"
               "  note CLOB /* comment */,\n"
               "  CHECK (amount <> 0),\n"
               "  CONSTRAINT \"uq\"\"t\" UNIQUE (name, amount)\n"
               ")");
      execute (fixture->connection, "CREATE INDEX t_expr ON t (lower(name))");
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      execute (fixture->connection,
               "CREATE TABLE t (\n"
               "  id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
               "  name varchar(20) CONSTRAINT name_ok CHECK (length(name) > 1) UNIQUE,\n"
               "  \"weird col\" INT NOT NULL DEFAULT (1 + 2) REFERENCES t (id),\n"
               "  amount DOUBLE PRECISION DEFAULT -1.5,\n"
               "  note TEXT,\n"
               "  doc JSONB,\n"
               "  CHECK (amount <> 0),\n"
               "  CONSTRAINT \"uq\"\"t\" UNIQUE (name, amount)\n"
               ")");
      execute (fixture->connection, "CREATE INDEX t_expr ON t (lower(name))");
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      execute (fixture->connection,
               "CREATE TABLE t (\n"
               "  id INT AUTO_INCREMENT PRIMARY KEY,\n"
               "  name varchar(20) UNIQUE,\n"
               "  `weird col` INT NOT NULL DEFAULT (1 + 2) REFERENCES t (id),\n"
               "  amount DOUBLE DEFAULT -1.5,\n"
               "  note MEDIUMTEXT,\n"
               "  flag TINYINT(1) DEFAULT 1,\n"
               "  CONSTRAINT name_ok CHECK (length(name) > 1),\n"
               "  CHECK (amount <> 0),\n"
               "  CONSTRAINT `uq\"t` UNIQUE (name, amount)\n"
               ")");
      execute (fixture->connection, "CREATE INDEX t_prefix ON t (note(10))");
      break;
    }

  reflected = tw_inspector_reflect_metadata (inspector, NULL, &error);
  g_assert_no_error (error);
  table = tw_metadata_find_table (reflected, "t");
  g_assert_nonnull (table);
  g_assert_cmpuint (tw_table_get_n_columns (table), ==, fixture->kind == TW_DIALECT_KIND_SQLITE ? 5 : 6);

  column = tw_table_find_column (table, "id");
  g_assert_true (tw_column_get_primary_key (column));
  g_assert_true (tw_table_get_autoincrement_column (table) == column);
  g_assert_cmpint (tw_column_get_default_kind (column), ==, TW_DEFAULT_KIND_NONE);

  column = tw_table_find_column (table, "name");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_STRING);
  g_assert_cmpuint (tw_column_get_length (column), ==, 20);
  g_assert_true (tw_column_get_unique (column));

  column = tw_table_find_column (table, "weird col");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_INTEGER);
  g_assert_false (tw_column_get_nullable (column));
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "1 + 2");

  column = tw_table_find_column (table, "amount");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_FLOAT);
  assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "-1.5");

  column = tw_table_find_column (table, "note");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_TEXT);

  if (fixture->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_assert_cmpint (tw_column_get_column_type (tw_table_find_column (table, "doc")), ==,
                     TW_COLUMN_TYPE_JSON);
  if (fixture->kind == TW_DIALECT_KIND_MYSQL)
    {
      column = tw_table_find_column (table, "flag");
      g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_BOOLEAN);
      assert_default (column, TW_DEFAULT_KIND_EXPRESSION, "true");
    }

  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (table)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_unique_constraints (table)), ==, 1);
  {
    g_autoptr (TwUniqueConstraint) unique = g_list_model_get_item (tw_table_get_unique_constraints (table), 0);

    g_assert_cmpstr (tw_unique_constraint_get_name (unique), ==, "uq\"t");
  }

  /* The named check first, then the unnamed one. */
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_check_constraints (table)), ==, 2);
  check = g_list_model_get_item (tw_table_get_check_constraints (table), 0);
  g_assert_cmpstr (tw_check_constraint_get_name (check), ==, "name_ok");
  /* PostgreSQL and MariaDB keep the expression as they parsed it, with
   * PostgreSQL's casts and MariaDB's name for LENGTH(). */
  g_assert_cmpstr (tw_check_constraint_get_expression (check), ==,
                   fixture->kind == TW_DIALECT_KIND_POSTGRESQL ? "length(name::text) > 1" :
                   fixture->kind == TW_DIALECT_KIND_MYSQL ? "octet_length(name) > 1" :
                   "length(name) > 1");
  g_clear_object (&check);
  check = g_list_model_get_item (tw_table_get_check_constraints (table), 1);
  g_assert_null (tw_check_constraint_get_name (check));
  g_assert_cmpstr (tw_check_constraint_get_expression (check), ==,
                   fixture->kind == TW_DIALECT_KIND_POSTGRESQL ? "amount <> 0::double precision"
                                                               : "amount <> 0");

  /* The expression or prefix index is what the model cannot hold. */
  warnings = tw_inspector_get_warnings (inspector);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], fixture->kind == TW_DIALECT_KIND_MYSQL ? "t_prefix" : "t_expr"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_indexes (table)),
                    ==, fixture->kind == TW_DIALECT_KIND_MYSQL ? 1 : 0);
}

/* The async pair, on the connection's worker. */

typedef struct
{
  TwMetadata *metadata;
  GError     *error;
  gboolean    done;
} ReflectState;

static void
reflect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ReflectState *state = user_data;

  state->metadata = tw_inspector_reflect_finish (TW_CONNECTION (source), result, &state->error);
  state->done = TRUE;
}

static void
test_async (TwTestDbFixture *fixture,
            gconstpointer    data)
{
  g_autoptr (TwMetadata) tutorial = tw_test_schema_tutorial ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  ReflectState state = { NULL, NULL, FALSE };
  ReflectState cancelled = { NULL, NULL, FALSE };

  create_all (fixture->connection, tutorial);

  tw_inspector_reflect_async (fixture->connection, NULL, reflect_cb, &state);
  tw_test_db_wait_for (&state.done);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.metadata);
  g_assert_cmpuint (tw_metadata_get_n_tables (state.metadata), ==, 2);
  g_assert_finalize_object (state.metadata);

  g_cancellable_cancel (cancellable);
  tw_inspector_reflect_async (fixture->connection, cancellable, reflect_cb, &cancelled);
  tw_test_db_wait_for (&cancelled.done);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.metadata);
  g_clear_error (&cancelled.error);
}

/* The SQL text helpers, without a database. */

static void
test_sql_helpers (void)
{
  static const struct
  {
    const char *input;
    const char *stripped;
  } parentheses[] = {
    { "((1 + 1))", "1 + 1" },
    { " ( a ) ", "a" },
    { "(a) + (b)", "(a) + (b)" },
    { "('(')", "'('" },
    { "", "" },
  };
  static const struct
  {
    const char    *expression;
    gboolean       backslashes;
    TwDefaultKind  kind;
    const char    *value;
  } defaults[] = {
    { NULL, FALSE, TW_DEFAULT_KIND_NONE, NULL },
    { "NULL", FALSE, TW_DEFAULT_KIND_NONE, NULL },
    { "'it''s'", FALSE, TW_DEFAULT_KIND_LITERAL, "it's" },
    { "'a\\'b'", TRUE, TW_DEFAULT_KIND_LITERAL, "a'b" },
    { "'a' || 'b'", FALSE, TW_DEFAULT_KIND_EXPRESSION, "'a' || 'b'" },
    { "CURRENT_TIMESTAMP", FALSE, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "current_timestamp()", FALSE, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "now()", FALSE, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "curdate()", FALSE, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_DATE },
    { "(1 + 1)", FALSE, TW_DEFAULT_KIND_EXPRESSION, "1 + 1" },
    { "-1", FALSE, TW_DEFAULT_KIND_EXPRESSION, "-1" },
  };
  static const struct
  {
    const char *type;
    gboolean    ok;
    const char *name;
    guint       n_args;
    guint       args[2];
  } types[] = {
    { "numeric(10,2)", TRUE, "numeric", 2, { 10, 2 } },
    { "character varying(50)", TRUE, "character varying", 1, { 50, 0 } },
    { "TIMESTAMP(3)  WITH TIME ZONE", TRUE, "timestamp with time zone", 1, { 3, 0 } },
    { "int(11) unsigned", TRUE, "int unsigned", 1, { 11, 0 } },
    { "DOUBLE  PRECISION", TRUE, "double precision", 0, { 0, 0 } },
    { "varchar(x)", FALSE, NULL, 0, { 0, 0 } },
    { "numeric(1,2,3)", FALSE, NULL, 0, { 0, 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parentheses); i++)
    {
      g_autofree char *stripped = _tw_sql_strip_parentheses (parentheses[i].input);

      g_assert_cmpstr (stripped, ==, parentheses[i].stripped);
    }

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr (TwColumn) column = tw_column_new ("c", TW_COLUMN_TYPE_TEXT);

      _tw_inspector_set_default (column, defaults[i].expression, defaults[i].backslashes);
      g_assert_cmpint (tw_column_get_default_kind (column), ==, defaults[i].kind);
      g_assert_cmpstr (tw_column_get_default_value (column), ==, defaults[i].value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *name = NULL;
      guint args[2] = { 0, 0 };
      guint n_args = 0;
      gboolean ok;

      ok = _tw_sql_parse_type (types[i].type, &name, args, G_N_ELEMENTS (args), &n_args);
      g_assert_cmpint (ok, ==, types[i].ok);
      if (!ok)
        continue;
      g_assert_cmpstr (name, ==, types[i].name);
      g_assert_cmpuint (n_args, ==, types[i].n_args);
      g_assert_cmpuint (args[0], ==, types[i].args[0]);
      g_assert_cmpuint (args[1], ==, types[i].args[1]);
    }

  g_assert_true (_tw_sql_is_number ("9.99"));
  g_assert_true (_tw_sql_is_number ("-1e5"));
  g_assert_false (_tw_sql_is_number ("1 + 1"));
  g_assert_false (_tw_sql_is_number ("."));
  g_assert_false (_tw_sql_parse_string_literal ("'a' 'b'", FALSE, NULL));
  g_assert_false (_tw_sql_parse_string_literal ("'unterminated", FALSE, NULL));
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  g_test_add_func ("/db/reflect/sql-helpers", test_sql_helpers);

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/reflect/round-trip/%s", schemas[i].name);

      tw_test_db_add (path, &schemas[i], test_round_trip);
    }

  tw_test_db_add ("/db/reflect/all-types", NULL, test_all_types);
  tw_test_db_add ("/db/reflect/constraint-names", NULL, test_constraint_names);
  tw_test_db_add ("/db/reflect/relationships", NULL, test_relationships);
  tw_test_db_add ("/db/reflect/user-tables-only", NULL, test_user_tables_only);
  tw_test_db_add ("/db/reflect/foreign-schema", NULL, test_foreign_schema);
  tw_test_db_add ("/db/reflect/async", NULL, test_async);

  return tw_test_db_run ();
}
