#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-report.h"
#include "match/lk-number.h"

/* One self-contained, printable HTML file: images as data: URIs, no script,
 * no external resource, every text from the case escaped.  Only HTML 4
 * elements, so that strict parsers (libxml2's) read it without complaint. */

static const char style[] =
  "@page{size:auto;margin:16mm 14mm 18mm}"
  "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;color:#1a1f26;margin:0 auto;max-width:190mm;line-height:1.4}"
  ".band{background:#1c304d;color:#fff;padding:8px 14px;font-size:8pt;font-weight:bold;letter-spacing:.05em;"
  "border-bottom:3px solid #295485;display:flex;justify-content:space-between}"
  "h1{font-size:17pt;color:#1c304d;border-bottom:3px solid #295485;padding-bottom:4px;margin:18px 0 10px}"
  "h2{font-size:12pt;color:#1c304d;border-bottom:1px solid #ccd1d9;margin:16px 0 6px}"
  "h3{font-size:10pt;margin:12px 0 4px}"
  ".label{color:#295485;font-size:8pt;font-weight:bold;text-transform:uppercase;letter-spacing:.06em}"
  ".title{font-size:22pt;font-weight:bold;color:#1c304d;margin:2px 0}"
  ".number{font-size:12pt;color:#295485;margin-bottom:8px}"
  "table{border-collapse:collapse;width:100%;margin:4px 0 10px;font-size:8.5pt}"
  "th{background:#f2f4f7;text-align:left;font-size:7.5pt}"
  "th,td{border-bottom:1px solid #ccd1d9;padding:3px 5px;vertical-align:top;overflow-wrap:anywhere}"
  "table.kv td:first-child{color:#616b78;width:30%}"
  ".mono,.hash{font-family:'DejaVu Sans Mono',monospace;font-size:7.5pt;overflow-wrap:anywhere}"
  /* Neither a hash nor a time is ever broken. */
  "td .hash,.hash{white-space:nowrap;overflow-wrap:normal;word-break:keep-all;font-size:6.5pt}"
  ".ts{white-space:nowrap;overflow-wrap:normal}"
  ".integrity{color:#b30d14;font-weight:bold;border:2px solid #b30d14;background:#fde8e8;padding:6px 10px;margin:8px 0}"
  ".callout{background:#f2f4f7;border-left:5px solid #295485;padding:8px 12px;margin:8px 0}"
  ".callout.ok{background:#ebf5ed;border-color:#1f7338}.callout.fail{background:#fde8e8;border-color:#b30d14}"
  ".callout .t{font-weight:bold;font-size:10.5pt}.callout.ok .t{color:#1f7338}.callout.fail .t{color:#b30d14}"
  ".warn{color:#b30d14;font-weight:bold}"
  ".page{break-before:page}"
  ".faces{display:flex;gap:18px}.face{flex:1;min-width:0}"
  ".face .cap{color:#295485;font-weight:bold;font-size:8pt}.face .sub{color:#616b78;font-size:7.5pt;min-height:3.6em}"
  ".chip{width:118px;height:118px;object-fit:contain;border:1px solid #ccd1d9;display:block;margin:4px 0 8px}"
  ".photo{position:relative;display:inline-block;max-width:100%}"
  ".photo img{display:block;max-width:100%;max-height:250px;border:1px solid #ccd1d9}"
  ".box{position:absolute;border:2px solid #ffcc00;box-sizing:border-box}"
  ".rationale{white-space:pre-wrap}.muted{color:#616b78}"
  ".footer{color:#616b78;font-size:7.5pt;border-top:1px solid #ccd1d9;margin-top:24px;padding-top:4px}"
  "@media print{.band{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
  ".callout,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}.face{break-inside:avoid}tr{break-inside:avoid}}";

static void
esc (GString *s, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text && *text ? text : "—", -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);

  g_string_append (s, escaped);
}

static void
tag (GString *s, const char *open, const char *text, const char *close)
{
  g_string_append (s, open);
  esc (s, text);
  g_string_append (s, close);
}

