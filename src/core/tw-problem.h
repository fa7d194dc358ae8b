/* tw-problem.h: one problem found by validating a metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TW_PROBLEM_DUPLICATE_TABLE,
  TW_PROBLEM_DUPLICATE_COLUMN,
  TW_PROBLEM_DUPLICATE_CONSTRAINT,
  TW_PROBLEM_EMPTY_NAME,
  TW_PROBLEM_EMPTY_TABLE,
  TW_PROBLEM_UNKNOWN_COLUMN,          /* a constraint or index names a column the table lacks */
  TW_PROBLEM_FK_UNKNOWN_TABLE,
  TW_PROBLEM_FK_UNKNOWN_COLUMN,
  TW_PROBLEM_FK_NOT_UNIQUE,           /* referred columns are neither the primary key nor unique */
  TW_PROBLEM_FK_TYPE_MISMATCH,
  TW_PROBLEM_FK_COLUMN_COUNT,
  TW_PROBLEM_STRING_NEEDS_LENGTH,     /* String without length on a dialect that needs one */
  TW_PROBLEM_ENUM_NO_VALUES,
  TW_PROBLEM_ENUM_NEEDS_NAME,
  TW_PROBLEM_BAD_NUMERIC,
  TW_PROBLEM_SET_NULL_NOT_NULLABLE,
  TW_PROBLEM_AUTOINCREMENT,
  TW_PROBLEM_RELATIONSHIP,
  TW_PROBLEM_EMPTY_CONSTRAINT,
} TwProblemCode;

#define TW_TYPE_PROBLEM (tw_problem_get_type ())

typedef struct _TwProblem TwProblem;

/* A plain value: what is wrong ("message", a full sentence naming the element)
 * and where (table, then column or constraint name, either may be NULL). */
struct _TwProblem
{
  TwProblemCode code;
  char         *table;
  char         *element;
  char         *message;
};

GType      tw_problem_get_type (void) G_GNUC_CONST;
TwProblem *tw_problem_new      (TwProblemCode  code,
                                const char    *table,
                                const char    *element,
                                const char    *format,
                                ...) G_GNUC_PRINTF (4, 5) G_GNUC_WARN_UNUSED_RESULT;
TwProblem *tw_problem_copy     (const TwProblem *self);
void       tw_problem_free     (TwProblem     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TwProblem, tw_problem_free)

G_END_DECLS
