/* tw-history.c: undo and redo of edits to a metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tw-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tw-history.h"
#include "tw-model-file.h"

/* Older steps are dropped beyond this many. */
#define MAX_STEPS 200

/* A recorded state of the model: the text of each table and relationship
 * in order (tw-model-file's JSON object for it), with the identity of the
 * object it was taken from. Snapshots are immutable and shared: consecutive
 * snapshots share the texts of everything a command did not touch, and a
 * step's "after" is the next step's "before". */
typedef struct
{
  guint   id;
  GBytes *text;
} Entry;

typedef enum
{
  KIND_TABLES,
  KIND_RELATIONSHIPS,
  N_KINDS
} Kind;

typedef struct
{
  grefcount   ref_count;
  Entry      *entries[N_KINDS];
  guint       n_entries[N_KINDS];
  /* id → position + 1, built when first needed. */
  GHashTable *index[N_KINDS];
} Snapshot;

typedef struct
{
  char     *label;
  Snapshot *before;
  Snapshot *after;
} Step;

/* What changed in the model since the current snapshot was taken, as the
 * model's signals told. */
typedef struct
{
  GHashTable *dirty;      /* the objects changed or added (no references) */
  guint       moved : 1;  /* objects added, removed or moved */
} Changes;

struct _TwHistory
{
  GObject     parent_instance;

  TwMetadata *metadata;
  GPtrArray  *undo_steps;   /* of Step, oldest first */
  GPtrArray  *redo_steps;   /* of Step, the next redo last */

  /* The model as it was when last taken, and what changed since: the next
   * snapshot re-serializes only what changed. NULL before the first. */
  Snapshot   *current;
  Changes     changes[N_KINDS];
  /* "changed" emissions since current, and how many of them a table,
   * relationship or list signal accounted for. Any other change makes the
   * next snapshot start afresh. */
  guint       n_changed;
  guint       n_explained;

  Snapshot   *pending_before;
  char       *pending_label;
  guint       depth;
  /* "changed" fired since the outermost begin. */
  guint       changed_in_command : 1;
  /* Set while the history itself rewrites the model. */
  guint       restoring : 1;
};

G_DEFINE_FINAL_TYPE (TwHistory, tw_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METADATA,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS,
};

static GParamSpec *properties [N_PROPS];

/* Identities ------------------------------------------------------------- */

/* Every table and relationship a history has seen carries an id, unique in
 * the process, so that a renamed table is still the same table. An object
 * the history builds to put a recorded state back takes the id of the
 * object it stands for. */
static GQuark
object_id_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("tw-history-id");
  return quark;
}

static guint
get_object_id (gpointer object)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (object, object_id_quark ()));
}

static void
set_object_id (gpointer object,
               guint    id)
{
  g_object_set_qdata (object, object_id_quark (), GUINT_TO_POINTER (id));
}

static guint
new_object_id (void)
{
  static gint last_id;

  return (guint) g_atomic_int_add (&last_id, 1) + 1;
}

/* Snapshots -------------------------------------------------------------- */

static Snapshot *
snapshot_new (guint n_tables,
              guint n_relationships)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  g_ref_count_init (&snapshot->ref_count);
  snapshot->entries[KIND_TABLES] = g_new0 (Entry, MAX (n_tables, 1));
  snapshot->n_entries[KIND_TABLES] = n_tables;
  snapshot->entries[KIND_RELATIONSHIPS] = g_new0 (Entry, MAX (n_relationships, 1));
  snapshot->n_entries[KIND_RELATIONSHIPS] = n_relationships;
  return snapshot;
}

static Snapshot *
snapshot_ref (Snapshot *snapshot)
{
  g_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

static void
snapshot_unref (Snapshot *snapshot)
{
  if (!g_ref_count_dec (&snapshot->ref_count))
    return;

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      for (guint i = 0; i < snapshot->n_entries[kind]; i++)
        g_clear_pointer (&snapshot->entries[kind][i].text, g_bytes_unref);
      g_free (snapshot->entries[kind]);
      g_clear_pointer (&snapshot->index[kind], g_hash_table_unref);
    }
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_unref)

