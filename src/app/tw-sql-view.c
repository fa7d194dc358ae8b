/* tw-sql-view.c: the DDL of the model for one SQL dialect, and its problems
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-sql-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "tw-dialect.h"
#include "tw-enum-types.h"
#include "tw-sql-view.h"

/* How long the view waits after a change of the model before it compiles
 * again, so that typing a name compiles once rather than once a key. */
#define RECOMPILE_DELAY_MS 150

struct _TwSqlView
{
  GtkWidget        parent_instance;

  TwMetadata      *metadata;
  TwDialectKind    dialect;
  char            *mode;
  guint            recompile_id;
  guint            valid : 1;
  guint            has_problems : 1;
  /* The buffer holds a compiled script of shown_dialect and shown_mode,
   * possibly out of date (then valid is FALSE). */
  guint            shows_script : 1;
  TwDialectKind    shown_dialect;
  char            *shown_mode;

  /* Template widgets */
  GtkDropDown     *dialect_dropdown;
  GtkLabel        *summary_label;
  GtkStack        *content_stack;
  GtkSourceView   *source_view;
  GtkSourceBuffer *buffer;
  GtkLabel        *problems_title;
  GtkLabel        *problems_note;
  GtkStringList   *problems;

  /* The table each row of problems is about (NULL: none), in its order. */
  GPtrArray       *problem_tables;
};

G_DEFINE_FINAL_TYPE (TwSqlView, tw_sql_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_METADATA,
  PROP_DIALECT,
  PROP_MODE,
  PROP_VALID,
  PROP_HAS_PROBLEMS,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS,
};

static guint signals [N_SIGNALS];

static void
set_valid (TwSqlView *self,
           gboolean   valid)
{
  g_assert (TW_IS_SQL_VIEW (self));

  valid = !!valid;
  if (self->valid == valid)
    return;

  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALID]);
}

static void
set_has_problems (TwSqlView *self,
                  gboolean   has_problems)
{
  g_assert (TW_IS_SQL_VIEW (self));

  has_problems = !!has_problems;
  if (self->has_problems == has_problems)
    return;

  self->has_problems = has_problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_PROBLEMS]);
}

static void
set_buffer_text (TwSqlView  *self,
                 const char *text)
{
  GtkTextBuffer   *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter      begin;
  GtkTextIter      end;
  g_autofree char *old_text = NULL;

  g_assert (TW_IS_SQL_VIEW (self));

  /* Leave an unchanged text alone, so the view keeps its scroll position. */
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  old_text = gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
  if (g_strcmp0 (old_text, text) == 0)
    return;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_place_cursor (buffer, &begin);
}

static void
set_stale (TwSqlView *self,
           gboolean   stale)
{
  g_assert (TW_IS_SQL_VIEW (self));

  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self->source_view), "tw-stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->source_view), "tw-stale");
}

/* "-- line" for every line of the message. */
static char *
comment_out (const char *message)
{
  g_auto (GStrv) lines = g_strsplit (message, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      g_string_append (out, "-- ");
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static guint
count_statements (const char *script)
{
  guint n = 0;

  g_assert (script != NULL);

  /* tw_ddl_statements_to_script() ends every statement with ";\n". */
  for (const char *p = strstr (script, ";\n"); p != NULL; p = strstr (p + 2, ";\n"))
    n++;

  return n;
}

static void
update_problems (TwSqlView *self,
                 GPtrArray *problems,
                 GError    *compile_error)
{
  g_autoptr (GPtrArray) messages = g_ptr_array_new ();
  g_autofree char *title = NULL;
  guint            n_before;

  g_assert (TW_IS_SQL_VIEW (self));

  g_ptr_array_set_size (self->problem_tables, 0);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const TwProblem *problem = g_ptr_array_index (problems, i);

      g_ptr_array_add (messages, problem->message);
      g_ptr_array_add (self->problem_tables, g_strdup (problem->table));
    }

  /* A failure that validation did not foresee still has to be seen. */
  if (compile_error != NULL && messages->len == 0)
    {
      g_ptr_array_add (messages, compile_error->message);
      g_ptr_array_add (self->problem_tables, NULL);
    }

  g_ptr_array_add (messages, NULL);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  gtk_string_list_splice (self->problems, 0, n_before, (const char * const *) messages->pdata);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems",
                                        messages->len - 1),
                           messages->len - 1);
  gtk_label_set_label (self->problems_title, title);
  set_has_problems (self, messages->len > 1);
}

