/* tw-session-flush.c: the flush: plans the statements of a commit in foreign key order and runs them
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-session-flush"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-dialect.h"
#include "tw-session-private.h"

/* At most this many rows go into one multi-row INSERT; fewer when the
 * dialect's limit of parameters per statement says so. */
#define MAX_BATCH_ROWS 1000
/* Rows per INSERT ... SELECT FROM unnest() on PostgreSQL: the arrays are
 * text, about 10 bytes a value. */
#define MAX_UNNEST_ROWS 10000

/* The savepoint around a multi-row INSERT: when it fails, its rows are
 * tried one by one to find the row the server refused. */
#define BATCH_SAVEPOINT "tw_flush_batch"

static guint
max_params (TwDialectKind kind)
{
  switch (kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      return 32766;   /* SQLITE_MAX_VARIABLE_NUMBER since 3.32 */
    case TW_DIALECT_KIND_POSTGRESQL:
    case TW_DIALECT_KIND_MYSQL:
    default:
      return 65535;   /* a 16-bit count in both protocols */
    }
}

/* Sorting: Kahn's algorithm, taking among the rows that are ready the one
 * with the smallest priority, so that without dependencies the order is
 * the priority order. */

typedef struct
{
  guint a;
  guint b;
  guint c;
} Priority;

typedef struct
{
  guint      n;
  guint      n_edges;
  Priority  *priority;
  GArray   **dependents;    /* per node: nodes that must come after it; NULL without edges */
  GArray   **prerequisites; /* per node: nodes it must come after */
  guint     *in_degree;
} Graph;

static void
graph_init (Graph *graph,
            guint  n)
{
  memset (graph, 0, sizeof *graph);
  graph->n = n;
  graph->priority = g_new0 (Priority, MAX (n, 1));
}

static void
graph_clear (Graph *graph)
{
  if (graph->dependents != NULL)
    {
      for (guint i = 0; i < graph->n; i++)
        {
          if (graph->dependents[i] != NULL)
            g_array_unref (graph->dependents[i]);
          if (graph->prerequisites[i] != NULL)
            g_array_unref (graph->prerequisites[i]);
        }
    }
  g_free (graph->priority);
  g_free (graph->dependents);
  g_free (graph->prerequisites);
  g_free (graph->in_degree);
}

/* @first must come before @then. */
static void
graph_add_edge (Graph *graph,
                guint  first,
                guint  then)
{
  if (first == then)
    return;

  if (graph->dependents == NULL)
    {
      graph->dependents = g_new0 (GArray *, MAX (graph->n, 1));
      graph->prerequisites = g_new0 (GArray *, MAX (graph->n, 1));
      graph->in_degree = g_new0 (guint, MAX (graph->n, 1));
    }
  if (graph->dependents[first] == NULL)
    graph->dependents[first] = g_array_new (FALSE, FALSE, sizeof (guint));
  if (graph->prerequisites[then] == NULL)
    graph->prerequisites[then] = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (graph->dependents[first], then);
  g_array_append_val (graph->prerequisites[then], first);
  graph->in_degree[then]++;
  graph->n_edges++;
}

static GArray *
graph_prerequisites (Graph *graph,
                     guint  node)
{
  return graph->prerequisites != NULL ? graph->prerequisites[node] : NULL;
}

static gboolean
priority_less (const Priority *priority,
               guint           x,
               guint           y)
{
  const Priority *px = &priority[x];
  const Priority *py = &priority[y];

  if (px->a != py->a)
    return px->a < py->a;
  if (px->b != py->b)
    return px->b < py->b;
  return px->c < py->c;
}

static void
heap_push (GArray         *heap,
           const Priority *priority,
           guint           node)
{
  guint *h;
  guint i;

  g_array_append_val (heap, node);
  h = &g_array_index (heap, guint, 0);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      guint tmp;

      if (!priority_less (priority, h[i], h[parent]))
        break;
      tmp = h[i];
      h[i] = h[parent];
      h[parent] = tmp;
      i = parent;
    }
}

static guint
heap_pop (GArray         *heap,
          const Priority *priority)
{
  guint *h = &g_array_index (heap, guint, 0);
  guint top = h[0];
  guint n = heap->len - 1;
  guint i = 0;

  h[0] = h[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint left = 2 * i + 1;
      guint right = left + 1;
      guint smallest = i;
      guint tmp;

      if (left < n && priority_less (priority, h[left], h[smallest]))
        smallest = left;
      if (right < n && priority_less (priority, h[right], h[smallest]))
        smallest = right;
      if (smallest == i)
        break;
      tmp = h[i];
      h[i] = h[smallest];
      h[smallest] = tmp;
      i = smallest;
    }

  return top;
}

/* Without edges the order is the priority order; as c is the node's own
 * index, nodes sharing (a, b) keep their order: a few buckets do. */
static GArray *
graph_sort_buckets (Graph *graph)
{
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (Priority));
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), graph->n);

  for (guint i = 0; i < graph->n; i++)
    {
      const Priority *p = &graph->priority[i];
      gboolean known = FALSE;

      g_assert (p->c == i);
      for (guint k = 0; k < keys->len && !known; k++)
        {
          const Priority *key = &g_array_index (keys, Priority, k);

          known = key->a == p->a && key->b == p->b;
        }
      if (!known)
        {
          Priority key = { p->a, p->b, 0 };

          g_array_append_val (keys, key);
        }
    }

  /* Few keys (one per table and kind): a simple sort of them. */
  for (guint i = 1; i < keys->len; i++)
    for (guint j = i; j > 0; j--)
      {
        Priority *x = &g_array_index (keys, Priority, j - 1);
        Priority *y = &g_array_index (keys, Priority, j);
        Priority tmp;

        if (x->a < y->a || (x->a == y->a && x->b <= y->b))
          break;
        tmp = *x;
        *x = *y;
        *y = tmp;
      }

  for (guint k = 0; k < keys->len; k++)
    {
      const Priority *key = &g_array_index (keys, Priority, k);

      for (guint i = 0; i < graph->n; i++)
        {
          if (graph->priority[i].a == key->a && graph->priority[i].b == key->b)
            g_array_append_val (order, i);
        }
    }

  return order;
}

/* The nodes in order; fewer than n when some form a cycle. */
static GArray *
graph_sort (Graph *graph,
            guint  priority_c_is_index)
{
  g_autoptr (GArray) heap = NULL;
  g_autofree guint *in_degree = NULL;
  GArray *order;

  if (graph->n_edges == 0 && priority_c_is_index)
    return graph_sort_buckets (graph);

  heap = g_array_sized_new (FALSE, FALSE, sizeof (guint), graph->n);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), graph->n);
  in_degree = graph->in_degree != NULL
              ? g_memdup2 (graph->in_degree, sizeof (guint) * MAX (graph->n, 1))
              : g_new0 (guint, MAX (graph->n, 1));

  for (guint i = 0; i < graph->n; i++)
    {
      if (in_degree[i] == 0)
        heap_push (heap, graph->priority, i);
    }

  while (heap->len > 0)
    {
      guint node = heap_pop (heap, graph->priority);
      GArray *dependents = graph->dependents != NULL ? graph->dependents[node] : NULL;

      g_array_append_val (order, node);
      if (dependents == NULL)
        continue;
      for (guint i = 0; i < dependents->len; i++)
        {
          guint then = g_array_index (dependents, guint, i);

          if (--in_degree[then] == 0)
            heap_push (heap, graph->priority, then);
        }
    }

  return order;
}

/* Planning */

typedef enum
{
  NODE_INSERT,
  NODE_UPDATE,
} NodeKind;

/* A batch of new rows of one table that name the same columns. */
typedef struct
{
  TwRowSchema *schema;
  TwRow       *first;
  guint        table;
  guint        first_item;
  guint        n_rows;
  guint        n_given;
  guint        n_returning;
  guint        autoincrement_index;   /* in the returning columns, or G_MAXUINT */
  gboolean     multi;                 /* may hold several rows */
  gboolean     unnest;                /* as arrays (PostgreSQL) */
  guint        max_rows;
  guint        id;
} Batch;

typedef struct
{
  TwSession      *session;
  TwChangeSet    *cs;
  TwDialect      *dialect;
  TwDialectKind   kind;
  gboolean        own_values;
  GHashTable     *sql_index;      /* SQL → index into cs->sqls */
  GHashTable     *table_index;    /* TwRowSchema * → index into cs->tables */
  GHashTable     *ranks;          /* TwRowSchema * → rank + 1 */
  GPtrArray      *rows;
  GPtrArray      *links;
  guint          *insert_item;    /* per row: its INSERT item, or G_MAXUINT */
  /* The last INSERT statement closed: a batch of the same shape reuses its
   * SQL. */
  TwRow          *last_first;
  guint           last_n_rows;
  gboolean        last_unnest;
  guint           last_sql;
  guint           last_single_sql;
} Planner;

