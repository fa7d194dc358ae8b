/* test-ddl-live.c: the DDL compiler's create_all and drop_all on real SQLite, PostgreSQL and MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Executes the generated DDL of each shared test schema, then checks what
 * the database made of it by querying the catalogs directly (PRAGMA on
 * SQLite, information_schema and pg_catalog on PostgreSQL, information_schema
 * on MariaDB), table by table, not through
 * TwInspector, so that the compiler, the reflector and these checks test
 * each other: tables, columns with their types and nullability, primary
 * keys, foreign keys and their actions, unique constraints and indexes. It
 * inserts rows with bound parameters to prove that autoincrement works, then
 * runs the drop DDL and checks that the database is empty again, PostgreSQL
 * enum types included.
 */

#define G_LOG_DOMAIN "test-ddl-live"

#include "config.h"

#include <string.h>

#include "tw-dialect.h"
#include "tw-test-db.h"
#include "tw-test-schemas.h"

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
};

/* Queries */

static TwResult *
query (TwConnection *connection,
       const char   *sql,
       const char   *param)
{
  g_autoptr (TwValue) value = param != NULL ? tw_value_new_text (param) : NULL;
  g_autofree char *native = tw_test_db_sql (tw_connection_get_dialect_kind (connection), sql);
  g_autoptr (GError) error = NULL;
  TwResult *result;

  result = tw_connection_execute (connection, native, value != NULL ? &value : NULL,
                                  value != NULL ? 1 : 0, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static const char *
text_at (TwResult *result,
         guint     row,
         guint     column)
{
  const TwValue *value = tw_result_get_value (result, row, column);

  if (tw_value_is_null (value))
    return NULL;
  g_assert_cmpint (tw_value_get_kind (value), ==, TW_VALUE_KIND_TEXT);
  return tw_value_get_text (value);
}

static gint64
int_at (TwResult *result,
        guint     row,
        guint     column)
{
  const TwValue *value = tw_result_get_value (result, row, column);

  if (tw_value_is_null (value))
    return 0;
  if (tw_value_get_kind (value) == TW_VALUE_KIND_TEXT)
    return g_ascii_strtoll (tw_value_get_text (value), NULL, 10);
  g_assert_cmpint (tw_value_get_kind (value), ==, TW_VALUE_KIND_INT64);
  return tw_value_get_int64 (value);
}

static char *
quote (TwConnection *connection,
       const char   *name)
{
  return tw_dialect_quote_identifier (tw_dialect_get (tw_connection_get_dialect_kind (connection)), name);
}

static char *
join_strv (const char * const *names)
{
  return g_strjoinv (",", (char **) names);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, for comparing sets of descriptions. */
static void
assert_same_set (GPtrArray  *actual,
                 GPtrArray  *expected,
                 const char *what,
                 const char *table)
{
  g_ptr_array_sort (actual, compare_strings);
  g_ptr_array_sort (expected, compare_strings);

  for (guint i = 0; i < MAX (actual->len, expected->len); i++)
    {
      const char *a = i < actual->len ? g_ptr_array_index (actual, i) : NULL;
      const char *e = i < expected->len ? g_ptr_array_index (expected, i) : NULL;

      if (g_strcmp0 (a, e) != 0)
        g_error ("%s of “%s”: the database has %s where %s was expected",
                 what, table, a != NULL ? a : "nothing", e != NULL ? e : "nothing");
    }
}

/* Tables */

static GPtrArray *
catalog_table_names (TwConnection *connection)
{
  g_autoptr (TwResult) result = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  switch (tw_connection_get_dialect_kind (connection))
    {
    case TW_DIALECT_KIND_SQLITE:
      result = query (connection,
                      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
                      NULL);
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      result = query (connection,
                      "SELECT table_name::text FROM information_schema.tables"
                      " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                      NULL);
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      result = query (connection,
                      "SELECT TABLE_NAME FROM information_schema.TABLES"
                      " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
                      NULL);
      break;
    }

  for (guint i = 0; i < tw_result_get_n_rows (result); i++)
    g_ptr_array_add (names, g_strdup (text_at (result, i, 0)));
  return names;
}

/* Types, as each catalog reports them */

static guint
enum_length (TwColumn *column)
{
  const char * const *values = tw_column_get_enum_values (column);
  glong longest = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    longest = MAX (longest, g_utf8_strlen (values[i], -1));
  return (guint) longest;
}

/* PRAGMA table_info's "type": the declared type. */
static char *
sqlite_type (TwColumn *column,
             gboolean  autoincrement)
{
  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
      return g_strdup ("INTEGER");
    case TW_COLUMN_TYPE_BIG_INTEGER:
      /* Only INTEGER makes a rowid alias, which alone autoincrements. */
      return g_strdup (autoincrement ? "INTEGER" : "BIGINT");
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return g_strdup (autoincrement ? "INTEGER" : "SMALLINT");
    case TW_COLUMN_TYPE_BOOLEAN:
      return g_strdup ("BOOLEAN");
    case TW_COLUMN_TYPE_FLOAT:
      return g_strdup ("FLOAT");
    case TW_COLUMN_TYPE_NUMERIC:
      return g_strdup_printf ("NUMERIC(%u, %d)", tw_column_get_precision (column),
                              tw_column_get_scale (column));
    case TW_COLUMN_TYPE_STRING:
      return g_strdup_printf ("VARCHAR(%u)", tw_column_get_length (column));
    case TW_COLUMN_TYPE_TEXT:
      return g_strdup ("TEXT");
    case TW_COLUMN_TYPE_DATE:
      return g_strdup ("DATE");
    case TW_COLUMN_TYPE_DATE_TIME:
      return g_strdup ("DATETIME");
    case TW_COLUMN_TYPE_TIME:
      return g_strdup ("TIME");
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return g_strdup ("BLOB");
    case TW_COLUMN_TYPE_ENUM:
      return g_strdup_printf ("VARCHAR(%u)", enum_length (column));
    case TW_COLUMN_TYPE_JSON:
      return g_strdup ("JSON");
    case TW_COLUMN_TYPE_UUID:
      return g_strdup ("CHAR(36)");
    default:
      g_assert_not_reached ();
    }
}

/* information_schema.columns: data_type, with the length, precision or
 * enum name that goes with it. */
static char *
postgresql_type (TwColumn *column)
{
  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
      return g_strdup ("integer");
    case TW_COLUMN_TYPE_BIG_INTEGER:
      return g_strdup ("bigint");
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return g_strdup ("smallint");
    case TW_COLUMN_TYPE_BOOLEAN:
      return g_strdup ("boolean");
    case TW_COLUMN_TYPE_FLOAT:
      return g_strdup (tw_column_get_precision (column) > 0 && tw_column_get_precision (column) <= 24 ?
                       "real" : "double precision");
    case TW_COLUMN_TYPE_NUMERIC:
      return g_strdup_printf ("numeric %u %d", tw_column_get_precision (column),
                              tw_column_get_scale (column));
    case TW_COLUMN_TYPE_STRING:
      return g_strdup_printf ("character varying %u", tw_column_get_length (column));
    case TW_COLUMN_TYPE_TEXT:
      return g_strdup ("text");
    case TW_COLUMN_TYPE_DATE:
      return g_strdup ("date");
    case TW_COLUMN_TYPE_DATE_TIME:
      return g_strdup (tw_column_get_timezone (column) ? "timestamp with time zone"
                                                      : "timestamp without time zone");
    case TW_COLUMN_TYPE_TIME:
      return g_strdup (tw_column_get_timezone (column) ? "time with time zone"
                                                      : "time without time zone");
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return g_strdup ("bytea");
    case TW_COLUMN_TYPE_ENUM:
      return g_strdup_printf ("USER-DEFINED %s", tw_column_get_enum_name (column));
    case TW_COLUMN_TYPE_JSON:
      return g_strdup ("json");
    case TW_COLUMN_TYPE_UUID:
      return g_strdup ("uuid");
    default:
      g_assert_not_reached ();
    }
}

/* information_schema.COLUMNS.COLUMN_TYPE of MariaDB. */
static char *
mysql_type (TwColumn *column)
{
  guint length = tw_column_get_length (column);
  const char * const *values;
  GString *out;

  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
      return g_strdup ("int(11)");
    case TW_COLUMN_TYPE_BIG_INTEGER:
      return g_strdup ("bigint(20)");
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return g_strdup ("smallint(6)");
    case TW_COLUMN_TYPE_BOOLEAN:
      return g_strdup ("tinyint(1)");
    case TW_COLUMN_TYPE_FLOAT:
      return g_strdup (tw_column_get_precision (column) > 24 ? "double" : "float");
    case TW_COLUMN_TYPE_NUMERIC:
      return g_strdup_printf ("decimal(%u,%d)", tw_column_get_precision (column),
                              tw_column_get_scale (column));
    case TW_COLUMN_TYPE_STRING:
      return g_strdup_printf ("varchar(%u)", length);
    case TW_COLUMN_TYPE_TEXT:
      return g_strdup ("text");
    case TW_COLUMN_TYPE_DATE:
      return g_strdup ("date");
    case TW_COLUMN_TYPE_DATE_TIME:
      return g_strdup ("datetime");
    case TW_COLUMN_TYPE_TIME:
      return g_strdup ("time");
    case TW_COLUMN_TYPE_LARGE_BINARY:
      if (length == 0)
        return g_strdup ("blob");
      return g_strdup (length <= 255 ? "tinyblob" : length <= 65535 ? "blob" :
                       length <= 16777215 ? "mediumblob" : "longblob");
    case TW_COLUMN_TYPE_ENUM:
      out = g_string_new ("enum(");
      values = tw_column_get_enum_values (column);
      for (guint i = 0; values[i] != NULL; i++)
        g_string_append_printf (out, "%s'%s'", i > 0 ? "," : "", values[i]);
      g_string_append_c (out, ')');
      return g_string_free (out, FALSE);
    case TW_COLUMN_TYPE_JSON:
      /* MariaDB's JSON is LONGTEXT with a json_valid() check. */
      return g_strdup ("longtext");
    case TW_COLUMN_TYPE_UUID:
      return g_strdup ("char(36)");
    default:
      g_assert_not_reached ();
    }
}

/* Columns: "name type NULL|NOT NULL" each. */

static void
check_columns (TwConnection *connection,
               TwTable      *table)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (connection);
  const char *name = tw_table_get_name (table);
  TwColumn *autoincrement = tw_table_get_autoincrement_column (table);
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) key = tw_table_dup_primary_key (table);
  g_autoptr (GPtrArray) key_expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) key_actual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (TwResult) result = NULL;
  g_autofree char *quoted = quote (connection, name);
  g_autofree char *sql = NULL;
  guint n = tw_table_get_n_columns (table);

  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);
      g_autofree char *type = NULL;

      if (kind == TW_DIALECT_KIND_SQLITE)
        type = sqlite_type (column, column == autoincrement);
      else if (kind == TW_DIALECT_KIND_POSTGRESQL)
        type = postgresql_type (column);
      else
        type = mysql_type (column);

      /* Columns keep their order: the position is part of the line. */
      g_ptr_array_add (expected, g_strdup_printf ("%02u %s %s %s", i, tw_column_get_name (column), type,
                                                  tw_column_is_effectively_nullable (column) ?
                                                  "NULL" : "NOT NULL"));
    }
  for (guint i = 0; i < key->len; i++)
    g_ptr_array_add (key_expected, g_strdup_printf ("%u %s", i,
                                                    tw_column_get_name (g_ptr_array_index (key, i))));

  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      sql = g_strdup_printf ("PRAGMA table_info(%s)", quoted);
      result = query (connection, sql, NULL);
      for (guint i = 0; i < tw_result_get_n_rows (result); i++)
        {
          gint64 pk = int_at (result, i, 5);

          /* The rowid alias may be NULL to SQLite; the model says NOT NULL. */
          g_ptr_array_add (actual, g_strdup_printf ("%02" G_GINT64_FORMAT " %s %s %s", int_at (result, i, 0),
                                                    text_at (result, i, 1), text_at (result, i, 2),
                                                    int_at (result, i, 3) || pk > 0 ? "NOT NULL" : "NULL"));
          if (pk > 0)
            g_ptr_array_add (key_actual, g_strdup_printf ("%" G_GINT64_FORMAT " %s", pk - 1,
                                                          text_at (result, i, 1)));
        }
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      result = query (connection,
                      "SELECT ordinal_position, column_name::text,"
                      " CASE WHEN data_type = 'character varying'"
                      "  THEN data_type || ' ' || character_maximum_length"
                      "  WHEN data_type = 'numeric' THEN data_type || ' ' || numeric_precision || ' ' || numeric_scale"
                      "  WHEN data_type = 'USER-DEFINED' THEN data_type || ' ' || udt_name"
                      "  ELSE data_type END::text,"
                      " is_nullable::text"
                      " FROM information_schema.columns"
                      " WHERE table_schema = current_schema() AND table_name = ?"
                      " ORDER BY ordinal_position",
                      name);
      for (guint i = 0; i < tw_result_get_n_rows (result); i++)
        g_ptr_array_add (actual, g_strdup_printf ("%02" G_GINT64_FORMAT " %s %s %s", int_at (result, i, 0) - 1,
                                                  text_at (result, i, 1), text_at (result, i, 2),
                                                  g_str_equal (text_at (result, i, 3), "YES") ?
                                                  "NULL" : "NOT NULL"));
      g_clear_pointer (&result, tw_result_unref);
      result = query (connection,
                      "SELECT k.ordinal_position, k.column_name::text"
                      " FROM information_schema.table_constraints AS c"
                      " JOIN information_schema.key_column_usage AS k"
                      "  ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name"
                      " WHERE c.table_schema = current_schema() AND c.table_name = ?"
                      " AND c.constraint_type = 'PRIMARY KEY'",
                      name);
      for (guint i = 0; i < tw_result_get_n_rows (result); i++)
        g_ptr_array_add (key_actual, g_strdup_printf ("%" G_GINT64_FORMAT " %s", int_at (result, i, 0) - 1,
                                                      text_at (result, i, 1)));
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      result = query (connection,
                      "SELECT ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE"
                      " FROM information_schema.COLUMNS"
                      " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                      " ORDER BY ORDINAL_POSITION",
                      name);
      for (guint i = 0; i < tw_result_get_n_rows (result); i++)
        g_ptr_array_add (actual, g_strdup_printf ("%02" G_GINT64_FORMAT " %s %s %s", int_at (result, i, 0) - 1,
                                                  text_at (result, i, 1), text_at (result, i, 2),
                                                  g_str_equal (text_at (result, i, 3), "YES") ?
                                                  "NULL" : "NOT NULL"));
      g_clear_pointer (&result, tw_result_unref);
      result = query (connection,
                      "SELECT ORDINAL_POSITION, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                      " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'",
                      name);
      for (guint i = 0; i < tw_result_get_n_rows (result); i++)
        g_ptr_array_add (key_actual, g_strdup_printf ("%" G_GINT64_FORMAT " %s", int_at (result, i, 0) - 1,
                                                      text_at (result, i, 1)));
      break;
    }

  assert_same_set (actual, expected, "Columns", name);
  assert_same_set (key_actual, key_expected, "Primary key", name);
}

