#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-case-private.h"
#include "lk-case-video.h"

/* Videos and their stills (schema 008).  Rows are only ever added, each with
 * its audit entry, so verification rebuilds them like photos. */

char *lk_case_evidence_extension (const char *path);

#define VIDEO_COLUMNS \
  "v.id, v.sha256, v.evidence_name, v.original_name, v.original_path, v.size, v.width, v.height, " \
  "v.fps, v.duration_ms, v.decoded_ms, v.frame_interval_ms, v.faces_per_track, v.n_frames_sampled, " \
  "v.n_tracks, v.decode_error, v.imported_at, a.name "
#define VIDEO_FROM " FROM videos v JOIN analysts a ON a.id = v.analyst_id "
#define STILL_COLUMNS \
  "s.id, s.photo_id, s.video_id, s.time_ms, s.frame_index, v.original_name, v.sha256 "
#define STILL_FROM " FROM video_stills s JOIN videos v ON v.id = s.video_id "

void
lk_video_free (LkVideo *video)
{
  if (video == NULL)
    return;
  g_free (video->sha256);
  g_free (video->evidence_name);
  g_free (video->original_name);
  g_free (video->original_path);
  g_free (video->decode_error);
  g_free (video->imported_at);
  g_free (video->analyst);
  g_free (video);
}

void
lk_video_still_free (LkVideoStill *still)
{
  if (still == NULL)
    return;
  g_free (still->video_name);
  g_free (still->video_sha256);
  g_free (still);
}

char *
lk_format_time_code (gint64 time_ms)
{
  gint64 ms = MAX (time_ms, 0);
  gint64 h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;

  if (h > 0)
    return g_strdup_printf ("%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64, h, m, s, ms % 1000);
  return g_strdup_printf ("%02" PRId64 ":%02" PRId64 ".%03" PRId64, m, s, ms % 1000);
}

char *
lk_case_get_evidence_path_for (LkCase *self, const char *sha256, const char *original_path)
{
  g_autofree char *ext = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && original_path != NULL, NULL);
  ext = lk_case_evidence_extension (original_path);
  sha = g_ascii_strdown (sha256, -1);
  name = g_strconcat (sha, ext, NULL);
  return g_build_filename (lk_case_get_evidence_dir (self), name, NULL);
}

static LkVideo *
video_from_row (LkStmt *stmt)
{
  LkVideo *v = g_new0 (LkVideo, 1);

  v->id = lk_stmt_get_int64 (stmt, 0);
  v->sha256 = lk_stmt_dup_text0 (stmt, 1);
  v->evidence_name = lk_stmt_dup_text0 (stmt, 2);
  v->original_name = lk_stmt_dup_text0 (stmt, 3);
  v->original_path = lk_stmt_dup_text0 (stmt, 4);
  v->size = lk_stmt_get_int64 (stmt, 5);
  v->width = lk_stmt_get_int64 (stmt, 6);
  v->height = lk_stmt_get_int64 (stmt, 7);
  v->fps = lk_stmt_get_double (stmt, 8);
  v->duration_ms = lk_stmt_get_int64 (stmt, 9);
  v->decoded_ms = lk_stmt_get_int64 (stmt, 10);
  v->frame_interval_ms = lk_stmt_get_int64 (stmt, 11);
  v->faces_per_track = lk_stmt_get_int64 (stmt, 12);
  v->n_frames_sampled = lk_stmt_get_int64 (stmt, 13);
  v->n_tracks = lk_stmt_get_int64 (stmt, 14);
  v->decode_error = lk_stmt_dup_text (stmt, 15);
  v->imported_at = lk_stmt_dup_text0 (stmt, 16);
  v->analyst = lk_stmt_dup_text0 (stmt, 17);
  return v;
}

static LkVideoStill *
still_from_row (LkStmt *stmt)
{
  LkVideoStill *s = g_new0 (LkVideoStill, 1);

  s->id = lk_stmt_get_int64 (stmt, 0);
  s->photo_id = lk_stmt_get_int64 (stmt, 1);
  s->video_id = lk_stmt_get_int64 (stmt, 2);
  s->time_ms = lk_stmt_get_int64 (stmt, 3);
  s->frame_index = lk_stmt_get_int64 (stmt, 4);
  s->video_name = lk_stmt_dup_text0 (stmt, 5);
  s->video_sha256 = lk_stmt_dup_text0 (stmt, 6);
  return s;
}

typedef gpointer (*RowFunc) (LkStmt *stmt);

/* Runs a query bound to up to two integers (or a text first key) and
 * collects its rows; NULL on error. */
