/* tw-history.h: undo and redo of edits to a metadata model
 *
 * Copyright 2026 The Tablewright authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tw-metadata.h"

G_BEGIN_DECLS

#define TW_TYPE_HISTORY (tw_history_get_type ())

G_DECLARE_FINAL_TYPE (TwHistory, tw_history, TW, HISTORY, GObject)

/* A history records each user command as the state of the model before
 * and after it, and undoes or redoes a command by putting the other state
 * back into the same TwMetadata object, so that views holding the model
 * keep working.
 *
 * A state is the model file text (tw-model-file) of each table and each
 * relationship, in order, with the identity of the object it came from (a
 * renamed table is the same table). States share the texts of what did not
 * change, and the model's signals tell which tables and relationships a
 * command touched, so recording a command serializes only those. Undo and
 * redo touch only the tables and relationships whose text differs: a moved
 * table is moved back, a changed one is replaced by a new object read from
 * its text, and the others keep their objects (and the views their state).
 *
 * Wrap every command in tw_history_begin() / tw_history_end(); pairs nest,
 * and only the outermost pair records a step (a drag of many cards, or an
 * auto-layout, is one step). A command that changed nothing records
 * nothing. The state is kept up to date between commands and reused as the
 * "before" of the next command. A change made outside any command drops
 * every recorded step (undoing past it would silently throw it away).
 *
 * Properties: "metadata" (construct-only), "can-undo", "can-redo" (read-only
 * booleans), "undo-label", "redo-label" (read-only strings or NULL). */

TwHistory  *tw_history_new            (TwMetadata  *metadata) G_GNUC_WARN_UNUSED_RESULT;
TwMetadata *tw_history_get_metadata   (TwHistory   *self);

void        tw_history_begin          (TwHistory   *self,
                                       const char  *label);
void        tw_history_end            (TwHistory   *self);
/* TRUE between the outermost begin and its end. */
gboolean    tw_history_is_recording   (TwHistory   *self);

gboolean    tw_history_get_can_undo   (TwHistory   *self);
gboolean    tw_history_get_can_redo   (TwHistory   *self);
const char *tw_history_get_undo_label (TwHistory   *self);
const char *tw_history_get_redo_label (TwHistory   *self);
guint       tw_history_get_n_undo     (TwHistory   *self);

/* Both return FALSE with an error when there is nothing to undo or redo, or
 * when the recorded text cannot be loaded (a bug), with TW_MODEL_ERROR_INVALID;
 * the model is then left as it was. */
gboolean    tw_history_undo           (TwHistory   *self,
                                       GError     **error);
gboolean    tw_history_redo           (TwHistory   *self,
                                       GError     **error);
/* Forgets every step (after the model was replaced, e.g. reloaded). */
void        tw_history_clear          (TwHistory   *self);

/* Replaces every table and relationship of target with copies of those of
 * source, in the same order, emitting the usual signals. */
void        tw_history_copy_model_into (TwMetadata *target,
                                        TwMetadata *source);

G_END_DECLS
