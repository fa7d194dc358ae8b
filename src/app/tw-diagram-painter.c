/* tw-diagram-painter.c: cairo painting of table cards and links, for the canvas and export
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-diagram-painter"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "tw-diagram-painter.h"
#include "tw-layout.h"

/* How far a line runs straight out of a card before it may bend. */
#define LEAD_LENGTH 24.0
#define CORNER 8.0

static void
set_color (TwDiagramColor *color,
           guint32         rgb,
           double          alpha)
{
  color->r = ((rgb >> 16) & 0xff) / 255.0;
  color->g = ((rgb >> 8) & 0xff) / 255.0;
  color->b = (rgb & 0xff) / 255.0;
  color->a = alpha;
}

static void
source (cairo_t              *cr,
        const TwDiagramColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

void
tw_diagram_style_init (TwDiagramStyle *style,
                       gboolean        dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  if (dark)
    {
      set_color (&style->background, 0x242424, 1.0);
      set_color (&style->grid, 0x2e2e2e, 1.0);
      set_color (&style->card, 0x303030, 1.0);
      set_color (&style->card_border, 0x4f4f4f, 1.0);
      set_color (&style->header, 0x1c71d8, 1.0);
      set_color (&style->association_header, 0x813d9c, 1.0);
      set_color (&style->header_text, 0xffffff, 1.0);
      set_color (&style->text, 0xffffff, 0.92);
      set_color (&style->dim_text, 0xffffff, 0.55);
      set_color (&style->key, 0xf6d32d, 1.0);
      set_color (&style->foreign_key, 0x99c1f1, 1.0);
      set_color (&style->line, 0xc0bfbc, 0.9);
      set_color (&style->selection, 0x78aeed, 1.0);
      set_color (&style->shadow, 0x000000, 0.35);
    }
  else
    {
      set_color (&style->background, 0xfafafa, 1.0);
      set_color (&style->grid, 0xececec, 1.0);
      set_color (&style->card, 0xffffff, 1.0);
      set_color (&style->card_border, 0xc8c8c8, 1.0);
      set_color (&style->header, 0x3584e4, 1.0);
      set_color (&style->association_header, 0x9141ac, 1.0);
      set_color (&style->header_text, 0xffffff, 1.0);
      set_color (&style->text, 0x000000, 0.85);
      set_color (&style->dim_text, 0x000000, 0.5);
      set_color (&style->key, 0xc88800, 1.0);
      set_color (&style->foreign_key, 0x1c71d8, 1.0);
      set_color (&style->line, 0x5e5c64, 0.9);
      set_color (&style->selection, 0x3584e4, 1.0);
      set_color (&style->shadow, 0x000000, 0.12);
    }
  g_strlcpy (style->font_family, "Sans", sizeof style->font_family);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static PangoLayout *
create_layout (cairo_t              *cr,
               const TwDiagramStyle *style,
               double                size,
               gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) desc = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics that do not depend on the zoom, so text keeps its place. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_family (desc, style->font_family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y_center,
           double       width,
           gboolean     right_align)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, right_align ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y_center - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* A small key: a ring with a bit and two teeth. */
static void
paint_key_glyph (cairo_t              *cr,
                 double                x,
                 double                y,
                 const TwDiagramColor *color)
{
  source (cr, color);
  cairo_set_line_width (cr, 1.6);
  cairo_new_path (cr);
  cairo_arc (cr, x + 3.5, y, 3.0, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 6.5, y);
  cairo_line_to (cr, x + 13.0, y);
  cairo_move_to (cr, x + 10.5, y);
  cairo_line_to (cr, x + 10.5, y + 3.0);
  cairo_move_to (cr, x + 12.5, y);
  cairo_line_to (cr, x + 12.5, y + 2.5);
  cairo_stroke (cr);
}

/* A foreign key mark: an arrow pointing right. */
static void
paint_fk_glyph (cairo_t              *cr,
                double                x,
                double                y,
                const TwDiagramColor *color)
{
  source (cr, color);
  cairo_set_line_width (cr, 1.6);
  cairo_new_path (cr);
  cairo_move_to (cr, x + 1.0, y);
  cairo_line_to (cr, x + 12.0, y);
  cairo_move_to (cr, x + 8.0, y - 3.5);
  cairo_line_to (cr, x + 12.0, y);
  cairo_line_to (cr, x + 8.0, y + 3.5);
  cairo_stroke (cr);
}

static gboolean
column_in_foreign_key (TwTable    *table,
                       const char *column)
{
  GListModel *fks = tw_table_get_foreign_keys (table);
  guint n = g_list_model_get_n_items (fks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, i);

      if (tw_foreign_key_has_column (fk, column))
        return TRUE;
    }
  return FALSE;
}

/* Zoomed far out, column text would be a grey smear: the name, as large as
 * the card allows, and a bar per column. */
static void
paint_card_overview (cairo_t              *cr,
                     TwTable              *table,
                     gboolean              association,
                     const TwDiagramStyle *style,
                     double                zoom,
                     double                height)
{
  g_autoptr (PangoLayout) title = NULL;
  double width = TW_LAYOUT_CARD_WIDTH;
  double size = MIN (MIN (12.0 / MAX (zoom, 0.01), 48.0), height * 0.5);
  guint n_columns = tw_table_get_n_columns (table);

  source (cr, &style->card);
  rounded_rect (cr, 0, 0, width, height, CORNER);
  cairo_fill_preserve (cr);
  source (cr, association ? &style->association_header : &style->header);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke (cr);

  source (cr, association ? &style->association_header : &style->header);
  cairo_rectangle (cr, 0, 0, width, TW_LAYOUT_HEADER_HEIGHT);
  cairo_fill (cr);

  source (cr, &style->card_border);
  for (guint i = 0; i < n_columns; i++)
    {
      double y = TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * i + TW_LAYOUT_ROW_HEIGHT * 0.3;

      cairo_rectangle (cr, 12, y, width * 0.55, TW_LAYOUT_ROW_HEIGHT * 0.4);
    }
  cairo_fill (cr);

  title = create_layout (cr, style, size, TRUE);
  pango_layout_set_text (title, tw_table_get_name (table), -1);
  pango_layout_set_width (title, (int) ((width - 16) * PANGO_SCALE));
  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  {
    int w, h;
    double box_y = MIN (height / 2.0, TW_LAYOUT_HEADER_HEIGHT + (height - TW_LAYOUT_HEADER_HEIGHT) / 2.0);

    pango_layout_get_pixel_size (title, &w, &h);
    /* A plate behind the name, so that it reads over the bars. */
    source (cr, association ? &style->association_header : &style->header);
    rounded_rect (cr, 4, MAX (2, box_y - h / 2.0 - 2), width - 8, MIN (h + 4, height - 4), CORNER / 2);
    cairo_fill (cr);
    source (cr, &style->header_text);
    cairo_move_to (cr, 8, MAX (4, box_y - h / 2.0));
    pango_cairo_show_layout (cr, title);
  }
}

void
tw_diagram_paint_card (cairo_t              *cr,
                       TwTable              *table,
                       gboolean              association,
                       const TwDiagramStyle *style,
                       double                zoom)
{
  g_autoptr (PangoLayout) title = NULL;
  g_autoptr (PangoLayout) body = NULL;
  g_autoptr (PangoLayout) small = NULL;
  double width = TW_LAYOUT_CARD_WIDTH;
  double height;
  guint n_columns;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (TW_IS_TABLE (table));
  g_return_if_fail (style != NULL);

  height = tw_layout_get_card_height (table);
  n_columns = tw_table_get_n_columns (table);

  if (zoom < TW_DIAGRAM_OVERVIEW_ZOOM)
    {
      cairo_save (cr);
      paint_card_overview (cr, table, association, style, zoom, height);
      cairo_restore (cr);
      return;
    }

  cairo_save (cr);

  /* Shadow, body, header. */
  source (cr, &style->shadow);
  rounded_rect (cr, 1, 2, width, height, CORNER);
  cairo_fill (cr);

  source (cr, &style->card);
  rounded_rect (cr, 0, 0, width, height, CORNER);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);
  source (cr, association ? &style->association_header : &style->header);
  cairo_rectangle (cr, 0, 0, width, TW_LAYOUT_HEADER_HEIGHT);
  cairo_fill (cr);
  cairo_restore (cr);
  rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, CORNER);
  source (cr, &style->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  title = create_layout (cr, style, 14.0, TRUE);
  body = create_layout (cr, style, 12.5, FALSE);
  small = create_layout (cr, style, 11.0, FALSE);

  source (cr, &style->header_text);
  show_text (cr, title, tw_table_get_name (table), 12, TW_LAYOUT_HEADER_HEIGHT / 2.0,
             width - 24, FALSE);

  if (n_columns == 0)
    {
      source (cr, &style->dim_text);
      show_text (cr, small, "no columns", 12,
                 TW_LAYOUT_HEADER_HEIGHT + TW_LAYOUT_ROW_HEIGHT / 2.0 + 2, width - 24, FALSE);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      TwColumn *column = tw_table_get_column (table, i);
      double cy = TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * (i + 0.5);
      g_autofree char *type = tw_column_dup_type_label (column);
      g_autofree char *type_text = NULL;
      gboolean nullable = tw_column_is_effectively_nullable (column);
      int type_width;

      if (tw_column_get_primary_key (column))
        paint_key_glyph (cr, 8, cy, &style->key);
      else if (column_in_foreign_key (table, tw_column_get_name (column)))
        paint_fk_glyph (cr, 8, cy, &style->foreign_key);
      if (tw_column_get_primary_key (column) && column_in_foreign_key (table, tw_column_get_name (column)))
        paint_fk_glyph (cr, 8, cy + 6, &style->foreign_key);

      type_text = g_strconcat (type, nullable ? " ?" : "", NULL);
      source (cr, &style->dim_text);
      pango_layout_set_width (small, -1);
      pango_layout_set_text (small, type_text, -1);
      pango_layout_get_pixel_size (small, &type_width, NULL);
      type_width = MIN (type_width, (int) (width * 0.5));
      show_text (cr, small, type_text, width - 10 - type_width, cy, type_width, TRUE);

      source (cr, &style->text);
      show_text (cr, body, tw_column_get_name (column), 28, cy,
                 width - 28 - 16 - type_width, FALSE);
    }

  cairo_restore (cr);
}

