/* Opening cases that are damaged, newer, older, locked, read-only or full,
 * and evidence custody.  A refused case.db must keep every byte. */
#define G_LOG_DOMAIN "test-case-open"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/lk-case-private.h"
#include "case-fixture.h"

/* A fixture case, checkpointed and closed: case.db alone holds everything. */
static CaseFixture *
closed_fixture (void)
{
  CaseFixture *f = case_fixture_new ();

  g_clear_object (&f->kase);
  case_fixture_attack (f->path, "PRAGMA wal_checkpoint(TRUNCATE)");
  return f;
}

static char *
db_path (CaseFixture *f)
{
  return g_build_filename (f->path, "case.db", NULL);
}

/* Opens (read-write) expecting code, and checks case.db did not change. */
static void
assert_refused (CaseFixture *f, int code, const char *words)
{
  g_autofree char *path = db_path (f);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  gsize n1 = 0, n2 = 0;

  g_assert_true (g_file_get_contents (path, &before, &n1, NULL));
  kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_null (kase);
  g_assert_error (error, LK_CASE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_true (g_file_get_contents (path, &after, &n2, NULL));
  g_assert_cmpmem (before, n1, after, n2);
}

static void
test_garbage (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autofree char *path = db_path (f);

  g_assert_true (g_file_set_contents (path, "this is not a database, just some text in a file", -1, NULL));
  assert_refused (f, LK_CASE_ERROR_DAMAGED, "not a SQLite database");
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused (f, LK_CASE_ERROR_DAMAGED, "empty");
}

static void
test_truncated (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autofree char *path = db_path (f);
  g_autofree char *bytes = NULL;
  gsize n = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &n, NULL));
  g_assert_true (g_file_set_contents (path, bytes, n / 2, NULL));
  assert_refused (f, LK_CASE_ERROR_DAMAGED, "damaged");
}

static void
test_missing_table (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();

  case_fixture_attack (f->path, "DROP TABLE import_errors; PRAGMA wal_checkpoint(TRUNCATE)");
  assert_refused (f, LK_CASE_ERROR_DAMAGED, "import_errors");
}

static void
test_quick_check_fails (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autofree char *path = db_path (f);
  g_autofree char *bytes = NULL;
  gsize n = 0;
  int page = 4096;

  /* Scribble over the middle of the second-last page (b-tree content). */
  g_assert_true (g_file_get_contents (path, &bytes, &n, NULL));
  g_assert_cmpuint (n, >, (gsize) 4 * page);
  memset (bytes + n - 2 * page + 8, 0x5a, page / 2);
  g_assert_true (g_file_set_contents (path, bytes, n, NULL));
  assert_refused (f, LK_CASE_ERROR_DAMAGED, "damaged");
}

static void
test_too_new (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) ro = NULL;

  case_fixture_attack (f->path, "PRAGMA user_version = 999; PRAGMA wal_checkpoint(TRUNCATE)");
  assert_refused (f, LK_CASE_ERROR_TOO_NEW, "newer version");
  ro = lk_case_open (f->path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_TOO_NEW);
}

/* The runner applies every migration numbered above a case's version, so a
 * gap (a branch merged with 009 before 007) would leave cases upgraded past
 * it without the missing step for ever: the numbers must run 1, 2, … latest. */
static void
test_migrations_contiguous (void)
{
  int latest = lk_case_schema_latest_version ();   /* registers the resources first */
  g_auto(GStrv) names = g_resources_enumerate_children ("/org/likeness/core/sql", 0, NULL);
  g_autofree gboolean *seen = g_new0 (gboolean, latest + 1);
  guint n = 0;

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      int version = atoi (names[i]);

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      g_assert_cmpint (version, >=, 1);
      g_assert_cmpint (version, <=, latest);
      g_assert_false (seen[version]);
      seen[version] = TRUE;
      n++;
    }
  g_assert_cmpuint (n, ==, (guint) latest);
}

