/* tw-recent-menu.c: the Open Recent menu, filled from the "recent-files" setting
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-recent-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "tw-recent-menu.h"

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  TwApplication *self = user_data;
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  /* As app.open does: a failure shows its message over a window. */
  tw_application_open_file (self, file);
}

static const GActionEntry recent_actions[] = {
  { "open-recent", open_recent_action, "s" },
};

void
tw_recent_menu_add_actions (TwApplication *application)
{
  g_return_if_fail (TW_IS_APPLICATION (application));

  g_action_map_add_action_entries (G_ACTION_MAP (application), recent_actions,
                                   G_N_ELEMENTS (recent_actions), application);
}

/* A file name as a menu label: its underscores are not mnemonics. */
static char *
dup_label (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_auto (GStrv) parts = NULL;

  if (name == NULL)
    return g_file_get_uri (file);

  parts = g_strsplit (name, "_", -1);
  return g_strjoinv ("__", parts);
}

static void
fill (GMenu     *menu,
      GSettings *settings)
{
  g_auto (GStrv) uris = g_settings_get_strv (settings, "recent-files");
  guint n = 0;

  g_assert (G_IS_MENU (menu));

  g_menu_remove_all (menu);

  for (guint i = 0; uris[i] != NULL && n < TW_RECENT_FILES_MAX; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uris[i]);
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char      *path = g_file_peek_path (file);

      /* Only what can still be opened; a local check of at most ten files. */
      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      label = dup_label (file);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (uris[i]));
      g_menu_append_item (menu, item);
      n++;
    }

  if (n == 0)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_("No Recent Models"), "app.no-recent-models");

      /* No such action: the item shows, insensitive. */
      g_menu_append_item (menu, item);
    }
}

static void
settings_changed_cb (GMenu      *menu,
                     const char *key,
                     GSettings  *settings)
{
  fill (menu, settings);
}

void
tw_recent_menu_attach (GMenu     *menu,
                       GSettings *settings)
{
  g_return_if_fail (G_IS_MENU (menu));
  g_return_if_fail (G_IS_SETTINGS (settings));

  fill (menu, settings);
  /* Disconnected when the menu goes (with the window that owns it). */
  g_signal_connect_object (settings, "changed::recent-files", G_CALLBACK (settings_changed_cb),
                           menu, G_CONNECT_SWAPPED);
}

GStrv
tw_recent_menu_dup_uris (GMenuModel *menu)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (G_IS_MENU_MODEL (menu), NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr (GVariant) target = NULL;

      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      if (target != NULL)
        g_strv_builder_add (builder, g_variant_get_string (target, NULL));
    }

  return g_strv_builder_end (builder);
}
