/* tw-sqlalchemy-export.c: a metadata model as a SQLAlchemy 1.4 declarative Python module
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-sqlalchemy-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-dialect.h"
#include "tw-sqlalchemy-export.h"

/* Lines longer than this put each argument of a call on a line of its own. */
#define MAX_LINE 88

/* The names the module itself binds at its top level: a class or table
 * variable must not hide one of them. */
static const char * const module_names[] = {
  "BigInteger", "Boolean", "CHAR", "CheckConstraint", "Column", "Date", "DateTime",
  "Enum", "Float", "ForeignKey", "ForeignKeyConstraint", "Index", "Integer", "JSON",
  "LargeBinary", "Numeric", "PrimaryKeyConstraint", "SmallInteger", "String", "Table",
  "Text", "Time", "UniqueConstraint", "func", "text", "postgresql", "backref",
  "declarative_base", "relationship", "Base", "Uuid",
};

static const char * const python_keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
  "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
};

/* Attributes a declarative class has already: a column there would replace them. */
static const char * const class_attributes[] = {
  "metadata", "registry",
};

typedef struct
{
  TwMetadata *metadata;
  /* The SQLAlchemy names the module uses: the import list. */
  GHashTable *imports;
  gboolean    uses_uuid;
  gboolean    uses_backref;
  /* Top-level names taken so far. */
  GHashTable *module_used;
  /* TwTable * → class name, for tables declared as classes. */
  GHashTable *class_names;
  /* TwTable * → variable name, for tables declared with Table(). */
  GHashTable *table_vars;
  /* TwTable * → GHashTable of the attribute names its class uses. */
  GHashTable *attributes_used;
  /* TwColumn * → attribute name. */
  GHashTable *column_attrs;
  /* TwRelationship * → attribute name on its left and right class. */
  GHashTable *left_attrs;
  GHashTable *right_attrs;
  /* Foreign keys that form a cycle: use_alter=True. */
  GHashTable *cycle_fks;
  /* Comment lines for the header: what the module could not declare. */
  GPtrArray  *notes;
} Exporter;

static void
exporter_clear (Exporter *ex)
{
  g_clear_pointer (&ex->imports, g_hash_table_unref);
  g_clear_pointer (&ex->module_used, g_hash_table_unref);
  g_clear_pointer (&ex->class_names, g_hash_table_unref);
  g_clear_pointer (&ex->table_vars, g_hash_table_unref);
  g_clear_pointer (&ex->attributes_used, g_hash_table_unref);
  g_clear_pointer (&ex->column_attrs, g_hash_table_unref);
  g_clear_pointer (&ex->left_attrs, g_hash_table_unref);
  g_clear_pointer (&ex->right_attrs, g_hash_table_unref);
  g_clear_pointer (&ex->cycle_fks, g_hash_table_unref);
  g_clear_pointer (&ex->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Exporter, exporter_clear)

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *word)
{
  for (gsize i = 0; i < n; i++)
    {
      if (strcmp (list[i], word) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_keyword (const char *word)
{
  return in_list (python_keywords, G_N_ELEMENTS (python_keywords), word);
}

/* value as a Python string literal in double quotes: a backslash, a double
 * quote and control characters escaped, other text as it is (the module is
 * UTF-8); bytes that are not UTF-8 as \x escapes. */
static void
append_py_string (GString    *out,
                  const char *value)
{
  const char *end;
  gboolean    valid;

  if (value == NULL)
    value = "";
  valid = g_utf8_validate (value, -1, &end);

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\r':
          g_string_append (out, "\\r");
          break;

        case '\t':
          g_string_append (out, "\\t");
          break;

        default:
          if (c < 0x20 || c == 0x7f || (!valid && c >= 0x80 && p >= end))
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static char *
py_string (const char *value)
{
  GString *out = g_string_new (NULL);

  append_py_string (out, value);
  return g_string_free (out, FALSE);
}

/* "users" → "user", "categories" → "category": the rule the model uses for
 * default attribute names (tw-metadata.c), so that the classes are named
 * as the user expects. */
static char *
singular (const char *name)
{
  gsize len = strlen (name);

  if (len > 3 && g_str_has_suffix (name, "ies"))
    return g_strdup_printf ("%.*sy", (int) (len - 3), name);
  if (len > 4 && (g_str_has_suffix (name, "sses") || g_str_has_suffix (name, "xes") ||
                  g_str_has_suffix (name, "ches") || g_str_has_suffix (name, "shes")))
    return g_strndup (name, len - 2);
  if (len > 1 && name[len - 1] == 's' && name[len - 2] != 's' && name[len - 2] != 'u')
    return g_strndup (name, len - 1);
  return g_strdup (name);
}

/* name with every character that cannot be in an ASCII Python identifier
 * replaced by '_', and a '_' in front of a leading digit. */
static char *
make_identifier (const char *name)
{
  GString    *out = g_string_new (NULL);
  const char *p = name;

  while (*p != '\0')
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        {
          g_string_append_c (out, *p);
          p++;
          continue;
        }

      g_string_append_c (out, '_');
      /* One '_' per character; a stray byte that is not UTF-8 counts as one. */
      if ((guchar) *p >= 0x80 && g_utf8_get_char_validated (p, -1) < 0x80000000u)
        p = g_utf8_next_char (p);
      else
        p++;
    }

  if (out->len > 0 && g_ascii_isdigit (out->str[0]))
    g_string_prepend_c (out, '_');

  return g_string_free (out, FALSE);
}

/* "order_lines" → "OrderLine": the singular, in CamelCase. */
static char *
make_class_name (const char *table_name)
{
  g_autofree char *single = singular (table_name);
  GString         *out = g_string_new (NULL);
  gboolean         word_start = TRUE;

  for (const char *p = single; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          word_start = TRUE;
          continue;
        }
      g_string_append_c (out, word_start ? g_ascii_toupper (*p) : *p);
      word_start = FALSE;
    }

  if (out->len == 0)
    g_string_append (out, "Model");
  else if (g_ascii_isdigit (out->str[0]))
    g_string_prepend (out, "Table");

  return g_string_free (out, FALSE);
}

static gboolean
is_taken (GHashTable  *used,
          GHashTable  *also_used,
          gboolean   (*reserved) (const char *name),
          const char  *name)
{
  return g_hash_table_contains (used, name) ||
         (also_used != NULL && g_hash_table_contains (also_used, name)) ||
         reserved (name);
}

/* base, or base with a suffix or a number, that is neither in used nor in
 * also_used (when not NULL) nor forbidden by reserved(); the name is added
 * to used. The returned string belongs to used. */
static const char *
claim_name (GHashTable  *used,
            GHashTable  *also_used,
            const char  *base,
            gboolean   (*reserved) (const char *name),
            const char  *reserved_suffix)
{
  g_autofree char *candidate = NULL;

  /* "from" → "from_"; a second "name" → "name_2". */
  if (reserved (base) || (also_used != NULL && g_hash_table_contains (also_used, base)))
    candidate = g_strconcat (base, reserved_suffix, NULL);
  else
    candidate = g_strdup (base);

  for (guint i = 2; is_taken (used, also_used, reserved, candidate); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, i);
    }

  g_hash_table_add (used, candidate);
  return g_steal_pointer (&candidate);
}

static gboolean
module_name_reserved (const char *name)
{
  return is_keyword (name) || in_list (module_names, G_N_ELEMENTS (module_names), name);
}

/* A class body that assigns one of the module's names would hide it from
 * the lines after it ("String = Column(String(20))"), so those are taken
 * too. */
static gboolean
attribute_reserved (const char *name)
{
  return module_name_reserved (name) ||
         in_list (class_attributes, G_N_ELEMENTS (class_attributes), name) ||
         /* Python mangles "__x" inside a class body; "_sa_" is SQLAlchemy's. */
         g_str_has_prefix (name, "__") || g_str_has_prefix (name, "_sa_");
}

static void
use_import (Exporter   *ex,
            const char *name)
{
  g_hash_table_add (ex->imports, (gpointer) name);
}

static gboolean
table_has_primary_key (TwTable *table)
{
  g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);

  return pk->len > 0;
}