/* Foreign keys: "cols -> table(cols) ON DELETE x ON UPDATE y" each. */

static char *
describe_foreign_key (const char *columns,
                      const char *referred_table,
                      const char *referred_columns,
                      const char *on_delete,
                      const char *on_update)
{
  return g_strdup_printf ("%s -> %s(%s) ON DELETE %s ON UPDATE %s", columns, referred_table,
                          referred_columns, on_delete, on_update);
}

static void
check_foreign_keys (TwConnection *connection,
                    TwTable      *table)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (connection);
  const char *name = tw_table_get_name (table);
  GListModel *fks = tw_table_get_foreign_keys (table);
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (TwResult) result = NULL;
  g_autofree char *quoted = quote (connection, name);
  g_autofree char *sql = NULL;
  guint n = g_list_model_get_n_items (fks);
  guint i = 0;

  for (guint f = 0; f < n; f++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
      g_autofree char *columns = join_strv (tw_foreign_key_get_columns (fk));
      g_autofree char *referred = join_strv (tw_foreign_key_get_referred_columns (fk));
      const char *on_delete = tw_fk_action_to_sql (tw_foreign_key_get_on_delete (fk));
      const char *on_update = tw_fk_action_to_sql (tw_foreign_key_get_on_update (fk));

      /* MariaDB reports no action as RESTRICT, what InnoDB does then. */
      if (kind == TW_DIALECT_KIND_MYSQL)
        {
          if (tw_foreign_key_get_on_delete (fk) == TW_FK_ACTION_NO_ACTION)
            on_delete = "RESTRICT";
          if (tw_foreign_key_get_on_update (fk) == TW_FK_ACTION_NO_ACTION)
            on_update = "RESTRICT";
        }
      g_ptr_array_add (expected, describe_foreign_key (columns, tw_foreign_key_get_referred_table (fk),
                                                       referred, on_delete, on_update));
    }

  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      /* id, seq, table, from, to, on_update, on_delete, match */
      sql = g_strdup_printf ("PRAGMA foreign_key_list(%s)", quoted);
      result = query (connection, sql, NULL);
      while (i < tw_result_get_n_rows (result))
        {
          gint64 id = int_at (result, i, 0);
          g_autoptr (GString) columns = g_string_new (NULL);
          g_autoptr (GString) referred = g_string_new (NULL);
          guint first = i;

          for (; i < tw_result_get_n_rows (result) && int_at (result, i, 0) == id; i++)
            {
              g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", text_at (result, i, 3));
              g_string_append_printf (referred, "%s%s", referred->len > 0 ? "," : "", text_at (result, i, 4));
            }
          g_ptr_array_add (actual, describe_foreign_key (columns->str, text_at (result, first, 2),
                                                        referred->str, text_at (result, first, 6),
                                                        text_at (result, first, 5)));
        }
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      /* information_schema.referential_constraints takes half a second per
       * table in a large schema: pg_constraint, key column by key column. */
      result = query (connection,
                      "SELECT c.conname::text, a.attname::text, f.relname::text, fa.attname::text,"
                      " CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'"
                      "  WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END,"
                      " CASE c.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'"
                      "  WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END"
                      " FROM pg_constraint AS c"
                      " JOIN pg_class AS t ON t.oid = c.conrelid"
                      " CROSS JOIN generate_subscripts (c.conkey, 1) AS s (i)"
                      " JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[s.i]"
                      " JOIN pg_class AS f ON f.oid = c.confrelid"
                      " JOIN pg_attribute AS fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[s.i]"
                      " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ?"
                      " AND c.contype = 'f'"
                      " ORDER BY c.conname, s.i",
                      name);
      while (i < tw_result_get_n_rows (result))
        {
          g_autofree char *constraint = g_strdup (text_at (result, i, 0));
          g_autoptr (GString) columns = g_string_new (NULL);
          g_autoptr (GString) referred = g_string_new (NULL);
          guint first = i;

          for (; i < tw_result_get_n_rows (result) && g_str_equal (text_at (result, i, 0), constraint); i++)
            {
              g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", text_at (result, i, 1));
              g_string_append_printf (referred, "%s%s", referred->len > 0 ? "," : "", text_at (result, i, 3));
            }
          g_ptr_array_add (actual, describe_foreign_key (columns->str, text_at (result, first, 2),
                                                        referred->str, text_at (result, first, 4),
                                                        text_at (result, first, 5)));
        }
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      result = query (connection,
                      "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
                      " k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE"
                      " FROM information_schema.KEY_COLUMN_USAGE AS k"
                      " JOIN information_schema.REFERENTIAL_CONSTRAINTS AS r"
                      "  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                      "  AND r.TABLE_NAME = k.TABLE_NAME"
                      " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ?"
                      " ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
                      name);
      while (i < tw_result_get_n_rows (result))
        {
          g_autofree char *constraint = g_strdup (text_at (result, i, 0));
          g_autoptr (GString) columns = g_string_new (NULL);
          g_autoptr (GString) referred = g_string_new (NULL);
          guint first = i;

          for (; i < tw_result_get_n_rows (result) && g_str_equal (text_at (result, i, 0), constraint); i++)
            {
              g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", text_at (result, i, 1));
              g_string_append_printf (referred, "%s%s", referred->len > 0 ? "," : "", text_at (result, i, 3));
            }
          g_ptr_array_add (actual, describe_foreign_key (columns->str, text_at (result, first, 2),
                                                        referred->str, text_at (result, first, 4),
                                                        text_at (result, first, 5)));
        }
      break;
    }

  assert_same_set (actual, expected, "Foreign keys", name);
}

