/* tw-table.c: a table of the metadata model, with its columns and constraints
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-table"

#include "config.h"

#include "tw-metadata.h"
#include "tw-model-private.h"
#include "tw-table.h"

struct _TwTable
{
  GObject     parent_instance;

  char       *name;
  char       *comment;
  char       *primary_key_name;
  double      x;
  double      y;

  GListStore *columns;
  /* The same columns as a plain array, for indexed access and lookups
   * without a walk of the store's sequence; the store holds the references. */
  GPtrArray  *column_array;
  GListStore *foreign_keys;
  GListStore *unique_constraints;
  GListStore *check_constraints;
  GListStore *indexes;
  /* The foreign keys as a plain array too, and the lengths of the other
   * lists, kept by items_changed_cb(): create_all reads them for every
   * table, without a walk of each store's sequence. */
  GPtrArray  *foreign_key_array;
  guint       n_unique_constraints;
  guint       n_check_constraints;
  guint       n_indexes;

  /* Not a reference: the metadata holds the table. */
  TwMetadata *metadata;
};

G_DEFINE_FINAL_TYPE (TwTable, tw_table, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COMMENT,
  PROP_PRIMARY_KEY_NAME,
  PROP_X,
  PROP_Y,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

/* A copy of strv with every "from" replaced by "to", or NULL when strv
 * holds no "from". */
static char **
strv_replace (const char * const *strv,
              const char         *from,
              const char         *to)
{
  char **copy;

  if (!strv_contains (strv, from))
    return NULL;

  copy = g_strdupv ((char **) strv);
  for (guint i = 0; copy[i] != NULL; i++)
    {
      if (g_str_equal (copy[i], from))
        {
          g_free (copy[i]);
          copy[i] = g_strdup (to);
        }
    }
  return copy;
}

/* A copy of strv without "name". */
static char **
strv_remove (const char * const *strv,
             const char         *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (!g_str_equal (strv[i], name))
        g_strv_builder_add (builder, strv[i]);
    }
  return g_strv_builder_end (builder);
}

static void
child_changed_cb (TwTable *self)
{
  _tw_table_emit_changed (self);
}

static void
items_changed_cb (TwTable    *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  if (model == G_LIST_MODEL (self->foreign_keys))
    {
      g_ptr_array_remove_range (self->foreign_key_array, position, removed);
      for (guint i = 0; i < added; i++)
        {
          /* The store holds the reference. */
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (model, position + i);

          g_ptr_array_insert (self->foreign_key_array, position + i, fk);
        }
    }
  else if (model == G_LIST_MODEL (self->unique_constraints))
    self->n_unique_constraints = g_list_model_get_n_items (model);
  else if (model == G_LIST_MODEL (self->check_constraints))
    self->n_check_constraints = g_list_model_get_n_items (model);
  else if (model == G_LIST_MODEL (self->indexes))
    self->n_indexes = g_list_model_get_n_items (model);

  _tw_table_emit_changed (self);
}

static void
watch_child (TwTable *self,
             GObject *child)
{
  g_signal_connect_object (child, "changed",
                           G_CALLBACK (child_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
unwatch_child (TwTable *self,
               GObject *child)
{
  g_signal_handlers_disconnect_by_func (child, child_changed_cb, self);
}

static gboolean
store_remove (GListStore *store,
              gpointer    item)
{
  guint position;

  if (!g_list_store_find (store, item, &position))
    return FALSE;
  g_list_store_remove (store, position);
  return TRUE;
}

static void
unwatch_store (TwTable    *self,
               GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      unwatch_child (self, item);
    }
}

static void
tw_table_dispose (GObject *object)
{
  TwTable *self = (TwTable *) object;
  guint n;

  if (self->columns != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->columns));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwColumn) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);
          if (tw_column_get_table (column) == self)
            _tw_column_set_table (column, NULL);
        }
      g_signal_handlers_disconnect_by_data (self->columns, self);
    }

  if (self->foreign_keys != NULL)
    {
      unwatch_store (self, self->foreign_keys);
      unwatch_store (self, self->unique_constraints);
      unwatch_store (self, self->check_constraints);
      unwatch_store (self, self->indexes);
      g_signal_handlers_disconnect_by_data (self->foreign_keys, self);
      g_signal_handlers_disconnect_by_data (self->unique_constraints, self);
      g_signal_handlers_disconnect_by_data (self->check_constraints, self);
      g_signal_handlers_disconnect_by_data (self->indexes, self);
    }

  g_clear_object (&self->columns);
  g_clear_pointer (&self->column_array, g_ptr_array_unref);
  g_clear_object (&self->foreign_keys);
  g_clear_pointer (&self->foreign_key_array, g_ptr_array_unref);
  g_clear_object (&self->unique_constraints);
  g_clear_object (&self->check_constraints);
  g_clear_object (&self->indexes);

  G_OBJECT_CLASS (tw_table_parent_class)->dispose (object);
}

