/* lk-review-probe.c — one face in the Review queue
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-private.h"

G_DEFINE_FINAL_TYPE (LkReviewProbe, lk_review_probe, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_review_probe_finalize (GObject *object)
{
  LkReviewProbe *self = LK_REVIEW_PROBE (object);

  g_free (self->file);
  g_free (self->person_name);
  g_free (self->best_name);
  g_clear_object (&self->thumbnail);

  G_OBJECT_CLASS (lk_review_probe_parent_class)->finalize (object);
}

static void
lk_review_probe_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkReviewProbe *self = LK_REVIEW_PROBE (object);

  switch (prop_id)
    {
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_review_probe_class_init (LkReviewProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_review_probe_finalize;
  object_class->get_property = lk_review_probe_get_property;

  properties[PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_review_probe_init (LkReviewProbe *self)
{
  self->best_distance = -1;
}

LkReviewProbe *
lk_review_probe_new (gint64 face_id)
{
  LkReviewProbe *self = g_object_new (LK_TYPE_REVIEW_PROBE, NULL);

  self->face_id = face_id;
  return self;
}

void
lk_review_probe_set_thumbnail (LkReviewProbe *self,
                               GdkTexture    *texture)
{
  g_return_if_fail (LK_IS_REVIEW_PROBE (self));

  if (g_set_object (&self->thumbnail, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}
