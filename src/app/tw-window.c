/* tw-window.c: a document window: one model, its tables and its views
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-autosave.h"
#include "tw-recent-menu.h"
#include "tw-table-row.h"
#include "tw-window-apply.h"
#include "tw-window-export.h"
#include "tw-window-diagram.h"
#include "tw-window-private.h"

G_DEFINE_FINAL_TYPE (TwWindow, tw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_METADATA,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_DOCUMENT_TITLE,
  PROP_DATABASE_URL,
  PROP_SIDEBAR_VISIBLE,
  PROP_SESSION,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static char *
dup_document_name (TwWindow *self)
{
  g_autofree char *basename = NULL;
  const char      *path;

  g_assert (TW_IS_WINDOW (self));

  if (self->file == NULL)
    return g_strdup (self->recovered ? _("Untitled Model (Recovered)") : _("Untitled Model"));

  path = g_file_peek_path (self->file);
  if (path != NULL)
    basename = g_filename_display_basename (path);
  else
    basename = g_file_get_basename (self->file);

  if (g_str_has_suffix (basename, TW_MODEL_FILE_EXTENSION) &&
      strlen (basename) > strlen (TW_MODEL_FILE_EXTENSION))
    basename[strlen (basename) - strlen (TW_MODEL_FILE_EXTENSION)] = '\0';

  /* TRANSLATORS: the title of a model recovered from its autosave. */
  if (self->recovered)
    return g_strdup_printf (_("%s (Recovered)"), basename);

  return g_steal_pointer (&basename);
}

static void
update_title (TwWindow *self)
{
  g_autofree char *name = dup_document_name (self);
  g_autofree char *title = NULL;

  g_assert (TW_IS_WINDOW (self));

  /* Like GNOME Text Editor: a bullet marks unsaved changes. */
  if (self->modified)
    title = g_strdup_printf ("• %s", name);
  else
    title = g_steal_pointer (&name);

  gtk_window_set_title (GTK_WINDOW (self), title);

  if (g_strcmp0 (self->document_title, title) != 0)
    {
      g_free (self->document_title);
      self->document_title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT_TITLE]);
    }
}

static void
update_sidebar_stack (TwWindow *self)
{
  const char *page;

  g_assert (TW_IS_WINDOW (self));

  if (self->metadata == NULL || tw_metadata_get_n_tables (self->metadata) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->table_filter_model)) == 0)
    page = "no-results";
  else
    page = "tables";

  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
}

static void
filter_items_changed_cb (TwWindow   *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *model)
{
  update_sidebar_stack (self);
}

static void
metadata_changed_cb (TwWindow   *self,
                     TwMetadata *metadata)
{
  _tw_window_set_modified (self, TRUE);
  update_sidebar_stack (self);
  _tw_window_update_actions (self);
}

