/* tw-connect-dialog-private.h: the insides of TwConnectDialog, for its tests
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connect-dialog.h"

G_BEGIN_DECLS

struct _TwConnectDialog
{
  AdwWindow              parent_instance;

  TwWindow              *parent;
  GSettings             *settings;
  TwUrl                 *url;
  char                  *display_url;
  GCancellable          *cancellable;
  GtkFileChooserNative  *file_chooser;
  GtkStringList         *recent;

  /* Set while the fields are filled from a URL, so that they do not
   * write the URL entry back. */
  guint                  syncing : 1;
  guint                  connecting : 1;

  /* Template widgets */
  GtkButton             *cancel_button;
  GtkButton             *connect_button;
  GtkSpinner            *spinner;
  AdwComboRow           *dialect_row;
  AdwEntryRow           *url_row;
  GtkLabel              *url_error_label;
  AdwPreferencesGroup   *sqlite_group;
  AdwEntryRow           *file_row;
  GtkSwitch             *new_switch;
  AdwPreferencesGroup   *server_group;
  AdwEntryRow           *host_row;
  AdwEntryRow           *port_row;
  AdwEntryRow           *user_row;
  AdwPasswordEntryRow   *password_row;
  AdwEntryRow           *database_row;
  AdwActionRow          *shown_row;
  GtkLabel              *error_label;
  AdwPreferencesGroup   *recent_group;
  GtkListBox            *recent_list;
};

G_END_DECLS
