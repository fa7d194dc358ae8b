/* tw-unique-constraint.c: a UNIQUE constraint over one or more columns
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-unique-constraint"

#include "config.h"

#include <glib-object.h>

#include "tw-unique-constraint.h"

struct _TwUniqueConstraint
{
  GObject  parent_instance;

  char    *name;
  GStrv    columns; /* never NULL */
};

G_DEFINE_FINAL_TYPE (TwUniqueConstraint, tw_unique_constraint, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLUMNS,
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
tw_unique_constraint_dispatch_properties_changed (GObject     *object,
                                                  guint        n_pspecs,
                                                  GParamSpec **pspecs)
{
  GObjectClass *parent_class = G_OBJECT_CLASS (tw_unique_constraint_parent_class);

  parent_class->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs > 0)
    g_signal_emit (object, signals[CHANGED], 0);
}

static void
tw_unique_constraint_finalize (GObject *object)
{
  TwUniqueConstraint *self = (TwUniqueConstraint *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (tw_unique_constraint_parent_class)->finalize (object);
}

static void
tw_unique_constraint_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TwUniqueConstraint *self = TW_UNIQUE_CONSTRAINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_unique_constraint_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TwUniqueConstraint *self = TW_UNIQUE_CONSTRAINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_unique_constraint_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLUMNS:
      tw_unique_constraint_set_columns (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_unique_constraint_class_init (TwUniqueConstraintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_unique_constraint_finalize;
  object_class->get_property = tw_unique_constraint_get_property;
  object_class->set_property = tw_unique_constraint_set_property;
  object_class->dispatch_properties_changed = tw_unique_constraint_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwUniqueConstraint::changed:
   *
   * Emitted once after any property of the constraint changed.
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
tw_unique_constraint_init (TwUniqueConstraint *self)
{
  self->columns = g_new0 (char *, 1);
}

TwUniqueConstraint *
tw_unique_constraint_new (const char         *name,
                          const char * const *columns)
{
  return g_object_new (TW_TYPE_UNIQUE_CONSTRAINT,
                       "name", name,
                       "columns", columns,
                       NULL);
}

TwUniqueConstraint *
tw_unique_constraint_copy (TwUniqueConstraint *self)
{
  g_return_val_if_fail (TW_IS_UNIQUE_CONSTRAINT (self), NULL);

  return tw_unique_constraint_new (self->name, (const char * const *) self->columns);
}

const char *
tw_unique_constraint_get_name (TwUniqueConstraint *self)
{
  g_return_val_if_fail (TW_IS_UNIQUE_CONSTRAINT (self), NULL);

  return self->name;
}

void
tw_unique_constraint_set_name (TwUniqueConstraint *self,
                               const char         *name)
{
  g_return_if_fail (TW_IS_UNIQUE_CONSTRAINT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char * const *
tw_unique_constraint_get_columns (TwUniqueConstraint *self)
{
  g_return_val_if_fail (TW_IS_UNIQUE_CONSTRAINT (self), NULL);

  return (const char * const *) self->columns;
}

void
tw_unique_constraint_set_columns (TwUniqueConstraint *self,
                                  const char * const *columns)
{
  g_return_if_fail (TW_IS_UNIQUE_CONSTRAINT (self));

  if (replace_strv (&self->columns, columns))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
}
