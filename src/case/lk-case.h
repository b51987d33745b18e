/* lk-case.h — the case store: one case folder, its SQLite database, its
 * evidence files and its tamper-evident audit log.
 *
 * A case is a folder NAME.likeness/ holding:
 *   case.db    SQLite (WAL, foreign keys on), schema versioned by PRAGMA user_version;
 *   evidence/  every imported original byte for byte, named SHA256[.ext], mode 0444;
 *   .lock      held (flock) while the case is open for writing.
 *
 * A case whose case.db or evidence/ is a symbolic link, or whose case.db has
 * a second hard link, is refused (LK_CASE_ERROR_LINKED): SQLite keeps its WAL
 * beside the name it was opened by, and the lock beside the folder, so two
 * folders sharing one database would each have a writer and lose commits.
 * A link to the whole case folder is fine: it reaches the same .lock.
 *
 * One write path: every function below that changes the case writes the change
 * and its audit entry in ONE transaction, and takes the name of the analyst who
 * did it.  Nothing is ever deleted: faces are marked "not a face", decisions are
 * superseded, persons retired, reference links removed by a newer audited row.
 *
 * Threads: an LkCase may be used from any thread, but from one thread at a
 * time (the workstation runs every job on one worker; the import pipeline's
 * result callback is serialised).  Reads never block on the writer (WAL).
 *
 * Batches: lk_case_begin_batch() … lk_case_commit_batch() groups any number of
 * write calls into one transaction (each call then runs in a savepoint, so a
 * failed call leaves the batch usable); lk_case_rollback_batch() drops all of it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_CASE_DESCRIPTOR_DIM 128   /* float32 values, stored as a 512-byte blob */
#define LK_CASE_LANDMARK_COUNT 68    /* (x, y) float32 pairs */
#define LK_CASE_SUFFIX ".likeness"

#define LK_CASE_ERROR (lk_case_error_quark ())
GQuark lk_case_error_quark (void);

typedef enum {
  LK_CASE_ERROR_NOT_A_CASE,  /* the folder has no case.db, or the file is not SQLite */
  LK_CASE_ERROR_DAMAGED,     /* case.db fails its integrity check or misses tables; left untouched */
  LK_CASE_ERROR_TOO_NEW,     /* written by a newer Likeness; update the program */
  LK_CASE_ERROR_LOCKED,      /* another process writes this case; open it read-only or wait */
  LK_CASE_ERROR_READ_ONLY,   /* a write on a case opened read-only */
  LK_CASE_ERROR_NOT_FOUND,   /* no such photo, face, person, decision, file */
  LK_CASE_ERROR_INVALID,     /* a bad argument: empty rationale, unknown role, retired person… */
  LK_CASE_ERROR_DISK_FULL,   /* the disk (or the database size limit) is full; nothing was written */
  LK_CASE_ERROR_IO,          /* reading or writing a file failed */
  LK_CASE_ERROR_EXISTS,      /* lk_case_create() on a folder that already holds something */
  LK_CASE_ERROR_INTERNAL,    /* an unexpected SQLite error (message has the details) */
  LK_CASE_ERROR_LINKED,      /* case.db or evidence/ is a link into another folder; copy the case instead */
} LkCaseError;

typedef enum {
  LK_CASE_OPEN_READ_WRITE = 0,
  LK_CASE_OPEN_READ_ONLY  = 1 << 0,
  /* When the case is locked by another writer, open read-only instead of
   * failing (lk_case_get_read_only_reason() then says who holds it). */
  LK_CASE_OPEN_FALLBACK_READ_ONLY = 1 << 1,
} LkCaseOpenFlags;

typedef enum {
  LK_PHOTO_ROLE_PROBE,       /* unidentified: the faces to identify */
  LK_PHOTO_ROLE_REFERENCE,   /* known identity: the gallery */
} LkPhotoRole;

typedef enum {
  LK_FACE_ORIGIN_DETECTED,
  LK_FACE_ORIGIN_MANUAL,
} LkFaceOrigin;

