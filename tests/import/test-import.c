/* The importer in-process, with the real face engine and a real case:
 * folders, re-import, bad files, reference photos of a person, collages,
 * cancellation, the async variant, read-only cases. */
#define G_LOG_DOMAIN "test-import"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "import-test-util.h"
#include "import/lk-importer.h"
#include "import/lk-import-job.h"

typedef struct {
  char          *tmp;
  char          *case_path;
  LkCase        *kase;
  LkFaceEngine  *engine;
  GPtrArray     *progress;   /* "done/total path" for each call */
  GThread       *main_thread;
  GCancellable  *cancel_after_cancellable;
  guint          cancel_after;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->tmp = itu_tmp_dir ("lk-import-XXXXXX");
  f->progress = g_ptr_array_new_with_free_func (g_free);
  f->main_thread = g_thread_self ();
  if (!itu_require_engine (&f->engine))
    return;
  f->kase = itu_new_case (f->tmp, &f->case_path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->kase != NULL)
    lk_case_close (f->kase);
  g_clear_object (&f->kase);
  g_clear_object (&f->engine);
  g_clear_pointer (&f->progress, g_ptr_array_unref);
  g_clear_object (&f->cancel_after_cancellable);
  itu_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->case_path);
}

static void
on_progress (const LkImportProgress *progress, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (progress->done, <=, progress->total);
  g_assert_cmpuint (progress->done, ==, f->progress->len + 1);
  g_ptr_array_add (f->progress, g_strdup_printf ("%u/%u %s", progress->done, progress->total,
                                                 progress->file->path));
  if (f->cancel_after > 0 && progress->done == f->cancel_after)
    g_cancellable_cancel (f->cancel_after_cancellable);
}

static LkImportSummary *
import (Fixture *f, LkPhotoRole role, gint64 person, gboolean collage,
        const char * const *paths, GError **error)
{
  g_autoptr(LkImporter) importer = lk_importer_new (f->kase, f->engine, ITU_ANALYST);

  lk_importer_set_role (importer, role);
  lk_importer_set_person (importer, person);
  lk_importer_set_collage (importer, collage);
  lk_importer_set_progress_func (importer, on_progress, f, NULL);
  g_ptr_array_set_size (f->progress, 0);
  return lk_importer_run (importer, paths, f->cancel_after_cancellable, error);
}

static char *
make_folder (Fixture *f, guint n)
{
  char *dir = g_build_filename (f->tmp, "photos", NULL);
  g_autofree char *nested = g_build_filename (dir, "day 2", "camera", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".thumbnail.jpg", NULL);
  g_autoptr(GPtrArray) first = itu_make_photos (dir, n / 2, 640);
  g_autoptr(GPtrArray) second = NULL;

  second = itu_make_photos (nested, n - n / 2, 640);
  /* Same names, but other comments so the content differs from the first half. */
  for (guint i = 0; i < second->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) changed = NULL;
      gsize size = 0;

      g_assert_true (g_file_get_contents (second->pdata[i], &contents, &size, NULL));
      bytes = g_bytes_new (contents, size);
      changed = itu_jpeg_with_comment (bytes, "second folder");
      itu_write_file (second->pdata[i], g_bytes_get_data (changed, NULL), g_bytes_get_size (changed));
    }
  itu_write_file (hidden, "not evidence", 12);
  return dir;
}

/* Reports print how faces were found: the newest import.run entry says. */
static void
assert_run_logged (Fixture *f, const char *mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = lk_case_list_audit (f->kase, 0, 0, &error);
  g_autofree char *expected = g_strdup_printf ("\"detect_mode\":\"%s\"", mode);

  g_assert_no_error (error);
  for (guint i = audit->len; i-- > 0;)
    {
      LkAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->action, "import.run") == 0)
        {
          g_assert_nonnull (strstr (entry->details, expected));
          return;
        }
    }
  g_error ("no import.run entry in the audit log");
}

