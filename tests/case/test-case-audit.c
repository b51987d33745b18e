/* The audit chain against an attacker with the sqlite3 library: each tamper
 * case must make lk_case_verify_audit() fail and name the entry or row. */
#define G_LOG_DOMAIN "test-case-audit"

#include "lk-config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "case/lk-case.h"
#include "case/lk-case-match.h"
#include "case-fixture.h"
#include "match/lk-matcher.h"
#include "report/lk-report-export.h"

#include <sqlite3.h>

/* A populated case with decisions, closed so the attacker can write. */
static CaseFixture *
tamper_fixture (char **head)
{
  CaseFixture *f = case_fixture_new ();
  g_autoptr(GError) error = NULL;

  lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "ears differ", &error);
  g_assert_no_error (error);
  lk_case_add_decision (f->kase, "Ben", f->probe_face2, f->person, LK_OUTCOME_IDENTIFIED, "strong", "scar", &error);
  g_assert_no_error (error);
  g_assert_true (case_fixture_verify_ok (f->kase));
  if (head != NULL)
    *head = lk_case_get_audit_head (f->kase, NULL, NULL);
  g_clear_object (&f->kase);
  return f;
}

/* Opens read-only (as `audit verify` does), verifies, returns the report. */
static LkAuditReport *
verify (CaseFixture *f, const char *expect_head)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_open (f->path, LK_CASE_OPEN_READ_ONLY, &error);
  LkAuditReport *report = NULL;

  g_assert_no_error (error);
  g_assert_true (lk_case_verify_audit (kase, expect_head, &report, &error));
  g_assert_no_error (error);
  if (!report->ok)
    g_test_message ("verify says: %s", report->message);
  return report;
}

static void
test_untouched (void)
{
  g_autofree char *head = NULL;
  g_autoptr(CaseFixture) f = tamper_fixture (&head);
  g_autoptr(LkAuditReport) report = verify (f, head);

  g_assert_true (report->ok);
  g_assert_cmpstr (report->head_hash, ==, head);
}

static void
test_edited_entry (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "DROP TRIGGER audit_log_no_update; "
                                "UPDATE audit_log SET analyst = 'Mallory' WHERE seq = 5");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpint (report->bad_seq, ==, 5);
  g_assert_nonnull (strstr (report->message, "entry 5 was altered"));
}

static void
test_deleted_entry (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 6");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpint (report->bad_seq, ==, 6);
  g_assert_nonnull (strstr (report->message, "entry 6 is missing"));
}

static void
test_swapped_entries (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  /* Swap entries 7 and 8 whole (every column but seq). */
  case_fixture_attack (f->path,
    "DROP TRIGGER audit_log_no_update;"
    "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (7, 8);"
    "UPDATE audit_log SET hash = 'x' || seq WHERE seq IN (7, 8);"
    "UPDATE audit_log SET (time, analyst, action, object_type, object_id, details, prev_hash, hash) = "
    "  (SELECT time, analyst, action, object_type, object_id, details, prev_hash, hash FROM t "
    "   WHERE t.seq = 15 - audit_log.seq) WHERE seq IN (7, 8);");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpint (report->bad_seq, ==, 7);
}

static void
test_decision_changed (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "UPDATE decisions SET outcome = 'identified' WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "decision 1");
  g_assert_nonnull (strstr (report->message, "outcome"));
}

static void
test_person_changed (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
                                "UPDATE persons SET notes = 'planted' WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "person 1");
}

static void
test_face_and_link_changed (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(LkAuditReport) report2 = NULL;

  case_fixture_attack (f->path, "UPDATE faces SET descriptor = zeroblob(512) WHERE id = 2");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "face 2");
  case_fixture_attack (f->path, "UPDATE faces SET descriptor = (SELECT descriptor FROM faces WHERE id = 1) WHERE id = 2;"
                                "SELECT 1");
  /* Still wrong (the descriptor of another face), then a planted link. */
  case_fixture_attack (f->path, "INSERT INTO reference_faces (face_id, person_id, linked_at, analyst_id) "
                                "VALUES (1, 1, '2026-01-01', 1)");
  report2 = verify (f, NULL);
  g_assert_false (report2->ok);
}