static int
column_row (TwTable    *table,
            const char *name)
{
  TwColumn *column;

  if (name == NULL)
    return -1;
  column = tw_table_find_column (table, name);
  if (column == NULL)
    return -1;
  return tw_table_get_column_position (table, column);
}

static double
row_center (TwTable *table,
            int      row)
{
  if (row < 0)
    return tw_table_get_y (table) + TW_LAYOUT_HEADER_HEIGHT / 2.0;
  return tw_table_get_y (table) + TW_LAYOUT_HEADER_HEIGHT + 3 + TW_LAYOUT_ROW_HEIGHT * (row + 0.5);
}

static void
add_point (TwDiagramLink *link,
           double         x,
           double         y)
{
  g_assert (link->n_points < TW_DIAGRAM_MAX_POINTS);
  link->points[link->n_points][0] = x;
  link->points[link->n_points][1] = y;
  link->n_points++;
}

typedef struct
{
  TwTable *table;
  double   x0, y0, x1, y1;
} Card;

/* TRUE when the axis-aligned segment runs through a card other than the
 * two the link joins. */
/* TRUE when the axis-aligned segment runs through one of the cards (the
 * cards the link joins are not among them). */
static gboolean
segment_hits_card (const Card *const *cards,
                   guint              n_cards,
                   double             ax,
                   double             ay,
                   double             bx,
                   double             by)
{
  double x0 = MIN (ax, bx), x1 = MAX (ax, bx);
  double y0 = MIN (ay, by), y1 = MAX (ay, by);

  for (guint i = 0; i < n_cards; i++)
    {
      const Card *card = cards[i];

      /* Beside a card are the ends of its own links: keep clear of those too. */
      if (x1 > card->x0 - LEAD_LENGTH - 6 && x0 < card->x1 + LEAD_LENGTH + 6 && y1 > card->y0 - 2 && y0 < card->y1 + 2)
        return TRUE;
    }
  return FALSE;
}

