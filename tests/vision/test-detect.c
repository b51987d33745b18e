/* test-detect.c — detection, landmarks, quality, manual boxes and the batch
 * on the npm package's six demo photos (1920 px wide group photos). */
#define G_LOG_DOMAIN "lk-vision-test"

#include <string.h>

#include "lk-vision-test-util.h"

/* Faces found with the default setting, checked by eye on the photos with
 * the boxes drawn in:
 *  1: three women, all found; plus one false detection on the round badge
 *     on the right-hand woman's sleeve (HOG score 0.03, just over 0).
 *  2: three women; only the right one faces the camera.  The left one is in
 *     profile and the middle one looks down: HOG's frontal detector misses both.
 *  3: three women, all found.
 *  4: four women; the left one is turned away over her shoulder (missed).
 *  5: five women on a staircase, all found.
 *  6: four women, all found. */
static const guint expected_faces[] = { 0, 4, 1, 3, 3, 5, 4 };

static GPtrArray *
analyze (const LkImage *image, const LkAnalyzeOptions *options)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *faces = lk_face_engine_analyze (lkt_engine (), image, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (faces);
  return faces;
}

static void
assert_face_sane (const LkImage *image, const LkFace *f)
{
  int w = lk_image_get_width (image), h = lk_image_get_height (image);

  g_assert_cmpint (f->box.x, >=, 0);
  g_assert_cmpint (f->box.y, >=, 0);
  g_assert_cmpint (f->box.x + f->box.width, <=, w);
  g_assert_cmpint (f->box.y + f->box.height, <=, h);
  /* The nose tip (landmark 30) lies inside the box. */
  g_assert_cmpfloat (f->landmarks[30][0], >, f->box.x);
  g_assert_cmpfloat (f->landmarks[30][0], <, f->box.x + f->box.width);
  g_assert_cmpfloat (f->landmarks[30][1], >, f->box.y);
  g_assert_cmpfloat (f->landmarks[30][1], <, f->box.y + f->box.height);
  g_assert_true (f->has_descriptor);
  g_assert_nonnull (f->chip_rgb);
}

static void
test_sample (gconstpointer data)
{
  int n = GPOINTER_TO_INT (data);
  g_autoptr(LkImage) image = lkt_load_sample (n);
  g_autoptr(GPtrArray) faces = NULL;

  if (image == NULL)
    return;
  faces = analyze (image, NULL);
  g_assert_cmpuint (faces->len, ==, expected_faces[n]);
  for (guint i = 0; i < faces->len; i++)
    {
      const LkFace *f = g_ptr_array_index (faces, i);
      g_autofree char *q = lk_face_quality_describe (&f->quality);

      g_test_message ("face %u: %d,%d %dx%d score %.2f quality %s (sharpness %.0f, yaw %.0f)", i,
                      f->box.x, f->box.y, f->box.width, f->box.height, f->detector_score, q,
                      f->quality.sharpness, f->quality.yaw_degrees);
      assert_face_sane (image, f);
      /* Every real face in these ordinary photos is of good quality. */
      if (f->detector_score > 0.1)
        g_assert_true (lk_face_quality_is_good (&f->quality));
      if (i > 0)
        {
          const LkFace *prev = g_ptr_array_index (faces, i - 1);
          g_assert_cmpint (prev->box.width * prev->box.height, >=, f->box.width * f->box.height);
        }
    }
}

/* The AVX2 builds of the HOG detector and the forward pass (likeness-avx2.so)
 * find the same faces with the same descriptors as the baseline builds, on
 * all six samples, at the default and the upsampled settings; and they are
 * the ones that run where the processor can. */
