/* tw-inspector-private.h: what the dialects' inspectors share with TwInspector
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-dialect.h"
#include "tw-inspector.h"

G_BEGIN_DECLS

/* The dialect of the inspector's connection. */
TwDialect    *_tw_inspector_get_dialect      (TwInspector         *self);

void          _tw_inspector_add_warning      (TwInspector         *self,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (2, 3);

/* Runs one catalog query with n_params text parameters (a NULL element binds
 * NULL) in the dialect's placeholders. A failure says that the catalog
 * could not be read. */
TwResult     *_tw_inspector_query            (TwInspector         *self,
                                              const char          *sql,
                                              const char * const  *params,
                                              guint                n_params,
                                              GCancellable        *cancellable,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Reading result cells whatever kind the driver chose for them. */
const char   *_tw_inspector_get_text         (TwResult            *result,
                                              guint                row,
                                              guint                column);
gint64        _tw_inspector_get_int          (TwResult            *result,
                                              guint                row,
                                              guint                column,
                                              gint64               if_null);
gboolean      _tw_inspector_get_bool         (TwResult            *result,
                                              guint                row,
                                              guint                column);

/* Tables by name, for the dialects that read columns and constraints of all
 * tables in one query each. Borrowed pointers into tables. */
GHashTable   *_tw_inspector_index_tables     (GPtrArray           *tables) G_GNUC_WARN_UNUSED_RESULT;

/* SQL text helpers for the normalisation of what catalogs report. */

/* Whether text is one string literal quoted with quote ('' inside stands for
 * one quote; with backslashes TRUE, a backslash escapes the next character
 * as MySQL reads it); if so and value is not NULL, the literal's value. */
gboolean      _tw_sql_parse_string_literal   (const char          *text,
                                              gboolean             backslashes,
                                              char               **value);
/* text without the parentheses around all of it, and without surrounding
 * blanks: "((1 + 1))" gives "1 + 1", "(a) + (b)" stays. */
char         *_tw_sql_strip_parentheses      (const char          *text) G_GNUC_WARN_UNUSED_RESULT;
/* Whether text is a decimal number, with an optional sign. */
gboolean      _tw_sql_is_number              (const char          *text);
/* The TwDefaultFunction name that a default expression means
 * (CURRENT_TIMESTAMP, now(), current_timestamp(), curdate(), ...), or NULL. */
const char   *_tw_sql_default_function       (const char          *text);
/* Sets the column's server default from an expression as the catalog gives
 * it, after the dialect took its casts and quirks away: none for NULL or
 * "NULL", a function, a literal for one quoted string, else an expression
 * without surrounding parentheses. */
void          _tw_inspector_set_default      (TwColumn            *column,
                                              const char          *expression,
                                              gboolean             backslashes);
/* Splits a type such as "numeric(10,2)" or "character varying(50)" into its
 * lower-case name ("numeric") and up to max_args unsigned arguments; FALSE
 * if the parentheses hold anything else. */
gboolean      _tw_sql_parse_type             (const char          *type,
                                              char               **name,
                                              guint               *args,
                                              guint                max_args,
                                              guint               *n_args);

G_END_DECLS
