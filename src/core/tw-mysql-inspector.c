/* tw-mysql-inspector.c: reflection of a MySQL or MariaDB database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-mysql-inspector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-inspector-private.h"
#include "tw-mysql-inspector.h"

/* Six queries of information_schema read the whole database: tables,
 * columns, foreign key columns and actions, indexes (STATISTICS) and check
 * constraints. What
 * MySQL cannot tell apart is read by convention:
 *
 *  - a UNIQUE constraint is a unique index: one whose name starts with "ix_"
 *    (the name Column(index=True) gives) is read as an index, any other as
 *    a constraint;
 *  - InnoDB adds an index for each foreign key that has none: an index over
 *    exactly the key's columns, named after the key or its first column, is
 *    not reported;
 *  - MariaDB's JSON is LONGTEXT with a CHECK (json_valid(`column`)): that
 *    column is JSON and the check is not reported;
 *  - ON DELETE/UPDATE RESTRICT is what MySQL does when no action is given,
 *    so it reads as no action;
 *  - a primary key is always named PRIMARY: its name is never kept. */

struct _TwMysqlInspector
{
  TwInspector parent_instance;
};

G_DEFINE_FINAL_TYPE (TwMysqlInspector, tw_mysql_inspector, TW_TYPE_INSPECTOR)

#define SCHEMA "COALESCE (?, DATABASE ())"

static const char tables_sql[] =
  "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES"
  " WHERE TABLE_SCHEMA = " SCHEMA " AND TABLE_TYPE = 'BASE TABLE'";

static const char columns_sql[] =
  "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
  " COLUMN_COMMENT FROM information_schema.COLUMNS"
  " WHERE TABLE_SCHEMA = " SCHEMA
  " ORDER BY TABLE_NAME, ORDINAL_POSITION";

/* The key columns and the actions come in two queries, joined here: MariaDB
 * joins the two views ten times slower than it reads them. */
static const char foreign_keys_sql[] =
  "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME,"
  " REFERENCED_COLUMN_NAME, REFERENCED_TABLE_SCHEMA <> TABLE_SCHEMA"
  " FROM information_schema.KEY_COLUMN_USAGE"
  " WHERE CONSTRAINT_SCHEMA = " SCHEMA " AND REFERENCED_TABLE_NAME IS NOT NULL"
  " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";

static const char rules_sql[] =
  "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
  " FROM information_schema.REFERENTIAL_CONSTRAINTS"
  " WHERE CONSTRAINT_SCHEMA = " SCHEMA;

static const char indexes_sql[] =
  "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART"
  " FROM information_schema.STATISTICS"
  " WHERE TABLE_SCHEMA = " SCHEMA
  " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/* MariaDB's form of CHECK_CONSTRAINTS (10.2 and later). */
static const char checks_sql[] =
  "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL"
  " FROM information_schema.CHECK_CONSTRAINTS"
  " WHERE CONSTRAINT_SCHEMA = " SCHEMA
  " ORDER BY TABLE_NAME, CONSTRAINT_NAME";

static gboolean
is_mariadb (TwInspector *self)
{
  const char *version = tw_connection_get_server_version (tw_inspector_get_connection (self));

  return version != NULL && strstr (version, "MariaDB") != NULL;
}

/* The values of "enum('a','b''c')". */
static GStrv
parse_enum_values (const char *type)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = strchr (type, '(');

  if (p == NULL)
    return NULL;

  for (p++; *p == '\''; )
    {
      GString *value = g_string_new (NULL);

      for (p++; *p != '\0'; p++)
        {
          if (*p == '\'' && p[1] == '\'')
            {
              g_string_append_c (value, '\'');
              p++;
              continue;
            }
          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_c (value, *++p);
              continue;
            }
          if (*p == '\'')
            break;
          g_string_append_c (value, *p);
        }
      g_strv_builder_add (builder, value->str);
      g_string_free (value, TRUE);

      if (*p != '\'')
        return NULL;
      p++;
      if (*p == ',')
        p++;
    }

  return *p == ')' ? g_strv_builder_end (builder) : NULL;
}

