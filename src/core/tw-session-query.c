/* tw-session-query.c: the SQL of a session's reads: pages with keyset pagination, counts, estimates
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-session-query"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-dialect.h"
#include "tw-session-private.h"

/* The escape character of CONTAINS patterns: not a backslash, whose
 * meaning in string literals differs between the dialects. */
#define LIKE_ESCAPE '!'

typedef struct
{
  TwRowSchema   *schema;
  TwDialectKind  kind;
  TwDialect     *dialect;
  GString       *sql;
  GPtrArray     *params;
} Builder;

static void
builder_init (Builder       *builder,
              TwRowSchema   *schema,
              TwDialectKind  kind)
{
  builder->schema = schema;
  builder->kind = kind;
  builder->dialect = tw_dialect_get (kind);
  builder->sql = g_string_new (NULL);
  builder->params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
}

static TwQuerySql *
builder_finish (Builder *builder)
{
  TwQuerySql *query = g_new0 (TwQuerySql, 1);

  query->sql = g_string_free (g_steal_pointer (&builder->sql), FALSE);
  query->params = g_steal_pointer (&builder->params);
  return query;
}

static void
builder_clear (Builder *builder)
{
  if (builder->sql != NULL)
    g_string_free (builder->sql, TRUE);
  g_clear_pointer (&builder->params, g_ptr_array_unref);
}

void
_tw_query_sql_free (TwQuerySql *query)
{
  if (query == NULL)
    return;

  g_free (query->sql);
  g_ptr_array_unref (query->params);
  g_free (query);
}

static void
append_column (Builder *builder,
               guint    column)
{
  tw_dialect_append_identifier (builder->dialect, builder->sql,
                                builder->schema->column_names[column]);
}

/* Appends a placeholder bound to @value (taken). */
static void
append_param (Builder *builder,
              TwValue *value)
{
  g_ptr_array_add (builder->params, value);
  if (builder->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_string_append_printf (builder->sql, "$%u", builder->params->len);
  else
    g_string_append_c (builder->sql, '?');
}

static void
append_select_from (Builder *builder)
{
  g_string_append (builder->sql, "SELECT ");
  for (guint i = 0; i < builder->schema->n_columns; i++)
    {
      if (i > 0)
        g_string_append (builder->sql, ", ");
      append_column (builder, i);
    }
  g_string_append (builder->sql, " FROM ");
  tw_dialect_append_identifier (builder->dialect, builder->sql, builder->schema->name);
}

static int
find_column (TwRowSchema  *schema,
             const char   *name,
             const char   *what,
             GError      **error)
{
  int position = _tw_row_schema_find_column (schema, name);

  if (position < 0)
    g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                 _("Cannot %s by column “%s”: table “%s” has no such column"),
                 what, name != NULL ? name : "", schema->name);
  return position;
}

/* "%text%" with %, _ and the escape character escaped. */
static TwValue *
contains_pattern (const TwValue *value)
{
  g_autofree char *text = tw_value_to_string (value);
  g_autoptr (GString) pattern = g_string_new ("%");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == LIKE_ESCAPE)
        g_string_append_c (pattern, LIKE_ESCAPE);
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return tw_value_new_text (pattern->str);
}

