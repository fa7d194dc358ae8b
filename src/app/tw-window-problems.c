/* tw-window-problems.c: a problem activated in the SQL view selects its table on the canvas
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-window"

#include "config.h"

#include "tw-canvas.h"
#include "tw-design-view.h"
#include "tw-window-private.h"

static void
problem_activated_cb (TwWindow   *self,
                      const char *table_name,
                      TwSqlView  *sql_view)
{
  TwDesignView *design_view;
  TwTable      *table;

  g_assert (TW_IS_WINDOW (self));

  /* A problem of the whole model (a compile failure) has no place to go. */
  if (table_name == NULL)
    return;

  table = tw_metadata_find_table (self->metadata, table_name);
  if (table == NULL)
    return;

  design_view = TW_DESIGN_VIEW (adw_view_stack_get_child_by_name (self->view_stack, "design"));
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  /* Selects the card and scrolls it into view. */
  tw_canvas_select_table (tw_design_view_get_canvas (design_view), table);
}

void
_tw_window_problems_init (TwWindow *self)
{
  g_assert (TW_IS_WINDOW (self));

  g_signal_connect_object (self->sql_view, "problem-activated",
                           G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
}
