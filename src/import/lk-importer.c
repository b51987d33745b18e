#define G_LOG_DOMAIN "lk-import"

#include "lk-json-members.h"
#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "case/lk-case-regions.h"
#include "case/lk-case-video.h"
#include "lk-import-job.h"
#include "lk-import-video.h"
#include "lk-import-walk.h"
#include "lk-importer.h"

struct _LkImporter
{
  GObject               parent_instance;

  LkCase               *kase;
  LkFaceEngine         *engine;
  char                 *analyst;
  LkPhotoRole           role;
  gint64                person_id;
  gboolean              collage;
  LkDetectMode          mode;
  guint                 n_workers;
  guint                 frame_interval_ms;
  guint                 faces_per_track;

  LkImportProgressFunc  progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  GMainContext         *progress_context;  /* set by run_async: progress is delivered there */

  LkImportSummary      *summary;
};

G_DEFINE_FINAL_TYPE (LkImporter, lk_importer, G_TYPE_OBJECT)

/* One run's state, on the stack of lk_importer_run(). */
typedef struct {
  LkImporter      *self;
  LkImportShared   shared;
  GHashTable      *recorded_errors;  /* "path\nreason" of import errors already in the case */
  char            *person_name;
  guint            done;
  guint            total;
} Run;

static void
lk_import_file_result_free (LkImportFileResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->sha256);
  g_free (result->message);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportFileResult, lk_import_file_result_free)

static LkImportFileResult *
lk_import_file_result_copy (const LkImportFileResult *result)
{
  LkImportFileResult *copy = g_memdup2 (result, sizeof *result);

  copy->path = g_strdup (result->path);
  copy->sha256 = g_strdup (result->sha256);
  copy->message = g_strdup (result->message);
  return copy;
}

static void
summary_clear (LkImportSummary *summary)
{
  g_clear_pointer (&summary->files, g_ptr_array_unref);
}

LkImportSummary *
lk_import_summary_ref (LkImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return g_atomic_rc_box_acquire (summary);
}

void
lk_import_summary_unref (LkImportSummary *summary)
{
  if (summary != NULL)
    g_atomic_rc_box_release_full (summary, (GDestroyNotify) summary_clear);
}

const char *
lk_import_outcome_to_string (LkImportOutcome outcome)
{
  switch (outcome)
    {
    case LK_IMPORT_OUTCOME_IMPORTED:
      return "imported";
    case LK_IMPORT_OUTCOME_DUPLICATE:
      return "duplicate";
    case LK_IMPORT_OUTCOME_ERROR:
      return "error";
    default:
      g_return_val_if_reached ("error");
    }
}

static void
lk_importer_finalize (GObject *object)
{
  LkImporter *self = LK_IMPORTER (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_object (&self->kase);
  g_clear_object (&self->engine);
  g_free (self->analyst);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  g_clear_pointer (&self->summary, lk_import_summary_unref);
  G_OBJECT_CLASS (lk_importer_parent_class)->finalize (object);
}

static void
lk_importer_class_init (LkImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_importer_finalize;
}

static void
lk_importer_init (LkImporter *self)
{
  self->role = LK_PHOTO_ROLE_PROBE;
  self->mode = LK_DETECT_DEFAULT;
  self->frame_interval_ms = LK_VIDEO_DEFAULT_INTERVAL_MS;
  self->faces_per_track = LK_IMPORT_DEFAULT_FACES_PER_TRACK;
}

LkImporter *
lk_importer_new (LkCase       *kase,
                 LkFaceEngine *engine,
                 const char   *analyst)
{
  LkImporter *self;

  g_return_val_if_fail (LK_IS_CASE (kase), NULL);
  g_return_val_if_fail (LK_IS_FACE_ENGINE (engine), NULL);
  g_return_val_if_fail (analyst != NULL && *analyst != '\0', NULL);

  self = g_object_new (LK_TYPE_IMPORTER, NULL);
  self->kase = g_object_ref (kase);
  self->engine = g_object_ref (engine);
  self->analyst = g_strdup (analyst);
  return self;
}

void
lk_importer_set_role (LkImporter *self, LkPhotoRole role)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  g_return_if_fail (role == LK_PHOTO_ROLE_PROBE || role == LK_PHOTO_ROLE_REFERENCE);
  self->role = role;
}

