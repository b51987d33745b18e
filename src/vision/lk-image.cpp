/* lk-image.cpp — loading photos with OpenCV into 8-bit RGB, and the small
 * OpenCV jobs around faces (encoding chips and previews, measuring quality).
 *
 * Loading is: read the bytes with GLib, sniff the header (lk-image-sniff.c:
 * format by content, size, orientation, completeness), refuse anything over
 * the pixel limit, then decode with cv::imdecode(IMREAD_UNCHANGED) and
 * normalise depth, channels and orientation ourselves so that 16-bit, gray,
 * alpha and rotated photos all come out the same way.
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <utility>
#include <vector>

#include "lk-vision-private.h"

struct _LkImage
{
  int      width;
  int      height;
  guint8  *rgb;
  cv::Mat *mat; /* owns rgb when the decoded buffer was kept */
  guint    other_images; /* HEIF: top-level images in the file besides this one */
};

namespace {

/* Compressed data can be larger than its pixels (uncompressed BMP/TIFF are
 * 3-4 bytes a pixel, 16-bit 8); anything bigger than this is refused unread. */
constexpr guint64 max_file_bytes_per_pixel = 8;

void
set_internal_error (GError **error, const char *what)
{
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INTERNAL,
               _("the image library failed: %s"), what);
}

/* The process-wide decode budget: a counting semaphore in bytes.  Memory is
 * the process's, so one budget covers the engine's batch, the importer's
 * pool and the workstation's thumbnail loaders together. */
GMutex budget_lock;
GCond budget_cond;
guint64 budget_limit; /* 0 until first needed: see limit_locked() */
guint64 budget_used;

/* $LIKENESS_DECODE_BUDGET_MB, so that a user with the memory can let a
 * larger image through without rebuilding; else LK_DEFAULT_DECODE_BUDGET. */
guint64
default_budget ()
{
  const char *env = g_getenv ("LIKENESS_DECODE_BUDGET_MB");
  guint64 mb = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;

  return mb > 0 && mb < (G_MAXUINT64 >> 20) ? mb << 20 : LK_DEFAULT_DECODE_BUDGET;
}

guint64
limit_locked ()
{
  if (budget_limit == 0)
    budget_limit = default_budget ();
  return budget_limit;
}

/* "1.2 GiB", "768 MiB": the units the budget is set in, with a plain space. */
char *
format_memory (guint64 bytes)
{
  if (bytes >= ((guint64) 1 << 30))
    return g_strdup_printf (_("%.1f GiB"), bytes / (double) (1 << 30));
  return g_strdup_printf (_("%.0f MiB"), bytes / (double) (1 << 20));
}

gboolean
budget_reserve (guint64 bytes, const LkImageInfo *info, GError **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&budget_lock);
  while (ok && budget_used + bytes > limit_locked ())
    {
      if (bytes > limit_locked ())
        ok = FALSE;
      else
        g_cond_wait (&budget_cond, &budget_lock);
    }
  if (ok)
    budget_used += bytes;
  g_mutex_unlock (&budget_lock);
  if (!ok)
    {
      g_autofree char *need = format_memory (bytes);
      g_autofree char *limit = format_memory (lk_image_get_decode_budget ());

      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("the %s image is %u × %u pixels and would need about %s of memory to decode; "
                     "the limit is %s (LIKENESS_DECODE_BUDGET_MB can raise it on a machine with the memory)"),
                   _lk_image_format_name (info->format), info->width, info->height, need, limit);
    }
  return ok;
}

void
budget_release (guint64 bytes)
{
  g_mutex_lock (&budget_lock);
  budget_used -= bytes;
  g_cond_broadcast (&budget_cond);
  g_mutex_unlock (&budget_lock);
}

/* 16-bit and float samples become 8-bit; the wide original is released as
 * soon as the narrow copy exists. */
cv::Mat
to_8bit (cv::Mat &in)
{
  cv::Mat out;

  switch (in.depth ())
    {
    case CV_8U:
      return in;
    case CV_16U:
      in.convertTo (out, CV_8U, 1.0 / 257.0);
      break;
    case CV_32F:
    case CV_64F:
      in.convertTo (out, CV_8U, 255.0);
      break;
    default:
      {
        double lo, hi;
        cv::minMaxLoc (in.reshape (1), &lo, &hi);
        in.convertTo (out, CV_8U, hi > lo ? 255.0 / (hi - lo) : 1.0, hi > lo ? -lo * 255.0 / (hi - lo) : 0);
        break;
      }
    }
  in.release ();
  return out;
}

