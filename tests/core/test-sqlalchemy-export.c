/* test-sqlalchemy-export.c: tests of the SQLAlchemy module export, run under SQLAlchemy itself
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlalchemy-export"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tw-dialect.h"
#include "tw-model-file.h"
#include "tw-sqlalchemy-export.h"
#include "tw-test-schemas.h"

/* Debian's Python, which sees python3-sqlalchemy (PLATFORM.md). */
#define PYTHON "/usr/bin/python3"

static gboolean have_sqlalchemy;
static char    *sqlalchemy_missing;

static void
check_sqlalchemy (void)
{
  const char *argv[] = { PYTHON, "-c", "import sqlalchemy; assert sqlalchemy.__version__.startswith('1.4')", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      sqlalchemy_missing = g_strdup_printf ("%s with SQLAlchemy 1.4 is not available: %s %s",
                                            PYTHON, error->message, err != NULL ? err : "");
      return;
    }
  have_sqlalchemy = TRUE;
}

/* Outside CI a missing SQLAlchemy skips the test; in CI it fails. */
static gboolean
require_sqlalchemy (void)
{
  if (have_sqlalchemy)
    return TRUE;
  if (g_getenv ("CI") != NULL)
    g_test_fail_printf ("%s", sqlalchemy_missing);
  else
    g_test_skip (sqlalchemy_missing);
  return FALSE;
}

static TwMetadata *
load_demo (void)
{
  const char *source_dir = g_getenv ("TW_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  TwMetadata *metadata;

  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "data", "demo", "demo.twm", NULL);
  file = g_file_new_for_path (path);
  metadata = tw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  return metadata;
}

static TwMetadata *
schema_m2m_back_populates (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
}

static TwMetadata *
schema_m2m_backref (void)
{
  return tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACKREF);
}

static TwMetadata *
schema_generated (void)
{
  return tw_test_schema_generated (8, 17);
}

/* A parent/child one-to-many with a backref, and two foreign keys from one
 * table to another, which need foreign_keys=. */
static TwMetadata *
schema_ambiguous (void)
{
  TwMetadata *metadata = tw_test_schema_tutorial ();
  TwTable    *addresses = tw_metadata_find_table (metadata, "addresses");
  g_autoptr (TwColumn) column = tw_column_new ("checked_by", TW_COLUMN_TYPE_INTEGER);
  const char *local[] = { "checked_by", NULL };
  const char *remote[] = { "id", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, local, "users", remote);
  g_autoptr (TwRelationship) rel = tw_relationship_new (TW_RELATIONSHIP_KIND_ONE_TO_MANY,
                                                         "users", "addresses");

  tw_table_add_column (addresses, column);
  tw_foreign_key_set_on_delete (fk, TW_FK_ACTION_SET_NULL);
  tw_table_add_foreign_key (addresses, fk);
  tw_relationship_set_left_attribute (rel, "checked_addresses");
  tw_relationship_set_right_attribute (rel, "checker");
  tw_relationship_set_style (rel, TW_RELATIONSHIP_STYLE_BACKREF);
  tw_relationship_set_foreign_key_columns (rel, local);
  tw_metadata_add_relationship (metadata, rel);

  return metadata;
}

/* A self-referential many-to-many relationship (people.friends /
 * people.friend_of through friendships), which needs primaryjoin= and
 * secondaryjoin=, and a table without a primary key, which can only be a
 * Table. */
static TwMetadata *
schema_self_many_to_many (void)
{
  TwMetadata *metadata = tw_metadata_new ();
  g_autoptr (TwTable) people = tw_table_new ("people");
  g_autoptr (TwTable) log = tw_table_new ("log");
  g_autoptr (TwColumn) id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);
  g_autoptr (TwColumn) name = tw_column_new ("name", TW_COLUMN_TYPE_STRING);
  g_autoptr (TwColumn) line = tw_column_new ("line", TW_COLUMN_TYPE_TEXT);
  g_autoptr (GError) error = NULL;
  TwRelationship *rel;
  TwRelationship *lines;

  tw_column_set_primary_key (id, TRUE);
  tw_table_add_column (people, id);
  tw_column_set_length (name, 40);
  tw_table_add_column (people, name);
  tw_metadata_add_table (metadata, people);
  tw_table_add_column (log, line);
  tw_metadata_add_table (metadata, log);

  rel = tw_metadata_link_many_to_many (metadata, people, people, "friendships", &error);
  g_assert_no_error (error);
  tw_relationship_set_left_attribute (rel, "friends");
  tw_relationship_set_right_attribute (rel, "friend_of");

  /* A Table has no relationship(): the module says so. */
  lines = tw_metadata_link_one_to_many (metadata, people, log, &error);
  g_assert_no_error (error);
  tw_relationship_set_left_attribute (lines, "log_lines");

  return metadata;
}

