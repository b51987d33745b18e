/* lk-review-decision-bar.c — rationale, strength and the four decisions
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-decision-bar.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-flow-box.h"

struct _LkReviewDecisionBar
{
  GtkWidget              parent_instance;

  GtkLabel              *target_label;
  GtkTextView           *rationale_view;
  GtkWidget             *rationale_scroller;
  GtkWidget             *placeholder_label;
  GtkLabel              *hint_label;
  GtkWidget             *strength_box;
  GtkToggleButton       *strength_buttons[LK_REVIEW_STRENGTH_LEVELS];
  GtkLabel              *strength_label;
  GtkWidget             *strength_title;
  GtkWidget             *identify_button;

  LkReviewDecisionState  state;
  guint                  has_probe : 1;
  guint                  has_target : 1;
  guint                  read_only : 1;
  guint                  busy : 1;
};

/* What the audit log keeps of one rationale; longer text is cut as it is typed. */
#define RATIONALE_MAX_CHARS 4000

G_DEFINE_FINAL_TYPE (LkReviewDecisionBar, lk_review_decision_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STRENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Stable words (stored in the case, printed in reports) and their phrases:
 * a verbal scale of support in the style of the ENFSI guideline. */
static const char * const strength_words[LK_REVIEW_STRENGTH_LEVELS] = {
  "limited", "moderate", "strong", "very-strong",
};

const char *
lk_review_strength_to_string (int level)
{
  g_return_val_if_fail (level >= 1 && level <= LK_REVIEW_STRENGTH_LEVELS, NULL);
  return strength_words[level - 1];
}

const char *
lk_review_strength_to_label (int level)
{
  switch (level)
    {
    case 1: return _("Limited support");
    case 2: return _("Moderate support");
    case 3: return _("Strong support");
    case 4: return _("Very strong support");
    default: g_return_val_if_reached (NULL);
    }
}

int
lk_review_strength_from_string (const char *text)
{
  for (int i = 0; text != NULL && i < LK_REVIEW_STRENGTH_LEVELS; i++)
    if (g_str_equal (text, strength_words[i]))
      return i + 1;
  return 0;
}

static gboolean
has_rationale (LkReviewDecisionBar *self)
{
  g_autofree char *text = lk_review_decision_bar_dup_rationale (self);

  return text[0] != '\0';
}

static LkReviewDecisionState
compute_state (LkReviewDecisionBar *self)
{
  if (!self->has_probe)
    return LK_REVIEW_DECISION_NO_PROBE;
  if (self->read_only)
    return LK_REVIEW_DECISION_READ_ONLY;
  if (self->busy)
    return LK_REVIEW_DECISION_BUSY;
  if (!has_rationale (self))
    return LK_REVIEW_DECISION_NO_RATIONALE;
  if (!self->has_target)
    return LK_REVIEW_DECISION_NO_CANDIDATE;
  return LK_REVIEW_DECISION_READY;
}

const char *
lk_review_decision_bar_get_hint (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), NULL);

  switch (self->state)
    {
    case LK_REVIEW_DECISION_NO_PROBE:
      return _("Choose a face from the queue to record a decision.");
    case LK_REVIEW_DECISION_READ_ONLY:
      return _("This case is open read-only, so decisions cannot be recorded.");
    case LK_REVIEW_DECISION_BUSY:
      return _("Recording the decision…");
    case LK_REVIEW_DECISION_NO_RATIONALE:
      return _("Write a rationale to enable the decisions (Alt+R). Every decision keeps its rationale in the audit log.");
    case LK_REVIEW_DECISION_NO_CANDIDATE:
      return _("This face has no candidate: only Quality Insufficient can be recorded.");
    case LK_REVIEW_DECISION_READY:
      return _("Alt+I identify · Alt+E exclude · Alt+N inconclusive · Alt+Q quality insufficient · "
               "Ctrl+Enter identifies with the chosen strength");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Identify is insensitive until a strength is chosen; its tooltip says so,
 * since an insensitive button gives no other reason. */
static void
update_identify_tooltip (LkReviewDecisionBar *self)
{
  if (self->state == LK_REVIEW_DECISION_READY && lk_review_decision_bar_get_strength (self) == 0)
    gtk_widget_set_tooltip_text (self->identify_button,
                                 _("Choose a strength first (Ctrl+1 to Ctrl+4): how strongly the "
                                   "comparison supports the identification"));
  else
    gtk_widget_set_tooltip_text (self->identify_button,
                                 _("Record that the probe shows this candidate (Alt+I)"));
}

static void
update_state (LkReviewDecisionBar *self)
{
  LkReviewDecisionState state = compute_state (self);
  gboolean strength_usable = state == LK_REVIEW_DECISION_READY;

  /* While busy the field only stops taking input: making a focused entry
   * insensitive would throw the keyboard focus out of the rationale. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->rationale_view), self->has_probe && !self->read_only);
  gtk_text_view_set_editable (self->rationale_view, !self->busy);
  gtk_widget_set_sensitive (self->strength_box, strength_usable);
  gtk_widget_set_sensitive (self->strength_title, strength_usable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->strength_label), strength_usable);

  if (state == self->state)
    return;
  self->state = state;
  update_identify_tooltip (self);
  gtk_label_set_text (self->hint_label, lk_review_decision_bar_get_hint (self));
  if (state == LK_REVIEW_DECISION_NO_RATIONALE)
    gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static GtkTextBuffer *
rationale_buffer (LkReviewDecisionBar *self)
{
  return gtk_text_view_get_buffer (self->rationale_view);
}

static void
rationale_changed (LkReviewDecisionBar *self)
{
  GtkTextBuffer *buffer = rationale_buffer (self);

  if (gtk_text_buffer_get_char_count (buffer) > RATIONALE_MAX_CHARS)
    {
      GtkTextIter from, to;

      /* Deleting emits "changed" again, then within the limit. */
      gtk_text_buffer_get_iter_at_offset (buffer, &from, RATIONALE_MAX_CHARS);
      gtk_text_buffer_get_end_iter (buffer, &to);
      gtk_text_buffer_delete (buffer, &from, &to);
      return;
    }
  gtk_widget_set_visible (self->placeholder_label, gtk_text_buffer_get_char_count (buffer) == 0);
  update_state (self);
}

