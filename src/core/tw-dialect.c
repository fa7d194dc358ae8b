/* tw-dialect.c: an SQL dialect: identifier quoting, column types and the DDL compiler
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-dialect"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-dialect-private.h"
#include "tw-mysql-dialect.h"
#include "tw-postgresql-dialect.h"
#include "tw-sqlite-dialect.h"

/* The longest reserved word of any dialect is shorter than this. */
#define MAX_RESERVED_WORD_LENGTH 40

G_DEFINE_ABSTRACT_TYPE (TwDialect, tw_dialect, G_TYPE_OBJECT)

/* Short names for the appenders of tw-dialect-private.h. */
#define append_len _tw_append_len
#define append_literal _tw_append_literal

/* FNV-1a: the hash of the reserved word index. */
#define HASH_INIT 2166136261u
#define HASH_STEP(hash, byte) (((hash) ^ (guchar) (byte)) * 16777619u)

/* word must be in lower case already, and hash be its HASH_STEP() hash. */
static gboolean
is_reserved_hashed (TwDialectClass *klass,
                    const char     *word,
                    guint32         hash)
{
  guint   slot = hash & klass->reserved_index_mask;
  guint16 entry;

  /* A dialect that reserves no word. */
  if (klass->reserved_index == NULL)
    return FALSE;

  while ((entry = klass->reserved_index[slot]) != 0)
    {
      if (strcmp (klass->reserved_words[entry - 1], word) == 0)
        return TRUE;
      slot = (slot + 1) & klass->reserved_index_mask;
    }

  return FALSE;
}

static int
compare_words (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* word must be in lower case already. */
static gboolean
is_reserved_sorted (TwDialectClass *klass,
                    const char     *word)
{
  if (klass->n_reserved_words == 0)
    return FALSE;

  return bsearch (&word, klass->reserved_words, klass->n_reserved_words, sizeof (char *),
                  compare_words) != NULL;
}

void
tw_dialect_class_set_reserved_words (TwDialectClass    *klass,
                                     const char * const *words,
                                     gsize              n_words)
{
  guint size = 64;

  g_return_if_fail (TW_IS_DIALECT_CLASS (klass));
  g_return_if_fail (words != NULL || n_words == 0);
  g_return_if_fail (n_words < G_MAXUINT16);

  for (gsize i = 1; i < n_words; i++)
    g_return_if_fail (strcmp (words[i - 1], words[i]) < 0);

  klass->reserved_words = words;
  klass->n_reserved_words = n_words;

  /* An open-addressing index at most a quarter full, so that the quoting of
   * an identifier, which computes the hash as it checks the characters,
   * nearly always decides with one probe. It lives as long as the class;
   * the old one may be the parent class's, so it stays. */
  while (size < 4 * n_words)
    size *= 2;
  klass->reserved_index = g_new0 (guint16, size);
  klass->reserved_index_mask = size - 1;

  for (gsize i = 0; i < n_words; i++)
    {
      guint32 hash = HASH_INIT;
      guint   slot;

      for (const char *p = words[i]; *p != '\0'; p++)
        hash = HASH_STEP (hash, *p);

      slot = hash & klass->reserved_index_mask;
      while (klass->reserved_index[slot] != 0)
        slot = (slot + 1) & klass->reserved_index_mask;
      klass->reserved_index[slot] = i + 1;
    }
}

/* The decimal digits of value: g_string_append_printf() is slow for this. */
static void
append_uint (GString *out,
             guint    value)
{
  char digits[16];
  int  i = G_N_ELEMENTS (digits);

  do
    {
      digits[--i] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);

  append_len (out, digits + i, G_N_ELEMENTS (digits) - i);
}

/* "(n)" */
static void
append_parenthesized_uint (GString *out,
                           guint    value)
{
  g_string_append_c (out, '(');
  append_uint (out, value);
  g_string_append_c (out, ')');
}

static gboolean
needs_quoting (TwDialectClass *klass,
               const char     *name)
{
  guint32 hash;

  /* The first test also catches the empty name. A '$' never starts an
   * unquoted name: SQLite reads "$x" as a parameter, PostgreSQL as a
   * positional parameter or dollar quote. */
  if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
    return TRUE;

  hash = HASH_STEP (HASH_INIT, name[0]);
  for (const char *p = name + 1; *p != '\0'; p++)
    {
      if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '$'))
        return TRUE;
      hash = HASH_STEP (hash, *p);
    }

  return is_reserved_hashed (klass, name, hash);
}

static void
append_quoted (GString    *out,
               const char *value,
               char        quote)
{
  const char *p = value;
  const char *q;

  g_string_append_c (out, quote);
  while ((q = strchr (p, quote)) != NULL)
    {
      g_string_append_len (out, p, q - p + 1);
      g_string_append_c (out, quote);
      p = q + 1;
    }
  g_string_append (out, p);
  g_string_append_c (out, quote);
}

static void
append_identifier (TwDialectClass *klass,
                   GString        *out,
                   const char     *name)
{
  if (name == NULL)
    name = "";

  if (needs_quoting (klass, name))
    append_quoted (out, name, klass->quote_char);
  else
    append_len (out, name, strlen (name));
}

