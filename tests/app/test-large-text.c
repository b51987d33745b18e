/* test-large-text.c — every section stays usable with large text.
 *
 * GNOME's "Large Text" setting raises the text scaling factor to 1.25, which
 * the settings daemon hands to GTK as gtk-xft-dpi.  There is no settings
 * daemon under Xvfb, so the test sets the same GtkSettings property the
 * daemon would (as GTK's inspector does) and then shows each section of a
 * real window on a case with faces, candidates and decisions:
 *   - the text did grow (a label's layout is taller than at 1.0), so the
 *     checks below are made on large text and not on the default;
 *   - the window still fits a 1280 × 800 screen with every section shown
 *     (nothing forces it wider or taller than the screen, where controls
 *     would be out of reach);
 *   - no button is drawn past the window's edge or has its label cut short
 *     (a paned that shrinks its child did that to Review at 1280 pixels).
 * Each section is saved as build/tests/app/screenshots/large-text-NAME.png
 * (large-text-LANG-NAME.png in another language).  meson runs it in English,
 * German and Ukrainian (LK_TEST_LANGUAGE): German labels are the longest.
 */
#define G_LOG_DOMAIN "test-large-text"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "lk-application.h"
#include "lk-test-cli.h"
#include "lk-test-gui.h"
#include "lk-window.h"

#define LARGE_TEXT 1.25   /* GNOME's Large Text: the text scaling factor */
#define SCREEN_W   1280
#define SCREEN_H   800

static const char *sections[] = {
  "photos", "faces", "people", "review", "groups", "audit", "verification",
};

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *case_path;
} T;

static void
set_text_scale (double factor)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * factor), NULL);
}

/* The height of one line of body text, as a label lays it out now. */
static int
line_height (void)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new ("Probe"));
  int height = 0;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* One reference, four probe photos with many faces, candidates searched,
 * one identification recorded: every section has rows to lay out. */
static void
test_build_case (void)
{
  g_autofree char *s1 = lk_test_sample (1), *s2 = lk_test_sample (2), *s3 = lk_test_sample (3);
  g_autofree char *s4 = lk_test_sample (4), *s5 = lk_test_sample (5);

  g_assert_nonnull (g_getenv ("LIKENESS_CLI"));
  g_assert_true (g_file_test (s1, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lk_test_cli ("case", "new", T.case_path, "--title", "Large text", "--analyst", "Test Analyst", NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("import", "--case", T.case_path, "--role", "reference", "--person", "Sheldon Example",
                                "--analyst", "Test Analyst", s2, NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("import", "--case", T.case_path, "--role", "probe", "--analyst", "Test Analyst",
                                s1, s3, s4, s5, NULL), ==, 0);
  g_assert_cmpint (lk_test_cli ("match", "--case", T.case_path, "--analyst", "Test Analyst", NULL), ==, 0);
}

static void
test_text_grows (void)
{
  int normal, large;

  set_text_scale (1.0);
  normal = line_height ();
  set_text_scale (LARGE_TEXT);
  large = line_height ();
  g_test_message ("one line of text: %d px at 1.0, %d px at %.2f", normal, large, LARGE_TEXT);
  g_assert_cmpint (large, >, normal);
}

static void
test_open_window (void)
{
  set_text_scale (LARGE_TEXT);
  /* The analyst is known: no name prompt stands in front of the window. */
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", "Test Analyst");
  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), SCREEN_W, SCREEN_H);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_window_open_case (T.window, T.case_path);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 60));
  lk_test_settle (0.5);
}

/* A button whose label is cut short ("Identif…") no longer says what it does. */
static void
assert_labels_whole (GtkWidget *widget, GString *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) != NULL
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, " \"%s\"", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_whole (child, cut);
}

/* Inside a list that scrolls sideways a button may lie beyond the edge:
 * scrolling brings it in.  Anywhere else it would be out of reach. */
static gboolean
scrolls_sideways (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkPolicyType h;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &h, NULL);
        if (h != GTK_POLICY_NEVER)
          return TRUE;
      }
  return FALSE;
}

/* Buttons drawn past the window's right or left edge: cut off, unreachable. */
static void
collect_cut_off (GtkWidget *widget, GtkWidget *window, GString *cut)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && !scrolls_sideways (widget)
      && gtk_widget_compute_bounds (widget, window, &bounds)
      && (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      const char *tip = gtk_widget_get_tooltip_text (widget);

      g_string_append_printf (cut, " [%s at x %.0f–%.0f]", label != NULL ? label : tip != NULL ? tip : "?",
                              bounds.origin.x, bounds.origin.x + bounds.size.width);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_off (child, window, cut);
}

static void
test_section (gconstpointer data)
{
  const char *name = data;
  const char *language = g_getenv ("LK_TEST_LANGUAGE");
  g_autofree char *shot_name = language != NULL ? g_strdup_printf ("large-text-%s-%s", language, name)
                                                : g_strdup_printf ("large-text-%s", name);
  g_autofree char *shot = NULL;
  g_autoptr(GString) cut = g_string_new (NULL);
  int min_w = 0, min_h = 0;

  lk_window_show_section (T.window, name);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 60));
  lk_test_settle (0.6);
  gtk_widget_measure (GTK_WIDGET (T.window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (T.window), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
  g_test_message ("%s at text scale %.2f: window minimum %d × %d", name, LARGE_TEXT, min_w, min_h);
  shot = lk_test_screenshot (GTK_WIDGET (T.window), shot_name);
  g_assert_cmpint (min_w, <=, SCREEN_W);
  g_assert_cmpint (min_h, <=, SCREEN_H);
  assert_labels_whole (lk_window_get_section (T.window, name), cut);
  collect_cut_off (lk_window_get_section (T.window, name), GTK_WIDGET (T.window), cut);
  if (cut->len > 0)
    g_test_fail_printf ("%s: buttons cut off or their labels cut short at %d px wide:%s", name,
                        gtk_widget_get_width (GTK_WIDGET (T.window)), cut->str);
}

int
main (int argc, char **argv)
{
  const char *language = g_getenv ("LK_TEST_LANGUAGE");
  const char *localedir = g_getenv ("LIKENESS_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  int ret;

  /* As app/gui/main.c does, before GTK starts; LANGUAGE needs a locale
   * other than C to take effect. */
  if (language != NULL)
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  T.dir = g_dir_make_tmp ("lk-test-large-text-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "Large text.likeness", NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/large-text/build-case", test_build_case);
  g_test_add_func ("/large-text/text-grows", test_text_grows);
  g_test_add_func ("/large-text/open-window", test_open_window);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *path = g_strdup_printf ("/large-text/section/%s", sections[i]);

      g_test_add_data_func (path, sections[i], test_section);
    }
  ret = g_test_run ();

  if (T.window != NULL)
    gtk_window_destroy (GTK_WINDOW (T.window));
  g_clear_object (&T.app);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *chmod = g_strdup_printf ("chmod -R u+w '%s'", T.dir);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", T.dir);

      /* The evidence files are read-only; the case folder is ours to remove. */
      g_spawn_command_line_sync (chmod, NULL, NULL, NULL, NULL);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
    }
  g_free (T.case_path);
  g_free (T.dir);
  return ret;
}
