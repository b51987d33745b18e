/* Import throughput with the real face engine, and the case store's share of
 * the import time (evidence copy with fsync + one transaction per photo).
 * Measures; does not pass or fail on timing.  Target: store < 10% of import. */
#define G_LOG_DOMAIN "bench-import"

#include <glib/gstdio.h>
#include <stdio.h>

#include "import-test-util.h"
#include "import/lk-importer.h"

static void
bench_set (LkFaceEngine *engine, const char *tmp, const char *label, guint n, int max_side)
{
  g_autofree char *dir = g_strdup_printf ("%s/%s-photos", tmp, label);
  g_autofree char *parent = g_strdup_printf ("%s/%s-case", tmp, label);
  g_autofree char *case_path = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkImportSummary) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { dir, NULL };
  guint64 bytes = 0;

  photos = itu_make_photos (dir, n, max_side);
  for (guint i = 0; i < photos->len; i++)
    {
      GStatBuf st;

      if (g_stat (photos->pdata[i], &st) == 0)
        bytes += st.st_size;
    }
  g_assert_cmpint (g_mkdir (parent, 0700), ==, 0);
  kase = itu_new_case (parent, &case_path);
  importer = lk_importer_new (kase, engine, ITU_ANALYST);
  summary = lk_importer_run (importer, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, n);

  printf ("import %s: %u photos of %d px (%.1f MB), %u faces, %u workers: %.1f s = %.2f photos/s, "
          "%.2f faces/s\n", label, n, max_side, bytes / 1e6, summary->n_faces,
          g_get_num_processors (), summary->seconds_total,
          n / summary->seconds_total, summary->n_faces / summary->seconds_total);
  printf ("  store (evidence copy + fsync + rename, one transaction per photo with its faces and "
          "chips): %.2f s = %.1f%% of import time (target < 10%%), %.1f ms/photo\n",
          summary->seconds_store, 100.0 * summary->seconds_store / summary->seconds_total,
          1000.0 * summary->seconds_store / n);
  printf ("  analysis (read, hash, decode, faces, chips) summed over workers: %.1f s, "
          "%.0f ms/photo\n", summary->seconds_analysis, 1000.0 * summary->seconds_analysis / n);

  /* The same folder again: every file read and hashed, nothing written. */
  again = lk_importer_run (importer, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_duplicates, ==, n);
  printf ("  re-import (all already in the case): %.2f s = %.0f photos/s\n",
          again->seconds_total, n / again->seconds_total);
  fflush (stdout);
  lk_case_close (kase);
}

int
main (int argc, char **argv)
{
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *sample = itu_sample_path (1);

  if (sample == NULL)
    {
      printf ("SKIP: the npm face-api package's demo samples are missing\n");
      return 77;
    }
  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    {
      printf ("SKIP: %s\n", error->message);
      return 77;
    }
  /* On disk (not tmpfs) so fsync costs what it costs for an analyst. */
  tmp = g_strdup_printf ("%s/bench-import-XXXXXX", LK_TEST_BUILDDIR);
  g_assert_nonnull (g_mkdtemp (tmp));
  printf ("engine: %s\n", lk_face_engine_get_model_id (engine));
  bench_set (engine, tmp, "full-size", 24, 1920);
  bench_set (engine, tmp, "small", 60, 640);
  itu_rm_rf (tmp);
  return 0;
}
