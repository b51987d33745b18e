/* lk-session.h — one open case in the workstation.
 *
 * An LkSession owns the LkCase, the analyst's name and ONE worker thread that
 * runs every case-store and face-engine job in order, so the GTK main loop never
 * touches the database.  Results come back on the main thread.
 */
#pragma once

#include <gio/gio.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

/* Declared by src/case/lk-case.h as a GObject; repeated here so this header
 * stands alone (C11 allows the identical typedef twice). */
typedef struct _LkCase LkCase;

/* What a change to the case touched.  One change (a face marked, a photo
 * imported) is one "case-changed" emission carrying every part it touched,
 * so a section that shows two of them reloads once, not twice. */
typedef enum {
  LK_CHANGE_PHOTOS       = 1 << 0,
  LK_CHANGE_FACES        = 1 << 1,
  LK_CHANGE_PERSONS      = 1 << 2,
  LK_CHANGE_DECISIONS    = 1 << 3,
  LK_CHANGE_CANDIDATES   = 1 << 4,
  LK_CHANGE_AUDIT        = 1 << 5,   /* new audit entries */
  LK_CHANGE_VERIFY       = 1 << 6,   /* a new audit verification report */
  LK_CHANGE_VERIFICATION = 1 << 7,   /* supervisor verification of decisions */
  LK_CHANGE_ROLES        = 1 << 8,
  LK_CHANGE_CASE         = 1 << 9,   /* another case (or none): everything */
} LkChange;

#define LK_CHANGE_ALL ((LkChange) ((1 << 10) - 1))

#define LK_TYPE_CHANGE (lk_change_get_type ())
GType lk_change_get_type (void) G_GNUC_CONST;

#define LK_TYPE_SESSION (lk_session_get_type ())
G_DECLARE_FINAL_TYPE (LkSession, lk_session, LK, SESSION, GObject)

/* Takes ownership of the open case. */
LkSession  *lk_session_new            (LkCase *kase, const char *analyst);
const char *lk_session_get_analyst    (LkSession *self);
/* The analyst changed the name in Preferences: later jobs record the new one. */
void        lk_session_set_analyst    (LkSession *self, const char *analyst);
gboolean    lk_session_is_read_only   (LkSession *self);
const char *lk_session_get_title      (LkSession *self);   /* cached case title */
const char *lk_session_get_path       (LkSession *self);   /* cached case folder */

/* A job runs on the session's worker thread and may use the LkCase freely; it must not touch GTK. */
typedef gpointer (*LkSessionJob) (LkCase       *kase,
                                  gpointer      data,
                                  GCancellable *cancellable,
                                  GError      **error);

/* A job whose result is a number (an id, TRUE/FALSE). */
typedef gint64 (*LkSessionIntJob) (LkCase       *kase,
                                   gpointer      data,
                                   GCancellable *cancellable,
                                   GError      **error);

void      lk_session_run        (LkSession          *self,
                                 LkSessionJob        job,
                                 gpointer            data,
                                 GDestroyNotify      data_free,
                                 GDestroyNotify      result_free,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gpointer  lk_session_run_finish (LkSession *self, GAsyncResult *result, GError **error);

/* Typed operations, each with its own result type (lk-session-ops.c).  The
 * analyst's name is the one at the time of the call. */

/* Of LkPhoto, both roles, by file name as a file manager sorts them. */
void       lk_session_list_photos_async  (LkSession *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *lk_session_list_photos_finish (LkSession *self, GAsyncResult *result, GError **error);
/* The new person's id; 0 with error. */
void       lk_session_add_person_async   (LkSession *self, const LkPersonFields *fields,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gint64     lk_session_add_person_finish  (LkSession *self, GAsyncResult *result, GError **error);
void       lk_session_edit_person_async  (LkSession *self, gint64 person_id, const LkPersonFields *fields,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean   lk_session_edit_person_finish (LkSession *self, GAsyncResult *result, GError **error);
void       lk_session_set_person_retired_async  (LkSession *self, gint64 person_id, gboolean retired,
                                                 const char *reason, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
gboolean   lk_session_set_person_retired_finish (LkSession *self, GAsyncResult *result, GError **error);
void       lk_session_set_face_not_a_face_async  (LkSession *self, gint64 face_id, gboolean not_a_face,
                                                  const char *reason, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean   lk_session_set_face_not_a_face_finish (LkSession *self, GAsyncResult *result, GError **error);
void       lk_session_resolve_conflict_async  (LkSession *self, gint64 item_id, const char *resolution,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gboolean   lk_session_resolve_conflict_finish (LkSession *self, GAsyncResult *result, GError **error);

/* Tests only: the worker waits this long before each job from now on, as a
 * large case's listing would, so that a test can switch cases while one runs. */
void      lk_session_set_job_delay  (LkSession *self, guint milliseconds);

/* The newest audit verification of this case (main thread), NULL before the
 * first.  Setting one emits "case-changed" with LK_CHANGE_VERIFY. */
void      lk_session_set_audit_report (LkSession *self, LkAuditReport *report /* transfer full */);
const LkAuditReport *lk_session_get_audit_report (LkSession *self);
/* When that verification finished (local time), NULL before the first. */
GDateTime *lk_session_get_audit_report_time (LkSession *self);
/* TRUE when the newest verification failed and touches this decision. */
gboolean  lk_session_decision_flagged (LkSession *self, gint64 decision_id);

/* Emits "case-changed" once (on the main thread) with every part one change
 * touched, e.g. LK_CHANGE_FACES | LK_CHANGE_AUDIT, so views refresh what they
 * show.  Calls from other threads before the main loop runs are merged into
 * one emission. */
void      lk_session_notify_changed (LkSession *self, LkChange what);

/* A store time ("2026-11-26T17:21:40.244Z") as the analyst reads it, in local
 * time ("26 Nov 2026, 18:21"); the text itself when it is not such a time. */
char     *lk_format_time            (const char *iso_utc);

G_END_DECLS
