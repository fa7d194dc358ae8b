/* tw-index.h: an index over one or more columns
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TW_TYPE_INDEX (tw_index_get_type ())

G_DECLARE_FINAL_TYPE (TwIndex, tw_index, TW, INDEX, GObject)

/* Properties: "name" (string; required), "columns" (GStrv), "unique" (gboolean).
 * Changes emit "changed". */

TwIndex            *tw_index_new         (const char         *name,
                                          const char * const *columns,
                                          gboolean            unique) G_GNUC_WARN_UNUSED_RESULT;
TwIndex            *tw_index_copy        (TwIndex            *self) G_GNUC_WARN_UNUSED_RESULT;
const char         *tw_index_get_name    (TwIndex            *self);
void                tw_index_set_name    (TwIndex            *self,
                                          const char         *name);
const char * const *tw_index_get_columns (TwIndex            *self);
void                tw_index_set_columns (TwIndex            *self,
                                          const char * const *columns);
gboolean            tw_index_get_unique  (TwIndex            *self);
void                tw_index_set_unique  (TwIndex            *self,
                                          gboolean            unique);

G_END_DECLS
