/* lk-matcher.c — candidate lists and clusters over a case (see lk-matcher.h).
 * The list view with decisions applied is in lk-matcher-view.c. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "lk-gallery.h"
#include "lk-match-error.h"
#include "lk-matcher.h"
#include "lk-matcher-private.h"

#define ID_KEY(id) ((gpointer) (gintptr) (id))
#define KEY_ID(p) ((gint64) (gintptr) (p))

void
lk_match_summary_clear (LkMatchSummary *summary)
{
  g_clear_pointer (&summary->model_id, g_free);
}

void
lk_match_context_free (LkMatchContext *c)
{
  g_clear_pointer (&c->faces, g_ptr_array_unref);
  g_clear_pointer (&c->face_by_id, g_hash_table_unref);
  g_clear_pointer (&c->collage, g_hash_table_unref);
  g_clear_pointer (&c->model_id, g_free);
  g_clear_pointer (&c->refs, lk_descriptor_set_free);
  g_clear_pointer (&c->probes, lk_descriptor_set_free);
  g_clear_pointer (&c->ref_order, g_free);
  g_clear_pointer (&c->gallery, lk_gallery_free);
  g_clear_pointer (&c->group_person, g_array_unref);
  g_clear_pointer (&c->person_rows, g_hash_table_unref);
  g_clear_pointer (&c->impostor, lk_impostor_model_free);
  g_clear_pointer (&c->decisions, g_ptr_array_unref);
  g_clear_pointer (&c->decided, g_hash_table_unref);
  g_free (c);
}

/* The model most described faces use: lists only compare like with like. */
static char *
choose_model (GPtrArray *faces)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *f = faces->pdata[i];
      guint n;

      if (!f->has_descriptor || f->model_id == NULL || f->not_a_face)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, f->model_id)) + 1;
      g_hash_table_insert (counts, f->model_id, GUINT_TO_POINTER (n));
      if (n > best_n || (n == best_n && g_strcmp0 (f->model_id, best) < 0))
        {
          best = f->model_id;
          best_n = n;
        }
    }
  return g_strdup (best);
}

static gboolean
load_faces (LkMatchContext *c, GError **error)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (c->kase, -1, error);

  if (photos == NULL)
    return FALSE;
  c->collage = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < photos->len; i++)
    if (((LkPhoto *) photos->pdata[i])->is_collage)
      g_hash_table_add (c->collage, ID_KEY (((LkPhoto *) photos->pdata[i])->id));
  c->faces = lk_case_list_faces (c->kase, NULL, error);
  if (c->faces == NULL)
    return FALSE;
  c->face_by_id = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < c->faces->len; i++)
    g_hash_table_insert (c->face_by_id, ID_KEY (((LkCaseFace *) c->faces->pdata[i])->id), c->faces->pdata[i]);
  return TRUE;
}

static int
compare_ref_rows (gconstpointer a, gconstpointer b, gpointer data)
{
  LkDescriptorSet *refs = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (refs->face_ids[x] != refs->face_ids[y])
    return refs->face_ids[x] < refs->face_ids[y] ? -1 : 1;
  return refs->person_ids[x] < refs->person_ids[y] ? -1 : (refs->person_ids[x] > refs->person_ids[y]);
}

/* Gallery rows in face id order (so ties break the same way in a full
 * search and in a merge), one group per person. */
static gboolean
build_gallery (LkMatchContext *c, GError **error)
{
  g_autoptr(GHashTable) person_group = g_hash_table_new (NULL, NULL);
  guint n = c->refs->n;
  g_autofree float *data = g_new (float, (gsize) MAX (n, 1) * LK_MATCHER_DIM);
  g_autofree guint *groups = g_new (guint, MAX (n, 1));

  c->ref_order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    c->ref_order[i] = i;
  g_qsort_with_data (c->ref_order, n, sizeof (guint), compare_ref_rows, c->refs);
  c->group_person = g_array_new (FALSE, FALSE, sizeof (gint64));
  c->person_rows = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint r = 0; r < n; r++)
    {
      guint src = c->ref_order[r];
      gint64 person = c->refs->person_ids[src];
      gpointer g = g_hash_table_lookup (person_group, ID_KEY (person));
      GArray *rows;

      if (g == NULL)
        {
          g_array_append_val (c->group_person, person);
          g = GUINT_TO_POINTER (c->group_person->len);
          g_hash_table_insert (person_group, ID_KEY (person), g);
          g_hash_table_insert (c->person_rows, ID_KEY (person), g_array_new (FALSE, FALSE, sizeof (guint)));
        }
      groups[r] = GPOINTER_TO_UINT (g) - 1;
      rows = g_hash_table_lookup (c->person_rows, ID_KEY (person));
      g_array_append_val (rows, r);
      memcpy (data + (gsize) r * LK_MATCHER_DIM, c->refs->descriptors + (gsize) src * LK_MATCHER_DIM,
              LK_MATCHER_DIM * sizeof (float));
    }
  c->gallery = lk_gallery_new ();
  lk_gallery_set_n_threads (c->gallery, c->settings.n_threads);
  if (c->settings.approximate_threshold > 0)
    lk_gallery_set_approximate_threshold (c->gallery, c->settings.approximate_threshold);
  return lk_gallery_add (c->gallery, data, groups, n, error);
}

