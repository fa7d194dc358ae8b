/* tw-inspector-pane-private.h: test hooks of the inspector pane
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tw-inspector-pane.h"

G_BEGIN_DECLS

/* The table name row, as a user types into it and applies. */
AdwEntryRow *_tw_inspector_pane_get_name_row (TwInspectorPane *self);

G_END_DECLS
