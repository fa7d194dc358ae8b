/* tw-sqlalchemy-export.h: a metadata model as a SQLAlchemy 1.4 declarative Python module
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-metadata.h"

G_BEGIN_DECLS

/* The model as a Python module for SQLAlchemy 1.4: one declarative class per
 * table (the association tables of many-to-many relationships, and tables
 * without a primary key, as plain Table objects), with the columns, keys,
 * constraints, indexes, comments and relationships of the model. Its
 * Base.metadata.create_all() creates the same schema as
 * tw_dialect_compile_create_all() on SQLite, PostgreSQL and MySQL.
 *
 * The text is deterministic: the same model gives the same bytes. A model
 * with problems (tw_metadata_validate() with no dialect), or with a table or
 * column name SQLAlchemy's ForeignKey("table.column") cannot name (one with a
 * dot), fails with TW_MODEL_ERROR_INVALID. */
char *tw_sqlalchemy_export      (TwMetadata  *metadata,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* As tw_sqlalchemy_export(); model_name (the file's name, or NULL for an
 * unsaved model) goes into the module's header comment. */
char *tw_sqlalchemy_export_full (TwMetadata  *metadata,
                                 const char  *model_name,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
