/* tw-session.c: a unit of work: reads rows, stages changes, commits or rolls them back
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-dialect.h"
#include "tw-session-private.h"

/* Errors */

typedef struct
{
  TwDbErrorDetails *db_details;
  char             *table;
  char             *key;
  char             *column;
  char             *constraint;
  TwRow            *row;
} TwSessionErrorPrivate;

static void
tw_session_error_private_init (TwSessionErrorPrivate *priv)
{
}

static void
tw_session_error_private_copy (const TwSessionErrorPrivate *src,
                               TwSessionErrorPrivate       *dest)
{
  dest->db_details = src->db_details != NULL ? tw_db_error_details_copy (src->db_details) : NULL;
  dest->table = g_strdup (src->table);
  dest->key = g_strdup (src->key);
  dest->column = g_strdup (src->column);
  dest->constraint = g_strdup (src->constraint);
  dest->row = src->row != NULL ? g_object_ref (src->row) : NULL;
}

static void
tw_session_error_private_clear (TwSessionErrorPrivate *priv)
{
  g_clear_pointer (&priv->db_details, tw_db_error_details_free);
  g_clear_pointer (&priv->table, g_free);
  g_clear_pointer (&priv->key, g_free);
  g_clear_pointer (&priv->column, g_free);
  g_clear_pointer (&priv->constraint, g_free);
  g_clear_object (&priv->row);
}

G_DEFINE_EXTENDED_ERROR (TwSessionError, tw_session_error)

void
_tw_session_set_error (GError         **error,
                       TwSessionError   code,
                       const GError    *db_error,
                       const char      *table,
                       const char      *key,
                       const char      *column,
                       const char      *constraint,
                       TwRow           *row,
                       const char      *format,
                       ...)
{
  TwSessionErrorPrivate *priv;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, TW_SESSION_ERROR, code, message);
  priv = tw_session_error_get_private (*error);
  if (db_error != NULL && tw_db_error_get_details (db_error) != NULL)
    priv->db_details = tw_db_error_details_copy (tw_db_error_get_details (db_error));
  priv->table = g_strdup (table);
  priv->key = g_strdup (key);
  priv->column = g_strdup (column);
  priv->constraint = g_strdup (constraint);
  priv->row = row != NULL ? g_object_ref (row) : NULL;
}

TwSessionError
_tw_session_error_code_for (const GError *db_error)
{
  if (db_error == NULL || db_error->domain != TW_DB_ERROR)
    return TW_SESSION_ERROR_FAILED;

  switch ((TwDbError) db_error->code)
    {
    case TW_DB_ERROR_CONSTRAINT:
      return TW_SESSION_ERROR_CONSTRAINT;
    case TW_DB_ERROR_DATA:
      return TW_SESSION_ERROR_DATA;
    case TW_DB_ERROR_CONNECTION_FAILED:
    case TW_DB_ERROR_CONNECTION_LOST:
    case TW_DB_ERROR_AUTHENTICATION_FAILED:
    case TW_DB_ERROR_UNKNOWN_DATABASE:
      return TW_SESSION_ERROR_CONNECTION;
    case TW_DB_ERROR_FAILED:
    case TW_DB_ERROR_TIMEOUT:
    case TW_DB_ERROR_SYNTAX:
    case TW_DB_ERROR_UNDEFINED_OBJECT:
    case TW_DB_ERROR_READ_ONLY:
    case TW_DB_ERROR_SERIALIZATION:
    case TW_DB_ERROR_PERMISSION_DENIED:
    case TW_DB_ERROR_DUPLICATE_OBJECT:
    default:
      return TW_SESSION_ERROR_FAILED;
    }
}

static const TwSessionErrorPrivate *
error_private (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != TW_SESSION_ERROR)
    return NULL;
  return tw_session_error_get_private (error);
}

const char *
tw_session_error_get_table (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  return priv != NULL ? priv->table : NULL;
}

const char *
tw_session_error_get_key (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  return priv != NULL ? priv->key : NULL;
}

const char *
tw_session_error_get_column (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  return priv != NULL ? priv->column : NULL;
}

const char *
tw_session_error_get_constraint (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  return priv != NULL ? priv->constraint : NULL;
}

TwRow *
tw_session_error_get_row (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  return priv != NULL ? priv->row : NULL;
}

const TwDbErrorDetails *
tw_session_error_get_db_details (const GError *error)
{
  const TwSessionErrorPrivate *priv = error_private (error);

  if (priv == NULL)
    return error != NULL ? tw_db_error_get_details (error) : NULL;
  return priv->db_details;
}

/* The session */

struct _TwSession
{
  GObject        parent_instance;

  TwConnection  *connection;
  TwMetadata    *metadata;
  TwDialectKind  dialect;
  gulong         metadata_changed_id;

  GHashTable    *schemas;          /* TwTable * → TwRowSchema * */
  GHashTable    *ranks;            /* table name → rank + 1; NULL when stale */

  /* The staged rows, in staging order, as references; a row that leaves
   * leaves a hole (NULL) until the array is compacted. row->staged_index
   * is the row's position. */
  GPtrArray     *staged;
  guint          n_staged;
  GPtrArray     *links;            /* of TwSessionLink */
  guint          n_new;
  guint          n_modified;
  guint          n_deleted;

  guint          committing : 1;
  guint          batch : 1;        /* tw_session_add_all: one "changed" at the end */
  guint          batch_changed : 1;
};

G_DEFINE_FINAL_TYPE (TwSession, tw_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_METADATA,
  PROP_N_NEW,
  PROP_N_MODIFIED,
  PROP_N_DELETED,
  PROP_N_LINKS,
  PROP_HAS_CHANGES,
  PROP_COMMITTING,
  N_PROPS,
};

