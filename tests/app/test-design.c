/* test-design.c: tests of the Design view: canvas, tools, undo, inspector and diagram export
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "tw-application.h"
#include "tw-canvas-private.h"
#include "tw-column-editor.h"
#include "tw-design-view.h"
#include "tw-diagram-export.h"
#include "tw-diagram-painter.h"
#include "tw-dialect.h"
#include "tw-inspector-pane-private.h"
#include "tw-layout.h"
#include "tw-model-file.h"
#include "tw-window-diagram.h"
#include "tw-window-private.h"

static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

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
destroy_window (TwWindow *window)
{
  GtkWindow *weak = GTK_WINDOW (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  SPIN_UNTIL (weak == NULL);
}

static TwDesignView *
get_design_view (TwWindow *window)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (window->view_stack, "design");

  g_assert_true (TW_IS_DESIGN_VIEW (child));
  return TW_DESIGN_VIEW (child);
}

static char *
dump (TwMetadata *metadata)
{
  return tw_model_file_to_data (metadata, NULL);
}

static void
click_table (TwCanvas *canvas,
             TwTable  *table)
{
  _tw_canvas_click_at (canvas, tw_table_get_x (table) + 60, tw_table_get_y (table) + 10, 0);
}

static void
rename_in_inspector (TwInspectorPane *inspector,
                     const char      *name)
{
  AdwEntryRow *row = _tw_inspector_pane_get_name_row (inspector);

  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_signal_emit_by_name (row, "apply");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char expected_ddl[] =
  "CREATE TABLE authors (\n"
  "  id INTEGER NOT NULL,\n"
  "  column_2 VARCHAR(50),\n"
  "  PRIMARY KEY (id)\n"
  ");\n"
  "\n"
  "CREATE TABLE books (\n"
  "  id INTEGER NOT NULL,\n"
  "  author_id INTEGER,\n"
  "  PRIMARY KEY (id),\n"
  "  FOREIGN KEY (author_id) REFERENCES authors (id)\n"
  ");\n"
  "\n"
  "CREATE TABLE tags (\n"
  "  id INTEGER NOT NULL,\n"
  "  PRIMARY KEY (id)\n"
  ");\n"
  "\n"
  "CREATE TABLE books_tags (\n"
  "  book_id INTEGER NOT NULL,\n"
  "  tag_id INTEGER NOT NULL,\n"
  "  PRIMARY KEY (book_id, tag_id),\n"
  "  FOREIGN KEY (book_id) REFERENCES books (id),\n"
  "  FOREIGN KEY (tag_id) REFERENCES tags (id)\n"
  ");\n";

static char *
compile_sqlite (TwMetadata *metadata)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) statements = NULL;

  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata, &error);
  g_assert_no_error (error);
  return tw_ddl_statements_to_script (statements);
}

static void
check_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 200);
  cairo_surface_destroy (surface);
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (element_name);
}

static void
check_svg (const char *path)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *root = NULL;
  gsize length = 0;
  GMarkupParseContext *context;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (root, ==, "svg");
}

static void
test_draw_schema (void)
{
  TwWindow *window = tw_application_new_window (app);
  TwDesignView *view = get_design_view (window);
  TwCanvas *canvas = tw_design_view_get_canvas (view);
  TwInspectorPane *inspector = TW_INSPECTOR_PANE (tw_design_view_get_inspector (view));
  TwMetadata *metadata = tw_window_get_metadata (window);
  TwHistory *history;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "design", NULL);
  g_autofree char *path = g_build_filename (folder, "drawn.twm", NULL);
  g_autofree char *png = g_build_filename (folder, "drawn.png", NULL);
  g_autofree char *svg = g_build_filename (folder, "drawn.svg", NULL);
  g_autofree char *win_png = g_build_filename (folder, "window.png", NULL);
  g_autofree char *empty = NULL;
  g_autofree char *before_drag = NULL;
  g_autofree char *after_drag = NULL;
  g_autofree char *final = NULL;
  g_autofree char *ddl = NULL;
  g_autofree char *reopened_ddl = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) png_file = NULL;
  g_autoptr (TwMetadata) reopened = NULL;
  g_autoptr (GError) error = NULL;
  TwTable *authors, *books, *tags, *association;
  double x, y;
  guint steps;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (window->view_stack, "design");
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (canvas)) > 0);
  history = tw_canvas_get_history (canvas);
  g_assert_nonnull (history);
  empty = dump (metadata);

  /* Two tables from the toolbar's action; each is selected and shown in
   * the inspector, which renames it. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-table", NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 1);
  g_assert_true (tw_canvas_get_selected_table (canvas) == tw_metadata_get_table (metadata, 0));
  g_assert_true (tw_inspector_pane_get_table (inspector) == tw_metadata_get_table (metadata, 0));
  rename_in_inspector (inspector, "authors");
  gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.add-column", NULL);

  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-table", NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 2);
  rename_in_inspector (inspector, "books");

  /* Column rows of the inspector: a column added, moved up, removed; each
   * a step of the history, which is never left recording. */
  {
    TwTable *table = tw_inspector_pane_get_table (inspector);
    GtkWidget *editor;
    guint before = tw_history_get_n_undo (history);

    gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.add-column", NULL);
    g_assert_cmpuint (tw_table_get_n_columns (table), ==, 2);
    drain ();
    editor = find_descendant (GTK_WIDGET (inspector), TW_TYPE_COLUMN_EDITOR);
    g_assert_nonnull (editor);
    /* The first row is "id": move it down, then remove the new column. */
    g_assert_true (tw_column_editor_get_column (TW_COLUMN_EDITOR (editor)) == tw_table_get_column (table, 0));
    gtk_widget_activate_action (editor, "column.move-down", NULL);
    g_assert_cmpstr (tw_column_get_name (tw_table_get_column (table, 1)), ==, "id");
    g_assert_false (tw_history_is_recording (history));
    drain ();
    editor = find_descendant (GTK_WIDGET (inspector), TW_TYPE_COLUMN_EDITOR);
    g_assert_true (tw_column_editor_get_column (TW_COLUMN_EDITOR (editor)) == tw_table_get_column (table, 0));
    gtk_widget_activate_action (editor, "column.remove", NULL);
    g_assert_false (tw_history_is_recording (history));
    g_assert_cmpuint (tw_table_get_n_columns (table), ==, 1);
    g_assert_cmpuint (tw_history_get_n_undo (history), ==, before + 3);
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
    table = tw_metadata_find_table (metadata, "books");
    g_assert_cmpuint (tw_table_get_n_columns (table), ==, 1);
    g_assert_true (tw_inspector_pane_get_table (inspector) == table);
    drain ();
  }

  authors = tw_metadata_find_table (metadata, "authors");
  books = tw_metadata_find_table (metadata, "books");
  g_assert_nonnull (authors);
  g_assert_nonnull (books);
  g_assert_cmpuint (tw_table_get_n_columns (authors), ==, 2);
  /* Not on top of each other. */
  g_assert_true (tw_table_get_x (authors) != tw_table_get_x (books) ||
                 tw_table_get_y (authors) != tw_table_get_y (books));

  /* A third by a double-click on empty space. */
  x = MAX (tw_table_get_x (authors), tw_table_get_x (books)) + TW_LAYOUT_CARD_WIDTH + 200;
  y = tw_table_get_y (authors);
  _tw_canvas_double_click_at (canvas, x, y);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 3);
  tags = tw_metadata_get_table (metadata, 2);
  g_assert_cmpfloat (tw_table_get_x (tags), ==, round (x / 10) * 10);
  rename_in_inspector (inspector, "tags");
  g_assert_cmpstr (tw_table_get_name (tags), ==, "tags");

  /* Link Tables: the parent, then the child. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link-one-to-many", NULL);
  g_assert_cmpstr (tw_canvas_get_tool (canvas), ==, TW_CANVAS_TOOL_ONE_TO_MANY);
  click_table (canvas, authors);
  click_table (canvas, books);
  g_assert_cmpstr (tw_canvas_get_tool (canvas), ==, TW_CANVAS_TOOL_SELECT);
  g_assert_nonnull (tw_table_find_column (books, "author_id"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (books)), ==, 1);

  /* Many-to-Many: the two tables. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link-many-to-many", NULL);
  click_table (canvas, books);
  click_table (canvas, tags);
  association = tw_metadata_find_table (metadata, "books_tags");
  g_assert_nonnull (association);
  g_assert_true (tw_canvas_get_selected_table (canvas) == association);
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (metadata)), ==, 2);

  /* A click on a link's line selects the table holding the key. */
  {
    g_autoptr (GArray) links = tw_diagram_collect_links (metadata);
    const TwDiagramLink *link = NULL;

    for (guint i = 0; i < links->len; i++)
      if (g_array_index (links, TwDiagramLink, i).parent == authors)
        link = &g_array_index (links, TwDiagramLink, i);
    g_assert_nonnull (link);
    g_assert_true (link->child == books);
    tw_canvas_select_table (canvas, NULL);
    _tw_canvas_click_at (canvas, (link->points[1][0] + link->points[2][0]) / 2,
                         (link->points[1][1] + link->points[2][1]) / 2, 0);
    g_assert_true (tw_canvas_get_selected_table (canvas) == books);
  }

  /* A drag of a card: snapped to the grid, one undo step however many
   * motion events. */
  steps = tw_history_get_n_undo (history);
  before_drag = dump (metadata);
  x = tw_table_get_x (tags);
  y = tw_table_get_y (tags);
  _tw_canvas_drag (canvas, x + 50, y + 10, x + 50 + 123, y + 10 + 47, 0);
  g_assert_cmpfloat (tw_table_get_x (tags), ==, x + 120);
  g_assert_cmpfloat (tw_table_get_y (tags), ==, y + 50);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, steps + 1);
  after_drag = dump (metadata);

  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
  {
    g_autofree char *now = dump (metadata);

    g_assert_cmpstr (now, ==, before_drag);
  }
  /* The selection follows the restored tables by name. */
  g_assert_nonnull (tw_canvas_get_selected_table (canvas));
  g_assert_cmpstr (tw_table_get_name (tw_canvas_get_selected_table (canvas)), ==, "tags");
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.redo", NULL);
  {
    g_autofree char *now = dump (metadata);

    g_assert_cmpstr (now, ==, after_drag);
  }

  /* Undo everything, then redo everything. */
  final = dump (metadata);
  while (tw_history_get_can_undo (history))
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
  {
    g_autofree char *now = dump (metadata);

    g_assert_cmpstr (now, ==, empty);
  }
  while (tw_history_get_can_redo (history))
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.redo", NULL);
  {
    g_autofree char *now = dump (metadata);

    g_assert_cmpstr (now, ==, final);
  }

  /* Picking a table in the window's list selects its card. */
  gtk_single_selection_set_selected (window->table_selection, 0);
  g_assert_true (tw_canvas_get_selected_table (canvas) ==
                 gtk_single_selection_get_selected_item (window->table_selection));

  /* Auto layout is one step too. */
  steps = tw_history_get_n_undo (history);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.auto-layout", NULL);
  g_assert_cmpuint (tw_history_get_n_undo (history), <=, steps + 1);

  /* Save through win.save, reopen, compare the DDL. */
  ddl = compile_sqlite (metadata);
  g_assert_cmpstr (ddl, ==, expected_ddl);
  file = g_file_new_for_path (path);
  _tw_window_set_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  SPIN_UNTIL (!tw_window_get_modified (window));
  reopened = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  reopened_ddl = compile_sqlite (reopened);
  g_assert_cmpstr (reopened_ddl, ==, expected_ddl);

  /* The diagram, whole, as PNG and SVG. */
  g_assert_true (tw_diagram_export (reopened, png, TW_DIAGRAM_FORMAT_PNG, &error));
  g_assert_no_error (error);
  check_png (png);
  g_assert_true (tw_diagram_export (reopened, svg, TW_DIAGRAM_FORMAT_SVG, &error));
  g_assert_no_error (error);
  check_svg (svg);

  /* A folder that does not exist: an error naming the path. */
  {
    g_autofree char *bad = g_build_filename (folder, "missing", "drawn.png", NULL);
    g_autofree char *bad_svg = g_build_filename (folder, "missing", "drawn.svg", NULL);
    g_autoptr (GError) export_error = NULL;

    g_assert_false (tw_diagram_export (reopened, bad, TW_DIAGRAM_FORMAT_PNG, &export_error));
    g_assert_error (export_error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (export_error->message, bad));
    g_clear_error (&export_error);
    g_assert_false (tw_diagram_export (reopened, bad_svg, TW_DIAGRAM_FORMAT_SVG, &export_error));
    g_assert_nonnull (export_error);
    g_assert_nonnull (strstr (export_error->message, bad_svg));
  }

  /* What win.export-png does once the user chose a file. */
  png_file = g_file_new_for_path (win_png);
  _tw_window_export_diagram_to (window, png_file, TW_DIAGRAM_FORMAT_PNG);
  SPIN_UNTIL (g_file_test (win_png, G_FILE_TEST_EXISTS));
  drain ();
  check_png (win_png);

  destroy_window (window);
}

