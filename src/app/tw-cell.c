/* tw-cell.c: one cell of the data grid: shows a row's value and edits it in place
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-cell"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tw-cell.h"
#include "tw-row-model.h"
#include "tw-session.h"
#include "tw-window-private.h"

struct _TwCell
{
  GtkWidget        parent_instance;

  TwRow           *row;
  TwColumn        *column;
  gulong           changed_id;
  gulong           state_id;
  int              index;          /* the column's position in the row, or -1 */
  TwValueKind      kind;
  guint            editing : 1;
  guint            updating : 1;   /* setting the switch from the row */
  guint            read_only : 1;
  guint            classes;        /* the state_classes set, one bit each */
  char            *tooltip;        /* shown on hover; NULL for none */

  GtkFileChooserNative *chooser;
  TwCellLabelFunc  label_func;
  gpointer         label_data;
  TwTable         *referred_table;
  char            *key_column;
  char            *label_column;
  TwRowModel      *reference_model;

  /* Template widget: what every cell shows. */
  GtkLabel        *label;

  /* From tw-cell-editors.ui, built when first needed (a grid has about
   * a thousand cells; most are never edited). */
  GtkSwitch       *toggle;         /* Boolean columns */
  GtkEntry        *entry;
  GtkPopoverMenu  *context_menu;
  GtkPopover      *text_popover;
  GtkTextView     *text_view;
  GtkLabel        *text_error;
  GtkPopover      *reference_popover;
  GtkSearchEntry  *reference_search;
  GtkListView     *reference_list;
};

G_DEFINE_FINAL_TYPE (TwCell, tw_cell, GTK_TYPE_WIDGET)

enum {
  CLASS_ROW_NEW      = 1 << 0,
  CLASS_ROW_DELETED  = 1 << 1,
  CLASS_ROW_LOADING  = 1 << 2,
  CLASS_CELL_CHANGED = 1 << 3,
  CLASS_NULL         = 1 << 4,
  CLASS_AUTO         = 1 << 5,
  CLASS_ERROR        = 1 << 6,
  CLASS_REFERENCE    = 1 << 7,
};

/* In the order of the CLASS_ bits. */
static const char *state_classes[] = {
  "row-new", "row-deleted", "row-loading", "cell-changed", "tw-null", "tw-auto", "tw-error",
  "tw-reference",
};

#define EDITORS_RESOURCE "/io/github/tablewright/Tablewright/ui/tw-cell-editors.ui"

static void entry_changed_cb     (TwCell                  *self,
                                  GtkEntry                *entry);
static void entry_activate_cb    (TwCell                  *self,
                                  GtkEntry                *entry);
static gboolean entry_key_pressed_cb (TwCell              *self,
                                      guint                keyval,
                                      guint                keycode,
                                      GdkModifierType      state,
                                      GtkEventControllerKey *controller);
static void entry_focus_leave_cb (TwCell                  *self,
                                  GtkEventControllerFocus *controller);
static void toggle_active_cb     (TwCell                  *self,
                                  GParamSpec              *pspec,
                                  GtkSwitch               *toggle);
static void text_changed_cb      (TwCell                  *self,
                                  GtkTextBuffer           *buffer);
static void reference_activate_cb (TwCell                 *self,
                                   guint                   position,
                                   GtkListView            *list_view);
static void reference_search_cb  (TwCell                  *self,
                                  GtkSearchEntry          *entry);
static void reference_closed_cb  (TwCell                  *self,
                                  GtkPopover              *popover);
static void reference_item_setup_cb (GtkSignalListItemFactory *factory,
                                     GtkListItem              *item,
                                     gpointer                  user_data);
static void reference_item_bind_cb  (GtkSignalListItemFactory *factory,
                                     GtkListItem              *item,
                                     gpointer                  user_data);
static void reference_item_unbind_cb (GtkSignalListItemFactory *factory,
                                      GtkListItem              *item,
                                      gpointer                  user_data);

/* Builds the objects @ids of tw-cell-editors.ui; the first one, a widget,
 * becomes a child of the cell and is returned (the builder keeps the rest
 * alive until it is freed: look them up first). */
static GtkBuilder *
build_editor (TwCell      *self,
              const char **ids)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new ();
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_CELL (self));

  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_objects_from_resource (builder, EDITORS_RESOURCE, ids, &error))
    g_error ("The cell editors (%s) do not build: %s", ids[0], error->message);
  gtk_widget_set_parent (GTK_WIDGET (gtk_builder_get_object (builder, ids[0])), GTK_WIDGET (self));

  return g_steal_pointer (&builder);
}

