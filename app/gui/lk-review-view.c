/* lk-review-view.c — the Review section: probe against candidate, and the decision
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Left, the queue of probe faces; right, the probe and the chosen candidate's
 * best reference face, each as its aligned chip and in its photo, then the
 * candidate strip and the decision bar.  Everything the view reads or writes
 * goes through session jobs; the view only turns their results into textures
 * and widgets.  Actions and shortcuts live in lk-review-view-actions.c.
 */
#define G_LOG_DOMAIN "lk-review"

#include "lk-review-view-private.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "case/lk-case-video.h"
#include "lk-a11y.h"
#include "lk-flow-box.h"
#include "lk-review-geometry.h"

/* How much of the photo around the face box the context views show. */
#define CONTEXT_MARGIN 0.8
/* dlib face chips of the face engine: 150 pixels, padding 0.25. */
#define CHIP_SIZE 150
#define CHIP_PADDING 0.25

G_DEFINE_FINAL_TYPE (LkReviewView, lk_review_view, LK_TYPE_SECTION)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_OVERLAY_MODE,
  PROP_SHOW_LANDMARKS,
  PROP_LOCK_SIDES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_detail (LkReviewView *self, gint64 face_id);
static void show_candidate (LkReviewView *self);

/* Sides ------------------------------------------------------------------ */

void
lk_review_side_free (LkReviewSide *side)
{
  if (side == NULL)
    return;
  g_clear_pointer (&side->face, lk_case_face_free);
  g_clear_object (&side->chip);
  g_clear_object (&side->photo);
  g_free (side->photo_error);
  g_free (side->video_words);
  g_clear_pointer (&side->video_frames, g_ptr_array_unref);
  g_free (side->video_error);
  g_free (side);
}

static GdkTexture *
texture_from_rgb (GBytes *rgb,
                  int     width,
                  int     height)
{
  if (rgb == NULL || width <= 0 || height <= 0)
    return NULL;
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, rgb, (gsize) width * 3);
}

void
lk_review_frame_take_texture (LkReviewFrame *frame)
{
  if (frame->texture != NULL || frame->rgb == NULL)
    return;
  frame->texture = texture_from_rgb (frame->rgb, frame->width, frame->height);
  g_clear_pointer (&frame->rgb, g_bytes_unref);
}

LkReviewSide *
lk_review_side_new (LkReviewSideData *data)
{
  LkReviewSide *side = g_new0 (LkReviewSide, 1);

  side->face_id = data->face_id;
  side->face = g_steal_pointer (&data->face);
  side->chip = texture_from_rgb (data->chip_rgb, data->chip_width, data->chip_height);
  side->photo = texture_from_rgb (data->photo_rgb, data->photo_width, data->photo_height);
  side->photo_error = g_steal_pointer (&data->photo_error);
  side->video_words = g_steal_pointer (&data->video_words);
  side->video_frames = g_steal_pointer (&data->video_frames);
  side->video_error = g_steal_pointer (&data->video_error);
  for (guint i = 0; side->video_frames != NULL && i < side->video_frames->len; i++)
    lk_review_frame_take_texture (side->video_frames->pdata[i]);
  if (side->face->has_landmarks)
    side->has_chip_landmarks =
      lk_review_chip_landmarks ((const float (*)[2]) side->face->landmarks,
                                data->chip_width > 0 ? (guint) data->chip_width : CHIP_SIZE,
                                CHIP_PADDING, side->chip_landmarks);
  return side;
}

/* Jobs bookkeeping ------------------------------------------------------- */

