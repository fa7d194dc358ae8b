/* test-apply.c: Create Tables and Drop Tables in the window's database, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tw-application.h"
#include "tw-data-view.h"
#include "tw-ddl-statement.h"
#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-model-file.h"
#include "tw-row-model.h"
#include "tw-window-apply.h"
#include "tw-window-private.h"

/* The table the database holds before the test creates the others. */
#define EXISTING_TABLE "categories"

static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until cond holds, failing after 20 s. */
#define SPIN_UNTIL(cond)                                                     \
  G_STMT_START                                                               \
    {                                                                        \
      gint64 deadline_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;      \
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

typedef struct
{
  char       *path;
  char       *url;
  TwMetadata *metadata;
  TwWindow   *window;
} Fixture;

static TwConnection *
open_database (const char *url)
{
  g_autoptr (TwUrl) parsed = NULL;
  g_autoptr (GError) error = NULL;
  TwConnection *connection;

  parsed = tw_url_parse (url, &error);
  g_assert_no_error (error);
  connection = tw_connection_open (parsed, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static TwMetadata *
load_demo (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("TW_SOURCE_DIR"), "data", "demo", "demo.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);

  return metadata;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The database's tables, sorted, read over a fresh connection. */
static char **
dup_table_names (Fixture *fixture)
{
  g_autoptr (TwConnection) connection = open_database (fixture->url);
  g_autoptr (TwInspector) inspector = tw_inspector_new (connection);
  g_autoptr (GError) error = NULL;
  char **names;

  names = tw_inspector_get_table_names (inspector, NULL, &error);
  g_assert_no_error (error);
  tw_connection_close (connection);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  return names;
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autoptr (TwConnection) connection = open_database (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autoptr (TwResult) result = NULL;
  const TwValue *value;
  gint64 count;

  result = tw_connection_execute (connection, sql, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 1);
  value = tw_result_get_value (result, 0, 0);
  count = tw_value_get_int64 (value);
  tw_connection_close (connection);

  return count;
}

static void
execute_script (Fixture    *fixture,
                const char *script)
{
  g_autoptr (TwConnection) connection = open_database (fixture->url);
  g_autoptr (GError) error = NULL;

  tw_connection_execute_script (connection, script, NULL, &error);
  g_assert_no_error (error);
  tw_connection_close (connection);
}

/* The statements of the model's script, without those of skip_table. */
static char *
dup_expected_script (Fixture    *fixture,
                     gboolean    create,
                     const char *skip_table)
{
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  if (create)
    statements = tw_dialect_compile_create_all (dialect, fixture->metadata, &error);
  else
    statements = tw_dialect_compile_drop_all (dialect, fixture->metadata, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < statements->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (g_strcmp0 (statement->table, skip_table) != 0)
        g_ptr_array_add (kept, statement);
    }
  g_assert_cmpuint (kept->len, <, statements->len + (skip_table == NULL ? 1 : 0));

  return tw_ddl_statements_to_script (kept);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = g_build_filename (g_get_user_data_dir (), "apply.db", NULL);
  fixture->url = g_strdup_printf ("sqlite:///%s", fixture->path);
  fixture->metadata = load_demo ();

  /* One of the model's tables exists already, with a row in it. */
  statements = tw_dialect_compile_create_table (dialect,
                                                tw_metadata_find_table (fixture->metadata,
                                                                        EXISTING_TABLE),
                                                NULL, &error);
  g_assert_no_error (error);
  script = tw_ddl_statements_to_script (statements);
  execute_script (fixture, script);
  execute_script (fixture, "INSERT INTO " EXISTING_TABLE " (id, name) VALUES (1, 'Science')");

  fixture->window = tw_window_new (app, fixture->metadata, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));

  connection = open_database (fixture->url);
  _tw_window_set_connection (fixture->window, connection);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *weak = GTK_WINDOW (fixture->window);
  GList *toplevels;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  SPIN_UNTIL (weak == NULL);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&fixture->metadata);
  g_free (fixture->url);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* Whether the action is enabled, as a button pointing at it sees it. */
static gboolean
window_action_enabled (TwWindow   *window,
                       const char *name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  adw_header_bar_pack_end (window->header_bar, button);
  enabled = gtk_widget_get_sensitive (button);
  adw_header_bar_remove (window->header_bar, button);

  return enabled;
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  return window_action_enabled (fixture->window, name);
}

/* Activates the action and waits for its confirmation dialog. */
static AdwMessageDialog *
wait_for_dialog (Fixture    *fixture,
                 const char *action)
{
  g_assert_true (action_enabled (fixture, action));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  g_assert_true (_tw_window_apply_is_busy (fixture->window));
  g_assert_false (action_enabled (fixture, action));
  SPIN_UNTIL (_tw_window_apply_get_dialog (fixture->window) != NULL);

  return _tw_window_apply_get_dialog (fixture->window);
}

static void
assert_tables (Fixture            *fixture,
               const char * const *expected)
{
  g_auto (GStrv) names = dup_table_names (fixture);

  g_assert_cmpstrv (names, expected);
}

/* Shows the Data view over a table, as a click in the sidebar would. */
static TwDataView *
show_table (Fixture    *fixture,
            const char *name)
{
  GListModel *tables = G_LIST_MODEL (fixture->window->table_selection);

  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "data");
  for (guint i = 0; i < g_list_model_get_n_items (tables); i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (g_strcmp0 (tw_table_get_name (table), name) == 0)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->window->table_selection),
                                         i, TRUE);
    }

  return TW_DATA_VIEW (adw_view_stack_get_child_by_name (fixture->window->view_stack, "data"));
}

static const char * const only_existing[] = { EXISTING_TABLE, NULL };

static void
test_create_and_drop (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const all_tables[] = {
    "addresses", "authors", "book_authors", "books", "categories", "order_lines", "orders", "users",
    NULL,
  };
  g_autofree char *expected_create = dup_expected_script (fixture, TRUE, EXISTING_TABLE);
  g_autofree char *expected_drop = dup_expected_script (fixture, FALSE, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *heading = NULL;
  g_autoptr (TwSession) old_session = NULL;
  AdwMessageDialog *dialog;
  TwDataView *view;
  guint n_tables = tw_metadata_get_n_tables (fixture->metadata);

  g_assert_cmpuint (n_tables, ==, g_strv_length ((char **) all_tables));

  /* The Data view over a table the database lacks yet. */
  view = show_table (fixture, "users");
  g_assert_true (tw_data_view_get_session (view) == fixture->window->session);
  old_session = g_object_ref (fixture->window->session);

  /* Create: the dialog shows exactly the statements of the missing tables. */
  dialog = wait_for_dialog (fixture, "win.create-tables");
  sql = _tw_window_apply_dup_dialog_sql (dialog);
  g_assert_cmpstr (sql, ==, expected_create);
  heading = g_strdup_printf ("Create %u Tables?", n_tables - 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“" EXISTING_TABLE "”"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "apply"), ==,
                   ADW_RESPONSE_SUGGESTED);

  adw_message_dialog_response (dialog, "apply");
  SPIN_UNTIL (!_tw_window_apply_is_busy (fixture->window));
  g_assert_null (_tw_window_apply_get_dialog (fixture->window));
  assert_tables (fixture, all_tables);
  g_assert_cmpint (count_rows (fixture, EXISTING_TABLE), ==, 1);
  /* The window is bound to a fresh session over the same database, and the
   * Data view reloads over it: the new table is there, and empty. */
  g_assert_nonnull (fixture->window->session);
  g_assert_true (fixture->window->session != old_session);
  g_assert_true (tw_data_view_get_session (view) == fixture->window->session);
  g_assert_cmpstr (tw_table_get_name (tw_data_view_get_table (view)), ==, "users");
  SPIN_UNTIL (tw_data_view_get_model (view) != NULL &&
              !tw_row_model_get_loading (TW_ROW_MODEL (tw_data_view_get_model (view))));
  g_assert_cmpuint (g_list_model_get_n_items (tw_data_view_get_model (view)), ==, 0);

  /* Drop: destructive, and every table goes. */
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&heading, g_free);
  dialog = wait_for_dialog (fixture, "win.drop-tables");
  sql = _tw_window_apply_dup_dialog_sql (dialog);
  g_assert_cmpstr (sql, ==, expected_drop);
  heading = g_strdup_printf ("Drop %u Tables?", n_tables);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "lost"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "apply"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  adw_message_dialog_response (dialog, "apply");
  SPIN_UNTIL (!_tw_window_apply_is_busy (fixture->window));
  {
    g_auto (GStrv) names = dup_table_names (fixture);

    g_assert_cmpuint (g_strv_length (names), ==, 0);
  }
  g_assert_true (action_enabled (fixture, "win.create-tables"));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog;

  dialog = wait_for_dialog (fixture, "win.create-tables");
  adw_message_dialog_response (dialog, "cancel");
  SPIN_UNTIL (!_tw_window_apply_is_busy (fixture->window));
  assert_tables (fixture, only_existing);

  dialog = wait_for_dialog (fixture, "win.drop-tables");
  adw_message_dialog_response (dialog, "cancel");
  SPIN_UNTIL (!_tw_window_apply_is_busy (fixture->window));
  assert_tables (fixture, only_existing);
  g_assert_cmpint (count_rows (fixture, EXISTING_TABLE), ==, 1);
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;

  return NULL;
}

static void
test_drop_refused_with_staged_changes (Fixture       *fixture,
                                       gconstpointer  data)
{
  TwSession *session = fixture->window->session;
  TwTable *table = tw_metadata_find_table (fixture->metadata, EXISTING_TABLE);
  g_autoptr (TwRow) row = NULL;
  g_autoptr (GError) error = NULL;

  row = tw_session_create_row (session, table);
  g_assert_true (tw_session_add (session, row, &error));
  g_assert_no_error (error);
  g_assert_true (tw_session_has_changes (session));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.drop-tables",
                                             NULL));
  SPIN_UNTIL (find_message_dialog ("Staged Changes") != NULL);
  g_assert_false (_tw_window_apply_is_busy (fixture->window));
  g_assert_null (_tw_window_apply_get_dialog (fixture->window));
  assert_tables (fixture, only_existing);
  /* The staged row is still there. */
  g_assert_true (tw_session_has_changes (fixture->window->session));
}

