/* lk-import-manual.c — a face the analyst boxes by hand.
 *
 * The detector missed the face, so the analyst draws its box; everything
 * else goes the way of an imported face: the evidence bytes (checked against
 * the photo's SHA-256) decoded by the same call, the engine's landmarks,
 * chip, descriptor and quality measured in the box, and the chip and quality
 * record encoded and stored by the same functions as import's
 * (lk-import-job.c).  Only the origin ("manual") and the detector score (0)
 * differ. */
#define G_LOG_DOMAIN "lk-import"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "lk-import-job.h"
#include "lk-import-walk.h"
#include "lk-importer.h"

/* The photo's evidence bytes, refused when they are no longer what was
 * imported: a face computed from other pixels would be vouched for by an
 * audit entry that names this photo. */
static GBytes *
read_evidence (LkCase *kase, gint64 photo_id, GCancellable *cancellable, GError **error)
{
  g_autoptr(LkPhoto) photo = lk_case_get_photo (kase, photo_id, error);
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (photo == NULL || (path = lk_case_get_evidence_path (kase, photo_id, error)) == NULL)
    return NULL;
  bytes = lk_import_read_file (path, LK_IMPORT_MAX_FILE_SIZE, &sha256, cancellable, error);
  if (bytes == NULL)
    return NULL;
  if (g_strcmp0 (sha256, photo->sha256) != 0)
    {
      g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_FAILED,
                   _("The evidence file of photo %" PRId64 " (%s) was changed outside Likeness: its "
                     "SHA-256 is %s, not %s as imported. Nothing was added; verify the case's evidence."),
                   photo_id, path, sha256, photo->sha256);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static LkFace *
analyse_box (LkFaceEngine *engine, GBytes *bytes, const LkBox *box, GCancellable *cancellable,
             GError **error)
{
  g_autoptr(LkImage) image = lk_image_load_bytes (bytes, 0, error);

  if (image == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return lk_face_engine_analyze_box (engine, image, box, error);
}

gint64
lk_importer_add_manual_face (LkCase        *kase,
                             LkFaceEngine  *engine,
                             gint64         photo_id,
                             const LkBox   *box,
                             const char    *analyst,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkFace) face = NULL;
  g_autoptr(GBytes) chip = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *where = NULL;
  LkFaceNew new_face;

  g_return_val_if_fail (LK_IS_CASE (kase), 0);
  g_return_val_if_fail (engine != NULL, 0);
  g_return_val_if_fail (box != NULL && analyst != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  bytes = read_evidence (kase, photo_id, cancellable, error);
  if (bytes == NULL || (face = analyse_box (engine, bytes, box, cancellable, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return 0;
  where = g_strdup_printf ("photo %" PRId64, photo_id);
  chip = lk_import_encode_chip (face, where, 0);
  quality = lk_import_quality_to_json (&face->quality);
  lk_import_face_new (face, LK_FACE_ORIGIN_MANUAL, lk_face_engine_get_model_id (engine), quality, chip,
                      &new_face);
  return lk_case_add_face (kase, analyst, photo_id, &new_face, error);
}