static guint
plan_table (Planner     *planner,
            TwRowSchema *schema)
{
  gpointer found;
  TwChangeTable *table;
  guint index;

  if (g_hash_table_lookup_extended (planner->table_index, schema, NULL, &found))
    return GPOINTER_TO_UINT (found);

  table = g_new0 (TwChangeTable, 1);
  table->name = g_strdup (schema->name);
  table->n_columns = schema->n_columns;
  table->column_names = g_strdupv (schema->column_names);
  table->n_key = schema->n_key;
  table->key = g_memdup2 (schema->key, sizeof (guint) * MAX (schema->n_key, 1));

  index = planner->cs->tables->len;
  g_ptr_array_add (planner->cs->tables, table);
  g_hash_table_insert (planner->table_index, schema, GUINT_TO_POINTER (index));
  return index;
}

static guint
plan_rank (Planner     *planner,
           TwRowSchema *schema)
{
  gpointer found = g_hash_table_lookup (planner->ranks, schema);
  guint rank;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  rank = _tw_session_get_rank (planner->session, schema);
  g_hash_table_insert (planner->ranks, schema, GUINT_TO_POINTER (rank + 1));
  return rank;
}

/* The row's position in the plan, or G_MAXUINT when it is not in it. The
 * session compacted its staged rows into the plan's order. */
static guint
plan_row_index (Planner *planner,
                TwRow   *row)
{
  guint index = row->staged_index;

  if (row->staged && index < planner->rows->len && g_ptr_array_index (planner->rows, index) == row)
    return index;
  return G_MAXUINT;
}

static void
append_identifier (Planner    *planner,
                   GString    *sql,
                   const char *name)
{
  tw_dialect_append_identifier (planner->dialect, sql, name);
}

static void
append_placeholder (Planner *planner,
                    GString *sql,
                    guint   *n)
{
  (*n)++;
  if (planner->kind == TW_DIALECT_KIND_POSTGRESQL)
    g_string_append_printf (sql, "$%u", *n);
  else
    g_string_append_c (sql, '?');
}

static const char *
null_safe_equal (TwDialectKind kind)
{
  switch (kind)
    {
    case TW_DIALECT_KIND_POSTGRESQL:
      return " IS NOT DISTINCT FROM ";
    case TW_DIALECT_KIND_MYSQL:
      return " <=> ";
    case TW_DIALECT_KIND_SQLITE:
    default:
      return " IS ";
    }
}

/* Whether a column's values compare exactly enough on the server to check
 * that nobody changed them: not floats (MySQL's FLOAT is single
 * precision), JSON (PostgreSQL's json has no equality) or binary data. */
static gboolean
column_is_comparable (TwRowSchema *schema,
                      guint        column)
{
  switch (tw_column_get_column_type (schema->columns[column]))
    {
    case TW_COLUMN_TYPE_FLOAT:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return FALSE;
    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_NUMERIC:
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_ENUM:
    case TW_COLUMN_TYPE_UUID:
    default:
      return TRUE;
    }
}

static gboolean
is_key_column (TwRowSchema *schema,
               guint        column)
{
  for (guint k = 0; k < schema->n_key; k++)
    {
      if (schema->key[k] == column)
        return TRUE;
    }
  return FALSE;
}

static TwRowReference *
reference_of_column (TwRow *row,
                     guint  column)
{
  for (guint i = 0; i < row->n_references; i++)
    {
      TwRowForeignKey *fk = row->references[i].foreign_key;

      for (guint c = 0; c < fk->n_columns; c++)
        {
          if (fk->columns[c] == column)
            return &row->references[i];
        }
    }

  return NULL;
}

/* Whether the INSERT of a new row names the column (the database fills in
 * the others). */
static gboolean
column_given (TwRow *row,
              guint  column)
{
  return row->id.values[column] != NULL ||
         (row->n_references > 0 && reference_of_column (row, column) != NULL);
}

static void
add_param_value (Planner       *planner,
                 const TwValue *value)
{
  TwChangeParam param = (TwChangeParam) (value != NULL ? tw_value_copy (value) : tw_value_new_null ());

  g_assert (!TW_CHANGE_PARAM_IS_SLOT (param));
  g_array_append_val (planner->cs->params, param);
}

static void
add_param_slot (Planner *planner,
                guint    slot)
{
  TwChangeParam param = TW_CHANGE_PARAM_FROM_SLOT (slot);

  g_array_append_val (planner->cs->params, param);
}

/* The parameter for column @column of @parent, a row of the plan: its
 * value, or when it is a new row whose column the database fills in, the
 * slot its INSERT fills. */
static gboolean
add_param_of_row (Planner  *planner,
                  TwRow    *parent,
                  guint     column,
                  GError  **error)
{
  const TwChangeItem *item;
  guint index = 0;
  guint row_index;

  if (!parent->is_new)
    {
      add_param_value (planner, _tw_row_get_committed (parent, column));
      return TRUE;
    }

  if (parent->id.values[column] != NULL && reference_of_column (parent, column) == NULL)
    {
      add_param_value (planner, parent->id.values[column]);
      return TRUE;
    }

  row_index = plan_row_index (planner, parent);
  if (row_index == G_MAXUINT || planner->insert_item[row_index] == G_MAXUINT)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("A row refers to a new row of “%s” that is no longer in the session"),
                   parent->id.schema->name);
      return FALSE;
    }

  /* The generated values of a new row are its columns not given, in
   * column order. */
  item = &g_array_index (planner->cs->items, TwChangeItem, planner->insert_item[row_index]);
  for (guint c = 0; c < column; c++)
    {
      if (!column_given (parent, c))
        index++;
    }

  add_param_slot (planner, item->first_generated + index);
  return TRUE;
}

static void
add_statement (Planner           *planner,
               TwChangeStatement *statement)
{
  g_array_append_val (planner->cs->statements, *statement);
}

static void
statement_init (TwChangeStatement *statement,
                TwChangeKind       kind,
                guint              table)
{
  memset (statement, 0, sizeof *statement);
  statement->kind = kind;
  statement->table = table;
  statement->single_sql = G_MAXUINT;
  statement->insert_id = G_MAXUINT;
  statement->check_sql = G_MAXUINT;
}

/* INSERT INTO t (given columns) VALUES (...), ... [RETURNING the others] */
static char *
insert_sql (Planner     *planner,
            TwRowSchema *schema,
            TwRow       *row,
            guint        n_rows,
            gboolean     returning)
{
  GString *sql = g_string_new ("INSERT INTO ");
  guint n_given = 0;
  guint n = 0;

  append_identifier (planner, sql, schema->name);
  for (guint c = 0; c < schema->n_columns; c++)
    {
      if (!column_given (row, c))
        continue;
      g_string_append (sql, n_given == 0 ? " (" : ", ");
      append_identifier (planner, sql, schema->column_names[c]);
      n_given++;
    }

  if (n_given == 0)
    g_string_append (sql, planner->kind == TW_DIALECT_KIND_MYSQL ? " () VALUES ()" : " DEFAULT VALUES");
  else
    {
      g_string_append (sql, ") VALUES ");
      for (guint r = 0; r < n_rows; r++)
        {
          g_string_append (sql, r == 0 ? "(" : ", (");
          for (guint i = 0; i < n_given; i++)
            {
              if (i > 0)
                g_string_append (sql, ", ");
              append_placeholder (planner, sql, &n);
            }
          g_string_append_c (sql, ')');
        }
    }

  if (returning)
    {
      gboolean first = TRUE;

      for (guint c = 0; c < schema->n_columns; c++)
        {
          if (column_given (row, c))
            continue;
          g_string_append (sql, first ? " RETURNING " : ", ");
          append_identifier (planner, sql, schema->column_names[c]);
          first = FALSE;
        }
    }

  return g_string_free (sql, FALSE);
}

/* Adds the item of a new row to the batch being built. */
static gboolean
add_insert_item (Planner  *planner,
                 Batch    *batch,
                 guint     row_index,
                 GError  **error)
{
  TwRow *row = g_ptr_array_index (planner->rows, row_index);
  TwRowSchema *schema = row->id.schema;
  TwChangeItem item = { 0 };

  item.row = row_index;
  item.first_param = planner->cs->params->len;
  item.first_generated = planner->cs->n_generated;
  planner->cs->n_generated += batch->n_returning;

  if (row->n_references == 0)
    {
      /* Bound straight from the row's values. */
      item.values = planner->own_values
                    ? _tw_change_set_own_values (planner->cs, row->id.values, schema->n_columns)
                    : row->id.values;
    }
  else
    {
      for (guint c = 0; c < schema->n_columns; c++)
        {
          TwRowReference *reference;

          if (!column_given (row, c))
            continue;

          reference = reference_of_column (row, c);
          if (reference != NULL)
            {
              TwRowForeignKey *fk = reference->foreign_key;
              TwRowSchema *parent_schema = reference->parent->id.schema;
              int position = -1;

              for (guint k = 0; k < fk->n_columns; k++)
                {
                  if (fk->columns[k] == c)
                    position = _tw_row_schema_find_column (parent_schema, fk->referred_columns[k]);
                }
              g_assert (position >= 0);
              if (!add_param_of_row (planner, reference->parent, position, error))
                return FALSE;
            }
          else
            add_param_value (planner, row->id.values[c]);
        }
      item.n_params = planner->cs->params->len - item.first_param;
    }

  g_array_append_val (planner->cs->items, item);
  planner->insert_item[row_index] = planner->cs->items->len - 1;
  return TRUE;
}