static void
test_planted_decision (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "INSERT INTO decisions (face_id, person_id, outcome, rationale, analyst_id, "
                                "decided_at) VALUES (1, 1, 'identified', 'planted', 1, '2026-01-01')");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "decision 3");
  g_assert_nonnull (strstr (report->message, "no audit entry"));
}

static void
test_cut_short (void)
{
  g_autofree char *head = NULL;
  g_autoptr(CaseFixture) f = tamper_fixture (&head);
  g_autoptr(LkAuditReport) without = NULL;
  g_autoptr(LkAuditReport) with = NULL;

  /* Drop the last entry and the decision row it vouched for: the rest is consistent. */
  case_fixture_attack (f->path, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER decisions_no_delete;"
                                "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);"
                                "DELETE FROM decisions WHERE id = 2;"
                                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                                "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only: entries cannot be deleted'); END;");
  without = verify (f, NULL);
  g_assert_true (without->ok);     /* only the kept head can tell */
  with = verify (f, head);
  g_assert_false (with->ok);
  g_assert_nonnull (strstr (with->message, head));
}

static void
test_triggers_refuse (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autofree char *db_path = g_build_filename (f->path, "case.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET analyst = 'x'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM decisions", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM persons", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_verify_reads_only (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autofree char *db_path = g_build_filename (f->path, "case.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  gsize n1, n2;

  case_fixture_attack (f->path, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_true (g_file_get_contents (db_path, &before, &n1, NULL));
  case_fixture_attack (f->path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET analyst = 'M' WHERE seq = 3;"
                                "PRAGMA wal_checkpoint(TRUNCATE)");
  g_clear_pointer (&before, g_free);
  g_assert_true (g_file_get_contents (db_path, &before, &n1, NULL));
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_true (g_file_get_contents (db_path, &after, &n2, NULL));
  g_assert_cmpmem (before, n1, after, n2);
}

/* The flagged decision ids as "1,2," for one assertion. */
static char *
flags_text (const LkAuditReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->flagged_decisions->len; i++)
    g_string_append_printf (text, "%" G_GINT64_FORMAT ",", g_array_index (report->flagged_decisions, gint64, i));
  return g_string_free (text, FALSE);
}

static void
test_analyst_renamed (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;
  g_autofree char *flags = NULL;

  /* Ana (analyst 1) recorded decision 1; Ben decision 2. */
  case_fixture_attack (f->path, "UPDATE analysts SET name = 'mallory' WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "analyst 1");
  g_assert_cmpint (report->bad_seq, ==, 1);
  g_assert_nonnull (strstr (report->message, "“mallory”"));
  g_assert_nonnull (strstr (report->message, "registered “Ana”"));
  flags = flags_text (report);
  g_assert_cmpstr (flags, ==, "1,");
  g_assert_true (lk_audit_report_flags_decision (report, 1));
  g_assert_false (lk_audit_report_flags_decision (report, 2));
}

static void
test_analysts_swapped (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;
  g_autofree char *flags = NULL;

  /* Re-attributes both decisions without inventing a name. */
  case_fixture_attack (f->path, "UPDATE analysts SET name = 'x' WHERE id = 1; UPDATE analysts SET name = 'Ana' WHERE id = 2; "
                                "UPDATE analysts SET name = 'Ben' WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "analyst 1");
  flags = flags_text (report);
  g_assert_cmpstr (flags, ==, "1,2,");
}

/* Each failed check flags the decisions resting on what failed, and only those. */
static void
test_flagged_decisions (void)
{
  static const struct {
    const char *attack;
    const char *flags;
  } cases[] = {
    { "", "" },
    { "UPDATE decisions SET rationale = 'x' WHERE id = 1", "1," },
    { "UPDATE faces SET quality = '{}' WHERE id = 2", "2," },              /* probe_face2: decision 2 */
    { "UPDATE faces SET x = 11 WHERE id = 3", "1,2," },                   /* the person's reference face */
    { "UPDATE persons SET display_name = 'Rob' WHERE id = 1", "1,2," },
    { "UPDATE reference_faces SET linked_at = '2000-01-01' WHERE id = 1", "1,2," },
    /* Two problems: only the first is the message, both are flagged. */
    { "UPDATE decisions SET strength = 'weak' WHERE id = 2; "
      "UPDATE decisions SET rationale = 'x' WHERE id = 1", "1,2," },
    /* The entry of decision 2 altered: it and everything after are unvouched. */
    { "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = replace (details, 'scar', 'scratch') "
      "WHERE action = 'decision.add' AND object_id = 2", "2," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CaseFixture) f = tamper_fixture (NULL);
      g_autoptr(LkAuditReport) report = NULL;
      g_autofree char *flags = NULL;

      if (*cases[i].attack != '\0')
        case_fixture_attack (f->path, cases[i].attack);
      report = verify (f, NULL);
      flags = flags_text (report);
      g_test_message ("attack %u: %s → %s", i, cases[i].attack, flags);
      g_assert_cmpint (report->ok, ==, *cases[i].attack == '\0');
      g_assert_cmpstr (flags, ==, cases[i].flags);
    }
}

static void
test_first_problem_kept (void)
{
  g_autoptr(CaseFixture) f = tamper_fixture (NULL);
  g_autoptr(LkAuditReport) report = NULL;

  case_fixture_attack (f->path, "UPDATE decisions SET strength = 'weak' WHERE id = 2; "
                                "UPDATE decisions SET rationale = 'x' WHERE id = 1");
  report = verify (f, NULL);
  g_assert_cmpstr (report->bad_object, ==, "decision 1");
  g_assert_nonnull (strstr (report->message, "rationale"));
}

/* The fixture's lists computed by the real matcher, as `likeness-cli match` does. */
static void
match (LkCase *kase)
{
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_matcher_refresh (kase, "Ana", &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static LkCandidateRow *
candidate_of (GArray *rows, gint64 person_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, LkCandidateRow, i).person_id == person_id)
      return &g_array_index (rows, LkCandidateRow, i);
  return NULL;
}

static void
test_decision_numbers (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  g_auto(LkDecisionNumbers) n = { 0 };
  LkCandidateRow *row;
  gint64 id;

  match (f->kase);
  rows = lk_case_list_candidate_rows (f->kase, f->probe_face, &error);
  row = candidate_of (rows, f->person);
  g_assert_nonnull (row);
  id = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "ears", &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_get_decision_numbers (f->kase, id, &n, &error));
  g_assert_true (n.has_distance && n.has_share);
  g_assert_cmpfloat (n.distance, ==, row->distance);
  g_assert_cmpint (n.rank, ==, row->rank);
  g_assert_cmpint (n.reference_face_id, ==, f->reference_face);
  g_assert_cmpfloat (n.impostor_share, ==, row->impostor_share);
  g_assert_cmpuint (n.gallery_persons, ==, row->gallery_persons);
  g_assert_cmpstr (n.model_id, ==, "test-model:1");
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_clear_object (&f->kase);

  /* A forged decision-time number is the decision row changed. */
  case_fixture_attack (f->path, "UPDATE decisions SET shown_distance = 0.01 WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "decision 1");
  g_assert_nonnull (strstr (report->message, "shown_distance"));
  g_assert_true (lk_audit_report_flags_decision (report, 1));
}

/* A list forged before the decision: the decision keeps the distance the
 * descriptors give, without the forged list's rank and share. */
static void
test_decision_on_forged_list (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_auto(LkDecisionNumbers) n = { 0 };
  float probe[LK_CASE_DESCRIPTOR_DIM], ref[LK_CASE_DESCRIPTOR_DIM];
  double want = 0;
  gint64 id;

  match (f->kase);
  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE candidates SET distance = 0.01");
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  id = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED, NULL, "scar", &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_get_decision_numbers (f->kase, id, &n, &error));
  g_assert_true (lk_case_get_face_descriptor (f->kase, f->probe_face, probe, NULL));
  g_assert_true (lk_case_get_face_descriptor (f->kase, f->reference_face, ref, NULL));
  for (guint i = 0; i < LK_CASE_DESCRIPTOR_DIM; i++)
    want += ((double) probe[i] - ref[i]) * ((double) probe[i] - ref[i]);
  g_assert_true (n.has_distance);
  g_assert_false (n.has_share);
  g_assert_cmpint (n.rank, ==, 0);
  g_assert_cmpfloat_with_epsilon (n.distance, sqrt (want), 1e-9);
  g_assert_cmpfloat (n.distance, >, 0.1);
}

typedef CaseCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, case_cli_run_clear)

/* `update candidates set distance = 0.01`: verify names face and person;
 * `match` recomputes the list, after which verify passes again. */
static void
test_candidate_forged (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(LkAuditReport) report = NULL;
  g_auto(Run) before = { 0 };
  g_auto(Run) repair = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *person = NULL;
  const char *verify_args[] = { "audit", "verify", "--case", f->path, NULL };
  const char *match_args[] = { "match", "--case", f->path, "--analyst", "Ana", NULL };

  if (g_getenv ("LIKENESS_CLI") == NULL || !g_file_test (g_getenv ("LIKENESS_CLI"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LIKENESS_CLI is not set to the built likeness-cli");
      return;
    }
  match (f->kase);
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE candidates SET distance = 0.01 WHERE face_id = 2");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "candidates of face 2");
  person = g_strdup_printf ("person %" G_GINT64_FORMAT, f->person);
  g_assert_nonnull (strstr (report->message, person));
  g_assert_nonnull (strstr (report->message, "0.01"));

  case_fixture_cli_argv (&before, verify_args);
  g_assert_cmpint (before.status, ==, 4);
  g_assert_nonnull (strstr (before.err, "face 2"));
  case_fixture_cli_argv (&repair, match_args);
  g_assert_cmpint (repair.status, ==, 0);
  case_fixture_cli_argv (&after, verify_args);
  g_assert_cmpint (after.status, ==, 0);
}

static void
test_candidate_reference_not_linked (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(LkAuditReport) report = NULL;

  match (f->kase);
  g_clear_object (&f->kase);
  /* The probe's own twin as "reference": its true distance, but never linked. */
  case_fixture_attack (f->path, "UPDATE candidates SET reference_face_id = 2, distance = "
                                "(SELECT distance FROM candidates WHERE face_id = 2) WHERE face_id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_nonnull (strstr (report->message, "never linked"));
}

/* A case from schema 4: decisions without the shown_* columns, written by
 * the store as that version wrote them. */
static CaseFixture *
schema4_fixture (void)
{
  CaseFixture *f = case_fixture_new_at_version (4);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, 4);
  match (f->kase);
  lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "ears differ", &error);
  g_assert_no_error (error);
  g_clear_object (&f->kase);
  return f;
}

static void
test_schema4_upgrade (void)
{
  g_autoptr(CaseFixture) f = schema4_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkReportData) data = NULL;
  g_auto(LkDecisionNumbers) n = { 0 };
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  LkReportDecision *dec;

  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, lk_case_get_supported_schema_version ());
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_assert_true (lk_case_get_decision_numbers (f->kase, 1, &n, &error));
  g_assert_false (n.has_distance);

  data = lk_report_collect (f->kase, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->decisions->len, ==, 1);
  dec = g_ptr_array_index (data->decisions, 0);
  g_assert_true (dec->has_distance);
  g_assert_cmpfloat (dec->distance, >, 0.1);
  g_assert_false (dec->has_strength);
  g_assert_nonnull (strstr (dec->strength_words, "measured for this report"));
  g_assert_cmpint (dec->candidate.face_id, ==, f->reference_face);

  /* New decisions of the upgraded case keep their numbers. */
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ben", f->probe_face2, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                         "nose", &error), ==, 2);
  g_assert_true (lk_case_get_decision_numbers (f->kase, 2, &n, &error));
  g_assert_true (n.has_distance);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* A column migration 005 added, set on a decision an older version wrote:
 * no entry vouches for it. */
static void
test_new_column_on_old_row (void)
{
  g_autoptr(CaseFixture) f = schema4_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = NULL;

  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE decisions SET shown_distance = 0.01, shown_impostor_share = 0.0001 "
                                "WHERE id = 1");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "decision 1");
  g_assert_nonnull (strstr (report->message, "set outside Likeness"));
  g_assert_true (lk_audit_report_flags_decision (report, 1));
}

