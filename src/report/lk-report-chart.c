#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "case/lk-case-match.h"
#include "case/lk-case-verification.h"
#include "vision/lk-vision.h"
#include "lk-report.h"
#include "lk-report-chart.h"

/* One A4 page in points; the PNG is the same page at twice the scale
 * (about 144 dpi), so both show the same layout. */
#define PAGE_W    595.28
#define PAGE_H    841.89
#define MARGIN    36.0
#define PNG_SCALE 2.0
#define FONT      "DejaVu Sans"
#define CHIP_SIDE 210.0
#define SMALL_SIDE 120.0

typedef struct {
  LkDecision          *decision;
  LkFeatures          *features;     /* the examiner's (never NULL: empty when none) */
  LkFeatures          *verifier;     /* NULL when no conclusion yet */
  LkVerificationItem  *item;         /* NULL when never sent */
  char                *title;
  char                *probe_file;
  char                *candidate_file;
  gint64               reference_face;
  cairo_surface_t     *probe;        /* NULL when the chip cannot be read */
  cairo_surface_t     *candidate;
  char                *head;
} Chart;

static void
chart_clear (Chart *c)
{
  g_clear_pointer (&c->decision, lk_decision_free);
  g_clear_pointer (&c->features, lk_features_free);
  g_clear_pointer (&c->verifier, lk_features_free);
  g_clear_pointer (&c->item, lk_verification_item_free);
  g_clear_pointer (&c->probe, cairo_surface_destroy);
  g_clear_pointer (&c->candidate, cairo_surface_destroy);
  g_free (c->title);
  g_free (c->probe_file);
  g_free (c->candidate_file);
  g_free (c->head);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chart, chart_clear)

gboolean
lk_chart_format_from_path (const char *path, LkChartFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = LK_CHART_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = LK_CHART_FORMAT_PNG;
  else
    return FALSE;
  return TRUE;
}

/* Case text is isolated (FSI … PDI) so that a right-to-left override in a
 * name cannot reverse what is printed after it. */
static char *
isolate (const char *text)
{
  return g_strconcat ("\u2068", text ? text : "", "\u2069", NULL);
}

/* ---- Collecting ------------------------------------------------------------- */

/* The chip decoded into a Cairo surface (RGB24). */
static cairo_surface_t *
chip_surface (LkCase *kase, gint64 face_id)
{
  g_autoptr(GBytes) bytes = face_id > 0 ? lk_case_get_face_chip (kase, face_id, NULL) : NULL;
  g_autoptr(LkImage) image = bytes ? lk_image_load_bytes (bytes, 0, NULL) : NULL;
  cairo_surface_t *surface;
  const guint8 *rgb;
  guint8 *data;
  int w, h, stride;

  if (image == NULL)
    return NULL;
  w = lk_image_get_width (image);
  h = lk_image_get_height (image);
  rgb = lk_image_get_rgb (image);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = rgb + ((gsize) y * w + x) * 3;

        ((guint32 *) (data + (gsize) y * stride))[x] = 0xff000000u | (p[0] << 16) | (p[1] << 8) | p[2];
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The reference face shown beside the probe: the one the candidate list
 * compared, else the person's first current reference face. */
static gint64
reference_face (LkCase *kase, gint64 face_id, gint64 person_id)
{
  g_autoptr(GArray) rows = lk_case_list_candidate_rows (kase, face_id, NULL);
  g_autoptr(GArray) refs = NULL;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const LkCandidateRow *row = &g_array_index (rows, LkCandidateRow, i);

      if (row->person_id == person_id && row->reference_face_id > 0)
        return row->reference_face_id;
    }
  refs = person_id > 0 ? lk_case_list_reference_faces (kase, person_id, NULL) : NULL;
  return refs != NULL && refs->len > 0 ? g_array_index (refs, gint64, 0) : 0;
}

static char *
face_file (LkCase *kase, gint64 face_id)
{
  g_autoptr(LkCaseFace) face = face_id > 0 ? lk_case_get_face (kase, face_id, NULL) : NULL;

  return face ? g_strdup (face->file) : g_strdup ("—");
}

