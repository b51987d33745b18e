/* lk-vision-test-util.c — image writers and fixtures for the vision tests.
 * The files are made here, by other encoders than OpenCV where possible, so
 * that the loader is tested against independent data. */
#define G_LOG_DOMAIN "lk-vision-test"

#include "lk-vision-test-util.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <webp/encode.h>
#include <zlib.h>

static void
put_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

static void
put_le16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { v, v >> 8 };
  g_byte_array_append (a, b, 2);
}

static void
put_le32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  g_byte_array_append (a, b, 4);
}

static void
png_chunk (GByteArray *a, const char *type, const guint8 *data, guint32 len)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  put_be32 (a, len);
  g_byte_array_append (a, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (a, data, len);
  if (len > 0)
    crc = crc32 (crc, data, len);
  put_be32 (a, (guint32) crc);
}

static void
png_ihdr (GByteArray *a, guint32 width, guint32 height, int depth, int color_type)
{
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height,
                      depth, color_type, 0, 0, 0 };

  g_byte_array_append (a, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  png_chunk (a, "IHDR", ihdr, 13);
}

GBytes *
lkt_png (const guint8 *pixels, int width, int height, int channels, int depth)
{
  GByteArray *a = g_byte_array_new ();
  gsize row = (gsize) width * channels * depth / 8;
  g_autofree guint8 *raw = g_malloc ((row + 1) * height);
  uLongf zlen = compressBound ((row + 1) * height);
  g_autofree guint8 *z = g_malloc (zlen);
  int color_type = channels == 1 ? 0 : channels == 3 ? 2 : 6;

  for (int y = 0; y < height; y++)
    {
      raw[y * (row + 1)] = 0; /* filter: none */
      memcpy (raw + y * (row + 1) + 1, pixels + y * row, row);
    }
  g_assert_cmpint (compress2 (z, &zlen, raw, (row + 1) * height, 6), ==, Z_OK);
  png_ihdr (a, width, height, depth, color_type);
  png_chunk (a, "IDAT", z, zlen);
  png_chunk (a, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (a);
}

/* Deflated row by row, so that a picture of hundreds of megabytes is never
 * held in memory by the test itself. */
GBytes *
lkt_png_flat (guint32 width, guint32 height, int channels, int depth, const guint8 *pixel)
{
  GByteArray *a = g_byte_array_new ();
  gsize px = (gsize) channels * depth / 8, row = (gsize) width * px;
  g_autofree guint8 *raw = g_malloc0 (row + 1);
  g_autoptr(GByteArray) z = g_byte_array_new ();
  guint8 out[65536];
  z_stream zs = { 0 };

  for (gsize x = 0; x < width; x++)
    memcpy (raw + 1 + x * px, pixel, px);
  g_assert_cmpint (deflateInit (&zs, 9), ==, Z_OK);
  for (guint32 y = 0; y <= height; y++)
    {
      zs.next_in = raw;
      zs.avail_in = y < height ? (uInt) (row + 1) : 0;
      do
        {
          zs.next_out = out;
          zs.avail_out = sizeof out;
          deflate (&zs, y < height ? Z_NO_FLUSH : Z_FINISH);
          g_byte_array_append (z, out, sizeof out - zs.avail_out);
        }
      while (zs.avail_out == 0);
    }
  deflateEnd (&zs);
  png_ihdr (a, width, height, depth, channels == 1 ? 0 : channels == 3 ? 2 : 6);
  png_chunk (a, "IDAT", z->data, z->len);
  png_chunk (a, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (a);
}

GBytes *
lkt_png_header_only (guint32 width, guint32 height)
{
  GByteArray *a = g_byte_array_new ();
  guint8 row[4] = { 0 };
  uLongf zlen = 64;
  guint8 z[64];

  g_assert_cmpint (compress2 (z, &zlen, row, sizeof row, 6), ==, Z_OK);
  png_ihdr (a, width, height, 8, 2);
  png_chunk (a, "IDAT", z, zlen);
  png_chunk (a, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
jpeg_encode (const guint8 *samples, int width, int height, int components, J_COLOR_SPACE space, int quality)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long len = 0;
  GBytes *bytes;

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &len);
  c.image_width = width;
  c.image_height = height;
  c.input_components = components;
  c.in_color_space = space;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, quality, TRUE);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rowp = (JSAMPROW) (samples + (gsize) c.next_scanline * width * components);
      jpeg_write_scanlines (&c, &rowp, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  bytes = g_bytes_new (out, len);
  free (out);
  return bytes;
}

GBytes *
lkt_jpeg_rgb (const guint8 *rgb, int width, int height, int quality)
{
  return jpeg_encode (rgb, width, height, 3, JCS_RGB, quality);
}

GBytes *
lkt_jpeg_cmyk (const guint8 *rgb, int width, int height)
{
  g_autofree guint8 *cmyk = g_malloc ((gsize) width * height * 4);

  /* Adobe-style inverted CMYK (what Photoshop writes and libjpeg marks with
   * an Adobe segment): stored C = 255 - cyan ink = red, and no black ink. */
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      cmyk[i * 4 + 0] = rgb[i * 3 + 0];
      cmyk[i * 4 + 1] = rgb[i * 3 + 1];
      cmyk[i * 4 + 2] = rgb[i * 3 + 2];
      cmyk[i * 4 + 3] = 255;
    }
  return jpeg_encode (cmyk, width, height, 4, JCS_CMYK, 92);
}

GBytes *
lkt_jpeg_with_orientation (GBytes *jpeg, int orientation)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *a = g_byte_array_new ();
  /* APP1: "Exif\0\0", a big-endian TIFF header and IFD0 with one entry:
   * tag 0x0112 (Orientation), type SHORT, count 1, the value. */
  const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 34,
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, 42, 0, 0, 0, 8,
    0, 1,
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (guint8) orientation, 0, 0,
    0, 0, 0, 0,
  };

  g_assert_true (len > 2 && data[0] == 0xFF && data[1] == 0xD8);
  g_byte_array_append (a, data, 2);
  g_byte_array_append (a, app1, sizeof app1);
  g_byte_array_append (a, data + 2, len - 2);
  return g_byte_array_free_to_bytes (a);
}

