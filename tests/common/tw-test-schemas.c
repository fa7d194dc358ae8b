/* tw-test-schemas.c: metadata models shared by the tests and benchmarks
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-test-schemas"

#include "config.h"

#include "tw-test-schemas.h"

/* The column belongs to the table afterwards; the pointer is borrowed. */
static TwColumn *
add_column (TwTable     *table,
            const char  *name,
            TwColumnType type)
{
  g_autoptr (TwColumn) column = tw_column_new (name, type);

  tw_table_add_column (table, column);
  return column;
}

static TwColumn *
add_primary_key (TwTable    *table,
                 const char *name)
{
  TwColumn *column = add_column (table, name, TW_COLUMN_TYPE_INTEGER);

  tw_column_set_primary_key (column, TRUE);
  tw_column_set_nullable (column, FALSE);
  return column;
}

static TwColumn *
add_string (TwTable    *table,
            const char *name,
            guint       length)
{
  TwColumn *column = add_column (table, name, TW_COLUMN_TYPE_STRING);

  tw_column_set_length (column, length);
  return column;
}

static void
add_foreign_key (TwTable    *table,
                 const char *name,
                 const char *column,
                 const char *referred_table,
                 const char *referred_column,
                 TwFkAction  on_delete)
{
  const char *columns[] = { column, NULL };
  const char *referred_columns[] = { referred_column, NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (name, columns, referred_table,
                                                    referred_columns);

  tw_foreign_key_set_on_delete (fk, on_delete);
  tw_table_add_foreign_key (table, fk);
}

/* A new table added to metadata; the pointer is borrowed. */
static TwTable *
add_table (TwMetadata *metadata,
           const char *name)
{
  g_autoptr (TwTable) table = tw_table_new (name);

  tw_metadata_add_table (metadata, table);
  return table;
}

TwMetadata *
tw_test_schema_tutorial (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwRelationship) rel = NULL;
  TwTable    *users;
  TwTable    *addresses;
  const char *fk_columns[] = { "user_id", NULL };

  users = add_table (metadata, "users");
  add_primary_key (users, "id");
  add_string (users, "name", 50);
  add_string (users, "fullname", 50);
  add_string (users, "password", 50);

  addresses = add_table (metadata, "addresses");
  add_primary_key (addresses, "id");
  tw_column_set_nullable (add_string (addresses, "email_address", 50), FALSE);
  add_column (addresses, "user_id", TW_COLUMN_TYPE_INTEGER);
  add_foreign_key (addresses, NULL, "user_id", "users", "id", TW_FK_ACTION_NO_ACTION);

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY, "users", "addresses");
  tw_relationship_set_left_attribute (rel, "addresses");
  tw_relationship_set_right_attribute (rel, "user");
  tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  tw_relationship_set_foreign_key_columns (rel, fk_columns);
  tw_metadata_add_relationship (metadata, rel);

  return metadata;
}

TwMetadata *
tw_test_schema_many_to_many (TwRelationshipStyle style)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwRelationship) rel = NULL;
  TwTable *left;
  TwTable *right;
  TwTable *association;

  left = add_table (metadata, "left");
  add_primary_key (left, "id");

  right = add_table (metadata, "right");
  add_primary_key (right, "id");

  association = add_table (metadata, "association");
  add_primary_key (association, "left_id");
  add_primary_key (association, "right_id");
  add_foreign_key (association, NULL, "left_id", "left", "id", TW_FK_ACTION_NO_ACTION);
  add_foreign_key (association, NULL, "right_id", "right", "id", TW_FK_ACTION_NO_ACTION);

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY, "left", "right");
  tw_relationship_set_secondary (rel, "association");
  tw_relationship_set_left_attribute (rel, "children");
  tw_relationship_set_right_attribute (rel, "parents");
  tw_relationship_set_style (rel, style);
  tw_metadata_add_relationship (metadata, rel);

  return metadata;
}

TwMetadata *
tw_test_schema_composite (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwForeignKey) fk = NULL;
  g_autoptr (TwUniqueConstraint) unique = NULL;
  const char *key[] = { "store_id", "invoice_no", NULL };
  const char *line[] = { "store_id", "invoice_no", "description", NULL };
  TwTable    *invoice;
  TwTable    *item;
  TwColumn   *total;

  invoice = add_table (metadata, "invoice");
  tw_table_set_primary_key_name (invoice, "pk_invoice");
  add_primary_key (invoice, "store_id");
  add_primary_key (invoice, "invoice_no");
  total = add_column (invoice, "total", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (total, 10);
  tw_column_set_scale (total, 2);

  item = add_table (metadata, "invoice_item");
  add_primary_key (item, "store_id");
  add_primary_key (item, "invoice_no");
  add_primary_key (item, "line_no");
  tw_column_set_nullable (add_string (item, "description", 100), FALSE);

  fk = tw_foreign_key_new ("fk_item_invoice", key, "invoice", key);
  tw_foreign_key_set_on_delete (fk, TW_FK_ACTION_CASCADE);
  tw_foreign_key_set_on_update (fk, TW_FK_ACTION_CASCADE);
  tw_table_add_foreign_key (item, fk);

  unique = tw_unique_constraint_new ("uq_item_line", line);
  tw_table_add_unique_constraint (item, unique);

  return metadata;
}

