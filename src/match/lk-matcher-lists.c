/* lk-matcher-lists.c — computing candidate lists, the impostor distribution
 * and clusters for lk_matcher_refresh(). */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-cluster.h"
#include "lk-matcher-private.h"

#define ID_KEY(id) ((gpointer) (gintptr) (id))
#define KEY_ID(p) ((gint64) (gintptr) (p))
#define MAX_GALLERY_IMPOSTOR_PAIRS 200000
#define SEARCH_CHUNK 256

typedef struct {
  gint64 person;
  gint64 ref_face;
  float  d;
} Entry;

static int
compare_entry (const void *a, const void *b)
{
  const Entry *x = a, *y = b;

  if (x->d != y->d)
    return x->d < y->d ? -1 : 1;
  return x->ref_face < y->ref_face ? -1 : (x->ref_face > y->ref_face);
}

static const float *
probe_descriptor (LkMatchContext *c, guint probe_row)
{
  return c->probes->descriptors + (gsize) probe_row * LK_MATCHER_DIM;
}

/* The exact best reference of one person for a probe. */
static Entry
person_entry (LkMatchContext *c, const float *probe, gint64 person)
{
  GArray *rows = g_hash_table_lookup (c->person_rows, ID_KEY (person));
  Entry best = { person, 0, -1.f };

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      guint r = g_array_index (rows, guint, i);
      Entry e = { person, lk_match_context_ref_face (c, r),
                  lk_gallery_distance (probe, lk_match_context_ref_descriptor (c, r)) };

      if (best.d < 0 || compare_entry (&e, &best) < 0)
        best = e;
    }
  return best;
}

static void
append_row (LkMatchContext *c, GArray *rows, const Entry *e, int rank, gboolean pinned)
{
  LkCandidateRow row = { 0 };
  LkEvidence ev;

  row.person_id = e->person;
  row.reference_face_id = e->ref_face;
  row.distance = e->d;
  row.rank = rank;
  row.pinned = pinned;
  row.gallery_persons = c->group_person->len;
  if (e->d >= 0)
    {
      lk_impostor_model_evaluate (c->impostor, e->d, c->group_person->len, &ev);
      row.impostor_share = ev.share;
      row.share_extrapolated = ev.extrapolated;
      row.expected_lookalikes = ev.expected_lookalikes;
    }
  g_array_append_val (rows, row);
}

/* The top entries, then every person a current decision on this face names
 * and the top leaves out ("pinned": an excluded person stays in view). */
static GArray *
finish_list (LkMatchContext *c, guint probe_row, const Entry *top, guint n_top)
{
  GArray *rows = lk_candidate_rows_new ();
  gint64 face_id = c->probes->face_ids[probe_row];
  GHashTable *decided = g_hash_table_lookup (c->decided, ID_KEY (face_id));
  g_autoptr(GArray) pinned = g_array_new (FALSE, FALSE, sizeof (Entry));
  GHashTableIter iter;
  gpointer person;

  for (guint i = 0; i < n_top; i++)
    append_row (c, rows, &top[i], i + 1, FALSE);
  if (decided != NULL)
    {
      g_hash_table_iter_init (&iter, decided);
      while (g_hash_table_iter_next (&iter, &person, NULL))
        {
          gboolean listed = FALSE;
          Entry e;

          for (guint i = 0; i < n_top && !listed; i++)
            listed = top[i].person == KEY_ID (person);
          if (listed)
            continue;
          e = person_entry (c, probe_descriptor (c, probe_row), KEY_ID (person));
          g_array_append_val (pinned, e);
        }
    }
  /* By distance; persons without a reference face (distance < 0) last. */
  for (guint i = 0; i < pinned->len; i++)
    if (g_array_index (pinned, Entry, i).d < 0)
      g_array_index (pinned, Entry, i).d = INFINITY;
  g_array_sort (pinned, compare_entry);
  for (guint i = 0; i < pinned->len; i++)
    {
      Entry *e = &g_array_index (pinned, Entry, i);

      if (isinf (e->d))
        e->d = -1.f;
      append_row (c, rows, e, n_top + i + 1, TRUE);
    }
  return rows;
}