enum {
  CHANGED,
  COMMITTED,
  ROW_STAGED,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef enum
{
  CATEGORY_NONE,
  CATEGORY_NEW,
  CATEGORY_MODIFIED,
  CATEGORY_DELETED,
} Category;

/* What the session counts a row as, from its flags. */
static Category
row_category (TwRow *row)
{
  if (!row->attached || row->loading || row->detached)
    return CATEGORY_NONE;
  if (row->is_new)
    return CATEGORY_NEW;
  if (row->deleted)
    return CATEGORY_DELETED;
  if (row->id.original != NULL || row->n_references > 0)
    return CATEGORY_MODIFIED;
  return CATEGORY_NONE;
}

static guint *
category_counter (TwSession *self,
                  Category   category)
{
  switch (category)
    {
    case CATEGORY_NEW:
      return &self->n_new;
    case CATEGORY_MODIFIED:
      return &self->n_modified;
    case CATEGORY_DELETED:
      return &self->n_deleted;
    case CATEGORY_NONE:
    default:
      return NULL;
    }
}

static void
emit_changed (TwSession *self)
{
  if (self->batch)
    {
      self->batch_changed = TRUE;
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_NEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DELETED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_LINKS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_CHANGES]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
staged_add (TwSession *self,
            TwRow     *row)
{
  row->staged_index = self->staged->len;
  row->staged = TRUE;
  g_ptr_array_add (self->staged, g_object_ref (row));
  self->n_staged++;
}

/* Closes the holes; each row's staged_index is its position again. */
static void
staged_compact (TwSession *self)
{
  guint n = 0;

  for (guint i = 0; i < self->staged->len; i++)
    {
      TwRow *row = g_ptr_array_index (self->staged, i);

      if (row == NULL)
        continue;
      row->staged_index = n;
      self->staged->pdata[n++] = row;
    }
  g_ptr_array_set_size (self->staged, n);
  g_assert (n == self->n_staged);
}

static void
staged_remove (TwSession *self,
               TwRow     *row)
{
  g_assert (row->staged_index < self->staged->len);
  g_assert (g_ptr_array_index (self->staged, row->staged_index) == row);

  self->staged->pdata[row->staged_index] = NULL;
  row->staged = FALSE;
  self->n_staged--;
  if (self->staged->len > 64 && self->n_staged < self->staged->len / 2)
    staged_compact (self);
  g_object_unref (row);
}

static void
emit_row_staged (TwSession *self,
                 TwRow     *row)
{
  if (g_signal_has_handler_pending (self, signals [ROW_STAGED], 0, TRUE))
    g_signal_emit (self, signals [ROW_STAGED], 0, row);
}

/* Puts a row whose flags changed where its new category says: counts it,
 * holds it in the queue while it is staged, and tells its followers. */
static void
restage (TwSession *self,
         TwRow     *row,
         Category   before,
         guint      column)
{
  Category after = row_category (row);
  guint *counter;

  if (before != after)
    {
      if ((counter = category_counter (self, before)) != NULL)
        (*counter)--;
      if ((counter = category_counter (self, after)) != NULL)
        (*counter)++;
    }

  /* A reference for the signals, as leaving the queue may drop the last
   * one. */
  g_object_ref (row);

  if (after != CATEGORY_NONE && !row->staged)
    staged_add (self, row);
  else if (after == CATEGORY_NONE && row->staged)
    staged_remove (self, row);

  if (!self->batch)
    {
      _tw_row_emit_changed (row, column);
      emit_row_staged (self, row);
    }
  emit_changed (self);

  g_object_unref (row);
}

static void
metadata_changed_cb (TwSession  *self,
                     TwMetadata *metadata)
{
  g_clear_pointer (&self->ranks, g_hash_table_unref);
}

static void
schema_forget (gpointer data)
{
  TwRowSchema *schema = data;

  _tw_row_schema_forget_session (schema);
  _tw_row_schema_unref (schema);
}

static void
tw_session_dispose (GObject *object)
{
  TwSession *self = (TwSession *) object;

  /* Staged rows leave the session unchanged. */
  if (self->staged != NULL)
    {
      for (guint i = 0; i < self->staged->len; i++)
        {
          TwRow *row = g_ptr_array_index (self->staged, i);

          if (row == NULL)
            continue;
          /* References hold rows that may hold this one: break them. */
          _tw_row_clear_references (row);
          row->staged = FALSE;
          row->attached = FALSE;
          g_object_unref (row);
        }
      g_clear_pointer (&self->staged, g_ptr_array_unref);
      self->n_staged = 0;
    }
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->schemas, g_hash_table_unref);
  g_clear_pointer (&self->ranks, g_hash_table_unref);

  if (self->metadata_changed_id != 0)
    g_clear_signal_handler (&self->metadata_changed_id, self->metadata);
  g_clear_object (&self->metadata);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (tw_session_parent_class)->dispose (object);
}

static void
tw_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TwSession *self = TW_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;
    case PROP_N_NEW:
      g_value_set_uint (value, self->n_new);
      break;
    case PROP_N_MODIFIED:
      g_value_set_uint (value, self->n_modified);
      break;
    case PROP_N_DELETED:
      g_value_set_uint (value, self->n_deleted);
      break;
    case PROP_N_LINKS:
      g_value_set_uint (value, tw_session_get_n_links (self));
      break;
    case PROP_HAS_CHANGES:
      g_value_set_boolean (value, tw_session_has_changes (self));
      break;
    case PROP_COMMITTING:
      g_value_set_boolean (value, self->committing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TwSession *self = TW_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_METADATA:
      self->metadata = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_session_constructed (GObject *object)
{
  TwSession *self = (TwSession *) object;

  G_OBJECT_CLASS (tw_session_parent_class)->constructed (object);

  g_assert (TW_IS_CONNECTION (self->connection));
  g_assert (TW_IS_METADATA (self->metadata));

  self->dialect = tw_connection_get_dialect_kind (self->connection);
  self->metadata_changed_id = g_signal_connect_swapped (self->metadata, "changed",
                                                        G_CALLBACK (metadata_changed_cb), self);
}

static void
tw_session_class_init (TwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tw_session_constructed;
  object_class->dispose = tw_session_dispose;
  object_class->get_property = tw_session_get_property;
  object_class->set_property = tw_session_set_property;

  properties [PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         TW_TYPE_CONNECTION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_MODIFIED] =
    g_param_spec_uint ("n-modified", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_DELETED] =
    g_param_spec_uint ("n-deleted", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_LINKS] =
    g_param_spec_uint ("n-links", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_HAS_CHANGES] =
    g_param_spec_boolean ("has-changes", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_COMMITTING] =
    g_param_spec_boolean ("committing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [COMMITTED] =
    g_signal_new ("committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [ROW_STAGED] =
    g_signal_new ("row-staged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TW_TYPE_ROW);
}

static void
tw_session_init (TwSession *self)
{
  self->schemas = g_hash_table_new_full (NULL, NULL, NULL, schema_forget);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) _tw_session_link_free);
  self->staged = g_ptr_array_new ();
}

TwSession *
tw_session_new (TwConnection *connection,
                TwMetadata   *metadata)
{
  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);

  return g_object_new (TW_TYPE_SESSION,
                       "connection", connection,
                       "metadata", metadata,
                       NULL);
}

TwConnection *
tw_session_get_connection (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), NULL);

  return self->connection;
}

TwMetadata *
tw_session_get_metadata (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), NULL);

  return self->metadata;
}

TwDialectKind
_tw_session_get_dialect (TwSession *self)
{
  return self->dialect;
}

/* Schemas and ranks */

TwRowSchema *
_tw_session_get_schema (TwSession *self,
                        TwTable   *table)
{
  TwRowSchema *schema;

  g_assert (TW_IS_SESSION (self));
  g_assert (TW_IS_TABLE (table));

  schema = g_hash_table_lookup (self->schemas, table);
  if (schema == NULL)
    {
      schema = _tw_row_schema_new (table, self);
      g_hash_table_insert (self->schemas, table, schema);
    }

  return schema;
}

TwRowSchema *
_tw_session_find_schema_by_name (TwSession  *self,
                                 const char *name)
{
  TwTable *table = tw_metadata_find_table (self->metadata, name);

  if (table == NULL)
    return NULL;
  return _tw_session_get_schema (self, table);
}

