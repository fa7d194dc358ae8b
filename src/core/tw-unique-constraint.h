/* tw-unique-constraint.h: a UNIQUE constraint over one or more columns
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TW_TYPE_UNIQUE_CONSTRAINT (tw_unique_constraint_get_type ())

G_DECLARE_FINAL_TYPE (TwUniqueConstraint, tw_unique_constraint, TW, UNIQUE_CONSTRAINT, GObject)

/* Properties: "name" (string or NULL), "columns" (GStrv). Changes emit "changed". */

TwUniqueConstraint *tw_unique_constraint_new         (const char         *name,
                                                      const char * const *columns) G_GNUC_WARN_UNUSED_RESULT;
TwUniqueConstraint *tw_unique_constraint_copy        (TwUniqueConstraint *self) G_GNUC_WARN_UNUSED_RESULT;
const char         *tw_unique_constraint_get_name    (TwUniqueConstraint *self);
void                tw_unique_constraint_set_name    (TwUniqueConstraint *self,
                                                      const char         *name);
const char * const *tw_unique_constraint_get_columns (TwUniqueConstraint *self);
void                tw_unique_constraint_set_columns (TwUniqueConstraint *self,
                                                      const char * const *columns);

G_END_DECLS