gboolean
lk_match_search_probes (LkMatchContext *c, const guint *probe_rows, guint n, GHashTable *lists,
                        GError **error)
{
  guint k = c->settings.k;
  g_autofree float *batch = g_new (float, (gsize) SEARCH_CHUNK * LK_MATCHER_DIM);
  g_autofree LkNeighbor *out = g_new (LkNeighbor, (gsize) SEARCH_CHUNK * k);
  g_autofree Entry *top = g_new (Entry, k);
  guint n_found[SEARCH_CHUNK];

  /* In chunks: progress and cancellation between them, one batch each. */
  for (guint start = 0; start < n; start += SEARCH_CHUNK)
    {
      guint m = MIN (SEARCH_CHUNK, n - start);

      if (c->progress != NULL)
        c->progress ("searching", start, n, c->user_data);
      for (guint i = 0; i < m; i++)
        memcpy (batch + (gsize) i * LK_MATCHER_DIM, probe_descriptor (c, probe_rows[start + i]),
                LK_MATCHER_DIM * sizeof (float));
      if (!lk_gallery_search_batch (c->gallery, batch, m, k, out, n_found, c->cancellable, error))
        return FALSE;
      for (guint i = 0; i < m; i++)
        {
          guint row = probe_rows[start + i];

          for (guint j = 0; j < n_found[i]; j++)
            {
              const LkNeighbor *nb = &out[(gsize) i * k + j];

              top[j] = (Entry) { g_array_index (c->group_person, gint64, nb->group),
                                 lk_match_context_ref_face (c, nb->row), nb->distance };
            }
          g_hash_table_insert (lists, ID_KEY (c->probes->face_ids[row]),
                               finish_list (c, row, top, n_found[i]));
        }
    }
  if (c->progress != NULL)
    c->progress ("searching", n, n, c->user_data);
  return TRUE;
}

static void
offer (GHashTable *best, const Entry *e)
{
  Entry *cur = g_hash_table_lookup (best, ID_KEY (e->person));

  if (cur == NULL)
    {
      cur = g_new (Entry, 1);
      *cur = *e;
      g_hash_table_insert (best, ID_KEY (e->person), cur);
    }
  else if (compare_entry (e, cur) < 0)
    *cur = *e;
}

/* Adding reference faces can only bring persons closer: the new top k is
 * among the stored list and the persons of the added faces, so the merge is
 * exact without searching the whole gallery again. */
GArray *
lk_match_merge_list (LkMatchContext *c, guint probe_row, GArray *stored, const guint *added_rows,
                     guint n_added)
{
  g_autoptr(GHashTable) best = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree Entry *all = NULL;
  const float *probe = probe_descriptor (c, probe_row);
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  for (guint i = 0; i < stored->len; i++)
    {
      const LkCandidateRow *row = &g_array_index (stored, LkCandidateRow, i);
      Entry e = { row->person_id, row->reference_face_id, (float) row->distance };

      if (row->distance >= 0)
        offer (best, &e);
    }
  for (guint i = 0; i < n_added; i++)
    {
      guint r = added_rows[i];
      Entry e = { g_array_index (c->group_person, gint64, lk_gallery_get_group (c->gallery, r)),
                  lk_match_context_ref_face (c, r),
                  lk_gallery_distance (probe, lk_match_context_ref_descriptor (c, r)) };
      offer (best, &e);
    }
  all = g_new (Entry, MAX (g_hash_table_size (best), 1));
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    all[n++] = *(Entry *) value;
  qsort (all, n, sizeof (Entry), compare_entry);
  return finish_list (c, probe_row, all, MIN (n, c->settings.k));
}

