/* lk-person-object.c — one person of the gallery as a list item */
#define G_LOG_DOMAIN "lk-person-object"

#include "lk-config.h"

#include "lk-person-object.h"

struct _LkPersonObject
{
  GObject       parent_instance;
  LkPerson     *person;
};

G_DEFINE_FINAL_TYPE (LkPersonObject, lk_person_object, G_TYPE_OBJECT)

static void
lk_person_object_finalize (GObject *object)
{
  g_clear_pointer (&LK_PERSON_OBJECT (object)->person, lk_person_free);
  G_OBJECT_CLASS (lk_person_object_parent_class)->finalize (object);
}

static void
lk_person_object_class_init (LkPersonObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_person_object_finalize;
}

static void
lk_person_object_init (LkPersonObject *self)
{
}

LkPersonObject *
lk_person_object_new (LkPerson *person)
{
  LkPersonObject *self;

  g_return_val_if_fail (person != NULL, NULL);
  self = g_object_new (LK_TYPE_PERSON_OBJECT, NULL);
  self->person = person;
  return self;
}

const LkPerson *
lk_person_object_get_person (LkPersonObject *self)
{
  g_return_val_if_fail (LK_IS_PERSON_OBJECT (self), NULL);
  return self->person;
}
