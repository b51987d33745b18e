/* test-image.c — loading: every bad input gets its own clear error, every
 * format Likeness claims to read comes out as the same 8-bit RGB. */
#define G_LOG_DOMAIN "lk-vision-test"

#include <glib/gstdio.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lk-vision-test-util.h"

/* A 64 × 48 test card: left half red, right half blue, a white top row. */
static guint8 *
test_card (int width, int height)
{
  guint8 *rgb = g_malloc ((gsize) width * height * 3);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = rgb + ((gsize) y * width + x) * 3;
        p[0] = y == 0 ? 255 : x < width / 2 ? 220 : 20;
        p[1] = y == 0 ? 255 : 30;
        p[2] = y == 0 ? 255 : x < width / 2 ? 20 : 220;
      }
  return rgb;
}

static void
assert_load_fails (const char *path, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);

  g_assert_null (image);
  g_assert_error (error, LK_VISION_ERROR, code);
  g_test_message ("%s", error->message);
  /* The message names the file so a user knows which one. */
  if (code != LK_VISION_ERROR_NOT_FOUND)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_assert_nonnull (strstr (error->message, base));
    }
}

static void
assert_bytes_fail (const char *name, GBytes *bytes, int code)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);
  g_autofree char *path = lkt_write_temp (name, data, len);

  assert_load_fails (path, code);
}

static LkImage *
load_bytes_as (const char *name, GBytes *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);
  g_autofree char *path = lkt_write_temp (name, data, len);
  g_autoptr(GError) error = NULL;
  LkImage *image = lk_image_load (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

/* Left half red-ish, right half blue-ish, as the test card. */
static void
assert_card_colours (const LkImage *image)
{
  int w = lk_image_get_width (image), h = lk_image_get_height (image);
  const guint8 *left = lk_image_get_rgb (image) + ((gsize) (h / 2) * w + w / 4) * 3;
  const guint8 *right = lk_image_get_rgb (image) + ((gsize) (h / 2) * w + 3 * w / 4) * 3;

  g_assert_cmpint (left[0], >, 150);
  g_assert_cmpint (left[2], <, 80);
  g_assert_cmpint (right[0], <, 80);
  g_assert_cmpint (right[2], >, 150);
}

static void
test_empty_file (void)
{
  g_autofree char *path = lkt_write_temp ("empty.jpg", "", 0);
  assert_load_fails (path, LK_VISION_ERROR_EMPTY);
}

static void
test_truncated_jpeg (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) jpeg = lkt_jpeg_rgb (card, 64, 48, 90);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) * 2 / 3);

  assert_bytes_fail ("truncated.jpg", cut, LK_VISION_ERROR_CORRUPT);
}

static void
test_jpeg_without_eoi (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) jpeg = lkt_jpeg_rgb (card, 64, 48, 90);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 2);

  assert_bytes_fail ("no-eoi.jpg", cut, LK_VISION_ERROR_CORRUPT);
}

static void
test_truncated_png (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) png = lkt_png (card, 64, 48, 3, 8);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);

  assert_bytes_fail ("truncated.png", cut, LK_VISION_ERROR_CORRUPT);
}

static void
test_random_bytes (void)
{
  guint8 data[4096];
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = NULL;

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  path = lkt_write_temp ("random.jpg", data, sizeof data);
  assert_load_fails (path, LK_VISION_ERROR_NOT_AN_IMAGE);
}

static void
test_text_file (void)
{
  const char *text = "Name,Date\nJane Doe,2022-04-01\n";
  g_autofree char *path = lkt_write_temp ("notes.png", text, strlen (text));

  assert_load_fails (path, LK_VISION_ERROR_NOT_AN_IMAGE);
}

