/* tw-table.h: a table of the metadata model, with its columns and constraints
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-check-constraint.h"
#include "tw-column.h"
#include "tw-foreign-key.h"
#include "tw-index.h"
#include "tw-unique-constraint.h"

G_BEGIN_DECLS

#define TW_TYPE_TABLE (tw_table_get_type ())

G_DECLARE_FINAL_TYPE (TwTable, tw_table, TW, TABLE, GObject)

/* Properties: "name", "comment", "primary-key-name" (string or NULL), "x", "y"
 * (double, the card's position on the design canvas).
 *
 * The table emits "changed" whenever it, one of its columns or one of its
 * constraints changes, or one is added, removed or moved. Each of the lists
 * below is a GListModel that emits "items-changed" as well. */

TwTable      *tw_table_new                      (const char         *name) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy: new columns and constraints, no metadata. */
TwTable      *tw_table_copy                     (TwTable            *self) G_GNUC_WARN_UNUSED_RESULT;

const char   *tw_table_get_name                 (TwTable            *self);
void          tw_table_set_name                 (TwTable            *self,
                                                 const char         *name);
const char   *tw_table_get_comment              (TwTable            *self);
void          tw_table_set_comment              (TwTable            *self,
                                                 const char         *comment);
const char   *tw_table_get_primary_key_name     (TwTable            *self);
void          tw_table_set_primary_key_name     (TwTable            *self,
                                                 const char         *name);
double        tw_table_get_x                    (TwTable            *self);
double        tw_table_get_y                    (TwTable            *self);
void          tw_table_set_position             (TwTable            *self,
                                                 double              x,
                                                 double              y);

/* Columns, in order. The table holds a reference to each. */
GListModel   *tw_table_get_columns              (TwTable            *self);
guint         tw_table_get_n_columns            (TwTable            *self);
TwColumn     *tw_table_get_column               (TwTable            *self,
                                                 guint               position);
TwColumn     *tw_table_find_column              (TwTable            *self,
                                                 const char         *name);
int           tw_table_get_column_position      (TwTable            *self,
                                                 TwColumn           *column);
void          tw_table_add_column               (TwTable            *self,
                                                 TwColumn           *column);
void          tw_table_insert_column            (TwTable            *self,
                                                 guint               position,
                                                 TwColumn           *column);
void          tw_table_move_column              (TwTable            *self,
                                                 TwColumn           *column,
                                                 guint               new_position);
/* Removes the column, and takes it out of this table's constraints and
 * indexes (those left with no column are removed). */
void          tw_table_remove_column            (TwTable            *self,
                                                 TwColumn           *column);
/* Renames the column and every reference to it: this table's constraints and
 * indexes and, when the table belongs to a metadata, other tables' foreign
 * keys and the relationships that name it. */
void          tw_table_rename_column            (TwTable            *self,
                                                 TwColumn           *column,
                                                 const char         *new_name);

/* The primary key columns in column order (borrowed pointers). */
GPtrArray    *tw_table_dup_primary_key          (TwTable            *self) G_GNUC_WARN_UNUSED_RESULT;
/* SQLAlchemy's Table.autoincrement_column: the lone integer primary key
 * column with autoincrement "auto" (and no foreign key) or "always". */
TwColumn     *tw_table_get_autoincrement_column (TwTable            *self);

GListModel   *tw_table_get_foreign_keys         (TwTable            *self);
void          tw_table_add_foreign_key          (TwTable            *self,
                                                 TwForeignKey       *foreign_key);
void          tw_table_remove_foreign_key       (TwTable            *self,
                                                 TwForeignKey       *foreign_key);
GListModel   *tw_table_get_unique_constraints   (TwTable            *self);
void          tw_table_add_unique_constraint    (TwTable            *self,
                                                 TwUniqueConstraint *constraint);
void          tw_table_remove_unique_constraint (TwTable            *self,
                                                 TwUniqueConstraint *constraint);
GListModel   *tw_table_get_check_constraints    (TwTable            *self);
void          tw_table_add_check_constraint     (TwTable            *self,
                                                 TwCheckConstraint  *constraint);
void          tw_table_remove_check_constraint  (TwTable            *self,
                                                 TwCheckConstraint  *constraint);
GListModel   *tw_table_get_indexes              (TwTable            *self);
void          tw_table_add_index                (TwTable            *self,
                                                 TwIndex            *index);
void          tw_table_remove_index             (TwTable            *self,
                                                 TwIndex            *index);

/* TRUE when the columns are exactly the primary key, or covered by a
 * unique column, a unique constraint or a unique index (in any order). */
gboolean      tw_table_columns_are_unique       (TwTable            *self,
                                                 const char * const *columns);

/* The metadata holding the table, or NULL. Not a reference. */
struct _TwMetadata *tw_table_get_metadata       (TwTable            *self);
void          _tw_table_set_metadata            (TwTable            *self,
                                                 struct _TwMetadata *metadata);
/* Called by a column when it changed. */
void          _tw_table_emit_changed            (TwTable            *self);

G_END_DECLS
