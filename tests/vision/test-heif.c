/* test-heif.c — HEIC/HEIF and AVIF photos: files made by heif-enc (Debian
 * libheif-examples) from the npm demo photos decode to the same picture as the
 * JPEG they came from, faces included; recognised by content, refused with a
 * clear error when cut short, and oriented by their irot box.
 *
 * heif-enc 1.15 cannot write a rotation, so the rotated file is made with
 * libheif's own encoder (heif_encoding_options.image_orientation writes the
 * irot box): that proves our decode applies irot exactly as an EXIF-tagged
 * JPEG of the same stored pixels is applied, and that libheif's header size
 * is the rotated one.  It does not prove anything about files from a
 * particular phone. */
#define G_LOG_DOMAIN "lk-vision-test"

#include <glib/gstdio.h>
#include <libheif/heif.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "lk-vision-test-util.h"

/* heif-enc is slow on a shared machine: each file is made once per run. */
static GHashTable *made;

static char *
heif_enc (const char *const *inputs, const char *name, gboolean avif)
{
  g_autofree char *dir = g_dir_make_tmp ("lk-heif-XXXXXX", NULL);
  char *out = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "heif-enc");
  g_ptr_array_add (argv, (char *) "-q");
  g_ptr_array_add (argv, (char *) "80");
  /* Fast presets: the test is about reading, not about compression. */
  g_ptr_array_add (argv, (char *) "-p");
  g_ptr_array_add (argv, avif ? (char *) "speed=9" : (char *) "preset=ultrafast");
  if (avif)
    g_ptr_array_add (argv, (char *) "-A");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, out);
  for (guint i = 0; inputs[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) inputs[i]);
  g_ptr_array_add (argv, NULL);
  /* A missing heif-enc fails the test: it is in build-aux/debian-packages.txt. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err_text, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("heif-enc failed: %s\n%s", error->message, err_text);
  return out;
}

/* sample N as .heic or .avif, made once. */
static const char *
sample_as (int n, gboolean avif)
{
  g_autofree char *key = g_strdup_printf ("%d%s", n, avif ? ".avif" : ".heic");
  g_autofree char *jpeg = NULL;
  char *path;

  if (made == NULL)
    made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = g_hash_table_lookup (made, key);
  if (path != NULL)
    return path;
  jpeg = lkt_sample_path (n);
  if (jpeg == NULL)
    return NULL;
  {
    const char *inputs[] = { jpeg, NULL };
    g_autofree char *name = g_strdup_printf ("sample%s", key);

    path = heif_enc (inputs, name, avif);
  }
  g_hash_table_insert (made, g_steal_pointer (&key), path);
  return path;
}

static LkImage *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  LkImage *image = lk_image_load (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

/* Mean absolute difference per sample between two images of one size. */
static double
mean_difference (const LkImage *a, const LkImage *b)
{
  gsize n = (gsize) lk_image_get_width (a) * lk_image_get_height (a) * 3;
  const guint8 *pa = lk_image_get_rgb (a), *pb = lk_image_get_rgb (b);
  guint64 sum = 0;

  g_assert_cmpint (lk_image_get_width (a), ==, lk_image_get_width (b));
  g_assert_cmpint (lk_image_get_height (a), ==, lk_image_get_height (b));
  for (gsize i = 0; i < n; i++)
    sum += (guint64) ABS ((int) pa[i] - (int) pb[i]);
  return (double) sum / n;
}

static guint
count_faces (const LkImage *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = lk_face_engine_analyze (lkt_engine (), image, NULL, NULL, &error);

  g_assert_no_error (error);
  return faces->len;
}

/* The HEIC or AVIF of a demo photo is the JPEG's picture (within lossy
 * coding) and the engine finds the same faces in it. */
static void
test_sample (gconstpointer data)
{
  gboolean avif = GPOINTER_TO_INT (data);
  const char *path = sample_as (3, avif);
  g_autoptr(LkImage) jpeg = lkt_load_sample (3);
  g_autoptr(LkImage) image = NULL;
  double diff;

  if (path == NULL || jpeg == NULL)
    return;
  image = load_ok (path);
  diff = mean_difference (image, jpeg);
  g_test_message ("%s: mean difference from the JPEG %.2f", path, diff);
  g_assert_cmpfloat (diff, <, 6.0);
  g_assert_cmpuint (lk_image_get_other_images (image), ==, 0);
  g_assert_cmpuint (count_faces (image), ==, count_faces (jpeg));
  g_assert_cmpuint (count_faces (image), ==, 3);
}

/* The content decides, not the name: a HEIC renamed .jpg loads as HEIC. */
static void
test_named_jpg (void)
{
  const char *path = sample_as (3, FALSE);
  g_autofree char *contents = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(LkImage) image = NULL;
  gsize len;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  renamed = lkt_write_temp ("IMG_0001.jpg", contents, len);
  image = load_ok (renamed);
  g_assert_cmpint (lk_image_get_width (image), ==, 1920);
  g_assert_cmpint (lk_image_get_height (image), ==, 1350);
}

/* Cut anywhere in the picture data, the file is refused before decoding,
 * with the file's name and what is wrong. */
static void
test_truncated (void)
{
  const char *path = sample_as (3, FALSE);
  g_autofree char *contents = NULL;
  gsize len;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (int part = 1; part <= 3; part++)
    {
      g_autofree char *cut = lkt_write_temp ("cut.heic", contents, len * part / 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkImage) image = lk_image_load (cut, 0, &error);

      g_assert_null (image);
      g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "cut.heic"));
      g_assert_nonnull (strstr (error->message, "HEIF"));
      g_assert_nonnull (strstr (error->message, "truncated"));
    }
}