const float *
lk_match_context_ref_descriptor (LkMatchContext *c, guint row)
{
  return lk_gallery_get_descriptor (c->gallery, row);
}

gint64
lk_match_context_ref_face (LkMatchContext *c, guint row)
{
  return c->refs->face_ids[c->ref_order[row]];
}

static gboolean
load_decisions (LkMatchContext *c, GError **error)
{
  c->decisions = lk_case_list_decisions (c->kase, 0, TRUE, error);
  if (c->decisions == NULL)
    return FALSE;
  c->decided = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < c->decisions->len; i++)
    {
      LkDecision *d = c->decisions->pdata[i];
      GHashTable *persons = g_hash_table_lookup (c->decided, ID_KEY (d->face_id));

      if (d->person_id == 0)
        continue;
      if (persons == NULL)
        {
          persons = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (c->decided, ID_KEY (d->face_id), persons);
        }
      g_hash_table_insert (persons, ID_KEY (d->person_id), d);
    }
  return TRUE;
}

LkMatchContext *
lk_match_context_load (LkCase *kase, const LkMatchSettings *settings, GError **error)
{
  g_autoptr(LkMatchContext) c = g_new0 (LkMatchContext, 1);

  c->kase = kase;
  c->settings = *settings;
  if (c->settings.k == 0)
    c->settings.k = LK_MATCH_DEFAULT_K;
  if (!(c->settings.cluster_threshold > 0))
    c->settings.cluster_threshold = LK_CLUSTER_DEFAULT_THRESHOLD;
  if (!load_faces (c, error))
    return NULL;
  c->model_id = settings->model_id != NULL ? g_strdup (settings->model_id) : choose_model (c->faces);
  if (c->model_id == NULL)
    {
      g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_NO_GALLERY,
                   _("No face in this case has a descriptor yet; import photos first "
                     "(likeness-cli import)."));
      return NULL;
    }
  c->refs = lk_case_load_descriptors (kase, LK_DESCRIPTORS_REFERENCE, c->model_id, error);
  if (c->refs == NULL)
    return NULL;
  c->probes = lk_case_load_descriptors (kase, LK_DESCRIPTORS_PROBE, c->model_id, error);
  if (c->probes == NULL || !build_gallery (c, error) || !load_decisions (c, error))
    return NULL;
  return g_steal_pointer (&c);
}

static char *
link_key (gint64 face_id, gint64 person_id)
{
  return g_strdup_printf ("%" PRId64 ":%" PRId64, face_id, person_id);
}

/* What changed in the gallery since the stored lists: the rows added, and
 * the persons who lost a reference face (or left the gallery). */
static gboolean
gallery_changes (LkMatchContext *c, GArray *added_rows, GHashTable *removed_persons, GError **error)
{
  g_autoptr(GArray) snapshot = lk_case_match_load_gallery_snapshot (c->kase, error);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (snapshot == NULL)
    return FALSE;
  for (guint i = 0; i < snapshot->len; i++)
    {
      LkGalleryLink *l = &g_array_index (snapshot, LkGalleryLink, i);
      g_hash_table_add (before, link_key (l->face_id, l->person_id));
    }
  for (guint r = 0; r < lk_gallery_get_size (c->gallery); r++)
    {
      gint64 person = g_array_index (c->group_person, gint64, lk_gallery_get_group (c->gallery, r));
      char *key = link_key (lk_match_context_ref_face (c, r), person);

      if (!g_hash_table_contains (before, key))
        g_array_append_val (added_rows, r);
      g_hash_table_add (now, key);
    }
  for (guint i = 0; i < snapshot->len; i++)
    {
      LkGalleryLink *l = &g_array_index (snapshot, LkGalleryLink, i);
      g_autofree char *key = link_key (l->face_id, l->person_id);

      if (!g_hash_table_contains (now, key))
        g_hash_table_add (removed_persons, ID_KEY (l->person_id));
    }
  return TRUE;
}

typedef enum { PLAN_UNCHANGED, PLAN_SEARCH, PLAN_MERGE } Plan;

