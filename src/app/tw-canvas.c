/* tw-canvas.c: the design canvas: table cards and their links, zoomable and scrollable
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-canvas"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tw-canvas-private.h"
#include "tw-diagram-painter.h"
#include "tw-layout.h"

#define MIN_ZOOM       0.02
#define MAX_ZOOM       4.0
#define ZOOM_STEP      1.2
/* Space around the cards, in model units. */
#define CONTENT_MARGIN 400.0
#define MINIMAP_WIDTH  200.0
#define MINIMAP_HEIGHT 140.0
#define MINIMAP_MARGIN 12.0
#define DRAG_THRESHOLD 3.0
/* A zoom step sequence (wheel, pinch, keys) counts as settled this long
 * after its last step; until then cards keep the nodes painted at an
 * earlier zoom, drawn scaled. */
#define ZOOM_SETTLE_MS 150
/* Cards painted per frame while a zoom is in progress or settling; the
 * others are drawn scaled (or as an overview) until a later frame. */
#define MAX_CARD_PAINTS_PER_FRAME 6
/* Painted cards of more than this many pixels in all are let go of when
 * they have not been drawn for a while. */
#define MAX_CARD_PIXELS (24 * 1024 * 1024)
#define CARD_KEEP_FRAMES 30
/* With the GL renderer the overview's links are painted into one texture
 * for the whole diagram, when it is at most this many pixels each way. */
#define MAX_LINK_TEXTURE_SIZE 4096
/* Cards larger than this each way are not painted into textures. */
#define MAX_CARD_TEXTURE_SIZE 4096
/* In the overview (below TW_DIAGRAM_OVERVIEW_ZOOM) the name is this large,
 * in model units, and is left out below OVERVIEW_NAME_ZOOM, where it would
 * be smaller than about 5 pixels; the column bars are left out below
 * OVERVIEW_BARS_ZOOM, where they would be thinner than 2 pixels. Names are
 * laid out at most MAX_NAMES_PER_FRAME a frame. */
#define OVERVIEW_NAME_SIZE  36.0
#define OVERVIEW_NAME_ZOOM  0.14
#define OVERVIEW_BARS_ZOOM  0.21
#define MAX_NAMES_PER_FRAME 40

/* The cached render nodes of one card. */
typedef struct
{
  /* The full card painted at detail_zoom, top left at (0, 0): a texture
   * node or a cairo node (see paint_card_detail()). */
  GskRenderNode *detail;
  double         detail_zoom;
  int            detail_scale;
  gboolean       detail_is_texture;
  /* The frame that last drew it. */
  guint64        drawn_frame;
  /* The overview card's column bars, and its name on a plate, in model
   * units: they do not depend on the zoom. */
  GskRenderNode *overview_bars;
  GskRenderNode *overview_name;
} CardNodes;

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_PAN,
  DRAG_BAND,
  DRAG_MINIMAP,
  DRAG_CONNECT,
} DragMode;

/* The handle at the right end of a column row that starts a foreign key. */
#define HANDLE_WIDTH 16.0

struct _TwCanvas
{
  GtkWidget       parent_instance;

  TwMetadata     *metadata;
  TwHistory      *history;
  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  guint           hscroll_policy : 1;
  guint           vscroll_policy : 1;
  guint           links_dirty : 1;
  guint           bounds_dirty : 1;
  guint           moved : 1;
  /* After a zoom has settled, until every card in view is painted again. */
  guint           zoom_repaint : 1;

  double          zoom;
  /* The model point at the top left of the scrollable content. */
  double          origin_x;
  double          origin_y;
  double          extent_x;
  double          extent_y;

  TwDiagramStyle  style;
  /* TwTable (a reference) → CardNodes. */
  GHashTable     *card_nodes;
  guint           zoom_settle_id;
  guint           repaint_id;
  guint64         n_frames;
  /* The pixels of all cards' detail textures. */
  gint64          card_pixels;
  GArray         *links;          /* TwDiagramLink */
  /* All links painted at links_zoom (see append_links_texture()), a
   * texture node whose top left is the model point (links_x, links_y). */
  GskRenderNode  *links_node;
  double          links_zoom;
  /* The marks at the ends of the links, painted at marks_zoom: for link i
   * the node of its referred table's end at 2 i, of the other at 2 i + 1,
   * or NULL. Reused while panning, so the GL renderer keeps their
   * textures. */
  GPtrArray      *mark_nodes;
  double          marks_zoom;
  double          links_x;
  double          links_y;
  GHashTable     *associations;   /* names of association tables */
  guint           n_drawn_cards;
  guint           n_stale_cards;
  gboolean        drew_overview;

  /* Selected tables: TwTable (a reference) → itself. */
  GHashTable     *selection;
  TwTable        *focus;          /* a reference, or NULL */
  char           *tool;
  TwTable        *tool_first;     /* a reference, or NULL */

  DragMode        drag_mode;
  double          drag_x;         /* widget point where the drag began */
  double          drag_y;
  double          drag_value_x;   /* adjustments' values then */
  double          drag_value_y;
  GPtrArray      *drag_tables;    /* references */
  GArray         *drag_origins;   /* double pairs: each table's x, y */
  GHashTable     *band_base;      /* the selection before a band drag */
  double          band_x1;
  double          band_y1;
  /* The column a foreign key is being drawn from. */
  TwTable        *connect_table;
  TwColumn       *connect_column;

  double          pointer_x;
  double          pointer_y;
  double          pinch_zoom;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (TwCanvas, tw_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_METADATA,
  PROP_HISTORY,
  PROP_ZOOM,
  PROP_TOOL,
  PROP_SELECTED_TABLE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SELECTION_CHANGED,
  MESSAGE,
  N_SIGNALS,
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Geometry ------------------------------------------------------------------ */

static double
hvalue (TwCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

static double
vvalue (TwCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0.0;
}

static void
widget_to_model (TwCanvas *self,
                 double    wx,
                 double    wy,
                 double   *mx,
                 double   *my)
{
  *mx = (wx + hvalue (self)) / self->zoom + self->origin_x;
  *my = (wy + vvalue (self)) / self->zoom + self->origin_y;
}

static void
model_to_widget (TwCanvas *self,
                 double    mx,
                 double    my,
                 double   *wx,
                 double   *wy)
{
  *wx = (mx - self->origin_x) * self->zoom - hvalue (self);
  *wy = (my - self->origin_y) * self->zoom - vvalue (self);
}

static TwTable *
table_at (TwCanvas *self,
          double    mx,
          double    my)
{
  guint n;

  if (self->metadata == NULL)
    return NULL;

  /* Topmost first: later cards are painted over earlier ones. */
  n = tw_metadata_get_n_tables (self->metadata);
  for (guint i = n; i > 0; i--)
    {
      TwTable *table = tw_metadata_get_table (self->metadata, i - 1);
      double x = tw_table_get_x (table);
      double y = tw_table_get_y (table);

      if (mx >= x && mx < x + TW_LAYOUT_CARD_WIDTH &&
          my >= y && my < y + tw_layout_get_card_height (table))
        return table;
    }
  return NULL;
}

static void ensure_links (TwCanvas *self);

/* The child table of the link passing within a few pixels of the point. */
static TwTable *
link_at (TwCanvas *self,
         double    mx,
         double    my)
{
  double slop = 4.0 / self->zoom;

  ensure_links (self);
  if (self->links == NULL)
    return NULL;

  for (guint i = 0; i < self->links->len; i++)
    {
      const TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, i);

      if (mx < link->x0 || mx > link->x1 || my < link->y0 || my > link->y1)
        continue;
      for (guint p = 0; p + 1 < link->n_points; p++)
        {
          double x0 = MIN (link->points[p][0], link->points[p + 1][0]) - slop;
          double x1 = MAX (link->points[p][0], link->points[p + 1][0]) + slop;
          double y0 = MIN (link->points[p][1], link->points[p + 1][1]) - slop;
          double y1 = MAX (link->points[p][1], link->points[p + 1][1]) + slop;

          if (mx >= x0 && mx <= x1 && my >= y0 && my <= y1)
            return link->child;
        }
    }
  return NULL;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         upper,
                      double         page)
{
  if (adjustment == NULL)
    return;
  upper = MAX (upper, page);
  value = CLAMP (value, 0.0, upper - page);
  gtk_adjustment_configure (adjustment, value, 0.0, upper, page * 0.1, page * 0.9, page);
}

/* Recomputes the content's extent from the cards and keeps the model point
 * at the top left of the view where it is. */
static void
update_adjustments (TwCanvas *self)
{
  double x = 0, y = 0, w = 0, h = 0;
  double old_origin_x = self->origin_x;
  double old_origin_y = self->origin_y;
  double top_x, top_y;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  top_x = hvalue (self) / self->zoom + old_origin_x;
  top_y = vvalue (self) / self->zoom + old_origin_y;

  if (self->metadata != NULL)
    tw_layout_get_bounds (self->metadata, &x, &y, &w, &h);

  self->origin_x = MIN (x, 0.0) - CONTENT_MARGIN;
  self->origin_y = MIN (y, 0.0) - CONTENT_MARGIN;
  /* Keep the current view inside the content while cards move. */
  self->origin_x = MIN (self->origin_x, top_x);
  self->origin_y = MIN (self->origin_y, top_y);
  self->extent_x = MAX (x + w, 0.0) + CONTENT_MARGIN;
  self->extent_y = MAX (y + h, 0.0) + CONTENT_MARGIN;
  self->extent_x = MAX (self->extent_x, top_x + width / self->zoom);
  self->extent_y = MAX (self->extent_y, top_y + height / self->zoom);
  self->bounds_dirty = FALSE;

  configure_adjustment (self->hadjustment, (top_x - self->origin_x) * self->zoom,
                        (self->extent_x - self->origin_x) * self->zoom, width);
  configure_adjustment (self->vadjustment, (top_y - self->origin_y) * self->zoom,
                        (self->extent_y - self->origin_y) * self->zoom, height);
}

/* Caches ------------------------------------------------------------------------ */

static void
clear_link_cache (TwCanvas *self)
{
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->associations, g_hash_table_unref);
  g_clear_pointer (&self->links_node, gsk_render_node_unref);
  g_clear_pointer (&self->mark_nodes, g_ptr_array_unref);
  self->links_dirty = TRUE;
}

static void
ensure_links (TwCanvas *self)
{
  if (!self->links_dirty || self->metadata == NULL)
    return;

  /* While cards are dragged only their own links change: route those
   * quickly, and everything properly once the drag ends. */
  if (self->drag_mode == DRAG_MOVE && self->links != NULL)
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, i);