/* "(a, b)" */
static void
append_name_list (TwDialectClass    *klass,
                  GString           *out,
                  const char * const *names)
{
  g_string_append_c (out, '(');
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        append_literal (out, ", ");
      append_identifier (klass, out, names[i]);
    }
  g_string_append_c (out, ')');
}

static void
append_constraint_name (TwDialectClass *klass,
                        GString        *out,
                        const char     *name)
{
  if (name == NULL || name[0] == '\0')
    return;

  append_literal (out, "CONSTRAINT ");
  append_identifier (klass, out, name);
  g_string_append_c (out, ' ');
}

/* Like SQLAlchemy's conventional names: one longer than the dialect allows
 * keeps its start and gets four hex digits of its MD5 sum. */
static char *
shorten_name (TwDialectClass *klass,
              char           *name)
{
  g_autofree char *owned = name;
  g_autofree char *md5 = NULL;
  gsize            length = strlen (name);
  gsize            cut;

  if (klass->max_identifier_length == 0 || length <= klass->max_identifier_length)
    return g_steal_pointer (&owned);

  md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, name, length);
  cut = klass->max_identifier_length - 8;
  /* Never cut a UTF-8 sequence in two. */
  while (cut > 0 && ((guchar) name[cut] & 0xC0) == 0x80)
    cut--;

  return g_strdup_printf ("%.*s_%s", (int) cut, name, md5 + strlen (md5) - 4);
}

/* SQLAlchemy's "ix_%(column_0_label)s" for Column(index=True). */
static char *
dup_column_index_name (TwDialectClass *klass,
                       const char     *table_name,
                       const char     *column_name)
{
  return shorten_name (klass, g_strconcat ("ix_", table_name, "_", column_name, NULL));
}

static void
append_foreign_key_clause (TwDialectClass         *klass,
                           GString                *out,
                           const TwForeignKeyInfo *fk)
{
  TwFkAction action;

  append_literal (out, "FOREIGN KEY ");
  append_name_list (klass, out, fk->columns);
  append_literal (out, " REFERENCES ");
  append_identifier (klass, out, fk->referred_table);
  g_string_append_c (out, ' ');
  append_name_list (klass, out, fk->referred_columns);

  action = fk->on_delete;
  if (action != TW_FK_ACTION_NO_ACTION)
    {
      append_literal (out, " ON DELETE ");
      _tw_append_str (out, tw_fk_action_to_sql (action));
    }
  action = fk->on_update;
  if (action != TW_FK_ACTION_NO_ACTION)
    {
      append_literal (out, " ON UPDATE ");
      _tw_append_str (out, tw_fk_action_to_sql (action));
    }
}

/* An expression a DEFAULT clause takes without parentheses everywhere: a
 * number, one string literal, NULL, TRUE, FALSE or CURRENT_*. */
static gboolean
is_plain_default (const char *expression)
{
  static const char * const keywords[] = {
    "null", "true", "false", "current_timestamp", "current_date", "current_time",
  };
  const char *p = expression;

  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      if (g_ascii_strcasecmp (expression, keywords[i]) == 0)
        return TRUE;
    }

  if (*p == '\'')
    {
      for (p++; *p != '\0'; p++)
        {
          if (*p == '\'')
            {
              if (p[1] != '\'')
                return p[1] == '\0';
              p++;
            }
        }
      return FALSE;
    }

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

static const char *
function_sql (const char *name)
{
  if (g_ascii_strcasecmp (name, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP) == 0)
    return "CURRENT_TIMESTAMP";
  if (g_ascii_strcasecmp (name, TW_DEFAULT_FUNCTION_CURRENT_DATE) == 0)
    return "CURRENT_DATE";
  if (g_ascii_strcasecmp (name, TW_DEFAULT_FUNCTION_CURRENT_TIME) == 0)
    return "CURRENT_TIME";
  return NULL;
}

/* Default implementations of the vfuncs: standard SQL, which SQLite takes
 * nearly as it is. */

static void
tw_dialect_real_append_string_literal (TwDialect  *self,
                                       GString    *out,
                                       const char *value)
{
  append_quoted (out, value, '\'');
}