typedef enum {
  LK_FACE_STATUS_UNREVIEWED,
  LK_FACE_STATUS_IDENTIFIED,
  LK_FACE_STATUS_EXCLUDED,             /* only "excluded" decisions so far */
  LK_FACE_STATUS_INCONCLUSIVE,
  LK_FACE_STATUS_INSUFFICIENT_QUALITY,
  LK_FACE_STATUS_NOT_A_FACE,
  LK_FACE_STATUS_REFERENCE,            /* a reference face linked to a person */
} LkFaceStatus;

typedef enum {
  LK_OUTCOME_IDENTIFIED,
  LK_OUTCOME_EXCLUDED,
  LK_OUTCOME_INCONCLUSIVE,
  LK_OUTCOME_INSUFFICIENT_QUALITY,
  LK_OUTCOME_WITHDRAWN,        /* only through lk_case_withdraw_decision(); never "current" */
} LkDecisionOutcome;

/* Stable strings stored in the database and printed in JSON:
 * "probe"/"reference", "detected"/"manual", "unreviewed", "identified",
 * "excluded", "inconclusive", "insufficient-quality", "not-a-face", "reference". */
const char *lk_photo_role_to_string      (LkPhotoRole role);
gboolean    lk_photo_role_from_string    (const char *text, LkPhotoRole *out);
const char *lk_face_origin_to_string     (LkFaceOrigin origin);
const char *lk_face_status_to_string     (LkFaceStatus status);
gboolean    lk_face_status_from_string   (const char *text, LkFaceStatus *out);
const char *lk_decision_outcome_to_string   (LkDecisionOutcome outcome);
gboolean    lk_decision_outcome_from_string (const char *text, LkDecisionOutcome *out);

#define LK_TYPE_CASE (lk_case_get_type ())
G_DECLARE_FINAL_TYPE (LkCase, lk_case, LK, CASE, GObject)

/* ---- Opening ------------------------------------------------------------ */

/* ---- Text limits (lk-case-limits.c; listed in the README) --------------- */

#define LK_CASE_MAX_NAME_CHARS   200    /* names, aliases, analysts, external references */
#define LK_CASE_MAX_TITLE_CHARS  300
#define LK_CASE_MAX_SHORT_CHARS  100    /* case number, dates of birth and death, strength */
#define LK_CASE_MAX_TEXT_CHARS   20000  /* description, notes, rationale, reasons, review notes */

typedef enum {
  LK_CASE_FIELD_PERSON_NAME,
  LK_CASE_FIELD_ALIAS,
  LK_CASE_FIELD_ANALYST,
  LK_CASE_FIELD_TITLE,
  LK_CASE_FIELD_NUMBER,
  LK_CASE_FIELD_EXTERNAL_REF,
  LK_CASE_FIELD_BORN,
  LK_CASE_FIELD_DIED,
  LK_CASE_FIELD_STRENGTH,
  LK_CASE_FIELD_DESCRIPTION,   /* the fields from here on may span lines */
  LK_CASE_FIELD_NOTES,
  LK_CASE_FIELD_RATIONALE,
  LK_CASE_FIELD_REASON,
  LK_CASE_FIELD_REVIEW_NOTE,
} LkCaseField;

/* INVALID, naming the field, when text (nullable: accepted) is not valid
 * UTF-8, is over the field's limit in characters, or holds a control
 * character (newline, tab and carriage return only in multi-line fields).
 * Every write function of the store calls it; front ends may check early. */
gboolean    lk_case_check_text          (LkCaseField field, const char *text, GError **error);

/* Creates the folder (its parent must exist), the database and evidence/,
 * records the metadata and the first audit entry.  Fails with EXISTS when the
 * folder exists and is not empty.  The case is returned open read-write. */
LkCase     *lk_case_create              (const char  *path,
                                         const char  *title,
                                         const char  *number,       /* nullable */
                                         const char  *description,  /* nullable */
                                         const char  *analyst,
                                         GError     **error);
