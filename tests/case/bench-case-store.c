/* Benchmark: a synthetic case of N (default 1,000,000) reference faces with
 * random descriptors, made through the store's own write API in one batch
 * (so it carries a full audit chain).  Measures opening the case, loading
 * every reference descriptor for matching, and peak memory.
 * Usage: bench-case-store [N] [CASE-DIR]  (the case is reused when it exists;
 * N also from $LIKENESS_BENCH_FACES).  Generating 1,000,000 faces through the
 * audited API takes 25-45 min on two shared cores, once per build folder. */
#define G_LOG_DOMAIN "bench-case-store"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "case/lk-case.h"

static gint64
generate (const char *path, guint n, GError **error)
{
  g_autoptr(LkCase) kase = lk_case_create (path, "Benchmark", NULL, "synthetic faces", "bench", error);
  g_autofree char *file = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  LkPersonFields pf = { "Person", NULL, NULL, NULL, NULL, NULL };
  LkPhotoNew photo = { LK_PHOTO_ROLE_REFERENCE, NULL, "/synthetic/gallery.jpg", 4000, 3000, 0 };
  float descriptor[LK_CASE_DESCRIPTOR_DIM];
  LkFaceNew face = { LK_FACE_ORIGIN_DETECTED, 0, 0, 100, 100, NULL, descriptor, "bench-model", NULL, 1.0, NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("synthetic", 9);
  gint64 photo_id, person_id = 0, start = g_get_monotonic_time ();

  if (kase == NULL || !lk_case_store_evidence (kase, "gallery.jpg", bytes, &sha, error))
    return -1;
  photo.sha256 = sha;
  if ((photo_id = lk_case_add_photo (kase, "bench", &photo, NULL, error)) == 0 ||
      !lk_case_begin_batch (kase, error))
    return -1;
  for (guint i = 0; i < n; i++)
    {
      gint64 face_id;

      for (guint d = 0; d < LK_CASE_DESCRIPTOR_DIM; d++)
        descriptor[d] = g_rand_double_range (rand, -0.25, 0.25);
      face.x = i % 4000;
      if (i % 10 == 0 && (person_id = lk_case_add_person (kase, "bench", &pf, error)) == 0)
        return -1;
      if ((face_id = lk_case_add_face (kase, "bench", photo_id, &face, error)) == 0 ||
          lk_case_link_reference (kase, "bench", face_id, person_id, error) == 0)
        return -1;
      if (i % 100000 == 99999)
        fprintf (stderr, "  generated %u faces (%.0f s)\n", i + 1, (g_get_monotonic_time () - start) / 1e6);
    }
  if (!lk_case_commit_batch (kase, error))
    return -1;
  return g_get_monotonic_time () - start;
}

/* CPU seconds of this process: on a machine shared with other work, wall
 * time includes waiting for a core; both are reported. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* "RssAnon" or "RssFile" of /proc/self/status in MB (-1 when unknown). */
static long
status_mb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, key)) == NULL)
    return -1;
  return strtol (line + strlen (key) + 1, NULL, 10) / 1024;
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int
main (int argc, char **argv)
{
  const char *env_n = g_getenv ("LIKENESS_BENCH_FACES");
  guint n = argc > 1 ? strtoul (argv[1], NULL, 10) : env_n ? strtoul (env_n, NULL, 10) : 1000000;
  g_autofree char *path = argc > 2 ? g_strdup (argv[2])
                                   : g_strdup_printf ("%s/bench-%u.likeness", LK_TEST_BUILDDIR, n);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkDescriptorSet) set = NULL;
  gint64 t0, t_open, t_load;
  double c0, c_open, c_load;
  long rss_before;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 took;

      fprintf (stderr, "Generating %u reference faces in %s …\n", n, path);
      took = generate (path, n, &error);
      if (took < 0)
        {
          fprintf (stderr, "generation failed: %s\n", error->message);
          return 1;
        }
      printf ("generate: %u faces (with persons, links and audit entries) in %.1f s (%.0f faces/s)\n",
              n, took / 1e6, n / (took / 1e6));
    }
  rss_before = peak_rss_mb ();
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
  t_open = g_get_monotonic_time () - t0;
  c_open = cpu_seconds () - c0;
  if (kase == NULL)
    {
      fprintf (stderr, "open failed: %s\n", error->message);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  set = lk_case_load_descriptors (kase, LK_DESCRIPTORS_REFERENCE, NULL, &error);
  t_load = g_get_monotonic_time () - t0;
  c_load = cpu_seconds () - c0;
  if (set == NULL)
    {
      fprintf (stderr, "load failed: %s\n", error->message);
      return 1;
    }
  printf ("open: %.3f s wall, %.3f s CPU (target < 1 s)\n", t_open / 1e6, c_open);
  printf ("load %u reference descriptors: %.3f s wall, %.3f s CPU (target < 2 s), %.0f MB of floats\n",
          set->n, t_load / 1e6, c_load, set->n * 512.0 / 1e6);
  printf ("peak resident memory: %ld MB (before opening: %ld MB); now %ld MB private + %ld MB of "
          "memory-mapped database pages (shared page cache)\n", peak_rss_mb (), rss_before,
          status_mb ("RssAnon:"), status_mb ("RssFile:"));
  if (set->n != n)
    {
      fprintf (stderr, "expected %u descriptors, got %u\n", n, set->n);
      return 1;
    }
  return 0;
}
