/* lk-review-canvas.h — one zoomable view of a face chip or a photo
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_REVIEW_CANVAS (lk_review_canvas_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewCanvas, lk_review_canvas, LK, REVIEW_CANVAS, GtkWidget)

GtkWidget  *lk_review_canvas_new                   (void);

void        lk_review_canvas_set_texture           (LkReviewCanvas        *self,
                                                    GdkTexture            *texture);
GdkTexture *lk_review_canvas_get_texture           (LkReviewCanvas        *self);
/* A second image drawn over the first (overlay mode); NULL for none. */
void        lk_review_canvas_set_overlay_texture   (LkReviewCanvas        *self,
                                                    GdkTexture            *texture);
GdkTexture *lk_review_canvas_get_overlay_texture   (LkReviewCanvas        *self);

/* The part of the image that zoom 1 fits into the widget; NULL: the whole image. */
void        lk_review_canvas_set_focus             (LkReviewCanvas        *self,
                                                    const graphene_rect_t *focus);
/* A face box drawn on the image; NULL for none. */
void        lk_review_canvas_set_face_box          (LkReviewCanvas        *self,
                                                    const graphene_rect_t *box);
/* 68 points in image pixels; NULL for none.  The overlay set is drawn in a
 * second colour so the two faces' shapes can be told apart. */
void        lk_review_canvas_set_landmarks         (LkReviewCanvas        *self,
                                                    const float          (*points)[2]);
void        lk_review_canvas_set_overlay_landmarks (LkReviewCanvas        *self,
                                                    const float          (*points)[2]);

double      lk_review_canvas_get_zoom              (LkReviewCanvas        *self);
void        lk_review_canvas_set_zoom              (LkReviewCanvas        *self,
                                                    double                 zoom);
/* Zooms by a factor about the widget centre, keeping the viewport limits. */
void        lk_review_canvas_zoom_by               (LkReviewCanvas        *self,
                                                    double                 factor);
void        lk_review_canvas_reset_view            (LkReviewCanvas        *self);
/* 1:1: one image pixel per device pixel (the window's scale factor taken
 * into account), about the widget centre.  Does nothing before the canvas
 * has a size. */
void        lk_review_canvas_zoom_actual           (LkReviewCanvas        *self);
/* Device pixels per image pixel: 1.0 at 1:1; the canvas shows it as a percentage. */
double      lk_review_canvas_get_pixel_ratio       (LkReviewCanvas        *self);
/* The widget position of an image point under the current viewport. */
void        lk_review_canvas_image_to_widget       (LkReviewCanvas         *self,
                                                    const graphene_point_t *image,
                                                    graphene_point_t       *widget);
/* TRUE once a gamma change has been applied to the textures being shown. */
gboolean    lk_review_canvas_is_tone_ready         (LkReviewCanvas        *self);

G_END_DECLS