static void
ensure_toggle (TwCell *self)
{
  static const char *ids[] = { "toggle", NULL };
  g_autoptr (GtkBuilder) builder = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->toggle != NULL)
    return;

  builder = build_editor (self, ids);
  self->toggle = GTK_SWITCH (gtk_builder_get_object (builder, "toggle"));
  gtk_widget_set_visible (GTK_WIDGET (self->toggle), FALSE);
  g_signal_connect_object (self->toggle, "notify::active", G_CALLBACK (toggle_active_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
ensure_entry (TwCell *self)
{
  static const char *ids[] = { "entry", NULL };
  g_autoptr (GtkBuilder) builder = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->entry != NULL)
    return;

  builder = build_editor (self, ids);
  self->entry = GTK_ENTRY (gtk_builder_get_object (builder, "entry"));
  gtk_widget_set_visible (GTK_WIDGET (self->entry), FALSE);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_builder_get_object (builder, "entry_keys"), "key-pressed",
                           G_CALLBACK (entry_key_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_builder_get_object (builder, "entry_focus"), "leave",
                           G_CALLBACK (entry_focus_leave_cb), self, G_CONNECT_SWAPPED);
}

static void
ensure_context_menu (TwCell *self)
{
  static const char *ids[] = { "context_menu", "cell_menu", NULL };
  g_autoptr (GtkBuilder) builder = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->context_menu != NULL)
    return;

  builder = build_editor (self, ids);
  self->context_menu = GTK_POPOVER_MENU (gtk_builder_get_object (builder, "context_menu"));
}

static void
ensure_text_popover (TwCell *self)
{
  static const char *ids[] = { "text_popover", NULL };
  g_autoptr (GtkBuilder) builder = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->text_popover != NULL)
    return;

  builder = build_editor (self, ids);
  self->text_popover = GTK_POPOVER (gtk_builder_get_object (builder, "text_popover"));
  self->text_view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));
  self->text_error = GTK_LABEL (gtk_builder_get_object (builder, "text_error"));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ensure_reference_popover (TwCell *self)
{
  static const char *ids[] = { "reference_popover", NULL };
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (GtkListItemFactory) factory = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->reference_popover != NULL)
    return;

  builder = build_editor (self, ids);
  self->reference_popover = GTK_POPOVER (gtk_builder_get_object (builder, "reference_popover"));
  self->reference_search = GTK_SEARCH_ENTRY (gtk_builder_get_object (builder, "reference_search"));
  self->reference_list = GTK_LIST_VIEW (gtk_builder_get_object (builder, "reference_list"));
  g_signal_connect_object (self->reference_popover, "closed", G_CALLBACK (reference_closed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reference_search, "search-changed",
                           G_CALLBACK (reference_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reference_list, "activate", G_CALLBACK (reference_activate_cb),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (reference_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (reference_item_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (reference_item_unbind_cb), NULL);
  gtk_list_view_set_factory (self->reference_list, factory);
}

/* Shows one of the label, the switch and the entry. */
static void
show_child (TwCell    *self,
            GtkWidget *child)
{
  g_assert (TW_IS_CELL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->label), child == GTK_WIDGET (self->label));
  if (self->toggle != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->toggle), child == GTK_WIDGET (self->toggle));
  if (self->entry != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->entry), child == GTK_WIDGET (self->entry));
}

/* Sets exactly the CLASS_ bits of @classes, touching only what changes. */
static void
set_state_classes (TwCell *self,
                   guint   classes)
{
  guint changed = self->classes ^ classes;

  g_assert (TW_IS_CELL (self));

  for (guint i = 0; changed != 0 && i < G_N_ELEMENTS (state_classes); i++)
    {
      if ((changed & (1u << i)) == 0)
        continue;
      if (classes & (1u << i))
        gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
    }
  self->classes = classes;
}

/* The tooltip, also the cell's accessible description. */
static void
set_tooltip (TwCell *self,
             char   *tooltip)
{
  g_assert (TW_IS_CELL (self));

  if (g_strcmp0 (self->tooltip, tooltip) == 0)
    {
      g_free (tooltip);
      return;
    }

  g_free (self->tooltip);
  self->tooltip = tooltip;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), tooltip != NULL);
  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    tooltip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