          if (!g_hash_table_contains (self->selection, link->parent) &&
              !g_hash_table_contains (self->selection, link->child))
            continue;
          tw_diagram_reroute_link (link);
        }
      g_clear_pointer (&self->links_node, gsk_render_node_unref);
      g_clear_pointer (&self->mark_nodes, g_ptr_array_unref);
      self->links_dirty = FALSE;
      return;
    }
  clear_link_cache (self);
  self->links = tw_diagram_collect_links (self->metadata);
  self->associations = tw_diagram_dup_association_names (self->metadata);
  self->links_dirty = FALSE;
}

static gint64
detail_pixels (CardNodes *nodes)
{
  graphene_rect_t bounds;

  if (nodes->detail == NULL || !nodes->detail_is_texture)
    return 0;
  gsk_render_node_get_bounds (nodes->detail, &bounds);
  return (gint64) (bounds.size.width * nodes->detail_scale) * (gint64) (bounds.size.height * nodes->detail_scale);
}

static void
clear_detail (TwCanvas  *self,
              CardNodes *nodes)
{
  self->card_pixels -= detail_pixels (nodes);
  g_clear_pointer (&nodes->detail, gsk_render_node_unref);
}

static void
card_nodes_free (gpointer data)
{
  CardNodes *nodes = data;

  g_clear_pointer (&nodes->detail, gsk_render_node_unref);
  g_clear_pointer (&nodes->overview_bars, gsk_render_node_unref);
  g_clear_pointer (&nodes->overview_name, gsk_render_node_unref);
  g_free (nodes);
}

static CardNodes *
lookup_card_nodes (TwCanvas *self,
                   TwTable  *table)
{
  CardNodes *nodes = g_hash_table_lookup (self->card_nodes, table);

  if (nodes == NULL)
    {
      nodes = g_new0 (CardNodes, 1);
      g_hash_table_insert (self->card_nodes, g_object_ref (table), nodes);
    }
  return nodes;
}

static void
forget_card (TwCanvas *self,
             TwTable  *table)
{
  CardNodes *nodes = g_hash_table_lookup (self->card_nodes, table);

  if (nodes == NULL)
    return;
  clear_detail (self, nodes);
  g_hash_table_remove (self->card_nodes, table);
}

static void
forget_all_cards (TwCanvas *self)
{
  g_hash_table_remove_all (self->card_nodes);
  self->card_pixels = 0;
}

static gboolean
is_association (TwCanvas *self,
                TwTable  *table)
{
  return self->associations != NULL &&
         g_hash_table_contains (self->associations, tw_table_get_name (table));
}

static GdkRGBA
to_rgba (const TwDiagramColor *color)
{
  return (GdkRGBA) { color->r, color->g, color->b, color->a };
}

/* Whether cards are painted into textures rather than cairo nodes. A
 * texture can be drawn scaled while a zoom is in progress without being
 * painted again; the GL renderer would rasterise a cairo node anew for
 * every scale, text and all. The cairo renderer, though, copies a texture
 * into a new image on every frame and scales images slowly, while it
 * replays a cairo node's drawing at any scale. */
static gboolean
wants_textures (TwCanvas *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && !GSK_IS_CAIRO_RENDERER (renderer);
}

/* Paints the full card at the current zoom. */
static void
paint_card_detail (TwCanvas  *self,
                   CardNodes *nodes,
                   TwTable   *table,
                   gboolean   texture)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double height = tw_layout_get_card_height (table);
  double zs = self->zoom * scale;
  int width_px = (int) ceil ((TW_LAYOUT_CARD_WIDTH + 2) * zs);
  int height_px = (int) ceil ((height + 3) * zs);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, (double) width_px / scale, (double) height_px / scale);
  gboolean association = is_association (self, table);
  cairo_t *cr;

  /* A card too large for one texture (hundreds of columns at a high zoom)
   * is a cairo node, which any renderer draws in tiles. */
  if (width_px > MAX_CARD_TEXTURE_SIZE || height_px > MAX_CARD_TEXTURE_SIZE)
    texture = FALSE;

  clear_detail (self, nodes);
  nodes->detail_zoom = self->zoom;
  nodes->detail_scale = scale;
  nodes->detail_is_texture = texture;
  if (texture)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GdkTexture) image = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width_px, height_px);

      cr = cairo_create (surface);
      cairo_scale (cr, zs, zs);
      tw_diagram_paint_card (cr, table, association, &self->style, self->zoom);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT; the bytes keep the surface. */
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) cairo_image_surface_get_stride (surface) * height_px,
                                          (GDestroyNotify) cairo_surface_destroy, surface);
      image = gdk_memory_texture_new (width_px, height_px, GDK_MEMORY_DEFAULT, bytes,
                                      cairo_image_surface_get_stride (surface));
      nodes->detail = gsk_texture_node_new (image, &bounds);
      self->card_pixels += detail_pixels (nodes);
    }
  else
    {
      nodes->detail = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (nodes->detail);
      cairo_scale (cr, self->zoom, self->zoom);
      tw_diagram_paint_card (cr, table, association, &self->style, self->zoom);
      cairo_destroy (cr);
    }
}

/* Lets go of the textures of cards not drawn lately once they add up to
 * more than MAX_CARD_PIXELS: panning at a high zoom over a large model
 * would otherwise keep one for every card. */
static void
prune_details (TwCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->card_pixels <= MAX_CARD_PIXELS)
    return;
  g_hash_table_iter_init (&iter, self->card_nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CardNodes *nodes = value;

      if (nodes->detail != NULL && nodes->drawn_frame + CARD_KEEP_FRAMES < self->n_frames)
        clear_detail (self, nodes);
    }
}

/* The overview card's column bars, in model units. */
static GskRenderNode *
ensure_overview_bars (TwCanvas  *self,
                      CardNodes *nodes,
                      TwTable   *table)
{
  g_autoptr (GtkSnapshot) snapshot = NULL;
  GdkRGBA bar = to_rgba (&self->style.card_border);
  guint n_columns = tw_table_get_n_columns (table);

  if (nodes->overview_bars != NULL || n_columns == 0)
    return nodes->overview_bars;

  snapshot = gtk_snapshot_new ();
  for (guint i = 0; i < n_columns; i++)
    {
      double y = TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * i + TW_LAYOUT_ROW_HEIGHT * 0.3;

      gtk_snapshot_append_color (snapshot, &bar,
                                 &GRAPHENE_RECT_INIT (12, y, TW_LAYOUT_CARD_WIDTH * 0.55,
                                                      TW_LAYOUT_ROW_HEIGHT * 0.4));
    }
  nodes->overview_bars = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return nodes->overview_bars;
}

/* The overview card's name on a plate, in model units; the name is a text
 * node, which renderers draw from cached glyphs. */
static GskRenderNode *
ensure_overview_name (TwCanvas  *self,
                      CardNodes *nodes,
                      TwTable   *table)
{
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoFontDescription) desc = NULL;
  cairo_font_options_t *options;
  double width = TW_LAYOUT_CARD_WIDTH;
  double height;
  double box_y;
  GdkRGBA header, text;
  int w, h;

  if (nodes->overview_name != NULL)
    return nodes->overview_name;

  height = tw_layout_get_card_height (table);
  header = to_rgba (is_association (self, table) ? &self->style.association_header : &self->style.header);
  text = to_rgba (&self->style.header_text);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), tw_table_get_name (table));
  /* Metrics that do not depend on the scale the node is drawn at. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, self->style.font_family);
  pango_font_description_set_absolute_size (desc, MIN (OVERVIEW_NAME_SIZE, height * 0.5) * PANGO_SCALE);
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, (int) ((width - 16) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);

  /* A plate behind the name, so that it reads over the bars. */
  snapshot = gtk_snapshot_new ();
  box_y = MIN (height / 2.0, TW_LAYOUT_HEADER_HEIGHT + (height - TW_LAYOUT_HEADER_HEIGHT) / 2.0);
  gtk_snapshot_append_color (snapshot, &header,
                             &GRAPHENE_RECT_INIT (4, MAX (2, box_y - h / 2.0 - 2),
                                                  width - 8, MIN (h + 4, height - 4)));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (8, MAX (4, box_y - h / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &text);
  gtk_snapshot_restore (snapshot);

  nodes->overview_name = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return nodes->overview_name;
}

/* Draws the overview card at the translation of the snapshot, which is in
 * widget pixels, scaled to the zoom. Its body and header are plain colour
 * nodes, which every renderer draws far faster than a cairo node, so that a
 * fitted view of a thousand cards stays cheap. n_names counts the names
 * laid out in this frame; when there are too many, the name is left for a
 * later frame and *pending set. */
