/* tw-ddl-statement.c: one statement of a compiled DDL script
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-ddl-statement"

#include "config.h"

#include <string.h>

#include <glib-object.h>

#include "tw-ddl-statement.h"

G_DEFINE_BOXED_TYPE (TwDdlStatement, tw_ddl_statement, tw_ddl_statement_copy, tw_ddl_statement_free)

static const char * const kind_names[] = {
  [TW_DDL_KIND_CREATE_TYPE] = "create-type",
  [TW_DDL_KIND_CREATE_TABLE] = "create-table",
  [TW_DDL_KIND_CREATE_INDEX] = "create-index",
  [TW_DDL_KIND_ADD_CONSTRAINT] = "add-constraint",
  [TW_DDL_KIND_COMMENT] = "comment",
  [TW_DDL_KIND_DROP_CONSTRAINT] = "drop-constraint",
  [TW_DDL_KIND_DROP_INDEX] = "drop-index",
  [TW_DDL_KIND_DROP_TABLE] = "drop-table",
  [TW_DDL_KIND_DROP_TYPE] = "drop-type",
};

TwDdlStatement *
tw_ddl_statement_new_take (TwDdlKind   kind,
                           const char *table,
                           char       *sql)
{
  TwDdlStatement *self;

  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  self = g_new (TwDdlStatement, 1);
  self->kind = kind;
  self->table = g_strdup (table);
  self->sql = sql;

  return self;
}

TwDdlStatement *
tw_ddl_statement_new (TwDdlKind   kind,
                      const char *table,
                      const char *sql)
{
  g_return_val_if_fail (sql != NULL, NULL);

  return tw_ddl_statement_new_take (kind, table, g_strdup (sql));
}

TwDdlStatement *
tw_ddl_statement_copy (const TwDdlStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return tw_ddl_statement_new (self->kind, self->table, self->sql);
}

void
tw_ddl_statement_free (TwDdlStatement *self)
{
  if (self == NULL)
    return;

  g_free (self->table);
  g_free (self->sql);
  g_free (self);
}

TwDdlKind
tw_ddl_statement_get_kind (const TwDdlStatement *self)
{
  g_return_val_if_fail (self != NULL, TW_DDL_KIND_CREATE_TABLE);

  return self->kind;
}

const char *
tw_ddl_statement_get_table (const TwDdlStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->table;
}

const char *
tw_ddl_statement_get_sql (const TwDdlStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sql;
}

const char *
tw_ddl_kind_to_string (TwDdlKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

char *
tw_ddl_statements_to_script (GPtrArray *statements)
{
  GString *script;
  gsize    size = 1;

  g_return_val_if_fail (statements != NULL, NULL);

  /* One allocation for the whole script: a 1,000-table schema makes a
   * script of a few megabytes. */
  for (guint i = 0; i < statements->len; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);

      size += strlen (statement->sql) + 3;
    }

  script = g_string_sized_new (size);
  for (guint i = 0; i < statements->len; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (i > 0)
        g_string_append_c (script, '\n');
      g_string_append (script, statement->sql);
      g_string_append (script, ";\n");
    }

  return g_string_free (script, FALSE);
}