static gboolean
same_columns (TwRow *a,
              TwRow *b)
{
  if (a->id.schema != b->id.schema)
    return FALSE;

  for (guint c = 0; c < a->id.schema->n_columns; c++)
    {
      if (column_given (a, c) != column_given (b, c))
        return FALSE;
    }

  return TRUE;
}

static void
batch_open (Planner *planner,
            Batch   *batch,
            TwRow   *row,
            guint    id)
{
  TwRowSchema *schema = row->id.schema;

  memset (batch, 0, sizeof *batch);
  batch->schema = schema;
  batch->first = row;
  batch->table = plan_table (planner, schema);
  batch->first_item = planner->cs->items->len;
  batch->autoincrement_index = G_MAXUINT;
  batch->id = id;

  for (guint c = 0; c < schema->n_columns; c++)
    {
      if (column_given (row, c))
        batch->n_given++;
      else
        {
          if ((int) c == schema->autoincrement)
            batch->autoincrement_index = batch->n_returning;
          batch->n_returning++;
        }
    }

  /* Several rows share a statement when each gets its values back
   * unambiguously: no values at all, or only an integer key the database
   * hands out in row order (MySQL tells the first one; see
   * store_mysql_keys()). */
  if (batch->n_returning == 0)
    batch->multi = batch->n_given > 0;
  else
    batch->multi = batch->n_returning == 1 && batch->autoincrement_index == 0 &&
                   batch->n_given > 0;

  batch->max_rows = batch->multi
                    ? MIN (MAX_BATCH_ROWS, max_params (planner->kind) / MAX (batch->n_given, 1))
                    : 1;

  /* Binary data has no simple array text: those tables use VALUES. */
  batch->unnest = batch->multi && planner->kind == TW_DIALECT_KIND_POSTGRESQL;
  for (guint c = 0; c < schema->n_columns && batch->unnest; c++)
    batch->unnest = !column_given (row, c) || schema->kinds[c] != TW_VALUE_KIND_BLOB;
  if (batch->unnest)
    batch->max_rows = MAX_UNNEST_ROWS;
}

/* The type of a column's array, without a length or precision: an
 * explicit cast to VARCHAR(10) would cut longer text where the INSERT
 * must fail, so text goes as text (enums as their type) and the column's
 * own assignment rules apply. */
static char *
array_element_type (Planner     *planner,
                    TwRowSchema *schema,
                    guint        column)
{
  g_autofree char *type = NULL;
  GString *bare;
  int depth = 0;

  if (schema->kinds[column] == TW_VALUE_KIND_TEXT &&
      tw_column_get_column_type (schema->columns[column]) != TW_COLUMN_TYPE_ENUM)
    return g_strdup ("text");

  type = tw_dialect_compile_column_type (planner->dialect, schema->columns[column]);
  bare = g_string_new (NULL);
  for (const char *p = type; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      else if (depth == 0)
        g_string_append_c (bare, *p);
    }

  return g_strstrip (g_string_free (bare, FALSE));
}

/* INSERT INTO t (given) SELECT u.p1, ... FROM unnest($1::type[], ...) WITH
 * ORDINALITY AS u (p1, ..., tw_n) ORDER BY u.tw_n [RETURNING the others]:
 * the rows go in array order, so generated keys follow it too. */
static char *
unnest_sql (Planner     *planner,
            TwRowSchema *schema,
            TwRow       *row)
{
  GString *sql = g_string_new ("INSERT INTO ");
  guint n_given = 0;
  gboolean first = TRUE;

  append_identifier (planner, sql, schema->name);
  for (guint c = 0; c < schema->n_columns; c++)
    {
      if (!column_given (row, c))
        continue;
      g_string_append (sql, n_given == 0 ? " (" : ", ");
      append_identifier (planner, sql, schema->column_names[c]);
      n_given++;
    }
  g_string_append (sql, ") SELECT ");
  for (guint i = 1; i <= n_given; i++)
    g_string_append_printf (sql, "%su.p%u", i > 1 ? ", " : "", i);
  g_string_append (sql, " FROM unnest(");
  for (guint c = 0, i = 0; c < schema->n_columns; c++)
    {
      g_autofree char *type = NULL;

      if (!column_given (row, c))
        continue;
      type = array_element_type (planner, schema, c);
      g_string_append_printf (sql, "%s$%u::%s[]", i > 0 ? ", " : "", i + 1, type);
      i++;
    }
  g_string_append (sql, ") WITH ORDINALITY AS u (");
  for (guint i = 1; i <= n_given; i++)
    g_string_append_printf (sql, "p%u, ", i);
  g_string_append (sql, "tw_n) ORDER BY u.tw_n");

  for (guint c = 0; c < schema->n_columns; c++)
    {
      if (column_given (row, c))
        continue;
      g_string_append (sql, first ? " RETURNING " : ", ");
      append_identifier (planner, sql, schema->column_names[c]);
      first = FALSE;
    }

  return g_string_free (sql, FALSE);
}

/* MySQL tells only the AUTO_INCREMENT value: the other columns the server
 * filled in are read back by key. */
static gboolean
plan_refresh (Planner                 *planner,
              Batch                   *batch,
              const TwChangeStatement *insert_statement,
              GError                 **error)
{
  TwRowSchema *schema = batch->schema;
  const TwChangeItem *insert = &g_array_index (planner->cs->items, TwChangeItem, batch->first_item);
  TwRow *row = g_ptr_array_index (planner->rows, insert->row);
  TwChangeStatement refresh;
  TwChangeItem item = { 0 };
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  guint n = 0;

  g_assert (batch->n_rows == 1);

  statement_init (&refresh, TW_CHANGE_KIND_REFRESH, batch->table);
  for (guint r = 0; r < batch->n_returning; r++)
    {
      if (r > 0)
        g_string_append (sql, ", ");
      append_identifier (planner, sql, schema->column_names[insert_statement->returning[r]]);
    }
  g_string_append (sql, " FROM ");
  append_identifier (planner, sql, schema->name);

  item.row = insert->row;
  item.first_param = planner->cs->params->len;
  item.first_generated = insert->first_generated;
  for (guint k = 0; k < schema->n_key; k++)
    {
      guint c = schema->key[k];

      if (!column_given (row, c) && (int) c != schema->autoincrement)
        {
          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                       _("Column “%s” of a new row of “%s” needs a value: MySQL reports no "
                         "key it generates but AUTO_INCREMENT"),
                       schema->column_names[c], schema->name);
          return FALSE;
        }

      g_string_append (sql, k == 0 ? " WHERE " : " AND ");
      append_identifier (planner, sql, schema->column_names[c]);
      g_string_append (sql, " = ");
      append_placeholder (planner, sql, &n);
      if (!add_param_of_row (planner, row, c, error))
        return FALSE;
    }
  item.n_params = planner->cs->params->len - item.first_param;
  g_array_append_val (planner->cs->items, item);

  refresh.n_returning = batch->n_returning;
  refresh.returning = g_memdup2 (insert_statement->returning, sizeof (guint) * batch->n_returning);
  refresh.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                        g_string_free (g_steal_pointer (&sql), FALSE));
  refresh.first_item = planner->cs->items->len - 1;
  refresh.n_items = 1;
  add_statement (planner, &refresh);
  return TRUE;
}

