/* tw-application.c: the Tablewright application: windows, app actions, settings
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-application"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "tw-application.h"
#include "tw-autosave.h"
#include "tw-connect-dialog.h"
#include "tw-model-file.h"
#include "tw-open-database.h"
#include "tw-recent-menu.h"
#include "tw-window-private.h"

struct _TwApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  /* The Open dialog, held while it is up. */
  GtkFileChooserNative *open_chooser;
};

G_DEFINE_FINAL_TYPE (TwApplication, tw_application, ADW_TYPE_APPLICATION)

static TwWindow *find_document_window (TwApplication *self);

static GtkWindow *
get_active_window (TwApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  TwApplication *self = user_data;
  GList         *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets a modified one ask first; the application
   * quits when the last one is gone. */
  g_list_foreach (windows, (GFunc) g_object_ref, NULL);
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TwApplication     *self = user_data;
  static const char *developers[] = { "The Tablewright authors", NULL };
  GtkWidget         *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_active_window (self),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Tablewright"),
                        "developer-name", _("The Tablewright authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Design database schemas for SQLite, PostgreSQL and MySQL"),
                        "website", "https://github.com/tablewright/tablewright",
                        "issue-url", "https://github.com/tablewright/tablewright/issues",
                        "copyright", "© 2026 The Tablewright authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  tw_application_new_window (TW_APPLICATION (user_data));
}

static void
open_response_cb (TwApplication        *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  if (chooser == self->open_chooser)
    g_clear_object (&self->open_chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);

      tw_application_open_file (self, file);
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  TwApplication *self = user_data;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->open_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
      g_clear_object (&self->open_chooser);
    }

  self->open_chooser = gtk_file_chooser_native_new (_("Open Model"), get_active_window (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->open_chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->open_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tablewright Models"));
  gtk_file_filter_add_mime_type (filter, TW_MODEL_FILE_CONTENT_TYPE);
  gtk_file_filter_add_pattern (filter, "*" TW_MODEL_FILE_EXTENSION);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->open_chooser), filter);

  g_signal_connect_object (self->open_chooser, "response", G_CALLBACK (open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
}

static void
connect_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  TwApplication   *self = user_data;
  GtkWindow       *active = get_active_window (self);
  TwConnectDialog *dialog;

  /* The dialog needs a document window to be modal to, and to fill. */
  if (!TW_IS_WINDOW (active))
    active = GTK_WINDOW (find_document_window (self));
  if (active == NULL)
    active = GTK_WINDOW (tw_application_new_window (self));

  dialog = tw_connect_dialog_new (TW_WINDOW (active));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  TwApplication *self = user_data;
  g_autoptr (GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/io/github/tablewright/Tablewright/ui/tw-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, get_active_window (self));
  gtk_window_present (window);
}

/* Every accelerator here, and every window binding, is listed in
 * ui/tw-shortcuts-window.ui too. */
static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "new", new_action },
  { "open", open_action },
  { "connect", connect_action },
  { "shortcuts", shortcuts_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.new", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.connect", { "<Control><Shift>n", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
};

static void
tw_application_startup (GApplication *application)
{
  TwApplication *self = (TwApplication *) application;

  G_APPLICATION_CLASS (tw_application_parent_class)->startup (application);

  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  tw_recent_menu_add_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}

static void
tw_application_activate (GApplication *application)
{
  TwApplication *self = (TwApplication *) application;
  GtkWindow     *window = get_active_window (self);

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  tw_application_open_demo (self);
  /* After a crash: the models that were not saved. */
  tw_autosave_offer_recovery_once (self);
}

/* A database named on the command line: a URL ("postgresql://..."), or an
 * SQLite file by its extension. NULL (and no error) for anything else. */
static TwUrl *
dup_database_url (GFile   *file,
                  GError **error)
{
  g_autofree char *scheme = g_file_get_uri_scheme (file);
  g_autofree char *uri = NULL;
  const char      *path;

  if (scheme != NULL && g_strcmp0 (scheme, "file") != 0)
    {
      uri = g_file_get_uri (file);
      return tw_url_parse (uri, error);
    }

  path = g_file_peek_path (file);
  if (path != NULL && tw_open_database_is_sqlite_path (path))
    return tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, path);

  return NULL;
}

/* A model file opens as before (and connects to the database its extras
 * name); a database opens a window with its reflected schema. */
static void
open_file_or_database (TwApplication *self,
                       GFile         *file)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GError) error = NULL;
  TwWindow *window;

  url = dup_database_url (file, &error);
  if (error != NULL)
    {
      window = find_document_window (self);
      if (window == NULL)
        window = tw_application_new_window (self);
      _tw_window_show_error (window, _("Could Not Open the Database"), error->message);
      return;
    }

  if (url != NULL)
    {
      window = tw_application_new_window (self);
      tw_open_database_connect_window (window, url, TRUE);
      return;
    }

  window = tw_application_open_file (self, file);
  if (window != NULL && window->connection == NULL &&
      window->extras.database != NULL && window->extras.database[0] != '\0')
    {
      url = tw_url_parse (window->extras.database, &error);
      if (url == NULL)
        _tw_window_show_error (window, _("Could Not Connect"), error->message);
      else
        tw_open_database_connect_window (window, url, FALSE);
    }
}

