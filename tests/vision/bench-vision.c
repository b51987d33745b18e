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

typedef struct {
  double photos_s, photos_cpu, chips_s, chips_cpu;
  guint  n_faces;
} Throughput;

/* Photos per second over `paths`, then descriptors per second over n_chips
 * chips cut from the sixth sample. */
static void
measure (LkFaceEngine *engine, GPtrArray *paths, guint n_chips, Throughput *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree guint8 *chips = NULL;
  g_autofree float *out = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();

  t->n_faces = 0;
  if (!lk_face_engine_analyze_files (engine, (const char * const *) paths->pdata, paths->len, NULL,
                                     on_result, NULL, &t->n_faces, NULL, &error))
    g_error ("%s", error->message);
  t->photos_s = (g_get_monotonic_time () - t0) / 1e6;
  t->photos_cpu = cpu_seconds () - c0;

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
  t->chips_s = (g_get_monotonic_time () - t0) / 1e6;
  t->chips_cpu = cpu_seconds () - c0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkFaceEngine) reference = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  const char *(*blas_config) (void) = (const char *(*) (void)) dlsym (RTLD_DEFAULT, "openblas_get_config");
  const guint n_chips = 480, rounds = 3;
  /* dlib's own forward pass and the baseline (non-AVX2) detector: the engine
   * as it was before the batched pass and the AVX2 module, measured in the
   * same run so that the comparison shares the machine's load. */
  LkEngineOptions reference_options = { .dlib_forward = TRUE, .baseline_build = TRUE };
  Throughput now, before;
  gint64 t0;
  double load_s, load_cpu, c0;
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
  measure (engine, paths, n_chips, &now);
  getrusage (RUSAGE_SELF, &ru);
  reference = lk_face_engine_new (&reference_options, &error);
  if (reference == NULL)
    g_error ("%s", error->message);
  measure (reference, paths, n_chips, &before);

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg[strcspn (loadavg, " ")] = '\0';
  printf ("machine: %u cores, load average %s; BLAS: %s; HOG detector build: %s\n", cores, loadavg,
          blas_config ? blas_config () : "not OpenBLAS (reference BLAS is ~19x slower)",
          lk_face_engine_get_detector_variant (engine));
  printf ("                  wall clock      CPU-bound estimate (per CPU second x %u cores)   dlib's pass + baseline build, same run\n", cores);
  printf ("model load:       %6.2f s        %6.2f s CPU (files read in parallel); target < 1 s\n",
          load_s, load_cpu);
  printf ("photos/s:         %6.2f          %6.2f  (%u photos 1920 px, %u faces, default setting; target >= 6)   %6.2f wall, %6.2f CPU-bound\n",
          paths->len / now.photos_s, paths->len / now.photos_cpu * cores, paths->len, now.n_faces,
          paths->len / before.photos_s, paths->len / before.photos_cpu * cores);
  printf ("descriptors/s:    %6.1f          %6.1f  (%u chips in batch; target >= 120)   %6.1f wall, %6.1f CPU-bound\n",
          n_chips / now.chips_s, n_chips / now.chips_cpu * cores, n_chips,
          n_chips / before.chips_s, n_chips / before.chips_cpu * cores);
  printf ("peak RSS:         %.0f MB (before the reference engine loads); target < 1024 MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
