/* test-import-formats.c — what phones and other photo tools hand an analyst,
 * through likeness-cli as a user runs it: an iPhone-style HEIC photo (made by
 * heif-enc, Debian libheif-examples), and a photo whose faces a tool already
 * named (MWG regions written by exiftool, Debian libimage-exiftool-perl) —
 * those names become proposals the analyst confirms or rejects, never
 * identifications; and the sidecars export-regions writes come back in as
 * proposals when the copies are imported into another case. */
#define G_LOG_DOMAIN "test-import-formats"

#include <glib/gstdio.h>
#include <string.h>

#include "case/lk-case-regions.h"
#include "import-test-util.h"

static void
spawn_ok (const char *const *argv)
{
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* A missing tool fails the test: it is in build-aux/debian-packages.txt. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
}

static char *
new_case (const char *tmp, const char *name)
{
  char *path = g_build_filename (tmp, name, NULL);
  const char *args[] = { "case", "new", path, "--title", "Formats", "--analyst", ITU_ANALYST, NULL };
  g_autofree char *out = NULL, *err = NULL;

  if (itu_run_cli (args, &out, &err) != 0)
    g_error ("case new failed: %s", err);
  return path;
}

static int
cli (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *a;
  int status;

  va_start (ap, err);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = itu_run_cli ((const char *const *) args->pdata, out, err);
  g_test_message ("likeness-cli %s: %d\n%s%s", (char *) args->pdata[0], status, *out, *err);
  return status;
}

/* A HEIC imports like the JPEG it was made from: the same three faces, the
 * size of the picture, and the case verifies. */
static void
test_heic (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-heic-XXXXXX");
  g_autofree char *jpeg = itu_sample_path (3);
  g_autofree char *heic = g_build_filename (tmp, "IMG_0042.HEIC", NULL);
  g_autofree char *case_path = NULL, *out = NULL, *err = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  LkFaceEngine *engine = NULL;

  if (!itu_require_engine (&engine))
    return;
  {
    const char *argv[] = { "heif-enc", "-q", "80", "-p", "preset=ultrafast", "-o", heic, jpeg, NULL };
    spawn_ok (argv);
  }
  case_path = new_case (tmp, "heic.likeness");
  g_assert_cmpint (cli (&out, &err, "import", "--case", case_path, "--role", "probe", "--analyst", ITU_ANALYST,
                        heic, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 1 photo with 3 faces"));
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 1);
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, NULL);
  photos = lk_case_list_photos (kase, -1, NULL);
  g_assert_cmpint (((LkPhoto *) g_ptr_array_index (photos, 0))->width, ==, 1920);
  g_assert_cmpint (((LkPhoto *) g_ptr_array_index (photos, 0))->height, ==, 1350);
  itu_rm_rf (tmp);
}

/* Two pictures in one HEIC: the primary one is the photo, and the import
 * says (and notes on the photo, audited) that there is another. */
static void
test_heic_two_images (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-heic2-XXXXXX");
  g_autofree char *first = g_build_filename (tmp, "a.jpg", NULL);
  g_autofree char *second = g_build_filename (tmp, "b.jpg", NULL);
  g_autofree char *heic = g_build_filename (tmp, "burst.heic", NULL);
  g_autofree char *case_path = NULL, *out = NULL, *err = NULL;
  g_autoptr(GBytes) a = NULL, b = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  LkFaceEngine *engine = NULL;

  if (!itu_require_engine (&engine))
    return;
  a = itu_scaled_sample (3, 640);
  b = itu_scaled_sample (6, 640);
  itu_write_file (first, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  itu_write_file (second, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  {
    const char *argv[] = { "heif-enc", "-q", "80", "-p", "preset=ultrafast", "-o", heic, first, second, NULL };
    spawn_ok (argv);
  }
  g_remove (first);
  g_remove (second);
  case_path = new_case (tmp, "burst.likeness");
  g_assert_cmpint (cli (&out, &err, "import", "--case", case_path, "--role", "probe", "--analyst", ITU_ANALYST,
                        heic, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "holds 1 more image besides the one imported"));
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, NULL);
  photos = lk_case_list_photos (kase, -1, NULL);
  g_assert_cmpuint (photos->len, ==, 1);
  g_assert_nonnull (strstr (((LkPhoto *) g_ptr_array_index (photos, 0))->review_note, "1 more image"));
  g_clear_object (&kase);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 1);
  itu_rm_rf (tmp);
}

