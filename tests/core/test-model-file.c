/* test-model-file.c: tests of loading and saving .twm model files
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-model-file"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tw-model-file.h"

/* ------------------------------------------------------------------------ */
/* Comparing models property by property                                    */

/* Every readable property of the object's class, so that a property added
 * later and forgotten by the file format shows up here. Object-valued
 * properties are back pointers and left out. */
static char *
dup_property_text (GObject    *object,
                   GParamSpec *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (&value, type);
  g_object_get_property (object, pspec->name, &value);

  if (type == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (&value);

      /* NULL and "" are different things to the model. */
      return str != NULL ? g_strdup_printf ("“%s”", str) : g_strdup ("NULL");
    }
  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (&value);
      g_autoptr (GString) out = g_string_new ("[");

      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        g_string_append_printf (out, "%s“%s”", i > 0 ? ", " : "", strv[i]);
      g_string_append_c (out, ']');
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = g_value_get_double (&value);

      /* "%a" tells every double apart, -0.0 from 0.0 included. */
      return g_strdup_printf ("%a", d);
    }

  return g_strdup_value_contents (&value);
}

static void
assert_objects_equal (const char *where,
                      GObject    *a,
                      GObject    *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 0);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;

      if (!(pspecs[i]->flags & G_PARAM_READABLE) ||
          g_type_is_a (type, G_TYPE_OBJECT) || type == G_TYPE_POINTER)
        continue;

      text_a = dup_property_text (a, pspecs[i]);
      text_b = dup_property_text (b, pspecs[i]);
      expected = g_strdup_printf ("%s:%s = %s", where, pspecs[i]->name, text_a);
      actual = g_strdup_printf ("%s:%s = %s", where, pspecs[i]->name, text_b);
      g_assert_cmpstr (actual, ==, expected);
    }
}

static void
assert_lists_equal (const char *where,
                    GListModel *a,
                    GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (g_list_model_get_n_items (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item_a = g_list_model_get_item (a, i);
      g_autoptr (GObject) item_b = g_list_model_get_item (b, i);
      g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);

      assert_objects_equal (item_where, item_a, item_b);
    }
}