static void
tw_table_finalize (GObject *object)
{
  TwTable *self = (TwTable *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->comment, g_free);
  g_clear_pointer (&self->primary_key_name, g_free);

  G_OBJECT_CLASS (tw_table_parent_class)->finalize (object);
}

static void
tw_table_dispatch_properties_changed (GObject     *object,
                                      guint        n_pspecs,
                                      GParamSpec **pspecs)
{
  G_OBJECT_CLASS (tw_table_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  _tw_table_emit_changed (TW_TABLE (object));
}

static void
tw_table_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TwTable *self = TW_TABLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;

    case PROP_PRIMARY_KEY_NAME:
      g_value_set_string (value, self->primary_key_name);
      break;

    case PROP_X:
      g_value_set_double (value, self->x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->y);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_table_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TwTable *self = TW_TABLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_table_set_name (self, g_value_get_string (value));
      break;

    case PROP_COMMENT:
      tw_table_set_comment (self, g_value_get_string (value));
      break;

    case PROP_PRIMARY_KEY_NAME:
      tw_table_set_primary_key_name (self, g_value_get_string (value));
      break;

    case PROP_X:
      tw_table_set_position (self, g_value_get_double (value), self->y);
      break;

    case PROP_Y:
      tw_table_set_position (self, self->x, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_table_class_init (TwTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_table_dispose;
  object_class->finalize = tw_table_finalize;
  object_class->get_property = tw_table_get_property;
  object_class->set_property = tw_table_set_property;
  object_class->dispatch_properties_changed = tw_table_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRIMARY_KEY_NAME] =
    g_param_spec_string ("primary-key-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwTable::changed:
   *
   * The table, one of its columns or constraints changed, or one was added,
   * removed or moved.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
tw_table_init (TwTable *self)
{
  self->columns = g_list_store_new (TW_TYPE_COLUMN);
  self->column_array = g_ptr_array_new ();
  self->foreign_keys = g_list_store_new (TW_TYPE_FOREIGN_KEY);
  self->foreign_key_array = g_ptr_array_new ();
  self->unique_constraints = g_list_store_new (TW_TYPE_UNIQUE_CONSTRAINT);
  self->check_constraints = g_list_store_new (TW_TYPE_CHECK_CONSTRAINT);
  self->indexes = g_list_store_new (TW_TYPE_INDEX);

  g_signal_connect_object (self->columns, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->foreign_keys, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unique_constraints, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_constraints, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->indexes, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}

TwTable *
tw_table_new (const char *name)
{
  return g_object_new (TW_TYPE_TABLE,
                       "name", name,
                       NULL);
}

TwTable *
tw_table_copy (TwTable *self)
{
  TwTable *copy;
  guint n;

  g_return_val_if_fail (TW_IS_TABLE (self), NULL);

  copy = tw_table_new (self->name);
  copy->comment = g_strdup (self->comment);
  copy->primary_key_name = g_strdup (self->primary_key_name);
  copy->x = self->x;
  copy->y = self->y;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwColumn) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);
      g_autoptr (TwColumn) column_copy = tw_column_copy (column);

      tw_table_add_column (copy, column_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->foreign_keys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) item = g_list_model_get_item (G_LIST_MODEL (self->foreign_keys), i);
      g_autoptr (TwForeignKey) item_copy = tw_foreign_key_copy (item);

      tw_table_add_foreign_key (copy, item_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->unique_constraints));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwUniqueConstraint) item = g_list_model_get_item (G_LIST_MODEL (self->unique_constraints), i);
      g_autoptr (TwUniqueConstraint) item_copy = tw_unique_constraint_copy (item);

      tw_table_add_unique_constraint (copy, item_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->check_constraints));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwCheckConstraint) item = g_list_model_get_item (G_LIST_MODEL (self->check_constraints), i);
      g_autoptr (TwCheckConstraint) item_copy = tw_check_constraint_copy (item);

      tw_table_add_check_constraint (copy, item_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->indexes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwIndex) item = g_list_model_get_item (G_LIST_MODEL (self->indexes), i);
      g_autoptr (TwIndex) item_copy = tw_index_copy (item);

      tw_table_add_index (copy, item_copy);
    }

  return copy;
}