guint
_tw_session_get_rank (TwSession   *self,
                      TwRowSchema *schema)
{
  gpointer rank;

  if (self->ranks == NULL)
    {
      g_autoptr (GPtrArray) sorted = tw_metadata_sort_tables (self->metadata, NULL);

      self->ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < sorted->len; i++)
        {
          const char *name = tw_table_get_name (g_ptr_array_index (sorted, i));

          if (name != NULL && !g_hash_table_contains (self->ranks, name))
            g_hash_table_insert (self->ranks, g_strdup (name), GUINT_TO_POINTER (i + 1));
        }
    }

  rank = g_hash_table_lookup (self->ranks, schema->name);
  return rank != NULL ? GPOINTER_TO_UINT (rank) - 1 : G_MAXUINT / 2;
}

/* Checks */

static gboolean
check_not_busy (TwSession  *self,
                GError    **error)
{
  if (!self->committing)
    return TRUE;

  g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_BUSY,
               _("A commit is running; wait until it is done before changing rows"));
  return FALSE;
}

static gboolean
check_writable (TwRowSchema  *schema,
                GError      **error)
{
  if (schema->n_key > 0)
    return TRUE;

  _tw_session_set_error (error, TW_SESSION_ERROR_READ_ONLY, NULL, schema->name, NULL, NULL,
                         NULL, NULL,
                         _("Table “%s” has no primary key, so its rows cannot be told apart; "
                           "it is read-only"), schema->name);
  return FALSE;
}

static gboolean
check_row (TwSession  *self,
           TwRow      *row,
           GError    **error)
{
  g_autofree char *key = NULL;

  if (!row->attached || row->id.schema->session != self)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The row of “%s” does not belong to this session; add it first"),
                   row->id.schema->name);
      return FALSE;
    }

  if (!check_writable (row->id.schema, error))
    return FALSE;

  if (row->deleted || row->detached)
    {
      key = tw_row_dup_key_string (row);
      _tw_session_set_error (error, TW_SESSION_ERROR_INVALID_STATE, NULL, row->id.schema->name,
                             key, NULL, NULL, row,
                             row->deleted
                             ? _("The row of “%s” with %s is staged for deletion; revert it to "
                                 "change it")
                             : _("The row of “%s” with %s was deleted"),
                             row->id.schema->name, key);
      return FALSE;
    }

  return TRUE;
}

/* Adding */

TwRow *
tw_session_create_row (TwSession *self,
                       TwTable   *table)
{
  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);

  return _tw_row_new_detached (_tw_session_get_schema (self, table));
}

static gboolean
add_one (TwSession  *self,
         TwRow      *row,
         GError    **error)
{
  TwRowSchema *schema;
  Category before;

  if (row->attached && row->id.schema->session == self)
    return TRUE;

  if (!row->is_new || row->attached || row->loading || row->detached)
    {
      g_autofree char *key = tw_row_dup_key_string (row);

      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("Only a new row that belongs to no session can be added; the row of “%s” "
                     "with %s cannot"), row->id.schema->name, key);
      return FALSE;
    }

  schema = _tw_session_get_schema (self, row->id.schema->table);
  if (!check_writable (schema, error))
    return FALSE;

  if (schema->n_columns != row->id.schema->n_columns)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The columns of table “%s” changed since the row was made"),
                   schema->name);
      return FALSE;
    }

  before = row_category (row);
  _tw_row_set_schema (row, schema);
  row->attached = TRUE;
  restage (self, row, before, G_MAXUINT);
  return TRUE;
}

gboolean
tw_session_add (TwSession  *self,
                TwRow      *row,
                GError    **error)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_ROW (row), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;

  return add_one (self, row, error);
}

gboolean
tw_session_add_all (TwSession  *self,
                    GPtrArray  *rows,
                    GError    **error)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;

  /* Check everything first, so that an error adds nothing. */
  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);
      TwRowSchema *schema;

      g_return_val_if_fail (TW_IS_ROW (row), FALSE);

      if (row->attached && row->id.schema->session == self)
        continue;
      if (!row->is_new || row->attached || row->loading || row->detached)
        return add_one (self, row, error);
      schema = _tw_session_get_schema (self, row->id.schema->table);
      if (!check_writable (schema, error))
        return FALSE;
    }

  self->batch = TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      gboolean ok = add_one (self, g_ptr_array_index (rows, i), NULL);

      g_assert (ok);
    }
  self->batch = FALSE;

  if (self->batch_changed)
    {
      self->batch_changed = FALSE;
      emit_changed (self);
    }

  return TRUE;
}

/* Changing values */

/* Drops the references covering @column. */
static void
drop_references_of_column (TwRow *row,
                           guint  column)
{
  for (guint i = 0; i < row->n_references; i++)
    {
      TwRowForeignKey *fk = row->references[i].foreign_key;

      for (guint c = 0; c < fk->n_columns; c++)
        {
          if (fk->columns[c] == column)
            {
              _tw_row_set_reference (row, fk, NULL);
              drop_references_of_column (row, column);
              return;
            }
        }
    }
}

gboolean
tw_session_set_value (TwSession      *self,
                      TwRow          *row,
                      guint           column,
                      const TwValue  *value,
                      GError        **error)
{
  TwValue *converted = NULL;
  Category before;

  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_ROW (row), FALSE);
  g_return_val_if_fail (!row->loading, FALSE);
  g_return_val_if_fail (column < row->id.schema->n_columns, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error) || !check_row (self, row, error))
    return FALSE;

  if (value == NULL && !row->is_new)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                   _("Column “%s” of a committed row of “%s” needs a value (NULL is one)"),
                   row->id.schema->column_names[column], row->id.schema->name);
      return FALSE;
    }

  if (value != NULL)
    {
      converted = _tw_row_schema_coerce (row->id.schema, column, value, error);
      if (converted == NULL)
        return FALSE;
    }

  before = row_category (row);
  drop_references_of_column (row, column);
  if (row->is_new)
    _tw_row_take_value (row, column, converted);
  else
    _tw_row_stage_value (row, column, converted);
  restage (self, row, before, column);
  return TRUE;
}

gboolean
tw_session_set_reference (TwSession     *self,
                          TwRow         *row,
                          TwForeignKey  *foreign_key,
                          TwRow         *parent,
                          GError       **error)
{
  TwRowForeignKey *fk;
  TwRowSchema *parent_schema = NULL;
  g_autofree int *parent_columns = NULL;
  Category before;

  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_ROW (row), FALSE);
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (foreign_key), FALSE);
  g_return_val_if_fail (parent == NULL || TW_IS_ROW (parent), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error) || !check_row (self, row, error))
    return FALSE;

  fk = _tw_row_schema_find_foreign_key (row->id.schema, foreign_key);
  if (fk == NULL)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The foreign key is not one of table “%s”"), row->id.schema->name);
      return FALSE;
    }

  if (parent != NULL)
    {
      parent_schema = parent->id.schema;
      if (g_strcmp0 (parent_schema->name, fk->referred_table) != 0)
        {
          g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                       _("The foreign key of “%s” refers to “%s”, not to a row of “%s”"),
                       row->id.schema->name, fk->referred_table, parent_schema->name);
          return FALSE;
        }

      parent_columns = g_new (int, fk->n_columns);
      for (guint i = 0; i < fk->n_columns; i++)
        {
          parent_columns[i] = _tw_row_schema_find_column (parent_schema, fk->referred_columns[i]);
          if (parent_columns[i] < 0)
            {
              g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                           _("The foreign key of “%s” refers to column “%s”, which “%s” lacks"),
                           row->id.schema->name, fk->referred_columns[i], parent_schema->name);
              return FALSE;
            }
        }

      /* As SQLAlchemy's save-update cascade: a new parent joins the
       * session with its child. */
      if (parent->is_new && !parent->attached && !add_one (self, parent, error))
        return FALSE;
      if (parent->is_new)
        parent_schema = parent->id.schema;
      else if (!check_row (self, parent, error))
        return FALSE;
    }

  before = row_category (row);
  for (guint i = 0; i < fk->n_columns; i++)
    drop_references_of_column (row, fk->columns[i]);

  for (guint i = 0; i < fk->n_columns; i++)
    {
      TwValue *value;

      if (parent == NULL)
        value = tw_value_new_null ();
      else if (parent->is_new)
        value = row->is_new ? NULL : tw_value_new_null ();
      else
        {
          const TwValue *key = tw_row_get_value (parent, parent_columns[i]);

          value = key != NULL ? tw_value_copy (key) : tw_value_new_null ();
        }

      if (row->is_new)
        _tw_row_take_value (row, fk->columns[i], value);
      else
        _tw_row_stage_value (row, fk->columns[i], value);
    }

  if (parent != NULL && parent->is_new)
    _tw_row_set_reference (row, fk, parent);

  restage (self, row, before, G_MAXUINT);
  return TRUE;
}