void
lk_importer_set_person (LkImporter *self, gint64 person_id)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  g_return_if_fail (person_id >= 0);
  self->person_id = person_id;
}

void
lk_importer_set_collage (LkImporter *self, gboolean collage)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  self->collage = !!collage;
}

void
lk_importer_set_detect_mode (LkImporter *self, LkDetectMode mode)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  self->mode = mode;
}

void
lk_importer_set_frame_interval_ms (LkImporter *self, guint ms)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  g_return_if_fail (ms > 0);
  self->frame_interval_ms = ms;
}

void
lk_importer_set_faces_per_track (LkImporter *self, guint n)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  g_return_if_fail (n > 0);
  self->faces_per_track = n;
}

void
lk_importer_set_n_workers (LkImporter *self, guint n_workers)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  self->n_workers = n_workers;
}

void
lk_importer_set_progress_func (LkImporter           *self,
                               LkImportProgressFunc  func,
                               gpointer              user_data,
                               GDestroyNotify        destroy)
{
  g_return_if_fail (LK_IS_IMPORTER (self));
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

const LkImportSummary *
lk_importer_get_summary (LkImporter *self)
{
  g_return_val_if_fail (LK_IS_IMPORTER (self), NULL);
  return self->summary;
}

/* ---- Progress ------------------------------------------------------------- */

typedef struct {
  LkImporter         *self;
  guint               done, total;
  LkImportFileResult *file;
  char               *video;
  guint               frames_done, frames_total;
} ProgressCall;

static gboolean
progress_call_invoke (gpointer data)
{
  ProgressCall *call = data;
  LkImportProgress progress = { call->done, call->total, call->file, call->video,
                                call->frames_done, call->frames_total };

  if (call->self->progress_func != NULL)
    call->self->progress_func (&progress, call->self->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  g_object_unref (call->self);
  lk_import_file_result_free (call->file);
  g_free (call->video);
  g_free (call);
}

/* A finished file, or (file NULL) a frame of the video being scanned. */
static void
emit_progress_full (Run *run, const LkImportFileResult *file, const char *video,
                    guint frames_done, guint frames_total)
{
  LkImporter *self = run->self;
  ProgressCall *call;

  if (self->progress_func == NULL)
    return;
  if (self->progress_context == NULL)
    {
      LkImportProgress progress = { run->done, run->total, file, video, frames_done, frames_total };

      self->progress_func (&progress, self->progress_data);
      return;
    }
  call = g_new0 (ProgressCall, 1);
  call->self = g_object_ref (self);
  call->done = run->done;
  call->total = run->total;
  call->file = file != NULL ? lk_import_file_result_copy (file) : NULL;
  call->video = g_strdup (video);
  call->frames_done = frames_done;
  call->frames_total = frames_total;
  g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT,
                              progress_call_invoke, call, progress_call_free);
}

static void
emit_progress (Run *run, const LkImportFileResult *file)
{
  emit_progress_full (run, file, NULL, 0, 0);
}

/* Takes the result: counts it, files it in walk order, reports progress. */
static void
finish_file (Run *run, guint index, LkImportFileResult *result)
{
  LkImportSummary *summary = run->self->summary;

  switch (result->outcome)
    {
    case LK_IMPORT_OUTCOME_IMPORTED:
      summary->n_imported++;
      break;
    case LK_IMPORT_OUTCOME_DUPLICATE:
      summary->n_duplicates++;
      break;
    case LK_IMPORT_OUTCOME_ERROR:
      summary->n_errors++;
      break;
    }
  if (result->flagged)
    summary->n_flagged++;
  g_assert (summary->files->pdata[index] == NULL);
  summary->files->pdata[index] = result;
  run->done++;
  emit_progress (run, result);
}

static LkImportFileResult *
new_result (const char *path, LkImportOutcome outcome, const char *message)
{
  LkImportFileResult *result = g_new0 (LkImportFileResult, 1);

  result->path = g_strdup (path);
  result->outcome = outcome;
  result->message = g_strdup (message);
  return result;
}

/* ---- Storing -------------------------------------------------------------- */

/* Errors after which nothing else can be written either: stop the import. */
static gboolean
is_fatal (const GError *error)
{
  if (error->domain == LK_CASE_ERROR)
    return error->code == LK_CASE_ERROR_DISK_FULL || error->code == LK_CASE_ERROR_READ_ONLY ||
           error->code == LK_CASE_ERROR_IO || error->code == LK_CASE_ERROR_INTERNAL ||
           error->code == LK_CASE_ERROR_LOCKED;
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Records an import error in the case, unless the same file already failed
 * for the same reason (so importing a folder again changes nothing). */
static gboolean
record_error (Run *run, const char *path, const char *reason, GError **error)
{
  g_autofree char *key = g_strconcat (path, "\n", reason, NULL);

  if (g_hash_table_contains (run->recorded_errors, key))
    return TRUE;
  if (lk_case_record_import_error (run->self->kase, run->self->analyst, path, reason, error) == 0)
    return FALSE;
  g_hash_table_add (run->recorded_errors, g_steal_pointer (&key));
  return TRUE;
}

static gboolean
has_face_at (GPtrArray *existing, const LkBox *box)
{
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (existing, i);

      if (face->x == box->x && face->y == box->y &&
          face->width == box->width && face->height == box->height)
        return TRUE;
    }
  return FALSE;
}

/* Adds the job's faces to the photo; face ids of the photo's detected faces
 * (stored now, or before an interruption) go to face_ids. */
static gboolean
add_faces (Run *run, LkImportJob *job, gint64 photo_id, GArray *face_ids, GError **error)
{
  LkImporter *self = run->self;
  const char *model_id = lk_face_engine_get_model_id (self->engine);
  g_autoptr(GPtrArray) existing = NULL;

  if (job->resume_photo_id != 0)
    {
      LkFaceFilter filter = LK_FACE_FILTER_INIT;

      filter.photo_id = photo_id;
      existing = lk_case_list_faces (self->kase, &filter, error);
      if (existing == NULL)
        return FALSE;
      for (guint i = 0; i < existing->len; i++)
        g_array_append_val (face_ids, ((LkCaseFace *) existing->pdata[i])->id);
    }
  for (guint i = 0; i < job->faces->len; i++)
    {
      const LkFace *face = g_ptr_array_index (job->faces, i);
      LkFaceNew new_face;
      gint64 face_id;

      if (has_face_at (existing, &face->box))
        continue;
      lk_import_face_new (face, LK_FACE_ORIGIN_DETECTED, model_id, g_ptr_array_index (job->qualities, i),
                          g_ptr_array_index (job->chips, i), &new_face);
      face_id = lk_case_add_face (self->kase, self->analyst, photo_id, &new_face, error);
      if (face_id == 0)
        return FALSE;
      g_array_append_val (face_ids, face_id);
      job->n_new_faces++;
    }
  return TRUE;
}

/* A reference photo of one person: one face is that person's reference face;
 * none or several is the analyst's call, noted on the photo (audited) and
 * reported, never guessed. */
static gboolean
link_or_flag (Run *run, gint64 photo_id, GArray *face_ids, LkImportFileResult *result,
              GError **error)
{
  LkImporter *self = run->self;

  if (face_ids->len == 1)
    {
      if (lk_case_link_reference (self->kase, self->analyst, g_array_index (face_ids, gint64, 0),
                                  self->person_id, error) == 0)
        return FALSE;
      result->linked = TRUE;
      return TRUE;
    }
  result->flagged = TRUE;
  if (face_ids->len == 0)
    result->message = g_strdup_printf (_("reference photo with no face found: nothing was linked "
                                         "to %s; box the face by hand if there is one"),
                                       run->person_name);
  else
    result->message = g_strdup_printf (_("reference photo with %u faces: link the right one "
                                         "to %s by hand"),
                                       face_ids->len, run->person_name);
  return lk_case_set_photo_review_note (self->kase, self->analyst, photo_id, result->message,
                                        error);
}

/* Names other tools gave its faces (MWG regions in the photo's XMP or a
 * sidecar beside it) become proposals for the analyst, never decisions. */
static gboolean
add_proposals (Run *run, LkImportJob *job, LkImportFileResult *result, GError **error)
{
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) regions = lk_regions_read (job->path, &source);

  if (regions->len == 0)
    return TRUE;
  return lk_case_add_region_proposals (run->self->kase, run->self->analyst, result->photo_id, regions, source,
                                       &result->n_proposals, error);
}

