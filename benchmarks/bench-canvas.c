/* bench-canvas.c: the design canvas over a reflected 1,000-table schema: layout, first frame, zoom and pan frames
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates the generated schema in a temporary SQLite file with
 * tw_dialect_compile_create_all(), reflects it back with
 * tw_inspector_reflect(), and shows it in a TwCanvas inside a 1600×1000
 * window. Frame times come from the window's GdkFrameClock: the CPU work of
 * a frame is the time from "before-paint" to "after-paint", the interval is
 * the time between two "after-paint"s, and process_cpu is the CPU time all
 * the process's threads used from "before-paint" to "after-paint" (with GL
 * on software Mesa that includes its rasteriser threads; unlike the wall
 * time it hardly changes when other programs load the machine). Every step
 * changes the view once and waits for the frame that shows it. Run it under
 * Xvfb (benchmarks/run-canvas).
 */

#define G_LOG_DOMAIN "tw-bench-canvas"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tw-canvas-private.h"
#include "tw-canvas.h"
#include "tw-connection.h"
#include "tw-ddl-statement.h"
#include "tw-diagram-painter.h"
#include "tw-dialect.h"
#include "tw-inspector.h"
#include "tw-layout.h"
#include "tw-test-schemas.h"
#include "tw-url.h"

#define WINDOW_WIDTH   1600
#define WINDOW_HEIGHT  1000
#define FRAME_TIMEOUT  (10 * G_USEC_PER_SEC)
#define ZOOM_FACTOR    1.05
#define LAYOUT_RUNS    5
/* Series stop when the process grows past this (MAX_RSS_MB overrides it),
 * rather than have the kernel's OOM killer pick a process of the machine. */
#define MAX_RSS_MB     8000

typedef struct
{
  GtkWidget *window;
  TwCanvas  *canvas;
  gint64     before_paint;
  double     before_paint_process_ms;
  gint64     last_after_paint;
  guint      n_frames;
  GArray    *cpu_ms;       /* double: before-paint → after-paint */
  GArray    *interval_ms;  /* double: after-paint → after-paint */
  GArray    *process_ms;   /* double: CPU time of all the process's threads
                            * (GL's rasteriser threads too) in a frame */
  gboolean   recording;
  gboolean   timed_out;
  double     max_rss_mb;
  double     rss_mb;
  gboolean   over_memory;
  gboolean   verbose;
} Bench;

/* A "Vm...:" line of /proc/self/status, in MB (0 when not found). */
static double
read_status_mb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0.0;
  line = strstr (status, key);
  if (line == NULL)
    return 0.0;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* CPU time used by all threads of the process, in ms. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1000000.0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->before_paint = g_get_monotonic_time ();
  bench->before_paint_process_ms = process_cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->recording)
    {
      double cpu = (now - bench->before_paint) / 1000.0;
      double process = process_cpu_ms () - bench->before_paint_process_ms;

      g_array_append_val (bench->cpu_ms, cpu);
      g_array_append_val (bench->process_ms, process);
      if (bench->last_after_paint > 0)
        {
          double interval = (now - bench->last_after_paint) / 1000.0;

          g_array_append_val (bench->interval_ms, interval);
        }
    }
  bench->last_after_paint = now;
  bench->n_frames++;
  bench->rss_mb = read_status_mb ("VmRSS:");
  if (bench->rss_mb > bench->max_rss_mb)
    bench->over_memory = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  Bench *bench = data;

  bench->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main context until the frame clock has finished one more frame;
 * returns the time of its after-paint. */
