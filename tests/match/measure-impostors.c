/* measure-impostors.c — measures the impostor distribution baked into
 * src/match/lk-evidence-builtin.c (not a test; run by hand):
 *
 *   measure-impostors $LIKENESS_SHARED_DIR/facedata > table.txt
 *
 * Faces: the 40 face-api.js crops (8 people), the 55 aligned chips of
 * dlib/examples/johns (5 people) and the 61 deepface photos (13 identity
 * clusters, largest face of each).  Pairs known to differ: every pair with
 * different identity labels; labels are per collection, assuming (as their
 * names show) that the three collections share no person.  Prints the number
 * of pairs, mean, standard deviation and 201 quantiles (every 0.5%), plus the
 * same-person distances for comparison. */
#define G_LOG_DOMAIN "measure-impostors"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "vision/lk-vision.h"

typedef struct {
  char  *label;
  float  d[LK_DESCRIPTOR_DIM];
} Sample;

static GPtrArray *samples;

static void
add_largest (LkFaceEngine *engine, const char *path, const char *label, int upsample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);
  g_autoptr(GPtrArray) faces = NULL;
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  LkFace *face;
  Sample *s;

  if (image == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return;
    }
  options.upsample = upsample;
  faces = lk_face_engine_analyze (engine, image, &options, NULL, &error);
  if (faces == NULL || faces->len == 0 || !((LkFace *) faces->pdata[0])->has_descriptor)
    {
      g_printerr ("%s: no face\n", path);
      return;
    }
  face = faces->pdata[0];
  s = g_new0 (Sample, 1);
  s->label = g_strdup (label);
  memcpy (s->d, face->descriptor, sizeof s->d);
  g_ptr_array_add (samples, s);
}

static void
add_chip (LkFaceEngine *engine, const char *path, const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);
  Sample *s;

  if (image == NULL || lk_image_get_width (image) != LK_CHIP_SIZE ||
      lk_image_get_height (image) != LK_CHIP_SIZE)
    {
      g_printerr ("%s: not a %d px chip\n", path, LK_CHIP_SIZE);
      return;
    }
  s = g_new0 (Sample, 1);
  if (!lk_face_engine_describe_chips (engine, lk_image_get_rgb (image), 1, s->d, NULL, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      g_free (s);
      return;
    }
  s->label = g_strdup (label);
  g_ptr_array_add (samples, s);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : (x > y);
}

static void
collect (LkFaceEngine *engine, const char *root)
{
  const char *bbt[] = { "amy", "bernadette", "howard", "leonard", "penny", "raj", "sheldon", "stuart" };
  g_autofree char *johns = g_build_filename (root, "dlib/examples/johns", NULL);
  g_autofree char *json = g_build_filename (root, "derived/deepface_identity_clusters.json", NULL);
  g_autoptr(GDir) dir = g_dir_open (johns, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (bbt); i++)
    for (int j = 1; j <= 5; j++)
      {
        g_autofree char *file = g_strdup_printf ("%s%d.png", bbt[i], j);
        g_autofree char *path = g_build_filename (root, "face-api.js/examples/images", bbt[i], file, NULL);
        g_autofree char *label = g_strconcat ("bbt:", bbt[i], NULL);
        add_largest (engine, path, label, 1);
      }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (johns, name, NULL);
      g_autoptr(GDir) d2 = g_dir_open (sub, 0, NULL);
      g_autofree char *label = g_strconcat ("johns:", name, NULL);
      const char *f;

      while (d2 != NULL && (f = g_dir_read_name (d2)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, f, NULL);
          add_chip (engine, path, label);
        }
    }
  if (json_parser_load_from_file (parser, json, NULL))
    {
      JsonObject *clusters = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "clusters");
      g_autoptr(GList) members = json_object_get_members (clusters);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonArray *files = json_object_get_array_member (clusters, l->data);
          g_autofree char *label = g_strconcat ("deepface:", (char *) l->data, NULL);

          for (guint i = 0; i < json_array_get_length (files); i++)
            {
              g_autofree char *path = g_build_filename (root, "deepface/tests/unit/dataset",
                                                        json_array_get_string_element (files, i), NULL);
              add_largest (engine, path, label, 0);
            }
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GArray) impostor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) genuine = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0, sum2 = 0;

  if (argc != 2)
    {
      g_printerr ("usage: measure-impostors FACEDATA_DIR\n");
      return 2;
    }
  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 5;
    }
  samples = g_ptr_array_new ();
  collect (engine, argv[1]);
  for (guint i = 0; i < samples->len; i++)
    for (guint j = i + 1; j < samples->len; j++)
      {
        Sample *a = samples->pdata[i], *b = samples->pdata[j];
        double d = lk_descriptor_distance (a->d, b->d);

        g_array_append_val (g_strcmp0 (a->label, b->label) == 0 ? genuine : impostor, d);
      }
  g_array_sort (impostor, compare_double);
  g_array_sort (genuine, compare_double);
  for (guint i = 0; i < impostor->len; i++)
    {
      sum += g_array_index (impostor, double, i);
      sum2 += g_array_index (impostor, double, i) * g_array_index (impostor, double, i);
    }
  printf ("faces %u, impostor pairs %u, genuine pairs %u\n", samples->len, impostor->len, genuine->len);
  printf ("impostor mean %.4f sd %.4f min %.4f; genuine max %.4f\n", sum / impostor->len,
          sqrt (sum2 / impostor->len - pow (sum / impostor->len, 2)),
          g_array_index (impostor, double, 0), g_array_index (genuine, double, genuine->len - 1));
  for (guint q = 0; q <= 200; q++)
    {
      guint idx = (guint) llround ((double) q / 200 * (impostor->len - 1));
      printf ("%.4f,%s", g_array_index (impostor, double, idx), q % 10 == 9 ? "\n" : " ");
    }
  printf ("\n");
  return 0;
}
