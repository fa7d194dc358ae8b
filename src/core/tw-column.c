/* tw-column.c: a column of a table in the metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-column"

#include "config.h"

#include <glib-object.h>

#include "tw-column.h"
#include "tw-enum-types.h"
#include "tw-model-private.h"
#include "tw-table.h"

struct _TwColumn
{
  GObject          parent_instance;

  /* Not a reference: the table clears it when it lets the column go. */
  TwTable         *table;

  char            *name;
  char            *enum_name;
  GStrv            enum_values;     /* never NULL */
  char            *default_value;
  char            *comment;

  TwColumnType     column_type;
  guint            length;
  guint            precision;
  int              scale;
  TwAutoincrement  autoincrement;
  TwDefaultKind    default_kind;

  guint            timezone : 1;
  guint            nullable : 1;
  guint            primary_key : 1;
  guint            unique : 1;
  guint            index : 1;
};

G_DEFINE_FINAL_TYPE (TwColumn, tw_column, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLUMN_TYPE,
  PROP_LENGTH,
  PROP_PRECISION,
  PROP_SCALE,
  PROP_TIMEZONE,
  PROP_ENUM_NAME,
  PROP_ENUM_VALUES,
  PROP_NULLABLE,
  PROP_PRIMARY_KEY,
  PROP_AUTOINCREMENT,
  PROP_UNIQUE,
  PROP_INDEX,
  PROP_DEFAULT_KIND,
  PROP_DEFAULT_VALUE,
  PROP_COMMENT,
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

static gboolean
strv_equal_or_empty (const char * const *a,
                     const char * const *b)
{
  return g_strv_equal (a != NULL ? a : empty_strv, b != NULL ? b : empty_strv);
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

/* Every property change, whether from a setter or from g_object_set(), ends
 * up here once per batch of notifications, so "changed" fires once per change
 * and the table hears about it too. */
static void
tw_column_dispatch_properties_changed (GObject     *object,
                                       guint        n_pspecs,
                                       GParamSpec **pspecs)
{
  g_autoptr (TwColumn) self = g_object_ref (TW_COLUMN (object));

  G_OBJECT_CLASS (tw_column_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  if (n_pspecs == 0)
    return;

  g_signal_emit (self, signals[CHANGED], 0);

  /* A "changed" handler may have taken the column out of its table, so look
   * at the table only now. */
  if (self->table != NULL)
    _tw_table_emit_changed (self->table);
}

static void
tw_column_finalize (GObject *object)
{
  TwColumn *self = (TwColumn *) object;

  self->table = NULL;
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->enum_name, g_free);
  g_clear_pointer (&self->enum_values, g_strfreev);
  g_clear_pointer (&self->default_value, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (tw_column_parent_class)->finalize (object);
}

static void
tw_column_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TwColumn *self = TW_COLUMN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLUMN_TYPE:
      g_value_set_enum (value, self->column_type);
      break;

    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;

    case PROP_PRECISION:
      g_value_set_uint (value, self->precision);
      break;

    case PROP_SCALE:
      g_value_set_int (value, self->scale);
      break;

    case PROP_TIMEZONE:
      g_value_set_boolean (value, self->timezone);
      break;

    case PROP_ENUM_NAME:
      g_value_set_string (value, self->enum_name);
      break;

    case PROP_ENUM_VALUES:
      g_value_set_boxed (value, self->enum_values);
      break;

    case PROP_NULLABLE:
      g_value_set_boolean (value, self->nullable);
      break;

    case PROP_PRIMARY_KEY:
      g_value_set_boolean (value, self->primary_key);
      break;

    case PROP_AUTOINCREMENT:
      g_value_set_enum (value, self->autoincrement);
      break;

    case PROP_UNIQUE:
      g_value_set_boolean (value, self->unique);
      break;

    case PROP_INDEX:
      g_value_set_boolean (value, self->index);
      break;

    case PROP_DEFAULT_KIND:
      g_value_set_enum (value, self->default_kind);
      break;

    case PROP_DEFAULT_VALUE:
      g_value_set_string (value, self->default_value);
      break;

    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_column_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TwColumn *self = TW_COLUMN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tw_column_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLUMN_TYPE:
      tw_column_set_column_type (self, g_value_get_enum (value));
      break;

    case PROP_LENGTH:
      tw_column_set_length (self, g_value_get_uint (value));
      break;

    case PROP_PRECISION:
      tw_column_set_precision (self, g_value_get_uint (value));
      break;

    case PROP_SCALE:
      tw_column_set_scale (self, g_value_get_int (value));
      break;

    case PROP_TIMEZONE:
      tw_column_set_timezone (self, g_value_get_boolean (value));
      break;

    case PROP_ENUM_NAME:
      tw_column_set_enum_name (self, g_value_get_string (value));
      break;

    case PROP_ENUM_VALUES:
      tw_column_set_enum_values (self, g_value_get_boxed (value));
      break;

    case PROP_NULLABLE:
      tw_column_set_nullable (self, g_value_get_boolean (value));
      break;

    case PROP_PRIMARY_KEY:
      tw_column_set_primary_key (self, g_value_get_boolean (value));
      break;

    case PROP_AUTOINCREMENT:
      tw_column_set_autoincrement (self, g_value_get_enum (value));
      break;

    case PROP_UNIQUE:
      tw_column_set_unique (self, g_value_get_boolean (value));
      break;

    case PROP_INDEX:
      tw_column_set_index (self, g_value_get_boolean (value));
      break;

    case PROP_DEFAULT_KIND:
      tw_column_set_default (self, g_value_get_enum (value), self->default_value);
      break;

    case PROP_DEFAULT_VALUE:
      tw_column_set_default (self, self->default_kind, g_value_get_string (value));
      break;

    case PROP_COMMENT:
      tw_column_set_comment (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_column_class_init (TwColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tw_column_finalize;
  object_class->get_property = tw_column_get_property;
  object_class->set_property = tw_column_set_property;
  object_class->dispatch_properties_changed = tw_column_dispatch_properties_changed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLUMN_TYPE] =
    g_param_spec_enum ("column-type", NULL, NULL,
                       TW_TYPE_COLUMN_TYPE,
                       TW_COLUMN_TYPE_INTEGER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRECISION] =
    g_param_spec_uint ("precision", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCALE] =
    g_param_spec_int ("scale", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEZONE] =
    g_param_spec_boolean ("timezone", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENUM_NAME] =
    g_param_spec_string ("enum-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENUM_VALUES] =
    g_param_spec_boxed ("enum-values", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NULLABLE] =
    g_param_spec_boolean ("nullable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRIMARY_KEY] =
    g_param_spec_boolean ("primary-key", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTOINCREMENT] =
    g_param_spec_enum ("autoincrement", NULL, NULL,
                       TW_TYPE_AUTOINCREMENT,
                       TW_AUTOINCREMENT_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNIQUE] =
    g_param_spec_boolean ("unique", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INDEX] =
    g_param_spec_boolean ("index", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_KIND] =
    g_param_spec_enum ("default-kind", NULL, NULL,
                       TW_TYPE_DEFAULT_KIND,
                       TW_DEFAULT_KIND_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_VALUE] =
    g_param_spec_string ("default-value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwColumn::changed:
   *
   * Emitted once after any property of the column changed.
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
tw_column_init (TwColumn *self)
{
  self->column_type = TW_COLUMN_TYPE_INTEGER;
  self->scale = -1;
  self->nullable = TRUE;
  self->autoincrement = TW_AUTOINCREMENT_AUTO;
  self->default_kind = TW_DEFAULT_KIND_NONE;
  self->enum_values = g_new0 (char *, 1);
}

TwColumn *
tw_column_new (const char   *name,
               TwColumnType  column_type)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (TW_TYPE_COLUMN,
                       "name", name,
                       "column-type", column_type,
                       NULL);
}

TwColumn *
tw_column_copy (TwColumn *self)
{
  TwColumn *copy;

  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  /* Fill the fields directly: nobody listens to the new object yet. */
  copy = g_object_new (TW_TYPE_COLUMN, NULL);
  copy->name = g_strdup (self->name);
  copy->column_type = self->column_type;
  copy->length = self->length;
  copy->precision = self->precision;
  copy->scale = self->scale;
  copy->timezone = self->timezone;
  copy->enum_name = g_strdup (self->enum_name);
  g_strfreev (copy->enum_values);
  copy->enum_values = strv_dup_or_empty ((const char * const *) self->enum_values);
  copy->nullable = self->nullable;
  copy->primary_key = self->primary_key;
  copy->autoincrement = self->autoincrement;
  copy->unique = self->unique;
  copy->index = self->index;
  copy->default_kind = self->default_kind;
  copy->default_value = g_strdup (self->default_value);
  copy->comment = g_strdup (self->comment);

  return copy;
}

gboolean
tw_column_equal (TwColumn *a,
                 TwColumn *b)
{
  g_return_val_if_fail (TW_IS_COLUMN (a), FALSE);
  g_return_val_if_fail (TW_IS_COLUMN (b), FALSE);

  if (a == b)
    return TRUE;

  return g_strcmp0 (a->name, b->name) == 0 &&
         a->column_type == b->column_type &&
         a->length == b->length &&
         a->precision == b->precision &&
         a->scale == b->scale &&
         a->timezone == b->timezone &&
         g_strcmp0 (a->enum_name, b->enum_name) == 0 &&
         strv_equal_or_empty ((const char * const *) a->enum_values,
                              (const char * const *) b->enum_values) &&
         a->nullable == b->nullable &&
         a->primary_key == b->primary_key &&
         a->autoincrement == b->autoincrement &&
         a->unique == b->unique &&
         a->index == b->index &&
         a->default_kind == b->default_kind &&
         g_strcmp0 (a->default_value, b->default_value) == 0 &&
         g_strcmp0 (a->comment, b->comment) == 0;
}

const char *
tw_column_get_name (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return self->name;
}

void
tw_column_set_name (TwColumn   *self,
                    const char *name)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

TwColumnType
tw_column_get_column_type (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), TW_COLUMN_TYPE_INTEGER);

  return self->column_type;
}

void
tw_column_set_column_type (TwColumn     *self,
                           TwColumnType  column_type)
{
  g_return_if_fail (TW_IS_COLUMN (self));
  g_return_if_fail (column_type <= TW_COLUMN_TYPE_UUID);

  if (self->column_type == column_type)
    return;

  self->column_type = column_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_TYPE]);
}

guint
tw_column_get_length (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), 0);

  return self->length;
}

