/* The audit chain against an attacker with the sqlite3 library: each tamper
 * case must make lk_case_verify_audit() fail and name the entry or row. */
#define G_LOG_DOMAIN "test-case-audit"

#include "lk-config.h"

#include <string.h>

#include "case/lk-case.h"
#include "case-fixture.h"

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
  return g_test_run ();
}