/* Case text (names, rationales, file names) is its own bidi isolate: a
 * value holding U+202E cannot reverse the words after it.  dir="auto" on
 * an element isolates it in every current browser; <bdi> is not HTML 4. */
static void
value (GString *s, const char *text)
{
  tag (s, "<span dir=\"auto\">", text, "</span>");
}

/* Never broken: the table gives the column the hash's full width (the
 * other columns wrap instead), so it can be read and compared whole. */
static void
hash (GString *s, const char *text)
{
  tag (s, "<span class=\"hash\">", text, "</span>");
}

static void
kv (GString *s, const char *key, const char *text)
{
  tag (s, "<tr><td>", key, "</td><td>");
  value (s, text);
  g_string_append (s, "</td></tr>\n");
}

static void
kv_time (GString *s, const char *key, const char *time)
{
  tag (s, "<tr><td>", key, "</td>");
  tag (s, "<td class=\"ts\">", time, "</td></tr>\n");
}

static void
row (GString *s, const char * const *cells, guint n, gboolean header)
{
  g_string_append (s, "<tr>");
  for (guint i = 0; i < n; i++)
    {
      if (header)
        {
          tag (s, "<th>", cells[i], "</th>");
          continue;
        }
      g_string_append (s, "<td>");
      value (s, cells[i]);
      g_string_append (s, "</td>");
    }
  g_string_append (s, "</tr>\n");
}

static void
callout (GString *s, const char *kind, const char *title, const char *body, const char *label,
         const char *mono)
{
  g_string_append_printf (s, "<div class=\"callout %s\">", kind);
  tag (s, "<div class=\"t\">", title, "</div>");
  if (body)
    tag (s, "<div>", body, "</div>");
  if (mono)
    {
      tag (s, "<div class=\"mono\">", label, "</div>");
      g_string_append (s, "<div>");
      hash (s, mono);
      g_string_append (s, "</div>");
    }
  g_string_append (s, "</div>\n");
}

