/* lk-image-sniff.c — format, size and orientation from an image's header.
 *
 * The pixel limit must be checked before a decoder allocates anything (a
 * 50000 × 50000 "bomb" is a few hundred bytes of PNG), and OpenCV's decoders
 * happily return half-grey pictures for truncated JPEGs; so every format we
 * accept is walked here first, bounds-checked byte by byte, and must be
 * complete (JPEG EOI after the scan, PNG IEND, the BMP pixel array, TIFF strips).
 * Only formats that pass this walk are handed to OpenCV (HEIF and AVIF go
 * to libheif instead: lk-image-heif.c).
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-vision-private.h"

static guint16
be16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[1] << 8 | p[0]);
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static gboolean
fail_truncated (GError **error, const char *format_name)
{
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
               _("the %s data is truncated or damaged (the file ends too early)"), format_name);
  return FALSE;
}

static gboolean
fail_corrupt (GError **error, const char *format_name, const char *what)
{
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT,
               _("the %s data is damaged: %s"), format_name, what);
  return FALSE;
}

const char *
_lk_image_format_name (LkImageFormat format)
{
  switch (format)
    {
    case LK_IMAGE_FORMAT_JPEG: return "JPEG";
    case LK_IMAGE_FORMAT_PNG: return "PNG";
    case LK_IMAGE_FORMAT_WEBP: return "WebP";
    case LK_IMAGE_FORMAT_TIFF: return "TIFF";
    case LK_IMAGE_FORMAT_BMP: return "BMP";
    case LK_IMAGE_FORMAT_HEIF: return "HEIF";
    case LK_IMAGE_FORMAT_AVIF: return "AVIF";
    case LK_IMAGE_FORMAT_UNKNOWN:
    default: return "unknown";
    }
}

/* TIFF structure, shared by TIFF files and EXIF blocks. */
typedef struct {
  const guint8 *data;
  gsize         len;
  gboolean      big_endian;
} Tiff;

static guint16
tiff16 (const Tiff *t, gsize off)
{
  return t->big_endian ? be16 (t->data + off) : le16 (t->data + off);
}

static guint32
tiff32 (const Tiff *t, gsize off)
{
  return t->big_endian ? be32 (t->data + off) : le32 (t->data + off);
}

static gboolean
tiff_open (Tiff *t, const guint8 *data, gsize len, guint32 *ifd0)
{
  if (len < 8)
    return FALSE;
  if (memcmp (data, "II*\0", 4) == 0)
    t->big_endian = FALSE;
  else if (memcmp (data, "MM\0*", 4) == 0)
    t->big_endian = TRUE;
  else
    return FALSE;
  t->data = data;
  t->len = len;
  *ifd0 = tiff32 (t, 4);
  return *ifd0 >= 8 && (guint64) *ifd0 + 2 <= len;
}

/* The i-th value of a SHORT or LONG entry at `entry`; FALSE when out of bounds. */
static gboolean
tiff_entry_value (const Tiff *t, gsize entry, guint32 i, guint32 *value)
{
  guint16 type = tiff16 (t, entry + 2);
  guint32 count = tiff32 (t, entry + 4);
  guint size = type == 3 ? 2 : type == 4 ? 4 : 0;
  guint64 off;

  if (size == 0 || i >= count)
    return FALSE;
  off = (guint64) count * size <= 4 ? entry + 8 : tiff32 (t, entry + 8);
  off += (guint64) i * size;
  if (off + size > t->len)
    return FALSE;
  *value = size == 2 ? tiff16 (t, off) : tiff32 (t, off);
  return TRUE;
}

/* Finds `tag` in the IFD at `ifd`; returns the entry's offset or 0. */
static gsize
tiff_find (const Tiff *t, guint32 ifd, guint16 tag)
{
  guint16 n = tiff16 (t, ifd);

  for (guint i = 0; i < n; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;

      if (entry + 12 > t->len)
        return 0;
      if (tiff16 (t, entry) == tag)
        return entry;
    }
  return 0;
}

