/* tw-row.c: one row of a table, as a session reads and stages it
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-enum-types.h"
#include "tw-row-private.h"
#include "tw-session-private.h"

G_DEFINE_FINAL_TYPE (TwRow, tw_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];
static guint notify_signal;
static GQuark state_quark;
static guint n_alive;

/* Schemas */

static TwValueKind
kind_for_column (TwColumn *column)
{
  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return TW_VALUE_KIND_INT64;
    case TW_COLUMN_TYPE_BOOLEAN:
      return TW_VALUE_KIND_BOOLEAN;
    case TW_COLUMN_TYPE_FLOAT:
      return TW_VALUE_KIND_DOUBLE;
    case TW_COLUMN_TYPE_NUMERIC:
      return TW_VALUE_KIND_NUMERIC;
    case TW_COLUMN_TYPE_DATE:
      return TW_VALUE_KIND_DATE;
    case TW_COLUMN_TYPE_DATE_TIME:
      return TW_VALUE_KIND_DATETIME;
    case TW_COLUMN_TYPE_TIME:
      return TW_VALUE_KIND_TIME;
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return TW_VALUE_KIND_BLOB;
    case TW_COLUMN_TYPE_JSON:
      return TW_VALUE_KIND_JSON;
    case TW_COLUMN_TYPE_UUID:
      return TW_VALUE_KIND_UUID;
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_ENUM:
    default:
      return TW_VALUE_KIND_TEXT;
    }
}

static void
foreign_key_free (TwRowForeignKey *fk)
{
  g_clear_object (&fk->foreign_key);
  g_free (fk->referred_table);
  g_free (fk->columns);
  g_strfreev (fk->referred_columns);
  g_free (fk);
}

TwRowSchema *
_tw_row_schema_new (TwTable   *table,
                    TwSession *session)
{
  TwRowSchema *schema;
  g_autoptr (GPtrArray) key = NULL;
  GListModel *fks;
  TwColumn *autoincrement;
  guint n_fks;

  g_assert (TW_IS_TABLE (table));

  schema = g_new0 (TwRowSchema, 1);
  g_atomic_ref_count_init (&schema->ref_count);
  schema->table = g_object_ref (table);
  schema->name = g_strdup (tw_table_get_name (table));
  schema->session = session;
  schema->n_columns = tw_table_get_n_columns (table);
  schema->columns = g_new0 (TwColumn *, MAX (schema->n_columns, 1));
  schema->column_names = g_new0 (char *, schema->n_columns + 1);
  schema->kinds = g_new0 (TwValueKind, MAX (schema->n_columns, 1));
  for (guint i = 0; i < schema->n_columns; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);

      schema->columns[i] = g_object_ref (column);
      schema->column_names[i] = g_strdup (tw_column_get_name (column));
      schema->kinds[i] = kind_for_column (column);
    }

  key = tw_table_dup_primary_key (table);
  schema->n_key = key->len;
  schema->key = g_new0 (guint, MAX (key->len, 1));
  for (guint i = 0; i < key->len; i++)
    schema->key[i] = tw_table_get_column_position (table, g_ptr_array_index (key, i));

  autoincrement = tw_table_get_autoincrement_column (table);
  schema->autoincrement = autoincrement != NULL
                          ? tw_table_get_column_position (table, autoincrement)
                          : -1;

  schema->foreign_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) foreign_key_free);
  fks = tw_table_get_foreign_keys (table);
  n_fks = g_list_model_get_n_items (fks);
  for (guint f = 0; f < n_fks; f++)
    {
      g_autoptr (TwForeignKey) foreign_key = g_list_model_get_item (fks, f);
      const char * const *columns = tw_foreign_key_get_columns (foreign_key);
      const char * const *referred = tw_foreign_key_get_referred_columns (foreign_key);
      TwRowForeignKey *fk;
      gboolean complete = TRUE;

      fk = g_new0 (TwRowForeignKey, 1);
      fk->foreign_key = g_object_ref (foreign_key);
      fk->referred_table = g_strdup (tw_foreign_key_get_referred_table (foreign_key));
      fk->n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;
      fk->columns = g_new0 (guint, MAX (fk->n_columns, 1));
      fk->referred_columns = g_strdupv ((char **) referred);
      for (guint i = 0; i < fk->n_columns; i++)
        {
          int position = _tw_row_schema_find_column (schema, columns[i]);

          if (position < 0)
            complete = FALSE;
          else
            fk->columns[i] = position;
        }

      /* A foreign key naming a column the table lacks (an invalid model)
       * cannot take part in the flush. */
      if (!complete || fk->referred_columns == NULL ||
          g_strv_length (fk->referred_columns) != fk->n_columns)
        foreign_key_free (fk);
      else
        g_ptr_array_add (schema->foreign_keys, fk);
    }

  if (session != NULL && schema->n_key > 0)
    schema->identity = g_hash_table_new (_tw_row_identity_hash, _tw_row_identity_equal);

  return schema;
}