static void
test_detector_variants (void)
{
  LkEngineOptions options = { .n_workers = 1, .baseline_build = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) baseline = lk_face_engine_new (&options, &error);
  gboolean avx2 = __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");

  g_assert_no_error (error);
  g_assert_cmpstr (lk_face_engine_get_detector_variant (baseline), ==, "baseline");
  g_assert_cmpstr (lk_face_engine_get_detector_variant (lkt_engine ()), ==, avx2 ? "avx2" : "baseline");
  for (int n = 1; n <= 6; n++)
    for (int up = 0; up <= 1; up++)
      {
        g_autoptr(LkImage) image = lkt_load_sample (n);
        LkAnalyzeOptions analyze_options = LK_ANALYZE_OPTIONS_INIT;
        g_autoptr(GPtrArray) a = NULL, b = NULL;

        if (image == NULL)
          return;
        analyze_options.upsample = up;
        a = lk_face_engine_analyze (lkt_engine (), image, &analyze_options, NULL, &error);
        g_assert_no_error (error);
        b = lk_face_engine_analyze (baseline, image, &analyze_options, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (a->len, ==, b->len);
        for (guint i = 0; i < a->len; i++)
          {
            const LkFace *fa = g_ptr_array_index (a, i), *fb = g_ptr_array_index (b, i);

            g_assert_cmpmem (&fa->box, sizeof fa->box, &fb->box, sizeof fb->box);
            /* The AVX build sums in a different order: scores move by ~1e-3. */
            g_assert_cmpfloat_with_epsilon (fa->detector_score, fb->detector_score, 0.01);
            g_assert_cmpfloat (lk_descriptor_distance (fa->descriptor, fb->descriptor), <, 1e-5);
          }
      }
}

/* A photo scaled to a quarter (480 px wide, faces ~55 px) is "small": the
 * default upsamples it and still finds all four faces of sample 6. */
static void
test_small_photo_upsampled (void)
{
  g_autoptr(LkImage) image = lkt_load_sample (6);
  g_autofree guint8 *half = NULL, *quarter = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkImage) small = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  LkAnalyzeOptions no_upsample = LK_ANALYZE_OPTIONS_INIT;
  int w, h;

  if (image == NULL)
    return;
  w = lk_image_get_width (image);
  h = lk_image_get_height (image);
  half = lkt_scale_half (lk_image_get_rgb (image), w, h);
  quarter = lkt_scale_half (half, w / 2, h / 2);
  png = lkt_png (quarter, w / 4, h / 4, 3, 8);
  small = lk_image_load_bytes (png, 0, NULL);
  faces = analyze (small, NULL);
  g_assert_cmpuint (faces->len, ==, 4);
  for (guint i = 0; i < faces->len; i++)
    g_assert_cmpint (((LkFace *) g_ptr_array_index (faces, i))->box.width, <, 70);
  no_upsample.upsample = 0;
  plain = analyze (small, &no_upsample);
  g_assert_cmpuint (plain->len, <, 4);
}

static void
test_thorough (void)
{
  g_autoptr(LkImage) image = lkt_load_sample (3);
  g_autoptr(GPtrArray) faces = NULL;
  LkAnalyzeOptions thorough = LK_ANALYZE_OPTIONS_INIT;

  if (image == NULL)
    return;
  thorough.mode = LK_DETECT_THOROUGH;
  thorough.descriptors = FALSE;
  faces = analyze (image, &thorough);
  g_assert_cmpuint (faces->len, >=, 3);
  g_assert_false (((LkFace *) g_ptr_array_index (faces, 0))->has_descriptor);
}

static void
test_analyze_box (void)
{
  g_autoptr(LkImage) image = lkt_load_sample (6);
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LkFace) manual = NULL;
  g_autoptr(GError) error = NULL;
  LkBox outside = { 1900, 1500, 200, 200 };
  const LkFace *detected;

  if (image == NULL)
    return;
  faces = analyze (image, NULL);
  detected = g_ptr_array_index (faces, 0);
  manual = lk_face_engine_analyze_box (lkt_engine (), image, &detected->box, &error);
  g_assert_no_error (error);
  g_assert_true (manual->has_descriptor);
  g_assert_cmpfloat (manual->detector_score, ==, 0);
  /* The same box gives (nearly) the same landmarks and descriptor. */
  g_assert_cmpfloat (lk_descriptor_distance (manual->descriptor, detected->descriptor), <, 0.1);
  g_assert_null (lk_face_engine_analyze_box (lkt_engine (), image, &outside, &error));
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INVALID);
}

