/* test-gallery.c — the exact search gives the brute-force scalar ranking with
 * every kernel, thread count, batch or single call, with and without groups. */
#define G_LOG_DOMAIN "test-gallery"

#include <math.h>
#include <string.h>

#include "match/lk-gallery.h"
#include "match/lk-match-error.h"
#include "vision/lk-vision.h"

/* Face-like data: persons as random centres, faces as noise around them, plus
 * exact duplicates so that ties and near-ties at the heap boundary happen. */
static float *
make_data (GRand *rand, guint n, guint n_centres)
{
  float *centres = g_new (float, (gsize) MAX (n_centres, 1) * LK_DESCRIPTOR_DIM);
  float *data = g_new (float, (gsize) MAX (n, 1) * LK_DESCRIPTOR_DIM);

  for (gsize i = 0; i < (gsize) n_centres * LK_DESCRIPTOR_DIM; i++)
    centres[i] = g_rand_double_range (rand, -0.2, 0.2);
  for (guint i = 0; i < n; i++)
    {
      guint c = g_rand_int_range (rand, 0, MAX (n_centres, 1));

      if (i > 0 && g_rand_int_range (rand, 0, 20) == 0)
        {
          memcpy (data + (gsize) i * LK_DESCRIPTOR_DIM, data + (gsize) (i - 1) * LK_DESCRIPTOR_DIM,
                  LK_DESCRIPTOR_DIM * sizeof (float));
          continue;
        }
      for (guint d = 0; d < LK_DESCRIPTOR_DIM; d++)
        data[(gsize) i * LK_DESCRIPTOR_DIM + d] =
          centres[(gsize) c * LK_DESCRIPTOR_DIM + d] + g_rand_double_range (rand, -0.05, 0.05);
    }
  g_free (centres);
  return data;
}

static void
assert_same (const LkNeighbor *a, guint na, const LkNeighbor *b, guint nb)
{
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpuint (a[i].row, ==, b[i].row);
      g_assert_cmpuint (a[i].group, ==, b[i].group);
      g_assert_true (a[i].distance == b[i].distance);
    }
}

/* A brute force written here, independent of the library: every group's
 * best row by the reference sum (dimension order, no fusing), sorted by
 * (distance, row).  Groups are labels below n in these tests. */
static guint
brute_force (const float *data, const guint *groups, guint n, const float *probe, guint k,
             LkNeighbor *out)
{
  g_autofree LkNeighbor *best = g_new (LkNeighbor, MAX (n, 1));
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (n, 1));
  guint m = 0, count = 0;

  for (guint i = 0; i < n; i++)
    {
      volatile float sum = 0.f;  /* volatile: no contraction into fused multiply-add */
      guint g = groups != NULL ? groups[i] : i;

      for (guint d = 0; d < LK_DESCRIPTOR_DIM; d++)
        {
          volatile float t = probe[d] - data[(gsize) i * LK_DESCRIPTOR_DIM + d];
          volatile float sq = t * t;
          sum = sum + sq;
        }
      if (!seen[g] || sum < best[g].distance)
        best[g] = (LkNeighbor) { i, g, sum };
      seen[g] = TRUE;
    }
  for (guint g = 0; g < n; g++)
    if (seen[g])
      best[m++] = best[g];
  for (guint a = 0; a < m && a < k; a++)
    {
      guint min = a;
      LkNeighbor t;

      for (guint b = a + 1; b < m; b++)
        if (best[b].distance < best[min].distance ||
            (best[b].distance == best[min].distance && best[b].row < best[min].row))
          min = b;
      t = best[a]; best[a] = best[min]; best[min] = t;
      out[a] = best[a];
      out[a].distance = sqrtf (best[a].distance);
      count++;
    }
  return count;
}

static const guint sizes[] = { 0, 1, 2, 7, 300, 5000, 70001 };
static const guint ks[] = { 1, 5, 20, 100 };