static GHashTable *
attributes_of (Exporter *ex,
               TwTable  *table)
{
  GHashTable *used = g_hash_table_lookup (ex->attributes_used, table);

  if (used == NULL)
    {
      used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (ex->attributes_used, table, used);
    }
  return used;
}

static const char *
claim_attribute (Exporter   *ex,
                 TwTable    *table,
                 const char *wanted)
{
  g_autofree char *base = make_identifier (wanted != NULL ? wanted : "");

  if (base[0] == '\0')
    {
      g_free (base);
      base = g_strdup ("attribute");
    }
  else if (g_str_has_prefix (base, "__") || g_str_has_prefix (base, "_sa_"))
    {
      /* No suffix helps these: the start is what is forbidden. */
      g_autofree char *old = g_steal_pointer (&base);

      base = g_strconcat ("attr", old, NULL);
    }
  /* Table variables (secondary=) and class names are read in class bodies
   * as well. */
  return claim_name (attributes_of (ex, table), ex->module_used, base, attribute_reserved, "_");
}

/* Decides every name of the module: classes, table variables, column and
 * relationship attributes. */
static void
name_everything (Exporter *ex)
{
  GListModel *tables = tw_metadata_get_tables (ex->metadata);
  GListModel *relationships = tw_metadata_get_relationships (ex->metadata);
  guint       n_tables = g_list_model_get_n_items (tables);
  guint       n_relationships = g_list_model_get_n_items (relationships);
  g_autoptr (GHashTable) secondaries = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_relationships; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (relationships, i);

      if (tw_relationship_get_kind (rel) == TW_RELATIONSHIP_KIND_MANY_TO_MANY &&
          tw_relationship_get_secondary (rel) != NULL)
        g_hash_table_add (secondaries, (gpointer) tw_relationship_get_secondary (rel));
    }

  /* Tables first, in model order, so that names do not depend on the
   * relationships. */
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);
      const char *name = tw_table_get_name (table);

      if (g_hash_table_contains (secondaries, name) || !table_has_primary_key (table))
        {
          g_autofree char *base = make_identifier (name);

          if (base[0] == '\0' || base[0] == '_')
            {
              g_autofree char *old = g_steal_pointer (&base);

              base = g_strconcat ("table", old, NULL);
            }
          g_hash_table_insert (ex->table_vars, table,
                               (gpointer) claim_name (ex->module_used, NULL, base,
                                                      module_name_reserved, "_table"));
        }
      else
        {
          g_autofree char *base = make_class_name (name);

          g_hash_table_insert (ex->class_names, table,
                               (gpointer) claim_name (ex->module_used, NULL, base,
                                                      module_name_reserved, "Model"));
        }
    }

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);
      guint n_columns = tw_table_get_n_columns (table);

      if (!g_hash_table_contains (ex->class_names, table))
        continue;

      for (guint c = 0; c < n_columns; c++)
        {
          TwColumn *column = tw_table_get_column (table, c);

          g_hash_table_insert (ex->column_attrs, column,
                               (gpointer) claim_attribute (ex, table, tw_column_get_name (column)));
        }
    }

  for (guint i = 0; i < n_relationships; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (relationships, i);
      TwTable *left = tw_metadata_find_table (ex->metadata, tw_relationship_get_left_table (rel));
      TwTable *right = tw_metadata_find_table (ex->metadata, tw_relationship_get_right_table (rel));
      const char *left_attr;
      const char *right_attr;

      if (left == NULL || right == NULL)
        continue;
      if (!g_hash_table_contains (ex->class_names, left) ||
          !g_hash_table_contains (ex->class_names, right))
        {
          /* Only mapped classes have relationships: say why one is missing. */
          TwTable *plain = g_hash_table_contains (ex->class_names, left) ? right : left;

          g_ptr_array_add (ex->notes,
                           g_strdup_printf ("Left out: the relationship %s.%s / %s.%s, because "
                                            "table %s has no primary key, so no class.",
                                            tw_table_get_name (left),
                                            tw_relationship_get_left_attribute (rel),
                                            tw_table_get_name (right),
                                            tw_relationship_get_right_attribute (rel),
                                            tw_table_get_name (plain)));
          continue;
        }

      left_attr = claim_attribute (ex, left, tw_relationship_get_left_attribute (rel));
      right_attr = claim_attribute (ex, right, tw_relationship_get_right_attribute (rel));
      g_hash_table_insert (ex->left_attrs, rel, (gpointer) left_attr);
      g_hash_table_insert (ex->right_attrs, rel, (gpointer) right_attr);
    }
}

