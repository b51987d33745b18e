/* test-matcher.c — candidate lists over a real case (SQLite, audit chain):
 * decisions shape the lists, the same-photo rule and its collage exemption,
 * incremental refresh, clusters.  Descriptors are synthetic (persons as
 * random centres) so the expected ranking is known; everything else is real. */
#define G_LOG_DOMAIN "test-matcher"

#include <glib/gstdio.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "case/lk-case.h"
#include "match/lk-gallery.h"
#include "match/lk-matcher.h"

#define DIM 128
#define N_PERSONS 4
#define ANALYST "Test Analyst"

typedef struct {
  char   *dir;
  LkCase *kase;
  GRand  *rand;
  float   centre[N_PERSONS + 2][DIM];
  gint64  person[N_PERSONS + 2];
  gint64  ref_face[N_PERSONS + 2];
  guint   n_photos;
  /* Probes: f1 (A) and f2 (B) in one photo; f3 (A) and f4 (B) in a collage; f5 (C) alone. */
  gint64  f1, f2, f3, f4, f5;
  gint64  p1, p2;
} Fixture;

static void
face_like (Fixture *fx, guint who, float *out)
{
  for (guint d = 0; d < DIM; d++)
    out[d] = fx->centre[who][d] + g_rand_double_range (fx->rand, -0.02, 0.02);
}