/* Column names that are Python keywords, names the module imports, or
 * the association table's variable, which a class body must not hide. */
static TwMetadata *
schema_python_names (void)
{
  TwMetadata *metadata = tw_test_schema_many_to_many (TW_RELATIONSHIP_STYLE_BACK_POPULATES);
  TwTable    *left = tw_metadata_find_table (metadata, "left");
  const char *names[] = {
    "association", "Column", "String", "text", "relationship", "metadata", "class", "2nd",
    "Right", "Base", "__secret", "_sa_x", "naïve", "parents",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (TwColumn) column = tw_column_new (names[i], TW_COLUMN_TYPE_STRING);

      tw_column_set_length (column, 10);
      tw_table_add_column (left, column);
    }

  return metadata;
}

/* The cycle with named foreign keys: then Tablewright's SQLite DDL names
 * them too, and the names can be compared. */
static TwMetadata *
schema_cycle_named (void)
{
  TwMetadata *metadata = tw_test_schema_cycle ();
  GListModel *fks = tw_table_get_foreign_keys (tw_metadata_find_table (metadata, "a"));
  g_autoptr (TwForeignKey) a_fk = g_list_model_get_item (fks, 0);
  g_autoptr (TwForeignKey) b_fk = NULL;

  fks = tw_table_get_foreign_keys (tw_metadata_find_table (metadata, "b"));
  b_fk = g_list_model_get_item (fks, 0);
  tw_foreign_key_set_name (a_fk, "a_to_b");
  tw_foreign_key_set_name (b_fk, "b_to_a");
  tw_foreign_key_set_on_delete (b_fk, TW_FK_ACTION_SET_NULL);

  return metadata;
}

typedef struct
{
  const char  *name;
  TwMetadata *(*build) (void);
  /* Tablewright names the foreign keys of an unnamed cycle only where it
   * adds them with ALTER TABLE; the module must name them everywhere. */
  gboolean     ignore_fk_names;
} SchemaCase;

static const SchemaCase schema_cases[] = {
  { "demo", load_demo },
  { "tutorial", tw_test_schema_tutorial },
  { "many-to-many-back-populates", schema_m2m_back_populates },
  { "many-to-many-backref", schema_m2m_backref },
  { "composite", tw_test_schema_composite },
  { "tree", tw_test_schema_tree },
  { "cycle", tw_test_schema_cycle, TRUE },
  { "cycle-named", schema_cycle_named },
  { "reserved", tw_test_schema_reserved },
  { "all-types", tw_test_schema_all_types },
  { "generated", schema_generated },
  { "ambiguous", schema_ambiguous },
  { "self-many-to-many", schema_self_many_to_many },
  { "python-names", schema_python_names },
};

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Exports the model, creates it with SQLAlchemy and with Tablewright's
 * SQLite DDL, and lets the driver compare the two databases. */
static void
test_create_all (gconstpointer data)
{
  const SchemaCase *schema = data;
  g_autoptr (TwMetadata) metadata = NULL;
  g_autoptr (GPtrArray) statements = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *module = NULL;
  g_autofree char *script = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *module_path = NULL;
  g_autofree char *ddl_path = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) envp = NULL;
  const char *argv[7];
  guint n_args = 0;
  int status = 0;

  if (!require_sqlalchemy ())
    return;

  metadata = schema->build ();
  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);
  statements = tw_dialect_compile_create_all (tw_dialect_get (TW_DIALECT_KIND_SQLITE), metadata,
                                              &error);
  g_assert_no_error (error);
  script = tw_ddl_statements_to_script (statements);

  workdir = g_dir_make_tmp ("tw-sqla-XXXXXX", &error);
  g_assert_no_error (error);
  module_path = g_build_filename (workdir, "model.py", NULL);
  ddl_path = g_build_filename (workdir, "create_all.sql", NULL);
  g_file_set_contents (module_path, module, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (ddl_path, script, -1, &error);
  g_assert_no_error (error);

  driver = g_test_build_filename (G_TEST_DIST, "tools", "sqla_create_all.py", NULL);
  argv[n_args++] = PYTHON;
  argv[n_args++] = driver;
  if (schema->ignore_fk_names)
    argv[n_args++] = "--ignore-fk-names";
  argv[n_args++] = module_path;
  argv[n_args++] = ddl_path;
  argv[n_args++] = workdir;
  argv[n_args] = NULL;
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "PYTHONDONTWRITEBYTECODE", "1", TRUE);
  /* The sanitizer runtime of this test must not reach Python. */
  envp = g_environ_unsetenv (envp, "LD_PRELOAD");

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);

  if (!g_spawn_check_wait_status (status, NULL))
    g_test_fail_printf ("SQLAlchemy's schema of %s differs from Tablewright's:\n%s%s\n--- module\n%s",
                        schema->name, out, err, module);
  else
    g_test_message ("%s", out);
  if (g_test_verbose ())
    g_test_message ("%s", module);

  remove_tree (workdir);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in the module:\n%s", part, text);
}