void
_tw_dialect_append_column_type_info (TwDialect          *self,
                                     GString            *out,
                                     const TwColumnInfo *column,
                                     gboolean            autoincrement)
{
  TwColumnType type = column->column_type;

  switch (type)
    {
    case TW_COLUMN_TYPE_INTEGER:
      append_literal (out, "INTEGER");
      break;

    case TW_COLUMN_TYPE_BIG_INTEGER:
      append_literal (out, "BIGINT");
      break;

    case TW_COLUMN_TYPE_SMALL_INTEGER:
      append_literal (out, "SMALLINT");
      break;

    case TW_COLUMN_TYPE_BOOLEAN:
      append_literal (out, "BOOLEAN");
      break;

    case TW_COLUMN_TYPE_FLOAT:
      append_literal (out, "FLOAT");
      if (column->precision > 0)
        append_parenthesized_uint (out, column->precision);
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      append_literal (out, "NUMERIC");
      if (column->precision > 0)
        {
          if (column->scale >= 0)
            {
              g_string_append_c (out, '(');
              append_uint (out, column->precision);
              append_literal (out, ", ");
              append_uint (out, (guint) column->scale);
              g_string_append_c (out, ')');
            }
          else
            append_parenthesized_uint (out, column->precision);
        }
      break;

    case TW_COLUMN_TYPE_STRING:
      append_literal (out, "VARCHAR");
      if (column->length > 0)
        append_parenthesized_uint (out, column->length);
      break;

    case TW_COLUMN_TYPE_TEXT:
      append_literal (out, "TEXT");
      break;

    case TW_COLUMN_TYPE_DATE:
      append_literal (out, "DATE");
      break;

    case TW_COLUMN_TYPE_DATE_TIME:
      append_literal (out, "DATETIME");
      break;

    case TW_COLUMN_TYPE_TIME:
      append_literal (out, "TIME");
      break;

    case TW_COLUMN_TYPE_LARGE_BINARY:
      append_literal (out, "BLOB");
      break;

    case TW_COLUMN_TYPE_ENUM:
      {
        /* SQLAlchemy's non-native Enum: a VARCHAR as long as the longest
         * value, in characters. */
        const char * const *values = column->enum_values;
        glong              longest = 0;

        for (guint i = 0; values != NULL && values[i] != NULL; i++)
          longest = MAX (longest, g_utf8_strlen (values[i], -1));

        append_literal (out, "VARCHAR");
        if (longest > 0)
          g_string_append_printf (out, "(%ld)", longest);
      }
      break;

    case TW_COLUMN_TYPE_JSON:
      append_literal (out, "JSON");
      break;

    case TW_COLUMN_TYPE_UUID:
      append_literal (out, "CHAR(36)");
      break;

    default:
      g_assert_not_reached ();
    }
}

void
_tw_dialect_append_default_info (TwDialect          *self,
                                 GString            *out,
                                 const TwColumnInfo *column)
{
  TwDialectClass *klass = TW_DIALECT_GET_CLASS (self);
  const char     *value = column->default_value;
  const char     *sql;

  switch (column->default_kind)
    {
    case TW_DEFAULT_KIND_NONE:
      return;

    case TW_DEFAULT_KIND_LITERAL:
      append_literal (out, " DEFAULT ");
      klass->append_string_literal (self, out, value != NULL ? value : "");
      return;

    case TW_DEFAULT_KIND_EXPRESSION:
      if (value == NULL || value[0] == '\0')
        return;
      append_literal (out, " DEFAULT ");
      /* SQLite and MySQL take only literals bare; anything else has to be
       * in parentheses. */
      if (klass->parenthesize_default_expressions && !is_plain_default (value))
        g_string_append_printf (out, "(%s)", value);
      else
        g_string_append (out, value);
      return;

    case TW_DEFAULT_KIND_FUNCTION:
      if (value == NULL || value[0] == '\0')
        return;
      append_literal (out, " DEFAULT ");
      sql = function_sql (value);
      if (sql != NULL)
        g_string_append (out, sql);
      else if (klass->parenthesize_default_expressions)
        g_string_append_printf (out, "(%s())", value);
      else
        g_string_append_printf (out, "%s()", value);
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
tw_dialect_real_append_column_type (TwDialect *self,
                                    GString   *out,
                                    TwColumn  *column,
                                    gboolean   autoincrement)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  _tw_dialect_append_column_type_info (self, out, &info, autoincrement);
}

static void
tw_dialect_real_append_default (TwDialect *self,
                                GString   *out,
                                TwColumn  *column)
{
  TwColumnInfo info;

  _tw_column_get_info (column, &info);
  _tw_dialect_append_default_info (self, out, &info);
}

static void
tw_dialect_real_append_column (TwDialect *self,
                               GString   *out,
                               TwColumn  *column,
                               gboolean   autoincrement)
{
  TwDialectClass *klass = TW_DIALECT_GET_CLASS (self);

  append_identifier (klass, out, tw_column_get_name (column));
  g_string_append_c (out, ' ');
  klass->append_column_type (self, out, column, autoincrement);
  klass->append_default (self, out, column);
  if (!tw_column_is_effectively_nullable (column))
    append_literal (out, " NOT NULL");
}

static void
tw_dialect_real_append_table_options (TwDialect *self,
                                      GString   *out,
                                      TwTable   *table)
{
}

static void
tw_dialect_real_add_comments (TwDialect *self,
                              TwTable   *table,
                              GPtrArray *statements)
{
}

static const char *
tw_dialect_real_get_column_type_name (TwDialect *self,
                                      TwColumn  *column)
{
  return NULL;
}

static TwDdlStatement *
tw_dialect_real_compile_drop_foreign_key (TwDialect  *self,
                                          TwTable    *table,
                                          const char *name)
{
  TwDialectClass *klass = TW_DIALECT_GET_CLASS (self);
  GString        *sql = g_string_new ("ALTER TABLE ");

  append_identifier (klass, sql, tw_table_get_name (table));
  append_literal (sql, " DROP CONSTRAINT ");
  append_identifier (klass, sql, name);

  return tw_ddl_statement_new_take (TW_DDL_KIND_DROP_CONSTRAINT, tw_table_get_name (table),
                                    g_string_free (sql, FALSE));
}

static void
tw_dialect_class_init (TwDialectClass *klass)
{
  klass->max_identifier_length = 0;
  klass->quote_char = '"';
  klass->supports_alter_constraints = TRUE;

  klass->append_string_literal = tw_dialect_real_append_string_literal;
  klass->append_column_type = tw_dialect_real_append_column_type;
  klass->append_default = tw_dialect_real_append_default;
  klass->append_column = tw_dialect_real_append_column;
  klass->append_table_options = tw_dialect_real_append_table_options;
  klass->add_comments = tw_dialect_real_add_comments;
  klass->get_column_type_name = tw_dialect_real_get_column_type_name;
  klass->compile_drop_foreign_key = tw_dialect_real_compile_drop_foreign_key;
}

static void
tw_dialect_init (TwDialect *self)
{
}

static gpointer
create_dialects (gpointer data)
{
  TwDialect **dialects = g_new0 (TwDialect *, 3);

  dialects[TW_DIALECT_KIND_SQLITE] = g_object_new (TW_TYPE_SQLITE_DIALECT, NULL);
  dialects[TW_DIALECT_KIND_POSTGRESQL] = g_object_new (TW_TYPE_POSTGRESQL_DIALECT, NULL);
  dialects[TW_DIALECT_KIND_MYSQL] = g_object_new (TW_TYPE_MYSQL_DIALECT, NULL);

  return dialects;
}

TwDialect *
tw_dialect_get (TwDialectKind kind)
{
  static GOnce once = G_ONCE_INIT;
  TwDialect  **dialects;

  g_return_val_if_fail (kind <= TW_DIALECT_KIND_MYSQL, NULL);

  dialects = g_once (&once, create_dialects, NULL);
  return dialects[kind];
}

TwDialectKind
tw_dialect_get_kind (TwDialect *self)
{
  g_return_val_if_fail (TW_IS_DIALECT (self), TW_DIALECT_KIND_SQLITE);

  return TW_DIALECT_GET_CLASS (self)->kind;
}

const char *
tw_dialect_get_display_name (TwDialect *self)
{
  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);

  return TW_DIALECT_GET_CLASS (self)->display_name;
}

