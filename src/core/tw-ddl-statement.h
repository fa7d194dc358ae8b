/* tw-ddl-statement.h: one statement of a compiled DDL script
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a statement does. The order is the order in which a create_all or a
 * drop_all script emits the kinds for one table. */
typedef enum
{
  TW_DDL_KIND_CREATE_TYPE,
  TW_DDL_KIND_CREATE_TABLE,
  TW_DDL_KIND_CREATE_INDEX,
  TW_DDL_KIND_ADD_CONSTRAINT,
  TW_DDL_KIND_COMMENT,
  TW_DDL_KIND_DROP_CONSTRAINT,
  TW_DDL_KIND_DROP_INDEX,
  TW_DDL_KIND_DROP_TABLE,
  TW_DDL_KIND_DROP_TYPE,
} TwDdlKind;

#define TW_TYPE_DDL_STATEMENT (tw_ddl_statement_get_type ())

typedef struct _TwDdlStatement TwDdlStatement;

/* A plain value: the kind, the table the statement belongs to (for
 * TW_DDL_KIND_CREATE_TYPE and TW_DDL_KIND_DROP_TYPE the name of the type) and
 * the SQL text, without a trailing ';'. */
struct _TwDdlStatement
{
  TwDdlKind  kind;
  char      *table;
  char      *sql;
};

GType           tw_ddl_statement_get_type   (void) G_GNUC_CONST;
TwDdlStatement *tw_ddl_statement_new        (TwDdlKind             kind,
                                             const char           *table,
                                             const char           *sql) G_GNUC_WARN_UNUSED_RESULT;
/* Like tw_ddl_statement_new(), taking ownership of sql. */
TwDdlStatement *tw_ddl_statement_new_take   (TwDdlKind             kind,
                                             const char           *table,
                                             char                 *sql) G_GNUC_WARN_UNUSED_RESULT;
TwDdlStatement *tw_ddl_statement_copy       (const TwDdlStatement *self) G_GNUC_WARN_UNUSED_RESULT;
void            tw_ddl_statement_free       (TwDdlStatement       *self);
TwDdlKind       tw_ddl_statement_get_kind   (const TwDdlStatement *self);
const char     *tw_ddl_statement_get_table  (const TwDdlStatement *self);
const char     *tw_ddl_statement_get_sql    (const TwDdlStatement *self);

/* "create-table", "drop-type", ...: a name for logs and tests. */
const char     *tw_ddl_kind_to_string       (TwDdlKind             kind);

/* Joins the SQL of an array of TwDdlStatement into a script: each statement
 * ends with ';', statements are separated by a blank line, and the script
 * ends with a newline ("" for no statements). */
char           *tw_ddl_statements_to_script (GPtrArray            *statements) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwDdlStatement, tw_ddl_statement_free)

G_END_DECLS
