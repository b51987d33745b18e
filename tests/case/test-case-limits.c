/* test-case-limits.c — text the case store accepts (length, UTF-8, control
 * characters) and how likeness-cli shows case text on a terminal. */
#define G_LOG_DOMAIN "test-case-limits"

#include "lk-config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "case/lk-case.h"
#include "case/lk-case-match.h"
#include "case-fixture.h"

static char *
repeat (char c, gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

static void
assert_invalid (GError *error, const char *fragment)
{
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_check_text (void)
{
  g_autofree char *name200 = repeat ('a', LK_CASE_MAX_NAME_CHARS);
  g_autofree char *name201 = repeat ('a', LK_CASE_MAX_NAME_CHARS + 1);
  g_autoptr(GError) error = NULL;
  /* 200 characters of two bytes each: the limit counts characters, not bytes. */
  g_autoptr(GString) accented = g_string_new (NULL);

  for (int i = 0; i < LK_CASE_MAX_NAME_CHARS; i++)
    g_string_append (accented, "é");
  g_assert_true (lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, name200, NULL));
  g_assert_true (lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, accented->str, NULL));
  g_assert_true (lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, NULL, NULL));
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, name201, &error));
  assert_invalid (error, "name is too long: 201 characters; the limit is 200 characters");
  g_clear_error (&error);
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_ALIAS, "A\xff" "B", &error));
  assert_invalid (error, "is not valid UTF-8 text");
  g_clear_error (&error);
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, "A\x1b[2JB", &error));
  assert_invalid (error, "control character (U+001B)");
  g_clear_error (&error);
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_TITLE, "two\nlines", &error));
  assert_invalid (error, "must be one line");
  g_clear_error (&error);
  /* C1 controls are controls too (U+009B is CSI). */
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_ANALYST, "A\xc2\x9b" "2J", &error));
  assert_invalid (error, "U+009B");
  g_clear_error (&error);
  g_assert_true (lk_case_check_text (LK_CASE_FIELD_RATIONALE, "line one\n\tline two\r\n", NULL));
  g_assert_false (lk_case_check_text (LK_CASE_FIELD_RATIONALE, "bell\a", &error));
  assert_invalid (error, "rationale contains a control character");
}

/* Every write entry point refuses, and nothing is written. */
static void
test_store_refuses (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *long_name = repeat ('x', 131072);
  g_autofree char *long_text = repeat ('y', LK_CASE_MAX_TEXT_CHARS + 1);
  g_autofree char *ok_text = repeat ('y', LK_CASE_MAX_TEXT_CHARS);
  const char *bad_aliases[] = { "fine", "bad\x1b]0;owned\a", NULL };
  LkPersonFields fields = { "Ann" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = lk_case_list_audit (f->kase, 0, 0, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LkPerson) person = NULL;

  fields.display_name = long_name;
  g_assert_cmpint (lk_case_add_person (f->kase, "Ana", &fields, &error), ==, 0);
  assert_invalid (error, "The person’s name is too long: 131072 characters");
  g_clear_error (&error);
  fields.display_name = "Ann";
  fields.aliases = bad_aliases;
  g_assert_false (lk_case_edit_person (f->kase, "Ana", f->person, &fields, &error));
  assert_invalid (error, "An alias contains a control character");
  g_clear_error (&error);
  fields.aliases = NULL;
  fields.notes = long_text;
  g_assert_false (lk_case_edit_person (f->kase, "Ana", f->person, &fields, &error));
  assert_invalid (error, "The notes field is too long");
  g_clear_error (&error);
  g_assert_cmpint (lk_case_add_person (f->kase, "A\nB", &(LkPersonFields) { "Bob" }, &error), ==, 0);
  assert_invalid (error, "The analyst’s name must be one line");
  g_clear_error (&error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                         long_text, &error), ==, 0);
  assert_invalid (error, "The rationale is too long: 20001 characters; the limit is 20000 characters");
  g_clear_error (&error);
  g_assert_false (lk_case_set_info (f->kase, "Ana", long_name, NULL, NULL, &error));
  assert_invalid (error, "The case title is too long");
  g_clear_error (&error);
  g_assert_false (lk_case_set_person_retired (f->kase, "Ana", f->person, TRUE, "gone\x1b[8m", &error));
  assert_invalid (error, "The reason contains a control character");
  g_clear_error (&error);
  g_assert_false (lk_case_set_face_not_a_face (f->kase, "Ana", f->probe_face, TRUE, "\xfe", &error));
  assert_invalid (error, "The reason is not valid UTF-8 text");
  g_clear_error (&error);
  g_assert_false (lk_case_set_photo_review_note (f->kase, "Ana", f->probe_photo, long_text, &error));
  assert_invalid (error, "The review note is too long");
  g_clear_error (&error);
  after = lk_case_list_audit (f->kase, 0, 0, NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  /* At the limit is fine. */
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                         ok_text, &error), >, 0);
  g_assert_no_error (error);
  person = lk_case_get_person (f->kase, f->person, &error);
  g_assert_no_error (error);
  g_assert_false (person->retired);
}

