/* tw-window-diagram.c: the window's export of its diagram as PNG or SVG
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tw-design-view.h"
#include "tw-window-diagram.h"
#include "tw-window-private.h"

typedef struct
{
  TwMetadata      *metadata;
  char            *path;
  TwDiagramFormat  format;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_clear_object (&export->metadata);
  g_free (export->path);
  g_free (export);
}

static void
export_in_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *export = task_data;
  GError *error = NULL;

  if (!tw_diagram_export (export->metadata, export->path, export->format, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TwWindow *self = TW_WINDOW (source);
  ExportData *export = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_path_get_basename (export->path);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      heading = g_strdup_printf (_("Could Not Export “%s”"), name);
      _tw_window_show_error (self, heading, error->message);
      return;
    }

  message = g_strdup_printf (_("Exported the diagram to “%s”"), name);
  _tw_window_toast (self, message);
}

void
_tw_window_export_diagram_to (TwWindow        *self,
                              GFile           *file,
                              TwDiagramFormat  format)
{
  g_autoptr (GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (TW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (ExportData, 1);
  /* The worker draws a copy: the model belongs to the main thread. */
  export->metadata = tw_metadata_copy (self->metadata);
  export->path = g_file_get_path (file);
  export->format = format;

  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, _tw_window_export_diagram_to);
  g_task_set_task_data (task, export, export_data_free);
  if (export->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The diagram can only be exported to a local file"));
      return;
    }
  g_task_run_in_thread (task, export_in_worker);
}

static void
chooser_response_cb (TwWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  TwDiagramFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "tw-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if ((GtkNativeDialog *) chooser == self->file_chooser)
    g_clear_object (&self->file_chooser);
  if (file != NULL)
    _tw_window_export_diagram_to (self, file, format);
}

static void
show_chooser (TwWindow        *self,
              TwDiagramFormat  format)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *document = NULL;
  g_autofree char *name = NULL;
  const char *extension = format == TW_DIAGRAM_FORMAT_PNG ? ".png" : ".svg";

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  chooser = gtk_file_chooser_native_new (format == TW_DIAGRAM_FORMAT_PNG
                                         ? _("Export Diagram as PNG") : _("Export Diagram as SVG"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, format == TW_DIAGRAM_FORMAT_PNG ? _("PNG Images") : _("SVG Images"));
  gtk_file_filter_add_mime_type (filter, format == TW_DIAGRAM_FORMAT_PNG ? "image/png" : "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  document = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (_("Untitled Model"));
  if (g_str_has_suffix (document, TW_MODEL_FILE_EXTENSION))
    document[strlen (document) - strlen (TW_MODEL_FILE_EXTENSION)] = '\0';
  name = g_strconcat (document, extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data (G_OBJECT (chooser), "tw-format", GINT_TO_POINTER (format));
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_png_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  show_chooser (TW_WINDOW (widget), TW_DIAGRAM_FORMAT_PNG);
}

static void
export_svg_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  show_chooser (TW_WINDOW (widget), TW_DIAGRAM_FORMAT_SVG);
}

void
_tw_window_class_diagram_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (TW_TYPE_DESIGN_VIEW);

  gtk_widget_class_install_action (widget_class, "win.export-png", NULL, export_png_action);
  gtk_widget_class_install_action (widget_class, "win.export-svg", NULL, export_svg_action);
}
