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

#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <vector>

#include "lk-vision-private.h"

struct _LkImage
{
  int     width;
  int     height;
  guint8 *rgb;
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

cv::Mat
to_8bit (const cv::Mat &in)
{
  cv::Mat out;

  switch (in.depth ())
    {
    case CV_8U:
      return in;
    case CV_16U:
      in.convertTo (out, CV_8U, 1.0 / 257.0);
      return out;
    case CV_32F:
    case CV_64F:
      in.convertTo (out, CV_8U, 255.0);
      return out;
    default:
      {
        double lo, hi;
        cv::minMaxLoc (in.reshape (1), &lo, &hi);
        in.convertTo (out, CV_8U, hi > lo ? 255.0 / (hi - lo) : 1.0, hi > lo ? -lo * 255.0 / (hi - lo) : 0);
        return out;
      }
    }
}

/* Transparent pixels are shown over white, as an image viewer would. */
cv::Mat
bgra_over_white (const cv::Mat &bgra)
{
  cv::Mat out (bgra.rows, bgra.cols, CV_8UC3);

  for (int y = 0; y < bgra.rows; y++)
    {
      const guint8 *s = bgra.ptr<guint8> (y);
      guint8 *d = out.ptr<guint8> (y);
      for (int x = 0; x < bgra.cols; x++, s += 4, d += 3)
        for (int c = 0; c < 3; c++)
          d[c] = (guint8) ((s[c] * s[3] + 255 * (255 - s[3]) + 127) / 255);
    }
  return out;
}

cv::Mat
to_rgb (const cv::Mat &decoded)
{
  cv::Mat m = to_8bit (decoded), rgb;

  switch (m.channels ())
    {
    case 1: cv::cvtColor (m, rgb, cv::COLOR_GRAY2RGB); break;
    case 2:
      {
        std::vector<cv::Mat> planes;
        cv::split (m, planes);
        cv::Mat gray_alpha[] = { planes[0], planes[0], planes[0], planes[1] }, bgra;
        cv::merge (gray_alpha, 4, bgra);
        cv::cvtColor (bgra_over_white (bgra), rgb, cv::COLOR_BGR2RGB);
        break;
      }
    case 3: cv::cvtColor (m, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor (bgra_over_white (m), rgb, cv::COLOR_BGR2RGB); break;
    default: throw std::runtime_error ("unsupported channel count");
    }
  return rgb;
}

/* The EXIF orientations, as OpenCV's own ApplyExifOrientation does them. */
cv::Mat
apply_orientation (const cv::Mat &in, int orientation)
{
  cv::Mat out;

  switch (orientation)
    {
    case 2: cv::flip (in, out, 1); break;
    case 3: cv::flip (in, out, -1); break;
    case 4: cv::flip (in, out, 0); break;
    case 5: cv::transpose (in, out); break;
    case 6: cv::transpose (in, out); cv::flip (out, out, 1); break;
    case 7: cv::transpose (in, out); cv::flip (out, out, -1); break;
    case 8: cv::transpose (in, out); cv::flip (out, out, 0); break;
    default: return in;
    }
  return out;
}

LkImage *
image_from_mat (const cv::Mat &rgb)
{
  LkImage *image = g_new0 (LkImage, 1);
  gsize row = (gsize) rgb.cols * 3;

  image->width = rgb.cols;
  image->height = rgb.rows;
  image->rgb = (guint8 *) g_malloc ((gsize) rgb.rows * row);
  for (int y = 0; y < rgb.rows; y++)
    memcpy (image->rgb + y * row, rgb.ptr<guint8> (y), row);
  return image;
}

LkImage *
decode (const guint8 *data, gsize len, guint64 max_pixels, GError **error)
{
  LkImageInfo info;
  guint64 pixels;

  if (!_lk_image_sniff (data, len, &info, error))
    return NULL;
  pixels = (guint64) info.width * info.height;
  if (pixels > max_pixels)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("the image is %u × %u pixels (%.1f megapixels), over the limit of %.1f megapixels"),
                   info.width, info.height, pixels / 1e6, max_pixels / 1e6);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE, _("the file is too large"));
      return NULL;
    }
  cv::Mat raw (1, (int) len, CV_8UC1, (void *) data);
  cv::Mat decoded = cv::imdecode (raw, cv::IMREAD_UNCHANGED);
  if (decoded.empty ())
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is damaged and cannot be decoded"), _lk_image_format_name (info.format));
      return NULL;
    }
  if ((guint32) decoded.cols != info.width || (guint32) decoded.rows != info.height)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is damaged: the header says %u × %u, the picture is %d × %d"),
                   _lk_image_format_name (info.format), info.width, info.height, decoded.cols, decoded.rows);
      return NULL;
    }
  return image_from_mat (apply_orientation (to_rgb (decoded), info.orientation));
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

static gboolean
check_file (const char *path, guint64 max_pixels, GError **error)
{
  GStatBuf st;
  g_autofree char *display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND, _("cannot open “%s”: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("“%s” is a folder, not an image file"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not a regular file"), display);
      return FALSE;
    }
  if ((guint64) st.st_size > max_pixels * max_file_bytes_per_pixel + 16 * 1024 * 1024)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("“%s” is too large (%.0f MB) for an image under the pixel limit"),
                   display, st.st_size / 1e6);
      return FALSE;
    }
  return TRUE;
}

LkImage *
lk_image_load (const char *path, guint64 max_pixels, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  char *contents = NULL;
  gsize len = 0;
  LkImage *image;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_pixels == 0)
    max_pixels = LK_DEFAULT_MAX_PIXELS;
  if (!check_file (path, max_pixels, error))
    return NULL;
  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND, _("cannot read “%s”: %s"),
                   display, local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, len);
  image = lk_image_load_bytes (bytes, max_pixels, &local);
  if (image == NULL)
    {
      g_set_error (error, local->domain, local->code, "“%s”: %s", display, local->message);
      return NULL;
    }
  return image;
}

void
lk_image_free (LkImage *image)
{
  if (image == NULL)
    return;
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
