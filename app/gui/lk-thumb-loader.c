/* lk-thumb-loader.c — loads face chips and photo thumbnails on demand */
#define G_LOG_DOMAIN "lk-thumb-loader"

#include "lk-config.h"

#include <inttypes.h>

#include "case/lk-case.h"
#include "vision/lk-vision.h"
#include "lk-face-object.h"
#include "lk-photo-object.h"
#include "lk-thumb-loader.h"

#define BATCH_MAX 96
#define PHOTO_THUMB_SIDE 360

struct _LkThumbLoader
{
  GObject       parent_instance;

  LkThumbKind   kind;
  guint         max_cached;
  LkSession    *session;
  GHashTable   *pending;    /* gint64* id → item: asked for, not sent yet */
  GQueue       *order;      /* of gint64* ids in pending, newest last */
  GHashTable   *inflight;   /* gint64* id → item: in the running job */
  GQueue       *cached;     /* items holding a texture, oldest first */
  GCancellable *cancellable;
  guint         idle_id;
};

G_DEFINE_FINAL_TYPE (LkThumbLoader, lk_thumb_loader, G_TYPE_OBJECT)

typedef struct {
  LkThumbKind  kind;
  GArray      *ids;        /* gint64 */
} BatchData;

typedef struct {
  gint64      id;
  GdkTexture *texture;
} BatchResult;

static void schedule (LkThumbLoader *self);

static gint64
item_get_id (GObject *item)
{
  return LK_IS_FACE_OBJECT (item) ? lk_face_object_get_id (LK_FACE_OBJECT (item))
                                  : lk_photo_object_get_id (LK_PHOTO_OBJECT (item));
}

static GdkTexture *
item_get_texture (GObject *item)
{
  return LK_IS_FACE_OBJECT (item) ? lk_face_object_get_texture (LK_FACE_OBJECT (item))
                                  : lk_photo_object_get_texture (LK_PHOTO_OBJECT (item));
}

static void
item_set_texture (GObject    *item,
                  GdkTexture *texture)
{
  if (LK_IS_FACE_OBJECT (item))
    lk_face_object_set_texture (LK_FACE_OBJECT (item), texture);
  else
    lk_photo_object_set_texture (LK_PHOTO_OBJECT (item), texture);
}

static void
batch_data_free (gpointer p)
{
  BatchData *bd = p;

  g_array_unref (bd->ids);
  g_free (bd);
}

static void
batch_result_free (gpointer p)
{
  BatchResult *r = p;

  g_clear_object (&r->texture);
  g_free (r);
}

static GdkTexture *
load_one (LkCase      *kase,
          LkThumbKind  kind,
          gint64       id,
          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (kind == LK_THUMB_FACE_CHIP)
    bytes = lk_case_get_face_chip (kase, id, error);
  else
    {
      g_autofree char *path = lk_case_get_evidence_path (kase, id, error);
      g_autoptr(LkImage) image = NULL;

      if (path != NULL)
        image = lk_image_load (path, 0, error);
      if (image != NULL)
        bytes = lk_image_encode_scaled (image, PHOTO_THUMB_SIDE, TRUE, error);
    }
  if (bytes == NULL)
    return NULL;
  return gdk_texture_new_from_bytes (bytes, error);
}

/* Worker thread: a missing chip is not an error for the batch, the item
 * just keeps its placeholder. */
static gpointer
batch_job (LkCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  BatchData *bd = data;
  GPtrArray *results = g_ptr_array_new_with_free_func (batch_result_free);

  for (guint i = 0; i < bd->ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      BatchResult *r;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      r = g_new0 (BatchResult, 1);
      r->id = g_array_index (bd->ids, gint64, i);
      r->texture = load_one (kase, bd->kind, r->id, &local_error);
      if (r->texture == NULL)
        g_debug ("No thumbnail for %" PRId64 ": %s", r->id, local_error->message);
      g_ptr_array_add (results, r);
    }
  return results;
}

static void
remember (LkThumbLoader *self,
          GObject       *item)
{
  g_queue_push_tail (self->cached, g_object_ref (item));
  while (g_queue_get_length (self->cached) > self->max_cached)
    {
      g_autoptr(GObject) old = g_queue_pop_head (self->cached);

      item_set_texture (old, NULL);
    }
}