/* A random tail after a valid JPEG start must not crash the decoder either. */
static void
test_corrupt_jpeg_data (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) jpeg = lkt_jpeg_rgb (card, 64, 48, 90);
  gsize len;
  g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (jpeg, &len), g_bytes_get_size (jpeg));

  /* Destroy the quantisation and Huffman tables but keep the structure. */
  for (gsize i = 20; i < len / 2; i++)
    if (bad[i] != 0xFF && bad[i - 1] != 0xFF)
      bad[i] = (guint8) (i * 37);
  {
    g_autofree char *path = lkt_write_temp ("corrupt.jpg", bad, len);
    g_autoptr(GError) error = NULL;
    g_autoptr(LkImage) image = lk_image_load (path, 0, &error);

    /* Either refused clearly or decoded to the right size: never a crash. */
    if (image == NULL)
      g_assert_true (error->domain == LK_VISION_ERROR);
    else
      g_assert_cmpint (lk_image_get_width (image), ==, 64);
  }
}

static void
test_pixel_bomb (void)
{
  g_autoptr(GBytes) bomb = lkt_png_header_only (50000, 50000);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 200);
  assert_bytes_fail ("bomb.png", bomb, LK_VISION_ERROR_TOO_LARGE);
  /* The limit is a setting: a small image over a small limit is refused too. */
  {
    g_autofree guint8 *card = test_card (64, 48);
    g_autoptr(GBytes) png = lkt_png (card, 64, 48, 3, 8);

    image = lk_image_load_bytes (png, 1000, &error);
    g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE);
    g_assert_null (image);
    g_clear_error (&error);
    image = lk_image_load_bytes (png, 64 * 48, &error);
    g_assert_no_error (error);
    g_assert_nonnull (image);
  }
}

static void
test_missing_file (void)
{
  assert_load_fails ("/nonexistent/likeness/photo.jpg", LK_VISION_ERROR_NOT_FOUND);
}

static void
test_directory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lk-vision-dir-XXXXXX", NULL);

  assert_load_fails (dir, LK_VISION_ERROR_NOT_AN_IMAGE);
  g_rmdir (dir);
}

static void
test_webp_named_jpg (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) webp = lkt_webp_rgb (card, 64, 48);
  g_autoptr(LkImage) image = load_bytes_as ("really-webp.jpg", webp);
  const char *shared = g_getenv ("LIKENESS_SHARED_DIR");
  g_autofree char *img47 = shared ? g_build_filename (shared, "facedata/deepface/tests/unit/dataset/img47.jpg", NULL) : NULL;

  g_assert_cmpint (lk_image_get_width (image), ==, 64);
  g_assert_cmpint (lk_image_get_height (image), ==, 48);
  assert_card_colours (image);
  /* A real one from the evaluation photos, when they are there. */
  if (img47 != NULL && g_file_test (img47, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkImage) real = lk_image_load (img47, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (lk_image_get_width (real), >, 100);
    }
}

static void
test_png_16bit (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autofree guint8 *wide = g_malloc (64 * 48 * 3 * 2);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkImage) image = NULL;

  for (gsize i = 0; i < 64 * 48 * 3; i++)
    {
      guint16 v = card[i] * 257;
      wide[2 * i] = v >> 8;
      wide[2 * i + 1] = v & 0xFF;
    }
  png = lkt_png (wide, 64, 48, 3, 16);
  image = load_bytes_as ("deep.png", png);
  g_assert_cmpint (lk_image_get_width (image), ==, 64);
  assert_card_colours (image);
  g_assert_cmpint (lk_image_get_rgb (image)[((gsize) 24 * 64 + 10) * 3], ==, 220);
}

static void
test_png_rgba (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autofree guint8 *rgba = g_malloc (64 * 48 * 4);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkImage) image = NULL;

  for (gsize i = 0; i < 64 * 48; i++)
    {
      memcpy (rgba + i * 4, card + i * 3, 3);
      rgba[i * 4 + 3] = (i % 64) < 60 ? 255 : 0; /* the last 4 columns transparent */
    }
  png = lkt_png (rgba, 64, 48, 4, 8);
  image = load_bytes_as ("alpha.png", png);
  assert_card_colours (image);
  /* Transparent pixels come out white, as a viewer shows them. */
  g_assert_cmpint (lk_image_get_rgb (image)[((gsize) 24 * 64 + 62) * 3 + 1], ==, 255);
}

