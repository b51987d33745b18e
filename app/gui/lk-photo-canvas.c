/* lk-photo-canvas.c — a photo with its face boxes: zoom, pan, click, draw
 *
 * Boxes are drawn in the colour of the face's status.  Scrolling zooms
 * around the pointer, dragging pans; in draw mode dragging draws a box for a
 * face the detector missed.  Keyboard: + - 0 zoom, arrows pan.
 */
#define G_LOG_DOMAIN "lk-photo-canvas"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-face-object.h"
#include "lk-photo-canvas.h"

#define MIN_ZOOM 1.0
#define MAX_ZOOM 16.0
#define MIN_BOX 12

struct _LkPhotoCanvas
{
  GtkWidget    parent_instance;

  GdkTexture  *texture;
  GListModel  *faces;
  gint64       selected;
  gboolean     draw_mode;
  double       zoom;
  double       cx, cy;          /* photo point at the widget's centre */
  double       drag_cx, drag_cy;
  gboolean     drawing;
  double       draw_x0, draw_y0, draw_x1, draw_y1;   /* widget coordinates */
  double       pointer_x, pointer_y;
};

G_DEFINE_FINAL_TYPE (LkPhotoCanvas, lk_photo_canvas, GTK_TYPE_WIDGET)

enum { FACE_ACTIVATED, BOX_DRAWN, N_SIGNALS };
static guint signals[N_SIGNALS];

static double
base_scale (LkPhotoCanvas *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->texture == NULL || w <= 0 || h <= 0)
    return 1.0;
  return MIN ((double) w / gdk_texture_get_width (self->texture),
              (double) h / gdk_texture_get_height (self->texture));
}

static double
scale (LkPhotoCanvas *self)
{
  return base_scale (self) * self->zoom;
}

static void
to_widget (LkPhotoCanvas *self, double px, double py, double *wx, double *wy)
{
  double s = scale (self);

  *wx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 + (px - self->cx) * s;
  *wy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 + (py - self->cy) * s;
}

static void
to_photo (LkPhotoCanvas *self, double wx, double wy, double *px, double *py)
{
  double s = scale (self);

  *px = self->cx + (wx - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / s;
  *py = self->cy + (wy - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / s;
}

/* Keep the photo on screen: at zoom 1 it is centred, zoomed in it may not
 * leave an empty margin. */
static void
clamp_centre (LkPhotoCanvas *self)
{
  double s, half_w, half_h, pw, ph;

  if (self->texture == NULL)
    return;
  s = scale (self);
  pw = gdk_texture_get_width (self->texture);
  ph = gdk_texture_get_height (self->texture);
  half_w = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / s;
  half_h = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / s;
  self->cx = half_w * 2 >= pw ? pw / 2 : CLAMP (self->cx, half_w, pw - half_w);
  self->cy = half_h * 2 >= ph ? ph / 2 : CLAMP (self->cy, half_h, ph - half_h);
}

static void
status_color (LkFaceStatus status, GdkRGBA *color)
{
  const char *spec;

  switch (status)
    {
    case LK_FACE_STATUS_IDENTIFIED:
    case LK_FACE_STATUS_REFERENCE: spec = "#2ec27e"; break;
    case LK_FACE_STATUS_EXCLUDED:
    case LK_FACE_STATUS_INCONCLUSIVE:
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY: spec = "#f5c211"; break;
    case LK_FACE_STATUS_NOT_A_FACE: spec = "#e01b24"; break;
    default: spec = "#62a0ea"; break;
    }
  gdk_rgba_parse (color, spec);
}

static void
draw_box (GtkSnapshot   *snapshot,
          const graphene_rect_t *rect,
          const GdkRGBA *color,
          float          width)
{
  GskRoundedRect outline;
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  float widths[4] = { width, width, width, width };

  gsk_rounded_rect_init_from_rect (&outline, rect, 3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
snapshot_faces (LkPhotoCanvas *self,
                GtkSnapshot   *snapshot)
{
  guint n = self->faces != NULL ? g_list_model_get_n_items (self->faces) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkFaceObject) face = g_list_model_get_item (self->faces, i);
      int x, y, w, h;
      double x0, y0, x1, y1;
      GdkRGBA color;
      gboolean selected = lk_face_object_get_id (face) == self->selected;

      lk_face_object_get_box (face, &x, &y, &w, &h);
      to_widget (self, x, y, &x0, &y0);
      to_widget (self, x + w, y + h, &x1, &y1);
      status_color (lk_face_object_get_status (face), &color);
      if (selected)
        {
          GdkRGBA white = { 1, 1, 1, 0.9 };

          draw_box (snapshot, &GRAPHENE_RECT_INIT (x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6), &white, 2);
        }
      draw_box (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0), &color, selected ? 4 : 2.5);
    }
}

static void
lk_photo_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LkPhotoCanvas *self = LK_PHOTO_CANVAS (widget);
  double x0, y0, x1, y1;

  if (self->texture == NULL)
    return;
  clamp_centre (self);
  to_widget (self, 0, 0, &x0, &y0);
  to_widget (self, gdk_texture_get_width (self->texture), gdk_texture_get_height (self->texture), &x1, &y1);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                          gtk_widget_get_height (widget)));
  gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  snapshot_faces (self, snapshot);
  if (self->drawing)
    {
      GdkRGBA color = { 1, 1, 1, 1 };

      draw_box (snapshot, &GRAPHENE_RECT_INIT (MIN (self->draw_x0, self->draw_x1), MIN (self->draw_y0, self->draw_y1),
                                               ABS (self->draw_x1 - self->draw_x0), ABS (self->draw_y1 - self->draw_y0)),
                &color, 2);
    }
  gtk_snapshot_pop (snapshot);
}

