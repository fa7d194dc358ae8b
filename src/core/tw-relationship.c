/* tw-relationship.c: a one-to-many or many-to-many relationship between two tables
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-relationship"

#include "config.h"

#include <glib-object.h>

#include "tw-enum-types.h"
#include "tw-relationship.h"

struct _TwRelationship
{
  GObject              parent_instance;

  TwRelationshipKind   kind;
  TwRelationshipStyle  style;
  char                *left_table;
  char                *right_table;
  char                *left_attribute;
  char                *right_attribute;
  char                *secondary;
  GStrv                foreign_key_columns; /* never NULL */
};

G_DEFINE_FINAL_TYPE (TwRelationship, tw_relationship, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_LEFT_TABLE,
  PROP_RIGHT_TABLE,
  PROP_LEFT_ATTRIBUTE,
  PROP_RIGHT_ATTRIBUTE,
  PROP_STYLE,
  PROP_SECONDARY,
  PROP_FOREIGN_KEY_COLUMNS,
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
tw_relationship_dispatch_properties_changed (GObject     *object,
                                             guint        n_pspecs,
                                             GParamSpec **pspecs)
{
  GObjectClass *parent_class = G_OBJECT_CLASS (tw_relationship_parent_class);

  parent_class->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs > 0)
    g_signal_emit (object, signals[CHANGED], 0);
}

static void
tw_relationship_finalize (GObject *object)
{
  TwRelationship *self = (TwRelationship *) object;

  g_clear_pointer (&self->left_table, g_free);
  g_clear_pointer (&self->right_table, g_free);
  g_clear_pointer (&self->left_attribute, g_free);
  g_clear_pointer (&self->right_attribute, g_free);
  g_clear_pointer (&self->secondary, g_free);
  g_clear_pointer (&self->foreign_key_columns, g_strfreev);

  G_OBJECT_CLASS (tw_relationship_parent_class)->finalize (object);
}

static void
tw_relationship_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TwRelationship *self = TW_RELATIONSHIP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_LEFT_TABLE:
      g_value_set_string (value, self->left_table);
      break;

    case PROP_RIGHT_TABLE:
      g_value_set_string (value, self->right_table);
      break;

    case PROP_LEFT_ATTRIBUTE:
      g_value_set_string (value, self->left_attribute);
      break;

    case PROP_RIGHT_ATTRIBUTE:
      g_value_set_string (value, self->right_attribute);
      break;

    case PROP_STYLE:
      g_value_set_enum (value, self->style);
      break;

    case PROP_SECONDARY:
      g_value_set_string (value, self->secondary);
      break;

    case PROP_FOREIGN_KEY_COLUMNS:
      g_value_set_boxed (value, self->foreign_key_columns);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_relationship_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TwRelationship *self = TW_RELATIONSHIP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      /* Construct-only: set once, before anyone can listen. */
      self->kind = g_value_get_enum (value);
      break;

    case PROP_LEFT_TABLE:
      tw_relationship_set_left_table (self, g_value_get_string (value));
      break;

    case PROP_RIGHT_TABLE:
      tw_relationship_set_right_table (self, g_value_get_string (value));
      break;

    case PROP_LEFT_ATTRIBUTE:
      tw_relationship_set_left_attribute (self, g_value_get_string (value));
      break;

    case PROP_RIGHT_ATTRIBUTE:
      tw_relationship_set_right_attribute (self, g_value_get_string (value));
      break;

    case PROP_STYLE:
      tw_relationship_set_style (self, g_value_get_enum (value));
      break;

    case PROP_SECONDARY:
      tw_relationship_set_secondary (self, g_value_get_string (value));
      break;

    case PROP_FOREIGN_KEY_COLUMNS:
      tw_relationship_set_foreign_key_columns (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_relationship_class_init (TwRelationshipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_relationship_finalize;
  object_class->get_property = tw_relationship_get_property;
  object_class->set_property = tw_relationship_set_property;
  object_class->dispatch_properties_changed = tw_relationship_dispatch_properties_changed;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       TW_TYPE_RELATIONSHIP_KIND,
                       TW_RELATIONSHIP_KIND_ONE_TO_MANY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEFT_TABLE] =
    g_param_spec_string ("left-table", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RIGHT_TABLE] =
    g_param_spec_string ("right-table", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEFT_ATTRIBUTE] =
    g_param_spec_string ("left-attribute", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RIGHT_ATTRIBUTE] =
    g_param_spec_string ("right-attribute", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL,
                       TW_TYPE_RELATIONSHIP_STYLE,
                       TW_RELATIONSHIP_STYLE_BACK_POPULATES,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SECONDARY] =
    g_param_spec_string ("secondary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FOREIGN_KEY_COLUMNS] =
    g_param_spec_boxed ("foreign-key-columns", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwRelationship::changed:
   *
   * Emitted once after any property of the relationship changed.
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
tw_relationship_init (TwRelationship *self)
{
  self->kind = TW_RELATIONSHIP_KIND_ONE_TO_MANY;
  self->style = TW_RELATIONSHIP_STYLE_BACK_POPULATES;
  self->foreign_key_columns = g_new0 (char *, 1);
}

TwRelationship *
tw_relationship_new (TwRelationshipKind  kind,
                     const char         *left_table,
                     const char         *right_table)
{
  g_return_val_if_fail (kind <= TW_RELATIONSHIP_KIND_MANY_TO_MANY, NULL);
  g_return_val_if_fail (left_table != NULL, NULL);
  g_return_val_if_fail (right_table != NULL, NULL);

  return g_object_new (TW_TYPE_RELATIONSHIP,
                       "kind", kind,
                       "left-table", left_table,
                       "right-table", right_table,
                       NULL);
}

TwRelationship *
tw_relationship_copy (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return g_object_new (TW_TYPE_RELATIONSHIP,
                       "kind", self->kind,
                       "left-table", self->left_table,
                       "right-table", self->right_table,
                       "left-attribute", self->left_attribute,
                       "right-attribute", self->right_attribute,
                       "style", self->style,
                       "secondary", self->secondary,
                       "foreign-key-columns", self->foreign_key_columns,
                       NULL);
}

TwRelationshipKind
tw_relationship_get_kind (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), TW_RELATIONSHIP_KIND_ONE_TO_MANY);

  return self->kind;
}

const char *
tw_relationship_get_left_table (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return self->left_table;
}

void
tw_relationship_set_left_table (TwRelationship *self,
                                const char     *table)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_string (&self->left_table, table))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_TABLE]);
}