static void
check_heif (struct heif_error err)
{
  if (err.code != heif_error_Ok)
    g_error ("libheif: %s", err.message);
}

static struct heif_error
write_bytes (struct heif_context *ctx, const void *data, size_t size, void *user)
{
  struct heif_error ok = { heif_error_Ok, heif_suberror_Unspecified, "ok" };

  (void) ctx;
  g_byte_array_append (user, data, (guint) size);
  return ok;
}

/* `rgb` (width × height) encoded as HEIC with the given EXIF-style orientation. */
static GBytes *
heic_with_orientation (const guint8 *rgb, int width, int height, enum heif_orientation orientation)
{
  struct heif_context *ctx = heif_context_alloc ();
  struct heif_encoder *encoder = NULL;
  struct heif_image *image = NULL;
  struct heif_encoding_options *options = heif_encoding_options_alloc ();
  struct heif_writer writer = { 1, write_bytes };
  GByteArray *out = g_byte_array_new ();
  guint8 *plane;
  int stride;

  check_heif (heif_image_create (width, height, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image));
  check_heif (heif_image_add_plane (image, heif_channel_interleaved, width, height, 8));
  plane = heif_image_get_plane (image, heif_channel_interleaved, &stride);
  for (int y = 0; y < height; y++)
    memcpy (plane + (gsize) y * stride, rgb + (gsize) y * width * 3, (gsize) width * 3);
  check_heif (heif_context_get_encoder_for_format (ctx, heif_compression_HEVC, &encoder));
  heif_encoder_set_lossy_quality (encoder, 90);
  heif_encoder_set_parameter (encoder, "preset", "ultrafast");
  options->image_orientation = orientation;
  check_heif (heif_context_encode_image (ctx, image, encoder, options, NULL));
  check_heif (heif_context_write (ctx, &writer, out));
  heif_encoding_options_free (options);
  heif_encoder_release (encoder);
  heif_image_release (image);
  heif_context_free (ctx);
  return g_byte_array_free_to_bytes (out);
}

/* The picture stored on its side with irot: loads upright, like the JPEG of
 * the same stored pixels with EXIF orientation 6, and the faces are found. */
static void
test_irot (void)
{
  g_autoptr(LkImage) upright = lkt_load_sample (3);
  g_autofree guint8 *side = NULL;
  g_autoptr(GBytes) heic = NULL, jpeg = NULL, tagged = NULL;
  g_autoptr(LkImage) image = NULL, from_jpeg = NULL;
  g_autofree char *heic_path = NULL, *jpeg_path = NULL;
  int w, h;

  if (upright == NULL)
    return;
  w = lk_image_get_width (upright);
  h = lk_image_get_height (upright);
  side = lkt_rotate_ccw (lk_image_get_rgb (upright), w, h);
  heic = heic_with_orientation (side, h, w, heif_orientation_rotate_90_cw);
  jpeg = lkt_jpeg_rgb (side, h, w, 95);
  tagged = lkt_jpeg_with_orientation (jpeg, 6);
  heic_path = lkt_write_temp ("rotated.heic", g_bytes_get_data (heic, NULL), g_bytes_get_size (heic));
  jpeg_path = lkt_write_temp ("rotated.jpg", g_bytes_get_data (tagged, NULL), g_bytes_get_size (tagged));
  image = load_ok (heic_path);
  from_jpeg = load_ok (jpeg_path);
  g_assert_cmpint (lk_image_get_width (image), ==, w);
  g_assert_cmpint (lk_image_get_height (image), ==, h);
  g_test_message ("irot HEIC vs EXIF JPEG: %.2f; vs upright original: %.2f",
                  mean_difference (image, from_jpeg), mean_difference (image, upright));
  g_assert_cmpfloat (mean_difference (image, from_jpeg), <, 6.0);
  g_assert_cmpfloat (mean_difference (image, upright), <, 6.0);
  g_assert_cmpuint (count_faces (image), ==, 3);
}

