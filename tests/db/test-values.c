/* test-values.c: TwValue itself, and every kind of value through each
 * server and back
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-values"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tw-connection.h"
#include "tw-test-db.h"

/* The value API, without a server */

static void
test_value_basics (void)
{
  g_autoptr(TwValue) null = tw_value_new_null ();
  g_autoptr(TwValue) empty = tw_value_new_text ("");
  g_autoptr(TwValue) text = tw_value_new_text ("héllo");
  g_autoptr(TwValue) text_copy = NULL;
  g_autoptr(TwValue) cut = tw_value_new_text_len ("héllo world", 6);
  g_autoptr(TwValue) yes = tw_value_new_boolean (42);
  g_autoptr(TwValue) zero = tw_value_new_double (0.0);
  g_autoptr(TwValue) minus_zero = tw_value_new_double (-0.0);
  g_autoptr(TwValue) nan1 = tw_value_new_double (NAN);
  g_autoptr(TwValue) nan2 = tw_value_new_double (NAN);
  g_autoptr(TwValue) uuid = tw_value_new_uuid ("123E4567-E89B-12D3-A456-426614174000");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\0\1\2", 3);
  g_autoptr(TwValue) blob = tw_value_new_blob (bytes);
  g_autoptr(TwValue) numeric = tw_value_new_numeric ("1.0");
  g_autoptr(TwValue) numeric2 = tw_value_new_numeric ("1.00");

  g_assert_true (tw_value_is_null (null));
  g_assert_false (tw_value_is_null (empty));
  g_assert_false (tw_value_equal (null, empty));
  g_assert_cmpstr (tw_value_get_text (empty), ==, "");

  text_copy = tw_value_copy (text);
  g_assert_true (tw_value_equal (text, text_copy));
  g_assert_cmpuint (tw_value_hash (text), ==, tw_value_hash (text_copy));
  g_assert_cmpstr (tw_value_get_text (cut), ==, "héllo");
  g_assert_true (tw_value_equal (text, cut));

  g_assert_true (tw_value_get_boolean (yes));
  g_assert_false (tw_value_equal (zero, minus_zero));
  g_assert_true (tw_value_equal (nan1, nan2));
  g_assert_cmpuint (tw_value_hash (nan1), ==, tw_value_hash (nan2));
  g_assert_cmpstr (tw_value_get_text (uuid), ==, "123e4567-e89b-12d3-a456-426614174000");
  g_assert_true (g_bytes_equal (tw_value_get_blob (blob), bytes));
  g_assert_false (tw_value_equal (numeric, numeric2));
  g_assert_false (tw_value_equal (text, blob));

  g_assert_cmpstr (tw_value_kind_to_string (TW_VALUE_KIND_DATETIME), ==, "datetime");
  {
    TwValueKind kind;

    g_assert_true (tw_value_kind_from_string ("UUID", &kind));
    g_assert_cmpint (kind, ==, TW_VALUE_KIND_UUID);
    g_assert_false (tw_value_kind_from_string ("varchar", &kind));
  }
}

static void
test_value_format_double (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 0.0, "0" },
    { -0.0, "-0" },
    { 0.1, "0.1" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 1e308, "1e+308" },
    { -2.5e-300, "-2.5e-300" },
    { 123456789.125, "123456789.125" },
    { 5e-324, "5e-324" },
    { INFINITY, "Infinity" },
    { -INFINITY, "-Infinity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tw_value_format_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
      /* The text reads back as exactly the same double. */
      g_assert_true (g_ascii_strtod (text, NULL) == cases[i].value);
      g_assert_cmpint (!!signbit (g_ascii_strtod (text, NULL)), ==, !!signbit (cases[i].value));
    }

  {
    g_autofree char *text = tw_value_format_double (NAN);
    g_assert_cmpstr (text, ==, "NaN");
  }
}

