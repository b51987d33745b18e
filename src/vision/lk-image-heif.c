/* lk-image-heif.c — HEIC/HEIF and AVIF photos through libheif.
 *
 * The sniff (lk-image-sniff.c) recognises the ISO base media file by its
 * `ftyp` brands; here the top-level boxes are walked so that a file cut short
 * is refused before libheif sees it (libheif would report a damaged `mdat`
 * only when decoding, after the budget is spent), then libheif parses the
 * header for the primary image's size.  That size is the one *after* the
 * `irot`/`imir`/`clap` transforms: libheif applies them while decoding (we
 * never set ignore_transformations), so the orientation we report is 1.
 * EXIF orientation inside a HEIF is ignored on purpose: the HEIF standard
 * says the transform properties rule and EXIF is informative only (Apple
 * writes both, agreeing; a reader applying both would rotate twice).
 *
 * One file can hold several top-level images (bursts, edits beside the
 * original).  A photo in a case is one file with one SHA-256, so we decode
 * the primary image — the one the camera and every viewer show — and report
 * how many others there are (LkImageInfo.other_images) so that import can
 * say so instead of dropping them silently.
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <libheif/heif.h>
#include <string.h>

#include "lk-vision-private.h"

/* libheif's types are plain structs: typedefs so g_autoptr can free them. */
typedef struct heif_context heif_context;
typedef struct heif_image_handle heif_image_handle;
typedef struct heif_image heif_image;

static void
handle_release (heif_image_handle *handle)
{
  heif_image_handle_release (handle);
}