/* Checks the database read-only first (SQLite file, quick_check, tables,
 * version) and only then opens it for writing and applies pending migrations.
 * A case on a read-only medium or folder opens read-only by itself. */
LkCase     *lk_case_open                (const char       *path,
                                         LkCaseOpenFlags   flags,
                                         GError          **error);
/* Releases the write lock and the database; later calls fail.  Also done on finalize. */
void        lk_case_close               (LkCase *self);

const char *lk_case_get_path            (LkCase *self);
gboolean    lk_case_is_read_only        (LkCase *self);
/* Why the case is read-only, as a sentence for the user; NULL when writable. */
const char *lk_case_get_read_only_reason (LkCase *self);
int         lk_case_get_schema_version  (LkCase *self);
/* The highest schema version this program knows. */
int         lk_case_get_supported_schema_version (void);

/* Limits the database to n pages of its page size (SQLite's max_page_count),
 * so tests can fill the "disk"; also read from $LIKENESS_CASE_MAX_PAGE_COUNT
 * when a case is opened for writing. */
gboolean    lk_case_set_max_page_count  (LkCase *self, gint64 n_pages, GError **error);

gboolean    lk_case_begin_batch         (LkCase *self, GError **error);
gboolean    lk_case_commit_batch        (LkCase *self, GError **error);
void        lk_case_rollback_batch      (LkCase *self);

/* ---- Case metadata and counts ------------------------------------------ */

typedef struct {
  char   *uuid;
  char   *title;
  char   *number;          /* "" when none */
  char   *description;     /* "" when none */
  char   *created_at;      /* ISO 8601 UTC */
  char   *created_by;
  int     schema_version;
  gint64  n_photos, n_probe_photos, n_reference_photos, n_collage_photos;
  gint64  n_photos_to_review;   /* with a review note */
  gint64  n_faces, n_not_a_face, n_reference_faces, n_identified_faces;
  gint64  n_persons, n_retired_persons;
  gint64  n_decisions;      /* current (not superseded) ones */
  gint64  n_candidates;
  gint64  n_import_errors;
  gint64  n_audit_entries;
  gint64  n_analysts;
} LkCaseInfo;

LkCaseInfo *lk_case_get_info            (LkCase *self, GError **error);
/* The title alone, without the counts lk_case_get_info() scans the tables
 * for (a tenth of a second on 100,000 faces): for a window title. */
char       *lk_case_get_title           (LkCase *self, GError **error);
void        lk_case_info_free           (LkCaseInfo *info);
/* NULL keeps a field; "" clears number/description (title cannot be empty). */
gboolean    lk_case_set_info            (LkCase      *self,
                                         const char  *analyst,
                                         const char  *title,
                                         const char  *number,
                                         const char  *description,
                                         GError     **error);

/* Analysts are registered (and audited) on their first write; this lists them. */
GStrv       lk_case_list_analysts       (LkCase *self, GError **error);

/* ---- Evidence and photos ----------------------------------------------- */

/* Copies an original into evidence/ as SHA256[.ext] (lower-case hex; the
 * extension of `path`, lower-cased, or none): written to a temporary file,
 * fsynced, renamed, made 0444.  When `bytes` is non-NULL they are stored and
 * `path` only names the original (for its extension).  Idempotent: an
 * identical existing file is kept.  *out_sha256 receives the hex digest. */
gboolean    lk_case_store_evidence      (LkCase      *self,
                                         const char  *path,
                                         GBytes      *bytes,      /* nullable */
                                         char       **out_sha256,
                                         GError     **error);

/* Removes evidence/SHA256[.ext] stored for a photo whose adding then failed
 * (disk full): it never became evidence of the case.  Refused (INVALID) when
 * a photo has that SHA-256; TRUE when there is no such file. */
gboolean    lk_case_discard_evidence    (LkCase      *self,
                                         const char  *sha256,
                                         GError     **error);

