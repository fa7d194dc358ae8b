/* tw-enums.h: enumerations shared by the Tablewright core
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The generic column types of the metadata model, as in SQLAlchemy's
 * sqlalchemy.types module. */
typedef enum
{
  TW_COLUMN_TYPE_INTEGER,
  TW_COLUMN_TYPE_BIG_INTEGER,
  TW_COLUMN_TYPE_SMALL_INTEGER,
  TW_COLUMN_TYPE_BOOLEAN,
  TW_COLUMN_TYPE_FLOAT,
  TW_COLUMN_TYPE_NUMERIC,
  TW_COLUMN_TYPE_STRING,
  TW_COLUMN_TYPE_TEXT,
  TW_COLUMN_TYPE_DATE,
  TW_COLUMN_TYPE_DATE_TIME,
  TW_COLUMN_TYPE_TIME,
  TW_COLUMN_TYPE_LARGE_BINARY,
  TW_COLUMN_TYPE_ENUM,
  TW_COLUMN_TYPE_JSON,
  TW_COLUMN_TYPE_UUID,
} TwColumnType;

typedef enum
{
  TW_DIALECT_KIND_SQLITE,
  TW_DIALECT_KIND_POSTGRESQL,
  TW_DIALECT_KIND_MYSQL,
} TwDialectKind;

/* SQLAlchemy's Column(autoincrement=...): "auto" makes a lone integer
 * primary key column autoincrement. */
typedef enum
{
  TW_AUTOINCREMENT_AUTO,
  TW_AUTOINCREMENT_ALWAYS,
  TW_AUTOINCREMENT_NEVER,
} TwAutoincrement;

typedef enum
{
  TW_DEFAULT_KIND_NONE,
  TW_DEFAULT_KIND_LITERAL,    /* a string value, rendered as a quoted literal */
  TW_DEFAULT_KIND_EXPRESSION, /* SQL text rendered as it is, e.g. 0 or 'x' || 'y' */
  TW_DEFAULT_KIND_FUNCTION,   /* a portable function: see TwDefaultFunction names */
} TwDefaultKind;

typedef enum
{
  TW_FK_ACTION_NO_ACTION,
  TW_FK_ACTION_RESTRICT,
  TW_FK_ACTION_CASCADE,
  TW_FK_ACTION_SET_NULL,
  TW_FK_ACTION_SET_DEFAULT,
} TwFkAction;

typedef enum
{
  TW_RELATIONSHIP_KIND_ONE_TO_MANY,
  TW_RELATIONSHIP_KIND_MANY_TO_MANY,
} TwRelationshipKind;

/* How the two sides of a relationship are named: a back_populates pair
 * (one relationship() on each class) or a single relationship() with a
 * backref. */
typedef enum
{
  TW_RELATIONSHIP_STYLE_BACK_POPULATES,
  TW_RELATIONSHIP_STYLE_BACKREF,
} TwRelationshipStyle;

const char   *tw_column_type_to_string     (TwColumnType   type);
gboolean      tw_column_type_from_string   (const char    *str,
                                            TwColumnType  *type);
const char   *tw_dialect_kind_to_string    (TwDialectKind  kind);
gboolean      tw_dialect_kind_from_string  (const char    *str,
                                            TwDialectKind *kind);
const char   *tw_fk_action_to_string       (TwFkAction     action);
const char   *tw_fk_action_to_sql          (TwFkAction     action);
gboolean      tw_fk_action_from_string     (const char    *str,
                                            TwFkAction    *action);
const char   *tw_autoincrement_to_string   (TwAutoincrement value);
gboolean      tw_autoincrement_from_string (const char      *str,
                                            TwAutoincrement *value);
const char   *tw_default_kind_to_string    (TwDefaultKind  kind);
gboolean      tw_default_kind_from_string  (const char    *str,
                                            TwDefaultKind *kind);
gboolean      tw_column_type_is_integer    (TwColumnType   type);

/* Names of the portable server-default functions (TW_DEFAULT_KIND_FUNCTION). */
#define TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP "current_timestamp"
#define TW_DEFAULT_FUNCTION_CURRENT_DATE      "current_date"
#define TW_DEFAULT_FUNCTION_CURRENT_TIME      "current_time"

G_END_DECLS