void
lk_review_view_begin_job (LkReviewView *self)
{
  if (self->n_pending++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
lk_review_view_end_job (LkReviewView *self)
{
  g_return_if_fail (self->n_pending > 0);
  if (--self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
lk_review_view_toast (LkReviewView *self,
                      const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Review's own overlay ends above the decision bar: the window's would
   * put the toast over the buttons the examiner is about to press.  The
   * title is markup: an error naming a file "A&B.jpg" must still show. */
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_debug ("%s", message);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Showing one side ------------------------------------------------------- */

/* What both canvases of a side show, for a screen reader: which face, from
 * which photo ("Face 18, bbt4.jpg"); their names say which canvas it is. */
static void
describe_side (LkReviewCanvas     *chip,
               LkReviewCanvas     *photo,
               const LkReviewSide *side)
{
  g_autofree char *words = NULL;

  if (side == NULL || side->face == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (photo), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  /* Translators: the face a canvas in Review shows: "Face 18, bbt4.jpg" */
  words = g_strdup_printf (_("Face %" PRId64 ", %s"), side->face_id, side->face->file ? side->face->file : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, words, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (photo), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, words, -1);
}

static void
show_side (LkReviewCanvas     *chip,
           LkReviewCanvas     *photo,
           GtkLabel           *caption,
           const LkReviewSide *side)
{
  graphene_rect_t box, focus;

  describe_side (chip, photo, side);
  lk_review_canvas_set_texture (chip, side ? side->chip : NULL);
  lk_review_canvas_set_landmarks (chip, side && side->has_chip_landmarks
                                        ? (const float (*)[2]) side->chip_landmarks : NULL);
  lk_review_canvas_set_texture (photo, side ? side->photo : NULL);
  if (side == NULL || side->photo == NULL)
    {
      lk_review_canvas_set_face_box (photo, NULL);
      lk_review_canvas_set_focus (photo, NULL);
      gtk_label_set_text (caption, side && side->photo_error ? side->photo_error : "");
      return;
    }

  graphene_rect_init (&box, side->face->x, side->face->y, side->face->width, side->face->height);
  lk_review_context_focus (&box, CONTEXT_MARGIN,
                           gdk_texture_get_width (side->photo),
                           gdk_texture_get_height (side->photo), &focus);
  lk_review_canvas_set_face_box (photo, &box);
  lk_review_canvas_set_focus (photo, &focus);
  gtk_label_set_text (caption, side->video_words != NULL ? side->video_words : side->face->file);
}

static void
kept_still_clicked (GtkButton    *button,
                    LkReviewView *self)
{
  gint64 face_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "face-id");

  lk_review_view_select_face (self, face_id);
}

/* A frame that is another kept still of the track: a button to its face. */
static GtkWidget *
kept_still_button_new (LkReviewView        *self,
                       const LkReviewFrame *frame,
                       GtkWidget           *content,
                       const char          *code)
{
  GtkWidget *button = gtk_button_new ();
  /* Translators: a frame of the strip that is another still kept from the video; %s is its time code. */
  g_autofree char *name = g_strdup_printf (_("Frame at %s, a kept still: show its face"), code);

  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "lk-video-kept");
  gtk_widget_set_tooltip_text (button, _("Review the face on this still"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "face-id", g_memdup2 (&frame->face_id, sizeof (gint64)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (kept_still_clicked), self, 0);
  return button;
}

/* One picture of the strip with its time code under it. */
static GtkWidget *
video_frame_new (LkReviewView        *self,
                 const LkReviewFrame *frame)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (frame->texture));
  g_autofree char *code = lk_format_time_code (frame->time_ms);
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (box, "lk-video-frame");
  if (frame->current)
    gtk_widget_add_css_class (box, "lk-video-current");
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, -1, 72);
  name = frame->current
           /* Translators: the still under review in its strip of frames; %s is a time code. */
           ? g_strdup_printf (_("Frame at %s, this still"), code)
           /* Translators: a neighbouring frame of the still; %s is a time code ("00:11.500"). */
           : g_strdup_printf (_("Frame at %s"), code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", code, "css-classes",
                                               (const char *[]) { "caption", "numeric", NULL }, NULL));
  if (frame->face_id > 0)
    return kept_still_button_new (self, frame, box, code);
  return box;
}

/* The strip under the probe: a still's neighbouring frames, the words that
 * say why they cannot be shown, or nothing for a photo. */
static void
show_video_strip (LkReviewView       *self,
                  const LkReviewSide *probe)
{
  GtkWidget *child;
  gboolean has_frames = probe != NULL && probe->video_frames != NULL && probe->video_frames->len > 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->probe_video_strip))) != NULL)
    gtk_box_remove (self->probe_video_strip, child);
  for (guint i = 0; has_frames && i < probe->video_frames->len; i++)
    gtk_box_append (self->probe_video_strip, video_frame_new (self, probe->video_frames->pdata[i]));
  gtk_label_set_text (self->probe_video_error, probe && probe->video_error ? probe->video_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->probe_video_strip), has_frames);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_video_error), probe != NULL && probe->video_error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_video_box),
                          has_frames || (probe != NULL && probe->video_error != NULL));
}

static void
show_probe (LkReviewView *self)
{
  LkReviewSide *probe = self->probe;

  show_side (self->probe_chip, self->probe_photo, self->probe_photo_caption, probe);
  show_video_strip (self, probe);
  lk_review_canvas_set_texture (self->overlay_canvas, probe ? probe->chip : NULL);
  lk_review_canvas_set_landmarks (self->overlay_canvas, probe && probe->has_chip_landmarks
                                                        ? (const float (*)[2]) probe->chip_landmarks : NULL);
  if (probe == NULL)
    {
      gtk_label_set_text (self->probe_title, "");
      gtk_label_set_text (self->probe_subtitle, "");
      return;
    }
  {
    g_autofree char *number = g_strdup_printf ("%" PRId64, probe->face_id);
    /* Translators: the title of the face under review, %s is its number. */
    g_autofree char *full = g_strdup_printf (_("Face %s"), number);
    /* Translators: the photo's file name · the face's review status */
    g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                                 probe->video_words != NULL ? probe->video_words
                                                                            : probe->face->file,
                                                 lk_review_status_phrase (probe->face->status));

    gtk_label_set_text (self->probe_title, full);
    gtk_label_set_text (self->probe_subtitle, subtitle);
  }
}

