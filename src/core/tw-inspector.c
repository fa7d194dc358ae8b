/* tw-inspector.c: reflection of a live database schema into the metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-inspector"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-connection-private.h"
#include "tw-inspector-private.h"
#include "tw-mysql-inspector.h"
#include "tw-postgresql-inspector.h"
#include "tw-sqlite-inspector.h"

/* The grid reflected tables are laid out on: a card is about this wide, and
 * about this high per column plus its header. */
#define GRID_MARGIN        40.0
#define GRID_CELL_WIDTH    320.0
#define GRID_HEADER_HEIGHT 64.0
#define GRID_ROW_HEIGHT    28.0
#define GRID_GAP           60.0

typedef struct
{
  TwConnection *connection;
  char         *schema;
  GPtrArray    *warnings;  /* char *, NULL-terminated for get_warnings() */
} TwInspectorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TwInspector, tw_inspector, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_SCHEMA,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static void
clear_warnings (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_ptr_array_set_size (priv->warnings, 0);
  g_ptr_array_add (priv->warnings, NULL);
}

static char **
tw_inspector_real_get_type_names (TwInspector   *self,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return g_new0 (char *, 1);
}

static void
tw_inspector_dispose (GObject *object)
{
  TwInspector *self = TW_INSPECTOR (object);
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_clear_object (&priv->connection);

  G_OBJECT_CLASS (tw_inspector_parent_class)->dispose (object);
}

static void
tw_inspector_finalize (GObject *object)
{
  TwInspector *self = TW_INSPECTOR (object);
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_clear_pointer (&priv->schema, g_free);
  g_clear_pointer (&priv->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (tw_inspector_parent_class)->finalize (object);
}

static void
tw_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TwInspector *self = TW_INSPECTOR (object);
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, priv->connection);
      break;

    case PROP_SCHEMA:
      g_value_set_string (value, priv->schema);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TwInspector *self = TW_INSPECTOR (object);
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      priv->connection = g_value_dup_object (value);
      break;

    case PROP_SCHEMA:
      tw_inspector_set_schema (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_inspector_class_init (TwInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_inspector_dispose;
  object_class->finalize = tw_inspector_finalize;
  object_class->get_property = tw_inspector_get_property;
  object_class->set_property = tw_inspector_set_property;

  klass->get_type_names = tw_inspector_real_get_type_names;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         TW_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SCHEMA] =
    g_param_spec_string ("schema", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tw_inspector_init (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  priv->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (priv->warnings, NULL);
}

TwInspector *
tw_inspector_new (TwConnection *connection)
{
  GType type;

  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);

  switch (tw_connection_get_dialect_kind (connection))
    {
    case TW_DIALECT_KIND_SQLITE:
      type = TW_TYPE_SQLITE_INSPECTOR;
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      type = TW_TYPE_POSTGRESQL_INSPECTOR;
      break;

    case TW_DIALECT_KIND_MYSQL:
      type = TW_TYPE_MYSQL_INSPECTOR;
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  return g_object_new (type, "connection", connection, NULL);
}

TwConnection *
tw_inspector_get_connection (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);

  return priv->connection;
}

const char *
tw_inspector_get_schema (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);

  return priv->schema;
}

void
tw_inspector_set_schema (TwInspector *self,
                         const char  *schema)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_return_if_fail (TW_IS_INSPECTOR (self));

  if (g_strcmp0 (priv->schema, schema) == 0)
    return;

  g_free (priv->schema);
  priv->schema = g_strdup (schema);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

const char * const *
tw_inspector_get_warnings (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);

  return (const char * const *) priv->warnings->pdata;
}

char **
tw_inspector_get_table_names (TwInspector   *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TW_INSPECTOR_GET_CLASS (self)->get_table_names (self, cancellable, error);
}

char **
tw_inspector_get_type_names (TwInspector   *self,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TW_INSPECTOR_GET_CLASS (self)->get_type_names (self, cancellable, error);
}