/* Deleting and links */

static void
drop_links_of_row (TwSession *self,
                   TwRow     *row)
{
  for (guint i = self->links->len; i > 0; i--)
    {
      TwSessionLink *link = g_ptr_array_index (self->links, i - 1);

      if (link->left == row || link->right == row)
        g_ptr_array_remove_index (self->links, i - 1);
    }
}

/* Children that point at a new row leaving the session lose the
 * reference; their foreign key columns stay without a value. */
static void
drop_references_to (TwSession *self,
                    TwRow     *parent)
{
  for (guint s = 0; s < self->staged->len; s++)
    {
      TwRow *row = g_ptr_array_index (self->staged, s);

      if (row == NULL)
        continue;
      for (guint i = 0; i < row->n_references; i++)
        {
          if (row->references[i].parent == parent)
            {
              _tw_row_set_reference (row, row->references[i].foreign_key, NULL);
              i--;
            }
        }
    }
}

gboolean
tw_session_delete (TwSession  *self,
                   TwRow      *row,
                   GError    **error)
{
  Category before;

  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_ROW (row), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  if (row->deleted && row->attached && row->id.schema->session == self)
    return TRUE;
  if (!check_row (self, row, error))
    return FALSE;

  before = row_category (row);
  if (row->is_new)
    {
      /* A row never committed just leaves, as SQLAlchemy expunges a
       * pending object. */
      g_object_ref (row);
      drop_links_of_row (self, row);
      drop_references_to (self, row);
      _tw_row_clear_references (row);
      row->attached = FALSE;
      restage (self, row, before, G_MAXUINT);
      g_object_unref (row);
      return TRUE;
    }

  row->deleted = TRUE;
  restage (self, row, before, G_MAXUINT);
  return TRUE;
}

void
_tw_session_link_free (TwSessionLink *link)
{
  g_clear_object (&link->relationship);
  g_clear_pointer (&link->secondary, _tw_row_schema_unref);
  g_clear_object (&link->left);
  g_clear_object (&link->right);
  g_free (link);
}

static gboolean
stage_link (TwSession       *self,
            TwRelationship  *relationship,
            TwRow           *left,
            TwRow           *right,
            gboolean         unlink,
            GError         **error)
{
  TwRowSchema *secondary;
  TwRowForeignKey *left_fk = NULL;
  TwRowForeignKey *right_fk = NULL;
  TwSessionLink *link;

  if (!check_not_busy (self, error))
    return FALSE;

  if (tw_relationship_get_kind (relationship) != TW_RELATIONSHIP_KIND_MANY_TO_MANY ||
      tw_relationship_get_secondary (relationship) == NULL)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("Only a many-to-many relationship links rows"));
      return FALSE;
    }

  secondary = _tw_session_find_schema_by_name (self, tw_relationship_get_secondary (relationship));
  if (secondary == NULL)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The association table “%s” is not in the model"),
                   tw_relationship_get_secondary (relationship));
      return FALSE;
    }

  if (g_strcmp0 (left->id.schema->name, tw_relationship_get_left_table (relationship)) != 0 ||
      g_strcmp0 (right->id.schema->name, tw_relationship_get_right_table (relationship)) != 0)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The relationship links “%s” to “%s”, not “%s” to “%s”"),
                   tw_relationship_get_left_table (relationship),
                   tw_relationship_get_right_table (relationship),
                   left->id.schema->name, right->id.schema->name);
      return FALSE;
    }

  for (guint i = 0; i < secondary->foreign_keys->len; i++)
    {
      TwRowForeignKey *fk = g_ptr_array_index (secondary->foreign_keys, i);

      if (left_fk == NULL && g_strcmp0 (fk->referred_table, left->id.schema->name) == 0)
        left_fk = fk;
      else if (right_fk == NULL && g_strcmp0 (fk->referred_table, right->id.schema->name) == 0)
        right_fk = fk;
    }
  if (left_fk == NULL || right_fk == NULL)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The association table “%s” lacks a foreign key to “%s” or to “%s”"),
                   secondary->name, left->id.schema->name, right->id.schema->name);
      return FALSE;
    }

  for (guint side = 0; side < 2; side++)
    {
      TwRow *row = side == 0 ? left : right;

      if (row->is_new && !row->attached && !add_one (self, row, error))
        return FALSE;
      if (!check_row (self, row, error))
        return FALSE;
    }

  for (guint i = 0; i < self->links->len; i++)
    {
      link = g_ptr_array_index (self->links, i);
      if (link->relationship != relationship || link->left != left || link->right != right)
        continue;

      /* The same again does nothing; the opposite cancels it. */
      if (link->unlink != unlink)
        {
          g_ptr_array_remove_index (self->links, i);
          emit_changed (self);
        }
      return TRUE;
    }

  if (unlink && (left->is_new || right->is_new))
    return TRUE;

  link = g_new0 (TwSessionLink, 1);
  link->relationship = g_object_ref (relationship);
  link->secondary = _tw_row_schema_ref (secondary);
  link->left_fk = left_fk;
  link->right_fk = right_fk;
  link->left = g_object_ref (left);
  link->right = g_object_ref (right);
  link->unlink = unlink;
  g_ptr_array_add (self->links, link);
  emit_changed (self);
  return TRUE;
}

gboolean
tw_session_link (TwSession       *self,
                 TwRelationship  *relationship,
                 TwRow           *left,
                 TwRow           *right,
                 GError         **error)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_RELATIONSHIP (relationship), FALSE);
  g_return_val_if_fail (TW_IS_ROW (left), FALSE);
  g_return_val_if_fail (TW_IS_ROW (right), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return stage_link (self, relationship, left, right, FALSE, error);
}

gboolean
tw_session_unlink (TwSession       *self,
                   TwRelationship  *relationship,
                   TwRow           *left,
                   TwRow           *right,
                   GError         **error)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (TW_IS_RELATIONSHIP (relationship), FALSE);
  g_return_val_if_fail (TW_IS_ROW (left), FALSE);
  g_return_val_if_fail (TW_IS_ROW (right), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return stage_link (self, relationship, left, right, TRUE, error);
}