TwRowSchema *
_tw_row_schema_ref (TwRowSchema *schema)
{
  g_assert (schema != NULL);

  g_atomic_ref_count_inc (&schema->ref_count);
  return schema;
}

void
_tw_row_schema_forget_session (TwRowSchema *schema)
{
  GHashTableIter iter;
  gpointer value;

  g_assert (schema != NULL);

  schema->session = NULL;
  if (schema->identity == NULL)
    return;

  g_hash_table_iter_init (&iter, schema->identity);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      TwRow *row = _tw_row_from_identity (value);

      row->mapped = FALSE;
      row->attached = FALSE;
    }
  g_clear_pointer (&schema->identity, g_hash_table_unref);
}

void
_tw_row_schema_unref (TwRowSchema *schema)
{
  if (schema == NULL || !g_atomic_ref_count_dec (&schema->ref_count))
    return;

  g_assert (schema->identity == NULL || g_hash_table_size (schema->identity) == 0);

  g_clear_pointer (&schema->identity, g_hash_table_unref);
  for (guint i = 0; i < schema->n_columns; i++)
    g_object_unref (schema->columns[i]);
  g_free (schema->columns);
  g_strfreev (schema->column_names);
  g_free (schema->kinds);
  g_free (schema->key);
  g_ptr_array_unref (schema->foreign_keys);
  g_free (schema->name);
  g_object_unref (schema->table);
  g_free (schema);
}

TwRow *
_tw_row_schema_lookup (TwRowSchema         *schema,
                       const TwRowIdentity *probe)
{
  gpointer found;

  g_assert (schema->identity != NULL);

  if (!g_hash_table_lookup_extended (schema->identity, probe, &found, NULL))
    return NULL;
  return _tw_row_from_identity (found);
}

/* Maps the row, replacing a row of the same identity (one the database
 * no longer holds under that key). */
void
_tw_row_schema_map (TwRowSchema *schema,
                    TwRow       *row)
{
  g_assert (schema->identity != NULL);
  g_assert (!row->mapped);

  /* A set: the key is the value, which keeps the table small. */
  g_hash_table_add (schema->identity, &row->id);
  row->mapped = TRUE;
}

void
_tw_row_schema_unmap (TwRowSchema *schema,
                      TwRow       *row)
{
  gpointer found;

  if (!row->mapped)
    return;

  /* A row another one replaced in the map leaves that one there. */
  if (schema->identity != NULL &&
      g_hash_table_lookup_extended (schema->identity, &row->id, &found, NULL) &&
      found == &row->id)
    g_hash_table_remove (schema->identity, &row->id);
  row->mapped = FALSE;
}

int
_tw_row_schema_find_column (TwRowSchema *schema,
                            const char  *name)
{
  g_assert (schema != NULL);

  if (name == NULL)
    return -1;

  for (guint i = 0; i < schema->n_columns; i++)
    {
      if (g_str_equal (schema->column_names[i], name))
        return i;
    }

  return -1;
}

