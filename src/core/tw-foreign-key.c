/* tw-foreign-key.c: a foreign key constraint of a table
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-foreign-key"

#include "config.h"

#include <glib-object.h>

#include "tw-enum-types.h"
#include "tw-foreign-key.h"
#include "tw-model-private.h"

struct _TwForeignKey
{
  GObject     parent_instance;

  char       *name;
  GStrv       columns;          /* never NULL */
  char       *referred_table;
  GStrv       referred_columns; /* never NULL */
  TwFkAction  on_delete;
  TwFkAction  on_update;
};

G_DEFINE_FINAL_TYPE (TwForeignKey, tw_foreign_key, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLUMNS,
  PROP_REFERRED_TABLE,
  PROP_REFERRED_COLUMNS,
  PROP_ON_DELETE,
  PROP_ON_UPDATE,
  N_PROPS,
};

enum
{
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

static GStrv
strv_dup_or_empty (const char * const *strv)
{
  if (strv == NULL)
    return g_new0 (char *, 1);
  return g_strdupv ((char **) strv);
}

/* NULL and an empty vector mean the same: no columns. */
static gboolean
replace_strv (GStrv              *field,
              const char * const *value)
{
  g_assert (field != NULL);
  g_assert (*field != NULL);

  if (g_strv_equal ((const char * const *) *field, value != NULL ? value : empty_strv))
    return FALSE;

  g_strfreev (*field);
  *field = strv_dup_or_empty (value);
  return TRUE;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  g_assert (field != NULL);

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
tw_foreign_key_dispatch_properties_changed (GObject     *object,
                                            guint        n_pspecs,
                                            GParamSpec **pspecs)
{
  GObjectClass *parent_class = G_OBJECT_CLASS (tw_foreign_key_parent_class);

  parent_class->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs > 0)
    g_signal_emit (object, signals[CHANGED], 0);
}

static void
tw_foreign_key_finalize (GObject *object)
{
  TwForeignKey *self = (TwForeignKey *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->columns, g_strfreev);
  g_clear_pointer (&self->referred_table, g_free);
  g_clear_pointer (&self->referred_columns, g_strfreev);

  G_OBJECT_CLASS (tw_foreign_key_parent_class)->finalize (object);
}

static void
tw_foreign_key_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TwForeignKey *self = TW_FOREIGN_KEY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    case PROP_REFERRED_TABLE:
      g_value_set_string (value, self->referred_table);
      break;

    case PROP_REFERRED_COLUMNS:
      g_value_set_boxed (value, self->referred_columns);
      break;

    case PROP_ON_DELETE:
      g_value_set_enum (value, self->on_delete);
      break;

    case PROP_ON_UPDATE:
      g_value_set_enum (value, self->on_update);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_foreign_key_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TwForeignKey *self = TW_FOREIGN_KEY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_foreign_key_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLUMNS:
      tw_foreign_key_set_columns (self, g_value_get_boxed (value));
      break;

    case PROP_REFERRED_TABLE:
      tw_foreign_key_set_referred_table (self, g_value_get_string (value));
      break;

    case PROP_REFERRED_COLUMNS:
      tw_foreign_key_set_referred_columns (self, g_value_get_boxed (value));
      break;

    case PROP_ON_DELETE:
      tw_foreign_key_set_on_delete (self, g_value_get_enum (value));
      break;

