/* test-constraints.c: tests for TwForeignKey, TwUniqueConstraint, TwCheckConstraint, TwIndex,
 * TwRelationship and TwProblem
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-constraints"

#include "config.h"

#include <glib-object.h>

#include "tw-check-constraint.h"
#include "tw-enum-types.h"
#include "tw-foreign-key.h"
#include "tw-index.h"
#include "tw-problem.h"
#include "tw-relationship.h"
#include "tw-unique-constraint.h"

typedef struct
{
  guint  n_notify;
  guint  n_changed;
  char  *last_notify;
} Counter;

static void
counter_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   Counter    *counter)
{
  counter->n_notify++;
  g_free (counter->last_notify);
  counter->last_notify = g_strdup (pspec->name);
}

static void
counter_changed_cb (GObject *object,
                    Counter *counter)
{
  counter->n_changed++;
}

static void
counter_watch (Counter *counter,
               gpointer object)
{
  g_signal_connect (object, "notify", G_CALLBACK (counter_notify_cb), counter);
  g_signal_connect (object, "changed", G_CALLBACK (counter_changed_cb), counter);
}

static void
counter_reset (Counter *counter)
{
  counter->n_notify = 0;
  counter->n_changed = 0;
  g_clear_pointer (&counter->last_notify, g_free);
}

static void
counter_unwatch (Counter *counter,
                 gpointer object)
{
  g_signal_handlers_disconnect_by_data (object, counter);
  counter_reset (counter);
}

static void
make_other_value (GParamSpec   *pspec,
                  const GValue *current,
                  GValue       *other)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (other, type);

  if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (other, !g_value_get_boolean (current));
  else if (type == G_TYPE_STRING)
    g_value_take_string (other, g_strconcat (g_value_get_string (current) ?: "", "-x", NULL));
  else if (type == G_TYPE_STRV)
    {
      const char * const *old = g_value_get_boxed (current);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      if (old != NULL)
        g_strv_builder_addv (builder, (const char **) old);
      g_strv_builder_add (builder, "extra");
      g_value_take_boxed (other, g_strv_builder_end (builder));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *now = g_enum_get_value (klass, g_value_get_enum (current));
      guint pos = now - klass->values;

      g_value_set_enum (other, klass->values[(pos + 1) % klass->n_values].value);
      g_type_class_unref (klass);
    }
  else
    g_assert_not_reached ();
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);
      const char * const empty[] = { NULL };

      return g_strv_equal (sa ? sa : empty, sb ? sb : empty);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* Sets every writable property of @object to a new value: one notify for it
 * and one "changed"; the value reads back; the same value again emits
 * nothing. Then checks that @copy_func copies every property. Returns the
 * number of properties checked. */
static guint
check_every_property (GObject *object,
                      GObject *(*copy_func) (GObject *))
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr (GObject) copy = NULL;
  Counter counter = { 0 };
  guint n_pspecs;
  guint n_checked = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  counter_watch (&counter, object);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto (GValue) current = G_VALUE_INIT;
      g_auto (GValue) other = G_VALUE_INIT;
      g_auto (GValue) read_back = G_VALUE_INIT;

      if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
        continue;

      g_test_message ("%s:%s", G_OBJECT_TYPE_NAME (object), pspec->name);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

      g_value_init (&current, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, pspec->name, &current);
      make_other_value (pspec, &current, &other);

      counter_reset (&counter);
      g_object_set_property (object, pspec->name, &other);
      g_assert_cmpuint (counter.n_notify, ==, 1);
      g_assert_cmpstr (counter.last_notify, ==, pspec->name);
      g_assert_cmpuint (counter.n_changed, ==, 1);

      g_value_init (&read_back, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, pspec->name, &read_back);
      g_assert_true (values_equal (pspec, &other, &read_back));
      g_assert_false (values_equal (pspec, &current, &read_back));

      counter_reset (&counter);
      g_object_set_property (object, pspec->name, &other);
      g_assert_cmpuint (counter.n_notify, ==, 0);
      g_assert_cmpuint (counter.n_changed, ==, 0);

      n_checked++;
    }

  counter_unwatch (&counter, object);

  /* The copy holds the same values (every property was changed above, so
   * none is merely at its default) but shares no memory. */
  copy = copy_func (object);
  g_assert_true (copy != object);
  g_assert_true (G_OBJECT_TYPE (copy) == G_OBJECT_TYPE (object));
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) a = G_VALUE_INIT;
      g_auto (GValue) b = G_VALUE_INIT;

      g_test_message ("copy %s:%s", G_OBJECT_TYPE_NAME (object), pspecs[i]->name);
      g_value_init (&a, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&b, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (object, pspecs[i]->name, &a);
      g_object_get_property (copy, pspecs[i]->name, &b);
      g_assert_true (values_equal (pspecs[i], &a, &b));
    }
  g_assert_finalize_object (g_steal_pointer (&copy));

  return n_checked;
}

