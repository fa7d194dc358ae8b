/* tw-model-snapshot.c: a metadata model read once into plain arrays
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-model-snapshot"

#include "config.h"

#include <string.h>

#include "tw-model-snapshot-private.h"

static guint32
hash_name (const char *name)
{
  guint32 hash = 2166136261u;

  for (const char *p = name; *p != '\0'; p++)
    hash = (hash ^ (guchar) *p) * 16777619u;
  return hash;
}

static void
index_names (TwModelSnapshot *self)
{
  guint size = 16;

  while (size < 2 * self->n_tables)
    size *= 2;
  self->name_slots = g_new0 (guint, size);
  self->name_mask = size - 1;

  /* With duplicate names, the first table of a name is the one referred
   * to, as in tw_metadata_find_table(). */
  for (guint i = 0; i < self->n_tables; i++)
    {
      const char *name = self->tables[i].name;
      guint       slot;
      guint       entry;

      if (name == NULL)
        continue;

      slot = hash_name (name) & self->name_mask;
      while ((entry = self->name_slots[slot]) != 0)
        {
          if (strcmp (self->tables[entry - 1].name, name) == 0)
            break;
          slot = (slot + 1) & self->name_mask;
        }
      if (entry == 0)
        self->name_slots[slot] = i + 1;
    }
}

guint
_tw_model_snapshot_find_table (TwModelSnapshot *self,
                               const char      *name)
{
  guint slot;
  guint entry;

  if (name == NULL)
    return TW_NO_TABLE;

  slot = hash_name (name) & self->name_mask;
  while ((entry = self->name_slots[slot]) != 0)
    {
      if (strcmp (self->tables[entry - 1].name, name) == 0)
        return entry - 1;
      slot = (slot + 1) & self->name_mask;
    }
  return TW_NO_TABLE;
}

void
_tw_table_info_count (TwTableInfo *info,
                      TwTable     *table)
{
  memset (info, 0, sizeof *info);
  info->table = table;
  info->name = tw_table_get_name (table);
  info->primary_key_name = tw_table_get_primary_key_name (table);
  info->comment = tw_table_get_comment (table);
  _tw_table_peek_columns (table, &info->n_columns);
  _tw_table_peek_foreign_keys (table, &info->n_foreign_keys);
  _tw_table_get_n_constraints (table, &info->n_unique_constraints, &info->n_check_constraints,
                               &info->n_indexes);
}

void
_tw_table_info_read (TwTableInfo      *info,
                     TwColumnInfo     *columns,
                     TwForeignKeyInfo *foreign_keys)
{
  TwColumn     **table_columns;
  TwForeignKey **table_fks;
  guint          n_columns;
  guint          n_fks;

  table_columns = _tw_table_peek_columns (info->table, &n_columns);
  g_assert (n_columns == info->n_columns);
  info->columns = columns;
  for (guint c = 0; c < n_columns; c++)
    _tw_column_get_info (table_columns[c], &columns[c]);

  table_fks = _tw_table_peek_foreign_keys (info->table, &n_fks);
  g_assert (n_fks == info->n_foreign_keys);
  info->foreign_keys = foreign_keys;
  for (guint f = 0; f < n_fks; f++)
    _tw_foreign_key_get_info (table_fks[f], &foreign_keys[f]);
}

TwModelSnapshot *
_tw_model_snapshot_new (TwMetadata *metadata)
{
  TwModelSnapshot *self = g_new0 (TwModelSnapshot, 1);
  guint            n_columns = 0;
  guint            n_fks = 0;

  self->metadata = metadata;
  self->n_tables = tw_metadata_get_n_tables (metadata);
  self->tables = g_new (TwTableInfo, MAX (self->n_tables, 1));

  for (guint i = 0; i < self->n_tables; i++)
    {
      TwTableInfo *info = &self->tables[i];

      _tw_table_info_count (info, tw_metadata_get_table (metadata, i));
      self->n_columns += info->n_columns;
      self->n_foreign_keys += info->n_foreign_keys;
    }

  self->columns = g_new (TwColumnInfo, MAX (self->n_columns, 1));
  self->foreign_keys = g_new (TwForeignKeyInfo, MAX (self->n_foreign_keys, 1));
  self->fk_targets = g_new (guint, MAX (self->n_foreign_keys, 1));

  for (guint i = 0; i < self->n_tables; i++)
    {
      TwTableInfo *info = &self->tables[i];

      _tw_table_info_read (info, self->columns + n_columns, self->foreign_keys + n_fks);
      info->fk_targets = self->fk_targets + n_fks;
      n_columns += info->n_columns;
      n_fks += info->n_foreign_keys;
    }

  index_names (self);
  for (guint f = 0; f < self->n_foreign_keys; f++)
    self->fk_targets[f] = _tw_model_snapshot_find_table (self, self->foreign_keys[f].referred_table);

  return self;
}

void
_tw_model_snapshot_free (TwModelSnapshot *self)
{
  if (self == NULL)
    return;

  g_free (self->tables);
  g_free (self->columns);
  g_free (self->foreign_keys);
  g_free (self->fk_targets);
  g_free (self->name_slots);
  g_free (self);
}

/* Sorting ------------------------------------------------------------------ */

#define UNVISITED G_MAXUINT

typedef struct
{
  /* Edge referred → referring for every foreign key to another known
   * table, as compressed rows: the edges of table t are
   * targets[first[t]] .. targets[first[t + 1] - 1]. */
  guint    *first;
  guint    *targets;
  guint    *index; /* Tarjan's bookkeeping */
  guint    *lowlink;
  guint    *component;
  gboolean *on_stack;
  guint    *stack;
  guint     stack_len;
  guint    *frames; /* (vertex, next edge) pairs */
  guint     next_index;
  guint     next_component;
} Graph;

