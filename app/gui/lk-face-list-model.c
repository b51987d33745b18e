/* lk-face-list-model.c — every face of a case as a list, without an object per face
 *
 * A GListStore of 100,000 LkFaceObjects cost the case opening a second and
 * a half: 100,000 objects and strings made on the worker, then a sequence
 * of 100,000 nodes and a filter model walked on the main thread.  Here the
 * faces are one array of small rows whose strings are shared (a photo's
 * 100 faces share its file name); objects exist only for the positions a
 * widget (or anybody else) holds, found again through a table of weak
 * references so that a position keeps its object while it is held.
 */
#define G_LOG_DOMAIN "lk-face-list-model"

#include "lk-config.h"

#include "lk-face-list-model.h"
#include "lk-face-object.h"

typedef struct {
  gint64      id;
  gint64      photo_id;
  gint64      person_id;
  const char *file;          /* in the rows' string chunk */
  const char *person_name;   /* in the rows' string chunk; NULL when none */
  const char *video_name;    /* in the rows' string chunk; NULL for a photo */
  const char *nearest_name;  /* in the rows' string chunk; NULL when none */
  gint64      time_ms;
  float       nearest_distance;
  guint8      status;
  guint8      role;
  guint8      good_quality;
} LkFaceRow;

struct _LkFaceRows
{
  GArray       *rows;        /* of LkFaceRow, by increasing id */
  GStringChunk *strings;
};

/* One object a widget holds: found by face id, forgotten when it dies. */
typedef struct {
  LkFaceListModel *model;
  LkFaceObject    *object;
  gint64           id;
} LiveItem;

struct _LkFaceListModel
{
  GObject              parent_instance;

  LkFaceRows          *rows;       /* NULL: empty */
  guint32             *index;      /* the rows shown while filtering, else NULL */
  guint                n_index;
  int                  status;
  int                  role;
  LkFaceQualityFilter  quality;
  GHashTable          *live;       /* gint64* id → LiveItem* */
};

static void lk_face_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkFaceListModel, lk_face_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lk_face_list_model_iface_init))

/* ---- Rows ------------------------------------------------------------------- */

LkFaceRows *
lk_face_rows_new (void)
{
  LkFaceRows *rows = g_new0 (LkFaceRows, 1);

  rows->rows = g_array_new (FALSE, FALSE, sizeof (LkFaceRow));
  rows->strings = g_string_chunk_new (64 * 1024);
  return rows;
}

void
lk_face_rows_free (LkFaceRows *rows)
{
  if (rows == NULL)
    return;
  g_array_unref (rows->rows);
  g_string_chunk_free (rows->strings);
  g_free (rows);
}

void
lk_face_rows_append (LkFaceRows            *rows,
                     const LkCaseFaceBrief *face)
{
  LkFaceRow row = { 0 };

  g_return_if_fail (rows != NULL);
  g_return_if_fail (face != NULL);
  g_return_if_fail (rows->rows->len == 0 ||
                    g_array_index (rows->rows, LkFaceRow, rows->rows->len - 1).id < face->id);

  row.id = face->id;
  row.photo_id = face->photo_id;
  row.person_id = face->person_id;
  row.file = face->file != NULL ? g_string_chunk_insert_const (rows->strings, face->file) : NULL;
  row.person_name = face->person_name != NULL
                      ? g_string_chunk_insert_const (rows->strings, face->person_name) : NULL;
  row.video_name = face->video_name != NULL
                     ? g_string_chunk_insert_const (rows->strings, face->video_name) : NULL;
  row.time_ms = face->time_ms;
  row.nearest_name = face->nearest_name != NULL
                       ? g_string_chunk_insert_const (rows->strings, face->nearest_name) : NULL;
  row.nearest_distance = (float) face->nearest_distance;
  row.status = face->status;
  row.role = face->role;
  row.good_quality = face->quality_flags == 0;
  g_array_append_val (rows->rows, row);
}

guint
lk_face_rows_get_len (LkFaceRows *rows)
{
  g_return_val_if_fail (rows != NULL, 0);
  return rows->rows->len;
}

static inline const LkFaceRow *
rows_get (LkFaceRows *rows,
          guint       i)
{
  return &g_array_index (rows->rows, LkFaceRow, i);
}