/* Appends "callee(args)" to out after indent and head; when that line would
 * be too long, one argument per line. trailer follows the closing
 * parenthesis. */
static void
append_call (GString    *out,
             guint       indent,
             const char *head,
             const char *callee,
             GPtrArray  *args,
             const char *trailer)
{
  gsize length = indent + strlen (head) + strlen (callee) + 2 + strlen (trailer);

  for (guint i = 0; i < args->len; i++)
    length += strlen (g_ptr_array_index (args, i)) + (i > 0 ? 2 : 0);

  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, head);
  g_string_append (out, callee);
  g_string_append_c (out, '(');

  if (length <= MAX_LINE)
    {
      for (guint i = 0; i < args->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, g_ptr_array_index (args, i));
        }
    }
  else
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < args->len; i++)
        {
          for (guint s = 0; s < indent + 4; s++)
            g_string_append_c (out, ' ');
          g_string_append (out, g_ptr_array_index (args, i));
          g_string_append (out, ",\n");
        }
      for (guint i = 0; i < indent; i++)
        g_string_append_c (out, ' ');
    }

  g_string_append_c (out, ')');
  g_string_append (out, trailer);
  g_string_append_c (out, '\n');
}

/* ["a", "b"] */
static char *
py_string_list (const char * const *names)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_py_string (out, names[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* The column's type as a SQLAlchemy type expression. */
static char *
dup_type (Exporter *ex,
          TwTable  *table,
          TwColumn *column)
{
  TwColumnType type = tw_column_get_column_type (column);
  guint        length = tw_column_get_length (column);
  guint        precision = tw_column_get_precision (column);
  int          scale = tw_column_get_scale (column);
  gboolean     with_timezone = tw_column_get_timezone (column);

  switch (type)
    {
    case TW_COLUMN_TYPE_INTEGER:
      use_import (ex, "Integer");
      return g_strdup ("Integer");

    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      {
        const char *name = type == TW_COLUMN_TYPE_BIG_INTEGER ? "BigInteger" : "SmallInteger";

        use_import (ex, name);
        /* Only INTEGER PRIMARY KEY autoincrements on SQLite, so Tablewright
         * declares the autoincrement key INTEGER there: SQLAlchemy's
         * documented variant does the same. */
        if (tw_table_get_autoincrement_column (table) == column)
          {
            use_import (ex, "Integer");
            return g_strdup_printf ("%s().with_variant(Integer(), \"sqlite\")", name);
          }
        return g_strdup (name);
      }

    case TW_COLUMN_TYPE_BOOLEAN:
      use_import (ex, "Boolean");
      return g_strdup ("Boolean");

    case TW_COLUMN_TYPE_FLOAT:
      use_import (ex, "Float");
      if (precision > 0)
        return g_strdup_printf ("Float(%u)", precision);
      return g_strdup ("Float");

    case TW_COLUMN_TYPE_NUMERIC:
      use_import (ex, "Numeric");
      if (precision > 0 && scale >= 0)
        return g_strdup_printf ("Numeric(%u, %d)", precision, scale);
      if (precision > 0)
        return g_strdup_printf ("Numeric(%u)", precision);
      if (scale >= 0)
        return g_strdup_printf ("Numeric(scale=%d)", scale);
      return g_strdup ("Numeric");

    case TW_COLUMN_TYPE_STRING:
      use_import (ex, "String");
      if (length > 0)
        return g_strdup_printf ("String(%u)", length);
      return g_strdup ("String");

    case TW_COLUMN_TYPE_TEXT:
      use_import (ex, "Text");
      return g_strdup ("Text");

    case TW_COLUMN_TYPE_DATE:
      use_import (ex, "Date");
      return g_strdup ("Date");

    case TW_COLUMN_TYPE_DATE_TIME:
      use_import (ex, "DateTime");
      return g_strdup (with_timezone ? "DateTime(timezone=True)" : "DateTime");

    case TW_COLUMN_TYPE_TIME:
      use_import (ex, "Time");
      return g_strdup (with_timezone ? "Time(timezone=True)" : "Time");

    case TW_COLUMN_TYPE_LARGE_BINARY:
      use_import (ex, "LargeBinary");
      if (length > 0)
        return g_strdup_printf ("LargeBinary(%u)", length);
      return g_strdup ("LargeBinary");

    case TW_COLUMN_TYPE_ENUM:
      {
        const char * const *values = tw_column_get_enum_values (column);
        const char         *enum_name = tw_column_get_enum_name (column);
        GString            *out = g_string_new ("Enum(");

        use_import (ex, "Enum");
        for (guint i = 0; values != NULL && values[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            append_py_string (out, values[i]);
          }
        if (enum_name != NULL && enum_name[0] != '\0')
          {
            if (values != NULL && values[0] != NULL)
              g_string_append (out, ", ");
            g_string_append (out, "name=");
            append_py_string (out, enum_name);
          }
        g_string_append_c (out, ')');
        return g_string_free (out, FALSE);
      }

    case TW_COLUMN_TYPE_JSON:
      use_import (ex, "JSON");
      return g_strdup ("JSON");

    case TW_COLUMN_TYPE_UUID:
      /* SQLAlchemy 1.4 has no generic Uuid: the module defines one that
       * declares what Tablewright's DDL declares. */
      ex->uses_uuid = TRUE;
      use_import (ex, "CHAR");
      return g_strdup ("Uuid()");

    default:
      g_assert_not_reached ();
    }
}

/* An expression a DEFAULT clause takes without parentheses in every
 * dialect: a number, one string literal, NULL, TRUE, FALSE or CURRENT_*.
 * SQLAlchemy puts text() defaults in no parentheses, so the others get
 * them here, as Tablewright's DDL gives them on SQLite and MySQL. */
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

static gboolean
is_identifier (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }
  return !is_keyword (name);
}

/* "server_default=..." for the column, or NULL. */
static char *
dup_server_default (Exporter *ex,
                    TwColumn *column)
{
  const char      *value = tw_column_get_default_value (column);
  g_autofree char *literal = NULL;

  switch (tw_column_get_default_kind (column))
    {
    case TW_DEFAULT_KIND_NONE:
      return NULL;

    case TW_DEFAULT_KIND_LITERAL:
      literal = py_string (value != NULL ? value : "");
      return g_strconcat ("server_default=", literal, NULL);

    case TW_DEFAULT_KIND_EXPRESSION:
      if (value == NULL || value[0] == '\0')
        return NULL;
      use_import (ex, "text");
      if (is_plain_default (value))
        literal = py_string (value);
      else
        {
          g_autofree char *wrapped = g_strdup_printf ("(%s)", value);

          literal = py_string (wrapped);
        }
      return g_strdup_printf ("server_default=text(%s)", literal);

    case TW_DEFAULT_KIND_FUNCTION:
      if (value == NULL || value[0] == '\0')
        return NULL;
      if (is_identifier (value))
        {
          g_autofree char *lower = g_ascii_strdown (value, -1);

          use_import (ex, "func");
          return g_strdup_printf ("server_default=func.%s()", lower);
        }
      else
        {
          g_autofree char *call = g_strdup_printf ("(%s())", value);

          use_import (ex, "text");
          literal = py_string (call);
          return g_strdup_printf ("server_default=text(%s)", literal);
        }

    default:
      g_assert_not_reached ();
    }
}

static void
append_fk_options (Exporter     *ex,
                   GPtrArray    *args,
                   TwTable      *table,
                   TwForeignKey *fk)
{
  const char *name = tw_foreign_key_get_name (fk);
  TwFkAction  action;

  if (g_hash_table_contains (ex->cycle_fks, fk))
    {
      /* ALTER TABLE needs a name: the one Tablewright's DDL gives it (the
       * PostgreSQL form, the shortest any dialect allows). */
      TwDialect       *postgresql = tw_dialect_get (TW_DIALECT_KIND_POSTGRESQL);
      g_autofree char *fk_name = tw_dialect_dup_foreign_key_name (postgresql, table, fk);
      g_autofree char *literal = py_string (fk_name);

      g_ptr_array_add (args, g_strconcat ("name=", literal, NULL));
      g_ptr_array_add (args, g_strdup ("use_alter=True"));
    }
  else if (name != NULL && name[0] != '\0')
    {
      g_autofree char *literal = py_string (name);

      g_ptr_array_add (args, g_strconcat ("name=", literal, NULL));
    }

  action = tw_foreign_key_get_on_delete (fk);
  if (action != TW_FK_ACTION_NO_ACTION)
    g_ptr_array_add (args, g_strdup_printf ("ondelete=\"%s\"", tw_fk_action_to_sql (action)));
  action = tw_foreign_key_get_on_update (fk);
  if (action != TW_FK_ACTION_NO_ACTION)
    g_ptr_array_add (args, g_strdup_printf ("onupdate=\"%s\"", tw_fk_action_to_sql (action)));
}

static char *
join_args (GPtrArray *args)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < args->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (args, i));
    }
  return g_string_free (out, FALSE);
}

