/* lk-face-engine.c — the face engine object: finds the model files, loads them
 * once, and runs the work on a pool of workers (lk-face-models.cpp) so that
 * any number of threads can call it at once.
 *
 * Each worker holds its own HOG detector and network copy; a caller borrows an
 * idle one for the length of a call (workers are created on demand up to one
 * per core).  Because the workers already run in parallel, OpenBLAS is told
 * to use one thread each: otherwise its own threads oversubscribe the cores.
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>

#include "lk-vision-private.h"

#define LK_DESCRIPTOR_MODEL_FILE "dlib_face_recognition_resnet_model_v1.dat"

struct _LkFaceEngine
{
  GObject       parent_instance;

  LkFaceModels *models;
  char         *descriptor_path;
  char         *landmark_path;
  char         *model_id;

  GMutex        lock;        /* guards n_created */
  guint         n_workers;
  guint         n_created;
  GAsyncQueue  *idle;        /* LkFaceWorker * not in use */
};

G_DEFINE_FINAL_TYPE (LkFaceEngine, lk_face_engine, G_TYPE_OBJECT)

static void
lk_face_engine_finalize (GObject *object)
{
  LkFaceEngine *self = LK_FACE_ENGINE (object);
  LkFaceWorker *worker;

  /* Every worker is idle now: a call in progress holds a reference. */
  while ((worker = g_async_queue_try_pop (self->idle)) != NULL)
    _lk_face_worker_free (worker);
  g_async_queue_unref (self->idle);
  g_clear_pointer (&self->models, _lk_face_models_free);
  g_free (self->descriptor_path);
  g_free (self->landmark_path);
  g_free (self->model_id);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (lk_face_engine_parent_class)->finalize (object);
}

static void
lk_face_engine_class_init (LkFaceEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_face_engine_finalize;
}

static void
lk_face_engine_init (LkFaceEngine *self)
{
  g_mutex_init (&self->lock);
  self->idle = g_async_queue_new ();
}

/* options → environment → the model built in the source tree → the installed one. */
static char *
find_descriptor_model (const LkEngineOptions *options)
{
  const char *env = g_getenv ("LIKENESS_DESCRIPTOR_MODEL");
  g_autofree char *built = g_build_filename (LK_MODEL_BUILD_DIR, LK_DESCRIPTOR_MODEL_FILE, NULL);

  if (options != NULL && options->descriptor_model != NULL && *options->descriptor_model)
    return g_strdup (options->descriptor_model);
  if (env != NULL && *env)
    return g_strdup (env);
  if (g_file_test (built, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&built);
  return g_build_filename (LK_MODEL_INSTALL_DIR, LK_DESCRIPTOR_MODEL_FILE, NULL);
}

static char *
find_landmark_model (const LkEngineOptions *options)
{
  const char *env = g_getenv ("LIKENESS_LANDMARK_MODEL");

  if (options != NULL && options->landmark_model != NULL && *options->landmark_model)
    return g_strdup (options->landmark_model);
  if (env != NULL && *env)
    return g_strdup (env);
  return g_strdup (LK_LANDMARK_MODEL);
}

/* "dlib-resnet-v1:" and the first 8 hex digits of the file's SHA-256, so that
 * descriptors made by different weights are never compared by accident. */
static char *
compute_model_id (const char *path, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  g_checksum_update (sum, (const guchar *) g_mapped_file_get_contents (file),
                     (gssize) g_mapped_file_get_length (file));
  return g_strdup_printf ("dlib-resnet-v1:%.8s", g_checksum_get_string (sum));
}

/* OpenBLAS is found at run time: dlib reaches it through libblas.so.3, which
 * Debian's alternatives may point at the reference BLAS instead. */
static void
limit_blas_threads (guint n_workers)
{
  void (*set_threads) (int);

  if (n_workers < 2)
    return;
  set_threads = (void (*) (int)) dlsym (RTLD_DEFAULT, "openblas_set_num_threads");
  if (set_threads != NULL)
    set_threads (1);
}

typedef struct {
  char   *id;
  GError *error;
} ModelIdResult;

static void
model_id_result_free (ModelIdResult *result)
{
  g_free (result->id);
  g_clear_error (&result->error);
  g_free (result);
}

static gpointer
model_id_thread (gpointer path)
{
  ModelIdResult *result = g_new0 (ModelIdResult, 1);

  result->id = compute_model_id (path, &result->error);
  return result;
}

LkFaceEngine *
lk_face_engine_new (const LkEngineOptions *options, GError **error)
{
  g_autoptr(LkFaceEngine) self = NULL;
  g_autoptr(GError) local = NULL;
  GThread *id_thread;
  ModelIdResult *id_result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (LK_TYPE_FACE_ENGINE, NULL);
  self->descriptor_path = find_descriptor_model (options);
  self->landmark_path = find_landmark_model (options);
  self->n_workers = options != NULL && options->n_workers > 0 ? options->n_workers : g_get_num_processors ();
  /* Decoding memory is the process's, so the budget is process-wide too. */
  if (options != NULL && options->decode_budget > 0)
    lk_image_set_decode_budget (options->decode_budget);
  /* The model id (a SHA-256 of 22 MB) is computed while the models load. */
  id_thread = g_thread_new ("lk-model-id", model_id_thread, self->descriptor_path);
  self->models = _lk_face_models_load (self->descriptor_path, self->landmark_path, options, error);
  id_result = g_thread_join (id_thread);
  if (self->models == NULL)
    {
      model_id_result_free (id_result);
      return NULL;
    }
  self->model_id = g_steal_pointer (&id_result->id);
  local = g_steal_pointer (&id_result->error);
  model_id_result_free (id_result);
  if (self->model_id == NULL)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_MODEL,
                   _("cannot read the face descriptor model “%s”: %s"), self->descriptor_path, local->message);
      return NULL;
    }
  limit_blas_threads (self->n_workers);
  g_debug ("face engine: %s, %u workers", self->model_id, self->n_workers);
  return g_steal_pointer (&self);
}

