/* test-url.c: tests for the SQLAlchemy-style URL parser
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-url"

#include "config.h"

#include <string.h>

#include <glib-object.h>

#include "tw-url.h"

#define MAX_PARAMS 4

typedef struct
{
  const char   *input;
  TwDialectKind dialect;
  const char   *dialect_name;
  const char   *driver;
  const char   *username;
  const char   *password;
  const char   *host;
  guint         port;
  const char   *database;
  /* Key, value, key, value, ... in order, then NULL. */
  const char *query[MAX_PARAMS * 2 + 1];
  gboolean    memory;
  gboolean    read_only;
  /* What tw_url_to_string() gives; NULL when the input is canonical. */
  const char *canonical;
} ValidCase;

#define SQLITE TW_DIALECT_KIND_SQLITE, "sqlite"
#define POSTGRESQL TW_DIALECT_KIND_POSTGRESQL, "postgresql"
#define MYSQL TW_DIALECT_KIND_MYSQL, "mysql"
#define MARIADB TW_DIALECT_KIND_MYSQL, "mariadb"

static const ValidCase valid_cases[] = {
  /* SQLAlchemy's documented forms. */
  { "sqlite://", SQLITE, NULL, NULL, NULL, NULL, 0, NULL, { NULL }, TRUE, FALSE, NULL },
  { "sqlite:///:memory:", SQLITE, NULL, NULL, NULL, NULL, 0, ":memory:", { NULL }, TRUE, FALSE,
    NULL },
  { "sqlite:///shop.db", SQLITE, NULL, NULL, NULL, NULL, 0, "shop.db", { NULL }, FALSE, FALSE,
    NULL },
  { "sqlite:////tmp/x.db", SQLITE, NULL, NULL, NULL, NULL, 0, "/tmp/x.db", { NULL }, FALSE, FALSE,
    NULL },
  { "sqlite:///relative/path.db", SQLITE, NULL, NULL, NULL, NULL, 0, "relative/path.db", { NULL },
    FALSE, FALSE, NULL },
  { "sqlite:////absolute/path.db", SQLITE, NULL, NULL, NULL, NULL, 0, "/absolute/path.db", { NULL },
    FALSE, FALSE, NULL },
  { "sqlite+pysqlite:///shop.db", SQLITE, "pysqlite", NULL, NULL, NULL, 0, "shop.db", { NULL },
    FALSE, FALSE, NULL },
  { "sqlite:///shop.db?mode=ro", SQLITE, NULL, NULL, NULL, NULL, 0, "shop.db",
    { "mode", "ro", NULL }, FALSE, TRUE, NULL },
  { "sqlite:///shop.db?mode=rw&timeout=2.5", SQLITE, NULL, NULL, NULL, NULL, 0, "shop.db",
    { "mode", "rw", "timeout", "2.5", NULL }, FALSE, FALSE, NULL },
  { "sqlite:///shop.db?timeout=30&mode=rwc", SQLITE, NULL, NULL, NULL, NULL, 0, "shop.db",
    { "timeout", "30", "mode", "rwc", NULL }, FALSE, FALSE, NULL },
  { "sqlite://?mode=ro", SQLITE, NULL, NULL, NULL, NULL, 0, NULL, { "mode", "ro", NULL }, TRUE,
    TRUE, NULL },
  { "sqlite:///", SQLITE, NULL, NULL, NULL, NULL, 0, "", { NULL }, TRUE, FALSE, NULL },
  { "sqlite:///my%20shop.db", SQLITE, NULL, NULL, NULL, NULL, 0, "my shop.db", { NULL }, FALSE,
    FALSE, NULL },
  { "sqlite:///my shop.db", SQLITE, NULL, NULL, NULL, NULL, 0, "my shop.db", { NULL }, FALSE, FALSE,
    "sqlite:///my%20shop.db" },
  { "sqlite:///caf%C3%A9.db", SQLITE, NULL, NULL, NULL, NULL, 0, "café.db", { NULL }, FALSE, FALSE,
    "sqlite:///café.db" },
  { "sqlite:///café.db", SQLITE, NULL, NULL, NULL, NULL, 0, "café.db", { NULL }, FALSE, FALSE,
    NULL },
  { "sqlite:///data@2x.db", SQLITE, NULL, NULL, NULL, NULL, 0, "data@2x.db", { NULL }, FALSE, FALSE,
    NULL },
  { "sqlite:///C:/data/shop.db", SQLITE, NULL, NULL, NULL, NULL, 0, "C:/data/shop.db", { NULL },
    FALSE, FALSE, NULL },
  { "sqlite:///what%3F.db", SQLITE, NULL, NULL, NULL, NULL, 0, "what?.db", { NULL }, FALSE, FALSE,
    NULL },
  { "sqlite:///50%25.db", SQLITE, NULL, NULL, NULL, NULL, 0, "50%.db", { NULL }, FALSE, FALSE,
    NULL },

  { "postgresql://scott:tiger@localhost/test", POSTGRESQL, NULL, "scott", "tiger", "localhost", 0,
    "test", { NULL }, FALSE, FALSE, NULL },
  { "postgresql+psycopg2://scott:tiger@localhost:5432/mydatabase", POSTGRESQL, "psycopg2", "scott",
    "tiger", "localhost", 5432, "mydatabase", { NULL }, FALSE, FALSE, NULL },
  { "postgresql+pg8000://dbuser:kx%40jj5%2Fg@pghost10/appdb", POSTGRESQL, "pg8000", "dbuser",
    "kx@jj5/g", "pghost10", 0, "appdb", { NULL }, FALSE, FALSE, NULL },
  { "postgresql://user:p%40ss%3Aword@host/db", POSTGRESQL, NULL, "user", "p@ss:word", "host", 0,
    "db", { NULL }, FALSE, FALSE, NULL },
  { "postgresql://u@[::1]:5432/db", POSTGRESQL, NULL, "u", NULL, "::1", 5432, "db", { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://[2001:db8::1]/db", POSTGRESQL, NULL, NULL, NULL, "2001:db8::1", 0, "db", { NULL },
    FALSE, FALSE, NULL },
  { "postgresql://u:pw@[fe80::1]/db", POSTGRESQL, NULL, "u", "pw", "fe80::1", 0, "db", { NULL },
    FALSE, FALSE, NULL },
  /* An "@" after an IPv6 host is not taken for the end of a user name. */
  { "postgresql://u@[::1]:5432/a@b?application_name=me@work", POSTGRESQL, NULL, "u", NULL, "::1",
    5432, "a@b", { "application_name", "me@work", NULL }, FALSE, FALSE,
    "postgresql://u@[::1]:5432/a%40b?application_name=me%40work" },
  { "postgresql://[::1]/a@b", POSTGRESQL, NULL, NULL, NULL, "::1", 0, "a@b", { NULL }, FALSE, FALSE,
    "postgresql://[::1]/a%40b" },
  { "postgresql://%5Bu%5D:p[w]@h/d", POSTGRESQL, NULL, "[u]", "p[w]", "h", 0, "d", { NULL }, FALSE,
    FALSE, "postgresql://%5Bu]:p%5Bw]@h/d" },
  { "postgresql://[::ffff:192.0.2.1]:6543", POSTGRESQL, NULL, NULL, NULL, "::ffff:192.0.2.1", 6543,
    NULL, { NULL }, FALSE, FALSE, NULL },
  { "postgresql:///dbname", POSTGRESQL, NULL, NULL, NULL, NULL, 0, "dbname", { NULL }, FALSE, FALSE,
    NULL },
  { "postgresql://localhost", POSTGRESQL, NULL, NULL, NULL, "localhost", 0, NULL, { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://", POSTGRESQL, NULL, NULL, NULL, NULL, 0, NULL, { NULL }, FALSE, FALSE, NULL },
  { "postgresql://host/", POSTGRESQL, NULL, NULL, NULL, "host", 0, "", { NULL }, FALSE, FALSE,
    NULL },
  { "postgresql://scott@/test", POSTGRESQL, NULL, "scott", NULL, NULL, 0, "test", { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://:5433/test", POSTGRESQL, NULL, NULL, NULL, NULL, 5433, "test", { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://:secret@db.example.com/test", POSTGRESQL, NULL, NULL, "secret", "db.example.com",
    0, "test", { NULL }, FALSE, FALSE, NULL },
  { "postgresql://127.0.0.1:65535/x", POSTGRESQL, NULL, NULL, NULL, "127.0.0.1", 65535, "x",
    { NULL }, FALSE, FALSE, NULL },
  { "postgresql://db_1.internal-net/x", POSTGRESQL, NULL, NULL, NULL, "db_1.internal-net", 0, "x",
    { NULL }, FALSE, FALSE, NULL },
  { "postgresql://scott:tiger@localhost/test?sslmode=require&connect_timeout=10"
    "&application_name=Table+wright",
    POSTGRESQL, NULL, "scott", "tiger", "localhost", 0, "test", { "sslmode", "require",
    "connect_timeout", "10", "application_name", "Table wright", NULL }, FALSE, FALSE, NULL },
  { "postgresql://h/db?sslmode=verify-full&application_name=", POSTGRESQL, NULL, NULL, NULL, "h", 0,
    "db", { "sslmode", "verify-full", "application_name", "", NULL }, FALSE, FALSE, NULL },
  { "postgresql://h/db?application_name=a%2Bb%26c%3Dd", POSTGRESQL, NULL, NULL, NULL, "h", 0, "db",
    { "application_name", "a+b&c=d", NULL }, FALSE, FALSE, NULL },
  { "postgresql://h/db?application_name=%E2%9C%93", POSTGRESQL, NULL, NULL, NULL, "h", 0, "db",
    { "application_name", "✓", NULL }, FALSE, FALSE, "postgresql://h/db?application_name=✓" },
  { "postgresql://h/db?application_name=a%40b", POSTGRESQL, NULL, NULL, NULL, "h", 0, "db",
    { "application_name", "a@b", NULL }, FALSE, FALSE, NULL },
  { "postgresql://h/db?", POSTGRESQL, NULL, NULL, NULL, "h", 0, "db", { NULL }, FALSE, FALSE,
    "postgresql://h/db" },
  /* A "/" or "?" in a password need not be escaped, as in SQLAlchemy. */
  { "postgresql://scott:ti/ger@host/db", POSTGRESQL, NULL, "scott", "ti/ger", "host", 0, "db",
    { NULL }, FALSE, FALSE, "postgresql://scott:ti%2Fger@host/db" },
  { "postgresql://scott:t?ger@host/db", POSTGRESQL, NULL, "scott", "t?ger", "host", 0, "db",
    { NULL }, FALSE, FALSE, "postgresql://scott:t%3Fger@host/db" },
  /* Nor an "@": the host is what follows the last one. */
  { "postgresql://user:p@ss@host/db", POSTGRESQL, NULL, "user", "p@ss", "host", 0, "db", { NULL },
    FALSE, FALSE, "postgresql://user:p%40ss@host/db" },
  /* Azure's user@server names. */
  { "postgresql://myadmin@mydemoserver:secret@mydemoserver.postgres.database.azure.com:5432/"
    "postgres",
    POSTGRESQL, NULL, "myadmin@mydemoserver", "secret", "mydemoserver.postgres.database.azure.com",
    5432, "postgres", { NULL }, FALSE, FALSE,
    "postgresql://myadmin%40mydemoserver:secret@mydemoserver.postgres.database.azure.com:5432/"
    "postgres" },
  { "postgresql://scott:tiger@localhost:05432/test", POSTGRESQL, NULL, "scott", "tiger",
    "localhost", 5432, "test", { NULL }, FALSE, FALSE,
    "postgresql://scott:tiger@localhost:5432/test" },
  { "postgresql://scott:@localhost/test", POSTGRESQL, NULL, "scott", NULL, "localhost", 0, "test",
    { NULL }, FALSE, FALSE, "postgresql://scott@localhost/test" },
  { "postgresql://@localhost/test", POSTGRESQL, NULL, NULL, NULL, "localhost", 0, "test", { NULL },
    FALSE, FALSE, "postgresql://localhost/test" },
  { "postgresql://%73cott@localhost/test", POSTGRESQL, NULL, "scott", NULL, "localhost", 0, "test",
    { NULL }, FALSE, FALSE, "postgresql://scott@localhost/test" },
  { "postgresql://u:p%20w%25@h/d", POSTGRESQL, NULL, "u", "p w%", "h", 0, "d", { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://u:p+w@h/d", POSTGRESQL, NULL, "u", "p+w", "h", 0, "d", { NULL }, FALSE, FALSE,
    NULL },
  { "postgresql://h/my%3Fdb", POSTGRESQL, NULL, NULL, NULL, "h", 0, "my?db", { NULL }, FALSE, FALSE,
    NULL },
  { "postgresql://h:5432/a%40b", POSTGRESQL, NULL, NULL, NULL, "h", 5432, "a@b", { NULL }, FALSE,
    FALSE, NULL },
  { "postgresql://h/schema/with/slashes", POSTGRESQL, NULL, NULL, NULL, "h", 0,
    "schema/with/slashes", { NULL }, FALSE, FALSE, NULL },
  { "postgresql://jürgen:pässword@h/dätabase", POSTGRESQL, NULL, "jürgen", "pässword", "h", 0,
    "dätabase", { NULL }, FALSE, FALSE, NULL },

  { "mysql://scott:tiger@hostname/test", MYSQL, NULL, "scott", "tiger", "hostname", 0, "test",
    { NULL }, FALSE, FALSE, NULL },
  { "mysql+pymysql://scott:tiger@localhost/foo?charset=utf8mb4", MYSQL, "pymysql", "scott", "tiger",
    "localhost", 0, "foo", { "charset", "utf8mb4", NULL }, FALSE, FALSE, NULL },
  { "mysql+mysqldb://scott:tiger@localhost:3306/foo?ssl_mode=required", MYSQL, "mysqldb", "scott",
    "tiger", "localhost", 3306, "foo", { "ssl_mode", "required", NULL }, FALSE, FALSE, NULL },
  { "mysql://h/db?ssl_mode=VERIFY_IDENTITY&charset=utf8mb4&connect_timeout=0", MYSQL, NULL, NULL,
    NULL, "h", 0, "db",
    { "ssl_mode", "VERIFY_IDENTITY", "charset", "utf8mb4", "connect_timeout", "0", NULL }, FALSE,
    FALSE, NULL },
  { "mariadb://root@127.0.0.1:3306/shop", MARIADB, NULL, "root", NULL, "127.0.0.1", 3306, "shop",
    { NULL }, FALSE, FALSE, NULL },
  { "mariadb+pymysql://root@localhost/shop?charset=utf8mb4&connect_timeout=5", MARIADB, "pymysql",
    "root", NULL, "localhost", 0, "shop", { "charset", "utf8mb4", "connect_timeout", "5", NULL },
    FALSE, FALSE, NULL },
  { "mariadb+mariadbconnector://app:pw@[::1]/shop", MARIADB, "mariadbconnector", "app", "pw", "::1",
    0, "shop", { NULL }, FALSE, FALSE, NULL },
};

typedef struct
{
  const char *input;
  TwUrlError  code;
  int         position; /* -1: the message names none */
  const char *needle;   /* a piece the message must hold, or NULL */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "", TW_URL_ERROR_EMPTY, -1, NULL },
  { "localhost:5432/db", TW_URL_ERROR_MISSING_SCHEME, 9, "“localhost”" },
  { "postgresql:/host/db", TW_URL_ERROR_MISSING_SCHEME, 10, "“://”" },
  { "postgresql", TW_URL_ERROR_MISSING_SCHEME, 10, NULL },
  { "/var/lib/shop.db", TW_URL_ERROR_MISSING_SCHEME, -1, "postgresql://" },
  { " postgresql://h/db", TW_URL_ERROR_MISSING_SCHEME, -1, NULL },
  { "://host/db", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "sqlite, postgresql, mysql, mariadb" },
  { "+psycopg2://host/db", TW_URL_ERROR_UNKNOWN_DIALECT, 0, NULL },
  { "foo://bar", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "“foo”" },
  { "sqlite3:///x.db", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "sqlite, postgresql, mysql, mariadb" },
  { "postgres://scott:tiger@localhost/test", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "postgresql://" },
  { "postgres+psycopg2://h/db", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "postgresql://" },
  { "PostgreSQL://h/db", TW_URL_ERROR_UNKNOWN_DIALECT, 0, "lowercase" },
  { "postgresql+://h/db", TW_URL_ERROR_INVALID_DRIVER, 10, NULL },
  { "postgresql+Psycopg2://h/db", TW_URL_ERROR_INVALID_DRIVER, 11, "“Psycopg2”" },
  { "postgresql+psycopg2+x://h/db", TW_URL_ERROR_INVALID_DRIVER, 11, NULL },
  { "mysql+py-mysql://h/db", TW_URL_ERROR_INVALID_DRIVER, 6, NULL },
  { "postgresql://scott:tiger@localhost:port/test", TW_URL_ERROR_INVALID_PORT, 35,
    "Port “port” at position 35 is not a number from 1 to 65535" },
  { "postgresql://h:0/db", TW_URL_ERROR_INVALID_PORT, 15, "“0”" },
  { "postgresql://h:65536/db", TW_URL_ERROR_INVALID_PORT, 15, "“65536”" },
  { "postgresql://h:/db", TW_URL_ERROR_INVALID_PORT, 15, "“”" },
  { "postgresql://h:-1/db", TW_URL_ERROR_INVALID_PORT, 15, NULL },
  { "postgresql://h:+5432/db", TW_URL_ERROR_INVALID_PORT, 15, NULL },
  { "postgresql://h:99999999999999999999/db", TW_URL_ERROR_INVALID_PORT, 15, NULL },
  { "postgresql://h:54 32/db", TW_URL_ERROR_INVALID_PORT, 15, NULL },
  { "postgresql://h:5432:5433/db", TW_URL_ERROR_INVALID_PORT, 15, NULL },
  { "postgresql://u@[::1]:x/db", TW_URL_ERROR_INVALID_PORT, 21, NULL },
  { "postgresql://u@[::1:5432/db", TW_URL_ERROR_INVALID_HOST, 15, "“[::1:5432”" },
  { "postgresql://[::1", TW_URL_ERROR_INVALID_HOST, 13, "“[::1”" },
  { "postgresql://ü:pw@[::1/db", TW_URL_ERROR_INVALID_HOST, 18, NULL },
  { "postgresql://[::1]x/db", TW_URL_ERROR_INVALID_HOST, 18, "“x”" },
  { "postgresql://[not-an-ip]/db", TW_URL_ERROR_INVALID_HOST, 14, NULL },
  { "postgresql://[1.2.3.4]/db", TW_URL_ERROR_INVALID_HOST, 14, NULL },
  { "postgresql://[]/db", TW_URL_ERROR_INVALID_HOST, 14, NULL },
  { "postgresql://[1:2:3:4:5:6:7:8:9]/db", TW_URL_ERROR_INVALID_HOST, 14, NULL },
  { "postgresql://::1/db", TW_URL_ERROR_INVALID_HOST, 13, "[::1]" },
  { "postgresql://fe80::1:5432/db", TW_URL_ERROR_INVALID_HOST, 13, "[fe80::1:5432]" },
  { "postgresql://my host/db", TW_URL_ERROR_INVALID_HOST, 13, "position 15" },
  { "postgresql://h%41/db", TW_URL_ERROR_INVALID_HOST, 13, "“%”" },
  { "postgresql://hé/db", TW_URL_ERROR_INVALID_HOST, 13, "“é” at position 14" },
  { "postgresql://u%zzr@h/db", TW_URL_ERROR_INVALID_ESCAPE, 14, "“%zz”" },
  { "postgresql://u%z@h/db", TW_URL_ERROR_INVALID_ESCAPE, 14, "“%z”" },
  { "postgresql://u:p%4@h/db", TW_URL_ERROR_INVALID_ESCAPE, 16, "password" },
  { "postgresql://h/db%", TW_URL_ERROR_INVALID_ESCAPE, 17, "“%”" },
  { "postgresql://h/db%é1", TW_URL_ERROR_INVALID_ESCAPE, 17, "“%é1”" },
  { "postgresql://h/db%00x", TW_URL_ERROR_INVALID_ESCAPE, 17, "NUL" },
  { "postgresql://h/db%C3", TW_URL_ERROR_INVALID_ESCAPE, 17, "UTF-8" },
  { "postgresql://h/db%41%C3%28", TW_URL_ERROR_INVALID_ESCAPE, 20, "UTF-8" },
  { "postgresql://u:%FF@h/db", TW_URL_ERROR_INVALID_ESCAPE, 15, "password" },
  { "sqlite:///caf%C3.db", TW_URL_ERROR_INVALID_ESCAPE, 13, "database path" },
  { "postgresql://h/db?sslmode=%zz", TW_URL_ERROR_INVALID_ESCAPE, 26, "“sslmode”" },
  { "postgresql://h/db?sslmode=require&foo=bar", TW_URL_ERROR_UNKNOWN_PARAMETER, 34,
    "“foo” at position 34 for postgresql; known parameters: sslmode, connect_timeout, "
    "application_name" },
  { "postgresql://h/db?charset=utf8", TW_URL_ERROR_UNKNOWN_PARAMETER, 18, "“charset”" },
  { "postgresql://h/db?=x", TW_URL_ERROR_UNKNOWN_PARAMETER, 18, "“”" },
  { "postgresql://h/db?sslmode=required", TW_URL_ERROR_INVALID_PARAMETER, 26,
    "“sslmode” has the value “required”" },
  { "postgresql://h/db?sslmode=", TW_URL_ERROR_INVALID_PARAMETER, 26, NULL },
  { "postgresql://h/db?connect_timeout=-5", TW_URL_ERROR_INVALID_PARAMETER, 34, "“-5”" },
  { "postgresql://h/db?connect_timeout=1.5", TW_URL_ERROR_INVALID_PARAMETER, 34, "“1.5”" },
  { "postgresql://h/db?connect_timeout=99999999999", TW_URL_ERROR_INVALID_PARAMETER, 34, NULL },
  { "postgresql://h/db?sslmode=require&sslmode=disable", TW_URL_ERROR_INVALID_PARAMETER, 34,
    "twice" },
  { "postgresql://h/db?sslmode", TW_URL_ERROR_INVALID_PARAMETER, 18, "no value" },
  { "postgresql://h/db?sslmode=require&", TW_URL_ERROR_INVALID, 34, "Empty" },
  { "postgresql://h/db?&sslmode=require", TW_URL_ERROR_INVALID, 18, "Empty" },
  { "mysql://h/db?ssl_mode=ON", TW_URL_ERROR_INVALID_PARAMETER, 22, "“ON”" },
  { "mysql://h/db?charset=utf-8", TW_URL_ERROR_INVALID_PARAMETER, 21, "“utf-8”" },
  { "mysql://h/db?sslmode=require", TW_URL_ERROR_UNKNOWN_PARAMETER, 13,
    "known parameters: charset, ssl_mode, connect_timeout" },
  { "mariadb://h/db?sslmode=require", TW_URL_ERROR_UNKNOWN_PARAMETER, 15, "for mariadb" },
  { "sqlite://shop.db", TW_URL_ERROR_INVALID_HOST, 9, "three slashes" },
  { "sqlite://[::1]/x.db", TW_URL_ERROR_INVALID_HOST, 9, NULL },
  { "sqlite://scott@/x.db", TW_URL_ERROR_INVALID, 9, "user name or password" },
  { "sqlite://scott:tiger@/x.db", TW_URL_ERROR_INVALID, 9, "user name or password" },
  { "sqlite://:5/x.db", TW_URL_ERROR_INVALID, 10, "port" },
  { "sqlite:///x.db?mode=readonly", TW_URL_ERROR_INVALID_PARAMETER, 20, "ro, rw or rwc" },
  { "sqlite:///x.db?mode=RO", TW_URL_ERROR_INVALID_PARAMETER, 20, NULL },
  { "sqlite:///x.db?timeout=abc", TW_URL_ERROR_INVALID_PARAMETER, 23, NULL },
  { "sqlite:///x.db?timeout=1e3", TW_URL_ERROR_INVALID_PARAMETER, 23, NULL },
  { "sqlite:///x.db?timeout=5.", TW_URL_ERROR_INVALID_PARAMETER, 23, NULL },
  { "sqlite:///x.db?uri=true", TW_URL_ERROR_UNKNOWN_PARAMETER, 15,
    "known parameters: mode, timeout" },
  { "postgresql://h/db\n", TW_URL_ERROR_INVALID, 17, "U+000A" },
  { "postgresql://h/d\tb", TW_URL_ERROR_INVALID, 16, "%09" },
  { "postgresql://h/d\xff", TW_URL_ERROR_INVALID, 16, "UTF-8" },
};

typedef struct
{
  const char *input;
  const char *display;
} DisplayCase;

static const DisplayCase display_cases[] = {
  { "postgresql://scott:tiger@localhost/test", "postgresql://scott:***@localhost/test" },
  { "postgresql://scott@localhost/test", "postgresql://scott@localhost/test" },
  { "postgresql://scott:scotttiger@localhost/test", "postgresql://scott:***@localhost/test" },
  { "postgresql://scott:tigerscott@localhost/test", "postgresql://scott:***@localhost/test" },
  { "postgresql://user:p%40ss%3Aword@host/db", "postgresql://user:***@host/db" },
  { "postgresql://user:p@ss@host/db", "postgresql://user:***@host/db" },
  { "postgresql://scott:ti/ger@host/db", "postgresql://scott:***@host/db" },
  { "postgresql://:secret@host/db", "postgresql://:***@host/db" },
  { "postgresql://u:localhost@localhost/test", "postgresql://u:***@localhost/test" },
  { "mysql+pymysql://root:hunter2@[::1]:3306/shop?charset=utf8mb4",
    "mysql+pymysql://root:***@[::1]:3306/shop?charset=utf8mb4" },
  { "mariadb://root:%2A%2A%2A@h/db", "mariadb://root:***@h/db" },
  { "sqlite:///shop.db?mode=ro", "sqlite:///shop.db?mode=ro" },
  { "sqlite://", "sqlite://" },
};

typedef struct
{
  TwDialectKind dialect;
  const char   *username;
  const char   *password;
  const char   *host;
  guint         port;
  const char   *database;
  const char   *string;
} NewCase;

static const NewCase new_cases[] = {
  { TW_DIALECT_KIND_POSTGRESQL, "scott", "tiger", "localhost", 5432, "test",
    "postgresql://scott:tiger@localhost:5432/test" },
  { TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, NULL, "sqlite://" },
  { TW_DIALECT_KIND_SQLITE, "", "", "", 0, ":memory:", "sqlite:///:memory:" },
  { TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, "/tmp/x y?.db", "sqlite:////tmp/x%20y%3F.db" },
  { TW_DIALECT_KIND_MYSQL, "us:er@x", "p@ss/w:rd?%", "::1", 3306, "shop@2024?",
    "mysql://us%3Aer%40x:p%40ss%2Fw%3Ard%3F%25@[::1]:3306/shop%402024%3F" },
  { TW_DIALECT_KIND_POSTGRESQL, NULL, "secret", NULL, 0, "db", "postgresql://:secret@/db" },
  { TW_DIALECT_KIND_POSTGRESQL, "u", NULL, NULL, 5432, "a@b", "postgresql://u@:5432/a%40b" },
  { TW_DIALECT_KIND_POSTGRESQL, NULL, NULL, NULL, 0, NULL, "postgresql://" },
  { TW_DIALECT_KIND_POSTGRESQL, "", "", "", 0, "", "postgresql:///" },
  { TW_DIALECT_KIND_POSTGRESQL, "ü", "ö", "h", 0, "ä", "postgresql://ü:ö@h/ä" },
  { TW_DIALECT_KIND_POSTGRESQL, "a b", "c\td", "h", 1, "e f",
    "postgresql://a%20b:c%09d@h:1/e%20f" },
  { TW_DIALECT_KIND_MYSQL, "root", NULL, "db.example.com", 0, "shop",
    "mysql://root@db.example.com/shop" },
};

static void
assert_fields (const TwUrl     *url,
               const ValidCase *c)
{
  const char *const *keys = tw_url_get_query_keys (url);
  guint              n_params = 0;

  g_assert_cmpint (tw_url_get_dialect (url), ==, c->dialect);
  g_assert_cmpstr (tw_url_get_dialect_name (url), ==, c->dialect_name);
  g_assert_cmpstr (tw_url_get_driver (url), ==, c->driver);
  g_assert_cmpstr (tw_url_get_username (url), ==, c->username);
  g_assert_cmpstr (tw_url_get_password (url), ==, c->password);
  g_assert_cmpstr (tw_url_get_host (url), ==, c->host);
  g_assert_cmpuint (tw_url_get_port (url), ==, c->port);
  g_assert_cmpstr (tw_url_get_database (url), ==, c->database);
  g_assert_cmpint (tw_url_is_memory (url), ==, c->memory);
  g_assert_cmpint (tw_url_is_read_only (url), ==, c->read_only);

  g_assert_nonnull (keys);
  while (c->query[n_params * 2] != NULL)
    {
      const char *key = c->query[n_params * 2];

      g_assert_cmpstr (keys[n_params], ==, key);
      g_assert_cmpstr (tw_url_get_query_param (url, key), ==, c->query[n_params * 2 + 1]);
      n_params++;
    }
  g_assert_cmpuint (g_strv_length ((char **) keys), ==, n_params);
}

static void
test_url_parse_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = NULL;

      g_test_message ("valid case %u: %s", i, c->input);
      url = tw_url_parse (c->input, &error);
      g_assert_no_error (error);
      g_assert_nonnull (url);
      assert_fields (url, c);
      g_assert_null (tw_url_get_query_param (url, "no_such_key"));
    }
}

static void
test_url_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      const char      *canonical = c->canonical != NULL ? c->canonical : c->input;
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = NULL;
      g_autoptr (TwUrl) again = NULL;
      g_autofree char *string = NULL;
      g_autofree char *string_again = NULL;

      g_test_message ("round trip %u: %s", i, c->input);
      url = tw_url_parse (c->input, &error);
      g_assert_no_error (error);

      string = tw_url_to_string (url);
      g_assert_cmpstr (string, ==, canonical);

      again = tw_url_parse (string, &error);
      g_assert_no_error (error);
      g_assert_true (tw_url_equal (url, again));
      assert_fields (again, c);

      string_again = tw_url_to_string (again);
      g_assert_cmpstr (string_again, ==, string);
    }
}

