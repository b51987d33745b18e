/* HTML, JSON and CSV reports on hand-built data: the HTML parses and embeds
 * every image, the JSON validates against docs/report-schema.json, the CSV
 * has one RFC 4180 row per decision; hostile text stays text. */
#define G_LOG_DOMAIN "test-report"

#include "lk-config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "lk-json-schema.h"
#include "lk-report-test-util.h"

static char *
render_text (LkReportData *data, LkReportFormat format, LkReportAuditMode audit)
{
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *path = NULL;
  char *text = NULL;

  options.format = format;
  options.audit = audit;
  path = render_to_tmp (data, &options, "report.out");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  remove_tmp (path);
  return text;
}

static int
xpath_count (xmlDocPtr doc, const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  int n = result && result->nodesetval ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return n;
}

static void
check_html (LkReportData *data, const char *html)
{
  htmlParserCtxtPtr parser = htmlNewParserCtxt ();
  htmlDocPtr doc;
  int images = 0, boxes = 0;

  /* Strict: any parse error or warning fails, no recovery. */
  doc = htmlCtxtReadMemory (parser, html, strlen (html), "report.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_PEDANTIC);
  g_assert_nonnull (doc);
  g_assert_cmpint (parser->errNo, ==, 0);
  g_assert_true (parser->wellFormed);
  for (guint i = 0; i < data->decisions->len; i++)
    {
      LkReportDecision *d = g_ptr_array_index (data->decisions, i);
      /* A quality decision shows no candidate. */
      gboolean candidate = g_strcmp0 (d->record.outcome, "insufficient-quality") != 0;

      images += (d->probe.chip != NULL) + (d->probe.photo != NULL) +
                candidate * ((d->candidate.chip != NULL) + (d->candidate.photo != NULL));
      boxes += (d->probe.photo != NULL) + candidate * (d->candidate.photo != NULL);
    }
  g_assert_cmpint (xpath_count (doc, "//img"), ==, images);
  g_assert_cmpint (xpath_count (doc, "//img[starts-with(@src, 'data:image/')]"), ==, images);
  /* Self-contained: nothing loads from anywhere else, and nothing runs. */
  g_assert_cmpint (xpath_count (doc, "//script"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//link"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//div[contains(@class,'decision')]"), ==, data->decisions->len);
  g_assert_cmpint (xpath_count (doc, "//div[@class='box']"), ==, boxes);
  xmlFreeDoc (doc);
  htmlFreeParserCtxt (parser);
}

static void
test_html (void)
{
  SampleSpec spec = { .n_decisions = 3, .hostile = TRUE, .cyrillic = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *html = render_text (data, LK_REPORT_FORMAT_HTML, LK_REPORT_AUDIT_FULL);
  LkReportAuditEntry *middle = g_ptr_array_index (data->audit, 20);

  check_html (data, html);
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "Иван Петров"));
  g_assert_nonnull (strstr (html, data->audit_head));
  /* Entry hashes and raw details are for the JSON report only. */
  g_assert_null (strstr (html, middle->hash));
  g_assert_null (strstr (html, "{&quot;new&quot;"));
  g_assert_nonnull (strstr (html, "@media print"));
}

static void
test_html_broken_and_empty (void)
{
  SampleSpec broken = { .n_decisions = 1, .broken_chain = TRUE };
  SampleSpec empty = { .n_decisions = 0 };
  g_autoptr(LkReportData) b = sample_data (&broken);
  g_autoptr(LkReportData) e = sample_data (&empty);
  g_autofree char *bh = render_text (b, LK_REPORT_FORMAT_HTML, LK_REPORT_AUDIT_SUMMARY);
  g_autofree char *eh = render_text (e, LK_REPORT_FORMAT_HTML, LK_REPORT_AUDIT_FULL);

  check_html (b, bh);
  check_html (e, eh);
  g_assert_nonnull (strstr (bh, "AUDIT CHAIN VERIFICATION FAILED"));
  g_assert_nonnull (strstr (eh, "No decision of the kind this report lists"));
}

static JsonNode *
load_schema (void)
{
  g_autofree char *path = g_build_filename (LK_SOURCE_DIR, "docs", "report-schema.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_valid (JsonNode *schema, JsonNode *instance)
{
  g_autofree char *problem = NULL;

  if (!lk_json_schema_validate (schema, instance, &problem))
    g_error ("the JSON report does not validate: %s", problem);
}

static void
test_json (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  SampleSpec specs[] = {
    { .n_decisions = 4, .hostile = TRUE },
    { .n_decisions = 0 },
    { .n_decisions = 2, .cyrillic = TRUE, .long_rationale = TRUE, .broken_chain = TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    for (int audit = 0; audit < 2; audit++)
      {
        g_autoptr(LkReportData) data = sample_data (&specs[i]);
        g_autofree char *text = render_text (data, LK_REPORT_FORMAT_JSON, audit);
        g_autoptr(JsonNode) root = parse_json (text);
        JsonObject *o = json_node_get_object (root);
        JsonArray *decisions = json_object_get_array_member (o, "decisions");
        JsonObject *integrity = json_object_get_object_member (o, "integrity");
        JsonArray *entries = json_object_get_array_member (json_object_get_object_member (o, "audit"), "entries");

        assert_valid (schema, root);
        g_assert_cmpuint (json_array_get_length (decisions), ==, data->decisions->len);
        g_assert_cmpuint (json_array_get_length (entries), ==, audit == LK_REPORT_AUDIT_FULL ? 40 : 2);
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (integrity, "audit"), "head"),
                         ==, data->audit_head);
        g_assert_true (json_object_get_boolean_member (json_object_get_object_member (integrity, "audit"), "ok")
                       == data->audit_ok);
        for (guint j = 0; j < data->decisions->len; j++)
          {
            LkReportDecision *d = g_ptr_array_index (data->decisions, j);
            JsonObject *jd = json_array_get_object_element (decisions, j);

            g_assert_cmpstr (json_object_get_string_member (jd, "rationale"), ==, d->record.rationale);
            g_assert_cmpstr (json_object_get_string_member (jd, "outcome"), ==, d->record.outcome);
          }
      }
}

static void
test_json_schema_rejects (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  SampleSpec spec = { .n_decisions = 1 };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *text = render_text (data, LK_REPORT_FORMAT_JSON, LK_REPORT_AUDIT_FULL);
  const char *breakages[][2] = {
    { "\"outcome\" : \"identified\"", "\"outcome\" : \"match\"" },
    { "\"format\" : \"likeness-report\"", "\"format\" : \"likeness-report\", \"extra\" : 1" },
    { "\"version\" : 3", "\"version\" : \"3\"" },
  };

  /* The validator is real: each change to a valid report makes it fail. */
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *problem = NULL;
      g_auto(GStrv) parts = g_strsplit (text, breakages[i][0], 2);
      g_autofree char *broken = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      broken = g_strjoin (breakages[i][1], parts[0], parts[1], NULL);
      root = parse_json (broken);
      g_assert_false (lk_json_schema_validate (schema, root, &problem));
      g_assert_nonnull (problem);
    }
}

/* A strict RFC 4180 reader: every field quoted as the writer does. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        while (*p && *p != ',' && *p != '\r')
          g_string_append_c (field, *p++);
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv (void)
{
  SampleSpec spec = { .n_decisions = 5, .hostile = TRUE, .cyrillic = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *text = render_text (data, LK_REPORT_FORMAT_CSV, LK_REPORT_AUDIT_FULL);
  g_autoptr(GPtrArray) rows = parse_csv (text);
  GPtrArray *header = g_ptr_array_index (rows, 0);
  guint rationale = 0, outcome = 0, person = 0;

  g_assert_cmpuint (rows->len, ==, data->decisions->len + 1);
  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_ptr_array_index (header, i);
      rationale = strcmp (name, "rationale") == 0 ? i : rationale;
      outcome = strcmp (name, "outcome") == 0 ? i : outcome;
      person = strcmp (name, "person_name") == 0 ? i : person;
    }
  g_assert_cmpuint (rationale * outcome * person, >, 0);
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      LkReportDecision *d = g_ptr_array_index (data->decisions, i - 1);

      g_assert_cmpuint (row->len, ==, header->len);
      g_assert_cmpstr (g_ptr_array_index (row, rationale), ==, d->record.rationale);
      g_assert_cmpstr (g_ptr_array_index (row, outcome), ==, d->record.outcome);
      g_assert_cmpstr (g_ptr_array_index (row, person), ==, d->record.person_name);
    }
}

/* Bare and hostile data: nothing set at all, then invalid UTF-8, a name of
 * 20,000 characters without a space and a corrupt image.  Every format still
 * comes out, and the JSON still validates. */
static void
test_bare_and_hostile (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autoptr(LkReportData) bare = lk_report_data_new ();
  SampleSpec spec = { .n_decisions = 2 };
  g_autoptr(LkReportData) hostile = sample_data (&spec);
  LkReportDecision *d = g_ptr_array_index (hostile->decisions, 0);
  LkReportData *all[] = { bare, hostile };

  g_free (d->record.person_name);
  d->record.person_name = g_strnfill (20000, 'W');
  g_free (d->record.rationale);
  d->record.rationale = g_strdup ("bad \xff\xfe bytes \xc3 here");
  g_free (hostile->title);
  hostile->title = g_strdup ("Case \xe2\x82 broken");
  g_bytes_unref (d->probe.photo);
  d->probe.photo = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);
  g_bytes_unref (d->candidate.chip);
  d->candidate.chip = g_bytes_new_static ("\xff\xd8\xff\xe0 truncated", 14);
  lk_report_decision_free (g_ptr_array_steal_index (hostile->decisions, 1));
  /* A decision with nothing set but its number and outcome. */
  g_ptr_array_add (hostile->decisions, lk_report_decision_new ());
  ((LkReportDecision *) g_ptr_array_index (hostile->decisions, 1))->record.id = 99;
  ((LkReportDecision *) g_ptr_array_index (hostile->decisions, 1))->record.outcome = g_strdup ("inconclusive");

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    for (int format = LK_REPORT_FORMAT_PDF; format <= LK_REPORT_FORMAT_CSV; format++)
      {
        g_autofree char *text = render_text (all[i], format, LK_REPORT_AUDIT_FULL);

        g_assert_true (g_utf8_validate (text, -1, NULL) || format == LK_REPORT_FORMAT_PDF);
        if (format == LK_REPORT_FORMAT_JSON)
          {
            g_autoptr(JsonNode) root = parse_json (text);
            assert_valid (schema, root);
          }
        if (format == LK_REPORT_FORMAT_HTML)
          check_html (all[i], text);
      }
}

static void
assert_xpath (htmlDocPtr doc, const char *xpath, int at_least)
{
  int n = xpath_count (doc, xpath);

  if (n < at_least)
    g_error ("%s: %d found, %d expected", xpath, n, at_least);
}

/* Case text isolated, values kept whole, the audit log readable, a quality
 * decision without a candidate, and the flagged decision marked. */
static void
test_html_marks (void)
{
  SampleSpec spec = { .n_decisions = 4, .bidi = TRUE, .flagged = TRUE, .broken_chain = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *html = render_text (data, LK_REPORT_FORMAT_HTML, LK_REPORT_AUDIT_FULL);
  htmlDocPtr doc = htmlReadMemory (html, strlen (html), "report.html", "UTF-8", HTML_PARSE_NONET);
  LkReportEvidence *evidence = g_ptr_array_index (data->evidence, 0);
  g_autofree char *hash_xpath = g_strdup_printf ("//span[@class='hash'][.='%s']", evidence->sha256);
  g_autofree char *time = lk_report_time_local (((LkReportAuditEntry *) g_ptr_array_index (data->audit, 0))->time);
  g_autofree char *time_xpath = g_strdup_printf ("//td[@class='ts'][.='%s']", time);
  const char *quality, *next;

  check_html (data, html);
  assert_xpath (doc, "//*[@dir='auto'][contains(., '\u202ESmith')]", 1);
  assert_xpath (doc, "//*[@dir='auto'][.='Dana \u202EAnalyst']", 0);
  g_assert_cmpint (xpath_count (doc, "//*[@dir='auto'][contains(., 'Analyst')]"), >, 0);
  assert_xpath (doc, hash_xpath, 1);
  assert_xpath (doc, time_xpath, 1);
  g_assert_nonnull (strstr (html, ".ts{white-space:nowrap"));
  g_assert_nonnull (strstr (html, "white-space:nowrap"));
  /* The audit log in words. */
  assert_xpath (doc, "//table[@class='audit']//td[.='Decision recorded']", 1);
  g_assert_nonnull (strstr (html, "identified as"));
  g_assert_nonnull (strstr (html, "(strength moderate)"));
  /* The cover's counts and its sections, linked. */
  g_assert_nonnull (strstr (html, "All decisions recorded"));
  g_assert_nonnull (strstr (html, "Decisions in force (current)"));
  assert_xpath (doc, "//a[@href='#decision-13']", 1);
  /* The flagged decision, and only it, carries the mark. */
  g_assert_cmpint (xpath_count (doc, "//p[@class='integrity']"), ==, 1);
  assert_xpath (doc, "//div[@id='decision-11']//p[@class='integrity'][contains(., 'failed the integrity check')]", 1);
  /* The quality decision's section has no candidate. */
  quality = strstr (html, "id=\"decision-13\"");
  g_assert_nonnull (quality);
  next = strstr (quality, "Appendix A");
  g_assert_nonnull (next);
  g_assert_null (g_strstr_len (quality, next - quality, "CANDIDATE"));
  g_assert_nonnull (g_strstr_len (quality, next - quality, "Quality record of the probe face"));
  xmlFreeDoc (doc);
}

/* JSON and CSV carry the mark; the JSON keeps each entry's raw details. */
static void
test_json_csv_marks (void)
{
  SampleSpec spec = { .n_decisions = 3, .flagged = TRUE, .broken_chain = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *json = render_text (data, LK_REPORT_FORMAT_JSON, LK_REPORT_AUDIT_FULL);
  g_autofree char *csv = render_text (data, LK_REPORT_FORMAT_CSV, LK_REPORT_AUDIT_FULL);
  g_autoptr(JsonNode) schema = load_schema ();
  g_autoptr(JsonNode) root = parse_json (json);
  JsonObject *report = json_node_get_object (root);
  JsonArray *decisions = json_object_get_array_member (report, "decisions");
  JsonObject *counts = json_object_get_object_member (report, "counts");
  JsonArray *entries = json_object_get_array_member (json_object_get_object_member (report, "audit"), "entries");
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  assert_valid (schema, root);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (decisions, 1), "integrity"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (decisions, 0), "integrity"), ==, "unflagged");
  g_assert_cmpint (json_object_get_int_member (counts, "decisions_recorded"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (counts, "decisions_withdrawn"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (entries, 38), "details"),
                            "\"outcome\":\"identified\""));
  g_assert_nonnull (strstr (lines[0], ",report_section,integrity,integrity_message"));
  g_assert_nonnull (strstr (lines[0], ",integrity_message,verification_state,verifier,verifier_outcome,"));
  g_assert_true (g_str_has_suffix (lines[1], "\"1\",\"unflagged\",\"\",\"unverified\",\"\",\"\",\"\",\"\",\"\""));
  g_assert_nonnull (strstr (lines[2], "\"2\",\"failed\",\"decision 11 does not match"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/html/parses-and-embeds", test_html);
  g_test_add_func ("/report/html/broken-and-empty", test_html_broken_and_empty);
  g_test_add_func ("/report/json/validates", test_json);
  g_test_add_func ("/report/json/schema-rejects", test_json_schema_rejects);
  g_test_add_func ("/report/csv/rows", test_csv);
  g_test_add_func ("/report/bare-and-hostile", test_bare_and_hostile);
  g_test_add_func ("/report/html/marks", test_html_marks);
  g_test_add_func ("/report/json-csv/marks", test_json_csv_marks);
  return g_test_run ();
}
