/* tw-history.c: undo and redo of edits to a metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-history.h"
#include "tw-model-file.h"

/* Older steps are dropped beyond this many. */
#define MAX_STEPS 200

typedef struct
{
  char  *label;
  GBytes *before;
  GBytes *after;
} Step;

struct _TwHistory
{
  GObject     parent_instance;

  TwMetadata *metadata;
  GPtrArray  *undo_steps;   /* of Step, oldest first */
  GPtrArray  *redo_steps;   /* of Step, the next redo last */

  /* The model's text as it was when "changed" last fired after the cache
   * was filled; NULL when the model changed since. */
  GBytes     *current;
  GBytes     *pending_before;
  char       *pending_label;
  guint       depth;
  /* Set while the history itself rewrites the model. */
  guint       restoring : 1;
};

G_DEFINE_FINAL_TYPE (TwHistory, tw_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METADATA,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_clear_pointer (&step->before, g_bytes_unref);
  g_clear_pointer (&step->after, g_bytes_unref);
  g_free (step);
}

static GBytes *
snapshot (TwMetadata *metadata)
{
  char *data;
  gsize length = 0;

  data = tw_model_file_to_data (metadata, &length);
  return g_bytes_new_take (data, length);
}

static void
notify_state (TwHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
metadata_changed_cb (TwHistory  *self,
                     TwMetadata *metadata)
{
  if (self->restoring)
    return;
  g_clear_pointer (&self->current, g_bytes_unref);

  /* A change that no command recorded: undoing past it would throw it
   * away with the older state, so the steps recorded so far are dropped. */
  if (self->depth == 0 && (self->undo_steps->len > 0 || self->redo_steps->len > 0))
    {
      g_ptr_array_set_size (self->undo_steps, 0);
      g_ptr_array_set_size (self->redo_steps, 0);
      notify_state (self);
    }
}

void
tw_history_copy_model_into (TwMetadata *target,
                            TwMetadata *source)
{
  GListModel *relationships;
  guint n;

  g_return_if_fail (TW_IS_METADATA (target));
  g_return_if_fail (TW_IS_METADATA (source));

  /* Relationships first: removing a table takes its relationships along,
   * and a many-to-many relationship takes its association table. */
  relationships = tw_metadata_get_relationships (target);
  while ((n = g_list_model_get_n_items (relationships)) > 0)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, n - 1);

      tw_metadata_remove_relationship (target, relationship);
    }
  /* Foreign keys next, table by table: removing a table looks for keys that
   * refer to it in every other table, which is quadratic while they exist. */
  for (guint i = 0; i < tw_metadata_get_n_tables (target); i++)
    {
      TwTable *table = tw_metadata_get_table (target, i);
      GListModel *fks = tw_table_get_foreign_keys (table);

      while ((n = g_list_model_get_n_items (fks)) > 0)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, n - 1);

          tw_table_remove_foreign_key (table, fk);
        }
    }
  while ((n = tw_metadata_get_n_tables (target)) > 0)
    tw_metadata_remove_table (target, tw_metadata_get_table (target, n - 1));

  for (guint i = 0; i < tw_metadata_get_n_tables (source); i++)
    {
      g_autoptr (TwTable) copy = tw_table_copy (tw_metadata_get_table (source, i));

      tw_metadata_add_table (target, copy);
    }

  relationships = tw_metadata_get_relationships (source);
  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      g_autoptr (TwRelationship) copy = tw_relationship_copy (relationship);

      tw_metadata_add_relationship (target, copy);
    }
}

/* The quick way for the commonest steps, moves and auto-layouts: when the
 * two models hold the same tables and moving the cards makes the target's
 * text the wanted one, nothing else is replaced. */
static gboolean
restore_positions (TwMetadata *target,
                   TwMetadata *source,
                   GBytes     *wanted)
{
  g_autoptr (GBytes) now = NULL;
  guint n = tw_metadata_get_n_tables (target);

  if (tw_metadata_get_n_tables (source) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (tw_table_get_name (tw_metadata_get_table (target, i)),
                   tw_table_get_name (tw_metadata_get_table (source, i))) != 0)
      return FALSE;

  for (guint i = 0; i < n; i++)
    {
      TwTable *to = tw_metadata_get_table (target, i);
      TwTable *from = tw_metadata_get_table (source, i);

      if (tw_table_get_x (to) != tw_table_get_x (from) || tw_table_get_y (to) != tw_table_get_y (from))
        tw_table_set_position (to, tw_table_get_x (from), tw_table_get_y (from));
    }

  now = snapshot (target);
  return g_bytes_equal (now, wanted);
}

static gboolean
restore (TwHistory  *self,
         GBytes     *bytes,
         GError    **error)
{
  g_autoptr (TwMetadata) loaded = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  loaded = tw_model_file_load_from_data_full (data, length, _("<history>"), NULL, error);
  if (loaded == NULL)
    return FALSE;

  self->restoring = TRUE;
  if (!restore_positions (self->metadata, loaded, bytes))
    tw_history_copy_model_into (self->metadata, loaded);
  self->restoring = FALSE;

  g_clear_pointer (&self->current, g_bytes_unref);
  self->current = g_bytes_ref (bytes);
  return TRUE;
}