/* Unique constraints and indexes: "UNIQUE cols" for constraints,
 * "INDEX name UNIQUE? cols" for indexes. */

static void
expected_uniques_and_indexes (TwTable   *table,
                              GPtrArray *uniques,
                              GPtrArray *indexes)
{
  GListModel *list;
  guint n = tw_table_get_n_columns (table);

  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);

      if (tw_column_get_index (column))
        g_ptr_array_add (indexes, g_strdup_printf ("INDEX ix_%s_%s%s %s", tw_table_get_name (table),
                                                   tw_column_get_name (column),
                                                   tw_column_get_unique (column) ? " UNIQUE" : "",
                                                   tw_column_get_name (column)));
      else if (tw_column_get_unique (column))
        g_ptr_array_add (uniques, g_strdup_printf ("UNIQUE %s", tw_column_get_name (column)));
    }

  list = tw_table_get_unique_constraints (table);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (TwUniqueConstraint) unique = g_list_model_get_item (list, i);
      g_autofree char *columns = join_strv (tw_unique_constraint_get_columns (unique));

      g_ptr_array_add (uniques, g_strdup_printf ("UNIQUE %s", columns));
    }

  list = tw_table_get_indexes (table);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, i);
      g_autofree char *columns = join_strv (tw_index_get_columns (index));

      g_ptr_array_add (indexes, g_strdup_printf ("INDEX %s%s %s", tw_index_get_name (index),
                                                 tw_index_get_unique (index) ? " UNIQUE" : "", columns));
    }
}

