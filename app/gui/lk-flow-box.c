/* lk-flow-box.c — children in a row while they fit, wrapped onto more lines when not
 *
 * Review's tool row and decision area hold more controls than fit beside the
 * queue in a 1280-pixel window with large text or a German translation.
 * GtkBox would then either make the window wider than the screen or, inside
 * a GtkPaned that may shrink its child, cut the buttons off at the edge.
 * This container keeps the order of its children and starts a new line
 * whenever the next child's minimum width no longer fits, like words in a
 * paragraph; a line's spare width goes first to the children's natural
 * widths, then to those that expand.  Its minimum width is that of its
 * widest child, so every child stays reachable at any window size.
 *
 * libadwaita 1.2 (Debian 12) has no breakpoints, and GtkFlowBox makes each
 * child a selectable, focusable GtkFlowBoxChild, which a screen reader then
 * announces as a list item.  Children are added from .ui files as <child>.
 */
#include "lk-flow-box.h"

struct _LkFlowBox
{
  GtkWidget parent_instance;
  int       spacing;        /* between children on a line */
  int       line_spacing;   /* between lines */
  guint     n_lines;
};

G_DEFINE_FINAL_TYPE (LkFlowBox, lk_flow_box, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SPACING, PROP_LINE_SPACING, N_PROPS };
static GParamSpec *props[N_PROPS];

typedef struct
{
  GtkWidget *child;
  int        min_width;
  int        nat_width;
  int        width;        /* given on its line */
  guint      line;
} Item;

/* The visible children with their widths, and the line each falls on when
 * the box is width pixels wide (width < 0: all on one line). */
static GArray *
lay_out (LkFlowBox *self, int width)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  int used = 0;
  guint line = 0, on_line = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { child, 0, 0, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &item.min_width, &item.nat_width, NULL, NULL);
      if (on_line > 0 && width >= 0 && used + self->spacing + item.min_width > width)
        {
          line++;
          on_line = 0;
          used = 0;
        }
      used += (on_line > 0 ? self->spacing : 0) + item.min_width;
      item.line = line;
      on_line++;
      g_array_append_val (items, item);
    }
  return items;
}

/* Shares width among the items of one line: minimums first, then up to
 * the natural widths, then equally to the children that expand. */
static void
share_line (LkFlowBox *self, Item *items, guint n, int width)
{
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, n);
  int extra = width - self->spacing * (int) (n - 1);
  guint n_expand = 0;

  for (guint i = 0; i < n; i++)
    {
      sizes[i].minimum_size = items[i].min_width;
      sizes[i].natural_size = items[i].nat_width;
      extra -= items[i].min_width;
      n_expand += gtk_widget_compute_expand (items[i].child, GTK_ORIENTATION_HORIZONTAL);
    }
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes);
  for (guint i = 0; i < n; i++)
    {
      items[i].width = sizes[i].minimum_size;
      if (n_expand > 0 && gtk_widget_compute_expand (items[i].child, GTK_ORIENTATION_HORIZONTAL))
        items[i].width += extra / (int) n_expand;
    }
}

/* For each line: its first item and count, after sharing width among them. */
static void
share_lines (LkFlowBox *self, GArray *items, int width)
{
  guint start = 0;

  for (guint i = 1; i <= items->len; i++)
    if (i == items->len || g_array_index (items, Item, i).line != g_array_index (items, Item, start).line)
      {
        int line_width = width;

        if (width < 0)
          {
            line_width = self->spacing * (int) (i - start - 1);
            for (guint k = start; k < i; k++)
              line_width += g_array_index (items, Item, k).nat_width;
          }
        share_line (self, &g_array_index (items, Item, start), i - start, line_width);
        start = i;
      }
}

/* The height of each line (the tallest of its children at their widths). */
static void
line_heights (GArray *items, guint n_lines, int *mins, int *nats)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int min = 0, nat = 0;

      gtk_widget_measure (item->child, GTK_ORIENTATION_VERTICAL, item->width, &min, &nat, NULL, NULL);
      mins[item->line] = MAX (mins[item->line], min);
      nats[item->line] = MAX (nats[item->line], nat);
    }
}

static void
lk_flow_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  LkFlowBox *self = LK_FLOW_BOX (widget);
  g_autoptr(GArray) items = lay_out (self, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1);
  guint n_lines = items->len > 0 ? g_array_index (items, Item, items->len - 1).line + 1 : 0;

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Each child may end up alone on its line. */
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);

          *minimum = MAX (*minimum, item->min_width);
          *natural += item->nat_width + (i > 0 ? self->spacing : 0);
        }
      return;
    }

  g_autofree int *mins = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *nats = g_new0 (int, MAX (n_lines, 1));

  share_lines (self, items, for_size);
  line_heights (items, n_lines, mins, nats);
  for (guint l = 0; l < n_lines; l++)
    {
      *minimum += mins[l] + (l > 0 ? self->line_spacing : 0);
      *natural += nats[l] + (l > 0 ? self->line_spacing : 0);
    }
}

static void
lk_flow_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  LkFlowBox *self = LK_FLOW_BOX (widget);
  g_autoptr(GArray) items = lay_out (self, width);
  guint n_lines = items->len > 0 ? g_array_index (items, Item, items->len - 1).line + 1 : 0;
  g_autofree int *mins = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *nats = g_new0 (int, MAX (n_lines, 1));
  int x = 0, y = 0;
  guint line = 0;

  share_lines (self, items, width);
  line_heights (items, n_lines, mins, nats);
  self->n_lines = n_lines;
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (item->line != line)
        {
          y += nats[line] + self->line_spacing;
          line = item->line;
          x = 0;
        }
      gtk_widget_size_allocate (item->child, &(GtkAllocation) { x, y, item->width, nats[line] }, -1);
      x += item->width + self->spacing;
    }
}

static GtkSizeRequestMode
lk_flow_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lk_flow_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lk_flow_box_parent_class)->dispose (object);
}

static void
lk_flow_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkFlowBox *self = LK_FLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_LINE_SPACING:
      g_value_set_int (value, self->line_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_flow_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LkFlowBox *self = LK_FLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      lk_flow_box_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_LINE_SPACING:
      lk_flow_box_set_line_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_flow_box_class_init (LkFlowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_flow_box_dispose;
  object_class->get_property = lk_flow_box_get_property;
  object_class->set_property = lk_flow_box_set_property;
  widget_class->measure = lk_flow_box_measure;
  widget_class->size_allocate = lk_flow_box_size_allocate;
  widget_class->get_request_mode = lk_flow_box_get_request_mode;

  props[PROP_SPACING] = g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_LINE_SPACING] = g_param_spec_int ("line-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_css_name (widget_class, "lk-flow-box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_flow_box_init (LkFlowBox *self)
{
}

GtkWidget *
lk_flow_box_new (void)
{
  return g_object_new (LK_TYPE_FLOW_BOX, NULL);
}

void
lk_flow_box_set_spacing (LkFlowBox *self,
                         int        spacing)
{
  g_return_if_fail (LK_IS_FLOW_BOX (self));
  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SPACING]);
}

void
lk_flow_box_set_line_spacing (LkFlowBox *self,
                              int        spacing)
{
  g_return_if_fail (LK_IS_FLOW_BOX (self));
  if (self->line_spacing == spacing)
    return;
  self->line_spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LINE_SPACING]);
}

guint
lk_flow_box_get_n_lines (LkFlowBox *self)
{
  g_return_val_if_fail (LK_IS_FLOW_BOX (self), 0);
  return self->n_lines;
}