/* Rows are in id order: a binary search finds a face. */
static const LkFaceRow *
rows_find (LkFaceRows *rows,
           gint64      id)
{
  guint lo = 0, hi = rows != NULL ? rows->rows->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const LkFaceRow *row = rows_get (rows, mid);

      if (row->id == id)
        return row;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* ---- Live objects --------------------------------------------------------- */

static void
live_item_gone (gpointer  data,
                GObject  *where_the_object_was)
{
  LiveItem *live = data;

  /* The object is going: its weak references are already gone with it. */
  g_hash_table_steal (live->model->live, &live->id);
  g_free (live);
}

static void
live_item_release (gpointer data)
{
  LiveItem *live = data;

  g_object_weak_unref (G_OBJECT (live->object), live_item_gone, live);
  g_free (live);
}

static LkFaceObject *
object_for_row (LkFaceListModel *self,
                const LkFaceRow *row)
{
  LiveItem *live = g_hash_table_lookup (self->live, &row->id);
  LkCaseFaceBrief brief = { 0 };

  if (live != NULL)
    return g_object_ref (live->object);

  brief.id = row->id;
  brief.photo_id = row->photo_id;
  brief.role = row->role;
  brief.file = row->file;
  brief.status = row->status;
  brief.person_id = row->person_id;
  brief.person_name = row->person_name;
  brief.video_name = row->video_name;
  brief.time_ms = row->time_ms;
  brief.nearest_name = row->nearest_name;
  brief.nearest_distance = row->nearest_distance;
  live = g_new0 (LiveItem, 1);
  live->model = self;
  live->id = row->id;
  live->object = lk_face_object_new_brief (&brief, row->good_quality);
  g_object_weak_ref (G_OBJECT (live->object), live_item_gone, live);
  g_hash_table_insert (self->live, &live->id, live);
  return live->object;
}

/* The objects held across a reload take the new rows' values, so a cell
 * keeps its chip and only updates its badge and caption. */
static void
update_live_objects (LkFaceListModel *self,
                     LkFaceRows      *rows)
{
  GHashTableIter iter;
  LiveItem *live;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &live))
    {
      const LkFaceRow *row = rows_find (rows, live->id);

      if (row != NULL)
        {
          lk_face_object_set_review (live->object, row->status, row->person_id, row->person_name);
          lk_face_object_set_nearest (live->object, row->nearest_name, row->nearest_distance);
        }
      else
        g_hash_table_iter_remove (&iter);
    }
}

/* ---- Filtering ------------------------------------------------------------ */

static gboolean
filtering (LkFaceListModel *self)
{
  return self->status >= 0 || self->role >= 0 || self->quality != LK_FACE_QUALITY_ANY;
}

static gboolean
row_matches (LkFaceListModel *self,
             const LkFaceRow *row)
{
  if (self->status >= 0 && row->status != self->status)
    return FALSE;
  if (self->role >= 0 && row->role != self->role)
    return FALSE;
  if (self->quality == LK_FACE_QUALITY_GOOD && !row->good_quality)
    return FALSE;
  if (self->quality == LK_FACE_QUALITY_PROBLEM && row->good_quality)
    return FALSE;
  return TRUE;
}

/* One pass over the compact rows: about a millisecond for 100,000 faces,
 * so a change of filter is applied at once, on the main thread. */
static guint32 *
build_index (LkFaceListModel *self,
             LkFaceRows      *rows,
             guint           *n_index)
{
  guint len = rows != NULL ? rows->rows->len : 0;
  guint32 *index;
  guint n = 0;

  *n_index = 0;
  if (!filtering (self))
    return NULL;
  index = g_new (guint32, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    if (row_matches (self, rows_get (rows, i)))
      index[n++] = i;
  *n_index = n;
  return g_renew (guint32, index, MAX (n, 1));
}

static guint
visible_len (LkFaceListModel *self)
{
  if (self->index != NULL)
    return self->n_index;
  return self->rows != NULL ? self->rows->rows->len : 0;
}

static const LkFaceRow *
visible_row (LkFaceListModel *self,
             guint            position)
{
  if (position >= visible_len (self))
    return NULL;
  return rows_get (self->rows, self->index != NULL ? self->index[position] : position);
}

/* ---- GListModel ----------------------------------------------------------- */

static GType
lk_face_list_model_get_item_type (GListModel *model)
{
  return LK_TYPE_FACE_OBJECT;
}

static guint
lk_face_list_model_get_n_items (GListModel *model)
{
  return visible_len (LK_FACE_LIST_MODEL (model));
}

static gpointer
lk_face_list_model_get_item (GListModel *model,
                             guint       position)
{
  LkFaceListModel *self = LK_FACE_LIST_MODEL (model);
  const LkFaceRow *row = visible_row (self, position);

  return row != NULL ? object_for_row (self, row) : NULL;
}

static void
lk_face_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_face_list_model_get_item_type;
  iface->get_n_items = lk_face_list_model_get_n_items;
  iface->get_item = lk_face_list_model_get_item;
}

/* ---- Changes ---------------------------------------------------------------- */

static gboolean
rows_differ (const LkFaceRow *a,
             const LkFaceRow *b)
{
  return a->status != b->status || a->person_id != b->person_id || a->role != b->role ||
         a->good_quality != b->good_quality || g_strcmp0 (a->person_name, b->person_name) != 0;
}

