/* A video still in the workstation: the job that loads a face for Review
 * (lk-review-jobs.c) says which video, at which time code, and where the
 * track's other kept frames are; Review shows the frames around the still,
 * decoded from the evidence video, or words saying why it cannot; Photos
 * and Faces name the video and time code instead of the still's file, and
 * a Faces cell tells a screen reader the nearest candidate of the match.
 *
 * One case for every test, made once: a clip of sample 1's largest face
 * (imported as a probe video), sample 1 itself as a reference photo whose
 * largest face is "Sheldon", and the matcher run over both. */
#define G_LOG_DOMAIN "test-review-video"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "case/lk-case-video.h"
#include "import-test-util.h"
#include "import/lk-importer.h"
#include "lk-face-object.h"
#include "lk-faces-view.h"
#include "lk-photo-object.h"
#include "lk-photos-view.h"
#include "lk-review-private.h"
#include "lk-review-view-private.h"
#include "lk-review-view.h"
#include "lk-session.h"
#include "lk-test-gui.h"
#include "match/lk-matcher.h"
#include "match/lk-number.h"
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

static struct {
  char  *tmp;
  char  *clip;
  char  *case_path;
  char  *video_path;         /* the evidence copy of the clip */
  gint64 middle_face;        /* the face on the middle of the track's three stills */
  gint64 middle_ms;
  gint64 kept_face[2];       /* the faces on the first and the last still */
  gint64 kept_ms[2];
} T;

/* The one face on a still. */
static gint64
face_of_still (LkCase *kase, const LkVideoStill *still)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;

  filter.photo_id = still->photo_id;
  faces = lk_case_list_faces (kase, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  return ((LkCaseFace *) faces->pdata[0])->id;
}

/* The largest face of a reference photo becomes Sheldon's reference face. */
static void
link_sheldon (LkCase *kase)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LkPersonFields fields = { .display_name = "Sheldon" };
  LkCaseFace *largest = NULL;
  gint64 person;

  filter.role = LK_PHOTO_ROLE_REFERENCE;
  faces = lk_case_list_faces (kase, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faces->len; i++)
    if (largest == NULL || ((LkCaseFace *) faces->pdata[i])->width > largest->width)
      largest = faces->pdata[i];
  g_assert_nonnull (largest);
  person = lk_case_add_person (kase, ITU_ANALYST, &fields, &error);
  g_assert_no_error (error);
  lk_case_link_reference (kase, ITU_ANALYST, largest->id, person, &error);
  g_assert_no_error (error);
}

static void
build_case (void)
{
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) face = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(LkImporter) references = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkImportSummary) ref_summary = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  g_autoptr(GPtrArray) stills = NULL;
  g_autofree char *sample = itu_sample_path (1);
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  const LkVideo *video;
  const char *paths[2] = { NULL };

  g_assert_true (itu_require_engine (&engine));
  T.tmp = itu_tmp_dir ("lk-review-video-XXXXXX");
  T.clip = g_build_filename (T.tmp, "street.avi", NULL);
  face = face_crop (engine);
  g_assert_true (vtu_write_clip (T.clip, "MJPG", 10, W, H, 40, draw, face));
  kase = itu_new_case (T.tmp, &T.case_path);
  importer = lk_importer_new (kase, engine, ITU_ANALYST);
  paths[0] = T.clip;
  summary = lk_importer_run (importer, paths, NULL, &error);
  g_assert_no_error (error);
  references = lk_importer_new (kase, engine, ITU_ANALYST);
  lk_importer_set_role (references, LK_PHOTO_ROLE_REFERENCE);
  paths[0] = sample;
  ref_summary = lk_importer_run (references, paths, NULL, &error);
  g_assert_no_error (error);
  link_sheldon (kase);
  g_assert_true (lk_matcher_refresh (kase, ITU_ANALYST, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  videos = lk_case_list_videos (kase, &error);
  g_assert_no_error (error);
  video = videos->pdata[0];
  T.video_path = lk_case_get_evidence_path_for (kase, video->sha256, video->original_path);
  stills = lk_case_list_video_stills (kase, video->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stills->len, ==, 3);
  T.middle_ms = ((LkVideoStill *) stills->pdata[1])->time_ms;
  T.middle_face = face_of_still (kase, stills->pdata[1]);
  for (guint i = 0; i < 2; i++)
    {
      T.kept_ms[i] = ((LkVideoStill *) stills->pdata[i * 2])->time_ms;
      T.kept_face[i] = face_of_still (kase, stills->pdata[i * 2]);
    }
  lk_case_close (kase);
}

static LkCase *
open_case (LkCaseOpenFlags mode)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_open (T.case_path, mode, &error);

  g_assert_no_error (error);
  return kase;
}

