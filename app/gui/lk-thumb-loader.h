/* lk-thumb-loader.h — loads face chips and photo thumbnails on demand
 *
 * Views ask for the items they show; requests made in one main-loop
 * iteration are batched into one session job, decoded to textures on the
 * worker, and set on the items on the main thread.  Only the most recently
 * loaded textures are kept, so scrolling through 100,000 faces does not keep
 * 100,000 textures alive.
 */
#pragma once

#include <gtk/gtk.h>

#include "lk-session.h"

G_BEGIN_DECLS

typedef enum {
  LK_THUMB_FACE_CHIP,     /* items are LkFaceObject */
  LK_THUMB_PHOTO,         /* items are LkPhotoObject */
} LkThumbKind;

#define LK_TYPE_THUMB_LOADER (lk_thumb_loader_get_type ())
G_DECLARE_FINAL_TYPE (LkThumbLoader, lk_thumb_loader, LK, THUMB_LOADER, GObject)

LkThumbLoader *lk_thumb_loader_new         (LkThumbKind kind, guint max_cached);
void           lk_thumb_loader_set_session (LkThumbLoader *self, LkSession *session);
/* Loads the item's texture unless it has one or is already queued. */
void           lk_thumb_loader_request     (LkThumbLoader *self, GObject *item);
/* Forgets queued requests and cached textures (e.g. when the list reloads). */
void           lk_thumb_loader_clear       (LkThumbLoader *self);

G_END_DECLS