static void
check_size (GRand *rand, guint n, gboolean with_groups)
{
  g_autofree float *data = make_data (rand, n, MAX (n / 4, 1));
  g_autofree guint *groups = NULL;
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autoptr(GError) error = NULL;
  const guint n_probes = 9;
  g_autofree float *probes = make_data (rand, n_probes, 3);

  if (with_groups)
    {
      groups = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        groups[i] = g_rand_int_range (rand, 0, MAX (n / 3, 1));
    }
  /* Some probes are gallery rows themselves: distance 0 and duplicates. */
  if (n > 0)
    memcpy (probes, data + (gsize) (n / 2) * LK_DESCRIPTOR_DIM, LK_DESCRIPTOR_DIM * sizeof (float));
  g_assert_true (lk_gallery_add (gallery, data, groups, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lk_gallery_get_size (gallery), ==, n);

  for (guint ki = 0; ki < G_N_ELEMENTS (ks); ki++)
    {
      guint k = ks[ki];
      g_autofree LkNeighbor *expected = g_new (LkNeighbor, k);
      g_autofree LkNeighbor *got = g_new (LkNeighbor, k);
      g_autofree LkNeighbor *batch = g_new (LkNeighbor, (gsize) k * n_probes);
      guint n_found[9];

      for (guint p = 0; p < n_probes; p++)
        {
          const float *probe = probes + p * LK_DESCRIPTOR_DIM;
          guint ne = brute_force (data, groups, n, probe, k, expected);
          guint nr = lk_gallery_search_reference (gallery, probe, k, got);

          assert_same (got, nr, expected, ne);
          for (guint kernel = LK_MATCH_KERNEL_PORTABLE; kernel <= LK_MATCH_KERNEL_AVX2; kernel++)
            for (guint threads = 1; threads <= 3; threads++)
              {
                int ns;

                if (!lk_gallery_set_kernel (gallery, kernel))
                  continue;
                lk_gallery_set_n_threads (gallery, threads);
                ns = lk_gallery_search (gallery, probe, k, got, &error);
                g_assert_no_error (error);
                g_assert_cmpint (ns, >=, 0);
                assert_same (got, ns, expected, ne);
              }
        }
      /* Batch = single, with each kernel. */
      for (guint kernel = LK_MATCH_KERNEL_PORTABLE; kernel <= LK_MATCH_KERNEL_AVX2; kernel++)
        {
          if (!lk_gallery_set_kernel (gallery, kernel))
            continue;
          lk_gallery_set_n_threads (gallery, 2);
          g_assert_true (lk_gallery_search_batch (gallery, probes, n_probes, k, batch, n_found,
                                                  NULL, &error));
          g_assert_no_error (error);
          for (guint p = 0; p < n_probes; p++)
            {
              guint ne = brute_force (data, groups, n, probes + p * LK_DESCRIPTOR_DIM, k, expected);
              assert_same (batch + (gsize) p * k, n_found[p], expected, ne);
            }
        }
    }
}

/* Near-ties that half precision cannot tell apart: rows one float32 step
 * from another (same half copy), and a run of identical rows longer than
 * the candidate heap, so the re-rank must prove or fall back. */
static void
add_near_ties (GRand *rand, float *data, guint n)
{
  for (guint i = 1; i < n; i++)
    {
      float *row = data + (gsize) i * LK_DESCRIPTOR_DIM;
      const float *prev = row - LK_DESCRIPTOR_DIM;
      guint d = g_rand_int_range (rand, 0, LK_DESCRIPTOR_DIM);

      if (g_rand_int_range (rand, 0, 7) != 0)
        continue;
      memcpy (row, prev, LK_DESCRIPTOR_DIM * sizeof (float));
      row[d] = nextafterf (row[d], g_rand_boolean (rand) ? 1.f : -1.f);
    }
  for (guint i = n / 3 + 1; i < MIN (n, n / 3 + 150); i++)
    memcpy (data + (gsize) i * LK_DESCRIPTOR_DIM, data + (gsize) (n / 3) * LK_DESCRIPTOR_DIM,
            LK_DESCRIPTOR_DIM * sizeof (float));
}

static void
check_half (GRand *rand, guint n, gboolean with_groups, float scale)
{
  g_autofree float *data = make_data (rand, n, MAX (n / 4, 1));
  g_autofree float *probes = make_data (rand, 8, 3);
  g_autofree guint *groups = NULL;
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autoptr(GError) error = NULL;

  add_near_ties (rand, data, n);
  for (gsize i = 0; i < (gsize) n * LK_DESCRIPTOR_DIM; i++)
    data[i] *= scale;
  for (guint p = 0; p < 8 * LK_DESCRIPTOR_DIM; p++)
    probes[p] *= scale;
  /* Probes on a gallery row, on the long run of duplicates, and between. */
  memcpy (probes, data + (gsize) (n / 2) * LK_DESCRIPTOR_DIM, LK_DESCRIPTOR_DIM * sizeof (float));
  memcpy (probes + LK_DESCRIPTOR_DIM, data + (gsize) (n / 3) * LK_DESCRIPTOR_DIM,
          LK_DESCRIPTOR_DIM * sizeof (float));
  for (guint d = 0; d < LK_DESCRIPTOR_DIM; d++)
    probes[2 * LK_DESCRIPTOR_DIM + d] = (data[d] + data[LK_DESCRIPTOR_DIM + d]) / 2;
  if (with_groups)
    {
      groups = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        groups[i] = g_rand_int_range (rand, 0, MAX (n / 3, 1));
    }
  g_assert_true (lk_gallery_add (gallery, data, groups, n, &error));
  lk_gallery_set_half_threshold (gallery, 1);
  for (guint threads = 1; threads <= 3; threads++)
    for (guint ki = 0; ki < G_N_ELEMENTS (ks); ki++)
      {
        guint k = ks[ki];
        g_autofree LkNeighbor *expected = g_new (LkNeighbor, k);
        g_autofree LkNeighbor *got = g_new (LkNeighbor, k);

        lk_gallery_set_n_threads (gallery, threads);
        for (guint p = 0; p < 8; p++)
          {
            const float *probe = probes + p * LK_DESCRIPTOR_DIM;
            guint ne = brute_force (data, groups, n, probe, k, expected);
            int ns = lk_gallery_search (gallery, probe, k, got, &error);

            g_assert_no_error (error);
            g_assert_cmpint (ns, >=, 0);
            assert_same (got, ns, expected, ne);
          }
      }
  /* Values beyond half precision's range (65504): no copy, same results. */
  g_assert_true (lk_gallery_uses_half (gallery) == (scale < 1000.f));
}

/* The half-precision scan, forced at small sizes, gives the brute-force
 * ranking too, near-ties and duplicates included. */
static void
test_half_equals_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1616);
  g_autoptr(LkGallery) probe_cpu = lk_gallery_new ();
  static const guint half_sizes[] = { 1, 2, 300, 5000, 60000 };

  lk_gallery_set_half_threshold (probe_cpu, 1);
  g_assert_true (lk_gallery_add (probe_cpu, (float[LK_DESCRIPTOR_DIM]) { 0 }, NULL, 1, NULL));
  if (!lk_gallery_uses_half (probe_cpu))
    {
      g_test_skip ("this CPU has no AVX2/FMA/F16C: the half-precision scan is never used");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (half_sizes); i++)
    {
      check_half (rand, half_sizes[i], FALSE, 1.f);
      check_half (rand, half_sizes[i], TRUE, 1.f);
    }
  check_half (rand, 5000, FALSE, 3.f);
  check_half (rand, 5000, FALSE, 1e-4f);
  check_half (rand, 5000, TRUE, 1e6f);
}

