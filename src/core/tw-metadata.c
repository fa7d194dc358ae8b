/* tw-metadata.c: the metadata model: tables and the relationships between them
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-metadata"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-metadata.h"

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

/* Sorting ------------------------------------------------------------------ */

typedef struct
{
  guint      n;
  GArray   **edges;      /* edges[i]: indexes of tables that refer to table i */
  guint     *index;      /* Tarjan's bookkeeping */
  guint     *lowlink;
  gboolean  *on_stack;
  guint     *component;
  GArray    *stack;
  guint      next_index;
  guint      next_component;
} Graph;

#define UNVISITED G_MAXUINT

static void
strong_connect (Graph *g,
                guint  v)
{
  /* Tarjan's algorithm, iteratively, so a 10,000-table chain cannot
   * overflow the C stack. Each frame is (vertex, next edge to look at). */
  g_autoptr (GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint frame[2] = { v, 0 };

  g_array_append_vals (frames, frame, 1);
  g->index[v] = g->lowlink[v] = g->next_index++;
  g_array_append_val (g->stack, v);
  g->on_stack[v] = TRUE;

  while (frames->len > 0)
    {
      guint *top = &g_array_index (frames, guint, (frames->len - 1) * 2);
      guint u = top[0];
      GArray *out = g->edges[u];

      if (top[1] < out->len)
        {
          guint w = g_array_index (out, guint, top[1]);

          top[1]++;
          if (g->index[w] == UNVISITED)
            {
              guint next[2] = { w, 0 };

              g->index[w] = g->lowlink[w] = g->next_index++;
              g_array_append_val (g->stack, w);
              g->on_stack[w] = TRUE;
              g_array_append_vals (frames, next, 1);
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
              w = g_array_index (g->stack, guint, g->stack->len - 1);
              g_array_set_size (g->stack, g->stack->len - 1);
              g->on_stack[w] = FALSE;
              g->component[w] = g->next_component;
            }
          while (w != u);
          g->next_component++;
        }

      g_array_set_size (frames, frames->len - 1);
      if (frames->len > 0)
        {
          guint parent = g_array_index (frames, guint, (frames->len - 1) * 2);
          g->lowlink[parent] = MIN (g->lowlink[parent], g->lowlink[u]);
        }
    }
}

GPtrArray *
tw_metadata_sort_tables (TwMetadata  *self,
                         GPtrArray  **cycle_fks)
{
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GPtrArray) cycles = NULL;
  g_autofree guint *in_degree = NULL;
  g_autofree gboolean *done = NULL;
  GPtrArray *sorted;
  Graph g = { 0 };
  guint n;
  guint cursor;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  n = tw_metadata_get_n_tables (self);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *name = tw_table_get_name (tw_metadata_get_table (self, i));

      /* With duplicate names, the first table of the name is the one referred to. */
      if (name != NULL && !g_hash_table_contains (by_name, name))
        g_hash_table_insert (by_name, (gpointer) name, GUINT_TO_POINTER (i));
    }

  g.n = n;
  g.edges = g_new0 (GArray *, MAX (n, 1));
  g.index = g_new (guint, MAX (n, 1));
  g.lowlink = g_new (guint, MAX (n, 1));
  g.on_stack = g_new0 (gboolean, MAX (n, 1));
  g.component = g_new (guint, MAX (n, 1));
  g.stack = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      g.edges[i] = g_array_new (FALSE, FALSE, sizeof (guint));
      g.index[i] = UNVISITED;
    }

  /* Edge referred → referring, for every foreign key to another known table. */
  for (guint i = 0; i < n; i++)
    {
      GListModel *fks = tw_table_get_foreign_keys (tw_metadata_get_table (self, i));
      guint n_fks = g_list_model_get_n_items (fks);

      for (guint f = 0; f < n_fks; f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          gpointer target;

          if (g_hash_table_lookup_extended (by_name, tw_foreign_key_get_referred_table (fk), NULL, &target) &&
              GPOINTER_TO_UINT (target) != i)
            g_array_append_val (g.edges[GPOINTER_TO_UINT (target)], i);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (g.index[i] == UNVISITED)
        strong_connect (&g, i);
    }

  /* Foreign keys inside one strongly connected component form cycles: they
   * are left out of the order (and created later with ALTER TABLE, as
   * SQLAlchemy does with use_alter). */
  cycles = g_ptr_array_new ();
  in_degree = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    g_array_set_size (g.edges[i], 0);

  for (guint i = 0; i < n; i++)
    {
      GListModel *fks = tw_table_get_foreign_keys (tw_metadata_get_table (self, i));
      guint n_fks = g_list_model_get_n_items (fks);

      for (guint f = 0; f < n_fks; f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          gpointer target_ptr;
          guint target;

          if (!g_hash_table_lookup_extended (by_name, tw_foreign_key_get_referred_table (fk), NULL, &target_ptr))
            continue;
          target = GPOINTER_TO_UINT (target_ptr);
          if (target == i)
            continue;

          if (g.component[target] == g.component[i])
            {
              g_ptr_array_add (cycles, fk);
              continue;
            }

          g_array_append_val (g.edges[target], i);
          in_degree[i]++;
        }
    }

  /* Kahn's algorithm, always taking the first ready table in model order so
   * that the output is deterministic and close to what the user drew. */
  sorted = g_ptr_array_new_full (n, g_object_unref);
  done = g_new0 (gboolean, MAX (n, 1));
  cursor = 0;
  while (sorted->len < n)
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
      g_ptr_array_add (sorted, g_object_ref (tw_metadata_get_table (self, pick)));
      for (guint e = 0; e < g.edges[pick]->len; e++)
        {
          guint w = g_array_index (g.edges[pick], guint, e);

          in_degree[w]--;
          if (in_degree[w] == 0 && w < cursor)
            cursor = w;
        }
      while (cursor < n && done[cursor])
        cursor++;
    }

  for (guint i = 0; i < n; i++)
    g_array_unref (g.edges[i]);
  g_free (g.edges);
  g_free (g.index);
  g_free (g.lowlink);
  g_free (g.on_stack);
  g_free (g.component);
  g_array_unref (g.stack);

  if (cycle_fks != NULL)
    *cycle_fks = g_steal_pointer (&cycles);

  return sorted;
}

