/* tw-layout.c: card geometry and automatic layered layout of the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-layout"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "tw-layout.h"

/* Barycenter sweeps, each one down and one up. */
#define N_SWEEPS 4

typedef struct
{
  TwTable *table;
  guint    layer;
  double   order;      /* position within the layer */
  double   key;        /* the barycenter being sorted on */
  double   height;
  double   x;
  double   y;
  GArray  *neighbours; /* of guint: node indexes, both directions */
  guint    linked : 1;
} Node;

double
tw_layout_get_card_height (TwTable *table)
{
  g_return_val_if_fail (TW_IS_TABLE (table), 0.0);

  return TW_LAYOUT_HEADER_HEIGHT
         + TW_LAYOUT_ROW_HEIGHT * MAX (1, tw_table_get_n_columns (table))
         + TW_LAYOUT_CARD_PADDING;
}

gboolean
tw_layout_get_bounds (TwMetadata *metadata,
                      double     *x,
                      double     *y,
                      double     *width,
                      double     *height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (metadata), FALSE);

  n = tw_metadata_get_n_tables (metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);
      double tx = tw_table_get_x (table);
      double ty = tw_table_get_y (table);

      x0 = MIN (x0, tx);
      y0 = MIN (y0, ty);
      x1 = MAX (x1, tx + TW_LAYOUT_CARD_WIDTH);
      y1 = MAX (y1, ty + tw_layout_get_card_height (table));
    }

  if (n == 0)
    x0 = y0 = x1 = y1 = 0.0;

  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
  return n > 0;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Node *nodes = user_data;
  const Node *na = &nodes[*(const guint *) a];
  const Node *nb = &nodes[*(const guint *) b];

  if (na->key < nb->key)
    return -1;
  if (na->key > nb->key)
    return 1;
  if (na->order < nb->order)
    return -1;
  if (na->order > nb->order)
    return 1;
  return 0;
}

/* Sorts each layer by the mean order of its neighbours in the layers
 * before it (down) or after it (up). */
static void
sweep (Node      *nodes,
       GArray   **layers,
       guint      n_layers,
       gboolean   down)
{
  for (guint k = 1; k < n_layers; k++)
    {
      guint l = down ? k : n_layers - 1 - k;
      GArray *layer = layers[l];

      for (guint i = 0; i < layer->len; i++)
        {
          Node *node = &nodes[g_array_index (layer, guint, i)];
          double sum = 0.0;
          guint count = 0;

          for (guint e = 0; e < node->neighbours->len; e++)
            {
              Node *other = &nodes[g_array_index (node->neighbours, guint, e)];

              if (down ? other->layer < l : other->layer > l)
                {
                  /* Neighbours in the adjacent layer count more than far ones. */
                  guint weight = (other->layer + 1 == l || other->layer == l + 1) ? 4 : 1;

                  sum += other->order * weight;
                  count += weight;
                }
            }
          node->key = count > 0 ? sum / count : node->order;
        }

      g_array_sort_with_data (layer, compare_by_key, nodes);
      for (guint i = 0; i < layer->len; i++)
        {
          Node *node = &nodes[g_array_index (layer, guint, i)];

          /* Orders are relative to the layer's size, so that layers of
           * different sizes line up. */
          node->order = layer->len > 1 ? (double) i / (layer->len - 1) : 0.5;
        }
    }
}

/* Long chains of references give many thin layers: a strip far wider than
 * high. Such a strip is cut into bands of consecutive layers stacked top to
 * bottom, for an overall shape near 16:10. Returns how many layers wide the
 * result is; min_y and height are updated. */
