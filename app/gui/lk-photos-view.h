/* lk-photos-view.h — the case's photos: a thumbnail grid and one photo with its faces */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_PHOTOS_VIEW (lk_photos_view_get_type ())
G_DECLARE_FINAL_TYPE (LkPhotosView, lk_photos_view, LK, PHOTOS_VIEW, LkSection)

LkPhotosView *lk_photos_view_new         (void);
/* LkPhotoObject items of the grid. */
GListModel   *lk_photos_view_get_model   (LkPhotosView *self);
/* Opens one photo (face_id 0: none selected). */
void          lk_photos_view_show_photo  (LkPhotosView *self, gint64 photo_id, gint64 face_id);
void          lk_photos_view_show_grid   (LkPhotosView *self);
/* The open photo's faces (LkFaceObject) and whether its image is loaded. */
GListModel   *lk_photos_view_get_photo_faces (LkPhotosView *self);
gboolean      lk_photos_view_is_photo_ready  (LkPhotosView *self);
/* What the canvas would do when the analyst draws a box (in photo pixels). */
void          lk_photos_view_add_manual_face (LkPhotosView *self, int x, int y, int width, int height);
void          lk_photos_view_mark_not_a_face (LkPhotosView *self, gint64 face_id, gboolean not_a_face);

G_END_DECLS
