/* lk-photo-page.c — the photo page of Photos: one photo, its faces and evidence
 *
 * The photo with its face boxes (LkPhotoCanvas) and a side panel with the
 * evidence hash, EXIF details and the faces, where a wrong detection is
 * marked "not a face" and a missed face is boxed by hand.  A section of its
 * own (its session follows the Photos section's): a change of the case
 * reloads the open photo, and another case closes it.
 */
#define G_LOG_DOMAIN "lk-photo-page"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "import/lk-importer.h"
#include "match/lk-number.h"
#include "vision/lk-vision.h"
#include "lk-face-object.h"
#include "lk-photo-canvas.h"
#include "lk-photo-object.h"
#include "lk-photo-page.h"
#include "lk-thumb-loader.h"

struct _LkPhotoPage
{
  LkSection        parent_instance;

  LkThumbLoader   *chip_loader;
  GListStore      *faces;           /* of the open photo */
  GCancellable    *photo_cancellable;
  gint64           photo_id;
  gint64           selected_face;
  gboolean         photo_ready;

  GtkLabel        *title_label;
  GtkToggleButton *draw_button;
  LkPhotoCanvas   *canvas;
  GtkWidget       *info_box;
  AdwActionRow    *role_row;
  AdwActionRow    *size_row;
  AdwActionRow    *original_row;
  AdwActionRow    *imported_row;
  AdwActionRow    *sha_row;
  AdwActionRow    *captured_row;
  AdwActionRow    *camera_row;
  AdwActionRow    *gps_row;
  GtkListBox      *face_list;
};

G_DEFINE_FINAL_TYPE (LkPhotoPage, lk_photo_page, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))

static gboolean
writable (LkPhotoPage *self)
{
  return session_of (self) != NULL && !lk_session_is_read_only (session_of (self));
}

static void
toast (LkPhotoPage *self,
       const char  *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* ---- Loading the photo ---------------------------------------------------- */

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

/* The SHA-256 row's button: the hash is compared with other tools by hand. */
static void
copy_clicked_cb (LkPhotoPage *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          adw_action_row_get_subtitle (self->sha_row));
}

static void
set_info (AdwActionRow *row,
          const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL && value[0] != '\0' ? value : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), value);
}

/* Latitude and longitude in degrees, each with the language's decimal mark. */
static char *
gps_words (double latitude,
           double longitude)
{
  g_autofree char *lat = lk_number_decimal (latitude, 6);
  g_autofree char *lon = lk_number_decimal (longitude, 6);

  /* Translators: latitude, longitude in degrees ("50.450001, 30.523333"); where
   * the decimal mark is a comma, separate them with "; " instead. */
  return g_strdup_printf (C_("coordinates", "%s, %s"), lat, lon);
}

static void
show_info (LkPhotoPage   *self,
           const LkPhoto *p)
{
  /* Numbers with the decimal mark of the analyst's language (0,4 MB in
   * Ukrainian), not the C locale's that printf would use. */
  g_autofree char *megabytes = lk_number_decimal (p->size / 1e6, 1);
  /* Translators: a photo's size: width × height in pixels, then %s megabytes ("0.4"). */
  g_autofree char *size = g_strdup_printf (_("%d × %d pixels, %s MB"), p->width, p->height, megabytes);
  g_autofree char *camera = g_strdup_printf ("%s %s", p->camera_make ? p->camera_make : "",
                                             p->camera_model ? p->camera_model : "");
  g_autofree char *gps = p->has_gps ? gps_words (p->gps_latitude, p->gps_longitude) : NULL;
  g_autofree char *when = lk_format_time (p->imported_at);
  g_autofree char *imported = g_strdup_printf (_("%s by %s"), when, p->analyst);

  set_info (self->role_row, p->role == LK_PHOTO_ROLE_PROBE ? _("Probe (to identify)") : _("Reference (known person)"));
  set_info (self->size_row, size);
  set_info (self->original_row, p->original_path);
  set_info (self->imported_row, imported);
  set_info (self->sha_row, p->sha256);
  set_info (self->captured_row, p->exif_time);
  set_info (self->camera_row, g_strstrip (camera));
  set_info (self->gps_row, gps);
  gtk_widget_set_visible (self->info_box, TRUE);
}