static gboolean
collect (LkCase *kase, gint64 decision_id, Chart *c, GError **error)
{
  g_autofree char *features = NULL;

  if ((c->decision = lk_case_get_decision (kase, decision_id, error)) == NULL)
    return FALSE;
  if (c->decision->outcome == LK_OUTCOME_WITHDRAWN || c->decision->person_id <= 0)
    {
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_INVALID,
                   _("Decision %" PRId64 " compares the face with no person; a comparison chart needs "
                     "a probe and a candidate."), decision_id);
      return FALSE;
    }
  features = lk_case_get_decision_features (kase, decision_id, NULL);
  c->features = features ? lk_features_parse (features, NULL) : NULL;
  if (c->features == NULL)
    c->features = lk_features_new_empty ();
  c->item = lk_case_get_decision_verification (kase, decision_id, NULL);
  if (c->item != NULL && c->item->verifier_features != NULL)
    c->verifier = lk_features_parse (c->item->verifier_features, NULL);
  c->title = lk_case_get_title (kase, NULL);
  c->reference_face = c->item && c->item->reference_face_id > 0
                        ? c->item->reference_face_id
                        : reference_face (kase, c->decision->face_id, c->decision->person_id);
  c->probe_file = face_file (kase, c->decision->face_id);
  c->candidate_file = face_file (kase, c->reference_face);
  c->probe = chip_surface (kase, c->decision->face_id);
  c->candidate = chip_surface (kase, c->reference_face);
  c->head = lk_case_get_audit_head (kase, NULL, NULL);
  return TRUE;
}

/* ---- Drawing ----------------------------------------------------------------- */

static PangoLayout *
text (cairo_t *cr, const char *markup_or_text, double size, PangoWeight weight, double width, int max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, markup_or_text, -1);
  return layout;
}

/* Shows text at (x, y) and returns its height. */
static double
show (cairo_t *cr, double x, double y, const char *s, double size, PangoWeight weight, double width, int max_lines,
      double gray)
{
  g_autoptr(PangoLayout) layout = text (cr, s, size, weight, width, max_lines);
  int h;

  cairo_set_source_rgb (cr, gray, gray, gray);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
paint_chip (cairo_t *cr, cairo_surface_t *chip, double x, double y, double side, double alpha)
{
  double scale;

  if (chip == NULL)
    {
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, x, y, side, side);
      cairo_fill (cr);
      show (cr, x + 8, y + side / 2 - 6, _("chip not available"), 8, PANGO_WEIGHT_NORMAL, side - 16, 1, 0.4);
      return;
    }
  scale = side / cairo_image_surface_get_width (chip);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, side, side);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, chip, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/* The numbered marks of one side, in a colour that shows on skin and hair. */