static gint64
add_photo (Fixture *fx, LkPhotoRole role, gboolean collage)
{
  g_autofree char *content = g_strdup_printf ("photo %u of the matcher test", fx->n_photos++);
  g_autoptr(GBytes) bytes = g_bytes_new (content, strlen (content));
  g_autofree char *name = g_strdup_printf ("%s/photo-%u.jpg", fx->dir, fx->n_photos);
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  LkPhotoNew photo = { 0 };
  gint64 id;

  g_assert_true (lk_case_store_evidence (fx->kase, name, bytes, &sha, &error));
  g_assert_no_error (error);
  photo.role = role;
  photo.sha256 = sha;
  photo.original_path = name;
  photo.width = photo.height = 1000;
  id = lk_case_add_photo (fx->kase, ANALYST, &photo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  if (collage)
    g_assert_true (lk_case_set_photo_collage (fx->kase, ANALYST, id, TRUE, &error));
  return id;
}

static gint64
add_face (Fixture *fx, gint64 photo, const float *descriptor)
{
  g_autoptr(GError) error = NULL;
  LkFaceNew face = { 0 };
  gint64 id;

  face.origin = LK_FACE_ORIGIN_DETECTED;
  face.x = 10 * (fx->n_photos % 50);
  face.y = 20;
  face.width = face.height = 120;
  face.descriptor = descriptor;
  face.model_id = "test-model:1";
  id = lk_case_add_face (fx->kase, ANALYST, photo, &face, &error);
  g_assert_no_error (error);
  return id;
}

/* A reference photo with one face of `who`, linked to the person. */
static gint64
add_reference (Fixture *fx, guint who)
{
  float d[DIM];
  g_autoptr(GError) error = NULL;
  gint64 photo = add_photo (fx, LK_PHOTO_ROLE_REFERENCE, FALSE), face;

  face_like (fx, who, d);
  face = add_face (fx, photo, d);
  g_assert_cmpint (lk_case_link_reference (fx->kase, ANALYST, face, fx->person[who], &error), >, 0);
  g_assert_no_error (error);
  return face;
}

static gint64
add_person (Fixture *fx, guint who, const char *name)
{
  g_autoptr(GError) error = NULL;
  LkPersonFields fields = { 0 };

  fields.display_name = name;
  fx->person[who] = lk_case_add_person (fx->kase, ANALYST, &fields, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < DIM; d++)
    fx->centre[who][d] = g_rand_double_range (fx->rand, -0.15, 0.15);
  return fx->person[who];
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  static const char *names[] = { "Anna A", "Boris B", "Chloe C", "Dmytro D" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  float d[DIM];

  fx->dir = g_dir_make_tmp ("lk-test-matcher-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "test.likeness", NULL);
  fx->kase = lk_case_create (path, "Matcher test", NULL, NULL, ANALYST, &error);
  g_assert_no_error (error);
  fx->rand = g_rand_new_with_seed (2026);
  for (guint p = 0; p < N_PERSONS; p++)
    {
      add_person (fx, p, names[p]);
      fx->ref_face[p] = add_reference (fx, p);
    }
  fx->p1 = add_photo (fx, LK_PHOTO_ROLE_PROBE, FALSE);
  face_like (fx, 0, d); fx->f1 = add_face (fx, fx->p1, d);
  face_like (fx, 1, d); fx->f2 = add_face (fx, fx->p1, d);
  fx->p2 = add_photo (fx, LK_PHOTO_ROLE_PROBE, TRUE);
  face_like (fx, 0, d); fx->f3 = add_face (fx, fx->p2, d);
  face_like (fx, 1, d); fx->f4 = add_face (fx, fx->p2, d);
  face_like (fx, 2, d); fx->f5 = add_face (fx, add_photo (fx, LK_PHOTO_ROLE_PROBE, FALSE), d);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Whatever the test did, the audit chain still verifies. */
  g_assert_true (lk_case_verify_audit (fx->kase, NULL, &report, &error));
  g_assert_no_error (error);
  if (!report->ok)
    g_error ("audit: %s", report->message);
  g_clear_object (&fx->kase);
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_rand_free (fx->rand);
}

static LkMatchSummary
refresh (Fixture *fx, guint k, gboolean full)
{
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkMatchSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  settings.k = k;
  settings.full = full;
  g_assert_true (lk_matcher_refresh (fx->kase, ANALYST, &settings, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  return summary;
}

static GPtrArray *
candidates (Fixture *fx, gint64 face)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = lk_matcher_list_candidates (fx->kase, face, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static LkCandidate *
find_person (GPtrArray *list, gint64 person)
{
  for (guint i = 0; i < list->len; i++)
    if (((LkCandidate *) list->pdata[i])->person_id == person)
      return list->pdata[i];
  return NULL;
}

static void
decide (Fixture *fx, gint64 face, gint64 person, LkDecisionOutcome outcome)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_case_add_decision (fx->kase, ANALYST, face, person, outcome, NULL,
                                         "seen side by side", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_lists (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s = refresh (fx, 20, FALSE);
  g_autoptr(GPtrArray) list = candidates (fx, fx->f1);
  float probe[DIM], ref[DIM];
  LkCandidate *top = list->pdata[0];

  g_assert_cmpuint (s.n_probes, ==, 5);
  g_assert_cmpuint (s.n_persons, ==, N_PERSONS);
  g_assert_cmpuint (s.n_searched, ==, 5);
  /* K larger than the gallery: every person, A first with her reference face. */
  g_assert_cmpuint (list->len, ==, N_PERSONS);
  g_assert_cmpint (top->person_id, ==, fx->person[0]);
  g_assert_cmpint (top->reference_face_id, ==, fx->ref_face[0]);
  g_assert_cmpint (top->rank, ==, 1);
  g_assert_false (top->above_threshold);
  g_assert_true (((LkCandidate *) list->pdata[1])->above_threshold);  /* listed although over 0.6 */
  g_assert_true (lk_case_get_face_descriptor (fx->kase, fx->f1, probe, NULL));
  g_assert_true (lk_case_get_face_descriptor (fx->kase, fx->ref_face[0], ref, NULL));
  g_assert_cmpfloat (top->distance, ==, lk_gallery_distance (probe, ref));
  for (guint i = 1; i < list->len; i++)
    g_assert_cmpfloat (((LkCandidate *) list->pdata[i - 1])->distance, <=,
                       ((LkCandidate *) list->pdata[i])->distance);
  g_assert_nonnull (top->evidence_text);
  g_assert_null (strstr (top->evidence_text, "match"));
  lk_match_summary_clear (&s);
}

static void
test_excluded_stays_excluded (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s = refresh (fx, 2, FALSE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) later = NULL;
  LkCandidate *a;

  lk_match_summary_clear (&s);
  /* A is f1's first candidate; D (far) is outside the top 2. */
  decide (fx, fx->f1, fx->person[0], LK_OUTCOME_EXCLUDED);
  decide (fx, fx->f1, fx->person[3], LK_OUTCOME_EXCLUDED);
  before = candidates (fx, fx->f1);
  g_assert_true (find_person (before, fx->person[0])->excluded);

  s = refresh (fx, 2, FALSE);
  g_assert_cmpuint (s.n_searched, ==, 1);   /* only the face with new decisions */
  lk_match_summary_clear (&s);
  after = candidates (fx, fx->f1);
  a = find_person (after, fx->person[0]);
  g_assert_nonnull (a);
  g_assert_true (a->excluded);
  g_assert_false (a->pinned);
  g_assert_true (find_person (after, fx->person[3])->excluded);
  g_assert_true (find_person (after, fx->person[3])->pinned);   /* kept in view outside the top 2 */

  /* A new, closer reference face of A, and a new person E very close to f1. */
  add_reference (fx, 0);
  add_person (fx, 4, "Eve E");
  memcpy (fx->centre[4], fx->centre[0], sizeof fx->centre[0]);
  add_reference (fx, 4);
  s = refresh (fx, 2, FALSE);
  g_assert_cmpuint (s.n_searched, ==, 0);
  g_assert_cmpuint (s.n_merged, ==, 5);
  lk_match_summary_clear (&s);
  later = candidates (fx, fx->f1);
  g_assert_true (find_person (later, fx->person[0])->excluded);
  g_assert_true (find_person (later, fx->person[3])->excluded);
  g_assert_nonnull (find_person (later, fx->person[4]));
  g_assert_false (find_person (later, fx->person[4])->excluded);
}

static void
assert_same_rows (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      LkCandidateRow *x = &g_array_index (a, LkCandidateRow, i), *y = &g_array_index (b, LkCandidateRow, i);

      g_assert_cmpint (x->person_id, ==, y->person_id);
      g_assert_cmpint (x->reference_face_id, ==, y->reference_face_id);
      g_assert_cmpfloat (x->distance, ==, y->distance);
      g_assert_cmpint (x->rank, ==, y->rank);
      g_assert_cmpint (x->pinned, ==, y->pinned);
    }
}

static void
test_incremental (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s = refresh (fx, 3, FALSE);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GError) error = NULL;
  gint64 faces[5] = { fx->f1, fx->f2, fx->f3, fx->f4, fx->f5 };

  lk_match_summary_clear (&s);
  s = refresh (fx, 3, FALSE);                     /* nothing changed */
  g_assert_cmpuint (s.n_unchanged, ==, 5);
  g_assert_cmpuint (s.n_searched + s.n_merged, ==, 0);
  lk_match_summary_clear (&s);

  for (guint i = 0; i < 3; i++)
    add_reference (fx, i);
  s = refresh (fx, 3, FALSE);                     /* new references: merged, not searched */
  g_assert_cmpuint (s.n_merged, ==, 5);
  g_assert_cmpuint (s.n_searched, ==, 0);
  lk_match_summary_clear (&s);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (merged, lk_case_list_candidate_rows (fx->kase, faces[i], NULL));
  s = refresh (fx, 3, TRUE);                      /* from scratch: the same lists */
  g_assert_cmpuint (s.n_searched, ==, 5);
  lk_match_summary_clear (&s);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GArray) full = lk_case_list_candidate_rows (fx->kase, faces[i], NULL);
      assert_same_rows (merged->pdata[i], full);
    }

  /* A removed reference link: the lists that show that person are searched again. */
  g_assert_true (lk_case_unlink_reference (fx->kase, ANALYST, fx->ref_face[3], fx->person[3], "wrong person", &error));
  s = refresh (fx, 3, FALSE);
  g_assert_cmpuint (s.n_searched, >=, 1);
  g_assert_cmpuint (s.n_searched + s.n_unchanged, ==, 5);
  lk_match_summary_clear (&s);

  /* Not a face: its list is dropped. */
  g_assert_true (lk_case_set_face_not_a_face (fx->kase, ANALYST, fx->f5, TRUE, "a poster", &error));
  s = refresh (fx, 3, FALSE);
  g_assert_cmpuint (s.n_cleared, ==, 1);
  g_assert_cmpuint (s.n_probes, ==, 4);
  lk_match_summary_clear (&s);
  {
    g_autoptr(GArray) none = lk_case_list_candidate_rows (fx->kase, fx->f5, NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_same_photo_rule (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s;
  g_autoptr(GPtrArray) in_photo = NULL;
  g_autoptr(GPtrArray) in_collage = NULL;
  g_autoptr(GPtrArray) f5 = NULL;

  decide (fx, fx->f2, fx->person[1], LK_OUTCOME_IDENTIFIED);
  decide (fx, fx->f4, fx->person[1], LK_OUTCOME_IDENTIFIED);
  /* f5 identified as D although C is closer: the identification comes first. */
  decide (fx, fx->f5, fx->person[3], LK_OUTCOME_IDENTIFIED);
  s = refresh (fx, 20, FALSE);
  lk_match_summary_clear (&s);

  in_photo = candidates (fx, fx->f1);
  g_assert_cmpint (find_person (in_photo, fx->person[1])->same_photo_face_id, ==, fx->f2);
  g_assert_cmpint (find_person (in_photo, fx->person[0])->same_photo_face_id, ==, 0);
  in_collage = candidates (fx, fx->f3);
  g_assert_cmpint (find_person (in_collage, fx->person[1])->same_photo_face_id, ==, 0);
  f5 = candidates (fx, fx->f5);
  g_assert_cmpint (((LkCandidate *) f5->pdata[0])->person_id, ==, fx->person[3]);
  g_assert_true (((LkCandidate *) f5->pdata[0])->identified);
  g_assert_cmpint (((LkCandidate *) f5->pdata[1])->person_id, ==, fx->person[2]);
}

static void
test_clusters (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s = refresh (fx, 20, FALSE);
  g_autoptr(GPtrArray) clusters = lk_case_list_clusters (fx->kase, NULL);
  g_autoptr(GError) error = NULL;
  LkPersonFields fields = { 0 };
  gint64 cluster_a = 0, person;

  /* f1 and f3 (A) are in different photos: one cluster; f2 and f4 (B) too.
   * f1 and f2 share a photo and are different people anyway. */
  g_assert_cmpuint (s.n_clusters, ==, 3);
  lk_match_summary_clear (&s);
  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *c = clusters->pdata[i];

      if (c->face_ids->len == 2 && g_array_index (c->face_ids, gint64, 0) == fx->f1)
        {
          g_assert_cmpint (g_array_index (c->face_ids, gint64, 1), ==, fx->f3);
          cluster_a = c->id;
        }
    }
  g_assert_cmpint (cluster_a, >, 0);

  /* Split f3 out: it never joins f1 again. */
  g_assert_true (lk_case_split_from_cluster (fx->kase, ANALYST, cluster_a, fx->f3, "different ears", &error));
  g_assert_no_error (error);
  s = refresh (fx, 20, FALSE);
  g_assert_cmpuint (s.n_clusters, ==, 4);
  lk_match_summary_clear (&s);

  /* A cluster becomes a person in one step. */
  g_clear_pointer (&clusters, g_ptr_array_unref);
  clusters = lk_case_list_clusters (fx->kase, NULL);
  fields.display_name = "Unknown 1";
  person = lk_case_cluster_to_person (fx->kase, ANALYST, ((LkCluster *) clusters->pdata[0])->id, &fields,
                                      "same scar on the left cheek", &error);
  g_assert_no_error (error);
  g_assert_cmpint (person, >, 0);
  {
    g_autoptr(GPtrArray) decisions = lk_case_list_decisions (fx->kase, 0, TRUE, NULL);
    g_assert_cmpuint (decisions->len, ==, ((LkCluster *) clusters->pdata[0])->face_ids->len);
  }
}

static gint64
cluster_starting_with (Fixture *fx, gint64 face)
{
  g_autoptr(GPtrArray) clusters = lk_case_list_clusters (fx->kase, NULL);

  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *c = clusters->pdata[i];

      if (c->face_ids->len >= 2 && g_array_index (c->face_ids, gint64, 0) == face)
        return c->id;
    }
  g_assert_not_reached ();
}

static LkDecision *
only_current (Fixture *fx, gint64 face)
{
  g_autoptr(GPtrArray) current = lk_case_list_decisions (fx->kase, face, TRUE, NULL);

  g_assert_cmpuint (current->len, ==, 1);
  return g_ptr_array_steal_index (current, 0);
}

/* Naming a group never overrides a face's own decision: a quality verdict
 * stays, an exclusion of the person named stays; the others are identified. */
static void
test_naming_keeps_decisions (Fixture *fx, gconstpointer data)
{
  LkMatchSummary s = refresh (fx, 20, FALSE);
  gint64 cluster_a = cluster_starting_with (fx, fx->f1);
  gint64 cluster_b = cluster_starting_with (fx, fx->f2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decided = NULL;
  g_autoptr(LkDecision) d1 = NULL, d3 = NULL, d2 = NULL, d4 = NULL;
  LkPersonFields fields = { .display_name = "Unknown A" };
  gint64 person;

  lk_match_summary_clear (&s);
  decide (fx, fx->f1, 0, LK_OUTCOME_INSUFFICIENT_QUALITY);
  decided = lk_case_cluster_decided_faces (fx->kase, cluster_a, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decided->len, ==, 1);
  g_assert_cmpint (g_array_index (decided, gint64, 0), ==, fx->f1);
  person = lk_case_cluster_to_person (fx->kase, ANALYST, cluster_a, &fields, "same scar", &error);
  g_assert_no_error (error);
  d1 = only_current (fx, fx->f1);
  g_assert_cmpint (d1->outcome, ==, LK_OUTCOME_INSUFFICIENT_QUALITY);
  d3 = only_current (fx, fx->f3);
  g_assert_cmpint (d3->outcome, ==, LK_OUTCOME_IDENTIFIED);
  g_assert_cmpint (d3->person_id, ==, person);

  /* An existing person: no second person, the exclusion of that person stays. */
  decide (fx, fx->f2, fx->person[0], LK_OUTCOME_EXCLUDED);
  g_assert_true (lk_case_cluster_identify (fx->kase, ANALYST, cluster_b, fx->person[0], "same ears", &error));
  g_assert_no_error (error);
  d2 = only_current (fx, fx->f2);
  g_assert_cmpint (d2->outcome, ==, LK_OUTCOME_EXCLUDED);
  d4 = only_current (fx, fx->f4);
  g_assert_cmpint (d4->outcome, ==, LK_OUTCOME_IDENTIFIED);
  g_assert_cmpint (d4->person_id, ==, fx->person[0]);
  {
    g_autoptr(LkAuditReport) report = NULL;

    g_assert_true (lk_case_verify_audit (fx->kase, NULL, &report, &error));
    g_assert_true (report->ok);
  }
}

static void
test_undo (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) history = NULL;

  /* Nothing to undo. */
  g_assert_cmpint (lk_case_undo_decision (fx->kase, ANALYST, fx->f1, NULL, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A first decision is withdrawn: no current decision left, the row stays. */
  decide (fx, fx->f2, fx->person[1], LK_OUTCOME_IDENTIFIED);
  g_assert_cmpint (lk_case_undo_decision (fx->kase, ANALYST, fx->f2, NULL, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) none = lk_case_list_decisions (fx->kase, fx->f2, TRUE, NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }
  decide (fx, fx->f1, fx->person[0], LK_OUTCOME_INCONCLUSIVE);
  decide (fx, fx->f1, fx->person[0], LK_OUTCOME_EXCLUDED);
  g_assert_cmpint (lk_case_undo_decision (fx->kase, ANALYST, fx->f1, "clicked the wrong one", &error), >, 0);
  g_assert_no_error (error);
  current = lk_case_list_decisions (fx->kase, fx->f1, TRUE, NULL);
  g_assert_cmpuint (current->len, ==, 1);
  g_assert_cmpint (((LkDecision *) current->pdata[0])->outcome, ==, LK_OUTCOME_INCONCLUSIVE);
  history = lk_case_list_decisions (fx->kase, fx->f1, FALSE, NULL);
  g_assert_cmpuint (history->len, >=, 3);   /* nothing deleted */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/match/matcher/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lists", test_lists);
  ADD ("excluded-stays-excluded", test_excluded_stays_excluded);
  ADD ("incremental", test_incremental);
  ADD ("same-photo-rule", test_same_photo_rule);
  ADD ("clusters", test_clusters);
  ADD ("naming-keeps-decisions", test_naming_keeps_decisions);
  ADD ("undo", test_undo);
#undef ADD
  return g_test_run ();
}