static void
test_import_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  const char *paths[2] = { NULL };

  if (f->kase == NULL)
    return;
  dir = make_folder (f, 8);
  paths[0] = dir;
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_files, ==, 8);
  g_assert_cmpuint (summary->n_imported, ==, 8);
  g_assert_cmpuint (summary->n_duplicates, ==, 0);
  g_assert_cmpuint (summary->n_errors, ==, 0);
  g_assert_cmpuint (summary->files->len, ==, 8);
  g_assert_cmpuint (f->progress->len, ==, 8);
  g_assert_true (g_str_has_prefix (f->progress->pdata[7], "8/8 "));
  /* Walk order: entries by name in bytes, so "day 2/" comes before "photo-…". */
  g_assert_true (g_str_has_suffix (((LkImportFileResult *) summary->files->pdata[0])->path, "camera/photo-000.jpg"));
  g_assert_true (g_str_has_suffix (((LkImportFileResult *) summary->files->pdata[7])->path, "photos/photo-003.jpg"));

  photos = lk_case_list_photos (f->kase, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 8);
  faces = lk_case_list_faces (f->kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, summary->n_faces);
  /* The six samples are group photos: several faces in most of them. */
  g_assert_cmpuint (summary->n_faces, >=, 8);
  for (guint i = 0; i < photos->len; i++)
    {
      LkPhoto *photo = g_ptr_array_index (photos, i);

      g_assert_true (photo->analyzed);
      g_assert_cmpint (photo->role, ==, LK_PHOTO_ROLE_PROBE);
      g_assert_cmpint (MAX (photo->width, photo->height), ==, 640);
      g_assert_true (g_path_is_absolute (photo->original_path));
    }
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (faces, i);
      g_autoptr(GBytes) chip = lk_case_get_face_chip (f->kase, face->id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (chip), >, 100);
      g_assert_nonnull (strstr (face->quality_json, "sharpness"));
      g_assert_cmpstr (face->model_id, ==, lk_face_engine_get_model_id (f->engine));
      g_assert_cmpint (face->origin, ==, LK_FACE_ORIGIN_DETECTED);
    }
  assert_run_logged (f, "default");
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 8);
}

static void
test_reimport_is_noop (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) first = NULL;
  g_autoptr(LkImportSummary) again = NULL;
  const char *paths[3] = { NULL };
  gsize size = 0;

  if (f->kase == NULL)
    return;
  dir = make_folder (f, 4);
  paths[0] = dir;
  first = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_imported, ==, 4);
  head_before = lk_case_get_audit_head (f->kase, NULL, &error);
  g_assert_no_error (error);

  /* A renamed copy elsewhere is the same evidence: skipped too. */
  copy = g_build_filename (f->tmp, "renamed copy.jpeg", NULL);
  g_assert_true (g_file_get_contents (((LkImportFileResult *) first->files->pdata[0])->path,
                                      &contents, &size, NULL));
  itu_write_file (copy, contents, size);
  paths[1] = copy;
  again = import (f, LK_PHOTO_ROLE_REFERENCE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_imported, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 5);
  g_assert_cmpuint (again->n_faces, ==, 0);
  for (guint i = 0; i < again->files->len; i++)
    {
      LkImportFileResult *result = g_ptr_array_index (again->files, i);

      g_assert_cmpint (result->outcome, ==, LK_IMPORT_OUTCOME_DUPLICATE);
      g_assert_cmpint (result->photo_id, >, 0);
      g_assert_nonnull (strstr (result->message, "probe"));
    }
  head_after = lk_case_get_audit_head (f->kase, NULL, &error);
  g_assert_cmpstr (head_before, ==, head_after);
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 4);
}

static void
test_duplicate_within_one_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) made = NULL;
  g_autofree char *dir = g_build_filename (f->tmp, "twins", NULL);
  g_autofree char *twin = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  const char *paths[2] = { dir, NULL };
  gsize size = 0;

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 2, 480);
  twin = g_build_filename (dir, "photo-000-copy.jpg", NULL);
  g_assert_true (g_file_get_contents (made->pdata[0], &contents, &size, NULL));
  itu_write_file (twin, contents, size);
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 2);
  g_assert_cmpuint (summary->n_duplicates, ==, 1);
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 2);
}

