/* tw-connect-dialog.c: the Connect to Database dialog
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-connect-dialog-private.h"
#include "tw-open-database.h"
#include "tw-window-private.h"

G_DEFINE_FINAL_TYPE (TwConnectDialog, tw_connect_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_URL,
  PROP_CONNECTING,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

/* The order of the dialect row's items. */
static const TwDialectKind dialects[] = {
  TW_DIALECT_KIND_SQLITE,
  TW_DIALECT_KIND_POSTGRESQL,
  TW_DIALECT_KIND_MYSQL,
};

static TwDialectKind
get_dialect (TwConnectDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->dialect_row);

  return selected < G_N_ELEMENTS (dialects) ? dialects[selected] : TW_DIALECT_KIND_SQLITE;
}

static const char *
get_text (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static void
show_error (TwConnectDialog *self,
            const char      *message)
{
  g_assert (TW_IS_CONNECT_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (TwConnectDialog *self)
{
  g_assert (TW_IS_CONNECT_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect",
                                 self->url != NULL && !self->connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.choose-file", !self->connecting);
}

/* Sets the URL the fields make (NULL with the reason they make none). */
static void
set_url (TwConnectDialog *self,
         TwUrl           *url,
         const char      *problem)
{
  g_assert (TW_IS_CONNECT_DIALOG (self));

  g_clear_pointer (&self->display_url, g_free);
  if (url != NULL)
    self->display_url = tw_url_to_display_string (url);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->shown_row),
                               url != NULL ? self->display_url : problem);

  if (self->url != url)
    {
      g_clear_pointer (&self->url, tw_url_unref);
      self->url = url != NULL ? tw_url_ref (url) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_URL]);
    }

  update_actions (self);
}

/* The URL of the fields; NULL and the reason when they make none. */
static TwUrl *
build_url (TwConnectDialog  *self,
           char            **problem)
{
  TwDialectKind dialect = get_dialect (self);
  const char   *host;
  const char   *port_text;
  guint64       port = 0;

  g_assert (TW_IS_CONNECT_DIALOG (self));
  g_assert (problem != NULL && *problem == NULL);

  if (dialect == TW_DIALECT_KIND_SQLITE)
    {
      const char *path = get_text (self->file_row);

      if (path[0] == '\0')
        {
          *problem = g_strdup (_("Choose a database file"));
          return NULL;
        }

      return tw_url_new (dialect, NULL, NULL, NULL, 0, path);
    }

  host = get_text (self->host_row);
  if (!tw_url_host_is_valid (host))
    {
      *problem = g_strdup_printf (_("The host “%s” is not a valid host name or IPv6 address"), host);
      return NULL;
    }

  port_text = get_text (self->port_row);
  if (port_text[0] != '\0' &&
      (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL)))
    {
      *problem = g_strdup_printf (_("The port “%s” is not a number from 1 to 65535"), port_text);
      return NULL;
    }

  return tw_url_new (dialect, get_text (self->user_row), get_text (self->password_row),
                     host, (guint) port, get_text (self->database_row));
}

static void
fields_changed (TwConnectDialog *self)
{
  g_autoptr (TwUrl) url = NULL;
  g_autofree char *problem = NULL;

  g_assert (TW_IS_CONNECT_DIALOG (self));

  url = build_url (self, &problem);
  set_url (self, url, problem);

  if (self->syncing)
    return;

  /* The URL entry follows the fields, without the password: a typed one
   * stays in the password field, never in plain text. */
  self->syncing = TRUE;
  if (url != NULL)
    {
      g_autoptr (TwUrl) bare = tw_url_new (tw_url_get_dialect (url), tw_url_get_username (url), NULL,
                                           tw_url_get_host (url), tw_url_get_port (url),
                                           tw_url_get_database (url));
      g_autofree char *text = tw_url_to_string (bare);

      set_text (self->url_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  self->syncing = FALSE;
}

static void
field_changed_cb (TwConnectDialog *self,
                  GtkEditable     *editable)
{
  fields_changed (self);
}

static void
dialect_changed_cb (TwConnectDialog *self,
                    GParamSpec      *pspec,
                    AdwComboRow     *row)
{
  gboolean sqlite = get_dialect (self) == TW_DIALECT_KIND_SQLITE;

  gtk_widget_set_visible (GTK_WIDGET (self->sqlite_group), sqlite);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), !sqlite);
  fields_changed (self);
}