void
tw_column_set_length (TwColumn *self,
                      guint     length)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (self->length == length)
    return;

  self->length = length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
}

guint
tw_column_get_precision (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), 0);

  return self->precision;
}

void
tw_column_set_precision (TwColumn *self,
                         guint     precision)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (self->precision == precision)
    return;

  self->precision = precision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECISION]);
}

int
tw_column_get_scale (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), -1);

  return self->scale;
}

void
tw_column_set_scale (TwColumn *self,
                     int       scale)
{
  g_return_if_fail (TW_IS_COLUMN (self));
  g_return_if_fail (scale >= -1);

  if (self->scale == scale)
    return;

  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

gboolean
tw_column_get_timezone (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), FALSE);

  return self->timezone;
}

void
tw_column_set_timezone (TwColumn *self,
                        gboolean  with_timezone)
{
  /* Not named "timezone": that is a global of <time.h>. */
  g_return_if_fail (TW_IS_COLUMN (self));

  with_timezone = !!with_timezone;
  if (self->timezone == with_timezone)
    return;

  self->timezone = with_timezone;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
}

const char *
tw_column_get_enum_name (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return self->enum_name;
}

void
tw_column_set_enum_name (TwColumn   *self,
                         const char *enum_name)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (replace_string (&self->enum_name, enum_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENUM_NAME]);
}