/* Transparent pixels are shown over white, as an image viewer would; the
 * result is RGB, written into `out` (already 3-channel, same size). */
void
bgra_over_white_rgb (const cv::Mat &bgra, cv::Mat &out)
{
  for (int y = 0; y < bgra.rows; y++)
    {
      const guint8 *s = bgra.ptr<guint8> (y);
      guint8 *d = out.ptr<guint8> (y);
      for (int x = 0; x < bgra.cols; x++, s += 4, d += 3)
        for (int c = 0; c < 3; c++)
          d[2 - c] = (guint8) ((s[c] * s[3] + 255 * (255 - s[3]) + 127) / 255);
    }
}

/* cv::cvtColor copies its input first when asked to work in place. */
void
bgr_to_rgb_in_place (cv::Mat &m)
{
  for (int y = 0; y < m.rows; y++)
    {
      guint8 *p = m.ptr<guint8> (y);
      for (int x = 0; x < m.cols; x++, p += 3)
        std::swap (p[0], p[2]);
    }
}

/* 8-bit RGB from whatever the decoder gave, with as few full-size copies as
 * possible: 3-channel data is swapped in place, everything else is written
 * once into a new buffer and the decoded one released. */
cv::Mat
to_rgb (cv::Mat decoded)
{
  cv::Mat m = to_8bit (decoded), rgb;

  decoded.release ();
  switch (m.channels ())
    {
    case 1: cv::cvtColor (m, rgb, cv::COLOR_GRAY2RGB); break;
    case 2:
      {
        rgb.create (m.rows, m.cols, CV_8UC3);
        for (int y = 0; y < m.rows; y++)
          {
            const guint8 *s = m.ptr<guint8> (y);
            guint8 *d = rgb.ptr<guint8> (y);
            for (int x = 0; x < m.cols; x++, s += 2, d += 3)
              d[0] = d[1] = d[2] = (guint8) ((s[0] * s[1] + 255 * (255 - s[1]) + 127) / 255);
          }
        break;
      }
    case 3: bgr_to_rgb_in_place (m); return m;
    case 4: rgb.create (m.rows, m.cols, CV_8UC3); bgra_over_white_rgb (m, rgb); break;
    default: throw std::runtime_error ("unsupported channel count");
    }
  return rgb;
}

/* The EXIF orientations, as OpenCV's own ApplyExifOrientation does them;
 * flips are done in place, only a transpose needs a second buffer. */
cv::Mat
apply_orientation (cv::Mat in, int orientation)
{
  cv::Mat out;

  switch (orientation)
    {
    case 2: cv::flip (in, in, 1); return in;
    case 3: cv::flip (in, in, -1); return in;
    case 4: cv::flip (in, in, 0); return in;
    case 5: cv::transpose (in, out); break;
    case 6: cv::transpose (in, out); cv::flip (out, out, 1); break;
    case 7: cv::transpose (in, out); cv::flip (out, out, -1); break;
    case 8: cv::transpose (in, out); cv::flip (out, out, 0); break;
    default: return in;
    }
  return out;
}

/* Keeps the decoded buffer instead of copying it (a copy would be one more
 * full-size image at the peak). */
LkImage *
image_from_mat (const cv::Mat &rgb)
{
  LkImage *image = g_new0 (LkImage, 1);

  g_assert (rgb.isContinuous () && rgb.type () == CV_8UC3);
  image->width = rgb.cols;
  image->height = rgb.rows;
  image->mat = new cv::Mat (rgb);
  image->rgb = image->mat->data;
  return image;
}

gboolean
check_pixels (const LkImageInfo *info, guint64 max_pixels, gsize len, GError **error)
{
  guint64 pixels = (guint64) info->width * info->height;

  if (pixels > max_pixels)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("the image is %u × %u pixels (%.1f megapixels), over the limit of %.1f megapixels"),
                   info->width, info->height, pixels / 1e6, max_pixels / 1e6);
      return FALSE;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE, _("the file is too large"));
      return FALSE;
    }
  return TRUE;
}

/* libheif decodes and applies the transforms itself; the packed RGB it
 * gives becomes the image's buffer without another copy. */
