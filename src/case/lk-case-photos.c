#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lk-case-private.h"

char *lk_case_evidence_extension (const char *path);

#define PHOTO_COLUMNS \
  "p.id, p.role, p.sha256, p.evidence_name, p.original_name, p.original_path, p.size, p.width, " \
  "p.height, p.imported_at, a.name, p.exif_time, p.camera_make, p.camera_model, p.gps_latitude, " \
  "p.gps_longitude, p.gps_altitude, p.is_collage, p.analyzed_at, p.intended_person_id, " \
  "(SELECT count(*) FROM faces f WHERE f.photo_id = p.id AND f.not_a_face = 0), p.review_note "
#define PHOTO_FROM " FROM photos p JOIN analysts a ON a.id = p.analyst_id "

void
lk_photo_free (LkPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->sha256);
  g_free (photo->evidence_name);
  g_free (photo->original_name);
  g_free (photo->original_path);
  g_free (photo->imported_at);
  g_free (photo->analyst);
  g_free (photo->exif_time);
  g_free (photo->camera_make);
  g_free (photo->camera_model);
  g_free (photo->review_note);
  g_free (photo->video_name);
  g_free (photo);
}

static LkPhoto *
photo_from_row (LkStmt *stmt)
{
  LkPhoto *p = g_new0 (LkPhoto, 1);

  p->id = lk_stmt_get_int64 (stmt, 0);
  lk_photo_role_from_string (lk_stmt_peek_text (stmt, 1), &p->role);
  p->sha256 = lk_stmt_dup_text0 (stmt, 2);
  p->evidence_name = lk_stmt_dup_text0 (stmt, 3);
  p->original_name = lk_stmt_dup_text0 (stmt, 4);
  p->original_path = lk_stmt_dup_text0 (stmt, 5);
  p->size = lk_stmt_get_int64 (stmt, 6);
  p->width = lk_stmt_get_int64 (stmt, 7);
  p->height = lk_stmt_get_int64 (stmt, 8);
  p->imported_at = lk_stmt_dup_text0 (stmt, 9);
  p->analyst = lk_stmt_dup_text0 (stmt, 10);
  p->exif_time = lk_stmt_dup_text (stmt, 11);
  p->camera_make = lk_stmt_dup_text (stmt, 12);
  p->camera_model = lk_stmt_dup_text (stmt, 13);
  p->has_gps = !lk_stmt_is_null (stmt, 14);
  p->gps_latitude = lk_stmt_get_double (stmt, 14);
  p->gps_longitude = lk_stmt_get_double (stmt, 15);
  p->gps_altitude = lk_stmt_get_double (stmt, 16);
  p->is_collage = lk_stmt_get_int64 (stmt, 17) != 0;
  p->analyzed = !lk_stmt_is_null (stmt, 18);
  p->intended_person_id = lk_stmt_get_int64 (stmt, 19);
  p->n_faces = lk_stmt_get_int64 (stmt, 20);
  p->review_note = lk_stmt_dup_text (stmt, 21);
  p->time_ms = -1;
  return p;
}

/* The still's video and time code of each photo that is one.  A merge of
 * two id-ordered reads rather than a join in PHOTO_COLUMNS, so that a case
 * of a schema before videos (read-only, not migrated) lists the same way. */
static gboolean
fill_video (LkCase *self, GPtrArray *photos, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r = LK_SQLITE_DONE;
  guint i = 0;

  if (lk_case_get_schema_version (self) < 8 || photos->len == 0)
    return TRUE;
  stmt = lk_case_prepare (self, "SELECT s.photo_id, v.original_name, s.time_ms FROM video_stills s "
                                "JOIN videos v ON v.id = s.video_id ORDER BY s.photo_id", error);
  if (stmt == NULL)
    return FALSE;
  while (i < photos->len && (r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 photo_id = lk_stmt_get_int64 (stmt, 0);
      LkPhoto *p;

      while (i < photos->len && ((LkPhoto *) photos->pdata[i])->id < photo_id)
        i++;
      if (i == photos->len || (p = photos->pdata[i])->id != photo_id)
        continue;
      p->video_name = lk_stmt_dup_text0 (stmt, 1);
      p->time_ms = lk_stmt_get_int64 (stmt, 2);
    }
  lk_stmt_reset (stmt);
  return i == photos->len || r != LK_SQLITE_ERROR_STEP;
}

/* fill_video for one photo. */
static LkPhoto *
with_video (LkCase *self, LkPhoto *photo, GError **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_photo_free);

  if (photo == NULL)
    return NULL;
  g_ptr_array_add (one, photo);
  if (!fill_video (self, one, error))
    return NULL;
  return g_ptr_array_steal_index (one, 0);
}

