/* Helpers shared by the report tests: hand-built report data and the
 * external checks (pdftotext, pdftoppm, pdfinfo). */
#pragma once

#include "report/lk-report.h"

typedef struct {
  guint     n_decisions;
  gboolean  cyrillic;          /* Cyrillic person and analyst names */
  gboolean  long_rationale;    /* the first decision's rationale is 5,000 characters */
  gboolean  broken_chain;
  gboolean  hostile;           /* markup, quotes and CSV-breaking text in fields */
  gboolean  bidi;              /* names holding U+202E (right-to-left override) */
  gboolean  flagged;           /* the second decision failed the audit check */
} SampleSpec;

LkReportData *sample_data        (const SampleSpec *spec);
GBytes       *sample_png         (int width, int height, double hue, gboolean face);
char         *run_capture        (const char * const *argv, GError **error);
char         *pdf_text           (const char *pdf, int first, int last);
char         *pdf_body_text      (const char *pdf);
int           pdf_pages          (const char *pdf);
char         *normalise_space    (const char *text);
char         *render_to_tmp      (LkReportData *data, const LkReportOptions *options, const char *name);
/* Writes PREFIX-1.png … PREFIX-N.png (60 dpi) of the first n pages. */
void          render_pages_png   (const char *pdf, int n, const char *prefix);
/* Removes a file made by render_to_tmp and its folder. */
void          remove_tmp         (const char *path);
