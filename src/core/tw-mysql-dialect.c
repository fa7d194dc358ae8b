/* tw-mysql-dialect.c: the MySQL dialect, which also serves MariaDB
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-mysql-dialect"

#include "config.h"

#include "tw-dialect-private.h"
#include "tw-mysql-dialect.h"

struct _TwMysqlDialect
{
  TwDialect parent_instance;
};

G_DEFINE_FINAL_TYPE (TwMysqlDialect, tw_mysql_dialect, TW_TYPE_DIALECT)

/* MariaDB's reserved words (the "Reserved Words" page of the MariaDB
 * documentation), plus the few more that MariaDB 10.11 refuses as bare table
 * or column names in CREATE TABLE, INSERT or SELECT (master_demote_to_*,
 * portion, sql_buffer_result, sql_cache, sql_no_cache, value), sorted. */
/* clang-format off */
static const char * const reserved_words[] = {
  "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before",
  "between", "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change",
  "char", "character", "check", "collate", "column", "condition", "constraint", "continue",
  "convert", "create", "cross", "current_date", "current_role", "current_time",
  "current_timestamp", "current_user", "cursor", "database", "databases", "day_hour",
  "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare", "default",
  "delayed", "delete", "delete_domain_id", "desc", "describe", "deterministic", "distinct",
  "distinctrow", "div", "do_domain_ids", "double", "drop", "dual", "each", "else", "elseif",
  "enclosed", "escaped", "except", "exists", "exit", "explain", "false", "fetch", "float",
  "float4", "float8", "for", "force", "foreign", "from", "fulltext", "general", "grant", "group",
  "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore",
  "ignore_domain_ids", "ignore_server_ids", "in", "index", "infile", "inner", "inout",
  "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8", "integer", "intersect",
  "interval", "into", "is", "iterate", "join", "key", "keys", "kill", "leading", "leave", "left",
  "like", "limit", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long",
  "longblob", "longtext", "loop", "low_priority", "master_demote_to_replica",
  "master_demote_to_slave", "master_heartbeat_period", "master_ssl_verify_server_cert", "match",
  "maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond",
  "minute_second", "mod", "modifies", "natural", "no_write_to_binlog", "not", "null", "numeric",
  "offset", "on", "optimize", "option", "optionally", "or", "order", "out", "outer", "outfile",
  "over", "page_checksum", "parse_vcol_expr", "partition", "portion", "position", "precision",
  "primary", "procedure", "purge", "range", "read", "read_write", "reads", "real", "recursive",
  "ref_system_id", "references", "regexp", "release", "rename", "repeat", "replace", "require",
  "resignal", "restrict", "return", "returning", "revoke", "right", "rlike", "row_number", "rows",
  "schema", "schemas", "second_microsecond", "select", "sensitive", "separator", "set", "show",
  "signal", "slow", "smallint", "spatial", "specific", "sql", "sql_big_result",
  "sql_buffer_result", "sql_cache", "sql_calc_found_rows", "sql_no_cache", "sql_small_result",
  "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting", "stats_auto_recalc",
  "stats_persistent", "stats_sample_pages", "straight_join", "table", "terminated", "then",
  "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger", "true", "undo", "union",
  "unique", "unlock", "unsigned", "update", "usage", "use", "using", "utc_date", "utc_time",
  "utc_timestamp", "value", "values", "varbinary", "varchar", "varcharacter", "varying", "when",
  "where", "while", "window", "with", "write", "xor", "year_month", "zerofill",
};
/* clang-format on */

static void
tw_mysql_dialect_append_string_literal (TwDialect  *self,
                                        GString    *out,
                                        const char *value)
{
  /* Unless NO_BACKSLASH_ESCAPES is set, a backslash escapes the next
   * character inside a string literal, so it is doubled as well. */
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_column_type_info (TwDialect          *self,
                         GString            *out,
                         const TwColumnInfo *column,
                         gboolean            autoincrement)
{
  const char * const *values;

  switch (column->column_type)
    {
    case TW_COLUMN_TYPE_BOOLEAN:
      _tw_append_literal (out, "BOOL");
      return;

    case TW_COLUMN_TYPE_LARGE_BINARY:
      _tw_append_literal (out, "BLOB");
      if (column->length > 0)
        g_string_append_printf (out, "(%u)", column->length);
      return;

    case TW_COLUMN_TYPE_ENUM:
      values = column->enum_values;
      _tw_append_literal (out, "ENUM(");
      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          tw_mysql_dialect_append_string_literal (self, out, values[i]);
        }
      g_string_append_c (out, ')');
      return;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_FLOAT:
    case TW_COLUMN_TYPE_NUMERIC:
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_UUID:
    default:
      break;
    }

  _tw_dialect_append_column_type_info (self, out, column, autoincrement);
}