gboolean
tw_dialect_is_reserved (TwDialect  *self,
                        const char *word)
{
  char  lower[MAX_RESERVED_WORD_LENGTH];
  gsize length;

  g_return_val_if_fail (TW_IS_DIALECT (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  length = strlen (word);
  if (length == 0 || length >= sizeof lower)
    return FALSE;

  for (gsize i = 0; i <= length; i++)
    lower[i] = g_ascii_tolower (word[i]);

  return is_reserved_sorted (TW_DIALECT_GET_CLASS (self), lower);
}

gboolean
tw_dialect_needs_quoting (TwDialect  *self,
                          const char *name)
{
  g_return_val_if_fail (TW_IS_DIALECT (self), TRUE);
  g_return_val_if_fail (name != NULL, TRUE);

  return needs_quoting (TW_DIALECT_GET_CLASS (self), name);
}

void
tw_dialect_append_identifier (TwDialect  *self,
                              GString    *out,
                              const char *name)
{
  g_return_if_fail (TW_IS_DIALECT (self));
  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);

  append_identifier (TW_DIALECT_GET_CLASS (self), out, name);
}

void
_tw_dialect_append_identifier (TwDialect  *self,
                               GString    *out,
                               const char *name)
{
  append_identifier (TW_DIALECT_GET_CLASS (self), out, name);
}

char *
tw_dialect_quote_identifier (TwDialect  *self,
                             const char *name)
{
  GString *out;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_sized_new (strlen (name) + 2);
  append_identifier (TW_DIALECT_GET_CLASS (self), out, name);
  return g_string_free (out, FALSE);
}

void
tw_dialect_append_string_literal (TwDialect  *self,
                                  GString    *out,
                                  const char *value)
{
  g_return_if_fail (TW_IS_DIALECT (self));
  g_return_if_fail (out != NULL);
  g_return_if_fail (value != NULL);

  TW_DIALECT_GET_CLASS (self)->append_string_literal (self, out, value);
}

char *
tw_dialect_quote_string_literal (TwDialect  *self,
                                 const char *value)
{
  GString *out;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  out = g_string_sized_new (strlen (value) + 2);
  TW_DIALECT_GET_CLASS (self)->append_string_literal (self, out, value);
  return g_string_free (out, FALSE);
}

char *
tw_dialect_compile_column_type (TwDialect *self,
                                TwColumn  *column)
{
  GString *out;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_COLUMN (column), NULL);

  out = g_string_sized_new (16);
  TW_DIALECT_GET_CLASS (self)->append_column_type (self, out, column, FALSE);
  return g_string_free (out, FALSE);
}

char *
tw_dialect_dup_foreign_key_name (TwDialect    *self,
                                 TwTable      *table,
                                 TwForeignKey *foreign_key)
{
  const char * const *columns;
  const char        *name;
  GString           *out;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (foreign_key), NULL);

  name = tw_foreign_key_get_name (foreign_key);
  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  out = g_string_new ("fk_");
  g_string_append (out, tw_table_get_name (table));
  columns = tw_foreign_key_get_columns (foreign_key);
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_string_append_c (out, '_');
      g_string_append (out, columns[i]);
    }
  g_string_append_c (out, '_');
  g_string_append (out, tw_foreign_key_get_referred_table (foreign_key));

  return shorten_name (TW_DIALECT_GET_CLASS (self), g_string_free (out, FALSE));
}

