/* tw-metadata.h: the metadata model: tables and the relationships between them
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-problem.h"
#include "tw-relationship.h"
#include "tw-table.h"

G_BEGIN_DECLS

#define TW_MODEL_ERROR (tw_model_error_quark ())

typedef enum
{
  TW_MODEL_ERROR_DUPLICATE_NAME,
  TW_MODEL_ERROR_NOT_FOUND,
  TW_MODEL_ERROR_NO_PRIMARY_KEY,
  TW_MODEL_ERROR_INVALID,
} TwModelError;

/* Bit masks of dialects, for validation. */
#define TW_DIALECT_MASK(kind) (1u << (kind))
#define TW_DIALECT_MASK_ALL   (TW_DIALECT_MASK (TW_DIALECT_KIND_SQLITE) | \
                               TW_DIALECT_MASK (TW_DIALECT_KIND_POSTGRESQL) | \
                               TW_DIALECT_MASK (TW_DIALECT_KIND_MYSQL))

#define TW_TYPE_METADATA (tw_metadata_get_type ())

G_DECLARE_FINAL_TYPE (TwMetadata, tw_metadata, TW, METADATA, GObject)

/* Signals:
 *   "changed" ()                  anything in the model changed
 *   "table-changed" (TwTable *)   a table or something inside it changed
 * The lists of tables and relationships are GListModels ("items-changed"). */

GQuark          tw_model_error_quark              (void);

TwMetadata     *tw_metadata_new                   (void) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy of every table and relationship. */
TwMetadata     *tw_metadata_copy                  (TwMetadata     *self) G_GNUC_WARN_UNUSED_RESULT;

GListModel     *tw_metadata_get_tables            (TwMetadata     *self);
guint           tw_metadata_get_n_tables          (TwMetadata     *self);
TwTable        *tw_metadata_get_table             (TwMetadata     *self,
                                                   guint           position);
TwTable        *tw_metadata_find_table            (TwMetadata     *self,
                                                   const char     *name);
/* Appends the table (the metadata takes its own reference). Duplicate names
 * are allowed here and reported by validation. */
void            tw_metadata_add_table             (TwMetadata     *self,
                                                   TwTable        *table);
void            tw_metadata_insert_table          (TwMetadata     *self,
                                                   guint           position,
                                                   TwTable        *table);
/* Removes the table, the foreign keys of other tables that refer to it and
 * the relationships it takes part in (a many-to-many link also takes its
 * association table away). */
void            tw_metadata_remove_table          (TwMetadata     *self,
                                                   TwTable        *table);
/* Renames the table and every reference to it (foreign keys, relationships). */
void            tw_metadata_rename_table          (TwMetadata     *self,
                                                   TwTable        *table,
                                                   const char     *new_name);
/* "prefix", or "prefix_2", "prefix_3", ... : a table name not yet used. */
char           *tw_metadata_dup_unique_table_name (TwMetadata     *self,
                                                   const char     *prefix) G_GNUC_WARN_UNUSED_RESULT;

GListModel     *tw_metadata_get_relationships     (TwMetadata     *self);
void            tw_metadata_add_relationship      (TwMetadata     *self,
                                                   TwRelationship *relationship);
/* Removes the relationship; a many-to-many one takes its association table
 * with it. */
void            tw_metadata_remove_relationship   (TwMetadata     *self,
                                                   TwRelationship *relationship);

/* Adds to child a column "<parent>_<pk>" for each primary key column of
 * parent, with the same type, a foreign key to it, and a one-to-many
 * relationship parent.<child>s / child.<parent>. */
TwRelationship *tw_metadata_link_one_to_many      (TwMetadata     *self,
                                                   TwTable        *parent,
                                                   TwTable        *child,
                                                   GError        **error);
/* Creates the association table (named secondary, or "<left>_<right>" when
 * NULL) with a "<left>_<pk>" and a "<right>_<pk>" column per primary key
 * column, both foreign keys and together the primary key, and the
 * relationship, with back_populates attributes "<right>s" and "<left>s". */
TwRelationship *tw_metadata_link_many_to_many     (TwMetadata     *self,
                                                   TwTable        *left,
                                                   TwTable        *right,
                                                   const char     *secondary,
                                                   GError        **error);

/* Every problem of the model, for the dialects in the mask, in a stable
 * order (by table, then element). An element of type TwProblem. */
GPtrArray      *tw_metadata_validate              (TwMetadata     *self,
                                                   guint           dialects) G_GNUC_WARN_UNUSED_RESULT;

/* Tables sorted so that every table comes after the tables it refers to,
 * like SQLAlchemy's MetaData.sorted_tables. Foreign keys that form a cycle
 * are left out of the sort and returned in cycle_fks (borrowed TwForeignKey
 * pointers) when it is not NULL. Ties keep the model's order. */
GPtrArray      *tw_metadata_sort_tables           (TwMetadata     *self,
                                                   GPtrArray     **cycle_fks) G_GNUC_WARN_UNUSED_RESULT;

/* The table holding a foreign key (foreign keys have no back pointer). */
TwTable        *tw_metadata_find_foreign_key_table (TwMetadata    *self,
                                                    TwForeignKey  *foreign_key);

void            _tw_metadata_emit_table_changed   (TwMetadata     *self,
                                                   TwTable        *table);

/* For the undo history, which puts back a whole recorded state itself: list
 * changes that touch nothing else (removing a table leaves the foreign keys
 * and relationships that name it, removing a many-to-many relationship
 * leaves its association table). Replacing swaps the table at position for
 * table in one "items-changed". */
void            _tw_metadata_replace_table        (TwMetadata     *self,
                                                   guint           position,
                                                   TwTable        *table);
void            _tw_metadata_remove_table_only    (TwMetadata     *self,
                                                   TwTable        *table);
void            _tw_metadata_insert_relationship  (TwMetadata     *self,
                                                   guint           position,
                                                   TwRelationship *relationship);
void            _tw_metadata_remove_relationship_only (TwMetadata     *self,
                                                       TwRelationship *relationship);

G_END_DECLS
