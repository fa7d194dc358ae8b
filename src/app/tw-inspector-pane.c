/* tw-inspector-pane.c: the settings of the table selected on the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-inspector-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tw-column-editor.h"
#include "tw-inspector-pane-private.h"
#include "tw-metadata.h"

struct _TwInspectorPane
{
  GtkWidget    parent_instance;

  TwTable     *table;
  TwHistory   *history;
  guint        rebuild_id;

  /* Template widgets */
  GtkStack    *stack;
  AdwEntryRow *name_row;
  AdwEntryRow *comment_row;
  GtkListBox  *columns_list;
  AdwPreferencesGroup *foreign_keys_group;
  GtkListBox  *foreign_keys_list;
  AdwPreferencesGroup *relationships_group;
  GtkListBox  *relationships_list;
};

G_DEFINE_FINAL_TYPE (TwInspectorPane, tw_inspector_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TABLE,
  PROP_HISTORY,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static const char * const fk_actions[] = {
  N_("No Action"), N_("Restrict"), N_("Cascade"), N_("Set Null"), N_("Set Default"), NULL,
};

static void
begin (TwInspectorPane *self,
       const char      *label)
{
  if (self->history != NULL)
    tw_history_begin (self->history, label);
}

static void
end (TwInspectorPane *self)
{
  if (self->history != NULL)
    tw_history_end (self->history);
}

static GtkWidget *
create_column_row (gpointer item,
                   gpointer user_data)
{
  TwInspectorPane *self = user_data;

  return tw_column_editor_new (TW_COLUMN (item), self->history);
}

/* Foreign keys ---------------------------------------------------------------- */

static void
fk_action_changed_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      TwInspectorPane *self)
{
  TwForeignKey *fk = g_object_get_data (G_OBJECT (row), "tw-foreign-key");
  gboolean on_delete = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "tw-on-delete"));
  TwFkAction action = adw_combo_row_get_selected (row);

  if (fk == NULL)
    return;
  if ((on_delete ? tw_foreign_key_get_on_delete (fk) : tw_foreign_key_get_on_update (fk)) == action)
    return;
  begin (self, _("Edit Foreign Key"));
  if (on_delete)
    tw_foreign_key_set_on_delete (fk, action);
  else
    tw_foreign_key_set_on_update (fk, action);
  end (self);
}

static GtkWidget *
new_fk_action_row (TwInspectorPane *self,
                   TwForeignKey    *fk,
                   gboolean         on_delete)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; fk_actions[i] != NULL; i++)
    gtk_string_list_append (model, _(fk_actions[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), on_delete ? _("On Delete") : _("On Update"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              on_delete ? tw_foreign_key_get_on_delete (fk) : tw_foreign_key_get_on_update (fk));
  g_object_set_data_full (G_OBJECT (row), "tw-foreign-key", g_object_ref (fk), g_object_unref);
  g_object_set_data (G_OBJECT (row), "tw-on-delete", GINT_TO_POINTER (on_delete));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (fk_action_changed_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  on_delete ? _("On Delete") : _("On Update"), -1);
  return row;
}

static GtkWidget *
create_fk_row (gpointer item,
               gpointer user_data)
{
  TwInspectorPane *self = user_data;
  TwForeignKey *fk = item;
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *columns = g_strjoinv (", ", (char **) tw_foreign_key_get_columns (fk));
  g_autofree char *referred = g_strjoinv (", ", (char **) tw_foreign_key_get_referred_columns (fk));
  g_autofree char *title = g_strdup_printf ("%s → %s (%s)", columns,
                                            tw_foreign_key_get_referred_table (fk), referred);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tw_foreign_key_get_name (fk) != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), tw_foreign_key_get_name (fk));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_fk_action_row (self, fk, TRUE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_fk_action_row (self, fk, FALSE));
  return row;
}

/* Relationships ------------------------------------------------------------------ */

