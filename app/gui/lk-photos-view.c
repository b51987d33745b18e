/* lk-photos-view.c — the case's photos: a thumbnail grid and one photo with its faces
 *
 * A stack of two pages: LkPhotosGrid (every photo as a thumbnail) and
 * LkPhotoPage (one photo with its face boxes, faces and evidence).  The
 * section loads the photo list, which waits until the section is shown,
 * and moves between the pages (Escape goes back to the grid).
 */
#define G_LOG_DOMAIN "lk-photos-view"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-photo-object.h"
#include "lk-photo-page.h"
#include "lk-photos-grid.h"
#include "lk-photos-view.h"
#include "lk-thumb-loader.h"

struct _LkPhotosView
{
  LkSection       parent_instance;

  LkThumbLoader  *loader;
  GListStore     *store;
  GPtrArray      *pending;        /* a photo list that came while hidden */

  GtkStack       *stack;
  LkPhotosGrid   *grid;
  LkPhotoPage    *page;
};

G_DEFINE_FINAL_TYPE (LkPhotosView, lk_photos_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))

/* ---- The photo list ------------------------------------------------------- */

/* The grid counts its photos itself; here, which page has something to show. */
static void
update_page (LkPhotosView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "photo") != 0)
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "grid" : "empty");
}

/* Thumbnails already made are kept: photos never change, only their faces.
 * By id through a table: one pass each, not photos × photos. */
static void
keep_thumbnails (LkPhotosView *self,
                 GPtrArray    *objects)
{
  g_autoptr(GHashTable) textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(LkPhotoObject) old = g_list_model_get_item (G_LIST_MODEL (self->store), j);
      GdkTexture *texture = lk_photo_object_get_texture (old);
      gint64 *id;

      if (texture == NULL)
        continue;
      id = g_new (gint64, 1);
      *id = lk_photo_object_get_id (old);
      g_hash_table_insert (textures, id, g_object_ref (texture));
    }
  for (guint i = 0; i < objects->len && g_hash_table_size (textures) > 0; i++)
    {
      LkPhotoObject *fresh = g_ptr_array_index (objects, i);
      gint64 id = lk_photo_object_get_id (fresh);
      GdkTexture *texture = g_hash_table_lookup (textures, &id);

      if (texture != NULL)
        lk_photo_object_set_texture (fresh, texture);
    }
}

static void
apply_list (LkPhotosView *self,
            GPtrArray    *objects)
{
  keep_thumbnails (self, objects);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       objects->pdata, objects->len);
  update_page (self);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkPhotosView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = lk_session_list_photos_finish (LK_SESSION (source), result, &error);
  g_autoptr(GPtrArray) objects = NULL;

  if (photos == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  /* The objects take the photos over. */
  g_ptr_array_set_free_func (photos, NULL);
  objects = g_ptr_array_new_full (photos->len, g_object_unref);
  for (guint i = 0; i < photos->len; i++)
    g_ptr_array_add (objects, lk_photo_object_new (g_ptr_array_index (photos, i)));
  /* Hidden (Faces shown at opening), a new list would make GTK 4.8's grid
   * bind its cells and queue thumbnails ahead of what is on screen: it
   * waits until the section is shown. */
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->pending = g_steal_pointer (&objects);
      return;
    }
  apply_list (self, objects);
}

static void
map_cb (LkPhotosView *self)
{
  g_autoptr(GPtrArray) objects = g_steal_pointer (&self->pending);

  if (objects != NULL)
    apply_list (self, objects);
}

static void
load_list (LkPhotosView *self)
{
  if (session_of (self) != NULL)
    lk_session_list_photos_async (session_of (self), lk_section_get_cancellable (LK_SECTION (self)),
                                  list_done_cb, g_object_ref (self));
}

static void
photo_activated_cb (LkPhotosView *self,
                    gint64        photo_id)
{
  lk_photos_view_show_photo (self, photo_id, 0);
}

void
lk_photos_view_show_photo (LkPhotosView *self,
                           gint64        photo_id,
                           gint64        face_id)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));

  lk_photo_page_show (self->page, photo_id, face_id);
  gtk_stack_set_visible_child_name (self->stack, "photo");
}

