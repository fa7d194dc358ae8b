/* tw-row.h: one row of a table, as a session reads and stages it
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-table.h"
#include "tw-value.h"

G_BEGIN_DECLS

/* Where a row stands with its session:
 *   CLEAN     as last read from or committed to the database
 *   NEW       made by tw_row_new() (and perhaps added to a session), not
 *             yet committed
 *   MODIFIED  read from the database, with staged changes of some values
 *   DELETED   read from the database, staged for deletion
 *   LOADING   a placeholder of a row model whose page is being fetched: it
 *             has no values yet
 *   DETACHED  gone from the database: its deletion was committed */
typedef enum
{
  TW_ROW_STATE_CLEAN,
  TW_ROW_STATE_NEW,
  TW_ROW_STATE_MODIFIED,
  TW_ROW_STATE_DELETED,
  TW_ROW_STATE_LOADING,
  TW_ROW_STATE_DETACHED,
} TwRowState;

#define TW_TYPE_ROW (tw_row_get_type ())

G_DECLARE_FINAL_TYPE (TwRow, tw_row, TW, ROW, GObject)

typedef struct _TwSession TwSession;

/* A row holds one value per column of its table, in column order; a value
 * is NULL (no TwValue at all) when the row has none yet: a new row's column
 * the database fills in (its generated key, a server default), or a
 * placeholder's values. Values are shared, immutable TwValues: a row costs
 * one pointer per column plus the values themselves.
 *
 * Rows belong to the main thread. The session changes them; the row tells
 * anyone who follows it:
 *   "changed" (guint column)   a value changed (G_MAXUINT: several, or the
 *                              state)
 *   "notify::state"
 *
 * A new row is made with tw_row_new(), filled with tw_row_set_value() and
 * handed to tw_session_add(); from then on, and for rows the session read,
 * values change only through tw_session_set_value(). */

TwRow         *tw_row_new                 (TwTable        *table) G_GNUC_WARN_UNUSED_RESULT;

TwTable       *tw_row_get_table           (TwRow          *self);
/* The session the row belongs to, or NULL. */
TwSession     *tw_row_get_session         (TwRow          *self);
TwRowState     tw_row_get_state           (TwRow          *self);
guint          tw_row_get_n_values        (TwRow          *self);
/* The column's position in the row (its position in the table when the
 * session first saw the table), or -1. */
int            tw_row_find_column         (TwRow          *self,
                                           const char     *column);
const char    *tw_row_get_column_name     (TwRow          *self,
                                           guint           column);

/* The current value: a staged one if there is one. NULL when the row has
 * none yet (see above). */
const TwValue *tw_row_get_value           (TwRow          *self,
                                           guint           column);
const TwValue *tw_row_get_value_by_name   (TwRow          *self,
                                           const char     *column);
/* The value as last committed: differs from tw_row_get_value() only for a
 * staged change. */
const TwValue *tw_row_get_original_value  (TwRow          *self,
                                           guint           column);
gboolean       tw_row_is_value_changed    (TwRow          *self,
                                           guint           column);
/* The parent row a foreign key of this row points to while that parent is
 * new (see tw_session_set_reference()), or NULL. */
TwRow         *tw_row_get_reference       (TwRow          *self,
                                           TwForeignKey   *foreign_key);
/* "id = 5", "store_id = 1, invoice_no = 7": the committed primary key, for
 * messages; "a new row" when the row has no key yet. */
char          *tw_row_dup_key_string      (TwRow          *self) G_GNUC_WARN_UNUSED_RESULT;

/* Sets a value of a row that belongs to no session yet (made with
 * tw_row_new()). @value may be NULL: no value, let the database fill it in.
 * Fails when the value does not fit the column's type (text is parsed as a
 * user types it). */
gboolean       tw_row_set_value           (TwRow          *self,
                                           guint           column,
                                           const TwValue  *value,
                                           GError        **error);
/* Like tw_row_set_value() with the column named. */
gboolean       tw_row_set_value_by_name   (TwRow          *self,
                                           const char     *column,
                                           const TwValue  *value,
                                           GError        **error);

/* The number of TwRow objects alive in the process: for tests that check
 * that memory stays bounded. */
guint          tw_row_get_n_alive         (void);

G_END_DECLS