/* The MWG struct exiftool writes: one region on the given face, named, one
 * named region where there is no face, one unnamed region. */
static void
tag_with_exiftool (const char *path, const LkFace *face, int width, int height)
{
  g_autofree char *arg = g_strdup_printf (
    "-RegionInfo={AppliedToDimensions={W=%d,H=%d,Unit=pixel},RegionList=["
    "{Area={X=%.5f,Y=%.5f,W=%.5f,H=%.5f,Unit=normalized},Name=Ann Example,Type=Face},"
    "{Area={X=0.02,Y=0.97,W=0.03,H=0.03,Unit=normalized},Name=Bob Nowhere,Type=Face},"
    "{Area={X=0.5,Y=0.5,W=0.05,H=0.05,Unit=normalized},Type=Face}]}",
    width, height, (face->box.x + face->box.width / 2.0) / width, (face->box.y + face->box.height / 2.0) / height,
    (double) face->box.width * 1.2 / width, (double) face->box.height * 1.2 / height);
  const char *argv[] = { "exiftool", "-q", "-overwrite_original", "-struct", arg, path, NULL };

  spawn_ok (argv);
}

static gint64
proposal_id_for (const char *case_path, const char *name)
{
  g_autoptr(LkCase) kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, NULL);
  g_autoptr(GPtrArray) list = lk_case_list_proposals (kase, NULL, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((LkProposal *) g_ptr_array_index (list, i))->name, name))
      return ((LkProposal *) g_ptr_array_index (list, i))->id;
  g_error ("no proposal for %s", name);
}

/* A photo tagged by exiftool imports with its names as proposals; confirm
 * makes the face a reference face of a new person of that name, reject
 * records the rejection, a region with no face cannot be confirmed, and
 * `audit verify` passes. */
static void
test_tagged_photo (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-regions-XXXXXX");
  g_autofree char *photo = g_build_filename (tmp, "family.jpg", NULL);
  g_autofree char *case_path = NULL, *out = NULL, *err = NULL;
  g_autofree char *id_ann = NULL, *id_bob = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkPerson) ann = NULL;
  g_autoptr(GArray) refs = NULL;
  LkFaceEngine *engine = NULL;

  if (!itu_require_engine (&engine))
    return;
  jpeg = itu_scaled_sample (3, 960);
  itu_write_file (photo, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  image = lk_image_load (photo, 0, NULL);
  faces = lk_face_engine_analyze (engine, image, NULL, NULL, NULL);
  g_assert_cmpuint (faces->len, >=, 1);
  tag_with_exiftool (photo, g_ptr_array_index (faces, 0), lk_image_get_width (image), lk_image_get_height (image));

  case_path = new_case (tmp, "regions.likeness");
  g_assert_cmpint (cli (&out, &err, "import", "--case", case_path, "--role", "reference", "--analyst",
                        ITU_ANALYST, photo, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "2 proposed names"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "proposals", "list", "--case", case_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Ann Example"));
  g_assert_nonnull (strstr (out, "Bob Nowhere"));
  g_assert_nonnull (strstr (out, "no detected face"));
  /* Proposed, not identified: nobody is in the gallery yet. */
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, NULL);
  g_assert_null (lk_case_find_person (kase, "Ann Example", NULL));
  g_clear_object (&kase);

  id_ann = g_strdup_printf ("%" G_GINT64_FORMAT, proposal_id_for (case_path, "Ann Example"));
  id_bob = g_strdup_printf ("%" G_GINT64_FORMAT, proposal_id_for (case_path, "Bob Nowhere"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "proposals", "confirm", "--case", case_path, "--analyst", ITU_ANALYST,
                        id_ann, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "proposals", "confirm", "--case", case_path, "--analyst", ITU_ANALYST,
                        id_bob, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "box the face by hand"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "proposals", "reject", "--case", case_path, "--analyst", ITU_ANALYST,
                        "--reason", "Bob is not in this photo", id_bob, NULL), ==, 0);

  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, NULL);
  ann = lk_case_find_person (kase, "Ann Example", NULL);
  g_assert_nonnull (ann);
  refs = lk_case_list_reference_faces (kase, ann->id, NULL);
  g_assert_cmpuint (refs->len, ==, 1);
  {
    g_autoptr(LkCaseFace) face = lk_case_get_face (kase, g_array_index (refs, gint64, 0), NULL);
    const LkFace *tagged = g_ptr_array_index (faces, 0);
    g_assert_cmpint (face->x, ==, tagged->box.x);
    g_assert_cmpint (face->y, ==, tagged->box.y);
  }
  g_clear_object (&kase);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "audit", "verify", "--case", case_path, NULL), ==, 0);
  itu_rm_rf (tmp);
}