LkImage *
decode_heif (const guint8 *data, gsize len, const LkImageInfo *info, GError **error)
{
  guint8 *rgb = _lk_heif_decode_rgb (data, len, info, error);
  LkImage *image;

  if (rgb == NULL)
    return NULL;
  image = g_new0 (LkImage, 1);
  image->width = (int) info->width;
  image->height = (int) info->height;
  image->rgb = rgb;
  image->other_images = info->other_images;
  return image;
}

LkImage *
decode_reserved (const guint8 *data, gsize len, const LkImageInfo *info, GError **error)
{
  if (info->format == LK_IMAGE_FORMAT_HEIF || info->format == LK_IMAGE_FORMAT_AVIF)
    return decode_heif (data, len, info, error);

  cv::Mat raw (1, (int) len, CV_8UC1, (void *) data);
  cv::Mat decoded = cv::imdecode (raw, cv::IMREAD_UNCHANGED);

  if (decoded.empty ())
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is damaged and cannot be decoded"), _lk_image_format_name (info->format));
      return NULL;
    }
  if ((guint32) decoded.cols != info->width || (guint32) decoded.rows != info->height)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is damaged: the header says %u × %u, the picture is %d × %d"),
                   _lk_image_format_name (info->format), info->width, info->height, decoded.cols, decoded.rows);
      return NULL;
    }
  return image_from_mat (apply_orientation (to_rgb (std::move (decoded)), info->orientation));
}

/* Releases the reservation however decoding ends, exceptions included. */
struct BudgetHold
{
  guint64 bytes;
  ~BudgetHold () { budget_release (bytes); }
};

LkImage *
decode (const guint8 *data, gsize len, guint64 max_pixels, GError **error)
{
  LkImageInfo info;

  if (!_lk_image_sniff (data, len, &info, error) || !check_pixels (&info, max_pixels, len, error))
    return NULL;
  /* The file's bytes are already in memory: only what decoding adds is reserved. */
  guint64 estimate = _lk_image_decode_estimate (&info, 0);
  if (!budget_reserve (estimate, &info, error))
    return NULL;
  BudgetHold hold { estimate };
  return decode_reserved (data, len, &info, error);
}

void
quiet_opencv ()
{
  static gsize once = 0;

  /* OpenCV logs libjpeg/libpng warnings to stderr; our errors say it better. */
  if (g_once_init_enter (&once))
    {
      cv::utils::logging::setLogLevel (cv::utils::logging::LOG_LEVEL_ERROR);
      g_once_init_leave (&once, 1);
    }
}

GBytes *
encode_mat (const cv::Mat &rgb, gboolean jpeg, GError **error)
{
  cv::Mat bgr;
  std::vector<guint8> buf;
  std::vector<int> params;

  cv::cvtColor (rgb, bgr, cv::COLOR_RGB2BGR);
  if (jpeg)
    params = { cv::IMWRITE_JPEG_QUALITY, 90 };
  if (!cv::imencode (jpeg ? ".jpg" : ".png", bgr, buf, params))
    {
      set_internal_error (error, "cannot encode");
      return NULL;
    }
  return g_bytes_new (buf.data (), buf.size ());
}

} /* namespace */

/* The peak of decoding, step by step as decode_reserved() does it (the
 * buffers alive at once).  Measured with VmHWM at 7.2 megapixels
 * (tests/vision/test-image.c, /vision/image/budget/estimates-cover-peak):
 * JPEG, WebP, BMP, 8-bit RGB PNG and TIFF 3.0 bytes a pixel (decoded in place),
 * EXIF-rotated JPEG 6.0, 8-bit RGBA PNG 6.9, 16-bit RGBA PNG 12.0 — each
 * 79–90 % of this estimate.  Before, a 16-bit RGBA PNG took 24 bytes a pixel.
 * OpenCV's TIFF decoder can also hold a strip or tile buffer as large as the
 * image for layouts not measured here, so TIFF keeps 4 bytes a pixel more. */