TwDdlStatement *
tw_dialect_compile_add_foreign_key (TwDialect    *self,
                                    TwTable      *table,
                                    TwForeignKey *foreign_key)
{
  TwDialectClass   *klass;
  TwForeignKeyInfo  info;
  g_autofree char  *name = NULL;
  GString          *sql;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);
  g_return_val_if_fail (TW_IS_FOREIGN_KEY (foreign_key), NULL);

  klass = TW_DIALECT_GET_CLASS (self);
  name = tw_dialect_dup_foreign_key_name (self, table, foreign_key);
  _tw_foreign_key_get_info (foreign_key, &info);

  sql = g_string_new ("ALTER TABLE ");
  append_identifier (klass, sql, tw_table_get_name (table));
  append_literal (sql, " ADD ");
  append_constraint_name (klass, sql, name);
  append_foreign_key_clause (klass, sql, &info);

  return tw_ddl_statement_new_take (TW_DDL_KIND_ADD_CONSTRAINT, tw_table_get_name (table),
                                    g_string_free (sql, FALSE));
}

/* The compiler's state for one create_all or create_table. */
typedef struct
{
  TwDialect      *self;
  TwDialectClass *klass;
  /* TRUE for the built-in dialects, final types whose column vfuncs the
   * *_info functions stand for. */
  gboolean        builtin;
  /* One statement at a time is written here and copied out at its exact
   * size, so that no statement grows a buffer of its own. */
  GString        *sql;
  /* The current table's name, quoted once for all its statements. */
  GString        *quoted_table;
  GHashTable     *seen_types;
  GPtrArray      *statements;
} Compiler;

static void
compiler_init (Compiler   *c,
               TwDialect  *self,
               GHashTable *seen_types,
               GPtrArray  *statements)
{
  GType type = G_OBJECT_TYPE (self);

  c->self = self;
  c->klass = TW_DIALECT_GET_CLASS (self);
  c->builtin = type == TW_TYPE_SQLITE_DIALECT || type == TW_TYPE_POSTGRESQL_DIALECT ||
               type == TW_TYPE_MYSQL_DIALECT;
  c->sql = g_string_sized_new (4096);
  c->quoted_table = g_string_sized_new (64);
  c->seen_types = seen_types;
  c->statements = statements;
}

static void
compiler_clear (Compiler *c)
{
  g_string_free (c->sql, TRUE);
  g_string_free (c->quoted_table, TRUE);
}

/* Moves the statement in c->sql to c->statements. */
static void
add_statement (Compiler   *c,
               TwDdlKind   kind,
               const char *table)
{
  g_ptr_array_add (c->statements,
                   tw_ddl_statement_new_take (kind, table,
                                              g_memdup2 (c->sql->str, c->sql->len + 1)));
  g_string_truncate (c->sql, 0);
}

static void
append_index (Compiler          *c,
              const char        *table_name,
              const char        *name,
              const char * const *columns,
              gboolean           unique)
{
  GString *sql = c->sql;

  if (unique)
    append_literal (sql, "CREATE UNIQUE INDEX ");
  else
    append_literal (sql, "CREATE INDEX ");
  append_identifier (c->klass, sql, name);
  append_literal (sql, " ON ");
  append_len (sql, c->quoted_table->str, c->quoted_table->len);
  g_string_append_c (sql, ' ');
  append_name_list (c->klass, sql, columns);

  add_statement (c, TW_DDL_KIND_CREATE_INDEX, table_name);
}

/* CREATE INDEX for Column(index=True), named as SQLAlchemy's
 * "ix_%(column_0_label)s". */
static void
append_column_index (Compiler           *c,
                     const char         *table_name,
                     const TwColumnInfo *column)
{
  const char * const columns[] = { column->name, NULL };
  guint              max = c->klass->max_identifier_length;
  char               buffer[128];
  g_autofree char   *heap_name = NULL;
  const char        *name = buffer;
  gsize              table_length;
  gsize              column_length;

  table_length = table_name != NULL ? strlen (table_name) : 0;
  column_length = column->name != NULL ? strlen (column->name) : 0;

  /* Names that fit, unshortened, go through the stack. */
  if (table_name != NULL && column->name != NULL &&
      4 + table_length + column_length < sizeof buffer &&
      (max == 0 || 4 + table_length + column_length <= max))
    {
      memcpy (buffer, "ix_", 3);
      memcpy (buffer + 3, table_name, table_length);
      buffer[3 + table_length] = '_';
      memcpy (buffer + 4 + table_length, column->name, column_length + 1);
    }
  else
    name = heap_name = dup_column_index_name (c->klass, table_name, column->name);

  append_index (c, table_name, name, columns, column->unique);
}

/* tw_table_get_autoincrement_column() for a table whose only primary key
 * column is key, an integer column. */
