/* lk-review-view-actions.c — every Review command as an action with a shortcut
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole review can be done from the keyboard.  Shortcuts use Alt (or Ctrl
 * for zoom and undo) so that they work while the rationale field has the
 * focus: a plain letter would be typed into it.  Ctrl+Z is the exception: in
 * a text field it undoes typing, never a decision.  Which actions are enabled is
 * decided in one place, lk_review_view_update_actions().
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-view-private.h"

#include <glib/gi18n.h>

static gboolean
has_current_decision (LkReviewView *self)
{
  for (guint i = 0; self->history != NULL && i < self->history->len; i++)
    if (((LkDecision *) g_ptr_array_index (self->history, i))->current)
      return TRUE;
  return FALSE;
}

void
lk_review_view_update_actions (LkReviewView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  LkReviewDecisionBar *bar = self->decision_bar;
  guint n_queue = self->queue ? g_list_model_get_n_items (G_LIST_MODEL (self->queue)) : 0;
  guint n_candidates = self->candidates ? g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) : 0;
  guint probe = self->queue_selection ? gtk_single_selection_get_selected (self->queue_selection)
                                      : GTK_INVALID_LIST_POSITION;
  guint candidate = self->candidate_selection ? gtk_single_selection_get_selected (self->candidate_selection)
                                              : GTK_INVALID_LIST_POSITION;
  gboolean candidate_ok = lk_review_decision_bar_can_decide_candidate (bar);
  gboolean writable = self->session != NULL && !lk_session_is_read_only (self->session);

  gtk_widget_action_set_enabled (widget, "review.next-probe",
                                 n_queue > 0 && (probe == GTK_INVALID_LIST_POSITION || probe + 1 < n_queue));
  gtk_widget_action_set_enabled (widget, "review.previous-probe",
                                 probe != GTK_INVALID_LIST_POSITION && probe > 0);
  gtk_widget_action_set_enabled (widget, "review.next-candidate",
                                 n_candidates > 0 && (candidate == GTK_INVALID_LIST_POSITION || candidate + 1 < n_candidates));
  gtk_widget_action_set_enabled (widget, "review.previous-candidate",
                                 candidate != GTK_INVALID_LIST_POSITION && candidate > 0);
  gtk_widget_action_set_enabled (widget, "review.identify", lk_review_decision_bar_can_identify (bar));
  gtk_widget_action_set_enabled (widget, "review.exclude", candidate_ok);
  gtk_widget_action_set_enabled (widget, "review.inconclusive", candidate_ok);
  gtk_widget_action_set_enabled (widget, "review.insufficient", lk_review_decision_bar_can_decide_quality (bar));
  gtk_widget_action_set_enabled (widget, "review.undo",
                                 writable && self->probe != NULL && has_current_decision (self) &&
                                 lk_review_decision_bar_get_state (bar) != LK_REVIEW_DECISION_BUSY);
  gtk_widget_action_set_enabled (widget, "review.focus-rationale", writable && self->probe != NULL);
}

/* Moving ---------------------------------------------------------------------- */

static void
move_selection (GtkSingleSelection *selection,
                GtkListView        *list,
                int                 delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  guint current = gtk_single_selection_get_selected (selection);
  gint64 next;

  if (n == 0)
    return;
  next = current == GTK_INVALID_LIST_POSITION ? 0 : (gint64) current + delta;
  if (next < 0 || next >= n)
    return;
  gtk_single_selection_set_selected (selection, (guint) next);
  gtk_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u", (guint) next);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);

  if (g_str_equal (action_name, "review.next-probe"))
    move_selection (self->queue_selection, self->queue_list, 1);
  else if (g_str_equal (action_name, "review.previous-probe"))
    move_selection (self->queue_selection, self->queue_list, -1);
  else if (g_str_equal (action_name, "review.next-candidate"))
    move_selection (self->candidate_selection, self->candidate_list, 1);
  else if (g_str_equal (action_name, "review.previous-candidate"))
    move_selection (self->candidate_selection, self->candidate_list, -1);
  lk_review_view_update_actions (self);
}

/* Deciding ------------------------------------------------------------------- */