static gboolean
elbow_is_clear (const Card *const *cards,
                guint              n_cards,
                double             sx,
                double             sy,
                double             mid,
                double             ex,
                double             ey)
{
  return !segment_hits_card (cards, n_cards, sx, sy, mid, sy) &&
         !segment_hits_card (cards, n_cards, mid, sy, mid, ey) &&
         !segment_hits_card (cards, n_cards, mid, ey, ex, ey);
}

/* Candidate places tried on each side of the gap before giving up. */
#define MAX_ELBOW_TRIES 12
#define MAX_OBSTACLES   24

/* The x of the vertical part of a link from sx to ex: the middle of the gap
 * when that runs through no other card, else the first clear place from
 * either end. Only the cards inside the link's box can be in the way. */
static double
choose_elbow (const TwDiagramLink *link,
              const Card          *cards,
              guint                n_cards,
              double               sx,
              double               sy,
              double               ex,
              double               ey)
{
  g_autoptr (GPtrArray) near = NULL;
  double mid = (sx + ex) / 2.0;
  double dir = ex > sx ? 1.0 : -1.0;
  double span = fabs (ex - sx) - 2 * LEAD_LENGTH;
  double bx0 = MIN (sx, ex), bx1 = MAX (sx, ex);
  double by0 = MIN (sy, ey), by1 = MAX (sy, ey);

  if (cards == NULL)
    return mid;

  near = g_ptr_array_new ();
  for (guint i = 0; i < n_cards; i++)
    {
      const Card *card = &cards[i];

      if (card->table == link->parent || card->table == link->child)
        continue;
      if (bx1 > card->x0 - LEAD_LENGTH - 6 && bx0 < card->x1 + LEAD_LENGTH + 6 && by1 > card->y0 - 2 && by0 < card->y1 + 2)
        g_ptr_array_add (near, (gpointer) card);
    }
  /* Among many cards a clear three-part line is unlikely, and looking for
   * one would make every redraw of a large model slow. */
  if (near->len == 0 || near->len > MAX_OBSTACLES ||
      elbow_is_clear ((const Card *const *) near->pdata, near->len, sx, sy, mid, ex, ey))
    return mid;

  for (guint k = 0; k < MAX_ELBOW_TRIES && k * TW_LAYOUT_GRID * 2 <= span; k++)
    {
      double d = k * TW_LAYOUT_GRID * 2;
      double near_child = ex - dir * (LEAD_LENGTH + d);
      double near_parent = sx + dir * (LEAD_LENGTH + d);

      if (elbow_is_clear ((const Card *const *) near->pdata, near->len, sx, sy, near_child, ex, ey))
        return near_child;
      if (elbow_is_clear ((const Card *const *) near->pdata, near->len, sx, sy, near_parent, ex, ey))
        return near_parent;
    }
  return mid;
}