typedef struct {
  LkPhotoRole  role;
  const char  *sha256;          /* from lk_case_store_evidence(); the file must be there */
  const char  *original_path;   /* where it came from, as given */
  int          width, height;   /* pixels after orientation; 0 when not known yet */
  /* Reference photos imported for one person: recorded so the analyst can
   * link the right face when the photo holds several; 0 for none. */
  gint64       intended_person_id;
} LkPhotoNew;

/* Adds the photo (size, EXIF capture time, camera, GPS read from the stored
 * evidence with gexiv2).  When the SHA-256 is already in the case nothing is
 * written, *out_existed is set and the existing id returned.  Returns 0 on error. */
gint64      lk_case_add_photo           (LkCase            *self,
                                         const char        *analyst,
                                         const LkPhotoNew  *photo,
                                         gboolean          *out_existed,   /* nullable */
                                         GError           **error);

typedef struct {
  gint64       id;
  LkPhotoRole  role;
  char        *sha256;
  char        *evidence_name;    /* file name inside evidence/ */
  char        *original_name;
  char        *original_path;
  gint64       size;
  int          width, height;
  char        *imported_at;
  char        *analyst;
  char        *exif_time;        /* NULL when absent */
  char        *camera_make;
  char        *camera_model;
  gboolean     has_gps;
  double       gps_latitude, gps_longitude, gps_altitude;
  gboolean     is_collage;
  gboolean     analyzed;         /* faces were stored (lk_case_set_photo_analyzed) */
  gint64       intended_person_id;
  gint64       n_faces;          /* not counting faces marked "not a face" */
  char        *review_note;      /* why the analyst should look at it; NULL when nothing */
  /* A still of a video (schema 8): the video's original file name and the
   * still's time code; NULL and -1 for a photo. */
  char        *video_name;
  gint64       time_ms;
} LkPhoto;

void        lk_photo_free               (LkPhoto *photo);
LkPhoto    *lk_case_get_photo           (LkCase *self, gint64 photo_id, GError **error);
/* NULL without error when absent. */
LkPhoto    *lk_case_find_photo_by_sha256 (LkCase *self, const char *sha256, GError **error);
/* Of LkPhoto, by id; role < 0 lists both roles. */
GPtrArray  *lk_case_list_photos         (LkCase *self, int role, GError **error);
/* The evidence file of a photo, to read it.  Refused (LK_CASE_ERROR_IO) when
 * what is there is not a regular file — a link, pipe, device or socket —
 * so that no reader can block on it or read bytes from outside the case.
 * A missing file is not checked here: opening it says so. */
char       *lk_case_get_evidence_path   (LkCase *self, gint64 photo_id, GError **error);
gboolean    lk_case_set_photo_collage   (LkCase      *self,
                                         const char  *analyst,
                                         gint64       photo_id,
                                         gboolean     is_collage,
                                         GError     **error);
/* Asks the analyst to look at the photo (NULL or "" clears), e.g. "reference
 * photo with 3 faces: link the right one to Jane Doe".  Audited. */
gboolean    lk_case_set_photo_review_note (LkCase     *self,
                                           const char *analyst,
                                           gint64      photo_id,
                                           const char *note,
                                           GError    **error);
/* Makes a probe photo a reference photo or back (audited "photo.role"), e.g.
 * a crop the analyst knows to show a person.  INVALID when a face on it has a
 * current decision (to reference) or is linked to a person (to probe). */
gboolean    lk_case_set_photo_role      (LkCase      *self,
                                         const char  *analyst,
                                         gint64       photo_id,
                                         LkPhotoRole  role,
                                         GError     **error);
/* Records that face detection finished for the photo (n faces stored), so an
 * interrupted import knows what is left.  Audited. */
gboolean    lk_case_set_photo_analyzed  (LkCase      *self,
                                         const char  *analyst,
                                         gint64       photo_id,
                                         int          width,
                                         int          height,
                                         GError     **error);

/* ---- Import errors ------------------------------------------------------ */

gint64      lk_case_record_import_error (LkCase      *self,
                                         const char  *analyst,
                                         const char  *path,
                                         const char  *reason,
                                         GError     **error);
