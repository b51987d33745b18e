/* lk-window-import.c — bringing photos into the case
 *
 * Files or folders come from the file chooser or are dropped on the window.
 * The analyst says whether they are probe photos (unidentified) or reference
 * photos of one person; then IMPORT's LkImporter runs as a session job, with
 * its progress in the header bar and a cancel button.
 */
#define G_LOG_DOMAIN "lk-window"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "import/lk-importer.h"
#include "lk-window-private.h"

typedef struct {
  LkWindow     *window;       /* a reference, dropped on the main thread */
  GStrv         paths;
  LkPhotoRole   role;
  char         *person_name;  /* references: found or created */
  char         *analyst;
  LkDetectMode  mode;
} ImportData;

static gboolean
unref_idle (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
import_data_free (gpointer p)
{
  ImportData *id = p;

  g_strfreev (id->paths);
  g_free (id->person_name);
  g_free (id->analyst);
  /* The job data may be freed on the worker: hand the window back to the main thread. */
  g_idle_add (unref_idle, id->window);
  g_free (id);
}

typedef struct {
  LkWindow *window;
  guint     done, total;
  char     *file;
} ProgressData;

static gboolean
progress_on_main (gpointer user_data)
{
  ProgressData *pd = user_data;
  g_autofree char *text = NULL;

  if (lk_window_is_busy (pd->window))
    {
      text = g_strdup_printf (_("Importing %u of %u: %s"), MIN (pd->done + 1, pd->total), pd->total,
                              pd->file != NULL ? pd->file : "");
      lk_window_task_progress (pd->window, pd->total > 0 ? (double) pd->done / pd->total : -1, text);
    }
  g_object_unref (pd->window);
  g_free (pd->file);
  g_free (pd);
  return G_SOURCE_REMOVE;
}

static void
import_progress (const LkImportProgress *progress,
                 gpointer                user_data)
{
  ImportData *id = user_data;
  ProgressData *pd = g_new0 (ProgressData, 1);

  pd->window = g_object_ref (id->window);
  pd->done = progress->done;
  pd->total = progress->total;
  if (progress->file != NULL && progress->file->path != NULL)
    pd->file = g_path_get_basename (progress->file->path);
  else if (progress->video != NULL)
    {
      g_autofree char *base = g_path_get_basename (progress->video);

      /* Translators: a video being imported: frames analysed of the frames expected. */
      pd->file = g_strdup_printf (_("%s, frame %u of about %u"), base, progress->frames_done,
                                  progress->frames_total);
    }
  g_idle_add (progress_on_main, pd);
}

static gint64
find_or_add_person (LkCase      *kase,
                    ImportData  *id,
                    GError     **error)
{
  g_autoptr(LkPerson) person = NULL;
  LkPersonFields fields = { 0 };

  person = lk_case_find_person (kase, id->person_name, error);
  if (person != NULL)
    return person->id;
  if (error != NULL && *error != NULL)
    return 0;
  fields.display_name = id->person_name;
  return lk_case_add_person (kase, id->analyst, &fields, error);
}

static gpointer
import_job (LkCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportData *id = data;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkImporter) importer = NULL;
  gint64 person_id = 0;

  engine = lk_face_engine_get_default (error);
  if (engine == NULL)
    return NULL;
  if (id->role == LK_PHOTO_ROLE_REFERENCE && id->person_name != NULL && id->person_name[0] != '\0')
    {
      person_id = find_or_add_person (kase, id, error);
      if (person_id == 0)
        return NULL;
    }

  importer = lk_importer_new (kase, engine, id->analyst);
  lk_importer_set_role (importer, id->role);
  lk_importer_set_person (importer, person_id);
  lk_importer_set_detect_mode (importer, id->mode);
  lk_importer_set_progress_func (importer, import_progress, id, NULL);
  return lk_importer_run (importer, (const char * const *) id->paths, cancellable, error);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  LkSession *session = LK_SESSION (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImportSummary) summary = lk_session_run_finish (session, result, &error);
  g_autofree char *message = NULL;

  lk_window_end_task (self);
  /* Even a failed or cancelled import may have stored some photos. */
  lk_session_notify_changed (session,
                             LK_CHANGE_PHOTOS | LK_CHANGE_FACES | LK_CHANGE_PERSONS | LK_CHANGE_AUDIT);
  if (summary == NULL)
    {
      _lk_window_show_error (self, _("Import Stopped"), error);
      return;
    }
  if (summary->n_errors > 0)
    message = g_strdup_printf (_("Imported %u photos with %u faces; %u files could not be imported "
                                 "(see the Audit section)"),
                               summary->n_imported, summary->n_faces, summary->n_errors);
  else
    message = g_strdup_printf (_("Imported %u photos with %u faces (%u already in the case)"),
                               summary->n_imported, summary->n_faces, summary->n_duplicates);
  lk_window_show_toast (self, message);
}

/**
 * lk_window_import:
 * @paths: files and folders
 * @person_name: (nullable): for reference photos, the person (found or created)
 *
 * Imports without asking (the import dialog's second half).
 */
