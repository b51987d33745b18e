/* test-case-regions.c — MWG face regions: export-regions writes XMP sidecars
 * that exiftool (Debian libimage-exiftool-perl) reads back with the right
 * boxes and names, beside byte-exact copies of the evidence. */
#define G_LOG_DOMAIN "test-case-regions"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "case/lk-case.h"
#include "case/lk-case-regions.h"
#include "case-fixture.h"

/* exiftool's -struct JSON of one sidecar's RegionInfo (a missing exiftool fails). */
static JsonNode *
exiftool_regions (const char *path)
{
  const char *argv[] = { "exiftool", "-j", "-struct", "-RegionInfo", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("exiftool failed: %s\n%s", error->message, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
region_info (JsonNode *root)
{
  JsonObject *file = json_array_get_object_element (json_node_get_array (root), 0);

  g_assert_true (json_object_has_member (file, "RegionInfo"));
  return json_object_get_object_member (file, "RegionInfo");
}

static void
assert_area (JsonObject *region, double x, double y, double w, double h)
{
  JsonObject *area = json_object_get_object_member (region, "Area");

  g_assert_cmpstr (json_object_get_string_member (area, "Unit"), ==, "normalized");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (area, "X"), x, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (area, "Y"), y, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (area, "W"), w, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (area, "H"), h, 1e-6);
}

/* The fixture with sizes, an identified face, a withdrawn identification and
 * a face marked "not a face". */
static CaseFixture *
regions_fixture (gint64 *not_a_face)
{
  CaseFixture *f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  gint64 d;

  g_assert_true (lk_case_set_photo_analyzed (f->kase, "Ana", f->probe_photo, 1000, 800, &error));
  g_assert_true (lk_case_set_photo_analyzed (f->kase, "Ana", f->reference_photo, 500, 400, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED,
                                         NULL, "same scar", &error), >, 0);
  d = lk_case_add_decision (f->kase, "Ana", f->probe_face2, f->person, LK_OUTCOME_IDENTIFIED, NULL,
                            "looked alike", &error);
  g_assert_cmpint (lk_case_withdraw_decision (f->kase, "Ana", d, "wrong ear", &error), >, 0);
  *not_a_face = case_fixture_add_face (f, f->probe_photo, 0.03f);
  g_assert_true (lk_case_set_face_not_a_face (f->kase, "Ana", *not_a_face, TRUE, "a poster", &error));
  g_assert_no_error (error);
  return f;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Names only for current identifications; boxes as normalised centre and
 * size of the displayed photo; the copy is the evidence byte for byte; the
 * export is audited and the case still verifies. */
static void
test_export (void)
{
  gint64 not_a_face;
  g_autoptr(CaseFixture) f = regions_fixture (&not_a_face);
  g_autofree char *out = g_build_filename (f->dir, "for-digikam", NULL);
  g_autofree char *sidecar = g_build_filename (out, "probe.jpg.xmp", NULL);
  g_autofree char *ref_sidecar = g_build_filename (out, "reference.png.xmp", NULL);
  g_autofree char *copy = g_build_filename (out, "probe.jpg", NULL);
  g_autofree char *evidence = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *copy_bytes = NULL, *evidence_bytes = NULL;
  g_autoptr(JsonNode) probe = NULL, reference = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_auto(CaseCliRun) run = { 0 };
  JsonArray *list;
  JsonObject *dims, *named = NULL, *unnamed = NULL;

  g_clear_object (&f->kase);
  case_fixture_cli (&run, "export-regions", "--case", f->path, "--output", out, "--analyst", "Ana", NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Exported 2 photos with 3 face regions (1 named)"));

  probe = exiftool_regions (sidecar);
  dims = json_object_get_object_member (region_info (probe), "AppliedToDimensions");
  g_assert_cmpint (json_object_get_int_member (dims, "W"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (dims, "H"), ==, 800);
  g_assert_cmpstr (json_object_get_string_member (dims, "Unit"), ==, "pixel");
  list = json_object_get_array_member (region_info (probe), "RegionList");
  g_assert_cmpuint (json_array_get_length (list), ==, 2); /* not the "not a face" */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *r = json_array_get_object_element (list, i);

      g_assert_cmpstr (json_object_get_string_member (r, "Type"), ==, "Face");
      if (json_object_has_member (r, "Name"))
        named = r;
      else
        unnamed = r;
    }
  g_assert_nonnull (named);
  g_assert_nonnull (unnamed); /* the withdrawn identification names nobody */
  g_assert_cmpstr (json_object_get_string_member (named, "Name"), ==, "Robert Roe");
  /* The fixture's boxes are x 10, y 20, 100 × 110. */
  assert_area (named, 60.0 / 1000, 75.0 / 800, 100.0 / 1000, 110.0 / 800);
  assert_area (unnamed, 60.0 / 1000, 75.0 / 800, 100.0 / 1000, 110.0 / 800);

  /* A reference link is no identification: the region has no name. */
  reference = exiftool_regions (ref_sidecar);
  list = json_object_get_array_member (region_info (reference), "RegionList");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_false (json_object_has_member (json_array_get_object_element (list, 0), "Name"));
  assert_area (json_array_get_object_element (list, 0), 60.0 / 500, 75.0 / 400, 100.0 / 500, 110.0 / 400);

  copy_bytes = read_file (copy);
  evidence_bytes = read_file (evidence);
  g_assert_cmpstr (copy_bytes, ==, evidence_bytes);

  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_ONLY, NULL);
  g_assert_true (case_fixture_verify_ok (f->kase));
  audit = lk_case_list_audit (f->kase, 0, 0, NULL);
  {
    LkAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);

    g_assert_cmpstr (last->action, ==, "regions.export");
    g_assert_nonnull (strstr (last->details, "\"regions\":3"));
  }
}

/* A second export into the same folder overwrites nothing: refused before
 * any file is written, and the sidecar another tool may have edited stays. */
static void
test_refuses_existing (void)
{
  gint64 not_a_face;
  g_autoptr(CaseFixture) f = regions_fixture (&not_a_face);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *sidecar = g_build_filename (out, "reference.png.xmp", NULL);
  g_autofree char *copy = g_build_filename (out, "probe.jpg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (sidecar, "digiKam's own tags", -1, NULL));
  g_assert_false (lk_case_export_regions (f->kase, "Ana", out, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "reference.png.xmp"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS)); /* nothing written at all */
  {
    g_autofree char *kept = read_file (sidecar);
    g_assert_cmpstr (kept, ==, "digiKam's own tags");
  }
}

/* Never beside the evidence: the case folder and anything in it are refused,
 * through a symbolic link too, and no folder is left behind. */
static void
test_refuses_case_folder (void)
{
  gint64 not_a_face;
  g_autoptr(CaseFixture) f = regions_fixture (&not_a_face);
  g_autofree char *inside = g_build_filename (f->path, "regions", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *via_link = g_build_filename (link, "evidence", NULL);
  g_auto(CaseCliRun) run = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_case_export_regions (f->kase, "Ana", inside, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "inside the case folder"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_cmpint (symlink (f->path, link), ==, 0);
  g_assert_false (lk_case_export_regions (f->kase, "Ana", via_link, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_object (&f->kase);
  case_fixture_cli (&run, "export-regions", "--case", f->path, "--output", f->path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "inside the case folder"));
}

static LkRegion *
region (const char *name, double cx, double cy, double w, double h)
{
  LkRegion *r = g_new0 (LkRegion, 1);

  r->type = g_strdup ("Face");
  r->name = g_strdup (name);
  r->cx = cx;
  r->cy = cy;
  r->w = w;
  r->h = h;
  return r;
}

/* A case written by schema 6 opens, upgrades to the newest schema and
 * verifies; then proposals are matched to faces by overlap, confirmed into a
 * reference link, rejected, audited and rebuilt by verification — and a
 * proposal changed behind Likeness's back is caught. */
static void
test_proposals_after_upgrade (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new_at_version (6);
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_region_free);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(LkProposal) matched = NULL, lost = NULL;
  guint added = 0;
  gint64 person;

  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, 6);
  g_clear_object (&f->kase);
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, lk_case_get_supported_schema_version ());
  g_assert_cmpint (lk_case_get_schema_version (f->kase), >=, 9);
  g_assert_true (case_fixture_verify_ok (f->kase));

  /* The reference photo, 500 × 400, face at 10,20 100 × 110: a tool's
   * looser box around it matches; a box elsewhere matches nothing; an
   * unnamed region proposes nobody. */
  g_assert_true (lk_case_set_photo_analyzed (f->kase, "Ana", f->reference_photo, 500, 400, &error));
  g_ptr_array_add (regions, region ("Mary Major", 60.0 / 500, 75.0 / 400, 130.0 / 500, 140.0 / 400));
  g_ptr_array_add (regions, region ("Nobody There", 0.8, 0.8, 0.1, 0.1));
  g_ptr_array_add (regions, region ("", 0.5, 0.5, 0.1, 0.1));
  g_assert_true (lk_case_add_region_proposals (f->kase, "Ana", f->reference_photo, regions, "reference.png.xmp",
                                               &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  /* A re-import proposes nothing twice. */
  g_assert_true (lk_case_add_region_proposals (f->kase, "Ana", f->reference_photo, regions, "XMP", &added, &error));
  g_assert_cmpuint (added, ==, 0);
  pending = lk_case_list_proposals (f->kase, "pending", &error);
  g_assert_cmpuint (pending->len, ==, 2);
  matched = lk_case_get_proposal (f->kase, ((LkProposal *) g_ptr_array_index (pending, 0))->id, &error);
  lost = lk_case_get_proposal (f->kase, ((LkProposal *) g_ptr_array_index (pending, 1))->id, &error);
  g_assert_cmpint (matched->face_id, ==, f->reference_face);
  g_assert_cmpint (lost->face_id, ==, 0);
  g_assert_cmpstr (matched->source, ==, "reference.png.xmp");

  /* Nothing is identified by a proposal. */
  {
    g_autoptr(LkCaseFace) face = lk_case_get_face (f->kase, f->reference_face, &error);
    g_assert_cmpint (face->person_id, ==, f->person); /* only the fixture's own link */
  }
  /* The face is the fixture's reference of Robert Roe: the link a proposal
   * would add is refused until that one is removed. */
  g_assert_cmpint (lk_case_confirm_proposal (f->kase, "Ana", matched->id, 0, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already a reference of Robert Roe"));
  g_clear_error (&error);
  g_assert_null (lk_case_find_person (f->kase, "Mary Major", &error)); /* rolled back */
  g_assert_true (lk_case_unlink_reference (f->kase, "Ana", f->reference_face, f->person, "mislabelled", &error));
  person = lk_case_confirm_proposal (f->kase, "Ana", matched->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (person, >, 0);
  g_assert_cmpint (person, !=, f->person);
  refs = lk_case_list_reference_faces (f->kase, person, &error);
  g_assert_cmpuint (refs->len, ==, 1);
  g_assert_cmpint (g_array_index (refs, gint64, 0), ==, f->reference_face);
  {
    g_autoptr(LkPerson) made = lk_case_get_person (f->kase, person, &error);
    g_assert_cmpstr (made->display_name, ==, "Mary Major");
  }
  /* No face under the region: confirming says what to do, changes nothing. */
  g_assert_cmpint (lk_case_confirm_proposal (f->kase, "Ana", lost->id, 0, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "box the face by hand"));
  g_clear_error (&error);
  g_assert_true (lk_case_reject_proposal (f->kase, "Ben", lost->id, "not in this photo", &error));
  g_assert_false (lk_case_reject_proposal (f->kase, "Ana", lost->id, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already rejected"));
  g_clear_error (&error);
  {
    g_autoptr(LkProposal) done = lk_case_get_proposal (f->kase, lost->id, &error);
    g_assert_cmpstr (done->state, ==, "rejected");
    g_assert_cmpstr (done->decided_by, ==, "Ben");
    g_assert_cmpstr (done->reason, ==, "not in this photo");
  }
  g_assert_true (case_fixture_verify_ok (f->kase));

  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE region_proposals SET state = 'pending' WHERE state = 'rejected'");
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (case_fixture_verify_ok (f->kase));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/regions/export", test_export);
  g_test_add_func ("/case/regions/export-refuses-existing", test_refuses_existing);
  g_test_add_func ("/case/regions/export-refuses-case-folder", test_refuses_case_folder);
  g_test_add_func ("/case/regions/proposals-after-upgrade", test_proposals_after_upgrade);
  return g_test_run ();
}
