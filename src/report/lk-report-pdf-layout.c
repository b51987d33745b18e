#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-report-pdf-private.h"

const LkRgb lk_pdf_ink = { 0.10, 0.12, 0.15 };
const LkRgb lk_pdf_muted = { 0.38, 0.42, 0.47 };
const LkRgb lk_pdf_accent = { 0.16, 0.33, 0.52 };
const LkRgb lk_pdf_band = { 0.11, 0.19, 0.30 };
const LkRgb lk_pdf_rule = { 0.80, 0.82, 0.85 };
const LkRgb lk_pdf_fail = { 0.70, 0.05, 0.08 };
const LkRgb lk_pdf_fail_bg = { 0.99, 0.91, 0.91 };
const LkRgb lk_pdf_ok = { 0.12, 0.45, 0.22 };
const LkRgb lk_pdf_ok_bg = { 0.92, 0.96, 0.93 };
const LkRgb lk_pdf_shade = { 0.95, 0.96, 0.97 };

#define CELL_PAD 3.5
#define CELL_MAX_LINES 40

void
lk_pdf_set_color (LkPdf *pdf, const LkRgb *color)
{
  cairo_set_source_rgb (pdf->cr, color->r, color->g, color->b);
}

double
lk_pdf_content_width (LkPdf *pdf)
{
  return pdf->right - pdf->left;
}

PangoLayout *
lk_pdf_layout (LkPdf *pdf, const char *family, double size, PangoWeight weight,
               const char *text, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  PangoAttrList *attrs;

  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* No inserted hyphens: the text copied or searched from the PDF must be
   * exactly the words recorded (hashes, names, rationales). */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Text from the case may hold anything; invalid UTF-8 is repaired, not trusted. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      pango_layout_set_text (layout, valid, -1);
    }
  else
    pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

double
lk_pdf_layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
draw_band (LkPdf *pdf)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *case_words = NULL;
  double w = lk_pdf_content_width (pdf);

  lk_pdf_set_color (pdf, &lk_pdf_band);
  cairo_rectangle (pdf->cr, 0, 0, pdf->width, LK_PDF_BAND);
  cairo_fill (pdf->cr);
  lk_pdf_set_color (pdf, &lk_pdf_accent);
  cairo_rectangle (pdf->cr, 0, LK_PDF_BAND, pdf->width, 2.5);
  cairo_fill (pdf->cr);

  cairo_set_source_rgb (pdf->cr, 1, 1, 1);
  left = lk_pdf_layout (pdf, LK_PDF_FONT, 8, PANGO_WEIGHT_BOLD,
                        /* Translators: the header band of every report page */
                        _("LIKENESS · FACE IDENTIFICATION REVIEW"), w * 0.55);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  cairo_move_to (pdf->cr, pdf->left, (LK_PDF_BAND - lk_pdf_layout_height (left)) / 2);
  pango_cairo_show_layout (pdf->cr, left);

  case_words = g_strdup (pdf->running_title ? pdf->running_title : "");
  right = lk_pdf_layout (pdf, LK_PDF_FONT, 8, PANGO_WEIGHT_NORMAL, case_words, w * 0.45);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_END);
  cairo_move_to (pdf->cr, pdf->left + w * 0.55, (LK_PDF_BAND - lk_pdf_layout_height (right)) / 2);
  pango_cairo_show_layout (pdf->cr, right);
}

static void
draw_footer (LkPdf *pdf)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *case_words = NULL;
  g_autofree char *page_words = NULL;
  double w = lk_pdf_content_width (pdf);
  double y = pdf->height - LK_PDF_MARGIN + 14;

  lk_pdf_set_color (pdf, &lk_pdf_rule);
  cairo_set_line_width (pdf->cr, 0.6);
  cairo_move_to (pdf->cr, pdf->left, y - 5);
  cairo_line_to (pdf->cr, pdf->right, y - 5);
  cairo_stroke (pdf->cr);

  /* Translators: footer of every page; %s is the case number */
  case_words = g_strdup_printf (_("Case %s · generated %s"),
                                pdf->data->number && *pdf->data->number ? pdf->data->number : "—",
                                pdf->data->generated ? pdf->data->generated : "");
  lk_pdf_set_color (pdf, &lk_pdf_muted);
  left = lk_pdf_layout (pdf, LK_PDF_FONT, 7.5, PANGO_WEIGHT_NORMAL, case_words, w * 0.75);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  cairo_move_to (pdf->cr, pdf->left, y);
  pango_cairo_show_layout (pdf->cr, left);

  if (pdf->total_pages > 0)
    page_words = g_strdup_printf (_("Page %d of %d"), pdf->page, pdf->total_pages);
  else
    page_words = g_strdup_printf (_("Page %d of %d"), pdf->page, 999);
  right = lk_pdf_layout (pdf, LK_PDF_FONT, 7.5, PANGO_WEIGHT_BOLD, page_words, w * 0.25);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_move_to (pdf->cr, pdf->left + w * 0.75, y);
  pango_cairo_show_layout (pdf->cr, right);
}

