/* lk-chip-marks.c — an aligned face chip with numbered marks
 *
 * The chips of a comparison are aligned (eyes and mouth at the same place),
 * so a point placed on one means the same place on the other: a click
 * reports chip coordinates from 0 to 1 ("mark-placed") and the owner adds
 * the mark to both.  The numbers are those a comparison chart prints.
 */
#define G_LOG_DOMAIN "lk-chip-marks"

#include "lk-config.h"

#include "case/lk-case-verification.h"
#include "lk-chip-marks.h"

struct _LkChipMarks
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  GArray     *points;    /* of MarkPoint */
};

typedef struct {
  guint  number;
  double x, y;
} MarkPoint;

G_DEFINE_FINAL_TYPE (LkChipMarks, lk_chip_marks, GTK_TYPE_WIDGET)

enum { MARK_PLACED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Where the chip is drawn: as large as fits, centred (like content-fit contain). */
static graphene_rect_t
chip_rect (LkChipMarks *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double tw = self->texture != NULL ? gdk_texture_get_width (self->texture) : 1;
  double th = self->texture != NULL ? gdk_texture_get_height (self->texture) : 1;
  double scale = MIN (w / tw, h / th);

  return GRAPHENE_RECT_INIT ((w - tw * scale) / 2, (h - th * scale) / 2, tw * scale, th * scale);
}

static void
snapshot_mark (LkChipMarks     *self,
               GtkSnapshot     *snapshot,
               const MarkPoint *point,
               graphene_rect_t *r)
{
  const float radius = 9;
  float cx = r->origin.x + point->x * r->size.width, cy = r->origin.y + point->y * r->size.height;
  GskRoundedRect dot;
  g_autofree char *text = g_strdup_printf ("%u", point->number);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int lw, lh;

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (cx - radius, cy - radius, 2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.95, 0.75, 0.1, 0.9 }, &dot.bounds);
  gtk_snapshot_pop (snapshot);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (cx - lw / 2.0, cy - lh / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0, 0, 0, 1 });
  gtk_snapshot_restore (snapshot);
}

static void
lk_chip_marks_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LkChipMarks *self = LK_CHIP_MARKS (widget);
  graphene_rect_t r = chip_rect (self);

  if (self->texture == NULL)
    return;
  gtk_snapshot_append_texture (snapshot, self->texture, &r);
  for (guint i = 0; i < self->points->len; i++)
    snapshot_mark (self, snapshot, &g_array_index (self->points, MarkPoint, i), &r);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LkChipMarks     *self)
{
  graphene_rect_t r = chip_rect (self);
  double cx = (x - r.origin.x) / r.size.width, cy = (y - r.origin.y) / r.size.height;

  /* A click beside the chip (the letterbox) places nothing. */
  if (self->texture == NULL || cx < 0 || cx > 1 || cy < 0 || cy > 1)
    return;
  g_signal_emit (self, signals[MARK_PLACED], 0, cx, cy);
}

void
lk_chip_marks_set_texture (LkChipMarks *self,
                           GdkTexture  *texture)
{
  g_return_if_fail (LK_IS_CHIP_MARKS (self));

  g_set_object (&self->texture, texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lk_chip_marks_set_marks (LkChipMarks *self,
                         GPtrArray   *marks,
                         gboolean     probe_side)
{
  g_return_if_fail (LK_IS_CHIP_MARKS (self));

  g_array_set_size (self->points, 0);
  for (guint i = 0; marks != NULL && i < marks->len; i++)
    {
      const LkFeatureMark *mark = g_ptr_array_index (marks, i);
      const double *at = probe_side ? mark->probe : mark->candidate;
      MarkPoint point = { mark->number, at[0] + at[2] / 2, at[1] + at[3] / 2 };

      if (probe_side ? mark->on_probe : mark->on_candidate)
        g_array_append_val (self->points, point);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lk_chip_marks_finalize (GObject *object)
{
  LkChipMarks *self = LK_CHIP_MARKS (object);

  g_clear_object (&self->texture);
  g_array_unref (self->points);
  G_OBJECT_CLASS (lk_chip_marks_parent_class)->finalize (object);
}

static void
lk_chip_marks_class_init (LkChipMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lk_chip_marks_finalize;
  widget_class->snapshot = lk_chip_marks_snapshot;

  /**
   * LkChipMarks::mark-placed:
   * @x: @y: where, in chip coordinates from 0 to 1
   */
  signals[MARK_PLACED] = g_signal_new ("mark-placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_css_name (widget_class, "lk-chip-marks");
}

static void
lk_chip_marks_init (LkChipMarks *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->points = g_array_new (FALSE, FALSE, sizeof (MarkPoint));
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
lk_chip_marks_new (void)
{
  return g_object_new (LK_TYPE_CHIP_MARKS, NULL);
}