static const TwColumnInfo *
autoincrement_column (const TwColumnInfo     *key,
                      const TwForeignKeyInfo *fks,
                      guint                   n_fks)
{
  switch (key->autoincrement)
    {
    case TW_AUTOINCREMENT_ALWAYS:
      return key;

    case TW_AUTOINCREMENT_AUTO:
      /* SQLAlchemy's "auto": not when the key has a server default or is
       * (part of) a foreign key. */
      if (key->default_kind != TW_DEFAULT_KIND_NONE)
        return NULL;
      for (guint i = 0; i < n_fks; i++)
        {
          if (key->name != NULL && g_strv_contains (fks[i].columns, key->name))
            return NULL;
        }
      return key;

    case TW_AUTOINCREMENT_NEVER:
    default:
      return NULL;
    }
}

static const char *
column_type_name (Compiler           *c,
                  const TwColumnInfo *column)
{
  if (!c->builtin)
    return c->klass->get_column_type_name (c->self, column->column);
  if (c->klass->kind == TW_DIALECT_KIND_POSTGRESQL)
    return _tw_postgresql_dialect_get_enum_name_info (column);
  return NULL;
}

static void
append_column (Compiler           *c,
               const TwColumnInfo *column,
               gboolean            autoincrement)
{
  if (!c->builtin)
    {
      c->klass->append_column (c->self, c->sql, column->column, autoincrement);
      return;
    }

  switch (c->klass->kind)
    {
    case TW_DIALECT_KIND_SQLITE:
      _tw_sqlite_dialect_append_column_info (c->self, c->sql, column, autoincrement);
      break;

    case TW_DIALECT_KIND_POSTGRESQL:
      _tw_postgresql_dialect_append_column_info (c->self, c->sql, column, autoincrement);
      break;

    case TW_DIALECT_KIND_MYSQL:
      _tw_mysql_dialect_append_column_info (c->self, c->sql, column, autoincrement);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The heart of create_all: everything one table needs, appended to
 * c->statements. Types already in c->seen_types (when not NULL) are
 * skipped and new ones added to it; foreign keys whose entry in omit (when
 * not NULL) is TRUE are left out. */
static void
compile_table (Compiler          *c,
               const TwTableInfo *table,
               const gboolean    *omit)
{
  TwDialectClass     *klass = c->klass;
  const char         *table_name = table->name;
  const TwColumnInfo *columns = table->columns;
  guint               n_columns = table->n_columns;
  const TwColumnInfo *autoincrement = NULL;
  const TwColumnInfo *lone_key = NULL;
  guint               n_keys = 0;
  GString            *sql = c->sql;
  GListModel         *list;

  for (guint i = 0; i < n_columns; i++)
    {
      if (columns[i].primary_key)
        {
          n_keys++;
          lone_key = &columns[i];
        }
    }

  /* Only a lone integer primary key column can autoincrement. */
  if (n_keys == 1 && tw_column_type_is_integer (lone_key->column_type))
    autoincrement = autoincrement_column (lone_key, table->foreign_keys, table->n_foreign_keys);

  /* Types first, in column order. */
  for (guint i = 0; i < n_columns; i++)
    {
      const char *type_name = column_type_name (c, &columns[i]);

      if (type_name == NULL)
        continue;
      if (c->seen_types != NULL && !g_hash_table_add (c->seen_types, (gpointer) type_name))
        continue;
      g_ptr_array_add (c->statements, klass->compile_create_type (c->self, columns[i].column));
    }

  g_string_truncate (c->quoted_table, 0);
  append_identifier (klass, c->quoted_table, table_name);

  append_literal (sql, "CREATE TABLE ");
  append_len (sql, c->quoted_table->str, c->quoted_table->len);
  append_literal (sql, " (");

  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        append_literal (sql, ",\n  ");
      else
        append_literal (sql, "\n  ");
      append_column (c, &columns[i], &columns[i] == autoincrement);
    }

  if (n_keys > 0)
    {
      gboolean first = TRUE;

      append_literal (sql, ",\n  ");
      append_constraint_name (klass, sql, table->primary_key_name);
      append_literal (sql, "PRIMARY KEY (");
      for (guint i = 0; i < n_columns; i++)
        {
          if (!columns[i].primary_key)
            continue;
          if (!first)
            append_literal (sql, ", ");
          append_identifier (klass, sql, columns[i].name);
          first = FALSE;
        }
      g_string_append_c (sql, ')');
    }

  /* Column(unique=True) without index=True is a UNIQUE constraint; with
   * index=True it becomes a unique index below. */
  for (guint i = 0; i < n_columns; i++)
    {
      if (columns[i].unique && !columns[i].index)
        {
          append_literal (sql, ",\n  UNIQUE (");
          append_identifier (klass, sql, columns[i].name);
          g_string_append_c (sql, ')');
        }
    }

  list = table->n_unique_constraints > 0 ? tw_table_get_unique_constraints (table->table) : NULL;
  for (guint i = 0; i < table->n_unique_constraints; i++)
    {
      g_autoptr (TwUniqueConstraint) unique = g_list_model_get_item (list, i);

      append_literal (sql, ",\n  ");
      append_constraint_name (klass, sql, tw_unique_constraint_get_name (unique));
      append_literal (sql, "UNIQUE ");
      append_name_list (klass, sql, tw_unique_constraint_get_columns (unique));
    }

  for (guint i = 0; i < table->n_foreign_keys; i++)
    {
      if (omit != NULL && omit[i])
        continue;

      append_literal (sql, ",\n  ");
      append_constraint_name (klass, sql, table->foreign_keys[i].name);
      append_foreign_key_clause (klass, sql, &table->foreign_keys[i]);
    }

  list = table->n_check_constraints > 0 ? tw_table_get_check_constraints (table->table) : NULL;
  for (guint i = 0; i < table->n_check_constraints; i++)
    {
      g_autoptr (TwCheckConstraint) check = g_list_model_get_item (list, i);
      const char *expression = tw_check_constraint_get_expression (check);

      append_literal (sql, ",\n  ");
      append_constraint_name (klass, sql, tw_check_constraint_get_name (check));
      append_literal (sql, "CHECK (");
      _tw_append_str (sql, expression != NULL ? expression : "");
      g_string_append_c (sql, ')');
    }

  append_literal (sql, "\n)");
  klass->append_table_options (c->self, sql, table->table);
  add_statement (c, TW_DDL_KIND_CREATE_TABLE, table_name);

  /* Column(index=True) first, in column order, then the table's indexes. */
  for (guint i = 0; i < n_columns; i++)
    {
      if (columns[i].index)
        append_column_index (c, table_name, &columns[i]);
    }

  list = table->n_indexes > 0 ? tw_table_get_indexes (table->table) : NULL;
  for (guint i = 0; i < table->n_indexes; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, i);

      append_index (c, table_name, tw_index_get_name (index), tw_index_get_columns (index),
                    tw_index_get_unique (index));
    }

  if (c->builtin && klass->kind == TW_DIALECT_KIND_POSTGRESQL)
    _tw_postgresql_dialect_add_comments_info (c->self, table, c->statements);
  else
    klass->add_comments (c->self, table->table, c->statements);
}

