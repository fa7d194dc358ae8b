/* tw-window-apply.c: creating and dropping the model's tables in the window's database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "tw-ddl-statement.h"
#include "tw-dialect.h"
#include "tw-open-database.h"
#include "tw-schema-apply.h"
#include "tw-window-apply.h"
#include "tw-window-private.h"

#define STATE_KEY "tw-window-apply"

/* What the window remembers of the operation under way, as object data. */
typedef struct
{
  /* Weak: the confirmation dialog while it is up. */
  AdwMessageDialog *dialog;
  gboolean          busy;
} ApplyState;

/* One activation of win.create-tables or win.drop-tables, from the plan to
 * the refresh. Reference-counted: the plan, the dialog and the DDL each hold
 * it while they run. */
typedef struct
{
  /* Weak: a window closed meanwhile goes away at once and hears nothing. */
  GWeakRef           window;
  TwConnection      *connection;
  TwSchemaOperation  operation;
} Job;

static void
job_clear (Job *job)
{
  g_weak_ref_clear (&job->window);
  g_clear_object (&job->connection);
}

static void
job_unref (Job *job)
{
  g_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static ApplyState *
get_state (TwWindow *self)
{
  ApplyState *state = g_object_get_data (G_OBJECT (self), STATE_KEY);

  g_assert (TW_IS_WINDOW (self));

  if (state == NULL)
    {
      state = g_new0 (ApplyState, 1);
      g_object_set_data_full (G_OBJECT (self), STATE_KEY, state, g_free);
    }

  return state;
}

static void
set_busy (TwWindow *self,
          gboolean  busy)
{
  get_state (self)->busy = busy;
  _tw_window_update_actions (self);
}

/* The window's model has no problem for the connection's dialect. */
static gboolean
model_is_valid (TwWindow *self)
{
  g_autoptr (GPtrArray) problems = NULL;
  TwDialectKind kind;

  g_assert (TW_IS_WINDOW (self));
  g_assert (self->connection != NULL);

  if (tw_metadata_get_n_tables (self->metadata) == 0)
    return FALSE;

  kind = tw_connection_get_dialect_kind (self->connection);
  problems = tw_metadata_validate (self->metadata, TW_DIALECT_MASK (kind));

  return problems == NULL || problems->len == 0;
}

void
_tw_window_update_apply_actions (TwWindow *self)
{
  gboolean enabled;

  g_return_if_fail (TW_IS_WINDOW (self));

  enabled = self->connection != NULL && self->metadata != NULL && !get_state (self)->busy &&
            model_is_valid (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-tables", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.drop-tables", enabled);
}

AdwMessageDialog *
_tw_window_apply_get_dialog (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), NULL);

  return get_state (self)->dialog;
}

