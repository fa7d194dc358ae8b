/* tw-model-file.h: loading and saving a metadata model as a .twm file
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_MODEL_FILE_ERROR (tw_model_file_error_quark ())

/* The message of every code but TOO_LARGE and IO starts with
 * "name:line:column: " (the file's base name, or "<data>"; the column counts
 * characters from 1), then says what was wrong and what was expected. IO
 * messages start "Could not read/save “name”: "; a cancelled load or save
 * fails with G_IO_ERROR_CANCELLED instead. */
typedef enum
{
  TW_MODEL_FILE_ERROR_SYNTAX,     /* not JSON: bad token, NUL byte, bad UTF-8, too deep */
  TW_MODEL_FILE_ERROR_VERSION,    /* not a model file, or a format version this build cannot read */
  TW_MODEL_FILE_ERROR_STRUCTURE,  /* a missing, unknown, duplicate or wrongly typed member */
  TW_MODEL_FILE_ERROR_VALUE,      /* a bad enumeration name or a number out of range */
  TW_MODEL_FILE_ERROR_REFERENCE,  /* a relationship names a table the file does not hold */
  TW_MODEL_FILE_ERROR_TOO_LARGE,  /* the file is larger than TW_MODEL_FILE_MAX_SIZE */
  TW_MODEL_FILE_ERROR_IO,         /* reading or writing the file failed */
} TwModelFileError;

/* The file format this build writes, and the newest it reads. */
#define TW_MODEL_FILE_FORMAT         "tablewright-model"
#define TW_MODEL_FILE_VERSION        1
#define TW_MODEL_FILE_EXTENSION      ".twm"
#define TW_MODEL_FILE_CONTENT_TYPE   "application/x-tablewright-model"
/* Larger files are refused before they are parsed. */
#define TW_MODEL_FILE_MAX_SIZE       (64 * 1024 * 1024)
/* Arrays and objects nested deeper than this are refused. */
#define TW_MODEL_FILE_MAX_DEPTH      64

/* What a model file holds besides the model: the database the model was
 * last compared with, and the state of the design canvas. A plain struct,
 * usually on the stack:
 *
 *   g_auto (TwModelFileExtras) extras = TW_MODEL_FILE_EXTRAS_INIT;
 */
typedef struct
{
  char   *database;   /* a database URL, never with a password; or NULL */
  double  zoom;       /* canvas zoom factor, > 0; 1.0 */
  double  scroll_x;   /* the canvas point at the top left of the view; 0.0 */
  double  scroll_y;
} TwModelFileExtras;

#define TW_MODEL_FILE_EXTRAS_INIT { NULL, 1.0, 0.0, 0.0 }

GQuark      tw_model_file_error_quark         (void);

void        tw_model_file_extras_init         (TwModelFileExtras       *extras);
/* Frees the members and resets them to the defaults. */
void        tw_model_file_extras_clear        (TwModelFileExtras       *extras);
void        tw_model_file_extras_set_database (TwModelFileExtras       *extras,
                                               const char              *url);

/* Reads a model. A file that is not a well-formed model gives an error with
 * the line and column of the fault; a model that is well formed but wrong
 * (duplicate names, foreign keys to nowhere, ...) loads, and
 * tw_metadata_validate() reports its problems. */
TwMetadata *tw_model_file_load                (GFile                   *file,
                                               GCancellable            *cancellable,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
/* As tw_model_file_load(), and fills extras (when not NULL; it is cleared
 * first, and left cleared on error). */
TwMetadata *tw_model_file_load_full           (GFile                   *file,
                                               TwModelFileExtras       *extras,
                                               GCancellable            *cancellable,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
/* length -1 means NUL-terminated. Messages name the data "<data>". */
TwMetadata *tw_model_file_load_from_data      (const char              *data,
                                               gssize                   length,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
/* display_name prefixes the messages (NULL: "<data>"). */
TwMetadata *tw_model_file_load_from_data_full (const char              *data,
                                               gssize                   length,
                                               const char              *display_name,
                                               TwModelFileExtras       *extras,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* The file's text: deterministic, pretty-printed with 2-space indents and a
 * final newline, members that hold their default left out. Loading it gives
 * an equal model; saving that again gives the same bytes. */
char       *tw_model_file_to_data             (TwMetadata              *metadata,
                                               gsize                   *length) G_GNUC_WARN_UNUSED_RESULT;
char       *tw_model_file_to_data_full        (TwMetadata              *metadata,
                                               const TwModelFileExtras *extras,
                                               gsize                   *length) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the file atomically: the data goes to a temporary file in the same
 * folder that then replaces the old file, so a failure leaves the old file
 * as it was. An existing file keeps its permissions. */
gboolean    tw_model_file_save                (TwMetadata              *metadata,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean    tw_model_file_save_full           (TwMetadata              *metadata,
                                               const TwModelFileExtras *extras,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GError                 **error);

/* The same without blocking: the file is read and parsed, or written, in a
 * worker thread, and callback runs on the caller's thread-default main
 * context. Saving takes the model's text at the call, so the model may
 * change while the file is written. A cancelled call finishes with
 * G_IO_ERROR_CANCELLED; other failures as the blocking calls do. */
void        tw_model_file_load_async          (GFile                   *file,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
/* extras may be NULL; it is filled as by tw_model_file_load_full(). */
TwMetadata *tw_model_file_load_finish         (GAsyncResult            *result,
                                               TwModelFileExtras       *extras,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
void        tw_model_file_save_async          (TwMetadata              *metadata,
                                               const TwModelFileExtras *extras,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
gboolean    tw_model_file_save_finish         (GAsyncResult            *result,
                                               GError                 **error);

/* The URL without its password (the ":password" of the user part and any
 * "password" or "passwd" query parameter), as written to a file. */
char       *tw_model_file_strip_password      (const char              *url) G_GNUC_WARN_UNUSED_RESULT;

/* For the undo history: one table or relationship as the JSON object a
 * file holds for it (deterministic, as tw_model_file_to_data()), and back.
 * Reading checks the members as a file load does, but not the references
 * to other tables. */
char           *_tw_model_file_table_to_data          (TwTable        *table,
                                                       gsize          *length) G_GNUC_WARN_UNUSED_RESULT;
char           *_tw_model_file_relationship_to_data   (TwRelationship *relationship,
                                                       gsize          *length) G_GNUC_WARN_UNUSED_RESULT;
TwTable        *_tw_model_file_table_from_data        (const char     *data,
                                                       gsize           length,
                                                       GError        **error) G_GNUC_WARN_UNUSED_RESULT;
TwRelationship *_tw_model_file_relationship_from_data (const char     *data,
                                                       gsize           length,
                                                       GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TwModelFileExtras, tw_model_file_extras_clear)

G_END_DECLS
