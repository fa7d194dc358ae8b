/* test-metadata.c: tests of tables, relationships, validation and sorting
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tw-metadata.h"

static TwTable *
add_table (TwMetadata *meta,
           const char *name,
           const char *pk_name)
{
  g_autoptr (TwTable) table = tw_table_new (name);

  if (pk_name != NULL)
    {
      g_autoptr (TwColumn) id = tw_column_new (pk_name, TW_COLUMN_TYPE_INTEGER);

      tw_column_set_primary_key (id, TRUE);
      tw_table_add_column (table, id);
    }
  tw_metadata_add_table (meta, table);
  return table;
}

static TwColumn *
add_column (TwTable      *table,
            const char   *name,
            TwColumnType  type)
{
  g_autoptr (TwColumn) column = tw_column_new (name, type);

  if (type == TW_COLUMN_TYPE_STRING)
    tw_column_set_length (column, 50);
  tw_table_add_column (table, column);
  return column;
}

static void
add_fk (TwTable    *table,
        const char *column,
        const char *target,
        const char *target_column)
{
  const char *local[] = { column, NULL };
  const char *remote[] = { target_column, NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, local, target, remote);

  tw_table_add_foreign_key (table, fk);
}

static gboolean
has_problem (GPtrArray     *problems,
             TwProblemCode  code,
             const char    *table)
{
  for (guint i = 0; i < problems->len; i++)
    {
      TwProblem *p = g_ptr_array_index (problems, i);

      if (p->code == code && g_strcmp0 (p->table, table) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((TwProblem *) g_ptr_array_index (problems, i))->message);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
count_table_cb (gpointer  instance,
                TwTable  *table,
                guint    *count)
{
  (*count)++;
}

static void
test_tables (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autofree char *unique = NULL;
  TwTable *users;
  TwTable *found;

  users = add_table (meta, "users", "id");
  add_column (users, "name", TW_COLUMN_TYPE_STRING);

  g_assert_cmpuint (tw_metadata_get_n_tables (meta), ==, 1);
  found = tw_metadata_find_table (meta, "users");
  g_assert_true (found == users);
  g_assert_null (tw_metadata_find_table (meta, "nope"));
  g_assert_null (tw_metadata_find_table (meta, NULL));
  g_assert_true (tw_table_get_metadata (users) == meta);

  unique = tw_metadata_dup_unique_table_name (meta, "users");
  g_assert_cmpstr (unique, ==, "users_2");
  g_clear_pointer (&unique, g_free);
  unique = tw_metadata_dup_unique_table_name (meta, "table");
  g_assert_cmpstr (unique, ==, "table");

  g_assert_cmpuint (tw_table_get_n_columns (users), ==, 2);
  g_assert_cmpstr (tw_column_get_name (tw_table_get_column (users, 1)), ==, "name");
  g_assert_true (tw_column_get_table (tw_table_get_column (users, 0)) == users);
  g_assert_cmpint (tw_table_get_column_position (users, tw_table_find_column (users, "name")), ==, 1);
  g_assert_null (tw_table_get_column (users, 5));

  tw_table_move_column (users, tw_table_find_column (users, "name"), 0);
  g_assert_cmpstr (tw_column_get_name (tw_table_get_column (users, 0)), ==, "name");
  g_assert_cmpstr (tw_column_get_name (tw_table_get_column (users, 1)), ==, "id");
}

static void
test_signals (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  guint changed = 0;
  guint table_changed = 0;
  guint own_changed = 0;
  TwTable *users;
  TwColumn *name;
  g_autoptr (TwIndex) index = NULL;
  const char *cols[] = { "name", NULL };

  g_signal_connect (meta, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (meta, "table-changed", G_CALLBACK (count_table_cb), &table_changed);

  users = add_table (meta, "users", "id");
  g_assert_cmpuint (changed, >, 0);
  g_signal_connect (users, "changed", G_CALLBACK (count_cb), &own_changed);

  changed = table_changed = 0;
  name = add_column (users, "name", TW_COLUMN_TYPE_STRING);
  g_assert_cmpuint (own_changed, >, 0);
  g_assert_cmpuint (table_changed, >, 0);
  g_assert_cmpuint (changed, >, 0);

  /* A property of a column reaches the metadata. */
  changed = table_changed = own_changed = 0;
  tw_column_set_nullable (name, FALSE);
  g_assert_cmpuint (own_changed, ==, 1);
  g_assert_cmpuint (table_changed, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* The same value again changes nothing. */
  changed = 0;
  tw_column_set_nullable (name, FALSE);
  tw_table_set_name (users, "users");
  g_assert_cmpuint (changed, ==, 0);

  /* A move is one change, whichever coordinates moved. */
  changed = 0;
  tw_table_set_position (users, 10.5, -3.25);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (tw_table_get_x (users), ==, 10.5);
  g_assert_cmpfloat (tw_table_get_y (users), ==, -3.25);

  /* Constraints added, changed and removed. */
  index = tw_index_new ("ix_users_name", cols, FALSE);
  changed = 0;
  tw_table_add_index (users, index);
  g_assert_cmpuint (changed, ==, 1);
  tw_index_set_unique (index, TRUE);
  g_assert_cmpuint (changed, ==, 2);
  tw_table_remove_index (users, index);
  g_assert_cmpuint (changed, ==, 3);
  /* Once removed, the index no longer reports to the table. */
  tw_index_set_unique (index, FALSE);
  g_assert_cmpuint (changed, ==, 3);

  /* A removed table no longer reports. */
  {
    g_autoptr (TwTable) hold = g_object_ref (users);

    tw_metadata_remove_table (meta, users);
    g_assert_null (tw_table_get_metadata (hold));
    changed = 0;
    tw_table_set_comment (hold, "gone");
    g_assert_cmpuint (changed, ==, 0);
  }
}

