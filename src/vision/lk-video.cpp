/* lk-video.cpp — sampling frames from a video with cv::VideoCapture (FFmpeg).
 *
 * Every frame is grabbed (decoded) in order, because a seek lands on a key
 * frame and would make time codes depend on the codec; only the frames we
 * look at are converted to RGB (retrieve), which is most of the saving.
 * The sampling rule is described in lk-video.h.
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <cinttypes>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <sys/stat.h>

#include <array>
#include <cmath>
#include <cstring>
#include <exception>

#include "lk-vision-private.h"
#include "lk-video.h"

namespace {

constexpr int hist_bins = 32;
constexpr int hist_step = 8;          /* every 8th pixel of every 8th row */

using Histogram = std::array<double, hist_bins>;

Histogram
grey_histogram (const cv::Mat &bgr)
{
  Histogram h {};
  double n = 0;

  for (int y = 0; y < bgr.rows; y += hist_step)
    {
      const guint8 *p = bgr.ptr<guint8> (y);
      for (int x = 0; x < bgr.cols; x += hist_step, n++)
        {
          const guint8 *px = p + 3 * x;
          int grey = (29 * px[0] + 150 * px[1] + 77 * px[2]) >> 8;
          h[grey * hist_bins / 256] += 1;
        }
    }
  for (auto &v : h)
    v /= MAX (n, 1.0);
  return h;
}

/* Half the L1 distance: 0 for the same distribution, 1 for disjoint ones. */
double
histogram_distance (const Histogram &a, const Histogram &b)
{
  double d = 0;

  for (int i = 0; i < hist_bins; i++)
    d += std::fabs (a[i] - b[i]);
  return d / 2;
}

} // namespace

struct _LkVideoReader
{
  cv::VideoCapture capture;
  char     *path;
  int       width, height;
  double    fps;
  gint64    frame_count;       /* declared; 0 when unknown */
  gint64    interval_ms;
  double    scene_threshold;
  gint64    next_index;        /* of the next frame to grab */
  gint64    last_decoded;      /* index of the last frame grabbed, -1 before any */
  gint64    next_sample_ms;    /* the interval's next sample time */
  gint64    next_check_ms;     /* the next scene check */
  Histogram last_sampled;
  gboolean  have_sampled;
};

static gint64
frame_time (const LkVideoReader *reader, gint64 index)
{
  return (gint64) llround (index * 1000.0 / reader->fps);
}

LkVideoReader *
lk_video_reader_open (const char *path, gint64 interval_ms, double scene_threshold, GError **error)
{
  LkVideoFormat format;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (interval_ms > 0, NULL);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND,
                   _("the video cannot be read: it is missing or not a regular file"));
      return NULL;
    }
  format = lk_video_sniff_file (path);
  if (format == LK_VIDEO_FORMAT_UNKNOWN)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("not a video Likeness can read (MP4, MOV, MKV, WebM or AVI)"));
      return NULL;
    }
  try
    {
      LkVideoReader *reader = new LkVideoReader ();

      reader->path = g_strdup (path);
      reader->interval_ms = interval_ms;
      reader->scene_threshold = scene_threshold;
      reader->last_decoded = -1;
      if (!reader->capture.open (path, cv::CAP_FFMPEG) || !reader->capture.isOpened ())
        {
          g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                       _("the %s video cannot be decoded from its start (00:00.000): the file is "
                         "truncated or damaged"), lk_video_format_name (format));
          lk_video_reader_free (reader);
          return NULL;
        }
      reader->width = (int) reader->capture.get (cv::CAP_PROP_FRAME_WIDTH);
      reader->height = (int) reader->capture.get (cv::CAP_PROP_FRAME_HEIGHT);
      reader->fps = reader->capture.get (cv::CAP_PROP_FPS);
      /* A stream with no usable rate still gets consistent time codes. */
      if (!(reader->fps > 0.1 && reader->fps < 1000))
        reader->fps = 25;
      reader->frame_count = MAX ((gint64) reader->capture.get (cv::CAP_PROP_FRAME_COUNT), 0);
      return reader;
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INTERNAL,
                   _("the video library failed: %s"), e.what ());
      return NULL;
    }
}

void
lk_video_reader_free (LkVideoReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->path);
  delete reader;
}

int
lk_video_reader_get_width (LkVideoReader *reader)
{
  return reader->width;
}

int
lk_video_reader_get_height (LkVideoReader *reader)
{
  return reader->height;
}

