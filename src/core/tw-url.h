/* tw-url.h: SQLAlchemy-style database URLs
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

#define TW_URL_ERROR (tw_url_error_quark ())

typedef enum
{
  TW_URL_ERROR_EMPTY,
  TW_URL_ERROR_MISSING_SCHEME,        /* no "://" */
  TW_URL_ERROR_UNKNOWN_DIALECT,
  TW_URL_ERROR_INVALID_DRIVER,
  TW_URL_ERROR_INVALID_PORT,
  TW_URL_ERROR_INVALID_HOST,          /* e.g. an unterminated IPv6 bracket */
  TW_URL_ERROR_INVALID_ESCAPE,        /* a bad %XX sequence */
  TW_URL_ERROR_UNKNOWN_PARAMETER,
  TW_URL_ERROR_INVALID_PARAMETER,
  TW_URL_ERROR_INVALID,               /* anything else, said in the message */
} TwUrlError;

#define TW_TYPE_URL (tw_url_get_type ())

/* An immutable, reference-counted parsed URL:
 * dialect[+driver]://[user[:password]@]host[:port]/database[?key=value&...] */
typedef struct _TwUrl TwUrl;

GQuark         tw_url_error_quark          (void);
GType          tw_url_get_type             (void) G_GNUC_CONST;

TwUrl         *tw_url_parse                (const char   *string,
                                            GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Builds a URL from parts (as the connection dialog does); any part but the
 * dialect may be NULL/0. The parts are not escaped: they are the values. */
TwUrl         *tw_url_new                  (TwDialectKind dialect,
                                            const char   *username,
                                            const char   *password,
                                            const char   *host,
                                            guint         port,
                                            const char   *database) G_GNUC_WARN_UNUSED_RESULT;
/* Whether tw_url_new() takes @host: a name of ASCII letters, digits, ".",
 * "-" and "_", or an IPv6 address without brackets ("" means no host). */
gboolean       tw_url_host_is_valid        (const char   *host);
TwUrl         *tw_url_ref                  (TwUrl        *self);
void           tw_url_unref                (TwUrl        *self);

TwDialectKind  tw_url_get_dialect          (const TwUrl  *self);
/* The scheme's dialect word as written: "sqlite", "postgresql", "mysql", "mariadb". */
const char    *tw_url_get_dialect_name     (const TwUrl  *self);
const char    *tw_url_get_driver           (const TwUrl  *self);
const char    *tw_url_get_username         (const TwUrl  *self);
const char    *tw_url_get_password         (const TwUrl  *self);
const char    *tw_url_get_host             (const TwUrl  *self);
/* 0 when the URL names no port. */
guint          tw_url_get_port             (const TwUrl  *self);
/* The database name, or for SQLite the file path (NULL or ":memory:" in memory). */
const char    *tw_url_get_database         (const TwUrl  *self);
const char    *tw_url_get_query_param      (const TwUrl  *self,
                                            const char   *key);
/* The query keys in the order written. */
const char * const *tw_url_get_query_keys  (const TwUrl  *self);
gboolean       tw_url_is_memory            (const TwUrl  *self);
gboolean       tw_url_is_read_only         (const TwUrl  *self);

/* The URL again, with the password: parsing it gives an equal URL. */
char          *tw_url_to_string            (const TwUrl  *self) G_GNUC_WARN_UNUSED_RESULT;
/* The URL with the password masked as "***": the only form ever shown or logged. */
char          *tw_url_to_display_string    (const TwUrl  *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean       tw_url_equal                (const TwUrl  *a,
                                            const TwUrl  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwUrl, tw_url_unref)

G_END_DECLS