TwRowForeignKey *
_tw_row_schema_find_foreign_key (TwRowSchema  *schema,
                                 TwForeignKey *foreign_key)
{
  g_assert (schema != NULL);

  for (guint i = 0; i < schema->foreign_keys->len; i++)
    {
      TwRowForeignKey *fk = g_ptr_array_index (schema->foreign_keys, i);

      if (fk->foreign_key == foreign_key)
        return fk;
    }

  return NULL;
}

/* NULL, true and false, shared by every row: values are immutable, and a
 * row holding one costs a pointer instead of an allocation. */
TwValue *
_tw_row_share_value (const TwValue *value)
{
  static TwValue *shared[3];

  if (g_once_init_enter (&shared[0]))
    {
      shared[1] = tw_value_new_boolean (FALSE);
      shared[2] = tw_value_new_boolean (TRUE);
      g_once_init_leave (&shared[0], tw_value_new_null ());
    }

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_NULL:
      return tw_value_copy (shared[0]);
    case TW_VALUE_KIND_BOOLEAN:
      return tw_value_copy (shared[tw_value_get_boolean (value) ? 2 : 1]);
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return tw_value_copy (value);
    }
}

static TwValue *
convert_value (TwValueKind     kind,
               const TwValue  *value,
               GError        **error)
{
  TwValueKind from = tw_value_get_kind (value);
  g_autofree char *text = NULL;

  if (from == kind || from == TW_VALUE_KIND_NULL)
    return _tw_row_share_value (value);

  switch (from)
    {
    case TW_VALUE_KIND_TEXT:
      return tw_value_new_from_string (kind, tw_value_get_text (value), error);

    case TW_VALUE_KIND_INT64:
      if (kind == TW_VALUE_KIND_DOUBLE)
        return tw_value_new_double ((double) tw_value_get_int64 (value));
      if (kind == TW_VALUE_KIND_BOOLEAN && (tw_value_get_int64 (value) == 0 ||
                                            tw_value_get_int64 (value) == 1))
        {
          g_autoptr (TwValue) boolean = tw_value_new_boolean (tw_value_get_int64 (value) == 1);

          return _tw_row_share_value (boolean);
        }
      break;

    case TW_VALUE_KIND_BOOLEAN:
      if (kind == TW_VALUE_KIND_INT64)
        return tw_value_new_int64 (tw_value_get_boolean (value) ? 1 : 0);
      break;

    case TW_VALUE_KIND_DOUBLE:
      if (kind == TW_VALUE_KIND_INT64)
        {
          double d = tw_value_get_double (value);

          if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && d == (double) (gint64) d)
            return tw_value_new_int64 ((gint64) d);
        }
      break;

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      break;
    }

  /* Anything with a text form goes into a text column as that text; into
   * other columns, the text is parsed as the column's kind. */
  if (from != TW_VALUE_KIND_BLOB)
    {
      text = tw_value_to_string (value);
      if (text != NULL)
        return tw_value_new_from_string (kind, text, error);
    }

  g_set_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA,
               _("A %s value cannot be stored as %s"),
               tw_value_kind_to_string (from), tw_value_kind_to_string (kind));
  return NULL;
}

TwValue *
_tw_row_schema_coerce (TwRowSchema    *schema,
                       guint           column,
                       const TwValue  *value,
                       GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *type = NULL;
  TwValue *converted;

  g_assert (schema != NULL);
  g_assert (column < schema->n_columns);
  g_assert (value != NULL);

  converted = convert_value (schema->kinds[column], value, &local_error);
  if (converted != NULL)
    return converted;

  type = tw_column_dup_type_label (schema->columns[column]);
  g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
               _("The value for column “%s” of “%s” does not fit its type %s: %s"),
               schema->column_names[column], schema->name, type, local_error->message);
  return NULL;
}

/* Identities */

