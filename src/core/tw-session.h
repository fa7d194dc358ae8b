/* tw-session.h: a unit of work: reads rows, stages changes, commits or rolls them back
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-change-set.h"
#include "tw-connection.h"
#include "tw-metadata.h"
#include "tw-row.h"

G_BEGIN_DECLS

#define TW_SESSION_ERROR (tw_session_error_quark ())

/* Why staging, reading or a commit failed. A commit's error says which
 * table, row, column and constraint it was about, as far as the server
 * said: see tw_session_error_get_table() and friends. */
typedef enum
{
  TW_SESSION_ERROR_FAILED,          /* a database error not listed below */
  TW_SESSION_ERROR_READ_ONLY,       /* the table has no primary key */
  TW_SESSION_ERROR_INVALID_VALUE,   /* a value does not fit its column */
  TW_SESSION_ERROR_INVALID_STATE,   /* e.g. editing a deleted row */
  TW_SESSION_ERROR_BUSY,            /* a commit is running */
  TW_SESSION_ERROR_CYCLE,           /* new rows refer to each other in a circle */
  TW_SESSION_ERROR_CONSTRAINT,      /* the server refused: unique, foreign key, ... */
  TW_SESSION_ERROR_DATA,            /* the server refused a value */
  TW_SESSION_ERROR_STALE,           /* the row was changed or deleted by someone else */
  TW_SESSION_ERROR_CONNECTION,      /* the connection failed or was lost */
} TwSessionError;

/* The operators of a filter. CONTAINS matches text anywhere in the value,
 * ignoring case (LIKE with the pattern escaped and bound); IS_NULL and
 * IS_NOT_NULL take no value. LINKED keeps the rows linked through a
 * many-to-many association table to the row whose key is the value (a
 * book's authors): see TwFilter. */
typedef enum
{
  TW_FILTER_OPERATOR_EQUAL,
  TW_FILTER_OPERATOR_NOT_EQUAL,
  TW_FILTER_OPERATOR_LESS,
  TW_FILTER_OPERATOR_LESS_EQUAL,
  TW_FILTER_OPERATOR_GREATER,
  TW_FILTER_OPERATOR_GREATER_EQUAL,
  TW_FILTER_OPERATOR_CONTAINS,
  TW_FILTER_OPERATOR_IS_NULL,
  TW_FILTER_OPERATOR_IS_NOT_NULL,
  TW_FILTER_OPERATOR_LINKED,
} TwFilterOperator;

/* A condition on one column; the caller keeps the strings and the value.
 * With TW_FILTER_OPERATOR_LINKED: @column IN (SELECT @through_column
 * FROM @through WHERE @through_key = @value), where @through is the
 * association table, @through_column its column referring to this table
 * and @through_key its column referring to the other one. */
typedef struct
{
  const char        *column;
  TwFilterOperator   op;
  const TwValue     *value;
  const char        *through;
  const char        *through_column;
  const char        *through_key;
} TwFilter;

/* An order by one column; the primary key breaks ties. NULL sorts before
 * every other value in ascending order, on every database. */
typedef struct
{
  const char *column;
  gboolean    descending;
} TwSort;

#define TW_TYPE_SESSION (tw_session_get_type ())

G_DECLARE_FINAL_TYPE (TwSession, tw_session, TW, SESSION, GObject)

/* Properties (read-only, notified when they change): "connection",
 * "metadata", "n-new", "n-modified", "n-deleted", "n-links" (links and
 * unlinks), "has-changes", "committing".
 *
 * Signals:
 *   "changed" ()         anything staged changed (also values of new rows)
 *   "committed" ()       a commit succeeded: rows read before may be out of
 *                        order now (row models reload)
 *   "row-staged" (TwRow *row)   the row's staged state changed (added,
 *                        changed, deleted, reverted, committed) */

GQuark              tw_session_error_quark            (void);

TwSession          *tw_session_new                    (TwConnection         *connection,
                                                       TwMetadata           *metadata) G_GNUC_WARN_UNUSED_RESULT;
TwConnection       *tw_session_get_connection         (TwSession            *self);
TwMetadata         *tw_session_get_metadata           (TwSession            *self);

/* Staging. Each fails with TW_SESSION_ERROR_READ_ONLY for a table without
 * a primary key and TW_SESSION_ERROR_BUSY while a commit runs. */

/* A new row of @table, not staged yet: like tw_row_new(), but sharing what
 * the session knows of the table, so that many rows cost less. Fill it
 * with tw_row_set_value(), then stage it with tw_session_add(). */
TwRow              *tw_session_create_row             (TwSession            *self,
                                                       TwTable              *table) G_GNUC_WARN_UNUSED_RESULT;
/* Stages a new row made with tw_row_new(); the session holds it. */
gboolean            tw_session_add                    (TwSession            *self,
                                                       TwRow                *row,
                                                       GError              **error);
/* Stages many new rows of any tables at once, emitting "changed" once. On
 * error nothing is added. */
gboolean            tw_session_add_all                (TwSession            *self,
                                                       GPtrArray            *rows,
                                                       GError              **error);
/* Sets a value of a row of the session; @value NULL means "none" (only for
 * new rows: the database fills it in). The committed value is kept; setting
 * it back drops the change. */
gboolean            tw_session_set_value              (TwSession            *self,
                                                       TwRow                *row,
                                                       guint                 column,
                                                       const TwValue        *value,
                                                       GError              **error);
