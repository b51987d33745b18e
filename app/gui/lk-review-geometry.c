/* lk-review-geometry.c — the pure maths behind the Review canvases
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-geometry.h"

#include <math.h>

static void
focus_centre (const LkViewport      *viewport,
              const graphene_rect_t *focus,
              double                *cx,
              double                *cy)
{
  *cx = focus->origin.x + focus->size.width * (0.5 + viewport->pan_x);
  *cy = focus->origin.y + focus->size.height * (0.5 + viewport->pan_y);
}

/* Pixels of widget per pixel of image. */
double
lk_viewport_scale (const LkViewport      *viewport,
                   const graphene_rect_t *focus,
                   double                 width,
                   double                 height)
{
  double fw = MAX (focus->size.width, 1.0);
  double fh = MAX (focus->size.height, 1.0);

  return viewport->zoom * MIN (width / fw, height / fh);
}

void
lk_viewport_image_to_widget (const LkViewport       *viewport,
                             const graphene_rect_t  *focus,
                             double                  width,
                             double                  height,
                             const graphene_point_t *image,
                             graphene_point_t       *widget)
{
  double s = lk_viewport_scale (viewport, focus, width, height);
  double cx, cy;

  focus_centre (viewport, focus, &cx, &cy);
  widget->x = (image->x - cx) * s + width / 2.0;
  widget->y = (image->y - cy) * s + height / 2.0;
}

void
lk_viewport_widget_to_image (const LkViewport       *viewport,
                             const graphene_rect_t  *focus,
                             double                  width,
                             double                  height,
                             const graphene_point_t *widget,
                             graphene_point_t       *image)
{
  double s = lk_viewport_scale (viewport, focus, width, height);
  double cx, cy;

  if (s <= 0)
    s = 1;
  focus_centre (viewport, focus, &cx, &cy);
  image->x = cx + (widget->x - width / 2.0) / s;
  image->y = cy + (widget->y - height / 2.0) / s;
}

static void
set_centre (LkViewport            *viewport,
            const graphene_rect_t *focus,
            double                 cx,
            double                 cy)
{
  double fw = MAX (focus->size.width, 1.0);
  double fh = MAX (focus->size.height, 1.0);

  viewport->pan_x = (cx - focus->origin.x) / fw - 0.5;
  viewport->pan_y = (cy - focus->origin.y) / fh - 0.5;
}

/* Zooms by `factor` keeping the image point under `widget_point` where it is,
 * as image viewers do under the mouse.  A NULL point zooms about the centre. */
void
lk_viewport_zoom_at (LkViewport             *viewport,
                     const graphene_rect_t  *focus,
                     double                  width,
                     double                  height,
                     double                  factor,
                     const graphene_point_t *widget_point)
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (width / 2.0, height / 2.0);
  graphene_point_t anchor;
  double new_zoom, new_scale;

  if (widget_point == NULL)
    widget_point = &centre;
  if (!(factor > 0) || width <= 0 || height <= 0)
    return;

  lk_viewport_widget_to_image (viewport, focus, width, height, widget_point, &anchor);
  new_zoom = CLAMP (viewport->zoom * factor, LK_VIEWPORT_ZOOM_MIN, LK_VIEWPORT_ZOOM_MAX);
  viewport->zoom = new_zoom;
  new_scale = lk_viewport_scale (viewport, focus, width, height);
  set_centre (viewport, focus,
              anchor.x - (widget_point->x - width / 2.0) / new_scale,
              anchor.y - (widget_point->y - height / 2.0) / new_scale);
  lk_viewport_clamp (viewport);
}

/* Moves the image with the pointer: a drag of (dx, dy) widget pixels. */
void
lk_viewport_pan_by (LkViewport            *viewport,
                    const graphene_rect_t *focus,
                    double                 width,
                    double                 height,
                    double                 dx,
                    double                 dy)
{
  double s = lk_viewport_scale (viewport, focus, width, height);
  double cx, cy;

  if (s <= 0)
    return;
  focus_centre (viewport, focus, &cx, &cy);
  set_centre (viewport, focus, cx - dx / s, cy - dy / s);
  lk_viewport_clamp (viewport);
}

