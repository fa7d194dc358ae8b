/* tw-metadata.c: the metadata model: tables and the relationships between them
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-metadata"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tw-metadata.h"
#include "tw-model-snapshot-private.h"

struct _TwMetadata
{
  GObject     parent_instance;

  GListStore *tables;
  /* The same tables as a plain array (the store holds the references). */
  GPtrArray  *table_array;
  GListStore *relationships;
};

G_DEFINE_FINAL_TYPE (TwMetadata, tw_metadata, G_TYPE_OBJECT)

G_DEFINE_QUARK (tw-model-error-quark, tw_model_error)

enum {
  CHANGED,
  TABLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (TwMetadata *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
items_changed_cb (TwMetadata *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  emit_changed (self);
}

static void
relationship_changed_cb (TwMetadata *self)
{
  emit_changed (self);
}

static void
tw_metadata_dispose (GObject *object)
{
  TwMetadata *self = (TwMetadata *) object;

  if (self->tables != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tables));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwTable) table = g_list_model_get_item (G_LIST_MODEL (self->tables), i);

          if (tw_table_get_metadata (table) == self)
            _tw_table_set_metadata (table, NULL);
        }
      g_signal_handlers_disconnect_by_data (self->tables, self);
    }

  if (self->relationships != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (TwRelationship) rel = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);

          g_signal_handlers_disconnect_by_func (rel, relationship_changed_cb, self);
        }
      g_signal_handlers_disconnect_by_data (self->relationships, self);
    }

  g_clear_object (&self->tables);
  g_clear_pointer (&self->table_array, g_ptr_array_unref);
  g_clear_object (&self->relationships);

  G_OBJECT_CLASS (tw_metadata_parent_class)->dispose (object);
}

static void
tw_metadata_class_init (TwMetadataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_metadata_dispose;

  /**
   * TwMetadata::changed:
   *
   * Anything in the model changed: a table or relationship was added or
   * removed, or something inside one changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * TwMetadata::table-changed:
   * @table: the table
   *
   * A table, or one of its columns or constraints, changed. "changed"
   * follows.
   */
  signals[TABLE_CHANGED] =
    g_signal_new ("table-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, TW_TYPE_TABLE);
}

static void
tw_metadata_init (TwMetadata *self)
{
  self->tables = g_list_store_new (TW_TYPE_TABLE);
  self->table_array = g_ptr_array_new ();
  self->relationships = g_list_store_new (TW_TYPE_RELATIONSHIP);

  g_signal_connect_object (self->tables, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relationships, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}

TwMetadata *
tw_metadata_new (void)
{
  return g_object_new (TW_TYPE_METADATA, NULL);
}

TwMetadata *
tw_metadata_copy (TwMetadata *self)
{
  TwMetadata *copy;
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  copy = tw_metadata_new ();

  n = tw_metadata_get_n_tables (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = tw_table_copy (tw_metadata_get_table (self, i));
      tw_metadata_add_table (copy, table);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);
      g_autoptr (TwRelationship) rel_copy = tw_relationship_copy (rel);

      tw_metadata_add_relationship (copy, rel_copy);
    }

  return copy;
}

GListModel *
tw_metadata_get_tables (TwMetadata *self)
{
  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  return G_LIST_MODEL (self->tables);
}

guint
tw_metadata_get_n_tables (TwMetadata *self)
{
  g_return_val_if_fail (TW_IS_METADATA (self), 0);
  return self->table_array->len;
}

TwTable *
tw_metadata_get_table (TwMetadata *self,
                       guint       position)
{
  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  if (position >= self->table_array->len)
    return NULL;
  return g_ptr_array_index (self->table_array, position);
}

TwTable *
tw_metadata_find_table (TwMetadata *self,
                        const char *name)
{
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  if (name == NULL)
    return NULL;

  n = tw_metadata_get_n_tables (self);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self, i);

      if (g_strcmp0 (tw_table_get_name (table), name) == 0)
        return table;
    }
  return NULL;
}

void
tw_metadata_add_table (TwMetadata *self,
                       TwTable    *table)
{
  g_return_if_fail (TW_IS_METADATA (self));

  tw_metadata_insert_table (self, tw_metadata_get_n_tables (self), table);
}

void
tw_metadata_insert_table (TwMetadata *self,
                          guint       position,
                          TwTable    *table)
{
  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_TABLE (table));
  g_return_if_fail (tw_table_get_metadata (table) == NULL);

  position = MIN (position, tw_metadata_get_n_tables (self));
  _tw_table_set_metadata (table, self);
  g_ptr_array_insert (self->table_array, position, table);
  g_list_store_insert (self->tables, position, table);
}

static GPtrArray *
dup_relationships (TwMetadata *self)
{
  GPtrArray *rels = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rels, g_list_model_get_item (G_LIST_MODEL (self->relationships), i));
  return rels;
}

static void
remove_relationship_only (TwMetadata     *self,
                          TwRelationship *relationship)
{
  guint position;

  if (!g_list_store_find (self->relationships, relationship, &position))
    return;
  g_signal_handlers_disconnect_by_func (relationship, relationship_changed_cb, self);
  g_list_store_remove (self->relationships, position);
}