static void
test_grayscale (void)
{
  guint8 gray[64 * 48];
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkImage) image = NULL;

  for (gsize i = 0; i < sizeof gray; i++)
    gray[i] = (guint8) (i % 64 * 4);
  png = lkt_png (gray, 64, 48, 1, 8);
  image = load_bytes_as ("gray.png", png);
  g_assert_cmpint (lk_image_get_width (image), ==, 64);
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (lk_image_get_rgb (image)[10 * 3 + c], ==, 40);
}

static void
test_cmyk_jpeg (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) jpeg = lkt_jpeg_cmyk (card, 64, 48);
  g_autoptr(LkImage) image = load_bytes_as ("cmyk.jpg", jpeg);

  g_assert_cmpint (lk_image_get_width (image), ==, 64);
  g_assert_cmpint (lk_image_get_height (image), ==, 48);
  assert_card_colours (image);
}

static void
test_bmp_and_tiff (void)
{
  g_autofree guint8 *card = test_card (63, 47); /* odd width: BMP row padding */
  g_autoptr(GBytes) bmp = lkt_bmp_rgb (card, 63, 47);
  g_autoptr(GBytes) tiff = lkt_tiff_rgb (card, 63, 47);
  g_autoptr(LkImage) a = load_bytes_as ("card.bmp", bmp);
  g_autoptr(LkImage) b = load_bytes_as ("card.tif", tiff);
  g_autoptr(GBytes) bmp_cut = g_bytes_new_from_bytes (bmp, 0, g_bytes_get_size (bmp) - 100);
  g_autoptr(GBytes) tiff_cut = g_bytes_new_from_bytes (tiff, 0, 3000);

  g_assert_cmpmem (lk_image_get_rgb (a), 63 * 47 * 3, card, 63 * 47 * 3);
  g_assert_cmpmem (lk_image_get_rgb (b), 63 * 47 * 3, card, 63 * 47 * 3);
  assert_bytes_fail ("cut.bmp", bmp_cut, LK_VISION_ERROR_CORRUPT);
  assert_bytes_fail ("cut.tif", tiff_cut, LK_VISION_ERROR_CORRUPT);
}

/* A photo stored on its side with EXIF Orientation 6 ("rotate 90° clockwise
 * to show") must come out upright: width and height swapped, faces found. */
static void
test_exif_rotated_jpeg (void)
{
  g_autoptr(LkImage) upright = lkt_load_sample (3);
  g_autofree guint8 *side = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) tagged = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GError) error = NULL;
  int w, h;

  if (upright == NULL)
    return;
  w = lk_image_get_width (upright);
  h = lk_image_get_height (upright);
  side = lkt_rotate_ccw (lk_image_get_rgb (upright), w, h);
  jpeg = lkt_jpeg_rgb (side, h, w, 92);
  tagged = lkt_jpeg_with_orientation (jpeg, 6);
  image = load_bytes_as ("rotated.jpg", tagged);
  g_assert_cmpint (lk_image_get_width (image), ==, w);
  g_assert_cmpint (lk_image_get_height (image), ==, h);
  faces = lk_face_engine_analyze (lkt_engine (), image, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 3);
  /* Without the tag the same file loads on its side. */
  {
    g_autoptr(LkImage) raw = load_bytes_as ("side.jpg", jpeg);
    g_assert_cmpint (lk_image_get_width (raw), ==, h);
  }
}

static void
test_encode_scaled (void)
{
  g_autofree guint8 *card = test_card (64, 48);
  g_autoptr(GBytes) png = lkt_png (card, 64, 48, 3, 8);
  g_autoptr(LkImage) image = lk_image_load_bytes (png, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) thumb = lk_image_encode_scaled (image, 32, TRUE, &error);
  g_autoptr(LkImage) back = NULL;

  g_assert_no_error (error);
  back = lk_image_load_bytes (thumb, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_image_get_width (back), ==, 32);
  g_assert_cmpint (lk_image_get_height (back), ==, 24);
  assert_card_colours (back);
}