static gint64
wait_frame (Bench *bench)
{
  guint target = bench->n_frames + 1;
  guint timeout;

  bench->timed_out = FALSE;
  timeout = g_timeout_add (FRAME_TIMEOUT / 1000, timeout_cb, bench);
  while (bench->n_frames < target && !bench->timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (bench->n_frames < target)
    g_error ("no frame was painted within %d s", (int) (FRAME_TIMEOUT / G_USEC_PER_SEC));
  if (!bench->timed_out)
    g_source_remove (timeout);
  return bench->last_after_paint;
}

static void
start_series (Bench *bench)
{
  g_array_set_size (bench->cpu_ms, 0);
  g_array_set_size (bench->interval_ms, 0);
  g_array_set_size (bench->process_ms, 0);
  bench->last_after_paint = 0;
  bench->recording = TRUE;
}

static void
print_stats (const char *what,
             GArray     *values)
{
  g_autofree double *sorted = NULL;
  guint n = values->len;
  guint p95;

  if (n == 0)
    {
      printf ("%s n=0\n", what);
      return;
    }
  sorted = g_memdup2 (values->data, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  p95 = (guint) ceil (0.95 * n) - 1;
  printf ("%s n=%u median_ms=%.2f p95_ms=%.2f max_ms=%.2f\n",
          what, n, sorted[n / 2], sorted[MIN (p95, n - 1)], sorted[n - 1]);
}

static void
end_series (Bench      *bench,
            const char *name)
{
  g_autofree char *cpu = g_strdup_printf ("frame=%s kind=cpu", name);
  g_autofree char *interval = g_strdup_printf ("frame=%s kind=interval", name);
  g_autofree char *process = g_strdup_printf ("frame=%s kind=process_cpu", name);

  bench->recording = FALSE;
  printf ("# %s: %u cards drawn in the last frame, zoom %.3f; RSS %.0f MB, peak %.0f MB\n", name,
          _tw_canvas_get_n_drawn_cards (bench->canvas), tw_canvas_get_zoom (bench->canvas),
          bench->rss_mb, read_status_mb ("VmHWM:"));
  if (bench->over_memory)
    printf ("# %s: STOPPED after %u frames: RSS %.0f MB passed the limit of %.0f MB\n",
            name, bench->cpu_ms->len, bench->rss_mb, bench->max_rss_mb);
  print_stats (cpu, bench->cpu_ms);
  print_stats (interval, bench->interval_ms);
  print_stats (process, bench->process_ms);
  if (bench->verbose)
    {
      printf ("# %s: frame times in order, ms:", name);
      for (guint i = 0; i < bench->cpu_ms->len; i++)
        printf (" %.1f", g_array_index (bench->cpu_ms, double, i));
      printf ("\n");
    }
}

/* n_steps zoom changes around the centre by ZOOM_FACTOR: a quarter in, half
 * out, a quarter in, so the series ends at the zoom it started from. */
static void
run_zoom_series (Bench      *bench,
                 const char *name,
                 guint       n_steps)
{
  double zoom = tw_canvas_get_zoom (bench->canvas);

  start_series (bench);
  for (guint i = 0; i < n_steps; i++)
    {
      if (i < n_steps / 4 || i >= 3 * n_steps / 4)
        zoom *= ZOOM_FACTOR;
      else
        zoom /= ZOOM_FACTOR;
      tw_canvas_set_zoom (bench->canvas, zoom);
      wait_frame (bench);
      if (bench->over_memory)
        break;
    }
  end_series (bench, name);
}

/* n_steps pans there and back through the adjustments; when the view has
 * no room to scroll (everything fits), plain redraws instead. */
static void
run_pan_series (Bench      *bench,
                const char *name,
                guint       n_steps)
{
  GtkAdjustment *hadj = NULL, *vadj = NULL;
  double hroom, vroom, hstep, vstep;

  g_object_get (bench->canvas, "hadjustment", &hadj, "vadjustment", &vadj, NULL);
  hroom = gtk_adjustment_get_upper (hadj) - gtk_adjustment_get_page_size (hadj) - gtk_adjustment_get_lower (hadj);
  vroom = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj) - gtk_adjustment_get_lower (vadj);
  hstep = MIN (40.0, hroom / (n_steps / 2 + 1));
  vstep = MIN (25.0, vroom / (n_steps / 2 + 1));

  if (hstep < 1.0 && vstep < 1.0)
    {
      printf ("# %s: no room to scroll, redrawing in place\n", name);
      start_series (bench);
      for (guint i = 0; i < n_steps; i++)
        {
          gtk_widget_queue_draw (GTK_WIDGET (bench->canvas));
          wait_frame (bench);
          if (bench->over_memory)
            break;
        }
    }
  else
    {
      /* Start in the middle of the room and go down-right, then back. */
      gtk_adjustment_set_value (hadj, gtk_adjustment_get_lower (hadj) + hroom / 2 - hstep * n_steps / 4);
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj) + vroom / 2 - vstep * n_steps / 4);
      wait_frame (bench);
      start_series (bench);
      for (guint i = 0; i < n_steps; i++)
        {
          double sign = i < n_steps / 2 ? 1.0 : -1.0;

          if (hstep >= 1.0)
            gtk_adjustment_set_value (hadj, gtk_adjustment_get_value (hadj) + sign * hstep);
          if (vstep >= 1.0)
            gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + sign * vstep);
          wait_frame (bench);
          if (bench->over_memory)
            break;
        }
    }
  end_series (bench, name);
  g_object_unref (hadj);
  g_object_unref (vadj);
}