/* Copy functions with one signature, for check_every_property(). */
static GObject *
copy_foreign_key (GObject *object)
{
  return G_OBJECT (tw_foreign_key_copy (TW_FOREIGN_KEY (object)));
}

static GObject *
copy_unique_constraint (GObject *object)
{
  return G_OBJECT (tw_unique_constraint_copy (TW_UNIQUE_CONSTRAINT (object)));
}

static GObject *
copy_check_constraint (GObject *object)
{
  return G_OBJECT (tw_check_constraint_copy (TW_CHECK_CONSTRAINT (object)));
}

static GObject *
copy_index (GObject *object)
{
  return G_OBJECT (tw_index_copy (TW_INDEX (object)));
}

static GObject *
copy_relationship (GObject *object)
{
  return G_OBJECT (tw_relationship_copy (TW_RELATIONSHIP (object)));
}

static gboolean
strv_is (const char * const *strv,
         const char         *joined)
{
  g_autofree char *s = NULL;

  g_assert_nonnull (strv);
  s = g_strjoinv (",", (char **) strv);
  return g_str_equal (s, joined);
}

/* Foreign keys */

static void
test_foreign_key_basics (void)
{
  static const char * const cols[] = { "order_id", "line_no", NULL };
  static const char * const refs[] = { "id", "no", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new ("fk_line", cols, "order_line", refs);
  g_autoptr (TwForeignKey) unnamed = tw_foreign_key_new (NULL, NULL, "parent", NULL);

  g_assert_cmpstr (tw_foreign_key_get_name (fk), ==, "fk_line");
  g_assert_true (strv_is (tw_foreign_key_get_columns (fk), "order_id,line_no"));
  g_assert_true ((gpointer) tw_foreign_key_get_columns (fk) != (gpointer) cols);
  g_assert_cmpstr (tw_foreign_key_get_referred_table (fk), ==, "order_line");
  g_assert_true (strv_is (tw_foreign_key_get_referred_columns (fk), "id,no"));
  g_assert_cmpint (tw_foreign_key_get_on_delete (fk), ==, TW_FK_ACTION_NO_ACTION);
  g_assert_cmpint (tw_foreign_key_get_on_update (fk), ==, TW_FK_ACTION_NO_ACTION);
  g_assert_cmpuint (tw_foreign_key_get_n_columns (fk), ==, 2);
  g_assert_true (tw_foreign_key_has_column (fk, "order_id"));
  g_assert_true (tw_foreign_key_has_column (fk, "line_no"));
  g_assert_false (tw_foreign_key_has_column (fk, "id"));
  g_assert_false (tw_foreign_key_has_column (fk, "ORDER_ID"));

  /* No columns: empty vectors, never NULL. */
  g_assert_null (tw_foreign_key_get_name (unnamed));
  g_assert_nonnull (tw_foreign_key_get_columns (unnamed));
  g_assert_null (tw_foreign_key_get_columns (unnamed)[0]);
  g_assert_nonnull (tw_foreign_key_get_referred_columns (unnamed));
  g_assert_null (tw_foreign_key_get_referred_columns (unnamed)[0]);
  g_assert_cmpuint (tw_foreign_key_get_n_columns (unnamed), ==, 0);
  g_assert_false (tw_foreign_key_has_column (unnamed, "id"));

  tw_foreign_key_set_columns (fk, NULL);
  g_assert_nonnull (tw_foreign_key_get_columns (fk));
  g_assert_cmpuint (tw_foreign_key_get_n_columns (fk), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&unnamed));
  g_assert_finalize_object (g_steal_pointer (&fk));
}

