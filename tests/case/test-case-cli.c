/* The case commands of likeness-cli, run as a user would ($LIKENESS_CLI). */
#define G_LOG_DOMAIN "test-case-cli"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "case/lk-case.h"
#include "case-fixture.h"

typedef CaseCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, case_cli_run_clear)

typedef struct {
  GMainLoop *loop;
  gboolean   done;
  char      *out, *err;
} Bounded;

static void
communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bounded *b = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &b->out, &b->err, &error);
  g_assert_no_error (error);
  b->done = TRUE;
  g_main_loop_quit (b->loop);
}

static gboolean
too_long (gpointer user_data)
{
  g_main_loop_quit (((Bounded *) user_data)->loop);
  return G_SOURCE_REMOVE;
}

/* Like cli(), but a command still running after `seconds` is killed and the
 * test fails: a hang must fail the test, not the whole run. */
static void
cli_bounded (Run *r, guint seconds, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Bounded b = { loop, FALSE, NULL, NULL };
  const char *arg;
  va_list args;
  guint timer;

  g_ptr_array_add (argv, (char *) g_getenv ("LIKENESS_CLI"));
  va_start (args, seconds);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_newv ((const char * const *) argv->pdata,
                             G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (child, NULL, NULL, communicated, &b);
  timer = g_timeout_add_seconds (seconds, too_long, &b);
  g_main_loop_run (loop);
  if (!b.done)
    {
      g_subprocess_force_exit (child);
      g_error ("%s did not end within %u s", (char *) argv->pdata[1], seconds);
    }
  g_source_remove (timer);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (child));
  r->status = g_subprocess_get_exit_status (child);
  r->out = b.out;
  r->err = b.err;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_help_and_usage (void)
{
  const char *commands[][2] = {
    { "case", "new" }, { "case", "info" }, { "person", "add" }, { "person", "list" }, { "faces", NULL },
    { "audit", "verify" }, { "audit", "head" }, { "audit", "log" }, { "evidence", "verify" }, { "export", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) help = { 0 };
      g_auto(Run) bad = { 0 };
      g_auto(Run) unknown = { 0 };

      if (commands[i][1] != NULL)
        {
          case_fixture_cli (&help, commands[i][0], commands[i][1], "--help", NULL);
          case_fixture_cli (&bad, commands[i][0], commands[i][1], "extra", "arguments", "here", NULL);
          case_fixture_cli (&unknown, commands[i][0], commands[i][1], "--no-such-option", NULL);
        }
      else
        {
          case_fixture_cli (&help, commands[i][0], "--help", NULL);
          case_fixture_cli (&bad, commands[i][0], "extra", "arguments", "here", NULL);
          case_fixture_cli (&unknown, commands[i][0], "--no-such-option", NULL);
        }
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "Usage:"));
      g_assert_cmpint (bad.status, ==, 2);
      g_assert_cmpint (unknown.status, ==, 2);
    }
}

static void
test_new_info_persons (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.likeness", NULL);
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 };
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) persons = NULL;
  JsonObject *person;

  case_fixture_cli (&r1, "case", "new", path, "--number", "17", NULL);
  g_assert_cmpint (r1.status, ==, 2);                  /* --title missing */
  case_fixture_cli (&r2, "case", "new", path, "--title", "Demo", "--number", "17", "--analyst", "Ana", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  case_fixture_cli (&r3, "case", "new", path, "--title", "Again", NULL);
  g_assert_cmpint (r3.status, ==, 3);                  /* exists */
  case_fixture_cli (&r4, "person", "add", "--case", path, "Jane Doe", "--alias", "JD", "--alias", "Janie",
       "--notes", "from the family", "--external-ref", "MP-1", "--analyst", "Ben", NULL);
  g_assert_cmpint (r4.status, ==, 0);
  case_fixture_cli (&r5, "person", "list", "--case", path, "--json", NULL);
  g_assert_cmpint (r5.status, ==, 0);
  persons = parse_json (r5.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (persons)), ==, 1);
  person = json_array_get_object_element (json_node_get_array (persons), 0);
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Jane Doe");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (person, "aliases")), ==, 2);
  case_fixture_cli (&r6, "case", "info", path, "--json", NULL);
  g_assert_cmpint (r6.status, ==, 0);
  info = parse_json (r6.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (info), "title"), ==, "Demo");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (info), "persons"), ==, 1);
  case_fixture_cli (&r7, "person", "add", "--case", path, "   ", NULL);
  g_assert_cmpint (r7.status, ==, 1);
  g_assert_nonnull (strstr (r7.err, "name"));
  case_fixture_rmtree (dir);
}