static GPtrArray *
list_stills (LkCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) videos = lk_case_list_videos (kase, &error);
  GPtrArray *stills;

  g_assert_no_error (error);
  stills = lk_case_list_video_stills (kase, ((LkVideo *) videos->pdata[0])->id, &error);
  g_assert_no_error (error);
  return stills;
}

static void
test_probe_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = open_case (LK_CASE_OPEN_READ_ONLY);
  g_autoptr(GPtrArray) stills = list_stills (kase);
  g_autoptr(LkReviewSideData) side = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expect = NULL;

  side = lk_review_job_load_side (kase, &T.middle_face, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (side->video_words);
  g_test_message ("%s", side->video_words);
  code = lk_format_time_code (T.middle_ms);
  expect = g_strdup_printf ("street.avi at %s · track 1, also at ", code);
  g_assert_true (g_str_has_prefix (side->video_words, expect));
  /* The neighbours: the kept frames before and after it. */
  for (guint i = 0; i < stills->len; i += 2)
    {
      g_autofree char *other = lk_format_time_code (((LkVideoStill *) stills->pdata[i])->time_ms);

      g_assert_nonnull (strstr (side->video_words + strlen (expect), other));
    }
  lk_case_close (kase);
}

/* The window ------------------------------------------------------------------ */

typedef struct {
  GtkWidget *window;
  LkSession *session;
} Window;

static void
window_open (Window *w, GtkWidget *content)
{
  g_autoptr(GError) error = NULL;

  w->session = lk_session_new (open_case (LK_CASE_OPEN_READ_WRITE), ITU_ANALYST);
  w->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (w->window), 1600, 1000);
  adw_window_set_content (ADW_WINDOW (w->window), content);
  gtk_window_present (GTK_WINDOW (w->window));
  lk_section_set_session (LK_SECTION (content), w->session);
}

static void
window_close (Window *w, GtkWidget *content)
{
  lk_section_set_session (LK_SECTION (content), NULL);
  gtk_window_destroy (GTK_WINDOW (w->window));
  lk_test_settle (0.1);
  g_assert_finalize_object (w->session);
}

/* The middle still's face on screen, with everything loaded. */
static gboolean
probe_shown (gpointer data)
{
  LkReviewView *view = data;

  return !lk_review_view_get_busy (view) && view->probe != NULL && view->probe->face_id == T.middle_face;
}

static gboolean
has_face (gpointer data)
{
  return lk_review_view_get_current_face (data) > 0;
}

static LkReviewView *
review_open (Window *w)
{
  LkReviewView *view = LK_REVIEW_VIEW (lk_review_view_new ());

  window_open (w, GTK_WIDGET (view));
  g_assert_true (lk_test_wait_until (has_face, view, 60));
  lk_review_view_select_face (view, T.middle_face);
  g_assert_true (lk_test_wait_until (probe_shown, view, 60));
  lk_test_settle (0.2);
  return view;
}

/* The frames the strip must show: −1 s … +1 s around the still, each the
 * frame on screen then (10 fps), clamped to the 4 s clip, once each. */
static GArray *
expected_times (void)
{
  static const gint64 offsets[] = { -1000, -500, 0, 500, 1000 };
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 t = CLAMP (T.middle_ms + offsets[i], 0, 3900);
      gint64 frame_ms = (gint64) (t * 10 / 1000.0 + 0.5) * 100;

      if (times->len == 0 || g_array_index (times, gint64, times->len - 1) != frame_ms)
        g_array_append_val (times, frame_ms);
    }
  return times;
}

/* The kept still (of T.kept_*) at this time, or -1. */
static int
kept_at (gint64 t)
{
  for (int i = 0; i < 2; i++)
    if (T.kept_ms[i] == t)
      return i;
  return -1;
}

static gboolean
face_shown (gpointer data)
{
  LkReviewView *view = data;
  gint64 want = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (view), "want-face"));

  return !lk_review_view_get_busy (view) && view->probe != NULL && view->probe->face_id == want;
}

