/* tw-autosave.c: autosave of unsaved models, and their recovery after a crash
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-autosave"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tw-autosave.h"
#include "tw-model-file.h"
#include "tw-window-private.h"

#define WATCH_KEY "tw-autosave-watch"
#define KEY_GROUP "Autosave"

/* The state of one watched window. Reference counted: a write in flight
 * keeps it after the window has gone, and then deletes what it wrote. */
typedef struct
{
  TwWindow *window;   /* weak: NULL once the window is disposed */
  char     *id;
  guint     timeout_id;
  gint64    pending_since;
  guint     writing : 1;
  guint     write_again : 1;
  /* The user was told that writing failed; told again only after a success. */
  guint     failure_reported : 1;
} Watch;

/* The data a write takes to its worker thread. */
typedef struct
{
  char   *folder;
  char   *model_path;
  char   *info_path;
  char   *model_data;
  gsize   model_length;
  char   *info_data;
  gsize   info_length;
} WriteData;

static guint       delay_ms;
static guint       max_wait_ms;
/* The ids of the autosaves the windows of this process own. */
static GHashTable *owned_ids;

static void
watch_free (Watch *watch)
{
  g_assert (watch->window == NULL);
  g_assert (watch->timeout_id == 0);

  g_free (watch->id);
}

static Watch *
watch_ref (Watch *watch)
{
  return g_rc_box_acquire (watch);
}

static void
watch_unref (Watch *watch)
{
  g_rc_box_release_full (watch, (GDestroyNotify) watch_free);
}

static void
write_data_free (WriteData *data)
{
  g_free (data->folder);
  g_free (data->model_path);
  g_free (data->info_path);
  g_free (data->model_data);
  g_free (data->info_data);
  g_free (data);
}

static guint
get_delay_ms (void)
{
  const char *env;

  if (delay_ms > 0)
    return delay_ms;

  env = g_getenv ("TW_AUTOSAVE_DELAY_MS");
  if (env != NULL)
    {
      guint64 value = g_ascii_strtoull (env, NULL, 10);

      if (value > 0 && value < G_MAXUINT)
        return (guint) value;
    }

  return TW_AUTOSAVE_DELAY_MS;
}

static guint
get_max_wait_ms (void)
{
  return max_wait_ms > 0 ? max_wait_ms : MAX (TW_AUTOSAVE_MAX_WAIT_MS, get_delay_ms ());
}

char *
tw_autosave_dup_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "tablewright", "autosave", NULL);
}

static char *
dup_path (const char *id,
          const char *extension)
{
  g_autofree char *folder = tw_autosave_dup_folder ();
  g_autofree char *name = g_strconcat (id, extension, NULL);

  g_assert (id != NULL);

  return g_build_filename (folder, name, NULL);
}

static void
delete_autosave (const char *id)
{
  g_autofree char *model_path = dup_path (id, TW_MODEL_FILE_EXTENSION);
  g_autofree char *info_path = dup_path (id, ".ini");

  g_assert (id != NULL);

  /* Gone already is fine; anything else only costs a stale file that the
   * next start offers to recover. */
  if (g_unlink (model_path) != 0 && errno != ENOENT)
    g_debug ("Could not delete the autosave “%s”: %s", model_path, g_strerror (errno));
  if (g_unlink (info_path) != 0 && errno != ENOENT)
    g_debug ("Could not delete the autosave “%s”: %s", info_path, g_strerror (errno));
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError    *error = NULL;

  if (g_mkdir_with_parents (data->folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the autosave folder “%s”: %s"),
                               data->folder, g_strerror (saved_errno));
      return;
    }

  /* The model first: an info file is only ever beside a whole model. */
  if (!g_file_set_contents_full (data->model_path, data->model_data, data->model_length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error) ||
      !g_file_set_contents_full (data->info_path, data->info_data, data->info_length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void write_now (Watch *watch);

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr (GError) error = NULL;

  watch->writing = FALSE;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      watch->failure_reported = FALSE;
    }
  else if (watch->window != NULL && !watch->failure_reported)
    {
      g_autofree char *message = g_strdup_printf (_("Could not autosave: %s"), error->message);

      watch->failure_reported = TRUE;
      _tw_window_toast (watch->window, message);
    }

  /* Saved or closed while this was written: the autosave is not wanted. */
  if (watch->window == NULL || !watch->window->modified)
    delete_autosave (watch->id);
  else if (watch->write_again)
    write_now (watch);

  watch_unref (watch);
}

static char *
dup_info_data (TwWindow *window,
               gsize    *length)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  g_assert (TW_IS_WINDOW (window));

  if (window->file != NULL)
    {
      uri = g_file_get_uri (window->file);
      name = g_file_get_basename (window->file);
    }

  g_key_file_set_string (key_file, KEY_GROUP, "uri", uri != NULL ? uri : "");
  g_key_file_set_string (key_file, KEY_GROUP, "name", name != NULL ? name : "");
  g_key_file_set_int64 (key_file, KEY_GROUP, "saved", g_get_real_time () / G_USEC_PER_SEC);

  return g_key_file_to_data (key_file, length, NULL);
}