/* Runs a photo query bound to one integer or text key; NULL without error when no row. */
static LkPhoto *
query_one (LkCase *self, const char *sql, gint64 id, const char *text, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);
  LkPhoto *photo = NULL;
  LkSqliteStep r;

  if (stmt == NULL)
    return NULL;
  if (text != NULL ? !lk_stmt_bind_text (stmt, 1, text, error) : !lk_stmt_bind_int64 (stmt, 1, id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    photo = photo_from_row (stmt);
  return photo;
}

LkPhoto *
lk_case_get_photo (LkCase *self, gint64 photo_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  LkPhoto *photo;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  photo = query_one (self, "SELECT " PHOTO_COLUMNS PHOTO_FROM "WHERE p.id = ?1", photo_id, NULL, &local);
  photo = with_video (self, photo, &local);
  if (photo == NULL && local == NULL)
    g_set_error (&local, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no photo %" PRId64 " in the case."), photo_id);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return photo;
}

LkPhoto *
lk_case_find_photo_by_sha256 (LkCase *self, const char *sha256, GError **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  lower = g_ascii_strdown (sha256, -1);
  return with_video (self, query_one (self, "SELECT " PHOTO_COLUMNS PHOTO_FROM "WHERE p.sha256 = ?1", 0,
                                     lower, error), error);
}

GPtrArray *
lk_case_list_photos (LkCase *self, int role, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_photo_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT " PHOTO_COLUMNS PHOTO_FROM "WHERE ?1 IS NULL OR p.role = ?1 ORDER BY p.id", error);
  if (stmt == NULL ||
      !lk_stmt_bind_text (stmt, 1, role < 0 ? NULL : lk_photo_role_to_string (role), error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_ptr_array_add (list, photo_from_row (stmt));
  if (r == LK_SQLITE_ERROR_STEP || !fill_video (self, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
insert_photo (LkCase *self, const LkPhotoNew *in, const LkPhoto *facts, const char *evidence_name, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  g_autofree char *base = g_path_get_basename (in->original_path);
  g_autoptr(LkStmt) stmt = NULL;

  stmt = lk_case_prepare (self,
    "INSERT INTO photos (role, sha256, evidence_name, original_name, original_path, size, width, height, "
    "imported_at, analyst_id, exif_time, camera_make, camera_model, gps_latitude, gps_longitude, gps_altitude, "
    "intended_person_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)", error);
  if (stmt == NULL)
    return FALSE;
  return lk_stmt_bind_text (stmt, 1, lk_photo_role_to_string (in->role), error) &&
         lk_stmt_bind_text (stmt, 2, facts->sha256, error) &&
         lk_stmt_bind_text (stmt, 3, evidence_name, error) &&
         lk_stmt_bind_text (stmt, 4, base, error) &&
         lk_stmt_bind_text (stmt, 5, in->original_path, error) &&
         lk_stmt_bind_int64 (stmt, 6, facts->size, error) &&
         lk_stmt_bind_int64 (stmt, 7, MAX (in->width, 0), error) &&
         lk_stmt_bind_int64 (stmt, 8, MAX (in->height, 0), error) &&
         lk_stmt_bind_text (stmt, 9, now, error) &&
         lk_stmt_bind_int64 (stmt, 10, lk_case_get_analyst_id (self), error) &&
         lk_stmt_bind_text (stmt, 11, facts->exif_time, error) &&
         lk_stmt_bind_text (stmt, 12, facts->camera_make, error) &&
         lk_stmt_bind_text (stmt, 13, facts->camera_model, error) &&
         (facts->has_gps ? lk_stmt_bind_double (stmt, 14, facts->gps_latitude, error) &&
                           lk_stmt_bind_double (stmt, 15, facts->gps_longitude, error) &&
                           lk_stmt_bind_double (stmt, 16, facts->gps_altitude, error) : TRUE) &&
         lk_stmt_bind_id (stmt, 17, in->intended_person_id, error) &&
         lk_stmt_exec (stmt, error);
}

/* Size and EXIF from the stored evidence file (the bytes we vouch for). */
static gboolean
read_facts (LkCase *self, const char *evidence_name, LkPhoto *facts, GError **error)
{
  g_autofree char *path = g_build_filename (lk_case_get_evidence_dir (self), evidence_name, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                   _("The evidence file %s is not in the case; store it with lk_case_store_evidence() first."), path);
      return FALSE;
    }
  facts->size = st.st_size;
  lk_case_exif_read (path, facts);
  return TRUE;
}

gint64
lk_case_add_photo (LkCase *self, const char *analyst, const LkPhotoNew *photo, gboolean *out_existed, GError **error)
{
  g_autoptr(LkPhoto) existing = NULL;
  g_autoptr(LkPhoto) facts = g_new0 (LkPhoto, 1);
  g_autofree char *ext = NULL;
  g_autofree char *evidence_name = NULL;
  GError *local = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && photo != NULL && photo->sha256 != NULL && photo->original_path != NULL, 0);

  if (out_existed != NULL)
    *out_existed = FALSE;
  facts->sha256 = g_ascii_strdown (photo->sha256, -1);
  if (strlen (facts->sha256) != 64 || (photo->role != LK_PHOTO_ROLE_PROBE && photo->role != LK_PHOTO_ROLE_REFERENCE))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A photo needs a SHA-256 and a role (probe or reference)."));
      return 0;
    }
  ext = lk_case_evidence_extension (photo->original_path);
  evidence_name = g_strconcat (facts->sha256, ext, NULL);
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  existing = lk_case_find_photo_by_sha256 (self, facts->sha256, &local);
  if (local != NULL)
    goto fail;
  if (existing != NULL)
    {
      lk_case_write_rollback (self);
      if (out_existed != NULL)
        *out_existed = TRUE;
      return existing->id;
    }
  if (!read_facts (self, evidence_name, facts, &local) || !insert_photo (self, photo, facts, evidence_name, &local))
    goto fail;
  id = lk_sqlite_last_insert_rowid (lk_case_get_db (self));
  if (!lk_case_audit_row (self, analyst, "photo.add", "photo", id, NULL, &local) ||
      !lk_case_write_commit (self, &local))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  g_propagate_error (error, local);
  return 0;
}

/* Updates one column of a photo and audits old and new rows. */
static gboolean
update_photo (LkCase *self, const char *analyst, const char *action, gint64 photo_id, const char *sql,
              gint64 v1, gint64 v2, const char *text, GError **error)
{
  JsonNode *old = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  old = lk_case_snapshot_row (self, "photo", photo_id, error);
  if (old == NULL)
    goto fail;
  stmt = lk_case_prepare (self, sql, error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, photo_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, v1, error) ||
      (lk_stmt_parameter_count (stmt) >= 3 && !lk_stmt_bind_int64 (stmt, 3, v2, error)) ||
      (lk_stmt_parameter_count (stmt) >= 4 && !lk_stmt_bind_text (stmt, 4, text, error)) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  if (!lk_case_audit_row (self, analyst, action, "photo", photo_id, g_steal_pointer (&old), error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&old, json_node_unref);
  lk_case_write_rollback (self);
  return FALSE;
}

gboolean
lk_case_set_photo_collage (LkCase *self, const char *analyst, gint64 photo_id, gboolean is_collage, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  return update_photo (self, analyst, "photo.collage", photo_id,
                       "UPDATE photos SET is_collage = ?2 WHERE id = ?1",
                       is_collage ? 1 : 0, 0, NULL, error);
}

gboolean
lk_case_set_photo_analyzed (LkCase *self, const char *analyst, gint64 photo_id, int width, int height, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  return update_photo (self, analyst, "photo.analyzed", photo_id,
                       "UPDATE photos SET width = CASE WHEN ?2 > 0 THEN ?2 ELSE width END, "
                       "height = CASE WHEN ?3 > 0 THEN ?3 ELSE height END, analyzed_at = ?4 WHERE id = ?1",
                       width, height, now, error);
}

gboolean
lk_case_set_photo_review_note (LkCase *self, const char *analyst, gint64 photo_id, const char *note, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_check_text (LK_CASE_FIELD_REVIEW_NOTE, note, error))
    return FALSE;
  return update_photo (self, analyst, "photo.review_note", photo_id,
                       "UPDATE photos SET review_note = ?4 WHERE id = ?1",
                       0, 0, lk_case_is_blank (note) ? NULL : note, error);
}

/* A face on record as a probe (a current decision) stays a probe, and a face
 * linked to a person stays a reference: the role of its photo cannot change
 * under it.  Returns the reason, or NULL when the change is allowed. */
static const char *
role_change_refused (LkCase *self, gint64 photo_id, LkPhotoRole role, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "SELECT (SELECT count(*) FROM photos WHERE id = ?1), "
    "(SELECT count(*) FROM decisions d JOIN faces f ON f.id = d.face_id WHERE f.photo_id = ?1 "
    " AND d.outcome <> 'withdrawn' AND d.superseded_by IS NULL), "
    "(SELECT count(*) FROM reference_faces r JOIN faces f ON f.id = r.face_id WHERE f.photo_id = ?1 "
    " AND r.removed = 0)", error);
  const char *why = NULL;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, photo_id, error) ||
      lk_stmt_step (stmt, error) != LK_SQLITE_ROW)
    return "";
  if (lk_stmt_get_int64 (stmt, 0) == 0)
    why = _("there is no such photo");
  else if (role == LK_PHOTO_ROLE_REFERENCE && lk_stmt_get_int64 (stmt, 1) > 0)
    why = _("a face on it has a decision as a probe");
  else if (role == LK_PHOTO_ROLE_PROBE && lk_stmt_get_int64 (stmt, 2) > 0)
    why = _("a face on it is a reference of a person");
  return why;
}

gboolean
lk_case_set_photo_role (LkCase *self, const char *analyst, gint64 photo_id, LkPhotoRole role, GError **error)
{
  const char *why;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  g_return_val_if_fail (role == LK_PHOTO_ROLE_PROBE || role == LK_PHOTO_ROLE_REFERENCE, FALSE);

  why = role_change_refused (self, photo_id, role, error);
  if (why != NULL && why[0] == '\0')
    return FALSE;
  if (why != NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Photo %" PRId64 " cannot become a %s photo: %s."), photo_id,
                   lk_photo_role_to_string (role), why);
      return FALSE;
    }
  return update_photo (self, analyst, "photo.role", photo_id, "UPDATE photos SET role = ?4 WHERE id = ?1",
                       0, 0, lk_photo_role_to_string (role), error);
}

