/* test-column.c: tests for TwColumn
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-column"

#include "config.h"

#include <glib-object.h>

#include "tw-column.h"
#include "tw-enum-types.h"
#include "tw-table.h"

/* Counts what an object emits: every notify (and the last property named)
 * and every "changed". */
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

/* A value for @pspec that differs from @current. */
static void
make_other_value (GParamSpec   *pspec,
                  const GValue *current,
                  GValue       *other)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (other, type);

  if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (other, !g_value_get_boolean (current));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (other, g_value_get_uint (current) + 7);
  else if (type == G_TYPE_INT)
    g_value_set_int (other, g_value_get_int (current) + 3);
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

/* Sets every writable property to a new value with g_object_set_property:
 * exactly one notify (for that property) and one "changed"; the value reads
 * back; setting it again emits nothing. */
static void
check_every_property (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  Counter counter = { 0 };
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 0);
  counter_watch (&counter, object);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto (GValue) current = G_VALUE_INIT;
      g_auto (GValue) other = G_VALUE_INIT;
      g_auto (GValue) read_back = G_VALUE_INIT;

      if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
        continue;

      g_test_message ("property %s", pspec->name);
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
    }

  counter_unwatch (&counter, object);
}

static void
test_column_defaults (void)
{
  g_autoptr (TwColumn) column = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_cmpstr (tw_column_get_name (column), ==, "id");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_INTEGER);
  g_assert_cmpuint (tw_column_get_length (column), ==, 0);
  g_assert_cmpuint (tw_column_get_precision (column), ==, 0);
  g_assert_cmpint (tw_column_get_scale (column), ==, -1);
  g_assert_false (tw_column_get_timezone (column));
  g_assert_null (tw_column_get_enum_name (column));
  g_assert_nonnull (tw_column_get_enum_values (column));
  g_assert_null (tw_column_get_enum_values (column)[0]);
  g_assert_true (tw_column_get_nullable (column));
  g_assert_false (tw_column_get_primary_key (column));
  g_assert_cmpint (tw_column_get_autoincrement (column), ==, TW_AUTOINCREMENT_AUTO);
  g_assert_false (tw_column_get_unique (column));
  g_assert_false (tw_column_get_index (column));
  g_assert_cmpint (tw_column_get_default_kind (column), ==, TW_DEFAULT_KIND_NONE);
  g_assert_null (tw_column_get_default_value (column));
  g_assert_null (tw_column_get_comment (column));
  g_assert_null (tw_column_get_table (column));
  g_assert_true (tw_column_is_effectively_nullable (column));

  /* Every property but the name starts at its GParamSpec default. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (column), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, 16);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      g_auto (GValue) def = G_VALUE_INIT;

      if (g_str_equal (pspecs[i]->name, "name"))
        continue;

      g_test_message ("property %s", pspecs[i]->name);
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&def, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (G_OBJECT (column), pspecs[i]->name, &value);
      g_param_value_set_default (pspecs[i], &def);
      g_assert_true (values_equal (pspecs[i], &value, &def));
    }

  g_assert_finalize_object (g_steal_pointer (&column));
}

static void
test_column_properties (void)
{
  g_autoptr (TwColumn) column = tw_column_new ("price", TW_COLUMN_TYPE_NUMERIC);

  check_every_property (G_OBJECT (column));

  g_assert_finalize_object (g_steal_pointer (&column));
}

/* Each public setter: one notify of the right property and one "changed" for
 * a new value, nothing for the same value again. */
