/* test-data-view.c: the Data view driven as a user would, over a real SQLite database, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tw-application.h"
#include "tw-cell.h"
#include "tw-commit-bar.h"
#include "tw-data-view.h"
#include "tw-dialect.h"
#include "tw-ddl-statement.h"
#include "tw-model-file.h"
#include "tw-links-pane.h"
#include "tw-pending-pane.h"
#include "tw-row-model.h"
#include "tw-window-private.h"

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

/* Destroys a window and waits until it is gone for good. */
static void
destroy_window (TwWindow *window)
{
  GtkWindow *weak = GTK_WINDOW (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  SPIN_UNTIL (weak == NULL);
}

typedef struct
{
  char         *path;
  char         *url;
  TwWindow     *window;
  TwDataView   *view;
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

static const char *seed =
  "INSERT INTO users (id, name, fullname, nickname) VALUES "
  "  (1, 'ada', 'Ada Lovelace', 'countess'), (2, 'bob', 'Bob Smith', NULL), "
  "  (3, 'cy', 'Cy Young', 'cy');"
  "INSERT INTO categories (id, name) VALUES (1, 'Science');"
  "INSERT INTO addresses (id, user_id, email_address) VALUES "
  "  (1, 1, 'ada@example.org'), (2, 2, 'bob@example.org'), (3, NULL, 'nobody@example.org');"
  "INSERT INTO authors (id, name) VALUES (1, 'Ada Lovelace'), (2, 'Charles Babbage');"
  "INSERT INTO books (id, title, isbn, page_count, in_print, uuid, category_id) VALUES "
  "  (1, 'Notes', '9780000000001', 120, 1, '00000000-0000-0000-0000-000000000001', 1),"
  "  (2, 'Sketches', '9780000000002', 80, 0, '00000000-0000-0000-0000-000000000002', 1);"
  "INSERT INTO book_authors (author_id, book_id) VALUES (1, 1);";

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (TwMetadata) metadata = load_demo ();
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = g_build_filename (g_get_user_data_dir (), "shop.db", NULL);
  fixture->url = g_strdup_printf ("sqlite:///%s", fixture->path);

  connection = open_database (fixture->url);
  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata, &error);
  g_assert_no_error (error);
  script = tw_ddl_statements_to_script (statements);
  tw_connection_execute_script (connection, script, NULL, &error);
  g_assert_no_error (error);
  tw_connection_execute_script (connection, seed, NULL, &error);
  g_assert_no_error (error);
  tw_connection_close (connection);
  g_clear_object (&connection);

  fixture->window = tw_window_new (app, metadata, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));

  connection = open_database (fixture->url);
  _tw_window_set_connection (fixture->window, connection);
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "data");
  fixture->view = TW_DATA_VIEW (adw_view_stack_get_child_by_name (fixture->window->view_stack, "data"));
  g_assert_nonnull (fixture->view);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GList *toplevels;

  /* The window first, waiting until it is finalized (its dialogs go with
   * it), then whatever else is left. */
  destroy_window (fixture->window);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_free (fixture->url);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* Selects a table in the sidebar, as a click would. */
static void
select_table (Fixture    *fixture,
              const char *name)
{
  GListModel *tables = G_LIST_MODEL (fixture->window->table_selection);

  for (guint i = 0; i < g_list_model_get_n_items (tables); i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (g_strcmp0 (tw_table_get_name (table), name) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->window->table_selection), i, TRUE);
          return;
        }
    }

  g_assert_not_reached ();
}

static gboolean
model_loaded (Fixture *fixture,
              guint    n_rows)
{
  GListModel *model = tw_data_view_get_model (fixture->view);

  if (model == NULL || g_list_model_get_n_items (model) != n_rows)
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr (TwRow) row = g_list_model_get_item (model, i);

      if (tw_row_get_state (row) == TW_ROW_STATE_LOADING)
        return FALSE;
    }

  return !tw_row_model_get_loading (TW_ROW_MODEL (model));
}

static TwRow *
get_row (Fixture *fixture,
         guint    position)
{
  g_autoptr (TwRow) row = g_list_model_get_item (tw_data_view_get_model (fixture->view), position);

  /* The model keeps its loaded rows: a borrowed pointer is fine here. */
  return row;
}

static TwCell *
find_cell_in (GtkWidget  *widget,
              TwRow      *row,
              const char *column)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TwCell *found;

      if (TW_IS_CELL (child))
        {
          TwCell *cell = TW_CELL (child);

          if (tw_cell_get_row (cell) == row &&
              g_strcmp0 (tw_column_get_name (tw_cell_get_column (cell)), column) == 0)
            return cell;
          continue;
        }

      found = find_cell_in (child, row, column);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static TwCell *
wait_for_cell (Fixture    *fixture,
               TwRow      *row,
               const char *column)
{
  TwCell *cell = NULL;

  SPIN_UNTIL ((cell = find_cell_in (GTK_WIDGET (tw_data_view_get_column_view (fixture->view)),
                                    row, column)) != NULL);
  return cell;
}

/* Edits a cell as a user does: start editing, type, press Enter. */
static void
type_into_cell (TwCell     *cell,
                const char *text)
{
  GtkEditable *editable;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.edit", NULL));
  g_assert_true (tw_cell_get_editing (cell));
  editable = tw_cell_get_editable (cell);
  gtk_editable_set_text (editable, text);
  g_signal_emit_by_name (editable, "activate");
}

