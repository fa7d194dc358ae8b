/* tw-postgresql-connection.h: the PostgreSQL (libpq) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"

G_BEGIN_DECLS

#define TW_TYPE_POSTGRESQL_CONNECTION (tw_postgresql_connection_get_type ())

G_DECLARE_FINAL_TYPE (TwPostgresqlConnection, tw_postgresql_connection, TW, POSTGRESQL_CONNECTION, TwConnection)

G_END_DECLS
