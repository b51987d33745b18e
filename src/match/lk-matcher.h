/* lk-matcher.h — the matching service over a case.
 *
 * lk_matcher_refresh() computes or refreshes, for every probe face that is
 * not marked "not a face", the ranked list of gallery persons (persons with
 * reference faces, not retired; person distance = the smallest over the
 * person's reference faces), and the clusters of unknown faces.  Refresh is
 * incremental: a probe is searched again only when its own inputs changed
 * (new probe, a decision on it, a reference of a listed person removed, other
 * settings); new reference faces are merged into existing lists exactly.
 *
 * lk_matcher_list_candidates() is the list as an analyst sees it: decisions
 * applied (excluded persons stay, marked; the identification first; a person
 * already identified on another face of the same photo marked, except in
 * collages) with the evidence numbers and words.  The software proposes; it
 * never declares a match.
 */
#pragma once

#include "case/lk-case.h"
#include "match/lk-cluster.h"
#include "match/lk-evidence.h"

G_BEGIN_DECLS

#define LK_MATCH_DEFAULT_K 20

typedef struct {
  guint       k;                      /* persons per list; 0: LK_MATCH_DEFAULT_K */
  double      cluster_threshold;      /* 0: LK_CLUSTER_DEFAULT_THRESHOLD */
  LkLinkage   cluster_linkage;
  guint       approximate_threshold;  /* reference faces from which HNSW is used; 0: default */
  guint       n_threads;              /* 0: one per core */
  gboolean    full;                   /* recompute every list, not only what changed */
  const char *model_id;               /* NULL: the model most faces were described with */
} LkMatchSettings;

#define LK_MATCH_SETTINGS_INIT { LK_MATCH_DEFAULT_K, LK_CLUSTER_DEFAULT_THRESHOLD, \
                                 LK_CLUSTER_DEFAULT_LINKAGE, 0, 0, FALSE, NULL }

typedef struct {
  char            *model_id;
  guint            n_probes;         /* probe faces with a descriptor of the model */
  guint            n_references;     /* reference faces in the gallery */
  guint            n_persons;        /* gallery persons */
  guint            n_searched;       /* lists computed from scratch */
  guint            n_merged;         /* lists updated with new reference faces only */
  guint            n_unchanged;
  guint            n_cleared;        /* lists dropped (face marked not a face, …) */
  guint            n_skipped_model;  /* faces described with another model, left out */
  guint            n_clusters;
  guint            n_clustered_faces;
  LkImpostorSource impostor_source;
  gsize            impostor_pairs;   /* measured pairs behind the evidence numbers */
} LkMatchSummary;

void lk_match_summary_clear (LkMatchSummary *summary);

/* stage: "loading", "searching", "clustering", "saving"; done ≤ total. */
typedef void (*LkMatchProgressFunc) (const char *stage, guint done, guint total, gpointer user_data);

/* Blocking: run it off the GTK main loop.  Writes one audited "match.refresh". */
gboolean lk_matcher_refresh (LkCase               *kase,
                             const char           *analyst,
                             const LkMatchSettings *settings,
                             LkMatchProgressFunc   progress,
                             gpointer              user_data,
                             LkMatchSummary       *summary_out,   /* nullable */
                             GCancellable         *cancellable,
                             GError              **error);

typedef struct {
  int       rank;                /* position in this list, 1-based */
  int       distance_rank;       /* position by distance among the proposals; 0 when not proposed */
  gint64    person_id;
  char     *person_name;
  double    distance;            /* < 0: no distance (the person has no usable reference face) */
  gint64    reference_face_id;   /* 0 when none */
  gboolean  above_threshold;     /* distance over 0.6, the descriptor's trained threshold */
  gboolean  pinned;              /* outside the top K, listed because a decision names the person */
  char     *decision;            /* the current outcome for this face and person, NULL when none */
  gboolean  excluded;
  gboolean  identified;
  gint64    same_photo_face_id;  /* another face of this photo is identified as this person; 0 none */
  double    impostor_share;
  gboolean  share_extrapolated;
  double    expected_lookalikes;
  guint     gallery_persons;
  char     *evidence_text;       /* NULL without a distance */
  char     *model_id;
  char     *computed_at;
} LkCandidate;

void       lk_candidate_free          (LkCandidate *candidate);
/* Of LkCandidate for a face (empty when its list was never computed). */
GPtrArray *lk_matcher_list_candidates (LkCase *kase, gint64 face_id, GError **error);
/* The JSON array of `likeness-cli candidates --json`. */
char      *lk_candidates_to_json      (GPtrArray *candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCandidate, lk_candidate_free)

G_END_DECLS