const char *
tw_table_get_name (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return self->name;
}

void
tw_table_set_name (TwTable    *self,
                   const char *name)
{
  g_return_if_fail (TW_IS_TABLE (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
tw_table_get_comment (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return self->comment;
}

void
tw_table_set_comment (TwTable    *self,
                      const char *comment)
{
  g_return_if_fail (TW_IS_TABLE (self));

  if (set_string (&self->comment, comment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMENT]);
}

const char *
tw_table_get_primary_key_name (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return self->primary_key_name;
}

void
tw_table_set_primary_key_name (TwTable    *self,
                               const char *name)
{
  g_return_if_fail (TW_IS_TABLE (self));

  if (set_string (&self->primary_key_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMARY_KEY_NAME]);
}

double
tw_table_get_x (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), 0.0);
  return self->x;
}

double
tw_table_get_y (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), 0.0);
  return self->y;
}

void
tw_table_set_position (TwTable *self,
                       double   x,
                       double   y)
{
  gboolean x_changed;
  gboolean y_changed;

  g_return_if_fail (TW_IS_TABLE (self));

  x_changed = self->x != x;
  y_changed = self->y != y;
  if (!x_changed && !y_changed)
    return;

  self->x = x;
  self->y = y;

  /* One "changed" for a move, however many coordinates it changed. */
  g_object_freeze_notify (G_OBJECT (self));
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
  g_object_thaw_notify (G_OBJECT (self));
}

GListModel *
tw_table_get_columns (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return G_LIST_MODEL (self->columns);
}

guint
tw_table_get_n_columns (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), 0);
  return self->column_array->len;
}

TwColumn *
tw_table_get_column (TwTable *self,
                     guint    position)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);

  if (position >= self->column_array->len)
    return NULL;
  return g_ptr_array_index (self->column_array, position);
}

TwColumn *
tw_table_find_column (TwTable    *self,
                      const char *name)
{
  guint n;

  g_return_val_if_fail (TW_IS_TABLE (self), NULL);

  if (name == NULL)
    return NULL;

  n = tw_table_get_n_columns (self);
  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (self, i);

      if (g_strcmp0 (tw_column_get_name (column), name) == 0)
        return column;
    }
  return NULL;
}

int
tw_table_get_column_position (TwTable  *self,
                              TwColumn *column)
{
  guint position;

  g_return_val_if_fail (TW_IS_TABLE (self), -1);
  g_return_val_if_fail (TW_IS_COLUMN (column), -1);

  if (!g_ptr_array_find (self->column_array, column, &position))
    return -1;
  return (int) position;
}

void
tw_table_add_column (TwTable  *self,
                     TwColumn *column)
{
  g_return_if_fail (TW_IS_TABLE (self));

  tw_table_insert_column (self, tw_table_get_n_columns (self), column);
}

void
tw_table_insert_column (TwTable  *self,
                        guint     position,
                        TwColumn *column)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_COLUMN (column));
  g_return_if_fail (tw_column_get_table (column) == NULL);

  position = MIN (position, tw_table_get_n_columns (self));
  _tw_column_set_table (column, self);
  g_ptr_array_insert (self->column_array, position, column);
  g_list_store_insert (self->columns, position, column);
}

void
tw_table_move_column (TwTable  *self,
                      TwColumn *column,
                      guint     new_position)
{
  g_autoptr (TwColumn) hold = NULL;
  guint old_position;

  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_COLUMN (column));

  if (!g_list_store_find (self->columns, column, &old_position))
    g_return_if_reached ();

  new_position = MIN (new_position, tw_table_get_n_columns (self) - 1);
  if (new_position == old_position)
    return;

  hold = g_object_ref (column);
  g_ptr_array_remove_index (self->column_array, old_position);
  g_ptr_array_insert (self->column_array, new_position, column);
  g_list_store_remove (self->columns, old_position);
  g_list_store_insert (self->columns, new_position, column);
}

/* Takes the column "name" out of every constraint and index of the table.
 * A foreign key that held it is removed whole: with a column less it would
 * no longer match the key it refers to. */