void
tw_metadata_remove_table (TwMetadata *self,
                          TwTable    *table)
{
  g_autoptr (TwTable) hold = NULL;
  g_autoptr (GPtrArray) rels = NULL;
  g_autoptr (GPtrArray) secondaries = NULL;
  const char *name;
  guint position;
  guint n;

  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_TABLE (table));

  if (!g_list_store_find (self->tables, table, &position))
    g_return_if_reached ();

  hold = g_object_ref (table);
  name = tw_table_get_name (table);

  /* Relationships the table takes part in. A many-to-many link between this
   * table and another loses its association table too. */
  rels = dup_relationships (self);
  secondaries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rels->len; i++)
    {
      TwRelationship *rel = g_ptr_array_index (rels, i);
      const char *secondary = tw_relationship_get_secondary (rel);
      gboolean is_end = g_strcmp0 (tw_relationship_get_left_table (rel), name) == 0 ||
                        g_strcmp0 (tw_relationship_get_right_table (rel), name) == 0;
      gboolean is_secondary = g_strcmp0 (secondary, name) == 0;

      if (!is_end && !is_secondary)
        continue;

      if (is_end &&
          tw_relationship_get_kind (rel) == TW_RELATIONSHIP_KIND_MANY_TO_MANY &&
          secondary != NULL && g_strcmp0 (secondary, name) != 0)
        g_ptr_array_add (secondaries, g_strdup (secondary));

      remove_relationship_only (self, rel);
    }

  /* Foreign keys of other tables that refer to this one. */
  n = tw_metadata_get_n_tables (self);
  for (guint t = 0; t < n; t++)
    {
      TwTable *other = tw_metadata_get_table (self, t);
      GListModel *fks;

      if (other == table)
        continue;

      fks = tw_table_get_foreign_keys (other);
      for (guint i = g_list_model_get_n_items (fks); i > 0; i--)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i - 1);

          if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), name) == 0)
            tw_table_remove_foreign_key (other, fk);
        }
    }

  g_ptr_array_remove (self->table_array, table);
  if (g_list_store_find (self->tables, table, &position))
    g_list_store_remove (self->tables, position);
  _tw_table_set_metadata (table, NULL);

  for (guint i = 0; i < secondaries->len; i++)
    {
      TwTable *assoc = tw_metadata_find_table (self, g_ptr_array_index (secondaries, i));

      if (assoc != NULL)
        tw_metadata_remove_table (self, assoc);
    }
}

void
tw_metadata_rename_table (TwMetadata *self,
                          TwTable    *table,
                          const char *new_name)
{
  g_autofree char *old_name = NULL;
  g_autoptr (GPtrArray) rels = NULL;
  guint n;

  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_TABLE (table));
  g_return_if_fail (tw_table_get_metadata (table) == self);
  g_return_if_fail (new_name != NULL);

  old_name = g_strdup (tw_table_get_name (table));
  if (g_strcmp0 (old_name, new_name) == 0)
    return;

  n = tw_metadata_get_n_tables (self);
  for (guint t = 0; t < n; t++)
    {
      GListModel *fks = tw_table_get_foreign_keys (tw_metadata_get_table (self, t));
      guint n_fks = g_list_model_get_n_items (fks);

      for (guint i = 0; i < n_fks; i++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);

          if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), old_name) == 0)
            tw_foreign_key_set_referred_table (fk, new_name);
        }
    }

  rels = dup_relationships (self);
  for (guint i = 0; i < rels->len; i++)
    {
      TwRelationship *rel = g_ptr_array_index (rels, i);

      if (g_strcmp0 (tw_relationship_get_left_table (rel), old_name) == 0)
        tw_relationship_set_left_table (rel, new_name);
      if (g_strcmp0 (tw_relationship_get_right_table (rel), old_name) == 0)
        tw_relationship_set_right_table (rel, new_name);
      if (g_strcmp0 (tw_relationship_get_secondary (rel), old_name) == 0)
        tw_relationship_set_secondary (rel, new_name);
    }

  tw_table_set_name (table, new_name);
}

char *
tw_metadata_dup_unique_table_name (TwMetadata *self,
                                   const char *prefix)
{
  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (tw_metadata_find_table (self, prefix) == NULL)
    return g_strdup (prefix);

  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%u", prefix, i);

      if (tw_metadata_find_table (self, name) == NULL)
        return g_steal_pointer (&name);
    }
}

GListModel *
tw_metadata_get_relationships (TwMetadata *self)
{
  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  return G_LIST_MODEL (self->relationships);
}

void
tw_metadata_add_relationship (TwMetadata     *self,
                              TwRelationship *relationship)
{
  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_RELATIONSHIP (relationship));

  g_signal_connect_object (relationship, "changed",
                           G_CALLBACK (relationship_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_list_store_append (self->relationships, relationship);
}

void
tw_metadata_remove_relationship (TwMetadata     *self,
                                 TwRelationship *relationship)
{
  g_autoptr (TwRelationship) hold = NULL;
  TwTable *assoc = NULL;

  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_RELATIONSHIP (relationship));

  hold = g_object_ref (relationship);
  if (tw_relationship_get_kind (relationship) == TW_RELATIONSHIP_KIND_MANY_TO_MANY)
    assoc = tw_metadata_find_table (self, tw_relationship_get_secondary (relationship));

  remove_relationship_only (self, relationship);

  if (assoc != NULL)
    tw_metadata_remove_table (self, assoc);
}

/* "users" → "user", "categories" → "category", "address" stays. A plain
 * English heuristic for default attribute and column names; the user can
 * rename anything it gets wrong. */
static char *
singular (const char *name)
{
  gsize len = strlen (name);

  if (len > 3 && g_str_has_suffix (name, "ies"))
    return g_strdup_printf ("%.*sy", (int) (len - 3), name);
  if (len > 4 && (g_str_has_suffix (name, "sses") || g_str_has_suffix (name, "xes") ||
                  g_str_has_suffix (name, "ches") || g_str_has_suffix (name, "shes")))
    return g_strndup (name, len - 2);
  if (len > 1 && name[len - 1] == 's' && name[len - 2] != 's' && name[len - 2] != 'u')
    return g_strndup (name, len - 1);
  return g_strdup (name);
}

