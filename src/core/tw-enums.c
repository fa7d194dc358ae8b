/* tw-enums.c: names of the core enumerations, for files and messages
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-enums"

#include "config.h"

#include "tw-enums.h"

/* The names are SQLAlchemy's class names, so that a .twm file reads like the
 * Python a user would write. */
static const char * const column_type_names[] = {
  [TW_COLUMN_TYPE_INTEGER] = "Integer",
  [TW_COLUMN_TYPE_BIG_INTEGER] = "BigInteger",
  [TW_COLUMN_TYPE_SMALL_INTEGER] = "SmallInteger",
  [TW_COLUMN_TYPE_BOOLEAN] = "Boolean",
  [TW_COLUMN_TYPE_FLOAT] = "Float",
  [TW_COLUMN_TYPE_NUMERIC] = "Numeric",
  [TW_COLUMN_TYPE_STRING] = "String",
  [TW_COLUMN_TYPE_TEXT] = "Text",
  [TW_COLUMN_TYPE_DATE] = "Date",
  [TW_COLUMN_TYPE_DATE_TIME] = "DateTime",
  [TW_COLUMN_TYPE_TIME] = "Time",
  [TW_COLUMN_TYPE_LARGE_BINARY] = "LargeBinary",
  [TW_COLUMN_TYPE_ENUM] = "Enum",
  [TW_COLUMN_TYPE_JSON] = "JSON",
  [TW_COLUMN_TYPE_UUID] = "Uuid",
};

static const char * const dialect_names[] = {
  [TW_DIALECT_KIND_SQLITE] = "sqlite",
  [TW_DIALECT_KIND_POSTGRESQL] = "postgresql",
  [TW_DIALECT_KIND_MYSQL] = "mysql",
};

static const char * const fk_action_names[] = {
  [TW_FK_ACTION_NO_ACTION] = "no-action",
  [TW_FK_ACTION_RESTRICT] = "restrict",
  [TW_FK_ACTION_CASCADE] = "cascade",
  [TW_FK_ACTION_SET_NULL] = "set-null",
  [TW_FK_ACTION_SET_DEFAULT] = "set-default",
};

static const char * const fk_action_sql[] = {
  [TW_FK_ACTION_NO_ACTION] = "NO ACTION",
  [TW_FK_ACTION_RESTRICT] = "RESTRICT",
  [TW_FK_ACTION_CASCADE] = "CASCADE",
  [TW_FK_ACTION_SET_NULL] = "SET NULL",
  [TW_FK_ACTION_SET_DEFAULT] = "SET DEFAULT",
};

static const char * const autoincrement_names[] = {
  [TW_AUTOINCREMENT_AUTO] = "auto",
  [TW_AUTOINCREMENT_ALWAYS] = "always",
  [TW_AUTOINCREMENT_NEVER] = "never",
};

static const char * const default_kind_names[] = {
  [TW_DEFAULT_KIND_NONE] = "none",
  [TW_DEFAULT_KIND_LITERAL] = "literal",
  [TW_DEFAULT_KIND_EXPRESSION] = "expression",
  [TW_DEFAULT_KIND_FUNCTION] = "function",
};

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && g_ascii_strcasecmp (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tw_column_type_to_string (TwColumnType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (column_type_names), NULL);
  return column_type_names[type];
}

gboolean
tw_column_type_from_string (const char   *str,
                            TwColumnType *type)
{
  guint v;

  if (!lookup (column_type_names, G_N_ELEMENTS (column_type_names), str, &v))
    return FALSE;
  *type = v;
  return TRUE;
}

gboolean
tw_column_type_is_integer (TwColumnType type)
{
  return type == TW_COLUMN_TYPE_INTEGER ||
         type == TW_COLUMN_TYPE_BIG_INTEGER ||
         type == TW_COLUMN_TYPE_SMALL_INTEGER;
}

const char *
tw_dialect_kind_to_string (TwDialectKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (dialect_names), NULL);
  return dialect_names[kind];
}

gboolean
tw_dialect_kind_from_string (const char    *str,
                             TwDialectKind *kind)
{
  guint v;

  if (g_strcmp0 (str, "mariadb") == 0)
    {
      *kind = TW_DIALECT_KIND_MYSQL;
      return TRUE;
    }
  if (!lookup (dialect_names, G_N_ELEMENTS (dialect_names), str, &v))
    return FALSE;
  *kind = v;
  return TRUE;
}

const char *
tw_fk_action_to_string (TwFkAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (fk_action_names), NULL);
  return fk_action_names[action];
}

const char *
tw_fk_action_to_sql (TwFkAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (fk_action_sql), NULL);
  return fk_action_sql[action];
}

gboolean
tw_fk_action_from_string (const char *str,
                          TwFkAction *action)
{
  guint v;

  if (lookup (fk_action_names, G_N_ELEMENTS (fk_action_names), str, &v) ||
      lookup (fk_action_sql, G_N_ELEMENTS (fk_action_sql), str, &v))
    {
      *action = v;
      return TRUE;
    }
  return FALSE;
}

const char *
tw_autoincrement_to_string (TwAutoincrement value)
{
  g_return_val_if_fail (value < G_N_ELEMENTS (autoincrement_names), NULL);
  return autoincrement_names[value];
}

gboolean
tw_autoincrement_from_string (const char      *str,
                              TwAutoincrement *value)
{
  guint v;

  if (!lookup (autoincrement_names, G_N_ELEMENTS (autoincrement_names), str, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

const char *
tw_default_kind_to_string (TwDefaultKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (default_kind_names), NULL);
  return default_kind_names[kind];
}

gboolean
tw_default_kind_from_string (const char    *str,
                             TwDefaultKind *kind)
{
  guint v;

  if (!lookup (default_kind_names, G_N_ELEMENTS (default_kind_names), str, &v))
    return FALSE;
  *kind = v;
  return TRUE;
}
