/* tw-postgresql-inspector.c: reflection of a PostgreSQL schema
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-postgresql-inspector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tw-inspector-private.h"
#include "tw-postgresql-inspector.h"

/* Four set-based queries read the whole schema, whatever its size: tables,
 * columns (with their enum labels), constraints and indexes. Column lists
 * come as JSON arrays, so that no name needs unquoting. The schema is a
 * bound parameter: NULL means current_schema(). */

struct _TwPostgresqlInspector
{
  TwInspector parent_instance;
};

G_DEFINE_FINAL_TYPE (TwPostgresqlInspector, tw_postgresql_inspector, TW_TYPE_INSPECTOR)

/* NAMEDATALEN - 1: the longest name PostgreSQL keeps, in bytes. */
#define MAX_NAME_LENGTH 63

/* The tables of the schema, as "c" (pg_class) joined to "n" (pg_namespace):
 * plain and partitioned tables, not the partitions. */
#define SCHEMA_TABLES \
  " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace" \
  " WHERE n.nspname = COALESCE ($1, pg_catalog.current_schema ())" \
  " AND c.relkind IN ('r', 'p') AND NOT c.relispartition"

/* Comments by a join with pg_description: col_description() would look
 * each one up by itself, a third of the time of the columns query. */
#define DESCRIPTION(alias, subid) \
  " LEFT JOIN pg_catalog.pg_description AS " alias \
  " ON " alias ".objoid = c.oid AND " alias ".classoid = 'pg_catalog.pg_class'::pg_catalog.regclass" \
  " AND " alias ".objsubid = " subid

static const char tables_sql[] =
  "SELECT c.relname, td.description"
  " FROM pg_catalog.pg_class AS c"
  DESCRIPTION ("td", "0")
  SCHEMA_TABLES
  " ORDER BY c.relname";

static const char columns_sql[] =
  "SELECT c.relname, a.attname,"
  " pg_catalog.format_type (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,"
  "                         CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),"
  " a.attnotnull, pg_catalog.pg_get_expr (d.adbin, d.adrelid), a.attidentity <> '',"
  " a.attgenerated <> '', cd.description, t.typtype, t.typname,"
  " CASE WHEN t.typtype = 'e' THEN"
  "  (SELECT pg_catalog.json_agg (e.enumlabel ORDER BY e.enumsortorder)"
  "   FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = t.oid)::text END"
  " FROM pg_catalog.pg_attribute AS a"
  " JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid"
  " JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid"
  " LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
  DESCRIPTION ("cd", "a.attnum")
  SCHEMA_TABLES
  " AND a.attnum > 0 AND NOT a.attisdropped"
  " ORDER BY c.relname, a.attnum";

static const char constraints_sql[] =
  "SELECT c.relname, con.conname, con.contype::text,"
  " (SELECT pg_catalog.json_agg (a.attname ORDER BY k.i)"
  "  FROM pg_catalog.unnest (con.conkey) WITH ORDINALITY AS k (attnum, i)"
  "  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)::text,"
  " fc.relname, fn.nspname <> n.nspname,"
  " (SELECT pg_catalog.json_agg (a.attname ORDER BY k.i)"
  "  FROM pg_catalog.unnest (con.confkey) WITH ORDINALITY AS k (attnum, i)"
  "  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)::text,"
  " con.confupdtype::text, con.confdeltype::text,"
  " CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef (con.oid, true) END"
  " FROM pg_catalog.pg_constraint AS con"
  " JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid"
  " LEFT JOIN pg_catalog.pg_class AS fc ON fc.oid = con.confrelid"
  " LEFT JOIN pg_catalog.pg_namespace AS fn ON fn.oid = fc.relnamespace"
  SCHEMA_TABLES
  " AND con.contype IN ('p', 'u', 'f', 'c')"
  " ORDER BY c.relname, con.oid";

