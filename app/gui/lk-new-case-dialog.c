/* lk-new-case-dialog.c — title, case number, description and folder of a new case */
#define G_LOG_DOMAIN "lk-new-case-dialog"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-new-case-dialog.h"

struct _LkNewCaseDialog
{
  AdwWindow             parent_instance;

  AdwEntryRow          *title_row;
  AdwEntryRow          *number_row;
  AdwEntryRow          *description_row;
  AdwActionRow         *folder_row;
  AdwActionRow         *path_row;
  GtkWidget            *create_button;

  char                 *location;
  char                 *path;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LkNewCaseDialog, lk_new_case_dialog, ADW_TYPE_WINDOW)

enum { CREATE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The folder name from the title: characters that are awkward in file names
 * (separators, control characters, a leading dot) become '-'. */
static char *
folder_name_for_title (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c) || (name->len == 0 && c == '.'))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  return g_strdup_printf ("%s.likeness", name->str);
}

static void
update_path (LkNewCaseDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *stripped = g_strstrip (g_strdup (title));
  gboolean ok = stripped[0] != '\0' && self->location != NULL;

  g_clear_pointer (&self->path, g_free);
  if (ok)
    {
      g_autofree char *name = folder_name_for_title (stripped);

      self->path = g_build_filename (self->location, name, NULL);
    }
  adw_action_row_set_subtitle (self->folder_row, self->location != NULL ? self->location : "");
  adw_action_row_set_subtitle (self->path_row, self->path != NULL ? self->path : _("Give the case a title"));
  gtk_widget_set_sensitive (self->create_button, ok);
}

static void
fields_changed_cb (LkNewCaseDialog *self)
{
  update_path (self);
}

void
lk_new_case_dialog_create (LkNewCaseDialog *self)
{
  g_autofree char *title = NULL;

  g_return_if_fail (LK_IS_NEW_CASE_DIALOG (self));

  if (self->path == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_signal_emit (self, signals[CREATE], 0, title,
                 gtk_editable_get_text (GTK_EDITABLE (self->number_row)),
                 gtk_editable_get_text (GTK_EDITABLE (self->description_row)),
                 self->path);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (LkNewCaseDialog *self)
{
  lk_new_case_dialog_create (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     LkNewCaseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        lk_new_case_dialog_set_location (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_cb (LkNewCaseDialog *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Location of the New Case"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
lk_new_case_dialog_dispose (GObject *object)
{
  LkNewCaseDialog *self = LK_NEW_CASE_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (lk_new_case_dialog_parent_class)->dispose (object);
}

static void
lk_new_case_dialog_finalize (GObject *object)
{
  LkNewCaseDialog *self = LK_NEW_CASE_DIALOG (object);

  g_free (self->location);
  g_free (self->path);
  G_OBJECT_CLASS (lk_new_case_dialog_parent_class)->finalize (object);
}

static void
lk_new_case_dialog_class_init (LkNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_new_case_dialog_dispose;
  object_class->finalize = lk_new_case_dialog_finalize;

  signals[CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/likeness/Likeness/lk-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, path_row);
  gtk_widget_class_bind_template_child (widget_class, LkNewCaseDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_new_case_dialog_init (LkNewCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The analyst types the title first; Enter in any field creates the case. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}

LkNewCaseDialog *
lk_new_case_dialog_new (GtkWindow  *parent,
                        const char *location)
{
  LkNewCaseDialog *self = g_object_new (LK_TYPE_NEW_CASE_DIALOG,
                                        "transient-for", parent, NULL);

  lk_new_case_dialog_set_location (self, location);
  return self;
}

void
lk_new_case_dialog_set_title_text (LkNewCaseDialog *self,
                                   const char      *title)
{
  g_return_if_fail (LK_IS_NEW_CASE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

void
lk_new_case_dialog_set_location (LkNewCaseDialog *self,
                                 const char      *location)
{
  g_return_if_fail (LK_IS_NEW_CASE_DIALOG (self));
  g_free (self->location);
  self->location = g_strdup (location);
  update_path (self);
}

const char *
lk_new_case_dialog_get_path (LkNewCaseDialog *self)
{
  g_return_val_if_fail (LK_IS_NEW_CASE_DIALOG (self), NULL);
  return self->path;
}
