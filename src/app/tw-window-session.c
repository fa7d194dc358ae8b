/* tw-window-session.c: a window's staged row changes: Commit, Roll Back, and asking before they are lost
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-commit-bar.h"
#include "tw-data-view.h"
#include "tw-window-private.h"

/* A rollback of more changes than this asks first. */
#define ROLLBACK_CONFIRM_THRESHOLD 5

static TwDataView *
get_data_view (TwWindow *self)
{
  GtkWidget *child;

  g_assert (TW_IS_WINDOW (self));

  if (self->view_stack == NULL)
    return NULL;

  child = adw_view_stack_get_child_by_name (self->view_stack, "data");
  return TW_IS_DATA_VIEW (child) ? TW_DATA_VIEW (child) : NULL;
}

void
_tw_window_update_session_actions (TwWindow *self)
{
  gboolean can_change;

  g_assert (TW_IS_WINDOW (self));

  can_change = self->session != NULL && tw_session_has_changes (self->session) &&
               !tw_session_is_committing (self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.commit", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rollback", can_change);
}

static void
session_changed_cb (TwWindow *self)
{
  _tw_window_update_session_actions (self);
}

void
_tw_window_watch_session (TwWindow *self)
{
  g_assert (TW_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::committing", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Shows the table of the row a commit failed on, so that the grid can
 * select the row. */
static void
select_table (TwWindow   *self,
              const char *name)
{
  GListModel *tables = G_LIST_MODEL (self->table_filter_model);
  guint       n = g_list_model_get_n_items (tables);

  g_assert (TW_IS_WINDOW (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = g_list_model_get_item (tables, i);

      if (g_strcmp0 (tw_table_get_name (table), name) == 0)
        {
          gtk_single_selection_set_selected (self->table_selection, i);
          return;
        }
    }
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (TwWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  TwDataView *data_view;
  TwRow      *row;

  if (!tw_session_commit_finish (TW_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      _tw_window_update_session_actions (self);
      data_view = get_data_view (self);
      row = tw_session_error_get_row (error);
      if (data_view != NULL && row != NULL)
        {
          TwTable *table = tw_row_get_table (row);

          adw_view_stack_set_visible_child_name (self->view_stack, "data");
          if (table != NULL && table != tw_data_view_get_table (data_view))
            select_table (self, tw_table_get_name (table));
        }
      if (data_view != NULL)
        tw_data_view_show_commit_error (data_view, error);

      _tw_window_toast (self, _("Commit failed: nothing was written, and your changes are still staged"));
      _tw_window_show_error (self, _("Could Not Commit"), error->message);
      return;
    }

  _tw_window_update_session_actions (self);
  _tw_window_toast (self, _("Committed"));
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwWindow   *self = TW_WINDOW (widget);
  TwDataView *data_view = get_data_view (self);

  if (self->session == NULL || !tw_session_has_changes (self->session) ||
      tw_session_is_committing (self->session))
    return;

  if (data_view != NULL)
    tw_data_view_show_commit_error (data_view, NULL);

  tw_session_commit_async (self->session, self->cancellable, commit_cb, g_object_ref (self));
  _tw_window_update_session_actions (self);
}

static void
rollback (TwWindow *self)
{
  g_assert (TW_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  tw_session_rollback (self->session);
  _tw_window_update_session_actions (self);
  _tw_window_toast (self, _("Rolled back the staged changes"));
}

static void
rollback_response_cb (TwWindow         *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    rollback (self);
}

static GtkWidget *
new_discard_dialog (TwWindow   *self,
                    const char *heading,
                    const char *discard_label)
{
  GtkWidget *dialog;
  guint      n = tw_commit_bar_count_changes (self->session);

  g_assert (TW_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u staged change has not been committed to the "
                                               "database. It will be lost.",
                                               "%u staged changes have not been committed to the "
                                               "database. They will be lost.",
                                               n),
                                  n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", discard_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  return dialog;
}

static void
rollback_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TwWindow  *self = TW_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL || !tw_session_has_changes (self->session) ||
      tw_session_is_committing (self->session))
    return;

  if (tw_commit_bar_count_changes (self->session) <= ROLLBACK_CONFIRM_THRESHOLD)
    {
      rollback (self);
      return;
    }

  dialog = new_discard_dialog (self, _("Roll Back Staged Changes?"), _("_Roll Back"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rollback_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (TwWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") != 0 || self->session == NULL)
    return;

  /* Nothing is staged any more: closing again goes on to the model. */
  tw_session_rollback (self->session);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

gboolean
_tw_window_confirm_discard_staged (TwWindow *self)
{
  GtkWidget *dialog;

  g_assert (TW_IS_WINDOW (self));

  if (self->session == NULL || !tw_session_has_changes (self->session))
    return FALSE;

  dialog = new_discard_dialog (self, _("Discard Staged Changes?"), _("_Discard and Close"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

void
_tw_window_class_session_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (TW_TYPE_COMMIT_BAR);
  g_type_ensure (TW_TYPE_DATA_VIEW);

  gtk_widget_class_install_action (widget_class, "win.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "win.rollback", NULL, rollback_action);

  /* Listed in ui/tw-shortcuts-window.ui too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.commit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.rollback", NULL);
}