static guint32
crc32_of (const guint8 *data, gsize n)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < n; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
png_chunk (GByteArray *png, const char *type, const guint8 *data, guint32 n)
{
  guint8 be[4] = { n >> 24, (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF };
  g_autoptr(GByteArray) crc_data = g_byte_array_new ();
  guint32 crc;

  g_byte_array_append (png, be, 4);
  g_byte_array_append (crc_data, (const guint8 *) type, 4);
  g_byte_array_append (crc_data, data, n);
  g_byte_array_append (png, crc_data->data, crc_data->len);
  crc = crc32_of (crc_data->data, crc_data->len);
  be[0] = crc >> 24;
  be[1] = (crc >> 16) & 0xFF;
  be[2] = (crc >> 8) & 0xFF;
  be[3] = crc & 0xFF;
  g_byte_array_append (png, be, 4);
}

/* A well-formed PNG header claiming 60000 × 60000 pixels (3.6 gigapixels). */
static GBytes *
pixel_bomb (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 ihdr[13] = { 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 0, 0, 0, 0 };
  /* zlib: a stored empty block; the decoder would ask for far more. */
  static const guint8 idat[] = { 0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01 };
  GByteArray *png = g_byte_array_new ();

  g_byte_array_append (png, signature, 8);
  png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_chunk (png, "IDAT", idat, sizeof idat);
  png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

static void
write_bad_files (const char *dir)
{
  g_autofree char *empty = g_build_filename (dir, "empty.jpg", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.jpg", NULL);
  g_autofree char *random_path = g_build_filename (dir, "random.jpg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *bomb_path = g_build_filename (dir, "bomb.png", NULL);
  g_autoptr(GBytes) whole = itu_scaled_sample (2, 640);
  g_autoptr(GBytes) bomb = pixel_bomb ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 noise[5000];

  itu_write_file (empty, "", 0);
  itu_write_file (truncated, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) * 6 / 10);
  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  itu_write_file (random_path, noise, sizeof noise);
  itu_write_file (text, "Photos of the second day are on the other card.\n", 49);
  itu_write_file (bomb_path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "mixed", NULL);
  g_autoptr(GPtrArray) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkImportSummary) again = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  const char *paths[2] = { dir, NULL };

  if (f->kase == NULL)
    return;
  good = itu_make_photos (dir, 3, 480);
  write_bad_files (dir);
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_files, ==, 8);
  g_assert_cmpuint (summary->n_imported, ==, 3);
  g_assert_cmpuint (summary->n_errors, ==, 5);

  errors = lk_case_list_import_errors (f->kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 5);
  for (guint i = 0; i < errors->len; i++)
    {
      LkImportError *e = g_ptr_array_index (errors, i);

      g_test_message ("%s: %s", e->path, e->reason);
      g_assert_true (g_str_has_prefix (e->path, dir));
      g_assert_cmpuint (strlen (e->reason), >, 5);
      g_assert_cmpstr (e->analyst, ==, ITU_ANALYST);
      if (g_str_has_suffix (e->path, "bomb.png"))
        g_assert_nonnull (strstr (e->reason, "pixels"));
    }

  /* Again: nothing new, not even the same errors twice. */
  g_clear_pointer (&errors, g_ptr_array_unref);
  again = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_errors, ==, 5);
  g_assert_cmpuint (again->n_duplicates, ==, 3);
  errors = lk_case_list_import_errors (f->kase, &error);
  g_assert_cmpuint (errors->len, ==, 5);
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 3);
}

static guint
count_faces_in (Fixture *f, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, 0, &error);
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(GPtrArray) faces = NULL;

  g_assert_no_error (error);
  faces = lk_face_engine_analyze (f->engine, image, &options, NULL, &error);
  g_assert_no_error (error);
  return faces->len;
}

