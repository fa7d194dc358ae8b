/* tw-diagram-export.c: the whole diagram of a model as a PNG or SVG file
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-diagram-export"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "tw-diagram-export.h"
#include "tw-diagram-painter.h"
#include "tw-layout.h"

#define MARGIN 40.0
/* A PNG larger than this on either side is scaled down to fit. */
#define MAX_PNG_SIDE 16000.0

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR,
               status == CAIRO_STATUS_WRITE_ERROR ? G_IO_ERROR_FAILED : G_IO_ERROR_INVALID_DATA,
               _("Could not write the diagram to “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
tw_diagram_export (TwMetadata       *metadata,
                   const char       *path,
                   TwDiagramFormat   format,
                   GError          **error)
{
  TwDiagramStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double x = 0, y = 0, width = 0, height = 0;
  double scale = 1.0;
  double out_width, out_height;
  gboolean ok;

  g_return_val_if_fail (TW_IS_METADATA (metadata), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format == TW_DIAGRAM_FORMAT_PNG || format == TW_DIAGRAM_FORMAT_SVG, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tw_diagram_style_init (&style, FALSE);
  if (!tw_layout_get_bounds (metadata, &x, &y, &width, &height))
    width = height = 100.0;
  /* Room for lines that go around the cards. */
  width += 2 * MARGIN;
  height += 2 * MARGIN;
  x -= MARGIN;
  y -= MARGIN;

  if (format == TW_DIAGRAM_FORMAT_PNG)
    {
      if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE)
        scale = MAX_PNG_SIDE / MAX (width, height);
      out_width = MAX (1.0, width * scale);
      out_height = MAX (1.0, height * scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) out_width, (int) out_height);
    }
  else
    {
      surface = cairo_svg_surface_create (path, width, height);
    }

  status = cairo_surface_status (surface);
  if (!check_status (status, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgba (cr, style.background.r, style.background.g, style.background.b, 1.0);
  cairo_paint (cr);
  cairo_translate (cr, -x, -y);
  tw_diagram_paint_model (cr, metadata, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);

  ok = check_status (status, path, error);
  if (ok && format == TW_DIAGRAM_FORMAT_PNG)
    ok = check_status (cairo_surface_write_to_png (surface, path), path, error);
  cairo_surface_finish (surface);
  if (ok)
    ok = check_status (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);
  return ok;
}