static void
test_foreign_key_notify (void)
{
  static const char * const cols[] = { "parent_id", NULL };
  static const char * const refs[] = { "id", NULL };
  static const char * const other[] = { "mother_id", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, cols, "parent", refs);
  Counter counter = { 0 };

  g_assert_cmpuint (check_every_property (G_OBJECT (fk), copy_foreign_key), ==, 6);

  counter_watch (&counter, fk);

  tw_foreign_key_set_on_delete (fk, TW_FK_ACTION_CASCADE);
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_cmpstr (counter.last_notify, ==, "on-delete");
  g_assert_cmpuint (counter.n_changed, ==, 1);
  counter_reset (&counter);
  tw_foreign_key_set_on_delete (fk, TW_FK_ACTION_CASCADE);
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_cmpuint (counter.n_changed, ==, 0);

  tw_foreign_key_set_columns (fk, other);
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_cmpstr (counter.last_notify, ==, "columns");
  counter_reset (&counter);
  /* An equal vector at another address is no change. */
  tw_foreign_key_set_columns (fk, (const char * const[]) { "mother_id", NULL });
  g_assert_cmpuint (counter.n_notify, ==, 0);

  g_object_set (fk,
                "on-update", TW_FK_ACTION_SET_NULL,
                "referred-table", "mother",
                NULL);
  g_assert_cmpuint (counter.n_notify, ==, 2);
  g_assert_cmpuint (counter.n_changed, ==, 1);

  counter_unwatch (&counter, fk);
  g_assert_finalize_object (g_steal_pointer (&fk));
}

static void
test_foreign_key_copy (void)
{
  static const char * const cols[] = { "a", "b", NULL };
  static const char * const refs[] = { "x", "y", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new ("fk", cols, "target", refs);
  g_autoptr (TwForeignKey) copy = NULL;

  tw_foreign_key_set_on_delete (fk, TW_FK_ACTION_SET_DEFAULT);
  tw_foreign_key_set_on_update (fk, TW_FK_ACTION_RESTRICT);

  copy = tw_foreign_key_copy (fk);
  g_assert_cmpstr (tw_foreign_key_get_name (copy), ==, "fk");
  g_assert_true (strv_is (tw_foreign_key_get_columns (copy), "a,b"));
  g_assert_true (tw_foreign_key_get_columns (copy) != tw_foreign_key_get_columns (fk));
  g_assert_cmpstr (tw_foreign_key_get_referred_table (copy), ==, "target");
  g_assert_true (strv_is (tw_foreign_key_get_referred_columns (copy), "x,y"));
  g_assert_cmpint (tw_foreign_key_get_on_delete (copy), ==, TW_FK_ACTION_SET_DEFAULT);
  g_assert_cmpint (tw_foreign_key_get_on_update (copy), ==, TW_FK_ACTION_RESTRICT);

  /* They are independent afterwards. */
  tw_foreign_key_set_columns (copy, (const char * const[]) { "c", NULL });
  g_assert_true (strv_is (tw_foreign_key_get_columns (fk), "a,b"));

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&fk));
}

/* Unique and check constraints */