static void
test_column_setters (void)
{
  g_autoptr (TwColumn) column = tw_column_new ("a", TW_COLUMN_TYPE_STRING);
  const char * const values[] = { "x", "y", NULL };
  Counter counter = { 0 };

  counter_watch (&counter, column);

#define CHECK_SETTER(call, prop)                                        \
  G_STMT_START {                                                        \
    counter_reset (&counter);                                           \
    call;                                                               \
    g_assert_cmpuint (counter.n_notify, ==, 1);                         \
    g_assert_cmpstr (counter.last_notify, ==, prop);                    \
    g_assert_cmpuint (counter.n_changed, ==, 1);                        \
    counter_reset (&counter);                                           \
    call;                                                               \
    g_assert_cmpuint (counter.n_notify, ==, 0);                         \
    g_assert_cmpuint (counter.n_changed, ==, 0);                        \
  } G_STMT_END

  CHECK_SETTER (tw_column_set_name (column, "b"), "name");
  CHECK_SETTER (tw_column_set_column_type (column, TW_COLUMN_TYPE_ENUM), "column-type");
  CHECK_SETTER (tw_column_set_length (column, 50), "length");
  CHECK_SETTER (tw_column_set_precision (column, 10), "precision");
  CHECK_SETTER (tw_column_set_scale (column, 2), "scale");
  CHECK_SETTER (tw_column_set_timezone (column, TRUE), "timezone");
  CHECK_SETTER (tw_column_set_enum_name (column, "mood"), "enum-name");
  CHECK_SETTER (tw_column_set_enum_values (column, values), "enum-values");
  CHECK_SETTER (tw_column_set_nullable (column, FALSE), "nullable");
  CHECK_SETTER (tw_column_set_primary_key (column, TRUE), "primary-key");
  CHECK_SETTER (tw_column_set_autoincrement (column, TW_AUTOINCREMENT_NEVER), "autoincrement");
  CHECK_SETTER (tw_column_set_unique (column, TRUE), "unique");
  CHECK_SETTER (tw_column_set_index (column, TRUE), "index");
  CHECK_SETTER (tw_column_set_comment (column, "the price"), "comment");
  CHECK_SETTER (tw_column_set_comment (column, NULL), "comment");
  CHECK_SETTER (tw_column_set_enum_name (column, NULL), "enum-name");
  /* NULL and an empty vector are the same: no values. */
  CHECK_SETTER (tw_column_set_enum_values (column, NULL), "enum-values");

#undef CHECK_SETTER

  counter_reset (&counter);
  tw_column_set_enum_values (column, (const char * const[]) { NULL });
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_nonnull (tw_column_get_enum_values (column));

  g_assert_cmpstr (tw_column_get_name (column), ==, "b");
  g_assert_cmpint (tw_column_get_column_type (column), ==, TW_COLUMN_TYPE_ENUM);
  g_assert_cmpuint (tw_column_get_length (column), ==, 50);
  g_assert_cmpuint (tw_column_get_precision (column), ==, 10);
  g_assert_cmpint (tw_column_get_scale (column), ==, 2);
  g_assert_true (tw_column_get_timezone (column));
  g_assert_false (tw_column_get_nullable (column));
  g_assert_true (tw_column_get_primary_key (column));
  g_assert_cmpint (tw_column_get_autoincrement (column), ==, TW_AUTOINCREMENT_NEVER);
  g_assert_true (tw_column_get_unique (column));
  g_assert_true (tw_column_get_index (column));

  counter_unwatch (&counter, column);
  g_assert_finalize_object (g_steal_pointer (&column));
}

/* The setter copies the vector it is given. */
static void
test_column_enum_values_copied (void)
{
  g_autoptr (TwColumn) column = tw_column_new ("mood", TW_COLUMN_TYPE_ENUM);
  g_auto (GStrv) values = g_strsplit ("happy,sad", ",", -1);
  const char * const *stored;

  tw_column_set_enum_values (column, (const char * const *) values);
  stored = tw_column_get_enum_values (column);
  g_assert_true ((gpointer) stored != (gpointer) values);
  g_clear_pointer (&values, g_strfreev);
  g_assert_cmpuint (g_strv_length ((GStrv) stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, "happy");
  g_assert_cmpstr (stored[1], ==, "sad");

  g_assert_finalize_object (g_steal_pointer (&column));
}

static void
test_column_set_default (void)
{
  static const struct {
    TwDefaultKind  kind;
    const char    *value;
    guint          n_notify;
    const char    *notified; /* the one property notified, when n_notify is 1 */
  } steps[] = {
    { TW_DEFAULT_KIND_LITERAL, "x", 2, NULL },
    { TW_DEFAULT_KIND_LITERAL, "x", 0, NULL },
    { TW_DEFAULT_KIND_LITERAL, "y", 1, "default-value" },
    { TW_DEFAULT_KIND_EXPRESSION, "y", 1, "default-kind" },
    { TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP, 2, NULL },
    { TW_DEFAULT_KIND_NONE, NULL, 2, NULL },
    { TW_DEFAULT_KIND_NONE, NULL, 0, NULL },
  };
  g_autoptr (TwColumn) column = tw_column_new ("created", TW_COLUMN_TYPE_DATE_TIME);
  Counter counter = { 0 };

  counter_watch (&counter, column);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      counter_reset (&counter);
      tw_column_set_default (column, steps[i].kind, steps[i].value);
      g_assert_cmpint (tw_column_get_default_kind (column), ==, steps[i].kind);
      g_assert_cmpstr (tw_column_get_default_value (column), ==, steps[i].value);
      g_assert_cmpuint (counter.n_notify, ==, steps[i].n_notify);
      g_assert_cmpuint (counter.n_changed, ==, steps[i].n_notify > 0 ? 1 : 0);
      if (steps[i].notified != NULL)
        g_assert_cmpstr (counter.last_notify, ==, steps[i].notified);
    }

  /* g_object_set() of both at once is one change as well. */
  counter_reset (&counter);
  g_object_set (column,
                "default-kind", TW_DEFAULT_KIND_EXPRESSION,
                "default-value", "0",
                NULL);
  g_assert_cmpuint (counter.n_notify, ==, 2);
  g_assert_cmpuint (counter.n_changed, ==, 1);
  g_assert_cmpint (tw_column_get_default_kind (column), ==, TW_DEFAULT_KIND_EXPRESSION);
  g_assert_cmpstr (tw_column_get_default_value (column), ==, "0");

  counter_unwatch (&counter, column);
  g_assert_finalize_object (g_steal_pointer (&column));
}

