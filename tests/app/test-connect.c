/* test-connect.c: the Connect to Database dialog and the demo database, under Xvfb
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <mysql.h>
#include <sqlite3.h>

#include "tw-application.h"
#include "tw-connect-dialog-private.h"
#include "tw-model-file.h"
#include "tw-open-database.h"
#include "tw-table-row.h"
#include "tw-window-private.h"

/* One application for the whole run: GTK initialises once per process. */
static TwApplication *app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until cond holds, failing after 20 s; a timer
 * wakes the loop so that a condition polled from outside is seen. */
#define SPIN_UNTIL(cond)                                                     \
  G_STMT_START                                                               \
    {                                                                        \
      gint64 deadline_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;      \
      guint wake_id_ = g_timeout_add (10, wake_cb, NULL);                    \
                                                                             \
      while (!(cond))                                                        \
        {                                                                    \
          if (g_get_monotonic_time () > deadline_)                           \
            g_error ("Timed out waiting for %s", #cond);                     \
          g_main_context_iteration (NULL, TRUE);                             \
        }                                                                    \
      g_source_remove (wake_id_);                                            \
    }                                                                        \
  G_STMT_END

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Destroys every window left (dialogs, documents) so each test starts clean. */
static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  g_list_foreach (toplevels, (GFunc) g_object_ref, NULL);
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);
  drain ();
}

static TwConnectDialog *
new_dialog (TwWindow **window_out)
{
  TwWindow        *window = tw_application_new_window (app);
  TwConnectDialog *dialog = tw_connect_dialog_new (window);

  gtk_window_present (GTK_WINDOW (dialog));
  if (window_out != NULL)
    *window_out = window;

  return dialog;
}

static void
set (gpointer    editable,
     const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static const char *
get (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static const struct {
  guint       dialect;      /* the row of the dialect list */
  const char *path;
  const char *host;
  const char *port;
  const char *user;
  const char *password;
  const char *database;
  const char *url;          /* NULL: the fields make no URL */
} url_cases[] = {
  { 0, "/tmp/shop.db", NULL, NULL, NULL, NULL, NULL, "sqlite:////tmp/shop.db" },
  { 0, "", NULL, NULL, NULL, NULL, NULL, NULL },
  { 1, NULL, "db.example.com", "5433", "bob", "s3cr:et@", "shop",
    "postgresql://bob:s3cr%3Aet%40@db.example.com:5433/shop" },
  { 1, NULL, "localhost", "", "bob", "", "shop", "postgresql://bob@localhost/shop" },
  { 1, NULL, "::1", "5432", "bob", "pw", "shop", "postgresql://bob:pw@[::1]:5432/shop" },
  { 1, NULL, "bad host!", "5432", "bob", "pw", "shop", NULL },
  { 1, NULL, "localhost", "99999", "bob", "pw", "shop", NULL },
  { 1, NULL, "localhost", "54x", "bob", "pw", "shop", NULL },
  { 2, NULL, "maria.example.org", "3307", "alice", "hunter2", "books",
    "mysql://alice:hunter2@maria.example.org:3307/books" },
};

static void
test_builds_url (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      TwConnectDialog *dialog = new_dialog (NULL);
      g_autofree char *url = NULL;
      const char *display;

      g_test_message ("case %u: %s", i, url_cases[i].url != NULL ? url_cases[i].url : "(none)");
      adw_combo_row_set_selected (dialog->dialect_row, url_cases[i].dialect);
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dialog->server_group)), ==,
                       url_cases[i].dialect != 0);
      if (url_cases[i].dialect == 0)
        set (dialog->file_row, url_cases[i].path);
      else
        {
          set (dialog->host_row, url_cases[i].host);
          set (dialog->port_row, url_cases[i].port);
          set (dialog->user_row, url_cases[i].user);
          set (dialog->password_row, url_cases[i].password);
          set (dialog->database_row, url_cases[i].database);
        }

      if (url_cases[i].url == NULL)
        {
          g_assert_null (tw_connect_dialog_get_url (dialog));
          g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog->connect_button)));
          /* The shown row says why. */
          g_assert_cmpstr (adw_action_row_get_subtitle (dialog->shown_row), !=, "");
          destroy_all_windows ();
          continue;
        }

      g_assert_nonnull (tw_connect_dialog_get_url (dialog));
      url = tw_url_to_string (tw_connect_dialog_get_url (dialog));
      g_assert_cmpstr (url, ==, url_cases[i].url);

      /* Shown masked, everywhere. */
      display = tw_connect_dialog_get_display_url (dialog);
      g_assert_cmpstr (adw_action_row_get_subtitle (dialog->shown_row), ==, display);
      if (url_cases[i].password != NULL && url_cases[i].password[0] != '\0')
        {
          g_assert_null (strstr (display, url_cases[i].password));
          g_assert_nonnull (strstr (display, "***"));
          g_assert_null (strstr (get (dialog->url_row), url_cases[i].password));
        }
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->connect_button)));

      destroy_all_windows ();
    }
}

