/* lk-review-canvas.c — one zoomable view of a face chip or a photo
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws with GtkSnapshot only: a transform for zoom and pan, a colour matrix
 * for brightness and contrast, an opacity and a clip for the overlay and its
 * wipe.  Gamma is not linear, so it is a lookup table applied to a CPU copy
 * of the pixels in a worker thread; the evidence itself is never touched.
 * Zoom and pan are properties so that the Review view can bind several
 * canvases together and move them as one.
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-canvas.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lk-review-geometry.h"

#define LANDMARK_RADIUS 2.0
/* Without an image the viewport still needs a size: that of an aligned chip. */
#define LK_CHIP_SIDE_FALLBACK 150.0

struct _LkReviewCanvas
{
  GtkWidget        parent_instance;

  GdkTexture      *texture;
  GdkTexture      *overlay_texture;
  /* The same two after gamma; NULL while gamma is 1 or being computed. */
  GdkTexture      *toned_texture;
  GdkTexture      *toned_overlay;
  GCancellable    *tone_cancellable;
  guint            tone_pending : 1;

  graphene_rect_t  focus;
  graphene_rect_t  face_box;
  guint            has_focus_rect : 1;
  guint            has_face_box : 1;
  guint            show_landmarks : 1;
  guint            has_landmarks : 1;
  guint            has_overlay_landmarks : 1;
  float            landmarks[68][2];
  float            overlay_landmarks[68][2];

  LkViewport       viewport;
  LkViewport       drag_start;
  graphene_point_t pointer;
  double           zoom_gesture_start;

  double           overlay_opacity;
  double           wipe;
  double           brightness;
  double           contrast;
  double           gamma;
};

G_DEFINE_FINAL_TYPE (LkReviewCanvas, lk_review_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_OVERLAY_TEXTURE,
  PROP_ZOOM,
  PROP_PAN_X,
  PROP_PAN_Y,
  PROP_OVERLAY_OPACITY,
  PROP_WIPE,
  PROP_SHOW_LANDMARKS,
  PROP_BRIGHTNESS,
  PROP_CONTRAST,
  PROP_GAMMA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_tone (LkReviewCanvas *self);

static void
image_size (LkReviewCanvas *self,
            double         *width,
            double         *height)
{
  *width = self->texture ? gdk_texture_get_width (self->texture) : LK_CHIP_SIDE_FALLBACK;
  *height = self->texture ? gdk_texture_get_height (self->texture) : LK_CHIP_SIDE_FALLBACK;
}

static void
current_focus (LkReviewCanvas  *self,
               graphene_rect_t *focus)
{
  double w, h;

  if (self->has_focus_rect)
    {
      *focus = self->focus;
      return;
    }
  image_size (self, &w, &h);
  graphene_rect_init (focus, 0, 0, w, h);
}

static void
to_widget (LkReviewCanvas   *self,
           double            x,
           double            y,
           graphene_point_t *out)
{
  graphene_rect_t focus;
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);

  current_focus (self, &focus);
  lk_viewport_image_to_widget (&self->viewport, &focus,
                               gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)),
                               &in, out);
}

/* Sets the viewport and notifies only what changed, so that bound canvases
 * do not bounce notifications back and forth. */
static void
set_viewport (LkReviewCanvas   *self,
              const LkViewport *viewport)
{
  LkViewport old = self->viewport;

  self->viewport = *viewport;
  lk_viewport_clamp (&self->viewport);
  if (old.zoom == self->viewport.zoom && old.pan_x == self->viewport.pan_x &&
      old.pan_y == self->viewport.pan_y)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (old.zoom != self->viewport.zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (old.pan_x != self->viewport.pan_x)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAN_X]);
  if (old.pan_y != self->viewport.pan_y)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAN_Y]);
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_background (GtkSnapshot *snapshot,
                 double       width,
                 double       height)
{
  GskRoundedRect frame;
  GdkRGBA dark = { 0.12, 0.12, 0.13, 1.0 };

  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (0, 0, width, height), 10);
  gtk_snapshot_push_rounded_clip (snapshot, &frame);
  gtk_snapshot_append_color (snapshot, &dark, &frame.bounds);
}