/* Undoing */

GPtrArray *
tw_session_dup_staged_links (TwSession      *self,
                             TwRelationship *relationship,
                             TwRow          *row,
                             gboolean        unlinked)
{
  GPtrArray *rows;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (TW_IS_RELATIONSHIP (relationship), NULL);
  g_return_val_if_fail (TW_IS_ROW (row), NULL);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->links->len; i++)
    {
      TwSessionLink *link = g_ptr_array_index (self->links, i);

      if (link->relationship != relationship || !link->unlink != !unlinked)
        continue;
      if (link->left == row)
        g_ptr_array_add (rows, g_object_ref (link->right));
      else if (link->right == row)
        g_ptr_array_add (rows, g_object_ref (link->left));
    }

  return rows;
}

/* @scan: also drop the references of other rows to a new row reverted
 * (a walk over every staged row). */
static void
revert_row (TwSession *self,
            TwRow     *row,
            gboolean   scan)
{
  Category before = row_category (row);

  g_object_ref (row);
  if (self->links->len > 0)
    drop_links_of_row (self, row);
  if (row->is_new)
    {
      if (scan)
        drop_references_to (self, row);
      /* A row out of the session points at no row of it. */
      _tw_row_clear_references (row);
      row->attached = FALSE;
    }
  else
    {
      _tw_row_clear_references (row);
      _tw_row_revert_all (row);
      row->deleted = FALSE;
    }
  restage (self, row, before, G_MAXUINT);
  g_object_unref (row);
}

void
tw_session_rollback (TwSession *self)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_if_fail (TW_IS_SESSION (self));
  g_return_if_fail (!self->committing);

  rows = tw_session_dup_staged_rows (self);
  g_ptr_array_set_size (self->links, 0);
  self->batch = TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);

      revert_row (self, row, FALSE);
      _tw_row_emit_changed (row, G_MAXUINT);
      emit_row_staged (self, row);
    }
  g_assert (self->n_staged == 0);
  self->batch = FALSE;
  self->batch_changed = FALSE;
  emit_changed (self);
}

void
_tw_session_revert_rows (TwSession *self,
                         GPtrArray *rows)
{
  g_autoptr (GHashTable) reverted = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (reverted, g_ptr_array_index (rows, i));

  /* One walk drops every reference to the new rows that leave. */
  for (guint s = 0; s < self->staged->len; s++)
    {
      TwRow *row = g_ptr_array_index (self->staged, s);

      if (row == NULL)
        continue;
      for (guint r = 0; r < row->n_references; r++)
        {
          if (g_hash_table_contains (reverted, row->references[r].parent))
            {
              _tw_row_set_reference (row, row->references[r].foreign_key, NULL);
              r--;
            }
        }
    }

  self->batch = TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);

      if (row->attached && row->id.schema->session == self)
        {
          revert_row (self, row, FALSE);
          _tw_row_emit_changed (row, G_MAXUINT);
          emit_row_staged (self, row);
        }
    }
  self->batch = FALSE;
  if (self->batch_changed)
    {
      self->batch_changed = FALSE;
      emit_changed (self);
    }
}

void
tw_session_revert_row (TwSession *self,
                       TwRow     *row)
{
  g_return_if_fail (TW_IS_SESSION (self));
  g_return_if_fail (TW_IS_ROW (row));
  g_return_if_fail (!self->committing);

  if (!row->attached || row->id.schema->session != self)
    return;

  revert_row (self, row, TRUE);
}

void
tw_session_revert_value (TwSession *self,
                         TwRow     *row,
                         guint      column)
{
  Category before;

  g_return_if_fail (TW_IS_SESSION (self));
  g_return_if_fail (TW_IS_ROW (row));
  g_return_if_fail (column < row->id.schema->n_columns);
  g_return_if_fail (!self->committing);

  if (!row->attached || row->id.schema->session != self || row->loading)
    return;

  before = row_category (row);
  drop_references_of_column (row, column);
  if (row->is_new)
    _tw_row_take_value (row, column, NULL);
  else
    _tw_row_revert_value (row, column);
  restage (self, row, before, column);
}

/* What is pending */

guint
tw_session_get_n_new (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), 0);

  return self->n_new;
}

guint
tw_session_get_n_modified (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), 0);

  return self->n_modified;
}

guint
tw_session_get_n_deleted (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), 0);

  return self->n_deleted;
}

guint
tw_session_get_n_links (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), 0);

  return self->links->len;
}

gboolean
tw_session_has_changes (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);

  return self->n_staged > 0 || self->links->len > 0;
}

gboolean
tw_session_is_committing (TwSession *self)
{
  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);

  return self->committing;
}

GPtrArray *
tw_session_dup_staged_rows (TwSession *self)
{
  GPtrArray *rows;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);

  /* Compacted, so that each row's staged_index is its position here too
   * (the flush planner relies on it). */
  staged_compact (self);
  rows = g_ptr_array_new_full (self->n_staged, g_object_unref);
  for (guint i = 0; i < self->staged->len; i++)
    g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (self->staged, i)));

  return rows;
}

GPtrArray *
_tw_session_dup_new_rows (TwSession *self,
                          TwTable   *table)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->staged->len; i++)
    {
      TwRow *row = g_ptr_array_index (self->staged, i);

      if (row != NULL && row->is_new && row->id.schema->table == table)
        g_ptr_array_add (rows, g_object_ref (row));
    }

  return rows;
}

static TwFlushPlan *
make_plan (TwSession  *self,
           gboolean    own_values,
           GError    **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) links = NULL;

  rows = tw_session_dup_staged_rows (self);
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) _tw_session_link_free);
  for (guint i = 0; i < self->links->len; i++)
    {
      TwSessionLink *link = g_ptr_array_index (self->links, i);
      TwSessionLink *copy = g_new0 (TwSessionLink, 1);

      *copy = *link;
      g_object_ref (copy->relationship);
      _tw_row_schema_ref (copy->secondary);
      g_object_ref (copy->left);
      g_object_ref (copy->right);
      g_ptr_array_add (links, copy);
    }

  return _tw_flush_plan_new (self, rows, links, own_values, error);
}

TwChangeSet *
tw_session_freeze (TwSession  *self,
                   GError    **error)
{
  TwFlushPlan *plan;
  TwChangeSet *change_set;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A change set that outlives what the session does next owns its
   * values. */
  plan = make_plan (self, TRUE, error);
  if (plan == NULL)
    return NULL;

  change_set = tw_change_set_ref (plan->change_set);
  _tw_flush_plan_free (plan);
  return change_set;
}

GPtrArray *
tw_session_render_pending (TwSession  *self,
                           GError    **error)
{
  g_autoptr (TwChangeSet) change_set = NULL;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  change_set = tw_session_freeze (self, error);
  if (change_set == NULL)
    return NULL;

  return tw_change_set_render (change_set);
}

/* Committing */

static void
set_committing (TwSession *self,
                gboolean   committing)
{
  if (self->committing == !!committing)
    return;

  self->committing = !!committing;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMMITTING]);
}

