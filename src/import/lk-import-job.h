/* lk-import-job.h — private to src/import: one file's trip through the
 * import pipeline.  A worker fills a job (read, hash, decode, find faces,
 * encode chips); the importer's own thread then stores it. */
#pragma once

#include <gio/gio.h>

#include "case/lk-case.h"
#include "vision/lk-vision.h"

G_BEGIN_DECLS

typedef struct {
  gint64       photo_id;
  gboolean     analyzed;
  LkPhotoRole  role;
} LkKnownPhoto;

/* What the workers share, read-only but for `claimed` (under `lock`). */
typedef struct {
  LkFaceEngine *engine;
  LkDetectMode  mode;
  GCancellable *cancellable;
  GHashTable   *known;     /* sha256 → LkKnownPhoto: photos in the case when the run began */
  GMutex        lock;
  GHashTable   *claimed;   /* sha256 → path of the first file of this run with that content */
  GAsyncQueue  *done;      /* finished LkImportJob */
} LkImportShared;

typedef struct {
  guint       index;         /* in the walk order */
  char       *path;
  GBytes     *bytes;         /* the file's content; dropped once stored */
  char       *sha256;
  int         width, height;
  GPtrArray  *faces;         /* of LkFace, largest first */
  GPtrArray  *chips;         /* of GBytes (JPEG), or NULL entries, parallel to faces */
  GPtrArray  *qualities;     /* of char* JSON objects, parallel to faces */
  GError     *error;         /* the file cannot be imported: this is why */
  char       *duplicate;     /* set when the content is already in the case or this run: why */
  gint64      duplicate_photo_id; /* the photo already in the case, 0 when earlier in this run */
  gint64      resume_photo_id; /* the photo row exists but its faces were never stored */
  double      seconds;       /* spent by the worker */
  guint       n_new_faces;   /* faces added by the transaction being written */
  guint64     gate_taken;    /* bytes this job holds in the in-flight gate */
  guint       other_images;  /* HEIF: images in the file besides the primary one, not imported */
} LkImportJob;

/* At most this many bytes of imported files are held at once (see
 * lk-import-job.c); with the decode budget an import stays under 1 GB. */
#define LK_IMPORT_BYTES_IN_FLIGHT (192u * 1024u * 1024u)
/* The gate, for the importer's workers (and tests): enter before reading a
 * file of `bytes`, leave with what enter returned once the bytes are dropped. */
guint64      lk_import_gate_enter     (guint64 bytes, GCancellable *cancellable);
void         lk_import_gate_leave     (guint64 taken);
guint64      lk_import_gate_held      (void);
/* Sets the gate's size (0: the default); returns the previous one. */
guint64      lk_import_gate_set_limit (guint64 bytes);

LkImportJob *lk_import_job_new    (guint index, const char *path);
void         lk_import_job_free   (LkImportJob *job);
/* GThreadPool function: fills the job and pushes it to shared->done. */
void         lk_import_job_run    (gpointer job, gpointer shared);
/* Fills job->chips (JPEG) and job->qualities for job->faces. */
void         lk_import_job_encode_faces (LkImportJob *job);
/* What the store keeps of an analysed face, the same for an imported face
 * and one boxed by hand (lk-import-manual.c):
 * - the face's quality record as a JSON object (for LkFaceNew.quality_json);
 * - its chip as JPEG, or NULL (warned, naming path and index) when it has
 *   none or cannot be encoded;
 * - the LkFaceNew itself, pointing into face, quality_json and chip. */
char        *lk_import_quality_to_json (const LkFaceQuality *quality);
GBytes      *lk_import_encode_chip     (const LkFace *face, const char *path, guint index);
void         lk_import_face_new        (const LkFace *face, LkFaceOrigin origin, const char *model_id,
                                        const char *quality_json, GBytes *chip, LkFaceNew *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportJob, lk_import_job_free)

G_END_DECLS
