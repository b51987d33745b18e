#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include "lk-case-private.h"

/* Faces, their chips and descriptors.  Descriptors and landmarks are stored
 * as little-endian float32 blobs (every platform we build for is LE). */

G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);

#define DESCRIPTOR_BYTES (LK_CASE_DESCRIPTOR_DIM * sizeof (float))
#define LANDMARK_BYTES (LK_CASE_LANDMARK_COUNT * 2 * sizeof (float))

static const char *
chip_mime (GBytes *chip)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (chip, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  return NULL;
}

static gboolean
floats_finite (const float *v, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_face (const LkFaceNew *face, GError **error)
{
  const char *why = NULL;

  if (face->width <= 0 || face->height <= 0 || face->x < -face->width || face->y < -face->height)
    why = _("the face box is empty or outside the photo");
  else if (face->origin != LK_FACE_ORIGIN_DETECTED && face->origin != LK_FACE_ORIGIN_MANUAL)
    why = _("the face origin is neither detected nor manual");
  else if (face->descriptor != NULL && (lk_case_is_blank (face->model_id) ||
                                        !floats_finite (face->descriptor, LK_CASE_DESCRIPTOR_DIM)))
    why = _("a descriptor needs its model id and finite values");
  else if (face->landmarks != NULL && !floats_finite (face->landmarks, LK_CASE_LANDMARK_COUNT * 2))
    why = _("the landmarks are not finite numbers");
  else if (face->chip != NULL && chip_mime (face->chip) == NULL)
    why = _("the chip is neither PNG nor JPEG");
  else if (face->quality_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, face->quality_json, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        why = _("the quality is not a JSON object");
    }
  if (why == NULL)
    return TRUE;
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("Cannot add the face: %s."), why);
  return FALSE;
}

#define INSERT_FACE_COLUMNS \
  "INSERT INTO faces (photo_id, model_id, descriptor, x, y, width, height, origin, detector_score, quality, " \
  "landmarks, created_at, analyst_id"
#define INSERT_FACE_VALUES "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13"

/* The flags are derived from the record by SQL, with the very rule the
 * migration backfilled old rows with, so the two can never disagree. */
static const char *
insert_face_sql (LkCase *self)
{
  if (lk_case_get_schema_version (self) < LK_CASE_SCHEMA_QUALITY_FLAGS)
    return INSERT_FACE_COLUMNS ") " INSERT_FACE_VALUES ")";
  return INSERT_FACE_COLUMNS ", quality_flags) " INSERT_FACE_VALUES ", "
         LK_CASE_QUALITY_FLAGS_SQL ("?10") ")";
}

static gboolean
insert_face (LkCase *self, gint64 photo_id, const LkFaceNew *face, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = NULL;

  stmt = lk_case_prepare (self, insert_face_sql (self), error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, photo_id, error) &&
         lk_stmt_bind_text (stmt, 2, face->descriptor ? face->model_id : NULL, error) &&
         lk_stmt_bind_blob (stmt, 3, face->descriptor, DESCRIPTOR_BYTES, error) &&
         lk_stmt_bind_int64 (stmt, 4, face->x, error) &&
         lk_stmt_bind_int64 (stmt, 5, face->y, error) &&
         lk_stmt_bind_int64 (stmt, 6, face->width, error) &&
         lk_stmt_bind_int64 (stmt, 7, face->height, error) &&
         lk_stmt_bind_text (stmt, 8, lk_face_origin_to_string (face->origin), error) &&
         lk_stmt_bind_double (stmt, 9, isfinite (face->detector_score) ? face->detector_score : 0, error) &&
         lk_stmt_bind_text (stmt, 10, face->quality_json ? face->quality_json : "{}", error) &&
         lk_stmt_bind_blob (stmt, 11, face->landmarks, LANDMARK_BYTES, error) &&
         lk_stmt_bind_text (stmt, 12, now, error) &&
         lk_stmt_bind_int64 (stmt, 13, lk_case_get_analyst_id (self), error) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
insert_chip (LkCase *self, gint64 face_id, GBytes *chip, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (chip, &size);

  stmt = lk_case_prepare (self, "INSERT INTO face_chips (face_id, mime, data) VALUES (?1, ?2, ?3)", error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, face_id, error) &&
         lk_stmt_bind_text (stmt, 2, chip_mime (chip), error) &&
         lk_stmt_bind_blob (stmt, 3, data, size, error) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
photo_exists (LkCase *self, gint64 photo_id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT 1 FROM photos WHERE id = ?1", error);
  gboolean found = FALSE;
  gint64 one;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, photo_id, error) ||
      !lk_stmt_one_int64 (stmt, &one, &found, error))
    return FALSE;
  if (!found)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no photo %" PRId64 " in the case."), photo_id);
  return found;
}