static GPtrArray *
query_rows (LkCase *self, const char *sql, const char *text, gint64 a, gint64 b, RowFunc row,
            GDestroyNotify free_func, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);
  int n;
  LkSqliteStep r;

  if (stmt == NULL)
    return NULL;
  n = lk_stmt_parameter_count (stmt);
  if ((n >= 1 && !(text != NULL ? lk_stmt_bind_text (stmt, 1, text, error)
                                : lk_stmt_bind_int64 (stmt, 1, a, error))) ||
      (n >= 2 && !lk_stmt_bind_int64 (stmt, 2, b, error)))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_ptr_array_add (list, row (stmt));
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&list);
}

static gpointer
first_of (GPtrArray *rows)
{
  return rows != NULL && rows->len > 0 ? g_ptr_array_steal_index (rows, 0) : NULL;
}

LkVideo *
lk_case_get_video (LkCase *self, gint64 video_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LkVideo *video;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  rows = query_rows (self, "SELECT " VIDEO_COLUMNS VIDEO_FROM "WHERE v.id = ?1", NULL, video_id, 0,
                     (RowFunc) video_from_row, (GDestroyNotify) lk_video_free, &local);
  video = first_of (rows);
  if (video == NULL && local == NULL)
    g_set_error (&local, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no video %" PRId64 " in the case."), video_id);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return video;
}

LkVideo *
lk_case_find_video_by_sha256 (LkCase *self, const char *sha256, GError **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  lower = g_ascii_strdown (sha256, -1);
  rows = query_rows (self, "SELECT " VIDEO_COLUMNS VIDEO_FROM "WHERE v.sha256 = ?1", lower, 0, 0,
                     (RowFunc) video_from_row, (GDestroyNotify) lk_video_free, error);
  return first_of (rows);
}

GPtrArray *
lk_case_list_videos (LkCase *self, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return query_rows (self, "SELECT " VIDEO_COLUMNS VIDEO_FROM "ORDER BY v.id", NULL, 0, 0,
                     (RowFunc) video_from_row, (GDestroyNotify) lk_video_free, error);
}

static gboolean
insert_video (LkCase *self, const LkVideoNew *in, const char *sha, const char *evidence_name,
              gint64 size, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  g_autofree char *base = g_path_get_basename (in->original_path);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "INSERT INTO videos (sha256, evidence_name, original_name, original_path, size, width, height, fps, "
    "duration_ms, decoded_ms, frame_interval_ms, faces_per_track, n_frames_sampled, n_tracks, decode_error, "
    "imported_at, analyst_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    error);

  return stmt != NULL &&
         lk_stmt_bind_text (stmt, 1, sha, error) &&
         lk_stmt_bind_text (stmt, 2, evidence_name, error) &&
         lk_stmt_bind_text (stmt, 3, base, error) &&
         lk_stmt_bind_text (stmt, 4, in->original_path, error) &&
         lk_stmt_bind_int64 (stmt, 5, size, error) &&
         lk_stmt_bind_int64 (stmt, 6, MAX (in->width, 0), error) &&
         lk_stmt_bind_int64 (stmt, 7, MAX (in->height, 0), error) &&
         lk_stmt_bind_double (stmt, 8, in->fps, error) &&
         lk_stmt_bind_int64 (stmt, 9, in->duration_ms, error) &&
         lk_stmt_bind_int64 (stmt, 10, in->decoded_ms, error) &&
         lk_stmt_bind_int64 (stmt, 11, in->frame_interval_ms, error) &&
         lk_stmt_bind_int64 (stmt, 12, in->faces_per_track, error) &&
         lk_stmt_bind_int64 (stmt, 13, in->n_frames_sampled, error) &&
         lk_stmt_bind_int64 (stmt, 14, in->n_tracks, error) &&
         lk_stmt_bind_text (stmt, 15, in->decode_error, error) &&
         lk_stmt_bind_text (stmt, 16, now, error) &&
         lk_stmt_bind_int64 (stmt, 17, lk_case_get_analyst_id (self), error) &&
         lk_stmt_exec (stmt, error);
}

/* Inserts with `insert`, audits the new row, commits; the new id or 0. */
static gint64
add_audited (LkCase *self, const char *analyst, const char *action, const char *type,
             gboolean (*insert) (LkCase *, gconstpointer, GError **), gconstpointer data,
             GError **error)
{
  gint64 id;

  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  if (!insert (self, data, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (lk_case_get_db (self));
  if (!lk_case_audit_row (self, analyst, action, type, id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

typedef struct {
  const LkVideoNew *in;
  const char       *sha;
} VideoInsert;

static gboolean
insert_video_checked (LkCase *self, gconstpointer data, GError **error)
{
  const VideoInsert *v = data;
  g_autofree char *ext = lk_case_evidence_extension (v->in->original_path);
  g_autofree char *name = g_strconcat (v->sha, ext, NULL);
  g_autofree char *path = g_build_filename (lk_case_get_evidence_dir (self), name, NULL);
  g_autoptr(LkVideo) existing = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  existing = lk_case_find_video_by_sha256 (self, v->sha, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("The video “%s” is already in the case as video %" PRId64 "."),
                   v->in->original_path, existing->id);
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                   _("The evidence file %s is not in the case; store it with lk_case_store_evidence() first."),
                   path);
      return FALSE;
    }
  return insert_video (self, v->in, v->sha, name, st.st_size, error);
}

gint64
lk_case_add_video (LkCase *self, const char *analyst, const LkVideoNew *video, GError **error)
{
  g_autofree char *sha = NULL;
  VideoInsert v;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && video != NULL && video->sha256 != NULL, 0);
  g_return_val_if_fail (video->original_path != NULL, 0);

  sha = g_ascii_strdown (video->sha256, -1);
  if (strlen (sha) != 64)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A video needs a SHA-256."));
      return 0;
    }
  v.in = video;
  v.sha = sha;
  return add_audited (self, analyst, "video.add", "video", insert_video_checked, &v, error);
}

/* ---- Stills and tracks --------------------------------------------------- */

typedef struct {
  gint64 a, b, c, d;
} FourInts;

static gboolean
insert_still (LkCase *self, gconstpointer data, GError **error)
{
  const FourInts *s = data;
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "INSERT INTO video_stills (video_id, photo_id, time_ms, frame_index) VALUES (?1, ?2, ?3, ?4)", error);

  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, s->a, error) &&
         lk_stmt_bind_int64 (stmt, 2, s->b, error) &&
         lk_stmt_bind_int64 (stmt, 3, s->c, error) &&
         lk_stmt_bind_int64 (stmt, 4, s->d, error) &&
         lk_stmt_exec (stmt, error);
}

