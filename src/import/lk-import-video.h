/* lk-import-video.h — private to src/import: a video's trip through the
 * importer.  lk_import_video_scan() samples the frames, finds the faces on
 * them (on several threads), links the faces of one person into tracks and
 * keeps each track's best frames; the importer then stores the stills it
 * returns (lk-importer.c) like photos, with their video, time code and track.
 */
#pragma once

#include "import/lk-import-job.h"
#include "vision/lk-video.h"

G_BEGIN_DECLS

typedef void (*LkVideoFrameFunc) (guint done, guint total, gpointer user_data);

typedef struct {
  LkFaceEngine     *engine;
  LkDetectMode      mode;
  guint             n_workers;
  gint64            interval_ms;
  guint             faces_per_track;
  GCancellable     *cancellable;
  LkVideoFrameFunc  frame_func;  /* called on the scanning thread after each sampled frame */
  gpointer          frame_data;
} LkVideoScanOptions;

typedef struct {
  LkImportJob *job;          /* path "VIDEO@TIMECODE.png", bytes = the PNG, faces, chips, qualities */
  GArray      *tracks;       /* guint track number (from 1) per face of job->faces */
  gint64       time_ms;
  gint64       frame_index;
} LkVideoStillJob;

typedef struct {
  int         width, height;
  double      fps;
  gint64      duration_ms;
  gint64      decoded_ms;
  guint       n_sampled;
  guint       n_tracks;
  GError     *decode_error;  /* decoding stopped early: what was read is kept */
  GPtrArray  *stills;        /* of LkVideoStillJob, in time order */
} LkVideoScan;

void         lk_video_scan_free    (LkVideoScan *scan);
/* Scans the video at `path` (the evidence copy), naming stills after
 * `original_path`.  NULL when it cannot be decoded at all, when cancelled
 * (G_IO_ERROR_CANCELLED) or when the engine fails. */
LkVideoScan *lk_import_video_scan  (const char *path, const char *original_path,
                                    const LkVideoScanOptions *options, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVideoScan, lk_video_scan_free)

G_END_DECLS