static void
remove_column_references (TwTable    *self,
                          const char *name)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->foreign_keys)); i > 0; i--)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (G_LIST_MODEL (self->foreign_keys), i - 1);

      if (tw_foreign_key_has_column (fk, name))
        tw_table_remove_foreign_key (self, fk);
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->unique_constraints)); i > 0; i--)
    {
      g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (G_LIST_MODEL (self->unique_constraints), i - 1);
      const char * const *columns = tw_unique_constraint_get_columns (uc);

      if (strv_contains (columns, name))
        {
          g_auto (GStrv) rest = strv_remove (columns, name);

          if (rest[0] == NULL)
            tw_table_remove_unique_constraint (self, uc);
          else
            tw_unique_constraint_set_columns (uc, (const char * const *) rest);
        }
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->indexes)); i > 0; i--)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (G_LIST_MODEL (self->indexes), i - 1);
      const char * const *columns = tw_index_get_columns (index);

      if (strv_contains (columns, name))
        {
          g_auto (GStrv) rest = strv_remove (columns, name);

          if (rest[0] == NULL)
            tw_table_remove_index (self, index);
          else
            tw_index_set_columns (index, (const char * const *) rest);
        }
    }
}

void
tw_table_remove_column (TwTable  *self,
                        TwColumn *column)
{
  g_autoptr (TwColumn) hold = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_COLUMN (column));
  g_return_if_fail (tw_column_get_table (column) == self);

  hold = g_object_ref (column);
  name = g_strdup (tw_column_get_name (column));

  g_ptr_array_remove (self->column_array, column);
  store_remove (self->columns, column);
  _tw_column_set_table (column, NULL);

  if (name == NULL)
    return;

  remove_column_references (self, name);

  /* Foreign keys of other tables that referred to the column go too. */
  if (self->metadata != NULL)
    {
      guint n_tables = tw_metadata_get_n_tables (self->metadata);

      for (guint t = 0; t < n_tables; t++)
        {
          TwTable *other = tw_metadata_get_table (self->metadata, t);

          for (guint i = g_list_model_get_n_items (G_LIST_MODEL (other->foreign_keys)); i > 0; i--)
            {
              g_autoptr (TwForeignKey) fk = g_list_model_get_item (G_LIST_MODEL (other->foreign_keys), i - 1);

              if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), self->name) == 0 &&
                  strv_contains (tw_foreign_key_get_referred_columns (fk), name))
                tw_table_remove_foreign_key (other, fk);
            }
        }
    }
}

void
tw_table_rename_column (TwTable    *self,
                        TwColumn   *column,
                        const char *new_name)
{
  g_autofree char *old_name = NULL;
  guint n;

  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_COLUMN (column));
  g_return_if_fail (tw_column_get_table (column) == self);
  g_return_if_fail (new_name != NULL);

  old_name = g_strdup (tw_column_get_name (column));
  if (g_strcmp0 (old_name, new_name) == 0)
    return;

  tw_column_set_name (column, new_name);
  if (old_name == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->foreign_keys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (G_LIST_MODEL (self->foreign_keys), i);
      g_auto (GStrv) columns = strv_replace (tw_foreign_key_get_columns (fk), old_name, new_name);

      if (columns != NULL)
        tw_foreign_key_set_columns (fk, (const char * const *) columns);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->unique_constraints));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (G_LIST_MODEL (self->unique_constraints), i);
      g_auto (GStrv) columns = strv_replace (tw_unique_constraint_get_columns (uc), old_name, new_name);

      if (columns != NULL)
        tw_unique_constraint_set_columns (uc, (const char * const *) columns);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->indexes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (G_LIST_MODEL (self->indexes), i);
      g_auto (GStrv) columns = strv_replace (tw_index_get_columns (index), old_name, new_name);

      if (columns != NULL)
        tw_index_set_columns (index, (const char * const *) columns);
    }

  if (self->metadata == NULL)
    return;

  /* References from other tables (and from this one, if self-referential),
   * and the relationships that hold this table's foreign key columns. */
  n = tw_metadata_get_n_tables (self->metadata);
  for (guint t = 0; t < n; t++)
    {
      TwTable *other = tw_metadata_get_table (self->metadata, t);
      guint n_fks = g_list_model_get_n_items (G_LIST_MODEL (other->foreign_keys));

      for (guint i = 0; i < n_fks; i++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (G_LIST_MODEL (other->foreign_keys), i);
          g_auto (GStrv) columns = NULL;

          if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), self->name) != 0)
            continue;
          columns = strv_replace (tw_foreign_key_get_referred_columns (fk), old_name, new_name);
          if (columns != NULL)
            tw_foreign_key_set_referred_columns (fk, (const char * const *) columns);
        }
    }

  n = g_list_model_get_n_items (tw_metadata_get_relationships (self->metadata));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (tw_metadata_get_relationships (self->metadata), i);
      g_auto (GStrv) columns = NULL;

      if (tw_relationship_get_kind (rel) != TW_RELATIONSHIP_KIND_ONE_TO_MANY ||
          g_strcmp0 (tw_relationship_get_right_table (rel), self->name) != 0)
        continue;
      columns = strv_replace (tw_relationship_get_foreign_key_columns (rel), old_name, new_name);
      if (columns != NULL)
        tw_relationship_set_foreign_key_columns (rel, (const char * const *) columns);
    }
}

