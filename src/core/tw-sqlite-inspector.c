/* tw-sqlite-inspector.c: reflection of an SQLite database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-sqlite-inspector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-inspector-private.h"
#include "tw-sqlite-inspector.h"

/* SQLite keeps the CREATE TABLE text, and its pragmas give columns, foreign
 * keys and indexes but not the names of constraints nor CHECK expressions:
 * those come from parsing the CREATE TABLE text, which this file does for
 * the constraint clauses (table and column constraints) only. A CHECK whose
 * text the parser cannot take apart is reported as a warning. Comments do
 * not exist in SQLite.
 *
 * The pragmas are table-valued functions (pragma_table_info() and friends),
 * so one query reads a kind of thing for all tables at once, and table names
 * go into them as values, never into the SQL text. */

struct _TwSqliteInspector
{
  TwInspector parent_instance;
};

G_DEFINE_FINAL_TYPE (TwSqliteInspector, tw_sqlite_inspector, TW_TYPE_INSPECTOR)

/* The user tables of the schema: "m" rows of sqlite_master. The
 * "sqlite_..." tables are SQLite's own. For printf formats. */
#define USER_TABLES "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%%' ESCAPE '\\'"

/* Parsing of CREATE TABLE text. */

typedef enum
{
  TOKEN_WORD,        /* a bare word: keyword or name */
  TOKEN_QUOTED,      /* "name", `name` or [name] */
  TOKEN_STRING,      /* 'text' */
  TOKEN_OPEN,
  TOKEN_CLOSE,
  TOKEN_COMMA,
  TOKEN_OTHER,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  gsize      start;
  gsize      end;   /* one past the last byte */
} Token;

typedef struct
{
  char  *name;
  GStrv  columns;    /* UNIQUE, FOREIGN KEY: the local columns */
  char  *expression; /* CHECK */
} ParsedConstraint;

typedef struct
{
  char      *primary_key_name;
  GPtrArray *uniques;  /* ParsedConstraint */
  GPtrArray *foreign_keys;
  GPtrArray *checks;
  gboolean   without_rowid;
  gboolean   complete;  /* FALSE when the text was beyond the parser */
} ParsedTable;

static void
parsed_constraint_free (ParsedConstraint *constraint)
{
  g_free (constraint->name);
  g_strfreev (constraint->columns);
  g_free (constraint->expression);
  g_free (constraint);
}

static void
parsed_table_free (ParsedTable *parsed)
{
  g_free (parsed->primary_key_name);
  g_ptr_array_unref (parsed->uniques);
  g_ptr_array_unref (parsed->foreign_keys);
  g_ptr_array_unref (parsed->checks);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedTable, parsed_table_free)

/* Splits sql into tokens, leaving out blanks and comments; FALSE on an
 * unterminated quote or comment. */
static gboolean
tokenize (const char *sql,
          GArray     *tokens)
{
  const char *p = sql;

  while (*p != '\0')
    {
      Token token = { TOKEN_OTHER, p - sql, 0 };

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            return FALSE;
          p = end + 2;
          continue;
        }

      if (*p == '\'' || *p == '"' || *p == '`' || *p == '[')
        {
          char close = *p == '[' ? ']' : *p;

          token.kind = *p == '\'' ? TOKEN_STRING : TOKEN_QUOTED;
          for (p++; ; p++)
            {
              if (*p == '\0')
                return FALSE;
              if (*p == close)
                {
                  /* A doubled quote stands for itself; "]" ends a [name]. */
                  if (close != ']' && p[1] == close)
                    {
                      p++;
                      continue;
                    }
                  p++;
                  break;
                }
            }
        }
      else if (g_ascii_isalnum (*p) || *p == '_' || (guchar) *p >= 0x80 || *p == '$')
        {
          token.kind = TOKEN_WORD;
          while (g_ascii_isalnum (*p) || *p == '_' || (guchar) *p >= 0x80 || *p == '$')
            p++;
        }
      else
        {
          token.kind = *p == '(' ? TOKEN_OPEN : *p == ')' ? TOKEN_CLOSE :
                       *p == ',' ? TOKEN_COMMA : TOKEN_OTHER;
          p++;
        }

      token.end = p - sql;
      g_array_append_val (tokens, token);
    }

  return TRUE;
}

