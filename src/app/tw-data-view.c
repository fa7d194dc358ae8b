/* tw-data-view.c: the Data page of a window: a table's rows in an editable grid
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-data-view"

#include "config.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include <string.h>

#include <glib/gi18n.h>

#include "tw-cell.h"
#include "tw-data-view.h"
#include "tw-dialect.h"
#include "tw-links-pane.h"
#include "tw-pending-pane.h"
#include "tw-row-model.h"
#include "tw-row-selection.h"
#include "tw-window-private.h"

/* The most rows a command (delete, duplicate, copy) takes at once: well
 * within what the row model keeps (16 pages of 200), so that every one of
 * them can be read and held at the same time. */
#define MAX_ROWS_AT_ONCE 2000

/* How long the reads must have been over before freed heap is given back. */
#define TRIM_DELAY_S 2

struct _TwDataView
{
  GtkWidget           parent_instance;

  TwSession          *session;
  TwTable            *table;
  TwRowModel         *model;
  TwRowSelection     *selection;
  gulong              loading_id;
  gulong              error_id;
  gulong              items_id;
  gulong              session_changed_id;

  /* The column whose sorter the column view's sorter asked first: how a
   * GTK 4.8 column view tells which column sorts (see sort_changed_cb). */
  TwColumn           *probed_column;
  /* The row a failed commit named, while it is to be found in the model. */
  TwRow              *error_row;
  /* The foreign keys of the table shown (Reference), their labels, and
   * the fetch of the labels the visible rows need. */
  GPtrArray          *references;
  GCancellable       *cancellable;
  guint               fetch_id;
  guint               trim_id;
  GtkIMContext       *im_context;      /* typing on a cell, see grid_im_commit_cb */
  guint               generation;

  guint               building_columns : 1;
  guint               cancelled : 1;
  guint               pending_visible : 1;

  /* Template widgets */
  GtkStack           *stack;
  GtkInfoBar         *read_only_bar;
  GtkSearchBar       *filter_bar;
  GtkDropDown        *filter_column;
  GtkDropDown        *filter_operator;
  GtkEntry           *filter_entry;
  GtkStringList      *column_names;
  GtkScrolledWindow  *scroller;
  GtkColumnView      *column_view;
  GtkRevealer        *loading_revealer;
  GtkLabel           *count_label;
  TwPendingPane      *pending_pane;
  GtkRevealer        *links_revealer;
  TwLinksPane        *links_pane;
};

G_DEFINE_FINAL_TYPE (TwDataView, tw_data_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TABLE,
  PROP_PENDING_VISIBLE,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

/* What a column's factory and sorter need. */
typedef struct
{
  TwDataView *view;      /* not a reference: the view outlives its columns */
  TwColumn   *column;
  gboolean    is_reference;
} ColumnInfo;

/* A foreign key of one column, labelled by the first text column of the
 * table it points at: "Ada Lovelace" rather than 7. */
typedef struct
{
  char        *column;
  char        *referred_table;
  char        *referred_column;
  char        *label_column;
  GHashTable  *labels;     /* key text → label; a key without a row maps to "" */
  GHashTable  *wanted;     /* key text → TwValue, to fetch */
} Reference;

static void
reference_free (gpointer data)
{
  Reference *reference = data;

  g_free (reference->column);
  g_free (reference->referred_table);
  g_free (reference->referred_column);
  g_free (reference->label_column);
  g_hash_table_unref (reference->labels);
  g_hash_table_unref (reference->wanted);
  g_free (reference);
}

static Reference *
find_reference (TwDataView *self,
                const char *column)
{
  g_assert (TW_IS_DATA_VIEW (self));

  for (guint i = 0; self->references != NULL && i < self->references->len; i++)
    {
      Reference *reference = g_ptr_array_index (self->references, i);

      if (g_strcmp0 (reference->column, column) == 0)
        return reference;
    }

  return NULL;
}

static void
build_references (TwDataView *self)
{
  TwMetadata *metadata;
  GListModel *foreign_keys;

  g_assert (TW_IS_DATA_VIEW (self));

  self->generation++;
  g_clear_handle_id (&self->fetch_id, g_source_remove);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  self->references = g_ptr_array_new_with_free_func (reference_free);

  if (self->table == NULL || self->session == NULL)
    return;

  metadata = tw_session_get_metadata (self->session);
  foreign_keys = tw_table_get_foreign_keys (self->table);
  for (guint i = 0; i < g_list_model_get_n_items (foreign_keys); i++)
    {
      g_autoptr (TwForeignKey) foreign_key = g_list_model_get_item (foreign_keys, i);
      const char * const *columns = tw_foreign_key_get_columns (foreign_key);
      const char * const *referred = tw_foreign_key_get_referred_columns (foreign_key);
      TwTable            *table;
      TwColumn           *label = NULL;
      Reference          *reference;

      if (tw_foreign_key_get_n_columns (foreign_key) != 1 || referred == NULL || referred[0] == NULL)
        continue;

      table = tw_metadata_find_table (metadata, tw_foreign_key_get_referred_table (foreign_key));
      for (guint c = 0; table != NULL && c < tw_table_get_n_columns (table); c++)
        {
          TwColumn *column = tw_table_get_column (table, c);

          if (tw_column_get_column_type (column) == TW_COLUMN_TYPE_STRING ||
              tw_column_get_column_type (column) == TW_COLUMN_TYPE_TEXT)
            {
              label = column;
              break;
            }
        }
      if (label == NULL)
        continue;

      reference = g_new0 (Reference, 1);
      reference->column = g_strdup (columns[0]);
      reference->referred_table = g_strdup (tw_table_get_name (table));
      reference->referred_column = g_strdup (referred[0]);
      reference->label_column = g_strdup (tw_column_get_name (label));
      reference->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      reference->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) tw_value_free);
      g_ptr_array_add (self->references, reference);
    }
}

