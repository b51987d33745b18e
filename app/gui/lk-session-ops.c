/* lk-session-ops.c — typed operations on an open case
 *
 * Each store call the sections make is an _async/_finish pair with its own
 * result type, the way GNOME Text Editor saves a document: the list comes
 * back as a GPtrArray, an id as a gint64 through g_task_propagate_int(), a
 * yes/no as a gboolean.  The jobs run on the session's worker thread in
 * order with every other job; _finish checks that the result is its own.
 */
#define G_LOG_DOMAIN "lk-session"

#include "lk-config.h"

#include <stdlib.h>
#include <string.h>

#include "case/lk-case-verification.h"
#include "lk-session-private.h"

/* The analyst and the fields as they were when the analyst asked. */
typedef struct {
  char    *analyst;
  gint64   id;
  gboolean flag;
  char    *text;
  char    *name, *born, *died, *notes, *external_ref;
  char   **aliases;
} OpData;

static void
op_data_free (gpointer p)
{
  OpData *d = p;

  g_free (d->analyst);
  g_free (d->text);
  g_free (d->name);
  g_free (d->born);
  g_free (d->died);
  g_free (d->notes);
  g_free (d->external_ref);
  g_strfreev (d->aliases);
  g_free (d);
}

static OpData *
op_data_new (LkSession *self,
             gint64     id)
{
  OpData *d = g_new0 (OpData, 1);

  d->analyst = g_strdup (lk_session_get_analyst (self));
  d->id = id;
  return d;
}

static OpData *
op_data_new_person (LkSession            *self,
                    gint64                person_id,
                    const LkPersonFields *fields)
{
  OpData *d = op_data_new (self, person_id);

  d->name = g_strdup (fields->display_name);
  d->aliases = g_strdupv ((char **) fields->aliases);
  d->born = g_strdup (fields->born);
  d->died = g_strdup (fields->died);
  d->notes = g_strdup (fields->notes);
  d->external_ref = g_strdup (fields->external_ref);
  return d;
}

static LkPersonFields
op_data_person_fields (const OpData *d)
{
  return (LkPersonFields) {
    .display_name = d->name, .aliases = (const char * const *) d->aliases, .born = d->born,
    .died = d->died, .notes = d->notes, .external_ref = d->external_ref,
  };
}