static void
tw_application_open (GApplication *application,
                     GFile       **files,
                     int           n_files,
                     const char   *hint)
{
  TwApplication *self = (TwApplication *) application;

  for (int i = 0; i < n_files; i++)
    open_file_or_database (self, files[i]);
  tw_autosave_offer_recovery_once (self);
}

static void
tw_application_dispose (GObject *object)
{
  TwApplication *self = (TwApplication *) object;

  if (self->open_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
      g_clear_object (&self->open_chooser);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tw_application_parent_class)->dispose (object);
}

static void
tw_application_class_init (TwApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tw_application_dispose;

  application_class->startup = tw_application_startup;
  application_class->activate = tw_application_activate;
  application_class->open = tw_application_open;
}

static void
tw_application_init (TwApplication *self)
{
}

TwApplication *
tw_application_new (void)
{
  return g_object_new (TW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tablewright/Tablewright",
                       NULL);
}

GSettings *
tw_application_get_settings (TwApplication *self)
{
  g_return_val_if_fail (TW_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);

  return self->settings;
}

TwWindow *
tw_application_new_window (TwApplication *self)
{
  TwWindow *window;

  g_return_val_if_fail (TW_IS_APPLICATION (self), NULL);

  window = tw_window_new (self, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static TwWindow *
find_window_for_file (TwApplication *self,
                      GFile         *file)
{
  g_assert (TW_IS_APPLICATION (self));

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!TW_IS_WINDOW (l->data))
        continue;

      window_file = tw_window_get_file (l->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }

  return NULL;
}

/* The active document window, or else any, or NULL. */
static TwWindow *
find_document_window (TwApplication *self)
{
  GtkWindow *active = get_active_window (self);

  g_assert (TW_IS_APPLICATION (self));

  if (TW_IS_WINDOW (active))
    return TW_WINDOW (active);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (TW_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

TwWindow *
tw_application_open_file (TwApplication *self,
                          GFile         *file)
{
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  TwWindow *window;

  g_return_val_if_fail (TW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* One window per document. */
  window = find_window_for_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  metadata = tw_model_file_load_full (file, &extras, NULL, &error);
  if (metadata == NULL)
    {
      TwWindow        *parent = find_document_window (self);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      /* The message needs a window to be modal to. */
      if (parent == NULL)
        parent = tw_application_new_window (self);

      _tw_window_show_error (parent, heading, error->message);
      return NULL;
    }

  window = tw_window_new (self, metadata, file, &extras);
  gtk_window_present (GTK_WINDOW (window));
  tw_application_add_recent_file (self, file);

  return window;
}

GFile *
tw_application_dup_demo_file (TwApplication *self,
                              GError       **error)
{
  g_autofree char *folder = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (TW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_build_filename (g_get_user_data_dir (), "tablewright", "demo", NULL);
  file = g_file_new_build_filename (folder, "demo.twm", NULL);

  /* The user's copy is theirs to change; it is never written over. */
  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&file);

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s” for the demo model: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  bytes = g_resources_lookup_data (TW_DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  if (!g_file_replace_contents (file,
                                g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
    {
      g_prefix_error (error, _("Could not copy the demo model: "));
      return NULL;
    }

  return g_steal_pointer (&file);
}

TwWindow *
tw_application_open_demo (TwApplication *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  TwWindow *window;

  g_return_val_if_fail (TW_IS_APPLICATION (self), NULL);

  file = tw_application_dup_demo_file (self, &error);
  if (file == NULL)
    {
      window = tw_application_new_window (self);
      _tw_window_show_error (window, _("Could Not Open the Demo"), error->message);
      return window;
    }

  window = tw_application_open_file (self, file);
  /* The demo model comes with its database, made on first use. */
  if (window != NULL && window->connection == NULL)
    tw_open_database_demo (window);

  return window;
}

void
tw_application_add_recent_file (TwApplication *self,
                                GFile         *file)
{
  GSettings *settings;
  g_auto (GStrv) old = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) recent = NULL;
  g_autofree char *uri = NULL;
  guint            n = 1;

  g_return_if_fail (TW_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  settings = tw_application_get_settings (self);
  uri = g_file_get_uri (file);
  old = g_settings_get_strv (settings, "recent-files");

  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < TW_RECENT_FILES_MAX; i++)
    {
      if (g_strcmp0 (old[i], uri) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char * const *) recent);
}