guint
_tw_row_identity_hash (gconstpointer identity)
{
  const TwRowIdentity *id = identity;
  const TwRowSchema *schema = id->schema;
  guint hash = 5381;

  for (guint i = 0; i < schema->n_key; i++)
    {
      guint column = schema->key[i];
      const TwValue *value = id->original != NULL && id->original[column] != NULL
                             ? id->original[column]
                             : id->values[column];

      hash = hash * 33 + (value != NULL ? tw_value_hash (value) : 0);
    }

  return hash;
}

gboolean
_tw_row_identity_equal (gconstpointer a,
                        gconstpointer b)
{
  const TwRowIdentity *ia = a;
  const TwRowIdentity *ib = b;
  const TwRowSchema *schema = ia->schema;

  for (guint i = 0; i < schema->n_key; i++)
    {
      guint column = schema->key[i];
      const TwValue *va = ia->original != NULL && ia->original[column] != NULL
                          ? ia->original[column]
                          : ia->values[column];
      const TwValue *vb = ib->original != NULL && ib->original[column] != NULL
                          ? ib->original[column]
                          : ib->values[column];

      if (va == NULL || vb == NULL)
        {
          if (va != vb)
            return FALSE;
        }
      else if (!tw_value_equal (va, vb))
        return FALSE;
    }

  return TRUE;
}

/* GObject */

static TwRowState
compute_state (TwRow *self)
{
  if (self->loading)
    return TW_ROW_STATE_LOADING;
  if (self->detached)
    return TW_ROW_STATE_DETACHED;
  if (self->is_new)
    return TW_ROW_STATE_NEW;
  if (self->deleted)
    return TW_ROW_STATE_DELETED;
  if (self->id.original != NULL)
    return TW_ROW_STATE_MODIFIED;
  return TW_ROW_STATE_CLEAN;
}

static void
free_values (TwValue  **values,
             guint      n)
{
  if (values == NULL)
    return;

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&values[i], tw_value_free);
  g_free (values);
}

static void
tw_row_dispose (GObject *object)
{
  TwRow *self = (TwRow *) object;

  _tw_row_clear_references (self);

  G_OBJECT_CLASS (tw_row_parent_class)->dispose (object);
}

static void
tw_row_finalize (GObject *object)
{
  TwRow *self = (TwRow *) object;
  TwRowSchema *schema = self->id.schema;

  /* Staged rows are held by their session, so only clean rows leave the
   * identity map here. */
  g_assert (!self->staged);

  if (schema != NULL)
    _tw_row_schema_unmap (schema, self);

  if (schema != NULL)
    {
      free_values (self->id.values, schema->n_columns);
      free_values (self->id.original, schema->n_columns);
      _tw_row_schema_unref (schema);
    }

  g_atomic_int_add (&n_alive, -1);

  G_OBJECT_CLASS (tw_row_parent_class)->finalize (object);
}

