/* tw-postgresql-dialect.h: the PostgreSQL dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-dialect.h"

G_BEGIN_DECLS

#define TW_TYPE_POSTGRESQL_DIALECT (tw_postgresql_dialect_get_type ())

/* Get the instance with tw_dialect_get (TW_DIALECT_KIND_POSTGRESQL). */
G_DECLARE_FINAL_TYPE (TwPostgresqlDialect, tw_postgresql_dialect, TW, POSTGRESQL_DIALECT, TwDialect)

G_END_DECLS