static void
append_overview_card (TwCanvas    *self,
                      GtkSnapshot *snapshot,
                      CardNodes   *nodes,
                      TwTable     *table,
                      guint       *n_names,
                      gboolean    *pending)
{
  double z = self->zoom;
  double width = TW_LAYOUT_CARD_WIDTH;
  double height = tw_layout_get_card_height (table);
  /* The frame at least a pixel wide: the GL renderer draws colour nodes
   * without antialiasing, so a thinner one may cover no pixel at all, and
   * the white cards would vanish into the background. */
  double frame = MAX (3.0, 1.0 / z);
  GdkRGBA header = to_rgba (is_association (self, table) ? &self->style.association_header
                                                         : &self->style.header);
  GdkRGBA card = to_rgba (&self->style.card);
  GskRenderNode *bars = NULL;
  GskRenderNode *name = NULL;

  if (z >= OVERVIEW_BARS_ZOOM)
    bars = ensure_overview_bars (self, nodes, table);
  if (z >= OVERVIEW_NAME_ZOOM)
    {
      if (nodes->overview_name != NULL || *n_names < MAX_NAMES_PER_FRAME)
        {
          if (nodes->overview_name == NULL)
            (*n_names)++;
          name = ensure_overview_name (self, nodes, table);
        }
      else
        {
          *pending = TRUE;
        }
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, z, z);
  /* The header colour all round, as a frame, and the body inside it: two
   * nodes rather than five side by side, as the GL renderer on a software
   * rasteriser pays more for each node than for the pixels laid twice. */
  gtk_snapshot_append_color (snapshot, &header, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (height > TW_LAYOUT_HEADER_HEIGHT + frame)
    gtk_snapshot_append_color (snapshot, &card,
                               &GRAPHENE_RECT_INIT (frame, TW_LAYOUT_HEADER_HEIGHT, width - 2 * frame,
                                                    height - TW_LAYOUT_HEADER_HEIGHT - frame));
  if (bars != NULL)
    gtk_snapshot_append_node (snapshot, bars);
  if (name != NULL)
    gtk_snapshot_append_node (snapshot, name);
  gtk_snapshot_restore (snapshot);
}

static gboolean
repaint_cb (gpointer data)
{
  TwCanvas *self = data;

  self->repaint_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static gboolean
zoom_settled_cb (gpointer data)
{
  TwCanvas *self = data;

  self->zoom_settle_id = 0;
  self->zoom_repaint = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
invalidate_all (TwCanvas *self)
{
  forget_all_cards (self);
  clear_link_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selection and accessibility ------------------------------------------------------- */

static void
update_accessible (TwCanvas *self)
{
  g_autofree char *text = NULL;
  guint n_selected = g_hash_table_size (self->selection);

  if (self->focus != NULL)
    {
      guint n_columns = tw_table_get_n_columns (self->focus);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Table %s, %u column%s",
                                           "Table %s, %u columns%s", n_columns),
                              tw_table_get_name (self->focus), n_columns,
                              g_hash_table_contains (self->selection, self->focus)
                              ? _(", selected") : "");
    }
  else if (n_selected > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u table selected",
                                         "%u tables selected", n_selected), n_selected);
  else
    text = g_strdup (_("No table selected"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void update_actions (TwCanvas *self);

static void
selection_changed (TwCanvas *self)
{
  update_accessible (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TABLE]);
}

static void
set_focus_table (TwCanvas *self,
                 TwTable  *table)
{
  g_set_object (&self->focus, table);
}

static void
select_only (TwCanvas *self,
             TwTable  *table)
{
  g_hash_table_remove_all (self->selection);
  if (table != NULL)
    g_hash_table_add (self->selection, g_object_ref (table));
  set_focus_table (self, table);
  selection_changed (self);
}

static gboolean
table_in_model (TwCanvas *self,
                TwTable  *table)
{
  return self->metadata != NULL && tw_table_get_metadata (table) == self->metadata;
}

/* Drops selected tables that left the model. */
static void
prune_selection (TwCanvas *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!table_in_model (self, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (self->focus != NULL && !table_in_model (self, self->focus))
    {
      g_clear_object (&self->focus);
      changed = TRUE;
    }
  if (self->tool_first != NULL && !table_in_model (self, self->tool_first))
    g_clear_object (&self->tool_first);
  if (changed)
    selection_changed (self);
}

static void
scroll_to_table (TwCanvas *self,
                 TwTable  *table)
{
  double wx, wy;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double card_w = TW_LAYOUT_CARD_WIDTH * self->zoom;
  double card_h = tw_layout_get_card_height (table) * self->zoom;

  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;
  if (self->bounds_dirty)
    update_adjustments (self);

  model_to_widget (self, tw_table_get_x (table), tw_table_get_y (table), &wx, &wy);
  if (wx < 0 || wx + card_w > width)
    gtk_adjustment_set_value (self->hadjustment, hvalue (self) + wx - MAX (20.0, (width - card_w) / 2));
  if (wy < 0 || wy + card_h > height)
    gtk_adjustment_set_value (self->vadjustment, vvalue (self) + wy - MAX (20.0, (height - card_h) / 2));
}

/* Model signals -------------------------------------------------------------- */

static void
metadata_changed_cb (TwCanvas   *self,
                     TwMetadata *metadata)
{
  self->links_dirty = TRUE;
  self->bounds_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
table_changed_cb (TwCanvas   *self,
                  TwTable    *table,
                  TwMetadata *metadata)
{
  /* Moving cards only changes their position, which the card node does not
   * hold: keep the recorded node during a drag. */
  if (self->drag_mode != DRAG_MOVE)
    forget_card (self, table);
}

static void
tables_changed_cb (TwCanvas   *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *tables)
{
  forget_all_cards (self);
  prune_selection (self);
}

static void
relationships_changed_cb (TwCanvas *self)
{
  /* An association table's card has another colour. */
  forget_all_cards (self);
}

static void
style_changed_cb (TwCanvas *self)
{
  g_autofree char *font_name = NULL;
  g_autoptr (PangoFontDescription) desc = NULL;

  tw_diagram_style_init (&self->style,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  if (font_name != NULL)
    desc = pango_font_description_from_string (font_name);
  if (desc != NULL && pango_font_description_get_family (desc) != NULL)
    g_strlcpy (self->style.font_family, pango_font_description_get_family (desc),
               sizeof self->style.font_family);
  invalidate_all (self);
}

/* Commands -------------------------------------------------------------------------- */

static void
emit_message (TwCanvas   *self,
              const char *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static void
add_table_at (TwCanvas *self,
              double    mx,
              double    my)
{
  g_autofree char *name = NULL;
  g_autoptr (TwTable) table = NULL;
  g_autoptr (TwColumn) id = NULL;

  if (self->metadata == NULL)
    return;

  name = tw_metadata_dup_unique_table_name (self->metadata, "table");
  table = tw_table_new (name);
  id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (table, id);
  tw_table_set_position (table,
                         round (mx / TW_LAYOUT_GRID) * TW_LAYOUT_GRID,
                         round (my / TW_LAYOUT_GRID) * TW_LAYOUT_GRID);

  tw_history_begin (self->history, _("Add Table"));
  tw_metadata_add_table (self->metadata, table);
  tw_history_end (self->history);

  select_only (self, table);
}

static void
delete_selection (TwCanvas *self)
{
  g_autoptr (GPtrArray) tables = tw_canvas_dup_selection (self);

  if (tables->len == 0)
    return;

  tw_history_begin (self->history, _("Delete Tables"));
  for (guint i = 0; i < tables->len; i++)
    {
      TwTable *table = g_ptr_array_index (tables, i);

      /* Removing a many-to-many relationship's table may have taken this one. */
      if (table_in_model (self, table))
        tw_metadata_remove_table (self->metadata, table);
    }
  tw_history_end (self->history);
  prune_selection (self);
}

static void
move_selection (TwCanvas *self,
                double    dx,
                double    dy)
{
  g_autoptr (GPtrArray) tables = tw_canvas_dup_selection (self);

  if (tables->len == 0)
    return;

  tw_history_begin (self->history, _("Move Tables"));
  for (guint i = 0; i < tables->len; i++)
    {
      TwTable *table = g_ptr_array_index (tables, i);

      tw_table_set_position (table, tw_table_get_x (table) + dx, tw_table_get_y (table) + dy);
    }
  tw_history_end (self->history);
  if (self->focus != NULL)
    scroll_to_table (self, self->focus);
}

static void
reselect_by_names (TwCanvas  *self,
                   GPtrArray *names,
                   char      *focus_name)
{
  g_hash_table_remove_all (self->selection);
  g_clear_object (&self->focus);
  for (guint i = 0; i < names->len; i++)
    {
      TwTable *table = tw_metadata_find_table (self->metadata, g_ptr_array_index (names, i));

      if (table != NULL)
        g_hash_table_add (self->selection, g_object_ref (table));
    }
  if (focus_name != NULL)
    set_focus_table (self, tw_metadata_find_table (self->metadata, focus_name));
  selection_changed (self);
}

static void
undo_or_redo (TwCanvas *self,
              gboolean  undo)
{
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *focus_name = NULL;
  gboolean ok;

  if (self->history == NULL)
    return;

  /* Restoring replaces every table object: keep the selection by name. */
  selected = tw_canvas_dup_selection (self);
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (names, g_strdup (tw_table_get_name (g_ptr_array_index (selected, i))));
  if (self->focus != NULL)
    focus_name = g_strdup (tw_table_get_name (self->focus));

  ok = undo ? tw_history_undo (self->history, &error) : tw_history_redo (self->history, &error);
  if (!ok)
    {
      emit_message (self, error->message);
      return;
    }
  reselect_by_names (self, names, focus_name);
}

static void
finish_link (TwCanvas *self,
             TwTable  *second)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwTable) first = g_steal_pointer (&self->tool_first);
  TwRelationship *relationship;
  gboolean many = g_strcmp0 (self->tool, TW_CANVAS_TOOL_MANY_TO_MANY) == 0;

  tw_history_begin (self->history, many ? _("Link Many to Many") : _("Link One to Many"));
  if (many)
    relationship = tw_metadata_link_many_to_many (self->metadata, first, second, NULL, &error);
  else
    relationship = tw_metadata_link_one_to_many (self->metadata, first, second, &error);
  tw_history_end (self->history);

  tw_canvas_set_tool (self, TW_CANVAS_TOOL_SELECT);
  if (relationship == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not link “%s” and “%s”: %s"),
                                               tw_table_get_name (first),
                                               tw_table_get_name (second),
                                               error->message);
      emit_message (self, text);
      return;
    }

  if (many)
    {
      TwTable *association = tw_metadata_find_table (self->metadata,
                                                     tw_relationship_get_secondary (relationship));

      /* Put the new association table between the two it joins, unless
       * that is where a card already is. */
      if (association != NULL)
        {
          double x = (tw_table_get_x (first) + tw_table_get_x (second)) / 2.0;
          double y = MAX (tw_table_get_y (first) + tw_layout_get_card_height (first),
                          tw_table_get_y (second) + tw_layout_get_card_height (second)) + 60.0;

          x = round (x / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
          y = round (y / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
          tw_history_begin (self->history, _("Link Many to Many"));
          tw_table_set_position (association, x, y);
          tw_history_end (self->history);
          select_only (self, association);
        }
    }
  else
    {
      select_only (self, second);
    }
}

static void
tool_click (TwCanvas *self,
            TwTable  *hit)
{
  gboolean many = g_strcmp0 (self->tool, TW_CANVAS_TOOL_MANY_TO_MANY) == 0;

  if (hit == NULL)
    {
      tw_canvas_set_tool (self, TW_CANVAS_TOOL_SELECT);
      return;
    }

  if (self->tool_first == NULL)
    {
      g_autofree char *text = NULL;

      self->tool_first = g_object_ref (hit);
      select_only (self, hit);
      text = g_strdup_printf (many ? _("Now click the table to link “%s” with")
                                   : _("Now click the table that refers to “%s”"),
                              tw_table_get_name (hit));
      emit_message (self, text);
      return;
    }

  finish_link (self, hit);
}

/* Makes column of table a foreign key to target's primary key, with the
 * type of that key. */
static void
connect_column (TwCanvas *self,
                TwTable  *table,
                TwColumn *column,
                TwTable  *target)
{
  g_autoptr (GPtrArray) pk = tw_table_dup_primary_key (target);
  g_autoptr (TwForeignKey) fk = NULL;
  TwColumn *key;
  const char *columns[2] = { NULL, NULL };
  const char *referred[2] = { NULL, NULL };

  if (pk->len != 1)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” needs a primary key of one column to be referred to"),
                                               tw_table_get_name (target));
      emit_message (self, text);
      return;
    }

  key = g_ptr_array_index (pk, 0);
  columns[0] = tw_column_get_name (column);
  referred[0] = tw_column_get_name (key);
  fk = tw_foreign_key_new (NULL, columns, tw_table_get_name (target), referred);

  tw_history_begin (self->history, _("Add Foreign Key"));
  tw_column_set_column_type (column, tw_column_get_column_type (key));
  tw_column_set_length (column, tw_column_get_length (key));
  tw_column_set_precision (column, tw_column_get_precision (key));
  tw_column_set_scale (column, tw_column_get_scale (key));
  tw_column_set_timezone (column, tw_column_get_timezone (key));
  tw_table_add_foreign_key (table, fk);
  tw_history_end (self->history);
}

/* Pointer ----------------------------------------------------------------------- */

static gboolean
minimap_rect (TwCanvas        *self,
              graphene_rect_t *out,
              double          *scale,
              double          *bx,
              double          *by)
{
  double x, y, w, h;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->metadata == NULL || !tw_layout_get_bounds (self->metadata, &x, &y, &w, &h))
    return FALSE;
  /* Only when the model does not fit in the view. */
  if (w * self->zoom <= width && h * self->zoom <= height)
    return FALSE;
  if (width < 3 * MINIMAP_WIDTH || height < 2 * MINIMAP_HEIGHT)
    return FALSE;

  x -= 40;
  y -= 40;
  w += 80;
  h += 80;
  *scale = MIN (MINIMAP_WIDTH / w, MINIMAP_HEIGHT / h);
  *bx = x;
  *by = y;
  graphene_rect_init (out,
                      width - MINIMAP_MARGIN - w * *scale,
                      height - MINIMAP_MARGIN - h * *scale,
                      w * *scale, h * *scale);
  return TRUE;
}

static void
minimap_move_to (TwCanvas *self,
                 double    wx,
                 double    wy)
{
  graphene_rect_t rect;
  double scale, bx, by, mx, my;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!minimap_rect (self, &rect, &scale, &bx, &by))
    return;
  mx = bx + (wx - rect.origin.x) / scale;
  my = by + (wy - rect.origin.y) / scale;
  gtk_adjustment_set_value (self->hadjustment, (mx - self->origin_x) * self->zoom - width / 2.0);
  gtk_adjustment_set_value (self->vadjustment, (my - self->origin_y) * self->zoom - height / 2.0);
}

static void
press (TwCanvas        *self,
       double           wx,
       double           wy,
       guint            button,
       GdkModifierType  state)
{
  graphene_rect_t rect;
  double scale, bx, by, mx, my;
  TwTable *hit;
  gboolean extend = (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;

  self->drag_mode = DRAG_NONE;
  self->drag_x = wx;
  self->drag_y = wy;
  self->drag_value_x = hvalue (self);
  self->drag_value_y = vvalue (self);
  self->moved = FALSE;

  if (self->metadata == NULL)
    return;

  if (minimap_rect (self, &rect, &scale, &bx, &by) &&
      graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (wx, wy)))
    {
      self->drag_mode = DRAG_MINIMAP;
      minimap_move_to (self, wx, wy);
      return;
    }

  if (button == GDK_BUTTON_MIDDLE)
    {
      self->drag_mode = DRAG_PAN;
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;

  widget_to_model (self, wx, wy, &mx, &my);
  hit = table_at (self, mx, my);

  if (g_strcmp0 (self->tool, TW_CANVAS_TOOL_SELECT) != 0)
    {
      tool_click (self, hit);
      return;
    }

  if (hit != NULL && !extend && hit == self->focus && g_hash_table_contains (self->selection, hit) &&
      mx >= tw_table_get_x (hit) + TW_LAYOUT_CARD_WIDTH - HANDLE_WIDTH)
    {
      int row = tw_diagram_row_at (hit, my - tw_table_get_y (hit));

      if (row >= 0)
        {
          g_set_object (&self->connect_table, hit);
          g_set_object (&self->connect_column, tw_table_get_column (hit, row));
          self->band_x1 = wx;
          self->band_y1 = wy;
          self->drag_mode = DRAG_CONNECT;
          return;
        }
    }

  if (hit != NULL)
    {
      if (extend && g_hash_table_contains (self->selection, hit))
        {
          g_hash_table_remove (self->selection, hit);
          if (self->focus == hit)
            g_clear_object (&self->focus);
          selection_changed (self);
          return;
        }
      if (extend)
        g_hash_table_add (self->selection, g_object_ref (hit));
      else if (!g_hash_table_contains (self->selection, hit))
        {
          g_hash_table_remove_all (self->selection);
          g_hash_table_add (self->selection, g_object_ref (hit));
        }
      set_focus_table (self, hit);
      selection_changed (self);

      self->drag_mode = DRAG_MOVE;
      g_clear_pointer (&self->drag_tables, g_ptr_array_unref);
      g_clear_pointer (&self->drag_origins, g_array_unref);
      self->drag_tables = tw_canvas_dup_selection (self);
      g_ptr_array_set_free_func (self->drag_tables, g_object_unref);
      self->drag_origins = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < self->drag_tables->len; i++)
        {
          TwTable *table = g_object_ref (g_ptr_array_index (self->drag_tables, i));
          double x = tw_table_get_x (table), y = tw_table_get_y (table);

          g_array_append_val (self->drag_origins, x);
          g_array_append_val (self->drag_origins, y);
        }
      tw_history_begin (self->history, _("Move Tables"));
      return;
    }

  /* A click on a link selects the table holding its foreign key (for a
   * many-to-many link, the association table), whose relationships the
   * inspector shows. */
  hit = link_at (self, mx, my);
  if (hit != NULL && !extend)
    {
      select_only (self, hit);
      return;
    }

  /* Empty space: a rubber band. */
  self->drag_mode = DRAG_BAND;
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  self->band_base = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  if (extend)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->band_base, g_object_ref (key));
    }
  else if (g_hash_table_size (self->selection) > 0 || self->focus != NULL)
    {
      select_only (self, NULL);
    }
  self->band_x1 = wx;
  self->band_y1 = wy;
}