static gboolean
batch_close (Planner  *planner,
             Batch    *batch,
             GError  **error)
{
  TwChangeStatement statement;
  gboolean returning;
  TwRowSchema *schema = batch->schema;

  if (batch->n_rows == 0)
    return TRUE;

  statement_init (&statement, TW_CHANGE_KIND_INSERT, batch->table);
  /* On SQLite a lone integer key the database generates is the rowid. */
  statement.rowid_keys = planner->kind == TW_DIALECT_KIND_SQLITE && batch->n_returning == 1 &&
                         batch->autoincrement_index == 0 &&
                         tw_column_type_is_integer (tw_column_get_column_type (schema->columns[schema->autoincrement])) &&
                         tw_column_get_column_type (schema->columns[schema->autoincrement]) != TW_COLUMN_TYPE_BIG_INTEGER;
  returning = batch->n_returning > 0 && planner->kind != TW_DIALECT_KIND_MYSQL && !statement.rowid_keys;

  /* Full batches of one shape share their SQL, built once. */
  if (planner->last_first != NULL && planner->last_n_rows == batch->n_rows &&
      planner->last_unnest == (batch->unnest && batch->n_rows > 1) &&
      same_columns (planner->last_first, batch->first))
    {
      statement.sql = planner->last_sql;
      statement.single_sql = planner->last_single_sql;
      planner->cs->sql_uses[statement.sql]++;
    }
  else
    {
      if (batch->unnest && batch->n_rows > 1)
        statement.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                                unnest_sql (planner, schema, batch->first));
      else
        statement.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                                insert_sql (planner, schema, batch->first,
                                                            batch->n_rows, returning));
      if (batch->n_rows > 1)
        statement.single_sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                                       insert_sql (planner, schema, batch->first,
                                                                   1, returning));
      planner->last_first = batch->first;
      planner->last_n_rows = batch->n_rows;
      planner->last_unnest = batch->unnest && batch->n_rows > 1;
      planner->last_sql = statement.sql;
      planner->last_single_sql = statement.single_sql;
    }

  statement.first_item = batch->first_item;
  statement.n_items = batch->n_rows;
  statement.n_given = batch->n_given;
  statement.given = g_new0 (guint, MAX (batch->n_given, 1));
  statement.n_returning = batch->n_returning;
  statement.returning = g_new0 (guint, MAX (batch->n_returning, 1));
  for (guint c = 0, r = 0, g = 0; c < schema->n_columns; c++)
    {
      if (column_given (batch->first, c))
        statement.given[g++] = c;
      else
        statement.returning[r++] = c;
    }
  statement.match_by_key = batch->n_rows > 1 && batch->n_returning == 1;
  statement.unnest = batch->unnest && batch->n_rows > 1;
  if ((statement.rowid_keys || planner->kind == TW_DIALECT_KIND_MYSQL) &&
      batch->n_rows > 1 && batch->n_returning == 1)
    {
      g_autoptr (GString) check = g_string_new ("SELECT count(*) FROM ");

      append_identifier (planner, check, schema->name);
      g_string_append (check, " WHERE ");
      append_identifier (planner, check, schema->column_names[schema->autoincrement]);
      g_string_append (check, " BETWEEN ? AND ?");
      statement.check_sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                                    g_string_free (g_steal_pointer (&check), FALSE));
    }

  if (planner->kind == TW_DIALECT_KIND_MYSQL && batch->n_returning > 0)
    {
      statement.insert_id = batch->autoincrement_index;
      add_statement (planner, &statement);
      if (batch->n_returning > (batch->autoincrement_index != G_MAXUINT ? 1u : 0u) &&
          !plan_refresh (planner, batch, &statement, error))
        return FALSE;
    }
  else
    add_statement (planner, &statement);

  batch->n_rows = 0;
  return TRUE;
}

/* UPDATE t SET changed = ? ... WHERE key = ? AND changed IS NOT DISTINCT
 * FROM original ... */
static gboolean
plan_update (Planner  *planner,
             guint     row_index,
             GError  **error)
{
  TwRow *row = g_ptr_array_index (planner->rows, row_index);
  TwRowSchema *schema = row->id.schema;
  TwChangeStatement statement;
  TwChangeItem item = { 0 };
  g_autoptr (GString) sql = g_string_new ("UPDATE ");
  guint n = 0;
  gboolean first = TRUE;

  statement_init (&statement, TW_CHANGE_KIND_UPDATE, plan_table (planner, schema));
  item.row = row_index;
  item.first_param = planner->cs->params->len;
  item.first_generated = planner->cs->n_generated;

  append_identifier (planner, sql, schema->name);
  for (guint c = 0; c < schema->n_columns; c++)
    {
      TwRowReference *reference = reference_of_column (row, c);

      if (!tw_row_is_value_changed (row, c) && reference == NULL)
        continue;

      g_string_append (sql, first ? " SET " : ", ");
      append_identifier (planner, sql, schema->column_names[c]);
      g_string_append (sql, " = ");
      append_placeholder (planner, sql, &n);
      first = FALSE;

      if (reference != NULL)
        {
          TwRowForeignKey *fk = reference->foreign_key;
          int position = -1;

          for (guint k = 0; k < fk->n_columns; k++)
            {
              if (fk->columns[k] == c)
                position = _tw_row_schema_find_column (reference->parent->id.schema,
                                                       fk->referred_columns[k]);
            }
          g_assert (position >= 0);
          if (!add_param_of_row (planner, reference->parent, position, error))
            return FALSE;
        }
      else
        add_param_value (planner, row->id.values[c]);
    }

  for (guint k = 0; k < schema->n_key; k++)
    {
      g_string_append (sql, k == 0 ? " WHERE " : " AND ");
      append_identifier (planner, sql, schema->column_names[schema->key[k]]);
      g_string_append (sql, " = ");
      append_placeholder (planner, sql, &n);
      add_param_value (planner, _tw_row_get_committed (row, schema->key[k]));
    }

  /* Optimistic concurrency: the changed columns must still hold what was
   * read, or someone else changed them meanwhile. */
  for (guint c = 0; c < schema->n_columns; c++)
    {
      if (is_key_column (schema, c) || !tw_row_is_value_changed (row, c) ||
          !column_is_comparable (schema, c))
        continue;

      g_string_append (sql, " AND ");
      append_identifier (planner, sql, schema->column_names[c]);
      g_string_append (sql, null_safe_equal (planner->kind));
      append_placeholder (planner, sql, &n);
      add_param_value (planner, row->id.original[c]);
    }

  statement.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                          g_string_free (g_steal_pointer (&sql), FALSE));
  item.n_params = planner->cs->params->len - item.first_param;
  statement.first_item = planner->cs->items->len;
  statement.n_items = 1;
  statement.check_count = TRUE;
  g_array_append_val (planner->cs->items, item);

  /* MySQL counts only the rows an UPDATE really changed, unless the
   * connection asked for found rows: when none changed, a query tells
   * whether the row holds the new values anyway. */
  if (planner->kind == TW_DIALECT_KIND_MYSQL)
    {
      g_autoptr (GString) check = g_string_new ("SELECT 1 FROM ");

      n = 0;
      append_identifier (planner, check, schema->name);
      statement.check_first_param = planner->cs->params->len;
      for (guint k = 0; k < schema->n_key; k++)
        {
          guint c = schema->key[k];

          g_string_append (check, k == 0 ? " WHERE " : " AND ");
          append_identifier (planner, check, schema->column_names[c]);
          g_string_append (check, " <=> ");
          append_placeholder (planner, check, &n);
          if (reference_of_column (row, c) != NULL)
            add_param_value (planner, _tw_row_get_committed (row, c));
          else
            add_param_value (planner, row->id.values[c]);
        }
      for (guint c = 0; c < schema->n_columns; c++)
        {
          if (is_key_column (schema, c) || !tw_row_is_value_changed (row, c) ||
              !column_is_comparable (schema, c) || reference_of_column (row, c) != NULL)
            continue;

          g_string_append (check, " AND ");
          append_identifier (planner, check, schema->column_names[c]);
          g_string_append (check, " <=> ");
          append_placeholder (planner, check, &n);
          add_param_value (planner, row->id.values[c]);
        }
      statement.check_n_params = planner->cs->params->len - statement.check_first_param;
      statement.check_sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                                    g_string_free (g_steal_pointer (&check), FALSE));
    }

  add_statement (planner, &statement);
  return TRUE;
}

/* DELETE FROM t WHERE key = committed key */
static void
plan_delete (Planner *planner,
             guint    row_index)
{
  TwRow *row = g_ptr_array_index (planner->rows, row_index);
  TwRowSchema *schema = row->id.schema;
  TwChangeStatement statement;
  TwChangeItem item = { 0 };
  g_autoptr (GString) sql = g_string_new ("DELETE FROM ");
  guint n = 0;

  statement_init (&statement, TW_CHANGE_KIND_DELETE, plan_table (planner, schema));
  item.row = row_index;
  item.first_param = planner->cs->params->len;
  item.first_generated = planner->cs->n_generated;

  append_identifier (planner, sql, schema->name);
  for (guint k = 0; k < schema->n_key; k++)
    {
      g_string_append (sql, k == 0 ? " WHERE " : " AND ");
      append_identifier (planner, sql, schema->column_names[schema->key[k]]);
      g_string_append (sql, " = ");
      append_placeholder (planner, sql, &n);
      add_param_value (planner, _tw_row_get_committed (row, schema->key[k]));
    }

  statement.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                          g_string_free (g_steal_pointer (&sql), FALSE));
  item.n_params = planner->cs->params->len - item.first_param;
  statement.first_item = planner->cs->items->len;
  statement.n_items = 1;
  statement.check_count = TRUE;
  g_array_append_val (planner->cs->items, item);
  add_statement (planner, &statement);
}