/* Shared with the dialects' inspectors. */

TwDialect *
_tw_inspector_get_dialect (TwInspector *self)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);

  return tw_dialect_get (tw_connection_get_dialect_kind (priv->connection));
}

void
_tw_inspector_add_warning (TwInspector *self,
                           const char  *format,
                           ...)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);
  va_list args;

  va_start (args, format);
  /* Replace the terminating NULL, then put it back. */
  g_ptr_array_index (priv->warnings, priv->warnings->len - 1) = g_strdup_vprintf (format, args);
  g_ptr_array_add (priv->warnings, NULL);
  va_end (args);
}

TwResult *
_tw_inspector_query (TwInspector         *self,
                     const char          *sql,
                     const char * const  *params,
                     guint                n_params,
                     GCancellable        *cancellable,
                     GError             **error)
{
  TwInspectorPrivate *priv = tw_inspector_get_instance_private (self);
  TwValue *values[8] = { NULL };
  TwResult *result;

  g_assert (n_params <= G_N_ELEMENTS (values));

  for (guint i = 0; i < n_params; i++)
    values[i] = params[i] != NULL ? tw_value_new_text (params[i]) : tw_value_new_null ();

  result = tw_connection_execute (priv->connection, sql, (TwValue * const *) values, n_params,
                                  cancellable, error);

  for (guint i = 0; i < n_params; i++)
    tw_value_free (values[i]);

  if (result == NULL && error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("Could not read the catalog of %s: "),
                    _tw_connection_get_display_url (priv->connection));

  return result;
}

const char *
_tw_inspector_get_text (TwResult *result,
                        guint     row,
                        guint     column)
{
  const TwValue *value = tw_result_get_value (result, row, column);

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
      return tw_value_get_text (value);

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_INT64:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_BLOB:
    default:
      /* The catalog queries read names and SQL text only as text. */
      return NULL;
    }
}

gint64
_tw_inspector_get_int (TwResult *result,
                       guint     row,
                       guint     column,
                       gint64    if_null)
{
  const TwValue *value = tw_result_get_value (result, row, column);
  const char *text;

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_INT64:
      return tw_value_get_int64 (value);

    case TW_VALUE_KIND_BOOLEAN:
      return tw_value_get_boolean (value) ? 1 : 0;

    case TW_VALUE_KIND_DOUBLE:
      return (gint64) tw_value_get_double (value);

    case TW_VALUE_KIND_TEXT:
    case TW_VALUE_KIND_NUMERIC:
      text = tw_value_get_text (value);
      return g_ascii_strtoll (text, NULL, 10);

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return if_null;
    }
}

gboolean
_tw_inspector_get_bool (TwResult *result,
                        guint     row,
                        guint     column)
{
  const TwValue *value = tw_result_get_value (result, row, column);
  const char *text;

  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_BOOLEAN:
      return tw_value_get_boolean (value);

    case TW_VALUE_KIND_INT64:
      return tw_value_get_int64 (value) != 0;

    case TW_VALUE_KIND_TEXT:
      text = tw_value_get_text (value);
      return g_ascii_strcasecmp (text, "t") == 0 || g_ascii_strcasecmp (text, "true") == 0 ||
             g_ascii_strcasecmp (text, "yes") == 0 || g_strcmp0 (text, "1") == 0;

    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_DOUBLE:
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return FALSE;
    }
}

GHashTable *
_tw_inspector_index_tables (GPtrArray *tables)
{
  GHashTable *by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < tables->len; i++)
    {
      TwTable *table = g_ptr_array_index (tables, i);

      g_hash_table_insert (by_name, (gpointer) tw_table_get_name (table), table);
    }

  return by_name;
}