static gboolean
is_keyword (const char  *sql,
            const Token *token,
            const char  *keyword)
{
  gsize length = strlen (keyword);

  return token->kind == TOKEN_WORD && token->end - token->start == length &&
         g_ascii_strncasecmp (sql + token->start, keyword, length) == 0;
}

/* The name a word or quoted token stands for. */
static char *
token_name (const char  *sql,
            const Token *token)
{
  const char *text = sql + token->start;
  gsize length = token->end - token->start;
  GString *out;
  char quote;

  if (token->kind != TOKEN_QUOTED && token->kind != TOKEN_STRING)
    return g_strndup (text, length);

  if (text[0] == '[')
    return g_strndup (text + 1, length - 2);

  quote = text[0];
  out = g_string_sized_new (length);
  for (gsize i = 1; i + 1 < length; i++)
    {
      g_string_append_c (out, text[i]);
      if (text[i] == quote)
        i++;
    }
  return g_string_free (out, FALSE);
}

/* The index of the token closing the parenthesis at tokens[open], or 0. */
static guint
matching_close (GArray *tokens,
                guint   open)
{
  int depth = 0;

  for (guint i = open; i < tokens->len; i++)
    {
      TokenKind kind = g_array_index (tokens, Token, i).kind;

      if (kind == TOKEN_OPEN)
        depth++;
      else if (kind == TOKEN_CLOSE && --depth == 0)
        return i;
    }
  return 0;
}

/* The names of a parenthesized list "(a, b COLLATE x DESC)" at tokens[open]:
 * the first token of each element. */
static GStrv
name_list (const char *sql,
           GArray     *tokens,
           guint       open,
           guint       close)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  gboolean element_start = TRUE;

  for (guint i = open + 1; i < close; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_COMMA)
        {
          element_start = TRUE;
          continue;
        }
      if (element_start)
        {
          g_autofree char *name = token_name (sql, token);

          g_strv_builder_add (builder, name);
          element_start = FALSE;
        }
    }

  return g_strv_builder_end (builder);
}

static ParsedConstraint *
parsed_constraint_new (char  *name,
                       GStrv  columns,
                       char  *expression)
{
  ParsedConstraint *constraint = g_new0 (ParsedConstraint, 1);

  constraint->name = name;
  constraint->columns = columns;
  constraint->expression = expression;
  return constraint;
}

/* One element of the table's parenthesized definition, tokens[first] to
 * tokens[last] inclusive: a column definition or a table constraint. */
