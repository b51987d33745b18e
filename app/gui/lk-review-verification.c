/* lk-review-verification.c — Review's side of ACE-V: the examiner's FISWG
 * feature comparison, recorded with every decision on the comparison it was
 * made for (kept, so that a refused or undone decision does not lose it),
 * and sending the current decision for blind verification.
 *
 * Kept apart from lk-review-view-actions.c so that Review's own actions and
 * these change independently.
 */
#define G_LOG_DOMAIN "lk-review-view"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-verification.h"
#include "lk-chip-marks.h"
#include "lk-feature-checklist.h"
#include "lk-review-view-private.h"

/* The comparison the features were assessed for, so that they never join a
 * decision on another probe or candidate. */
typedef struct {
  gint64  face_id;
  gint64  person_id;
  char   *json;
} PendingFeatures;

static void
pending_features_free (gpointer p)
{
  PendingFeatures *pending = p;

  g_free (pending->json);
  g_free (pending);
}

char *
lk_review_view_dup_features (LkReviewView *self,
                             gint64        face_id,
                             gint64        person_id)
{
  PendingFeatures *pending = g_object_get_data (G_OBJECT (self), "lk-pending-features");

  if (pending == NULL || pending->face_id != face_id || pending->person_id != person_id)
    return NULL;
  return g_strdup (pending->json);
}

/* The Features button says how many components are assessed for the
 * comparison on screen, so the decision is never taken unaware of it. */
void
lk_review_view_update_features_button (LkReviewView *self)
{
  GtkButton *button = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), LK_TYPE_REVIEW_VIEW,
                                                                  "features_button"));
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  g_autofree char *json = NULL;
  g_autoptr(LkFeatures) features = NULL;
  g_autofree char *label = NULL;

  if (button == NULL)
    return;
  if (self->probe != NULL && candidate != NULL)
    json = lk_review_view_dup_features (self, self->probe->face_id, candidate->person_id);
  features = json ? lk_features_parse (json, NULL) : NULL;
  if (features == NULL)
    {
      gtk_button_set_label (button, _("_Features…"));
      return;
    }
  /* Translators: the Features button once a comparison is recorded, e.g. "Features (5/14)…". */
  label = g_strdup_printf (_("_Features (%u/14)…"), lk_features_count_assessed (features));
  gtk_button_set_label (button, label);
}

/* ---- The features dialog ----------------------------------------------------- */

static void
features_done_cb (GtkButton *button,
                  GtkWindow *dialog)
{
  LkReviewView *self = g_object_get_data (G_OBJECT (dialog), "lk-view");
  LkFeatureChecklist *checklist = g_object_get_data (G_OBJECT (dialog), "lk-checklist");
  PendingFeatures *pending = g_new0 (PendingFeatures, 1);

  pending->face_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "lk-face-id"));
  pending->person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "lk-person-id"));
  pending->json = lk_feature_checklist_to_json (checklist);
  g_object_set_data_full (G_OBJECT (self), "lk-pending-features", pending, pending_features_free);
  {
    g_autofree char *done = g_strdup_printf (_("%u of 14 features assessed, %u marks: recorded with your decisions "
                                               "on this probe and candidate"),
                                             lk_feature_checklist_count_assessed (checklist),
                                             lk_feature_checklist_get_marks (checklist)->len);

    lk_review_view_toast (self, done);
  }
  lk_review_view_update_features_button (self);
  gtk_window_destroy (dialog);
}

/* Both chips show every mark: they are aligned, so a place on one is the
 * same place on the other. */
static void
show_marks (GtkWidget *dialog)
{
  LkFeatureChecklist *checklist = g_object_get_data (G_OBJECT (dialog), "lk-checklist");
  GPtrArray *marks = lk_feature_checklist_get_marks (checklist);

  lk_chip_marks_set_marks (g_object_get_data (G_OBJECT (dialog), "lk-probe-chip"), marks, TRUE);
  lk_chip_marks_set_marks (g_object_get_data (G_OBJECT (dialog), "lk-candidate-chip"), marks, FALSE);
}

static void
mark_placed_cb (LkChipMarks *chip,
                double       x,
                double       y,
                GtkWidget   *dialog)
{
  LkFeatureChecklist *checklist = g_object_get_data (G_OBJECT (dialog), "lk-checklist");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "lk-mark-entry");
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (label[0] == '\0')
    {
      g_free (label);
      /* Translators: the label of a numbered mark on the chips when none was typed. */
      label = g_strdup_printf (_("Mark %u"), lk_feature_checklist_get_marks (checklist)->len + 1);
    }
  if (lk_feature_checklist_add_mark (checklist, label, x, y))
    gtk_editable_set_text (entry, "");
  show_marks (dialog);
}

