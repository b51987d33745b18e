/* lk-importer.h — importing photos into a case.
 *
 * An LkImporter walks the files and folders it is given (photos and videos,
 * recognised by content), reads each photo once
 * (the same bytes are hashed, analysed by the face engine and stored as
 * evidence), skips content already in the case, finds the faces on several
 * workers at once, and stores each photo with all its faces in one case
 * transaction.  Files that cannot be imported are recorded in the case as
 * import errors with the reason, and the rest goes on.
 *
 * A video is copied into evidence first and its evidence copy decoded
 * (lk-import-video.c): faces of one person are linked into tracks, and each
 * track's best frames become stills — probe photos with their video, time
 * code and track (lk-case-video.h), all stored in one transaction.  A video
 * that stops decoding early keeps what was read and is reported as an error
 * naming the time code.
 *
 * Crash safety: the evidence file is written (temporary file, fsync, rename)
 * before the transaction that adds its photo and faces, so a process killed
 * at any moment leaves either nothing of a photo or all of it; running the
 * same import again adopts an evidence file whose photo row is missing and
 * finishes what was left.
 *
 * Threads: lk_importer_run() blocks and must run off the GTK main loop (the
 * _async variant runs it in a GTask thread).  The progress function is called
 * from the thread running the import — with _async, on the caller's main
 * context instead.  The LkCase must not be used by anyone else meanwhile.
 */
#pragma once

#include <gio/gio.h>

#include "case/lk-case.h"
#include "import/lk-import-error.h"
#include "vision/lk-vision.h"

G_BEGIN_DECLS

/* Videos: the best frames kept per track by default. */
#define LK_IMPORT_DEFAULT_FACES_PER_TRACK 3

/* The most bytes one photo file may take: it is held in memory while analysed. */
#define LK_IMPORT_MAX_FILE_SIZE (1024u * 1024u * 1024u)

typedef enum {
  LK_IMPORT_OUTCOME_IMPORTED,   /* stored with its faces (or finished after an interrupted run) */
  LK_IMPORT_OUTCOME_DUPLICATE,  /* the same content is already in the case, or earlier in this import */
  LK_IMPORT_OUTCOME_ERROR,      /* not imported; recorded as an import error in the case */
} LkImportOutcome;

typedef struct {
  char            *path;
  LkImportOutcome  outcome;
  char            *sha256;       /* NULL when the file could not be read */
  gint64           photo_id;     /* 0 for errors */
  guint            n_faces;
  gboolean         flagged;      /* a reference photo the analyst must look at (no face, several) */
  gboolean         linked;       /* its one face became the person's reference face */
  char            *message;      /* why: error reason, duplicate note or flag; NULL otherwise */
  guint            n_proposals;  /* names from the photo's MWG face regions, recorded as proposals */
} LkImportFileResult;

typedef struct {
  guint      n_files;            /* files considered (walk errors included) */
  guint      n_imported;
  guint      n_duplicates;
  guint      n_errors;
  guint      n_faces;            /* faces stored by this import */
  guint      n_flagged;
  guint      n_references;       /* faces linked to the person as reference faces */
  double     seconds_total;      /* wall time of the whole import */
  double     seconds_store;      /* of which writing evidence and the case database */
  double     seconds_analysis;   /* summed over workers: reading, decoding, faces, chips */
  GPtrArray *files;              /* of LkImportFileResult, in walk order */
} LkImportSummary;

/* Summaries are reference-counted: the importer keeps the last one. */
LkImportSummary *lk_import_summary_ref    (LkImportSummary *summary);
void             lk_import_summary_unref  (LkImportSummary *summary);
const char      *lk_import_outcome_to_string (LkImportOutcome outcome);

typedef struct {
  guint                     done;    /* files finished so far */
  guint                     total;   /* files to do, known once the walk is over */
  const LkImportFileResult *file;    /* the file just finished; NULL for a frame of a video */
  /* While a video is scanned, after each sampled frame: the video (file is
   * NULL), frames analysed so far and the frames expected (an estimate from
   * the declared length that grows when scene changes add frames). */
  const char               *video;
  guint                     frames_done;
  guint                     frames_total;
} LkImportProgress;

typedef void (*LkImportProgressFunc) (const LkImportProgress *progress, gpointer user_data);

#define LK_TYPE_IMPORTER (lk_importer_get_type ())
G_DECLARE_FINAL_TYPE (LkImporter, lk_importer, LK, IMPORTER, GObject)

/* The case must be open read-write; the engine is usually lk_face_engine_get_default(). */
LkImporter      *lk_importer_new              (LkCase       *kase,
                                               LkFaceEngine *engine,
                                               const char   *analyst);
void             lk_importer_set_role         (LkImporter *self, LkPhotoRole role);
/* Reference photos of one person: a photo with exactly one face gets it
 * linked as the person's reference face; with none or several it is flagged
 * for the analyst and nothing is linked.  0 (the default) for none. */
void             lk_importer_set_person       (LkImporter *self, gint64 person_id);
void             lk_importer_set_collage      (LkImporter *self, gboolean collage);
void             lk_importer_set_detect_mode  (LkImporter *self, LkDetectMode mode);
/* Videos: a frame is sampled every `ms` of video time (default 500) plus at
 * scene changes, and each track of one person keeps its `n` best frames as
 * stills (default 3). */
void             lk_importer_set_frame_interval_ms (LkImporter *self, guint ms);
void             lk_importer_set_faces_per_track   (LkImporter *self, guint n);
/* Parallel analyses; 0 (the default) is one per processor. */
void             lk_importer_set_n_workers    (LkImporter *self, guint n_workers);
void             lk_importer_set_progress_func (LkImporter           *self,
                                               LkImportProgressFunc  func,
                                               gpointer              user_data,
                                               GDestroyNotify        destroy);

/* Imports; blocking.  Fails (NULL) when cancelled, when the case cannot be
 * written (read-only, disk full: LK_CASE_ERROR_*) or with bad settings; what
 * was done before stays done and lk_importer_get_summary() says what it was. */
LkImportSummary *lk_importer_run              (LkImporter          *self,
                                               const char * const  *paths,
                                               GCancellable        *cancellable,
                                               GError             **error);
void             lk_importer_run_async        (LkImporter          *self,
                                               const char * const  *paths,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
LkImportSummary *lk_importer_run_finish       (LkImporter    *self,
                                               GAsyncResult  *result,
                                               GError       **error);
/* The last run's summary (so far, when it failed or was cancelled); owned by self. */
const LkImportSummary *lk_importer_get_summary (LkImporter *self);

/* A face the analyst boxed by hand in photo @photo_id (@box in the pixels of
 * the orientation-corrected photo).  Computed by the same code as an imported
 * face: the photo's evidence bytes (refused when their SHA-256 is no longer
 * the photo's), decoded the same way; the engine's landmarks, chip,
 * descriptor and quality measured in the box; the same JPEG chip and quality
 * record stored (origin "manual", detector score 0), audited as "face.add".
 * Blocking (it decodes the photo): run it off the main loop.  Returns the new
 * face's id, or 0 with @error (LK_CASE_ERROR_NOT_FOUND without such a photo,
 * LK_VISION_ERROR_INVALID for a box outside it, G_IO_ERROR_CANCELLED). */
gint64           lk_importer_add_manual_face  (LkCase        *kase,
                                               LkFaceEngine  *engine,
                                               gint64         photo_id,
                                               const LkBox   *box,
                                               const char    *analyst,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportSummary, lk_import_summary_unref)

G_END_DECLS