LkFaceEngine *
lk_face_engine_get_default (GError **error)
{
  static GMutex lock;
  static LkFaceEngine *engine;
  LkFaceEngine *result = NULL;

  g_mutex_lock (&lock);
  /* A failed load is not remembered: the next call tries again (the user may
   * have installed the model in between). */
  if (engine == NULL)
    engine = lk_face_engine_new (NULL, error);
  if (engine != NULL)
    result = g_object_ref (engine);
  g_mutex_unlock (&lock);
  return result;
}

const char *
lk_face_engine_get_model_id (LkFaceEngine *self)
{
  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);
  return self->model_id;
}

const char *
lk_face_engine_get_descriptor_model_path (LkFaceEngine *self)
{
  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);
  return self->descriptor_path;
}

const char *
lk_face_engine_get_landmark_model_path (LkFaceEngine *self)
{
  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);
  return self->landmark_path;
}

const char *
lk_face_engine_get_detector_variant (LkFaceEngine *self)
{
  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);

  return _lk_face_models_detector_variant (self->models);
}

/* Borrows an idle worker, creating one while fewer than n_workers exist. */
static LkFaceWorker *
acquire_worker (LkFaceEngine *self, GError **error)
{
  LkFaceWorker *worker = g_async_queue_try_pop (self->idle);
  gboolean create = FALSE;

  if (worker != NULL)
    return worker;
  g_mutex_lock (&self->lock);
  if (self->n_created < self->n_workers)
    {
      self->n_created++;
      create = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (!create)
    return g_async_queue_pop (self->idle);
  worker = _lk_face_worker_new (self->models, error);
  if (worker == NULL)
    {
      g_mutex_lock (&self->lock);
      self->n_created--;
      g_mutex_unlock (&self->lock);
    }
  return worker;
}

static void
release_worker (LkFaceEngine *self, LkFaceWorker *worker)
{
  g_async_queue_push (self->idle, worker);
}

GPtrArray *
lk_face_engine_analyze (LkFaceEngine *self, const LkImage *image, const LkAnalyzeOptions *options,
                        GCancellable *cancellable, GError **error)
{
  LkAnalyzeOptions defaults = LK_ANALYZE_OPTIONS_INIT;
  LkFaceWorker *worker;
  GPtrArray *faces;

  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((worker = acquire_worker (self, error)) == NULL)
    return NULL;
  faces = _lk_face_worker_analyze (worker, image, options ? options : &defaults, cancellable, error);
  release_worker (self, worker);
  return faces;
}

LkFace *
lk_face_engine_analyze_box (LkFaceEngine *self, const LkImage *image, const LkBox *box, GError **error)
{
  LkFaceWorker *worker;
  LkFace *face;

  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((worker = acquire_worker (self, error)) == NULL)
    return NULL;
  face = _lk_face_worker_analyze_box (worker, image, box, error);
  release_worker (self, worker);
  return face;
}

typedef struct {
  LkFaceEngine *engine;
  const guint8 *chips;
  float        *out;
  guint         n;
  GCancellable *cancellable;
  GError       *error;
} ChipSlice;

static gpointer
describe_slice (gpointer data)
{
  ChipSlice *slice = data;
  LkFaceWorker *worker = acquire_worker (slice->engine, &slice->error);

  if (worker == NULL)
    return NULL;
  _lk_face_worker_describe_chips (worker, slice->chips, slice->n, slice->out, slice->cancellable,
                                  &slice->error);
  release_worker (slice->engine, worker);
  return NULL;
}

gboolean
lk_face_engine_describe_chips (LkFaceEngine *self, const guint8 *chips_rgb, guint n_chips,
                               float *descriptors_out, GCancellable *cancellable, GError **error)
{
  const gsize chip_bytes = LK_CHIP_SIZE * LK_CHIP_SIZE * 3;
  g_autofree ChipSlice *slices = NULL;
  g_autofree GThread **threads = NULL;
  gboolean ok = TRUE;
  guint start = 0, n_slices;

  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), FALSE);
  g_return_val_if_fail (chips_rgb != NULL || n_chips == 0, FALSE);
  g_return_val_if_fail (descriptors_out != NULL || n_chips == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Below ~32 chips a second thread costs more than it saves. */
  n_slices = CLAMP (n_chips / 32, 1, self->n_workers);
  slices = g_new0 (ChipSlice, n_slices);
  threads = g_new0 (GThread *, n_slices);

  for (guint i = 0; i < n_slices; i++)
    {
      guint n = n_chips / n_slices + (i < n_chips % n_slices ? 1 : 0);

      slices[i] = (ChipSlice) { self, chips_rgb + start * chip_bytes,
                                descriptors_out + (gsize) start * LK_DESCRIPTOR_DIM, n, cancellable, NULL };
      start += n;
      /* The calling thread takes the last slice itself. */
      if (i + 1 < n_slices)
        threads[i] = g_thread_new ("lk-describe", describe_slice, &slices[i]);
      else
        describe_slice (&slices[i]);
    }
  for (guint i = 0; i < n_slices; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      if (slices[i].error != NULL && ok)
        {
          g_propagate_error (error, slices[i].error);
          ok = FALSE;
        }
      else
        g_clear_error (&slices[i].error);
    }
  return ok;
}