static void
column_info_free (gpointer data)
{
  ColumnInfo *info = data;

  g_clear_object (&info->column);
  g_free (info);
}

static void
toast (TwDataView *self,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (TW_IS_DATA_VIEW (self));

  if (TW_IS_WINDOW (root))
    _tw_window_toast (TW_WINDOW (root), message);
}

static gboolean
table_is_read_only (TwTable *table)
{
  g_autoptr (GPtrArray) key = NULL;

  if (table == NULL)
    return TRUE;

  key = tw_table_dup_primary_key (table);
  return key == NULL || key->len == 0;
}

static void
update_actions (TwDataView *self)
{
  gboolean  writable;
  gboolean  has_selection = FALSE;
  gboolean  committing;

  g_assert (TW_IS_DATA_VIEW (self));

  committing = self->session != NULL && tw_session_is_committing (self->session);
  writable = self->model != NULL && !table_is_read_only (self->table) && !committing;

  if (self->selection != NULL)
    {
      g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      has_selection = !gtk_bitset_is_empty (selected);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.add-row", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.delete-row", writable && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.duplicate-row", writable && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.find", self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.apply-filter", self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.clear-filter", self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.cancel-load",
                                 self->model != NULL && tw_row_model_get_loading (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.reload",
                                 self->session != NULL && self->table != NULL);
}

static void
update_count (TwDataView *self)
{
  g_autofree char *text = NULL;
  guint            n;

  g_assert (TW_IS_DATA_VIEW (self));

  if (self->model == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (tw_row_model_is_exact (self->model))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u row", "About %u rows", n), n);
  gtk_label_set_text (self->count_label, text);
}

static void
update_page (TwDataView *self)
{
  const char *page;

  g_assert (TW_IS_DATA_VIEW (self));

  if (self->session == NULL)
    page = "disconnected";
  else if (self->table == NULL)
    page = "no-table";
  else if (self->cancelled)
    page = "cancelled";
  else
    page = "grid";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_info_bar_set_revealed (self->read_only_bar,
                             self->table != NULL && table_is_read_only (self->table));
}

/* Labels of foreign keys */

typedef struct
{
  TwDataView *view;        /* a reference */
  guint       generation;
  guint       index;       /* in view->references */
  GPtrArray  *keys;        /* the key texts asked for */
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->view);
  g_ptr_array_unref (data->keys);
  g_free (data);
}

static void refresh_cells (GtkWidget *widget);

static void
fetch_labels_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FetchData       *data = user_data;
  TwDataView      *self = data->view;
  g_autoptr (TwResult) rows = NULL;
  g_autoptr (GError) error = NULL;
  Reference       *reference;

  rows = tw_connection_execute_finish (TW_CONNECTION (object), result, &error);
  if (data->generation != self->generation || self->references == NULL ||
      data->index >= self->references->len ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fetch_data_free (data);
      return;
    }

  reference = g_ptr_array_index (self->references, data->index);

  /* Keys without a row (or a failed fetch) show their value. */
  for (guint i = 0; i < data->keys->len; i++)
    g_hash_table_insert (reference->labels, g_strdup (g_ptr_array_index (data->keys, i)), g_strdup (""));

  for (guint i = 0; rows != NULL && i < tw_result_get_n_rows (rows); i++)
    {
      const TwValue *key = tw_result_get_value (rows, i, 0);
      const TwValue *label = tw_result_get_value (rows, i, 1);

      if (key != NULL && label != NULL && !tw_value_is_null (key) && !tw_value_is_null (label))
        g_hash_table_insert (reference->labels, tw_value_to_string (key),
                             tw_value_to_display_string (label));
    }

  refresh_cells (GTK_WIDGET (self->column_view));
  fetch_data_free (data);
}