query_tooltip_cb (TwCell     *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_assert (TW_IS_CELL (self));

  if (self->tooltip == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

TwValueKind
tw_cell_kind_for_column (TwColumn *column)
{
  g_return_val_if_fail (TW_IS_COLUMN (column), TW_VALUE_KIND_TEXT);

  switch (tw_column_get_column_type (column))
    {
    case TW_COLUMN_TYPE_INTEGER:
    case TW_COLUMN_TYPE_BIG_INTEGER:
    case TW_COLUMN_TYPE_SMALL_INTEGER:
      return TW_VALUE_KIND_INT64;
    case TW_COLUMN_TYPE_BOOLEAN:
      return TW_VALUE_KIND_BOOLEAN;
    case TW_COLUMN_TYPE_FLOAT:
      return TW_VALUE_KIND_DOUBLE;
    case TW_COLUMN_TYPE_NUMERIC:
      return TW_VALUE_KIND_NUMERIC;
    case TW_COLUMN_TYPE_DATE:
      return TW_VALUE_KIND_DATE;
    case TW_COLUMN_TYPE_DATE_TIME:
      return TW_VALUE_KIND_DATETIME;
    case TW_COLUMN_TYPE_TIME:
      return TW_VALUE_KIND_TIME;
    case TW_COLUMN_TYPE_LARGE_BINARY:
      return TW_VALUE_KIND_BLOB;
    case TW_COLUMN_TYPE_JSON:
      return TW_VALUE_KIND_JSON;
    case TW_COLUMN_TYPE_UUID:
      return TW_VALUE_KIND_UUID;
    case TW_COLUMN_TYPE_STRING:
    case TW_COLUMN_TYPE_TEXT:
    case TW_COLUMN_TYPE_ENUM:
    default:
      return TW_VALUE_KIND_TEXT;
    }
}

static void
report (TwCell     *self,
        const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (TW_IS_CELL (self));

  if (TW_IS_WINDOW (root))
    _tw_window_toast (TW_WINDOW (root), message);
}

static const TwValue *
current_value (TwCell *self)
{
  g_assert (TW_IS_CELL (self));

  if (self->row == NULL || self->index < 0 ||
      tw_row_get_state (self->row) == TW_ROW_STATE_LOADING)
    return NULL;

  return tw_row_get_value (self->row, self->index);
}

static gboolean
is_editable (TwCell *self)
{
  TwRowState state;

  g_assert (TW_IS_CELL (self));

  if (self->row == NULL || self->index < 0 || self->read_only)
    return FALSE;

  state = tw_row_get_state (self->row);
  return state == TW_ROW_STATE_CLEAN || state == TW_ROW_STATE_NEW ||
         state == TW_ROW_STATE_MODIFIED;
}

/* Text that fits on one line of the grid. */
static char *
dup_display_text (TwCell        *self,
                  const TwValue *value)
{
  g_autofree char *text = NULL;
  char            *newline;

  g_assert (TW_IS_CELL (self));
  g_assert (value != NULL);

  if (tw_value_is_null (value))
    return g_strdup (_("NULL"));

  if (tw_value_get_kind (value) == TW_VALUE_KIND_BLOB)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (tw_value_get_blob (value)));

      /* TRANSLATORS: a binary value in a grid cell, e.g. "BLOB · 12.3 kB" */
      return g_strdup_printf (_("BLOB · %s"), size);
    }

  text = tw_value_to_display_string (value);
  if (text == NULL)
    return g_strdup ("");

  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      *newline = '\0';
      return g_strconcat (text, " …", NULL);
    }

  return g_steal_pointer (&text);
}

static void
update_actions (TwCell *self)
{
  const TwValue *value = current_value (self);
  gboolean       editable = is_editable (self);
  gboolean       nullable = self->column != NULL && tw_column_is_effectively_nullable (self->column);

  g_assert (TW_IS_CELL (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.edit",
                                 editable && self->kind != TW_VALUE_KIND_BLOB);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.edit-text",
                                 editable && (self->kind == TW_VALUE_KIND_TEXT ||
                                              self->kind == TW_VALUE_KIND_JSON));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.set-null",
                                 editable && nullable && (value == NULL || !tw_value_is_null (value)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.revert",
                                 self->row != NULL && self->index >= 0 &&
                                 tw_row_get_state (self->row) == TW_ROW_STATE_MODIFIED &&
                                 tw_row_is_value_changed (self->row, self->index));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.export-blob",
                                 value != NULL && tw_value_get_kind (value) == TW_VALUE_KIND_BLOB);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.import-blob",
                                 editable && self->kind == TW_VALUE_KIND_BLOB);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.pick-reference",
                                 editable && self->referred_table != NULL);
}

void
tw_cell_refresh (TwCell *self)
{
  const TwValue  *value;
  const char     *error_message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  TwRowState      state;
  guint           classes = 0;

  g_return_if_fail (TW_IS_CELL (self));

  /* Runs for every cell the grid binds: only the label's text, the state
   * classes and a string; the actions' states are set when the context
   * menu opens, and every action checks what it may do. */
  if (self->row == NULL || self->index < 0)
    {
      set_state_classes (self, 0);
      set_tooltip (self, NULL);
      gtk_label_set_text (self->label, "");
      show_child (self, GTK_WIDGET (self->label));
      return;
    }

  state = tw_row_get_state (self->row);
  value = current_value (self);

  if (state == TW_ROW_STATE_LOADING)
    {
      set_state_classes (self, CLASS_ROW_LOADING);
      set_tooltip (self, NULL);
      gtk_label_set_text (self->label, "…");
      show_child (self, GTK_WIDGET (self->label));
      return;
    }

  if (state == TW_ROW_STATE_NEW)
    classes |= CLASS_ROW_NEW;
  else if (state == TW_ROW_STATE_DELETED || state == TW_ROW_STATE_DETACHED)
    classes |= CLASS_ROW_DELETED;
  else if (state == TW_ROW_STATE_MODIFIED && tw_row_is_value_changed (self->row, self->index))
    classes |= CLASS_CELL_CHANGED;

  error_message = g_object_get_data (G_OBJECT (self->row), "tw-commit-error");
  if (error_message != NULL)
    classes |= CLASS_ERROR;

  if (value == NULL)
    {
      /* A new row's value the database fills in: its key or a default. */
      classes |= CLASS_AUTO;
      text = g_strdup (_("auto"));
      tooltip = g_strdup (_("Filled in by the database on commit"));
    }
  else
    {
      if (tw_value_is_null (value))
        classes |= CLASS_NULL;
      else if (self->label_func != NULL)
        text = self->label_func (self->column, value, self->label_data);

      if (text != NULL)
        {
          g_autofree char *raw = dup_display_text (self, value);

          /* A foreign key: the row's label, the key itself in the tooltip. */
          classes |= CLASS_REFERENCE;
          tooltip = g_strdup_printf (_("%s = %s"), tw_column_get_name (self->column), raw);
        }
      else
        {
          text = dup_display_text (self, value);
        }
      if (state == TW_ROW_STATE_MODIFIED && tw_row_is_value_changed (self->row, self->index))
        {
          const TwValue   *original = tw_row_get_original_value (self->row, self->index);
          g_autofree char *before = original != NULL ? dup_display_text (self, original) : NULL;

          g_free (tooltip);
          tooltip = g_strdup_printf (_("Changed from “%s”"), before != NULL ? before : "");
        }
    }

  if (error_message != NULL)
    {
      g_autofree char *both = tooltip != NULL ? g_strdup_printf ("%s\n%s", error_message, tooltip)
                                              : g_strdup (error_message);
      g_free (tooltip);
      tooltip = g_steal_pointer (&both);
    }

  set_state_classes (self, classes);
  set_tooltip (self, g_steal_pointer (&tooltip));

  if (self->kind == TW_VALUE_KIND_BOOLEAN && value != NULL && !tw_value_is_null (value))
    {
      ensure_toggle (self);
      self->updating = TRUE;
      gtk_switch_set_active (self->toggle, tw_value_get_boolean (value));
      self->updating = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->toggle), is_editable (self));
      if (!self->editing)
        show_child (self, GTK_WIDGET (self->toggle));
    }
  else
    {
      gtk_label_set_text (self->label, text);
      if (!self->editing)
        show_child (self, GTK_WIDGET (self->label));
    }
}

