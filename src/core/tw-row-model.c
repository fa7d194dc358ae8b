/* tw-row-model.c: a lazy list of the rows of a table, read page by page through a session
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-row-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tw-row-model.h"
#include "tw-session-private.h"

#define DEFAULT_PAGE_SIZE 200
#define DEFAULT_MAX_PAGES 16

/* Below this many rows an exact count is cheap enough to ask for. */
#define EXACT_COUNT_LIMIT 100000

/* A jump further than this many pages past any loaded page seeks a key
 * rather than counting rows with OFFSET. */
#define SEEK_DISTANCE 4

typedef struct
{
  guint       index;
  GPtrArray  *rows;          /* of TwRow; NULL while loading */
  GPtrArray  *placeholders;  /* of TwRow or NULL, page_size of them; NULL if none */
  GList       lru_link;
  gboolean    loading;
} Page;

typedef enum
{
  REQUEST_PAGE,
  REQUEST_ESTIMATE,
  REQUEST_PLAN_ESTIMATE,
  REQUEST_COUNT,
  REQUEST_KEY_RANGE,
} RequestKind;

typedef enum
{
  FETCH_FIRST,
  FETCH_AFTER,
  FETCH_BEFORE,
  FETCH_SEEK,
  FETCH_OFFSET,
} FetchKind;

typedef struct
{
  TwRowModel  *model;
  RequestKind  kind;
  FetchKind    fetch;
  guint        generation;
  guint        page;
} Request;

struct _TwRowModel
{
  GObject        parent_instance;

  TwSession     *session;
  TwTable       *table;
  TwRowSchema   *schema;
  gulong         row_staged_id;
  gulong         committed_id;

  char          *filter_column;
  TwFilterOperator filter_op;
  TwValue       *filter_value;
  char          *filter_through;
  char          *filter_through_column;
  char          *filter_through_key;
  gboolean       has_filter;
  char          *sort_column;
  gboolean       sort_descending;

  guint          page_size;
  guint          max_pages;

  guint          n_db;             /* rows of the table, estimated or exact */
  gboolean       exact;
  GPtrArray     *extra;            /* new rows staged in the session */

  GHashTable    *pages;            /* page index → Page */
  GQueue         lru;              /* most recently used first */

  GCancellable  *cancellable;
  guint          generation;
  guint          n_requests;

  gboolean       have_key_range;
  gint64         key_min;
  gint64         key_max;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TwRowModel, tw_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TABLE,
  PROP_LOADING,
  N_PROPS,
};

enum {
  ERROR,
  RESET,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void request_page (TwRowModel *self,
                          guint       index);

/* Pages */

static void
unref_placeholder (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->placeholders, g_ptr_array_unref);
  g_free (page);
}

static guint
n_items (TwRowModel *self)
{
  return self->n_db + self->extra->len;
}

static void
touch_page (TwRowModel *self,
            Page       *page)
{
  g_queue_unlink (&self->lru, &page->lru_link);
  g_queue_push_head_link (&self->lru, &page->lru_link);
}

static void
drop_page (TwRowModel *self,
           Page       *page)
{
  g_queue_unlink (&self->lru, &page->lru_link);
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
}

/* Keeps at most max_pages pages, dropping the least recently used ones
 * that are not loading. */
static void
evict_pages (TwRowModel *self)
{
  GList *l = self->lru.tail;

  while (self->lru.length > self->max_pages && l != NULL)
    {
      Page *page = l->data;

      l = l->prev;
      if (!page->loading)
        drop_page (self, page);
    }
}

static Page *
lookup_page (TwRowModel *self,
             guint       index)
{
  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
}

