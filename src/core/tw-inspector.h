/* tw-inspector.h: reflection of a live database schema into the metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-connection.h"
#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_INSPECTOR (tw_inspector_get_type ())

G_DECLARE_DERIVABLE_TYPE (TwInspector, tw_inspector, TW, INSPECTOR, GObject)

/* Like SQLAlchemy's inspect(engine): reads the catalog of a database through
 * a TwConnection and builds a TwMetadata from it, as MetaData.reflect() does.
 * Each dialect subclasses TwInspector (TwSqliteInspector,
 * TwPostgresqlInspector, TwMysqlInspector); tw_inspector_new() picks the one
 * for the connection.
 *
 * What is read: the user tables of one schema (SQLite: "main" or an attached
 * database; PostgreSQL: current_schema(); MySQL: the connection's database),
 * their columns in ordinal order with generic types, nullability, server
 * defaults, autoincrement and comments, primary keys, foreign keys with
 * their actions, unique and check constraints and indexes. Names the
 * database chose by itself (PostgreSQL's "users_pkey", MySQL's
 * "addresses_ibfk_1") are left out, so that the model compiles back to the
 * DDL that made the tables. Foreign keys also give relationships: a table
 * that only joins two others becomes the association table of a
 * many-to-many relationship, every other foreign key a one-to-many one.
 *
 * An inspector runs its queries on the calling thread with the blocking
 * connection API; tw_inspector_reflect_async() runs them on the connection's
 * worker. An inspector is not meant to be shared between threads. */
struct _TwInspectorClass
{
  GObjectClass parent_class;

  /* Appends to tables a new TwTable for every user table of the schema,
   * with its columns, keys, constraints, indexes and comments. Columns
   * report what the database says about autoincrement with
   * TW_AUTOINCREMENT_ALWAYS or TW_AUTOINCREMENT_NEVER; the base class then
   * turns that into the simplest equivalent setting. Unnamed or
   * dialect-named constraints have a NULL name. */
  gboolean   (*reflect_tables)      (TwInspector   *self,
                                     GPtrArray     *tables,
                                     GCancellable  *cancellable,
                                     GError       **error);
  /* The names of the user tables, sorted. */
  char     **(*get_table_names)     (TwInspector   *self,
                                     GCancellable  *cancellable,
                                     GError       **error);
  /* The names of the schema's own types that DDL creates (PostgreSQL enum
   * types), sorted. Optional: the default returns an empty list. */
  char     **(*get_type_names)      (TwInspector   *self,
                                     GCancellable  *cancellable,
                                     GError       **error);

  /*< private >*/
  gpointer padding[8];
};

/* The inspector of the connection's dialect. */
TwInspector        *tw_inspector_new                (TwConnection         *connection) G_GNUC_WARN_UNUSED_RESULT;

TwConnection       *tw_inspector_get_connection     (TwInspector          *self);
/* "schema": the schema (PostgreSQL), database (MySQL) or attached database
 * (SQLite) to read; NULL, the default, means the connection's current one. */
const char         *tw_inspector_get_schema         (TwInspector          *self);
void                tw_inspector_set_schema         (TwInspector          *self,
                                                     const char           *schema);

char              **tw_inspector_get_table_names    (TwInspector          *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;
char              **tw_inspector_get_type_names     (TwInspector          *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* MetaData.reflect(): every user table, sorted by name, with relationships
 * and canvas positions on a grid. */
TwMetadata         *tw_inspector_reflect_metadata   (TwInspector          *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* What the last reflection could not carry into the model, one sentence
 * each (a column of a type the model does not know, an expression index,
 * ...), or an empty list. */
const char * const *tw_inspector_get_warnings       (TwInspector          *self);

/* The one-call form: tw_inspector_reflect_metadata() with a new inspector of
 * the connection's current schema. */
TwMetadata         *tw_inspector_reflect            (TwConnection         *connection,
                                                     GCancellable         *cancellable,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Runs tw_inspector_reflect() on the connection's serial worker, after
 * everything queued on it before. */
void                tw_inspector_reflect_async      (TwConnection         *connection,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
TwMetadata         *tw_inspector_reflect_finish     (TwConnection         *connection,
                                                     GAsyncResult         *result,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
