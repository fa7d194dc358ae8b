/* tw-test-schemas.h: metadata models shared by the tests and benchmarks
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-metadata.h"

G_BEGIN_DECLS

/* Each builder returns a new model that is valid for every dialect. */

/* The ORM tutorial: users (id, name, fullname, password: String(50)) and
 * addresses (id, email_address NOT NULL, user_id → users.id), with the
 * one-to-many relationship users.addresses / addresses.user
 * (back_populates). */
TwMetadata *tw_test_schema_tutorial    (void) G_GNUC_WARN_UNUSED_RESULT;

/* The many-to-many example of the SQLAlchemy documentation: tables "left"
 * (Parent) and "right" (Child) with an id primary key, and "association"
 * (left_id → left.id, right_id → right.id, together the primary key); the
 * relationship Parent.children / Child.parents in the given style. */
TwMetadata *tw_test_schema_many_to_many (TwRelationshipStyle style) G_GNUC_WARN_UNUSED_RESULT;

/* Composite keys: invoice (store_id, invoice_no: primary key named
 * pk_invoice; total Numeric(10, 2)) and invoice_item (store_id, invoice_no,
 * line_no: primary key; description String(100) NOT NULL), whose foreign key
 * fk_item_invoice (store_id, invoice_no) → invoice cascades on delete and
 * update, with the unique constraint uq_item_line (store_id, invoice_no,
 * description). */
TwMetadata *tw_test_schema_composite   (void) G_GNUC_WARN_UNUSED_RESULT;

/* An adjacency list: node (id, parent_id → node.id, data String(50)) and
 * the relationship node.children / node.parent. */
TwMetadata *tw_test_schema_tree        (void) G_GNUC_WARN_UNUSED_RESULT;

/* A foreign key cycle: a (id, b_id → b.id), b (id, a_id → a.id), and c
 * (id, a_id → a.id) outside the cycle. No foreign key is named. */
TwMetadata *tw_test_schema_cycle       (void) G_GNUC_WARN_UNUSED_RESULT;

/* Names that need quoting: tables "user", "order", "select" and "Group",
 * columns "from", "Key", "has space", "quo\"te", "back`tick", "select",
 * an index named "index" and a foreign key named "fk-order-user". */
TwMetadata *tw_test_schema_reserved    (void) G_GNUC_WARN_UNUSED_RESULT;

/* All 15 generic types with parameters, defaults of each kind and
 * comments: table "everything", and "diary", which uses the same
 * PostgreSQL enum type "mood". */
TwMetadata *tw_test_schema_all_types   (void) G_GNUC_WARN_UNUSED_RESULT;

/* n_tables tables "t0000", "t0001", ... of n_columns columns each (at least
 * 3): id Integer primary key; from the second table on parent_id NOT NULL
 * → t<(i-1)/2>.id ON DELETE CASCADE; from the third on prev_id →
 * t<i-1>.id ON DELETE SET NULL; then "c<k>" columns of the types cycling
 * through 14 generic types (no Enum), every third NOT NULL, every fourth
 * indexed unless Text, LargeBinary or JSON. benchmarks/bench_ddl_sqlalchemy.py
 * builds the same schema. */
TwMetadata *tw_test_schema_generated   (guint n_tables,
                                        guint n_columns) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