/* The entry of the object with that id, or NULL; hint is where it likely
 * is (the same position, when nothing was added or removed before it). */
static const Entry *
snapshot_lookup (Snapshot *snapshot,
                 Kind      kind,
                 guint     id,
                 guint     hint)
{
  gpointer position;

  if (hint < snapshot->n_entries[kind] && snapshot->entries[kind][hint].id == id)
    return &snapshot->entries[kind][hint];

  if (snapshot->index[kind] == NULL)
    {
      snapshot->index[kind] = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < snapshot->n_entries[kind]; i++)
        g_hash_table_insert (snapshot->index[kind],
                             GUINT_TO_POINTER (snapshot->entries[kind][i].id),
                             GUINT_TO_POINTER (i + 1));
    }

  position = g_hash_table_lookup (snapshot->index[kind], GUINT_TO_POINTER (id));
  if (position == NULL)
    return NULL;
  return &snapshot->entries[kind][GPOINTER_TO_UINT (position) - 1];
}

static gboolean
same_text (GBytes *a,
           GBytes *b)
{
  return a == b || g_bytes_equal (a, b);
}

/* Equal models: the same texts in the same order (identities aside: a
 * command that replaced a table by an equal one changed nothing). */
static gboolean
snapshot_equal (Snapshot *a,
                Snapshot *b)
{
  if (a == b)
    return TRUE;

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      if (a->n_entries[kind] != b->n_entries[kind])
        return FALSE;
      for (guint i = 0; i < a->n_entries[kind]; i++)
        if (!same_text (a->entries[kind][i].text, b->entries[kind][i].text))
          return FALSE;
    }
  return TRUE;
}

static GBytes *
serialize (Kind     kind,
           gpointer object)
{
  char *data;
  gsize length = 0;

  if (kind == KIND_TABLES)
    data = _tw_model_file_table_to_data (object, &length);
  else
    data = _tw_model_file_relationship_to_data (object, &length);
  return g_bytes_new_take (data, length);
}

static gpointer
deserialize (Kind     kind,
             GBytes  *text,
             GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (text, &length);

  if (kind == KIND_TABLES)
    return _tw_model_file_table_from_data (data, length, error);
  return _tw_model_file_relationship_from_data (data, length, error);
}

static GListModel *
get_list (TwHistory *self,
          Kind       kind)
{
  if (kind == KIND_TABLES)
    return tw_metadata_get_tables (self->metadata);
  return tw_metadata_get_relationships (self->metadata);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_clear_pointer (&step->before, snapshot_unref);
  g_clear_pointer (&step->after, snapshot_unref);
  g_free (step);
}

static void
forget_changes (TwHistory *self)
{
  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      g_hash_table_remove_all (self->changes[kind].dirty);
      self->changes[kind].moved = FALSE;
    }
  self->n_changed = 0;
  self->n_explained = 0;
}

/* Fills the entries of one kind of the new snapshot from the model, taking
 * the texts of what did not change from previous (NULL: nothing is known). */
static void
take_entries (TwHistory *self,
              Kind       kind,
              Snapshot  *previous,
              Snapshot  *snapshot)
{
  GListModel *list = get_list (self, kind);
  Changes *changes = &self->changes[kind];
  g_autoptr (GHashTable) seen = NULL;
  guint n = snapshot->n_entries[kind];

  /* Nothing changed: the same texts. */
  if (previous != NULL && !changes->moved && g_hash_table_size (changes->dirty) == 0)
    {
      g_assert (previous->n_entries[kind] == n);
      for (guint i = 0; i < n; i++)
        {
          snapshot->entries[kind][i].id = previous->entries[kind][i].id;
          snapshot->entries[kind][i].text = g_bytes_ref (previous->entries[kind][i].text);
        }
      return;
    }

  /* Objects came or went: one could be an old one back, or two could claim
   * one id; the second gets a new id. */
  if (previous == NULL || changes->moved)
    seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);
      Entry *entry = &snapshot->entries[kind][i];
      const Entry *old = NULL;
      guint id = get_object_id (object);

      if (seen != NULL && (id == 0 || !g_hash_table_add (seen, GUINT_TO_POINTER (id))))
        {
          id = new_object_id ();
          set_object_id (object, id);
          g_hash_table_add (seen, GUINT_TO_POINTER (id));
        }

      if (previous != NULL)
        old = snapshot_lookup (previous, kind, id, i);

      entry->id = id;
      if (old != NULL && !g_hash_table_contains (changes->dirty, object))
        {
          entry->text = g_bytes_ref (old->text);
          continue;
        }

      entry->text = serialize (kind, object);
      /* Unchanged after all (a value set and set back): share the text. */
      if (old != NULL && g_bytes_equal (entry->text, old->text))
        {
          g_bytes_unref (entry->text);
          entry->text = g_bytes_ref (old->text);
        }
    }
}

