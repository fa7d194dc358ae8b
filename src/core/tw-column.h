/* tw-column.h: a column of a table in the metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

#define TW_TYPE_COLUMN (tw_column_get_type ())

G_DECLARE_FINAL_TYPE (TwColumn, tw_column, TW, COLUMN, GObject)

/* Properties (all G_PARAM_EXPLICIT_NOTIFY; each setter notifies only on change):
 *   "name"           string
 *   "column-type"    TwColumnType  (default Integer)
 *   "length"         guint, 0 = none            (String, and LargeBinary on MySQL)
 *   "precision"      guint, 0 = none            (Numeric, Float)
 *   "scale"          gint,  -1 = none           (Numeric)
 *   "timezone"       gboolean                   (DateTime, Time)
 *   "enum-name"      string or NULL             (Enum: the PostgreSQL type name)
 *   "enum-values"    GStrv                      (Enum)
 *   "nullable"       gboolean (default TRUE; a primary key column is never NULL)
 *   "primary-key"    gboolean
 *   "autoincrement"  TwAutoincrement (default auto)
 *   "unique"         gboolean
 *   "index"          gboolean
 *   "default-kind"   TwDefaultKind
 *   "default-value"  string or NULL
 *   "comment"        string or NULL
 *
 * Any property change also emits "changed" on the column. */

TwColumn        *tw_column_new               (const char          *name,
                                              TwColumnType         column_type) G_GNUC_WARN_UNUSED_RESULT;
TwColumn        *tw_column_copy              (TwColumn            *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean         tw_column_equal             (TwColumn            *a,
                                              TwColumn            *b);

const char      *tw_column_get_name          (TwColumn            *self);
void             tw_column_set_name          (TwColumn            *self,
                                              const char          *name);
TwColumnType     tw_column_get_column_type   (TwColumn            *self);
void             tw_column_set_column_type   (TwColumn            *self,
                                              TwColumnType         column_type);
guint            tw_column_get_length        (TwColumn            *self);
void             tw_column_set_length        (TwColumn            *self,
                                              guint                length);
guint            tw_column_get_precision     (TwColumn            *self);
void             tw_column_set_precision     (TwColumn            *self,
                                              guint                precision);
int              tw_column_get_scale         (TwColumn            *self);
void             tw_column_set_scale         (TwColumn            *self,
                                              int                  scale);
gboolean         tw_column_get_timezone      (TwColumn            *self);
void             tw_column_set_timezone      (TwColumn            *self,
                                              gboolean             timezone);
const char      *tw_column_get_enum_name     (TwColumn            *self);
void             tw_column_set_enum_name     (TwColumn            *self,
                                              const char          *enum_name);
const char * const *tw_column_get_enum_values (TwColumn           *self);
void             tw_column_set_enum_values   (TwColumn            *self,
                                              const char * const  *values);
gboolean         tw_column_get_nullable      (TwColumn            *self);
void             tw_column_set_nullable      (TwColumn            *self,
                                              gboolean             nullable);
gboolean         tw_column_get_primary_key   (TwColumn            *self);
void             tw_column_set_primary_key   (TwColumn            *self,
                                              gboolean             primary_key);
TwAutoincrement  tw_column_get_autoincrement (TwColumn            *self);
void             tw_column_set_autoincrement (TwColumn            *self,
                                              TwAutoincrement      autoincrement);
gboolean         tw_column_get_unique        (TwColumn            *self);
void             tw_column_set_unique        (TwColumn            *self,
                                              gboolean             unique);
gboolean         tw_column_get_index         (TwColumn            *self);
void             tw_column_set_index         (TwColumn            *self,
                                              gboolean             index);
TwDefaultKind    tw_column_get_default_kind  (TwColumn            *self);
const char      *tw_column_get_default_value (TwColumn            *self);
void             tw_column_set_default       (TwColumn            *self,
                                              TwDefaultKind        kind,
                                              const char          *value);
const char      *tw_column_get_comment       (TwColumn            *self);
void             tw_column_set_comment       (TwColumn            *self,
                                              const char          *comment);

/* The table that holds the column, or NULL. Not a reference. */
struct _TwTable *tw_column_get_table         (TwColumn            *self);
void             _tw_column_set_table        (TwColumn            *self,
                                              struct _TwTable     *table);

/* TRUE when the column is nullable and not part of the primary key. */
gboolean         tw_column_is_effectively_nullable (TwColumn      *self);

/* "String(50)", "Numeric(10, 2)", "DateTime(timezone=True)",
 * "Enum('a', 'b', name='mood')": the generic type as a user reads it. */
char            *tw_column_dup_type_label    (TwColumn            *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
