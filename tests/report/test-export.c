/* Reports from a real case: photos analysed by the real face engine, stored
 * through the case API, candidates from the matcher, decisions by analysts;
 * then every format exported, audited, checked — and a tampered chain. */
#define G_LOG_DOMAIN "test-report"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <string.h>

#include "case/lk-case.h"
#include "import/lk-import-job.h"
#include "lk-json-schema.h"
#include "lk-report-test-util.h"
#include "match/lk-matcher.h"
#include "report/lk-report-export.h"
#include "vision/lk-vision.h"

#define ANALYST "Olena Kovalenko"

typedef struct {
  char   *dir;
  char   *case_path;
  LkCase *kase;
  gint64  probe_faces[8];
  guint   n_probe_faces;
  gint64  persons[2];
} Fixture;

static Fixture fixture;

/* One photo through the engine into the case, as the importer does it. */
static gint64
add_photo (LkFaceEngine *engine, const char *path, LkPhotoRole role, GArray *face_ids)
{
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *sha = NULL;
  LkPhotoNew photo = { role, NULL, path, 0, 0, 0 };
  gint64 photo_id;

  g_assert_no_error (error);
  g_assert_true (lk_case_store_evidence (fixture.kase, path, NULL, &sha, &error));
  photo.sha256 = sha;
  photo.width = lk_image_get_width (image);
  photo.height = lk_image_get_height (image);
  photo_id = lk_case_add_photo (fixture.kase, ANALYST, &photo, NULL, &error);
  g_assert_no_error (error);
  faces = lk_face_engine_analyze (engine, image, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faces->len; i++)
    {
      LkFace *face = g_ptr_array_index (faces, i);
      g_autoptr(GBytes) chip = lk_face_encode_chip (face, TRUE, &error);
      g_autofree char *quality = lk_import_quality_to_json (&face->quality);
      LkFaceNew row = { LK_FACE_ORIGIN_DETECTED, face->box.x, face->box.y, face->box.width,
                        face->box.height, &face->landmarks[0][0], face->descriptor,
                        lk_face_engine_get_model_id (engine), quality, face->detector_score, chip };
      gint64 id = lk_case_add_face (fixture.kase, ANALYST, photo_id, &row, &error);

      g_assert_no_error (error);
      g_array_append_val (face_ids, id);
    }
  g_assert_true (lk_case_set_photo_analyzed (fixture.kase, ANALYST, photo_id, photo.width,
                                             photo.height, &error));
  return photo_id;
}

static gint64
reference_person (LkFaceEngine *engine, const char *photo, const char *name)
{
  g_autoptr(GArray) faces = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  LkPersonFields fields = { name, NULL, NULL, NULL, NULL, NULL };
  gint64 person;

  add_photo (engine, photo, LK_PHOTO_ROLE_REFERENCE, faces);
  g_assert_cmpuint (faces->len, >=, 1);
  person = lk_case_add_person (fixture.kase, ANALYST, &fields, &error);
  g_assert_no_error (error);
  /* The largest face (the engine sorts them so) is the person's. */
  lk_case_link_reference (fixture.kase, ANALYST, g_array_index (faces, gint64, 0), person, &error);
  g_assert_no_error (error);
  return person;
}

static void
decide (gint64 face, gint64 person, LkDecisionOutcome outcome, const char *analyst,
        const char *rationale)
{
  g_autoptr(GError) error = NULL;

  lk_case_add_decision (fixture.kase, analyst, face, person, outcome, NULL, rationale, &error);
  g_assert_no_error (error);
}

static char *
long_rationale (void)
{
  GString *s = g_string_new (NULL);

  while (s->len < 5000)
    g_string_append (s, "Compared the hairline, the ear helix and the philtrum at full size; the "
                        "lighting differs but the proportions agree. ");
  g_string_truncate (s, 5000);
  return g_string_free (s, FALSE);
}

/* A case built once for all tests: 2 reference persons (one with a Cyrillic
 * name), 4 probe photos, the matcher's candidate lists and decisions. */