/* face id → its descriptor (probe or reference), for pairs within photos. */
static GHashTable *
descriptor_index (LkMatchContext *c)
{
  GHashTable *index = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < c->probes->n; i++)
    g_hash_table_insert (index, ID_KEY (c->probes->face_ids[i]), (gpointer) probe_descriptor (c, i));
  for (guint r = 0; r < c->refs->n; r++)
    g_hash_table_insert (index, ID_KEY (lk_match_context_ref_face (c, r)),
                         (gpointer) lk_match_context_ref_descriptor (c, r));
  return index;
}

/* Faces of one photo show different people (not in collages). */
static void
same_photo_pairs (LkMatchContext *c, GHashTable *index, GArray *out)
{
  g_autoptr(GHashTable) by_photo = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < c->faces->len; i++)
    {
      LkCaseFace *f = c->faces->pdata[i];
      const float *d = g_hash_table_lookup (index, ID_KEY (f->id));
      GPtrArray *list;

      if (d == NULL || f->not_a_face || g_hash_table_contains (c->collage, ID_KEY (f->photo_id)))
        continue;
      list = g_hash_table_lookup (by_photo, ID_KEY (f->photo_id));
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_photo, ID_KEY (f->photo_id), list);
        }
      g_ptr_array_add (list, (gpointer) d);
    }
  g_hash_table_iter_init (&iter, by_photo);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint a = 0; a < list->len; a++)
        for (guint b = a + 1; b < list->len; b++)
          {
            float d = lk_gallery_distance (list->pdata[a], list->pdata[b]);
            g_array_append_val (out, d);
          }
    }
}

/* A probe and every reference face of a person excluded for it. */
static void
excluded_pairs (LkMatchContext *c, GHashTable *index, GArray *out)
{
  for (guint i = 0; i < c->decisions->len; i++)
    {
      LkDecision *dec = c->decisions->pdata[i];
      const float *probe = g_hash_table_lookup (index, ID_KEY (dec->face_id));
      GArray *rows;

      if (dec->outcome != LK_OUTCOME_EXCLUDED || probe == NULL)
        continue;
      rows = g_hash_table_lookup (c->person_rows, ID_KEY (dec->person_id));
      for (guint j = 0; rows != NULL && j < rows->len; j++)
        {
          float d = lk_gallery_distance (probe, lk_match_context_ref_descriptor (c, g_array_index (rows, guint, j)));
          g_array_append_val (out, d);
        }
    }
}

/* Reference faces of different gallery persons: all pairs when few, else a
 * fixed-seed sample (the same case gives the same numbers every time). */
static void
gallery_pairs (LkMatchContext *c, GArray *out)
{
  guint n = lk_gallery_get_size (c->gallery);
  guint64 total = (guint64) n * (n > 0 ? n - 1 : 0) / 2;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  if (total <= MAX_GALLERY_IMPOSTOR_PAIRS)
    {
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          if (lk_gallery_get_group (c->gallery, a) != lk_gallery_get_group (c->gallery, b))
            {
              float d = lk_gallery_distance (lk_gallery_get_descriptor (c->gallery, a),
                                             lk_gallery_get_descriptor (c->gallery, b));
              g_array_append_val (out, d);
            }
      return;
    }
  for (guint i = 0; i < MAX_GALLERY_IMPOSTOR_PAIRS; i++)
    {
      guint a = g_rand_int_range (rand, 0, n), b = g_rand_int_range (rand, 0, n);

      if (lk_gallery_get_group (c->gallery, a) != lk_gallery_get_group (c->gallery, b))
        {
          float d = lk_gallery_distance (lk_gallery_get_descriptor (c->gallery, a),
                                         lk_gallery_get_descriptor (c->gallery, b));
          g_array_append_val (out, d);
        }
    }
}

LkImpostorModel *
lk_match_build_impostor (LkMatchContext *c)
{
  g_autoptr(GHashTable) index = descriptor_index (c);
  g_autoptr(GArray) distances = g_array_new (FALSE, FALSE, sizeof (float));

  same_photo_pairs (c, index, distances);
  excluded_pairs (c, index, distances);
  gallery_pairs (c, distances);
  return lk_impostor_model_choose ((const float *) distances->data, distances->len);
}

