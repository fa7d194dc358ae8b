/* tw-commit-bar.c: the header bar's Roll Back and Commit buttons, with the count of staged changes
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-commit-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-commit-bar.h"

struct _TwCommitBar
{
  GtkWidget   parent_instance;

  TwSession  *session;
  gulong      changed_id;
  gulong      committing_id;

  /* Template widgets */
  GtkButton  *commit_button;
  GtkButton  *rollback_button;
};

G_DEFINE_FINAL_TYPE (TwCommitBar, tw_commit_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

guint
tw_commit_bar_count_changes (TwSession *session)
{
  g_return_val_if_fail (session == NULL || TW_IS_SESSION (session), 0);

  if (session == NULL)
    return 0;

  return tw_session_get_n_new (session) + tw_session_get_n_modified (session) +
         tw_session_get_n_deleted (session) + tw_session_get_n_links (session);
}

static void
update (TwCommitBar *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  guint            n;

  g_assert (TW_IS_COMMIT_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self), self->session != NULL);

  n = tw_commit_bar_count_changes (self->session);
  if (self->session != NULL && tw_session_is_committing (self->session))
    label = g_strdup (_("Committing…"));
  else if (n > 0)
    /* TRANSLATORS: the Commit button with the number of staged changes */
    label = g_strdup_printf (_("Commit (%u)"), n);
  else
    label = g_strdup (_("Commit"));

  gtk_button_set_label (self->commit_button, label);

  /* The name stays "Commit" for assistive technologies (a label set on a
   * button becomes its name); the count goes to the description. */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u staged change",
                                              "%u staged changes", n),
                                 n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->commit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commit"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
session_changed_cb (TwCommitBar *self)
{
  update (self);
}

TwSession *
tw_commit_bar_get_session (TwCommitBar *self)
{
  g_return_val_if_fail (TW_IS_COMMIT_BAR (self), NULL);

  return self->session;
}

void
tw_commit_bar_set_session (TwCommitBar *self,
                           TwSession   *session)
{
  g_return_if_fail (TW_IS_COMMIT_BAR (self));
  g_return_if_fail (session == NULL || TW_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->session);
      g_clear_signal_handler (&self->committing_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->changed_id = g_signal_connect_object (session, "changed",
                                                  G_CALLBACK (session_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      self->committing_id = g_signal_connect_object (session, "notify::committing",
                                                     G_CALLBACK (session_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

static void
tw_commit_bar_dispose (GObject *object)
{
  TwCommitBar *self = (TwCommitBar *) object;
  GtkWidget   *child;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->session);
      g_clear_signal_handler (&self->committing_id, self->session);
    }
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_COMMIT_BAR);
  /* Children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_commit_bar_parent_class)->dispose (object);
}

static void
tw_commit_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TwCommitBar *self = TW_COMMIT_BAR (object);

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
tw_commit_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TwCommitBar *self = TW_COMMIT_BAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tw_commit_bar_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_commit_bar_class_init (TwCommitBarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_commit_bar_dispose;
  object_class->get_property = tw_commit_bar_get_property;
  object_class->set_property = tw_commit_bar_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TW_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-commit-bar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, TwCommitBar, commit_button);
  gtk_widget_class_bind_template_child (widget_class, TwCommitBar, rollback_button);
}

static void
tw_commit_bar_init (TwCommitBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
