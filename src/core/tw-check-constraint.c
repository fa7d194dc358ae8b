/* tw-check-constraint.c: a CHECK constraint of a table
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-check-constraint"

#include "config.h"

#include <glib-object.h>

#include "tw-check-constraint.h"

struct _TwCheckConstraint
{
  GObject  parent_instance;

  char    *name;
  char    *expression;
};

G_DEFINE_FINAL_TYPE (TwCheckConstraint, tw_check_constraint, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_EXPRESSION,
  N_PROPS,
};

enum
{
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
tw_check_constraint_dispatch_properties_changed (GObject     *object,
                                                 guint        n_pspecs,
                                                 GParamSpec **pspecs)
{
  GObjectClass *parent_class = G_OBJECT_CLASS (tw_check_constraint_parent_class);

  parent_class->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs > 0)
    g_signal_emit (object, signals[CHANGED], 0);
}

static void
tw_check_constraint_finalize (GObject *object)
{
  TwCheckConstraint *self = (TwCheckConstraint *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->expression, g_free);

  G_OBJECT_CLASS (tw_check_constraint_parent_class)->finalize (object);
}

static void
tw_check_constraint_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TwCheckConstraint *self = TW_CHECK_CONSTRAINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EXPRESSION:
      g_value_set_string (value, self->expression);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_check_constraint_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TwCheckConstraint *self = TW_CHECK_CONSTRAINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_check_constraint_set_name (self, g_value_get_string (value));
      break;

    case PROP_EXPRESSION:
      tw_check_constraint_set_expression (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_check_constraint_class_init (TwCheckConstraintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_check_constraint_finalize;
  object_class->get_property = tw_check_constraint_get_property;
  object_class->set_property = tw_check_constraint_set_property;
  object_class->dispatch_properties_changed = tw_check_constraint_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPRESSION] =
    g_param_spec_string ("expression", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwCheckConstraint::changed:
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
tw_check_constraint_init (TwCheckConstraint *self)
{
}

TwCheckConstraint *
tw_check_constraint_new (const char *name,
                         const char *expression)
{
  g_return_val_if_fail (expression != NULL, NULL);

  return g_object_new (TW_TYPE_CHECK_CONSTRAINT,
                       "name", name,
                       "expression", expression,
                       NULL);
}

TwCheckConstraint *
tw_check_constraint_copy (TwCheckConstraint *self)
{
  g_return_val_if_fail (TW_IS_CHECK_CONSTRAINT (self), NULL);

  return g_object_new (TW_TYPE_CHECK_CONSTRAINT,
                       "name", self->name,
                       "expression", self->expression,
                       NULL);
}

const char *
tw_check_constraint_get_name (TwCheckConstraint *self)
{
  g_return_val_if_fail (TW_IS_CHECK_CONSTRAINT (self), NULL);

  return self->name;
}

void
tw_check_constraint_set_name (TwCheckConstraint *self,
                              const char        *name)
{
  g_return_if_fail (TW_IS_CHECK_CONSTRAINT (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
tw_check_constraint_get_expression (TwCheckConstraint *self)
{
  g_return_val_if_fail (TW_IS_CHECK_CONSTRAINT (self), NULL);

  return self->expression;
}

void
tw_check_constraint_set_expression (TwCheckConstraint *self,
                                    const char        *expression)
{
  g_return_if_fail (TW_IS_CHECK_CONSTRAINT (self));

  if (replace_string (&self->expression, expression))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPRESSION]);
}
