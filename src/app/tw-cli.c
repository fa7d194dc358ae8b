/* tw-cli.c: the command-line interface (tablewright ddl, reflect, ...)
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tw-cli.h"
#include "tw-csv-import.h"
#include "tw-diagram-export.h"
#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-model-file.h"
#include "tw-schema-apply.h"
#include "tw-sqlalchemy-export.h"

typedef int (*CommandFunc) (const char  *name,
                            int          argc,
                            char       **argv);

typedef struct
{
  const char  *name;
  const char  *parameters;
  const char  *summary;
  CommandFunc  func;
} Command;

static int cmd_ddl (const char *name, int argc, char **argv);
static int cmd_reflect (const char *name, int argc, char **argv);
static int cmd_create_all (const char *name, int argc, char **argv);
static int cmd_drop_all (const char *name, int argc, char **argv);
static int cmd_import (const char *name, int argc, char **argv);
static int cmd_export (const char *name, int argc, char **argv);

static const Command commands[] = {
  { "ddl", N_("{MODEL.twm|--url URL} [--dialect DIALECT] [--drop] [-o FILE]"),
    N_("Print the CREATE (or DROP) statements of a model or a live database for a dialect"), cmd_ddl },
  { "reflect", N_("--url URL [-o MODEL.twm]"),
    N_("Read the tables of a live database into a model file"), cmd_reflect },
  { "create-all", N_("MODEL.twm --url URL [--no-checkfirst]"),
    N_("Create the model's tables in a live database, leaving existing ones alone"), cmd_create_all },
  { "drop-all", N_("MODEL.twm --url URL"),
    N_("Drop the model's tables (and enum types) from a live database"), cmd_drop_all },
  { "import", N_("--url URL --table TABLE FILE.csv"),
    N_("Import the rows of a CSV file into a table, in one transaction"), cmd_import },
  { "export", N_("MODEL.twm --format sql|sqlalchemy|png|svg [--dialect DIALECT] [--drop] [-o FILE]"),
    N_("Write a model as DDL, a SQLAlchemy 1.4 module or a diagram (PNG, SVG)"), cmd_export },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }
  return NULL;
}

gboolean
tw_cli_is_command (int    argc,
                   char **argv)
{
  return argc > 1 && find_command (argv[1]) != NULL;
}

static int G_GNUC_PRINTF (2, 3)
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tablewright: %s\n", message);
  return status;
}

/* Parses the command's options; on a bad argument prints why with the
 * command's usage. */
static gboolean
parse_options (const Command  *command,
               GOptionEntry   *entries,
               int            *argc,
               char         ***argv,
               GError        **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, _(command->parameters));

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  return g_option_context_parse (context, argc, argv, error);
}

/* Writes contents to path atomically (a temporary file renamed over it), or
 * to standard output when path is NULL or "-". */
static gboolean
write_output (const char  *path,
              const char  *contents,
              GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      fputs (contents, stdout);
      return fflush (stdout) == 0;
    }

  return g_file_set_contents_full (path, contents, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}

static TwMetadata *
load_model (const char  *path,
            GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);

  return tw_model_file_load (file, NULL, error);
}

static gboolean
parse_dialect (const char     *name,
               TwDialectKind  *kind,
               GError        **error)
{
  if (name == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No dialect given: use --dialect sqlite, postgresql or mysql"));
      return FALSE;
    }
  if (!tw_dialect_kind_from_string (name, kind))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown dialect “%s”: use sqlite, postgresql or mysql"), name);
      return FALSE;
    }
  return TRUE;
}

/* Parses url_text and connects: a bad URL is bad input (2), a database
 * that cannot be reached a database error (1). Messages show the URL only
 * with its password masked. */
static TwConnection *
open_url (const char *url_text,
          int        *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = NULL;
  TwConnection *connection;

  url = tw_url_parse (url_text, &error);
  if (url == NULL)
    {
      *status = fail (TW_CLI_EXIT_USAGE, "%s", error->message);
      return NULL;
    }

  /* The driver's message names the URL, masked. */
  connection = tw_connection_open (url, NULL, &error);
  if (connection == NULL)
    {
      *status = fail (TW_CLI_EXIT_DATABASE, "%s", error->message);
      return NULL;
    }

  return connection;
}

/* Reflects the database and says on standard error what the model could
 * not hold. */
