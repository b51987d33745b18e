/* lk-match-kernel-avx2.c — the AVX2/FMA distance kernels.
 *
 * This file alone is compiled with -mavx2 -mfma (its own static library), and
 * LkGallery only calls into it after lk_match_cpu_has_avx2(), so the rest of
 * the program still runs on any x86-64. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-match-kernel.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#include <math.h>

static inline float
hsum (__m256 v)
{
  __m128 lo = _mm256_castps256_ps128 (v);
  __m128 hi = _mm256_extractf128_ps (v, 1);
  __m128 s = _mm_add_ps (lo, hi);

  s = _mm_add_ps (s, _mm_movehl_ps (s, s));
  s = _mm_add_ss (s, _mm_movehdup_ps (s));
  return _mm_cvtss_f32 (s);
}

void
lk_match_l2sq_avx2 (const float *probe, const float *rows, gsize n, float *out)
{
  __m256 p[16];

  /* The probe (512 bytes) lives in registers/L1 for the whole scan. */
  for (guint c = 0; c < 16; c++)
    p[c] = _mm256_loadu_ps (probe + 8 * c);

  for (gsize i = 0; i < n; i++)
    {
      const float *row = rows + i * LK_MATCH_DIM;
      __m256 a0 = _mm256_setzero_ps (), a1 = _mm256_setzero_ps ();
      __m256 a2 = _mm256_setzero_ps (), a3 = _mm256_setzero_ps ();

      /* Four accumulators hide the latency of the fused multiply-add. */
      for (guint c = 0; c < 16; c += 4)
        {
          __m256 d0 = _mm256_sub_ps (p[c + 0], _mm256_load_ps (row + 8 * c + 0));
          __m256 d1 = _mm256_sub_ps (p[c + 1], _mm256_load_ps (row + 8 * c + 8));
          __m256 d2 = _mm256_sub_ps (p[c + 2], _mm256_load_ps (row + 8 * c + 16));
          __m256 d3 = _mm256_sub_ps (p[c + 3], _mm256_load_ps (row + 8 * c + 24));
          a0 = _mm256_fmadd_ps (d0, d0, a0);
          a1 = _mm256_fmadd_ps (d1, d1, a1);
          a2 = _mm256_fmadd_ps (d2, d2, a2);
          a3 = _mm256_fmadd_ps (d3, d3, a3);
        }
      out[i] = hsum (_mm256_add_ps (_mm256_add_ps (a0, a1), _mm256_add_ps (a2, a3)));
    }
}

void
lk_match_l2sq_avx2_x4 (const float *probes, const float *rows, gsize n, float *out)
{
  const float *q0 = probes, *q1 = probes + LK_MATCH_DIM;
  const float *q2 = probes + 2 * LK_MATCH_DIM, *q3 = probes + 3 * LK_MATCH_DIM;

  for (gsize i = 0; i < n; i++)
    {
      const float *row = rows + i * LK_MATCH_DIM;
      __m256 a0 = _mm256_setzero_ps (), a1 = _mm256_setzero_ps ();
      __m256 a2 = _mm256_setzero_ps (), a3 = _mm256_setzero_ps ();
      __m256 b0 = _mm256_setzero_ps (), b1 = _mm256_setzero_ps ();
      __m256 b2 = _mm256_setzero_ps (), b3 = _mm256_setzero_ps ();

      /* Each row chunk is loaded once and used for four probes; two
       * accumulators per probe keep eight fused multiply-adds in flight. */
      for (guint c = 0; c < 16; c += 2)
        {
          __m256 r0 = _mm256_load_ps (row + 8 * c);
          __m256 r1 = _mm256_load_ps (row + 8 * c + 8);
          __m256 d;

          d = _mm256_sub_ps (_mm256_loadu_ps (q0 + 8 * c), r0); a0 = _mm256_fmadd_ps (d, d, a0);
          d = _mm256_sub_ps (_mm256_loadu_ps (q1 + 8 * c), r0); a1 = _mm256_fmadd_ps (d, d, a1);
          d = _mm256_sub_ps (_mm256_loadu_ps (q2 + 8 * c), r0); a2 = _mm256_fmadd_ps (d, d, a2);
          d = _mm256_sub_ps (_mm256_loadu_ps (q3 + 8 * c), r0); a3 = _mm256_fmadd_ps (d, d, a3);
          d = _mm256_sub_ps (_mm256_loadu_ps (q0 + 8 * c + 8), r1); b0 = _mm256_fmadd_ps (d, d, b0);
          d = _mm256_sub_ps (_mm256_loadu_ps (q1 + 8 * c + 8), r1); b1 = _mm256_fmadd_ps (d, d, b1);
          d = _mm256_sub_ps (_mm256_loadu_ps (q2 + 8 * c + 8), r1); b2 = _mm256_fmadd_ps (d, d, b2);
          d = _mm256_sub_ps (_mm256_loadu_ps (q3 + 8 * c + 8), r1); b3 = _mm256_fmadd_ps (d, d, b3);
        }
      out[i] = hsum (_mm256_add_ps (a0, b0));
      out[n + i] = hsum (_mm256_add_ps (a1, b1));
      out[2 * n + i] = hsum (_mm256_add_ps (a2, b2));
      out[3 * n + i] = hsum (_mm256_add_ps (a3, b3));
    }
}