static void
image (GString *s, const char *klass, GBytes *bytes, const char *alt)
{
  gsize n = 0;
  const guint8 *p = bytes ? g_bytes_get_data (bytes, &n) : NULL;
  g_autofree char *base64 = NULL;

  if (p == NULL || n == 0)
    {
      tag (s, "<div class=\"muted\">", _("image not available"), "</div>");
      return;
    }
  base64 = g_base64_encode (p, n);
  g_string_append_printf (s, "<img class=\"%s\" src=\"data:image/%s;base64,%s\" alt=\"", klass,
                          n > 2 && p[0] == 0xFF && p[1] == 0xD8 ? "jpeg" : "png", base64);
  esc (s, alt);
  g_string_append (s, "\">");
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
html_head (GString *s, LkReportData *d)
{
  g_string_append (s, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
                      "<title>");
  esc (s, d->number);
  g_string_append (s, " · ");
  esc (s, d->title);
  g_string_append_printf (s, "</title>\n<style>%s</style></head><body>\n", style);
  tag (s, "<div class=\"band\"><span>", _("LIKENESS · FACE IDENTIFICATION REVIEW"), "</span>");
  tag (s, "<span>", d->number, "</span></div>\n");
}

static void
html_integrity (GString *s, LkReportData *d)
{
  g_autofree char *head = g_strdup_printf (_("Audit head (SHA-256 of entry %" PRIu64 "):"),
                                           d->audit_length);
  g_autofree char *evidence = g_strdup_printf (_("%u evidence files checked, %u with problems. %s"),
                                               d->evidence_checked, d->evidence_failed,
                                               d->evidence_message ? d->evidence_message : "");

  tag (s, "<h2>", _("Integrity"), "</h2>\n");
  if (d->audit_ok)
    callout (s, "ok", _("Audit chain verified"), d->audit_message, head, d->audit_head);
  else
    {
      callout (s, "fail", _("AUDIT CHAIN VERIFICATION FAILED"),
               d->audit_message ? d->audit_message : _("The audit chain does not verify."), head, d->audit_head);
      tag (s, "<p class=\"warn\">",
           _("The case records may have been changed outside Likeness after they were made. Treat "
             "every decision below with that in mind and compare the head hash with earlier printed "
             "reports of this case."), "</p>\n");
    }
  if (d->n_identified > 0)
    {
      g_autofree char *counts = lk_report_verification_counts (d);
      gboolean all = d->n_id_unverified + d->n_id_pending + d->n_id_conflict == 0;

      callout (s, all ? "ok" : "fail", all ? _("Every identification verified by a second examiner")
                                           : _("Identifications not verified by a second examiner"),
               counts, NULL, NULL);
    }
  if (d->evidence_ok)
    callout (s, "ok", _("Evidence files verified"), evidence, NULL, NULL);
  else
    callout (s, "fail", _("EVIDENCE VERIFICATION FAILED"), evidence, NULL, NULL);
}

/* The sections with links, so the cover's count can be followed. */
static void
html_contents (GString *s, LkReportData *d)
{
  const char *header[] = { _("Section"), _("Outcome (analyst)"), _("Person"), _("Probe face"), _("Decision no.") };

  if (d->decisions->len == 0)
    return;
  tag (s, "<h2>", _("Decision sections"), "</h2>\n<table>");
  row (s, header, 5, TRUE);
  for (guint i = 0; i < d->decisions->len; i++)
    {
      LkReportDecision *dec = g_ptr_array_index (d->decisions, i);

      g_string_append_printf (s, "<tr><td><a href=\"#decision-%" PRId64 "\">%u</a></td><td>",
                              dec->record.id, i + 1);
      esc (s, lk_report_outcome_label (dec->record.outcome));
      if (dec->record.integrity_failed)
        tag (s, " <span class=\"warn\">", _("failed the integrity check"), "</span>");
      g_string_append (s, "</td><td>");
      value (s, dec->record.person_name);
      g_string_append_printf (s, "</td><td>#%" PRId64 "</td><td>%" PRId64 "</td></tr>\n",
                              dec->probe.face_id, dec->record.id);
    }
  g_string_append (s, "</table>\n");
}

static void
html_cover (GString *s, LkReportData *d)
{
  g_autofree char *analysts = lk_report_join_isolated (d->analysts);
  g_autofree char *case_number = lk_report_isolate (d->number);
  g_autofree char *number = g_strdup_printf (_("Case number %s"), case_number);
  g_autofree char *photos = g_strdup_printf (_("%u (%u probe, %u reference)"),
                                             d->n_photos, d->n_probe_photos, d->n_reference_photos);
  g_autofree char *faces = g_strdup_printf ("%u", d->n_faces);
  g_autofree char *persons = g_strdup_printf ("%u", d->n_persons);
  g_autofree char *current = lk_report_count_current (d);
  g_autofree char *recorded = lk_report_count_recorded (d);
  g_autofree char *listed = lk_report_count_listed (d);

  g_string_append (s, "<div class=\"cover\">\n");
  tag (s, "<div class=\"label\">", _("Case report"), "</div>\n");
  g_string_append (s, "<div class=\"title\">");
  value (s, d->title);
  g_string_append (s, "</div>\n");
  tag (s, "<div class=\"number\">", number, "</div>\n");
  if (d->description && *d->description)
    tag (s, "<p class=\"rationale\" dir=\"auto\">", d->description, "</p>\n");
  tag (s, "<h2>", _("Case"), "</h2>\n<table class=\"kv\">\n");
  kv (s, _("Analysts"), analysts);
  kv_time (s, _("Case opened"), d->created);
  kv_time (s, _("Last recorded change"), d->modified);
  kv_time (s, _("Report generated"), d->generated);
  kv (s, _("Report generated by"), d->generated_by);
  kv (s, _("Software"), d->software);
  kv (s, _("Decisions in this report"),
      d->decision_filter == NULL || g_strcmp0 (d->decision_filter, "all") == 0
      ? _("all current decisions") : lk_report_outcome_label (d->decision_filter));
  if (d->export_note != NULL)
    kv (s, _("Export"), d->export_note);
  tag (s, "</table>\n<h2>", _("What the case holds"), "</h2>\n<table class=\"kv\">\n");
  kv (s, _("Photos"), photos);
  kv (s, _("Faces"), faces);
  kv (s, _("Persons in the gallery"), persons);
  kv (s, _("Decisions in force (current)"), current);
  kv (s, _("All decisions recorded"), recorded);
  kv (s, _("Decision sections in this report"), listed);
  g_string_append (s, "</table>\n");
  html_integrity (s, d);
  html_contents (s, d);
  callout (s, "", _("How to read this report"),
           _("The software finds faces and proposes candidates with numbers; it decides nothing. "
             "Every outcome in this report is the decision an analyst recorded, in the analyst's "
             "words, with the analyst's name and time. Numbers from the software are labelled as "
             "such and are not findings."), NULL, NULL);
  g_string_append (s, "</div>\n");
}

static void
html_method (GString *s, LkReportData *d)
{
  const char *header[] = { _("Role"), _("Model"), _("File"), _("SHA-256 of the file") };
  g_autofree char *number = lk_number_decimal (d->threshold, 2);
  g_autofree char *threshold = g_strdup_printf (_("%s (descriptor distance; lower means more alike)"), number);

  tag (s, "<div class=\"page\"><h1>", _("Method"), "</h1>\n");
  tag (s, "<p>", _("Faces are found with dlib's HOG frontal face detector, located with its "
                   "68-point landmark model, aligned to a 150 × 150 pixel chip and described by "
                   "dlib's ResNet face descriptor as 128 numbers. Two faces are compared by the "
                   "Euclidean distance between their descriptors; a person's distance is the "
                   "smallest over the person's reference faces."), "</p>\n");
  tag (s, "<h2>", _("Models"), "</h2>\n<table>");
  row (s, header, 4, TRUE);
  for (guint i = 0; i < d->models->len; i++)
    {
      LkReportModel *m = g_ptr_array_index (d->models, i);

      tag (s, "<tr><td>", m->role, "</td>");
      tag (s, "<td>", m->id, "</td>");
      tag (s, "<td>", m->file, "</td>");
      g_string_append (s, "<td>");
      hash (s, m->sha256);
      g_string_append (s, "</td></tr>\n");
    }
  tag (s, "</table>\n<h2>", _("Settings"), "</h2>\n<table class=\"kv\">");
  kv (s, _("Threshold the descriptor was trained for"), threshold);
  kv (s, _("Face detection"), d->detection);
  tag (s, "</table>\n<h2>", _("Evidence strength: what the software's numbers mean"), "</h2>\n");
  tag (s, "<p>", d->strength_method, "</p>\n");
  callout (s, "", _("What these numbers do not mean"),
           _("A small distance or a rare impostor share is not an identification and not a "
             "probability that two photos show the same person. It says how often photos of "
             "different people in a reference collection were this alike to this software. Image "
             "quality, age, pose, relatives and look-alikes all change what a distance means. Only "
             "the analyst's recorded decision is a finding."), NULL, NULL);
  g_string_append (s, "</div>\n");
}

static void
html_face (GString *s, const LkReportFace *f, const char *caption)
{
  g_string_append (s, "<div class=\"face\">");
  tag (s, "<div class=\"cap\">", caption, "</div>");
  if (f->face_id == 0)
    {
      tag (s, "<div class=\"sub\">", _("No reference face recorded"), "</div></div>\n");
      return;
    }
  g_string_append_printf (s, "<div class=\"sub\">%s #%" PRId64 " · ", _("Face"), f->face_id);
  value (s, f->photo_name);
  if (f->video_name != NULL)
    {
      g_autofree char *words = lk_report_face_video_words (f);

      g_string_append (s, "<br>");
      esc (s, _("Video:"));
      g_string_append_c (s, ' ');
      esc (s, words);
    }
  g_string_append (s, "<br>SHA-256 ");
  hash (s, f->photo_sha256);
  g_string_append (s, "<br>");
  esc (s, _("Quality:"));
  g_string_append_c (s, ' ');
  esc (s, f->quality);
  g_string_append (s, "</div>");
  image (s, "chip", f->chip, _("aligned face chip"));
  g_string_append (s, "<div class=\"photo\">");
  image (s, "", f->photo, f->photo_name);
  if (f->photo != NULL && f->photo_width > 0 && f->photo_height > 0 && f->box_width > 0)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

      /* CSS wants 12.5, whatever LC_NUMERIC says (uk_UA would print 12,5). */
      g_string_append_printf (s, "<div class=\"box\" style=\"left:%s%%;top:%s%%;width:%s%%;height:%s%%\"></div>",
                              g_ascii_formatd (x, sizeof x, "%.3f", 100.0 * f->box_x / f->photo_width),
                              g_ascii_formatd (y, sizeof y, "%.3f", 100.0 * f->box_y / f->photo_height),
                              g_ascii_formatd (w, sizeof w, "%.3f", 100.0 * f->box_width / f->photo_width),
                              g_ascii_formatd (h, sizeof h, "%.3f", 100.0 * f->box_height / f->photo_height));
    }
  g_string_append (s, "</div></div>\n");
}

