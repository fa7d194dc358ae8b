/* tw-sqlite-dialect.c: the SQLite dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-sqlite-dialect"

#include "config.h"

#include "tw-dialect-private.h"
#include "tw-sqlite-dialect.h"

struct _TwSqliteDialect
{
  TwDialect parent_instance;
};

G_DEFINE_FINAL_TYPE (TwSqliteDialect, tw_sqlite_dialect, TW_TYPE_DIALECT)

/* Every keyword of SQLite 3.40 (sqlite3_keyword_name(), the list of
 * https://sqlite.org/lang_keywords.html), sorted. SQLite accepts many of them
 * as bare names, but not all of them everywhere, so all are quoted. */
/* clang-format off */
static const char * const reserved_words[] = {
  "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc",
  "attach", "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast",
  "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross", "current",
  "current_date", "current_time", "current_timestamp", "database", "default", "deferrable",
  "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end",
  "escape", "except", "exclude", "exclusive", "exists", "explain", "fail", "filter", "first",
  "following", "for", "foreign", "from", "full", "generated", "glob", "group", "groups", "having",
  "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert",
  "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit",
  "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of",
  "offset", "on", "or", "order", "others", "outer", "over", "partition", "plan", "pragma",
  "preceding", "primary", "query", "raise", "range", "recursive", "references", "regexp",
  "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row",
  "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to",
  "transaction", "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values",
  "view", "virtual", "when", "where", "window", "with", "without",
};
/* clang-format on */

static void
append_column_type_info (TwDialect          *self,
                         GString            *out,
                         const TwColumnInfo *column,
                         gboolean            autoincrement)
{
  TwColumnType type = column->column_type;

  /* Only a column declared exactly INTEGER PRIMARY KEY is an alias of the
   * rowid, and only the rowid autoincrements: a BIGINT or SMALLINT key would
   * stay NULL on insert. */
  if (autoincrement && tw_column_type_is_integer (type))
    {
      _tw_append_literal (out, "INTEGER");
      return;
    }

  /* SQLAlchemy's SQLite dialect drops the precision of FLOAT. */
  if (type == TW_COLUMN_TYPE_FLOAT)
    {
      _tw_append_literal (out, "FLOAT");
      return;
    }

  _tw_dialect_append_column_type_info (self, out, column, autoincrement);
}

/* TwDialect's append_column with this dialect's type. */
void
_tw_sqlite_dialect_append_column_info (TwDialect          *self,
                                       GString            *out,
                                       const TwColumnInfo *column,
                                       gboolean            autoincrement)
{
  _tw_dialect_append_identifier (self, out, column->name);
  g_string_append_c (out, ' ');
  append_column_type_info (self, out, column, autoincrement);
  _tw_dialect_append_default_info (self, out, column);
  if (!column->nullable || column->primary_key)
    _tw_append_literal (out, " NOT NULL");
}

static void
tw_sqlite_dialect_append_column_type (TwDialect *self,
                                      GString   *out,
                                      TwColumn  *column,
                                      gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  append_column_type_info (self, out, &info, autoincrement);
}

static void
tw_sqlite_dialect_class_init (TwSqliteDialectClass *klass)
{
  TwDialectClass *dialect_class = TW_DIALECT_CLASS (klass);

  dialect_class->kind = TW_DIALECT_KIND_SQLITE;
  dialect_class->display_name = "SQLite";
  dialect_class->quote_char = '"';
  dialect_class->max_identifier_length = 0;
  tw_dialect_class_set_reserved_words (dialect_class, reserved_words,
                                       G_N_ELEMENTS (reserved_words));
  /* SQLite has no ALTER TABLE ... ADD CONSTRAINT, and does not need it: a
   * foreign key may name a table that does not exist yet. */
  dialect_class->supports_alter_constraints = FALSE;
  dialect_class->parenthesize_default_expressions = TRUE;

  dialect_class->append_column_type = tw_sqlite_dialect_append_column_type;
}

static void
tw_sqlite_dialect_init (TwSqliteDialect *self)
{
}