/* "table.column" for ForeignKey(). */
static char *
dup_fk_target (const char *table,
               const char *column)
{
  g_autofree char *target = g_strdup_printf ("%s.%s", table, column);

  return py_string (target);
}

static gboolean
is_single_column_fk (TwTable      *table,
                     TwForeignKey *fk)
{
  const char * const *columns = tw_foreign_key_get_columns (fk);

  return tw_foreign_key_get_n_columns (fk) == 1 && tw_table_find_column (table, columns[0]) != NULL;
}

/* The arguments of Column() for column: with its name first when
 * with_name. */
static GPtrArray *
dup_column_args (Exporter *ex,
                 TwTable  *table,
                 TwColumn *column,
                 gboolean  with_name,
                 guint     n_primary_key)
{
  GPtrArray       *args = g_ptr_array_new_with_free_func (g_free);
  const char      *name = tw_column_get_name (column);
  const char      *comment = tw_column_get_comment (column);
  GListModel      *fks = tw_table_get_foreign_keys (table);
  guint            n_fks = g_list_model_get_n_items (fks);
  TwColumnType     type = tw_column_get_column_type (column);
  char            *server_default;

  use_import (ex, "Column");

  if (with_name)
    g_ptr_array_add (args, py_string (name));
  g_ptr_array_add (args, dup_type (ex, table, column));

  for (guint i = 0; i < n_fks; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);
      g_autoptr (GPtrArray) fk_args = NULL;
      g_autofree char *joined = NULL;

      if (!is_single_column_fk (table, fk) ||
          strcmp (tw_foreign_key_get_columns (fk)[0], name) != 0)
        continue;

      use_import (ex, "ForeignKey");
      fk_args = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (fk_args, dup_fk_target (tw_foreign_key_get_referred_table (fk),
                                               tw_foreign_key_get_referred_columns (fk)[0]));
      append_fk_options (ex, fk_args, table, fk);
      joined = join_args (fk_args);
      g_ptr_array_add (args, g_strdup_printf ("ForeignKey(%s)", joined));
    }

  if (tw_column_get_primary_key (column))
    g_ptr_array_add (args, g_strdup ("primary_key=True"));
  else if (!tw_column_get_nullable (column))
    g_ptr_array_add (args, g_strdup ("nullable=False"));

  /* SQLAlchemy's "auto" decides as Tablewright does for integer keys, but
   * would also make a lone Numeric key autoincrement (SERIAL on
   * PostgreSQL), which Tablewright never does. */
  if (tw_column_get_primary_key (column) && n_primary_key == 1)
    {
      if (tw_column_type_is_integer (type))
        {
          if (tw_column_get_autoincrement (column) == TW_AUTOINCREMENT_ALWAYS)
            g_ptr_array_add (args, g_strdup ("autoincrement=True"));
          else if (tw_column_get_autoincrement (column) == TW_AUTOINCREMENT_NEVER)
            g_ptr_array_add (args, g_strdup ("autoincrement=False"));
        }
      else if (type == TW_COLUMN_TYPE_NUMERIC || type == TW_COLUMN_TYPE_FLOAT)
        g_ptr_array_add (args, g_strdup ("autoincrement=False"));
    }

  if (tw_column_get_unique (column))
    g_ptr_array_add (args, g_strdup ("unique=True"));
  if (tw_column_get_index (column))
    g_ptr_array_add (args, g_strdup ("index=True"));

  server_default = dup_server_default (ex, column);
  if (server_default != NULL)
    g_ptr_array_add (args, server_default);

  if (comment != NULL && comment[0] != '\0')
    {
      g_autofree char *literal = py_string (comment);

      g_ptr_array_add (args, g_strconcat ("comment=", literal, NULL));
    }

  return args;
}