/* Ctrl+Enter: in a text of several lines Enter is a new line, so the
 * record key needs a modifier.  The view decides what it records. */
static gboolean
record_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  gtk_widget_activate_action (widget, "review.record", NULL);
  return TRUE;
}

static void
add_record_shortcut (LkReviewDecisionBar *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  /* Capture phase: the text view would otherwise take the key as a new line. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (record_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
strength_changed (LkReviewDecisionBar *self)
{
  int level = lk_review_decision_bar_get_strength (self);

  gtk_label_set_text (self->strength_label, level > 0 ? lk_review_strength_to_label (level)
                                                      : _("No strength chosen"));
  if (level > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->strength_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), "dim-label");
  update_identify_tooltip (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH]);
}

static void
strength_toggled (GtkToggleButton     *button,
                  LkReviewDecisionBar *self)
{
  /* Two notifications per change (one button off, one on): report the new one. */
  if (gtk_toggle_button_get_active (button) || lk_review_decision_bar_get_strength (self) == 0)
    strength_changed (self);
}

static void
lk_review_decision_bar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_REVIEW_DECISION_BAR);
  /* The template's root box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lk_review_decision_bar_parent_class)->dispose (object);
}

static void
lk_review_decision_bar_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LkReviewDecisionBar *self = LK_REVIEW_DECISION_BAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STRENGTH:
      g_value_set_int (value, lk_review_decision_bar_get_strength (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_review_decision_bar_class_init (LkReviewDecisionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_review_decision_bar_dispose;
  object_class->get_property = lk_review_decision_bar_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      LK_REVIEW_DECISION_READY, LK_REVIEW_DECISION_NO_CANDIDATE,
                      LK_REVIEW_DECISION_NO_PROBE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* 0 until the analyst chooses a level, and again after every decision. */
  properties[PROP_STRENGTH] =
    g_param_spec_int ("strength", NULL, NULL, 0, LK_REVIEW_STRENGTH_LEVELS, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_FLOW_BOX);
  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/likeness/Likeness/lk-review-decision-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, target_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, rationale_scroller);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, strength_box);
  gtk_widget_class_bind_template_child_full (widget_class, "strength_1", FALSE,
                                             G_STRUCT_OFFSET (LkReviewDecisionBar, strength_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "strength_2", FALSE,
                                             G_STRUCT_OFFSET (LkReviewDecisionBar, strength_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "strength_3", FALSE,
                                             G_STRUCT_OFFSET (LkReviewDecisionBar, strength_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "strength_4", FALSE,
                                             G_STRUCT_OFFSET (LkReviewDecisionBar, strength_buttons[3]));
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, identify_button);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, strength_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewDecisionBar, strength_title);

  gtk_widget_class_set_css_name (widget_class, "lkreviewdecisionbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_review_decision_bar_init (LkReviewDecisionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Start from a state no real one equals, so the first update writes the hint. */
  self->state = (LkReviewDecisionState) -1;
  /* The rationale keeps its own text history: Ctrl+Z in it undoes typing
   * (the Review view leaves Ctrl+Z to text fields). */
  gtk_text_buffer_set_enable_undo (rationale_buffer (self), TRUE);
  g_signal_connect_swapped (rationale_buffer (self), "changed",
                            G_CALLBACK (rationale_changed), self);
  add_record_shortcut (self);
  for (int i = 0; i < LK_REVIEW_STRENGTH_LEVELS; i++)
    g_signal_connect (self->strength_buttons[i], "toggled", G_CALLBACK (strength_toggled), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decision"),
                                  -1);
  strength_changed (self);
  update_state (self);
}

GtkWidget *
lk_review_decision_bar_new (void)
{
  return g_object_new (LK_TYPE_REVIEW_DECISION_BAR, NULL);
}

char *
lk_review_decision_bar_dup_rationale (LkReviewDecisionBar *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), NULL);
  gtk_text_buffer_get_bounds (rationale_buffer (self), &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (rationale_buffer (self), &start, &end, FALSE));
}

