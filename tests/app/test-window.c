/* test-window.c: tests of the application and its document windows, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "tw-application.h"
#include "tw-dialect.h"
#include "tw-model-file.h"
#include "tw-table-row.h"
#include "tw-window-private.h"

/* One application for the whole run: GTK initialises once per process. */
static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until cond holds, failing after 30 s (a loaded CI
 * machine can take a while to list a folder in the file chooser); a timer
 * wakes the loop so that a condition polled from outside is seen. */
#define SPIN_UNTIL(cond)                                              \
  G_STMT_START                                                        \
    {                                                                        \
      gint64 deadline_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;      \
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

/* Lets pending idles and timeouts run until nothing is due right now. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
destroy_window (TwWindow *window)
{
  GtkWindow *weak = GTK_WINDOW (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  SPIN_UNTIL (weak == NULL);
}

/* Destroys every window left (dialogs, documents) so each test starts clean. */
static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  drain ();
}

static char *
dup_buffer_text (TwWindow *window)
{
  GtkTextBuffer *buffer = tw_sql_view_get_buffer (window->sql_view);
  GtkTextIter    begin;
  GtkTextIter    end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  return gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
}

static gboolean
buffer_equals (TwWindow   *window,
               const char *expected)
{
  g_autofree char *text = dup_buffer_text (window);

  return g_strcmp0 (text, expected) == 0;
}

static char *
compile_script (TwMetadata   *metadata,
                TwDialectKind kind,
                gboolean      drop)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) statements = NULL;

  if (drop)
    statements = tw_dialect_compile_drop_all (tw_dialect_get (kind), metadata, &error);
  else
    statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
  g_assert_no_error (error);
  g_assert_nonnull (statements);

  return tw_ddl_statements_to_script (statements);
}

/* The demo model as the resource bundles it, loaded on its own. */
static TwMetadata *
load_bundled_demo (void)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;

  bytes = g_resources_lookup_data (TW_DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  metadata = tw_model_file_load_from_data (g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return metadata;
}

static char *
model_to_data (TwMetadata *metadata)
{
  return tw_model_file_to_data (metadata, NULL);
}

/* A path in the test's own (isolated) data folder, which is created. */
static char *
dup_data_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static TwWindow *
open_demo (void)
{
  TwWindow *window = tw_application_open_demo (app);

  g_assert_true (TW_IS_WINDOW (window));
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* The SQL view compiles at once; let the first frames pass. */
  drain ();

  return window;
}

static void
collect_table_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (TW_IS_TABLE_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_table_rows (child, rows);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* Whether a mapped row of the sidebar shows "name" over "N columns". */
static gboolean
sidebar_shows (TwWindow   *window,
               const char *name,
               guint       n_columns)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *columns = g_strdup_printf ("%u column%s", n_columns, n_columns == 1 ? "" : "s");

  collect_table_rows (GTK_WIDGET (window->table_list), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      collect_labels (rows->pdata[i], labels);
      g_assert_cmpuint (labels->len, >=, 2);
      if (g_strcmp0 (labels->pdata[0], name) == 0 && g_strcmp0 (labels->pdata[1], columns) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint
n_sidebar_rows (TwWindow *window)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_table_rows (GTK_WIDGET (window->table_list), rows);
  return rows->len;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_widget_get_visible (l->data) &&
          gtk_window_get_transient_for (l->data) == parent)
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

/* Whether win.NAME is enabled, as a button pointing at it sees it. */
static gboolean
action_enabled (TwWindow   *window,
                const char *name)
{
  g_autofree char *detailed = g_strconcat ("win.", name, NULL);
  GtkWidget       *button = gtk_button_new ();
  gboolean         enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), detailed);
  adw_header_bar_pack_end (window->header_bar, button);
  enabled = gtk_widget_get_sensitive (button);
  adw_header_bar_remove (window->header_bar, button);

  return enabled;
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    g_ptr_array_add (buttons, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* Clicks the dialog's button for a response, as the user would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  g_assert_nonnull (label);
  collect_buttons (GTK_WIDGET (dialog), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
        {
          g_signal_emit_by_name (buttons->pdata[i], "clicked");
          return;
        }
    }

  g_error ("No button “%s” in the dialog", label);
}

static void
test_demo_copied_once (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) again = NULL;
  g_autoptr (GBytes) bundled = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected_path = NULL;
  gsize            length;

  file = tw_application_dup_demo_file (app, &error);
  g_assert_no_error (error);
  expected_path = g_build_filename (g_get_user_data_dir (), "tablewright", "demo", "demo.twm", NULL);
  g_assert_cmpstr (g_file_peek_path (file), ==, expected_path);

  /* The copy holds the bundled bytes. */
  bundled = g_resources_lookup_data (TW_DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_file_get_contents (expected_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));

  /* The user's copy is theirs: a second call leaves it as it is. */
  g_file_set_contents (expected_path, "changed by the user", -1, &error);
  g_assert_no_error (error);
  again = tw_application_dup_demo_file (app, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, again));
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (expected_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "changed by the user");
}

