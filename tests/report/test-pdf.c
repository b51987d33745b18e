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

  options.audit = LK_REPORT_AUDIT_SUMMARY;
  summary_pdf = render_to_tmp (data, &options, "summary.pdf");
  summary = pdf_text (summary_pdf, 1, pdf_pages (summary_pdf));
  g_assert_true (contains_hash (full, middle->hash));
  g_assert_true (contains_hash (summary, last->hash));
  assert_contains (summary, "Entries by action");
  assert_contains (summary, "face.add");
  g_assert_false (contains_hash (summary, middle->hash));
  remove_tmp (full_pdf);
  remove_tmp (summary_pdf);
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
  return g_test_run ();
}