static void
test_select_and_delete (void)
{
  TwWindow *window = tw_application_new_window (app);
  TwDesignView *view = get_design_view (window);
  TwCanvas *canvas = tw_design_view_get_canvas (view);
  TwMetadata *metadata = tw_window_get_metadata (window);
  g_autoptr (GPtrArray) selection = NULL;
  TwTable *a, *b, *c;

  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (window->view_stack, "design");
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (canvas)) > 0);

  for (guint i = 0; i < 3; i++)
    _tw_canvas_double_click_at (canvas, 300.0 * i, 0);
  a = tw_metadata_get_table (metadata, 0);
  b = tw_metadata_get_table (metadata, 1);
  c = tw_metadata_get_table (metadata, 2);

  /* Click selects one; Ctrl+click adds; Ctrl+click again removes. */
  click_table (canvas, a);
  click_table (canvas, b);
  selection = tw_canvas_dup_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_clear_pointer (&selection, g_ptr_array_unref);
  _tw_canvas_click_at (canvas, tw_table_get_x (c) + 5, tw_table_get_y (c) + 5, GDK_CONTROL_MASK);
  selection = tw_canvas_dup_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 2);
  g_clear_pointer (&selection, g_ptr_array_unref);
  _tw_canvas_click_at (canvas, tw_table_get_x (c) + 5, tw_table_get_y (c) + 5, GDK_CONTROL_MASK);
  selection = tw_canvas_dup_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_clear_pointer (&selection, g_ptr_array_unref);

  /* A rubber band over a and b. */
  _tw_canvas_drag (canvas, -50, -50, 300 + TW_LAYOUT_CARD_WIDTH / 2, 100, 0);
  selection = tw_canvas_dup_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 2);
  g_assert_true (g_ptr_array_index (selection, 0) == a);
  g_assert_true (g_ptr_array_index (selection, 1) == b);
  g_clear_pointer (&selection, g_ptr_array_unref);

  /* Dragging one of them moves both. */
  _tw_canvas_drag (canvas, 10, 10, 10, 110, 0);
  g_assert_cmpfloat (tw_table_get_y (a), ==, 100.0);
  g_assert_cmpfloat (tw_table_get_y (b), ==, 100.0);
  g_assert_cmpfloat (tw_table_get_y (c), ==, 0.0);

  /* Drawing a foreign key from a's column row onto c: the column takes the
   * type of c's key. */
  {
    g_autoptr (TwColumn) column = tw_column_new ("c_ref", TW_COLUMN_TYPE_STRING);
    double row_y = TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * 1.5;
    TwForeignKey *fk;

    tw_table_add_column (a, column);
    click_table (canvas, a);
    _tw_canvas_drag (canvas, tw_table_get_x (a) + TW_LAYOUT_CARD_WIDTH - 6, tw_table_get_y (a) + row_y,
                     tw_table_get_x (c) + 50, tw_table_get_y (c) + 20, 0);
    g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (a)), ==, 1);
    fk = g_list_model_get_item (tw_table_get_foreign_keys (a), 0);
    g_assert_cmpstr (tw_foreign_key_get_referred_table (fk), ==, tw_table_get_name (c));
    g_assert_cmpstr (tw_foreign_key_get_columns (fk)[0], ==, "c_ref");
    g_assert_cmpstr (tw_foreign_key_get_referred_columns (fk)[0], ==, "id");
    g_object_unref (fk);
    g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_INTEGER);
    /* The card did not move. */
    g_assert_cmpfloat (tw_table_get_y (a), ==, 100.0);
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
    a = tw_metadata_get_table (metadata, 0);
    b = tw_metadata_get_table (metadata, 1);
    c = tw_metadata_get_table (metadata, 2);
    g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (a)), ==, 0);
  }

  click_table (canvas, a);
  _tw_canvas_click_at (canvas, tw_table_get_x (b) + 5, tw_table_get_y (b) + 5, GDK_SHIFT_MASK);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 1);
  g_assert_true (tw_metadata_get_table (metadata, 0) == c);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 3);

  destroy_window (window);
}