static void
test_activate_opens_demo (void)
{
  g_autofree char *expected_path = NULL;
  GtkWindow       *active;
  TwWindow        *window;

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (TW_IS_WINDOW (active));
  window = TW_WINDOW (active);

  expected_path = g_build_filename (g_get_user_data_dir (), "tablewright", "demo", "demo.twm", NULL);
  g_assert_nonnull (tw_window_get_file (window));
  g_assert_cmpstr (g_file_peek_path (tw_window_get_file (window)), ==, expected_path);
  g_assert_cmpstr (tw_window_get_document_title (window), ==, "demo");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "demo");
  g_assert_false (tw_window_get_modified (window));

  /* Activating again presents the same window rather than a second one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  destroy_window (window);
}

static void
test_sidebar_lists_tables (void)
{
  g_autoptr (TwMetadata) demo = load_bundled_demo ();
  TwWindow   *window = open_demo ();
  TwMetadata *metadata = tw_window_get_metadata (window);
  guint       n = tw_metadata_get_n_tables (demo);

  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->table_filter_model)), ==, n);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "tables");

  /* Every table shows with its name and column count, in model order. */
  SPIN_UNTIL (n_sidebar_rows (window) == n);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (demo, i);
      g_autoptr (TwTable) shown = g_list_model_get_item (G_LIST_MODEL (window->table_filter_model), i);

      g_assert_cmpstr (tw_table_get_name (shown), ==, tw_table_get_name (table));
      g_assert_true (sidebar_shows (window, tw_table_get_name (table), tw_table_get_n_columns (table)));
    }

  destroy_window (window);
}

static guint
count_names_containing (TwMetadata *metadata,
                        const char *needle)
{
  guint count = 0;

  for (guint i = 0; i < tw_metadata_get_n_tables (metadata); i++)
    {
      g_autofree char *name = g_utf8_strdown (tw_table_get_name (tw_metadata_get_table (metadata, i)), -1);

      if (strstr (name, needle) != NULL)
        count++;
    }

  return count;
}

static void
test_search_filters (void)
{
  g_autoptr (TwMetadata) demo = load_bundled_demo ();
  TwWindow   *window = open_demo ();
  GListModel *shown = G_LIST_MODEL (window->table_filter_model);
  guint       n = tw_metadata_get_n_tables (demo);
  guint       expected;

  /* Ctrl+F's action puts the focus in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  SPIN_UNTIL (gtk_widget_has_focus (GTK_WIDGET (window->search_entry)) ||
              gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                      GTK_WIDGET (window->search_entry)));

  expected = count_names_containing (demo, "or");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "OR");
  SPIN_UNTIL (g_list_model_get_n_items (shown) == expected);
  SPIN_UNTIL (n_sidebar_rows (window) == expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (shown, i);
      g_autofree char *lower = g_utf8_strdown (tw_table_get_name (table), -1);

      g_assert_nonnull (strstr (lower, "or"));
    }

  /* Nothing found: the sidebar says so. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "no such table");
  SPIN_UNTIL (g_list_model_get_n_items (shown) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "no-results");

  /* Escape (stop-search) clears the search. */
  g_signal_emit_by_name (window->search_entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->search_entry)), ==, "");
  SPIN_UNTIL (g_list_model_get_n_items (shown) == n);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "tables");

  destroy_window (window);
}

