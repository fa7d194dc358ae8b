/* test-quoting.c: tests of identifier quoting, reserved words and string literals per dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-quoting"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "tw-dialect.h"

typedef struct
{
  const char *name;
  const char *sqlite;
  const char *postgresql;
  const char *mysql;
} QuoteCase;

static const QuoteCase quote_cases[] = {
  /* Plain names stay bare. */
  { "users", "users", "users", "users" },
  { "user_id", "user_id", "user_id", "user_id" },
  { "_private", "_private", "_private", "_private" },
  { "x1", "x1", "x1", "x1" },
  { "a$b", "a$b", "a$b", "a$b" },
  /* Reserved in one dialect only. */
  { "user", "user", "\"user\"", "user" },
  { "key", "\"key\"", "key", "`key`" },
  { "index", "\"index\"", "index", "`index`" },
  { "action", "\"action\"", "action", "action" },
  { "analyse", "analyse", "\"analyse\"", "analyse" },
  { "verbose", "verbose", "\"verbose\"", "verbose" },
  { "database", "\"database\"", "database", "`database`" },
  { "offset", "\"offset\"", "\"offset\"", "`offset`" },
  { "window", "\"window\"", "\"window\"", "`window`" },
  { "returning", "\"returning\"", "\"returning\"", "`returning`" },
  { "int", "int", "int", "`int`" },
  /* Found by trying every keyword of MariaDB 10.11 as a bare name. */
  { "value", "value", "value", "`value`" },
  { "sql_cache", "sql_cache", "sql_cache", "`sql_cache`" },
  /* Reserved everywhere. */
  { "order", "\"order\"", "\"order\"", "`order`" },
  { "select", "\"select\"", "\"select\"", "`select`" },
  { "from", "\"from\"", "\"from\"", "`from`" },
  { "group", "\"group\"", "\"group\"", "`group`" },
  { "left", "\"left\"", "\"left\"", "`left`" },
  { "current_timestamp", "\"current_timestamp\"", "\"current_timestamp\"", "`current_timestamp`" },
  /* The first and last entries of each sorted list. */
  { "abort", "\"abort\"", "abort", "abort" },
  { "without", "\"without\"", "without", "without" },
  { "all", "\"all\"", "\"all\"", "`all`" },
  { "with", "\"with\"", "\"with\"", "`with`" },
  { "accessible", "accessible", "accessible", "`accessible`" },
  { "zerofill", "zerofill", "zerofill", "`zerofill`" },
  { "master_ssl_verify_server_cert", "master_ssl_verify_server_cert", "master_ssl_verify_server_cert",
    "`master_ssl_verify_server_cert`" },
  /* Letter case, characters and emptiness. */
  { "Group", "\"Group\"", "\"Group\"", "`Group`" },
  { "Key", "\"Key\"", "\"Key\"", "`Key`" },
  { "ALL", "\"ALL\"", "\"ALL\"", "`ALL`" },
  { "userS", "\"userS\"", "\"userS\"", "`userS`" },
  { "has space", "\"has space\"", "\"has space\"", "`has space`" },
  { "quo\"te", "\"quo\"\"te\"", "\"quo\"\"te\"", "`quo\"te`" },
  { "back`tick", "\"back`tick\"", "\"back`tick\"", "`back``tick`" },
  { "\"\"", "\"\"\"\"\"\"", "\"\"\"\"\"\"", "`\"\"`" },
  { "``", "\"``\"", "\"``\"", "``````" },
  { "it's", "\"it's\"", "\"it's\"", "`it's`" },
  { "1x", "\"1x\"", "\"1x\"", "`1x`" },
  { "42", "\"42\"", "\"42\"", "`42`" },
  { "$x", "\"$x\"", "\"$x\"", "`$x`" },
  { "a-b", "\"a-b\"", "\"a-b\"", "`a-b`" },
  { "a.b", "\"a.b\"", "\"a.b\"", "`a.b`" },
  { "caf\xc3\xa9", "\"caf\xc3\xa9\"", "\"caf\xc3\xa9\"", "`caf\xc3\xa9`" },
  { "", "\"\"", "\"\"", "``" },
};