static const LkFaceRow *
old_row (LkFaceRows *rows,
         guint32    *index,
         guint       position)
{
  return rows_get (rows, index != NULL ? index[position] : position);
}

/* When the same faces are shown in the same places (a decision changed a
 * status, a person was renamed), maybe with new ones after them (an import
 * adds faces with higher ids), only the changed runs and the new tail are
 * announced: the grid keeps its scroll position and selection, and rebinds
 * a cell or two.  Two passes over the rows: milliseconds for 100,000 faces. */
static void
emit_changes (LkFaceListModel *self,
              LkFaceRows      *old_rows,
              guint32         *old_index,
              guint            old_len)
{
  guint new_len = visible_len (self);
  guint start = 0;
  gboolean in_run = FALSE;

  for (guint i = 0; i < old_len; i++)
    if (i >= new_len || old_row (old_rows, old_index, i)->id != visible_row (self, i)->id)
      {
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);
        return;
      }
  for (guint i = 0; i <= old_len; i++)
    {
      gboolean differs = i < old_len && rows_differ (old_row (old_rows, old_index, i), visible_row (self, i));

      if (differs && !in_run)
        start = i;
      else if (!differs && in_run)
        g_list_model_items_changed (G_LIST_MODEL (self), start, i - start, i - start);
      in_run = differs;
    }
  if (new_len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, new_len - old_len);
}

/* Swaps in new rows and index, then tells the views what changed. */
static void
replace (LkFaceListModel *self,
         LkFaceRows      *rows,
         guint32         *index,
         guint            n_index)
{
  g_autoptr(LkFaceRows) old_rows = NULL;
  g_autofree guint32 *old_index = NULL;
  guint old_len = visible_len (self);

  old_rows = g_steal_pointer (&self->rows);
  old_index = g_steal_pointer (&self->index);
  self->rows = rows;
  self->index = index;
  self->n_index = n_index;
  if (old_len > 0 && old_rows != NULL)
    emit_changes (self, old_rows, old_index, old_len);
  else if (old_len > 0 || visible_len (self) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, visible_len (self));
}

void
lk_face_list_model_set_rows (LkFaceListModel *self,
                             LkFaceRows      *rows)
{
  guint32 *index;
  guint n_index;

  g_return_if_fail (LK_IS_FACE_LIST_MODEL (self));

  if (rows == self->rows)
    return;
  update_live_objects (self, rows);
  index = build_index (self, rows, &n_index);
  replace (self, rows, index, n_index);
}

void
lk_face_list_model_set_filter (LkFaceListModel     *self,
                               int                  status,
                               int                  role,
                               LkFaceQualityFilter  quality)
{
  guint32 *index;
  guint n_index, old_len;

  g_return_if_fail (LK_IS_FACE_LIST_MODEL (self));

  if (self->status == status && self->role == role && self->quality == quality)
    return;
  self->status = status;
  self->role = role;
  self->quality = quality;
  index = build_index (self, self->rows, &n_index);
  old_len = visible_len (self);
  g_clear_pointer (&self->index, g_free);
  /* The rows stay: only which of them are shown changes. */
  self->index = index;
  self->n_index = n_index;
  if (old_len > 0 || visible_len (self) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, visible_len (self));
}

guint
lk_face_list_model_get_n_faces (LkFaceListModel *self)
{
  g_return_val_if_fail (LK_IS_FACE_LIST_MODEL (self), 0);
  return self->rows != NULL ? self->rows->rows->len : 0;
}

gint64
lk_face_list_model_get_id (LkFaceListModel *self,
                           guint            position)
{
  const LkFaceRow *row;

  g_return_val_if_fail (LK_IS_FACE_LIST_MODEL (self), 0);
  row = visible_row (self, position);
  return row != NULL ? row->id : 0;
}

/* ---- Object --------------------------------------------------------------- */

static void
lk_face_list_model_finalize (GObject *object)
{
  LkFaceListModel *self = LK_FACE_LIST_MODEL (object);

  /* Objects still held elsewhere outlive the model: stop watching them. */
  g_hash_table_unref (self->live);
  lk_face_rows_free (self->rows);
  g_free (self->index);
  G_OBJECT_CLASS (lk_face_list_model_parent_class)->finalize (object);
}

static void
lk_face_list_model_class_init (LkFaceListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_face_list_model_finalize;
}

static void
lk_face_list_model_init (LkFaceListModel *self)
{
  self->status = -1;
  self->role = -1;
  self->quality = LK_FACE_QUALITY_ANY;
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, live_item_release);
}

LkFaceListModel *
lk_face_list_model_new (void)
{
  return g_object_new (LK_TYPE_FACE_LIST_MODEL, NULL);
}