static void
draw_marks (cairo_t *cr, const LkFeatures *features, gboolean probe_side, double x, double y, double side)
{
  for (guint i = 0; features != NULL && i < features->marks->len; i++)
    {
      const LkFeatureMark *m = g_ptr_array_index (features->marks, i);
      const double *p = probe_side ? m->probe : m->candidate;
      g_autofree char *number = g_strdup_printf ("%u", m->number);
      double px = x + p[0] * side, py = y + p[1] * side;

      if (!(probe_side ? m->on_probe : m->on_candidate))
        continue;
      cairo_set_source_rgb (cr, 1.0, 0.85, 0.0);
      cairo_set_line_width (cr, 1.5);
      cairo_new_path (cr);   /* the text drawn before left a current point */
      if (p[2] > 0 || p[3] > 0)
        cairo_rectangle (cr, px, py, p[2] * side, p[3] * side);
      else
        cairo_arc (cr, px, py, 4, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_rectangle (cr, px + 3, py - 13, 11, 11);
      cairo_fill (cr);
      show (cr, px + 4.5, py - 13, number, 8, PANGO_WEIGHT_BOLD, 10, 1, 1.0);
    }
}

static double
draw_header (cairo_t *cr, const Chart *c, double y)
{
  g_autofree char *case_line = NULL, *subject = NULL, *title = isolate (c->title);
  g_autofree char *person = isolate (c->decision->person_name);
  double width = PAGE_W - 2 * MARGIN;

  y += show (cr, MARGIN, y, _("Facial comparison chart"), 16, PANGO_WEIGHT_BOLD, width, 1, 0.1);
  case_line = g_strdup_printf (_("Case %s — decision %" PRId64), title, c->decision->id);
  y += show (cr, MARGIN, y + 2, case_line, 9, PANGO_WEIGHT_NORMAL, width, 2, 0.25) + 2;
  subject = g_strdup_printf (_("Probe face %" PRId64 " compared with %s (reference face %" PRId64
                               ")"), c->decision->face_id, person, c->reference_face);
  y += show (cr, MARGIN, y + 2, subject, 9, PANGO_WEIGHT_NORMAL, width, 2, 0.25) + 2;
  return y + 10;
}

static double
draw_chips (cairo_t *cr, const Chart *c, double y)
{
  double left = MARGIN, right = PAGE_W - MARGIN - CHIP_SIDE;
  g_autofree char *probe = NULL, *candidate = NULL, *pf = isolate (c->probe_file), *cf = isolate (c->candidate_file);
  g_autofree char *person = isolate (c->decision->person_name);

  probe = g_strdup_printf (_("Probe — %s"), pf);
  candidate = g_strdup_printf (_("Candidate %s — %s"), person, cf);
  show (cr, left, y, probe, 8.5, PANGO_WEIGHT_BOLD, CHIP_SIDE, 2, 0.1);
  show (cr, right, y, candidate, 8.5, PANGO_WEIGHT_BOLD, CHIP_SIDE, 2, 0.1);
  y += 24;
  paint_chip (cr, c->probe, left, y, CHIP_SIDE, 1.0);
  paint_chip (cr, c->candidate, right, y, CHIP_SIDE, 1.0);
  draw_marks (cr, c->features, TRUE, left, y, CHIP_SIDE);
  draw_marks (cr, c->features, FALSE, right, y, CHIP_SIDE);
  show (cr, left, y + CHIP_SIDE + 2, _("Aligned chips at the same scale (150 × 150 pixels each)."), 7,
        PANGO_WEIGHT_NORMAL, PAGE_W - 2 * MARGIN, 1, 0.4);
  return y + CHIP_SIDE + 16;
}

/* The two chips superimposed at 50 %, and a wipe: probe left, candidate right. */
static double
draw_overlay (cairo_t *cr, const Chart *c, double y)
{
  double x1 = MARGIN, x2 = MARGIN + SMALL_SIDE + 24, mid = x2 + SMALL_SIDE / 2;

  /* xgettext:no-c-format */
  show (cr, x1, y, _("Overlay, 50 % each"), 8, PANGO_WEIGHT_BOLD, SMALL_SIDE, 1, 0.1);
  show (cr, x2, y, _("Wipe: probe | candidate"), 8, PANGO_WEIGHT_BOLD, SMALL_SIDE + 40, 1, 0.1);
  y += 14;
  paint_chip (cr, c->probe, x1, y, SMALL_SIDE, 1.0);
  paint_chip (cr, c->candidate, x1, y, SMALL_SIDE, 0.5);
  cairo_save (cr);
  cairo_rectangle (cr, x2, y, SMALL_SIDE / 2, SMALL_SIDE);
  cairo_clip (cr);
  paint_chip (cr, c->probe, x2, y, SMALL_SIDE, 1.0);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_rectangle (cr, mid, y, SMALL_SIDE / 2, SMALL_SIDE);
  cairo_clip (cr);
  paint_chip (cr, c->candidate, x2, y, SMALL_SIDE, 1.0);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 1.0, 0.85, 0.0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, mid, y);
  cairo_line_to (cr, mid, y + SMALL_SIDE);
  cairo_stroke (cr);
  return y;
}