void
lk_photos_view_show_grid (LkPhotosView *self)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));

  lk_photo_page_close (self->page);
  gtk_stack_set_visible_child_name (self->stack, "grid");
  update_page (self);
}

/* Another case: nothing of the previous one stays, not even an open photo. */
static void
forget_case (LkPhotosView *self)
{
  lk_thumb_loader_set_session (self->loader, session_of (self));
  g_list_store_remove_all (self->store);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_page (self);
}

static void
lk_photos_view_reload (LkSection *section,
                       LkChange   what)
{
  LkPhotosView *self = LK_PHOTOS_VIEW (section);

  if (what & LK_CHANGE_CASE)
    forget_case (self);
  if (what & (LK_CHANGE_PHOTOS | LK_CHANGE_FACES))
    load_list (self);
  /* The photo page is a section of its own, following this one's session. */
}

/* ---- Construction ----------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lk_photos_view_show_grid (LK_PHOTOS_VIEW (widget));
}

static void
draw_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lk_photo_page_toggle_draw (LK_PHOTOS_VIEW (widget)->page);
}

static void
lk_photos_view_dispose (GObject *object)
{
  LkPhotosView *self = LK_PHOTOS_VIEW (object);

  /* The widgets go before the models they show. */
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PHOTOS_VIEW);
  g_clear_object (&self->loader);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_photos_view_parent_class)->dispose (object);
}

static void
lk_photos_view_class_init (LkPhotosViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_photos_view_dispose;
  LK_SECTION_CLASS (klass)->reload = lk_photos_view_reload;

  gtk_widget_class_install_action (widget_class, "photos.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "photos.draw-box", NULL, draw_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "photos.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "photos.draw-box", NULL);

  g_type_ensure (LK_TYPE_PHOTOS_GRID);
  g_type_ensure (LK_TYPE_PHOTO_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-photos-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPhotosView, stack);
  gtk_widget_class_bind_template_child (widget_class, LkPhotosView, grid);
  gtk_widget_class_bind_template_child (widget_class, LkPhotosView, page);
  gtk_widget_class_bind_template_callback (widget_class, photo_activated_cb);
}

static void
lk_photos_view_init (LkPhotosView *self)
{
  self->loader = lk_thumb_loader_new (LK_THUMB_PHOTO, 300);
  self->store = g_list_store_new (LK_TYPE_PHOTO_OBJECT);
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_photos_grid_set_model (self->grid, G_LIST_MODEL (self->store), self->loader);
  /* The page loads and changes the open photo in the case this section shows. */
  g_object_bind_property (self, "session", self->page, "session", G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  update_page (self);
}

LkPhotosView *
lk_photos_view_new (void)
{
  return g_object_new (LK_TYPE_PHOTOS_VIEW, NULL);
}

GListModel *
lk_photos_view_get_model (LkPhotosView *self)
{
  g_return_val_if_fail (LK_IS_PHOTOS_VIEW (self), NULL);
  return G_LIST_MODEL (self->store);
}

GListModel *
lk_photos_view_get_photo_faces (LkPhotosView *self)
{
  g_return_val_if_fail (LK_IS_PHOTOS_VIEW (self), NULL);
  return lk_photo_page_get_faces (self->page);
}

gboolean
lk_photos_view_is_photo_ready (LkPhotosView *self)
{
  g_return_val_if_fail (LK_IS_PHOTOS_VIEW (self), FALSE);
  return lk_photo_page_is_ready (self->page);
}

void
lk_photos_view_add_manual_face (LkPhotosView *self,
                                int           x,
                                int           y,
                                int           width,
                                int           height)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));
  lk_photo_page_add_manual_face (self->page, x, y, width, height);
}

void
lk_photos_view_mark_not_a_face (LkPhotosView *self,
                                gint64        face_id,
                                gboolean      not_a_face)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));
  lk_photo_page_mark_not_a_face (self->page, face_id, not_a_face);
}
