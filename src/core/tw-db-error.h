/* tw-db-error.h: the error domain of the database drivers
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

#define TW_DB_ERROR (tw_db_error_quark ())

/* What went wrong, mapped from the server's own codes (SQLSTATE, MySQL error
 * numbers, SQLite result codes). The message of every TW_DB_ERROR says what
 * happened, then the server's message, its code and the failing statement. */
typedef enum
{
  TW_DB_ERROR_FAILED,                 /* anything not listed below */
  TW_DB_ERROR_CONNECTION_FAILED,      /* refused, unreachable, unknown host */
  TW_DB_ERROR_AUTHENTICATION_FAILED,  /* wrong user or password */
  TW_DB_ERROR_UNKNOWN_DATABASE,
  TW_DB_ERROR_CONNECTION_LOST,        /* the server went away during a call */
  TW_DB_ERROR_TIMEOUT,                /* connect, lock or statement timeout */
  TW_DB_ERROR_CONSTRAINT,             /* unique, foreign key, check, not-null */
  TW_DB_ERROR_SYNTAX,
  TW_DB_ERROR_UNDEFINED_OBJECT,       /* missing table, column, function... */
  TW_DB_ERROR_DATA,                   /* a bad value, out of range, wrong type */
  TW_DB_ERROR_READ_ONLY,
  TW_DB_ERROR_SERIALIZATION,          /* deadlock or serialization failure */
  TW_DB_ERROR_PERMISSION_DENIED,      /* the user lacks a privilege */
  TW_DB_ERROR_DUPLICATE_OBJECT,       /* a table, column... of that name exists */
} TwDbError;

/* Which kind of constraint a TW_DB_ERROR_CONSTRAINT error violated. */
typedef enum
{
  TW_DB_CONSTRAINT_KIND_NONE,
  TW_DB_CONSTRAINT_KIND_UNIQUE,       /* also primary keys */
  TW_DB_CONSTRAINT_KIND_FOREIGN_KEY,
  TW_DB_CONSTRAINT_KIND_CHECK,
  TW_DB_CONSTRAINT_KIND_NOT_NULL,
  TW_DB_CONSTRAINT_KIND_OTHER,        /* e.g. a PostgreSQL exclusion constraint */
} TwDbConstraintKind;

#define TW_TYPE_DB_ERROR_DETAILS (tw_db_error_details_get_type ())

/* What the server said about an error, as far as it said it. Every string
 * may be NULL. The names come from PostgreSQL's error fields, and from the
 * messages of MySQL and SQLite where these name the object. */
typedef struct
{
  TwDialectKind       dialect;         /* whose server (or library) said it */
  char               *sqlstate;        /* five characters; NULL for SQLite */
  int                 native_code;     /* MySQL error number or SQLite extended
                                        * result code; 0 for PostgreSQL */
  char               *server_message;  /* the server's primary message */
  char               *detail;
  char               *hint;
  char               *schema_name;
  char               *table_name;
  char               *column_name;
  char               *constraint_name;
  TwDbConstraintKind  constraint_kind;
  char               *statement;       /* the SQL that failed */
  guint               position;        /* 1-based character in statement, 0 if unknown */
} TwDbErrorDetails;

GQuark            tw_db_error_quark              (void);
GType             tw_db_error_details_get_type   (void) G_GNUC_CONST;

TwDbErrorDetails *tw_db_error_details_new        (void) G_GNUC_WARN_UNUSED_RESULT;
TwDbErrorDetails *tw_db_error_details_copy       (const TwDbErrorDetails *self) G_GNUC_WARN_UNUSED_RESULT;
void              tw_db_error_details_free       (TwDbErrorDetails       *self);

/* The details carried by an error of the TW_DB_ERROR domain (owned by the
 * error), or NULL for an error of another domain. */
const TwDbErrorDetails *tw_db_error_get_details  (const GError           *error);

/* A short phrase for a code, e.g. "Unique constraint violated". */
const char       *tw_db_error_describe           (TwDbError               code,
                                                  TwDbConstraintKind      constraint_kind);

/* Sets @error in the TW_DB_ERROR domain from what a server said, taking
 * @details. The message is "<what>: <server message> (<code>) in statement:
 * <sql>", where @what defaults to tw_db_error_describe(). Meant for drivers. */
void              tw_db_error_set_from_details   (GError                **error,
                                                  TwDbError               code,
                                                  const char             *what,
                                                  TwDbErrorDetails       *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwDbErrorDetails, tw_db_error_details_free)

G_END_DECLS