static void
set_column_type (TwInspector *self,
                 TwColumn    *column,
                 const char  *table_name,
                 const char  *column_type)
{
  g_autofree char *name = NULL;
  guint args[2] = { 0, 0 };
  guint n_args = 0;
  TwColumnType type = TW_COLUMN_TYPE_TEXT;
  gboolean known = TRUE;
  guint length = 0;

  if (column_type != NULL && g_ascii_strncasecmp (column_type, "enum(", 5) == 0)
    {
      g_auto (GStrv) values = parse_enum_values (column_type);

      if (values != NULL)
        {
          tw_column_set_column_type (column, TW_COLUMN_TYPE_ENUM);
          tw_column_set_enum_values (column, (const char * const *) values);
          return;
        }
    }

  if (column_type == NULL ||
      !_tw_sql_parse_type (column_type, &name, args, G_N_ELEMENTS (args), &n_args))
    {
      g_clear_pointer (&name, g_free);
      name = g_strdup (column_type != NULL ? column_type : "");
      known = FALSE;
    }

  if (g_str_has_suffix (name, " unsigned") || g_str_has_suffix (name, " zerofill"))
    {
      _tw_inspector_add_warning (self, _("Column “%s.%s” is “%s”, which the model reflects as signed"),
                                 table_name, tw_column_get_name (column), column_type);
      *strchr (name, ' ') = '\0';
    }

  if (g_str_equal (name, "int") || g_str_equal (name, "integer") || g_str_equal (name, "mediumint"))
    type = TW_COLUMN_TYPE_INTEGER;
  else if (g_str_equal (name, "bigint"))
    type = TW_COLUMN_TYPE_BIG_INTEGER;
  else if (g_str_equal (name, "smallint"))
    type = TW_COLUMN_TYPE_SMALL_INTEGER;
  else if (g_str_equal (name, "tinyint"))
    type = n_args == 1 && args[0] == 1 ? TW_COLUMN_TYPE_BOOLEAN : TW_COLUMN_TYPE_SMALL_INTEGER;
  else if (g_str_equal (name, "bool") || g_str_equal (name, "boolean"))
    type = TW_COLUMN_TYPE_BOOLEAN;
  else if (g_str_equal (name, "float"))
    {
      /* FLOAT(p) with p up to 24 makes a FLOAT, larger p a DOUBLE. */
      type = TW_COLUMN_TYPE_FLOAT;
      n_args = 0;
    }
  else if (g_str_equal (name, "double") || g_str_equal (name, "double precision") ||
           g_str_equal (name, "real"))
    {
      type = TW_COLUMN_TYPE_FLOAT;
      args[0] = 53;
      n_args = 1;
    }
  else if (g_str_equal (name, "decimal") || g_str_equal (name, "numeric"))
    type = TW_COLUMN_TYPE_NUMERIC;
  else if (g_str_equal (name, "varchar") || g_str_equal (name, "char"))
    type = TW_COLUMN_TYPE_STRING;
  else if (g_str_equal (name, "tinytext") || g_str_equal (name, "text") ||
           g_str_equal (name, "mediumtext") || g_str_equal (name, "longtext"))
    type = TW_COLUMN_TYPE_TEXT;
  else if (g_str_equal (name, "json"))
    type = TW_COLUMN_TYPE_JSON;
  else if (g_str_equal (name, "date"))
    type = TW_COLUMN_TYPE_DATE;
  else if (g_str_equal (name, "datetime") || g_str_equal (name, "timestamp"))
    type = TW_COLUMN_TYPE_DATE_TIME;
  else if (g_str_equal (name, "time"))
    type = TW_COLUMN_TYPE_TIME;
  else if (g_str_equal (name, "blob"))
    type = TW_COLUMN_TYPE_LARGE_BINARY;
  else if (g_str_equal (name, "tinyblob"))
    {
      type = TW_COLUMN_TYPE_LARGE_BINARY;
      length = 255;
    }
  else if (g_str_equal (name, "mediumblob"))
    {
      type = TW_COLUMN_TYPE_LARGE_BINARY;
      length = 16777215;
    }
  else if (g_str_equal (name, "longblob"))
    {
      type = TW_COLUMN_TYPE_LARGE_BINARY;
      length = G_MAXUINT32;
    }
  else if (g_str_equal (name, "uuid"))
    type = TW_COLUMN_TYPE_UUID;
  else
    known = FALSE;

  if (!known)
    _tw_inspector_add_warning (self, _("Column “%s.%s” has the type “%s”, reflected as %s"),
                               table_name, tw_column_get_name (column),
                               column_type != NULL ? column_type : "",
                               tw_column_type_to_string (type));

  tw_column_set_column_type (column, type);
  switch (type)
    {
    case TW_COLUMN_TYPE_STRING:
      if (n_args >= 1)
        tw_column_set_length (column, args[0]);
      break;

    case TW_COLUMN_TYPE_FLOAT:
      if (n_args >= 1)
        tw_column_set_precision (column, args[0]);
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      if (n_args >= 1)
        tw_column_set_precision (column, args[0]);
      tw_column_set_scale (column, n_args >= 2 ? (int) MIN (args[1], G_MAXINT) : 0);
      break;

    case TW_COLUMN_TYPE_LARGE_BINARY:
      tw_column_set_length (column, length);
      break;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_ENUM:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_UUID:
    default:
      break;
    }
}

