/* bench-open-table.c: a big table opened in the real window's Data view: first rows shown, scrolling, memory
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects to --url, reflects its schema, and opens it in a TwWindow of a
 * TwApplication (1600×1000) bound to the connection, with the Data page
 * shown. At t0 it selects --table in the sidebar, as a click would; the
 * first rows are shown when the row model has the first row (not a loading
 * placeholder) and the window's frame clock has painted a frame after that.
 * Then it scrolls to the middle row and to the last row with the list's
 * "list.scroll-to-item" action, each time until the row scrolled to is
 * loaded, no fetch is running, and a frame has been painted after that.
 * VmRSS and VmHWM (the peak) come from /proc/self/status after each step.
 * Run it under Xvfb (benchmarks/run-open-table).
 */

#define G_LOG_DOMAIN "tw-bench-open-table"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "tw-application.h"
#include "tw-connection.h"
#include "tw-data-view.h"
#include "tw-inspector.h"
#include "tw-row-model.h"
#include "tw-row.h"
#include "tw-url.h"
#include "tw-window-private.h"
#include "tw-window.h"

#define WINDOW_WIDTH   1600
#define WINDOW_HEIGHT  1000
#define STEP_TIMEOUT_S 120

typedef struct
{
  double rss_mb;
  double hwm_mb;
} Memory;

typedef struct
{
  TwWindow   *window;
  TwDataView *data_view;
  gint64      last_after_paint;
  guint       n_frames;
  /* The phases of the frame in progress and of the last one painted. */
  gint64      frame_start;
  gint64      layout_end;
  gint64      paint_end;
  double      last_layout_ms;
  double      last_paint_ms;
  /* Moments of the step under way, 0 until they happen. */
  gint64      first_items_changed;
  gboolean    timed_out;
  /* Cells the column view's factories set up, bound and tore down. */
  guint       n_setup;
  guint       n_bind;
  guint       n_teardown;
  /* Cell widgets made and finalized so far. */
  guint       n_cells_made;
  guint       n_cells_finalized;
  /* After the last step. */
  Memory      memory;
} Bench;

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers: the end of the layout (styles,
 * sizes, and the list's widgets made and bound) and of the paint. */
static void
layout_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_end = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->paint_end = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->last_after_paint = g_get_monotonic_time ();
  bench->n_frames++;
  bench->last_layout_ms = (bench->layout_end - bench->frame_start) / 1000.0;
  bench->last_paint_ms = (bench->paint_end - bench->layout_end) / 1000.0;
}

static gboolean
timeout_cb (gpointer data)
{
  Bench *bench = data;

  bench->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static double
status_mb (const char *status,
           const char *field)
{
  const char *line = strstr (status, field);

  if (line == NULL)
    return -1.0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10) / 1024.0;
}

static Memory
read_memory (void)
{
  g_autofree char *status = NULL;
  g_autoptr (GError) error = NULL;
  Memory memory = { -1.0, -1.0 };

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, &error))
    {
      g_warning ("Cannot read the memory use: %s", error->message);
      return memory;
    }
  memory.rss_mb = status_mb (status, "VmRSS:");
  memory.hwm_mb = status_mb (status, "VmHWM:");
  return memory;
}

/* Prints the memory use after step and returns it (before the trim). */
static Memory
print_memory (const char *step)
{
  Memory memory = read_memory ();

  printf ("# %-12s VmRSS %.1f MB, VmHWM %.1f MB\n", step, memory.rss_mb, memory.hwm_mb);
  return memory;
}

static void
cell_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  Bench *bench = data;

  bench->n_cells_finalized++;
}

/* Runs after the Data view's own setup handler, which made the cell. */
static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          Bench              *bench)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  bench->n_setup++;
  if (cell != NULL)
    {
      bench->n_cells_made++;
      g_object_weak_ref (G_OBJECT (cell), cell_finalized_cb, bench);
    }
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item,
         Bench              *bench)
{
  bench->n_bind++;
}

static void
teardown_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             Bench              *bench)
{
  bench->n_teardown++;
}