gint64
lk_case_add_face (LkCase *self, const char *analyst, gint64 photo_id, const LkFaceNew *face, GError **error)
{
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && face != NULL, 0);

  if (!validate_face (face, error) || !lk_case_write_begin (self, analyst, error))
    return 0;
  if (!photo_exists (self, photo_id, error) || !insert_face (self, photo_id, face, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (lk_case_get_db (self));
  if ((face->chip != NULL && !insert_chip (self, id, face->chip, error)) ||
      !lk_case_audit_row (self, analyst, "face.add", "face", id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

gboolean
lk_case_set_face_not_a_face (LkCase *self, const char *analyst, gint64 face_id, gboolean not_a_face,
                             const char *reason, GError **error)
{
  JsonNode *old = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_check_text (LK_CASE_FIELD_REASON, reason, error))
    return FALSE;
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  old = lk_case_snapshot_row (self, "face", face_id, error);
  if (old == NULL)
    goto fail;
  stmt = lk_case_prepare (self, "UPDATE faces SET not_a_face = ?2, not_a_face_reason = ?3 WHERE id = ?1", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, not_a_face ? 1 : 0, error) ||
      !lk_stmt_bind_text (stmt, 3, not_a_face && !lk_case_is_blank (reason) ? reason : NULL, error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  if (!lk_case_audit_row (self, analyst, not_a_face ? "face.not_a_face" : "face.restore", "face", face_id,
                          g_steal_pointer (&old), error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&old, json_node_unref);
  lk_case_write_rollback (self);
  return FALSE;
}

/* ---- Reading ------------------------------------------------------------------ */

/* FLAGS: the quality_flags column, or 0 in a case older than schema 7 (a
 * test fixture: the store reads such a case only before upgrading it). */
#define FACE_SELECT_WITH(FLAGS) \
  "SELECT f.id, f.photo_id, p.role, p.original_name, f.x, f.y, f.width, f.height, f.origin, f.not_a_face, " \
  "f.quality, f.model_id, f.descriptor IS NOT NULL, f.landmarks, f.detector_score, f.created_at, a.name, " \
  "(SELECT d.person_id FROM decisions d WHERE d.face_id = f.id AND d.superseded_by IS NULL " \
  "  AND d.outcome = 'identified' ORDER BY d.id DESC LIMIT 1), " \
  "(SELECT group_concat(d.outcome, ',') FROM decisions d WHERE d.face_id = f.id AND d.superseded_by IS NULL " \
  "  AND d.outcome <> 'withdrawn'), " \
  "(SELECT r.person_id FROM reference_faces r WHERE r.face_id = f.id AND r.removed = 0 ORDER BY r.id DESC LIMIT 1), " \
  FLAGS " FROM faces f JOIN photos p ON p.id = f.photo_id JOIN analysts a ON a.id = f.analyst_id "

static const char *
face_select (LkCase *self, gboolean one)
{
  if (lk_case_get_schema_version (self) < LK_CASE_SCHEMA_QUALITY_FLAGS)
    return one ? FACE_SELECT_WITH ("0") "WHERE f.id = ?1"
               : FACE_SELECT_WITH ("0") "WHERE (?1 IS NULL OR p.role = ?1) AND (?2 = 0 OR f.photo_id = ?2) "
                                        "ORDER BY f.id";
  return one ? FACE_SELECT_WITH ("f.quality_flags") "WHERE f.id = ?1"
             : FACE_SELECT_WITH ("f.quality_flags") "WHERE (?1 IS NULL OR p.role = ?1) AND "
                                                    "(?2 = 0 OR f.photo_id = ?2) ORDER BY f.id";
}

void
lk_case_face_free (LkCaseFace *face)
{
  if (face == NULL)
    return;
  g_free (face->file);
  g_free (face->person_name);
  g_free (face->quality_json);
  g_free (face->model_id);
  g_free (face->created_at);
  g_free (face->created_by);
  g_free (face);
}

static LkFaceStatus
derive_status (gboolean not_a_face, gint64 identified, const char *outcomes, gint64 reference)
{
  if (not_a_face)
    return LK_FACE_STATUS_NOT_A_FACE;
  if (identified > 0)
    return LK_FACE_STATUS_IDENTIFIED;
  if (reference > 0)
    return LK_FACE_STATUS_REFERENCE;
  if (outcomes == NULL)
    return LK_FACE_STATUS_UNREVIEWED;
  if (strstr (outcomes, "insufficient-quality") != NULL)
    return LK_FACE_STATUS_INSUFFICIENT_QUALITY;
  if (strstr (outcomes, "inconclusive") != NULL)
    return LK_FACE_STATUS_INCONCLUSIVE;
  return LK_FACE_STATUS_EXCLUDED;
}

static LkCaseFace *
face_from_row (LkStmt *stmt)
{
  LkCaseFace *f = g_new0 (LkCaseFace, 1);
  gsize size = 0;
  gconstpointer landmarks = lk_stmt_peek_blob (stmt, 13, &size);
  gint64 identified = lk_stmt_get_int64 (stmt, 17);
  gint64 reference = lk_stmt_get_int64 (stmt, 19);

  f->id = lk_stmt_get_int64 (stmt, 0);
  f->photo_id = lk_stmt_get_int64 (stmt, 1);
  lk_photo_role_from_string (lk_stmt_peek_text (stmt, 2), &f->role);
  f->file = lk_stmt_dup_text0 (stmt, 3);
  f->x = lk_stmt_get_int64 (stmt, 4);
  f->y = lk_stmt_get_int64 (stmt, 5);
  f->width = lk_stmt_get_int64 (stmt, 6);
  f->height = lk_stmt_get_int64 (stmt, 7);
  f->origin = g_strcmp0 (lk_stmt_peek_text (stmt, 8), "manual") == 0 ? LK_FACE_ORIGIN_MANUAL : LK_FACE_ORIGIN_DETECTED;
  f->not_a_face = lk_stmt_get_int64 (stmt, 9) != 0;
  f->quality_json = lk_stmt_dup_text0 (stmt, 10);
  f->model_id = lk_stmt_dup_text (stmt, 11);
  f->has_descriptor = lk_stmt_get_int64 (stmt, 12) != 0;
  f->has_landmarks = landmarks != NULL && size == LANDMARK_BYTES;
  if (f->has_landmarks)
    memcpy (f->landmarks, landmarks, LANDMARK_BYTES);
  f->detector_score = lk_stmt_get_double (stmt, 14);
  f->created_at = lk_stmt_dup_text0 (stmt, 15);
  f->created_by = lk_stmt_dup_text0 (stmt, 16);
  f->status = derive_status (f->not_a_face, identified, lk_stmt_peek_text (stmt, 18), reference);
  f->person_id = identified > 0 ? identified : reference;
  f->quality_flags = (guint) lk_stmt_get_int64 (stmt, 20);
  return f;
}

static gboolean
face_matches (const LkCaseFace *face, const LkFaceFilter *filter)
{
  if (filter == NULL)
    return TRUE;
  if (filter->status >= 0 && (int) face->status != filter->status)
    return FALSE;
  if (filter->person_id > 0 && face->person_id != filter->person_id)
    return FALSE;
  return TRUE;
}

/* The display name of a person, from @names or looked up once and kept there. */
static const char *
cached_person_name (LkCase *self, GHashTable *names, gint64 person_id)
{
  const char *name = g_hash_table_lookup (names, &person_id);

  if (name == NULL)
    {
      g_autoptr(LkPerson) person = lk_case_get_person (self, person_id, NULL);

      name = person ? person->display_name : "";
      g_hash_table_insert (names, g_memdup2 (&person_id, sizeof (gint64)), g_strdup (name));
      name = g_hash_table_lookup (names, &person_id);
    }
  return name;
}

/* Person names for the faces' person ids (one query per person, cached). */
static void
fill_person_names (LkCase *self, GPtrArray *faces)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *face = faces->pdata[i];

      if (face->person_id > 0)
        face->person_name = g_strdup (cached_person_name (self, names, face->person_id));
    }
}

GPtrArray *
lk_case_list_faces (LkCase *self, const LkFaceFilter *filter, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_case_face_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, face_select (self, FALSE), error);
  if (stmt == NULL)
    return NULL;
  if (!lk_stmt_bind_text (stmt, 1, filter && filter->role >= 0 ? lk_photo_role_to_string (filter->role) : NULL, error) ||
      !lk_stmt_bind_int64 (stmt, 2, filter ? filter->photo_id : 0, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkCaseFace *face = face_from_row (stmt);

      if (face_matches (face, filter))
        g_ptr_array_add (list, face);
      else
        lk_case_face_free (face);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  fill_person_names (self, list);
  return g_steal_pointer (&list);
}

/* Only what a grid of every face needs: no landmarks, descriptor, chip,
 * audit columns or box, so 100,000 faces are read in a fraction of the time.
 * Decisions and reference links come from two ordered scans of their own,
 * merged by face id, instead of three correlated subqueries per face: the
 * subqueries (a cursor and a sort each, per face) cost more than the scan
 * of the faces itself. */
#define BRIEF_FACES_SELECT_WITH(FLAGS, VIDEO, VIDEO_JOIN) \
  "SELECT f.id, f.photo_id, p.role, p.original_name, f.not_a_face, " FLAGS ", " VIDEO " " \
  "FROM faces f JOIN photos p ON p.id = f.photo_id " VIDEO_JOIN " ORDER BY f.id"
/* Stills and their videos (schema 8): one lookup by the unique photo_id
 * of video_stills per face, next to nothing beside the scan of the faces. */
#define BRIEF_VIDEO_COLUMNS "v.original_name, s.time_ms"
#define BRIEF_VIDEO_JOIN \
  "LEFT JOIN video_stills s ON s.photo_id = f.photo_id LEFT JOIN videos v ON v.id = s.video_id"
#define BRIEF_SCHEMA_VIDEO 8
/* The matcher ranks by distance, so rank 1 is the nearest (when its
 * reference was usable: distance >= 0).  Only rank 1 is read — in the
 * order of the candidates_face index, so no sort: with five candidates for
 * each of 100,000 faces, reading them all would cost four times as long. */
#define BRIEF_NEAREST_SELECT \
  "SELECT face_id, person_id, distance FROM candidates WHERE rank = 1 AND distance >= 0 ORDER BY face_id"
#define BRIEF_DECISIONS_SELECT \
  "SELECT face_id, outcome, person_id FROM decisions " \
  "WHERE superseded_by IS NULL AND outcome <> 'withdrawn' ORDER BY face_id, id"
#define BRIEF_REFERENCES_SELECT \
  "SELECT face_id, person_id FROM reference_faces WHERE removed = 0 ORDER BY face_id, id"

/* A statement read in face id order alongside the faces. */
typedef struct {
  LkStmt *stmt;
  LkSqliteStep  r;
} BriefCursor;

static gboolean
brief_cursor_start (LkCase *self, BriefCursor *c, const char *sql, GError **error)
{
  c->stmt = lk_case_prepare (self, sql, error);
  if (c->stmt == NULL)
    return FALSE;
  c->r = lk_stmt_step (c->stmt, error);
  return c->r != LK_SQLITE_ERROR_STEP;
}

/* Moves @c past the rows of faces before @face_id; TRUE while it is on a
 * row of @face_id itself. */
static gboolean
brief_cursor_at (LkCase *self, BriefCursor *c, gint64 face_id, GError **error)
{
  while (c->r == LK_SQLITE_ROW && lk_stmt_get_int64 (c->stmt, 0) < face_id)
    c->r = lk_stmt_step (c->stmt, error);
  return c->r == LK_SQLITE_ROW && lk_stmt_get_int64 (c->stmt, 0) == face_id;
}

static void
brief_cursor_next (LkCase *self, BriefCursor *c, GError **error)
{
  c->r = lk_stmt_step (c->stmt, error);
}

/* What the current decisions and links of one face say, as derive_status
 * wants it: the newest identification and reference link win, and of the
 * other outcomes only which kinds there are matters. */
static void
brief_review (LkCase *self, BriefCursor *decisions, BriefCursor *references, gint64 face_id,
              gint64 *identified, const char **outcomes, gint64 *reference, GError **error)
{
  gboolean insufficient = FALSE, inconclusive = FALSE, any = FALSE;

  *identified = *reference = 0;
  for (; brief_cursor_at (self, decisions, face_id, error); brief_cursor_next (self, decisions, error))
    {
      const char *outcome = lk_stmt_peek_text (decisions->stmt, 1);

      any = TRUE;
      if (g_strcmp0 (outcome, "identified") == 0)
        *identified = lk_stmt_get_int64 (decisions->stmt, 2);
      insufficient |= g_strcmp0 (outcome, "insufficient-quality") == 0;
      inconclusive |= g_strcmp0 (outcome, "inconclusive") == 0;
    }
  *outcomes = !any ? NULL : insufficient ? "insufficient-quality" : inconclusive ? "inconclusive" : "excluded";
  if (*error != NULL)
    return;
  for (; brief_cursor_at (self, references, face_id, error); brief_cursor_next (self, references, error))
    *reference = lk_stmt_get_int64 (references->stmt, 1);
}

/* The face's rank-1 candidate (the smallest distance should a list ever
 * hold two rows of rank 1). */
static void
brief_nearest (LkCase *self, GHashTable *names, BriefCursor *nearest, LkCaseFaceBrief *f,
               GError **error)
{
  gint64 person = 0;

  f->nearest_distance = -1;
  f->nearest_name = NULL;
  for (; brief_cursor_at (self, nearest, f->id, error); brief_cursor_next (self, nearest, error))
    {
      double d = lk_stmt_get_double (nearest->stmt, 2);

      if (person == 0 || d < f->nearest_distance)
        {
          person = lk_stmt_get_int64 (nearest->stmt, 1);
          f->nearest_distance = d;
        }
    }
  if (person > 0)
    f->nearest_name = cached_person_name (self, names, person);
}

/* Fills @f from the faces row; its strings point into the row and the name cache. */
static void
brief_from_row (LkCase *self, GHashTable *names, LkStmt *stmt, LkCaseFaceBrief *f,
                gint64 identified, const char *outcomes, gint64 reference)
{
  f->id = lk_stmt_get_int64 (stmt, 0);
  f->photo_id = lk_stmt_get_int64 (stmt, 1);
  lk_photo_role_from_string (lk_stmt_peek_text (stmt, 2), &f->role);
  f->file = lk_stmt_peek_text (stmt, 3);
  f->quality_flags = (guint) lk_stmt_get_int64 (stmt, 5);
  f->status = derive_status (lk_stmt_get_int64 (stmt, 4) != 0, identified, outcomes, reference);
  f->person_id = identified > 0 ? identified : reference;
  f->person_name = f->person_id > 0 ? cached_person_name (self, names, f->person_id) : NULL;
  f->video_name = lk_stmt_peek_text (stmt, 6);
  f->time_ms = lk_stmt_is_null (stmt, 7) ? -1 : lk_stmt_get_int64 (stmt, 7);
}

static const char *
brief_faces_select (LkCase *self)
{
  int version = lk_case_get_schema_version (self);

  if (version < LK_CASE_SCHEMA_QUALITY_FLAGS)
    return BRIEF_FACES_SELECT_WITH ("0", "NULL, NULL", "");
  if (version < BRIEF_SCHEMA_VIDEO)
    return BRIEF_FACES_SELECT_WITH ("f.quality_flags", "NULL, NULL", "");
  return BRIEF_FACES_SELECT_WITH ("f.quality_flags", BRIEF_VIDEO_COLUMNS, BRIEF_VIDEO_JOIN);
}

gboolean
lk_case_foreach_face_brief (LkCase *self, LkCaseFaceBriefFunc func, gpointer user_data, GError **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  BriefCursor faces = { 0 }, decisions = { 0 }, references = { 0 }, nearest = { 0 };
  GError *local_error = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* The four reads share one snapshot: the later ones start while the
   * first is still open. */
  if (brief_cursor_start (self, &faces, brief_faces_select (self), &local_error) &&
      brief_cursor_start (self, &decisions, BRIEF_DECISIONS_SELECT, &local_error) &&
      brief_cursor_start (self, &references, BRIEF_REFERENCES_SELECT, &local_error) &&
      brief_cursor_start (self, &nearest, BRIEF_NEAREST_SELECT, &local_error))
    for (; faces.r == LK_SQLITE_ROW && local_error == NULL; brief_cursor_next (self, &faces, &local_error))
      {
        LkCaseFaceBrief brief = { 0 };
        gint64 face_id = lk_stmt_get_int64 (faces.stmt, 0), identified, reference;
        const char *outcomes;

        brief_review (self, &decisions, &references, face_id, &identified, &outcomes, &reference,
                      &local_error);
        if (local_error != NULL)
          break;
        brief_from_row (self, names, faces.stmt, &brief, identified, outcomes, reference);
        brief_nearest (self, names, &nearest, &brief, &local_error);
        if (local_error != NULL)
          break;
        func (&brief, user_data);
      }
  /* Statements are cached: none may stay in the middle of its rows. */
  {
    LkStmt *stmts[] = { faces.stmt, decisions.stmt, references.stmt, nearest.stmt };

    for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
      if (stmts[i] != NULL)
        lk_stmt_reset (stmts[i]);
  }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

LkCaseFace *
lk_case_get_face (LkCase *self, gint64 face_id, GError **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_case_face_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, face_select (self, TRUE), error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    g_ptr_array_add (one, face_from_row (stmt));
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no face %" PRId64 " in the case."), face_id);
  if (one->len == 0)
    return NULL;
  fill_person_names (self, one);
  return g_ptr_array_steal_index (one, 0);
}

gboolean
lk_case_get_face_descriptor (LkCase *self, gint64 face_id, float out[LK_CASE_DESCRIPTOR_DIM], GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  gboolean found = FALSE;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  stmt = lk_case_prepare (self, "SELECT descriptor FROM faces WHERE id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error))
    return FALSE;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  if (r == LK_SQLITE_ROW)
    {
      gsize size = 0;
      gconstpointer data = lk_stmt_peek_blob (stmt, 0, &size);

      found = data != NULL && size == DESCRIPTOR_BYTES;
      if (found)
        memcpy (out, data, DESCRIPTOR_BYTES);
    }
  lk_stmt_reset (stmt);
  if (!found)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("Face %" PRId64 " has no descriptor."), face_id);
  return found;
}

GBytes *
lk_case_get_face_chip (LkCase *self, gint64 face_id, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  GBytes *bytes = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT data FROM face_chips WHERE face_id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  if (r == LK_SQLITE_ROW)
    {
      gsize size = 0;
      gconstpointer data = lk_stmt_peek_blob (stmt, 0, &size);

      bytes = g_bytes_new (data, size);
    }
  lk_stmt_reset (stmt);
  if (bytes == NULL)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("Face %" PRId64 " has no chip."), face_id);
  return bytes;
}

/* ---- Descriptors for matching ---------------------------------------------- */

void
lk_descriptor_set_free (LkDescriptorSet *set)
{
  if (set == NULL)
    return;
  g_aligned_free (set->descriptors);
  g_free (set->face_ids);
  g_free (set->person_ids);
  g_free (set);
}

/* Loading 1,000,000 descriptors in well under 2 s: no per-row index lookups.
 * Both statements walk in face id order (the table itself, and the covering
 * index of active links), so they are merged in C like a sorted merge join. */
#define PROBE_SQL \
  "SELECT f.id, 0, f.descriptor FROM faces f JOIN photos p ON p.id = f.photo_id " \
  "WHERE p.role = 'probe' AND f.not_a_face = 0 AND f.descriptor IS NOT NULL " \
  "AND (?1 IS NULL OR f.model_id = ?1)"
#define FACES_SQL \
  "SELECT id, descriptor FROM faces WHERE not_a_face = 0 AND descriptor IS NOT NULL " \
  "AND (?1 IS NULL OR model_id = ?1) ORDER BY id"
#define LINKS_SQL \
  "SELECT r.face_id, r.person_id FROM reference_faces r INDEXED BY reference_faces_active " \
  "WHERE r.removed = 0 AND r.person_id NOT IN (SELECT id FROM persons WHERE retired = 1) ORDER BY r.face_id"

/* Large sets sit on 2 MiB boundaries and ask for transparent huge pages:
 * 512 MB of descriptors then costs 256 page faults instead of 131,072. */
#define HUGE_PAGE (2 * 1024 * 1024)

static gboolean
set_reserve (LkDescriptorSet *set, gint64 bound)
{
  gsize bytes = MAX (bound, 1) * DESCRIPTOR_BYTES;

  set->descriptors = g_aligned_alloc (MAX (bound, 1), DESCRIPTOR_BYTES, bytes >= 4 * HUGE_PAGE ? HUGE_PAGE : 64);
#ifdef MADV_HUGEPAGE
  if (bytes >= 4 * HUGE_PAGE)
    madvise (set->descriptors, bytes - bytes % HUGE_PAGE, MADV_HUGEPAGE);
#endif
  set->face_ids = g_new (gint64, MAX (bound, 1));
  set->person_ids = g_new (gint64, MAX (bound, 1));
  return TRUE;
}

static void
set_append (LkDescriptorSet *set, gint64 face_id, gint64 person_id, gconstpointer descriptor)
{
  memcpy (set->descriptors + (gsize) set->n * LK_CASE_DESCRIPTOR_DIM, descriptor, DESCRIPTOR_BYTES);
  set->face_ids[set->n] = face_id;
  set->person_ids[set->n] = person_id;
  set->n++;
}

static gboolean
load_probes (LkCase *self, LkDescriptorSet *set, const char *model_id, GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  g_autoptr(LkStmt) stmt = NULL;
  gint64 bound = 0;
  LkSqliteStep r;

  if (!lk_sqlite_query_int64 (db, "SELECT count(*) FROM faces", &bound, error) || !set_reserve (set, bound))
    return FALSE;
  stmt = lk_case_prepare (self, PROBE_SQL, error);
  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, model_id, error))
    return FALSE;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW && set->n < bound)
    {
      gsize size = 0;
      gconstpointer data = lk_stmt_peek_blob (stmt, 2, &size);

      if (size == DESCRIPTOR_BYTES)
        set_append (set, lk_stmt_get_int64 (stmt, 0), 0, data);
    }
  return r != LK_SQLITE_ERROR_STEP;
}

/* Active links of persons not retired, sorted by face id (a face may have several). */
static GArray *
load_links (LkCase *self, GError **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, LINKS_SQL, error);
  LkSqliteStep r;

  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 pair[2] = { lk_stmt_get_int64 (stmt, 0), lk_stmt_get_int64 (stmt, 1) };
      g_array_append_val (links, pair);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&links);
}

