/* tw-open-database.c: connecting a document window to a database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-open-database"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tw-demo-data.h"
#include "tw-inspector.h"
#include "tw-open-database.h"
#include "tw-row-estimate.h"
#include "tw-table-row.h"
#include "tw-window-private.h"

typedef struct
{
  gboolean      reflect;
  TwConnection *connection;
  TwMetadata   *reflected;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->connection);
  g_clear_object (&data->reflected);
  g_free (data);
}

static void
reflect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError   *error = NULL;

  data->reflected = tw_inspector_reflect_finish (TW_CONNECTION (object), result, &error);
  if (data->reflected == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError   *error = NULL;

  data->connection = tw_connection_open_finish (result, &error);
  if (data->connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!data->reflect)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tw_inspector_reflect_async (data->connection, g_task_get_cancellable (task), reflect_cb,
                              g_object_ref (task));
}

void
tw_open_database_async (TwUrl               *url,
                        gboolean             reflect,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (OpenData, 1);
  data->reflect = !!reflect;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tw_open_database_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  tw_connection_open_async (url, cancellable, open_cb, g_steal_pointer (&task));
}

TwConnection *
tw_open_database_finish (GAsyncResult  *result,
                         TwMetadata   **reflected,
                         GError       **error)
{
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (reflected != NULL)
    *reflected = g_steal_pointer (&data->reflected);

  return g_steal_pointer (&data->connection);
}

#define ROW_ESTIMATE_KEY "tw-row-estimate"

static void
update_table_rows (GtkWidget *widget)
{
  g_assert (GTK_IS_WIDGET (widget));

  if (TW_IS_TABLE_ROW (widget))
    {
      TwTable *table = tw_table_row_get_table (TW_TABLE_ROW (widget));
      gint64  *estimate = table != NULL ? g_object_get_data (G_OBJECT (table), ROW_ESTIMATE_KEY) : NULL;

      tw_table_row_set_row_estimate (TW_TABLE_ROW (widget), estimate != NULL ? *estimate : -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    update_table_rows (child);
}

static void
estimate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (TwWindow) window = user_data;
  g_autoptr (GHashTable) estimates = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  estimates = tw_row_estimate_finish (TW_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The window moved on to another database meanwhile. */
  if (window->connection != TW_CONNECTION (object))
    return;
  if (estimates == NULL)
    {
      /* The counts are a nicety: say why they are missing, once. */
      g_debug ("No row counts for %s: %s", window->database_url, error->message);
      return;
    }

  n = tw_metadata_get_n_tables (window->metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (window->metadata, i);
      gint64  *count = g_hash_table_lookup (estimates, tw_table_get_name (table));

      g_object_set_data_full (G_OBJECT (table), ROW_ESTIMATE_KEY,
                              count != NULL ? g_memdup2 (count, sizeof *count) : NULL, g_free);
    }

  update_table_rows (GTK_WIDGET (window->table_list));
}

static void
refresh_estimates (TwWindow *window)
{
  g_assert (TW_IS_WINDOW (window));

  if (window->connection == NULL)
    return;

  tw_row_estimate_async (window->connection, window->cancellable, estimate_cb,
                         g_object_ref (window));
}

static void
session_committed_cb (TwWindow  *window,
                      TwSession *session)
{
  refresh_estimates (window);
}

static void
fill_model (TwMetadata *model,
            TwMetadata *reflected)
{
  GListModel *relationships = tw_metadata_get_relationships (reflected);
  guint       n = tw_metadata_get_n_tables (reflected);

  g_assert (TW_IS_METADATA (model));
  g_assert (TW_IS_METADATA (reflected));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwTable) table = tw_table_copy (tw_metadata_get_table (reflected, i));

      tw_metadata_add_table (model, table);
    }

  n = g_list_model_get_n_items (relationships);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      g_autoptr (TwRelationship) copy = tw_relationship_copy (relationship);

      tw_metadata_add_relationship (model, copy);
    }
}