/* The pan limit is in focus units, not image pixels, so that clamping in one
 * canvas means the same thing in every canvas that shares the viewport. */
void
lk_viewport_clamp (LkViewport *viewport)
{
  if (!isfinite (viewport->zoom))
    viewport->zoom = 1.0;
  if (!isfinite (viewport->pan_x))
    viewport->pan_x = 0.0;
  if (!isfinite (viewport->pan_y))
    viewport->pan_y = 0.0;
  viewport->zoom = CLAMP (viewport->zoom, LK_VIEWPORT_ZOOM_MIN, LK_VIEWPORT_ZOOM_MAX);
  viewport->pan_x = CLAMP (viewport->pan_x, -LK_VIEWPORT_PAN_LIMIT, LK_VIEWPORT_PAN_LIMIT);
  viewport->pan_y = CLAMP (viewport->pan_y, -LK_VIEWPORT_PAN_LIMIT, LK_VIEWPORT_PAN_LIMIT);
}

void
lk_review_context_focus (const graphene_rect_t *box,
                         double                 context,
                         double                 image_width,
                         double                 image_height,
                         graphene_rect_t       *focus)
{
  double side = MAX (box->size.width, box->size.height) * (1.0 + 2.0 * context);
  double cx = box->origin.x + box->size.width / 2.0;
  double cy = box->origin.y + box->size.height / 2.0;
  double w = MIN (side, image_width);
  double h = MIN (side, image_height);
  double x = CLAMP (cx - w / 2.0, 0.0, MAX (image_width - w, 0.0));
  double y = CLAMP (cy - h / 2.0, 0.0, MAX (image_height - h, 0.0));

  graphene_rect_init (focus, x, y, MAX (w, 1.0), MAX (h, 1.0));
}

/* Least squares over the points, which for a similarity has a closed form:
 * centre both sets, then a and b are two dot products over |from|².  This is
 * the same minimiser as dlib's find_similarity_transform (Umeyama). */
gboolean
lk_similarity_fit (const double (*from)[2],
                   const double (*to)[2],
                   guint          n_points,
                   LkSimilarity  *out)
{
  double fx = 0, fy = 0, tx = 0, ty = 0, norm = 0, dot = 0, cross = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  if (n_points < 2)
    return FALSE;

  for (guint i = 0; i < n_points; i++)
    {
      fx += from[i][0];
      fy += from[i][1];
      tx += to[i][0];
      ty += to[i][1];
    }
  fx /= n_points;
  fy /= n_points;
  tx /= n_points;
  ty /= n_points;

  for (guint i = 0; i < n_points; i++)
    {
      double ax = from[i][0] - fx, ay = from[i][1] - fy;
      double bx = to[i][0] - tx, by = to[i][1] - ty;

      norm += ax * ax + ay * ay;
      dot += ax * bx + ay * by;
      cross += ax * by - ay * bx;
    }
  if (norm < 1e-12)
    return FALSE;

  out->a = dot / norm;
  out->b = cross / norm;
  out->tx = tx - (out->a * fx - out->b * fy);
  out->ty = ty - (out->b * fx + out->a * fy);
  return TRUE;
}

void
lk_similarity_apply (const LkSimilarity *similarity,
                     double              x,
                     double              y,
                     double             *out_x,
                     double             *out_y)
{
  *out_x = similarity->a * x - similarity->b * y + similarity->tx;
  *out_y = similarity->b * x + similarity->a * y + similarity->ty;
}

gboolean
lk_similarity_invert (const LkSimilarity *similarity,
                      LkSimilarity       *inverse)
{
  double det = similarity->a * similarity->a + similarity->b * similarity->b;

  if (det < 1e-18)
    return FALSE;
  /* The inverse of [a −b; b a] is [a b; −b a] / (a² + b²). */
  inverse->a = similarity->a / det;
  inverse->b = -similarity->b / det;
  inverse->tx = -(inverse->a * similarity->tx - inverse->b * similarity->ty);
  inverse->ty = -(inverse->b * similarity->tx + inverse->a * similarity->ty);
  return TRUE;
}