static void
test_reference_person (Fixture *f, gconstpointer data)
{
  g_autofree char *one = g_build_filename (f->tmp, "one face.jpg", NULL);
  g_autofree char *two = g_build_filename (f->tmp, "two faces.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GArray) links = NULL;
  LkPersonFields fields = { "Jane Roe" };
  const char *paths[3] = { one, two, NULL };
  LkImportFileResult *flagged;
  gint64 person;

  if (f->kase == NULL)
    return;
  itu_make_reference_photos (f->engine, one, two);
  g_assert_cmpuint (count_faces_in (f, one), ==, 1);
  g_assert_cmpuint (count_faces_in (f, two), ==, 2);
  person = lk_case_add_person (f->kase, ITU_ANALYST, &fields, &error);
  g_assert_no_error (error);

  /* A person goes with reference photos only. */
  summary = import (f, LK_PHOTO_ROLE_PROBE, person, FALSE, paths, &error);
  g_assert_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_INVALID);
  g_assert_null (summary);
  g_clear_error (&error);

  summary = import (f, LK_PHOTO_ROLE_REFERENCE, person, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 2);
  g_assert_cmpuint (summary->n_references, ==, 1);
  g_assert_cmpuint (summary->n_flagged, ==, 1);
  flagged = g_ptr_array_index (summary->files, 1);
  g_assert_true (flagged->flagged);
  g_assert_cmpuint (flagged->n_faces, ==, 2);
  g_assert_nonnull (strstr (flagged->message, "Jane Roe"));
  g_assert_false (((LkImportFileResult *) summary->files->pdata[0])->flagged);

  links = lk_case_list_reference_faces (f->kase, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  {
    g_autoptr(LkCaseFace) face = lk_case_get_face (f->kase, g_array_index (links, gint64, 0), &error);
    g_autoptr(LkPhoto) photo = lk_case_get_photo (f->kase, flagged->photo_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (face->photo_id, ==, ((LkImportFileResult *) summary->files->pdata[0])->photo_id);
    g_assert_cmpint (face->status, ==, LK_FACE_STATUS_REFERENCE);
    /* The flagged photo remembers whom it was meant for. */
    g_assert_cmpint (photo->intended_person_id, ==, person);
    g_assert_cmpint (photo->role, ==, LK_PHOTO_ROLE_REFERENCE);
    g_assert_cmpstr (photo->review_note, ==, flagged->message);
  }
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 2);
}

static void
test_collage (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "collage", NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkPhoto) photo = NULL;
  const char *paths[2] = { dir, NULL };

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 1, 480);
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, TRUE, paths, &error);
  g_assert_no_error (error);
  photo = lk_case_get_photo (f->kase, ((LkImportFileResult *) summary->files->pdata[0])->photo_id, &error);
  g_assert_no_error (error);
  g_assert_true (photo->is_collage);
}

static void
test_cancel_then_finish (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "many", NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  const char *paths[2] = { dir, NULL };
  g_autoptr(LkImporter) importer = NULL;
  const LkImportSummary *partial;

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 10, 480);
  f->cancel_after_cancellable = g_cancellable_new ();
  f->cancel_after = 2;
  importer = lk_importer_new (f->kase, f->engine, ITU_ANALYST);
  lk_importer_set_progress_func (importer, on_progress, f, NULL);
  summary = lk_importer_run (importer, paths, f->cancel_after_cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (summary);
  g_clear_error (&error);
  partial = lk_importer_get_summary (importer);
  g_assert_cmpuint (partial->n_imported, >=, 2);
  g_assert_cmpuint (partial->n_imported, <, 10);
  g_assert_cmpuint (partial->files->len, ==, partial->n_imported);

  g_clear_object (&f->cancel_after_cancellable);
  f->cancel_after = 0;
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported + summary->n_duplicates, ==, 10);
  g_assert_cmpuint (summary->n_duplicates, ==, partial->n_imported);
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 10);
}

typedef struct {
  Fixture         *f;
  GMainLoop       *loop;
  LkImportSummary *summary;
  GError          *error;
  guint            calls;
} AsyncRun;