LkReviewCandidate *
lk_review_view_get_candidate (LkReviewView *self)
{
  return gtk_single_selection_get_selected_item (self->candidate_selection);
}

static void
side_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  LkReviewSideData *data = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_review_view_end_job (self);
  self->side_loading = 0;
  if (data == NULL)
    {
      if (!is_cancelled (error))
        lk_review_view_toast (self, error->message);
      return;
    }
  g_hash_table_replace (self->sides, GINT_TO_POINTER (data->face_id), lk_review_side_new (data));
  lk_review_side_data_free (data);
  show_candidate (self);
}

static void
request_side (LkReviewView *self,
              gint64        face_id)
{
  if (self->side_loading == face_id || self->session == NULL)
    return;
  self->side_loading = face_id;
  lk_review_view_begin_job (self);
  lk_session_run (self->session, (LkSessionJob) lk_review_job_load_side,
                  g_memdup2 (&face_id, sizeof face_id), g_free,
                  (GDestroyNotify) lk_review_side_data_free, self->cancellable,
                  side_loaded, g_object_ref (self));
}

/* Overlay and wipe: say which image is the probe and which the candidate,
 * and where each shows, as the sliders move. */
static void
update_overlay_labels (LkReviewView *self)
{
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  const char *name = candidate ? candidate->person_name : _("none");
  double opacity = 100.0 * gtk_adjustment_get_value (self->opacity_adjustment);
  double wipe = gtk_adjustment_get_value (self->wipe_adjustment);
  g_autofree char *over = NULL;
  const char *under;

  if (wipe >= 0.999)
    {
      /* Translators: %s is the candidate's name, %.0f%% the overlay opacity. */
      over = g_strdup_printf (_("Candidate %s at %.0f%% over all of the probe (orange landmarks)"), name, opacity);
      under = _("Probe underneath (blue landmarks)");
    }
  else if (wipe <= 0.001)
    {
      over = g_strdup_printf (_("Candidate %s hidden: the wipe line is at the left edge"), name);
      under = _("Probe alone (blue landmarks)");
    }
  else
    {
      over = g_strdup_printf (_("◀ Candidate %s at %.0f%%, left of the line (orange landmarks)"), name, opacity);
      under = _("Probe alone, right of the line (blue landmarks) ▶");
    }
  gtk_label_set_text (self->overlay_candidate_label, over);
  gtk_label_set_text (self->overlay_probe_label, under);
}

static void
show_candidate (LkReviewView *self)
{
  LkReviewCandidate *candidate = lk_review_view_get_candidate (self);
  LkReviewSide *side = NULL;
  g_autofree char *target = NULL;

  if (candidate != NULL)
    {
      side = g_hash_table_lookup (self->sides, GINT_TO_POINTER (candidate->reference_face_id));
      if (side == NULL)
        request_side (self, candidate->reference_face_id);
      /* Translators: "Alice Moreau, candidate 1" */
      target = g_strdup_printf (_("%s, candidate %d"), candidate->person_name, candidate->rank);
    }

  show_side (self->candidate_chip, self->candidate_photo, self->candidate_photo_caption, side);
  lk_review_canvas_set_overlay_texture (self->overlay_canvas, side ? side->chip : NULL);
  lk_review_canvas_set_overlay_landmarks (self->overlay_canvas, side && side->has_chip_landmarks
                                                                ? (const float (*)[2]) side->chip_landmarks : NULL);
  gtk_label_set_text (self->candidate_chip_caption,
                      candidate ? candidate->person_name : _("No candidate"));
  /* The matcher's own sentences, in full, for the candidate on screen. */
  gtk_label_set_text (self->evidence_label,
                      candidate && candidate->evidence_text ? candidate->evidence_text : "");
  lk_review_decision_bar_set_target (self->decision_bar, target);
  update_overlay_labels (self);
  lk_review_view_update_features_button (self);
  lk_review_view_update_actions (self);
}

/* The detail of one probe ------------------------------------------------- */