/* Blurring and darkening a face must show in its quality flags. */
static void
test_quality_flags (void)
{
  g_autoptr(LkImage) image = lkt_load_sample (6);
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree guint8 *dark = NULL;
  g_autoptr(LkImage) dark_image = NULL;
  g_autoptr(LkFace) dark_face = NULL;
  g_autoptr(LkImage) blurred_image = NULL;
  g_autoptr(LkFace) blurred_face = NULL;
  g_autofree char *text = NULL;
  int w, h;
  const LkFace *f;

  if (image == NULL)
    return;
  w = lk_image_get_width (image);
  h = lk_image_get_height (image);
  faces = analyze (image, NULL);
  f = g_ptr_array_index (faces, 0);
  dark = g_memdup2 (lk_image_get_rgb (image), (gsize) w * h * 3);
  for (gsize i = 0; i < (gsize) w * h * 3; i++)
    dark[i] /= 6;
  {
    g_autoptr(GBytes) png = lkt_png (dark, w, h, 3, 8);
    dark_image = lk_image_load_bytes (png, 0, NULL);
  }
  dark_face = lk_face_engine_analyze_box (lkt_engine (), dark_image, &f->box, NULL);
  g_assert_true (dark_face->quality.flags & LK_QUALITY_DARK);
  {
    /* Down to 1/8 and back up by JPEG-free nearest neighbour: a badly blurred face. */
    g_autofree guint8 *a = lkt_scale_half (lk_image_get_rgb (image), w, h);
    g_autofree guint8 *b = lkt_scale_half (a, w / 2, h / 2);
    g_autofree guint8 *c = lkt_scale_half (b, w / 4, h / 4);
    g_autofree guint8 *up = g_malloc ((gsize) w * h * 3);
    g_autoptr(GBytes) png = NULL;
    int cw = w / 8, ch = h / 8;

    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          /* bilinear back up, so the edges are soft rather than blocky */
          double sx = MIN ((x + 0.5) / 8 - 0.5, cw - 1.001), sy = MIN ((y + 0.5) / 8 - 0.5, ch - 1.001);
          int x0 = MAX ((int) sx, 0), y0 = MAX ((int) sy, 0);
          double fx = MAX (sx - x0, 0), fy = MAX (sy - y0, 0);
          for (int k = 0; k < 3; k++)
            {
              double v = (1 - fx) * (1 - fy) * c[((gsize) y0 * cw + x0) * 3 + k] +
                         fx * (1 - fy) * c[((gsize) y0 * cw + x0 + 1) * 3 + k] +
                         (1 - fx) * fy * c[((gsize) (y0 + 1) * cw + x0) * 3 + k] +
                         fx * fy * c[((gsize) (y0 + 1) * cw + x0 + 1) * 3 + k];
              up[((gsize) y * w + x) * 3 + k] = (guint8) (v + 0.5);
            }
        }
    png = lkt_png (up, w, h, 3, 8);
    blurred_image = lk_image_load_bytes (png, 0, NULL);
  }
  blurred_face = lk_face_engine_analyze_box (lkt_engine (), blurred_image, &f->box, NULL);
  g_test_message ("sharp %.1f, blurred %.1f", f->quality.sharpness, blurred_face->quality.sharpness);
  g_assert_true (blurred_face->quality.flags & LK_QUALITY_BLURRY);
  text = lk_face_quality_describe (&blurred_face->quality);
  g_assert_nonnull (strstr (text, "blurry"));
}

typedef struct {
  gint     inside;       /* atomic: callbacks running now */
  guint    results;
  guint    errors;
  guint    last_done;
  gboolean seen[16];
  guint    cancel_after; /* 0: never */
  GCancellable *cancellable;
} BatchState;

