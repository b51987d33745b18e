/* lk-cluster.c — constrained agglomerative clustering (see lk-cluster.h). */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lk-cluster.h"
#include "lk-match-error.h"
#include "lk-match-kernel.h"

static guint
uf_find (guint *parent, guint i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
uf_union (guint *parent, guint a, guint b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

static gboolean
check_input (const float *descriptors, guint n, const guint *cannot_link, guint n_pairs,
             double threshold, GError **error)
{
  if (!(threshold > 0) || !isfinite (threshold))
    {
      g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                   _("The clustering distance must be a positive number, not %g"), threshold);
      return FALSE;
    }
  for (gsize i = 0; i < (gsize) n * LK_MATCH_DIM; i++)
    if (!isfinite (descriptors[i]))
      {
        g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                     _("Face %zu has a descriptor value that is not a finite "
                       "number; describe that face again"), i / LK_MATCH_DIM + 1);
        return FALSE;
      }
  for (guint p = 0; p < 2 * n_pairs; p++)
    if (cannot_link[p] >= n)
      {
        g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID,
                     _("A cannot-link constraint names face %u of %u"), cannot_link[p] + 1, n);
        return FALSE;
      }
  return TRUE;
}

static guint64
pair_key (guint a, guint b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

/* Distance matrix of one component (Euclidean; +∞ for cannot-link pairs). */
static float *
component_matrix (const float *descriptors, const guint *members, guint m, GHashTable *forbidden)
{
  float *dist = g_new (float, (gsize) m * m);

  for (guint i = 0; i < m; i++)
    {
      dist[(gsize) i * m + i] = INFINITY;
      for (guint j = i + 1; j < m; j++)
        {
          guint64 key = pair_key (members[i], members[j]);
          float d = sqrtf (lk_match_l2sq_reference (descriptors + (gsize) members[i] * LK_MATCH_DIM,
                                                    descriptors + (gsize) members[j] * LK_MATCH_DIM));

          if (g_hash_table_contains (forbidden, &key))
            d = INFINITY;
          dist[(gsize) i * m + j] = dist[(gsize) j * m + i] = d;
        }
    }
  return dist;
}

/* Row i's nearest living neighbour (ties: the smaller index). */
static void
update_nearest (const float *dist, guint m, const gboolean *alive, guint i, guint *nn, float *nnd)
{
  nn[i] = G_MAXUINT;
  nnd[i] = INFINITY;
  for (guint j = 0; j < m; j++)
    if (j != i && alive[j] && dist[(gsize) i * m + j] < nnd[i])
      {
        nnd[i] = dist[(gsize) i * m + j];
        nn[i] = j;
      }
}

/* Merges b into a with the Lance–Williams update (∞ spreads, so a
 * cannot-link pair is never joined, directly or through others). */
static void
merge_rows (float *dist, guint m, const gboolean *alive, const guint *size, guint a, guint b,
            LkLinkage linkage)
{
  for (guint k = 0; k < m; k++)
    if (alive[k] && k != a && k != b)
      {
        float da = dist[(gsize) a * m + k], db = dist[(gsize) b * m + k];
        float d = linkage == LK_LINKAGE_COMPLETE
                  ? MAX (da, db)
                  : (size[a] * da + size[b] * db) / (size[a] + size[b]);

        dist[(gsize) a * m + k] = dist[(gsize) k * m + a] = d;
      }
}

/* Joins the closest pair of clusters while it is under the threshold.  Each
 * row keeps its nearest neighbour, so a join costs O(m) plus the rows whose
 * neighbour changed, instead of a scan of the whole matrix. */
static void
agglomerate (float *dist, guint m, double threshold, LkLinkage linkage, guint *owner)
{
  g_autofree guint *size = g_new (guint, m);
  g_autofree gboolean *alive = g_new (gboolean, m);
  g_autofree guint *nn = g_new (guint, m);
  g_autofree float *nnd = g_new (float, m);

  for (guint i = 0; i < m; i++)
    {
      size[i] = 1;
      alive[i] = TRUE;
      owner[i] = i;
    }
  for (guint i = 0; i < m; i++)
    update_nearest (dist, m, alive, i, nn, nnd);
  for (;;)
    {
      guint a = G_MAXUINT, b;

      for (guint i = 0; i < m; i++)
        if (alive[i] && nn[i] != G_MAXUINT && (a == G_MAXUINT || nnd[i] < nnd[a]))
          a = i;
      if (a == G_MAXUINT || !(nnd[a] < threshold))
        break;
      b = MAX (a, nn[a]);
      a = MIN (a, nn[a]);
      merge_rows (dist, m, alive, size, a, b, linkage);
      size[a] += size[b];
      alive[b] = FALSE;
      for (guint k = 0; k < m; k++)
        if (owner[k] == b)
          owner[k] = a;
      for (guint k = 0; k < m; k++)
        if (alive[k] && (k == a || nn[k] == a || nn[k] == b))
          update_nearest (dist, m, alive, k, nn, nnd);
        else if (alive[k] && dist[(gsize) k * m + a] < nnd[k])
          {
            nnd[k] = dist[(gsize) k * m + a];
            nn[k] = a;
          }
    }
}

/* Union-find over every pair closer than the threshold (and not forbidden). */
static void
link_close_pairs (const float *descriptors, guint n, double threshold, GHashTable *forbidden,
                  guint *parent)
{
  float limit = (float) (threshold * threshold) * (1.f + LK_MATCH_KERNEL_REL_ERROR);
  g_autofree float *buf = g_new (float, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i + 1 < n; i++)
    {
      const float *rows = descriptors + (gsize) (i + 1) * LK_MATCH_DIM;

      /* The rows need not be aligned here, so the portable kernel; the slack
       * in `limit` keeps every pair the exact distance would keep. */
      lk_match_l2sq_portable (descriptors + (gsize) i * LK_MATCH_DIM, rows, n - i - 1, buf);
      for (guint j = i + 1; j < n; j++)
        if (buf[j - i - 1] < limit)
          {
            guint64 key = pair_key (i, j);

            if (!g_hash_table_contains (forbidden, &key))
              uf_union (parent, i, j);
          }
    }
}

gboolean
lk_cluster_faces (const float *descriptors, guint n, const guint *cannot_link, guint n_pairs,
                  double threshold, LkLinkage linkage, guint *labels_out, guint *n_clusters_out,
                  GCancellable *cancellable, GError **error)
{
  g_autoptr(GHashTable) forbidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree guint *parent = g_new (guint, MAX (n, 1));
  g_autofree guint *final = g_new (guint, MAX (n, 1));
  g_autofree guint *number = g_new (guint, MAX (n, 1));
  guint n_clusters = 0;

  g_return_val_if_fail (descriptors != NULL || n == 0, FALSE);
  g_return_val_if_fail (cannot_link != NULL || n_pairs == 0, FALSE);
  g_return_val_if_fail (labels_out != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_input (descriptors, n, cannot_link, n_pairs, threshold, error))
    return FALSE;
  for (guint p = 0; p < n_pairs; p++)
    {
      guint64 *key = g_new (guint64, 1);

      *key = pair_key (cannot_link[2 * p], cannot_link[2 * p + 1]);
      g_hash_table_add (forbidden, key);
    }
  link_close_pairs (descriptors, n, threshold, forbidden, parent);

  /* Each component on its own: members in index order, then agglomerate. */
  for (guint i = 0; i < n; i++)
    final[i] = G_MAXUINT;
  for (guint root = 0; root < n; root++)
    {
      g_autofree guint *members = NULL;
      g_autofree guint *owner = NULL;
      g_autofree float *dist = NULL;
      guint m = 0;

      if (uf_find (parent, root) != root)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      members = g_new (guint, n);
      for (guint i = root; i < n; i++)
        if (uf_find (parent, i) == root)
          members[m++] = i;
      owner = g_new (guint, m);
      dist = component_matrix (descriptors, members, m, forbidden);
      agglomerate (dist, m, threshold, linkage, owner);
      for (guint i = 0; i < m; i++)
        final[members[i]] = members[owner[i]];
    }

  /* Number clusters by their first face. */
  for (guint i = 0; i < n; i++)
    number[i] = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      guint rep = final[i];

      if (number[rep] == G_MAXUINT)
        number[rep] = n_clusters++;
      labels_out[i] = number[rep];
    }
  if (n_clusters_out != NULL)
    *n_clusters_out = n_clusters;
  return TRUE;
}
