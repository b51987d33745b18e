/* lk-gallery.c — exact k-NN search: contiguous array, SIMD kernels, threads,
 * heap selection and exact re-ranking.  See lk-gallery.h for the contract. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-gallery.h"
#include "lk-hnsw.h"
#include "lk-match-error.h"
#include "lk-match-kernel.h"

#define BLOCK_ROWS 256            /* 128 KiB of rows: stays in L2 while a tile of probes scans it */
#define MIN_ROWS_PER_THREAD 32768 /* below this a thread costs more than it saves */
#define HNSW_CANDIDATE_FACTOR 4   /* rows asked from the approximate index per group wanted */

struct _LkGallery
{
  float         *data;        /* n × LK_MATCH_DIM, 32-byte aligned */
  gsize          capacity;    /* rows allocated */
  guint          n;
  guint         *groups;      /* NULL: every row is its own group */
  LkMatchKernel  kernel;
  guint          n_threads;
  guint          approximate_threshold;

  /* Built on first use by a search (hence the lock): rows of each group. */
  GMutex         index_lock;
  gboolean       index_valid;
  guint         *rows_by_group;   /* rows sorted by (group, row) */
  GHashTable    *group_first;     /* group → 1 + position of its first row in rows_by_group */
  LkHnsw        *hnsw;            /* approximate index, NULL until needed */

  /* Half-precision copy of data for the single-probe scan of big galleries
   * (half the memory traffic); built on first use when the CPU has F16C. */
  guint          half_threshold;
  gboolean       half_tried;
  guint16       *half;            /* NULL: not built or values out of range */
  double         half_err;        /* max over rows of ‖row − half copy‖ */
};

typedef struct {
  float d;
  guint row;
  guint group;
} Cand;

/* A max-heap of the best candidates so far, at most one per group. */
typedef struct {
  Cand     *e;
  guint     n;
  guint     cap;
  gboolean  dedupe;
  gboolean  overflowed;   /* some row was turned away or evicted */
} Heap;

static inline gboolean
cand_worse (const Cand *a, const Cand *b)
{
  return a->d > b->d || (a->d == b->d && a->row > b->row);
}

static void
heap_sift_down (Heap *h, guint i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cand t;

      if (l < h->n && cand_worse (&h->e[l], &h->e[m]))
        m = l;
      if (r < h->n && cand_worse (&h->e[r], &h->e[m]))
        m = r;
      if (m == i)
        return;
      t = h->e[i]; h->e[i] = h->e[m]; h->e[m] = t;
      i = m;
    }
}

static void
heap_sift_up (Heap *h, guint i)
{
  while (i > 0)
    {
      guint p = (i - 1) / 2;
      Cand t;

      if (!cand_worse (&h->e[i], &h->e[p]))
        return;
      t = h->e[i]; h->e[i] = h->e[p]; h->e[p] = t;
      i = p;
    }
}

static void
heap_init (Heap *h, guint cap, gboolean dedupe)
{
  h->e = g_new (Cand, MAX (cap, 1));
  h->n = 0;
  h->cap = cap;
  h->dedupe = dedupe;
  h->overflowed = FALSE;
}

static void
heap_offer (Heap *h, float d, guint row, guint group)
{
  Cand c = { d, row, group };

  if (h->cap == 0)
    return;
  if (h->n == h->cap && !cand_worse (&h->e[0], &c))
    {
      h->overflowed = TRUE;
      return;
    }
  if (h->dedupe)
    for (guint i = 0; i < h->n; i++)
      if (h->e[i].group == group)
        {
          /* A better row of a group already present: replace it in place
           * (its key shrank, so in a max-heap it can only move down). */
          if (cand_worse (&h->e[i], &c))
            {
              h->e[i] = c;
              heap_sift_down (h, i);
            }
          return;
        }
  if (h->n < h->cap)
    {
      h->e[h->n++] = c;
      heap_sift_up (h, h->n - 1);
      return;
    }
  h->overflowed = TRUE;
  h->e[0] = c;
  heap_sift_down (h, 0);
}