static void
test_sql_follows_dialect (void)
{
  TwWindow        *window = open_demo ();
  TwMetadata      *metadata = tw_window_get_metadata (window);
  GSettings       *settings = tw_application_get_settings (app);
  g_autofree char *sqlite = compile_script (metadata, TW_DIALECT_KIND_SQLITE, FALSE);
  g_autofree char *postgresql = compile_script (metadata, TW_DIALECT_KIND_POSTGRESQL, FALSE);
  g_autofree char *postgresql_drop = compile_script (metadata, TW_DIALECT_KIND_POSTGRESQL, TRUE);
  g_autofree char *mysql = compile_script (metadata, TW_DIALECT_KIND_MYSQL, FALSE);
  GtkDropDown     *dropdown;

  adw_view_stack_set_visible_child_name (window->view_stack, "sql");
  g_assert_true (adw_view_stack_get_visible_child (window->view_stack) == GTK_WIDGET (window->sql_view));

  g_settings_set_string (settings, "ddl-dialect", "sqlite");
  SPIN_UNTIL (tw_sql_view_get_dialect (window->sql_view) == TW_DIALECT_KIND_SQLITE);
  SPIN_UNTIL (buffer_equals (window, sqlite));
  g_assert_true (tw_sql_view_get_valid (window->sql_view));
  g_assert_false (tw_sql_view_get_has_problems (window->sql_view));
  g_assert_cmpuint (g_list_model_get_n_items (tw_sql_view_get_problems (window->sql_view)), ==, 0);

  /* The dialect drop-down, as a user would pick it. */
  dropdown = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (window->sql_view), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown, TW_DIALECT_KIND_POSTGRESQL);
  SPIN_UNTIL (buffer_equals (window, postgresql));
  g_assert_cmpint (tw_sql_view_get_dialect (window->sql_view), ==, TW_DIALECT_KIND_POSTGRESQL);
  /* The choice is remembered. */
  {
    g_autofree char *saved = g_settings_get_string (settings, "ddl-dialect");

    g_assert_cmpstr (saved, ==, "postgresql");
  }

  /* Drop statements, through the view's action as the toggle buttons use it. */
  gtk_widget_activate_action (GTK_WIDGET (window->sql_view), "sql.mode", "s", "drop");
  SPIN_UNTIL (buffer_equals (window, postgresql_drop));
  gtk_widget_activate_action (GTK_WIDGET (window->sql_view), "sql.mode", "s", "create");
  SPIN_UNTIL (buffer_equals (window, postgresql));

  /* The setting drives every window's view. */
  g_settings_set_string (settings, "ddl-dialect", "mysql");
  SPIN_UNTIL (buffer_equals (window, mysql));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, TW_DIALECT_KIND_MYSQL);

  g_settings_reset (settings, "ddl-dialect");
  destroy_window (window);
}

