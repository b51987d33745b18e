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
} LkImportJob;

LkImportJob *lk_import_job_new    (guint index, const char *path);
void         lk_import_job_free   (LkImportJob *job);
/* GThreadPool function: fills the job and pushes it to shared->done. */
void         lk_import_job_run    (gpointer job, gpointer shared);
/* The face's quality as a JSON object (for LkFaceNew.quality_json). */
char        *lk_import_quality_to_json (const LkFaceQuality *quality);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportJob, lk_import_job_free)

G_END_DECLS