static char *
query_text (const char *url,
            const char *sql)
{
  g_autoptr (TwConnection) connection = open_database (url);
  g_autoptr (TwResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const TwValue *value;
  char          *text;

  result = tw_connection_execute (connection, sql, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tw_result_get_n_rows (result), ==, 1);
  value = tw_result_get_value (result, 0, 0);
  text = tw_value_is_null (value) ? g_strdup ("NULL") : tw_value_to_string (value);
  tw_connection_close (connection);

  return text;
}

#define assert_query(url, sql, expected)                     \
  G_STMT_START                                               \
    {                                                        \
      g_autofree char *text_ = query_text ((url), (sql));    \
      g_assert_cmpstr (text_, ==, (expected));               \
    }                                                        \
  G_STMT_END

static gboolean
has_message_dialog (void)
{
  GList   *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = TRUE;
    }
  g_list_free (toplevels);

  return found;
}

static void
close_message_dialogs (const char *response)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          adw_message_dialog_response (l->data, response);
          gtk_window_destroy (l->data);
        }
    }
  g_list_free (toplevels);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;

      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The label under @widget whose text starts with @prefix, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;

      found = find_label (child, prefix);
      if (found != NULL)
        return found;
    }

  return NULL;
}


/* The button (or other actionable) that points at action_name. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;

      found = find_actionable (child, action_name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_not_connected (void)
{
  g_autoptr (TwMetadata) metadata = load_demo ();
  TwWindow   *window = tw_window_new (app, metadata, NULL, NULL);
  TwDataView *view;
  GtkWidget  *stack;

  gtk_window_present (GTK_WINDOW (window));
  view = TW_DATA_VIEW (adw_view_stack_get_child_by_name (window->view_stack, "data"));
  g_assert_nonnull (view);
  g_assert_null (tw_data_view_get_session (view));
  /* Narrow enough for a small window. */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 520);
  }
  stack = gtk_widget_get_first_child (GTK_WIDGET (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "disconnected");
  /* Nothing to commit without a session: the buttons are hidden and off. */
  g_assert_false (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (window), "win.commit")));
  g_assert_false (gtk_widget_is_visible (find_actionable (GTK_WIDGET (window), "win.commit")));

  destroy_window (window);
}

static void
test_browse_and_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *column_view = tw_data_view_get_column_view (fixture->view);
  GListModel    *columns;
  g_autoptr (GtkColumnViewColumn) name_column = NULL;
  const TwValue *value;

  select_table (fixture, "users");
  g_assert_true (tw_data_view_get_table (fixture->view) != NULL);
  SPIN_UNTIL (model_loaded (fixture, 3));

  /* Headers: name and type. */
  columns = gtk_column_view_get_columns (column_view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  name_column = g_list_model_get_item (columns, 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (name_column), ==, "name · String(50)");

  value = tw_row_get_value_by_name (get_row (fixture, 0), "name");
  g_assert_cmpstr (tw_value_get_text (value), ==, "ada");
  wait_for_cell (fixture, get_row (fixture, 2), "fullname");

  /* A click on a header sorts on the server: descending by name. */
  gtk_column_view_sort_by_column (column_view, name_column, GTK_SORT_DESCENDING);
  SPIN_UNTIL (model_loaded (fixture, 3) &&
              g_strcmp0 (tw_value_get_text (tw_row_get_value_by_name (get_row (fixture, 0), "name")), "cy") == 0);
  gtk_column_view_sort_by_column (column_view, name_column, GTK_SORT_ASCENDING);
  SPIN_UNTIL (model_loaded (fixture, 3) &&
              g_strcmp0 (tw_value_get_text (tw_row_get_value_by_name (get_row (fixture, 0), "name")), "ada") == 0);
}

static void
test_cancel_load (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *model;
  GtkWidget  *stack;

  select_table (fixture, "users");
  model = tw_data_view_get_model (fixture->view);
  g_assert_nonnull (model);
  /* The grid asks for rows as it draws, which starts a read: catch it
   * while it runs (its answer comes in a later main loop iteration). */
  SPIN_UNTIL (tw_row_model_get_loading (TW_ROW_MODEL (model)));

  /* Escape or the Cancel button: the read stops, and a page says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.cancel-load", NULL));
  g_assert_null (tw_data_view_get_model (fixture->view));
  stack = gtk_widget_get_first_child (GTK_WIDGET (fixture->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "cancelled");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.reload", NULL));
  SPIN_UNTIL (model_loaded (fixture, 3));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "grid");
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry;

  select_table (fixture, "users");
  SPIN_UNTIL (model_loaded (fixture, 3));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.find", NULL));
  entry = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (GTK_IS_TEXT (entry));
  /* The filter bar: column "name" (second), operator "contains" (seventh). */
  {
    GtkWidget *bar = gtk_widget_get_ancestor (entry, GTK_TYPE_BOX);
    GtkWidget *column = gtk_widget_get_first_child (bar);
    GtkWidget *op = gtk_widget_get_next_sibling (column);

    g_assert_true (GTK_IS_DROP_DOWN (column));
    g_assert_true (GTK_IS_DROP_DOWN (op));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (column), 1);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (op), 6);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "B");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.apply-filter", NULL));
  SPIN_UNTIL (model_loaded (fixture, 1));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (get_row (fixture, 0), "name")), ==, "bob");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.clear-filter", NULL));
  SPIN_UNTIL (model_loaded (fixture, 3));
}

