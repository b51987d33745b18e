/* lk-photos-view.c — the case's photos: a thumbnail grid and one photo with its faces
 *
 * The grid shows each photo's thumbnail (made on the session worker from
 * the evidence file), its role and face count.  Activating one opens the
 * photo page: the photo with its face boxes (LkPhotoCanvas) and a side panel
 * with the evidence hash, EXIF details and the faces, where a wrong
 * detection is marked "not a face" and a missed face is boxed by hand.
 */
#define G_LOG_DOMAIN "lk-photos-view"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "import/lk-importer.h"
#include "vision/lk-vision.h"
#include "lk-face-object.h"
#include "lk-photo-canvas.h"
#include "lk-photo-object.h"
#include "lk-photos-view.h"
#include "lk-thumb-loader.h"

struct _LkPhotosView
{
  LkSection       parent_instance;

  LkThumbLoader  *loader;
  LkThumbLoader  *chip_loader;
  GListStore     *store;
  GListStore     *faces;           /* of the open photo */
  GCancellable   *photo_cancellable;
  gint64          photo_id;
  gint64          selected_face;
  gboolean        photo_ready;

  GtkStack       *stack;
  GtkWidget      *grid;
  GtkLabel       *count_label;
  GtkLabel       *photo_title;
  LkPhotoCanvas  *canvas;
  GtkToggleButton *draw_button;
  GtkWidget      *side_box;
  GtkWidget      *info_box;       /* rebuilt for each photo */
  GtkListBox     *face_list;
  GPtrArray      *pending;        /* a photo list that came while hidden */
};

G_DEFINE_FINAL_TYPE (LkPhotosView, lk_photos_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))

static void load_photo (LkPhotosView *self);

static gboolean
writable (LkPhotosView *self)
{
  return session_of (self) != NULL && !lk_session_is_read_only (session_of (self));
}

static void
toast (LkPhotosView *self,
       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* ---- The grid ------------------------------------------------------------- */


static void
update_count (LkPhotosView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = g_strdup_printf (ngettext ("%u photo", "%u photos", n), n);

  gtk_label_set_text (self->count_label, text);
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
  update_count (self);
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
        toast (self, error->message);
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
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LkPhotosView             *self)
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
              LkPhotosView             *self)
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
  g_autofree char *tip = g_strdup_printf ("%s — %s, %s", photo->original_name,
                                          probe ? _("probe") : _("reference"), faces);

  gtk_label_set_text (GTK_LABEL (role), probe ? _("Probe") : _("Reference"));
  gtk_widget_remove_css_class (role, probe ? "reference" : "probe");
  gtk_widget_add_css_class (role, probe ? "probe" : "reference");
  gtk_label_set_text (GTK_LABEL (count), faces);
  gtk_label_set_text (GTK_LABEL (caption), photo->original_name);
  gtk_widget_set_tooltip_text (box, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  lk_thumb_loader_request (self->loader, G_OBJECT (obj));
}

static void
activate_cb (GtkGridView  *grid,
             guint         position,
             LkPhotosView *self)
{
  g_autoptr(LkPhotoObject) obj = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (obj != NULL)
    lk_photos_view_show_photo (self, lk_photo_object_get_id (obj), 0);
}

/* ---- One photo ------------------------------------------------------------ */

typedef struct {
  LkPhoto    *photo;
  GdkTexture *texture;
  GPtrArray  *faces;        /* LkFaceObject */
} PhotoData;

static void
photo_data_free (gpointer p)
{
  PhotoData *pd = p;

  g_clear_pointer (&pd->photo, lk_photo_free);
  g_clear_object (&pd->texture);
  g_clear_pointer (&pd->faces, g_ptr_array_unref);
  g_free (pd);
}

static GdkTexture *
texture_from_image (const LkImage *image)
{
  int w = lk_image_get_width (image), h = lk_image_get_height (image);
  g_autoptr(GBytes) bytes = g_bytes_new (lk_image_get_rgb (image), (gsize) w * h * 3);

  return gdk_memory_texture_new (w, h, GDK_MEMORY_R8G8B8, bytes, (gsize) w * 3);
}