/* The report's distance is the decision's, whatever the candidates table says. */
static void
test_report_numbers_from_decision (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (f->dir, "report.json", NULL);
  g_auto(LkDecisionNumbers) n = { 0 };
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  JsonObject *software;
  gint64 id;

  match (f->kase);
  id = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "ears", &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_get_decision_numbers (f->kase, id, &n, &error));
  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE candidates SET distance = 0.01, impostor_share = 0.0000001, rank = 1");
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);

  options.format = LK_REPORT_FORMAT_JSON;
  g_assert_true (lk_report_export (f->kase, "Ana", &options, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  software = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (
          json_node_get_object (json_parser_get_root (parser)), "decisions"), 0), "software");
  g_assert_cmpfloat (json_object_get_double_member (software, "distance"), ==, n.distance);
  g_assert_cmpfloat (json_object_get_double_member (software, "distance"), >, 0.1);
  g_assert_cmpfloat (json_object_get_double_member (software, "impostor_share"), ==, n.impostor_share);
}

/* A forged share leaves every distance true: the last refresh entry's digest
 * catches it, a decision then keeps no share, and match repairs the lists. */
static void
test_share_forged (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  g_auto(LkDecisionNumbers) n = { 0 };
  gint64 id;

  match (f->kase);
  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "UPDATE candidates SET impostor_share = 0.000000001, expected_lookalikes = 0.000000001");
  report = verify (f, NULL);
  g_assert_false (report->ok);
  g_assert_cmpstr (report->bad_object, ==, "candidates");
  g_assert_nonnull (strstr (report->message, "likeness-cli match"));

  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  id = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL, "ears", &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_get_decision_numbers (f->kase, id, &n, &error));
  g_assert_true (n.has_distance);
  g_assert_false (n.has_share);

  match (f->kase);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* ---- The quality flags column (schema 7) ---------------------------------- */

