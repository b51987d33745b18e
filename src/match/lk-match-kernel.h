/* lk-match-kernel.h — private: the distance kernels behind LkGallery.
 *
 * Every kernel writes squared Euclidean distances from one probe to n
 * consecutive gallery rows of LK_DESCRIPTOR_DIM floats.  The fast kernels sum
 * in their own order (lanes, fused multiply-add), so their last bits differ
 * from lk_match_l2sq_reference(); LkGallery therefore re-ranks their best
 * candidates with the reference, which makes every kernel give identical
 * rankings and distances.  LK_MATCH_KERNEL_REL_ERROR bounds the difference.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_MATCH_DIM 128

/* Any order of summing 128 non-negative squares (each rounded once or fused)
 * is within γ(130) ≈ 7.8e-6 of the exact value, relatively; two such sums are
 * within twice that of each other.  1e-4 leaves a wide margin. */
#define LK_MATCH_KERNEL_REL_ERROR 1e-4f

/* The definition of distance: differences squared and summed in dimension
 * order in single precision, no fused operations (built with -ffp-contract=off). */
float lk_match_l2sq_reference (const float *a, const float *b);

/* Portable C (vectorised by the compiler with the baseline instruction set). */
void  lk_match_l2sq_portable  (const float *probe, const float *rows, gsize n, float *out);

/* AVX2 + FMA; call only when lk_match_cpu_has_avx2() says so.  rows must be 32-byte aligned. */
void  lk_match_l2sq_avx2      (const float *probe, const float *rows, gsize n, float *out);
/* Four probes at once against the same rows (out is 4 × n, probe-major): the
 * rows are loaded once for the four, which matters in batch matching. */
void  lk_match_l2sq_avx2_x4   (const float *probes, const float *rows, gsize n, float *out);

/* Half-precision copies of rows (F16C; call only when lk_match_cpu_has_f16c()).
 * Converts n rows to IEEE binary16, rounding to nearest; returns FALSE when a
 * value does not fit (|x| > 65504), else stores in *max_err the largest
 * Euclidean distance between a row and its copy, rounded up. */
gboolean lk_match_rows_to_f16 (const float *rows, gsize n, guint16 *out, double *max_err);
/* The AVX2 kernel over half-precision rows (32-byte aligned): squared
 * distances from probe to the rows as stored, within LK_MATCH_KERNEL_REL_ERROR. */
void  lk_match_l2sq_f16       (const float *probe, const guint16 *rows, gsize n, float *out);

gboolean lk_match_cpu_has_avx2 (void);
/* AVX2, FMA and F16C. */
gboolean lk_match_cpu_has_f16c (void);

G_END_DECLS
