/* tw-demo-data.c: the demo database: the demo model's schema with made-up rows
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-demo-data"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tw-column.h"
#include "tw-connection.h"
#include "tw-demo-data.h"
#include "tw-dialect.h"
#include "tw-schema-apply.h"
#include "tw-table.h"
#include "tw-url.h"

#define DEMO_SEED       20260101
#define N_USERS         300
#define N_AUTHORS       200
#define N_BOOKS         1500
#define N_ORDERS        2000
#define N_TOP_CATEGORIES 5

static const char * const first_names[] = {
  "Ada", "Alan", "Amara", "Anders", "Aroha", "Beatriz", "Bjorn", "Camille", "Chen", "Dara",
  "Dmitri", "Elena", "Emeka", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan",
  "Jamal", "Jonas", "Kai", "Kavya", "Lars", "Leila", "Lucia", "Mateo", "Mei", "Mina",
  "Nadia", "Noah", "Olga", "Omar", "Pablo", "Priya", "Rafael", "Rosa", "Sami", "Sofia",
  "Tariq", "Thea", "Uma", "Victor", "Wanda", "Xavier", "Yara", "Yusuf", "Zoe", "Zoltan",
};

static const char * const last_names[] = {
  "Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
  "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn",
  "Rossi", "Santos", "Tanaka", "Urquhart", "Varga", "Weber", "Xu", "Yilmaz", "Zhang",
  "Novak", "Silva", "Murphy", "Kim",
};

static const char * const adjectives[] = {
  "Silent", "Crimson", "Hidden", "Forgotten", "Last", "Golden", "Broken", "Endless", "Distant",
  "Little", "Burning", "Quiet", "Restless", "Northern", "Secret", "Wandering", "Hollow",
  "Bright", "Paper", "Glass",
};

static const char * const nouns[] = {
  "Garden", "River", "Lighthouse", "Orchard", "Mountain", "Library", "Harbour", "Clockmaker",
  "Winter", "Kingdom", "Compass", "Lantern", "Island", "Archive", "Forest", "Machine",
  "Bridge", "Season", "Map", "Cartographer",
};

static const char * const subjects[] = {
  "Algorithms", "Databases", "Gardening", "Cooking", "Astronomy", "Typography", "Sailing",
  "Chess", "Architecture", "Birdwatching",
};

static const char * const top_categories[N_TOP_CATEGORIES] = {
  "Fiction", "Science", "History", "Arts", "Children",
};

static const char * const sub_categories[N_TOP_CATEGORIES][3] = {
  { "Mystery", "Fantasy", "Literary" },
  { "Physics", "Biology", "Computing" },
  { "Ancient", "Modern", "Maritime" },
  { "Music", "Painting", "Photography" },
  { "Picture Books", "Early Readers", "Young Adult" },
};

static const char * const third_level[] = {
  "Classics", "Essentials", "New Voices", "Illustrated", "Reference",
};

static const char * const domains[] = {
  "example.com", "example.org", "example.net", "mail.example", "post.example",
};

static const char * const statuses[] = {
  "pending", "paid", "shipped", "cancelled",
};

/* A table being filled: the values of the row being built, by column name,
 * and the INSERT prepared for the columns the first row had. */
typedef struct
{
  TwConnection *connection;
  TwTable      *table;
  GHashTable   *row;
  GPtrArray    *columns;
  TwStatement  *statement;
} Inserter;

static void
inserter_init (Inserter     *ins,
               TwConnection *connection,
               TwMetadata   *model,
               const char   *table_name)
{
  ins->connection = connection;
  ins->table = tw_metadata_find_table (model, table_name);
  ins->row = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) tw_value_free);
  ins->columns = g_ptr_array_new ();
  ins->statement = NULL;
}

static void
inserter_clear (Inserter *ins)
{
  g_clear_pointer (&ins->row, g_hash_table_unref);
  g_clear_pointer (&ins->columns, g_ptr_array_unref);
  g_clear_object (&ins->statement);
}

/* Sets a value of the row; a column the model does not have is left out. */
static void
set_value (Inserter   *ins,
           const char *column,
           TwValue    *value)
{
  if (ins->table == NULL || tw_table_find_column (ins->table, column) == NULL)
    {
      tw_value_free (value);
      return;
    }

  g_hash_table_replace (ins->row, (gpointer) column, value);
}