static void
assert_models_equal (TwMetadata *a,
                     TwMetadata *b)
{
  guint n = tw_metadata_get_n_tables (a);

  g_assert_cmpuint (tw_metadata_get_n_tables (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      TwTable *ta = tw_metadata_get_table (a, i);
      TwTable *tb = tw_metadata_get_table (b, i);
      g_autofree char *where = g_strdup_printf ("tables[%u]", i);
      g_autofree char *columns = g_strconcat (where, ".columns", NULL);
      g_autofree char *fks = g_strconcat (where, ".foreign-keys", NULL);
      g_autofree char *ucs = g_strconcat (where, ".unique-constraints", NULL);
      g_autofree char *ccs = g_strconcat (where, ".check-constraints", NULL);
      g_autofree char *indexes = g_strconcat (where, ".indexes", NULL);

      assert_objects_equal (where, G_OBJECT (ta), G_OBJECT (tb));
      assert_lists_equal (columns, tw_table_get_columns (ta), tw_table_get_columns (tb));
      assert_lists_equal (fks, tw_table_get_foreign_keys (ta), tw_table_get_foreign_keys (tb));
      assert_lists_equal (ucs, tw_table_get_unique_constraints (ta),
                          tw_table_get_unique_constraints (tb));
      assert_lists_equal (ccs, tw_table_get_check_constraints (ta),
                          tw_table_get_check_constraints (tb));
      assert_lists_equal (indexes, tw_table_get_indexes (ta), tw_table_get_indexes (tb));

      for (guint j = 0; j < tw_table_get_n_columns (ta); j++)
        g_assert_true (tw_column_equal (tw_table_get_column (ta, j), tw_table_get_column (tb, j)));
    }

  assert_lists_equal ("relationships", tw_metadata_get_relationships (a),
                      tw_metadata_get_relationships (b));
}

/* ------------------------------------------------------------------------ */
/* Building models                                                          */

static TwColumn *
add_column (TwTable      *table,
            const char   *name,
            TwColumnType  type)
{
  g_autoptr (TwColumn) column = tw_column_new (name, type);

  tw_table_add_column (table, column);
  return column;
}

static TwTable *
add_table (TwMetadata *metadata,
           const char *name,
           double      x,
           double      y)
{
  g_autoptr (TwTable) table = tw_table_new (name);

  tw_table_set_position (table, x, y);
  tw_metadata_add_table (metadata, table);
  return table;
}

static void
add_foreign_key (TwTable            *table,
                 const char         *name,
                 const char * const *columns,
                 const char         *referred_table,
                 const char * const *referred_columns,
                 TwFkAction          on_delete,
                 TwFkAction          on_update)
{
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (name, columns, referred_table,
                                                    referred_columns);

  tw_foreign_key_set_on_delete (fk, on_delete);
  tw_foreign_key_set_on_update (fk, on_update);
  tw_table_add_foreign_key (table, fk);
}

/* A model with every property of every kind of object set to something
 * other than its default somewhere. */
static TwMetadata *
build_rich_model (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  const char *moods[] = { "happy", "sad", "ünï", "with, comma", "it's", "", NULL };
  const char *id[] = { "id", NULL };
  const char *parent_id[] = { "parent_id", NULL };
  const char *pair[] = { "big", "small", NULL };
  const char *unicode_columns[] = { "ünïcødé", NULL };
  const char *left_columns[] = { "left_id", NULL };
  const char *right_columns[] = { "right_id", NULL };
  TwTable *parent;
  TwTable *child;
  TwTable *left;
  TwTable *right;
  TwTable *link;
  TwColumn *column;

  parent = add_table (metadata, "parent", 0.0, 0.0);
  column = add_column (parent, "id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  tw_column_set_autoincrement (column, TW_AUTOINCREMENT_ALWAYS);
  column = add_column (parent, "big", TW_COLUMN_TYPE_BIG_INTEGER);
  tw_column_set_autoincrement (column, TW_AUTOINCREMENT_NEVER);
  tw_column_set_unique (column, TRUE);
  tw_column_set_index (column, TRUE);
  column = add_column (parent, "small", TW_COLUMN_TYPE_SMALL_INTEGER);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "0");
  tw_table_set_comment (parent, NULL);

  child = add_table (metadata, "ünïcødé 表", -120.5, 0.1);
  tw_table_set_comment (child, "");
  tw_table_set_primary_key_name (child, "pk_ünï");
  column = add_column (child, "id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  column = add_column (child, "parent_id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_nullable (column, FALSE);
  column = add_column (child, "flag", TW_COLUMN_TYPE_BOOLEAN);
  tw_column_set_nullable (column, FALSE);
  tw_column_set_default (column, TW_DEFAULT_KIND_EXPRESSION, "false");
  column = add_column (child, "ratio", TW_COLUMN_TYPE_FLOAT);
  tw_column_set_precision (column, 24);
  column = add_column (child, "amount", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (column, 10);
  tw_column_set_scale (column, 0);
  column = add_column (child, "label", TW_COLUMN_TYPE_STRING);
  tw_column_set_length (column, 255);
  tw_column_set_default (column, TW_DEFAULT_KIND_LITERAL, "it's \"quoted\" \\ /\n");
  tw_column_set_comment (column, "multi\nline\ttab \x01 \x1f \x7f €");
  column = add_column (child, "body", TW_COLUMN_TYPE_TEXT);
  tw_column_set_comment (column, "");
  column = add_column (child, "day", TW_COLUMN_TYPE_DATE);
  tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_DATE);
  column = add_column (child, "at", TW_COLUMN_TYPE_DATE_TIME);
  tw_column_set_timezone (column, TRUE);
  tw_column_set_default (column, TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP);
  column = add_column (child, "clock", TW_COLUMN_TYPE_TIME);
  tw_column_set_timezone (column, TRUE);
  column = add_column (child, "blob", TW_COLUMN_TYPE_LARGE_BINARY);
  tw_column_set_length (column, 1024);
  column = add_column (child, "mood", TW_COLUMN_TYPE_ENUM);
  tw_column_set_enum_name (column, "mood");
  tw_column_set_enum_values (column, moods);
  column = add_column (child, "doc", TW_COLUMN_TYPE_JSON);
  tw_column_set_default (column, TW_DEFAULT_KIND_NONE, NULL);
  column = add_column (child, "uid", TW_COLUMN_TYPE_UUID);
  tw_column_set_nullable (column, FALSE);
  column = add_column (child, "ünïcødé", TW_COLUMN_TYPE_STRING);
  tw_column_set_length (column, G_MAXUINT);
  column = add_column (child, "big", TW_COLUMN_TYPE_BIG_INTEGER);
  column = add_column (child, "small", TW_COLUMN_TYPE_SMALL_INTEGER);
  column = add_column (child, "wide", TW_COLUMN_TYPE_NUMERIC);
  tw_column_set_precision (column, G_MAXUINT);
  tw_column_set_scale (column, G_MAXINT);

  add_foreign_key (child, NULL, parent_id, "parent", id,
                   TW_FK_ACTION_CASCADE, TW_FK_ACTION_RESTRICT);
  add_foreign_key (child, "fk_pair", pair, "parent", pair,
                   TW_FK_ACTION_SET_NULL, TW_FK_ACTION_SET_DEFAULT);
  add_foreign_key (child, "", unicode_columns, "nowhere", unicode_columns,
                   TW_FK_ACTION_NO_ACTION, TW_FK_ACTION_NO_ACTION);

  {
    g_autoptr (TwUniqueConstraint) named = tw_unique_constraint_new ("uq_pair", pair);
    g_autoptr (TwUniqueConstraint) unnamed = tw_unique_constraint_new (NULL, unicode_columns);
    g_autoptr (TwCheckConstraint) check = tw_check_constraint_new ("ck_ratio", "ratio >= 0");
    g_autoptr (TwCheckConstraint) anonymous = tw_check_constraint_new (NULL, "");
    g_autoptr (TwIndex) index = tw_index_new ("ix_pair", pair, FALSE);
    g_autoptr (TwIndex) unique = tw_index_new ("ix_ünï", unicode_columns, TRUE);

    tw_table_add_unique_constraint (child, named);
    tw_table_add_unique_constraint (child, unnamed);
    tw_table_add_check_constraint (child, check);
    tw_table_add_check_constraint (child, anonymous);
    tw_table_add_index (child, index);
    tw_table_add_index (child, unique);
  }

  left = add_table (metadata, "left", 1e-300, -0.0);
  column = add_column (left, "id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  right = add_table (metadata, "right", 123456789.123, -1.0 / 3.0);
  column = add_column (right, "id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  link = add_table (metadata, "left_right", DBL_MAX, -DBL_MIN);
  column = add_column (link, "left_id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  column = add_column (link, "right_id", TW_COLUMN_TYPE_INTEGER);
  tw_column_set_primary_key (column, TRUE);
  add_foreign_key (link, NULL, left_columns, "left", id,
                   TW_FK_ACTION_CASCADE, TW_FK_ACTION_NO_ACTION);
  add_foreign_key (link, NULL, right_columns, "right", id,
                   TW_FK_ACTION_CASCADE, TW_FK_ACTION_NO_ACTION);

  /* A table with nothing in it at all. */
  add_table (metadata, "", 5e-324, 1e15);

  {
    g_autoptr (TwRelationship) one = NULL;
    g_autoptr (TwRelationship) many = NULL;
    g_autoptr (TwRelationship) bare = NULL;

    one = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY, "parent", "ünïcødé 表");
    tw_relationship_set_left_attribute (one, "children");
    tw_relationship_set_right_attribute (one, "parent");
    tw_relationship_set_foreign_key_columns (one, parent_id);
    tw_metadata_add_relationship (metadata, one);

    many = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY, "left", "right");
    tw_relationship_set_left_attribute (many, "rights");
    tw_relationship_set_right_attribute (many, "");
    tw_relationship_set_style (many, TW_RELATIONSHIP_STYLE_BACKREF);
    tw_relationship_set_secondary (many, "left_right");
    tw_metadata_add_relationship (metadata, many);

    /* Self-referential, no attributes yet: a model in the making. */
    bare = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY, "parent", "parent");
    tw_metadata_add_relationship (metadata, bare);
  }

  return g_steal_pointer (&metadata);
}

static TwMetadata *
reload (TwMetadata *metadata,
        char      **text_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  TwMetadata *loaded;
  gsize length;

  text = tw_model_file_to_data (metadata, &length);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_str_has_suffix (text, "}\n"));

  loaded = tw_model_file_load_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return loaded;
}

/* ------------------------------------------------------------------------ */
/* Round trips                                                              */

static void
test_round_trip_rich (void)
{
  g_autoptr (TwMetadata) metadata = build_rich_model ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (TwMetadata) loaded_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  loaded = reload (metadata, &text);
  assert_models_equal (metadata, loaded);

  /* Saving what was loaded gives the same bytes. */
  loaded_again = reload (loaded, &text_again);
  g_assert_cmpstr (text_again, ==, text);
  assert_models_equal (metadata, loaded_again);

  /* The file is readable: names in UTF-8, control characters escaped. */
  g_assert_nonnull (strstr (text, "\"name\": \"ünïcødé 表\""));
  g_assert_nonnull (strstr (text, "\"comment\": \"multi\\nline\\ttab \\u0001 \\u001f \\u007f €\""));
  g_assert_nonnull (strstr (text, "\"default-value\": \"it's \\\"quoted\\\" \\\\ /\\n\""));
  g_assert_nonnull (strstr (text, "\"x\": -120.5,\n"));
  g_assert_nonnull (strstr (text, "\"y\": -0.0,\n"));
  g_assert_nonnull (strstr (text, "\"columns\": [\"big\", \"small\"],\n"));

  g_assert_finalize_object (g_steal_pointer (&loaded_again));
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* A model whose members all hold defaults writes only what it must. */
static void
test_round_trip_defaults (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autofree char *text = NULL;
  TwTable *table;
  const char *expected =
    "{\n"
    "  \"format\": \"tablewright-model\",\n"
    "  \"version\": 1,\n"
    "  \"tables\": [\n"
    "    {\n"
    "      \"name\": \"t\",\n"
    "      \"x\": 0,\n"
    "      \"y\": 0,\n"
    "      \"columns\": [\n"
    "        {\n"
    "          \"name\": \"c\",\n"
    "          \"type\": \"Integer\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"empty\",\n"
    "      \"x\": 0,\n"
    "      \"y\": 0,\n"
    "      \"columns\": []\n"
    "    }\n"
    "  ]\n"
    "}\n";

  table = add_table (metadata, "t", 0.0, 0.0);
  add_column (table, "c", TW_COLUMN_TYPE_INTEGER);
  add_table (metadata, "empty", 0.0, 0.0);

  loaded = reload (metadata, &text);
  g_assert_cmpstr (text, ==, expected);
  assert_models_equal (metadata, loaded);

  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&metadata));
}

