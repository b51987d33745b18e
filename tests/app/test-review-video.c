/* Review's probe of a video still: the job that loads a face for Review
 * (lk-review-jobs.c) says which video, at which time code, and where the
 * track's other kept frames are — what the view shows under the probe. */
#define G_LOG_DOMAIN "test-review-video"

#include <glib/gstdio.h>
#include <string.h>

#include "case/lk-case-video.h"
#include "import-test-util.h"
#include "import/lk-importer.h"
#include "lk-review-private.h"
#include "video-test-util.h"

#define W 320
#define H 240

static void
draw (guint index, guint8 *rgb, int width, int height, gpointer user_data)
{
  const LkImage *face = user_data;
  int fw = lk_image_get_width (face), x0 = (int) (index * 2 % 100);

  memset (rgb, 90, (gsize) width * height * 3);
  for (int y = 0; y < lk_image_get_height (face) && y + 10 < height; y++)
    memcpy (rgb + ((gsize) (y + 10) * width + x0) * 3, lk_image_get_rgb (face) + (gsize) y * fw * 3,
            (gsize) MIN (fw, width - x0) * 3);
}

/* Sample 1's largest face with a margin, 200 px square. */
static LkImage *
face_crop (LkFaceEngine *engine)
{
  g_autofree char *sample = itu_sample_path (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (sample, 0, &error);
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(GPtrArray) faces = lk_face_engine_analyze (engine, image, &options, NULL, &error);
  const LkBox *box = &((LkFace *) faces->pdata[0])->box;
  int side = MIN (box->width * 2, MIN (lk_image_get_width (image), lk_image_get_height (image)));
  int x = CLAMP (box->x + box->width / 2 - side / 2, 0, lk_image_get_width (image) - side);
  int y = CLAMP (box->y + box->height / 2 - side / 2, 0, lk_image_get_height (image) - side);
  g_autoptr(GBytes) bmp = itu_crop_bmp (image, x, y, side, side);
  g_autoptr(LkImage) crop = lk_image_load_bytes (bmp, 0, &error);
  g_autoptr(GBytes) png = lk_image_encode_scaled (crop, 200, FALSE, &error);
  LkImage *scaled = lk_image_load_bytes (png, 0, &error);

  g_assert_no_error (error);
  return scaled;
}

static void
test_probe_words (void)
{
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *case_path = NULL;
  g_autoptr(LkImage) face = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  g_autoptr(GPtrArray) stills = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LkReviewSideData) side = NULL;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  const LkVideoStill *middle;
  g_autofree char *code = NULL;
  g_autofree char *expect = NULL;
  const char *paths[2] = { NULL };

  if (!itu_require_engine (&engine))
    return;
  tmp = itu_tmp_dir ("lk-review-video-XXXXXX");
  clip = g_build_filename (tmp, "street.avi", NULL);
  face = face_crop (engine);
  g_assert_true (vtu_write_clip (clip, "MJPG", 10, W, H, 40, draw, face));
  kase = itu_new_case (tmp, &case_path);
  importer = lk_importer_new (kase, engine, ITU_ANALYST);
  paths[0] = clip;
  summary = lk_importer_run (importer, paths, NULL, &error);
  g_assert_no_error (error);
  videos = lk_case_list_videos (kase, &error);
  g_assert_no_error (error);
  stills = lk_case_list_video_stills (kase, ((LkVideo *) videos->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stills->len, ==, 3);
  middle = stills->pdata[1];
  filter.photo_id = middle->photo_id;
  faces = lk_case_list_faces (kase, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);

  side = lk_review_job_load_side (kase, &((LkCaseFace *) faces->pdata[0])->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (side->video_words);
  g_test_message ("%s", side->video_words);
  code = lk_format_time_code (middle->time_ms);
  expect = g_strdup_printf ("street.avi at %s · track 1, also at ", code);
  g_assert_true (g_str_has_prefix (side->video_words, expect));
  /* The neighbours: the kept frames before and after it. */
  for (guint i = 0; i < stills->len; i += 2)
    {
      g_autofree char *other = lk_format_time_code (((LkVideoStill *) stills->pdata[i])->time_ms);

      g_assert_nonnull (strstr (side->video_words + strlen (expect), other));
    }
  lk_case_close (kase);
  itu_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/review-video/probe-words", test_probe_words);
  return g_test_run ();
}
