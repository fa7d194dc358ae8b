/* tw-model-private.h: plain views of model objects for the DDL compiler and validation
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-column.h"
#include "tw-foreign-key.h"
#include "tw-table.h"

G_BEGIN_DECLS

/* Every field of a column at once, borrowed from it: valid until the column
 * changes. Create_all and validation read each column once through this
 * instead of a dozen checked getters. */
typedef struct
{
  TwColumn           *column;
  const char         *name;
  const char         *enum_name;
  const char * const *enum_values;   /* never NULL */
  const char         *default_value;
  const char         *comment;
  TwColumnType        column_type;
  guint               length;
  guint               precision;
  int                 scale;
  TwAutoincrement     autoincrement;
  TwDefaultKind       default_kind;
  guint               timezone : 1;
  guint               nullable : 1;
  guint               primary_key : 1;
  guint               unique : 1;
  guint               index : 1;
} TwColumnInfo;

/* The same for a foreign key. */
typedef struct
{
  TwForeignKey       *foreign_key;
  const char         *name;
  const char * const *columns;           /* never NULL */
  const char         *referred_table;
  const char * const *referred_columns;  /* never NULL */
  TwFkAction          on_delete;
  TwFkAction          on_update;
} TwForeignKeyInfo;

void           _tw_column_get_info         (TwColumn         *self,
                                            TwColumnInfo     *info);
void           _tw_foreign_key_get_info    (TwForeignKey     *self,
                                            TwForeignKeyInfo *info);
/* The table's columns and foreign keys in order (transfer none), without
 * a reference each, and the lengths of its other lists. */
TwColumn     **_tw_table_peek_columns      (TwTable          *self,
                                            guint            *n_columns);
TwForeignKey **_tw_table_peek_foreign_keys (TwTable          *self,
                                            guint            *n_foreign_keys);
void           _tw_table_get_n_constraints (TwTable          *self,
                                            guint            *n_unique_constraints,
                                            guint            *n_check_constraints,
                                            guint            *n_indexes);

G_END_DECLS