static void
set_int (Inserter   *ins,
         const char *column,
         gint64      value)
{
  set_value (ins, column, tw_value_new_int64 (value));
}

static void
set_text (Inserter   *ins,
          const char *column,
          const char *value)
{
  set_value (ins, column, value != NULL ? tw_value_new_text (value) : tw_value_new_null ());
}

/* Prepares the INSERT for the columns of the first row, in table order. */
static gboolean
inserter_prepare (Inserter      *ins,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TwDialectKind kind = tw_connection_get_dialect_kind (ins->connection);
  TwDialect    *dialect = tw_dialect_get (kind);
  GListModel   *columns = tw_table_get_columns (ins->table);
  g_autoptr (GString) sql = g_string_new ("INSERT INTO ");
  guint         n = g_list_model_get_n_items (columns);

  tw_dialect_append_identifier (dialect, sql, tw_table_get_name (ins->table));
  g_string_append (sql, " (");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TwColumn) column = g_list_model_get_item (columns, i);
      const char *name = tw_column_get_name (column);

      if (!g_hash_table_contains (ins->row, name))
        continue;

      if (ins->columns->len > 0)
        g_string_append (sql, ", ");
      tw_dialect_append_identifier (dialect, sql, name);
      /* The hash table's key lives as long as the row's values: the
       * generator's string literals. */
      g_ptr_array_add (ins->columns, (gpointer) g_intern_string (name));
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < ins->columns->len; i++)
    {
      g_autofree char *placeholder = tw_dialect_kind_placeholder (kind, i + 1);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", placeholder);
    }
  g_string_append (sql, ")");

  ins->statement = tw_connection_prepare (ins->connection, sql->str, cancellable, error);
  if (ins->statement == NULL)
    {
      g_prefix_error (error, _("Could not prepare the rows of the demo table “%s”: "),
                      tw_table_get_name (ins->table));
      return FALSE;
    }

  return TRUE;
}

/* Inserts the row built so far and starts the next one. */
static gboolean
inserter_insert (Inserter      *ins,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr (TwResult) result = NULL;
  g_autofree TwValue **params = NULL;
  g_autoptr (TwValue) null_value = tw_value_new_null ();

  if (ins->table == NULL)
    {
      g_hash_table_remove_all (ins->row);
      return TRUE;
    }

  if (ins->statement == NULL && !inserter_prepare (ins, cancellable, error))
    return FALSE;

  params = g_new0 (TwValue *, MAX (1, ins->columns->len));
  for (guint i = 0; i < ins->columns->len; i++)
    {
      TwValue *value = g_hash_table_lookup (ins->row, g_ptr_array_index (ins->columns, i));

      params[i] = value != NULL ? value : null_value;
    }

  result = tw_statement_execute (ins->statement, params, ins->columns->len, cancellable, error);
  g_hash_table_remove_all (ins->row);
  if (result == NULL)
    {
      g_prefix_error (error, _("Could not insert a row into the demo table “%s”: "),
                      tw_table_get_name (ins->table));
      return FALSE;
    }

  return TRUE;
}

static const char *
pick (GRand              *rand,
      const char * const *words,
      guint               n_words)
{
  return words[g_rand_int_range (rand, 0, n_words)];
}

#define PICK(rand, words) pick ((rand), (words), G_N_ELEMENTS (words))

/* A date-time between 2024-01-01 and the end of 2025, in UTC. */
static char *
random_datetime (GRand    *rand,
                 gboolean  with_offset)
{
  g_autoptr (GDateTime) base = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) when = g_date_time_add_seconds (base, g_rand_int_range (rand, 0, 730 * 86400));
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");

  return with_offset ? g_strconcat (text, "+00:00", NULL) : g_steal_pointer (&text);
}

static void
set_datetime (Inserter   *ins,
              const char *column,
              GRand      *rand,
              gboolean    with_offset)
{
  g_autofree char *text = random_datetime (rand, with_offset);

  set_value (ins, column, tw_value_new_datetime (text));
}

static char *
random_uuid (GRand *rand)
{
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (rand);

  /* Version 4, variant 1, as a random UUID would be. */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          w[0], w[1] >> 16, w[1] & 0xfff,
                          0x8000 | ((w[2] >> 16) & 0x3fff), w[2] & 0xffff, w[3]);
}

/* An ISBN-13 starting with 978, unique for each @n below 10^9, with its
 * check digit. */