static void
test_edit_commit (Fixture       *fixture,
                  gconstpointer  data)
{
  TwSession *session = fixture->window->session;
  TwCell    *cell;
  TwRow     *ada;
  TwRow     *bob;
  TwRow     *added;
  g_autofree char *sql = NULL;

  select_table (fixture, "users");
  SPIN_UNTIL (model_loaded (fixture, 3));
  ada = get_row (fixture, 0);
  bob = get_row (fixture, 1);

  /* Text. */
  cell = wait_for_cell (fixture, ada, "fullname");
  type_into_cell (cell, "Ada King");
  g_assert_false (tw_cell_get_editing (cell));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (ada, "fullname")), ==, "Ada King");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "cell-changed"));
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 1);

  /* Tab keeps the value and edits the next column's cell, Shift+Tab the
   * previous one; passing through a cell changes nothing. */
  cell = wait_for_cell (fixture, bob, "fullname");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.edit", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.edit-next", NULL));
  g_assert_false (tw_cell_get_editing (cell));
  {
    TwCell *nickname = wait_for_cell (fixture, bob, "nickname");

    g_assert_true (tw_cell_get_editing (nickname));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (nickname), "cell.edit-previous", NULL));
    g_assert_false (tw_cell_get_editing (nickname));
    g_assert_true (tw_cell_get_editing (cell));
    gtk_editable_set_text (tw_cell_get_editable (cell), "Robert Smith");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.edit-next", NULL));
    g_assert_true (tw_cell_get_editing (nickname));
    g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (bob, "fullname")), ==, "Robert Smith");
    g_assert_true (tw_value_is_null (tw_row_get_value_by_name (bob, "nickname")));
    tw_session_revert_value (session, bob, tw_row_find_column (bob, "fullname"));
    /* On through the unchanged NULL: still NULL, not an empty string. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (nickname), "cell.edit-next", NULL));
    g_assert_false (tw_cell_get_editing (nickname));
    g_assert_true (tw_value_is_null (tw_row_get_value_by_name (bob, "nickname")));
  }
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 1);

  /* NULL, distinct from an empty string. */
  cell = wait_for_cell (fixture, ada, "nickname");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.set-null", NULL));
  g_assert_true (tw_value_is_null (tw_row_get_value_by_name (ada, "nickname")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "tw-null"));
  cell = wait_for_cell (fixture, bob, "nickname");
  type_into_cell (cell, "");
  g_assert_false (tw_value_is_null (tw_row_get_value_by_name (bob, "nickname")));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (bob, "nickname")), ==, "");

  /* Date and time: refused while invalid, never coerced. */
  cell = wait_for_cell (fixture, bob, "last_login");
  type_into_cell (cell, "2026-02-30 10:00");
  g_assert_true (tw_cell_get_editing (cell));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tw_cell_get_editable (cell)), "error"));
  g_assert_true (tw_value_is_null (tw_row_get_value_by_name (bob, "last_login")));
  gtk_editable_set_text (tw_cell_get_editable (cell), "2026-02-03 10:00:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tw_cell_get_editable (cell)), "error"));
  g_signal_emit_by_name (tw_cell_get_editable (cell), "activate");
  g_assert_false (tw_cell_get_editing (cell));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (bob, "last_login")), ==, "2026-02-03 10:00:00");

  /* A new row: its key is "auto" until the commit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.add-row", NULL));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 1);
  SPIN_UNTIL (model_loaded (fixture, 4));
  added = get_row (fixture, 3);
  g_assert_cmpint (tw_row_get_state (added), ==, TW_ROW_STATE_NEW);
  cell = wait_for_cell (fixture, added, "id");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "tw-auto"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "row-new"));
  type_into_cell (wait_for_cell (fixture, added, "name"), "dan");

  /* Delete Cy, selected in the grid. */
  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.delete-row", NULL));
  g_assert_cmpuint (tw_session_get_n_deleted (session), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (wait_for_cell (fixture, get_row (fixture, 2), "name")),
                                           "row-deleted"));

  /* The pending pane shows the SQL with its parameters. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.show-pending", NULL));
  sql = tw_pending_pane_dup_sql (TW_PENDING_PANE (find_descendant (GTK_WIDGET (fixture->view),
                                                                   TW_TYPE_PENDING_PANE)));
  g_assert_nonnull (strstr (sql, "UPDATE"));
  g_assert_nonnull (strstr (sql, "INSERT"));
  g_assert_nonnull (strstr (sql, "DELETE"));
  g_assert_nonnull (strstr (sql, "Ada King"));

  /* Commit from the window. */
  {
    GtkWidget *button = find_actionable (GTK_WIDGET (fixture->window), "win.commit");

    g_assert_true (gtk_widget_is_sensitive (button));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Commit (4)");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.commit", NULL));
  SPIN_UNTIL (!tw_session_has_changes (session) && !tw_session_is_committing (session));

  assert_query (fixture->url, "SELECT fullname FROM users WHERE id = 1", "Ada King");
  assert_query (fixture->url, "SELECT nickname IS NULL FROM users WHERE id = 1", "1");
  assert_query (fixture->url, "SELECT nickname FROM users WHERE id = 2", "");
  assert_query (fixture->url, "SELECT last_login FROM users WHERE id = 2", "2026-02-03 10:00:00");
  assert_query (fixture->url, "SELECT count(*) FROM users WHERE name = 'dan'", "1");
  assert_query (fixture->url, "SELECT count(*) FROM users WHERE id = 3", "0");
}

