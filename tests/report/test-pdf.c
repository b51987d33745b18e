/* The PDF report on hand-built data: its text, its pages, paper sizes, long
 * and non-Latin text, a broken audit chain, and sample renders to look at. */
#define G_LOG_DOMAIN "test-report"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-report-test-util.h"

static void
assert_contains (const char *text, const char *needle)
{
  g_autofree char *a = normalise_space (text);
  g_autofree char *b = normalise_space (needle);

  if (strstr (a, b) == NULL)
    g_error ("“%.80s…” not found in the report text", b);
}

/* Hashes wrap inside narrow table cells: compare them without white space. */
static gboolean
contains_hash (const char *text, const char *hash)
{
  GString *s = g_string_new (NULL);
  gboolean found;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  found = strstr (s->str, hash) != NULL;
  g_string_free (s, TRUE);
  return found;
}

static void
test_content (void)
{
  SampleSpec spec = { .n_decisions = 4 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "report.pdf");
  int pages = pdf_pages (pdf);
  g_autofree char *text = pdf_text (pdf, 1, pages);
  g_autofree char *cover = pdf_text (pdf, 1, 1);

  assert_contains (cover, data->title);
  assert_contains (cover, data->audit_head);
  assert_contains (cover, "Audit chain verified");
  for (guint i = 0; i < data->decisions->len; i++)
    {
      LkReportDecision *d = g_ptr_array_index (data->decisions, i);
      g_autofree char *title = g_strdup_printf ("Decision %u of %u: %s", i + 1, data->decisions->len,
                                                lk_report_outcome_label (d->record.outcome));

      assert_contains (text, title);
      assert_contains (text, d->record.rationale);
      assert_contains (text, d->record.person_name);
    }
  assert_contains (text, "First look: too dark to say.");
  assert_contains (text, "Descriptor distance (software)");
  assert_contains (text, "Evidence strength (software estimate)");
  /* Every page's footer: the case number and the page count. */
  for (int p = 1; p <= pages; p++)
    {
      g_autofree char *page = pdf_text (pdf, p, p);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", p, pages);

      assert_contains (page, footer);
      assert_contains (page, "Case HFD-2026-017");
    }
  remove_tmp (pdf);
}

static void
test_every_page_renders (void)
{
  SampleSpec spec = { .n_decisions = 3 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "report.pdf");
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "20", "-png", pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = run_capture (argv, &error);
  g_autoptr(GDir) d = NULL;
  const char *name;
  int pngs = 0;

  g_assert_no_error (error);
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".png"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        gsize length = 0;
        g_autofree char *bytes = NULL;

        g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
        g_assert_cmpuint (length, >, 100);
        pngs++;
      }
  g_assert_cmpint (pngs, ==, pdf_pages (pdf));
  /* cover, method, 3 decisions, evidence, audit */
  g_assert_cmpint (pngs, >=, 7);
  remove_tmp (pdf);
}