static void
table_changed_cb (TwWindow   *self,
                  TwTable    *table,
                  TwMetadata *metadata)
{
  /* A filter does not watch the names of the items: a renamed table may
   * now match the search, or no longer. */
  gtk_filter_changed (GTK_FILTER (self->table_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sql_view_valid_cb (TwWindow   *self,
                   GParamSpec *pspec,
                   TwSqlView  *sql_view)
{
  _tw_window_update_actions (self);
}

static void
table_activated_cb (TwWindow    *self,
                    guint        position,
                    GtkListView *list_view)
{
  g_autoptr (TwTable) table = NULL;

  g_assert (TW_IS_WINDOW (self));

  table = g_list_model_get_item (G_LIST_MODEL (self->table_filter_model), position);
  if (table == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "sql");
  tw_sql_view_reveal_table (self->sql_view, tw_table_get_name (table));
}

static void
table_selected_cb (TwWindow           *self,
                   GParamSpec         *pspec,
                   GtkSingleSelection *selection)
{
  TwTable *table = gtk_single_selection_get_selected_item (selection);

  g_assert (TW_IS_WINDOW (self));

  /* Selecting a table shows its statements. */
  if (table != NULL && self->sql_view != NULL)
    tw_sql_view_reveal_table (self->sql_view, tw_table_get_name (table));
}

static void
search_activate_cb (TwWindow       *self,
                    GtkSearchEntry *entry)
{
  g_assert (TW_IS_WINDOW (self));

  /* Enter goes to the first table found. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->table_filter_model)) > 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->table_selection), 0, TRUE);
      table_activated_cb (self, 0, self->table_list);
    }
}

static void
search_stop_cb (TwWindow       *self,
                GtkSearchEntry *entry)
{
  g_assert (TW_IS_WINDOW (self));

  /* Escape clears the search, and a second one leaves it. */
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->sql_view));
}

static void
save_window_state (TwWindow *self)
{
  int width;
  int height;

  g_assert (TW_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
tw_window_close_request (GtkWindow *window)
{
  TwWindow *self = (TwWindow *) window;

  /* Staged row changes count like unsaved changes. */
  if (!self->close_confirmed && _tw_window_confirm_discard_staged (self))
    return TRUE;

  if (self->modified && !self->close_confirmed)
    {
      _tw_window_confirm_close (self);
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (tw_window_parent_class)->close_request (window);
}

static void
tw_window_constructed (GObject *object)
{
  TwWindow *self = (TwWindow *) object;

  G_OBJECT_CLASS (tw_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (360, g_settings_get_int (self->settings, "window-width")),
                               MAX (294, g_settings_get_int (self->settings, "window-height")));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "ddl-dialect", self->sql_view, "dialect",
                   G_SETTINGS_BIND_DEFAULT);

  if (self->metadata == NULL)
    self->metadata = tw_metadata_new ();

  gtk_filter_list_model_set_model (self->table_filter_model,
                                   tw_metadata_get_tables (self->metadata));
  g_signal_connect_object (self->table_filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata, "changed",
                           G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata, "table-changed",
                           G_CALLBACK (table_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sql_view, "notify::valid",
                           G_CALLBACK (sql_view_valid_cb), self, G_CONNECT_SWAPPED);

  /* The template binds the views to "metadata", set at construction
   * without a notification. */
  g_object_notify_by_pspec (object, properties [PROP_METADATA]);

  update_title (self);
  update_sidebar_stack (self);
  _tw_window_update_actions (self);

  tw_autosave_watch_window (GTK_WINDOW (self));
  tw_recent_menu_attach (G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), TW_TYPE_WINDOW,
                                                                "recent_menu")),
                         self->settings);
  _tw_window_problems_init (self);
}

static void
tw_window_dispose (GObject *object)
{
  TwWindow *self = (TwWindow *) object;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->metadata);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (tw_window_parent_class)->dispose (object);
}

static void
tw_window_finalize (GObject *object)
{
  TwWindow *self = (TwWindow *) object;

  tw_model_file_extras_clear (&self->extras);
  g_clear_pointer (&self->database_url, g_free);
  g_clear_pointer (&self->document_title, g_free);

  G_OBJECT_CLASS (tw_window_parent_class)->finalize (object);
}

static void
tw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TwWindow *self = TW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_DOCUMENT_TITLE:
      g_value_set_string (value, self->document_title);
      break;

    case PROP_DATABASE_URL:
      g_value_set_string (value, self->database_url);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TwWindow *self = TW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_assert (self->metadata == NULL);
      self->metadata = g_value_dup_object (value);
      break;

    case PROP_DATABASE_URL:
      tw_window_set_database_url (self, g_value_get_string (value));
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_window_class_init (TwWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tw_window_constructed;
  object_class->dispose = tw_window_dispose;
  object_class->finalize = tw_window_finalize;
  object_class->get_property = tw_window_get_property;
  object_class->set_property = tw_window_set_property;

  window_class->close_request = tw_window_close_request;

  properties [PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DOCUMENT_TITLE] =
    g_param_spec_string ("document-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DATABASE_URL] =
    g_param_spec_string ("database-url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TW_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TW_TYPE_METADATA);
  g_type_ensure (TW_TYPE_TABLE);
  g_type_ensure (TW_TYPE_TABLE_ROW);
  g_type_ensure (TW_TYPE_SQL_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, table_list);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, table_selection);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, table_filter_model);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, table_filter);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TwWindow, sql_view);
  /* Filled by tw-recent-menu.c; no field holds it. */
  gtk_widget_class_bind_template_child_full (widget_class, "recent_menu", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, table_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  _tw_window_class_actions_init (widget_class);
  _tw_window_class_session_init (widget_class);
  _tw_window_class_export_init (widget_class);
  _tw_window_class_apply_init (widget_class);
  _tw_window_class_diagram_init (widget_class);
}