typedef struct {
  gint64  id;
  char   *path;
  char   *reason;
  char   *time;
  char   *analyst;
} LkImportError;
void        lk_import_error_free        (LkImportError *e);
GPtrArray  *lk_case_list_import_errors  (LkCase *self, GError **error);

/* ---- Faces --------------------------------------------------------------- */

typedef struct {
  LkFaceOrigin  origin;
  int           x, y, width, height;  /* pixels in the orientation-corrected photo */
  const float  *landmarks;            /* LK_CASE_LANDMARK_COUNT × 2 floats, nullable */
  const float  *descriptor;           /* LK_CASE_DESCRIPTOR_DIM floats, nullable */
  const char   *model_id;             /* required with a descriptor */
  const char   *quality_json;         /* a JSON object, nullable; its integer "flags"
                                       * become the face's quality_flags */
  double        detector_score;
  GBytes       *chip;                 /* the 150×150 aligned chip as PNG or JPEG, nullable */
} LkFaceNew;

gint64      lk_case_add_face            (LkCase           *self,
                                         const char       *analyst,
                                         gint64            photo_id,
                                         const LkFaceNew  *face,
                                         GError          **error);
/* Marks (or, with FALSE, unmarks) a wrong detection; the face stays. */
gboolean    lk_case_set_face_not_a_face (LkCase      *self,
                                         const char  *analyst,
                                         gint64       face_id,
                                         gboolean     not_a_face,
                                         const char  *reason,     /* nullable */
                                         GError     **error);

typedef struct {
  gint64         id;
  gint64         photo_id;
  LkPhotoRole    role;
  char          *file;            /* the photo's original file name */
  int            x, y, width, height;
  LkFaceOrigin   origin;
  LkFaceStatus   status;
  gint64         person_id;       /* identified as / reference of; 0 when none */
  char          *person_name;
  gboolean       not_a_face;
  char          *quality_json;    /* "{}" when none */
  guint          quality_flags;   /* the record's flags (see LkCaseFaceBrief); 0: good */
  char          *model_id;        /* NULL without descriptor */
  gboolean       has_descriptor;
  gboolean       has_landmarks;
  float          landmarks[LK_CASE_LANDMARK_COUNT][2];
  double         detector_score;
  char          *created_at;
  char          *created_by;
} LkCaseFace;

typedef struct {
  int     role;          /* -1: any, else LkPhotoRole */
  int     status;        /* -1: any, else LkFaceStatus */
  gint64  photo_id;      /* 0: any */
  gint64  person_id;     /* 0: any; else faces identified as or referencing the person */
} LkFaceFilter;
#define LK_FACE_FILTER_INIT { -1, -1, 0, 0 }

void        lk_case_face_free           (LkCaseFace *face);
LkCaseFace *lk_case_get_face            (LkCase *self, gint64 face_id, GError **error);
/* Of LkCaseFace ordered by id; filter nullable (= all, including not-a-face). */
GPtrArray  *lk_case_list_faces          (LkCase *self, const LkFaceFilter *filter, GError **error);
/* A face as a grid of every face shows it: cheap to read by the 100,000. */
typedef struct {
  gint64         id;
  gint64         photo_id;
  LkPhotoRole    role;
  const char    *file;            /* the photo's original file name */
  LkFaceStatus   status;
  gint64         person_id;       /* identified as / reference of; 0 when none */
  const char    *person_name;     /* NULL when person_id is 0 */
  /* The quality record's "flags" (the face engine's LkQualityFlags: small,
   * blurry, dark, overexposed, low contrast, turned), stored in their own
   * column (schema 7) so that nobody parses the JSON for them; 0: good. */
  guint          quality_flags;
  /* A face on a still of a video (schema 8): the video's original file
   * name and the still's time code; NULL and -1 for a photo. */
  const char    *video_name;
  gint64         time_ms;
  /* The nearest candidate the last match listed (smallest distance of a
   * usable reference); NULL and -1 when the face has none. */
  const char    *nearest_name;
  double         nearest_distance;
} LkCaseFaceBrief;