static void
on_async_progress (const LkImportProgress *progress, gpointer user_data)
{
  AsyncRun *run = user_data;

  /* Delivered on the caller's main context: here, the test's thread. */
  g_assert_true (g_thread_self () == run->f->main_thread);
  run->calls++;
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;

  run->summary = lk_importer_run_finish (LK_IMPORTER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "async", NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(LkImporter) importer = NULL;
  AsyncRun run = { f };
  const char *paths[2] = { dir, NULL };

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 4, 480);
  run.loop = g_main_loop_new (NULL, FALSE);
  importer = lk_importer_new (f->kase, f->engine, ITU_ANALYST);
  lk_importer_set_progress_func (importer, on_async_progress, &run, NULL);
  lk_importer_run_async (importer, paths, NULL, on_async_done, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.summary->n_imported, ==, 4);
  /* Progress calls queued before the result are all delivered before it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.calls, ==, 4);
  lk_import_summary_unref (run.summary);
  g_main_loop_unref (run.loop);
}

/* A photo row whose faces were never stored (analysed = no): importing the
 * file again finishes it instead of skipping it. */
static void
test_finishes_unanalysed_photo (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "unfinished", NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(LkPhoto) photo = NULL;
  g_autofree char *sha = NULL;
  const char *paths[2] = { dir, NULL };
  LkPhotoNew row = { LK_PHOTO_ROLE_PROBE };
  gint64 photo_id;

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 1, 480);
  g_assert_true (lk_case_store_evidence (f->kase, made->pdata[0], NULL, &sha, &error));
  g_assert_no_error (error);
  row.sha256 = sha;
  row.original_path = made->pdata[0];
  photo_id = lk_case_add_photo (f->kase, ITU_ANALYST, &row, NULL, &error);
  g_assert_no_error (error);

  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 1);
  g_assert_cmpuint (summary->n_faces, >, 0);
  g_assert_cmpint (((LkImportFileResult *) summary->files->pdata[0])->photo_id, ==, photo_id);
  photo = lk_case_get_photo (f->kase, photo_id, &error);
  g_assert_no_error (error);
  g_assert_true (photo->analyzed);
  g_assert_cmpint (photo->n_faces, ==, summary->n_faces);
  lk_case_close (f->kase);
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 1);
}

static void
test_read_only_case (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->tmp, "ro", NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  const char *paths[2] = { dir, NULL };

  if (f->kase == NULL)
    return;
  made = itu_make_photos (dir, 1, 480);
  lk_case_close (f->kase);
  g_object_unref (f->kase);
  f->kase = lk_case_open (f->case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY);
  g_assert_null (summary);
}

static gpointer
enter_in_thread (gpointer data)
{
  return GSIZE_TO_POINTER (lk_import_gate_enter (GPOINTER_TO_SIZE (data), NULL));
}

/* The bytes of files held at once are bounded: a second file waits until the
 * first is dropped, a file larger than the gate passes alone, and a cancelled
 * wait takes nothing. */
static void
test_gate_bounds_bytes (void)
{
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  guint64 old = lk_import_gate_set_limit (100);
  guint64 first, big;
  GThread *thread;

  first = lk_import_gate_enter (60, NULL);
  g_assert_cmpuint (first, ==, 60);
  thread = g_thread_new ("second", enter_in_thread, GSIZE_TO_POINTER (60));
  g_usleep (300 * 1000);
  g_assert_cmpuint (lk_import_gate_held (), ==, 60);   /* the second still waits */
  lk_import_gate_leave (first);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_thread_join (thread)), ==, 60);
  g_cancellable_cancel (cancel);
  g_assert_cmpuint (lk_import_gate_enter (60, cancel), ==, 0);
  lk_import_gate_leave (60);
  big = lk_import_gate_enter (5000, NULL);
  g_assert_cmpuint (big, ==, 100);
  lk_import_gate_leave (big);
  g_assert_cmpuint (lk_import_gate_held (), ==, 0);
  lk_import_gate_set_limit (old);
}

/* The member names of a quality record, sorted and joined. */
static char *
quality_members (const char *quality_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) names = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (json_parser_load_from_data (parser, quality_json, -1, NULL));
  names = json_object_get_members (json_node_get_object (json_parser_get_root (parser)));
  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (out, "%s,", (const char *) l->data);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One probe photo (sample 1 at 640 px) imported; the run's summary. */