static void
row_changed_cb (TwCell *self,
                guint   column,
                TwRow  *row)
{
  g_assert (TW_IS_CELL (self));

  if (column == G_MAXUINT || (int) column == self->index)
    tw_cell_refresh (self);
}

static void
row_state_cb (TwCell     *self,
              GParamSpec *pspec,
              TwRow      *row)
{
  tw_cell_refresh (self);
}

void
tw_cell_bind (TwCell   *self,
              TwRow    *row,
              TwColumn *column)
{
  g_autoptr (GPtrArray) key = NULL;
  TwTable *table;

  g_return_if_fail (TW_IS_CELL (self));
  g_return_if_fail (TW_IS_ROW (row));
  g_return_if_fail (TW_IS_COLUMN (column));

  tw_cell_unbind (self);

  self->row = g_object_ref (row);
  self->column = g_object_ref (column);
  self->kind = tw_cell_kind_for_column (column);
  self->index = tw_row_find_column (row, tw_column_get_name (column));
  table = tw_row_get_table (row);
  key = table != NULL ? tw_table_dup_primary_key (table) : NULL;
  self->read_only = key == NULL || key->len == 0;
  self->changed_id = g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  self->state_id = g_signal_connect_object (row, "notify::state", G_CALLBACK (row_state_cb), self,
                                            G_CONNECT_SWAPPED);
  tw_cell_refresh (self);
}

static void
stop_editing (TwCell *self)
{
  g_assert (TW_IS_CELL (self));

  if (!self->editing)
    return;

  self->editing = FALSE;
  if (self->entry != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), NULL);
    }
  tw_cell_refresh (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
tw_cell_unbind (TwCell *self)
{
  g_return_if_fail (TW_IS_CELL (self));

  self->editing = FALSE;
  if (self->row != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->row);
      g_clear_signal_handler (&self->state_id, self->row);
    }
  g_clear_object (&self->row);
  g_clear_object (&self->column);
  self->index = -1;
  /* What was open was about the row this cell showed: a file chooser or a
   * picker answered later would otherwise act on the next row bound. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->text_popover != NULL)
    gtk_popover_popdown (self->text_popover);
  if (self->reference_popover != NULL)
    gtk_popover_popdown (self->reference_popover);
  if (self->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->context_menu));
  tw_cell_refresh (self);
}

void
tw_cell_set_label_func (TwCell          *self,
                        TwCellLabelFunc  func,
                        gpointer         user_data)
{
  g_return_if_fail (TW_IS_CELL (self));

  self->label_func = func;
  self->label_data = user_data;
  if (self->row != NULL)
    tw_cell_refresh (self);
}

const char *
tw_cell_get_display_text (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), NULL);

  return gtk_label_get_text (self->label);
}

TwRow *
tw_cell_get_row (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), NULL);

  return self->row;
}

TwColumn *
tw_cell_get_column (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), NULL);

  return self->column;
}

gboolean
tw_cell_get_editing (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), FALSE);

  return self->editing;
}

GtkEditable *
tw_cell_get_editable (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), NULL);

  ensure_entry (self);
  return GTK_EDITABLE (self->entry);
}

/* Stages @value; a refusal is shown as a toast. */
static gboolean
stage_value (TwCell        *self,
             const TwValue *value,
             GError       **error)
{
  TwSession *session;

  g_assert (TW_IS_CELL (self));

  if (self->row == NULL || self->index < 0)
    {
      g_set_error_literal (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                           _("The cell shows no row"));
      return FALSE;
    }

  session = tw_row_get_session (self->row);
  if (session == NULL)
    {
      g_set_error (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                   _("The row of “%s” belongs to no session"), tw_column_get_name (self->column));
      return FALSE;
    }

  return tw_session_set_value (session, self->row, self->index, value, error);
}

static TwValue *
parse_text (TwCell     *self,
            const char *text,
            GError    **error)
{
  g_assert (TW_IS_CELL (self));

  if (self->kind == TW_VALUE_KIND_JSON)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) json_error = NULL;

      if (!json_parser_load_from_data (parser, text, -1, &json_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Not valid JSON for “%s”: %s"), tw_column_get_name (self->column),
                       json_error->message);
          return NULL;
        }
    }

  return tw_value_new_from_string (self->kind, text, error);
}

