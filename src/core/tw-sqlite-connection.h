/* tw-sqlite-connection.h: the SQLite (sqlite3) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"

G_BEGIN_DECLS

#define TW_TYPE_SQLITE_CONNECTION (tw_sqlite_connection_get_type ())

G_DECLARE_FINAL_TYPE (TwSqliteConnection, tw_sqlite_connection, TW, SQLITE_CONNECTION, TwConnection)

G_END_DECLS