int
_lk_exif_orientation (const guint8 *tiff, gsize len)
{
  Tiff t;
  guint32 ifd0, value = 1;
  gsize entry;

  if (!tiff_open (&t, tiff, len, &ifd0))
    return 1;
  entry = tiff_find (&t, ifd0, 274);
  if (entry == 0 || !tiff_entry_value (&t, entry, 0, &value) || value < 1 || value > 8)
    return 1;
  return (int) value;
}

/* Every strip (or tile) must lie inside the file, or libtiff decodes garbage. */
static gboolean
tiff_check_strips (const Tiff *t, guint32 ifd, guint16 offsets_tag, guint16 counts_tag)
{
  gsize offsets = tiff_find (t, ifd, offsets_tag);
  gsize counts = tiff_find (t, ifd, counts_tag);
  guint32 n, off, count;

  if (offsets == 0 || counts == 0)
    return offsets == 0 && counts == 0;
  n = tiff32 (t, offsets + 4);
  for (guint32 i = 0; i < n; i++)
    {
      if (!tiff_entry_value (t, offsets, i, &off) || !tiff_entry_value (t, counts, i, &count))
        return FALSE;
      if ((guint64) off + count > t->len)
        return FALSE;
    }
  return TRUE;
}

/* SamplesPerPixel (277) and BitsPerSample (258), with TIFF's defaults of 1. */
static void
tiff_sample_layout (const Tiff *t, guint32 ifd, LkImageInfo *info)
{
  gsize spp = tiff_find (t, ifd, 277), bps = tiff_find (t, ifd, 258);
  guint32 samples = 1, bits = 1;

  if (spp != 0)
    tiff_entry_value (t, spp, 0, &samples);
  if (bps != 0)
    tiff_entry_value (t, bps, 0, &bits);
  info->channels = samples >= 4 ? 4 : samples >= 3 ? 3 : 1;
  info->sample_bytes = bits > 16 ? 4 : bits > 8 ? 2 : 1;
}

static gboolean
sniff_tiff (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  Tiff t;
  guint32 ifd0, w = 0, h = 0;
  gsize ew, eh;

  if (!tiff_open (&t, data, len, &ifd0))
    return fail_truncated (error, "TIFF");
  ew = tiff_find (&t, ifd0, 256);
  eh = tiff_find (&t, ifd0, 257);
  if (ew == 0 || eh == 0 || !tiff_entry_value (&t, ew, 0, &w) || !tiff_entry_value (&t, eh, 0, &h))
    return fail_corrupt (error, "TIFF", _("no image size in the header"));
  if (!tiff_check_strips (&t, ifd0, 273, 279) || !tiff_check_strips (&t, ifd0, 324, 325))
    return fail_truncated (error, "TIFF");
  info->width = w;
  info->height = h;
  info->orientation = _lk_exif_orientation (data, len);
  tiff_sample_layout (&t, ifd0, info);
  return TRUE;
}