static void
route (TwDiagramLink *link,
       const Card    *cards,
       guint          n_cards)
{
  TwTable *p = link->parent;
  TwTable *c = link->child;
  const char * const *columns = tw_foreign_key_get_columns (link->foreign_key);
  const char * const *referred = tw_foreign_key_get_referred_columns (link->foreign_key);
  double px = tw_table_get_x (p), cx = tw_table_get_x (c);
  double w = TW_LAYOUT_CARD_WIDTH;
  double py, cy;

  py = row_center (p, column_row (p, referred != NULL ? referred[0] : NULL));
  cy = row_center (c, column_row (c, columns != NULL ? columns[0] : NULL));
  link->n_points = 0;

  if (p == c)
    {
      double out = px + w + LEAD_LENGTH * 1.5;

      if (fabs (py - cy) < 1.0)
        py = row_center (p, -1);
      add_point (link, px + w, py);
      add_point (link, out, py);
      add_point (link, out, cy);
      add_point (link, px + w, cy);
      link->parent_side = link->child_side = 1;
    }
  else if (cx >= px + w + 2 * LEAD_LENGTH)
    {
      double mid = choose_elbow (link, cards, n_cards, px + w, py, cx, cy);

      add_point (link, px + w, py);
      add_point (link, mid, py);
      add_point (link, mid, cy);
      add_point (link, cx, cy);
      link->parent_side = 1;
      link->child_side = -1;
    }
  else if (cx + w + 2 * LEAD_LENGTH <= px)
    {
      double mid = choose_elbow (link, cards, n_cards, px, py, cx + w, cy);

      add_point (link, px, py);
      add_point (link, mid, py);
      add_point (link, mid, cy);
      add_point (link, cx + w, cy);
      link->parent_side = -1;
      link->child_side = 1;
    }
  else
    {
      /* The cards overlap horizontally: go around on the right of both. */
      double out = MAX (px, cx) + w + LEAD_LENGTH;

      add_point (link, px + w, py);
      add_point (link, out, py);
      add_point (link, out, cy);
      add_point (link, cx + w, cy);
      link->parent_side = link->child_side = 1;
    }

  link->x0 = link->y0 = G_MAXDOUBLE;
  link->x1 = link->y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < link->n_points; i++)
    {
      link->x0 = MIN (link->x0, link->points[i][0]);
      link->y0 = MIN (link->y0, link->points[i][1]);
      link->x1 = MAX (link->x1, link->points[i][0]);
      link->y1 = MAX (link->y1, link->points[i][1]);
    }
  link->x0 -= LEAD_LENGTH;
  link->x1 += LEAD_LENGTH;
  link->y0 -= 10;
  link->y1 += 10;
}