static gboolean
fetch_labels_idle_cb (gpointer user_data)
{
  TwDataView    *self = user_data;
  TwConnection  *connection;
  TwDialect     *dialect;
  TwDialectKind  kind;

  self->fetch_id = 0;
  if (self->session == NULL || self->references == NULL)
    return G_SOURCE_REMOVE;

  connection = tw_session_get_connection (self->session);
  kind = tw_connection_get_dialect_kind (connection);
  dialect = tw_dialect_get (kind);

  /* One query per referred table for every label the shown rows need. */
  for (guint r = 0; r < self->references->len; r++)
    {
      Reference       *reference = g_ptr_array_index (self->references, r);
      g_autoptr (GString) sql = NULL;
      g_autoptr (GPtrArray) params = NULL;
      g_autofree char *key_column = NULL;
      g_autofree char *label_column = NULL;
      g_autofree char *table = NULL;
      GHashTableIter   iter;
      gpointer         key;
      gpointer         value;
      FetchData       *data;

      if (g_hash_table_size (reference->wanted) == 0)
        continue;

      key_column = tw_dialect_quote_identifier (dialect, reference->referred_column);
      label_column = tw_dialect_quote_identifier (dialect, reference->label_column);
      table = tw_dialect_quote_identifier (dialect, reference->referred_table);
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "SELECT %s, %s FROM %s WHERE %s IN (",
                              key_column, label_column, table, key_column);

      data = g_new0 (FetchData, 1);
      data->view = g_object_ref (self);
      data->generation = self->generation;
      data->index = r;
      data->keys = g_ptr_array_new_with_free_func (g_free);
      params = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_value_free);

      g_hash_table_iter_init (&iter, reference->wanted);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (params->len > 0)
            g_string_append (sql, ", ");
          if (kind == TW_DIALECT_KIND_POSTGRESQL)
            g_string_append_printf (sql, "$%u", params->len + 1);
          else
            g_string_append_c (sql, '?');
          g_ptr_array_add (params, tw_value_copy (value));
          g_ptr_array_add (data->keys, g_strdup (key));
          /* Asked for: not asked again while the answer comes. */
          g_hash_table_insert (reference->labels, g_strdup (key), g_strdup (""));
          g_hash_table_iter_remove (&iter);
        }
      g_string_append_c (sql, ')');

      tw_connection_execute_async (connection, sql->str, (TwValue * const *) params->pdata,
                                   params->len, self->cancellable, fetch_labels_cb, data);
    }

  return G_SOURCE_REMOVE;
}

static char *
label_func (TwColumn      *column,
            const TwValue *value,
            gpointer       user_data)
{
  TwDataView      *self = user_data;
  Reference       *reference;
  g_autofree char *key = NULL;
  const char      *label;

  g_assert (TW_IS_DATA_VIEW (self));

  reference = find_reference (self, tw_column_get_name (column));
  if (reference == NULL || value == NULL || tw_value_is_null (value))
    return NULL;

  key = tw_value_to_string (value);
  label = g_hash_table_lookup (reference->labels, key);
  if (label != NULL)
    return label[0] != '\0' ? g_strdup (label) : NULL;

  /* Gather what the visible rows need, and fetch it all at once. */
  if (!g_hash_table_contains (reference->wanted, key))
    g_hash_table_insert (reference->wanted, g_steal_pointer (&key), tw_value_copy (value));
  if (self->fetch_id == 0)
    self->fetch_id = g_idle_add (fetch_labels_idle_cb, self);

  return NULL;
}

/* Cells */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  ColumnInfo *info = user_data;
  GtkWidget  *cell = tw_cell_new ();

  if (info->is_reference)
    {
      Reference *reference = find_reference (info->view, tw_column_get_name (info->column));
      TwTable   *referred = NULL;

      if (reference != NULL && info->view->session != NULL)
        referred = tw_metadata_find_table (tw_session_get_metadata (info->view->session),
                                           reference->referred_table);

      tw_cell_set_label_func (TW_CELL (cell), label_func, info->view);
      if (referred != NULL)
        tw_cell_set_reference (TW_CELL (cell), referred, reference->referred_column,
                               reference->label_column);
    }
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ColumnInfo      *info = user_data;
  TwCell          *cell = TW_CELL (gtk_list_item_get_child (item));
  TwRow           *row = gtk_list_item_get_item (item);
  g_autofree char *label = NULL;

  tw_cell_bind (cell, row, info->column);

  /* "name, row 3": how assistive technologies (and the AT-SPI test) find a cell. */
  label = g_strdup_printf (_("%s, row %u"), tw_column_get_name (info->column),
                           gtk_list_item_get_position (item) + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  tw_cell_unbind (TW_CELL (gtk_list_item_get_child (item)));
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnInfo *info = user_data;

  /* Never sorts anything (the server does): only says which column the
   * column view's sorter asks first. */
  if (info->view->probed_column == NULL)
    info->view->probed_column = info->column;

  return a < b ? -1 : (a > b ? 1 : 0);
}

