/* tw-change-set.c: a frozen snapshot of a session's pending changes, as the statements a commit runs
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-change-set"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-session-private.h"

G_DEFINE_BOXED_TYPE (TwBoundStatement, tw_bound_statement,
                     tw_bound_statement_copy, tw_bound_statement_free)
G_DEFINE_BOXED_TYPE (TwChangeSet, tw_change_set, tw_change_set_ref, tw_change_set_unref)

/* Bound statements */

static TwBoundStatement *
bound_statement_new (TwChangeKind  kind,
                     const char   *table,
                     const char   *sql,
                     guint         n_params)
{
  TwBoundStatement *self = g_new0 (TwBoundStatement, 1);

  self->kind = kind;
  self->table = g_strdup (table);
  self->sql = g_strdup (sql);
  self->n_params = n_params;
  self->params = g_new0 (TwValue *, MAX (n_params, 1));
  self->notes = g_new0 (char *, n_params + 1);
  return self;
}

TwBoundStatement *
tw_bound_statement_copy (const TwBoundStatement *self)
{
  TwBoundStatement *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bound_statement_new (self->kind, self->table, self->sql, self->n_params);
  for (guint i = 0; i < self->n_params; i++)
    {
      if (self->params[i] != NULL)
        copy->params[i] = tw_value_copy (self->params[i]);
      copy->notes[i] = g_strdup (self->notes[i]);
    }

  return copy;
}

void
tw_bound_statement_free (TwBoundStatement *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_params; i++)
    {
      g_clear_pointer (&self->params[i], tw_value_free);
      g_free (self->notes[i]);
    }
  g_free (self->params);
  g_free (self->notes);
  g_free (self->sql);
  g_free (self->table);
  g_free (self);
}

static void
append_value (GString       *out,
              const TwValue *value)
{
  g_autofree char *text = NULL;

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_NULL:
      g_string_append (out, "NULL");
      return;
    case TW_VALUE_KIND_BOOLEAN:
      g_string_append (out, tw_value_get_boolean (value) ? "true" : "false");
      return;
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_NUMERIC:
      text = tw_value_to_string (value);
      g_string_append (out, text);
      return;
    case TW_VALUE_KIND_BLOB:
      text = tw_value_to_display_string (value);
      g_string_append (out, text);
      return;
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      /* Shown the way SQL writes a string; this text is never run. */
      g_string_append_c (out, '\'');
      for (const char *p = tw_value_get_text (value); *p != '\0'; p++)
        {
          if (*p == '\'')
            g_string_append_c (out, '\'');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
      return;
    }
}

char *
tw_bound_statement_to_string (const TwBoundStatement *self)
{
  GString *out;
  gboolean numbered;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (self->sql);
  if (self->n_params == 0)
    return g_string_free (out, FALSE);

  /* PostgreSQL numbers its placeholders; the others are positional. */
  numbered = g_strstr_len (self->sql, -1, "$1") != NULL;
  g_string_append (out, "\n-- ");
  for (guint i = 0; i < self->n_params; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      if (numbered)
        g_string_append_printf (out, "$%u = ", i + 1);
      else
        g_string_append_printf (out, "?%u = ", i + 1);
      if (self->params[i] != NULL)
        append_value (out, self->params[i]);
      else
        g_string_append_printf (out, "<%s>", self->notes[i] != NULL ? self->notes[i] : "?");
    }

  return g_string_free (out, FALSE);
}

/* Change sets */

typedef struct
{
  guint    n;
  TwValue *values[];
} OwnedValues;

static void
owned_values_free (OwnedValues *owned)
{
  for (guint i = 0; i < owned->n; i++)
    g_clear_pointer (&owned->values[i], tw_value_free);
  g_free (owned);
}

TwValue **
_tw_change_set_own_values (TwChangeSet      *self,
                           TwValue * const  *values,
                           guint             n)
{
  OwnedValues *owned = g_malloc0 (sizeof (OwnedValues) + sizeof (TwValue *) * MAX (n, 1));

  owned->n = n;
  for (guint i = 0; i < n; i++)
    owned->values[i] = values[i] != NULL ? tw_value_copy (values[i]) : NULL;
  g_ptr_array_add (self->owned_values, owned);
  return owned->values;
}

static void
change_table_free (TwChangeTable *table)
{
  g_free (table->name);
  g_strfreev (table->column_names);
  g_free (table->key);
  g_free (table);
}

TwChangeSet *
_tw_change_set_new (TwDialectKind dialect)
{
  TwChangeSet *self = g_new0 (TwChangeSet, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dialect = dialect;
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) change_table_free);
  self->sqls = g_ptr_array_new_with_free_func (g_free);
  self->statements = g_array_new (FALSE, TRUE, sizeof (TwChangeStatement));
  self->items = g_array_new (FALSE, TRUE, sizeof (TwChangeItem));
  self->params = g_array_new (FALSE, TRUE, sizeof (TwChangeParam));
  self->owned_values = g_ptr_array_new_with_free_func ((GDestroyNotify) owned_values_free);
  return self;
}