static void
parse_element (const char  *sql,
               GArray      *tokens,
               guint        first,
               guint        last,
               ParsedTable *parsed)
{
  g_autofree char *column = NULL;
  g_autofree char *pending_name = NULL;
  gboolean table_constraint;
  guint i = first;

  table_constraint = is_keyword (sql, &g_array_index (tokens, Token, first), "CONSTRAINT") ||
                     is_keyword (sql, &g_array_index (tokens, Token, first), "PRIMARY") ||
                     is_keyword (sql, &g_array_index (tokens, Token, first), "UNIQUE") ||
                     is_keyword (sql, &g_array_index (tokens, Token, first), "CHECK") ||
                     is_keyword (sql, &g_array_index (tokens, Token, first), "FOREIGN");
  if (!table_constraint)
    {
      column = token_name (sql, &g_array_index (tokens, Token, first));
      i = first + 1;
    }

  for (; i <= last; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      guint open;
      guint close;

      if (token->kind == TOKEN_OPEN)
        {
          /* A type's arguments or a default expression: skip it whole. */
          close = matching_close (tokens, i);
          if (close == 0)
            {
              parsed->complete = FALSE;
              return;
            }
          i = close;
          continue;
        }

      if (is_keyword (sql, token, "CONSTRAINT") && i < last)
        {
          g_free (pending_name);
          pending_name = token_name (sql, &g_array_index (tokens, Token, ++i));
          continue;
        }

      if (is_keyword (sql, token, "PRIMARY"))
        {
          g_free (parsed->primary_key_name);
          parsed->primary_key_name = g_steal_pointer (&pending_name);
          /* A table constraint's column list follows KEY; skip it. */
          continue;
        }

      if (is_keyword (sql, token, "UNIQUE") || is_keyword (sql, token, "FOREIGN") ||
          is_keyword (sql, token, "REFERENCES"))
        {
          GPtrArray *target = is_keyword (sql, token, "UNIQUE") ? parsed->uniques : parsed->foreign_keys;
          GStrv columns = NULL;

          if (column != NULL)
            {
              /* A column constraint: over that column alone. REFERENCES is
               * followed by the referred table and columns, skipped below. */
              const char *one[] = { column, NULL };

              columns = g_strdupv ((char **) one);
            }
          else
            {
              if (is_keyword (sql, token, "FOREIGN"))
                i++;  /* KEY */
              open = i + 1;
              if (open > last || g_array_index (tokens, Token, open).kind != TOKEN_OPEN ||
                  (close = matching_close (tokens, open)) == 0)
                {
                  parsed->complete = FALSE;
                  return;
                }
              columns = name_list (sql, tokens, open, close);
              i = close;
            }

          /* A table's FOREIGN KEY (...) REFERENCES is one constraint. */
          if (!(column == NULL && is_keyword (sql, token, "REFERENCES")))
            g_ptr_array_add (target, parsed_constraint_new (g_steal_pointer (&pending_name), columns, NULL));
          else
            g_strfreev (columns);

          if (column == NULL && is_keyword (sql, token, "FOREIGN"))
            {
              /* Skip REFERENCES and what follows, up to the element's end. */
              return;
            }
          continue;
        }

      if (is_keyword (sql, token, "CHECK"))
        {
          const Token *open_token;
          const Token *close_token;
          char *expression;

          open = i + 1;
          if (open > last || g_array_index (tokens, Token, open).kind != TOKEN_OPEN ||
              (close = matching_close (tokens, open)) == 0)
            {
              parsed->complete = FALSE;
              return;
            }
          open_token = &g_array_index (tokens, Token, open);
          close_token = &g_array_index (tokens, Token, close);
          expression = g_strndup (sql + open_token->end, close_token->start - open_token->end);
          g_ptr_array_add (parsed->checks,
                           parsed_constraint_new (g_steal_pointer (&pending_name), NULL,
                                                  g_strstrip (expression)));
          i = close;
          continue;
        }
    }
}

static ParsedTable *
parse_create_table (const char *sql)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  ParsedTable *parsed = g_new0 (ParsedTable, 1);
  guint open = 0;
  guint close;
  guint element_start;

  parsed->uniques = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_constraint_free);
  parsed->foreign_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_constraint_free);
  parsed->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_constraint_free);
  parsed->complete = TRUE;

  if (sql == NULL || !tokenize (sql, tokens))
    {
      parsed->complete = FALSE;
      return parsed;
    }

  while (open < tokens->len && g_array_index (tokens, Token, open).kind != TOKEN_OPEN)
    open++;
  if (open == tokens->len || (close = matching_close (tokens, open)) == 0)
    {
      /* CREATE TABLE ... AS SELECT: no constraints to find. */
      return parsed;
    }

  element_start = open + 1;
  for (guint i = open + 1; i <= close; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_OPEN)
        {
          i = matching_close (tokens, i);
          continue;
        }
      if (token->kind == TOKEN_COMMA || i == close)
        {
          if (i > element_start)
            parse_element (sql, tokens, element_start, i - 1, parsed);
          element_start = i + 1;
        }
    }

  for (guint i = close + 1; i < tokens->len; i++)
    {
      if (is_keyword (sql, &g_array_index (tokens, Token, i), "WITHOUT"))
        parsed->without_rowid = TRUE;
    }

  return parsed;
}

static const char *
find_constraint_name (GPtrArray          *constraints,
                      const char * const *columns)
{
  for (guint i = 0; i < constraints->len; i++)
    {
      ParsedConstraint *constraint = g_ptr_array_index (constraints, i);

      if (constraint->columns != NULL &&
          g_strv_equal ((const char * const *) constraint->columns, columns))
        return constraint->name;
    }
  return NULL;
}

/* Types: SQLite keeps the declared type as written. The names our DDL
 * writes map back exactly; others by SQLite's own affinity rules. */