static gboolean
tone_is_neutral (LkReviewCanvas *self)
{
  return fabs (self->brightness) < 1e-6 && fabs (self->contrast - 1.0) < 1e-6;
}

static void
draw_images (LkReviewCanvas        *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *bounds,
             double                 width)
{
  GdkTexture *base = self->toned_texture ? self->toned_texture : self->texture;
  GdkTexture *over = self->toned_overlay ? self->toned_overlay : self->overlay_texture;
  gboolean tone = !tone_is_neutral (self);

  if (tone)
    {
      graphene_matrix_t matrix;
      graphene_vec4_t offset;

      lk_review_tone_matrix (self->brightness, self->contrast, &matrix, &offset);
      gtk_snapshot_push_color_matrix (snapshot, &matrix, &offset);
    }

  gtk_snapshot_append_texture (snapshot, base, bounds);

  /* The overlay is stretched onto the base's rectangle: both are aligned
   * chips of the same size, so their pixels correspond. */
  if (over != NULL && self->wipe > 0 && self->overlay_opacity > 0)
    {
      graphene_rect_t clip = *bounds;

      clip.size.width = bounds->size.width * self->wipe;
      gtk_snapshot_push_clip (snapshot, &clip);
      gtk_snapshot_push_opacity (snapshot, self->overlay_opacity);
      gtk_snapshot_append_texture (snapshot, over, bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_pop (snapshot);
    }

  if (tone)
    gtk_snapshot_pop (snapshot);
}

static void
draw_face_box (LkReviewCanvas *self,
               GtkSnapshot    *snapshot)
{
  graphene_point_t a, b;
  GskRoundedRect outline;
  GdkRGBA gold = { 0.96, 0.83, 0.18, 1.0 };
  GdkRGBA shadow = { 0, 0, 0, 0.55 };
  float widths[4] = { 2, 2, 2, 2 };
  float shadow_widths[4] = { 4, 4, 4, 4 };

  to_widget (self, self->face_box.origin.x, self->face_box.origin.y, &a);
  to_widget (self, self->face_box.origin.x + self->face_box.size.width,
             self->face_box.origin.y + self->face_box.size.height, &b);

  /* A dark halo under the gold line keeps the box visible on light and dark skin alike. */
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (a.x - 1, a.y - 1, b.x - a.x + 2, b.y - a.y + 2), 4);
  gtk_snapshot_append_border (snapshot, &outline, shadow_widths,
                              (GdkRGBA[4]) { shadow, shadow, shadow, shadow });
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (a.x, a.y, b.x - a.x, b.y - a.y), 3);
  gtk_snapshot_append_border (snapshot, &outline, widths,
                              (GdkRGBA[4]) { gold, gold, gold, gold });
}

/* The 68-point groups (jaw, brows, nose, eyes, lips) drawn as lines between
 * dots, which makes shape differences far easier to see than dots alone. */
static const struct { int first, last; gboolean closed; } landmark_groups[] = {
  { 0, 16, FALSE }, { 17, 21, FALSE }, { 22, 26, FALSE }, { 27, 30, FALSE },
  { 30, 35, TRUE }, { 36, 41, TRUE }, { 42, 47, TRUE }, { 48, 59, TRUE }, { 60, 67, TRUE },
};

static void
draw_landmark_set (LkReviewCanvas *self,
                   cairo_t        *cr,
                   const float     points[68][2],
                   double          r,
                   double          g,
                   double          b)
{
  graphene_point_t p[68];

  for (guint i = 0; i < 68; i++)
    to_widget (self, points[i][0], points[i][1], &p[i]);

  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, r, g, b, 0.55);
  for (guint k = 0; k < G_N_ELEMENTS (landmark_groups); k++)
    {
      cairo_move_to (cr, p[landmark_groups[k].first].x, p[landmark_groups[k].first].y);
      for (int i = landmark_groups[k].first + 1; i <= landmark_groups[k].last; i++)
        cairo_line_to (cr, p[i].x, p[i].y);
      if (landmark_groups[k].closed)
        cairo_close_path (cr);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < 68; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, p[i].x, p[i].y, LANDMARK_RADIUS + 1, 0, 2 * G_PI);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_fill (cr);
  for (guint i = 0; i < 68; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, p[i].x, p[i].y, LANDMARK_RADIUS, 0, 2 * G_PI);
    }
  cairo_set_source_rgba (cr, r, g, b, 1.0);
  cairo_fill (cr);
}

