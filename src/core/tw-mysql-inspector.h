/* tw-mysql-inspector.h: reflection of a MySQL or MariaDB database
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-inspector.h"

G_BEGIN_DECLS

#define TW_TYPE_MYSQL_INSPECTOR (tw_mysql_inspector_get_type ())

/* Made by tw_inspector_new() for a MySQL (or MariaDB) connection. */
G_DECLARE_FINAL_TYPE (TwMysqlInspector, tw_mysql_inspector, TW, MYSQL_INSPECTOR, TwInspector)

G_END_DECLS
