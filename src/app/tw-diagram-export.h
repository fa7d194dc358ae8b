/* tw-diagram-export.h: the whole diagram of a model as a PNG or SVG file
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

typedef enum
{
  TW_DIAGRAM_FORMAT_PNG,
  TW_DIAGRAM_FORMAT_SVG,
} TwDiagramFormat;

/* Renders every card and link of the model (with cairo and pango only: no
 * display is needed) to path, in the light style. An empty model gives a
 * small blank image. Fails with a G_IO_ERROR naming the path when the file
 * cannot be written. */
gboolean tw_diagram_export (TwMetadata       *metadata,
                            const char       *path,
                            TwDiagramFormat   format,
                            GError          **error);

G_END_DECLS