/* Points @row's foreign key at @parent, as SQLAlchemy's relationship
 * attribute does: a new parent's key is filled in during the commit, when
 * the database generated it; a committed parent's key is copied now.
 * @parent NULL sets the foreign key columns to NULL. */
gboolean            tw_session_set_reference          (TwSession            *self,
                                                       TwRow                *row,
                                                       TwForeignKey         *foreign_key,
                                                       TwRow                *parent,
                                                       GError              **error);
/* Stages the deletion of a committed row; a new row is simply dropped. */
gboolean            tw_session_delete                 (TwSession            *self,
                                                       TwRow                *row,
                                                       GError              **error);
/* Stages a row of a many-to-many relationship's association table linking
 * @left (of the relationship's left table) and @right, or its removal. A
 * link and an unlink of the same pair cancel out. */
gboolean            tw_session_link                   (TwSession            *self,
                                                       TwRelationship       *relationship,
                                                       TwRow                *left,
                                                       TwRow                *right,
                                                       GError              **error);
gboolean            tw_session_unlink                 (TwSession            *self,
                                                       TwRelationship       *relationship,
                                                       TwRow                *left,
                                                       TwRow                *right,
                                                       GError              **error);

/* Undoing. */

/* Drops every staged change: new rows leave the session (and forget the
 * rows they referred to), changed and deleted rows return to their
 * committed values, links are forgotten. */
void                tw_session_rollback               (TwSession            *self);
/* Drops the staged changes of one row (a new row leaves the session) and
 * the links that involve it. */
void                tw_session_revert_row             (TwSession            *self,
                                                       TwRow                *row);
void                tw_session_revert_value           (TwSession            *self,
                                                       TwRow                *row,
                                                       guint                 column);

/* What is pending. */
guint               tw_session_get_n_new              (TwSession            *self);
guint               tw_session_get_n_modified         (TwSession            *self);
guint               tw_session_get_n_deleted          (TwSession            *self);
guint               tw_session_get_n_links            (TwSession            *self);
/* The rows staged to be linked to @row (@unlinked FALSE) or unlinked from
 * it (TRUE) through @relationship: the other side of each staged pair, in
 * staging order; an element of type TwRow. */
GPtrArray          *tw_session_dup_staged_links       (TwSession            *self,
                                                       TwRelationship       *relationship,
                                                       TwRow                *row,
                                                       gboolean              unlinked) G_GNUC_WARN_UNUSED_RESULT;
gboolean            tw_session_has_changes            (TwSession            *self);
gboolean            tw_session_is_committing          (TwSession            *self);
/* The staged rows (new, modified, deleted) in the order they were staged;
 * an element of type TwRow. */
GPtrArray          *tw_session_dup_staged_rows        (TwSession            *self) G_GNUC_WARN_UNUSED_RESULT;
/* The statements commit would run, in order, with their parameters
 * (TwBoundStatement); fails as the commit would before reaching the
 * database (e.g. a cycle among new rows). */
GPtrArray          *tw_session_render_pending         (TwSession            *self,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* A frozen copy of what commit would run. */
TwChangeSet        *tw_session_freeze                 (TwSession            *self,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Committing: every staged change in one transaction, in foreign key
 * order. On failure the database and the staged changes stay as they were,
 * and the error names what failed. */
gboolean            tw_session_commit                 (TwSession            *self,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void                tw_session_commit_async           (TwSession            *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            tw_session_commit_finish          (TwSession            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Reading: one page of rows, through the identity map (a row read twice is
 * the same TwRow, staged changes included). Keyset pagination: @after is
 * the last row of the previous page (NULL for the first page), and the
 * next page starts after its sort value and key. Tables without a primary
 * key page by @offset instead (then @after must be NULL). An element of
 * type TwRow. */
GPtrArray          *tw_session_read_page              (TwSession            *self,
                                                       TwTable              *table,
                                                       const TwFilter       *filter,
                                                       const TwSort         *sort,
                                                       TwRow                *after,
                                                       guint64               offset,
                                                       guint                 limit,
                                                       GCancellable         *cancellable,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void                tw_session_read_page_async        (TwSession            *self,
                                                       TwTable              *table,
                                                       const TwFilter       *filter,
                                                       const TwSort         *sort,
                                                       TwRow                *after,
                                                       guint64               offset,
                                                       guint                 limit,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray          *tw_session_read_page_finish       (TwSession            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The row of @table with the primary key @key (one value per key column,
 * in column order), read from the database unless the identity map has
 * it; NULL with no error when there is none. */
TwRow              *tw_session_get                    (TwSession            *self,
                                                       TwTable              *table,
                                                       TwValue * const      *key,
                                                       guint                 n_key,
                                                       GCancellable         *cancellable,
                                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* What a commit error was about (NULL when unknown or for another domain). */
const char         *tw_session_error_get_table        (const GError         *error);
const char         *tw_session_error_get_key          (const GError         *error);
const char         *tw_session_error_get_column       (const GError         *error);
const char         *tw_session_error_get_constraint   (const GError         *error);
/* The row the failed statement wrote (main thread only), or NULL. */
TwRow              *tw_session_error_get_row          (const GError         *error);
/* What the server said, or NULL. */
const TwDbErrorDetails *tw_session_error_get_db_details (const GError       *error);

G_END_DECLS