/* A HEIF holding more than one picture: the primary one is the photo (see
 * lk-image-heif.c); the others are said on the photo, not dropped silently. */
static gboolean
note_other_images (Run *run, LkImportJob *job, LkImportFileResult *result, GError **error)
{
  if (job->other_images == 0 || result->flagged)
    return TRUE;
  result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "the file holds %u more image besides the one imported "
                                                  "(its primary image); open it in an image viewer to see it",
                                                  "the file holds %u more images besides the one imported "
                                                  "(its primary image); open it in an image viewer to see them",
                                                  job->other_images),
                                     job->other_images);
  return lk_case_set_photo_review_note (run->self->kase, run->self->analyst, result->photo_id, result->message,
                                        error);
}

/* The photo, its faces and its reference link or flag: one transaction. */
static gboolean
store_rows (Run *run, LkImportJob *job, LkImportFileResult *result, GError **error)
{
  LkImporter *self = run->self;
  g_autofree char *original = g_canonicalize_filename (job->path, NULL);
  g_autoptr(GArray) face_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  LkPhotoNew photo = { self->role, job->sha256, original, job->width, job->height,
                       self->role == LK_PHOTO_ROLE_REFERENCE ? self->person_id : 0 };
  gboolean existed = FALSE;

  result->photo_id = lk_case_add_photo (self->kase, self->analyst, &photo, &existed, error);
  if (result->photo_id == 0)
    return FALSE;
  if (!existed && self->collage &&
      !lk_case_set_photo_collage (self->kase, self->analyst, result->photo_id, TRUE, error))
    return FALSE;
  if (!add_faces (run, job, result->photo_id, face_ids, error))
    return FALSE;
  result->n_faces = face_ids->len;
  if (self->person_id != 0 && self->role == LK_PHOTO_ROLE_REFERENCE &&
      !link_or_flag (run, result->photo_id, face_ids, result, error))
    return FALSE;
  if (!add_proposals (run, job, result, error) || !note_other_images (run, job, result, error))
    return FALSE;
  return lk_case_set_photo_analyzed (self->kase, self->analyst, result->photo_id,
                                     job->width, job->height, error);
}