/* The table-level items: composite foreign keys, a named primary key,
 * unique and check constraints, indexes, in that order, as Python
 * expressions. */
static GPtrArray *
dup_table_items (Exporter *ex,
                 TwTable  *table)
{
  GPtrArray  *items = g_ptr_array_new_with_free_func (g_free);
  GListModel *list;
  guint       n;
  const char *pk_name = tw_table_get_primary_key_name (table);

  list = tw_table_get_foreign_keys (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (list, i);
      g_autoptr (GPtrArray) args = NULL;
      const char * const *referred = tw_foreign_key_get_referred_columns (fk);
      GString *targets;
      g_autofree char *joined = NULL;

      if (is_single_column_fk (table, fk))
        continue;

      use_import (ex, "ForeignKeyConstraint");
      args = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (args, py_string_list (tw_foreign_key_get_columns (fk)));
      targets = g_string_new ("[");
      for (guint c = 0; referred != NULL && referred[c] != NULL; c++)
        {
          g_autofree char *target = dup_fk_target (tw_foreign_key_get_referred_table (fk), referred[c]);

          if (c > 0)
            g_string_append (targets, ", ");
          g_string_append (targets, target);
        }
      g_string_append_c (targets, ']');
      g_ptr_array_add (args, g_string_free (targets, FALSE));
      append_fk_options (ex, args, table, fk);
      joined = join_args (args);
      g_ptr_array_add (items, g_strdup_printf ("ForeignKeyConstraint(%s)", joined));
    }

  if (pk_name != NULL && pk_name[0] != '\0')
    {
      g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);
      GString *item = g_string_new ("PrimaryKeyConstraint(");

      use_import (ex, "PrimaryKeyConstraint");
      for (guint i = 0; i < pk->len; i++)
        {
          append_py_string (item, tw_column_get_name (g_ptr_array_index (pk, i)));
          g_string_append (item, ", ");
        }
      g_string_append (item, "name=");
      append_py_string (item, pk_name);
      g_string_append_c (item, ')');
      g_ptr_array_add (items, g_string_free (item, FALSE));
    }

  list = tw_table_get_unique_constraints (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwUniqueConstraint) unique = g_list_model_get_item (list, i);
      const char * const *columns = tw_unique_constraint_get_columns (unique);
      const char *name = tw_unique_constraint_get_name (unique);
      GString *item = g_string_new ("UniqueConstraint(");

      use_import (ex, "UniqueConstraint");
      for (guint c = 0; columns != NULL && columns[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append (item, ", ");
          append_py_string (item, columns[c]);
        }
      if (name != NULL && name[0] != '\0')
        {
          g_string_append (item, ", name=");
          append_py_string (item, name);
        }
      g_string_append_c (item, ')');
      g_ptr_array_add (items, g_string_free (item, FALSE));
    }

  list = tw_table_get_check_constraints (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwCheckConstraint) check = g_list_model_get_item (list, i);
      const char *name = tw_check_constraint_get_name (check);
      GString *item = g_string_new ("CheckConstraint(");

      use_import (ex, "CheckConstraint");
      append_py_string (item, tw_check_constraint_get_expression (check));
      if (name != NULL && name[0] != '\0')
        {
          g_string_append (item, ", name=");
          append_py_string (item, name);
        }
      g_string_append_c (item, ')');
      g_ptr_array_add (items, g_string_free (item, FALSE));
    }

  list = tw_table_get_indexes (table);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwIndex) index = g_list_model_get_item (list, i);
      const char * const *columns = tw_index_get_columns (index);
      GString *item = g_string_new ("Index(");

      use_import (ex, "Index");
      append_py_string (item, tw_index_get_name (index));
      for (guint c = 0; columns != NULL && columns[c] != NULL; c++)
        {
          g_string_append (item, ", ");
          append_py_string (item, columns[c]);
        }
      if (tw_index_get_unique (index))
        g_string_append (item, ", unique=True");
      g_string_append_c (item, ')');
      g_ptr_array_add (items, g_string_free (item, FALSE));
    }

  return items;
}