static void
test_one_to_many (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  TwTable *users = add_table (meta, "users", "id");
  TwTable *addresses = add_table (meta, "addresses", "id");
  TwTable *nokey = add_table (meta, "nokey", NULL);
  TwRelationship *rel;
  TwForeignKey *fk;
  TwColumn *user_id;

  add_column (nokey, "x", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_column_type (tw_table_find_column (users, "id"), TW_COLUMN_TYPE_BIG_INTEGER);

  rel = tw_metadata_link_one_to_many (meta, users, addresses, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rel);

  user_id = tw_table_find_column (addresses, "user_id");
  g_assert_nonnull (user_id);
  /* The key's type follows the target's primary key. */
  g_assert_cmpint (tw_column_get_column_type (user_id), ==, TW_COLUMN_TYPE_BIG_INTEGER);
  g_assert_false (tw_column_get_primary_key (user_id));

  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (addresses)), ==, 1);
  fk = g_list_model_get_item (tw_table_get_foreign_keys (addresses), 0);
  g_assert_cmpstr (tw_foreign_key_get_referred_table (fk), ==, "users");
  g_assert_cmpstr (tw_foreign_key_get_columns (fk)[0], ==, "user_id");
  g_assert_cmpstr (tw_foreign_key_get_referred_columns (fk)[0], ==, "id");
  g_assert_true (tw_metadata_find_foreign_key_table (meta, fk) == addresses);
  g_object_unref (fk);

  g_assert_cmpint (tw_relationship_get_kind (rel), ==, TW_RELATIONSHIP_KIND_ONE_TO_MANY);
  g_assert_cmpstr (tw_relationship_get_left_attribute (rel), ==, "addresses");
  g_assert_cmpstr (tw_relationship_get_right_attribute (rel), ==, "user");

  /* Linking twice makes a second column rather than clobbering the first. */
  g_assert_nonnull (tw_metadata_link_one_to_many (meta, users, addresses, &error));
  g_assert_nonnull (tw_table_find_column (addresses, "user_id_2"));

  g_assert_null (tw_metadata_link_one_to_many (meta, nokey, addresses, &error));
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_NO_PRIMARY_KEY);
  g_assert_nonnull (strstr (error->message, "nokey"));

  problems = tw_metadata_validate (meta, TW_DIALECT_MASK_ALL);
  print_problems (problems);
  /* BigInteger → BigInteger is fine everywhere. */
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_many_to_many (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  TwTable *left = add_table (meta, "left", "id");
  TwTable *right = add_table (meta, "right", "id");
  TwTable *assoc;
  TwRelationship *rel;
  g_autoptr (GPtrArray) pk = NULL;

  rel = tw_metadata_link_many_to_many (meta, left, right, "association", &error);
  g_assert_no_error (error);
  g_assert_nonnull (rel);
  g_assert_cmpstr (tw_relationship_get_secondary (rel), ==, "association");

  assoc = tw_metadata_find_table (meta, "association");
  g_assert_nonnull (assoc);
  g_assert_cmpuint (tw_table_get_n_columns (assoc), ==, 2);
  g_assert_nonnull (tw_table_find_column (assoc, "left_id"));
  g_assert_nonnull (tw_table_find_column (assoc, "right_id"));
  pk = tw_table_dup_primary_key (assoc);
  g_assert_cmpuint (pk->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (assoc)), ==, 2);
  /* The association table's key is a composite of two foreign keys:
   * no autoincrement. */
  g_assert_null (tw_table_get_autoincrement_column (assoc));

  problems = tw_metadata_validate (meta, TW_DIALECT_MASK_ALL);
  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);

  /* A second link with the same name is refused. */
  g_assert_null (tw_metadata_link_many_to_many (meta, left, right, "association", &error));
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);

  /* The default name is left_right. */
  rel = tw_metadata_link_many_to_many (meta, left, right, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tw_relationship_get_secondary (rel), ==, "left_right");
  g_assert_nonnull (tw_metadata_find_table (meta, "left_right"));

  /* Deleting the link removes its association table. */
  tw_metadata_remove_relationship (meta, rel);
  g_assert_null (tw_metadata_find_table (meta, "left_right"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (meta)), ==, 1);

  /* Deleting an end removes the link and its association table. */
  tw_metadata_remove_table (meta, right);
  g_assert_null (tw_metadata_find_table (meta, "association"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (meta)), ==, 0);
  g_assert_cmpuint (tw_metadata_get_n_tables (meta), ==, 1);
}

