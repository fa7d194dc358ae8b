/* tw-schema-report.c: what a live create_all or drop_all did
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-schema-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tw-schema-report.h"

struct _TwSchemaReport
{
  gatomicrefcount    ref_count;
  TwSchemaOperation  operation;
  TwDialectKind      dialect;
  gboolean           transactional;
  gboolean           rolled_back;
  GPtrArray         *created;     /* char *, NULL-terminated */
  GPtrArray         *dropped;
  GPtrArray         *skipped;
  GPtrArray         *statements;  /* TwDdlStatement */
  TwDdlStatement    *failed;
};

G_DEFINE_BOXED_TYPE (TwSchemaReport, tw_schema_report, tw_schema_report_ref, tw_schema_report_unref)

static GPtrArray *
name_list_new (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (list, NULL);
  return list;
}

static void
name_list_add (GPtrArray  *list,
               const char *name)
{
  g_ptr_array_index (list, list->len - 1) = g_strdup (name);
  g_ptr_array_add (list, NULL);
}

static void
name_list_clear (GPtrArray *list)
{
  g_ptr_array_set_size (list, 0);
  g_ptr_array_add (list, NULL);
}

TwSchemaReport *
_tw_schema_report_new (TwSchemaOperation operation,
                       TwDialectKind     dialect,
                       gboolean          transactional)
{
  TwSchemaReport *self = g_new0 (TwSchemaReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->operation = operation;
  self->dialect = dialect;
  self->transactional = transactional;
  self->created = name_list_new ();
  self->dropped = name_list_new ();
  self->skipped = name_list_new ();
  self->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tw_ddl_statement_free);

  return self;
}

TwSchemaReport *
tw_schema_report_ref (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tw_schema_report_unref (TwSchemaReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->created);
  g_ptr_array_unref (self->dropped);
  g_ptr_array_unref (self->skipped);
  g_ptr_array_unref (self->statements);
  g_clear_pointer (&self->failed, tw_ddl_statement_free);
  g_free (self);
}

TwSchemaOperation
tw_schema_report_get_operation (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, TW_SCHEMA_OPERATION_CREATE_ALL);

  return self->operation;
}

TwDialectKind
tw_schema_report_get_dialect (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, TW_DIALECT_KIND_SQLITE);

  return self->dialect;
}

gboolean
tw_schema_report_get_transactional (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->transactional;
}

const char * const *
tw_schema_report_get_created_tables (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->created->pdata;
}

const char * const *
tw_schema_report_get_dropped_tables (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->dropped->pdata;
}

const char * const *
tw_schema_report_get_skipped_tables (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->skipped->pdata;
}

GPtrArray *
tw_schema_report_get_statements (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->statements;
}

const TwDdlStatement *
tw_schema_report_get_failed_statement (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->failed;
}

gboolean
tw_schema_report_get_rolled_back (TwSchemaReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->rolled_back;
}

void
_tw_schema_report_add_created (TwSchemaReport *self,
                               const char     *table)
{
  name_list_add (self->created, table);
}

void
_tw_schema_report_add_dropped (TwSchemaReport *self,
                               const char     *table)
{
  name_list_add (self->dropped, table);
}

void
_tw_schema_report_add_skipped (TwSchemaReport *self,
                               const char     *table)
{
  name_list_add (self->skipped, table);
}

void
_tw_schema_report_add_statement (TwSchemaReport       *self,
                                 const TwDdlStatement *statement)
{
  g_ptr_array_add (self->statements, tw_ddl_statement_copy (statement));
}

void
_tw_schema_report_set_failed (TwSchemaReport       *self,
                              const TwDdlStatement *statement,
                              gboolean              rolled_back)
{
  g_clear_pointer (&self->failed, tw_ddl_statement_free);
  self->failed = tw_ddl_statement_copy (statement);
  self->rolled_back = rolled_back;

  if (rolled_back)
    {
      name_list_clear (self->created);
      name_list_clear (self->dropped);
    }
}

/* "<heading>: a, b, c" on a line, for a non-empty list; takes heading. */
static void
append_names (GString    *out,
              char       *heading,
              GPtrArray  *names)
{
  g_autofree char *owned = heading;

  if (names->len <= 1)
    return;

  g_string_append (out, heading);
  g_string_append (out, ": ");
  for (guint i = 0; i + 1 < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  g_string_append_c (out, '\n');
}

#define COUNT(list) ((list)->len - 1)

char *
tw_schema_report_to_string (TwSchemaReport *self)
{
  GString *out;
  const char *dialect;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  dialect = tw_dialect_kind_to_string (self->dialect);

  if (self->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    g_string_append_printf (out, _("create_all on %s"), dialect);
  else
    g_string_append_printf (out, _("drop_all on %s"), dialect);
  if (self->transactional)
    g_string_append_printf (out, " %s\n", _("(in one transaction)"));
  else
    g_string_append_printf (out, " %s\n",
                            _("(no transactional DDL: each statement took effect as it ran)"));

  append_names (out,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Created %u table", "Created %u tables",
                                              COUNT (self->created)),
                                 COUNT (self->created)),
                self->created);
  append_names (out,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dropped %u table", "Dropped %u tables",
                                              COUNT (self->dropped)),
                                 COUNT (self->dropped)),
                self->dropped);
  if (self->operation == TW_SCHEMA_OPERATION_CREATE_ALL)
    append_names (out,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Skipped %u existing table",
                                                "Skipped %u existing tables", COUNT (self->skipped)),
                                   COUNT (self->skipped)),
                  self->skipped);
  else
    append_names (out,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Skipped %u missing table",
                                                "Skipped %u missing tables", COUNT (self->skipped)),
                                   COUNT (self->skipped)),
                  self->skipped);

  if (self->failed != NULL)
    {
      guint ran = self->statements->len;

      g_string_append_printf (out, _("Failed at statement %u (%s of “%s”)"),
                              ran + 1, tw_ddl_kind_to_string (self->failed->kind),
                              self->failed->table != NULL ? self->failed->table : "");
      if (self->rolled_back)
        g_string_append_printf (out, ": %s\n", _("everything was rolled back, nothing changed"));
      else if (ran > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                  ": the %u statement before it had already run and stays\n",
                                                  ": the %u statements before it had already run and stay\n",
                                                  ran),
                                ran);
      else
        g_string_append_printf (out, ": %s\n", _("no statement had run before it"));
      g_string_append_printf (out, "%s;\n", self->failed->sql);
    }

  if (self->statements->len == 0)
    g_string_append_printf (out, "%s\n", _("No statement was executed."));
  else
    {
      g_autofree char *script = tw_ddl_statements_to_script (self->statements);

      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "Executed %u statement:\n\n",
                                           "Executed %u statements:\n\n", self->statements->len),
                              self->statements->len);
      g_string_append (out, script);
    }

  return g_string_free (out, FALSE);
}