static void
append_table_object (Exporter *ex,
                     GString  *out,
                     TwTable  *table)
{
  const char *var = g_hash_table_lookup (ex->table_vars, table);
  const char *comment = tw_table_get_comment (table);
  guint       n_columns = tw_table_get_n_columns (table);
  g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *head = g_strconcat (var, " = ", NULL);

  use_import (ex, "Table");
  g_ptr_array_add (args, py_string (tw_table_get_name (table)));
  g_ptr_array_add (args, g_strdup ("Base.metadata"));

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr (GPtrArray) column_args = dup_column_args (ex, table, tw_table_get_column (table, i),
                                                           TRUE, pk->len);
      g_autofree char *joined = join_args (column_args);

      g_ptr_array_add (args, g_strdup_printf ("Column(%s)", joined));
    }

  items = dup_table_items (ex, table);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (args, g_strdup (g_ptr_array_index (items, i)));

  if (comment != NULL && comment[0] != '\0')
    {
      g_autofree char *literal = py_string (comment);

      g_ptr_array_add (args, g_strconcat ("comment=", literal, NULL));
    }

  /* A Table reads best with one item per line, as in SQLAlchemy's documentation. */
  g_string_append (out, head);
  g_string_append (out, "Table(\n");
  for (guint i = 0; i < args->len; i++)
    g_string_append_printf (out, "    %s,\n", (const char *) g_ptr_array_index (args, i));
  g_string_append (out, ")\n");
}

/* The foreign key of child that a one-to-many relationship follows: the
 * one over the relationship's columns, else the only one to parent. Also
 * says whether child has more than one foreign key to parent. */
static TwForeignKey *
find_relationship_fk (TwRelationship *rel,
                      TwTable        *parent,
                      TwTable        *child,
                      gboolean       *ambiguous)
{
  const char * const *columns = tw_relationship_get_foreign_key_columns (rel);
  GListModel         *fks = tw_table_get_foreign_keys (child);
  guint               n = g_list_model_get_n_items (fks);
  TwForeignKey       *found = NULL;
  TwForeignKey       *only = NULL;
  guint               n_to_parent = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);
      const char * const *fk_columns = tw_foreign_key_get_columns (fk);

      if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), tw_table_get_name (parent)) != 0)
        continue;

      n_to_parent++;
      only = fk;
      if (columns != NULL && columns[0] != NULL && fk_columns != NULL &&
          g_strv_equal (columns, fk_columns))
        found = fk;
    }

  *ambiguous = n_to_parent > 1;
  return found != NULL ? found : (n_to_parent == 1 ? only : NULL);
}

/* "[Child.a, Child.b]" (prefix "Child.") or "[a, b]" (prefix ""): the
 * attributes of the named columns of table. */
static char *
dup_attribute_list (Exporter           *ex,
                    TwTable            *table,
                    const char * const *columns,
                    const char         *prefix)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      TwColumn   *column = tw_table_find_column (table, columns[i]);
      const char *attr = column != NULL ? g_hash_table_lookup (ex->column_attrs, column) : NULL;

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, prefix);
      g_string_append (out, attr != NULL ? attr : columns[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* primaryjoin= and secondaryjoin= of a self-referential many-to-many
 * relationship: the first foreign key of the association table leads to
 * the left side, the second to the right. */
static void
append_self_m2m_joins (Exporter       *ex,
                       GPtrArray      *args,
                       TwTable        *table,
                       TwTable        *secondary,
                       gboolean        swap)
{
  const char *class_name = g_hash_table_lookup (ex->class_names, table);
  const char *var = g_hash_table_lookup (ex->table_vars, secondary);
  GListModel *fks = tw_table_get_foreign_keys (secondary);
  guint       n = g_list_model_get_n_items (fks);
  char       *joins[2] = { NULL, NULL };
  guint       found = 0;

  for (guint i = 0; i < n && found < 2; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);
      const char * const *local = tw_foreign_key_get_columns (fk);
      const char * const *remote = tw_foreign_key_get_referred_columns (fk);
      guint n_columns = tw_foreign_key_get_n_columns (fk);
      GString *join;

      if (g_strcmp0 (tw_foreign_key_get_referred_table (fk), tw_table_get_name (table)) != 0)
        continue;

      join = g_string_new (n_columns > 1 ? "and_(" : "");
      for (guint c = 0; c < n_columns; c++)
        {
          TwColumn   *column = tw_table_find_column (table, remote[c]);
          const char *attr = column != NULL ? g_hash_table_lookup (ex->column_attrs, column) : remote[c];

          if (c > 0)
            g_string_append (join, ", ");
          g_string_append_printf (join, "%s.%s == %s.c", class_name, attr, var);
          if (is_identifier (local[c]))
            g_string_append_printf (join, ".%s", local[c]);
          else
            {
              g_autofree char *key = py_string (local[c]);

              g_string_append_printf (join, "[%s]", key);
            }
        }
      if (n_columns > 1)
        g_string_append_c (join, ')');
      joins[found++] = g_string_free (join, FALSE);
    }

  if (found == 2)
    {
      g_autofree char *primary = py_string (joins[swap ? 1 : 0]);
      g_autofree char *secondary_join = py_string (joins[swap ? 0 : 1]);

      g_ptr_array_add (args, g_strconcat ("primaryjoin=", primary, NULL));
      g_ptr_array_add (args, g_strconcat ("secondaryjoin=", secondary_join, NULL));
    }

  g_free (joins[0]);
  g_free (joins[1]);
}

/* The relationship() lines of table's class. */
static void
append_relationships (Exporter *ex,
                      GString  *out,
                      TwTable  *table)
{
  GListModel *relationships = tw_metadata_get_relationships (ex->metadata);
  guint       n = g_list_model_get_n_items (relationships);
  gboolean    first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) rel = g_list_model_get_item (relationships, i);
      TwTable    *left = tw_metadata_find_table (ex->metadata, tw_relationship_get_left_table (rel));
      TwTable    *right = tw_metadata_find_table (ex->metadata, tw_relationship_get_right_table (rel));
      const char *left_attr = g_hash_table_lookup (ex->left_attrs, rel);
      const char *right_attr = g_hash_table_lookup (ex->right_attrs, rel);
      gboolean    backref_style = tw_relationship_get_style (rel) == TW_RELATIONSHIP_STYLE_BACKREF;
      gboolean    many = tw_relationship_get_kind (rel) == TW_RELATIONSHIP_KIND_MANY_TO_MANY;
      TwTable    *secondary = NULL;

      if (left_attr == NULL || right_attr == NULL)
        continue;
      if (many)
        {
          secondary = tw_metadata_find_table (ex->metadata, tw_relationship_get_secondary (rel));
          if (secondary == NULL || !g_hash_table_contains (ex->table_vars, secondary))
            continue;
        }

      /* The left side, then (for back_populates) the right side; a
       * self-referential relationship has both in one class. */
      for (guint side = 0; side < 2; side++)
        {
          TwTable    *here = side == 0 ? left : right;
          TwTable    *there = side == 0 ? right : left;
          const char *attr = side == 0 ? left_attr : right_attr;
          const char *other_attr = side == 0 ? right_attr : left_attr;
          g_autoptr (GPtrArray) args = NULL;
          g_autofree char *head = NULL;
          g_autofree char *target = NULL;
          g_autofree char *other_literal = NULL;

          if (here != table || (side == 1 && backref_style))
            continue;

          use_import (ex, "relationship");
          args = g_ptr_array_new_with_free_func (g_free);
          target = py_string (g_hash_table_lookup (ex->class_names, there));
          g_ptr_array_add (args, g_strdup (target));
          other_literal = py_string (other_attr);

          if (many)
            {
              const char *var = g_hash_table_lookup (ex->table_vars, secondary);

              g_ptr_array_add (args, g_strdup_printf ("secondary=%s", var));
              if (left == right)
                append_self_m2m_joins (ex, args, table, secondary, side == 1);
            }
          else
            {
              gboolean      ambiguous = FALSE;
              TwForeignKey *fk = find_relationship_fk (rel, left, right, &ambiguous);

              if (fk != NULL && ambiguous)
                {
                  /* In the child's own class its columns are in scope. */
                  const char      *child_class = g_hash_table_lookup (ex->class_names, right);
                  g_autofree char *prefix = here == right ? g_strdup ("")
                                                          : g_strconcat (child_class, ".", NULL);
                  g_autofree char *list = dup_attribute_list (ex, right,
                                                              tw_foreign_key_get_columns (fk),
                                                              prefix);

                  if (here == right)
                    g_ptr_array_add (args, g_strdup_printf ("foreign_keys=%s", list));
                  else
                    {
                      g_autofree char *literal = py_string (list);

                      g_ptr_array_add (args, g_strdup_printf ("foreign_keys=%s", literal));
                    }
                }

              /* An adjacency list: the many-to-one side names the parent's
               * key as its remote side. */
              if (left == right && fk != NULL)
                {
                  const char * const *referred = tw_foreign_key_get_referred_columns (fk);
                  g_autofree char    *remote = dup_attribute_list (ex, left, referred, "");

                  if (backref_style)
                    {
                      ex->uses_backref = TRUE;
                      g_ptr_array_add (args, g_strdup_printf ("backref=backref(%s, remote_side=%s)",
                                                              other_literal, remote));
                      g_clear_pointer (&other_literal, g_free);
                    }
                  else if (side == 1)
                    g_ptr_array_add (args, g_strdup_printf ("remote_side=%s", remote));
                }
            }

          if (other_literal != NULL)
            g_ptr_array_add (args, g_strdup_printf ("%s=%s", backref_style ? "backref" : "back_populates",
                                                    other_literal));

          if (first)
            g_string_append_c (out, '\n');
          first = FALSE;
          head = g_strconcat (attr, " = ", NULL);
          append_call (out, 4, head, "relationship", args, "");
        }
    }
}

