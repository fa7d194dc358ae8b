/* tw-sql-view.h: the DDL of the model for one SQL dialect, and its problems
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tw-enums.h"
#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_SQL_VIEW (tw_sql_view_get_type ())

G_DECLARE_FINAL_TYPE (TwSqlView, tw_sql_view, TW, SQL_VIEW, GtkWidget)

/* Properties:
 *   "metadata"      TwMetadata or NULL: the model shown
 *   "dialect"       TwDialectKind: the dialect the DDL is compiled for
 *   "mode"          string, "create" or "drop": which script is shown
 *   "valid"         gboolean, read-only: the text is the DDL of the model as it
 *                   is now (FALSE while the model does not compile)
 *   "has-problems"  gboolean, read-only: the problem list is not empty
 *
 * The view compiles again shortly after the model changes, so that a burst
 * of changes compiles once. The action "sql.mode" (type s) sets "mode". */

#define TW_SQL_VIEW_MODE_CREATE "create"
#define TW_SQL_VIEW_MODE_DROP   "drop"

GtkWidget     *tw_sql_view_new              (void) G_GNUC_WARN_UNUSED_RESULT;
TwMetadata    *tw_sql_view_get_metadata     (TwSqlView     *self);
void           tw_sql_view_set_metadata     (TwSqlView     *self,
                                             TwMetadata    *metadata);
TwDialectKind  tw_sql_view_get_dialect      (TwSqlView     *self);
void           tw_sql_view_set_dialect      (TwSqlView     *self,
                                             TwDialectKind  dialect);
const char    *tw_sql_view_get_mode         (TwSqlView     *self);
void           tw_sql_view_set_mode         (TwSqlView     *self,
                                             const char    *mode);
gboolean       tw_sql_view_get_valid        (TwSqlView     *self);
gboolean       tw_sql_view_get_has_problems (TwSqlView     *self);
/* The text shown (the buffer is read-only for the user). */
GtkTextBuffer *tw_sql_view_get_buffer       (TwSqlView     *self);
/* The problem messages shown, a GListModel of GtkStringObject. */
GListModel    *tw_sql_view_get_problems     (TwSqlView     *self);
/* Compiles the script of the current model, dialect and mode right now,
 * without waiting for the view to catch up. */
char          *tw_sql_view_dup_script       (TwSqlView     *self,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Scrolls to the first statement about the table and selects its name. */
/* Emits "problem-activated" for the problem at position of the list. */
void           tw_sql_view_activate_problem (TwSqlView     *self,
                                             guint          position);
void           tw_sql_view_reveal_table     (TwSqlView     *self,
                                             const char    *table);

G_END_DECLS