/* Every row this heap turned away is at least this far (in kernel distance). */
static float
heap_bound (const Heap *h)
{
  return h->overflowed && h->n > 0 ? h->e[0].d : INFINITY;
}

static int
cand_compare (gconstpointer a, gconstpointer b)
{
  const Cand *x = a, *y = b;

  if (x->d != y->d)
    return x->d < y->d ? -1 : 1;
  return x->row < y->row ? -1 : (x->row > y->row);
}

LkGallery *
lk_gallery_new (void)
{
  LkGallery *self = g_new0 (LkGallery, 1);

  self->kernel = lk_match_cpu_has_avx2 () ? LK_MATCH_KERNEL_AVX2 : LK_MATCH_KERNEL_PORTABLE;
  self->approximate_threshold = LK_GALLERY_DEFAULT_APPROXIMATE_THRESHOLD;
  self->half_threshold = LK_GALLERY_DEFAULT_HALF_THRESHOLD;
  g_mutex_init (&self->index_lock);
  return self;
}

static void
invalidate_index (LkGallery *self)
{
  self->index_valid = FALSE;
  g_clear_pointer (&self->rows_by_group, g_free);
  g_clear_pointer (&self->group_first, g_hash_table_unref);
  g_clear_pointer (&self->hnsw, lk_hnsw_free);
  self->half_tried = FALSE;
  g_clear_pointer (&self->half, free);
}

void
lk_gallery_free (LkGallery *self)
{
  if (self == NULL)
    return;
  invalidate_index (self);
  g_mutex_clear (&self->index_lock);
  free (self->data);
  g_free (self->groups);
  g_free (self);
}

static gboolean
reserve (LkGallery *self, gsize rows, GError **error)
{
  gsize cap = MAX (self->capacity, 64);
  void *mem = NULL;

  if (rows <= self->capacity)
    return TRUE;
  while (cap < rows)
    cap *= 2;
  if (cap > G_MAXSIZE / (LK_MATCH_DIM * sizeof (float)) ||
      posix_memalign (&mem, 32, cap * LK_MATCH_DIM * sizeof (float)) != 0)
    {
      g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_NO_MEMORY,
                   _("Not enough memory for a gallery of %zu faces"), rows);
      return FALSE;
    }
  if (self->n > 0)
    memcpy (mem, self->data, (gsize) self->n * LK_MATCH_DIM * sizeof (float));
  free (self->data);
  self->data = mem;
  self->capacity = cap;
  return TRUE;
}

gboolean
lk_gallery_add (LkGallery *self, const float *descriptors, const guint *groups, guint n,
                GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (descriptors != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n > 0 && (groups != NULL) != (self->groups != NULL))
    {
      g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                   _("Rows with and without groups cannot be mixed in one gallery"));
      return FALSE;
    }
  if ((guint64) self->n + n > G_MAXUINT - 1)
    {
      g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_NO_MEMORY,
                   _("A gallery holds at most %u faces"), G_MAXUINT - 1);
      return FALSE;
    }
  for (gsize i = 0; i < (gsize) n * LK_MATCH_DIM; i++)
    if (!isfinite (descriptors[i]))
      {
        g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                     _("Descriptor %zu has a value that is not a finite number; "
                       "describe that face again"), i / LK_MATCH_DIM);
        return FALSE;
      }
  if (!reserve (self, (gsize) self->n + n, error))
    return FALSE;
  if (groups != NULL)
    {
      self->groups = g_renew (guint, self->groups, (gsize) self->n + n);
      memcpy (self->groups + self->n, groups, (gsize) n * sizeof (guint));
    }
  if (n > 0)
    memcpy (self->data + (gsize) self->n * LK_MATCH_DIM, descriptors,
            (gsize) n * LK_MATCH_DIM * sizeof (float));
  self->n += n;
  invalidate_index (self);
  return TRUE;
}