/* Indexes that do not back a primary key, unique or exclusion constraint. */
static const char indexes_sql[] =
  "SELECT c.relname, i.relname, x.indisunique,"
  " (SELECT pg_catalog.json_agg (a.attname ORDER BY k.i)"
  "  FROM pg_catalog.unnest (x.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k (attnum, i)"
  "  LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum"
  "  WHERE k.i <= x.indnkeyatts)::text,"
  " x.indpred IS NOT NULL OR x.indexprs IS NOT NULL"
  " FROM pg_catalog.pg_index AS x"
  " JOIN pg_catalog.pg_class AS c ON c.oid = x.indrelid"
  " JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid"
  SCHEMA_TABLES
  " AND NOT x.indisprimary"
  " AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint AS con"
  "  WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid"
  "  AND con.contype IN ('p', 'u', 'x'))"
  " ORDER BY c.relname, i.relname";

static const char type_names_sql[] =
  "SELECT t.typname FROM pg_catalog.pg_type AS t"
  " JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace"
  " WHERE n.nspname = COALESCE ($1, pg_catalog.current_schema ()) AND t.typtype = 'e'"
  " ORDER BY t.typname";

/* A JSON array of strings, as json_agg() gives it; NULL for anything else
 * (a NULL element is an expression in an index). */
static GStrv
parse_name_array (const char *json)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;
  guint n;

  if (json == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/* The first length bytes of text, shortened so that no UTF-8 sequence is
 * cut, as pg_mbcliplen() does. */
static gsize
clip_utf8 (const char *text,
           gsize       length)
{
  while (length > 0 && ((guchar) text[length] & 0xC0) == 0x80)
    length--;
  return length;
}

/* PostgreSQL's makeObjectName(): "<name1>_<name2>_<label>", the two names
 * shortened (the longer first) to fit in NAMEDATALEN - 1 bytes. */
static char *
make_object_name (const char *name1,
                  const char *name2,
                  const char *label)
{
  gsize name1_length = strlen (name1);
  gsize name2_length = name2 != NULL ? strlen (name2) : 0;
  gsize overhead = strlen (label) + 1 + (name2 != NULL ? 1 : 0);
  gsize available = MAX_NAME_LENGTH - overhead;

  while (name1_length + name2_length > available)
    {
      if (name1_length > name2_length)
        name1_length--;
      else
        name2_length--;
    }

  name1_length = clip_utf8 (name1, name1_length);
  if (name2 == NULL)
    return g_strdup_printf ("%.*s_%s", (int) name1_length, name1, label);

  name2_length = clip_utf8 (name2, name2_length);
  return g_strdup_printf ("%.*s_%.*s_%s", (int) name1_length, name1,
                          (int) name2_length, name2, label);
}

/* The column names joined with "_", at most NAMEDATALEN - 1 bytes, as
 * ChooseIndexNameAddition() builds the middle of a constraint's name. */
static char *
join_column_names (const char * const *columns)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '_');
      g_string_append (out, columns[i]);
      if (out->len >= MAX_NAME_LENGTH)
        break;
    }
  if (out->len > MAX_NAME_LENGTH)
    g_string_truncate (out, clip_utf8 (out->str, MAX_NAME_LENGTH));

  return g_string_free (out, FALSE);
}

/* Whether PostgreSQL would have chosen name by itself for a constraint of
 * the table over columns: "t_pkey", "t_a_b_key", "t_a_fkey", "t_a_check". */
static gboolean
is_default_name (const char         *name,
                 const char         *table,
                 const char * const *columns,
                 const char         *label)
{
  g_autofree char *joined = NULL;
  g_autofree char *expected = NULL;

  if (g_str_equal (label, "pkey"))
    expected = make_object_name (table, NULL, label);
  else
    {
      joined = join_column_names (columns);
      expected = make_object_name (table, joined[0] != '\0' ? joined : NULL, label);
    }

  return g_strcmp0 (name, expected) == 0;
}

/* Whether name is what PostgreSQL calls a CHECK of the table by itself:
 * "<table>_<column>_check" for a check on one column, "<table>_check"
 * otherwise. */