static void
test_unique_constraint (void)
{
  static const char * const cols[] = { "first", "last", NULL };
  g_autoptr (TwUniqueConstraint) uc = tw_unique_constraint_new ("uq_person", cols);
  g_autoptr (TwUniqueConstraint) empty = tw_unique_constraint_new (NULL, NULL);
  g_autoptr (TwUniqueConstraint) copy = NULL;

  g_assert_cmpstr (tw_unique_constraint_get_name (uc), ==, "uq_person");
  g_assert_true (strv_is (tw_unique_constraint_get_columns (uc), "first,last"));
  g_assert_null (tw_unique_constraint_get_name (empty));
  g_assert_nonnull (tw_unique_constraint_get_columns (empty));
  g_assert_null (tw_unique_constraint_get_columns (empty)[0]);

  copy = tw_unique_constraint_copy (uc);
  g_assert_cmpstr (tw_unique_constraint_get_name (copy), ==, "uq_person");
  g_assert_true (strv_is (tw_unique_constraint_get_columns (copy), "first,last"));
  g_assert_true (tw_unique_constraint_get_columns (copy) != tw_unique_constraint_get_columns (uc));

  g_assert_cmpuint (check_every_property (G_OBJECT (uc), copy_unique_constraint), ==, 2);
  g_assert_cmpuint (check_every_property (G_OBJECT (empty), copy_unique_constraint), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&empty));
  g_assert_finalize_object (g_steal_pointer (&uc));
}

static void
test_check_constraint (void)
{
  g_autoptr (TwCheckConstraint) cc = tw_check_constraint_new ("ck_price", "price >= 0");
  g_autoptr (TwCheckConstraint) copy = NULL;
  Counter counter = { 0 };

  g_assert_cmpstr (tw_check_constraint_get_name (cc), ==, "ck_price");
  g_assert_cmpstr (tw_check_constraint_get_expression (cc), ==, "price >= 0");

  copy = tw_check_constraint_copy (cc);
  g_assert_cmpstr (tw_check_constraint_get_name (copy), ==, "ck_price");
  g_assert_cmpstr (tw_check_constraint_get_expression (copy), ==, "price >= 0");

  counter_watch (&counter, cc);
  tw_check_constraint_set_expression (cc, "price > 0");
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_cmpstr (counter.last_notify, ==, "expression");
  g_assert_cmpuint (counter.n_changed, ==, 1);
  counter_reset (&counter);
  tw_check_constraint_set_expression (cc, "price > 0");
  tw_check_constraint_set_name (cc, "ck_price");
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_cmpuint (counter.n_changed, ==, 0);
  tw_check_constraint_set_name (cc, NULL);
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_null (tw_check_constraint_get_name (cc));
  counter_unwatch (&counter, cc);

  /* The copy did not follow. */
  g_assert_cmpstr (tw_check_constraint_get_expression (copy), ==, "price >= 0");

  g_assert_cmpuint (check_every_property (G_OBJECT (cc), copy_check_constraint), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&cc));
}

/* Indexes */

static void
test_index (void)
{
  static const char * const cols[] = { "email", NULL };
  g_autoptr (TwIndex) index = tw_index_new ("ix_user_email", cols, TRUE);
  g_autoptr (TwIndex) plain = tw_index_new ("ix_plain", NULL, FALSE);
  g_autoptr (TwIndex) copy = NULL;
  Counter counter = { 0 };

  g_assert_cmpstr (tw_index_get_name (index), ==, "ix_user_email");
  g_assert_true (strv_is (tw_index_get_columns (index), "email"));
  g_assert_true (tw_index_get_unique (index));
  g_assert_false (tw_index_get_unique (plain));
  g_assert_nonnull (tw_index_get_columns (plain));
  g_assert_null (tw_index_get_columns (plain)[0]);

  copy = tw_index_copy (index);
  g_assert_cmpstr (tw_index_get_name (copy), ==, "ix_user_email");
  g_assert_true (strv_is (tw_index_get_columns (copy), "email"));
  g_assert_true (tw_index_get_unique (copy));

  counter_watch (&counter, index);
  tw_index_set_unique (index, FALSE);
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_cmpstr (counter.last_notify, ==, "unique");
  g_assert_cmpuint (counter.n_changed, ==, 1);
  counter_reset (&counter);
  tw_index_set_unique (index, FALSE);
  tw_index_set_columns (index, cols);
  tw_index_set_name (index, "ix_user_email");
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_cmpuint (counter.n_changed, ==, 0);
  counter_unwatch (&counter, index);

  g_assert_true (tw_index_get_unique (copy));

  g_assert_cmpuint (check_every_property (G_OBJECT (index), copy_index), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&plain));
  g_assert_finalize_object (g_steal_pointer (&index));
}