static void
fill_fields (TwConnectDialog *self,
             TwUrl           *url)
{
  g_autofree char *port = NULL;
  TwDialectKind dialect = tw_url_get_dialect (url);

  g_assert (TW_IS_CONNECT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      if (dialects[i] == dialect)
        adw_combo_row_set_selected (self->dialect_row, i);
    }

  if (dialect == TW_DIALECT_KIND_SQLITE)
    {
      set_text (self->file_row, tw_url_get_database (url));
    }
  else
    {
      port = tw_url_get_port (url) != 0 ? g_strdup_printf ("%u", tw_url_get_port (url)) : NULL;
      set_text (self->host_row, tw_url_get_host (url));
      set_text (self->port_row, port);
      set_text (self->user_row, tw_url_get_username (url));
      /* A recent connection has no password: keep the one typed. */
      if (tw_url_get_password (url) != NULL)
        set_text (self->password_row, tw_url_get_password (url));
      set_text (self->database_row, tw_url_get_database (url));
    }
}

static void
url_changed_cb (TwConnectDialog *self,
                GtkEditable     *editable)
{
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GError) error = NULL;
  const char *text = get_text (self->url_row);

  if (self->syncing)
    return;

  if (text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
      return;
    }

  url = tw_url_parse (text, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), url == NULL);
  if (url == NULL)
    {
      gtk_label_set_label (self->url_error_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      set_url (self, NULL, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

  /* The fields follow the typed URL; the URL entry keeps what was typed,
   * and the URL keeps its driver and query parameters. */
  self->syncing = TRUE;
  fill_fields (self, url);
  self->syncing = FALSE;
  set_url (self, url, NULL);
}

static void
entry_activated_cb (TwConnectDialog *self,
                    AdwEntryRow     *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
recent_activated_cb (TwConnectDialog *self,
                     GtkListBoxRow   *row,
                     GtkListBox      *list)
{
  g_autoptr (TwUrl) url = NULL;
  const char *text;

  text = gtk_string_list_get_string (self->recent, gtk_list_box_row_get_index (row));
  if (text == NULL || (url = tw_url_parse (text, NULL)) == NULL)
    return;

  tw_connect_dialog_set_url (self, url);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget  *row;
  const char *text = gtk_string_object_get_string (item);

  /* The rows of a list model: built here, as in a list factory. */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  return row;
}

static void
set_connecting (TwConnectDialog *self,
                gboolean         connecting)
{
  g_assert (TW_IS_CONNECT_DIALOG (self));

  self->connecting = !!connecting;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dialect_row), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sqlite_group), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_group), !connecting);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONNECTING]);
}

/* The window to show the database in: the parent while it holds nothing
 * worth keeping, or else a new one. */
