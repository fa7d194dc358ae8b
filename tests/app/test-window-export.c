/* test-window-export.c: tests of the window's SQLAlchemy module export, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tw-application.h"
#include "tw-model-file.h"
#include "tw-sqlalchemy-export.h"
#include "tw-window-export.h"
#include "tw-window-private.h"

static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until cond holds, failing after 10 s. */
#define SPIN_UNTIL(cond)                                                     \
  G_STMT_START                                                               \
    {                                                                        \
      gint64 deadline_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;      \
      guint wake_id_ = g_timeout_add (10, wake_cb, NULL);                    \
                                                                             \
      while (!(cond))                                                        \
        {                                                                    \
          if (g_get_monotonic_time () > deadline_)                           \
            g_error ("Timed out waiting for %s", #cond);                     \
          g_main_context_iteration (NULL, TRUE);                             \
        }                                                                    \
      g_source_remove (wake_id_);                                            \
    }                                                                        \
  G_STMT_END

static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A window over the demo model, saved (as far as the window knows) in
 * dir/shop model.twm. */
static TwWindow *
new_window (const char *dir)
{
  const char *source_dir = g_getenv ("TW_SOURCE_DIR");
  g_autofree char *demo = NULL;
  g_autoptr (GFile) demo_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autofree char *path = g_build_filename (dir, "shop model.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  TwWindow *window;

  g_assert_nonnull (source_dir);
  demo = g_build_filename (source_dir, "data", "demo", "demo.twm", NULL);
  demo_file = g_file_new_for_path (demo);
  metadata = tw_model_file_load (demo_file, NULL, &error);
  g_assert_no_error (error);

  window = tw_window_new (app, metadata, file, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        found = l->data;
    }
  g_list_free (toplevels);
  return found;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The first GtkMenuButton under widget, depth first. */
static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 char      **label)
{
  int n = g_menu_model_get_n_items (menu);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        {
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", label);
          return TRUE;
        }

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action, label))
        return TRUE;
    }
  return FALSE;
}

/* The window has the action, enabled, and the primary menu offers it. (The
 * file chooser it opens is GTK's; showing it is left to the by-hand check.) */
static void
test_action_in_menu (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-window-export-XXXXXX", &error);
  g_autofree char *label = NULL;
  GtkWidgetClass *widget_class;
  GtkMenuButton *button;
  gboolean found = FALSE;
  TwWindow *window;
  const GVariantType *parameter_type;
  const char *property_name;
  const char *name;
  GType owner;
  guint i;

  g_assert_no_error (error);
  window = new_window (dir);

  widget_class = GTK_WIDGET_GET_CLASS (window);
  for (i = 0; gtk_widget_class_query_action (widget_class, i, &owner, &name, &parameter_type,
                                             &property_name); i++)
    found |= g_str_equal (name, "win.export-sqlalchemy");
  g_assert_true (found);

  button = find_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (button),
                                  "win.export-sqlalchemy", &label));
  g_assert_cmpstr (label, ==, "Export SQLAlchemy _Module…");

  destroy_all_windows ();
  remove_dir (dir);
}

/* Exporting writes the module and says so in a toast. */
static void
test_writes_module (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-window-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autoptr (GFile) file = NULL;
  TwWindow *window;

  g_assert_no_error (error);
  window = new_window (dir);
  path = g_build_filename (dir, "models.py", NULL);
  file = g_file_new_for_path (path);

  _tw_window_export_sqlalchemy_to (window, file);
  SPIN_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS));
  /* The write is atomic: once the file is there, it is whole. */
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  expected = tw_sqlalchemy_export_full (tw_window_get_metadata (window), "shop model.twm", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  g_assert_null (find_message_dialog ());

  destroy_all_windows ();
  remove_dir (dir);
}

/* A failure shows a dialog that names the file. */
static void
test_failure_shows_dialog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-window-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  AdwMessageDialog *dialog;
  TwWindow *window;

  g_assert_no_error (error);
  window = new_window (dir);
  path = g_build_filename (dir, "missing", "models.py", NULL);
  file = g_file_new_for_path (path);

  _tw_window_export_sqlalchemy_to (window, file);
  SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Export “models.py”");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  destroy_all_windows ();
  remove_dir (dir);
}

/* A model the export refuses: the dialog says why, at once. */
static void
test_invalid_model (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tw-window-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (TwForeignKey) fk = NULL;
  const char *local[] = { "user_id", NULL };
  const char *remote[] = { "id", NULL };
  AdwMessageDialog *dialog;
  TwWindow *window;

  g_assert_no_error (error);
  window = new_window (dir);
  fk = tw_foreign_key_new (NULL, local, "nowhere", remote);
  tw_table_add_foreign_key (tw_metadata_find_table (tw_window_get_metadata (window), "addresses"), fk);
  path = g_build_filename (dir, "models.py", NULL);
  file = g_file_new_for_path (path);

  _tw_window_export_sqlalchemy_to (window, file);
  SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "nowhere"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  destroy_all_windows ();
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", TW_TEST_SCHEMA_DIR, TRUE);

  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = tw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* No cursor blinking: GtkText checks its focus when the blink timer
   * fires, and warns (fatally here) when a closed popover took it away. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/window-export/action-in-menu", test_action_in_menu);
  g_test_add_func ("/app/window-export/writes-module", test_writes_module);
  g_test_add_func ("/app/window-export/failure-shows-dialog", test_failure_shows_dialog);
  g_test_add_func ("/app/window-export/invalid-model", test_invalid_model);

  ret = g_test_run ();

  destroy_all_windows ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
