/* test-ddl.c: tests of the DDL compiler: create_all and drop_all scripts per dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ddl"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "tw-dialect.h"
#include "tw-test-schemas.h"

static TwMetadata *
build_many_to_many (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
}

/* Runs script in a new in-memory SQLite database with foreign keys on, and
 * returns the number of tables and indexes it then holds. */
static void
run_in_sqlite (const char *script,
               int        *n_tables,
               int        *n_indexes)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *message = NULL;
  int           rc;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);

  rc = sqlite3_exec (db, script, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("SQLite refused the script: %s\n%s", message, script);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table'),"
                                       " (SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                       " AND sql IS NOT NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_tables = sqlite3_column_int (stmt, 0);
  *n_indexes = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
compile_script (TwDialectKind kind,
                TwMetadata   *metadata,
                gboolean      drop)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;

  if (drop)
    statements = tw_dialect_compile_drop_all (tw_dialect_get (kind), metadata, &error);
  else
    statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
  g_assert_no_error (error);
  g_assert_nonnull (statements);

  return tw_ddl_statements_to_script (statements);
}

/* The exact scripts, written from the rules of each dialect. Every one of
 * them also ran on SQLite 3.40, PostgreSQL 15 and MariaDB 10.11. */
typedef struct
{
  const char *name;
  TwMetadata *(*build) (void);
  TwDialectKind kind;
  const char   *create;
  const char   *drop; /* NULL: not checked */
} ScriptCase;