/* A case as each earlier schema version wrote it, opened by this code. */
static void
test_migrations (void)
{
  int latest = lk_case_get_supported_schema_version ();

  g_assert_cmpint (latest, >=, 3);
  for (int version = 1; version < latest; version++)
    {
      g_autofree char *dir = case_fixture_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "old.likeness", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkCase) old = lk_case_create_at_version (path, "Old", NULL, NULL, "Ana", version, &error);
      g_autoptr(LkCase) kase = NULL;
      g_autoptr(GPtrArray) persons = NULL;
      LkPersonFields p = { "Old Person", NULL, "1950", NULL, NULL, NULL };
      LkPersonFields p2 = { "New Person", NULL, NULL, NULL, NULL, NULL };

      g_assert_no_error (error);
      g_assert_cmpint (lk_case_get_schema_version (old), ==, version);
      g_assert_cmpint (lk_case_add_person (old, "Ana", &p, &error), ==, 1);
      g_assert_no_error (error);
      g_clear_object (&old);

      /* Read-only cannot upgrade it: refused with a clear reason. */
      kase = lk_case_open (path, LK_CASE_OPEN_READ_ONLY, &error);
      g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY);
      g_clear_error (&error);

      kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lk_case_get_schema_version (kase), ==, latest);
      g_assert_true (case_fixture_verify_ok (kase));
      g_assert_cmpint (lk_case_add_person (kase, "Ben", &p2, &error), ==, 2);
      g_assert_true (lk_case_set_person_retired (kase, "Ben", 1, TRUE, "duplicate", &error));
      g_assert_no_error (error);
      persons = lk_case_list_persons (kase, TRUE, &error);
      g_assert_cmpuint (persons->len, ==, 2);
      g_assert_true (case_fixture_verify_ok (kase));
      g_clear_object (&kase);
      case_fixture_rmtree (dir);
    }
}

static void
test_second_writer (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) second = NULL;
  g_autofree char *pid = g_strdup_printf ("process %d", (int) getpid ());
  LkPersonFields p = { "Someone", NULL, NULL, NULL, NULL, NULL };

  second = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_null (second);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, pid));
  g_clear_error (&error);

  second = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE | LK_CASE_OPEN_FALLBACK_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_is_read_only (second));
  g_assert_nonnull (strstr (lk_case_get_read_only_reason (second), pid));
  g_assert_cmpint (lk_case_add_person (second, "Ben", &p, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The reader sees the writer's committed changes. */
  g_assert_cmpint (lk_case_add_person (f->kase, "Ana", &p, &error), >, 0);
  {
    g_autoptr(GPtrArray) persons = lk_case_list_persons (second, TRUE, &error);
    g_assert_cmpuint (persons->len, ==, 2);
  }
  g_clear_object (&f->kase);
  g_clear_object (&second);
  second = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_false (lk_case_is_read_only (second));
}

static void
test_read_only_folder (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LkPersonFields p = { "Someone", NULL, NULL, NULL, NULL, NULL };

  g_assert_cmpint (g_chmod (f->path, 0555), ==, 0);
  kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_is_read_only (kase));
  g_assert_nonnull (strstr (lk_case_get_read_only_reason (kase), "read-only"));
  faces = lk_case_list_faces (kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 3);
  g_assert_true (case_fixture_verify_ok (kase));
  g_assert_cmpint (lk_case_add_person (kase, "Ana", &p, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY);
  g_chmod (f->path, 0755);
}

static void
test_disk_full (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCaseInfo) before = NULL;
  g_autoptr(LkCaseInfo) after = NULL;
  g_autofree guint8 *big = g_malloc (200 * 1024);
  g_autoptr(GBytes) chip = NULL;
  gint64 pages = 0;
  LkFaceNew face = { LK_FACE_ORIGIN_MANUAL, 1, 1, 50, 50, NULL, NULL, NULL, NULL, 0, NULL };
  int added = 0;

  memcpy (big, "\x89PNG\r\n\x1a\n", 8);
  for (gsize i = 8; i < 200 * 1024; i++)
    big[i] = g_random_int ();
  chip = g_bytes_new_static (big, 200 * 1024);
  face.chip = chip;
  g_assert_true (lk_sqlite_query_int64 (lk_case_get_db (f->kase), "PRAGMA page_count", &pages, NULL));
  g_assert_true (lk_case_set_max_page_count (f->kase, pages + 200, &error));
  before = lk_case_get_info (f->kase, &error);
  while (lk_case_add_face (f->kase, "Ana", f->probe_photo, &face, &error) > 0)
    added++;
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_DISK_FULL);
  g_test_message ("after %d faces: %s", added, error->message);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_cmpint (added, >, 0);
  g_clear_error (&error);

  after = lk_case_get_info (f->kase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->n_faces, ==, before->n_faces + added);
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_clear_object (&f->kase);

  /* Reopened without the limit: consistent, verifies, writable again. */
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, lk_case_info_free);
  after = lk_case_get_info (f->kase, &error);
  g_assert_cmpint (after->n_faces, ==, before->n_faces + added);
  g_assert_true (case_fixture_verify_ok (f->kase));
  g_assert_cmpint (lk_case_add_face (f->kase, "Ana", f->probe_photo, &face, &error), >, 0);
  g_assert_no_error (error);
  {
    gint64 ok = 0;
    g_autoptr(LkStmt) stmt = lk_case_prepare (f->kase, "PRAGMA integrity_check", &error);
    g_assert_cmpint (lk_stmt_step (stmt, &error), ==, LK_SQLITE_ROW);
    ok = g_str_equal (lk_stmt_peek_text (stmt, 0), "ok");
    g_assert_true (ok);
  }
}