/* Where stored pixel (sx, sy) of a w × h picture lands for each EXIF
 * orientation, as the EXIF specification defines them. */
static void
oriented_source (int o, int w, int h, int x, int y, int *sx, int *sy)
{
  switch (o)
    {
    case 2: *sx = w - 1 - x; *sy = y; break;
    case 3: *sx = w - 1 - x; *sy = h - 1 - y; break;
    case 4: *sx = x; *sy = h - 1 - y; break;
    case 5: *sx = y; *sy = x; break;
    case 6: *sx = y; *sy = h - 1 - x; break;
    case 7: *sx = w - 1 - y; *sy = h - 1 - x; break;
    case 8: *sx = w - 1 - y; *sy = x; break;
    default: *sx = x; *sy = y; break;
    }
}

/* Every orientation, flips included (they are now done in place). */
static void
test_all_orientations (void)
{
  const int w = 80, h = 48;
  g_autofree guint8 *rgb = g_malloc (w * h * 3);
  g_autoptr(GBytes) jpeg = NULL;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = rgb + (y * w + x) * 3;
        p[0] = x * 255 / (w - 1);
        p[1] = y * 255 / (h - 1);
        p[2] = 128;
      }
  jpeg = lkt_jpeg_rgb (rgb, w, h, 100);
  for (int o = 1; o <= 8; o++)
    {
      g_autoptr(GBytes) tagged = lkt_jpeg_with_orientation (jpeg, o);
      g_autoptr(LkImage) image = lk_image_load_bytes (tagged, 0, NULL);
      int dw = o >= 5 ? h : w, dh = o >= 5 ? w : h;

      g_assert_nonnull (image);
      g_assert_cmpint (lk_image_get_width (image), ==, dw);
      g_assert_cmpint (lk_image_get_height (image), ==, dh);
      for (int y = 2; y < dh; y += 9)
        for (int x = 2; x < dw; x += 11)
          {
            const guint8 *d = lk_image_get_rgb (image) + (y * dw + x) * 3;
            int sx, sy;

            oriented_source (o, w, h, x, y, &sx, &sy);
            g_assert_cmpint (ABS (d[0] - rgb[(sy * w + sx) * 3]), <=, 12);
            g_assert_cmpint (ABS (d[1] - rgb[(sy * w + sx) * 3 + 1]), <=, 12);
          }
    }
}

/* A FIFO with no writer: opening it plainly would wait forever. */
static void
test_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lk-vision-fifo-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "photo.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;
  gint64 start;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  start = g_get_monotonic_time ();
  image = lk_image_load (fifo, 0, &error);
  g_assert_null (image);
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE);
  g_assert_nonnull (strstr (error->message, "is not a regular file"));
  g_assert_nonnull (strstr (error->message, "photo.jpg"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_test_message ("%s", error->message);
  g_unlink (fifo);
  g_rmdir (dir);
}

static void
test_device (void)
{
  assert_load_fails ("/dev/zero", LK_VISION_ERROR_NOT_AN_IMAGE);
}

/* Peak resident memory, from /proc (kB → bytes). */
static guint64
status_bytes (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (field) + 1, NULL, 10) * 1024;
}

/* Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0). */
static gboolean
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static const guint8 flat_rgba16[8] = { 0x80, 0, 0x40, 0, 0x20, 0, 0xff, 0xff };

