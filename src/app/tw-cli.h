/* tw-cli.h: the command-line interface (tablewright ddl, reflect, ...)
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the commands. */
#define TW_CLI_EXIT_OK        0
#define TW_CLI_EXIT_DATABASE  1  /* the database failed or refused */
#define TW_CLI_EXIT_USAGE     2  /* bad input: arguments, files, models */

/* TRUE when argv[1] names a command, so main() runs tw_cli_run () rather
 * than the graphical application. */
gboolean tw_cli_is_command (int    argc,
                            char **argv);
int      tw_cli_run        (int    argc,
                            char **argv);

G_END_DECLS