static void
test_self_many_to_many (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GError) error = NULL;
  TwTable *node = add_table (meta, "nodes", "id");
  TwTable *assoc;

  g_assert_nonnull (tw_metadata_link_many_to_many (meta, node, node, "edges", &error));
  g_assert_no_error (error);
  assoc = tw_metadata_find_table (meta, "edges");
  g_assert_nonnull (tw_table_find_column (assoc, "node_id"));
  g_assert_nonnull (tw_table_find_column (assoc, "node_id_2"));
}

static void
test_rename (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GError) error = NULL;
  TwTable *users = add_table (meta, "users", "id");
  TwTable *orders = add_table (meta, "orders", "id");
  TwTable *tags = add_table (meta, "tags", "id");
  TwRelationship *o2m;
  TwRelationship *m2m;
  g_autoptr (TwForeignKey) fk = NULL;
  g_autoptr (TwUniqueConstraint) uc = NULL;
  const char *uc_cols[] = { "id", NULL };

  o2m = tw_metadata_link_one_to_many (meta, users, orders, &error);
  m2m = tw_metadata_link_many_to_many (meta, users, tags, NULL, &error);
  g_assert_no_error (error);
  uc = tw_unique_constraint_new ("uq_users_id", uc_cols);
  tw_table_add_unique_constraint (users, uc);

  tw_metadata_rename_table (meta, users, "people");
  g_assert_cmpstr (tw_relationship_get_left_table (o2m), ==, "people");
  g_assert_cmpstr (tw_relationship_get_left_table (m2m), ==, "people");
  fk = g_list_model_get_item (tw_table_get_foreign_keys (orders), 0);
  g_assert_cmpstr (tw_foreign_key_get_referred_table (fk), ==, "people");

  tw_metadata_rename_table (meta, tw_metadata_find_table (meta, "users_tags"), "people_tags");
  g_assert_cmpstr (tw_relationship_get_secondary (m2m), ==, "people_tags");

  /* Renaming a referred column follows into the foreign keys. */
  tw_table_rename_column (users, tw_table_find_column (users, "id"), "person_id");
  g_assert_cmpstr (tw_foreign_key_get_referred_columns (fk)[0], ==, "person_id");
  g_assert_cmpstr (tw_unique_constraint_get_columns (uc)[0], ==, "person_id");

  /* Renaming a referring column follows into its own key and the relationship. */
  tw_table_rename_column (orders, tw_table_find_column (orders, "user_id"), "owner_id");
  g_assert_cmpstr (tw_foreign_key_get_columns (fk)[0], ==, "owner_id");
  g_assert_cmpstr (tw_relationship_get_foreign_key_columns (o2m)[0], ==, "owner_id");

  {
    g_autoptr (GPtrArray) problems = tw_metadata_validate (meta, TW_DIALECT_MASK_ALL);
    print_problems (problems);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_remove_cascades (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GError) error = NULL;
  TwTable *users = add_table (meta, "users", "id");
  TwTable *orders = add_table (meta, "orders", "id");
  g_autoptr (TwIndex) index = NULL;
  const char *cols[] = { "user_id", "id", NULL };

  tw_metadata_link_one_to_many (meta, users, orders, &error);
  g_assert_no_error (error);
  index = tw_index_new ("ix_orders_user", cols, FALSE);
  tw_table_add_index (orders, index);

  /* Removing a column takes it out of the index, and the foreign key over it goes. */
  tw_table_remove_column (orders, tw_table_find_column (orders, "user_id"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (orders)), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) tw_index_get_columns (index)), ==, 1);
  tw_table_remove_column (orders, tw_table_find_column (orders, "id"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_indexes (orders)), ==, 0);

  /* Removing a referred table removes the foreign keys that point to it. */
  add_column (orders, "id", TW_COLUMN_TYPE_INTEGER);
  add_column (orders, "user_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (orders, "user_id", "users", "id");
  tw_metadata_remove_table (meta, users);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (orders)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (meta)), ==, 0);

  /* Removing a referred column removes the foreign keys that point to it. */
  users = add_table (meta, "users", "id");
  add_fk (orders, "user_id", "users", "id");
  tw_table_remove_column (users, tw_table_find_column (users, "id"));
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (orders)), ==, 0);
}