static gboolean
is_default_check_name (const char *name,
                       TwTable    *table)
{
  g_autofree char *plain = make_object_name (tw_table_get_name (table), NULL, "check");
  guint n = tw_table_get_n_columns (table);

  if (g_strcmp0 (name, plain) == 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = make_object_name (tw_table_get_name (table),
                                                    tw_column_get_name (tw_table_get_column (table, i)),
                                                    "check");

      if (g_strcmp0 (name, expected) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The value of a literal with casts, "'abc'::character varying" or
 * "'-1'::integer", and the last cast's type; FALSE for anything else. */
static gboolean
split_cast_literal (const char  *text,
                    char       **value,
                    char       **cast)
{
  const char *p;
  const char *last_cast = NULL;
  g_autofree char *literal = NULL;

  if (text[0] != '\'')
    return FALSE;

  for (p = text + 1; *p != '\0'; p++)
    {
      if (*p == '\'')
        {
          if (p[1] != '\'')
            break;
          p++;
        }
    }
  if (*p != '\'')
    return FALSE;
  p++;

  literal = g_strndup (text, p - text);
  if (*p == '\0')
    {
      *cast = NULL;
      return _tw_sql_parse_string_literal (literal, FALSE, value);
    }

  /* One or more "::type" casts, nothing else; a type may be a quoted name
   * ("it's"), schema-qualified, or have arguments. */
  while (p[0] == ':' && p[1] == ':')
    {
      last_cast = p + 2;
      for (p = last_cast; *p != '\0' && !(p[0] == ':' && p[1] == ':'); p++)
        {
          if (*p == '\'')
            return FALSE;
          if (*p != '"')
            continue;
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
            }
          if (*p == '\0')
            return FALSE;
        }
    }
  if (last_cast == NULL || *p != '\0')
    return FALSE;

  *cast = g_strdup (last_cast);
  return _tw_sql_parse_string_literal (literal, FALSE, value);
}

static gboolean
is_numeric_type (const char *type)
{
  static const char * const numeric_types[] = {
    "integer", "bigint", "smallint", "numeric", "real", "double precision",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numeric_types); i++)
    {
      if (g_str_has_prefix (type, numeric_types[i]))
        return TRUE;
    }
  return FALSE;
}

/* pg_get_expr() of a default, in the model's terms. */
static void
set_default (TwColumn   *column,
             const char *expression)
{
  g_autofree char *stripped = NULL;
  g_autofree char *value = NULL;
  g_autofree char *cast = NULL;

  if (expression == NULL)
    return;

  stripped = _tw_sql_strip_parentheses (expression);
  if (split_cast_literal (stripped, &value, &cast))
    {
      /* "'-1'::integer" is how PostgreSQL keeps DEFAULT -1. */
      if (cast != NULL && is_numeric_type (cast) && _tw_sql_is_number (value))
        tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, value);
      else
        tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, value);
      return;
    }

  _tw_inspector_set_default (column, stripped, FALSE);
}