static void
remove_columns (TwDataView *self)
{
  GListModel *columns;

  g_assert (TW_IS_DATA_VIEW (self));

  columns = gtk_column_view_get_columns (self->column_view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
build_columns (TwDataView *self)
{
  guint n;

  g_assert (TW_IS_DATA_VIEW (self));

  self->building_columns = TRUE;
  remove_columns (self);

  while (g_list_model_get_n_items (G_LIST_MODEL (self->column_names)) > 0)
    gtk_string_list_remove (self->column_names, 0);

  n = self->table != NULL ? tw_table_get_n_columns (self->table) : 0;
  for (guint i = 0; i < n; i++)
    {
      TwColumn          *column = tw_table_get_column (self->table, i);
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) view_column = NULL;
      g_autoptr (GtkSorter) sorter = NULL;
      g_autofree char   *type = tw_column_dup_type_label (column);
      g_autofree char   *title = NULL;
      ColumnInfo        *info;

      info = g_new0 (ColumnInfo, 1);
      info->view = self;
      info->column = g_object_ref (column);
      info->is_reference = find_reference (self, tw_column_get_name (column)) != NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), info);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), info);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);

      /* TRANSLATORS: a column header: the column's name and type */
      title = g_strdup_printf (_("%s · %s"), tw_column_get_name (column), type);
      view_column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_resizable (view_column, TRUE);
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, info, column_info_free));
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_append_column (self->column_view, view_column);

      gtk_string_list_append (self->column_names, tw_column_get_name (column));
    }

  self->building_columns = FALSE;
}

static void
sort_changed_cb (TwDataView *self,
                 int         change,
                 GtkSorter  *sorter)
{
  gpointer    first;
  gpointer    second;
  GtkOrdering order;
  TwSort      sort;

  g_assert (TW_IS_DATA_VIEW (self));

  if (self->building_columns || self->model == NULL)
    return;

  /* GTK 4.8 cannot tell which column sorts: compare two distinct objects,
   * first < second by address, and see which column's sorter is asked
   * first and whether it sees them swapped (descending). */
  first = MIN ((gpointer) self, (gpointer) self->column_view);
  second = MAX ((gpointer) self, (gpointer) self->column_view);
  self->probed_column = NULL;
  order = gtk_sorter_compare (sorter, first, second);
  if (order == GTK_ORDERING_EQUAL || self->probed_column == NULL)
    {
      tw_row_model_set_sort (self->model, NULL);
      return;
    }

  sort.column = tw_column_get_name (self->probed_column);
  sort.descending = order == GTK_ORDERING_LARGER;
  self->probed_column = NULL;
  tw_row_model_set_sort (self->model, &sort);
}

/* Model */

/* Gives the heap the rows of evicted pages left free back to the system:
 * scrolling through a big table frees pages of rows in the middle of the
 * heap, which malloc keeps otherwise (5 to 10 MB after a few jumps). */