GBytes *
lkt_webp_rgb (const guint8 *rgb, int width, int height)
{
  uint8_t *out = NULL;
  size_t len = WebPEncodeRGB (rgb, width, height, width * 3, 90, &out);
  GBytes *bytes;

  g_assert_cmpuint (len, >, 0);
  bytes = g_bytes_new (out, len);
  WebPFree (out);
  return bytes;
}

GBytes *
lkt_bmp_rgb (const guint8 *rgb, int width, int height)
{
  GByteArray *a = g_byte_array_new ();
  guint32 row = (guint32) ((width * 3 + 3) & ~3);
  guint8 pad[3] = { 0 };

  g_byte_array_append (a, (const guint8 *) "BM", 2);
  put_le32 (a, 54 + row * height);
  put_le32 (a, 0);
  put_le32 (a, 54);
  put_le32 (a, 40);
  put_le32 (a, width);
  put_le32 (a, height);
  put_le16 (a, 1);
  put_le16 (a, 24);
  for (int i = 0; i < 6; i++)
    put_le32 (a, 0);
  for (int y = height - 1; y >= 0; y--)
    {
      for (int x = 0; x < width; x++)
        {
          const guint8 *p = rgb + ((gsize) y * width + x) * 3;
          guint8 bgr[3] = { p[2], p[1], p[0] };
          g_byte_array_append (a, bgr, 3);
        }
      g_byte_array_append (a, pad, row - width * 3);
    }
  return g_byte_array_free_to_bytes (a);
}

static void
tiff_entry (GByteArray *a, guint16 tag, guint16 type, guint32 count, guint32 value)
{
  put_le16 (a, tag);
  put_le16 (a, type);
  put_le32 (a, count);
  if (type == 3 && count == 1)
    {
      put_le16 (a, (guint16) value);
      put_le16 (a, 0);
    }
  else
    put_le32 (a, value);
}