static void
tw_row_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  TwRow *self = TW_ROW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, tw_row_get_state (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_row_class_init (TwRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_row_dispose;
  object_class->finalize = tw_row_finalize;
  object_class->get_property = tw_row_get_property;

  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       TW_TYPE_ROW_STATE,
                       TW_ROW_STATE_CLEAN,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  notify_signal = g_signal_lookup ("notify", G_TYPE_OBJECT);
  state_quark = g_quark_from_static_string ("state");
}

static void
tw_row_init (TwRow *self)
{
  g_atomic_int_inc (&n_alive);
}

/* Construction */

static TwRow *
row_new (TwRowSchema *schema)
{
  TwRow *self = g_object_new (TW_TYPE_ROW, NULL);

  self->id.schema = _tw_row_schema_ref (schema);
  return self;
}

TwRow *
tw_row_new (TwTable *table)
{
  TwRowSchema *schema;
  TwRow *self;

  g_return_val_if_fail (TW_IS_TABLE (table), NULL);

  schema = _tw_row_schema_new (table, NULL);
  self = _tw_row_new_detached (schema);
  _tw_row_schema_unref (schema);
  return self;
}

TwRow *
_tw_row_new_detached (TwRowSchema *schema)
{
  TwRow *self = row_new (schema);

  self->id.values = g_new0 (TwValue *, MAX (schema->n_columns, 1));
  self->is_new = TRUE;
  self->notified_state = TW_ROW_STATE_NEW;
  return self;
}

TwRow *
_tw_row_new_clean (TwRowSchema  *schema,
                   TwValue     **values)
{
  TwRow *self = row_new (schema);

  self->id.values = values;
  self->attached = schema->session != NULL;
  self->notified_state = TW_ROW_STATE_CLEAN;
  return self;
}

TwRow *
_tw_row_new_placeholder (TwRowSchema *schema)
{
  TwRow *self = row_new (schema);

  self->loading = TRUE;
  self->notified_state = TW_ROW_STATE_LOADING;
  return self;
}

void
_tw_row_set_schema (TwRow       *self,
                    TwRowSchema *schema)
{
  g_assert (TW_IS_ROW (self));
  g_assert (schema->n_columns == self->id.schema->n_columns);
  g_assert (!self->mapped);

  if (schema == self->id.schema)
    return;

  _tw_row_schema_ref (schema);
  _tw_row_schema_unref (self->id.schema);
  self->id.schema = schema;
}

/* Reading */

TwTable *
tw_row_get_table (TwRow *self)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);

  return self->id.schema->table;
}

TwSession *
tw_row_get_session (TwRow *self)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);

  return self->attached ? self->id.schema->session : NULL;
}

TwRowState
tw_row_get_state (TwRow *self)
{
  g_return_val_if_fail (TW_IS_ROW (self), TW_ROW_STATE_CLEAN);

  return compute_state (self);
}

guint
tw_row_get_n_values (TwRow *self)
{
  g_return_val_if_fail (TW_IS_ROW (self), 0);

  return self->id.schema->n_columns;
}

int
tw_row_find_column (TwRow      *self,
                    const char *column)
{
  g_return_val_if_fail (TW_IS_ROW (self), -1);
  g_return_val_if_fail (column != NULL, -1);

  return _tw_row_schema_find_column (self->id.schema, column);
}

const char *
tw_row_get_column_name (TwRow *self,
                        guint  column)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);
  g_return_val_if_fail (column < self->id.schema->n_columns, NULL);

  return self->id.schema->column_names[column];
}

const TwValue *
tw_row_get_value (TwRow *self,
                  guint  column)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);
  g_return_val_if_fail (column < self->id.schema->n_columns, NULL);

  if (self->id.values == NULL)
    return NULL;
  return self->id.values[column];
}

const TwValue *
tw_row_get_value_by_name (TwRow      *self,
                          const char *column)
{
  int position;

  g_return_val_if_fail (TW_IS_ROW (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  position = _tw_row_schema_find_column (self->id.schema, column);
  g_return_val_if_fail (position >= 0, NULL);

  return tw_row_get_value (self, position);
}

const TwValue *
_tw_row_get_committed (TwRow *self,
                       guint  column)
{
  g_assert (column < self->id.schema->n_columns);

  if (self->id.values == NULL)
    return NULL;
  if (self->id.original != NULL && self->id.original[column] != NULL)
    return self->id.original[column];
  return self->id.values[column];
}

const TwValue *
tw_row_get_original_value (TwRow *self,
                           guint  column)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);
  g_return_val_if_fail (column < self->id.schema->n_columns, NULL);

  return _tw_row_get_committed (self, column);
}

gboolean
tw_row_is_value_changed (TwRow *self,
                         guint  column)
{
  g_return_val_if_fail (TW_IS_ROW (self), FALSE);
  g_return_val_if_fail (column < self->id.schema->n_columns, FALSE);

  return self->id.original != NULL && self->id.original[column] != NULL;
}

