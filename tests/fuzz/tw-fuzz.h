/* tw-fuzz.h: the entry point every libFuzzer target in tests/fuzz defines
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

/* Called by libFuzzer, or by tw-fuzz-replay.c for each corpus file. It
 * returns 0 and aborts on any failed check. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