/* The batch: a few threads, each with one worker, take files off a shared
 * counter; results and progress go through one mutex so callers never see
 * two callbacks at once. */
typedef struct {
  LkFaceEngine           *engine;
  const char * const     *paths;
  guint                   n_paths;
  const LkAnalyzeOptions *options;
  LkBatchResultFunc       result;
  LkBatchProgressFunc     progress;
  gpointer                user_data;
  GCancellable           *cancellable;

  gint                    next;      /* atomic: the next file to take */
  GMutex                  lock;      /* serialises callbacks; guards the rest */
  guint                   done;
  GError                 *error;     /* the first engine failure */
} Batch;

/* Analyses one file; FALSE when the batch must stop (cancelled, or no worker).
 * The worker is borrowed only for the analysis and given back before the
 * callbacks run, so a callback may itself call into the engine. */
static gboolean
batch_one (Batch *batch, guint index)
{
  const char *path = batch->paths[index];
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImage) image = lk_image_load (path, batch->options->max_pixels, &error);
  g_autoptr(GPtrArray) faces = NULL;

  if (image != NULL)
    {
      LkFaceWorker *worker = acquire_worker (batch->engine, &error);

      if (worker == NULL)
        {
          g_mutex_lock (&batch->lock);
          if (batch->error == NULL)
            batch->error = g_steal_pointer (&error);
          g_mutex_unlock (&batch->lock);
          return FALSE;
        }
      faces = _lk_face_worker_analyze (worker, image, batch->options, batch->cancellable, &error);
      release_worker (batch->engine, worker);
      if (faces == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return FALSE;
      if (faces == NULL)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_prefix_error (&error, "“%s”: ", display);
        }
    }
  g_mutex_lock (&batch->lock);
  if (batch->result != NULL)
    batch->result (index, path, image ? lk_image_get_width (image) : 0,
                   image ? lk_image_get_height (image) : 0, faces, error, batch->user_data);
  batch->done++;
  if (batch->progress != NULL)
    batch->progress (batch->done, batch->n_paths, batch->user_data);
  g_mutex_unlock (&batch->lock);
  return TRUE;
}

static gpointer
batch_thread (gpointer data)
{
  Batch *batch = data;

  while (!g_cancellable_is_cancelled (batch->cancellable))
    {
      guint index = (guint) g_atomic_int_add (&batch->next, 1);

      if (index >= batch->n_paths || !batch_one (batch, index))
        break;
    }
  return NULL;
}

gboolean
lk_face_engine_analyze_files (LkFaceEngine *self, const char * const *paths, guint n_paths,
                              const LkAnalyzeOptions *options, LkBatchResultFunc result,
                              LkBatchProgressFunc progress, gpointer user_data,
                              GCancellable *cancellable, GError **error)
{
  LkAnalyzeOptions defaults = LK_ANALYZE_OPTIONS_INIT;
  Batch batch = { 0 };
  g_autofree GThread **threads = NULL;
  guint n_threads;

  g_return_val_if_fail (LK_IS_FACE_ENGINE (self), FALSE);
  g_return_val_if_fail (paths != NULL || n_paths == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  batch = (Batch) { self, paths, n_paths, options ? options : &defaults, result, progress,
                    user_data, cancellable, 0, { 0 }, 0, NULL };
  g_mutex_init (&batch.lock);
  n_threads = MIN (self->n_workers, n_paths);
  threads = g_new0 (GThread *, MAX (n_threads, 1));
  for (guint i = 0; i < n_threads; i++)
    threads[i] = g_thread_new ("lk-analyze", batch_thread, &batch);
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&batch.lock);

  if (batch.error != NULL)
    {
      g_propagate_error (error, batch.error);
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