static void
fill_history (LkReviewView *self)
{
  GtkListBoxRow *row;

  /* Rows only: the first child may be the placeholder ("No decision…"),
   * which removing would take away for good. */
  while ((row = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (row));

  /* Newest first: the decision that counts is on top. */
  for (guint i = self->history ? self->history->len : 0; i > 0; i--)
    {
      const LkDecision *d = g_ptr_array_index (self->history, i - 1);

      gtk_list_box_append (self->history_list,
                           lk_review_history_row_new (d, self->session != NULL &&
                                                         lk_session_decision_flagged (self->session, d->id)));
    }
}

/* Which candidate to show after a (re)load: the same person as before when
 * still there; after an exclusion, the next one not excluded; else the
 * identified one, else the first not excluded, else the first. */
static guint
choose_candidate (LkReviewView *self,
                  gint64        keep_person)
{
  GListModel *model = G_LIST_MODEL (self->candidates);
  guint n = g_list_model_get_n_items (model);
  guint keep = GTK_INVALID_LIST_POSITION, identified = GTK_INVALID_LIST_POSITION;
  guint first_open = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkReviewCandidate) c = g_list_model_get_item (model, i);

      if (keep_person != 0 && c->person_id == keep_person)
        keep = i;
      if (c->identified && identified == GTK_INVALID_LIST_POSITION)
        identified = i;
      if (!c->excluded && first_open == GTK_INVALID_LIST_POSITION)
        first_open = i;
    }

  if (keep != GTK_INVALID_LIST_POSITION && self->advance_from_person == keep_person)
    {
      for (guint j = 1; j < n; j++)
        {
          guint i = (keep + j) % n;
          g_autoptr(LkReviewCandidate) c = g_list_model_get_item (model, i);

          if (!c->excluded)
            return i;
        }
    }
  if (keep != GTK_INVALID_LIST_POSITION)
    return keep;
  if (identified != GTK_INVALID_LIST_POSITION)
    return identified;
  if (first_open != GTK_INVALID_LIST_POSITION)
    return first_open;
  return n > 0 ? 0 : GTK_INVALID_LIST_POSITION;
}

static void
apply_detail (LkReviewView   *self,
              LkReviewDetail *detail)
{
  gint64 keep_person = lk_review_view_get_current_person (self);
  gboolean same_face = self->probe != NULL && self->probe->face_id == detail->probe->face_id;
  guint n = detail->candidates->len;
  g_autofree char *title = NULL;

  if (!same_face)
    keep_person = 0;
  g_clear_pointer (&self->probe, lk_review_side_free);
  self->probe = lk_review_side_new (detail->probe);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = g_steal_pointer (&detail->history);

  for (guint i = 0; i < n; i++)
    lk_review_candidate_take_chip (g_ptr_array_index (detail->candidates, i));
  g_list_store_splice (self->candidates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->candidates)),
                       detail->candidates->pdata, n);
  gtk_single_selection_set_selected (self->candidate_selection, choose_candidate (self, keep_person));
  self->advance_from_person = 0;

  title = n == 0 ? g_strdup (_("No candidates for this face"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Candidate", "%u Candidates", n), n);
  gtk_label_set_text (self->candidates_title, title);
  lk_review_decision_bar_set_has_probe (self->decision_bar, TRUE);
  show_probe (self);
  show_candidate (self);
  fill_history (self);
}

static void
detail_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkReviewDetail) detail = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_review_view_end_job (self);
  if (detail == NULL)
    {
      if (!is_cancelled (error))
        lk_review_view_toast (self, error->message);
      return;
    }
  if (detail->probe->face_id != self->face_id)
    return; /* the analyst moved on meanwhile */
  apply_detail (self, detail);
}

static void
load_detail (LkReviewView *self,
             gint64        face_id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->face_id = face_id;
  if (face_id == 0 || self->session == NULL)
    return;

  self->detail_cancellable = g_cancellable_new ();
  lk_review_view_begin_job (self);
  lk_session_run (self->session, (LkSessionJob) lk_review_job_load_detail,
                  g_memdup2 (&face_id, sizeof face_id), g_free,
                  (GDestroyNotify) lk_review_detail_free, self->detail_cancellable,
                  detail_loaded, g_object_ref (self));
}

/* The queue ---------------------------------------------------------------- */

/* Drafts: what was typed for a face stays with it while the analyst looks
 * at other faces, until a decision on it is recorded. */
static void
switch_draft (LkReviewView *self,
              gint64        to_face)
{
  g_autofree char *typed = lk_review_decision_bar_dup_rationale (self->decision_bar);
  const char *draft;

  if (self->face_id != 0 && typed[0] != '\0')
    g_hash_table_replace (self->drafts, g_memdup2 (&self->face_id, sizeof (gint64)),
                          g_steal_pointer (&typed));
  else if (self->face_id != 0)
    g_hash_table_remove (self->drafts, &self->face_id);
  draft = to_face != 0 ? g_hash_table_lookup (self->drafts, &to_face) : NULL;
  lk_review_decision_bar_clear (self->decision_bar);
  lk_review_decision_bar_set_rationale (self->decision_bar, draft);
}