static char *
unique_column_name (TwTable    *table,
                    const char *base)
{
  if (tw_table_find_column (table, base) == NULL)
    return g_strdup (base);

  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%u", base, i);

      if (tw_table_find_column (table, name) == NULL)
        return g_steal_pointer (&name);
    }
}

/* A column of the same type as target, to refer to it. */
static TwColumn *
new_referring_column (const char *name,
                      TwColumn   *target)
{
  TwColumn *column = tw_column_new (name, tw_column_get_column_type (target));
  const char * const *values = tw_column_get_enum_values (target);

  tw_column_set_length (column, tw_column_get_length (target));
  tw_column_set_precision (column, tw_column_get_precision (target));
  tw_column_set_scale (column, tw_column_get_scale (target));
  tw_column_set_timezone (column, tw_column_get_timezone (target));
  tw_column_set_enum_name (column, tw_column_get_enum_name (target));
  if (values != NULL)
    tw_column_set_enum_values (column, values);
  tw_column_set_autoincrement (column, TW_AUTOINCREMENT_NEVER);
  return column;
}

static GPtrArray *
require_primary_key (TwTable  *table,
                     GError  **error)
{
  g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);

  if (pk->len == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_NO_PRIMARY_KEY,
                   _("Table “%s” has no primary key to refer to"),
                   tw_table_get_name (table));
      return NULL;
    }
  return g_steal_pointer (&pk);
}

TwRelationship *
tw_metadata_link_one_to_many (TwMetadata  *self,
                              TwTable     *parent,
                              TwTable     *child,
                              GError     **error)
{
  g_autoptr (GPtrArray) pk = NULL;
  g_autoptr (GStrvBuilder) local = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) remote = g_strv_builder_new ();
  g_auto (GStrv) local_names = NULL;
  g_auto (GStrv) remote_names = NULL;
  g_autoptr (TwForeignKey) fk = NULL;
  g_autoptr (TwRelationship) rel = NULL;
  g_autofree char *parent_singular = NULL;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (parent), NULL);
  g_return_val_if_fail (TW_IS_TABLE (child), NULL);
  g_return_val_if_fail (tw_table_get_metadata (parent) == self, NULL);
  g_return_val_if_fail (tw_table_get_metadata (child) == self, NULL);

  if (!(pk = require_primary_key (parent, error)))
    return NULL;

  parent_singular = singular (tw_table_get_name (parent));
  for (guint i = 0; i < pk->len; i++)
    {
      TwColumn *target = g_ptr_array_index (pk, i);
      g_autofree char *base = g_strdup_printf ("%s_%s", parent_singular, tw_column_get_name (target));
      g_autofree char *name = unique_column_name (child, base);
      g_autoptr (TwColumn) column = new_referring_column (name, target);

      tw_table_add_column (child, column);
      g_strv_builder_add (local, name);
      g_strv_builder_add (remote, tw_column_get_name (target));
    }
  local_names = g_strv_builder_end (local);
  remote_names = g_strv_builder_end (remote);

  fk = tw_foreign_key_new (NULL,
                           (const char * const *) local_names,
                           tw_table_get_name (parent),
                           (const char * const *) remote_names);
  tw_table_add_foreign_key (child, fk);

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY,
                             tw_table_get_name (parent),
                             tw_table_get_name (child));
  tw_relationship_set_left_attribute (rel, tw_table_get_name (child));
  tw_relationship_set_right_attribute (rel, parent_singular);
  tw_relationship_set_foreign_key_columns (rel, (const char * const *) local_names);
  tw_metadata_add_relationship (self, rel);

  return rel;
}

/* Adds to assoc one primary key column per primary key column of target,
 * and the foreign key over them. */
static void
add_association_side (TwTable   *assoc,
                      TwTable   *target,
                      GPtrArray *pk)
{
  g_autoptr (GStrvBuilder) local = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) remote = g_strv_builder_new ();
  g_auto (GStrv) local_names = NULL;
  g_auto (GStrv) remote_names = NULL;
  g_autoptr (TwForeignKey) fk = NULL;
  g_autofree char *prefix = singular (tw_table_get_name (target));

  for (guint i = 0; i < pk->len; i++)
    {
      TwColumn *target_column = g_ptr_array_index (pk, i);
      g_autofree char *base = g_strdup_printf ("%s_%s", prefix, tw_column_get_name (target_column));
      g_autofree char *name = unique_column_name (assoc, base);
      g_autoptr (TwColumn) column = new_referring_column (name, target_column);

      tw_column_set_primary_key (column, TRUE);
      tw_column_set_nullable (column, FALSE);
      tw_table_add_column (assoc, column);
      g_strv_builder_add (local, name);
      g_strv_builder_add (remote, tw_column_get_name (target_column));
    }
  local_names = g_strv_builder_end (local);
  remote_names = g_strv_builder_end (remote);

  fk = tw_foreign_key_new (NULL,
                           (const char * const *) local_names,
                           tw_table_get_name (target),
                           (const char * const *) remote_names);
  tw_table_add_foreign_key (assoc, fk);
}

