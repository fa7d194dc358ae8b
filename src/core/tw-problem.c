/* tw-problem.c: one problem found by validating a metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-problem"

#include "config.h"

#include <glib-object.h>

#include "tw-problem.h"

G_DEFINE_BOXED_TYPE (TwProblem, tw_problem, tw_problem_copy, tw_problem_free)

TwProblem *
tw_problem_new (TwProblemCode  code,
                const char    *table,
                const char    *element,
                const char    *format,
                ...)
{
  TwProblem *self;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  self = g_new0 (TwProblem, 1);
  self->code = code;
  self->table = g_strdup (table);
  self->element = g_strdup (element);

  va_start (args, format);
  self->message = g_strdup_vprintf (format, args);
  va_end (args);

  return self;
}

TwProblem *
tw_problem_copy (const TwProblem *self)
{
  TwProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TwProblem, 1);
  copy->code = self->code;
  copy->table = g_strdup (self->table);
  copy->element = g_strdup (self->element);
  copy->message = g_strdup (self->message);

  return copy;
}

void
tw_problem_free (TwProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->table);
  g_free (self->element);
  g_free (self->message);
  g_free (self);
}
