/* lk-review-decision-bar.h — rationale, strength and the four decisions
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar holds no action of its own: its buttons name the Review view's
 * review.* actions.  It knows what a decision needs (a face, a candidate, a
 * written rationale, a writable case, no decision in flight) and says which
 * of these is missing; the view enables its actions from that.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What is missing, in the order the bar checks it. */
typedef enum {
  LK_REVIEW_DECISION_READY,
  LK_REVIEW_DECISION_NO_PROBE,
  LK_REVIEW_DECISION_READ_ONLY,
  LK_REVIEW_DECISION_BUSY,
  LK_REVIEW_DECISION_NO_RATIONALE,
  /* Only Quality Insufficient (a verdict on the probe alone) is possible. */
  LK_REVIEW_DECISION_NO_CANDIDATE,
} LkReviewDecisionState;

#define LK_REVIEW_STRENGTH_LEVELS 4

#define LK_TYPE_REVIEW_DECISION_BAR (lk_review_decision_bar_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewDecisionBar, lk_review_decision_bar, LK, REVIEW_DECISION_BAR, GtkWidget)

GtkWidget             *lk_review_decision_bar_new             (void);

/* The rationale without leading and trailing white space (never NULL). */
char                  *lk_review_decision_bar_dup_rationale   (LkReviewDecisionBar *self);
void                   lk_review_decision_bar_set_rationale   (LkReviewDecisionBar *self,
                                                               const char          *text);
void                   lk_review_decision_bar_clear           (LkReviewDecisionBar *self);
void                   lk_review_decision_bar_focus_rationale (LkReviewDecisionBar *self);

/* 1 (limited support) … LK_REVIEW_STRENGTH_LEVELS (very strong support);
 * 0: none chosen, as after every decision (set 0 to clear the choice). */
int                    lk_review_decision_bar_get_strength    (LkReviewDecisionBar *self);
void                   lk_review_decision_bar_set_strength    (LkReviewDecisionBar *self,
                                                               int                  level);
/* The stable word stored with an identification, e.g. "strong". */
const char            *lk_review_strength_to_string           (int                  level);
/* The phrase shown to people, e.g. "Strong support" (translated). */
const char            *lk_review_strength_to_label            (int                  level);
/* Back from the stored word; 0 when unknown. */
int                    lk_review_strength_from_string         (const char          *text);

void                   lk_review_decision_bar_set_has_probe   (LkReviewDecisionBar *self,
                                                               gboolean             has_probe);
/* What the decision is about, e.g. "Alice Moreau, candidate 1"; NULL: none. */
void                   lk_review_decision_bar_set_target      (LkReviewDecisionBar *self,
                                                               const char          *target);
void                   lk_review_decision_bar_set_read_only   (LkReviewDecisionBar *self,
                                                               gboolean             read_only);
void                   lk_review_decision_bar_set_busy        (LkReviewDecisionBar *self,
                                                               gboolean             busy);

LkReviewDecisionState  lk_review_decision_bar_get_state       (LkReviewDecisionBar *self);
/* Identify, Exclude, Inconclusive: need a candidate. */
gboolean               lk_review_decision_bar_can_decide_candidate (LkReviewDecisionBar *self);
/* Identify: a candidate and a chosen strength. */
gboolean               lk_review_decision_bar_can_identify    (LkReviewDecisionBar *self);
/* Quality Insufficient: needs only the probe. */
gboolean               lk_review_decision_bar_can_decide_quality   (LkReviewDecisionBar *self);
/* The sentence under the rationale that says what is missing. */
const char            *lk_review_decision_bar_get_hint        (LkReviewDecisionBar *self);

G_END_DECLS