static void
test_tutorial_text (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = tw_sqlalchemy_export_full (metadata, "tutorial.twm", &error);

  g_assert_no_error (error);
  assert_contains (module, "# Generated by Tablewright " PACKAGE_VERSION " from the model “tutorial.twm”.\n");
  assert_contains (module, "from sqlalchemy import Column, ForeignKey, Integer, String\n");
  assert_contains (module, "from sqlalchemy.orm import declarative_base, relationship\n");
  assert_contains (module, "\nBase = declarative_base()\n");
  assert_contains (module,
                   "class User(Base):\n"
                   "    __tablename__ = \"users\"\n"
                   "\n"
                   "    id = Column(Integer, primary_key=True)\n"
                   "    name = Column(String(50))\n");
  assert_contains (module, "\n    addresses = relationship(\"Address\", back_populates=\"user\")\n");
  assert_contains (module,
                   "class Address(Base):\n"
                   "    __tablename__ = \"addresses\"\n"
                   "\n"
                   "    id = Column(Integer, primary_key=True)\n"
                   "    email_address = Column(String(50), nullable=False)\n"
                   "    user_id = Column(Integer, ForeignKey(\"users.id\"))\n"
                   "\n"
                   "    user = relationship(\"User\", back_populates=\"addresses\")\n");
  /* A model with no name says so. */
  g_clear_pointer (&module, g_free);
  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);
  assert_contains (module, " from an unsaved model.\n");
}

static void
test_demo_text (void)
{
  g_autoptr (TwMetadata) metadata = load_demo ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = tw_sqlalchemy_export (metadata, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  /* The association table as a Table, before the classes that use it. */
  assert_contains (module,
                   "book_authors = Table(\n"
                   "    \"book_authors\",\n"
                   "    Base.metadata,\n"
                   "    Column(\"author_id\", Integer, ForeignKey(\"authors.id\", ondelete=\"CASCADE\"), primary_key=True),\n");
  g_assert_true (strstr (module, "book_authors = Table(") < strstr (module, "class Author(Base):"));
  assert_contains (module, "    books = relationship(\"Book\", secondary=book_authors, back_populates=\"authors\")\n");
  assert_contains (module, "    authors = relationship(\"Author\", secondary=book_authors, back_populates=\"books\")\n");
  /* Singular CamelCase class names. */
  assert_contains (module, "class OrderLine(Base):\n");
  assert_contains (module, "class Category(Base):\n");
  /* The self-referential backref names its remote side. */
  assert_contains (module,
                   "    children = relationship(\"Category\", backref=backref(\"parent\", remote_side=[id]))\n");
  assert_contains (module, "from sqlalchemy.orm import backref, declarative_base, relationship\n");
  /* Types, defaults, constraints. */
  assert_contains (module, "    id = Column(BigInteger().with_variant(Integer(), \"sqlite\"), primary_key=True)\n");
  assert_contains (module, "Enum(\"pending\", \"paid\", \"shipped\", \"cancelled\", name=\"order_status\")");
  assert_contains (module, "server_default=func.current_timestamp()");
  assert_contains (module, "server_default=\"pending\"");
  assert_contains (module, "    uuid = Column(Uuid(), nullable=False)\n");
  assert_contains (module, "        PrimaryKeyConstraint(\"order_id\", \"line_no\", name=\"pk_order_lines\"),\n");
  assert_contains (module, "        CheckConstraint(\"quantity > 0\", name=\"ck_order_lines_quantity\"),\n");
  assert_contains (module, "        Index(\"ix_orders_user_id_created_at\", \"user_id\", \"created_at\"),\n");
  assert_contains (module, "        {\"comment\": \"One book of an order\"},\n");

  /* Deterministic. */
  again = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (module, ==, again);
}

static void
test_names (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_reserved ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = NULL;
  TwTable *table;
  g_autoptr (TwColumn) metadata_column = tw_column_new ("metadata", TW_COLUMN_TYPE_TEXT);
  g_autoptr (TwColumn) digit_column = tw_column_new ("2nd", TW_COLUMN_TYPE_TEXT);
  g_autoptr (TwColumn) under_column = tw_column_new ("has_space", TW_COLUMN_TYPE_TEXT);
  g_autoptr (TwTable) text_table = tw_table_new ("texts");
  g_autoptr (TwColumn) text_id = tw_column_new ("id", TW_COLUMN_TYPE_INTEGER);

  table = tw_metadata_find_table (metadata, "user");
  tw_table_add_column (table, metadata_column);
  tw_table_add_column (table, digit_column);
  tw_table_add_column (table, under_column);
  tw_column_set_primary_key (text_id, TRUE);
  tw_table_add_column (text_table, text_id);
  tw_metadata_add_table (metadata, text_table);

  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);

  assert_contains (module, "class User(Base):\n    __tablename__ = \"user\"\n");
  assert_contains (module, "class Order(Base):\n");
  assert_contains (module, "class Select(Base):\n");
  assert_contains (module, "class Group(Base):\n    __tablename__ = \"Group\"\n");
  /* A class must not hide the imported Text type. */
  assert_contains (module, "class TextModel(Base):\n    __tablename__ = \"texts\"\n");
  assert_contains (module, "    from_ = Column(\"from\", String(50))\n");
  assert_contains (module, "    has_space = Column(\"has space\", Text)\n");
  assert_contains (module, "    has_space_2 = Column(\"has_space\", Text)\n");
  assert_contains (module, "    metadata_ = Column(\"metadata\", Text)\n");
  assert_contains (module, "    _2nd = Column(\"2nd\", Text)\n");
  assert_contains (module, "    quo_te = Column(\"quo\\\"te\", String(20), index=True)\n");
  assert_contains (module, "    back_tick = Column(\"back`tick\", String(20), unique=True)\n");
  assert_contains (module, "ForeignKey(\"user.id\", name=\"fk-order-user\", ondelete=\"CASCADE\")");
  assert_contains (module, "        Index(\"index\", \"from\"),\n");
}