static void
relationship_entry_apply_cb (AdwEntryRow     *row,
                             TwInspectorPane *self)
{
  TwRelationship *relationship = g_object_get_data (G_OBJECT (row), "tw-relationship");
  const char *what = g_object_get_data (G_OBJECT (row), "tw-field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  TwMetadata *metadata;

  if (relationship == NULL || self->table == NULL)
    return;
  metadata = tw_table_get_metadata (self->table);

  begin (self, _("Edit Relationship"));
  if (g_str_equal (what, "left"))
    tw_relationship_set_left_attribute (relationship, text[0] != '\0' ? text : NULL);
  else if (g_str_equal (what, "right"))
    tw_relationship_set_right_attribute (relationship, text[0] != '\0' ? text : NULL);
  else if (g_str_equal (what, "secondary") && metadata != NULL && text[0] != '\0')
    {
      TwTable *association = tw_metadata_find_table (metadata, tw_relationship_get_secondary (relationship));

      if (association != NULL && tw_metadata_find_table (metadata, text) == NULL)
        tw_metadata_rename_table (metadata, association, text);
    }
  end (self);
}

static void
relationship_style_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       TwInspectorPane *self)
{
  TwRelationship *relationship = g_object_get_data (G_OBJECT (row), "tw-relationship");

  if (relationship == NULL ||
      tw_relationship_get_style (relationship) == (TwRelationshipStyle) adw_combo_row_get_selected (row))
    return;
  begin (self, _("Edit Relationship"));
  tw_relationship_set_style (relationship, adw_combo_row_get_selected (row));
  end (self);
}

static GtkWidget *
new_relationship_entry (TwInspectorPane *self,
                        TwRelationship  *relationship,
                        const char      *title,
                        const char      *field,
                        const char      *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_object_set_data_full (G_OBJECT (row), "tw-relationship", g_object_ref (relationship), g_object_unref);
  g_object_set_data (G_OBJECT (row), "tw-field", (gpointer) field);
  g_signal_connect_object (row, "apply", G_CALLBACK (relationship_entry_apply_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
rebuild_relationships (TwInspectorPane *self)
{
  GtkWidget *child;
  TwMetadata *metadata;
  GListModel *relationships;
  const char *name;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->relationships_list))) != NULL)
    gtk_list_box_remove (self->relationships_list, child);

  metadata = self->table != NULL ? tw_table_get_metadata (self->table) : NULL;
  if (metadata == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->relationships_group), FALSE);
      return;
    }

  name = tw_table_get_name (self->table);
  relationships = tw_metadata_get_relationships (metadata);
  n = g_list_model_get_n_items (relationships);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      gboolean many = tw_relationship_get_kind (relationship) == TW_RELATIONSHIP_KIND_MANY_TO_MANY;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (g_strcmp0 (tw_relationship_get_left_table (relationship), name) != 0 &&
          g_strcmp0 (tw_relationship_get_right_table (relationship), name) != 0 &&
          g_strcmp0 (tw_relationship_get_secondary (relationship), name) != 0)
        continue;

      title = g_strdup_printf (many ? _("%s ↔ %s (many to many)") : _("%s → %s (one to many)"),
                               tw_relationship_get_left_table (relationship),
                               tw_relationship_get_right_table (relationship));
      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (many)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  new_relationship_entry (self, relationship, _("Association Table"),
                                                          "secondary",
                                                          tw_relationship_get_secondary (relationship)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                new_relationship_entry (self, relationship, _("Left Attribute"), "left",
                                                        tw_relationship_get_left_attribute (relationship)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                new_relationship_entry (self, relationship, _("Right Attribute"), "right",
                                                        tw_relationship_get_right_attribute (relationship)));
      {
        GtkWidget *style_row = adw_combo_row_new ();
        g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

        gtk_string_list_append (model, _("back_populates Pair"));
        gtk_string_list_append (model, _("Single backref"));
        adw_combo_row_set_model (ADW_COMBO_ROW (style_row), G_LIST_MODEL (model));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (style_row), _("Style"));
        adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), tw_relationship_get_style (relationship));
        g_object_set_data_full (G_OBJECT (style_row), "tw-relationship", g_object_ref (relationship),
                                g_object_unref);
        g_signal_connect_object (style_row, "notify::selected", G_CALLBACK (relationship_style_cb), self, 0);
        gtk_accessible_update_property (GTK_ACCESSIBLE (style_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Relationship Style"), -1);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), style_row);
      }
      gtk_list_box_append (self->relationships_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->relationships_group), shown > 0);
}

/* The table -------------------------------------------------------------------- */

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  TwInspectorPane *self = user_data;

  self->rebuild_id = 0;
  rebuild_relationships (self);
  return G_SOURCE_REMOVE;
}

