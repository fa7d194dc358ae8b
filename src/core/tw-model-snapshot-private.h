/* tw-model-snapshot-private.h: a metadata model read once into plain arrays
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-metadata.h"
#include "tw-model-private.h"

G_BEGIN_DECLS

#define TW_NO_TABLE G_MAXUINT

typedef struct
{
  TwTable          *table;
  const char       *name;
  const char       *primary_key_name;
  const char       *comment;
  TwColumnInfo     *columns;
  guint             n_columns;
  TwForeignKeyInfo *foreign_keys;
  /* Parallel to foreign_keys: the position of the referred table (the
   * first of its name), or TW_NO_TABLE. */
  guint            *fk_targets;
  guint             n_foreign_keys;
  guint             n_unique_constraints;
  guint             n_check_constraints;
  guint             n_indexes;
} TwTableInfo;

/* Everything create_all, validation and the dependency sort read of a
 * model, taken in one pass: no type checks, references or list lookups
 * after that. It borrows from the model, which must not change while the
 * snapshot lives. */
typedef struct
{
  TwMetadata       *metadata;
  TwTableInfo      *tables;
  guint             n_tables;
  TwColumnInfo     *columns;        /* every table's, one table after the other */
  guint             n_columns;
  TwForeignKeyInfo *foreign_keys;   /* the same for the foreign keys */
  guint            *fk_targets;
  guint             n_foreign_keys;
  /* An open-addressing index of the table names: slots hold a table's
   * position + 1, or 0. */
  guint            *name_slots;
  guint             name_mask;
} TwModelSnapshot;

/* A snapshot of one table: _tw_table_info_count() fills in the table's
 * fields and counts; _tw_table_info_read() reads the columns and foreign
 * keys into arrays of n_columns and n_foreign_keys entries. fk_targets
 * stays NULL. */
void             _tw_table_info_count          (TwTableInfo      *info,
                                                TwTable          *table);
void             _tw_table_info_read           (TwTableInfo      *info,
                                                TwColumnInfo     *columns,
                                                TwForeignKeyInfo *foreign_keys);

TwModelSnapshot *_tw_model_snapshot_new        (TwMetadata      *metadata);
void             _tw_model_snapshot_free       (TwModelSnapshot *self);
/* The position of the first table named name, or TW_NO_TABLE. */
guint            _tw_model_snapshot_find_table (TwModelSnapshot *self,
                                                const char      *name);
/* The dependency order of tw_metadata_sort_tables(): order receives
 * n_tables table positions; in_cycle (n_foreign_keys entries, indexed like
 * self->foreign_keys) says which foreign keys are left out of the order
 * because they form a cycle. */
void             _tw_model_snapshot_sort       (TwModelSnapshot *self,
                                                guint           *order,
                                                gboolean        *in_cycle);

/* tw_metadata_validate() on a snapshot (in tw-metadata.c). */
GPtrArray       *_tw_metadata_validate_snapshot (TwModelSnapshot *snapshot,
                                                 guint            dialects);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwModelSnapshot, _tw_model_snapshot_free)

G_END_DECLS
