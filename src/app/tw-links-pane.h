/* tw-links-pane.h: the rows a row is linked to through a many-to-many relationship
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_LINKS_PANE (tw_links_pane_get_type ())

G_DECLARE_FINAL_TYPE (TwLinksPane, tw_links_pane, TW, LINKS_PANE, GtkWidget)

/* For one row (a book), lists the rows of the other side of a many-to-many
 * relationship (its authors) as the association table holds them, stages
 * new links from a searchable picker (tw_session_link) and removals
 * (tw_session_unlink).
 *
 * Actions: links.add (opens the picker), links.unlink (u: position in the
 * list). */

/* The first many-to-many relationship @table takes part in, or NULL. */
TwRelationship *tw_links_pane_find_relationship (TwMetadata  *metadata,
                                                 TwTable     *table);
/* Shows the links of @row (NULL: none). */
void         tw_links_pane_set_row       (TwLinksPane *self,
                                          TwRow       *row);
TwRow       *tw_links_pane_get_row       (TwLinksPane *self);
/* The association rows listed (for tests). */
GListModel  *tw_links_pane_get_links     (TwLinksPane *self);
/* The picker's rows while it is up (for tests). */
GListModel  *tw_links_pane_get_candidates (TwLinksPane *self);
/* Stages a link to the picker's row at @position, as a click does. */
gboolean     tw_links_pane_pick          (TwLinksPane *self,
                                          guint        position);

G_END_DECLS