/* Lets the canvas finish what it does after a zoom (it repaints its cards
 * once the zoom has settled, a few per frame), then paints one more frame. */
static void
settle (Bench *bench)
{
  bench->timed_out = FALSE;
  g_timeout_add (600, timeout_cb, bench);
  while (!bench->timed_out)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (bench->canvas));
  wait_frame (bench);
}

/* Saves what the canvas shows as a PNG, rendered by the window's renderer. */
static void
save_screenshot (Bench      *bench,
                 const char *dir,
                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (bench->canvas));
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bench->window));
  int width = gtk_widget_get_width (GTK_WIDGET (bench->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (bench->canvas));

  settle (bench);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot save %s", path);
  printf ("# screenshot at zoom %.3f: %s\n", tw_canvas_get_zoom (bench->canvas), path);
}

/* What the canvas's link nodes cost at this zoom: each is a cairo node
 * (an image surface, 4 bytes a pixel) the size of its link's bounding box. */
static void
print_link_sizes (TwMetadata *metadata,
                  double      zoom)
{
  g_autoptr (GArray) links = tw_diagram_collect_links (metadata);
  double total = 0.0, largest = 0.0, largest_w = 0.0, largest_h = 0.0;
  guint n_over = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const TwDiagramLink *link = &g_array_index (links, TwDiagramLink, i);
      double w = ceil ((link->x1 - link->x0) * zoom) + 2;
      double h = ceil ((link->y1 - link->y0) * zoom) + 2;
      double bytes = w * h * 4.0;

      total += bytes;
      if (bytes > largest)
        {
          largest = bytes;
          largest_w = w;
          largest_h = h;
        }
      if (w > 16384 || h > 16384)
        n_over++;
    }
  printf ("# links at zoom %.3f: %u, surfaces of all of them %.0f MB, largest %.0f x %.0f px (%.0f MB), "
          "%u wider or higher than 16384 px\n",
          zoom, links->len, total / 1048576.0, largest_w, largest_h, largest / 1048576.0, n_over);
}

static TwMetadata *
create_and_reflect (const char  *path,
                    guint        n_tables,
                    guint        n_columns,
                    GError     **error)
{
  g_autoptr (TwMetadata) generated = tw_test_schema_generated (n_tables, n_columns);
  g_autoptr (TwUrl) url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, path);
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GString) script = g_string_new ("BEGIN;\n");
  g_autoptr (TwMetadata) reflected = NULL;
  gint64 t0;

  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), generated, error);
  if (statements == NULL)
    return NULL;
  for (guint i = 0; i < statements->len; i++)
    {
      g_string_append (script, tw_ddl_statement_get_sql (g_ptr_array_index (statements, i)));
      g_string_append (script, ";\n");
    }
  g_string_append (script, "COMMIT;\n");

  connection = tw_connection_open (url, NULL, error);
  if (connection == NULL)
    return NULL;
  if (!tw_connection_execute_script (connection, script->str, NULL, error))
    return NULL;

  t0 = g_get_monotonic_time ();
  reflected = tw_inspector_reflect (connection, NULL, error);
  if (reflected == NULL)
    return NULL;
  printf ("# created %u statements in %s; reflection took %.1f ms\n",
          statements->len, path, (g_get_monotonic_time () - t0) / 1000.0);
  if (tw_metadata_get_n_tables (reflected) != n_tables)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Reflecting %s gave %u tables instead of %u",
                   path, tw_metadata_get_n_tables (reflected), n_tables);
      return NULL;
    }
  tw_connection_close (connection);
  return g_steal_pointer (&reflected);
}

