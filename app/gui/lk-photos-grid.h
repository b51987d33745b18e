/* lk-photos-grid.h — the grid page of Photos: every photo as a thumbnail */
#pragma once

#include <adwaita.h>

#include "lk-thumb-loader.h"

G_BEGIN_DECLS

#define LK_TYPE_PHOTOS_GRID (lk_photos_grid_get_type ())
G_DECLARE_FINAL_TYPE (LkPhotosGrid, lk_photos_grid, LK, PHOTOS_GRID, AdwBin)

GtkWidget *lk_photos_grid_new       (void);
/* @photos: LkPhotoObject items; @loader makes their thumbnails. */
void       lk_photos_grid_set_model (LkPhotosGrid *self, GListModel *photos, LkThumbLoader *loader);

G_END_DECLS