static void
features_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  PendingFeatures *pending = g_object_get_data (G_OBJECT (self), "lk-pending-features");
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *dialog, *checklist, *chips[2];
  LkReviewSide *side;

  if (self->probe == NULL || candidate == NULL)
    return;
  /* The layout is ui/lk-features-dialog.ui; the dialog carries what its
   * callbacks need as object data. */
  g_type_ensure (LK_TYPE_CHIP_MARKS);
  g_type_ensure (LK_TYPE_FEATURE_CHECKLIST);
  builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-features-dialog.ui");
  dialog = GTK_WIDGET (gtk_builder_get_object (builder, "dialog"));
  checklist = GTK_WIDGET (gtk_builder_get_object (builder, "checklist"));
  chips[0] = GTK_WIDGET (gtk_builder_get_object (builder, "probe_chip"));
  chips[1] = GTK_WIDGET (gtk_builder_get_object (builder, "candidate_chip"));
  /* Reopened on the same comparison, the form shows what was assessed. */
  if (pending != NULL && pending->face_id == self->probe->face_id && pending->person_id == candidate->person_id)
    lk_feature_checklist_set_json (LK_FEATURE_CHECKLIST (checklist), pending->json, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_object_set_data (G_OBJECT (dialog), "lk-view", self);
  g_object_set_data (G_OBJECT (dialog), "lk-checklist", checklist);
  g_object_set_data (G_OBJECT (dialog), "lk-face-id", GSIZE_TO_POINTER ((gsize) self->probe->face_id));
  g_object_set_data (G_OBJECT (dialog), "lk-person-id", GSIZE_TO_POINTER ((gsize) candidate->person_id));
  g_object_set_data (G_OBJECT (dialog), "lk-probe-chip", chips[0]);
  g_object_set_data (G_OBJECT (dialog), "lk-candidate-chip", chips[1]);
  g_object_set_data (G_OBJECT (dialog), "lk-mark-entry", gtk_builder_get_object (builder, "mark_entry"));
  side = g_hash_table_lookup (self->sides, GINT_TO_POINTER (candidate->reference_face_id));
  lk_chip_marks_set_texture (LK_CHIP_MARKS (chips[0]), self->probe->chip);
  lk_chip_marks_set_texture (LK_CHIP_MARKS (chips[1]), side != NULL ? side->chip : NULL);
  for (int i = 0; i < 2; i++)
    g_signal_connect (chips[i], "mark-placed", G_CALLBACK (mark_placed_cb), dialog);
  g_signal_connect (gtk_builder_get_object (builder, "done"), "clicked", G_CALLBACK (features_done_cb), dialog);
  show_marks (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Send for verification ----------------------------------------------------- */

typedef struct {
  char   *analyst;
  gint64  face_id;
  gint64  person_id;
} SendData;

static void
send_data_free (gpointer p)
{
  SendData *d = p;

  g_free (d->analyst);
  g_free (d);
}

/* The current decision of this probe on this candidate goes to the queue. */
static gpointer
send_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SendData *d = data;
  g_autoptr(GPtrArray) decisions = lk_case_list_decisions (kase, d->face_id, TRUE, error);
  gint64 item;

  if (decisions == NULL)
    return NULL;
  for (guint i = decisions->len; i > 0; i--)
    {
      const LkDecision *decision = g_ptr_array_index (decisions, i - 1);

      if (decision->person_id != d->person_id)
        continue;
      item = lk_case_request_verification (kase, d->analyst, decision->id, error);
      return item > 0 ? g_memdup2 (&item, sizeof item) : NULL;
    }
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
               _("There is no decision on this candidate to send: identify first."));
  return NULL;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *item = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_review_view_end_job (self);
  if (item != NULL)
    {
      lk_review_view_toast (self, _("Sent for blind verification"));
      lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_VERIFICATION);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lk_review_view_toast (self, error->message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  SendData *d;

  if (self->session == NULL || self->probe == NULL || candidate == NULL)
    return;
  d = g_new0 (SendData, 1);
  d->analyst = g_strdup (lk_session_get_analyst (self->session));
  d->face_id = self->probe->face_id;
  d->person_id = candidate->person_id;
  lk_review_view_begin_job (self);
  lk_session_run (self->session, send_job, d, send_data_free, g_free, self->cancellable,
                  sent_cb, g_object_ref (self));
}

void
lk_review_view_class_init_verification (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.features", NULL, features_action);
  gtk_widget_class_install_action (widget_class, "review.send-for-verification", NULL, send_action);
}