static void
test_foreign_key_labels (Fixture       *fixture,
                         gconstpointer  data)
{
  TwCell    *cell;
  GtkWidget *search;

  select_table (fixture, "addresses");
  SPIN_UNTIL (model_loaded (fixture, 3));

  /* The user's name, not the key, fetched once for the page. */
  cell = wait_for_cell (fixture, get_row (fixture, 0), "user_id");
  SPIN_UNTIL (g_strcmp0 (tw_cell_get_display_text (cell), "ada") == 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "tw-reference"));
  cell = wait_for_cell (fixture, get_row (fixture, 1), "user_id");
  SPIN_UNTIL (g_strcmp0 (tw_cell_get_display_text (cell), "bob") == 0);
  cell = wait_for_cell (fixture, get_row (fixture, 2), "user_id");
  g_assert_cmpstr (tw_cell_get_display_text (cell), ==, "NULL");

  /* Pointing the key elsewhere shows the other name. */
  type_into_cell (wait_for_cell (fixture, get_row (fixture, 0), "user_id"), "3");
  cell = wait_for_cell (fixture, get_row (fixture, 0), "user_id");
  SPIN_UNTIL (g_strcmp0 (tw_cell_get_display_text (cell), "cy") == 0);

  /* The picker: search the users by name, click one. */
  cell = wait_for_cell (fixture, get_row (fixture, 2), "user_id");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.pick-reference", NULL));
  g_assert_nonnull (tw_cell_get_reference_model (cell));
  SPIN_UNTIL (g_list_model_get_n_items (tw_cell_get_reference_model (cell)) == 3);
  search = find_descendant (GTK_WIDGET (cell), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "bo");
  SPIN_UNTIL (g_list_model_get_n_items (tw_cell_get_reference_model (cell)) == 1 &&
              !tw_row_model_get_loading (TW_ROW_MODEL (tw_cell_get_reference_model (cell))));
  {
    g_autoptr (TwRow) bob = g_list_model_get_item (tw_cell_get_reference_model (cell), 0);

    SPIN_UNTIL (tw_row_get_state (bob) != TW_ROW_STATE_LOADING);
  }
  /* The picker shows the row by its label and key once it is read. */
  SPIN_UNTIL (find_label (GTK_WIDGET (cell), "bob · 2") != NULL);
  g_signal_emit_by_name (find_descendant (GTK_WIDGET (cell), GTK_TYPE_LIST_VIEW), "activate", 0);
  g_assert_cmpint (tw_value_get_int64 (tw_row_get_value_by_name (get_row (fixture, 2), "user_id")), ==, 2);
  SPIN_UNTIL (g_strcmp0 (tw_cell_get_display_text (cell), "bob") == 0);
}

static void save_window_png (GtkWidget  *widget,
                             const char *path);

/* The size of the file at @path, or -1. */
static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : -1;
}