static void
test_quoting_identifiers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (quote_cases); i++)
    {
      const QuoteCase *c = &quote_cases[i];
      const char      *expected[] = { c->sqlite, c->postgresql, c->mysql };

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          TwDialect       *dialect = tw_dialect_get (kind);
          g_autofree char *quoted = tw_dialect_quote_identifier (dialect, c->name);
          g_autoptr (GString) appended = g_string_new ("x.");

          g_test_message ("“%s” on %s", c->name, tw_dialect_kind_to_string (kind));
          g_assert_cmpstr (quoted, ==, expected[kind]);
          g_assert_cmpint (tw_dialect_needs_quoting (dialect, c->name), ==,
                           strcmp (quoted, c->name) != 0);

          tw_dialect_append_identifier (dialect, appended, c->name);
          g_assert_cmpstr (appended->str + 2, ==, expected[kind]);
        }
    }
}

/* SQLite itself reads every quoted name back as the name. */
static void
test_quoting_sqlite_round_trip (void)
{
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  sqlite3   *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (quote_cases); i++)
    {
      const char      *name = quote_cases[i].name;
      g_autofree char *quoted = tw_dialect_quote_identifier (dialect, name);
      g_autofree char *create = g_strdup_printf ("CREATE TABLE %s (%s INTEGER)", quoted, quoted);
      g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", quoted);
      sqlite3_stmt    *stmt = NULL;

      g_test_message ("“%s”", name);
      g_assert_cmpint (sqlite3_exec (db, create, NULL, NULL, NULL), ==, SQLITE_OK);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, name);
      sqlite3_finalize (stmt);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info(?)", -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, name);
      sqlite3_finalize (stmt);

      g_assert_cmpint (sqlite3_exec (db, drop, NULL, NULL, NULL), ==, SQLITE_OK);
    }

  sqlite3_close (db);
}

static void
test_quoting_reserved (void)
{
  static const struct
  {
    const char *word;
    gboolean    sqlite;
    gboolean    postgresql;
    gboolean    mysql;
  } cases[] = {
    { "select", TRUE, TRUE, TRUE },
    { "SELECT", TRUE, TRUE, TRUE },
    { "Select", TRUE, TRUE, TRUE },
    { "USER", FALSE, TRUE, FALSE },
    { "Key", TRUE, FALSE, TRUE },
    { "users", FALSE, FALSE, FALSE },
    { "selects", FALSE, FALSE, FALSE },
    { "selec", FALSE, FALSE, FALSE },
    { "", FALSE, FALSE, FALSE },
    { "a_name_much_longer_than_any_reserved_word_of_any_dialect", FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean expected[] = { cases[i].sqlite, cases[i].postgresql, cases[i].mysql };

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          g_test_message ("“%s” on %s", cases[i].word, tw_dialect_kind_to_string (kind));
          g_assert_cmpint (tw_dialect_is_reserved (tw_dialect_get (kind), cases[i].word), ==,
                           expected[kind]);
        }
    }
}

/* Each list is sorted, in lower case, and every word in it is quoted. */
static void
test_quoting_reserved_lists (void)
{
  static const gsize sizes[] = { 147, 100, 258 };

  for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      TwDialect      *dialect = tw_dialect_get (kind);
      TwDialectClass *klass = TW_DIALECT_GET_CLASS (dialect);

      g_assert_cmpuint (klass->n_reserved_words, ==, sizes[kind]);
      for (gsize i = 0; i < klass->n_reserved_words; i++)
        {
          const char      *word = klass->reserved_words[i];
          g_autofree char *upper = g_ascii_strup (word, -1);
          g_autofree char *quoted = tw_dialect_quote_identifier (dialect, word);
          g_autofree char *expected = g_strdup_printf ("%c%s%c", klass->quote_char, word,
                                                       klass->quote_char);

          if (i > 0)
            g_assert_cmpint (strcmp (klass->reserved_words[i - 1], word), <, 0);
          for (const char *p = word; *p != '\0'; p++)
            g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');

          g_assert_true (tw_dialect_is_reserved (dialect, word));
          g_assert_true (tw_dialect_is_reserved (dialect, upper));
          g_assert_cmpstr (quoted, ==, expected);
        }
    }
}