static gboolean
validate (TwDialect       *self,
          TwModelSnapshot *snapshot,
          GError         **error)
{
  TwDialectClass *klass = TW_DIALECT_GET_CLASS (self);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GString) message = NULL;

  problems = _tw_metadata_validate_snapshot (snapshot, TW_DIALECT_MASK (klass->kind));
  if (problems == NULL || problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The model has %u problem for %s:",
                                       "The model has %u problems for %s:",
                                       problems->len),
                          problems->len, klass->display_name);
  for (guint i = 0; i < problems->len; i++)
    {
      const TwProblem *problem = g_ptr_array_index (problems, i);

      append_literal (message, "\n• ");
      g_string_append (message, problem->message);
    }

  g_set_error_literal (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID, message->str);
  return FALSE;
}

GPtrArray *
tw_dialect_compile_create_all (TwDialect  *self,
                               TwMetadata *metadata,
                               GError    **error)
{
  g_autoptr (TwModelSnapshot) snapshot = NULL;
  g_autoptr (GHashTable) seen_types = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autofree guint    *order = NULL;
  g_autofree gboolean *in_cycle = NULL;
  gboolean             deferred = FALSE;
  Compiler             c;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The model is read once, and validation, the sort and the compiler all
   * work on that snapshot. */
  snapshot = _tw_model_snapshot_new (metadata);
  if (!validate (self, snapshot, error))
    return NULL;

  order = g_new (guint, MAX (snapshot->n_tables, 1));
  in_cycle = g_new (gboolean, MAX (snapshot->n_foreign_keys, 1));
  _tw_model_snapshot_sort (snapshot, order, in_cycle);

  /* The foreign keys of cycles are added with ALTER TABLE afterwards,
   * unless the dialect keeps them inline. */
  if (TW_DIALECT_GET_CLASS (self)->supports_alter_constraints)
    {
      for (guint f = 0; f < snapshot->n_foreign_keys && !deferred; f++)
        deferred = in_cycle[f];
    }

  seen_types = g_hash_table_new (g_str_hash, g_str_equal);
  statements = g_ptr_array_new_full (snapshot->n_tables * 3, (GDestroyNotify) tw_ddl_statement_free);
  compiler_init (&c, self, seen_types, statements);

  for (guint i = 0; i < snapshot->n_tables; i++)
    {
      const TwTableInfo *table = &snapshot->tables[order[i]];

      compile_table (&c, table,
                     deferred ? in_cycle + (table->foreign_keys - snapshot->foreign_keys) : NULL);
    }
  compiler_clear (&c);

  /* The foreign keys of cycles last, in table order then key order, so the
   * script does not depend on how the sort found the cycles. */
  if (deferred)
    {
      for (guint i = 0; i < snapshot->n_tables; i++)
        {
          const TwTableInfo *table = &snapshot->tables[order[i]];
          const gboolean    *omitted = in_cycle + (table->foreign_keys - snapshot->foreign_keys);

          for (guint f = 0; f < table->n_foreign_keys; f++)
            {
              if (omitted[f])
                g_ptr_array_add (statements,
                                 tw_dialect_compile_add_foreign_key (self, table->table,
                                                                     table->foreign_keys[f].foreign_key));
            }
        }
    }

  return g_steal_pointer (&statements);
}

/* The foreign keys create_all adds with ALTER TABLE, or NULL when there are
 * none or the dialect keeps them inline. */