static void
test_strip (void)
{
  Window w = { 0 };
  LkReviewView *view = review_open (&w);
  g_autoptr(GArray) times = expected_times ();
  GtkWidget *child, *kept_button = NULL;
  gint64 kept_face = 0;
  guint n = 0, n_current = 0;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_box)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_strip)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_error)));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (view->probe_video_strip)); child != NULL;
       child = gtk_widget_get_next_sibling (child), n++)
    {
      GtkWidget *frame = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : child;
      GtkWidget *picture = gtk_widget_get_first_child (frame);
      GtkWidget *label = gtk_widget_get_last_child (frame);
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
      gint64 t = g_array_index (times, gint64, MIN (n, times->len - 1));
      g_autofree char *code = lk_format_time_code (t);
      gboolean current = t == T.middle_ms;
      g_autofree char *name = g_strdup_printf (current ? "Frame at %s, this still" : "Frame at %s", code);

      g_assert_cmpuint (n, <, times->len);
      /* Decoded and scaled down to 160 pixels high, keeping the clip's 4:3. */
      g_assert_true (GDK_IS_TEXTURE (paintable));
      g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 160);
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 213);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, code);
      gtk_test_accessible_assert_property (picture, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      g_assert_cmpint (gtk_widget_has_css_class (frame, "lk-video-current"), ==, current);
      n_current += current;
      /* Another kept still of the track leads to its face; no other frame does. */
      g_assert_cmpint (GTK_IS_BUTTON (child), ==, kept_at (t) >= 0);
      if (kept_at (t) >= 0)
        {
          g_autofree char *button_name = g_strdup_printf ("Frame at %s, a kept still: show its face", code);

          gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL, button_name);
          kept_button = child;
          kept_face = T.kept_face[kept_at (t)];
        }
    }
  g_assert_cmpuint (n, ==, times->len);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n_current, ==, 1);
  g_free (lk_test_screenshot (w.window, "review-video-strip"));
  /* The middle still is 1 s from the others: at least one is in the strip. */
  g_assert_nonnull (kept_button);
  g_object_set_data (G_OBJECT (view), "want-face", GSIZE_TO_POINTER (kept_face));
  g_signal_emit_by_name (kept_button, "clicked");
  g_assert_true (lk_test_wait_until (face_shown, view, 60));
  g_assert_cmpint (lk_review_view_get_current_face (view), ==, kept_face);
  window_close (&w, GTK_WIDGET (view));
}

/* Words in place of the strip; the rest of Review still shows the face. */
static void
assert_strip_says (const char *words)
{
  Window w = { 0 };
  LkReviewView *view = review_open (&w);
  const char *shown = gtk_label_get_text (view->probe_video_error);

  g_test_message ("%s", shown);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_box)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_error)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->probe_video_strip)));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (view->probe_video_strip)));
  g_assert_nonnull (strstr (shown, words));
  g_assert_nonnull (strstr (shown, "street.avi"));
  g_assert_nonnull (view->probe->chip);
  window_close (&w, GTK_WIDGET (view));
}

static void
test_strip_video_missing (void)
{
  g_autofree char *aside = g_strconcat (T.video_path, ".aside", NULL);

  g_assert_cmpint (g_rename (T.video_path, aside), ==, 0);
  assert_strip_says ("missing");
  g_assert_cmpint (g_rename (aside, T.video_path), ==, 0);
}

static void
test_strip_video_changed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *changed = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (T.video_path, &original, &size, &error));
  changed = g_malloc (size + 1);
  memcpy (changed, original, size);
  changed[size] = 0;
  g_assert_cmpint (g_chmod (T.video_path, 0644), ==, 0);
  g_assert_true (g_file_set_contents (T.video_path, changed, size + 1, &error));
  assert_strip_says ("changed outside Likeness");
  g_assert_true (g_file_set_contents (T.video_path, original, size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (T.video_path, 0444), ==, 0);
}

/* Photos and Faces ---------------------------------------------------------- */

static void
collect_labels (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static gboolean
photos_listed (gpointer data)
{
  return g_list_model_get_n_items (lk_photos_view_get_model (data)) == 4;
}

/* Every still's cell in the Photos grid, and its photo page, say
 * "street.avi · 00:01.500", not the name of the still's PNG. */
static void
test_photos_time_code (void)
{
  g_autoptr(LkCase) kase = open_case (LK_CASE_OPEN_READ_ONLY);
  g_autoptr(GPtrArray) stills = list_stills (kase);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = lk_case_list_photos (kase, -1, &error);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) page = g_string_new (NULL);
  LkPhotosView *view = lk_photos_view_new ();
  Window w = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 4);
  window_open (&w, GTK_WIDGET (view));
  g_assert_true (lk_test_wait_until (photos_listed, view, 60));
  lk_test_settle (0.5);
  collect_labels (w.window, shown);
  for (guint i = 0; i < stills->len; i++)
    {
      const LkVideoStill *still = stills->pdata[i];
      g_autofree char *code = lk_format_time_code (still->time_ms);
      g_autofree char *expect = g_strdup_printf ("street.avi · %s", code);
      g_autofree char *words = g_strconcat (expect, "\n", NULL);
      g_autoptr(LkPhoto) photo = lk_case_get_photo (kase, still->photo_id, &error);
      g_autofree char *caption = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (photo->video_name, ==, "street.avi");
      g_assert_cmpint (photo->time_ms, ==, still->time_ms);
      caption = lk_photo_dup_caption (photo);
      g_assert_cmpstr (caption, ==, expect);
      g_assert_nonnull (strstr (shown->str, words));
    }
  /* The reference photo keeps its file name. */
  g_assert_nonnull (strstr (shown->str, "sample1.jpg\n"));
  g_assert_null (strstr (shown->str, ".png\n"));

  lk_photos_view_show_photo (view, ((LkVideoStill *) stills->pdata[1])->photo_id, 0);
  g_assert_true (lk_test_wait_until ((gboolean (*) (gpointer)) lk_photos_view_is_photo_ready, view, 60));
  lk_test_settle (0.3);
  collect_labels (w.window, page);
  {
    g_autofree char *code = lk_format_time_code (T.middle_ms);
    g_autofree char *title = g_strdup_printf ("street.avi · %s\n", code);

    g_assert_nonnull (strstr (page->str, title));
  }
  window_close (&w, GTK_WIDGET (view));
}