/* Renders a toplevel, as it looks now, into a PNG file. */
static void
write_png (GtkWidget  *widget,
           const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Not a check: with TW_SCREENSHOT=file.png, saves the Create Tables dialog
 * as the documentation shows it. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *path = g_getenv ("TW_SCREENSHOT");
  AdwMessageDialog *dialog;
  gint64 until;

  if (path == NULL)
    {
      g_test_skip ("Set TW_SCREENSHOT to a PNG path to take the screenshot");
      return;
    }

  dialog = wait_for_dialog (fixture, "win.create-tables");
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
              gtk_widget_get_width (GTK_WIDGET (dialog)) > 0);
  /* Let the highlighting and the first frames settle. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  SPIN_UNTIL (g_get_monotonic_time () > until);
  write_png (GTK_WIDGET (dialog), path);

  adw_message_dialog_response (dialog, "cancel");
  SPIN_UNTIL (!_tw_window_apply_is_busy (fixture->window));
}

static void
test_not_connected (void)
{
  g_autoptr (TwMetadata) metadata = load_demo ();
  TwWindow *window = tw_window_new (app, metadata, NULL, NULL);

  g_assert_false (window_action_enabled (window, "win.create-tables"));
  g_assert_false (window_action_enabled (window, "win.drop-tables"));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

  g_test_add_func ("/app/apply/not-connected", test_not_connected);
  g_test_add ("/app/apply/create-and-drop", Fixture, NULL,
              fixture_setup, test_create_and_drop, fixture_teardown);
  g_test_add ("/app/apply/cancel", Fixture, NULL,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/app/apply/drop-refused-with-staged-changes", Fixture, NULL,
              fixture_setup, test_drop_refused_with_staged_changes, fixture_teardown);
  g_test_add ("/app/apply/screenshot", Fixture, NULL,
              fixture_setup, test_screenshot, fixture_teardown);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