static gboolean
is_identified (LkMatchContext *c, gint64 face_id)
{
  GHashTable *decided = g_hash_table_lookup (c->decided, ID_KEY (face_id));
  GHashTableIter iter;
  gpointer value;

  if (decided == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, decided);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((LkDecision *) value)->outcome == LK_OUTCOME_IDENTIFIED)
      return TRUE;
  return FALSE;
}

/* Cannot-link pairs (indices into the clustered faces): faces of one photo
 * outside collages, and the analyst's split-outs. */
static GArray *
cannot_links (LkMatchContext *c, GArray *members, GArray *split_pairs)
{
  g_autoptr(GHashTable) position = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_photo = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < members->len; i++)
    g_hash_table_insert (position, ID_KEY (c->probes->face_ids[g_array_index (members, guint, i)]),
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < members->len; i++)
    {
      LkCaseFace *f = g_hash_table_lookup (c->face_by_id, ID_KEY (c->probes->face_ids[g_array_index (members, guint, i)]));
      GArray *same;

      if (f == NULL || g_hash_table_contains (c->collage, ID_KEY (f->photo_id)))
        continue;
      same = g_hash_table_lookup (by_photo, ID_KEY (f->photo_id));
      if (same == NULL)
        {
          same = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_photo, ID_KEY (f->photo_id), same);
        }
      /* Every earlier face of the photo cannot link with this one. */
      for (guint j = 0; j < same->len; j++)
        {
          g_array_append_val (pairs, g_array_index (same, guint, j));
          g_array_append_val (pairs, i);
        }
      g_array_append_val (same, i);
    }
  for (guint p = 0; split_pairs != NULL && p + 1 < split_pairs->len; p += 2)
    {
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (position, ID_KEY (g_array_index (split_pairs, gint64, p))));
      guint b = GPOINTER_TO_UINT (g_hash_table_lookup (position, ID_KEY (g_array_index (split_pairs, gint64, p + 1))));

      if (a > 0 && b > 0)
        {
          a--, b--;
          g_array_append_val (pairs, a);
          g_array_append_val (pairs, b);
        }
    }
  return pairs;
}

gboolean
lk_match_cluster (LkMatchContext *c, GArray *split_pairs, GPtrArray **clusters_out, GError **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) pairs = NULL;
  g_autofree float *data = NULL;
  g_autofree guint *labels = NULL;
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n_clusters = 0;

  /* Unknown faces: probes without an identification. */
  for (guint i = 0; i < c->probes->n; i++)
    if (!is_identified (c, c->probes->face_ids[i]))
      g_array_append_val (members, i);
  data = g_new (float, (gsize) MAX (members->len, 1) * LK_MATCHER_DIM);
  labels = g_new (guint, MAX (members->len, 1));
  for (guint i = 0; i < members->len; i++)
    memcpy (data + (gsize) i * LK_MATCHER_DIM, probe_descriptor (c, g_array_index (members, guint, i)),
            LK_MATCHER_DIM * sizeof (float));
  pairs = cannot_links (c, members, split_pairs);
  if (!lk_cluster_faces (data, members->len, (const guint *) pairs->data, pairs->len / 2,
                         c->settings.cluster_threshold, c->settings.cluster_linkage, labels,
                         &n_clusters, c->cancellable, error))
    return FALSE;
  for (guint i = 0; i < n_clusters; i++)
    g_ptr_array_add (clusters, g_array_new (FALSE, FALSE, sizeof (gint64)));
  for (guint i = 0; i < members->len; i++)
    g_array_append_val (g_ptr_array_index (clusters, labels[i]),
                        c->probes->face_ids[g_array_index (members, guint, i)]);
  *clusters_out = g_steal_pointer (&clusters);
  return TRUE;
}
