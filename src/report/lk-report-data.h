/* lk-report-data.h — everything a case report shows, as a plain struct tree.
 *
 * The tree is collected from a case in one pass (lk-report-collect.c) and then
 * handed to the renderers (PDF, HTML, JSON, CSV), which never touch the case
 * store: every number a report prints is in here, so it can be traced back.
 * Tests build trees by hand.  Strings are UTF-8 and owned by the tree; times
 * are ISO 8601 UTC strings exactly as the case stored them.
 */
#pragma once

#include <glib.h>

#include "case/lk-case-verification.h"

G_BEGIN_DECLS

/* A face shown in a decision section: the aligned chip and the photo it was
 * found in, with the face box in the photo's own pixel coordinates. */
typedef struct {
  gint64  face_id;
  gint64  photo_id;
  char   *photo_name;      /* the evidence file's original name */
  char   *photo_sha256;
  int     photo_width;     /* pixels of the (orientation-corrected) original */
  int     photo_height;
  int     box_x, box_y, box_width, box_height;
  GBytes *chip;            /* PNG or JPEG of the aligned chip; NULL when unavailable */
  GBytes *photo;           /* PNG or JPEG of the photo, scaled for print; NULL when unavailable */
  char   *quality;         /* the engine's quality words, e.g. "good" or "small (42 px)"; may be NULL */
  char   *quality_details; /* the measurements behind them, in words; may be NULL */
  /* A still of a video: the video it was taken from and where.  video_name
   * is NULL for an ordinary photo. */
  char   *video_name;      /* the video's original file name */
  char   *video_sha256;
  gint64  video_time_ms;
} LkReportFace;

/* "clip.mp4 at 01:02.450" for a still of a video, NULL otherwise. */
char *lk_report_face_video_words (const LkReportFace *face);

/* One recorded decision (current or superseded). */
typedef struct {
  gint64  id;
  char   *outcome;         /* "identified", "excluded", "inconclusive", "insufficient-quality" */
  char   *strength;        /* the analyst's own strength word, may be NULL */
  char   *rationale;
  char   *analyst;
  char   *time;            /* ISO 8601 UTC */
  gint64  supersedes_id;   /* 0 when it supersedes nothing */
  gint64  person_id;       /* 0 when the decision names no person */
  char   *person_name;
  /* A failed audit check touches this decision (LkAuditReport.flagged_decisions
   * or its bad_object): every format marks it, with integrity_message. */
  gboolean integrity_failed;
  char   *integrity_message;
} LkReportDecisionRecord;

/* A decision section: the current decision on a probe face against one person. */
typedef struct {
  LkReportDecisionRecord  record;
  LkReportFace            probe;
  LkReportFace            candidate;   /* the person's best reference face; face_id 0 when none */
  gboolean                has_distance;
  double                  distance;    /* the software's descriptor distance */
  int                     rank;        /* the software's candidate rank, 0 when unknown */
  gboolean                has_strength;
  double                  impostor_share;    /* share of different-person pairs this close or closer */
  gboolean                share_extrapolated; /* closer than nearly every measured pair: from a fit */
  double                  expected_lookalikes; /* share × gallery persons */
  guint                   gallery_persons;
  char                   *strength_words;    /* the software's wording of those numbers */
  GPtrArray              *superseded;        /* LkReportDecisionRecord*, oldest first */
  /* Verification by a second examiner (ACE-V): the request with both
   * conclusions, NULL when the decision was never sent; the FISWG feature
   * comparisons, NULL when none was recorded. */
  LkVerificationItem     *verification;
  LkFeatures             *features;
  LkFeatures             *verifier_features;
} LkReportDecision;

typedef struct {
  char *role;              /* "descriptor", "landmarks", "detector" */
  char *id;                /* e.g. "dlib-resnet-v1:7eccf2a8" */
  char *file;              /* file name (no folders: reports travel) */
  char *sha256;            /* of the file, NULL when it is built in (HOG detector) */
} LkReportModel;

typedef struct {
  char   *sha256;
  char   *original_name;
  char   *original_path;
  char   *role;            /* "probe" or "reference" */
  char   *imported_at;
  char   *imported_by;
  guint64 size;
  int     n_faces;
} LkReportEvidence;

typedef struct {
  char *time;
  char *file;
  char *message;
} LkReportImportError;

typedef struct {
  gint64  seq;
  char   *time;
  char   *analyst;
  char   *action;
  char   *object;          /* e.g. "decision 12", may be NULL */
  char   *details;         /* JSON text, may be NULL */
  char   *hash;
} LkReportAuditEntry;

typedef struct {
  char *key;
  guint count;
} LkReportCount;