static void
test_exact_equals_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      check_size (rand, sizes[i], FALSE);
      check_size (rand, sizes[i], TRUE);
    }
}

/* A large batch takes the tiled, threaded path (more probes than 4 × threads). */
static void
test_big_batch (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const guint n = 20000, n_probes = 50, k = 20;
  g_autofree float *data = make_data (rand, n, 2000);
  g_autofree float *probes = make_data (rand, n_probes, 10);
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autofree LkNeighbor *batch = g_new (LkNeighbor, (gsize) n_probes * k);
  g_autofree guint *n_found = g_new (guint, n_probes);
  LkNeighbor expected[20];
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_add (gallery, data, NULL, n, &error));
  for (guint kernel = LK_MATCH_KERNEL_PORTABLE; kernel <= LK_MATCH_KERNEL_AVX2; kernel++)
    {
      if (!lk_gallery_set_kernel (gallery, kernel))
        {
          g_test_message ("this CPU has no AVX2/FMA; only the portable kernel was checked");
          continue;
        }
      lk_gallery_set_n_threads (gallery, 2);
      g_assert_true (lk_gallery_search_batch (gallery, probes, n_probes, k, batch, n_found, NULL,
                                              &error));
      g_assert_no_error (error);
      for (guint p = 0; p < n_probes; p++)
        {
          guint ne = brute_force (data, NULL, n, probes + p * LK_DESCRIPTOR_DIM, k, expected);
          assert_same (batch + (gsize) p * k, n_found[p], expected, ne);
        }
    }
}