/* The model as it is now (borrowed), re-serializing only the tables and
 * relationships that changed since the last time. */
static Snapshot *
take_snapshot (TwHistory *self)
{
  Snapshot *previous = self->current;
  Snapshot *snapshot;

  if (previous != NULL && self->n_changed == 0)
    return previous;

  /* A change no signal accounted for: trust nothing. */
  if (self->n_changed > self->n_explained)
    previous = NULL;

  snapshot = snapshot_new (g_list_model_get_n_items (get_list (self, KIND_TABLES)),
                           g_list_model_get_n_items (get_list (self, KIND_RELATIONSHIPS)));
  for (Kind kind = 0; kind < N_KINDS; kind++)
    take_entries (self, kind, previous, snapshot);

  forget_changes (self);
  g_clear_pointer (&self->current, snapshot_unref);
  self->current = snapshot;
  return snapshot;
}

/* Signals of the model ---------------------------------------------------- */

static void
notify_state (TwHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
metadata_changed_cb (TwHistory  *self,
                     TwMetadata *metadata)
{
  if (self->restoring)
    return;
  self->n_changed++;
  self->changed_in_command = TRUE;

  /* A change that no command recorded: undoing past it would throw it
   * away with the older state, so the steps recorded so far are dropped. */
  if (self->depth == 0 && (self->undo_steps->len > 0 || self->redo_steps->len > 0))
    {
      g_ptr_array_set_size (self->undo_steps, 0);
      g_ptr_array_set_size (self->redo_steps, 0);
      notify_state (self);
    }
}

static void
table_changed_cb (TwHistory  *self,
                  TwTable    *table,
                  TwMetadata *metadata)
{
  if (self->restoring)
    return;
  self->n_explained++;
  g_hash_table_add (self->changes[KIND_TABLES].dirty, table);
}

static void
relationship_changed_cb (TwHistory      *self,
                         TwRelationship *relationship)
{
  guint position;

  /* Only a relationship of the model made the model emit "changed". */
  if (self->restoring ||
      !g_list_store_find (G_LIST_STORE (get_list (self, KIND_RELATIONSHIPS)), relationship, &position))
    return;
  self->n_explained++;
  g_hash_table_add (self->changes[KIND_RELATIONSHIPS].dirty, relationship);
}

/* Relationships relay their changes to the metadata without saying which
 * one changed, so the history listens to each. A relationship that left
 * the model keeps the handler (it does no harm) until one of them goes. */
static void
watch_relationship (TwHistory      *self,
                    TwRelationship *relationship)
{
  if (g_signal_handler_find (relationship, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA,
                             0, 0, NULL, relationship_changed_cb, self) != 0)
    return;
  g_signal_connect_object (relationship, "changed",
                           G_CALLBACK (relationship_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
list_changed (TwHistory  *self,
              Kind        kind,
              GListModel *list,
              guint       position,
              guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);

      if (kind == KIND_RELATIONSHIPS)
        watch_relationship (self, TW_RELATIONSHIP (object));
      if (!self->restoring)
        g_hash_table_add (self->changes[kind].dirty, object);
    }

  if (self->restoring)
    return;
  self->n_explained++;
  self->changes[kind].moved = TRUE;
}

static void
tables_changed_cb (TwHistory  *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *list)
{
  list_changed (self, KIND_TABLES, list, position, added);
}

static void
relationships_changed_cb (TwHistory  *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *list)
{
  list_changed (self, KIND_RELATIONSHIPS, list, position, added);
}

/* Putting a state back ------------------------------------------------------ */

void
tw_history_copy_model_into (TwMetadata *target,
                            TwMetadata *source)
{
  GListModel *relationships;
  guint n;

  g_return_if_fail (TW_IS_METADATA (target));
  g_return_if_fail (TW_IS_METADATA (source));

  /* Relationships first: removing a table takes its relationships along,
   * and a many-to-many relationship takes its association table. */
  relationships = tw_metadata_get_relationships (target);
  while ((n = g_list_model_get_n_items (relationships)) > 0)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, n - 1);

      tw_metadata_remove_relationship (target, relationship);
    }
  /* Foreign keys next, table by table: removing a table looks for keys that
   * refer to it in every other table, which is quadratic while they exist. */
  for (guint i = 0; i < tw_metadata_get_n_tables (target); i++)
    {
      TwTable *table = tw_metadata_get_table (target, i);
      GListModel *fks = tw_table_get_foreign_keys (table);

      while ((n = g_list_model_get_n_items (fks)) > 0)
        {
          g_autoptr (TwForeignKey) fk = g_list_model_get_item (fks, n - 1);

          tw_table_remove_foreign_key (table, fk);
        }
    }
  while ((n = tw_metadata_get_n_tables (target)) > 0)
    tw_metadata_remove_table (target, tw_metadata_get_table (target, n - 1));

  for (guint i = 0; i < tw_metadata_get_n_tables (source); i++)
    {
      g_autoptr (TwTable) copy = tw_table_copy (tw_metadata_get_table (source, i));

      tw_metadata_add_table (target, copy);
    }

  relationships = tw_metadata_get_relationships (source);
  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);
      g_autoptr (TwRelationship) copy = tw_relationship_copy (relationship);

      tw_metadata_add_relationship (target, copy);
    }
}