/* INSERT INTO or DELETE FROM the association table. */
static gboolean
plan_link (Planner  *planner,
           guint     link_index,
           GError  **error)
{
  TwSessionLink *link = g_ptr_array_index (planner->links, link_index);
  TwRowSchema *schema = link->secondary;
  TwChangeStatement statement;
  TwChangeItem item = { 0 };
  g_autoptr (GString) sql = NULL;
  guint n = 0;
  gboolean first = TRUE;

  statement_init (&statement, link->unlink ? TW_CHANGE_KIND_UNLINK : TW_CHANGE_KIND_LINK,
                  plan_table (planner, schema));
  item.row = link_index;
  item.first_param = planner->cs->params->len;
  item.first_generated = planner->cs->n_generated;

  sql = g_string_new (link->unlink ? "DELETE FROM " : "INSERT INTO ");
  append_identifier (planner, sql, schema->name);
  for (guint side = 0; side < 2; side++)
    {
      TwRowForeignKey *fk = side == 0 ? link->left_fk : link->right_fk;

      for (guint k = 0; k < fk->n_columns; k++)
        {
          if (link->unlink)
            g_string_append (sql, first ? " WHERE " : " AND ");
          else
            g_string_append (sql, first ? " (" : ", ");
          append_identifier (planner, sql, schema->column_names[fk->columns[k]]);
          if (link->unlink)
            {
              g_string_append (sql, " = ");
              append_placeholder (planner, sql, &n);
            }
          first = FALSE;
        }
    }

  if (!link->unlink)
    {
      g_string_append (sql, ") VALUES (");
      for (guint side = 0, i = 0; side < 2; side++)
        {
          TwRowForeignKey *fk = side == 0 ? link->left_fk : link->right_fk;

          for (guint k = 0; k < fk->n_columns; k++, i++)
            {
              if (i > 0)
                g_string_append (sql, ", ");
              append_placeholder (planner, sql, &n);
            }
        }
      g_string_append_c (sql, ')');
    }

  for (guint side = 0; side < 2; side++)
    {
      TwRowForeignKey *fk = side == 0 ? link->left_fk : link->right_fk;
      TwRow *end = side == 0 ? link->left : link->right;

      for (guint k = 0; k < fk->n_columns; k++)
        {
          int position = _tw_row_schema_find_column (end->id.schema, fk->referred_columns[k]);

          if (position < 0)
            {
              g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                           _("The association table “%s” refers to column “%s”, which “%s” lacks"),
                           schema->name, fk->referred_columns[k], end->id.schema->name);
              return FALSE;
            }
          if (!add_param_of_row (planner, end, position, error))
            return FALSE;
        }
    }

  statement.sql = _tw_change_set_add_sql (planner->cs, planner->sql_index,
                                          g_string_free (g_steal_pointer (&sql), FALSE));
  item.n_params = planner->cs->params->len - item.first_param;
  statement.first_item = planner->cs->items->len;
  statement.n_items = 1;
  statement.check_count = link->unlink;
  g_array_append_val (planner->cs->items, item);
  add_statement (planner, &statement);
  return TRUE;
}

/* Dependencies by value: a foreign key whose values equal the key of
 * another row of the flush. @keyed maps each schema to a table of its rows'
 * identities → node + 1. */
static void
add_value_edges (Planner      *planner,
                 Graph        *graph,
                 GHashTable   *keyed,
                 TwRow        *row,
                 guint         node,
                 gboolean      committed,
                 gboolean      child_first)
{
  TwRowSchema *schema = row->id.schema;

  for (guint f = 0; f < schema->foreign_keys->len; f++)
    {
      TwRowForeignKey *fk = g_ptr_array_index (schema->foreign_keys, f);
      TwRowSchema *referred;
      GHashTable *identities;
      g_autofree TwValue **values = NULL;
      TwRowIdentity probe;
      gpointer found;
      gboolean usable = TRUE;

      if (!committed && tw_row_get_reference (row, fk->foreign_key) != NULL)
        continue;

      referred = _tw_session_find_schema_by_name (planner->session, fk->referred_table);
      if (referred == NULL || referred->n_key != fk->n_columns ||
          (identities = g_hash_table_lookup (keyed, referred)) == NULL)
        continue;

      values = g_new0 (TwValue *, MAX (referred->n_columns, 1));
      for (guint k = 0; k < fk->n_columns && usable; k++)
        {
          int position = _tw_row_schema_find_column (referred, fk->referred_columns[k]);
          const TwValue *value = committed ? _tw_row_get_committed (row, fk->columns[k])
                                           : row->id.values[fk->columns[k]];

          usable = position >= 0 && value != NULL && !tw_value_is_null (value) &&
                   values[position] == NULL;
          if (usable)
            values[position] = (TwValue *) value;
        }
      for (guint k = 0; k < referred->n_key && usable; k++)
        usable = values[referred->key[k]] != NULL;
      if (!usable)
        continue;

      probe.schema = referred;
      probe.values = values;
      probe.original = NULL;
      found = g_hash_table_lookup (identities, &probe);
      if (found == NULL)
        continue;

      if (child_first)
        graph_add_edge (graph, node, GPOINTER_TO_UINT (found) - 1);
      else
        graph_add_edge (graph, GPOINTER_TO_UINT (found) - 1, node);
    }
}

/* Records the row's identity (if complete) under its schema. */
static void
key_row (GHashTable *keyed,
         TwRow      *row,
         guint       node)
{
  TwRowSchema *schema = row->id.schema;
  GHashTable *identities;

  for (guint k = 0; k < schema->n_key; k++)
    {
      const TwValue *value = _tw_row_get_committed (row, schema->key[k]);

      if (value == NULL || tw_value_is_null (value))
        return;
    }

  identities = g_hash_table_lookup (keyed, schema);
  if (identities == NULL)
    {
      identities = g_hash_table_new (_tw_row_identity_hash, _tw_row_identity_equal);
      g_hash_table_insert (keyed, schema, identities);
    }
  g_hash_table_insert (identities, &row->id, GUINT_TO_POINTER (node + 1));
}

/* Whether a foreign key of some row may point at another row of the
 * flush by value: only then are the rows' keys worth indexing. */