void
lk_review_decision_bar_set_rationale (LkReviewDecisionBar *self,
                                      const char          *text)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  /* A new text starts a new history: Ctrl+Z must not bring back the
   * rationale of a decision already recorded. */
  gtk_text_buffer_begin_irreversible_action (rationale_buffer (self));
  gtk_text_buffer_set_text (rationale_buffer (self), text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (rationale_buffer (self));
}

/* Both belonged to the decision just recorded (or to the face left). */
void
lk_review_decision_bar_clear (LkReviewDecisionBar *self)
{
  lk_review_decision_bar_set_rationale (self, NULL);
  lk_review_decision_bar_set_strength (self, 0);
}

void
lk_review_decision_bar_focus_rationale (LkReviewDecisionBar *self)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->rationale_view));
}

int
lk_review_decision_bar_get_strength (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), 0);
  for (int i = 0; i < LK_REVIEW_STRENGTH_LEVELS; i++)
    if (gtk_toggle_button_get_active (self->strength_buttons[i]))
      return i + 1;
  return 0;
}

void
lk_review_decision_bar_set_strength (LkReviewDecisionBar *self,
                                     int                  level)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  g_return_if_fail (level >= 0 && level <= LK_REVIEW_STRENGTH_LEVELS);
  if (level > 0)
    gtk_toggle_button_set_active (self->strength_buttons[level - 1], TRUE);
  else
    for (int i = 0; i < LK_REVIEW_STRENGTH_LEVELS; i++)
      gtk_toggle_button_set_active (self->strength_buttons[i], FALSE);
}

void
lk_review_decision_bar_set_has_probe (LkReviewDecisionBar *self,
                                      gboolean             has_probe)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  self->has_probe = !!has_probe;
  update_state (self);
}

void
lk_review_decision_bar_set_target (LkReviewDecisionBar *self,
                                   const char          *target)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));

  self->has_target = target != NULL;
  if (target != NULL)
    {
      /* Translators: %s names the candidate the decision is about. */
      g_autofree char *text = g_strdup_printf (_("on %s"), target);

      gtk_label_set_text (self->target_label, text);
    }
  else
    gtk_label_set_text (self->target_label, "");
  update_state (self);
}

void
lk_review_decision_bar_set_read_only (LkReviewDecisionBar *self,
                                      gboolean             read_only)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  self->read_only = !!read_only;
  update_state (self);
}

void
lk_review_decision_bar_set_busy (LkReviewDecisionBar *self,
                                 gboolean             busy)
{
  g_return_if_fail (LK_IS_REVIEW_DECISION_BAR (self));
  self->busy = !!busy;
  update_state (self);
}

LkReviewDecisionState
lk_review_decision_bar_get_state (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), LK_REVIEW_DECISION_NO_PROBE);
  return self->state;
}

gboolean
lk_review_decision_bar_can_decide_candidate (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), FALSE);
  return self->state == LK_REVIEW_DECISION_READY;
}

gboolean
lk_review_decision_bar_can_identify (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), FALSE);
  return self->state == LK_REVIEW_DECISION_READY && lk_review_decision_bar_get_strength (self) > 0;
}

gboolean
lk_review_decision_bar_can_decide_quality (LkReviewDecisionBar *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_DECISION_BAR (self), FALSE);
  return self->state == LK_REVIEW_DECISION_READY ||
         self->state == LK_REVIEW_DECISION_NO_CANDIDATE;
}