typedef struct
{
  const char    *what;
  TwProblemCode  code;
  const char    *table;
  guint          dialects;
} ProblemCase;

static void
build_broken_model (TwMetadata *meta)
{
  TwTable *t;
  TwColumn *c;
  const char *values[] = { NULL };
  const char *cols_missing[] = { "missing", NULL };
  const char *cols_name[] = { "name", NULL };
  const char *cols_two[] = { "a", "b", NULL };
  const char *cols_one[] = { "a", NULL };
  g_autoptr (TwUniqueConstraint) uc = NULL;
  g_autoptr (TwIndex) ix1 = NULL;
  g_autoptr (TwIndex) ix2 = NULL;
  g_autoptr (TwForeignKey) fk_count = NULL;
  g_autoptr (TwForeignKey) fk_setnull = NULL;
  g_autoptr (TwCheckConstraint) cc = NULL;
  g_autoptr (TwRelationship) rel = NULL;

  /* dup: two tables of one name */
  add_table (meta, "dup", "id");
  add_table (meta, "dup", "id");

  /* empty: no columns */
  add_table (meta, "empty", NULL);

  /* cols: duplicate columns, a String without length, enum troubles, numeric */
  t = add_table (meta, "cols", "id");
  add_column (t, "name", TW_COLUMN_TYPE_STRING);
  add_column (t, "name", TW_COLUMN_TYPE_STRING);
  add_column (t, "Name", TW_COLUMN_TYPE_STRING);
  c = add_column (t, "nolen", TW_COLUMN_TYPE_STRING);
  tw_column_set_length (c, 0);
  c = add_column (t, "mood", TW_COLUMN_TYPE_ENUM);
  tw_column_set_enum_values (c, values);
  c = add_column (t, "price", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (c, 2);
  tw_column_set_scale (c, 4);
  c = add_column (t, "auto", TW_COLUMN_TYPE_STRING);
  tw_column_set_autoincrement (c, TW_AUTOINCREMENT_ALWAYS);

  /* refs: foreign keys gone wrong */
  t = add_table (meta, "refs", "id");
  add_column (t, "a", TW_COLUMN_TYPE_INTEGER);
  add_column (t, "b", TW_COLUMN_TYPE_INTEGER);
  add_column (t, "s", TW_COLUMN_TYPE_STRING);
  c = add_column (t, "big", TW_COLUMN_TYPE_BIG_INTEGER);
  tw_column_set_nullable (c, FALSE);
  add_fk (t, "a", "nowhere", "id");
  add_fk (t, "b", "cols", "missing");
  add_fk (t, "s", "cols", "id");          /* String → Integer */
  add_fk (t, "a", "cols", "price");       /* not unique */
  add_fk (t, "missing", "cols", "id");    /* local column missing */
  fk_count = tw_foreign_key_new (NULL, cols_two, "cols", cols_one);
  tw_table_add_foreign_key (t, fk_count);
  fk_setnull = tw_foreign_key_new (NULL, (const char *[]) { "big", NULL }, "cols", (const char *[]) { "id", NULL });
  tw_foreign_key_set_on_delete (fk_setnull, TW_FK_ACTION_SET_NULL);
  tw_table_add_foreign_key (t, fk_setnull);

  /* cons: constraints naming missing columns, duplicate names */
  t = add_table (meta, "cons", "id");
  add_column (t, "name", TW_COLUMN_TYPE_STRING);
  uc = tw_unique_constraint_new ("same_name", cols_missing);
  tw_table_add_unique_constraint (t, uc);
  ix1 = tw_index_new ("same_name", cols_name, FALSE);
  tw_table_add_index (t, ix1);
  ix2 = tw_index_new ("", cols_name, FALSE);
  tw_table_add_index (t, ix2);
  cc = tw_check_constraint_new ("ck", "");
  tw_table_add_check_constraint (t, cc);

  /* rels: a relationship to nowhere */
  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY, "cons", "refs");
  tw_relationship_set_secondary (rel, "no_such_table");
  tw_relationship_set_left_attribute (rel, "refs");
  tw_relationship_set_right_attribute (rel, "cons");
  tw_metadata_add_relationship (meta, rel);
}