/* The SQLite list is the library's own list of keywords. */
static void
test_quoting_sqlite_keywords (void)
{
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  int        n = sqlite3_keyword_count ();

  g_assert_cmpint (n, ==, TW_DIALECT_GET_CLASS (dialect)->n_reserved_words);
  for (int i = 0; i < n; i++)
    {
      const char      *name;
      int              length;
      g_autofree char *word = NULL;

      g_assert_cmpint (sqlite3_keyword_name (i, &name, &length), ==, SQLITE_OK);
      word = g_strndup (name, length);
      g_assert_true (tw_dialect_is_reserved (dialect, word));
    }
}

typedef struct
{
  const char *value;
  const char *sqlite;
  const char *postgresql;
  const char *mysql;
} LiteralCase;

static const LiteralCase literal_cases[] = {
  { "", "''", "''", "''" },
  { "plain", "'plain'", "'plain'", "'plain'" },
  { "it's", "'it''s'", "'it''s'", "'it''s'" },
  { "''", "''''''", "''''''", "''''''" },
  { "a\\b", "'a\\b'", "'a\\b'", "'a\\\\b'" },
  { "\\'", "'\\'''", "'\\'''", "'\\\\'''" },
  { "\"double\" `back`", "'\"double\" `back`'", "'\"double\" `back`'", "'\"double\" `back`'" },
  { "line\nbreak", "'line\nbreak'", "'line\nbreak'", "'line\nbreak'" },
  { "caf\xc3\xa9", "'caf\xc3\xa9'", "'caf\xc3\xa9'", "'caf\xc3\xa9'" },
};

static void
test_quoting_string_literals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (literal_cases); i++)
    {
      const LiteralCase *c = &literal_cases[i];
      const char        *expected[] = { c->sqlite, c->postgresql, c->mysql };

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          TwDialect       *dialect = tw_dialect_get (kind);
          g_autofree char *quoted = tw_dialect_quote_string_literal (dialect, c->value);
          g_autoptr (GString) appended = g_string_new (NULL);

          g_test_message ("case %u on %s", i, tw_dialect_kind_to_string (kind));
          g_assert_cmpstr (quoted, ==, expected[kind]);
          tw_dialect_append_string_literal (dialect, appended, c->value);
          g_assert_cmpstr (appended->str, ==, expected[kind]);
        }
    }
}

/* SQLite reads every literal back as the value. */
static void
test_quoting_sqlite_literals (void)
{
  TwDialect *dialect = tw_dialect_get (TW_DIALECT_KIND_SQLITE);
  sqlite3   *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (literal_cases); i++)
    {
      g_autofree char *quoted = tw_dialect_quote_string_literal (dialect, literal_cases[i].value);
      g_autofree char *sql = g_strdup_printf ("SELECT %s", quoted);
      sqlite3_stmt    *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, literal_cases[i].value);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/quoting/identifiers", test_quoting_identifiers);
  g_test_add_func ("/core/quoting/sqlite-round-trip", test_quoting_sqlite_round_trip);
  g_test_add_func ("/core/quoting/reserved", test_quoting_reserved);
  g_test_add_func ("/core/quoting/reserved-lists", test_quoting_reserved_lists);
  g_test_add_func ("/core/quoting/sqlite-keywords", test_quoting_sqlite_keywords);
  g_test_add_func ("/core/quoting/string-literals", test_quoting_string_literals);
  g_test_add_func ("/core/quoting/sqlite-literals", test_quoting_sqlite_literals);

  return g_test_run ();
}