/* Validation --------------------------------------------------------------- */

typedef struct
{
  TwMetadata *self;
  guint       dialects;
  GPtrArray  *problems;
  GHashTable *tables;  /* name → first TwTable of that name, borrowed */
} Validation;

/* Names compared without ASCII case, as SQLite compares identifiers (and
 * MySQL column names). Keys are borrowed from the model: validation runs on
 * every keystroke in the designer and on 10,000-column models, so it
 * allocates nothing per column. */
static guint
ascii_case_hash (gconstpointer key)
{
  const char *p = key;
  guint h = 5381;

  for (; *p != '\0'; p++)
    h = (h << 5) + h + (guint) g_ascii_tolower (*p);
  return h;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static TwTable *
lookup_table (Validation *v,
              const char *name)
{
  return name != NULL ? g_hash_table_lookup (v->tables, name) : NULL;
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

static gboolean
is_empty (const char *str)
{
  return str == NULL || str[0] == '\0';
}

/* Whether a column of type a may refer to one of type b on the dialects
 * asked for. MySQL wants integers of the same size; the others accept any
 * two integers. Strings and text are interchangeable everywhere. */
static gboolean
types_compatible (Validation *v,
                  TwColumn   *a,
                  TwColumn   *b)
{
  TwColumnType ta = tw_column_get_column_type (a);
  TwColumnType tb = tw_column_get_column_type (b);

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
validate_column (Validation *v,
                 TwTable    *table,
                 TwColumn   *column,
                 GHashTable *seen)
{
  const char *tname = tw_table_get_name (table);
  const char *cname = tw_column_get_name (column);
  TwColumnType type = tw_column_get_column_type (column);

  if (is_empty (cname))
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, tname, NULL,
                                      _("A column of table “%s” has no name"), tname));
      return;
    }

  {
    const char *other = g_hash_table_lookup (seen, cname);

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
    if (other == NULL)
      g_hash_table_insert (seen, (gpointer) cname, (gpointer) cname);
  }

  switch (type)
    {
    case TW_COLUMN_TYPE_STRING:
      if (tw_column_get_length (column) == 0 && for_dialect (v, TW_DIALECT_KIND_MYSQL))
        add_problem (v, tw_problem_new (TW_PROBLEM_STRING_NEEDS_LENGTH, tname, cname,
                                        _("Column “%s.%s” is a String without a length, which MySQL "
                                          "needs for VARCHAR"),
                                        tname, cname));
      break;

    case TW_COLUMN_TYPE_ENUM:
      {
        const char * const *values = tw_column_get_enum_values (column);

        if (values == NULL || values[0] == NULL)
          add_problem (v, tw_problem_new (TW_PROBLEM_ENUM_NO_VALUES, tname, cname,
                                          _("Enum column “%s.%s” has no values"), tname, cname));
        if (is_empty (tw_column_get_enum_name (column)) && for_dialect (v, TW_DIALECT_KIND_POSTGRESQL))
          add_problem (v, tw_problem_new (TW_PROBLEM_ENUM_NEEDS_NAME, tname, cname,
                                          _("Enum column “%s.%s” needs a type name for PostgreSQL, "
                                            "which creates enums as named types"),
                                          tname, cname));
      }
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      if (tw_column_get_scale (column) >= 0 &&
          (tw_column_get_precision (column) == 0 ||
           (guint) tw_column_get_scale (column) > tw_column_get_precision (column)))
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has scale %d but precision %u; "
                                          "the scale must come with a precision at least as large"),
                                        tname, cname, tw_column_get_scale (column),
                                        tw_column_get_precision (column)));
      else if (tw_column_get_precision (column) > 1000)
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has precision %u; at most 1000 is possible"),
                                        tname, cname, tw_column_get_precision (column)));
      else if (tw_column_get_precision (column) > 65 && for_dialect (v, TW_DIALECT_KIND_MYSQL))
        add_problem (v, tw_problem_new (TW_PROBLEM_BAD_NUMERIC, tname, cname,
                                        _("Numeric column “%s.%s” has precision %u; MySQL allows at most 65"),
                                        tname, cname, tw_column_get_precision (column)));
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

  if (tw_column_get_default_kind (column) == TW_DEFAULT_KIND_FUNCTION)
    {
      const char *fn = tw_column_get_default_value (column);

      if (g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP) != 0 &&
          g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_DATE) != 0 &&
          g_strcmp0 (fn, TW_DEFAULT_FUNCTION_CURRENT_TIME) != 0)
        add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, cname,
                                        _("Column “%s.%s” has the default function “%s”; known are "
                                          "current_timestamp, current_date and current_time"),
                                        tname, cname, fn != NULL ? fn : ""));
    }
  else if (tw_column_get_default_kind (column) != TW_DEFAULT_KIND_NONE &&
           tw_column_get_default_value (column) == NULL)
    add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, cname,
                                    _("Column “%s.%s” has a default without a value"), tname, cname));

  if (tw_column_get_autoincrement (column) == TW_AUTOINCREMENT_ALWAYS &&
      (!tw_column_get_primary_key (column) || !tw_column_type_is_integer (type)))
    add_problem (v, tw_problem_new (TW_PROBLEM_AUTOINCREMENT, tname, cname,
                                    _("Column “%s.%s” is set to autoincrement but is not an integer "
                                      "primary key column"),
                                    tname, cname));
}