/* ---- Import errors ------------------------------------------------------------ */

gint64
lk_case_record_import_error (LkCase *self, const char *analyst, const char *path, const char *reason, GError **error)
{
  LkSqlite *db;
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && path != NULL && reason != NULL, 0);
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  db = lk_case_get_db (self);
  stmt = lk_case_prepare (self, "INSERT INTO import_errors (path, reason, time, analyst_id) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL ||
      !lk_stmt_bind_text (stmt, 1, path, error) ||
      !lk_stmt_bind_text (stmt, 2, reason, error) ||
      !lk_stmt_bind_text (stmt, 3, now, error) ||
      !lk_stmt_bind_int64 (stmt, 4, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (db);
  if (!lk_case_audit_row (self, analyst, "import.error", "import_error", id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

void
lk_import_error_free (LkImportError *e)
{
  if (e == NULL)
    return;
  g_free (e->path);
  g_free (e->reason);
  g_free (e->time);
  g_free (e->analyst);
  g_free (e);
}

GPtrArray *
lk_case_list_import_errors (LkCase *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_import_error_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT e.id, e.path, e.reason, e.time, a.name FROM import_errors e "
                                "JOIN analysts a ON a.id = e.analyst_id ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkImportError *e = g_new0 (LkImportError, 1);

      e->id = lk_stmt_get_int64 (stmt, 0);
      e->path = lk_stmt_dup_text0 (stmt, 1);
      e->reason = lk_stmt_dup_text0 (stmt, 2);
      e->time = lk_stmt_dup_text0 (stmt, 3);
      e->analyst = lk_stmt_dup_text0 (stmt, 4);
      g_ptr_array_add (list, e);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&list);
}
