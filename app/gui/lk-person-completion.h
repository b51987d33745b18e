/* lk-person-completion.h — person names offered as they are typed
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Attached to a GtkEntry where an examiner names a person: the names of the
 * case's persons containing what is typed (any case) drop down under the
 * entry; Down/Up choose, Enter or a click takes one.  Typing a new name is
 * still possible: nothing is forced.  The names are loaded on the session's
 * worker and again whenever the case's persons change.
 */
#pragma once

#include <gtk/gtk.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_PERSON_COMPLETION (lk_person_completion_get_type ())
G_DECLARE_FINAL_TYPE (LkPersonCompletion, lk_person_completion, LK, PERSON_COMPLETION, GObject)

/* The completion lives as long as the entry. */
LkPersonCompletion *lk_person_completion_attach      (GtkEntry           *entry);
void                lk_person_completion_set_session (LkPersonCompletion *self,
                                                      LkSession          *session);
/* The names offered for the text in the entry now (GtkStringObject items). */
GListModel         *lk_person_completion_get_matches (LkPersonCompletion *self);
/* Puts the offered name at position into the entry and closes the list. */
void                lk_person_completion_accept      (LkPersonCompletion *self,
                                                      guint               position);
/* TRUE while job loading the names runs (tests wait on it). */
gboolean            lk_person_completion_is_loading  (LkPersonCompletion *self);

G_END_DECLS
