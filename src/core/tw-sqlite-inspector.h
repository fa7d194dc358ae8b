/* tw-sqlite-inspector.h: reflection of an SQLite database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-inspector.h"

G_BEGIN_DECLS

#define TW_TYPE_SQLITE_INSPECTOR (tw_sqlite_inspector_get_type ())

/* Made by tw_inspector_new() for an SQLite connection. */
G_DECLARE_FINAL_TYPE (TwSqliteInspector, tw_sqlite_inspector, TW, SQLITE_INSPECTOR, TwInspector)

G_END_DECLS