void
tw_open_database_bind (TwWindow     *window,
                       TwConnection *connection,
                       TwMetadata   *reflected)
{
  g_return_if_fail (TW_IS_WINDOW (window));
  g_return_if_fail (TW_IS_CONNECTION (connection));
  g_return_if_fail (reflected == NULL || TW_IS_METADATA (reflected));

  if (reflected != NULL && tw_metadata_get_n_tables (window->metadata) == 0)
    {
      gboolean was_modified = window->modified;

      fill_model (window->metadata, reflected);
      /* The model is what the database holds: nothing to save yet. */
      _tw_window_set_modified (window, was_modified);
    }

  _tw_window_set_connection (window, connection);
  if (window->session != NULL)
    g_signal_connect_object (window->session, "committed",
                             G_CALLBACK (session_committed_cb), window, G_CONNECT_SWAPPED);

  tw_open_database_add_recent (window->settings, tw_connection_get_url (connection));
  refresh_estimates (window);
}

static void
connect_window_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (TwWindow) window = user_data;
  g_autoptr (TwConnection) connection = NULL;
  g_autoptr (TwMetadata) reflected = NULL;
  g_autoptr (GError) error = NULL;

  connection = tw_open_database_finish (result, &reflected, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (connection == NULL)
    {
      _tw_window_show_error (window, _("Could Not Connect"), error->message);
      return;
    }

  tw_open_database_bind (window, connection, reflected);
}

void
tw_open_database_connect_window (TwWindow *window,
                                 TwUrl    *url,
                                 gboolean  reflect)
{
  g_return_if_fail (TW_IS_WINDOW (window));
  g_return_if_fail (url != NULL);

  tw_open_database_async (url, reflect, window->cancellable, connect_window_cb,
                          g_object_ref (window));
}

char *
tw_open_database_dup_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tablewright", "demo", "demo.db", NULL);
}

static void
create_demo_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autofree char *path = tw_open_database_dup_demo_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  GError *error = NULL;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder “%s” for the demo database: %s"),
                               folder, g_strerror (saved_errno));
      return;
    }

  if (!tw_demo_data_create (task_data, path, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TwWindow *window = TW_WINDOW (object);
  g_autofree char *path = tw_open_database_dup_demo_path ();
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _tw_window_show_error (window, _("Could Not Create the Demo Database"), error->message);
      return;
    }

  /* The model is known: no need to reflect it. */
  url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, path);
  tw_open_database_connect_window (window, url, FALSE);
}

void
tw_open_database_demo (TwWindow *window)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TW_IS_WINDOW (window));

  path = tw_open_database_dup_demo_path ();

  task = g_task_new (window, window->cancellable, demo_created_cb, NULL);
  g_task_set_source_tag (task, tw_open_database_demo);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The worker gets its own copy: the window's model stays on this thread. */
  g_task_set_task_data (task, tw_metadata_copy (window->metadata), g_object_unref);
  g_task_run_in_thread (task, create_demo_in_thread);
}

void
tw_open_database_add_recent (GSettings *settings,
                             TwUrl     *url)
{
  g_autoptr (TwUrl) bare = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) old = NULL;
  g_auto (GStrv) recent = NULL;
  g_autofree char *text = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (url != NULL);

  /* Never a password in the settings. */
  bare = tw_url_new (tw_url_get_dialect (url), tw_url_get_username (url), NULL,
                     tw_url_get_host (url), tw_url_get_port (url), tw_url_get_database (url));
  text = tw_url_to_string (bare);
  old = g_settings_get_strv (settings, "recent-connections");

  g_strv_builder_add (builder, text);
  for (guint i = 0; old[i] != NULL && n < TW_RECENT_CONNECTIONS_MAX; i++)
    {
      if (g_strcmp0 (old[i], text) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-connections", (const char * const *) recent);
}

gboolean
tw_open_database_is_sqlite_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".db") || g_str_has_suffix (lower, ".sqlite") ||
         g_str_has_suffix (lower, ".sqlite3");
}