static gboolean
is_own_result (LkSession    *self,
               GAsyncResult *result,
               gpointer      source_tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* For the operations whose answer is yes or no: an id, a flag and a text. */
static void
run_flag_op (LkSession          *self,
             LkSessionIntJob     job,
             gint64              id,
             gboolean            flag,
             const char         *text,
             gpointer            source_tag,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  OpData *d = op_data_new (self, id);

  d->flag = flag;
  d->text = g_strdup (text);
  _lk_session_run_int (self, job, d, op_data_free, source_tag, cancellable, callback, user_data);
}

static gboolean
finish_flag_op (LkSession    *self,
                GAsyncResult *result,
                gpointer      source_tag,
                GError      **error)
{
  g_return_val_if_fail (is_own_result (self, result, source_tag), FALSE);
  return g_task_propagate_int (G_TASK (result), error) != 0;
}

/* ---- Photos ---------------------------------------------------------------- */

typedef struct {
  char    *key;     /* collation key of the file name */
  LkPhoto *photo;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  /* Same name in two folders: the one imported first comes first. */
  return c != 0 ? c : (x->photo->id > y->photo->id) - (x->photo->id < y->photo->id);
}

/* By file name as a file manager sorts them (bbt2 before bbt10), not by
 * import order: the importer works on several photos at once, so that order
 * changes from one import to the next. */
static gpointer
list_photos_job (LkCase        *kase,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (kase, -1, error);
  g_autofree SortEntry *entries = NULL;

  if (photos == NULL)
    return NULL;
  entries = g_new (SortEntry, photos->len + 1);
  for (guint i = 0; i < photos->len; i++)
    {
      LkPhoto *photo = g_ptr_array_index (photos, i);

      entries[i].photo = photo;
      entries[i].key = g_utf8_collate_key_for_filename (photo->original_name != NULL ? photo->original_name : "", -1);
    }
  qsort (entries, photos->len, sizeof (SortEntry), compare_entries);
  for (guint i = 0; i < photos->len; i++)
    {
      photos->pdata[i] = entries[i].photo;
      g_free (entries[i].key);
    }
  return g_steal_pointer (&photos);
}

void
lk_session_list_photos_async (LkSession          *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  _lk_session_run_tagged (self, list_photos_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          lk_session_list_photos_async, cancellable, callback, user_data);
}

/**
 * lk_session_list_photos_finish:
 * Returns: (transfer container): of LkPhoto (the array frees them), NULL with @error
 */
GPtrArray *
lk_session_list_photos_finish (LkSession    *self,
                               GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (is_own_result (self, result, lk_session_list_photos_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- People ---------------------------------------------------------------- */

static gint64
add_person_job (LkCase        *kase,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  OpData *d = data;
  LkPersonFields fields = op_data_person_fields (d);

  return lk_case_add_person (kase, d->analyst, &fields, error);
}

void
lk_session_add_person_async (LkSession            *self,
                             const LkPersonFields *fields,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (fields != NULL);
  _lk_session_run_int (self, add_person_job, op_data_new_person (self, 0, fields), op_data_free,
                       lk_session_add_person_async, cancellable, callback, user_data);
}

gint64
lk_session_add_person_finish (LkSession    *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (is_own_result (self, result, lk_session_add_person_async), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

static gint64
edit_person_job (LkCase        *kase,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  OpData *d = data;
  LkPersonFields fields = op_data_person_fields (d);

  return lk_case_edit_person (kase, d->analyst, d->id, &fields, error);
}

void
lk_session_edit_person_async (LkSession            *self,
                              gint64                person_id,
                              const LkPersonFields *fields,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (fields != NULL);
  _lk_session_run_int (self, edit_person_job, op_data_new_person (self, person_id, fields), op_data_free,
                       lk_session_edit_person_async, cancellable, callback, user_data);
}

gboolean
lk_session_edit_person_finish (LkSession    *self,
                               GAsyncResult *result,
                               GError      **error)
{
  return finish_flag_op (self, result, lk_session_edit_person_async, error);
}

static gint64
retire_person_job (LkCase        *kase,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  OpData *d = data;

  return lk_case_set_person_retired (kase, d->analyst, d->id, d->flag, d->text, error);
}

void
lk_session_set_person_retired_async (LkSession          *self,
                                     gint64              person_id,
                                     gboolean            retired,
                                     const char         *reason,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  run_flag_op (self, retire_person_job, person_id, retired, reason, lk_session_set_person_retired_async,
               cancellable, callback, user_data);
}

gboolean
lk_session_set_person_retired_finish (LkSession    *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  return finish_flag_op (self, result, lk_session_set_person_retired_async, error);
}

/* ---- Faces and verification ------------------------------------------------ */

static gint64
not_a_face_job (LkCase        *kase,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  OpData *d = data;

  return lk_case_set_face_not_a_face (kase, d->analyst, d->id, d->flag, d->text, error);
}

void
lk_session_set_face_not_a_face_async (LkSession          *self,
                                      gint64              face_id,
                                      gboolean            not_a_face,
                                      const char         *reason,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  run_flag_op (self, not_a_face_job, face_id, not_a_face, reason, lk_session_set_face_not_a_face_async,
               cancellable, callback, user_data);
}

gboolean
lk_session_set_face_not_a_face_finish (LkSession    *self,
                                       GAsyncResult *result,
                                       GError      **error)
{
  return finish_flag_op (self, result, lk_session_set_face_not_a_face_async, error);
}

static gint64
resolve_job (LkCase        *kase,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  OpData *d = data;

  return lk_case_resolve_conflict (kase, d->analyst, d->id, d->text, error);
}

/* The supervisor is the session's analyst. */
void
lk_session_resolve_conflict_async (LkSession          *self,
                                   gint64              item_id,
                                   const char         *resolution,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  run_flag_op (self, resolve_job, item_id, FALSE, resolution, lk_session_resolve_conflict_async,
               cancellable, callback, user_data);
}

gboolean
lk_session_resolve_conflict_finish (LkSession    *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  return finish_flag_op (self, result, lk_session_resolve_conflict_async, error);
}