guint64
_lk_image_decode_estimate (const LkImageInfo *info, gsize file_bytes)
{
  guint64 px = (guint64) info->width * info->height;
  guint64 decoded = px * info->channels * info->sample_bytes;
  guint64 narrow = info->sample_bytes > 1 ? px * info->channels : 0;
  guint64 rgb = info->channels == 3 ? 0 : px * 3;
  guint64 peak = MAX (decoded + narrow, (narrow ? narrow : decoded) + rgb);

  if (info->orientation >= 5)
    peak = MAX (peak, px * 6); /* transposing needs the image twice */
  if (info->format == LK_IMAGE_FORMAT_TIFF)
    peak += px * 4;
  /* libheif holds the coded image's YCbCr planes (up to 4:4:4, 16-bit
   * samples above 8 bits, plus alpha), converts them into an interleaved
   * RGB(A) image and we copy that into packed RGB: all three are alive at
   * the copy.  Grid images (phones write 512 × 512 tiles) add one tile's
   * decoder pictures, covered by the fixed slack below. */
  if (info->format == LK_IMAGE_FORMAT_HEIF || info->format == LK_IMAGE_FORMAT_AVIF)
    peak = px * (guint64) info->sample_bytes * info->channels + px * info->channels + px * 3;
  /* Allocator slack and the decoders' row buffers. */
  return file_bytes + peak + peak / 16 + 4 * 1024 * 1024;
}

void
lk_image_set_decode_budget (guint64 bytes)
{
  g_mutex_lock (&budget_lock);
  budget_limit = bytes > 0 ? bytes : default_budget ();
  g_cond_broadcast (&budget_cond);
  g_mutex_unlock (&budget_lock);
}

guint64
lk_image_get_decode_budget (void)
{
  guint64 limit;

  g_mutex_lock (&budget_lock);
  limit = limit_locked ();
  g_mutex_unlock (&budget_lock);
  return limit;
}

guint64
lk_image_estimate_decode_memory (GBytes *bytes)
{
  LkImageInfo info;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, 0);

  data = (const guint8 *) g_bytes_get_data (bytes, &len);
  if (!_lk_image_sniff (data, len, &info, NULL))
    return 0;
  return _lk_image_decode_estimate (&info, 0);
}

LkImage *
lk_image_load_bytes (GBytes *bytes, guint64 max_pixels, GError **error)
{
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  quiet_opencv ();
  data = (const guint8 *) g_bytes_get_data (bytes, &len);
  if (max_pixels == 0)
    max_pixels = LK_DEFAULT_MAX_PIXELS;
  try
    {
      return decode (data, len, max_pixels, error);
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the image data is damaged and cannot be decoded (%s)"), e.err.c_str ());
    }
  catch (const std::bad_alloc &)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("there is not enough memory to decode the image"));
    }
  catch (const std::exception &e)
    {
      set_internal_error (error, e.what ());
    }
  return NULL;
}

static const char *
file_kind (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a FIFO (named pipe)");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  return _("a special file");
}

static gboolean
check_stat (const char *display, const struct stat *st, guint64 max_pixels, GError **error)
{
  if (S_ISDIR (st->st_mode))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("“%s” is a folder, not an image file"), display);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not a regular file: it is %s, which is never read as a photo"), display,
                   file_kind (st->st_mode));
      return FALSE;
    }
  if ((guint64) st->st_size > max_pixels * max_file_bytes_per_pixel + 16 * 1024 * 1024)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("“%s” is too large (%.0f MB) for an image under the pixel limit"),
                   display, st->st_size / 1e6);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_all (int fd, guint8 *buf, gsize size, gsize *len)
{
  *len = 0;
  while (*len < size)
    {
      gssize n = read (fd, buf + *len, size - *len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      *len += (gsize) n;
    }
  return TRUE;
}

/* O_NONBLOCK so that opening a FIFO with no writer returns at once (a plain
 * open would wait forever); fstat on the open descriptor, not stat on the
 * name, so the file cannot be swapped for a FIFO in between. */
static GBytes *
read_image_file (const char *path, const char *display, guint64 max_pixels, GError **error)
{
  struct stat st;
  g_autofree guint8 *buf = NULL;
  gsize len = 0;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND, _("cannot open “%s”: %s"),
                   display, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !check_stat (display, &st, max_pixels, error))
    {
      saved = errno;
      if (error != NULL && *error == NULL)
        g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND, _("cannot read “%s”: %s"),
                     display, g_strerror (saved));
      close (fd);
      return NULL;
    }
  buf = (guint8 *) g_malloc (MAX (st.st_size, 1));
  if (!read_all (fd, buf, (gsize) st.st_size, &len))
    {
      saved = errno;
      close (fd);
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND, _("cannot read “%s”: %s"),
                   display, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buf), len);
}

