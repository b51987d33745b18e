/* bench-match.cpp — search speed of LkGallery next to FAISS IndexFlatL2 on
 * the same data in the same run, batch matching, and the HNSW index.
 *
 * A benchmark, not a test: it prints figures and fails only when results are
 * wrong (exact search disagreeing with FAISS beyond ties, HNSW recall < 0.99).
 * Data: face-like synthetic descriptors (persons as random centres, faces as
 * noise around them, scaled like dlib's: different persons ≈ 0.95 apart, the
 * same person ≈ 0.4).  C++ only because FAISS is C++; the library is used
 * through its C header as every caller does.
 *
 * Sizes can be changed: LIKENESS_BENCH_SIZES="10000,100000,1000000",
 * LIKENESS_BENCH_HNSW_N=1000000; LIKENESS_BENCH_SINGLE_ONLY=1 skips the batch
 * and HNSW parts; LIKENESS_BENCH_NO_HALF=1 turns the half-precision scan off
 * (the float32 scan alone, for comparison). */
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <omp.h>
#include <sys/resource.h>
#include <faiss/IndexFlat.h>

#include "match/lk-gallery.h"
#include "vision/lk-vision.h"

static const int K = 20;
static const int DIM = LK_DESCRIPTOR_DIM;

static double
now_ms ()
{
  return std::chrono::duration<double, std::milli> (
           std::chrono::steady_clock::now ().time_since_epoch ()).count ();
}

static std::vector<float>
make_faces (std::mt19937 &rng, size_t n, size_t n_persons)
{
  std::normal_distribution<float> centre (0.f, 0.06f), noise (0.f, 0.025f);
  std::vector<float> centres ((size_t) n_persons * DIM), data (n * DIM);

  for (auto &v : centres)
    v = centre (rng);
  for (size_t i = 0; i < n; i++)
    {
      size_t p = rng () % n_persons;
      for (int d = 0; d < DIM; d++)
        data[i * DIM + d] = centres[p * DIM + d] + noise (rng);
    }
  return data;
}

/* CPU time of the whole process (all threads), in ms: on a shared machine the
 * wall clock also counts the time other programs held the cores. */
static double
cpu_ms ()
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

struct Stats { double median, p95, mean; };

static Stats
stats (std::vector<double> v)
{
  double sum = 0;
  std::sort (v.begin (), v.end ());
  for (double x : v)
    sum += x;
  return { v[v.size () / 2], v[std::min (v.size () - 1, v.size () * 95 / 100)], sum / v.size () };
}

static LkGallery *
gallery_from (const std::vector<float> &data)
{
  LkGallery *g = lk_gallery_new ();
  GError *error = nullptr;

  if (!lk_gallery_add (g, data.data (), nullptr, data.size () / DIM, &error))
    {
      fprintf (stderr, "gallery: %s\n", error->message);
      exit (1);
    }
  if (getenv ("LIKENESS_BENCH_NO_HALF") != nullptr)
    lk_gallery_set_half_threshold (g, 0);
  /* Builds the half-precision copy outside the timed searches. */
  if (!lk_gallery_prepare (g, &error))
    {
      fprintf (stderr, "gallery: %s\n", error->message);
      exit (1);
    }
  return g;
}

/* Top-20 sets of ours and FAISS: the same unless distances tie in the last bit. */
static double
agreement (const LkNeighbor *ours, int n_ours, const faiss::Index::idx_t *theirs)
{
  std::set<long> a, b;
  for (int i = 0; i < n_ours; i++)
    a.insert (ours[i].row);
  for (int i = 0; i < K; i++)
    b.insert (theirs[i]);
  int common = 0;
  for (long x : a)
    common += b.count (x);
  return (double) common / K;
}

static void
bench_single (std::mt19937 &rng, size_t n, int n_threads)
{
  const int n_probes = 100;
  std::vector<float> data = make_faces (rng, n, std::max<size_t> (n / 5, 1));
  std::vector<float> probes = make_faces (rng, n_probes, 50);
  LkGallery *g = gallery_from (data);
  faiss::IndexFlatL2 flat (DIM);
  std::vector<double> ours, theirs, ours_cpu, theirs_cpu;
  double agree = 0;

  flat.add (n, data.data ());
  data.clear ();
  data.shrink_to_fit ();
  lk_gallery_set_n_threads (g, n_threads);
  for (int p = 0; p < n_probes; p++)
    {
      LkNeighbor out[K];
      std::vector<float> dist (K);
      std::vector<faiss::Index::idx_t> labels (K);
      const float *probe = probes.data () + p * DIM;

      double c0 = cpu_ms (), t0 = now_ms ();
      int found = lk_gallery_search (g, probe, K, out, nullptr);
      double c1 = cpu_ms (), t1 = now_ms ();
      flat.search (1, probe, K, dist.data (), labels.data ());
      double c2 = cpu_ms (), t2 = now_ms ();
      ours.push_back (t1 - t0);
      theirs.push_back (t2 - t1);
      ours_cpu.push_back (c1 - c0);
      theirs_cpu.push_back (c2 - c1);
      agree += agreement (out, found, labels.data ());
    }
  Stats a = stats (ours), b = stats (theirs), ac = stats (ours_cpu), bc = stats (theirs_cpu);
  printf ("exact top-%d, %7zu refs, %d threads%s: likeness median %7.2f ms (p95 %7.2f, CPU %7.2f ms) | "
          "FAISS IndexFlatL2 median %7.2f ms (p95 %7.2f, CPU %7.2f ms) | speed-up %.1fx | same top-20 %.4f\n",
          K, n, n_threads, lk_gallery_uses_half (g) ? " (half)" : "", a.median, a.p95, ac.mean, b.median, b.p95, bc.mean, b.median / a.median,
          agree / n_probes);
  fflush (stdout);
  if (agree / n_probes < 0.99)
    {
      fprintf (stderr, "exact search disagrees with FAISS\n");
      exit (1);
    }
  lk_gallery_free (g);
}

