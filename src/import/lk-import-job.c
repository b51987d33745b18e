#define G_LOG_DOMAIN "lk-import"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lk-import-job.h"
#include "lk-import-walk.h"
#include "lk-importer.h"

/* The bytes of imported files held at once, across workers and the queue of
 * finished jobs waiting for the store: with the engine's decode budget
 * (LK_DEFAULT_DECODE_BUDGET, 768 MiB) an import stays under 1 GB whatever
 * the files.  A file larger than the gate goes through alone. */
static GMutex  gate_lock;
static GCond   gate_cond;
static guint64 gate_held;
static guint64 gate_limit = LK_IMPORT_BYTES_IN_FLIGHT;

guint64
lk_import_gate_set_limit (guint64 bytes)
{
  guint64 old;

  g_mutex_lock (&gate_lock);
  old = gate_limit;
  gate_limit = bytes > 0 ? bytes : LK_IMPORT_BYTES_IN_FLIGHT;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
  return old;
}

/* Waits (checking the cancellable every 100 ms) until the bytes fit; returns
 * what was taken, 0 when cancelled. */
guint64
lk_import_gate_enter (guint64 bytes, GCancellable *cancellable)
{
  guint64 take;

  g_mutex_lock (&gate_lock);
  take = MAX (MIN (bytes, gate_limit), 1);
  while (gate_held > 0 && gate_held + take > gate_limit && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&gate_cond, &gate_lock, g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND);
  if (g_cancellable_is_cancelled (cancellable))
    take = 0;
  gate_held += take;
  g_mutex_unlock (&gate_lock);
  return take;
}

void
lk_import_gate_leave (guint64 taken)
{
  if (taken == 0)
    return;
  g_mutex_lock (&gate_lock);
  gate_held -= MIN (taken, gate_held);
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

guint64
lk_import_gate_held (void)
{
  guint64 held;

  g_mutex_lock (&gate_lock);
  held = gate_held;
  g_mutex_unlock (&gate_lock);
  return held;
}

LkImportJob *
lk_import_job_new (guint index, const char *path)
{
  LkImportJob *job = g_new0 (LkImportJob, 1);

  job->index = index;
  job->path = g_strdup (path);
  return job;
}

void
lk_import_job_free (LkImportJob *job)
{
  if (job == NULL)
    return;
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  lk_import_gate_leave (job->gate_taken);
  g_free (job->sha256);
  g_clear_pointer (&job->faces, g_ptr_array_unref);
  g_clear_pointer (&job->chips, g_ptr_array_unref);
  g_clear_pointer (&job->qualities, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job->duplicate);
  g_free (job);
}

char *
lk_import_quality_to_json (const LkFaceQuality *quality)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *description = lk_face_quality_describe (quality);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "good");
  json_builder_add_boolean_value (builder, lk_face_quality_is_good (quality));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "size_px");
  json_builder_add_int_value (builder, quality->size_px);
  json_builder_set_member_name (builder, "sharpness");
  json_builder_add_double_value (builder, quality->sharpness);
  json_builder_set_member_name (builder, "brightness");
  json_builder_add_double_value (builder, quality->brightness);
  json_builder_set_member_name (builder, "contrast");
  json_builder_add_double_value (builder, quality->contrast);
  json_builder_set_member_name (builder, "yaw_degrees");
  json_builder_add_double_value (builder, quality->yaw_degrees);
  json_builder_set_member_name (builder, "flags");
  json_builder_add_int_value (builder, quality->flags);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Decides whether the content is already in the case or claimed by an
 * earlier file of this run; TRUE when the job must be analysed. */