static void
batch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkThumbLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = lk_session_run_finish (LK_SESSION (source), result, &error);

  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Loading thumbnails failed: %s", error->message);
      g_hash_table_remove_all (self->inflight);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      BatchResult *r = g_ptr_array_index (results, i);
      GObject *item = g_hash_table_lookup (self->inflight, &r->id);

      GObject *newer = g_hash_table_lookup (self->pending, &r->id);

      if (item != NULL && r->texture != NULL)
        {
          item_set_texture (item, r->texture);
          remember (self, item);
        }
      if (newer != NULL && newer != item && r->texture != NULL)
        {
          item_set_texture (newer, r->texture);
          remember (self, newer);
          g_hash_table_remove (self->pending, &r->id);
        }
    }
  g_hash_table_remove_all (self->inflight);
  schedule (self);
}

static gboolean
send_batch (gpointer user_data)
{
  LkThumbLoader *self = user_data;
  BatchData *bd;

  self->idle_id = 0;
  if (self->session == NULL || g_hash_table_size (self->inflight) > 0)
    return G_SOURCE_REMOVE;

  bd = g_new0 (BatchData, 1);
  bd->kind = self->kind;
  bd->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Newest requests first: they are what the analyst looks at now. */
  while (bd->ids->len < BATCH_MAX && !g_queue_is_empty (self->order))
    {
      g_autofree gint64 *key = g_queue_pop_tail (self->order);
      GObject *item = g_hash_table_lookup (self->pending, key);

      if (item == NULL)
        continue;
      g_hash_table_insert (self->inflight, g_memdup2 (key, sizeof (gint64)), g_object_ref (item));
      g_hash_table_remove (self->pending, key);
      g_array_append_val (bd->ids, *key);
    }
  if (bd->ids->len == 0)
    {
      batch_data_free (bd);
      return G_SOURCE_REMOVE;
    }
  lk_session_run (self->session, batch_job, bd, batch_data_free,
                  (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                  batch_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (LkThumbLoader *self)
{
  if (self->idle_id == 0 && g_hash_table_size (self->pending) > 0)
    /* Before GDK's redraw (HIGH_IDLE + 20): the worker decodes chips while
     * the main thread draws, instead of waiting out a run of frames. */
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, send_batch, self, NULL);
}

void
lk_thumb_loader_request (LkThumbLoader *self,
                         GObject       *item)
{
  gint64 id;

  g_return_if_fail (LK_IS_THUMB_LOADER (self));
  g_return_if_fail (G_IS_OBJECT (item));

  id = item_get_id (item);
  /* A list reloaded while its chips load makes new objects for the same
   * faces: those wait too (batch_done_cb gives them the texture), or they
   * would keep their placeholder for good. */
  if (item_get_texture (item) != NULL || self->session == NULL ||
      g_hash_table_lookup (self->inflight, &id) == item)
    return;
  if (!g_hash_table_contains (self->pending, &id))
    g_queue_push_tail (self->order, g_memdup2 (&id, sizeof id));
  g_hash_table_replace (self->pending, g_memdup2 (&id, sizeof id), g_object_ref (item));
  schedule (self);
}

void
lk_thumb_loader_clear (LkThumbLoader *self)
{
  g_return_if_fail (LK_IS_THUMB_LOADER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->inflight);
  g_queue_clear_full (self->order, g_free);
  g_queue_clear_full (self->cached, g_object_unref);
}

void
lk_thumb_loader_set_session (LkThumbLoader *self,
                             LkSession     *session)
{
  g_return_if_fail (LK_IS_THUMB_LOADER (self));

  lk_thumb_loader_clear (self);
  g_set_object (&self->session, session);
}

static void
lk_thumb_loader_dispose (GObject *object)
{
  LkThumbLoader *self = LK_THUMB_LOADER (object);

  lk_thumb_loader_clear (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_thumb_loader_parent_class)->dispose (object);
}

static void
lk_thumb_loader_finalize (GObject *object)
{
  LkThumbLoader *self = LK_THUMB_LOADER (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->inflight);
  g_queue_free_full (self->order, g_free);
  g_queue_free_full (self->cached, g_object_unref);
  G_OBJECT_CLASS (lk_thumb_loader_parent_class)->finalize (object);
}

static void
lk_thumb_loader_class_init (LkThumbLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_thumb_loader_dispose;
  object_class->finalize = lk_thumb_loader_finalize;
}

static void
lk_thumb_loader_init (LkThumbLoader *self)
{
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->inflight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->order = g_queue_new ();
  self->cached = g_queue_new ();
  self->cancellable = g_cancellable_new ();
}

LkThumbLoader *
lk_thumb_loader_new (LkThumbKind kind,
                     guint       max_cached)
{
  LkThumbLoader *self = g_object_new (LK_TYPE_THUMB_LOADER, NULL);

  self->kind = kind;
  self->max_cached = MAX (max_cached, 16);
  return self;
}