static guint
fold_layers (Node    *nodes,
             GArray **layers,
             guint    n_layers,
             double  *min_y,
             double  *height)
{
  double step = TW_LAYOUT_CARD_WIDTH + TW_LAYOUT_LAYER_GAP;
  double total_extent = 0.0;
  double mean_extent;
  double offset = 0.0;
  guint n_bands, per_band;

  if (n_layers < 4)
    return n_layers;

  for (guint l = 0; l < n_layers; l++)
    {
      GArray *layer = layers[l];
      Node *first = &nodes[g_array_index (layer, guint, 0)];
      Node *last = &nodes[g_array_index (layer, guint, layer->len - 1)];

      total_extent += last->y + last->height - first->y + TW_LAYOUT_CARD_GAP;
    }
  mean_extent = total_extent / n_layers;
  n_bands = (guint) round (sqrt (n_layers * step / (1.6 * MAX (mean_extent, 1.0))));
  if (n_bands < 2)
    return n_layers;
  per_band = (n_layers + n_bands - 1) / n_bands;

  for (guint first_layer = 0; first_layer < n_layers; first_layer += per_band)
    {
      guint end = MIN (first_layer + per_band, n_layers);
      double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

      for (guint l = first_layer; l < end; l++)
        for (guint i = 0; i < layers[l]->len; i++)
          {
            Node *node = &nodes[g_array_index (layers[l], guint, i)];

            top = MIN (top, node->y);
            bottom = MAX (bottom, node->y + node->height);
          }
      for (guint l = first_layer; l < end; l++)
        for (guint i = 0; i < layers[l]->len; i++)
          {
            Node *node = &nodes[g_array_index (layers[l], guint, i)];

            node->y = node->y - top + offset;
            node->x = (l - first_layer) * step;
          }
      offset = ceil ((offset + bottom - top + TW_LAYOUT_LAYER_GAP) / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
    }

  *min_y = 0.0;
  *height = offset - TW_LAYOUT_LAYER_GAP + TW_LAYOUT_CARD_GAP;
  return per_band;
}

static double
snap (double value)
{
  return round (value / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
}

void
tw_layout_apply (TwMetadata *metadata)
{
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GHashTable) index_of = NULL;
  g_autofree Node *nodes = NULL;
  GArray **layers = NULL;
  guint n, n_layers = 0;
  guint width_in_layers;
  double max_height = 0.0;
  double min_y = G_MAXDOUBLE;
  double column_x, column_y, column_height;

  g_return_if_fail (TW_IS_METADATA (metadata));

  sorted = tw_metadata_sort_tables (metadata, NULL);
  n = sorted->len;
  if (n == 0)
    return;

  nodes = g_new0 (Node, n);
  index_of = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = g_ptr_array_index (sorted, i);

      nodes[i].table = table;
      nodes[i].height = tw_layout_get_card_height (table);
      nodes[i].neighbours = g_array_new (FALSE, FALSE, sizeof (guint));
      if (!g_hash_table_contains (index_of, tw_table_get_name (table)))
        g_hash_table_insert (index_of, (gpointer) tw_table_get_name (table), GUINT_TO_POINTER (i + 1));
    }

  /* Layers: a table sits one layer right of the deepest table it refers to
   * among those before it in the sort order; references to later tables
   * (cycles) only pull on the ordering. */
  for (guint i = 0; i < n; i++)
    {
      GListModel *fks = tw_table_get_foreign_keys (nodes[i].table);
      guint n_fks = g_list_model_get_n_items (fks);

      for (guint f = 0; f < n_fks; f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          guint j = GPOINTER_TO_UINT (g_hash_table_lookup (index_of,
                                                           tw_foreign_key_get_referred_table (fk)));

          if (j == 0 || j - 1 == i)
            continue;
          j--;
          g_array_append_val (nodes[i].neighbours, j);
          g_array_append_val (nodes[j].neighbours, i);
          nodes[i].linked = nodes[j].linked = TRUE;
          if (j < i)
            nodes[i].layer = MAX (nodes[i].layer, nodes[j].layer + 1);
        }
    }

  for (guint i = 0; i < n; i++)
    if (nodes[i].linked)
      n_layers = MAX (n_layers, nodes[i].layer + 1);

  layers = g_new0 (GArray *, MAX (n_layers, 1));
  for (guint l = 0; l < n_layers; l++)
    layers[l] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    if (nodes[i].linked)
      g_array_append_val (layers[nodes[i].layer], i);
  for (guint l = 0; l < n_layers; l++)
    for (guint i = 0; i < layers[l]->len; i++)
      {
        Node *node = &nodes[g_array_index (layers[l], guint, i)];

        node->order = layers[l]->len > 1 ? (double) i / (layers[l]->len - 1) : 0.5;
      }

  for (guint s = 0; s < N_SWEEPS; s++)
    {
      sweep (nodes, layers, n_layers, TRUE);
      sweep (nodes, layers, n_layers, FALSE);
    }

  /* Placement: the first layer stacked; each later card as near as it can
   * be to the middle of its neighbours on the left, without overlapping the
   * card above it. */
  for (guint l = 0; l < n_layers; l++)
    {
      double bottom = -G_MAXDOUBLE;

      for (guint i = 0; i < layers[l]->len; i++)
        {
          Node *node = &nodes[g_array_index (layers[l], guint, i)];
          double sum = 0.0;
          guint count = 0;
          double y;

          for (guint e = 0; e < node->neighbours->len; e++)
            {
              Node *other = &nodes[g_array_index (node->neighbours, guint, e)];

              if (other->layer < l)
                {
                  sum += other->y + other->height / 2.0;
                  count++;
                }
            }

          y = count > 0 ? sum / count - node->height / 2.0 : (bottom == -G_MAXDOUBLE ? 0.0 : bottom);
          if (bottom != -G_MAXDOUBLE)
            y = MAX (y, bottom);
          node->y = snap (y);
          if (node->y < y)
            node->y += TW_LAYOUT_GRID;
          node->x = l * (TW_LAYOUT_CARD_WIDTH + TW_LAYOUT_LAYER_GAP);
          bottom = node->y + node->height + TW_LAYOUT_CARD_GAP;
          min_y = MIN (min_y, node->y);
          max_height = MAX (max_height, bottom);
        }
    }

  if (min_y == G_MAXDOUBLE)
    min_y = 0.0;
  max_height -= min_y;

  width_in_layers = fold_layers (nodes, layers, n_layers, &min_y, &max_height);

  /* Tables without links: in columns after the layers, each column no taller
   * than the layered part (or 800 units). */
  column_height = MAX (max_height, 800.0);
  column_x = width_in_layers * (TW_LAYOUT_CARD_WIDTH + TW_LAYOUT_LAYER_GAP);
  column_y = min_y;
  for (guint i = 0; i < n; i++)
    {
      Node *node = &nodes[i];

      if (node->linked)
        continue;
      if (column_y > min_y && column_y - min_y + node->height > column_height)
        {
          column_x += TW_LAYOUT_CARD_WIDTH + TW_LAYOUT_LAYER_GAP / 2.0;
          column_y = min_y;
        }
      node->x = column_x;
      node->y = column_y;
      column_y = snap (column_y + node->height + TW_LAYOUT_CARD_GAP + TW_LAYOUT_GRID / 2.0);
    }

  /* The model's order, so that signals fire in a stable order too. */
  for (guint i = 0; i < n; i++)
    {
      double x = nodes[i].x;
      double y = nodes[i].y - min_y;

      if (tw_table_get_x (nodes[i].table) != x || tw_table_get_y (nodes[i].table) != y)
        tw_table_set_position (nodes[i].table, x, y);
    }

  for (guint l = 0; l < n_layers; l++)
    g_array_unref (layers[l]);
  g_free (layers);
  for (guint i = 0; i < n; i++)
    g_array_unref (nodes[i].neighbours);
}