gboolean
tw_cell_stage_text (TwCell     *self,
                    const char *text,
                    GError    **error)
{
  g_autoptr (TwValue) value = NULL;

  g_return_val_if_fail (TW_IS_CELL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->column == NULL)
    {
      g_set_error_literal (error, TW_SESSION_ERROR, TW_SESSION_ERROR_INVALID_STATE,
                           _("The cell shows no row"));
      return FALSE;
    }

  value = parse_text (self, text, error);
  if (value == NULL)
    return FALSE;

  return stage_value (self, value, error);
}

/* The text an editor starts with: the value as it parses back. */
static char *
dup_edit_text (TwCell *self)
{
  const TwValue *value = current_value (self);

  g_assert (TW_IS_CELL (self));

  if (value == NULL || tw_value_is_null (value))
    return g_strdup ("");

  return tw_value_to_string (value);
}

gboolean
tw_cell_start_editing (TwCell *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TW_IS_CELL (self), FALSE);

  if (!is_editable (self) || self->kind == TW_VALUE_KIND_BLOB)
    return FALSE;

  if (self->kind == TW_VALUE_KIND_BOOLEAN)
    {
      const TwValue *value = current_value (self);

      ensure_toggle (self);
      /* A NULL (or a recycled switch) starts off; a click stages TRUE. */
      if (value == NULL || tw_value_is_null (value))
        {
          self->updating = TRUE;
          gtk_switch_set_active (self->toggle, FALSE);
          self->updating = FALSE;
          gtk_widget_set_sensitive (GTK_WIDGET (self->toggle), TRUE);
        }
      show_child (self, GTK_WIDGET (self->toggle));
      gtk_widget_grab_focus (GTK_WIDGET (self->toggle));
      return TRUE;
    }

  ensure_entry (self);
  text = dup_edit_text (self);
  self->editing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  show_child (self, GTK_WIDGET (self->entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);

  return TRUE;
}

gboolean
tw_cell_start_editing_with_text (TwCell     *self,
                                 const char *text)
{
  g_return_val_if_fail (TW_IS_CELL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->kind == TW_VALUE_KIND_BOOLEAN || !tw_cell_start_editing (self))
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  return TRUE;
}

static void
entry_changed_cb (TwCell   *self,
                  GtkEntry *entry)
{
  g_autoptr (TwValue) value = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_CELL (self));

  if (!self->editing)
    return;

  /* Validate as the user types: an invalid value is refused, never
   * coerced. */
  value = parse_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)), &error);
  if (value == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
entry_activate_cb (TwCell   *self,
                   GtkEntry *entry)
{
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_CELL (self));

  if (!self->editing)
    return;

  if (!tw_cell_stage_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      /* Stay in the editor, with the reason. */
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      report (self, error->message);
      return;
    }

  stop_editing (self);
}

static gboolean
entry_key_pressed_cb (TwCell                *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  g_assert (TW_IS_CELL (self));

  if (keyval == GDK_KEY_Escape && self->editing)
    {
      stop_editing (self);
      return TRUE;
    }

  return FALSE;
}

/* The cell of the next (or previous) column in the same row of the grid:
 * the column view puts each cell in a holder, the holders in a row. */
static TwCell *
neighbour_cell (TwCell   *self,
                gboolean  forward)
{
  GtkWidget *holder = gtk_widget_get_parent (GTK_WIDGET (self));

  g_assert (TW_IS_CELL (self));

  if (holder == NULL)
    return NULL;

  for (GtkWidget *other = forward ? gtk_widget_get_next_sibling (holder)
                                  : gtk_widget_get_prev_sibling (holder);
       other != NULL;
       other = forward ? gtk_widget_get_next_sibling (other) : gtk_widget_get_prev_sibling (other))
    {
      GtkWidget *child = gtk_widget_get_first_child (other);

      if (TW_IS_CELL (child) && gtk_widget_get_visible (other))
        return TW_CELL (child);
    }

  return NULL;
}

/* Tab and Shift+Tab in the editor: keeps the value (as leaving the editor
 * does; a value that does not parse keeps the editor open) and edits the
 * cell of the next or previous column, as a spreadsheet does. */
