/* Video import with the real face engine and a real case: clips made here
 * with cv::VideoWriter (WebM with vpxenc, from a Y4M stream) from the npm
 * package's demo samples (two faces of sample 1), imported through
 * LkImporter and likeness-cli. */
#define G_LOG_DOMAIN "test-video"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "case/lk-case-private.h"  /* lk_case_create_at_version: a schema-6 case */
#include "case/lk-case-video.h"
#include "import-test-util.h"
#include "import/lk-importer.h"
#include "video-test-util.h"
#include "vision/lk-video.h"

#define CLIP_W 480
#define CLIP_H 240
#define CROP 200
#define FPS 10.0

typedef struct {
  char         *tmp;
  char         *case_path;
  LkCase       *kase;
  LkFaceEngine *engine;
  LkImage      *person[2];    /* CROP × CROP crops around two faces of sample 1 */
  GCancellable *cancel_on_frame;
  guint         n_frame_calls;
} Fixture;

typedef enum {
  CLIP_ONE,          /* person 0 moving slowly to the right */
  CLIP_SIDE_BY_SIDE, /* both people, one on each side */
  CLIP_CUT,          /* person 0, then a cut to person 1 */
} ClipKind;

typedef struct {
  Fixture  *f;
  ClipKind  kind;
  guint     n_frames;
} Clip;

/* A square of side 2 × the face's width around it, as its own image. */
static LkImage *
crop_person (LkImage *image, const LkBox *box)
{
  g_autoptr(GError) error = NULL;
  int side = MIN (box->width * 2, MIN (lk_image_get_width (image), lk_image_get_height (image)));
  int x = CLAMP (box->x + box->width / 2 - side / 2, 0, lk_image_get_width (image) - side);
  int y = CLAMP (box->y + box->height / 2 - side / 2, 0, lk_image_get_height (image) - side);
  g_autoptr(GBytes) bmp = itu_crop_bmp (image, x, y, side, side);
  g_autoptr(LkImage) crop = lk_image_load_bytes (bmp, 0, &error);
  g_autoptr(GBytes) png = NULL;
  LkImage *scaled;

  g_assert_no_error (error);
  /* Exactly CROP wide: scaled to fit, then up if the face was small. */
  png = lk_image_encode_scaled (crop, CROP, FALSE, &error);
  g_assert_no_error (error);
  scaled = lk_image_load_bytes (png, 0, &error);
  g_assert_no_error (error);
  return scaled;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *sample = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GError) error = NULL;
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;

  f->tmp = itu_tmp_dir ("lk-video-XXXXXX");
  if (!itu_require_engine (&f->engine))
    return;
  f->kase = itu_new_case (f->tmp, &f->case_path);
  sample = itu_sample_path (1);
  image = lk_image_load (sample, 0, &error);
  g_assert_no_error (error);
  faces = lk_face_engine_analyze (f->engine, image, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    f->person[i] = crop_person (image, &((LkFace *) faces->pdata[i])->box);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->kase != NULL)
    lk_case_close (f->kase);
  g_clear_object (&f->kase);
  g_clear_object (&f->engine);
  g_clear_object (&f->cancel_on_frame);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&f->person[i], lk_image_free);
  itu_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->case_path);
}

static void
paste (const LkImage *image, guint8 *rgb, int x, int y)
{
  int w = MIN (lk_image_get_width (image), CLIP_W - x), h = MIN (lk_image_get_height (image), CLIP_H - y);

  for (int row = 0; row < h; row++)
    memcpy (rgb + ((gsize) (y + row) * CLIP_W + x) * 3,
            lk_image_get_rgb (image) + (gsize) row * lk_image_get_width (image) * 3, (gsize) w * 3);
}

static void
draw_frame (guint index, guint8 *rgb, int width, int height, gpointer user_data)
{
  Clip *clip = user_data;

  memset (rgb, 96, (gsize) width * height * 3);
  switch (clip->kind)
    {
    case CLIP_ONE:
      paste (clip->f->person[0], rgb, 10 + (int) (index * 3 % 240), 20);
      break;
    case CLIP_SIDE_BY_SIDE:
      paste (clip->f->person[0], rgb, 10 + (int) (index % 4), 20);
      paste (clip->f->person[1], rgb, 260 + (int) (index % 3), 20);
      break;
    case CLIP_CUT:
      memset (rgb, index < clip->n_frames / 2 ? 40 : 220, (gsize) width * height * 3);
      paste (clip->f->person[index < clip->n_frames / 2 ? 0 : 1], rgb, 140 + (int) (index % 5), 20);
      break;
    }
}