TwMetadata *
tw_test_schema_tree (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwRelationship) rel = NULL;
  const char *fk_columns[] = { "parent_id", NULL };
  TwTable    *node;

  node = add_table (metadata, "node");
  add_primary_key (node, "id");
  add_column (node, "parent_id", TW_COLUMN_TYPE_INTEGER);
  add_string (node, "data", 50);
  add_foreign_key (node, NULL, "parent_id", "node", "id", TW_FK_ACTION_NO_ACTION);

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY, "node", "node");
  tw_relationship_set_left_attribute (rel, "children");
  tw_relationship_set_right_attribute (rel, "parent");
  tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  tw_relationship_set_foreign_key_columns (rel, fk_columns);
  tw_metadata_add_relationship (metadata, rel);

  return metadata;
}

TwMetadata *
tw_test_schema_cycle (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  TwTable    *a;
  TwTable    *b;
  TwTable    *c;

  a = add_table (metadata, "a");
  add_primary_key (a, "id");
  add_column (a, "b_id", TW_COLUMN_TYPE_INTEGER);
  add_foreign_key (a, NULL, "b_id", "b", "id", TW_FK_ACTION_NO_ACTION);

  b = add_table (metadata, "b");
  add_primary_key (b, "id");
  add_column (b, "a_id", TW_COLUMN_TYPE_INTEGER);
  add_foreign_key (b, NULL, "a_id", "a", "id", TW_FK_ACTION_NO_ACTION);

  c = add_table (metadata, "c");
  add_primary_key (c, "id");
  add_column (c, "a_id", TW_COLUMN_TYPE_INTEGER);
  add_foreign_key (c, NULL, "a_id", "a", "id", TW_FK_ACTION_NO_ACTION);

  return metadata;
}

TwMetadata *
tw_test_schema_reserved (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwIndex) index = NULL;
  const char *index_columns[] = { "from", NULL };
  TwTable    *user;
  TwTable    *order;
  TwTable    *select;
  TwTable    *group;
  TwColumn   *column;

  user = add_table (metadata, "user");
  add_primary_key (user, "id");
  add_string (user, "from", 50);
  add_column (user, "Key", TW_COLUMN_TYPE_INTEGER);
  add_column (user, "has space", TW_COLUMN_TYPE_TEXT);
  index = tw_index_new ("index", index_columns, FALSE);
  tw_table_add_index (user, index);

  order = add_table (metadata, "order");
  add_primary_key (order, "id");
  add_column (order, "user_id", TW_COLUMN_TYPE_INTEGER);
  add_column (order, "select", TW_COLUMN_TYPE_INTEGER);
  column = add_string (order, "quo\"te", 20);
  tw_column_set_index (column, TRUE);
  add_foreign_key (order, "fk-order-user", "user_id", "user", "id", TW_FK_ACTION_CASCADE);

  select = add_table (metadata, "select");
  add_primary_key (select, "id");
  add_column (select, "order_id", TW_COLUMN_TYPE_INTEGER);
  column = add_string (select, "back`tick", 20);
  tw_column_set_unique (column, TRUE);
  add_foreign_key (select, NULL, "order_id", "order", "id", TW_FK_ACTION_NO_ACTION);

  group = add_table (metadata, "Group");
  add_primary_key (group, "id");
  column = add_string (group, "Key", 20);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_unique (column, TRUE);
  tw_column_set_index (column, TRUE);

  return metadata;
}