static void
test_rename_follows (void)
{
  TwWindow        *window = open_demo ();
  TwMetadata      *metadata = tw_window_get_metadata (window);
  TwTable         *table = tw_metadata_get_table (metadata, 0);
  guint            n_columns = tw_table_get_n_columns (table);
  g_autofree char *old_name = g_strdup (tw_table_get_name (table));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_settings_set_string (tw_application_get_settings (app), "ddl-dialect", "postgresql");
  before = compile_script (metadata, TW_DIALECT_KIND_POSTGRESQL, FALSE);
  SPIN_UNTIL (buffer_equals (window, before));
  SPIN_UNTIL (sidebar_shows (window, old_name, n_columns));
  g_assert_false (tw_window_get_modified (window));
  g_assert_false (g_str_has_prefix (tw_window_get_document_title (window), "•"));

  /* A search for the new name finds nothing until the table takes it. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "zz_renamed");
  SPIN_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (window->table_filter_model)) == 0);

  tw_metadata_rename_table (metadata, table, "zz_renamed");
  after = compile_script (metadata, TW_DIALECT_KIND_POSTGRESQL, FALSE);
  g_assert_cmpstr (before, !=, after);

  SPIN_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (window->table_filter_model)) == 1);
  SPIN_UNTIL (sidebar_shows (window, "zz_renamed", n_columns));
  SPIN_UNTIL (buffer_equals (window, after));
  g_assert_true (tw_window_get_modified (window));
  g_assert_true (g_str_has_prefix (tw_window_get_document_title (window), "• "));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  /* A new column shows in the count, too. */
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "");
  {
    g_autoptr (TwColumn) column = tw_column_new ("added_later", TW_COLUMN_TYPE_TEXT);

    tw_table_add_column (table, column);
  }
  SPIN_UNTIL (sidebar_shows (window, "zz_renamed", n_columns + 1));

  g_settings_reset (tw_application_get_settings (app), "ddl-dialect");
  window->close_confirmed = TRUE;
  destroy_window (window);
}

static void
test_invalid_model (void)
{
  TwWindow        *window = open_demo ();
  TwMetadata      *metadata = tw_window_get_metadata (window);
  g_autofree char *valid = compile_script (metadata, TW_DIALECT_KIND_SQLITE, FALSE);
  g_autoptr (TwTable) empty = tw_table_new ("nothing_here");
  g_autoptr (GPtrArray) problems = NULL;

  g_settings_set_string (tw_application_get_settings (app), "ddl-dialect", "sqlite");
  SPIN_UNTIL (buffer_equals (window, valid));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  /* A table without columns cannot be created. */
  tw_metadata_add_table (metadata, empty);
  problems = tw_metadata_validate (metadata, TW_DIALECT_MASK (TW_DIALECT_KIND_SQLITE));
  g_assert_cmpuint (problems->len, >, 0);
  SPIN_UNTIL (tw_sql_view_get_has_problems (window->sql_view));
  g_assert_false (tw_sql_view_get_valid (window->sql_view));
  g_assert_cmpuint (g_list_model_get_n_items (tw_sql_view_get_problems (window->sql_view)), ==,
                    problems->len);
  {
    g_autoptr (GtkStringObject) first = g_list_model_get_item (tw_sql_view_get_problems (window->sql_view), 0);
    const TwProblem *problem = g_ptr_array_index (problems, 0);

    g_assert_cmpstr (gtk_string_object_get_string (first), ==, problem->message);
  }
  /* The last good DDL stays, dimmed, never passed off as current. */
  g_assert_true (buffer_equals (window, valid));
  g_assert_true (gtk_widget_has_css_class (find_descendant (GTK_WIDGET (window->sql_view), GTK_SOURCE_TYPE_VIEW), "tw-stale"));
  g_assert_false (action_enabled (window, "copy-ddl"));
  g_assert_false (action_enabled (window, "export-ddl"));

  /* Another dialect has no good DDL to show: the reason shows instead. */
  g_settings_set_string (tw_application_get_settings (app), "ddl-dialect", "mysql");
  SPIN_UNTIL (tw_sql_view_get_dialect (window->sql_view) == TW_DIALECT_KIND_MYSQL);
  {
    g_autofree char *text = dup_buffer_text (window);

    g_assert_true (g_str_has_prefix (text, "-- "));
    g_assert_null (strstr (text, "CREATE TABLE"));
  }

  /* Fixed: current again. */
  tw_metadata_remove_table (metadata, empty);
  {
    g_autofree char *mysql = compile_script (metadata, TW_DIALECT_KIND_MYSQL, FALSE);

    SPIN_UNTIL (buffer_equals (window, mysql));
  }
  SPIN_UNTIL (tw_sql_view_get_valid (window->sql_view));
  g_assert_false (tw_sql_view_get_has_problems (window->sql_view));
  g_assert_false (gtk_widget_has_css_class (find_descendant (GTK_WIDGET (window->sql_view), GTK_SOURCE_TYPE_VIEW), "tw-stale"));
  g_assert_true (action_enabled (window, "copy-ddl"));

  g_settings_reset (tw_application_get_settings (app), "ddl-dialect");
  window->close_confirmed = TRUE;
  destroy_window (window);
}

