/* tw-csv-import.c: imports an RFC 4180 CSV file into a table through a session
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-csv-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "tw-csv-import.h"
#include "tw-session-private.h"

#define READ_SIZE 65536

G_DEFINE_QUARK (tw-csv-import-error-quark, tw_csv_import_error)

typedef struct
{
  TwSession    *session;
  TwRowSchema  *schema;
  GPtrArray    *fields;        /* of char *: the record being read */
  int          *columns;       /* per header field: the table's column */
  guint         n_header;
  gboolean      have_header;
  guint         line;          /* the line being fed to the parser */
  guint         record_line;   /* the line the current record began on */
  gboolean      in_record;
  GPtrArray    *rows;          /* of TwRow */
  GArray       *row_lines;     /* of guint: each row's line */
  GError       *error;
} Import;

/* RFC 4180: spaces belong to the field. */
static int
no_space (unsigned char c)
{
  return 0;
}

static void
field_cb (void   *data,
          size_t  length,
          void   *user_data)
{
  Import *import = user_data;
  const char *text = data != NULL ? data : "";

  if (import->error != NULL)
    return;

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (&import->error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_PARSE,
                   _("Line %u: field %u is not valid UTF-8 text"),
                   import->record_line, import->fields->len + 1);
      return;
    }

  g_ptr_array_add (import->fields, g_strndup (text, length));
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  TwRowSchema *schema = import->schema;
  g_autoptr (GString) unknown = g_string_new (NULL);
  guint n_unknown = 0;

  import->n_header = import->fields->len;
  import->columns = g_new (int, MAX (import->n_header, 1));
  for (guint i = 0; i < import->n_header; i++)
    {
      const char *name = g_ptr_array_index (import->fields, i);

      import->columns[i] = _tw_row_schema_find_column (schema, name);
      if (import->columns[i] < 0)
        {
          if (n_unknown++ > 0)
            g_string_append (unknown, ", ");
          g_string_append_printf (unknown, "“%s”", name);
          continue;
        }
      for (guint j = 0; j < i; j++)
        {
          if (import->columns[j] == import->columns[i])
            {
              g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_DUPLICATE_COLUMN,
                           _("Line %u: the header names column “%s” twice"),
                           import->record_line, name);
              return FALSE;
            }
        }
    }

  if (n_unknown > 0)
    {
      g_autofree char *known = g_strjoinv (", ", schema->column_names);

      g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_UNKNOWN_COLUMN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Line %u: table “%s” has no column %s (its columns are %s)",
                                "Line %u: table “%s” has no columns %s (its columns are %s)",
                                n_unknown),
                   import->record_line, schema->name, unknown->str, known);
      return FALSE;
    }

  import->have_header = TRUE;
  return TRUE;
}

/* The value of a field for a column; NULL with no error when the database
 * fills the column in. */
static TwValue *
convert_field (Import      *import,
               guint        column,
               const char  *text,
               GError     **error)
{
  TwRowSchema *schema = import->schema;
  TwColumn *definition = schema->columns[column];
  g_autoptr (GError) local_error = NULL;
  TwValue *value;

  if (*text == '\0')
    {
      if (schema->kinds[column] == TW_VALUE_KIND_TEXT)
        return tw_value_new_text ("");
      if (tw_column_is_effectively_nullable (definition))
        return tw_value_new_null ();
      if ((int) column == schema->autoincrement ||
          tw_column_get_default_kind (definition) != TW_DEFAULT_KIND_NONE)
        return NULL;

      g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_BAD_VALUE,
                   _("Line %u, column “%s”: the field is empty, but the column takes no NULL"),
                   import->record_line, schema->column_names[column]);
      return NULL;
    }

  value = tw_value_new_from_string (schema->kinds[column], text, &local_error);
  if (value == NULL)
    g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_BAD_VALUE,
                 _("Line %u, column “%s”: %s"),
                 import->record_line, schema->column_names[column], local_error->message);
  return value;
}

static gboolean
read_row (Import  *import,
          GError **error)
{
  g_autoptr (TwRow) row = NULL;

  if (import->fields->len != import->n_header)
    {
      g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_FIELD_COUNT,
                   _("Line %u has %u fields, but the header has %u"),
                   import->record_line, import->fields->len, import->n_header);
      return FALSE;
    }

  row = _tw_row_new_detached (import->schema);
  for (guint i = 0; i < import->n_header; i++)
    {
      GError *local_error = NULL;
      TwValue *value = convert_field (import, import->columns[i],
                                      g_ptr_array_index (import->fields, i), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      _tw_row_take_value (row, import->columns[i], value);
    }

  g_ptr_array_add (import->rows, g_steal_pointer (&row));
  g_array_append_val (import->row_lines, import->record_line);
  return TRUE;
}

static void
record_cb (int   terminator,
           void *user_data)
{
  Import *import = user_data;

  import->in_record = FALSE;
  if (import->error == NULL)
    {
      if (!import->have_header)
        read_header (import, &import->error);
      else
        read_row (import, &import->error);
    }

  g_ptr_array_set_size (import->fields, 0);
}