static void
write_now (Watch *watch)
{
  g_autoptr (GTask) task = NULL;
  WriteData *data;

  g_assert (watch->window != NULL);

  if (watch->writing)
    {
      watch->write_again = TRUE;
      return;
    }

  watch->writing = TRUE;
  watch->write_again = FALSE;

  /* The text is taken here, on the main thread; only the disk work moves. */
  data = g_new0 (WriteData, 1);
  data->folder = tw_autosave_dup_folder ();
  data->model_path = dup_path (watch->id, TW_MODEL_FILE_EXTENSION);
  data->info_path = dup_path (watch->id, ".ini");
  data->model_data = tw_model_file_to_data_full (watch->window->metadata, &watch->window->extras,
                                                 &data->model_length);
  data->info_data = dup_info_data (watch->window, &data->info_length);

  task = g_task_new (NULL, NULL, write_done_cb, watch_ref (watch));
  g_task_set_source_tag (task, write_now);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->timeout_id = 0;
  watch->pending_since = 0;

  if (watch->window != NULL && watch->window->modified)
    write_now (watch);

  return G_SOURCE_REMOVE;
}

/* Debounced: a write a moment after the last change, yet never more than
 * the longest wait after the first change not written. */
static void
schedule (Watch *watch)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay = get_delay_ms ();
  gint64 waited;

  g_assert (watch->window != NULL);

  if (watch->pending_since == 0)
    watch->pending_since = now;

  waited = (now - watch->pending_since) / 1000;
  delay = MIN (delay, MAX (0, (gint64) get_max_wait_ms () - waited));

  g_clear_handle_id (&watch->timeout_id, g_source_remove);
  watch->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay, timeout_cb,
                                          watch_ref (watch), (GDestroyNotify) watch_unref);
}

static void
cancel_pending (Watch *watch)
{
  g_clear_handle_id (&watch->timeout_id, g_source_remove);
  watch->pending_since = 0;
}

static void
changed_cb (TwWindow   *window,
            TwMetadata *metadata)
{
  Watch *watch = g_object_get_data (G_OBJECT (window), WATCH_KEY);

  if (watch != NULL && watch->window != NULL && window->modified)
    schedule (watch);
}

static void
modified_cb (TwWindow   *window,
             GParamSpec *pspec,
             gpointer    user_data)
{
  Watch *watch = g_object_get_data (G_OBJECT (window), WATCH_KEY);

  if (watch == NULL || watch->window == NULL)
    return;

  if (window->modified)
    {
      schedule (watch);
    }
  else
    {
      /* Saved: nothing left to recover. */
      cancel_pending (watch);
      delete_autosave (watch->id);
    }
}

/* Weak notify of the window: it is going (closed after a save or a
 * Discard), so its autosave goes too. */
static void
window_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  Watch *watch = data;

  cancel_pending (watch);
  watch->window = NULL;
  if (owned_ids != NULL)
    g_hash_table_remove (owned_ids, watch->id);
  delete_autosave (watch->id);
  watch_unref (watch);
}