static void
decided (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_review_view_end_job (self);
  lk_review_decision_bar_set_busy (self->decision_bar, FALSE);
  if (id == NULL)
    {
      self->advance_from_person = 0;
      self->undo_in_flight = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_review_view_toast (self, error->message);
      return;
    }
  /* The rationale and strength belonged to that decision; the next one needs
   * its own.  A withdrawal had its own reason: what is typed stays.  The
   * analyst may have moved to another face meanwhile: its draft stays. */
  if (!self->undo_in_flight)
    {
      lk_review_view_forget_draft (self, self->deciding_face_id);
      if (self->face_id == self->deciding_face_id)
        lk_review_decision_bar_clear (self->decision_bar);
    }
  self->undo_in_flight = FALSE;
  if (self->session != NULL)
    lk_session_notify_changed (self->session, LK_CHANGE_DECISIONS);
}

static void
run_decision (LkReviewView            *self,
              LkReviewDecisionRequest *request)
{
  if (self->session == NULL || self->probe == NULL)
    {
      lk_review_decision_request_free (request);
      return;
    }
  request->analyst = g_strdup (lk_session_get_analyst (self->session));
  request->face_id = self->probe->face_id;
  self->deciding_face_id = request->face_id;
  self->undo_in_flight = request->undo;
  lk_review_decision_bar_set_busy (self->decision_bar, TRUE);
  lk_review_view_begin_job (self);
  lk_session_run (self->session, lk_review_job_decide, request,
                  (GDestroyNotify) lk_review_decision_request_free, g_free,
                  self->cancellable, decided, g_object_ref (self));
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  LkReviewDecisionRequest *request;

  /* The actions are disabled without a candidate, but a binding may race. */
  if (candidate == NULL && !g_str_equal (action_name, "review.insufficient"))
    return;
  request = g_new0 (LkReviewDecisionRequest, 1);
  if (g_str_equal (action_name, "review.identify"))
    request->outcome = LK_OUTCOME_IDENTIFIED;
  else if (g_str_equal (action_name, "review.exclude"))
    request->outcome = LK_OUTCOME_EXCLUDED;
  else if (g_str_equal (action_name, "review.inconclusive"))
    request->outcome = LK_OUTCOME_INCONCLUSIVE;
  else
    request->outcome = LK_OUTCOME_INSUFFICIENT_QUALITY;

  /* Quality is a verdict on the probe alone, not on any candidate. */
  if (request->outcome != LK_OUTCOME_INSUFFICIENT_QUALITY)
    request->person_id = candidate->person_id;
  if (request->outcome == LK_OUTCOME_IDENTIFIED)
    {
      int level = lk_review_decision_bar_get_strength (self->decision_bar);

      /* The action is disabled without a chosen strength; a binding may race. */
      if (level == 0)
        {
          lk_review_decision_request_free (request);
          return;
        }
      request->strength = g_strdup (lk_review_strength_to_string (level));
    }
  if (request->outcome == LK_OUTCOME_EXCLUDED)
    self->advance_from_person = request->person_id;
  request->rationale = lk_review_decision_bar_dup_rationale (self->decision_bar);
  if (request->person_id > 0 && self->probe != NULL)
    request->features = lk_review_view_dup_features (self, self->probe->face_id, request->person_id);
  run_decision (self, request);
}

/* Withdrawing ------------------------------------------------------------- */

static char *
withdraw_reason (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
withdraw_reason_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *reason = withdraw_reason (dialog);

  adw_message_dialog_set_response_enabled (dialog, "withdraw", reason[0] != '\0');
}

static void
withdraw_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LkReviewView     *self)
{
  g_autofree char *reason = withdraw_reason (dialog);

  if (self->withdraw_dialog == GTK_WINDOW (dialog))
    self->withdraw_dialog = NULL;
  /* The face may have changed under the dialog: withdraw only on the face it asked about. */
  if (g_str_equal (response, "withdraw") && reason[0] != '\0' && self->probe != NULL &&
      self->probe->face_id == (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "lk-face")))
    {
      LkReviewDecisionRequest *request = g_new0 (LkReviewDecisionRequest, 1);

      request->undo = TRUE;
      request->rationale = g_steal_pointer (&reason);
      run_decision (self, request);
    }
}

GtkWindow *
lk_review_view_get_withdraw_dialog (LkReviewView *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_VIEW (self), NULL);
  return self->withdraw_dialog;
}