static void
integrity_mark (GString *s, const LkReportDecisionRecord *r)
{
  g_autofree char *words = NULL;

  if (!r->integrity_failed)
    return;
  words = g_strdup_printf (_("This decision failed the integrity check: %s"), or_dash (r->integrity_message));
  tag (s, "<p class=\"integrity\">", words, "</p>\n");
}

static void
html_superseded (GString *s, LkReportDecision *dec)
{
  const char *header[] = { _("No."), _("Recorded"), _("Analyst"), _("Outcome"), _("Rationale") };

  tag (s, "<h3>", _("Earlier decisions on this face that this one superseded"), "</h3>\n");
  if (dec->superseded->len == 0)
    {
      tag (s, "<p class=\"muted\">", _("None."), "</p>\n");
      return;
    }
  g_string_append (s, "<table>");
  row (s, header, 5, TRUE);
  for (guint i = 0; i < dec->superseded->len; i++)
    {
      LkReportDecisionRecord *r = g_ptr_array_index (dec->superseded, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, r->id);
      g_string_append (s, "<tr>");
      tag (s, "<td>", id, "</td>");
      tag (s, "<td class=\"ts\">", r->time, "</td><td>");
      value (s, r->analyst);
      tag (s, "</td><td>", lk_report_outcome_label (r->outcome), "</td><td>");
      value (s, r->rationale);
      integrity_mark (s, r);
      g_string_append (s, "</td></tr>\n");
    }
  g_string_append (s, "</table>\n");
}