static void
test_faces_json (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *faces;
  JsonObject *face;

  lk_case_add_decision (f->kase, "Ana", f->probe_face, f->person, LK_OUTCOME_IDENTIFIED, "strong", "scar", &error);
  g_assert_no_error (error);
  g_clear_object (&f->kase);
  case_fixture_cli (&r, "faces", "--case", f->path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  faces = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (faces), ==, 3);
  face = json_array_get_object_element (faces, 0);
  g_assert_cmpint (json_object_get_int_member (face, "id"), ==, f->probe_face);
  g_assert_cmpint (json_object_get_int_member (face, "photo_id"), ==, f->probe_photo);
  g_assert_cmpstr (json_object_get_string_member (face, "file"), ==, "probe.jpg");
  g_assert_cmpstr (json_object_get_string_member (face, "role"), ==, "probe");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (face, "box")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (face, "origin"), ==, "detected");
  g_assert_cmpstr (json_object_get_string_member (face, "status"), ==, "identified");
  g_assert_cmpstr (json_object_get_string_member (face, "person_name"), ==, "Robert Roe");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (face, "quality")));
  face = json_array_get_object_element (faces, 1);
  g_assert_cmpstr (json_object_get_string_member (face, "status"), ==, "unreviewed");
  g_assert_true (json_object_get_null_member (face, "person_id"));
  face = json_array_get_object_element (faces, 2);
  g_assert_cmpstr (json_object_get_string_member (face, "status"), ==, "reference");
}

/* An identification has no default strength: without --strength it is
 * refused, nothing is recorded; with one it is recorded as given. */
static void
test_decide_needs_strength (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *face = g_strdup_printf ("%" G_GINT64_FORMAT, f->probe_face);
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->person);
  g_auto(Run) refused = { 0 }, recorded = { 0 };
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  g_clear_object (&f->kase);
  case_fixture_cli (&refused, "decide", "--case", f->path, "--face", face, "--person", person,
       "--outcome", "identified", "--rationale", "same scar", "--analyst", "Ana", NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "--strength"));
  case_fixture_cli (&recorded, "decide", "--case", f->path, "--face", face, "--person", person,
       "--outcome", "identified", "--strength", "moderate", "--rationale", "same scar",
       "--analyst", "Ana", NULL);
  g_assert_cmpint (recorded.status, ==, 0);
  kase = lk_case_open (f->path, LK_CASE_OPEN_READ_ONLY, NULL);
  decisions = lk_case_list_decisions (kase, f->probe_face, FALSE, NULL);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpstr (((LkDecision *) decisions->pdata[0])->strength, ==, "moderate");
}

