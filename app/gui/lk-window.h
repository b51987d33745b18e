/* lk-window.h — a workstation window: the welcome view or one open case */
#pragma once

#include <adwaita.h>

#include "case/lk-case.h"
#include "report/lk-report.h"
#include "lk-application.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_WINDOW (lk_window_get_type ())
G_DECLARE_FINAL_TYPE (LkWindow, lk_window, LK, WINDOW, AdwApplicationWindow)

LkWindow     *lk_window_new            (LkApplication *app);
/* Opens (off the main thread) and shows the case; errors go to a dialog. */
void          lk_window_open_case      (LkWindow *self, const char *path);
void          lk_window_create_case    (LkWindow   *self,
                                        const char *path,
                                        const char *title,
                                        const char *number,
                                        const char *description);
/* Imports files and folders as a long task (what the import dialog does). */
void          lk_window_import         (LkWindow           *self,
                                        const char * const *paths,
                                        LkPhotoRole         role,
                                        const char         *person_name);
/* Writes a report (format by LkReportFormat) as a long task; audited by the store. */
void          lk_window_export_report  (LkWindow       *self,
                                        const char     *path,
                                        LkReportFormat  format);
/* The open case, or NULL on the welcome view.  Notified as "session". */
LkSession    *lk_window_get_session    (LkWindow *self);
GSettings    *lk_window_get_settings   (LkWindow *self);
/* "photos", "faces", "people", "review", "groups", "audit". */
void          lk_window_show_section   (LkWindow *self, const char *name);
GtkWidget    *lk_window_get_section    (LkWindow *self, const char *name);
void          lk_window_show_toast     (LkWindow *self, const char *message);

/* A long task shows in the header bar with its progress and a cancel button;
 * one at a time.  Returns NULL when another task runs (a toast says so). */
GCancellable *lk_window_begin_task     (LkWindow *self, const char *label);
/* fraction < 0 pulses; text may be NULL. */
void          lk_window_task_progress  (LkWindow *self, double fraction, const char *text);
void          lk_window_end_task       (LkWindow *self);
gboolean      lk_window_is_busy        (LkWindow *self);
/* Brings the candidates Review shows up to date (a task), now or when the
 * running task ends.  Done by itself after imports and reference changes. */
void          lk_window_refresh_candidates (LkWindow *self);

G_END_DECLS
