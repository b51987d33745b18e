/* lk-face-object.h — one face of the case as a list item */
#pragma once

#include <gtk/gtk.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

#define LK_TYPE_FACE_OBJECT (lk_face_object_get_type ())
G_DECLARE_FINAL_TYPE (LkFaceObject, lk_face_object, LK, FACE_OBJECT, GObject)

/* Keeps only what lists show (no landmarks), so 100,000 faces stay small. */
LkFaceObject *lk_face_object_new             (const LkCaseFace *face);
/* For the grid of every face: its box is empty and its origin "detected";
 * @face's quality_flags are not read (the grid's rows keep only @good_quality). */
LkFaceObject *lk_face_object_new_brief       (const LkCaseFaceBrief *face, gboolean good_quality);
gint64        lk_face_object_get_id          (LkFaceObject *self);
gint64        lk_face_object_get_photo_id    (LkFaceObject *self);
LkFaceStatus  lk_face_object_get_status      (LkFaceObject *self);
LkPhotoRole   lk_face_object_get_role        (LkFaceObject *self);
gint64        lk_face_object_get_person_id   (LkFaceObject *self);
const char   *lk_face_object_get_person_name (LkFaceObject *self);
const char   *lk_face_object_get_file        (LkFaceObject *self);
gboolean      lk_face_object_get_good_quality (LkFaceObject *self);
void          lk_face_object_get_box         (LkFaceObject *self, int *x, int *y, int *w, int *h);
LkFaceOrigin  lk_face_object_get_origin      (LkFaceObject *self);
/* A decision or reference link changed the face: TRUE (and "status" is
 * notified, so cells showing it update) when anything differs. */
gboolean      lk_face_object_set_review      (LkFaceObject *self, LkFaceStatus status,
                                              gint64 person_id, const char *person_name);
/* Where the face is from, as captions show it: "clip.mp4 · 00:12.500" for
 * a still of a video, else the photo's file name (its base name). */
char         *lk_face_object_dup_source      (LkFaceObject *self);
/* A still's video and time code; NULL and -1 for a photo. */
const char   *lk_face_object_get_video_name  (LkFaceObject *self);
gint64        lk_face_object_get_time_ms     (LkFaceObject *self);
/* The nearest candidate of the last match, NULL (and *distance -1) when none. */
const char   *lk_face_object_get_nearest     (LkFaceObject *self, double *distance);
/* A match changed it: TRUE (and "status" is notified) when it differs. */
gboolean      lk_face_object_set_nearest     (LkFaceObject *self, const char *name, double distance);
/* The chip, loaded on demand by an LkThumbLoader; NULL until then. */
GdkTexture   *lk_face_object_get_texture     (LkFaceObject *self);
void          lk_face_object_set_texture     (LkFaceObject *self, GdkTexture *texture);

/* Words for the analyst, e.g. "Unreviewed", "Not a face". */
const char   *lk_face_status_get_label       (LkFaceStatus status);
/* A CSS class such as "lk-status-identified". */
const char   *lk_face_status_get_css_class   (LkFaceStatus status);

G_END_DECLS