static gboolean
press_key (TwCanvas        *canvas,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static void
test_keyboard (void)
{
  TwWindow *window = tw_application_new_window (app);
  TwDesignView *view = get_design_view (window);
  TwCanvas *canvas = tw_design_view_get_canvas (view);
  TwMetadata *metadata = tw_window_get_metadata (window);
  TwHistory *history;
  TwTable *a, *b;

  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (window->view_stack, "design");
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (canvas)) > 0);
  history = tw_canvas_get_history (canvas);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, "Diagram");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No table selected");

  _tw_canvas_double_click_at (canvas, 0, 0);
  _tw_canvas_double_click_at (canvas, 400, 0);
  a = tw_metadata_get_table (metadata, 0);
  b = tw_metadata_get_table (metadata, 1);

  /* Tab goes through the cards, round; Shift+Tab back. */
  g_assert_true (press_key (canvas, GDK_KEY_Tab, 0));
  g_assert_true (tw_canvas_get_selected_table (canvas) == a);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Table table, 1 column, selected");
  g_assert_true (press_key (canvas, GDK_KEY_Tab, 0));
  g_assert_true (tw_canvas_get_selected_table (canvas) == b);
  g_assert_true (press_key (canvas, GDK_KEY_Tab, 0));
  g_assert_true (tw_canvas_get_selected_table (canvas) == a);
  g_assert_true (press_key (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (tw_canvas_get_selected_table (canvas) == b);
  /* Ctrl+Tab is left to the window, to leave the canvas. */
  g_assert_false (press_key (canvas, GDK_KEY_Tab, GDK_CONTROL_MASK));

  /* Arrows move the selection by the grid, each press one undo step. */
  g_assert_true (press_key (canvas, GDK_KEY_Right, 0));
  g_assert_true (press_key (canvas, GDK_KEY_Down, 0));
  g_assert_cmpfloat (tw_table_get_x (b), ==, 410.0);
  g_assert_cmpfloat (tw_table_get_y (b), ==, 10.0);
  g_assert_cmpuint (tw_history_get_n_undo (history), ==, 4);

  /* Delete removes it; Escape clears the selection. */
  g_assert_true (press_key (canvas, GDK_KEY_Delete, 0));
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, 1);
  g_assert_true (press_key (canvas, GDK_KEY_Tab, 0));
  g_assert_nonnull (tw_canvas_get_selected_table (canvas));
  g_assert_true (press_key (canvas, GDK_KEY_Escape, 0));
  g_assert_null (tw_canvas_get_selected_table (canvas));

  /* Escape leaves a link tool too. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link-one-to-many", NULL);
  g_assert_true (press_key (canvas, GDK_KEY_Escape, 0));
  g_assert_cmpstr (tw_canvas_get_tool (canvas), ==, TW_CANVAS_TOOL_SELECT);

  /* Zoom actions. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-in", NULL);
  g_assert_cmpfloat (tw_canvas_get_zoom (canvas), >, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-reset", NULL);
  g_assert_cmpfloat (tw_canvas_get_zoom (canvas), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-out", NULL);
  g_assert_cmpfloat (tw_canvas_get_zoom (canvas), <, 1.0);

  destroy_window (window);
}

/* Only the cards in view are drawn. */
static void
test_culling (void)
{
  TwWindow *window = tw_application_new_window (app);
  TwDesignView *view = get_design_view (window);
  TwCanvas *canvas = tw_design_view_get_canvas (view);
  TwMetadata *metadata = tw_window_get_metadata (window);
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%03u", i);
      g_autoptr (TwTable) table = tw_table_new (name);
      g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

      tw_table_add_column (table, id);
      tw_table_set_position (table, (i % 25) * 300.0, (i / 25) * 200.0);
      tw_metadata_add_table (metadata, table);
    }

  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (window->view_stack, "design");
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (canvas)) > 0);
  drain ();

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_cmpuint (_tw_canvas_get_n_drawn_cards (canvas), >, 0);
  g_assert_cmpuint (_tw_canvas_get_n_drawn_cards (canvas), <, 100);
  g_clear_pointer (&node, gsk_render_node_unref);

  /* Zoomed out to fit, everything is in view. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (tw_canvas_get_zoom (canvas), <, 1.0);
  for (guint i = 0; i < 2; i++)
    {
      gint64 start = g_get_monotonic_time ();

      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      /* The first frame records the cards, the next reuses them. */
      g_test_message ("500 cards in view, %s frame: %.1f ms", i == 0 ? "first" : "cached",
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_cmpuint (_tw_canvas_get_n_drawn_cards (canvas), ==, 500);
      g_clear_pointer (&node, gsk_render_node_unref);
    }

  destroy_window (window);
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

  g_test_add_func ("/app/design/draw-schema", test_draw_schema);
  g_test_add_func ("/app/design/select-and-delete", test_select_and_delete);
  g_test_add_func ("/app/design/keyboard", test_keyboard);
  g_test_add_func ("/app/design/culling", test_culling);

  ret = g_test_run ();

  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      gtk_window_destroy (l->data);
    g_list_free (toplevels);
    drain ();
  }
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
