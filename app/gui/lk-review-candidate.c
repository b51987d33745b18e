/* lk-review-candidate.c — one candidate of the probe under review
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-private.h"

G_DEFINE_FINAL_TYPE (LkReviewCandidate, lk_review_candidate, G_TYPE_OBJECT)

static void
lk_review_candidate_finalize (GObject *object)
{
  LkReviewCandidate *self = LK_REVIEW_CANDIDATE (object);

  g_free (self->person_name);
  g_free (self->strength_words);
  g_free (self->strength_numbers);
  g_free (self->evidence_text);

  G_OBJECT_CLASS (lk_review_candidate_parent_class)->finalize (object);
}

static void
lk_review_candidate_class_init (LkReviewCandidateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_review_candidate_finalize;
}

static void
lk_review_candidate_init (LkReviewCandidate *self)
{
}

LkReviewCandidate *
lk_review_candidate_new (void)
{
  return g_object_new (LK_TYPE_REVIEW_CANDIDATE, NULL);
}