/* Whether columns (joined with ",") are the columns of one of the table's
 * foreign keys: InnoDB indexes those by itself. */
static gboolean
is_foreign_key_columns (TwTable    *table,
                        const char *columns)
{
  GListModel *fks = tw_table_get_foreign_keys (table);

  for (guint i = 0; i < g_list_model_get_n_items (fks); i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);
      g_autofree char *joined = join_strv (tw_foreign_key_get_columns (fk));

      if (g_str_equal (joined, columns))
        return TRUE;
    }
  return FALSE;
}

static void
check_uniques_and_indexes (TwConnection *connection,
                           TwTable      *table)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (connection);
  const char *name = tw_table_get_name (table);
  g_autoptr (GPtrArray) expected_uniques = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) expected_indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) uniques = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) index_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (TwResult) result = NULL;
  g_autofree char *quoted = quote (connection, name);
  g_autofree char *sql = NULL;
  GListModel *list;
  guint i = 0;

  expected_uniques_and_indexes (table, expected_uniques, expected_indexes);

  /* The names the model gives indexes, to tell them from MySQL's unique
   * constraints, which are unique indexes too. */
  list = tw_table_get_indexes (table);
  for (guint k = 0; k < g_list_model_get_n_items (list); k++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, k);

      g_hash_table_add (index_names, (gpointer) tw_index_get_name (index));
    }

  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      /* seq, name, unique, origin, partial */
      sql = g_strdup_printf ("PRAGMA index_list(%s)", quoted);
      result = query (connection, sql, NULL);
      for (guint r = 0; r < tw_result_get_n_rows (result); r++)
        {
          const char *index_name = text_at (result, r, 1);
          const char *origin = text_at (result, r, 3);
          g_autofree char *quoted_index = quote (connection, index_name);
          g_autofree char *info_sql = g_strdup_printf ("PRAGMA index_info(%s)", quoted_index);
          g_autoptr (TwResult) info = query (connection, info_sql, NULL);
          g_autoptr (GString) columns = g_string_new (NULL);

          for (guint c = 0; c < tw_result_get_n_rows (info); c++)
            g_string_append_printf (columns, "%s%s", c > 0 ? "," : "", text_at (info, c, 2));

          if (g_str_equal (origin, "u"))
            g_ptr_array_add (uniques, g_strdup_printf ("UNIQUE %s", columns->str));
          else if (g_str_equal (origin, "c"))
            g_ptr_array_add (indexes, g_strdup_printf ("INDEX %s%s %s", index_name,
                                                       int_at (result, r, 2) ? " UNIQUE" : "", columns->str));
        }
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      result = query (connection,
                      "SELECT k.constraint_name::text, k.column_name::text"
                      " FROM information_schema.table_constraints AS c"
                      " JOIN information_schema.key_column_usage AS k"
                      "  ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name"
                      " WHERE c.table_schema = current_schema() AND c.table_name = ?"
                      " AND c.constraint_type = 'UNIQUE'"
                      " ORDER BY k.constraint_name, k.ordinal_position",
                      name);
      while (i < tw_result_get_n_rows (result))
        {
          g_autofree char *constraint = g_strdup (text_at (result, i, 0));
          g_autoptr (GString) columns = g_string_new (NULL);

          for (; i < tw_result_get_n_rows (result) && g_str_equal (text_at (result, i, 0), constraint); i++)
            g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", text_at (result, i, 1));
          g_ptr_array_add (uniques, g_strdup_printf ("UNIQUE %s", columns->str));
        }

      /* Indexes that back no constraint. */
      g_clear_pointer (&result, tw_result_unref);
      result = query (connection,
                      "SELECT i.relname::text, x.indisunique,"
                      " (SELECT string_agg (a.attname, ',' ORDER BY k.o)"
                      "  FROM unnest (x.indkey) WITH ORDINALITY AS k (attnum, o)"
                      "  JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum)"
                      " FROM pg_index AS x"
                      " JOIN pg_class AS i ON i.oid = x.indexrelid"
                      " JOIN pg_class AS t ON t.oid = x.indrelid"
                      " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ?"
                      " AND NOT EXISTS (SELECT FROM pg_constraint AS c WHERE c.conindid = x.indexrelid"
                      "  AND c.conrelid = x.indrelid)",
                      name);
      for (guint r = 0; r < tw_result_get_n_rows (result); r++)
        g_ptr_array_add (indexes, g_strdup_printf ("INDEX %s%s %s", text_at (result, r, 0),
                                                   tw_value_get_boolean (tw_result_get_value (result, r, 1)) ?
                                                   " UNIQUE" : "", text_at (result, r, 2)));
      break;

    case TW_DIALECT_KIND_MYSQL:
    default:
      result = query (connection,
                      "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS"
                      " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY'"
                      " ORDER BY INDEX_NAME, SEQ_IN_INDEX",
                      name);
      while (i < tw_result_get_n_rows (result))
        {
          g_autofree char *index_name = g_strdup (text_at (result, i, 0));
          gboolean unique = int_at (result, i, 1) == 0;
          g_autoptr (GString) columns = g_string_new (NULL);

          for (; i < tw_result_get_n_rows (result) && g_str_equal (text_at (result, i, 0), index_name); i++)
            g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", text_at (result, i, 2));

          if (unique && !g_hash_table_contains (index_names, index_name) &&
              !g_str_has_prefix (index_name, "ix_"))
            g_ptr_array_add (uniques, g_strdup_printf ("UNIQUE %s", columns->str));
          else if (unique || !is_foreign_key_columns (table, columns->str) ||
                   g_hash_table_contains (index_names, index_name) || g_str_has_prefix (index_name, "ix_"))
            g_ptr_array_add (indexes, g_strdup_printf ("INDEX %s%s %s", index_name, unique ? " UNIQUE" : "",
                                                       columns->str));
        }
      break;
    }

  assert_same_set (uniques, expected_uniques, "Unique constraints", name);
  assert_same_set (indexes, expected_indexes, "Indexes", name);
}