static const char *
kind_verb (TwChangeKind kind)
{
  switch (kind)
    {
    case TW_CHANGE_KIND_INSERT:
      return _("insert");
    case TW_CHANGE_KIND_UPDATE:
      return _("update");
    case TW_CHANGE_KIND_DELETE:
      return _("delete");
    case TW_CHANGE_KIND_LINK:
      return _("link");
    case TW_CHANGE_KIND_UNLINK:
      return _("unlink");
    case TW_CHANGE_KIND_REFRESH:
    default:
      return _("read back");
    }
}

/* The message and details of a failed flush, as the session tells it. */
static void
set_commit_error (TwSession       *self,
                  TwFlushPlan     *plan,
                  TwFlushOutcome  *outcome,
                  GError         **error)
{
  TwChangeSet *cs = plan->change_set;
  const TwDbErrorDetails *details = tw_db_error_get_details (outcome->error);
  const TwChangeStatement *statement = NULL;
  const TwChangeItem *item = NULL;
  TwRow *row = NULL;
  TwSessionLink *link = NULL;
  g_autofree char *key = NULL;
  g_autofree char *what = NULL;
  const char *table = NULL;
  const char *column = details != NULL ? details->column_name : NULL;
  const char *constraint = details != NULL ? details->constraint_name : NULL;
  TwSessionError code;

  if (g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&outcome->error));
      return;
    }

  if (outcome->failed_statement < cs->statements->len)
    {
      statement = &g_array_index (cs->statements, TwChangeStatement, outcome->failed_statement);
      table = ((TwChangeTable *) g_ptr_array_index (cs->tables, statement->table))->name;
      if (outcome->failed_item != G_MAXUINT)
        item = &g_array_index (cs->items, TwChangeItem, outcome->failed_item);
      else if (statement->n_items == 1)
        item = &g_array_index (cs->items, TwChangeItem, statement->first_item);
    }

  if (item != NULL)
    {
      if (statement->kind == TW_CHANGE_KIND_LINK || statement->kind == TW_CHANGE_KIND_UNLINK)
        {
          g_autofree char *left = NULL;
          g_autofree char *right = NULL;

          link = g_ptr_array_index (plan->links, item->row);
          left = tw_row_dup_key_string (link->left);
          right = tw_row_dup_key_string (link->right);
          key = g_strdup_printf (_("“%s” %s and “%s” %s"),
                                 link->left->id.schema->name, left,
                                 link->right->id.schema->name, right);
        }
      else
        {
          row = g_ptr_array_index (plan->rows, item->row);
          key = tw_row_dup_key_string (row);

          /* An UPDATE of one column failed on that column. */
          if (column == NULL && statement->kind == TW_CHANGE_KIND_UPDATE && row->id.original != NULL)
            {
              for (guint c = 0; c < row->id.schema->n_columns; c++)
                {
                  if (row->id.original[c] == NULL)
                    continue;
                  if (column != NULL)
                    {
                      column = NULL;
                      break;
                    }
                  column = row->id.schema->column_names[c];
                }
            }
        }
    }

  if (outcome->stale)
    {
      _tw_session_set_error (error, TW_SESSION_ERROR_STALE, NULL, table, key, NULL, NULL, row,
                             _("The row of “%s” with %s was changed or deleted by someone else "
                               "since it was read, so nothing was saved; reload it and make "
                               "the change again"),
                             table, key != NULL ? key : "?");
      return;
    }

  code = _tw_session_error_code_for (outcome->error);
  if (statement == NULL)
    what = g_strdup (_("Could not commit the changes"));
  else if (link != NULL)
    what = g_strdup_printf (_("Could not %s %s in “%s”"), kind_verb (statement->kind), key, table);
  else if (row != NULL && row->is_new)
    what = g_strdup_printf (_("Could not insert the new row into “%s”%s%s%s"), table,
                            g_str_equal (key, _("a new row")) ? "" : " (",
                            g_str_equal (key, _("a new row")) ? "" : key,
                            g_str_equal (key, _("a new row")) ? "" : ")");
  else if (row != NULL)
    what = g_strdup_printf (_("Could not %s the row of “%s” with %s"),
                            kind_verb (statement->kind), table, key);
  else
    what = g_strdup_printf (_("Could not %s %u rows of “%s”"),
                            kind_verb (statement->kind), statement->n_items, table);

  if (column != NULL)
    {
      g_autofree char *with_column = g_strdup_printf (_("%s, column “%s”"), what, column);

      g_free (what);
      what = g_steal_pointer (&with_column);
    }

  _tw_session_set_error (error, code, outcome->error, table, key, column, constraint, row,
                         _("%s; nothing was saved: %s"), what, outcome->error->message);
}

/* A row the commit wrote becomes clean, or gone. */
static void
apply_row (TwSession *self,
           TwRow     *row,
           gboolean   row_staged_followed)
{
  TwRowSchema *schema = row->id.schema;
  Category before = row_category (row);
  gboolean keep;

  _tw_row_clear_references (row);
  _tw_row_schema_unmap (schema, row);

  if (row->deleted)
    {
      row->deleted = FALSE;
      row->detached = TRUE;
      row->attached = FALSE;
      _tw_row_revert_all (row);
    }
  else
    {
      row->is_new = FALSE;
      _tw_row_accept_changes (row);
    }

  /* Only the plan and the session hold a row nobody else follows: it is
   * about to go, so it need not enter the identity map. */
  keep = G_OBJECT (row)->ref_count > 2;
  if (keep && !row->detached && schema->identity != NULL)
    _tw_row_schema_map (schema, row);

  restage (self, row, before, G_MAXUINT);
  if (keep)
    {
      _tw_row_emit_changed (row, G_MAXUINT);
      if (row_staged_followed)
        g_signal_emit (self, signals [ROW_STAGED], 0, row);
    }
}

/* The committed new rows get the keys and values the database gave back;
 * every row written becomes clean (or gone), and the links are done. */