/* Writes a clip into the fixture's folder; NULL when OpenCV cannot write the codec. */
static char *
make_clip (Fixture *f, const char *name, const char *fourcc, ClipKind kind, guint n_frames)
{
  Clip clip = { f, kind, n_frames };
  char *path = g_build_filename (f->tmp, name, NULL);

  if (!vtu_write_clip (path, fourcc, FPS, CLIP_W, CLIP_H, n_frames, draw_frame, &clip))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

/* One frame as I420 (JPEG's full-range BT.601): a luma plane, then the two
 * chroma planes at half size, each chroma sample the mean of a 2 × 2 block. */
static void
write_y4m_frame (GString *out, const guint8 *rgb, int width, int height)
{
  for (int i = 0; i < width * height; i++)
    {
      const guint8 *p = rgb + (gsize) i * 3;

      g_string_append_c (out, (char) (guint8) CLAMP (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] + 0.5, 0, 255));
    }
  for (int plane = 0; plane < 2; plane++)
    for (int y = 0; y < height; y += 2)
      for (int x = 0; x < width; x += 2)
        {
          double r = 0, g = 0, b = 0;

          for (int k = 0; k < 4; k++)
            {
              const guint8 *p = rgb + ((gsize) (y + k / 2) * width + x + k % 2) * 3;

              r += p[0] / 4.0;
              g += p[1] / 4.0;
              b += p[2] / 4.0;
            }
          g_string_append_c (out, (char) (guint8) CLAMP (plane == 0 ? 128 - 0.168736 * r - 0.331264 * g + 0.5 * b + 0.5
                                                           : 128 + 0.5 * r - 0.418688 * g - 0.081312 * b + 0.5,
                                                0, 255));
        }
}

/* A WebM (VP8) clip: Debian's OpenCV cannot write VP8, so the frames go to
 * vpxenc as a Y4M stream.  vpxenc missing fails the test: vpx-tools is in
 * build-aux/debian-packages.txt. */
