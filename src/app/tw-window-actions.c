/* tw-window-actions.c: the actions of a document window: save, export, copy, find
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-autosave.h"
#include "tw-window-apply.h"
#include "tw-window-private.h"

static void save_as_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param);

void
_tw_window_toast (TwWindow   *self,
                  const char *title)
{
  AdwToast *toast;

  g_assert (TW_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_tw_window_show_error (TwWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog;

  g_assert (TW_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tw_window_update_actions (TwWindow *self)
{
  gboolean has_sql;

  g_assert (TW_IS_WINDOW (self));

  /* Called from constructed, before the template may hold a model. */
  if (self->metadata == NULL || self->sql_view == NULL)
    return;

  has_sql = tw_sql_view_get_valid (self->sql_view) &&
            tw_metadata_get_n_tables (self->metadata) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 self->file != NULL || self->modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-ddl", has_sql);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-ddl", has_sql);
  _tw_window_update_session_actions (self);
  _tw_window_update_apply_actions (self);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the window once the dialog that asked has gone: a dialog must not
 * outlive the window it is transient for. */
static void
close_confirmed (TwWindow *self)
{
  g_assert (TW_IS_WINDOW (self));

  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
show_save_error (TwWindow *self,
                 GFile    *file,
                 GError   *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

  g_assert (TW_IS_WINDOW (self));

  _tw_window_show_error (self, heading, error->message);
}

/* Saves to file; reports a failure in a dialog. Closes the window when a
 * close waited for the save. */
static gboolean
save_and_report (TwWindow *self,
                 GFile    *file)
{
  g_autoptr (GError) error = NULL;

  g_assert (TW_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  if (!tw_window_save_to_file (self, file, &error))
    {
      self->close_after_save = FALSE;
      show_save_error (self, file, error);
      return FALSE;
    }

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      close_confirmed (self);
    }

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TwWindow *self = TW_WINDOW (widget);

  if (self->file == NULL)
    {
      save_as_action (widget, "win.save-as", NULL);
      return;
    }

  /* A model recovered from its autosave may be older than the file. */
  if (self->recovered)
    {
      tw_autosave_confirm_replace (GTK_WINDOW (self));
      return;
    }

  save_and_report (self, self->file);
}

/* A GtkFileChooserNative over the window, held until it answers. */
static GtkFileChooserNative *
new_file_chooser (TwWindow            *self,
                  const char          *title,
                  GtkFileChooserAction action,
                  const char          *accept_label)
{
  GtkFileChooserNative *chooser;

  g_assert (TW_IS_WINDOW (self));

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);

  return chooser;
}

static GtkFileFilter *
new_filter (const char *name,
            const char *mime_type,
            const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

/* The chosen file, with extension added when the name has none at all. */
static GFile *
dup_chosen_file (GtkFileChooser *chooser,
                 const char     *extension)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *basename = NULL;
  g_autofree char *with_extension = NULL;
  g_autoptr (GFile) parent = NULL;

  if (file == NULL)
    return NULL;

  basename = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (basename == NULL || parent == NULL || strchr (basename, '.') != NULL)
    return g_steal_pointer (&file);

  with_extension = g_strconcat (basename, extension, NULL);
  return g_file_get_child (parent, with_extension);
}

static void
save_as_response_cb (TwWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  g_assert (TW_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = dup_chosen_file (GTK_FILE_CHOOSER (chooser), TW_MODEL_FILE_EXTENSION);

  if ((GtkNativeDialog *) chooser == self->file_chooser)
    g_clear_object (&self->file_chooser);

  if (file == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  save_and_report (self, file);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TwWindow             *self = TW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  chooser = new_file_chooser (self, _("Save Model As"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  filter = new_filter (_("Tablewright Models"), TW_MODEL_FILE_CONTENT_TYPE, "*" TW_MODEL_FILE_EXTENSION);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->file != NULL)
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
    }
  else
    {
      name = g_strconcat (_("Untitled Model"), TW_MODEL_FILE_EXTENSION, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_ddl_response_cb (TwWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_assert (TW_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = dup_chosen_file (GTK_FILE_CHOOSER (chooser), ".sql");

  if ((GtkNativeDialog *) chooser == self->file_chooser)
    g_clear_object (&self->file_chooser);

  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  script = tw_sql_view_dup_script (self->sql_view, &error);
  if (script == NULL ||
      !g_file_replace_contents (file, script, strlen (script), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      _tw_window_show_error (self, heading, error->message);
      return;
    }

  message = g_strdup_printf (_("Exported DDL to “%s”"), name);
  _tw_window_toast (self, message);
}

static void
export_ddl_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwWindow             *self = TW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *document = NULL;
  g_autofree char *name = NULL;
  const char      *dialect;

  chooser = new_file_chooser (self, _("Export DDL"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  filter = new_filter (_("SQL Scripts"), "application/sql", "*.sql");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* "shop-postgresql-drop.sql": the model, the dialect and the script. */
  document = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (_("Untitled Model"));
  if (g_str_has_suffix (document, TW_MODEL_FILE_EXTENSION))
    document[strlen (document) - strlen (TW_MODEL_FILE_EXTENSION)] = '\0';
  dialect = tw_dialect_kind_to_string (tw_sql_view_get_dialect (self->sql_view));
  if (g_strcmp0 (tw_sql_view_get_mode (self->sql_view), TW_SQL_VIEW_MODE_DROP) == 0)
    name = g_strdup_printf ("%s-%s-drop.sql", document, dialect);
  else
    name = g_strdup_printf ("%s-%s.sql", document, dialect);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (self->file != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_ddl_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_ddl_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TwWindow *self = TW_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;

  script = tw_sql_view_dup_script (self->sql_view, &error);
  if (script == NULL)
    {
      _tw_window_show_error (self, _("Could Not Copy the DDL"), error->message);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), script);
  _tw_window_toast (self, _("Copied DDL"));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TwWindow *self = TW_WINDOW (widget);

  g_object_set (self, "sidebar-visible", TRUE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
confirm_close_response_cb (TwWindow         *self,
                           const char       *response,
                           AdwMessageDialog *dialog)
{
  g_assert (TW_IS_WINDOW (self));

  if (g_strcmp0 (response, "discard") == 0)
    {
      close_confirmed (self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      if (self->file != NULL)
        save_and_report (self, self->file);
      else
        save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

void
_tw_window_confirm_close (TwWindow *self)
{
  GtkWidget       *dialog;
  g_autofree char *name = NULL;

  g_assert (TW_IS_WINDOW (self));

  name = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (_("Untitled Model"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes that are not saved "
                                    "are lost for good."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_close_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tw_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export-ddl", NULL, export_ddl_action);
  gtk_widget_class_install_action (widget_class, "win.copy-ddl", NULL, copy_ddl_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "sidebar-visible");

  /* Every binding here is listed in ui/tw-shortcuts-window.ui too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-ddl", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-ddl", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}
