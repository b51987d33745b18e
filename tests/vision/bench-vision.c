/* bench-vision.c — the face engine's speed (a benchmark, run by `make bench`,
 * never a test): model load time, descriptors per second in batch, photos
 * per second (detect + landmarks + descriptors, default setting) on the npm
 * package's six 1920-px demo photos, and peak memory. */
#define G_LOG_DOMAIN "lk-vision-bench"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "lk-vision-test-util.h"

#define CHIP_BYTES (LK_CHIP_SIZE * LK_CHIP_SIZE * 3)

/* Process CPU seconds (all threads): on a shared, loaded machine wall time
 * says little, so each figure is also given per CPU second × cores. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
on_result (guint index, const char *path, int width, int height, GPtrArray *faces,
           const GError *error, gpointer user_data)
{
  guint *n_faces = user_data;

  if (error != NULL)
    g_error ("%s", error->message);
  *n_faces += faces->len;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LkImage) image = NULL;
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  const char *(*blas_config) (void) = (const char *(*) (void)) dlsym (RTLD_DEFAULT, "openblas_get_config");
  const guint n_chips = 480, rounds = 3;
  g_autofree guint8 *chips = NULL;
  g_autofree float *out = NULL;
  guint n_faces = 0;
  gint64 t0;
  double load_s, chips_s, photos_s, load_cpu, chips_cpu, photos_cpu, c0;
  guint cores = g_get_num_processors ();
  struct rusage ru;
  g_autofree char *loadavg = NULL;

  if (pkg == NULL)
    g_error ("LIKENESS_MODEL_PACKAGE_DIR is not set");
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  engine = lk_face_engine_new (NULL, &error);
  load_s = (g_get_monotonic_time () - t0) / 1e6;
  load_cpu = cpu_seconds () - c0;
  if (engine == NULL)
    g_error ("%s", error->message);

  for (guint r = 0; r < rounds; r++)
    for (int n = 1; n <= 6; n++)
      {
        g_autofree char *name = g_strdup_printf ("sample%d.jpg", n);
        g_ptr_array_add (paths, g_build_filename (pkg, "demo", name, NULL));
      }
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  if (!lk_face_engine_analyze_files (engine, (const char * const *) paths->pdata, paths->len, NULL,
                                     on_result, NULL, &n_faces, NULL, &error))
    g_error ("%s", error->message);
  photos_s = (g_get_monotonic_time () - t0) / 1e6;
  photos_cpu = cpu_seconds () - c0;

  image = lk_image_load (paths->pdata[5], 0, &error);
  faces = lk_face_engine_analyze (engine, image, NULL, NULL, &error);
  if (faces == NULL || faces->len == 0)
    g_error ("no faces for the descriptor benchmark");
  chips = g_malloc ((gsize) n_chips * CHIP_BYTES);
  for (guint i = 0; i < n_chips; i++)
    memcpy (chips + (gsize) i * CHIP_BYTES, ((LkFace *) g_ptr_array_index (faces, i % faces->len))->chip_rgb,
            CHIP_BYTES);
  out = g_new (float, (gsize) n_chips * LK_DESCRIPTOR_DIM);
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  if (!lk_face_engine_describe_chips (engine, chips, n_chips, out, NULL, &error))
    g_error ("%s", error->message);
  chips_s = (g_get_monotonic_time () - t0) / 1e6;
  chips_cpu = cpu_seconds () - c0;

  getrusage (RUSAGE_SELF, &ru);
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg[strcspn (loadavg, " ")] = '\0';
  printf ("machine: %u cores, load average %s; BLAS: %s; HOG detector build: %s\n", cores, loadavg,
          blas_config ? blas_config () : "not OpenBLAS (reference BLAS is ~19x slower)",
          lk_face_engine_get_detector_variant (engine));
  printf ("                  wall clock      CPU-bound estimate (per CPU second x %u cores)\n", cores);
  printf ("model load:       %6.2f s        %6.2f s CPU (files read in parallel); target < 1 s\n",
          load_s, load_cpu);
  printf ("photos/s:         %6.2f          %6.2f  (%u photos 1920 px, %u faces, default setting); target >= 6\n",
          paths->len / photos_s, paths->len / photos_cpu * cores, paths->len, n_faces);
  printf ("descriptors/s:    %6.1f          %6.1f  (%u chips in batch); target >= 120\n",
          n_chips / chips_s, n_chips / chips_cpu * cores, n_chips);
  printf ("peak RSS:         %.0f MB; target < 1024 MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