/* Relationships */

static void
test_relationship_defaults (void)
{
  g_autoptr (TwRelationship) rel = NULL;
  g_autoptr (TwRelationship) m2m = NULL;
  GParamSpec *kind;

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY, "parent", "child");
  m2m = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY, "student", "course");
  g_assert_cmpint (tw_relationship_get_kind (rel), ==, TW_RELATIONSHIP_KIND_ONE_TO_MANY);
  g_assert_cmpstr (tw_relationship_get_left_table (rel), ==, "parent");
  g_assert_cmpstr (tw_relationship_get_right_table (rel), ==, "child");
  g_assert_null (tw_relationship_get_left_attribute (rel));
  g_assert_null (tw_relationship_get_right_attribute (rel));
  g_assert_cmpint (tw_relationship_get_style (rel), ==, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  g_assert_null (tw_relationship_get_secondary (rel));
  g_assert_nonnull (tw_relationship_get_foreign_key_columns (rel));
  g_assert_null (tw_relationship_get_foreign_key_columns (rel)[0]);

  g_assert_cmpint (tw_relationship_get_kind (m2m), ==, TW_RELATIONSHIP_KIND_MANY_TO_MANY);

  kind = g_object_class_find_property (G_OBJECT_GET_CLASS (rel), "kind");
  g_assert_nonnull (kind);
  g_assert_true (kind->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (kind) == TW_TYPE_RELATIONSHIP_KIND);

  g_assert_finalize_object (g_steal_pointer (&m2m));
  g_assert_finalize_object (g_steal_pointer (&rel));
}

static void
test_relationship_notify_copy (void)
{
  static const char * const fk_cols[] = { "student_id", "course_id", NULL };
  g_autoptr (TwRelationship) rel = NULL;
  g_autoptr (TwRelationship) copy = NULL;
  Counter counter = { 0 };

  rel = tw_relationship_new (TW_RELATIONSHIP_KIND_MANY_TO_MANY, "student", "course");
  counter_watch (&counter, rel);
  tw_relationship_set_secondary (rel, "enrollment");
  g_assert_cmpuint (counter.n_notify, ==, 1);
  g_assert_cmpstr (counter.last_notify, ==, "secondary");
  g_assert_cmpuint (counter.n_changed, ==, 1);
  counter_reset (&counter);
  tw_relationship_set_secondary (rel, "enrollment");
  tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  tw_relationship_set_left_table (rel, "student");
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_cmpuint (counter.n_changed, ==, 0);

  g_object_set (rel,
                "left-attribute", "courses",
                "right-attribute", "students",
                "style", TW_RELATIONSHIP_STYLE_BACKREF,
                "foreign-key-columns", fk_cols,
                NULL);
  g_assert_cmpuint (counter.n_notify, ==, 4);
  g_assert_cmpuint (counter.n_changed, ==, 1);
  counter_unwatch (&counter, rel);

  copy = tw_relationship_copy (rel);
  g_assert_cmpint (tw_relationship_get_kind (copy), ==, TW_RELATIONSHIP_KIND_MANY_TO_MANY);
  g_assert_cmpstr (tw_relationship_get_left_table (copy), ==, "student");
  g_assert_cmpstr (tw_relationship_get_right_table (copy), ==, "course");
  g_assert_cmpstr (tw_relationship_get_left_attribute (copy), ==, "courses");
  g_assert_cmpstr (tw_relationship_get_right_attribute (copy), ==, "students");
  g_assert_cmpint (tw_relationship_get_style (copy), ==, TW_RELATIONSHIP_STYLE_BACKREF);
  g_assert_cmpstr (tw_relationship_get_secondary (copy), ==, "enrollment");
  g_assert_true (strv_is (tw_relationship_get_foreign_key_columns (copy), "student_id,course_id"));
  g_assert_true (tw_relationship_get_foreign_key_columns (copy) !=
                 tw_relationship_get_foreign_key_columns (rel));

  /* Every property but the construct-only kind. */
  g_assert_cmpuint (check_every_property (G_OBJECT (rel), copy_relationship), ==, 7);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&rel));
}

