/* likeness-cli import as a user (and a crash) meets it: kill -9 in the middle
 * of a 200-photo import and resume, two processes importing into one case, a
 * full disk, usage errors and exit codes. */
#define G_LOG_DOMAIN "test-import-cli"

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "import-test-util.h"

typedef struct {
  GPid              pid;
  GDataInputStream *err;
  int               err_fd;
} Child;

static char *
new_case_dir (const char *tmp)
{
  char *path = g_build_filename (tmp, "cli.likeness", NULL);
  const char *args[] = { "case", "new", path, "--title", "CLI import test",
                         "--analyst", ITU_ANALYST, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (itu_run_cli (args, &out, &err) != 0)
    g_error ("case new failed: %s", err);
  return path;
}

/* Starts `likeness-cli import --case CASE --role probe DIR` with stderr on a pipe. */
static void
spawn_import (Child *child, const char *case_path, const char *dir, char **envp)
{
  const char *argv[] = { itu_cli_path (), "import", "--case", case_path, "--role", "probe",
                         "--analyst", ITU_ANALYST, dir, NULL };
  g_autoptr(GError) error = NULL;
  GInputStream *raw;

  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD |
                            G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &child->pid,
                            NULL, NULL, &child->err_fd, &error);
  g_assert_no_error (error);
  raw = g_unix_input_stream_new (child->err_fd, TRUE);
  child->err = g_data_input_stream_new (raw);
  g_object_unref (raw);
}

/* Reads stderr until n progress lines ("[  k/N] …") went by; FALSE at EOF. */
static gboolean
wait_progress (Child *child, guint n)
{
  guint seen = 0;

  while (seen < n)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (child->err, NULL, NULL, NULL);

      if (line == NULL)
        return FALSE;
      if (line[0] == '[')
        seen++;
    }
  return TRUE;
}

/* Reads the rest of stderr, reaps the child; returns its wait status. */
static int
finish_child (Child *child, char **out_stderr)
{
  GString *rest = g_string_new (NULL);
  char *line;
  int status = 0;

  while ((line = g_data_input_stream_read_line_utf8 (child->err, NULL, NULL, NULL)) != NULL)
    {
      g_string_append (rest, line);
      g_string_append_c (rest, '\n');
      g_free (line);
    }
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_spawn_close_pid (child->pid);
  g_clear_object (&child->err);
  if (out_stderr != NULL)
    *out_stderr = g_string_free (rest, FALSE);
  else
    g_string_free (rest, TRUE);
  return status;
}

