/* lk-people-view.h — the gallery: persons, their reference and identified faces */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_PEOPLE_VIEW (lk_people_view_get_type ())
G_DECLARE_FINAL_TYPE (LkPeopleView, lk_people_view, LK, PEOPLE_VIEW, LkSection)

LkPeopleView *lk_people_view_new         (void);
/* Persons after the search, as LkPersonObject. */
GListModel   *lk_people_view_get_model   (LkPeopleView *self);
void          lk_people_view_select      (LkPeopleView *self, guint position);
/* Faces of the selected person shown on the right (LkFaceObject). */
GListModel   *lk_people_view_get_reference_faces (LkPeopleView *self);

G_END_DECLS