GHashTable *
tw_diagram_dup_association_names (TwMetadata *metadata)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *relationships;
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (metadata), names);

  relationships = tw_metadata_get_relationships (metadata);
  n = g_list_model_get_n_items (relationships);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *secondary = tw_relationship_get_secondary (relationship);

      if (tw_relationship_get_kind (relationship) == TW_RELATIONSHIP_KIND_MANY_TO_MANY && secondary != NULL)
        g_hash_table_add (names, g_strdup (secondary));
    }
  return names;
}

GArray *
tw_diagram_collect_links (TwMetadata *metadata)
{
  g_autoptr (GHashTable) by_name = NULL;
  g_autofree Card *cards = NULL;
  GArray *links;
  guint n;

  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);

  links = g_array_new (FALSE, TRUE, sizeof (TwDiagramLink));
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  n = tw_metadata_get_n_tables (metadata);
  cards = g_new0 (Card, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      cards[i].table = table;
      cards[i].x0 = tw_table_get_x (table);
      cards[i].y0 = tw_table_get_y (table);
      cards[i].x1 = cards[i].x0 + TW_LAYOUT_CARD_WIDTH;
      cards[i].y1 = cards[i].y0 + tw_layout_get_card_height (table);

      if (!g_hash_table_contains (by_name, tw_table_get_name (table)))
        g_hash_table_insert (by_name, (gpointer) tw_table_get_name (table), table);
    }

  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);
      GListModel *fks = tw_table_get_foreign_keys (table);
      guint n_fks = g_list_model_get_n_items (fks);

      for (guint f = 0; f < n_fks; f++)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);
          TwTable *parent = g_hash_table_lookup (by_name, tw_foreign_key_get_referred_table (fk));
          const char * const *columns = tw_foreign_key_get_columns (fk);
          TwDiagramLink link = { 0, };

          if (parent == NULL)
            continue;

          link.parent = parent;
          link.child = table;
          /* Borrowed: the table holds the key. */
          link.foreign_key = fk;
          link.nullable = FALSE;
          for (guint k = 0; columns != NULL && columns[k] != NULL; k++)
            {
              TwColumn *column = tw_table_find_column (table, columns[k]);

              if (column != NULL && tw_column_is_effectively_nullable (column))
                link.nullable = TRUE;
            }
          route (&link, cards, n);
          g_array_append_val (links, link);
        }
    }
  return links;
}

static void
bar (cairo_t *cr,
     double   x,
     double   y)
{
  cairo_move_to (cr, x, y - 6);
  cairo_line_to (cr, x, y + 6);
}

static void
ring (cairo_t              *cr,
      double                x,
      double                y,
      const TwDiagramStyle *style)
{
  cairo_stroke (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 4.0, 0, 2 * G_PI);
  source (cr, &style->background);
  cairo_fill_preserve (cr);
  source (cr, &style->line);
  cairo_stroke (cr);
}

static void
paint_parent_end (cairo_t              *cr,
                  const TwDiagramLink  *link,
                  const TwDiagramStyle *style)
{
  double ex, ey;
  int d;

  /* The "one" end: a bar and a bar (exactly one) or a ring (zero or one). */
  ex = link->points[0][0];
  ey = link->points[0][1];
  d = link->parent_side;
  bar (cr, ex + d * 8, ey);
  if (link->nullable)
    {
      ring (cr, ex + d * 17, ey, style);
    }
  else
    {
      bar (cr, ex + d * 12, ey);
      cairo_stroke (cr);
    }
}