static void
set_column_type (TwInspector *self,
                 TwColumn    *column,
                 const char  *table_name,
                 const char  *formatted,
                 const char  *typtype,
                 const char  *typname,
                 const char  *enum_labels)
{
  g_autofree char *name = NULL;
  guint args[2] = { 0, 0 };
  guint n_args = 0;
  TwColumnType type = TW_COLUMN_TYPE_TEXT;
  gboolean known = TRUE;

  if (g_strcmp0 (typtype, "e") == 0)
    {
      g_auto (GStrv) labels = parse_name_array (enum_labels);

      tw_column_set_column_type (column, TW_COLUMN_TYPE_ENUM);
      tw_column_set_enum_name (column, typname);
      tw_column_set_enum_values (column, (const char * const *) labels);
      return;
    }

  if (formatted == NULL || !_tw_sql_parse_type (formatted, &name, args, G_N_ELEMENTS (args), &n_args))
    {
      g_clear_pointer (&name, g_free);
      name = g_strdup (formatted != NULL ? formatted : "");
      known = FALSE;
    }

  if (g_str_equal (name, "integer"))
    type = TW_COLUMN_TYPE_INTEGER;
  else if (g_str_equal (name, "bigint"))
    type = TW_COLUMN_TYPE_BIG_INTEGER;
  else if (g_str_equal (name, "smallint"))
    type = TW_COLUMN_TYPE_SMALL_INTEGER;
  else if (g_str_equal (name, "boolean"))
    type = TW_COLUMN_TYPE_BOOLEAN;
  else if (g_str_equal (name, "real"))
    {
      /* FLOAT(1) to FLOAT(24) make a real. */
      type = TW_COLUMN_TYPE_FLOAT;
      args[0] = 24;
      n_args = 1;
    }
  else if (g_str_equal (name, "double precision"))
    {
      type = TW_COLUMN_TYPE_FLOAT;
      n_args = 0;
    }
  else if (g_str_equal (name, "numeric"))
    type = TW_COLUMN_TYPE_NUMERIC;
  else if (g_str_equal (name, "character varying") || g_str_equal (name, "character"))
    type = TW_COLUMN_TYPE_STRING;
  else if (g_str_equal (name, "text"))
    type = TW_COLUMN_TYPE_TEXT;
  else if (g_str_equal (name, "date"))
    type = TW_COLUMN_TYPE_DATE;
  else if (g_str_has_prefix (name, "timestamp"))
    {
      type = TW_COLUMN_TYPE_DATE_TIME;
      tw_column_set_timezone (column, g_str_has_suffix (name, "with time zone"));
    }
  else if (g_str_has_prefix (name, "time"))
    {
      type = TW_COLUMN_TYPE_TIME;
      tw_column_set_timezone (column, g_str_has_suffix (name, "with time zone"));
    }
  else if (g_str_equal (name, "bytea"))
    type = TW_COLUMN_TYPE_LARGE_BINARY;
  else if (g_str_equal (name, "json") || g_str_equal (name, "jsonb"))
    type = TW_COLUMN_TYPE_JSON;
  else if (g_str_equal (name, "uuid"))
    type = TW_COLUMN_TYPE_UUID;
  else
    known = FALSE;

  if (!known)
    _tw_inspector_add_warning (self, _("Column “%s.%s” has the type “%s”, reflected as %s"),
                               table_name, tw_column_get_name (column),
                               formatted != NULL ? formatted : "",
                               tw_column_type_to_string (type));

  tw_column_set_column_type (column, type);
  if (type == TW_COLUMN_TYPE_STRING && n_args >= 1)
    tw_column_set_length (column, args[0]);
  else if (type == TW_COLUMN_TYPE_FLOAT && n_args >= 1)
    tw_column_set_precision (column, args[0]);
  else if (type == TW_COLUMN_TYPE_NUMERIC && n_args >= 1)
    {
      tw_column_set_precision (column, args[0]);
      tw_column_set_scale (column, n_args >= 2 ? (int) MIN (args[1], G_MAXINT) : 0);
    }
}

static const char *
schema_param (TwInspector *self)
{
  return tw_inspector_get_schema (self);
}

static char **
collect_first_column (TwResult *result)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = tw_result_get_n_rows (result);

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, _tw_inspector_get_text (result, i, 0));

  return g_strv_builder_end (builder);
}

static char **
tw_postgresql_inspector_get_table_names (TwInspector   *self,
                                         GCancellable  *cancellable,
                                         GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;

  result = _tw_inspector_query (self, tables_sql, params, 1, cancellable, error);
  return result != NULL ? collect_first_column (result) : NULL;
}