void
lk_review_view_close_withdraw (LkReviewView *self)
{
  GtkWindow *dialog = g_steal_pointer (&self->withdraw_dialog);

  if (dialog == NULL)
    return;
  g_signal_handlers_disconnect_by_data (dialog, self);
  gtk_window_destroy (dialog);
}

static const LkDecision *
last_current_decision (LkReviewView *self)
{
  for (guint i = self->history != NULL ? self->history->len : 0; i > 0; i--)
    if (((LkDecision *) g_ptr_array_index (self->history, i - 1))->current)
      return g_ptr_array_index (self->history, i - 1);
  return NULL;
}

/* Taking a decision back is a decision too: it always asks, and for a reason
 * of its own.  The rationale field belongs to the next decision and is left
 * as it is. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  const LkDecision *last = last_current_decision (self);
  g_autofree char *phrase = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *dialog, *entry;

  if (last == NULL || self->probe == NULL || self->withdraw_dialog != NULL)
    return;
  phrase = lk_review_outcome_phrase (last->outcome, last->person_name);
  /* Translators: %s is a decision, e.g. “Identified as Ann Smith”. */
  body = g_strdup_printf (_("“%s” is superseded by a new entry in the audit log; nothing is deleted. "
                            "Say why it is taken back."), phrase);
  /* The layout is in ui/lk-withdraw-dialog.ui; the body names the decision. */
  builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-withdraw-dialog.ui");
  dialog = GTK_WIDGET (gtk_builder_get_object (builder, "dialog"));
  entry = GTK_WIDGET (gtk_builder_get_object (builder, "reason_entry"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "lk-face", GSIZE_TO_POINTER (self->probe->face_id));
  g_signal_connect (entry, "changed", G_CALLBACK (withdraw_reason_changed), dialog);
  /* Not a reference: the view closes the dialog when it goes (dispose). */
  g_signal_connect (dialog, "response", G_CALLBACK (withdraw_response), self);
  self->withdraw_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Ctrl+Enter in the rationale.  Choosing a strength is the one step that
 * only an identification takes, so with a strength chosen Ctrl+Enter
 * identifies; otherwise it records nothing and says which keys do: a
 * default outcome would be recorded for a comparison nobody concluded. */
static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);

  if (lk_review_decision_bar_can_identify (self->decision_bar))
    {
      gtk_widget_activate_action (widget, "review.identify", NULL);
      return;
    }
  if (lk_review_decision_bar_get_state (self->decision_bar) == LK_REVIEW_DECISION_READY)
    lk_review_view_toast (self, _("Ctrl+Enter identifies once a strength is chosen (Ctrl+1 to Ctrl+4); "
                                  "Alt+E excludes, Alt+N is inconclusive, Alt+Q is quality insufficient."));
  else
    lk_review_view_toast (self, lk_review_decision_bar_get_hint (self->decision_bar));
}

static void
strength_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  int level = g_variant_get_int32 (parameter);

  if (level >= 0 && level <= LK_REVIEW_STRENGTH_LEVELS)
    lk_review_decision_bar_set_strength (self->decision_bar, level);
}

static void
focus_rationale_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  lk_review_decision_bar_focus_rationale (LK_REVIEW_VIEW (widget)->decision_bar);
}

/* Viewing -------------------------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  /* Locked, one canvas of each bound group (the bindings move the others);
   * unlocked, every side by itself.  The overlay follows the probe's chip. */
  LkReviewCanvas *leaders[] = { self->probe_chip, self->probe_photo,
                                self->candidate_chip, self->candidate_photo };
  guint n = self->lock_sides ? 2 : G_N_ELEMENTS (leaders);

  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (action_name, "review.zoom-in"))
        lk_review_canvas_zoom_by (leaders[i], 1.25);
      else if (g_str_equal (action_name, "review.zoom-out"))
        lk_review_canvas_zoom_by (leaders[i], 1 / 1.25);
      else if (g_str_equal (action_name, "review.zoom-actual"))
        lk_review_canvas_zoom_actual (leaders[i]);
      else
        lk_review_canvas_reset_view (leaders[i]);
    }
}

static void
reset_tone_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);

  gtk_adjustment_set_value (self->brightness_adjustment, 0);
  gtk_adjustment_set_value (self->contrast_adjustment, 1);
  gtk_adjustment_set_value (self->gamma_adjustment, 1);
}

