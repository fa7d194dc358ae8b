/* tw-dialect.h: an SQL dialect: identifier quoting, column types and the DDL compiler
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-ddl-statement.h"
#include "tw-enums.h"
#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_DIALECT (tw_dialect_get_type ())

G_DECLARE_DERIVABLE_TYPE (TwDialect, tw_dialect, TW, DIALECT, GObject)

/* The dialects are stateless: tw_dialect_get() hands out one instance per
 * kind, and every function here may be called from any thread.
 *
 * The DDL compiler lives in TwDialect; a dialect fills in its class data and
 * overrides only what its SQL does differently. Every "append" vfunc appends
 * to out. */
struct _TwDialectClass
{
  GObjectClass parent_class;

  /* Class data, set by each dialect's class_init. */
  TwDialectKind       kind;
  const char         *display_name;          /* "PostgreSQL": for messages */
  char                quote_char;            /* '"' or '`' */
  guint               max_identifier_length; /* in bytes; 0 for no limit */
  /* Set with tw_dialect_class_set_reserved_words(). */
  const char * const *reserved_words;        /* lower case, sorted by strcmp() */
  gsize               n_reserved_words;
  /* FALSE when the database cannot ALTER TABLE ... ADD CONSTRAINT (SQLite):
   * foreign keys that form a cycle then stay inside CREATE TABLE. */
  gboolean            supports_alter_constraints;
  /* TRUE when DEFAULT takes an expression other than a literal only in
   * parentheses (SQLite, MySQL). */
  gboolean            parenthesize_default_expressions;

  /* A quoted string literal. */
  void            (*append_string_literal)   (TwDialect  *self,
                                              GString    *out,
                                              const char *value);
  /* The column's type; autoincrement is TRUE for the table's
   * autoincrement column. */
  void            (*append_column_type)      (TwDialect  *self,
                                              GString    *out,
                                              TwColumn   *column,
                                              gboolean    autoincrement);
  /* " DEFAULT ..." for the column's server default, or nothing. */
  void            (*append_default)          (TwDialect  *self,
                                              GString    *out,
                                              TwColumn   *column);
  /* The column's line in CREATE TABLE, without indentation or comma. The
   * default is "name TYPE [DEFAULT x] [NOT NULL]". */
  void            (*append_column)           (TwDialect  *self,
                                              GString    *out,
                                              TwColumn   *column,
                                              gboolean    autoincrement);
  /* Anything after the closing parenthesis of CREATE TABLE. */
  void            (*append_table_options)    (TwDialect  *self,
                                              GString    *out,
                                              TwTable    *table);
  /* Statements that follow CREATE TABLE and its indexes (COMMENT ON). */
  void            (*add_comments)            (TwDialect  *self,
                                              TwTable    *table,
                                              GPtrArray  *statements);
  /* The name of a type that has to exist before a table can use the column
   * (a PostgreSQL enum), or NULL. */
  const char     *(*get_column_type_name)    (TwDialect  *self,
                                              TwColumn   *column);
  TwDdlStatement *(*compile_create_type)     (TwDialect  *self,
                                              TwColumn   *column);
  TwDdlStatement *(*compile_drop_type)       (TwDialect  *self,
                                              const char *type_name);
  /* Drops a foreign key that create_all added with ALTER TABLE. */
  TwDdlStatement *(*compile_drop_foreign_key) (TwDialect  *self,
                                               TwTable    *table,
                                               const char *name);

  /*< private >*/
  guint16            *reserved_index;        /* hash slots: word position + 1, or 0 */
  guint               reserved_index_mask;

  gpointer padding[8];
};

/* For a dialect's class_init: words must stay alive, be in lower case and
 * sorted by strcmp(). */
void            tw_dialect_class_set_reserved_words (TwDialectClass     *klass,
                                                     const char * const *words,
                                                     gsize               n_words);