static void
strong_connect (Graph *g,
                guint  v)
{
  /* Tarjan's algorithm, iteratively, so a 10,000-table chain cannot
   * overflow the C stack. */
  guint n_frames = 1;

  g->frames[0] = v;
  g->frames[1] = g->first[v];
  g->index[v] = g->lowlink[v] = g->next_index++;
  g->stack[g->stack_len++] = v;
  g->on_stack[v] = TRUE;

  while (n_frames > 0)
    {
      guint *top = &g->frames[(n_frames - 1) * 2];
      guint  u = top[0];

      if (top[1] < g->first[u + 1])
        {
          guint w = g->targets[top[1]++];

          if (g->index[w] == UNVISITED)
            {
              g->index[w] = g->lowlink[w] = g->next_index++;
              g->stack[g->stack_len++] = w;
              g->on_stack[w] = TRUE;
              g->frames[n_frames * 2] = w;
              g->frames[n_frames * 2 + 1] = g->first[w];
              n_frames++;
            }
          else if (g->on_stack[w])
            g->lowlink[u] = MIN (g->lowlink[u], g->index[w]);
          continue;
        }

      if (g->lowlink[u] == g->index[u])
        {
          guint w;

          do
            {
              w = g->stack[--g->stack_len];
              g->on_stack[w] = FALSE;
              g->component[w] = g->next_component;
            }
          while (w != u);
          g->next_component++;
        }

      n_frames--;
      if (n_frames > 0)
        {
          guint parent = g->frames[(n_frames - 1) * 2];

          g->lowlink[parent] = MIN (g->lowlink[parent], g->lowlink[u]);
        }
    }
}

void
_tw_model_snapshot_sort (TwModelSnapshot *self,
                         guint           *order,
                         gboolean        *in_cycle)
{
  guint                n = self->n_tables;
  g_autofree guint    *scratch = NULL;
  g_autofree gboolean *flags = NULL;
  guint               *in_degree;
  gboolean            *done;
  Graph                g;
  guint                n_edges = 0;
  guint                n_sorted = 0;
  guint                cursor = 0;

  if (n == 0)
    return;

  /* One block for all the integer arrays. */
  scratch = g_new0 (guint, (n + 1) + self->n_foreign_keys + 7 * n);
  g.first = scratch;
  g.targets = g.first + n + 1;
  g.index = g.targets + self->n_foreign_keys;
  g.lowlink = g.index + n;
  g.component = g.lowlink + n;
  g.stack = g.component + n;
  g.frames = g.stack + n;
  in_degree = g.frames + 2 * n;
  flags = g_new0 (gboolean, 2 * n);
  g.on_stack = flags;
  done = flags + n;
  g.stack_len = 0;
  g.next_index = 0;
  g.next_component = 0;

  /* Count the edges out of each referred table, then fill the rows in
   * the order of the referring tables. */
  for (guint i = 0; i < n; i++)
    {
      const TwTableInfo *table = &self->tables[i];

      for (guint f = 0; f < table->n_foreign_keys; f++)
        {
          guint target = table->fk_targets[f];

          if (target != TW_NO_TABLE && target != i)
            {
              g.first[target + 1]++;
              n_edges++;
            }
        }
    }
  for (guint i = 0; i < n; i++)
    g.first[i + 1] += g.first[i];
  /* g.index as the fill cursor of each row for now. */
  memcpy (g.index, g.first, n * sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      const TwTableInfo *table = &self->tables[i];

      for (guint f = 0; f < table->n_foreign_keys; f++)
        {
          guint target = table->fk_targets[f];

          if (target != TW_NO_TABLE && target != i)
            g.targets[g.index[target]++] = i;
        }
    }
  g_assert (g.first[n] == n_edges);

  for (guint i = 0; i < n; i++)
    g.index[i] = UNVISITED;
  for (guint i = 0; i < n; i++)
    {
      if (g.index[i] == UNVISITED)
        strong_connect (&g, i);
    }

  /* Foreign keys inside one strongly connected component form cycles: they
   * are left out of the order (and created later with ALTER TABLE, as
   * SQLAlchemy does with use_alter). */
  for (guint i = 0, f_all = 0; i < n; i++)
    {
      const TwTableInfo *table = &self->tables[i];

      for (guint f = 0; f < table->n_foreign_keys; f++, f_all++)
        {
          guint target = table->fk_targets[f];

          in_cycle[f_all] = FALSE;
          if (target == TW_NO_TABLE || target == i)
            continue;
          if (g.component[target] == g.component[i])
            in_cycle[f_all] = TRUE;
          else
            in_degree[i]++;
        }
    }

  /* Kahn's algorithm, always taking the first ready table in model order so
   * that the output is deterministic and close to what the user drew. */
  while (n_sorted < n)
    {
      guint pick = G_MAXUINT;

      for (guint i = cursor; i < n; i++)
        {
          if (!done[i] && in_degree[i] == 0)
            {
              pick = i;
              break;
            }
        }
      g_assert (pick != G_MAXUINT);

      done[pick] = TRUE;
      order[n_sorted++] = pick;
      for (guint e = g.first[pick]; e < g.first[pick + 1]; e++)
        {
          guint w = g.targets[e];

          /* Edges inside a component were not counted. */
          if (g.component[w] == g.component[pick])
            continue;
          in_degree[w]--;
          if (in_degree[w] == 0 && w < cursor)
            cursor = w;
        }
      while (cursor < n && done[cursor])
        cursor++;
    }
}