/* The decoded photo goes straight into a memory texture: no re-encoding. */
static gpointer
photo_job (LkCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 id = *(gint64 *) data;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *path = NULL;
  PhotoData *pd = g_new0 (PhotoData, 1);

  pd->photo = lk_case_get_photo (kase, id, error);
  if (pd->photo != NULL)
    path = lk_case_get_evidence_path (kase, id, error);
  if (path != NULL)
    image = lk_image_load (path, 0, error);
  filter.photo_id = id;
  if (image != NULL)
    faces = lk_case_list_faces (kase, &filter, error);
  if (faces == NULL)
    {
      photo_data_free (pd);
      return NULL;
    }
  pd->texture = texture_from_image (image);
  pd->faces = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < faces->len; i++)
    g_ptr_array_add (pd->faces, lk_face_object_new (g_ptr_array_index (faces, i)));
  return pd;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "value"));
}

static void
add_info_row (GtkWidget  *group,
              const char *title,
              const char *value,
              gboolean    monospace)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && value[0] != '\0' ? value : "—");
  gtk_widget_set_tooltip_text (row, value);
  if (monospace && value != NULL)
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"), -1);
      g_object_set_data_full (G_OBJECT (copy), "value", g_strdup (value), g_free);
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      gtk_widget_add_css_class (row, "lk-audit-hash");
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
photo_info_new (const LkPhoto *p)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *photo = adw_preferences_group_new ();
  GtkWidget *evidence = adw_preferences_group_new ();
  GtkWidget *exif = adw_preferences_group_new ();
  g_autofree char *size = g_strdup_printf (_("%d × %d pixels, %.1f MB"), p->width, p->height, p->size / 1e6);
  g_autofree char *camera = g_strdup_printf ("%s %s", p->camera_make ? p->camera_make : "",
                                             p->camera_model ? p->camera_model : "");
  g_autofree char *gps = p->has_gps ? g_strdup_printf ("%.6f, %.6f", p->gps_latitude, p->gps_longitude) : NULL;
  g_autofree char *when = lk_format_time (p->imported_at);
  g_autofree char *imported = g_strdup_printf (_("%s by %s"), when, p->analyst);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (photo), _("Photo"));
  add_info_row (photo, _("Role"), p->role == LK_PHOTO_ROLE_PROBE ? _("Probe (to identify)") : _("Reference (known person)"), FALSE);
  add_info_row (photo, _("Size"), size, FALSE);
  add_info_row (photo, _("Original"), p->original_path, FALSE);
  add_info_row (photo, _("Imported"), imported, FALSE);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (evidence), _("Evidence"));
  add_info_row (evidence, _("SHA-256"), p->sha256, TRUE);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (exif), _("Camera Details (EXIF)"));
  add_info_row (exif, _("Captured"), p->exif_time, FALSE);
  add_info_row (exif, _("Camera"), g_strstrip (camera), FALSE);
  add_info_row (exif, _("Location (GPS)"), gps, FALSE);
  gtk_box_append (GTK_BOX (box), photo);
  gtk_box_append (GTK_BOX (box), evidence);
  gtk_box_append (GTK_BOX (box), exif);
  return box;
}

static void
not_a_face_toggled_cb (GtkButton    *button,
                       LkPhotosView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "face-id"));
  gboolean is_not = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "not-a-face"));

  lk_photos_view_mark_not_a_face (self, id, !is_not);
}