/* @face and its strings are valid only during the call: copy what you keep. */
typedef void (*LkCaseFaceBriefFunc) (const LkCaseFaceBrief *face, gpointer user_data);
/* Calls @func for every face in id order (including not-a-face) without
 * reading landmarks, descriptors or chips; FALSE with @error on a read error. */
gboolean    lk_case_foreach_face_brief  (LkCase *self, LkCaseFaceBriefFunc func,
                                         gpointer user_data, GError **error);
/* FALSE with NOT_FOUND when the face has no descriptor. */
gboolean    lk_case_get_face_descriptor (LkCase *self, gint64 face_id,
                                         float out[LK_CASE_DESCRIPTOR_DIM], GError **error);
/* The encoded chip (PNG or JPEG bytes) or NULL with NOT_FOUND. */
GBytes     *lk_case_get_face_chip       (LkCase *self, gint64 face_id, GError **error);

/* faces (of LkCaseFace) as the JSON array of `likeness-cli faces --json`:
 * id, photo_id, file, role, box [x,y,w,h], origin, status, person_id,
 * person_name, quality, model_id, has_descriptor, detector_score, created_at/by. */
char       *lk_case_faces_to_json       (GPtrArray *faces);

/* ---- Descriptors for matching ------------------------------------------- */

typedef enum {
  LK_DESCRIPTORS_REFERENCE, /* linked (not removed) reference faces of persons not retired */
  LK_DESCRIPTORS_PROBE,     /* faces of probe photos, not marked not-a-face */
} LkDescriptorSelection;

typedef struct {
  guint    n;
  float   *descriptors;   /* n × LK_CASE_DESCRIPTOR_DIM, 64-byte aligned, row i = face_ids[i] */
  gint64  *face_ids;
  gint64  *person_ids;    /* reference: the linked person; probe: 0 */
} LkDescriptorSet;

/* Faces with a descriptor of model_id (NULL: any model).  Fast: one scan. */
LkDescriptorSet *lk_case_load_descriptors (LkCase               *self,
                                           LkDescriptorSelection which,
                                           const char           *model_id,
                                           GError              **error);
void        lk_descriptor_set_free      (LkDescriptorSet *set);

/* ---- Persons (the gallery) ---------------------------------------------- */

typedef struct {
  const char         *display_name;   /* required, not empty */
  const char * const *aliases;        /* NULL-terminated, nullable */
  const char         *born;           /* a date "1970-05-01" or free text, nullable */
  const char         *died;
  const char         *notes;
  const char         *external_ref;   /* e.g. a missing-person file number */
} LkPersonFields;

typedef struct {
  gint64    id;
  char     *display_name;
  char    **aliases;          /* never NULL */
  char     *born, *died, *notes, *external_ref;  /* "" when none */
  gboolean  retired;
  char     *retired_reason;   /* NULL unless retired */
  char     *created_at;
  char     *created_by;
  gint64    n_reference_faces;
} LkPerson;

gint64      lk_case_add_person          (LkCase *self, const char *analyst,
                                         const LkPersonFields *fields, GError **error);
/* Replaces every field with `fields` (old and new values are audited). */
gboolean    lk_case_edit_person         (LkCase *self, const char *analyst, gint64 person_id,
                                         const LkPersonFields *fields, GError **error);
/* Retires (or, with FALSE, reinstates) a person; nothing is removed. */
gboolean    lk_case_set_person_retired  (LkCase *self, const char *analyst, gint64 person_id,
                                         gboolean retired, const char *reason, GError **error);
void        lk_person_free              (LkPerson *person);
LkPerson   *lk_case_get_person          (LkCase *self, gint64 person_id, GError **error);
/* By display name (exact, then case-insensitive); NULL without error when absent. */
LkPerson   *lk_case_find_person         (LkCase *self, const char *name, GError **error);
GPtrArray  *lk_case_list_persons        (LkCase *self, gboolean include_retired, GError **error);