static void
test_string_literals (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = NULL;
  TwTable *users = tw_metadata_find_table (metadata, "users");

  tw_table_set_comment (users, "Say \"hi\"\\n\nnow\t\x01 – ünïcode");
  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_no_error (error);
  assert_contains (module,
                   "    __table_args__ = {\"comment\": \"Say \\\"hi\\\"\\\\n\\nnow\\t\\x01 – ünïcode\"}\n");
}

static void
test_notes (void)
{
  g_autoptr (TwMetadata) metadata = schema_self_many_to_many ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = tw_sqlalchemy_export (metadata, &error);

  g_assert_no_error (error);
  assert_contains (module,
                   "#\n# Left out: the relationship people.log_lines / log.people, because table "
                   "log has no primary key, so no class.\n\nfrom sqlalchemy import ");
  assert_contains (module,
                   "log = Table(\n"
                   "    \"log\",\n"
                   "    Base.metadata,\n"
                   "    Column(\"line\", Text),\n"
                   "    Column(\"people_id\", Integer, ForeignKey(\"people.id\")),\n"
                   ")\n");
  g_assert_null (strstr (module, "log_lines ="));
}

static void
test_invalid (void)
{
  g_autoptr (TwMetadata) metadata = tw_test_schema_tutorial ();
  g_autoptr (TwMetadata) dotted = tw_test_schema_tutorial ();
  g_autoptr (GError) error = NULL;
  g_autofree char *module = NULL;
  const char *local[] = { "user_id", NULL };
  const char *remote[] = { "id", NULL };
  g_autoptr (TwForeignKey) fk = tw_foreign_key_new (NULL, local, "nowhere", remote);

  tw_table_add_foreign_key (tw_metadata_find_table (metadata, "addresses"), fk);
  module = tw_sqlalchemy_export (metadata, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (module);
  g_assert_nonnull (strstr (error->message, "nowhere"));
  g_clear_error (&error);

  tw_metadata_rename_table (dotted, tw_metadata_find_table (dotted, "users"), "shop.users");
  module = tw_sqlalchemy_export (dotted, &error);
  g_assert_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID);
  g_assert_null (module);
  g_assert_nonnull (strstr (error->message, "“shop.users”"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  check_sqlalchemy ();

  g_test_add_func ("/core/sqlalchemy-export/tutorial-text", test_tutorial_text);
  g_test_add_func ("/core/sqlalchemy-export/demo-text", test_demo_text);
  g_test_add_func ("/core/sqlalchemy-export/names", test_names);
  g_test_add_func ("/core/sqlalchemy-export/string-literals", test_string_literals);
  g_test_add_func ("/core/sqlalchemy-export/notes", test_notes);
  g_test_add_func ("/core/sqlalchemy-export/invalid", test_invalid);
  for (guint i = 0; i < G_N_ELEMENTS (schema_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/sqlalchemy-export/create-all/%s",
                                               schema_cases[i].name);

      g_test_add_data_func (path, &schema_cases[i], test_create_all);
    }

  status = g_test_run ();
  g_free (sqlalchemy_missing);
  return status;
}