gboolean
_tw_sql_parse_string_literal (const char  *text,
                              gboolean     backslashes,
                              char       **value)
{
  g_autoptr (GString) out = NULL;
  const char *p;

  if (text == NULL || text[0] != '\'')
    return FALSE;

  out = g_string_new (NULL);
  for (p = text + 1; *p != '\0'; p++)
    {
      if (*p == '\'')
        {
          if (p[1] == '\'')
            {
              g_string_append_c (out, '\'');
              p++;
              continue;
            }
          break;
        }
      if (backslashes && *p == '\\' && p[1] != '\0')
        {
          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case '0': g_string_append_c (out, '\0'); break;
            case 'Z': g_string_append_c (out, '\032'); break;
            default: g_string_append_c (out, *p); break;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }

  /* The closing quote must end the text. */
  if (*p != '\'' || p[1] != '\0')
    return FALSE;

  if (value != NULL)
    *value = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

/* The position of the parenthesis that closes the one at text[0], or -1;
 * skips string literals and quoted names. */
static gssize
find_closing_parenthesis (const char *text)
{
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"' || *p == '`')
        {
          char quote = *p;

          for (p++; *p != '\0' && *p != quote; p++)
            ;
          if (*p == '\0')
            return -1;
          continue;
        }
      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return p - text;
    }
  return -1;
}

char *
_tw_sql_strip_parentheses (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  for (;;)
    {
      gsize length = strlen (copy);
      char *inner;

      if (length < 2 || copy[0] != '(' || find_closing_parenthesis (copy) != (gssize) length - 1)
        return g_steal_pointer (&copy);

      inner = g_strstrip (g_strndup (copy + 1, length - 2));
      g_free (copy);
      copy = inner;
    }
}

gboolean
_tw_sql_is_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (p == NULL)
    return FALSE;
  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}

const char *
_tw_sql_default_function (const char *text)
{
  static const struct
  {
    const char *sql;
    const char *function;
  } functions[] = {
    { "current_timestamp", TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "current_timestamp()", TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "now()", TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "localtimestamp", TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP },
    { "current_date", TW_DEFAULT_FUNCTION_CURRENT_DATE },
    { "current_date()", TW_DEFAULT_FUNCTION_CURRENT_DATE },
    { "curdate()", TW_DEFAULT_FUNCTION_CURRENT_DATE },
    { "current_time", TW_DEFAULT_FUNCTION_CURRENT_TIME },
    { "current_time()", TW_DEFAULT_FUNCTION_CURRENT_TIME },
    { "curtime()", TW_DEFAULT_FUNCTION_CURRENT_TIME },
  };

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      if (g_ascii_strcasecmp (text, functions[i].sql) == 0)
        return functions[i].function;
    }
  return NULL;
}

void
_tw_inspector_set_default (TwColumn   *column,
                           const char *expression,
                           gboolean    backslashes)
{
  g_autofree char *stripped = NULL;
  g_autofree char *literal = NULL;
  const char *function;

  if (expression == NULL)
    {
      tw_column_set_default (column, TW_DEFAULT_KIND_NONE, NULL);
      return;
    }

  stripped = _tw_sql_strip_parentheses (expression);
  if (stripped[0] == '\0' || g_ascii_strcasecmp (stripped, "null") == 0)
    tw_column_set_default (column, TW_DEFAULT_KIND_NONE, NULL);
  else if ((function = _tw_sql_default_function (stripped)) != NULL)
    tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, function);
  else if (_tw_sql_parse_string_literal (stripped, backslashes, &literal))
    tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, literal);
  else
    tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, stripped);
}

/* The first length bytes of text (all for -1) in lower case, with runs of
 * blanks made one space and none at either end: "DOUBLE  PRECISION". */
