/* test-facedata.c — the 40 labelled face-api.js crops in the shared
 * evaluation data (8 people × 5, 150 × 150 grayscale): one face each, every
 * same-person distance under 0.6 and every different-person one over it.
 * This is the check that the converted weights are dlib's network. */
#define G_LOG_DOMAIN "lk-vision-test"

#include <string.h>

#include "lk-vision-test-util.h"

static const char *people[] = { "amy", "bernadette", "howard", "leonard", "penny", "raj", "sheldon", "stuart" };
#define N_PEOPLE G_N_ELEMENTS (people)
#define N_PER 5

typedef struct {
  float descriptor[N_PEOPLE * N_PER][LK_DESCRIPTOR_DIM];
  guint found;
} Crops;

static void
on_result (guint index, const char *path, int width, int height, GPtrArray *faces,
           const GError *error, gpointer user_data)
{
  Crops *crops = user_data;

  g_assert_no_error ((GError *) error);
  g_assert_cmpint (width, ==, 150);
  if (faces->len != 1)
    g_error ("%s: %u faces found, expected one", path, faces->len);
  memcpy (crops->descriptor[index], ((LkFace *) g_ptr_array_index (faces, 0))->descriptor,
          sizeof crops->descriptor[index]);
  crops->found++;
}

static void
test_crops (void)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DIR");
  g_autofree char *root = shared ? g_build_filename (shared, "facedata", "face-api.js", "examples", "images", NULL) : NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree Crops *crops = g_new0 (Crops, 1);
  g_autoptr(GError) error = NULL;
  float max_same = 0, min_diff = G_MAXFLOAT;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("$LIKENESS_SHARED_DIR/facedata is absent");
      return;
    }
  for (guint p = 0; p < N_PEOPLE; p++)
    for (int i = 1; i <= N_PER; i++)
      {
        g_autofree char *name = g_strdup_printf ("%s%d.png", people[p], i);
        g_ptr_array_add (paths, g_build_filename (root, people[p], name, NULL));
      }
  g_assert_true (lk_face_engine_analyze_files (lkt_engine (), (const char * const *) paths->pdata, paths->len,
                                               NULL, on_result, NULL, crops, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crops->found, ==, paths->len);
  for (guint a = 0; a < paths->len; a++)
    for (guint b = a + 1; b < paths->len; b++)
      {
        float d = lk_descriptor_distance (crops->descriptor[a], crops->descriptor[b]);

        if (a / N_PER == b / N_PER)
          max_same = MAX (max_same, d);
        else
          min_diff = MIN (min_diff, d);
        if ((a / N_PER == b / N_PER) != (d < LK_MATCH_THRESHOLD))
          g_error ("%s vs %s: distance %.3f is on the wrong side of %.1f",
                   (char *) paths->pdata[a], (char *) paths->pdata[b], d, LK_MATCH_THRESHOLD);
      }
  g_test_message ("largest same-person distance %.3f, smallest different-person %.3f", max_same, min_diff);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/facedata/face-api-crops", test_crops);
  return g_test_run ();
}