static void
set_column_type (TwInspector *self,
                 TwColumn    *column,
                 const char  *table_name,
                 const char  *declared)
{
  g_autofree char *name = NULL;
  guint args[2] = { 0, 0 };
  guint n_args = 0;
  TwColumnType type;

  if (declared == NULL || !_tw_sql_parse_type (declared, &name, args, G_N_ELEMENTS (args), &n_args))
    {
      g_clear_pointer (&name, g_free);
      name = g_strdup ("");
    }

  if (g_str_equal (name, "integer") || g_str_equal (name, "int"))
    type = TW_COLUMN_TYPE_INTEGER;
  else if (g_str_equal (name, "bigint"))
    type = TW_COLUMN_TYPE_BIG_INTEGER;
  else if (g_str_equal (name, "smallint") || g_str_equal (name, "tinyint"))
    type = TW_COLUMN_TYPE_SMALL_INTEGER;
  else if (g_str_equal (name, "boolean") || g_str_equal (name, "bool"))
    type = TW_COLUMN_TYPE_BOOLEAN;
  else if (g_str_equal (name, "float") || g_str_equal (name, "real") ||
           g_str_equal (name, "double") || g_str_equal (name, "double precision"))
    type = TW_COLUMN_TYPE_FLOAT;
  else if (g_str_equal (name, "numeric") || g_str_equal (name, "decimal"))
    type = TW_COLUMN_TYPE_NUMERIC;
  else if (g_str_equal (name, "varchar") || g_str_equal (name, "nvarchar") ||
           g_str_equal (name, "character varying") || g_str_equal (name, "varying character") ||
           g_str_equal (name, "char") || g_str_equal (name, "character") ||
           g_str_equal (name, "nchar"))
    type = TW_COLUMN_TYPE_STRING;
  else if (g_str_equal (name, "text") || g_str_equal (name, "clob"))
    type = TW_COLUMN_TYPE_TEXT;
  else if (g_str_equal (name, "date"))
    type = TW_COLUMN_TYPE_DATE;
  else if (g_str_equal (name, "datetime") || g_str_equal (name, "timestamp"))
    type = TW_COLUMN_TYPE_DATE_TIME;
  else if (g_str_equal (name, "time"))
    type = TW_COLUMN_TYPE_TIME;
  else if (g_str_equal (name, "blob"))
    type = TW_COLUMN_TYPE_LARGE_BINARY;
  else if (g_str_equal (name, "json"))
    type = TW_COLUMN_TYPE_JSON;
  else if (g_str_equal (name, "uuid"))
    type = TW_COLUMN_TYPE_UUID;
  else
    {
      /* SQLite's affinity rules (section 3.1 of "Datatypes In SQLite"). */
      if (strstr (name, "int") != NULL)
        type = TW_COLUMN_TYPE_INTEGER;
      else if (strstr (name, "char") != NULL || strstr (name, "clob") != NULL ||
               strstr (name, "text") != NULL)
        type = n_args == 1 ? TW_COLUMN_TYPE_STRING : TW_COLUMN_TYPE_TEXT;
      else if (name[0] == '\0' || strstr (name, "blob") != NULL)
        type = TW_COLUMN_TYPE_LARGE_BINARY;
      else if (strstr (name, "real") != NULL || strstr (name, "floa") != NULL ||
               strstr (name, "doub") != NULL)
        type = TW_COLUMN_TYPE_FLOAT;
      else
        type = TW_COLUMN_TYPE_NUMERIC;

      _tw_inspector_add_warning (self, _("Column “%s.%s” has the type “%s”, reflected as %s"),
                                 table_name, tw_column_get_name (column),
                                 declared != NULL ? declared : "",
                                 tw_column_type_to_string (type));
    }

  tw_column_set_column_type (column, type);
  switch (type)
    {
    case TW_COLUMN_TYPE_STRING:
      if (n_args >= 1)
        tw_column_set_length (column, args[0]);
      break;

    case TW_COLUMN_TYPE_NUMERIC:
      if (n_args >= 1)
        tw_column_set_precision (column, args[0]);
      if (n_args >= 2)
        tw_column_set_scale (column, (int) MIN (args[1], G_MAXINT));
      break;

    case TW_COLUMN_TYPE_FLOAT:
      if (n_args >= 1)
        tw_column_set_precision (column, args[0]);
      break;

    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
    case TW_COLUMN_TYPE_BOOLEAN:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_DATE:
    case TW_COLUMN_TYPE_DATE_TIME:
    case TW_COLUMN_TYPE_TIME:
    case TW_COLUMN_TYPE_LARGE_BINARY:
    case TW_COLUMN_TYPE_ENUM:
    case TW_COLUMN_TYPE_JSON:
    case TW_COLUMN_TYPE_UUID:
    default:
      break;
    }
}