static void
recompile (TwSqlView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *script = NULL;
  g_autofree char *summary = NULL;

  g_assert (TW_IS_SQL_VIEW (self));

  g_clear_handle_id (&self->recompile_id, g_source_remove);

  if (self->metadata == NULL)
    {
      set_buffer_text (self, "");
      set_stale (self, FALSE);
      self->shows_script = FALSE;
      update_problems (self, NULL, NULL);
      gtk_label_set_label (self->summary_label, "");
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      set_valid (self, FALSE);
      return;
    }

  problems = tw_metadata_validate (self->metadata, TW_DIALECT_MASK (self->dialect));
  script = tw_sql_view_dup_script (self, &error);
  update_problems (self, problems, error);

  if (script != NULL)
    {
      guint n = count_statements (script);

      set_buffer_text (self, script);
      set_stale (self, FALSE);
      self->shows_script = TRUE;
      self->shown_dialect = self->dialect;
      g_free (self->shown_mode);
      self->shown_mode = g_strdup (self->mode);
      gtk_label_set_label (self->problems_note, "");
      gtk_widget_set_visible (GTK_WIDGET (self->problems_note), FALSE);
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement", "%u statements", n), n);
      gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "sql" : "empty");
      set_valid (self, TRUE);
    }
  else
    {
      /* Never leave old text looking current: dim the last good script of
       * this dialect and mode, or show why nothing compiles. */
      if (!self->shows_script ||
          self->shown_dialect != self->dialect ||
          g_strcmp0 (self->shown_mode, self->mode) != 0)
        {
          g_autofree char *text = comment_out (error->message);

          set_buffer_text (self, text);
          self->shows_script = FALSE;
          gtk_label_set_label (self->problems_note,
                               _("Fix these problems to see the DDL of the model."));
          summary = g_strdup (_("Not valid"));
        }
      else
        {
          gtk_label_set_label (self->problems_note,
                               _("The dimmed DDL above is from before the last change: "
                                 "fix these problems to bring it up to date."));
          summary = g_strdup (_("Out of date"));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->problems_note), TRUE);
      set_stale (self, TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "sql");
      set_valid (self, FALSE);
    }

  gtk_label_set_label (self->summary_label, summary);
}

static gboolean
recompile_timeout_cb (gpointer data)
{
  TwSqlView *self = data;

  self->recompile_id = 0;
  recompile (self);

  return G_SOURCE_REMOVE;
}

static void
metadata_changed_cb (TwSqlView  *self,
                     TwMetadata *metadata)
{
  g_assert (TW_IS_SQL_VIEW (self));

  if (self->recompile_id == 0)
    self->recompile_id = g_timeout_add (RECOMPILE_DELAY_MS, recompile_timeout_cb, self);
}

static void
update_style_scheme (TwSqlView *self)
{
  AdwStyleManager             *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme        *scheme;

  g_assert (TW_IS_SQL_VIEW (self));

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                       adw_style_manager_get_dark (style_manager)
                                                       ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static gboolean
dropdown_to_dialect (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected > TW_DIALECT_KIND_MYSQL)
    return FALSE;

  g_value_set_enum (to, (TwDialectKind) selected);
  return TRUE;
}