static gboolean
parse_error (Import             *import,
             struct csv_parser  *parser,
             gboolean            at_end,
             GError            **error)
{
  if (import->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->error));
      return FALSE;
    }

  if (csv_error (parser) == CSV_EPARSE && at_end)
    g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_PARSE,
                 _("Line %u: a quoted field is not closed before the end of the file"),
                 import->record_line);
  else if (csv_error (parser) == CSV_EPARSE)
    g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_PARSE,
                 _("Line %u: a quote inside a field that is not quoted, or text after a "
                   "closing quote (a quoted field must be quoted whole, with quotes inside "
                   "it doubled)"),
                 import->line);
  else
    g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_PARSE,
                 _("Line %u: %s"), import->line, csv_strerror (csv_error (parser)));
  return FALSE;
}

/* Feeds one physical line (with its line break, if any) to the parser. */
static gboolean
feed_line (Import             *import,
           struct csv_parser  *parser,
           const char         *line,
           gsize               length,
           GError            **error)
{
  import->line++;
  if (!import->in_record && !(length == 1 && line[0] == '\n') &&
      !(length == 2 && line[0] == '\r' && line[1] == '\n') && length > 0)
    {
      import->in_record = TRUE;
      import->record_line = import->line;
    }

  if (csv_parse (parser, line, length, field_cb, record_cb, import) != length ||
      import->error != NULL)
    return parse_error (import, parser, FALSE, error);

  return TRUE;
}

static gboolean
parse_stream (Import        *import,
              GInputStream  *input,
              GCancellable  *cancellable,
              GError       **error)
{
  struct csv_parser parser;
  g_autoptr (GByteArray) pending = g_byte_array_new ();
  g_autofree char *buffer = g_malloc (READ_SIZE);
  gboolean first = TRUE;
  gboolean ok = TRUE;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_PARSE,
                   _("Could not set up the CSV parser"));
      return FALSE;
    }
  csv_set_space_func (&parser, no_space);

  while (ok)
    {
      gssize n = g_input_stream_read (input, buffer, READ_SIZE, cancellable, error);
      const char *data = buffer;
      gsize start = 0;

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;

      /* A byte order mark is no part of the first column's name. */
      if (first && n >= 3 && memcmp (buffer, "\xef\xbb\xbf", 3) == 0)
        start = 3;
      first = FALSE;

      for (gsize i = start; ok && i < (gsize) n; i++)
        {
          if (data[i] != '\n')
            continue;

          if (pending->len > 0)
            {
              g_byte_array_append (pending, (const guint8 *) data + start, i + 1 - start);
              ok = feed_line (import, &parser, (const char *) pending->data, pending->len, error);
              g_byte_array_set_size (pending, 0);
            }
          else
            ok = feed_line (import, &parser, data + start, i + 1 - start, error);
          start = i + 1;
        }
      if (ok && start < (gsize) n)
        g_byte_array_append (pending, (const guint8 *) data + start, n - start);
    }

  if (ok && pending->len > 0)
    ok = feed_line (import, &parser, (const char *) pending->data, pending->len, error);

  if (ok && csv_fini (&parser, field_cb, record_cb, import) != 0)
    ok = parse_error (import, &parser, TRUE, error);
  else if (ok && import->error != NULL)
    ok = parse_error (import, &parser, TRUE, error);

  csv_free (&parser);
  return ok;
}

gboolean
tw_csv_import (TwSession     *session,
               TwTable       *table,
               GInputStream  *input,
               guint         *n_rows,
               GCancellable  *cancellable,
               GError       **error)
{
  Import import = { 0 };
  g_autoptr (GError) commit_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TW_IS_SESSION (session), FALSE);
  g_return_val_if_fail (TW_IS_TABLE (table), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;

  import.session = session;
  import.schema = _tw_session_get_schema (session, table);
  import.fields = g_ptr_array_new_with_free_func (g_free);
  import.rows = g_ptr_array_new_with_free_func (g_object_unref);
  import.row_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  ok = parse_stream (&import, input, cancellable, error);
  if (ok && !import.have_header)
    {
      g_set_error (error, TW_CSV_IMPORT_ERROR, TW_CSV_IMPORT_ERROR_EMPTY,
                   _("The file is empty: its first line must name the columns"));
      ok = FALSE;
    }

  if (ok)
    ok = tw_session_add_all (session, import.rows, error);

  if (ok && !tw_session_commit (session, cancellable, &commit_error))
    {
      TwRow *failed = tw_session_error_get_row (commit_error);
      guint index;

      ok = FALSE;
      if (failed != NULL && g_ptr_array_find (import.rows, failed, &index))
        g_prefix_error (&commit_error, _("CSV line %u: "), g_array_index (import.row_lines, guint, index));
      _tw_session_revert_rows (session, import.rows);
      g_propagate_error (error, g_steal_pointer (&commit_error));
    }

  if (ok && n_rows != NULL)
    *n_rows = import.rows->len;

  g_ptr_array_unref (import.fields);
  g_ptr_array_unref (import.rows);
  g_array_unref (import.row_lines);
  g_free (import.columns);
  g_clear_error (&import.error);
  return ok;
}

gboolean
tw_csv_import_file (TwSession     *session,
                    TwTable       *table,
                    GFile         *file,
                    guint         *n_rows,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr (GFileInputStream) input = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return FALSE;

  return tw_csv_import (session, table, G_INPUT_STREAM (input), n_rows, cancellable, error);
}
