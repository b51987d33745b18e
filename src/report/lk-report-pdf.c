#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-report-pdf-private.h"
#include "match/lk-number.h"

/* The aligned chip's printed size: 150 pixels at about 100 dpi. */
#define LK_PDF_CHIP 106.0

/* Points per paper size. */
static const double paper_size[][2] = {
  [LK_REPORT_PAPER_A4] = { 595.28, 841.89 },
  [LK_REPORT_PAPER_LETTER] = { 612.0, 792.0 },
};

typedef struct {
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_stream (void *closure, const unsigned char *data, unsigned int length)
{
  StreamClosure *s = closure;

  if (s->out == NULL)
    return CAIRO_STATUS_SUCCESS;   /* the dry pass writes nowhere */
  if (s->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (s->out, data, length, NULL, s->cancellable, &s->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
outline (LkPdf *pdf, const char *title, int parent)
{
  g_autofree char *link = NULL;

  if (pdf->dry)
    return;
  {
  g_autofree char *valid = NULL;

  link = g_strdup_printf ("page=%d pos=[0 0]", pdf->page);
  /* Cairo refuses invalid UTF-8 and then fails the whole document. */
  valid = g_utf8_make_valid (title, -1);
  cairo_pdf_surface_add_outline (pdf->surface, parent, valid, link, 0);
  }
}

/* ---- Cover ------------------------------------------------------------- */

static void
cover_counts (LkPdf *pdf)
{
  LkReportData *d = pdf->data;
  g_autofree char *photos = g_strdup_printf (_("%u (%u probe, %u reference)"),
                                             d->n_photos, d->n_probe_photos, d->n_reference_photos);
  g_autofree char *faces = g_strdup_printf ("%u", d->n_faces);
  g_autofree char *persons = g_strdup_printf ("%u", d->n_persons);
  g_autofree char *current = lk_report_count_current (d);
  g_autofree char *recorded = lk_report_count_recorded (d);
  g_autofree char *listed = lk_report_count_listed (d);

  lk_pdf_heading (pdf, _("What the case holds"), 2);
  lk_pdf_kv (pdf, _("Photos"), photos, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Faces"), faces, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Persons in the gallery"), persons, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Decisions in force (current)"), current, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("All decisions recorded"), recorded, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Decision sections in this report"), listed, LK_CELL_BOLD);
  /* ACE-V: an identification no second examiner has verified is said plainly. */
  if (d->n_identified > 0)
    {
      g_autofree char *counts = lk_report_verification_counts (d);
      gboolean open = d->n_id_unverified + d->n_id_pending + d->n_id_conflict > 0;
      g_autofree char *value = open ? g_strdup_printf (_("NOT ALL VERIFIED. %s"), counts) : g_strdup (counts);

      lk_pdf_kv (pdf, open ? _("Identifications not verified by a second examiner")
                           : _("Every identification verified by a second examiner"),
                 value, open ? LK_CELL_BOLD : LK_CELL_PLAIN);
    }
  pdf->y += 6;
}

/* One row per decision section with the page it starts on, so the cover's
 * numbers can be followed to the sections that carry them. */
static void
cover_contents (LkPdf *pdf)
{
  static const LkColumn columns[] = {
    { 0.09, LK_CELL_BOLD }, { 0.20, LK_CELL_PLAIN }, { 0.33, LK_CELL_PLAIN },
    { 0.14, LK_CELL_PLAIN }, { 0.14, LK_CELL_PLAIN }, { 0.10, LK_CELL_PLAIN },
  };
  const char *header[] = { _("Section"), _("Outcome (analyst)"), _("Person"), _("Probe face"),
                           _("Decision no."), _("Page"), NULL };
  GPtrArray *decisions = pdf->data->decisions;

  if (decisions->len == 0)
    return;
  lk_pdf_heading (pdf, _("Decision sections"), 2);
  lk_pdf_table_header (pdf, columns, 6, header);
  for (guint i = 0; i < decisions->len; i++)
    {
      LkReportDecision *dec = g_ptr_array_index (decisions, i);
      g_autofree char *section = g_strdup_printf ("%u", i + 1);
      g_autofree char *face = g_strdup_printf ("#%" PRId64, dec->probe.face_id);
      g_autofree char *id = g_strdup_printf ("%" PRId64, dec->record.id);
      g_autofree char *outcome = dec->record.integrity_failed
        ? g_strdup_printf (_("%s — failed the integrity check"), lk_report_outcome_label (dec->record.outcome))
        : g_strdup (lk_report_outcome_label (dec->record.outcome));
      g_autofree char *page = pdf->section_pages != NULL && i < pdf->section_pages->len
        ? g_strdup_printf ("%d", g_array_index (pdf->section_pages, int, i)) : g_strdup ("—");
      const char *row[] = { section, outcome, or_dash (dec->record.person_name), face, id, page };

      lk_pdf_table_row (pdf, columns, 6, row);
    }
  lk_pdf_table_end (pdf);
}

static void
cover_integrity (LkPdf *pdf)
{
  LkReportData *d = pdf->data;
  /* The hash on a line of its own: it is copied and compared, never wrapped. */
  g_autofree char *head = g_strdup_printf (_("Audit head (SHA-256 of entry %" PRIu64 "):\n%s"),
                                           d->audit_length, or_dash (d->audit_head));
  g_autofree char *evidence = NULL;

  lk_pdf_heading (pdf, _("Integrity"), 2);
  if (d->audit_ok)
    lk_pdf_callout (pdf, &lk_pdf_ok, &lk_pdf_ok_bg, _("Audit chain verified"),
                    or_dash (d->audit_message), head);
  else
    lk_pdf_callout (pdf, &lk_pdf_fail, &lk_pdf_fail_bg,
                    _("AUDIT CHAIN VERIFICATION FAILED"),
                    d->audit_message ? d->audit_message : _("The audit chain does not verify."),
                    head);
  if (!d->audit_ok)
    lk_pdf_paragraph (pdf, _("The case records may have been changed outside Likeness after they "
                             "were made. Treat every decision below with that in mind and compare "
                             "the head hash with earlier printed reports of this case."),
                      8.5, PANGO_WEIGHT_BOLD, &lk_pdf_fail, 0, 8);

  evidence = g_strdup_printf (_("%u evidence files checked, %u with problems. %s"),
                              d->evidence_checked, d->evidence_failed,
                              d->evidence_message ? d->evidence_message : "");
  if (d->evidence_ok)
    lk_pdf_callout (pdf, &lk_pdf_ok, &lk_pdf_ok_bg, _("Evidence files verified"), evidence, NULL);
  else
    lk_pdf_callout (pdf, &lk_pdf_fail, &lk_pdf_fail_bg,
                    _("EVIDENCE VERIFICATION FAILED"), evidence, NULL);
}

static void
render_cover (LkPdf *pdf)
{
  LkReportData *d = pdf->data;
  g_autofree char *analysts = lk_report_join_isolated (d->analysts);
  g_autofree char *case_number = lk_report_isolate (d->number);
  g_autofree char *number = g_strdup_printf (_("Case number %s"), case_number);

  lk_pdf_new_page (pdf);
  outline (pdf, _("Cover"), CAIRO_PDF_OUTLINE_ROOT);
  lk_pdf_label (pdf, _("Case report"));
  lk_pdf_paragraph (pdf, or_dash (d->title), 22, PANGO_WEIGHT_BOLD, &lk_pdf_band, 0, 2);
  lk_pdf_paragraph (pdf, number, 12, PANGO_WEIGHT_NORMAL, &lk_pdf_accent, 0, 8);
  if (d->description && *d->description)
    lk_pdf_paragraph (pdf, d->description, 9.5, PANGO_WEIGHT_NORMAL, &lk_pdf_ink, 0, 8);

  lk_pdf_heading (pdf, _("Case"), 2);
  lk_pdf_kv (pdf, _("Analysts"), analysts, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Case opened"), d->created, LK_CELL_NOWRAP);
  lk_pdf_kv (pdf, _("Last recorded change"), d->modified, LK_CELL_NOWRAP);
  lk_pdf_kv (pdf, _("Report generated"), d->generated, LK_CELL_NOWRAP);
  lk_pdf_kv (pdf, _("Report generated by"), d->generated_by, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Software"), d->software, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Decisions in this report"),
             g_strcmp0 (d->decision_filter, "all") == 0 || d->decision_filter == NULL
             ? _("all current decisions") : lk_report_outcome_label (d->decision_filter),
             LK_CELL_PLAIN);
  if (d->export_note != NULL)
    lk_pdf_kv (pdf, _("Export"), d->export_note, LK_CELL_BOLD);
  pdf->y += 6;
  cover_counts (pdf);
  cover_integrity (pdf);
  cover_contents (pdf);
  lk_pdf_callout (pdf, &lk_pdf_accent, &lk_pdf_shade, _("How to read this report"),
                  _("The software finds faces and proposes candidates with numbers; it decides "
                    "nothing. Every outcome in this report is the decision an analyst recorded, in "
                    "the analyst's words, with the analyst's name and time. Numbers from the "
                    "software are labelled as such and are not findings."), NULL);
}

/* ---- Method ------------------------------------------------------------ */

static void
render_method (LkPdf *pdf)
{
  static const LkColumn columns[] = {
    { 0.14, LK_CELL_PLAIN }, { 0.26, LK_CELL_PLAIN }, { 0.22, LK_CELL_PLAIN }, { 0.38, LK_CELL_HASH },
  };
  const char *header[] = { _("Role"), _("Model"), _("File"), _("SHA-256 of the file"), NULL };
  LkReportData *d = pdf->data;
  g_autofree char *number = lk_number_decimal (d->threshold, 2);
  g_autofree char *threshold = g_strdup_printf (_("%s (descriptor distance; lower means more alike)"), number);

  lk_pdf_section_start (pdf, 300);
  outline (pdf, _("Method"), CAIRO_PDF_OUTLINE_ROOT);
  lk_pdf_heading (pdf, _("Method"), 1);
  lk_pdf_paragraph (pdf, _("Faces are found with dlib's HOG frontal face detector, located with its "
                           "68-point landmark model, aligned to a 150 × 150 pixel chip and described "
                           "by dlib's ResNet face descriptor as 128 numbers. Two faces are compared by "
                           "the Euclidean distance between their descriptors; a person's distance is "
                           "the smallest over the person's reference faces."),
                    9, PANGO_WEIGHT_NORMAL, &lk_pdf_ink, 0, 8);
  lk_pdf_heading (pdf, _("Models"), 2);
  lk_pdf_table_header (pdf, columns, 4, header);
  for (guint i = 0; i < d->models->len; i++)
    {
      LkReportModel *m = g_ptr_array_index (d->models, i);
      const char *row[] = { or_dash (m->role), or_dash (m->id), or_dash (m->file),
                            m->sha256 ? m->sha256 : "—" };

      lk_pdf_table_row (pdf, columns, 4, row);
    }
  lk_pdf_table_end (pdf);
  lk_pdf_heading (pdf, _("Settings"), 2);
  lk_pdf_kv (pdf, _("Threshold the descriptor was trained for"), threshold, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Face detection"), d->detection, LK_CELL_PLAIN);
  pdf->y += 6;
  lk_pdf_heading (pdf, _("Evidence strength: what the software's numbers mean"), 2);
  lk_pdf_paragraph (pdf, or_dash (d->strength_method), 9, PANGO_WEIGHT_NORMAL, &lk_pdf_ink, 0, 6);
  lk_pdf_callout (pdf, &lk_pdf_accent, &lk_pdf_shade, _("What these numbers do not mean"),
                  _("A small distance or a rare impostor share is not an identification and not a "
                    "probability that two photos show the same person. It says how often photos of "
                    "different people in a reference collection were this alike to this software. "
                    "Image quality, age, pose, relatives and look-alikes all change what a distance "
                    "means. Only the analyst's recorded decision is a finding."), NULL);
}

/* ---- Decisions ---------------------------------------------------------- */

static void
face_column (LkPdf *pdf, const LkReportFace *face, const char *title, const char *subtitle,
             double x, double y, double w, double chip, double photo_h)
{
  g_autoptr(PangoLayout) t = lk_pdf_layout (pdf, LK_PDF_FONT, 8, PANGO_WEIGHT_BOLD, title, w);
  g_autoptr(PangoLayout) s = lk_pdf_layout (pdf, LK_PDF_FONT, 7.5, PANGO_WEIGHT_NORMAL, subtitle, w);
  double r[4];

  pango_layout_set_height (s, -4);
  pango_layout_set_ellipsize (s, PANGO_ELLIPSIZE_END);
  lk_pdf_set_color (pdf, &lk_pdf_accent);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, t);
  y += 13;
  lk_pdf_set_color (pdf, &lk_pdf_muted);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, s);
  y += 36;
  lk_pdf_image (pdf, face->chip, x, y, chip, chip, 1, 1, NULL);
  lk_pdf_image (pdf, face->photo, x, y + chip + 8, w, photo_h, face->photo_width, face->photo_height, r);
  if (face->photo_width > 0 && face->photo_height > 0 && face->box_width > 0)
    {
      double sx = r[2] / face->photo_width, sy = r[3] / face->photo_height;

      /* The face box the software (or analyst) drew, on the photo it came from. */
      cairo_save (pdf->cr);
      cairo_rectangle (pdf->cr, r[0], r[1], r[2], r[3]);
      cairo_clip (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 1.0, 0.80, 0.0);
      cairo_set_line_width (pdf->cr, 1.6);
      cairo_rectangle (pdf->cr, r[0] + face->box_x * sx, r[1] + face->box_y * sy,
                       face->box_width * sx, face->box_height * sy);
      cairo_stroke (pdf->cr);
      cairo_restore (pdf->cr);
    }
}

static char *
face_subtitle (const LkReportFace *face)
{
  g_autofree char *photo = lk_report_isolate (face->photo_name);
  g_autofree char *video = lk_report_face_video_words (face);

  if (video != NULL)
    return g_strdup_printf (_("Face #%" PRId64 " in “%s”\nVideo: %s\nSHA-256 %.16s…\nQuality: %s"),
                            face->face_id, photo, video, or_dash (face->photo_sha256),
                            or_dash (face->quality));
  return g_strdup_printf (_("Face #%" PRId64 " in “%s”\nSHA-256 %.16s…\nQuality: %s"),
                          face->face_id, photo, or_dash (face->photo_sha256), or_dash (face->quality));
}

/* A decision section, laid out once to be measured and once to be shown. */
typedef struct {
  LkReportDecision *dec;
  guint             index, total;
  double            photo_h;     /* the photos' height: smaller when that keeps the section on its pages */
} Section;

static void
decision_faces (LkPdf *pdf, Section *section)
{
  LkReportDecision *dec = section->dec;
  double w = lk_pdf_content_width (pdf), gap = 18, col = (w - gap) / 2;
  double block = 13 + 36 + LK_PDF_CHIP + 8 + section->photo_h + 10;
  g_autofree char *probe_sub = face_subtitle (&dec->probe);
  g_autofree char *cand_sub = face_subtitle (&dec->candidate);
  g_autofree char *person = lk_report_isolate (dec->record.person_name);
  g_autofree char *cand_title = g_strdup_printf (_("CANDIDATE — reference of %s"), person);

  lk_pdf_need (pdf, block);
  face_column (pdf, &dec->probe, _("PROBE — the face under review"), probe_sub,
               pdf->left, pdf->y, col, LK_PDF_CHIP, section->photo_h);
  face_column (pdf, &dec->candidate, cand_title, cand_sub, pdf->left + col + gap, pdf->y, col,
               LK_PDF_CHIP, section->photo_h);
  lk_pdf_set_color (pdf, &lk_pdf_rule);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, pdf->left + col + gap / 2, pdf->y);
  cairo_line_to (pdf->cr, pdf->left + col + gap / 2, pdf->y + block - 10);
  cairo_stroke (pdf->cr);
  pdf->y += block;
}