static void
table_changed_cb (TwInspectorPane *self)
{
  const char *comment;

  if (self->table == NULL)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), tw_table_get_name (self->table)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), tw_table_get_name (self->table));
  comment = tw_table_get_comment (self->table);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->comment_row)), comment ? comment : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->comment_row), comment ? comment : "");
  gtk_widget_set_visible (GTK_WIDGET (self->foreign_keys_group),
                          g_list_model_get_n_items (tw_table_get_foreign_keys (self->table)) > 0);
  /* Not while a signal of the model is being emitted from a row's handler
   * that the rebuild would destroy. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
name_apply_cb (TwInspectorPane *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  TwMetadata *metadata;

  if (self->table == NULL || name[0] == '\0' || g_strcmp0 (name, tw_table_get_name (self->table)) == 0)
    return;
  metadata = tw_table_get_metadata (self->table);
  begin (self, _("Rename Table"));
  if (metadata != NULL)
    tw_metadata_rename_table (metadata, self->table, name);
  else
    tw_table_set_name (self->table, name);
  end (self);
}

static void
comment_apply_cb (TwInspectorPane *self)
{
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (self->table == NULL)
    return;
  begin (self, _("Edit Table Comment"));
  tw_table_set_comment (self->table, comment[0] != '\0' ? comment : NULL);
  end (self);
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwInspectorPane *self = TW_INSPECTOR_PANE (widget);
  g_autoptr (TwColumn) column = NULL;
  g_autofree char *name = NULL;

  if (self->table == NULL)
    return;

  for (guint i = tw_table_get_n_columns (self->table) + 1; name == NULL; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("column_%u", i);

      if (tw_table_find_column (self->table, candidate) == NULL)
        name = g_steal_pointer (&candidate);
    }
  column = tw_column_new (name, TW_COLUMN_TYPE_STRING);
  tw_column_set_length (column, 50);
  begin (self, _("Add Column"));
  tw_table_add_column (self->table, column);
  end (self);
}

static void
tw_inspector_pane_dispose (GObject *object)
{
  TwInspectorPane *self = (TwInspectorPane *) object;

  tw_inspector_pane_set_table (self, NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_INSPECTOR_PANE);

  G_OBJECT_CLASS (tw_inspector_pane_parent_class)->dispose (object);
}

static void
tw_inspector_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TwInspectorPane *self = TW_INSPECTOR_PANE (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_inspector_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TwInspectorPane *self = TW_INSPECTOR_PANE (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      tw_inspector_pane_set_table (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      tw_inspector_pane_set_history (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_inspector_pane_class_init (TwInspectorPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_inspector_pane_dispose;
  object_class->get_property = tw_inspector_pane_get_property;
  object_class->set_property = tw_inspector_pane_set_property;

  properties[PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL,
                         TW_TYPE_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TW_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "inspector.add-column", NULL, add_column_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-inspector-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, name_row);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, comment_row);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, columns_list);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, foreign_keys_group);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, foreign_keys_list);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, relationships_group);
  gtk_widget_class_bind_template_child (widget_class, TwInspectorPane, relationships_list);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_apply_cb);
}

static void
tw_inspector_pane_init (TwInspectorPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.add-column", FALSE);
}

GtkWidget *
tw_inspector_pane_new (void)
{
  return g_object_new (TW_TYPE_INSPECTOR_PANE, NULL);
}

TwTable *
tw_inspector_pane_get_table (TwInspectorPane *self)
{
  g_return_val_if_fail (TW_IS_INSPECTOR_PANE (self), NULL);

  return self->table;
}

void
tw_inspector_pane_set_table (TwInspectorPane *self,
                             TwTable         *table)
{
  g_return_if_fail (TW_IS_INSPECTOR_PANE (self));
  g_return_if_fail (table == NULL || TW_IS_TABLE (table));

  if (self->table == table)
    return;

  if (self->table != NULL)
    g_signal_handlers_disconnect_by_data (self->table, self);
  g_set_object (&self->table, table);

  if (table != NULL)
    {
      g_signal_connect_object (table, "changed", G_CALLBACK (table_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->columns_list, tw_table_get_columns (table),
                               create_column_row, self, NULL);
      gtk_list_box_bind_model (self->foreign_keys_list, tw_table_get_foreign_keys (table),
                               create_fk_row, self, NULL);
      table_changed_cb (self);
    }
  else
    {
      gtk_list_box_bind_model (self->columns_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->foreign_keys_list, NULL, NULL, NULL, NULL);
      rebuild_relationships (self);
    }

  gtk_stack_set_visible_child_name (self->stack, table != NULL ? "table" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.add-column", table != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}

TwHistory *
tw_inspector_pane_get_history (TwInspectorPane *self)
{
  g_return_val_if_fail (TW_IS_INSPECTOR_PANE (self), NULL);

  return self->history;
}

void
tw_inspector_pane_set_history (TwInspectorPane *self,
                               TwHistory       *history)
{
  g_return_if_fail (TW_IS_INSPECTOR_PANE (self));
  g_return_if_fail (history == NULL || TW_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

AdwEntryRow *
_tw_inspector_pane_get_name_row (TwInspectorPane *self)
{
  g_return_val_if_fail (TW_IS_INSPECTOR_PANE (self), NULL);

  return self->name_row;
}