TwRow *
tw_row_get_reference (TwRow        *self,
                      TwForeignKey *foreign_key)
{
  g_return_val_if_fail (TW_IS_ROW (self), NULL);
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (foreign_key), NULL);

  for (guint i = 0; i < self->n_references; i++)
    {
      if (self->references[i].foreign_key->foreign_key == foreign_key)
        return self->references[i].parent;
    }

  return NULL;
}

char *
tw_row_dup_key_string (TwRow *self)
{
  TwRowSchema *schema;
  GString *str;

  g_return_val_if_fail (TW_IS_ROW (self), NULL);

  schema = self->id.schema;
  if (schema->n_key == 0 || self->id.values == NULL)
    return g_strdup (_("a row without a key"));

  str = g_string_new (NULL);
  for (guint i = 0; i < schema->n_key; i++)
    {
      guint column = schema->key[i];
      const TwValue *value = _tw_row_get_committed (self, column);
      g_autofree char *text = NULL;

      if (value == NULL)
        {
          g_string_free (str, TRUE);
          return g_strdup (_("a new row"));
        }

      text = tw_value_to_display_string (value);
      if (i > 0)
        g_string_append (str, ", ");
      if (tw_value_get_kind (value) == TW_VALUE_KIND_INT64 ||
          tw_value_get_kind (value) == TW_VALUE_KIND_NULL)
        g_string_append_printf (str, "%s = %s", schema->column_names[column], text);
      else
        g_string_append_printf (str, "%s = “%s”", schema->column_names[column], text);
    }

  return g_string_free (str, FALSE);
}

/* Changing */