/* Autoincrement: rows inserted with bound parameters get new keys. */

/* A value for the column; rows with another seed get other values, so that
 * unique columns take both. */
static TwValue *
sample_value (TwColumn *column,
              guint     seed)
{
  const char * const *values;
  g_autofree char *text = NULL;

  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return tw_value_new_int64 (7 + seed);
    case TW_COLUMN_TYPE_BOOLEAN:
      return tw_value_new_boolean (seed % 2 == 0);
    case TW_COLUMN_TYPE_FLOAT:
      return tw_value_new_double (1.5 + seed);
    case TW_COLUMN_TYPE_NUMERIC:
      text = g_strdup_printf ("%u.25", 12 + seed);
      return tw_value_new_numeric (text);
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
      text = g_strdup_printf ("x%u", seed);
      return tw_value_new_text (text);
    case TW_COLUMN_TYPE_DATE:
      text = g_strdup_printf ("2024-02-%02u", 1 + seed % 28);
      return tw_value_new_date (text);
    case TW_COLUMN_TYPE_DATE_TIME:
      text = g_strdup_printf ("2024-02-29 12:34:%02u", seed % 60);
      return tw_value_new_datetime (text);
    case TW_COLUMN_TYPE_TIME:
      text = g_strdup_printf ("12:34:%02u", seed % 60);
      return tw_value_new_time (text);
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return tw_value_new_blob_take (g_memdup2 (&seed, sizeof seed), sizeof seed);
    case TW_COLUMN_TYPE_ENUM:
      values = tw_column_get_enum_values (column);
      return tw_value_new_text (values[seed % g_strv_length ((char **) values)]);
    case TW_COLUMN_TYPE_JSON:
      text = g_strdup_printf ("{\"a\": %u}", seed);
      return tw_value_new_json (text);
    case TW_COLUMN_TYPE_UUID:
      text = g_strdup_printf ("a3bb189e-8bf9-3888-9912-%012u", seed);
      return tw_value_new_uuid (text);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_required_foreign_key (TwTable *table)
{
  guint n = tw_table_get_n_columns (table);
  GListModel *fks = tw_table_get_foreign_keys (table);

  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);

      if (tw_column_get_nullable (column))
        continue;
      for (guint f = 0; f < g_list_model_get_n_items (fks); f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);

          if (tw_foreign_key_has_column (fk, tw_column_get_name (column)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Inserts a row, giving a value to every NOT NULL column without a
 * default, and returns the key the database made. */
static gint64
insert_row (TwConnection *connection,
            TwTable      *table,
            TwColumn     *autoincrement,
            guint         seed)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (connection);
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  g_autoptr (GString) sql = g_string_new ("INSERT INTO ");
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) placeholders = g_string_new (NULL);
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *table_name = quote (connection, tw_table_get_name (table));
  guint n = tw_table_get_n_columns (table);

  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);
      g_autofree char *column_name = NULL;
      g_autofree char *placeholder = NULL;

      if (column == autoincrement || tw_column_get_nullable (column) ||
          tw_column_get_default_kind (column) != TW_DEFAULT_KIND_NONE)
        continue;

      column_name = quote (connection, tw_column_get_name (column));
      placeholder = tw_dialect_kind_placeholder (kind, params->len + 1);
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", column_name);
      g_string_append_printf (placeholders, "%s%s", placeholders->len > 0 ? ", " : "", placeholder);
      g_ptr_array_add (params, sample_value (column, seed));
    }

  g_string_append (sql, table_name);
  if (params->len > 0)
    g_string_append_printf (sql, " (%s) VALUES (%s)", names->str, placeholders->str);
  else if (kind == TW_DIALECT_KIND_MYSQL)
    g_string_append (sql, " () VALUES ()");
  else
    g_string_append (sql, " DEFAULT VALUES");
  if (kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_autofree char *key = quote (connection, tw_column_get_name (autoincrement));

      g_string_append_printf (sql, " RETURNING %s", key);
    }

  result = tw_connection_execute (connection, sql->str, (TwValue * const *) params->pdata, params->len,
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tw_result_get_affected_rows (result), ==, 1);

  if (kind == TW_DIALECT_KIND_POSTGRESQL)
    {
      g_assert_cmpuint (tw_result_get_n_rows (result), ==, 1);
      return int_at (result, 0, 0);
    }
  return tw_result_get_last_insert_id (result);
}