static void
test_url_parse_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = NULL;
      g_autofree char *escaped = NULL;

      escaped = g_strescape (c->input, NULL);
      g_test_message ("error case %u: %s", i, escaped);
      url = tw_url_parse (c->input, &error);
      g_assert_null (url);
      g_assert_error (error, TW_URL_ERROR, (int) c->code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("  → %s", error->message);

      if (c->position >= 0)
        {
          g_autofree char *where = g_strdup_printf ("position %d", c->position);

          g_assert_nonnull (strstr (error->message, where));
        }
      else
        g_assert_null (strstr (error->message, "position"));

      if (c->needle != NULL)
        g_assert_nonnull (strstr (error->message, c->needle));
    }
}

/* An error about the password must not quote it. */
static void
test_url_error_hides_password (void)
{
  static const char * const inputs[] = {
    "postgresql://u:p%4@h/db",
    "postgresql://u:zz%zzsecret@h/db",
    "postgresql://u:secret%FF@h/db",
    "postgresql://u:secret%00@h/db",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = tw_url_parse (inputs[i], &error);

      g_assert_null (url);
      g_assert_error (error, TW_URL_ERROR, TW_URL_ERROR_INVALID_ESCAPE);
      g_assert_null (strstr (error->message, "secret"));
      g_assert_null (strstr (error->message, "%zz"));
      g_assert_null (strstr (error->message, "p%4"));
    }
}