static gboolean
append_filter (Builder         *builder,
               const TwFilter  *filter,
               GError         **error)
{
  TwRowSchema *schema = builder->schema;
  const char *op = NULL;
  TwValue *value;
  int column;

  column = find_column (schema, filter->column, _("filter"), error);
  if (column < 0)
    return FALSE;

  switch (filter->op)
    {
    case TW_FILTER_OPERATOR_IS_NULL:
      append_column (builder, column);
      g_string_append (builder->sql, " IS NULL");
      return TRUE;

    case TW_FILTER_OPERATOR_IS_NOT_NULL:
      append_column (builder, column);
      g_string_append (builder->sql, " IS NOT NULL");
      return TRUE;

    case TW_FILTER_OPERATOR_CONTAINS:
      if (filter->value == NULL || tw_value_is_null (filter->value))
        {
          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                       _("A “contains” filter on column “%s” needs text to look for"),
                       filter->column);
          return FALSE;
        }
      /* Case is ignored everywhere: ILIKE on PostgreSQL, LIKE (case
       * insensitive for ASCII, or by the collation) elsewhere. */
      if (schema->kinds[column] == TW_VALUE_KIND_TEXT)
        append_column (builder, column);
      else
        {
          g_string_append (builder->sql, "CAST(");
          append_column (builder, column);
          g_string_append (builder->sql, builder->kind == TW_DIALECT_KIND_MYSQL ? " AS CHAR)"
                                                                                : " AS TEXT)");
        }
      g_string_append (builder->sql, builder->kind == TW_DIALECT_KIND_POSTGRESQL ? " ILIKE " : " LIKE ");
      append_param (builder, contains_pattern (filter->value));
      g_string_append_printf (builder->sql, " ESCAPE '%c'", LIKE_ESCAPE);
      return TRUE;

    case TW_FILTER_OPERATOR_LINKED:
      if (filter->through == NULL || filter->through_column == NULL || filter->through_key == NULL ||
          filter->value == NULL || tw_value_is_null (filter->value))
        {
          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                       _("A “linked” filter on column “%s” needs an association table, its "
                         "two columns and a key"), filter->column);
          return FALSE;
        }
      append_column (builder, column);
      g_string_append (builder->sql, " IN (SELECT ");
      tw_dialect_append_identifier (builder->dialect, builder->sql, filter->through_column);
      g_string_append (builder->sql, " FROM ");
      tw_dialect_append_identifier (builder->dialect, builder->sql, filter->through);
      g_string_append (builder->sql, " WHERE ");
      tw_dialect_append_identifier (builder->dialect, builder->sql, filter->through_key);
      g_string_append (builder->sql, " = ");
      append_param (builder, tw_value_copy (filter->value));
      g_string_append_c (builder->sql, ')');
      return TRUE;

    case TW_FILTER_OPERATOR_EQUAL:
      op = " = ";
      break;
    case TW_FILTER_OPERATOR_NOT_EQUAL:
      op = " <> ";
      break;
    case TW_FILTER_OPERATOR_LESS:
      op = " < ";
      break;
    case TW_FILTER_OPERATOR_LESS_EQUAL:
      op = " <= ";
      break;
    case TW_FILTER_OPERATOR_GREATER:
      op = " > ";
      break;
    case TW_FILTER_OPERATOR_GREATER_EQUAL:
      op = " >= ";
      break;
    default:
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                   _("Unknown filter operator %d"), (int) filter->op);
      return FALSE;
    }

  if (filter->value == NULL || tw_value_is_null (filter->value))
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                   _("A comparison with NULL matches nothing; filter column “%s” with "
                     "“is null” instead"), filter->column);
      return FALSE;
    }

  value = _tw_row_schema_coerce (schema, column, filter->value, error);
  if (value == NULL)
    return FALSE;

  append_column (builder, column);
  g_string_append (builder->sql, op);
  append_param (builder, value);
  return TRUE;
}

/* One column of the order, with the anchor's value for keyset paging. */
typedef struct
{
  guint          column;
  gboolean       descending;
  const TwValue *anchor;
} OrderTerm;

/* Appends the condition "comes after (or before) the anchor" for the terms
 * from @i on, where NULL sorts before every value. */
static void
append_keyset (Builder         *builder,
               const OrderTerm *terms,
               guint            n_terms,
               guint            i,
               gboolean         before)
{
  const OrderTerm *term = &terms[i];
  gboolean null_anchor = term->anchor == NULL || tw_value_is_null (term->anchor);
  /* Toward larger values: after in ascending order, before in descending. */
  gboolean larger = before == term->descending;
  gboolean last = i + 1 == n_terms;

  g_string_append_c (builder->sql, '(');

  /* Strictly past the anchor in this column. */
  if (null_anchor)
    {
      if (larger)
        {
          append_column (builder, term->column);
          g_string_append (builder->sql, " IS NOT NULL");
        }
      else
        g_string_append (builder->sql, "1 = 0");
    }
  else
    {
      append_column (builder, term->column);
      g_string_append (builder->sql, larger ? " > " : " < ");
      append_param (builder, tw_value_copy (term->anchor));
      if (!larger)
        {
          g_string_append (builder->sql, " OR ");
          append_column (builder, term->column);
          g_string_append (builder->sql, " IS NULL");
        }
    }

  /* Or equal here, and past it in the next columns. */
  if (!last)
    {
      g_string_append (builder->sql, " OR (");
      append_column (builder, term->column);
      if (null_anchor)
        g_string_append (builder->sql, " IS NULL");
      else
        {
          g_string_append (builder->sql, " = ");
          append_param (builder, tw_value_copy (term->anchor));
        }
      g_string_append (builder->sql, " AND ");
      append_keyset (builder, terms, n_terms, i + 1, before);
      g_string_append_c (builder->sql, ')');
    }

  g_string_append_c (builder->sql, ')');
}

