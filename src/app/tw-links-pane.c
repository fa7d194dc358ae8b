/* tw-links-pane.c: the rows a row is linked to through a many-to-many relationship
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-links-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-links-pane.h"
#include "tw-row-model.h"
#include "tw-window-private.h"

struct _TwLinksPane
{
  GtkWidget       parent_instance;

  TwRow          *row;
  TwSession      *session;
  TwRelationship *relationship;
  gboolean        row_is_left;
  TwTable        *secondary;
  TwTable        *other;
  char           *own_column;      /* in the association table */
  char           *own_referred;    /* in the row's table */
  char           *other_column;    /* in the association table */
  char           *other_referred;  /* in the other table */
  char           *other_label;     /* a text column of the other table, or NULL */

  /* The rows of the other table linked in the database (a "linked"
   * filter through the association table); NULL for a new row. */
  TwRowModel     *links;
  gulong          links_items_id;
  gulong          links_loading_id;
  gulong          session_changed_id;
  TwRowModel     *candidates;
  /* The other table's row of each line of the list, or NULL. */
  GPtrArray      *shown;
  /* While the row is a loading placeholder: its notify::state. */
  gulong          row_state_id;

  /* Template widgets */
  GtkLabel       *title;
  GtkListBox     *list;
  GtkMenuButton  *add_button;
  GtkSearchEntry *search;
  GtkListView    *candidates_view;
};

G_DEFINE_FINAL_TYPE (TwLinksPane, tw_links_pane, GTK_TYPE_WIDGET)

/* The most linked rows listed: the first ones by label. */
#define MAX_LINES 100

static void load_row (TwLinksPane *self);

static void
toast (TwLinksPane *self,
       const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (TW_IS_WINDOW (root))
    _tw_window_toast (TW_WINDOW (root), message);
}

TwRelationship *
tw_links_pane_find_relationship (TwMetadata *metadata,
                                 TwTable    *table)
{
  GListModel *relationships;

  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);

  relationships = tw_metadata_get_relationships (metadata);
  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = tw_table_get_name (table);

      if (tw_relationship_get_kind (relationship) == TW_RELATIONSHIP_KIND_MANY_TO_MANY &&
          tw_relationship_get_secondary (relationship) != NULL &&
          (g_strcmp0 (tw_relationship_get_left_table (relationship), name) == 0 ||
           g_strcmp0 (tw_relationship_get_right_table (relationship), name) == 0))
        return relationship;
    }

  return NULL;
}

static void
unref_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
clear_list (TwLinksPane *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->shown, 0);
  gtk_list_box_set_placeholder (self->list, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* "Ada Lovelace · 1": the other row's label and key. */
static char *
dup_row_text (TwLinksPane *self,
              TwRow       *other)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  const TwValue   *value;

  g_assert (TW_IS_LINKS_PANE (self));

  value = tw_row_get_value_by_name (other, self->other_referred);
  key = value != NULL ? tw_value_to_display_string (value) : g_strdup (_("new"));
  value = self->other_label != NULL ? tw_row_get_value_by_name (other, self->other_label) : NULL;
  if (value == NULL || tw_value_is_null (value))
    /* TRANSLATORS: a linked row without a text column: its table, key column and key, e.g. "books id = 2" */
    return g_strdup_printf (_("%s %s = %s"), tw_table_get_name (self->other), self->other_referred, key);

  name = tw_value_to_display_string (value);
  /* TRANSLATORS: a linked row: its label and its key, e.g. "Ada Lovelace · 1" */
  return g_strdup_printf (_("%s · %s"), name, key);
}

typedef enum
{
  LINE_LINKED,           /* in the database */
  LINE_LINK_STAGED,      /* to be linked on commit */
  LINE_UNLINK_STAGED,    /* to be unlinked on commit */
  LINE_LOADING,
} LineKind;