/* The probe alone, larger: a quality decision compares it with nobody, and a
 * decision without a reference face has no second picture to show. */
static void
decision_probe_only (LkPdf *pdf, Section *section, const char *note)
{
  LkReportDecision *dec = section->dec;
  double w = lk_pdf_content_width (pdf), chip = LK_PDF_CHIP * 1.3;
  double block = 13 + 36 + chip + 8 + section->photo_h * 1.3 + 10;
  g_autofree char *sub = face_subtitle (&dec->probe);

  lk_pdf_need (pdf, block);
  face_column (pdf, &dec->probe, _("PROBE — the face under review"), sub, pdf->left, pdf->y,
               w, chip, section->photo_h * 1.3);
  pdf->y += block;
  if (note != NULL)
    lk_pdf_paragraph (pdf, note, 8.5, PANGO_WEIGHT_NORMAL, &lk_pdf_muted, 0, 6);
}

static void
decision_quality (LkPdf *pdf, LkReportDecision *dec)
{
  lk_pdf_heading (pdf, _("Quality record of the probe face (software)"), 3);
  lk_pdf_kv (pdf, _("Quality (software)"), dec->probe.quality, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Measurements (software)"), dec->probe.quality_details, LK_CELL_PLAIN);
  pdf->y += 6;
}

/* The distance as the report's language writes numbers (0,3821 in Ukrainian):
 * a court reads the report in that language. */
static char *
distance_words (const LkReportDecision *dec, double threshold, const char *rank)
{
  g_autofree char *distance = lk_number_decimal (dec->distance, 4);
  g_autofree char *limit = lk_number_decimal (threshold, 2);

  /* Translators: the distance, the threshold, then "; rank N on …" or nothing */
  return g_strdup_printf (_("%s (threshold %s; lower means more alike%s)"), distance, limit,
                          rank ? rank : "");
}

static void
decision_numbers (LkPdf *pdf, LkReportDecision *dec)
{
  g_autofree char *distance = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *share = lk_report_decision_share_text (dec);
  g_autofree char *lookalikes = lk_report_decision_lookalike_text (dec);

  lk_pdf_heading (pdf, _("Software measurements (not a finding)"), 3);
  if (dec->rank > 0)
    rank = g_strdup_printf (_("; rank %d on the software's candidate list"), dec->rank);
  distance = dec->has_distance ? distance_words (dec, pdf->data->threshold, rank) : g_strdup (_("not measured"));
  lk_pdf_kv (pdf, _("Descriptor distance (software)"), distance, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Evidence strength (software estimate)"),
             dec->strength_words ? dec->strength_words : _("not estimated"), LK_CELL_PLAIN);
  if (share != NULL)
    lk_pdf_kv (pdf, _("Impostor share (software)"), share, LK_CELL_PLAIN);
  if (lookalikes != NULL)
    lk_pdf_kv (pdf, _("Chance look-alikes (software)"), lookalikes, LK_CELL_PLAIN);
  pdf->y += 6;
}

static void
decision_superseded (LkPdf *pdf, LkReportDecision *dec)
{
  static const LkColumn columns[] = {
    { 0.07, LK_CELL_PLAIN }, { 0.24, LK_CELL_SMALL | LK_CELL_NOWRAP }, { 0.16, LK_CELL_PLAIN },
    { 0.15, LK_CELL_PLAIN }, { 0.38, LK_CELL_PLAIN },
  };
  const char *header[] = { _("No."), _("Recorded (UTC)"), _("Analyst"), _("Outcome"), _("Rationale"), NULL };

  /* The heading, the table's header and a first row stay together. */
  lk_pdf_need (pdf, dec->superseded->len > 0 ? 80 : 30);
  lk_pdf_heading (pdf, _("Earlier decisions on this face that this one superseded"), 3);
  if (dec->superseded->len == 0)
    {
      lk_pdf_paragraph (pdf, _("None."), 8.5, PANGO_WEIGHT_NORMAL, &lk_pdf_muted, 0, 4);
      return;
    }
  lk_pdf_table_header (pdf, columns, 5, header);
  for (guint i = 0; i < dec->superseded->len; i++)
    {
      LkReportDecisionRecord *r = g_ptr_array_index (dec->superseded, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, r->id);
      g_autofree char *rationale = r->integrity_failed
        ? g_strdup_printf (_("%s\n[This decision failed the integrity check: %s]"), or_dash (r->rationale),
                           r->integrity_message)
        : g_strdup (or_dash (r->rationale));
      const char *row[] = { id, or_dash (r->time), or_dash (r->analyst),
                            lk_report_outcome_label (r->outcome), rationale };

      lk_pdf_table_row (pdf, columns, 5, row);
    }
  lk_pdf_table_end (pdf);
}

static void
decision_record (LkPdf *pdf, LkReportDecision *dec)
{
  g_autofree char *id = dec->record.supersedes_id
    ? g_strdup_printf (_("%" PRId64 " (supersedes decision %" PRId64 ")"),
                       dec->record.id, dec->record.supersedes_id)
    : g_strdup_printf ("%" PRId64, dec->record.id);

  lk_pdf_heading (pdf, _("Decision recorded by the analyst"), 3);
  lk_pdf_kv (pdf, _("Outcome (analyst)"), lk_report_outcome_label (dec->record.outcome), LK_CELL_BOLD);
  lk_pdf_kv (pdf, _("Strength (analyst)"), dec->record.strength, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Analyst"), dec->record.analyst, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Recorded at (UTC)"), dec->record.time, LK_CELL_NOWRAP);
  lk_pdf_kv (pdf, _("Decision number"), id, LK_CELL_PLAIN);
  pdf->y += 6;
  lk_pdf_heading (pdf, _("Rationale (the analyst's words)"), 3);
  lk_pdf_paragraph (pdf, or_dash (dec->record.rationale), 9, PANGO_WEIGHT_NORMAL, &lk_pdf_ink, 0, 8);
}