void
lk_review_view_forget_draft (LkReviewView *self,
                             gint64        face_id)
{
  g_hash_table_remove (self->drafts, &face_id);
}

static void
queue_selection_changed (LkReviewView *self)
{
  LkReviewProbe *probe = gtk_single_selection_get_selected_item (self->queue_selection);

  if (probe == NULL)
    {
      load_detail (self, 0);
      return;
    }
  if (probe->face_id != self->face_id)
    {
      /* Another face: keep the last one's rationale as its draft, forget
       * its candidate photos. */
      switch_draft (self, probe->face_id);
      g_hash_table_remove_all (self->sides);
    }
  load_detail (self, probe->face_id);
}

static void
update_summary (LkReviewView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  guint decided = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkReviewProbe) probe = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (probe->status != LK_FACE_STATUS_UNREVIEWED && probe->status != LK_FACE_STATUS_EXCLUDED)
        decided++;
    }
  /* Translators: "12 of 40 faces decided" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u face decided", "%u of %u faces decided", n),
                          decided, n);
  gtk_label_set_text (self->queue_summary, text);
}

static guint
find_face (GListModel *model,
           gint64      face_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkReviewProbe) probe = g_list_model_get_item (model, i);

      if (probe->face_id == face_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
apply_queue (LkReviewView *self,
             GPtrArray    *queue)
{
  gint64 keep = self->want_face_id ? self->want_face_id : self->face_id;
  guint position;

  /* Thumbnails already loaded stay with their faces across reloads; a hash
   * keeps this linear for queues of 100,000 faces. */
  {
    GListModel *model = G_LIST_MODEL (self->queue);
    guint n_old = g_list_model_get_n_items (model);
    g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);

    for (guint i = 0; i < n_old; i++)
      {
        LkReviewProbe *old = g_list_model_get_item (model, i);

        g_hash_table_insert (before, &old->face_id, old);
      }
    for (guint i = 0; i < queue->len; i++)
      {
        LkReviewProbe *fresh = g_ptr_array_index (queue, i);
        LkReviewProbe *old = g_hash_table_lookup (before, &fresh->face_id);

        if (old != NULL)
          {
            lk_review_probe_set_thumbnail (fresh, old->thumbnail);
            fresh->thumbnail_requested = old->thumbnail_requested;
          }
      }
  }

  g_signal_handlers_block_by_func (self->queue_selection, queue_selection_changed, self);
  g_list_store_splice (self->queue, 0, g_list_model_get_n_items (G_LIST_MODEL (self->queue)),
                       queue->pdata, queue->len);
  position = find_face (G_LIST_MODEL (self->queue), keep);
  if (position == GTK_INVALID_LIST_POSITION && queue->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->queue_selection, position);
  g_signal_handlers_unblock_by_func (self->queue_selection, queue_selection_changed, self);

  self->want_face_id = 0;
  gtk_stack_set_visible_child_name (self->main_stack, queue->len > 0 ? "review" : "empty");
  update_summary (self);
  queue_selection_changed (self);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->queue_list), "list.scroll-to-item", "u", position);
}

static void
queue_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_review_view_end_job (self);
  if (queue == NULL)
    {
      if (!is_cancelled (error))
        lk_review_view_toast (self, error->message);
      return;
    }
  apply_queue (self, queue);
}