double
lk_video_reader_get_fps (LkVideoReader *reader)
{
  return reader->fps;
}

gint64
lk_video_reader_get_frame_count (LkVideoReader *reader)
{
  return reader->frame_count;
}

gint64
lk_video_reader_get_duration_ms (LkVideoReader *reader)
{
  return frame_time (reader, reader->frame_count);
}

gint64
lk_video_reader_get_decoded_ms (LkVideoReader *reader)
{
  return reader->last_decoded < 0 ? 0 : frame_time (reader, reader->last_decoded);
}

guint
lk_video_reader_estimate_samples (LkVideoReader *reader)
{
  return (guint) (lk_video_reader_get_duration_ms (reader) / reader->interval_ms + 1);
}

/* "01:02:03.450", hours only when needed (as lk_format_time_code() in CASE). */
static char *
time_code (gint64 ms)
{
  gint64 h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;

  if (h > 0)
    return g_strdup_printf ("%02d:%02d:%02d.%03d", (int) h, (int) m, (int) s, (int) (ms % 1000));
  return g_strdup_printf ("%02d:%02d.%03d", (int) m, (int) s, (int) (ms % 1000));
}

/* Decoding stopped: the end, or a file shorter than it says.  A couple of
 * frames of slack, because some containers only estimate their length. */
static gboolean
end_of_stream (LkVideoReader *reader, GError **error)
{
  gint64 slack = MAX (2, reader->frame_count / 100);
  g_autofree char *at = NULL;
  g_autofree char *of = NULL;

  /* Past the end the container stated, the length is now known: a WebM
   * that vpxenc (libwebm) wrote gives the start of its last frame as its
   * duration, one frame short.  (An unknown length stays unknown.) */
  if (reader->frame_count > 0)
    reader->frame_count = MAX (reader->frame_count, reader->next_index);
  if (reader->frame_count == 0 || reader->next_index + slack >= reader->frame_count)
    return FALSE;
  at = time_code (lk_video_reader_get_decoded_ms (reader));
  of = time_code (lk_video_reader_get_duration_ms (reader));
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
               _("decoding failed at %s of %s (frame %" PRId64 " of %" PRId64
                 "): the video is truncated or damaged there"),
               at, of, reader->next_index, reader->frame_count);
  return FALSE;
}

/* Whether the grabbed frame at `time_ms` is to be sampled; retrieves it
 * into bgr when it had to be looked at. */
static gboolean
wants_frame (LkVideoReader *reader, gint64 time_ms, cv::Mat &bgr, gboolean *scene_change)
{
  Histogram h;

  *scene_change = FALSE;
  if (!reader->have_sampled || time_ms >= reader->next_sample_ms)
    return TRUE;
  if (time_ms < reader->next_check_ms || !reader->capture.retrieve (bgr) || bgr.empty ())
    return FALSE;
  reader->next_check_ms = time_ms + MAX (reader->interval_ms / 5, 1);
  h = grey_histogram (bgr);
  *scene_change = histogram_distance (h, reader->last_sampled) > reader->scene_threshold;
  return *scene_change;
}

static void
take_frame (LkVideoReader *reader, cv::Mat &bgr, gint64 time_ms, LkVideoFrame *frame)
{
  gsize row = (gsize) bgr.cols * 3;
  guint8 *rgb = (guint8 *) g_malloc (row * bgr.rows);

  for (int y = 0; y < bgr.rows; y++)
    {
      const guint8 *s = bgr.ptr<guint8> (y);
      guint8 *d = rgb + row * y;
      for (int x = 0; x < bgr.cols; x++, s += 3, d += 3)
        {
          d[0] = s[2];
          d[1] = s[1];
          d[2] = s[0];
        }
    }
  reader->last_sampled = grey_histogram (bgr);
  reader->have_sampled = TRUE;
  reader->next_sample_ms = time_ms + reader->interval_ms;
  reader->next_check_ms = time_ms + MAX (reader->interval_ms / 5, 1);
  frame->image = _lk_image_new_take_rgb (bgr.cols, bgr.rows, rgb);
  frame->frame_index = reader->last_decoded;
  frame->time_ms = time_ms;
}