/* Quality records and the flags the store derives from them: the engine's
 * records (flags an integer), and shapes it never wrote, which give 0. */
static const struct {
  const char *quality;
  guint       flags;
} quality_records[] = {
  { "{\"good\":true,\"description\":\"good\",\"size_px\":120,\"sharpness\":80.5,\"flags\":0}", 0 },
  { "{\"good\":false,\"description\":\"small (42 px), blurry\",\"size_px\":42,\"flags\":3}", 3 },
  { "{\"good\":false,\"description\":\"dark, turned (50°)\",\"flags\":36}", 36 },
  { "{}", 0 },
  { "{\"flags\":[]}", 0 },
  { "{\"flags\":-1}", 0 },
  { "{\"flags\":2.5}", 0 },
  { "{\"flags\":\"4\"}", 0 },
};

static gint64
add_face_with_quality (LkCase *kase, gint64 photo_id, const char *quality)
{
  g_autoptr(GError) error = NULL;
  LkFaceNew face = { 0 };
  gint64 id;

  face.origin = LK_FACE_ORIGIN_MANUAL;
  face.x = face.y = 5;
  face.width = face.height = 80;
  face.quality_json = quality;
  id = lk_case_add_face (kase, "Ana", photo_id, &face, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
collect_brief_flags_cb (const LkCaseFaceBrief *face, gpointer user_data)
{
  g_hash_table_insert (user_data, GINT_TO_POINTER ((int) face->id), GUINT_TO_POINTER (face->quality_flags));
}

/* Every face's flags read both ways (full face and grid brief) equal `want`. */
static void
assert_quality_flags (LkCase *kase, GArray *ids, const guint *want)
{
  g_autoptr(GHashTable) brief = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_case_foreach_face_brief (kase, collect_brief_flags_cb, brief, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(LkCaseFace) face = lk_case_get_face (kase, id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (face->quality_flags, ==, want[i]);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (brief, GINT_TO_POINTER ((int) id))), ==, want[i]);
    }
}

/* A schema-6 case (written by the store as version 6 wrote faces) with one
 * face per quality record; its ids in *ids. */
static CaseFixture *
schema6_quality_fixture (GArray **ids)
{
  CaseFixture *f = case_fixture_new_at_version (6);

  g_assert_cmpint (lk_case_get_schema_version (f->kase), ==, 6);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < G_N_ELEMENTS (quality_records); i++)
    {
      gint64 id = add_face_with_quality (f->kase, f->probe_photo, quality_records[i].quality);
      g_array_append_val (*ids, id);
    }
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_clear_object (&f->kase);
  return f;
}