static gboolean
build_case (void)
{
  const char *package = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GArray) probes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *rationale = long_rationale ();
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  char *samples[7];

  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("sample%d.jpg", i);
      samples[i] = g_build_filename (package ? package : "", "demo", name, NULL);
    }
  if (package == NULL || !g_file_test (samples[1], G_FILE_TEST_EXISTS))
    return FALSE;
  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    {
      g_test_message ("no face models: %s", error->message);
      return FALSE;
    }
  fixture.dir = g_dir_make_tmp ("lk-report-case-XXXXXX", &error);
  fixture.case_path = g_build_filename (fixture.dir, "Harbour-2026-017.likeness", NULL);
  fixture.kase = lk_case_create (fixture.case_path, "Harbour ferry recovery", "HFR-2026-017",
                                 "Post-mortem photos compared with ante-mortem photos from families.",
                                 ANALYST, &error);
  g_assert_no_error (error);
  fixture.persons[0] = reference_person (engine, samples[1], "Іван Петренко");
  fixture.persons[1] = reference_person (engine, samples[2], "Maria Lopez");
  for (int i = 3; i <= 6; i++)
    add_photo (engine, samples[i], LK_PHOTO_ROLE_PROBE, probes);
  /* The summary entry the importer appends (lk-importer.c), which is where
   * the report finds the detection setting. */
  lk_case_log_event (fixture.kase, ANALYST, "import.run", "case", 0,
                     "{\"detect_mode\":\"default\",\"role\":\"probe\",\"imported\":4}", &error);
  g_assert_no_error (error);
  lk_case_record_import_error (fixture.kase, ANALYST, "/media/card/IMG_0042.JPG",
                               "The file is truncated: 12,288 of 2,310,144 bytes.", &error);
  g_assert_no_error (error);
  g_assert_true (lk_matcher_refresh (fixture.kase, ANALYST, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (probes->len, >=, 2);
  fixture.n_probe_faces = MIN (probes->len, G_N_ELEMENTS (fixture.probe_faces));
  memcpy (fixture.probe_faces, probes->data, fixture.n_probe_faces * sizeof (gint64));

  decide (fixture.probe_faces[0], fixture.persons[0], LK_OUTCOME_INCONCLUSIVE, "Dmytro Bondar",
          "First look: the face is turned; needs a second photo.");
  decide (fixture.probe_faces[0], fixture.persons[0], LK_OUTCOME_IDENTIFIED, ANALYST, rationale);
  decide (fixture.probe_faces[1], fixture.persons[1], LK_OUTCOME_EXCLUDED, ANALYST,
          "Different ear shape and a visible scar absent from the reference.");
  if (fixture.n_probe_faces > 2)
    decide (fixture.probe_faces[2], fixture.persons[1], LK_OUTCOME_INSUFFICIENT_QUALITY, ANALYST,
            "Too blurred to compare features.");
  for (int i = 1; i <= 6; i++)
    g_free (samples[i]);
  return TRUE;
}

static char *
export (LkReportFormat format, const char *decisions, const char *name, char **sha256)
{
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture.dir, name, NULL);
  gboolean audited = FALSE;

  options.format = format;
  options.decisions = decisions;
  g_assert_true (lk_report_export (fixture.kase, ANALYST, &options, path, NULL, NULL, NULL,
                                   sha256, &audited, &error));
  g_assert_no_error (error);
  g_assert_true (audited);
  return path;
}

static void
assert_contains (const char *text, const char *needle)
{
  g_autofree char *a = normalise_space (text);
  g_autofree char *b = normalise_space (needle);

  if (strstr (a, b) == NULL)
    g_error ("“%.80s…” not in the report", b);
}