static const ProblemCase problem_cases[] = {
  { "duplicate table", TW_PROBLEM_DUPLICATE_TABLE, "dup", TW_DIALECT_MASK_ALL },
  { "empty table", TW_PROBLEM_EMPTY_TABLE, "empty", TW_DIALECT_MASK_ALL },
  { "duplicate column", TW_PROBLEM_DUPLICATE_COLUMN, "cols", TW_DIALECT_MASK (TW_DIALECT_KIND_POSTGRESQL) },
  { "String without length", TW_PROBLEM_STRING_NEEDS_LENGTH, "cols", TW_DIALECT_MASK (TW_DIALECT_KIND_MYSQL) },
  { "enum without values", TW_PROBLEM_ENUM_NO_VALUES, "cols", TW_DIALECT_MASK_ALL },
  { "enum without name", TW_PROBLEM_ENUM_NEEDS_NAME, "cols", TW_DIALECT_MASK (TW_DIALECT_KIND_POSTGRESQL) },
  { "numeric scale", TW_PROBLEM_BAD_NUMERIC, "cols", TW_DIALECT_MASK_ALL },
  { "autoincrement on a string", TW_PROBLEM_AUTOINCREMENT, "cols", TW_DIALECT_MASK_ALL },
  { "fk to missing table", TW_PROBLEM_FK_UNKNOWN_TABLE, "refs", TW_DIALECT_MASK_ALL },
  { "fk to missing column", TW_PROBLEM_FK_UNKNOWN_COLUMN, "refs", TW_DIALECT_MASK_ALL },
  { "fk type mismatch", TW_PROBLEM_FK_TYPE_MISMATCH, "refs", TW_DIALECT_MASK_ALL },
  { "fk to non-unique", TW_PROBLEM_FK_NOT_UNIQUE, "refs", TW_DIALECT_MASK_ALL },
  { "fk local column missing", TW_PROBLEM_UNKNOWN_COLUMN, "refs", TW_DIALECT_MASK_ALL },
  { "fk column count", TW_PROBLEM_FK_COLUMN_COUNT, "refs", TW_DIALECT_MASK_ALL },
  { "set null on not null", TW_PROBLEM_SET_NULL_NOT_NULLABLE, "refs", TW_DIALECT_MASK_ALL },
  { "fk BigInteger → Integer on MySQL", TW_PROBLEM_FK_TYPE_MISMATCH, "refs", TW_DIALECT_MASK (TW_DIALECT_KIND_MYSQL) },
  { "unique over missing column", TW_PROBLEM_UNKNOWN_COLUMN, "cons", TW_DIALECT_MASK_ALL },
  { "duplicate constraint name", TW_PROBLEM_DUPLICATE_CONSTRAINT, "cons", TW_DIALECT_MASK_ALL },
  { "index without name", TW_PROBLEM_EMPTY_NAME, "cons", TW_DIALECT_MASK_ALL },
  { "check without expression", TW_PROBLEM_EMPTY_CONSTRAINT, "cons", TW_DIALECT_MASK_ALL },
  { "relationship without association table", TW_PROBLEM_RELATIONSHIP, "cons", TW_DIALECT_MASK_ALL },
};