static void
test_url_display (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (display_cases); i++)
    {
      const DisplayCase *c = &display_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = NULL;
      g_autoptr (TwUrl) shown = NULL;
      g_autofree char *display = NULL;
      const char      *password;

      g_test_message ("display %u: %s", i, c->input);
      url = tw_url_parse (c->input, &error);
      g_assert_no_error (error);

      display = tw_url_to_display_string (url);
      g_assert_cmpstr (display, ==, c->display);

      /* The password is gone in every spelling, unless another part of the
       * URL holds the same text. */
      password = tw_url_get_password (url);
      if (password != NULL && !g_str_equal (password, "***"))
        {
          g_autofree char *escaped = g_uri_escape_string (password, NULL, FALSE);

          if (strstr (c->display, password) == NULL)
            g_assert_null (strstr (display, password));
          if (strstr (c->display, escaped) == NULL)
            g_assert_null (strstr (display, escaped));
        }

      /* Everything else is unchanged. */
      shown = tw_url_parse (display, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tw_url_get_username (shown), ==, tw_url_get_username (url));
      g_assert_cmpstr (tw_url_get_host (shown), ==, tw_url_get_host (url));
      g_assert_cmpuint (tw_url_get_port (shown), ==, tw_url_get_port (url));
      g_assert_cmpstr (tw_url_get_database (shown), ==, tw_url_get_database (url));
      g_assert_cmpstr (tw_url_get_driver (shown), ==, tw_url_get_driver (url));
      g_assert_cmpstr (tw_url_get_password (shown), ==, password != NULL ? "***" : NULL);
    }
}