static gint64
face_at (LkPhotoCanvas *self,
         double         wx,
         double         wy)
{
  guint n = self->faces != NULL ? g_list_model_get_n_items (self->faces) : 0;
  double px, py;
  gint64 best = 0;
  double best_area = G_MAXDOUBLE;

  to_photo (self, wx, wy, &px, &py);
  /* The smallest box under the pointer wins, so nested boxes stay reachable. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkFaceObject) face = g_list_model_get_item (self->faces, i);
      int x, y, w, h;

      lk_face_object_get_box (face, &x, &y, &w, &h);
      if (px >= x && px <= x + w && py >= y && py <= y + h && (double) w * h < best_area)
        {
          best = lk_face_object_get_id (face);
          best_area = (double) w * h;
        }
    }
  return best;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   LkPhotoCanvas   *self)
{
  gint64 id;

  if (self->draw_mode)
    return;
  id = face_at (self, x, y);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (id != 0)
    {
      lk_photo_canvas_set_selected (self, id);
      g_signal_emit (self, signals[FACE_ACTIVATED], 0, id);
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LkPhotoCanvas  *self)
{
  self->drag_cx = self->cx;
  self->drag_cy = self->cy;
  if (self->draw_mode)
    {
      self->drawing = TRUE;
      self->draw_x0 = self->draw_x1 = x;
      self->draw_y0 = self->draw_y1 = y;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LkPhotoCanvas  *self)
{
  if (self->drawing)
    {
      self->draw_x1 = self->draw_x0 + dx;
      self->draw_y1 = self->draw_y0 + dy;
    }
  else
    {
      self->cx = self->drag_cx - dx / scale (self);
      self->cy = self->drag_cy - dy / scale (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LkPhotoCanvas  *self)
{
  double px0, py0, px1, py1;
  int x, y, w, h;

  if (!self->drawing)
    return;
  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  to_photo (self, MIN (self->draw_x0, self->draw_x1), MIN (self->draw_y0, self->draw_y1), &px0, &py0);
  to_photo (self, MAX (self->draw_x0, self->draw_x1), MAX (self->draw_y0, self->draw_y1), &px1, &py1);
  x = CLAMP ((int) px0, 0, gdk_texture_get_width (self->texture));
  y = CLAMP ((int) py0, 0, gdk_texture_get_height (self->texture));
  w = CLAMP ((int) px1, 0, gdk_texture_get_width (self->texture)) - x;
  h = CLAMP ((int) py1, 0, gdk_texture_get_height (self->texture)) - y;
  /* A click in draw mode is not a box. */
  if (w >= MIN_BOX && h >= MIN_BOX)
    g_signal_emit (self, signals[BOX_DRAWN], 0, x, y, w, h);
}

