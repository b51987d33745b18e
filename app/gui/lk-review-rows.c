/* lk-review-rows.c — how queue faces, candidates and past decisions look
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-a11y.h"
#include "lk-review-view-private.h"
#include "match/lk-number.h"

#include <inttypes.h>
#include <glib/gi18n.h>

char *
lk_review_outcome_phrase (LkDecisionOutcome  outcome,
                          const char        *person)
{
  const char *who = person && *person ? person : _("unknown person");

  switch (outcome)
    {
    case LK_OUTCOME_IDENTIFIED:
      return g_strdup_printf (_("Identified as %s"), who);
    case LK_OUTCOME_EXCLUDED:
      return g_strdup_printf (_("Excluded %s"), who);
    case LK_OUTCOME_INCONCLUSIVE:
      return g_strdup_printf (_("Inconclusive about %s"), who);
    case LK_OUTCOME_INSUFFICIENT_QUALITY:
      return g_strdup (_("Quality insufficient"));
    case LK_OUTCOME_WITHDRAWN:
      return g_strdup (_("Earlier decision taken back"));
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lk_review_status_phrase (LkFaceStatus status)
{
  switch (status)
    {
    case LK_FACE_STATUS_IDENTIFIED: return _("identified");
    case LK_FACE_STATUS_EXCLUDED: return _("candidates excluded so far");
    case LK_FACE_STATUS_INCONCLUSIVE: return _("inconclusive");
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY: return _("quality insufficient");
    case LK_FACE_STATUS_NOT_A_FACE: return _("marked not a face");
    case LK_FACE_STATUS_REFERENCE: return _("reference face");
    case LK_FACE_STATUS_UNREVIEWED:
    default: return _("not reviewed yet");
    }
}

static GtkWidget *
caption_label (const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* Queue ------------------------------------------------------------------- */

typedef struct {
  GtkPicture *picture;
  GtkLabel   *title;
  GtkLabel   *file;
  GtkLabel   *status;
} QueueRow;

static void
queue_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  QueueRow *row = g_new0 (QueueRow, 1);

  row->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (row->picture, GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (GTK_WIDGET (row->picture), 44, 44);
  gtk_widget_set_valign (GTK_WIDGET (row->picture), GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (GTK_WIDGET (row->picture), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (row->picture), "lk-thumb");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Face"), -1);

  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");
  row->file = GTK_LABEL (caption_label ("dim-label"));
  gtk_label_set_ellipsize (row->file, PANGO_ELLIPSIZE_MIDDLE);
  row->status = GTK_LABEL (caption_label (NULL));

  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->file));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->status));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->picture));
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  g_object_set_data_full (G_OBJECT (box), "lk-row", row, g_free);
  gtk_list_item_set_child (item, box);
}

static void
queue_thumbnail_changed (LkReviewProbe *probe,
                         GParamSpec    *pspec,
                         GtkPicture    *picture)
{
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (probe->thumbnail));
}

static const char *
status_css (LkFaceStatus status)
{
  switch (status)
    {
    case LK_FACE_STATUS_IDENTIFIED: return "success";
    case LK_FACE_STATUS_EXCLUDED: return "warning";
    case LK_FACE_STATUS_INCONCLUSIVE:
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY: return "dim-label";
    default: return "accent";
    }
}

static char *
probe_status_text (LkReviewProbe *probe)
{
  switch (probe->status)
    {
    case LK_FACE_STATUS_IDENTIFIED:
      return g_strdup_printf (_("Identified: %s"), probe->person_name ? probe->person_name : "");
    case LK_FACE_STATUS_EXCLUDED:
      return g_strdup (_("Candidates excluded so far"));
    case LK_FACE_STATUS_INCONCLUSIVE:
      return g_strdup (_("Inconclusive"));
    case LK_FACE_STATUS_INSUFFICIENT_QUALITY:
      return g_strdup (_("Quality insufficient"));
    default:
      if (probe->best_name != NULL && probe->best_distance >= 0)
        {
          g_autofree char *distance = lk_number_decimal (probe->best_distance, 3);

          /* Translators: "To review · nearest Alice (0.412)" */
          return g_strdup_printf (_("To review · nearest %s (%s)"), probe->best_name, distance);
        }
      return g_strdup (_("To review"));
    }
}