const char *
tw_relationship_get_right_table (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return self->right_table;
}

void
tw_relationship_set_right_table (TwRelationship *self,
                                 const char     *table)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_string (&self->right_table, table))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RIGHT_TABLE]);
}

const char *
tw_relationship_get_left_attribute (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return self->left_attribute;
}

void
tw_relationship_set_left_attribute (TwRelationship *self,
                                    const char     *attribute)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_string (&self->left_attribute, attribute))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_ATTRIBUTE]);
}

const char *
tw_relationship_get_right_attribute (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return self->right_attribute;
}

void
tw_relationship_set_right_attribute (TwRelationship *self,
                                     const char     *attribute)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_string (&self->right_attribute, attribute))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RIGHT_ATTRIBUTE]);
}

TwRelationshipStyle
tw_relationship_get_style (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), TW_RELATIONSHIP_STYLE_BACK_POPULATES);

  return self->style;
}

void
tw_relationship_set_style (TwRelationship      *self,
                           TwRelationshipStyle  style)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));
  g_return_if_fail (style <= TW_RELATIONSHIP_STYLE_BACKREF);

  if (self->style == style)
    return;

  self->style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

const char *
tw_relationship_get_secondary (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return self->secondary;
}

void
tw_relationship_set_secondary (TwRelationship *self,
                               const char     *secondary)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_string (&self->secondary, secondary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDARY]);
}

const char * const *
tw_relationship_get_foreign_key_columns (TwRelationship *self)
{
  g_return_val_if_fail (TW_IS_RELATIONSHIP (self), NULL);

  return (const char * const *) self->foreign_key_columns;
}

void
tw_relationship_set_foreign_key_columns (TwRelationship     *self,
                                         const char * const *columns)
{
  g_return_if_fail (TW_IS_RELATIONSHIP (self));

  if (replace_strv (&self->foreign_key_columns, columns))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOREIGN_KEY_COLUMNS]);
}
