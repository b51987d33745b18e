/* lk-report-chart.h — a court-style comparison chart of one decision: the
 * probe and candidate chips side by side at the same scale with the marked
 * features numbered on both, the two superimposed at 50 % and a wipe, the
 * FISWG feature table, the outcome and the examiners' names — one page,
 * PDF or PNG, drawn with Cairo like the reports.
 */
#pragma once

#include "case/lk-case.h"

G_BEGIN_DECLS

typedef enum {
  LK_CHART_FORMAT_PDF,
  LK_CHART_FORMAT_PNG,
} LkChartFormat;

/* Picks the format from the file name's extension (.pdf or .png). */
gboolean lk_chart_format_from_path (const char *path, LkChartFormat *format);

/* Writes the chart of decision_id to path atomically (a temporary file, then
 * a rename) and records the export with the file's SHA-256 in the audit log
 * as analyst ("chart.export").  Blocks: call it from a worker thread.
 * out_sha256 (nullable) receives the file's SHA-256. */
gboolean lk_chart_export (LkCase        *kase,
                          const char    *analyst,
                          gint64         decision_id,
                          const char    *path,
                          LkChartFormat  format,
                          char         **out_sha256,
                          GError       **error);

G_END_DECLS