static gboolean
is_text_type (TwColumnType type)
{
  switch (type)
    {
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_ENUM:
    case TW_COLUMN_TYPE_UUID:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return TRUE;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_FLOAT:
    case TW_COLUMN_TYPE_NUMERIC:
    default:
      return FALSE;
    }
}

/* COLUMN_DEFAULT in the model's terms. MariaDB (10.2.7 and later) quotes
 * literals, writes NULL for no default on a nullable column and functions
 * with parentheses ("current_timestamp()"); MySQL gives literals bare and
 * marks expressions DEFAULT_GENERATED in EXTRA. */
static void
set_default (TwInspector *self,
             TwColumn    *column,
             const char  *value,
             const char  *extra)
{
  TwColumnType type = tw_column_get_column_type (column);

  if (value == NULL)
    return;

  if (!is_mariadb (self))
    {
      if (extra != NULL && strstr (extra, "DEFAULT_GENERATED") != NULL)
        _tw_inspector_set_default (column, value, TRUE);
      else if (_tw_sql_default_function (value) != NULL)
        tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, _tw_sql_default_function (value));
      else if (is_text_type (type))
        tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, value);
      else
        tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, value);
    }
  else
    {
      /* MariaDB doubles backslashes in these literals, as SQL text does. */
      _tw_inspector_set_default (column, value, TRUE);
    }

  /* BOOL is TINYINT(1): DEFAULT true reads back as 1. */
  if (type == TW_COLUMN_TYPE_BOOLEAN &&
      tw_column_get_default_kind (column) == TW_DEFAULT_KIND_EXPRESSION)
    {
      const char *expression = tw_column_get_default_value (column);

      if (g_strcmp0 (expression, "0") == 0)
        tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "false");
      else if (g_strcmp0 (expression, "1") == 0)
        tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "true");
    }
}

