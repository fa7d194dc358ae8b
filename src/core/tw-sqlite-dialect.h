/* tw-sqlite-dialect.h: the SQLite dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-dialect.h"

G_BEGIN_DECLS

#define TW_TYPE_SQLITE_DIALECT (tw_sqlite_dialect_get_type ())

/* Get the instance with tw_dialect_get (TW_DIALECT_KIND_SQLITE). */
G_DECLARE_FINAL_TYPE (TwSqliteDialect, tw_sqlite_dialect, TW, SQLITE_DIALECT, TwDialect)

G_END_DECLS