static gboolean
trim_heap_cb (gpointer user_data)
{
  TwDataView *self = user_data;

  self->trim_id = 0;
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
model_loading_cb (TwDataView *self,
                  GParamSpec *pspec,
                  TwRowModel *model)
{
  /* Once the reads have been over for a while: malloc_trim() walks the
   * whole heap, which must not happen after every page while scrolling. */
  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (!tw_row_model_get_loading (model))
    self->trim_id = g_timeout_add_seconds (TRIM_DELAY_S, trim_heap_cb, self);

  gtk_revealer_set_reveal_child (self->loading_revealer, tw_row_model_get_loading (model));
  update_count (self);
  update_actions (self);
}

static void
model_error_cb (TwDataView   *self,
                const GError *error,
                TwRowModel   *model)
{
  g_autofree char *message = NULL;

  g_assert (TW_IS_DATA_VIEW (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf (_("Could not read “%s”: %s"),
                             self->table != NULL ? tw_table_get_name (self->table) : "",
                             error->message);
  toast (self, message);
}

static GtkWidget *
find_list_view (TwDataView *self)
{
  g_assert (TW_IS_DATA_VIEW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }

  return NULL;
}

static void
select_and_reveal (TwDataView *self,
                   guint       position)
{
  GtkWidget *list_view = find_list_view (self);

  g_assert (TW_IS_DATA_VIEW (self));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* GTK 4.8 has no gtk_column_view_scroll_to(). */
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* Looks for @row among the rows loaded so far and at the end (new rows). */
static gboolean
reveal_row (TwDataView *self,
            TwRow      *row)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint       n;

  g_assert (TW_IS_DATA_VIEW (self));

  if (model == NULL)
    return FALSE;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n && i < 2000; i++)
    {
      g_autoptr (TwRow) item = g_list_model_get_item (model, n - 1 - i);

      if (item == row)
        {
          select_and_reveal (self, n - 1 - i);
          return TRUE;
        }
      if (tw_row_get_state (item) != TW_ROW_STATE_NEW)
        break;
    }

  for (guint i = 0; i < n && i < 2000; i++)
    {
      g_autoptr (TwRow) item = g_list_model_get_item (model, i);

      if (item == row)
        {
          select_and_reveal (self, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
model_items_changed_cb (TwDataView *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  update_count (self);

  if (self->error_row != NULL && reveal_row (self, self->error_row))
    g_clear_object (&self->error_row);
}

/* The links pane follows the one selected row of a table with a
 * many-to-many relationship. */
static void
update_links (TwDataView *self)
{
  g_autoptr (GtkBitset) selected = NULL;
  g_autoptr (TwRow) row = NULL;
  gboolean has_links;

  g_assert (TW_IS_DATA_VIEW (self));

  has_links = self->session != NULL && self->table != NULL &&
              tw_links_pane_find_relationship (tw_session_get_metadata (self->session), self->table) != NULL;
  gtk_revealer_set_reveal_child (self->links_revealer, has_links && self->model != NULL);

  if (has_links && self->selection != NULL)
    {
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      if (gtk_bitset_get_size (selected) == 1)
        row = g_list_model_get_item (G_LIST_MODEL (self->model), gtk_bitset_get_nth (selected, 0));
    }

  tw_links_pane_set_row (self->links_pane, row);
}

/* The selection keeps its places through a change of the model; the row
 * in the selected place may be another one now: the links pane follows. */
static void
selection_items_changed_cb (TwDataView *self,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GListModel *selection)
{
  update_links (self);
}

static void
selection_changed_cb (TwDataView        *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  update_actions (self);
  update_links (self);
}

static void
clear_model (TwDataView *self)
{
  g_assert (TW_IS_DATA_VIEW (self));

  gtk_column_view_set_model (self->column_view, NULL);
  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->loading_id, self->model);
      g_clear_signal_handler (&self->error_id, self->model);
      g_clear_signal_handler (&self->items_id, self->model);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
  if (self->links_pane != NULL)
    tw_links_pane_set_row (self->links_pane, NULL);
}

static void
rebuild (TwDataView *self)
{
  g_assert (TW_IS_DATA_VIEW (self));

  clear_model (self);
  build_references (self);
  build_columns (self);
  self->cancelled = FALSE;

  if (self->session != NULL && self->table != NULL)
    {
      self->model = tw_row_model_new (self->session, self->table);
      self->loading_id = g_signal_connect_object (self->model, "notify::loading",
                                                  G_CALLBACK (model_loading_cb), self,
                                                  G_CONNECT_SWAPPED);
      self->error_id = g_signal_connect_object (self->model, "error",
                                                G_CALLBACK (model_error_cb), self,
                                                G_CONNECT_SWAPPED);
      self->items_id = g_signal_connect_object (self->model, "items-changed",
                                                G_CALLBACK (model_items_changed_cb), self,
                                                G_CONNECT_SWAPPED);
      self->selection = tw_row_selection_new (G_LIST_MODEL (self->model));
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "items-changed",
                               G_CALLBACK (selection_items_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      gtk_revealer_set_reveal_child (self->loading_revealer, tw_row_model_get_loading (self->model));
    }

  gtk_search_bar_set_search_mode (self->filter_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  update_links (self);
  update_page (self);
  update_count (self);
  update_actions (self);
}

static void
session_changed_cb (TwDataView *self,
                    TwSession  *session)
{
  update_actions (self);
}

/* Public */

TwSession *
tw_data_view_get_session (TwDataView *self)
{
  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  return self->session;
}

void
tw_data_view_set_session (TwDataView *self,
                          TwSession  *session)
{
  g_return_if_fail (TW_IS_DATA_VIEW (self));
  g_return_if_fail (session == NULL || TW_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->session_changed_id = g_signal_connect_object (session, "changed",
                                                        G_CALLBACK (session_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
  g_clear_object (&self->error_row);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

TwTable *
tw_data_view_get_table (TwDataView *self)
{
  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  return self->table;
}

void
tw_data_view_set_table (TwDataView *self,
                        TwTable    *table)
{
  g_return_if_fail (TW_IS_DATA_VIEW (self));
  g_return_if_fail (table == NULL || TW_IS_TABLE (table));

  if (self->table == table)
    return;

  g_set_object (&self->table, table);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TABLE]);
}

GListModel *
tw_data_view_get_model (TwDataView *self)
{
  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}

GtkSelectionModel *
tw_data_view_get_selection (TwDataView *self)
{
  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  return self->selection != NULL ? GTK_SELECTION_MODEL (self->selection) : NULL;
}

GtkColumnView *
tw_data_view_get_column_view (TwDataView *self)
{
  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  return self->column_view;
}

static void
refresh_cells (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TW_IS_CELL (child))
        tw_cell_refresh (TW_CELL (child));
      else
        refresh_cells (child);
    }
}

void
tw_data_view_show_commit_error (TwDataView   *self,
                                const GError *error)
{
  TwRow *row;

  g_return_if_fail (TW_IS_DATA_VIEW (self));

  if (self->error_row != NULL)
    g_object_set_data (G_OBJECT (self->error_row), "tw-commit-error", NULL);
  g_clear_object (&self->error_row);

  if (error == NULL || (row = tw_session_error_get_row (error)) == NULL)
    {
      refresh_cells (GTK_WIDGET (self->column_view));
      return;
    }

  g_object_set_data_full (G_OBJECT (row), "tw-commit-error", g_strdup (error->message), g_free);
  refresh_cells (GTK_WIDGET (self->column_view));

  /* Keep the row to clear its mark later; reveal it now or once it loads. */
  self->error_row = g_object_ref (row);
  if (tw_row_get_table (row) == self->table)
    reveal_row (self, row);
}

/* Actions */

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);
  g_autoptr (TwRow) row = NULL;
  g_autoptr (GError) error = NULL;

  if (self->session == NULL || self->table == NULL)
    return;

  row = tw_session_create_row (self->session, self->table);
  if (!tw_session_add (self->session, row, &error))
    {
      toast (self, error->message);
      return;
    }

  reveal_row (self, row);
}

/* The selected rows, or NULL (with a toast saying why) when more are
 * selected than a command takes at once (Ctrl+A in a table of millions of
 * rows must not ask for every one of them) or some are not read yet: a
 * command acts on all the rows selected or on none. */
static GPtrArray *
dup_selected_rows (TwDataView *self)
{
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GPtrArray    *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint         position;
  guint64       n_selected;
  guint         n_loading = 0;

  g_assert (TW_IS_DATA_VIEW (self));

  if (self->selection == NULL)
    return rows;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n_selected = gtk_bitset_get_size (selected);
  if (n_selected > MAX_ROWS_AT_ONCE)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%" G_GUINT64_FORMAT " row is selected; select at most %u at once",
                                           "%" G_GUINT64_FORMAT " rows are selected; select at most %u at once",
                                           n_selected),
                                 n_selected, MAX_ROWS_AT_ONCE);
      toast (self, message);
      g_ptr_array_unref (rows);
      return NULL;
    }

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        {
          TwRow *row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

          if (row != NULL && tw_row_get_state (row) == TW_ROW_STATE_LOADING)
            n_loading++;
          if (row != NULL)
            g_ptr_array_add (rows, row);
        }
      while (gtk_bitset_iter_next (&iter, &position));
    }

  /* All or nothing: asking for them has started reading the rest. */
  if (n_loading > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%u selected row is still being read: try again in a moment",
                                           "%u selected rows are still being read: try again in a moment",
                                           n_loading),
                                 n_loading);
      toast (self, message);
      g_ptr_array_unref (rows);
      return NULL;
    }

  return rows;
}

