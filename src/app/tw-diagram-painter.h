/* tw-diagram-painter.h: cairo painting of table cards and links, for the canvas and export
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

/* Colours as red, green, blue, alpha from 0 to 1. */
typedef struct
{
  double r, g, b, a;
} TwDiagramColor;

typedef struct
{
  TwDiagramColor background;
  TwDiagramColor grid;
  TwDiagramColor card;
  TwDiagramColor card_border;
  TwDiagramColor header;
  TwDiagramColor association_header;
  TwDiagramColor header_text;
  TwDiagramColor text;
  TwDiagramColor dim_text;
  TwDiagramColor key;
  TwDiagramColor foreign_key;
  TwDiagramColor line;
  TwDiagramColor selection;
  TwDiagramColor shadow;
  /* The font family of the text, e.g. "Cantarell" or "Sans". */
  char           font_family[64];
} TwDiagramStyle;

#define TW_DIAGRAM_MAX_POINTS 6

/* The line of one foreign key, from the referred ("one") table to the
 * table holding the key ("many"). */
typedef struct
{
  TwTable      *parent;
  TwTable      *child;
  TwForeignKey *foreign_key;
  double        points[TW_DIAGRAM_MAX_POINTS][2];
  guint         n_points;
  /* Outward direction of the line at each end: -1 left side, +1 right side. */
  int           parent_side;
  int           child_side;
  gboolean      nullable;
  /* Bounding box, marks included. */
  double        x0, y0, x1, y1;
} TwDiagramLink;

void    tw_diagram_style_init    (TwDiagramStyle      *style,
                                  gboolean             dark);

/* Every foreign key line of the model whose referred table exists. */
GArray *tw_diagram_collect_links (TwMetadata          *metadata) G_GNUC_WARN_UNUSED_RESULT;

/* Routes the link again after its cards moved, without looking for other
 * cards in the way (quick: for the frames of a drag). */
void    tw_diagram_reroute_link  (TwDiagramLink       *link);

/* The width of a link's line, in model units. */
#define TW_DIAGRAM_LINE_WIDTH       1.5
#define TW_DIAGRAM_MARK_REACH       24.0
#define TW_DIAGRAM_MARK_HALF_HEIGHT 7.0

/* Below this zoom the canvas draws cards as an overview: the name large,
 * the columns as bars. */
#define TW_DIAGRAM_OVERVIEW_ZOOM 0.45

/* Paints a table's card with its top left corner at (0, 0), in model units,
 * for the zoom it will be shown at (1.0 for an export). */
void    tw_diagram_paint_card    (cairo_t             *cr,
                                  TwTable             *table,
                                  gboolean             association,
                                  const TwDiagramStyle *style,
                                  double               zoom);
/* Paints a link in model units. */
void    tw_diagram_paint_link    (cairo_t             *cr,
                                  const TwDiagramLink *link,
                                  const TwDiagramStyle *style);
/* Adds the link's line, without its end marks, to the current path of cr. */
void    tw_diagram_add_link_line (cairo_t             *cr,
                                  const TwDiagramLink *link);
/* Paints only the marks at one end of a link (the referred table's end or
 * the other), in model units: what tw_diagram_paint_link() adds to the
 * line there. With their strokes they reach at most TW_DIAGRAM_MARK_REACH
 * from the end point along the line (and one unit behind it) and
 * TW_DIAGRAM_MARK_HALF_HEIGHT above and below it. */
void    tw_diagram_paint_link_end (cairo_t              *cr,
                                   const TwDiagramLink  *link,
                                   gboolean              parent_end,
                                   const TwDiagramStyle *style);
/* Paints the whole model (background, links, cards) in model units. */
void    tw_diagram_paint_model   (cairo_t             *cr,
                                  TwMetadata          *metadata,
                                  const TwDiagramStyle *style);

/* The names of the association tables of many-to-many relationships. */
GHashTable *tw_diagram_dup_association_names (TwMetadata *metadata) G_GNUC_WARN_UNUSED_RESULT;

/* The index of the column row at model y inside a card at card_y, or -1
 * for the header, -2 outside the rows. */
int     tw_diagram_row_at        (TwTable             *table,
                                  double               y_in_card);

G_END_DECLS