static void
tw_window_init (TwWindow *self)
{
  tw_model_file_extras_init (&self->extras);
  self->database_url = g_strdup ("");
  self->sidebar_visible = TRUE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

TwWindow *
tw_window_new (TwApplication           *application,
               TwMetadata              *metadata,
               GFile                   *file,
               const TwModelFileExtras *extras)
{
  TwWindow *self;

  g_return_val_if_fail (TW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (metadata == NULL || TW_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (TW_TYPE_WINDOW,
                       "application", application,
                       "metadata", metadata,
                       NULL);

  if (extras != NULL)
    {
      tw_model_file_extras_set_database (&self->extras, extras->database);
      self->extras.zoom = extras->zoom;
      self->extras.scroll_x = extras->scroll_x;
      self->extras.scroll_y = extras->scroll_y;
    }

  _tw_window_set_file (self, file);

  return self;
}

TwMetadata *
tw_window_get_metadata (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->metadata;
}

GFile *
tw_window_get_file (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
tw_window_get_modified (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), FALSE);

  return self->modified;
}

const char *
tw_window_get_document_title (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->document_title;
}

const char *
tw_window_get_database_url (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->database_url;
}

void
tw_window_set_database_url (TwWindow   *self,
                            const char *database_url)
{
  g_return_if_fail (TW_IS_WINDOW (self));

  if (database_url == NULL)
    database_url = "";

  if (g_strcmp0 (self->database_url, database_url) == 0)
    return;

  g_free (self->database_url);
  self->database_url = g_strdup (database_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATABASE_URL]);
}

TwSession *
tw_window_get_session (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->session;
}

GCancellable *
tw_window_get_cancellable (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return self->cancellable;
}

void
_tw_window_set_connection (TwWindow     *self,
                           TwConnection *connection)
{
  g_autofree char *display = NULL;

  g_return_if_fail (TW_IS_WINDOW (self));
  g_return_if_fail (connection == NULL || TW_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  g_clear_object (&self->session);
  g_set_object (&self->connection, connection);

  if (connection != NULL)
    {
      self->session = tw_session_new (connection, self->metadata);
      _tw_window_watch_session (self);
      display = tw_url_to_display_string (tw_connection_get_url (connection));
    }

  tw_window_set_database_url (self, display);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
  _tw_window_update_actions (self);
}

gboolean
tw_window_save_to_file (TwWindow *self,
                        GFile    *file,
                        GError  **error)
{
  TwApplication *application;

  g_return_val_if_fail (TW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tw_model_file_save_full (self->metadata, &self->extras, file, NULL, error))
    return FALSE;

  self->recovered = FALSE;
  _tw_window_set_file (self, file);
  _tw_window_set_modified (self, FALSE);

  application = TW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (application != NULL)
    tw_application_add_recent_file (application, file);

  return TRUE;
}

void
_tw_window_set_file (TwWindow *self,
                     GFile    *file)
{
  g_assert (TW_IS_WINDOW (self));
  g_assert (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  update_title (self);
  _tw_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

void
_tw_window_set_modified (TwWindow *self,
                         gboolean  modified)
{
  g_assert (TW_IS_WINDOW (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  update_title (self);
  _tw_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}
