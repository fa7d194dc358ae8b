/* test-canvas-zoom.c: tests of the design canvas's drawing while zooming: scaled cards, settling, overview
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "tw-canvas-private.h"
#include "tw-layout.h"

#define N_TABLES 60

typedef struct
{
  GtkWidget  *window;
  TwCanvas   *canvas;
  TwMetadata *metadata;
} Fixture;

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

/* A chain of tables, each with a foreign key to the one before. */
static TwMetadata *
make_model (void)
{
  TwMetadata *metadata = tw_metadata_new ();

  for (guint i = 0; i < N_TABLES; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%02u", i);
      g_autoptr (TwTable) table = tw_table_new (name);
      g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

      tw_column_set_primary_key (id, TRUE);
      tw_table_add_column (table, id);
      if (i > 0)
        {
          g_autofree char *parent = g_strdup_printf ("t%02u", i - 1);
          const char *columns[] = { "parent_id", NULL };
          const char *referred[] = { "id", NULL };
          g_autoptr (TwColumn) parent_id = tw_column_new ("parent_id", TW_COLUMN_TYPE_INTEGER);
          g_autoptr (TwForeignKey) key = tw_foreign_key_new (NULL, columns, parent, referred);

          tw_table_add_column (table, parent_id);
          tw_table_add_foreign_key (table, key);
        }
      tw_metadata_add_table (metadata, table);
    }
  tw_layout_apply (metadata);
  return metadata;
}

/* Draws the canvas once, as a frame would, and returns how many cards. */
static guint
draw (Fixture *fixture)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  GTK_WIDGET_GET_CLASS (fixture->canvas)->snapshot (GTK_WIDGET (fixture->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);
  return _tw_canvas_get_n_drawn_cards (fixture->canvas);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->metadata = make_model ();
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->canvas = TW_CANVAS (tw_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->canvas));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  tw_canvas_set_metadata (fixture->canvas, fixture->metadata);
  gtk_window_present (GTK_WINDOW (fixture->window));
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) > 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  SPIN_UNTIL (window == NULL);
  g_assert_finalize_object (fixture->metadata);
}

/* While a zoom is in progress the cards are drawn from the nodes painted
 * at the old zoom; once it settles every card is painted again, and a
 * card that comes into view is painted at once. */
static void
test_zoom_settles (Fixture       *fixture,
                   gconstpointer  data)
{
  guint n;

  n = draw (fixture);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_TABLES);
  g_assert_cmpuint (_tw_canvas_get_n_stale_cards (fixture->canvas), ==, 0);
  g_assert_false (_tw_canvas_is_overview (fixture->canvas));

  tw_canvas_set_zoom (fixture->canvas, 1.3);
  tw_canvas_set_zoom (fixture->canvas, 1.6);
  n = draw (fixture);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (_tw_canvas_get_n_stale_cards (fixture->canvas), ==, n);

  /* The frame clock draws on; the cards get their new nodes a few a frame. */
  SPIN_UNTIL (_tw_canvas_get_n_stale_cards (fixture->canvas) == 0 &&
              _tw_canvas_get_n_drawn_cards (fixture->canvas) > 0);
  g_assert_cmpuint (draw (fixture), >, 0);
  g_assert_cmpuint (_tw_canvas_get_n_stale_cards (fixture->canvas), ==, 0);
  g_assert_cmpfloat (tw_canvas_get_zoom (fixture->canvas), ==, 1.6);

  /* Zooming out past the first zoom brings cards that never had a node. */
  tw_canvas_set_zoom (fixture->canvas, 0.5);
  g_assert_cmpuint (draw (fixture), >, n);
  SPIN_UNTIL (_tw_canvas_get_n_stale_cards (fixture->canvas) == 0 &&
              _tw_canvas_get_n_drawn_cards (fixture->canvas) > n);
}

/* Zoomed far out the cards are an overview, whatever the zoom was before,
 * and nothing waits for the zoom to settle. */
static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  draw (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (tw_canvas_get_zoom (fixture->canvas), <, 0.45);
  g_assert_cmpuint (draw (fixture), ==, N_TABLES);
  g_assert_true (_tw_canvas_is_overview (fixture->canvas));
  g_assert_cmpuint (_tw_canvas_get_n_stale_cards (fixture->canvas), ==, 0);

  /* Below a few pixels a card has no text; the drawing still works. */
  tw_canvas_set_zoom (fixture->canvas, 0.05);
  g_assert_cmpuint (draw (fixture), ==, N_TABLES);
  tw_canvas_set_zoom (fixture->canvas, 0.3);
  g_assert_cmpuint (draw (fixture), >, 0);
  g_assert_true (_tw_canvas_is_overview (fixture->canvas));

  /* Back in detail, a model change repaints the cards at once. */
  tw_canvas_set_zoom (fixture->canvas, 1.0);
  SPIN_UNTIL (_tw_canvas_get_n_stale_cards (fixture->canvas) == 0 &&
              !_tw_canvas_is_overview (fixture->canvas));
  tw_table_set_name (tw_metadata_get_table (fixture->metadata, 0), "renamed");
  g_assert_cmpuint (draw (fixture), >, 0);
  g_assert_cmpuint (_tw_canvas_get_n_stale_cards (fixture->canvas), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", TW_TEST_SCHEMA_DIR, TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/app/canvas-zoom/settles", Fixture, NULL,
              fixture_setup, test_zoom_settles, fixture_teardown);
  g_test_add ("/app/canvas-zoom/overview", Fixture, NULL,
              fixture_setup, test_overview, fixture_teardown);
  return g_test_run ();
}