static void
assert_cli_verifies (const char *case_path)
{
  const char *audit[] = { "audit", "verify", "--case", case_path, NULL };
  const char *evidence[] = { "evidence", "verify", "--case", case_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int code;

  code = itu_run_cli (audit, &out, &err);
  g_test_message ("audit verify: %s%s", out, err);
  g_assert_cmpint (code, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  code = itu_run_cli (evidence, &out, &err);
  g_test_message ("evidence verify: %s%s", out, err);
  g_assert_cmpint (code, ==, 0);
}

static void
test_kill_and_resume (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-kill-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "photos", NULL);
  g_autofree char *case_path = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  guint kill_after[] = { 25, 40 };
  g_autofree char *err = NULL;
  Child child = { 0 };
  int status;

  if (!itu_require_engine (&engine))
    return;
  photos = itu_make_photos (dir, 200, 400);
  case_path = new_case_dir (tmp);

  /* Killed twice, at a random moment after some photos are in: inside the
   * analysis, the evidence copy or the transaction, whichever it is. */
  for (guint round = 0; round < G_N_ELEMENTS (kill_after); round++)
    {
      spawn_import (&child, case_path, dir, NULL);
      g_assert_true (wait_progress (&child, kill_after[round]));
      g_usleep (g_test_rand_int_range (0, 400) * 1000);
      g_assert_cmpint (kill (child.pid, SIGKILL), ==, 0);
      status = finish_child (&child, NULL);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
    }

  spawn_import (&child, case_path, dir, NULL);
  status = finish_child (&child, &err);
  g_test_message ("resumed import: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 200);
  assert_cli_verifies (case_path);
  itu_rm_rf (tmp);
}

static void
test_two_writers (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-two-XXXXXX");
  g_autofree char *dir_a = g_build_filename (tmp, "a", NULL);
  g_autofree char *dir_b = g_build_filename (tmp, "b", NULL);
  g_autofree char *case_path = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first_err = NULL;
  Child first = { 0 };
  int status;

  if (!itu_require_engine (&engine))
    return;
  a = itu_make_photos (dir_a, 24, 400);
  b = itu_make_photos (dir_b, 30, 360);   /* other sizes: other content */
  case_path = new_case_dir (tmp);

  spawn_import (&first, case_path, dir_a, NULL);
  g_assert_true (wait_progress (&first, 1));
  {
    const char *second[] = { "import", "--case", case_path, "--role", "probe", dir_b, NULL };
    const char *info[] = { "case", "info", case_path, NULL };

    /* The second writer is refused with words a user can act on... */
    g_assert_cmpint (itu_run_cli (second, &out, &err), ==, 3);
    g_test_message ("second writer: %s", err);
    g_assert_nonnull (strstr (err, "is open for writing by process"));
    /* ...while reading the case still works. */
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (itu_run_cli (info, &out, &err), ==, 0);
  }
  status = finish_child (&first, &first_err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 24);

  /* Once the first is done, the second goes through. */
  {
    const char *again[] = { "import", "--case", case_path, "--role", "probe", dir_b, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (itu_run_cli (again, &out, &err), ==, 0);
  }
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 54);
  itu_rm_rf (tmp);
}

/* The database limited to a few pages more than it has: the import stops
 * with a clear message, and what is in the case is whole. */
static void
test_database_full (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-full-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "photos", NULL);
  g_autofree char *case_path = NULL;
  g_autofree char *db = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_auto(GStrv) envp = NULL;
  GStatBuf st;
  Child child = { 0 };
  guint n;
  int status;

  if (!itu_require_engine (&engine))
    return;
  photos = itu_make_photos (dir, 20, 400);
  case_path = new_case_dir (tmp);
  db = g_build_filename (case_path, "case.db", NULL);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  /* About five photos' chips and rows: the rest cannot fit. */
  limit = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) st.st_size / 4096 + 40);
  envp = g_environ_setenv (g_get_environ (), "LIKENESS_CASE_MAX_PAGE_COUNT", limit, TRUE);

  spawn_import (&child, case_path, dir, envp);
  status = finish_child (&child, &err);
  g_test_message ("full import: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_nonnull (strstr (err, "full"));
  n = itu_assert_case_consistent (case_path);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 20);
  assert_cli_verifies (case_path);

  /* With room again, the same command finishes the rest. */
  spawn_import (&child, case_path, dir, NULL);
  status = finish_child (&child, NULL);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 20);
  itu_rm_rf (tmp);
}

/* A real full disk: a small tmpfs in a private mount namespace (unshare -rm),
 * where the case and its evidence fill it mid-import.  Skipped where user
 * namespaces are not allowed. */