static char *
collapse_blanks (const char *text,
                 gssize      length)
{
  GString *out = g_string_new (NULL);
  const char *end = length < 0 ? text + strlen (text) : text + length;
  gboolean blank = FALSE;

  for (const char *p = text; p < end; p++)
    {
      if (g_ascii_isspace (*p))
        {
          blank = out->len > 0;
          continue;
        }
      if (blank)
        g_string_append_c (out, ' ');
      blank = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

gboolean
_tw_sql_parse_type (const char  *type,
                    char       **name,
                    guint       *args,
                    guint        max_args,
                    guint       *n_args)
{
  const char *open = strchr (type, '(');
  g_autofree char *base = NULL;
  const char *p;
  guint count = 0;

  *name = NULL;
  *n_args = 0;
  if (open == NULL)
    {
      *name = collapse_blanks (type, -1);
      return TRUE;
    }

  base = collapse_blanks (type, open - type);
  for (p = open + 1; ; p++)
    {
      char *end;
      guint64 value;

      while (g_ascii_isspace (*p))
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = g_ascii_strtoull (p, &end, 10);
      if (value > G_MAXUINT || count >= max_args)
        return FALSE;
      args[count++] = (guint) value;
      p = end;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == ')')
        break;
      if (*p != ',')
        return FALSE;
    }

  /* Anything after the parentheses (" with time zone", " unsigned") joins
   * the name. */
  p++;
  if (*p != '\0')
    {
      g_autofree char *rest = collapse_blanks (p, -1);

      if (rest[0] != '\0')
        {
          char *joined = g_strconcat (base, " ", rest, NULL);

          g_free (base);
          base = joined;
        }
    }

  *name = g_steal_pointer (&base);
  *n_args = count;
  return TRUE;
}

/* Finishing the tables: what every dialect needs once its catalog rows are
 * in. */

static gboolean
column_in_foreign_key (TwTable    *table,
                       const char *name)
{
  GListModel *fks = tw_table_get_foreign_keys (table);
  guint n = g_list_model_get_n_items (fks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);

      if (tw_foreign_key_has_column (fk, name))
        return TRUE;
    }
  return FALSE;
}

/* The dialects say ALWAYS or NEVER for what the database does; the model
 * says AUTO wherever that means the same, as a designer would. */
static void
simplify_autoincrement (TwInspector *self,
                        TwTable     *table)
{
  g_autoptr (GPtrArray) key = tw_table_dup_primary_key (table);
  guint n = tw_table_get_n_columns (table);

  for (guint i = 0; i < n; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);
      TwAutoincrement said = tw_column_get_autoincrement (column);
      gboolean lone_key;
      gboolean implied;

      if (said == TW_AUTOINCREMENT_AUTO)
        continue;

      lone_key = key->len == 1 && g_ptr_array_index (key, 0) == column &&
                 tw_column_type_is_integer (tw_column_get_column_type (column));
      implied = lone_key &&
                tw_column_get_default_kind (column) == TW_DEFAULT_KIND_NONE &&
                !column_in_foreign_key (table, tw_column_get_name (column));

      if (said == TW_AUTOINCREMENT_ALWAYS && !lone_key)
        {
          _tw_inspector_add_warning (self,
                                     _("Column “%s.%s” autoincrements, which the model can only "
                                       "express for a lone integer primary key column"),
                                     tw_table_get_name (table), tw_column_get_name (column));
          tw_column_set_autoincrement (column, TW_AUTOINCREMENT_AUTO);
        }
      else if ((said == TW_AUTOINCREMENT_ALWAYS) == implied)
        tw_column_set_autoincrement (column, TW_AUTOINCREMENT_AUTO);
    }
}

/* An unnamed UNIQUE over one column is Column(unique=True). */
static void
unique_constraints_to_columns (TwTable *table)
{
  GListModel *list = tw_table_get_unique_constraints (table);

  for (guint i = g_list_model_get_n_items (list); i > 0; i--)
    {
      g_autoptr (TwUniqueConstraint) unique = g_list_model_get_item (list, i - 1);
      const char * const *columns = tw_unique_constraint_get_columns (unique);
      TwColumn *column;

      if (tw_unique_constraint_get_name (unique) != NULL || columns == NULL ||
          columns[0] == NULL || columns[1] != NULL)
        continue;

      column = tw_table_find_column (table, columns[0]);
      if (column == NULL || tw_column_get_unique (column))
        continue;

      tw_column_set_unique (column, TRUE);
      tw_table_remove_unique_constraint (table, unique);
    }
}