LkImage *
lk_image_load (const char *path, guint64 max_pixels, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  LkImage *image;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_pixels == 0)
    max_pixels = LK_DEFAULT_MAX_PIXELS;
  display = g_filename_display_name (path);
  bytes = read_image_file (path, display, max_pixels, error);
  if (bytes == NULL)
    return NULL;
  image = lk_image_load_bytes (bytes, max_pixels, &local);
  if (image == NULL)
    {
      g_set_error (error, local->domain, local->code, "“%s”: %s", display, local->message);
      return NULL;
    }
  return image;
}

LkImage *
_lk_image_new_take_rgb (int width, int height, guint8 *rgb)
{
  LkImage *image = g_new0 (LkImage, 1);

  image->width = width;
  image->height = height;
  image->rgb = rgb;
  return image;
}

void
lk_image_free (LkImage *image)
{
  if (image == NULL)
    return;
  if (image->mat != NULL)
    delete image->mat;
  else
    g_free (image->rgb);
  g_free (image);
}

int
lk_image_get_width (const LkImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->width;
}

int
lk_image_get_height (const LkImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->height;
}

guint
lk_image_get_other_images (const LkImage *image)
{
  g_return_val_if_fail (image != NULL, 0);
  return image->other_images;
}

const guint8 *
lk_image_get_rgb (const LkImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);
  return image->rgb;
}

GBytes *
lk_image_encode_scaled (const LkImage *image, int max_side, gboolean jpeg, GError **error)
{
  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (max_side > 0, NULL);

  try
    {
      cv::Mat rgb (image->height, image->width, CV_8UC3, image->rgb), scaled;
      double f = (double) max_side / MAX (image->width, image->height);

      if (f < 1.0)
        cv::resize (rgb, scaled, cv::Size (MAX (1, (int) lround (image->width * f)),
                                           MAX (1, (int) lround (image->height * f))),
                    0, 0, cv::INTER_AREA);
      else
        scaled = rgb;
      return encode_mat (scaled, jpeg, error);
    }
  catch (const std::exception &e)
    {
      set_internal_error (error, e.what ());
      return NULL;
    }
}

GBytes *
lk_face_encode_chip (const LkFace *face, gboolean jpeg, GError **error)
{
  g_return_val_if_fail (face != NULL, NULL);

  if (face->chip_rgb == NULL)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INVALID, _("the face has no aligned chip"));
      return NULL;
    }
  try
    {
      cv::Mat rgb (LK_CHIP_SIZE, LK_CHIP_SIZE, CV_8UC3, face->chip_rgb);
      return encode_mat (rgb, jpeg, error);
    }
  catch (const std::exception &e)
    {
      set_internal_error (error, e.what ());
      return NULL;
    }
}

/* Yaw from the 68 landmarks: where the nose tip (30) sits between the two
 * sides of the jaw (0 and 16).  Centred → 0; at a jaw edge → ±90 degrees. */
static double
estimate_yaw (const LkFace *face)
{
  const float *nose = face->landmarks[30], *left = face->landmarks[0], *right = face->landmarks[16];
  double dl = std::hypot (nose[0] - left[0], nose[1] - left[1]);
  double dr = std::hypot (nose[0] - right[0], nose[1] - right[1]);
  double r;

  if (dl + dr <= 0)
    return 0;
  r = CLAMP ((dl - dr) / (dl + dr), -1.0, 1.0);
  return std::asin (r) * 180.0 / G_PI;
}

void
_lk_face_measure_quality (LkFace *face)
{
  LkFaceQuality *q = &face->quality;

  q->size_px = MAX (face->box.width, face->box.height);
  q->yaw_degrees = estimate_yaw (face);
  if (face->chip_rgb != NULL)
    {
      cv::Mat rgb (LK_CHIP_SIZE, LK_CHIP_SIZE, CV_8UC3, face->chip_rgb), gray, lap;
      cv::Scalar mean, stddev;

      cv::cvtColor (rgb, gray, cv::COLOR_RGB2GRAY);
      cv::meanStdDev (gray, mean, stddev);
      q->brightness = mean[0];
      q->contrast = stddev[0];
      cv::Laplacian (gray, lap, CV_64F);
      cv::meanStdDev (lap, mean, stddev);
      q->sharpness = stddev[0] * stddev[0];
    }
  q->flags = _lk_face_quality_flags (q);
}
