/* lk-analysts-dialog.c — the case's analysts and their roles
 *
 * The analyst in the window header grants; the store decides whether they
 * may (only a supervisor, or anyone while the case has none) and its refusal
 * is shown as it is worded there.  Reads and grants are session jobs.
 */
#define G_LOG_DOMAIN "lk-analysts-dialog"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-verification.h"
#include "lk-analysts-dialog.h"

struct _LkAnalystsDialog
{
  AdwWindow     parent_instance;

  LkSession    *session;
  GCancellable *cancellable;
  guint         jobs;

  GtkLabel     *intro_label;
  GtkListBox   *analyst_list;
  GtkEditable  *grantee_entry;
  GtkDropDown  *role_drop;
  GtkEditable  *reason_entry;
  GtkWidget    *grant_button;
  GtkLabel     *message_label;
};

G_DEFINE_FINAL_TYPE (LkAnalystsDialog, lk_analysts_dialog, ADW_TYPE_WINDOW)

/* The role dropdown's positions, as in the template. */
static const LkRole grantable[] = { LK_ROLE_VERIFIER, LK_ROLE_SUPERVISOR };

static void
show_message (LkAnalystsDialog *self,
              const char       *text,
              gboolean          is_error)
{
  gtk_label_set_text (self->message_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), is_error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), is_error ? "error" : "success");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

/* gtk_list_box_remove_all() is GTK 4.12; we build against 4.8. */
static void
list_box_clear (GtkListBox *box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (box, 0)) != NULL)
    gtk_list_box_remove (box, GTK_WIDGET (row));
}

/* ---- Listing -------------------------------------------------------------------- */

static gpointer
list_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return lk_case_list_analyst_roles (kase, error);
}

static char *
roles_text (LkRole roles)
{
  static const LkRole all[] = { LK_ROLE_EXAMINER, LK_ROLE_VERIFIER, LK_ROLE_SUPERVISOR };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (roles & all[i])
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", lk_role_to_string (all[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
analyst_row_new (const LkAnalyst *analyst,
                 const char      *me)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *roles = roles_text (analyst->roles);
  /* Translators: marks the analyst working in this window in the list. */
  g_autofree char *title = g_strcmp0 (analyst->name, me) == 0 ? g_strdup_printf (_("%s (you)"), analyst->name)
                                                                : g_strdup (analyst->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), roles);
  return row;
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkAnalystsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) analysts = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->jobs--;
  if (analysts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  list_box_clear (self->analyst_list);
  for (guint i = 0; i < analysts->len; i++)
    gtk_list_box_append (self->analyst_list,
                         analyst_row_new (g_ptr_array_index (analysts, i), lk_session_get_analyst (self->session)));
}

static void
reload (LkAnalystsDialog *self)
{
  self->jobs++;
  lk_session_run (self->session, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                  self->cancellable, list_done_cb, g_object_ref (self));
}

/* ---- Granting -------------------------------------------------------------------- */

typedef struct {
  char   *analyst;
  char   *grantee;
  LkRole  role;
  char   *reason;
} GrantData;

static void
grant_data_free (gpointer p)
{
  GrantData *d = p;

  g_free (d->analyst);
  g_free (d->grantee);
  g_free (d->reason);
  g_free (d);
}

static gpointer
grant_job (LkCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GrantData *d = data;

  if (!lk_case_grant_role (kase, d->analyst, d->grantee, d->role, d->reason, error))
    return NULL;
  return g_strdup_printf (_("%s now holds the %s role."), d->grantee, lk_role_to_string (d->role));
}

static void
grant_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkAnalystsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->jobs--;
  gtk_widget_set_sensitive (self->grant_button, self->session != NULL && !lk_session_is_read_only (self->session));
  if (done == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, done, FALSE);
  gtk_editable_set_text (self->grantee_entry, "");
  gtk_editable_set_text (self->reason_entry, "");
  lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_ROLES | LK_CHANGE_AUDIT);
  reload (self);
}

void
lk_analysts_dialog_grant (LkAnalystsDialog *self,
                          const char       *grantee,
                          int               role,
                          const char       *reason)
{
  GrantData *d;

  g_return_if_fail (LK_IS_ANALYSTS_DIALOG (self));
  g_return_if_fail (grantee != NULL);

  d = g_new0 (GrantData, 1);
  d->analyst = g_strdup (lk_session_get_analyst (self->session));
  d->grantee = g_strstrip (g_strdup (grantee));
  d->role = (LkRole) role;
  d->reason = reason != NULL && reason[0] != '\0' ? g_strdup (reason) : NULL;
  self->jobs++;
  gtk_widget_set_sensitive (self->grant_button, FALSE);
  lk_session_run (self->session, grant_job, d, grant_data_free, g_free, self->cancellable,
                  grant_done_cb, g_object_ref (self));
}

static void
grant_clicked_cb (LkAnalystsDialog *self)
{
  guint role = gtk_drop_down_get_selected (self->role_drop);

  if (role >= G_N_ELEMENTS (grantable))
    return;
  lk_analysts_dialog_grant (self, gtk_editable_get_text (self->grantee_entry), grantable[role],
                            gtk_editable_get_text (self->reason_entry));
}

gboolean
lk_analysts_dialog_is_busy (LkAnalystsDialog *self)
{
  g_return_val_if_fail (LK_IS_ANALYSTS_DIALOG (self), FALSE);
  return self->jobs > 0;
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
lk_analysts_dialog_dispose (GObject *object)
{
  LkAnalystsDialog *self = LK_ANALYSTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_analysts_dialog_parent_class)->dispose (object);
}

static void
lk_analysts_dialog_class_init (LkAnalystsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_analysts_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-analysts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, analyst_list);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, grantee_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, role_drop);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, grant_button);
  gtk_widget_class_bind_template_child (widget_class, LkAnalystsDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, grant_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_analysts_dialog_init (LkAnalystsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

LkAnalystsDialog *
lk_analysts_dialog_new (LkSession *session)
{
  LkAnalystsDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  self = g_object_new (LK_TYPE_ANALYSTS_DIALOG, NULL);
  self->session = g_object_ref (session);
  intro = g_strdup_printf (_("Every analyst examines. A supervisor grants the verifier role (blind verification "
                             "of others’ decisions) and the supervisor role (resolving conflicts, granting roles); "
                             "the first role of a case is supervisor, taken by whoever grants it. You act as %s."),
                           lk_session_get_analyst (session));
  gtk_label_set_text (self->intro_label, intro);
  gtk_widget_set_sensitive (self->grant_button, !lk_session_is_read_only (session));
  reload (self);
  return self;
}