void
_tw_mysql_dialect_append_column_info (TwDialect          *self,
                                      GString            *out,
                                      const TwColumnInfo *column,
                                      gboolean            autoincrement)
{
  const char *comment = column->comment;

  _tw_dialect_append_identifier (self, out, column->name);
  g_string_append_c (out, ' ');
  append_column_type_info (self, out, column, autoincrement);
  if (!column->nullable || column->primary_key)
    _tw_append_literal (out, " NOT NULL");
  _tw_dialect_append_default_info (self, out, column);
  /* Like SQLAlchemy: a server default wins over AUTO_INCREMENT. */
  if (autoincrement && column->default_kind == TW_DEFAULT_KIND_NONE)
    _tw_append_literal (out, " AUTO_INCREMENT");
  if (comment != NULL && comment[0] != '\0')
    {
      _tw_append_literal (out, " COMMENT ");
      tw_mysql_dialect_append_string_literal (self, out, comment);
    }
}

static void
tw_mysql_dialect_append_column_type (TwDialect *self,
                                     GString   *out,
                                     TwColumn  *column,
                                     gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  append_column_type_info (self, out, &info, autoincrement);
}

static void
tw_mysql_dialect_append_column (TwDialect *self,
                                GString   *out,
                                TwColumn  *column,
                                gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  _tw_mysql_dialect_append_column_info (self, out, &info, autoincrement);
}

static void
tw_mysql_dialect_append_table_options (TwDialect *self,
                                       GString   *out,
                                       TwTable   *table)
{
  const char *comment = tw_table_get_comment (table);

  if (comment != NULL && comment[0] != '\0')
    {
      g_string_append (out, " COMMENT=");
      tw_mysql_dialect_append_string_literal (self, out, comment);
    }
}

static TwDdlStatement *
tw_mysql_dialect_compile_drop_foreign_key (TwDialect  *self,
                                           TwTable    *table,
                                           const char *name)
{
  GString *sql = g_string_new ("ALTER TABLE IF EXISTS ");

  /* MariaDB takes IF EXISTS for both (10.5 and later), so that drop_all,
   * like its DROP TABLE IF EXISTS, also runs when tables are gone. */
  tw_dialect_append_identifier (self, sql, tw_table_get_name (table));
  g_string_append (sql, " DROP FOREIGN KEY IF EXISTS ");
  tw_dialect_append_identifier (self, sql, name);

  return tw_ddl_statement_new_take (TW_DDL_KIND_DROP_CONSTRAINT, tw_table_get_name (table),
                                    g_string_free (sql, FALSE));
}

static void
tw_mysql_dialect_class_init (TwMysqlDialectClass *klass)
{
  TwDialectClass *dialect_class = TW_DIALECT_CLASS (klass);

  dialect_class->kind = TW_DIALECT_KIND_MYSQL;
  dialect_class->display_name = "MySQL";
  dialect_class->quote_char = '`';
  dialect_class->max_identifier_length = 64;
  tw_dialect_class_set_reserved_words (dialect_class, reserved_words,
                                       G_N_ELEMENTS (reserved_words));
  dialect_class->supports_alter_constraints = TRUE;
  dialect_class->parenthesize_default_expressions = TRUE;

  dialect_class->append_string_literal = tw_mysql_dialect_append_string_literal;
  dialect_class->append_column_type = tw_mysql_dialect_append_column_type;
  dialect_class->append_column = tw_mysql_dialect_append_column;
  dialect_class->append_table_options = tw_mysql_dialect_append_table_options;
  dialect_class->compile_drop_foreign_key = tw_mysql_dialect_compile_drop_foreign_key;
}

static void
tw_mysql_dialect_init (TwMysqlDialect *self)
{
}