static GtkWidget *
face_row_new (LkPhotosView *self,
              LkFaceObject *face)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *chip = gtk_picture_new ();
  GtkWidget *button;
  LkFaceStatus status = lk_face_object_get_status (face);
  gboolean not_face = status == LK_FACE_STATUS_NOT_A_FACE;
  const char *person = lk_face_object_get_person_name (face);
  g_autofree char *title = g_strdup_printf (_("Face %" PRId64 "%s"), lk_face_object_get_id (face),
                                            lk_face_object_get_origin (face) == LK_FACE_ORIGIN_MANUAL
                                              ? _(" (drawn by hand)") : "");
  g_autofree char *subtitle = g_strdup_printf ("%s%s%s", lk_face_status_get_label (status),
                                               person != NULL && person[0] ? " — " : "", person ? person : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_size_request (chip, 48, 48);
  gtk_widget_add_css_class (chip, "lk-chip");
  g_object_bind_property (face, "texture", chip, "paintable", G_BINDING_SYNC_CREATE);
  lk_thumb_loader_request (self->chip_loader, G_OBJECT (face));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);
  button = gtk_button_new_with_label (not_face ? _("Is a Face") : _("Not a Face"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, not_face ? _("Undo the “not a face” mark (audited)")
                                                : _("Mark this detection as wrong; it is kept and audited"));
  gtk_widget_set_sensitive (button, writable (self));
  g_object_set_data (G_OBJECT (button), "face-id", GSIZE_TO_POINTER (lk_face_object_get_id (face)));
  g_object_set_data (G_OBJECT (button), "not-a-face", GINT_TO_POINTER (not_face));
  g_signal_connect (button, "clicked", G_CALLBACK (not_a_face_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_widget_set_name (row, title);
  g_object_set_data (G_OBJECT (row), "face-id", GSIZE_TO_POINTER (lk_face_object_get_id (face)));
  return row;
}

static void
rebuild_face_list (LkPhotosView *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->faces));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->face_list))) != NULL)
    gtk_list_box_remove (self->face_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkFaceObject) face = g_list_model_get_item (G_LIST_MODEL (self->faces), i);
      GtkWidget *row = face_row_new (self, face);

      gtk_list_box_append (self->face_list, row);
      if (lk_face_object_get_id (face) == self->selected_face)
        gtk_list_box_select_row (self->face_list, GTK_LIST_BOX_ROW (row));
    }
}

static void
photo_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkPhotosView) self = user_data;
  g_autoptr(GError) error = NULL;
  PhotoData *pd = lk_session_run_finish (LK_SESSION (source), result, &error);
  GtkWidget *info;

  if (pd == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (!self->photo_ready)
    lk_photo_canvas_set_texture (self->canvas, pd->texture);
  g_list_store_splice (self->faces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->faces)),
                       pd->faces->pdata, pd->faces->len);
  gtk_label_set_text (self->photo_title, pd->photo->original_name);
  info = photo_info_new (pd->photo);
  gtk_box_remove (GTK_BOX (self->side_box), self->info_box);
  gtk_box_prepend (GTK_BOX (self->side_box), info);
  self->info_box = info;
  rebuild_face_list (self);
  self->photo_ready = TRUE;
  photo_data_free (pd);
}

static void
load_photo (LkPhotosView *self)
{
  gint64 *id;

  if (session_of (self) == NULL || self->photo_id == 0)
    return;
  id = g_new (gint64, 1);
  *id = self->photo_id;
  lk_session_run (session_of (self), photo_job, id, g_free, photo_data_free, self->photo_cancellable,
                  photo_done_cb, g_object_ref (self));
}

void
lk_photos_view_show_photo (LkPhotosView *self,
                           gint64        photo_id,
                           gint64        face_id)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));

  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  self->photo_cancellable = g_cancellable_new ();
  if (photo_id != self->photo_id)
    {
      self->photo_ready = FALSE;
      lk_photo_canvas_set_texture (self->canvas, NULL);
      g_list_store_remove_all (self->faces);
    }
  self->photo_id = photo_id;
  self->selected_face = face_id;
  lk_photo_canvas_set_selected (self->canvas, face_id);
  gtk_toggle_button_set_active (self->draw_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "photo");
  load_photo (self);
}

void
lk_photos_view_show_grid (LkPhotosView *self)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));

  self->photo_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "grid");
  update_count (self);
}

/* ---- Changing faces ----------------------------------------------------- */

typedef struct {
  char   *analyst;
  gint64  photo_id;
  LkBox   box;
} FaceEdit;

static void
face_edit_free (gpointer p)
{
  FaceEdit *fe = p;

  g_free (fe->analyst);
  g_free (fe);
}

/* A hand-drawn box goes through the core's pipeline for imported faces
 * (landmarks, descriptor, chip, quality record), so it is matched and
 * reviewed the same way. */
static gpointer
manual_face_job (LkCase        *kase,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  FaceEdit *fe = data;
  g_autoptr(LkFaceEngine) engine = lk_face_engine_get_default (error);
  gint64 id;

  if (engine == NULL)
    return NULL;
  id = lk_importer_add_manual_face (kase, engine, fe->photo_id, &fe->box, fe->analyst, cancellable, error);
  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
changed_faces (LkSession *session)
{
  lk_session_notify_changed (session, LK_CHANGE_FACES | LK_CHANGE_PHOTOS | LK_CHANGE_AUDIT);
}

static void
not_a_face_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkPhotosView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_session_set_face_not_a_face_finish (LK_SESSION (source), result, &error))
    toast (self, error->message);
  else
    changed_faces (LK_SESSION (source));
}