static char *
make_isbn (guint n)
{
  char  digits[14];
  guint sum = 0;

  g_snprintf (digits, sizeof digits, "978%09u", (n * 7919u + 100003u) % 1000000000u);
  for (guint i = 0; i < 12; i++)
    sum += (guint) (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  digits[12] = (char) ('0' + (10 - sum % 10) % 10);
  digits[13] = '\0';

  return g_strdup (digits);
}

static char *
cents_to_numeric (gint64 cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

static gboolean
fill_users (TwConnection  *connection,
            TwMetadata    *model,
            GRand         *rand,
            GCancellable  *cancellable,
            GError       **error)
{
  Inserter users;
  Inserter addresses;
  gint64   address_id = 1;
  gboolean ok = TRUE;

  inserter_init (&users, connection, model, "users");
  inserter_init (&addresses, connection, model, "addresses");

  for (guint i = 1; ok && i <= N_USERS; i++)
    {
      const char *first = PICK (rand, first_names);
      const char *last = PICK (rand, last_names);
      g_autofree char *lower = g_ascii_strdown (first, -1);
      g_autofree char *login = g_strdup_printf ("%s%u", lower, i);
      g_autofree char *fullname = g_strdup_printf ("%s %s", first, last);
      guint n_addresses = g_rand_int_range (rand, 0, 3);

      set_int (&users, "id", i);
      set_text (&users, "name", login);
      set_text (&users, "fullname", fullname);
      set_text (&users, "nickname", g_rand_int_range (rand, 0, 3) == 0 ? NULL : first);
      if (g_rand_int_range (rand, 0, 10) == 0)
        set_value (&users, "last_login", tw_value_new_null ());
      else
        set_datetime (&users, "last_login", rand, FALSE);
      ok = inserter_insert (&users, cancellable, error);

      for (guint j = 0; ok && j < n_addresses; j++)
        {
          g_autofree char *email = g_strdup_printf ("%s%s@%s", login, j > 0 ? ".work" : "",
                                                    PICK (rand, domains));

          set_int (&addresses, "id", address_id++);
          set_int (&addresses, "user_id", i);
          set_text (&addresses, "email_address", email);
          ok = inserter_insert (&addresses, cancellable, error);
        }
    }

  inserter_clear (&users);
  inserter_clear (&addresses);

  return ok;
}

/* A tree of three levels: a few top categories, three below each, and the
 * rest of the forty below those. Returns the ids of the leaves. */
static gboolean
fill_categories (TwConnection  *connection,
                 TwMetadata    *model,
                 GRand         *rand,
                 GArray        *leaves,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Inserter categories;
  gint64   id = 1;
  gint64   second_level[N_TOP_CATEGORIES * 3];
  gboolean ok = TRUE;

  inserter_init (&categories, connection, model, "categories");

  for (guint i = 0; ok && i < N_TOP_CATEGORIES; i++)
    {
      set_int (&categories, "id", id++);
      set_text (&categories, "name", top_categories[i]);
      set_value (&categories, "parent_id", tw_value_new_null ());
      ok = inserter_insert (&categories, cancellable, error);
    }

  for (guint i = 0; ok && i < N_TOP_CATEGORIES * 3; i++)
    {
      second_level[i] = id;
      set_int (&categories, "id", id++);
      set_text (&categories, "name", sub_categories[i / 3][i % 3]);
      set_int (&categories, "parent_id", i / 3 + 1);
      ok = inserter_insert (&categories, cancellable, error);
    }

  /* Forty in all: twenty at the third level, under random second-level
   * categories; the second-level ones left without children are leaves. */
  for (guint i = 0; ok && i < 20; i++)
    {
      guint parent = g_rand_int_range (rand, 0, G_N_ELEMENTS (second_level));
      g_autofree char *name = g_strdup_printf ("%s %s", sub_categories[parent / 3][parent % 3],
                                               third_level[i % G_N_ELEMENTS (third_level)]);

      g_array_append_val (leaves, id);
      set_int (&categories, "id", id++);
      set_text (&categories, "name", name);
      set_int (&categories, "parent_id", second_level[parent]);
      ok = inserter_insert (&categories, cancellable, error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (second_level); i++)
    g_array_append_val (leaves, second_level[i]);

  inserter_clear (&categories);

  return ok;
}

static gboolean
fill_authors (TwConnection  *connection,
              TwMetadata    *model,
              GRand         *rand,
              GCancellable  *cancellable,
              GError       **error)
{
  Inserter authors;
  gboolean ok = TRUE;

  inserter_init (&authors, connection, model, "authors");

  for (guint i = 1; ok && i <= N_AUTHORS; i++)
    {
      const char *first = PICK (rand, first_names);
      const char *last = PICK (rand, last_names);
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *topic = g_ascii_strdown (PICK (rand, nouns), -1);
      const char *subject = PICK (rand, subjects);
      int born = g_rand_int_range (rand, 1940, 2000);
      g_autofree char *bio = NULL;

      /* Made-up data, like the names: not translated. */
      if (g_rand_int_range (rand, 0, 3) > 0)
        bio = g_strdup_printf ("Writes about %ss and %s; born in %d.", topic, subject, born);

      set_int (&authors, "id", i);
      set_text (&authors, "name", name);
      set_text (&authors, "bio", bio);
      ok = inserter_insert (&authors, cancellable, error);
    }

  inserter_clear (&authors);

  return ok;
}

static gboolean
fill_books (TwConnection  *connection,
            TwMetadata    *model,
            GRand         *rand,
            GArray        *leaves,
            gint64        *prices,
            GCancellable  *cancellable,
            GError       **error)
{
  Inserter books;
  Inserter links;
  gboolean ok = TRUE;

  inserter_init (&books, connection, model, "books");
  inserter_init (&links, connection, model, "book_authors");

  for (guint i = 1; ok && i <= N_BOOKS; i++)
    {
      const char *adjective = PICK (rand, adjectives);
      const char *noun = PICK (rand, nouns);
      const char *subject = PICK (rand, subjects);
      guint       pattern = g_rand_int_range (rand, 0, 4);
      g_autofree char *title = NULL;
      g_autofree char *isbn = make_isbn (i);
      g_autofree char *published = NULL;
      g_autofree char *price = NULL;
      g_autofree char *extra = NULL;
      g_autofree char *uuid = NULL;
      gint64      category = g_array_index (leaves, gint64, g_rand_int_range (rand, 0, leaves->len));
      guint       n_authors = g_rand_int_range (rand, 1, 4);
      gint64      authors[3];

      switch (pattern)
        {
        case 0:
          title = g_strdup_printf ("The %s %s", adjective, noun);
          break;
        case 1:
          title = g_strdup_printf ("A %s of %s", noun, subject);
          break;
        case 2:
          title = g_strdup_printf ("%s %ss", adjective, noun);
          break;
        default:
          title = g_strdup_printf ("%s for Everyone", subject);
          break;
        }
      published = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2026),
                                   g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      prices[i] = g_rand_int_range (rand, 499, 6000);
      price = cents_to_numeric (prices[i]);
      extra = g_strdup_printf ("{\"format\": \"%s\", \"language\": \"%s\"}",
                               g_rand_boolean (rand) ? "paperback" : "hardcover",
                               g_rand_int_range (rand, 0, 5) == 0 ? "fr" : "en");
      uuid = random_uuid (rand);

      set_int (&books, "id", i);
      set_text (&books, "title", title);
      set_text (&books, "isbn", isbn);
      set_int (&books, "page_count", g_rand_int_range (rand, 80, 900));
      set_value (&books, "published", tw_value_new_date (published));
      set_value (&books, "price", tw_value_new_numeric (price));
      set_value (&books, "rating", tw_value_new_double (g_rand_int_range (rand, 10, 51) / 10.0));
      set_value (&books, "in_print", tw_value_new_boolean (g_rand_int_range (rand, 0, 5) > 0));
      set_value (&books, "extra", tw_value_new_json (extra));
      set_value (&books, "uuid", tw_value_new_uuid (uuid));
      set_int (&books, "category_id", category);
      ok = inserter_insert (&books, cancellable, error);

      /* One to three different authors. */
      for (guint j = 0; ok && j < n_authors; j++)
        {
          gboolean seen = FALSE;

          authors[j] = g_rand_int_range (rand, 1, N_AUTHORS + 1);
          for (guint k = 0; k < j; k++)
            seen = seen || authors[k] == authors[j];
          if (seen)
            continue;

          set_int (&links, "author_id", authors[j]);
          set_int (&links, "book_id", i);
          ok = inserter_insert (&links, cancellable, error);
        }
    }

  inserter_clear (&books);
  inserter_clear (&links);

  return ok;
}

static gboolean
fill_orders (TwConnection  *connection,
             TwMetadata    *model,
             GRand         *rand,
             const gint64  *prices,
             GCancellable  *cancellable,
             GError       **error)
{
  Inserter orders;
  Inserter lines;
  gboolean ok = TRUE;

  inserter_init (&orders, connection, model, "orders");
  inserter_init (&lines, connection, model, "order_lines");

  for (guint i = 1; ok && i <= N_ORDERS; i++)
    {
      guint  n_lines = g_rand_int_range (rand, 1, 6);
      gint64 books[5];
      gint64 quantities[5];
      gint64 total = 0;
      const char *status = PICK (rand, statuses);
      g_autofree char *total_text = NULL;

      for (guint j = 0; j < n_lines; j++)
        {
          books[j] = g_rand_int_range (rand, 1, N_BOOKS + 1);
          quantities[j] = g_rand_int_range (rand, 0, 4) == 0 ? 2 : 1;
          total += prices[books[j]] * quantities[j];
        }
      total_text = cents_to_numeric (total);

      set_int (&orders, "id", i);
      set_int (&orders, "user_id", g_rand_int_range (rand, 1, N_USERS + 1));
      set_text (&orders, "status", status);
      set_datetime (&orders, "created_at", rand, TRUE);
      if (g_strcmp0 (status, "shipped") == 0)
        {
          g_autofree char *time = g_strdup_printf ("%02d:%02d:00", g_rand_int_range (rand, 8, 18),
                                                   g_rand_int_range (rand, 0, 60));

          set_value (&orders, "ship_time", tw_value_new_time (time));
        }
      else
        set_value (&orders, "ship_time", tw_value_new_null ());
      set_text (&orders, "note", g_rand_int_range (rand, 0, 12) == 0 ? "Gift wrap, please" : NULL);
      set_value (&orders, "total", tw_value_new_numeric (total_text));
      ok = inserter_insert (&orders, cancellable, error);

      for (guint j = 0; ok && j < n_lines; j++)
        {
          g_autofree char *unit_price = cents_to_numeric (prices[books[j]]);

          set_int (&lines, "order_id", i);
          set_int (&lines, "line_no", j + 1);
          set_int (&lines, "book_id", books[j]);
          set_int (&lines, "quantity", quantities[j]);
          set_value (&lines, "unit_price", tw_value_new_numeric (unit_price));
          ok = inserter_insert (&lines, cancellable, error);
        }
    }

  inserter_clear (&orders);
  inserter_clear (&lines);

  return ok;
}

static gboolean
fill_database (TwConnection  *connection,
               TwMetadata    *model,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr (GArray) leaves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gint64 *prices = g_new0 (gint64, N_BOOKS + 1);

  if (!tw_schema_create_all (connection, model, FALSE, NULL, cancellable, error))
    {
      g_prefix_error (error, _("Could not create the tables of the demo database: "));
      return FALSE;
    }

  if (!tw_connection_begin (connection, cancellable, error))
    return FALSE;

  if (!fill_users (connection, model, rand, cancellable, error) ||
      !fill_categories (connection, model, rand, leaves, cancellable, error) ||
      !fill_authors (connection, model, rand, cancellable, error) ||
      !fill_books (connection, model, rand, leaves, prices, cancellable, error) ||
      !fill_orders (connection, model, rand, prices, cancellable, error) ||
      !tw_connection_commit (connection, cancellable, error))
    {
      tw_connection_rollback (connection, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
tw_demo_data_create (TwMetadata    *demo_model,
                     const char    *sqlite_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr (TwUrl) url = NULL;
  g_autoptr (TwConnection) connection = NULL;
  gboolean ok;
  int      fd;

  g_return_val_if_fail (TW_IS_METADATA (demo_model), FALSE);
  g_return_val_if_fail (sqlite_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Next to the final file, so that the rename is atomic. */
  tmp_path = g_strconcat (sqlite_path, ".XXXXXX", NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a temporary file for the demo database at “%s”: %s"),
                   tmp_path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, tmp_path);
  connection = tw_connection_open (url, cancellable, error);
  ok = connection != NULL && fill_database (connection, demo_model, cancellable, error);
  if (connection != NULL)
    tw_connection_close (connection);

  if (ok && g_rename (tmp_path, sqlite_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move the demo database to “%s”: %s"),
                   sqlite_path, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp_path);

  return ok;
}