/* The report: a 776 KB PNG under the pixel limit needed 1.94 GB to decode. */
static void
test_budget_refuses (void)
{
  g_autoptr(GBytes) png = lkt_png_flat (9000, 9000, 4, 16, flat_rgba16);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autofree char *path = lkt_write_temp ("big16.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  g_assert_cmpuint (g_bytes_get_size (png), <, 1024 * 1024);
  g_assert_cmpuint (lk_image_get_decode_budget (), ==, LK_DEFAULT_DECODE_BUDGET);
  g_assert_cmpuint (lk_image_estimate_decode_memory (png), >, (guint64) 9000 * 9000 * 12);
  image = lk_image_load (path, 0, &error);
  g_assert_null (image);
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "big16.png"));
  g_assert_nonnull (strstr (error->message, "would need about 989 MiB"));
  g_assert_nonnull (strstr (error->message, "the limit is 768 MiB"));

  g_assert_nonnull (strstr (error->message, "LIKENESS_DECODE_BUDGET_MB"));

  /* The environment sets the default. */
  g_setenv ("LIKENESS_DECODE_BUDGET_MB", "1500", TRUE);
  lk_image_set_decode_budget (0);
  g_assert_cmpuint (lk_image_get_decode_budget (), ==, (guint64) 1500 << 20);
  g_unsetenv ("LIKENESS_DECODE_BUDGET_MB");
  lk_image_set_decode_budget (0);
  g_assert_cmpuint (lk_image_get_decode_budget (), ==, LK_DEFAULT_DECODE_BUDGET);

  /* A larger budget lets it through. */
  g_clear_error (&error);
  lk_image_set_decode_budget ((guint64) 2 << 30);
  image = lk_image_load (path, 0, &error);
  lk_image_set_decode_budget (0);
  g_assert_no_error (error);
  g_assert_cmpint (lk_image_get_width (image), ==, 9000);
  /* 16-bit R, G, B of 0x8000, 0x4000, 0x2000 at full alpha, in RGB order. */
  g_assert_cmpint (lk_image_get_rgb (image)[0], ==, 128);
  g_assert_cmpint (lk_image_get_rgb (image)[1], ==, 64);
  g_assert_cmpint (lk_image_get_rgb (image)[2], ==, 32);
}

static gpointer
load_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);

  g_assert_no_error (error);
  return NULL;
}

/* Three 6000 × 6000 16-bit RGBA PNGs at once: each needs ~0.45 GB to decode,
 * so they must take turns for the process to stay under 1 GiB. */
