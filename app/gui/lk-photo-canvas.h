/* lk-photo-canvas.h — a photo with its face boxes: zoom, pan, click, draw */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_PHOTO_CANVAS (lk_photo_canvas_get_type ())
G_DECLARE_FINAL_TYPE (LkPhotoCanvas, lk_photo_canvas, LK, PHOTO_CANVAS, GtkWidget)

GtkWidget *lk_photo_canvas_new          (void);
/* The decoded photo; boxes are in its pixel coordinates. */
void       lk_photo_canvas_set_texture  (LkPhotoCanvas *self, GdkTexture *texture);
/* LkFaceObject items; the canvas follows the model. */
void       lk_photo_canvas_set_faces    (LkPhotoCanvas *self, GListModel *faces);
void       lk_photo_canvas_set_selected (LkPhotoCanvas *self, gint64 face_id);
/* In draw mode a drag draws a new box ("box-drawn") instead of panning. */
void       lk_photo_canvas_set_draw_mode (LkPhotoCanvas *self, gboolean draw);
gboolean   lk_photo_canvas_get_draw_mode (LkPhotoCanvas *self);
/* 1.0 = the whole photo fits; zoom is relative to that. */
void       lk_photo_canvas_set_zoom     (LkPhotoCanvas *self, double zoom);
double     lk_photo_canvas_get_zoom     (LkPhotoCanvas *self);

G_END_DECLS