/* The distance as the report's language writes numbers (0,3821 in Ukrainian). */
static char *
distance_words (double distance, double threshold)
{
  g_autofree char *number = lk_number_decimal (distance, 4);
  g_autofree char *limit = lk_number_decimal (threshold, 2);

  return g_strdup_printf (_("%s (threshold %s; lower means more alike)"), number, limit);
}

static void
html_numbers (GString *s, LkReportData *d, LkReportDecision *dec)
{
  g_autofree char *distance = dec->has_distance
    ? distance_words (dec->distance, d->threshold)
    : g_strdup (_("not measured"));
  g_autofree char *rank = dec->rank > 0 ? g_strdup_printf ("%d", dec->rank) : NULL;
  g_autofree char *share = lk_report_decision_share_text (dec);
  g_autofree char *lookalikes = lk_report_decision_lookalike_text (dec);

  tag (s, "<h3>", _("Software measurements (not a finding)"), "</h3>\n<table class=\"kv\">");
  kv (s, _("Descriptor distance (software)"), distance);
  if (rank)
    kv (s, _("Candidate rank (software)"), rank);
  kv (s, _("Evidence strength (software estimate)"), dec->strength_words ? dec->strength_words : _("not estimated"));
  if (share != NULL)
    kv (s, _("Impostor share (software)"), share);
  if (lookalikes != NULL)
    kv (s, _("Chance look-alikes (software)"), lookalikes);
  g_string_append (s, "</table>\n");
}