/* Whether the line of the links pane that shows @prefix is marked @css_class. */
static gboolean
line_has_class (TwLinksPane *pane,
                const char  *prefix,
                const char  *css_class)
{
  GtkWidget *label = find_label (GTK_WIDGET (pane), prefix);

  return label != NULL && gtk_widget_has_css_class (gtk_widget_get_parent (label), css_class);
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  TwSession   *session = fixture->window->session;
  TwLinksPane *pane;
  GListModel  *links;
  GListModel  *candidates;

  select_table (fixture, "books");
  SPIN_UNTIL (model_loaded (fixture, 2));
  pane = TW_LINKS_PANE (find_descendant (GTK_WIDGET (fixture->view), TW_TYPE_LINKS_PANE));
  g_assert_nonnull (pane);

  /* Notes (book 1) is linked to Ada (author 1) in the database. */
  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 0, TRUE);
  g_assert_true (tw_links_pane_get_row (pane) == get_row (fixture, 0));
  SPIN_UNTIL ((links = tw_links_pane_get_links (pane)) != NULL &&
              g_list_model_get_n_items (links) == 1 &&
              !tw_row_model_get_loading (TW_ROW_MODEL (links)));
  /* The linked author shows by name, with her key. */
  SPIN_UNTIL (find_label (GTK_WIDGET (pane), "Ada") != NULL);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (find_label (GTK_WIDGET (pane), "Ada"))),
                                   " · 1"));

  /* Link Babbage, found by searching. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "links.add", NULL));
  SPIN_UNTIL ((candidates = tw_links_pane_get_candidates (pane)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY)), "Babb");
  SPIN_UNTIL (g_list_model_get_n_items (candidates) == 1 && !tw_row_model_get_loading (TW_ROW_MODEL (candidates)));
  {
    g_autoptr (TwRow) babbage = g_list_model_get_item (candidates, 0);

    SPIN_UNTIL (tw_row_get_state (babbage) != TW_ROW_STATE_LOADING);
  }
  SPIN_UNTIL (find_label (GTK_WIDGET (pane), "Charles Babbage · 2") != NULL);
  g_assert_true (tw_links_pane_pick (pane, 0));
  g_assert_cmpuint (tw_session_get_n_links (session), ==, 1);
  /* The staged link shows at once, marked as new. */
  g_assert_true (line_has_class (pane, "Charles Babbage", "row-new"));

  /* Unlink Ada: struck out until the commit; Keep Link takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "links.unlink", "u", 0));
  SPIN_UNTIL (tw_session_get_n_links (session) == 2);
  g_assert_true (line_has_class (pane, "Ada", "row-deleted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "links.keep", "u", 0));
  g_assert_cmpuint (tw_session_get_n_links (session), ==, 1);
  g_assert_false (line_has_class (pane, "Ada", "row-deleted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "links.unlink", "u", 0));
  g_assert_cmpuint (tw_session_get_n_links (session), ==, 2);

  if (g_getenv ("TW_SCREENSHOT_LINKS") != NULL)
    {
      gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      SPIN_UNTIL (g_get_monotonic_time () > until);
      save_window_png (GTK_WIDGET (fixture->window), g_getenv ("TW_SCREENSHOT_LINKS"));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.commit", NULL));
  SPIN_UNTIL (!tw_session_has_changes (session) && !tw_session_is_committing (session));
  assert_query (fixture->url, "SELECT group_concat(author_id) FROM book_authors WHERE book_id = 1", "2");

  /* A row linked to many: the first hundred by label, and a count of the
   * rest, which are not read. */
  {
    g_autoptr (TwConnection) connection = open_database (fixture->url);
    g_autoptr (GError) error = NULL;

    tw_connection_execute_script (connection,
                                  "WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n "
                                  "WHERE i < 132) "
                                  "INSERT INTO authors (id, name) SELECT i, printf('Author %03d', i) FROM n;"
                                  "INSERT INTO book_authors (author_id, book_id) "
                                  "SELECT id, 2 FROM authors WHERE id >= 3;",
                                  NULL, &error);
    g_assert_no_error (error);
  }
  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 1, TRUE);
  /* Selected while its row may still be loading after the commit's
   * reload: the pane follows once the row is there. */
  SPIN_UNTIL ((links = tw_links_pane_get_links (pane)) != NULL &&
              g_list_model_get_n_items (links) == 130 &&
              !tw_row_model_get_loading (TW_ROW_MODEL (links)));
  SPIN_UNTIL (find_label (GTK_WIDGET (pane), "Author 102") != NULL);
  g_assert_null (find_label (GTK_WIDGET (pane), "Author 103"));
  g_assert_nonnull (find_label (GTK_WIDGET (pane), "and 30 more linked rows"));
}

static void
test_types (Fixture       *fixture,
            gconstpointer  data)
{
  TwSession *session = fixture->window->session;
  TwCell        *cell;
  TwRow         *notes;
  GtkWidget     *check;
  GtkTextBuffer *buffer;

  select_table (fixture, "books");
  SPIN_UNTIL (model_loaded (fixture, 2));
  notes = get_row (fixture, 0);

  /* An integer: "12x" is refused as typed. */
  cell = wait_for_cell (fixture, notes, "page_count");
  type_into_cell (cell, "12x");
  g_assert_true (tw_cell_get_editing (cell));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tw_cell_get_editable (cell)), "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (tw_cell_get_editable (cell))));
  g_assert_false (tw_session_has_changes (session));
  gtk_editable_set_text (tw_cell_get_editable (cell), "321");
  g_signal_emit_by_name (tw_cell_get_editable (cell), "activate");
  g_assert_cmpint (tw_value_get_int64 (tw_row_get_value_by_name (notes, "page_count")), ==, 321);

  /* A decimal. */
  cell = wait_for_cell (fixture, notes, "price");
  type_into_cell (cell, "abc");
  g_assert_true (tw_cell_get_editing (cell));
  gtk_editable_set_text (tw_cell_get_editable (cell), "12.50");
  g_signal_emit_by_name (tw_cell_get_editable (cell), "activate");
  g_assert_false (tw_cell_get_editing (cell));

  /* A Boolean: a switch. */
  cell = wait_for_cell (fixture, notes, "in_print");
  check = find_descendant (GTK_WIDGET (cell), GTK_TYPE_SWITCH);
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_visible (check));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (check)));
  gtk_switch_set_active (GTK_SWITCH (check), FALSE);
  g_assert_false (tw_value_get_boolean (tw_row_get_value_by_name (notes, "in_print")));

  /* A date. */
  cell = wait_for_cell (fixture, notes, "published");
  type_into_cell (cell, "1843-13-01");
  g_assert_true (tw_cell_get_editing (cell));
  gtk_editable_set_text (tw_cell_get_editable (cell), "1843-10-01");
  g_signal_emit_by_name (tw_cell_get_editable (cell), "activate");

  /* JSON in a popover, validated with json-glib. */
  cell = wait_for_cell (fixture, notes, "extra");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.edit-text", NULL));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (cell), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "{\"tags\": [1, 2", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.apply-text", NULL));
  /* Refused: the value is still the committed NULL. */
  g_assert_true (tw_value_is_null (tw_row_get_value_by_name (notes, "extra")));
  gtk_text_buffer_set_text (buffer, "{\"tags\": [1, 2]}", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "cell.apply-text", NULL));
  g_assert_cmpint (tw_value_get_kind (tw_row_get_value_by_name (notes, "extra")), ==, TW_VALUE_KIND_JSON);

  /* A BLOB is not edited as text (export and import go through files). */
  cell = wait_for_cell (fixture, notes, "cover");
  g_assert_cmpstr (tw_cell_get_display_text (cell), ==, "NULL");
  g_assert_false (tw_cell_start_editing (cell));
  {
    /* Import a file (every byte value, a NUL among them) as the value,
     * then export it to another file: the same bytes, and the cell shows
     * the size. */
    g_autofree char *dir = g_dir_make_tmp ("tw-blob-XXXXXX", NULL);
    g_autofree char *in_path = g_build_filename (dir, "cover.bin", NULL);
    g_autofree char *out_path = g_build_filename (dir, "copy.bin", NULL);
    g_autoptr (GFile) in_file = g_file_new_for_path (in_path);
    g_autoptr (GFile) out_file = g_file_new_for_path (out_path);
    g_autofree char *copy = NULL;
    gsize  copy_length = 0;
    guchar bytes[256];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (guchar) i;
    g_assert_true (g_file_set_contents (in_path, (const char *) bytes, sizeof bytes, NULL));
    tw_cell_import_blob (cell, in_file);
    SPIN_UNTIL (!tw_value_is_null (tw_row_get_value_by_name (notes, "cover")));
    g_assert_cmpuint (g_bytes_get_size (tw_value_get_blob (tw_row_get_value_by_name (notes, "cover"))),
                      ==, sizeof bytes);
    g_assert_true (g_str_has_prefix (tw_cell_get_display_text (cell), "BLOB · 256"));

    tw_cell_export_blob (cell, out_file);
    SPIN_UNTIL (file_size (out_path) == sizeof bytes);
    g_assert_true (g_file_get_contents (out_path, &copy, &copy_length, NULL));
    g_assert_cmpmem (copy, copy_length, bytes, sizeof bytes);

    g_remove (in_path);
    g_remove (out_path);
    g_rmdir (dir);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.commit", NULL));
  SPIN_UNTIL (!tw_session_has_changes (session) && !tw_session_is_committing (session));
  assert_query (fixture->url, "SELECT json_extract(extra, '$.tags[1]') FROM books WHERE id = 1", "2");
  assert_query (fixture->url, "SELECT page_count FROM books WHERE id = 1", "321");
  assert_query (fixture->url, "SELECT in_print = 0 FROM books WHERE id = 1", "1");
  assert_query (fixture->url, "SELECT published FROM books WHERE id = 1", "1843-10-01");
  assert_query (fixture->url, "SELECT CAST(price * 100 AS INTEGER) FROM books WHERE id = 1", "1250");
  assert_query (fixture->url, "SELECT length(cover) || ' ' || hex(substr(cover, 1, 3)) FROM books WHERE id = 1",
                "256 000102");
}