static void
set_n_db (TwRowModel *self,
          guint       n_db,
          gboolean    exact)
{
  guint old_n = n_items (self);
  guint first;
  g_autoptr (GArray) gone = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  self->exact = exact;
  if (n_db == self->n_db)
    return;

  first = MIN (n_db, self->n_db);
  self->n_db = n_db;

  /* Pages past the end are gone. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);

      if ((guint64) index * self->page_size >= n_db && index > 0)
        g_array_append_val (gone, index);
    }
  for (guint i = 0; i < gone->len; i++)
    {
      Page *page = lookup_page (self, g_array_index (gone, guint, i));

      if (!page->loading)
        drop_page (self, page);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), first, old_n - first, n_items (self) - first);
}

/* Requests */

static void
set_loading (TwRowModel *self,
             int         delta)
{
  gboolean was = self->n_requests > 0;

  self->n_requests += delta;
  if (was != (self->n_requests > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
clear_filter (TwRowModel *self)
{
  g_clear_pointer (&self->filter_column, g_free);
  g_clear_pointer (&self->filter_value, tw_value_free);
  g_clear_pointer (&self->filter_through, g_free);
  g_clear_pointer (&self->filter_through_column, g_free);
  g_clear_pointer (&self->filter_through_key, g_free);
}

static TwFilter *
get_filter (TwRowModel *self,
            TwFilter   *filter)
{
  if (!self->has_filter)
    return NULL;

  filter->column = self->filter_column;
  filter->op = self->filter_op;
  filter->value = self->filter_value;
  filter->through = self->filter_through;
  filter->through_column = self->filter_through_column;
  filter->through_key = self->filter_through_key;
  return filter;
}

static TwSort *
get_sort (TwRowModel *self,
          TwSort     *sort)
{
  if (self->sort_column == NULL)
    return NULL;

  sort->column = self->sort_column;
  sort->descending = self->sort_descending;
  return sort;
}

static void request_done_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
send_request (TwRowModel  *self,
              TwQuerySql  *query,
              RequestKind  kind,
              FetchKind    fetch,
              guint        page)
{
  Request *request = g_new0 (Request, 1);

  request->model = g_object_ref (self);
  request->kind = kind;
  request->fetch = fetch;
  request->generation = self->generation;
  request->page = page;

  set_loading (self, 1);
  tw_connection_execute_async (tw_session_get_connection (self->session), query->sql,
                               (TwValue * const *) query->params->pdata, query->params->len,
                               self->cancellable, request_done_cb, request);
  _tw_query_sql_free (query);
}

static void
report_error (TwRowModel   *self,
              const GError *error)
{
  g_signal_emit (self, signals [ERROR], 0, error);
}

static gboolean
seekable (TwRowModel *self)
{
  return self->schema->n_key == 1 && !self->has_filter && self->sort_column == NULL &&
         self->schema->kinds[self->schema->key[0]] == TW_VALUE_KIND_INT64;
}

static void
request_count (TwRowModel *self)
{
  TwFilter filter;
  g_autoptr (GError) error = NULL;
  TwQuerySql *query;

  query = _tw_query_sql_count (self->schema, _tw_session_get_dialect (self->session),
                               get_filter (self, &filter), &error);
  if (query == NULL)
    report_error (self, error);
  else
    send_request (self, query, REQUEST_COUNT, FETCH_FIRST, 0);
}

/* PostgreSQL's planner estimates a filter, or a table never analyzed,
 * from statistics and the table's size: no scan. */
static void
request_plan_estimate (TwRowModel *self)
{
  TwFilter filter;
  g_autoptr (GError) error = NULL;
  TwQuerySql *query;

  query = _tw_query_sql_plan_estimate (self->schema, TW_DIALECT_KIND_POSTGRESQL,
                                       get_filter (self, &filter), &error);
  if (query == NULL)
    request_count (self);
  else
    send_request (self, query, REQUEST_PLAN_ESTIMATE, FETCH_FIRST, 0);
}

/* "Plan Rows" of EXPLAIN (FORMAT JSON), or -1. */
static gint64
plan_rows (TwResult *result)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const TwValue *value;
  JsonNode *root;
  JsonArray *array;
  JsonObject *plan;

  if (tw_result_get_n_rows (result) == 0 || tw_result_get_n_columns (result) == 0)
    return -1;
  value = tw_result_get_value (result, 0, 0);
  if (tw_value_get_kind (value) != TW_VALUE_KIND_JSON && tw_value_get_kind (value) != TW_VALUE_KIND_TEXT)
    return -1;
  if (!json_parser_load_from_data (parser, tw_value_get_text (value), -1, NULL))
    return -1;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return -1;
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return -1;
  plan = json_object_get_object_member (json_array_get_object_element (array, 0), "Plan");
  if (plan == NULL || !json_object_has_member (plan, "Plan Rows"))
    return -1;

  return (gint64) json_object_get_double_member (plan, "Plan Rows");
}

/* Starts fetching page @index: after or before a loaded neighbour when
 * there is one, else by a key estimated from its position, else by
 * OFFSET. */
static void
request_page (TwRowModel *self,
              guint       index)
{
  TwDialectKind kind = _tw_session_get_dialect (self->session);
  g_autoptr (GError) error = NULL;
  TwFilter filter;
  TwSort sort;
  TwQuerySql *query = NULL;
  FetchKind fetch = FETCH_OFFSET;
  Page *page;
  Page *previous = index > 0 ? lookup_page (self, index - 1) : NULL;
  Page *next = lookup_page (self, index + 1);
  gboolean keyed = self->schema->n_key > 0;

  page = lookup_page (self, index);
  if (page == NULL)
    {
      page = g_new0 (Page, 1);
      page->index = index;
      page->lru_link.data = page;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      g_queue_push_head_link (&self->lru, &page->lru_link);
    }
  page->loading = TRUE;

  if (index == 0)
    fetch = FETCH_FIRST;
  else if (keyed && previous != NULL && previous->rows != NULL &&
           previous->rows->len == self->page_size)
    fetch = FETCH_AFTER;
  else if (keyed && next != NULL && next->rows != NULL && next->rows->len > 0)
    fetch = FETCH_BEFORE;
  else if (seekable (self) && self->have_key_range && self->n_db > 0)
    {
      gboolean near = FALSE;

      for (guint d = 1; d <= SEEK_DISTANCE && d <= index && !near; d++)
        near = lookup_page (self, index - d) != NULL;
      if (!near)
        fetch = FETCH_SEEK;
    }

  switch (fetch)
    {
    case FETCH_FIRST:
      query = _tw_query_sql_page (self->schema, kind, get_filter (self, &filter),
                                  get_sort (self, &sort), NULL, NULL, 0, self->page_size, &error);
      break;
    case FETCH_AFTER:
      query = _tw_query_sql_page (self->schema, kind, get_filter (self, &filter),
                                  get_sort (self, &sort),
                                  g_ptr_array_index (previous->rows, previous->rows->len - 1),
                                  NULL, 0, self->page_size, &error);
      break;
    case FETCH_BEFORE:
      query = _tw_query_sql_page (self->schema, kind, get_filter (self, &filter),
                                  get_sort (self, &sort), NULL,
                                  g_ptr_array_index (next->rows, 0), 0, self->page_size, &error);
      break;
    case FETCH_SEEK:
      {
        /* Keys spread evenly between the smallest and the largest: the
         * n-th row has about the n-th share of the range. */
        double share = (double) index * self->page_size / MAX (self->n_db, 1);
        gint64 key = self->key_min + (gint64) (share * ((double) self->key_max - (double) self->key_min));

        query = _tw_query_sql_seek (self->schema, kind, key, self->page_size);
      }
      break;
    case FETCH_OFFSET:
    default:
      query = _tw_query_sql_page (self->schema, kind, get_filter (self, &filter),
                                  get_sort (self, &sort), NULL, NULL,
                                  (guint64) index * self->page_size, self->page_size, &error);
      break;
    }

  if (query == NULL)
    {
      page->loading = FALSE;
      page->rows = g_ptr_array_new_with_free_func (g_object_unref);
      report_error (self, error);
      return;
    }

  send_request (self, query, REQUEST_PAGE, fetch, index);
  evict_pages (self);
}

/* Whether the item at @offset of a page changes when @rows replace the
 * page's @placeholders. */
static gboolean
item_replaced (GPtrArray *placeholders,
               GPtrArray *rows,
               guint      offset)
{
  gpointer placeholder;

  if (placeholders == NULL)
    return TRUE;
  if (offset >= placeholders->len)
    return FALSE;

  placeholder = g_ptr_array_index (placeholders, offset);
  if (placeholder == NULL)
    return FALSE;

  return offset >= rows->len || g_ptr_array_index (rows, offset) != placeholder;
}

/* The placeholders handed out for the page, in the order of the rows of
 * @result (a page read backwards arrives last row first), or NULL. */
static GPtrArray *
ordered_placeholders (TwRowModel *self,
                      Request    *request,
                      TwResult   *result)
{
  Page      *page = lookup_page (self, request->page);
  guint      n_rows = tw_result_get_n_rows (result);
  GPtrArray *ordered;

  if (page == NULL || page->placeholders == NULL)
    return NULL;

  /* Backwards, the rows land in their places only when the page is full. */
  if (request->fetch == FETCH_BEFORE && n_rows != self->page_size)
    return NULL;

  ordered = g_ptr_array_new_full (n_rows, NULL);
  for (guint r = 0; r < n_rows && r < page->placeholders->len; r++)
    {
      guint offset = request->fetch == FETCH_BEFORE ? n_rows - 1 - r : r;

      g_ptr_array_add (ordered, g_ptr_array_index (page->placeholders, offset));
    }

  return ordered;
}

static void
page_loaded (TwRowModel *self,
             Request    *request,
             GPtrArray  *rows)
{
  Page *page = lookup_page (self, request->page);
  guint start = request->page * self->page_size;
  guint before_n;
  guint changed;
  g_autoptr (GPtrArray) placeholders = NULL;

  if (page == NULL)
    return;

  if (request->fetch == FETCH_BEFORE)
    {
      /* Read backwards from the page after. */
      for (guint i = 0; i < rows->len / 2; i++)
        {
          gpointer tmp = rows->pdata[i];

          rows->pdata[i] = rows->pdata[rows->len - 1 - i];
          rows->pdata[rows->len - 1 - i] = tmp;
        }
    }

  page->loading = FALSE;
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  page->rows = g_ptr_array_ref (rows);
  placeholders = g_steal_pointer (&page->placeholders);
  touch_page (self, page);

  /* Only the places whose item really changed: a placeholder that became
   * its row (the usual case) already told its cells, and a place nobody
   * asked for has no placeholder. Rebinding a whole page of cells is what
   * makes a grid slow. */
  before_n = self->n_db;
  changed = start < before_n ? MIN (self->page_size, before_n - start) : 0;
  for (guint i = 0; i < changed;)
    {
      guint run = 0;

      while (i + run < changed && item_replaced (placeholders, rows, i + run))
        run++;
      if (run > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), start + i, run, run);
      i += run + 1;
    }

  /* The end of the table: a short page read from a known position. */
  if (rows->len < self->page_size && request->fetch != FETCH_BEFORE)
    set_n_db (self, start + rows->len,
              request->fetch == FETCH_FIRST || request->fetch == FETCH_OFFSET ||
              request->fetch == FETCH_AFTER);
  else if (!self->exact && (guint64) start + rows->len >= self->n_db)
    /* More rows than estimated: room for one more page. */
    set_n_db (self, start + rows->len + self->page_size, FALSE);

  evict_pages (self);
}

static gint64
result_int64 (TwResult *result,
              guint     column,
              gboolean *ok)
{
  const TwValue *value;

  *ok = FALSE;
  if (tw_result_get_n_rows (result) == 0 || tw_result_get_n_columns (result) <= column)
    return 0;

  value = tw_result_get_value (result, 0, column);
  switch (tw_value_get_kind (value))
    {
    case TW_VALUE_KIND_INT64:
      *ok = TRUE;
      return tw_value_get_int64 (value);
    case TW_VALUE_KIND_DOUBLE:
      *ok = TRUE;
      return (gint64) tw_value_get_double (value);
    case TW_VALUE_KIND_NUMERIC:
    case TW_VALUE_KIND_TEXT:
      *ok = TRUE;
      return g_ascii_strtoll (tw_value_get_text (value), NULL, 10);
    case TW_VALUE_KIND_NULL:
    case TW_VALUE_KIND_BOOLEAN:
    case TW_VALUE_KIND_BLOB:
    case TW_VALUE_KIND_DATE:
    case TW_VALUE_KIND_TIME:
    case TW_VALUE_KIND_DATETIME:
    case TW_VALUE_KIND_JSON:
    case TW_VALUE_KIND_UUID:
    default:
      return 0;
    }
}

static void
estimate_loaded (TwRowModel *self,
                 TwResult   *result)
{
  gboolean ok;
  gint64 estimate = result_int64 (result, 0, &ok);
  Page *first = lookup_page (self, 0);
  guint lower = 0;

  if (self->exact)
    return;

  /* An empty SQLite table has no largest rowid: that is exact. */
  if (!ok && _tw_session_get_dialect (self->session) == TW_DIALECT_KIND_SQLITE &&
      tw_result_get_n_rows (result) == 1)
    {
      if (first != NULL && first->rows != NULL && first->rows->len == 0)
        return;
      estimate = 0;
      ok = TRUE;
    }

  if (!ok || estimate < 0)
    {
      /* Never analyzed (reltuples is -1): the planner still estimates. */
      if (_tw_session_get_dialect (self->session) == TW_DIALECT_KIND_POSTGRESQL)
        request_plan_estimate (self);
      else
        request_count (self);
      return;
    }

  if (first != NULL && first->rows != NULL)
    lower = first->rows->len;
  set_n_db (self, MAX ((guint) MIN (estimate, G_MAXUINT / 2), lower), FALSE);

  if (estimate <= EXACT_COUNT_LIMIT)
    request_count (self);
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  TwRowModel *self = request->model;
  g_autoptr (TwResult) rows = NULL;
  g_autoptr (GError) error = NULL;
  gboolean current;

  rows = tw_connection_execute_finish (TW_CONNECTION (object), result, &error);
  current = request->generation == self->generation && self->session != NULL;
  set_loading (self, -1);

  if (!current || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  if (rows == NULL)
    {
      Page *page = request->kind == REQUEST_PAGE ? lookup_page (self, request->page) : NULL;

      if (page != NULL && page->loading)
        drop_page (self, page);

      /* No cheap estimate (a WITHOUT ROWID table on SQLite): count. */
      if (request->kind == REQUEST_ESTIMATE || request->kind == REQUEST_PLAN_ESTIMATE)
        request_count (self);
      else if (request->kind != REQUEST_KEY_RANGE)
        report_error (self, error);
      goto out;
    }

  switch (request->kind)
    {
    case REQUEST_PAGE:
      {
        g_autoptr (GPtrArray) placeholders = ordered_placeholders (self, request, rows);
        g_autoptr (GPtrArray) page_rows = NULL;

        page_rows = _tw_session_rows_from_result_into (self->session, self->schema, rows,
                                                       placeholders);

        page_loaded (self, request, page_rows);
      }
      break;

    case REQUEST_ESTIMATE:
      estimate_loaded (self, rows);
      break;

    case REQUEST_PLAN_ESTIMATE:
      {
        gint64 estimate = plan_rows (rows);
        Page *first = lookup_page (self, 0);
        guint lower = first != NULL && first->rows != NULL ? first->rows->len : 0;

        if (self->exact)
          break;
        if (estimate < 0)
          {
            request_count (self);
            break;
          }
        set_n_db (self, MAX ((guint) MIN (estimate, G_MAXUINT / 2), lower), FALSE);
        if (estimate <= EXACT_COUNT_LIMIT)
          request_count (self);
      }
      break;

    case REQUEST_COUNT:
      {
        gboolean ok;
        gint64 count = result_int64 (rows, 0, &ok);

        if (ok)
          set_n_db (self, (guint) CLAMP (count, 0, G_MAXUINT / 2), TRUE);
      }
      break;

    case REQUEST_KEY_RANGE:
      {
        gboolean ok_min, ok_max;

        self->key_min = result_int64 (rows, 0, &ok_min);
        self->key_max = result_int64 (rows, 1, &ok_max);
        self->have_key_range = ok_min && ok_max;
      }
      break;

    default:
      g_assert_not_reached ();
    }

out:
  g_object_unref (request->model);
  g_free (request);
}

/* Loading from the start */

static void
refresh_extra (TwRowModel *self)
{
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  self->extra = _tw_session_dup_new_rows (self->session, self->table);
}

void
tw_row_model_reload (TwRowModel *self)
{
  TwDialectKind kind;
  TwQuerySql *query;
  guint old_n;

  g_return_if_fail (TW_IS_ROW_MODEL (self));

  if (self->session == NULL)
    return;

  old_n = n_items (self);
  kind = _tw_session_get_dialect (self->session);

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->pages);
  self->exact = FALSE;
  self->have_key_range = FALSE;
  refresh_extra (self);

  /* The first page always: a catalog may say 0 for a table filled since
   * it was last analyzed. Then the estimate (the count, with a filter). */
  request_page (self, 0);
  if (self->has_filter && kind == TW_DIALECT_KIND_POSTGRESQL)
    request_plan_estimate (self);
  else if (self->has_filter || (query = _tw_query_sql_estimate (self->schema, kind)) == NULL)
    request_count (self);
  else
    send_request (self, query, REQUEST_ESTIMATE, FETCH_FIRST, 0);
  if (seekable (self))
    send_request (self, _tw_query_sql_key_range (self->schema, kind), REQUEST_KEY_RANGE,
                  FETCH_FIRST, 0);

  g_signal_emit (self, signals [RESET], 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_items (self));
}

static void
row_staged_cb (TwRowModel *self,
               TwRow      *row,
               TwSession  *session)
{
  guint index;

  if (row->id.schema->table != self->table)
    return;

  if (g_ptr_array_find (self->extra, row, &index))
    {
      if (!row->is_new || !row->attached)
        {
          g_ptr_array_remove_index (self->extra, index);
          g_list_model_items_changed (G_LIST_MODEL (self), self->n_db + index, 1, 0);
        }
    }
  else if (row->is_new && row->attached)
    {
      g_ptr_array_add (self->extra, g_object_ref (row));
      g_list_model_items_changed (G_LIST_MODEL (self), n_items (self) - 1, 0, 1);
    }
}

static void
committed_cb (TwRowModel *self,
              TwSession  *session)
{
  /* Committed rows may now sort anywhere: read the table again, keeping
   * the count as the first guess. */
  tw_row_model_reload (self);
}

/* GListModel */

static GType
tw_row_model_get_item_type (GListModel *model)
{
  return TW_TYPE_ROW;
}

static guint
tw_row_model_get_n_items (GListModel *model)
{
  return n_items (TW_ROW_MODEL (model));
}

static gpointer
tw_row_model_get_item (GListModel *model,
                       guint       position)
{
  TwRowModel *self = TW_ROW_MODEL (model);
  guint index, offset;
  Page *page;
  TwRow *placeholder;

  if (position >= n_items (self))
    return NULL;
  if (position >= self->n_db)
    return g_object_ref (g_ptr_array_index (self->extra, position - self->n_db));

  index = position / self->page_size;
  offset = position % self->page_size;
  page = lookup_page (self, index);

  if (page != NULL && page->rows != NULL && offset < page->rows->len)
    {
      touch_page (self, page);
      return g_object_ref (g_ptr_array_index (page->rows, offset));
    }

  if (page == NULL || (!page->loading && page->rows == NULL))
    {
      request_page (self, index);
      page = lookup_page (self, index);
    }

  /* A placeholder until the page arrives; the same one each time. */
  if (page->placeholders == NULL)
    {
      page->placeholders = g_ptr_array_new_full (self->page_size, unref_placeholder);
      g_ptr_array_set_size (page->placeholders, self->page_size);
    }
  placeholder = g_ptr_array_index (page->placeholders, offset);
  if (placeholder == NULL)
    {
      placeholder = _tw_row_new_placeholder (self->schema);
      g_ptr_array_index (page->placeholders, offset) = placeholder;
    }

  return g_object_ref (placeholder);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tw_row_model_get_item_type;
  iface->get_n_items = tw_row_model_get_n_items;
  iface->get_item = tw_row_model_get_item;
}

/* GObject */

static void
tw_row_model_dispose (GObject *object)
{
  TwRowModel *self = (TwRowModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->row_staged_id, self->session);
      g_clear_signal_handler (&self->committed_id, self->session);
    }

  g_queue_init (&self->lru);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  g_clear_pointer (&self->schema, _tw_row_schema_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (tw_row_model_parent_class)->dispose (object);
}

static void
tw_row_model_finalize (GObject *object)
{
  TwRowModel *self = (TwRowModel *) object;

  clear_filter (self);
  g_free (self->sort_column);

  G_OBJECT_CLASS (tw_row_model_parent_class)->finalize (object);
}

static void
tw_row_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TwRowModel *self = TW_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_requests > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_row_model_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TwRowModel *self = TW_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TABLE:
      self->table = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_row_model_constructed (GObject *object)
{
  TwRowModel *self = (TwRowModel *) object;

  G_OBJECT_CLASS (tw_row_model_parent_class)->constructed (object);

  g_assert (TW_IS_SESSION (self->session));
  g_assert (TW_IS_TABLE (self->table));

  self->schema = _tw_row_schema_ref (_tw_session_get_schema (self->session, self->table));
  self->row_staged_id = g_signal_connect_swapped (self->session, "row-staged",
                                                  G_CALLBACK (row_staged_cb), self);
  self->committed_id = g_signal_connect_swapped (self->session, "committed",
                                                 G_CALLBACK (committed_cb), self);
  tw_row_model_reload (self);
}

static void
tw_row_model_class_init (TwRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tw_row_model_constructed;
  object_class->dispose = tw_row_model_dispose;
  object_class->finalize = tw_row_model_finalize;
  object_class->get_property = tw_row_model_get_property;
  object_class->set_property = tw_row_model_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TW_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL,
                         TW_TYPE_TABLE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /* Every item is about to be replaced (a reload, a new filter or sort):
   * what selected or showed places of the old list should forget them.
   * Emitted right before that items-changed. */
  signals [RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tw_row_model_init (TwRowModel *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_pages = DEFAULT_MAX_PAGES;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->extra = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->lru);
}

TwRowModel *
tw_row_model_new (TwSession *session,
                  TwTable   *table)
{
  g_return_val_if_fail (TW_IS_SESSION (session), NULL);
  g_return_val_if_fail (TW_IS_TABLE (table), NULL);

  return g_object_new (TW_TYPE_ROW_MODEL,
                       "session", session,
                       "table", table,
                       NULL);
}

TwSession *
tw_row_model_get_session (TwRowModel *self)
{
  g_return_val_if_fail (TW_IS_ROW_MODEL (self), NULL);

  return self->session;
}

TwTable *
tw_row_model_get_table (TwRowModel *self)
{
  g_return_val_if_fail (TW_IS_ROW_MODEL (self), NULL);

  return self->table;
}

void
tw_row_model_set_filter (TwRowModel     *self,
                         const TwFilter *filter)
{
  g_return_if_fail (TW_IS_ROW_MODEL (self));

  clear_filter (self);
  self->has_filter = filter != NULL;
  if (filter != NULL)
    {
      self->filter_column = g_strdup (filter->column);
      self->filter_op = filter->op;
      self->filter_value = filter->value != NULL ? tw_value_copy (filter->value) : NULL;
      self->filter_through = g_strdup (filter->through);
      self->filter_through_column = g_strdup (filter->through_column);
      self->filter_through_key = g_strdup (filter->through_key);
    }

  tw_row_model_reload (self);
}

void
tw_row_model_set_sort (TwRowModel   *self,
                       const TwSort *sort)
{
  g_return_if_fail (TW_IS_ROW_MODEL (self));

  g_clear_pointer (&self->sort_column, g_free);
  if (sort != NULL && sort->column != NULL)
    {
      self->sort_column = g_strdup (sort->column);
      self->sort_descending = sort->descending;
    }

  tw_row_model_reload (self);
}

void
tw_row_model_set_paging (TwRowModel *self,
                         guint       page_size,
                         guint       max_pages)
{
  g_return_if_fail (TW_IS_ROW_MODEL (self));
  g_return_if_fail (page_size > 0);
  g_return_if_fail (max_pages >= 2);

  self->page_size = page_size;
  self->max_pages = max_pages;
  tw_row_model_reload (self);
}

gboolean
tw_row_model_get_loading (TwRowModel *self)
{
  g_return_val_if_fail (TW_IS_ROW_MODEL (self), FALSE);

  return self->n_requests > 0;
}

gboolean
tw_row_model_is_exact (TwRowModel *self)
{
  g_return_val_if_fail (TW_IS_ROW_MODEL (self), FALSE);

  return self->exact;
}

guint
tw_row_model_get_n_pages (TwRowModel *self)
{
  g_return_val_if_fail (TW_IS_ROW_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}