int
main (int   argc,
      char *argv[])
{
  int n_tables = 1000, n_columns = 10, n_steps = 60;
  g_autofree char *screenshots = NULL;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "tables", 0, 0, G_OPTION_ARG_INT, &n_tables, "Tables in the schema (1000)", "N" },
    { "columns", 0, 0, G_OPTION_ARG_INT, &n_columns, "Columns per table (10)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps, "Zoom or pan steps per series (60)", "N" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "Also print every frame's time", NULL },
    { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, &screenshots,
      "Only save PNGs of the canvas at 100 %, 30 % and fitted into DIR", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- design canvas benchmark");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  double layout_ms[LAYOUT_RUNS];
  double first_layout_ms;
  GtkWidget *scrolled;
  GdkFrameClock *clock;
  GskRenderer *renderer;
  Bench bench = { 0 };
  gint64 t0, t1;

  /* Line by line, so a pipe sees each result as soon as it is known. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-canvas: %s\n", error->message);
      return 2;
    }
  if (n_tables < 1 || n_columns < 3 || n_steps < 4)
    {
      g_printerr ("bench-canvas: need at least 1 table, 3 columns and 4 steps\n");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-canvas-XXXXXX", &error);
  if (dir == NULL)
    g_error ("Cannot make a temporary folder: %s", error->message);
  path = g_build_filename (dir, "schema.db", NULL);
  metadata = create_and_reflect (path, (guint) n_tables, (guint) n_columns, &error);
  g_unlink (path);
  g_rmdir (dir);
  if (metadata == NULL)
    g_error ("Cannot build the reflected schema: %s", error->message);

  /* (1) Auto-layout of the reflected model, once for real and then on copies. */
  t0 = g_get_monotonic_time ();
  tw_layout_apply (metadata);
  first_layout_ms = (g_get_monotonic_time () - t0) / 1000.0;
  for (guint r = 0; r < LAYOUT_RUNS; r++)
    {
      g_autoptr (TwMetadata) copy = tw_metadata_copy (metadata);
      guint n = tw_metadata_get_n_tables (copy);

      /* Undo the layout so that every run places every card. */
      for (guint i = 0; i < n; i++)
        tw_table_set_position (tw_metadata_get_table (copy, i), 0.0, 0.0);
      t0 = g_get_monotonic_time ();
      tw_layout_apply (copy);
      layout_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (layout_ms, LAYOUT_RUNS, sizeof (double), compare_doubles);
  printf ("# schema: %d tables x %d columns, reflected from SQLite\n", n_tables, n_columns);
  printf ("layout first_ms=%.2f median_ms=%.2f best_ms=%.2f runs=%d\n",
          first_layout_ms, layout_ms[LAYOUT_RUNS / 2], layout_ms[0], LAYOUT_RUNS);

  gtk_init ();
  bench.max_rss_mb = MAX_RSS_MB;
  bench.verbose = verbose;
  if (g_getenv ("MAX_RSS_MB") != NULL)
    bench.max_rss_mb = g_ascii_strtod (g_getenv ("MAX_RSS_MB"), NULL);
  bench.cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.process_ms = g_array_new (FALSE, FALSE, sizeof (double));

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), WINDOW_WIDTH, WINDOW_HEIGHT);
  scrolled = gtk_scrolled_window_new ();
  bench.canvas = TW_CANVAS (tw_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (bench.canvas));
  gtk_window_set_child (GTK_WINDOW (bench.window), scrolled);
  gtk_window_present (GTK_WINDOW (bench.window));

  while (!gtk_widget_get_mapped (bench.window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  /* An empty canvas first, so the window's own setup is not counted. */
  gtk_widget_queue_draw (bench.window);
  wait_frame (&bench);
  wait_frame (&bench);

  renderer = gtk_native_get_renderer (GTK_NATIVE (bench.window));
  printf ("# renderer: %s, canvas %d x %d\n", G_OBJECT_TYPE_NAME (renderer),
          gtk_widget_get_width (GTK_WIDGET (bench.canvas)),
          gtk_widget_get_height (GTK_WIDGET (bench.canvas)));

  /* (2) From setting the model to the first frame that shows it, at 100 %. */
  t0 = g_get_monotonic_time ();
  tw_canvas_set_metadata (bench.canvas, metadata);
  t1 = wait_frame (&bench);
  printf ("# first frame: %u cards drawn, zoom %.3f\n",
          _tw_canvas_get_n_drawn_cards (bench.canvas), tw_canvas_get_zoom (bench.canvas));
  printf ("first_frame ms=%.2f frame_cpu_ms=%.2f\n", (t1 - t0) / 1000.0,
          (t1 - bench.before_paint) / 1000.0);

  print_link_sizes (metadata, 1.0);
  if (bench.over_memory)
    goto out;

  if (screenshots != NULL)
    {
      g_mkdir_with_parents (screenshots, 0755);
      save_screenshot (&bench, screenshots, "canvas-100.png");
      tw_canvas_set_zoom (bench.canvas, 0.3);
      save_screenshot (&bench, screenshots, "canvas-30.png");
      gtk_widget_activate_action (GTK_WIDGET (bench.canvas), "canvas.zoom-fit", NULL);
      save_screenshot (&bench, screenshots, "canvas-fit.png");
      goto out;
    }

  /* (3) Zoom at 100 %: only the cards in view are drawn. */
  run_zoom_series (&bench, "zoom-100", (guint) n_steps);
  if (bench.over_memory)
    goto out;

  /* Zoom to fit: every card in view, the worst case. */
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (bench.canvas), "canvas.zoom-fit", NULL);
  t1 = wait_frame (&bench);
  printf ("# zoom to fit: %u cards drawn, zoom %.3f\n",
          _tw_canvas_get_n_drawn_cards (bench.canvas), tw_canvas_get_zoom (bench.canvas));
  printf ("zoom_fit_frame ms=%.2f frame_cpu_ms=%.2f\n", (t1 - t0) / 1000.0,
          (t1 - bench.before_paint) / 1000.0);
  print_link_sizes (metadata, tw_canvas_get_zoom (bench.canvas));
  if (bench.over_memory)
    goto out;
  run_zoom_series (&bench, "zoom-fit", (guint) n_steps);
  if (!bench.over_memory)
    run_pan_series (&bench, "pan-fit", (guint) n_steps);
  if (bench.over_memory)
    goto out;

  /* The Auto Layout action as a user runs it (an undo step, then zoom to
   * fit), to the frame that shows it. */
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (bench.canvas), "canvas.auto-layout", NULL);
  t1 = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (bench.canvas));
  wait_frame (&bench);
  printf ("auto_layout_action ms=%.2f to_frame_ms=%.2f\n", (t1 - t0) / 1000.0,
          (bench.last_after_paint - t0) / 1000.0);

  /* Pan at 100 % last, in the middle of the diagram: with the GL renderer
   * it is the series most likely to run out of memory. */
  gtk_widget_activate_action (GTK_WIDGET (bench.canvas), "canvas.zoom-reset", NULL);
  wait_frame (&bench);
  if (!bench.over_memory)
    run_pan_series (&bench, "pan-100", (guint) n_steps);

out:
  printf ("# peak RSS %.0f MB\n", read_status_mb ("VmHWM:"));
  tw_canvas_set_metadata (bench.canvas, NULL);
  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_array_unref (bench.cpu_ms);
  g_array_unref (bench.interval_ms);
  g_array_unref (bench.process_ms);
  return 0;
}