/* A quality decision compares the probe with nobody: it shows the probe and
 * the engine's quality record, never an empty candidate. */
static void
html_faces (GString *s, LkReportData *d, LkReportDecision *dec)
{
  gboolean quality = g_strcmp0 (dec->record.outcome, "insufficient-quality") == 0;
  g_autofree char *person = lk_report_isolate (dec->record.person_name);
  g_autofree char *cand = g_strdup_printf (_("CANDIDATE — reference of %s"), person);

  g_string_append (s, "<div class=\"faces\">");
  html_face (s, &dec->probe, _("PROBE — the face under review"));
  if (!quality && dec->candidate.face_id != 0)
    html_face (s, &dec->candidate, cand);
  g_string_append (s, "</div>\n");
  if (quality)
    {
      tag (s, "<h3>", _("Quality record of the probe face (software)"), "</h3>\n<table class=\"kv\">");
      kv (s, _("Quality (software)"), dec->probe.quality);
      kv (s, _("Measurements (software)"), dec->probe.quality_details);
      g_string_append (s, "</table>\n");
      return;
    }
  if (dec->candidate.face_id == 0)
    tag (s, "<p class=\"muted\">", _("No reference face of this person is recorded in the case, so none is shown."),
         "</p>\n");
  html_numbers (s, d, dec);
}

static const char *
assessment_word (const LkFeatures *f, guint i)
{
  return f ? lk_feature_assessment_label (((LkFeatureRow *) g_ptr_array_index (f->rows, i))->assessment) : "—";
}

/* The second examiner's check and the feature comparison (the rows either
 * examiner assessed). */
static void
html_verification (GString *s, LkReportDecision *dec)
{
  const LkVerificationItem *v = dec->verification;
  const LkFeatures *e = dec->features, *vf = dec->verifier_features;
  const char *header[] = { _("Feature"), _("Examiner"), _("Verifier"), _("Examiner's note") };
  g_autofree char *words = lk_report_verification_words (dec);
  gboolean open = v == NULL || v->state == LK_VERIFICATION_PENDING || v->state == LK_VERIFICATION_CONFLICT;
  gboolean identified = g_strcmp0 (dec->record.outcome, "identified") == 0;
  const LkFeatures *any = e ? e : vf;

  if (v != NULL || identified)
    {
      tag (s, "<h3>", _("Verification by a second examiner"), "</h3>\n");
      tag (s, open && identified ? "<p class=\"unverified\">" : "<p>", words, "</p>\n");
      if (v != NULL && (v->verifier != NULL || v->resolution != NULL))
        {
          g_string_append (s, "<table class=\"kv\">");
          kv (s, _("Verifier's rationale"), v->verifier_rationale);
          kv_time (s, _("Verifier's conclusion recorded at (UTC)"), v->verified_at);
          kv (s, _("Resolution (supervisor)"), v->resolution);
          g_string_append (s, "</table>\n");
        }
    }
  if (any == NULL || (e ? lk_features_count_assessed (e) : 0) + (vf ? lk_features_count_assessed (vf) : 0) == 0)
    return;
  tag (s, "<h3>", _("Feature comparison (FISWG)"), "</h3>\n<table class=\"features\">");
  row (s, header, 4, TRUE);
  for (guint i = 0; i < any->rows->len; i++)
    {
      const LkFeatureRow *er = e ? g_ptr_array_index (e->rows, i) : NULL;
      const LkFeatureRow *vr = vf ? g_ptr_array_index (vf->rows, i) : NULL;
      const char *cells[] = { lk_feature_component_label (((LkFeatureRow *) g_ptr_array_index (any->rows, i))->component),
                              assessment_word (e, i), assessment_word (vf, i), er ? er->note : "" };

      if ((er == NULL || er->assessment == LK_FEATURE_NOT_ASSESSED) &&
          (vr == NULL || vr->assessment == LK_FEATURE_NOT_ASSESSED))
        continue;
      row (s, cells, 4, FALSE);
    }
  g_string_append (s, "</table>\n");
}