static void
not_a_face_toggled_cb (GtkButton   *button,
                       LkPhotoPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "face-id"));
  gboolean is_not = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "not-a-face"));

  lk_photo_page_mark_not_a_face (self, id, !is_not);
}

/* One row per face of the photo: made from the model, like a list factory. */
static GtkWidget *
face_row_new (LkPhotoPage  *self,
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
rebuild_face_list (LkPhotoPage *self)
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
  g_autoptr(LkPhotoPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PhotoData *pd = lk_session_run_finish (LK_SESSION (source), result, &error);

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
  {
    g_autofree char *title = lk_photo_dup_caption (pd->photo);

    gtk_label_set_text (self->title_label, title);
  }
  show_info (self, pd->photo);
  rebuild_face_list (self);
  self->photo_ready = TRUE;
  photo_data_free (pd);
}

static void
load_photo (LkPhotoPage *self)
{
  gint64 *id;

  if (session_of (self) == NULL || self->photo_id == 0)
    return;
  id = g_new (gint64, 1);
  *id = self->photo_id;
  lk_session_run (session_of (self), photo_job, id, g_free, photo_data_free, self->photo_cancellable,
                  photo_done_cb, g_object_ref (self));
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
  g_autoptr(LkPhotoPage) self = user_data;
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
  g_autoptr(LkPhotoPage) self = user_data;
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
lk_photo_page_mark_not_a_face (LkPhotoPage *self,
                               gint64       face_id,
                               gboolean     not_a_face)
{
  g_return_if_fail (LK_IS_PHOTO_PAGE (self));
  if (!writable (self))
    return;
  lk_session_set_face_not_a_face_async (session_of (self), face_id, not_a_face,
                                        not_a_face ? "marked in the photo view" : "unmarked in the photo view",
                                        NULL, not_a_face_done_cb, g_object_ref (self));
}

void
lk_photo_page_add_manual_face (LkPhotoPage *self,
                               int          x,
                               int          y,
                               int          width,
                               int          height)
{
  FaceEdit *fe;

  g_return_if_fail (LK_IS_PHOTO_PAGE (self));
  if (!writable (self) || self->photo_id == 0)
    return;
  fe = g_new0 (FaceEdit, 1);
  fe->analyst = g_strdup (lk_session_get_analyst (session_of (self)));
  fe->photo_id = self->photo_id;
  fe->box = (LkBox) { x, y, width, height };
  lk_session_run (session_of (self), manual_face_job, fe, face_edit_free, g_free, NULL,
                  manual_face_done_cb, g_object_ref (self));
}

/* ---- The canvas and the face list --------------------------------------- */

static void
box_drawn_cb (LkPhotoCanvas *canvas,
              int            x,
              int            y,
              int            w,
              int            h,
              LkPhotoPage   *self)
{
  gtk_toggle_button_set_active (self->draw_button, FALSE);
  lk_photo_page_add_manual_face (self, x, y, w, h);
}

static void
face_activated_cb (LkPhotoCanvas *canvas,
                   gint64         face_id,
                   LkPhotoPage   *self)
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
                      LkPhotoPage   *self)
{
  if (row != NULL)
    {
      self->selected_face = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "face-id"));
      lk_photo_canvas_set_selected (self->canvas, self->selected_face);
    }
}

static void
zoom (LkPhotoPage *self,
      double       factor)
{
  gtk_widget_activate_action (GTK_WIDGET (self->canvas), "canvas.zoom", "d", factor);
}

static void
zoom_out_cb (LkPhotoPage *self)
{
  zoom (self, 0.8);
}