const char * const *
tw_column_get_enum_values (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return (const char * const *) self->enum_values;
}

void
tw_column_set_enum_values (TwColumn           *self,
                           const char * const *values)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (strv_equal_or_empty ((const char * const *) self->enum_values, values))
    return;

  g_strfreev (self->enum_values);
  self->enum_values = strv_dup_or_empty (values);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENUM_VALUES]);
}

gboolean
tw_column_get_nullable (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), TRUE);

  return self->nullable;
}

void
tw_column_set_nullable (TwColumn *self,
                        gboolean  nullable)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  nullable = !!nullable;
  if (self->nullable == nullable)
    return;

  self->nullable = nullable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NULLABLE]);
}

gboolean
tw_column_get_primary_key (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), FALSE);

  return self->primary_key;
}

void
tw_column_set_primary_key (TwColumn *self,
                           gboolean  primary_key)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  primary_key = !!primary_key;
  if (self->primary_key == primary_key)
    return;

  self->primary_key = primary_key;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMARY_KEY]);
}

TwAutoincrement
tw_column_get_autoincrement (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), TW_AUTOINCREMENT_AUTO);

  return self->autoincrement;
}

void
tw_column_set_autoincrement (TwColumn        *self,
                             TwAutoincrement  autoincrement)
{
  g_return_if_fail (TW_IS_COLUMN (self));
  g_return_if_fail (autoincrement <= TW_AUTOINCREMENT_NEVER);

  if (self->autoincrement == autoincrement)
    return;

  self->autoincrement = autoincrement;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOINCREMENT]);
}

gboolean
tw_column_get_unique (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), FALSE);

  return self->unique;
}

void
tw_column_set_unique (TwColumn *self,
                      gboolean  unique)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  unique = !!unique;
  if (self->unique == unique)
    return;

  self->unique = unique;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIQUE]);
}

gboolean
tw_column_get_index (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), FALSE);

  return self->index;
}

void
tw_column_set_index (TwColumn *self,
                     gboolean  index)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  index = !!index;
  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