/* The transaction failed (a full disk, say): the evidence file just stored
 * belongs to no photo, and `evidence verify` would rightly call it an orphan.
 * CASE removes it only when no photo row has that SHA-256. */
static void
discard_evidence (Run *run, LkImportJob *job)
{
  g_autoptr(GError) error = NULL;

  if (job->resume_photo_id == 0 &&
      !lk_case_discard_evidence (run->self->kase, job->sha256, &error))
    g_warning ("%s: the evidence copy could not be removed after the failed import: %s",
               job->path, error->message);
}

/* Evidence first (temporary file, fsync, rename), then the rows.  Killed in
 * between, the next run finds the same evidence file and adopts it. */
static gboolean
store_job (Run *run, LkImportJob *job, LkImportFileResult *result, GError **error)
{
  LkImporter *self = run->self;
  g_autofree char *stored_sha = NULL;

  if (!lk_case_store_evidence (self->kase, job->path, job->bytes, &stored_sha, error))
    return FALSE;
  if (g_strcmp0 (stored_sha, job->sha256) != 0)
    {
      g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_FAILED,
                   _("The evidence copy of “%s” does not have the file’s SHA-256"), job->path);
      return FALSE;
    }
  if (lk_case_begin_batch (self->kase, error))
    {
      job->n_new_faces = 0;
      if (store_rows (run, job, result, error) && lk_case_commit_batch (self->kase, error))
        {
          /* Counted once committed: a rolled-back photo stored nothing. */
          self->summary->n_faces += job->n_new_faces;
          self->summary->n_references += result->linked ? 1 : 0;
          return TRUE;
        }
      lk_case_rollback_batch (self->kase);
    }
  result->photo_id = 0;
  result->n_faces = 0;
  result->linked = FALSE;
  discard_evidence (run, job);
  return FALSE;
}

/* Turns a finished job into a result; FALSE (with error) only when the whole
 * import must stop. */