static void
decision_verification (LkPdf *pdf, LkReportDecision *dec)
{
  const LkVerificationItem *v = dec->verification;
  g_autofree char *words = lk_report_verification_words (dec);
  gboolean open = v == NULL || v->state == LK_VERIFICATION_PENDING || v->state == LK_VERIFICATION_CONFLICT;

  if (v == NULL && g_strcmp0 (dec->record.outcome, "identified") != 0)
    return;
  lk_pdf_heading (pdf, _("Verification by a second examiner"), 3);
  lk_pdf_paragraph (pdf, words, 9, PANGO_WEIGHT_BOLD,
                    open && g_strcmp0 (dec->record.outcome, "identified") == 0 ? &lk_pdf_fail : &lk_pdf_ink, 0, 4);
  if (v != NULL && v->verifier != NULL)
    {
      lk_pdf_kv (pdf, _("Verifier's conclusion recorded at (UTC)"), v->verified_at, LK_CELL_NOWRAP);
      lk_pdf_kv (pdf, _("Verifier's rationale"), v->verifier_rationale, LK_CELL_PLAIN);
    }
  if (v != NULL && v->resolution != NULL)
    {
      lk_pdf_kv (pdf, _("Resolution (supervisor)"), v->resolution, LK_CELL_PLAIN);
      lk_pdf_kv (pdf, _("Resolved at (UTC)"), v->resolved_at, LK_CELL_NOWRAP);
    }
  pdf->y += 6;
}