void
_tw_row_emit_changed (TwRow *self,
                      guint  column)
{
  TwRowState state = compute_state (self);
  gboolean state_changed = state != self->notified_state;

  self->notified_state = state;

  /* Most rows have nobody following them: emitting costs more than the
   * change itself when a commit turns 100,000 rows clean, so one look for
   * any handler comes first. */
  if (g_signal_handler_find (self, G_SIGNAL_MATCH_UNBLOCKED, 0, 0, NULL, NULL, NULL) == 0)
    return;

  if (g_signal_has_handler_pending (self, signals [CHANGED], 0, TRUE))
    g_signal_emit (self, signals [CHANGED], 0, column);

  if (state_changed &&
      (g_signal_has_handler_pending (self, notify_signal, 0, TRUE) ||
       g_signal_has_handler_pending (self, notify_signal, state_quark, TRUE)))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

gboolean
tw_row_set_value (TwRow          *self,
                  guint           column,
                  const TwValue  *value,
                  GError        **error)
{
  TwValue *converted = NULL;

  g_return_val_if_fail (TW_IS_ROW (self), FALSE);
  g_return_val_if_fail (self->is_new && !self->attached, FALSE);
  g_return_val_if_fail (column < self->id.schema->n_columns, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value != NULL)
    {
      converted = _tw_row_schema_coerce (self->id.schema, column, value, error);
      if (converted == NULL)
        return FALSE;
    }

  _tw_row_take_value (self, column, converted);
  _tw_row_emit_changed (self, column);
  return TRUE;
}

gboolean
tw_row_set_value_by_name (TwRow          *self,
                          const char     *column,
                          const TwValue  *value,
                          GError        **error)
{
  int position;

  g_return_val_if_fail (TW_IS_ROW (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  position = _tw_row_schema_find_column (self->id.schema, column);
  if (position < 0)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                   _("Table “%s” has no column “%s”"), self->id.schema->name, column);
      return FALSE;
    }

  return tw_row_set_value (self, position, value, error);
}

void
_tw_row_take_value (TwRow   *self,
                    guint    column,
                    TwValue *value)
{
  g_assert (column < self->id.schema->n_columns);
  g_assert (self->id.values != NULL);

  g_clear_pointer (&self->id.values[column], tw_value_free);
  self->id.values[column] = value;
}

static gboolean
values_equal (const TwValue *a,
              const TwValue *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return tw_value_equal (a, b);
}

gboolean
_tw_row_has_changes (TwRow *self)
{
  if (self->id.original == NULL)
    return FALSE;

  for (guint i = 0; i < self->id.schema->n_columns; i++)
    {
      if (self->id.original[i] != NULL)
        return TRUE;
    }

  return FALSE;
}

gboolean
_tw_row_stage_value (TwRow   *self,
                     guint    column,
                     TwValue *value)
{
  guint n = self->id.schema->n_columns;

  g_assert (!self->is_new);
  g_assert (!self->mapped || self->id.schema->identity != NULL);

  if (self->id.original != NULL && self->id.original[column] != NULL)
    {
      /* Back to the committed value: no change any more. */
      if (values_equal (self->id.original[column], value))
        {
          _tw_row_take_value (self, column, g_steal_pointer (&self->id.original[column]));
          g_clear_pointer (&value, tw_value_free);
          if (!_tw_row_has_changes (self))
            g_clear_pointer (&self->id.original, g_free);
        }
      else
        _tw_row_take_value (self, column, value);
    }
  else if (values_equal (self->id.values[column], value))
    g_clear_pointer (&value, tw_value_free);
  else
    {
      if (self->id.original == NULL)
        self->id.original = g_new0 (TwValue *, MAX (n, 1));
      /* The identity map hashes the committed key, which is now kept in
       * original: it does not move. */
      self->id.original[column] = g_steal_pointer (&self->id.values[column]);
      self->id.values[column] = value;
    }

  return self->id.original != NULL;
}

void
_tw_row_revert_value (TwRow *self,
                      guint  column)
{
  g_assert (column < self->id.schema->n_columns);

  if (self->id.original == NULL || self->id.original[column] == NULL)
    return;

  _tw_row_take_value (self, column, g_steal_pointer (&self->id.original[column]));
  if (!_tw_row_has_changes (self))
    g_clear_pointer (&self->id.original, g_free);
}

void
_tw_row_revert_all (TwRow *self)
{
  if (self->id.original == NULL)
    return;

  for (guint i = 0; i < self->id.schema->n_columns; i++)
    {
      if (self->id.original[i] != NULL)
        _tw_row_take_value (self, i, g_steal_pointer (&self->id.original[i]));
    }
  g_clear_pointer (&self->id.original, g_free);
}

void
_tw_row_accept_changes (TwRow *self)
{
  /* The caller takes the row out of the identity map first when its key
   * changed. */
  g_assert (!self->mapped);

  free_values (g_steal_pointer (&self->id.original), self->id.schema->n_columns);
}

void
_tw_row_set_reference (TwRow           *self,
                       TwRowForeignKey *foreign_key,
                       TwRow           *parent)
{
  for (guint i = 0; i < self->n_references; i++)
    {
      if (self->references[i].foreign_key != foreign_key)
        continue;

      if (parent != NULL)
        {
          g_set_object (&self->references[i].parent, parent);
          return;
        }

      g_clear_object (&self->references[i].parent);
      self->references[i] = self->references[self->n_references - 1];
      self->n_references--;
      if (self->n_references == 0)
        g_clear_pointer (&self->references, g_free);
      return;
    }

  if (parent == NULL)
    return;

  g_assert (self->n_references < 255);
  self->references = g_renew (TwRowReference, self->references, self->n_references + 1);
  self->references[self->n_references].foreign_key = foreign_key;
  self->references[self->n_references].parent = g_object_ref (parent);
  self->n_references++;
}

void
_tw_row_clear_references (TwRow *self)
{
  for (guint i = 0; i < self->n_references; i++)
    g_clear_object (&self->references[i].parent);
  g_clear_pointer (&self->references, g_free);
  self->n_references = 0;
}

void
_tw_row_fill (TwRow    *self,
              TwValue **values)
{
  g_assert (self->loading);
  g_assert (self->id.values == NULL);

  self->id.values = values;
  self->loading = FALSE;
  self->attached = self->id.schema->session != NULL;
}

guint
tw_row_get_n_alive (void)
{
  return (guint) g_atomic_int_get (&n_alive);
}