static void
test_audit_and_evidence (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *head = lk_case_get_audit_head (f->kase, NULL, NULL);
  g_autofree char *evidence = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *export = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *bytes = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 }, r8 = { 0 };
  g_auto(Run) r9 = { 0 };
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(JsonNode) exported = NULL;
  gsize n = 0;

  g_clear_object (&f->kase);
  case_fixture_cli (&r1, "audit", "head", "--case", f->path, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpstr (g_strstrip (r1.out), ==, head);
  case_fixture_cli (&r2, "audit", "verify", "--case", f->path, "--expect-head", head, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  case_fixture_cli (&r3, "audit", "log", "--case", f->path, "--json", NULL);
  g_assert_cmpint (r3.status, ==, 0);
  log = parse_json (r3.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (log)), >, 5);
  case_fixture_cli (&r4, "export", "--case", f->path, "--json", export, NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_true (g_file_get_contents (export, &bytes, NULL, NULL));
  exported = parse_json (bytes);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (exported),
                   "audit_head"), "hash"), ==, head);
  case_fixture_cli (&r5, "evidence", "verify", "--case", f->path, NULL);
  g_assert_cmpint (r5.status, ==, 0);

  /* The tamper cases by hand, as the user would. */
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (evidence, &bytes, &n, NULL));
  bytes[n - 1] ^= 0x20;
  g_chmod (evidence, 0644);
  g_assert_true (g_file_set_contents (evidence, bytes, n, NULL));
  case_fixture_cli (&r6, "evidence", "verify", "--case", f->path, NULL);
  g_assert_cmpint (r6.status, ==, 4);
  g_assert_nonnull (strstr (r6.err, "probe.jpg"));
  case_fixture_attack (f->path, "UPDATE decisions SET rationale = rationale; "
                                "UPDATE persons SET display_name = 'Someone Else' WHERE id = 1");
  case_fixture_cli (&r7, "audit", "verify", "--case", f->path, NULL);
  g_assert_cmpint (r7.status, ==, 4);
  g_assert_nonnull (strstr (r7.err, "person 1"));
  case_fixture_cli (&r8, "audit", "verify", "--case", "/nonexistent/x.likeness", NULL);
  g_assert_cmpint (r8.status, ==, 3);
  case_fixture_cli (&r9, "audit", "verify", NULL);
  g_assert_cmpint (r9.status, ==, 2);
}

static void
test_locked (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_auto(Run) r = { 0 };
  g_auto(Run) ro = { 0 };
  g_autofree char *pid = g_strdup_printf ("process %d", (int) getpid ());

  /* This process holds the case open for writing. */
  case_fixture_cli (&r, "person", "add", "--case", f->path, "Second Writer", NULL);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, pid));
  case_fixture_cli (&ro, "person", "list", "--case", f->path, NULL);
  g_assert_cmpint (ro.status, ==, 0);
  g_assert_nonnull (strstr (ro.out, "Robert Roe"));
}

/* A pipe in evidence/ made `report` and `evidence verify` wait for a writer
 * for ever, deaf to Ctrl+C.  Both now end at once and say which file. */
static void
test_fifo_in_evidence (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *evidence = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *output = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *name = g_path_get_basename (evidence);
  g_auto(Run) verify = { 0 };
  g_auto(Run) report = { 0 };

  g_clear_object (&f->kase);
  g_chmod (evidence, 0644);
  g_assert_cmpint (g_unlink (evidence), ==, 0);
  g_assert_cmpint (mkfifo (evidence, 0644), ==, 0);

  cli_bounded (&verify, 60, "evidence", "verify", "--case", f->path, NULL);
  g_assert_cmpint (verify.status, ==, 4);
  g_assert_nonnull (strstr (verify.err, name));
  g_assert_nonnull (strstr (verify.err, "pipe"));

  cli_bounded (&report, 120, "report", "--case", f->path, "--format", "json", "--output", output,
               "--analyst", "Ana", NULL);
  g_assert_cmpint (report.status, ==, 1);
  g_assert_nonnull (strstr (report.err, "photo unavailable"));
  g_assert_nonnull (strstr (report.err, "not a regular file"));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
}

/* Has the process installed its handlers for SIGINT and SIGTERM yet? */
static gboolean
catches_signals (const char *pid)
{
  g_autofree char *status_path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *status = NULL;
  const char *line;
  guint64 mask;

  if (!g_file_get_contents (status_path, &status, NULL, NULL) || (line = strstr (status, "SigCgt:")) == NULL)
    return FALSE;
  mask = g_ascii_strtoull (line + strlen ("SigCgt:"), NULL, 16);
  return (mask & (1 << (SIGINT - 1))) && (mask & (1 << (SIGTERM - 1)));
}

static void
wait_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bounded *b = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  b->done = TRUE;
  g_main_loop_quit (b->loop);
}

