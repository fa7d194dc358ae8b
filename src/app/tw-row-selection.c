/* tw-row-selection.c: a multiple selection over a lazy list that never asks for the rows it selects
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-row-selection"

#include "config.h"

#include "tw-row-selection.h"

struct _TwRowSelection
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  gulong      reset_id;
  gboolean    resetting;       /* the next items-changed replaces the list */
  GtkBitset  *selected;
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TwRowSelection, tw_row_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

/* GListModel: the model's items, passed through. */

static GType
tw_row_selection_get_item_type (GListModel *list)
{
  TwRowSelection *self = TW_ROW_SELECTION (list);

  return g_list_model_get_item_type (self->model);
}

static guint
tw_row_selection_get_n_items (GListModel *list)
{
  TwRowSelection *self = TW_ROW_SELECTION (list);

  return g_list_model_get_n_items (self->model);
}

static gpointer
tw_row_selection_get_item (GListModel *list,
                           guint       position)
{
  TwRowSelection *self = TW_ROW_SELECTION (list);

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tw_row_selection_get_item_type;
  iface->get_n_items = tw_row_selection_get_n_items;
  iface->get_item = tw_row_selection_get_item;
}

/* GtkSelectionModel: positions in a bit set. GTK's default select_item,
 * select_range, select_all and their opposites all end in set_selection. */

static gboolean
tw_row_selection_is_selected (GtkSelectionModel *model,
                              guint              position)
{
  TwRowSelection *self = TW_ROW_SELECTION (model);

  return gtk_bitset_contains (self->selected, position);
}

static GtkBitset *
tw_row_selection_get_selection_in_range (GtkSelectionModel *model,
                                         guint              position,
                                         guint              n_items)
{
  TwRowSelection *self = TW_ROW_SELECTION (model);

  return gtk_bitset_ref (self->selected);
}

static gboolean
tw_row_selection_set_selection (GtkSelectionModel *model,
                                GtkBitset         *selected,
                                GtkBitset         *mask)
{
  TwRowSelection *self = TW_ROW_SELECTION (model);
  g_autoptr (GtkBitset) changes = gtk_bitset_copy (self->selected);
  g_autoptr (GtkBitset) kept = gtk_bitset_copy (selected);
  guint n_items = g_list_model_get_n_items (self->model);
  guint first;
  guint last;

  /* selected = (selected - mask) | (new & mask), within the model. */
  gtk_bitset_intersect (kept, mask);
  gtk_bitset_subtract (self->selected, mask);
  gtk_bitset_union (self->selected, kept);
  if (n_items < G_MAXUINT)
    gtk_bitset_remove_range_closed (self->selected, n_items, G_MAXUINT);

  /* What changed: the old selection XOR the new one. */
  gtk_bitset_difference (changes, self->selected);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);
  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = tw_row_selection_is_selected;
  iface->get_selection_in_range = tw_row_selection_get_selection_in_range;
  iface->set_selection = tw_row_selection_set_selection;
}

static void
items_changed_cb (TwRowSelection *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  /* After a reset nothing stays selected. Otherwise places replaced one
   * for one (a row read into the place of its loading row) keep their
   * selection; the places removed lose theirs and the rest follow. */
  if (self->resetting)
    {
      self->resetting = FALSE;
      gtk_bitset_remove_all (self->selected);
    }
  else if (removed != added)
    gtk_bitset_splice (self->selected, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
reset_cb (TwRowSelection *self,
          GListModel     *model)
{
  self->resetting = TRUE;
}

static void
tw_row_selection_dispose (GObject *object)
{
  TwRowSelection *self = (TwRowSelection *) object;

  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->model);
      g_clear_signal_handler (&self->reset_id, self->model);
    }
  g_clear_object (&self->model);

  G_OBJECT_CLASS (tw_row_selection_parent_class)->dispose (object);
}

static void
tw_row_selection_finalize (GObject *object)
{
  TwRowSelection *self = (TwRowSelection *) object;

  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (tw_row_selection_parent_class)->finalize (object);
}

static void
tw_row_selection_class_init (TwRowSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_row_selection_dispose;
  object_class->finalize = tw_row_selection_finalize;
}

static void
tw_row_selection_init (TwRowSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

TwRowSelection *
tw_row_selection_new (GListModel *model)
{
  TwRowSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (TW_TYPE_ROW_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->items_changed_id = g_signal_connect_object (model, "items-changed",
                                                    G_CALLBACK (items_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
  /* A model that says when it replaces everything (TwRowModel does). */
  if (g_signal_lookup ("reset", G_OBJECT_TYPE (model)) != 0)
    self->reset_id = g_signal_connect_object (model, "reset", G_CALLBACK (reset_cb), self,
                                              G_CONNECT_SWAPPED);
  return self;
}

GListModel *
tw_row_selection_get_model (TwRowSelection *self)
{
  g_return_val_if_fail (TW_IS_ROW_SELECTION (self), NULL);

  return self->model;
}