static void
motion (TwCanvas        *self,
        double           dx,
        double           dy,
        GdkModifierType  state)
{
  if (!self->moved && fabs (dx) < DRAG_THRESHOLD && fabs (dy) < DRAG_THRESHOLD)
    return;
  self->moved = TRUE;

  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      for (guint i = 0; i < self->drag_tables->len; i++)
        {
          TwTable *table = g_ptr_array_index (self->drag_tables, i);
          double x = g_array_index (self->drag_origins, double, 2 * i) + dx / self->zoom;
          double y = g_array_index (self->drag_origins, double, 2 * i + 1) + dy / self->zoom;

          if ((state & GDK_ALT_MASK) == 0)
            {
              x = round (x / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
              y = round (y / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
            }
          if (table_in_model (self, table))
            tw_table_set_position (table, x, y);
        }
      break;

    case DRAG_PAN:
      gtk_adjustment_set_value (self->hadjustment, self->drag_value_x - dx);
      gtk_adjustment_set_value (self->vadjustment, self->drag_value_y - dy);
      break;

    case DRAG_MINIMAP:
      minimap_move_to (self, self->drag_x + dx, self->drag_y + dy);
      break;

    case DRAG_CONNECT:
      self->band_x1 = self->drag_x + dx;
      self->band_y1 = self->drag_y + dy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_BAND:
      {
        double x0, y0, x1, y1;
        GHashTableIter iter;
        gpointer key;
        guint n = tw_metadata_get_n_tables (self->metadata);

        self->band_x1 = self->drag_x + dx;
        self->band_y1 = self->drag_y + dy;
        widget_to_model (self, MIN (self->drag_x, self->band_x1), MIN (self->drag_y, self->band_y1),
                         &x0, &y0);
        widget_to_model (self, MAX (self->drag_x, self->band_x1), MAX (self->drag_y, self->band_y1),
                         &x1, &y1);
        g_hash_table_remove_all (self->selection);
        g_hash_table_iter_init (&iter, self->band_base);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_hash_table_add (self->selection, g_object_ref (key));
        for (guint i = 0; i < n; i++)
          {
            TwTable *table = tw_metadata_get_table (self->metadata, i);
            double tx = tw_table_get_x (table), ty = tw_table_get_y (table);

            if (tx < x1 && tx + TW_LAYOUT_CARD_WIDTH > x0 &&
                ty < y1 && ty + tw_layout_get_card_height (table) > y0 &&
                !g_hash_table_contains (self->selection, table))
              g_hash_table_add (self->selection, g_object_ref (table));
          }
        selection_changed (self);
      }
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
release (TwCanvas *self)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;
  switch (mode)
    {
    case DRAG_MOVE:
      tw_history_end (self->history);
      g_clear_pointer (&self->drag_tables, g_ptr_array_unref);
      g_clear_pointer (&self->drag_origins, g_array_unref);
      /* Card nodes were kept during the drag; the moves did not change them. */
      self->links_dirty = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_BAND:
      g_clear_pointer (&self->band_base, g_hash_table_unref);
      if (self->focus == NULL || !g_hash_table_contains (self->selection, self->focus))
        {
          g_autoptr (GPtrArray) tables = tw_canvas_dup_selection (self);

          set_focus_table (self, tables->len > 0 ? g_ptr_array_index (tables, 0) : NULL);
        }
      selection_changed (self);
      break;

    case DRAG_CONNECT:
      {
        g_autoptr (TwTable) table = g_steal_pointer (&self->connect_table);
        g_autoptr (TwColumn) column = g_steal_pointer (&self->connect_column);
        double mx, my;
        TwTable *target;

        gtk_widget_queue_draw (GTK_WIDGET (self));
        widget_to_model (self, self->band_x1, self->band_y1, &mx, &my);
        target = self->moved ? table_at (self, mx, my) : NULL;
        if (target != NULL && table_in_model (self, table) && tw_column_get_table (column) == table)
          {
            connect_column (self, table, column, target);
            select_only (self, table);
          }
      }
      break;

    case DRAG_NONE:
    case DRAG_PAN:
    case DRAG_MINIMAP:
    default:
      break;
    }
}

static void
drag_begin_cb (TwCanvas       *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  press (self, x, y, button, state);
}

static void
drag_update_cb (TwCanvas       *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  motion (self, dx, dy, state);
}

static void
drag_end_cb (TwCanvas       *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  release (self);
}

static void
double_click (TwCanvas *self,
              double    wx,
              double    wy)
{
  double mx, my;

  widget_to_model (self, wx, wy, &mx, &my);
  if (table_at (self, mx, my) == NULL)
    add_table_at (self, mx, my);
}

static void
click_pressed_cb (TwCanvas        *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (n_press == 2)
    double_click (self, x, y);
}

static void
pointer_motion_cb (TwCanvas                 *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_around (TwCanvas *self,
             double    zoom,
             double    wx,
             double    wy)
{
  double mx, my;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  widget_to_model (self, wx, wy, &mx, &my);
  self->zoom = zoom;
  /* The point under (wx, wy) stays there. */
  update_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, (mx - self->origin_x) * zoom - wx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, (my - self->origin_y) * zoom - wy);
  /* The links' routes are in model units and stay; the cards keep their
   * nodes, drawn scaled, until the zoom settles (see tw_canvas_snapshot()). */
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  self->zoom_settle_id = g_timeout_add (ZOOM_SETTLE_MS, zoom_settled_cb, self);
  self->zoom_repaint = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
scroll_cb (TwCanvas                 *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;
  zoom_around (self, self->zoom * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
pinch_begin_cb (TwCanvas       *self,
                GdkEventSequence *sequence,
                GtkGestureZoom *gesture)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_scale_changed_cb (TwCanvas       *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_around (self, self->pinch_zoom * scale, x, y);
}

/* Keyboard -------------------------------------------------------------------------- */

static void
focus_next (TwCanvas *self,
            gboolean  backwards)
{
  guint n, position = 0;
  TwTable *table;

  if (self->metadata == NULL || (n = tw_metadata_get_n_tables (self->metadata)) == 0)
    return;

  if (self->focus != NULL)
    {
      for (guint i = 0; i < n; i++)
        if (tw_metadata_get_table (self->metadata, i) == self->focus)
          position = backwards ? (i + n - 1) % n : (i + 1) % n;
    }
  else
    {
      position = backwards ? n - 1 : 0;
    }
  table = tw_metadata_get_table (self->metadata, position);
  select_only (self, table);
  scroll_to_table (self, table);
}

static gboolean
key_pressed_cb (TwCanvas              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  double step = TW_LAYOUT_GRID;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (state & GDK_SHIFT_MASK)
    step *= 5;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      focus_next (self, FALSE);
      return TRUE;

    case GDK_KEY_ISO_Left_Tab:
      focus_next (self, TRUE);
      return TRUE;

    case GDK_KEY_Left:
      move_selection (self, -step, 0);
      return TRUE;

    case GDK_KEY_Right:
      move_selection (self, step, 0);
      return TRUE;

    case GDK_KEY_Up:
      move_selection (self, 0, -step);
      return TRUE;

    case GDK_KEY_Down:
      move_selection (self, 0, step);
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      delete_selection (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (g_strcmp0 (self->tool, TW_CANVAS_TOOL_SELECT) != 0)
        tw_canvas_set_tool (self, TW_CANVAS_TOOL_SELECT);
      else
        select_only (self, NULL);
      return TRUE;

    default:
      return FALSE;
    }
}

/* Actions ------------------------------------------------------------------------- */

static void
add_table_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);
  double mx, my;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint tries = 0;

  if (self->bounds_dirty)
    update_adjustments (self);
  widget_to_model (self, MAX (width, 1) / 2.0 - TW_LAYOUT_CARD_WIDTH / 2.0 * self->zoom,
                   MAX (height, 1) / 3.0, &mx, &my);
  mx = round (mx / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
  my = round (my / TW_LAYOUT_GRID) * TW_LAYOUT_GRID;
  /* Not right on top of another card. */
  while (tries++ < 50 && (table_at (self, mx + 1, my + 1) != NULL ||
                          table_at (self, mx + TW_LAYOUT_CARD_WIDTH - 1, my + 1) != NULL))
    {
      mx += 30;
      my += 30;
    }
  add_table_at (self, mx, my);
  if (self->focus != NULL)
    scroll_to_table (self, self->focus);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  delete_selection (TW_CANVAS (widget));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);
  guint n;

  if (self->metadata == NULL)
    return;
  n = tw_metadata_get_n_tables (self->metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self->metadata, i);

      if (!g_hash_table_contains (self->selection, table))
        g_hash_table_add (self->selection, g_object_ref (table));
    }
  selection_changed (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_or_redo (TW_CANVAS (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_or_redo (TW_CANVAS (widget), FALSE);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  zoom_around (self, self->zoom * ZOOM_STEP,
               gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  zoom_around (self, self->zoom / ZOOM_STEP,
               gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  zoom_around (self, 1.0, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);
  double x, y, w, h, zoom;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->metadata == NULL || !tw_layout_get_bounds (self->metadata, &x, &y, &w, &h) ||
      width <= 0 || height <= 0)
    return;

  w += 80;
  h += 80;
  zoom = CLAMP (MIN (width / w, height / h), MIN_ZOOM, 1.5);
  zoom_around (self, zoom, width / 2.0, height / 2.0);
  update_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment,
                              (x + (w - 80) / 2.0 - self->origin_x) * self->zoom - width / 2.0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment,
                              (y + (h - 80) / 2.0 - self->origin_y) * self->zoom - height / 2.0);
  gtk_widget_queue_draw (widget);
}

static void
auto_layout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  if (self->metadata == NULL)
    return;
  tw_history_begin (self->history, _("Auto Layout"));
  tw_layout_apply (self->metadata);
  tw_history_end (self->history);
  zoom_fit_action (widget, NULL, NULL);
}

static void
link_one_to_many_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  tw_canvas_set_tool (self, TW_CANVAS_TOOL_ONE_TO_MANY);
  emit_message (self, _("Click the parent table (the “one” side), then the child table"));
}

static void
link_many_to_many_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TwCanvas *self = TW_CANVAS (widget);

  tw_canvas_set_tool (self, TW_CANVAS_TOOL_MANY_TO_MANY);
  emit_message (self, _("Click the two tables to link many to many"));
}

static void
cancel_tool_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  tw_canvas_set_tool (TW_CANVAS (widget), TW_CANVAS_TOOL_SELECT);
}

static void
update_actions (TwCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_model = self->metadata != NULL;
  gboolean has_selection = g_hash_table_size (self->selection) > 0;

  gtk_widget_action_set_enabled (widget, "canvas.add-table", has_model);
  gtk_widget_action_set_enabled (widget, "canvas.delete", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.undo",
                                 self->history != NULL && tw_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (widget, "canvas.redo",
                                 self->history != NULL && tw_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (widget, "canvas.auto-layout", has_model);
  gtk_widget_action_set_enabled (widget, "canvas.link-one-to-many", has_model);
  gtk_widget_action_set_enabled (widget, "canvas.link-many-to-many", has_model);
}

/* Drawing --------------------------------------------------------------------- */

static void
append_outline (GtkSnapshot          *snapshot,
                double                x,
                double                y,
                double                w,
                double                h,
                double                width,
                const TwDiagramColor *color)
{
  GskRoundedRect outline;
  GdkRGBA rgba = { color->r, color->g, color->b, color->a };

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, w, h), 8.0 + width);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { rgba, rgba, rgba, rgba });
}