typedef struct
{
  TwTable  *table;
  GObject  *item;
  int       position;  /* of the first column */
  guint     n_columns;
  gboolean  column_index;
  const char *name;
  const char *other;   /* referred table, or check expression */
} SortItem;

static int
column_position (TwTable            *table,
                 const char * const *columns)
{
  TwColumn *column;

  if (columns == NULL || columns[0] == NULL)
    return G_MAXINT;
  column = tw_table_find_column (table, columns[0]);
  return column != NULL ? tw_table_get_column_position (table, column) : G_MAXINT;
}

static int
compare_names (const char *a,
               const char *b)
{
  /* Unnamed items after named ones. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_sort_items (gconstpointer pa,
                    gconstpointer pb)
{
  const SortItem *a = pa;
  const SortItem *b = pb;
  int cmp;

  if (a->column_index != b->column_index)
    return a->column_index ? -1 : 1;
  if (a->position != b->position)
    return a->position < b->position ? -1 : 1;
  if (a->n_columns != b->n_columns)
    return a->n_columns < b->n_columns ? -1 : 1;
  if ((cmp = g_strcmp0 (a->other, b->other)) != 0)
    return cmp;
  return compare_names (a->name, b->name);
}

static int
compare_by_name (gconstpointer pa,
                 gconstpointer pb)
{
  const SortItem *a = pa;
  const SortItem *b = pb;
  int cmp;

  if (a->column_index != b->column_index)
    return a->column_index ? -1 : 1;
  if (a->column_index && a->position != b->position)
    return a->position < b->position ? -1 : 1;
  if ((cmp = compare_names (a->name, b->name)) != 0)
    return cmp;
  return g_strcmp0 (a->other, b->other);
}

/* Whether the index is the kind Column(index=True) makes: one column, named
 * "ix_<table>_<column>". */
static gboolean
is_column_index (TwTable *table,
                 TwIndex *index)
{
  const char * const *columns = tw_index_get_columns (index);
  g_autofree char *expected = NULL;

  if (columns == NULL || columns[0] == NULL || columns[1] != NULL)
    return FALSE;

  expected = g_strconcat ("ix_", tw_table_get_name (table), "_", columns[0], NULL);
  return g_strcmp0 (expected, tw_index_get_name (index)) == 0;
}

/* The catalogs keep no creation order that all dialects share, so the
 * constraints and indexes of a reflected table come in a fixed order: the
 * one in which a model usually declares them, and in which the DDL compiler
 * emits Column(index=True) indexes. Foreign keys and unique constraints by
 * the position of their first column; check constraints by name; indexes
 * of the "ix_<table>_<column>" kind first, in column order, then the others
 * by name. */
static void
sort_table_items (TwTable *table)
{
  GListModel *lists[4];
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (SortItem));

  lists[0] = tw_table_get_foreign_keys (table);
  lists[1] = tw_table_get_unique_constraints (table);
  lists[2] = tw_table_get_check_constraints (table);
  lists[3] = tw_table_get_indexes (table);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l]);

      if (n < 2)
        continue;

      g_array_set_size (items, 0);
      for (guint i = 0; i < n; i++)
        {
          SortItem item = { table, g_list_model_get_item (lists[l], i), 0, 0, FALSE, NULL, NULL };
          const char * const *columns = NULL;

          switch (l)
            {
            case 0:
              columns = tw_foreign_key_get_columns (TW_FOREIGN_KEY (item.item));
              item.name = tw_foreign_key_get_name (TW_FOREIGN_KEY (item.item));
              item.other = tw_foreign_key_get_referred_table (TW_FOREIGN_KEY (item.item));
              break;

            case 1:
              columns = tw_unique_constraint_get_columns (TW_UNIQUE_CONSTRAINT (item.item));
              item.name = tw_unique_constraint_get_name (TW_UNIQUE_CONSTRAINT (item.item));
              break;

            case 2:
              item.name = tw_check_constraint_get_name (TW_CHECK_CONSTRAINT (item.item));
              item.other = tw_check_constraint_get_expression (TW_CHECK_CONSTRAINT (item.item));
              break;

            default:
              columns = tw_index_get_columns (TW_INDEX (item.item));
              item.name = tw_index_get_name (TW_INDEX (item.item));
              item.column_index = is_column_index (table, TW_INDEX (item.item));
              break;
            }

          item.position = column_position (table, columns);
          item.n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;
          g_array_append_val (items, item);
        }

      g_array_sort (items, l < 2 ? compare_sort_items : compare_by_name);

      for (guint i = 0; i < items->len; i++)
        {
          GObject *item = g_array_index (items, SortItem, i).item;

          switch (l)
            {
            case 0:
              tw_table_remove_foreign_key (table, TW_FOREIGN_KEY (item));
              break;
            case 1:
              tw_table_remove_unique_constraint (table, TW_UNIQUE_CONSTRAINT (item));
              break;
            case 2:
              tw_table_remove_check_constraint (table, TW_CHECK_CONSTRAINT (item));
              break;
            default:
              tw_table_remove_index (table, TW_INDEX (item));
              break;
            }
        }

      for (guint i = 0; i < items->len; i++)
        {
          GObject *item = g_array_index (items, SortItem, i).item;

          switch (l)
            {
            case 0:
              tw_table_add_foreign_key (table, TW_FOREIGN_KEY (item));
              break;
            case 1:
              tw_table_add_unique_constraint (table, TW_UNIQUE_CONSTRAINT (item));
              break;
            case 2:
              tw_table_add_check_constraint (table, TW_CHECK_CONSTRAINT (item));
              break;
            default:
              tw_table_add_index (table, TW_INDEX (item));
              break;
            }
          g_object_unref (item);
        }
    }
}