static TwWindow *
choose_target_window (TwConnectDialog *self)
{
  TwWindow  *parent = self->parent;
  GtkApplication *application;

  if (parent != NULL && parent->connection == NULL && parent->file == NULL && !parent->modified &&
      tw_metadata_get_n_tables (parent->metadata) == 0)
    return parent;

  application = parent != NULL ? gtk_window_get_application (GTK_WINDOW (parent)) : NULL;
  if (application == NULL)
    application = GTK_APPLICATION (g_application_get_default ());

  return tw_application_new_window (TW_APPLICATION (application));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (TwConnectDialog) self = user_data;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (GError) error = NULL;
  TwWindow *window;

  connection = tw_open_database_finish (result, &reflected, &error);
  g_clear_object (&self->cancellable);
  set_connecting (self, FALSE);

  if (connection == NULL)
    {
      /* Cancelled: the user stopped it, and the fields stay as they are. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  window = choose_target_window (self);
  tw_open_database_bind (window, connection, reflected);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TwConnectDialog *self = TW_CONNECT_DIALOG (widget);

  if (self->url == NULL || self->connecting)
    return;

  show_error (self, NULL);

  if (tw_url_get_dialect (self->url) == TW_DIALECT_KIND_SQLITE &&
      !gtk_switch_get_active (self->new_switch) &&
      !g_file_test (tw_url_get_database (self->url), G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("The file “%s” does not exist. Switch on “New Database” to create it."),
                         tw_url_get_database (self->url));

      show_error (self, message);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_connecting (self, TRUE);
  tw_open_database_async (self->url, TRUE, self->cancellable, connect_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwConnectDialog *self = TW_CONNECT_DIALOG (widget);

  if (self->connecting)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
file_chosen_cb (TwConnectDialog      *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (chooser == self->file_chooser)
    g_clear_object (&self->file_chooser);

  if (file != NULL && g_file_peek_path (file) != NULL)
    set_text (self->file_row, g_file_peek_path (file));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  TwConnectDialog *self = TW_CONNECT_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  gboolean create = gtk_switch_get_active (self->new_switch);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  self->file_chooser = gtk_file_chooser_native_new (create ? _("New SQLite Database")
                                                           : _("Open SQLite Database"),
                                                    GTK_WINDOW (self),
                                                    create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                           : GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    create ? _("_Create") : _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("SQLite Databases"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/x-sqlite3");
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_suffix (filter, "sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), _("database.db"));

  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
recent_changed_cb (TwConnectDialog *self,
                   const char      *key,
                   GSettings       *settings)
{
  g_auto (GStrv) recent = g_settings_get_strv (settings, "recent-connections");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recent));

  gtk_string_list_splice (self->recent, 0, n, (const char * const *) recent);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), recent[0] != NULL);
}

static void
tw_connect_dialog_dispose (GObject *object)
{
  TwConnectDialog *self = (TwConnectDialog *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_CONNECT_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (tw_connect_dialog_parent_class)->dispose (object);
}

static void
tw_connect_dialog_finalize (GObject *object)
{
  TwConnectDialog *self = (TwConnectDialog *) object;

  g_clear_pointer (&self->url, tw_url_unref);
  g_clear_pointer (&self->display_url, g_free);

  G_OBJECT_CLASS (tw_connect_dialog_parent_class)->finalize (object);
}

static void
tw_connect_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TwConnectDialog *self = TW_CONNECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_boxed (value, self->url);
      break;

    case PROP_CONNECTING:
      g_value_set_boolean (value, self->connecting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_connect_dialog_class_init (TwConnectDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_connect_dialog_dispose;
  object_class->finalize = tw_connect_dialog_finalize;
  object_class->get_property = tw_connect_dialog_get_property;

  properties [PROP_URL] =
    g_param_spec_boxed ("url", NULL, NULL,
                        TW_TYPE_URL,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CONNECTING] =
    g_param_spec_boolean ("connecting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, dialect_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, sqlite_group);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, new_switch);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TwConnectDialog, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, dialect_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "connect.choose-file", NULL, choose_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "connect.cancel", NULL);
}

static void
tw_connect_dialog_init (TwConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent),
                           create_recent_row, NULL, NULL);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::recent-connections",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  recent_changed_cb (self, "recent-connections", self->settings);

  dialect_changed_cb (self, NULL, self->dialect_row);
}

TwConnectDialog *
tw_connect_dialog_new (TwWindow *parent)
{
  TwConnectDialog *self;

  g_return_val_if_fail (parent == NULL || TW_IS_WINDOW (parent), NULL);

  self = g_object_new (TW_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (GTK_WINDOW (parent)) : NULL,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);

  return self;
}

TwUrl *
tw_connect_dialog_get_url (TwConnectDialog *self)
{
  g_return_val_if_fail (TW_IS_CONNECT_DIALOG (self), NULL);

  return self->url;
}

const char *
tw_connect_dialog_get_display_url (TwConnectDialog *self)
{
  g_return_val_if_fail (TW_IS_CONNECT_DIALOG (self), NULL);

  return self->display_url != NULL ? self->display_url : "";
}

gboolean
tw_connect_dialog_get_connecting (TwConnectDialog *self)
{
  g_return_val_if_fail (TW_IS_CONNECT_DIALOG (self), FALSE);

  return self->connecting;
}

void
tw_connect_dialog_set_url (TwConnectDialog *self,
                           TwUrl           *url)
{
  g_return_if_fail (TW_IS_CONNECT_DIALOG (self));
  g_return_if_fail (url != NULL);

  self->syncing = TRUE;
  fill_fields (self, url);
  self->syncing = FALSE;
  fields_changed (self);
}