#if defined(__F16C__)
gboolean
lk_match_rows_to_f16 (const float *rows, gsize n, guint16 *out, double *max_err)
{
  double worst = 0;

  for (gsize i = 0; i < n; i++)
    {
      double e = 0;

      for (guint c = 0; c < LK_MATCH_DIM; c += 8)
        {
          __m256 x = _mm256_loadu_ps (rows + i * LK_MATCH_DIM + c);
          __m128i h = _mm256_cvtps_ph (x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
          float back[8], orig[8];

          _mm_storeu_si128 ((__m128i *) (out + i * LK_MATCH_DIM + c), h);
          _mm256_storeu_ps (back, _mm256_cvtph_ps (h));
          _mm256_storeu_ps (orig, x);
          for (guint j = 0; j < 8; j++)
            {
              double t = (double) back[j] - (double) orig[j];

              if (!isfinite (back[j]))
                return FALSE;
              e += t * t;
            }
        }
      worst = MAX (worst, e);
    }
  /* Double rounding here is ~1e-16 relative: the factor covers it. */
  *max_err = sqrt (worst) * (1 + 1e-9);
  return TRUE;
}

void
lk_match_l2sq_f16 (const float *probe, const guint16 *rows, gsize n, float *out)
{
  __m256 p[16];

  for (guint c = 0; c < 16; c++)
    p[c] = _mm256_loadu_ps (probe + 8 * c);

  for (gsize i = 0; i < n; i++)
    {
      const guint16 *row = rows + i * LK_MATCH_DIM;
      __m256 a0 = _mm256_setzero_ps (), a1 = _mm256_setzero_ps ();
      __m256 a2 = _mm256_setzero_ps (), a3 = _mm256_setzero_ps ();

      /* Each half converts exactly to float; only the summation rounds. */
      for (guint c = 0; c < 16; c += 4)
        {
          __m256 r0 = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *) (row + 8 * c + 0)));
          __m256 r1 = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *) (row + 8 * c + 8)));
          __m256 r2 = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *) (row + 8 * c + 16)));
          __m256 r3 = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *) (row + 8 * c + 24)));
          __m256 d0 = _mm256_sub_ps (p[c + 0], r0);
          __m256 d1 = _mm256_sub_ps (p[c + 1], r1);
          __m256 d2 = _mm256_sub_ps (p[c + 2], r2);
          __m256 d3 = _mm256_sub_ps (p[c + 3], r3);
          a0 = _mm256_fmadd_ps (d0, d0, a0);
          a1 = _mm256_fmadd_ps (d1, d1, a1);
          a2 = _mm256_fmadd_ps (d2, d2, a2);
          a3 = _mm256_fmadd_ps (d3, d3, a3);
        }
      out[i] = hsum (_mm256_add_ps (_mm256_add_ps (a0, a1), _mm256_add_ps (a2, a3)));
    }
}
#else
gboolean
lk_match_rows_to_f16 (const float *rows, gsize n, guint16 *out, double *max_err)
{
  return FALSE;
}

void
lk_match_l2sq_f16 (const float *probe, const guint16 *rows, gsize n, float *out)
{
  g_assert_not_reached ();
}
#endif

#else

/* A compiler without AVX2 support: never selected (lk_match_cpu_has_avx2 is
 * still asked first), but keep the symbols so the library links. */
void
lk_match_l2sq_avx2 (const float *probe, const float *rows, gsize n, float *out)
{
  lk_match_l2sq_portable (probe, rows, n, out);
}

void
lk_match_l2sq_avx2_x4 (const float *probes, const float *rows, gsize n, float *out)
{
  for (guint q = 0; q < 4; q++)
    lk_match_l2sq_portable (probes + q * LK_MATCH_DIM, rows, n, out + q * n);
}

gboolean
lk_match_rows_to_f16 (const float *rows, gsize n, guint16 *out, double *max_err)
{
  return FALSE;
}

void
lk_match_l2sq_f16 (const float *probe, const guint16 *rows, gsize n, float *out)
{
  g_assert_not_reached ();
}

#endif
