/* lk-import-video.c — sampling a video, finding faces, linking them into
 * tracks and keeping each track's best frames.
 *
 * The scanning thread decodes (lk-video.cpp decides which frames are sampled)
 * and hands each sampled frame to a small pool that runs the face engine, a
 * few frames in flight so memory stays bounded.  Results come back in any
 * order; they are linked into tracks strictly in time order.
 *
 * Linking: a face continues a track seen within the last LINK_GAP (or four
 * intervals, whichever is longer) when its descriptor is within
 * LINK_DISTANCE of the track's last face and its box overlaps the track's
 * last box (IoU ≥ LINK_IOU), or when its descriptor is within
 * LINK_DISTANCE_ALONE (the person moved across the picture between samples,
 * or came back after a cut).  Faces without a descriptor link on overlap
 * alone (IoU ≥ 0.5).  Each track takes at most one face per frame, nearest first.
 *
 * Best frames: a face's score is size × sharpness × frontality, each in
 * 0..1 (size saturating at 200 px, sharpness — the variance of the
 * Laplacian — at 300, frontality cos(yaw)); a track keeps the frames of its
 * `faces_per_track` best faces.  A kept frame becomes one still with the
 * faces of the tracks that kept it, so that a person has at most that many
 * probe faces per track (a face of another person on that frame whose own
 * track did not keep it is not stored again).
 */
#define G_LOG_DOMAIN "lk-import"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "case/lk-case-video.h"
#include "lk-import-video.h"

#define LINK_DISTANCE        0.5
#define LINK_DISTANCE_ALONE  0.4
#define LINK_IOU             0.1
#define LINK_GAP_MS          2000

typedef struct {
  guint      seq;
  LkImage   *image;          /* dropped once no track keeps the frame */
  gint64     frame_index;
  gint64     time_ms;
  GPtrArray *faces;          /* of LkFace */
  GArray    *tracks;         /* guint per face */
  GError    *error;
} Frame;

typedef struct {
  double  score;
  Frame  *frame;             /* a reference */
} Kept;

typedef struct {
  guint   id;
  LkBox   box;
  float   descriptor[LK_DESCRIPTOR_DIM];
  gboolean has_descriptor;
  gint64  last_ms;
  GArray *kept;              /* of Kept, best first */
} Track;

typedef struct {
  const LkVideoScanOptions *options;
  GAsyncQueue *done;         /* analysed Frame */
  GHashTable  *pending;      /* seq → Frame, analysed but not yet linked */
  guint        next_seq;     /* the next frame to link */
  GPtrArray   *tracks;       /* of Track */
  guint        n_sampled;
  guint        total;
  GError      *error;        /* the engine failed or the scan was cancelled */
} Scan;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->image, lk_image_free);
  g_clear_pointer (&frame->faces, g_ptr_array_unref);
  g_clear_pointer (&frame->tracks, g_array_unref);
  g_clear_error (&frame->error);
}

static void
frame_unref (Frame *frame)
{
  g_rc_box_release_full (frame, frame_clear);
}

static void
track_free (Track *track)
{
  for (guint i = 0; i < track->kept->len; i++)
    frame_unref (g_array_index (track->kept, Kept, i).frame);
  g_array_unref (track->kept);
  g_free (track);
}

static void
still_job_free (LkVideoStillJob *still)
{
  g_clear_pointer (&still->job, lk_import_job_free);
  g_clear_pointer (&still->tracks, g_array_unref);
  g_free (still);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVideoStillJob, still_job_free)

void
lk_video_scan_free (LkVideoScan *scan)
{
  if (scan == NULL)
    return;
  g_clear_error (&scan->decode_error);
  g_clear_pointer (&scan->stills, g_ptr_array_unref);
  g_free (scan);
}

/* ---- Analysis (pool threads) ------------------------------------------- */