TwDefaultKind
tw_column_get_default_kind (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), TW_DEFAULT_KIND_NONE);

  return self->default_kind;
}

const char *
tw_column_get_default_value (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return self->default_value;
}

void
tw_column_set_default (TwColumn      *self,
                       TwDefaultKind  kind,
                       const char    *value)
{
  gboolean kind_changed;
  gboolean value_changed;

  g_return_if_fail (TW_IS_COLUMN (self));
  g_return_if_fail (kind <= TW_DEFAULT_KIND_FUNCTION);

  kind_changed = self->default_kind != kind;
  self->default_kind = kind;
  value_changed = replace_string (&self->default_value, value);

  if (!kind_changed && !value_changed)
    return;

  /* Both notifications go out in one batch, so "changed" fires once. */
  g_object_freeze_notify (G_OBJECT (self));
  if (kind_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_KIND]);
  if (value_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_VALUE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
tw_column_get_comment (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return self->comment;
}

void
tw_column_set_comment (TwColumn   *self,
                       const char *comment)
{
  g_return_if_fail (TW_IS_COLUMN (self));

  if (replace_string (&self->comment, comment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMENT]);
}

TwTable *
tw_column_get_table (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  return self->table;
}

void
_tw_column_set_table (TwColumn *self,
                      TwTable  *table)
{
  g_return_if_fail (TW_IS_COLUMN (self));
  g_return_if_fail (table == NULL || TW_IS_TABLE (table));

  self->table = table;
}

gboolean
tw_column_is_effectively_nullable (TwColumn *self)
{
  g_return_val_if_fail (TW_IS_COLUMN (self), TRUE);

  return self->nullable && !self->primary_key;
}

/* Writes @str as a Python string literal in single quotes. */
static void
append_quoted (GString    *out,
               const char *str)
{
  g_assert (out != NULL);
  g_assert (str != NULL);

  g_string_append_c (out, '\'');
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_enum_arguments (GString  *out,
                       TwColumn *self)
{
  gboolean first = TRUE;

  g_assert (out != NULL);
  g_assert (TW_IS_COLUMN (self));

  for (guint i = 0; self->enum_values[i] != NULL; i++)
    {
      if (!first)
        g_string_append (out, ", ");
      append_quoted (out, self->enum_values[i]);
      first = FALSE;
    }

  if (self->enum_name != NULL && self->enum_name[0] != '\0')
    {
      if (!first)
        g_string_append (out, ", ");
      g_string_append (out, "name=");
      append_quoted (out, self->enum_name);
      first = FALSE;
    }
}

char *
tw_column_dup_type_label (TwColumn *self)
{
  GString *label;
  gsize bare_len;

  g_return_val_if_fail (TW_IS_COLUMN (self), NULL);

  label = g_string_new (tw_column_type_to_string (self->column_type));
  bare_len = label->len;
  g_string_append_c (label, '(');

  switch (self->column_type)
    {
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_LARGE_BINARY:
      if (self->length > 0)
        g_string_append_printf (label, "%u", self->length);
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      if (self->precision > 0 && self->scale >= 0)
        g_string_append_printf (label, "%u, %d", self->precision, self->scale);
      else if (self->precision > 0)
        g_string_append_printf (label, "%u", self->precision);
      else if (self->scale >= 0)
        g_string_append_printf (label, "scale=%d", self->scale);
      break;

    case TW_COLUMN_TYPE_FLOAT:
      if (self->precision > 0)
        g_string_append_printf (label, "%u", self->precision);
      break;

    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
      if (self->timezone)
        g_string_append (label, "timezone=True");
      break;

    case TW_COLUMN_TYPE_ENUM:
      append_enum_arguments (label, self);
      break;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_UUID:
    default:
      break;
    }

  /* No arguments: the bare type name, as SQLAlchemy users write it. */
  if (label->len == bare_len + 1)
    g_string_truncate (label, bare_len);
  else
    g_string_append_c (label, ')');

  return g_string_free (label, FALSE);
}

void
_tw_column_get_info (TwColumn     *self,
                     TwColumnInfo *info)
{
  g_assert (TW_IS_COLUMN (self));

  info->column = self;
  info->name = self->name;
  info->enum_name = self->enum_name;
  info->enum_values = (const char * const *) self->enum_values;
  info->default_value = self->default_value;
  info->comment = self->comment;
  info->column_type = self->column_type;
  info->length = self->length;
  info->precision = self->precision;
  info->scale = self->scale;
  info->autoincrement = self->autoincrement;
  info->default_kind = self->default_kind;
  info->timezone = self->timezone;
  info->nullable = self->nullable;
  info->primary_key = self->primary_key;
  info->unique = self->unique;
  info->index = self->index;
}