/* ---- Reference links (face ↔ person) ------------------------------------ */

/* Links a face of a reference photo to a person; returns the link id (the
 * existing one when already linked). */
gint64      lk_case_link_reference      (LkCase *self, const char *analyst,
                                         gint64 face_id, gint64 person_id, GError **error);
/* Marks the link removed (row kept, audited). */
gboolean    lk_case_unlink_reference    (LkCase *self, const char *analyst,
                                         gint64 face_id, gint64 person_id,
                                         const char *reason, GError **error);
/* Face ids (gint64) of the person's current reference faces. */
GArray     *lk_case_list_reference_faces (LkCase *self, gint64 person_id, GError **error);

/* ---- Decisions ----------------------------------------------------------- */

typedef struct {
  gint64             id;
  gint64             face_id;
  gint64             person_id;     /* 0 for insufficient-quality without a person */
  char              *person_name;
  LkDecisionOutcome  outcome;
  char              *strength;      /* "" when none */
  char              *rationale;
  char              *analyst;
  char              *decided_at;
  gint64             supersedes;    /* 0 when none */
  gboolean           current;       /* not superseded */
} LkDecision;

/* Records a decision; supersedes the face's current decision for the same
 * person (or the current person-less one).  The rationale must not be empty;
 * person_id may be 0 only for insufficient-quality.  Returns the decision id. */
gint64      lk_case_add_decision        (LkCase            *self,
                                         const char        *analyst,
                                         gint64             face_id,
                                         gint64             person_id,
                                         LkDecisionOutcome  outcome,
                                         const char        *strength,    /* nullable */
                                         const char        *rationale,
                                         GError           **error);
void        lk_decision_free            (LkDecision *decision);
LkDecision *lk_case_get_decision        (LkCase *self, gint64 decision_id, GError **error);
/* Takes a decision back: a superseding row with outcome "withdrawn" and the
 * reason as its rationale (required), audited.  The decision must be current.
 * Returns the new row's id. */
gint64      lk_case_withdraw_decision   (LkCase      *self,
                                         const char  *analyst,
                                         gint64       decision_id,
                                         const char  *reason,
                                         GError     **error);
/* Of LkDecision ordered by id; face_id 0 = every face.  current_only leaves
 * out superseded decisions and withdrawal records. */
GPtrArray  *lk_case_list_decisions      (LkCase *self, gint64 face_id, gboolean current_only,
                                         GError **error);

/* What the software showed for the decision's (face, person) when it was
 * recorded, kept in the decision row (so audited).  All unset for decisions
 * recorded before schema 5 and for those without a measurable distance. */
typedef struct {
  gboolean  has_distance;
  gint64    reference_face_id;
  double    distance;
  int       rank;                 /* 0: the person was not on the candidate list */
  gboolean  has_share;            /* FALSE: only the distance was measured */
  double    impostor_share;
  gboolean  share_extrapolated;
  double    expected_lookalikes;
  guint     gallery_persons;
  char     *model_id;
} LkDecisionNumbers;

void        lk_decision_numbers_clear   (LkDecisionNumbers *numbers);
gboolean    lk_case_get_decision_numbers (LkCase *self, gint64 decision_id, LkDecisionNumbers *out,
                                          GError **error);

/* ---- Audit log ------------------------------------------------------------ */

typedef struct {
  gint64  seq;
  char   *time;          /* ISO 8601 UTC with milliseconds */
  char   *analyst;
  char   *action;        /* e.g. "face.add", "decision.add", "report.export" */
  char   *object_type;   /* "case", "photo", "face", "person", "reference", "decision", … */
  gint64  object_id;
  char   *details;       /* JSON object: old and new values */
  char   *prev_hash;
  char   *hash;
} LkAuditEntry;