/* The dialect of a kind (transfer none: a singleton). */
TwDialect      *tw_dialect_get                     (TwDialectKind  kind);
TwDialectKind   tw_dialect_get_kind                (TwDialect     *self);
const char     *tw_dialect_get_display_name        (TwDialect     *self);

/* Whether word is a reserved word of the dialect, in any letter case. */
gboolean        tw_dialect_is_reserved             (TwDialect     *self,
                                                    const char    *word);
/* Whether name has to be quoted to be used as an identifier: it is empty,
 * not of the form [a-z_][a-z0-9_$]*, or a reserved word. */
gboolean        tw_dialect_needs_quoting           (TwDialect     *self,
                                                    const char    *name);
/* name, quoted when tw_dialect_needs_quoting() says so, with the quote
 * character doubled inside. */
char           *tw_dialect_quote_identifier        (TwDialect     *self,
                                                    const char    *name) G_GNUC_WARN_UNUSED_RESULT;
void            tw_dialect_append_identifier       (TwDialect     *self,
                                                    GString       *out,
                                                    const char    *name);
/* 'value' with ' doubled (and \ doubled on MySQL). Only for DDL (DEFAULT,
 * enum values, comments): data values always go as bound parameters. */
char           *tw_dialect_quote_string_literal    (TwDialect     *self,
                                                    const char    *value) G_GNUC_WARN_UNUSED_RESULT;
void            tw_dialect_append_string_literal   (TwDialect     *self,
                                                    GString       *out,
                                                    const char    *value);

/* The column's type in this dialect, as CREATE TABLE declares it when the
 * column is not the autoincrement column: "VARCHAR(50)", "mood". */
char           *tw_dialect_compile_column_type     (TwDialect     *self,
                                                    TwColumn      *column) G_GNUC_WARN_UNUSED_RESULT;

/* MetaData.create_all(): validates the model for this dialect (failing with
 * TW_MODEL_ERROR_INVALID and a message listing the problems), then returns
 * the TwDdlStatements that create every table in dependency order: types,
 * tables with their indexes and comments, and last the foreign keys that
 * form cycles (ALTER TABLE ... ADD CONSTRAINT; inline on SQLite). */
GPtrArray      *tw_dialect_compile_create_all      (TwDialect     *self,
                                                    TwMetadata    *metadata,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* MetaData.drop_all(): the cycle foreign keys, then DROP TABLE IF EXISTS in
 * reverse dependency order, then the types. Validates like create_all. */
GPtrArray      *tw_dialect_compile_drop_all        (TwDialect     *self,
                                                    TwMetadata    *metadata,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* The statements that create one table: CREATE TYPE for every type it needs
 * (the caller skips types that exist), CREATE TABLE, its indexes and
 * comments. Foreign keys in omit_foreign_keys (TwForeignKey pointers, may be
 * NULL) are left out; add them later with
 * tw_dialect_compile_add_foreign_key(). Checks only that the table has
 * columns: validate the model first. */
GPtrArray      *tw_dialect_compile_create_table    (TwDialect     *self,
                                                    TwTable       *table,
                                                    GPtrArray     *omit_foreign_keys,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* ALTER TABLE table ADD CONSTRAINT name FOREIGN KEY ...; an unnamed foreign
 * key is named tw_dialect_dup_foreign_key_name(). */
TwDdlStatement *tw_dialect_compile_add_foreign_key (TwDialect     *self,
                                                    TwTable       *table,
                                                    TwForeignKey  *foreign_key) G_GNUC_WARN_UNUSED_RESULT;
/* The foreign key's name, or for an unnamed one the deterministic
 * "fk_<table>_<column>..._<referred table>" (shortened with a hash, as
 * SQLAlchemy does, when longer than the dialect allows). */
char           *tw_dialect_dup_foreign_key_name    (TwDialect     *self,
                                                    TwTable       *table,
                                                    TwForeignKey  *foreign_key) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