/* The marks legend beside the overlay. */
static void
draw_legend (cairo_t *cr, const Chart *c, double y)
{
  double x = MARGIN + 2 * SMALL_SIDE + 60, width = PAGE_W - MARGIN - x;
  g_autoptr(GString) s = g_string_new (NULL);

  show (cr, x, y - 14, _("Marked features"), 8, PANGO_WEIGHT_BOLD, width, 1, 0.1);
  for (guint i = 0; i < c->features->marks->len; i++)
    {
      const LkFeatureMark *m = g_ptr_array_index (c->features->marks, i);
      g_autofree char *label = isolate (m->label);

      g_string_append_printf (s, "%u. %s — %s\n", m->number, label,
                              m->on_probe && m->on_candidate ? _("on both") :
                              m->on_probe ? _("probe only") : _("candidate only"));
    }
  if (s->len == 0)
    g_string_append (s, _("No features were marked on the chips."));
  show (cr, x, y, s->str, 7.5, PANGO_WEIGHT_NORMAL, width, 14, 0.2);
}

static const char *
assessment_of (const LkFeatures *f, guint i)
{
  return f ? lk_feature_assessment_label (((LkFeatureRow *) g_ptr_array_index (f->rows, i))->assessment) : "—";
}

static double
draw_table (cairo_t *cr, const Chart *c, double y)
{
  const double col[4] = { MARGIN, MARGIN + 150, MARGIN + 235, MARGIN + 320 };
  double note_w = PAGE_W - MARGIN - col[3];
  g_autofree char *assessed = g_strdup_printf (_("FISWG feature comparison — %u of %u components assessed by the "
                                                 "examiner"), lk_features_count_assessed (c->features),
                                               c->features->rows->len);

  y += show (cr, MARGIN, y, assessed, 9, PANGO_WEIGHT_BOLD, PAGE_W - 2 * MARGIN, 1, 0.1) + 4;
  show (cr, col[0], y, _("Component"), 7.5, PANGO_WEIGHT_BOLD, 148, 1, 0.3);
  show (cr, col[1], y, _("Examiner"), 7.5, PANGO_WEIGHT_BOLD, 84, 1, 0.3);
  show (cr, col[2], y, _("Verifier"), 7.5, PANGO_WEIGHT_BOLD, 84, 1, 0.3);
  show (cr, col[3], y, _("Examiner's note"), 7.5, PANGO_WEIGHT_BOLD, note_w, 1, 0.3);
  y += 12;
  for (guint i = 0; i < c->features->rows->len; i++)
    {
      const LkFeatureRow *row = g_ptr_array_index (c->features->rows, i);
      g_autofree char *note = isolate (row->note);
      double h;

      if (i % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
          cairo_rectangle (cr, MARGIN, y - 1, PAGE_W - 2 * MARGIN, 11);
          cairo_fill (cr);
        }
      show (cr, col[0], y, lk_feature_component_label (row->component), 7, PANGO_WEIGHT_NORMAL, 148, 1, 0.1);
      show (cr, col[1], y, assessment_of (c->features, i), 7, PANGO_WEIGHT_NORMAL, 84, 1, 0.1);
      show (cr, col[2], y, assessment_of (c->verifier, i), 7, PANGO_WEIGHT_NORMAL, 84, 1, 0.1);
      h = show (cr, col[3], y, note, 7, PANGO_WEIGHT_NORMAL, note_w, 1, 0.2);
      y += MAX (h, 9) + 2;
    }
  return y + 8;
}