guint
lk_gallery_get_size (LkGallery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

const float *
lk_gallery_get_descriptor (LkGallery *self, guint row)
{
  g_return_val_if_fail (self != NULL && row < self->n, NULL);
  return self->data + (gsize) row * LK_MATCH_DIM;
}

guint
lk_gallery_get_group (LkGallery *self, guint row)
{
  g_return_val_if_fail (self != NULL && row < self->n, 0);
  return self->groups != NULL ? self->groups[row] : row;
}

gboolean
lk_gallery_set_kernel (LkGallery *self, LkMatchKernel kernel)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (kernel == LK_MATCH_KERNEL_AUTO)
    kernel = lk_match_cpu_has_avx2 () ? LK_MATCH_KERNEL_AVX2 : LK_MATCH_KERNEL_PORTABLE;
  if (kernel == LK_MATCH_KERNEL_AVX2 && !lk_match_cpu_has_avx2 ())
    return FALSE;
  self->kernel = kernel;
  return TRUE;
}

LkMatchKernel
lk_gallery_get_kernel (LkGallery *self)
{
  g_return_val_if_fail (self != NULL, LK_MATCH_KERNEL_PORTABLE);
  return self->kernel;
}

void
lk_gallery_set_n_threads (LkGallery *self, guint n_threads)
{
  g_return_if_fail (self != NULL);
  self->n_threads = n_threads;
}

void
lk_gallery_set_approximate_threshold (LkGallery *self, guint n_rows)
{
  g_return_if_fail (self != NULL);
  self->approximate_threshold = n_rows;
}

void
lk_gallery_set_half_threshold (LkGallery *self, guint n_rows)
{
  g_return_if_fail (self != NULL);
  self->half_threshold = n_rows;
}

static gboolean
wants_half (LkGallery *self)
{
  return self->half_threshold > 0 && self->n >= self->half_threshold &&
         self->kernel == LK_MATCH_KERNEL_AVX2 && lk_match_cpu_has_f16c ();
}

/* Builds the half-precision copy when this gallery should have one. */
static void
ensure_half (LkGallery *self)
{
  void *mem = NULL;

  if (!wants_half (self))
    return;
  g_mutex_lock (&self->index_lock);
  if (!self->half_tried)
    {
      self->half_tried = TRUE;
      /* Without the memory the float32 scan is still there: not an error. */
      if (posix_memalign (&mem, 32, (gsize) self->n * LK_MATCH_DIM * sizeof (guint16)) == 0)
        {
          if (lk_match_rows_to_f16 (self->data, self->n, mem, &self->half_err))
            self->half = mem;
          else
            free (mem);
        }
    }
  g_mutex_unlock (&self->index_lock);
}

gboolean
lk_gallery_uses_half (LkGallery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  ensure_half (self);
  return wants_half (self) && self->half != NULL;
}

gboolean
lk_gallery_is_approximate (LkGallery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->approximate_threshold > 0 && self->n >= self->approximate_threshold;
}

static guint
effective_threads (LkGallery *self)
{
  guint t = self->n_threads > 0 ? self->n_threads : (guint) g_get_num_processors ();

  return CLAMP (t, 1, 64);
}

static gint
row_by_group_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  const guint *groups = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (groups[x] != groups[y])
    return groups[x] < groups[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

/* The rows of each group, for exact re-ranking of a candidate group. */
static void
ensure_group_index (LkGallery *self)
{
  g_mutex_lock (&self->index_lock);
  if (!self->index_valid && self->groups != NULL)
    {
      self->rows_by_group = g_new (guint, MAX (self->n, 1));
      for (guint i = 0; i < self->n; i++)
        self->rows_by_group[i] = i;
      g_qsort_with_data (self->rows_by_group, self->n, sizeof (guint), row_by_group_compare,
                         self->groups);
      self->group_first = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < self->n; i++)
        if (i == 0 || self->groups[self->rows_by_group[i]] != self->groups[self->rows_by_group[i - 1]])
          g_hash_table_insert (self->group_first,
                               GUINT_TO_POINTER (self->groups[self->rows_by_group[i]]),
                               GUINT_TO_POINTER (i + 1));
    }
  self->index_valid = TRUE;
  g_mutex_unlock (&self->index_lock);
}

