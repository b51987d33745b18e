/* lk-faces-view.h — every face of the case as a grid of chips */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_FACES_VIEW (lk_faces_view_get_type ())
G_DECLARE_FINAL_TYPE (LkFacesView, lk_faces_view, LK, FACES_VIEW, LkSection)

LkFacesView *lk_faces_view_new         (void);
/* The faces after filtering, as LkFaceObject (for tests and the benchmark). */
GListModel  *lk_faces_view_get_model   (LkFacesView *self);
gboolean     lk_faces_view_is_loading  (LkFacesView *self);
/* Links the selected faces to the person named (found or created). */
void         lk_faces_view_make_reference (LkFacesView *self, const char *person_name);
GtkSelectionModel *lk_faces_view_get_selection (LkFacesView *self);

G_END_DECLS