static void
append_class (Exporter *ex,
              GString  *out,
              TwTable  *table)
{
  const char *class_name = g_hash_table_lookup (ex->class_names, table);
  const char *comment = tw_table_get_comment (table);
  guint       n_columns = tw_table_get_n_columns (table);
  g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (table);
  g_autoptr (GPtrArray) items = NULL;
  gboolean    has_comment = comment != NULL && comment[0] != '\0';

  g_string_append_printf (out, "class %s(Base):\n", class_name);
  g_string_append (out, "    __tablename__ = ");
  append_py_string (out, tw_table_get_name (table));
  g_string_append_c (out, '\n');

  items = dup_table_items (ex, table);
  if (items->len == 0 && has_comment)
    {
      g_string_append (out, "    __table_args__ = {\"comment\": ");
      append_py_string (out, comment);
      g_string_append (out, "}\n");
    }
  else if (items->len > 0)
    {
      g_string_append (out, "    __table_args__ = (\n");
      for (guint i = 0; i < items->len; i++)
        g_string_append_printf (out, "        %s,\n", (const char *) g_ptr_array_index (items, i));
      if (has_comment)
        {
          g_string_append (out, "        {\"comment\": ");
          append_py_string (out, comment);
          g_string_append (out, "},\n");
        }
      g_string_append (out, "    )\n");
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n_columns; i++)
    {
      TwColumn   *column = tw_table_get_column (table, i);
      const char *attr = g_hash_table_lookup (ex->column_attrs, column);
      gboolean    with_name = g_strcmp0 (attr, tw_column_get_name (column)) != 0;
      g_autoptr (GPtrArray) args = dup_column_args (ex, table, column, with_name, pk->len);
      g_autofree char *head = g_strconcat (attr, " = ", NULL);

      append_call (out, 4, head, "Column", args, "");
    }

  append_relationships (ex, out, table);
}