static void
append_line (TwLinksPane *self,
             TwRow       *other,
             LineKind     kind)
{
  g_autofree char *text = NULL;
  GtkWidget       *box;
  GtkWidget       *label;
  GtkWidget       *button;
  const char      *tooltip = NULL;

  g_assert (TW_IS_LINKS_PANE (self));

  text = kind == LINE_LOADING ? g_strdup ("…") : dup_row_text (self, other);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "tw-pending-row");
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  switch (kind)
    {
    case LINE_LINK_STAGED:
      gtk_widget_add_css_class (box, "row-new");
      tooltip = _("Linked on commit");
      break;
    case LINE_UNLINK_STAGED:
      gtk_widget_add_css_class (box, "row-deleted");
      tooltip = _("Unlinked on commit");
      break;
    case LINE_LINKED:
    case LINE_LOADING:
    default:
      break;
    }
  if (tooltip != NULL)
    {
      g_autofree char *description = g_strdup_printf ("%s (%s)", text, tooltip);

      gtk_widget_set_tooltip_text (label, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      description, -1);
    }

  if (kind != LINE_LOADING)
    {
      gboolean    undo = kind == LINE_UNLINK_STAGED;
      const char *name = undo ? _("Keep Link") : (kind == LINE_LINK_STAGED ? _("Drop Link")
                                                                          : _("Unlink"));

      button = gtk_button_new_from_icon_name (undo ? "edit-undo-symbolic" : "list-remove-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      undo ? "links.keep" : "links.unlink");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_uint32 (self->shown->len));
      gtk_box_append (GTK_BOX (box), button);
    }

  g_ptr_array_add (self->shown, other != NULL ? g_object_ref (other) : NULL);
  gtk_list_box_append (self->list, box);
}

static gboolean
contains_row (GPtrArray *rows,
              TwRow     *row)
{
  return rows != NULL && g_ptr_array_find (rows, row, NULL);
}

/* The list: the rows linked in the database (those staged to be unlinked
 * struck out), then the links staged in the session. */
