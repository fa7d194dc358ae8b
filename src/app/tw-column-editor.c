/* tw-column-editor.c: one column's settings in the inspector, as an expander row
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-column-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-column-editor.h"
#include "tw-table.h"

struct _TwColumnEditor
{
  AdwExpanderRow  parent_instance;

  TwColumn       *column;
  TwHistory      *history;
  guint           updating : 1;

  /* Template widgets */
  AdwEntryRow    *name_row;
  AdwComboRow    *type_row;
  GtkSpinButton  *length_spin;
  GtkSpinButton  *precision_spin;
  GtkSpinButton  *scale_spin;
  GtkSwitch      *timezone_switch;
  GtkSwitch      *nullable_switch;
  GtkSwitch      *primary_key_switch;
  AdwComboRow    *autoincrement_row;
  GtkSwitch      *unique_switch;
  GtkSwitch      *index_switch;
  AdwComboRow    *default_kind_row;
  AdwEntryRow    *default_value_row;
  AdwEntryRow    *comment_row;
};

G_DEFINE_FINAL_TYPE (TwColumnEditor, tw_column_editor, ADW_TYPE_EXPANDER_ROW)

static void
sync_from_column (TwColumnEditor *self)
{
  TwColumn *c = self->column;
  g_autofree char *type = NULL;
  g_autofree char *subtitle = NULL;

  if (c == NULL)
    return;

  self->updating = TRUE;
  type = tw_column_dup_type_label (c);
  subtitle = g_strdup_printf ("%s%s%s", type,
                              tw_column_get_primary_key (c) ? _(", primary key") : "",
                              tw_column_is_effectively_nullable (c) ? _(", nullable") : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), tw_column_get_name (c));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), tw_column_get_name (c)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), tw_column_get_name (c));
  adw_combo_row_set_selected (self->type_row, tw_column_get_column_type (c));
  gtk_spin_button_set_value (self->length_spin, tw_column_get_length (c));
  gtk_spin_button_set_value (self->precision_spin, tw_column_get_precision (c));
  gtk_spin_button_set_value (self->scale_spin, tw_column_get_scale (c));
  gtk_switch_set_active (self->timezone_switch, tw_column_get_timezone (c));
  gtk_switch_set_active (self->nullable_switch, tw_column_get_nullable (c));
  gtk_switch_set_active (self->primary_key_switch, tw_column_get_primary_key (c));
  adw_combo_row_set_selected (self->autoincrement_row, tw_column_get_autoincrement (c));
  gtk_switch_set_active (self->unique_switch, tw_column_get_unique (c));
  gtk_switch_set_active (self->index_switch, tw_column_get_index (c));
  adw_combo_row_set_selected (self->default_kind_row, tw_column_get_default_kind (c));
  gtk_editable_set_text (GTK_EDITABLE (self->default_value_row),
                         tw_column_get_default_value (c) != NULL ? tw_column_get_default_value (c) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row),
                         tw_column_get_comment (c) != NULL ? tw_column_get_comment (c) : "");
  self->updating = FALSE;
}

/* Applies every widget's value to the column, as one step of the history. */
static void
widget_changed_cb (TwColumnEditor *self)
{
  TwColumn *c = self->column;
  TwTable *table;
  const char *name;
  const char *value;
  const char *comment;

  if (self->updating || c == NULL)
    return;

  table = tw_column_get_table (c);
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  value = gtk_editable_get_text (GTK_EDITABLE (self->default_value_row));
  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (self->history != NULL)
    tw_history_begin (self->history, _("Edit Column"));

  if (name[0] != '\0' && g_strcmp0 (name, tw_column_get_name (c)) != 0)
    {
      if (table != NULL)
        tw_table_rename_column (table, c, name);
      else
        tw_column_set_name (c, name);
    }
  tw_column_set_column_type (c, adw_combo_row_get_selected (self->type_row));
  tw_column_set_length (c, gtk_spin_button_get_value_as_int (self->length_spin));
  tw_column_set_precision (c, gtk_spin_button_get_value_as_int (self->precision_spin));
  tw_column_set_scale (c, gtk_spin_button_get_value_as_int (self->scale_spin));
  tw_column_set_timezone (c, gtk_switch_get_active (self->timezone_switch));
  tw_column_set_nullable (c, gtk_switch_get_active (self->nullable_switch));
  tw_column_set_primary_key (c, gtk_switch_get_active (self->primary_key_switch));
  tw_column_set_autoincrement (c, adw_combo_row_get_selected (self->autoincrement_row));
  tw_column_set_unique (c, gtk_switch_get_active (self->unique_switch));
  tw_column_set_index (c, gtk_switch_get_active (self->index_switch));
  tw_column_set_default (c, adw_combo_row_get_selected (self->default_kind_row),
                         adw_combo_row_get_selected (self->default_kind_row) == TW_DEFAULT_KIND_NONE
                         ? NULL : value);
  tw_column_set_comment (c, comment[0] != '\0' ? comment : NULL);

  if (self->history != NULL)
    tw_history_end (self->history);
  sync_from_column (self);
}

