/* lk-video.h — recognising video files and sampling their frames.
 *
 * Implemented over OpenCV's cv::VideoCapture with its FFmpeg backend
 * (lk-video.cpp); no C++ type crosses this header and every exception becomes
 * a GError in LK_VISION_ERROR.  A reader is used by one thread at a time.
 *
 * Sampling: a frame is sampled every `interval_ms` of video time (the first
 * frame always), plus at scene changes: every fifth of the interval the
 * current frame's grey-level histogram (32 bins, on a 1-in-8 pixel grid) is
 * compared with the last sampled frame's, and when they differ by more than
 * `scene_threshold` (half the L1 distance of the normalised histograms, 0..1)
 * that frame is sampled at once, so a cut gets a sample within a fifth of the
 * interval instead of up to a whole interval later.
 *
 * Time codes are frame number / frame rate (as the container declares it), so
 * they are the same on every machine; the frame number is kept beside them.
 */
#pragma once

#include "vision/lk-vision.h"

G_BEGIN_DECLS

typedef enum {
  LK_VIDEO_FORMAT_UNKNOWN,
  LK_VIDEO_FORMAT_MP4,
  LK_VIDEO_FORMAT_MOV,
  LK_VIDEO_FORMAT_MKV,
  LK_VIDEO_FORMAT_WEBM,
  LK_VIDEO_FORMAT_AVI,
} LkVideoFormat;

#define LK_VIDEO_DEFAULT_INTERVAL_MS 500
#define LK_VIDEO_DEFAULT_SCENE_THRESHOLD 0.35

/* The container format from the first bytes of a file (64 are enough). */
LkVideoFormat lk_video_sniff          (const guint8 *data, gsize len);
/* The same for a file on disk (reads its first bytes; UNKNOWN when unreadable). */
LkVideoFormat lk_video_sniff_file     (const char *path);
const char   *lk_video_format_name    (LkVideoFormat format);

typedef struct _LkVideoReader LkVideoReader;

typedef struct {
  LkImage  *image;        /* owned by the caller: the decoded frame, 8-bit RGB */
  gint64    frame_index;  /* 0-based */
  gint64    time_ms;      /* frame_index / fps */
  gboolean  scene_change; /* sampled because the picture changed, not by the interval */
} LkVideoFrame;

/* Opens a regular file; NOT_AN_IMAGE when it is no video we read, CORRUPT when
 * the container cannot be decoded at all (e.g. an MP4 whose index is missing). */
LkVideoReader *lk_video_reader_open    (const char *path, gint64 interval_ms,
                                        double scene_threshold, GError **error);
void           lk_video_reader_free    (LkVideoReader *reader);
int            lk_video_reader_get_width  (LkVideoReader *reader);
int            lk_video_reader_get_height (LkVideoReader *reader);
double         lk_video_reader_get_fps    (LkVideoReader *reader);
/* As the container declares; 0 when it does not. */
gint64         lk_video_reader_get_duration_ms (LkVideoReader *reader);
gint64         lk_video_reader_get_frame_count (LkVideoReader *reader);
/* Time code of the last frame decoded so far. */
gint64         lk_video_reader_get_decoded_ms  (LkVideoReader *reader);
/* Sampled frames expected for the declared length (for progress). */
guint          lk_video_reader_estimate_samples (LkVideoReader *reader);

/* The next sampled frame.  TRUE with *frame filled; FALSE with no error at
 * the end of the video; FALSE with CORRUPT when decoding stops before the
 * length the container declares (the message names the time code), or with
 * G_IO_ERROR_CANCELLED. */
gboolean       lk_video_reader_next    (LkVideoReader *reader, LkVideoFrame *frame,
                                        GCancellable *cancellable, GError **error);

/* The frame on screen at `time_ms` (clamped to the video), seeking with
 * CAP_PROP_POS_MSEC: OpenCV's FFmpeg backend decodes from the key frame
 * before it up to that exact frame, so the picture is the one whose time
 * code (frame index / fps) is nearest.  Scaled down to `max_height` pixels
 * high when taller (0: full size), 8-bit RGB.  *out_time_ms (nullable)
 * receives the time code of the frame returned.  CORRUPT when no frame can
 * be decoded there.  A seek leaves the reader's sampling position undefined:
 * do not mix with lk_video_reader_next() on one reader. */
LkImage       *lk_video_reader_read_at (LkVideoReader *reader, gint64 time_ms, int max_height,
                                        gint64 *out_time_ms, GError **error);
/* The same on a file opened for this one frame. */
LkImage       *lk_video_read_frame_at  (const char *path, gint64 time_ms, int max_height,
                                        gint64 *out_time_ms, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVideoReader, lk_video_reader_free)

G_END_DECLS