static void
test_quality_flags_upgrade (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CaseFixture) f = schema6_quality_fixture (&ids);
  g_autoptr(GError) error = NULL;
  guint want[G_N_ELEMENTS (quality_records)];
  gint64 fresh[G_N_ELEMENTS (quality_records)];
  gint64 old_small = g_array_index (ids, gint64, 1);

  for (guint i = 0; i < G_N_ELEMENTS (quality_records); i++)
    want[i] = quality_records[i].flags;
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_schema_version (f->kase), >=, 7);
  /* The migration filled the old rows from their records... */
  assert_quality_flags (f->kase, ids, want);
  g_assert_true (case_fixture_verify_ok (f->kase));

  /* ...with the rule the store applies to new rows. */
  for (guint i = 0; i < G_N_ELEMENTS (quality_records); i++)
    fresh[i] = add_face_with_quality (f->kase, f->probe_photo, quality_records[i].quality);
  g_array_set_size (ids, 0);
  g_array_append_vals (ids, fresh, G_N_ELEMENTS (fresh));
  assert_quality_flags (f->kase, ids, want);

  /* An old row changed after the upgrade is audited with its flags. */
  g_assert_true (lk_case_set_face_not_a_face (f->kase, "Ana", old_small, TRUE, "a shadow", &error));
  g_assert_no_error (error);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

