/* tw-foreign-key.h: a foreign key constraint of a table
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

#define TW_TYPE_FOREIGN_KEY (tw_foreign_key_get_type ())

G_DECLARE_FINAL_TYPE (TwForeignKey, tw_foreign_key, TW, FOREIGN_KEY, GObject)

/* Properties: "name" (string or NULL: the dialect names it), "columns" (GStrv,
 * local column names), "referred-table" (string), "referred-columns" (GStrv,
 * same length as "columns"), "on-delete", "on-update" (TwFkAction).
 * Any change emits "changed". */

TwForeignKey       *tw_foreign_key_new                  (const char         *name,
                                                         const char * const *columns,
                                                         const char         *referred_table,
                                                         const char * const *referred_columns) G_GNUC_WARN_UNUSED_RESULT;
TwForeignKey       *tw_foreign_key_copy                 (TwForeignKey       *self) G_GNUC_WARN_UNUSED_RESULT;
const char         *tw_foreign_key_get_name             (TwForeignKey       *self);
void                tw_foreign_key_set_name             (TwForeignKey       *self,
                                                         const char         *name);
const char * const *tw_foreign_key_get_columns          (TwForeignKey       *self);
void                tw_foreign_key_set_columns          (TwForeignKey       *self,
                                                         const char * const *columns);
const char         *tw_foreign_key_get_referred_table   (TwForeignKey       *self);
void                tw_foreign_key_set_referred_table   (TwForeignKey       *self,
                                                         const char         *referred_table);
const char * const *tw_foreign_key_get_referred_columns (TwForeignKey       *self);
void                tw_foreign_key_set_referred_columns (TwForeignKey       *self,
                                                         const char * const *referred_columns);
TwFkAction          tw_foreign_key_get_on_delete        (TwForeignKey       *self);
void                tw_foreign_key_set_on_delete        (TwForeignKey       *self,
                                                         TwFkAction          action);
TwFkAction          tw_foreign_key_get_on_update        (TwForeignKey       *self);
void                tw_foreign_key_set_on_update        (TwForeignKey       *self,
                                                         TwFkAction          action);
guint               tw_foreign_key_get_n_columns        (TwForeignKey       *self);
gboolean            tw_foreign_key_has_column           (TwForeignKey       *self,
                                                         const char         *column);

G_END_DECLS