/* "sqlite_master", or "aux".sqlite_master for an attached database. */
static char *
dup_master_table (TwInspector *self)
{
  const char *schema = tw_inspector_get_schema (self);
  g_autofree char *quoted = NULL;

  if (schema == NULL)
    return g_strdup ("sqlite_master");

  quoted = tw_dialect_quote_identifier (_tw_inspector_get_dialect (self), schema);
  return g_strconcat (quoted, ".sqlite_master", NULL);
}

static const char *
schema_param (TwInspector *self)
{
  const char *schema = tw_inspector_get_schema (self);

  return schema != NULL ? schema : "main";
}

static char **
tw_sqlite_inspector_get_table_names (TwInspector   *self,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autofree char *master = dup_master_table (self);
  g_autofree char *sql = NULL;
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  sql = g_strdup_printf ("SELECT m.name FROM %s AS m WHERE " USER_TABLES " ORDER BY m.name", master);
  result = _tw_inspector_query (self, sql, NULL, 0, cancellable, error);
  if (result == NULL)
    return NULL;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, _tw_inspector_get_text (result, i, 0));

  return g_strv_builder_end (builder);
}

static gboolean
read_tables (TwInspector   *self,
             const char    *master,
             GPtrArray     *tables,
             GHashTable    *parsed,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (TwResult) result = NULL;
  guint n;

  sql = g_strdup_printf ("SELECT m.name, m.sql FROM %s AS m WHERE " USER_TABLES " ORDER BY m.name",
                         master);
  result = _tw_inspector_query (self, sql, NULL, 0, cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      const char *name = _tw_inspector_get_text (result, i, 0);
      ParsedTable *parsed_table = parse_create_table (_tw_inspector_get_text (result, i, 1));

      if (!parsed_table->complete)
        _tw_inspector_add_warning (self,
                                   _("The CREATE TABLE text of “%s” is beyond the parser: some of its "
                                     "constraint names or CHECK constraints may be missing"),
                                   name);

      g_ptr_array_add (tables, tw_table_new (name));
      g_hash_table_insert (parsed, g_strdup (name), parsed_table);
    }

  return TRUE;
}

static gboolean
read_columns (TwInspector   *self,
              const char    *master,
              GPtrArray     *tables,
              GHashTable    *by_name,
              GHashTable    *parsed,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autofree char *sql = NULL;
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GHashTable) key_counts = g_hash_table_new (NULL, NULL);
  guint n;

  sql = g_strdup_printf ("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk"
                         " FROM %s AS m JOIN pragma_table_info (m.name, ?) AS p"
                         " WHERE " USER_TABLES " ORDER BY m.name, p.cid", master);
  result = _tw_inspector_query (self, sql, params, G_N_ELEMENTS (params), cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_hash_table_lookup (by_name, _tw_inspector_get_text (result, i, 0));
      g_autoptr (TwColumn) column = NULL;
      gint64 key_position;

      if (table == NULL)
        continue;

      column = tw_column_new (_tw_inspector_get_text (result, i, 1), TW_COLUMN_TYPE_INTEGER);
      set_column_type (self, column, tw_table_get_name (table), _tw_inspector_get_text (result, i, 2));
      tw_column_set_nullable (column, !_tw_inspector_get_bool (result, i, 3));
      _tw_inspector_set_default (column, _tw_inspector_get_text (result, i, 4), FALSE);

      key_position = _tw_inspector_get_int (result, i, 5, 0);
      if (key_position > 0)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (key_counts, table));

          /* The model keeps the key in column order. */
          if (key_position != count + 1)
            _tw_inspector_add_warning (self,
                                       _("The primary key of “%s” lists its columns in another order "
                                         "than the table: the model keeps the table's order"),
                                       tw_table_get_name (table));
          g_hash_table_insert (key_counts, table, GUINT_TO_POINTER (count + 1));
          tw_column_set_primary_key (column, TRUE);
          tw_column_set_nullable (column, FALSE);
        }

      tw_table_add_column (table, column);
    }

  /* Only a column declared exactly INTEGER that is the whole primary key of
   * a rowid table is an alias of the rowid, which autoincrements. */
  for (guint t = 0; t < tables->len; t++)
    {
      TwTable *table = g_ptr_array_index (tables, t);
      ParsedTable *parsed_table = g_hash_table_lookup (parsed, tw_table_get_name (table));
      g_autoptr (GPtrArray) primary_key = tw_table_dup_primary_key (table);
      guint n_columns = tw_table_get_n_columns (table);

      for (guint c = 0; c < n_columns; c++)
        {
          TwColumn *column = tw_table_get_column (table, c);

          if (tw_column_type_is_integer (tw_column_get_column_type (column)))
            tw_column_set_autoincrement (column, TW_AUTOINCREMENT_NEVER);
        }

      if (primary_key->len == 1 && !parsed_table->without_rowid)
        {
          TwColumn *column = g_ptr_array_index (primary_key, 0);

          if (tw_column_get_column_type (column) == TW_COLUMN_TYPE_INTEGER)
            tw_column_set_autoincrement (column, TW_AUTOINCREMENT_ALWAYS);
        }

      tw_table_set_primary_key_name (table, parsed_table->primary_key_name);

      for (guint c = 0; c < parsed_table->checks->len; c++)
        {
          ParsedConstraint *check = g_ptr_array_index (parsed_table->checks, c);
          g_autoptr (TwCheckConstraint) constraint = tw_check_constraint_new (check->name,
                                                                              check->expression);

          tw_table_add_check_constraint (table, constraint);
        }
    }

  return TRUE;
}

