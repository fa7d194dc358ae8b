/* main.c: entry point of the tablewright binary
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tablewright"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <mysql.h>

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window;

  window = adw_application_window_new (app);
  gtk_window_set_title (GTK_WINDOW (window), "Tablewright");
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;
  int ret;

  /* The MySQL client library must be set up before any thread exists. */
  mysql_library_init (0, NULL, NULL);

  app = adw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  ret = g_application_run (G_APPLICATION (app), argc, argv);

  mysql_library_end ();

  return ret;
}
