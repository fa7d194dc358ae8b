/* tw-postgresql-dialect.c: the PostgreSQL dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-postgresql-dialect"

#include "config.h"

#include "tw-postgresql-dialect.h"

struct _TwPostgresqlDialect
{
  TwDialect parent_instance;
};

G_DEFINE_FINAL_TYPE (TwPostgresqlDialect, tw_postgresql_dialect, TW_TYPE_DIALECT)

/* The key words PostgreSQL 15 lists as "reserved" and "reserved (can be
 * function or type)" (Appendix C; pg_get_keywords() categories R and T),
 * sorted. The other categories may be table and column names. */
/* clang-format off */
static const char * const reserved_words[] = {
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
  "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
  "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
  "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
  "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
  "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
  "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
  "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
  "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
  "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
  "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
  "window", "with",
};
/* clang-format on */

/* The enum's type name, or NULL when the column is not a named enum. */
static const char *
get_enum_name (TwColumn *column)
{
  const char *name;

  if (tw_column_get_column_type (column) != TW_COLUMN_TYPE_ENUM)
    return NULL;

  name = tw_column_get_enum_name (column);
  return name != NULL && name[0] != '\0' ? name : NULL;
}

static void
tw_postgresql_dialect_append_column_type (TwDialect *self,
                                          GString   *out,
                                          TwColumn  *column,
                                          gboolean   autoincrement)
{
  TwColumnType type = tw_column_get_column_type (column);
  const char  *enum_name;

  switch (type)
    {
    case TW_COLUMN_TYPE_INTEGER:
      g_string_append (out, autoincrement ? "SERIAL" : "INTEGER");
      return;

    case TW_COLUMN_TYPE_BIG_INTEGER:
      g_string_append (out, autoincrement ? "BIGSERIAL" : "BIGINT");
      return;

    case TW_COLUMN_TYPE_SMALL_INTEGER:
      g_string_append (out, autoincrement ? "SMALLSERIAL" : "SMALLINT");
      return;

    case TW_COLUMN_TYPE_DATE_TIME:
      g_string_append (out, tw_column_get_timezone (column) ?
                            "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE");
      return;

    case TW_COLUMN_TYPE_TIME:
      g_string_append (out, tw_column_get_timezone (column) ?
                            "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE");
      return;

    case TW_COLUMN_TYPE_LARGE_BINARY:
      g_string_append (out, "BYTEA");
      return;

    case TW_COLUMN_TYPE_ENUM:
      /* A named enum is a type of its own, created before the table; an
       * unnamed one (which validation reports) falls back to VARCHAR. */
      enum_name = get_enum_name (column);
      if (enum_name != NULL)
        {
          tw_dialect_append_identifier (self, out, enum_name);
          return;
        }
      break;

    case TW_COLUMN_TYPE_UUID:
      g_string_append (out, "UUID");
      return;

    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_FLOAT:
    case TW_COLUMN_TYPE_NUMERIC:
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_JSON:
    default:
      break;
    }

  TW_DIALECT_CLASS (tw_postgresql_dialect_parent_class)->append_column_type (self, out, column,
                                                                             autoincrement);
}

static void
tw_postgresql_dialect_append_column (TwDialect *self,
                                     GString   *out,
                                     TwColumn  *column,
                                     gboolean   autoincrement)
{
  /* SERIAL is a sequence default of its own: like SQLAlchemy, it leaves out
   * any other server default. */
  if (autoincrement && tw_column_type_is_integer (tw_column_get_column_type (column)))
    {
      tw_dialect_append_identifier (self, out, tw_column_get_name (column));
      g_string_append_c (out, ' ');
      tw_postgresql_dialect_append_column_type (self, out, column, TRUE);
      g_string_append (out, " NOT NULL");
      return;
    }

  TW_DIALECT_CLASS (tw_postgresql_dialect_parent_class)->append_column (self, out, column, FALSE);
}