static gboolean
may_refer_by_value (Planner   *planner,
                    GPtrArray *rows,
                    guint     *nodes,
                    guint      n_nodes)
{
  g_autoptr (GHashTable) schemas = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint n = 0; n < n_nodes; n++)
    g_hash_table_add (schemas, ((TwRow *) g_ptr_array_index (rows, nodes[n]))->id.schema);

  g_hash_table_iter_init (&iter, schemas);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TwRowSchema *schema = key;

      for (guint f = 0; f < schema->foreign_keys->len; f++)
        {
          TwRowForeignKey *fk = g_ptr_array_index (schema->foreign_keys, f);
          TwRowSchema *referred = _tw_session_find_schema_by_name (planner->session, fk->referred_table);

          if (referred != NULL && g_hash_table_contains (schemas, referred))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
report_cycle (Planner  *planner,
              Graph    *graph,
              GArray   *order,
              guint    *nodes,
              GError  **error)
{
  g_autofree gboolean *done = g_new0 (gboolean, MAX (graph->n, 1));
  TwRow *row = NULL;

  for (guint i = 0; i < order->len; i++)
    done[g_array_index (order, guint, i)] = TRUE;
  for (guint i = 0; i < graph->n && row == NULL; i++)
    {
      if (!done[i])
        row = g_ptr_array_index (planner->rows, nodes[i]);
    }

  g_assert (row != NULL);
  _tw_session_set_error (error, TW_SESSION_ERROR_CYCLE, NULL, row->id.schema->name, NULL, NULL,
                         NULL, row,
                         _("Rows of “%s” refer to each other in a circle, so none of them can "
                           "be written first; break the circle by leaving a foreign key empty "
                           "and setting it after a commit"),
                         row->id.schema->name);
  return FALSE;
}

static gboolean
plan_rows (Planner  *planner,
           GError  **error)
{
  GPtrArray *rows = planner->rows;
  g_autofree guint *nodes = g_new0 (guint, MAX (rows->len, 1));
  g_autofree guint8 *node_kinds = g_new0 (guint8, MAX (rows->len, 1));
  g_autofree guint *node_of_row = g_new (guint, MAX (rows->len, 1));
  g_autofree guint *batch_of_node = NULL;
  g_autoptr (GArray) order = NULL;
  g_autoptr (GArray) deleted = g_array_new (FALSE, FALSE, sizeof (guint));
  Graph graph;
  guint n_nodes = 0;
  Batch batch = { 0 };
  guint n_batches = 0;
  gboolean ok = TRUE;

  /* Inserts and updates, in one order. */
  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);

      g_assert (row->staged_index == i);
      node_of_row[i] = G_MAXUINT;
      if (row->deleted)
        {
          g_array_append_val (deleted, i);
          continue;
        }
      node_of_row[i] = n_nodes;
      node_kinds[n_nodes] = row->is_new ? NODE_INSERT : NODE_UPDATE;
      nodes[n_nodes++] = i;
    }

  graph_init (&graph, n_nodes);
  for (guint n = 0; n < n_nodes; n++)
    {
      TwRow *row = g_ptr_array_index (rows, nodes[n]);

      /* Per table, as SQLAlchemy does: updates, then inserts; tables in
       * foreign key order; then the order of staging. */
      graph.priority[n].a = plan_rank (planner, row->id.schema);
      graph.priority[n].b = node_kinds[n] == NODE_INSERT ? 1 : 0;
      graph.priority[n].c = n;
    }

  for (guint n = 0; n < n_nodes && ok; n++)
    {
      TwRow *row = g_ptr_array_index (rows, nodes[n]);

      for (guint r = 0; r < row->n_references; r++)
        {
          TwRow *parent = row->references[r].parent;
          guint parent_index = plan_row_index (planner, parent);

          if (parent_index == G_MAXUINT || !parent->is_new || node_of_row[parent_index] == G_MAXUINT)
            {
              g_autofree char *key = tw_row_dup_key_string (row);

              _tw_session_set_error (error, TW_SESSION_ERROR_INVALID_STATE, NULL,
                                     row->id.schema->name, key, NULL, NULL, row,
                                     _("A row of “%s” refers to a new row of “%s” that is no "
                                       "longer in the session"),
                                     row->id.schema->name, parent->id.schema->name);
              ok = FALSE;
              break;
            }
          graph_add_edge (&graph, node_of_row[parent_index], n);
        }
    }

  /* Foreign key values equal to a new row's key: an explicit key tree. */
  if (ok && may_refer_by_value (planner, rows, nodes, n_nodes))
    {
      g_autoptr (GHashTable) keyed = g_hash_table_new_full (NULL, NULL, NULL,
                                                             (GDestroyNotify) g_hash_table_unref);

      for (guint n = 0; n < n_nodes; n++)
        {
          if (node_kinds[n] == NODE_INSERT)
            key_row (keyed, g_ptr_array_index (rows, nodes[n]), n);
        }
      if (g_hash_table_size (keyed) > 0)
        {
          for (guint n = 0; n < n_nodes; n++)
            add_value_edges (planner, &graph, keyed, g_ptr_array_index (rows, nodes[n]), n,
                             FALSE, FALSE);
        }
    }

  if (ok)
    {
      order = graph_sort (&graph, TRUE);
      if (order->len < n_nodes)
        ok = report_cycle (planner, &graph, order, nodes, error);
    }

  /* Statements: consecutive new rows of a table naming the same columns
   * share a multi-row INSERT, unless one refers to another. */
  batch_of_node = g_new0 (guint, MAX (n_nodes, 1));
  for (guint k = 0; ok && k < order->len; k++)
    {
      guint n = g_array_index (order, guint, k);
      TwRow *row = g_ptr_array_index (rows, nodes[n]);
      gboolean join = FALSE;

      if (node_kinds[n] == NODE_UPDATE)
        {
          ok = batch_close (planner, &batch, error) && plan_update (planner, nodes[n], error);
          continue;
        }

      if (batch.n_rows > 0 && batch.multi && batch.n_rows < batch.max_rows &&
          same_columns (batch.first, row))
        {
          GArray *prerequisites = graph_prerequisites (&graph, n);

          join = TRUE;
          for (guint p = 0; join && prerequisites != NULL && p < prerequisites->len; p++)
            join = batch_of_node[g_array_index (prerequisites, guint, p)] != batch.id;
        }

      if (!join)
        {
          if (!batch_close (planner, &batch, error))
            {
              ok = FALSE;
              break;
            }
          batch_open (planner, &batch, row, ++n_batches);
        }

      batch_of_node[n] = batch.id;
      ok = add_insert_item (planner, &batch, nodes[n], error);
      batch.n_rows++;
    }
  if (ok)
    ok = batch_close (planner, &batch, error);
  graph_clear (&graph);

  /* Unlinks, then links. */
  for (guint pass = 0; ok && pass < 2; pass++)
    {
      for (guint i = 0; ok && i < planner->links->len; i++)
        {
          TwSessionLink *link = g_ptr_array_index (planner->links, i);

          if (link->unlink == (pass == 0))
            ok = plan_link (planner, i, error);
        }
    }

  /* Deletes: children before parents. */
  if (ok && deleted->len > 0)
    {
      g_autoptr (GHashTable) keyed_deleted = NULL;
      g_autoptr (GArray) delete_order = NULL;
      guint *delete_rows = &g_array_index (deleted, guint, 0);

      graph_init (&graph, deleted->len);
      keyed_deleted = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
      for (guint n = 0; n < deleted->len; n++)
        {
          TwRow *row = g_ptr_array_index (rows, delete_rows[n]);

          graph.priority[n].a = G_MAXUINT - plan_rank (planner, row->id.schema);
          graph.priority[n].c = n;
          key_row (keyed_deleted, row, n);
        }
      for (guint n = 0; n < deleted->len; n++)
        add_value_edges (planner, &graph, keyed_deleted, g_ptr_array_index (rows, delete_rows[n]),
                         n, TRUE, TRUE);

      delete_order = graph_sort (&graph, TRUE);
      if (delete_order->len < deleted->len)
        ok = report_cycle (planner, &graph, delete_order, delete_rows, error);
      for (guint k = 0; ok && k < delete_order->len; k++)
        plan_delete (planner, delete_rows[g_array_index (delete_order, guint, k)]);
      graph_clear (&graph);
    }

  return ok;
}

TwFlushPlan *
_tw_flush_plan_new (TwSession  *session,
                    GPtrArray  *rows,
                    GPtrArray  *links,
                    gboolean    own_values,
                    GError    **error)
{
  Planner planner = { 0 };
  TwFlushPlan *plan;
  gboolean ok;

  planner.session = session;
  planner.kind = _tw_session_get_dialect (session);
  planner.dialect = tw_dialect_get (planner.kind);
  planner.own_values = own_values;
  planner.cs = _tw_change_set_new (planner.kind);
  planner.sql_index = g_hash_table_new (g_str_hash, g_str_equal);
  planner.table_index = g_hash_table_new (NULL, NULL);
  planner.ranks = g_hash_table_new (NULL, NULL);
  planner.rows = rows;
  planner.links = links;
  planner.insert_item = g_new (guint, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    planner.insert_item[i] = G_MAXUINT;

  /* One item per row and link, in arrays sized once. */
  g_array_set_size (planner.cs->items, rows->len + links->len);
  g_array_set_size (planner.cs->items, 0);

  planner.cs->n_rows = rows->len;
  planner.cs->n_links = links->len;

  ok = plan_rows (&planner, error);

  g_hash_table_unref (planner.sql_index);
  g_hash_table_unref (planner.table_index);
  g_hash_table_unref (planner.ranks);
  g_free (planner.insert_item);

  if (!ok)
    {
      tw_change_set_unref (planner.cs);
      return NULL;
    }

  plan = g_new0 (TwFlushPlan, 1);
  plan->change_set = planner.cs;
  plan->rows = g_ptr_array_ref (rows);
  plan->links = g_ptr_array_ref (links);
  return plan;
}

void
_tw_flush_plan_free (TwFlushPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->change_set, tw_change_set_unref);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->links, g_ptr_array_unref);
  g_free (plan);
}

/* Running (on any thread: only the change set and the connection) */

typedef struct
{
  TwConnection    *connection;
  TwChangeSet     *cs;
  TwFlushOutcome  *outcome;
  GCancellable    *cancellable;
  TwStatement    **prepared;      /* per SQL used more than once */
  GPtrArray       *params;        /* the buffer of the statement being run */
  gint64           mysql_increment; /* 0 until asked */
  gboolean         mysql_interleaved;
} Runner;

/* Fills the buffer with the parameters of @n_items items from @first. */
static gboolean
collect_params (Runner  *runner,
                guint    first_param,
                guint    n_params,
                GError **error)
{
  for (guint p = 0; p < n_params; p++)
    {
      TwChangeParam param = g_array_index (runner->cs->params, TwChangeParam, first_param + p);
      TwValue *value;

      if (!TW_CHANGE_PARAM_IS_SLOT (param))
        value = TW_CHANGE_PARAM_VALUE (param);
      else
        {
          value = runner->outcome->generated[TW_CHANGE_PARAM_SLOT (param)];
          if (value == NULL)
            {
              const TwChangeTable *table;
              guint table_index, column, ordinal;

              _tw_change_set_describe_slot (runner->cs, TW_CHANGE_PARAM_SLOT (param),
                                            &table_index, &column, &ordinal);
              table = g_ptr_array_index (runner->cs->tables, table_index);
              g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_FAILED,
                           _("The database gave back no value for column “%s” of new row %u "
                             "of “%s”, which another row refers to"),
                           table->column_names[column], ordinal, table->name);
              return FALSE;
            }
        }
      g_ptr_array_add (runner->params, value);
    }

  return TRUE;
}

static gboolean
collect_item_params (Runner                  *runner,
                     const TwChangeStatement *statement,
                     guint                    first_item,
                     guint                    n_items,
                     GError                 **error)
{
  g_ptr_array_set_size (runner->params, 0);
  for (guint i = 0; i < n_items; i++)
    {
      const TwChangeItem *item = &g_array_index (runner->cs->items, TwChangeItem, first_item + i);

      if (item->values != NULL)
        {
          for (guint g = 0; g < statement->n_given; g++)
            g_ptr_array_add (runner->params, item->values[statement->given[g]]);
        }
      else if (!collect_params (runner, item->first_param, item->n_params, error))
        return FALSE;
    }

  return TRUE;
}