static void
reload_queue (LkReviewView *self)
{
  if (self->session == NULL)
    return;
  lk_review_view_begin_job (self);
  lk_session_run (self->session, (LkSessionJob) lk_review_job_load_queue, NULL, NULL,
                  (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                  queue_loaded, g_object_ref (self));
}

/* The review files use self->session and self->cancellable: borrowed from
 * LkSection, which owns them, and refreshed whenever the case changes. */
static void
forget_case (LkReviewView *self)
{
  LkSession *session = lk_section_get_session (LK_SECTION (self));

  self->session = session;
  self->cancellable = lk_section_get_cancellable (LK_SECTION (self));
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_pointer (&self->probe, lk_review_side_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_hash_table_remove_all (self->sides);
  /* Drafts belong to the faces of the case left. */
  g_hash_table_remove_all (self->drafts);
  lk_review_decision_bar_clear (self->decision_bar);
  self->face_id = 0;
  g_list_store_remove_all (self->queue);
  g_list_store_remove_all (self->candidates);
  if (session != NULL)
    lk_review_decision_bar_set_read_only (self->decision_bar, lk_session_is_read_only (session));
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

static void
lk_review_view_reload (LkSection *section,
                       LkChange   what)
{
  LkReviewView *self = LK_REVIEW_VIEW (section);

  if (what & LK_CHANGE_CASE)
    forget_case (self);
  /* Photos and the audit log do not change what Review shows; the rest may.
   * A new verification changes only the marks on the decision history. */
  if (what & LK_CHANGE_VERIFY)
    fill_history (self);
  if (!(what & ~(LK_CHANGE_AUDIT | LK_CHANGE_PHOTOS | LK_CHANGE_VERIFY)))
    return;
  if (what & (LK_CHANGE_PERSONS | LK_CHANGE_FACES))
    g_hash_table_remove_all (self->sides);
  reload_queue (self);
}

/* Thumbnails for the queue, loaded for the rows that are shown ----------- */

static void
thumbnails_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) thumbnails = lk_session_run_finish (LK_SESSION (source), result, &error);
  GListModel *model = G_LIST_MODEL (self->queue);

  lk_review_view_end_job (self);
  if (thumbnails == NULL)
    return; /* rows keep their placeholder; the detail view reports real errors */

  for (guint i = 0; i < thumbnails->len; i++)
    {
      LkReviewThumbnail *thumbnail = g_ptr_array_index (thumbnails, i);
      guint position = find_face (model, thumbnail->face_id);
      g_autoptr(GdkTexture) texture = texture_from_rgb (thumbnail->rgb, thumbnail->width, thumbnail->height);
      g_autoptr(LkReviewProbe) probe = NULL;

      if (position == GTK_INVALID_LIST_POSITION || texture == NULL)
        continue;
      probe = g_list_model_get_item (model, position);
      lk_review_probe_set_thumbnail (probe, texture);
    }
}

static void
request_thumbnails (gpointer user_data)
{
  LkReviewView *self = user_data;
  GArray *ids = g_steal_pointer (&self->thumbnail_wanted);

  self->thumbnail_idle = 0;
  self->thumbnail_wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->session == NULL || ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  lk_review_view_begin_job (self);
  lk_session_run (self->session, (LkSessionJob) lk_review_job_load_thumbnails,
                  ids, (GDestroyNotify) g_array_unref, (GDestroyNotify) g_ptr_array_unref,
                  self->cancellable, thumbnails_loaded, g_object_ref (self));
}

/* Rows ask as they are bound; one job per main-loop turn serves them all. */
void
lk_review_view_want_thumbnail (LkReviewView  *self,
                               LkReviewProbe *probe)
{
  if (probe->thumbnail != NULL || probe->thumbnail_requested)
    return;
  probe->thumbnail_requested = TRUE;
  g_array_append_val (self->thumbnail_wanted, probe->face_id);
  if (self->thumbnail_idle == 0)
    self->thumbnail_idle = g_idle_add_once (request_thumbnails, self);
}

/* View adjustments -------------------------------------------------------- */

static void
apply_gamma (gpointer user_data)
{
  LkReviewView *self = user_data;
  double gamma = gtk_adjustment_get_value (self->gamma_adjustment);
  LkReviewCanvas *canvases[] = { self->probe_photo, self->probe_chip, self->candidate_chip,
                                 self->candidate_photo, self->overlay_canvas };

  self->gamma_timeout = 0;
  for (guint i = 0; i < G_N_ELEMENTS (canvases); i++)
    g_object_set (canvases[i], "gamma", gamma, NULL);
}

/* Gamma is recomputed on the pixels, so a slider drag is coalesced first. */
static void
gamma_changed (LkReviewView *self)
{
  if (self->gamma_timeout == 0)
    self->gamma_timeout = g_timeout_add_once (60, apply_gamma, self);
}

static void
bind_canvases (LkReviewView *self)
{
  LkReviewCanvas *all[] = { self->probe_photo, self->probe_chip, self->candidate_chip,
                            self->candidate_photo, self->overlay_canvas };
  const char *viewport[] = { "zoom", "pan-x", "pan-y" };
  GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_object_bind_property (self->brightness_adjustment, "value", all[i], "brightness", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->contrast_adjustment, "value", all[i], "contrast", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "show-landmarks", all[i], "show-landmarks", G_BINDING_SYNC_CREATE);
    }
  /* The overlay always shows the probe's chip, so it moves with it; the
   * candidate's side follows only while the sides are locked. */
  for (guint k = 0; k < G_N_ELEMENTS (viewport); k++)
    g_object_bind_property (self->probe_chip, viewport[k], self->overlay_canvas, viewport[k], both);
  lk_review_view_set_lock_sides (self, TRUE);
  g_object_bind_property (self->opacity_adjustment, "value", self->overlay_canvas, "overlay-opacity", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->wipe_adjustment, "value", self->overlay_canvas, "wipe", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "overlay-mode", self->overlay_button, "active", both);
  g_object_bind_property (self, "overlay-mode", self->side_button, "active", both | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_swapped (self->gamma_adjustment, "value-changed", G_CALLBACK (gamma_changed), self);
  g_signal_connect_swapped (self->opacity_adjustment, "value-changed", G_CALLBACK (update_overlay_labels), self);
  g_signal_connect_swapped (self->wipe_adjustment, "value-changed", G_CALLBACK (update_overlay_labels), self);
  update_overlay_labels (self);
}

/* Locked, the two sides zoom and pan as one (the same part of both faces at
 * the same size); unlocked, each moves alone, e.g. to look at 1:1 pixels of
 * both photos.  Locking again brings the candidate to the probe's view. */
void
lk_review_view_set_lock_sides (LkReviewView *self,
                               gboolean      lock)
{
  const char *viewport[] = { "zoom", "pan-x", "pan-y" };
  GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  lock = !!lock;
  if (self->side_bindings[0] != NULL && self->lock_sides == lock)
    return;
  self->lock_sides = lock;
  for (guint i = 0; i < G_N_ELEMENTS (self->side_bindings); i++)
    if (self->side_bindings[i] != NULL)
      g_binding_unbind (g_steal_pointer (&self->side_bindings[i]));
  if (lock)
    for (guint k = 0; k < G_N_ELEMENTS (viewport); k++)
      {
        self->side_bindings[2 * k] =
          g_object_bind_property (self->probe_chip, viewport[k], self->candidate_chip, viewport[k], both);
        self->side_bindings[2 * k + 1] =
          g_object_bind_property (self->probe_photo, viewport[k], self->candidate_photo, viewport[k], both);
      }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCK_SIDES]);
}