static void
test_url_new (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (new_cases); i++)
    {
      const NewCase *c = &new_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) url = NULL;
      g_autoptr (TwUrl) again = NULL;
      g_autofree char *string = NULL;
      g_autofree char *display = NULL;

      g_test_message ("new %u: %s", i, c->string);
      url = tw_url_new (c->dialect, c->username, c->password, c->host, c->port, c->database);
      g_assert_nonnull (url);
      g_assert_cmpint (tw_url_get_dialect (url), ==, c->dialect);
      g_assert_null (tw_url_get_driver (url));
      g_assert_cmpuint (tw_url_get_port (url), ==, c->port);
      g_assert_cmpstr (tw_url_get_database (url), ==, c->database);
      g_assert_nonnull (tw_url_get_query_keys (url));
      g_assert_null (tw_url_get_query_keys (url)[0]);

      string = tw_url_to_string (url);
      g_assert_cmpstr (string, ==, c->string);

      again = tw_url_parse (string, &error);
      g_assert_no_error (error);
      g_assert_true (tw_url_equal (url, again));

      display = tw_url_to_display_string (url);
      if (c->password != NULL && *c->password != '\0')
        {
          g_assert_null (strstr (display, c->password));
          g_assert_nonnull (strstr (display, ":***@"));
        }
      else
        g_assert_cmpstr (display, ==, string);
    }
}