static const ScriptCase script_cases[] = {
  {
    "tutorial", tw_test_schema_tutorial, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE users (\n"
    "  id INTEGER NOT NULL,\n"
    "  name VARCHAR(50),\n"
    "  fullname VARCHAR(50),\n"
    "  password VARCHAR(50),\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE addresses (\n"
    "  id INTEGER NOT NULL,\n"
    "  email_address VARCHAR(50) NOT NULL,\n"
    "  user_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (user_id) REFERENCES users (id)\n"
    ");\n",
    NULL
  },
  {
    "tutorial", tw_test_schema_tutorial, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE users (\n"
    "  id SERIAL NOT NULL,\n"
    "  name VARCHAR(50),\n"
    "  fullname VARCHAR(50),\n"
    "  password VARCHAR(50),\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE addresses (\n"
    "  id SERIAL NOT NULL,\n"
    "  email_address VARCHAR(50) NOT NULL,\n"
    "  user_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (user_id) REFERENCES users (id)\n"
    ");\n",
    NULL
  },
  {
    "tutorial", tw_test_schema_tutorial, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE users (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  name VARCHAR(50),\n"
    "  fullname VARCHAR(50),\n"
    "  password VARCHAR(50),\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE addresses (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  email_address VARCHAR(50) NOT NULL,\n"
    "  user_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (user_id) REFERENCES users (id)\n"
    ");\n",
    NULL
  },
  {
    "m2m", build_many_to_many, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE \"left\" (\n"
    "  id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE \"right\" (\n"
    "  id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE association (\n"
    "  left_id INTEGER NOT NULL,\n"
    "  right_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (left_id, right_id),\n"
    "  FOREIGN KEY (left_id) REFERENCES \"left\" (id),\n"
    "  FOREIGN KEY (right_id) REFERENCES \"right\" (id)\n"
    ");\n",
    "DROP TABLE IF EXISTS association;\n"
    "\n"
    "DROP TABLE IF EXISTS \"right\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"left\";\n"
  },
  {
    "m2m", build_many_to_many, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE \"left\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE \"right\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE association (\n"
    "  left_id INTEGER NOT NULL,\n"
    "  right_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (left_id, right_id),\n"
    "  FOREIGN KEY (left_id) REFERENCES \"left\" (id),\n"
    "  FOREIGN KEY (right_id) REFERENCES \"right\" (id)\n"
    ");\n",
    "DROP TABLE IF EXISTS association;\n"
    "\n"
    "DROP TABLE IF EXISTS \"right\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"left\";\n"
  },
  {
    "m2m", build_many_to_many, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE `left` (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE `right` (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE association (\n"
    "  left_id INTEGER NOT NULL,\n"
    "  right_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (left_id, right_id),\n"
    "  FOREIGN KEY (left_id) REFERENCES `left` (id),\n"
    "  FOREIGN KEY (right_id) REFERENCES `right` (id)\n"
    ");\n",
    "DROP TABLE IF EXISTS association;\n"
    "\n"
    "DROP TABLE IF EXISTS `right`;\n"
    "\n"
    "DROP TABLE IF EXISTS `left`;\n"
  },
  {
    "composite", tw_test_schema_composite, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE invoice (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  total NUMERIC(10, 2),\n"
    "  CONSTRAINT pk_invoice PRIMARY KEY (store_id, invoice_no)\n"
    ");\n"
    "\n"
    "CREATE TABLE invoice_item (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  line_no INTEGER NOT NULL,\n"
    "  description VARCHAR(100) NOT NULL,\n"
    "  PRIMARY KEY (store_id, invoice_no, line_no),\n"
    "  CONSTRAINT uq_item_line UNIQUE (store_id, invoice_no, description),\n"
    "  CONSTRAINT fk_item_invoice FOREIGN KEY (store_id, invoice_no) REFERENCES invoice (store_id, invoice_no) ON DELETE CASCADE ON UPDATE CASCADE\n"
    ");\n",
    NULL
  },
  {
    "composite", tw_test_schema_composite, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE invoice (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  total NUMERIC(10, 2),\n"
    "  CONSTRAINT pk_invoice PRIMARY KEY (store_id, invoice_no)\n"
    ");\n"
    "\n"
    "CREATE TABLE invoice_item (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  line_no INTEGER NOT NULL,\n"
    "  description VARCHAR(100) NOT NULL,\n"
    "  PRIMARY KEY (store_id, invoice_no, line_no),\n"
    "  CONSTRAINT uq_item_line UNIQUE (store_id, invoice_no, description),\n"
    "  CONSTRAINT fk_item_invoice FOREIGN KEY (store_id, invoice_no) REFERENCES invoice (store_id, invoice_no) ON DELETE CASCADE ON UPDATE CASCADE\n"
    ");\n",
    NULL
  },
  {
    "composite", tw_test_schema_composite, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE invoice (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  total NUMERIC(10, 2),\n"
    "  CONSTRAINT pk_invoice PRIMARY KEY (store_id, invoice_no)\n"
    ");\n"
    "\n"
    "CREATE TABLE invoice_item (\n"
    "  store_id INTEGER NOT NULL,\n"
    "  invoice_no INTEGER NOT NULL,\n"
    "  line_no INTEGER NOT NULL,\n"
    "  description VARCHAR(100) NOT NULL,\n"
    "  PRIMARY KEY (store_id, invoice_no, line_no),\n"
    "  CONSTRAINT uq_item_line UNIQUE (store_id, invoice_no, description),\n"
    "  CONSTRAINT fk_item_invoice FOREIGN KEY (store_id, invoice_no) REFERENCES invoice (store_id, invoice_no) ON DELETE CASCADE ON UPDATE CASCADE\n"
    ");\n",
    NULL
  },
  {
    "tree", tw_test_schema_tree, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE node (\n"
    "  id INTEGER NOT NULL,\n"
    "  parent_id INTEGER,\n"
    "  data VARCHAR(50),\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (parent_id) REFERENCES node (id)\n"
    ");\n",
    NULL
  },
  {
    "tree", tw_test_schema_tree, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE node (\n"
    "  id SERIAL NOT NULL,\n"
    "  parent_id INTEGER,\n"
    "  data VARCHAR(50),\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (parent_id) REFERENCES node (id)\n"
    ");\n",
    NULL
  },
  {
    "tree", tw_test_schema_tree, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE node (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  parent_id INTEGER,\n"
    "  data VARCHAR(50),\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (parent_id) REFERENCES node (id)\n"
    ");\n",
    NULL
  },
  {
    "cycle", tw_test_schema_cycle, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE a (\n"
    "  id INTEGER NOT NULL,\n"
    "  b_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (b_id) REFERENCES b (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE b (\n"
    "  id INTEGER NOT NULL,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (a_id) REFERENCES a (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE c (\n"
    "  id INTEGER NOT NULL,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (a_id) REFERENCES a (id)\n"
    ");\n",
    "DROP TABLE IF EXISTS c;\n"
    "\n"
    "DROP TABLE IF EXISTS b;\n"
    "\n"
    "DROP TABLE IF EXISTS a;\n"
  },
  {
    "cycle", tw_test_schema_cycle, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE a (\n"
    "  id SERIAL NOT NULL,\n"
    "  b_id INTEGER,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE b (\n"
    "  id SERIAL NOT NULL,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE c (\n"
    "  id SERIAL NOT NULL,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (a_id) REFERENCES a (id)\n"
    ");\n"
    "\n"
    "ALTER TABLE a ADD CONSTRAINT fk_a_b_id_b FOREIGN KEY (b_id) REFERENCES b (id);\n"
    "\n"
    "ALTER TABLE b ADD CONSTRAINT fk_b_a_id_a FOREIGN KEY (a_id) REFERENCES a (id);\n",
    "ALTER TABLE IF EXISTS a DROP CONSTRAINT IF EXISTS fk_a_b_id_b;\n"
    "\n"
    "ALTER TABLE IF EXISTS b DROP CONSTRAINT IF EXISTS fk_b_a_id_a;\n"
    "\n"
    "DROP TABLE IF EXISTS c;\n"
    "\n"
    "DROP TABLE IF EXISTS b;\n"
    "\n"
    "DROP TABLE IF EXISTS a;\n"
  },
  {
    "cycle", tw_test_schema_cycle, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE a (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  b_id INTEGER,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE b (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE c (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  a_id INTEGER,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (a_id) REFERENCES a (id)\n"
    ");\n"
    "\n"
    "ALTER TABLE a ADD CONSTRAINT fk_a_b_id_b FOREIGN KEY (b_id) REFERENCES b (id);\n"
    "\n"
    "ALTER TABLE b ADD CONSTRAINT fk_b_a_id_a FOREIGN KEY (a_id) REFERENCES a (id);\n",
    "ALTER TABLE IF EXISTS a DROP FOREIGN KEY IF EXISTS fk_a_b_id_b;\n"
    "\n"
    "ALTER TABLE IF EXISTS b DROP FOREIGN KEY IF EXISTS fk_b_a_id_a;\n"
    "\n"
    "DROP TABLE IF EXISTS c;\n"
    "\n"
    "DROP TABLE IF EXISTS b;\n"
    "\n"
    "DROP TABLE IF EXISTS a;\n"
  },
  {
    "reserved", tw_test_schema_reserved, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE user (\n"
    "  id INTEGER NOT NULL,\n"
    "  \"from\" VARCHAR(50),\n"
    "  \"Key\" INTEGER,\n"
    "  \"has space\" TEXT,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE INDEX \"index\" ON user (\"from\");\n"
    "\n"
    "CREATE TABLE \"order\" (\n"
    "  id INTEGER NOT NULL,\n"
    "  user_id INTEGER,\n"
    "  \"select\" INTEGER,\n"
    "  \"quo\"\"te\" VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  CONSTRAINT \"fk-order-user\" FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE\n"
    ");\n"
    "\n"
    "CREATE INDEX \"ix_order_quo\"\"te\" ON \"order\" (\"quo\"\"te\");\n"
    "\n"
    "CREATE TABLE \"select\" (\n"
    "  id INTEGER NOT NULL,\n"
    "  order_id INTEGER,\n"
    "  \"back`tick\" VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (\"back`tick\"),\n"
    "  FOREIGN KEY (order_id) REFERENCES \"order\" (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE \"Group\" (\n"
    "  id INTEGER NOT NULL,\n"
    "  \"Key\" VARCHAR(20) NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE UNIQUE INDEX \"ix_Group_Key\" ON \"Group\" (\"Key\");\n",
    "DROP TABLE IF EXISTS \"Group\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"select\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"order\";\n"
    "\n"
    "DROP TABLE IF EXISTS user;\n"
  },
  {
    "reserved", tw_test_schema_reserved, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TABLE \"user\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  \"from\" VARCHAR(50),\n"
    "  \"Key\" INTEGER,\n"
    "  \"has space\" TEXT,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE INDEX index ON \"user\" (\"from\");\n"
    "\n"
    "CREATE TABLE \"order\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  user_id INTEGER,\n"
    "  \"select\" INTEGER,\n"
    "  \"quo\"\"te\" VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  CONSTRAINT \"fk-order-user\" FOREIGN KEY (user_id) REFERENCES \"user\" (id) ON DELETE CASCADE\n"
    ");\n"
    "\n"
    "CREATE INDEX \"ix_order_quo\"\"te\" ON \"order\" (\"quo\"\"te\");\n"
    "\n"
    "CREATE TABLE \"select\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  order_id INTEGER,\n"
    "  \"back`tick\" VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (\"back`tick\"),\n"
    "  FOREIGN KEY (order_id) REFERENCES \"order\" (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE \"Group\" (\n"
    "  id SERIAL NOT NULL,\n"
    "  \"Key\" VARCHAR(20) NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE UNIQUE INDEX \"ix_Group_Key\" ON \"Group\" (\"Key\");\n",
    "DROP TABLE IF EXISTS \"Group\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"select\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"order\";\n"
    "\n"
    "DROP TABLE IF EXISTS \"user\";\n"
  },
  {
    "reserved", tw_test_schema_reserved, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE user (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  `from` VARCHAR(50),\n"
    "  `Key` INTEGER,\n"
    "  `has space` TEXT,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE INDEX `index` ON user (`from`);\n"
    "\n"
    "CREATE TABLE `order` (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  user_id INTEGER,\n"
    "  `select` INTEGER,\n"
    "  `quo\"te` VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  CONSTRAINT `fk-order-user` FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE\n"
    ");\n"
    "\n"
    "CREATE INDEX `ix_order_quo\"te` ON `order` (`quo\"te`);\n"
    "\n"
    "CREATE TABLE `select` (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  order_id INTEGER,\n"
    "  `back``tick` VARCHAR(20),\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (`back``tick`),\n"
    "  FOREIGN KEY (order_id) REFERENCES `order` (id)\n"
    ");\n"
    "\n"
    "CREATE TABLE `Group` (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  `Key` VARCHAR(20) NOT NULL,\n"
    "  PRIMARY KEY (id)\n"
    ");\n"
    "\n"
    "CREATE UNIQUE INDEX `ix_Group_Key` ON `Group` (`Key`);\n",
    "DROP TABLE IF EXISTS `Group`;\n"
    "\n"
    "DROP TABLE IF EXISTS `select`;\n"
    "\n"
    "DROP TABLE IF EXISTS `order`;\n"
    "\n"
    "DROP TABLE IF EXISTS user;\n"
  },
  {
    "all", tw_test_schema_all_types, TW_DIALECT_KIND_SQLITE,
    "CREATE TABLE everything (\n"
    "  id INTEGER NOT NULL,\n"
    "  big BIGINT DEFAULT 0 NOT NULL,\n"
    "  small SMALLINT DEFAULT -1,\n"
    "  flag BOOLEAN DEFAULT false NOT NULL,\n"
    "  ratio FLOAT,\n"
    "  price NUMERIC(10, 2) DEFAULT 9.99,\n"
    "  title VARCHAR(200) DEFAULT 'it''s new' NOT NULL,\n"
    "  body TEXT,\n"
    "  born DATE DEFAULT CURRENT_DATE,\n"
    "  created DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
    "  alarm TIME,\n"
    "  data BLOB,\n"
    "  mood VARCHAR(5) DEFAULT 'happy',\n"
    "  doc JSON,\n"
    "  token CHAR(36),\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (token)\n"
    ");\n"
    "\n"
    "CREATE TABLE diary (\n"
    "  id INTEGER NOT NULL,\n"
    "  everything_id INTEGER,\n"
    "  mood VARCHAR(5),\n"
    "  pages INTEGER DEFAULT (1 + 1),\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (everything_id) REFERENCES everything (id) ON DELETE SET NULL\n"
    ");\n",
    "DROP TABLE IF EXISTS diary;\n"
    "\n"
    "DROP TABLE IF EXISTS everything;\n"
  },
  {
    "all", tw_test_schema_all_types, TW_DIALECT_KIND_POSTGRESQL,
    "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
    "\n"
    "CREATE TABLE everything (\n"
    "  id SERIAL NOT NULL,\n"
    "  big BIGINT DEFAULT 0 NOT NULL,\n"
    "  small SMALLINT DEFAULT -1,\n"
    "  flag BOOLEAN DEFAULT false NOT NULL,\n"
    "  ratio FLOAT(24),\n"
    "  price NUMERIC(10, 2) DEFAULT 9.99,\n"
    "  title VARCHAR(200) DEFAULT 'it''s new' NOT NULL,\n"
    "  body TEXT,\n"
    "  born DATE DEFAULT CURRENT_DATE,\n"
    "  created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
    "  alarm TIME WITHOUT TIME ZONE,\n"
    "  data BYTEA,\n"
    "  mood mood DEFAULT 'happy',\n"
    "  doc JSON,\n"
    "  token UUID,\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (token)\n"
    ");\n"
    "\n"
    "COMMENT ON TABLE everything IS 'Every generic type';\n"
    "\n"
    "COMMENT ON COLUMN everything.id IS 'The key';\n"
    "\n"
    "COMMENT ON COLUMN everything.title IS 'Shown as ''title'' \\ heading';\n"
    "\n"
    "CREATE TABLE diary (\n"
    "  id SERIAL NOT NULL,\n"
    "  everything_id INTEGER,\n"
    "  mood mood,\n"
    "  pages INTEGER DEFAULT 1 + 1,\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (everything_id) REFERENCES everything (id) ON DELETE SET NULL\n"
    ");\n",
    "DROP TABLE IF EXISTS diary;\n"
    "\n"
    "DROP TABLE IF EXISTS everything;\n"
    "\n"
    "DROP TYPE IF EXISTS mood;\n"
  },
  {
    "all", tw_test_schema_all_types, TW_DIALECT_KIND_MYSQL,
    "CREATE TABLE everything (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT COMMENT 'The key',\n"
    "  big BIGINT NOT NULL DEFAULT 0,\n"
    "  small SMALLINT DEFAULT -1,\n"
    "  flag BOOL NOT NULL DEFAULT false,\n"
    "  ratio FLOAT(24),\n"
    "  price NUMERIC(10, 2) DEFAULT 9.99,\n"
    "  title VARCHAR(200) NOT NULL DEFAULT 'it''s new' COMMENT 'Shown as ''title'' \\\\ heading',\n"
    "  body TEXT,\n"
    "  born DATE DEFAULT CURRENT_DATE,\n"
    "  created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
    "  alarm TIME,\n"
    "  data BLOB(1000),\n"
    "  mood ENUM('happy','sad') DEFAULT 'happy',\n"
    "  doc JSON,\n"
    "  token CHAR(36),\n"
    "  PRIMARY KEY (id),\n"
    "  UNIQUE (token)\n"
    ") COMMENT='Every generic type';\n"
    "\n"
    "CREATE TABLE diary (\n"
    "  id INTEGER NOT NULL AUTO_INCREMENT,\n"
    "  everything_id INTEGER,\n"
    "  mood ENUM('happy','sad'),\n"
    "  pages INTEGER DEFAULT (1 + 1),\n"
    "  PRIMARY KEY (id),\n"
    "  FOREIGN KEY (everything_id) REFERENCES everything (id) ON DELETE SET NULL\n"
    ");\n",
    "DROP TABLE IF EXISTS diary;\n"
    "\n"
    "DROP TABLE IF EXISTS everything;\n"
  },
};

static void
test_ddl_scripts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (script_cases); i++)
    {
      const ScriptCase *c = &script_cases[i];
      g_autoptr (TwMetadata) metadata = c->build ();
      g_autofree char *create = compile_script (c->kind, metadata, FALSE);

      g_test_message ("%s on %s", c->name, tw_dialect_kind_to_string (c->kind));
      g_assert_cmpstr (create, ==, c->create);

      if (c->drop != NULL)
        {
          g_autofree char *drop = compile_script (c->kind, metadata, TRUE);

          g_assert_cmpstr (drop, ==, c->drop);
        }
    }
}

/* Every schema's SQLite script runs, and its drop script removes it all,
 * twice over (IF EXISTS). */
static void
test_ddl_sqlite_runs (void)
{
  TwMetadata *(*builders[]) (void) = {
    tw_test_schema_tutorial, build_many_to_many, tw_test_schema_composite, tw_test_schema_tree,
    tw_test_schema_cycle, tw_test_schema_reserved, tw_test_schema_all_types,
  };

  for (guint i = 0; i < G_N_ELEMENTS (builders); i++)
    {
      g_autoptr (TwMetadata) metadata = builders[i] ();
      g_autofree char *create = compile_script (TW_DIALECT_KIND_SQLITE, metadata, FALSE);
      g_autofree char *drop = compile_script (TW_DIALECT_KIND_SQLITE, metadata, TRUE);
      g_autofree char *both = g_strconcat (create, drop, drop, NULL);
      int              n_tables;
      int              n_indexes;

      run_in_sqlite (create, &n_tables, &n_indexes);
      g_assert_cmpint (n_tables, ==, tw_metadata_get_n_tables (metadata));
      run_in_sqlite (both, &n_tables, &n_indexes);
      g_assert_cmpint (n_tables, ==, 0);
      g_assert_cmpint (n_indexes, ==, 0);
    }
}

/* back_populates or backref is an ORM matter: the tables are the same. */
static void
test_ddl_many_to_many_styles (void)
{
  g_autoptr (TwMetadata) back_populates = NULL;
  g_autoptr (TwMetadata) backref = NULL;

  back_populates = tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  backref = tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACKREF);

  for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      g_autofree char *a = compile_script (kind, back_populates, FALSE);
      g_autofree char *b = compile_script (kind, backref, FALSE);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
assert_statements (GPtrArray       *statements,
                   const TwDdlKind *kinds,
                   const char     **tables,
                   guint            n)
{
  g_assert_cmpuint (statements->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);

      g_assert_cmpstr (tw_ddl_kind_to_string (statement->kind), ==, tw_ddl_kind_to_string (kinds[i]));
      g_assert_cmpstr (statement->table, ==, tables[i]);
      g_assert_false (g_str_has_suffix (statement->sql, ";"));
    }
}

static void
test_ddl_cycle (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_cycle ();
  static const TwDdlKind create_kinds[] = {
    TW_DDL_KIND_CREATE_TABLE, TW_DDL_KIND_CREATE_TABLE, TW_DDL_KIND_CREATE_TABLE,
    TW_DDL_KIND_ADD_CONSTRAINT, TW_DDL_KIND_ADD_CONSTRAINT,
  };
  const char            *create_tables[] = { "a", "b", "c", "a", "b" };
  static const TwDdlKind drop_kinds[] = {
    TW_DDL_KIND_DROP_CONSTRAINT, TW_DDL_KIND_DROP_CONSTRAINT,
    TW_DDL_KIND_DROP_TABLE, TW_DDL_KIND_DROP_TABLE, TW_DDL_KIND_DROP_TABLE,
  };
  const char *drop_tables[] = { "a", "b", "c", "b", "a" };

  for (TwDialectKind kind = TW_DIALECT_KIND_POSTGRESQL; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      TwDialect *dialect = tw_dialect_get (kind);
      g_autoptr (GPtrArray) create = NULL;
      g_autoptr (GPtrArray) drop = NULL;

      create = tw_dialect_compile_create_all (dialect, metadata, NULL);
      assert_statements (create, create_kinds, create_tables, G_N_ELEMENTS (create_kinds));
      drop = tw_dialect_compile_drop_all (dialect, metadata, NULL);
      assert_statements (drop, drop_kinds, drop_tables, G_N_ELEMENTS (drop_kinds));
    }

  /* SQLite keeps the cycle inline: three CREATE TABLE, nothing else. */
  {
    g_autoptr (GPtrArray) create = NULL;
    g_autoptr (GPtrArray) drop = NULL;
    static const TwDdlKind kinds[] = {
      TW_DDL_KIND_CREATE_TABLE, TW_DDL_KIND_CREATE_TABLE, TW_DDL_KIND_CREATE_TABLE,
    };
    static const TwDdlKind sqlite_drop_kinds[] = {
      TW_DDL_KIND_DROP_TABLE, TW_DDL_KIND_DROP_TABLE, TW_DDL_KIND_DROP_TABLE,
    };
    const char *tables[] = { "a", "b", "c" };
    const char *sqlite_drop_tables[] = { "c", "b", "a" };

    create = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata, NULL);
    assert_statements (create, kinds, tables, G_N_ELEMENTS (kinds));
    drop = tw_dialect_compile_drop_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata, NULL);
    assert_statements (drop, sqlite_drop_kinds, sqlite_drop_tables, G_N_ELEMENTS (sqlite_drop_kinds));
  }
}

/* A named foreign key in a cycle keeps its name in ADD and DROP. */
static void
test_ddl_cycle_named (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_cycle ();
  TwTable *a = tw_metadata_find_table (metadata, "a");
  g_autoptr (TwForeignKey) fk = g_list_model_get_item (tw_table_get_foreign_keys (a), 0);
  g_autofree char *create = NULL;
  g_autofree char *drop = NULL;

  tw_foreign_key_set_name (fk, "A to B");
  create = compile_script (TW_DIALECT_KIND_POSTGRESQL, metadata, FALSE);
  drop = compile_script (TW_DIALECT_KIND_MYSQL, metadata, TRUE);

  g_assert_nonnull (strstr (create, "ALTER TABLE a ADD CONSTRAINT \"A to B\" FOREIGN KEY (b_id) REFERENCES b (id);\n"));
  g_assert_nonnull (strstr (drop, "ALTER TABLE IF EXISTS a DROP FOREIGN KEY IF EXISTS `A to B`;\n"));
}

typedef struct
{
  TwColumnType type;
  guint        length;
  guint        precision;
  int          scale;
  gboolean     timezone;
  const char  *enum_name;
  const char  *enum_values; /* separated by '|' */
  const char  *sqlite;
  const char  *postgresql;
  const char  *mysql;
} TypeCase;

static const TypeCase type_cases[] = {
  { TW_COLUMN_TYPE_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "INTEGER", "INTEGER", "INTEGER" },
  { TW_COLUMN_TYPE_BIG_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "BIGINT", "BIGINT", "BIGINT" },
  { TW_COLUMN_TYPE_SMALL_INTEGER, 0, 0, -1, FALSE, NULL, NULL, "SMALLINT", "SMALLINT", "SMALLINT" },
  { TW_COLUMN_TYPE_BOOLEAN, 0, 0, -1, FALSE, NULL, NULL, "BOOLEAN", "BOOLEAN", "BOOL" },
  { TW_COLUMN_TYPE_FLOAT, 0, 0, -1, FALSE, NULL, NULL, "FLOAT", "FLOAT", "FLOAT" },
  { TW_COLUMN_TYPE_FLOAT, 0, 10, -1, FALSE, NULL, NULL, "FLOAT", "FLOAT(10)", "FLOAT(10)" },
  { TW_COLUMN_TYPE_NUMERIC, 0, 0, -1, FALSE, NULL, NULL, "NUMERIC", "NUMERIC", "NUMERIC" },
  { TW_COLUMN_TYPE_NUMERIC, 0, 10, -1, FALSE, NULL, NULL, "NUMERIC(10)", "NUMERIC(10)", "NUMERIC(10)" },
  { TW_COLUMN_TYPE_NUMERIC, 0, 10, 2, FALSE, NULL, NULL, "NUMERIC(10, 2)", "NUMERIC(10, 2)", "NUMERIC(10, 2)" },
  { TW_COLUMN_TYPE_NUMERIC, 0, 12, 0, FALSE, NULL, NULL, "NUMERIC(12, 0)", "NUMERIC(12, 0)", "NUMERIC(12, 0)" },
  { TW_COLUMN_TYPE_STRING, 0, 0, -1, FALSE, NULL, NULL, "VARCHAR", "VARCHAR", "VARCHAR" },
  { TW_COLUMN_TYPE_STRING, 200, 0, -1, FALSE, NULL, NULL, "VARCHAR(200)", "VARCHAR(200)", "VARCHAR(200)" },
  { TW_COLUMN_TYPE_TEXT, 0, 0, -1, FALSE, NULL, NULL, "TEXT", "TEXT", "TEXT" },
  { TW_COLUMN_TYPE_DATE, 0, 0, -1, FALSE, NULL, NULL, "DATE", "DATE", "DATE" },
  { TW_COLUMN_TYPE_DATE_TIME, 0, 0, -1, FALSE, NULL, NULL,
    "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "DATETIME" },
  { TW_COLUMN_TYPE_DATE_TIME, 0, 0, -1, TRUE, NULL, NULL,
    "DATETIME", "TIMESTAMP WITH TIME ZONE", "DATETIME" },
  { TW_COLUMN_TYPE_TIME, 0, 0, -1, FALSE, NULL, NULL, "TIME", "TIME WITHOUT TIME ZONE", "TIME" },
  { TW_COLUMN_TYPE_TIME, 0, 0, -1, TRUE, NULL, NULL, "TIME", "TIME WITH TIME ZONE", "TIME" },
  { TW_COLUMN_TYPE_LARGE_BINARY, 0, 0, -1, FALSE, NULL, NULL, "BLOB", "BYTEA", "BLOB" },
  { TW_COLUMN_TYPE_LARGE_BINARY, 1000, 0, -1, FALSE, NULL, NULL, "BLOB", "BYTEA", "BLOB(1000)" },
  { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "mood", "happy|sad",
    "VARCHAR(5)", "mood", "ENUM('happy','sad')" },
  /* The length counts characters; names and values are quoted. */
  { TW_COLUMN_TYPE_ENUM, 0, 0, -1, FALSE, "Mood Type", "it's|\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc|a\\b",
    "VARCHAR(5)", "\"Mood Type\"", "ENUM('it''s','\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc','a\\\\b')" },
  { TW_COLUMN_TYPE_JSON, 0, 0, -1, FALSE, NULL, NULL, "JSON", "JSON", "JSON" },
  { TW_COLUMN_TYPE_UUID, 0, 0, -1, FALSE, NULL, NULL, "CHAR(36)", "UUID", "CHAR(36)" },
};

static void
test_ddl_column_types (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_cases); i++)
    {
      const TypeCase *c = &type_cases[i];
      g_autoptr (TwColumn) column = tw_column_new ("x", c->type);
      const char *expected[] = { c->sqlite, c->postgresql, c->mysql };

      tw_column_set_length (column, c->length);
      tw_column_set_precision (column, c->precision);
      tw_column_set_scale (column, c->scale);
      tw_column_set_timezone (column, c->timezone);
      tw_column_set_enum_name (column, c->enum_name);
      if (c->enum_values != NULL)
        {
          g_auto (GStrv) values = g_strsplit (c->enum_values, "|", -1);

          tw_column_set_enum_values (column, (const char * const *) values);
        }

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          g_autofree char *type = tw_dialect_compile_column_type (tw_dialect_get (kind), column);

          g_test_message ("case %u on %s", i, tw_dialect_kind_to_string (kind));
          g_assert_cmpstr (type, ==, expected[kind]);
        }
    }
}

/* The first line of CREATE TABLE t for a table holding column (and
 * other_columns after it). */
static char *
dup_first_column_line (TwDialectKind kind,
                       TwTable      *table)
{
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  const TwDdlStatement *create = NULL;
  const char           *start;
  const char           *end;

  statements = tw_dialect_compile_create_table (tw_dialect_get (kind), table, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      const TwDdlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind == TW_DDL_KIND_CREATE_TABLE)
        create = statement;
    }
  g_assert_nonnull (create);

  start = strstr (create->sql, "(\n  ");
  g_assert_nonnull (start);
  start += 4;
  end = strstr (start, ",\n");
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

typedef struct
{
  TwColumnType    type;
  TwAutoincrement autoincrement;
  const char     *default_expression;
  gboolean        foreign_key;
  gboolean        composite;
  const char     *sqlite;
  const char     *postgresql;
  const char     *mysql;
} AutoincrementCase;

static const AutoincrementCase autoincrement_cases[] = {
  { TW_COLUMN_TYPE_INTEGER, TW_AUTOINCREMENT_AUTO, NULL, FALSE, FALSE,
    "id INTEGER NOT NULL", "id SERIAL NOT NULL", "id INTEGER NOT NULL AUTO_INCREMENT" },
  /* Only INTEGER PRIMARY KEY aliases SQLite's rowid. */
  { TW_COLUMN_TYPE_BIG_INTEGER, TW_AUTOINCREMENT_AUTO, NULL, FALSE, FALSE,
    "id INTEGER NOT NULL", "id BIGSERIAL NOT NULL", "id BIGINT NOT NULL AUTO_INCREMENT" },
  { TW_COLUMN_TYPE_SMALL_INTEGER, TW_AUTOINCREMENT_AUTO, NULL, FALSE, FALSE,
    "id INTEGER NOT NULL", "id SMALLSERIAL NOT NULL", "id SMALLINT NOT NULL AUTO_INCREMENT" },
  { TW_COLUMN_TYPE_INTEGER, TW_AUTOINCREMENT_ALWAYS, NULL, FALSE, FALSE,
    "id INTEGER NOT NULL", "id SERIAL NOT NULL", "id INTEGER NOT NULL AUTO_INCREMENT" },
  { TW_COLUMN_TYPE_BIG_INTEGER, TW_AUTOINCREMENT_NEVER, NULL, FALSE, FALSE,
    "id BIGINT NOT NULL", "id BIGINT NOT NULL", "id BIGINT NOT NULL" },
  /* "auto" leaves out a key that is a foreign key or has a server default. */
  { TW_COLUMN_TYPE_INTEGER, TW_AUTOINCREMENT_AUTO, NULL, TRUE, FALSE,
    "id INTEGER NOT NULL", "id INTEGER NOT NULL", "id INTEGER NOT NULL" },
  { TW_COLUMN_TYPE_INTEGER, TW_AUTOINCREMENT_AUTO, "7", FALSE, FALSE,
    "id INTEGER DEFAULT 7 NOT NULL", "id INTEGER DEFAULT 7 NOT NULL", "id INTEGER NOT NULL DEFAULT 7" },
  /* "always" with a default: SERIAL wins on PostgreSQL, the default on MySQL. */
  { TW_COLUMN_TYPE_INTEGER, TW_AUTOINCREMENT_ALWAYS, "7", FALSE, FALSE,
    "id INTEGER DEFAULT 7 NOT NULL", "id SERIAL NOT NULL", "id INTEGER NOT NULL DEFAULT 7" },
  { TW_COLUMN_TYPE_BIG_INTEGER, TW_AUTOINCREMENT_AUTO, NULL, FALSE, TRUE,
    "id BIGINT NOT NULL", "id BIGINT NOT NULL", "id BIGINT NOT NULL" },
  { TW_COLUMN_TYPE_STRING, TW_AUTOINCREMENT_AUTO, NULL, FALSE, FALSE,
    "id VARCHAR(10) NOT NULL", "id VARCHAR(10) NOT NULL", "id VARCHAR(10) NOT NULL" },
};

static void
test_ddl_autoincrement (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (autoincrement_cases); i++)
    {
      const AutoincrementCase *c = &autoincrement_cases[i];
      g_autoptr (TwTable) table = tw_table_new ("t");
      g_autoptr (TwColumn) id = tw_column_new ("id", c->type);
      g_autoptr (TwColumn) other = tw_column_new ("other", TW_COLUMN_TYPE_INTEGER);
      const char *expected[] = { c->sqlite, c->postgresql, c->mysql };

      tw_column_set_length (id, 10);
      tw_column_set_primary_key (id, TRUE);
      tw_column_set_autoincrement (id, c->autoincrement);
      if (c->default_expression != NULL)
        tw_column_set_default (id, TW_DEFAULT_KIND_EXPRESSION, c->default_expression);
      tw_column_set_primary_key (other, c->composite);
      tw_table_add_column (table, id);
      tw_table_add_column (table, other);
      if (c->foreign_key)
        {
          const char *columns[] = { "id", NULL };
          g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, columns, "parent", columns);

          tw_table_add_foreign_key (table, fk);
        }

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          g_autofree char *line = dup_first_column_line (kind, table);

          g_test_message ("case %u on %s", i, tw_dialect_kind_to_string (kind));
          g_assert_cmpstr (line, ==, expected[kind]);
        }
    }
}

typedef struct
{
  TwDefaultKind kind;
  const char   *value;
  const char   *sqlite;
  const char   *postgresql;
  const char   *mysql;
} DefaultCase;

static const DefaultCase default_cases[] = {
  { TW_DEFAULT_KIND_NONE, NULL, "d VARCHAR(20)", "d VARCHAR(20)", "d VARCHAR(20)" },
  { TW_DEFAULT_KIND_LITERAL, "x", "d VARCHAR(20) DEFAULT 'x'", "d VARCHAR(20) DEFAULT 'x'",
    "d VARCHAR(20) DEFAULT 'x'" },
  { TW_DEFAULT_KIND_LITERAL, "it's", "d VARCHAR(20) DEFAULT 'it''s'", "d VARCHAR(20) DEFAULT 'it''s'",
    "d VARCHAR(20) DEFAULT 'it''s'" },
  /* MySQL reads a backslash as an escape. */
  { TW_DEFAULT_KIND_LITERAL, "a\\b", "d VARCHAR(20) DEFAULT 'a\\b'", "d VARCHAR(20) DEFAULT 'a\\b'",
    "d VARCHAR(20) DEFAULT 'a\\\\b'" },
  { TW_DEFAULT_KIND_LITERAL, "", "d VARCHAR(20) DEFAULT ''", "d VARCHAR(20) DEFAULT ''",
    "d VARCHAR(20) DEFAULT ''" },
  /* A literal that looks like SQL stays a string. */
  { TW_DEFAULT_KIND_LITERAL, "'); DROP TABLE t; --", "d VARCHAR(20) DEFAULT '''); DROP TABLE t; --'",
    "d VARCHAR(20) DEFAULT '''); DROP TABLE t; --'", "d VARCHAR(20) DEFAULT '''); DROP TABLE t; --'" },
  { TW_DEFAULT_KIND_EXPRESSION, "0", "d VARCHAR(20) DEFAULT 0", "d VARCHAR(20) DEFAULT 0",
    "d VARCHAR(20) DEFAULT 0" },
  { TW_DEFAULT_KIND_EXPRESSION, "-1.5", "d VARCHAR(20) DEFAULT -1.5", "d VARCHAR(20) DEFAULT -1.5",
    "d VARCHAR(20) DEFAULT -1.5" },
  { TW_DEFAULT_KIND_EXPRESSION, "'a''b'", "d VARCHAR(20) DEFAULT 'a''b'", "d VARCHAR(20) DEFAULT 'a''b'",
    "d VARCHAR(20) DEFAULT 'a''b'" },
  { TW_DEFAULT_KIND_EXPRESSION, "NULL", "d VARCHAR(20) DEFAULT NULL", "d VARCHAR(20) DEFAULT NULL",
    "d VARCHAR(20) DEFAULT NULL" },
  { TW_DEFAULT_KIND_EXPRESSION, "TRUE", "d VARCHAR(20) DEFAULT TRUE", "d VARCHAR(20) DEFAULT TRUE",
    "d VARCHAR(20) DEFAULT TRUE" },
  /* SQLite and MySQL take other expressions only in parentheses. */
  { TW_DEFAULT_KIND_EXPRESSION, "'a' || 'b'", "d VARCHAR(20) DEFAULT ('a' || 'b')",
    "d VARCHAR(20) DEFAULT 'a' || 'b'", "d VARCHAR(20) DEFAULT ('a' || 'b')" },
  { TW_DEFAULT_KIND_EXPRESSION, "'a', 'b'", "d VARCHAR(20) DEFAULT ('a', 'b')",
    "d VARCHAR(20) DEFAULT 'a', 'b'", "d VARCHAR(20) DEFAULT ('a', 'b')" },
  { TW_DEFAULT_KIND_EXPRESSION, "1e5", "d VARCHAR(20) DEFAULT (1e5)", "d VARCHAR(20) DEFAULT 1e5",
    "d VARCHAR(20) DEFAULT (1e5)" },
  { TW_DEFAULT_KIND_EXPRESSION, "lower('X')", "d VARCHAR(20) DEFAULT (lower('X'))",
    "d VARCHAR(20) DEFAULT lower('X')", "d VARCHAR(20) DEFAULT (lower('X'))" },
  { TW_DEFAULT_KIND_EXPRESSION, "", "d VARCHAR(20)", "d VARCHAR(20)", "d VARCHAR(20)" },
  { TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIMESTAMP,
    "d VARCHAR(20) DEFAULT CURRENT_TIMESTAMP", "d VARCHAR(20) DEFAULT CURRENT_TIMESTAMP",
    "d VARCHAR(20) DEFAULT CURRENT_TIMESTAMP" },
  { TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_DATE,
    "d VARCHAR(20) DEFAULT CURRENT_DATE", "d VARCHAR(20) DEFAULT CURRENT_DATE",
    "d VARCHAR(20) DEFAULT CURRENT_DATE" },
  { TW_DEFAULT_KIND_FUNCTION, TW_DEFAULT_FUNCTION_CURRENT_TIME,
    "d VARCHAR(20) DEFAULT CURRENT_TIME", "d VARCHAR(20) DEFAULT CURRENT_TIME",
    "d VARCHAR(20) DEFAULT CURRENT_TIME" },
  /* Validation refuses other functions; compiled anyway, they are calls. */
  { TW_DEFAULT_KIND_FUNCTION, "random", "d VARCHAR(20) DEFAULT (random())",
    "d VARCHAR(20) DEFAULT random()", "d VARCHAR(20) DEFAULT (random())" },
};

static void
test_ddl_defaults (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      const DefaultCase *c = &default_cases[i];
      g_autoptr (TwTable) table = tw_table_new ("t");
      g_autoptr (TwColumn) d = tw_column_new ("d", TW_COLUMN_TYPE_STRING);
      g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
      const char *expected[] = { c->sqlite, c->postgresql, c->mysql };

      tw_column_set_length (d, 20);
      tw_column_set_default (d, c->kind, c->value);
      tw_column_set_primary_key (id, TRUE);
      tw_table_add_column (table, d);
      tw_table_add_column (table, id);

      for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
        {
          g_autofree char *line = dup_first_column_line (kind, table);

          g_test_message ("case %u on %s", i, tw_dialect_kind_to_string (kind));
          g_assert_cmpstr (line, ==, expected[kind]);
        }
    }
}

/* Every default of the cases above is accepted by SQLite itself. */
static void
test_ddl_defaults_run_in_sqlite (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      const DefaultCase *c = &default_cases[i];
      g_autoptr (TwMetadata) metadata = tw_metadata_new ();
      g_autoptr (TwTable) table = tw_table_new ("t");
      g_autoptr (TwColumn) d = tw_column_new ("d", TW_COLUMN_TYPE_STRING);
      g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
      g_autoptr (GPtrArray) statements = NULL;
      g_autofree char *script = NULL;
      int              n_tables;
      int              n_indexes;

      /* ('a', 'b') is a row value, which no DEFAULT takes. */
      if (g_strcmp0 (c->value, "'a', 'b'") == 0)
        continue;

      tw_column_set_length (d, 20);
      tw_column_set_default (d, c->kind, c->value);
      tw_column_set_primary_key (id, TRUE);
      tw_table_add_column (table, d);
      tw_table_add_column (table, id);
      tw_metadata_add_table (metadata, table);

      statements = tw_dialect_compile_create_table (tw_dialect_get (TW_DIALECT_KIND_SQLITE), table,
                                                    NULL, NULL);
      script = tw_ddl_statements_to_script (statements);
      run_in_sqlite (script, &n_tables, &n_indexes);
      g_assert_cmpint (n_tables, ==, 1);
    }
}

static void
test_ddl_invalid (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  TwTable   *users = tw_metadata_find_table (metadata, "users");
  TwColumn  *name = tw_table_find_column (users, "name");
  TwDialect *mysql = tw_dialect_get (TW_DIALECT_KIND_MYSQL);
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TwForeignKey) fk = NULL;
  const char *columns[] = { "fullname", NULL };
  const char *missing[] = { "id", NULL };

  /* MySQL needs a VARCHAR length; SQLite and PostgreSQL do not. */
  tw_column_set_length (name, 0);
  statements = tw_dialect_compile_create_all (mysql, metadata, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (statements);
  g_assert_true (g_str_has_prefix (error->message, "The model has 1 problem for MySQL:\n• "));
  g_assert_nonnull (strstr (error->message, "users.name"));
  g_clear_error (&error);

  statements = tw_dialect_compile_drop_all (mysql, metadata, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (statements);
  g_clear_error (&error);

  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* A second problem, for every dialect: a reference to a missing table. */
  fk = tw_foreign_key_new (NULL, columns, "nowhere", missing);
  tw_table_add_foreign_key (users, fk);
  statements = tw_dialect_compile_create_all (mysql, metadata, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The model has 2 problems for MySQL:\n• "));
  g_assert_nonnull (strstr (error->message, "nowhere"));
  g_clear_error (&error);

  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_POSTGRESQL), metadata, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The model has 1 problem for PostgreSQL:\n• "));
  g_assert_null (statements);
}

static void
test_ddl_deterministic (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (200, 10);
  g_autoptr (TwMetadata) copy = tw_metadata_copy (metadata);

  for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      g_autofree char *first = compile_script (kind, metadata, FALSE);
      g_autofree char *second = compile_script (kind, metadata, FALSE);
      g_autofree char *of_copy = compile_script (kind, copy, FALSE);
      g_autofree char *drop = compile_script (kind, metadata, TRUE);
      g_autofree char *drop_again = compile_script (kind, metadata, TRUE);

      g_assert_cmpstr (first, ==, second);
      g_assert_cmpstr (first, ==, of_copy);
      g_assert_cmpstr (drop, ==, drop_again);
    }
}

/* The 200-table schema: every table is created after the tables it refers
 * to, and SQLite takes the whole script. */
static void
test_ddl_generated (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_generated (200, 10);
  guint n_indexes = 0;

  for (guint i = 0; i < tw_metadata_get_n_tables (metadata); i++)
    {
      TwTable *table = tw_metadata_get_table (metadata, i);

      g_assert_cmpuint (tw_table_get_n_columns (table), ==, 10);
      for (guint c = 0; c < 10; c++)
        n_indexes += tw_column_get_index (tw_table_get_column (table, c));
    }

  for (TwDialectKind kind = TW_DIALECT_KIND_SQLITE; kind <= TW_DIALECT_KIND_MYSQL; kind++)
    {
      g_autoptr (GPtrArray) statements = NULL;
      g_autoptr (GHashTable) created = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GError) error = NULL;
      guint n_tables = 0;

      statements = tw_dialect_compile_create_all (tw_dialect_get (kind), metadata, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (statements->len, ==, 200 + n_indexes);

      for (guint i = 0; i < statements->len; i++)
        {
          const TwDdlStatement *statement = g_ptr_array_index (statements, i);
          TwTable              *table = tw_metadata_find_table (metadata, statement->table);
          GListModel           *fks = tw_table_get_foreign_keys (table);

          if (statement->kind != TW_DDL_KIND_CREATE_TABLE)
            {
              g_assert_cmpint (statement->kind, ==, TW_DDL_KIND_CREATE_INDEX);
              g_assert_true (g_hash_table_contains (created, statement->table));
              continue;
            }

          n_tables++;
          for (guint f = 0; f < g_list_model_get_n_items (fks); f++)
            {
              g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, f);

              g_assert_true (g_hash_table_contains (created, tw_foreign_key_get_referred_table (fk)));
            }
          g_hash_table_add (created, statement->table);
        }
      g_assert_cmpuint (n_tables, ==, 200);
    }

  {
    g_autofree char *create = compile_script (TW_DIALECT_KIND_SQLITE, metadata, FALSE);
    g_autofree char *drop = compile_script (TW_DIALECT_KIND_SQLITE, metadata, TRUE);
    g_autofree char *both = g_strconcat (create, drop, NULL);
    int              sqlite_tables;
    int              sqlite_indexes;

    run_in_sqlite (create, &sqlite_tables, &sqlite_indexes);
    g_assert_cmpint (sqlite_tables, ==, 200);
    g_assert_cmpint (sqlite_indexes, ==, n_indexes);
    run_in_sqlite (both, &sqlite_tables, &sqlite_indexes);
    g_assert_cmpint (sqlite_tables, ==, 0);
  }
}

static void
test_ddl_create_table (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_all_types ();
  TwTable   *diary = tw_metadata_find_table (metadata, "diary");
  TwDialect *postgresql = tw_dialect_get (TW_DIALECT_KIND_POSTGRESQL);
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GPtrArray) omit = g_ptr_array_new ();
  g_autoptr (TwForeignKey) fk = g_list_model_get_item (tw_table_get_foreign_keys (diary), 0);
  g_autoptr (TwDdlStatement) add = NULL;
  g_autoptr (TwTable) empty = tw_table_new ("empty");
  g_autoptr (GError) error = NULL;
  const TwDdlStatement *statement;

  /* One table brings the types it needs: the caller skips existing ones. */
  g_ptr_array_add (omit, fk);
  statements = tw_dialect_compile_create_table (postgresql, diary, omit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  statement = g_ptr_array_index (statements, 0);
  g_assert_cmpint (statement->kind, ==, TW_DDL_KIND_CREATE_TYPE);
  g_assert_cmpstr (statement->table, ==, "mood");
  g_assert_cmpstr (statement->sql, ==, "CREATE TYPE mood AS ENUM ('happy', 'sad')");
  statement = g_ptr_array_index (statements, 1);
  g_assert_cmpint (statement->kind, ==, TW_DDL_KIND_CREATE_TABLE);
  g_assert_cmpstr (statement->table, ==, "diary");
  g_assert_cmpstr (statement->sql, ==,
                   "CREATE TABLE diary (\n"
                   "  id SERIAL NOT NULL,\n"
                   "  everything_id INTEGER,\n"
                   "  mood mood,\n"
                   "  pages INTEGER DEFAULT 1 + 1,\n"
                   "  PRIMARY KEY (id)\n"
                   ")");

  add = tw_dialect_compile_add_foreign_key (postgresql, diary, fk);
  g_assert_cmpint (add->kind, ==, TW_DDL_KIND_ADD_CONSTRAINT);
  g_assert_cmpstr (add->table, ==, "diary");
  g_assert_cmpstr (add->sql, ==,
                   "ALTER TABLE diary ADD CONSTRAINT fk_diary_everything_id_everything "
                   "FOREIGN KEY (everything_id) REFERENCES everything (id) ON DELETE SET NULL");

  g_clear_pointer (&statements, g_ptr_array_unref);
  statements = tw_dialect_compile_create_table (postgresql, empty, NULL, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (statements);
}

/* Generated names longer than the dialect allows are cut as SQLAlchemy
 * cuts conventional names: the start and four hex digits of an MD5 sum. */
static void
test_ddl_long_names (void)
{
  g_autofree char *long_name = g_strnfill (60, 'a');
  g_autofree char *other_name = g_strconcat (long_name, "b", NULL);
  g_autoptr (TwTable) table = tw_table_new (long_name);
  g_autoptr (TwTable) other = tw_table_new (other_name);
  g_autoptr (TwColumn) column = tw_column_new ("ref_id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) other_column = tw_column_new ("ref_id", TW_COLUMN_TYPE_INTEGER);
  const char *columns[] = { "ref_id", NULL };
  const char *referred[] = { "id", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, columns, "target", referred);
  g_autoptr (TwForeignKey) other_fk = tw_foreign_key_new (NULL, columns, "target", referred);
  struct { TwDialectKind kind; gsize max; } limits[] = {
    { TW_DIALECT_KIND_POSTGRESQL, 63 },
    { TW_DIALECT_KIND_MYSQL, 64 },
  };
  g_autofree char *sqlite_name = NULL;

  tw_table_add_column (table, column);
  tw_table_add_foreign_key (table, fk);
  tw_table_add_column (other, other_column);
  tw_table_add_foreign_key (other, other_fk);
  tw_column_set_index (column, TRUE);

  sqlite_name = tw_dialect_dup_foreign_key_name (tw_dialect_get (TW_DIALECT_KIND_SQLITE), table, fk);
  g_assert_cmpuint (strlen (sqlite_name), ==, 3 + 60 + 7 + 7);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      TwDialect       *dialect = tw_dialect_get (limits[i].kind);
      g_autofree char *name = tw_dialect_dup_foreign_key_name (dialect, table, fk);
      g_autofree char *again = tw_dialect_dup_foreign_key_name (dialect, table, fk);
      g_autofree char *other_fk_name = tw_dialect_dup_foreign_key_name (dialect, other, other_fk);
      g_autoptr (GPtrArray) statements = NULL;
      const TwDdlStatement *index;
      g_autofree char      *index_prefix = NULL;

      g_assert_cmpuint (strlen (name), ==, limits[i].max - 3);
      g_assert_true (strncmp (name, sqlite_name, limits[i].max - 8) == 0);
      g_assert_cmpint (name[limits[i].max - 8], ==, '_');
      g_assert_true (g_ascii_isxdigit (name[limits[i].max - 4]));
      g_assert_cmpstr (name, ==, again);
      /* Same first characters, another hash. */
      g_assert_cmpstr (name, !=, other_fk_name);
      g_assert_cmpuint (strlen (other_fk_name), ==, limits[i].max - 3);

      statements = tw_dialect_compile_create_table (dialect, table, NULL, NULL);
      g_assert_cmpuint (statements->len, ==, 2);
      index = g_ptr_array_index (statements, 1);
      index_prefix = g_strdup_printf ("CREATE INDEX ix_%.*s_", (int) limits[i].max - 11, long_name);
      g_assert_true (g_str_has_prefix (index->sql, index_prefix));
      g_assert_cmpuint (strlen (index->sql), ==, strlen ("CREATE INDEX  ON  (ref_id)") +
                        (limits[i].max - 3) + 60);
    }
}

static void
test_ddl_statement (void)
{
  g_autoptr (GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_ddl_statement_free);
  g_autoptr (TwDdlStatement) copy = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *script = NULL;

  empty = tw_ddl_statements_to_script (statements);
  g_assert_cmpstr (empty, ==, "");

  g_ptr_array_add (statements, tw_ddl_statement_new (TW_DDL_KIND_CREATE_TYPE, "mood",
                                                     "CREATE TYPE mood AS ENUM ('a')"));
  g_ptr_array_add (statements, tw_ddl_statement_new_take (TW_DDL_KIND_CREATE_TABLE, "t",
                                                          g_strdup ("CREATE TABLE t (\n  a INTEGER\n)")));
  script = tw_ddl_statements_to_script (statements);
  g_assert_cmpstr (script, ==,
                   "CREATE TYPE mood AS ENUM ('a');\n"
                   "\n"
                   "CREATE TABLE t (\n  a INTEGER\n);\n");

  copy = tw_ddl_statement_copy (g_ptr_array_index (statements, 1));
  g_assert_cmpint (tw_ddl_statement_get_kind (copy), ==, TW_DDL_KIND_CREATE_TABLE);
  g_assert_cmpstr (tw_ddl_statement_get_table (copy), ==, "t");
  g_assert_cmpstr (tw_ddl_statement_get_sql (copy), ==, "CREATE TABLE t (\n  a INTEGER\n)");
  g_assert_cmpstr (tw_ddl_kind_to_string (TW_DDL_KIND_DROP_CONSTRAINT), ==, "drop-constraint");
  g_assert_true (G_TYPE_IS_BOXED (TW_TYPE_DDL_STATEMENT));
}

static void
test_ddl_dialects (void)
{
  static const struct { TwDialectKind kind; const char *name; } dialects[] = {
    { TW_DIALECT_KIND_SQLITE, "SQLite" },
    { TW_DIALECT_KIND_POSTGRESQL, "PostgreSQL" },
    { TW_DIALECT_KIND_MYSQL, "MySQL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      TwDialect *dialect = tw_dialect_get (dialects[i].kind);

      g_assert_true (TW_IS_DIALECT (dialect));
      g_assert_true (dialect == tw_dialect_get (dialects[i].kind));
      g_assert_cmpint (tw_dialect_get_kind (dialect), ==, dialects[i].kind);
      g_assert_cmpstr (tw_dialect_get_display_name (dialect), ==, dialects[i].name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/ddl/statement", test_ddl_statement);
  g_test_add_func ("/core/ddl/dialects", test_ddl_dialects);
  g_test_add_func ("/core/ddl/column-types", test_ddl_column_types);
  g_test_add_func ("/core/ddl/autoincrement", test_ddl_autoincrement);
  g_test_add_func ("/core/ddl/defaults", test_ddl_defaults);
  g_test_add_func ("/core/ddl/defaults-run-in-sqlite", test_ddl_defaults_run_in_sqlite);
  g_test_add_func ("/core/ddl/scripts", test_ddl_scripts);
  g_test_add_func ("/core/ddl/sqlite-runs", test_ddl_sqlite_runs);
  g_test_add_func ("/core/ddl/many-to-many-styles", test_ddl_many_to_many_styles);
  g_test_add_func ("/core/ddl/cycle", test_ddl_cycle);
  g_test_add_func ("/core/ddl/cycle-named", test_ddl_cycle_named);
  g_test_add_func ("/core/ddl/create-table", test_ddl_create_table);
  g_test_add_func ("/core/ddl/long-names", test_ddl_long_names);
  g_test_add_func ("/core/ddl/invalid", test_ddl_invalid);
  g_test_add_func ("/core/ddl/deterministic", test_ddl_deterministic);
  g_test_add_func ("/core/ddl/generated", test_ddl_generated);

  return g_test_run ();
}
