/* tw-window-export.c: the window's export of its model as a SQLAlchemy module
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tw-sqlalchemy-export.h"
#include "tw-window-export.h"
#include "tw-window-private.h"

typedef struct
{
  GFile *file;
  char  *contents;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_free (data->contents);
  g_free (data);
}

/* In a worker: a local file is written to a temporary file renamed over it,
 * so that it appears whole or not at all; another GFile is replaced as GIO
 * can. */
static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (path != NULL)
    ok = g_file_set_contents_full (path, data->contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, &error);
  else
    ok = g_file_replace_contents (data->file, data->contents, strlen (data->contents), NULL,
                                  FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable,
                                  &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
free_weak_ref (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* user_data is a weak reference to the window: a window closed while its
 * module is written goes away at once, and hears nothing. */
static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (TwWindow) self = g_weak_ref_get (weak);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *message = NULL;
  gboolean ok;

  free_weak_ref (weak);
  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (self == NULL)
    return;

  if (!ok)
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      heading = g_strdup_printf (_("Could Not Export “%s”"), name);
      _tw_window_show_error (self, heading, error->message);
      return;
    }

  message = g_strdup_printf (_("Exported SQLAlchemy module to “%s”"), name);
  _tw_window_toast (self, message);
}

void
_tw_window_export_sqlalchemy_to (TwWindow *self,
                                 GFile    *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *model_name = NULL;
  WriteData       *data;
  GWeakRef        *weak;
  char            *module;

  g_return_if_fail (TW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL)
    model_name = g_file_get_basename (self->file);

  module = tw_sqlalchemy_export_full (self->metadata, model_name, &error);
  if (module == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      _tw_window_show_error (self, heading, error->message);
      return;
    }

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (file);
  data->contents = module;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->cancellable, write_done_cb, weak);
  g_task_set_source_tag (task, _tw_window_export_sqlalchemy_to);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
export_response_cb (TwWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  g_assert (TW_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if ((GtkNativeDialog *) chooser == self->file_chooser)
    g_clear_object (&self->file_chooser);

  if (file == NULL)
    return;

  /* "models" becomes "models.py"; a name with an extension stays. */
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autoptr (GFile) parent = g_file_get_parent (file);

    if (basename != NULL && parent != NULL && strchr (basename, '.') == NULL)
      {
        g_autofree char *with_extension = g_strconcat (basename, ".py", NULL);
        g_autoptr (GFile) child = g_file_get_child (parent, with_extension);

        g_set_object (&file, child);
      }
  }

  _tw_window_export_sqlalchemy_to (self, file);
}

/* "shop.twm" → "shop.py"; a Python module name, so that it imports. */
static char *
dup_module_file_name (TwWindow *self)
{
  g_autofree char *document = NULL;
  GString         *out = g_string_new (NULL);

  document = self->file != NULL ? g_file_get_basename (self->file) : g_strdup ("models");
  if (g_str_has_suffix (document, TW_MODEL_FILE_EXTENSION))
    document[strlen (document) - strlen (TW_MODEL_FILE_EXTENSION)] = '\0';

  for (const char *p = document; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  if (out->len == 0 || g_ascii_isdigit (out->str[0]))
    g_string_prepend (out, "models_");
  g_string_append (out, ".py");

  return g_string_free (out, FALSE);
}

static void
export_sqlalchemy_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TwWindow             *self = TW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  chooser = gtk_file_chooser_native_new (_("Export SQLAlchemy Module"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Python Modules"));
  gtk_file_filter_add_mime_type (filter, "text/x-python");
  gtk_file_filter_add_mime_type (filter, "text/x-python3");
  gtk_file_filter_add_pattern (filter, "*.py");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = dup_module_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (self->file != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_tw_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-sqlalchemy", NULL,
                                   export_sqlalchemy_action);
}