    case PROP_ON_UPDATE:
      tw_foreign_key_set_on_update (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_foreign_key_class_init (TwForeignKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_foreign_key_finalize;
  object_class->get_property = tw_foreign_key_get_property;
  object_class->set_property = tw_foreign_key_set_property;
  object_class->dispatch_properties_changed = tw_foreign_key_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFERRED_TABLE] =
    g_param_spec_string ("referred-table", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFERRED_COLUMNS] =
    g_param_spec_boxed ("referred-columns", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ON_DELETE] =
    g_param_spec_enum ("on-delete", NULL, NULL,
                       TW_TYPE_FK_ACTION,
                       TW_FK_ACTION_NO_ACTION,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ON_UPDATE] =
    g_param_spec_enum ("on-update", NULL, NULL,
                       TW_TYPE_FK_ACTION,
                       TW_FK_ACTION_NO_ACTION,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwForeignKey::changed:
   *
   * Emitted once after any property of the foreign key changed.
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
tw_foreign_key_init (TwForeignKey *self)
{
  self->columns = g_new0 (char *, 1);
  self->referred_columns = g_new0 (char *, 1);
  self->on_delete = TW_FK_ACTION_NO_ACTION;
  self->on_update = TW_FK_ACTION_NO_ACTION;
}

TwForeignKey *
tw_foreign_key_new (const char         *name,
                    const char * const *columns,
                    const char         *referred_table,
                    const char * const *referred_columns)
{
  g_return_val_if_fail (referred_table != NULL, NULL);

  return g_object_new (TW_TYPE_FOREIGN_KEY,
                       "name", name,
                       "columns", columns,
                       "referred-table", referred_table,
                       "referred-columns", referred_columns,
                       NULL);
}

TwForeignKey *
tw_foreign_key_copy (TwForeignKey *self)
{
  TwForeignKey *copy;

  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), NULL);

  /* Fill the fields directly: nobody listens to the new object yet. */
  copy = g_object_new (TW_TYPE_FOREIGN_KEY, NULL);
  copy->name = g_strdup (self->name);
  g_strfreev (copy->columns);
  copy->columns = strv_dup_or_empty ((const char * const *) self->columns);
  copy->referred_table = g_strdup (self->referred_table);
  g_strfreev (copy->referred_columns);
  copy->referred_columns = strv_dup_or_empty ((const char * const *) self->referred_columns);
  copy->on_delete = self->on_delete;
  copy->on_update = self->on_update;

  return copy;
}

const char *
tw_foreign_key_get_name (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), NULL);

  return self->name;
}

void
tw_foreign_key_set_name (TwForeignKey *self,
                         const char   *name)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char * const *
tw_foreign_key_get_columns (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), NULL);

  return (const char * const *) self->columns;
}

void
tw_foreign_key_set_columns (TwForeignKey       *self,
                            const char * const *columns)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));

  if (replace_strv (&self->columns, columns))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
}

const char *
tw_foreign_key_get_referred_table (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), NULL);

  return self->referred_table;
}

void
tw_foreign_key_set_referred_table (TwForeignKey *self,
                                   const char   *referred_table)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));

  if (replace_string (&self->referred_table, referred_table))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERRED_TABLE]);
}

const char * const *
tw_foreign_key_get_referred_columns (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), NULL);

  return (const char * const *) self->referred_columns;
}

void
tw_foreign_key_set_referred_columns (TwForeignKey       *self,
                                     const char * const *referred_columns)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));

  if (replace_strv (&self->referred_columns, referred_columns))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERRED_COLUMNS]);
}

TwFkAction
tw_foreign_key_get_on_delete (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), TW_FK_ACTION_NO_ACTION);

  return self->on_delete;
}

void
tw_foreign_key_set_on_delete (TwForeignKey *self,
                              TwFkAction    action)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));
  g_return_if_fail (action <= TW_FK_ACTION_SET_DEFAULT);

  if (self->on_delete == action)
    return;

  self->on_delete = action;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_DELETE]);
}

TwFkAction
tw_foreign_key_get_on_update (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), TW_FK_ACTION_NO_ACTION);

  return self->on_update;
}

void
tw_foreign_key_set_on_update (TwForeignKey *self,
                              TwFkAction    action)
{
  g_return_if_fail (TW_IS_FOREIGN_KEY (self));
  g_return_if_fail (action <= TW_FK_ACTION_SET_DEFAULT);

  if (self->on_update == action)
    return;

  self->on_update = action;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_UPDATE]);
}

guint
tw_foreign_key_get_n_columns (TwForeignKey *self)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), 0);

  return g_strv_length (self->columns);
}

gboolean
tw_foreign_key_has_column (TwForeignKey *self,
                           const char   *column)
{
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->columns, column);
}

void
_tw_foreign_key_get_info (TwForeignKey     *self,
                          TwForeignKeyInfo *info)
{
  g_assert (TW_IS_FOREIGN_KEY (self));

  info->foreign_key = self;
  info->name = self->name;
  info->columns = (const char * const *) self->columns;
  info->referred_table = self->referred_table;
  info->referred_columns = (const char * const *) self->referred_columns;
  info->on_delete = self->on_delete;
  info->on_update = self->on_update;
}