static Plan
plan_probe (LkMatchContext *c, LkMatchState *state, gint64 mark, GArray *stored,
            GHashTable *removed_persons, guint n_added, gboolean forged)
{
  if (c->settings.full || forged || state == NULL || state->k != (int) c->settings.k ||
      g_strcmp0 (state->model_id, c->model_id) != 0 || state->decision_mark != mark)
    return PLAN_SEARCH;
  for (guint i = 0; i < stored->len; i++)
    if (g_hash_table_contains (removed_persons, ID_KEY (g_array_index (stored, LkCandidateRow, i).person_id)))
      return PLAN_SEARCH;
  return n_added > 0 ? PLAN_MERGE : PLAN_UNCHANGED;
}

static GArray *
current_links (LkMatchContext *c)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (LkGalleryLink));

  for (guint r = 0; r < lk_gallery_get_size (c->gallery); r++)
    {
      LkGalleryLink l = { lk_match_context_ref_face (c, r),
                          g_array_index (c->group_person, gint64, lk_gallery_get_group (c->gallery, r)) };
      g_array_append_val (links, l);
    }
  return links;
}

static char *
summary_json (const LkMatchSummary *s, guint k)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
#define INT_MEMBER(name, value) json_builder_set_member_name (b, name); json_builder_add_int_value (b, value)
  json_builder_set_member_name (b, "model_id");
  json_builder_add_string_value (b, s->model_id);
  INT_MEMBER ("k", k);
  INT_MEMBER ("probes", s->n_probes);
  INT_MEMBER ("references", s->n_references);
  INT_MEMBER ("persons", s->n_persons);
  INT_MEMBER ("searched", s->n_searched);
  INT_MEMBER ("merged", s->n_merged);
  INT_MEMBER ("unchanged", s->n_unchanged);
  INT_MEMBER ("cleared", s->n_cleared);
  INT_MEMBER ("clusters", s->n_clusters);
  INT_MEMBER ("impostor_pairs", s->impostor_pairs);
#undef INT_MEMBER
  json_builder_set_member_name (b, "impostor_source");
  json_builder_add_string_value (b, s->impostor_source == LK_IMPOSTOR_SOURCE_CASE ? "case" : "builtin");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Faces whose stored list the descriptors do not vouch for (a distance
 * changed outside Likeness, a reference face never linked): searched anew,
 * so that `match` repairs what `audit verify` reports. */
static GHashTable *
forged_lists (LkMatchContext *c, GError **error)
{
  g_autoptr(GArray) problems = lk_case_match_check_candidates (c->kase, error);
  GHashTable *faces;

  if (problems == NULL)
    return NULL;
  faces = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < problems->len; i++)
    g_hash_table_add (faces, ID_KEY (g_array_index (problems, LkCandidateProblem, i).face_id));
  return faces;
}

/* Sorts every probe into search / merge / unchanged, filling the lists of
 * the merged ones and the rows to search. */
static gboolean
plan_probes (LkMatchContext *c, GHashTable *marks, GArray *to_search, GHashTable *lists,
             LkMatchSummary *s, GError **error)
{
  g_autoptr(GHashTable) states = lk_case_match_load_states (c->kase, error);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) forged = NULL;

  if (states == NULL || !gallery_changes (c, added, removed, error) || (forged = forged_lists (c, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < c->probes->n; i++)
    {
      gint64 face = c->probes->face_ids[i];
      g_autoptr(GArray) stored = lk_case_list_candidate_rows (c->kase, face, error);
      Plan plan;

      if (stored == NULL)
        return FALSE;
      plan = plan_probe (c, g_hash_table_lookup (states, ID_KEY (face)),
                         KEY_ID (g_hash_table_lookup (marks, ID_KEY (face))), stored, removed, added->len,
                         g_hash_table_contains (forged, ID_KEY (face)));
      if (plan == PLAN_SEARCH)
        g_array_append_val (to_search, i);
      else if (plan == PLAN_MERGE)
        g_hash_table_insert (lists, ID_KEY (face),
                             lk_match_merge_list (c, i, stored, (const guint *) added->data, added->len));
      s->n_merged += plan == PLAN_MERGE;
      s->n_unchanged += plan == PLAN_UNCHANGED;
    }
  s->n_searched = to_search->len;
  return TRUE;
}

/* Lists of faces that are no longer probes of the model (marked not a face,
 * or described anew with another model) are dropped. */
static GArray *
cleared_faces (LkMatchContext *c, GError **error)
{
  g_autoptr(GHashTable) states = lk_case_match_load_states (c->kase, error);
  g_autoptr(GHashTable) probes = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) listed = lk_case_list_candidate_summaries (c->kase, error);
  g_autoptr(GHashTable) faces = g_hash_table_new (NULL, NULL);
  GArray *cleared;
  GHashTableIter iter;
  gpointer face;

  if (states == NULL || listed == NULL)
    return NULL;
  for (guint i = 0; i < c->probes->n; i++)
    g_hash_table_add (probes, ID_KEY (c->probes->face_ids[i]));
  /* A list planted for a face that is no probe has no state: dropped too. */
  for (guint i = 0; i < listed->len; i++)
    g_hash_table_add (faces, ID_KEY (g_array_index (listed, LkCandidateSummary, i).face_id));
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &face, NULL))
    g_hash_table_add (faces, face);
  cleared = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, faces);
  while (g_hash_table_iter_next (&iter, &face, NULL))
    if (!g_hash_table_contains (probes, face))
      {
        gint64 id = KEY_ID (face);
        g_array_append_val (cleared, id);
      }
  return cleared;
}

