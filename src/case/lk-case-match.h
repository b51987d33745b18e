/* lk-case-match.h — the matching module's storage inside the case store:
 * candidate lists with their evidence numbers, the change marker of
 * incremental refresh, clusters of unknown faces and the analyst's cluster
 * split-outs.  All SQL for these lives in lk-case-match.c (the checks that
 * vouch for candidate lists in lk-case-candidates.c); the computation
 * lives in src/match/lk-matcher.c.  Tables: resources/sql/002-matching.sql.
 *
 * Face and person ids are gint64 keys of the hash tables below, stored with
 * GINT_TO_POINTER-style direct keys (64-bit pointers are required). */
#pragma once

#include "lk-case.h"

G_BEGIN_DECLS

typedef struct {
  gint64    face_id;
  gint64    person_id;
  gint64    reference_face_id;    /* the person's reference face that gave the distance; 0 none */
  double    distance;             /* < 0: no distance (no usable reference face) */
  int       rank;                 /* 1-based by distance; pinned rows follow the top k */
  gboolean  pinned;               /* kept outside the top k because a decision names the person */
  double    impostor_share;
  gboolean  share_extrapolated;
  double    expected_lookalikes;
  guint     gallery_persons;
  char     *model_id;
  char     *computed_at;
} LkCandidateRow;

void        lk_candidate_row_clear       (LkCandidateRow *row);
/* A GArray of LkCandidateRow that clears its rows. */
GArray     *lk_candidate_rows_new        (void);
/* The stored list of a probe face, by rank (empty when not computed). */
GArray     *lk_case_list_candidate_rows  (LkCase *self, gint64 face_id, GError **error);

/* A stored candidate row its descriptors do not vouch for. */
typedef struct {
  gint64    face_id;
  gint64    person_id;
  gint64    reference_face_id;    /* 0: none */
  double    stored;               /* the row's distance */
  double    measured;             /* recomputed from the stored descriptors; < 0 when impossible */
  gboolean  linked;               /* the reference face was ever linked to the person */
} LkCandidateProblem;

/* Every candidate row whose distance is not the one recomputed from the
 * stored descriptors of the probe and the reference face (within float
 * rounding), or whose reference face was never linked to its person, by face
 * id.  One pass; a few thousand faces take milliseconds. */
GArray     *lk_case_match_check_candidates (LkCase *self, GError **error);

typedef enum {
  LK_CANDIDATES_VOUCHED,   /* exactly the lists the last refresh wrote */
  LK_CANDIDATES_CHANGED,   /* changed since, outside Likeness */
  LK_CANDIDATES_UNKNOWN,   /* the last refresh was by a version that recorded no digest */
} LkCandidatesVouched;

/* Whether the candidates table is what the last "match.refresh" entry
 * recorded (a SHA-256 over every row, in its details).  *out_seq: that
 * entry, 0 when there was none. */
gboolean    lk_case_match_candidates_vouched (LkCase *self, LkCandidatesVouched *out, gint64 *out_seq,
                                              GError **error);

typedef struct {
  gint64  face_id;
  guint   n_candidates;
  gint64  best_person_id;     /* rank 1; 0 when the list is empty */
  double  best_distance;      /* < 0 when the list is empty */
} LkCandidateSummary;

/* Every probe face with a stored list, by face id, in one query. */
GArray     *lk_case_list_candidate_summaries (LkCase *self, GError **error);

/* Supersedes the face's newest current decision.  When that decision had
 * superseded an earlier one, the earlier one is recorded again (a new row
 * superseding the undone one); otherwise it is withdrawn
 * (lk_case_withdraw_decision).  NOT_FOUND when the face has no current
 * decision.  Returns the id of the new decision or withdrawal row. */
gint64      lk_case_undo_decision        (LkCase *self, const char *analyst, gint64 face_id,
                                          const char *reason, GError **error);

typedef struct {
  char   *model_id;
  int     k;
  gint64  decision_mark;
} LkMatchState;

/* face id → LkMatchState (owned by the table). */
GHashTable *lk_case_match_load_states    (LkCase *self, GError **error);
/* face id → its highest decision id (any decision: a new one always has a higher id). */
GHashTable *lk_case_match_decision_marks (LkCase *self, GError **error);

typedef struct {
  gint64 face_id;
  gint64 person_id;
} LkGalleryLink;

/* The references (LkGalleryLink) the stored lists were computed against. */
GArray     *lk_case_match_load_gallery_snapshot (LkCase *self, GError **error);

typedef struct {
  const char *model_id;
  int         k;
  GHashTable *lists;           /* face id → GArray of LkCandidateRow: replaces the face's list */
  GHashTable *decision_marks;  /* face id → mark, for the faces in lists */
  GArray     *cleared_faces;   /* gint64 face ids whose lists are dropped (no longer probes) */
  GArray     *gallery;         /* LkGalleryLink: the references now */
  GPtrArray  *clusters;        /* of GArray of gint64 face ids; NULL keeps the clusters */
  double      cluster_threshold;
  const char *cluster_linkage;
  const char *details_json;    /* the run's summary, for the audit entry */
} LkMatchUpdate;

/* Writes a refresh in one transaction with one "match.refresh" audit entry. */
gboolean    lk_case_match_store          (LkCase *self, const char *analyst,
                                          const LkMatchUpdate *update, GError **error);

typedef struct {
  gint64  id;
  GArray *face_ids;     /* gint64, increasing */
} LkCluster;

void        lk_cluster_free              (LkCluster *cluster);
/* Of LkCluster, by id. */
GPtrArray  *lk_case_list_clusters        (LkCase *self, GError **error);
LkCluster  *lk_case_get_cluster          (LkCase *self, gint64 cluster_id, GError **error);
/* Pairs of face ids (2 × n gint64) the analyst split apart. */
GArray     *lk_case_list_cluster_splits  (LkCase *self, GError **error);
/* Takes a face out of its cluster for good: it is never clustered with the
 * cluster's other faces again.  Audited ("cluster.split"). */
gboolean    lk_case_split_from_cluster   (LkCase *self, const char *analyst, gint64 cluster_id,
                                          gint64 face_id, const char *reason, GError **error);
/* One step: a new person from the fields, and an "identified" decision with
 * the rationale for every face of the cluster not already decided (see
 * lk_case_cluster_decided_faces()), all in one transaction ("cluster.to-person"
 * plus the store's own entries).  Returns the person id, 0 on error. */
gint64      lk_case_cluster_to_person    (LkCase *self, const char *analyst, gint64 cluster_id,
                                          const LkPersonFields *fields, const char *rationale,
                                          GError **error);
/* The same for an existing person ("cluster.identify"): a group shown to be
 * someone already in the gallery never becomes a second person of that name. */
gboolean    lk_case_cluster_identify     (LkCase *self, const char *analyst, gint64 cluster_id,
                                          gint64 person_id, const char *rationale, GError **error);
/* Face ids (gint64, ascending) of the cluster that naming it as person_id
 * (0: a new person) leaves as they are: a current quality-insufficient
 * verdict, or a current decision about that person (excluded, inconclusive,
 * identified).  Naming a group never overrides a face's own decision. */
GArray     *lk_case_cluster_decided_faces (LkCase *self, gint64 cluster_id, gint64 person_id,
                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCluster, lk_cluster_free)

G_END_DECLS