static void
test_quality_flags_forged (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CaseFixture) f = schema6_quality_fixture (&ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  gint64 old_small = g_array_index (ids, gint64, 1), old_good = g_array_index (ids, gint64, 0), fresh;
  g_autofree char *sql = NULL;
  g_autofree char *object = NULL;

  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  fresh = add_face_with_quality (f->kase, f->probe_photo, quality_records[1].quality);
  g_clear_object (&f->kase);

  /* An old row's backfilled flags cleared: a small, blurry face shown as good. */
  sql = g_strdup_printf ("UPDATE faces SET quality_flags = 0 WHERE id = %" G_GINT64_FORMAT, old_small);
  case_fixture_attack (f->path, sql);
  report = verify (f, NULL);
  g_assert_false (report->ok);
  object = g_strdup_printf ("face %" G_GINT64_FORMAT, old_small);
  g_assert_cmpstr (report->bad_object, ==, object);
  g_assert_nonnull (strstr (report->message, "quality_flags"));
  g_assert_nonnull (strstr (report->message, "gives 3"));
  g_clear_pointer (&report, lk_audit_report_free);
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&object, g_free);

  /* Put back, it verifies; a good old face flagged is caught too. */
  sql = g_strdup_printf ("UPDATE faces SET quality_flags = 3 WHERE id = %" G_GINT64_FORMAT "; "
                         "UPDATE faces SET quality_flags = 8 WHERE id = %" G_GINT64_FORMAT,
                         old_small, old_good);
  case_fixture_attack (f->path, sql);
  report = verify (f, NULL);
  g_assert_false (report->ok);
  object = g_strdup_printf ("face %" G_GINT64_FORMAT, old_good);
  g_assert_cmpstr (report->bad_object, ==, object);
  g_clear_pointer (&report, lk_audit_report_free);
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&object, g_free);

  /* A row written after the upgrade: its entry records the flags. */
  sql = g_strdup_printf ("UPDATE faces SET quality_flags = 0 WHERE id IN (%" G_GINT64_FORMAT ", %"
                         G_GINT64_FORMAT ")", old_good, fresh);
  case_fixture_attack (f->path, sql);
  report = verify (f, NULL);
  g_assert_false (report->ok);
  object = g_strdup_printf ("face %" G_GINT64_FORMAT, fresh);
  g_assert_cmpstr (report->bad_object, ==, object);
  g_assert_nonnull (strstr (report->message, "quality_flags"));
}