gint64
lk_case_add_video_still (LkCase *self, const char *analyst, gint64 video_id, gint64 photo_id,
                         gint64 time_ms, gint64 frame_index, GError **error)
{
  FourInts s = { video_id, photo_id, time_ms, frame_index };

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (time_ms < 0 || frame_index < 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("A still needs a time code and frame number of 0 or more."));
      return 0;
    }
  return add_audited (self, analyst, "video.still", "video_still", insert_still, &s, error);
}

static gboolean
insert_face (LkCase *self, gconstpointer data, GError **error)
{
  const FourInts *f = data;
  LkSqlite *db = lk_case_get_db (self);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "INSERT INTO video_faces (face_id, still_id, track) "
    "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM faces f JOIN video_stills s ON s.photo_id = f.photo_id "
    "WHERE f.id = ?1 AND s.id = ?2)", error);

  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, f->a, error) ||
      !lk_stmt_bind_int64 (stmt, 2, f->b, error) ||
      !lk_stmt_bind_int64 (stmt, 3, f->c, error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  if (lk_sqlite_changes (db) == 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Face %" PRId64 " is not on still %" PRId64 "."), f->a, f->b);
      return FALSE;
    }
  return TRUE;
}

gint64
lk_case_add_video_face (LkCase *self, const char *analyst, gint64 face_id, gint64 still_id,
                        guint track, GError **error)
{
  FourInts f = { face_id, still_id, track, 0 };

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && track > 0, 0);
  return add_audited (self, analyst, "video.face", "video_face", insert_face, &f, error);
}

LkVideoStill *
lk_case_get_video_still (LkCase *self, gint64 photo_id, GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  rows = query_rows (self, "SELECT " STILL_COLUMNS STILL_FROM "WHERE s.photo_id = ?1", NULL, photo_id, 0,
                     (RowFunc) still_from_row, (GDestroyNotify) lk_video_still_free, error);
  return first_of (rows);
}

GPtrArray *
lk_case_list_video_stills (LkCase *self, gint64 video_id, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return query_rows (self, "SELECT " STILL_COLUMNS STILL_FROM "WHERE s.video_id = ?1 ORDER BY s.time_ms, s.id",
                     NULL, video_id, 0, (RowFunc) still_from_row, (GDestroyNotify) lk_video_still_free, error);
}

GPtrArray *
lk_case_list_track_stills (LkCase *self, gint64 video_id, guint track, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return query_rows (self, "SELECT DISTINCT " STILL_COLUMNS STILL_FROM
                           "JOIN video_faces vf ON vf.still_id = s.id "
                           "WHERE s.video_id = ?1 AND vf.track = ?2 ORDER BY s.time_ms, s.id",
                     NULL, video_id, track, (RowFunc) still_from_row, (GDestroyNotify) lk_video_still_free,
                     error);
}

guint
lk_case_get_face_track (LkCase *self, gint64 face_id, GError **error)
{
  gint64 track = 0;
  g_autoptr(LkStmt) stmt = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  stmt = lk_case_prepare (self, "SELECT track FROM video_faces WHERE face_id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_one_int64 (stmt, &track, NULL, error))
    return 0;
  return (guint) track;
}
