/* lk-case-verification.h — ACE-V in the case: roles, blind verification by a
 * second examiner, conflicts resolved by a supervisor, and the FISWG feature
 * comparison recorded with every conclusion.
 *
 * Roles are not authentication (the case is a local file anyone with access
 * can change); they make every step attributable and the process
 * enforceable.  Every analyst is an examiner; "verifier" and "supervisor" are
 * granted by a supervisor (the first supervisor of a case grants themself).
 *
 * A request for verification hands a current decision to the queue.  A
 * verifier sees the probe and the candidate as the examiner saw them, but
 * nothing of the examiner's conclusion, until their own is recorded: the same
 * outcome marks the decision verified, another opens a conflict that a
 * supervisor — neither the examiner nor the verifier — resolves in writing.
 * Both conclusions are kept.  All of it is audited and rebuilt by
 * lk_case_verify_audit().
 */
#pragma once

#include "lk-case.h"

G_BEGIN_DECLS

/* ---- FISWG feature comparison (lk-case-features.c) ------------------------ */

typedef enum {
  LK_FEATURE_NOT_ASSESSED,
  LK_FEATURE_SIMILAR,
  LK_FEATURE_DISSIMILAR,
  LK_FEATURE_NOT_COMPARABLE,    /* not visible, or the image quality does not allow it */
} LkFeatureAssessment;

/* The facial components of the FISWG feature list, in its order, as the ids
 * stored in a case ("face_outline", "hair", … "alterations"), NULL-terminated. */
const char * const *lk_feature_components          (void);
/* The component's name for people, translated ("Chin / jaw line"). */
const char         *lk_feature_component_label     (const char *component);
const char         *lk_feature_assessment_to_string (LkFeatureAssessment assessment);
gboolean            lk_feature_assessment_from_string (const char *text, LkFeatureAssessment *out);
const char         *lk_feature_assessment_label    (LkFeatureAssessment assessment);

typedef struct {
  const char          *component;   /* one of lk_feature_components() */
  LkFeatureAssessment  assessment;
  char                *note;        /* "" when none */
} LkFeatureRow;

/* A mark placed on the aligned chips: a point (w = h = 0) or a box, in chip
 * coordinates from 0 to 1, on the probe side, the candidate side or both. */
typedef struct {
  guint     number;                  /* 1, 2, … as printed on charts */
  char     *label;                   /* "scar", "mole" */
  gboolean  on_probe, on_candidate;
  double    probe[4];                /* x, y, w, h */
  double    candidate[4];
} LkFeatureMark;

typedef struct {
  GPtrArray *rows;    /* of LkFeatureRow, one per component, FISWG order */
  GPtrArray *marks;   /* of LkFeatureMark, numbered in order */
} LkFeatures;

#define LK_FEATURE_NOTE_MAX   1000   /* characters */
#define LK_FEATURE_LABEL_MAX  100
#define LK_FEATURE_MARKS_MAX  50

/* Parses and checks a comparison given as JSON:
 *   {"components": {"eyes": {"assessment": "similar", "note": "…"}, …},
 *    "marks": [{"label": "scar", "probe": [x, y] or [x, y, w, h],
 *               "candidate": [x, y, …]}, …]}
 * Unknown components or assessments, a note or label over its limit, marks
 * outside the chip: an error naming the problem.  Components left out are
 * "not assessed". */
LkFeatures *lk_features_parse        (const char *json, GError **error);
/* The comparison in its canonical stored form (every component, FISWG order). */
char       *lk_features_to_json      (const LkFeatures *features);
/* How many components were assessed (not "not assessed"). */
guint       lk_features_count_assessed (const LkFeatures *features);
LkFeatures *lk_features_new_empty    (void);
void        lk_features_free         (LkFeatures *features);

/* ---- Roles ----------------------------------------------------------------- */

typedef enum {
  LK_ROLE_EXAMINER   = 1 << 0,
  LK_ROLE_VERIFIER   = 1 << 1,
  LK_ROLE_SUPERVISOR = 1 << 2,
} LkRole;

const char *lk_role_to_string   (LkRole role);
gboolean    lk_role_from_string (const char *text, LkRole *out);

typedef struct {
  gint64  id;
  char   *name;
  char   *first_seen;
  LkRole  roles;       /* a set of LkRole bits; examiner always */
} LkAnalyst;

void        lk_analyst_free          (LkAnalyst *analyst);
/* Of LkAnalyst, by name. */
GPtrArray  *lk_case_list_analyst_roles (LkCase *self, GError **error);
/* Registers an analyst by name (audited "analyst.add"); an existing one is fine. */
gboolean    lk_case_add_analyst      (LkCase *self, const char *name, GError **error);
/* The roles the named analyst holds (0 for an analyst the case has never seen). */
LkRole      lk_case_get_analyst_roles (LkCase *self, const char *name, GError **error);
/* analyst grants role to grantee (registered if new), with a reason; audited
 * "role.grant".  Only a supervisor grants — or anyone while the case has no
 * supervisor yet.  Granting a role already held is an error saying so. */