static void
zoom_at (LkPhotoCanvas *self,
         double         zoom,
         double         wx,
         double         wy)
{
  double px, py, nx, ny;

  to_photo (self, wx, wy, &px, &py);
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Keep the photo point under the pointer where it was. */
  to_photo (self, wx, wy, &nx, &ny);
  self->cx += px - nx;
  self->cy += py - ny;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LkPhotoCanvas            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LkPhotoCanvas            *self)
{
  zoom_at (self, self->zoom * (dy < 0 ? 1.2 : 1 / 1.2), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LkPhotoCanvas *self = LK_PHOTO_CANVAS (widget);
  double factor = g_variant_get_double (param);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  zoom_at (self, factor == 0 ? 1.0 : self->zoom * factor, x, y);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LkPhotoCanvas *self = LK_PHOTO_CANVAS (widget);
  double dx, dy;

  g_variant_get (param, "(dd)", &dx, &dy);
  self->cx += dx * 60 / scale (self);
  self->cy += dy * 60 / scale (self);
  gtk_widget_queue_draw (widget);
}

static void
lk_photo_canvas_dispose (GObject *object)
{
  LkPhotoCanvas *self = LK_PHOTO_CANVAS (object);

  if (self->faces != NULL)
    g_signal_handlers_disconnect_by_data (self->faces, self);
  g_clear_object (&self->faces);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (lk_photo_canvas_parent_class)->dispose (object);
}

static void
lk_photo_canvas_class_init (LkPhotoCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_photo_canvas_dispose;
  widget_class->snapshot = lk_photo_canvas_snapshot;

  signals[FACE_ACTIVATED] = g_signal_new ("face-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[BOX_DRAWN] = g_signal_new ("box-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                     G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "canvas.zoom", "d", zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.pan", "(dd)", pan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "canvas.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "canvas.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "canvas.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "canvas.zoom", "d", 0.8);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "canvas.zoom", "d", 0.8);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "canvas.zoom", "d", 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.pan", "(dd)", -1.0, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.pan", "(dd)", 1.0, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "canvas.pan", "(dd)", 0.0, -1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "canvas.pan", "(dd)", 0.0, 1.0);
  gtk_widget_class_set_css_name (widget_class, "lkphotocanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_photo_canvas_init (LkPhotoCanvas *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "lk-photo-canvas");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Scroll to zoom, drag to move; click a box to select its face"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Photo with face boxes"), -1);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
lk_photo_canvas_new (void)
{
  return g_object_new (LK_TYPE_PHOTO_CANVAS, NULL);
}

void
lk_photo_canvas_set_texture (LkPhotoCanvas *self,
                             GdkTexture    *texture)
{
  g_return_if_fail (LK_IS_PHOTO_CANVAS (self));

  if (!g_set_object (&self->texture, texture))
    return;
  self->zoom = 1.0;
  if (texture != NULL)
    {
      self->cx = gdk_texture_get_width (texture) / 2.0;
      self->cy = gdk_texture_get_height (texture) / 2.0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
faces_changed_cb (LkPhotoCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_photo_canvas_set_faces (LkPhotoCanvas *self,
                           GListModel    *faces)
{
  g_return_if_fail (LK_IS_PHOTO_CANVAS (self));

  if (self->faces != NULL)
    g_signal_handlers_disconnect_by_data (self->faces, self);
  g_set_object (&self->faces, faces);
  if (faces != NULL)
    g_signal_connect_swapped (faces, "items-changed", G_CALLBACK (faces_changed_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_photo_canvas_set_selected (LkPhotoCanvas *self,
                              gint64         face_id)
{
  g_return_if_fail (LK_IS_PHOTO_CANVAS (self));
  self->selected = face_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_photo_canvas_set_draw_mode (LkPhotoCanvas *self,
                               gboolean       draw)
{
  g_return_if_fail (LK_IS_PHOTO_CANVAS (self));
  self->draw_mode = draw;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), draw ? "crosshair" : NULL);
}

gboolean
lk_photo_canvas_get_draw_mode (LkPhotoCanvas *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_CANVAS (self), FALSE);
  return self->draw_mode;
}

void
lk_photo_canvas_set_zoom (LkPhotoCanvas *self,
                          double         zoom)
{
  g_return_if_fail (LK_IS_PHOTO_CANVAS (self));
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
lk_photo_canvas_get_zoom (LkPhotoCanvas *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_CANVAS (self), 1.0);
  return self->zoom;
}