void        lk_audit_entry_free         (LkAuditEntry *entry);
/* Entries with seq > after_seq, at most limit (0: all), oldest first. */
GPtrArray  *lk_case_list_audit          (LkCase *self, gint64 after_seq, guint limit, GError **error);
/* The newest entry's hash (print it in reports, keep it to detect a rewritten chain). */
char       *lk_case_get_audit_head      (LkCase *self, gint64 *out_seq, GError **error);
/* A plain audited event, e.g. action "report.export" with details {"file": …}. */
gboolean    lk_case_log_event           (LkCase      *self,
                                         const char  *analyst,
                                         const char  *action,
                                         const char  *object_type,
                                         gint64       object_id,
                                         const char  *details_json,   /* nullable: {} */
                                         GError     **error);

typedef struct {
  gboolean  ok;
  gint64    n_entries;
  char     *head_hash;
  gint64    head_seq;
  gint64    bad_seq;       /* the first bad entry, 0 when the problem is a row */
  char     *bad_object;    /* e.g. "decision 12", NULL when the problem is an entry */
  char     *message;       /* a sentence naming what is wrong; NULL when ok */
  /* Decision ids (gint64, ascending) that a failed check touches: a row that
   * does not match its entries, an entry at or after a break in the chain, an
   * analyst renamed outside Likeness, numbers shown at decision time that no
   * longer agree.  Empty when ok.  Reports and the workstation mark these. */
  GArray   *flagged_decisions;
} LkAuditReport;

void        lk_audit_report_free        (LkAuditReport *report);
/* TRUE when decision_id is among report->flagged_decisions. */
gboolean    lk_audit_report_flags_decision (const LkAuditReport *report,
                                            gint64               decision_id);
/* Walks the chain (hashes, links, sequence) and rebuilds every face, person,
 * reference link and decision from the entries' details, comparing with the
 * rows; checks analyst names against their entries, and every candidate
 * distance against the descriptors and the lists against the last refresh.  With expect_head, the chain must contain that hash (a chain cut short
 * or rewritten fails).  Reads only.  Returns FALSE only when the check could
 * not run; the verdict is in *out_report. */
gboolean    lk_case_verify_audit        (LkCase         *self,
                                         const char     *expect_head,
                                         LkAuditReport **out_report,
                                         GError        **error);

/* ---- Evidence check -------------------------------------------------------- */

typedef enum {
  LK_EVIDENCE_MISSING,
  LK_EVIDENCE_CHANGED,       /* its SHA-256 is not its name's */
  LK_EVIDENCE_UNREADABLE,
  LK_EVIDENCE_ORPHAN,        /* a file in evidence/ no photo refers to */
  LK_EVIDENCE_LINKED,        /* a symbolic link in place of the file, even to the same bytes */
  LK_EVIDENCE_NOT_A_FILE,    /* a pipe, device, socket or folder in place of the file; never opened */
} LkEvidenceProblemKind;

typedef struct {
  LkEvidenceProblemKind kind;
  gint64  photo_id;          /* 0 for orphans */
  char   *file;              /* name inside evidence/ */
  char   *original_name;
  char   *message;
} LkEvidenceProblem;

typedef struct {
  gint64     n_checked;
  GPtrArray *problems;       /* of LkEvidenceProblem */
} LkEvidenceReport;

void        lk_evidence_report_free     (LkEvidenceReport *report);
/* Recomputes every SHA-256.  Reads only. */
gboolean    lk_case_verify_evidence     (LkCase             *self,
                                         LkEvidenceReport  **out_report,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* ---- Export ----------------------------------------------------------------- */

/* The whole case (metadata, photos, faces without chips/descriptors, persons,
 * links, decisions with history, candidates, import errors, audit log and
 * head) as one JSON object written atomically to `path`. */
gboolean    lk_case_export_json         (LkCase *self, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCaseInfo, lk_case_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPhoto, lk_photo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportError, lk_import_error_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCaseFace, lk_case_face_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkDescriptorSet, lk_descriptor_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPerson, lk_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkDecision, lk_decision_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkDecisionNumbers, lk_decision_numbers_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAuditEntry, lk_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAuditReport, lk_audit_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkEvidenceReport, lk_evidence_report_free)

G_END_DECLS