/* Problems */

static void
test_problem (void)
{
  g_autoptr (TwProblem) problem = NULL;
  g_autoptr (TwProblem) copy = NULL;
  g_autoptr (TwProblem) bare = NULL;
  GValue value = G_VALUE_INIT;

  problem = tw_problem_new (TW_PROBLEM_FK_COLUMN_COUNT, "order_line", "fk_order",
                            "Foreign key “%s” has %u columns but refers to %u", "fk_order", 2u, 1u);
  g_assert_cmpint (problem->code, ==, TW_PROBLEM_FK_COLUMN_COUNT);
  g_assert_cmpstr (problem->table, ==, "order_line");
  g_assert_cmpstr (problem->element, ==, "fk_order");
  g_assert_cmpstr (problem->message, ==, "Foreign key “fk_order” has 2 columns but refers to 1");

  copy = tw_problem_copy (problem);
  g_assert_true (copy != problem);
  g_assert_cmpint (copy->code, ==, problem->code);
  g_assert_cmpstr (copy->table, ==, problem->table);
  g_assert_true (copy->table != problem->table);
  g_assert_cmpstr (copy->element, ==, problem->element);
  g_assert_cmpstr (copy->message, ==, problem->message);
  g_assert_true (copy->message != problem->message);

  bare = tw_problem_new (TW_PROBLEM_EMPTY_NAME, NULL, NULL, "A table has no name");
  g_assert_null (bare->table);
  g_assert_null (bare->element);
  g_assert_cmpstr (bare->message, ==, "A table has no name");

  /* It is a boxed type: a GValue copies it and frees the copy. */
  g_assert_true (G_TYPE_IS_BOXED (TW_TYPE_PROBLEM));
  g_value_init (&value, TW_TYPE_PROBLEM);
  g_value_set_boxed (&value, bare);
  g_assert_true (g_value_get_boxed (&value) != (gpointer) bare);
  g_assert_cmpstr (((TwProblem *) g_value_get_boxed (&value))->message, ==, "A table has no name");
  g_value_unset (&value);

  tw_problem_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/constraints/foreign-key/basics", test_foreign_key_basics);
  g_test_add_func ("/core/constraints/foreign-key/notify", test_foreign_key_notify);
  g_test_add_func ("/core/constraints/foreign-key/copy", test_foreign_key_copy);
  g_test_add_func ("/core/constraints/unique", test_unique_constraint);
  g_test_add_func ("/core/constraints/check", test_check_constraint);
  g_test_add_func ("/core/constraints/index", test_index);
  g_test_add_func ("/core/constraints/relationship/defaults", test_relationship_defaults);
  g_test_add_func ("/core/constraints/relationship/notify-copy", test_relationship_notify_copy);
  g_test_add_func ("/core/constraints/problem", test_problem);

  return g_test_run ();
}
