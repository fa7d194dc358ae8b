/* tw-design-view.c: the Design page: the diagram of the model, its tools and the inspector
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-design-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tw-design-view.h"
#include "tw-inspector-pane.h"
#include "tw-window-private.h"

struct _TwDesignView
{
  GtkWidget        parent_instance;

  TwMetadata      *metadata;
  TwHistory       *history;
  /* The window's table list selection, while watched (a weak pointer). */
  GtkSingleSelection *sidebar_selection;

  /* Template widgets */
  GtkBox          *toolbar;
  GtkPaned        *paned;
  GtkButton       *zoom_button;
  TwCanvas        *canvas;
  TwInspectorPane *inspector;
};

G_DEFINE_FINAL_TYPE (TwDesignView, tw_design_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_METADATA,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

/* The canvas's own actions, for the toolbar (which is outside the canvas). */
static const char * const forwarded_actions[] = {
  "add-table",
  "link-one-to-many",
  "link-many-to-many",
  "auto-layout",
  "undo",
  "redo",
  "zoom-in",
  "zoom-out",
  "zoom-fit",
  "zoom-reset",
  "delete",
};

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TwDesignView *self = TW_DESIGN_VIEW (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->canvas), action_name, param);
}

static void
update_actions (TwDesignView *self)
{
  TwHistory *history = tw_canvas_get_history (self->canvas);
  gboolean has_model = self->metadata != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.undo",
                                 history != NULL && tw_history_get_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.redo",
                                 history != NULL && tw_history_get_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-table", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.auto-layout", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link-one-to-many", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link-many-to-many", has_model);
}

static void
history_changed_cb (TwDesignView *self)
{
  update_actions (self);
}

static void
canvas_history_cb (TwDesignView *self)
{
  TwHistory *history = tw_canvas_get_history (self->canvas);

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    {
      g_signal_connect_object (history, "notify::can-undo",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-redo",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

static void
zoom_changed_cb (TwDesignView *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", tw_canvas_get_zoom (self->canvas) * 100.0);

  gtk_button_set_label (self->zoom_button, text);
}

static void
canvas_message_cb (TwDesignView *self,
                   const char   *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TW_TYPE_WINDOW);

  if (window != NULL)
    _tw_window_toast (TW_WINDOW (window), text);
}

/* The window's table list and the diagram show the same selection: a table
 * picked in the list is selected and shown on the canvas. */
static void
sidebar_selected_cb (TwDesignView       *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  if (TW_IS_TABLE (item) && item != tw_canvas_get_selected_table (self->canvas))
    tw_canvas_select_table (self->canvas, TW_TABLE (item));
}

static void
unwatch_sidebar (TwDesignView *self)
{
  if (self->sidebar_selection == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->sidebar_selection, sidebar_selected_cb, self);
  g_clear_weak_pointer (&self->sidebar_selection);
}

/* On map rather than root: the window's template children are bound only
 * after its children were rooted. */
static void
tw_design_view_map (GtkWidget *widget)
{
  TwDesignView *self = TW_DESIGN_VIEW (widget);
  GtkWidget *window;

  GTK_WIDGET_CLASS (tw_design_view_parent_class)->map (widget);

  window = gtk_widget_get_ancestor (widget, TW_TYPE_WINDOW);
  if (self->sidebar_selection == NULL && window != NULL && TW_WINDOW (window)->table_selection != NULL)
    {
      g_set_weak_pointer (&self->sidebar_selection, TW_WINDOW (window)->table_selection);
      g_signal_connect_object (self->sidebar_selection, "notify::selected-item",
                               G_CALLBACK (sidebar_selected_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
tw_design_view_unroot (GtkWidget *widget)
{
  unwatch_sidebar (TW_DESIGN_VIEW (widget));

  GTK_WIDGET_CLASS (tw_design_view_parent_class)->unroot (widget);
}

static void
tw_design_view_dispose (GObject *object)
{
  TwDesignView *self = (TwDesignView *) object;
  GtkWidget *child;

  unwatch_sidebar (self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->metadata);
  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_DESIGN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_design_view_parent_class)->dispose (object);
}

static void
tw_design_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TwDesignView *self = TW_DESIGN_VIEW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_design_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TwDesignView *self = TW_DESIGN_VIEW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      tw_design_view_set_metadata (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_design_view_class_init (TwDesignViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_design_view_dispose;
  object_class->get_property = tw_design_view_get_property;
  object_class->set_property = tw_design_view_set_property;

  widget_class->map = tw_design_view_map;
  widget_class->unroot = tw_design_view_unroot;

  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < G_N_ELEMENTS (forwarded_actions); i++)
    {
      g_autofree char *name = g_strconcat ("canvas.", forwarded_actions[i], NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, forward_action);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "canvas.add-table", NULL);

  g_type_ensure (TW_TYPE_CANVAS);
  g_type_ensure (TW_TYPE_INSPECTOR_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-design-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TwDesignView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, TwDesignView, paned);
  gtk_widget_class_bind_template_child (widget_class, TwDesignView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, TwDesignView, canvas);
  gtk_widget_class_bind_template_child (widget_class, TwDesignView, inspector);
  gtk_widget_class_bind_template_callback (widget_class, canvas_message_cb);
}

static void
tw_design_view_init (TwDesignView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->canvas, "notify::history",
                           G_CALLBACK (canvas_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  canvas_history_cb (self);
  zoom_changed_cb (self);
}

GtkWidget *
tw_design_view_new (void)
{
  return g_object_new (TW_TYPE_DESIGN_VIEW, NULL);
}

TwMetadata *
tw_design_view_get_metadata (TwDesignView *self)
{
  g_return_val_if_fail (TW_IS_DESIGN_VIEW (self), NULL);

  return self->metadata;
}

void
tw_design_view_set_metadata (TwDesignView *self,
                             TwMetadata   *metadata)
{
  g_return_if_fail (TW_IS_DESIGN_VIEW (self));
  g_return_if_fail (metadata == NULL || TW_IS_METADATA (metadata));

  if (!g_set_object (&self->metadata, metadata))
    return;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
}

TwCanvas *
tw_design_view_get_canvas (TwDesignView *self)
{
  g_return_val_if_fail (TW_IS_DESIGN_VIEW (self), NULL);

  return self->canvas;
}

GtkWidget *
tw_design_view_get_inspector (TwDesignView *self)
{
  g_return_val_if_fail (TW_IS_DESIGN_VIEW (self), NULL);

  return GTK_WIDGET (self->inspector);
}