static void
test_typed_url (void)
{
  TwConnectDialog *dialog = new_dialog (NULL);
  const char      *message;

  /* A valid URL: the fields follow. */
  set (dialog->url_row, "mysql://alice:s3cret@localhost:3307/shop?charset=utf8mb4");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->url_error_label)));
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->dialect_row), ==, 2);
  g_assert_cmpstr (get (dialog->host_row), ==, "localhost");
  g_assert_cmpstr (get (dialog->port_row), ==, "3307");
  g_assert_cmpstr (get (dialog->user_row), ==, "alice");
  g_assert_cmpstr (get (dialog->password_row), ==, "s3cret");
  g_assert_cmpstr (get (dialog->database_row), ==, "shop");
  g_assert_nonnull (tw_connect_dialog_get_url (dialog));
  g_assert_cmpstr (tw_url_get_query_param (tw_connect_dialog_get_url (dialog), "charset"), ==, "utf8mb4");
  g_assert_null (strstr (tw_connect_dialog_get_display_url (dialog), "s3cret"));

  /* An invalid one: the error under the entry names the wrong part. */
  set (dialog->url_row, "postgresql://bob@localhost:99999/shop");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->url_error_label)));
  message = gtk_label_get_label (dialog->url_error_label);
  g_test_message ("error: %s", message);
  g_assert_nonnull (strstr (message, "99999"));
  g_assert_null (tw_connect_dialog_get_url (dialog));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog->connect_button)));

  set (dialog->url_row, "oracle://scott@localhost/orcl");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->url_error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (dialog->url_error_label), "oracle"));

  /* Fixing it clears the error. */
  set (dialog->url_row, "postgresql://bob@localhost:5432/shop");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->url_error_label)));
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->dialect_row), ==, 1);
  g_assert_cmpstr (get (dialog->port_row), ==, "5432");

  destroy_all_windows ();
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A small database: 3 authors, 25 books. */
static char *
make_sqlite_file (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "test-connect", NULL);
  char            *path = g_build_filename (folder, "library.sqlite", NULL);
  sqlite3         *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);"
                "CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL,"
                " author_id INTEGER REFERENCES authors (id));"
                "INSERT INTO authors (name) VALUES ('Ann'), ('Ben'), ('Cy');"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)"
                " INSERT INTO books (title, author_id) SELECT 'Book ' || i, i % 3 + 1 FROM n;");
  sqlite3_close (db);

  return path;
}