static void
test_validation (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();

  build_broken_model (meta);

  for (guint i = 0; i < G_N_ELEMENTS (problem_cases); i++)
    {
      const ProblemCase *pc = &problem_cases[i];
      g_autoptr (GPtrArray) problems = tw_metadata_validate (meta, pc->dialects);

      if (!has_problem (problems, pc->code, pc->table))
        {
          print_problems (problems);
          g_error ("validation did not report: %s", pc->what);
        }
    }

  /* Dialect-specific problems only for their dialect. */
  {
    g_autoptr (GPtrArray) sqlite = tw_metadata_validate (meta, TW_DIALECT_MASK (TW_DIALECT_KIND_SQLITE));

    g_assert_false (has_problem (sqlite, TW_PROBLEM_STRING_NEEDS_LENGTH, "cols"));
    g_assert_false (has_problem (sqlite, TW_PROBLEM_ENUM_NEEDS_NAME, "cols"));
  }

  /* Every message names its table. */
  {
    g_autoptr (GPtrArray) all = tw_metadata_validate (meta, TW_DIALECT_MASK_ALL);

    for (guint i = 0; i < all->len; i++)
      {
        TwProblem *p = g_ptr_array_index (all, i);

        g_assert_nonnull (p->message);
        if (p->table != NULL)
          g_assert_nonnull (strstr (p->message, p->table));
      }
  }
}

static const char *
sorted_names (GPtrArray *tables)
{
  static char buffer[256];
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, tw_table_get_name (g_ptr_array_index (tables, i)));
    }
  g_strlcpy (buffer, str->str, sizeof buffer);
  g_string_free (str, TRUE);
  return buffer;
}