static void
on_result (guint index, const char *path, int width, int height, GPtrArray *faces,
           const GError *error, gpointer user_data)
{
  BatchState *s = user_data;

  g_assert_cmpint (g_atomic_int_add (&s->inside, 1), ==, 0);
  g_usleep (2000); /* widen the window in which a second callback could slip in */
  g_assert_false (s->seen[index]);
  s->seen[index] = TRUE;
  s->results++;
  if (error != NULL)
    {
      g_assert_null (faces);
      g_assert_error ((GError *) error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_AN_IMAGE);
      s->errors++;
    }
  else
    {
      g_assert_cmpint (width, >, 0);
      g_assert_nonnull (faces);
      /* Calling back into the engine from the callback must not deadlock
       * while the other workers wait for the callback lock. */
      if (faces->len > 0)
        {
          const LkFace *f = g_ptr_array_index (faces, 0);
          float d[LK_DESCRIPTOR_DIM];
          g_autoptr(GError) nested = NULL;

          g_assert_true (lk_face_engine_describe_chips (lkt_engine (), f->chip_rgb, 1, d, NULL, &nested));
          g_assert_no_error (nested);
          g_assert_cmpfloat (lk_descriptor_distance (d, f->descriptor), <, 1e-4);
        }
    }
  g_atomic_int_add (&s->inside, -1);
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  BatchState *s = user_data;

  g_assert_cmpint (g_atomic_int_add (&s->inside, 1), ==, 0);
  g_assert_cmpuint (done, ==, s->last_done + 1);
  g_assert_cmpuint (done, <=, total);
  s->last_done = done;
  if (s->cancel_after != 0 && done == s->cancel_after)
    g_cancellable_cancel (s->cancellable);
  g_atomic_int_add (&s->inside, -1);
}

static GPtrArray *
batch_paths (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (int n = 1; n <= 6; n++)
    {
      char *p = lkt_sample_path (n);
      if (p == NULL)
        {
          g_ptr_array_unref (paths);
          return NULL;
        }
      g_ptr_array_add (paths, p);
    }
  g_ptr_array_add (paths, lkt_write_temp ("notes.jpg", "not an image", 12));
  return paths;
}

static void
test_batch (void)
{
  g_autoptr(GPtrArray) paths = batch_paths ();
  g_autoptr(GError) error = NULL;
  BatchState s = { 0 };
  gboolean ok;

  if (paths == NULL)
    return;
  ok = lk_face_engine_analyze_files (lkt_engine (), (const char * const *) paths->pdata, paths->len,
                                     NULL, on_result, on_progress, &s, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (s.results, ==, paths->len);
  g_assert_cmpuint (s.errors, ==, 1);
  g_assert_cmpuint (s.last_done, ==, paths->len);
}

static void
test_batch_cancel (void)
{
  g_autoptr(GPtrArray) paths = batch_paths ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  BatchState s = { 0 };
  gboolean ok;

  if (paths == NULL)
    return;
  s.cancel_after = 1;
  s.cancellable = cancellable;
  ok = lk_face_engine_analyze_files (lkt_engine (), (const char * const *) paths->pdata, paths->len,
                                     NULL, on_result, on_progress, &s, cancellable, &error);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (s.results, <, paths->len);
}

static gpointer
get_default_thread (gpointer data)
{
  return lk_face_engine_get_default (NULL);
}

static void
test_default_singleton (void)
{
  GThread *threads[4];
  LkFaceEngine *engines[4];

  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new ("get-default", get_default_thread, NULL);
  for (int i = 0; i < 4; i++)
    engines[i] = g_thread_join (threads[i]);
  for (int i = 0; i < 4; i++)
    {
      g_assert_true (LK_IS_FACE_ENGINE (engines[i]));
      g_assert_true (engines[i] == engines[0]);
    }
  g_assert_true (g_str_has_prefix (lk_face_engine_get_model_id (engines[0]), "dlib-resnet-v1:"));
  g_assert_cmpuint (strlen (lk_face_engine_get_model_id (engines[0])), ==, strlen ("dlib-resnet-v1:") + 8);
  for (int i = 0; i < 4; i++)
    g_object_unref (engines[i]);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  for (int n = 1; n <= 6; n++)
    {
      g_autofree char *name = g_strdup_printf ("/vision/detect/sample%d", n);
      g_test_add_data_func (name, GINT_TO_POINTER (n), test_sample);
    }
  g_test_add_func ("/vision/detect/small-photo-upsampled", test_small_photo_upsampled);
  g_test_add_func ("/vision/detect/detector-variants", test_detector_variants);
  g_test_add_func ("/vision/detect/thorough", test_thorough);
  g_test_add_func ("/vision/detect/analyze-box", test_analyze_box);
  g_test_add_func ("/vision/detect/quality-flags", test_quality_flags);
  g_test_add_func ("/vision/detect/batch", test_batch);
  g_test_add_func ("/vision/detect/batch-cancel", test_batch_cancel);
  g_test_add_func ("/vision/detect/default-singleton", test_default_singleton);
  status = g_test_run ();
  lkt_cleanup ();
  return status;
}