/* Several properties in one g_object_set(): one notify each, one "changed". */
static void
test_column_batched_set (void)
{
  g_autoptr (TwColumn) column = tw_column_new ("name", TW_COLUMN_TYPE_STRING);
  Counter counter = { 0 };

  counter_watch (&counter, column);

  g_object_set (column,
                "length", 80,
                "nullable", FALSE,
                "comment", "display name",
                NULL);
  g_assert_cmpuint (counter.n_notify, ==, 3);
  g_assert_cmpuint (counter.n_changed, ==, 1);

  /* Unchanged values, batched: nothing at all. */
  counter_reset (&counter);
  g_object_set (column,
                "length", 80,
                "nullable", FALSE,
                NULL);
  g_assert_cmpuint (counter.n_notify, ==, 0);
  g_assert_cmpuint (counter.n_changed, ==, 0);

  /* A frozen object reports once on thaw. */
  counter_reset (&counter);
  g_object_freeze_notify (G_OBJECT (column));
  tw_column_set_length (column, 81);
  tw_column_set_unique (column, TRUE);
  g_assert_cmpuint (counter.n_changed, ==, 0);
  g_object_thaw_notify (G_OBJECT (column));
  g_assert_cmpuint (counter.n_notify, ==, 2);
  g_assert_cmpuint (counter.n_changed, ==, 1);

  counter_unwatch (&counter, column);
  g_assert_finalize_object (g_steal_pointer (&column));
}

typedef struct
{
  TwColumnType        type;
  guint               length;
  guint               precision;
  int                 scale;
  gboolean            timezone;
  const char         *enum_name;
  const char * const *enum_values;
  const char         *label;
} LabelCase;

