/* lk-hnsw.h — a C face on Debian's hnswlib (C++, header-only) for galleries
 * too large for an exact scan.  No C++ type crosses this header; exceptions
 * become LK_MATCH_ERROR_INDEX or LK_MATCH_ERROR_NO_MEMORY. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Links per node and beam widths.  tests/match/bench-match prints recall@20
 * (after the exact re-rank) on synthetic face-like data, a hard case for
 * graph indexes: noise in all 128 dimensions. */
#define LK_HNSW_DEFAULT_M 16
#define LK_HNSW_DEFAULT_EF_CONSTRUCTION 200
#define LK_HNSW_DEFAULT_EF_SEARCH 1024

typedef struct _LkHnsw LkHnsw;

/* Indexes n rows of LK_DESCRIPTOR_DIM floats (labels = row numbers) on
 * n_threads threads.  The rows are copied. */
LkHnsw *lk_hnsw_new    (const float *rows, guint n, guint m, guint ef_construction,
                        guint n_threads, GError **error);
void    lk_hnsw_free   (LkHnsw *self);
/* Up to k nearest rows (approximately), best first; beam width max(ef, k).
 * Returns how many, or -1 on error.  Safe to call from several threads. */
int     lk_hnsw_search (LkHnsw *self, const float *probe, guint k, guint ef, guint *rows_out,
                        GError **error);

G_END_DECLS