/* Exact (reference) distance of a group: the best of its rows, ties to the smaller row. */
static Cand
exact_group (LkGallery *self, const float *probe, guint row, guint group)
{
  Cand best = { INFINITY, G_MAXUINT, group };
  guint pos;

  if (self->groups == NULL)
    {
      best.d = lk_match_l2sq_reference (probe, self->data + (gsize) row * LK_MATCH_DIM);
      best.row = row;
      return best;
    }
  pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->group_first, GUINT_TO_POINTER (group)));
  g_assert (pos > 0);
  for (guint i = pos - 1; i < self->n && self->groups[self->rows_by_group[i]] == group; i++)
    {
      guint r = self->rows_by_group[i];
      Cand c = { lk_match_l2sq_reference (probe, self->data + (gsize) r * LK_MATCH_DIM), r, group };

      if (cand_worse (&best, &c))
        best = c;
    }
  return best;
}

static void
write_out (const Cand *c, guint n, LkNeighbor *out)
{
  for (guint i = 0; i < n; i++)
    {
      out[i].row = c[i].row;
      out[i].group = c[i].group;
      out[i].distance = sqrtf (c[i].d);
    }
}

/* Re-ranks the kernel's candidates with the reference distance.  FALSE when
 * the kernel's rounding could have kept out a group that belongs in the top k
 * (near-ties at the boundary): the caller then scans with the reference. */
/* The smallest reference distance (squared) a row can have when the kernel
 * gave it at least bound.  Float32 kernels: within LK_MATCH_KERNEL_REL_ERROR
 * of the reference, each side.  Half-precision rows (half_err ≥ 0): the
 * kernel measures the distance to the row's copy, which by the triangle
 * inequality is at most half_err from the distance to the row itself. */
static double
reference_floor (float bound, double half_err)
{
  const double rel = LK_MATCH_KERNEL_REL_ERROR;
  double d;

  if (half_err < 0)
    return (double) bound / (1 + 2 * rel) - 1e-30;
  d = sqrt ((double) bound / (1 + rel)) * (1 - 1e-9) - half_err;
  return d <= 0 ? 0 : d * d * (1 - rel) * (1 - 1e-9) - 1e-30;
}

static gboolean
rerank (LkGallery *self, const float *probe, const Cand *cands, guint n_cands, float bound,
        double half_err, guint k, LkNeighbor *out, guint *n_out)
{
  g_autofree Cand *exact = g_new (Cand, MAX (n_cands, 1));
  guint n = MIN (k, n_cands);

  for (guint i = 0; i < n_cands; i++)
    exact[i] = exact_group (self, probe, cands[i].row, cands[i].group);
  qsort (exact, n_cands, sizeof (Cand), cand_compare);
  if (isfinite (bound))
    {
      if (n < k || !(reference_floor (bound, half_err) > (double) exact[n - 1].d))
        return FALSE;
    }
  write_out (exact, n, out);
  *n_out = n;
  return TRUE;
}

float
lk_gallery_distance (const float *a, const float *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, INFINITY);
  return sqrtf (lk_match_l2sq_reference (a, b));
}

guint
lk_gallery_search_reference (LkGallery *self, const float *probe, guint k, LkNeighbor *out)
{
  Heap h;
  guint n;

  g_return_val_if_fail (self != NULL && probe != NULL, 0);
  g_return_val_if_fail (out != NULL || k == 0, 0);

  heap_init (&h, k, self->groups != NULL);
  for (guint i = 0; i < self->n; i++)
    heap_offer (&h, lk_match_l2sq_reference (probe, self->data + (gsize) i * LK_MATCH_DIM), i,
                self->groups != NULL ? self->groups[i] : i);
  qsort (h.e, h.n, sizeof (Cand), cand_compare);
  write_out (h.e, h.n, out);
  n = h.n;
  g_free (h.e);
  return n;
}

/* Room in the kernel heap beyond k: absorbs rounding near-ties so the exact
 * re-rank almost never needs the reference scan. */
static guint
heap_room (guint k)
{
  return k + MAX (8, k);
}