static gboolean
dialect_to_dropdown (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static void
problem_list_activate_cb (TwSqlView   *self,
                          guint        position,
                          GtkListView *list_view)
{
  tw_sql_view_activate_problem (self, position);
}

static void
tw_sql_view_dispose (GObject *object)
{
  TwSqlView *self = (TwSqlView *) object;
  GtkWidget *child;

  /* Let go of the model without recompiling: writing the buffer now, after
   * the source view was unrealized, queues a layout-validation idle that
   * GTK 4.8 then runs after the view's dispose has taken its buffer away
   * (a NULL-buffer crash inside GTK during window teardown). */
  if (self->metadata != NULL)
    g_signal_handlers_disconnect_by_func (self->metadata, metadata_changed_cb, self);
  g_clear_object (&self->metadata);
  g_clear_handle_id (&self->recompile_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_SQL_VIEW);
  /* dispose_template() takes away only the bound children of the widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_sql_view_parent_class)->dispose (object);
}

static void
tw_sql_view_finalize (GObject *object)
{
  TwSqlView *self = (TwSqlView *) object;

  g_clear_pointer (&self->mode, g_free);
  g_clear_pointer (&self->shown_mode, g_free);
  g_clear_pointer (&self->problem_tables, g_ptr_array_unref);

  G_OBJECT_CLASS (tw_sql_view_parent_class)->finalize (object);
}

static void
tw_sql_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TwSqlView *self = TW_SQL_VIEW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_DIALECT:
      g_value_set_enum (value, self->dialect);
      break;

    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_HAS_PROBLEMS:
      g_value_set_boolean (value, self->has_problems);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_sql_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TwSqlView *self = TW_SQL_VIEW (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      tw_sql_view_set_metadata (self, g_value_get_object (value));
      break;

    case PROP_DIALECT:
      tw_sql_view_set_dialect (self, g_value_get_enum (value));
      break;

    case PROP_MODE:
      tw_sql_view_set_mode (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_sql_view_class_init (TwSqlViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_sql_view_dispose;
  object_class->finalize = tw_sql_view_finalize;
  object_class->get_property = tw_sql_view_get_property;
  object_class->set_property = tw_sql_view_set_property;

  properties [PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DIALECT] =
    g_param_spec_enum ("dialect", NULL, NULL,
                       TW_TYPE_DIALECT_KIND,
                       TW_DIALECT_KIND_SQLITE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL,
                         TW_SQL_VIEW_MODE_CREATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_HAS_PROBLEMS] =
    g_param_spec_boolean ("has-problems", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TwSqlView::problem-activated:
   * @table: the name of the table the problem is about, or NULL
   *
   * A row of the problem list was activated (clicked, or Enter).
   */
  signals [PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_property_action (widget_class, "sql.mode", "mode");

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-sql-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, dialect_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, source_view);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, buffer);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, problems_title);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, problems_note);
  gtk_widget_class_bind_template_child (widget_class, TwSqlView, problems);
  gtk_widget_class_bind_template_callback (widget_class, problem_list_activate_cb);
}

static void
tw_sql_view_init (TwSqlView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  self->dialect = TW_DIALECT_KIND_SQLITE;
  self->mode = g_strdup (TW_SQL_VIEW_MODE_CREATE);
  self->problem_tables = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "sql"));
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  g_object_bind_property_full (self->dialect_dropdown, "selected",
                               self, "dialect",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               dropdown_to_dialect, dialect_to_dropdown, NULL, NULL);

  recompile (self);
}

GtkWidget *
tw_sql_view_new (void)
{
  return g_object_new (TW_TYPE_SQL_VIEW, NULL);
}

TwMetadata *
tw_sql_view_get_metadata (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), NULL);

  return self->metadata;
}

void
tw_sql_view_set_metadata (TwSqlView  *self,
                          TwMetadata *metadata)
{
  g_return_if_fail (TW_IS_SQL_VIEW (self));
  g_return_if_fail (metadata == NULL || TW_IS_METADATA (metadata));

  if (self->metadata == metadata)
    return;

  if (self->metadata != NULL)
    g_signal_handlers_disconnect_by_func (self->metadata, metadata_changed_cb, self);

  g_set_object (&self->metadata, metadata);
  self->shows_script = FALSE;

  if (metadata != NULL)
    g_signal_connect_object (metadata, "changed",
                             G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);

  /* During dispose the template is going away: nothing left to show. */
  if (self->buffer != NULL)
    recompile (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_METADATA]);
}