/* Relationships: what a designer would have drawn between the tables. */

/* "users" → "user", "categories" → "category": the English heuristic
 * tw_metadata_link_one_to_many() names attributes with. */
static char *
singular (const char *name)
{
  gsize length = strlen (name);

  if (length > 3 && g_str_has_suffix (name, "ies"))
    return g_strdup_printf ("%.*sy", (int) (length - 3), name);
  if (length > 4 && (g_str_has_suffix (name, "sses") || g_str_has_suffix (name, "xes") ||
                     g_str_has_suffix (name, "ches") || g_str_has_suffix (name, "shes")))
    return g_strndup (name, length - 2);
  if (length > 1 && name[length - 1] == 's' && name[length - 2] != 's' && name[length - 2] != 'u')
    return g_strndup (name, length - 1);
  return g_strdup (name);
}

/* The attribute names taken on each table's class: its columns and the
 * relationships added so far. */
static GHashTable *
attributes_of (GHashTable *attributes,
               TwTable    *table)
{
  GHashTable *names = g_hash_table_lookup (attributes, tw_table_get_name (table));
  guint n;

  if (names != NULL)
    return names;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = tw_table_get_n_columns (table);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (names, g_strdup (tw_column_get_name (tw_table_get_column (table, i))));
  g_hash_table_insert (attributes, g_strdup (tw_table_get_name (table)), names);
  return names;
}

/* base, or base_2, base_3, ...: an attribute name the class does not use. */
static char *
claim_attribute (GHashTable *attributes,
                 TwTable    *table,
                 const char *base)
{
  GHashTable *names = attributes_of (attributes, table);
  char *name = g_strdup (base);

  for (guint i = 2; g_hash_table_contains (names, name); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, i);
    }

  g_hash_table_add (names, g_strdup (name));
  return name;
}

static gboolean
strv_contains_all (const char * const *haystack,
                   const char * const *needles)
{
  for (guint i = 0; needles != NULL && needles[i] != NULL; i++)
    {
      if (!g_strv_contains (haystack, needles[i]))
        return FALSE;
    }
  return TRUE;
}