static void
test_sort (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GPtrArray) cycles = NULL;
  TwTable *lines;
  TwTable *orders;
  TwTable *tree;
  TwTable *a;
  TwTable *b;
  TwTable *c;

  /* The model order decides ties. */
  lines = add_table (meta, "lines", "id");
  orders = add_table (meta, "orders", "id");
  add_table (meta, "users", "id");
  tree = add_table (meta, "tree", "id");
  a = add_table (meta, "a", "id");
  b = add_table (meta, "b", "id");
  c = add_table (meta, "c", "id");
  add_column (lines, "order_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (lines, "order_id", "orders", "id");
  add_column (orders, "user_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (orders, "user_id", "users", "id");
  add_column (tree, "parent_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (tree, "parent_id", "tree", "id");
  /* a → b → a is a cycle; c refers to a. */
  add_column (a, "b_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (a, "b_id", "b", "id");
  add_column (b, "a_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (b, "a_id", "a", "id");
  add_column (c, "a_id", TW_COLUMN_TYPE_INTEGER);
  add_fk (c, "a_id", "a", "id");

  sorted = tw_metadata_sort_tables (meta, &cycles);
  g_assert_cmpstr (sorted_names (sorted), ==, "users orders lines tree a b c");
  g_assert_cmpuint (cycles->len, ==, 2);
  /* A self reference is no cycle. */
  for (guint i = 0; i < cycles->len; i++)
    g_assert_true (tw_metadata_find_foreign_key_table (meta, g_ptr_array_index (cycles, i)) != tree);

  /* Without the caller asking for cycles. */
  g_clear_pointer (&sorted, g_ptr_array_unref);
  sorted = tw_metadata_sort_tables (meta, NULL);
  g_assert_cmpuint (sorted->len, ==, 7);
}

static void
test_sort_long_chain (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GPtrArray) cycles = NULL;
  const guint n = 5000;

  /* t0 refers to t1, t1 to t2, ...: the reverse of model order, deep
   * enough to overflow a recursive sort. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%u", i);
      g_autofree char *next = g_strdup_printf ("t%u", i + 1);
      TwTable *t = add_table (meta, name, "id");

      if (i + 1 < n)
        {
          add_column (t, "next_id", TW_COLUMN_TYPE_INTEGER);
          add_fk (t, "next_id", next, "id");
        }
    }

  sorted = tw_metadata_sort_tables (meta, &cycles);
  g_assert_cmpuint (sorted->len, ==, n);
  g_assert_cmpuint (cycles->len, ==, 0);
  g_assert_cmpstr (tw_table_get_name (g_ptr_array_index (sorted, 0)), ==, "t4999");
  g_assert_cmpstr (tw_table_get_name (g_ptr_array_index (sorted, n - 1)), ==, "t0");
}

static void
test_copy (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  g_autoptr (TwMetadata) copy = NULL;
  g_autoptr (GError) error = NULL;
  TwTable *users = add_table (meta, "users", "id");
  TwTable *tags = add_table (meta, "tags", "id");
  TwTable *copied;

  tw_table_set_comment (users, "people");
  tw_table_set_position (users, 1.5, 2.5);
  tw_metadata_link_many_to_many (meta, users, tags, NULL, &error);
  g_assert_no_error (error);

  copy = tw_metadata_copy (meta);
  g_assert_cmpuint (tw_metadata_get_n_tables (copy), ==, 3);
  copied = tw_metadata_find_table (copy, "users");
  g_assert_true (copied != users);
  g_assert_true (tw_table_get_metadata (copied) == copy);
  g_assert_cmpstr (tw_table_get_comment (copied), ==, "people");
  g_assert_cmpfloat (tw_table_get_x (copied), ==, 1.5);
  g_assert_true (tw_column_equal (tw_table_get_column (copied, 0), tw_table_get_column (users, 0)));
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (copy)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (tw_table_get_foreign_keys (tw_metadata_find_table (copy, "users_tags"))), ==, 2);

  /* The copy is independent. */
  tw_table_set_name (copied, "people");
  g_assert_cmpstr (tw_table_get_name (users), ==, "users");

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_autoincrement (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  TwTable *t = add_table (meta, "t", "id");
  TwColumn *id = tw_table_find_column (t, "id");

  g_assert_true (tw_table_get_autoincrement_column (t) == id);

  tw_column_set_autoincrement (id, TW_AUTOINCREMENT_NEVER);
  g_assert_null (tw_table_get_autoincrement_column (t));

  tw_column_set_autoincrement (id, TW_AUTOINCREMENT_AUTO);
  tw_column_set_column_type (id, TW_COLUMN_TYPE_STRING);
  g_assert_null (tw_table_get_autoincrement_column (t));

  tw_column_set_column_type (id, TW_COLUMN_TYPE_BIG_INTEGER);
  g_assert_true (tw_table_get_autoincrement_column (t) == id);

  /* A server default turns "auto" off, as in SQLAlchemy. */
  tw_column_set_default (id, TW_DEFAULT_KIND_EXPRESSION, "0");
  g_assert_null (tw_table_get_autoincrement_column (t));
  tw_column_set_autoincrement (id, TW_AUTOINCREMENT_ALWAYS);
  g_assert_true (tw_table_get_autoincrement_column (t) == id);
}

static void
test_unique_columns (void)
{
  g_autoptr (TwMetadata) meta = tw_metadata_new ();
  TwTable *t = add_table (meta, "t", "id");
  TwColumn *code;
  g_autoptr (TwUniqueConstraint) uc = NULL;
  g_autoptr (TwIndex) ix = NULL;
  const char *id[] = { "id", NULL };
  const char *ab[] = { "a", "b", NULL };
  const char *ba[] = { "b", "a", NULL };
  const char *a[] = { "a", NULL };
  const char *c[] = { "c", NULL };
  const char *code_v[] = { "code", NULL };

  add_column (t, "a", TW_COLUMN_TYPE_INTEGER);
  add_column (t, "b", TW_COLUMN_TYPE_INTEGER);
  add_column (t, "c", TW_COLUMN_TYPE_INTEGER);
  code = add_column (t, "code", TW_COLUMN_TYPE_STRING);

  g_assert_true (tw_table_columns_are_unique (t, id));
  g_assert_false (tw_table_columns_are_unique (t, ab));
  g_assert_false (tw_table_columns_are_unique (t, code_v));
  tw_column_set_unique (code, TRUE);
  g_assert_true (tw_table_columns_are_unique (t, code_v));

  uc = tw_unique_constraint_new (NULL, ab);
  tw_table_add_unique_constraint (t, uc);
  g_assert_true (tw_table_columns_are_unique (t, ba));
  g_assert_false (tw_table_columns_are_unique (t, a));

  ix = tw_index_new ("ix_c", c, TRUE);
  tw_table_add_index (t, ix);
  g_assert_true (tw_table_columns_are_unique (t, c));
  tw_index_set_unique (ix, FALSE);
  g_assert_false (tw_table_columns_are_unique (t, c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/metadata/tables", test_tables);
  g_test_add_func ("/core/metadata/signals", test_signals);
  g_test_add_func ("/core/metadata/one-to-many", test_one_to_many);
  g_test_add_func ("/core/metadata/many-to-many", test_many_to_many);
  g_test_add_func ("/core/metadata/self-many-to-many", test_self_many_to_many);
  g_test_add_func ("/core/metadata/rename", test_rename);
  g_test_add_func ("/core/metadata/remove-cascades", test_remove_cascades);
  g_test_add_func ("/core/metadata/validation", test_validation);
  g_test_add_func ("/core/metadata/sort", test_sort);
  g_test_add_func ("/core/metadata/sort-long-chain", test_sort_long_chain);
  g_test_add_func ("/core/metadata/copy", test_copy);
  g_test_add_func ("/core/metadata/autoincrement", test_autoincrement);
  g_test_add_func ("/core/metadata/unique-columns", test_unique_columns);

  return g_test_run ();
}
