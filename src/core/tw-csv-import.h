/* tw-csv-import.h: imports an RFC 4180 CSV file into a table through a session
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-session.h"

G_BEGIN_DECLS

#define TW_CSV_IMPORT_ERROR (tw_csv_import_error_quark ())

/* What was wrong with the file. Every message names the line (and the
 * column where there is one). */
typedef enum
{
  TW_CSV_IMPORT_ERROR_PARSE,           /* bad quoting, or not UTF-8 */
  TW_CSV_IMPORT_ERROR_EMPTY,           /* no header row */
  TW_CSV_IMPORT_ERROR_UNKNOWN_COLUMN,  /* a header names a column the table lacks */
  TW_CSV_IMPORT_ERROR_DUPLICATE_COLUMN,
  TW_CSV_IMPORT_ERROR_FIELD_COUNT,     /* a row with more or fewer fields than the header */
  TW_CSV_IMPORT_ERROR_BAD_VALUE,       /* a value that does not parse as its column's type */
} TwCsvImportError;

GQuark    tw_csv_import_error_quark  (void);

/* Reads CSV (RFC 4180: a header row of column names, quoted fields that
 * may hold the separator, quotes doubled and line breaks) from @input,
 * converts each field to its column's type (an empty field is NULL in a
 * column that takes NULL and is not text, and empty text in a text column;
 * a column the database fills in, or one left out of the header, gets its
 * default), stages every row as a new row of @table in @session and
 * commits them (with anything else staged there) in one transaction.
 *
 * On a bad file, nothing is staged or committed and the error
 * (TW_CSV_IMPORT_ERROR) names the line; when the database refuses a row,
 * nothing is committed, the imported rows are unstaged again, and the
 * TW_SESSION_ERROR says which CSV line the row came from. @n_rows (may be
 * NULL) is set to the number of rows imported. */
gboolean  tw_csv_import              (TwSession      *session,
                                      TwTable        *table,
                                      GInputStream   *input,
                                      guint          *n_rows,
                                      GCancellable   *cancellable,
                                      GError        **error);
gboolean  tw_csv_import_file         (TwSession      *session,
                                      TwTable        *table,
                                      GFile          *file,
                                      guint          *n_rows,
                                      GCancellable   *cancellable,
                                      GError        **error);

G_END_DECLS