/* One value as a field of tab-separated text: NULL (and a value the
 * database will fill in) is empty; a field with a tab, a line break or a
 * quote is quoted, as spreadsheets read it. */
static void
append_tsv_field (GString       *out,
                  const TwValue *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || tw_value_is_null (value))
    return;

  text = tw_value_to_string (value);
  if (text == NULL)
    return;

  if (strpbrk (text, "\t\n\r\"") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The selected rows as tab-separated text with a header line (the column
 * names), or NULL when none is loaded. */
char *
tw_data_view_dup_selection_text (TwDataView *self)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = NULL;
  guint n_rows = 0;

  g_return_val_if_fail (TW_IS_DATA_VIEW (self), NULL);

  if (self->table == NULL || (rows = dup_selected_rows (self)) == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (guint c = 0; c < tw_table_get_n_columns (self->table); c++)
    {
      if (c > 0)
        g_string_append_c (out, '\t');
      g_string_append (out, tw_column_get_name (tw_table_get_column (self->table, c)));
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);

      /* A row not read yet has nothing to copy. */
      if (tw_row_get_state (row) == TW_ROW_STATE_LOADING)
        continue;

      for (guint c = 0; c < tw_table_get_n_columns (self->table); c++)
        {
          int index = tw_row_find_column (row, tw_column_get_name (tw_table_get_column (self->table, c)));

          if (c > 0)
            g_string_append_c (out, '\t');
          if (index >= 0)
            append_tsv_field (out, tw_row_get_value (row, index));
        }
      g_string_append_c (out, '\n');
      n_rows++;
    }

  return n_rows > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
copy_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TwDataView      *self = TW_DATA_VIEW (widget);
  g_autofree char *text = tw_data_view_dup_selection_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
delete_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);
  g_autoptr (GPtrArray) rows = dup_selected_rows (self);

  if (self->session == NULL || rows == NULL)
    return;

  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *row = g_ptr_array_index (rows, i);
      g_autoptr (GError) error = NULL;
      TwRowState state = tw_row_get_state (row);

      if (state == TW_ROW_STATE_LOADING || state == TW_ROW_STATE_DELETED)
        continue;

      if (!tw_session_delete (self->session, row, &error))
        {
          toast (self, error->message);
          return;
        }
    }
}