/* Half-precision distances are ~1e-3 off: a wider heap keeps the rows the
 * rounding could have reordered, so the float32 re-scan is rarely needed. */
static guint
half_heap_room (guint k)
{
  return k + MAX (64, 2 * k);
}

static void
scan_rows (LkGallery *self, const float *probe, guint start, guint end, gboolean half, Heap *h)
{
  float buf[BLOCK_ROWS];

  for (guint b = start; b < end; b += BLOCK_ROWS)
    {
      guint m = MIN (BLOCK_ROWS, end - b);
      const float *rows = self->data + (gsize) b * LK_MATCH_DIM;

      if (half)
        lk_match_l2sq_f16 (probe, self->half + (gsize) b * LK_MATCH_DIM, m, buf);
      else if (self->kernel == LK_MATCH_KERNEL_AVX2)
        lk_match_l2sq_avx2 (probe, rows, m, buf);
      else
        lk_match_l2sq_portable (probe, rows, m, buf);
      for (guint i = 0; i < m; i++)
        if (h->n < h->cap || buf[i] < h->e[0].d)
          heap_offer (h, buf[i], b + i, self->groups != NULL ? self->groups[b + i] : b + i);
    }
}

/* Runs func on n task records (task_size bytes each), n-1 of them on new threads. */
static void
run_tasks (gpointer tasks, gsize task_size, guint n, GThreadFunc func)
{
  GThread *threads[64] = { NULL };

  for (guint i = 1; i < n; i++)
    {
      /* Without a thread (resource limits) the task simply runs here. */
      threads[i] = g_thread_try_new ("lk-match", func, (char *) tasks + i * task_size, NULL);
      if (threads[i] == NULL)
        func ((char *) tasks + i * task_size);
    }
  func (tasks);
  for (guint i = 1; i < n; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);
}

typedef struct {
  LkGallery   *self;
  const float *probe;
  guint        start;
  guint        end;
  gboolean     half;
  Heap         heap;
} ScanTask;

static gpointer
scan_task_run (gpointer data)
{
  ScanTask *t = data;

  scan_rows (t->self, t->probe, t->start, t->end, t->half, &t->heap);
  return NULL;
}

static gboolean
check_probe (const float *probe, GError **error)
{
  for (guint d = 0; d < LK_MATCH_DIM; d++)
    if (!isfinite (probe[d]))
      {
        g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                     _("The face to search for has a descriptor value that is not a finite "
                       "number; describe that face again"));
        return FALSE;
      }
  return TRUE;
}

/* One scan with the float32 or the half-precision rows, then the exact
 * re-rank.  FALSE when the re-rank cannot prove its top k. */
static gboolean
scan_and_rerank (LkGallery *self, const float *probe, guint k, gboolean half, LkNeighbor *out,
                 guint *n_out)
{
  ScanTask tasks[64];
  guint nt = MIN (effective_threads (self), MAX (self->n / MIN_ROWS_PER_THREAD, 1));
  guint per = (self->n / nt + BLOCK_ROWS - 1) / BLOCK_ROWS * BLOCK_ROWS;
  float bound = INFINITY;
  gboolean ok;
  Heap merged;

  for (guint i = 0; i < nt; i++)
    {
      tasks[i].self = self;
      tasks[i].probe = probe;
      tasks[i].start = MIN ((guint64) i * per, self->n);
      tasks[i].end = i + 1 == nt ? self->n : MIN ((guint64) (i + 1) * per, self->n);
      tasks[i].half = half;
      heap_init (&tasks[i].heap, half ? half_heap_room (k) : heap_room (k), self->groups != NULL);
    }
  run_tasks (tasks, sizeof (ScanTask), nt, scan_task_run);

  heap_init (&merged, half ? half_heap_room (k) : heap_room (k), self->groups != NULL);
  for (guint i = 0; i < nt; i++)
    {
      bound = MIN (bound, heap_bound (&tasks[i].heap));
      for (guint j = 0; j < tasks[i].heap.n; j++)
        heap_offer (&merged, tasks[i].heap.e[j].d, tasks[i].heap.e[j].row, tasks[i].heap.e[j].group);
      g_free (tasks[i].heap.e);
    }
  bound = MIN (bound, heap_bound (&merged));
  ok = rerank (self, probe, merged.e, merged.n, bound, half ? self->half_err : -1, k, out, n_out);
  g_free (merged.e);
  return ok;
}