static char **
tw_postgresql_inspector_get_type_names (TwInspector   *self,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;

  result = _tw_inspector_query (self, type_names_sql, params, 1, cancellable, error);
  return result != NULL ? collect_first_column (result) : NULL;
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

      tw_table_set_comment (table, _tw_inspector_get_text (result, i, 1));
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
      const char *expression = _tw_inspector_get_text (result, i, 4);
      gboolean identity = _tw_inspector_get_bool (result, i, 5);
      gboolean generated = _tw_inspector_get_bool (result, i, 6);
      g_autoptr (TwColumn) column = NULL;

      if (table == NULL)
        continue;

      column = tw_column_new (_tw_inspector_get_text (result, i, 1), TW_COLUMN_TYPE_INTEGER);
      set_column_type (self, column, tw_table_get_name (table),
                       _tw_inspector_get_text (result, i, 2), _tw_inspector_get_text (result, i, 8),
                       _tw_inspector_get_text (result, i, 9), _tw_inspector_get_text (result, i, 10));
      tw_column_set_nullable (column, !_tw_inspector_get_bool (result, i, 3));
      tw_column_set_comment (column, _tw_inspector_get_text (result, i, 7));

      if (tw_column_type_is_integer (tw_column_get_column_type (column)))
        tw_column_set_autoincrement (column, TW_AUTOINCREMENT_NEVER);

      if (generated)
        _tw_inspector_add_warning (self,
                                   _("Column “%s.%s” is generated from an expression, which the model "
                                     "cannot hold: it was reflected as a plain column"),
                                   tw_table_get_name (table), tw_column_get_name (column));
      else if (identity ||
               (expression != NULL && g_str_has_prefix (expression, "nextval(")))
        {
          /* SERIAL, or GENERATED ... AS IDENTITY: autoincrement, which the
           * model holds instead of the sequence's default. */
          tw_column_set_autoincrement (column, TW_AUTOINCREMENT_ALWAYS);
        }
      else
        set_default (column, expression);

      tw_table_add_column (table, column);
    }

  return TRUE;
}

static TwFkAction
action_from_code (const char *code)
{
  switch (code != NULL ? code[0] : 'a')
    {
    case 'r':
      return TW_FK_ACTION_RESTRICT;
    case 'c':
      return TW_FK_ACTION_CASCADE;
    case 'n':
      return TW_FK_ACTION_SET_NULL;
    case 'd':
      return TW_FK_ACTION_SET_DEFAULT;
    case 'a':
    default:
      return TW_FK_ACTION_NO_ACTION;
    }
}

/* "CHECK (a > 0)" or "CHECK (a > 0) NOT VALID": the expression. */
static char *
check_expression (const char *definition)
{
  static const char * const suffixes[] = { " NOT VALID", " NO INHERIT" };
  g_autofree char *body = NULL;

  if (definition == NULL || !g_str_has_prefix (definition, "CHECK "))
    return NULL;

  body = g_strdup (definition + strlen ("CHECK "));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (body, suffixes[i]))
        body[strlen (body) - strlen (suffixes[i])] = '\0';
    }

  return _tw_sql_strip_parentheses (body);
}

static void
mark_primary_key (TwInspector        *self,
                  TwTable            *table,
                  const char * const *columns)
{
  guint previous = 0;

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      TwColumn *column = tw_table_find_column (table, columns[i]);
      guint position;

      if (column == NULL)
        continue;
      position = tw_table_get_column_position (table, column);
      if (i > 0 && position < previous)
        _tw_inspector_add_warning (self,
                                   _("The primary key of “%s” lists its columns in another order "
                                     "than the table: the model keeps the table's order"),
                                   tw_table_get_name (table));
      previous = position;
      tw_column_set_primary_key (column, TRUE);
      tw_column_set_nullable (column, FALSE);
    }
}