static LkImportSummary *
import_one (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->tmp, "one", NULL);
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { dir, NULL };
  LkImportSummary *summary;

  g_ptr_array_unref (itu_make_photos (dir, 1, 640));
  summary = import (f, LK_PHOTO_ROLE_PROBE, 0, FALSE, paths, &error);
  g_assert_no_error (error);
  return summary;
}

/* A detected face whose box lies inside its photo (a detector's box may
 * reach past the edge; a hand-drawn one may not). */
static LkCaseFace *
face_inside_photo (Fixture *f, GPtrArray *faces)
{
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (faces, i);
      g_autoptr(LkPhoto) photo = lk_case_get_photo (f->kase, face->photo_id, NULL);

      if (face->x >= 8 && face->y >= 8 && face->x + face->width + 8 <= photo->width &&
          face->y + face->height + 8 <= photo->height)
        return face;
    }
  g_error ("no detected face lies inside its photo");
}

/* A face boxed by hand over a detected face's box: the same pipeline gives
 * the same landmarks, descriptor, chip format and quality record. */
static void
assert_manual_like_detected (Fixture *f, const LkCaseFace *detected, gint64 manual_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCaseFace) manual = lk_case_get_face (f->kase, manual_id, &error);
  g_autoptr(GBytes) chip = lk_case_get_face_chip (f->kase, manual_id, &error);
  g_autofree char *want_members = quality_members (detected->quality_json);
  g_autofree char *have_members = quality_members (manual->quality_json);
  float a[LK_CASE_DESCRIPTOR_DIM], b[LK_CASE_DESCRIPTOR_DIM];

  g_assert_no_error (error);
  g_assert_cmpint (manual->origin, ==, LK_FACE_ORIGIN_MANUAL);
  g_assert_cmpint (manual->photo_id, ==, detected->photo_id);
  g_assert_cmpint (manual->x, ==, detected->x);
  g_assert_cmpint (manual->width, ==, detected->width);
  g_assert_true (manual->has_descriptor && manual->has_landmarks);
  g_assert_cmpstr (manual->model_id, ==, lk_face_engine_get_model_id (f->engine));
  /* The whole record (the GUI's copy kept only good, description, size and flags). */
  g_assert_cmpstr (have_members, ==, "brightness,contrast,description,flags,good,sharpness,size_px,yaw_degrees,");
  g_assert_cmpstr (have_members, ==, want_members);
  g_assert_cmpstr (manual->quality_json, ==, detected->quality_json);
  g_assert_cmpuint (manual->quality_flags, ==, detected->quality_flags);
  /* Stored as import stores chips: JPEG. */
  g_assert_cmpuint (g_bytes_get_size (chip), >, 100);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (chip, NULL))[0], ==, 0xff);
  g_assert_true (lk_case_get_face_descriptor (f->kase, detected->id, a, &error));
  g_assert_true (lk_case_get_face_descriptor (f->kase, manual_id, b, &error));
  g_assert_cmpfloat (lk_descriptor_distance (a, b), <, 1e-4);
}

static void
test_manual_face (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  LkCaseFace *detected;
  LkBox box, outside = { 5000, 5000, 100, 100 };
  gint64 id;

  if (f->kase == NULL)
    return;
  summary = import_one (f);
  faces = lk_case_list_faces (f->kase, NULL, &error);
  detected = face_inside_photo (f, faces);
  box = (LkBox) { detected->x, detected->y, detected->width, detected->height };

  id = lk_importer_add_manual_face (f->kase, f->engine, detected->photo_id, &box, ITU_ANALYST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, detected->id);
  assert_manual_like_detected (f, detected, id);
  g_assert_true (lk_case_verify_audit (f->kase, NULL, &report, &error));
  g_assert_true (report->ok);

  /* Errors an analyst can act on, and nothing stored. */
  g_assert_cmpint (lk_importer_add_manual_face (f->kase, f->engine, detected->photo_id, &outside, ITU_ANALYST,
                                                NULL, &error), ==, 0);
  g_assert_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lk_importer_add_manual_face (f->kase, f->engine, 999, &box, ITU_ANALYST, NULL, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&faces, g_ptr_array_unref);
  faces = lk_case_list_faces (f->kase, NULL, &error);
  g_assert_cmpuint (faces->len, ==, summary->n_faces + 1);
}