static void
html_decision (GString *s, LkReportData *d, LkReportDecision *dec, guint index)
{
  g_autofree char *title = g_strdup_printf (_("Decision %u of %u: %s"), index + 1, d->decisions->len,
                                            lk_report_outcome_label (dec->record.outcome));
  g_autofree char *about = lk_report_decision_about (dec);
  g_autofree char *id = g_strdup_printf ("%" PRId64, dec->record.id);
  g_autofree char *sup = dec->record.supersedes_id ? g_strdup_printf ("%" PRId64, dec->record.supersedes_id) : NULL;

  g_string_append_printf (s, "<div class=\"page decision\" id=\"decision-%" PRId64 "\">", dec->record.id);
  tag (s, "<h1>", title, "</h1>\n");
  tag (s, "<p class=\"number\">", about, "</p>\n");
  integrity_mark (s, &dec->record);
  html_faces (s, d, dec);
  tag (s, "<h3>", _("Decision recorded by the analyst"), "</h3>\n<table class=\"kv\">");
  tag (s, "<tr><td>", _("Outcome (analyst)"), "</td>");
  tag (s, "<td><b>", lk_report_outcome_label (dec->record.outcome), "</b></td></tr>\n");
  kv (s, _("Strength (analyst)"), dec->record.strength);
  kv (s, _("Analyst"), dec->record.analyst);
  kv_time (s, _("Recorded at (UTC)"), dec->record.time);
  kv (s, _("Decision number"), id);
  kv (s, _("Supersedes decision"), sup);
  tag (s, "</table>\n<h3>", _("Rationale (the analyst's words)"), "</h3>\n");
  tag (s, "<p class=\"rationale\" dir=\"auto\">", dec->record.rationale, "</p>\n");
  html_verification (s, dec);
  html_superseded (s, dec);
  g_string_append (s, "</div>\n");
}

/* For people: when, who, what, on which object, and a sentence; the raw
 * details and each entry's hash are only in the JSON report. */
static void
html_audit_entries (GString *s, LkReportData *d, gboolean full)
{
  const char *header[] = { _("No."), _("Local time"), _("Analyst"), _("Action"), _("Object"), _("What was done") };

  g_string_append (s, "<table class=\"audit\">");
  row (s, header, 6, TRUE);
  for (guint i = 0; i < d->audit->len; i++)
    {
      LkReportAuditEntry *e = g_ptr_array_index (d->audit, i);
      g_autofree char *seq = g_strdup_printf ("%" PRId64, e->seq);
      g_autofree char *time = lk_report_time_local (e->time);
      g_autofree char *summary = lk_report_audit_summary (d, e);

      if (!full && i != 0 && i != d->audit->len - 1)
        continue;
      tag (s, "<tr><td>", seq, "</td>");
      tag (s, "<td class=\"ts\">", time, "</td><td>");
      value (s, e->analyst);
      tag (s, "</td><td>", lk_report_audit_action_label (e->action), "</td>");
      tag (s, "<td>", e->object, "</td><td>");
      value (s, summary);
      g_string_append (s, "</td></tr>\n");
    }
  g_string_append (s, "</table>\n");
}

static void
html_counts (GString *s, const char *what, GPtrArray *counts, gboolean actions)
{
  const char *header[] = { what, _("Entries") };

  g_string_append (s, "<table>");
  row (s, header, 2, TRUE);
  for (guint i = 0; i < counts->len; i++)
    {
      LkReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *n = g_strdup_printf ("%u", c->count);
      const char *cells[] = { actions ? lk_report_audit_action_label (c->key) : c->key, n };

      row (s, cells, 2, FALSE);
    }
  g_string_append (s, "</table>\n");
}