static void
test_disk_full (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-tmpfs-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "photos", NULL);
  g_autofree char *mnt = g_build_filename (tmp, "mnt", NULL);
  g_autofree char *keep = g_build_filename (tmp, "keep", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *rc = NULL;
  g_autofree char *rc_path = g_build_filename (tmp, "rc", NULL);
  g_autofree char *full_case = g_build_filename (keep, "full.likeness", NULL);
  g_autofree char *done_case = g_build_filename (keep, "done.likeness", NULL);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  const char *probe[] = { "unshare", "-rm", "true", NULL };
  int status = 0;
  guint n;

  if (!itu_require_engine (&engine))
    return;
  if (!g_spawn_sync (NULL, (char **) probe, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("no private mount namespace here (unshare -rm): no tmpfs to fill");
      itu_rm_rf (tmp);
      return;
    }
  photos = itu_make_photos (dir, 30, 400);
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (keep, 0700), ==, 0);
  /* Inside the namespace: a 1 MiB tmpfs, the case on it, an import that fills
   * it; copies of the case after the failure and after the re-run with room. */
  script = g_strdup_printf (
    "set -u; C='%s'; M='%s'; K='%s'; D='%s'\n"
    "mount -t tmpfs -o size=1m tmpfs \"$M\" || exit 77\n"
    "\"$C\" case new \"$M/c.likeness\" --title Full --analyst '" ITU_ANALYST "' >/dev/null || exit 78\n"
    "\"$C\" import --case \"$M/c.likeness\" --role probe --analyst '" ITU_ANALYST "' \"$D\" 2>&1\n"
    "echo $? > '%s'\n"
    "cp -a \"$M/c.likeness\" \"$K/full.likeness\"\n"
    "mount -o remount,size=64m \"$M\"\n"
    "\"$C\" import --case \"$M/c.likeness\" --role probe --analyst '" ITU_ANALYST "' \"$D\" >/dev/null 2>&1 || exit 79\n"
    "cp -a \"$M/c.likeness\" \"$K/done.likeness\"\n",
    itu_cli_path (), mnt, keep, dir, rc_path);
  {
    const char *argv[] = { "unshare", "-rm", "sh", "-c", script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
  }
  g_test_message ("full disk run: %s%s", out, err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("tmpfs cannot be mounted in a user namespace here");
      itu_rm_rf (tmp);
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_get_contents (rc_path, &rc, NULL, NULL));
  g_assert_cmpstr (g_strstrip (rc), ==, "3");
  g_assert_nonnull (strstr (out, "full"));
  n = itu_assert_case_consistent (full_case);
  g_assert_cmpuint (n, <, 30);
  g_assert_cmpuint (itu_assert_case_consistent (done_case), ==, 30);
  itu_rm_rf (tmp);
}

static void
test_usage_errors (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-usage-XXXXXX");
  g_autofree char *case_path = new_case_dir (tmp);
  g_autofree char *missing = g_build_filename (tmp, "no such folder", NULL);
  g_autofree char *text = g_build_filename (tmp, "notes.txt", NULL);
  g_autofree char *not_a_case = g_build_filename (tmp, "nothing.likeness", NULL);
  struct {
    const char *args[10];
    int         code;
    const char *says;
  } cases[] = {
    { { "import", "--help" }, 0, NULL },
    { { "import", "--case", case_path, tmp }, 2, "--role" },
    { { "import", "--case", case_path, "--role", "suspect", tmp }, 2, "probe" },
    { { "import", "--case", case_path, "--role", "probe", "--person", "Jane Roe", tmp }, 2, "reference" },
    { { "import", "--case", case_path, "--role", "probe", missing }, 2, "does not exist" },
    { { "import", "--case", case_path, "--role", "probe", "--analyst", " ", text }, 2, "--analyst" },
    { { "import", "--case", not_a_case, "--role", "probe", text }, 3, NULL },
    { { "import", "--case", case_path, "--role", "probe", text }, 1, "1 error" },
  };
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;

  itu_write_file (text, "not a photo", 11);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *both = NULL;
      int code = itu_run_cli (cases[i].args, &out, &err);

      both = g_strconcat (out, err, NULL);
      g_test_message ("%s %s → %d: %s", cases[i].args[1], cases[i].args[2], code, both);
      g_assert_cmpint (code, ==, cases[i].code);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (both, cases[i].says));
    }
  /* The typo cost nothing; the text file is one recorded import error. */
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  errors = lk_case_list_import_errors (kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (((LkImportError *) errors->pdata[0])->path, ==, text);
  itu_rm_rf (tmp);
}

