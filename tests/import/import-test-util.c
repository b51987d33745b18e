#define G_LOG_DOMAIN "import-test"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "import-test-util.h"

char *
itu_sample_path (guint n)
{
  const char *dir = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autofree char *name = g_strdup_printf ("sample%u.jpg", n);
  char *path;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "demo", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

gboolean
itu_require_engine (LkFaceEngine **out_engine)
{
  g_autofree char *sample = itu_sample_path (1);
  g_autoptr(GError) error = NULL;

  if (sample == NULL)
    {
      g_test_skip ("the npm face-api package's demo samples are missing (LIKENESS_MODEL_PACKAGE_DIR)");
      return FALSE;
    }
  *out_engine = lk_face_engine_get_default (&error);
  if (*out_engine == NULL && g_error_matches (error, LK_VISION_ERROR, LK_VISION_ERROR_MODEL))
    {
      g_test_skip_printf ("the face models are missing: %s", error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  return TRUE;
}

GBytes *
itu_jpeg_with_comment (GBytes *jpeg, const char *comment)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (jpeg, &size);
  gsize len = strlen (comment);
  GByteArray *out = g_byte_array_sized_new (size + len + 4);
  guint8 header[4] = { 0xFF, 0xFE, (guint8) ((len + 2) >> 8), (guint8) ((len + 2) & 0xFF) };

  g_assert_cmpuint (size, >, 2);
  g_assert_cmpuint (data[0], ==, 0xFF);
  g_assert_cmpuint (data[1], ==, 0xD8);
  g_assert_cmpuint (len, <, 65000);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, header, 4);
  g_byte_array_append (out, (const guint8 *) comment, len);
  g_byte_array_append (out, data + 2, size - 2);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
itu_scaled_sample (guint n, int max_side)
{
  g_autofree char *path = itu_sample_path (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = NULL;
  GBytes *jpeg;

  g_assert_nonnull (path);
  image = lk_image_load (path, 0, &error);
  g_assert_no_error (error);
  jpeg = lk_image_encode_scaled (image, max_side, TRUE, &error);
  g_assert_no_error (error);
  return jpeg;
}

void
itu_write_file (const char *path, const void *data, gsize size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

GPtrArray *
itu_make_photos (const char *dir, guint n, int max_side)
{
  GBytes *bases[6] = { NULL };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *comment = g_strdup_printf ("Likeness test photo %u", i);
      g_autofree char *name = g_strdup_printf ("photo-%03u.jpg", i);
      char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (bases[i % 6] == NULL)
        bases[i % 6] = itu_scaled_sample (i % 6 + 1, max_side);
      bytes = itu_jpeg_with_comment (bases[i % 6], comment);
      itu_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_ptr_array_add (paths, path);
    }
  for (guint i = 0; i < 6; i++)
    g_clear_pointer (&bases[i], g_bytes_unref);
  return paths;
}

static void
put_le32 (guint8 *p, guint32 v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = (v >> 24) & 0xFF;
}

GBytes *
itu_rgb_to_bmp (const guint8 *rgb, int width, int height)
{
  gsize row = ((gsize) width * 3 + 3) & ~(gsize) 3;
  gsize size = 54 + row * height;
  guint8 *bmp = g_malloc0 (size);

  bmp[0] = 'B';
  bmp[1] = 'M';
  put_le32 (bmp + 2, size);
  put_le32 (bmp + 10, 54);
  put_le32 (bmp + 14, 40);
  put_le32 (bmp + 18, width);
  put_le32 (bmp + 22, height);  /* positive: rows bottom-up */
  bmp[26] = 1;
  bmp[28] = 24;
  put_le32 (bmp + 34, row * height);
  for (int r = 0; r < height; r++)
    {
      const guint8 *src = rgb + (gsize) r * width * 3;
      guint8 *dst = bmp + 54 + (gsize) (height - 1 - r) * row;

      for (int c = 0; c < width; c++)
        {
          dst[c * 3] = src[c * 3 + 2];
          dst[c * 3 + 1] = src[c * 3 + 1];
          dst[c * 3 + 2] = src[c * 3];
        }
    }
  return g_bytes_new_take (bmp, size);
}

void
itu_copy_rect (const LkImage *image, int x, int y, int width, int height,
               guint8 *dst, int dst_width, int dst_x)
{
  const guint8 *rgb = lk_image_get_rgb (image);
  int iw = lk_image_get_width (image);

  g_assert_true (x >= 0 && y >= 0 && x + width <= iw && y + height <= lk_image_get_height (image));
  for (int r = 0; r < height; r++)
    memcpy (dst + ((gsize) r * dst_width + dst_x) * 3, rgb + ((gsize) (y + r) * iw + x) * 3,
            (gsize) width * 3);
}

GBytes *
itu_crop_bmp (const LkImage *image, int x, int y, int width, int height)
{
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3);

  itu_copy_rect (image, x, y, width, height, rgb, width, 0);
  return itu_rgb_to_bmp (rgb, width, height);
}

static void
write_as_jpeg (GBytes *bmp, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load_bytes (bmp, 0, &error);
  g_autoptr(GBytes) jpeg = NULL;

  g_assert_no_error (error);
  jpeg = lk_image_encode_scaled (image, MAX (lk_image_get_width (image), lk_image_get_height (image)),
                                 TRUE, &error);
  g_assert_no_error (error);
  itu_write_file (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
}

/* The square around a face, twice its size, kept inside the image. */
static void
square_around (const LkImage *image, const LkBox *box, int side, int *x, int *y)
{
  *x = CLAMP (box->x + box->width / 2 - side / 2, 0, lk_image_get_width (image) - side);
  *y = CLAMP (box->y + box->height / 2 - side / 2, 0, lk_image_get_height (image) - side);
}

/* One face of sample 1 cropped with a margin, and two such crops side by
 * side: photos with exactly one and exactly two faces. */
void
itu_make_reference_photos (LkFaceEngine *engine, const char *one_path, const char *two_path)
{
  g_autofree char *sample = itu_sample_path (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (sample, 0, &error);
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autofree guint8 *pair = NULL;
  const LkBox *a, *b;
  int side, ax, ay, bx, by;

  g_assert_no_error (error);
  faces = lk_face_engine_analyze (engine, image, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >=, 2);
  a = &((LkFace *) faces->pdata[0])->box;
  b = &((LkFace *) faces->pdata[1])->box;
  side = MIN (MAX (a->width, b->width) * 2, MIN (lk_image_get_width (image), lk_image_get_height (image)));
  square_around (image, a, side, &ax, &ay);
  square_around (image, b, side, &bx, &by);
  one = itu_crop_bmp (image, ax, ay, side, side);
  write_as_jpeg (one, one_path);

  pair = g_malloc ((gsize) side * 2 * side * 3);
  itu_copy_rect (image, ax, ay, side, side, pair, 2 * side, 0);
  itu_copy_rect (image, bx, by, side, side, pair, 2 * side, side);
  two = itu_rgb_to_bmp (pair, 2 * side, side);
  write_as_jpeg (two, two_path);
}

char *
itu_tmp_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
itu_rm_rf (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("chmod -R u+w %s; rm -rf %s", quoted, quoted);

  g_assert_cmpint (system (command), ==, 0);
}

LkCase *
itu_new_case (const char *parent, char **out_path)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (parent, "test.likeness", NULL);
  LkCase *kase = lk_case_create (path, "Import test", NULL, NULL, ITU_ANALYST, &error);

  g_assert_no_error (error);
  *out_path = path;
  return kase;
}

const char *
itu_cli_path (void)
{
  const char *cli = g_getenv ("LIKENESS_CLI");

  g_assert_nonnull (cli);
  return cli;
}

int
itu_run_cli (const char * const *args, char **out_stdout, char **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) itu_cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out_stdout, out_stderr, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_integrity (const char *case_path)
{
  g_autofree char *db_path = g_build_filename (case_path, "case.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Straight through the SQLite library, as a second opinion on the store. */
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_faces_unique (LkCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = lk_case_list_faces (kase, NULL, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (faces, i);
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%d:%d:%d", face->photo_id,
                                   face->x, face->y, face->width, face->height);

      if (g_hash_table_contains (seen, key))
        g_error ("face %" G_GINT64_FORMAT " is stored twice (%s)", face->id, key);
      g_hash_table_add (seen, key);
      g_assert_true (face->has_descriptor);
      g_assert_true (face->has_landmarks);
    }
}

static void
assert_evidence_files (LkCase *kase, const char *case_path, GPtrArray *photos)
{
  g_autofree char *dir_path = g_build_filename (case_path, "evidence", NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEvidenceReport) report = NULL;
  GDir *dir;
  const char *name;
  guint n = 0;

  for (guint i = 0; i < photos->len; i++)
    g_hash_table_add (expected, ((LkPhoto *) photos->pdata[i])->evidence_name);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_hash_table_contains (expected, name))
        g_error ("evidence/%s belongs to no photo (an orphan or a leftover temporary file)", name);
      n++;
    }
  g_dir_close (dir);
  g_assert_cmpuint (n, ==, photos->len);

  g_assert_true (lk_case_verify_evidence (kase, &report, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("evidence: %s", ((LkEvidenceProblem *) report->problems->pdata[i])->message);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

guint
itu_assert_case_consistent (const char *case_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GHashTable) hashes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LkAuditReport) audit = NULL;

  assert_integrity (case_path);
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  photos = lk_case_list_photos (kase, -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < photos->len; i++)
    {
      LkPhoto *photo = g_ptr_array_index (photos, i);

      g_assert_false (g_hash_table_contains (hashes, photo->sha256));
      g_hash_table_add (hashes, photo->sha256);
      g_assert_true (photo->analyzed);
    }
  assert_faces_unique (kase);
  assert_evidence_files (kase, case_path, photos);

  g_assert_true (lk_case_verify_audit (kase, NULL, &audit, &error));
  g_assert_no_error (error);
  if (!audit->ok)
    g_error ("audit verify: %s", audit->message);
  return photos->len;
}