static void
analyse_frame (gpointer data, gpointer user_data)
{
  Frame *frame = data;
  Scan *scan = user_data;
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;

  options.mode = scan->options->mode;
  frame->faces = lk_face_engine_analyze (scan->options->engine, frame->image, &options,
                                         scan->options->cancellable, &frame->error);
  /* Most frames of a clip hold nobody: free their pixels at once. */
  if (frame->faces == NULL || frame->faces->len == 0)
    g_clear_pointer (&frame->image, lk_image_free);
  g_async_queue_push (scan->done, frame);
}

/* ---- Tracks ------------------------------------------------------------- */

static double
box_iou (const LkBox *a, const LkBox *b)
{
  double x0 = MAX (a->x, b->x), y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width), y1 = MIN (a->y + a->height, b->y + b->height);
  double inter = MAX (0, x1 - x0) * MAX (0, y1 - y0);
  double uni = (double) a->width * a->height + (double) b->width * b->height - inter;

  return uni > 0 ? inter / uni : 0;
}

static double
face_score (const LkFace *face)
{
  const LkFaceQuality *q = &face->quality;
  double size = MIN (q->size_px, 200) / 200.0;
  double sharp = MAX (MIN (q->sharpness, 300.0) / 300.0, 0.05);
  double frontal = MAX (cos (q->yaw_degrees * G_PI / 180.0), 0.1);

  return size * sharp * frontal;
}

/* How well a face continues a track: a cost (lower is better), or < 0 when it does not. */
static double
link_cost (const Track *track, const LkFace *face, gint64 time_ms, gint64 gap_ms)
{
  double iou, d;

  if (time_ms - track->last_ms > gap_ms)
    return -1;
  iou = box_iou (&track->box, &face->box);
  if (!face->has_descriptor || !track->has_descriptor)
    return iou >= 0.5 ? 1 - iou : -1;
  d = lk_descriptor_distance (track->descriptor, face->descriptor);
  if ((d < LINK_DISTANCE && iou >= LINK_IOU) || d < LINK_DISTANCE_ALONE)
    return d;
  return -1;
}

static void
keep_frame (Scan *scan, Track *track, Frame *frame, const LkFace *face)
{
  Kept kept = { face_score (face), frame };
  guint at = 0;

  while (at < track->kept->len && g_array_index (track->kept, Kept, at).score >= kept.score)
    at++;
  if (at >= scan->options->faces_per_track)
    return;
  kept.frame = g_rc_box_acquire (frame);
  g_array_insert_val (track->kept, at, kept);
  if (track->kept->len > scan->options->faces_per_track)
    {
      frame_unref (g_array_index (track->kept, Kept, track->kept->len - 1).frame);
      g_array_set_size (track->kept, track->kept->len - 1);
    }
}

static Track *
best_track (Scan *scan, const LkFace *face, gint64 time_ms, GHashTable *taken)
{
  gint64 gap = MAX (LINK_GAP_MS, 4 * scan->options->interval_ms);
  Track *best = NULL;
  double best_cost = G_MAXDOUBLE;

  for (guint t = 0; t < scan->tracks->len; t++)
    {
      Track *track = scan->tracks->pdata[t];
      double cost;

      if (g_hash_table_contains (taken, track))
        continue;
      cost = link_cost (track, face, time_ms, gap);
      if (cost >= 0 && cost < best_cost)
        {
          best = track;
          best_cost = cost;
        }
    }
  return best;
}

/* Links the frame's faces, largest first (the engine's order). */
static void
link_frame (Scan *scan, Frame *frame)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);

  frame->tracks = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; frame->faces != NULL && i < frame->faces->len; i++)
    {
      const LkFace *face = frame->faces->pdata[i];
      Track *track = best_track (scan, face, frame->time_ms, taken);

      if (track == NULL)
        {
          track = g_new0 (Track, 1);
          track->id = scan->tracks->len + 1;
          track->kept = g_array_new (FALSE, FALSE, sizeof (Kept));
          g_ptr_array_add (scan->tracks, track);
        }
      g_hash_table_add (taken, track);
      track->box = face->box;
      track->has_descriptor = face->has_descriptor;
      if (face->has_descriptor)
        memcpy (track->descriptor, face->descriptor, sizeof track->descriptor);
      track->last_ms = frame->time_ms;
      g_array_append_val (frame->tracks, track->id);
      keep_frame (scan, track, frame, face);
    }
}

