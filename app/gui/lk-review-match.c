/* lk-review-match.c — the queue, candidates and undo, from the matching layer
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the session worker.  Kept apart from lk-review-jobs.c because it is
 * the one place that knows the shape of the matching layer's records.
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-private.h"

#include <glib/gi18n.h>

#include "case/lk-case-match.h"
#include "match/lk-evidence.h"
#include "match/lk-number.h"
#include "match/lk-matcher.h"

static LkReviewProbe *
probe_from_face (const LkCaseFace *face)
{
  LkReviewProbe *probe = lk_review_probe_new (face->id);

  probe->photo_id = face->photo_id;
  probe->file = g_strdup (face->file);
  probe->status = face->status;
  if (face->status == LK_FACE_STATUS_IDENTIFIED && face->person_name != NULL)
    probe->person_name = g_strdup (face->person_name);
  return probe;
}

static GHashTable *
person_names (LkCase     *kase,
              GPtrArray **keep,
              GError    **error)
{
  GPtrArray *persons = lk_case_list_persons (kase, TRUE, error);
  GHashTable *names;

  if (persons == NULL)
    return NULL;
  /* Keys point into the persons, which the caller keeps as long as the table. */
  names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < persons->len; i++)
    {
      LkPerson *person = g_ptr_array_index (persons, i);

      g_hash_table_insert (names, &person->id, person->display_name);
    }
  *keep = persons;
  return names;
}

/* The queue is every probe face with a stored candidate list, in face order;
 * one query for the lists, one for the faces, one for the names. */
GPtrArray *
lk_review_job_load_queue (LkCase        *kase,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) by_face = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_object_unref);

  summaries = lk_case_list_candidate_summaries (kase, error);
  if (summaries == NULL)
    return NULL;
  filter.role = LK_PHOTO_ROLE_PROBE;
  faces = lk_case_list_faces (kase, &filter, error);
  if (faces == NULL || (names = person_names (kase, &persons, error)) == NULL)
    return NULL;

  for (guint i = 0; i < summaries->len; i++)
    {
      LkCandidateSummary *summary = &g_array_index (summaries, LkCandidateSummary, i);

      if (summary->n_candidates > 0)
        g_hash_table_insert (by_face, &summary->face_id, summary);
    }

  for (guint i = 0; i < faces->len; i++)
    {
      const LkCaseFace *face = g_ptr_array_index (faces, i);
      LkCandidateSummary *summary = g_hash_table_lookup (by_face, &face->id);
      LkReviewProbe *probe;

      if (summary == NULL || face->not_a_face)
        continue;
      probe = probe_from_face (face);
      probe->n_candidates = summary->n_candidates;
      probe->best_distance = summary->best_distance;
      probe->best_name = g_strdup (g_hash_table_lookup (names, &summary->best_person_id));
      g_ptr_array_add (queue, probe);
    }
  return g_steal_pointer (&queue);
}

static const char *
rarity_words (double share)
{
  /* Never "match": how often different people are this similar. */
  if (share < 0.001)
    return _("Very rarely this similar between different people");
  if (share < 0.01)
    return _("Rarely this similar between different people");
  if (share < 0.05)
    return _("Uncommonly similar for different people");
  return _("Often this similar between different people");
}

static LkReviewCandidate *
candidate_from_match (const LkCandidate *c)
{
  LkReviewCandidate *candidate = lk_review_candidate_new ();

  candidate->rank = c->rank;
  candidate->person_id = c->person_id;
  candidate->person_name = g_strdup (c->person_name);
  candidate->reference_face_id = c->reference_face_id;
  candidate->distance = c->distance;
  candidate->excluded = c->excluded;
  candidate->identified = c->identified;
  candidate->same_photo = c->same_photo_face_id != 0;
  candidate->has_decision = c->decision != NULL;
  if (c->decision != NULL)
    lk_decision_outcome_from_string (c->decision, &candidate->outcome);
  candidate->evidence_text = g_strdup (c->evidence_text);
  if (c->distance >= 0)
    {
      g_autofree char *rarity = lk_evidence_format_rarity (c->impostor_share);
      LkEvidence evidence = { .distance = c->distance, .share = c->impostor_share,
                              .extrapolated = c->share_extrapolated };
      g_autofree char *at = lk_evidence_format_at (&evidence);
      /* The language's decimal mark ("0,04" in Ukrainian), not printf's. */
      g_autofree char *lookalikes = lk_number_significant (c->expected_lookalikes, 2);

      /* The words alone are bands: two candidates in one band (or at the
       * floor of the measurements) would read the same, so the numbers go
       * beside them in one form for every candidate. */
      /* Translators: "Very rarely this similar between different people (distance 0.382 · 1 in 3,900 or rarer)" */
      candidate->strength_words = g_strdup_printf (_("%s (%s)"), rarity_words (c->impostor_share), at);
      /* Translators: "1 in 2,300 pairs · 0.04 chance look-alikes among 8 people" */
      candidate->strength_numbers =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s%s pairs · %s chance look-alikes among %u person",
                                      "%s%s pairs · %s chance look-alikes among %u people",
                                      c->gallery_persons),
                         c->share_extrapolated ? "≈ " : "", rarity,
                         lookalikes, c->gallery_persons);
    }
  else
    candidate->strength_words = g_strdup (_("No usable reference face"));
  return candidate;
}

static GPtrArray *
load_candidates (LkCase  *kase,
                 gint64   face_id,
                 GError **error)
{
  g_autoptr(GPtrArray) found = lk_matcher_list_candidates (kase, face_id, error);
  GPtrArray *candidates;

  if (found == NULL)
    return NULL;
  candidates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < found->len; i++)
    {
      const LkCandidate *c = g_ptr_array_index (found, i);

      LkReviewCandidate *candidate;

      /* A person without a reference face has nothing to compare against. */
      if (c->reference_face_id == 0)
        continue;
      candidate = candidate_from_match (c);
      /* The strip shows each reference chip; a missing one leaves a blank
       * square, which is no reason to hide the candidate. */
      candidate->chip_rgb = lk_review_load_chip (kase, c->reference_face_id, &candidate->chip_width,
                                                 &candidate->chip_height, NULL);
      g_ptr_array_add (candidates, candidate);
    }
  return candidates;
}

LkReviewDetail *
lk_review_job_load_detail (LkCase        *kase,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  gint64 face_id = *(gint64 *) data;
  g_autoptr(LkReviewDetail) detail = g_new0 (LkReviewDetail, 1);

  detail->probe = lk_review_job_load_probe_side (kase, face_id, cancellable, error);
  if (detail->probe == NULL)
    return NULL;
  detail->candidates = load_candidates (kase, face_id, error);
  if (detail->candidates == NULL)
    return NULL;
  detail->history = lk_case_list_decisions (kase, face_id, FALSE, error);
  if (detail->history == NULL)
    return NULL;
  return g_steal_pointer (&detail);
}

/* Undo supersedes the face's newest decision: the matching layer records
 * again the decision it had replaced, or withdraws it when it replaced none. */
gint64
lk_review_undo_decision (LkCase                  *kase,
                         LkReviewDecisionRequest *request,
                         GError                 **error)
{
  return lk_case_undo_decision (kase, request->analyst, request->face_id, request->rationale, error);
}