static void
image_release (heif_image *image)
{
  heif_image_release (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (heif_context, heif_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (heif_image_handle, handle_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (heif_image, image_release)

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static gboolean
is_heif_brand (const guint8 *b)
{
  static const char *const brands[] = { "heic", "heix", "heim", "heis", "hevc", "hevx",
                                        "hevm", "hevs", "mif1", "msf1", "avif", "avis", NULL };

  for (guint i = 0; brands[i] != NULL; i++)
    if (memcmp (b, brands[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_avif_brand (const guint8 *b)
{
  return memcmp (b, "avif", 4) == 0 || memcmp (b, "avis", 4) == 0;
}

LkImageFormat
_lk_heif_detect (const guint8 *data, gsize len)
{
  guint32 size;

  if (len < 16 || memcmp (data + 4, "ftyp", 4) != 0)
    return LK_IMAGE_FORMAT_UNKNOWN;
  size = MIN (be32 (data), len);
  /* The major brand, then the compatible ones (an AVIF may say "mif1" first). */
  for (gsize off = 8; off + 4 <= size; off += off == 8 ? 8 : 4)
    if (is_avif_brand (data + off))
      return LK_IMAGE_FORMAT_AVIF;
  for (gsize off = 8; off + 4 <= size; off += off == 8 ? 8 : 4)
    if (is_heif_brand (data + off))
      return LK_IMAGE_FORMAT_HEIF;
  return LK_IMAGE_FORMAT_UNKNOWN;
}

/* Every top-level box must end inside the file, and there must be a `meta`. */
static gboolean
boxes_complete (const guint8 *data, gsize len, gboolean *has_meta)
{
  gsize off = 0;

  *has_meta = FALSE;
  while (off < len)
    {
      guint64 size;

      if (off + 8 > len)
        return FALSE;
      size = be32 (data + off);
      if (size == 1)
        {
          if (off + 16 > len)
            return FALSE;
          size = (guint64) be32 (data + off + 8) << 32 | be32 (data + off + 12);
        }
      else if (size == 0)
        size = len - off; /* the last box runs to the end of the file */
      if (size < 8 || size > len - off)
        return FALSE;
      if (memcmp (data + off + 4, "meta", 4) == 0)
        *has_meta = TRUE;
      off += size;
    }
  return TRUE;
}

static gboolean
fail (GError **error, LkVisionError code, LkImageFormat format, const char *what)
{
  g_set_error (error, LK_VISION_ERROR, code, _("the %s data is damaged: %s"),
               _lk_image_format_name (format), what);
  return FALSE;
}

/* Debian's libheif decodes HEVC with libde265 and AV1 with dav1d or libaom,
 * each optional; a missing one is said plainly, not as "damaged". */
static gboolean
check_decoder (LkImageFormat format, GError **error)
{
  enum heif_compression_format c = format == LK_IMAGE_FORMAT_AVIF ? heif_compression_AV1
                                                                  : heif_compression_HEVC;

  if (heif_have_decoder_for_format (c))
    return TRUE;
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
               _("this libheif (%s) has no %s decoder: install one (Debian: libde265-0 for HEIC, "
                 "libdav1d6 or libaom3 for AVIF) to read this photo"),
               heif_get_version (), format == LK_IMAGE_FORMAT_AVIF ? "AV1" : "HEVC");
  return FALSE;
}

static heif_context *
open_context (const guint8 *data, gsize len, LkImageFormat format, GError **error)
{
  g_autoptr(heif_context) ctx = heif_context_alloc ();
  struct heif_error err = heif_context_read_from_memory_without_copy (ctx, data, len, NULL);

  if (err.code != heif_error_Ok)
    {
      fail (error, LK_VISION_ERROR_CORRUPT, format, err.message);
      return NULL;
    }
  return g_steal_pointer (&ctx);
}

gboolean
_lk_heif_sniff (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  const char *name = _lk_image_format_name (info->format);
  g_autoptr(heif_context) ctx = NULL;
  g_autoptr(heif_image_handle) handle = NULL;
  gboolean has_meta;
  struct heif_error err;
  int bits;

  if (!boxes_complete (data, len, &has_meta))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is truncated or damaged (the file ends too early)"), name);
      return FALSE;
    }
  if (!has_meta)
    return fail (error, LK_VISION_ERROR_CORRUPT, info->format, _("no image description (meta box)"));
  ctx = open_context (data, len, info->format, error);
  if (ctx == NULL)
    return FALSE;
  err = heif_context_get_primary_image_handle (ctx, &handle);
  if (err.code != heif_error_Ok)
    return fail (error, LK_VISION_ERROR_CORRUPT, info->format, err.message);
  info->width = (guint32) MAX (heif_image_handle_get_width (handle), 0);
  info->height = (guint32) MAX (heif_image_handle_get_height (handle), 0);
  info->orientation = 1; /* libheif applies irot/imir itself; see the top */
  info->channels = heif_image_handle_has_alpha_channel (handle) ? 4 : 3;
  bits = heif_image_handle_get_luma_bits_per_pixel (handle);
  info->sample_bytes = bits > 8 ? 2 : 1;
  info->other_images = (guint) MAX (heif_context_get_number_of_top_level_images (ctx) - 1, 0);
  return check_decoder (info->format, error);
}

/* Copies libheif's interleaved rows into `out` (tightly packed, width × 3),
 * alpha shown over white as for PNG. */
static void
copy_rows (const guint8 *src, int stride, int width, int height, gboolean alpha, guint8 *out)
{
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * stride;
      guint8 *d = out + (gsize) y * width * 3;

      if (!alpha)
        {
          memcpy (d, s, (gsize) width * 3);
          continue;
        }
      for (int x = 0; x < width; x++, s += 4, d += 3)
        for (int c = 0; c < 3; c++)
          d[c] = (guint8) ((s[c] * s[3] + 255 * (255 - s[3]) + 127) / 255);
    }
}

guint8 *
_lk_heif_decode_rgb (const guint8 *data, gsize len, const LkImageInfo *info, GError **error)
{
  g_autoptr(heif_context) ctx = open_context (data, len, info->format, error);
  g_autoptr(heif_image_handle) handle = NULL;
  g_autoptr(heif_image) image = NULL;
  gboolean alpha = info->channels == 4;
  struct heif_error err;
  const guint8 *plane;
  guint8 *rgb;
  int stride = 0;

  if (ctx == NULL)
    return NULL;
  err = heif_context_get_primary_image_handle (ctx, &handle);
  if (err.code == heif_error_Ok)
    /* 8-bit interleaved: libheif converts 10/12-bit and YCbCr for us. */
    err = heif_decode_image (handle, &image, heif_colorspace_RGB,
                             alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, NULL);
  if (err.code != heif_error_Ok)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
                   _("the %s data is damaged and cannot be decoded: %s"),
                   _lk_image_format_name (info->format), err.message);
      return NULL;
    }
  plane = heif_image_get_plane_readonly (image, heif_channel_interleaved, &stride);
  if (plane == NULL || (guint32) heif_image_get_width (image, heif_channel_interleaved) != info->width ||
      (guint32) heif_image_get_height (image, heif_channel_interleaved) != info->height)
    {
      fail (error, LK_VISION_ERROR_CORRUPT, info->format,
            _("the decoded picture does not have the size its header gives"));
      return NULL;
    }
  rgb = g_try_malloc ((gsize) info->width * info->height * 3);
  if (rgb == NULL)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("there is not enough memory to decode the image"));
      return NULL;
    }
  copy_rows (plane, stride, (int) info->width, (int) info->height, alpha, rgb);
  return rgb;
}