static void
test_reference_person (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-person-XXXXXX");
  g_autofree char *case_path = new_case_dir (tmp);
  g_autofree char *one = g_build_filename (tmp, "one.jpg", NULL);
  g_autofree char *two = g_build_filename (tmp, "two.jpg", NULL);
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *import[] = { "import", "--case", case_path, "--role", "reference", "--person",
                           "Jane Roe", "--analyst", ITU_ANALYST, one, two, NULL };
  const char *persons[] = { "person", "list", "--case", case_path, NULL };
  const char *info[] = { "case", "info", case_path, NULL };

  if (!itu_require_engine (&engine))
    return;
  itu_make_reference_photos (engine, one, two);
  g_assert_cmpint (itu_run_cli (import, &out, &err), ==, 0);
  g_test_message ("%s%s", err, out);
  /* The person did not exist: created, and told. */
  g_assert_nonnull (strstr (err, "Added the person"));
  g_assert_nonnull (strstr (out, "1 reference face linked"));
  g_assert_nonnull (strstr (out, "1 reference photo flagged"));
  g_assert_nonnull (strstr (err, "flagged"));
  g_assert_nonnull (strstr (err, "link the right one to Jane Roe"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (itu_run_cli (persons, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Jane Roe"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (itu_run_cli (info, &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 2);
  itu_rm_rf (tmp);
}

/* Ctrl+C: the photos in progress finish or are dropped whole, the exit code
 * says interrupted, and the same command finishes the rest. */
static void
test_interrupt (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-import-int-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "photos", NULL);
  g_autofree char *case_path = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autofree char *err = NULL;
  Child child = { 0 };
  int status;

  if (!itu_require_engine (&engine))
    return;
  photos = itu_make_photos (dir, 20, 400);
  case_path = new_case_dir (tmp);
  spawn_import (&child, case_path, dir, NULL);
  g_assert_true (wait_progress (&child, 3));
  g_assert_cmpint (kill (child.pid, SIGINT), ==, 0);
  status = finish_child (&child, &err);
  g_test_message ("interrupted: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 130);
  g_assert_nonnull (strstr (err, "run the same command again"));
  g_assert_nonnull (strstr (err, "Interrupted."));
  g_assert_cmpuint (itu_assert_case_consistent (case_path), <, 20);

  spawn_import (&child, case_path, dir, NULL);
  status = finish_child (&child, NULL);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (itu_assert_case_consistent (case_path), ==, 20);
  itu_rm_rf (tmp);
}

static void
child_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (user_data);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Starts likeness-cli with stdout to a file, waits until it has written
 * something (it is at work), sends signum and expects exit 130 with
 * "Interrupted." within a generous bound; returns the seconds it took. */
static double
interrupt_at_work (const char * const *args, const char *out_path, int signum)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GTimer) timer = NULL;
  GStatBuf st = { 0 };
  guint bound;

  g_ptr_array_add (argv, (char *) itu_cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  timer = g_timer_new ();
  while (g_timer_elapsed (timer, NULL) < 120 && (g_stat (out_path, &st) != 0 || st.st_size == 0))
    g_usleep (20 * 1000);
  g_assert_cmpint (st.st_size, >, 0);

  g_timer_start (timer);
  g_subprocess_send_signal (child, signum);
  g_subprocess_wait_async (child, NULL, child_exited, loop);
  bound = g_timeout_add_seconds (20, quit_loop, loop);
  g_main_loop_run (loop);
  if (!g_subprocess_get_if_exited (child) && !g_subprocess_get_if_signaled (child))
    {
      g_subprocess_force_exit (child);
      g_error ("%s did not end within 20 s of signal %d", args[0], signum);
    }
  g_source_remove (bound);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));
  err_text = g_data_input_stream_read_upto (err, "", 0, NULL, NULL, NULL);
  g_test_message ("%s after signal %d, %.1f s: exit %d: %s", args[0], signum, g_timer_elapsed (timer, NULL),
                  g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1, err_text);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 130);
  g_assert_nonnull (strstr (err_text, "Interrupted."));
  return g_timer_elapsed (timer, NULL);
}

/* detect at work answers SIGTERM and Ctrl+C with exit 130 (it used to
 * ignore both until every photo was done). */
static void
test_interrupt_detect (void)
{
  g_autofree char *tmp = itu_tmp_dir ("lk-cli-sig-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "photos", NULL);
  g_autofree char *out_path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(LkFaceEngine) engine = NULL;

  if (!itu_require_engine (&engine))
    return;
  photos = itu_make_photos (dir, 20, 400);
  /* The same photos many times over: minutes of work, so the signal surely
   * comes while detect is busy. */
  g_ptr_array_add (args, (char *) "detect");
  g_ptr_array_add (args, (char *) "--thorough");
  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < photos->len; i++)
      g_ptr_array_add (args, photos->pdata[i]);
  g_ptr_array_add (args, NULL);
  interrupt_at_work ((const char * const *) args->pdata, out_path, SIGTERM);
  g_unlink (out_path);
  interrupt_at_work ((const char * const *) args->pdata, out_path, SIGINT);
  itu_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/import/cli/reference-person", test_reference_person);
  g_test_add_func ("/import/cli/interrupt", test_interrupt);
  g_test_add_func ("/import/cli/interrupt-detect", test_interrupt_detect);
  g_test_add_func ("/import/cli/two-writers", test_two_writers);
  g_test_add_func ("/import/cli/database-full", test_database_full);
  g_test_add_func ("/import/cli/disk-full", test_disk_full);
  g_test_add_func ("/import/cli/kill-9-and-resume", test_kill_and_resume);
  return g_test_run ();
}
