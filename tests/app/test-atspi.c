/* test-atspi.c — what a screen reader finds in the real workstation.
 *
 * Builds a case with faces and candidates through likeness-cli, then runs
 * tests/app/atspi-walk.py inside a session bus of its own (dbus-run-session:
 * the AT-SPI bus is started on it as on a desktop).  The script starts
 * build/app/likeness on the case with GTK_A11Y=atspi, switches through every
 * section with the window's own keys (Alt+1…7) and walks the accessibility
 * tree of each.  Fails on any focusable or actionable object without a name,
 * listing them all, and on a face grid or candidate strip without the
 * descriptions a screen-reader user needs to tell faces apart.
 */
#define G_LOG_DOMAIN "test-atspi"

#include "lk-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-test-cli.h"

static const char *sections[] = {
  "photos", "faces", "people", "review", "groups", "audit", "verification",
};

/* Their titles in the sidebar: the row selected while each is walked. */
static const char *titles[] = {
  "Photos", "Faces", "People", "Review", "Unknown Groups", "Audit", "Verification",
};

static struct {
  char *dir;
  char *case_path;
  char *output;     /* what atspi-walk.py printed */
} T;

/* Two references of one person, three probe photos, candidates found: every
 * section then has rows, chips and a candidate strip to walk. */