static const char *
schema_param (TwInspector *self)
{
  return tw_inspector_get_schema (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
tw_mysql_inspector_get_table_names (TwInspector   *self,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  GPtrArray *names;
  guint n;

  result = _tw_inspector_query (self, tables_sql, params, 1, cancellable, error);
  if (result == NULL)
    return NULL;

  n = tw_result_get_n_rows (result);
  names = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup (_tw_inspector_get_text (result, i, 0)));

  /* By bytes, whatever the collation of information_schema. */
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static gboolean
read_tables (TwInspector   *self,
             GPtrArray     *tables,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  guint n;

  result = _tw_inspector_query (self, tables_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_table_new (_tw_inspector_get_text (result, i, 0));
      const char *comment = _tw_inspector_get_text (result, i, 1);

      if (comment != NULL && comment[0] != '\0')
        tw_table_set_comment (table, comment);
      g_ptr_array_add (tables, table);
    }

  return TRUE;
}

static gboolean
read_columns (TwInspector   *self,
              GHashTable    *by_name,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  guint n;

  result = _tw_inspector_query (self, columns_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_hash_table_lookup (by_name, _tw_inspector_get_text (result, i, 0));
      const char *extra = _tw_inspector_get_text (result, i, 5);
      const char *comment = _tw_inspector_get_text (result, i, 6);
      g_autoptr (TwColumn) column = NULL;

      if (table == NULL)
        continue;

      column = tw_column_new (_tw_inspector_get_text (result, i, 1), TW_COLUMN_TYPE_INTEGER);
      set_column_type (self, column, tw_table_get_name (table), _tw_inspector_get_text (result, i, 2));
      tw_column_set_nullable (column, g_strcmp0 (_tw_inspector_get_text (result, i, 3), "YES") == 0);
      set_default (self, column, _tw_inspector_get_text (result, i, 4), extra);
      if (comment != NULL && comment[0] != '\0')
        tw_column_set_comment (column, comment);

      if (tw_column_type_is_integer (tw_column_get_column_type (column)))
        {
          gboolean autoincrement = extra != NULL && strstr (extra, "auto_increment") != NULL;

          tw_column_set_autoincrement (column, autoincrement ? TW_AUTOINCREMENT_ALWAYS
                                                             : TW_AUTOINCREMENT_NEVER);
        }

      if (extra != NULL && g_ascii_strncasecmp (extra, "on update", 9) == 0)
        _tw_inspector_add_warning (self, _("Column “%s.%s” has “%s”, which the model cannot hold"),
                                   tw_table_get_name (table), tw_column_get_name (column), extra);

      tw_table_add_column (table, column);
    }

  return TRUE;
}

/* "<name>" or "<name>_<digits>": how MySQL names an index or key after a
 * column, adding a number when the name is taken. */
static gboolean
is_named_after (const char *name,
                const char *column)
{
  gsize length = strlen (column);
  const char *p;

  if (name == NULL || strncmp (name, column, length) != 0)
    return FALSE;
  p = name + length;
  if (*p == '\0')
    return TRUE;
  if (*p != '_' || !g_ascii_isdigit (p[1]))
    return FALSE;
  for (p++; g_ascii_isdigit (*p); p++)
    ;
  return *p == '\0';
}

/* Whether name is "<table>_ibfk_<n>", the name InnoDB gives a foreign key. */
static gboolean
is_default_foreign_key_name (const char *name,
                             const char *table)
{
  g_autofree char *prefix = g_strconcat (table, "_ibfk_", NULL);
  const char *p;

  if (name == NULL || !g_str_has_prefix (name, prefix))
    return FALSE;
  p = name + strlen (prefix);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static TwFkAction
action_from_rule (const char *rule)
{
  TwFkAction action = TW_FK_ACTION_NO_ACTION;

  if (!tw_fk_action_from_string (rule, &action) || action == TW_FK_ACTION_RESTRICT)
    return TW_FK_ACTION_NO_ACTION;
  return action;
}

/* A key for a constraint of a table that no two pairs of names share. */
static char *
constraint_key (const char *table,
                const char *name)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT ":%s%s", strlen (table), table, name);
}

static gboolean
read_foreign_keys (TwInspector   *self,
                   GHashTable    *by_name,
                   GHashTable    *fk_names,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  g_autoptr (TwResult) rules = NULL;
  g_autoptr (GHashTable) rule_rows = NULL;
  guint n;
  guint i = 0;

  rules = _tw_inspector_query (self, rules_sql, params, 1, cancellable, error);
  if (rules == NULL)
    return FALSE;
  result = _tw_inspector_query (self, foreign_keys_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  /* The row of each foreign key's rules, plus one (0 is "none"). */
  rule_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = tw_result_get_n_rows (rules);
  for (guint r = 0; r < n; r++)
    {
      const char *table_name = _tw_inspector_get_text (rules, r, 0);
      const char *name = _tw_inspector_get_text (rules, r, 1);

      if (table_name != NULL && name != NULL)
        g_hash_table_insert (rule_rows, constraint_key (table_name, name), GUINT_TO_POINTER (r + 1));
    }

  n = tw_result_get_n_rows (result);
  while (i < n)
    {
      const char *table_name = _tw_inspector_get_text (result, i, 0);
      const char *name = _tw_inspector_get_text (result, i, 1);
      const char *referred = _tw_inspector_get_text (result, i, 3);
      TwTable *table = g_hash_table_lookup (by_name, table_name);
      g_autoptr (GStrvBuilder) local = g_strv_builder_new ();
      g_autoptr (GStrvBuilder) remote = g_strv_builder_new ();
      g_auto (GStrv) local_names = NULL;
      g_auto (GStrv) remote_names = NULL;
      g_autoptr (TwForeignKey) fk = NULL;
      g_autofree char *key = NULL;
      guint first = i;
      guint rule_row;

      for (; i < n && g_strcmp0 (_tw_inspector_get_text (result, i, 0), table_name) == 0 &&
             g_strcmp0 (_tw_inspector_get_text (result, i, 1), name) == 0; i++)
        {
          g_strv_builder_add (local, _tw_inspector_get_text (result, i, 2));
          g_strv_builder_add (remote, _tw_inspector_get_text (result, i, 4));
        }

      if (table == NULL || name == NULL)
        continue;

      if (_tw_inspector_get_bool (result, first, 5))
        _tw_inspector_add_warning (self,
                                   _("Foreign key “%s” of “%s” refers to “%s” in another database, "
                                     "which the model names without its database"),
                                   name, table_name, referred);

      local_names = g_strv_builder_end (local);
      remote_names = g_strv_builder_end (remote);
      fk = tw_foreign_key_new (is_default_foreign_key_name (name, table_name) ? NULL : name,
                               (const char * const *) local_names, referred,
                               (const char * const *) remote_names);
      key = constraint_key (table_name, name);
      rule_row = GPOINTER_TO_UINT (g_hash_table_lookup (rule_rows, key));
      if (rule_row > 0)
        {
          const char *update_rule = _tw_inspector_get_text (rules, rule_row - 1, 2);
          const char *delete_rule = _tw_inspector_get_text (rules, rule_row - 1, 3);

          tw_foreign_key_set_on_update (fk, action_from_rule (update_rule));
          tw_foreign_key_set_on_delete (fk, action_from_rule (delete_rule));
        }
      /* Its name in the database, for is_foreign_key_index(). */
      g_hash_table_insert (fk_names, fk, g_strdup (name));
      tw_table_add_foreign_key (table, fk);
    }

  return TRUE;
}

/* Whether an index is the one InnoDB made for a foreign key. */
static gboolean
is_foreign_key_index (TwTable            *table,
                      GHashTable         *fk_names,
                      const char         *name,
                      const char * const *columns)
{
  GListModel *fks = tw_table_get_foreign_keys (table);
  guint n = g_list_model_get_n_items (fks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);
      const char * const *fk_columns = tw_foreign_key_get_columns (fk);

      if (!g_strv_equal (fk_columns, columns))
        continue;
      if (g_strcmp0 (name, g_hash_table_lookup (fk_names, fk)) == 0 ||
          is_named_after (name, fk_columns[0]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_indexes (TwInspector   *self,
              GHashTable    *by_name,
              GHashTable    *fk_names,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  guint n;
  guint i = 0;

  result = _tw_inspector_query (self, indexes_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  while (i < n)
    {
      const char *table_name = _tw_inspector_get_text (result, i, 0);
      const char *name = _tw_inspector_get_text (result, i, 1);
      gboolean unique = !_tw_inspector_get_bool (result, i, 2);
      TwTable *table = g_hash_table_lookup (by_name, table_name);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) columns = NULL;
      gboolean expression = FALSE;
      gboolean prefix = FALSE;

      for (; i < n && g_strcmp0 (_tw_inspector_get_text (result, i, 0), table_name) == 0 &&
             g_strcmp0 (_tw_inspector_get_text (result, i, 1), name) == 0; i++)
        {
          const char *column = _tw_inspector_get_text (result, i, 3);

          if (column != NULL)
            g_strv_builder_add (builder, column);
          else
            expression = TRUE;
          if (_tw_inspector_get_int (result, i, 4, 0) > 0)
            prefix = TRUE;
        }
      columns = g_strv_builder_end (builder);

      if (table == NULL)
        continue;

      if (g_strcmp0 (name, "PRIMARY") == 0)
        {
          for (guint c = 0; columns[c] != NULL; c++)
            {
              TwColumn *column = tw_table_find_column (table, columns[c]);

              if (column == NULL)
                continue;
              if (c > 0 && tw_table_get_column_position (table, column) <
                           tw_table_get_column_position (table, tw_table_find_column (table, columns[c - 1])))
                _tw_inspector_add_warning (self,
                                           _("The primary key of “%s” lists its columns in another "
                                             "order than the table: the model keeps the table's order"),
                                           table_name);
              tw_column_set_primary_key (column, TRUE);
              tw_column_set_nullable (column, FALSE);
            }
          continue;
        }

      if (expression)
        {
          _tw_inspector_add_warning (self,
                                     _("Index “%s” of “%s” is on an expression, which the model "
                                       "cannot hold: it was left out"),
                                     name, table_name);
          continue;
        }
      if (prefix)
        _tw_inspector_add_warning (self,
                                   _("Index “%s” of “%s” covers only a prefix of a column, which the "
                                     "model reflects as the whole column"),
                                   name, table_name);

      if (unique && !g_str_has_prefix (name, "ix_"))
        {
          g_autoptr (TwUniqueConstraint) constraint = NULL;

          constraint = tw_unique_constraint_new (is_named_after (name, columns[0]) ? NULL : name,
                                                 (const char * const *) columns);
          tw_table_add_unique_constraint (table, constraint);
        }
      else if (unique || !is_foreign_key_index (table, fk_names, name, (const char * const *) columns))
        {
          g_autoptr (TwIndex) index = tw_index_new (name, (const char * const *) columns, unique);

          tw_table_add_index (table, index);
        }
    }

  return TRUE;
}

/* "`quantity` > 0" → "quantity > 0": MariaDB quotes every name in the
 * check clauses it keeps; names that need no quotes lose them, so the
 * expression reads as it was written and suits other dialects too. */
static char *
unquote_names (TwInspector *self,
               const char  *clause)
{
  TwDialect *dialect = _tw_inspector_get_dialect (self);
  GString *out = g_string_new (NULL);
  const char *p = clause;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p != '\0')
            {
              if (*p == '\\' && p[1] != '\0')
                {
                  g_string_append_len (out, p, 2);
                  p += 2;
                  continue;
                }
              if (*p == quote)
                {
                  if (p[1] == quote)
                    {
                      g_string_append_len (out, p, 2);
                      p += 2;
                      continue;
                    }
                  break;
                }
              g_string_append_c (out, *p++);
            }
          if (*p != '\0')
            g_string_append_c (out, *p++);
          continue;
        }

      if (*p == '`')
        {
          GString *name = g_string_new (NULL);
          const char *start = p;
          gboolean closed = FALSE;

          for (p++; *p != '\0'; p++)
            {
              if (*p == '`')
                {
                  if (p[1] != '`')
                    {
                      closed = TRUE;
                      p++;
                      break;
                    }
                  p++;
                }
              g_string_append_c (name, *p);
            }

          if (closed && !tw_dialect_needs_quoting (dialect, name->str))
            g_string_append (out, name->str);
          else
            g_string_append_len (out, start, p - start);
          g_string_free (name, TRUE);
          continue;
        }

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* Whether name is what MariaDB calls an unnamed CHECK: "CONSTRAINT_<n>"
 * for a table's, the column's name for a column's. */
static gboolean
is_default_check_name (const char *name,
                       const char *level,
                       TwTable    *table)
{
  const char *p;

  if (g_strcmp0 (level, "Column") == 0)
    return tw_table_find_column (table, name) != NULL;

  if (name == NULL || !g_str_has_prefix (name, "CONSTRAINT_"))
    return FALSE;
  p = name + strlen ("CONSTRAINT_");
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static gboolean
read_checks (TwInspector   *self,
             GHashTable    *by_name,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GError) local_error = NULL;
  guint n;

  if (!is_mariadb (self))
    {
      _tw_inspector_add_warning (self, _("Check constraints are read from MariaDB only, not from MySQL"));
      return TRUE;
    }

  result = _tw_inspector_query (self, checks_sql, params, 1, cancellable, &local_error);
  if (result == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Before MariaDB 10.3.10 the view lacks TABLE_NAME and LEVEL. */
      _tw_inspector_add_warning (self, _("Check constraints could not be read: %s"),
                                 local_error->message);
      return TRUE;
    }

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_hash_table_lookup (by_name, _tw_inspector_get_text (result, i, 0));
      const char *name = _tw_inspector_get_text (result, i, 1);
      const char *clause = _tw_inspector_get_text (result, i, 2);
      const char *level = _tw_inspector_get_text (result, i, 3);
      g_autofree char *json_check = NULL;
      g_autofree char *expression = NULL;
      g_autoptr (TwCheckConstraint) check = NULL;
      TwColumn *column;

      if (table == NULL || clause == NULL)
        continue;

      /* JSON is LONGTEXT with this check, named after the column. */
      column = tw_table_find_column (table, name);
      if (column != NULL && g_strcmp0 (level, "Column") == 0 &&
          tw_column_get_column_type (column) == TW_COLUMN_TYPE_TEXT)
        {
          g_autofree char *backticked = NULL;
          GString *escaped = g_string_new ("`");

          for (const char *p = name; *p != '\0'; p++)
            {
              if (*p == '`')
                g_string_append_c (escaped, '`');
              g_string_append_c (escaped, *p);
            }
          g_string_append_c (escaped, '`');
          backticked = g_string_free (escaped, FALSE);

          json_check = g_strdup_printf ("json_valid(%s)", backticked);
          if (g_strcmp0 (clause, json_check) == 0)
            {
              tw_column_set_column_type (column, TW_COLUMN_TYPE_JSON);
              continue;
            }
        }

      expression = unquote_names (self, clause);
      check = tw_check_constraint_new (is_default_check_name (name, level, table) ? NULL : name,
                                       expression);
      tw_table_add_check_constraint (table, check);
    }

  return TRUE;
}

static gboolean
tw_mysql_inspector_reflect_tables (TwInspector   *self,
                                   GPtrArray     *tables,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GHashTable) fk_names = NULL;

  if (!read_tables (self, tables, cancellable, error))
    return FALSE;

  by_name = _tw_inspector_index_tables (tables);
  /* The foreign keys are alive as long as the tables: no references. */
  fk_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  return read_columns (self, by_name, cancellable, error) &&
         read_checks (self, by_name, cancellable, error) &&
         read_foreign_keys (self, by_name, fk_names, cancellable, error) &&
         read_indexes (self, by_name, fk_names, cancellable, error);
}

static void
tw_mysql_inspector_class_init (TwMysqlInspectorClass *klass)
{
  TwInspectorClass *inspector_class = TW_INSPECTOR_CLASS (klass);

  inspector_class->reflect_tables = tw_mysql_inspector_reflect_tables;
  inspector_class->get_table_names = tw_mysql_inspector_get_table_names;
}

static void
tw_mysql_inspector_init (TwMysqlInspector *self)
{
}