/* What to do with target's i-th object: nothing (it is in the model as
 * it should be), move the live table (only its position differs), or put
 * built, read from the text, in its place. */
typedef struct
{
  GObject *built;
  double   x;
  double   y;
  gboolean move;
} Wanted;

/* The writer puts a table's "x" and "y" members on lines of their own, one
 * after the other, just inside the table's object ("\n  \"x\": 40,"); no
 * other line starts like them, since strings never hold a raw newline.
 * Finds them: start is where the x line starts and end where the y line
 * ends. The texts come from serialize(), with a NUL past their length. */
static gboolean
find_position_lines (const char  *data,
                     gsize        length,
                     const char **start,
                     const char **end,
                     double      *x,
                     double      *y)
{
  static const char x_key[] = "\n  \"x\": ";
  static const char y_key[] = ",\n  \"y\": ";
  const char *p = g_strstr_len (data, length, x_key);
  char *after = NULL;

  if (p == NULL)
    return FALSE;
  *start = p;
  *x = g_ascii_strtod (p + strlen (x_key), &after);
  if (!g_str_has_prefix (after, y_key))
    return FALSE;
  *y = g_ascii_strtod (after + strlen (y_key), &after);
  if (*after != ',' && *after != '\n')
    return FALSE;
  *end = after;
  return TRUE;
}

/* Whether two texts of a table differ only in its position (a move or an
 * auto-layout, the commonest steps), and then the position of wanted: the
 * table is moved, not read again. */
static gboolean
differs_in_position_only (GBytes *now,
                          GBytes *wanted,
                          double *x,
                          double *y)
{
  gsize now_length = 0;
  gsize wanted_length = 0;
  const char *now_data = g_bytes_get_data (now, &now_length);
  const char *wanted_data = g_bytes_get_data (wanted, &wanted_length);
  const char *now_start;
  const char *now_end;
  const char *wanted_start;
  const char *wanted_end;
  double now_x;
  double now_y;
  gsize head;
  gsize now_tail;
  gsize wanted_tail;

  if (!find_position_lines (now_data, now_length, &now_start, &now_end, &now_x, &now_y) ||
      !find_position_lines (wanted_data, wanted_length, &wanted_start, &wanted_end, x, y))
    return FALSE;

  head = now_start - now_data;
  now_tail = now_length - (now_end - now_data);
  wanted_tail = wanted_length - (wanted_end - wanted_data);
  /* Texts that differ in numbers that compare equal (0 and -0.0): moving
   * the table would not change it. */
  return (now_x != *x || now_y != *y) &&
         head == (gsize) (wanted_start - wanted_data) &&
         now_tail == wanted_tail &&
         memcmp (now_data, wanted_data, head) == 0 &&
         memcmp (now_end, wanted_end, now_tail) == 0;
}