static void
queue_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            LkReviewView             *view)
{
  LkReviewProbe *probe = gtk_list_item_get_item (item);
  QueueRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "lk-row");
  g_autofree char *number = g_strdup_printf ("%" PRId64, probe->face_id);
  g_autofree char *title = g_strdup_printf (_("Face %s"), number);
  g_autofree char *status = probe_status_text (probe);
  g_autofree char *spoken = NULL;
  const char *classes[] = { "success", "warning", "dim-label", "accent" };

  gtk_label_set_text (row->title, title);
  gtk_label_set_text (row->file, probe->file);
  gtk_label_set_text (row->status, status);
  /* Translators: a screen reader's words for a face in Review's queue:
   * "Face 18, bbt4.jpg, To review · nearest Sheldon (0.35)" */
  spoken = g_strdup_printf (_("%s, %s, %s"), title, probe->file ? probe->file : "", status);
  lk_a11y_describe_cell (gtk_list_item_get_child (item), spoken, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (row->status), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (row->status), status_css (probe->status));

  gtk_picture_set_paintable (row->picture, GDK_PAINTABLE (probe->thumbnail));
  g_signal_connect_object (probe, "notify::thumbnail", G_CALLBACK (queue_thumbnail_changed),
                           row->picture, 0);
  lk_review_view_want_thumbnail (view, probe);
}

static void
queue_unbind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  LkReviewProbe *probe = gtk_list_item_get_item (item);
  QueueRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "lk-row");

  g_signal_handlers_disconnect_by_func (probe, queue_thumbnail_changed, row->picture);
}

GtkListItemFactory *
lk_review_queue_factory_new (LkReviewView *view)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (queue_setup), NULL);
  /* The factory lives no longer than the view's list, so no reference is needed. */
  g_signal_connect (factory, "bind", G_CALLBACK (queue_bind), view);
  g_signal_connect (factory, "unbind", G_CALLBACK (queue_unbind), NULL);
  return factory;
}

/* Candidates ------------------------------------------------------------- */

typedef struct {
  GtkPicture *chip;
  GtkLabel *rank;
  GtkLabel *name;
  GtkLabel *badge;
  GtkLabel *distance;
  GtkLabel *words;
  GtkLabel *numbers;
} CandidateCard;

static void
candidate_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  CandidateCard *c = g_new0 (CandidateCard, 1);

  /* The reference face itself, so the strip can be scanned by eye. */
  c->chip = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (c->chip, GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (GTK_WIDGET (c->chip), 72, 72);
  gtk_widget_set_valign (GTK_WIDGET (c->chip), GTK_ALIGN_START);
  gtk_widget_set_overflow (GTK_WIDGET (c->chip), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (c->chip), "lk-thumb");

  c->rank = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (c->rank), "lk-badge");
  gtk_widget_add_css_class (GTK_WIDGET (c->rank), "numeric");
  c->name = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (c->name, 0);
  gtk_label_set_ellipsize (c->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (c->name), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (c->name), "heading");
  c->badge = GTK_LABEL (caption_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (c->badge), "lk-badge");
  c->distance = GTK_LABEL (caption_label ("numeric"));
  c->words = GTK_LABEL (caption_label (NULL));
  gtk_label_set_ellipsize (c->words, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (c->words, TRUE);
  gtk_label_set_lines (c->words, 2);
  gtk_label_set_max_width_chars (c->words, 30);
  c->numbers = GTK_LABEL (caption_label ("dim-label"));
  gtk_label_set_ellipsize (c->numbers, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (c->numbers, TRUE);
  gtk_label_set_max_width_chars (c->numbers, 30);

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (c->rank));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (c->name));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (c->badge));
  gtk_box_append (GTK_BOX (card), top);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (c->distance));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (c->words));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (c->numbers));
  gtk_widget_set_size_request (card, 240, -1);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (c->chip));
  gtk_box_append (GTK_BOX (outer), card);
  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 4);
  gtk_widget_set_margin_bottom (outer, 4);
  g_object_set_data_full (G_OBJECT (outer), "lk-card", c, g_free);
  gtk_list_item_set_child (item, outer);
}

