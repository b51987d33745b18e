/* lk-report-pdf-private.h — the page layout engine shared by lk-report-pdf*.c.
 *
 * A cursor runs down the page; every block asks for the room it needs and a
 * new page starts when it is not there.  The document is laid out twice: a
 * dry pass that only counts pages (no images decoded, nothing written) so
 * that every footer can say "Page N of M", then the real pass.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "lk-report.h"

G_BEGIN_DECLS

#define LK_PDF_FONT       "DejaVu Sans"
#define LK_PDF_MONO       "DejaVu Sans Mono"
#define LK_PDF_MARGIN     54.0    /* 3/4 inch: fits both A4 and Letter */
#define LK_PDF_BAND       30.0    /* header band height */

typedef struct {
  double r, g, b;
} LkRgb;

extern const LkRgb lk_pdf_ink, lk_pdf_muted, lk_pdf_accent, lk_pdf_band, lk_pdf_rule,
                   lk_pdf_fail, lk_pdf_fail_bg, lk_pdf_ok, lk_pdf_ok_bg, lk_pdf_shade;

/* Table cell styles. */
typedef enum {
  LK_CELL_PLAIN = 0,
  LK_CELL_BOLD = 1 << 0,
  LK_CELL_MONO = 1 << 1,
  LK_CELL_SMALL = 1 << 2,
  LK_CELL_MUTED = 1 << 3,
  /* One value that must not wrap (a time): set on one line, in a smaller
   * size when the column is too narrow. */
  LK_CELL_NOWRAP = 1 << 4,
  /* A SHA-256: split on purpose into two 32-character halves, each unbroken. */
  LK_CELL_HASH = 1 << 5,
  LK_CELL_FAIL = 1 << 6,   /* red, for a failed check */
} LkCellStyle;

typedef struct {
  double       width;    /* fraction of the content width */
  LkCellStyle  style;
} LkColumn;

typedef struct {
  LkReportData          *data;
  const LkReportOptions *options;
  cairo_surface_t       *surface;
  cairo_t               *cr;
  gboolean               dry;
  double                 width, height;     /* page, in points */
  double                 left, right;       /* content edges */
  double                 top, bottom;       /* content edges */
  double                 y;                 /* cursor */
  int                    page;              /* 1-based, current */
  int                    total_pages;       /* 0 in the dry pass */
  gboolean               page_open;
  char                  *running_title;     /* section name in the header band */
  const LkColumn        *header_columns;    /* the open table's header, repeated on new pages */
  guint                  header_n;
  char                 **header_cells;
  GError                *error;             /* the first write or image error */
  gboolean               measuring;         /* lk_pdf_measure: pages are counted, nothing is shown */
  GArray                *section_pages;     /* int: the page each decision section starts on,
                                               filled by the dry pass for the cover's contents */
} LkPdf;

/* What a block needs: how many page breaks it makes from the cursor, and
 * where the cursor ends on its last page. */
typedef struct {
  int    breaks;
  double end_y;
} LkPdfExtent;

typedef void (*LkPdfBlockFunc) (LkPdf *pdf, gpointer user_data);

void         lk_pdf_new_page      (LkPdf *pdf);
void         lk_pdf_finish_page   (LkPdf *pdf);
/* Lays out a block from the cursor without showing it, to decide where it
 * starts and how big its photos may be. */
LkPdfExtent  lk_pdf_measure       (LkPdf *pdf, LkPdfBlockFunc block, gpointer user_data);
/* A section that goes on from the cursor when `height` still fits below it,
 * and starts a new page only when it does not. */
void         lk_pdf_section_start (LkPdf *pdf, double height);
/* "0123…(32)\n…(32)" for a 64-character hash; other text as it is. */
char        *lk_pdf_hash_halves   (const char *text);
/* Starts a new page unless `height` fits below the cursor. */
void         lk_pdf_need          (LkPdf *pdf, double height);
double       lk_pdf_content_width (LkPdf *pdf);
void         lk_pdf_set_color     (LkPdf *pdf, const LkRgb *color);

PangoLayout *lk_pdf_layout        (LkPdf *pdf, const char *family, double size, PangoWeight weight,
                                   const char *text, double width);
double       lk_pdf_layout_height (PangoLayout *layout);
/* Wrapped text from the cursor, split across pages line by line. */
void         lk_pdf_paragraph     (LkPdf *pdf, const char *text, double size, PangoWeight weight,
                                   const LkRgb *color, double indent, double space_after);
void         lk_pdf_heading       (LkPdf *pdf, const char *text, int level);
/* A small upper-case label in the accent colour. */
void         lk_pdf_label         (LkPdf *pdf, const char *text);
/* Table rows: cells[i] under columns[i]; a row never splits (cells are
 * capped at a number of lines).  A header row is repeated after page breaks. */
void         lk_pdf_table_header  (LkPdf *pdf, const LkColumn *columns, guint n, const char * const *cells);
void         lk_pdf_table_row     (LkPdf *pdf, const LkColumn *columns, guint n, const char * const *cells);
void         lk_pdf_table_end     (LkPdf *pdf);
/* Two-column key/value rows. */
void         lk_pdf_kv            (LkPdf *pdf, const char *key, const char *value, LkCellStyle style);
/* A shaded box with a coloured bar: verification verdicts, notes. */
void         lk_pdf_callout       (LkPdf *pdf, const LkRgb *bar, const LkRgb *background,
                                   const char *title, const char *body, const char *mono);
/* An encoded image (PNG or JPEG) into the rectangle, aspect kept and centred;
 * a grey box with a word when it cannot be shown.  Returns the drawn rectangle. */
void         lk_pdf_image         (LkPdf *pdf, GBytes *image, double x, double y, double w, double h,
                                   int aspect_w, int aspect_h, double drawn[4]);

/* Appendix C, the audit log (lk-report-pdf-audit.c). */
void         lk_report_pdf_render_audit (LkPdf *pdf);

G_END_DECLS