/* Evidence changed since import: no face is computed from other pixels. */
static void
test_manual_face_changed_evidence (Fixture *f, gconstpointer data)
{
  g_autofree char *evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GBytes) other = NULL;
  LkBox box = { 100, 100, 120, 120 };
  gint64 photo_id;

  if (f->kase == NULL)
    return;
  summary = import_one (f);
  photo_id = ((LkImportFileResult *) summary->files->pdata[0])->photo_id;
  evidence = lk_case_get_evidence_path (f->kase, photo_id, &error);
  g_assert_no_error (error);
  other = itu_scaled_sample (2, 640);
  g_assert_cmpint (g_chmod (evidence, 0644), ==, 0);
  itu_write_file (evidence, g_bytes_get_data (other, NULL), g_bytes_get_size (other));

  g_assert_cmpint (lk_importer_add_manual_face (f->kase, f->engine, photo_id, &box, ITU_ANALYST, NULL, &error),
                   ==, 0);
  g_assert_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "changed outside Likeness"));
}

/* likeness-cli face add: the same pipeline, and bad boxes refused with exit 2. */
static void
test_manual_face_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *box = NULL;
  g_autofree char *photo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  LkCaseFace *detected;
  JsonObject *face;

  if (f->kase == NULL)
    return;
  summary = import_one (f);
  faces = lk_case_list_faces (f->kase, NULL, &error);
  detected = face_inside_photo (f, faces);
  /* Beside the detected box: the case checks no face is stored twice. */
  box = g_strdup_printf ("%d,%d,%d,%d", detected->x + 4, detected->y + 4, detected->width, detected->height);
  photo = g_strdup_printf ("%" G_GINT64_FORMAT, detected->photo_id);
  lk_case_close (f->kase);
  {
    const char *args[] = { "face", "add", "--case", f->case_path, "--photo", photo, "--box", box, "--json",
                           "--analyst", ITU_ANALYST, NULL };
    g_assert_cmpint (itu_run_cli (args, &out, &err), ==, 0);
  }
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  face = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (face, "origin"), ==, "manual");
  g_assert_true (json_object_get_boolean_member (face, "has_descriptor"));
  g_assert_true (json_object_has_member (json_object_get_object_member (face, "quality"), "sharpness"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *args[] = { "face", "add", "--case", f->case_path, "--photo", photo, "--box", "10,10,0,5", NULL };
    g_assert_cmpint (itu_run_cli (args, &out, &err), ==, 2);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *args[] = { "face", "add", "--case", f->case_path, "--photo", photo, "--box", "5000,10,50,50", NULL };
    g_assert_cmpint (itu_run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not added"));
  }
  g_assert_cmpuint (itu_assert_case_consistent (f->case_path), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("folder", test_import_folder);
  ADD ("reimport-is-noop", test_reimport_is_noop);
  ADD ("duplicate-within-one-import", test_duplicate_within_one_import);
  ADD ("bad-files", test_bad_files);
  ADD ("reference-person", test_reference_person);
  ADD ("collage", test_collage);
  ADD ("cancel-then-finish", test_cancel_then_finish);
  ADD ("async", test_async);
  ADD ("finishes-unanalysed-photo", test_finishes_unanalysed_photo);
  ADD ("read-only-case", test_read_only_case);
  ADD ("manual-face", test_manual_face);
  ADD ("manual-face-changed-evidence", test_manual_face_changed_evidence);
  ADD ("manual-face-cli", test_manual_face_cli);
#undef ADD
  g_test_add_func ("/import/gate-bounds-bytes", test_gate_bounds_bytes);
  return g_test_run ();
}
