/* test-language.c — the workstation in Ukrainian: the real window with a
 * small case, every section shown in turn; no visible label whose English
 * text po/uk.po translates may still show in English.  With
 * LK_TEST_ROOT_SCREENSHOTS=DIR the whole display goes to
 * DIR/workstation-uk.png (the README's screenshot).
 */
#define G_LOG_DOMAIN "test-language"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <glib/gprintf.h>
#include <locale.h>

#include "lk-application.h"
#include "lk-photo-object.h"
#include "lk-photos-view.h"
#include "lk-session.h"
#include "match/lk-number.h"
#include "lk-test-gui.h"
#include "lk-window.h"

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *case_path;
  char          *samples[2];
  gboolean       have_samples;
  GHashTable    *english;   /* msgid → TRUE, for msgids uk.po translates differently */
} T;

/* Sections in sidebar order; the Ukrainian words are the translations of
 * their titles in po/uk.po, and must show in the sidebar. */
static const char *sections[] = {
  "photos", "faces", "people", "review", "groups", "audit", "verification",
};
static const char *known_words[] = {
  "Фото", "Обличчя", "Люди", "Перегляд", "Невідомі групи", "Аудит", "Верифікація",
};

/* The value of a one-line po entry (`msgid "…"`), unescaped; NULL for
 * other lines.  Multi-line entries start with "" and are skipped: the
 * labels this test looks at are short. */
static char *
po_value (const char *line,
          const char *keyword)
{
  g_autofree char *prefix = g_strdup_printf ("%s \"", keyword);
  size_t len;

  if (!g_str_has_prefix (line, prefix))
    return NULL;
  line += strlen (prefix);
  len = strlen (line);
  if (len == 0 || line[len - 1] != '"')
    return NULL;
  {
    g_autofree char *raw = g_strndup (line, len - 1);

    return g_strcompress (raw);
  }
}

/* Every msgid of po/uk.po whose translation differs from it (names such
 * as "Likeness" or "SHA-256" stay as they are in Ukrainian too). */
static GHashTable *
read_english_msgids (void)
{
  g_autofree char *path = g_build_filename (LK_SOURCE_DIR, "po", "uk.po", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *id = po_value (lines[i], "msgid");
      g_autofree char *str = lines[i + 1] != NULL ? po_value (lines[i + 1], "msgstr") : NULL;

      if (id == NULL || id[0] == '\0')
        continue;
      if (g_strcmp0 (id, str) == 0)
        continue;
      g_hash_table_add (set, g_steal_pointer (&id));
    }
  return set;
}

/* A shown text is English when it is an msgid, as written (with its
 * mnemonic underscore or markup) or as displayed. */
static gboolean
is_english (const char *label,
            const char *text)
{
  return (label != NULL && g_hash_table_contains (T.english, label)) ||
         (text != NULL && g_hash_table_contains (T.english, text));
}

/* The visible labels and tooltips under root (buttons show theirs through a
 * GtkLabel child; a button's own label is checked too, for one not yet
 * realised).  Each English text is reported once, in the first section
 * that shows it (the sidebar shows in all of them). */
static void
collect_labels (GtkWidget  *root,
                GString    *shown,
                GHashTable *reported,
                GString    *english)
{
  const char *label = NULL, *text = NULL, *key;
  const char *tooltip = gtk_widget_get_tooltip_text (root);

  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    {
      label = gtk_label_get_label (GTK_LABEL (root));
      text = gtk_label_get_text (GTK_LABEL (root));
    }
  else if (GTK_IS_BUTTON (root))
    label = gtk_button_get_label (GTK_BUTTON (root));
  if (text != NULL)
    g_string_append_printf (shown, "%s\n", text);
  key = text != NULL ? text : label;
  if (is_english (label, text) && g_hash_table_add (reported, g_strdup (key)))
    g_string_append_printf (english, "\"%s\" ", key);
  if (is_english (tooltip, NULL) && g_hash_table_add (reported, g_strdup (tooltip)))
    g_string_append_printf (english, "tooltip \"%s\" ", tooltip);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, shown, reported, english);
}

/* Adds what the window shows now to shown, and its English texts, under
 * the section's name, to english. */
static void
check_shown (const char *section,
             GString    *shown,
             GHashTable *reported,
             GString    *english)
{
  g_autoptr(GString) here = g_string_new (NULL);

  collect_labels (GTK_WIDGET (T.window), shown, reported, here);
  if (here->len > 0)
    g_string_append_printf (english, "\n  %s: %s", section, here->str);
}

static gboolean
photos_loaded (gpointer model)
{
  return g_list_model_get_n_items (model) >= 2;
}