TwDialectKind
tw_sql_view_get_dialect (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), TW_DIALECT_KIND_SQLITE);

  return self->dialect;
}

void
tw_sql_view_set_dialect (TwSqlView    *self,
                         TwDialectKind dialect)
{
  g_return_if_fail (TW_IS_SQL_VIEW (self));
  g_return_if_fail (dialect <= TW_DIALECT_KIND_MYSQL);

  if (self->dialect == dialect)
    return;

  self->dialect = dialect;
  if (self->buffer != NULL)
    recompile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIALECT]);
}

const char *
tw_sql_view_get_mode (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), NULL);

  return self->mode;
}

void
tw_sql_view_set_mode (TwSqlView  *self,
                      const char *mode)
{
  g_return_if_fail (TW_IS_SQL_VIEW (self));
  g_return_if_fail (g_strcmp0 (mode, TW_SQL_VIEW_MODE_CREATE) == 0 ||
                    g_strcmp0 (mode, TW_SQL_VIEW_MODE_DROP) == 0);

  if (g_strcmp0 (self->mode, mode) == 0)
    return;

  g_free (self->mode);
  self->mode = g_strdup (mode);
  if (self->buffer != NULL)
    recompile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODE]);
}

gboolean
tw_sql_view_get_valid (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), FALSE);

  return self->valid;
}

gboolean
tw_sql_view_get_has_problems (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), FALSE);

  return self->has_problems;
}

GtkTextBuffer *
tw_sql_view_get_buffer (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), NULL);

  return GTK_TEXT_BUFFER (self->buffer);
}

GListModel *
tw_sql_view_get_problems (TwSqlView *self)
{
  g_return_val_if_fail (TW_IS_SQL_VIEW (self), NULL);

  return G_LIST_MODEL (self->problems);
}

char *
tw_sql_view_dup_script (TwSqlView *self,
                        GError   **error)
{
  TwDialect *dialect;
  g_autoptr (GPtrArray) statements = NULL;

  g_return_val_if_fail (TW_IS_SQL_VIEW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->metadata == NULL)
    return g_strdup ("");

  dialect = tw_dialect_get (self->dialect);
  if (g_strcmp0 (self->mode, TW_SQL_VIEW_MODE_DROP) == 0)
    statements = tw_dialect_compile_drop_all (dialect, self->metadata, error);
  else
    statements = tw_dialect_compile_create_all (dialect, self->metadata, error);

  if (statements == NULL)
    return NULL;

  return tw_ddl_statements_to_script (statements);
}

void
tw_sql_view_reveal_table (TwSqlView  *self,
                          const char *table)
{
  GtkTextBuffer   *buffer;
  GtkTextIter      iter;
  GtkTextIter      match_start;
  GtkTextIter      match_end;
  g_autofree char *quoted = NULL;
  g_autofree char *needle = NULL;

  g_return_if_fail (TW_IS_SQL_VIEW (self));
  g_return_if_fail (table != NULL);

  if (!self->shows_script)
    return;

  buffer = GTK_TEXT_BUFFER (self->buffer);
  quoted = tw_dialect_quote_identifier (tw_dialect_get (self->shown_dialect), table);
  needle = g_strdup_printf ("TABLE %s", quoted);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, needle, GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      gunichar next = gtk_text_iter_get_char (&match_end);

      /* The whole name, not the start of a longer one. */
      if (next == ' ' || next == '\n' || next == '(' || next == ';' || next == 0)
        {
          gtk_text_iter_forward_chars (&match_start, strlen ("TABLE "));
          gtk_text_buffer_select_range (buffer, &match_start, &match_end);
          gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                        gtk_text_buffer_get_insert (buffer),
                                        0.0, TRUE, 0.0, 0.1);
          return;
        }
      iter = match_end;
    }
}

void
tw_sql_view_activate_problem (TwSqlView *self,
                              guint      position)
{
  g_return_if_fail (TW_IS_SQL_VIEW (self));

  if (position >= self->problem_tables->len)
    return;

  g_signal_emit (self, signals [PROBLEM_ACTIVATED], 0,
                 g_ptr_array_index (self->problem_tables, position));
}