TwQuerySql *
_tw_query_sql_page (TwRowSchema     *schema,
                    TwDialectKind    kind,
                    const TwFilter  *filter,
                    const TwSort    *sort,
                    TwRow           *after,
                    TwRow           *before,
                    guint64          offset,
                    guint            limit,
                    GError         **error)
{
  Builder builder;
  g_autofree OrderTerm *terms = g_new0 (OrderTerm, schema->n_key + 1);
  TwRow *anchor = after != NULL ? after : before;
  guint n_terms = 0;
  gboolean where = FALSE;

  g_assert (after == NULL || before == NULL);

  if (anchor != NULL && (anchor->loading || anchor->id.values == NULL))
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("A page cannot start at a row that is still loading"));
      return NULL;
    }

  if (sort != NULL && sort->column != NULL)
    {
      int column = find_column (schema, sort->column, _("sort"), error);

      if (column < 0)
        return NULL;
      terms[n_terms].column = column;
      terms[n_terms].descending = sort->descending;
      n_terms++;
    }
  for (guint k = 0; k < schema->n_key; k++)
    {
      /* The sort column may be part of the key already. */
      if (n_terms > 0 && terms[0].column == schema->key[k])
        continue;
      terms[n_terms].column = schema->key[k];
      terms[n_terms].descending = sort != NULL && sort->column != NULL && sort->descending;
      n_terms++;
    }

  if (anchor != NULL)
    {
      for (guint i = 0; i < n_terms; i++)
        terms[i].anchor = _tw_row_get_committed (anchor, terms[i].column);
    }

  builder_init (&builder, schema, kind);
  append_select_from (&builder);

  if (filter != NULL)
    {
      g_string_append (builder.sql, " WHERE (");
      if (!append_filter (&builder, filter, error))
        {
          builder_clear (&builder);
          return NULL;
        }
      g_string_append_c (builder.sql, ')');
      where = TRUE;
    }

  if (anchor != NULL && schema->n_key > 0)
    {
      g_string_append (builder.sql, where ? " AND " : " WHERE ");
      append_keyset (&builder, terms, n_terms, 0, before != NULL);
    }

  if (n_terms > 0)
    {
      g_string_append (builder.sql, " ORDER BY ");
      for (guint i = 0; i < n_terms; i++)
        {
          /* A page before the anchor is read backwards from it. */
          gboolean descending = terms[i].descending != (before != NULL);

          if (i > 0)
            g_string_append (builder.sql, ", ");
          append_column (&builder, terms[i].column);
          if (descending)
            g_string_append (builder.sql, " DESC");
          /* PostgreSQL sorts NULL last in ascending order; the others first. */
          if (kind == TW_DIALECT_KIND_POSTGRESQL &&
              tw_column_is_effectively_nullable (schema->columns[terms[i].column]))
            g_string_append (builder.sql, descending ? " NULLS LAST" : " NULLS FIRST");
        }
    }

  g_string_append_printf (builder.sql, " LIMIT %u", limit);
  if (offset > 0)
    g_string_append_printf (builder.sql, " OFFSET %" G_GUINT64_FORMAT, offset);

  return builder_finish (&builder);
}

