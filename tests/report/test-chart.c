/* The comparison chart of one decision (likeness-cli chart), on a case built
 * from the npm package's demo photos through likeness-cli import. */
#define G_LOG_DOMAIN "test-chart"

#include "lk-config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "case/lk-case-verification.h"
#include "lk-report-test-util.h"
#include "case-fixture.h"

#define EXAMINER "Олена Коваленко"
#define VERIFIER "Victor Verifier"

static const char *features_json =
  "{\"components\": {\"eyes\": {\"assessment\": \"similar\", \"note\": \"same lid fold\"},"
  " \"nose\": {\"assessment\": \"dissimilar\", \"note\": \"\u202Eevil note\"}},"
  " \"marks\": [{\"label\": \"mole\", \"probe\": [0.3, 0.62], \"candidate\": [0.31, 0.6]},"
  "             {\"label\": \"eyebrow gap\", \"probe\": [0.42, 0.25, 0.16, 0.08]}]}";

/* likeness-cli with the NULL-terminated arguments; its exit code, and its
 * standard output in *out when out is not NULL. */
static int
cli (char **out, ...)
{
  g_auto(CaseCliRun) run = { 0 };
  va_list args;

  va_start (args, out);
  case_fixture_cli_valist (&run, args);
  va_end (args);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  return run.status;
}

/* A case with one reference person and one probe face, or NULL to skip. */
static char *
build_case (const char *dir)
{
  const char *package = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autofree char *ref = g_build_filename (package ? package : "", "demo", "sample2.jpg", NULL);
  g_autofree char *probe = g_build_filename (package ? package : "", "demo", "sample4.jpg", NULL);
  char *path = g_build_filename (dir, "chart.likeness", NULL);

  if (package == NULL || !g_file_test (ref, G_FILE_TEST_EXISTS) || g_getenv ("LIKENESS_CLI") == NULL)
    {
      g_free (path);
      return NULL;
    }
  g_assert_cmpint (cli (NULL, "case", "new", path, "--title", "Chart \u202Etest", "--analyst", EXAMINER, NULL), ==, 0);
  if (cli (NULL, "import", "--case", path, "--role", "reference", "--person", "Ann Example", "--analyst", EXAMINER,
           ref, NULL) == 5 /* the face models cannot be loaded */)
    {
      g_free (path);
      return NULL;
    }
  g_assert_cmpint (cli (NULL, "import", "--case", path, "--role", "probe", "--analyst", EXAMINER, probe, NULL), ==, 0);
  g_assert_cmpint (cli (NULL, "match", "--case", path, "--analyst", EXAMINER, NULL), ==, 0);
  return path;
}

/* The first probe face of the case. */
static gint64
probe_face (LkCase *kase)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;

  filter.role = LK_PHOTO_ROLE_PROBE;
  faces = lk_case_list_faces (kase, &filter, NULL);

  for (guint i = 0; faces != NULL && i < faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (faces, i);

      if (!face->not_a_face)
        return face->id;
    }
  g_assert_not_reached ();
}