static void
overlay_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  gboolean up = g_str_has_suffix (action_name, "-up") || g_str_has_suffix (action_name, "-right");
  GtkAdjustment *adjustment = g_str_has_prefix (action_name, "review.opacity")
                              ? self->opacity_adjustment : self->wipe_adjustment;

  /* Adjusting the overlay only makes sense while it is on screen. */
  g_object_set (self, "overlay-mode", TRUE, NULL);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + (up ? 0.1 : -0.1));
}

/* Installing ----------------------------------------------------------------- */

static void
bind (GtkWidgetClass  *widget_class,
      guint            key,
      GdkModifierType  mods,
      const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, NULL);
}

/* Ctrl+Z in a text field is the field's own (GtkText and GtkTextView undo
 * typing).  Their binding lets the key through when there is nothing left to
 * undo, so the view checks the focus itself: a key meant for text must never
 * take back a decision. */
static gboolean
undo_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return TRUE;
  return gtk_widget_activate_action (widget, "review.undo", NULL);
}

void
lk_review_view_init_shortcuts (LkReviewView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (undo_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
lk_review_view_class_init_actions (GtkWidgetClass *widget_class)
{
  const char *moves[] = { "review.next-probe", "review.previous-probe",
                          "review.next-candidate", "review.previous-candidate" };
  const char *decisions[] = { "review.identify", "review.exclude",
                              "review.inconclusive", "review.insufficient" };
  const char *steps[] = { "review.opacity-up", "review.opacity-down",
                          "review.wipe-left", "review.wipe-right" };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_install_action (widget_class, moves[i], NULL, move_action);
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    gtk_widget_class_install_action (widget_class, decisions[i], NULL, decide_action);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_widget_class_install_action (widget_class, steps[i], NULL, overlay_step_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "review.record", NULL, record_action);
  lk_review_view_class_init_verification (widget_class);
  gtk_widget_class_install_action (widget_class, "review.strength", "i", strength_action);
  gtk_widget_class_install_action (widget_class, "review.focus-rationale", NULL, focus_rationale_action);
  gtk_widget_class_install_action (widget_class, "review.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "review.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "review.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "review.zoom-actual", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "review.lock-sides", "lock-sides");
  gtk_widget_class_install_action (widget_class, "review.reset-tone", NULL, reset_tone_action);
  gtk_widget_class_install_property_action (widget_class, "review.overlay", "overlay-mode");
  gtk_widget_class_install_property_action (widget_class, "review.landmarks", "show-landmarks");

  bind (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "review.next-probe");
  bind (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "review.next-probe");
  bind (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "review.previous-probe");
  bind (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "review.previous-probe");
  bind (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "review.next-candidate");
  bind (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "review.previous-candidate");
  bind (widget_class, GDK_KEY_i, GDK_ALT_MASK, "review.identify");
  bind (widget_class, GDK_KEY_e, GDK_ALT_MASK, "review.exclude");
  bind (widget_class, GDK_KEY_n, GDK_ALT_MASK, "review.inconclusive");
  bind (widget_class, GDK_KEY_q, GDK_ALT_MASK, "review.insufficient");
  bind (widget_class, GDK_KEY_o, GDK_ALT_MASK, "review.overlay");
  bind (widget_class, GDK_KEY_l, GDK_ALT_MASK, "review.landmarks");
  bind (widget_class, GDK_KEY_r, GDK_ALT_MASK, "review.focus-rationale");
  bind (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "review.zoom-in");
  bind (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "review.zoom-in");
  bind (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "review.zoom-in");
  bind (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "review.zoom-out");
  bind (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "review.zoom-out");
  bind (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "review.zoom-reset");
  bind (widget_class, GDK_KEY_1, GDK_ALT_MASK, "review.zoom-actual");
  bind (widget_class, GDK_KEY_k, GDK_ALT_MASK, "review.lock-sides");
  bind (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "review.opacity-up");
  bind (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "review.opacity-down");
  bind (widget_class, GDK_KEY_bracketleft, GDK_ALT_MASK, "review.wipe-left");
  bind (widget_class, GDK_KEY_bracketright, GDK_ALT_MASK, "review.wipe-right");
  for (int level = 1; level <= LK_REVIEW_STRENGTH_LEVELS; level++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + level, GDK_CONTROL_MASK,
                                         "review.strength", "i", level);
}