static void
tw_postgresql_dialect_add_comments (TwDialect *self,
                                    TwTable   *table,
                                    GPtrArray *statements)
{
  const char *table_name = tw_table_get_name (table);
  const char *comment = tw_table_get_comment (table);
  guint       n_columns = tw_table_get_n_columns (table);
  GString    *sql;

  if (comment != NULL && comment[0] != '\0')
    {
      sql = g_string_new ("COMMENT ON TABLE ");
      tw_dialect_append_identifier (self, sql, table_name);
      g_string_append (sql, " IS ");
      tw_dialect_append_string_literal (self, sql, comment);
      g_ptr_array_add (statements,
                       tw_ddl_statement_new_take (TW_DDL_KIND_COMMENT, table_name,
                                                  g_string_free (sql, FALSE)));
    }

  for (guint i = 0; i < n_columns; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);

      comment = tw_column_get_comment (column);
      if (comment == NULL || comment[0] == '\0')
        continue;

      sql = g_string_new ("COMMENT ON COLUMN ");
      tw_dialect_append_identifier (self, sql, table_name);
      g_string_append_c (sql, '.');
      tw_dialect_append_identifier (self, sql, tw_column_get_name (column));
      g_string_append (sql, " IS ");
      tw_dialect_append_string_literal (self, sql, comment);
      g_ptr_array_add (statements,
                       tw_ddl_statement_new_take (TW_DDL_KIND_COMMENT, table_name,
                                                  g_string_free (sql, FALSE)));
    }
}

static const char *
tw_postgresql_dialect_get_column_type_name (TwDialect *self,
                                            TwColumn  *column)
{
  return get_enum_name (column);
}

static TwDdlStatement *
tw_postgresql_dialect_compile_create_type (TwDialect *self,
                                           TwColumn  *column)
{
  const char        *name = get_enum_name (column);
  const char * const *values = tw_column_get_enum_values (column);
  GString           *sql = g_string_new ("CREATE TYPE ");

  g_assert (name != NULL);

  tw_dialect_append_identifier (self, sql, name);
  g_string_append (sql, " AS ENUM (");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      tw_dialect_append_string_literal (self, sql, values[i]);
    }
  g_string_append_c (sql, ')');

  return tw_ddl_statement_new_take (TW_DDL_KIND_CREATE_TYPE, name, g_string_free (sql, FALSE));
}

static TwDdlStatement *
tw_postgresql_dialect_compile_drop_type (TwDialect  *self,
                                         const char *type_name)
{
  GString *sql = g_string_new ("DROP TYPE IF EXISTS ");

  tw_dialect_append_identifier (self, sql, type_name);

  return tw_ddl_statement_new_take (TW_DDL_KIND_DROP_TYPE, type_name, g_string_free (sql, FALSE));
}

static TwDdlStatement *
tw_postgresql_dialect_compile_drop_foreign_key (TwDialect  *self,
                                                TwTable    *table,
                                                const char *name)
{
  GString *sql = g_string_new ("ALTER TABLE IF EXISTS ");

  /* IF EXISTS twice, so that drop_all, like its DROP TABLE IF EXISTS,
   * also runs on a database where some of the tables are gone. */
  tw_dialect_append_identifier (self, sql, tw_table_get_name (table));
  g_string_append (sql, " DROP CONSTRAINT IF EXISTS ");
  tw_dialect_append_identifier (self, sql, name);

  return tw_ddl_statement_new_take (TW_DDL_KIND_DROP_CONSTRAINT, tw_table_get_name (table),
                                    g_string_free (sql, FALSE));
}

static void
tw_postgresql_dialect_class_init (TwPostgresqlDialectClass *klass)
{
  TwDialectClass *dialect_class = TW_DIALECT_CLASS (klass);

  dialect_class->kind = TW_DIALECT_KIND_POSTGRESQL;
  dialect_class->display_name = "PostgreSQL";
  dialect_class->quote_char = '"';
  /* NAMEDATALEN - 1 */
  dialect_class->max_identifier_length = 63;
  tw_dialect_class_set_reserved_words (dialect_class, reserved_words,
                                       G_N_ELEMENTS (reserved_words));
  dialect_class->supports_alter_constraints = TRUE;
  dialect_class->parenthesize_default_expressions = FALSE;

  dialect_class->append_column_type = tw_postgresql_dialect_append_column_type;
  dialect_class->append_column = tw_postgresql_dialect_append_column;
  dialect_class->add_comments = tw_postgresql_dialect_add_comments;
  dialect_class->get_column_type_name = tw_postgresql_dialect_get_column_type_name;
  dialect_class->compile_create_type = tw_postgresql_dialect_compile_create_type;
  dialect_class->compile_drop_type = tw_postgresql_dialect_compile_drop_type;
  dialect_class->compile_drop_foreign_key = tw_postgresql_dialect_compile_drop_foreign_key;
}

static void
tw_postgresql_dialect_init (TwPostgresqlDialect *self)
{
}