static const char *
assessment_word (const LkFeatures *f, guint i)
{
  return f ? lk_feature_assessment_label (((LkFeatureRow *) g_ptr_array_index (f->rows, i))->assessment) : "—";
}

/* The FISWG comparison: only the components either examiner assessed. */
static void
decision_features (LkPdf *pdf, LkReportDecision *dec)
{
  static const LkColumn columns[] = {
    { 0.26, LK_CELL_PLAIN }, { 0.17, LK_CELL_PLAIN }, { 0.17, LK_CELL_PLAIN }, { 0.40, LK_CELL_PLAIN },
  };
  const char *header[] = { _("Feature"), _("Examiner"), _("Verifier"), _("Examiner's note"), NULL };
  const LkFeatures *e = dec->features, *v = dec->verifier_features;
  guint assessed = (e ? lk_features_count_assessed (e) : 0) + (v ? lk_features_count_assessed (v) : 0);

  if (assessed == 0)
    return;
  lk_pdf_heading (pdf, _("Feature comparison (FISWG)"), 3);
  lk_pdf_table_header (pdf, columns, 4, header);
  for (guint i = 0; i < (e ? e->rows : v->rows)->len; i++)
    {
      const LkFeatureRow *row = g_ptr_array_index ((e ? e->rows : v->rows), i);
      const LkFeatureRow *vrow = v ? g_ptr_array_index (v->rows, i) : NULL;
      const LkFeatureRow *erow = e ? g_ptr_array_index (e->rows, i) : NULL;
      const char *cells[] = { lk_feature_component_label (row->component), assessment_word (e, i),
                              assessment_word (v, i), erow ? erow->note : "" };

      if ((erow == NULL || erow->assessment == LK_FEATURE_NOT_ASSESSED) &&
          (vrow == NULL || vrow->assessment == LK_FEATURE_NOT_ASSESSED))
        continue;
      lk_pdf_table_row (pdf, columns, 4, cells);
    }
  lk_pdf_table_end (pdf);
  pdf->y += 6;
}