static GHashTable *
dup_deferred_foreign_keys (TwDialect *self,
                           GPtrArray *cycle_fks)
{
  GHashTable *deferred;

  if (!TW_DIALECT_GET_CLASS (self)->supports_alter_constraints || cycle_fks == NULL ||
      cycle_fks->len == 0)
    return NULL;

  deferred = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < cycle_fks->len; i++)
    g_hash_table_add (deferred, g_ptr_array_index (cycle_fks, i));

  return deferred;
}

GPtrArray *
tw_dialect_compile_drop_all (TwDialect  *self,
                             TwMetadata *metadata,
                             GError    **error)
{
  TwDialectClass *klass;
  g_autoptr (TwModelSnapshot) snapshot = NULL;
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GPtrArray) cycle_fks = NULL;
  g_autoptr (GHashTable) deferred = NULL;
  g_autoptr (GHashTable) seen_types = NULL;
  g_autoptr (GPtrArray) statements = NULL;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  klass = TW_DIALECT_GET_CLASS (self);

  snapshot = _tw_model_snapshot_new (metadata);
  if (!validate (self, snapshot, error))
    return NULL;

  sorted = tw_metadata_sort_tables (metadata, &cycle_fks);
  deferred = dup_deferred_foreign_keys (self, cycle_fks);
  statements = g_ptr_array_new_full (sorted->len + 4, (GDestroyNotify) tw_ddl_statement_free);

  if (deferred != NULL)
    {
      for (guint i = 0; i < sorted->len; i++)
        {
          TwTable    *table = g_ptr_array_index (sorted, i);
          GListModel *fks = tw_table_get_foreign_keys (table);
          guint       n = g_list_model_get_n_items (fks);

          for (guint f = 0; f < n; f++)
            {
              g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
              g_autofree char *name = NULL;

              if (!g_hash_table_contains (deferred, fk))
                continue;

              name = tw_dialect_dup_foreign_key_name (self, table, fk);
              g_ptr_array_add (statements, klass->compile_drop_foreign_key (self, table, name));
            }
        }
    }

  for (guint i = sorted->len; i > 0; i--)
    {
      TwTable *table = g_ptr_array_index (sorted, i - 1);
      GString *sql = g_string_new ("DROP TABLE IF EXISTS ");

      append_identifier (klass, sql, tw_table_get_name (table));
      g_ptr_array_add (statements,
                       tw_ddl_statement_new_take (TW_DDL_KIND_DROP_TABLE, tw_table_get_name (table),
                                                  g_string_free (sql, FALSE)));
    }

  /* Types after every table that uses them, in the order create_all made them. */
  seen_types = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sorted->len; i++)
    {
      TwTable *table = g_ptr_array_index (sorted, i);
      guint    n_columns = tw_table_get_n_columns (table);

      for (guint c = 0; c < n_columns; c++)
        {
          TwColumn *column = tw_table_get_column (table, c);
          const char *type_name = klass->get_column_type_name (self, column);

          if (type_name != NULL && g_hash_table_add (seen_types, (gpointer) type_name))
            g_ptr_array_add (statements, klass->compile_drop_type (self, type_name));
        }
    }

  return g_steal_pointer (&statements);
}

/* How many columns and foreign keys tw_dialect_compile_create_table()
 * reads onto the stack. */
#define STACK_COLUMNS 32
#define STACK_FKS 8

GPtrArray *
tw_dialect_compile_create_table (TwDialect *self,
                                 TwTable   *table,
                                 GPtrArray *omit_foreign_keys,
                                 GError   **error)
{
  TwTableInfo       info;
  TwColumnInfo      stack_columns[STACK_COLUMNS];
  TwForeignKeyInfo  stack_fks[STACK_FKS];
  gboolean          stack_omit[STACK_FKS];
  g_autofree TwColumnInfo *heap_columns = NULL;
  g_autofree TwForeignKeyInfo *heap_fks = NULL;
  g_autofree gboolean *heap_omit = NULL;
  TwColumnInfo     *columns = stack_columns;
  TwForeignKeyInfo *fks = stack_fks;
  gboolean         *omit = NULL;
  GPtrArray        *statements;
  Compiler          c;

  g_return_val_if_fail (TW_IS_DIALECT (self), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _tw_table_info_count (&info, table);
  if (info.n_columns == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                   _("Table “%s” has no columns"), info.name);
      return NULL;
    }

  if (info.n_columns > STACK_COLUMNS)
    columns = heap_columns = g_new (TwColumnInfo, info.n_columns);
  if (info.n_foreign_keys > STACK_FKS)
    fks = heap_fks = g_new (TwForeignKeyInfo, info.n_foreign_keys);
  _tw_table_info_read (&info, columns, fks);

  if (omit_foreign_keys != NULL && omit_foreign_keys->len > 0)
    {
      omit = stack_omit;
      if (info.n_foreign_keys > STACK_FKS)
        omit = heap_omit = g_new (gboolean, info.n_foreign_keys);
      for (guint f = 0; f < info.n_foreign_keys; f++)
        omit[f] = g_ptr_array_find (omit_foreign_keys, fks[f].foreign_key, NULL);
    }

  statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_ddl_statement_free);
  compiler_init (&c, self, NULL, statements);
  compile_table (&c, &info, omit);
  compiler_clear (&c);
  return statements;
}
