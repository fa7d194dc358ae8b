/* tw-layout.h: card geometry and automatic layered layout of the design canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

/* The size of a table's card on the design canvas, in model units; the
 * canvas, the diagram export and the layout all use these. */
#define TW_LAYOUT_CARD_WIDTH     240.0
#define TW_LAYOUT_HEADER_HEIGHT  36.0
#define TW_LAYOUT_ROW_HEIGHT     24.0
#define TW_LAYOUT_CARD_PADDING   6.0
/* The gaps the layout leaves between layers (columns) and between cards. */
#define TW_LAYOUT_LAYER_GAP      140.0
#define TW_LAYOUT_CARD_GAP       40.0
/* The grid the canvas snaps cards to. */
#define TW_LAYOUT_GRID           10.0

double tw_layout_get_card_height (TwTable    *table);

/* The bounding box of every card: FALSE when the model has no tables. */
gboolean tw_layout_get_bounds    (TwMetadata *metadata,
                                  double     *x,
                                  double     *y,
                                  double     *width,
                                  double     *height);

/* Places every card: tables in layers from left to right by the depth of
 * their foreign keys (a table right of every table it refers to; cycles are
 * broken in the order of tw_metadata_sort_tables), cards within a layer
 * ordered by the barycenter heuristic to shorten and uncross links, and
 * tables without links in columns after the rest. A strip of layers much
 * wider than high (long chains of references) is cut into bands of
 * consecutive layers stacked top to bottom. Deterministic; each
 * position is set with tw_table_set_position (only when it changes). */
void     tw_layout_apply         (TwMetadata *metadata);

G_END_DECLS
