/* lk-report-export.h — reports from a case: collect, render, audit.
 *
 * Separate from lk-report.h so that the renderers stay usable (and testable)
 * without a case store.  Everything here blocks: call it from a worker thread
 * (the workstation's Export runs it in a GTask; the CLI runs it directly).
 */
#pragma once

#include "case/lk-case.h"
#include "report/lk-report.h"
#include "vision/lk-vision.h"

G_BEGIN_DECLS

/* Reads everything a report shows from the case in one pass: the case
 * metadata and counts, both verifications, the models (engine may be NULL:
 * the process-wide engine is used; when no model can be loaded the report
 * says so rather than failing), the decisions the filter lists with their
 * probe and candidate images, history and the software's numbers, the
 * evidence files, import errors and the audit log.  progress covers 0..1. */
LkReportData *lk_report_collect (LkCase                *kase,
                                 const LkReportOptions *options,
                                 LkFaceEngine          *engine,
                                 LkReportProgressFunc   progress,
                                 gpointer               user_data,
                                 GCancellable          *cancellable,
                                 GError               **error);

/* Collects, renders to path (atomically) and records a "report.export"
 * audit entry with the file's name, format, options and SHA-256, in the name
 * of analyst.  On a read-only case the report is still written and
 * *out_audited (nullable) is FALSE; the caller should tell the user.
 * sha256_out (nullable) receives the file's hex SHA-256. */
gboolean      lk_report_export  (LkCase                *kase,
                                 const char            *analyst,
                                 const LkReportOptions *options,
                                 const char            *path,
                                 LkReportProgressFunc   progress,
                                 gpointer               user_data,
                                 GCancellable          *cancellable,
                                 char                 **sha256_out,
                                 gboolean              *out_audited,
                                 GError               **error);

G_END_DECLS
