/* test-autosave.c: tests of autosave and recovery, the Open Recent menu and the problem list, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tw-application.h"
#include "tw-autosave.h"
#include "tw-canvas.h"
#include "tw-design-view.h"
#include "tw-model-file.h"
#include "tw-recent-menu.h"
#include "tw-window-private.h"

/* One application for the whole run: GTK initialises once per process. */
static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until cond holds, failing after 10 s; a timer
 * wakes the loop so that a condition polled from outside is seen. */
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
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
destroy_window (GtkWindow *window)
{
  GtkWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  SPIN_UNTIL (weak == NULL);
}

static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  drain ();
}

static gboolean
file_exists (GFile *file)
{
  return g_file_test (g_file_peek_path (file), G_FILE_TEST_IS_REGULAR);
}

/* The path of "<id>.ini" beside an autosave model. */
static char *
dup_info_path (GFile *model)
{
  const char *path = g_file_peek_path (model);

  g_assert_true (g_str_has_suffix (path, TW_MODEL_FILE_EXTENSION));
  return g_strdup_printf ("%.*s.ini", (int) (strlen (path) - strlen (TW_MODEL_FILE_EXTENSION)), path);
}

static TwTable *
new_table (const char *name,
           gboolean    with_column)
{
  TwTable *table = tw_table_new (name);

  if (with_column)
    {
      g_autoptr (TwColumn) column = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

      tw_table_add_column (table, column);
    }

  return table;
}

static TwWindow *
new_window (TwMetadata *metadata,
            GFile      *file)
{
  TwWindow *window = tw_window_new (app, metadata, file, NULL);

  gtk_window_present (GTK_WINDOW (window));
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* The canvas is not under test here: off screen, it draws nothing. */
  adw_view_stack_set_visible_child_name (window->view_stack, "sql");
  drain ();

  return window;
}

/* The visible message dialog over parent (NULL: any), or NULL. */
static AdwMessageDialog *
find_message_dialog (GtkWindow  *parent,
                     const char *heading)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_widget_get_visible (l->data) &&
          (parent == NULL || gtk_window_get_transient_for (l->data) == parent) &&
          g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static TwWindow *
find_window_titled (const char *title)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (TW_IS_WINDOW (l->data) &&
          g_strcmp0 (tw_window_get_document_title (l->data), title) == 0)
        return l->data;
    }

  return NULL;
}

