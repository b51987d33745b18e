/* lk-photo-page.h — the photo page of Photos: one photo, its faces and evidence */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_PHOTO_PAGE (lk_photo_page_get_type ())
G_DECLARE_FINAL_TYPE (LkPhotoPage, lk_photo_page, LK, PHOTO_PAGE, LkSection)

GtkWidget  *lk_photo_page_new             (void);
/* Opens one photo (face_id 0: none selected). */
void        lk_photo_page_show            (LkPhotoPage *self, gint64 photo_id, gint64 face_id);
/* No photo open: later changes of the case load nothing. */
void        lk_photo_page_close           (LkPhotoPage *self);
gint64      lk_photo_page_get_photo_id    (LkPhotoPage *self);
/* The open photo's faces (LkFaceObject) and whether its image is loaded. */
GListModel *lk_photo_page_get_faces       (LkPhotoPage *self);
gboolean    lk_photo_page_is_ready        (LkPhotoPage *self);
/* The B key: box a missed face, when the case can be changed. */
void        lk_photo_page_toggle_draw     (LkPhotoPage *self);
/* What the canvas does when the analyst draws a box (in photo pixels). */
void        lk_photo_page_add_manual_face (LkPhotoPage *self, int x, int y, int width, int height);
void        lk_photo_page_mark_not_a_face (LkPhotoPage *self, gint64 face_id, gboolean not_a_face);

G_END_DECLS