static void
bench_batch (std::mt19937 &rng, size_t n, size_t n_probes)
{
  std::vector<float> data = make_faces (rng, n, n / 5);
  std::vector<float> probes = make_faces (rng, n_probes, n / 5);
  LkGallery *g = gallery_from (data);
  faiss::IndexFlatL2 flat (DIM);
  std::vector<LkNeighbor> out (n_probes * K);
  std::vector<guint> found (n_probes);
  std::vector<float> dist (n_probes * K);
  std::vector<faiss::Index::idx_t> labels (n_probes * K);
  double agree = 0;

  flat.add (n, data.data ());
  double t0 = now_ms ();
  lk_gallery_search_batch (g, probes.data (), n_probes, K, out.data (), found.data (), nullptr,
                           nullptr);
  double t1 = now_ms ();
  flat.search (n_probes, probes.data (), K, dist.data (), labels.data ());
  double t2 = now_ms ();
  for (size_t p = 0; p < n_probes; p++)
    agree += agreement (&out[p * K], found[p], &labels[p * K]);
  printf ("batch: %zu probes x %zu refs, top-%d: likeness %.0f ms (%.3f ms/probe) | "
          "FAISS IndexFlatL2 %.0f ms | same top-20 %.4f\n",
          n_probes, n, K, t1 - t0, (t1 - t0) / n_probes, t2 - t1, agree / n_probes);
  fflush (stdout);
  lk_gallery_free (g);
}

static void
bench_hnsw (std::mt19937 &rng, size_t n)
{
  const int n_probes = 200;
  std::vector<float> data = make_faces (rng, n, n / 5);
  std::vector<float> probes = make_faces (rng, n_probes, n / 5);
  LkGallery *g = gallery_from (data);
  GError *error = nullptr;
  std::vector<double> exact_ms, approx_ms;
  double recall = 0;

  data.clear ();
  lk_gallery_set_approximate_threshold (g, n);
  double t0 = now_ms ();
  if (!lk_gallery_prepare (g, &error))
    {
      fprintf (stderr, "hnsw: %s\n", error->message);
      exit (1);
    }
  double build = now_ms () - t0;
  for (int p = 0; p < n_probes; p++)
    {
      LkNeighbor exact[K], approx[K];
      const float *probe = probes.data () + p * DIM;

      lk_gallery_set_approximate_threshold (g, 0);
      double a = now_ms ();
      int ne = lk_gallery_search (g, probe, K, exact, nullptr);
      double b = now_ms ();
      lk_gallery_set_approximate_threshold (g, n);
      int na = lk_gallery_search (g, probe, K, approx, nullptr);
      double c = now_ms ();
      std::set<guint> truth;
      for (int i = 0; i < ne; i++)
        truth.insert (exact[i].row);
      int hit = 0;
      for (int i = 0; i < na; i++)
        hit += truth.count (approx[i].row);
      recall += (double) hit / ne;
      exact_ms.push_back (b - a);
      approx_ms.push_back (c - b);
    }
  Stats e = stats (exact_ms), h = stats (approx_ms);
  printf ("HNSW (M=16, efC=200, ef=1024, exact re-rank of the beam): %zu refs, build %.1f s on 2 threads, "
          "recall@%d %.4f, latency median %.2f ms (p95 %.2f) vs exact %.2f ms\n",
          n, build / 1000, K, recall / n_probes, h.median, h.p95, e.median);
  fflush (stdout);
  lk_gallery_free (g);
  if (recall / n_probes < 0.99)
    {
      fprintf (stderr, "HNSW recall@20 below 0.99\n");
      exit (1);
    }
}

int
main ()
{
  std::mt19937 rng (20261126);
  std::vector<size_t> sizes = { 10000, 100000, 1000000 };
  size_t hnsw_n = 50000;

  if (const char *s = getenv ("LIKENESS_BENCH_SIZES"))
    {
      sizes.clear ();
      for (std::string tok; ; s++)
        {
          if (*s == ',' || *s == '\0')
            {
              if (!tok.empty ())
                sizes.push_back (std::stoul (tok));
              tok.clear ();
              if (*s == '\0')
                break;
            }
          else
            tok += *s;
        }
    }
  if (const char *s = getenv ("LIKENESS_BENCH_HNSW_N"))
    hnsw_n = std::stoul (s);

  /* Both libraries get the same two cores. */
  omp_set_num_threads (2);
  LkGallery *probe_kernel = lk_gallery_new ();
  printf ("kernel: %s; threads: 2 (FAISS through OpenMP, 2 threads)\n",
          lk_gallery_get_kernel (probe_kernel) == LK_MATCH_KERNEL_AVX2 ? "AVX2/FMA" : "portable");
  lk_gallery_free (probe_kernel);
  for (size_t n : sizes)
    {
      bench_single (rng, n, 2);
      if (n == sizes.back ())
        bench_single (rng, n, 1);
    }
  if (getenv ("LIKENESS_BENCH_SINGLE_ONLY") != nullptr)
    return 0;
  bench_batch (rng, 100000, 10000);
  bench_hnsw (rng, hnsw_n);
  return 0;
}