static void
html_appendix (GString *s, LkReportData *d, const LkReportOptions *options)
{
  const char *eh[] = { "#", _("Original name"), _("Role"), _("Imported (UTC), by"), _("SHA-256") };
  const char *ih[] = { _("Time (UTC)"), _("File"), _("Why it was not imported") };
  g_autofree char *length = g_strdup_printf ("%" PRIu64, d->audit_length);

  tag (s, "<div class=\"page\"><h1>", _("Appendix A — Evidence files"), "</h1>\n<table>");
  row (s, eh, 5, TRUE);
  for (guint i = 0; i < d->evidence->len; i++)
    {
      LkReportEvidence *e = g_ptr_array_index (d->evidence, i);

      g_string_append_printf (s, "<tr><td>%u</td>", i + 1);
      g_string_append (s, "<td>");
      value (s, e->original_name);
      g_string_append (s, "</td>");
      tag (s, "<td>", e->role, "</td>");
      tag (s, "<td><span class=\"ts\">", e->imported_at, "</span><br>");
      value (s, e->imported_by);
      g_string_append (s, "</td><td>");
      hash (s, e->sha256);
      g_string_append (s, "</td></tr>\n");
    }
  tag (s, "</table>\n<h1>", _("Appendix B — Import errors"), "</h1>\n");
  if (d->import_errors->len == 0)
    tag (s, "<p class=\"muted\">", _("None recorded."), "</p>\n");
  else
    {
      g_string_append (s, "<table>");
      row (s, ih, 3, TRUE);
      for (guint i = 0; i < d->import_errors->len; i++)
        {
          LkReportImportError *e = g_ptr_array_index (d->import_errors, i);
          const char *cells[] = { e->time, e->file, e->message };

          row (s, cells, 3, FALSE);
        }
      g_string_append (s, "</table>\n");
    }
  tag (s, "</div><div class=\"page\"><h1>", _("Appendix C — Audit log"), "</h1>\n<table class=\"kv\">");
  kv (s, _("Entries"), length);
  tag (s, "<tr><td>", _("Head hash"), "</td>");
  g_string_append (s, "<td>");
  hash (s, d->audit_head);
  g_string_append (s, "</td></tr>\n");
  tag (s, d->audit_ok ? "<tr><td>" : "<tr class=\"warn\"><td>", _("Chain verification"), "</td>");
  tag (s, "<td>", d->audit_message ? d->audit_message : (d->audit_ok ? _("verified") : _("FAILED")), "</td></tr></table>\n");
  if (options->audit == LK_REPORT_AUDIT_SUMMARY)
    {
      tag (s, "<h3>", _("Entries by action"), "</h3>\n");
      html_counts (s, _("Action"), d->audit_by_action, TRUE);
      tag (s, "<h3>", _("Entries by analyst"), "</h3>\n");
      html_counts (s, _("Analyst"), d->audit_by_analyst, FALSE);
      tag (s, "<h3>", _("First and last entries"), "</h3>\n");
    }
  html_audit_entries (s, d, options->audit != LK_REPORT_AUDIT_SUMMARY);
  g_string_append (s, "</div>\n");
}

static void
html_foot (GString *s, LkReportData *d)
{
  g_autofree char *words = g_strdup_printf (_("Case %s · generated %s"), or_dash (d->number), or_dash (d->generated));

  tag (s, "<div class=\"footer\">", words, "</div>\n</body></html>\n");
}

gboolean
lk_report_write_html (LkReportData *data, const LkReportOptions *options, GOutputStream *out,
                      LkReportProgressFunc progress, gpointer user_data,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr(GString) s = g_string_sized_new (64 * 1024);

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  lk_report_data_summarise_audit (data);
  html_head (s, data);
  html_cover (s, data);
  html_method (s, data);
  for (guint i = 0; i < data->decisions->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("Rendering decision %u of %u"), i + 1, data->decisions->len);
          progress (0.1 + 0.8 * i / data->decisions->len, what, user_data);
        }
      html_decision (s, data, g_ptr_array_index (data->decisions, i), i);
    }
  if (data->decisions->len == 0)
    {
      tag (s, "<div class=\"page\"><h1>", _("Decisions"), "</h1>");
      tag (s, "<p>", _("No decision of the kind this report lists has been recorded in this case."), "</p></div>\n");
    }
  html_appendix (s, data, options);
  html_foot (s, data);
  return g_output_stream_write_all (out, s->str, s->len, NULL, cancellable, error);
}