static void
candidate_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  LkReviewCandidate *candidate = gtk_list_item_get_item (item);
  GtkWidget *card_widget = gtk_list_item_get_child (item);
  CandidateCard *c = g_object_get_data (G_OBJECT (card_widget), "lk-card");
  g_autofree char *rank = g_strdup_printf ("%d", candidate->rank);
  g_autofree char *number = lk_number_decimal (candidate->distance, 3);
  /* Translators: the descriptor distance of a candidate; lower is more similar. */
  g_autofree char *distance = g_strdup_printf (_("Distance %s"), number);
  const char *badge = NULL, *badge_css = NULL;
  g_autofree char *accessible = NULL;

  if (candidate->identified)
    badge = _("Identified"), badge_css = "success";
  else if (candidate->excluded)
    badge = _("Excluded"), badge_css = "error";
  else if (candidate->same_photo)
    badge = _("Same photo"), badge_css = "warning";

  gtk_picture_set_paintable (c->chip, GDK_PAINTABLE (candidate->chip));
  gtk_label_set_text (c->rank, rank);
  gtk_label_set_text (c->name, candidate->person_name);
  gtk_label_set_text (c->badge, badge ? badge : "");
  gtk_widget_set_visible (GTK_WIDGET (c->badge), badge != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (c->badge), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (c->badge), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (c->badge), "warning");
  if (badge_css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (c->badge), badge_css);
  gtk_label_set_text (c->distance, distance);
  gtk_label_set_text (c->words, candidate->strength_words ? candidate->strength_words : "");
  gtk_label_set_text (c->numbers, candidate->strength_numbers ? candidate->strength_numbers : "");
  gtk_widget_set_tooltip_text (card_widget, candidate->evidence_text);
  /* Excluded candidates stay in the strip, visibly set apart. */
  gtk_widget_set_opacity (card_widget, candidate->excluded ? 0.55 : 1.0);

  accessible = g_strdup_printf (_("Candidate %d, %s, %s%s%s"), candidate->rank, candidate->person_name,
                                distance, badge ? ", " : "", badge ? badge : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card_widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* The strip's row takes the focus: it says the same, and the software's
   * estimate of how rare such similarity is. */
  lk_a11y_describe_cell (card_widget, accessible, candidate->strength_words);
}

GtkListItemFactory *
lk_review_candidate_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (candidate_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (candidate_bind), NULL);
  return factory;
}

/* History ----------------------------------------------------------------- */

GtkWidget *
lk_review_history_row_new (const LkDecision *decision,
                           gboolean          flagged)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *phrase = lk_review_outcome_phrase (decision->outcome, decision->person_name);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = lk_format_time (decision->decided_at);
  int level = lk_review_strength_from_string (decision->strength);

  if (level > 0)
    title = g_strdup_printf ("%s — %s", phrase, lk_review_strength_to_label (level));
  else
    title = g_steal_pointer (&phrase);
  /* Translators: “rationale” — analyst, time */
  subtitle = g_strdup_printf (_("“%s” — %s, %s"), decision->rationale, decision->analyst, when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : phrase);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  /* The newest audit verification failed and touches this record: it must
   * not be read as backed by the log. */
  if (flagged)
    {
      GtkWidget *tag = gtk_label_new (_("Check failed"));

      gtk_widget_set_tooltip_text (row, _("The audit log does not back this record: see the banner above"));
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      gtk_widget_add_css_class (row, "lk-flagged");
    }
  if (!decision->current)
    {
      GtkWidget *tag = gtk_label_new (_("Superseded"));

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      gtk_widget_add_css_class (row, "dim-label");
    }
  return row;
}