static void
decision_body (LkPdf *pdf, gpointer user_data)
{
  Section *section = user_data;
  LkReportDecision *dec = section->dec;
  gboolean quality = g_strcmp0 (dec->record.outcome, "insufficient-quality") == 0;
  g_autofree char *title = g_strdup_printf (_("Decision %u of %u: %s"), section->index + 1, section->total,
                                            lk_report_outcome_label (dec->record.outcome));
  g_autofree char *about = lk_report_decision_about (dec);

  lk_pdf_heading (pdf, title, 1);
  lk_pdf_paragraph (pdf, about, 10, PANGO_WEIGHT_NORMAL, &lk_pdf_accent, 0, 8);
  if (dec->record.integrity_failed)
    lk_pdf_callout (pdf, &lk_pdf_fail, &lk_pdf_fail_bg, _("This decision failed the integrity check:"),
                    dec->record.integrity_message, NULL);
  if (quality)
    decision_probe_only (pdf, section, NULL);
  else if (dec->candidate.face_id == 0)
    decision_probe_only (pdf, section, _("No reference face of this person is recorded in the case, so "
                                         "none is shown."));
  else
    decision_faces (pdf, section);
  if (quality)
    decision_quality (pdf, dec);
  else
    decision_numbers (pdf, dec);
  decision_record (pdf, dec);
  decision_verification (pdf, dec);
  decision_features (pdf, dec);
  decision_superseded (pdf, dec);
}