/* Counts the cells made by the factories of the column view's columns. */
static void
watch_factories (Bench *bench)
{
  GListModel *columns = gtk_column_view_get_columns (tw_data_view_get_column_view (bench->data_view));
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

      if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
        continue;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), bench);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), bench);
      g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), bench);
    }
}

static void
print_cells (Bench      *bench,
             const char *step)
{
  printf ("# %-12s cells set up %u, bound %u, torn down %u; %u of %u cell widgets made so far finalized\n",
          step, bench->n_setup, bench->n_bind, bench->n_teardown,
          bench->n_cells_finalized, bench->n_cells_made);
  bench->n_setup = bench->n_bind = bench->n_teardown = 0;
}

/* Whether the item at position is a row rather than a loading placeholder. */
static gboolean
item_loaded (GListModel *model,
             guint       position)
{
  g_autoptr (TwRow) row = NULL;

  if (position >= g_list_model_get_n_items (model))
    return FALSE;
  row = g_list_model_get_item (model, position);
  return row != NULL && tw_row_get_state (row) != TW_ROW_STATE_LOADING;
}

/* An emission hook runs before the handlers, so this is when the rows
 * reached the main thread, before the list made its widgets for them. */
static gboolean
items_changed_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               data)
{
  Bench *bench = data;

  if (bench->first_items_changed == 0
      && g_value_get_object (&params[0]) == (gpointer) tw_data_view_get_model (bench->data_view))
    bench->first_items_changed = g_get_monotonic_time ();
  return TRUE;
}

/* Spins the main context until the Data view's model has the row at
 * position loaded (the last row when position is G_MAXUINT), with no fetch
 * running when idle is set, and a frame has been painted after that.
 * Returns the time of that frame; *ready is when the rows were there. */