static void
test_round_trip_empty (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autofree char *text = NULL;

  loaded = reload (metadata, &text);
  g_assert_cmpstr (text, ==,
                   "{\n  \"format\": \"tablewright-model\",\n  \"version\": 1,\n  \"tables\": []\n}\n");
  g_assert_cmpuint (tw_metadata_get_n_tables (loaded), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tw_metadata_get_relationships (loaded)), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* Positions come back as the very same doubles, written as briefly as that
 * allows. */
static void
test_round_trip_doubles (void)
{
  static const struct
  {
    double      value;
    const char *text;   /* NULL: not checked */
  } cases[] = {
    { 0.0, "0" },
    { -0.0, NULL },
    { 40.0, "40" },
    { -7.0, "-7" },
    { 0.1, "0.1" },
    { -120.5, "-120.5" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 2.0 / 3.0, "0.6666666666666666" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1e15, "1e+15" },
    { 999999999999999.0, "999999999999999" },
    { 9007199254740993.0, NULL },
    { 123456789.123, "123456789.123" },
    { 1e-7, "1e-07" },
    { 1e-300, "1e-300" },
    { 5e-324, "5e-324" },
    { DBL_MIN, NULL },
    { -DBL_MIN, NULL },
    { DBL_MAX, "1.7976931348623157e+308" },
    { -DBL_MAX, "-1.7976931348623157e+308" },
    { M_PI, "3.141592653589793" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TwMetadata) metadata = tw_metadata_new ();
      g_autoptr (TwMetadata) loaded = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      TwTable *table;
      double x;
      double y;

      g_test_message ("double %a", cases[i].value);
      add_table (metadata, "t", cases[i].value, -cases[i].value);
      loaded = reload (metadata, &text);
      table = tw_metadata_get_table (loaded, 0);
      x = tw_table_get_x (table);
      y = tw_table_get_y (table);
      /* TwTable keeps the sign of a zero only when the other coordinate
       * changes too (its setter compares with ==): compare zeros by value. */
      if (cases[i].value != 0.0)
        {
          g_assert_cmpmem (&x, sizeof x, &cases[i].value, sizeof x);
          g_assert_true (y == -cases[i].value && signbit (y) == signbit (-cases[i].value));
        }
      else
        g_assert_true (x == 0.0 && y == 0.0);

      if (cases[i].text != NULL)
        {
          expected = g_strdup_printf ("\"x\": %s,\n", cases[i].text);
          g_assert_nonnull (strstr (text, expected));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The demo                                                                 */

static char *
dup_demo_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "demo.twm", NULL);
}

static void
test_demo (void)
{
  g_autofree char *path = dup_demo_path ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  const char *tables[] = {
    "users", "addresses", "categories", "authors", "books", "book_authors", "orders",
    "order_lines",
  };
  gboolean seen[TW_COLUMN_TYPE_UUID + 1] = { FALSE, };
  gboolean kinds[2] = { FALSE, };
  gboolean styles[2] = { FALSE, };
  GListModel *relationships;
  gsize length;

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (metadata);

  /* The association table is the one in the file, not a second one. */
  g_assert_cmpuint (tw_metadata_get_n_tables (metadata), ==, G_N_ELEMENTS (tables));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpstr (tw_table_get_name (tw_metadata_get_table (metadata, i)), ==, tables[i]);

  relationships = tw_metadata_get_relationships (metadata);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 6);
  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);

      kinds[tw_relationship_get_kind (relationship)] = TRUE;
      styles[tw_relationship_get_style (relationship)] = TRUE;
    }
  g_assert_true (kinds[0] && kinds[1] && styles[0] && styles[1]);

  /* Every generic type shows up somewhere. */
  for (guint i = 0; i < tw_metadata_get_n_tables (metadata); i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      for (guint j = 0; j < tw_table_get_n_columns (table); j++)
        seen[tw_column_get_column_type (tw_table_get_column (table, j))] = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_test_message ("type %s", tw_column_type_to_string (i));
      g_assert_true (seen[i]);
    }

  /* A design without problems for any dialect. */
  problems = tw_metadata_validate (metadata, TW_DIALECT_MASK_ALL);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((TwProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The file is in the form the app writes. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  saved = tw_model_file_to_data (metadata, NULL);
  g_assert_cmpstr (saved, ==, contents);

  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* Table cards of the demo, about 220 pixels wide and 40 + 30 per column
 * high, must not overlap. */
static void
test_demo_layout (void)
{
  g_autofree char *path = dup_demo_path ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  n = tw_metadata_get_n_tables (metadata);

  for (guint i = 0; i < n; i++)
    {
      TwTable *a = tw_metadata_get_table (metadata, i);
      double ax = tw_table_get_x (a);
      double ay = tw_table_get_y (a);
      double ah = 40 + 30 * tw_table_get_n_columns (a);

      g_assert_cmpfloat (ax, >=, 0);
      g_assert_cmpfloat (ay, >=, 0);
      for (guint j = i + 1; j < n; j++)
        {
          TwTable *b = tw_metadata_get_table (metadata, j);
          double bx = tw_table_get_x (b);
          double by = tw_table_get_y (b);
          double bh = 40 + 30 * tw_table_get_n_columns (b);
          gboolean apart = ax + 220 <= bx || bx + 220 <= ax || ay + ah <= by || by + bh <= ay;

          if (!apart)
            g_test_fail_printf ("The cards of “%s” and “%s” overlap",
                                tw_table_get_name (a), tw_table_get_name (b));
        }
    }

  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* ------------------------------------------------------------------------ */
/* Extras: the database and the canvas                                      */

static void
test_extras (void)
{
  g_autoptr (TwMetadata) metadata = tw_metadata_new ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_auto (TwModelFileExtras) read_back = TW_MODEL_FILE_EXTRAS_INIT;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length;

  /* The password never reaches the file, however it got into the extras. */
  extras.database = g_strdup ("postgresql+psycopg2://alice:s3cr:et@db.example.com:5432/shop"
                              "?sslmode=require&password=hunter2");
  extras.zoom = 0.75;
  extras.scroll_x = -120.5;
  extras.scroll_y = 1000.0;

  text = tw_model_file_to_data_full (metadata, &extras, &length);
  g_assert_null (strstr (text, "s3cr"));
  g_assert_null (strstr (text, "hunter2"));
  g_assert_nonnull (strstr (text,
                            "  \"database\": \"postgresql+psycopg2://alice@db.example.com:5432/shop"
                            "?sslmode=require\",\n"
                            "  \"layout\": {\n"
                            "    \"zoom\": 0.75,\n"
                            "    \"scroll-x\": -120.5,\n"
                            "    \"scroll-y\": 1000\n"
                            "  },\n"));

  loaded = tw_model_file_load_from_data_full (text, length, "x.twm", &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back.database, ==,
                   "postgresql+psycopg2://alice@db.example.com:5432/shop?sslmode=require");
  g_assert_cmpfloat (read_back.zoom, ==, 0.75);
  g_assert_cmpfloat (read_back.scroll_x, ==, -120.5);
  g_assert_cmpfloat (read_back.scroll_y, ==, 1000.0);

  text_again = tw_model_file_to_data_full (loaded, &read_back, NULL);
  g_assert_cmpstr (text_again, ==, text);
  g_clear_object (&loaded);

  /* A password written into a file by hand is dropped on loading. */
  loaded = tw_model_file_load_from_data_full ("{\"format\": \"tablewright-model\", \"version\": 1, "
                                              "\"database\": \"mysql://root:toor@localhost/db\"}",
                                              -1, NULL, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back.database, ==, "mysql://root@localhost/db");
  g_assert_cmpfloat (read_back.zoom, ==, 1.0);
  g_clear_object (&loaded);

  /* Defaults write no layout; a failed load leaves the extras cleared. */
  tw_model_file_extras_clear (&extras);
  g_clear_pointer (&text, g_free);
  text = tw_model_file_to_data_full (metadata, &extras, NULL);
  g_assert_null (strstr (text, "layout"));
  g_assert_null (strstr (text, "database"));

  loaded = tw_model_file_load_from_data_full ("{}", -1, NULL, &read_back, &error);
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_VERSION);
  g_assert_null (loaded);
  g_assert_null (read_back.database);
  g_assert_cmpfloat (read_back.zoom, ==, 1.0);

  tw_model_file_extras_set_database (&extras, "postgresql://u:p@h/d");
  g_assert_cmpstr (extras.database, ==, "postgresql://u@h/d");
  tw_model_file_extras_set_database (&extras, NULL);
  g_assert_null (extras.database);

  g_assert_finalize_object (g_steal_pointer (&metadata));
}

static void
test_strip_password (void)
{
  static const struct
  {
    const char *url;
    const char *stripped;
  } cases[] = {
    { "sqlite:///shop.db", "sqlite:///shop.db" },
    { "sqlite://", "sqlite://" },
    { "not a url", "not a url" },
    { "", "" },
    { "postgresql://localhost/shop", "postgresql://localhost/shop" },
    { "postgresql://localhost:5432/shop", "postgresql://localhost:5432/shop" },
    { "postgresql://alice@localhost/shop", "postgresql://alice@localhost/shop" },
    { "postgresql://alice:secret@localhost/shop", "postgresql://alice@localhost/shop" },
    { "postgresql://alice:@localhost/shop", "postgresql://alice@localhost/shop" },
    { "postgresql://alice:p@ss@localhost/shop", "postgresql://alice@localhost/shop" },
    { "postgresql://alice:pa/ss?x@localhost/shop", "postgresql://alice@localhost/shop" },
    { "postgresql://alice:p%40ss@[::1]:5432/shop", "postgresql://alice@[::1]:5432/shop" },
    { "mysql+pymysql://root:toor@127.0.0.1:3306/db?charset=utf8mb4",
      "mysql+pymysql://root@127.0.0.1:3306/db?charset=utf8mb4" },
    { "postgresql://h/db?password=x", "postgresql://h/db" },
    { "postgresql://h/db?a=1&PASSWORD=x&passwd=y&b=2", "postgresql://h/db?a=1&b=2" },
    { "postgresql://h/db?passwordless=1", "postgresql://h/db?passwordless=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stripped = tw_model_file_strip_password (cases[i].url);
      g_autofree char *twice = tw_model_file_strip_password (stripped);

      g_assert_cmpstr (stripped, ==, cases[i].stripped);
      g_assert_cmpstr (twice, ==, stripped);
    }
}

/* ------------------------------------------------------------------------ */
/* Broken and hostile files                                                 */

#define HEAD "{\n  \"format\": \"tablewright-model\",\n  \"version\": 1,\n"
#define TABLE_OPEN "  \"tables\": [\n    {\n      \"name\": \"t\",\n"
#define COLUMN_OPEN TABLE_OPEN "      \"columns\": [\n        {\n          \"name\": \"c\",\n"
#define COLUMN_CLOSE "\n        }\n      ]\n    }\n  ]\n}\n"
#define NUL_INPUT HEAD "  \"tables\": [\0]\n}\n"

typedef struct
{
  const char       *name;
  const char       *input;
  gssize            length;   /* -1: NUL-terminated */
  TwModelFileError  code;
  const char       *position; /* "line:column" */
  const char       *message;  /* a part of the message */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Not JSON. */
  { "empty", "", -1, TW_MODEL_FILE_ERROR_SYNTAX, "1:1", "the file is empty" },
  { "blank", "\n\n   ", -1, TW_MODEL_FILE_ERROR_SYNTAX, "3:4", "the file is empty" },
  { "nul-byte", NUL_INPUT, sizeof (NUL_INPUT) - 1, TW_MODEL_FILE_ERROR_SYNTAX, "4:14",
    "NUL byte" },
  { "latin-1", HEAD "  \"database\": \"caf\xe9\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "4:19",
    "0xE9 is not valid UTF-8" },
  { "trailing-comma", HEAD "  \"tables\": [],\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "5:1",
    "no comma after the last member" },
  { "trailing-comma-array", HEAD "  \"tables\": [{}, ]\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:18", "no comma after the last element" },
  { "missing-comma", HEAD "  \"tables\": []\n  \"relationships\": []\n}\n", -1,
    TW_MODEL_FILE_ERROR_SYNTAX, "5:3", "expected “,” or “}” after the member “tables”" },
  { "missing-colon", HEAD "  \"tables\" []\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "4:12",
    "expected “:” after the member name “tables”" },
  { "comment", HEAD "  // a comment\n  \"tables\": []\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:3", "expected a member name in double quotes, found “/”" },
  { "single-quotes", HEAD "  'tables': []\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "4:3",
    "expected a member name in double quotes, found “'”" },
  { "nan", HEAD TABLE_OPEN "      \"x\": NaN\n    }\n  ]\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "7:12", "found “NaN”" },
  { "leading-zero", HEAD TABLE_OPEN "      \"x\": 012\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_SYNTAX, "7:12", "cannot start with a 0" },
  { "hex-number", HEAD TABLE_OPEN "      \"x\": 0x10\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_SYNTAX, "7:13", "expected “,” or “}” after the member “x”, found “x10”" },
  { "unterminated-string", HEAD "  \"database\": \"sqlite://\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:25", "U+000A must be escaped" },
  { "unterminated-object", HEAD "  \"tables\": [\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "5:1",
    "expected a value, found the end of the file" },
  { "unclosed-object", HEAD "  \"tables\": []\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "1:1",
    "the object that starts here has no closing “}”" },
  { "control-character", HEAD "  \"database\": \"a\tb\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:17", "U+0009 must be escaped" },
  { "bad-escape", HEAD "  \"database\": \"a\\qb\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:17", "“\\q” is not a JSON escape" },
  { "lone-surrogate", HEAD "  \"database\": \"\\ud83d!\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:16", "first half of a UTF-16 surrogate pair" },
  { "low-surrogate", HEAD "  \"database\": \"\\ude00\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:16", "second half of a UTF-16 surrogate pair" },
  { "escaped-nul", HEAD "  \"database\": \"a\\u0000\"\n}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX,
    "4:17", "cannot hold a NUL character" },
  { "two-values", HEAD "  \"tables\": []\n}\n{}\n", -1, TW_MODEL_FILE_ERROR_SYNTAX, "6:1",
    "expected the end of the file after the top-level value" },
  { "too-deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    -1, TW_MODEL_FILE_ERROR_SYNTAX, "1:65", "nested more than 64 deep" },
  { "huge-integer", "{\n  \"format\": \"tablewright-model\",\n"
    "  \"version\": 123456789012345678901234567890\n}\n", -1,
    TW_MODEL_FILE_ERROR_VALUE, "3:14", "the number 123456789012345678901234567890 is too large" },
  { "infinite", HEAD TABLE_OPEN "      \"x\": -1e400\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_VALUE, "7:12", "the number -1e400 is too large" },

  /* JSON, but not a model of this version. */
  { "array", "[]", -1, TW_MODEL_FILE_ERROR_VERSION, "1:1", "must hold a JSON object" },
  { "no-format", "{\n  \"version\": 1\n}", -1, TW_MODEL_FILE_ERROR_VERSION, "1:1",
    "“format” must be “tablewright-model”, but is missing" },
  { "other-format", "{\n  \"format\": \"glade\"\n}", -1, TW_MODEL_FILE_ERROR_VERSION, "2:3",
    "but is a string “glade”" },
  { "no-version", "{\n  \"format\": \"tablewright-model\"\n}", -1, TW_MODEL_FILE_ERROR_VERSION,
    "1:1", "has no “version”" },
  { "version-string", "{\n  \"format\": \"tablewright-model\",\n  \"version\": \"1\"\n}", -1,
    TW_MODEL_FILE_ERROR_VERSION, "3:3", "“version” must be a whole number, 1 or more" },
  { "version-zero", "{\n  \"format\": \"tablewright-model\",\n  \"version\": 0\n}", -1,
    TW_MODEL_FILE_ERROR_VERSION, "3:3", "but is 0" },
  { "newer", "{\n  \"format\": \"tablewright-model\",\n  \"version\": 2,\n  \"shiny\": 1\n}", -1,
    TW_MODEL_FILE_ERROR_VERSION, "3:3", "written by a newer Tablewright (format version 2)" },

  /* Structure. */
  { "duplicate-member", HEAD "  \"tables\": [],\n  \"tables\": []\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "5:3", "the member “tables” appears twice" },
  { "unknown-top-member", HEAD "  \"tabels\": []\n}\n", -1, TW_MODEL_FILE_ERROR_STRUCTURE, "4:3",
    "a model file has no member “tabels”" },
  { "tables-object", HEAD "  \"tables\": {}\n}\n", -1, TW_MODEL_FILE_ERROR_STRUCTURE, "4:3",
    "“tables” must be an array of objects, but is an object" },
  { "table-string", HEAD "  \"tables\": [\n    \"users\"\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "5:5", "element 0 of “tables” must be an object, but is a string “users”" },
  { "table-no-name", HEAD "  \"tables\": [\n    {\n      \"x\": 1\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "5:5", "a table needs the member “name”" },
  { "table-name-number", HEAD "  \"tables\": [\n    {\n      \"name\": 7\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "6:7", "“name” must be a string, but is 7" },
  { "table-name-null", HEAD "  \"tables\": [\n    {\n      \"name\": null\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "6:7", "“name” must be a string, but is null" },
  { "x-string", HEAD TABLE_OPEN "      \"x\": \"12\"\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "7:7", "“x” must be a number, but is a string “12”" },
  { "column-typo", HEAD COLUMN_OPEN "          \"type\": \"Text\",\n          \"nulable\": false"
    COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_STRUCTURE, "11:11", "a column has no member “nulable”" },
  { "column-no-type", HEAD COLUMN_OPEN "          \"length\": 5" COLUMN_CLOSE, -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "8:9", "a column needs the member “type”" },
  { "nullable-string", HEAD COLUMN_OPEN "          \"type\": \"Text\",\n          \"nullable\": \"no\""
    COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_STRUCTURE, "11:11",
    "“nullable” must be true or false, but is a string “no”" },
  { "enum-values-numbers", HEAD COLUMN_OPEN "          \"type\": \"Enum\",\n"
    "          \"enum-values\": [\"a\", 2]" COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_STRUCTURE,
    "11:32", "element 1 of “enum-values” must be a string, but is 2" },
  { "columns-nested-array", HEAD TABLE_OPEN "      \"columns\": [[]]\n    }\n  ]\n}\n", -1,
    TW_MODEL_FILE_ERROR_STRUCTURE, "7:19", "element 0 of “columns” must be an object, but is an array" },
  { "fk-no-referred-table", HEAD TABLE_OPEN "      \"foreign-keys\": [\n        {\n"
    "          \"columns\": [\"a\"],\n          \"referred-columns\": [\"b\"]\n        }\n"
    "      ]\n    }\n  ]\n}\n", -1, TW_MODEL_FILE_ERROR_STRUCTURE, "8:9",
    "a foreign key needs the member “referred-table”" },
  { "layout-array", HEAD "  \"layout\": [1, 2]\n}\n", -1, TW_MODEL_FILE_ERROR_STRUCTURE, "4:3",
    "“layout” must be an object, but is an array" },

  /* Values. */
  { "type-typo", HEAD COLUMN_OPEN "          \"type\": \"Intger\"" COLUMN_CLOSE, -1,
    TW_MODEL_FILE_ERROR_VALUE, "10:11",
    "“type” must be one of Integer, BigInteger, SmallInteger, Boolean, Float, Numeric, String, "
    "Text, Date, DateTime, Time, LargeBinary, Enum, JSON, Uuid, but is “Intger”" },
  { "negative-length", HEAD COLUMN_OPEN "          \"type\": \"String\",\n          \"length\": -5"
    COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_VALUE, "11:11",
    "“length” must be a whole number from 0 to 4294967295, but is -5" },
  { "length-too-large", HEAD COLUMN_OPEN "          \"type\": \"String\",\n"
    "          \"length\": 4294967296" COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_VALUE, "11:11",
    "but is 4294967296" },
  { "length-fraction", HEAD COLUMN_OPEN "          \"type\": \"String\",\n          \"length\": 5.5"
    COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_VALUE, "11:11", "must be a whole number" },
  { "scale-below-none", HEAD COLUMN_OPEN "          \"type\": \"Numeric\",\n          \"scale\": -2"
    COLUMN_CLOSE, -1, TW_MODEL_FILE_ERROR_VALUE, "11:11", "“scale” must be a whole number from -1" },
  { "bad-fk-action", HEAD TABLE_OPEN "      \"foreign-keys\": [\n        {\n"
    "          \"columns\": [\"a\"],\n          \"referred-table\": \"t\",\n"
    "          \"referred-columns\": [\"b\"],\n          \"on-delete\": \"explode\"\n        }\n"
    "      ]\n    }\n  ]\n}\n", -1, TW_MODEL_FILE_ERROR_VALUE, "12:11",
    "“on-delete” must be one of no-action, restrict, cascade, set-null, set-default, but is "
    "“explode”" },
  { "bad-kind", HEAD "  \"relationships\": [\n    {\n      \"kind\": \"one-to-one\"\n    }\n  ]\n}\n",
    -1, TW_MODEL_FILE_ERROR_VALUE, "6:7", "“kind” must be one of one-to-many, many-to-many" },
  { "zoom-zero", HEAD "  \"layout\": {\n    \"zoom\": 0\n  }\n}\n", -1, TW_MODEL_FILE_ERROR_VALUE,
    "5:5", "“zoom” must be a number from 0.01 to 100, but is 0" },

  /* References. */
  { "unknown-table", HEAD "  \"tables\": [],\n  \"relationships\": [\n    {\n"
    "      \"kind\": \"one-to-many\",\n      \"left-table\": \"users\",\n"
    "      \"right-table\": \"addresses\"\n    }\n  ]\n}\n", -1, TW_MODEL_FILE_ERROR_REFERENCE,
    "8:7", "“left-table” names the table “users”, which the file does not hold" },
  { "unknown-secondary", HEAD TABLE_OPEN "      \"columns\": []\n    }\n  ],\n"
    "  \"relationships\": [\n    {\n      \"kind\": \"many-to-many\",\n"
    "      \"left-table\": \"t\",\n      \"right-table\": \"t\",\n"
    "      \"secondary\": \"t_t\"\n    }\n  ]\n}\n", -1, TW_MODEL_FILE_ERROR_REFERENCE, "15:7",
    "“secondary” names the table “t_t”" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr (TwMetadata) metadata = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *prefix = g_strdup_printf ("<data>:%s: ", c->position);

      g_test_message ("case %s", c->name);
      metadata = tw_model_file_load_from_data (c->input, c->length, &error);
      g_assert_null (metadata);
      g_assert_error (error, TW_MODEL_FILE_ERROR, (int) c->code);
      g_test_message ("  %s", error->message);
      if (!g_str_has_prefix (error->message, prefix))
        g_test_fail_printf ("case %s: expected the message to start with “%s”: %s", c->name, prefix,
                 error->message);
      if (strstr (error->message, c->message) == NULL)
        g_test_fail_printf ("case %s: expected the message to hold “%s”: %s", c->name, c->message,
                 error->message);
    }
}

/* Each error case, written to a file, gives the same error under the file's
 * name; and a loaded model is untouched by a failed load. */
static void
test_errors_in_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr (TwMetadata) metadata = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *prefix = g_strdup_printf ("broken.twm:%s: ", c->position);
      gsize length = c->length >= 0 ? (gsize) c->length : strlen (c->input);

      g_assert_true (g_file_set_contents (path, c->input, length, NULL));
      metadata = tw_model_file_load (file, NULL, &error);
      g_assert_error (error, TW_MODEL_FILE_ERROR, (int) c->code);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* A file larger than the limit is refused before it is parsed. */
static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  FILE *f;

  /* A sparse file: large, but costs no disk. */
  f = g_fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, TW_MODEL_FILE_MAX_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('}', f), ==, '}');
  g_assert_cmpint (fclose (f), ==, 0);

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.twm: "));
  g_assert_null (metadata);
  g_clear_error (&error);

  /* The same for data in memory, which is not even read. */
  metadata = tw_model_file_load_from_data ("{", TW_MODEL_FILE_MAX_SIZE + 1, &error);
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_TOO_LARGE);
  g_assert_null (metadata);

  g_unlink (path);
  g_rmdir (dir);
}

/* A long string in a file of legal size is fine. */
static void
test_long_string (void)
{
  gsize long_len = 8 * 1024 * 1024;
  g_autoptr (GString) text = g_string_new (HEAD "  \"tables\": [\n    {\n      \"name\": \"");
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < long_len; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "\"\n    }\n  ]\n}\n");

  metadata = tw_model_file_load_from_data (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (tw_table_get_name (tw_metadata_get_table (metadata, 0))), ==, long_len);
}

static void
test_missing_file (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/folder/model.twm");
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "model.twm"));
  g_assert_null (metadata);
  g_clear_error (&error);

  /* Cancellation is reported as such, for callers to ignore. */
  g_cancellable_cancel (cancellable);
  metadata = tw_model_file_load (file, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                   */

static char *
read_text (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop.twm", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) link = g_file_new_for_path (link_path);
  g_autoptr (TwMetadata) metadata = build_rich_model ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = tw_model_file_to_data (metadata, NULL);
  g_autofree char *contents = NULL;
  struct stat st;
  mode_t mask;

  /* A new file: the umask decides its mode. */
  mask = umask (022);
  g_assert_true (tw_model_file_save (metadata, file, NULL, &error));
  g_assert_no_error (error);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  contents = read_text (path);
  g_assert_cmpstr (contents, ==, expected);
  g_clear_pointer (&contents, g_free);

  loaded = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_models_equal (metadata, loaded);

  /* An existing file keeps its mode. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  tw_table_set_name (tw_metadata_get_table (metadata, 0), "renamed");
  g_assert_true (tw_model_file_save (metadata, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  contents = read_text (path);
  g_assert_nonnull (strstr (contents, "\"name\": \"renamed\""));
  g_clear_pointer (&contents, g_free);

  /* Saving through a symbolic link replaces the file and keeps the link. */
  g_assert_cmpint (symlink ("shop.twm", link_path), ==, 0);
  tw_table_set_name (tw_metadata_get_table (metadata, 0), "through the link");
  g_assert_true (tw_model_file_save (metadata, link, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  contents = read_text (path);
  g_assert_nonnull (strstr (contents, "\"name\": \"through the link\""));
  g_clear_pointer (&contents, g_free);

  /* No temporary file is left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 2);

  g_unlink (link_path);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* A save that fails leaves the old file exactly as it was. */
static void
test_save_failures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop.twm", NULL);
  g_autofree char *sub_path = g_build_filename (dir, "folder.twm", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing", "new.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) sub = g_file_new_for_path (sub_path);
  g_autoptr (GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr (TwMetadata) metadata = build_rich_model ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *old = "the old file\n";

  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  /* Cancelled: reported as such, the old file stays. */
  g_cancellable_cancel (cancellable);
  g_assert_false (tw_model_file_save (metadata, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  contents = read_text (path);
  g_assert_cmpstr (contents, ==, old);
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* A folder in the way. */
  g_assert_cmpint (g_mkdir (sub_path, 0755), ==, 0);
  g_assert_false (tw_model_file_save (metadata, sub, NULL, &error));
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder.twm"));
  g_clear_error (&error);
  g_rmdir (sub_path);

  /* A folder that does not exist. */
  g_assert_false (tw_model_file_save (metadata, missing, NULL, &error));
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "new.twm"));
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* Run in a subprocess: saving into a folder the user may not write to
 * fails, and the old file stays. Root may write anywhere, so as root the
 * subprocess becomes "nobody" first. */
static void
test_save_unwritable (void)
{
  const char *dir = g_getenv ("TW_TEST_UNWRITABLE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  if (!g_test_subprocess ())
    {
      g_autofree char *tmp = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
      g_autofree char *old_path = g_build_filename (tmp, "shop.twm", NULL);
      g_autofree char *old = NULL;

      g_assert_true (g_file_set_contents (old_path, "the old file\n", -1, NULL));
      g_assert_cmpint (g_chmod (old_path, 0644), ==, 0);
      g_assert_cmpint (g_chmod (tmp, 0555), ==, 0);
      g_setenv ("TW_TEST_UNWRITABLE_DIR", tmp, TRUE);

      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();

      old = read_text (old_path);
      g_assert_cmpstr (old, ==, "the old file\n");
      g_assert_cmpuint (count_entries (tmp), ==, 1);

      g_unsetenv ("TW_TEST_UNWRITABLE_DIR");
      g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
      g_unlink (old_path);
      g_rmdir (tmp);
      return;
    }

  g_assert_nonnull (dir);
  if (geteuid () == 0)
    {
      /* 65534 is "nobody" on Debian. */
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  path = g_build_filename (dir, "shop.twm", NULL);
  file = g_file_new_for_path (path);
  metadata = build_rich_model ();
  g_assert_false (tw_model_file_save (metadata, file, NULL, &error));
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “shop.twm”"));

  contents = read_text (path);
  g_assert_cmpstr (contents, ==, "the old file\n");
}

/* ------------------------------------------------------------------------ */
/* Without blocking                                                         */

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-model-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop.twm", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.twm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr (TwMetadata) metadata = build_rich_model ();
  g_autoptr (TwMetadata) expected = build_rich_model ();
  g_autoptr (TwMetadata) loaded = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
  g_auto (TwModelFileExtras) read_back = TW_MODEL_FILE_EXTRAS_INIT;
  g_autofree char *contents = NULL;

  extras.zoom = 2.0;
  tw_model_file_extras_set_database (&extras, "sqlite:///shop.db");

  tw_model_file_save_async (metadata, &extras, file, NULL, async_done_cb, &result);
  /* The text was taken at the call: changes now are not saved. */
  tw_table_set_name (tw_metadata_get_table (metadata, 0), "changed after the call");
  g_assert_true (tw_model_file_save_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  tw_model_file_load_async (file, NULL, async_done_cb, &result);
  loaded = tw_model_file_load_finish (wait_for (&result), &read_back, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_models_equal (expected, loaded);
  g_assert_cmpfloat (read_back.zoom, ==, 2.0);
  g_assert_cmpstr (read_back.database, ==, "sqlite:///shop.db");
  g_clear_object (&result);

  /* Errors come back as from the blocking calls, with the extras cleared. */
  tw_model_file_load_async (missing, NULL, async_done_cb, &result);
  g_assert_null (tw_model_file_load_finish (wait_for (&result), &read_back, &error));
  g_assert_error (error, TW_MODEL_FILE_ERROR, TW_MODEL_FILE_ERROR_IO);
  g_assert_null (read_back.database);
  g_assert_cmpfloat (read_back.zoom, ==, 1.0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A cancelled save leaves the file alone. */
  contents = read_text (path);
  g_cancellable_cancel (cancellable);
  tw_model_file_save_async (metadata, NULL, file, cancellable, async_done_cb, &result);
  g_assert_false (tw_model_file_save_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  {
    g_autofree char *after = read_text (path);

    g_assert_cmpstr (after, ==, contents);
  }
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&expected));
  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/model-file/round-trip/rich", test_round_trip_rich);
  g_test_add_func ("/core/model-file/round-trip/defaults", test_round_trip_defaults);
  g_test_add_func ("/core/model-file/round-trip/empty", test_round_trip_empty);
  g_test_add_func ("/core/model-file/round-trip/doubles", test_round_trip_doubles);
  g_test_add_func ("/core/model-file/demo/load", test_demo);
  g_test_add_func ("/core/model-file/demo/layout", test_demo_layout);
  g_test_add_func ("/core/model-file/extras", test_extras);
  g_test_add_func ("/core/model-file/strip-password", test_strip_password);
  g_test_add_func ("/core/model-file/errors/data", test_errors);
  g_test_add_func ("/core/model-file/errors/files", test_errors_in_files);
  g_test_add_func ("/core/model-file/errors/too-large", test_too_large);
  g_test_add_func ("/core/model-file/errors/missing-file", test_missing_file);
  g_test_add_func ("/core/model-file/long-string", test_long_string);
  g_test_add_func ("/core/model-file/save/atomic", test_save);
  g_test_add_func ("/core/model-file/save/failures", test_save_failures);
  g_test_add_func ("/core/model-file/save/unwritable", test_save_unwritable);
  g_test_add_func ("/core/model-file/async", test_async);

  return g_test_run ();
}