/* The position of the live object with that id, from start on. */
static guint
find_live (TwHistory *self,
           Kind       kind,
           guint      id,
           guint      start)
{
  GListModel *list = get_list (self, kind);
  guint n = g_list_model_get_n_items (list);

  for (guint i = start; i < n; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);

      if (get_object_id (object) == id)
        return i;
    }
  g_assert_not_reached ();
}

static void
remove_only (TwHistory *self,
             Kind       kind,
             gpointer   object)
{
  if (kind == KIND_TABLES)
    _tw_metadata_remove_table_only (self->metadata, object);
  else
    _tw_metadata_remove_relationship_only (self->metadata, object);
}

static void
insert_only (TwHistory *self,
             Kind       kind,
             guint      position,
             gpointer   object)
{
  if (kind == KIND_TABLES)
    tw_metadata_insert_table (self->metadata, position, object);
  else
    _tw_metadata_insert_relationship (self->metadata, position, object);
}

/* The first half of making the model's objects of one kind those of
 * target: out go what target does not hold, and the relationships that
 * differ (they are small; tables are replaced in place by put_wanted()). */
static void
remove_unwanted (TwHistory *self,
                 Kind       kind,
                 Snapshot  *live,
                 Snapshot  *target,
                 Wanted    *wanted)
{
  GListModel *list = get_list (self, kind);

  for (guint i = live->n_entries[kind]; i > 0; i--)
    {
      const Entry *entry = &live->entries[kind][i - 1];
      const Entry *kept = snapshot_lookup (target, kind, entry->id, i - 1);

      if (kept == NULL ||
          (kind == KIND_RELATIONSHIPS && wanted[kept - target->entries[kind]].built != NULL))
        {
          g_autoptr (GObject) object = g_list_model_get_item (list, i - 1);

          g_assert (get_object_id (object) == entry->id);
          /* It is out of the model, and of its history. */
          set_object_id (object, 0);
          remove_only (self, kind, object);
        }
    }
}

/* The second half: in go the new and changed objects, in target's order.
 * Live objects that are wanted and unchanged stay as they are. */
static void
put_wanted (TwHistory *self,
            Kind       kind,
            Snapshot  *live,
            Snapshot  *target,
            Wanted    *wanted)
{
  GListModel *list = get_list (self, kind);

  for (guint i = 0; i < target->n_entries[kind]; i++)
    {
      const Entry *entry = &target->entries[kind][i];
      const Entry *now = snapshot_lookup (live, kind, entry->id, i);
      g_autoptr (GObject) object = NULL;

      if (now == NULL || (kind == KIND_RELATIONSHIPS && wanted[i].built != NULL))
        {
          /* New to the model, or a changed relationship. */
          set_object_id (wanted[i].built, entry->id);
          insert_only (self, kind, i, wanted[i].built);
          continue;
        }

      object = g_list_model_get_item (list, i);
      if (get_object_id (object) != entry->id)
        {
          /* The order changed: fetch it from further down. */
          g_clear_object (&object);
          object = g_list_model_get_item (list, find_live (self, kind, entry->id, i + 1));
          remove_only (self, kind, object);
          insert_only (self, kind, i, object);
        }

      if (wanted[i].move)
        tw_table_set_position (TW_TABLE (object), wanted[i].x, wanted[i].y);
      else if (wanted[i].built != NULL)
        {
          set_object_id (wanted[i].built, entry->id);
          set_object_id (object, 0);
          _tw_metadata_replace_table (self->metadata, i, TW_TABLE (wanted[i].built));
        }
    }

  g_assert (g_list_model_get_n_items (list) == target->n_entries[kind]);
}

static void
free_wanted (Wanted *wanted,
             guint   n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&wanted[i].built);
  g_free (wanted);
}