TwRelationship *
tw_metadata_link_many_to_many (TwMetadata  *self,
                               TwTable     *left,
                               TwTable     *right,
                               const char  *secondary,
                               GError     **error)
{
  g_autoptr (GPtrArray) left_pk = NULL;
  g_autoptr (GPtrArray) right_pk = NULL;
  g_autoptr (TwTable) assoc = NULL;
  g_autoptr (TwRelationship) rel = NULL;
  g_autofree char *default_name = NULL;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (left), NULL);
  g_return_val_if_fail (TW_IS_TABLE (right), NULL);
  g_return_val_if_fail (tw_table_get_metadata (left) == self, NULL);
  g_return_val_if_fail (tw_table_get_metadata (right) == self, NULL);

  if (!(left_pk = require_primary_key (left, error)) ||
      !(right_pk = require_primary_key (right, error)))
    return NULL;

  if (secondary == NULL)
    {
      default_name = g_strdup_printf ("%s_%s", tw_table_get_name (left), tw_table_get_name (right));
      secondary = default_name;
    }

  if (tw_metadata_find_table (self, secondary) != NULL)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_DUPLICATE_NAME,
                   _("Cannot create the association table “%s”: a table of that name exists"),
                   secondary);
      return NULL;
    }

  assoc = tw_table_new (secondary);
  add_association_side (assoc, left, left_pk);
  add_association_side (assoc, right, right_pk);
  /* Between the two cards, a little below them. */
  tw_table_set_position (assoc,
                         (tw_table_get_x (left) + tw_table_get_x (right)) / 2.0,
                         MAX (tw_table_get_y (left), tw_table_get_y (right)) + 160.0);
  tw_metadata_add_table (self, assoc);

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY,
                             tw_table_get_name (left),
                             tw_table_get_name (right));
  tw_relationship_set_secondary (rel, secondary);
  tw_relationship_set_left_attribute (rel, tw_table_get_name (right));
  tw_relationship_set_right_attribute (rel, tw_table_get_name (left));
  tw_metadata_add_relationship (self, rel);

  return rel;
}

TwTable *
tw_metadata_find_foreign_key_table (TwMetadata   *self,
                                    TwForeignKey *foreign_key)
{
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (foreign_key), NULL);

  n = tw_metadata_get_n_tables (self);
  for (guint t = 0; t < n; t++)
    {
      TwTable *table = tw_metadata_get_table (self, t);
      guint position;

      if (g_list_store_find (G_LIST_STORE (tw_table_get_foreign_keys (table)), foreign_key, &position))
        return table;
    }
  return NULL;
}

void
_tw_metadata_emit_table_changed (TwMetadata *self,
                                 TwTable    *table)
{
  g_return_if_fail (TW_IS_METADATA (self));

  g_signal_emit (self, signals[TABLE_CHANGED], 0, table);
  emit_changed (self);
}

/* For the undo history, which puts back a whole recorded state itself: list
 * changes that touch nothing else (no foreign keys, relationships or
 * association tables follow). */
void
_tw_metadata_replace_table (TwMetadata *self,
                            guint       position,
                            TwTable    *table)
{
  g_autoptr (TwTable) old = NULL;

  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_TABLE (table));
  g_return_if_fail (tw_table_get_metadata (table) == NULL);
  g_return_if_fail (position < self->table_array->len);

  old = g_object_ref (g_ptr_array_index (self->table_array, position));
  _tw_table_set_metadata (table, self);
  g_ptr_array_index (self->table_array, position) = table;
  g_list_store_splice (self->tables, position, 1, (gpointer *) &table, 1);
  _tw_table_set_metadata (old, NULL);
}

void
_tw_metadata_remove_table_only (TwMetadata *self,
                                TwTable    *table)
{
  g_autoptr (TwTable) hold = NULL;
  guint position;

  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_TABLE (table));

  if (!g_ptr_array_find (self->table_array, table, &position))
    g_return_if_reached ();

  hold = g_object_ref (table);
  g_ptr_array_remove_index (self->table_array, position);
  g_list_store_remove (self->tables, position);
  _tw_table_set_metadata (table, NULL);
}

