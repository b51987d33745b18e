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

void      lk_session_run        (LkSession          *self,
                                 LkSessionJob        job,
                                 gpointer            data,
                                 GDestroyNotify      data_free,
                                 GDestroyNotify      result_free,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gpointer  lk_session_run_finish (LkSession *self, GAsyncResult *result, GError **error);

/* The newest audit verification of this case (main thread), NULL before the
 * first.  Setting one emits "case-changed::verify". */
void      lk_session_set_audit_report (LkSession *self, LkAuditReport *report /* transfer full */);
const LkAuditReport *lk_session_get_audit_report (LkSession *self);
/* TRUE when the newest verification failed and touches this decision. */
gboolean  lk_session_decision_flagged (LkSession *self, gint64 decision_id);

/* Emits "case-changed" (on the main thread) with a detail such as "faces", "persons",
 * "decisions", "candidates", "audit", "photos" so views refresh what they show. */
void      lk_session_notify_changed (LkSession *self, const char *what);

/* A store time ("2026-11-26T17:21:40.244Z") as the analyst reads it, in local
 * time ("26 Nov 2026, 18:21"); the text itself when it is not such a time. */
char     *lk_format_time            (const char *iso_utc);

G_END_DECLS