static void
snapshot_minimap (TwCanvas    *self,
                  GtkSnapshot *snapshot)
{
  graphene_rect_t rect;
  double scale, bx, by;
  double vx0, vy0, vx1, vy1;
  GdkRGBA bg = { self->style.card.r, self->style.card.g, self->style.card.b, 0.92 };
  GdkRGBA card = { self->style.header.r, self->style.header.g, self->style.header.b, 0.7 };
  TwDiagramColor view = self->style.selection;
  guint n;

  if (!minimap_rect (self, &rect, &scale, &bx, &by))
    return;

  gtk_snapshot_append_color (snapshot, &bg, &rect);
  append_outline (snapshot, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height,
                  1.0, &self->style.card_border);
  n = tw_metadata_get_n_tables (self->metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self->metadata, i);

      gtk_snapshot_append_color (snapshot, &card,
                                 &GRAPHENE_RECT_INIT (rect.origin.x + (tw_table_get_x (table) - bx) * scale,
                                                      rect.origin.y + (tw_table_get_y (table) - by) * scale,
                                                      MAX (1.0, TW_LAYOUT_CARD_WIDTH * scale),
                                                      MAX (1.0, tw_layout_get_card_height (table) * scale)));
    }

  widget_to_model (self, 0, 0, &vx0, &vy0);
  widget_to_model (self, gtk_widget_get_width (GTK_WIDGET (self)),
                   gtk_widget_get_height (GTK_WIDGET (self)), &vx1, &vy1);
  vx0 = MAX (rect.origin.x, rect.origin.x + (vx0 - bx) * scale);
  vy0 = MAX (rect.origin.y, rect.origin.y + (vy0 - by) * scale);
  vx1 = MIN (rect.origin.x + rect.size.width, rect.origin.x + (vx1 - bx) * scale);
  vy1 = MIN (rect.origin.y + rect.size.height, rect.origin.y + (vy1 - by) * scale);
  if (vx1 > vx0 && vy1 > vy0)
    {
      {
        GdkRGBA fill = { view.r, view.g, view.b, 0.15 };
        GdkRGBA line = { view.r, view.g, view.b, 1.0 };
        GskRoundedRect border;

        gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (vx0, vy0, vx1 - vx0, vy1 - vy0));
        gsk_rounded_rect_init_from_rect (&border, &GRAPHENE_RECT_INIT (vx0, vy0, vx1 - vx0, vy1 - vy0), 0);
        gtk_snapshot_append_border (snapshot, &border, (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                    (GdkRGBA[4]) { line, line, line, line });
      }
    }
}

