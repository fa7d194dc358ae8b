/* test-row-selection.c: the Data view's selection, which keeps positions and never asks for items
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "tw-row-selection.h"

/* A list whose items count how often they were asked for. */
static guint n_asked;

#define TEST_TYPE_LAZY_LIST (test_lazy_list_get_type ())
G_DECLARE_FINAL_TYPE (TestLazyList, test_lazy_list, TEST, LAZY_LIST, GObject)

struct _TestLazyList
{
  GObject parent_instance;
  guint   n_items;
};

static GType
lazy_get_item_type (GListModel *list)
{
  return G_TYPE_OBJECT;
}

static guint
lazy_get_n_items (GListModel *list)
{
  return TEST_LAZY_LIST (list)->n_items;
}

static gpointer
lazy_get_item (GListModel *list,
               guint       position)
{
  if (position >= TEST_LAZY_LIST (list)->n_items)
    return NULL;
  n_asked++;
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
lazy_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lazy_get_item_type;
  iface->get_n_items = lazy_get_n_items;
  iface->get_item = lazy_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestLazyList, test_lazy_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lazy_iface_init))

static void
test_lazy_list_class_init (TestLazyListClass *klass)
{
  /* As TwRowModel: "everything is about to be replaced". */
  g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
}

static void
test_lazy_list_init (TestLazyList *self)
{
}

typedef struct
{
  guint n_signals;
  guint position;
  guint n_items;
} Changed;

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Changed           *changed)
{
  changed->n_signals++;
  changed->position = position;
  changed->n_items = n_items;
}

static gboolean
selected (GtkSelectionModel *model,
          guint              position)
{
  return gtk_selection_model_is_selected (model, position);
}

static void
test_select (void)
{
  g_autoptr (TestLazyList) list = g_object_new (TEST_TYPE_LAZY_LIST, NULL);
  g_autoptr (TwRowSelection) selection = NULL;
  g_autoptr (GtkBitset) all = NULL;
  GtkSelectionModel *model;
  Changed changed = { 0 };

  list->n_items = 10000000;
  selection = tw_row_selection_new (G_LIST_MODEL (list));
  model = GTK_SELECTION_MODEL (selection);
  g_signal_connect (model, "selection-changed", G_CALLBACK (selection_changed_cb), &changed);
  g_assert_true (tw_row_selection_get_model (selection) == G_LIST_MODEL (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 10000000);

  /* Ctrl+A over ten million rows asks for none of them. */
  n_asked = 0;
  g_assert_true (gtk_selection_model_select_all (model));
  g_assert_cmpuint (n_asked, ==, 0);
  all = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (all), ==, 10000000);
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.n_items, ==, 10000000);

  /* A click: that row alone; the signal covers what changed. */
  g_assert_true (gtk_selection_model_select_item (model, 5, TRUE));
  g_assert_true (selected (model, 5));
  g_assert_false (selected (model, 4));
  g_assert_false (selected (model, 9999999));
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.n_items, ==, 10000000);

  /* Ctrl+click adds, Shift+click a range, unselect. */
  g_assert_true (gtk_selection_model_select_item (model, 9, FALSE));
  g_assert_true (selected (model, 5) && selected (model, 9));
  g_assert_cmpuint (changed.position, ==, 9);
  g_assert_cmpuint (changed.n_items, ==, 1);
  g_assert_true (gtk_selection_model_select_range (model, 20, 5, FALSE));
  g_assert_true (selected (model, 24) && !selected (model, 25));
  g_assert_true (gtk_selection_model_unselect_item (model, 5));
  g_assert_false (selected (model, 5));

  /* Selecting what is selected changes nothing and says nothing. */
  changed.n_signals = 0;
  g_assert_true (gtk_selection_model_select_item (model, 9, FALSE));
  g_assert_cmpuint (changed.n_signals, ==, 0);

  g_assert_true (gtk_selection_model_unselect_all (model));
  g_assert_false (selected (model, 9));
  g_assert_cmpuint (n_asked, ==, 0);
}

static void
test_items_changed (void)
{
  g_autoptr (TestLazyList) list = g_object_new (TEST_TYPE_LAZY_LIST, NULL);
  g_autoptr (TwRowSelection) selection = NULL;
  GtkSelectionModel *model;

  list->n_items = 100;
  selection = tw_row_selection_new (G_LIST_MODEL (list));
  model = GTK_SELECTION_MODEL (selection);
  gtk_selection_model_select_item (model, 10, FALSE);
  gtk_selection_model_select_item (model, 50, FALSE);
  gtk_selection_model_select_item (model, 60, FALSE);

  /* Two rows inserted before 50: the selection follows its rows; the
   * row at 60 is replaced one for one (a row read into its loading row's
   * place): still selected; two rows removed before it: it moves up. */
  list->n_items = 102;
  g_list_model_items_changed (G_LIST_MODEL (list), 20, 0, 2);
  g_assert_true (selected (model, 10));
  g_assert_true (selected (model, 52) && !selected (model, 50));
  g_assert_true (selected (model, 62));
  g_list_model_items_changed (G_LIST_MODEL (list), 62, 1, 1);
  g_assert_true (selected (model, 62));
  list->n_items = 100;
  g_list_model_items_changed (G_LIST_MODEL (list), 20, 2, 0);
  g_assert_true (selected (model, 60) && !selected (model, 62));

  /* A reset (a reload, a new sort) and its items-changed: nothing stays
   * selected, even with as many items as before. */
  g_signal_emit_by_name (list, "reset");
  g_list_model_items_changed (G_LIST_MODEL (list), 0, 100, 100);
  {
    g_autoptr (GtkBitset) none = gtk_selection_model_get_selection (model);

    g_assert_true (gtk_bitset_is_empty (none));
  }
  gtk_selection_model_select_item (model, 5, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (list), 5, 1, 1);
  g_assert_true (selected (model, 5));

  /* The list shrinks: selecting all stays within it. */
  list->n_items = 30;
  g_list_model_items_changed (G_LIST_MODEL (list), 30, 70, 0);
  gtk_selection_model_select_all (model);
  {
    g_autoptr (GtkBitset) all = gtk_selection_model_get_selection (model);

    g_assert_cmpuint (gtk_bitset_get_size (all), ==, 30);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/row-selection/select", test_select);
  g_test_add_func ("/app/row-selection/items-changed", test_items_changed);

  return g_test_run ();
}