static void
test_paper (void)
{
  SampleSpec spec = { .n_decisions = 1 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  const char *sizes[] = { "595.28 x 841.89", "612 x 792" };

  for (int paper = 0; paper < 2; paper++)
    {
      g_autofree char *pdf = NULL;
      const char *argv[3] = { "pdfinfo", NULL, NULL };
      g_autofree char *info = NULL;

      options.paper = paper;
      pdf = render_to_tmp (data, &options, "report.pdf");
      argv[1] = pdf;
      info = run_capture (argv, NULL);
      g_assert_nonnull (strstr (info, sizes[paper]));
      remove_tmp (pdf);
    }
}

static void
test_no_decisions (void)
{
  SampleSpec spec = { .n_decisions = 0 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "empty.pdf");
  g_autofree char *text = pdf_text (pdf, 1, pdf_pages (pdf));

  assert_contains (text, data->title);
  assert_contains (text, "No decision of the kind this report lists has been recorded");
  assert_contains (text, data->audit_head);
  remove_tmp (pdf);
}

static void
test_cyrillic_long_rationale (void)
{
  SampleSpec spec = { .n_decisions = 2, .cyrillic = TRUE, .long_rationale = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "cyrillic.pdf");
  g_autofree char *text = pdf_body_text (pdf);
  LkReportDecision *first = g_ptr_array_index (data->decisions, 0);
  const char *fonts_argv[] = { "pdffonts", pdf, NULL };
  g_autofree char *fonts = run_capture (fonts_argv, NULL);

  g_assert_cmpuint (strlen (first->record.rationale), ==, 5000);
  assert_contains (text, "Иван Петров");
  assert_contains (text, "Олена Шевченко");
  assert_contains (text, "Харків — ідентифікація 2022");
  assert_contains (text, "Аналитик Ковальчук");
  /* The whole rationale, across page breaks, word for word. */
  assert_contains (text, first->record.rationale);
  /* Fonts are embedded so the names print wherever the file is opened. */
  g_assert_nonnull (strstr (fonts, "DejaVuSans"));
  g_assert_null (strstr (fonts, " no  "));
  remove_tmp (pdf);
}

static void
test_broken_chain (void)
{
  SampleSpec spec = { .n_decisions = 2, .broken_chain = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "broken.pdf");
  g_autofree char *cover = pdf_text (pdf, 1, 1);
  g_autofree char *text = pdf_text (pdf, 1, pdf_pages (pdf));

  /* Stated on the cover, not hidden in an appendix, and the report still comes out. */
  assert_contains (cover, "AUDIT CHAIN VERIFICATION FAILED");
  assert_contains (cover, data->audit_message);
  g_assert_null (strstr (cover, "Audit chain verified"));
  for (guint i = 0; i < data->decisions->len; i++)
    assert_contains (text, ((LkReportDecision *) g_ptr_array_index (data->decisions, i))->record.rationale);
  remove_tmp (pdf);
}

static void
test_audit_summary (void)
{
  SampleSpec spec = { .n_decisions = 1 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *full_pdf = render_to_tmp (data, &options, "full.pdf");
  g_autofree char *full = pdf_text (full_pdf, 1, pdf_pages (full_pdf));
  g_autofree char *summary_pdf = NULL;
  g_autofree char *summary = NULL;
  LkReportAuditEntry *middle = g_ptr_array_index (data->audit, 20);
  LkReportAuditEntry *last = g_ptr_array_index (data->audit, data->audit->len - 1);
  g_autofree char *middle_time = lk_report_time_local (middle->time);
  g_autofree char *last_time = lk_report_time_local (last->time);

  options.audit = LK_REPORT_AUDIT_SUMMARY;
  summary_pdf = render_to_tmp (data, &options, "summary.pdf");
  summary = pdf_text (summary_pdf, 1, pdf_pages (summary_pdf));
  /* Entries are told by time and number; their hashes are in the JSON report. */
  g_assert_false (contains_hash (full, middle->hash));
  assert_contains (full, middle_time);
  assert_contains (summary, last_time);
  assert_contains (summary, "Entries by action");
  assert_contains (summary, "Face added");
  g_assert_null (strstr (summary, middle_time));
  remove_tmp (full_pdf);
  remove_tmp (summary_pdf);
}

/* The page each "Decision N of M:" heading is on, 0 when none. */
static int
section_page (const char *pdf, guint n, guint total)
{
  g_autofree char *needle = g_strdup_printf ("Decision %u of %u:", n, total);

  for (int p = 1; p <= pdf_pages (pdf); p++)
    {
      g_autofree char *text = pdf_text (pdf, p, p);

      if (strstr (text, needle) != NULL)
        return p;
    }
  return 0;
}

/* The cover names decisions in force and all recorded ones apart, and its
 * list of sections leads to the page each numbered section is on. */
static void
test_cover_counts (void)
{
  SampleSpec spec = { .n_decisions = 3 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "counts.pdf");
  g_autofree char *cover = pdf_text (pdf, 1, 1);

  assert_contains (cover, "Decisions in force (current) 3 — identified 1 · excluded 1 · inconclusive 1");
  assert_contains (cover, "All decisions recorded 5 — 3 in force, 1 superseded by a later decision, 1 withdrawn");
  assert_contains (cover, "Decision sections in this report 3, numbered 1 to 3 below");
  for (guint i = 0; i < data->decisions->len; i++)
    {
      LkReportDecision *d = g_ptr_array_index (data->decisions, i);
      int page = section_page (pdf, i + 1, 3);
      g_autofree char *row = g_strdup_printf ("%u %s %s #%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d", i + 1,
                                              lk_report_outcome_label (d->record.outcome), d->record.person_name,
                                              d->probe.face_id, d->record.id, page);

      g_assert_cmpint (page, >, 1);
      assert_contains (cover, row);
    }
  remove_tmp (pdf);
}

/* A quality decision shows the probe and its quality record, and nothing
 * of a candidate. */
static void
test_quality_layout (void)
{
  SampleSpec spec = { .n_decisions = 4 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  LkReportDecision *quality = g_ptr_array_index (data->decisions, 3);
  int page;

  g_assert_cmpstr (quality->record.outcome, ==, "insufficient-quality");
  options.decisions = "insufficient-quality";
  g_ptr_array_remove_range (data->decisions, 0, 3);
  pdf = render_to_tmp (data, &options, "quality.pdf");
  page = section_page (pdf, 1, 1);
  text = pdf_text (pdf, page, page);
  assert_contains (text, "Decision 1 of 1: Quality insufficient");
  assert_contains (text, "PROBE — the face under review");
  assert_contains (text, "Quality record of the probe face");
  assert_contains (text, quality->probe.quality_details);
  assert_contains (text, quality->record.rationale);
  g_assert_null (strstr (text, "CANDIDATE"));
  g_assert_null (strstr (text, "reference of"));
  g_assert_null (strstr (text, "image not available"));
  g_assert_null (strstr (text, "Descriptor distance"));
  remove_tmp (pdf);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_strstrip (lines[i])[0] != '\0';
  return n;
}

/* No page but the last holds only a line or two between band and footer;
 * an appendix goes on below the section before it when there is room. */
static void
test_no_empty_pages (void)
{
  for (guint n = 0; n <= 4; n++)
    {
      SampleSpec spec = { .n_decisions = n, .long_rationale = n == 2 };
      g_autoptr(LkReportData) data = sample_data (&spec);
      LkReportOptions options = LK_REPORT_OPTIONS_INIT;
      g_autofree char *pdf = render_to_tmp (data, &options, "pages.pdf");
      int pages = pdf_pages (pdf);

      for (int p = 1; p < pages; p++)
        {
          g_autofree char *f = g_strdup_printf ("%d", p);
          const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-r", "72", "-x", "0", "-y", "45",
                                 "-W", "700", "-H", "745", "-f", f, "-l", f, pdf, "-", NULL };
          g_autofree char *body = run_capture (argv, NULL);

          if (count_lines (body) < 6)
            g_error ("page %d of %d (%u decisions) is almost empty:\n%s", p, pages, n, body);
        }
      if (n == 0)
        {
          int last = pdf_pages (pdf);
          g_autofree char *text = NULL;

          for (last = 1; last <= pages; last++)
            {
              g_free (text);
              text = pdf_text (pdf, last, last);
              if (strstr (text, "No decision of the kind") != NULL)
                break;
            }
          assert_contains (text, "Appendix A — Evidence files");
        }
      remove_tmp (pdf);
    }
}

/* A hash prints as two whole 32-character halves, a time on one line. */
static void
test_unbroken_values (void)
{
  SampleSpec spec = { .n_decisions = 1 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "values.pdf");
  g_autofree char *text = pdf_text (pdf, 1, pdf_pages (pdf));
  LkReportModel *model = g_ptr_array_index (data->models, 0);

  g_assert_nonnull (strstr (text, data->audit_head));
  for (guint i = 0; i < data->evidence->len; i++)
    {
      LkReportEvidence *e = g_ptr_array_index (data->evidence, i);
      g_autofree char *first = g_strndup (e->sha256, 32);

      g_assert_nonnull (strstr (text, first));
      g_assert_nonnull (strstr (text, e->sha256 + 32));
      g_assert_nonnull (strstr (text, e->imported_at));
    }
  {
    g_autofree char *first = g_strndup (model->sha256, 32);
    g_assert_nonnull (strstr (text, first));
    g_assert_nonnull (strstr (text, model->sha256 + 32));
  }
  for (guint i = 0; i < data->audit->len; i++)
    {
      LkReportAuditEntry *e = g_ptr_array_index (data->audit, i);
      g_autofree char *time = lk_report_time_local (e->time);

      g_assert_nonnull (strstr (text, time));
    }
  remove_tmp (pdf);
}

/* The audit appendix: readable times, actions in words and a sentence from
 * the details; never the raw JSON. */
static void
test_audit_table (void)
{
  SampleSpec spec = { .n_decisions = 2 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "audit.pdf");
  g_autofree char *text = pdf_text (pdf, 1, pdf_pages (pdf));

  assert_contains (text, "Decision recorded");
  assert_contains (text, "face 200 identified as John Smith (strength moderate)");
  assert_contains (text, "imported probe photo photo_02.jpg");
  assert_contains (text, "Photo imported");
  assert_contains (text, "Face added");
  g_assert_null (strstr (text, "{\"new\""));
  g_assert_null (strstr (text, "\"box\""));
  g_assert_null (strstr (text, "T08:39:00.000Z"));
  remove_tmp (pdf);
}

/* A name holding U+202E (right-to-left override) reverses nothing after it. */
static void
test_bidi (void)
{
  SampleSpec spec = { .n_decisions = 2, .bidi = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "bidi.pdf");
  g_autofree char *cover = pdf_text (pdf, 1, 1);
  g_autofree char *text = pdf_text (pdf, 1, pdf_pages (pdf));

  /* "Dana <RLO>Analyst, Earlier Analyst": the second name reads as written. */
  assert_contains (cover, "Earlier Analyst");
  /* "face 200 identified as Ann <RLO>Smith (strength moderate)". */
  assert_contains (text, "(strength moderate)");
  assert_contains (text, "face 200 identified as");
  remove_tmp (pdf);
}

/* A decision a failed audit check touches says so at the top of its section. */
static void
test_integrity_mark (void)
{
  SampleSpec spec = { .n_decisions = 3, .broken_chain = TRUE, .flagged = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "flagged.pdf");
  LkReportDecision *flagged = g_ptr_array_index (data->decisions, 1);
  int page = section_page (pdf, 2, 3);
  g_autofree char *text = pdf_text (pdf, page, page);
  /* The list of sections may run onto the page after the cover. */
  g_autofree char *cover = pdf_text (pdf, 1, 2);

  assert_contains (text, "This decision failed the integrity check");
  assert_contains (text, flagged->record.integrity_message);
  /* The cell wraps, and pdftotext interleaves the row's columns. */
  assert_contains (cover, "Excluded — failed the");
  for (guint n = 1; n <= 3; n += 2)
    {
      g_autofree char *other = NULL;

      page = section_page (pdf, n, 3);
      other = pdf_text (pdf, page, page);
      g_assert_null (strstr (other, "This decision failed the integrity check"));
    }
  remove_tmp (pdf);
}

/* Renders the first pages of a sample report at 60 dpi into the build
 * folder (tests/report/report-sample-*.png) for people to look at. */
static void
test_sample_pages (void)
{
  SampleSpec spec = { .n_decisions = 3, .cyrillic = FALSE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *pdf = render_to_tmp (data, &options, "sample.pdf");
  g_autofree char *prefix = g_build_filename (LK_TEST_BUILDDIR, "report", "report-sample", NULL);

  render_pages_png (pdf, 4, prefix);
  g_test_message ("sample pages: %s-N.png", prefix);
  remove_tmp (pdf);
}

static void
progress_cb (double fraction, const char *what, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (what);
  *last = fraction;
}

static void
test_cancel_and_errors (void)
{
  SampleSpec spec = { .n_decisions = 2 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GDir) d = NULL;
  double last = 0;

  /* Cancelled: no report, no temporary file left behind. */
  g_cancellable_cancel (cancellable);
  g_assert_false (lk_report_render (data, &options, path, NULL, NULL, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  d = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (d));

  g_assert_false (lk_report_render (data, &options, missing, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (lk_report_render (data, &options, dir, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE);
  g_clear_error (&error);

  /* An existing file is replaced whole; progress only goes forward. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (lk_report_render (data, &options, path, progress_cb, &last, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpint (pdf_pages (path), >=, 5);
  remove_tmp (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/pdf/content", test_content);
  g_test_add_func ("/report/pdf/every-page-renders", test_every_page_renders);
  g_test_add_func ("/report/pdf/paper", test_paper);
  g_test_add_func ("/report/pdf/no-decisions", test_no_decisions);
  g_test_add_func ("/report/pdf/cyrillic-long-rationale", test_cyrillic_long_rationale);
  g_test_add_func ("/report/pdf/broken-chain", test_broken_chain);
  g_test_add_func ("/report/pdf/audit-summary", test_audit_summary);
  g_test_add_func ("/report/pdf/cancel-and-errors", test_cancel_and_errors);
  g_test_add_func ("/report/pdf/sample-pages", test_sample_pages);
  g_test_add_func ("/report/pdf/cover-counts", test_cover_counts);
  g_test_add_func ("/report/pdf/quality-layout", test_quality_layout);
  g_test_add_func ("/report/pdf/no-empty-pages", test_no_empty_pages);
  g_test_add_func ("/report/pdf/unbroken-values", test_unbroken_values);
  g_test_add_func ("/report/pdf/audit-table", test_audit_table);
  g_test_add_func ("/report/pdf/bidi", test_bidi);
  g_test_add_func ("/report/pdf/integrity-mark", test_integrity_mark);
  return g_test_run ();
}