/* A table whose primary key is exactly the columns of its two foreign keys,
 * and which has no other column: SQLAlchemy's "secondary" table. */
static gboolean
is_association_table (TwTable       *table,
                      TwForeignKey **left,
                      TwForeignKey **right)
{
  GListModel *fks = tw_table_get_foreign_keys (table);
  g_autoptr (GPtrArray) key = NULL;
  g_autoptr (TwForeignKey) first = NULL;
  g_autoptr (TwForeignKey) second = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) key_names = NULL;
  guint n_fk_columns;

  if (g_list_model_get_n_items (fks) != 2)
    return FALSE;

  key = tw_table_dup_primary_key (table);
  if (key->len != tw_table_get_n_columns (table))
    return FALSE;

  first = g_list_model_get_item (fks, 0);
  second = g_list_model_get_item (fks, 1);
  n_fk_columns = tw_foreign_key_get_n_columns (first) + tw_foreign_key_get_n_columns (second);
  if (n_fk_columns != key->len)
    return FALSE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < key->len; i++)
    g_strv_builder_add (builder, tw_column_get_name (g_ptr_array_index (key, i)));
  key_names = g_strv_builder_end (builder);

  /* Every key column in one of the two keys, and as many columns as the
   * key has: the two keys split the primary key between them. */
  if (!strv_contains_all ((const char * const *) key_names, tw_foreign_key_get_columns (first)) ||
      !strv_contains_all ((const char * const *) key_names, tw_foreign_key_get_columns (second)))
    return FALSE;
  for (guint i = 0; key_names[i] != NULL; i++)
    {
      if (tw_foreign_key_has_column (first, key_names[i]) ==
          tw_foreign_key_has_column (second, key_names[i]))
        return FALSE;
    }

  *left = g_steal_pointer (&first);
  *right = g_steal_pointer (&second);
  return TRUE;
}

static void
add_relationships (TwMetadata *metadata)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GHashTable) associations = NULL;
  guint n = tw_metadata_get_n_tables (metadata);

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  associations = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);
      g_autoptr (TwForeignKey) left_fk = NULL;
      g_autoptr (TwForeignKey) right_fk = NULL;
      g_autoptr (TwRelationship) rel = NULL;
      g_autofree char *left_attribute = NULL;
      g_autofree char *right_attribute = NULL;
      TwTable *left;
      TwTable *right;

      if (!is_association_table (table, &left_fk, &right_fk))
        continue;

      left = tw_metadata_find_table (metadata, tw_foreign_key_get_referred_table (left_fk));
      right = tw_metadata_find_table (metadata, tw_foreign_key_get_referred_table (right_fk));
      if (left == NULL || right == NULL)
        continue;

      left_attribute = claim_attribute (attributes, left, tw_table_get_name (right));
      right_attribute = claim_attribute (attributes, right, tw_table_get_name (left));

      rel = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY,
                                 tw_table_get_name (left), tw_table_get_name (right));
      tw_relationship_set_secondary (rel, tw_table_get_name (table));
      tw_relationship_set_left_attribute (rel, left_attribute);
      tw_relationship_set_right_attribute (rel, right_attribute);
      tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
      tw_metadata_add_relationship (metadata, rel);

      g_hash_table_add (associations, table);
    }

  for (guint i = 0; i < n; i++)
    {
      TwTable *child = tw_metadata_get_table (metadata, i);
      GListModel *fks = tw_table_get_foreign_keys (child);
      guint n_fks = g_list_model_get_n_items (fks);

      if (g_hash_table_contains (associations, child))
        continue;

      for (guint f = 0; f < n_fks; f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          g_autoptr (TwRelationship) rel = NULL;
          g_autofree char *parent_singular = NULL;
          g_autofree char *left_attribute = NULL;
          g_autofree char *right_attribute = NULL;
          TwTable *parent = tw_metadata_find_table (metadata, tw_foreign_key_get_referred_table (fk));

          if (parent == NULL)
            continue;

          /* An adjacency list names its sides as SQLAlchemy's documentation
           * does. */
          if (parent == child)
            {
              left_attribute = claim_attribute (attributes, parent, "children");
              right_attribute = claim_attribute (attributes, child, "parent");
            }
          else
            {
              parent_singular = singular (tw_table_get_name (parent));
              left_attribute = claim_attribute (attributes, parent, tw_table_get_name (child));
              right_attribute = claim_attribute (attributes, child, parent_singular);
            }

          rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY,
                                     tw_table_get_name (parent), tw_table_get_name (child));
          tw_relationship_set_left_attribute (rel, left_attribute);
          tw_relationship_set_right_attribute (rel, right_attribute);
          tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
          tw_relationship_set_foreign_key_columns (rel, tw_foreign_key_get_columns (fk));
          tw_metadata_add_relationship (metadata, rel);
        }
    }
}