/* Takes one analysed frame and links every frame now due, in time order. */
static void
collect_one (Scan *scan)
{
  Frame *frame = g_async_queue_pop (scan->done);

  g_hash_table_insert (scan->pending, GUINT_TO_POINTER (frame->seq), frame);
  while ((frame = g_hash_table_lookup (scan->pending, GUINT_TO_POINTER (scan->next_seq))) != NULL)
    {
      g_hash_table_steal (scan->pending, GUINT_TO_POINTER (scan->next_seq));
      scan->next_seq++;
      if (frame->error != NULL && scan->error == NULL)
        scan->error = g_steal_pointer (&frame->error);
      if (scan->error == NULL)
        link_frame (scan, frame);
      frame_unref (frame);
      if (scan->options->frame_func != NULL)
        scan->options->frame_func (scan->next_seq, MAX (scan->total, scan->next_seq),
                                   scan->options->frame_data);
    }
}

/* ---- Stills ------------------------------------------------------------- */

static int
compare_frames (gconstpointer a, gconstpointer b)
{
  const Frame *x = *(Frame * const *) a, *y = *(Frame * const *) b;

  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Whether track number `id` keeps the frame. */
static gboolean
track_keeps (Scan *scan, guint id, const Frame *frame)
{
  Track *track = scan->tracks->pdata[id - 1];

  for (guint k = 0; k < track->kept->len; k++)
    if (g_array_index (track->kept, Kept, k).frame == frame)
      return TRUE;
  return FALSE;
}

static LkVideoStillJob *
make_still (Scan *scan, Frame *frame, const char *original_path, GError **error)
{
  g_autoptr(LkVideoStillJob) still = g_new0 (LkVideoStillJob, 1);
  g_autofree char *code = lk_format_time_code (frame->time_ms);
  g_autofree char *path = g_strdup_printf ("%s@%s.png", original_path, code);
  int side = MAX (lk_image_get_width (frame->image), lk_image_get_height (frame->image));
  LkImportJob *job;

  still->job = job = lk_import_job_new (0, path);
  still->time_ms = frame->time_ms;
  still->frame_index = frame->frame_index;
  still->tracks = g_array_new (FALSE, FALSE, sizeof (guint));
  /* PNG: lossless, so the still's pixels are exactly the decoded frame. */
  job->bytes = lk_image_encode_scaled (frame->image, side, FALSE, error);
  if (job->bytes == NULL)
    return NULL;
  job->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->bytes);
  job->width = lk_image_get_width (frame->image);
  job->height = lk_image_get_height (frame->image);
  job->faces = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_face_free);
  for (guint i = 0; i < frame->faces->len; i++)
    {
      guint id = g_array_index (frame->tracks, guint, i);

      if (!track_keeps (scan, id, frame))
        continue;
      g_ptr_array_add (job->faces, lk_face_copy (frame->faces->pdata[i]));
      g_array_append_val (still->tracks, id);
    }
  lk_import_job_encode_faces (job);
  return g_steal_pointer (&still);
}