static void
test_commit_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  TwSession *session = fixture->window->session;
  TwCell    *cell;
  TwRow     *bob;

  select_table (fixture, "users");
  SPIN_UNTIL (model_loaded (fixture, 3));
  bob = get_row (fixture, 1);

  /* users.name is unique: a second "ada" fails on commit. */
  cell = wait_for_cell (fixture, bob, "name");
  type_into_cell (cell, "ada");
  type_into_cell (wait_for_cell (fixture, get_row (fixture, 2), "fullname"), "Cy Younger");
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.commit", NULL));
  SPIN_UNTIL (!tw_session_is_committing (session) && has_message_dialog ());

  /* Nothing lost, nothing written, the row marked and selected. */
  g_assert_cmpuint (tw_session_get_n_modified (session), ==, 2);
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (bob, "name")), ==, "ada");
  assert_query (fixture->url, "SELECT name FROM users WHERE id = 2", "bob");
  assert_query (fixture->url, "SELECT fullname FROM users WHERE id = 3", "Cy Young");
  g_assert_nonnull (g_object_get_data (G_OBJECT (bob), "tw-commit-error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (wait_for_cell (fixture, bob, "name")), "tw-error"));
  g_assert_true (gtk_selection_model_is_selected (tw_data_view_get_selection (fixture->view), 1));
  close_message_dialogs ("close");

  /* Roll back: two changes go without asking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rollback", NULL));
  g_assert_false (tw_session_has_changes (session));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (bob, "name")), ==, "bob");
  g_assert_false (has_message_dialog ());
}

static void
test_rollback_asks (Fixture       *fixture,
                    gconstpointer  data)
{
  TwSession *session = fixture->window->session;

  select_table (fixture, "users");
  SPIN_UNTIL (model_loaded (fixture, 3));

  for (guint i = 0; i < 6; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.add-row", NULL));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 6);

  /* More than five changes: a dialog asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rollback", NULL));
  SPIN_UNTIL (has_message_dialog ());
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 6);
  close_message_dialogs ("cancel");
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 6);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rollback", NULL));
  SPIN_UNTIL (has_message_dialog ());
  close_message_dialogs ("discard");
  g_assert_false (tw_session_has_changes (session));

  /* Closing with staged changes asks too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.add-row", NULL));
  gtk_window_close (GTK_WINDOW (fixture->window));
  SPIN_UNTIL (has_message_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (tw_session_has_changes (session));
  close_message_dialogs ("cancel");

  /* And so does quitting (Ctrl+Q): the window and its changes stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "app.quit", NULL));
  SPIN_UNTIL (has_message_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  close_message_dialogs ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 1);
}

static void
test_duplicate_and_commit_bar (Fixture       *fixture,
                               gconstpointer  data)
{
  TwSession *session = fixture->window->session;
  TwRow     *copy;

  select_table (fixture, "books");
  SPIN_UNTIL (model_loaded (fixture, 2));

  /* Ctrl+C: the selected rows as tab-separated text under the column
   * names; NULL is an empty field. */
  gtk_selection_model_select_range (tw_data_view_get_selection (fixture->view), 0, 2, TRUE);
  {
    g_autofree char *text = tw_data_view_dup_selection_text (fixture->view);
    g_auto (GStrv) lines = NULL;
    g_auto (GStrv) header = NULL;
    g_auto (GStrv) first = NULL;
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

    g_assert_nonnull (text);
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two rows, "" after the last */
    header = g_strsplit (lines[0], "\t", -1);
    first = g_strsplit (lines[1], "\t", -1);
    g_assert_cmpstr (header[0], ==, "id");
    g_assert_cmpstr (header[1], ==, "title");
    g_assert_cmpuint (g_strv_length (first), ==, g_strv_length (header));
    g_assert_cmpstr (first[0], ==, "1");
    g_assert_cmpstr (first[1], ==, "Notes");
    g_assert_true (g_str_has_prefix (lines[2], "2\tSketches\t"));
    for (guint c = 0; header[c] != NULL; c++)
      if (g_str_equal (header[c], "published"))
        g_assert_cmpstr (first[c], ==, "");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.copy", NULL));
    g_assert_true (gdk_clipboard_is_local (clipboard));
  }

  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.duplicate-row", NULL));
  g_assert_cmpuint (tw_session_get_n_new (session), ==, 1);
  g_assert_cmpuint (tw_commit_bar_count_changes (session), ==, 1);
  SPIN_UNTIL (model_loaded (fixture, 3));
  copy = get_row (fixture, 2);
  g_assert_null (tw_row_get_value_by_name (copy, "id"));
  g_assert_cmpstr (tw_value_get_text (tw_row_get_value_by_name (copy, "title")), ==, "Notes");

  /* isbn and uuid are unique: change them, then commit. */
  type_into_cell (wait_for_cell (fixture, copy, "isbn"), "9780000000003");
  type_into_cell (wait_for_cell (fixture, copy, "uuid"), "00000000-0000-0000-0000-000000000003");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.commit", NULL));
  SPIN_UNTIL (!tw_session_has_changes (session) && !tw_session_is_committing (session));
  assert_query (fixture->url, "SELECT count(*) FROM books WHERE title = 'Notes'", "2");
}

/* A table without a primary key opens read-only, and says why. */
static void
test_read_only (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("events");
  g_autoptr (TwColumn) message = tw_column_new ("message", TW_COLUMN_TYPE_TEXT);
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  TwWindow   *window;
  TwDataView *view;
  GtkWidget  *bar;
  GtkWidget  *add_button;

  tw_table_add_column (table, message);
  tw_metadata_add_table (metadata, table);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "events.db", NULL);
  url = g_strdup_printf ("sqlite:///%s", path);
  connection = open_database (url);
  tw_connection_execute_script (connection,
                                "CREATE TABLE events (message TEXT);"
                                "INSERT INTO events VALUES ('started'), ('stopped');",
                                NULL, &error);
  g_assert_no_error (error);

  window = tw_window_new (app, metadata, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  _tw_window_set_connection (window, connection);
  adw_view_stack_set_visible_child_name (window->view_stack, "data");
  view = TW_DATA_VIEW (adw_view_stack_get_child_by_name (window->view_stack, "data"));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (window->table_selection), 0, TRUE);
  SPIN_UNTIL (tw_data_view_get_model (view) != NULL &&
              g_list_model_get_n_items (tw_data_view_get_model (view)) == 2 &&
              !tw_row_model_get_loading (TW_ROW_MODEL (tw_data_view_get_model (view))));

  bar = find_descendant (GTK_WIDGET (view), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (bar);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  add_button = find_actionable (GTK_WIDGET (view), "grid.add-row");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "grid.add-row", NULL) &&
                  tw_session_has_changes (window->session));
  g_assert_false (tw_session_has_changes (window->session));

  destroy_window (window);
  g_unlink (path);
}