static void
test_evidence_custody (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEvidenceReport) report = NULL;
  g_autoptr(LkEvidenceReport) report2 = NULL;
  g_autofree char *probe = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *reference = lk_case_get_evidence_path (f->kase, f->reference_photo, NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *stray = g_build_filename (f->path, "evidence", "stray.jpg", NULL);
  g_autoptr(GBytes) same = g_bytes_new_static ("JPEG\n", 5);
  gsize n = 0;

  g_assert_true (lk_case_verify_evidence (f->kase, &report, NULL, &error));
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (report->n_checked, ==, 2);

  /* Storing the same bytes again is harmless (idempotent). */
  g_assert_true (lk_case_store_evidence (f->kase, "x/probe.JPG", same, &sha, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (probe, sha) || strstr (probe, sha) != NULL);

  /* One byte changed (after chmod u+w, as an analyst would have to), one removed, one planted. */
  g_assert_true (g_file_get_contents (probe, &bytes, &n, NULL));
  bytes[0] ^= 1;
  g_chmod (probe, 0644);
  g_assert_true (g_file_set_contents (probe, bytes, n, NULL));
  g_unlink (reference);
  g_assert_true (g_file_set_contents (stray, "x", 1, NULL));
  g_assert_true (lk_case_verify_evidence (f->kase, &report2, NULL, &error));
  g_assert_cmpuint (report2->problems->len, ==, 3);
  g_assert_cmpint (((LkEvidenceProblem *) report2->problems->pdata[0])->kind, ==, LK_EVIDENCE_CHANGED);
  g_assert_nonnull (strstr (((LkEvidenceProblem *) report2->problems->pdata[0])->message, "probe.jpg"));
  g_assert_cmpint (((LkEvidenceProblem *) report2->problems->pdata[1])->kind, ==, LK_EVIDENCE_MISSING);
  g_assert_cmpint (((LkEvidenceProblem *) report2->problems->pdata[2])->kind, ==, LK_EVIDENCE_ORPHAN);

  /* Evidence of a photo is never discarded; an unused copy is. */
  g_assert_false (lk_case_discard_evidence (f->kase, sha, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) unused = g_bytes_new_static ("never added", 11);
    g_autofree char *unused_sha = NULL;
    g_autofree char *unused_path = NULL;

    g_assert_true (lk_case_store_evidence (f->kase, "orphan.tif", unused, &unused_sha, &error));
    unused_path = g_strconcat (f->path, "/evidence/", unused_sha, ".tif", NULL);
    g_assert_true (g_file_test (unused_path, G_FILE_TEST_EXISTS));
    g_assert_true (lk_case_discard_evidence (f->kase, unused_sha, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (unused_path, G_FILE_TEST_EXISTS));
  }

  /* A changed evidence file is never silently adopted by a new import. */
  g_clear_pointer (&sha, g_free);
  g_assert_false (lk_case_store_evidence (f->kase, "probe.jpg", same, &sha, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO);
}

/* Opens path for writing expecting LK_CASE_ERROR_LINKED with a message naming link. */
static void
assert_linked (const char *path, const char *link)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);

  g_assert_null (kase);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LINKED);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, link));
  g_assert_nonnull (strstr (error->message, "Copy the case folder"));
}

/* The attacks: a second folder whose case.db or evidence/ leads to
 * the first case's.  Each would have been a second writer with its own lock
 * (and its own WAL, for a hard link); each is refused, the original too
 * while a hard link to its case.db exists. */