static void
check_columns_exist (Validation         *v,
                     TwTable            *table,
                     const char         *what,
                     const char         *element,
                     const char * const *columns)
{
  const char *tname = tw_table_get_name (table);

  if (columns == NULL || columns[0] == NULL)
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_CONSTRAINT, tname, element,
                                      _("%s “%s” of table “%s” names no column"),
                                      what, element != NULL ? element : _("(unnamed)"), tname));
      return;
    }

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (tw_table_find_column (table, columns[i]) == NULL)
        add_problem (v, tw_problem_new (TW_PROBLEM_UNKNOWN_COLUMN, tname, element,
                                        _("%s “%s” of table “%s” names the column “%s”, which the table does not have"),
                                        what, element != NULL ? element : _("(unnamed)"), tname, columns[i]));
    }
}

static void
check_constraint_name (Validation *v,
                       TwTable    *table,
                       const char *name,
                       GHashTable *names)
{
  if (name == NULL)
    return;

  if (name[0] == '\0')
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, tw_table_get_name (table), NULL,
                                      _("A constraint of table “%s” has an empty name"),
                                      tw_table_get_name (table)));
      return;
    }

  if (!g_hash_table_add (names, (gpointer) name))
    add_problem (v, tw_problem_new (TW_PROBLEM_DUPLICATE_CONSTRAINT, tw_table_get_name (table), name,
                                    _("The name “%s” is used by more than one constraint or index "
                                      "(table “%s”); names must be unique in the database"),
                                    name, tw_table_get_name (table)));
}

