/* tw-schema-report.h: what a live create_all or drop_all did
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-ddl-statement.h"
#include "tw-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TW_SCHEMA_OPERATION_CREATE_ALL,
  TW_SCHEMA_OPERATION_DROP_ALL,
} TwSchemaOperation;

#define TW_TYPE_SCHEMA_REPORT (tw_schema_report_get_type ())

/* A reference-counted record of one tw_schema_create_all() or
 * tw_schema_drop_all(): the tables it created, dropped or left alone, every
 * statement it executed, and on failure the statement that failed and
 * whether the rest was rolled back. It does not change once the operation
 * returned it. */
typedef struct _TwSchemaReport TwSchemaReport;

GType               tw_schema_report_get_type             (void) G_GNUC_CONST;

TwSchemaReport     *tw_schema_report_ref                  (TwSchemaReport       *self);
void                tw_schema_report_unref                (TwSchemaReport       *self);

TwSchemaOperation   tw_schema_report_get_operation        (TwSchemaReport       *self);
TwDialectKind       tw_schema_report_get_dialect          (TwSchemaReport       *self);
/* TRUE when the statements ran in one transaction (SQLite, PostgreSQL);
 * MySQL commits each DDL statement by itself. */
gboolean            tw_schema_report_get_transactional    (TwSchemaReport       *self);
/* Table names, in the order the statements handled them. */
const char * const *tw_schema_report_get_created_tables   (TwSchemaReport       *self);
const char * const *tw_schema_report_get_dropped_tables   (TwSchemaReport       *self);
/* Tables left alone: with checkfirst, for create_all those that existed,
 * for drop_all those that did not. */
const char * const *tw_schema_report_get_skipped_tables   (TwSchemaReport       *self);
/* The TwDdlStatements that ran without error, in order. After a rolled
 * back failure they ran, but nothing of them stayed. */
GPtrArray          *tw_schema_report_get_statements       (TwSchemaReport       *self);
/* The statement that failed, or NULL. */
const TwDdlStatement *tw_schema_report_get_failed_statement (TwSchemaReport     *self);
/* TRUE when a failure rolled every statement back. */
gboolean            tw_schema_report_get_rolled_back      (TwSchemaReport       *self);
/* A summary for people (what was created, skipped, dropped, and why a
 * failure left what it left), then every executed statement as a script. */
char               *tw_schema_report_to_string            (TwSchemaReport       *self) G_GNUC_WARN_UNUSED_RESULT;

/* For tw-schema-apply.c. */
TwSchemaReport     *_tw_schema_report_new                 (TwSchemaOperation     operation,
                                                           TwDialectKind         dialect,
                                                           gboolean              transactional) G_GNUC_WARN_UNUSED_RESULT;
void                _tw_schema_report_add_created         (TwSchemaReport       *self,
                                                           const char           *table);
void                _tw_schema_report_add_dropped         (TwSchemaReport       *self,
                                                           const char           *table);
void                _tw_schema_report_add_skipped         (TwSchemaReport       *self,
                                                           const char           *table);
void                _tw_schema_report_add_statement       (TwSchemaReport       *self,
                                                           const TwDdlStatement *statement);
/* Records the failure; when rolled_back, the tables counted as created or
 * dropped are forgotten, as nothing of it stayed. */
void                _tw_schema_report_set_failed          (TwSchemaReport       *self,
                                                           const TwDdlStatement *statement,
                                                           gboolean              rolled_back);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwSchemaReport, tw_schema_report_unref)

G_END_DECLS