/* The round trip with another tool in the middle: case A identifies a face;
 * export-regions writes the copy and its sidecar; the copies imported into
 * case B bring the name back as a proposal on the same face, read from the
 * sidecar — not as an identification. */
static void
test_export_then_import (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-roundtrip-XXXXXX");
  g_autofree char *photo = g_build_filename (tmp, "scene.jpg", NULL);
  g_autofree char *folder = g_build_filename (tmp, "for-digikam", NULL);
  g_autofree char *case_a = NULL, *case_b = NULL, *out = NULL, *err = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  LkFaceEngine *engine = NULL;
  LkPersonFields fields = { "Petro Example", NULL, NULL, NULL, NULL, NULL };
  gint64 face_id;

  if (!itu_require_engine (&engine))
    return;
  jpeg = itu_scaled_sample (3, 960);
  itu_write_file (photo, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  case_a = new_case (tmp, "a.likeness");
  g_assert_cmpint (cli (&out, &err, "import", "--case", case_a, "--role", "probe", "--analyst", ITU_ANALYST,
                        photo, NULL), ==, 0);
  {
    g_autoptr(LkCase) kase = lk_case_open (case_a, LK_CASE_OPEN_READ_WRITE, &error);
    LkFaceFilter filter = LK_FACE_FILTER_INIT;
    g_autoptr(GPtrArray) faces = lk_case_list_faces (kase, &filter, &error);
    gint64 person = lk_case_add_person (kase, ITU_ANALYST, &fields, &error);

    g_assert_no_error (error);
    face_id = ((LkCaseFace *) g_ptr_array_index (faces, 0))->id;
    g_assert_cmpint (lk_case_add_decision (kase, ITU_ANALYST, face_id, person, LK_OUTCOME_IDENTIFIED, NULL,
                                           "tattoo on the neck", &error), >, 0);
    g_assert_no_error (error);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "export-regions", "--case", case_a, "--output", folder, "--analyst",
                        ITU_ANALYST, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(1 named)"));

  case_b = new_case (tmp, "b.likeness");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "import", "--case", case_b, "--role", "reference", "--analyst", ITU_ANALYST,
                        folder, NULL), ==, 0);
  {
    g_autoptr(LkCase) a = lk_case_open (case_a, LK_CASE_OPEN_READ_ONLY, &error);
    g_autoptr(LkCase) b = lk_case_open (case_b, LK_CASE_OPEN_READ_ONLY, &error);
    g_autoptr(LkCaseFace) original = lk_case_get_face (a, face_id, &error);
    g_autoptr(LkCaseFace) proposed = NULL;
    LkProposal *p;

    proposals = lk_case_list_proposals (b, NULL, &error);
    g_assert_cmpuint (proposals->len, ==, 1);
    p = g_ptr_array_index (proposals, 0);
    g_assert_cmpstr (p->name, ==, "Petro Example");
    g_assert_cmpstr (p->source, ==, "scene.jpg.xmp");
    g_assert_cmpstr (p->state, ==, "pending");
    g_assert_cmpint (p->face_id, !=, 0);
    proposed = lk_case_get_face (b, p->face_id, &error);
    g_assert_cmpint (proposed->x, ==, original->x);
    g_assert_cmpint (proposed->y, ==, original->y);
    g_assert_cmpint (proposed->status, ==, LK_FACE_STATUS_UNREVIEWED);
    g_assert_null (lk_case_find_person (b, "Petro Example", NULL));
  }
  itu_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/formats/heic", test_heic);
  g_test_add_func ("/import/formats/heic-two-images", test_heic_two_images);
  g_test_add_func ("/import/formats/tagged-photo-proposals", test_tagged_photo);
  g_test_add_func ("/import/formats/export-then-import", test_export_then_import);
  return g_test_run ();
}