static void
rebuild_list (TwLinksPane *self)
{
  g_autoptr (GPtrArray) unlinked = NULL;
  g_autoptr (GPtrArray) linked = NULL;
  GListModel *model = self->links != NULL ? G_LIST_MODEL (self->links) : NULL;
  guint       n_linked;

  g_assert (TW_IS_LINKS_PANE (self));

  clear_list (self);
  if (self->session == NULL || self->relationship == NULL || self->other == NULL || self->row == NULL)
    return;

  unlinked = tw_session_dup_staged_links (self->session, self->relationship, self->row, TRUE);
  linked = tw_session_dup_staged_links (self->session, self->relationship, self->row, FALSE);

  n_linked = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < MIN (n_linked, MAX_LINES); i++)
    {
      g_autoptr (TwRow) other = g_list_model_get_item (model, i);

      if (tw_row_get_state (other) == TW_ROW_STATE_LOADING)
        append_line (self, NULL, LINE_LOADING);
      else
        append_line (self, other, contains_row (unlinked, other) ? LINE_UNLINK_STAGED : LINE_LINKED);
    }
  if (n_linked > MAX_LINES)
    {
      g_autofree char *text = NULL;
      GtkWidget       *more;

      /* The rest are not read: a row may be linked to thousands. */
      text = g_strdup_printf (ngettext ("and %u more linked row", "and %u more linked rows",
                                        n_linked - MAX_LINES),
                              n_linked - MAX_LINES);
      more = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (more), 0);
      gtk_widget_add_css_class (more, "dim-label");
      gtk_list_box_append (self->list, more);
    }

  for (guint i = 0; i < linked->len; i++)
    append_line (self, g_ptr_array_index (linked, i), LINE_LINK_STAGED);

  gtk_list_box_set_placeholder (self->list, NULL);
  if (self->shown->len == 0)
    {
      GtkWidget *empty = gtk_label_new (model != NULL && tw_row_model_get_loading (self->links)
                                        ? _("Loading…") : _("No linked rows"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_list_box_set_placeholder (self->list, empty);
    }
}

static void
links_changed_cb (TwLinksPane *self)
{
  /* A new row committed since has a key now, and links in the database. */
  if (self->links == NULL && self->row != NULL &&
      tw_row_get_state (self->row) == TW_ROW_STATE_CLEAN)
    {
      load_row (self);
      return;
    }

  rebuild_list (self);
}

static void
clear_models (TwLinksPane *self)
{
  if (self->links != NULL)
    {
      g_clear_signal_handler (&self->links_items_id, self->links);
      g_clear_signal_handler (&self->links_loading_id, self->links);
    }
  g_clear_object (&self->links);
  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  gtk_list_view_set_model (self->candidates_view, NULL);
  g_clear_object (&self->candidates);
}

static void
clear_relationship (TwLinksPane *self)
{
  clear_models (self);
  clear_list (self);
  g_clear_object (&self->relationship);
  g_clear_object (&self->secondary);
  g_clear_object (&self->other);
  g_clear_pointer (&self->own_column, g_free);
  g_clear_pointer (&self->own_referred, g_free);
  g_clear_pointer (&self->other_column, g_free);
  g_clear_pointer (&self->other_referred, g_free);
  g_clear_pointer (&self->other_label, g_free);
  g_clear_object (&self->session);
}

/* Finds the columns of the association table; FALSE if it is not a plain
 * pair of single-column foreign keys. */
static gboolean
resolve (TwLinksPane *self,
         TwMetadata  *metadata,
         TwTable     *table)
{
  GListModel *foreign_keys;
  const char *other_name;

  self->row_is_left = g_strcmp0 (tw_relationship_get_left_table (self->relationship),
                                 tw_table_get_name (table)) == 0;
  other_name = self->row_is_left ? tw_relationship_get_right_table (self->relationship)
                                 : tw_relationship_get_left_table (self->relationship);
  self->other = g_object_ref (tw_metadata_find_table (metadata, other_name));
  self->secondary = tw_metadata_find_table (metadata, tw_relationship_get_secondary (self->relationship));
  if (self->other == NULL || self->secondary == NULL)
    return FALSE;
  g_object_ref (self->secondary);

  foreign_keys = tw_table_get_foreign_keys (self->secondary);
  for (guint i = 0; i < g_list_model_get_n_items (foreign_keys); i++)
    {
      g_autoptr (TwForeignKey) foreign_key = g_list_model_get_item (foreign_keys, i);
      const char *referred = tw_foreign_key_get_referred_table (foreign_key);

      if (tw_foreign_key_get_n_columns (foreign_key) != 1)
        continue;

      if (self->own_column == NULL && g_strcmp0 (referred, tw_table_get_name (table)) == 0)
        {
          self->own_column = g_strdup (tw_foreign_key_get_columns (foreign_key)[0]);
          self->own_referred = g_strdup (tw_foreign_key_get_referred_columns (foreign_key)[0]);
        }
      else if (self->other_column == NULL && g_strcmp0 (referred, other_name) == 0)
        {
          self->other_column = g_strdup (tw_foreign_key_get_columns (foreign_key)[0]);
          self->other_referred = g_strdup (tw_foreign_key_get_referred_columns (foreign_key)[0]);
        }
    }

  for (guint c = 0; c < tw_table_get_n_columns (self->other); c++)
    {
      TwColumn *column = tw_table_get_column (self->other, c);

      if (tw_column_get_column_type (column) == TW_COLUMN_TYPE_STRING ||
          tw_column_get_column_type (column) == TW_COLUMN_TYPE_TEXT)
        {
          self->other_label = g_strdup (tw_column_get_name (column));
          break;
        }
    }

  return self->own_column != NULL && self->other_column != NULL;
}

static void
row_state_cb (TwLinksPane *self,
              GParamSpec  *pspec,
              TwRow       *row)
{
  g_assert (TW_IS_LINKS_PANE (self));

  if (tw_row_get_state (row) != TW_ROW_STATE_LOADING)
    load_row (self);
}

void
tw_links_pane_set_row (TwLinksPane *self,
                       TwRow       *row)
{
  g_return_if_fail (TW_IS_LINKS_PANE (self));
  g_return_if_fail (row == NULL || TW_IS_ROW (row));

  if (self->row == row)
    return;

  if (self->row != NULL)
    g_clear_signal_handler (&self->row_state_id, self->row);
  g_set_object (&self->row, row);
  load_row (self);
}

/* Shows the links of self->row; a row still loading is shown once its
 * values arrive. */
static void
load_row (TwLinksPane *self)
{
  TwRow          *row = self->row;
  TwSession      *session;
  TwMetadata     *metadata;
  TwTable        *table;
  TwRelationship *relationship;
  const TwValue  *key;
  g_autofree char *title = NULL;

  g_assert (TW_IS_LINKS_PANE (self));

  clear_relationship (self);
  gtk_label_set_text (self->title, _("Select one row to see its links"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "links.add", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);

  if (row != NULL && tw_row_get_state (row) == TW_ROW_STATE_LOADING)
    {
      if (self->row_state_id == 0)
        self->row_state_id = g_signal_connect_object (row, "notify::state",
                                                      G_CALLBACK (row_state_cb), self,
                                                      G_CONNECT_SWAPPED);
      return;
    }
  if (row != NULL)
    g_clear_signal_handler (&self->row_state_id, row);

  if (row == NULL || (session = tw_row_get_session (row)) == NULL)
    return;

  metadata = tw_session_get_metadata (session);
  table = tw_row_get_table (row);
  relationship = table != NULL ? tw_links_pane_find_relationship (metadata, table) : NULL;
  if (relationship == NULL)
    return;

  self->session = g_object_ref (session);
  self->relationship = g_object_ref (relationship);
  if (!resolve (self, metadata, table))
    return;

  title = g_strdup_printf (_("Linked %s"), tw_table_get_name (self->other));
  gtk_label_set_text (self->title, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "links.add", TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);

  /* Staged links and unlinks show as soon as they are staged. */
  self->session_changed_id = g_signal_connect_object (session, "changed",
                                                      G_CALLBACK (links_changed_cb), self,
                                                      G_CONNECT_SWAPPED);

  /* A new row has no links in the database yet. */
  key = tw_row_get_value_by_name (row, self->own_referred);
  if (key == NULL || tw_row_get_state (row) == TW_ROW_STATE_NEW)
    {
      rebuild_list (self);
      return;
    }

  {
    /* The other table's rows whose key the association table pairs
     * with this row's, by label. */
    TwFilter filter = { self->other_referred, TW_FILTER_OPERATOR_LINKED, key,
                        tw_table_get_name (self->secondary), self->other_column, self->own_column };
    TwSort   sort = { self->other_label, FALSE };

    self->links = tw_row_model_new (session, self->other);
    tw_row_model_set_filter (self->links, &filter);
    if (self->other_label != NULL)
      tw_row_model_set_sort (self->links, &sort);
    self->links_items_id = g_signal_connect_object (self->links, "items-changed",
                                                    G_CALLBACK (links_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
    /* Loaded rows fill their places in the model without items-changed. */
    self->links_loading_id = g_signal_connect_object (self->links, "notify::loading",
                                                      G_CALLBACK (links_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
    rebuild_list (self);
  }
}

TwRow *
tw_links_pane_get_row (TwLinksPane *self)
{
  g_return_val_if_fail (TW_IS_LINKS_PANE (self), NULL);

  return self->row;
}

GListModel *
tw_links_pane_get_links (TwLinksPane *self)
{
  g_return_val_if_fail (TW_IS_LINKS_PANE (self), NULL);

  return self->links != NULL ? G_LIST_MODEL (self->links) : NULL;
}

GListModel *
tw_links_pane_get_candidates (TwLinksPane *self)
{
  g_return_val_if_fail (TW_IS_LINKS_PANE (self), NULL);

  return self->candidates != NULL ? G_LIST_MODEL (self->candidates) : NULL;
}

static gboolean
stage_link (TwLinksPane *self,
            TwRow       *other,
            gboolean     link)
{
  g_autoptr (GError) error = NULL;
  TwRow   *left = self->row_is_left ? self->row : other;
  TwRow   *right = self->row_is_left ? other : self->row;
  gboolean ok;

  if (link)
    ok = tw_session_link (self->session, self->relationship, left, right, &error);
  else
    ok = tw_session_unlink (self->session, self->relationship, left, right, &error);

  if (!ok)
    toast (self, error->message);
  else
    toast (self, link ? _("Link staged") : _("Unlink staged"));

  return ok;
}

gboolean
tw_links_pane_pick (TwLinksPane *self,
                    guint        position)
{
  g_autoptr (TwRow) other = NULL;

  g_return_val_if_fail (TW_IS_LINKS_PANE (self), FALSE);

  if (self->candidates == NULL)
    return FALSE;

  other = g_list_model_get_item (G_LIST_MODEL (self->candidates), position);
  if (other == NULL || tw_row_get_state (other) == TW_ROW_STATE_LOADING)
    return FALSE;

  if (!stage_link (self, other, TRUE))
    return FALSE;

  /* The search entry has the focus: give it back to the button first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  gtk_menu_button_popdown (self->add_button);
  return TRUE;
}

/* The other row of line @param of the list, or NULL. */
static TwRow *
shown_row (TwLinksPane *self,
           GVariant    *param)
{
  guint index = g_variant_get_uint32 (param);

  g_assert (TW_IS_LINKS_PANE (self));

  if (self->session == NULL || index >= self->shown->len)
    return NULL;

  return g_ptr_array_index (self->shown, index);
}

static void
unlink_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwLinksPane *self = TW_LINKS_PANE (widget);
  TwRow       *other = shown_row (self, param);

  /* An unlink of a staged link drops it. */
  if (other != NULL)
    stage_link (self, other, FALSE);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TwLinksPane *self = TW_LINKS_PANE (widget);
  TwRow       *other = shown_row (self, param);

  /* A link of a pair staged to be unlinked drops the unlink. */
  if (other != NULL)
    stage_link (self, other, TRUE);
}

static void
candidate_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
candidate_show (TwLinksPane *self,
                GtkListItem *item)
{
  TwRow           *row = gtk_list_item_get_item (item);
  GtkLabel        *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  g_assert (TW_IS_LINKS_PANE (self));

  if (row == NULL || tw_row_get_state (row) == TW_ROW_STATE_LOADING || self->other == NULL)
    {
      gtk_label_set_text (label, "…");
      return;
    }

  text = dup_row_text (self, row);
  gtk_label_set_text (label, text);
}

/* A loading row becomes its row in place when its page arrives (the list
 * is not told): show it then. */
static void
candidate_row_state_cb (GtkListItem *item,
                        GParamSpec  *pspec,
                        TwRow       *row)
{
  TwLinksPane *self = g_object_get_data (G_OBJECT (item), "tw-links-pane");

  if (self != NULL && tw_row_get_state (row) != TW_ROW_STATE_LOADING)
    candidate_show (self, item);
}

static void
candidate_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  TwLinksPane *self = user_data;
  TwRow       *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "tw-links-pane", self);
  if (tw_row_get_state (row) == TW_ROW_STATE_LOADING)
    g_signal_connect_object (row, "notify::state", G_CALLBACK (candidate_row_state_cb), item,
                             G_CONNECT_SWAPPED);
  candidate_show (self, item);
}

static void
candidate_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  TwRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, candidate_row_state_cb, item);
}

static void
candidate_activate_cb (TwLinksPane *self,
                       guint        position,
                       GtkListView *list_view)
{
  tw_links_pane_pick (self, position);
}

static void
search_changed_cb (TwLinksPane    *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr (TwValue) value = NULL;
  TwFilter    filter = { 0 };

  if (self->candidates == NULL || self->other_label == NULL)
    return;

  if (text[0] == '\0')
    {
      tw_row_model_set_filter (self->candidates, NULL);
      return;
    }

  value = tw_value_new_text (text);
  filter.column = self->other_label;
  filter.op = TW_FILTER_OPERATOR_CONTAINS;
  filter.value = value;
  tw_row_model_set_filter (self->candidates, &filter);
}

static void
picker_show_cb (TwLinksPane *self,
                GtkPopover  *popover)
{
  g_autoptr (GtkSingleSelection) selection = NULL;

  if (self->session == NULL || self->other == NULL)
    return;

  g_clear_object (&self->candidates);
  self->candidates = tw_row_model_new (self->session, self->other);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->candidates)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->candidates_view, GTK_SELECTION_MODEL (selection));
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
}