/* Adds @sql (taken) once; returns its index. */
guint
_tw_change_set_add_sql (TwChangeSet *self,
                        GHashTable  *sql_index,
                        char        *sql)
{
  gpointer found;
  guint index;

  if (g_hash_table_lookup_extended (sql_index, sql, NULL, &found))
    {
      g_free (sql);
      index = GPOINTER_TO_UINT (found);
    }
  else
    {
      index = self->sqls->len;
      g_ptr_array_add (self->sqls, sql);
      g_hash_table_insert (sql_index, sql, GUINT_TO_POINTER (index));
      self->sql_uses = g_renew (guint, self->sql_uses, self->sqls->len);
      self->sql_uses[index] = 0;
    }

  self->sql_uses[index]++;
  return index;
}

TwChangeSet *
tw_change_set_ref (TwChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tw_change_set_unref (TwChangeSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->statements->len; i++)
    {
      g_free (g_array_index (self->statements, TwChangeStatement, i).returning);
      g_free (g_array_index (self->statements, TwChangeStatement, i).given);
    }
  for (guint i = 0; i < self->params->len; i++)
    {
      TwChangeParam param = g_array_index (self->params, TwChangeParam, i);

      if (!TW_CHANGE_PARAM_IS_SLOT (param))
        tw_value_free (TW_CHANGE_PARAM_VALUE (param));
    }

  g_ptr_array_unref (self->tables);
  g_ptr_array_unref (self->sqls);
  g_free (self->sql_uses);
  g_array_unref (self->statements);
  g_array_unref (self->items);
  g_array_unref (self->params);
  g_ptr_array_unref (self->owned_values);
  g_free (self);
}

TwDialectKind
tw_change_set_get_dialect (TwChangeSet *self)
{
  g_return_val_if_fail (self != NULL, TW_DIALECT_KIND_SQLITE);

  return self->dialect;
}

guint
tw_change_set_get_n_statements (TwChangeSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->statements->len;
}

guint
tw_change_set_get_n_rows (TwChangeSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

guint
tw_change_set_get_n_links (TwChangeSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_links;
}

void
_tw_change_set_describe_slot (TwChangeSet *self,
                              guint        slot,
                              guint       *table,
                              guint       *column,
                              guint       *ordinal)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);

  /* Slots are handed out in order to the INSERTs' items, one per column
   * the database fills in. */
  for (guint s = 0; s < self->statements->len; s++)
    {
      const TwChangeStatement *statement = &g_array_index (self->statements, TwChangeStatement, s);

      if (statement->kind != TW_CHANGE_KIND_INSERT)
        continue;
      for (guint i = 0; i < statement->n_items; i++)
        {
          const TwChangeItem *item = &g_array_index (self->items, TwChangeItem, statement->first_item + i);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (statement->table))) + 1;

          g_hash_table_insert (counts, GUINT_TO_POINTER (statement->table), GUINT_TO_POINTER (count));
          if (slot >= item->first_generated && slot < item->first_generated + statement->n_returning)
            {
              *table = statement->table;
              *column = statement->returning[slot - item->first_generated];
              *ordinal = count;
              return;
            }
        }
    }

  g_assert_not_reached ();
}

/* "id of new row 2 of “users”" */
static char *
slot_note (TwChangeSet *self,
           guint        slot)
{
  const TwChangeTable *table;
  guint table_index, column, ordinal;

  _tw_change_set_describe_slot (self, slot, &table_index, &column, &ordinal);
  table = g_ptr_array_index (self->tables, table_index);
  return g_strdup_printf (_("%s of new row %u of “%s”"),
                          table->column_names[column], ordinal, table->name);
}

GPtrArray *
tw_change_set_render (TwChangeSet *self)
{
  GPtrArray *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_bound_statement_free);
  for (guint s = 0; s < self->statements->len; s++)
    {
      const TwChangeStatement *statement = &g_array_index (self->statements, TwChangeStatement, s);
      const TwChangeTable *table = g_ptr_array_index (self->tables, statement->table);
      TwBoundStatement *bound;
      guint n_params = 0;
      guint k = 0;

      for (guint i = 0; i < statement->n_items; i++)
        {
          const TwChangeItem *item = &g_array_index (self->items, TwChangeItem, statement->first_item + i);

          n_params += item->values != NULL ? statement->n_given : item->n_params;
        }

      bound = bound_statement_new (statement->kind, table->name,
                                   g_ptr_array_index (self->sqls, statement->sql), n_params);
      for (guint i = 0; i < statement->n_items; i++)
        {
          const TwChangeItem *item = &g_array_index (self->items, TwChangeItem,
                                                     statement->first_item + i);

          if (item->values != NULL)
            {
              for (guint g = 0; g < statement->n_given; g++, k++)
                bound->params[k] = tw_value_copy (item->values[statement->given[g]]);
              continue;
            }

          for (guint p = 0; p < item->n_params; p++, k++)
            {
              TwChangeParam param = g_array_index (self->params, TwChangeParam,
                                                   item->first_param + p);

              if (!TW_CHANGE_PARAM_IS_SLOT (param))
                bound->params[k] = tw_value_copy (TW_CHANGE_PARAM_VALUE (param));
              else
                bound->notes[k] = slot_note (self, TW_CHANGE_PARAM_SLOT (param));
            }
        }

      g_ptr_array_add (out, bound);
    }

  return out;
}

void
_tw_flush_outcome_free (TwFlushOutcome *outcome)
{
  if (outcome == NULL)
    return;

  if (outcome->generated != NULL)
    {
      for (guint i = 0; i < outcome->n_generated; i++)
        g_clear_pointer (&outcome->generated[i], tw_value_free);
      g_free (outcome->generated);
    }
  g_clear_error (&outcome->error);
  g_free (outcome);
}