void
lk_window_import (LkWindow           *self,
                  const char * const *paths,
                  LkPhotoRole         role,
                  const char         *person_name)
{
  GCancellable *cancellable;
  ImportData *id;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);
  if (self->session == NULL)
    return;
  cancellable = lk_window_begin_task (self, _("Importing photos…"));
  if (cancellable == NULL)
    return;
  id = g_new0 (ImportData, 1);
  id->window = g_object_ref (self);
  id->paths = g_strdupv ((GStrv) paths);
  id->role = role;
  id->person_name = g_strdup (person_name);
  id->analyst = g_strdup (lk_session_get_analyst (self->session));
  id->mode = g_settings_get_enum (self->settings, "detection-mode") == 1 ? LK_DETECT_THOROUGH
                                                                          : LK_DETECT_DEFAULT;
  lk_session_run (self->session, import_job, id, import_data_free,
                  (GDestroyNotify) lk_import_summary_unref, cancellable,
                  import_done_cb, g_object_ref (self));
}

/* ---- The import dialog ---------------------------------------------------- */

typedef struct {
  LkWindow    *self;
  GStrv        paths;
  AdwComboRow *role_row;
  GtkEditable *person_row;
} ImportPrompt;

static void
import_prompt_free (ImportPrompt *prompt)
{
  g_object_unref (prompt->self);
  g_strfreev (prompt->paths);
  g_free (prompt);
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ImportPrompt     *prompt)
{
  if (g_str_equal (response, "import") && prompt->self->session != NULL)
    {
      LkPhotoRole role = adw_combo_row_get_selected (prompt->role_row) == 1 ? LK_PHOTO_ROLE_REFERENCE
                                                                            : LK_PHOTO_ROLE_PROBE;
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (prompt->person_row)));

      lk_window_import (prompt->self, (const char * const *) prompt->paths, role,
                        role == LK_PHOTO_ROLE_REFERENCE ? name : NULL);
    }
  import_prompt_free (prompt);
}

static void
role_changed_cb (AdwComboRow *row,
                 GParamSpec  *pspec,
                 GtkWidget   *person_row)
{
  gboolean reference = adw_combo_row_get_selected (row) == 1;

  /* The explanation under the short role name, so neither is cut off. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reference ? _("Photos of one known person")
                                                               : _("Faces to identify"));
  gtk_widget_set_visible (person_row, reference);
}

/* "“crops” (a folder): its photos will be copied…" says what was dropped;
 * "1 item" did not.  One stat of a path the user just chose or dropped. */
static char *
import_body (GStrv paths)
{
  guint n = g_strv_length (paths);
  g_autofree char *name = NULL;

  if (n != 1)
    return g_strdup_printf (ngettext ("%u item will be copied into the case as evidence and its faces found.",
                                      "%u items will be copied into the case as evidence and their faces found.",
                                      n), n);
  name = g_filename_display_basename (paths[0]);
  if (g_file_test (paths[0], G_FILE_TEST_IS_DIR))
    return g_strdup_printf (_("The photos in the folder “%s” and its sub-folders will be copied into the case "
                              "as evidence and their faces found."), name);
  return g_strdup_printf (_("“%s” will be copied into the case as evidence and its faces found."), name);
}

void
_lk_window_import_paths (LkWindow *self,
                         GStrv     paths)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  ImportPrompt *prompt;

  if (self->session == NULL || lk_session_is_read_only (self->session))
    {
      lk_window_show_toast (self, _("Open a case you can write to before importing photos"));
      return;
    }

  /* The dialog's layout is in ui/lk-import-dialog.ui; only what depends on
   * the paths is filled in here. */
  builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-import-dialog.ui");
  dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  body = import_body (paths);
  adw_message_dialog_set_body (dialog, body);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  prompt = g_new0 (ImportPrompt, 1);
  prompt->self = g_object_ref (self);
  prompt->paths = g_strdupv (paths);
  prompt->role_row = ADW_COMBO_ROW (gtk_builder_get_object (builder, "role_row"));
  prompt->person_row = GTK_EDITABLE (gtk_builder_get_object (builder, "person_row"));
  g_signal_connect (prompt->role_row, "notify::selected", G_CALLBACK (role_changed_cb), prompt->person_row);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), prompt);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Choosing and dropping ------------------------------------------------ */

static GStrv
paths_from_files (GListModel *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            LkWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_auto(GStrv) paths = paths_from_files (files);

      if (paths[0] != NULL)
        _lk_window_import_paths (self, paths);
    }
  g_clear_object (&self->chooser);
}

static void
show_import_chooser (LkWindow *self,
                     gboolean  folders)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Photos"),
                                               GTK_WINDOW (self),
                                               folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                       : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  if (!folders)
    {
      gtk_file_filter_set_name (filter, _("Images"));
      gtk_file_filter_add_pixbuf_formats (filter);
      /* Read through libheif, whether or not gdk-pixbuf has a loader for them. */
      for (const char *const *s = (const char *const[]) { "heic", "heif", "hif", "avif", NULL }; *s; s++)
        gtk_file_filter_add_suffix (filter, *s);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  show_import_chooser (LK_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  show_import_chooser (LK_WINDOW (widget), TRUE);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LkWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    return FALSE;
  _lk_window_import_paths (self, paths);
  return TRUE;
}

void
_lk_window_init_dnd (LkWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->section_stack), GTK_EVENT_CONTROLLER (target));
}

void
_lk_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
}
