/* tw-result.c: the rows and counts a statement returned
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-result"

#include "config.h"

#include <string.h>

#include "tw-result.h"

struct _TwResult
{
  gatomicrefcount  ref_count;
  guint            n_columns;
  char           **column_names;  /* n_columns */
  TwValueKind     *column_kinds;  /* n_columns */
  GPtrArray       *values;        /* row after row, of TwValue */
  gint64           affected_rows;
  gint64           last_insert_id;
};

G_DEFINE_BOXED_TYPE (TwResult, tw_result, tw_result_ref, tw_result_unref)

TwResult *
tw_result_new (guint n_columns)
{
  TwResult *self = g_new0 (TwResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_columns = n_columns;
  self->column_names = g_new0 (char *, n_columns + 1);
  self->column_kinds = g_new0 (TwValueKind, MAX (n_columns, 1));
  for (guint i = 0; i < n_columns; i++)
    self->column_names[i] = g_strdup_printf ("column%u", i + 1);
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);
  self->affected_rows = -1;
  return self;
}

TwResult *
tw_result_ref (TwResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tw_result_unref (TwResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_strfreev (self->column_names);
  g_free (self->column_kinds);
  g_ptr_array_unref (self->values);
  g_free (self);
}

guint
tw_result_get_n_columns (TwResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

guint
tw_result_get_n_rows (TwResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_columns == 0)
    return 0;
  return self->values->len / self->n_columns;
}

const char *
tw_result_get_column_name (TwResult *self,
                           guint     column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->column_names[column];
}

int
tw_result_find_column (TwResult   *self,
                       const char *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (strcmp (self->column_names[i], name) == 0)
        return (int) i;
    }

  return -1;
}

TwValueKind
tw_result_get_column_kind (TwResult *self,
                           guint     column)
{
  g_return_val_if_fail (self != NULL, TW_VALUE_KIND_NULL);
  g_return_val_if_fail (column < self->n_columns, TW_VALUE_KIND_NULL);

  return self->column_kinds[column];
}

const TwValue *
tw_result_get_value (TwResult *self,
                     guint     row,
                     guint     column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  g_return_val_if_fail (row < tw_result_get_n_rows (self), NULL);

  return g_ptr_array_index (self->values, (gsize) row * self->n_columns + column);
}

gint64
tw_result_get_affected_rows (TwResult *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->affected_rows;
}

gint64
tw_result_get_last_insert_id (TwResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last_insert_id;
}

void
tw_result_set_column (TwResult    *self,
                      guint        column,
                      const char  *name,
                      TwValueKind  kind)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (name != NULL);

  g_free (self->column_names[column]);
  self->column_names[column] = g_strdup (name);
  self->column_kinds[column] = kind;
}

void
tw_result_add_row (TwResult  *self,
                   TwValue  **values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL || self->n_columns == 0);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_return_if_fail (values[i] != NULL);
      g_ptr_array_add (self->values, values[i]);
    }
}

void
tw_result_set_affected_rows (TwResult *self,
                             gint64    affected_rows)
{
  g_return_if_fail (self != NULL);

  self->affected_rows = affected_rows;
}

void
tw_result_set_last_insert_id (TwResult *self,
                              gint64    last_insert_id)
{
  g_return_if_fail (self != NULL);

  self->last_insert_id = last_insert_id;
}