static void
duplicate_row_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);
  g_autoptr (GPtrArray) rows = dup_selected_rows (self);
  TwColumn   *autoincrement;
  TwRow      *last = NULL;

  if (self->session == NULL || self->table == NULL || rows == NULL)
    return;

  autoincrement = tw_table_get_autoincrement_column (self->table);
  for (guint i = 0; i < rows->len; i++)
    {
      TwRow *source = g_ptr_array_index (rows, i);
      g_autoptr (TwRow) copy = NULL;
      g_autoptr (GError) error = NULL;

      if (tw_row_get_state (source) == TW_ROW_STATE_LOADING)
        continue;

      copy = tw_session_create_row (self->session, self->table);
      for (guint c = 0; c < tw_table_get_n_columns (self->table); c++)
        {
          TwColumn      *column = tw_table_get_column (self->table, c);
          const char    *name = tw_column_get_name (column);
          int            from = tw_row_find_column (source, name);
          int            to = tw_row_find_column (copy, name);
          const TwValue *value;

          /* The copy gets a key of its own from the database. */
          if (column == autoincrement || from < 0 || to < 0)
            continue;

          value = tw_row_get_value (source, from);
          if (value != NULL && !tw_row_set_value (copy, to, value, &error))
            break;
        }

      if (error == NULL)
        tw_session_add (self->session, copy, &error);
      if (error != NULL)
        {
          toast (self, error->message);
          return;
        }
      last = copy;
    }

  if (last != NULL)
    reveal_row (self, last);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);

  gtk_search_bar_set_search_mode (self->filter_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static const TwFilterOperator operators[] = {
  TW_FILTER_OPERATOR_EQUAL,
  TW_FILTER_OPERATOR_NOT_EQUAL,
  TW_FILTER_OPERATOR_LESS,
  TW_FILTER_OPERATOR_LESS_EQUAL,
  TW_FILTER_OPERATOR_GREATER,
  TW_FILTER_OPERATOR_GREATER_EQUAL,
  TW_FILTER_OPERATOR_CONTAINS,
  TW_FILTER_OPERATOR_IS_NULL,
  TW_FILTER_OPERATOR_IS_NOT_NULL,
};

static void
apply_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TwDataView      *self = TW_DATA_VIEW (widget);
  g_autoptr (TwValue) value = NULL;
  g_autoptr (GError) error = NULL;
  TwFilter         filter = { 0 };
  TwColumn        *column;
  guint            column_index;
  guint            op_index;
  TwValueKind      kind;
  const char      *text;

  if (self->model == NULL)
    return;

  column_index = gtk_drop_down_get_selected (self->filter_column);
  op_index = gtk_drop_down_get_selected (self->filter_operator);
  if (column_index >= tw_table_get_n_columns (self->table) || op_index >= G_N_ELEMENTS (operators))
    return;

  column = tw_table_get_column (self->table, column_index);
  filter.column = tw_column_get_name (column);
  filter.op = operators[op_index];
  filter.value = NULL;

  text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  if (filter.op != TW_FILTER_OPERATOR_IS_NULL && filter.op != TW_FILTER_OPERATOR_IS_NOT_NULL)
    {
      kind = filter.op == TW_FILTER_OPERATOR_CONTAINS ? TW_VALUE_KIND_TEXT
                                                      : tw_cell_kind_for_column (column);
      value = tw_value_new_from_string (kind, text, &error);
      if (value == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->filter_entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry), error->message);
          return;
        }
      filter.value = value;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry), NULL);
  tw_row_model_set_filter (self->model, &filter);
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
  if (self->model != NULL)
    tw_row_model_set_filter (self->model, NULL);
  gtk_search_bar_set_search_mode (self->filter_bar, FALSE);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);

  if (self->model == NULL || !tw_row_model_get_loading (self->model))
    return;

  /* Dropping the model cancels its fetch. */
  clear_model (self);
  self->cancelled = TRUE;
  update_page (self);
  update_count (self);
  update_actions (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TwDataView *self = TW_DATA_VIEW (widget);

  if (self->model != NULL)
    tw_row_model_reload (self->model);
  else
    rebuild (self);
}

static void
filter_activate_cb (TwDataView *self,
                    GtkEntry   *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "grid.apply-filter", NULL);
}