/* Starts the command, signals it once it listens, and expects exit 130 and
 * "Interrupted." well within 20 s. */
static void
assert_interrupted (int signum, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *err = NULL;
  Bounded b = { loop, FALSE, NULL, NULL };
  guint bound;

  g_ptr_array_add (argv, (char *) g_getenv ("LIKENESS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  while (!catches_signals (g_subprocess_get_identifier (child)) && g_timer_elapsed (timer, NULL) < 20)
    g_usleep (10 * 1000);
  g_assert_true (catches_signals (g_subprocess_get_identifier (child)));
  g_usleep (300 * 1000);   /* let it get to work */
  g_timer_start (timer);
  g_subprocess_send_signal (child, signum);
  g_subprocess_wait_async (child, NULL, wait_done, &b);
  bound = g_timeout_add_seconds (20, too_long, &b);
  g_main_loop_run (loop);
  if (!b.done)
    {
      g_subprocess_force_exit (child);
      g_error ("%s did not end within 20 s of signal %d", args[0], signum);
    }
  g_source_remove (bound);
  {
    g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));
    err = g_data_input_stream_read_upto (in, "", 0, NULL, NULL, NULL);
  }
  g_test_message ("%s after signal %d: %.1f s, %s", args[0], signum, g_timer_elapsed (timer, NULL), err);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 130);
  g_assert_nonnull (strstr (err, "Interrupted."));
}

/* Minutes of hashing (a sparse 64 GB evidence file takes no disk): report and
 * evidence verify at work answer SIGTERM and Ctrl+C, and the case is intact. */
static void
test_interrupt_long_commands (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *evidence = lk_case_get_evidence_path (f->kase, f->probe_photo, NULL);
  g_autofree char *output = g_build_filename (f->dir, "report.json", NULL);
  const char *verify[] = { "evidence", "verify", "--case", f->path, NULL };
  const char *report[] = { "report", "--case", f->path, "--format", "json", "--output", output, NULL };
  g_auto(Run) audit = { 0 };

  g_clear_object (&f->kase);
  g_chmod (evidence, 0644);
  g_assert_cmpint (truncate (evidence, (off_t) 64 << 30), ==, 0);
  assert_interrupted (SIGTERM, verify);
  assert_interrupted (SIGINT, verify);
  assert_interrupted (SIGTERM, report);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  case_fixture_cli (&audit, "audit", "verify", "--case", f->path, NULL);
  g_assert_cmpint (audit.status, ==, 0);
}

/* A case reached through a link to its case.db is refused with exit 3. */
static void
test_linked_case (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *other = g_build_filename (f->dir, "other.likeness", NULL);
  g_autofree char *db = g_build_filename (f->path, "case.db", NULL);
  g_autofree char *other_db = g_build_filename (other, "case.db", NULL);
  g_auto(Run) r = { 0 };

  g_clear_object (&f->kase);
  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  g_assert_cmpint (symlink (db, other_db), ==, 0);
  case_fixture_cli (&r, "person", "add", "--case", other, "Second Writer", NULL);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "Copy the case folder instead of linking it"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LIKENESS_CLI") == NULL || !g_file_test (g_getenv ("LIKENESS_CLI"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LIKENESS_CLI is not set to the built likeness-cli");
      return g_test_run ();
    }
  g_test_add_func ("/case/cli/help-and-usage", test_help_and_usage);
  g_test_add_func ("/case/cli/new-info-persons", test_new_info_persons);
  g_test_add_func ("/case/cli/faces-json", test_faces_json);
  g_test_add_func ("/case/cli/decide-needs-strength", test_decide_needs_strength);
  g_test_add_func ("/case/cli/audit-and-evidence", test_audit_and_evidence);
  g_test_add_func ("/case/cli/locked", test_locked);
  g_test_add_func ("/case/cli/fifo-in-evidence", test_fifo_in_evidence);
  g_test_add_func ("/case/cli/linked-case", test_linked_case);
  g_test_add_func ("/case/cli/interrupt-long-commands", test_interrupt_long_commands);
  return g_test_run ();
}
