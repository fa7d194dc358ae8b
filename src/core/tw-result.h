/* tw-result.h: the rows and counts a statement returned
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-value.h"

G_BEGIN_DECLS

#define TW_TYPE_RESULT (tw_result_get_type ())

/* A reference-counted result: column names and kinds, rows of values, and
 * the counts of a data-changing statement. Drivers build it with the
 * functions at the end; after that it does not change and may be read from
 * any thread. */
typedef struct _TwResult TwResult;

GType         tw_result_get_type             (void) G_GNUC_CONST;

TwResult     *tw_result_ref                  (TwResult   *self);
void          tw_result_unref                (TwResult   *self);

guint         tw_result_get_n_columns        (TwResult   *self);
guint         tw_result_get_n_rows           (TwResult   *self);
const char   *tw_result_get_column_name      (TwResult   *self,
                                              guint       column);
/* The column's position by name (the first of equal names), or -1. */
int           tw_result_find_column          (TwResult   *self,
                                              const char *name);
/* The kind the server declared for the column; a value in it is of this
 * kind or NULL, except that SQLite may store any kind in any column (and
 * bytes that are not UTF-8 read as a BLOB). For a SQLite expression, which
 * declares nothing, it is the kind of the first value that is not NULL, or
 * TW_VALUE_KIND_NULL. */
TwValueKind   tw_result_get_column_kind      (TwResult   *self,
                                              guint       column);
const TwValue *tw_result_get_value           (TwResult   *self,
                                              guint       row,
                                              guint       column);
/* The rows an INSERT, UPDATE or DELETE changed; -1 when the statement was a
 * query or the server did not say. */
gint64        tw_result_get_affected_rows    (TwResult   *self);
/* The id an INSERT generated, for SQLite (the rowid) and MySQL
 * (AUTO_INCREMENT); 0 otherwise. Use RETURNING with PostgreSQL. */
gint64        tw_result_get_last_insert_id   (TwResult   *self);

/* For drivers. */
TwResult     *tw_result_new                  (guint       n_columns) G_GNUC_WARN_UNUSED_RESULT;
void          tw_result_set_column           (TwResult   *self,
                                              guint       column,
                                              const char *name,
                                              TwValueKind kind);
/* Takes the n_columns values of @values (not the array itself). */
void          tw_result_add_row              (TwResult   *self,
                                              TwValue   **values);
void          tw_result_set_affected_rows    (TwResult   *self,
                                              gint64      affected_rows);
void          tw_result_set_last_insert_id   (TwResult   *self,
                                              gint64      last_insert_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwResult, tw_result_unref)

G_END_DECLS