gboolean    lk_case_grant_role       (LkCase      *self,
                                      const char  *analyst,
                                      const char  *grantee,
                                      LkRole       role,
                                      const char  *reason,
                                      GError     **error);

/* ---- Verification ---------------------------------------------------------- */

typedef enum {
  LK_VERIFICATION_PENDING,
  LK_VERIFICATION_VERIFIED,
  LK_VERIFICATION_CONFLICT,
  LK_VERIFICATION_RESOLVED,
} LkVerificationState;

const char *lk_verification_state_to_string (LkVerificationState state);

typedef struct {
  gint64               id;
  gint64               decision_id;      /* 0 in a blind view */
  LkVerificationState  state;
  char                *requested_at;
  gboolean             decision_current; /* the decision has not been superseded */

  /* The comparison as the examiner saw it. */
  gint64               face_id;
  gint64               person_id;
  char                *person_name;
  gint64               reference_face_id; /* 0 when the person has none */

  /* The examiner's conclusion: NULL / empty in a blind view. */
  char                *examiner;
  char                *examiner_outcome;
  char                *examiner_strength;
  char                *examiner_rationale;
  char                *examiner_features;  /* canonical JSON or NULL */
  char                *requested_by;

  /* The verifier's conclusion, once recorded. */
  char                *verifier;
  char                *verifier_outcome;
  char                *verifier_strength;
  char                *verifier_rationale;
  char                *verifier_features;
  char                *verified_at;

  /* The supervisor's resolution of a conflict. */
  char                *resolution;
  char                *resolved_by;
  char                *resolved_at;
} LkVerificationItem;

void        lk_verification_item_free  (LkVerificationItem *item);

/* Sends a current identification (or exclusion, when the case verifies
 * exclusions) for verification; audited.  The analyst must be the decision's
 * examiner or a supervisor.  Returns the item id. */
gint64      lk_case_request_verification (LkCase     *self,
                                          const char *analyst,
                                          gint64      decision_id,
                                          GError    **error);
/* The pending items verifier may take (not their own decisions; decisions
 * still current), blind: no examiner, outcome, strength, rationale, features,
 * decision id.  Refused (INVALID) for an analyst without the verifier role. */
GPtrArray  *lk_case_list_verification_queue (LkCase *self, const char *verifier, GError **error);
/* One item for viewer: blind (as in the queue) while it is pending and viewer
 * is not the examiner; everything once a conclusion is recorded. */
LkVerificationItem *lk_case_get_verification_item (LkCase *self, gint64 item_id, const char *viewer,
                                                   GError **error);
/* Every item, with everything (reports, the examiner's own view). */
GPtrArray  *lk_case_list_verification_items (LkCase *self, GError **error);
/* The item of a decision with everything, or NULL (no error) when none. */
LkVerificationItem *lk_case_get_decision_verification (LkCase *self, gint64 decision_id, GError **error);

/* The verifier's own conclusion; features_json nullable.  Sets the item to
 * verified (same outcome) or conflict; returns the new state through out_state. */
gboolean    lk_case_record_verification (LkCase              *self,
                                         const char          *verifier,
                                         gint64               item_id,
                                         LkDecisionOutcome    outcome,
                                         const char          *strength,
                                         const char          *rationale,
                                         const char          *features_json,
                                         LkVerificationState *out_state,
                                         GError             **error);
/* A supervisor who is neither the examiner nor the verifier resolves a
 * conflict in writing; both conclusions are kept. */
gboolean    lk_case_resolve_conflict    (LkCase     *self,
                                         const char *supervisor,
                                         gint64      item_id,
                                         const char *resolution,
                                         GError    **error);

/* Whether exclusions are sent for verification too (a case setting). */
gboolean    lk_case_get_verify_exclusions (LkCase *self);
gboolean    lk_case_set_verify_exclusions (LkCase *self, const char *analyst, gboolean verify,
                                           GError **error);

/* lk_case_add_decision() with the examiner's feature comparison (canonical
 * JSON from lk_features_to_json, or any JSON lk_features_parse accepts; NULL:
 * none).  Every analyst is an examiner, so no role is checked. */
gint64      lk_case_add_decision_with_features (LkCase            *self,
                                                const char        *analyst,
                                                gint64             face_id,
                                                gint64             person_id,
                                                LkDecisionOutcome  outcome,
                                                const char        *strength,
                                                const char        *rationale,
                                                const char        *features_json,
                                                GError           **error);
/* The examiner's feature comparison of a decision (canonical JSON), or NULL. */
char       *lk_case_get_decision_features (LkCase *self, gint64 decision_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFeatures, lk_features_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAnalyst, lk_analyst_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVerificationItem, lk_verification_item_free)

G_END_DECLS
