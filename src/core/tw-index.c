/* tw-index.c: an index over one or more columns
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-index"

#include "config.h"

#include <glib-object.h>

#include "tw-index.h"

struct _TwIndex
{
  GObject   parent_instance;

  char     *name;
  GStrv     columns; /* never NULL */
  gboolean  unique;
};

G_DEFINE_FINAL_TYPE (TwIndex, tw_index, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLUMNS,
  PROP_UNIQUE,
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

static void
tw_index_dispatch_properties_changed (GObject     *object,
                                      guint        n_pspecs,
                                      GParamSpec **pspecs)
{
  G_OBJECT_CLASS (tw_index_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs > 0)
    g_signal_emit (object, signals[CHANGED], 0);
}

static void
tw_index_finalize (GObject *object)
{
  TwIndex *self = (TwIndex *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (tw_index_parent_class)->finalize (object);
}

static void
tw_index_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TwIndex *self = TW_INDEX (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    case PROP_UNIQUE:
      g_value_set_boolean (value, self->unique);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_index_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TwIndex *self = TW_INDEX (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_index_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLUMNS:
      tw_index_set_columns (self, g_value_get_boxed (value));
      break;

    case PROP_UNIQUE:
      tw_index_set_unique (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_index_class_init (TwIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_index_finalize;
  object_class->get_property = tw_index_get_property;
  object_class->set_property = tw_index_set_property;
  object_class->dispatch_properties_changed = tw_index_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNIQUE] =
    g_param_spec_boolean ("unique", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwIndex::changed:
   *
   * Emitted once after any property of the index changed.
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
tw_index_init (TwIndex *self)
{
  self->columns = g_new0 (char *, 1);
}

TwIndex *
tw_index_new (const char         *name,
              const char * const *columns,
              gboolean            unique)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (TW_TYPE_INDEX,
                       "name", name,
                       "columns", columns,
                       "unique", unique,
                       NULL);
}

TwIndex *
tw_index_copy (TwIndex *self)
{
  g_return_val_if_fail (TW_IS_INDEX (self), NULL);

  return g_object_new (TW_TYPE_INDEX,
                       "name", self->name,
                       "columns", self->columns,
                       "unique", self->unique,
                       NULL);
}

const char *
tw_index_get_name (TwIndex *self)
{
  g_return_val_if_fail (TW_IS_INDEX (self), NULL);

  return self->name;
}

void
tw_index_set_name (TwIndex    *self,
                   const char *name)
{
  g_return_if_fail (TW_IS_INDEX (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char * const *
tw_index_get_columns (TwIndex *self)
{
  g_return_val_if_fail (TW_IS_INDEX (self), NULL);

  return (const char * const *) self->columns;
}

void
tw_index_set_columns (TwIndex            *self,
                      const char * const *columns)
{
  g_return_if_fail (TW_IS_INDEX (self));

  if (replace_strv (&self->columns, columns))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
}

gboolean
tw_index_get_unique (TwIndex *self)
{
  g_return_val_if_fail (TW_IS_INDEX (self), FALSE);

  return self->unique;
}

void
tw_index_set_unique (TwIndex  *self,
                     gboolean  unique)
{
  g_return_if_fail (TW_IS_INDEX (self));

  unique = !!unique;
  if (self->unique == unique)
    return;

  self->unique = unique;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIQUE]);
}