/* An element of a PostgreSQL array literal. */
static void
append_array_element (GString       *out,
                      const TwValue *value)
{
  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_NULL:
      g_string_append (out, "NULL");
      return;
    case TW_VALUE_KIND_BOOLEAN:
      g_string_append_c (out, tw_value_get_boolean (value) ? 't' : 'f');
      return;
    case TW_VALUE_KIND_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, tw_value_get_int64 (value));
      return;
    case TW_VALUE_KIND_DOUBLE:
      {
        double d = tw_value_get_double (value);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        /* Seventeen digits always read back as the same double: exact,
         * and one formatting instead of a search for the shortest. */
        if (isnan (d))
          g_string_append (out, "NaN");
        else if (isinf (d))
          g_string_append (out, d > 0 ? "Infinity" : "-Infinity");
        else
          g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", d));
      }
      return;
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    case TW_VALUE_KIND_BLOB:
    default:
      /* Quoted, with quotes and backslashes escaped. */
      g_string_append_c (out, '"');
      for (const char *p = tw_value_get_text (value); *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      return;
    }
}

/* The parameters of an unnest INSERT: one array literal per column. */
static gboolean
collect_arrays (Runner                  *runner,
                const TwChangeStatement *statement,
                GPtrArray               *arrays,
                GError                 **error)
{
  GString **columns = g_newa (GString *, MAX (statement->n_given, 1));

  for (guint g = 0; g < statement->n_given; g++)
    {
      columns[g] = g_string_sized_new (16 * statement->n_items);
      g_string_append_c (columns[g], '{');
    }

  for (guint i = 0; i < statement->n_items; i++)
    {
      if (!collect_item_params (runner, statement, statement->first_item + i, 1, error))
        {
          for (guint g = 0; g < statement->n_given; g++)
            g_string_free (columns[g], TRUE);
          return FALSE;
        }
      g_assert (runner->params->len == statement->n_given);
      for (guint g = 0; g < statement->n_given; g++)
        {
          if (i > 0)
            g_string_append_c (columns[g], ',');
          append_array_element (columns[g], g_ptr_array_index (runner->params, g));
        }
    }

  g_ptr_array_set_size (runner->params, 0);
  for (guint g = 0; g < statement->n_given; g++)
    {
      g_string_append_c (columns[g], '}');
      g_ptr_array_add (arrays, tw_value_new_text_len (columns[g]->str, columns[g]->len));
      g_string_free (columns[g], TRUE);
      g_ptr_array_add (runner->params, g_ptr_array_index (arrays, arrays->len - 1));
    }

  return TRUE;
}

static TwResult *
execute_sql (Runner  *runner,
             guint    sql_index,
             GError **error)
{
  const char *sql = g_ptr_array_index (runner->cs->sqls, sql_index);
  TwValue * const *params = (TwValue * const *) runner->params->pdata;
  guint n_params = runner->params->len;

  /* A statement that runs more than once is prepared once. */
  if (runner->cs->sql_uses[sql_index] > 1)
    {
      if (runner->prepared[sql_index] == NULL)
        {
          runner->prepared[sql_index] = tw_connection_prepare (runner->connection, sql,
                                                               runner->cancellable, error);
          if (runner->prepared[sql_index] == NULL)
            return NULL;
        }
      return tw_statement_execute (runner->prepared[sql_index], params, n_params,
                                   runner->cancellable, error);
    }

  return tw_connection_execute (runner->connection, sql, params, n_params,
                                runner->cancellable, error);
}

static int
compare_int64_rows (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  TwResult *result = user_data;
  const TwValue *va = tw_result_get_value (result, *(const guint *) a, 0);
  const TwValue *vb = tw_result_get_value (result, *(const guint *) b, 0);
  gint64 ia = tw_value_get_kind (va) == TW_VALUE_KIND_INT64 ? tw_value_get_int64 (va) : 0;
  gint64 ib = tw_value_get_kind (vb) == TW_VALUE_KIND_INT64 ? tw_value_get_int64 (vb) : 0;

  return ia < ib ? -1 : ia > ib;
}

/* SQLite gives a table without AUTOINCREMENT the rowid after the largest
 * one, and one with it the next of its sequence: the rows of one INSERT
 * get consecutive rowids, unless the largest possible rowid is taken (then
 * SQLite picks at random). Counting the rows in the range tells. */
static gboolean
store_rowids (Runner                  *runner,
              const TwChangeStatement *statement,
              TwResult                *result,
              GError                 **error)
{
  TwValue **generated = runner->outcome->generated;
  gint64 last = tw_result_get_last_insert_id (result);
  gint64 first = last - (gint64) statement->n_items + 1;

  if (statement->check_sql != G_MAXUINT)
    {
      g_autoptr (TwResult) check = NULL;
      g_autoptr (TwValue) low = tw_value_new_int64 (first);
      g_autoptr (TwValue) high = tw_value_new_int64 (last);
      const TwValue *count;

      g_ptr_array_set_size (runner->params, 0);
      g_ptr_array_add (runner->params, low);
      g_ptr_array_add (runner->params, high);
      check = execute_sql (runner, statement->check_sql, error);
      if (check == NULL)
        return FALSE;
      count = tw_result_get_n_rows (check) > 0 ? tw_result_get_value (check, 0, 0) : NULL;
      if (count == NULL || tw_value_get_kind (count) != TW_VALUE_KIND_INT64 ||
          tw_value_get_int64 (count) != statement->n_items)
        {
          const TwChangeTable *table = g_ptr_array_index (runner->cs->tables, statement->table);

          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_FAILED,
                       _("SQLite did not give the %u new rows of “%s” consecutive keys, so "
                         "their keys are unknown"), statement->n_items, table->name);
          return FALSE;
        }
    }

  for (guint i = 0; i < statement->n_items; i++)
    {
      const TwChangeItem *item = &g_array_index (runner->cs->items, TwChangeItem, statement->first_item + i);

      g_clear_pointer (&generated[item->first_generated], tw_value_free);
      generated[item->first_generated] = tw_value_new_int64 (first + i);
    }

  return TRUE;
}

static gboolean store_mysql_keys (Runner                  *runner,
                                  const TwChangeStatement *statement,
                                  TwResult                *result,
                                  GError                 **error);

/* Stores what an INSERT or refresh gave back in the items' slots. */
static gboolean
store_returned (Runner                  *runner,
                const TwChangeStatement *statement,
                TwResult                *result,
                guint                    first_item,
                guint                    n_items,
                GError                 **error)
{
  TwValue **generated = runner->outcome->generated;
  g_autofree guint *order = NULL;
  const TwChangeTable *table = g_ptr_array_index (runner->cs->tables, statement->table);

  if (statement->insert_id != G_MAXUINT && n_items > 1)
    return store_mysql_keys (runner, statement, result, error);

  if (statement->insert_id != G_MAXUINT)
    {
      const TwChangeItem *item = &g_array_index (runner->cs->items, TwChangeItem, first_item);

      g_assert (n_items == 1);
      g_clear_pointer (&generated[item->first_generated + statement->insert_id], tw_value_free);
      generated[item->first_generated + statement->insert_id] =
        tw_value_new_int64 (tw_result_get_last_insert_id (result));
      return TRUE;
    }

  if (statement->rowid_keys)
    return store_rowids (runner, statement, result, error);

  if (statement->n_returning == 0 || (statement->kind == TW_CHANGE_KIND_INSERT &&
                                      runner->cs->dialect == TW_DIALECT_KIND_MYSQL))
    return TRUE;

  if (tw_result_get_n_rows (result) != n_items ||
      tw_result_get_n_columns (result) < statement->n_returning)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_FAILED,
                   _("Writing %u rows of “%s” gave back %u rows of values"),
                   n_items, table->name, tw_result_get_n_rows (result));
      return FALSE;
    }

  order = g_new (guint, MAX (n_items, 1));
  for (guint i = 0; i < n_items; i++)
    order[i] = i;
  /* Keys are handed out in the order the rows were inserted: the smallest
   * belongs to the first row, whatever order RETURNING lists them in. */
  if (statement->match_by_key && n_items > 1)
    {
      gboolean sorted = TRUE;

      /* Usually they come in order already. */
      for (guint i = 1; i < n_items && sorted; i++)
        sorted = compare_int64_rows (&order[i - 1], &order[i], result) < 0;
      if (!sorted)
        g_qsort_with_data (order, n_items, sizeof (guint), compare_int64_rows, result);
    }

  for (guint i = 0; i < n_items; i++)
    {
      const TwChangeItem *item = &g_array_index (runner->cs->items, TwChangeItem, first_item + i);

      for (guint r = 0; r < statement->n_returning; r++)
        {
          g_clear_pointer (&generated[item->first_generated + r], tw_value_free);
          generated[item->first_generated + r] =
            tw_value_copy (tw_result_get_value (result, order[i], r));
        }
    }

  return TRUE;
}

/* After a multi-row INSERT failed: its rows one by one, inside the same
 * transaction, to find the one the server refuses. */