static void
test_url_new_empty_parts (void)
{
  g_autoptr (TwUrl) url = tw_url_new (TW_DIALECT_KIND_MYSQL, "", "", "", 0, NULL);

  g_assert_cmpstr (tw_url_get_dialect_name (url), ==, "mysql");
  g_assert_null (tw_url_get_username (url));
  g_assert_null (tw_url_get_password (url));
  g_assert_null (tw_url_get_host (url));
  g_assert_false (tw_url_is_memory (url));
  g_assert_false (tw_url_is_read_only (url));
}

static void
test_url_new_bad_host (void)
{
  if (g_test_subprocess ())
    {
      TwUrl *url = tw_url_new (TW_DIALECT_KIND_POSTGRESQL, NULL, NULL, "my host", 0, NULL);

      g_assert_null (url);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*tw_url_host_is_valid*");
}

static void
test_url_host_is_valid (void)
{
  static const struct
  {
    const char *host;
    gboolean    valid;
  } cases[] = {
    { "", TRUE },
    { "localhost", TRUE },
    { "db-1.example.com", TRUE },
    { "under_score", TRUE },
    { "192.0.2.1", TRUE },
    { "::1", TRUE },
    { "2001:db8::42", TRUE },
    { "my host", FALSE },
    { "[::1]", FALSE },
    { "host:5432", FALSE },
    { "häst", FALSE },
    { "a@b", FALSE },
    { "a/b", FALSE },
    { "%41", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("host %s", cases[i].host);
      g_assert_cmpint (tw_url_host_is_valid (cases[i].host), ==, cases[i].valid);
    }
}

static void
test_url_equal (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    equal;
  } cases[] = {
    { "postgresql://h/db", "postgresql://h/db", TRUE },
    { "postgresql://h:05432/db", "postgresql://h:5432/db", TRUE },
    { "postgresql://%73cott@h/db", "postgresql://scott@h/db", TRUE },
    { "postgresql://h/db?", "postgresql://h/db", TRUE },
    { "postgresql://h/db", "postgresql+psycopg2://h/db", FALSE },
    { "mysql://h/db", "mariadb://h/db", FALSE },
    { "postgresql://h/db", "mysql://h/db", FALSE },
    { "postgresql://u@h/db", "postgresql://v@h/db", FALSE },
    { "postgresql://u:a@h/db", "postgresql://u:b@h/db", FALSE },
    { "postgresql://u:a@h/db", "postgresql://u@h/db", FALSE },
    { "postgresql://h/db", "postgresql://H/db", FALSE },
    { "postgresql://h:5432/db", "postgresql://h/db", FALSE },
    { "postgresql://h/db", "postgresql://h/DB", FALSE },
    { "postgresql://h/", "postgresql://h", FALSE },
    { "sqlite://", "sqlite:///", FALSE },
    { "postgresql://h/db?sslmode=require", "postgresql://h/db", FALSE },
    { "postgresql://h/db?sslmode=require", "postgresql://h/db?sslmode=disable", FALSE },
    { "postgresql://h/db?sslmode=require&connect_timeout=3",
      "postgresql://h/db?connect_timeout=3&sslmode=require", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TwUrl) a = tw_url_parse (cases[i].a, &error);
      g_autoptr (TwUrl) b = NULL;

      g_assert_no_error (error);
      b = tw_url_parse (cases[i].b, &error);
      g_assert_no_error (error);

      g_test_message ("%s vs %s", cases[i].a, cases[i].b);
      g_assert_cmpint (tw_url_equal (a, b), ==, cases[i].equal);
      g_assert_cmpint (tw_url_equal (b, a), ==, cases[i].equal);
      g_assert_true (tw_url_equal (a, a));
    }
}

static void
test_url_boxed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TwUrl) url = tw_url_parse ("postgresql://scott:tiger@localhost/test", &error);
  g_auto (GValue) value = G_VALUE_INIT;
  TwUrl *copy;

  g_assert_no_error (error);
  g_assert_true (G_TYPE_IS_BOXED (TW_TYPE_URL));

  /* A copy is another reference to the same immutable URL. */
  copy = g_boxed_copy (TW_TYPE_URL, url);
  g_assert_true (copy == url);
  g_boxed_free (TW_TYPE_URL, copy);

  g_value_init (&value, TW_TYPE_URL);
  g_value_set_boxed (&value, url);
  g_assert_true (g_value_get_boxed (&value) == url);

  g_assert_true (tw_url_ref (url) == url);
  tw_url_unref (url);
  g_assert_cmpstr (tw_url_get_username (url), ==, "scott");
}