static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file_sha = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  LkAuditEntry *last;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  head = lk_case_get_audit_head (fixture.kase, NULL, &error);
  path = export (LK_REPORT_FORMAT_PDF, NULL, "report.pdf", &sha);
  text = pdf_text (path, 1, pdf_pages (path));
  body = pdf_body_text (path);
  assert_contains (text, "Harbour ferry recovery");
  assert_contains (text, head);
  assert_contains (text, "Audit chain verified");
  assert_contains (text, "Evidence files verified");
  assert_contains (text, "Іван Петренко");
  decisions = lk_case_list_decisions (fixture.kase, 0, TRUE, &error);
  for (guint i = 0; i < decisions->len; i++)
    {
      LkDecision *d = g_ptr_array_index (decisions, i);

      assert_contains (text, lk_report_outcome_label (lk_decision_outcome_to_string (d->outcome)));
      assert_contains (body, d->rationale);
    }
  /* The superseded decision is shown with the one that replaced it. */
  assert_contains (text, "First look: the face is turned; needs a second photo.");
  assert_contains (text, "The file is truncated: 12,288 of 2,310,144 bytes.");
  assert_contains (text, "default (small photos upsampled once, so faces of about 40 pixels are found) for probe photos");

  /* The export is on record with the SHA-256 of exactly this file. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  file_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, length);
  g_assert_cmpstr (sha, ==, file_sha);
  audit = lk_case_list_audit (fixture.kase, 0, 0, &error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "report.export");
  g_assert_nonnull (strstr (last->details, file_sha));
  g_assert_cmpuint (pdf_pages (path), >=, 2 + decisions->len + 2);
}

static void
test_every_page_and_sample (void)
{
  g_autofree char *path = NULL;
  g_autofree char *prefix = g_build_filename (LK_TEST_BUILDDIR, "report", "report-case", NULL);
  g_autofree char *all = g_build_filename (fixture.dir ? fixture.dir : "", "page", NULL);
  const char *all_argv[] = { "pdftoppm", "-r", "15", "-png", NULL, all, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out1 = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int pages = 0;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  path = export (LK_REPORT_FORMAT_PDF, NULL, "sample.pdf", NULL);
  all_argv[4] = path;
  out1 = run_capture (all_argv, &error);
  g_assert_no_error (error);
  dir = g_dir_open (fixture.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    pages += g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png");
  g_assert_cmpint (pages, ==, pdf_pages (path));
  /* The first pages of a report on a real case, for people to look at. */
  render_pages_png (path, 8, prefix);
  g_test_message ("sample pages of a real case: %s-N.png", prefix);
}

static void
test_other_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_path = g_build_filename (LK_SOURCE_DIR, "docs", "report-schema.json", NULL);
  g_autoptr(JsonParser) schema = json_parser_new ();
  g_autoptr(JsonParser) report = json_parser_new ();
  g_autofree char *json = NULL, *csv = NULL, *html = NULL, *problem = NULL;
  g_autofree char *csv_text = NULL, *html_text = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  JsonArray *listed;
  guint lines = 0;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  decisions = lk_case_list_decisions (fixture.kase, 0, TRUE, &error);
  json = export (LK_REPORT_FORMAT_JSON, NULL, "report.json", NULL);
  json_parser_load_from_file (schema, schema_path, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (report, json, &error);
  g_assert_no_error (error);
  if (!lk_json_schema_validate (json_parser_get_root (schema), json_parser_get_root (report), &problem))
    g_error ("the JSON report does not validate: %s", problem);
  listed = json_object_get_array_member (json_node_get_object (json_parser_get_root (report)), "decisions");
  g_assert_cmpuint (json_array_get_length (listed), ==, decisions->len);

  csv = export (LK_REPORT_FORMAT_CSV, NULL, "report.csv", NULL);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  for (const char *p = csv_text; (p = strstr (p, "\r\n\"HFR-2026-017\"")) != NULL; p++)
    lines++;
  g_assert_cmpuint (lines, ==, decisions->len);   /* every row follows a CRLF: the header's or a row's */

  html = export (LK_REPORT_FORMAT_HTML, "identified", "identified.html", NULL);
  g_assert_true (g_file_get_contents (html, &html_text, NULL, NULL));
  g_assert_nonnull (strstr (html_text, "Decision 1 of 1: Identified"));
  /* Only the identified decision has a section (its rationale may still appear in the audit log). */
  g_assert_null (strstr (html_text, "Decision 2 of"));
  g_assert_null (strstr (strstr (html_text, "class=\"page decision\"") + 1, "class=\"page decision\""));
  g_assert_nonnull (strstr (html_text, "data:image/jpeg;base64,"));
}