void
lk_pdf_finish_page (LkPdf *pdf)
{
  if (!pdf->page_open)
    return;
  if (!pdf->measuring)
    cairo_show_page (pdf->cr);
  pdf->page_open = FALSE;
}

void
lk_pdf_new_page (LkPdf *pdf)
{
  lk_pdf_finish_page (pdf);
  pdf->page++;
  pdf->page_open = TRUE;
  if (!pdf->measuring)
    {
      draw_band (pdf);
      draw_footer (pdf);
    }
  pdf->y = pdf->top;
  if (pdf->header_columns != NULL)
    {
      /* A table continues: repeat its header so every page reads on its own. */
      const LkColumn *columns = pdf->header_columns;

      pdf->header_columns = NULL;
      lk_pdf_table_header (pdf, columns, pdf->header_n, (const char * const *) pdf->header_cells);
    }
}

void
lk_pdf_need (LkPdf *pdf, double height)
{
  if (!pdf->page_open || pdf->y + height > pdf->bottom)
    lk_pdf_new_page (pdf);
}

LkPdfExtent
lk_pdf_measure (LkPdf *pdf, LkPdfBlockFunc block, gpointer user_data)
{
  int page = pdf->page;
  double y = pdf->y;
  gboolean open = pdf->page_open;
  const LkColumn *columns = pdf->header_columns;
  guint n = pdf->header_n;
  char **cells = g_strdupv (pdf->header_cells);
  LkPdfExtent extent = { 0, 0 };

  /* Not reentrant: a measured block never measures. */
  g_assert (!pdf->measuring);
  /* Drawn into a group that is thrown away: the page keeps only what is shown later. */
  pdf->measuring = TRUE;
  cairo_push_group (pdf->cr);
  block (pdf, user_data);
  cairo_pattern_destroy (cairo_pop_group (pdf->cr));
  pdf->measuring = FALSE;
  extent.breaks = pdf->page - page;
  extent.end_y = pdf->y;
  pdf->page = page;
  pdf->y = y;
  pdf->page_open = open;
  pdf->header_columns = columns;
  pdf->header_n = n;
  g_strfreev (pdf->header_cells);
  pdf->header_cells = cells;
  return extent;
}

void
lk_pdf_section_start (LkPdf *pdf, double height)
{
  if (pdf->page_open && pdf->y + 24 + height <= pdf->bottom)
    {
      pdf->y += 24;
      return;
    }
  lk_pdf_new_page (pdf);
}

char *
lk_pdf_hash_halves (const char *text)
{
  if (text == NULL || strlen (text) != 64 || strspn (text, "0123456789abcdefABCDEF") != 64)
    return g_strdup (text);
  return g_strdup_printf ("%.32s\n%s", text, text + 32);
}

void
lk_pdf_paragraph (LkPdf *pdf, const char *text, double size, PangoWeight weight,
                  const LkRgb *color, double indent, double space_after)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  double width = lk_pdf_content_width (pdf) - indent;

  if (!pdf->page_open)
    lk_pdf_new_page (pdf);
  layout = lk_pdf_layout (pdf, LK_PDF_FONT, size, weight, text, width);
  pango_layout_set_spacing (layout, (int) (size * 0.3 * PANGO_SCALE));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      double top, baseline, line_height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      line_height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;
      /* Long texts (a rationale of pages) flow line by line onto new pages. */
      lk_pdf_need (pdf, line_height);
      lk_pdf_set_color (pdf, color);
      cairo_move_to (pdf->cr, pdf->left + indent + (double) logical.x / PANGO_SCALE,
                     pdf->y + baseline);
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += line_height + size * 0.3;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pdf->y += space_after;
}