static guint
check_autoincrement (TwConnection *connection,
                     TwMetadata   *metadata)
{
  guint n = tw_metadata_get_n_tables (metadata);
  guint tried = 0;

  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);
      TwColumn *autoincrement = tw_table_get_autoincrement_column (table);
      gint64 first;
      gint64 second;

      if (autoincrement == NULL || has_required_foreign_key (table))
        continue;

      first = insert_row (connection, table, autoincrement, 1);
      second = insert_row (connection, table, autoincrement, 2);
      g_assert_cmpint (first, >, 0);
      g_assert_cmpint (second, >, first);
      tried++;
    }
  return tried;
}

static guint
count_enum_types (TwConnection *connection)
{
  g_autoptr (TwResult) result = NULL;

  if (tw_connection_get_dialect_kind (connection) != TW_DIALECT_KIND_POSTGRESQL)
    return 0;

  result = query (connection,
                  "SELECT count(*) FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace"
                  " WHERE n.nspname = current_schema() AND t.typtype = 'e'",
                  NULL);
  return (guint) int_at (result, 0, 0);
}

static void
execute_statements (TwConnection *connection,
                    GPtrArray    *statements)
{
  for (guint i = 0; i < statements->len; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);
      g_autoptr (TwResult) result = NULL;
      g_autoptr (GError) error = NULL;

      result = tw_connection_execute (connection, tw_ddl_statement_get_sql (statement), NULL, 0, NULL, &error);
      if (error != NULL)
        g_error ("%s", error->message);
    }
}