/* A face with a random descriptor (entries of ±0.1: pairs ~0.65 apart, as
 * different people are, so the clustering stays small). */
static gint64
add_random_face (CaseFixture *f, gint64 photo_id, GRand *rand)
{
  g_autoptr(GError) error = NULL;
  float descriptor[LK_CASE_DESCRIPTOR_DIM];
  LkFaceNew face = { 0 };
  gint64 id;

  for (guint i = 0; i < LK_CASE_DESCRIPTOR_DIM; i++)
    descriptor[i] = (float) g_rand_double_range (rand, -0.1, 0.1);
  face.origin = LK_FACE_ORIGIN_DETECTED;
  face.width = face.height = 100;
  face.descriptor = descriptor;
  face.model_id = "test-model:1";
  face.quality_json = "{}";
  id = lk_case_add_face (f->kase, "Ana", photo_id, &face, &error);
  g_assert_no_error (error);
  return id;
}

/* 20 candidate rows per probe, with the true distances, stored as a refresh
 * would (the matcher's clustering of 4,000 unknown faces would dominate the
 * set-up time, and is not what is measured). */
static void
store_lists (CaseFixture *f, GArray *probes, GArray *refs, GArray *persons)
{
  g_autoptr(GHashTable) lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) marks = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  LkMatchUpdate update = { "test-model:1", 20, lists, marks, NULL, NULL, NULL, 0, NULL, "{}" };

  for (guint i = 0; i < probes->len; i++)
    {
      gint64 probe = g_array_index (probes, gint64, i);
      GArray *rows = lk_candidate_rows_new ();
      float a[LK_CASE_DESCRIPTOR_DIM], b[LK_CASE_DESCRIPTOR_DIM];

      g_assert_true (lk_case_get_face_descriptor (f->kase, probe, a, NULL));
      for (guint r = 0; r < 20; r++)
        {
          guint j = (i * 7 + r * 13) % refs->len;
          LkCandidateRow row = { probe, g_array_index (persons, gint64, j), g_array_index (refs, gint64, j), 0,
                                 (int) r + 1, FALSE, 0.01, FALSE, 10, (guint) refs->len, NULL, NULL };
          double sum = 0;

          g_assert_true (lk_case_get_face_descriptor (f->kase, row.reference_face_id, b, NULL));
          for (guint d = 0; d < LK_CASE_DESCRIPTOR_DIM; d++)
            sum += ((double) a[d] - b[d]) * ((double) a[d] - b[d]);
          row.distance = sqrt (sum);
          g_array_append_val (rows, row);
        }
      g_hash_table_insert (lists, GINT_TO_POINTER (probe), rows);
    }
  g_assert_true (lk_case_match_store (f->kase, "Ana", &update, &error));
  g_assert_no_error (error);
}

/* -m perf: the candidate checks on a case of 5,000 faces (the figure is in
 * the README's "What verification covers"). */