static gboolean
claim_content (LkImportJob *job, LkImportShared *shared)
{
  LkKnownPhoto *known = g_hash_table_lookup (shared->known, job->sha256);
  const char *first;

  if (known != NULL && known->analyzed)
    {
      job->duplicate_photo_id = known->photo_id;
      job->duplicate = g_strdup_printf (_("already in the case as photo %" PRId64 " (%s)"),
                                        known->photo_id, lk_photo_role_to_string (known->role));
      return FALSE;
    }
  if (known != NULL)
    job->resume_photo_id = known->photo_id;

  g_mutex_lock (&shared->lock);
  first = g_hash_table_lookup (shared->claimed, job->sha256);
  if (first == NULL)
    g_hash_table_insert (shared->claimed, g_strdup (job->sha256), g_strdup (job->path));
  else
    job->duplicate = g_strdup_printf (_("same content as “%s”, earlier in this import"), first);
  g_mutex_unlock (&shared->lock);
  return first == NULL;
}

GBytes *
lk_import_encode_chip (const LkFace *face, const char *path, guint index)
{
  g_autoptr(GError) error = NULL;
  GBytes *chip;

  /* A face without a chip still has its box and descriptor: keep it and
   * say so, rather than lose the face. */
  if (face->chip_rgb == NULL)
    return NULL;
  chip = lk_face_encode_chip (face, TRUE, &error);
  if (chip == NULL)
    g_warning ("%s: face %u: no chip stored: %s", path, index, error->message);
  return chip;
}

void
lk_import_face_new (const LkFace *face, LkFaceOrigin origin, const char *model_id,
                    const char *quality_json, GBytes *chip, LkFaceNew *out)
{
  *out = (LkFaceNew) { origin, face->box.x, face->box.y, face->box.width, face->box.height,
                       &face->landmarks[0][0],
                       face->has_descriptor ? face->descriptor : NULL,
                       face->has_descriptor ? model_id : NULL,
                       quality_json, face->detector_score, chip };
}

void
lk_import_job_encode_faces (LkImportJob *job)
{
  job->chips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  job->qualities = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->faces->len; i++)
    {
      LkFace *face = g_ptr_array_index (job->faces, i);

      g_ptr_array_add (job->chips, lk_import_encode_chip (face, job->path, i));
      g_ptr_array_add (job->qualities, lk_import_quality_to_json (&face->quality));
    }
}

static gboolean
analyse (LkImportJob *job, LkImportShared *shared)
{
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(LkImage) image = NULL;

  image = lk_image_load_bytes (job->bytes, 0, &job->error);
  if (image == NULL)
    return FALSE;
  job->width = lk_image_get_width (image);
  job->height = lk_image_get_height (image);
  job->other_images = lk_image_get_other_images (image);
  options.mode = shared->mode;
  job->faces = lk_face_engine_analyze (shared->engine, image, &options,
                                       shared->cancellable, &job->error);
  if (job->faces == NULL)
    return FALSE;
  lk_import_job_encode_faces (job);
  return TRUE;
}

void
lk_import_job_run (gpointer data, gpointer user_data)
{
  LkImportJob *job = data;
  LkImportShared *shared = user_data;
  gint64 start = g_get_monotonic_time ();

  if (!g_cancellable_set_error_if_cancelled (shared->cancellable, &job->error))
    {
      GStatBuf st;

      /* Before reading: the file's bytes stay held until the job is stored. */
      job->gate_taken = lk_import_gate_enter (g_stat (job->path, &st) == 0 ? (guint64) st.st_size : 1,
                                              shared->cancellable);
      if (g_cancellable_set_error_if_cancelled (shared->cancellable, &job->error))
        goto done;
      job->bytes = lk_import_read_file (job->path, LK_IMPORT_MAX_FILE_SIZE, &job->sha256,
                                        shared->cancellable, &job->error);
      if (job->bytes != NULL && claim_content (job, shared))
        analyse (job, shared);
      /* Duplicates and failures need no bytes: free them before queueing. */
      if (job->error != NULL || job->duplicate != NULL)
        {
          g_clear_pointer (&job->bytes, g_bytes_unref);
          lk_import_gate_leave (job->gate_taken);
          job->gate_taken = 0;
        }
    }
done:
  job->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_async_queue_push (shared->done, job);
}