static guint
search_exact (LkGallery *self, const float *probe, guint k, LkNeighbor *out)
{
  guint n_out = 0;

  /* Half precision first where built; when its rounding leaves the top k
   * unproven, the float32 scan; then the reference scan. */
  if (lk_gallery_uses_half (self) && scan_and_rerank (self, probe, k, TRUE, out, &n_out))
    return n_out;
  if (scan_and_rerank (self, probe, k, FALSE, out, &n_out))
    return n_out;
  return lk_gallery_search_reference (self, probe, k, out);
}

static gboolean
ensure_hnsw (LkGallery *self, GError **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->index_lock);
  if (self->hnsw == NULL)
    {
      self->hnsw = lk_hnsw_new (self->data, self->n, LK_HNSW_DEFAULT_M,
                                LK_HNSW_DEFAULT_EF_CONSTRUCTION, effective_threads (self), error);
      ok = self->hnsw != NULL;
    }
  g_mutex_unlock (&self->index_lock);
  return ok;
}

/* The approximate path: HNSW proposes rows, their groups are ranked exactly. */
static int
search_approximate (LkGallery *self, const float *probe, guint k, LkNeighbor *out, GError **error)
{
  /* Every row the beam visited is re-ranked exactly: cheap next to the
   * graph walk, and it lifts recall more than a wider beam would. */
  guint want = MIN (MAX (heap_room (k) * HNSW_CANDIDATE_FACTOR, LK_HNSW_DEFAULT_EF_SEARCH), self->n);
  g_autofree guint *rows = g_new (guint, MAX (want, 1));
  Heap h;
  int n, found;

  if (!ensure_hnsw (self, error))
    return -1;
  found = lk_hnsw_search (self->hnsw, probe, want, MAX (want, LK_HNSW_DEFAULT_EF_SEARCH), rows, error);
  if (found < 0)
    return -1;
  heap_init (&h, MAX ((guint) found, 1), TRUE);
  for (int i = 0; i < found; i++)
    {
      guint group = self->groups != NULL ? self->groups[rows[i]] : rows[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < h.n && !seen; j++)
        seen = h.e[j].group == group;
      if (!seen)
        h.e[h.n++] = exact_group (self, probe, rows[i], group);
    }
  qsort (h.e, h.n, sizeof (Cand), cand_compare);
  n = MIN (k, h.n);
  write_out (h.e, n, out);
  g_free (h.e);
  return n;
}

gboolean
lk_gallery_prepare (LkGallery *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_group_index (self);
  ensure_half (self);
  return !lk_gallery_is_approximate (self) || self->n == 0 || ensure_hnsw (self, error);
}

int
lk_gallery_search (LkGallery *self, const float *probe, guint k, LkNeighbor *out, GError **error)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (probe != NULL, -1);
  g_return_val_if_fail (out != NULL || k == 0, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!check_probe (probe, error))
    return -1;
  if (k == 0 || self->n == 0)
    return 0;
  ensure_group_index (self);
  if (lk_gallery_is_approximate (self))
    return search_approximate (self, probe, k, out, error);
  return (int) search_exact (self, probe, k, out);
}

typedef struct {
  LkGallery    *self;
  const float  *probes;
  guint         first;
  guint         count;
  guint         k;
  LkNeighbor   *out;
  guint        *n_found;
  GCancellable *cancellable;
} BatchTask;

/* Up to four probes against every block of rows: each block is read from
 * memory once per tile instead of once per probe. */