GPtrArray *
tw_table_dup_primary_key (TwTable *self)
{
  GPtrArray *pk;
  guint n;

  g_return_val_if_fail (TW_IS_TABLE (self), NULL);

  pk = g_ptr_array_new ();
  n = tw_table_get_n_columns (self);
  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (self, i);

      if (tw_column_get_primary_key (column))
        g_ptr_array_add (pk, column);
    }
  return pk;
}

static gboolean
column_in_foreign_key (TwTable    *self,
                       const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->foreign_keys));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (G_LIST_MODEL (self->foreign_keys), i);

      if (tw_foreign_key_has_column (fk, name))
        return TRUE;
    }
  return FALSE;
}

TwColumn *
tw_table_get_autoincrement_column (TwTable *self)
{
  g_autoptr (GPtrArray) pk = NULL;
  TwColumn *column;

  g_return_val_if_fail (TW_IS_TABLE (self), NULL);

  pk = tw_table_dup_primary_key (self);
  if (pk->len != 1)
    return NULL;

  column = g_ptr_array_index (pk, 0);
  if (!tw_column_type_is_integer (tw_column_get_column_type (column)))
    return NULL;

  switch (tw_column_get_autoincrement (column))
    {
    case TW_AUTOINCREMENT_ALWAYS:
      return column;

    case TW_AUTOINCREMENT_AUTO:
      /* As SQLAlchemy decides "auto": an integer key that is neither a
       * foreign key nor given a server default. */
      if (column_in_foreign_key (self, tw_column_get_name (column)) ||
          tw_column_get_default_kind (column) != TW_DEFAULT_KIND_NONE)
        return NULL;
      return column;

    case TW_AUTOINCREMENT_NEVER:
    default:
      return NULL;
    }
}

GListModel *
tw_table_get_foreign_keys (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return G_LIST_MODEL (self->foreign_keys);
}

void
tw_table_add_foreign_key (TwTable      *self,
                          TwForeignKey *foreign_key)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_FOREIGN_KEY (foreign_key));

  watch_child (self, G_OBJECT (foreign_key));
  g_list_store_append (self->foreign_keys, foreign_key);
}

void
tw_table_remove_foreign_key (TwTable      *self,
                             TwForeignKey *foreign_key)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_FOREIGN_KEY (foreign_key));

  unwatch_child (self, G_OBJECT (foreign_key));
  store_remove (self->foreign_keys, foreign_key);
}

GListModel *
tw_table_get_unique_constraints (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return G_LIST_MODEL (self->unique_constraints);
}

void
tw_table_add_unique_constraint (TwTable            *self,
                                TwUniqueConstraint *constraint)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_UNIQUE_CONSTRAINT (constraint));

  watch_child (self, G_OBJECT (constraint));
  g_list_store_append (self->unique_constraints, constraint);
}

void
tw_table_remove_unique_constraint (TwTable            *self,
                                   TwUniqueConstraint *constraint)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_UNIQUE_CONSTRAINT (constraint));

  unwatch_child (self, G_OBJECT (constraint));
  store_remove (self->unique_constraints, constraint);
}

GListModel *
tw_table_get_check_constraints (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return G_LIST_MODEL (self->check_constraints);
}

void
tw_table_add_check_constraint (TwTable           *self,
                               TwCheckConstraint *constraint)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_CHECK_CONSTRAINT (constraint));

  watch_child (self, G_OBJECT (constraint));
  g_list_store_append (self->check_constraints, constraint);
}

