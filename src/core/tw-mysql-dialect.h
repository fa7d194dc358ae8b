/* tw-mysql-dialect.h: the MySQL dialect
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tw-dialect.h"

G_BEGIN_DECLS

#define TW_TYPE_MYSQL_DIALECT (tw_mysql_dialect_get_type ())

/* Get the instance with tw_dialect_get (TW_DIALECT_KIND_MYSQL). */
G_DECLARE_FINAL_TYPE (TwMysqlDialect, tw_mysql_dialect, TW, MYSQL_DIALECT, TwDialect)

G_END_DECLS