static gboolean
edit_neighbour (TwCell   *self,
                gboolean  forward)
{
  g_autofree char *before = NULL;
  const char      *text;
  TwCell          *next;

  g_assert (TW_IS_CELL (self));

  if (!self->editing || self->entry == NULL)
    return FALSE;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  before = dup_edit_text (self);
  if (g_strcmp0 (before, text) != 0)
    {
      g_autoptr (GError) error = NULL;

      if (!tw_cell_stage_text (self, text, &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), error->message);
          report (self, error->message);
          return TRUE;
        }
    }

  next = neighbour_cell (self, forward);
  stop_editing (self);
  if (next != NULL && !tw_cell_start_editing (next))
    gtk_widget_grab_focus (GTK_WIDGET (next));

  return TRUE;
}

static gboolean
tab_binding_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  /* Not editing: Tab moves the focus as everywhere else. */
  return edit_neighbour (TW_CELL (widget), g_variant_get_boolean (args));
}

static void
edit_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  edit_neighbour (TW_CELL (widget), g_str_equal (action_name, "cell.edit-next"));
}

static void
entry_focus_leave_cb (TwCell                  *self,
                      GtkEventControllerFocus *controller)
{
  g_autoptr (TwValue) value = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  const char      *text;

  g_assert (TW_IS_CELL (self));

  if (!self->editing)
    return;

  /* Leaving the editor keeps a valid, changed value and drops the rest. */
  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  before = dup_edit_text (self);
  if (g_strcmp0 (before, text) != 0)
    {
      value = parse_text (self, text, NULL);
      if (value != NULL && !stage_value (self, value, &error))
        report (self, error->message);
    }

  stop_editing (self);
}

static void
toggle_active_cb (TwCell     *self,
                  GParamSpec *pspec,
                  GtkSwitch  *toggle)
{
  g_autoptr (TwValue) value = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_CELL (self));

  if (self->updating || self->row == NULL)
    return;

  value = tw_value_new_boolean (gtk_switch_get_active (toggle));
  if (!stage_value (self, value, &error))
    {
      report (self, error->message);
      tw_cell_refresh (self);
    }
}

static void
click_pressed_cb (TwCell          *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  g_assert (TW_IS_CELL (self));

  if (button == GDK_BUTTON_SECONDARY)
    {
      GdkRectangle rect = { (int) x, (int) y, 1, 1 };

      ensure_context_menu (self);
      update_actions (self);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
      gtk_popover_popup (GTK_POPOVER (self->context_menu));
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (n_press == 2 && !self->editing)
    {
      if (self->kind == TW_VALUE_KIND_JSON)
        gtk_widget_activate_action (GTK_WIDGET (self), "cell.edit-text", NULL);
      else
        tw_cell_start_editing (self);
    }
}

void
tw_cell_set_reference (TwCell     *self,
                       TwTable    *referred_table,
                       const char *key_column,
                       const char *label_column)
{
  g_return_if_fail (TW_IS_CELL (self));
  g_return_if_fail (referred_table == NULL || TW_IS_TABLE (referred_table));

  g_set_object (&self->referred_table, referred_table);
  g_free (self->key_column);
  self->key_column = g_strdup (key_column);
  g_free (self->label_column);
  self->label_column = g_strdup (label_column);
}

GListModel *
tw_cell_get_reference_model (TwCell *self)
{
  g_return_val_if_fail (TW_IS_CELL (self), NULL);

  return self->reference_model != NULL ? G_LIST_MODEL (self->reference_model) : NULL;
}

gboolean
tw_cell_pick_reference (TwCell *self,
                        guint   position)
{
  g_autoptr (TwRow) row = NULL;
  g_autoptr (GError) error = NULL;
  const TwValue *key;

  g_return_val_if_fail (TW_IS_CELL (self), FALSE);

  if (self->reference_model == NULL || self->reference_popover == NULL)
    return FALSE;

  row = g_list_model_get_item (G_LIST_MODEL (self->reference_model), position);
  if (row == NULL || tw_row_get_state (row) == TW_ROW_STATE_LOADING)
    return FALSE;

  key = tw_row_get_value_by_name (row, self->key_column);
  if (key == NULL)
    {
      report (self, _("The chosen row has no key yet: commit it first"));
      return FALSE;
    }

  if (!stage_value (self, key, &error))
    {
      report (self, error->message);
      return FALSE;
    }

  /* The search entry has the focus: give it back to the cell first. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_popover_popdown (self->reference_popover);
  return TRUE;
}

static void
reference_item_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
reference_item_show (TwCell      *self,
                     GtkListItem *item)
{
  TwRow           *row = gtk_list_item_get_item (item);
  GtkLabel        *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  const TwValue   *value;

  g_assert (TW_IS_CELL (self));

  if (row == NULL || tw_row_get_state (row) == TW_ROW_STATE_LOADING)
    {
      gtk_label_set_text (label, "…");
      return;
    }

  value = tw_row_get_value_by_name (row, self->label_column);
  name = value != NULL ? tw_value_to_display_string (value) : g_strdup ("");
  value = tw_row_get_value_by_name (row, self->key_column);
  key = value != NULL ? tw_value_to_display_string (value) : g_strdup (_("new"));
  /* TRANSLATORS: a row in the foreign key picker: its label and its key */
  text = g_strdup_printf (_("%s · %s"), name, key);
  gtk_label_set_text (label, text);
}

/* A loading row becomes its row in place when its page arrives (the list
 * is not told): show it then. */
static void
reference_row_state_cb (GtkListItem *item,
                        GParamSpec  *pspec,
                        TwRow       *row)
{
  TwCell *self = g_object_get_data (G_OBJECT (item), "tw-cell");

  if (self != NULL && tw_row_get_state (row) != TW_ROW_STATE_LOADING)
    reference_item_show (self, item);
}

static void
reference_item_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  TwCell *self = user_data;
  TwRow  *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "tw-cell", self);
  if (tw_row_get_state (row) == TW_ROW_STATE_LOADING)
    g_signal_connect_object (row, "notify::state", G_CALLBACK (reference_row_state_cb), item,
                             G_CONNECT_SWAPPED);
  reference_item_show (self, item);
}

