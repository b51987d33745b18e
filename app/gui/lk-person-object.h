/* lk-person-object.h — one person of the gallery as a list item */
#pragma once

#include <glib-object.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

#define LK_TYPE_PERSON_OBJECT (lk_person_object_get_type ())
G_DECLARE_FINAL_TYPE (LkPersonObject, lk_person_object, LK, PERSON_OBJECT, GObject)

/* Takes ownership of the person. */
LkPersonObject *lk_person_object_new        (LkPerson *person);
const LkPerson *lk_person_object_get_person (LkPersonObject *self);

G_END_DECLS
