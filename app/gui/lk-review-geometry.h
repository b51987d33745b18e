/* lk-review-geometry.h — the pure maths behind the Review canvases
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No widget here: viewports (zoom and pan shared between canvases that show
 * different images), the similarity transform dlib's face chips are cut with
 * (to draw the 68 landmarks on an aligned chip) and the view-only tone
 * adjustments.  Kept apart so that tests can check the numbers directly.
 */
#pragma once

#include <glib.h>
#include <graphene.h>

G_BEGIN_DECLS

/* Low enough that 1:1 (lk_review_canvas_zoom_actual) fits a 150-pixel chip
 * in a large canvas, where fitting the chip magnifies it several times. */
#define LK_VIEWPORT_ZOOM_MIN 0.1
#define LK_VIEWPORT_ZOOM_MAX 16.0
/* The view centre may wander this far from the focus centre, in focus sizes. */
#define LK_VIEWPORT_PAN_LIMIT 0.5

/* A view of an image in a widget.  Zoom 1 fits the focus rectangle into the
 * widget; the pan is the offset of the view centre from the focus centre in
 * units of the focus size.  Because nothing in it is in pixels, canvases
 * showing a 150-pixel chip and a 4000-pixel photo can share one viewport and
 * stay in step: both zoom into the same part of the face. */
typedef struct {
  double zoom;
  double pan_x;
  double pan_y;
} LkViewport;

#define LK_VIEWPORT_INIT { 1.0, 0.0, 0.0 }

double   lk_viewport_scale           (const LkViewport      *viewport,
                                      const graphene_rect_t *focus,
                                      double                 width,
                                      double                 height);
void     lk_viewport_image_to_widget (const LkViewport       *viewport,
                                      const graphene_rect_t  *focus,
                                      double                  width,
                                      double                  height,
                                      const graphene_point_t *image,
                                      graphene_point_t       *widget);
void     lk_viewport_widget_to_image (const LkViewport       *viewport,
                                      const graphene_rect_t  *focus,
                                      double                  width,
                                      double                  height,
                                      const graphene_point_t *widget,
                                      graphene_point_t       *image);
void     lk_viewport_zoom_at         (LkViewport             *viewport,
                                      const graphene_rect_t  *focus,
                                      double                  width,
                                      double                  height,
                                      double                  factor,
                                      const graphene_point_t *widget_point);
void     lk_viewport_pan_by          (LkViewport             *viewport,
                                      const graphene_rect_t  *focus,
                                      double                  width,
                                      double                  height,
                                      double                  dx,
                                      double                  dy);
void     lk_viewport_clamp           (LkViewport             *viewport);

/* The rectangle of the photo to show around a face box: the box grown by
 * `context` on every side (in box sizes) and kept inside the photo. */
void     lk_review_context_focus     (const graphene_rect_t *box,
                                      double                 context,
                                      double                 image_width,
                                      double                 image_height,
                                      graphene_rect_t       *focus);

/* x' = a·x − b·y + tx, y' = b·x + a·y + ty: rotation, uniform scale, shift. */
typedef struct {
  double a, b, tx, ty;
} LkSimilarity;

gboolean lk_similarity_fit           (const double  (*from)[2],
                                      const double  (*to)[2],
                                      guint           n_points,
                                      LkSimilarity   *out);
void     lk_similarity_apply         (const LkSimilarity *similarity,
                                      double              x,
                                      double              y,
                                      double             *out_x,
                                      double             *out_y);
gboolean lk_similarity_invert        (const LkSimilarity *similarity,
                                      LkSimilarity       *inverse);

/* Where the 68 photo landmarks fall on the chip dlib cut from that photo with
 * get_face_chip_details (chip_size, padding).  FALSE when the landmarks are
 * degenerate (all in one point). */
gboolean lk_review_chip_landmarks    (const float  photo[68][2],
                                      guint        chip_size,
                                      double       padding,
                                      float        chip[68][2]);

/* dlib's mean-face position of landmark i (17..67) on such a chip. */
gboolean lk_review_chip_template     (guint        index,
                                      guint        chip_size,
                                      double       padding,
                                      double      *x,
                                      double      *y);

/* View-only tone: brightness −1..1 is added, contrast > 0 scales around mid
 * grey; both as a colour matrix for gtk_snapshot_push_color_matrix. */
void     lk_review_tone_matrix       (double             brightness,
                                      double             contrast,
                                      graphene_matrix_t *matrix,
                                      graphene_vec4_t   *offset);
/* out = 255 · (in / 255)^(1 / gamma): gamma > 1 lightens the shadows. */
void     lk_review_gamma_table       (double  gamma,
                                      guint8  table[256]);
/* Applies the table to the colour channels of 4-byte B8G8R8A8 pixels in place. */
void     lk_review_apply_gamma_table (guint8       *pixels,
                                      int           width,
                                      int           height,
                                      gsize         stride,
                                      const guint8  table[256]);

G_END_DECLS