static void
test_save (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) demo = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (TwMetadata) loaded = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_auto (GStrv) recent = NULL;
  TwWindow   *window;
  TwMetadata *metadata;

  /* A copy of the demo under another name, in the test's own folder. */
  demo = tw_application_dup_demo_file (app, &error);
  g_assert_no_error (error);
  path = dup_data_path ("saved.twm");
  file = g_file_new_for_path (path);
  g_file_copy (demo, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = tw_application_open_file (app, file);
  g_assert_true (TW_IS_WINDOW (window));
  g_assert_true (tw_application_open_file (app, file) == window);
  g_assert_cmpstr (tw_window_get_document_title (window), ==, "saved");
  metadata = tw_window_get_metadata (window);
  g_assert_false (tw_window_get_modified (window));
  /* Unmodified, with a file: saving is allowed (and harmless). */
  g_assert_true (action_enabled (window, "save"));

  tw_metadata_rename_table (metadata, tw_metadata_get_table (metadata, 1), "renamed_for_save");
  g_assert_true (tw_window_get_modified (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  SPIN_UNTIL (!tw_window_get_modified (window));
  g_assert_cmpstr (tw_window_get_document_title (window), ==, "saved");

  loaded = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  expected = model_to_data (metadata);
  actual = model_to_data (loaded);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_nonnull (tw_metadata_find_table (loaded, "renamed_for_save"));

  /* The file is the most recent one. */
  recent = g_settings_get_strv (tw_application_get_settings (app), "recent-files");
  uri = g_file_get_uri (file);
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, uri);

  destroy_window (window);
}

static gboolean
chooser_has_file (GtkNativeDialog *chooser,
                  GFile           *folder,
                  const char      *name)
{
  g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr (GFile) expected = g_file_get_child (folder, name);

  return chosen != NULL && g_file_equal (chosen, expected);
}

/* Answers the window's file chooser with folder/name, as if the user had. */
static void
choose_file (TwWindow   *window,
             const char *folder,
             const char *name)
{
  g_autoptr (GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr (GError) error = NULL;
  GtkNativeDialog *chooser = window->file_chooser;

  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_transient_for (chooser) == GTK_WINDOW (window));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The dialog takes the folder in once it has loaded it. */
  SPIN_UNTIL (chooser_has_file (chooser, folder_file, name));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (window->file_chooser);
}

static void
test_save_as (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GFile) expected_file = NULL;
  g_autofree char *folder = dup_data_path ("models");
  g_autofree char *expected_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  TwWindow        *window = tw_application_new_window (app);
  g_autoptr (TwTable) table = tw_table_new ("things");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (table, id);
  tw_metadata_add_table (tw_window_get_metadata (window), table);
  g_assert_true (tw_window_get_modified (window));

  /* Saving a model that has no file yet asks where. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  /* A name without an extension gets ".twm". */
  choose_file (window, folder, "inventory");
  expected_path = g_build_filename (folder, "inventory.twm", NULL);
  expected_file = g_file_new_for_path (expected_path);
  g_assert_true (g_file_equal (tw_window_get_file (window), expected_file));
  g_assert_false (tw_window_get_modified (window));
  g_assert_cmpstr (tw_window_get_document_title (window), ==, "inventory");

  loaded = tw_model_file_load (expected_file, NULL, &error);
  g_assert_no_error (error);
  expected = model_to_data (tw_window_get_metadata (window));
  actual = model_to_data (loaded);
  g_assert_cmpstr (actual, ==, expected);

  destroy_window (window);
}

