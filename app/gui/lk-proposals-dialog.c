/* lk-proposals-dialog.c — proposed names from other tools' face regions
 *
 * One row per pending proposal: the name, the photo and where the name was
 * read, with Confirm and Reject.  The store decides (lk-case-proposals.c)
 * and its refusals — a face already linked elsewhere, a region with no
 * detected face, a probe photo — are shown as it words them.  Reads and
 * decisions are session jobs, so the window never waits on the database.
 */
#define G_LOG_DOMAIN "lk-proposals-dialog"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "case/lk-case-regions.h"
#include "lk-proposals-dialog.h"

struct _LkProposalsDialog
{
  AdwWindow     parent_instance;

  LkSession    *session;
  GCancellable *cancellable;
  guint         jobs;

  GtkListBox   *proposal_list;
  GtkLabel     *message_label;
};

G_DEFINE_FINAL_TYPE (LkProposalsDialog, lk_proposals_dialog, ADW_TYPE_WINDOW)

static void
show_message (LkProposalsDialog *self, const char *text, gboolean is_error)
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

/* ---- Listing -------------------------------------------------------------- */

static gpointer
list_job (LkCase *kase, gpointer data, GCancellable *cancellable, GError **error)
{
  return lk_case_list_proposals (kase, "pending", error);
}

static void
confirm_clicked_cb (GtkButton *button, LkProposalsDialog *self)
{
  lk_proposals_dialog_confirm (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "proposal")));
}

static void
reject_clicked_cb (GtkButton *button, LkProposalsDialog *self)
{
  lk_proposals_dialog_reject (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "proposal")));
}

static GtkWidget *
row_button (LkProposalsDialog *self, const LkProposal *p, const char *label, const char *name, GCallback cb)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, !lk_session_is_read_only (self->session));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "proposal", GSIZE_TO_POINTER ((gsize) p->id));
  g_signal_connect_object (button, "clicked", cb, self, 0);
  /* "confirm-7", "reject-7": a stable handle for tests and AT-SPI scripts. */
  {
    g_autofree char *widget_name = g_strdup_printf ("%s-%" PRId64,
                                                    cb == G_CALLBACK (confirm_clicked_cb) ? "confirm" : "reject",
                                                    p->id);
    gtk_widget_set_name (button, widget_name);
  }
  return button;
}

static GtkWidget *
proposal_row_new (LkProposalsDialog *self, const LkProposal *p)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *confirm;
  /* Translators: a button's name for screen readers; %s is the proposed name. */
  g_autofree char *confirm_name = g_strdup_printf (_("Confirm %s as a reference"), p->name);
  /* Translators: a button's name for screen readers; %s is the proposed name. */
  g_autofree char *reject_name = g_strdup_printf (_("Reject the name %s"), p->name);
  g_autofree char *subtitle = p->face_id != 0
    /* Translators: under a proposed name: the photo, the face it marks, where the name was read. */
    ? g_strdup_printf (_("%s, face %" PRId64 ", from %s"), p->photo_file, p->face_id, p->source)
    : g_strdup_printf (_("%s, from %s: no detected face lies where the name was marked"), p->photo_file,
                       p->source);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  confirm = row_button (self, p, _("_Confirm"), confirm_name, G_CALLBACK (confirm_clicked_cb));
  gtk_widget_add_css_class (confirm, "suggested-action");
  gtk_widget_set_sensitive (confirm, p->face_id != 0 && !lk_session_is_read_only (self->session));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), confirm);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, p, _("_Reject"), reject_name,
                                                              G_CALLBACK (reject_clicked_cb)));
  return row;
}

static void
list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(LkProposalsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->jobs--;
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  list_box_clear (self->proposal_list);
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (self->proposal_list, proposal_row_new (self, g_ptr_array_index (list, i)));
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No names are waiting for a decision."));
      gtk_list_box_append (self->proposal_list, row);
    }
}

static void
reload (LkProposalsDialog *self)
{
  self->jobs++;
  lk_session_run (self->session, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                  list_done_cb, g_object_ref (self));
}

/* ---- Deciding ------------------------------------------------------------- */

typedef struct {
  char     *analyst;
  gint64    id;
  gboolean  confirm;
} DecideData;

static void
decide_data_free (gpointer p)
{
  DecideData *d = p;

  g_free (d->analyst);
  g_free (d);
}

static gpointer
decide_job (LkCase *kase, gpointer data, GCancellable *cancellable, GError **error)
{
  DecideData *d = data;
  g_autoptr(LkProposal) p = NULL;

  if (d->confirm ? lk_case_confirm_proposal (kase, d->analyst, d->id, 0, error) == 0
                 : !lk_case_reject_proposal (kase, d->analyst, d->id, NULL, error))
    return NULL;
  if ((p = lk_case_get_proposal (kase, d->id, error)) == NULL)
    return NULL;
  return d->confirm ? g_strdup_printf (_("Face %" PRId64 " is now a reference face of %s."), p->face_id,
                                       p->name)
                    : g_strdup_printf (_("The name %s was rejected for %s."), p->name, p->photo_file);
}

static void
decide_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(LkProposalsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->jobs--;
  if (done == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, done, FALSE);
  lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_PERSONS | LK_CHANGE_FACES | LK_CHANGE_AUDIT);
  reload (self);
}

static void
decide (LkProposalsDialog *self, gint64 proposal_id, gboolean confirm)
{
  DecideData *d = g_new0 (DecideData, 1);

  d->analyst = g_strdup (lk_session_get_analyst (self->session));
  d->id = proposal_id;
  d->confirm = confirm;
  self->jobs++;
  lk_session_run (self->session, decide_job, d, decide_data_free, g_free, self->cancellable, decide_done_cb,
                  g_object_ref (self));
}

void
lk_proposals_dialog_confirm (LkProposalsDialog *self, gint64 proposal_id)
{
  g_return_if_fail (LK_IS_PROPOSALS_DIALOG (self));
  decide (self, proposal_id, TRUE);
}

void
lk_proposals_dialog_reject (LkProposalsDialog *self, gint64 proposal_id)
{
  g_return_if_fail (LK_IS_PROPOSALS_DIALOG (self));
  decide (self, proposal_id, FALSE);
}

gboolean
lk_proposals_dialog_is_busy (LkProposalsDialog *self)
{
  g_return_val_if_fail (LK_IS_PROPOSALS_DIALOG (self), FALSE);
  return self->jobs > 0;
}

/* ---- GObject -------------------------------------------------------------- */

static void
lk_proposals_dialog_dispose (GObject *object)
{
  LkProposalsDialog *self = LK_PROPOSALS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_proposals_dialog_parent_class)->dispose (object);
}

static void
lk_proposals_dialog_class_init (LkProposalsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_proposals_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-proposals-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkProposalsDialog, proposal_list);
  gtk_widget_class_bind_template_child (widget_class, LkProposalsDialog, message_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_proposals_dialog_init (LkProposalsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

LkProposalsDialog *
lk_proposals_dialog_new (LkSession *session)
{
  LkProposalsDialog *self;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  self = g_object_new (LK_TYPE_PROPOSALS_DIALOG, NULL);
  self->session = g_object_ref (session);
  reload (self);
  return self;
}
