/* tw-dialect-private.h: the DDL compiler's parts shared by the built-in dialects
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "tw-dialect.h"
#include "tw-model-snapshot-private.h"

G_BEGIN_DECLS

/* g_string_append_len() with its fast path inline, which GLib 2.74 does
 * not have yet: the compiler appends a few short pieces per identifier. */
static inline void
_tw_append_len (GString    *out,
                const char *value,
                gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, value, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, value, length);
}

#define _tw_append_literal(out, literal) \
  _tw_append_len ((out), "" literal "", sizeof (literal) - 1)

static inline void
_tw_append_str (GString    *out,
                const char *value)
{
  _tw_append_len (out, value, strlen (value));
}

/* tw_dialect_append_identifier() without the checks. */
void        _tw_dialect_append_identifier             (TwDialect          *self,
                                                        GString            *out,
                                                        const char         *name);

/* The compiler on column snapshots. The built-in dialects are final types
 * whose TwColumn vfuncs wrap these, so create_all calls these directly for
 * them and goes through the vfuncs only for other dialects. */

/* Standard SQL: TwDialect's own append_column_type and append_default. */
void        _tw_dialect_append_column_type_info       (TwDialect          *self,
                                                        GString            *out,
                                                        const TwColumnInfo *column,
                                                        gboolean            autoincrement);
void        _tw_dialect_append_default_info           (TwDialect          *self,
                                                        GString            *out,
                                                        const TwColumnInfo *column);

/* Each built-in dialect's whole column line, as its append_column vfunc
 * writes it. */
void        _tw_sqlite_dialect_append_column_info     (TwDialect          *self,
                                                        GString            *out,
                                                        const TwColumnInfo *column,
                                                        gboolean            autoincrement);
void        _tw_postgresql_dialect_append_column_info (TwDialect          *self,
                                                        GString            *out,
                                                        const TwColumnInfo *column,
                                                        gboolean            autoincrement);
void        _tw_mysql_dialect_append_column_info      (TwDialect          *self,
                                                        GString            *out,
                                                        const TwColumnInfo *column,
                                                        gboolean            autoincrement);

/* PostgreSQL's get_column_type_name and add_comments on snapshots. */
const char *_tw_postgresql_dialect_get_enum_name_info (const TwColumnInfo *column);
void        _tw_postgresql_dialect_add_comments_info  (TwDialect          *self,
                                                        const TwTableInfo  *table,
                                                        GPtrArray          *statements);

G_END_DECLS