static void
test_column_type_label (void)
{
  static const char * const mood[] = { "a", "b", NULL };
  static const char * const quoted[] = { "it's", "back\\slash", NULL };
  static const char * const one[] = { "only", NULL };
  static const LabelCase cases[] = {
    { TW_COLUMN_TYPE_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "Integer" },
    { TW_COLUMN_TYPE_INTEGER, 50, 10, 2, TRUE, NULL, NULL, "Integer" },
    { TW_COLUMN_TYPE_BIG_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "BigInteger" },
    { TW_COLUMN_TYPE_SMALL_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "SmallInteger" },
    { TW_COLUMN_TYPE_BOOLEAN, 0, 0, -1, FALSE, NULL, NULL, "Boolean" },
    { TW_COLUMN_TYPE_STRING, 50, 0, -1, FALSE, NULL, NULL, "String(50)" },
    { TW_COLUMN_TYPE_STRING, 0, 0, -1, FALSE, NULL, NULL, "String" },
    { TW_COLUMN_TYPE_TEXT, 0, 0, -1, FALSE, NULL, NULL, "Text" },
    { TW_COLUMN_TYPE_NUMERIC, 0, 10, 2, FALSE, NULL, NULL, "Numeric(10, 2)" },
    { TW_COLUMN_TYPE_NUMERIC, 0, 10, 0, FALSE, NULL, NULL, "Numeric(10, 0)" },
    { TW_COLUMN_TYPE_NUMERIC, 0, 10, -1, FALSE, NULL, NULL, "Numeric(10)" },
    { TW_COLUMN_TYPE_NUMERIC, 0, 0, 3, FALSE, NULL, NULL, "Numeric(scale=3)" },
    { TW_COLUMN_TYPE_NUMERIC, 0, 0, -1, FALSE, NULL, NULL, "Numeric" },
    { TW_COLUMN_TYPE_FLOAT, 0, 0, -1, FALSE, NULL, NULL, "Float" },
    { TW_COLUMN_TYPE_FLOAT, 0, 24, -1, FALSE, NULL, NULL, "Float(24)" },
    { TW_COLUMN_TYPE_DATE, 0, 0, -1, TRUE, NULL, NULL, "Date" },
    { TW_COLUMN_TYPE_DATE_TIME, 0, 0, -1, FALSE, NULL, NULL, "DateTime" },
    { TW_COLUMN_TYPE_DATE_TIME, 0, 0, -1, TRUE, NULL, NULL, "DateTime(timezone=True)" },
    { TW_COLUMN_TYPE_TIME, 0, 0, -1, FALSE, NULL, NULL, "Time" },
    { TW_COLUMN_TYPE_TIME, 0, 0, -1, TRUE, NULL, NULL, "Time(timezone=True)" },
    { TW_COLUMN_TYPE_LARGE_BINARY, 0, 0, -1, FALSE, NULL, NULL, "LargeBinary" },
    { TW_COLUMN_TYPE_LARGE_BINARY, 1024, 0, -1, FALSE, NULL, NULL, "LargeBinary(1024)" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "mood", mood, "Enum('a', 'b', name='mood')" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, NULL, mood, "Enum('a', 'b')" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "", one, "Enum('only')" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "e", quoted,
      "Enum('it\\'s', 'back\\\\slash', name='e')" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "mood", NULL, "Enum(name='mood')" },
    { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, NULL, NULL, "Enum" },
    { TW_COLUMN_TYPE_JSON, 0, 0, -1, FALSE, NULL, NULL, "JSON" },
    { TW_COLUMN_TYPE_UUID, 0, 0, -1, FALSE, NULL, NULL, "Uuid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LabelCase *c = &cases[i];
      g_autoptr (TwColumn) column = tw_column_new ("c", c->type);
      g_autofree char *label = NULL;

      tw_column_set_length (column, c->length);
      tw_column_set_precision (column, c->precision);
      tw_column_set_scale (column, c->scale);
      tw_column_set_timezone (column, c->timezone);
      tw_column_set_enum_name (column, c->enum_name);
      tw_column_set_enum_values (column, c->enum_values);

      label = tw_column_dup_type_label (column);
      g_test_message ("case %u: %s", i, c->label);
      g_assert_cmpstr (label, ==, c->label);

      g_assert_finalize_object (g_steal_pointer (&column));
    }
}

static void
test_column_effectively_nullable (void)
{
  static const struct {
    gboolean nullable;
    gboolean primary_key;
    gboolean expected;
  } cases[] = {
    { TRUE, FALSE, TRUE },
    { TRUE, TRUE, FALSE },
    { FALSE, FALSE, FALSE },
    { FALSE, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TwColumn) column = tw_column_new ("c", TW_COLUMN_TYPE_INTEGER);

      tw_column_set_nullable (column, cases[i].nullable);
      tw_column_set_primary_key (column, cases[i].primary_key);
      g_assert_cmpint (tw_column_is_effectively_nullable (column), ==, cases[i].expected);
      /* The stored flag is left as it was set. */
      g_assert_cmpint (tw_column_get_nullable (column), ==, cases[i].nullable);

      g_assert_finalize_object (g_steal_pointer (&column));
    }
}

static TwColumn *
make_full_column (void)
{
  static const char * const values[] = { "small", "large", NULL };
  TwColumn *column = tw_column_new ("size", TW_COLUMN_TYPE_ENUM);

  g_object_set (column,
                "length", 12,
                "precision", 8,
                "scale", 4,
                "timezone", TRUE,
                "enum-name", "size_kind",
                "enum-values", values,
                "nullable", FALSE,
                "primary-key", TRUE,
                "autoincrement", TW_AUTOINCREMENT_ALWAYS,
                "unique", TRUE,
                "index", TRUE,
                "default-kind", TW_DEFAULT_KIND_LITERAL,
                "default-value", "small",
                "comment", "how big",
                NULL);
  return column;
}

static void
test_column_copy_equal (void)
{
  g_autoptr (TwColumn) column = make_full_column ();
  g_autoptr (TwColumn) copy = NULL;
  g_autoptr (TwColumn) plain = tw_column_new ("size", TW_COLUMN_TYPE_ENUM);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  copy = tw_column_copy (column);
  g_assert_true (copy != column);
  g_assert_true (tw_column_equal (column, copy));
  g_assert_true (tw_column_equal (copy, column));
  g_assert_true (tw_column_equal (column, column));
  g_assert_false (tw_column_equal (column, plain));
  g_assert_null (tw_column_get_table (copy));

  /* Every property was copied, deeply. */
  g_assert_cmpstr (tw_column_get_name (copy), ==, "size");
  g_assert_cmpuint (tw_column_get_length (copy), ==, 12);
  g_assert_cmpuint (tw_column_get_precision (copy), ==, 8);
  g_assert_cmpint (tw_column_get_scale (copy), ==, 4);
  g_assert_true (tw_column_get_timezone (copy));
  g_assert_cmpstr (tw_column_get_enum_name (copy), ==, "size_kind");
  g_assert_true (tw_column_get_enum_values (copy) != tw_column_get_enum_values (column));
  g_assert_cmpstr (tw_column_get_enum_values (copy)[1], ==, "large");
  g_assert_false (tw_column_get_nullable (copy));
  g_assert_true (tw_column_get_primary_key (copy));
  g_assert_cmpint (tw_column_get_autoincrement (copy), ==, TW_AUTOINCREMENT_ALWAYS);
  g_assert_true (tw_column_get_unique (copy));
  g_assert_true (tw_column_get_index (copy));
  g_assert_cmpint (tw_column_get_default_kind (copy), ==, TW_DEFAULT_KIND_LITERAL);
  g_assert_cmpstr (tw_column_get_default_value (copy), ==, "small");
  g_assert_cmpstr (tw_column_get_comment (copy), ==, "how big");
  g_assert_true (tw_column_get_default_value (copy) != tw_column_get_default_value (column));

  /* A difference in any one property breaks equality, and undoing it
   * restores it. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (column), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) current = G_VALUE_INIT;
      g_auto (GValue) other = G_VALUE_INIT;

      g_test_message ("property %s", pspecs[i]->name);
      g_value_init (&current, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (G_OBJECT (copy), pspecs[i]->name, &current);
      make_other_value (pspecs[i], &current, &other);

      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &other);
      g_assert_false (tw_column_equal (column, copy));
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &current);
      g_assert_true (tw_column_equal (column, copy));
    }

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&plain));
  g_assert_finalize_object (g_steal_pointer (&column));
}

static void
table_changed_cb (TwTable *table,
                  guint   *n_changed)
{
  (*n_changed)++;
}

/* A column inside a table knows it, tells the table about its changes, and
 * a copy belongs to no table. */
static void
test_column_in_table (void)
{
  g_autoptr (TwTable) table = tw_table_new ("item");
  g_autoptr (TwColumn) column = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) copy = NULL;
  guint n_changed = 0;

  tw_table_add_column (table, column);
  g_assert_true (tw_column_get_table (column) == table);

  g_signal_connect (table, "changed", G_CALLBACK (table_changed_cb), &n_changed);
  tw_column_set_primary_key (column, TRUE);
  g_assert_cmpuint (n_changed, >=, 1);

  n_changed = 0;
  tw_column_set_primary_key (column, TRUE);
  g_assert_cmpuint (n_changed, ==, 0);

  copy = tw_column_copy (column);
  g_assert_null (tw_column_get_table (copy));
  g_assert_true (tw_column_equal (column, copy));

  tw_table_remove_column (table, column);
  g_assert_null (tw_column_get_table (column));
  n_changed = 0;
  tw_column_set_comment (column, "detached");
  g_assert_cmpuint (n_changed, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&table));
  g_assert_finalize_object (g_steal_pointer (&column));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/column/defaults", test_column_defaults);
  g_test_add_func ("/core/column/properties", test_column_properties);
  g_test_add_func ("/core/column/setters", test_column_setters);
  g_test_add_func ("/core/column/enum-values-copied", test_column_enum_values_copied);
  g_test_add_func ("/core/column/set-default", test_column_set_default);
  g_test_add_func ("/core/column/batched-set", test_column_batched_set);
  g_test_add_func ("/core/column/type-label", test_column_type_label);
  g_test_add_func ("/core/column/effectively-nullable", test_column_effectively_nullable);
  g_test_add_func ("/core/column/copy-equal", test_column_copy_equal);
  g_test_add_func ("/core/column/in-table", test_column_in_table);

  return g_test_run ();
}