/* Undoing quotes the restored rationale: at the limit, that must not make
 * the undo itself impossible. */
static void
test_undo_long_rationale (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *ok_text = repeat ('y', LK_CASE_MAX_TEXT_CHARS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) current = NULL;
  gint64 first, undo;
  LkDecision *restored;

  first = lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_INCONCLUSIVE, NULL,
                                ok_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                         "second look", &error), >, 0);
  g_assert_no_error (error);
  undo = lk_case_undo_decision (f->kase, "Ana", f->probe_face, "wrong button", &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo, >, 0);
  current = lk_case_list_decisions (f->kase, f->probe_face, TRUE, &error);
  g_assert_cmpuint (current->len, ==, 1);
  restored = current->pdata[0];
  g_assert_cmpint (restored->outcome, ==, LK_OUTCOME_INCONCLUSIVE);
  g_assert_nonnull (strstr (restored->rationale, "wrong button"));
  g_assert_nonnull (strstr (restored->rationale, "(see its rationale)"));
  g_assert_cmpint (first, >, 0);
}

static void
test_create_refuses (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.likeness", NULL);
  g_autofree char *long_title = repeat ('t', LK_CASE_MAX_TITLE_CHARS + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_create (path, long_title, NULL, NULL, "Ana", &error);

  g_assert_null (kase);
  assert_invalid (error, "The case title is too long: 301 characters; the limit is 300 characters");
  /* Refused before anything was made. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  case_fixture_rmtree (dir);
}

/* ---- likeness-cli ------------------------------------------------------ */

typedef CaseCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, case_cli_run_clear)

static void
assert_no_escape (const Run *r)
{
  g_assert_null (strchr (r->out, '\x1b'));
  g_assert_null (strchr (r->err, '\x1b'));
  g_assert_null (strstr (r->out, "\xc2\x9b"));
}

/* A case written before the limits (or by hand) may hold anything: the CLI
 * must show it without letting it drive the terminal. */
static void
test_cli_escapes (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_auto(Run) list = { 0 }, json = { 0 }, faces = { 0 }, decisions = { 0 }, audit = { 0 };
  g_autofree char *sql = NULL;
  gint64 photo;

  photo = case_fixture_add_photo (f, "evil\x1b[2J\r\n.jpg", "pixels", LK_PHOTO_ROLE_PROBE, NULL);
  case_fixture_add_face (f, photo, 0.5f);
  /* An accented analyst: the audit log's JSON once escaped it as octal. */
  g_assert_cmpint (lk_case_add_decision (f->kase, "José Ñ", f->probe_face, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                         "different ears\nsee the chin", NULL), >, 0);
  lk_case_close (f->kase);
  sql = g_strdup_printf ("UPDATE persons SET display_name = 'A' || char(27) || '[2JB' || char(155) || 'C' "
                         "WHERE id = %" G_GINT64_FORMAT, f->person);
  case_fixture_attack (f->path, sql);
  case_fixture_attack (f->path, "UPDATE analysts SET name = 'Eve' || char(27) || ']0;owned' || char(7) "
                                "WHERE name = 'José Ñ'");

  case_fixture_cli (&list, "person", "list", "--case", f->path, NULL);
  g_assert_cmpint (list.status, ==, 0);
  assert_no_escape (&list);
  g_assert_nonnull (strstr (list.out, "A\\e[2JB\\u009bC"));
  case_fixture_cli (&json, "person", "list", "--case", f->path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strchr (json.out, '\x1b'));
  g_assert_nonnull (strstr (json.out, "\\u001b[2JB\\u009bC"));
  g_assert_null (strstr (json.out, "\xc2\x9b"));
  case_fixture_cli (&faces, "faces", "--case", f->path, NULL);
  g_assert_cmpint (faces.status, ==, 0);
  assert_no_escape (&faces);
  g_assert_null (strchr (faces.out, '\r'));
  g_assert_nonnull (strstr (faces.out, "evil\\e[2J\\r\\n.jpg"));
  case_fixture_cli (&decisions, "decisions", "--case", f->path, NULL);
  g_assert_cmpint (decisions.status, ==, 0);
  assert_no_escape (&decisions);
  g_assert_nonnull (strstr (decisions.out, "Eve\\e]0;owned\\x07"));
  /* One decision, one line: the rationale's newline cannot forge a row. */
  g_assert_nonnull (strstr (decisions.out, "different ears\\nsee the chin"));
  case_fixture_cli (&audit, "audit", "log", "--case", f->path, "--json", NULL);
  g_assert_cmpint (audit.status, ==, 0);
  g_assert_null (strchr (audit.out, '\x1b'));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    /* Valid JSON even with control characters and accents in it. */
    g_assert_true (json_parser_load_from_data (parser, audit.out, -1, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (audit.out, "\"José Ñ\""));
  }
}

static void
test_cli_names (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.likeness", NULL);
  /* 131,000 bytes: Linux takes at most 128 KiB in one argument. */
  g_autofree char *long_name = repeat ('x', 131000);
  g_auto(Run) made = { 0 }, dash = { 0 }, list = { 0 }, lng = { 0 }, esc = { 0 }, bad = { 0 }, bad_opt = { 0 };

  case_fixture_cli (&made, "case", "new", path, "--title", "Names", "--analyst", "Ana", NULL);
  g_assert_cmpint (made.status, ==, 0);
  /* A name may start with "-": "--" ends the options. */
  case_fixture_cli (&dash, "person", "add", "--case", path, "--analyst", "Ana", "--", "-Ann", NULL);
  g_assert_cmpint (dash.status, ==, 0);
  case_fixture_cli (&list, "person", "list", "--case", path, NULL);
  g_assert_nonnull (strstr (list.out, " -Ann "));
  case_fixture_cli (&lng, "person", "add", "--case", path, "--analyst", "Ana", long_name, NULL);
  g_assert_cmpint (lng.status, ==, 1);
  g_assert_nonnull (strstr (lng.err, "too long: 131000 characters; the limit is 200 characters"));
  case_fixture_cli (&esc, "person", "add", "--case", path, "--analyst", "Ana", "A\x1b[2JB", NULL);
  g_assert_cmpint (esc.status, ==, 1);
  assert_no_escape (&esc);
  g_assert_nonnull (strstr (esc.err, "control character"));
  case_fixture_cli (&bad, "person", "add", "--case", path, "--analyst", "Ana", "A\xff" "B", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "“A\\xffB” is not valid UTF-8 text"));
  case_fixture_cli (&bad_opt, "person", "add", "--case", path, "--analyst", "Ana", "--notes", "\xfe", "Bob", NULL);
  g_assert_cmpint (bad_opt.status, ==, 2);
  g_assert_nonnull (strstr (bad_opt.err, "is not valid UTF-8 text"));
  case_fixture_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/limits/check-text", test_check_text);
  g_test_add_func ("/case/limits/store-refuses", test_store_refuses);
  g_test_add_func ("/case/limits/create-refuses", test_create_refuses);
  g_test_add_func ("/case/limits/undo-long-rationale", test_undo_long_rationale);
  g_test_add_func ("/case/limits/cli-escapes", test_cli_escapes);
  g_test_add_func ("/case/limits/cli-names", test_cli_names);
  return g_test_run ();
}