/* The text of the first label under widget that starts with prefix. */
static const char *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return gtk_label_get_label (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TwTableRow *
find_table_row (GtkWidget  *widget,
                const char *table)
{
  if (TW_IS_TABLE_ROW (widget))
    {
      TwTable *t = tw_table_row_get_table (TW_TABLE_ROW (widget));

      return t != NULL && g_strcmp0 (tw_table_get_name (t), table) == 0 ? TW_TABLE_ROW (widget) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TwTableRow *found = find_table_row (child, table);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_shows (TwWindow   *window,
           const char *table,
           const char *text)
{
  TwTableRow *row = find_table_row (GTK_WIDGET (window->table_list), table);
  const char *label = row != NULL ? find_label (GTK_WIDGET (row), "≈") : NULL;

  return label != NULL && g_strcmp0 (label, text) == 0;
}

static void
test_connect_sqlite (void)
{
  g_autofree char *path = make_sqlite_file ();
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) recent = NULL;
  TwWindow        *window;
  TwConnectDialog *dialog = new_dialog (&window);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_combo_row_set_selected (dialog->dialect_row, 0);
  set (dialog->file_row, path);
  g_assert_nonnull (tw_connect_dialog_get_url (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  g_assert_true (dialog == NULL || tw_connect_dialog_get_connecting (dialog) ||
                 tw_window_get_session (window) != NULL);
  SPIN_UNTIL (tw_window_get_session (window) != NULL);

  /* The empty window took the database and its reflected tables. */
  g_assert_null (dialog);
  g_assert_cmpuint (tw_metadata_get_n_tables (window->metadata), ==, 2);
  g_assert_nonnull (tw_metadata_find_table (window->metadata, "authors"));
  g_assert_nonnull (tw_metadata_find_table (window->metadata, "books"));
  g_assert_false (tw_window_get_modified (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* The sidebar lists the tables with their estimated row counts. */
  SPIN_UNTIL (row_shows (window, "books", "≈ 25 rows") && row_shows (window, "authors", "≈ 3 rows"));

  /* A commit refreshes them. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    exec_sql (db, "INSERT INTO books (title) VALUES ('More'), ('And more')");
    sqlite3_close (db);
  }
  g_signal_emit_by_name (tw_window_get_session (window), "committed");
  SPIN_UNTIL (row_shows (window, "books", "≈ 27 rows"));

  /* Remembered, without a password. */
  recent = g_settings_get_strv (settings, "recent-connections");
  g_assert_nonnull (recent[0]);
  g_assert_true (g_str_has_prefix (recent[0], "sqlite:///"));
  g_assert_true (g_str_has_suffix (recent[0], "library.sqlite"));

  /* A second connection from that window opens a new one: it is not empty. */
  dialog = tw_connect_dialog_new (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The recent list offers the database; choosing it fills the fields. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->recent_group)));
  g_signal_emit_by_name (dialog->recent_list, "row-activated",
                         gtk_list_box_get_row_at_index (dialog->recent_list, 0));
  g_assert_cmpstr (get (dialog->file_row), ==, path);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  SPIN_UNTIL (dialog == NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  destroy_all_windows ();
  g_unlink (path);
}

static void
test_sqlite_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "nothing-here.db", NULL);
  TwWindow        *window;
  TwConnectDialog *dialog = new_dialog (&window);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0755), ==, 0);
  set (dialog->file_row, path);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (dialog->error_label), "nothing-here.db"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* "New Database" creates it. */
  gtk_switch_set_active (dialog->new_switch, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  SPIN_UNTIL (tw_window_get_session (window) != NULL || !tw_connect_dialog_get_connecting (dialog));
  if (tw_window_get_session (window) == NULL)
    g_error ("Not connected: %s", gtk_label_get_label (dialog->error_label));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  destroy_all_windows ();
  g_unlink (path);
}

static guint
free_port (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Closed without listening: nobody answers there. */
  g_socket_close (socket, NULL);

  return port;
}

static void
test_refused (void)
{
  g_autofree char *port = g_strdup_printf ("%u", free_port ());
  TwWindow        *window;
  TwConnectDialog *dialog = new_dialog (&window);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) recent = NULL;

  adw_combo_row_set_selected (dialog->dialect_row, 1);
  set (dialog->host_row, "127.0.0.1");
  set (dialog->port_row, port);
  set (dialog->user_row, "nobody");
  set (dialog->password_row, "secret");
  set (dialog->database_row, "nowhere");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  SPIN_UNTIL (!tw_connect_dialog_get_connecting (dialog));

  /* The error shows in the dialog, which keeps every field. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_test_message ("error: %s", gtk_label_get_label (dialog->error_label));
  g_assert_cmpstr (gtk_label_get_label (dialog->error_label), !=, "");
  g_assert_null (strstr (gtk_label_get_label (dialog->error_label), "secret"));
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->dialect_row), ==, 1);
  g_assert_cmpstr (get (dialog->host_row), ==, "127.0.0.1");
  g_assert_cmpstr (get (dialog->port_row), ==, port);
  g_assert_cmpstr (get (dialog->user_row), ==, "nobody");
  g_assert_cmpstr (get (dialog->password_row), ==, "secret");
  g_assert_cmpstr (get (dialog->database_row), ==, "nowhere");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->connect_button)));
  g_assert_null (tw_window_get_session (window));

  /* A failed connection is not remembered. */
  recent = g_settings_get_strv (settings, "recent-connections");
  for (guint i = 0; recent[i] != NULL; i++)
    g_assert_null (strstr (recent[i], "nowhere"));

  destroy_all_windows ();
}

static void
test_cancel_closes (void)
{
  TwConnectDialog *dialog = new_dialog (NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.cancel", NULL);
  SPIN_UNTIL (dialog == NULL);

  destroy_all_windows ();
}

static void
test_connect_action (void)
{
  TwWindow *window = tw_application_new_window (app);
  GList    *toplevels;
  gboolean  found = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", NULL);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (TW_IS_CONNECT_DIALOG (l->data))
        {
          found = TRUE;
          g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
          g_assert_true (gtk_window_get_modal (l->data));
        }
    }
  g_list_free (toplevels);
  g_assert_true (found);

  destroy_all_windows ();
}

static void
test_demo_first_activate (void)
{
  g_autofree char *path = tw_open_database_dup_demo_path ();
  GtkWindow *active;
  TwWindow  *window;
  g_autofree char *expected = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_application_activate (G_APPLICATION (app));
  active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (TW_IS_WINDOW (active));
  window = TW_WINDOW (active);

  /* The window shows the model at once, and connects when the database is made. */
  g_assert_cmpuint (tw_metadata_get_n_tables (window->metadata), >, 0);
  SPIN_UNTIL (tw_window_get_session (window) != NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  expected = g_strconcat ("sqlite:///", path, NULL);
  g_assert_cmpstr (tw_window_get_database_url (window), ==, expected);
  g_assert_false (tw_window_get_modified (window));
  SPIN_UNTIL (row_shows (window, "books", "≈ 1500 rows"));

  destroy_all_windows ();
}

static void
test_open_command_line (void)
{
  g_autofree char *path = make_sqlite_file ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *url = g_strconcat ("sqlite:///", path, NULL);
  g_autoptr (GFile) url_file = g_file_new_for_commandline_arg (url);
  GFile    *files[1];
  GList    *windows;
  TwWindow *window;

  /* tablewright FILE.sqlite */
  files[0] = file;
  g_application_open (G_APPLICATION (app), files, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = TW_WINDOW (windows->data);
  SPIN_UNTIL (tw_window_get_session (window) != NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (window->metadata), ==, 2);
  destroy_all_windows ();

  /* tablewright sqlite:////path */
  files[0] = url_file;
  g_application_open (G_APPLICATION (app), files, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = TW_WINDOW (windows->data);
  SPIN_UNTIL (tw_window_get_session (window) != NULL);
  g_assert_cmpuint (tw_metadata_get_n_tables (window->metadata), ==, 2);
  g_assert_cmpstr (tw_window_get_database_url (window), ==, url);

  destroy_all_windows ();
  g_unlink (path);
}

static void
test_open_model_with_database (void)
{
  g_autofree char *path = make_sqlite_file ();
  g_autofree char *model_path = g_build_filename (g_get_user_data_dir (), "test-connect",
                                                  "model.twm", NULL);
  g_autofree char *url = g_strconcat ("sqlite:///", path, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (model_path);
  g_autoptr (TwMetadata) model = tw_metadata_new ();
  g_autoptr (TwTable) table = tw_table_new ("authors");
  g_autoptr (GError) error = NULL;
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  GFile    *files[1] = { file };
  TwWindow *window;

  /* A model saved with the database it was bound to. */
  tw_metadata_add_table (model, table);
  tw_model_file_extras_set_database (&extras, url);
  g_assert_true (tw_model_file_save_full (model, &extras, file, NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), files, 1, "");
  window = TW_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_nonnull (tw_window_get_file (window));
  SPIN_UNTIL (tw_window_get_session (window) != NULL);
  g_assert_cmpstr (tw_window_get_database_url (window), ==, url);
  /* The model stays the file's: the database is not reflected over it. */
  g_assert_cmpuint (tw_metadata_get_n_tables (window->metadata), ==, 1);

  destroy_all_windows ();
  g_unlink (model_path);
  g_unlink (path);
}

static void
test_connect_postgresql (void)
{
  const char *server = g_getenv ("TW_TEST_POSTGRESQL_URL");
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwConnection) setup = NULL;
  g_autofree char *table = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  TwWindow        *window;
  TwConnectDialog *dialog;

  if (server == NULL || server[0] == '\0')
    {
      g_test_skip ("TW_TEST_POSTGRESQL_URL is not set");
      return;
    }

  url = tw_url_parse (server, &error);
  g_assert_no_error (error);

  /* A table of three rows, analysed, so that the catalog knows its size. */
  setup = tw_connection_open (url, NULL, &error);
  g_assert_no_error (error);
  table = g_strdup_printf ("tw_connect_%d", (int) getpid ());
  sql = g_strdup_printf ("DROP TABLE IF EXISTS %s; CREATE TABLE %s (id INTEGER PRIMARY KEY);"
                         "INSERT INTO %s VALUES (1), (2), (3); ANALYZE %s;",
                         table, table, table, table);
  g_assert_true (tw_connection_execute_script (setup, sql, NULL, &error));
  g_assert_no_error (error);

  dialog = new_dialog (&window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  set (dialog->url_row, server);
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->dialect_row), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  SPIN_UNTIL (tw_window_get_session (window) != NULL ||
              (dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog->error_label))));
  if (dialog != NULL)
    g_error ("Could not connect: %s", gtk_label_get_label (dialog->error_label));

  g_assert_nonnull (tw_metadata_find_table (window->metadata, table));
  expected = g_strdup_printf ("≈ 3 rows");
  SPIN_UNTIL (row_shows (window, table, expected));

  destroy_all_windows ();
  g_free (sql);
  sql = g_strdup_printf ("DROP TABLE %s", table);
  g_assert_true (tw_connection_execute_script (setup, sql, NULL, &error));
  g_assert_no_error (error);
}

/* Saves what widget shows as a PNG (the in-process route: no window
 * manager or screen grab needed). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* With TW_SCREENSHOT_DIR set: the dialog as a user sees it after a
 * refused connection, saved as screenshot-connect.png for the docs. */
static void
test_screenshot (void)
{
  const char *dir = g_getenv ("TW_SCREENSHOT_DIR");
  static const char * const recent[] = {
    "postgresql://shop@db.example.com/shop",
    "mysql://reports@localhost:3306/sales",
    "sqlite:////home/ada/projects/library.db",
    NULL,
  };
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *path = NULL;
  g_autofree char *port = NULL;
  TwConnectDialog *dialog;
  gint64 until;

  if (dir == NULL)
    {
      g_test_skip ("TW_SCREENSHOT_DIR is not set");
      return;
    }

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_strv (settings, "recent-connections", recent);

  port = g_strdup_printf ("%u", free_port ());
  dialog = new_dialog (NULL);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 880);
  adw_combo_row_set_selected (dialog->dialect_row, 1);
  set (dialog->host_row, "127.0.0.1");
  set (dialog->port_row, port);
  set (dialog->user_row, "shop");
  set (dialog->password_row, "correct horse");
  set (dialog->database_row, "shop");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  SPIN_UNTIL (!tw_connect_dialog_get_connecting (dialog));
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)) && gtk_widget_get_height (GTK_WIDGET (dialog)) > 0);

  /* A few frames, for the layout to settle. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  SPIN_UNTIL (g_get_monotonic_time () > until);

  path = g_build_filename (dir, "screenshot-connect.png", NULL);
  save_screenshot (GTK_WIDGET (dialog), path);

  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int ret;

  mysql_library_init (0, NULL, NULL);

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", TW_TEST_SCHEMA_DIR, TRUE);

  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = tw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* No cursor blinking: GtkText checks its focus when the blink timer
   * fires, and warns (fatally here) when a closed popover took it away. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/connect/builds-url", test_builds_url);
  g_test_add_func ("/app/connect/typed-url", test_typed_url);
  g_test_add_func ("/app/connect/sqlite", test_connect_sqlite);
  g_test_add_func ("/app/connect/sqlite-missing-file", test_sqlite_missing_file);
  g_test_add_func ("/app/connect/refused", test_refused);
  g_test_add_func ("/app/connect/cancel-closes", test_cancel_closes);
  g_test_add_func ("/app/connect/action", test_connect_action);
  g_test_add_func ("/app/connect/demo-first-activate", test_demo_first_activate);
  g_test_add_func ("/app/connect/command-line", test_open_command_line);
  g_test_add_func ("/app/connect/model-file-database", test_open_model_with_database);
  g_test_add_func ("/app/connect/postgresql", test_connect_postgresql);
  g_test_add_func ("/app/connect/screenshot", test_screenshot);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  destroy_all_windows ();
  g_clear_object (&app);
  mysql_library_end ();

  return ret;
}