typedef struct {
  /* case */
  char       *title;
  char       *number;
  char       *description;
  char      **analysts;          /* NULL-terminated */
  char       *created;
  char       *modified;
  char       *generated;         /* when this report was made */
  char       *generated_by;      /* analyst exporting */
  char       *software;          /* "Likeness 0.1.0" */
  char       *decision_filter;   /* "all" or one outcome: which decisions the report lists */
  char       *export_note;       /* e.g. why this export is not in the audit log; NULL normally */

  /* counts (over the whole case, whatever the filter) */
  guint       n_photos, n_probe_photos, n_reference_photos;
  guint       n_faces, n_persons;
  /* Decisions: "current" ones are in force (each gets a numbered section when
   * the filter lists it); "recorded" counts every decision row, including
   * those superseded by a later decision, those withdrawn, and the
   * withdrawal records themselves. */
  guint       n_decisions_current, n_decisions_superseded;
  guint       n_decisions_recorded, n_decisions_withdrawn;
  guint       n_identified, n_excluded, n_inconclusive, n_insufficient;
  /* Current identifications by verification state (they add up to n_identified). */
  guint       n_id_verified, n_id_resolved, n_id_conflict, n_id_pending, n_id_unverified;

  /* integrity */
  char       *audit_head;        /* hex SHA-256 of the last entry, NULL for an empty log */
  guint64     audit_length;
  gboolean    audit_ok;
  char       *audit_message;     /* the verifier's words, success or failure */
  gboolean    evidence_ok;
  guint       evidence_checked;
  guint       evidence_failed;
  char       *evidence_message;

  /* method */
  GPtrArray  *models;            /* LkReportModel* */
  double      threshold;
  char       *detection;         /* detection setting in words */
  char       *strength_method;   /* how the software's evidence strength is estimated */

  GPtrArray  *decisions;         /* LkReportDecision*, in report order */
  GPtrArray  *evidence;          /* LkReportEvidence* */
  GPtrArray  *import_errors;     /* LkReportImportError* */
  GPtrArray  *audit;             /* LkReportAuditEntry*, whole log in order */
  GPtrArray  *audit_by_action;   /* LkReportCount*, filled by lk_report_data_summarise_audit */
  GPtrArray  *audit_by_analyst;  /* LkReportCount* */
} LkReportData;

LkReportData           *lk_report_data_new              (void);
void                    lk_report_data_free             (LkReportData *data);
LkReportDecision       *lk_report_decision_new          (void);
void                    lk_report_decision_free         (LkReportDecision *decision);
LkReportDecisionRecord *lk_report_decision_record_new   (void);
void                    lk_report_decision_record_free  (LkReportDecisionRecord *record);
LkReportModel          *lk_report_model_new             (const char *role, const char *id,
                                                         const char *file, const char *sha256);
LkReportEvidence       *lk_report_evidence_new          (void);
LkReportImportError    *lk_report_import_error_new      (const char *time, const char *file,
                                                         const char *message);
LkReportAuditEntry     *lk_report_audit_entry_new       (void);

/* Fills audit_by_action and audit_by_analyst from audit (sorted by count, then name). */
void                    lk_report_data_summarise_audit  (LkReportData *data);

/* The software's numbers in words for a report line, e.g. "0.012% (about 1 in
 * 8,300)"; NULL when the decision has none. */
char                   *lk_report_decision_share_text   (const LkReportDecision *decision);
char                   *lk_report_decision_lookalike_text (const LkReportDecision *decision);

/* "Probe face #12 compared with NAME", or that the decision names nobody. */
char                   *lk_report_decision_about        (const LkReportDecision *decision);

/* The outcome words the analyst chose, as a report prints them ("Identified"). */
const char             *lk_report_outcome_label         (const char *outcome);

/* Case text for a sentence, wrapped in Unicode isolates (U+2068 … U+2069)
 * with unpaired bidi controls inside it neutralised, so that a name holding
 * U+202E cannot reverse the words after it.  NULL or "" gives "—". */
char                   *lk_report_isolate               (const char *text);
/* The verification state of a decision in words for people and as a word
 * for data ("unverified", "pending", "verified", "conflict", "resolved"). */
char                   *lk_report_verification_words    (const LkReportDecision *dec);
const char             *lk_report_verification_state    (const LkReportDecision *dec);
/* The cover's line: how many identifications a second examiner verified. */
char                   *lk_report_verification_counts   (const LkReportData *data);
/* "2026-11-20 09:01:00 CET": an ISO 8601 time in the computer's zone; the
 * stored text when it does not parse. */
char                   *lk_report_time_local            (const char *iso);
/* Values isolated one by one and joined with ", ". */
char                   *lk_report_join_isolated         (char **values);
/* The cover's decision counts in words, the same in every format: in force
 * (with outcomes), all recorded (with superseded and withdrawn), and the
 * numbered sections this report lists. */
char                   *lk_report_count_current         (const LkReportData *data);
char                   *lk_report_count_recorded        (const LkReportData *data);
char                   *lk_report_count_listed          (const LkReportData *data);
/* Readable words for an audit action ("Decision recorded"); unknown actions as stored. */
const char             *lk_report_audit_action_label    (const char *action);
/* A short sentence from an entry's details ("identified as Ann Smith
 * (strength moderate)", "imported photo x.jpg"); "" when there is nothing to say. */
char                   *lk_report_audit_summary         (const LkReportData *data,
                                                         const LkReportAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkReportData, lk_report_data_free)

G_END_DECLS
