/* tw-cli.c: the command-line interface (tablewright ddl, reflect, ...)
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "tw-cli.h"
#include "tw-dialect.h"
#include "tw-model-file.h"

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

static const Command commands[] = {
  { "ddl", N_("MODEL.twm --dialect DIALECT [--drop] [-o FILE]"),
    N_("Print the CREATE (or DROP) statements of a model for a dialect"), cmd_ddl },
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

static int
cmd_ddl (const char  *name,
         int          argc,
         char       **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *script = NULL;
  gboolean drop = FALSE;
  TwDialectKind kind;
  TwDialect *dialect;
  GOptionEntry entries[] = {
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &dialect_name, N_("sqlite, postgresql or mysql"), N_("DIALECT") },
    { "drop", 0, 0, G_OPTION_ARG_NONE, &drop, N_("Print drop_all() rather than create_all()"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (atomically) rather than standard output"), N_("FILE") },
    { NULL }
  };

  if (!parse_options (find_command (name), entries, &argc, &argv, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  if (!parse_dialect (dialect_name, &kind, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  if (argc != 2)
    return fail (TW_CLI_EXIT_USAGE, _("ddl takes one model file (see tablewright ddl --help)"));

  metadata = load_model (argv[1], &error);
  if (metadata == NULL)
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

  dialect = tw_dialect_get (kind);
  if (drop)
    statements = tw_dialect_compile_drop_all (dialect, metadata, &error);
  else
    statements = tw_dialect_compile_create_all (dialect, metadata, &error);
  if (statements == NULL)
    return fail (TW_CLI_EXIT_USAGE, _("%s: %s"), argv[1], error->message);

  script = tw_ddl_statements_to_script (statements);
  if (!write_output (output, script, &error))
    return fail (TW_CLI_EXIT_USAGE, "%s", error->message);

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