static void
test_chart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lk-chart-XXXXXX", NULL);
  g_autofree char *path = build_case (dir);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *out = NULL, *text = NULL, *flat = NULL, *id_text = NULL, *sha = NULL, *log = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gint64 decision, item;

  if (path == NULL)
    {
      g_test_skip ("the demo photos, the face models or likeness-cli are not available");
      return;
    }
  kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  decision = lk_case_add_decision_with_features (kase, EXAMINER, probe_face (kase), 1, LK_OUTCOME_IDENTIFIED,
                                                 "moderate", "Eyes and the mole agree.", features_json, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_grant_role (kase, "Sam Supervisor", "Sam Supervisor", LK_ROLE_SUPERVISOR, NULL, &error));
  g_assert_true (lk_case_grant_role (kase, "Sam Supervisor", VERIFIER, LK_ROLE_VERIFIER, NULL, &error));
  item = lk_case_request_verification (kase, EXAMINER, decision, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_record_verification (kase, VERIFIER, item, LK_OUTCOME_INCONCLUSIVE, NULL,
                                              "The nose differs.", features_json, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&kase);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, decision);
  g_assert_cmpint (cli (&out, "chart", "--case", path, "--decision", id_text, "--output", png, "--analyst", EXAMINER,
                        NULL), ==, 0);
  sha = g_strndup (out, 64);
  g_clear_pointer (&out, g_free);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1190);
  cairo_surface_destroy (image);

  g_assert_cmpint (cli (NULL, "chart", "--case", path, "--decision", id_text, "--output", pdf, "--analyst", EXAMINER,
                        NULL), ==, 0);
  g_assert_cmpint (pdf_pages (pdf), ==, 1);
  text = pdf_text (pdf, 1, 1);
  flat = normalise_space (text);
  g_test_message ("%s", flat);
  g_assert_nonnull (strstr (flat, "Facial comparison chart"));
  g_assert_nonnull (strstr (flat, "1. mole — on both"));
  g_assert_nonnull (strstr (flat, "2. eyebrow gap — probe only"));
  g_assert_nonnull (strstr (flat, "2 of 14 components assessed"));
  g_assert_nonnull (strstr (flat, EXAMINER));
  g_assert_nonnull (strstr (flat, VERIFIER));
  g_assert_nonnull (strstr (flat, "conflict"));

  /* Each export is audited with the file's SHA-256. */
  g_assert_cmpint (cli (&log, "audit", "log", "--case", path, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (log, "chart.export"));
  g_assert_nonnull (strstr (log, sha));
  g_assert_cmpint (cli (NULL, "audit", "verify", "--case", path, NULL), ==, 0);

  /* The report carries the verification: JSON state and counts, the PDF says
   * plainly that an identification is not verified. */
  {
    g_autofree char *json = g_build_filename (dir, "report.json", NULL);
    g_autofree char *report_pdf = g_build_filename (dir, "report.pdf", NULL);
    g_autofree char *body = NULL, *report_text = NULL, *flat_report = NULL;

    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "json", "--output", json, "--analyst", EXAMINER,
                          NULL), ==, 0);
    g_assert_true (g_file_get_contents (json, &body, NULL, NULL));
    g_assert_nonnull (strstr (body, "\"identified_conflict\" : 1"));
    g_assert_nonnull (strstr (body, "\"state\" : \"conflict\""));
    g_assert_nonnull (strstr (body, "The nose differs."));
    g_assert_nonnull (strstr (body, "same lid fold"));
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "pdf", "--output", report_pdf, "--analyst",
                          EXAMINER, NULL), ==, 0);
    report_text = pdf_text (report_pdf, 1, pdf_pages (report_pdf));
    flat_report = normalise_space (report_text);
    g_assert_nonnull (strstr (flat_report, "Identifications not verified by a second examiner"));
    g_assert_nonnull (strstr (flat_report, "Conflict: the verifier"));
    g_assert_nonnull (strstr (flat_report, "Feature comparison (FISWG)"));
  }

  /* In Ukrainian: the same report, its words from the catalogue (the
   * language follows the locale, as the analyst's does). */
  {
    g_autofree char *uk_pdf = g_build_filename (dir, "report-uk.pdf", NULL);
    g_autofree char *help = NULL, *uk_text = NULL;

    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_setenv ("LANGUAGE", "uk", TRUE);
    g_assert_cmpint (cli (&help, "--help", NULL), ==, 0);
    g_assert_nonnull (strstr (help, "Команди"));
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "pdf", "--output", uk_pdf, "--analyst",
                          EXAMINER, NULL), ==, 0);
    g_unsetenv ("LANGUAGE");
    g_unsetenv ("LC_ALL");
    uk_text = pdf_text (uk_pdf, 1, 1);
    g_test_message ("%s", uk_text);
    g_assert_nonnull (strstr (uk_text, "Рішення"));
  }

  /* --language: an analyst in an English locale writes the report for a
   * Ukrainian court.  Its words come from the Ukrainian catalogue and its
   * numbers are written the Ukrainian way (0,60), the machine formats keep
   * the C locale's 0.6 whatever the language. */
  {
    g_autofree char *uk_pdf = g_build_filename (dir, "report-language-uk.pdf", NULL);
    g_autofree char *uk_html = g_build_filename (dir, "report-language-uk.html", NULL);
    g_autofree char *en_html = g_build_filename (dir, "report-language-en.html", NULL);
    g_autofree char *uk_json = g_build_filename (dir, "report-language-uk.json", NULL);
    g_autofree char *uk_chart = g_build_filename (dir, "chart-uk.pdf", NULL);
    g_autofree char *raw = NULL, *uk_text = NULL, *chart_text = NULL, *html = NULL, *english = NULL;
    g_autofree char *json = NULL;

    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_setenv ("LANGUAGE", "en", TRUE);
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "pdf", "--output", uk_pdf, "--analyst",
                          EXAMINER, "--language", "uk", NULL), ==, 0);
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "html", "--output", uk_html, "--analyst",
                          EXAMINER, "--language", "uk", NULL), ==, 0);
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "json", "--output", uk_json, "--analyst",
                          EXAMINER, "--language", "uk", NULL), ==, 0);
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "html", "--output", en_html, "--analyst",
                          EXAMINER, NULL), ==, 0);
    g_assert_cmpint (cli (NULL, "chart", "--case", path, "--decision", id_text, "--output", uk_chart, "--analyst",
                          EXAMINER, "--language", "uk", NULL), ==, 0);
    /* A language without a catalogue is refused, not quietly English. */
    g_assert_cmpint (cli (NULL, "report", "--case", path, "--format", "html", "--output", en_html, "--analyst",
                          EXAMINER, "--language", "xx", NULL), ==, 2);
    g_unsetenv ("LANGUAGE");
    g_unsetenv ("LC_ALL");

    raw = pdf_text (uk_pdf, 1, pdf_pages (uk_pdf));
    uk_text = normalise_space (raw);
    g_assert_nonnull (strstr (uk_text, "Методика"));
    g_assert_nonnull (strstr (uk_text, "Рішення"));
    g_assert_nonnull (strstr (uk_text, "0,60 (відстань дескрипторів"));
    g_assert_nonnull (strstr (uk_text, "(поріг 0,60;"));
    g_assert_null (strstr (uk_text, "Method"));
    g_assert_true (g_file_get_contents (uk_html, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "<h1>Методика</h1>"));
    g_assert_nonnull (strstr (html, "(поріг 0,60;"));
    g_assert_true (g_file_get_contents (en_html, &english, NULL, NULL));
    g_assert_nonnull (strstr (english, "<h1>Method</h1>"));
    /* The quality words are made in the report's language, not copied
     * from what the import (in English here) stored. */
    g_assert_nonnull (strstr (english, "Quality: good"));
    g_assert_nonnull (strstr (html, "Якість: добра"));
    g_assert_null (strstr (html, "Якість: good"));
    g_assert_nonnull (strstr (english, "(threshold 0.60;"));
    g_assert_true (g_file_get_contents (uk_json, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"threshold\" : 0.")); /* 0.6 as JSON has it, never 0,6 */
    chart_text = pdf_text (uk_chart, 1, 1);
    g_assert_nonnull (strstr (chart_text, "Порівняльна таблиця облич"));
  }

  /* Bad requests: no such decision, an unknown extension. */
  g_assert_cmpint (cli (NULL, "chart", "--case", path, "--decision", "99", "--output", pdf, NULL), ==, 1);
  g_assert_cmpint (cli (NULL, "chart", "--case", path, "--decision", id_text, "--output", "x.svg", NULL), ==, 2);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/chart/cli", test_chart);
  return g_test_run ();
}