static gboolean
jpeg_is_sof (guint8 m)
{
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* After the first scan, an EOI marker must follow; in entropy-coded data 0xFF
 * is always stuffed (FF 00) so FF D9 cannot appear by accident. */
static gboolean
jpeg_has_eoi (const guint8 *data, gsize len, gsize from)
{
  for (gsize i = from; i + 1 < len; i++)
    if (data[i] == 0xFF && data[i + 1] == 0xD9)
      return TRUE;
  return FALSE;
}

static gboolean
sniff_jpeg (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  gsize off = 2;
  gboolean have_sof = FALSE;

  while (TRUE)
    {
      guint8 m;
      guint16 seg;

      while (off < len && data[off] == 0xFF && off + 1 < len && data[off + 1] == 0xFF)
        off++;
      if (off + 2 > len)
        return fail_truncated (error, "JPEG");
      if (data[off] != 0xFF)
        return fail_corrupt (error, "JPEG", _("a marker is missing between segments"));
      m = data[off + 1];
      if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
        {
          off += 2;
          continue;
        }
      if (m == 0xD9)
        return fail_corrupt (error, "JPEG", _("the image ends before any picture data"));
      if (off + 4 > len)
        return fail_truncated (error, "JPEG");
      seg = be16 (data + off + 2);
      if (seg < 2 || off + 2 + seg > len)
        return fail_truncated (error, "JPEG");
      if (m == 0xE1 && seg >= 8 && memcmp (data + off + 4, "Exif\0\0", 6) == 0 && info->orientation == 1)
        info->orientation = _lk_exif_orientation (data + off + 10, seg - 8);
      if (jpeg_is_sof (m))
        {
          if (seg < 7)
            return fail_corrupt (error, "JPEG", _("the frame header is too short"));
          info->height = be16 (data + off + 5);
          info->width = be16 (data + off + 7);
          /* CMYK (4 components) is converted to 3 channels by the decoder. */
          info->channels = seg >= 8 && data[off + 9] == 1 ? 1 : 3;
          info->sample_bytes = data[off + 4] > 8 ? 2 : 1;
          have_sof = TRUE;
        }
      if (m == 0xDA)
        {
          if (!have_sof)
            return fail_corrupt (error, "JPEG", _("picture data comes before the frame header"));
          if (!jpeg_has_eoi (data, len, off + 2 + seg))
            return fail_truncated (error, "JPEG");
          return TRUE;
        }
      off += 2 + seg;
    }
}

static gboolean
sniff_png (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  gsize off = 8;

  if (len < 33 || be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    return fail_corrupt (error, "PNG", _("the header chunk is missing"));
  info->width = be32 (data + 16);
  info->height = be32 (data + 20);
  info->sample_bytes = data[24] == 16 ? 2 : 1;
  /* Gray 0, RGB 2; palette (3), gray+alpha (4) and RGBA (6) decode to 4 channels. */
  info->channels = data[25] == 0 ? 1 : data[25] == 2 ? 3 : 4;
  /* Walk every chunk to IEND: a file cut short anywhere is refused here. */
  while (off + 12 <= len)
    {
      guint32 clen = be32 (data + off);
      const guint8 *type = data + off + 4;

      if (clen > G_MAXINT32 || off + 12 + (guint64) clen > len)
        return fail_truncated (error, "PNG");
      if (memcmp (type, "eXIf", 4) == 0)
        info->orientation = _lk_exif_orientation (data + off + 8, clen);
      if (memcmp (type, "tRNS", 4) == 0)
        info->channels = 4; /* transparency becomes an alpha channel */
      if (memcmp (type, "IEND", 4) == 0)
        return TRUE;
      off += 12 + (gsize) clen;
    }
  return fail_truncated (error, "PNG");
}

static gboolean
sniff_webp_chunk (const guint8 *type, const guint8 *c, guint32 clen, LkImageInfo *info)
{
  if (memcmp (type, "VP8X", 4) == 0 && clen >= 10)
    {
      info->width = (guint32) (c[4] | c[5] << 8 | c[6] << 16) + 1;
      info->height = (guint32) (c[7] | c[8] << 8 | c[9] << 16) + 1;
      info->channels = c[0] & 0x10 ? 4 : 3;
    }
  else if (memcmp (type, "VP8 ", 4) == 0 && clen >= 10 && info->width == 0)
    {
      if (c[3] != 0x9d || c[4] != 0x01 || c[5] != 0x2a)
        return FALSE;
      info->width = le16 (c + 6) & 0x3fff;
      info->height = le16 (c + 8) & 0x3fff;
    }
  else if (memcmp (type, "VP8L", 4) == 0 && clen >= 5 && info->width == 0)
    {
      guint32 bits = le32 (c + 1);

      if (c[0] != 0x2f)
        return FALSE;
      info->width = (bits & 0x3fff) + 1;
      info->height = ((bits >> 14) & 0x3fff) + 1;
      info->channels = (bits >> 28) & 1 ? 4 : 3;
    }
  else if (memcmp (type, "EXIF", 4) == 0)
    {
      /* Some writers keep JPEG's "Exif\0\0" prefix in the chunk. */
      if (clen >= 6 && memcmp (c, "Exif\0\0", 6) == 0)
        info->orientation = _lk_exif_orientation (c + 6, clen - 6);
      else
        info->orientation = _lk_exif_orientation (c, clen);
    }
  return TRUE;
}

static gboolean
sniff_webp (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  guint64 riff_end = 8 + (guint64) le32 (data + 4);
  gsize off = 12;

  if (riff_end > len)
    return fail_truncated (error, "WebP");
  while (off + 8 <= riff_end)
    {
      guint32 clen = le32 (data + off + 4);

      if (off + 8 + (guint64) clen > riff_end)
        return fail_truncated (error, "WebP");
      if (!sniff_webp_chunk (data + off, data + off + 8, clen, info))
        return fail_corrupt (error, "WebP", _("the bitstream header is not valid"));
      off += 8 + (gsize) clen + (clen & 1);
    }
  if (info->width == 0 || info->height == 0)
    return fail_corrupt (error, "WebP", _("no image size in the header"));
  return TRUE;
}

static gboolean
sniff_bmp (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  guint32 bits_offset, dib, compression = 0;
  gint64 w, h;
  guint bpp;

  if (len < 26)
    return fail_truncated (error, "BMP");
  bits_offset = le32 (data + 10);
  dib = le32 (data + 14);
  if (dib == 12)
    {
      w = le16 (data + 18);
      h = le16 (data + 20);
      bpp = le16 (data + 24);
    }
  else
    {
      if (dib < 40 || len < 34)
        return fail_corrupt (error, "BMP", _("the header is not valid"));
      w = (gint32) le32 (data + 18);
      h = (gint32) le32 (data + 22);
      bpp = le16 (data + 28);
      compression = le32 (data + 30);
    }
  h = ABS (h); /* negative heights are top-down bitmaps */
  if (w <= 0 || h == 0 || bpp == 0 || bpp > 32)
    return fail_corrupt (error, "BMP", _("the header is not valid"));
  /* Uncompressed rows are padded to 4 bytes; the whole array must be there. */
  if ((compression == 0 || compression == 3) &&
      bits_offset + (guint64) ((bpp * w + 31) / 32 * 4) * h > len)
    return fail_truncated (error, "BMP");
  info->width = (guint32) w;
  info->height = (guint32) h;
  info->channels = bpp == 32 ? 4 : 3;
  return TRUE;
}

static LkImageFormat
detect_format (const guint8 *data, gsize len)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return LK_IMAGE_FORMAT_JPEG;
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return LK_IMAGE_FORMAT_PNG;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return LK_IMAGE_FORMAT_WEBP;
  if (len >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return LK_IMAGE_FORMAT_TIFF;
  if (len >= 2 && data[0] == 'B' && data[1] == 'M')
    return LK_IMAGE_FORMAT_BMP;
  return _lk_heif_detect (data, len);
}

gboolean
_lk_image_sniff (const guint8 *data, gsize len, LkImageInfo *info, GError **error)
{
  gboolean ok = FALSE;

  memset (info, 0, sizeof *info);
  info->orientation = 1;
  info->channels = 3;
  info->sample_bytes = 1;
  if (len == 0)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_EMPTY, _("the file is empty"));
      return FALSE;
    }
  info->format = detect_format (data, len);
  switch (info->format)
    {
    case LK_IMAGE_FORMAT_JPEG: ok = sniff_jpeg (data, len, info, error); break;
    case LK_IMAGE_FORMAT_PNG: ok = sniff_png (data, len, info, error); break;
    case LK_IMAGE_FORMAT_WEBP: ok = sniff_webp (data, len, info, error); break;
    case LK_IMAGE_FORMAT_TIFF: ok = sniff_tiff (data, len, info, error); break;
    case LK_IMAGE_FORMAT_BMP: ok = sniff_bmp (data, len, info, error); break;
    case LK_IMAGE_FORMAT_HEIF:
    case LK_IMAGE_FORMAT_AVIF: ok = _lk_heif_sniff (data, len, info, error); break;
    case LK_IMAGE_FORMAT_UNKNOWN:
    default:
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE,
                   _("not an image Likeness can read (JPEG, PNG, WebP, TIFF, BMP, HEIC/HEIF or AVIF)"));
      return FALSE;
    }
  if (ok && (info->width == 0 || info->height == 0))
    return fail_corrupt (error, _lk_image_format_name (info->format), _("the image has no pixels"));
  return ok;
}
