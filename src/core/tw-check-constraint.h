/* tw-check-constraint.h: a CHECK constraint of a table
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TW_TYPE_CHECK_CONSTRAINT (tw_check_constraint_get_type ())

G_DECLARE_FINAL_TYPE (TwCheckConstraint, tw_check_constraint, TW, CHECK_CONSTRAINT, GObject)

/* Properties: "name" (string or NULL), "expression" (SQL text, as in
 * SQLAlchemy's CheckConstraint("price >= 0")). Changes emit "changed". */

TwCheckConstraint *tw_check_constraint_new            (const char        *name,
                                                       const char        *expression) G_GNUC_WARN_UNUSED_RESULT;
TwCheckConstraint *tw_check_constraint_copy           (TwCheckConstraint *self) G_GNUC_WARN_UNUSED_RESULT;
const char        *tw_check_constraint_get_name       (TwCheckConstraint *self);
void               tw_check_constraint_set_name       (TwCheckConstraint *self,
                                                       const char        *name);
const char        *tw_check_constraint_get_expression (TwCheckConstraint *self);
void               tw_check_constraint_set_expression (TwCheckConstraint *self,
                                                       const char        *expression);

G_END_DECLS