static void
validate_foreign_key (Validation   *v,
                      TwTable      *table,
                      TwForeignKey *fk)
{
  const char *tname = tw_table_get_name (table);
  const char *fkname = tw_foreign_key_get_name (fk);
  const char *rname = tw_foreign_key_get_referred_table (fk);
  const char * const *columns = tw_foreign_key_get_columns (fk);
  const char * const *rcolumns = tw_foreign_key_get_referred_columns (fk);
  g_autofree char *local = join_names (columns);
  g_autofree char *remote = join_names (rcolumns);
  TwTable *target;
  gboolean all_found = TRUE;

  check_columns_exist (v, table, _("Foreign key"), fkname != NULL ? fkname : local, columns);

  target = lookup_table (v, rname);
  if (target == NULL)
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_FK_UNKNOWN_TABLE, tname, local,
                                      _("Foreign key (%s) of table “%s” refers to the table “%s”, which does not exist"),
                                      local, tname, rname != NULL ? rname : ""));
      return;
    }

  if (g_strv_length ((char **) columns) != g_strv_length ((char **) rcolumns))
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_FK_COLUMN_COUNT, tname, local,
                                      _("Foreign key (%s) of table “%s” has %u columns but refers to %u columns (%s) of “%s”"),
                                      local, tname,
                                      g_strv_length ((char **) columns), g_strv_length ((char **) rcolumns),
                                      remote, rname));
      return;
    }

  for (guint i = 0; rcolumns[i] != NULL; i++)
    {
      TwColumn *rcol = tw_table_find_column (target, rcolumns[i]);
      TwColumn *lcol = tw_table_find_column (table, columns[i]);

      if (rcol == NULL)
        {
          all_found = FALSE;
          add_problem (v, tw_problem_new (TW_PROBLEM_FK_UNKNOWN_COLUMN, tname, local,
                                          _("Foreign key (%s) of table “%s” refers to the column “%s.%s”, which does not exist"),
                                          local, tname, rname, rcolumns[i]));
          continue;
        }

      if (lcol != NULL && !types_compatible (v, lcol, rcol))
        {
          g_autofree char *ltype = tw_column_dup_type_label (lcol);
          g_autofree char *rtype = tw_column_dup_type_label (rcol);

          add_problem (v, tw_problem_new (TW_PROBLEM_FK_TYPE_MISMATCH, tname, columns[i],
                                          _("Column “%s.%s” (%s) refers to “%s.%s” of another type (%s)"),
                                          tname, columns[i], ltype, rname, rcolumns[i], rtype));
        }
    }

  if (all_found && !tw_table_columns_are_unique (target, rcolumns))
    add_problem (v, tw_problem_new (TW_PROBLEM_FK_NOT_UNIQUE, tname, local,
                                    _("Foreign key (%s) of table “%s” refers to (%s) of “%s”, which is neither "
                                      "its primary key nor unique"),
                                    local, tname, remote, rname));

  if (tw_foreign_key_get_on_delete (fk) == TW_FK_ACTION_SET_NULL ||
      tw_foreign_key_get_on_update (fk) == TW_FK_ACTION_SET_NULL)
    {
      for (guint i = 0; columns[i] != NULL; i++)
        {
          TwColumn *lcol = tw_table_find_column (table, columns[i]);

          if (lcol != NULL && !tw_column_is_effectively_nullable (lcol))
            add_problem (v, tw_problem_new (TW_PROBLEM_SET_NULL_NOT_NULLABLE, tname, columns[i],
                                            _("Foreign key (%s) of table “%s” sets “%s” to NULL, "
                                              "but the column is NOT NULL"),
                                            local, tname, columns[i]));
        }
    }
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
  TwTable *left_table = lookup_table (v, left);
  TwTable *right_table = lookup_table (v, right);
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
      TwTable *assoc = lookup_table (v, secondary);

      if (assoc == NULL)
        add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, left, label,
                                        _("Many-to-many relationship %s has no association table “%s”"),
                                        label, secondary != NULL ? secondary : ""));
      else if (!has_foreign_key_to (assoc, left, NULL) || !has_foreign_key_to (assoc, right, NULL))
        add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, secondary, label,
                                        _("Association table “%s” of relationship %s needs a foreign key "
                                          "to “%s” and one to “%s”"),
                                        secondary, label, left, right));
    }
  else if (!has_foreign_key_to (right_table, left, tw_relationship_get_foreign_key_columns (rel)))
    {
      add_problem (v, tw_problem_new (TW_PROBLEM_RELATIONSHIP, right, label,
                                      _("One-to-many relationship %s needs a foreign key from “%s” to “%s”"),
                                      label, right, left));
    }
}