static void
paint_child_end (cairo_t              *cr,
                 const TwDiagramLink  *link,
                 const TwDiagramStyle *style)
{
  double ex, ey;
  int d;

  /* The "many" end: a crow's foot on the card, and a ring (zero or many)
   * or a bar (one or many). */
  ex = link->points[link->n_points - 1][0];
  ey = link->points[link->n_points - 1][1];
  d = link->child_side;
  cairo_move_to (cr, ex + d * 12, ey);
  cairo_line_to (cr, ex, ey - 6);
  cairo_move_to (cr, ex + d * 12, ey);
  cairo_line_to (cr, ex, ey + 6);
  cairo_move_to (cr, ex + d * 12, ey);
  cairo_line_to (cr, ex, ey);
  if (link->nullable)
    {
      ring (cr, ex + d * 18, ey, style);
    }
  else
    {
      bar (cr, ex + d * 16, ey);
      cairo_stroke (cr);
    }
}

static void
set_line_style (cairo_t              *cr,
                const TwDiagramStyle *style)
{
  source (cr, &style->line);
  cairo_set_line_width (cr, TW_DIAGRAM_LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

void
tw_diagram_paint_link (cairo_t              *cr,
                       const TwDiagramLink  *link,
                       const TwDiagramStyle *style)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (link != NULL);
  g_return_if_fail (style != NULL);

  if (link->n_points < 2)
    return;

  cairo_save (cr);
  set_line_style (cr, style);
  cairo_new_path (cr);
  tw_diagram_add_link_line (cr, link);
  cairo_stroke (cr);
  paint_parent_end (cr, link, style);
  paint_child_end (cr, link, style);
  cairo_restore (cr);
}

void
tw_diagram_paint_link_end (cairo_t              *cr,
                           const TwDiagramLink  *link,
                           gboolean              parent_end,
                           const TwDiagramStyle *style)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (link != NULL);
  g_return_if_fail (style != NULL);

  if (link->n_points < 2)
    return;

  cairo_save (cr);
  set_line_style (cr, style);
  cairo_new_path (cr);
  if (parent_end)
    paint_parent_end (cr, link, style);
  else
    paint_child_end (cr, link, style);
  cairo_restore (cr);
}

void
tw_diagram_add_link_line (cairo_t             *cr,
                          const TwDiagramLink *link)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (link != NULL);

  if (link->n_points < 2)
    return;
  cairo_move_to (cr, link->points[0][0], link->points[0][1]);
  for (guint i = 1; i < link->n_points; i++)
    cairo_line_to (cr, link->points[i][0], link->points[i][1]);
}

void
tw_diagram_paint_model (cairo_t              *cr,
                        TwMetadata           *metadata,
                        const TwDiagramStyle *style)
{
  g_autoptr (GArray) links = NULL;
  g_autoptr (GHashTable) associations = NULL;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (TW_IS_METADATA (metadata));
  g_return_if_fail (style != NULL);

  links = tw_diagram_collect_links (metadata);
  associations = tw_diagram_dup_association_names (metadata);

  for (guint i = 0; i < links->len; i++)
    tw_diagram_paint_link (cr, &g_array_index (links, TwDiagramLink, i), style);

  n = tw_metadata_get_n_tables (metadata);
  for (guint i = 0; i < n; i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      cairo_save (cr);
      cairo_translate (cr, tw_table_get_x (table), tw_table_get_y (table));
      tw_diagram_paint_card (cr, table,
                             g_hash_table_contains (associations, tw_table_get_name (table)),
                             style, 1.0);
      cairo_restore (cr);
    }
}

int
tw_diagram_row_at (TwTable *table,
                   double   y_in_card)
{
  double row;

  g_return_val_if_fail (TW_IS_TABLE (table), -2);

  if (y_in_card < TW_LAYOUT_HEADER_HEIGHT)
    return -1;
  row = (y_in_card - TW_LAYOUT_HEADER_HEIGHT - 3) / TW_LAYOUT_ROW_HEIGHT;
  if (row < 0 || row >= tw_table_get_n_columns (table))
    return -2;
  return (int) row;
}

void
tw_diagram_reroute_link (TwDiagramLink *link)
{
  g_return_if_fail (link != NULL);
  g_return_if_fail (TW_IS_TABLE (link->parent) && TW_IS_TABLE (link->child));

  route (link, NULL, 0);
}