/* Writes an autosave as a crashed process leaves it; returns its model file. */
static GFile *
plant_autosave (const char *id,
                TwMetadata *metadata,
                const char *original_uri,
                const char *name)
{
  g_autofree char *folder = tw_autosave_dup_folder ();
  g_autofree char *model_name = g_strconcat (id, TW_MODEL_FILE_EXTENSION, NULL);
  g_autofree char *model_path = g_build_filename (folder, model_name, NULL);
  g_autofree char *info_name = g_strconcat (id, ".ini", NULL);
  g_autofree char *info_path = g_build_filename (folder, info_name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *info = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  data = tw_model_file_to_data (metadata, NULL);
  g_file_set_contents (model_path, data, -1, &error);
  g_assert_no_error (error);
  info = g_strdup_printf ("[Autosave]\nuri=%s\nname=%s\nsaved=%" G_GINT64_FORMAT "\n",
                          original_uri, name, g_get_real_time () / G_USEC_PER_SEC);
  g_file_set_contents (info_path, info, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (model_path);
}

static void
test_autosave_written (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = new_table ("customer", TRUE);
  g_autoptr (TwTable) second = new_table ("invoice", TRUE);
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GFile) autosave = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *folder = tw_autosave_dup_folder ();
  TwWindow *window;

  _tw_autosave_set_delays (50, 200);
  window = new_window (NULL, NULL);
  autosave = tw_autosave_dup_window_file (GTK_WINDOW (window));
  g_assert_nonnull (autosave);
  g_assert_true (g_str_has_prefix (g_file_peek_path (autosave), folder));
  info_path = dup_info_path (autosave);

  /* Unmodified: nothing is written. */
  drain ();
  g_assert_false (file_exists (autosave));

  tw_metadata_add_table (tw_window_get_metadata (window), table);
  g_assert_true (tw_window_get_modified (window));
  SPIN_UNTIL (file_exists (autosave) && g_file_test (info_path, G_FILE_TEST_IS_REGULAR));

  /* A later change is written too, and loads back equal. */
  tw_metadata_add_table (tw_window_get_metadata (window), second);
  expected = tw_model_file_to_data (tw_window_get_metadata (window), NULL);
  for (;;)
    {
      g_clear_object (&loaded);
      g_clear_pointer (&actual, g_free);
      loaded = tw_model_file_load (autosave, NULL, &error);
      g_assert_no_error (error);
      actual = tw_model_file_to_data (loaded, NULL);
      if (g_strcmp0 (actual, expected) == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (tw_metadata_get_n_tables (loaded), ==, 2);

  /* Closing it unsaved (Discard) deletes the autosave. */
  window->close_confirmed = TRUE;
  destroy_window (GTK_WINDOW (window));
  drain ();
  g_assert_false (file_exists (autosave));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_autosave_deleted_on_save (void)
{
  g_autoptr (TwTable) table = new_table ("customer", TRUE);
  g_autoptr (GFile) autosave = NULL;
  g_autoptr (GFile) target = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "saved.twm", NULL);
  g_autofree char *info_path = NULL;
  TwWindow *window;

  _tw_autosave_set_delays (50, 200);
  window = new_window (NULL, NULL);
  autosave = tw_autosave_dup_window_file (GTK_WINDOW (window));
  info_path = dup_info_path (autosave);

  tw_metadata_add_table (tw_window_get_metadata (window), table);
  SPIN_UNTIL (file_exists (autosave));

  target = g_file_new_for_path (path);
  g_assert_true (tw_window_save_to_file (window, target, &error));
  g_assert_no_error (error);
  g_assert_false (file_exists (autosave));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_IS_REGULAR));

  /* Saved, the window writes no autosave, even after the delay. */
  drain ();
  g_assert_false (file_exists (autosave));

  destroy_window (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_autosave_debounced (void)
{
  g_autoptr (TwTable) table = new_table ("customer", TRUE);
  g_autoptr (GFile) autosave = NULL;
  gint64    start;
  TwWindow *window;

  /* A long delay: a change then nothing more must wait the whole delay;
   * changes every 100 ms must not put the write off past the longest wait. */
  _tw_autosave_set_delays (400, 800);
  window = new_window (NULL, NULL);
  autosave = tw_autosave_dup_window_file (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  tw_metadata_add_table (tw_window_get_metadata (window), table);
  while (!file_exists (autosave))
    {
      gint64 elapsed = (g_get_monotonic_time () - start) / 1000;
      g_autofree char *name = g_strdup_printf ("t%" G_GINT64_FORMAT, elapsed);

      g_assert_cmpint (elapsed, <, 5000);
      /* Keep changing the model. */
      tw_table_set_comment (table, name);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  /* Written near the longest wait, not at the first change's delay. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, >=, 700);

  window->close_confirmed = TRUE;
  destroy_window (GTK_WINDOW (window));
  g_assert_false (file_exists (autosave));
}

static void
test_recovery_on_start (void)
{
  g_autoptr (TwMetadata) crashed = tw_metadata_new ();
  g_autoptr (TwMetadata) crashed_untitled = tw_metadata_new ();
  g_autoptr (TwTable) table = new_table ("recovered_table", TRUE);
  g_autoptr (TwTable) other = new_table ("draft", TRUE);
  g_autoptr (GFile) autosave = NULL;
  g_autoptr (GFile) autosave_untitled = NULL;
  g_autoptr (GFile) original = NULL;
  g_autofree char *original_path = g_build_filename (g_get_tmp_dir (), "shop.twm", NULL);
  g_autofree char *original_uri = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  AdwMessageDialog *dialog;
  TwWindow         *recovered;
  TwWindow         *untitled;
  AdwMessageDialog *replace;
  g_autoptr (GError) error = NULL;

  _tw_autosave_set_delays (50, 200);

  /* The original file as last saved: one table fewer. */
  original = g_file_new_for_path (original_path);
  original_uri = g_file_get_uri (original);
  g_assert_true (tw_model_file_save (crashed, original, NULL, &error));
  g_assert_no_error (error);

  tw_metadata_add_table (crashed, table);
  tw_metadata_add_table (crashed_untitled, other);
  autosave = plant_autosave ("crashed-1", crashed, original_uri, "shop.twm");
  autosave_untitled = plant_autosave ("crashed-2", crashed_untitled, "", "");

  /* The application starts: the demo, and the question. */
  g_application_activate (G_APPLICATION (app));
  SPIN_UNTIL (find_message_dialog (NULL, "Recover Unsaved Models?") != NULL);
  dialog = find_message_dialog (NULL, "Recover Unsaved Models?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "shop.twm"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Untitled Model"));
  /* Asked once per start. */
  tw_autosave_offer_recovery_once (app);

  adw_message_dialog_response (dialog, "recover");
  SPIN_UNTIL (find_window_titled ("• shop (Recovered)") != NULL &&
              find_window_titled ("• Untitled Model (Recovered)") != NULL);
  recovered = find_window_titled ("• shop (Recovered)");
  untitled = find_window_titled ("• Untitled Model (Recovered)");

  g_assert_true (tw_window_get_modified (recovered));
  g_assert_true (g_file_equal (tw_window_get_file (recovered), original));
  g_assert_null (tw_window_get_file (untitled));
  expected = tw_model_file_to_data (crashed, NULL);
  actual = tw_model_file_to_data (tw_window_get_metadata (recovered), NULL);
  g_assert_cmpstr (actual, ==, expected);

  /* The recovered windows own their autosaves now: kept, not offered. */
  g_assert_true (file_exists (autosave));
  g_assert_null (tw_autosave_offer_recovery (app, NULL));

  /* Save asks before it replaces the original; Replace writes there. */
  gtk_widget_activate_action (GTK_WIDGET (recovered), "win.save", NULL);
  replace = find_message_dialog (GTK_WINDOW (recovered), "Replace the Saved Model?");
  g_assert_nonnull (replace);
  adw_message_dialog_response (replace, "replace");
  g_assert_false (tw_window_get_modified (recovered));
  g_assert_cmpstr (tw_window_get_document_title (recovered), ==, "shop");
  g_assert_false (file_exists (autosave));
  {
    g_autoptr (TwMetadata) reloaded = tw_model_file_load (original, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tw_metadata_find_table (reloaded, "recovered_table"));
  }

  /* Discarding the untitled one deletes its autosave. */
  untitled->close_confirmed = TRUE;
  destroy_window (GTK_WINDOW (untitled));
  g_assert_false (file_exists (autosave_untitled));

  destroy_all_windows ();
  g_assert_cmpint (g_unlink (original_path), ==, 0);
}

static void
test_recovery_discard_and_later (void)
{
  g_autoptr (TwMetadata) crashed = tw_metadata_new ();
  g_autoptr (TwTable) table = new_table ("lost", TRUE);
  g_autoptr (GFile) autosave = NULL;
  g_autofree char *info_path = NULL;
  GtkWidget *dialog;

  tw_metadata_add_table (crashed, table);
  autosave = plant_autosave ("crashed-3", crashed, "", "");
  info_path = dup_info_path (autosave);

  /* Escape keeps the autosave for the next start. */
  dialog = tw_autosave_offer_recovery (app, NULL);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_true (file_exists (autosave));

  dialog = tw_autosave_offer_recovery (app, NULL);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_false (file_exists (autosave));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (tw_autosave_offer_recovery (app, NULL));
}

static void
test_recent_menu (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (GFile) first = NULL;
  g_autoptr (GFile) second = NULL;
  g_autoptr (GFile) missing = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first_path = g_build_filename (g_get_tmp_dir (), "first.twm", NULL);
  g_autofree char *second_path = g_build_filename (g_get_tmp_dir (), "second_model.twm", NULL);
  g_autofree char *missing_path = g_build_filename (g_get_tmp_dir (), "gone.twm", NULL);
  g_autofree char *first_uri = NULL;
  g_autofree char *second_uri = NULL;
  g_autofree char *label = NULL;
  g_auto (GStrv) uris = NULL;
  GMenuModel *menu;
  TwWindow   *window;
  TwWindow   *opened;
  const char *empty[] = { NULL };

  g_settings_set_strv (tw_application_get_settings (app), "recent-files", empty);

  first = g_file_new_for_path (first_path);
  second = g_file_new_for_path (second_path);
  missing = g_file_new_for_path (missing_path);
  first_uri = g_file_get_uri (first);
  second_uri = g_file_get_uri (second);
  g_assert_true (tw_model_file_save (metadata, first, NULL, &error));
  g_assert_true (tw_model_file_save (metadata, second, NULL, &error));
  g_assert_no_error (error);

  window = new_window (NULL, NULL);
  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), TW_TYPE_WINDOW,
                                                      "recent_menu"));
  /* Nothing yet: one insensitive placeholder. */
  uris = tw_recent_menu_dup_uris (menu);
  g_assert_cmpuint (g_strv_length (uris), ==, 0);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_clear_pointer (&uris, g_strfreev);

  /* Opening a file records it; a file that no longer exists is left out. */
  tw_application_add_recent_file (app, missing);
  opened = tw_application_open_file (app, first);
  g_assert_nonnull (opened);
  tw_application_add_recent_file (app, second);
  uris = tw_recent_menu_dup_uris (menu);
  g_assert_cmpuint (g_strv_length (uris), ==, 2);
  g_assert_cmpstr (uris[0], ==, second_uri);
  g_assert_cmpstr (uris[1], ==, first_uri);
  /* Underscores are not mnemonics. */
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "second__model.twm");

  /* app.open-recent opens the file in a window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-recent",
                                  g_variant_new_string (second_uri));
  g_assert_nonnull (find_window_titled ("second_model"));

  destroy_all_windows ();
  g_assert_cmpint (g_unlink (first_path), ==, 0);
  g_assert_cmpint (g_unlink (second_path), ==, 0);
}

/* The list view under root that shows model, or NULL. */
static GtkListView *
find_list_view (GtkWidget  *root,
                GListModel *model)
{
  GtkListView *found = NULL;

  if (GTK_IS_LIST_VIEW (root))
    {
      GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (root));

      if (GTK_IS_NO_SELECTION (selection) &&
          gtk_no_selection_get_model (GTK_NO_SELECTION (selection)) == model)
        return GTK_LIST_VIEW (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_list_view (child, model);

  return found;
}

static void
test_problem_selects_table (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwTable) good = new_table ("good", TRUE);
  g_autoptr (TwTable) empty = new_table ("empty_one", FALSE);
  TwSqlView   *sql_view;
  TwCanvas    *canvas;
  TwWindow    *window;
  GtkListView *list_view;

  tw_metadata_add_table (metadata, good);
  tw_metadata_add_table (metadata, empty);
  window = new_window (metadata, NULL);
  sql_view = window->sql_view;
  canvas = tw_design_view_get_canvas (TW_DESIGN_VIEW (adw_view_stack_get_child_by_name (window->view_stack,
                                                                                           "design")));

  adw_view_stack_set_visible_child_name (window->view_stack, "sql");
  tw_canvas_select_table (canvas, good);
  SPIN_UNTIL (tw_sql_view_get_has_problems (sql_view));
  g_assert_cmpuint (g_list_model_get_n_items (tw_sql_view_get_problems (sql_view)), >=, 1);

  /* A click on the problem goes to the design view, its table selected. */
  tw_sql_view_activate_problem (sql_view, 0);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "design");
  g_assert_true (tw_canvas_get_selected_table (canvas) == empty);

  /* The same through the list itself, as a click activates its row. */
  tw_canvas_select_table (canvas, good);
  adw_view_stack_set_visible_child_name (window->view_stack, "sql");
  list_view = find_list_view (GTK_WIDGET (sql_view), tw_sql_view_get_problems (sql_view));
  g_assert_nonnull (list_view);
  g_assert_true (gtk_list_view_get_single_click_activate (list_view));
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "design");
  g_assert_true (tw_canvas_get_selected_table (canvas) == empty);

  /* Out of range does nothing. */
  tw_sql_view_activate_problem (sql_view, 1000);
  g_assert_true (tw_canvas_get_selected_table (canvas) == empty);

  window->close_confirmed = TRUE;
  destroy_window (GTK_WINDOW (window));
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

  /* First: the application has not been activated yet. */
  g_test_add_func ("/app/autosave/recovery-on-start", test_recovery_on_start);
  g_test_add_func ("/app/autosave/written-and-loads", test_autosave_written);
  g_test_add_func ("/app/autosave/deleted-on-save", test_autosave_deleted_on_save);
  g_test_add_func ("/app/autosave/debounced", test_autosave_debounced);
  g_test_add_func ("/app/autosave/recovery-discard-and-later", test_recovery_discard_and_later);
  g_test_add_func ("/app/recent/menu", test_recent_menu);
  g_test_add_func ("/app/problems/click-selects-table", test_problem_selects_table);

  ret = g_test_run ();

  destroy_all_windows ();
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