void
tw_table_remove_check_constraint (TwTable           *self,
                                  TwCheckConstraint *constraint)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_CHECK_CONSTRAINT (constraint));

  unwatch_child (self, G_OBJECT (constraint));
  store_remove (self->check_constraints, constraint);
}

GListModel *
tw_table_get_indexes (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return G_LIST_MODEL (self->indexes);
}

void
tw_table_add_index (TwTable *self,
                    TwIndex *index)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_INDEX (index));

  watch_child (self, G_OBJECT (index));
  g_list_store_append (self->indexes, index);
}

void
tw_table_remove_index (TwTable *self,
                       TwIndex *index)
{
  g_return_if_fail (TW_IS_TABLE (self));
  g_return_if_fail (TW_IS_INDEX (index));

  unwatch_child (self, G_OBJECT (index));
  store_remove (self->indexes, index);
}

/* TRUE when a and b hold the same names, in any order. */
static gboolean
same_column_set (const char * const *a,
                 const char * const *b)
{
  guint len_a = a != NULL ? g_strv_length ((char **) a) : 0;
  guint len_b = b != NULL ? g_strv_length ((char **) b) : 0;

  if (len_a != len_b || len_a == 0)
    return FALSE;

  for (guint i = 0; i < len_a; i++)
    {
      if (!g_strv_contains (b, a[i]))
        return FALSE;
    }
  for (guint i = 0; i < len_b; i++)
    {
      if (!g_strv_contains (a, b[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
tw_table_columns_are_unique (TwTable            *self,
                             const char * const *columns)
{
  g_autoptr (GPtrArray) pk = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) pk_names = NULL;
  guint n;

  g_return_val_if_fail (TW_IS_TABLE (self), FALSE);

  if (columns == NULL || columns[0] == NULL)
    return FALSE;

  pk = tw_table_dup_primary_key (self);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < pk->len; i++)
    g_strv_builder_add (builder, tw_column_get_name (g_ptr_array_index (pk, i)));
  pk_names = g_strv_builder_end (builder);
  if (same_column_set ((const char * const *) pk_names, columns))
    return TRUE;

  if (columns[1] == NULL)
    {
      TwColumn *column = tw_table_find_column (self, columns[0]);

      if (column != NULL && tw_column_get_unique (column))
        return TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->unique_constraints));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (G_LIST_MODEL (self->unique_constraints), i);

      if (same_column_set (tw_unique_constraint_get_columns (uc), columns))
        return TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->indexes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (G_LIST_MODEL (self->indexes), i);

      if (tw_index_get_unique (index) &&
          same_column_set (tw_index_get_columns (index), columns))
        return TRUE;
    }

  return FALSE;
}

TwMetadata *
tw_table_get_metadata (TwTable *self)
{
  g_return_val_if_fail (TW_IS_TABLE (self), NULL);
  return self->metadata;
}

void
_tw_table_set_metadata (TwTable    *self,
                        TwMetadata *metadata)
{
  g_return_if_fail (TW_IS_TABLE (self));
  self->metadata = metadata;
}

void
_tw_table_emit_changed (TwTable *self)
{
  g_return_if_fail (TW_IS_TABLE (self));

  g_signal_emit (self, signals[CHANGED], 0);
  if (self->metadata != NULL)
    _tw_metadata_emit_table_changed (self->metadata, self);
}

TwColumn **
_tw_table_peek_columns (TwTable *self,
                        guint   *n_columns)
{
  g_assert (TW_IS_TABLE (self));

  *n_columns = self->column_array->len;
  return (TwColumn **) self->column_array->pdata;
}

TwForeignKey **
_tw_table_peek_foreign_keys (TwTable *self,
                             guint   *n_foreign_keys)
{
  g_assert (TW_IS_TABLE (self));

  *n_foreign_keys = self->foreign_key_array->len;
  return (TwForeignKey **) self->foreign_key_array->pdata;
}

void
_tw_table_get_n_constraints (TwTable *self,
                             guint   *n_unique_constraints,
                             guint   *n_check_constraints,
                             guint   *n_indexes)
{
  g_assert (TW_IS_TABLE (self));

  *n_unique_constraints = self->n_unique_constraints;
  *n_check_constraints = self->n_check_constraints;
  *n_indexes = self->n_indexes;
}