static gboolean
finish_job (Run *run, LkImportJob *job, GError **error)
{
  LkImportSummary *summary = run->self->summary;
  g_autoptr(LkImportFileResult) result = new_result (job->path, LK_IMPORT_OUTCOME_IMPORTED, NULL);
  g_autoptr(GError) local_error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  summary->seconds_analysis += job->seconds;
  result->sha256 = g_strdup (job->sha256);
  if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  if (job->duplicate != NULL)
    {
      result->outcome = LK_IMPORT_OUTCOME_DUPLICATE;
      result->photo_id = job->duplicate_photo_id;
      result->message = g_strdup (job->duplicate);
    }
  else if (job->error == NULL && !store_job (run, job, result, &local_error) &&
           is_fatal (local_error))
    ok = FALSE;
  else if (job->error != NULL || local_error != NULL)
    {
      const char *reason = job->error != NULL ? job->error->message : local_error->message;

      result->outcome = LK_IMPORT_OUTCOME_ERROR;
      result->flagged = FALSE;
      g_free (result->message);
      result->message = g_strdup (reason);
      ok = record_error (run, job->path, reason, &local_error);
    }
  summary->seconds_store += (g_get_monotonic_time () - start) / 1e6;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  finish_file (run, job->index, g_steal_pointer (&result));
  return TRUE;
}

/* ---- Videos ------------------------------------------------------------------ */

/* One still: its photo, faces, time code and the track of each face. */
static gboolean
store_still (Run *run, gint64 video_id, LkVideoStillJob *still, LkImportFileResult *result,
             GError **error)
{
  LkImporter *self = run->self;
  LkImportJob *job = still->job;
  g_autoptr(GArray) face_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  LkPhotoNew photo = { LK_PHOTO_ROLE_PROBE, job->sha256, job->path, job->width, job->height, 0 };
  gboolean existed = FALSE;
  gint64 photo_id, still_id;

  photo_id = lk_case_add_photo (self->kase, self->analyst, &photo, &existed, error);
  if (photo_id == 0)
    return FALSE;
  /* The very same picture is already a photo of the case, with its faces. */
  if (existed)
    return TRUE;
  still_id = lk_case_add_video_still (self->kase, self->analyst, video_id, photo_id,
                                      still->time_ms, still->frame_index, error);
  if (still_id == 0 || !add_faces (run, job, photo_id, face_ids, error))
    return FALSE;
  for (guint i = 0; i < face_ids->len; i++)
    if (lk_case_add_video_face (self->kase, self->analyst, g_array_index (face_ids, gint64, i),
                                still_id, g_array_index (still->tracks, guint, i), error) == 0)
      return FALSE;
  result->n_faces += face_ids->len;
  if (result->photo_id == 0)
    result->photo_id = photo_id;
  return lk_case_set_photo_analyzed (self->kase, self->analyst, photo_id, job->width, job->height,
                                     error);
}

static gboolean
store_video_rows (Run *run, const char *original, const char *sha256, LkVideoScan *scan,
                  LkImportFileResult *result, GError **error)
{
  LkImporter *self = run->self;
  LkVideoNew video = { sha256, original, scan->width, scan->height, scan->fps, scan->duration_ms,
                       scan->decoded_ms, self->frame_interval_ms, self->faces_per_track,
                       scan->n_sampled, scan->n_tracks,
                       scan->decode_error != NULL ? scan->decode_error->message : NULL };
  gint64 video_id = lk_case_add_video (self->kase, self->analyst, &video, error);

  if (video_id == 0)
    return FALSE;
  for (guint i = 0; i < scan->stills->len; i++)
    if (!store_still (run, video_id, scan->stills->pdata[i], result, error))
      return FALSE;
  return TRUE;
}

/* The stills' evidence first, then every row of the video in one transaction. */
static gboolean
store_video (Run *run, const char *original, const char *sha256, LkVideoScan *scan,
             LkImportFileResult *result, GError **error)
{
  LkImporter *self = run->self;
  guint n_new_faces = 0;

  for (guint i = 0; i < scan->stills->len; i++)
    {
      LkImportJob *job = ((LkVideoStillJob *) scan->stills->pdata[i])->job;
      g_autofree char *stored = NULL;

      if (!lk_case_store_evidence (self->kase, job->path, job->bytes, &stored, error))
        return FALSE;
    }
  if (!lk_case_begin_batch (self->kase, error))
    return FALSE;
  result->n_faces = 0;
  if (store_video_rows (run, original, sha256, scan, result, error) &&
      lk_case_commit_batch (self->kase, error))
    {
      for (guint i = 0; i < scan->stills->len; i++)
        n_new_faces += ((LkVideoStillJob *) scan->stills->pdata[i])->job->n_new_faces;
      self->summary->n_faces += n_new_faces;
      return TRUE;
    }
  lk_case_rollback_batch (self->kase);
  result->n_faces = 0;
  return FALSE;
}