/* Rows of about square proportions, each as high as its tallest card, so
 * that no two cards overlap on the canvas. */
static void
lay_out_on_grid (TwMetadata *metadata)
{
  guint n = tw_metadata_get_n_tables (metadata);
  guint per_row = MAX (1, (guint) ceil (sqrt ((double) n)));
  double y = GRID_MARGIN;

  for (guint row_start = 0; row_start < n; row_start += per_row)
    {
      double row_height = 0.0;

      for (guint i = row_start; i < MIN (n, row_start + per_row); i++)
        {
          TwTable *table = tw_metadata_get_table (metadata, i);
          double height = GRID_HEADER_HEIGHT + GRID_ROW_HEIGHT * tw_table_get_n_columns (table);

          tw_table_set_position (table, GRID_MARGIN + GRID_CELL_WIDTH * (i - row_start), y);
          row_height = MAX (row_height, height);
        }

      y += row_height + GRID_GAP;
    }
}

static int
compare_tables_by_name (gconstpointer a,
                        gconstpointer b)
{
  TwTable *ta = *(TwTable * const *) a;
  TwTable *tb = *(TwTable * const *) b;

  return strcmp (tw_table_get_name (ta), tw_table_get_name (tb));
}

TwMetadata *
tw_inspector_reflect_metadata (TwInspector   *self,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (TwMetadata) metadata = NULL;

  g_return_val_if_fail (TW_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clear_warnings (self);

  tables = g_ptr_array_new_with_free_func (g_object_unref);
  if (!TW_INSPECTOR_GET_CLASS (self)->reflect_tables (self, tables, cancellable, error))
    return NULL;

  g_ptr_array_sort (tables, compare_tables_by_name);

  metadata = tw_metadata_new ();
  for (guint i = 0; i < tables->len; i++)
    {
      TwTable *table = g_ptr_array_index (tables, i);

      simplify_autoincrement (self, table);
      unique_constraints_to_columns (table);
      sort_table_items (table);
      tw_metadata_add_table (metadata, table);
    }

  add_relationships (metadata);
  lay_out_on_grid (metadata);

  return g_steal_pointer (&metadata);
}

TwMetadata *
tw_inspector_reflect (TwConnection  *connection,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr (TwInspector) inspector = NULL;

  g_return_val_if_fail (TW_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inspector = tw_inspector_new (connection);
  return tw_inspector_reflect_metadata (inspector, cancellable, error);
}

static void
reflect_in_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  TwMetadata *metadata;

  metadata = tw_inspector_reflect (TW_CONNECTION (source_object), cancellable, &error);
  if (metadata != NULL)
    g_task_return_pointer (task, metadata, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
tw_inspector_reflect_async (TwConnection        *connection,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_inspector_reflect_async);
  _tw_connection_push (connection, g_steal_pointer (&task), reflect_in_worker);
}

TwMetadata *
tw_inspector_reflect_finish (TwConnection  *connection,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
