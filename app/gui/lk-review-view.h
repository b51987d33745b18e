/* lk-review-view.h — the Review section: probe against candidate, and the decision
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_REVIEW_VIEW (lk_review_view_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewView, lk_review_view, LK, REVIEW_VIEW, LkSection)

GtkWidget *lk_review_view_new                (void);
void       lk_review_view_set_session        (LkReviewView *self,
                                              LkSession    *session);
LkSession *lk_review_view_get_session        (LkReviewView *self);

/* Shows this face (e.g. "Review" from the Faces section); it must be in the queue. */
void       lk_review_view_select_face        (LkReviewView *self,
                                              gint64        face_id);
/* The face and the person on screen; 0 when none. */
gint64     lk_review_view_get_current_face   (LkReviewView *self);
gint64     lk_review_view_get_current_person (LkReviewView *self);
/* TRUE while a job of the view runs (the "busy" property); tests wait on it. */
gboolean   lk_review_view_get_busy           (LkReviewView *self);
/* The dialog asking why the last decision is taken back, while it is open. */
GtkWindow *lk_review_view_get_withdraw_dialog (LkReviewView *self);

/* A toast in Review's own overlay, which ends above the decision bar. */
void       lk_review_view_toast              (LkReviewView *self,
                                              const char   *message);

G_END_DECLS