static void
test_live (TwTestDbFixture *fixture,
           gconstpointer    data)
{
  const Schema *schema = data;
  g_autoptr (TwMetadata) metadata = schema->build ();
  TwDialect *dialect = tw_dialect_get (fixture->kind);
  g_autoptr (GPtrArray) create = NULL;
  g_autoptr (GPtrArray) drop = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (GPtrArray) expected_tables = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  guint n = tw_metadata_get_n_tables (metadata);
  guint inserted;

  create = tw_dialect_compile_create_all (dialect, metadata, &error);
  g_assert_no_error (error);
  execute_statements (fixture->connection, create);

  tables = catalog_table_names (fixture->connection);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (expected_tables, (gpointer) tw_table_get_name (tw_metadata_get_table (metadata, i)));
  g_ptr_array_set_free_func (expected_tables, NULL);
  g_ptr_array_sort (tables, compare_strings);
  g_ptr_array_sort (expected_tables, compare_strings);
  g_assert_cmpuint (tables->len, ==, expected_tables->len);
  for (guint i = 0; i < tables->len; i++)
    g_assert_cmpstr (g_ptr_array_index (tables, i), ==, g_ptr_array_index (expected_tables, i));

  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      check_columns (fixture->connection, table);
      check_foreign_keys (fixture->connection, table);
      check_uniques_and_indexes (fixture->connection, table);
    }

  inserted = check_autoincrement (fixture->connection, metadata);
  g_test_message ("%u tables took autoincremented rows", inserted);
  /* Only the composite keys have nothing to autoincrement. */
  if (!g_str_equal (schema->name, "composite"))
    g_assert_cmpuint (inserted, >, 0);

  drop = tw_dialect_compile_drop_all (dialect, metadata, &error);
  g_assert_no_error (error);
  execute_statements (fixture->connection, drop);

  g_clear_pointer (&tables, g_ptr_array_unref);
  tables = catalog_table_names (fixture->connection);
  g_assert_cmpuint (tables->len, ==, 0);
  g_assert_cmpuint (count_enum_types (fixture->connection), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/ddl-live/%s", schemas[i].name);

      tw_test_db_add (path, &schemas[i], test_live);
    }

  return tw_test_db_run ();
}