void
_tw_metadata_insert_relationship (TwMetadata     *self,
                                  guint           position,
                                  TwRelationship *relationship)
{
  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_RELATIONSHIP (relationship));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->relationships)));
  g_signal_connect_object (relationship, "changed",
                           G_CALLBACK (relationship_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_list_store_insert (self->relationships, position, relationship);
}

void
_tw_metadata_remove_relationship_only (TwMetadata     *self,
                                       TwRelationship *relationship)
{
  g_return_if_fail (TW_IS_METADATA (self));
  g_return_if_fail (TW_IS_RELATIONSHIP (relationship));

  remove_relationship_only (self, relationship);
}

/* Sorting ------------------------------------------------------------------ */

GPtrArray *
tw_metadata_sort_tables (TwMetadata  *self,
                         GPtrArray  **cycle_fks)
{
  g_autoptr (TwModelSnapshot) snapshot = NULL;
  g_autofree guint    *order = NULL;
  g_autofree gboolean *in_cycle = NULL;
  GPtrArray           *sorted;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  /* The sort itself is _tw_model_snapshot_sort(), which create_all shares. */
  snapshot = _tw_model_snapshot_new (self);
  order = g_new (guint, MAX (snapshot->n_tables, 1));
  in_cycle = g_new (gboolean, MAX (snapshot->n_foreign_keys, 1));
  _tw_model_snapshot_sort (snapshot, order, in_cycle);

  sorted = g_ptr_array_new_full (snapshot->n_tables, g_object_unref);
  for (guint i = 0; i < snapshot->n_tables; i++)
    g_ptr_array_add (sorted, g_object_ref (snapshot->tables[order[i]].table));

  if (cycle_fks != NULL)
    {
      *cycle_fks = g_ptr_array_new ();
      for (guint f = 0; f < snapshot->n_foreign_keys; f++)
        {
          if (in_cycle[f])
            g_ptr_array_add (*cycle_fks, snapshot->foreign_keys[f].foreign_key);
        }
    }

  return sorted;
}

/* Validation --------------------------------------------------------------- */

/* A set of names compared without ASCII case, as SQLite compares
 * identifiers (and MySQL column names), by open addressing. Names are
 * borrowed from the model: validation runs on every keystroke in the
 * designer and on 10,000-column models, so it allocates nothing per
 * column, and one set serves every table in turn. */
typedef struct
{
  const char **names;
  guint32     *hashes;
  guint        mask;
} CaseSet;

static guint32
ascii_case_hash (const char *name)
{
  guint32 h = 5381;

  /* g_ascii_tolower() is not inline. */
  for (const char *p = name; *p != '\0'; p++)
    h = (h << 5) + h + (guint32) (*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
  return h;
}

/* Empties set, making room for n names. */
static void
case_set_reset (CaseSet *set,
                guint    n)
{
  guint size = 16;

  while (size < 2 * n)
    size *= 2;
  if (set->names == NULL || size > set->mask + 1)
    {
      g_free (set->names);
      g_free (set->hashes);
      set->names = g_new (const char *, size);
      set->hashes = g_new (guint32, size);
      set->mask = size - 1;
    }
  memset (set->names, 0, (set->mask + 1) * sizeof (const char *));
}

static void
case_set_clear (CaseSet *set)
{
  g_clear_pointer (&set->names, g_free);
  g_clear_pointer (&set->hashes, g_free);
}

/* The name of the set equal to name but for ASCII case, or NULL after
 * adding name. */
static const char *
case_set_lookup_or_add (CaseSet    *set,
                        const char *name)
{
  guint32 hash = ascii_case_hash (name);
  guint   slot = hash & set->mask;

  while (set->names[slot] != NULL)
    {
      if (set->hashes[slot] == hash && g_ascii_strcasecmp (set->names[slot], name) == 0)
        return set->names[slot];
      slot = (slot + 1) & set->mask;
    }

  set->names[slot] = name;
  set->hashes[slot] = hash;
  return NULL;
}

typedef struct
{
  guint            dialects;
  GPtrArray       *problems;
  TwModelSnapshot *snapshot;
  GHashTable      *constraint_names;
  CaseSet          column_names;
} Validation;

/* A foreign key's column lists as text for messages, made only when a
 * message needs them. */
typedef struct
{
  const TwForeignKeyInfo *fk;
  char                   *local;
  char                   *remote;
} FkText;

static TwTableInfo *
lookup_table (Validation *v,
              const char *name)
{
  guint position = _tw_model_snapshot_find_table (v->snapshot, name);

  return position != TW_NO_TABLE ? &v->snapshot->tables[position] : NULL;
}

static void
add_problem (Validation *v,
             TwProblem  *problem)
{
  g_ptr_array_add (v->problems, problem);
}

static gboolean
for_dialect (Validation    *v,
             TwDialectKind  kind)
{
  return (v->dialects & TW_DIALECT_MASK (kind)) != 0;
}

static char *
join_names (const char * const *names)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, names[i]);
    }
  return g_string_free (str, FALSE);
}

static const char *
fk_local (FkText *text)
{
  if (text->local == NULL)
    text->local = join_names (text->fk->columns);
  return text->local;
}

static const char *
fk_remote (FkText *text)
{
  if (text->remote == NULL)
    text->remote = join_names (text->fk->referred_columns);
  return text->remote;
}

static gboolean
is_empty (const char *str)
{
  return str == NULL || str[0] == '\0';
}

/* tw_table_find_column() on the snapshot. */
static const TwColumnInfo *
find_column (const TwTableInfo *table,
             const char        *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cname = table->columns[i].name;

      if (cname != NULL && cname[0] == name[0] && strcmp (cname, name) == 0)
        return &table->columns[i];
    }
  return NULL;
}

/* tw_table_columns_are_unique(), with the common case of one column that
 * is the whole primary key answered from the snapshot. */
static gboolean
columns_are_unique (const TwTableInfo  *table,
                    const char * const *columns)
{
  const TwColumnInfo *key = NULL;
  guint               n_keys = 0;

  if (columns != NULL && columns[0] != NULL && columns[1] == NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          if (table->columns[i].primary_key)
            {
              key = &table->columns[i];
              n_keys++;
            }
        }
      if (n_keys == 1 && key->name != NULL && strcmp (key->name, columns[0]) == 0)
        return TRUE;
    }

  return tw_table_columns_are_unique (table->table, columns);
}

/* Whether a column of type a may refer to one of type b on the dialects
 * asked for. MySQL wants integers of the same size; the others accept any
 * two integers. Strings and text are interchangeable everywhere. */
static gboolean
types_compatible (Validation         *v,
                  const TwColumnInfo *a,
                  const TwColumnInfo *b)
{
  TwColumnType ta = a->column_type;
  TwColumnType tb = b->column_type;

  if (ta == tb)
    return TRUE;
  if (tw_column_type_is_integer (ta) && tw_column_type_is_integer (tb))
    return !for_dialect (v, TW_DIALECT_KIND_MYSQL);
  if ((ta == TW_COLUMN_TYPE_STRING || ta == TW_COLUMN_TYPE_TEXT) &&
      (tb == TW_COLUMN_TYPE_STRING || tb == TW_COLUMN_TYPE_TEXT))
    return TRUE;
  return FALSE;
}