static int
run_cli (const char * const *args, char **out)
{
  const char *cli = g_getenv ("LIKENESS_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *expected = NULL;
  const char *pdfinfo[] = { "pdfinfo", NULL, NULL };
  g_autofree char *info = NULL;
  gsize length;

  if (fixture.kase == NULL || g_getenv ("LIKENESS_CLI") == NULL ||
      !g_file_test (g_getenv ("LIKENESS_CLI"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the demo photos, the face models or likeness-cli are not available");
      return;
    }
  path = g_build_filename (fixture.dir, "cli.pdf", NULL);
  /* The command needs the write lock to record the export: let it go. */
  lk_case_close (fixture.kase);
  g_clear_object (&fixture.kase);
  {
    const char *args[] = { "report", "--case", fixture.case_path, "--format", "pdf", "--paper", "letter",
                           "--audit", "summary", "--decisions", "excluded", "--analyst", "CLI Analyst",
                           "--output", path, "--quiet", NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 0);
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, length);
  expected = g_strdup_printf ("%s  %s\n", sha, path);
  g_assert_cmpstr (out, ==, expected);
  fixture.kase = lk_case_open (fixture.case_path, LK_CASE_OPEN_READ_WRITE, NULL);
  g_assert_nonnull (fixture.kase);
  {
    g_autoptr(GPtrArray) audit = lk_case_list_audit (fixture.kase, 0, 0, NULL);
    LkAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);

    g_assert_cmpstr (last->action, ==, "report.export");
    g_assert_cmpstr (last->analyst, ==, "CLI Analyst");
    g_assert_nonnull (strstr (last->details, sha));
  }
  pdfinfo[1] = path;
  info = run_capture (pdfinfo, NULL);
  g_assert_nonnull (strstr (info, "612 x 792"));
  {
    g_autofree char *text = pdf_text (path, 1, pdf_pages (path));

    assert_contains (text, "Decision 1 of 1: Excluded");
    assert_contains (text, "Entries by action");
  }
  {
    const char *bad_format[] = { "report", "--case", fixture.case_path, "--format", "docx", "--output", path, NULL };
    const char *bad_filter[] = { "report", "--case", fixture.case_path, "--format", "pdf", "--decisions", "match",
                                 "--output", path, NULL };
    const char *no_case[] = { "report", "--case", "/nonexistent/case.likeness", "--format", "pdf", "--output", path, NULL };
    const char *no_output[] = { "report", "--case", fixture.case_path, "--format", "pdf", NULL };
    g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;

    g_assert_cmpint (run_cli (bad_format, &o1), ==, 2);
    g_assert_cmpint (run_cli (bad_filter, &o2), ==, 2);
    g_assert_cmpint (run_cli (no_case, &o3), ==, 3);
    g_assert_cmpint (run_cli (no_output, &o4), ==, 2);
  }
}

/* Someone edits an audit entry behind the program's back (the triggers are
 * dropped and put back): the report still comes out and says so first. */
static void
test_broken_chain (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  lk_case_close (fixture.kase);
  g_clear_object (&fixture.kase);
  db_path = g_build_filename (fixture.case_path, "case.db", NULL);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                    "UPDATE audit_log SET analyst = 'Someone Else' WHERE seq = 3;"
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                    "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only: entries cannot be changed'); END;",
                NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);

  fixture.kase = lk_case_open (fixture.case_path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  path = export (LK_REPORT_FORMAT_PDF, NULL, "broken.pdf", NULL);
  cover = pdf_text (path, 1, 1);
  assert_contains (cover, "AUDIT CHAIN VERIFICATION FAILED");
  g_assert_null (strstr (cover, "Audit chain verified"));
}

static gint64
excluded_decision (LkCase *kase)
{
  g_autoptr(GPtrArray) decisions = lk_case_list_decisions (kase, 0, TRUE, NULL);

  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      LkDecision *d = g_ptr_array_index (decisions, i);
      if (d->outcome == LK_OUTCOME_EXCLUDED)
        return d->id;
    }
  g_assert_not_reached ();
}

static char *
render_case (LkCase *kase, LkReportFormat format, const char *dir, const char *name)
{
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkReportData) data = lk_report_collect (kase, &options, NULL, NULL, NULL, NULL, &error);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  options.format = format;
  g_assert_true (lk_report_render (data, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (format == LK_REPORT_FORMAT_PDF)
    text = pdf_text (path, 1, pdf_pages (path));
  else
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_free (path);
  return g_steal_pointer (&text);
}

/* Someone rewrites a decision's rationale in the database: every format
 * marks that decision, and only it, as failing the integrity check. */
static void
test_forged_decision (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL, *db_path = NULL, *sql = NULL;
  g_autofree char *pdf = NULL, *html = NULL, *json = NULL, *csv = NULL;
  g_autofree char *mark = NULL, *csv_id = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(LkCase) forged = NULL;
  const char *cp[] = { "cp", "-r", NULL, NULL, NULL };
  sqlite3 *db = NULL;
  char *message = NULL;
  gint64 id;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  id = excluded_decision (fixture.kase);
  /* A copy, so the other tests keep a sound case. */
  lk_case_close (fixture.kase);
  g_clear_object (&fixture.kase);
  copy = g_build_filename (fixture.dir, "forged.likeness", NULL);
  cp[2] = fixture.case_path;
  cp[3] = copy;
  g_free (run_capture (cp, &error));
  g_assert_no_error (error);
  fixture.kase = lk_case_open (fixture.case_path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);

  db_path = g_build_filename (copy, "case.db", NULL);
  sql = g_strdup_printf ("UPDATE decisions SET rationale = 'Same ears; identified.' WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);

  forged = lk_case_open (copy, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  pdf = render_case (forged, LK_REPORT_FORMAT_PDF, fixture.dir, "forged.pdf");
  html = render_case (forged, LK_REPORT_FORMAT_HTML, fixture.dir, "forged.html");
  json = render_case (forged, LK_REPORT_FORMAT_JSON, fixture.dir, "forged.json");
  csv = render_case (forged, LK_REPORT_FORMAT_CSV, fixture.dir, "forged.csv");
  lk_case_close (forged);
  parts = g_strsplit (html, "class=\"integrity\"", -1);

  assert_contains (pdf, "This decision failed the integrity check");
  mark = g_strdup_printf ("<div class=\"page decision\" id=\"decision-%" G_GINT64_FORMAT "\">", id);
  g_assert_nonnull (strstr (html, mark));
  g_assert_nonnull (strstr (strstr (html, mark), "This decision failed the integrity check"));
  g_assert_cmpint (g_strv_length (parts), ==, 2);   /* one mark: this decision's */
  g_assert_nonnull (strstr (json, "\"integrity\" : \"failed\""));
  csv_id = g_strdup_printf ("\"HFR-2026-017\",\"%" G_GINT64_FORMAT "\",", id);
  g_assert_nonnull (strstr (csv, csv_id));
  g_assert_nonnull (strstr (strstr (csv, csv_id), "\"failed\""));
}

/* The cover's decision counts against the case, and each numbered section
 * on the page the cover gives. */
static void
test_cover_counts (void)
{
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(GPtrArray) current = NULL;

  if (fixture.kase == NULL)
    {
      g_test_skip ("the demo photos or the face models are not available");
      return;
    }
  current = lk_case_list_decisions (fixture.kase, 0, TRUE, NULL);
  path = export (LK_REPORT_FORMAT_PDF, NULL, "counts.pdf", NULL);
  cover = pdf_text (path, 1, 2);
  {
    g_autofree char *in_force = g_strdup_printf ("Decisions in force (current) %u —", current->len);
    g_autofree char *recorded = g_strdup_printf ("All decisions recorded %u — %u in force, 1 superseded by a "
                                                 "later decision, 0 withdrawn", current->len + 1, current->len);
    g_autofree char *sections = g_strdup_printf ("Decision sections in this report %u, numbered 1 to %u below",
                                                 current->len, current->len);

    assert_contains (cover, in_force);
    assert_contains (cover, recorded);
    assert_contains (cover, sections);
  }
}

static void
test_no_decisions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-report-empty-XXXXXX", &error);
  g_autofree char *case_path = g_build_filename (dir, "empty.likeness", NULL);
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(LkCase) kase = lk_case_create (case_path, "Empty case", NULL, NULL, ANALYST, &error);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  const char *rm[] = { "rm", "-rf", dir, NULL };

  g_assert_no_error (error);
  head = lk_case_get_audit_head (kase, NULL, &error);
  g_assert_true (lk_report_export (kase, ANALYST, &options, pdf, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 1, pdf_pages (pdf));
  assert_contains (text, "Empty case");
  assert_contains (text, "No decision of the kind this report lists has been recorded");
  assert_contains (text, head);
  lk_case_close (kase);
  g_free (run_capture (rm, NULL));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/export/no-decisions", test_no_decisions);
  g_test_add_func ("/report/export/pdf", test_pdf);
  g_test_add_func ("/report/export/every-page-and-sample", test_every_page_and_sample);
  g_test_add_func ("/report/export/other-formats", test_other_formats);
  g_test_add_func ("/report/export/cover-counts", test_cover_counts);
  g_test_add_func ("/report/export/forged-decision", test_forged_decision);
  g_test_add_func ("/report/export/cli", test_cli);
  g_test_add_func ("/report/export/broken-chain", test_broken_chain);
  build_case ();
  status = g_test_run ();
  if (fixture.kase != NULL)
    lk_case_close (fixture.kase);
  g_clear_object (&fixture.kase);
  if (fixture.dir != NULL)
    {
      const char *rm[] = { "rm", "-rf", fixture.dir, NULL };
      g_free (run_capture (rm, NULL));
    }
  g_free (fixture.dir);
  g_free (fixture.case_path);
  return status;
}