char *
_tw_window_apply_dup_dialog_sql (AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  buffer = g_object_get_data (G_OBJECT (dialog), "tw-buffer");
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_tw_window_apply_is_busy (TwWindow *self)
{
  g_return_val_if_fail (TW_IS_WINDOW (self), FALSE);

  return get_state (self)->busy;
}

/* Shows what the database holds now: a fresh session (so the Data view
 * reloads its table) and fresh row counts in the sidebar. Staged row changes
 * must not be lost: with some, only the Data view reloads. */
static void
refresh (TwWindow     *self,
         TwConnection *connection)
{
  GtkWidget *data_view;

  g_assert (TW_IS_WINDOW (self));

  /* The window moved on to another database meanwhile. */
  if (self->connection != connection)
    return;

  if (self->session != NULL && (tw_session_has_changes (self->session) ||
                                tw_session_is_committing (self->session)))
    {
      data_view = adw_view_stack_get_child_by_name (self->view_stack, "data");
      if (data_view != NULL)
        gtk_widget_activate_action (data_view, "grid.reload", NULL);
      return;
    }

  /* _tw_window_set_connection() ignores the same connection: unbind first. */
  _tw_window_set_connection (self, NULL);
  tw_open_database_bind (self, connection, NULL);
}

static char *
dup_summary (TwSchemaReport *report)
{
  TwSchemaOperation operation = tw_schema_report_get_operation (report);
  guint n_done, n_skipped;
  g_autofree char *done = NULL;

  n_skipped = g_strv_length ((char **) tw_schema_report_get_skipped_tables (report));
  if (operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    {
      n_done = g_strv_length ((char **) tw_schema_report_get_created_tables (report));
      done = g_strdup_printf (ngettext ("Created %u table", "Created %u tables", n_done), n_done);
      if (n_skipped == 0)
        return g_steal_pointer (&done);
      /* Translators: the first %s is "Created 3 tables". */
      return g_strdup_printf (ngettext ("%s; %u already existed", "%s; %u already existed",
                                        n_skipped),
                              done, n_skipped);
    }

  n_done = g_strv_length ((char **) tw_schema_report_get_dropped_tables (report));
  done = g_strdup_printf (ngettext ("Dropped %u table", "Dropped %u tables", n_done), n_done);
  if (n_skipped == 0)
    return g_steal_pointer (&done);
  /* Translators: the first %s is "Dropped 3 tables". */
  return g_strdup_printf (ngettext ("%s; %u did not exist", "%s; %u did not exist", n_skipped),
                          done, n_skipped);
}

/* The error, the failing statement and, when nothing was rolled back (MySQL),
 * the statements that had run and stay. */
static char *
dup_failure (GError         *error,
             TwSchemaReport *report)
{
  GString *body = g_string_new (error->message);
  const TwDdlStatement *failed;
  GPtrArray *statements;

  if (report == NULL)
    return g_string_free (body, FALSE);

  failed = tw_schema_report_get_failed_statement (report);
  if (failed != NULL)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("The failing statement:"));
      g_string_append_printf (body, "\n%s;", failed->sql);
    }

  statements = tw_schema_report_get_statements (report);
  if (!tw_schema_report_get_rolled_back (report) && statements != NULL && statements->len > 0)
    {
      g_autofree char *script = tw_ddl_statements_to_script (statements);

      g_string_append (body, "\n\n");
      g_string_append (body, _("These statements had run and stay:"));
      g_string_append_c (body, '\n');
      g_string_append (body, script);
    }

  return g_string_free (body, FALSE);
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  TwConnection *connection = TW_CONNECTION (object);
  g_autoptr (TwWindow) self = g_weak_ref_get (&job->window);
  g_autoptr (TwSchemaReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  gboolean ok;

  if (job->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    ok = tw_schema_create_all_finish (connection, result, &report, &error);
  else
    ok = tw_schema_drop_all_finish (connection, result, &report, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_unref (job);
      return;
    }

  set_busy (self, FALSE);

  if (!ok)
    {
      body = dup_failure (error, report);
      _tw_window_show_error (self,
                             job->operation == TW_SCHEMA_OPERATION_CREATE_ALL
                               ? _("Could Not Create the Tables")
                               : _("Could Not Drop the Tables"),
                             body);
      /* On MySQL, some of it may have stayed. */
      if (report != NULL && !tw_schema_report_get_rolled_back (report))
        refresh (self, job->connection);
      job_unref (job);
      return;
    }

  summary = dup_summary (report);
  _tw_window_toast (self, summary);
  refresh (self, job->connection);
  job_unref (job);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Job *job = user_data;
  g_autoptr (TwWindow) self = g_weak_ref_get (&job->window);
  ApplyState *state;

  if (self == NULL)
    return;

  /* The dialog closes by itself after a response. */
  state = get_state (self);
  if (state->dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &state->dialog);
      state->dialog = NULL;
    }

  if (g_strcmp0 (response, "apply") != 0 || self->connection != job->connection)
    {
      set_busy (self, FALSE);
      return;
    }

  if (job->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    tw_schema_create_all_async (job->connection, self->metadata, TRUE, self->cancellable,
                                apply_done_cb, g_rc_box_acquire (job));
  else
    tw_schema_drop_all_async (job->connection, self->metadata, TRUE, self->cancellable,
                              apply_done_cb, g_rc_box_acquire (job));
}

static char *
join_names (char **names)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append_printf (joined, "“%s”", names[i]);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
show_dialog (TwWindow   *self,
             Job        *job,
             GPtrArray  *statements,
             char      **skipped)
{
  ApplyState *state = get_state (self);
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *script = NULL;
  GtkSourceLanguageManager *languages;
  GtkSourceStyleSchemeManager *schemes;
  AdwMessageDialog *dialog;
  GtkSourceBuffer *buffer;
  TwDdlKind table_kind;
  gboolean dark;

  table_kind = job->operation == TW_SCHEMA_OPERATION_CREATE_ALL ? TW_DDL_KIND_CREATE_TABLE
                                                                 : TW_DDL_KIND_DROP_TABLE;
  for (guint i = 0; i < statements->len; i++)
    {
      TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind == table_kind)
        g_ptr_array_add (names, statement->table);
    }
  g_ptr_array_add (names, NULL);
  listed = join_names ((char **) names->pdata);

  if (job->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    {
      heading = g_strdup_printf (ngettext ("Create %u Table?", "Create %u Tables?", names->len - 1),
                                 names->len - 1);
      if (skipped != NULL && skipped[0] != NULL)
        {
          g_autofree char *left = join_names (skipped);

          body = g_strdup_printf (ngettext ("These statements create %s in %s. %s exists already "
                                            "and will be left alone.",
                                            "These statements create %s in %s. %s exist already "
                                            "and will be left alone.",
                                            g_strv_length (skipped)),
                                  listed, self->database_url, left);
        }
      else
        body = g_strdup_printf (_("These statements create %s in %s."), listed,
                                self->database_url);
    }
  else
    {
      heading = g_strdup_printf (ngettext ("Drop %u Table?", "Drop %u Tables?", names->len - 1),
                                 names->len - 1);
      body = g_strdup_printf (_("These statements drop %s from %s. All the data in them will be "
                                "lost, and this cannot be undone."),
                              listed, self->database_url);
    }

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  builder = gtk_builder_new_from_resource ("/io/github/tablewright/Tablewright/ui/tw-apply-dialog.ui");
  dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  buffer = GTK_SOURCE_BUFFER (gtk_builder_get_object (builder, "buffer"));

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  if (job->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    {
      adw_message_dialog_set_response_label (dialog, "apply", _("C_reate"));
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      adw_message_dialog_set_response_label (dialog, "apply", _("_Drop"));
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_DESTRUCTIVE);
    }

  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "sql"));
  schemes = gtk_source_style_scheme_manager_get_default ();
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes,
                                                                                  dark ? "Adwaita-dark"
                                                                                       : "Adwaita"));
  script = tw_ddl_statements_to_script (statements);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), script, -1);
  g_object_set_data_full (G_OBJECT (dialog), "tw-buffer", g_object_ref (buffer), g_object_unref);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  /* The job lives as long as the dialog: a window destroyed with its dialog
   * up drops it with the dialog. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), g_rc_box_acquire (job),
                         (GClosureNotify) job_unref, 0);

  state->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &state->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr (TwWindow) self = g_weak_ref_get (&job->window);
  g_autoptr (GPtrArray) statements = NULL;
  g_auto (GStrv) skipped = NULL;
  g_autoptr (GError) error = NULL;

  statements = tw_schema_plan_finish (TW_CONNECTION (object), result, &skipped, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_unref (job);
      return;
    }

  if (statements == NULL)
    {
      set_busy (self, FALSE);
      _tw_window_show_error (self, _("Could Not Read the Database"), error->message);
    }
  else if (statements->len == 0)
    {
      set_busy (self, FALSE);
      _tw_window_toast (self,
                        job->operation == TW_SCHEMA_OPERATION_CREATE_ALL
                          ? _("Every table of the model exists already")
                          : _("None of the model’s tables exist in the database"));
    }
  else
    show_dialog (self, job, statements, skipped);

  job_unref (job);
}

static void
start (TwWindow          *self,
       TwSchemaOperation  operation)
{
  Job *job;

  g_assert (TW_IS_WINDOW (self));

  if (self->connection == NULL || get_state (self)->busy)
    return;

  if (operation == TW_SCHEMA_OPERATION_DROP_ALL && self->session != NULL &&
      (tw_session_has_changes (self->session) || tw_session_is_committing (self->session)))
    {
      _tw_window_show_error (self, _("Staged Changes"),
                             _("The session has staged row changes. Commit or discard them "
                               "before dropping tables, as they would be lost."));
      return;
    }

  job = g_rc_box_new0 (Job);
  g_weak_ref_init (&job->window, self);
  job->connection = g_object_ref (self->connection);
  job->operation = operation;

  set_busy (self, TRUE);
  tw_schema_plan_async (self->connection, self->metadata, operation, TRUE, self->cancellable,
                        plan_done_cb, job);
}

static void
create_tables_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  start (TW_WINDOW (widget), TW_SCHEMA_OPERATION_CREATE_ALL);
}

static void
drop_tables_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  start (TW_WINDOW (widget), TW_SCHEMA_OPERATION_DROP_ALL);
}

void
_tw_window_class_apply_init (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "win.create-tables", NULL, create_tables_action);
  gtk_widget_class_install_action (widget_class, "win.drop-tables", NULL, drop_tables_action);
}