static void
draw_overlays (LkReviewCanvas        *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *bounds,
               double                 width,
               double                 height)
{
  gboolean landmarks = self->show_landmarks && (self->has_landmarks || self->has_overlay_landmarks);
  gboolean wipe_line = self->overlay_texture != NULL && self->wipe > 0 && self->wipe < 1;

  if (self->has_face_box)
    draw_face_box (self, snapshot);

  if (landmarks || wipe_line)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      if (landmarks && self->has_landmarks)
        draw_landmark_set (self, cr, (const float (*)[2]) self->landmarks, 0.38, 0.63, 0.92);
      if (landmarks && self->has_overlay_landmarks && self->overlay_texture != NULL)
        draw_landmark_set (self, cr, (const float (*)[2]) self->overlay_landmarks, 1.0, 0.64, 0.28);
      if (wipe_line)
        {
          double x = bounds->origin.x + bounds->size.width * self->wipe;

          cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
          cairo_rectangle (cr, x - 2, bounds->origin.y, 4, bounds->size.height);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
          cairo_rectangle (cr, x - 1, bounds->origin.y, 2, bounds->size.height);
          cairo_fill (cr);
        }
      cairo_destroy (cr);
    }
}

static double
pixel_ratio (LkReviewCanvas *self)
{
  graphene_rect_t focus;

  current_focus (self, &focus);
  return lk_viewport_scale (&self->viewport, &focus, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self))) *
         gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* The zoom as a percentage of the image's own pixels, in the top right
 * corner: the chips and the photos are scaled differently, so each canvas
 * says its own. */
static void
draw_percentage (LkReviewCanvas *self,
                 GtkSnapshot    *snapshot,
                 double          width)
{
  /* Translators: the zoom of an image, 100% being one image pixel per screen pixel. */
  g_autofree char *text = g_strdup_printf (_("%.0f%%"), 100.0 * pixel_ratio (self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA back = { 0, 0, 0, 0.6 }, white = { 1, 1, 1, 1 };
  GskRoundedRect pill;
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (width - lw - 18, 6, lw + 12, lh + 4), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &back, &pill.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - lw - 12, 8));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
lk_review_canvas_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LkReviewCanvas *self = LK_REVIEW_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  graphene_point_t origin, end;
  graphene_rect_t bounds;
  double iw, ih;

  draw_background (snapshot, width, height);

  if (self->texture != NULL)
    {
      image_size (self, &iw, &ih);
      to_widget (self, 0, 0, &origin);
      to_widget (self, iw, ih, &end);
      graphene_rect_init (&bounds, origin.x, origin.y, end.x - origin.x, end.y - origin.y);
      draw_images (self, snapshot, &bounds, width);
      draw_overlays (self, snapshot, &bounds, width, height);
      draw_percentage (self, snapshot, width);
    }

  gtk_snapshot_pop (snapshot); /* the rounded clip of the background */
}

static void
lk_review_canvas_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 96;
  *natural = 320;
}

/* Gamma ------------------------------------------------------------------ */

typedef struct {
  GdkTexture *texture;
  GdkTexture *overlay;
  double      gamma;
} ToneJob;

static void
tone_job_free (gpointer data)
{
  ToneJob *job = data;

  g_clear_object (&job->texture);
  g_clear_object (&job->overlay);
  g_free (job);
}

static GdkTexture *
apply_gamma (GdkTexture   *texture,
             const guint8  table[256])
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  guint8 *pixels = g_malloc ((gsize) h * stride);
  g_autoptr(GBytes) bytes = NULL;

  /* B8G8R8A8 premultiplied: photos are opaque, so premultiplication is a no-op. */
  gdk_texture_download (texture, pixels, stride);
  lk_review_apply_gamma_table (pixels, w, h, stride, table);
  bytes = g_bytes_new_take (pixels, (gsize) h * stride);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