gboolean
lk_video_reader_next (LkVideoReader *reader, LkVideoFrame *frame, GCancellable *cancellable,
                      GError **error)
{
  g_return_val_if_fail (reader != NULL && frame != NULL, FALSE);

  memset (frame, 0, sizeof *frame);
  try
    {
      cv::Mat bgr;
      gboolean scene_change = FALSE;

      for (;;)
        {
          gint64 time_ms;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (!reader->capture.grab ())
            return end_of_stream (reader, error);
          reader->last_decoded = reader->next_index++;
          time_ms = frame_time (reader, reader->last_decoded);
          if (!wants_frame (reader, time_ms, bgr, &scene_change))
            continue;
          if (!scene_change && !reader->capture.retrieve (bgr))
            return end_of_stream (reader, error);
          if (bgr.empty () || bgr.type () != CV_8UC3)
            continue;
          take_frame (reader, bgr, time_ms, frame);
          frame->scene_change = scene_change;
          return TRUE;
        }
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INTERNAL,
                   _("the video library failed: %s"), e.what ());
      return FALSE;
    }
}

/* Packed RGB of a BGR frame, shrunk with area averaging (no aliasing in the
 * small pictures of a strip) when taller than max_height. */
static LkImage *
image_from_bgr (const cv::Mat &frame, int max_height)
{
  cv::Mat small, rgb;

  if (max_height > 0 && frame.rows > max_height)
    {
      int width = MAX (1, (int) llround ((double) frame.cols * max_height / frame.rows));

      cv::resize (frame, small, cv::Size (width, max_height), 0, 0, cv::INTER_AREA);
    }
  else
    small = frame;
  cv::cvtColor (small, rgb, cv::COLOR_BGR2RGB);
  gsize row = (gsize) rgb.cols * 3;
  guint8 *data = (guint8 *) g_malloc (row * rgb.rows);
  for (int y = 0; y < rgb.rows; y++)
    memcpy (data + row * y, rgb.ptr<guint8> (y), row);
  return _lk_image_new_take_rgb (rgb.cols, rgb.rows, data);
}

/* Puts the capture before the frame on screen at time_ms.  A frame a few
 * seconds ahead of the last one decoded is reached by decoding forward:
 * a strip of neighbouring frames then costs one seek, not one per picture,
 * which matters for codecs whose key frames are seconds apart. */
static bool
move_to (LkVideoReader *reader, gint64 time_ms)
{
  /* The frame OpenCV's own CAP_PROP_POS_MSEC seek chooses. */
  gint64 target = (gint64) (time_ms * reader->fps / 1000.0 + 0.5);

  if (reader->last_decoded >= 0 && target > reader->last_decoded &&
      target - reader->last_decoded <= 3 * (gint64) ceil (reader->fps))
    {
      while (reader->next_index < target)
        {
          if (!reader->capture.grab ())
            return false;
          reader->last_decoded = reader->next_index++;
        }
      return true;
    }
  return reader->capture.set (cv::CAP_PROP_POS_MSEC, (double) time_ms);
}

LkImage *
lk_video_reader_read_at (LkVideoReader *reader, gint64 time_ms, int max_height,
                         gint64 *out_time_ms, GError **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  /* A time past the last frame would give no picture: clamp to it. */
  if (reader->frame_count > 0)
    time_ms = MIN (time_ms, frame_time (reader, reader->frame_count - 1));
  time_ms = MAX (time_ms, 0);
  try
    {
      cv::Mat bgr;
      gint64 index;

      if (!move_to (reader, time_ms) || !reader->capture.read (bgr) || bgr.empty () ||
          bgr.type () != CV_8UC3)
        {
          g_autofree char *at = time_code (time_ms);

          g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                       _("the frame at %s cannot be decoded: the video is truncated or damaged there"),
                       at);
          return NULL;
        }
      /* The position is that of the next frame: the one read is before it. */
      index = MAX ((gint64) llround (reader->capture.get (cv::CAP_PROP_POS_FRAMES)) - 1, 0);
      reader->last_decoded = index;
      reader->next_index = index + 1;
      if (out_time_ms != NULL)
        *out_time_ms = frame_time (reader, index);
      return image_from_bgr (bgr, max_height);
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INTERNAL,
                   _("the video library failed: %s"), e.what ());
      return NULL;
    }
}

LkImage *
lk_video_read_frame_at (const char *path, gint64 time_ms, int max_height, gint64 *out_time_ms,
                        GError **error)
{
  g_autoptr(LkVideoReader) reader = lk_video_reader_open (path, LK_VIDEO_DEFAULT_INTERVAL_MS,
                                                          LK_VIDEO_DEFAULT_SCENE_THRESHOLD, error);

  if (reader == NULL)
    return NULL;
  return lk_video_reader_read_at (reader, time_ms, max_height, out_time_ms, error);
}