static gpointer
ref_unref_thread (gpointer data)
{
  TwUrl *url = data;

  for (guint i = 0; i < 10000; i++)
    tw_url_unref (tw_url_ref (url));
  return NULL;
}

static void
test_url_ref_threads (void)
{
  g_autoptr (TwUrl) url = tw_url_new (TW_DIALECT_KIND_SQLITE, NULL, NULL, NULL, 0, NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("ref-unref", ref_unref_thread, url);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_true (tw_url_is_memory (url));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/url/parse", test_url_parse_valid);
  g_test_add_func ("/core/url/round-trip", test_url_round_trip);
  g_test_add_func ("/core/url/errors", test_url_parse_errors);
  g_test_add_func ("/core/url/errors-hide-password", test_url_error_hides_password);
  g_test_add_func ("/core/url/display", test_url_display);
  g_test_add_func ("/core/url/new", test_url_new);
  g_test_add_func ("/core/url/new-empty-parts", test_url_new_empty_parts);
  g_test_add_func ("/core/url/new-bad-host", test_url_new_bad_host);
  g_test_add_func ("/core/url/host-is-valid", test_url_host_is_valid);
  g_test_add_func ("/core/url/equal", test_url_equal);
  g_test_add_func ("/core/url/boxed", test_url_boxed);
  g_test_add_func ("/core/url/ref-threads", test_url_ref_threads);

  return g_test_run ();
}