tone_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ToneJob *job = data;
  ToneJob *result = g_new0 (ToneJob, 1);
  guint8 table[256];

  lk_review_gamma_table (job->gamma, table);
  if (job->texture != NULL)
    result->texture = apply_gamma (job->texture, table);
  if (job->overlay != NULL && !g_cancellable_is_cancelled (cancellable))
    result->overlay = apply_gamma (job->overlay, table);
  g_task_return_pointer (task, result, tone_job_free);
}

static void
tone_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkReviewCanvas *self = LK_REVIEW_CANVAS (source);
  g_autoptr(GError) error = NULL;
  ToneJob *toned = g_task_propagate_pointer (G_TASK (result), &error);

  if (toned == NULL)
    return; /* cancelled: a newer job replaces it */

  g_set_object (&self->toned_texture, toned->texture);
  g_set_object (&self->toned_overlay, toned->overlay);
  self->tone_pending = FALSE;
  tone_job_free (toned);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Memory textures may be read from any thread; a GL texture (never made by
 * Likeness, but possible) is left untoned rather than read off the GL thread. */
static gboolean
can_tone (GdkTexture *texture)
{
  return texture == NULL || GDK_IS_MEMORY_TEXTURE (texture);
}

static void
schedule_tone (LkReviewCanvas *self)
{
  g_autoptr(GTask) task = NULL;
  ToneJob *job;

  g_cancellable_cancel (self->tone_cancellable);
  g_clear_object (&self->tone_cancellable);
  g_clear_object (&self->toned_texture);
  g_clear_object (&self->toned_overlay);
  self->tone_pending = FALSE;

  if (fabs (self->gamma - 1.0) < 1e-6 || self->texture == NULL ||
      !can_tone (self->texture) || !can_tone (self->overlay_texture))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  job = g_new0 (ToneJob, 1);
  job->texture = g_object_ref (self->texture);
  job->overlay = self->overlay_texture ? g_object_ref (self->overlay_texture) : NULL;
  job->gamma = self->gamma;
  self->tone_cancellable = g_cancellable_new ();
  self->tone_pending = TRUE;
  task = g_task_new (self, self->tone_cancellable, tone_done, NULL);
  g_task_set_source_tag (task, schedule_tone);
  g_task_set_task_data (task, job, tone_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, tone_thread);
}

/* Input ------------------------------------------------------------------ */

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            LkReviewCanvas *self)
{
  self->drag_start = self->viewport;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LkReviewCanvas *self)
{
  LkViewport viewport = self->drag_start;
  graphene_rect_t focus;

  current_focus (self, &focus);
  lk_viewport_pan_by (&viewport, &focus,
                      gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), dx, dy);
  set_viewport (self, &viewport);
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          LkReviewCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
}

static void
zoom_about (LkReviewCanvas         *self,
            double                  factor,
            const graphene_point_t *at)
{
  LkViewport viewport = self->viewport;
  graphene_rect_t focus;

  current_focus (self, &focus);
  lk_viewport_zoom_at (&viewport, &focus,
                       gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)), factor, at);
  set_viewport (self, &viewport);
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          LkReviewCanvas           *self)
{
  if (dy == 0)
    return FALSE;
  zoom_about (self, pow (1.15, -dy), &self->pointer);
  return TRUE;
}

static void
pointer_moved (GtkEventControllerMotion *controller,
               double                    x,
               double                    y,
               LkReviewCanvas           *self)
{
  self->pointer = GRAPHENE_POINT_INIT (x, y);
}

static void
zoom_gesture_begin (GtkGesture       *gesture,
                    GdkEventSequence *sequence,
                    LkReviewCanvas   *self)
{
  self->zoom_gesture_start = self->viewport.zoom;
}

static void
zoom_gesture_changed (GtkGestureZoom *gesture,
                      double          scale,
                      LkReviewCanvas *self)
{
  double target = self->zoom_gesture_start * scale;

  zoom_about (self, target / self->viewport.zoom, NULL);
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         LkReviewCanvas  *self)
{
  if (n_press == 2)
    lk_review_canvas_reset_view (self);
}

/* GObject ---------------------------------------------------------------- */

static void
lk_review_canvas_dispose (GObject *object)
{
  LkReviewCanvas *self = LK_REVIEW_CANVAS (object);

  g_cancellable_cancel (self->tone_cancellable);
  g_clear_object (&self->tone_cancellable);
  g_clear_object (&self->texture);
  g_clear_object (&self->overlay_texture);
  g_clear_object (&self->toned_texture);
  g_clear_object (&self->toned_overlay);

  G_OBJECT_CLASS (lk_review_canvas_parent_class)->dispose (object);
}

