/* tw-relationship.h: a one-to-many or many-to-many relationship between two tables
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

#define TW_TYPE_RELATIONSHIP (tw_relationship_get_type ())

G_DECLARE_FINAL_TYPE (TwRelationship, tw_relationship, TW, RELATIONSHIP, GObject)

/* A relationship as SQLAlchemy declares it, between a "left" and a "right" table.
 *
 * One-to-many: left is the parent (Parent.children), right the child holding
 * the foreign key ("foreign-key-columns", its local column names).
 *
 * Many-to-many: "secondary" names the association table whose two foreign keys
 * (to left and to right) form its primary key.
 *
 * "left-attribute" is the relationship() name on the left class ("children"),
 * "right-attribute" the one on the right class ("parent" or "parents"). With
 * TW_RELATIONSHIP_STYLE_BACK_POPULATES each class declares its relationship()
 * with back_populates=; with TW_RELATIONSHIP_STYLE_BACKREF only the left class
 * declares one, with backref="right-attribute".
 *
 * Properties: "kind", "left-table", "right-table", "left-attribute",
 * "right-attribute", "style", "secondary", "foreign-key-columns" (GStrv).
 * Any change emits "changed". */

TwRelationship     *tw_relationship_new                     (TwRelationshipKind   kind,
                                                             const char          *left_table,
                                                             const char          *right_table) G_GNUC_WARN_UNUSED_RESULT;
TwRelationship     *tw_relationship_copy                    (TwRelationship      *self) G_GNUC_WARN_UNUSED_RESULT;
TwRelationshipKind  tw_relationship_get_kind                (TwRelationship      *self);
const char         *tw_relationship_get_left_table          (TwRelationship      *self);
void                tw_relationship_set_left_table          (TwRelationship      *self,
                                                             const char          *table);
const char         *tw_relationship_get_right_table         (TwRelationship      *self);
void                tw_relationship_set_right_table         (TwRelationship      *self,
                                                             const char          *table);
const char         *tw_relationship_get_left_attribute      (TwRelationship      *self);
void                tw_relationship_set_left_attribute      (TwRelationship      *self,
                                                             const char          *attribute);
const char         *tw_relationship_get_right_attribute     (TwRelationship      *self);
void                tw_relationship_set_right_attribute     (TwRelationship      *self,
                                                             const char          *attribute);
TwRelationshipStyle tw_relationship_get_style               (TwRelationship      *self);
void                tw_relationship_set_style               (TwRelationship      *self,
                                                             TwRelationshipStyle  style);
const char         *tw_relationship_get_secondary           (TwRelationship      *self);
void                tw_relationship_set_secondary           (TwRelationship      *self,
                                                             const char          *secondary);
const char * const *tw_relationship_get_foreign_key_columns (TwRelationship      *self);
void                tw_relationship_set_foreign_key_columns (TwRelationship      *self,
                                                             const char * const  *columns);

G_END_DECLS