static void
apply_success (TwSession      *self,
               TwFlushPlan    *plan,
               TwFlushOutcome *outcome)
{
  TwChangeSet *cs = plan->change_set;
  guint n_rows = plan->rows->len;
  gboolean row_staged_followed = g_signal_has_handler_pending (self, signals [ROW_STAGED], 0, TRUE);

  self->batch = TRUE;

  /* Generated values first, so that references can read their parents'
   * keys. */
  for (guint s = 0; s < cs->statements->len; s++)
    {
      const TwChangeStatement *statement = &g_array_index (cs->statements, TwChangeStatement, s);

      if (statement->n_returning == 0 ||
          (statement->kind != TW_CHANGE_KIND_INSERT && statement->kind != TW_CHANGE_KIND_REFRESH))
        continue;

      for (guint i = 0; i < statement->n_items; i++)
        {
          const TwChangeItem *item = &g_array_index (cs->items, TwChangeItem, statement->first_item + i);
          TwRow *row = g_ptr_array_index (plan->rows, item->row);

          for (guint r = 0; r < statement->n_returning; r++)
            {
              TwValue *value = outcome->generated[item->first_generated + r];
              guint column = statement->returning[r];
              TwValue *coerced;

              if (value == NULL)
                continue;
              /* A value of another kind stays as the database gave it. */
              coerced = _tw_row_schema_coerce (row->id.schema, column, value, NULL);
              _tw_row_take_value (row, column, coerced != NULL ? coerced : tw_value_copy (value));
            }
        }
    }

  for (guint i = 0; i < n_rows; i++)
    {
      TwRow *row = g_ptr_array_index (plan->rows, i);

      for (guint r = 0; r < row->n_references; r++)
        {
          TwRowForeignKey *fk = row->references[r].foreign_key;
          TwRow *parent = row->references[r].parent;

          for (guint c = 0; c < fk->n_columns; c++)
            {
              int position = _tw_row_schema_find_column (parent->id.schema, fk->referred_columns[c]);
              const TwValue *key = position >= 0 ? tw_row_get_value (parent, position) : NULL;

              _tw_row_take_value (row, fk->columns[c], key != NULL ? tw_value_copy (key) : NULL);
            }
        }
    }

  /* Deleted rows first: a new row may take a deleted row's key. */
  for (guint i = 0; i < n_rows; i++)
    {
      TwRow *row = g_ptr_array_index (plan->rows, i);

      if (row->deleted)
        apply_row (self, row, row_staged_followed);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      TwRow *row = g_ptr_array_index (plan->rows, i);

      if (!row->detached)
        apply_row (self, row, row_staged_followed);
    }

  /* The links of the plan are done; none were staged meanwhile. */
  g_ptr_array_set_size (self->links, 0);

  self->batch = FALSE;
  self->batch_changed = FALSE;
  emit_changed (self);
  g_signal_emit (self, signals [COMMITTED], 0);
}

static gboolean
finish_commit (TwSession       *self,
               TwFlushPlan     *plan,
               TwFlushOutcome  *outcome,
               GError         **error)
{
  set_committing (self, FALSE);

  if (outcome->error != NULL)
    {
      set_commit_error (self, plan, outcome, error);
      return FALSE;
    }

  apply_success (self, plan, outcome);
  return TRUE;
}

gboolean
tw_session_commit (TwSession     *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TwFlushPlan *plan;
  TwFlushOutcome *outcome;
  gboolean ok;

  g_return_val_if_fail (TW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  if (!tw_session_has_changes (self))
    return TRUE;

  plan = make_plan (self, FALSE, error);
  if (plan == NULL)
    return FALSE;

  set_committing (self, TRUE);
  outcome = _tw_flush_run (self->connection, plan->change_set, cancellable);
  ok = finish_commit (self, plan, outcome, error);

  _tw_flush_outcome_free (outcome);
  _tw_flush_plan_free (plan);
  return ok;
}

static void
commit_in_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TwConnection *connection = source_object;
  TwChangeSet *change_set = task_data;

  g_task_return_pointer (task, _tw_flush_run (connection, change_set, cancellable),
                         (GDestroyNotify) _tw_flush_outcome_free);
}