static gboolean
read_foreign_keys (TwInspector   *self,
                   const char    *master,
                   GHashTable    *by_name,
                   GHashTable    *parsed,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const char *params[] = { schema_param (self) };
  g_autofree char *sql = NULL;
  g_autoptr (TwResult) result = NULL;
  guint n;
  guint i = 0;

  sql = g_strdup_printf ("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete"
                         " FROM %s AS m JOIN pragma_foreign_key_list (m.name, ?) AS f"
                         " WHERE " USER_TABLES " ORDER BY m.name, f.id, f.seq", master);
  result = _tw_inspector_query (self, sql, params, G_N_ELEMENTS (params), cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  while (i < n)
    {
      const char *table_name = _tw_inspector_get_text (result, i, 0);
      gint64 id = _tw_inspector_get_int (result, i, 1, -1);
      const char *referred = _tw_inspector_get_text (result, i, 2);
      TwTable *table = g_hash_table_lookup (by_name, table_name);
      TwTable *referred_table = g_hash_table_lookup (by_name, referred);
      g_autoptr (GStrvBuilder) local = g_strv_builder_new ();
      g_autoptr (GStrvBuilder) remote = g_strv_builder_new ();
      g_auto (GStrv) local_names = NULL;
      g_auto (GStrv) remote_names = NULL;
      g_autoptr (TwForeignKey) fk = NULL;
      ParsedTable *parsed_table;
      gboolean implicit = FALSE;
      TwFkAction action;
      guint first = i;

      for (; i < n && g_strcmp0 (_tw_inspector_get_text (result, i, 0), table_name) == 0 &&
             _tw_inspector_get_int (result, i, 1, -1) == id; i++)
        {
          const char *to = _tw_inspector_get_text (result, i, 4);

          g_strv_builder_add (local, _tw_inspector_get_text (result, i, 3));
          if (to != NULL)
            g_strv_builder_add (remote, to);
          else
            implicit = TRUE;
        }

      if (table == NULL)
        continue;

      local_names = g_strv_builder_end (local);
      if (implicit && referred_table != NULL)
        {
          /* REFERENCES t without columns: t's primary key. */
          g_autoptr (GPtrArray) key = tw_table_dup_primary_key (referred_table);
          g_autoptr (GStrvBuilder) key_names = g_strv_builder_new ();

          for (guint k = 0; k < key->len; k++)
            g_strv_builder_add (key_names, tw_column_get_name (g_ptr_array_index (key, k)));
          remote_names = g_strv_builder_end (key_names);
        }
      else
        remote_names = g_strv_builder_end (remote);

      parsed_table = g_hash_table_lookup (parsed, table_name);
      fk = tw_foreign_key_new (find_constraint_name (parsed_table->foreign_keys,
                                                     (const char * const *) local_names),
                               (const char * const *) local_names, referred,
                               (const char * const *) remote_names);
      if (tw_fk_action_from_string (_tw_inspector_get_text (result, first, 5), &action))
        tw_foreign_key_set_on_update (fk, action);
      if (tw_fk_action_from_string (_tw_inspector_get_text (result, first, 6), &action))
        tw_foreign_key_set_on_delete (fk, action);
      tw_table_add_foreign_key (table, fk);
    }

  return TRUE;
}

static gboolean
read_indexes (TwInspector   *self,
              const char    *master,
              GHashTable    *by_name,
              GHashTable    *parsed,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *params[] = { schema_param (self), schema_param (self) };
  g_autofree char *sql = NULL;
  g_autoptr (TwResult) result = NULL;
  guint n;
  guint i = 0;

  sql = g_strdup_printf ("SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, i.name"
                         " FROM %s AS m JOIN pragma_index_list (m.name, ?) AS l"
                         " JOIN pragma_index_info (l.name, ?) AS i"
                         " WHERE " USER_TABLES " ORDER BY m.name, l.name, i.seqno", master);
  result = _tw_inspector_query (self, sql, params, G_N_ELEMENTS (params), cancellable, error);
  if (result == NULL)
    return FALSE;

  n = tw_result_get_n_rows (result);
  while (i < n)
    {
      const char *table_name = _tw_inspector_get_text (result, i, 0);
      const char *index_name = _tw_inspector_get_text (result, i, 1);
      gboolean unique = _tw_inspector_get_bool (result, i, 2);
      const char *origin = _tw_inspector_get_text (result, i, 3);
      gboolean partial = _tw_inspector_get_bool (result, i, 4);
      TwTable *table = g_hash_table_lookup (by_name, table_name);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) columns = NULL;
      gboolean expression = FALSE;

      for (; i < n && g_strcmp0 (_tw_inspector_get_text (result, i, 0), table_name) == 0 &&
             g_strcmp0 (_tw_inspector_get_text (result, i, 1), index_name) == 0; i++)
        {
          const char *column = _tw_inspector_get_text (result, i, 5);

          if (column != NULL)
            g_strv_builder_add (builder, column);
          else
            expression = TRUE;
        }
      columns = g_strv_builder_end (builder);

      if (table == NULL || g_strcmp0 (origin, "pk") == 0)
        continue;

      if (expression || partial)
        {
          _tw_inspector_add_warning (self,
                                     _("Index “%s” of “%s” is on an expression or partial, which the "
                                       "model cannot hold: it was left out"),
                                     index_name, table_name);
          continue;
        }

      if (g_strcmp0 (origin, "u") == 0)
        {
          ParsedTable *parsed_table = g_hash_table_lookup (parsed, table_name);
          g_autoptr (TwUniqueConstraint) constraint = NULL;

          constraint = tw_unique_constraint_new (find_constraint_name (parsed_table->uniques,
                                                                       (const char * const *) columns),
                                                 (const char * const *) columns);
          tw_table_add_unique_constraint (table, constraint);
        }
      else
        {
          g_autoptr (TwIndex) index = tw_index_new (index_name, (const char * const *) columns, unique);

          tw_table_add_index (table, index);
        }
    }

  return TRUE;
}

static gboolean
tw_sqlite_inspector_reflect_tables (TwInspector   *self,
                                   GPtrArray     *tables,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autofree char *master = dup_master_table (self);
  g_autoptr (GHashTable) parsed = NULL;
  g_autoptr (GHashTable) by_name = NULL;

  parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) parsed_table_free);

  if (!read_tables (self, master, tables, parsed, cancellable, error))
    return FALSE;

  by_name = _tw_inspector_index_tables (tables);
  return read_columns (self, master, tables, by_name, parsed, cancellable, error) &&
         read_foreign_keys (self, master, by_name, parsed, cancellable, error) &&
         read_indexes (self, master, by_name, parsed, cancellable, error);
}

static void
tw_sqlite_inspector_class_init (TwSqliteInspectorClass *klass)
{
  TwInspectorClass *inspector_class = TW_INSPECTOR_CLASS (klass);

  inspector_class->reflect_tables = tw_sqlite_inspector_reflect_tables;
  inspector_class->get_table_names = tw_sqlite_inspector_get_table_names;
}

static void
tw_sqlite_inspector_init (TwSqliteInspector *self)
{
}