/* Small rings at the right end of the focused card's rows: drag one onto
 * another card to make that column a foreign key to it. */
static void
snapshot_handles (TwCanvas    *self,
                  GtkSnapshot *snapshot,
                  TwTable     *table)
{
  TwDiagramColor c = self->style.selection;
  GdkRGBA rgba = { c.r, c.g, c.b, 0.9 };
  guint n = tw_table_get_n_columns (table);
  double z = self->zoom;

  for (guint i = 0; i < n; i++)
    {
      double cy = (TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * (i + 0.5)) * z;
      double cx = TW_LAYOUT_CARD_WIDTH * z;
      double r = MAX (2.0, 3.0 * z);
      GskRoundedRect ring;

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
      gtk_snapshot_append_border (snapshot, &ring, (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                  (GdkRGBA[4]) { rgba, rgba, rgba, rgba });
    }
}

/* One straight piece of a link's line, from model point (ax, ay) to
 * (bx, by), as a colour node w pixels wide on the pixel grid; before and
 * after say how far it reaches past (ax, ay) and past (bx, by), in pixels
 * (less than 0: it stops short). */
static void
append_segment (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         z,
                double         w,
                double         ax,
                double         ay,
                double         bx,
                double         by,
                double         before,
                double         after)
{
  double x0, y0, x1, y1;

  if (ay == by)
    {
      x0 = MIN (ax, bx) * z - (ax <= bx ? before : after);
      x1 = MAX (ax, bx) * z + (ax <= bx ? after : before);
      y0 = round (ay * z - w / 2.0);
      y1 = y0 + w;
    }
  else
    {
      y0 = MIN (ay, by) * z - (ay <= by ? before : after);
      y1 = MAX (ay, by) * z + (ay <= by ? after : before);
      x0 = round (ax * z - w / 2.0);
      x1 = x0 + w;
    }
  x0 = round (x0);
  y0 = round (y0);
  x1 = MAX (round (x1), x0 + 1);
  y1 = MAX (round (y1), y0 + 1);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

/* Frees a slot of mark_nodes, most of which stay empty. */
static void
unref_node (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

/* The marks at one end of a link, in a cairo node just their size, kept
 * for the next frames at this zoom; nothing when they are out of view. */
static void
append_link_end (TwCanvas            *self,
                 GtkSnapshot         *snapshot,
                 guint                index,
                 gboolean             parent_end,
                 double               vx0,
                 double               vy0,
                 double               vx1,
                 double               vy1)
{
  const TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, index);
  guint end = parent_end ? 0 : link->n_points - 1;
  int side = parent_end ? link->parent_side : link->child_side;
  double ex = link->points[end][0];
  double ey = link->points[end][1];
  double z = self->zoom;
  double x0 = side > 0 ? ex - 1.0 : ex - TW_DIAGRAM_MARK_REACH;
  double x1 = side > 0 ? ex + TW_DIAGRAM_MARK_REACH : ex + 1.0;
  double y0 = ey - TW_DIAGRAM_MARK_HALF_HEIGHT;
  double y1 = ey + TW_DIAGRAM_MARK_HALF_HEIGHT;
  guint slot = 2 * index + (parent_end ? 0 : 1);
  GskRenderNode *node;

  if (x1 < vx0 || x0 > vx1 || y1 < vy0 || y0 > vy1)
    return;

  if (self->mark_nodes == NULL || self->marks_zoom != z)
    {
      g_clear_pointer (&self->mark_nodes, g_ptr_array_unref);
      self->mark_nodes = g_ptr_array_new_full (2 * self->links->len, unref_node);
      g_ptr_array_set_size (self->mark_nodes, 2 * self->links->len);
      self->marks_zoom = z;
    }

  node = g_ptr_array_index (self->mark_nodes, slot);
  if (node == NULL)
    {
      cairo_t *cr;

      node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (floor (x0 * z), floor (y0 * z),
                                                      ceil ((x1 - x0) * z) + 2, ceil ((y1 - y0) * z) + 2));
      cr = gsk_cairo_node_get_draw_context (node);
      cairo_scale (cr, z, z);
      tw_diagram_paint_link_end (cr, link, parent_end, &self->style);
      cairo_destroy (cr);
      g_ptr_array_index (self->mark_nodes, slot) = node;
    }
  gtk_snapshot_append_node (snapshot, node);
}

/* The overview's links for the GL renderer: every line of the diagram
 * painted once into a texture, which the next frames draw as it is (pans)
 * or scaled (while a zoom is in progress), instead of a colour node for
 * each of the thousands of pieces in view on every frame; the software
 * rasteriser pays for every node. FALSE when the diagram is too large at
 * this zoom for one texture. */
static gboolean
append_links_texture (TwCanvas    *self,
                      GtkSnapshot *snapshot,
                      gboolean     zooming)
{
  double z = self->zoom;

  if (self->links_node == NULL || (self->links_zoom != z && !zooming))
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      double zs = z * scale;
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      double line_width = TW_DIAGRAM_LINE_WIDTH * zs;
      TwDiagramColor c = self->style.line;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GdkTexture) image = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      int w, h;

      g_clear_pointer (&self->links_node, gsk_render_node_unref);
      if (self->links->len == 0)
        return TRUE;
      for (guint i = 0; i < self->links->len; i++)
        {
          const TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, i);

          x0 = MIN (x0, link->x0);
          y0 = MIN (y0, link->y0);
          x1 = MAX (x1, link->x1);
          y1 = MAX (y1, link->y1);
        }
      x0 -= 2.0 / z;
      y0 -= 2.0 / z;
      w = (int) ceil ((x1 - x0) * zs) + 4;
      h = (int) ceil ((y1 - y0) * zs) + 4;
      if (w > MAX_LINK_TEXTURE_SIZE || h > MAX_LINK_TEXTURE_SIZE)
        return FALSE;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cr = cairo_create (surface);
      /* Thinner than a pixel: a pixel wide, as faint as the line would be. */
      cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * MIN (1.0, line_width));
      cairo_set_line_width (cr, MAX (1.0, line_width) / zs);
      cairo_scale (cr, zs, zs);
      cairo_translate (cr, -x0, -y0);
      for (guint i = 0; i < self->links->len; i++)
        tw_diagram_add_link_line (cr, &g_array_index (self->links, TwDiagramLink, i));
      cairo_stroke (cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) cairo_image_surface_get_stride (surface) * h,
                                          (GDestroyNotify) cairo_surface_destroy, surface);
      image = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
      self->links_node = gsk_texture_node_new (image, &GRAPHENE_RECT_INIT (0, 0, (double) w / scale,
                                                                          (double) h / scale));
      self->links_zoom = z;
      self->links_x = x0;
      self->links_y = y0;
    }

  gtk_snapshot_save (snapshot);
  if (self->links_zoom == z)
    {
      /* On the pixel grid, as the cards are. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (self->links_x * z),
                                                              round (self->links_y * z)));
    }
  else
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->links_x * z, self->links_y * z));
      gtk_snapshot_scale (snapshot, z / self->links_zoom, z / self->links_zoom);
    }
  gtk_snapshot_append_node (snapshot, self->links_node);
  gtk_snapshot_restore (snapshot);
  return TRUE;
}

/* A link's line as colour nodes, one per straight piece (the routes only
 * run across and down), and in detail its end marks in small cairo nodes.
 * One cairo node for all the lines would be the size of the view, and the
 * cairo renderer makes an image that large for it on every frame. */
static void
append_link (TwCanvas            *self,
             GtkSnapshot         *snapshot,
             guint                index,
             double               vx0,
             double               vy0,
             double               vx1,
             double               vy1,
             gboolean             marks)
{
  const TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, index);
  double z = self->zoom;
  double width = TW_DIAGRAM_LINE_WIDTH * z;
  double w = MAX (1.0, floor (width + 0.25));
  GdkRGBA color = to_rgba (&self->style.line);
  guint n = link->n_points;

  if (n < 2)
    return;
  /* Thinner than a pixel: a pixel wide, as faint as the line would be. */
  if (width < 1.0)
    color.alpha *= width;

  for (guint p = 0; p + 1 < n; p++)
    {
      double ax = link->points[p][0], ay = link->points[p][1];
      double bx = link->points[p + 1][0], by = link->points[p + 1][1];

      if (MAX (ax, bx) < vx0 || MIN (ax, bx) > vx1 || MAX (ay, by) < vy0 || MIN (ay, by) > vy1)
        continue;
      if (ax == bx && ay == by)
        continue;
      if (ax != bx && ay != by)
        {
          /* Routes have no slanted pieces; should one come, it still shows. */
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                   &GRAPHENE_RECT_INIT (floor (MIN (ax, bx) * z) - w,
                                                                        floor (MIN (ay, by) * z) - w,
                                                                        ceil (fabs (bx - ax) * z) + 2 * w + 1,
                                                                        ceil (fabs (by - ay) * z) + 2 * w + 1));

          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, w);
          cairo_move_to (cr, ax * z, ay * z);
          cairo_line_to (cr, bx * z, by * z);
          cairo_stroke (cr);
          cairo_destroy (cr);
          continue;
        }
      /* Each corner belongs to the piece that ends there, so that the
       * translucent colour is not laid twice. */
      append_segment (snapshot, &color, z, w, ax, ay, bx, by,
                      p == 0 ? 0.0 : -w / 2.0, p + 2 == n ? 0.0 : w / 2.0);
    }

  if (!marks)
    return;
  append_link_end (self, snapshot, index, TRUE, vx0, vy0, vx1, vy1);
  append_link_end (self, snapshot, index, FALSE, vx0, vy0, vx1, vy1);
}