static GPtrArray *
make_stills (Scan *scan, const char *original_path, GError **error)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();
  g_autoptr(GPtrArray) stills = g_ptr_array_new_with_free_func ((GDestroyNotify) still_job_free);

  for (guint t = 0; t < scan->tracks->len; t++)
    {
      Track *track = scan->tracks->pdata[t];

      for (guint k = 0; k < track->kept->len; k++)
        {
          Frame *frame = g_array_index (track->kept, Kept, k).frame;

          if (!g_ptr_array_find (frames, frame, NULL))
            g_ptr_array_add (frames, frame);
        }
    }
  g_ptr_array_sort (frames, compare_frames);
  for (guint i = 0; i < frames->len; i++)
    {
      LkVideoStillJob *still = make_still (scan, frames->pdata[i], original_path, error);

      if (still == NULL)
        return NULL;
      g_ptr_array_add (stills, still);
    }
  return g_steal_pointer (&stills);
}

/* ---- Scanning ------------------------------------------------------------- */

/* Feeds sampled frames to the pool until the video ends, fails or is
 * cancelled; keeps at most two frames per worker in flight. */
static void
feed_frames (Scan *scan, LkVideoReader *reader, GThreadPool *pool, guint n_workers,
             GError **decode_error)
{
  guint in_flight = 0;

  for (;;)
    {
      LkVideoFrame vf;
      Frame *frame;

      for (; in_flight >= 2 * n_workers; in_flight--)
        collect_one (scan);
      if (scan->error != NULL ||
          !lk_video_reader_next (reader, &vf, scan->options->cancellable, decode_error))
        break;
      frame = g_rc_box_new0 (Frame);
      frame->seq = scan->n_sampled++;
      frame->image = vf.image;
      frame->frame_index = vf.frame_index;
      frame->time_ms = vf.time_ms;
      g_thread_pool_push (pool, frame, NULL);
      in_flight++;
    }
  for (; in_flight > 0; in_flight--)
    collect_one (scan);
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->done, g_async_queue_unref);
  g_clear_pointer (&scan->pending, g_hash_table_unref);
  g_clear_pointer (&scan->tracks, g_ptr_array_unref);
  g_clear_error (&scan->error);
}

LkVideoScan *
lk_import_video_scan (const char *path, const char *original_path,
                      const LkVideoScanOptions *options, GError **error)
{
  g_autoptr(LkVideoReader) reader = NULL;
  g_autoptr(LkVideoScan) result = g_new0 (LkVideoScan, 1);
  guint n_workers = options->n_workers > 0 ? options->n_workers : g_get_num_processors ();
  Scan scan = { options };
  GError *decode_error = NULL;
  GThreadPool *pool;

  g_return_val_if_fail (options->faces_per_track > 0 && options->interval_ms > 0, NULL);
  reader = lk_video_reader_open (path, options->interval_ms, LK_VIDEO_DEFAULT_SCENE_THRESHOLD, error);
  if (reader == NULL)
    return NULL;
  scan.done = g_async_queue_new ();
  scan.pending = g_hash_table_new (NULL, NULL);
  scan.tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) track_free);
  scan.total = lk_video_reader_estimate_samples (reader);
  pool = g_thread_pool_new (analyse_frame, &scan, n_workers, FALSE, NULL);
  feed_frames (&scan, reader, pool, n_workers, &decode_error);
  g_thread_pool_free (pool, FALSE, TRUE);
  if (scan.error == NULL && g_error_matches (decode_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    scan.error = g_steal_pointer (&decode_error);
  if (scan.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&scan.error));
      g_clear_error (&decode_error);
      scan_clear (&scan);
      return NULL;
    }
  result->width = lk_video_reader_get_width (reader);
  result->height = lk_video_reader_get_height (reader);
  result->fps = lk_video_reader_get_fps (reader);
  result->duration_ms = lk_video_reader_get_duration_ms (reader);
  result->decoded_ms = lk_video_reader_get_decoded_ms (reader);
  result->n_sampled = scan.n_sampled;
  result->n_tracks = scan.tracks->len;
  result->decode_error = decode_error;
  result->stills = make_stills (&scan, original_path, error);
  scan_clear (&scan);
  return result->stills != NULL ? g_steal_pointer (&result) : NULL;
}