static void
reference_item_unbind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  TwRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, reference_row_state_cb, item);
}

static void
reference_activate_cb (TwCell      *self,
                       guint        position,
                       GtkListView *list_view)
{
  tw_cell_pick_reference (self, position);
}

static void
reference_search_cb (TwCell         *self,
                     GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr (TwValue) value = NULL;
  TwFilter    filter = { 0 };

  g_assert (TW_IS_CELL (self));

  if (self->reference_model == NULL)
    return;

  if (text[0] == '\0')
    {
      tw_row_model_set_filter (self->reference_model, NULL);
      return;
    }

  value = tw_value_new_text (text);
  filter.column = self->label_column;
  filter.op = TW_FILTER_OPERATOR_CONTAINS;
  filter.value = value;
  tw_row_model_set_filter (self->reference_model, &filter);
}

static void
reference_closed_cb (TwCell     *self,
                     GtkPopover *popover)
{
  g_assert (TW_IS_CELL (self));

  gtk_list_view_set_model (self->reference_list, NULL);
  g_clear_object (&self->reference_model);
}

static void
pick_reference_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TwCell    *self = TW_CELL (widget);
  TwSession *session;
  g_autoptr (GtkSingleSelection) selection = NULL;

  if (!is_editable (self) || self->referred_table == NULL ||
      (session = tw_row_get_session (self->row)) == NULL)
    return;

  ensure_reference_popover (self);
  g_clear_object (&self->reference_model);
  self->reference_model = tw_row_model_new (session, self->referred_table);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->reference_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->reference_list, GTK_SELECTION_MODEL (selection));
  gtk_editable_set_text (GTK_EDITABLE (self->reference_search), "");
  gtk_popover_popup (self->reference_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->reference_search));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  tw_cell_start_editing (TW_CELL (widget));
}

static void
set_null_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TwCell *self = TW_CELL (widget);
  g_autoptr (TwValue) value = tw_value_new_null ();
  g_autoptr (GError) error = NULL;

  if (!is_editable (self) || !tw_column_is_effectively_nullable (self->column))
    return;

  self->editing = FALSE;
  if (!stage_value (self, value, &error))
    report (self, error->message);
  tw_cell_refresh (self);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwCell    *self = TW_CELL (widget);
  TwSession *session;

  if (self->row == NULL || self->index < 0)
    return;

  session = tw_row_get_session (self->row);
  if (session != NULL)
    tw_session_revert_value (session, self->row, self->index);
}

static void
apply_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwCell          *self = TW_CELL (widget);
  GtkTextBuffer   *buffer;
  GtkTextIter      begin;
  GtkTextIter      end;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (self->text_popover == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  text = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
  if (!tw_cell_stage_text (self, text, &error))
    {
      gtk_label_set_text (self->text_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->text_error), TRUE);
      return;
    }

  gtk_popover_popdown (self->text_popover);
}

static void
text_changed_cb (TwCell        *self,
                 GtkTextBuffer *buffer)
{
  GtkTextIter      begin;
  GtkTextIter      end;
  g_autofree char *text = NULL;
  g_autoptr (TwValue) value = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_CELL (self));

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  text = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
  value = self->column != NULL ? parse_text (self, text, &error) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->text_error), value == NULL && error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->text_error, error->message);
}

static void
edit_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TwCell          *self = TW_CELL (widget);
  g_autofree char *text = NULL;

  if (!is_editable (self))
    return;

  text = dup_edit_text (self);
  if (self->kind == TW_VALUE_KIND_JSON && text[0] != '\0')
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      /* Shown indented, stored as the user leaves it. */
      if (json_parser_load_from_data (parser, text, -1, NULL))
        {
          g_autofree char *pretty = json_to_string (json_parser_get_root (parser), TRUE);

          g_free (text);
          text = g_steal_pointer (&pretty);
        }
    }

  ensure_text_popover (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->text_error), FALSE);
  gtk_popover_popup (self->text_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* A BLOB on its way to or from a file: the cell, and for an import the
 * row and column it was asked for (the cell may show another by then). */
typedef struct
{
  TwCell *cell;
  TwRow  *row;
  int     index;
} BlobTransfer;

static void
blob_transfer_free (BlobTransfer *transfer)
{
  g_clear_object (&transfer->cell);
  g_clear_object (&transfer->row);
  g_free (transfer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlobTransfer, blob_transfer_free)

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (BlobTransfer) transfer = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    report (transfer->cell, error->message);
}

void
tw_cell_export_blob (TwCell *self,
                     GFile  *file)
{
  const TwValue *value;
  BlobTransfer  *transfer;

  g_return_if_fail (TW_IS_CELL (self));
  g_return_if_fail (G_IS_FILE (file));

  value = current_value (self);
  if (value == NULL || tw_value_get_kind (value) != TW_VALUE_KIND_BLOB)
    return;

  /* Off the main loop: a BLOB may be large. */
  transfer = g_new0 (BlobTransfer, 1);
  transfer->cell = g_object_ref (self);
  g_file_replace_contents_bytes_async (file, tw_value_get_blob (value), NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       export_done_cb, transfer);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (BlobTransfer) transfer = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (TwValue) value = NULL;
  TwSession *session;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      report (transfer->cell, error->message);
      return;
    }

  session = tw_row_get_session (transfer->row);
  value = tw_value_new_blob (bytes);
  if (session == NULL ||
      !tw_session_set_value (session, transfer->row, transfer->index, value, &error))
    report (transfer->cell, error != NULL ? error->message : _("The row left the session"));
}