static void
tw_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  TwCanvas *self = TW_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA bg = { self->style.background.r, self->style.background.g, self->style.background.b, 1.0 };
  double vx0, vy0, vx1, vy1;
  double z = self->zoom;
  gboolean overview = z < TW_DIAGRAM_OVERVIEW_ZOOM;
  gboolean zooming = self->zoom_settle_id != 0;
  gboolean limit_paints = zooming || self->zoom_repaint;
  gboolean pending = FALSE;
  guint n_paints = 0;
  guint n_names = 0;
  int scale = gtk_widget_get_scale_factor (widget);
  gboolean textures = wants_textures (self);
  guint n;

  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->n_drawn_cards = 0;
  self->n_stale_cards = 0;
  self->drew_overview = overview;
  if (self->metadata == NULL)
    return;

  /* Adjustments are updated in size_allocate, never while snapshotting:
   * changing them here would queue a resize of the scrolled window. */
  ensure_links (self);

  widget_to_model (self, 0, 0, &vx0, &vy0);
  widget_to_model (self, width, height, &vx1, &vy1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (-hvalue (self) - self->origin_x * z,
                                                -vvalue (self) - self->origin_y * z));

  /* Links under the cards, only those in view. */
  if (!overview || !textures || !append_links_texture (self, snapshot, zooming))
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          const TwDiagramLink *link = &g_array_index (self->links, TwDiagramLink, i);

          if (link->x1 < vx0 || link->x0 > vx1 || link->y1 < vy0 || link->y0 > vy1)
            continue;
          append_link (self, snapshot, i, vx0, vy0, vx1, vy1, !overview);
        }
    }

  n = tw_metadata_get_n_tables (self->metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self->metadata, i);
      double x = tw_table_get_x (table);
      double y = tw_table_get_y (table);
      double h = tw_layout_get_card_height (table);
      CardNodes *nodes;

      if (x + TW_LAYOUT_CARD_WIDTH + 4 < vx0 || x > vx1 || y + h + 4 < vy0 || y > vy1)
        continue;

      nodes = lookup_card_nodes (self, table);
      nodes->drawn_frame = self->n_frames;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x * z), round (y * z)));
      if (overview)
        {
          append_overview_card (self, snapshot, nodes, table, &n_names, &pending);
        }
      else
        {
          /* While a zoom is in progress, cards keep the node painted at an
           * earlier zoom, scaled; once it settles they are painted again
           * at the new zoom, a few per frame. A card without a node gets
           * one at once, unless too many were painted in this frame. */
          if (nodes->detail == NULL ||
              ((nodes->detail_zoom != z || nodes->detail_scale != scale ||
                nodes->detail_is_texture != textures) && !zooming))
            {
              if (!limit_paints || n_paints < MAX_CARD_PAINTS_PER_FRAME)
                {
                  paint_card_detail (self, nodes, table, textures);
                  n_paints++;
                }
              else
                {
                  pending = TRUE;
                }
            }
          if (nodes->detail == NULL)
            {
              append_overview_card (self, snapshot, nodes, table, &n_names, &pending);
              self->n_stale_cards++;
            }
          else if (nodes->detail_zoom == z)
            {
              gtk_snapshot_append_node (snapshot, nodes->detail);
            }
          else
            {
              self->n_stale_cards++;
              gtk_snapshot_save (snapshot);
              gtk_snapshot_scale (snapshot, z / nodes->detail_zoom, z / nodes->detail_zoom);
              gtk_snapshot_append_node (snapshot, nodes->detail);
              gtk_snapshot_restore (snapshot);
            }
        }
      if (g_hash_table_contains (self->selection, table) || table == self->tool_first)
        append_outline (snapshot, -3, -3, TW_LAYOUT_CARD_WIDTH * z + 6, h * z + 6,
                        table == self->focus ? 3.0 : 2.0, &self->style.selection);
      if (table == self->focus && g_hash_table_contains (self->selection, table))
        snapshot_handles (self, snapshot, table);
      gtk_snapshot_restore (snapshot);
      self->n_drawn_cards++;
    }
  gtk_snapshot_restore (snapshot);

  prune_details (self);
  self->n_frames++;

  /* A zoom's repainting goes on in the next frames; never queue a draw
   * from inside a snapshot. */
  if (pending)
    {
      if (self->repaint_id == 0)
        self->repaint_id = g_idle_add (repaint_cb, self);
    }
  else if (!zooming)
    {
      self->zoom_repaint = FALSE;
    }

  if (self->drag_mode == DRAG_BAND && self->moved)
    {
      TwDiagramColor c = self->style.selection;
      GdkRGBA fill = { c.r, c.g, c.b, 0.15 };
      GdkRGBA line = { c.r, c.g, c.b, 0.8 };
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->band_x1),
                                                 MIN (self->drag_y, self->band_y1),
                                                 fabs (self->band_x1 - self->drag_x),
                                                 fabs (self->band_y1 - self->drag_y));
      GskRoundedRect border;

      gtk_snapshot_append_color (snapshot, &fill, &band);
      gsk_rounded_rect_init_from_rect (&border, &band, 0);
      gtk_snapshot_append_border (snapshot, &border, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { line, line, line, line });
    }

  if (self->drag_mode == DRAG_CONNECT && self->moved)
    {
      TwDiagramColor c = self->style.selection;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->band_x1) - 4,
                                                   MIN (self->drag_y, self->band_y1) - 4,
                                                   fabs (self->band_x1 - self->drag_x) + 8,
                                                   fabs (self->band_y1 - self->drag_y) + 8);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      const double dashes[] = { 6.0, 4.0 };

      cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, self->drag_x, self->drag_y);
      cairo_line_to (cr, self->band_x1, self->band_y1);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }

  snapshot_minimap (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
tw_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = 100;
  *natural = 600;
}