static char *
make_webm (Fixture *f, const char *name, ClipKind kind, guint n_frames)
{
  Clip clip = { f, kind, n_frames };
  g_autofree char *y4m_path = g_strdup_printf ("%s/%s.y4m", f->tmp, name);
  g_autofree guint8 *rgb = g_malloc ((gsize) CLIP_W * CLIP_H * 3);
  g_autoptr(GString) y4m = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *path = g_build_filename (f->tmp, name, NULL);
  int status = 0;

  g_string_append_printf (y4m, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", CLIP_W, CLIP_H, (int) FPS);
  for (guint i = 0; i < n_frames; i++)
    {
      draw_frame (i, rgb, CLIP_W, CLIP_H, &clip);
      g_string_append (y4m, "FRAME\n");
      write_y4m_frame (y4m, rgb, CLIP_W, CLIP_H);
    }
  itu_write_file (y4m_path, y4m->str, y4m->len);
  {
    const char *argv[] = { "vpxenc", "--codec=vp8", "--webm", "--good", "--cpu-used=4", "--quiet",
                           "-o", path, y4m_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("vpxenc failed: %s\n%s", error->message, err);
  g_assert_cmpint (lk_video_sniff_file (path), ==, LK_VIDEO_FORMAT_WEBM);
  return path;
}

static LkImportSummary *
import (Fixture *f, const char *path, GError **error)
{
  g_autoptr(LkImporter) importer = lk_importer_new (f->kase, f->engine, ITU_ANALYST);
  const char *paths[] = { path, NULL };

  return lk_importer_run (importer, paths, NULL, error);
}

static void
assert_case_verifies (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) audit = NULL;
  g_autoptr(LkEvidenceReport) evidence = NULL;

  g_assert_true (lk_case_verify_audit (f->kase, NULL, &audit, &error));
  g_assert_no_error (error);
  if (!audit->ok)
    g_error ("audit verify failed: %s", audit->message);
  g_assert_true (lk_case_verify_evidence (f->kase, &evidence, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < evidence->problems->len; i++)
    g_printerr ("evidence: %s\n", ((LkEvidenceProblem *) evidence->problems->pdata[i])->message);
  g_assert_cmpuint (evidence->problems->len, ==, 0);
}

static guint
count_evidence_files (Fixture *f)
{
  g_autofree char *dir_path = g_build_filename (f->case_path, "evidence", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The still's PNG holds exactly the frame the decoder gives at its frame number. */
static void
assert_still_is_frame (Fixture *f, const LkVideo *video, const LkVideoStill *still)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *video_path = g_build_filename (f->case_path, "evidence", video->evidence_name, NULL);
  g_autofree char *png_path = lk_case_get_evidence_path (f->kase, still->photo_id, &error);
  g_autoptr(LkVideoReader) reader = lk_video_reader_open (video_path, 1, 1.0, &error);
  g_autoptr(LkImage) png = NULL;
  LkVideoFrame frame;

  g_assert_no_error (error);
  png = lk_image_load (png_path, 0, &error);
  g_assert_no_error (error);
  while (lk_video_reader_next (reader, &frame, NULL, &error))
    {
      g_autoptr(LkImage) image = frame.image;

      if (frame.frame_index != still->frame_index)
        continue;
      g_assert_cmpint (frame.time_ms, ==, still->time_ms);
      g_assert_cmpint (lk_image_get_width (png), ==, lk_image_get_width (image));
      g_assert_cmpint (lk_image_get_height (png), ==, lk_image_get_height (image));
      g_assert_cmpmem (lk_image_get_rgb (png), lk_image_get_width (png) * lk_image_get_height (png) * 3,
                       lk_image_get_rgb (image), lk_image_get_width (image) * lk_image_get_height (image) * 3);
      return;
    }
  g_assert_no_error (error);
  g_error ("frame %" G_GINT64_FORMAT " of the still is not in the video", still->frame_index);
}

/* Checks the video's rows and returns the number of stills; every face is on a track. */
static guint
check_video (Fixture *f, const LkVideo *video, guint expect_tracks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stills = lk_case_list_video_stills (f->kase, video->id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (video->n_tracks, ==, expect_tracks);
  g_assert_cmpuint (stills->len, >=, 1);
  for (guint t = 1; t <= expect_tracks; t++)
    {
      g_autoptr(GPtrArray) of_track = lk_case_list_track_stills (f->kase, video->id, t, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (of_track->len, >=, 1);
      g_assert_cmpuint (of_track->len, <=, video->faces_per_track);
    }
  for (guint i = 0; i < stills->len; i++)
    {
      LkVideoStill *still = stills->pdata[i];
      g_autoptr(LkPhoto) photo = lk_case_get_photo (f->kase, still->photo_id, &error);
      g_autofree char *code = lk_format_time_code (still->time_ms);
      LkFaceFilter filter = LK_FACE_FILTER_INIT;
      g_autoptr(GPtrArray) faces = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (photo->role, ==, LK_PHOTO_ROLE_PROBE);
      g_assert_cmpstr (still->video_sha256, ==, video->sha256);
      g_assert_cmpint (still->time_ms, ==, (gint64) (still->frame_index * 1000 / FPS + 0.5));
      g_assert_nonnull (strstr (photo->original_name, video->original_name));
      g_assert_nonnull (strstr (photo->original_name, code));
      filter.photo_id = photo->id;
      faces = lk_case_list_faces (f->kase, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (faces->len, >=, 1);
      for (guint j = 0; j < faces->len; j++)
        {
          guint track = lk_case_get_face_track (f->kase, ((LkCaseFace *) faces->pdata[j])->id, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (track, >=, 1);
          g_assert_cmpuint (track, <=, expect_tracks);
        }
      assert_still_is_frame (f, video, still);
    }
  return stills->len;
}

static LkVideo *
only_video (Fixture *f, guint expect_n, guint index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) videos = lk_case_list_videos (f->kase, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (videos->len, ==, expect_n);
  return g_ptr_array_steal_index (videos, index);
}

/* The 4-second pan of one person, imported: one track of its best stills. */
static void
import_one_person_clip (Fixture *f, const char *clip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) video = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  summary = import (f, clip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 1);
  g_assert_cmpuint (summary->n_errors, ==, 0);
  g_assert_cmpuint (summary->n_faces, >=, 1);
  video = only_video (f, 1, 0);
  /* The video itself is the evidence: its SHA-256, read-only. */
  g_assert_true (g_file_get_contents (clip, &contents, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (video->sha256, ==, sha);
  {
    g_autofree char *evidence = g_build_filename (f->case_path, "evidence", video->evidence_name, NULL);

    g_assert_cmpint (g_stat (evidence, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0222, ==, 0);
  }
  g_assert_null (video->decode_error);
  /* 40 frames at 10 fps, whatever the container stated. */
  g_assert_cmpint (video->duration_ms, ==, 4000);
  g_assert_cmpint (video->frame_interval_ms, ==, LK_VIDEO_DEFAULT_INTERVAL_MS);
  g_assert_cmpuint (video->faces_per_track, ==, LK_IMPORT_DEFAULT_FACES_PER_TRACK);
  /* 4 s at 0.5 s: 8 samples, no scene change in a slow pan. */
  g_assert_cmpuint (video->n_frames_sampled, ==, 8);
  g_assert_cmpuint (check_video (f, video, 1), <=, 3);
  assert_case_verifies (f);

  /* A video's evidence is never removed. */
  g_assert_false (lk_case_discard_evidence (f->kase, video->sha256, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  assert_case_verifies (f);

  /* The same video again changes nothing. */
  g_clear_pointer (&summary, lk_import_summary_unref);
  summary = import (f, clip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_duplicates, ==, 1);
  g_clear_pointer (&video, lk_video_free);
  video = only_video (f, 1, 0);
}

static void
import_one_person (Fixture *f, const char *name, const char *fourcc)
{
  g_autofree char *clip = make_clip (f, name, fourcc, CLIP_ONE, 40);

  if (clip == NULL)
    {
      g_test_skip ("this OpenCV cannot write that codec");
      return;
    }
  import_one_person_clip (f, clip);
}

static void
test_one_person_avi (Fixture *f, gconstpointer data)
{
  if (f->kase != NULL)
    import_one_person (f, "one.avi", "MJPG");
}

static void
test_one_person_mp4 (Fixture *f, gconstpointer data)
{
  if (f->kase != NULL)
    import_one_person (f, "one.mp4", "mp4v");
}

/* WebM end to end: VP8 made by vpxenc, decoded by OpenCV's FFmpeg backend,
 * each still's pixels the decoded frame's. */
static void
test_one_person_webm (Fixture *f, gconstpointer data)
{
  g_autofree char *clip = NULL;

  if (f->kase == NULL)
    return;
  clip = make_webm (f, "one.webm", CLIP_ONE, 40);
  import_one_person_clip (f, clip);
}

/* The containers the issue names beside AVI and MP4 (imported above),
 * recognised by content and decoded. */
static void
test_containers (Fixture *f, gconstpointer data)
{
  static const struct {
    const char   *name;
    const char   *fourcc;
    LkVideoFormat format;
  } clips[] = {
    { "c.mkv", "MJPG", LK_VIDEO_FORMAT_MKV },
    { "c.webm", "VP80", LK_VIDEO_FORMAT_WEBM },
    { "c.mov", "mp4v", LK_VIDEO_FORMAT_MOV },
  };
  guint n_written = 0;

  if (f->kase == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (clips); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clip = make_clip (f, clips[i].name, clips[i].fourcc, CLIP_ONE, 12 + i);
      g_autofree char *renamed = NULL;
      g_autoptr(LkImportSummary) summary = NULL;
      g_autoptr(LkVideo) video = NULL;

      if (clip == NULL)
        {
          g_test_message ("this OpenCV cannot write %s with %s", clips[i].name, clips[i].fourcc);
          continue;
        }
      n_written++;
      /* By content, not by name. */
      renamed = g_strdup_printf ("%s.bin", clip);
      g_assert_cmpint (g_rename (clip, renamed), ==, 0);
      g_assert_cmpint (lk_video_sniff_file (renamed), ==, clips[i].format);
      summary = import (f, renamed, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (summary->n_imported, ==, 1);
      video = only_video (f, n_written, n_written - 1);
      g_assert_cmpuint (video->n_tracks, ==, 1);
    }
  g_assert_cmpuint (n_written, >=, 2);
  assert_case_verifies (f);
}

static void
test_two_people (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *side = NULL;
  g_autofree char *cut = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) first = NULL;
  g_autoptr(LkVideo) second = NULL;

  if (f->kase == NULL)
    return;
  dir = g_build_filename (f->tmp, "clips", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  side = make_clip (f, "clips/a-side-by-side.avi", "MJPG", CLIP_SIDE_BY_SIDE, 30);
  cut = make_clip (f, "clips/b-cut.avi", "MJPG", CLIP_CUT, 30);
  g_assert_nonnull (side);
  g_assert_nonnull (cut);
  /* A folder of videos, like a folder of photos. */
  summary = import (f, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 2);
  first = only_video (f, 2, 0);
  second = only_video (f, 2, 1);
  g_assert_cmpstr (first->original_name, ==, "a-side-by-side.avi");
  check_video (f, first, 2);
  check_video (f, second, 2);
  /* 3 s at 0.5 s is 6 samples; the cut at 1.5 s falls on one, so the scene
   * check adds none there — but the brightness change must not split a track. */
  g_assert_cmpuint (second->n_frames_sampled, >=, 6);
  assert_case_verifies (f);
}

static void
test_scene_change (void)
{
  /* A cut between two samples gets a sample of its own, within a fifth of the interval. */
  g_autofree char *tmp = itu_tmp_dir ("lk-video-scene-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "cut.avi", NULL);
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVideoReader) reader = NULL;
  LkVideoFrame frame;
  guint n = 0, n_scene = 0;
  Clip clip = { &f, CLIP_CUT, 27 };
  g_autofree guint8 *grey = g_malloc0 (CROP * CROP * 3);
  g_autoptr(GBytes) bmp = itu_rgb_to_bmp (grey, CROP, CROP);

  f.person[0] = lk_image_load_bytes (bmp, 0, &error);
  g_assert_no_error (error);
  f.person[1] = lk_image_load_bytes (bmp, 0, &error);
  g_assert_no_error (error);
  /* The cut is at frame 13 (1.3 s), between the samples at 1.0 and 1.5 s. */
  g_assert_true (vtu_write_clip (path, "MJPG", FPS, CLIP_W, CLIP_H, 27, draw_frame, &clip));
  reader = lk_video_reader_open (path, 500, LK_VIDEO_DEFAULT_SCENE_THRESHOLD, &error);
  g_assert_no_error (error);
  while (lk_video_reader_next (reader, &frame, NULL, &error))
    {
      n++;
      if (frame.scene_change)
        {
          n_scene++;
          g_assert_cmpint (frame.frame_index, ==, 13);
        }
      lk_image_free (frame.image);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_scene, ==, 1);
  /* 0, 0.5, 1.0, the cut at 1.3, then 1.8 and 2.3: the interval restarts at the cut. */
  g_assert_cmpuint (n, ==, 6);
  lk_image_free (f.person[0]);
  lk_image_free (f.person[1]);
  itu_rm_rf (tmp);
}

/* Frame i of a clip whose every frame has its own colour: red steps with
 * the tenth of a second, green with the second. */
static void
draw_timed (guint index, guint8 *rgb, int width, int height, gpointer user_data)
{
  for (gsize p = 0; p < (gsize) width * height; p++)
    {
      rgb[p * 3] = (guint8) (40 + 20 * (index % 10));
      rgb[p * 3 + 1] = (guint8) (40 + 60 * (index / 10));
      rgb[p * 3 + 2] = 128;
    }
}

/* The picture of the frame read at `time_ms` is frame `index`'s colour. */
static void
assert_frame_at (LkVideoReader *reader, gint64 time_ms, guint index, int max_height)
{
  g_autoptr(GError) error = NULL;
  gint64 shown = -1;
  g_autoptr(LkImage) image = lk_video_reader_read_at (reader, time_ms, max_height, &shown, &error);
  const guint8 *centre;

  g_assert_no_error (error);
  g_assert_cmpint (shown, ==, (gint64) index * 100);
  g_assert_cmpint (lk_image_get_height (image), ==, max_height > 0 ? max_height : CLIP_H);
  g_assert_cmpint (lk_image_get_width (image), ==, max_height > 0 ? max_height * 2 : CLIP_W);
  centre = lk_image_get_rgb (image) + ((gsize) lk_image_get_height (image) / 2 * lk_image_get_width (image)
                                       + lk_image_get_width (image) / 2) * 3;
  /* The codec's rounding moves a colour by a few levels, never by a step of 20. */
  g_assert_cmpint (ABS ((int) centre[0] - (int) (40 + 20 * (index % 10))), <=, 6);
  g_assert_cmpint (ABS ((int) centre[1] - (int) (40 + 60 * (index / 10))), <=, 6);
}

static void
test_frame_at (void)
{
  /* MPEG-4 part 2 has a key frame only every 12 frames: a seek that landed
   * on the key frame before the time would show the wrong colour. */
  g_autofree char *tmp = itu_tmp_dir ("lk-video-frame-at-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "timed.mp4", NULL);
  g_autofree char *missing = g_build_filename (tmp, "gone.mp4", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVideoReader) reader = NULL;
  g_autoptr(LkImage) image = NULL;
  gint64 shown = -1;

  g_assert_true (vtu_write_clip (path, "mp4v", FPS, CLIP_W, CLIP_H, 30, draw_timed, NULL));
  reader = lk_video_reader_open (path, 500, LK_VIDEO_DEFAULT_SCENE_THRESHOLD, &error);
  g_assert_no_error (error);
  assert_frame_at (reader, 2500, 25, 0);
  assert_frame_at (reader, 1230, 12, 0);    /* on screen from 1.2 s to 1.3 s */
  assert_frame_at (reader, 500, 5, 120);    /* backwards, and scaled to 120 px high */
  assert_frame_at (reader, 0, 0, 60);
  assert_frame_at (reader, 1900, 19, 0);
  assert_frame_at (reader, -300, 0, 0);     /* clamped to the video */
  assert_frame_at (reader, 9000, 29, 0);

  image = lk_video_read_frame_at (path, 700, 0, &shown, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shown, ==, 700);
  g_clear_pointer (&image, lk_image_free);
  image = lk_video_read_frame_at (missing, 700, 0, &shown, &error);
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_NOT_FOUND);
  g_assert_null (image);
  itu_rm_rf (tmp);
}

/* Half of a 4-second clip imports what it has: an error naming the time
 * decoding stopped at and the length the container states, the stills
 * before it kept.  Returns the whole file. */
static char *
import_half (Fixture *f, const char *clip, const char *stated_length, gsize *length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) video = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  const LkImportFileResult *result;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (clip, &contents, length, NULL));
  /* Half the file: the header still says 40 frames (4 s). */
  itu_write_file (clip, contents, *length / 2);
  summary = import (f, clip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_errors, ==, 1);
  result = summary->files->pdata[0];
  g_assert_cmpint (result->outcome, ==, LK_IMPORT_OUTCOME_ERROR);
  g_test_message ("%s", result->message);
  g_assert_nonnull (strstr (result->message, "decoding failed at 00:0"));
  g_assert_nonnull (strstr (result->message, stated_length));
  g_assert_nonnull (strstr (result->message, "kept"));
  g_assert_cmpuint (result->n_faces, >=, 1);
  video = only_video (f, 1, 0);
  g_assert_nonnull (video->decode_error);
  g_assert_cmpint (video->decoded_ms, <, 3000);
  g_assert_cmpint (video->decoded_ms, >, 0);
  check_video (f, video, 1);
  errors = lk_case_list_import_errors (f->kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((LkImportError *) errors->pdata[0])->reason, "decoding failed at"));
  assert_case_verifies (f);
  return contents;
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *junk = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) video = NULL;
  const LkImportFileResult *result;
  gsize length = 0;

  if (f->kase == NULL)
    return;
  clip = make_clip (f, "cut-short.avi", "MJPG", CLIP_ONE, 40);
  contents = import_half (f, clip, "of 00:04.000", &length);

  /* Not decodable at all: an error at 00:00.000, nothing kept, no evidence left. */
  g_clear_pointer (&summary, lk_import_summary_unref);
  junk = g_build_filename (f->tmp, "junk.avi", NULL);
  itu_write_file (junk, contents, 600);
  summary = import (f, junk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_errors, ==, 1);
  result = summary->files->pdata[0];
  g_test_message ("%s", result->message);
  g_assert_nonnull (strstr (result->message, "00:00.000"));
  g_clear_pointer (&video, lk_video_free);
  video = only_video (f, 1, 0);
  assert_case_verifies (f);
}

/* A WebM cut short, as the AVI above: Matroska states its duration at the
 * start, so the missing end is named as such.  vpxenc states the start of
 * the last frame (3.9 s), and that is all a cut file can say. */
static void
test_truncated_webm (Fixture *f, gconstpointer data)
{
  g_autofree char *clip = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (f->kase == NULL)
    return;
  clip = make_webm (f, "cut-short.webm", CLIP_ONE, 40);
  contents = import_half (f, clip, "of 00:03.900", &length);
}

static void
on_frame_cancel (const LkImportProgress *progress, gpointer user_data)
{
  Fixture *f = user_data;

  if (progress->file != NULL)
    return;
  g_assert_nonnull (progress->video);
  g_assert_cmpuint (progress->frames_done, ==, ++f->n_frame_calls);
  g_assert_cmpuint (progress->frames_done, <=, progress->frames_total);
  if (progress->frames_done == 2)
    g_cancellable_cancel (f->cancel_on_frame);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clip = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  const char *paths[2] = { NULL };

  if (f->kase == NULL)
    return;
  clip = make_clip (f, "long.avi", "MJPG", CLIP_ONE, 80);
  paths[0] = clip;
  f->cancel_on_frame = g_cancellable_new ();
  importer = lk_importer_new (f->kase, f->engine, ITU_ANALYST);
  lk_importer_set_n_workers (importer, 1);
  lk_importer_set_progress_func (importer, on_frame_cancel, f, NULL);
  summary = lk_importer_run (importer, paths, f->cancel_on_frame, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (summary);
  g_assert_cmpuint (f->n_frame_calls, >=, 2);
  g_assert_cmpuint (f->n_frame_calls, <, 16);
  videos = lk_case_list_videos (f->kase, NULL);
  photos = lk_case_list_photos (f->kase, -1, NULL);
  g_assert_cmpuint (videos->len, ==, 0);
  g_assert_cmpuint (photos->len, ==, 0);
  g_assert_cmpuint (count_evidence_files (f), ==, 0);
  assert_case_verifies (f);
}

/* Settings through the CLI, and a row changed behind Likeness's back is caught. */
static void
test_cli_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *db = NULL;
  g_autoptr(LkVideo) video = NULL;
  g_autoptr(LkAuditReport) audit = NULL;
  int status = 0;

  if (f->kase == NULL)
    return;
  clip = make_clip (f, "cli.avi", "MJPG", CLIP_SIDE_BY_SIDE, 30);
  lk_case_close (f->kase);
  g_clear_object (&f->kase);
  {
    const char *args[] = { "import", "--case", f->case_path, "--role", "probe", "--frame-interval", "1",
                           "--faces-per-track", "1", clip, NULL };

    g_assert_cmpint (itu_run_cli (args, &out, &err), ==, 0);
    g_test_message ("%s%s", out, err);
  }
  f->kase = lk_case_open (f->case_path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  video = only_video (f, 1, 0);
  g_assert_cmpint (video->frame_interval_ms, ==, 1000);
  g_assert_cmpuint (video->faces_per_track, ==, 1);
  g_assert_cmpuint (video->n_frames_sampled, ==, 3);
  g_assert_cmpuint (check_video (f, video, 2), <=, 2);
  assert_case_verifies (f);
  {
    const char *bad[] = { "import", "--case", f->case_path, "--role", "probe", "--frame-interval", "0",
                          clip, NULL };

    g_autofree char *bad_out = NULL;
    g_autofree char *bad_err = NULL;

    g_assert_cmpint (itu_run_cli (bad, &bad_out, &bad_err), !=, 0);
    g_assert_nonnull (strstr (bad_err, "--frame-interval"));
  }

  /* A time code edited outside Likeness fails `audit verify`. */
  lk_case_close (f->kase);
  g_clear_object (&f->kase);
  db = g_build_filename (f->case_path, "case.db", NULL);
  {
    const char *argv[] = { "sqlite3", db, "UPDATE video_stills SET time_ms = time_ms + 40", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  f->kase = lk_case_open (f->case_path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_verify_audit (f->kase, NULL, &audit, &error));
  g_assert_false (audit->ok);
  g_assert_nonnull (strstr (audit->message, "time_ms"));
}

static char *
run_report (Fixture *f, const char *format)
{
  g_autofree char *name = g_strdup_printf ("report.%s", format);
  g_autofree char *path = g_build_filename (f->tmp, name, NULL);
  const char *args[] = { "report", "--case", f->case_path, "--format", format, "--output", path,
                         "--quiet", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *text = NULL;

  /* Captured: what the CLI prints must not mix with this test's TAP output. */
  g_assert_cmpint (itu_run_cli (args, &out, &err), ==, 0);
  if (g_str_equal (format, "pdf"))
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                                   NULL, &status, &error));
      g_assert_no_error (error);
      return text;
    }
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Every report format names the video and the time code of a still's face. */
static void
test_reports (Fixture *f, gconstpointer data)
{
  static const char * const formats[] = { "json", "csv", "html", "pdf" };
  g_autoptr(GError) error = NULL;
  g_autofree char *clip = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) video = NULL;
  g_autoptr(GPtrArray) stills = NULL;
  g_autoptr(LkVideoStill) first = NULL;
  g_autofree char *code = NULL;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;
  LkPersonFields person = { "Jane Roe" };
  gint64 person_id;

  if (f->kase == NULL)
    return;
  clip = make_clip (f, "report-clip.avi", "MJPG", CLIP_ONE, 20);
  summary = import (f, clip, &error);
  g_assert_no_error (error);
  video = only_video (f, 1, 0);
  stills = lk_case_list_video_stills (f->kase, video->id, &error);
  g_assert_no_error (error);
  first = g_ptr_array_steal_index (stills, 0);
  filter.photo_id = first->photo_id;
  faces = lk_case_list_faces (f->kase, &filter, &error);
  g_assert_no_error (error);
  person_id = lk_case_add_person (f->kase, ITU_ANALYST, &person, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_decision (f->kase, ITU_ANALYST, ((LkCaseFace *) faces->pdata[0])->id, person_id,
                                         LK_OUTCOME_EXCLUDED, NULL, "Different ear shape.", &error), >, 0);
  g_assert_no_error (error);
  code = lk_format_time_code (first->time_ms);
  lk_case_close (f->kase);
  g_clear_object (&f->kase);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = run_report (f, formats[i]);
      g_autofree char *json_code = g_strdup_printf ("\"time_code\" : \"%s\"", code);

      g_test_message ("%s report", formats[i]);
      g_assert_nonnull (strstr (text, "report-clip.avi"));
      g_assert_nonnull (strstr (text, code));
      if (g_str_equal (formats[i], "json"))
        g_assert_nonnull (strstr (text, json_code));
      if (g_str_equal (formats[i], "csv"))
        g_assert_nonnull (strstr (text, "probe_video,probe_video_time_code"));
      /* The still's own name holds both too; the reports say it in words. */
      if (g_str_equal (formats[i], "html") || g_str_equal (formats[i], "pdf"))
        g_assert_nonnull (strstr (text, "Video:"));
    }
  f->kase = lk_case_open (f->case_path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
}

/* A case from the previous version (schema 6) opens, upgrades and takes videos. */
static void
test_schema_6_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *clip = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkVideo) video = NULL;

  if (f->kase == NULL)
    return;
  lk_case_close (f->kase);
  g_clear_object (&f->kase);
  path = g_build_filename (f->tmp, "old-case", NULL);
  {
    g_autoptr(LkCase) old = lk_case_create_at_version (path, "Old", "", "", "Ann", 6, &error);

    g_assert_no_error (error);
    g_assert_cmpint (lk_case_get_schema_version (old), ==, 6);
    lk_case_close (old);
  }
  f->kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, lk_case_get_supported_schema_version ());
  g_assert_cmpint (lk_case_get_schema_version (f->kase), >=, 8);
  g_free (f->case_path);
  f->case_path = g_steal_pointer (&path);
  assert_case_verifies (f);
  clip = make_clip (f, "after-upgrade.avi", "MJPG", CLIP_ONE, 20);
  summary = import (f, clip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 1);
  video = only_video (f, 1, 0);
  check_video (f, video, 1);
  assert_case_verifies (f);
}

static void
test_sniff (void)
{
  static const guint8 avi[] = "RIFF\x10\0\0\0AVI LIST";
  static const guint8 mp4[] = "\0\0\0\x18" "ftypisom\0\0\0\0";
  static const guint8 mov[] = "\0\0\0\x14" "ftypqt  \0\0\0\0";
  static const guint8 heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0";
  static const guint8 mkv[] = "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska";
  static const guint8 webm[] = "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm";
  static const guint8 jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF";

  g_assert_cmpint (lk_video_sniff (avi, sizeof avi - 1), ==, LK_VIDEO_FORMAT_AVI);
  g_assert_cmpint (lk_video_sniff (mp4, sizeof mp4 - 1), ==, LK_VIDEO_FORMAT_MP4);
  g_assert_cmpint (lk_video_sniff (mov, sizeof mov - 1), ==, LK_VIDEO_FORMAT_MOV);
  g_assert_cmpint (lk_video_sniff (heic, sizeof heic - 1), ==, LK_VIDEO_FORMAT_UNKNOWN);
  g_assert_cmpint (lk_video_sniff (mkv, sizeof mkv - 1), ==, LK_VIDEO_FORMAT_MKV);
  g_assert_cmpint (lk_video_sniff (webm, sizeof webm - 1), ==, LK_VIDEO_FORMAT_WEBM);
  g_assert_cmpint (lk_video_sniff (jpeg, sizeof jpeg - 1), ==, LK_VIDEO_FORMAT_UNKNOWN);
  g_assert_cmpint (lk_video_sniff (avi, 0), ==, LK_VIDEO_FORMAT_UNKNOWN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/video/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/video/sniff", test_sniff);
  g_test_add_func ("/video/scene-change", test_scene_change);
  g_test_add_func ("/video/frame-at", test_frame_at);
  ADD ("one-person-avi", test_one_person_avi);
  ADD ("one-person-mp4", test_one_person_mp4);
  ADD ("one-person-webm", test_one_person_webm);
  ADD ("containers", test_containers);
  ADD ("two-people", test_two_people);
  ADD ("truncated", test_truncated);
  ADD ("truncated-webm", test_truncated_webm);
  ADD ("cancel", test_cancel);
  ADD ("cli-settings", test_cli_settings);
  ADD ("schema-6-upgrade", test_schema_6_upgrade);
  ADD ("reports", test_reports);
  return g_test_run ();
}