static TwMetadata *
reflect_connection (TwConnection *connection,
                    int          *status)
{
  g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;
  const char * const *warnings;

  metadata = tw_inspector_reflect_metadata (inspector, NULL, &error);
  if (metadata == NULL)
    {
      *status = fail (TW_CLI_EXIT_DATABASE, "%s", error->message);
      return NULL;
    }

  warnings = tw_inspector_get_warnings (inspector);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_printerr ("tablewright: %s %s\n", _("warning:"), warnings[i]);

  return metadata;
}

/* tablewright ddl: the DDL of a model file, or of the tables of a live
 * database (--url; the dialect defaults to the URL's, so that --dialect
 * converts a schema from one database to another). */
static int
cmd_ddl (const char  *name,
         int          argc,
         char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *url_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *script = NULL;
  gboolean drop = FALSE;
  int status = TW_CLI_EXIT_OK;
  TwDialectKind kind;
  TwDialect *dialect;
  GOptionEntry entries[] = {
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &dialect_name, N_("sqlite, postgresql or mysql"), N_("DIALECT") },
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url_text, N_("Reflect the tables of this database, e.g. sqlite:///shop.db"), N_("URL") },
    { "drop", 0, 0, G_OPTION_ARG_NONE, &drop, N_("Print drop_all() rather than create_all()"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (atomically) rather than standard output"), N_("FILE") },
    { NULL }
  };

  if (!parse_options (find_command (name), entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  if (url_text != NULL)
    {
      if (argc != 1)
        return fail (TW_CLI_EXIT_USAGE, _("ddl takes a model file or --url, not both (see tablewright ddl --help)"));
      if (dialect_name != NULL && !parse_dialect (dialect_name, &kind, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

      connection = open_url (url_text, &status);
      if (connection == NULL)
        return status;
      if (dialect_name == NULL)
        kind = tw_connection_get_dialect_kind (connection);

      metadata = reflect_connection (connection, &status);
      if (metadata == NULL)
        return status;
    }
  else
    {
      if (!parse_dialect (dialect_name, &kind, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

      if (argc != 2)
        return fail (TW_CLI_EXIT_USAGE, _("ddl takes one model file or --url (see tablewright ddl --help)"));

      metadata = load_model (argv[1], &error);
      if (metadata == NULL)
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
    }

  dialect = tw_dialect_get (kind);
  if (drop)
    statements = tw_dialect_compile_drop_all (dialect, metadata, &error);
  else
    statements = tw_dialect_compile_create_all (dialect, metadata, &error);
  if (statements == NULL)
    {
      g_autofree char *shown = NULL;

      if (connection != NULL)
        shown = tw_url_to_display_string (tw_connection_get_url (connection));
      return fail (TW_CLI_EXIT_USAGE, _("%s: %s"), shown != NULL ? shown : argv[1], error->message);
    }

  script = tw_ddl_statements_to_script (statements);
  if (!write_output (output, script, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  return TW_CLI_EXIT_OK;
}

/* tablewright reflect: the tables of a live database as a model file, which
 * remembers the database (without its password). */
static int
cmd_reflect (const char  *name,
             int          argc,
             char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autofree char *url_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *full_url = NULL;
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  int status = TW_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url_text, N_("The database, e.g. postgresql://user@host/db"), N_("URL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the model to FILE (atomically) rather than standard output"), N_("MODEL.twm") },
    { NULL }
  };

  if (!parse_options (find_command (name), entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
  if (url_text == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("reflect needs --url (see tablewright reflect --help)"));
  if (argc != 1)
    return fail (TW_CLI_EXIT_USAGE, _("reflect takes no file argument: use -o MODEL.twm"));

  connection = open_url (url_text, &status);
  if (connection == NULL)
    return status;

  metadata = reflect_connection (connection, &status);
  if (metadata == NULL)
    return status;

  full_url = tw_url_to_string (tw_connection_get_url (connection));
  extras.database = tw_model_file_strip_password (full_url);

  if (output == NULL || g_str_equal (output, "-"))
    {
      g_autofree char *data = tw_model_file_to_data_full (metadata, &extras, NULL);

      if (!write_output (NULL, data, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
    }
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (output);

      if (!tw_model_file_save_full (metadata, &extras, file, NULL, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
    }

  return TW_CLI_EXIT_OK;
}

/* create-all and drop-all: the model file, the database, then the report
 * on standard output, also after a failure (MySQL keeps what ran). */
static int
apply_model (const char  *name,
             int          argc,
             char       **argv,
             gboolean     create)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSchemaReport) report = NULL;
  g_autofree char *url_text = NULL;
  gboolean no_checkfirst = FALSE;
  int status = TW_CLI_EXIT_OK;
  gboolean ok;
  GOptionEntry create_entries[] = {
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url_text, N_("The database, e.g. postgresql://user@host/db"), N_("URL") },
    { "no-checkfirst", 0, 0, G_OPTION_ARG_NONE, &no_checkfirst, N_("Create every table, failing on one that exists"), NULL },
    { NULL }
  };
  GOptionEntry drop_entries[] = {
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url_text, N_("The database, e.g. postgresql://user@host/db"), N_("URL") },
    { NULL }
  };

  if (!parse_options (find_command (name), create ? create_entries : drop_entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
  if (url_text == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("%s needs --url (see tablewright %s --help)"), name, name);
  if (argc != 2)
    return fail (TW_CLI_EXIT_USAGE, _("%s takes one model file (see tablewright %s --help)"), name, name);

  metadata = load_model (argv[1], &error);
  if (metadata == NULL)
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  connection = open_url (url_text, &status);
  if (connection == NULL)
    return status;

  if (create)
    ok = tw_schema_create_all (connection, metadata, !no_checkfirst, &report, NULL, &error);
  else
    ok = tw_schema_drop_all (connection, metadata, TRUE, &report, NULL, &error);

  if (report != NULL)
    {
      g_autofree char *text = tw_schema_report_to_string (report);

      fputs (text, stdout);
      fflush (stdout);
    }

  if (!ok)
    {
      /* A model the dialect cannot take is bad input; the rest is the
       * database's doing. */
      if (g_error_matches (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID))
        return fail (TW_CLI_EXIT_USAGE, _("%s: %s"), argv[1], error->message);
      return fail (TW_CLI_EXIT_DATABASE, "%s", error->message);
    }

  return TW_CLI_EXIT_OK;
}

static int
cmd_create_all (const char  *name,
                int          argc,
                char       **argv)
{
  return apply_model (name, argc, argv, TRUE);
}

static int
cmd_drop_all (const char  *name,
              int          argc,
              char       **argv)
{
  return apply_model (name, argc, argv, FALSE);
}

/* tablewright import: exit 0 when every row was committed, 2 for bad
 * input (arguments, a bad CSV row: nothing is committed) and 1 when the
 * database failed or refused a row. */
static int
cmd_import (const char  *name,
            int          argc,
            char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwSession) session = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *url_text = NULL;
  g_autofree char *table_name = NULL;
  TwTable *table;
  guint n_rows = 0;
  GOptionEntry entries[] = {
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url_text, N_("The database, e.g. postgresql://user@host/db"), N_("URL") },
    { "table", 't', 0, G_OPTION_ARG_STRING, &table_name, N_("The table to add the rows to"), N_("TABLE") },
    { NULL }
  };

  if (!parse_options (find_command (name), entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
  if (url_text == NULL || table_name == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("import needs --url and --table (see tablewright import --help)"));
  if (argc != 2)
    return fail (TW_CLI_EXIT_USAGE, _("import takes one CSV file (see tablewright import --help)"));

  url = tw_url_parse (url_text, &error);
  if (url == NULL)
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  connection = tw_connection_open (url, NULL, &error);
  if (connection == NULL)
    return fail (TW_CLI_EXIT_DATABASE, "%s", error->message);

  /* The columns and their types come from the database itself. */
  metadata = tw_inspector_reflect (connection, NULL, &error);
  if (metadata == NULL)
    return fail (TW_CLI_EXIT_DATABASE, "%s", error->message);
  table = tw_metadata_find_table (metadata, table_name);
  if (table == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("The database has no table “%s”"), table_name);

  session = tw_session_new (connection, metadata);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!tw_csv_import_file (session, table, file, &n_rows, NULL, &error))
    {
      gboolean bad_input = error->domain == TW_CSV_IMPORT_ERROR || error->domain == G_IO_ERROR ||
                           g_error_matches (error, TW_SESSION_ERROR, TW_SESSION_ERROR_READ_ONLY) ||
                           g_error_matches (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_VALUE);

      return fail (bad_input ? TW_CLI_EXIT_USAGE : TW_CLI_EXIT_DATABASE,
                   _("%s: %s"), argv[1], error->message);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u row into “%s”\n",
                        "Imported %u rows into “%s”\n", n_rows),
           n_rows, table_name);
  return TW_CLI_EXIT_OK;
}

/* Draws the diagram into a temporary file next to path and renames it over
 * path: a failed export leaves nothing behind. */
static gboolean
write_diagram (TwMetadata       *metadata,
               const char       *path,
               TwDiagramFormat   format,
               GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *hidden = g_strconcat (".", base, ".XXXXXX", NULL);
  g_autofree char *temporary = g_build_filename (dir, hidden, NULL);
  int fd;
  int saved_errno;

  fd = g_mkstemp_full (temporary, O_RDWR, 0644);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (!tw_diagram_export (metadata, temporary, format, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temporary);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* tablewright export: a model file as the DDL of a dialect, a SQLAlchemy
 * module or a diagram. The output file appears whole or not at all. */
static int
cmd_export (const char  *name,
            int          argc,
            char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autofree char *format = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  gboolean drop = FALSE;
  gboolean sql;
  gboolean diagram;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("sql, sqlalchemy, png or svg"), N_("FORMAT") },
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &dialect_name, N_("For sql: sqlite, postgresql or mysql"), N_("DIALECT") },
    { "drop", 0, 0, G_OPTION_ARG_NONE, &drop, N_("For sql: drop_all() rather than create_all()"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (atomically); sql and sqlalchemy default to standard output"), N_("FILE") },
    { NULL }
  };

  if (!parse_options (find_command (name), entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
  if (format == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("export needs --format sql, sqlalchemy, png or svg (see tablewright export --help)"));
  if (argc != 2)
    return fail (TW_CLI_EXIT_USAGE, _("export takes one model file (see tablewright export --help)"));

  sql = g_str_equal (format, "sql");
  diagram = g_str_equal (format, "png") || g_str_equal (format, "svg");
  if (!sql && !diagram && !g_str_equal (format, "sqlalchemy"))
    return fail (TW_CLI_EXIT_USAGE, _("Unknown format “%s”: use sql, sqlalchemy, png or svg"), format);
  if (!sql && (dialect_name != NULL || drop))
    return fail (TW_CLI_EXIT_USAGE, _("--dialect and --drop apply only to --format sql"));
  if (diagram && (output == NULL || g_str_equal (output, "-")))
    return fail (TW_CLI_EXIT_USAGE, _("--format %s needs -o FILE"), format);

  metadata = load_model (argv[1], &error);
  if (metadata == NULL)
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  if (diagram)
    {
      TwDiagramFormat diagram_format = g_str_equal (format, "png") ? TW_DIAGRAM_FORMAT_PNG
                                                                   : TW_DIAGRAM_FORMAT_SVG;

      if (!write_diagram (metadata, output, diagram_format, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
      return TW_CLI_EXIT_OK;
    }

  if (sql)
    {
      g_autoptr (GPtrArray) statements = NULL;
      TwDialectKind kind;

      if (!parse_dialect (dialect_name, &kind, &error))
        return fail (TW_CLI_EXIT_USAGE, "%s", error->message);
      if (drop)
        statements = tw_dialect_compile_drop_all (tw_dialect_get (kind), metadata, &error);
      else
        statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
      if (statements != NULL)
        text = tw_ddl_statements_to_script (statements);
    }
  else
    {
      g_autofree char *model_name = g_path_get_basename (argv[1]);

      text = tw_sqlalchemy_export_full (metadata, model_name, &error);
    }

  if (text == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("%s: %s"), argv[1], error->message);

  if (!write_output (output, text, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s",
                 error != NULL ? error->message : _("Could not write to standard output"));

  return TW_CLI_EXIT_OK;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: tablewright [FILE|URL…]        start the application"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "       tablewright %s %s\n", commands[i].name, _(commands[i].parameters));
  fprintf (stream, "\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
}

int
tw_cli_run (int    argc,
            char **argv)
{
  const Command *command;

  g_return_val_if_fail (argc > 1, TW_CLI_EXIT_USAGE);

  setlocale (LC_ALL, "");

  command = find_command (argv[1]);
  if (command == NULL)
    {
      print_usage (stderr);
      return TW_CLI_EXIT_USAGE;
    }

  /* The command sees its own name as argv[0]. */
  return command->func (command->name, argc - 1, argv + 1);
}