TwMetadata *
tw_test_schema_all_types (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  const char *moods[] = { "happy", "sad", NULL };
  TwTable    *everything;
  TwTable    *diary;
  TwColumn   *column;

  everything = add_table (metadata, "everything");
  tw_table_set_comment (everything, "Every generic type");

  column = add_primary_key (everything, "id");
  tw_column_set_comment (column, "The key");

  column = add_column (everything, "big", TW_COLUMN_TYPE_BIG_INTEGER);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "0");

  column = add_column (everything, "small", TW_COLUMN_TYPE_SMALL_INTEGER);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "-1");

  column = add_column (everything, "flag", TW_COLUMN_TYPE_BOOLEAN);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "false");

  column = add_column (everything, "ratio", TW_COLUMN_TYPE_FLOAT);
  tw_column_set_precision (column, 24);

  column = add_column (everything, "price", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (column, 10);
  tw_column_set_scale (column, 2);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "9.99");

  column = add_string (everything, "title", 200);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, "it's new");
  tw_column_set_comment (column, "Shown as 'title' \\ heading");

  add_column (everything, "body", TW_COLUMN_TYPE_TEXT);

  column = add_column (everything, "born", TW_COLUMN_TYPE_DATE);
  tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_DATE);

  column = add_column (everything, "created", TW_COLUMN_TYPE_DATE_TIME);
  tw_column_set_timezone (column, TRUE);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP);

  add_column (everything, "alarm", TW_COLUMN_TYPE_TIME);

  column = add_column (everything, "data", TW_COLUMN_TYPE_LARGE_BINARY);
  tw_column_set_length (column, 1000);

  column = add_column (everything, "mood", TW_COLUMN_TYPE_ENUM);
  tw_column_set_enum_name (column, "mood");
  tw_column_set_enum_values (column, moods);
  tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, "happy");

  add_column (everything, "doc", TW_COLUMN_TYPE_JSON);

  column = add_column (everything, "token", TW_COLUMN_TYPE_UUID);
  tw_column_set_unique (column, TRUE);

  diary = add_table (metadata, "diary");
  add_primary_key (diary, "id");
  add_column (diary, "everything_id", TW_COLUMN_TYPE_INTEGER);
  column = add_column (diary, "mood", TW_COLUMN_TYPE_ENUM);
  tw_column_set_enum_name (column, "mood");
  tw_column_set_enum_values (column, moods);
  column = add_column (diary, "pages", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "1 + 1");
  add_foreign_key (diary, NULL, "everything_id", "everything", "id", TW_FK_ACTION_SET_NULL);

  return metadata;
}

/* Keep in step with TYPES in benchmarks/bench_ddl_sqlalchemy.py. */
static const TwColumnType generated_types[] = {
  TW_COLUMN_TYPE_STRING,
  TW_COLUMN_TYPE_INTEGER,
  TW_COLUMN_TYPE_TEXT,
  TW_COLUMN_TYPE_BOOLEAN,
  TW_COLUMN_TYPE_NUMERIC,
  TW_COLUMN_TYPE_DATE_TIME,
  TW_COLUMN_TYPE_FLOAT,
  TW_COLUMN_TYPE_DATE,
  TW_COLUMN_TYPE_BIG_INTEGER,
  TW_COLUMN_TYPE_LARGE_BINARY,
  TW_COLUMN_TYPE_JSON,
  TW_COLUMN_TYPE_TIME,
  TW_COLUMN_TYPE_SMALL_INTEGER,
  TW_COLUMN_TYPE_UUID,
};

TwMetadata *
tw_test_schema_generated (guint n_tables,
                          guint n_columns)
{
  TwMetadata *metadata = tw_metadata_new ();

  g_return_val_if_fail (n_columns >= 3, metadata);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%04u", i);
      TwTable         *table = add_table (metadata, name);
      TwColumn        *column;
      guint            k;

      add_primary_key (table, "id");

      if (i >= 1)
        {
          g_autofree char *parent = g_strdup_printf ("t%04u", (i - 1) / 2);

          column = add_column (table, "parent_id", TW_COLUMN_TYPE_INTEGER);
          tw_column_set_nullable (column, FALSE);
          add_foreign_key (table, NULL, "parent_id", parent, "id", TW_FK_ACTION_CASCADE);
        }
      if (i >= 2)
        {
          g_autofree char *prev = g_strdup_printf ("t%04u", i - 1);

          add_column (table, "prev_id", TW_COLUMN_TYPE_INTEGER);
          add_foreign_key (table, NULL, "prev_id", prev, "id", TW_FK_ACTION_SET_NULL);
        }

      for (k = tw_table_get_n_columns (table); k < n_columns; k++)
        {
          g_autofree char *column_name = g_strdup_printf ("c%02u", k);
          TwColumnType     type = generated_types[(i + k) % G_N_ELEMENTS (generated_types)];

          column = add_column (table, column_name, type);
          if (type == TW_COLUMN_TYPE_STRING)
            tw_column_set_length (column, 50);
          else if (type == TW_COLUMN_TYPE_NUMERIC)
            {
              tw_column_set_precision (column, 10);
              tw_column_set_scale (column, 2);
            }
          if (k % 3 == 0)
            tw_column_set_nullable (column, FALSE);
          if (k % 4 == 0 && type != TW_COLUMN_TYPE_TEXT &&
              type != TW_COLUMN_TYPE_LARGE_BINARY && type != TW_COLUMN_TYPE_JSON)
            tw_column_set_index (column, TRUE);
        }
    }

  return metadata;
}