static void
tw_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  update_adjustments (TW_CANVAS (widget));
}

/* Object ------------------------------------------------------------------------- */

static void
adjustment_value_changed_cb (TwCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TwCanvas       *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                guint           prop_id)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), prop_id == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

static void
history_notify_cb (TwCanvas *self)
{
  update_actions (self);
}

static void
tw_canvas_dispose (GObject *object)
{
  TwCanvas *self = (TwCanvas *) object;

  tw_canvas_set_metadata (self, NULL);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->drag_tables, g_ptr_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  g_clear_object (&self->connect_table);
  g_clear_object (&self->connect_column);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  g_clear_handle_id (&self->repaint_id, g_source_remove);

  G_OBJECT_CLASS (tw_canvas_parent_class)->dispose (object);
}

static void
tw_canvas_finalize (GObject *object)
{
  TwCanvas *self = (TwCanvas *) object;

  clear_link_cache (self);
  g_clear_pointer (&self->card_nodes, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->tool, g_free);

  G_OBJECT_CLASS (tw_canvas_parent_class)->finalize (object);
}

static void
tw_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TwCanvas *self = TW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;

    case PROP_SELECTED_TABLE:
      g_value_set_object (value, tw_canvas_get_selected_table (self));
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TwCanvas *self = TW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      tw_canvas_set_metadata (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      tw_canvas_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_TOOL:
      tw_canvas_set_tool (self, g_value_get_string (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), prop_id);
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), prop_id);
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_canvas_class_init (TwCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tw_canvas_dispose;
  object_class->finalize = tw_canvas_finalize;
  object_class->get_property = tw_canvas_get_property;
  object_class->set_property = tw_canvas_set_property;

  widget_class->snapshot = tw_canvas_snapshot;
  widget_class->measure = tw_canvas_measure;
  widget_class->size_allocate = tw_canvas_size_allocate;

  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TW_TYPE_HISTORY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         MIN_ZOOM, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL,
                         TW_CANVAS_TOOL_SELECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_TABLE] =
    g_param_spec_object ("selected-table", NULL, NULL,
                         TW_TYPE_TABLE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "canvas.add-table", NULL, add_table_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "canvas.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "canvas.auto-layout", NULL, auto_layout_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "canvas.link-one-to-many", NULL, link_one_to_many_action);
  gtk_widget_class_install_action (widget_class, "canvas.link-many-to-many", NULL, link_many_to_many_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel-tool", NULL, cancel_tool_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "canvas.add-table", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.auto-layout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.auto-layout", NULL);

  gtk_widget_class_set_css_name (widget_class, "twcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tw_canvas_init (TwCanvas *self)
{
  GtkGesture *drag;
  GtkGesture *click;
  GtkGesture *pinch;
  GtkEventController *scroll;
  GtkEventController *pointer;
  GtkEventController *key;

  self->zoom = 1.0;
  self->tool = g_strdup (TW_CANVAS_TOOL_SELECT);
  self->links_dirty = TRUE;
  self->bounds_dirty = TRUE;
  self->card_nodes = g_hash_table_new_full (NULL, NULL, g_object_unref, card_nodes_free);
  self->selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  tw_diagram_style_init (&self->style, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  pointer = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (pointer, "motion", G_CALLBACK (pointer_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), pointer);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram"),
                                  -1);
  update_accessible (self);
  update_actions (self);
}

GtkWidget *
tw_canvas_new (void)
{
  return g_object_new (TW_TYPE_CANVAS, NULL);
}

TwMetadata *
tw_canvas_get_metadata (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), NULL);

  return self->metadata;
}

void
tw_canvas_set_metadata (TwCanvas   *self,
                        TwMetadata *metadata)
{
  g_return_if_fail (TW_IS_CANVAS (self));
  g_return_if_fail (metadata == NULL || TW_IS_METADATA (metadata));

  if (self->metadata == metadata)
    return;

  if (self->metadata != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->metadata, self);
      g_signal_handlers_disconnect_by_data (tw_metadata_get_tables (self->metadata), self);
      g_signal_handlers_disconnect_by_data (tw_metadata_get_relationships (self->metadata), self);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->focus);
  g_clear_object (&self->tool_first);
  g_hash_table_remove_all (self->selection);
  g_set_object (&self->metadata, metadata);

  if (metadata != NULL)
    {
      g_signal_connect_object (metadata, "changed",
                               G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (metadata, "table-changed",
                               G_CALLBACK (table_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tw_metadata_get_tables (metadata), "items-changed",
                               G_CALLBACK (tables_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tw_metadata_get_relationships (metadata), "items-changed",
                               G_CALLBACK (relationships_changed_cb), self, G_CONNECT_SWAPPED);
      self->history = tw_history_new (metadata);
      g_signal_connect_object (self->history, "notify::can-undo",
                               G_CALLBACK (history_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::can-redo",
                               G_CALLBACK (history_notify_cb), self, G_CONNECT_SWAPPED);
    }

  self->bounds_dirty = TRUE;
  invalidate_all (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_actions (self);
  selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

TwHistory *
tw_canvas_get_history (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), NULL);

  return self->history;
}

double
tw_canvas_get_zoom (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
tw_canvas_set_zoom (TwCanvas *self,
                    double    zoom)
{
  g_return_if_fail (TW_IS_CANVAS (self));

  zoom_around (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

const char *
tw_canvas_get_tool (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), NULL);

  return self->tool;
}

void
tw_canvas_set_tool (TwCanvas   *self,
                    const char *tool)
{
  g_return_if_fail (TW_IS_CANVAS (self));

  if (tool == NULL)
    tool = TW_CANVAS_TOOL_SELECT;
  g_return_if_fail (g_str_equal (tool, TW_CANVAS_TOOL_SELECT) ||
                    g_str_equal (tool, TW_CANVAS_TOOL_ONE_TO_MANY) ||
                    g_str_equal (tool, TW_CANVAS_TOOL_MANY_TO_MANY));

  g_clear_object (&self->tool_first);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (g_strcmp0 (self->tool, tool) == 0)
    return;
  g_free (self->tool);
  self->tool = g_strdup (tool);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   g_str_equal (tool, TW_CANVAS_TOOL_SELECT) ? NULL : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

TwTable *
tw_canvas_get_selected_table (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), NULL);

  if (self->focus != NULL && g_hash_table_contains (self->selection, self->focus))
    return self->focus;
  return NULL;
}

GPtrArray *
tw_canvas_dup_selection (TwCanvas *self)
{
  GPtrArray *tables;
  guint n;

  g_return_val_if_fail (TW_IS_CANVAS (self), NULL);

  tables = g_ptr_array_new ();
  if (self->metadata == NULL)
    return tables;
  n = tw_metadata_get_n_tables (self->metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (self->metadata, i);

      if (g_hash_table_contains (self->selection, table))
        g_ptr_array_add (tables, table);
    }
  return tables;
}

void
tw_canvas_select_table (TwCanvas *self,
                        TwTable  *table)
{
  g_return_if_fail (TW_IS_CANVAS (self));
  g_return_if_fail (table == NULL || TW_IS_TABLE (table));

  select_only (self, table);
  if (table != NULL)
    scroll_to_table (self, table);
}

/* Test hooks ------------------------------------------------------------------------ */

void
_tw_canvas_click_at (TwCanvas        *self,
                     double           x,
                     double           y,
                     GdkModifierType  state)
{
  double wx, wy;

  g_return_if_fail (TW_IS_CANVAS (self));

  if (self->bounds_dirty)
    update_adjustments (self);
  model_to_widget (self, x, y, &wx, &wy);
  press (self, wx, wy, GDK_BUTTON_PRIMARY, state);
  release (self);
}

void
_tw_canvas_drag (TwCanvas        *self,
                 double           from_x,
                 double           from_y,
                 double           to_x,
                 double           to_y,
                 GdkModifierType  state)
{
  double wx, wy;

  g_return_if_fail (TW_IS_CANVAS (self));

  if (self->bounds_dirty)
    update_adjustments (self);
  model_to_widget (self, from_x, from_y, &wx, &wy);
  press (self, wx, wy, GDK_BUTTON_PRIMARY, state);
  /* Several motion events, as a real drag has: still one undo step. */
  for (guint i = 1; i <= 4; i++)
    motion (self, (to_x - from_x) * self->zoom * i / 4.0, (to_y - from_y) * self->zoom * i / 4.0, state);
  release (self);
}

void
_tw_canvas_double_click_at (TwCanvas *self,
                            double    x,
                            double    y)
{
  double wx, wy;

  g_return_if_fail (TW_IS_CANVAS (self));

  if (self->bounds_dirty)
    update_adjustments (self);
  model_to_widget (self, x, y, &wx, &wy);
  double_click (self, wx, wy);
}

guint
_tw_canvas_get_n_drawn_cards (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), 0);

  return self->n_drawn_cards;
}

guint
_tw_canvas_get_n_stale_cards (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), 0);

  return self->n_stale_cards;
}

gboolean
_tw_canvas_is_overview (TwCanvas *self)
{
  g_return_val_if_fail (TW_IS_CANVAS (self), FALSE);

  return self->drew_overview;
}
