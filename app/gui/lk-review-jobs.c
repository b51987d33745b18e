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
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "case/lk-case-verification.h"
#include "case/lk-case-video.h"
#include "vision/lk-video.h"
#include "vision/lk-vision.h"

/* Largest photo side kept for display; larger evidence is shown scaled down
 * (the face box is scaled with it), so a 100-megapixel scan cannot exhaust memory. */
#define LK_REVIEW_MAX_PHOTO_PIXELS (40u * 1000u * 1000u)
/* A still's neighbouring frames: this high (enough for a sharp picture at
 * scale 2 in a strip about 90 pixels high), at these offsets from it. */
#define LK_REVIEW_FRAME_HEIGHT 160
static const gint64 strip_offsets_ms[] = { -1000, -500, 0, 500, 1000 };

void
lk_review_frame_free (LkReviewFrame *frame)
{
  if (frame == NULL)
    return;
  g_clear_pointer (&frame->rgb, g_bytes_unref);
  g_clear_object (&frame->texture);
  g_free (frame);
}

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
  g_clear_pointer (&data->video_frames, g_ptr_array_unref);
  g_free (data->video_error);
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

/* The evidence copy of the still's video, checked before decoding: the
 * strip must show frames of exactly the video imported.  NULL with *why. */
static char *
video_evidence_path (LkCase *kase, const LkVideoStill *still, char **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVideo) video = lk_case_get_video (kase, still->video_id, &error);
  g_autofree char *path = NULL;
  GStatBuf st;

  if (video == NULL)
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  path = lk_case_get_evidence_path_for (kase, video->sha256, video->original_path);
  if (g_lstat (path, &st) != 0)
    /* Translators: %s is a video's file name. */
    *why = g_strdup_printf (_("The video %s is missing from the case's evidence folder: the frames "
                              "around this still cannot be shown."), video->original_name);
  else if (!S_ISREG (st.st_mode))
    *why = g_strdup_printf (_("The evidence copy of the video %s is not a regular file: the frames "
                              "around this still are not read from it."), video->original_name);
  else if ((gint64) st.st_size != video->size)
    *why = g_strdup_printf (_("The evidence copy of the video %s was changed outside Likeness "
                              "(its size is not the one imported): the frames around this still "
                              "are not shown."), video->original_name);
  else
    return g_steal_pointer (&path);
  return NULL;
}

/* Decodes the strip's frames in time order (one seek, then forward); a
 * clamped offset that lands on a frame already taken adds no picture. */
static GPtrArray *
read_strip (LkVideoReader *reader, gint64 still_ms, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_review_frame_free);

  for (guint i = 0; i < G_N_ELEMENTS (strip_offsets_ms); i++)
    {
      gint64 shown = -1;
      LkImage *image;
      LkReviewFrame *frame, *last = frames->len > 0 ? frames->pdata[frames->len - 1] : NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      image = lk_video_reader_read_at (reader, still_ms + strip_offsets_ms[i], LK_REVIEW_FRAME_HEIGHT,
                                       &shown, error);
      if (image == NULL)
        return NULL;
      if (last != NULL && last->time_ms == shown)
        {
          last->current |= strip_offsets_ms[i] == 0;
          lk_image_free (image);
          continue;
        }
      frame = g_new0 (LkReviewFrame, 1);
      frame->time_ms = shown;
      frame->current = strip_offsets_ms[i] == 0;
      frame->width = lk_image_get_width (image);
      frame->height = lk_image_get_height (image);
      frame->rgb = image_to_bytes (image);
      g_ptr_array_add (frames, frame);
    }
  return g_steal_pointer (&frames);
}

/* The face of `track` on a still, or 0. */
static gint64
face_on_still (LkCase *kase, gint64 photo_id, guint track)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;

  filter.photo_id = photo_id;
  faces = lk_case_list_faces (kase, &filter, NULL);
  for (guint i = 0; faces != NULL && i < faces->len; i++)
    {
      const LkCaseFace *face = faces->pdata[i];

      if (lk_case_get_face_track (kase, face->id, NULL) == track)
        return face->id;
    }
  return 0;
}

/* Frames that are other kept stills of the face's track lead to their face
 * (the analyst compares the person across the track in one click). */
static void
mark_kept_stills (LkCase *kase, const LkCaseFace *face, const LkVideoStill *still, GPtrArray *frames)
{
  guint track = lk_case_get_face_track (kase, face->id, NULL);
  g_autoptr(GPtrArray) kept = track > 0 ? lk_case_list_track_stills (kase, still->video_id, track, NULL)
                                        : NULL;

  for (guint i = 0; kept != NULL && i < kept->len; i++)
    {
      const LkVideoStill *other = kept->pdata[i];

      for (guint j = 0; other->id != still->id && j < frames->len; j++)
        {
          LkReviewFrame *frame = frames->pdata[j];

          if (frame->time_ms == other->time_ms && !frame->current)
            frame->face_id = face_on_still (kase, other->photo_id, track);
        }
    }
}

/* The probe's strip of neighbouring frames, or the words saying why not. */
static void
load_strip (LkCase *kase, LkReviewSideData *side, GCancellable *cancellable)
{
  g_autoptr(LkVideoStill) still = lk_case_get_video_still (kase, side->face->photo_id, NULL);
  g_autoptr(LkVideoReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (still == NULL)
    return;
  path = video_evidence_path (kase, still, &side->video_error);
  if (path == NULL)
    return;
  reader = lk_video_reader_open (path, LK_VIDEO_DEFAULT_INTERVAL_MS, LK_VIDEO_DEFAULT_SCENE_THRESHOLD,
                                 &error);
  if (reader != NULL)
    side->video_frames = read_strip (reader, still->time_ms, cancellable, &error);
  if (side->video_frames != NULL)
    mark_kept_stills (kase, side->face, still, side->video_frames);
  if (side->video_frames == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: %s says why a video could not be decoded. */
    side->video_error = g_strdup_printf (_("The frames around this still cannot be shown: %s."),
                                         error->message);
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

LkReviewSideData *
lk_review_job_load_probe_side (LkCase        *kase,
                               gint64         face_id,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(LkReviewSideData) side = load_side (kase, face_id, cancellable, error);

  if (side == NULL)
    return NULL;
  load_strip (kase, side, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&side);
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