static void
test_build_case (void)
{
  g_autofree char *s1 = lk_test_sample (1), *s2 = lk_test_sample (2), *s3 = lk_test_sample (3);
  g_autofree char *s4 = lk_test_sample (4), *s5 = lk_test_sample (5);

  g_assert_nonnull (g_getenv ("LIKENESS_CLI"));
  g_assert_true (g_file_test (s1, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lk_test_cli ("case", "new", T.case_path, "--title", "Accessibility", "--analyst", "Test Analyst", NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("import", "--case", T.case_path, "--role", "reference", "--person", "Sheldon Example",
                                "--analyst", "Test Analyst", s2, NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("import", "--case", T.case_path, "--role", "probe", "--analyst", "Test Analyst",
                                s1, s3, s4, s5, NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("match", "--case", T.case_path, "--analyst", "Test Analyst", NULL), ==, 0);
}

/* The analyst's name where the workstation reads it (a keyfile backend in a
 * folder of the test's own), so no name prompt stands in front of the
 * window. */
static char **
walk_environment (void)
{
  g_autofree char *config = g_build_filename (T.dir, "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *schemas = g_build_filename (LK_BUILD_DIR, "app", "gui", NULL);
  g_autoptr(GError) error = NULL;
  char **env = g_get_environ ();

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_file_set_contents (keyfile, "[org/likeness/Likeness]\nanalyst-name='Test Analyst'\n", -1, &error);
  g_assert_no_error (error);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  env = g_environ_setenv (env, "GTK_USE_PORTAL", "0", TRUE);
  env = g_environ_setenv (env, "ADW_DISABLE_PORTAL", "1", TRUE);
  return env;
}

static void
test_walk (void)
{
  g_autofree char *script = g_build_filename (LK_TEST_SRCDIR, "app", "atspi-walk.py", NULL);
  g_autofree char *likeness = g_build_filename (LK_BUILD_DIR, "app", "gui", "likeness", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = walk_environment ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (g_getenv ("DISPLAY"));
  g_assert_true (g_file_test (likeness, G_FILE_TEST_IS_EXECUTABLE));
  g_ptr_array_add (argv, "dbus-run-session");
  g_ptr_array_add (argv, "--");
  /* Debian's Python, where python3-gi and gir1.2-atspi-2.0 are installed
   * (not whichever python3 comes first on a developer's PATH). */
  g_ptr_array_add (argv, "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, likeness);
  g_ptr_array_add (argv, T.case_path);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_ptr_array_add (argv, (char *) sections[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &T.output, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("atspi-walk.py:\n%s\n%s", T.output, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_null (strstr (T.output, "\nerror "));
  g_assert_false (g_str_has_prefix (T.output, "error "));
}

/* Each section was shown and walked: a walk that saw nothing finds no
 * offender either. */
static void
test_every_section (void)
{
  g_assert_nonnull (T.output);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *line = g_strdup_printf ("section %s objects ", sections[i]);
      const char *found = strstr (T.output, line);

      g_autofree char *selected = g_strdup_printf (" selected %s|", titles[i]);
      const char *end;

      g_assert_nonnull (found);
      g_assert_cmpint (atoi (found + strlen (line)), >, 20);
      end = strchr (found, '\n');
      g_assert_nonnull (strstr (found, selected));
      g_assert_true (strstr (found, selected) < end);
    }
  g_assert_nonnull (strstr (T.output, "section all objects "));
}

/* Every control a screen reader reaches has a name; the list is printed
 * whole, so one run shows everything left to fix. */
static void
test_every_control_named (void)
{
  g_auto(GStrv) lines = g_strsplit (T.output != NULL ? T.output : "", "\n", -1);
  g_autoptr(GString) unnamed = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "unnamed "))
      g_string_append_printf (unnamed, " [%s]", lines[i] + strlen ("unnamed "));
  if (unnamed->len > 0)
    g_test_fail_printf ("controls without an accessible name:%s", unnamed->str);
}

/* Whether a "shown SECTION ROLE<tab>NAME<tab>DESCRIPTION" line of the
 * section contains all the words: what a screen reader says of an object. */
static gboolean
described (const char *section,
           const char *first_word,
           ...)
{
  g_auto(GStrv) lines = g_strsplit (T.output != NULL ? T.output : "", "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("shown %s ", section);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = g_str_has_prefix (lines[i], prefix);
      va_list args;

      va_start (args, first_word);
      for (const char *w = first_word; all && w != NULL; w = va_arg (args, const char *))
        all = strstr (lines[i], w) != NULL;
      va_end (args);
      if (all)
        return TRUE;
    }
  return FALSE;
}

/* The face grid, the candidate strip and the canvases say what they show:
 * face number, photo, status and nearest candidate with its distance. */
static void
test_descriptions (void)
{
  /* A face chip of the Faces grid: its photo, its number, its status, and
   * the nearest candidate of the last match with its distance. */
  g_assert_true (described ("all", "table-cell\t", ".jpg (face ", "Unreviewed", NULL));
  g_assert_true (described ("all", "table-cell\t", "\tFace ", ".jpg, Unreviewed, nearest Sheldon Example 0.", NULL));
  /* A face in Review's queue, with the nearest candidate and distance. */
  g_assert_true (described ("all", "list-item\tFace ", ".jpg, To review", "nearest Sheldon Example (0.", NULL));
  /* The candidate strip: rank, name, distance, and the rarity in words. */
  g_assert_true (described ("all", "list-item\tCandidate 1, Sheldon Example, Distance 0.", "\tOften ", NULL));
  /* The canvases: which one (name) and which face (description). */
  g_assert_true (described ("all", "image\tProbe face, aligned\tFace ", ".jpg", NULL));
  g_assert_true (described ("all", "image\tCandidate's reference face, aligned\tFace ", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  T.dir = g_dir_make_tmp ("lk-test-atspi-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "a11y.likeness", NULL);

  g_test_add_func ("/atspi/build-case", test_build_case);
  g_test_add_func ("/atspi/walk", test_walk);
  g_test_add_func ("/atspi/every-section", test_every_section);
  g_test_add_func ("/atspi/every-control-named", test_every_control_named);
  g_test_add_func ("/atspi/descriptions", test_descriptions);
  ret = g_test_run ();

  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *chmod = g_strdup_printf ("chmod -R u+w '%s'", T.dir);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", T.dir);

      /* The evidence files are read-only; the case folder is ours to remove. */
      g_spawn_command_line_sync (chmod, NULL, NULL, NULL, NULL);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
    }
  g_free (T.output);
  g_free (T.case_path);
  g_free (T.dir);
  return ret;
}