static void
manual_face_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkPhotosView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = lk_session_run_finish (LK_SESSION (source), result, &error);

  if (id == NULL)
    {
      toast (self, error->message);
      return;
    }
  self->selected_face = *id;
  lk_photo_canvas_set_selected (self->canvas, self->selected_face);
  toast (self, _("Face added; its landmarks and descriptor were computed"));
  changed_faces (LK_SESSION (source));
}

void
lk_photos_view_mark_not_a_face (LkPhotosView *self,
                                gint64        face_id,
                                gboolean      not_a_face)
{
  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));
  if (!writable (self))
    return;
  lk_session_set_face_not_a_face_async (session_of (self), face_id, not_a_face,
                                        not_a_face ? "marked in the photo view" : "unmarked in the photo view",
                                        NULL, not_a_face_done_cb, g_object_ref (self));
}

void
lk_photos_view_add_manual_face (LkPhotosView *self,
                                int           x,
                                int           y,
                                int           width,
                                int           height)
{
  FaceEdit *fe;

  g_return_if_fail (LK_IS_PHOTOS_VIEW (self));
  if (!writable (self) || self->photo_id == 0)
    return;
  fe = g_new0 (FaceEdit, 1);
  fe->analyst = g_strdup (lk_session_get_analyst (session_of (self)));
  fe->photo_id = self->photo_id;
  fe->box = (LkBox) { x, y, width, height };
  lk_session_run (session_of (self), manual_face_job, fe, face_edit_free, g_free, NULL,
                  manual_face_done_cb, g_object_ref (self));
}

static void
box_drawn_cb (LkPhotoCanvas *canvas,
              int            x,
              int            y,
              int            w,
              int            h,
              LkPhotosView  *self)
{
  gtk_toggle_button_set_active (self->draw_button, FALSE);
  lk_photos_view_add_manual_face (self, x, y, w, h);
}

static void
face_activated_cb (LkPhotoCanvas *canvas,
                   gint64         face_id,
                   LkPhotosView  *self)
{
  self->selected_face = face_id;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->face_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "face-id")) == (gsize) face_id)
      {
        gtk_list_box_select_row (self->face_list, GTK_LIST_BOX_ROW (row));
        gtk_widget_grab_focus (row);
      }
}

static void
face_row_selected_cb (GtkListBox    *box,
                      GtkListBoxRow *row,
                      LkPhotosView  *self)
{
  if (row != NULL)
    {
      self->selected_face = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "face-id"));
      lk_photo_canvas_set_selected (self->canvas, self->selected_face);
    }
}

/* Another case: nothing of the previous one stays, not even an open photo. */
static void
forget_case (LkPhotosView *self)
{
  lk_thumb_loader_set_session (self->loader, session_of (self));
  lk_thumb_loader_set_session (self->chip_loader, session_of (self));
  g_list_store_remove_all (self->store);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_cancellable_cancel (self->photo_cancellable);
  self->photo_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_count (self);
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
  if (self->photo_id != 0 && (what & (LK_CHANGE_FACES | LK_CHANGE_DECISIONS)))
    load_photo (self);
}

/* ---- Construction ----------------------------------------------------- */

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
zoom_clicked_cb (GtkButton    *button,
                 LkPhotosView *self)
{
  double factor = *(double *) g_object_get_data (G_OBJECT (button), "factor");

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), "canvas.zoom", "d", factor);
}

static void
draw_toggled_cb (GtkToggleButton *button,
                 LkPhotosView    *self)
{
  lk_photo_canvas_set_draw_mode (self->canvas, gtk_toggle_button_get_active (button));
}