static void
picker_closed_cb (TwLinksPane *self,
                  GtkPopover  *popover)
{
  gtk_list_view_set_model (self->candidates_view, NULL);
  g_clear_object (&self->candidates);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  gtk_menu_button_popup (TW_LINKS_PANE (widget)->add_button);
}

static void
tw_links_pane_dispose (GObject *object)
{
  TwLinksPane *self = (TwLinksPane *) object;
  GtkWidget   *child;

  if (self->candidates_view != NULL)
    clear_relationship (self);
  if (self->row != NULL)
    g_clear_signal_handler (&self->row_state_id, self->row);
  g_clear_object (&self->row);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_LINKS_PANE);
  /* Children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_links_pane_parent_class)->dispose (object);
}

static void
tw_links_pane_class_init (TwLinksPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_links_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-links-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, TwLinksPane, title);
  gtk_widget_class_bind_template_child (widget_class, TwLinksPane, list);
  gtk_widget_class_bind_template_child (widget_class, TwLinksPane, add_button);
  gtk_widget_class_bind_template_child (widget_class, TwLinksPane, search);
  gtk_widget_class_bind_template_child (widget_class, TwLinksPane, candidates_view);
  gtk_widget_class_bind_template_callback (widget_class, candidate_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, picker_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, picker_closed_cb);

  gtk_widget_class_install_action (widget_class, "links.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "links.unlink", "u", unlink_action);
  gtk_widget_class_install_action (widget_class, "links.keep", "u", keep_action);
}

static void
tw_links_pane_init (TwLinksPane *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_ptr_array_new_with_free_func (unref_row);

  g_signal_connect (factory, "setup", G_CALLBACK (candidate_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (candidate_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (candidate_unbind_cb), NULL);
  gtk_list_view_set_factory (self->candidates_view, factory);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "links.add", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
}