static void
test_bad_input (void)
{
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autoptr(GError) error = NULL;
  float v[LK_DESCRIPTOR_DIM] = { 0 };
  guint group = 1;
  LkNeighbor out[2];

  v[5] = NAN;
  g_assert_false (lk_gallery_add (gallery, v, NULL, 1, &error));
  g_assert_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (lk_gallery_get_size (gallery), ==, 0);
  g_assert_cmpint (lk_gallery_search (gallery, v, 2, out, &error), ==, -1);
  g_assert_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID);
  g_clear_error (&error);
  v[5] = 0.f;
  g_assert_true (lk_gallery_add (gallery, v, NULL, 1, &error));
  /* Mixing rows with and without groups is refused and changes nothing. */
  g_assert_false (lk_gallery_add (gallery, v, &group, 1, &error));
  g_assert_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID);
  g_assert_cmpuint (lk_gallery_get_size (gallery), ==, 1);
  g_clear_error (&error);
  /* K larger than the gallery: everything, once. */
  g_assert_cmpint (lk_gallery_search (gallery, v, 2, out, &error), ==, 1);
  g_assert_cmpfloat (out[0].distance, ==, 0.f);
}

static void
test_cancel_batch (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree float *data = make_data (rand, 1000, 10);
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree LkNeighbor *out = g_new (LkNeighbor, 100 * 5);
  guint n_found[100];
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_add (gallery, data, NULL, 1000, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (lk_gallery_search_batch (gallery, data, 100, 5, out, n_found, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The approximate index (forced on a small gallery) finds nearly every one of
 * the exact top 20, and what it returns carries exact distances. */
static void
test_hnsw_recall (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  const guint n = 12000, n_probes = 50, k = 20;
  g_autofree float *data = make_data (rand, n, 2400);
  g_autofree float *probes = make_data (rand, n_probes, 600);
  g_autoptr(LkGallery) gallery = lk_gallery_new ();
  g_autoptr(GError) error = NULL;
  guint hits = 0, total = 0;

  g_assert_true (lk_gallery_add (gallery, data, NULL, n, &error));
  lk_gallery_set_approximate_threshold (gallery, n);
  g_assert_true (lk_gallery_is_approximate (gallery));
  g_assert_true (lk_gallery_prepare (gallery, &error));
  g_assert_no_error (error);
  for (guint p = 0; p < n_probes; p++)
    {
      LkNeighbor exact[20], approx[20];
      const float *probe = probes + p * LK_DESCRIPTOR_DIM;
      guint ne = lk_gallery_search_reference (gallery, probe, k, exact);
      int na = lk_gallery_search (gallery, probe, k, approx, &error);

      g_assert_no_error (error);
      g_assert_cmpint (na, ==, (int) ne);
      for (int i = 0; i < na; i++)
        {
          g_assert_cmpfloat (approx[i].distance, ==,
                             lk_gallery_distance (probe, lk_gallery_get_descriptor (gallery, approx[i].row)));
          for (guint j = 0; j < ne; j++)
            hits += approx[i].row == exact[j].row;
        }
      total += ne;
    }
  g_test_message ("HNSW recall@20 on %u rows: %.4f", n, (double) hits / total);
  g_assert_cmpfloat ((double) hits / total, >=, 0.99);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/match/gallery/exact-equals-brute-force", test_exact_equals_brute_force);
  g_test_add_func ("/match/gallery/half-equals-brute-force", test_half_equals_brute_force);
  g_test_add_func ("/match/gallery/big-batch", test_big_batch);
  g_test_add_func ("/match/gallery/bad-input", test_bad_input);
  g_test_add_func ("/match/gallery/cancel-batch", test_cancel_batch);
  g_test_add_func ("/match/gallery/hnsw-recall", test_hnsw_recall);
  return g_test_run ();
}