static void
filter_operator_cb (TwDataView  *self,
                    GParamSpec  *pspec,
                    GtkDropDown *drop_down)
{
  guint op = gtk_drop_down_get_selected (drop_down);

  /* IS NULL and IS NOT NULL take no value. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_entry),
                            op < G_N_ELEMENTS (operators) &&
                            operators[op] != TW_FILTER_OPERATOR_IS_NULL &&
                            operators[op] != TW_FILTER_OPERATOR_IS_NOT_NULL);
}

/* GObject */

/* The cell that has the focus and shows its value, or NULL. */
static TwCell *
focused_cell (TwDataView *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!TW_IS_CELL (focus) || tw_cell_get_editing (TW_CELL (focus)))
    return NULL;

  return TW_CELL (focus);
}

/* Typing on a cell that shows a value starts editing it with what was
 * typed, as in a spreadsheet. Keys reach the grid after the cell and the
 * list had them (Space, arrows, Ctrl+A are the list's), through an input
 * method, so that a dead key and a letter make one accented letter. */
static void
grid_im_commit_cb (TwDataView   *self,
                   const char   *text,
                   GtkIMContext *im)
{
  TwCell *cell = focused_cell (self);

  if (cell != NULL && text != NULL && g_utf8_validate (text, -1, NULL) &&
      g_unichar_isprint (g_utf8_get_char (text)))
    tw_cell_start_editing_with_text (cell, text);
}

/* A printable key the input method let through. */
static gboolean
grid_key_pressed_cb (TwDataView            *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  TwCell   *cell = focused_cell (self);
  gunichar  c = gdk_keyval_to_unicode (keyval);
  char      text[7] = { 0 };

  if (cell == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isprint (c))
    return FALSE;

  g_unichar_to_utf8 (c, text);
  return tw_cell_start_editing_with_text (cell, text);
}

static void
tw_data_view_dispose (GObject *object)
{
  TwDataView *self = (TwDataView *) object;
  GtkWidget   *child;

  if (self->error_row != NULL)
    g_object_set_data (G_OBJECT (self->error_row), "tw-commit-error", NULL);
  g_clear_object (&self->error_row);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fetch_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (self->im_context != NULL)
    gtk_im_context_set_client_widget (self->im_context, NULL);
  g_clear_object (&self->im_context);

  if (self->column_view != NULL)
    {
      clear_model (self);
      remove_columns (self);
    }

  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->table);
  g_clear_pointer (&self->references, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TW_TYPE_DATA_VIEW);
  /* Children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tw_data_view_parent_class)->dispose (object);
}

static void
tw_data_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TwDataView *self = TW_DATA_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;

    case PROP_PENDING_VISIBLE:
      g_value_set_boolean (value, self->pending_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_data_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TwDataView *self = TW_DATA_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tw_data_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_TABLE:
      tw_data_view_set_table (self, g_value_get_object (value));
      break;

    case PROP_PENDING_VISIBLE:
      if (self->pending_visible != g_value_get_boolean (value))
        {
          self->pending_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_data_view_class_init (TwDataViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_data_view_dispose;
  object_class->get_property = tw_data_view_get_property;
  object_class->set_property = tw_data_view_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TW_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL,
                         TW_TYPE_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PENDING_VISIBLE] =
    g_param_spec_boolean ("pending-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TW_TYPE_PENDING_PANE);
  g_type_ensure (TW_TYPE_LINKS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tablewright/Tablewright/ui/tw-data-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, stack);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, filter_column);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, filter_operator);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, column_names);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, count_label);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, pending_pane);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, links_revealer);
  gtk_widget_class_bind_template_child (widget_class, TwDataView, links_pane);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_operator_cb);

  gtk_widget_class_install_action (widget_class, "grid.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "grid.delete-row", NULL, delete_row_action);
  gtk_widget_class_install_action (widget_class, "grid.duplicate-row", NULL, duplicate_row_action);
  gtk_widget_class_install_action (widget_class, "grid.copy", NULL, copy_rows_action);
  gtk_widget_class_install_action (widget_class, "grid.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "grid.apply-filter", NULL, apply_filter_action);
  gtk_widget_class_install_action (widget_class, "grid.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "grid.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "grid.reload", NULL, reload_action);
  gtk_widget_class_install_property_action (widget_class, "grid.show-pending", "pending-visible");

  /* Every binding here is listed in ui/tw-shortcuts-window.ui too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK,
                                       "grid.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "grid.delete-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "grid.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "grid.duplicate-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "grid.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "grid.cancel-load", NULL);
}

static void
tw_data_view_init (TwDataView *self)
{
  GtkEventController *keys;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  self->im_context = gtk_im_multicontext_new ();
  gtk_im_context_set_client_widget (self->im_context, GTK_WIDGET (self->column_view));
  g_signal_connect_object (self->im_context, "commit", G_CALLBACK (grid_im_commit_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_event_controller_key_set_im_context (GTK_EVENT_CONTROLLER_KEY (keys), self->im_context);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  update_page (self);
  update_actions (self);
}
