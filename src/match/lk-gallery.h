/* lk-gallery.h — exact k-nearest-neighbour search over face descriptors.
 *
 * All descriptors live in one contiguous, 32-byte aligned float32 array.  A
 * search scans it with the fastest kernel the CPU offers (AVX2/FMA, chosen at
 * run time, or portable C), split across cores, keeps the best candidates in a
 * heap and re-ranks them with the scalar reference distance, so every kernel
 * and every thread count gives exactly the same ranking and distances as a
 * brute-force scalar loop.  Ties are broken by the smaller row index.
 *
 * Rows may carry a group (a person): searches then return the best row of each
 * of the k closest groups, i.e. person distance = the smallest distance over
 * that person's rows.  Above a size (lk_gallery_set_approximate_threshold) an
 * approximate HNSW index proposes candidates which are re-ranked exactly.
 *
 * Thread-safety: searches may run concurrently; adding rows may not run
 * concurrently with anything else.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LkGallery LkGallery;

typedef struct {
  guint  row;       /* the row that gave the distance (best row of its group) */
  guint  group;     /* its group (the row itself when rows have no groups) */
  float  distance;  /* Euclidean distance */
} LkNeighbor;

typedef enum {
  LK_MATCH_KERNEL_AUTO,     /* AVX2/FMA where the CPU has it, else portable */
  LK_MATCH_KERNEL_PORTABLE,
  LK_MATCH_KERNEL_AVX2,
} LkMatchKernel;

#define LK_GALLERY_DEFAULT_APPROXIMATE_THRESHOLD 2000000u
#define LK_GALLERY_DEFAULT_HALF_THRESHOLD 50000u

LkGallery   *lk_gallery_new             (void);
void         lk_gallery_free            (LkGallery *self);

/* Appends n descriptors (n × LK_DESCRIPTOR_DIM floats).  groups: one label per
 * row, or NULL for rows that are their own group.  A gallery either always or
 * never has groups.  Refuses NaN or infinite values and leaves the gallery as
 * it was on error. */
gboolean     lk_gallery_add             (LkGallery *self, const float *descriptors,
                                         const guint *groups, guint n, GError **error);
guint        lk_gallery_get_size        (LkGallery *self);
const float *lk_gallery_get_descriptor  (LkGallery *self, guint row);
guint        lk_gallery_get_group       (LkGallery *self, guint row);

/* Which kernel scans the array.  FALSE (and nothing changes) when the CPU lacks it. */
gboolean     lk_gallery_set_kernel      (LkGallery *self, LkMatchKernel kernel);
LkMatchKernel lk_gallery_get_kernel     (LkGallery *self);   /* never AUTO */
/* 0: one thread per core. */
void         lk_gallery_set_n_threads   (LkGallery *self, guint n_threads);
/* Galleries of at least this many rows are searched through an HNSW index
 * (built on first use) and re-ranked exactly; 0 never. */
void         lk_gallery_set_approximate_threshold (LkGallery *self, guint n_rows);
gboolean     lk_gallery_is_approximate  (LkGallery *self);
/* Single-probe exact searches of galleries of at least this many rows scan a
 * half-precision copy of the descriptors first (half the memory traffic; the
 * copy costs 256 bytes per row, 256 MB per million), then re-rank exactly, so
 * results stay identical.  Only on CPUs with AVX2, FMA and F16C and with the
 * AVX2 kernel; 0 never. */
void         lk_gallery_set_half_threshold (LkGallery *self, guint n_rows);
/* Whether searches use the half-precision copy now (builds it if so). */
gboolean     lk_gallery_uses_half       (LkGallery *self);
/* Builds what searches need (the approximate index when the gallery is that
 * large) now rather than in the first search; slow for huge galleries. */
gboolean     lk_gallery_prepare         (LkGallery *self, GError **error);

/* The k closest groups to one probe, best first, into out (room for k).
 * Returns how many were found (min(k, number of groups)), or -1 on error. */
int          lk_gallery_search          (LkGallery *self, const float *probe, guint k,
                                         LkNeighbor *out, GError **error);
/* Many probes at once (n_probes × LK_DESCRIPTOR_DIM floats): out holds k
 * entries per probe, n_found how many of them are valid. */
gboolean     lk_gallery_search_batch    (LkGallery *self, const float *probes, guint n_probes,
                                         guint k, LkNeighbor *out, guint *n_found,
                                         GCancellable *cancellable, GError **error);

/* The distance every search reports (Euclidean, the reference summation). */
float        lk_gallery_distance        (const float *a, const float *b);

/* The brute-force scalar search that defines the results; one thread, for tests. */
guint        lk_gallery_search_reference (LkGallery *self, const float *probe, guint k,
                                          LkNeighbor *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkGallery, lk_gallery_free)

G_END_DECLS