static void
tw_history_dispose (GObject *object)
{
  TwHistory *self = (TwHistory *) object;

  if (self->metadata != NULL)
    g_signal_handlers_disconnect_by_func (self->metadata, metadata_changed_cb, self);
  g_clear_object (&self->metadata);

  G_OBJECT_CLASS (tw_history_parent_class)->dispose (object);
}

static void
tw_history_finalize (GObject *object)
{
  TwHistory *self = (TwHistory *) object;

  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_bytes_unref);
  g_clear_pointer (&self->pending_before, g_bytes_unref);
  g_clear_pointer (&self->pending_label, g_free);

  G_OBJECT_CLASS (tw_history_parent_class)->finalize (object);
}

static void
tw_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TwHistory *self = TW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tw_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, tw_history_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, tw_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, tw_history_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TwHistory *self = TW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_assert (self->metadata == NULL);
      self->metadata = g_value_dup_object (value);
      if (self->metadata != NULL)
        g_signal_connect_object (self->metadata, "changed",
                                 G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_history_class_init (TwHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_history_dispose;
  object_class->finalize = tw_history_finalize;
  object_class->get_property = tw_history_get_property;
  object_class->set_property = tw_history_set_property;

  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tw_history_init (TwHistory *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func (step_free);
  self->redo_steps = g_ptr_array_new_with_free_func (step_free);
}

TwHistory *
tw_history_new (TwMetadata *metadata)
{
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);

  return g_object_new (TW_TYPE_HISTORY, "metadata", metadata, NULL);
}

TwMetadata *
tw_history_get_metadata (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  return self->metadata;
}

void
tw_history_begin (TwHistory  *self,
                  const char *label)
{
  g_return_if_fail (TW_IS_HISTORY (self));

  if (self->depth++ > 0)
    return;

  if (self->current == NULL)
    self->current = snapshot (self->metadata);
  self->pending_before = g_bytes_ref (self->current);
  self->pending_label = g_strdup (label);
}

void
tw_history_end (TwHistory *self)
{
  g_autoptr (GBytes) after = NULL;
  Step *step;

  g_return_if_fail (TW_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  if (self->current != NULL)
    {
      /* Nothing fired "changed" since begin. */
      g_clear_pointer (&self->pending_before, g_bytes_unref);
      g_clear_pointer (&self->pending_label, g_free);
      return;
    }

  after = snapshot (self->metadata);
  self->current = g_bytes_ref (after);
  if (g_bytes_equal (after, self->pending_before))
    {
      g_clear_pointer (&self->pending_before, g_bytes_unref);
      g_clear_pointer (&self->pending_label, g_free);
      return;
    }

  step = g_new0 (Step, 1);
  step->label = g_steal_pointer (&self->pending_label);
  step->before = g_steal_pointer (&self->pending_before);
  step->after = g_steal_pointer (&after);
  g_ptr_array_add (self->undo_steps, step);
  if (self->undo_steps->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  notify_state (self);
}

gboolean
tw_history_is_recording (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->depth > 0;
}

gboolean
tw_history_get_can_undo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->undo_steps->len > 0;
}

gboolean
tw_history_get_can_redo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->redo_steps->len > 0;
}

const char *
tw_history_get_undo_label (TwHistory *self)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  if (self->undo_steps->len == 0)
    return NULL;
  step = g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1);
  return step->label;
}

const char *
tw_history_get_redo_label (TwHistory *self)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  if (self->redo_steps->len == 0)
    return NULL;
  step = g_ptr_array_index (self->redo_steps, self->redo_steps->len - 1);
  return step->label;
}

guint
tw_history_get_n_undo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), 0);

  return self->undo_steps->len;
}

gboolean
tw_history_undo (TwHistory  *self,
                 GError    **error)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->undo_steps->len == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                   _("There is nothing to undo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (self->undo_steps, self->undo_steps->len - 1);
  if (!restore (self, step->before, error))
    {
      g_ptr_array_add (self->undo_steps, step);
      return FALSE;
    }
  g_ptr_array_add (self->redo_steps, step);
  notify_state (self);
  return TRUE;
}

gboolean
tw_history_redo (TwHistory  *self,
                 GError    **error)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->redo_steps->len == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                   _("There is nothing to redo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (self->redo_steps, self->redo_steps->len - 1);
  if (!restore (self, step->after, error))
    {
      g_ptr_array_add (self->redo_steps, step);
      return FALSE;
    }
  g_ptr_array_add (self->undo_steps, step);
  notify_state (self);
  return TRUE;
}

void
tw_history_clear (TwHistory *self)
{
  g_return_if_fail (TW_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  g_clear_pointer (&self->current, g_bytes_unref);
  notify_state (self);
}