static gboolean
read_constraints (TwInspector   *self,
                  GHashTable    *by_name,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  guint n;

  result = _tw_inspector_query (self, constraints_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_hash_table_lookup (by_name, _tw_inspector_get_text (result, i, 0));
      const char *name = _tw_inspector_get_text (result, i, 1);
      const char *type = _tw_inspector_get_text (result, i, 2);
      g_auto (GStrv) columns = parse_name_array (_tw_inspector_get_text (result, i, 3));
      const char *table_name;

      if (table == NULL || type == NULL)
        continue;
      table_name = tw_table_get_name (table);

      switch (type[0])
        {
        case 'p':
          mark_primary_key (self, table, (const char * const *) columns);
          if (!is_default_name (name, table_name, NULL, "pkey"))
            tw_table_set_primary_key_name (table, name);
          break;

        case 'u':
          {
            g_autoptr (TwUniqueConstraint) unique = NULL;

            if (is_default_name (name, table_name, (const char * const *) columns, "key"))
              name = NULL;
            unique = tw_unique_constraint_new (name, (const char * const *) columns);
            tw_table_add_unique_constraint (table, unique);
          }
          break;

        case 'f':
          {
            g_auto (GStrv) referred_columns = parse_name_array (_tw_inspector_get_text (result, i, 6));
            g_autoptr (TwForeignKey) fk = NULL;
            const char *referred = _tw_inspector_get_text (result, i, 4);

            if (_tw_inspector_get_bool (result, i, 5))
              _tw_inspector_add_warning (self,
                                         _("Foreign key “%s” of “%s” refers to “%s” in another schema, "
                                           "which the model names without its schema"),
                                         name, table_name, referred);

            if (is_default_name (name, table_name, (const char * const *) columns, "fkey"))
              name = NULL;
            fk = tw_foreign_key_new (name, (const char * const *) columns, referred,
                                     (const char * const *) referred_columns);
            tw_foreign_key_set_on_update (fk, action_from_code (_tw_inspector_get_text (result, i, 7)));
            tw_foreign_key_set_on_delete (fk, action_from_code (_tw_inspector_get_text (result, i, 8)));
            tw_table_add_foreign_key (table, fk);
          }
          break;

        case 'c':
          {
            g_autofree char *expression = check_expression (_tw_inspector_get_text (result, i, 9));
            g_autoptr (TwCheckConstraint) check = NULL;

            if (expression == NULL)
              break;
            if (is_default_check_name (name, table))
              name = NULL;
            check = tw_check_constraint_new (name, expression);
            tw_table_add_check_constraint (table, check);
          }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
read_indexes (TwInspector   *self,
              GHashTable    *by_name,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autoptr (TwResult) result = NULL;
  guint n;

  result = _tw_inspector_query (self, indexes_sql, params, 1, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_hash_table_lookup (by_name, _tw_inspector_get_text (result, i, 0));
      const char *name = _tw_inspector_get_text (result, i, 1);
      g_auto (GStrv) columns = parse_name_array (_tw_inspector_get_text (result, i, 3));
      g_autoptr (TwIndex) index = NULL;

      if (table == NULL)
        continue;

      if (columns == NULL || _tw_inspector_get_bool (result, i, 4))
        {
          _tw_inspector_add_warning (self,
                                     _("Index “%s” of “%s” is on an expression or partial, which the "
                                       "model cannot hold: it was left out"),
                                     name, tw_table_get_name (table));
          continue;
        }

      index = tw_index_new (name, (const char * const *) columns, _tw_inspector_get_bool (result, i, 2));
      tw_table_add_index (table, index);
    }

  return TRUE;
}

static gboolean
tw_postgresql_inspector_reflect_tables (TwInspector   *self,
                                        GPtrArray     *tables,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  g_autoptr (GHashTable) by_name = NULL;

  if (!read_tables (self, tables, cancellable, error))
    return FALSE;

  by_name = _tw_inspector_index_tables (tables);
  return read_columns (self, by_name, cancellable, error) &&
         read_constraints (self, by_name, cancellable, error) &&
         read_indexes (self, by_name, cancellable, error);
}

static void
tw_postgresql_inspector_class_init (TwPostgresqlInspectorClass *klass)
{
  TwInspectorClass *inspector_class = TW_INSPECTOR_CLASS (klass);

  inspector_class->reflect_tables = tw_postgresql_inspector_reflect_tables;
  inspector_class->get_table_names = tw_postgresql_inspector_get_table_names;
  inspector_class->get_type_names = tw_postgresql_inspector_get_type_names;
}

static void
tw_postgresql_inspector_init (TwPostgresqlInspector *self)
{
}