static void
lk_review_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkReviewCanvas *self = LK_REVIEW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_TEXTURE: g_value_set_object (value, self->texture); break;
    case PROP_OVERLAY_TEXTURE: g_value_set_object (value, self->overlay_texture); break;
    case PROP_ZOOM: g_value_set_double (value, self->viewport.zoom); break;
    case PROP_PAN_X: g_value_set_double (value, self->viewport.pan_x); break;
    case PROP_PAN_Y: g_value_set_double (value, self->viewport.pan_y); break;
    case PROP_OVERLAY_OPACITY: g_value_set_double (value, self->overlay_opacity); break;
    case PROP_WIPE: g_value_set_double (value, self->wipe); break;
    case PROP_SHOW_LANDMARKS: g_value_set_boolean (value, self->show_landmarks); break;
    case PROP_BRIGHTNESS: g_value_set_double (value, self->brightness); break;
    case PROP_CONTRAST: g_value_set_double (value, self->contrast); break;
    case PROP_GAMMA: g_value_set_double (value, self->gamma); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_double (LkReviewCanvas *self,
            double         *field,
            double          value,
            guint           prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  if (prop == PROP_GAMMA)
    schedule_tone (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lk_review_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkReviewCanvas *self = LK_REVIEW_CANVAS (object);
  LkViewport viewport = self->viewport;

  switch (prop_id)
    {
    case PROP_TEXTURE: lk_review_canvas_set_texture (self, g_value_get_object (value)); break;
    case PROP_OVERLAY_TEXTURE: lk_review_canvas_set_overlay_texture (self, g_value_get_object (value)); break;
    case PROP_ZOOM: viewport.zoom = g_value_get_double (value); set_viewport (self, &viewport); break;
    case PROP_PAN_X: viewport.pan_x = g_value_get_double (value); set_viewport (self, &viewport); break;
    case PROP_PAN_Y: viewport.pan_y = g_value_get_double (value); set_viewport (self, &viewport); break;
    case PROP_OVERLAY_OPACITY: set_double (self, &self->overlay_opacity, g_value_get_double (value), prop_id); break;
    case PROP_WIPE: set_double (self, &self->wipe, g_value_get_double (value), prop_id); break;
    case PROP_BRIGHTNESS: set_double (self, &self->brightness, g_value_get_double (value), prop_id); break;
    case PROP_CONTRAST: set_double (self, &self->contrast, g_value_get_double (value), prop_id); break;
    case PROP_GAMMA: set_double (self, &self->gamma, g_value_get_double (value), prop_id); break;
    case PROP_SHOW_LANDMARKS:
      if (self->show_landmarks != g_value_get_boolean (value))
        {
          self->show_landmarks = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
double_param (const char *name,
              double      min,
              double      max,
              double      def)
{
  return g_param_spec_double (name, NULL, NULL, min, max, def,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
lk_review_canvas_class_init (LkReviewCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_review_canvas_dispose;
  object_class->get_property = lk_review_canvas_get_property;
  object_class->set_property = lk_review_canvas_set_property;
  widget_class->snapshot = lk_review_canvas_snapshot;
  widget_class->measure = lk_review_canvas_measure;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAY_TEXTURE] =
    g_param_spec_object ("overlay-texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = double_param ("zoom", LK_VIEWPORT_ZOOM_MIN, LK_VIEWPORT_ZOOM_MAX, 1.0);
  properties[PROP_PAN_X] = double_param ("pan-x", -LK_VIEWPORT_PAN_LIMIT, LK_VIEWPORT_PAN_LIMIT, 0.0);
  properties[PROP_PAN_Y] = double_param ("pan-y", -LK_VIEWPORT_PAN_LIMIT, LK_VIEWPORT_PAN_LIMIT, 0.0);
  properties[PROP_OVERLAY_OPACITY] = double_param ("overlay-opacity", 0.0, 1.0, 0.5);
  properties[PROP_WIPE] = double_param ("wipe", 0.0, 1.0, 1.0);
  properties[PROP_BRIGHTNESS] = double_param ("brightness", -1.0, 1.0, 0.0);
  properties[PROP_CONTRAST] = double_param ("contrast", 0.1, 4.0, 1.0);
  properties[PROP_GAMMA] = double_param ("gamma", 0.1, 10.0, 1.0);
  properties[PROP_SHOW_LANDMARKS] =
    g_param_spec_boolean ("show-landmarks", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lkreviewcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_review_canvas_init (LkReviewCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->viewport = (LkViewport) LK_VIEWPORT_INIT;
  self->overlay_opacity = 0.5;
  self->wipe = 1.0;
  self->contrast = 1.0;
  self->gamma = 1.0;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_gesture_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_gesture_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* Public ----------------------------------------------------------------- */

GtkWidget *
lk_review_canvas_new (void)
{
  return g_object_new (LK_TYPE_REVIEW_CANVAS, NULL);
}

void
lk_review_canvas_set_texture (LkReviewCanvas *self,
                              GdkTexture     *texture)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;
  schedule_tone (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
lk_review_canvas_get_texture (LkReviewCanvas *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_CANVAS (self), NULL);
  return self->texture;
}

void
lk_review_canvas_set_overlay_texture (LkReviewCanvas *self,
                                      GdkTexture     *texture)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->overlay_texture, texture))
    return;
  schedule_tone (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_TEXTURE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
lk_review_canvas_get_overlay_texture (LkReviewCanvas *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_CANVAS (self), NULL);
  return self->overlay_texture;
}

void
lk_review_canvas_set_focus (LkReviewCanvas        *self,
                            const graphene_rect_t *focus)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));

  self->has_focus_rect = focus != NULL && focus->size.width > 0 && focus->size.height > 0;
  if (self->has_focus_rect)
    self->focus = *focus;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_review_canvas_set_face_box (LkReviewCanvas        *self,
                               const graphene_rect_t *box)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));

  self->has_face_box = box != NULL;
  if (box != NULL)
    self->face_box = *box;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_review_canvas_set_landmarks (LkReviewCanvas *self,
                                const float   (*points)[2])
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));

  self->has_landmarks = points != NULL;
  if (points != NULL)
    memcpy (self->landmarks, points, sizeof self->landmarks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_review_canvas_set_overlay_landmarks (LkReviewCanvas *self,
                                        const float   (*points)[2])
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));

  self->has_overlay_landmarks = points != NULL;
  if (points != NULL)
    memcpy (self->overlay_landmarks, points, sizeof self->overlay_landmarks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lk_review_canvas_get_zoom (LkReviewCanvas *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_CANVAS (self), 1.0);
  return self->viewport.zoom;
}