static void
validate_column (Validation         *v,
                 const TwTableInfo  *table,
                 const TwColumnInfo *column)
{
  const char *tname = table->name;
  const char *cname = column->name;
  TwColumnType type = column->column_type;

  if (is_empty (cname))
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, tname, NULL,
                                      _("A column of table “%s” has no name"), tname));
      return;
    }

  {
    const char *other = case_set_lookup_or_add (&v->column_names, cname);

    if (other != NULL && g_str_equal (other, cname))
      add_problem (v, tw_problem_new (TW_PROBLEM_DUPLICATE_COLUMN, tname, cname,
                                      _("Table “%s” has more than one column named “%s”"),
                                      tname, cname));
    else if (other != NULL &&
             (for_dialect (v, TW_DIALECT_KIND_SQLITE) || for_dialect (v, TW_DIALECT_KIND_MYSQL)))
      add_problem (v, tw_problem_new (TW_PROBLEM_DUPLICATE_COLUMN, tname, cname,
                                      _("Column “%s” of table “%s” differs from column “%s” only in case, "
                                        "which SQLite and MySQL do not tell apart"),
                                      cname, tname, other));
  }

  switch (type)
    {
    case TW_COLUMN_TYPE_STRING:
      if (column->length == 0 && for_dialect (v, TW_DIALECT_KIND_MYSQL))
        add_problem (v, tw_problem_new (TW_PROBLEM_STRING_NEEDS_LENGTH, tname, cname,
                                        _("Column “%s.%s” is a String without a length, which MySQL "
                                          "needs for VARCHAR"),
                                        tname, cname));
      break;

    case TW_COLUMN_TYPE_ENUM:
      {
        const char * const *values = column->enum_values;

        if (values == NULL || values[0] == NULL)
          add_problem (v, tw_problem_new (TW_PROBLEM_ENUM_NO_VALUES, tname, cname,
                                          _("Enum column “%s.%s” has no values"), tname, cname));
        if (is_empty (column->enum_name) && for_dialect (v, TW_DIALECT_KIND_POSTGRESQL))
          add_problem (v, tw_problem_new (TW_PROBLEM_ENUM_NEEDS_NAME, tname, cname,
                                          _("Enum column “%s.%s” needs a type name for PostgreSQL, "
                                            "which creates enums as named types"),
                                          tname, cname));
      }
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      if (column->scale >= 0 &&
          (column->precision == 0 || (guint) column->scale > column->precision))
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has scale %d but precision %u; "
                                          "the scale must come with a precision at least as large"),
                                        tname, cname, column->scale, column->precision));
      else if (column->precision > 1000)
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has precision %u; at most 1000 is possible"),
                                        tname, cname, column->precision));
      else if (column->precision > 65 && for_dialect (v, TW_DIALECT_KIND_MYSQL))
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has precision %u; MySQL allows at most 65"),
                                        tname, cname, column->precision));
      break;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_FLOAT:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_LARGE_BINARY:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_UUID:
    default:
      break;
    }

  if (column->default_kind == TW_DEFAULT_KIND_FUNCTION)
    {
      const char *fn = column->default_value;

      if (g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP) != 0 &&
          g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_DATE) != 0 &&
          g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_TIME) != 0)
        add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, cname,
                                        _("Column “%s.%s” has the default function “%s”; known are "
                                          "current_timestamp, current_date and current_time"),
                                        tname, cname, fn != NULL ? fn : ""));
    }
  else if (column->default_kind != TW_DEFAULT_KIND_NONE && column->default_value == NULL)
    add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, cname,
                                    _("Column “%s.%s” has a default without a value"), tname, cname));

  if (column->autoincrement == TW_AUTOINCREMENT_ALWAYS &&
      (!column->primary_key || !tw_column_type_is_integer (type)))
    add_problem (v, tw_problem_new (TW_PROBLEM_AUTOINCREMENT, tname, cname,
                                    _("Column “%s.%s” is set to autoincrement but is not an integer "
                                      "primary key column"),
                                    tname, cname));
}

/* what is untranslated (N_()), translated only for a message: validation
 * checks every foreign key of a model. element is the constraint's name;
 * when it is NULL and fk_text is not, the foreign key's columns stand for
 * it. */
static void
check_columns_exist (Validation         *v,
                     const TwTableInfo  *table,
                     const char         *what,
                     const char         *element,
                     FkText             *fk_text,
                     const char * const *columns)
{
  const char *tname = table->name;

  if (columns == NULL || columns[0] == NULL)
    {
      if (element == NULL && fk_text != NULL)
        element = fk_local (fk_text);
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_CONSTRAINT, tname, element,
                                      _("%s “%s” of table “%s” names no column"),
                                      _(what), element != NULL ? element : _("(unnamed)"), tname));
      return;
    }

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (find_column (table, columns[i]) == NULL)
        {
          if (element == NULL && fk_text != NULL)
            element = fk_local (fk_text);
          add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, element,
                                          _("%s “%s” of table “%s” names the column “%s”, which the table does not have"),
                                          _(what), element != NULL ? element : _("(unnamed)"), tname, columns[i]));
        }
    }
}

static void
check_constraint_name (Validation        *v,
                       const TwTableInfo *table,
                       const char        *name)
{
  if (name == NULL)
    return;

  if (name[0] == '\0')
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, table->name, NULL,
                                      _("A constraint of table “%s” has an empty name"),
                                      table->name));
      return;
    }

  if (!g_hash_table_add (v->constraint_names, (gpointer) name))
    add_problem (v, tw_problem_new (TW_PROBLEM_DUPLICATE_CONSTRAINT, table->name, name,
                                    _("The name “%s” is used by more than one constraint or index "
                                      "(table “%s”); names must be unique in the database"),
                                    name, table->name));
}