/* GObject ------------------------------------------------------------------- */

/* However the candidate was chosen (keys, a click, a reload that keeps the
 * person, the move past an exclusion), the strip shows it. */
static void
candidate_selection_changed (LkReviewView *self)
{
  guint position = gtk_single_selection_get_selected (self->candidate_selection);

  show_candidate (self);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->candidate_list), "list.scroll-to-item", "u", position);
}

/* Shown (e.g. by choosing Review in the window's sidebar), the view takes the
 * keyboard focus unless it already has it, so that its shortcuts work at once. */
static void
lk_review_view_map (GtkWidget *widget)
{
  LkReviewView *self = LK_REVIEW_VIEW (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (lk_review_view_parent_class)->map (widget);
  root = gtk_widget_get_root (widget);
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_list));
}

static void
lk_review_view_dispose (GObject *object)
{
  LkReviewView *self = LK_REVIEW_VIEW (object);

  lk_review_view_close_withdraw (self);
  g_cancellable_cancel (lk_section_get_cancellable (LK_SECTION (self)));
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_handle_id (&self->thumbnail_idle, g_source_remove);
  g_clear_handle_id (&self->gamma_timeout, g_source_remove);
  g_clear_pointer (&self->probe, lk_review_side_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->sides, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->thumbnail_wanted, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_REVIEW_VIEW);
  g_clear_object (&self->queue_selection);
  g_clear_object (&self->candidate_selection);
  g_clear_object (&self->queue);
  g_clear_object (&self->candidates);

  G_OBJECT_CLASS (lk_review_view_parent_class)->dispose (object);
}