void
lk_review_canvas_set_zoom (LkReviewCanvas *self,
                           double          zoom)
{
  LkViewport viewport;

  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  viewport = self->viewport;
  viewport.zoom = zoom;
  set_viewport (self, &viewport);
}

void
lk_review_canvas_zoom_by (LkReviewCanvas *self,
                          double          factor)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  zoom_about (self, factor, NULL);
}

void
lk_review_canvas_reset_view (LkReviewCanvas *self)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  set_viewport (self, &(LkViewport) LK_VIEWPORT_INIT);
}

void
lk_review_canvas_zoom_actual (LkReviewCanvas *self)
{
  LkViewport viewport;
  double ratio;

  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  ratio = pixel_ratio (self);
  if (!(ratio > 0) || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  /* The ratio is linear in the zoom: divide it out. */
  viewport = self->viewport;
  viewport.zoom = self->viewport.zoom / ratio;
  set_viewport (self, &viewport);
}

double
lk_review_canvas_get_pixel_ratio (LkReviewCanvas *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_CANVAS (self), 0.0);
  return pixel_ratio (self);
}

void
lk_review_canvas_image_to_widget (LkReviewCanvas         *self,
                                  const graphene_point_t *image,
                                  graphene_point_t       *widget)
{
  g_return_if_fail (LK_IS_REVIEW_CANVAS (self));
  to_widget (self, image->x, image->y, widget);
}

gboolean
lk_review_canvas_is_tone_ready (LkReviewCanvas *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_CANVAS (self), FALSE);
  return !self->tone_pending;
}