static void
test_budget_parallel (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("LK_TEST_BIG_PNG");
      GThread *threads[3];
      guint64 peak;

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("load", load_thread, (gpointer) path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i]);
      peak = status_bytes ("VmHWM:");
      g_test_message ("peak RSS decoding three at once: %" G_GUINT64_FORMAT " MB", peak >> 20);
      g_assert_cmpuint (peak, <, (guint64) 1 << 30);
      return;
    }
  {
    g_autoptr(GBytes) png = lkt_png_flat (6000, 6000, 4, 16, flat_rgba16);
    g_autofree char *path = lkt_write_temp ("par16.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png));

    g_setenv ("LK_TEST_BIG_PNG", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
  }
}

/* The estimate must cover what decoding really takes, for every format. */
static gboolean
estimate_covers (const char *what, GBytes *bytes)
{
  guint64 before, peak, estimate = lk_image_estimate_decode_memory (bytes);
  g_autoptr(GError) error = NULL;

  g_assert_true (reset_peak ());
  before = status_bytes ("VmRSS:");
  {
    g_autoptr(LkImage) image = lk_image_load_bytes (bytes, 0, &error);
    g_assert_no_error (error);
  }
  peak = status_bytes ("VmHWM:") - before;
  g_test_message ("%s: decoding took %.1f MB, estimate %.1f MB (%.2f)",
                  what, peak / 1048576.0, estimate / 1048576.0, (double) peak / estimate);
  return peak <= estimate;
}

static void
test_budget_estimates (void)
{
  const int w = 3000, h = 2400;
  static const guint8 rgba8[4] = { 10, 20, 30, 128 };
  g_autofree guint8 *card = NULL;

  if (!g_test_subprocess ())
    {
      if (!reset_peak ())
        {
          g_test_skip ("/proc/self/clear_refs cannot reset the peak here");
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
      g_test_trap_assert_passed ();
      return;
    }
  /* A fixed threshold: every large buffer is its own mapping, given back when
   * freed, so the peak of each decode is measured and not hidden by memory
   * an earlier one left in the heap. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
  card = test_card (w, h);
  {
    g_autoptr(GBytes) jpeg = lkt_jpeg_rgb (card, w, h, 90);
    g_autoptr(GBytes) rotated = lkt_jpeg_with_orientation (jpeg, 6);
    g_autoptr(GBytes) png8 = lkt_png (card, w, h, 3, 8);
    g_autoptr(GBytes) png8a = lkt_png_flat (w, h, 4, 8, rgba8);
    g_autoptr(GBytes) png16 = lkt_png_flat (w, h, 4, 16, flat_rgba16);
    g_autoptr(GBytes) webp = lkt_webp_rgb (card, w, h);
    g_autoptr(GBytes) tiff = lkt_tiff_rgb (card, w, h);
    g_autoptr(GBytes) bmp = lkt_bmp_rgb (card, w, h);

    gboolean ok = TRUE;

    g_clear_pointer (&card, g_free);
    /* The first decode also loads the codecs' own tables: not per image. */
    lk_image_free (lk_image_load_bytes (jpeg, 0, NULL));
    ok &= estimate_covers ("JPEG", jpeg);
    ok &= estimate_covers ("JPEG rotated", rotated);
    ok &= estimate_covers ("PNG 8-bit RGB", png8);
    ok &= estimate_covers ("PNG 8-bit RGBA", png8a);
    ok &= estimate_covers ("PNG 16-bit RGBA", png16);
    ok &= estimate_covers ("WebP", webp);
    ok &= estimate_covers ("TIFF", tiff);
    ok &= estimate_covers ("BMP", bmp);
    g_assert_true (ok);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/image/bad/empty-file", test_empty_file);
  g_test_add_func ("/vision/image/bad/truncated-jpeg", test_truncated_jpeg);
  g_test_add_func ("/vision/image/bad/jpeg-without-eoi", test_jpeg_without_eoi);
  g_test_add_func ("/vision/image/bad/truncated-png", test_truncated_png);
  g_test_add_func ("/vision/image/bad/random-bytes", test_random_bytes);
  g_test_add_func ("/vision/image/bad/text-file", test_text_file);
  g_test_add_func ("/vision/image/bad/corrupt-jpeg-data", test_corrupt_jpeg_data);
  g_test_add_func ("/vision/image/bad/pixel-bomb", test_pixel_bomb);
  g_test_add_func ("/vision/image/bad/missing-file", test_missing_file);
  g_test_add_func ("/vision/image/bad/directory", test_directory);
  g_test_add_func ("/vision/image/bad/fifo", test_fifo);
  g_test_add_func ("/vision/image/bad/device", test_device);
  g_test_add_func ("/vision/image/budget/refuses-over-budget", test_budget_refuses);
  g_test_add_func ("/vision/image/budget/parallel-under-1gb", test_budget_parallel);
  g_test_add_func ("/vision/image/budget/estimates-cover-peak", test_budget_estimates);
  g_test_add_func ("/vision/image/format/webp-named-jpg", test_webp_named_jpg);
  g_test_add_func ("/vision/image/format/png-16bit", test_png_16bit);
  g_test_add_func ("/vision/image/format/png-rgba", test_png_rgba);
  g_test_add_func ("/vision/image/format/grayscale", test_grayscale);
  g_test_add_func ("/vision/image/format/cmyk-jpeg", test_cmyk_jpeg);
  g_test_add_func ("/vision/image/format/bmp-and-tiff", test_bmp_and_tiff);
  g_test_add_func ("/vision/image/format/exif-rotated-jpeg", test_exif_rotated_jpeg);
  g_test_add_func ("/vision/image/format/all-orientations", test_all_orientations);
  g_test_add_func ("/vision/image/encode-scaled", test_encode_scaled);
  status = g_test_run ();
  lkt_cleanup ();
  return status;
}