static void
validate_foreign_key (Validation             *v,
                      const TwTableInfo      *table,
                      const TwForeignKeyInfo *fk)
{
  const char *tname = table->name;
  const char *rname = fk->referred_table;
  const char * const *columns = fk->columns;
  const char * const *rcolumns = fk->referred_columns;
  FkText text = { fk, NULL, NULL };
  const TwTableInfo *target;
  gboolean all_found = TRUE;
  guint n_columns;
  guint n_rcolumns;

  check_columns_exist (v, table, N_("Foreign key"), fk->name, &text, columns);

  target = lookup_table (v, rname);
  if (target == NULL)
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_FK_UNKNOWN_TABLE, tname, fk_local (&text),
                                      _("Foreign key (%s) of table “%s” refers to the table “%s”, which does not exist"),
                                      fk_local (&text), tname, rname != NULL ? rname : ""));
      goto out;
    }

  n_columns = g_strv_length ((char **) columns);
  n_rcolumns = g_strv_length ((char **) rcolumns);
  if (n_columns != n_rcolumns)
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_FK_COLUMN_COUNT, tname, fk_local (&text),
                                      _("Foreign key (%s) of table “%s” has %u columns but refers to %u columns (%s) of “%s”"),
                                      fk_local (&text), tname, n_columns, n_rcolumns,
                                      fk_remote (&text), rname));
      goto out;
    }

  for (guint i = 0; rcolumns[i] != NULL; i++)
    {
      const TwColumnInfo *rcol = find_column (target, rcolumns[i]);
      const TwColumnInfo *lcol = find_column (table, columns[i]);

      if (rcol == NULL)
        {
          all_found = FALSE;
          add_problem (v, tw_problem_new (TW_PROBLEM_FK_UNKNOWN_COLUMN, tname, fk_local (&text),
                                          _("Foreign key (%s) of table “%s” refers to the column “%s.%s”, which does not exist"),
                                          fk_local (&text), tname, rname, rcolumns[i]));
          continue;
        }

      if (lcol != NULL && !types_compatible (v, lcol, rcol))
        {
          g_autofree char *ltype = tw_column_dup_type_label (lcol->column);
          g_autofree char *rtype = tw_column_dup_type_label (rcol->column);

          add_problem (v, tw_problem_new (TW_PROBLEM_FK_TYPE_MISMATCH, tname, columns[i],
                                          _("Column “%s.%s” (%s) refers to “%s.%s” of another type (%s)"),
                                          tname, columns[i], ltype, rname, rcolumns[i], rtype));
        }
    }

  if (all_found && !columns_are_unique (target, rcolumns))
    add_problem (v, tw_problem_new (TW_PROBLEM_FK_NOT_UNIQUE, tname, fk_local (&text),
                                    _("Foreign key (%s) of table “%s” refers to (%s) of “%s”, which is neither "
                                      "its primary key nor unique"),
                                    fk_local (&text), tname, fk_remote (&text), rname));

  if (fk->on_delete == TW_FK_ACTION_SET_NULL || fk->on_update == TW_FK_ACTION_SET_NULL)
    {
      for (guint i = 0; columns[i] != NULL; i++)
        {
          const TwColumnInfo *lcol = find_column (table, columns[i]);

          if (lcol != NULL && !(lcol->nullable && !lcol->primary_key))
            add_problem (v, tw_problem_new (TW_PROBLEM_SET_NULL_NOT_NULLABLE, tname, columns[i],
                                            _("Foreign key (%s) of table “%s” sets “%s” to NULL, "
                                              "but the column is NOT NULL"),
                                            fk_local (&text), tname, columns[i]));
        }
    }

out:
  g_free (text.local);
  g_free (text.remote);
}

static gboolean
has_foreign_key_to (TwTable            *table,
                    const char         *target,
                    const char * const *columns)
{
  GListModel *fks = tw_table_get_foreign_keys (table);
  guint n = g_list_model_get_n_items (fks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);

      if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), target) != 0)
        continue;
      if (columns == NULL || columns[0] == NULL)
        return TRUE;
      if (g_strv_equal (columns, tw_foreign_key_get_columns (fk)))
        return TRUE;
    }
  return FALSE;
}

static void
validate_relationship (Validation     *v,
                       TwRelationship *rel)
{
  const char *left = tw_relationship_get_left_table (rel);
  const char *right = tw_relationship_get_right_table (rel);
  TwTableInfo *left_table = lookup_table (v, left);
  TwTableInfo *right_table = lookup_table (v, right);
  g_autofree char *label = g_strdup_printf ("%s–%s", left != NULL ? left : "", right != NULL ? right : "");

  if (left_table == NULL || right_table == NULL)
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, left, label,
                                      _("Relationship %s names the table “%s”, which does not exist"),
                                      label, left_table == NULL ? (left ? left : "") : (right ? right : "")));
      return;
    }

  if (is_empty (tw_relationship_get_left_attribute (rel)) ||
      is_empty (tw_relationship_get_right_attribute (rel)))
    add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, left, label,
                                    _("Relationship %s needs an attribute name on both sides"), label));

  if (tw_relationship_get_kind (rel) == TW_RELATIONSHIP_KIND_MANY_TO_MANY)
    {
      const char *secondary = tw_relationship_get_secondary (rel);
      TwTableInfo *assoc = lookup_table (v, secondary);

      if (assoc == NULL)
        add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, left, label,
                                        _("Many-to-many relationship %s has no association table “%s”"),
                                        label, secondary != NULL ? secondary : ""));
      else if (!has_foreign_key_to (assoc->table, left, NULL) ||
               !has_foreign_key_to (assoc->table, right, NULL))
        add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, secondary, label,
                                        _("Association table “%s” of relationship %s needs a foreign key "
                                          "to “%s” and one to “%s”"),
                                        secondary, label, left, right));
    }
  else if (!has_foreign_key_to (right_table->table, left,
                                tw_relationship_get_foreign_key_columns (rel)))
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, right, label,
                                      _("One-to-many relationship %s needs a foreign key from “%s” to “%s”"),
                                      label, right, left));
    }
}