static GtkWidget *
build_photo_bar (LkPhotosView *self)
{
  static double factors[] = { 0.8, 1.25, 0.0 };
  static const char *icons[] = { "zoom-out-symbolic", "zoom-in-symbolic", "zoom-fit-best-symbolic" };
  const char *tips[] = { _("Zoom out (−)"), _("Zoom in (+)"), _("Fit to window (0)") };
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = icon_button_new ("go-previous-symbolic", _("Back to all photos"), "photos.back", NULL);

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_box_append (GTK_BOX (bar), back);
  self->photo_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->photo_title), "heading");
  gtk_label_set_ellipsize (self->photo_title, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->photo_title), TRUE);
  gtk_label_set_xalign (self->photo_title, 0);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->photo_title));
  self->draw_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Box a Missed Face")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->draw_button),
                               _("Then drag a box around a face the detector missed (B)"));
  g_signal_connect (self->draw_button, "toggled", G_CALLBACK (draw_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->draw_button));
  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (icons[i]);

      gtk_widget_set_tooltip_text (button, tips[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tips[i], -1);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "factor", &factors[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (zoom_clicked_cb), self);
      gtk_box_append (GTK_BOX (bar), button);
    }
  return bar;
}

static GtkWidget *
build_photo_page (LkPhotosView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *side = gtk_scrolled_window_new ();
  GtkWidget *side_box = self->side_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *faces_group = adw_preferences_group_new ();

  gtk_box_append (GTK_BOX (box), build_photo_bar (self));
  self->canvas = LK_PHOTO_CANVAS (lk_photo_canvas_new ());
  g_signal_connect (self->canvas, "box-drawn", G_CALLBACK (box_drawn_cb), self);
  g_signal_connect (self->canvas, "face-activated", G_CALLBACK (face_activated_cb), self);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->canvas));
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);

  self->info_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (side_box), self->info_box);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (faces_group), _("Faces"));
  self->face_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->face_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->face_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Faces in this photo"), -1);
  g_signal_connect (self->face_list, "row-selected", G_CALLBACK (face_row_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (faces_group), GTK_WIDGET (self->face_list));
  gtk_box_append (GTK_BOX (side_box), faces_group);
  g_object_set (side_box, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side), side_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (side, 340, -1);
  gtk_paned_set_end_child (GTK_PANED (paned), side);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  return box;
}

static GtkWidget *
build_grid_page (LkPhotosView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  gtk_widget_add_css_class (bar, "toolbar");
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (box), bar);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  self->grid = gtk_grid_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (self->grid), 12);
  gtk_grid_view_set_single_click_activate (GTK_GRID_VIEW (self->grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Photos"), -1);
  g_signal_connect (self->grid, "activate", G_CALLBACK (activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->grid);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static void
build_ui (LkPhotosView *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import Photos…"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "image-x-generic-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Photos Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Import photos or folders, or drop them here. Each original is kept "
                                     "unchanged as evidence and its faces are found."));
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), button);
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, build_grid_page (self), "grid");
  gtk_stack_add_named (self->stack, build_photo_page (self), "photo");
  lk_section_set_child (LK_SECTION (self), GTK_WIDGET (self->stack));
}

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
  LkPhotosView *self = LK_PHOTOS_VIEW (widget);

  if (self->photo_id != 0 && writable (self))
    gtk_toggle_button_set_active (self->draw_button, !gtk_toggle_button_get_active (self->draw_button));
}

static void
lk_photos_view_dispose (GObject *object)
{
  LkPhotosView *self = LK_PHOTOS_VIEW (object);

  /* The widgets go before the models they show. */
  lk_section_set_child (LK_SECTION (self), NULL);
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->loader);
  g_clear_object (&self->chip_loader);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->faces);
  g_clear_object (&self->photo_cancellable);
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
}

static void
lk_photos_view_init (LkPhotosView *self)
{
  self->photo_cancellable = g_cancellable_new ();
  self->loader = lk_thumb_loader_new (LK_THUMB_PHOTO, 300);
  self->chip_loader = lk_thumb_loader_new (LK_THUMB_FACE_CHIP, 100);
  self->store = g_list_store_new (LK_TYPE_PHOTO_OBJECT);
  self->faces = g_list_store_new (LK_TYPE_FACE_OBJECT);
  build_ui (self);
  lk_photo_canvas_set_faces (self->canvas, G_LIST_MODEL (self->faces));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  update_count (self);
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
  return G_LIST_MODEL (self->faces);
}

gboolean
lk_photos_view_is_photo_ready (LkPhotosView *self)
{
  g_return_val_if_fail (LK_IS_PHOTOS_VIEW (self), FALSE);
  return self->photo_ready;
}
