/* tw-row-private.h: what the session, its flush and the row model share about rows
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-row.h"

G_BEGIN_DECLS

/* One foreign key of a table, by column positions. */
typedef struct
{
  TwForeignKey  *foreign_key;
  char          *referred_table;
  guint          n_columns;
  guint         *columns;            /* positions in this table */
  char         **referred_columns;   /* names in the referred table */
} TwRowForeignKey;

/* What a session knows about a table, fixed when it first sees the table:
 * the columns (a snapshot: later edits of the model do not reach it), the
 * primary key and the identity map. Reference-counted: rows keep theirs.
 * Main thread only, except the immutable parts the flush copies. */
typedef struct _TwRowSchema TwRowSchema;

struct _TwRowSchema
{
  gatomicrefcount   ref_count;
  TwTable          *table;
  char             *name;
  TwSession        *session;         /* not a reference; NULL when gone */
  guint             n_columns;
  TwColumn        **columns;         /* references */
  char            **column_names;
  TwValueKind      *kinds;           /* the kind each column's values have */
  guint             n_key;
  guint            *key;             /* positions of the primary key columns */
  int               autoincrement;   /* position, or -1 */
  GPtrArray        *foreign_keys;    /* of TwRowForeignKey */
  /* The set of committed identities (&row->id) of rows with a primary
   * key: _tw_row_from_identity() gives the row. Rows are not referenced
   * here: a row leaves the set when it is finalized. NULL for a schema
   * without a session. */
  GHashTable       *identity;
  guint             rank;            /* position in foreign key order */
};

/* The committed identity of a row: the key of the identity map. The probe
 * of a lookup is one of these on the stack. */
typedef struct
{
  TwRowSchema  *schema;
  TwValue     **values;
  TwValue     **original;            /* NULL, or per column NULL when unchanged */
} TwRowIdentity;

/* A foreign key pointing at a parent row that has no key yet. */
typedef struct
{
  TwRowForeignKey *foreign_key;
  TwRow           *parent;           /* a reference */
} TwRowReference;

/* 64 bytes: rows are many. */
struct _TwRow
{
  GObject          parent_instance;

  TwRowIdentity    id;
  TwRowReference  *references;
  guint            staged_index;     /* in the session's array of staged rows */
  guint            n_references : 8;
  guint            is_new : 1;
  guint            deleted : 1;
  guint            loading : 1;
  guint            detached : 1;
  guint            staged : 1;       /* held by the session's queue */
  guint            mapped : 1;       /* in the schema's identity map */
  guint            attached : 1;     /* belongs to schema->session */
  guint            notified_state : 3;
};

static inline TwRow *
_tw_row_from_identity (gconstpointer identity)
{
  return G_STRUCT_MEMBER_P (identity, -G_STRUCT_OFFSET (TwRow, id));
}

/* The row of the identity map with the identity of @probe, or NULL. */
TwRow         *_tw_row_schema_lookup           (TwRowSchema    *schema,
                                                const TwRowIdentity *probe);
void           _tw_row_schema_map              (TwRowSchema    *schema,
                                                TwRow          *row);
void           _tw_row_schema_unmap            (TwRowSchema    *schema,
                                                TwRow          *row);

TwRowSchema   *_tw_row_schema_new              (TwTable        *table,
                                                TwSession      *session);
TwRowSchema   *_tw_row_schema_ref              (TwRowSchema    *schema);
void           _tw_row_schema_unref            (TwRowSchema    *schema);
/* Detaches the schema from its session: empties the identity map. */
void           _tw_row_schema_forget_session   (TwRowSchema    *schema);
int            _tw_row_schema_find_column      (TwRowSchema    *schema,
                                                const char     *name);
TwRowForeignKey *_tw_row_schema_find_foreign_key (TwRowSchema  *schema,
                                                  TwForeignKey *foreign_key);
/* A new reference to @value, or to an equal shared one (NULL, booleans). */
TwValue       *_tw_row_share_value             (const TwValue  *value);
/* The value converted to the kind of the column's values, or an error
 * saying why it does not fit. Takes nothing; returns a new reference. */
TwValue       *_tw_row_schema_coerce           (TwRowSchema    *schema,
                                                guint           column,
                                                const TwValue  *value,
                                                GError        **error);

guint          _tw_row_identity_hash           (gconstpointer   identity);
gboolean       _tw_row_identity_equal          (gconstpointer   a,
                                                gconstpointer   b);

/* A clean row of the schema's session, taking @values (n_columns of them). */
TwRow         *_tw_row_new_clean               (TwRowSchema    *schema,
                                                TwValue       **values);
TwRow         *_tw_row_new_placeholder         (TwRowSchema    *schema);
/* A new row of the schema's table, in no session yet. */
TwRow         *_tw_row_new_detached            (TwRowSchema    *schema);
/* Moves a detached new row to another schema of the same table. */
void           _tw_row_set_schema              (TwRow          *self,
                                                TwRowSchema    *schema);
/* The committed value of a column (NULL for none). */
const TwValue *_tw_row_get_committed           (TwRow          *self,
                                                guint           column);
/* Replaces a value, taking @value (may be NULL); no staging, no signal. */
void           _tw_row_take_value              (TwRow          *self,
                                                guint           column,
                                                TwValue        *value);
/* Sets the staged value, remembering the committed one; a value equal to
 * the committed one drops the change. Takes @value. Returns whether the
 * row has changes afterwards. */
gboolean       _tw_row_stage_value             (TwRow          *self,
                                                guint           column,
                                                TwValue        *value);
/* Drops the staged value of one column or of all. */
void           _tw_row_revert_value            (TwRow          *self,
                                                guint           column);
void           _tw_row_revert_all              (TwRow          *self);
/* Makes the staged values the committed ones. */
void           _tw_row_accept_changes          (TwRow          *self);
gboolean       _tw_row_has_changes             (TwRow          *self);
/* The references: set, replace or (parent NULL) remove. */
void           _tw_row_set_reference           (TwRow          *self,
                                                TwRowForeignKey *foreign_key,
                                                TwRow          *parent);
void           _tw_row_clear_references        (TwRow          *self);
/* Fills in the values of a placeholder, taking @values; emits nothing
 * (the caller maps it, then calls _tw_row_emit_changed()). */
void           _tw_row_fill                    (TwRow          *self,
                                                TwValue       **values);
/* Emits "changed" (and notify::state if the state changed). */
void           _tw_row_emit_changed            (TwRow          *self,
                                                guint           column);

G_END_DECLS
