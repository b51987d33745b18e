/* test-facedata.c — clustering real faces with the real face engine:
 * the 40 labelled face-api.js crops give 8 groups (one per person), and
 * dlib's bald_guys.jpg imported as a collage gives 4.  Skips when
 * $LIKENESS_SHARED_DIR/facedata is absent (a fresh machine has none). */
#define G_LOG_DOMAIN "test-facedata"

#include <glib/gstdio.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "match/lk-cluster.h"
#include "match/lk-matcher.h"
#include "vision/lk-vision.h"

static char *
facedata (const char *relative)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DIR");
  char *path;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "facedata", relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

static LkFaceEngine *
engine_or_skip (void)
{
  g_autoptr(GError) error = NULL;
  LkFaceEngine *engine = lk_face_engine_get_default (&error);

  if (engine == NULL)
    g_error ("the face engine cannot load its models: %s", error->message);
  return engine;
}

static GPtrArray *
analyze (LkFaceEngine *engine, const char *path, int upsample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  GPtrArray *faces;

  g_assert_no_error (error);
  options.upsample = upsample;
  faces = lk_face_engine_analyze (engine, image, &options, NULL, &error);
  g_assert_no_error (error);
  return faces;
}

static void
test_face_api_crops (void)
{
  static const char *people[] = { "amy", "bernadette", "howard", "leonard", "penny", "raj", "sheldon", "stuart" };
  g_autofree char *root = facedata ("face-api.js/examples/images");
  g_autoptr(LkFaceEngine) engine = NULL;
  float descriptors[40 * LK_DESCRIPTOR_DIM];
  guint labels[40], n_clusters = 0;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    {
      g_test_skip ("$LIKENESS_SHARED_DIR/facedata is absent");
      return;
    }
  engine = engine_or_skip ();
  for (guint p = 0; p < 8; p++)
    for (guint j = 0; j < 5; j++)
      {
        g_autofree char *file = g_strdup_printf ("%s%u.png", people[p], j + 1);
        g_autofree char *path = g_build_filename (root, people[p], file, NULL);
        g_autoptr(GPtrArray) faces = analyze (engine, path, 1);

        g_assert_cmpuint (faces->len, >=, 1);
        memcpy (descriptors + (p * 5 + j) * LK_DESCRIPTOR_DIM, ((LkFace *) faces->pdata[0])->descriptor,
                sizeof (float) * LK_DESCRIPTOR_DIM);
      }
  g_assert_true (lk_cluster_faces (descriptors, 40, NULL, 0, LK_CLUSTER_DEFAULT_THRESHOLD,
                                   LK_CLUSTER_DEFAULT_LINKAGE, labels, &n_clusters, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_clusters, ==, 8);
  /* And each group is one person. */
  for (guint i = 0; i < 40; i++)
    g_assert_cmpuint (labels[i], ==, labels[(i / 5) * 5]);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A case holding the photo as a probe, its faces as the engine found them. */
static guint
clusters_of_photo (LkFaceEngine *engine, const char *path, gboolean collage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-test-facedata-XXXXXX", &error);
  g_autofree char *case_path = g_build_filename (dir, "t.likeness", NULL);
  g_autoptr(LkCase) kase = lk_case_create (case_path, "bald guys", NULL, NULL, "Tester", &error);
  g_autoptr(GPtrArray) faces = analyze (engine, path, 0);
  g_autofree char *sha = NULL;
  LkPhotoNew photo = { 0 };
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkMatchSummary summary = { 0 };
  gint64 photo_id;
  guint n;

  g_assert_no_error (error);
  g_assert_true (lk_case_store_evidence (kase, path, NULL, &sha, &error));
  photo.role = LK_PHOTO_ROLE_PROBE;
  photo.sha256 = sha;
  photo.original_path = path;
  photo_id = lk_case_add_photo (kase, "Tester", &photo, NULL, &error);
  g_assert_no_error (error);
  if (collage)
    g_assert_true (lk_case_set_photo_collage (kase, "Tester", photo_id, TRUE, &error));
  g_test_message ("%u faces in %s", faces->len, path);
  for (guint i = 0; i < faces->len; i++)
    {
      LkFace *f = faces->pdata[i];
      LkFaceNew nf = { 0 };

      nf.origin = LK_FACE_ORIGIN_DETECTED;
      nf.x = f->box.x, nf.y = f->box.y, nf.width = f->box.width, nf.height = f->box.height;
      nf.descriptor = f->descriptor;
      nf.model_id = lk_face_engine_get_model_id (engine);
      g_assert_cmpint (lk_case_add_face (kase, "Tester", photo_id, &nf, &error), >, 0);
    }
  g_assert_true (lk_matcher_refresh (kase, "Tester", &settings, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  n = summary.n_clusters;
  g_assert_cmpuint (summary.n_clustered_faces, ==, faces->len);
  lk_match_summary_clear (&summary);
  g_clear_object (&kase);
  remove_tree (dir);
  return n;
}

static void
test_bald_guys_collage (void)
{
  g_autofree char *path = facedata ("dlib/examples/faces/bald_guys.jpg");
  g_autoptr(LkFaceEngine) engine = NULL;

  if (path == NULL)
    {
      g_test_skip ("$LIKENESS_SHARED_DIR/facedata is absent");
      return;
    }
  engine = engine_or_skip ();
  /* A collage: the same person appears many times on one sheet. */
  g_assert_cmpuint (clusters_of_photo (engine, path, TRUE), ==, 4);
  /* The same photo not marked a collage: faces of one photo are different
   * people, so nothing is grouped. */
  g_assert_cmpuint (clusters_of_photo (engine, path, FALSE), ==, 24);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/match/facedata/face-api-crops-8-groups", test_face_api_crops);
  g_test_add_func ("/match/facedata/bald-guys-collage-4-groups", test_bald_guys_collage);
  return g_test_run ();
}
