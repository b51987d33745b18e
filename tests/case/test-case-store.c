/* The case store's write path and reads: create, reopen, photos, faces,
 * persons, links, decisions, batches, read-only, locking, full disk. */
#define G_LOG_DOMAIN "test-case-store"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/lk-case.h"
#include "case/lk-sqlite.h"
#include "case-fixture.h"

static void
test_create_open (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.likeness", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkCaseInfo) info = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head2 = NULL;

  kase = lk_case_create (path, "Demo", "2026-017", "A test case", "Ana Analyst", &error);
  g_assert_no_error (error);
  g_assert_false (lk_case_is_read_only (kase));
  g_assert_cmpint (lk_case_get_schema_version (kase), ==, lk_case_get_supported_schema_version ());
  head = lk_case_get_audit_head (kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (head), ==, 64);
  g_clear_object (&kase);

  /* A second create on the same folder refuses. */
  kase = lk_case_create (path, "Demo", NULL, NULL, "Ana Analyst", &error);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_EXISTS);
  g_assert_null (kase);
  g_clear_error (&error);

  kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  info = lk_case_get_info (kase, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->title, ==, "Demo");
  g_assert_cmpstr (info->number, ==, "2026-017");
  g_assert_cmpstr (info->created_by, ==, "Ana Analyst");
  g_assert_cmpint (info->n_audit_entries, ==, 2);   /* analyst.add, case.create */
  g_assert_true (lk_case_set_info (kase, "Ben", "Demo 2", NULL, "", &error));
  g_assert_no_error (error);
  head2 = lk_case_get_audit_head (kase, NULL, &error);
  g_assert_cmpstr (head, !=, head2);
  g_assert_true (case_fixture_verify_ok (kase));

  /* Not a case at all. */
  g_clear_object (&kase);
  kase = lk_case_open (dir, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_A_CASE);
  g_assert_null (kase);
}