typedef struct {
  Run        *run;
  const char *path;
} FrameProgress;

static void
frame_progress (guint done, guint total, gpointer user_data)
{
  FrameProgress *p = user_data;

  emit_progress_full (p->run, NULL, p->path, done, total);
}

/* Copies the video into evidence, scans the copy and stores what it found.
 * Returns FALSE (with error) when nothing of it was stored. */
static gboolean
scan_and_store (Run *run, const char *path, LkImportFileResult *result, GError **error)
{
  LkImporter *self = run->self;
  g_autofree char *original = g_canonicalize_filename (path, NULL);
  g_autofree char *evidence = NULL;
  g_autoptr(LkVideo) existing = NULL;
  g_autoptr(LkVideoScan) scan = NULL;
  g_autoptr(GError) local = NULL;
  FrameProgress progress = { run, path };
  LkVideoScanOptions options = { self->engine, self->mode, self->n_workers, self->frame_interval_ms,
                                 self->faces_per_track, run->shared.cancellable, frame_progress,
                                 &progress };
  gint64 start = g_get_monotonic_time ();

  if (!lk_case_store_evidence (self->kase, path, NULL, &result->sha256, error))
    return FALSE;
  existing = lk_case_find_video_by_sha256 (self->kase, result->sha256, error);
  if (existing != NULL)
    {
      result->outcome = LK_IMPORT_OUTCOME_DUPLICATE;
      result->message = g_strdup_printf (_("already in the case as video %" PRId64 " (%s)"),
                                         existing->id, existing->original_name);
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  evidence = lk_case_get_evidence_path_for (self->kase, result->sha256, path);
  scan = lk_import_video_scan (evidence, original, &options, &local);
  self->summary->seconds_analysis += (g_get_monotonic_time () - start) / 1e6;
  if (scan == NULL || !store_video (run, original, result->sha256, scan, result, &local))
    {
      g_autoptr(GError) discard_error = NULL;

      /* Never evidence of the case: no row names it. */
      if (!lk_case_discard_evidence (self->kase, result->sha256, &discard_error))
        g_warning ("%s: the evidence copy could not be removed: %s", path, discard_error->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (scan->decode_error != NULL)
    {
      result->outcome = LK_IMPORT_OUTCOME_ERROR;
      result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s; the %u still read before it was kept",
                                           "%s; the %u stills read before it were kept",
                                           scan->stills->len),
                                         scan->decode_error->message, scan->stills->len);
    }
  return TRUE;
}

/* A video is one file of the walk: its frames are the progress units while
 * it is scanned, and its result is filed like a photo's. */
static void
import_video (Run *run, guint index, const char *path, GError **fatal)
{
  g_autoptr(LkImportFileResult) result = new_result (path, LK_IMPORT_OUTCOME_IMPORTED, NULL);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double analysis_before = run->self->summary->seconds_analysis;

  if (run->self->role != LK_PHOTO_ROLE_PROBE)
    g_set_error (&error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_INVALID,
                 _("videos are imported as probes only; import the stills you need as reference photos"));
  else
    scan_and_store (run, path, result, &error);
  /* Storing is what the scan (counted as analysis) did not take. */
  run->self->summary->seconds_store += (g_get_monotonic_time () - start) / 1e6 -
                                       (run->self->summary->seconds_analysis - analysis_before);
  if (error != NULL && is_fatal (error))
    {
      g_propagate_error (fatal, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    {
      result->outcome = LK_IMPORT_OUTCOME_ERROR;
      result->n_faces = 0;
      g_free (result->message);
      result->message = g_strdup (error->message);
    }
  if (result->outcome == LK_IMPORT_OUTCOME_ERROR && !record_error (run, path, result->message, fatal))
    return;
  finish_file (run, index, g_steal_pointer (&result));
}

/* ---- Running ------------------------------------------------------------------ */

static gboolean
load_case_state (Run *run, GError **error)
{
  LkImporter *self = run->self;
  g_autoptr(GPtrArray) photos = lk_case_list_photos (self->kase, -1, error);
  g_autoptr(GPtrArray) errors = NULL;

  if (photos == NULL)
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      LkPhoto *photo = g_ptr_array_index (photos, i);
      LkKnownPhoto *known = g_new0 (LkKnownPhoto, 1);

      known->photo_id = photo->id;
      known->analyzed = photo->analyzed;
      known->role = photo->role;
      g_hash_table_insert (run->shared.known, g_strdup (photo->sha256), known);
    }
  errors = lk_case_list_import_errors (self->kase, error);
  if (errors == NULL)
    return FALSE;
  for (guint i = 0; i < errors->len; i++)
    {
      LkImportError *e = g_ptr_array_index (errors, i);

      g_hash_table_add (run->recorded_errors, g_strconcat (e->path, "\n", e->reason, NULL));
    }
  return TRUE;
}

static gboolean
check_settings (Run *run, GError **error)
{
  LkImporter *self = run->self;
  g_autoptr(LkPerson) person = NULL;

  if (lk_case_is_read_only (self->kase))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY,
                   _("Nothing can be imported: %s"), lk_case_get_read_only_reason (self->kase));
      return FALSE;
    }
  if (self->person_id == 0)
    return TRUE;
  if (self->role != LK_PHOTO_ROLE_REFERENCE)
    {
      g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_INVALID,
                   _("A person can only be given for reference photos, not probe photos"));
      return FALSE;
    }
  person = lk_case_get_person (self->kase, self->person_id, error);
  if (person == NULL)
    return FALSE;
  if (person->retired)
    {
      g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_INVALID,
                   _("%s is retired from the gallery; reinstate them before importing their reference photos"),
                   person->display_name);
      return FALSE;
    }
  run->person_name = g_strdup (person->display_name);
  return TRUE;
}