static void
screenshot_root (const char *name)
{
  const char *dir = g_getenv ("LK_TEST_ROOT_SCREENSHOTS");
  g_autofree char *command = NULL;

  /* The README's screenshots: the whole display, as a person sees it. */
  if (dir == NULL || dir[0] == '\0')
    return;
  lk_test_settle (0.8);
  command = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

/* The list itself, readable (an assertion would escape the Cyrillic). */
static void
report (GString *shown,
        GString *english)
{
  if (english->len == 0)
    return;
  g_test_message ("shown labels:\n%s", shown->str);
  g_test_fail_printf ("English labels in the Ukrainian workstation:%s", english->str);
}

/* The catalogue is found at all: otherwise every check below would only
 * say "English", not why. */
static void
test_catalogue (void)
{
  g_assert_cmpstr (_("Photos"), ==, "Фото");
  g_assert_cmpuint (g_hash_table_size (T.english), >, 500);
}

/* Dates and numbers the Ukrainian way, whichever locales the machine has
 * (the test runs in C.UTF-8): 05.03.2026, 0,382, 8 300 (no-break space). */
static void
test_dates_and_numbers (void)
{
  g_autofree char *when = lk_format_time ("2026-03-05T10:20:00Z");
  g_autofree char *decimal = lk_number_decimal (0.3821, 3);
  g_autofree char *small = lk_number_significant (0.0712, 2);
  g_autofree char *grouped = lk_number_grouped (8300);

  g_assert_nonnull (strstr (when, "05.03.2026, "));
  g_assert_cmpstr (decimal, ==, "0,382");
  g_assert_cmpstr (small, ==, "0,071");
  g_assert_cmpstr (grouped, ==, "8\u00a0300");
}

/* The first thing an analyst sees, before any case is open. */
static void
test_welcome (void)
{
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_test_settle (0.8);
  check_shown ("welcome", shown, reported, english);
  report (shown, english);
}

static void
test_open_case (void)
{
  GListModel *photos;
  const char *refs[] = { T.samples[0], NULL };
  const char *probes[] = { T.samples[1], NULL };

  lk_window_create_case (T.window, T.case_path, "Kharkiv 2022-017", "2022/017", "");
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  if (!T.have_samples)
    return;
  lk_window_import (T.window, refs, LK_PHOTO_ROLE_REFERENCE, NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  lk_window_import (T.window, probes, LK_PHOTO_ROLE_PROBE, NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  photos = lk_photos_view_get_model (LK_PHOTOS_VIEW (lk_window_get_section (T.window, "photos")));
  g_assert_true (lk_test_wait_until (photos_loaded, photos, 60));
}

/* Each section in turn; the English labels of all of them are listed
 * together, so one run shows every label left to translate. */
static void
test_sections_in_ukrainian (void)
{
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      lk_window_show_section (T.window, sections[i]);
      lk_test_settle (0.8);
      check_shown (sections[i], shown, reported, english);
      if (g_strcmp0 (sections[i], "photos") == 0)
        {
          g_free (lk_test_screenshot (GTK_WIDGET (T.window), "workstation-uk"));
          screenshot_root ("workstation-uk");
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (known_words); i++)
    if (strstr (shown->str, known_words[i]) == NULL)
      g_string_append_printf (english, "\n  missing Ukrainian word: \"%s\"", known_words[i]);
  report (shown, english);
}

/* A photo page in Ukrainian: its size with the decimal comma ("1024 × 768
 * …, 0,2 MB"), never printf's point. */
static void
test_photo_page_numbers (void)
{
  LkPhotosView *photos = LK_PHOTOS_VIEW (lk_window_get_section (T.window, "photos"));
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) comma = g_regex_new ("^[0-9]+ × [0-9]+ .*[0-9],[0-9]", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) point = g_regex_new ("^[0-9]+ × [0-9]+ .*[0-9]\\.[0-9]", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GObject) photo = NULL;

  if (!T.have_samples)
    {
      g_test_skip ("no sample photos");
      return;
    }
  lk_window_show_section (T.window, "photos");
  photo = g_list_model_get_item (lk_photos_view_get_model (photos), 0);
  lk_photos_view_show_photo (photos, lk_photo_object_get_id (LK_PHOTO_OBJECT (photo)), 0);
  g_assert_true (lk_test_wait_until ((gboolean (*) (gpointer)) lk_photos_view_is_photo_ready, photos, 60));
  lk_test_settle (0.5);
  collect_labels (GTK_WIDGET (T.window), shown, reported, english);
  g_test_message ("%s", shown->str);
  g_assert_true (g_regex_match (comma, shown->str, 0, NULL));
  g_assert_false (g_regex_match (point, shown->str, 0, NULL));
  lk_photos_view_show_grid (photos);
}

static void
test_close (void)
{
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.close-case", NULL);
  gtk_window_destroy (GTK_WINDOW (T.window));
  lk_test_settle (0.3);
}

int
main (int   argc,
      char *argv[])
{
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  const char *localedir = g_getenv ("LIKENESS_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  int ret;

  /* As app/gui/main.c, before GTK starts: LANGUAGE needs a locale other
   * than C to take effect. */
  g_setenv ("LANGUAGE", "uk", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      g_printf ("1..0 # SKIP no display\n");
      return 0;
    }
  T.english = read_english_msgids ();
  T.dir = g_dir_make_tmp ("lk-test-language-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "Kharkiv-2022-017.likeness", NULL);
  T.have_samples = pkg != NULL && pkg[0] != '\0';
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("sample%d.jpg", i + 1);

      T.samples[i] = g_build_filename (pkg != NULL ? pkg : "", "demo", name, NULL);
      T.have_samples &= g_file_test (T.samples[i], G_FILE_TEST_EXISTS);
    }

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", "Test Analyst");

  g_test_add_func ("/language/catalogue", test_catalogue);
  g_test_add_func ("/language/dates-and-numbers", test_dates_and_numbers);
  g_test_add_func ("/language/welcome", test_welcome);
  g_test_add_func ("/language/open-case", test_open_case);
  g_test_add_func ("/language/sections-in-ukrainian", test_sections_in_ukrainian);
  g_test_add_func ("/language/photo-page-numbers", test_photo_page_numbers);
  g_test_add_func ("/language/close", test_close);
  ret = g_test_run ();

  g_object_unref (T.app);
  g_hash_table_unref (T.english);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *chmod = g_strdup_printf ("chmod -R u+w '%s'", T.dir);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", T.dir);

      /* The evidence files are read-only; the case folder is ours to remove. */
      g_spawn_command_line_sync (chmod, NULL, NULL, NULL, NULL);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
    }
  return ret;
}