static void
find_failing_row (Runner                  *runner,
                  const TwChangeStatement *statement,
                  GError                 **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!tw_connection_rollback_to_savepoint (runner->connection, BATCH_SAVEPOINT,
                                            runner->cancellable, &local_error))
    return;

  for (guint i = 0; i < statement->n_items; i++)
    {
      g_autoptr (TwResult) result = NULL;

      if (!collect_item_params (runner, statement, statement->first_item + i, 1, &local_error))
        return;
      result = execute_sql (runner, statement->single_sql, &local_error);
      if (result == NULL)
        {
          runner->outcome->failed_item = statement->first_item + i;
          g_clear_error (error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return;
        }
    }
}

/* Runs the items of a multi-row INSERT one by one, each with its own
 * insert id. */
static gboolean
run_items_singly (Runner                  *runner,
                  const TwChangeStatement *statement,
                  GError                 **error)
{
  for (guint i = 0; i < statement->n_items; i++)
    {
      g_autoptr (TwResult) result = NULL;

      if (!collect_item_params (runner, statement, statement->first_item + i, 1, error))
        return FALSE;
      result = execute_sql (runner, statement->single_sql, error);
      if (result == NULL)
        {
          runner->outcome->failed_item = statement->first_item + i;
          return FALSE;
        }
      if (!store_returned (runner, statement, result, statement->first_item + i, 1, error))
        return FALSE;
    }

  return TRUE;
}

/* MySQL names only the first AUTO_INCREMENT value of a multi-row INSERT.
 * The others follow it, auto_increment_increment apart, unless InnoDB
 * interleaves the values of concurrent inserts (innodb_autoinc_lock_mode
 * 2): then the rows go one by one. */
static gboolean
mysql_keys_consecutive (Runner  *runner,
                        GError **error)
{
  if (runner->mysql_increment == 0)
    {
      g_autoptr (TwResult) result = NULL;
      const TwValue *mode;
      const TwValue *increment;

      result = tw_connection_execute (runner->connection,
                                      "SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment",
                                      NULL, 0, runner->cancellable, error);
      if (result == NULL)
        return FALSE;
      mode = tw_result_get_value (result, 0, 0);
      increment = tw_result_get_value (result, 0, 1);
      runner->mysql_interleaved = tw_value_get_kind (mode) != TW_VALUE_KIND_INT64 ||
                                  tw_value_get_int64 (mode) == 2;
      runner->mysql_increment = tw_value_get_kind (increment) == TW_VALUE_KIND_INT64
                                ? MAX (tw_value_get_int64 (increment), 1) : 1;
    }

  return !runner->mysql_interleaved;
}

static gboolean
store_mysql_keys (Runner                  *runner,
                  const TwChangeStatement *statement,
                  TwResult                *result,
                  GError                 **error)
{
  TwValue **generated = runner->outcome->generated;
  gint64 first = tw_result_get_last_insert_id (result);
  gint64 step = runner->mysql_increment;

  /* With a step of one, the rows of the range are exactly the new ones. */
  if (step == 1 && statement->check_sql != G_MAXUINT)
    {
      g_autoptr (TwResult) check = NULL;
      g_autoptr (TwValue) low = tw_value_new_int64 (first);
      g_autoptr (TwValue) high = tw_value_new_int64 (first + statement->n_items - 1);
      const TwValue *count;

      g_ptr_array_set_size (runner->params, 0);
      g_ptr_array_add (runner->params, low);
      g_ptr_array_add (runner->params, high);
      check = execute_sql (runner, statement->check_sql, error);
      if (check == NULL)
        return FALSE;
      count = tw_result_get_n_rows (check) > 0 ? tw_result_get_value (check, 0, 0) : NULL;
      if (count == NULL || tw_value_get_kind (count) != TW_VALUE_KIND_INT64 ||
          tw_value_get_int64 (count) != statement->n_items)
        {
          const TwChangeTable *table = g_ptr_array_index (runner->cs->tables, statement->table);

          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_FAILED,
                       _("MySQL did not give the %u new rows of “%s” consecutive keys, so "
                         "their keys are unknown"), statement->n_items, table->name);
          return FALSE;
        }
    }

  for (guint i = 0; i < statement->n_items; i++)
    {
      const TwChangeItem *item = &g_array_index (runner->cs->items, TwChangeItem, statement->first_item + i);

      g_clear_pointer (&generated[item->first_generated + statement->insert_id], tw_value_free);
      generated[item->first_generated + statement->insert_id] = tw_value_new_int64 (first + i * step);
    }

  return TRUE;
}

static gboolean
run_statement (Runner  *runner,
               guint    index,
               GError **error)
{
  const TwChangeStatement *statement = &g_array_index (runner->cs->statements, TwChangeStatement, index);
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GPtrArray) arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  gboolean batch = statement->n_items > 1;
  gint64 affected;

  if (statement->unnest)
    {
      if (!collect_arrays (runner, statement, arrays, error))
        return FALSE;
    }
  else if (!collect_item_params (runner, statement, statement->first_item, statement->n_items, error))
    return FALSE;

  if (batch && statement->insert_id != G_MAXUINT && !mysql_keys_consecutive (runner, error))
    return *error == NULL && run_items_singly (runner, statement, error);

  if (batch && !tw_connection_savepoint (runner->connection, BATCH_SAVEPOINT,
                                         runner->cancellable, error))
    return FALSE;

  result = execute_sql (runner, statement->sql, error);
  if (result == NULL)
    {
      if (batch && statement->single_sql != G_MAXUINT &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (*error, TW_DB_ERROR, TW_DB_ERROR_CONNECTION_LOST))
        find_failing_row (runner, statement, error);
      return FALSE;
    }

  if (batch && !tw_connection_release_savepoint (runner->connection, BATCH_SAVEPOINT,
                                                 runner->cancellable, error))
    return FALSE;

  switch (statement->kind)
    {
    case TW_CHANGE_KIND_INSERT:
    case TW_CHANGE_KIND_REFRESH:
      if (statement->kind == TW_CHANGE_KIND_REFRESH && tw_result_get_n_rows (result) == 0)
        return TRUE;
      return store_returned (runner, statement, result, statement->first_item,
                             statement->n_items, error);

    case TW_CHANGE_KIND_UPDATE:
    case TW_CHANGE_KIND_DELETE:
    case TW_CHANGE_KIND_UNLINK:
    case TW_CHANGE_KIND_LINK:
    default:
      break;
    }

  affected = tw_result_get_affected_rows (result);
  if (!statement->check_count || affected == statement->n_items)
    return TRUE;

  /* An UPDATE that set the values the row already had: MySQL counts it as
   * no row. */
  if (affected == 0 && statement->check_sql != G_MAXUINT)
    {
      g_autoptr (TwResult) check = NULL;

      g_ptr_array_set_size (runner->params, 0);
      if (!collect_params (runner, statement->check_first_param, statement->check_n_params, error))
        return FALSE;
      check = execute_sql (runner, statement->check_sql, error);
      if (check == NULL)
        return FALSE;
      if (tw_result_get_n_rows (check) > 0)
        return TRUE;
    }

  runner->outcome->stale = TRUE;
  runner->outcome->failed_item = statement->first_item;
  g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_STALE,
               _("The statement changed %" G_GINT64_FORMAT " rows instead of %u: %s"),
               affected, statement->n_items,
               (const char *) g_ptr_array_index (runner->cs->sqls, statement->sql));
  return FALSE;
}

TwFlushOutcome *
_tw_flush_run (TwConnection *connection,
               TwChangeSet  *change_set,
               GCancellable *cancellable)
{
  TwFlushOutcome *outcome = g_new0 (TwFlushOutcome, 1);
  GError *error = NULL;
  Runner runner = { 0 };
  guint s = 0;
  gboolean ok;

  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (change_set != NULL, NULL);

  outcome->n_generated = change_set->n_generated;
  outcome->generated = g_new0 (TwValue *, MAX (change_set->n_generated, 1));
  outcome->failed_statement = G_MAXUINT;
  outcome->failed_item = G_MAXUINT;

  runner.connection = connection;
  runner.cs = change_set;
  runner.outcome = outcome;
  runner.cancellable = cancellable;
  runner.prepared = g_new0 (TwStatement *, MAX (change_set->sqls->len, 1));
  runner.params = g_ptr_array_new ();

  ok = tw_connection_begin (connection, cancellable, &error);
  for (s = 0; ok && s < change_set->statements->len; s++)
    {
      ok = run_statement (&runner, s, &error);
      if (!ok)
        outcome->failed_statement = s;
    }

  /* Prepared statements go before the transaction ends. */
  for (guint i = 0; i < change_set->sqls->len; i++)
    g_clear_object (&runner.prepared[i]);
  g_free (runner.prepared);
  g_ptr_array_unref (runner.params);

  if (ok)
    ok = tw_connection_commit (connection, cancellable, &error);

  if (!ok)
    {
      g_autoptr (GError) rollback_error = NULL;

      /* Nothing of the flush stays; a rollback that fails (the connection
       * is gone) leaves nothing either. */
      if (!tw_connection_rollback (connection, NULL, &rollback_error))
        g_debug ("Rolling back a failed flush failed too: %s", rollback_error->message);
      outcome->error = error;
    }

  return outcome;
}
