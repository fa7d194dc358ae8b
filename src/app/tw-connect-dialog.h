/* tw-connect-dialog.h: the Connect to Database dialog
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-url.h"
#include "tw-window.h"

G_BEGIN_DECLS

#define TW_TYPE_CONNECT_DIALOG (tw_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TwConnectDialog, tw_connect_dialog, TW, CONNECT_DIALOG, AdwWindow)

/* A modal dialog over parent that builds a database URL from its fields
 * (or parses a typed one into them), opens the connection off the main
 * thread, reflects the schema, and shows it in parent when parent's model
 * is empty and unsaved, or else in a new window. Connection errors show in
 * the dialog, which keeps every field.
 *
 * Properties: "url" (TwUrl or NULL, read-only): the URL the fields make,
 * NULL while they do not make one; "connecting" (gboolean, read-only).
 *
 * Actions: connect.connect, connect.cancel (stops a running connection
 * attempt, or closes), connect.choose-file. */
TwConnectDialog *tw_connect_dialog_new                 (TwWindow        *parent) G_GNUC_WARN_UNUSED_RESULT;
TwUrl           *tw_connect_dialog_get_url             (TwConnectDialog *self);
/* The URL as shown, with the password masked; "" when there is none. */
const char      *tw_connect_dialog_get_display_url     (TwConnectDialog *self);
gboolean         tw_connect_dialog_get_connecting      (TwConnectDialog *self);
/* Fills the fields from url (as typing it into the URL entry does). */
void             tw_connect_dialog_set_url             (TwConnectDialog *self,
                                                        TwUrl           *url);

G_END_DECLS
