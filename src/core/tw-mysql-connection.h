/* tw-mysql-connection.h: the MySQL and MariaDB (MariaDB Connector/C) driver
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-connection.h"

G_BEGIN_DECLS

#define TW_TYPE_MYSQL_CONNECTION (tw_mysql_connection_get_type ())

G_DECLARE_FINAL_TYPE (TwMysqlConnection, tw_mysql_connection, TW, MYSQL_CONNECTION, TwConnection)

G_END_DECLS