static gboolean
load_references (LkCase *self, LkDescriptorSet *set, const char *model_id, GError **error)
{
  g_autoptr(GArray) links = load_links (self, error);
  g_autoptr(LkStmt) stmt = NULL;
  guint li = 0;
  LkSqliteStep r = LK_SQLITE_DONE;

  if (links == NULL || !set_reserve (set, links->len))
    return FALSE;
  stmt = lk_case_prepare (self, FACES_SQL, error);
  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, model_id, error))
    return FALSE;
  while (li < links->len && (r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 face_id = lk_stmt_get_int64 (stmt, 0);
      gsize size = 0;
      gconstpointer data;

      while (li < links->len && g_array_index (links, gint64, li * 2) < face_id)
        li++;
      if (li >= links->len || g_array_index (links, gint64, li * 2) != face_id)
        continue;
      data = lk_stmt_peek_blob (stmt, 1, &size);
      for (; li < links->len && g_array_index (links, gint64, li * 2) == face_id; li++)
        if (size == DESCRIPTOR_BYTES)
          set_append (set, face_id, g_array_index (links, gint64, li * 2 + 1), data);
    }
  return r != LK_SQLITE_ERROR_STEP;
}

LkDescriptorSet *
lk_case_load_descriptors (LkCase *self, LkDescriptorSelection which, const char *model_id, GError **error)
{
  g_autoptr(LkDescriptorSet) set = g_new0 (LkDescriptorSet, 1);

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (which == LK_DESCRIPTORS_REFERENCE || which == LK_DESCRIPTORS_PROBE, NULL);
  if (lk_case_get_db (self) == NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("The case is closed."));
      return NULL;
    }
  if (which == LK_DESCRIPTORS_PROBE ? !load_probes (self, set, model_id, error)
                                    : !load_references (self, set, model_id, error))
    return NULL;
  return g_steal_pointer (&set);
}