static void
batch_tile (LkGallery *self, const float *probes, guint n_probes, Heap *heaps)
{
  float buf[4 * BLOCK_ROWS];

  for (guint b = 0; b < self->n; b += BLOCK_ROWS)
    {
      guint m = MIN (BLOCK_ROWS, self->n - b);
      const float *rows = self->data + (gsize) b * LK_MATCH_DIM;

      if (self->kernel == LK_MATCH_KERNEL_AVX2 && n_probes == 4)
        lk_match_l2sq_avx2_x4 (probes, rows, m, buf);
      else
        for (guint q = 0; q < n_probes; q++)
          if (self->kernel == LK_MATCH_KERNEL_AVX2)
            lk_match_l2sq_avx2 (probes + q * LK_MATCH_DIM, rows, m, buf + q * m);
          else
            lk_match_l2sq_portable (probes + q * LK_MATCH_DIM, rows, m, buf + q * m);
      for (guint q = 0; q < n_probes; q++)
        for (guint i = 0; i < m; i++)
          {
            float d = buf[q * m + i];

            if (heaps[q].n < heaps[q].cap || d < heaps[q].e[0].d)
              heap_offer (&heaps[q], d, b + i, self->groups != NULL ? self->groups[b + i] : b + i);
          }
    }
}

static gpointer
batch_task_run (gpointer data)
{
  BatchTask *t = data;
  LkGallery *self = t->self;

  for (guint p = 0; p < t->count; p += 4)
    {
      guint m = MIN (4, t->count - p);
      const float *probes = t->probes + (gsize) (t->first + p) * LK_MATCH_DIM;
      Heap heaps[4];

      if (g_cancellable_is_cancelled (t->cancellable))
        return NULL;
      for (guint q = 0; q < m; q++)
        heap_init (&heaps[q], heap_room (t->k), self->groups != NULL);
      batch_tile (self, probes, m, heaps);
      for (guint q = 0; q < m; q++)
        {
          guint index = t->first + p + q;
          const float *probe = probes + q * LK_MATCH_DIM;
          LkNeighbor *out = t->out + (gsize) index * t->k;

          if (!rerank (self, probe, heaps[q].e, heaps[q].n, heap_bound (&heaps[q]), -1, t->k, out,
                       &t->n_found[index]))
            t->n_found[index] = lk_gallery_search_reference (self, probe, t->k, out);
          g_free (heaps[q].e);
        }
    }
  return NULL;
}

gboolean
lk_gallery_search_batch (LkGallery *self, const float *probes, guint n_probes, guint k,
                         LkNeighbor *out, guint *n_found, GCancellable *cancellable,
                         GError **error)
{
  BatchTask tasks[64];
  guint nt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (probes != NULL || n_probes == 0, FALSE);
  g_return_val_if_fail (n_found != NULL || n_probes == 0, FALSE);
  g_return_val_if_fail (out != NULL || n_probes == 0 || k == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint p = 0; p < n_probes; p++)
    if (!check_probe (probes + (gsize) p * LK_MATCH_DIM, error))
      {
        g_prefix_error (error, _("Face %u of %u: "), p + 1, n_probes);
        return FALSE;
      }
  memset (n_found, 0, n_probes * sizeof (guint));
  if (k == 0 || self->n == 0 || n_probes == 0)
    return TRUE;
  ensure_group_index (self);

  nt = effective_threads (self);
  /* Few probes, or the approximate index: parallelism inside each search. */
  if (n_probes < 4 * nt || lk_gallery_is_approximate (self))
    {
      for (guint p = 0; p < n_probes; p++)
        {
          int n;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          n = lk_gallery_search (self, probes + (gsize) p * LK_MATCH_DIM, k,
                                 out + (gsize) p * k, error);
          if (n < 0)
            return FALSE;
          n_found[p] = n;
        }
      return TRUE;
    }

  for (guint i = 0; i < nt; i++)
    {
      guint per = (n_probes + nt - 1) / nt;

      tasks[i] = (BatchTask) { self, probes, MIN (i * per, n_probes), 0, k, out, n_found, cancellable };
      tasks[i].count = MIN (per, n_probes - tasks[i].first);
    }
  run_tasks (tasks, sizeof (BatchTask), nt, batch_task_run);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
