/* lk-face-object.c — one face of the case as a list item */
#define G_LOG_DOMAIN "lk-face-object"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-video.h"
#include "lk-face-object.h"

struct _LkFaceObject
{
  GObject       parent_instance;

  gint64        id;
  gint64        photo_id;
  gint64        person_id;
  char         *person_name;
  char         *file;
  char         *video_name;     /* a still's video, or NULL */
  gint64        time_ms;
  char         *nearest_name;   /* the last match's nearest candidate, or NULL */
  double        nearest_distance;
  int           x, y, width, height;
  guint8        status;
  guint8        role;
  guint8        origin;
  gboolean      good_quality;
  GdkTexture   *texture;
};

G_DEFINE_FINAL_TYPE (LkFaceObject, lk_face_object, G_TYPE_OBJECT)

enum { PROP_0, PROP_TEXTURE, PROP_STATUS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
lk_face_object_finalize (GObject *object)
{
  LkFaceObject *self = LK_FACE_OBJECT (object);

  g_free (self->person_name);
  g_free (self->file);
  g_free (self->video_name);
  g_free (self->nearest_name);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (lk_face_object_parent_class)->finalize (object);
}

static void
lk_face_object_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkFaceObject *self = LK_FACE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_face_object_class_init (LkFaceObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_face_object_finalize;
  object_class->get_property = lk_face_object_get_property;

  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  /* An LkFaceStatus; notified also when only the person changed. */
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, G_MAXINT, 0,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                              G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_face_object_init (LkFaceObject *self)
{
}

LkFaceObject *
lk_face_object_new (const LkCaseFace *face)
{
  LkFaceObject *self;

  LkCaseFaceBrief brief = { 0 };

  g_return_val_if_fail (face != NULL, NULL);

  brief.id = face->id;
  brief.photo_id = face->photo_id;
  brief.role = face->role;
  brief.file = face->file;
  brief.status = face->status;
  brief.person_id = face->person_id;
  brief.person_name = face->person_name;
  brief.time_ms = -1;
  brief.nearest_distance = -1;
  self = lk_face_object_new_brief (&brief, face->quality_flags == 0);
  self->x = face->x;
  self->y = face->y;
  self->width = face->width;
  self->height = face->height;
  self->origin = face->origin;
  return self;
}

LkFaceObject *
lk_face_object_new_brief (const LkCaseFaceBrief *face,
                          gboolean               good_quality)
{
  LkFaceObject *self;

  g_return_val_if_fail (face != NULL, NULL);

  self = g_object_new (LK_TYPE_FACE_OBJECT, NULL);
  self->id = face->id;
  self->photo_id = face->photo_id;
  self->person_id = face->person_id;
  self->person_name = g_strdup (face->person_name);
  self->file = g_strdup (face->file);
  self->video_name = g_strdup (face->video_name);
  self->time_ms = face->video_name != NULL ? face->time_ms : -1;
  self->nearest_name = g_strdup (face->nearest_name);
  self->nearest_distance = face->nearest_name != NULL ? face->nearest_distance : -1;
  self->status = face->status;
  self->role = face->role;
  self->origin = LK_FACE_ORIGIN_DETECTED;
  self->good_quality = good_quality;
  return self;
}

gboolean
lk_face_object_set_review (LkFaceObject *self,
                           LkFaceStatus  status,
                           gint64        person_id,
                           const char   *person_name)
{
  g_return_val_if_fail (LK_IS_FACE_OBJECT (self), FALSE);

  if (self->status == status && self->person_id == person_id &&
      g_strcmp0 (self->person_name, person_name) == 0)
    return FALSE;
  self->status = status;
  self->person_id = person_id;
  g_free (self->person_name);
  self->person_name = g_strdup (person_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  return TRUE;
}

gboolean
lk_face_object_set_nearest (LkFaceObject *self,
                            const char   *name,
                            double        distance)
{
  g_return_val_if_fail (LK_IS_FACE_OBJECT (self), FALSE);

  if (name == NULL)
    distance = -1;
  if (g_strcmp0 (self->nearest_name, name) == 0 && self->nearest_distance == distance)
    return FALSE;
  g_free (self->nearest_name);
  self->nearest_name = g_strdup (name);
  self->nearest_distance = distance;
  /* Cells rewrite their description when "status" changes. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  return TRUE;
}

const char *
lk_face_object_get_nearest (LkFaceObject *self,
                            double       *distance)
{
  g_return_val_if_fail (LK_IS_FACE_OBJECT (self), NULL);
  if (distance != NULL)
    *distance = self->nearest_distance;
  return self->nearest_name;
}

char *
lk_face_object_dup_source (LkFaceObject *self)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (LK_IS_FACE_OBJECT (self), NULL);
  if (self->video_name == NULL)
    return self->file != NULL ? g_path_get_basename (self->file) : g_strdup ("");
  code = lk_format_time_code (self->time_ms);
  /* Translators: where a face is from: a video's file name · the time code of its frame. */
  return g_strdup_printf (_("%s · %s"), self->video_name, code);
}

const char *lk_face_object_get_video_name (LkFaceObject *self) { return self->video_name; }
gint64 lk_face_object_get_time_ms (LkFaceObject *self) { return self->time_ms; }
gint64 lk_face_object_get_id (LkFaceObject *self) { return self->id; }
gint64 lk_face_object_get_photo_id (LkFaceObject *self) { return self->photo_id; }
LkFaceStatus lk_face_object_get_status (LkFaceObject *self) { return self->status; }
LkPhotoRole lk_face_object_get_role (LkFaceObject *self) { return self->role; }
gint64 lk_face_object_get_person_id (LkFaceObject *self) { return self->person_id; }
const char *lk_face_object_get_person_name (LkFaceObject *self) { return self->person_name; }
const char *lk_face_object_get_file (LkFaceObject *self) { return self->file; }
gboolean lk_face_object_get_good_quality (LkFaceObject *self) { return self->good_quality; }
LkFaceOrigin lk_face_object_get_origin (LkFaceObject *self) { return self->origin; }

void
lk_face_object_get_box (LkFaceObject *self,
                        int          *x,
                        int          *y,
                        int          *w,
                        int          *h)
{
  g_return_if_fail (LK_IS_FACE_OBJECT (self));
  *x = self->x;
  *y = self->y;
  *w = self->width;
  *h = self->height;
}

GdkTexture *
lk_face_object_get_texture (LkFaceObject *self)
{
  g_return_val_if_fail (LK_IS_FACE_OBJECT (self), NULL);
  return self->texture;
}

void
lk_face_object_set_texture (LkFaceObject *self,
                            GdkTexture   *texture)
{
  g_return_if_fail (LK_IS_FACE_OBJECT (self));
  if (g_set_object (&self->texture, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

const char *
lk_face_status_get_label (LkFaceStatus status)
{
  switch (status)
    {
    case LK_FACE_STATUS_UNREVIEWED: return _("Unreviewed");
    case LK_FACE_STATUS_IDENTIFIED: return _("Identified");
    case LK_FACE_STATUS_EXCLUDED: return _("Excluded only");
    case LK_FACE_STATUS_INCONCLUSIVE: return _("Inconclusive");
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY: return _("Quality insufficient");
    case LK_FACE_STATUS_NOT_A_FACE: return _("Not a face");
    case LK_FACE_STATUS_REFERENCE: return _("Reference");
    default: return _("Unknown");
    }
}

const char *
lk_face_status_get_css_class (LkFaceStatus status)
{
  switch (status)
    {
    case LK_FACE_STATUS_IDENTIFIED: return "lk-status-identified";
    case LK_FACE_STATUS_REFERENCE: return "lk-status-identified";
    case LK_FACE_STATUS_EXCLUDED: return "lk-status-excluded";
    case LK_FACE_STATUS_INCONCLUSIVE: return "lk-status-excluded";
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY: return "lk-status-excluded";
    case LK_FACE_STATUS_NOT_A_FACE: return "lk-status-not-a-face";
    default: return "lk-status-unreviewed";
    }
}