/* Puts the state target back into the model, touching only the tables and
 * relationships whose text differs from the model's. Everything is read
 * before anything changes, so a failure leaves the model as it was. */
static gboolean
restore (TwHistory  *self,
         Snapshot   *target,
         GError    **error)
{
  g_autoptr (Snapshot) live = snapshot_ref (take_snapshot (self));
  Wanted *wanted[N_KINDS] = { NULL, };
  gboolean ok = TRUE;

  for (Kind kind = 0; kind < N_KINDS && ok; kind++)
    {
      wanted[kind] = g_new0 (Wanted, MAX (target->n_entries[kind], 1));
      for (guint i = 0; i < target->n_entries[kind] && ok; i++)
        {
          const Entry *entry = &target->entries[kind][i];
          const Entry *now = snapshot_lookup (live, kind, entry->id, i);
          Wanted *w = &wanted[kind][i];

          if (now != NULL && same_text (now->text, entry->text))
            continue;
          if (now != NULL && kind == KIND_TABLES &&
              differs_in_position_only (now->text, entry->text, &w->x, &w->y))
            {
              w->move = TRUE;
              continue;
            }
          w->built = deserialize (kind, entry->text, error);
          ok = w->built != NULL;
        }
    }

  if (ok)
    {
      self->restoring = TRUE;
      /* Relationships out before tables, in after them: views that follow
       * a relationship to its tables never see it dangle. */
      remove_unwanted (self, KIND_RELATIONSHIPS, live, target, wanted[KIND_RELATIONSHIPS]);
      remove_unwanted (self, KIND_TABLES, live, target, wanted[KIND_TABLES]);
      put_wanted (self, KIND_TABLES, live, target, wanted[KIND_TABLES]);
      put_wanted (self, KIND_RELATIONSHIPS, live, target, wanted[KIND_RELATIONSHIPS]);
      self->restoring = FALSE;

      forget_changes (self);
      g_clear_pointer (&self->current, snapshot_unref);
      self->current = snapshot_ref (target);
    }

  for (Kind kind = 0; kind < N_KINDS; kind++)
    if (wanted[kind] != NULL)
      free_wanted (wanted[kind], target->n_entries[kind]);
  return ok;
}

static void
tw_history_dispose (GObject *object)
{
  TwHistory *self = (TwHistory *) object;

  if (self->metadata != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->metadata, self);
      g_signal_handlers_disconnect_by_data (get_list (self, KIND_TABLES), self);
      g_signal_handlers_disconnect_by_data (get_list (self, KIND_RELATIONSHIPS), self);
    }
  g_clear_object (&self->metadata);

  G_OBJECT_CLASS (tw_history_parent_class)->dispose (object);
}

static void
tw_history_finalize (GObject *object)
{
  TwHistory *self = (TwHistory *) object;

  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->current, snapshot_unref);
  g_clear_pointer (&self->pending_before, snapshot_unref);
  g_clear_pointer (&self->pending_label, g_free);
  for (Kind kind = 0; kind < N_KINDS; kind++)
    g_clear_pointer (&self->changes[kind].dirty, g_hash_table_unref);

  G_OBJECT_CLASS (tw_history_parent_class)->finalize (object);
}

