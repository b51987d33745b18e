/* lk-review-private.h — what the Review files share among themselves
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue and candidate items are plain data objects (for GListModel); the
 * jobs run on the session worker and hand back plain structs and pixel bytes,
 * which the view turns into textures on the main thread.
 */
#pragma once

#include <gtk/gtk.h>

#include "case/lk-case.h"
#include "lk-session.h"

G_BEGIN_DECLS

/* One face in the queue. */
#define LK_TYPE_REVIEW_PROBE (lk_review_probe_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewProbe, lk_review_probe, LK, REVIEW_PROBE, GObject)

struct _LkReviewProbe
{
  GObject       parent_instance;

  gint64        face_id;
  gint64        photo_id;
  char         *file;            /* the photo's original file name */
  LkFaceStatus  status;
  char         *person_name;     /* identified as, or NULL */
  guint         n_candidates;
  double        best_distance;   /* of the first candidate not excluded; < 0: none */
  char         *best_name;
  GdkTexture   *thumbnail;       /* loaded when the row is first shown */
  gboolean      thumbnail_requested;
};

LkReviewProbe *lk_review_probe_new           (gint64 face_id);
void           lk_review_probe_set_thumbnail (LkReviewProbe *self, GdkTexture *texture);

/* One candidate of the current probe. */
#define LK_TYPE_REVIEW_CANDIDATE (lk_review_candidate_get_type ())
G_DECLARE_FINAL_TYPE (LkReviewCandidate, lk_review_candidate, LK, REVIEW_CANDIDATE, GObject)

struct _LkReviewCandidate
{
  GObject            parent_instance;

  int                rank;
  gint64             person_id;
  char              *person_name;
  gint64             reference_face_id;
  double             distance;
  gboolean           excluded;
  gboolean           identified;
  gboolean           same_photo;       /* already identified in the probe's photo */
  char              *strength_words;   /* how rare such similarity is between different people */
  char              *strength_numbers; /* the same in numbers */
  char              *evidence_text;    /* the matcher's full sentences */
  gboolean           has_decision;     /* a current decision on this (face, person) */
  LkDecisionOutcome  outcome;
  /* The reference face's aligned chip: RGB from the worker, made a texture
   * on the main thread (lk_review_candidate_take_chip). */
  GBytes            *chip_rgb;
  int                chip_width, chip_height;
  GdkTexture        *chip;
};

LkReviewCandidate *lk_review_candidate_new       (void);
/* Main thread: turns chip_rgb into the chip texture the strip shows. */
void               lk_review_candidate_take_chip (LkReviewCandidate *self);

/* One picture of a still's strip of neighbouring frames: decoded (and
 * scaled down) on the worker, made a texture on the main thread. */
typedef struct {
  gint64      time_ms;         /* of the frame decoded, after clamping to the video */
  gboolean    current;         /* the still itself */
  gint64      face_id;         /* another kept still of the track: its face there, else 0 */
  GBytes     *rgb;
  int         width, height;
  GdkTexture *texture;         /* main thread: made from rgb by lk_review_frame_take_texture */
} LkReviewFrame;

void lk_review_frame_free         (LkReviewFrame *frame);
/* Main thread: the texture from the bytes (which it then holds). */
void lk_review_frame_take_texture (LkReviewFrame *frame);   /* lk-review-view.c */

/* Decoded pixels of a face: its chip and its photo, RGB, made into textures
 * on the main thread (GdkMemoryTexture keeps the bytes without copying). */
typedef struct {
  gint64      face_id;
  LkCaseFace *face;
  GBytes     *chip_rgb;
  int         chip_width, chip_height;
  GBytes     *photo_rgb;
  int         photo_width, photo_height;
  char       *photo_error;     /* why the photo could not be shown, or NULL */
  /* A still of a video: "clip.mp4 at 00:01.500 · track 1, also at 00:00.500,
   * 00:02.000" (the video, the time code, the track's other stills); NULL
   * for a photo. */
  char       *video_words;
  /* A still: its neighbouring frames from the evidence video (of
   * LkReviewFrame, in time order), or why they cannot be shown; both NULL
   * for a photo and for the candidate's side, which shows no strip. */
  GPtrArray  *video_frames;
  char       *video_error;
} LkReviewSideData;

void lk_review_side_data_free (LkReviewSideData *data);

/* The current probe with everything the view shows about it. */
typedef struct {
  LkReviewSideData *probe;
  GPtrArray        *candidates;  /* of LkReviewCandidate */
  GPtrArray        *history;     /* of LkDecision, oldest first */
} LkReviewDetail;

void lk_review_detail_free (LkReviewDetail *detail);

/* Session jobs (lk-review-jobs.c).  Each returns a new value or NULL with error. */
GPtrArray        *lk_review_job_load_queue  (LkCase *kase, gpointer data, GCancellable *c, GError **error);
LkReviewDetail   *lk_review_job_load_detail (LkCase *kase, gpointer data, GCancellable *c, GError **error);
LkReviewSideData *lk_review_job_load_side   (LkCase *kase, gpointer data, GCancellable *c, GError **error);
/* The probe's side: load_side and, for a still, its strip of frames. */
LkReviewSideData *lk_review_job_load_probe_side (LkCase *kase, gint64 face_id, GCancellable *c, GError **error);
GPtrArray        *lk_review_job_load_thumbnails (LkCase *kase, gpointer data, GCancellable *c, GError **error);

typedef struct {
  char              *analyst;
  gint64             face_id;
  gint64             person_id;
  LkDecisionOutcome  outcome;
  char              *strength;
  char              *rationale;
  gboolean           undo;         /* supersede the face's last decision instead */
  char              *features;     /* the FISWG feature comparison (JSON) or NULL */
} LkReviewDecisionRequest;

void     lk_review_decision_request_free (LkReviewDecisionRequest *request);
gpointer lk_review_job_decide            (LkCase *kase, gpointer data, GCancellable *c, GError **error);
/* Supersedes the face's last decision (lk-review-match.c); the new record's id or 0. */
gint64   lk_review_undo_decision         (LkCase *kase, LkReviewDecisionRequest *request, GError **error);

/* One thumbnail: face id and encoded-then-decoded RGB chip. */
typedef struct {
  gint64  face_id;
  GBytes *rgb;
  int     width, height;
} LkReviewThumbnail;

void lk_review_thumbnail_free (LkReviewThumbnail *thumbnail);

/* A face's aligned chip, decoded to RGB (worker thread); NULL with error. */
GBytes *lk_review_load_chip (LkCase *kase, gint64 face_id, int *width, int *height, GError **error);

/* "Identified as Ann Smith", "Quality insufficient" (lk-review-rows.c; any thread). */
char *lk_review_outcome_phrase (LkDecisionOutcome outcome, const char *person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkReviewSideData, lk_review_side_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkReviewDetail, lk_review_detail_free)

G_END_DECLS