static void
cancel_inner (GCancellable *outer, GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

/* Takes one finished job off the queue and stores it, unless the import is
 * already stopping (then it is dropped: nothing half-done is written). */
static void
collect_one (Run *run, GError **fatal)
{
  g_autoptr(LkImportJob) job = g_async_queue_pop (run->shared.done);

  if (*fatal == NULL && !finish_job (run, job, fatal))
    g_cancellable_cancel (run->shared.cancellable);
}

static void
walk_error (Run *run, guint index, const LkImportSource *source, GError **fatal)
{
  if (!record_error (run, source->path, source->error->message, fatal))
    {
      g_cancellable_cancel (run->shared.cancellable);
      return;
    }
  finish_file (run, index, new_result (source->path, LK_IMPORT_OUTCOME_ERROR,
                                       source->error->message));
}

/* Feeds the workers, keeping a few jobs in flight so that memory stays
 * bounded, and stores results as they come back. */
static void
run_pipeline (Run *run, GPtrArray *sources, GError **fatal)
{
  LkImporter *self = run->self;
  guint n_workers = self->n_workers > 0 ? self->n_workers : g_get_num_processors ();
  guint max_in_flight = 2 * n_workers;
  guint in_flight = 0;
  GThreadPool *pool;

  pool = g_thread_pool_new (lk_import_job_run, &run->shared, n_workers, FALSE, NULL);
  for (guint i = 0; i < sources->len && *fatal == NULL; i++)
    {
      LkImportSource *source = g_ptr_array_index (sources, i);
      gboolean video;

      if (source->error != NULL)
        {
          walk_error (run, i, source, fatal);
          continue;
        }
      /* A video uses every worker itself: the photos before it finish first. */
      video = lk_video_sniff_file (source->path) != LK_VIDEO_FORMAT_UNKNOWN;
      for (; in_flight >= max_in_flight || (video && in_flight > 0); in_flight--)
        collect_one (run, fatal);
      if (*fatal != NULL ||
          g_cancellable_set_error_if_cancelled (run->shared.cancellable, fatal))
        break;
      if (video)
        {
          import_video (run, i, source->path, fatal);
          continue;
        }
      g_thread_pool_push (pool, lk_import_job_new (i, source->path), NULL);
      in_flight++;
    }
  for (; in_flight > 0; in_flight--)
    collect_one (run, fatal);
  g_thread_pool_free (pool, FALSE, TRUE);
}

/* One audited "import.run" entry per import that stored something: how the
 * faces were found (reports print the detection setting) and what came of it. */
static gboolean
log_run (LkImporter *self, GError **error)
{
  const LkImportSummary *summary = self->summary;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *details = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detect_mode");
  json_builder_add_string_value (builder, self->mode == LK_DETECT_THOROUGH ? "thorough" : "default");
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_string_value (builder, lk_face_engine_get_model_id (self->engine));
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, lk_photo_role_to_string (self->role));
  json_builder_set_member_name (builder, "collage");
  json_builder_add_boolean_value (builder, self->collage);
  lk_json_add_int (builder, "person_id", self->person_id);
  lk_json_add_int (builder, "files", summary->n_files);
  lk_json_add_int (builder, "imported", summary->n_imported);
  lk_json_add_int (builder, "duplicates", summary->n_duplicates);
  lk_json_add_int (builder, "errors", summary->n_errors);
  lk_json_add_int (builder, "faces", summary->n_faces);
  lk_json_add_int (builder, "flagged", summary->n_flagged);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  details = json_to_string (root, FALSE);
  return lk_case_log_event (self->kase, self->analyst, "import.run", "case", 0, details, error);
}