/* Ctrl+A in a big table, then Delete or Ctrl+C: refused with a message,
 * without asking the model for every selected row (which would make a
 * loading row for each and read every page). */
static void
test_select_all_big (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("readings");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) value = tw_column_new ("value", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  TwWindow    *window;
  TwDataView  *view;
  GListModel  *model;
  guint        alive;

  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (table, id);
  tw_table_add_column (table, value);
  tw_metadata_add_table (metadata, table);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "readings.db", NULL);
  url = g_strdup_printf ("sqlite:///%s", path);
  connection = open_database (url);
  tw_connection_execute_script (connection,
                                "CREATE TABLE readings (id INTEGER PRIMARY KEY, value INTEGER);"
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                "WHERE i < 50000) INSERT INTO readings SELECT i, i % 7 FROM n;",
                                NULL, &error);
  g_assert_no_error (error);

  window = tw_window_new (app, metadata, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  _tw_window_set_connection (window, connection);
  adw_view_stack_set_visible_child_name (window->view_stack, "data");
  view = TW_DATA_VIEW (adw_view_stack_get_child_by_name (window->view_stack, "data"));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (window->table_selection), 0, TRUE);
  SPIN_UNTIL ((model = tw_data_view_get_model (view)) != NULL &&
              g_list_model_get_n_items (model) == 50000 &&
              !tw_row_model_get_loading (TW_ROW_MODEL (model)));

  alive = tw_row_get_n_alive ();
  g_assert_true (gtk_selection_model_select_all (tw_data_view_get_selection (view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grid.delete-row", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grid.duplicate-row", NULL));
  text = tw_data_view_dup_selection_text (view);
  g_assert_null (text);
  g_assert_false (tw_session_has_changes (window->session));
  SPIN_UNTIL (!tw_row_model_get_loading (TW_ROW_MODEL (model)));
  g_assert_cmpuint (tw_row_get_n_alive (), <=, alive + 10);

  /* A selection within the limit is taken. */
  g_assert_true (gtk_selection_model_select_range (tw_data_view_get_selection (view), 0, 3, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grid.delete-row", NULL));
  g_assert_cmpuint (tw_session_get_n_deleted (window->session), ==, 3);

  /* Rows not read yet: nothing is done (not a part of them); asking for
   * them has started reading them, and then the command takes them all. */
  g_assert_true (gtk_selection_model_select_range (tw_data_view_get_selection (view), 30000, 10, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grid.delete-row", NULL));
  g_assert_cmpuint (tw_session_get_n_deleted (window->session), ==, 3);
  SPIN_UNTIL (!tw_row_model_get_loading (TW_ROW_MODEL (model)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "grid.delete-row", NULL));
  g_assert_cmpuint (tw_session_get_n_deleted (window->session), ==, 13);

  destroy_window (window);
  g_unlink (path);
}

static void
save_window_png (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int          width = gtk_widget_get_width (widget);
  int          height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Not a check: with TW_SCREENSHOT=file.png, stages a few changes and saves
 * the window as the documentation shows it. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *path = g_getenv ("TW_SCREENSHOT");
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  TwRow     *added;
  gint64     until;

  if (path == NULL)
    {
      g_test_skip ("Set TW_SCREENSHOT to a PNG path to take the screenshot");
      return;
    }

  connection = open_database (fixture->url);
  tw_connection_execute_script (connection,
                                "UPDATE users SET last_login = '2026-11-20 09:15:00' WHERE id = 1;"
                                "INSERT INTO users (id, name, fullname, nickname, last_login) VALUES "
                                "  (4, 'dora', 'Dora Maar', 'dm', NULL),"
                                "  (5, 'eve', 'Eve Online', NULL, '2026-11-22 07:40:00'),"
                                "  (6, 'fay', 'Fay Wray', 'fw', NULL);",
                                NULL, &error);
  g_assert_no_error (error);
  tw_connection_close (connection);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 720);
  select_table (fixture, "users");
  SPIN_UNTIL (model_loaded (fixture, 6));

  type_into_cell (wait_for_cell (fixture, get_row (fixture, 0), "fullname"), "Ada King");
  type_into_cell (wait_for_cell (fixture, get_row (fixture, 3), "nickname"), "dodo");
  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 1, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.delete-row", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.add-row", NULL);
  SPIN_UNTIL (model_loaded (fixture, 7));
  added = get_row (fixture, 6);
  type_into_cell (wait_for_cell (fixture, added, "name"), "gus");
  type_into_cell (wait_for_cell (fixture, added, "fullname"), "Gus Grissom");
  gtk_selection_model_select_item (tw_data_view_get_selection (fixture->view), 6, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "grid.show-pending", NULL);

  /* Let the pane slide in and the toasts go. */
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  SPIN_UNTIL (g_get_monotonic_time () > until);
  save_window_png (GTK_WIDGET (fixture->window), path);
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

  g_test_add_func ("/app/data-view/not-connected", test_not_connected);
  g_test_add_func ("/app/data-view/read-only", test_read_only);
  g_test_add_func ("/app/data-view/select-all-big", test_select_all_big);
  g_test_add ("/app/data-view/browse-and-sort", Fixture, NULL,
              fixture_setup, test_browse_and_sort, fixture_teardown);
  g_test_add ("/app/data-view/cancel-load", Fixture, NULL,
              fixture_setup, test_cancel_load, fixture_teardown);
  g_test_add ("/app/data-view/filter", Fixture, NULL,
              fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/app/data-view/edit-commit", Fixture, NULL,
              fixture_setup, test_edit_commit, fixture_teardown);
  g_test_add ("/app/data-view/foreign-key-labels", Fixture, NULL,
              fixture_setup, test_foreign_key_labels, fixture_teardown);
  g_test_add ("/app/data-view/links", Fixture, NULL,
              fixture_setup, test_links, fixture_teardown);
  g_test_add ("/app/data-view/types", Fixture, NULL,
              fixture_setup, test_types, fixture_teardown);
  g_test_add ("/app/data-view/commit-fails", Fixture, NULL,
              fixture_setup, test_commit_fails, fixture_teardown);
  g_test_add ("/app/data-view/rollback-asks", Fixture, NULL,
              fixture_setup, test_rollback_asks, fixture_teardown);
  g_test_add ("/app/data-view/duplicate", Fixture, NULL,
              fixture_setup, test_duplicate_and_commit_bar, fixture_teardown);

  g_test_add ("/app/data-view/screenshot", Fixture, NULL,
              fixture_setup, test_screenshot, fixture_teardown);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