static void
test_export_ddl (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = dup_data_path ("export");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  TwWindow        *window = open_demo ();

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_settings_set_string (tw_application_get_settings (app), "ddl-dialect", "postgresql");
  SPIN_UNTIL (tw_sql_view_get_dialect (window->sql_view) == TW_DIALECT_KIND_POSTGRESQL);
  g_assert_true (action_enabled (window, "export-ddl"));
  expected = compile_script (tw_window_get_metadata (window), TW_DIALECT_KIND_POSTGRESQL, FALSE);

  /* An existing file is replaced. */
  path = g_build_filename (folder, "schema.sql", NULL);
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-ddl", NULL);
  choose_file (window, folder, "schema.sql");
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
  /* Exporting is not saving. */
  g_assert_false (tw_window_get_modified (window));

  /* Cancelling writes nothing and lets go of the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-ddl", NULL);
  g_assert_nonnull (window->file_chooser);
  g_signal_emit_by_name (window->file_chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (window->file_chooser);

  g_settings_reset (tw_application_get_settings (app), "ddl-dialect");
  destroy_window (window);
}

static void
test_new_window (void)
{
  TwWindow *window;
  GList    *windows;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new", NULL);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  window = TW_WINDOW (windows->data);
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_null (tw_window_get_file (window));
  g_assert_cmpuint (tw_metadata_get_n_tables (tw_window_get_metadata (window)), ==, 0);
  g_assert_cmpstr (tw_window_get_document_title (window), ==, "Untitled Model");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "empty");
  g_assert_false (action_enabled (window, "save"));
  g_assert_true (action_enabled (window, "save-as"));
  g_assert_false (action_enabled (window, "copy-ddl"));

  /* A first table: the window is modified, the list and the SQL show it. */
  {
    g_autoptr (TwTable) table = tw_table_new ("first");
    g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

    tw_column_set_primary_key (id, TRUE);
    tw_table_add_column (table, id);
    tw_metadata_add_table (tw_window_get_metadata (window), table);
  }
  g_assert_true (tw_window_get_modified (window));
  g_assert_true (action_enabled (window, "save"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "tables");
  SPIN_UNTIL (sidebar_shows (window, "first", 1));
  SPIN_UNTIL (tw_sql_view_get_valid (window->sql_view));
  g_assert_true (action_enabled (window, "copy-ddl"));

  window->close_confirmed = TRUE;
  destroy_window (window);
}

static void
test_open_broken_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) expected = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (TwMetadata) none = NULL;
  g_autofree char  *path = NULL;
  AdwMessageDialog *dialog;
  GList            *windows;

  path = dup_data_path ("broken.twm");
  g_file_set_contents (path, "{\n  \"format\": \"tablewright-model\",\n  \"version\": 1,\n  oops\n}\n",
                       -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  none = tw_model_file_load (file, NULL, &expected);
  g_assert_null (none);
  g_assert_nonnull (expected);
  g_assert_true (g_str_has_prefix (expected->message, "broken.twm:4:"));

  /* No window yet: an empty one comes up to carry the message. */
  g_assert_null (tw_application_open_file (app, file));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  dialog = find_message_dialog (GTK_WINDOW (windows->data));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected->message);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  respond (dialog, "close");
  SPIN_UNTIL (find_message_dialog (GTK_WINDOW (windows->data)) == NULL);

  destroy_all_windows ();
}

static void
test_close_modified_asks (void)
{
  TwWindow         *window = open_demo ();
  TwWindow         *weak = window;
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  tw_metadata_rename_table (tw_window_get_metadata (window),
                            tw_metadata_get_table (tw_window_get_metadata (window), 0), "changed");
  g_assert_true (tw_window_get_modified (window));

  gtk_window_close (GTK_WINDOW (window));
  drain ();
  g_assert_nonnull (weak);
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);

  /* Cancel keeps the window and its changes. */
  respond (dialog, "cancel");
  drain ();
  g_assert_nonnull (weak);
  g_assert_true (tw_window_get_modified (window));

  /* Discard closes it. */
  gtk_window_close (GTK_WINDOW (window));
  drain ();
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  SPIN_UNTIL (weak == NULL);
  destroy_all_windows ();
}