void
tw_autosave_watch_window (GtkWindow *window)
{
  TwWindow *self;
  Watch    *watch;

  g_return_if_fail (TW_IS_WINDOW (window));
  g_return_if_fail (g_object_get_data (G_OBJECT (window), WATCH_KEY) == NULL);

  self = TW_WINDOW (window);

  if (owned_ids == NULL)
    owned_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  watch = g_rc_box_new0 (Watch);
  watch->window = self;
  watch->id = g_uuid_string_random ();
  g_hash_table_add (owned_ids, g_strdup (watch->id));

  /* A weak reference rather than a data destroy notify: it runs at dispose,
   * before the window's model is gone. */
  g_object_set_data (G_OBJECT (window), WATCH_KEY, watch);
  g_object_weak_ref (G_OBJECT (window), window_gone, watch);
  g_signal_connect (self, "notify::modified", G_CALLBACK (modified_cb), NULL);
  g_signal_connect_object (self->metadata, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GFile *
tw_autosave_dup_window_file (GtkWindow *window)
{
  Watch           *watch;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TW_IS_WINDOW (window), NULL);

  watch = g_object_get_data (G_OBJECT (window), WATCH_KEY);
  if (watch == NULL)
    return NULL;

  path = dup_path (watch->id, TW_MODEL_FILE_EXTENSION);
  return g_file_new_for_path (path);
}

/* The recovered window takes over the autosave it was made from, so that a
 * second crash still leaves it behind. */
static void
adopt_id (TwWindow   *window,
          const char *id)
{
  Watch *watch = g_object_get_data (G_OBJECT (window), WATCH_KEY);

  g_assert (watch != NULL);
  g_assert (owned_ids != NULL);

  cancel_pending (watch);
  delete_autosave (watch->id);
  g_hash_table_remove (owned_ids, watch->id);
  g_free (watch->id);
  watch->id = g_strdup (id);
  g_hash_table_add (owned_ids, g_strdup (id));
}

/* Recovery ---------------------------------------------------------------------- */

typedef struct
{
  char      *id;
  char      *uri;
  char      *name;
  GDateTime *saved;
} Orphan;

static void
orphan_free (Orphan *orphan)
{
  g_free (orphan->id);
  g_free (orphan->uri);
  g_free (orphan->name);
  g_clear_pointer (&orphan->saved, g_date_time_unref);
  g_free (orphan);
}

static int
compare_orphans (gconstpointer a,
                 gconstpointer b)
{
  const Orphan *oa = *(const Orphan * const *) a;
  const Orphan *ob = *(const Orphan * const *) b;

  return g_date_time_compare (ob->saved, oa->saved);
}

/* The autosaves no window of this process owns, newest first. */
static GPtrArray *
list_orphans (void)
{
  g_autoptr (GPtrArray) orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) orphan_free);
  g_autofree char *folder = tw_autosave_dup_folder ();
  g_autoptr (GDir) dir = NULL;
  const char *entry;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&orphans);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (GKeyFile) key_file = g_key_file_new ();
      g_autofree char *id = NULL;
      g_autofree char *info_path = NULL;
      Orphan          *orphan;
      gint64           saved;

      if (!g_str_has_suffix (entry, TW_MODEL_FILE_EXTENSION))
        continue;

      id = g_strndup (entry, strlen (entry) - strlen (TW_MODEL_FILE_EXTENSION));
      if (id[0] == '\0' || (owned_ids != NULL && g_hash_table_contains (owned_ids, id)))
        continue;

      orphan = g_new0 (Orphan, 1);
      orphan->id = g_steal_pointer (&id);

      /* Without its info file (a crash between the two writes) the model
       * is still worth offering, as an untitled one. */
      info_path = dup_path (orphan->id, ".ini");
      if (g_key_file_load_from_file (key_file, info_path, G_KEY_FILE_NONE, NULL))
        {
          orphan->uri = g_key_file_get_string (key_file, KEY_GROUP, "uri", NULL);
          orphan->name = g_key_file_get_string (key_file, KEY_GROUP, "name", NULL);
          saved = g_key_file_get_int64 (key_file, KEY_GROUP, "saved", NULL);
          if (saved > 0)
            orphan->saved = g_date_time_new_from_unix_local (saved);
        }
      if (orphan->saved == NULL)
        {
          g_autofree char *model_path = dup_path (orphan->id, TW_MODEL_FILE_EXTENSION);
          GStatBuf         st;

          if (g_stat (model_path, &st) == 0)
            orphan->saved = g_date_time_new_from_unix_local (st.st_mtime);
          else
            orphan->saved = g_date_time_new_now_local ();
        }
      if (orphan->name == NULL || orphan->name[0] == '\0')
        {
          g_free (orphan->name);
          orphan->name = g_strdup (_("Untitled Model"));
        }

      g_ptr_array_add (orphans, orphan);
    }

  g_ptr_array_sort (orphans, compare_orphans);

  return g_steal_pointer (&orphans);
}