static void
zoom_in_cb (LkPhotoPage *self)
{
  zoom (self, 1.25);
}

/* Factor 0: fit to the window. */
static void
zoom_fit_cb (LkPhotoPage *self)
{
  zoom (self, 0.0);
}

static void
draw_toggled_cb (LkPhotoPage *self)
{
  lk_photo_canvas_set_draw_mode (self->canvas, gtk_toggle_button_get_active (self->draw_button));
}

/* ---- Section ---------------------------------------------------------------- */

static void
lk_photo_page_reload (LkSection *section,
                      LkChange   what)
{
  LkPhotoPage *self = LK_PHOTO_PAGE (section);

  /* Another case: not even the open photo of the previous one stays. */
  if (what & LK_CHANGE_CASE)
    {
      lk_thumb_loader_set_session (self->chip_loader, session_of (self));
      lk_photo_page_close (self);
    }
  if (self->photo_id != 0 && (what & (LK_CHANGE_FACES | LK_CHANGE_DECISIONS)))
    load_photo (self);
}

static void
lk_photo_page_dispose (GObject *object)
{
  LkPhotoPage *self = LK_PHOTO_PAGE (object);

  /* The widgets go before the models they show. */
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PHOTO_PAGE);
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->chip_loader);
  g_clear_object (&self->faces);
  g_clear_object (&self->photo_cancellable);
  G_OBJECT_CLASS (lk_photo_page_parent_class)->dispose (object);
}

static void
lk_photo_page_class_init (LkPhotoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_photo_page_dispose;
  LK_SECTION_CLASS (klass)->reload = lk_photo_page_reload;

  g_type_ensure (LK_TYPE_PHOTO_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-photo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, draw_button);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, info_box);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, size_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, original_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, imported_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, sha_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, captured_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, camera_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, gps_row);
  gtk_widget_class_bind_template_child (widget_class, LkPhotoPage, face_list);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, box_drawn_cb);
  gtk_widget_class_bind_template_callback (widget_class, face_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, face_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_fit_cb);
  gtk_widget_class_bind_template_callback (widget_class, draw_toggled_cb);
}

static void
lk_photo_page_init (LkPhotoPage *self)
{
  self->photo_cancellable = g_cancellable_new ();
  self->chip_loader = lk_thumb_loader_new (LK_THUMB_FACE_CHIP, 100);
  self->faces = g_list_store_new (LK_TYPE_FACE_OBJECT);
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_photo_canvas_set_faces (self->canvas, G_LIST_MODEL (self->faces));
}

GtkWidget *
lk_photo_page_new (void)
{
  return g_object_new (LK_TYPE_PHOTO_PAGE, NULL);
}

void
lk_photo_page_show (LkPhotoPage *self,
                    gint64       photo_id,
                    gint64       face_id)
{
  g_return_if_fail (LK_IS_PHOTO_PAGE (self));

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
  load_photo (self);
}

void
lk_photo_page_close (LkPhotoPage *self)
{
  g_return_if_fail (LK_IS_PHOTO_PAGE (self));

  g_cancellable_cancel (self->photo_cancellable);
  self->photo_id = 0;
}

gint64
lk_photo_page_get_photo_id (LkPhotoPage *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_PAGE (self), 0);
  return self->photo_id;
}

GListModel *
lk_photo_page_get_faces (LkPhotoPage *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_PAGE (self), NULL);
  return G_LIST_MODEL (self->faces);
}

gboolean
lk_photo_page_is_ready (LkPhotoPage *self)
{
  g_return_val_if_fail (LK_IS_PHOTO_PAGE (self), FALSE);
  return self->photo_ready;
}

void
lk_photo_page_toggle_draw (LkPhotoPage *self)
{
  g_return_if_fail (LK_IS_PHOTO_PAGE (self));

  if (self->photo_id != 0 && writable (self))
    gtk_toggle_button_set_active (self->draw_button, !gtk_toggle_button_get_active (self->draw_button));
}