static void
validate_table (Validation        *v,
                const TwTableInfo *table)
{
  const char *tname = table->name;
  GListModel *list;

  if (table->n_columns == 0)
    add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_TABLE, tname, NULL,
                                    _("Table “%s” has no columns"), tname));

  case_set_reset (&v->column_names, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    validate_column (v, table, &table->columns[i]);

  if (for_dialect (v, TW_DIALECT_KIND_SQLITE))
    {
      guint n_keys = 0;

      for (guint i = 0; i < table->n_columns; i++)
        n_keys += table->columns[i].primary_key;

      for (guint i = 0; i < table->n_columns && n_keys > 1; i++)
        {
          const TwColumnInfo *column = &table->columns[i];

          if (column->primary_key && column->autoincrement == TW_AUTOINCREMENT_ALWAYS)
            add_problem (v, tw_problem_new (TW_PROBLEM_AUTOINCREMENT, tname, column->name,
                                            _("Column “%s.%s” is set to autoincrement, but it is part of a "
                                              "composite primary key, which SQLite cannot autoincrement"),
                                            tname, column->name));
        }
    }

  check_constraint_name (v, table, table->primary_key_name);

  for (guint i = 0; i < table->n_foreign_keys; i++)
    {
      check_constraint_name (v, table, table->foreign_keys[i].name);
      validate_foreign_key (v, table, &table->foreign_keys[i]);
    }

  /* The lists are read only when they hold something. */
  list = table->n_unique_constraints > 0 ? tw_table_get_unique_constraints (table->table) : NULL;
  for (guint i = 0; i < table->n_unique_constraints; i++)
    {
      g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (list, i);

      check_constraint_name (v, table, tw_unique_constraint_get_name (uc));
      check_columns_exist (v, table, N_("Unique constraint"), tw_unique_constraint_get_name (uc),
                           NULL, tw_unique_constraint_get_columns (uc));
    }

  list = table->n_check_constraints > 0 ? tw_table_get_check_constraints (table->table) : NULL;
  for (guint i = 0; i < table->n_check_constraints; i++)
    {
      g_autoptr (TwCheckConstraint) cc = g_list_model_get_item (list, i);

      check_constraint_name (v, table, tw_check_constraint_get_name (cc));
      if (is_empty (tw_check_constraint_get_expression (cc)))
        add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_CONSTRAINT, tname, tw_check_constraint_get_name (cc),
                                        _("A check constraint of table “%s” has no expression"), tname));
    }

  list = table->n_indexes > 0 ? tw_table_get_indexes (table->table) : NULL;
  for (guint i = 0; i < table->n_indexes; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, i);
      const char *iname = tw_index_get_name (index);

      if (is_empty (iname))
        add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, tname, NULL,
                                        _("An index of table “%s” has no name"), tname));
      else
        check_constraint_name (v, table, iname);
      check_columns_exist (v, table, N_("Index"), iname, NULL, tw_index_get_columns (index));
    }
}

GPtrArray *
_tw_metadata_validate_snapshot (TwModelSnapshot *snapshot,
                                guint            dialects)
{
  TwMetadata *self = snapshot->metadata;
  g_autoptr (GHashTable) constraint_names = NULL;
  CaseSet table_names = { NULL, NULL, 0 };
  Validation v = { 0 };
  guint n;

  v.dialects = dialects;
  v.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_problem_free);
  v.snapshot = snapshot;
  constraint_names = g_hash_table_new (g_str_hash, g_str_equal);
  v.constraint_names = constraint_names;

  case_set_reset (&table_names, snapshot->n_tables);
  for (guint i = 0; i < snapshot->n_tables; i++)
    {
      const TwTableInfo *table = &snapshot->tables[i];
      const char *name = table->name;

      if (is_empty (name))
        {
          add_problem (&v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, NULL, NULL,
                                           _("Table number %u has no name"), i + 1));
        }
      else
        {
          const char *other = case_set_lookup_or_add (&table_names, name);

          if (other != NULL && g_str_equal (other, name))
            add_problem (&v, tw_problem_new (TW_PROBLEM_DUPLICATE_TABLE, name, NULL,
                                             _("More than one table is named “%s”"), name));
          else if (other != NULL && for_dialect (&v, TW_DIALECT_KIND_SQLITE))
            add_problem (&v, tw_problem_new (TW_PROBLEM_DUPLICATE_TABLE, name, NULL,
                                             _("Table “%s” differs from table “%s” only in case, "
                                               "which SQLite does not tell apart"),
                                             name, other));
        }

      validate_table (&v, table);
    }
  case_set_clear (&table_names);
  case_set_clear (&v.column_names);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);
      validate_relationship (&v, rel);
    }

  return v.problems;
}

GPtrArray *
tw_metadata_validate (TwMetadata *self,
                      guint       dialects)
{
  g_autoptr (TwModelSnapshot) snapshot = NULL;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  snapshot = _tw_model_snapshot_new (self);
  return _tw_metadata_validate_snapshot (snapshot, dialects);
}