static void
test_candidates_speed (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) problems = NULL;
  g_autoptr(GArray) probes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LkPersonFields person = { "P", NULL, NULL, NULL, NULL, NULL };
  LkCandidatesVouched vouched;
  gint64 probe_photo, reference_photo, seq;
  double check_s, digest_s, verify_s;

  if (!g_test_perf ())
    {
      g_test_skip ("a measurement: run with -m perf");
      return;
    }
  probe_photo = case_fixture_add_photo (f, "many.jpg", "MANY", LK_PHOTO_ROLE_PROBE, NULL);
  reference_photo = case_fixture_add_photo (f, "refs.jpg", "REFS", LK_PHOTO_ROLE_REFERENCE, NULL);
  g_assert_true (lk_case_begin_batch (f->kase, &error));
  for (guint i = 0; i < 5000; i++)
    {
      gint64 face = add_random_face (f, i < 4000 ? probe_photo : reference_photo, rand);
      gint64 id;

      if (i < 4000)
        {
          g_array_append_val (probes, face);
          continue;
        }
      id = lk_case_add_person (f->kase, "Ana", &person, &error);
      lk_case_link_reference (f->kase, "Ana", face, id, &error);
      g_assert_no_error (error);
      g_array_append_val (refs, face);
      g_array_append_val (persons, id);
    }
  g_assert_true (lk_case_commit_batch (f->kase, &error));
  store_lists (f, probes, refs, persons);
  g_test_timer_start ();
  problems = lk_case_match_check_candidates (f->kase, &error);
  check_s = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_test_timer_start ();
  g_assert_true (lk_case_match_candidates_vouched (f->kase, &vouched, &seq, &error));
  digest_s = g_test_timer_elapsed ();
  g_assert_cmpint (vouched, ==, LK_CANDIDATES_VOUCHED);
  g_test_timer_start ();
  g_assert_true (lk_case_verify_audit (f->kase, NULL, &report, &error));
  verify_s = g_test_timer_elapsed ();
  g_assert_true (report->ok);
  g_test_minimized_result (check_s + digest_s, "candidate checks on 80,000 rows of 4,000 probe faces (5,000 faces): "
                           "distances %.3f s, table digest %.3f s; whole audit verify %.2f s",
                           check_s, digest_s, verify_s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/audit/untouched", test_untouched);
  g_test_add_func ("/case/audit/edited-entry", test_edited_entry);
  g_test_add_func ("/case/audit/deleted-entry", test_deleted_entry);
  g_test_add_func ("/case/audit/swapped-entries", test_swapped_entries);
  g_test_add_func ("/case/audit/decision-changed", test_decision_changed);
  g_test_add_func ("/case/audit/person-changed", test_person_changed);
  g_test_add_func ("/case/audit/face-and-link-changed", test_face_and_link_changed);
  g_test_add_func ("/case/audit/planted-decision", test_planted_decision);
  g_test_add_func ("/case/audit/cut-short", test_cut_short);
  g_test_add_func ("/case/audit/triggers-refuse", test_triggers_refuse);
  g_test_add_func ("/case/audit/verify-reads-only", test_verify_reads_only);
  g_test_add_func ("/case/audit/analyst-renamed", test_analyst_renamed);
  g_test_add_func ("/case/audit/analysts-swapped", test_analysts_swapped);
  g_test_add_func ("/case/audit/flagged-decisions", test_flagged_decisions);
  g_test_add_func ("/case/audit/first-problem-kept", test_first_problem_kept);
  g_test_add_func ("/case/audit/decision-numbers", test_decision_numbers);
  g_test_add_func ("/case/audit/decision-on-forged-list", test_decision_on_forged_list);
  g_test_add_func ("/case/audit/candidate-forged", test_candidate_forged);
  g_test_add_func ("/case/audit/candidate-reference-not-linked", test_candidate_reference_not_linked);
  g_test_add_func ("/case/audit/schema4-upgrade", test_schema4_upgrade);
  g_test_add_func ("/case/audit/new-column-on-old-row", test_new_column_on_old_row);
  g_test_add_func ("/case/audit/quality-flags-upgrade", test_quality_flags_upgrade);
  g_test_add_func ("/case/audit/quality-flags-forged", test_quality_flags_forged);
  g_test_add_func ("/case/audit/report-numbers-from-decision", test_report_numbers_from_decision);
  g_test_add_func ("/case/audit/share-forged", test_share_forged);
  g_test_add_func ("/case/audit/candidates-speed", test_candidates_speed);
  return g_test_run ();
}