void
tw_cell_import_blob (TwCell *self,
                     GFile  *file)
{
  BlobTransfer *transfer;

  g_return_if_fail (TW_IS_CELL (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!is_editable (self) || self->kind != TW_VALUE_KIND_BLOB)
    return;

  transfer = g_new0 (BlobTransfer, 1);
  transfer->cell = g_object_ref (self);
  transfer->row = g_object_ref (self->row);
  transfer->index = self->index;
  g_file_load_bytes_async (file, NULL, import_done_cb, transfer);
}

static void
export_response_cb (TwCell               *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  g_assert (TW_IS_CELL (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    tw_cell_export_blob (self, file);
}

static void
import_response_cb (TwCell               *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  g_assert (TW_IS_CELL (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    tw_cell_import_blob (self, file);
}

static void
open_chooser (TwCell              *self,
              GtkFileChooserAction action,
              const char          *title,
              const char          *accept,
              GCallback            callback)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (TW_IS_CELL (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE && self->column != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.bin", tw_column_get_name (self->column));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect_object (self->chooser, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_blob_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_chooser (TW_CELL (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Value"), _("_Export"),
                G_CALLBACK (export_response_cb));
}

static void
import_blob_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_chooser (TW_CELL (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Value"), _("_Import"),
                G_CALLBACK (import_response_cb));
}

static void
tw_cell_dispose (GObject *object)
{
  TwCell *self = (TwCell *) object;
  GtkWidget   *child;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->row != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->row);
      g_clear_signal_handler (&self->state_id, self->row);
    }
  g_clear_object (&self->row);
  g_clear_object (&self->column);
  g_clear_object (&self->referred_table);
  g_clear_object (&self->reference_model);
  g_clear_pointer (&self->key_column, g_free);
  g_clear_pointer (&self->label_column, g_free);
  g_clear_pointer (&self->tooltip, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_CELL);
  /* The editors built on demand. */
  self->toggle = NULL;
  self->entry = NULL;
  self->context_menu = NULL;
  self->text_popover = NULL;
  self->reference_popover = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_cell_parent_class)->dispose (object);
}

static void
tw_cell_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  TwCell *self = (TwCell *) widget;

  GTK_WIDGET_CLASS (tw_cell_parent_class)->size_allocate (widget, width, height, baseline);

  /* Popovers are not laid out by the layout manager: keep them placed. */
  if (self->context_menu != NULL && gtk_widget_get_visible (GTK_WIDGET (self->context_menu)))
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  if (self->text_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->text_popover)))
    gtk_popover_present (self->text_popover);
  if (self->reference_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->reference_popover)))
    gtk_popover_present (self->reference_popover);
}

static void
tw_cell_class_init (TwCellClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_cell_dispose;

  widget_class->size_allocate = tw_cell_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-cell.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "twcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, TwCell, label);
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);

  gtk_widget_class_install_action (widget_class, "cell.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "cell.edit-text", NULL, edit_text_action);
  gtk_widget_class_install_action (widget_class, "cell.apply-text", NULL, apply_text_action);
  gtk_widget_class_install_action (widget_class, "cell.set-null", NULL, set_null_action);
  gtk_widget_class_install_action (widget_class, "cell.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "cell.export-blob", NULL, export_blob_action);
  gtk_widget_class_install_action (widget_class, "cell.import-blob", NULL, import_blob_action);
  gtk_widget_class_install_action (widget_class, "cell.pick-reference", NULL, pick_reference_action);
  gtk_widget_class_install_action (widget_class, "cell.edit-next", NULL, edit_next_action);
  gtk_widget_class_install_action (widget_class, "cell.edit-previous", NULL, edit_next_action);

  /* Listed in ui/tw-shortcuts-window.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "cell.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "cell.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "cell.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "cell.set-null", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, tab_binding_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Tab, 0, tab_binding_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,
                                tab_binding_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK,
                                tab_binding_cb, "b", FALSE);
}

static void
tw_cell_init (TwCell *self)
{
  self->index = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "tw-cell");
}

GtkWidget *
tw_cell_new (void)
{
  return g_object_new (TW_TYPE_CELL, NULL);
}