static gint64
wait_rows_shown (Bench    *bench,
                 guint     position,
                 gboolean  idle,
                 gint64   *ready)
{
  guint timeout;

  *ready = 0;
  bench->timed_out = FALSE;
  timeout = g_timeout_add_seconds (STEP_TIMEOUT_S, timeout_cb, bench);
  while (!bench->timed_out)
    {
      GListModel *model = tw_data_view_get_model (bench->data_view);

      if (*ready == 0 && model != NULL)
        {
          guint n = g_list_model_get_n_items (model);
          guint wanted = position == G_MAXUINT && n > 0 ? n - 1 : position;

          if (item_loaded (model, wanted)
              && (!idle || !tw_row_model_get_loading (TW_ROW_MODEL (model))))
            *ready = g_get_monotonic_time ();
        }
      if (*ready != 0 && bench->last_after_paint > *ready)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  if (bench->timed_out)
    g_error ("The rows at %u were not shown within %d s", position, STEP_TIMEOUT_S);
  g_source_remove (timeout);
  return bench->last_after_paint;
}

static void
wait_frames (Bench *bench,
             guint  n_frames)
{
  guint target = bench->n_frames + n_frames;
  guint timeout;

  bench->timed_out = FALSE;
  timeout = g_timeout_add_seconds (STEP_TIMEOUT_S, timeout_cb, bench);
  while (bench->n_frames < target && !bench->timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (bench->timed_out)
    g_error ("No frame was painted within %d s", STEP_TIMEOUT_S);
  g_source_remove (timeout);
}

static GtkWidget *
find_list_view (GtkColumnView *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  return NULL;
}

/* The window as painted now, to a PNG file (to check what was shown). */
static void
save_screenshot (GtkWidget  *window,
                 const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_warning ("The window painted nothing to save in %s", path);
      return;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_warning ("Cannot save the screenshot to %s", path);
}

static gboolean
find_table (GListModel *tables,
            const char *name,
            guint      *position)
{
  guint n = g_list_model_get_n_items (tables);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (g_strcmp0 (tw_table_get_name (table), name) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Scrolls to position (G_MAXUINT: the last row) and waits until it shows;
 * returns the milliseconds from the scroll to the frame. */
static double
scroll_step (Bench      *bench,
             const char *name,
             guint       position,
             double     *arrived_ms)
{
  GListModel *model = tw_data_view_get_model (bench->data_view);
  GtkWidget *list_view = find_list_view (tw_data_view_get_column_view (bench->data_view));
  guint n = g_list_model_get_n_items (model);
  guint target = position == G_MAXUINT ? n - 1 : position;
  gint64 t0, ready, shown;

  g_assert (list_view != NULL);
  bench->first_items_changed = 0;
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", target);
  /* The list binds the rows it now shows in the next frame's layout,
   * which requests their pages. */
  wait_frames (bench, 1);
  shown = wait_rows_shown (bench, position, TRUE, &ready);
  printf ("# %s: row %u of %u; rows reached the main thread after %.1f ms, rows there after %.1f ms, frame after %.1f ms (%.1f ms later)\n",
          name, target, n,
          bench->first_items_changed > 0 ? (bench->first_items_changed - t0) / 1000.0 : -1.0,
          (ready - t0) / 1000.0, (shown - t0) / 1000.0, (shown - ready) / 1000.0);
  *arrived_ms = bench->first_items_changed > 0 ? (bench->first_items_changed - t0) / 1000.0 : -1.0;
  bench->memory = print_memory (name);
  print_cells (bench, name);
  return (shown - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url_string = NULL;
  g_autofree char *table_name = NULL;
  g_autofree char *screenshot = NULL;
  GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Save the window at the end as a PNG", "FILE" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url_string, "The database", "URL" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_name, "The table to open (big)", "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- open a big table in the Data view");
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (TwApplication) app = NULL;
  GListModel *tables;
  GListModel *model;
  GdkFrameClock *clock;
  const char *renderer;
  Bench bench = { 0 };
  Memory memory;
  guint position;
  gulong hook;
  gint64 t0, t1, ready;
  double connect_ms, reflect_ms, first_ms, first_page_ms, first_change_ms, idle_ms;
  double middle_ms, end_ms, middle_arrived_ms, end_arrived_ms;
  Memory window_memory;
  Memory settled;

  /* Line by line, so a pipe sees each result as soon as it is known. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-open-table: %s\n", error->message);
      return 2;
    }
  if (url_string == NULL)
    {
      g_printerr ("bench-open-table: --url is required\n");
      return 2;
    }
  if (table_name == NULL)
    table_name = g_strdup ("big");

  /* The settings of a fresh user, from the build tree's schema. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", TW_BENCH_SCHEMA_DIR, TRUE);

  url = tw_url_parse (url_string, &error);
  if (url == NULL)
    g_error ("Cannot parse the URL: %s", error->message);
  t0 = g_get_monotonic_time ();
  connection = tw_connection_open (url, NULL, &error);
  if (connection == NULL)
    g_error ("Cannot connect: %s", error->message);
  t1 = g_get_monotonic_time ();
  metadata = tw_inspector_reflect (connection, NULL, &error);
  if (metadata == NULL)
    g_error ("Cannot reflect the schema: %s", error->message);
  connect_ms = (t1 - t0) / 1000.0;
  reflect_ms = (g_get_monotonic_time () - t1) / 1000.0;
  printf ("# %s: connected in %.1f ms, reflected %u tables in %.1f ms\n",
          tw_url_get_dialect_name (url), connect_ms, tw_metadata_get_n_tables (metadata),
          reflect_ms);

  app = tw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  g_application_hold (G_APPLICATION (app));

  bench.window = tw_window_new (app, metadata, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), WINDOW_WIDTH, WINDOW_HEIGHT);
  _tw_window_set_connection (bench.window, connection);
  adw_view_stack_set_visible_child_name (bench.window->view_stack, "data");
  bench.data_view = TW_DATA_VIEW (adw_view_stack_get_child_by_name (bench.window->view_stack, "data"));
  gtk_window_present (GTK_WINDOW (bench.window));

  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &bench);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  /* The window's own setup first, so that it is not counted. */
  gtk_widget_queue_draw (GTK_WIDGET (bench.window));
  wait_frames (&bench, 2);

  renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.window)));
  printf ("# renderer %s, window %d x %d\n", renderer,
          gtk_widget_get_width (GTK_WIDGET (bench.window)),
          gtk_widget_get_height (GTK_WIDGET (bench.window)));
  window_memory = print_memory ("window shown");

  /* (1) Select the table in the sidebar: the Data view makes its model. */
  tables = gtk_single_selection_get_model (bench.window->table_selection);
  if (!find_table (tables, table_name, &position))
    g_error ("The database has no table %s", table_name);
  hook = g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                                     items_changed_hook, &bench, NULL);
  t0 = g_get_monotonic_time ();
  gtk_single_selection_set_selected (bench.window->table_selection, position);
  model = tw_data_view_get_model (bench.data_view);
  if (model == NULL)
    g_error ("Selecting %s made no model in the Data view", table_name);
  watch_factories (&bench);
  t1 = wait_rows_shown (&bench, 0, FALSE, &ready);
  first_ms = (t1 - t0) / 1000.0;
  first_page_ms = (ready - t0) / 1000.0;
  first_change_ms = bench.first_items_changed > 0 ? (bench.first_items_changed - t0) / 1000.0 : -1.0;
  printf ("# first rows: first rows reached the main thread after %.1f ms, row 0 there after %.1f ms, "
          "frame after %.1f ms; %u rows (%s)\n",
          first_change_ms, first_page_ms, first_ms, g_list_model_get_n_items (model),
          tw_row_model_is_exact (TW_ROW_MODEL (model)) ? "exact" : "estimate");
  (void) print_memory ("first rows");
  print_cells (&bench, "first rows");
  printf ("# first rows frame: layout %.1f ms, paint %.1f ms\n", bench.last_layout_ms,
          bench.last_paint_ms);

  /* The estimate and the key range follow the first page. */
  wait_rows_shown (&bench, 0, TRUE, &ready);
  idle_ms = (ready - t0) / 1000.0;
  print_cells (&bench, "queries done");
  printf ("# all first queries done after %.1f ms; %u rows (%s)\n", idle_ms,
          g_list_model_get_n_items (model),
          tw_row_model_is_exact (TW_ROW_MODEL (model)) ? "exact" : "estimate");

  /* (2) The middle and the end. */
  middle_ms = scroll_step (&bench, "middle", g_list_model_get_n_items (model) / 2, &middle_arrived_ms);
  end_ms = scroll_step (&bench, "end", G_MAXUINT, &end_arrived_ms);
  if (screenshot != NULL)
    save_screenshot (GTK_WIDGET (bench.window), screenshot);
  printf ("# pages held at the end: %u\n", tw_row_model_get_n_pages (TW_ROW_MODEL (model)));

  memory = bench.memory;

  /* What stays once the app has been idle for three seconds (the Data
   * view gives freed heap back two seconds after its reads are over). */
  {
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (10000);
      }
    settled = print_memory ("settled");
  }
  /* *_arrived_ms: the rows reached the main thread (the queries' share);
   * first_page_ms: they were in the model, after the list's items-changed
   * handlers (the widgets' share); *_ms: a frame showed them. */
  printf ("result db=%s renderer=%s rows=%u first_arrived_ms=%.1f first_page_ms=%.1f "
          "first_rows_ms=%.1f queries_done_ms=%.1f middle_arrived_ms=%.1f middle_ms=%.1f "
          "end_arrived_ms=%.1f end_ms=%.1f window_rss_mb=%.1f rss_mb=%.1f settled_rss_mb=%.1f "
          "hwm_mb=%.1f\n",
          tw_url_get_dialect_name (url),
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default",
          g_list_model_get_n_items (model), first_change_ms, first_page_ms, first_ms, idle_ms,
          middle_arrived_ms, middle_ms, end_arrived_ms, end_ms,
          window_memory.rss_mb, memory.rss_mb, settled.rss_mb, memory.hwm_mb);

  g_signal_remove_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), hook);
  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_application_release (G_APPLICATION (app));
  tw_connection_close (connection);
  return 0;
}
