/* tw-pending-pane.c: every change a session has staged, and the SQL a commit will run
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-pending-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "tw-pending-pane.h"

struct _TwPendingPane
{
  GtkWidget        parent_instance;

  TwSession       *session;
  gulong           changed_id;
  GPtrArray       *staged;       /* TwRow, as listed */
  guint            refresh_id;
  /* The script changed while the pane was not mapped: write it on map. */
  gboolean         sql_stale;

  /* Template widgets */
  GtkLabel        *summary;
  GtkListBox      *list;
  GtkScrolledWindow *sql_scroller;
  /* Made on first map; NULL until then. */
  GtkSourceView   *sql_view;
};

G_DEFINE_FINAL_TYPE (TwPendingPane, tw_pending_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
new_change_row (const char *text,
                const char *css_class,
                const char *action,
                GVariant   *target,
                const char *revert_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");

  gtk_widget_add_css_class (box, "tw-pending-row");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, revert_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  revert_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static char *
dup_value_text (const TwValue *value)
{
  if (value == NULL)
    return g_strdup (_("auto"));

  return tw_value_to_display_string (value);
}

static void
refresh_list (TwPendingPane *self)
{
  GtkWidget   *child;
  guint      n_new;
  guint      n_modified;
  guint      n_deleted;
  guint      n_links;
  g_autofree char *summary = NULL;

  g_assert (TW_IS_PENDING_PANE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->staged, g_ptr_array_unref);

  if (self->session == NULL)
    {
      gtk_label_set_text (self->summary, _("Not connected"));
      return;
    }

  n_new = tw_session_get_n_new (self->session);
  n_modified = tw_session_get_n_modified (self->session);
  n_deleted = tw_session_get_n_deleted (self->session);
  n_links = tw_session_get_n_links (self->session);
  if (!tw_session_has_changes (self->session))
    summary = g_strdup (_("Nothing to commit"));
  else
    /* TRANSLATORS: counts of staged changes */
    summary = g_strdup_printf (_("%u new, %u changed, %u deleted, %u links"),
                               n_new, n_modified, n_deleted, n_links);
  gtk_label_set_text (self->summary, summary);

  self->staged = tw_session_dup_staged_rows (self->session);
  for (guint i = 0; i < self->staged->len; i++)
    {
      TwRow           *row = g_ptr_array_index (self->staged, i);
      TwTable         *table = tw_row_get_table (row);
      const char      *table_name = table != NULL ? tw_table_get_name (table) : "";
      g_autofree char *key = tw_row_dup_key_string (row);
      g_autofree char *text = NULL;
      const char      *css_class = NULL;

      switch (tw_row_get_state (row))
        {
        case TW_ROW_STATE_NEW:
          text = g_strdup_printf (_("New row in %s"), table_name);
          css_class = "row-new";
          break;
        case TW_ROW_STATE_DELETED:
          text = g_strdup_printf (_("Delete %s %s"), table_name, key);
          css_class = "row-deleted";
          break;
        case TW_ROW_STATE_MODIFIED:
          text = g_strdup_printf (_("Change %s %s"), table_name, key);
          css_class = "cell-changed";
          break;
        case TW_ROW_STATE_CLEAN:
        case TW_ROW_STATE_LOADING:
        case TW_ROW_STATE_DETACHED:
        default:
          continue;
        }

      gtk_list_box_append (self->list,
                           new_change_row (text, css_class, "pending.revert-row",
                                           g_variant_new_uint32 (i), _("Revert Row")));

      if (tw_row_get_state (row) != TW_ROW_STATE_MODIFIED)
        continue;

      for (guint c = 0; c < tw_row_get_n_values (row); c++)
        {
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autofree char *line = NULL;

          if (!tw_row_is_value_changed (row, c))
            continue;

          before = dup_value_text (tw_row_get_original_value (row, c));
          after = dup_value_text (tw_row_get_value (row, c));
          /* TRANSLATORS: one changed value: column, old value, new value */
          line = g_strdup_printf (_("    %s: %s → %s"), tw_row_get_column_name (row, c), before, after);
          gtk_list_box_append (self->list,
                               new_change_row (line, NULL, "pending.revert-value",
                                               g_variant_new ("(uu)", i, c), _("Revert Value")));
        }
    }
}

/* The script commit will run, as the pane shows it. */
static char *
dup_sql_text (TwPendingPane *self)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  GString *text = g_string_new (NULL);

  g_assert (TW_IS_PENDING_PANE (self));

  if (self->session != NULL && tw_session_has_changes (self->session))
    {
      statements = tw_session_render_pending (self->session, &error);
      if (statements == NULL)
        {
          g_string_append_printf (text, "-- %s\n", error->message);
        }
      else
        {
          for (guint i = 0; i < statements->len; i++)
            {
              g_autofree char *statement = tw_bound_statement_to_string (g_ptr_array_index (statements, i));
              char            *parameters = strstr (statement, "\n-- ");

              /* The statement, its semicolon, then its parameters on a
               * comment line of their own. */
              if (parameters != NULL)
                {
                  *parameters = '\0';
                  g_string_append_printf (text, "%s;\n%s\n\n", statement, parameters + 1);
                }
              else
                {
                  g_string_append_printf (text, "%s;\n\n", statement);
                }
            }
        }
    }

  return g_string_free (text, FALSE);
}

/* Writes the script into the source view, which exists only once the pane
 * has been mapped. The pane lives in a hidden revealer most of the time,
 * and GTK 4.8 crashed (intermittently, under load, in test-window) when a
 * GtkSourceView that was never realized was disposed with a window: a
 * layout-validation idle ran after its dispose had dropped the buffer.
 * Without the view, nothing can queue one. map () writes what was held back. */
static void
refresh_sql (TwPendingPane *self)
{
  g_autofree char *text = NULL;

  g_assert (TW_IS_PENDING_PANE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->sql_view == NULL)
    {
      self->sql_stale = TRUE;
      return;
    }

  self->sql_stale = FALSE;
  text = dup_sql_text (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->sql_view)), text, -1);
}

