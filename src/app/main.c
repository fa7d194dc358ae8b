/* main.c: entry point of the tablewright binary
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tablewright"

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <mysql.h>

#include "tw-application.h"
#include "tw-cli.h"

/* The commands of the command-line interface: "tablewright ddl ..." runs
 * the command rather than the graphical application. */
static const char * const cli_commands[] = {
  "ddl",
  "reflect",
  "create-all",
  "drop-all",
  "export",
  "import",
};

static gboolean
is_cli_command (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cli_commands); i++)
    {
      if (g_strcmp0 (argv[1], cli_commands[i]) == 0)
        return TRUE;
    }

  return tw_cli_is_command (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (TwApplication) app = NULL;
  int ret;

  /* The MySQL client library must be set up before any thread exists. */
  mysql_library_init (0, NULL, NULL);

  if (is_cli_command (argc, argv))
    {
      ret = tw_cli_run (argc, argv);
      mysql_library_end ();
      return ret;
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tw_application_new ();
  ret = g_application_run (G_APPLICATION (app), argc, argv);

  mysql_library_end ();

  return ret;
}
