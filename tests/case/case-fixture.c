#define G_LOG_DOMAIN "case-fixture"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "case-fixture.h"
#include "case/lk-case-private.h"

char *
case_fixture_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lk-case-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
case_fixture_rmtree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0755);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        case_fixture_rmtree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gint64
case_fixture_add_photo (CaseFixture *f, const char *name, const char *content, LkPhotoRole role, gboolean *existed)
{
  g_autofree char *file = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = g_strconcat (content, "\n", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  LkPhotoNew photo = { 0 };
  gint64 id;

  g_assert_true (g_file_set_contents (file, text, -1, &error));
  g_assert_true (lk_case_store_evidence (f->kase, file, NULL, &sha, &error));
  g_assert_no_error (error);
  photo.role = role;
  photo.sha256 = sha;
  photo.original_path = file;
  photo.width = 640;
  photo.height = 480;
  id = lk_case_add_photo (f->kase, "Ana", &photo, existed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
case_fixture_add_face (CaseFixture *f, gint64 photo_id, float seed)
{
  static const guint8 chip_bytes[] = "\x89PNG\r\n\x1a\n-chip-";
  g_autoptr(GBytes) chip = g_bytes_new_static (chip_bytes, sizeof chip_bytes - 1);
  g_autoptr(GError) error = NULL;
  float descriptor[LK_CASE_DESCRIPTOR_DIM];
  float landmarks[LK_CASE_LANDMARK_COUNT * 2];
  LkFaceNew face = { 0 };
  gint64 id;

  for (guint i = 0; i < LK_CASE_DESCRIPTOR_DIM; i++)
    descriptor[i] = seed * i;
  for (guint i = 0; i < LK_CASE_LANDMARK_COUNT * 2; i++)
    landmarks[i] = i;
  face.origin = LK_FACE_ORIGIN_DETECTED;
  face.x = 10;
  face.y = 20;
  face.width = 100;
  face.height = 110;
  face.descriptor = descriptor;
  face.landmarks = landmarks;
  face.model_id = "test-model:1";
  face.quality_json = "{\"size_px\": 110, \"flags\": []}";
  face.detector_score = 1.25;
  face.chip = chip;
  id = lk_case_add_face (f->kase, "Ana", photo_id, &face, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

CaseFixture *
case_fixture_new (void)
{
  return case_fixture_new_at_version (G_MAXINT);
}

CaseFixture *
case_fixture_new_at_version (int version)
{
  CaseFixture *f = g_new0 (CaseFixture, 1);
  g_autoptr(GError) error = NULL;
  LkPersonFields person = { "Robert Roe", NULL, NULL, NULL, "from the family", NULL };

  f->dir = case_fixture_tmpdir ();
  f->path = g_build_filename (f->dir, "test.likeness", NULL);
  f->kase = lk_case_create_at_version (f->path, "Fixture", "F-1", NULL, "Ana", version, &error);
  g_assert_no_error (error);
  f->probe_photo = case_fixture_add_photo (f, "probe.jpg", "JPEG", LK_PHOTO_ROLE_PROBE, NULL);
  f->reference_photo = case_fixture_add_photo (f, "reference.png", "PNG", LK_PHOTO_ROLE_REFERENCE, NULL);
  f->probe_face = case_fixture_add_face (f, f->probe_photo, 0.01f);
  f->probe_face2 = case_fixture_add_face (f, f->probe_photo, 0.02f);
  f->reference_face = case_fixture_add_face (f, f->reference_photo, 0.011f);
  f->person = lk_case_add_person (f->kase, "Ana", &person, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_link_reference (f->kase, "Ana", f->reference_face, f->person, &error), >, 0);
  g_assert_no_error (error);
  return f;
}

void
case_fixture_free (CaseFixture *f)
{
  if (f == NULL)
    return;
  g_clear_object (&f->kase);
  case_fixture_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f);
}

gboolean
case_fixture_verify_ok (LkCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = NULL;

  gboolean done = lk_case_verify_audit (kase, NULL, &report, &error);

  /* The error first: it says why verification could not run. */
  g_assert_no_error (error);
  g_assert_true (done);
  if (!report->ok)
    g_printerr ("verify: %s\n", report->message);
  return report->ok;
}

void
case_fixture_attack (const char *case_path, const char *sql)
{
  g_autofree char *db_path = g_build_filename (case_path, "case.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("attack failed: %s: %s", sql, message);
  sqlite3_close (db);
}

void
case_cli_run_clear (CaseCliRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
case_fixture_cli_argv (CaseCliRun *r, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("LIKENESS_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  case_cli_run_clear (r);
  /* Always captured: the child's output must not mix with the test's TAP. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
  g_test_message ("%s %s → exit %d\nstdout: %.300s\nstderr: %.300s", args[0], args[0] ? args[1] : "",
                  r->status, r->out, r->err);
}

void
case_fixture_cli_valist (CaseCliRun *r, va_list args)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (list, (char *) arg);
  g_ptr_array_add (list, NULL);
  case_fixture_cli_argv (r, (const char * const *) list->pdata);
}

void
case_fixture_cli (CaseCliRun *r, ...)
{
  va_list args;

  va_start (args, r);
  case_fixture_cli_valist (r, args);
  va_end (args);
}