static void
test_window_size_saved (void)
{
  GSettings *settings = tw_application_get_settings (app);
  TwWindow  *window;
  int        width;
  int        height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = tw_application_new_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  SPIN_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      guint            key;
      GdkModifierType  mods;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      g_assert_true (gtk_accelerator_parse (accelerator, &key, &mods));
      g_hash_table_add (accels, gtk_accelerator_name (key, mods));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, accels);
}

static void
assert_listed (GHashTable *listed,
               const char *accel,
               const char *action)
{
  guint            key;
  GdkModifierType  mods;
  g_autofree char *name = NULL;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  name = gtk_accelerator_name (key, mods);
  if (!g_hash_table_contains (listed, name))
    g_error ("The shortcut %s of %s is not in the shortcuts window", accel, action);
}

static void
test_shortcuts_window_lists_all (void)
{
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr (GListModel) controllers = NULL;
  GtkWindow *shortcuts = NULL;
  TwWindow  *window;
  GList     *toplevels;
  guint      n_window_shortcuts = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (GTK_IS_SHORTCUTS_WINDOW (l->data))
        shortcuts = l->data;
    }
  g_list_free (toplevels);
  g_assert_nonnull (shortcuts);
  collect_shortcuts (GTK_WIDGET (shortcuts), listed);

  /* The application's accelerators. */
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        assert_listed (listed, accels[j], actions[i]);
    }

  /* The window's key bindings, as its class shortcut controller holds them. */
  window = tw_application_new_window (app);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char   *trigger = NULL;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          if (!g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.") &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "window.close") != 0)
            continue;

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          assert_listed (listed, trigger, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          n_window_shortcuts++;
        }
    }
  g_assert_cmpuint (n_window_shortcuts, >=, 7);

  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int ret;

  /* Before GTK starts: the fast renderer, and the schema of the build. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", TW_TEST_SCHEMA_DIR, TRUE);

  /* The isolated folders have no MIME database, without which GdkPixbuf
   * cannot tell an SVG icon of the resources from text: load the
   * system's, before the folders change. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = tw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Windows come and go between tests; the application must not quit. */
  g_application_hold (G_APPLICATION (app));
  /* No cursor blinking: GtkText checks its focus when the blink timer
   * fires, and warns (fatally here) when a closed popover took it away. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/demo/copied-once", test_demo_copied_once);
  g_test_add_func ("/app/application/activate-opens-demo", test_activate_opens_demo);
  g_test_add_func ("/app/window/sidebar-lists-tables", test_sidebar_lists_tables);
  g_test_add_func ("/app/window/search-filters", test_search_filters);
  g_test_add_func ("/app/window/sql-follows-dialect", test_sql_follows_dialect);
  g_test_add_func ("/app/window/rename-follows", test_rename_follows);
  g_test_add_func ("/app/window/invalid-model", test_invalid_model);
  g_test_add_func ("/app/window/save", test_save);
  g_test_add_func ("/app/window/new", test_new_window);
  g_test_add_func ("/app/window/save-as", test_save_as);
  g_test_add_func ("/app/window/export-ddl", test_export_ddl);
  g_test_add_func ("/app/window/close-modified-asks", test_close_modified_asks);
  g_test_add_func ("/app/window/size-saved", test_window_size_saved);
  g_test_add_func ("/app/application/open-broken-file", test_open_broken_file);
  g_test_add_func ("/app/application/shortcuts-window-lists-all", test_shortcuts_window_lists_all);

  ret = g_test_run ();

  destroy_all_windows ();
  g_application_release (G_APPLICATION (app));
  /* Registered without g_application_run(), the application never shuts
   * down, and its D-Bus side keeps a reference: drop only ours. */
  g_object_unref (app);

  return ret;
}