/* dlib's mean face shape for points 17..67 (dlib/image_transforms/interpolation.h,
 * get_face_chip_details), in the unit square. */
static const double mean_face_x[51] = {
  0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
  0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
  0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
  0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
  0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
  0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
  0.553364, 0.490127, 0.42689
};
static const double mean_face_y[51] = {
  0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
  0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
  0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
  0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
  0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
  0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
  0.784792, 0.824182, 0.831803, 0.824182
};

gboolean
lk_review_chip_template (guint   index,
                         guint   chip_size,
                         double  padding,
                         double *x,
                         double *y)
{
  if (index < 17 || index >= 68)
    return FALSE;
  *x = (padding + mean_face_x[index - 17]) / (2 * padding + 1) * chip_size;
  *y = (padding + mean_face_y[index - 17]) / (2 * padding + 1) * chip_size;
  return TRUE;
}

/* dlib fits chip → photo on points 27..54 and 60..64 (no eyebrows, no lower
 * lip); the chip is that transform's pre-image, so photo → chip is its inverse. */
gboolean
lk_review_chip_landmarks (const float photo[68][2],
                          guint       chip_size,
                          double      padding,
                          float       chip[68][2])
{
  double from[68][2], to[68][2];
  LkSimilarity chip_to_photo, photo_to_chip;
  guint n = 0;

  g_return_val_if_fail (photo != NULL && chip != NULL, FALSE);

  for (guint i = 17; i < 68; i++)
    {
      if ((i >= 55 && i <= 59) || (i >= 65 && i <= 67) || i <= 26)
        continue;
      lk_review_chip_template (i, chip_size, padding, &from[n][0], &from[n][1]);
      to[n][0] = photo[i][0];
      to[n][1] = photo[i][1];
      n++;
    }

  if (!lk_similarity_fit ((const double (*)[2]) from, (const double (*)[2]) to, n, &chip_to_photo) ||
      !lk_similarity_invert (&chip_to_photo, &photo_to_chip))
    return FALSE;

  for (guint i = 0; i < 68; i++)
    {
      double x, y;

      lk_similarity_apply (&photo_to_chip, photo[i][0], photo[i][1], &x, &y);
      chip[i][0] = (float) x;
      chip[i][1] = (float) y;
    }
  return TRUE;
}

/* GSK applies transpose(matrix) · colour + offset to unpremultiplied RGBA;
 * ours is diagonal so the transpose does not matter. */
void
lk_review_tone_matrix (double             brightness,
                       double             contrast,
                       graphene_matrix_t *matrix,
                       graphene_vec4_t   *offset)
{
  float c = (float) CLAMP (contrast, 0.0, 10.0);
  float shift = (float) (0.5 * (1.0 - c) + CLAMP (brightness, -1.0, 1.0));

  graphene_matrix_init_from_float (matrix, (float[16]) {
                                     c, 0, 0, 0,
                                     0, c, 0, 0,
                                     0, 0, c, 0,
                                     0, 0, 0, 1,
                                   });
  graphene_vec4_init (offset, shift, shift, shift, 0);
}

void
lk_review_gamma_table (double gamma,
                       guint8 table[256])
{
  double exponent = 1.0 / CLAMP (gamma, 0.05, 20.0);

  for (guint i = 0; i < 256; i++)
    table[i] = (guint8) CLAMP (lround (255.0 * pow (i / 255.0, exponent)), 0, 255);
}

void
lk_review_apply_gamma_table (guint8       *pixels,
                             int           width,
                             int           height,
                             gsize         stride,
                             const guint8  table[256])
{
  for (int y = 0; y < height; y++)
    {
      guint8 *p = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++, p += 4)
        {
          p[0] = table[p[0]];
          p[1] = table[p[1]];
          p[2] = table[p[2]];
        }
    }
}
