/* lk-report.h — case reports: PDF (Cairo + Pango), HTML, JSON and CSV.
 *
 * Two steps: collect an LkReportData tree from a case (lk_report_collect, in
 * lk-report-collect.c), then render it to a file (lk_report_render).  Both
 * block: front ends call them from a worker thread.  lk_report_export does
 * both and records the export, with the SHA-256 of the file, in the audit log.
 * The file is written atomically: a temporary file beside it, then a rename,
 * so a cancelled or failed export never leaves a half-written report.
 */
#pragma once

#include <gio/gio.h>

#include "lk-report-data.h"

G_BEGIN_DECLS

#define LK_REPORT_ERROR (lk_report_error_quark ())
GQuark lk_report_error_quark (void);

typedef enum {
  LK_REPORT_ERROR_INVALID,  /* a bad option (unknown format, paper, filter) */
  LK_REPORT_ERROR_WRITE,    /* the output file cannot be written (folder, permissions, disk full) */
  LK_REPORT_ERROR_CASE,     /* the case cannot be read */
  LK_REPORT_ERROR_IMAGE,    /* an embedded image cannot be decoded */
  LK_REPORT_ERROR_RENDER,   /* Cairo failed to produce the document */
} LkReportError;

typedef enum {
  LK_REPORT_FORMAT_PDF,
  LK_REPORT_FORMAT_HTML,
  LK_REPORT_FORMAT_JSON,
  LK_REPORT_FORMAT_CSV,
} LkReportFormat;

typedef enum {
  LK_REPORT_PAPER_A4,
  LK_REPORT_PAPER_LETTER,
} LkReportPaper;

typedef enum {
  LK_REPORT_AUDIT_FULL,
  LK_REPORT_AUDIT_SUMMARY,
} LkReportAuditMode;

typedef struct {
  LkReportFormat     format;
  LkReportPaper      paper;
  LkReportAuditMode  audit;
  const char        *decisions;   /* NULL or "all", else one outcome: "identified", ... */
} LkReportOptions;

#define LK_REPORT_OPTIONS_INIT { LK_REPORT_FORMAT_PDF, LK_REPORT_PAPER_A4, LK_REPORT_AUDIT_FULL, NULL }

/* fraction is 0..1; what is a short sentence ("Rendering decision 3 of 12").
 * Called on the thread doing the work. */
typedef void (*LkReportProgressFunc) (double fraction, const char *what, gpointer user_data);

/* Parse the words the command line and settings use; FALSE for unknown words. */
gboolean    lk_report_format_from_string  (const char *word, LkReportFormat *format);
const char *lk_report_format_to_string    (LkReportFormat format);
const char *lk_report_format_extension    (LkReportFormat format);
gboolean    lk_report_paper_from_string   (const char *word, LkReportPaper *paper);
gboolean    lk_report_audit_from_string   (const char *word, LkReportAuditMode *mode);
/* TRUE for NULL, "all" and the four outcomes. */
gboolean    lk_report_decision_filter_is_valid (const char *word);

/* Renders data to path atomically; sha256_out (may be NULL) receives the hex
 * SHA-256 of the file written. */
gboolean    lk_report_render   (LkReportData          *data,
                                const LkReportOptions *options,
                                const char            *path,
                                LkReportProgressFunc   progress,
                                gpointer               user_data,
                                GCancellable          *cancellable,
                                char                 **sha256_out,
                                GError               **error);

/* Renderers over an output stream (lk-report-pdf.c, -html.c, -json.c, -csv.c). */
gboolean    lk_report_write_pdf  (LkReportData *data, const LkReportOptions *options,
                                  GOutputStream *out, LkReportProgressFunc progress,
                                  gpointer user_data, GCancellable *cancellable, GError **error);
gboolean    lk_report_write_html (LkReportData *data, const LkReportOptions *options,
                                  GOutputStream *out, LkReportProgressFunc progress,
                                  gpointer user_data, GCancellable *cancellable, GError **error);
gboolean    lk_report_write_json (LkReportData *data, const LkReportOptions *options,
                                  GOutputStream *out, GCancellable *cancellable, GError **error);
gboolean    lk_report_write_csv  (LkReportData *data, const LkReportOptions *options,
                                  GOutputStream *out, GCancellable *cancellable, GError **error);

G_END_DECLS