static void
lk_review_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkReviewView *self = LK_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY: g_value_set_boolean (value, self->n_pending > 0); break;
    case PROP_OVERLAY_MODE: g_value_set_boolean (value, self->overlay_mode); break;
    case PROP_SHOW_LANDMARKS: g_value_set_boolean (value, self->show_landmarks); break;
    case PROP_LOCK_SIDES: g_value_set_boolean (value, self->lock_sides); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_review_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LkReviewView *self = LK_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_OVERLAY_MODE:
      if (self->overlay_mode == g_value_get_boolean (value))
        break;
      self->overlay_mode = g_value_get_boolean (value);
      gtk_stack_set_visible_child_name (self->compare_stack, self->overlay_mode ? "overlay" : "side");
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_LOCK_SIDES:
      lk_review_view_set_lock_sides (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LANDMARKS:
      if (self->show_landmarks == g_value_get_boolean (value))
        break;
      self->show_landmarks = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_review_view_class_init (LkReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_review_view_dispose;
  object_class->get_property = lk_review_view_get_property;
  object_class->set_property = lk_review_view_set_property;
  widget_class->map = lk_review_view_map;
  LK_SECTION_CLASS (klass)->reload = lk_review_view_reload;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAY_MODE] =
    g_param_spec_boolean ("overlay-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LANDMARKS] =
    g_param_spec_boolean ("show-landmarks", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCK_SIDES] =
    g_param_spec_boolean ("lock-sides", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_FLOW_BOX);
  g_type_ensure (LK_TYPE_REVIEW_CANVAS);
  g_type_ensure (LK_TYPE_REVIEW_DECISION_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-review-view.ui");
  /* Found by name (gtk_widget_get_template_child) from lk-review-verification.c. */
  gtk_widget_class_bind_template_child_full (widget_class, "features_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, queue_summary);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, queue_list);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_title);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, side_button);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, overlay_button);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, compare_stack);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_photo);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_chip);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidate_chip);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidate_photo);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, overlay_canvas);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_photo_caption);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_video_box);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_video_strip);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, probe_video_error);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidate_photo_caption);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidate_chip_caption);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, overlay_candidate_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, overlay_probe_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidates_title);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, candidate_list);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, decision_bar);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, history_list);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, brightness_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, contrast_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, gamma_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkReviewView, wipe_adjustment);

  lk_review_view_class_init_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "lkreviewview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_review_view_init (LkReviewView *self)
{
  g_autoptr(GtkListItemFactory) queue_factory = NULL;
  g_autoptr(GtkListItemFactory) candidate_factory = NULL;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  lk_a11y_watch_label (self->evidence_label);

  self->sides = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) lk_review_side_free);
  self->thumbnail_wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->queue = g_list_store_new (LK_TYPE_REVIEW_PROBE);
  self->queue_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->queue)));
  gtk_single_selection_set_autoselect (self->queue_selection, FALSE);
  g_signal_connect_swapped (self->queue_selection, "notify::selected",
                            G_CALLBACK (queue_selection_changed), self);
  queue_factory = lk_review_queue_factory_new (self);
  gtk_list_view_set_factory (self->queue_list, queue_factory);
  gtk_list_view_set_model (self->queue_list, GTK_SELECTION_MODEL (self->queue_selection));

  self->candidates = g_list_store_new (LK_TYPE_REVIEW_CANDIDATE);
  self->candidate_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->candidates)));
  gtk_single_selection_set_autoselect (self->candidate_selection, FALSE);
  g_signal_connect_swapped (self->candidate_selection, "notify::selected",
                            G_CALLBACK (candidate_selection_changed), self);
  candidate_factory = lk_review_candidate_factory_new ();
  gtk_list_view_set_factory (self->candidate_list, candidate_factory);
  gtk_list_view_set_model (self->candidate_list, GTK_SELECTION_MODEL (self->candidate_selection));

  placeholder = gtk_label_new (_("No decision recorded for this face yet."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->history_list, placeholder);

  lk_review_canvas_set_texture (self->probe_chip, NULL);
  bind_canvases (self);
  lk_review_view_init_shortcuts (self);
  g_signal_connect_swapped (self->decision_bar, "notify::state",
                            G_CALLBACK (lk_review_view_update_actions), self);
  g_signal_connect_swapped (self->decision_bar, "notify::strength",
                            G_CALLBACK (lk_review_view_update_actions), self);
  lk_review_view_update_actions (self);
}

/* Public -------------------------------------------------------------------- */

GtkWidget *
lk_review_view_new (void)
{
  return g_object_new (LK_TYPE_REVIEW_VIEW, NULL);
}

void
lk_review_view_set_session (LkReviewView *self,
                            LkSession    *session)
{
  lk_section_set_session (LK_SECTION (self), session);
}

LkSession *
lk_review_view_get_session (LkReviewView *self)
{
  return lk_section_get_session (LK_SECTION (self));
}

void
lk_review_view_select_face (LkReviewView *self,
                            gint64        face_id)
{
  guint position;

  g_return_if_fail (LK_IS_REVIEW_VIEW (self));

  position = find_face (G_LIST_MODEL (self->queue), face_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Not loaded yet (or not in the queue): selected when the queue arrives. */
      self->want_face_id = face_id;
      return;
    }
  gtk_single_selection_set_selected (self->queue_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->queue_list), "list.scroll-to-item", "u", position);
}

gint64
lk_review_view_get_current_face (LkReviewView *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_VIEW (self), 0);
  return self->probe ? self->probe->face_id : 0;
}

gint64
lk_review_view_get_current_person (LkReviewView *self)
{
  LkReviewCandidate *candidate;

  g_return_val_if_fail (LK_IS_REVIEW_VIEW (self), 0);
  candidate = lk_review_view_get_candidate (self);
  return candidate ? candidate->person_id : 0;
}

gboolean
lk_review_view_get_busy (LkReviewView *self)
{
  g_return_val_if_fail (LK_IS_REVIEW_VIEW (self), FALSE);
  return self->n_pending > 0;
}