GBytes *
lkt_tiff_rgb (const guint8 *rgb, int width, int height)
{
  GByteArray *a = g_byte_array_new ();
  guint32 data_len = (guint32) width * height * 3;
  guint32 ifd = 8 + data_len, bps = ifd + 2 + 9 * 12 + 4;

  g_byte_array_append (a, (const guint8 *) "II*\0", 4);
  put_le32 (a, ifd);
  g_byte_array_append (a, rgb, data_len);
  put_le16 (a, 9);
  tiff_entry (a, 256, 4, 1, width);
  tiff_entry (a, 257, 4, 1, height);
  tiff_entry (a, 258, 3, 3, bps);
  tiff_entry (a, 259, 3, 1, 1);
  tiff_entry (a, 262, 3, 1, 2);
  tiff_entry (a, 273, 4, 1, 8);
  tiff_entry (a, 277, 3, 1, 3);
  tiff_entry (a, 278, 4, 1, height);
  tiff_entry (a, 279, 4, 1, data_len);
  put_le32 (a, 0);
  for (int i = 0; i < 3; i++)
    put_le16 (a, 8);
  return g_byte_array_free_to_bytes (a);
}

static char *tmpdir;
static GPtrArray *tmpfiles;

char *
lkt_write_temp (const char *name, const void *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  char *path;

  if (tmpdir == NULL)
    {
      tmpdir = g_dir_make_tmp ("lk-vision-test-XXXXXX", &error);
      g_assert_no_error (error);
      tmpfiles = g_ptr_array_new_with_free_func (g_free);
    }
  path = g_build_filename (tmpdir, name, NULL);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  g_ptr_array_add (tmpfiles, g_strdup (path));
  return path;
}

void
lkt_cleanup (void)
{
  if (tmpdir == NULL)
    return;
  for (guint i = 0; i < tmpfiles->len; i++)
    g_remove (g_ptr_array_index (tmpfiles, i));
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&tmpfiles, g_ptr_array_unref);
}

char *
lkt_sample_path (int n)
{
  const char *dir = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autofree char *name = g_strdup_printf ("sample%d.jpg", n);
  char *path;

  if (dir == NULL)
    {
      g_test_skip ("LIKENESS_MODEL_PACKAGE_DIR is not set");
      return NULL;
    }
  path = g_build_filename (dir, "demo", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip_printf ("%s is missing", path);
      g_free (path);
      return NULL;
    }
  return path;
}

LkImage *
lkt_load_sample (int n)
{
  g_autofree char *path = lkt_sample_path (n);
  g_autoptr(GError) error = NULL;
  LkImage *image;

  if (path == NULL)
    return NULL;
  image = lk_image_load (path, 0, &error);
  g_assert_no_error (error);
  return image;
}

LkFaceEngine *
lkt_engine (void)
{
  static LkFaceEngine *engine;
  g_autoptr(GError) error = NULL;

  if (engine == NULL)
    {
      engine = lk_face_engine_get_default (&error);
      g_assert_no_error (error);
    }
  return engine;
}

guint8 *
lkt_rotate_ccw (const guint8 *rgb, int width, int height)
{
  guint8 *out = g_malloc ((gsize) width * height * 3);

  /* Upright (x, y) goes to stored (y, width - 1 - x); the stored image is height × width. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (out + ((gsize) (width - 1 - x) * height + y) * 3, rgb + ((gsize) y * width + x) * 3, 3);
  return out;
}

guint8 *
lkt_mirror (const guint8 *rgb, int width, int height)
{
  guint8 *out = g_malloc ((gsize) width * height * 3);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (out + ((gsize) y * width + (width - 1 - x)) * 3, rgb + ((gsize) y * width + x) * 3, 3);
  return out;
}

guint8 *
lkt_scale_half (const guint8 *rgb, int width, int height)
{
  int w = width / 2, h = height / 2;
  guint8 *out = g_malloc ((gsize) w * h * 3);

  /* A 2 × 2 box filter: a different resampler from the engine's own. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        {
          const guint8 *p = rgb + ((gsize) 2 * y * width + 2 * x) * 3 + c;
          out[((gsize) y * w + x) * 3 + c] = (guint8) ((p[0] + p[3] + p[width * 3] + p[width * 3 + 3] + 2) / 4);
        }
  return out;
}