static void
fill_summary (LkMatchContext *c, LkMatchSummary *s)
{
  s->model_id = g_strdup (c->model_id);
  s->n_probes = c->probes->n;
  s->n_references = lk_gallery_get_size (c->gallery);
  s->n_persons = c->group_person->len;
  s->impostor_source = lk_impostor_model_get_source (c->impostor);
  s->impostor_pairs = lk_impostor_model_get_n_pairs (c->impostor);
  for (guint i = 0; i < c->faces->len; i++)
    {
      LkCaseFace *f = c->faces->pdata[i];

      if (f->has_descriptor && !f->not_a_face && g_strcmp0 (f->model_id, c->model_id) != 0)
        s->n_skipped_model++;
    }
}

/* Lists changed outside Likeness (the table is not what the last refresh
 * recorded): which row was touched cannot be known, so every list is
 * recomputed. */
static gboolean
repair_if_changed (LkMatchContext *c, GError **error)
{
  LkCandidatesVouched vouched;
  gint64 seq;

  if (!lk_case_match_candidates_vouched (c->kase, &vouched, &seq, error))
    return FALSE;
  if (vouched == LK_CANDIDATES_CHANGED)
    c->settings.full = TRUE;
  return TRUE;
}

gboolean
lk_matcher_refresh (LkCase *kase, const char *analyst, const LkMatchSettings *settings,
                    LkMatchProgressFunc progress_func, gpointer user_data, LkMatchSummary *summary_out,
                    GCancellable *cancellable, GError **error)
{
  LkMatchSettings defaults = LK_MATCH_SETTINGS_INIT;
  g_autoptr(LkMatchContext) c = NULL;
  g_autoptr(GHashTable) marks = NULL;
  g_autoptr(GHashTable) lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) to_search = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cleared = NULL;
  g_autoptr(GArray) links = NULL;
  g_autoptr(GArray) splits = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree char *details = NULL;
  LkMatchSummary s = { 0 };
  LkMatchUpdate update = { 0 };
  gboolean ok;

  g_return_val_if_fail (LK_IS_CASE (kase), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (progress_func != NULL)
    progress_func ("loading", 0, 1, user_data);
  c = lk_match_context_load (kase, settings != NULL ? settings : &defaults, error);
  if (c == NULL || !repair_if_changed (c, error))
    return FALSE;
  c->progress = progress_func;
  c->user_data = user_data;
  c->cancellable = cancellable;
  c->impostor = lk_match_build_impostor (c);
  marks = lk_case_match_decision_marks (kase, error);
  if (marks == NULL || !plan_probes (c, marks, to_search, lists, &s, error) ||
      !lk_match_search_probes (c, (const guint *) to_search->data, to_search->len, lists, error))
    return FALSE;

  if (progress_func != NULL)
    progress_func ("clustering", 0, 1, user_data);
  splits = lk_case_list_cluster_splits (kase, error);
  if (splits == NULL || !lk_match_cluster (c, splits, &clusters, error) ||
      (cleared = cleared_faces (c, error)) == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  fill_summary (c, &s);
  s.n_cleared = cleared->len;
  s.n_clusters = clusters->len;
  for (guint i = 0; i < clusters->len; i++)
    s.n_clustered_faces += ((GArray *) clusters->pdata[i])->len;
  details = summary_json (&s, c->settings.k);
  links = current_links (c);
  update = (LkMatchUpdate) { c->model_id, c->settings.k, lists, marks, cleared, links, clusters,
                             c->settings.cluster_threshold,
                             c->settings.cluster_linkage == LK_LINKAGE_COMPLETE ? "complete" : "average",
                             details };
  if (progress_func != NULL)
    progress_func ("saving", 0, 1, user_data);
  ok = lk_case_match_store (kase, analyst, &update, error);
  if (ok && summary_out != NULL)
    *summary_out = s;
  else
    lk_match_summary_clear (&s);
  return ok;
}