/* Results of files never reached (cancelled, stopped) leave holes: close them. */
static void
compact_files (LkImportSummary *summary)
{
  GPtrArray *files = g_ptr_array_new_full (summary->files->len,
                                           (GDestroyNotify) lk_import_file_result_free);

  for (guint i = 0; i < summary->files->len; i++)
    if (summary->files->pdata[i] != NULL)
      g_ptr_array_add (files, summary->files->pdata[i]);
  g_ptr_array_set_free_func (summary->files, NULL);
  g_ptr_array_unref (summary->files);
  summary->files = files;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->shared.known, g_hash_table_unref);
  g_clear_pointer (&run->shared.claimed, g_hash_table_unref);
  g_clear_pointer (&run->shared.done, g_async_queue_unref);
  g_clear_object (&run->shared.cancellable);
  g_mutex_clear (&run->shared.lock);
  g_clear_pointer (&run->recorded_errors, g_hash_table_unref);
  g_free (run->person_name);
}

LkImportSummary *
lk_importer_run (LkImporter          *self,
                 const char * const  *paths,
                 GCancellable        *cancellable,
                 GError             **error)
{
  Run run = { self };
  g_autoptr(GPtrArray) sources = NULL;
  GError *fatal = NULL;
  gint64 start = g_get_monotonic_time ();
  gulong handler = 0;

  g_return_val_if_fail (LK_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_clear_pointer (&self->summary, lk_import_summary_unref);
  self->summary = g_atomic_rc_box_new0 (LkImportSummary);
  self->summary->files = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_import_file_result_free);
  run.shared.engine = self->engine;
  run.shared.mode = self->mode;
  run.shared.cancellable = g_cancellable_new ();
  run.shared.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.shared.claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.shared.done = g_async_queue_new ();
  g_mutex_init (&run.shared.lock);
  run.recorded_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (check_settings (&run, &fatal) && load_case_state (&run, &fatal) &&
      (sources = lk_import_walk (paths, cancellable, &fatal)) != NULL)
    {
      run.total = self->summary->n_files = sources->len;
      g_ptr_array_set_size (self->summary->files, sources->len);
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_inner),
                                         run.shared.cancellable, NULL);
      run_pipeline (&run, sources, &fatal);
      g_cancellable_disconnect (cancellable, handler);
      compact_files (self->summary);
      /* Not when nothing was stored: importing the same folder again must
       * leave the case exactly as it was.  After a fatal error this may
       * fail too (disk full); what was imported is audited anyway. */
      if (self->summary->n_imported > 0)
        {
          g_autoptr(GError) log_error = NULL;

          if (!log_run (self, &log_error) && fatal == NULL)
            fatal = g_steal_pointer (&log_error);
          else if (log_error != NULL)
            g_debug ("import.run not logged: %s", log_error->message);
        }
    }
  self->summary->seconds_total = (g_get_monotonic_time () - start) / 1e6;
  run_clear (&run);
  if (fatal != NULL)
    {
      g_propagate_error (error, fatal);
      return NULL;
    }
  return lk_import_summary_ref (self->summary);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  LkImportSummary *summary = lk_importer_run (source_object, task_data, cancellable, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) lk_import_summary_unref);
}

void
lk_importer_run_async (LkImporter          *self,
                       const char * const  *paths,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_IMPORTER (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_importer_run_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();
  g_task_run_in_thread (task, run_in_thread);
}

LkImportSummary *
lk_importer_run_finish (LkImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (LK_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  return g_task_propagate_pointer (G_TASK (result), error);
}