TwQuerySql *
_tw_query_sql_count (TwRowSchema     *schema,
                     TwDialectKind    kind,
                     const TwFilter  *filter,
                     GError         **error)
{
  Builder builder;

  builder_init (&builder, schema, kind);
  g_string_append (builder.sql, "SELECT count(*) FROM ");
  tw_dialect_append_identifier (builder.dialect, builder.sql, schema->name);
  if (filter != NULL)
    {
      g_string_append (builder.sql, " WHERE ");
      if (!append_filter (&builder, filter, error))
        {
          builder_clear (&builder);
          return NULL;
        }
    }

  return builder_finish (&builder);
}

TwQuerySql *
_tw_query_sql_estimate (TwRowSchema   *schema,
                        TwDialectKind  kind)
{
  Builder builder;

  builder_init (&builder, schema, kind);
  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      /* No statistics worth reading: the largest rowid of a rowid table is
       * found in the b-tree at once, and is close to the count when few
       * rows were deleted. */
      g_string_append (builder.sql, "SELECT max(rowid) FROM ");
      tw_dialect_append_identifier (builder.dialect, builder.sql, schema->name);
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      {
        g_autofree char *quoted = tw_dialect_quote_identifier (builder.dialect, schema->name);

        /* -1 when the table was never analyzed. */
        g_string_append (builder.sql, "SELECT CAST(reltuples AS BIGINT) FROM pg_class "
                                      "WHERE oid = to_regclass(");
        append_param (&builder, tw_value_new_text (quoted));
        g_string_append (builder.sql, ")");
      }
      break;

    case TW_DIALECT_KIND_MYSQL:
      g_string_append (builder.sql, "SELECT TABLE_ROWS FROM information_schema.TABLES "
                                    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
      append_param (&builder, tw_value_new_text (schema->name));
      break;

    default:
      builder_clear (&builder);
      return NULL;
    }

  return builder_finish (&builder);
}

TwQuerySql *
_tw_query_sql_plan_estimate (TwRowSchema     *schema,
                             TwDialectKind    kind,
                             const TwFilter  *filter,
                             GError         **error)
{
  Builder builder;

  g_assert (kind == TW_DIALECT_KIND_POSTGRESQL);

  builder_init (&builder, schema, kind);
  g_string_append (builder.sql, "EXPLAIN (FORMAT JSON) SELECT * FROM ");
  tw_dialect_append_identifier (builder.dialect, builder.sql, schema->name);
  if (filter != NULL)
    {
      g_string_append (builder.sql, " WHERE ");
      if (!append_filter (&builder, filter, error))
        {
          builder_clear (&builder);
          return NULL;
        }
    }

  return builder_finish (&builder);
}

TwQuerySql *
_tw_query_sql_key_range (TwRowSchema   *schema,
                         TwDialectKind  kind)
{
  Builder builder;

  g_assert (schema->n_key == 1);

  /* Two subqueries: SQLite reads a lone min() or max() of an indexed
   * column off one end of the b-tree, but min() and max() side by side
   * scan the whole table (a second per 10 million rows, during which the
   * connection answers nothing else). */
  builder_init (&builder, schema, kind);
  g_string_append (builder.sql, "SELECT (SELECT min(");
  append_column (&builder, schema->key[0]);
  g_string_append (builder.sql, ") FROM ");
  tw_dialect_append_identifier (builder.dialect, builder.sql, schema->name);
  g_string_append (builder.sql, "), (SELECT max(");
  append_column (&builder, schema->key[0]);
  g_string_append (builder.sql, ") FROM ");
  tw_dialect_append_identifier (builder.dialect, builder.sql, schema->name);
  g_string_append (builder.sql, ")");
  return builder_finish (&builder);
}

TwQuerySql *
_tw_query_sql_seek (TwRowSchema   *schema,
                    TwDialectKind  kind,
                    gint64         key,
                    guint          limit)
{
  Builder builder;

  g_assert (schema->n_key == 1);

  builder_init (&builder, schema, kind);
  append_select_from (&builder);
  g_string_append (builder.sql, " WHERE ");
  append_column (&builder, schema->key[0]);
  g_string_append (builder.sql, " >= ");
  append_param (&builder, tw_value_new_int64 (key));
  g_string_append (builder.sql, " ORDER BY ");
  append_column (&builder, schema->key[0]);
  g_string_append_printf (builder.sql, " LIMIT %u", limit);
  return builder_finish (&builder);
}
