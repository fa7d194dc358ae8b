/* tw-value.h: one typed database value, as bound to and read from a server
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The kinds of value the drivers exchange with a server. The kinds after
 * BLOB are text underneath, in one canonical form each:
 *   NUMERIC   an exact decimal, e.g. "-12345678901234567890.123456789"
 *   DATE      "YYYY-MM-DD"
 *   TIME      "HH:MM:SS[.ffffff][+HH:MM]"
 *   DATETIME  "YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]"
 *   JSON      JSON text
 *   UUID      "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in lowercase
 * Values read from a server use six fraction digits when the fraction is not
 * zero, and none when it is, and write a zero offset as "+00:00". */
typedef enum
{
  TW_VALUE_KIND_NULL,
  TW_VALUE_KIND_BOOLEAN,
  TW_VALUE_KIND_INT64,
  TW_VALUE_KIND_DOUBLE,
  TW_VALUE_KIND_TEXT,
  TW_VALUE_KIND_BLOB,
  TW_VALUE_KIND_NUMERIC,
  TW_VALUE_KIND_DATE,
  TW_VALUE_KIND_TIME,
  TW_VALUE_KIND_DATETIME,
  TW_VALUE_KIND_JSON,
  TW_VALUE_KIND_UUID,
} TwValueKind;

/* The fields of a DATE, TIME or DATETIME value. */
typedef struct
{
  int      year;            /* 1..9999; 0 for a TIME */
  int      month;           /* 1..12;   0 for a TIME */
  int      day;             /* 1..31;   0 for a TIME */
  int      hour;            /* 0..23 (a TIME may go to 838, as MySQL's does) */
  int      minute;
  int      second;
  int      microsecond;     /* 0..999999 */
  gboolean negative;        /* a negative TIME (MySQL durations) */
  gboolean has_offset;
  int      offset_seconds;  /* east of UTC, e.g. 3600 for +01:00 */
} TwDateTimeParts;

#define TW_TYPE_VALUE (tw_value_get_type ())

/* An immutable value; copies are cheap for blobs (the GBytes is shared). */
typedef struct _TwValue TwValue;

GType         tw_value_get_type           (void) G_GNUC_CONST;

const char   *tw_value_kind_to_string     (TwValueKind    kind);
gboolean      tw_value_kind_from_string   (const char    *str,
                                           TwValueKind   *kind);

TwValue      *tw_value_new_null           (void) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_boolean        (gboolean       value) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_int64          (gint64         value) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_double         (double         value) G_GNUC_WARN_UNUSED_RESULT;
/* @text must be valid UTF-8. */
TwValue      *tw_value_new_text           (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_text_len       (const char    *text,
                                           gsize          length) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_blob           (GBytes        *bytes) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_blob_take      (guint8        *data,
                                           gsize          length) G_GNUC_WARN_UNUSED_RESULT;
/* These take the canonical text described above; use
 * tw_value_new_from_string() to check and normalise text of unknown form. */
TwValue      *tw_value_new_numeric        (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_date           (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_time           (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_datetime       (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_json           (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
TwValue      *tw_value_new_uuid           (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
/* A DATE, TIME or DATETIME value from its fields, in canonical form. */
TwValue      *tw_value_new_from_parts     (TwValueKind            kind,
                                           const TwDateTimeParts *parts) G_GNUC_WARN_UNUSED_RESULT;
/* Parses text as a user types it (e.g. in a grid cell) into a value of
 * @kind, in canonical form: "true"/"false"/"1"/"0" for BOOLEAN, hex digits
 * (optionally after "0x" or "\x") for BLOB, a "T" between date and time, a
 * UUID with or without dashes... Fails with TW_DB_ERROR_DATA saying what was
 * wrong. For TW_VALUE_KIND_NULL, @text is ignored. */
TwValue      *tw_value_new_from_string    (TwValueKind    kind,
                                           const char    *text,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

TwValue      *tw_value_copy               (const TwValue *self) G_GNUC_WARN_UNUSED_RESULT;
void          tw_value_free               (TwValue       *self);

TwValueKind   tw_value_get_kind           (const TwValue *self);
gboolean      tw_value_is_null            (const TwValue *self);
gboolean      tw_value_get_boolean        (const TwValue *self);
gint64        tw_value_get_int64          (const TwValue *self);
double        tw_value_get_double         (const TwValue *self);
/* The text of a TEXT, NUMERIC, DATE, TIME, DATETIME, JSON or UUID value. */
const char   *tw_value_get_text           (const TwValue *self);
GBytes       *tw_value_get_blob           (const TwValue *self);
/* The fields of a DATE, TIME or DATETIME value; FALSE if its text is not in
 * canonical form (e.g. PostgreSQL's "infinity"). */
gboolean      tw_value_get_parts          (const TwValue   *self,
                                           TwDateTimeParts *parts);

/* Same kind and same contents. Text is compared byte by byte (so NUMERIC
 * "1.0" and "1.00" differ); doubles by value, except that -0.0 differs from
 * 0.0 and NaN equals NaN. */
gboolean      tw_value_equal              (const TwValue *a,
                                           const TwValue *b);
guint         tw_value_hash               (const TwValue *self);

/* The value as text that tw_value_new_from_string() parses back to an equal
 * value: doubles in the shortest form that round-trips, blobs in hex. NULL
 * for a NULL value. */
char         *tw_value_to_string          (const TwValue *self) G_GNUC_WARN_UNUSED_RESULT;
/* The value for a grid cell: "NULL" for NULL, blobs as a short hex prefix and
 * their size, text as it is. */
char         *tw_value_to_display_string  (const TwValue *self) G_GNUC_WARN_UNUSED_RESULT;

/* The shortest text that reads back as exactly @value, in the C locale:
 * "0.1", "-0", "1e+308", "Infinity", "-Infinity", "NaN". */
char         *tw_value_format_double      (double         value) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwValue, tw_value_free)

G_END_DECLS
