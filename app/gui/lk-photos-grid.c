/* lk-photos-grid.c — the grid page of Photos: every photo as a thumbnail
 *
 * Each cell shows the photo's thumbnail (made on the session worker from
 * the evidence file), its role and face count.  Activating a cell emits
 * "photo-activated"; the Photos section opens the photo page.  The photo
 * list itself is loaded by the section, which knows when it is shown.
 */
#define G_LOG_DOMAIN "lk-photos-grid"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "lk-photo-object.h"
#include "lk-photos-grid.h"

struct _LkPhotosGrid
{
  AdwBin         parent_instance;

  GListModel    *photos;
  LkThumbLoader *loader;

  GtkLabel      *count_label;
  GtkGridView   *grid;
};

G_DEFINE_FINAL_TYPE (LkPhotosGrid, lk_photos_grid, ADW_TYPE_BIN)

enum { PHOTO_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_count (LkPhotosGrid *self)
{
  guint n = self->photos != NULL ? g_list_model_get_n_items (self->photos) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u photo", "%u photos", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LkPhotosGrid             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *role = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);
  GtkExpression *expr;

  gtk_widget_set_size_request (picture, 200, 150);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (overlay, "lk-thumb");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_add_css_class (role, "lk-badge");
  g_object_set (role, "halign", GTK_ALIGN_START, "valign", GTK_ALIGN_START, "margin-start", 6,
                "margin-top", 6, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), role);
  gtk_widget_add_css_class (count, "lk-badge");
  gtk_widget_add_css_class (count, "lk-count");
  g_object_set (count, "halign", GTK_ALIGN_END, "valign", GTK_ALIGN_END, "margin-end", 6,
                "margin-bottom", 6, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), count);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 22);
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), overlay);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_list_item_set_child (item, box);

  expr = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  expr = gtk_property_expression_new (LK_TYPE_PHOTO_OBJECT, expr, "texture");
  gtk_expression_bind (expr, picture, "paintable", item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LkPhotosGrid             *self)
{
  LkPhotoObject *obj = gtk_list_item_get_item (item);
  const LkPhoto *photo = lk_photo_object_get_photo (obj);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *overlay = gtk_widget_get_first_child (box);
  GtkWidget *caption = gtk_widget_get_last_child (box);
  GtkWidget *role = gtk_widget_get_next_sibling (gtk_widget_get_first_child (overlay));
  GtkWidget *count = gtk_widget_get_last_child (overlay);
  gboolean probe = photo->role == LK_PHOTO_ROLE_PROBE;
  g_autofree char *faces = g_strdup_printf (ngettext ("%" PRId64 " face", "%" PRId64 " faces",
                                                      photo->n_faces), photo->n_faces);
  g_autofree char *name = lk_photo_dup_caption (photo);
  g_autofree char *tip = g_strdup_printf ("%s — %s, %s", name,
                                          probe ? _("probe") : _("reference"), faces);

  gtk_label_set_text (GTK_LABEL (role), probe ? _("Probe") : _("Reference"));
  gtk_widget_remove_css_class (role, probe ? "reference" : "probe");
  gtk_widget_add_css_class (role, probe ? "probe" : "reference");
  gtk_label_set_text (GTK_LABEL (count), faces);
  gtk_label_set_text (GTK_LABEL (caption), name);
  gtk_widget_set_tooltip_text (box, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  if (self->loader != NULL)
    lk_thumb_loader_request (self->loader, G_OBJECT (obj));
}

static void
activate_cb (GtkGridView  *grid,
             guint         position,
             LkPhotosGrid *self)
{
  g_autoptr(LkPhotoObject) obj = g_list_model_get_item (self->photos, position);

  if (obj != NULL)
    g_signal_emit (self, signals[PHOTO_ACTIVATED], 0, lk_photo_object_get_id (obj));
}

static void
lk_photos_grid_dispose (GObject *object)
{
  LkPhotosGrid *self = LK_PHOTOS_GRID (object);

  /* The widgets go before the model they show. */
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PHOTOS_GRID);
  if (self->photos != NULL)
    g_signal_handlers_disconnect_by_func (self->photos, update_count, self);
  g_clear_object (&self->photos);
  g_clear_object (&self->loader);
  G_OBJECT_CLASS (lk_photos_grid_parent_class)->dispose (object);
}

static void
lk_photos_grid_class_init (LkPhotosGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_photos_grid_dispose;

  /**
   * LkPhotosGrid::photo-activated:
   * @photo_id: the photo's id in the case
   */
  signals[PHOTO_ACTIVATED] = g_signal_new ("photo-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-photos-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPhotosGrid, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkPhotosGrid, grid);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

/* The cells are made and bound by callbacks: the one part of the grid a
 * template cannot express. */
static void
lk_photos_grid_init (LkPhotosGrid *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
  update_count (self);
}

GtkWidget *
lk_photos_grid_new (void)
{
  return g_object_new (LK_TYPE_PHOTOS_GRID, NULL);
}

void
lk_photos_grid_set_model (LkPhotosGrid  *self,
                          GListModel    *photos,
                          LkThumbLoader *loader)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (LK_IS_PHOTOS_GRID (self));
  g_return_if_fail (G_IS_LIST_MODEL (photos));

  if (self->photos != NULL)
    g_signal_handlers_disconnect_by_func (self->photos, update_count, self);
  g_set_object (&self->photos, photos);
  g_set_object (&self->loader, loader);
  selection = gtk_single_selection_new (g_object_ref (photos));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (photos, "items-changed", G_CALLBACK (update_count), self);
  update_count (self);
}