static void
test_photos_faces (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPhoto) photo = NULL;
  g_autoptr(LkCaseFace) face = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GBytes) chip = NULL;
  g_autofree char *evidence = NULL;
  float descriptor[LK_CASE_DESCRIPTOR_DIM];
  gboolean existed = TRUE;
  gint64 again;
  struct stat st;

  photo = lk_case_get_photo (f->kase, f->probe_photo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (photo->role, ==, LK_PHOTO_ROLE_PROBE);
  g_assert_cmpstr (photo->original_name, ==, "probe.jpg");
  g_assert_cmpint (photo->n_faces, ==, 2);
  g_assert_cmpint (photo->size, ==, 4 + 1);
  evidence = lk_case_get_evidence_path (f->kase, f->probe_photo, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (evidence, ".jpg"));
  g_assert_cmpint (g_stat (evidence, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);

  /* The same bytes again: the existing photo, nothing written. */
  again = case_fixture_add_photo (f, "copy-of-probe.jpg", "JPEG", LK_PHOTO_ROLE_PROBE, &existed);
  g_assert_cmpint (again, ==, f->probe_photo);
  g_assert_true (existed);

  face = lk_case_get_face (f->kase, f->probe_face, &error);
  g_assert_no_error (error);
  g_assert_cmpint (face->status, ==, LK_FACE_STATUS_UNREVIEWED);
  g_assert_cmpint (face->width, ==, 100);
  g_assert_true (face->has_landmarks);
  g_assert_cmpfloat (face->landmarks[3][1], ==, 7.0f);
  g_assert_true (lk_case_get_face_descriptor (f->kase, f->probe_face, descriptor, &error));
  g_assert_cmpfloat (descriptor[5], ==, 0.01f * 5);
  chip = lk_case_get_face_chip (f->kase, f->probe_face, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (chip), >, 8);

  {
    g_autoptr(LkCaseFace) second = lk_case_get_face (f->kase, f->probe_face2, &error);
    g_autoptr(LkPhoto) before = lk_case_get_photo (f->kase, second->photo_id, &error);
    g_autoptr(LkPhoto) after = NULL;

    g_assert_true (lk_case_set_face_not_a_face (f->kase, "Ana", f->probe_face2, TRUE, "a poster", &error));
    g_assert_no_error (error);
    /* A face marked "not a face" no longer counts in its photo's total. */
    after = lk_case_get_photo (f->kase, second->photo_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (after->n_faces, ==, before->n_faces - 1);
  }
  faces = lk_case_list_faces (f->kase, &(LkFaceFilter) { LK_PHOTO_ROLE_PROBE, LK_FACE_STATUS_NOT_A_FACE, 0, 0 }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  g_assert_cmpint (((LkCaseFace *) faces->pdata[0])->id, ==, f->probe_face2);

  /* Bad input is refused with INVALID and writes nothing. */
  {
    LkFaceNew bad = { LK_FACE_ORIGIN_MANUAL, 0, 0, 0, 10, NULL, NULL, NULL, NULL, 0, NULL };
    g_assert_cmpint (lk_case_add_face (f->kase, "Ana", f->probe_photo, &bad, &error), ==, 0);
    g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
    g_clear_error (&error);
    bad.width = 10;
    g_assert_cmpint (lk_case_add_face (f->kase, "Ana", 999, &bad, &error), ==, 0);
    g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_true (case_fixture_verify_ok (f->kase));
}

typedef struct {
  GPtrArray *faces;
  guint      next;
} BriefCheck;

/* The grid's light listing agrees with the full one on every field it has. */
static void
compare_brief_cb (const LkCaseFaceBrief *brief,
                  gpointer               user_data)
{
  BriefCheck *check = user_data;
  LkCaseFace *face;

  g_assert_cmpuint (check->next, <, check->faces->len);
  face = g_ptr_array_index (check->faces, check->next++);
  g_assert_cmpint (brief->id, ==, face->id);
  g_assert_cmpint (brief->photo_id, ==, face->photo_id);
  g_assert_cmpint (brief->role, ==, face->role);
  g_assert_cmpint (brief->status, ==, face->status);
  g_assert_cmpint (brief->person_id, ==, face->person_id);
  g_assert_cmpstr (brief->person_name, ==, face->person_name);
  g_assert_cmpstr (brief->file, ==, face->file);
  g_assert_cmpuint (brief->quality_flags, ==, face->quality_flags);
}

static void
assert_briefs_match (LkCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = lk_case_list_faces (kase, NULL, &error);
  BriefCheck check = { faces, 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 1);
  g_assert_true (lk_case_foreach_face_brief (kase, compare_brief_cb, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check.next, ==, faces->len);
}

static void
test_persons_decisions (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(LkCaseFace) face = NULL;
  g_autoptr(LkPerson) found = NULL;
  g_autoptr(LkDescriptorSet) refs = NULL;
  g_autoptr(GArray) ref_faces = NULL;
  const char *aliases[] = { "Bobby", NULL };
  LkPersonFields edit = { "Robert Roe", aliases, "1970", NULL, "edited", "MP-17" };
  gint64 d1, d2, d3;

  found = lk_case_find_person (f->kase, "robert ROE", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, f->person);
  g_assert_true (lk_case_edit_person (f->kase, "Ana", f->person, &edit, &error));
  g_assert_no_error (error);

  ref_faces = lk_case_list_reference_faces (f->kase, f->person, &error);
  g_assert_cmpuint (ref_faces->len, ==, 1);
  refs = lk_case_load_descriptors (f->kase, LK_DESCRIPTORS_REFERENCE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->n, ==, 1);
  g_assert_cmpint (refs->person_ids[0], ==, f->person);
  g_assert_cmpint ((guintptr) refs->descriptors % 64, ==, 0);

  d1 = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_INCONCLUSIVE, NULL,
                             "similar, image too dark", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED,
                                         NULL, "   ", &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  d2 = lk_case_add_decision (f->kase, "Ben", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED, "strong",
                             "scar above the left eye matches", &error);
  g_assert_no_error (error);
  d3 = lk_case_add_decision (f->kase, "Ben", f->probe_face, 0, LK_OUTCOME_INSUFFICIENT_QUALITY, NULL,
                             "second opinion: blurred", &error);
  g_assert_no_error (error);
  g_assert_cmpint (d3, >, d2);

  history = lk_case_list_decisions (f->kase, f->probe_face, FALSE, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_false (((LkDecision *) history->pdata[0])->current);
  g_assert_cmpint (((LkDecision *) history->pdata[1])->supersedes, ==, d1);
  current = lk_case_list_decisions (f->kase, f->probe_face, TRUE, &error);
  g_assert_cmpuint (current->len, ==, 2);
  face = lk_case_get_face (f->kase, f->probe_face, &error);
  g_assert_cmpint (face->status, ==, LK_FACE_STATUS_IDENTIFIED);
  g_assert_cmpstr (face->person_name, ==, "Robert Roe");
  assert_briefs_match (f->kase);

  g_assert_true (lk_case_unlink_reference (f->kase, "Ana", f->reference_face, f->person, "wrong face", &error));
  g_assert_no_error (error);
  g_assert_true (lk_case_set_person_retired (f->kase, "Ana", f->person, TRUE, "duplicate", &error));
  g_assert_no_error (error);
  g_clear_pointer (&refs, lk_descriptor_set_free);
  refs = lk_case_load_descriptors (f->kase, LK_DESCRIPTORS_REFERENCE, NULL, &error);
  g_assert_cmpuint (refs->n, ==, 0);
  assert_briefs_match (f->kase);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* A face is identified as one person at a time: identifying it as a second
 * person is refused (naming the first) until that identification is taken
 * back; excluding or "inconclusive" for others stays allowed. */
static void
test_single_identification (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) current = NULL;
  gint64 other, d1, d2;

  other = lk_case_add_person (f->kase, "Ana", &(LkPersonFields) { .display_name = "Jane Doe" }, &error);
  g_assert_no_error (error);
  d1 = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED, "strong",
                             "same scar", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ben", f->probe_face, other, LK_OUTCOME_IDENTIFIED, NULL,
                                         "looks like her", &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Robert Roe"));
  g_clear_error (&error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ben", f->probe_face, other, LK_OUTCOME_EXCLUDED, NULL,
                                         "different ear", &error), >, 0);
  g_assert_no_error (error);
  /* Re-identifying as the same person supersedes, as before. */
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED,
                                         "moderate", "second look", &error), >, d1);
  g_assert_no_error (error);
  current = lk_case_list_decisions (f->kase, f->probe_face, TRUE, &error);
  for (guint i = 0; i < current->len; i++)
    if (((LkDecision *) current->pdata[i])->outcome == LK_OUTCOME_IDENTIFIED)
      g_assert_true (lk_case_withdraw_decision (f->kase, "Ana", ((LkDecision *) current->pdata[i])->id,
                                                "wrong person", &error) > 0);
  g_assert_no_error (error);
  d2 = lk_case_add_decision (f->kase, "Ben", f->probe_face, other, LK_OUTCOME_IDENTIFIED, NULL,
                             "tattoo on the neck", &error);
  g_assert_no_error (error);
  g_assert_cmpint (d2, >, 0);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

typedef struct {
  gint64        face_id;
  LkFaceStatus  status;
  gint64        person_id;
} ExpectedBrief;

static void
expect_brief_cb (const LkCaseFaceBrief *brief,
                 gpointer               user_data)
{
  GArray *expected = user_data;

  for (guint i = 0; i < expected->len; i++)
    {
      ExpectedBrief *e = &g_array_index (expected, ExpectedBrief, i);

      if (e->face_id == brief->id)
        {
          g_assert_cmpint (brief->status, ==, e->status);
          g_assert_cmpint (brief->person_id, ==, e->person_id);
          e->face_id = -1;   /* seen */
        }
    }
}

static gint64
decide (LkCase            *kase,
        gint64             face_id,
        gint64             person_id,
        LkDecisionOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_case_add_decision (kase, "Ana", face_id, person_id, outcome, NULL, "why", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Every status the grid shows, on faces whose decisions interleave (the
 * listing merges decisions and reference links into the faces by id). */
static void
test_brief_statuses (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (ExpectedBrief));
  LkPersonFields sam_fields = { "Sam Poe", NULL, NULL, NULL, NULL, NULL };
  gint64 sam, face[6], d;

  sam = lk_case_add_person (f->kase, "Ana", &sam_fields, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (face); i++)
    face[i] = case_fixture_add_face (f, f->probe_photo, 0.1f + i * 0.01f);

  decide (f->kase, face[0], f->person, LK_OUTCOME_EXCLUDED);
  decide (f->kase, face[1], f->person, LK_OUTCOME_EXCLUDED);
  decide (f->kase, face[1], sam, LK_OUTCOME_INCONCLUSIVE);
  decide (f->kase, face[2], 0, LK_OUTCOME_INSUFFICIENT_QUALITY);
  decide (f->kase, face[2], f->person, LK_OUTCOME_EXCLUDED);
  d = decide (f->kase, face[3], f->person, LK_OUTCOME_IDENTIFIED);
  g_assert_cmpint (lk_case_withdraw_decision (f->kase, "Ana", d, "wrong face", &error), >, 0);
  g_assert_no_error (error);
  decide (f->kase, face[4], f->person, LK_OUTCOME_EXCLUDED);
  g_assert_true (lk_case_set_face_not_a_face (f->kase, "Ana", face[4], TRUE, "a poster", &error));
  /* Identified as Sam, taken back, then identified as the fixture's person
   * (a face is identified as one person at a time). */
  d = decide (f->kase, face[5], sam, LK_OUTCOME_IDENTIFIED);
  g_assert_cmpint (lk_case_withdraw_decision (f->kase, "Ana", d, "it is Robert", &error), >, 0);
  g_assert_no_error (error);
  decide (f->kase, face[5], f->person, LK_OUTCOME_IDENTIFIED);

  {
    ExpectedBrief e[] = {
      { f->probe_face, LK_FACE_STATUS_UNREVIEWED, 0 },
      { f->probe_face2, LK_FACE_STATUS_UNREVIEWED, 0 },
      { f->reference_face, LK_FACE_STATUS_REFERENCE, f->person },
      { face[0], LK_FACE_STATUS_EXCLUDED, 0 },
      { face[1], LK_FACE_STATUS_INCONCLUSIVE, 0 },
      { face[2], LK_FACE_STATUS_INSUFFICIENT_QUALITY, 0 },
      { face[3], LK_FACE_STATUS_UNREVIEWED, 0 },
      { face[4], LK_FACE_STATUS_NOT_A_FACE, 0 },
      { face[5], LK_FACE_STATUS_IDENTIFIED, f->person },
    };

    g_array_append_vals (expected, e, G_N_ELEMENTS (e));
  }
  g_assert_true (lk_case_foreach_face_brief (f->kase, expect_brief_cb, expected, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (expected, ExpectedBrief, i).face_id, ==, -1);
  assert_briefs_match (f->kase);
  /* Twice in a row: the listing leaves its statements ready for the next. */
  assert_briefs_match (f->kase);
}

/* A crop imported with a folder of probes can become a reference photo, and
 * back; never under a face that has a decision as a probe or is linked. */
static void
test_photo_role (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCaseFace) face = NULL;
  gint64 crop, crop_face;

  crop = case_fixture_add_photo (f, "crop.jpg", "CROP", LK_PHOTO_ROLE_PROBE, NULL);
  crop_face = case_fixture_add_face (f, crop, 0.3f);
  g_assert_true (lk_case_set_photo_role (f->kase, "Ana", crop, LK_PHOTO_ROLE_REFERENCE, &error));
  g_assert_no_error (error);
  face = lk_case_get_face (f->kase, crop_face, &error);
  g_assert_cmpint (face->role, ==, LK_PHOTO_ROLE_REFERENCE);
  g_assert_cmpint (lk_case_link_reference (f->kase, "Ana", crop_face, f->person, &error), >, 0);
  g_assert_no_error (error);
  assert_briefs_match (f->kase);

  /* One face shows one person: a second link is refused, naming the first. */
  {
    LkPersonFields other = { "Sam Poe", NULL, NULL, NULL, NULL, NULL };
    gint64 sam = lk_case_add_person (f->kase, "Ana", &other, &error);

    g_assert_no_error (error);
    g_assert_cmpint (lk_case_link_reference (f->kase, "Ana", crop_face, sam, &error), ==, 0);
    g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Robert Roe"));
    g_assert_nonnull (strstr (error->message, "Sam Poe"));
    g_clear_error (&error);
  }
  /* Linked: it stays a reference photo. */
  g_assert_false (lk_case_set_photo_role (f->kase, "Ana", crop, LK_PHOTO_ROLE_PROBE, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  /* Decided on as a probe: it stays a probe photo. */
  decide (f->kase, f->probe_face2, f->person, LK_OUTCOME_EXCLUDED);
  g_assert_false (lk_case_set_photo_role (f->kase, "Ana", f->probe_photo, LK_PHOTO_ROLE_REFERENCE, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lk_case_set_photo_role (f->kase, "Ana", 9999, LK_PHOTO_ROLE_REFERENCE, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Unlinked, it can go back; the audit log agrees with every step. */
  g_assert_true (lk_case_unlink_reference (f->kase, "Ana", crop_face, f->person, "wrong person", &error));
  g_assert_true (lk_case_set_photo_role (f->kase, "Ana", crop, LK_PHOTO_ROLE_PROBE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&face, lk_case_face_free);
  face = lk_case_get_face (f->kase, crop_face, &error);
  g_assert_cmpint (face->role, ==, LK_PHOTO_ROLE_PROBE);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* The window's title without the counts. */
static void
test_title (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = lk_case_get_title (f->kase, &error);
  g_autofree char *edited = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Fixture");
  g_assert_true (lk_case_set_info (f->kase, "Ana", "Operation Élan", NULL, NULL, &error));
  g_assert_no_error (error);
  edited = lk_case_get_title (f->kase, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited, ==, "Operation Élan");
}

static void
test_batch (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCaseInfo) before = lk_case_get_info (f->kase, NULL);
  g_autoptr(LkCaseInfo) after = NULL;
  LkPersonFields p = { "Batch Person", NULL, NULL, NULL, NULL, NULL };

  g_assert_true (lk_case_begin_batch (f->kase, &error));
  g_assert_cmpint (lk_case_add_person (f->kase, "Ana", &p, &error), >, 0);
  /* A failing call inside the batch leaves the batch usable. */
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "", &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (lk_case_add_person (f->kase, "Ana", &p, &error), >, 0);
  lk_case_rollback_batch (f->kase);
  after = lk_case_get_info (f->kase, NULL);
  g_assert_cmpint (after->n_persons, ==, before->n_persons);
  g_assert_cmpint (after->n_audit_entries, ==, before->n_audit_entries);

  g_assert_true (lk_case_begin_batch (f->kase, &error));
  g_assert_cmpint (lk_case_add_person (f->kase, "Ana", &p, &error), >, 0);
  g_assert_true (lk_case_commit_batch (f->kase, &error));
  g_clear_pointer (&after, lk_case_info_free);
  after = lk_case_get_info (f->kase, NULL);
  g_assert_cmpint (after->n_persons, ==, before->n_persons + 1);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* ---- The SQLite wrapper ------------------------------------------------------ */

static gint64
count_rows (LkSqlite *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (lk_sqlite_query_int64 (db, "SELECT count(*) FROM t", &n, &error));
  g_assert_no_error (error);
  return n;
}

/* A statement left on a row holds its connection's read snapshot: the
 * g_autoptr scope guard must end it, or the connection keeps reading the
 * past while another one writes. */
static void
test_sqlite_scope_reset (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  LkSqlite *reader, *writer;

  writer = lk_sqlite_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_sqlite_exec (writer, "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                         "v INTEGER CHECK (v >= 0)); INSERT INTO t (v) VALUES (1), (2)", &error));
  reader = lk_sqlite_open (path, TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LkStmt) stmt = lk_sqlite_prepare (reader, "SELECT v FROM t ORDER BY id", &error);

    g_assert_cmpint (lk_stmt_step (stmt, &error), ==, LK_SQLITE_ROW);
    g_assert_cmpint (lk_stmt_get_int64 (stmt, 0), ==, 1);
  }
  g_assert_true (lk_sqlite_exec (writer, "INSERT INTO t (v) VALUES (3)", &error));
  g_assert_cmpint (count_rows (reader), ==, 3);

  /* Held without the guard, the same statement does keep the old snapshot. */
  {
    LkStmt *stmt = lk_sqlite_prepare (reader, "SELECT v FROM t ORDER BY id", &error);

    g_assert_cmpint (lk_stmt_step (stmt, &error), ==, LK_SQLITE_ROW);
    g_assert_true (lk_sqlite_exec (writer, "INSERT INTO t (v) VALUES (4)", &error));
    g_assert_cmpint (count_rows (reader), ==, 3);
    lk_stmt_reset (stmt);
    g_assert_cmpint (count_rows (reader), ==, 4);
  }
  lk_sqlite_close (reader);
  lk_sqlite_close (writer);
  case_fixture_rmtree (dir);
}

/* One-number reads, rows or none, and errors from the statement's own
 * connection (not another one's last error). */
static void
test_sqlite_one_and_errors (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  LkSqlite *db = lk_sqlite_open (path, FALSE, &error);
  LkSqlite *other = lk_sqlite_open (other_path, FALSE, &error);
  gboolean found = TRUE;
  gint64 v = -1;

  g_assert_true (lk_sqlite_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER CHECK (v >= 0)); "
                                     "INSERT INTO t (v) VALUES (7)", &error));
  {
    g_autoptr(LkStmt) stmt = lk_sqlite_prepare (db, "SELECT v FROM t WHERE id = ?1", &error);

    g_assert_true (lk_stmt_bind_int64 (stmt, 1, 1, &error) && lk_stmt_one_int64 (stmt, &v, &found, &error));
    g_assert_true (found);
    g_assert_cmpint (v, ==, 7);
    g_assert_true (lk_stmt_bind_int64 (stmt, 1, 2, &error) && lk_stmt_one_int64 (stmt, &v, &found, &error));
    g_assert_false (found);
    g_assert_cmpint (v, ==, 0);
  }
  /* The other connection's last error is "no such table"; the statement's is the CHECK. */
  g_assert_false (lk_sqlite_exec (other, "SELECT * FROM nowhere", NULL));
  {
    g_autoptr(LkStmt) stmt = lk_sqlite_prepare (db, "INSERT INTO t (v) VALUES (?1)", &error);

    g_assert_true (lk_stmt_bind_int64 (stmt, 1, -1, &error));
    g_assert_false (lk_stmt_exec (stmt, &error));
    g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "CHECK"));
  }
  lk_sqlite_close (other);
  lk_sqlite_close (db);
  case_fixture_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/store/create-open", test_create_open);
  g_test_add_func ("/case/store/photos-faces", test_photos_faces);
  g_test_add_func ("/case/store/persons-decisions", test_persons_decisions);
  g_test_add_func ("/case/store/single-identification", test_single_identification);
  g_test_add_func ("/case/store/batch", test_batch);
  g_test_add_func ("/case/store/brief-statuses", test_brief_statuses);
  g_test_add_func ("/case/store/photo-role", test_photo_role);
  g_test_add_func ("/case/store/title", test_title);
  g_test_add_func ("/case/sqlite/scope-reset", test_sqlite_scope_reset);
  g_test_add_func ("/case/sqlite/one-and-errors", test_sqlite_one_and_errors);
  return g_test_run ();
}
