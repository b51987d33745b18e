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
  g_clear_pointer (&self->chip_rgb, g_bytes_unref);
  g_clear_object (&self->chip);

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

void
lk_review_candidate_take_chip (LkReviewCandidate *self)
{
  g_return_if_fail (LK_IS_REVIEW_CANDIDATE (self));

  if (self->chip_rgb == NULL || self->chip_width <= 0 || self->chip_height <= 0)
    return;
  g_clear_object (&self->chip);
  self->chip = gdk_memory_texture_new (self->chip_width, self->chip_height, GDK_MEMORY_R8G8B8,
                                       self->chip_rgb, (gsize) self->chip_width * 3);
  g_clear_pointer (&self->chip_rgb, g_bytes_unref);
}
