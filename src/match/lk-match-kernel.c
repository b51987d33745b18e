/* lk-match-kernel.c — the reference distance and the portable kernel.
 * Built with -ffp-contract=off so that the reference is what it says. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-match-kernel.h"

float
lk_match_l2sq_reference (const float *a, const float *b)
{
  float sum = 0.f;

  for (guint d = 0; d < LK_MATCH_DIM; d++)
    {
      float t = a[d] - b[d];
      sum += t * t;
    }
  return sum;
}

void
lk_match_l2sq_portable (const float *probe, const float *rows, gsize n, float *out)
{
  for (gsize i = 0; i < n; i++)
    {
      const float *row = rows + i * LK_MATCH_DIM;
      float acc[8] = { 0 };
      float sum;

      /* Eight independent lanes: the compiler turns this into SIMD with
       * whatever the baseline instruction set offers (SSE2 on x86-64). */
      for (guint d = 0; d < LK_MATCH_DIM; d += 8)
        for (guint j = 0; j < 8; j++)
          {
            float t = probe[d + j] - row[d + j];
            acc[j] += t * t;
          }
      sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
      out[i] = sum;
    }
}

gboolean
lk_match_cpu_has_avx2 (void)
{
#if defined(__x86_64__) || defined(__i386__)
  static gsize once = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&once))
    {
      __builtin_cpu_init ();
      has = __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
      g_once_init_leave (&once, 1);
    }
  return has;
#else
  return FALSE;
#endif
}

gboolean
lk_match_cpu_has_f16c (void)
{
#if defined(__x86_64__) || defined(__i386__)
  return lk_match_cpu_has_avx2 () && __builtin_cpu_supports ("f16c");
#else
  return FALSE;
#endif
}
