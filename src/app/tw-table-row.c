/* tw-table-row.c: a table of the model as a row of the sidebar
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-table-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-table-row.h"

struct _TwTableRow
{
  GtkWidget parent_instance;

  TwTable *table;
  /* The table's column list, watched for the column count. */
  GListModel *columns;

  GtkLabel *name_label;
  GtkLabel *columns_label;
  GtkLabel *rows_label;
};

G_DEFINE_FINAL_TYPE (TwTableRow, tw_table_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TABLE,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static void
update_columns_label (TwTableRow *self)
{
  g_autofree char *text = NULL;
  guint            n;

  g_assert (TW_IS_TABLE_ROW (self));

  if (self->columns == NULL)
    {
      gtk_label_set_label (self->columns_label, "");
      return;
    }

  n = g_list_model_get_n_items (self->columns);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n), n);
  gtk_label_set_label (self->columns_label, text);
}

/* The estimated row count tw-open-database.c leaves on the table, or -1. */
static gint64
get_row_estimate (TwTable *table)
{
  gint64 *estimate = table != NULL ? g_object_get_data (G_OBJECT (table), "tw-row-estimate") : NULL;

  return estimate != NULL ? *estimate : -1;
}

static void
update_accessible (TwTableRow *self)
{
  g_assert (TW_IS_TABLE_ROW (self));

  /* Assistive technology reads the row as the table's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->table != NULL ? tw_table_get_name (self->table) : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->columns_label),
                                  -1);
}

static void
table_name_cb (TwTableRow *self,
               GParamSpec *pspec,
               TwTable    *table)
{
  update_accessible (self);
}

static void
columns_changed_cb (TwTableRow *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *columns)
{
  update_columns_label (self);
  update_accessible (self);
}

static void
tw_table_row_dispose (GObject *object)
{
  TwTableRow *self = (TwTableRow *) object;
  GtkWidget  *child;

  tw_table_row_set_table (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_TABLE_ROW);
  /* dispose_template() takes away only the bound children of the widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_table_row_parent_class)->dispose (object);
}

static void
tw_table_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TwTableRow *self = TW_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_table_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TwTableRow *self = TW_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      tw_table_row_set_table (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_table_row_class_init (TwTableRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_table_row_dispose;
  object_class->get_property = tw_table_row_get_property;
  object_class->set_property = tw_table_row_set_property;

  properties [PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL,
                         TW_TYPE_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TW_TYPE_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-table-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TwTableRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TwTableRow, columns_label);
  gtk_widget_class_bind_template_child (widget_class, TwTableRow, rows_label);
}

static void
tw_table_row_init (TwTableRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tw_table_row_new (void)
{
  return g_object_new (TW_TYPE_TABLE_ROW, NULL);
}

TwTable *
tw_table_row_get_table (TwTableRow *self)
{
  g_return_val_if_fail (TW_IS_TABLE_ROW (self), NULL);

  return self->table;
}

void
tw_table_row_set_table (TwTableRow *self,
                        TwTable    *table)
{
  g_return_if_fail (TW_IS_TABLE_ROW (self));
  g_return_if_fail (table == NULL || TW_IS_TABLE (table));

  if (self->table == table)
    return;

  if (self->columns != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->columns, columns_changed_cb, self);
      g_clear_object (&self->columns);
    }
  if (self->table != NULL)
    g_signal_handlers_disconnect_by_func (self->table, table_name_cb, self);

  g_set_object (&self->table, table);

  if (table != NULL)
    {
      self->columns = g_object_ref (tw_table_get_columns (table));
      g_signal_connect_object (self->columns, "items-changed",
                               G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (table, "notify::name",
                               G_CALLBACK (table_name_cb), self, G_CONNECT_SWAPPED);
    }

  update_columns_label (self);
  tw_table_row_set_row_estimate (self, get_row_estimate (table));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TABLE]);
}

void
tw_table_row_set_row_estimate (TwTableRow *self,
                               gint64      n_rows)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TW_IS_TABLE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->rows_label), n_rows >= 0);
  if (n_rows < 0)
    return;

  /* "%'" groups the digits as the locale does: "≈ 1,234 rows". */
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, n_rows);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "≈ %s row", "≈ %s rows", n_rows), count);
  gtk_label_set_label (self->rows_label, text);
}
