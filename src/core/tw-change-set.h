/* tw-change-set.h: a frozen snapshot of a session's pending changes, as the statements a commit runs
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"
#include "tw-value.h"

G_BEGIN_DECLS

/* What a statement of a commit does. */
typedef enum
{
  TW_CHANGE_KIND_INSERT,
  TW_CHANGE_KIND_UPDATE,
  TW_CHANGE_KIND_DELETE,
  TW_CHANGE_KIND_LINK,      /* INSERT of an association row */
  TW_CHANGE_KIND_UNLINK,    /* DELETE of an association row */
  TW_CHANGE_KIND_REFRESH,   /* SELECT of the server defaults of a new row (MySQL) */
} TwChangeKind;

#define TW_TYPE_BOUND_STATEMENT (tw_bound_statement_get_type ())

/* One statement with its parameters, for a Pending Changes panel. A
 * parameter is NULL where its value is a key the database generates during
 * the commit; note then says whose key it is. */
typedef struct
{
  TwChangeKind   kind;
  char          *table;
  char          *sql;
  guint          n_params;
  TwValue      **params;
  char         **notes;      /* n_params entries, NULL where the value is known */
} TwBoundStatement;

GType             tw_bound_statement_get_type   (void) G_GNUC_CONST;
TwBoundStatement *tw_bound_statement_copy       (const TwBoundStatement *self) G_GNUC_WARN_UNUSED_RESULT;
void              tw_bound_statement_free       (TwBoundStatement       *self);
/* The SQL, then one line "-- $1 = 5, $2 = 'Ada', $3 = <id of the new row 2
 * of users>" (placeholders in the dialect's style) when there are
 * parameters. */
char             *tw_bound_statement_to_string  (const TwBoundStatement *self) G_GNUC_WARN_UNUSED_RESULT;

#define TW_TYPE_CHANGE_SET (tw_change_set_get_type ())

/* Made by tw_session_freeze(): immutable and reference-counted, so that a
 * worker thread can read it while the session goes on. It holds values
 * and names only, never rows. */
typedef struct _TwChangeSet TwChangeSet;

GType             tw_change_set_get_type        (void) G_GNUC_CONST;
TwChangeSet      *tw_change_set_ref             (TwChangeSet            *self);
void              tw_change_set_unref           (TwChangeSet            *self);
TwDialectKind     tw_change_set_get_dialect     (TwChangeSet            *self);
/* The number of statements the commit runs, without BEGIN and COMMIT. */
guint             tw_change_set_get_n_statements (TwChangeSet           *self);
/* The number of rows (new, changed, deleted) and links it writes. */
guint             tw_change_set_get_n_rows      (TwChangeSet            *self);
guint             tw_change_set_get_n_links     (TwChangeSet            *self);
/* The statements with their parameters, in order (TwBoundStatement). */
GPtrArray        *tw_change_set_render          (TwChangeSet            *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwBoundStatement, tw_bound_statement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwChangeSet, tw_change_set_unref)

G_END_DECLS