/* Fails for a model SQLAlchemy would not take as the DDL compiler does. */
static gboolean
check_model (TwMetadata  *metadata,
             GError     **error)
{
  g_autoptr (GPtrArray) problems = tw_metadata_validate (metadata, 0);
  GListModel *tables = tw_metadata_get_tables (metadata);
  guint       n_tables = g_list_model_get_n_items (tables);

  if (problems != NULL && problems->len > 0)
    {
      g_autoptr (GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The model has %u problem:",
                                           "The model has %u problems:",
                                           problems->len),
                              problems->len);
      for (guint i = 0; i < problems->len; i++)
        {
          const TwProblem *problem = g_ptr_array_index (problems, i);

          g_string_append (message, "\n• ");
          g_string_append (message, problem->message);
        }
      g_set_error_literal (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID, message->str);
      return FALSE;
    }

  /* ForeignKey("table.column") splits at dots. */
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);
      guint n_columns = tw_table_get_n_columns (table);

      if (strchr (tw_table_get_name (table), '.') != NULL)
        {
          g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                       _("Table “%s” has a dot in its name, which SQLAlchemy’s ForeignKey() "
                         "cannot refer to"),
                       tw_table_get_name (table));
          return FALSE;
        }
      for (guint c = 0; c < n_columns; c++)
        {
          const char *name = tw_column_get_name (tw_table_get_column (table, c));

          if (strchr (name, '.') != NULL)
            {
              g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                           _("Column “%s” of table “%s” has a dot in its name, which "
                             "SQLAlchemy’s ForeignKey() cannot refer to"),
                           name, tw_table_get_name (table));
              return FALSE;
            }
        }
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_imports (Exporter *ex,
                GString  *out)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) orm = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;
  gsize          length = strlen ("from sqlalchemy import ");

  g_hash_table_iter_init (&iter, ex->imports);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_str_equal (key, "relationship"))
        continue;
      g_ptr_array_add (names, key);
      length += strlen (key) + 2;
    }
  /* Python's sort of the names, as isort writes them: upper case first. */
  g_ptr_array_sort (names, compare_strings);

  if (length <= MAX_LINE)
    {
      g_string_append (out, "from sqlalchemy import ");
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append (out, "from sqlalchemy import (\n");
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (out, "    %s,\n", (const char *) g_ptr_array_index (names, i));
      g_string_append (out, ")\n");
    }

  if (ex->uses_uuid)
    g_string_append (out, "from sqlalchemy.dialects import postgresql\n");

  if (ex->uses_backref)
    g_ptr_array_add (orm, (gpointer) "backref");
  g_ptr_array_add (orm, (gpointer) "declarative_base");
  if (g_hash_table_contains (ex->imports, "relationship"))
    g_ptr_array_add (orm, (gpointer) "relationship");
  g_string_append (out, "from sqlalchemy.orm import ");
  for (guint i = 0; i < orm->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (orm, i));
  g_string_append_c (out, '\n');
}

/* A name for a comment line: on one line. */
static char *
dup_comment_text (const char *text)
{
  char *copy = g_utf8_make_valid (text, -1);

  for (char *p = copy; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        *p = ' ';
    }
  return copy;
}

char *
tw_sqlalchemy_export_full (TwMetadata  *metadata,
                           const char  *model_name,
                           GError     **error)
{
  g_auto (Exporter) ex = { NULL, };
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GPtrArray) cycle_fks = NULL;
  g_autoptr (GString) body = NULL;
  g_autofree char *shown_name = NULL;
  GListModel *tables;
  guint       n_tables;
  GString    *out;

  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_model (metadata, error))
    return NULL;

  ex.metadata = metadata;
  ex.imports = g_hash_table_new (g_str_hash, g_str_equal);
  ex.module_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.class_names = g_hash_table_new (NULL, NULL);
  ex.table_vars = g_hash_table_new (NULL, NULL);
  ex.attributes_used = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  ex.column_attrs = g_hash_table_new (NULL, NULL);
  ex.left_attrs = g_hash_table_new (NULL, NULL);
  ex.right_attrs = g_hash_table_new (NULL, NULL);
  ex.cycle_fks = g_hash_table_new (NULL, NULL);
  ex.notes = g_ptr_array_new_with_free_func (g_free);

  sorted = tw_metadata_sort_tables (metadata, &cycle_fks);
  for (guint i = 0; cycle_fks != NULL && i < cycle_fks->len; i++)
    g_hash_table_add (ex.cycle_fks, g_ptr_array_index (cycle_fks, i));

  name_everything (&ex);

  tables = tw_metadata_get_tables (metadata);
  n_tables = g_list_model_get_n_items (tables);
  body = g_string_new (NULL);

  /* Table objects first: the classes name them in secondary=. */
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (!g_hash_table_contains (ex.table_vars, table))
        continue;
      g_string_append (body, "\n\n");
      append_table_object (&ex, body, table);
    }

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (!g_hash_table_contains (ex.class_names, table))
        continue;
      g_string_append (body, "\n\n");
      append_class (&ex, body, table);
    }

  use_import (&ex, "Column");

  out = g_string_sized_new (body->len + 1024);
  shown_name = dup_comment_text (model_name != NULL ? model_name : _("an unsaved model"));
  g_string_append_printf (out, "# Generated by Tablewright %s from %s%s%s.\n", PACKAGE_VERSION,
                          model_name != NULL ? "the model “" : "", shown_name,
                          model_name != NULL ? "”" : "");
  g_string_append (out,
                   "# SQLAlchemy 1.4 declarative classes: Base.metadata.create_all(engine)\n"
                   "# creates the tables that Tablewright's DDL creates, on SQLite,\n"
                   "# PostgreSQL and MySQL.\n");
  for (guint i = 0; i < ex.notes->len; i++)
    {
      g_autofree char *note = dup_comment_text (g_ptr_array_index (ex.notes, i));

      g_string_append_printf (out, "#\n# %s\n", note);
    }
  g_string_append_c (out, '\n');
  append_imports (&ex, out);
  g_string_append (out, "\nBase = declarative_base()\n");

  if (ex.uses_uuid)
    g_string_append (out,
                     "\n\n"
                     "def Uuid():\n"
                     "    \"\"\"A UUID as text: CHAR(36), or PostgreSQL's own UUID type.\"\"\"\n"
                     "    return CHAR(36).with_variant(postgresql.UUID(as_uuid=False), "
                     "\"postgresql\")\n");

  g_string_append_len (out, body->str, body->len);
  return g_string_free (out, FALSE);
}

char *
tw_sqlalchemy_export (TwMetadata  *metadata,
                      GError     **error)
{
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return tw_sqlalchemy_export_full (metadata, NULL, error);
}
