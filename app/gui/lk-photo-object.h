/* lk-photo-object.h — one photo of the case as a list item */
#pragma once

#include <gtk/gtk.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

#define LK_TYPE_PHOTO_OBJECT (lk_photo_object_get_type ())
G_DECLARE_FINAL_TYPE (LkPhotoObject, lk_photo_object, LK, PHOTO_OBJECT, GObject)

/* Takes ownership of the photo. */
LkPhotoObject *lk_photo_object_new         (LkPhoto *photo);
const LkPhoto *lk_photo_object_get_photo   (LkPhotoObject *self);
gint64         lk_photo_object_get_id      (LkPhotoObject *self);
GdkTexture    *lk_photo_object_get_texture (LkPhotoObject *self);
void           lk_photo_object_set_texture (LkPhotoObject *self, GdkTexture *texture);

/* What captions call the photo: "clip.mp4 · 00:12.500" (its video and time
 * code) for a still of a video, else its original file name. */
char          *lk_photo_dup_caption        (const LkPhoto *photo);

G_END_DECLS