static gboolean
faces_listed (gpointer data)
{
  return !lk_faces_view_is_loading (data) && g_list_model_get_n_items (lk_faces_view_get_model (data)) > 3;
}

/* What the cell holding the still's face shows and says. */
static void
assert_face_cell (LkFacesView *view, gint64 face_id, const char *caption, const char *description)
{
  GObject *grid = gtk_widget_get_template_child (GTK_WIDGET (view), LK_TYPE_FACES_VIEW, "grid");
  GtkWidget *cell;

  for (cell = gtk_widget_get_first_child (GTK_WIDGET (grid)); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *box = gtk_widget_get_first_child (cell);
      GtkWidget *label = box != NULL ? gtk_widget_get_last_child (box) : NULL;

      if (label == NULL || !GTK_IS_LABEL (label) || g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), caption) != 0)
        continue;
      gtk_test_accessible_assert_property (cell, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
      return;
    }
  g_error ("no cell of the Faces grid shows \"%s\"", caption);
}

/* Faces: the still's cell says the video and time code, and (issue #13
 * item 5) tells a screen reader the nearest candidate of the match. */
static void
test_faces_time_code_and_nearest (void)
{
  g_autoptr(LkCase) kase = open_case (LK_CASE_OPEN_READ_ONLY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) summaries = lk_case_list_candidate_summaries (kase, &error);
  LkFacesView *view = lk_faces_view_new ();
  const LkCandidateSummary *summary = NULL;
  g_autofree char *code = lk_format_time_code (T.middle_ms);
  g_autofree char *caption = g_strdup_printf ("street.avi · %s", code);
  g_autofree char *distance = NULL;
  g_autofree char *description = NULL;
  Window w = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    if (g_array_index (summaries, LkCandidateSummary, i).face_id == T.middle_face)
      summary = &g_array_index (summaries, LkCandidateSummary, i);
  g_assert_nonnull (summary);
  g_assert_cmpfloat (summary->best_distance, >=, 0);
  distance = lk_number_decimal (summary->best_distance, 2);
  description = g_strdup_printf ("Face %" G_GINT64_FORMAT ", %s, Unreviewed, nearest Sheldon %s",
                                 T.middle_face, caption, distance);
  g_test_message ("%s", description);

  window_open (&w, GTK_WIDGET (view));
  g_assert_true (lk_test_wait_until (faces_listed, view, 60));
  lk_test_settle (0.5);
  assert_face_cell (view, T.middle_face, caption, description);
  window_close (&w, GTK_WIDGET (view));
}

int
main (int argc, char **argv)
{
  int status;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* The application's style (AdwApplication loads it; this test has none),
     * so the screenshot shows the still highlighted among its neighbours. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/likeness/Likeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  build_case ();
  g_test_add_func ("/review-video/probe-words", test_probe_words);
  g_test_add_func ("/review-video/strip", test_strip);
  g_test_add_func ("/review-video/strip-video-missing", test_strip_video_missing);
  g_test_add_func ("/review-video/strip-video-changed", test_strip_video_changed);
  g_test_add_func ("/review-video/photos-time-code", test_photos_time_code);
  g_test_add_func ("/review-video/faces-time-code-and-nearest", test_faces_time_code_and_nearest);
  status = g_test_run ();
  itu_rm_rf (T.tmp);
  g_free (T.tmp);
  g_free (T.clip);
  g_free (T.case_path);
  g_free (T.video_path);
  return status;
}
