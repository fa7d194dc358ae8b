/* tw-postgresql-inspector.h: reflection of a PostgreSQL schema
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-inspector.h"

G_BEGIN_DECLS

#define TW_TYPE_POSTGRESQL_INSPECTOR (tw_postgresql_inspector_get_type ())

/* Made by tw_inspector_new() for a PostgreSQL connection. */
G_DECLARE_FINAL_TYPE (TwPostgresqlInspector, tw_postgresql_inspector, TW, POSTGRESQL_INSPECTOR, TwInspector)

G_END_DECLS
