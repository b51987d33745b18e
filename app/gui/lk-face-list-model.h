/* lk-face-list-model.h — every face of a case as a list, without an object per face
 *
 * The Faces grid shows 100,000 faces.  Its model keeps them as compact rows
 * (LkFaceRows, about 50 bytes a face, read on the session worker) and makes
 * the LkFaceObject of a position only when a widget asks for it, so opening,
 * filtering and reloading cost the main thread nothing per face it does not
 * show.  An object stays the same while anybody holds it, also across
 * reloads: a reload updates it in place (its "status" is notified) and emits
 * items-changed only where the list really changed.
 */
#pragma once

#include <gtk/gtk.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

/* The faces of one listing, in id order; built on any thread, then given to
 * an LkFaceListModel on the main thread. */
typedef struct _LkFaceRows LkFaceRows;

LkFaceRows *lk_face_rows_new        (void);
void        lk_face_rows_free       (LkFaceRows *rows);
/* Faces must come in increasing id order (as lk_case_foreach_face_brief gives them). */
void        lk_face_rows_append     (LkFaceRows *rows, const LkCaseFaceBrief *face);
guint       lk_face_rows_get_len    (LkFaceRows *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFaceRows, lk_face_rows_free)

typedef enum {
  LK_FACE_QUALITY_ANY,
  LK_FACE_QUALITY_GOOD,
  LK_FACE_QUALITY_PROBLEM,
} LkFaceQualityFilter;

#define LK_TYPE_FACE_LIST_MODEL (lk_face_list_model_get_type ())
G_DECLARE_FINAL_TYPE (LkFaceListModel, lk_face_list_model, LK, FACE_LIST_MODEL, GObject)

/* A GListModel of LkFaceObject, for the main thread (its objects are found
 * again and forgotten there). */
LkFaceListModel *lk_face_list_model_new          (void);
/* Takes @rows (NULL empties the list). */
void             lk_face_list_model_set_rows     (LkFaceListModel *self, LkFaceRows *rows);
/* @status and @role: -1 for any, else an LkFaceStatus / LkPhotoRole. */
void             lk_face_list_model_set_filter   (LkFaceListModel *self, int status, int role,
                                                  LkFaceQualityFilter quality);
/* Every face of the rows, shown or filtered out. */
guint            lk_face_list_model_get_n_faces  (LkFaceListModel *self);
/* The face id at @position without making its object (0 when out of range). */
gint64           lk_face_list_model_get_id       (LkFaceListModel *self, guint position);

G_END_DECLS
