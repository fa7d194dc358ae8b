/* tw-postgresql-dialect.c: the PostgreSQL dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-postgresql-dialect"

#include "config.h"

#include "tw-dialect-private.h"
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
const char *
_tw_postgresql_dialect_get_enum_name_info (const TwColumnInfo *column)
{
  const char *name = column->enum_name;

  if (column->column_type != TW_COLUMN_TYPE_ENUM)
    return NULL;

  return name != NULL && name[0] != '\0' ? name : NULL;
}

static void
append_column_type_info (TwDialect          *self,
                         GString            *out,
                         const TwColumnInfo *column,
                         gboolean            autoincrement)
{
  const char *enum_name;

  switch (column->column_type)
    {
    case TW_COLUMN_TYPE_INTEGER:
      if (autoincrement)
        _tw_append_literal (out, "SERIAL");
      else
        _tw_append_literal (out, "INTEGER");
      return;

    case TW_COLUMN_TYPE_BIG_INTEGER:
      if (autoincrement)
        _tw_append_literal (out, "BIGSERIAL");
      else
        _tw_append_literal (out, "BIGINT");
      return;

    case TW_COLUMN_TYPE_SMALL_INTEGER:
      if (autoincrement)
        _tw_append_literal (out, "SMALLSERIAL");
      else
        _tw_append_literal (out, "SMALLINT");
      return;

    case TW_COLUMN_TYPE_DATE_TIME:
      if (column->timezone)
        _tw_append_literal (out, "TIMESTAMP WITH TIME ZONE");
      else
        _tw_append_literal (out, "TIMESTAMP WITHOUT TIME ZONE");
      return;

    case TW_COLUMN_TYPE_TIME:
      if (column->timezone)
        _tw_append_literal (out, "TIME WITH TIME ZONE");
      else
        _tw_append_literal (out, "TIME WITHOUT TIME ZONE");
      return;

    case TW_COLUMN_TYPE_LARGE_BINARY:
      _tw_append_literal (out, "BYTEA");
      return;

    case TW_COLUMN_TYPE_ENUM:
      /* A named enum is a type of its own, created before the table; an
       * unnamed one (which validation reports) falls back to VARCHAR. */
      enum_name = _tw_postgresql_dialect_get_enum_name_info (column);
      if (enum_name != NULL)
        {
          _tw_dialect_append_identifier (self, out, enum_name);
          return;
        }
      break;

    case TW_COLUMN_TYPE_UUID:
      _tw_append_literal (out, "UUID");
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

  _tw_dialect_append_column_type_info (self, out, column, autoincrement);
}

void
_tw_postgresql_dialect_append_column_info (TwDialect          *self,
                                           GString            *out,
                                           const TwColumnInfo *column,
                                           gboolean            autoincrement)
{
  _tw_dialect_append_identifier (self, out, column->name);
  g_string_append_c (out, ' ');

  /* SERIAL is a sequence default of its own: like SQLAlchemy, it leaves out
   * any other server default. */
  if (autoincrement && tw_column_type_is_integer (column->column_type))
    {
      append_column_type_info (self, out, column, TRUE);
      _tw_append_literal (out, " NOT NULL");
      return;
    }

  /* Otherwise TwDialect's append_column with this dialect's type. */
  append_column_type_info (self, out, column, FALSE);
  _tw_dialect_append_default_info (self, out, column);
  if (!column->nullable || column->primary_key)
    _tw_append_literal (out, " NOT NULL");
}

static void
tw_postgresql_dialect_append_column_type (TwDialect *self,
                                          GString   *out,
                                          TwColumn  *column,
                                          gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  append_column_type_info (self, out, &info, autoincrement);
}

static void
tw_postgresql_dialect_append_column (TwDialect *self,
                                     GString   *out,
                                     TwColumn  *column,
                                     gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  _tw_postgresql_dialect_append_column_info (self, out, &info, autoincrement);
}

static void
add_comment (TwDialect  *self,
             GPtrArray  *statements,
             const char *table_name,
             const char *column_name,
             const char *comment)
{
  GString *sql = g_string_new (NULL);

  if (column_name != NULL)
    {
      _tw_append_literal (sql, "COMMENT ON COLUMN ");
      _tw_dialect_append_identifier (self, sql, table_name);
      g_string_append_c (sql, '.');
      _tw_dialect_append_identifier (self, sql, column_name);
    }
  else
    {
      _tw_append_literal (sql, "COMMENT ON TABLE ");
      _tw_dialect_append_identifier (self, sql, table_name);
    }
  _tw_append_literal (sql, " IS ");
  tw_dialect_append_string_literal (self, sql, comment);
  g_ptr_array_add (statements,
                   tw_ddl_statement_new_take (TW_DDL_KIND_COMMENT, table_name,
                                              g_string_free (sql, FALSE)));
}

void
_tw_postgresql_dialect_add_comments_info (TwDialect         *self,
                                          const TwTableInfo *table,
                                          GPtrArray         *statements)
{
  if (table->comment != NULL && table->comment[0] != '\0')
    add_comment (self, statements, table->name, NULL, table->comment);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const TwColumnInfo *column = &table->columns[i];

      if (column->comment != NULL && column->comment[0] != '\0')
        add_comment (self, statements, table->name, column->name, column->comment);
    }
}

static void
tw_postgresql_dialect_add_comments (TwDialect *self,
                                    TwTable   *table,
                                    GPtrArray *statements)
{
  TwTableInfo                  info;
  g_autofree TwColumnInfo     *columns = NULL;
  g_autofree TwForeignKeyInfo *fks = NULL;

  _tw_table_info_count (&info, table);
  columns = g_new (TwColumnInfo, MAX (info.n_columns, 1));
  fks = g_new (TwForeignKeyInfo, MAX (info.n_foreign_keys, 1));
  _tw_table_info_read (&info, columns, fks);
  _tw_postgresql_dialect_add_comments_info (self, &info, statements);
}

static const char *
tw_postgresql_dialect_get_column_type_name (TwDialect *self,
                                            TwColumn  *column)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  return _tw_postgresql_dialect_get_enum_name_info (&info);
}

static TwDdlStatement *
tw_postgresql_dialect_compile_create_type (TwDialect *self,
                                           TwColumn  *column)
{
  const char        *name = tw_postgresql_dialect_get_column_type_name (self, column);
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
