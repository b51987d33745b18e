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

GPtrArray *
lk_review_job_load_queue (LkCase        *kase,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_object_unref);

  filter.role = LK_PHOTO_ROLE_PROBE;
  faces = lk_case_list_faces (kase, &filter, error);
  if (faces == NULL)
    return NULL;

  for (guint i = 0; i < faces->len; i++)
    {
      const LkCaseFace *face = g_ptr_array_index (faces, i);

      if (face->not_a_face || !face->has_descriptor)
        continue;
      g_ptr_array_add (queue, probe_from_face (face));
    }
  return g_steal_pointer (&queue);
}

static GPtrArray *
load_candidates (LkCase  *kase,
                 gint64   face_id,
                 GError **error)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

LkReviewDetail *
lk_review_job_load_detail (LkCase        *kase,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  gint64 face_id = *(gint64 *) data;
  g_autoptr(LkReviewDetail) detail = g_new0 (LkReviewDetail, 1);

  detail->probe = lk_review_job_load_side (kase, data, cancellable, error);
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

gint64
lk_review_undo_decision (LkCase                  *kase,
                         LkReviewDecisionRequest *request,
                         GError                 **error)
{
  g_set_error_literal (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                       _("Undo is not available in this version of the case store."));
  return 0;
}