static void
tw_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TwHistory *self = TW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tw_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, tw_history_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, tw_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, tw_history_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TwHistory *self = TW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_assert (self->metadata == NULL);
      self->metadata = g_value_dup_object (value);
      if (self->metadata != NULL)
        {
          GListModel *relationships = get_list (self, KIND_RELATIONSHIPS);

          g_signal_connect_object (self->metadata, "changed",
                                   G_CALLBACK (metadata_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->metadata, "table-changed",
                                   G_CALLBACK (table_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (get_list (self, KIND_TABLES), "items-changed",
                                   G_CALLBACK (tables_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (relationships, "items-changed",
                                   G_CALLBACK (relationships_changed_cb), self, G_CONNECT_SWAPPED);
          for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
            {
              g_autoptr (TwRelationship) relationship = g_list_model_get_item (relationships, i);

              watch_relationship (self, relationship);
            }
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tw_history_class_init (TwHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tw_history_dispose;
  object_class->finalize = tw_history_finalize;
  object_class->get_property = tw_history_get_property;
  object_class->set_property = tw_history_set_property;

  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL,
                         TW_TYPE_METADATA,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tw_history_init (TwHistory *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func (step_free);
  self->redo_steps = g_ptr_array_new_with_free_func (step_free);
  for (Kind kind = 0; kind < N_KINDS; kind++)
    self->changes[kind].dirty = g_hash_table_new (NULL, NULL);
}

TwHistory *
tw_history_new (TwMetadata *metadata)
{
  g_return_val_if_fail (TW_IS_METADATA (metadata), NULL);

  return g_object_new (TW_TYPE_HISTORY, "metadata", metadata, NULL);
}

TwMetadata *
tw_history_get_metadata (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  return self->metadata;
}

void
tw_history_begin (TwHistory  *self,
                  const char *label)
{
  g_return_if_fail (TW_IS_HISTORY (self));

  if (self->depth++ > 0)
    return;

  self->pending_before = snapshot_ref (take_snapshot (self));
  self->pending_label = g_strdup (label);
  self->changed_in_command = FALSE;
}

void
tw_history_end (TwHistory *self)
{
  Snapshot *after = NULL;
  Step *step;

  g_return_if_fail (TW_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  /* Nothing fired "changed" since begin, or the command put everything
   * back as it was. */
  if (!self->changed_in_command ||
      snapshot_equal ((after = take_snapshot (self)), self->pending_before))
    {
      g_clear_pointer (&self->pending_before, snapshot_unref);
      g_clear_pointer (&self->pending_label, g_free);
      return;
    }

  step = g_new0 (Step, 1);
  step->label = g_steal_pointer (&self->pending_label);
  step->before = g_steal_pointer (&self->pending_before);
  step->after = snapshot_ref (after);
  g_ptr_array_add (self->undo_steps, step);
  if (self->undo_steps->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  notify_state (self);
}

gboolean
tw_history_is_recording (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->depth > 0;
}

gboolean
tw_history_get_can_undo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->undo_steps->len > 0;
}

gboolean
tw_history_get_can_redo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);

  return self->redo_steps->len > 0;
}

const char *
tw_history_get_undo_label (TwHistory *self)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  if (self->undo_steps->len == 0)
    return NULL;
  step = g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1);
  return step->label;
}

const char *
tw_history_get_redo_label (TwHistory *self)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), NULL);

  if (self->redo_steps->len == 0)
    return NULL;
  step = g_ptr_array_index (self->redo_steps, self->redo_steps->len - 1);
  return step->label;
}

guint
tw_history_get_n_undo (TwHistory *self)
{
  g_return_val_if_fail (TW_IS_HISTORY (self), 0);

  return self->undo_steps->len;
}

gboolean
tw_history_undo (TwHistory  *self,
                 GError    **error)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->undo_steps->len == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                   _("There is nothing to undo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (self->undo_steps, self->undo_steps->len - 1);
  if (!restore (self, step->before, error))
    {
      g_ptr_array_add (self->undo_steps, step);
      return FALSE;
    }
  g_ptr_array_add (self->redo_steps, step);
  notify_state (self);
  return TRUE;
}

gboolean
tw_history_redo (TwHistory  *self,
                 GError    **error)
{
  Step *step;

  g_return_val_if_fail (TW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->redo_steps->len == 0)
    {
      g_set_error (error, TW_MODEL_ERROR, TW_MODEL_ERROR_INVALID,
                   _("There is nothing to redo"));
      return FALSE;
    }

  step = g_ptr_array_steal_index (self->redo_steps, self->redo_steps->len - 1);
  if (!restore (self, step->after, error))
    {
      g_ptr_array_add (self->redo_steps, step);
      return FALSE;
    }
  g_ptr_array_add (self->undo_steps, step);
  notify_state (self);
  return TRUE;
}

void
tw_history_clear (TwHistory *self)
{
  g_return_if_fail (TW_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  /* The next snapshot reads the whole model afresh. */
  g_clear_pointer (&self->current, snapshot_unref);
  forget_changes (self);
  notify_state (self);
}