static void
ensure_sql_view (TwPendingPane *self)
{
  GtkSourceLanguageManager *languages;
  GtkSourceBuffer          *buffer;

  if (self->sql_view != NULL)
    return;

  self->sql_view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->sql_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->sql_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->sql_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->sql_view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->sql_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sql_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commit SQL"),
                                  -1);
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->sql_view)));
  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "sql"));
  gtk_scrolled_window_set_child (self->sql_scroller, GTK_WIDGET (self->sql_view));
}

static void
tw_pending_pane_map (GtkWidget *widget)
{
  TwPendingPane *self = TW_PENDING_PANE (widget);

  GTK_WIDGET_CLASS (tw_pending_pane_parent_class)->map (widget);

  if (self->sql_view == NULL)
    {
      ensure_sql_view (self);
      self->sql_stale = TRUE;
    }
  if (self->sql_stale)
    refresh_sql (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  TwPendingPane *self = data;

  self->refresh_id = 0;
  refresh_list (self);
  refresh_sql (self);

  return G_SOURCE_REMOVE;
}

static void
session_changed_cb (TwPendingPane *self,
                    TwSession     *session)
{
  /* Many changes may come in one go (a rollback, a commit): show them once. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

TwSession *
tw_pending_pane_get_session (TwPendingPane *self)
{
  g_return_val_if_fail (TW_IS_PENDING_PANE (self), NULL);

  return self->session;
}

void
tw_pending_pane_set_session (TwPendingPane *self,
                             TwSession     *session)
{
  g_return_if_fail (TW_IS_PENDING_PANE (self));
  g_return_if_fail (session == NULL || TW_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->changed_id = g_signal_connect_object (session, "changed",
                                                G_CALLBACK (session_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  refresh_list (self);
  refresh_sql (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

char *
tw_pending_pane_dup_sql (TwPendingPane *self)
{
  g_return_val_if_fail (TW_IS_PENDING_PANE (self), NULL);

  if (self->refresh_id != 0)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      refresh_idle_cb (self);
    }

  /* The same text the view shows once mapped. */
  return dup_sql_text (self);
}

static void
revert_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwPendingPane *self = TW_PENDING_PANE (widget);
  guint          index = g_variant_get_uint32 (param);

  if (self->session == NULL || self->staged == NULL || index >= self->staged->len)
    return;

  tw_session_revert_row (self->session, g_ptr_array_index (self->staged, index));
}

static void
revert_value_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TwPendingPane *self = TW_PENDING_PANE (widget);
  guint          index;
  guint          column;

  g_variant_get (param, "(uu)", &index, &column);
  if (self->session == NULL || self->staged == NULL || index >= self->staged->len)
    return;

  tw_session_revert_value (self->session, g_ptr_array_index (self->staged, index), column);
}

static void
tw_pending_pane_dispose (GObject *object)
{
  TwPendingPane *self = (TwPendingPane *) object;
  GtkWidget   *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->staged, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_PENDING_PANE);
  /* Children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  /* It went with the scrolled window that held it. */
  self->sql_view = NULL;

  G_OBJECT_CLASS (tw_pending_pane_parent_class)->dispose (object);
}

static void
tw_pending_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TwPendingPane *self = TW_PENDING_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_pending_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TwPendingPane *self = TW_PENDING_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tw_pending_pane_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_pending_pane_class_init (TwPendingPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_pending_pane_dispose;
  widget_class->map = tw_pending_pane_map;
  object_class->get_property = tw_pending_pane_get_property;
  object_class->set_property = tw_pending_pane_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TW_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-pending-pane.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, TwPendingPane, summary);
  gtk_widget_class_bind_template_child (widget_class, TwPendingPane, list);
  gtk_widget_class_bind_template_child (widget_class, TwPendingPane, sql_scroller);

  gtk_widget_class_install_action (widget_class, "pending.revert-row", "u", revert_row_action);
  gtk_widget_class_install_action (widget_class, "pending.revert-value", "(uu)", revert_value_action);
}

static void
tw_pending_pane_init (TwPendingPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  refresh_list (self);
}
