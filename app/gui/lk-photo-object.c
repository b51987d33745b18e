/* lk-photo-object.c — one photo of the case as a list item */
#define G_LOG_DOMAIN "lk-photo-object"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-video.h"
#include "lk-photo-object.h"

struct _LkPhotoObject
{
  GObject     parent_instance;

  LkPhoto    *photo;
  GdkTexture *texture;
};

G_DEFINE_FINAL_TYPE (LkPhotoObject, lk_photo_object, G_TYPE_OBJECT)

enum { PROP_0, PROP_TEXTURE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
lk_photo_object_finalize (GObject *object)
{
  LkPhotoObject *self = LK_PHOTO_OBJECT (object);

  g_clear_pointer (&self->photo, lk_photo_free);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (lk_photo_object_parent_class)->finalize (object);
}

static void
lk_photo_object_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkPhotoObject *self = LK_PHOTO_OBJECT (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_photo_object_class_init (LkPhotoObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_photo_object_finalize;
  object_class->get_property = lk_photo_object_get_property;

  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_photo_object_init (LkPhotoObject *self)
{
}

LkPhotoObject *
lk_photo_object_new (LkPhoto *photo)
{
  LkPhotoObject *self;

  g_return_val_if_fail (photo != NULL, NULL);

  self = g_object_new (LK_TYPE_PHOTO_OBJECT, NULL);
  self->photo = photo;
  return self;
}

const LkPhoto *
lk_photo_object_get_photo (LkPhotoObject *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_OBJECT (self), NULL);
  return self->photo;
}

gint64
lk_photo_object_get_id (LkPhotoObject *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_OBJECT (self), 0);
  return self->photo->id;
}

GdkTexture *
lk_photo_object_get_texture (LkPhotoObject *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_OBJECT (self), NULL);
  return self->texture;
}

void
lk_photo_object_set_texture (LkPhotoObject *self,
                             GdkTexture    *texture)
{
  g_return_if_fail (LK_IS_PHOTO_OBJECT (self));
  if (g_set_object (&self->texture, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

char *
lk_photo_dup_caption (const LkPhoto *photo)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (photo != NULL, NULL);
  if (photo->video_name == NULL)
    return g_strdup (photo->original_name);
  code = lk_format_time_code (photo->time_ms);
  /* Translators: where a face is from: a video's file name · the time code of its frame. */
  return g_strdup_printf (_("%s · %s"), photo->video_name, code);
}