static void
validate_table (Validation *v,
                TwTable    *table,
                GHashTable *constraint_names)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  const char *tname = tw_table_get_name (table);
  GListModel *list;
  guint n;

  n = tw_table_get_n_columns (table);
  if (n == 0)
    add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_TABLE, tname, NULL,
                                    _("Table “%s” has no columns"), tname));

  for (guint i = 0; i < n; i++)
    validate_column (v, table, tw_table_get_column (table, i), seen);

  if (for_dialect (v, TW_DIALECT_KIND_SQLITE))
    {
      g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);

      for (guint i = 0; i < pk->len; i++)
        {
          TwColumn *column = g_ptr_array_index (pk, i);

          if (pk->len > 1 && tw_column_get_autoincrement (column) == TW_AUTOINCREMENT_ALWAYS)
            add_problem (v, tw_problem_new (TW_PROBLEM_AUTOINCREMENT, tname, tw_column_get_name (column),
                                            _("Column “%s.%s” is set to autoincrement, but it is part of a "
                                              "composite primary key, which SQLite cannot autoincrement"),
                                            tname, tw_column_get_name (column)));
        }
    }

  check_constraint_name (v, table, tw_table_get_primary_key_name (table), constraint_names);

  list = tw_table_get_foreign_keys (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (list, i);

      check_constraint_name (v, table, tw_foreign_key_get_name (fk), constraint_names);
      validate_foreign_key (v, table, fk);
    }

  list = tw_table_get_unique_constraints (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwUniqueConstraint) uc = g_list_model_get_item (list, i);

      check_constraint_name (v, table, tw_unique_constraint_get_name (uc), constraint_names);
      check_columns_exist (v, table, _("Unique constraint"), tw_unique_constraint_get_name (uc),
                           tw_unique_constraint_get_columns (uc));
    }

  list = tw_table_get_check_constraints (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwCheckConstraint) cc = g_list_model_get_item (list, i);

      check_constraint_name (v, table, tw_check_constraint_get_name (cc), constraint_names);
      if (is_empty (tw_check_constraint_get_expression (cc)))
        add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_CONSTRAINT, tname, tw_check_constraint_get_name (cc),
                                        _("A check constraint of table “%s” has no expression"), tname));
    }

  list = tw_table_get_indexes (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, i);
      const char *iname = tw_index_get_name (index);

      if (is_empty (iname))
        add_problem (v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, tname, NULL,
                                        _("An index of table “%s” has no name"), tname));
      else
        check_constraint_name (v, table, iname, constraint_names);
      check_columns_exist (v, table, _("Index"), iname, tw_index_get_columns (index));
    }
}

GPtrArray *
tw_metadata_validate (TwMetadata *self,
                      guint       dialects)
{
  g_autoptr (GHashTable) table_names = NULL;
  g_autoptr (GHashTable) constraint_names = NULL;
  g_autoptr (GHashTable) tables = NULL;
  Validation v;
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (self), NULL);

  v.self = self;
  v.dialects = dialects;
  v.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_problem_free);

  table_names = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  constraint_names = g_hash_table_new (g_str_hash, g_str_equal);
  tables = g_hash_table_new (g_str_hash, g_str_equal);
  v.tables = tables;

  /* With duplicate names, the first table of a name is the one referred to,
   * as in tw_metadata_find_table (). */
  n = tw_metadata_get_n_tables (self);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self, i);
      const char *name = tw_table_get_name (table);

      if (name != NULL && !g_hash_table_contains (tables, name))
        g_hash_table_insert (tables, (gpointer) name, table);
    }

  n = tw_metadata_get_n_tables (self);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self, i);
      const char *name = tw_table_get_name (table);

      if (is_empty (name))
        {
          add_problem (&v, tw_problem_new (TW_PROBLEM_EMPTY_NAME, NULL, NULL,
                                           _("Table number %u has no name"), i + 1));
        }
      else
        {
          const char *other = g_hash_table_lookup (table_names, name);

          if (other != NULL && g_str_equal (other, name))
            add_problem (&v, tw_problem_new (TW_PROBLEM_DUPLICATE_TABLE, name, NULL,
                                             _("More than one table is named “%s”"), name));
          else if (other != NULL && for_dialect (&v, TW_DIALECT_KIND_SQLITE))
            add_problem (&v, tw_problem_new (TW_PROBLEM_DUPLICATE_TABLE, name, NULL,
                                             _("Table “%s” differs from table “%s” only in case, "
                                               "which SQLite does not tell apart"),
                                             name, other));
          if (other == NULL)
            g_hash_table_insert (table_names, (gpointer) name, (gpointer) name);
        }

      validate_table (&v, table, constraint_names);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);
      validate_relationship (&v, rel);
    }

  return v.problems;
}