void
lk_pdf_heading (LkPdf *pdf, const char *text, int level)
{
  double size = level <= 1 ? 16 : level == 2 ? 11.5 : 9.5;
  g_autoptr(PangoLayout) layout = lk_pdf_layout (pdf, LK_PDF_FONT, size, PANGO_WEIGHT_BOLD,
                                                  text, lk_pdf_content_width (pdf));
  double h = lk_pdf_layout_height (layout);

  /* Keep a heading with at least a couple of lines of what follows it. */
  lk_pdf_need (pdf, h + 36);
  pdf->y += level <= 1 ? 0 : 8;
  lk_pdf_set_color (pdf, level <= 2 ? &lk_pdf_band : &lk_pdf_ink);
  cairo_move_to (pdf->cr, pdf->left, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += h + 3;
  if (level <= 2)
    {
      lk_pdf_set_color (pdf, level == 1 ? &lk_pdf_accent : &lk_pdf_rule);
      cairo_rectangle (pdf->cr, pdf->left, pdf->y, level == 1 ? 48 : lk_pdf_content_width (pdf),
                       level == 1 ? 2.5 : 0.8);
      cairo_fill (pdf->cr);
      pdf->y += level == 1 ? 12 : 6;
    }
}

void
lk_pdf_label (LkPdf *pdf, const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autoptr(PangoLayout) layout = lk_pdf_layout (pdf, LK_PDF_FONT, 7.5, PANGO_WEIGHT_BOLD,
                                                  upper, lk_pdf_content_width (pdf));
  double h = lk_pdf_layout_height (layout);

  lk_pdf_need (pdf, h + 30);
  lk_pdf_set_color (pdf, &lk_pdf_accent);
  cairo_move_to (pdf->cr, pdf->left, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += h + 2;
}

/* A value that must stay whole: one line per \n, never wrapped, in a
 * smaller size when the column is too narrow for it (down to 4.5 pt). */
static PangoLayout *
unbroken_layout (LkPdf *pdf, const char *family, double size, PangoWeight weight,
                 const char *text, double width)
{
  PangoLayout *layout = lk_pdf_layout (pdf, family, size, weight, text, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (w > width * PANGO_SCALE)
    {
      g_object_unref (layout);
      size = MAX (4.5, size * width * PANGO_SCALE / w);
      layout = lk_pdf_layout (pdf, family, size, weight, text, -1);
    }
  return layout;
}

static PangoLayout *
cell_layout (LkPdf *pdf, const char *text, LkCellStyle style, double width)
{
  double size = (style & LK_CELL_SMALL) ? 7.0 : 8.5;
  const char *family = (style & (LK_CELL_MONO | LK_CELL_HASH)) ? LK_PDF_MONO : LK_PDF_FONT;
  PangoWeight weight = (style & LK_CELL_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
  PangoLayout *layout;

  if (style & (LK_CELL_MONO | LK_CELL_HASH))
    size -= 1.0;
  if (style & LK_CELL_HASH)
    {
      g_autofree char *halves = lk_pdf_hash_halves (text);
      return unbroken_layout (pdf, family, size, weight, halves, width - 2 * CELL_PAD);
    }
  if (style & LK_CELL_NOWRAP)
    return unbroken_layout (pdf, family, size, weight, text, width - 2 * CELL_PAD);
  layout = lk_pdf_layout (pdf, family, size, weight, text, width - 2 * CELL_PAD);
  /* A row must fit on a page: very long cells are cut with an ellipsis (the
   * JSON export carries every value in full). */
  pango_layout_set_height (layout, -CELL_MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static double
draw_row (LkPdf *pdf, const LkColumn *columns, guint n, const char * const *cells,
          LkCellStyle extra, const LkRgb *background)
{
  PangoLayout *layouts[16];
  double width = lk_pdf_content_width (pdf);
  double row_h = 0, x = pdf->left;

  g_assert (n <= G_N_ELEMENTS (layouts));
  for (guint i = 0; i < n; i++)
    {
      layouts[i] = cell_layout (pdf, cells[i], columns[i].style | extra, columns[i].width * width);
      row_h = MAX (row_h, lk_pdf_layout_height (layouts[i]) + 2 * CELL_PAD);
    }
  lk_pdf_need (pdf, row_h);
  if (background != NULL)
    {
      lk_pdf_set_color (pdf, background);
      cairo_rectangle (pdf->cr, pdf->left, pdf->y, width, row_h);
      cairo_fill (pdf->cr);
    }
  for (guint i = 0; i < n; i++)
    {
      LkCellStyle style = columns[i].style | extra;

      lk_pdf_set_color (pdf, (style & LK_CELL_FAIL) ? &lk_pdf_fail
                             : (style & LK_CELL_MUTED) ? &lk_pdf_muted : &lk_pdf_ink);
      cairo_move_to (pdf->cr, x + CELL_PAD, pdf->y + CELL_PAD);
      pango_cairo_show_layout (pdf->cr, layouts[i]);
      x += columns[i].width * width;
      g_object_unref (layouts[i]);
    }
  pdf->y += row_h;
  lk_pdf_set_color (pdf, &lk_pdf_rule);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, pdf->left, pdf->y);
  cairo_line_to (pdf->cr, pdf->right, pdf->y);
  cairo_stroke (pdf->cr);
  return row_h;
}

void
lk_pdf_table_header (LkPdf *pdf, const LkColumn *columns, guint n, const char * const *cells)
{
  /* The header needs room for itself and one row below it. */
  LkColumn plain[16];

  g_assert (n <= G_N_ELEMENTS (plain));
  /* Headers are words, even over a column of hashes. */
  for (guint i = 0; i < n; i++)
    plain[i] = (LkColumn) { columns[i].width, LK_CELL_BOLD | LK_CELL_SMALL };
  lk_pdf_need (pdf, 40);
  draw_row (pdf, plain, n, cells, 0, &lk_pdf_shade);
  if (pdf->header_cells != (char **) cells)
    {
      g_strfreev (pdf->header_cells);
      pdf->header_cells = g_strdupv ((char **) cells);
    }
  pdf->header_columns = columns;
  pdf->header_n = n;
}

void
lk_pdf_table_row (LkPdf *pdf, const LkColumn *columns, guint n, const char * const *cells)
{
  draw_row (pdf, columns, n, cells, 0, NULL);
}

void
lk_pdf_table_end (LkPdf *pdf)
{
  pdf->header_columns = NULL;
  g_clear_pointer (&pdf->header_cells, g_strfreev);
  pdf->y += 10;
}

void
lk_pdf_kv (LkPdf *pdf, const char *key, const char *value, LkCellStyle style)
{
  static const LkColumn columns[2] = { { 0.36, LK_CELL_MUTED }, { 0.64, LK_CELL_PLAIN } };
  LkColumn styled[2] = { columns[0], { 0.64, style } };
  const char *cells[2] = { key, value && *value ? value : "—" };

  draw_row (pdf, styled, 2, cells, 0, NULL);
}

void
lk_pdf_callout (LkPdf *pdf, const LkRgb *bar, const LkRgb *background,
                const char *title, const char *body, const char *mono)
{
  double width = lk_pdf_content_width (pdf) - 22;
  g_autoptr(PangoLayout) t = lk_pdf_layout (pdf, LK_PDF_FONT, 10.5, PANGO_WEIGHT_BOLD, title, width);
  g_autoptr(PangoLayout) b = lk_pdf_layout (pdf, LK_PDF_FONT, 8.5, PANGO_WEIGHT_NORMAL, body, width);
  g_autoptr(PangoLayout) m = lk_pdf_layout (pdf, LK_PDF_MONO, 7.5, PANGO_WEIGHT_NORMAL, mono, width);
  double th = lk_pdf_layout_height (t), bh = body ? lk_pdf_layout_height (b) : 0;
  double mh = mono ? lk_pdf_layout_height (m) : 0;
  double h = 10 + th + (body ? 4 + bh : 0) + (mono ? 4 + mh : 0) + 10;
  double y;

  pango_layout_set_height (b, -30);
  pango_layout_set_ellipsize (b, PANGO_ELLIPSIZE_END);
  bh = body ? lk_pdf_layout_height (b) : 0;
  h = 10 + th + (body ? 4 + bh : 0) + (mono ? 4 + mh : 0) + 10;
  lk_pdf_need (pdf, h);
  lk_pdf_set_color (pdf, background);
  cairo_rectangle (pdf->cr, pdf->left, pdf->y, lk_pdf_content_width (pdf), h);
  cairo_fill (pdf->cr);
  lk_pdf_set_color (pdf, bar);
  cairo_rectangle (pdf->cr, pdf->left, pdf->y, 5, h);
  cairo_fill (pdf->cr);

  y = pdf->y + 10;
  cairo_move_to (pdf->cr, pdf->left + 14, y);
  pango_cairo_show_layout (pdf->cr, t);
  y += th + 4;
  lk_pdf_set_color (pdf, &lk_pdf_ink);
  if (body != NULL)
    {
      cairo_move_to (pdf->cr, pdf->left + 14, y);
      pango_cairo_show_layout (pdf->cr, b);
      y += bh + 4;
    }
  if (mono != NULL)
    {
      cairo_move_to (pdf->cr, pdf->left + 14, y);
      pango_cairo_show_layout (pdf->cr, m);
    }
  pdf->y += h + 8;
}

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} ReadClosure;

static cairo_status_t
read_bytes (void *closure, unsigned char *out, unsigned int length)
{
  ReadClosure *r = closure;

  if (r->offset + length > r->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The size of a baseline or progressive JPEG from its SOF marker. */
static gboolean
jpeg_size (const guint8 *p, gsize n, int *width, int *height)
{
  gsize i = 2;

  if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
    return FALSE;
  while (i + 9 < n)
    {
      guint8 marker;
      gsize length;

      if (p[i] != 0xFF)
        return FALSE;
      marker = p[i + 1];
      if (marker == 0xFF)
        {
          i++;
          continue;
        }
      length = ((gsize) p[i + 2] << 8) | p[i + 3];
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          *height = (p[i + 5] << 8) | p[i + 6];
          *width = (p[i + 7] << 8) | p[i + 8];
          return *width > 0 && *height > 0;
        }
      i += 2 + length;
    }
  return FALSE;
}

/* PNG is decoded by Cairo.  A JPEG is handed to the PDF as it is (Cairo
 * embeds attached JPEG data as DCTDecode), which keeps reports small and the
 * pixels exactly those of the encoded image. */
static cairo_surface_t *
image_surface (GBytes *image)
{
  gsize n = 0;
  const guint8 *p = image ? g_bytes_get_data (image, &n) : NULL;
  int w, h;

  if (n >= 8 && memcmp (p, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      ReadClosure r = { p, n, 0 };
      cairo_surface_t *s = cairo_image_surface_create_from_png_stream (read_bytes, &r);

      if (cairo_surface_status (s) == CAIRO_STATUS_SUCCESS)
        return s;
      cairo_surface_destroy (s);
      return NULL;
    }
  if (p != NULL && jpeg_size (p, n, &w, &h) && (guint64) w * h <= 64u * 1000u * 1000u)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

      if (cairo_surface_status (s) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (s);
          return NULL;
        }
      cairo_surface_set_mime_data (s, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (image, NULL), n,
                                   (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (image));
      return s;
    }
  return NULL;
}

static void
fit (double x, double y, double w, double h, double aw, double ah, double out[4])
{
  double scale = MIN (w / aw, h / ah);

  out[2] = aw * scale;
  out[3] = ah * scale;
  out[0] = x + (w - out[2]) / 2;
  out[1] = y + (h - out[3]) / 2;
}

static void
image_placeholder (LkPdf *pdf, const double r[4])
{
  g_autoptr(PangoLayout) layout = lk_pdf_layout (pdf, LK_PDF_FONT, 7.5, PANGO_WEIGHT_NORMAL,
                                                  _("image not available"), r[2]);

  lk_pdf_set_color (pdf, &lk_pdf_shade);
  cairo_rectangle (pdf->cr, r[0], r[1], r[2], r[3]);
  cairo_fill (pdf->cr);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  lk_pdf_set_color (pdf, &lk_pdf_muted);
  cairo_move_to (pdf->cr, r[0], r[1] + r[3] / 2 - 5);
  pango_cairo_show_layout (pdf->cr, layout);
}

void
lk_pdf_image (LkPdf *pdf, GBytes *image, double x, double y, double w, double h,
              int aspect_w, int aspect_h, double drawn[4])
{
  cairo_surface_t *surface = NULL;
  double r[4];
  int sw, sh;

  if (!pdf->dry && !pdf->measuring && image != NULL)
    surface = image_surface (image);
  if (surface != NULL)
    {
      sw = cairo_image_surface_get_width (surface);
      sh = cairo_image_surface_get_height (surface);
    }
  else
    {
      sw = aspect_w > 0 ? aspect_w : 1;
      sh = aspect_h > 0 ? aspect_h : 1;
    }
  fit (x, y, w, h, sw, sh, r);
  if (surface != NULL)
    {
      cairo_save (pdf->cr);
      cairo_translate (pdf->cr, r[0], r[1]);
      cairo_scale (pdf->cr, r[2] / sw, r[3] / sh);
      cairo_set_source_surface (pdf->cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (pdf->cr), CAIRO_FILTER_GOOD);
      cairo_paint (pdf->cr);
      cairo_restore (pdf->cr);
      cairo_surface_destroy (surface);
    }
  else if (!pdf->dry && !pdf->measuring)
    image_placeholder (pdf, r);
  lk_pdf_set_color (pdf, &lk_pdf_rule);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_rectangle (pdf->cr, r[0], r[1], r[2], r[3]);
  cairo_stroke (pdf->cr);
  if (drawn != NULL)
    memcpy (drawn, r, sizeof r);
}
