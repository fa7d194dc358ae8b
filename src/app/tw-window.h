/* tw-window.h: a document window: one model, its tables and its views
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-application.h"
#include "tw-metadata.h"
#include "tw-model-file.h"
#include "tw-session.h"

G_BEGIN_DECLS

#define TW_TYPE_WINDOW (tw_window_get_type ())

G_DECLARE_FINAL_TYPE (TwWindow, tw_window, TW, WINDOW, AdwApplicationWindow)

/* Properties:
 *   "metadata"         TwMetadata, construct-only: the document's model
 *   "file"             GFile or NULL, read-only: where the model is saved
 *   "modified"         gboolean, read-only: changed since loaded or saved
 *   "document-title"   string, read-only: the name shown in the header bar,
 *                      with a "•" in front while modified
 *   "database-url"     string: the database shown under the title, already
 *                      without its password; "" for none
 *   "sidebar-visible"  gboolean: whether the table list shows (win.show-sidebar)
 *
 * Window actions: win.save, win.save-as, win.export-ddl, win.copy-ddl,
 * win.find, win.show-sidebar. */

/* A window for metadata (NULL: a new empty model) saved in file (NULL: not
 * saved yet). extras, when not NULL, is copied and written back on save. */
TwWindow   *tw_window_new              (TwApplication           *application,
                                        TwMetadata              *metadata,
                                        GFile                   *file,
                                        const TwModelFileExtras *extras) G_GNUC_WARN_UNUSED_RESULT;
TwMetadata *tw_window_get_metadata     (TwWindow                *self);
GFile      *tw_window_get_file         (TwWindow                *self);
gboolean    tw_window_get_modified     (TwWindow                *self);
const char *tw_window_get_document_title (TwWindow              *self);
const char *tw_window_get_database_url (TwWindow                *self);
/* The session of the connected database, or NULL ("session" property). */
TwSession  *tw_window_get_session      (TwWindow                *self);
GCancellable *tw_window_get_cancellable (TwWindow               *self);
void        tw_window_set_database_url (TwWindow                *self,
                                        const char              *database_url);
/* Saves the model to file (atomically), which becomes the window's file. */
gboolean    tw_window_save_to_file     (TwWindow                *self,
                                        GFile                   *file,
                                        GError                 **error);

G_END_DECLS