static void
test_linked_parts (void)
{
  g_autoptr(CaseFixture) f = closed_fixture ();
  g_autofree char *other = g_build_filename (f->dir, "other.likeness", NULL);
  g_autofree char *db = db_path (f);
  g_autofree char *other_db = g_build_filename (other, "case.db", NULL);
  g_autofree char *evidence = g_build_filename (f->path, "evidence", NULL);
  g_autofree char *other_evidence = g_build_filename (other, "evidence", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  g_assert_cmpint (symlink (db, other_db), ==, 0);
  g_assert_cmpint (symlink (evidence, other_evidence), ==, 0);
  assert_linked (other, other_db);

  g_assert_cmpint (g_unlink (other_db), ==, 0);
  g_assert_cmpint (link (db, other_db), ==, 0);
  assert_linked (other, "2 hard links");
  assert_linked (f->path, "2 hard links");

  /* A copy of case.db is a case of its own; its evidence/ still may not be a link. */
  g_assert_cmpint (g_unlink (other_db), ==, 0);
  {
    g_autofree char *bytes = NULL;
    gsize n = 0;

    g_assert_true (g_file_get_contents (db, &bytes, &n, NULL));
    g_assert_true (g_file_set_contents (other_db, bytes, n, NULL));
  }
  assert_linked (other, other_evidence);

  /* The original, its links gone, opens as before. */
  kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (case_fixture_verify_ok (kase));
}

/* A link to the whole folder is fine, and reaches the same single writer. */
static void
test_linked_folder (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *alias = g_build_filename (f->dir, "alias.likeness", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) second = NULL;

  g_assert_cmpint (symlink (f->path, alias), ==, 0);
  second = lk_case_open (alias, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_null (second);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&f->kase);
  second = lk_case_open (alias, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  f->kase = lk_case_open (f->path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_null (f->kase);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED);
}

/* Runs evidence verify, which must find exactly one problem. */
static LkEvidenceReport *
verify_one_problem (LkCase *kase)
{
  g_autoptr(GError) error = NULL;
  LkEvidenceReport *report = NULL;

  g_assert_true (lk_case_verify_evidence (kase, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_test_message ("problem: %s", ((LkEvidenceProblem *) report->problems->pdata[0])->message);
  return report;
}

/* A pipe in place of evidence must not block anyone (a reader of a FIFO
 * waits for a writer for ever), and a link in place of evidence is reported
 * even when it leads to the very same bytes outside the case. */
static void
test_evidence_not_regular (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *probe = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *copy = g_build_filename (f->dir, "outside-copy.jpg", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEvidenceReport) fifo_report = NULL;
  g_autoptr(LkEvidenceReport) link_report = NULL;
  LkEvidenceProblem *p;
  gsize n = 0;

  g_assert_true (g_file_get_contents (probe, &bytes, &n, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, n, NULL));
  g_chmod (probe, 0644);
  g_assert_cmpint (g_unlink (probe), ==, 0);
  g_assert_cmpint (mkfifo (probe, 0644), ==, 0);
  fifo_report = verify_one_problem (f->kase);
  p = fifo_report->problems->pdata[0];
  g_assert_cmpint (p->kind, ==, LK_EVIDENCE_NOT_A_FILE);
  g_assert_cmpint (p->photo_id, ==, f->probe_photo);
  g_assert_nonnull (strstr (p->message, "pipe"));
  path = lk_case_get_evidence_path (f->kase, f->probe_photo, &error);
  g_assert_null (path);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (probe), ==, 0);
  g_assert_cmpint (symlink (copy, probe), ==, 0);
  link_report = verify_one_problem (f->kase);
  p = link_report->problems->pdata[0];
  g_assert_cmpint (p->kind, ==, LK_EVIDENCE_LINKED);
  g_assert_nonnull (strstr (p->message, copy));
  path = lk_case_get_evidence_path (f->kase, f->probe_photo, &error);
  g_assert_null (path);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  /* A new import of the same bytes does not adopt the link as evidence. */
  {
    g_autoptr(GBytes) same = g_bytes_new (bytes, n);
    g_autofree char *sha = NULL;

    g_assert_false (lk_case_store_evidence (f->kase, "probe.jpg", same, &sha, &error));
    g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/open/damaged-garbage", test_garbage);
  g_test_add_func ("/case/open/damaged-truncated", test_truncated);
  g_test_add_func ("/case/open/damaged-missing-table", test_missing_table);
  g_test_add_func ("/case/open/damaged-quick-check", test_quick_check_fails);
  g_test_add_func ("/case/open/too-new", test_too_new);
  g_test_add_func ("/case/open/migrations", test_migrations);
  g_test_add_func ("/case/open/migrations-contiguous", test_migrations_contiguous);
  g_test_add_func ("/case/open/second-writer", test_second_writer);
  g_test_add_func ("/case/open/read-only-folder", test_read_only_folder);
  g_test_add_func ("/case/open/disk-full", test_disk_full);
  g_test_add_func ("/case/open/evidence-custody", test_evidence_custody);
  g_test_add_func ("/case/open/linked-parts", test_linked_parts);
  g_test_add_func ("/case/open/linked-folder", test_linked_folder);
  g_test_add_func ("/case/open/evidence-not-regular", test_evidence_not_regular);
  return g_test_run ();
}