/* Photos shrink, 20 points at a time down to 60, when that saves a page
 * that would otherwise hold only the last few lines of the section. */
static void
fit_section (LkPdf *pdf, Section *section)
{
  LkPdfExtent extent = lk_pdf_measure (pdf, decision_body, section);
  Section smaller = *section;

  if (extent.breaks == 0 || extent.end_y - pdf->top > 120)
    return;
  for (smaller.photo_h = section->photo_h - 20; smaller.photo_h >= 60; smaller.photo_h -= 20)
    if (lk_pdf_measure (pdf, decision_body, &smaller).breaks < extent.breaks)
      {
        section->photo_h = smaller.photo_h;
        return;
      }
}

static void
render_decision (LkPdf *pdf, LkReportDecision *dec, guint index, guint total)
{
  g_autofree char *title = g_strdup_printf (_("Decision %u of %u: %s"), index + 1, total,
                                            lk_report_outcome_label (dec->record.outcome));
  g_autofree char *number = lk_report_isolate (pdf->data->number);
  g_autofree char *running = g_strdup_printf (_("%s · Decision %u of %u"), number, index + 1, total);
  Section section = { dec, index, total, 140 };
  LkPdfExtent here;
  double y;

  /* The header band names the decision, so a rationale running over
   * several pages still says whose it is. */
  g_free (pdf->running_title);
  pdf->running_title = g_steal_pointer (&running);
  /* A section starts a new page unless all of it fits below the one before. */
  y = pdf->y;
  pdf->y += 24;
  here = lk_pdf_measure (pdf, decision_body, &section);
  if (here.breaks > 0 || !pdf->page_open)
    {
      pdf->y = y;
      lk_pdf_new_page (pdf);
      fit_section (pdf, &section);
    }
  if (pdf->dry)
    g_array_append_val (pdf->section_pages, pdf->page);
  outline (pdf, title, CAIRO_PDF_OUTLINE_ROOT);
  decision_body (pdf, &section);
}