static void
commit_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  TwSession *self = g_task_get_source_object (task);
  TwFlushPlan *plan = g_task_get_task_data (task);
  TwFlushOutcome *outcome;
  GError *error = NULL;

  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcome == NULL)
    {
      /* The worker always returns an outcome; this is only a safety net. */
      outcome = g_new0 (TwFlushOutcome, 1);
      outcome->error = error;
      outcome->failed_statement = G_MAXUINT;
      outcome->failed_item = G_MAXUINT;
    }

  if (finish_commit (self, plan, outcome, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  _tw_flush_outcome_free (outcome);
}

void
tw_session_commit_async (TwSession           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker_task = NULL;
  GError *error = NULL;
  TwFlushPlan *plan;

  g_return_if_fail (TW_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_session_commit_async);

  if (!check_not_busy (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!tw_session_has_changes (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The worker binds the rows' own values: the session changes no row
   * until the outcome is applied, and the plan keeps them alive. */
  plan = make_plan (self, FALSE, &error);
  if (plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, plan, (GDestroyNotify) _tw_flush_plan_free);
  set_committing (self, TRUE);

  /* The worker sees only the frozen change set; the outcome comes back
   * here, on this thread's main context. */
  worker_task = g_task_new (self->connection, cancellable, commit_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker_task, commit_in_worker);
  g_task_set_task_data (worker_task, tw_change_set_ref (plan->change_set),
                        (GDestroyNotify) tw_change_set_unref);
  _tw_connection_push (self->connection, g_steal_pointer (&worker_task), commit_in_worker);
}

gboolean
tw_session_commit_finish (TwSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading */

/* A row read into the place of @placeholder: the placeholder itself,
 * filled in, so that whoever shows it sees its values arrive. */
static TwRow *
fill_placeholder (TwRowSchema  *schema,
                  TwRow        *placeholder,
                  TwValue     **values)
{
  g_assert (placeholder->loading);

  _tw_row_fill (placeholder, values);
  if (schema->identity != NULL)
    _tw_row_schema_map (schema, placeholder);
  _tw_row_emit_changed (placeholder, G_MAXUINT);
  return g_object_ref (placeholder);
}

static TwRow *
merge_row (TwSession    *self,
           TwRowSchema  *schema,
           TwValue     **values,
           TwRow        *placeholder)
{
  TwRowIdentity probe = { schema, values, NULL };
  TwRow *row;

  if (placeholder != NULL && (!placeholder->loading || placeholder->id.schema != schema))
    placeholder = NULL;

  if (schema->identity == NULL)
    return placeholder != NULL ? fill_placeholder (schema, placeholder, values)
                               : _tw_row_new_clean (schema, values);

  row = _tw_row_schema_lookup (schema, &probe);
  if (row == NULL)
    {
      if (placeholder != NULL)
        return fill_placeholder (schema, placeholder, values);
      row = _tw_row_new_clean (schema, values);
      _tw_row_schema_map (schema, row);
      return row;
    }

  g_object_ref (row);

  /* A clean row shows what the database holds now; staged changes win. */
  if (!row->staged && !row->loading)
    {
      guint changed = G_MAXUINT;
      guint n_changed = 0;

      for (guint i = 0; i < schema->n_columns; i++)
        {
          const TwValue *old = row->id.values[i];

          if (old != NULL && values[i] != NULL && tw_value_equal (old, values[i]))
            continue;
          if (old == NULL && values[i] == NULL)
            continue;
          _tw_row_take_value (row, i, g_steal_pointer (&values[i]));
          changed = i;
          n_changed++;
        }
      if (n_changed > 0)
        _tw_row_emit_changed (row, n_changed == 1 ? changed : G_MAXUINT);
    }

  for (guint i = 0; i < schema->n_columns; i++)
    g_clear_pointer (&values[i], tw_value_free);
  g_free (values);
  return row;
}

TwRow *
_tw_session_merge_row (TwSession    *self,
                       TwRowSchema  *schema,
                       TwValue     **values)
{
  return merge_row (self, schema, values, NULL);
}

GPtrArray *
_tw_session_rows_from_result (TwSession   *self,
                              TwRowSchema *schema,
                              TwResult    *result)
{
  return _tw_session_rows_from_result_into (self, schema, result, NULL);
}

GPtrArray *
_tw_session_rows_from_result_into (TwSession   *self,
                                   TwRowSchema *schema,
                                   TwResult    *result,
                                   GPtrArray   *placeholders)
{
  guint n_rows = tw_result_get_n_rows (result);
  guint n_columns = MIN (tw_result_get_n_columns (result), schema->n_columns);
  GPtrArray *rows = g_ptr_array_new_full (n_rows, g_object_unref);

  for (guint r = 0; r < n_rows; r++)
    {
      TwValue **values = g_new0 (TwValue *, MAX (schema->n_columns, 1));

      for (guint c = 0; c < n_columns; c++)
        {
          const TwValue *value = tw_result_get_value (result, r, c);

          /* A value of another kind than the column's (MySQL's TINYINT
           * booleans, SQLite's free typing) is converted when it can be. */
          if (tw_value_get_kind (value) == schema->kinds[c] || tw_value_is_null (value))
            values[c] = _tw_row_share_value (value);
          else
            {
              values[c] = _tw_row_schema_coerce (schema, c, value, NULL);
              if (values[c] == NULL)
                values[c] = tw_value_copy (value);
            }
        }
      for (guint c = n_columns; c < schema->n_columns; c++)
        {
          g_autoptr (TwValue) null = tw_value_new_null ();

          values[c] = _tw_row_share_value (null);
        }

      g_ptr_array_add (rows, merge_row (self, schema, values,
                                        placeholders != NULL && r < placeholders->len
                                        ? g_ptr_array_index (placeholders, r) : NULL));
    }

  return rows;
}

static TwQuerySql *
page_query (TwSession       *self,
            TwTable         *table,
            const TwFilter  *filter,
            const TwSort    *sort,
            TwRow           *after,
            guint64          offset,
            guint            limit,
            TwRowSchema    **schema_out,
            GError         **error)
{
  TwRowSchema *schema = _tw_session_get_schema (self, table);

  if (after != NULL && schema->n_key == 0)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_READ_ONLY,
                   _("Table “%s” has no primary key: page it by offset"), schema->name);
      return NULL;
    }

  *schema_out = schema;
  return _tw_query_sql_page (schema, self->dialect, filter, sort, after, NULL, offset, limit, error);
}

GPtrArray *
tw_session_read_page (TwSession       *self,
                      TwTable         *table,
                      const TwFilter  *filter,
                      const TwSort    *sort,
                      TwRow           *after,
                      guint64          offset,
                      guint            limit,
                      GCancellable    *cancellable,
                      GError         **error)
{
  TwRowSchema *schema = NULL;
  TwQuerySql *query;
  g_autoptr (TwResult) result = NULL;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);
  g_return_val_if_fail (after == NULL || TW_IS_ROW (after), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = page_query (self, table, filter, sort, after, offset, limit, &schema, error);
  if (query == NULL)
    return NULL;

  result = tw_connection_execute (self->connection, query->sql,
                                  (TwValue * const *) query->params->pdata, query->params->len,
                                  cancellable, error);
  _tw_query_sql_free (query);
  if (result == NULL)
    return NULL;

  return _tw_session_rows_from_result (self, schema, result);
}

static void
read_page_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  TwSession *self = g_task_get_source_object (task);
  TwRowSchema *schema = g_task_get_task_data (task);
  g_autoptr (TwResult) rows = NULL;
  GError *error = NULL;

  rows = tw_connection_execute_finish (TW_CONNECTION (object), result, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else if (schema->session != self)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The session was closed"));
  else
    g_task_return_pointer (task, _tw_session_rows_from_result (self, schema, rows),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
tw_session_read_page_async (TwSession           *self,
                            TwTable             *table,
                            const TwFilter      *filter,
                            const TwSort        *sort,
                            TwRow               *after,
                            guint64              offset,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TwRowSchema *schema = NULL;
  TwQuerySql *query;
  GError *error = NULL;

  g_return_if_fail (TW_IS_SESSION (self));
  g_return_if_fail (TW_IS_TABLE (table));
  g_return_if_fail (after == NULL || TW_IS_ROW (after));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_session_read_page_async);

  query = page_query (self, table, filter, sort, after, offset, limit, &schema, &error);
  if (query == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, _tw_row_schema_ref (schema), (GDestroyNotify) _tw_row_schema_unref);
  tw_connection_execute_async (self->connection, query->sql,
                               (TwValue * const *) query->params->pdata, query->params->len,
                               cancellable, read_page_done_cb, g_steal_pointer (&task));
  _tw_query_sql_free (query);
}

GPtrArray *
tw_session_read_page_finish (TwSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TwRow *
tw_session_get (TwSession        *self,
                TwTable          *table,
                TwValue * const  *key,
                guint             n_key,
                GCancellable     *cancellable,
                GError          **error)
{
  TwRowSchema *schema;
  g_autofree TwValue **values = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  TwRowIdentity probe;
  TwRow *row;
  GString *sql;
  TwDialect *dialect;
  g_autoptr (TwResult) result = NULL;

  g_return_val_if_fail (TW_IS_SESSION (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = _tw_session_get_schema (self, table);
  if (!check_writable (schema, error))
    return NULL;
  if (n_key != schema->n_key)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE,
                   _("The primary key of “%s” has %u columns, but %u values were given"),
                   schema->name, schema->n_key, n_key);
      return NULL;
    }

  values = g_new0 (TwValue *, MAX (schema->n_columns, 1));
  for (guint i = 0; i < n_key; i++)
    {
      values[schema->key[i]] = _tw_row_schema_coerce (schema, schema->key[i], key[i], error);
      if (values[schema->key[i]] == NULL)
        {
          for (guint j = 0; j < i; j++)
            tw_value_free (values[schema->key[j]]);
          return NULL;
        }
    }

  probe.schema = schema;
  probe.values = values;
  probe.original = NULL;
  row = _tw_row_schema_lookup (schema, &probe);

  dialect = tw_dialect_get (self->dialect);
  sql = g_string_new ("SELECT ");
  for (guint i = 0; i < schema->n_columns; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      tw_dialect_append_identifier (dialect, sql, schema->column_names[i]);
    }
  g_string_append (sql, " FROM ");
  tw_dialect_append_identifier (dialect, sql, schema->name);
  g_string_append (sql, " WHERE ");
  for (guint i = 0; i < n_key; i++)
    {
      g_autofree char *placeholder = tw_dialect_kind_placeholder (self->dialect, i + 1);

      if (i > 0)
        g_string_append (sql, " AND ");
      tw_dialect_append_identifier (dialect, sql, schema->column_names[schema->key[i]]);
      g_string_append_printf (sql, " = %s", placeholder);
    }

  if (row == NULL)
    {
      g_autofree TwValue **params = g_new0 (TwValue *, MAX (n_key, 1));

      for (guint i = 0; i < n_key; i++)
        params[i] = values[schema->key[i]];
      result = tw_connection_execute (self->connection, sql->str, params, n_key, cancellable, error);
    }

  g_string_free (sql, TRUE);
  for (guint i = 0; i < n_key; i++)
    tw_value_free (values[schema->key[i]]);

  if (row != NULL)
    return g_object_ref (row);
  if (result == NULL)
    return NULL;

  rows = _tw_session_rows_from_result (self, schema, result);
  if (rows->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, 0));
}