/* Two pictures in one file: the primary (the first heif-enc was given) is
 * decoded and the other is counted, not lost silently. */
static void
test_multiple (void)
{
  g_autofree char *first = lkt_sample_path (3);
  g_autofree char *second = lkt_sample_path (6);
  g_autofree char *path = NULL;
  g_autoptr(LkImage) image = NULL, jpeg = NULL;

  if (first == NULL || second == NULL)
    return;
  {
    const char *inputs[] = { first, second, NULL };
    path = heif_enc (inputs, "two.heic", FALSE);
  }
  image = load_ok (path);
  jpeg = lkt_load_sample (3);
  g_assert_cmpuint (lk_image_get_other_images (image), ==, 1);
  g_assert_cmpfloat (mean_difference (image, jpeg), <, 6.0);
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_remove (path);
    g_rmdir (dir);
  }
}

/* The budget is estimated from the header and enforced before decoding. */
static void
test_budget (void)
{
  const char *path = sample_as (3, FALSE);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;
  guint64 estimate;
  gsize len;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  estimate = lk_image_estimate_decode_memory (bytes);
  g_test_message ("HEIC 1920 × 1350: estimate %" G_GUINT64_FORMAT " bytes", estimate);
  /* At least the packed RGB result and the YCbCr planes. */
  g_assert_cmpuint (estimate, >=, (guint64) 1920 * 1350 * 6);
  lk_image_set_decode_budget (estimate - 1);
  image = lk_image_load_bytes (bytes, 0, &error);
  lk_image_set_decode_budget (0);
  g_assert_null (image);
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "HEIF"));
}

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

/* Decoding memory measured (VmHWM) against the header's estimate. */
static gboolean
estimate_covers (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before, peak, estimate;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  estimate = lk_image_estimate_decode_memory (bytes);
  lk_image_free (lk_image_load_bytes (bytes, 0, NULL)); /* the codec's own tables, once */
  g_assert_true (reset_peak ());
  before = status_bytes ("VmRSS:");
  {
    g_autoptr(LkImage) image = lk_image_load_bytes (bytes, 0, &error);
    g_assert_no_error (error);
  }
  peak = status_bytes ("VmHWM:") - before;
  g_test_message ("%s: decoding took %.1f MB, estimate %.1f MB (%.2f)", path, peak / 1048576.0,
                  estimate / 1048576.0, (double) peak / estimate);
  return peak <= estimate;
}

/* The estimate the budget reserves covers what libheif really takes. */
static void
test_estimate_covers_peak (void)
{
  if (g_test_subprocess ())
    {
      gboolean ok = TRUE;

      mallopt (M_MMAP_THRESHOLD, 256 * 1024);
      ok &= estimate_covers (g_getenv ("LK_TEST_HEIC"));
      ok &= estimate_covers (g_getenv ("LK_TEST_AVIF"));
      g_assert_true (ok);
      return;
    }
  if (!reset_peak ())
    {
      g_test_skip ("/proc/self/clear_refs cannot reset the peak here");
      return;
    }
  if (sample_as (3, FALSE) == NULL || sample_as (3, TRUE) == NULL)
    return;
  g_setenv ("LK_TEST_HEIC", sample_as (3, FALSE), TRUE);
  g_setenv ("LK_TEST_AVIF", sample_as (3, TRUE), TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Debian 12's libheif has both decoders; if a build lacks one, the error
 * says which (checked in the sniff). */
static void
test_decoders_present (void)
{
  g_test_message ("libheif %s", heif_get_version ());
  g_assert_true (heif_have_decoder_for_format (heif_compression_HEVC));
  g_assert_true (heif_have_decoder_for_format (heif_compression_AV1));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/heif/decoders-present", test_decoders_present);
  g_test_add_data_func ("/vision/heif/heic-sample", GINT_TO_POINTER (FALSE), test_sample);
  g_test_add_data_func ("/vision/heif/avif-sample", GINT_TO_POINTER (TRUE), test_sample);
  g_test_add_func ("/vision/heif/heic-named-jpg", test_named_jpg);
  g_test_add_func ("/vision/heif/truncated", test_truncated);
  g_test_add_func ("/vision/heif/irot-rotation", test_irot);
  g_test_add_func ("/vision/heif/multiple-images", test_multiple);
  g_test_add_func ("/vision/heif/budget", test_budget);
  g_test_add_func ("/vision/heif/budget/estimate-covers-peak", test_estimate_covers_peak);
  status = g_test_run ();
  lkt_cleanup ();
  if (made != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, made);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autofree char *dir = g_path_get_dirname (value);
          g_remove (value);
          g_rmdir (dir);
        }
      g_hash_table_unref (made);
    }
  return status;
}
