/* lk-review-view-private.h — LkReviewView's state, shared by its two files
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lk-review-canvas.h"
#include "lk-review-decision-bar.h"
#include "lk-review-private.h"
#include "lk-review-view.h"

G_BEGIN_DECLS

/* A face shown on one side, with its textures (main thread only). */
typedef struct {
  gint64      face_id;
  LkCaseFace *face;
  GdkTexture *chip;
  GdkTexture *photo;
  char       *photo_error;
  char       *video_words;       /* where a still was taken in its video, or NULL */
  GPtrArray  *video_frames;      /* of LkReviewFrame with textures: the still's neighbours */
  char       *video_error;       /* why they cannot be shown, or NULL */
  gboolean    has_chip_landmarks;
  float       chip_landmarks[68][2];
} LkReviewSide;

void          lk_review_side_free      (LkReviewSide *side);
LkReviewSide *lk_review_side_new       (LkReviewSideData *data);

struct _LkReviewView
{
  LkSection            parent_instance;

  LkSession           *session;             /* borrowed from LkSection */
  GCancellable        *cancellable;         /* borrowed: every job of this session */
  GCancellable        *detail_cancellable;  /* the probe being loaded */
  guint                n_pending;

  GListStore          *queue;
  GtkSingleSelection  *queue_selection;
  GListStore          *candidates;
  GtkSingleSelection  *candidate_selection;

  gint64               face_id;             /* shown, or being loaded */
  gint64               want_face_id;        /* to select when the queue arrives */
  gint64               advance_from_person; /* excluded just now: move past it */
  LkReviewSide        *probe;
  GHashTable          *sides;               /* reference face id → LkReviewSide */
  gint64               side_loading;        /* reference face id in flight, or 0 */
  GPtrArray           *history;             /* of LkDecision */
  GHashTable          *drafts;              /* face id → rationale typed, not yet recorded */
  gint64               deciding_face_id;    /* the face of the decision in flight */

  GArray              *thumbnail_wanted;    /* face ids */
  guint                thumbnail_idle;
  guint                gamma_timeout;

  GtkWindow           *withdraw_dialog;     /* open, asking for a reason */
  gboolean             undo_in_flight;      /* the decision being recorded is a withdrawal */

  gboolean             overlay_mode;
  gboolean             show_landmarks;
  gboolean             lock_sides;          /* probe and candidate zoom and pan as one */
  GBinding            *side_bindings[6];    /* zoom, pan-x, pan-y of chips and of photos */

  /* Template */
  GtkStack            *main_stack;
  AdwToastOverlay     *toast_overlay;
  AdwStatusPage       *empty_page;
  GtkLabel            *queue_summary;
  GtkListView         *queue_list;
  GtkLabel            *probe_title;
  GtkLabel            *probe_subtitle;
  GtkToggleButton     *side_button;
  GtkToggleButton     *overlay_button;
  GtkStack            *compare_stack;
  LkReviewCanvas      *probe_photo;
  LkReviewCanvas      *probe_chip;
  LkReviewCanvas      *candidate_chip;
  LkReviewCanvas      *candidate_photo;
  LkReviewCanvas      *overlay_canvas;
  GtkLabel            *probe_photo_caption;
  GtkBox              *probe_video_box;
  GtkBox              *probe_video_strip;
  GtkLabel            *probe_video_error;
  GtkLabel            *candidate_photo_caption;
  GtkLabel            *candidate_chip_caption;
  GtkLabel            *overlay_candidate_label;
  GtkLabel            *overlay_probe_label;
  GtkLabel            *candidates_title;
  GtkListView         *candidate_list;
  GtkLabel            *evidence_label;
  LkReviewDecisionBar *decision_bar;
  GtkListBox          *history_list;
  GtkAdjustment       *brightness_adjustment;
  GtkAdjustment       *contrast_adjustment;
  GtkAdjustment       *gamma_adjustment;
  GtkAdjustment       *opacity_adjustment;
  GtkAdjustment       *wipe_adjustment;
};

/* lk-review-view.c */
LkReviewCandidate *lk_review_view_get_candidate (LkReviewView *self);
void               lk_review_view_update_actions (LkReviewView *self);
void               lk_review_view_begin_job      (LkReviewView *self);
void               lk_review_view_end_job        (LkReviewView *self);
void               lk_review_view_set_lock_sides (LkReviewView *self, gboolean lock);
/* The decision on this face is recorded: its draft rationale is spent. */
void               lk_review_view_forget_draft   (LkReviewView *self, gint64 face_id);

/* lk-review-view-actions.c */
void               lk_review_view_class_init_actions (GtkWidgetClass *widget_class);
void               lk_review_view_init_shortcuts     (LkReviewView   *self);
void               lk_review_view_close_withdraw     (LkReviewView   *self);

/* lk-review-verification.c */
void               lk_review_view_class_init_verification (GtkWidgetClass *widget_class);
char              *lk_review_view_dup_features       (LkReviewView *self, gint64 face_id, gint64 person_id);

/* lk-review-rows.c */
GtkListItemFactory *lk_review_queue_factory_new     (LkReviewView *view);
GtkListItemFactory *lk_review_candidate_factory_new (void);
GtkWidget          *lk_review_history_row_new       (const LkDecision *decision, gboolean flagged);
void                lk_review_view_want_thumbnail   (LkReviewView *self, LkReviewProbe *probe);
const char         *lk_review_status_phrase         (LkFaceStatus status);

/* lk-review-verification.c: the Features button's count for the comparison on screen. */
void          lk_review_view_update_features_button (LkReviewView *self);

G_END_DECLS