static TwWindow *
recover_one (TwApplication *application,
             const Orphan  *orphan,
             GError       **error)
{
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_autofree char *model_path = dup_path (orphan->id, TW_MODEL_FILE_EXTENSION);
  g_autoptr (GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr (GFile) original = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  TwWindow *window;

  metadata = tw_model_file_load_full (model_file, &extras, NULL, error);
  if (metadata == NULL)
    return NULL;

  if (orphan->uri != NULL && orphan->uri[0] != '\0')
    original = g_file_new_for_uri (orphan->uri);

  window = tw_window_new (application, metadata, original, &extras);
  adopt_id (window, orphan->id);
  window->recovered = TRUE;
  _tw_window_set_modified (window, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  _tw_window_toast (window, _("Recovered unsaved changes"));

  return window;
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GPtrArray        *orphans)
{
  TwApplication *application = g_object_get_data (G_OBJECT (dialog), "application");

  if (g_strcmp0 (response, "recover") == 0)
    {
      for (guint i = 0; i < orphans->len; i++)
        {
          const Orphan *orphan = g_ptr_array_index (orphans, i);
          g_autoptr (GError) error = NULL;
          GtkWindow    *parent;

          if (recover_one (application, orphan, &error) != NULL)
            continue;

          /* Kept on disk: the user may yet get it back by hand. */
          parent = gtk_application_get_active_window (GTK_APPLICATION (application));
          if (TW_IS_WINDOW (parent))
            {
              g_autofree char *heading = g_strdup_printf (_("Could Not Recover “%s”"), orphan->name);

              _tw_window_show_error (TW_WINDOW (parent), heading, error->message);
            }
          else
            {
              g_warning ("Could not recover “%s”: %s", orphan->name, error->message);
            }
        }
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      for (guint i = 0; i < orphans->len; i++)
        delete_autosave (((const Orphan *) g_ptr_array_index (orphans, i))->id);
    }
  /* Anything else (Escape): kept, and offered again at the next start. */
}

GtkWidget *
tw_autosave_offer_recovery (TwApplication *application,
                            GtkWindow     *parent)
{
  g_autoptr (GPtrArray) orphans = NULL;
  g_autoptr (GString) body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (TW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  orphans = list_orphans ();
  if (orphans->len == 0)
    return NULL;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Tablewright did not close properly. This model has "
                                    "changes that were not saved:",
                                    "Tablewright did not close properly. These models have "
                                    "changes that were not saved:",
                                    orphans->len));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < orphans->len; i++)
    {
      const Orphan    *orphan = g_ptr_array_index (orphans, i);
      g_autofree char *when = g_date_time_format (orphan->saved, "%x %X");

      /* TRANSLATORS: a model to recover: its file name and when it was autosaved. */
      g_string_append_printf (body, _("\n• %s, %s"), orphan->name, when);
    }

  dialog = adw_message_dialog_new (parent, _("Recover Unsaved Models?"), body->str);
  gtk_window_set_modal (GTK_WINDOW (dialog), parent != NULL);
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (application));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "application", g_object_ref (application),
                          g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response_cb),
                         g_steal_pointer (&orphans), (GClosureNotify) g_ptr_array_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
tw_autosave_offer_recovery_once (TwApplication *application)
{
  static gboolean offered;
  GtkWindow      *parent;

  g_return_if_fail (TW_IS_APPLICATION (application));

  if (offered)
    return;
  offered = TRUE;

  /* The window just opened may not be active yet: any document will do. */
  parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (application));
       parent == NULL && l != NULL;
       l = l->next)
    {
      if (TW_IS_WINDOW (l->data))
        parent = l->data;
    }

  tw_autosave_offer_recovery (application, parent);
}

static void
confirm_replace_response_cb (TwWindow         *window,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;

  g_assert (TW_IS_WINDOW (window));

  if (g_strcmp0 (response, "save-as") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
      return;
    }

  if (g_strcmp0 (response, "replace") != 0 || window->file == NULL)
    return;

  file = g_object_ref (window->file);
  if (!tw_window_save_to_file (window, file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      _tw_window_show_error (window, heading, error->message);
    }
}

GtkWidget *
tw_autosave_confirm_replace (GtkWindow *window)
{
  TwWindow        *self;
  GtkWidget       *dialog;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TW_IS_WINDOW (window), NULL);

  self = TW_WINDOW (window);
  g_return_val_if_fail (self->file != NULL, NULL);

  name = g_file_get_basename (self->file);
  dialog = adw_message_dialog_new (window, _("Replace the Saved Model?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This model was recovered from an autosave. Saving it "
                                    "replaces “%s” as it is on disk now."),
                                  name);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_replace_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
_tw_autosave_set_delays (guint new_delay_ms,
                         guint new_max_wait_ms)
{
  delay_ms = new_delay_ms;
  max_wait_ms = new_max_wait_ms;
}