static double
draw_conclusions (cairo_t *cr, const Chart *c, double y)
{
  double width = PAGE_W - 2 * MARGIN;
  const LkDecision *d = c->decision;
  g_autofree char *analyst = isolate (d->analyst), *rationale = isolate (d->rationale);
  g_autofree char *examiner = g_strdup_printf (_("Examiner %s, %s: %s%s%s"), analyst, d->decided_at,
                                               lk_decision_outcome_to_string (d->outcome),
                                               d->strength && *d->strength ? _(", strength ") : "",
                                               d->strength ? d->strength : "");
  g_autofree char *verification = NULL;

  y += show (cr, MARGIN, y, examiner, 8.5, PANGO_WEIGHT_BOLD, width, 2, 0.1);
  y += show (cr, MARGIN, y + 1, rationale, 8, PANGO_WEIGHT_NORMAL, width, 4, 0.2) + 6;
  if (c->item == NULL)
    verification = g_strdup (_("Not verified: this decision was not sent to a second examiner."));
  else if (c->item->verifier == NULL)
    verification = g_strdup (_("Verification pending: a second examiner has not yet recorded a conclusion."));
  else
    {
      g_autofree char *who = isolate (c->item->verifier), *why = isolate (c->item->verifier_rationale);

      verification = g_strdup_printf (_("Verifier %s, %s: %s — %s (%s)"), who, c->item->verified_at,
                                      c->item->verifier_outcome, why,
                                      lk_verification_state_to_string (c->item->state));
    }
  y += show (cr, MARGIN, y, verification, 8, PANGO_WEIGHT_NORMAL, width, 4, 0.1) + 4;
  if (c->item != NULL && c->item->resolution != NULL)
    {
      g_autofree char *who = isolate (c->item->resolved_by), *what = isolate (c->item->resolution);
      g_autofree char *line = g_strdup_printf (_("Conflict resolved by supervisor %s, %s: %s"), who,
                                               c->item->resolved_at, what);

      y += show (cr, MARGIN, y, line, 8, PANGO_WEIGHT_NORMAL, width, 4, 0.1) + 4;
    }
  return y;
}

static void
draw_footer (cairo_t *cr, const Chart *c)
{
  g_autofree char *line = g_strdup_printf (_("Likeness %s. The software proposes; the examiners decide. "
                                             "Audit head at export: %s"), PACKAGE_VERSION, c->head ? c->head : "—");

  show (cr, MARGIN, PAGE_H - MARGIN + 6, line, 6.5, PANGO_WEIGHT_NORMAL, PAGE_W - 2 * MARGIN, 2, 0.4);
}

static void
draw_page (cairo_t *cr, const Chart *c)
{
  double y = MARGIN;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  y = draw_header (cr, c, y);
  y = draw_chips (cr, c, y);
  y = draw_overlay (cr, c, y);
  draw_legend (cr, c, y);
  y = draw_table (cr, c, y + SMALL_SIDE + 14);
  draw_conclusions (cr, c, y);
  draw_footer (cr, c);
}

/* ---- Writing ----------------------------------------------------------------- */

static gboolean
render (const Chart *c, const char *tmp, LkChartFormat format, GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == LK_CHART_FORMAT_PDF)
    surface = cairo_pdf_surface_create (tmp, PAGE_W, PAGE_H);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PAGE_W * PNG_SCALE, PAGE_H * PNG_SCALE);
  cr = cairo_create (surface);
  if (format == LK_CHART_FORMAT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  draw_page (cr, c);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (format == LK_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, tmp);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE, _("Cannot write the chart %s: %s"), tmp,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static char *
file_sha256 (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

static char *
export_details (gint64 decision_id, const char *path, const char *sha256)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "decision");
  json_builder_add_int_value (b, decision_id);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
lk_chart_export (LkCase *kase, const char *analyst, gint64 decision_id, const char *path, LkChartFormat format,
                 char **out_sha256, GError **error)
{
  g_auto(Chart) chart = { 0 };
  g_autofree char *tmp = NULL, *sha = NULL, *details = NULL;
  int fd;

  g_return_val_if_fail (LK_IS_CASE (kase), FALSE);
  g_return_val_if_fail (analyst != NULL && path != NULL, FALSE);

  if (!collect (kase, decision_id, &chart, error))
    return FALSE;
  tmp = g_strconcat (path, ".XXXXXX", NULL);
  if ((fd = g_mkstemp (tmp)) < 0)
    {
      int saved = errno;

      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE, _("Cannot write the chart %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (!render (&chart, tmp, format, error) || (sha = file_sha256 (tmp, error)) == NULL)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE, _("Cannot write the chart %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  details = export_details (decision_id, path, sha);
  if (!lk_case_log_event (kase, analyst, "chart.export", "decision", decision_id, details, error))
    return FALSE;
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&sha);
  return TRUE;
}