static void
render_decisions (LkPdf *pdf, LkReportProgressFunc progress, gpointer user_data,
                  GCancellable *cancellable)
{
  GPtrArray *decisions = pdf->data->decisions;

  if (decisions->len == 0)
    {
      lk_pdf_section_start (pdf, 80);
      outline (pdf, _("Decisions"), CAIRO_PDF_OUTLINE_ROOT);
      lk_pdf_heading (pdf, _("Decisions"), 1);
      lk_pdf_paragraph (pdf, _("No decision of the kind this report lists has been recorded in this case."),
                        9.5, PANGO_WEIGHT_NORMAL, &lk_pdf_ink, 0, 8);
      return;
    }
  for (guint i = 0; i < decisions->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return;
      if (progress != NULL && !pdf->dry)
        {
          g_autofree char *what = g_strdup_printf (_("Rendering decision %u of %u"), i + 1, decisions->len);
          progress (0.1 + 0.8 * i / decisions->len, what, user_data);
        }
      render_decision (pdf, g_ptr_array_index (decisions, i), i, decisions->len);
    }
}

/* ---- Appendix ------------------------------------------------------------ */

static void
render_evidence (LkPdf *pdf)
{
  static const LkColumn columns[] = {
    { 0.05, LK_CELL_PLAIN }, { 0.20, LK_CELL_PLAIN }, { 0.11, LK_CELL_PLAIN },
    { 0.19, LK_CELL_SMALL | LK_CELL_NOWRAP }, { 0.13, LK_CELL_SMALL }, { 0.32, LK_CELL_HASH | LK_CELL_SMALL },
  };
  const char *header[] = { "#", _("Original name"), _("Role"), _("Imported (UTC)"), _("By"), _("SHA-256"), NULL };
  GPtrArray *evidence = pdf->data->evidence;
  g_autofree char *number = lk_report_isolate (pdf->data->number);

  g_free (pdf->running_title);
  pdf->running_title = g_strdup_printf (_("%s · Appendix"), number);
  /* The heading, the table's header and a few rows. */
  lk_pdf_section_start (pdf, 150);
  outline (pdf, _("Appendix"), CAIRO_PDF_OUTLINE_ROOT);
  lk_pdf_heading (pdf, _("Appendix A — Evidence files"), 1);
  if (evidence->len == 0)
    lk_pdf_paragraph (pdf, _("No evidence file has been imported."), 9, PANGO_WEIGHT_NORMAL, &lk_pdf_muted, 0, 8);
  else
    lk_pdf_table_header (pdf, columns, 6, header);
  for (guint i = 0; i < evidence->len; i++)
    {
      LkReportEvidence *e = g_ptr_array_index (evidence, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      const char *row[] = { n, or_dash (e->original_name), or_dash (e->role), or_dash (e->imported_at),
                            or_dash (e->imported_by), or_dash (e->sha256) };

      lk_pdf_table_row (pdf, columns, 6, row);
    }
  if (evidence->len > 0)
    lk_pdf_table_end (pdf);
}

static void
render_import_errors (LkPdf *pdf)
{
  static const LkColumn columns[] = {
    { 0.22, LK_CELL_SMALL | LK_CELL_NOWRAP }, { 0.33, LK_CELL_PLAIN }, { 0.45, LK_CELL_PLAIN },
  };
  const char *header[] = { _("Time (UTC)"), _("File"), _("Why it was not imported"), NULL };
  GPtrArray *errors = pdf->data->import_errors;

  lk_pdf_heading (pdf, _("Appendix B — Import errors"), 1);
  if (errors->len == 0)
    {
      lk_pdf_paragraph (pdf, _("None recorded."), 9, PANGO_WEIGHT_NORMAL, &lk_pdf_muted, 0, 8);
      return;
    }
  lk_pdf_table_header (pdf, columns, 3, header);
  for (guint i = 0; i < errors->len; i++)
    {
      LkReportImportError *e = g_ptr_array_index (errors, i);
      const char *row[] = { or_dash (e->time), or_dash (e->file), or_dash (e->message) };

      lk_pdf_table_row (pdf, columns, 3, row);
    }
  lk_pdf_table_end (pdf);
}



static void
render_document (LkPdf *pdf, LkReportProgressFunc progress, gpointer user_data,
                 GCancellable *cancellable)
{
  render_cover (pdf);
  render_method (pdf);
  render_decisions (pdf, progress, user_data, cancellable);
  if (g_cancellable_is_cancelled (cancellable))
    return;
  render_evidence (pdf);
  render_import_errors (pdf);
  lk_report_pdf_render_audit (pdf);
  lk_pdf_finish_page (pdf);
}

static void
set_metadata (LkPdf *pdf)
{
  LkReportData *d = pdf->data;
  g_autofree char *raw = g_strdup_printf (_("Case report: %s (%s)"), or_dash (d->title), or_dash (d->number));
  g_autofree char *title = g_utf8_make_valid (raw, -1);
  g_autofree char *author = g_utf8_make_valid (d->generated_by ? d->generated_by : "", -1);
  g_autofree char *creator = g_utf8_make_valid (d->software ? d->software : "Likeness", -1);

  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  if (*author != '\0')
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Face identification review: case report"));
}

/* One layout pass; returns the number of pages, or -1 with error set. */
static int
run_pass (LkReportData *data, const LkReportOptions *options, StreamClosure *stream,
          int total_pages, GArray *section_pages, LkReportProgressFunc progress, gpointer user_data,
          GCancellable *cancellable, GError **error)
{
  LkPdf pdf = { 0 };
  const double *size = paper_size[options->paper == LK_REPORT_PAPER_LETTER];
  cairo_status_t status;

  pdf.data = data;
  pdf.options = options;
  pdf.dry = total_pages == 0;
  pdf.total_pages = total_pages;
  pdf.section_pages = section_pages;
  pdf.width = size[0];
  pdf.height = size[1];
  pdf.left = LK_PDF_MARGIN;
  pdf.right = size[0] - LK_PDF_MARGIN;
  pdf.top = LK_PDF_BAND + 28;
  pdf.bottom = size[1] - LK_PDF_MARGIN - 14;
  {
    g_autofree char *number = lk_report_isolate (data->number);
    g_autofree char *title = lk_report_isolate (data->title);

    pdf.running_title = g_strdup_printf ("%s · %s", number, title);
  }
  pdf.surface = cairo_pdf_surface_create_for_stream (write_stream, stream, size[0], size[1]);
  pdf.cr = cairo_create (pdf.surface);
  if (!pdf.dry)
    set_metadata (&pdf);

  render_document (&pdf, progress, user_data, cancellable);

  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);
  g_free (pdf.running_title);
  g_strfreev (pdf.header_cells);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (stream->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&stream->error));
      return -1;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_RENDER,
                   _("Cannot produce the PDF: %s"), cairo_status_to_string (status));
      return -1;
    }
  return pdf.page;
}

gboolean
lk_report_write_pdf (LkReportData *data, const LkReportOptions *options, GOutputStream *out,
                     LkReportProgressFunc progress, gpointer user_data,
                     GCancellable *cancellable, GError **error)
{
  StreamClosure dry = { NULL, cancellable, NULL };
  StreamClosure real = { out, cancellable, NULL };
  g_autoptr(GArray) section_pages = g_array_new (FALSE, FALSE, sizeof (int));
  int pages;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (progress != NULL)
    progress (0.05, _("Laying out pages"), user_data);
  lk_report_data_summarise_audit (data);
  pages = run_pass (data, options, &dry, 0, section_pages, NULL, NULL, cancellable, error);
  if (pages < 0)
    return FALSE;
  return run_pass (data, options, &real, pages, section_pages, progress, user_data, cancellable, error) >= 0;
}