/* Moving or removing the column takes this row away from the list (the
 * list box makes new rows for the model's changes), so these two hold what
 * they need in locals. */
static void
move_column (TwColumnEditor *self,
             int             delta)
{
  g_autoptr (TwColumn) column = g_object_ref (self->column);
  g_autoptr (TwHistory) history = self->history != NULL ? g_object_ref (self->history) : NULL;
  TwTable *table = tw_column_get_table (column);
  int position;
  int n;

  if (table == NULL)
    return;
  position = tw_table_get_column_position (table, column);
  n = tw_table_get_n_columns (table);
  if (position + delta < 0 || position + delta >= n)
    return;
  if (history != NULL)
    tw_history_begin (history, _("Move Column"));
  tw_table_move_column (table, column, position + delta);
  if (history != NULL)
    tw_history_end (history);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  move_column (TW_COLUMN_EDITOR (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  move_column (TW_COLUMN_EDITOR (widget), 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwColumnEditor *self = TW_COLUMN_EDITOR (widget);
  g_autoptr (TwColumn) column = g_object_ref (self->column);
  g_autoptr (TwHistory) history = self->history != NULL ? g_object_ref (self->history) : NULL;
  TwTable *table = tw_column_get_table (column);

  if (table == NULL)
    return;
  if (history != NULL)
    tw_history_begin (history, _("Remove Column"));
  tw_table_remove_column (table, column);
  if (history != NULL)
    tw_history_end (history);
}

static void
tw_column_editor_dispose (GObject *object)
{
  TwColumnEditor *self = (TwColumnEditor *) object;

  if (self->column != NULL)
    g_signal_handlers_disconnect_by_data (self->column, self);
  g_clear_object (&self->column);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_COLUMN_EDITOR);

  G_OBJECT_CLASS (tw_column_editor_parent_class)->dispose (object);
}

static void
tw_column_editor_class_init (TwColumnEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_column_editor_dispose;

  gtk_widget_class_install_action (widget_class, "column.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "column.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "column.remove", NULL, remove_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-column-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, length_spin);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, precision_spin);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, timezone_switch);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, nullable_switch);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, primary_key_switch);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, autoincrement_row);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, unique_switch);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, index_switch);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, default_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, default_value_row);
  gtk_widget_class_bind_template_child (widget_class, TwColumnEditor, comment_row);
  gtk_widget_class_bind_template_callback (widget_class, widget_changed_cb);
}

static void
tw_column_editor_init (TwColumnEditor *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

GtkWidget *
tw_column_editor_new (TwColumn  *column,
                      TwHistory *history)
{
  TwColumnEditor *self;

  g_return_val_if_fail (TW_IS_COLUMN (column), NULL);
  g_return_val_if_fail (history == NULL || TW_IS_HISTORY (history), NULL);

  self = g_object_new (TW_TYPE_COLUMN_EDITOR, NULL);
  self->column = g_object_ref (column);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  g_signal_connect_object (column, "notify", G_CALLBACK (sync_from_column), self, G_CONNECT_SWAPPED);
  sync_from_column (self);
  return GTK_WIDGET (self);
}

TwColumn *
tw_column_editor_get_column (TwColumnEditor *self)
{
  g_return_val_if_fail (TW_IS_COLUMN_EDITOR (self), NULL);

  return self->column;
}