static void
test_value_from_string (void)
{
  static const struct
  {
    TwValueKind  kind;
    const char  *text;
    const char  *canonical;  /* NULL: an error */
  } cases[] = {
    { TW_VALUE_KIND_BOOLEAN, "true", "true" },
    { TW_VALUE_KIND_BOOLEAN, " F ", "false" },
    { TW_VALUE_KIND_BOOLEAN, "1", "true" },
    { TW_VALUE_KIND_BOOLEAN, "maybe", NULL },
    { TW_VALUE_KIND_INT64, "-9223372036854775808", "-9223372036854775808" },
    { TW_VALUE_KIND_INT64, "9223372036854775807", "9223372036854775807" },
    { TW_VALUE_KIND_INT64, "9223372036854775808", NULL },
    { TW_VALUE_KIND_INT64, "12abc", NULL },
    { TW_VALUE_KIND_INT64, "", NULL },
    { TW_VALUE_KIND_DOUBLE, "0.1", "0.1" },
    { TW_VALUE_KIND_DOUBLE, "-0", "-0" },
    { TW_VALUE_KIND_DOUBLE, "1e308", "1e+308" },
    { TW_VALUE_KIND_DOUBLE, "Infinity", "Infinity" },
    { TW_VALUE_KIND_DOUBLE, "1,5", NULL },
    { TW_VALUE_KIND_NUMERIC, "-12345678901234567890.123456789", "-12345678901234567890.123456789" },
    { TW_VALUE_KIND_NUMERIC, ".5", ".5" },
    { TW_VALUE_KIND_NUMERIC, "1e-3", "1e-3" },
    { TW_VALUE_KIND_NUMERIC, "1.2.3", NULL },
    { TW_VALUE_KIND_NUMERIC, "abc", NULL },
    { TW_VALUE_KIND_TEXT, "  as is  ", "  as is  " },
    { TW_VALUE_KIND_BLOB, "0x00ff10", "0x00ff10" },
    { TW_VALUE_KIND_BLOB, "\\xABCD", "0xabcd" },
    { TW_VALUE_KIND_BLOB, "", "0x" },
    { TW_VALUE_KIND_BLOB, "0x123", NULL },
    { TW_VALUE_KIND_BLOB, "zz", NULL },
    { TW_VALUE_KIND_DATE, "2024-02-29", "2024-02-29" },
    { TW_VALUE_KIND_DATE, "2023-02-29", NULL },
    { TW_VALUE_KIND_DATE, "2024-13-01", NULL },
    { TW_VALUE_KIND_DATE, "24-01-01", NULL },
    { TW_VALUE_KIND_TIME, "23:59:59.123456", "23:59:59.123456" },
    { TW_VALUE_KIND_TIME, "08:30", "08:30:00" },
    { TW_VALUE_KIND_TIME, "12:00:00.5+02", "12:00:00.500000+02:00" },
    { TW_VALUE_KIND_TIME, "12:00:00Z", "12:00:00+00:00" },
    { TW_VALUE_KIND_TIME, "-838:59:59", "-838:59:59" },
    { TW_VALUE_KIND_TIME, "12:60:00", NULL },
    { TW_VALUE_KIND_TIME, "12:00:00.1234567", NULL },
    { TW_VALUE_KIND_DATETIME, "2024-02-29T23:59:59.000001-05:30", "2024-02-29 23:59:59.000001-05:30" },
    { TW_VALUE_KIND_DATETIME, "1970-01-01 00:00:00.000000", "1970-01-01 00:00:00" },
    { TW_VALUE_KIND_DATETIME, "2024-02-29 24:00:00", NULL },
    { TW_VALUE_KIND_DATETIME, "2024-02-29", NULL },
    { TW_VALUE_KIND_JSON, "{\"a\": [1, 2, null]}", "{\"a\": [1, 2, null]}" },
    { TW_VALUE_KIND_JSON, "{\"a\": ", NULL },
    { TW_VALUE_KIND_JSON, "", NULL },
    { TW_VALUE_KIND_UUID, "{123E4567-E89B-12D3-A456-426614174000}", "123e4567-e89b-12d3-a456-426614174000" },
    { TW_VALUE_KIND_UUID, "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-426614174000" },
    { TW_VALUE_KIND_UUID, "123e4567-e89b-12d3-a456-42661417400", NULL },
    { TW_VALUE_KIND_UUID, "123e45-67e89b-12d3-a456-426614174000", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TwValue) value = NULL;
      g_autofree char *text = NULL;
      g_autoptr(TwValue) again = NULL;

      value = tw_value_new_from_string (cases[i].kind, cases[i].text, &error);
      if (cases[i].canonical == NULL)
        {
          g_assert_error (error, TW_DB_ERROR, TW_DB_ERROR_DATA);
          g_assert_null (value);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpint (tw_value_get_kind (value), ==, cases[i].kind);
      text = tw_value_to_string (value);
      g_assert_cmpstr (text, ==, cases[i].canonical);

      /* The canonical text parses back to an equal value. */
      again = tw_value_new_from_string (cases[i].kind, text, &error);
      g_assert_no_error (error);
      g_assert_true (tw_value_equal (value, again));
    }
}

static void
test_value_parts (void)
{
  g_autoptr(TwValue) datetime = tw_value_new_datetime ("2024-02-29 23:59:59.000042-05:30");
  g_autoptr(TwValue) infinity = tw_value_new_date ("infinity");
  g_autoptr(TwValue) rebuilt = NULL;
  TwDateTimeParts parts;

  g_assert_true (tw_value_get_parts (datetime, &parts));
  g_assert_cmpint (parts.year, ==, 2024);
  g_assert_cmpint (parts.month, ==, 2);
  g_assert_cmpint (parts.day, ==, 29);
  g_assert_cmpint (parts.hour, ==, 23);
  g_assert_cmpint (parts.second, ==, 59);
  g_assert_cmpint (parts.microsecond, ==, 42);
  g_assert_true (parts.has_offset);
  g_assert_cmpint (parts.offset_seconds, ==, -(5 * 3600 + 30 * 60));

  rebuilt = tw_value_new_from_parts (TW_VALUE_KIND_DATETIME, &parts);
  g_assert_true (tw_value_equal (rebuilt, datetime));

  g_assert_false (tw_value_get_parts (infinity, &parts));
}

static void
test_value_display (void)
{
  static const guint8 data[20] = { 0x00, 0x01, 0xfe, 0xff };
  g_autoptr(GBytes) short_bytes = g_bytes_new_static (data, 4);
  g_autoptr(GBytes) long_bytes = g_bytes_new_static (data, 20);
  struct
  {
    TwValue    *value;
    const char *display;
  } cases[] = {
    { tw_value_new_null (), "NULL" },
    { tw_value_new_text (""), "" },
    { tw_value_new_boolean (FALSE), "false" },
    { tw_value_new_int64 (G_MININT64), "-9223372036854775808" },
    { tw_value_new_double (1.0 / 3.0), "0.3333333333333333" },
    { tw_value_new_blob (short_bytes), "0x0001feff" },
    { tw_value_new_blob (long_bytes), "0x0001feff000000000000000000000000… (20 bytes)" },
    { tw_value_new_datetime ("2024-01-02 03:04:05"), "2024-01-02 03:04:05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = tw_value_to_display_string (cases[i].value);

      g_assert_cmpstr (display, ==, cases[i].display);
      tw_value_free (cases[i].value);
    }
}

/* Through a server and back */

enum { SQLITE, POSTGRESQL, MYSQL };

/* SKIP as a column type leaves the dialect out; SAME as the expected text
 * expects the input back. */
#define SKIP NULL
#define SAME NULL

typedef struct
{
  const char  *name;
  TwValueKind  kind;
  const char  *text;            /* NULL: a NULL value */
  const char  *types[3];        /* the column's type in each dialect */
  const char  *expected[3];     /* the text read back, if not the input */
  TwValueKind  read_kind[3];    /* the kind read back, if not @kind (NULL kind: same) */
  TwValueKind  column_kind;     /* the column's kind, if not that of its values */
} RoundTrip;

static const RoundTrip round_trips[] = {
  { "null in text", TW_VALUE_KIND_NULL, NULL, { "TEXT", "text", "TEXT" } },
  { "empty text", TW_VALUE_KIND_TEXT, "", { "TEXT", "text", "TEXT" } },
  { "unicode", TW_VALUE_KIND_TEXT,
    "héllo wörld — 日本語 Ελληνικά עברית 🎉 👩‍👩‍👧 \t\n\r \"'\\` %_ \u00a0\u200b\ufeff\U0010fffd",
    { "TEXT", "text", "LONGTEXT" } },
  { "false", TW_VALUE_KIND_BOOLEAN, "false", { "BOOLEAN", "boolean", "BOOLEAN" } },
  { "true", TW_VALUE_KIND_BOOLEAN, "true", { "BOOLEAN", "boolean", "BOOLEAN" } },
  { "int64 min", TW_VALUE_KIND_INT64, "-9223372036854775808", { "BIGINT", "bigint", "BIGINT" } },
  { "int64 max", TW_VALUE_KIND_INT64, "9223372036854775807", { "BIGINT", "bigint", "BIGINT" } },
  /* Beyond gint64, an unsigned BIGINT reads as an exact decimal. */
  { "unsigned max", TW_VALUE_KIND_NUMERIC, "18446744073709551615", { SKIP, SKIP, "BIGINT UNSIGNED" },
    { SKIP }, { 0 }, TW_VALUE_KIND_INT64 },
  { "small int", TW_VALUE_KIND_INT64, "-32768", { "SMALLINT", "smallint", "SMALLINT" } },
  { "double max", TW_VALUE_KIND_DOUBLE, "1e308", { "DOUBLE", "double precision", "DOUBLE" } },
  { "double tiny", TW_VALUE_KIND_DOUBLE, "-2.2250738585072014e-308", { "DOUBLE", "double precision", "DOUBLE" } },
  /* Only PostgreSQL keeps the sign of zero: SQLite writes a REAL with no
   * fraction as an integer, and MariaDB stores -0 as 0. */
  { "minus zero", TW_VALUE_KIND_DOUBLE, "-0", { "DOUBLE", "double precision", "DOUBLE" },
    { "0", SAME, "0" } },
  { "a third", TW_VALUE_KIND_DOUBLE, "0.3333333333333333", { "DOUBLE", "double precision", "DOUBLE" } },
  { "float", TW_VALUE_KIND_DOUBLE, "0.1", { "FLOAT", "real", "FLOAT" } },
  { "numeric 30 digits", TW_VALUE_KIND_NUMERIC, "-12345678901234567890.1234567890",
    { SKIP, "numeric(30, 10)", "DECIMAL(30, 10)" } },
  /* SQLite keeps a NUMERIC as a REAL where that loses nothing of 15 digits. */
  { "numeric", TW_VALUE_KIND_NUMERIC, "12345.6789", { "NUMERIC(10, 4)", "numeric(10, 4)", "DECIMAL(10, 4)" } },
  { "date", TW_VALUE_KIND_DATE, "2024-02-29", { "DATE", "date", "DATE" } },
  { "old date", TW_VALUE_KIND_DATE, "1000-01-01", { "DATE", "date", "DATE" } },
  { "time", TW_VALUE_KIND_TIME, "23:59:59.123456", { "TIME", "time", "TIME(6)" } },
  { "midnight", TW_VALUE_KIND_TIME, "00:00:00", { "TIME", "time", "TIME(6)" } },
  { "long time", TW_VALUE_KIND_TIME, "-838:59:59.000001", { SKIP, SKIP, "TIME(6)" } },
  { "time with offset", TW_VALUE_KIND_TIME, "12:34:56.5+05:30", { "TIME", "time with time zone", SKIP },
    { "12:34:56.500000+05:30", "12:34:56.500000+05:30", SKIP } },
  { "datetime", TW_VALUE_KIND_DATETIME, "2024-02-29 23:59:59.123456",
    { "DATETIME", "timestamp", "DATETIME(6)" } },
  { "epoch", TW_VALUE_KIND_DATETIME, "1970-01-01 00:00:00", { "DATETIME", "timestamp", "DATETIME(6)" } },
  /* With an offset: PostgreSQL and MySQL keep the instant, in UTC. */
  { "datetime with offset", TW_VALUE_KIND_DATETIME, "2024-02-29 23:59:59.000001+02:00",
    { "DATETIME", "timestamp with time zone", "TIMESTAMP(6)" },
    { SAME, "2024-02-29 21:59:59.000001+00:00", "2024-02-29 21:59:59.000001" } },
  { "json", TW_VALUE_KIND_JSON, "{\"a\": [1, 2.5, null, \"x\"], \"b\": {}}", { "JSON", "json", "JSON" } },
  { "jsonb", TW_VALUE_KIND_JSON, "{\"b\":1,  \"a\" : [true]}", { SKIP, "jsonb", SKIP },
    { SKIP, "{\"a\": [true], \"b\": 1}", SKIP } },
  { "uuid", TW_VALUE_KIND_UUID, "123e4567-e89b-12d3-a456-426614174000", { "UUID", "uuid", "UUID" } },
  { "blob", TW_VALUE_KIND_BLOB, "0x00017f80feff", { "BLOB", "bytea", "BLOB" } },
  { "empty blob", TW_VALUE_KIND_BLOB, "0x", { "BLOB", "bytea", "BLOB" } },
  { "null blob", TW_VALUE_KIND_NULL, NULL, { "BLOB", "bytea", "BLOB" } },
};

static TwValue *
make_value (TwValueKind  kind,
            const char  *text)
{
  g_autoptr(GError) error = NULL;
  TwValue *value;

  if (text == NULL)
    return tw_value_new_null ();

  value = tw_value_new_from_string (kind, text, &error);
  g_assert_no_error (error);
  return value;
}

static void
check_value (const RoundTrip *rt,
             int              dialect,
             const TwValue   *got,
             const char      *how)
{
  const char *expected_text = rt->expected[dialect] != NULL ? rt->expected[dialect] : rt->text;
  TwValueKind expected_kind = rt->read_kind[dialect] != TW_VALUE_KIND_NULL ? rt->read_kind[dialect] : rt->kind;
  g_autoptr(TwValue) expected = make_value (expected_kind, expected_text);

  if (!tw_value_equal (got, expected))
    {
      g_autofree char *got_text = tw_value_to_string (got);

      g_error ("%s (%s): expected %s “%s”, got %s “%s”", rt->name, how,
               tw_value_kind_to_string (tw_value_get_kind (expected)), expected_text,
               tw_value_kind_to_string (tw_value_get_kind (got)), got_text);
    }
}

static void
test_round_trip (TwTestDbFixture *fixture,
                 gconstpointer    user_data)
{
  TwConnection *connection = fixture->connection;
  int dialect = fixture->kind;

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      const RoundTrip *rt = &round_trips[i];
      g_autofree char *create = NULL;
      g_autofree char *insert_sql = NULL;
      g_autoptr(TwStatement) insert = NULL;
      g_autoptr(TwStatement) select = NULL;
      g_autoptr(TwResult) result = NULL;
      g_autoptr(TwValue) value = NULL;
      g_autoptr(GError) error = NULL;
      TwValueKind column_kind;

      if (rt->types[dialect] == NULL)
        continue;

      g_test_message ("%s in %s", rt->name, rt->types[dialect]);
      create = g_strdup_printf ("CREATE TABLE rt (id INTEGER PRIMARY KEY, v %s)", rt->types[dialect]);
      tw_test_db_run_sql (connection, create, NULL);
      value = make_value (rt->kind, rt->text);

      /* Bound to a plain statement... */
      tw_test_db_run_sql (connection, "INSERT INTO rt (id, v) VALUES (1, ?)", tw_value_copy (value), NULL);
      /* ...and to a prepared one. */
      insert_sql = tw_test_db_sql (fixture->kind, "INSERT INTO rt (id, v) VALUES (?, ?)");
      insert = tw_connection_prepare (connection, insert_sql, NULL, &error);
      g_assert_no_error (error);
      {
        g_autoptr(TwValue) id = tw_value_new_int64 (2);
        TwValue *params[] = { id, value };

        result = tw_statement_execute (insert, params, 2, NULL, &error);
        g_assert_no_error (error);
        g_clear_pointer (&result, tw_result_unref);
      }

      result = tw_test_db_exec (connection, "SELECT v FROM rt ORDER BY id", NULL);
      g_assert_cmpuint (tw_result_get_n_rows (result), ==, 2);
      check_value (rt, dialect, tw_result_get_value (result, 0, 0), "execute");
      check_value (rt, dialect, tw_result_get_value (result, 1, 0), "prepared");
      column_kind = tw_result_get_column_kind (result, 0);
      if (rt->column_kind != TW_VALUE_KIND_NULL)
        g_assert_cmpint (column_kind, ==, rt->column_kind);
      else if (rt->kind != TW_VALUE_KIND_NULL)
        g_assert_cmpint (column_kind, ==, rt->read_kind[dialect] != TW_VALUE_KIND_NULL
                                          ? rt->read_kind[dialect] : rt->kind);
      g_clear_pointer (&result, tw_result_unref);

      /* Read through a prepared statement too (MySQL's binary protocol). */
      select = tw_connection_prepare (connection, "SELECT v FROM rt ORDER BY id", NULL, &error);
      g_assert_no_error (error);
      result = tw_statement_execute (select, NULL, 0, NULL, &error);
      g_assert_no_error (error);
      check_value (rt, dialect, tw_result_get_value (result, 1, 0), "prepared select");
      g_clear_pointer (&result, tw_result_unref);

      g_clear_object (&insert);
      g_clear_object (&select);
      tw_test_db_run_sql (connection, "DROP TABLE rt", NULL);
    }
}

/* PostgreSQL types parameters by their kind, so they come back typed. */
static void
test_echo (TwTestDbFixture *fixture,
           gconstpointer    user_data)
{
  static const struct
  {
    TwValueKind  kind;
    const char  *text;
  } cases[] = {
    { TW_VALUE_KIND_BOOLEAN, "true" },
    { TW_VALUE_KIND_INT64, "-9223372036854775808" },
    { TW_VALUE_KIND_DOUBLE, "-0" },
    { TW_VALUE_KIND_DOUBLE, "Infinity" },
    { TW_VALUE_KIND_NUMERIC, "3.14159265358979323846264338327950288" },
    { TW_VALUE_KIND_DATE, "2000-01-01" },
    { TW_VALUE_KIND_TIME, "01:02:03.000004" },
    { TW_VALUE_KIND_TIME, "01:02:03-08:00" },
    { TW_VALUE_KIND_DATETIME, "2000-01-01 00:00:00.5" },
    { TW_VALUE_KIND_BLOB, "0xdeadbeef" },
    { TW_VALUE_KIND_TEXT, "plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TwValue) value = make_value (cases[i].kind, cases[i].text);
      g_autoptr(TwValue) echo = tw_test_db_query_value (fixture->connection, "SELECT ?",
                                                        tw_value_copy (value), NULL);

      g_assert_true (tw_value_equal (value, echo));
    }
}

static void
test_big_values (TwTestDbFixture *fixture,
                 gconstpointer    user_data)
{
  static const char * const types[][3] = {
    { "BLOB", "bytea", "LONGBLOB" },
    { "TEXT", "text", "LONGTEXT" },
  };
  TwConnection *connection = fixture->connection;
  const gsize size = 1024 * 1024;
  guint8 *data = g_malloc (size);
  GString *text = g_string_sized_new (size + 8);
  g_autoptr(TwValue) blob = NULL;
  g_autoptr(TwValue) long_text = NULL;
  TwValue *values[2];

  /* Every byte value, many times over. */
  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i % 256);
  blob = tw_value_new_blob_take (data, size);
  while (text->len < size)
    g_string_append (text, "ß✓🎉 tablewright ");
  long_text = tw_value_new_text (text->str);
  g_string_free (text, TRUE);
  values[0] = blob;
  values[1] = long_text;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *create = NULL;
      g_autoptr(TwResult) result = NULL;

      create = g_strdup_printf ("CREATE TABLE big (id INTEGER PRIMARY KEY, v %s)", types[i][fixture->kind]);
      tw_test_db_run_sql (connection, create, NULL);
      tw_test_db_run_sql (connection, "INSERT INTO big (id, v) VALUES (1, ?)", tw_value_copy (values[i]), NULL);
      result = tw_test_db_exec (connection, "SELECT v FROM big", NULL);
      g_assert_true (tw_value_equal (tw_result_get_value (result, 0, 0), values[i]));
      tw_test_db_run_sql (connection, "DROP TABLE big", NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  tw_test_db_init (&argc, &argv);

  g_test_add_func ("/db/values/basics", test_value_basics);
  g_test_add_func ("/db/values/format-double", test_value_format_double);
  g_test_add_func ("/db/values/from-string", test_value_from_string);
  g_test_add_func ("/db/values/parts", test_value_parts);
  g_test_add_func ("/db/values/display", test_value_display);
  tw_test_db_add ("/db/values/round-trip", NULL, test_round_trip);
  tw_test_db_add ("/db/values/big", NULL, test_big_values);
  tw_test_db_add_dialect ("/db/values/echo", TW_DIALECT_KIND_POSTGRESQL, NULL, test_echo);

  return tw_test_db_run ();
}
