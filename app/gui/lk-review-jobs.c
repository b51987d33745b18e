/* lk-review-jobs.c — what the Review views ask of the case, on the session worker
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs on the session's worker thread (never on the GTK
 * main loop) and touches no widget: it reads the case store and the face
 * engine's image decoder and returns plain data and pixel bytes.
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-private.h"

#include <glib/gi18n.h>

#include "case/lk-case-verification.h"
#include "case/lk-case-video.h"
#include "vision/lk-vision.h"

/* Largest photo side kept for display; larger evidence is shown scaled down
 * (the face box is scaled with it), so a 100-megapixel scan cannot exhaust memory. */
#define LK_REVIEW_MAX_PHOTO_PIXELS (40u * 1000u * 1000u)

void
lk_review_side_data_free (LkReviewSideData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->face, lk_case_face_free);
  g_clear_pointer (&data->chip_rgb, g_bytes_unref);
  g_clear_pointer (&data->photo_rgb, g_bytes_unref);
  g_free (data->photo_error);
  g_free (data->video_words);
  g_free (data);
}

void
lk_review_detail_free (LkReviewDetail *detail)
{
  if (detail == NULL)
    return;
  lk_review_side_data_free (detail->probe);
  g_clear_pointer (&detail->candidates, g_ptr_array_unref);
  g_clear_pointer (&detail->history, g_ptr_array_unref);
  g_free (detail);
}

void
lk_review_decision_request_free (LkReviewDecisionRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->analyst);
  g_free (request->strength);
  g_free (request->rationale);
  g_free (request->features);
  g_free (request);
}

void
lk_review_thumbnail_free (LkReviewThumbnail *thumbnail)
{
  if (thumbnail == NULL)
    return;
  g_clear_pointer (&thumbnail->rgb, g_bytes_unref);
  g_free (thumbnail);
}

/* The decoded image's own buffer becomes the GBytes: no copy of a large photo. */
static GBytes *
image_to_bytes (LkImage *image)
{
  gsize size = (gsize) lk_image_get_width (image) * lk_image_get_height (image) * 3;

  return g_bytes_new_with_free_func (lk_image_get_rgb (image), size,
                                     (GDestroyNotify) lk_image_free, image);
}

GBytes *
lk_review_load_chip (LkCase  *kase,
           gint64   face_id,
           int     *width,
           int     *height,
           GError **error)
{
  g_autoptr(GBytes) encoded = lk_case_get_face_chip (kase, face_id, error);
  LkImage *image;

  if (encoded == NULL)
    return NULL;
  image = lk_image_load_bytes (encoded, 0, error);
  if (image == NULL)
    return NULL;
  *width = lk_image_get_width (image);
  *height = lk_image_get_height (image);
  return image_to_bytes (image);
}

#define load_chip lk_review_load_chip

static void
load_photo (LkCase           *kase,
            LkReviewSideData *side)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lk_case_get_evidence_path (kase, side->face->photo_id, &error);
  LkImage *image = NULL;

  if (path != NULL)
    image = lk_image_load (path, LK_REVIEW_MAX_PHOTO_PIXELS, &error);
  if (image == NULL)
    {
      /* The chip is still worth showing; the view says why the photo is not. */
      side->photo_error = g_strdup (error->message);
      return;
    }
  side->photo_width = lk_image_get_width (image);
  side->photo_height = lk_image_get_height (image);
  side->photo_rgb = image_to_bytes (image);
}

/* Where a still was taken: the video, its time code, and the time codes of
 * the other stills of the face's track (its neighbouring kept frames). */
static char *
video_words (LkCase *kase, const LkCaseFace *face)
{
  g_autoptr(LkVideoStill) still = lk_case_get_video_still (kase, face->photo_id, NULL);
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GString) times = g_string_new (NULL);
  g_autofree char *code = NULL;
  guint track;

  if (still == NULL)
    return NULL;
  code = lk_format_time_code (still->time_ms);
  track = lk_case_get_face_track (kase, face->id, NULL);
  others = track > 0 ? lk_case_list_track_stills (kase, still->video_id, track, NULL) : NULL;
  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      const LkVideoStill *other = others->pdata[i];
      g_autofree char *at = NULL;

      if (other->id == still->id)
        continue;
      at = lk_format_time_code (other->time_ms);
      g_string_append_printf (times, "%s%s", times->len > 0 ? ", " : "", at);
    }
  if (times->len == 0)
    /* Translators: a video file name and the time code of a frame in it. */
    return g_strdup_printf (_("%s at %s"), still->video_name, code);
  /* Translators: video, time code, track number, the track's other time codes. */
  return g_strdup_printf (_("%s at %s · track %u, also at %s"), still->video_name, code, track,
                          times->str);
}

static LkReviewSideData *
load_side (LkCase       *kase,
           gint64        face_id,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(LkReviewSideData) side = g_new0 (LkReviewSideData, 1);

  side->face_id = face_id;
  side->face = lk_case_get_face (kase, face_id, error);
  if (side->face == NULL)
    return NULL;
  side->chip_rgb = load_chip (kase, face_id, &side->chip_width, &side->chip_height, error);
  if (side->chip_rgb == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  load_photo (kase, side);
  side->video_words = video_words (kase, side->face);
  return g_steal_pointer (&side);
}

LkReviewSideData *
lk_review_job_load_side (LkCase        *kase,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return load_side (kase, *(gint64 *) data, cancellable, error);
}

GPtrArray *
lk_review_job_load_thumbnails (LkCase        *kase,
                               gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GArray *ids = data;
  g_autoptr(GPtrArray) thumbnails = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_review_thumbnail_free);

  for (guint i = 0; i < ids->len; i++)
    {
      LkReviewThumbnail *thumbnail = g_new0 (LkReviewThumbnail, 1);

      thumbnail->face_id = g_array_index (ids, gint64, i);
      /* A face without a chip keeps its placeholder; that is not an error for the list. */
      thumbnail->rgb = load_chip (kase, thumbnail->face_id, &thumbnail->width, &thumbnail->height, NULL);
      g_ptr_array_add (thumbnails, thumbnail);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&thumbnails);
}

gpointer
lk_review_job_decide (LkCase        *kase,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LkReviewDecisionRequest *request = data;
  gint64 id;

  if (request->undo)
    id = lk_review_undo_decision (kase, request, error);
  else
    id = lk_case_add_decision_with_features (kase, request->analyst, request->face_id, request->person_id,
                                             request->outcome, request->strength, request->rationale,
                                             request->features, error);
  if (id <= 0)
    return NULL;
  return g_memdup2 (&id, sizeof id);
}
