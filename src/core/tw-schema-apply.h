/* tw-schema-apply.h: MetaData.create_all() and drop_all() on a live database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-connection.h"
#include "tw-metadata.h"
#include "tw-schema-report.h"

G_BEGIN_DECLS

/* Compiles the model for the connection's dialect (tw_dialect_compile_create_all())
 * and executes the statements.
 *
 * With checkfirst, tables that exist are left alone and reported as
 * skipped: their CREATE TABLE, indexes, comments and the ALTER TABLE ... ADD
 * CONSTRAINT statements of those tables do not run, nor CREATE TYPE for a
 * PostgreSQL enum type that exists.
 *
 * SQLite and PostgreSQL run everything in one transaction (a savepoint when
 * the connection is in a transaction already): a failure rolls all of it
 * back, and the error names the failing statement. MySQL has no
 * transactional DDL: the report says so, and after a failure it lists the
 * statements that had already run and stay.
 *
 * report, when not NULL, is set to the report also when the operation
 * failed (NULL only when the model could not be compiled). */
gboolean tw_schema_create_all        (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      gboolean              checkfirst,
                                      TwSchemaReport      **report,
                                      GCancellable         *cancellable,
                                      GError              **error);
/* Copies the model and runs tw_schema_create_all() on the connection's
 * serial worker. */
void     tw_schema_create_all_async  (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      gboolean              checkfirst,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean tw_schema_create_all_finish (TwConnection         *connection,
                                      GAsyncResult         *result,
                                      TwSchemaReport      **report,
                                      GError              **error);

/* MetaData.drop_all(): tw_dialect_compile_drop_all() executed like
 * create_all. With checkfirst, only tables (and PostgreSQL enum types) that
 * exist are dropped, and the others reported as skipped; without it every
 * statement runs, and they all say IF EXISTS. */
gboolean tw_schema_drop_all          (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      gboolean              checkfirst,
                                      TwSchemaReport      **report,
                                      GCancellable         *cancellable,
                                      GError              **error);
void     tw_schema_drop_all_async    (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      gboolean              checkfirst,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean tw_schema_drop_all_finish   (TwConnection         *connection,
                                      GAsyncResult         *result,
                                      TwSchemaReport      **report,
                                      GError              **error);

/* The statements tw_schema_create_all() (operation
 * TW_SCHEMA_OPERATION_CREATE_ALL) or tw_schema_drop_all() with the same
 * arguments would execute now, in order (TwDdlStatements; empty when there
 * is nothing to do), computed by the same filtering, so that they can be
 * shown before they run. skipped_tables, when not NULL, is set to the model's
 * tables the operation would leave alone (free with g_strfreev()). */
GPtrArray *tw_schema_plan            (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      TwSchemaOperation     operation,
                                      gboolean              checkfirst,
                                      char               ***skipped_tables,
                                      GCancellable         *cancellable,
                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Copies the model and runs tw_schema_plan() on the connection's serial
 * worker. */
void       tw_schema_plan_async      (TwConnection         *connection,
                                      TwMetadata           *metadata,
                                      TwSchemaOperation     operation,
                                      gboolean              checkfirst,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GPtrArray *tw_schema_plan_finish     (TwConnection         *connection,
                                      GAsyncResult         *result,
                                      char               ***skipped_tables,
                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
