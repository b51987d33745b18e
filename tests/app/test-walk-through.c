/* test-walk-through.c — issue 5's walk-through as a new user does it, in one real
 * window: New Case dialog (typed title, Enter), the analyst's name asked once,
 * a folder of crops dropped on the window (the real drop target), two crops
 * of each person made references in Faces, every other crop identified in
 * Review with real key presses (Alt+R, Alt+I, Alt+Down through the X server,
 * so a mnemonic of the window that takes Alt+I fails it), then the audit log
 * verifies.  Also: Review fits a 1280-pixel window, and no visible mnemonic
 * of the window takes one of Review's Alt keys.
 *
 * The crops are face-api.js's examples (LIKENESS_SHARED_DIR); without them,
 * or without XTest, the steps that need them skip.
 */
#define G_LOG_DOMAIN "test-walk-through"

#include "lk-config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/keysym.h>

#include "case/lk-case.h"
#include "case/lk-case-match.h"
#include "lk-application.h"
#include "lk-face-object.h"
#include "lk-faces-view.h"
#include "lk-new-case-dialog.h"
#include "lk-review-view.h"
#include "lk-test-gui.h"
#include "lk-window.h"

static const char *people[] = { "amy", "penny" };

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *crops;       /* a folder with the two people's sub-folders */
  char          *case_path;
  gboolean       have_crops;
} T;

/* ---- Helpers -------------------------------------------------------------- */

static const char *want_heading;

static gboolean
message_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), want_heading) == 0)
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static AdwMessageDialog *
wait_message (const char *heading)
{
  AdwMessageDialog *dialog = NULL;

  want_heading = heading;
  g_assert_true (lk_test_wait_until (message_shown, &dialog, 10));
  return dialog;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GType want_type;

static gboolean
toplevel_shown (gpointer data)
{
  return lk_test_find_toplevel (want_type) != NULL;
}

static GtkWindow *
wait_toplevel (GType type)
{
  want_type = type;
  g_assert_true (lk_test_wait_until (toplevel_shown, NULL, 10));
  return lk_test_find_toplevel (type);
}

static LkCase *
open_read_only (void)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return kase;
}

static guint
count_actions (const char *action)
{
  g_autoptr(LkCase) kase = open_read_only ();
  g_autoptr(GPtrArray) entries = lk_case_list_audit (kase, 0, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_str_equal (((LkAuditEntry *) g_ptr_array_index (entries, i))->action, action);
  return n;
}

/* The Review queue: probe faces with candidates, straight from the store. */
static guint want_queue;

static gboolean
queue_ready (gpointer data)
{
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GArray) summaries = NULL;

  if (lk_window_is_busy (T.window))
    return FALSE;
  kase = open_read_only ();
  summaries = lk_case_list_candidate_summaries (kase, NULL);
  return summaries != NULL && summaries->len == want_queue;
}

/* ---- Real key presses (XTest, loaded at run time) -------------------------- */


static void
press_with (KeySym modifier,
            KeySym key)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (T.window)));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (T.window));
  KeyCode alt = XKeysymToKeycode (display, modifier);
  KeyCode code = XKeysymToKeycode (display, key);
  LkTestFakeKeyEvent fake = lk_test_xtest ();

  /* As a person clicking into the window would: the window has the focus
   * (and GDK has heard so) before the key goes down. */
  gtk_window_present (GTK_WINDOW (T.window));
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (display, False);
  lk_test_settle (0.2);
  fake (display, alt, True, 0);
  fake (display, code, True, 0);
  fake (display, code, False, 0);
  fake (display, alt, False, 0);
  XFlush (display);
  lk_test_settle (0.3);
}

static void
press_alt (KeySym key)
{
  press_with (XK_Alt_L, key);
}

/* ---- The walk-through --------------------------------------------------------- */

static void
test_new_case (void)
{
  GSettings *settings = lk_application_get_settings (T.app);
  LkNewCaseDialog *dialog;
  AdwMessageDialog *prompt;
  GtkWidget *focus, *row, *entry;
  g_autofree char *name = NULL;

  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), 1280, 820);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_test_settle (0.3);

  /* The dialog builds (it did not on libadwaita 1.2) with the title focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (T.window), "win.new-case", NULL));
  dialog = LK_NEW_CASE_DIALOG (wait_toplevel (LK_TYPE_NEW_CASE_DIALOG));
  lk_test_settle (0.2);
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Title");
  lk_new_case_dialog_set_location (dialog, T.dir);
  gtk_editable_set_text (GTK_EDITABLE (row), "Walk-through");
  g_assert_cmpstr (lk_new_case_dialog_get_path (dialog), ==, T.case_path);
  /* Enter in the field (the text's "activate") creates the case. */
  g_signal_emit_by_name (focus, "activate");

  /* Asked once for the analyst's name. */
  prompt = wait_message ("Who Is Working?");
  entry = adw_message_dialog_get_extra_child (prompt);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Dana Walker");
  lk_test_click_button (GTK_WIDGET (prompt), "C_ontinue");
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  g_assert_cmpstr (lk_session_get_title (lk_window_get_session (T.window)), ==, "Walk-through");
  g_assert_cmpstr (lk_session_get_analyst (lk_window_get_session (T.window)), ==, "Dana Walker");

  /* A settings write that dconf dropped (no session bus) loses nothing. */
  g_settings_reset (settings, "analyst-name");
  name = lk_application_dup_analyst (T.app);
  g_assert_cmpstr (name, ==, "Dana Walker");
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_drop_folder (void)
{
  GtkWidget *stack = gtk_widget_get_parent (lk_window_get_section (T.window, "photos"));
  GtkDropTarget *target;
  AdwMessageDialog *dialog;
  g_autoptr(GFile) folder = NULL;
  GSList *files;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  if (!T.have_crops)
    {
      g_test_skip ("face-api.js crops missing (LIKENESS_SHARED_DIR)");
      return;
    }
  /* What GTK hands the window's drop target when a folder is dropped. */
  while (stack != NULL && !GTK_IS_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  target = find_drop_target (stack);
  g_assert_nonnull (target);
  folder = g_file_new_for_path (T.crops);
  files = g_slist_prepend (NULL, folder);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &handled);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (handled);

  /* The import dialog names what was dropped; probes is the default. */
  dialog = wait_message ("Import Photos");
  g_test_message ("import dialog: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“crops”"));
  {
    /* The person row (from lk-import-dialog.ui) shows only for references. */
    GtkWidget *role = find_of_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
    GtkWidget *person = find_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);

    g_assert_nonnull (role);
    g_assert_nonnull (person);
    g_assert_false (gtk_widget_get_visible (person));
    adw_combo_row_set_selected (ADW_COMBO_ROW (role), 1);
    g_assert_true (gtk_widget_get_visible (person));
    adw_combo_row_set_selected (ADW_COMBO_ROW (role), 0);
    g_assert_false (gtk_widget_get_visible (person));
  }
  lk_test_click_button (GTK_WIDGET (dialog), "_Import");
  g_assert_true (lk_window_is_busy (T.window));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  g_assert_cmpuint (count_actions ("photo.add"), ==, 10);
}

static void
select_files (GtkSelectionModel *selection,
              GListModel        *faces,
              const char        *person)
{
  guint n = g_list_model_get_n_items (faces);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkFaceObject) face = g_list_model_get_item (faces, i);
      g_autofree char *one = g_strdup_printf ("%s1.png", person);
      g_autofree char *two = g_strdup_printf ("%s2.png", person);
      const char *file = lk_face_object_get_file (face);

      if (g_strcmp0 (file, one) == 0 || g_strcmp0 (file, two) == 0)
        gtk_selection_model_select_item (selection, i, FALSE);
    }
}

static guint want_links;

static gboolean
links_made (gpointer data)
{
  return !lk_window_is_busy (T.window) && count_actions ("reference.link") == want_links;
}

static gboolean
faces_listed (gpointer view)
{
  return !lk_faces_view_is_loading (view) &&
         g_list_model_get_n_items (lk_faces_view_get_model (view)) == 10;
}

static void
test_make_references (void)
{
  LkFacesView *view = LK_FACES_VIEW (lk_window_get_section (T.window, "faces"));

  if (!T.have_crops)
    {
      g_test_skip ("face-api.js crops missing (LIKENESS_SHARED_DIR)");
      return;
    }
  lk_window_show_section (T.window, "faces");
  g_assert_true (lk_test_wait_until (faces_listed, view, 60));
  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      g_autofree char *name = g_strdup (people[p]);

      name[0] = g_ascii_toupper (name[0]);
      select_files (lk_faces_view_get_selection (view), lk_faces_view_get_model (view), people[p]);
      g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (lk_faces_view_get_selection (view))),
                        ==, 2);
      lk_faces_view_make_reference (view, name);
      want_links = 2 * (p + 1);
      g_assert_true (lk_test_wait_until (links_made, NULL, 60));
      g_assert_true (lk_test_wait_until (faces_listed, view, 60));
    }
  /* The window found the candidates by itself: three crops per person. */
  want_queue = 3 * G_N_ELEMENTS (people);
  g_assert_true (lk_test_wait_until (queue_ready, NULL, 120));
  g_assert_cmpuint (count_actions ("photo.role"), ==, 4);
}

static gboolean
review_ready (gpointer view)
{
  return !lk_review_view_get_busy (view) && lk_review_view_get_current_face (view) != 0;
}

static void
identify_by_keyboard (LkReviewView *view)
{
  GtkWidget *focus;

  press_alt (XK_r);
  focus = gtk_window_get_focus (GTK_WINDOW (T.window));
  /* The rationale is a multi-line text view (issue 12). */
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)),
                            "Eyes, nose, mouth and outline agree with both references", -1);
  /* No strength is chosen for the analyst: Ctrl+3 chooses "strong". */
  press_with (XK_Control_L, XK_3);
  /* Alt+I is Identify: no mnemonic of the window may take it. */
  press_alt (XK_i);
  g_assert_true (lk_test_wait_until (review_ready, view, 30));
}

static void
test_review_by_keyboard (void)
{
  LkReviewView *view = LK_REVIEW_VIEW (lk_window_get_section (T.window, "review"));
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  if (!T.have_crops || lk_test_xtest () == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs the face-api.js crops and an X display with XTest");
      return;
    }
  /* Alt+4 from the Faces section: the focus moves into Review with it. */
  press_alt (XK_4);
  g_assert_true (lk_test_wait_until (review_ready, view, 60));
  for (guint i = 0; i < want_queue; i++)
    {
      identify_by_keyboard (view);
      press_alt (XK_Down);
      g_assert_true (lk_test_wait_until (review_ready, view, 30));
    }

  kase = open_read_only ();
  decisions = lk_case_list_decisions (kase, 0, TRUE, NULL);
  g_assert_cmpuint (decisions->len, ==, want_queue);
  for (guint i = 0; i < decisions->len; i++)
    {
      LkDecision *d = g_ptr_array_index (decisions, i);
      g_autoptr(LkCaseFace) face = lk_case_get_face (kase, d->face_id, NULL);
      g_autoptr(LkPerson) person = lk_case_get_person (kase, d->person_id, NULL);

      g_assert_cmpint (d->outcome, ==, LK_OUTCOME_IDENTIFIED);
      /* amy3.png is Amy: the crop's name starts with the person's. */
      g_assert_true (g_ascii_strncasecmp (face->file, person->display_name, strlen (person->display_name)) == 0);
    }
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Back in Faces after the review, in the same session: the cells that were
 * on screen before the decisions now name their person (the reference and
 * the identified crops alike), none shows its file name any more. */
static void
test_faces_show_decisions (void)
{
  LkFacesView *view = LK_FACES_VIEW (lk_window_get_section (T.window, "faces"));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint named = 0;

  if (!T.have_crops || want_queue == 0)
    {
      g_test_skip ("needs the review by keyboard before it");
      return;
    }
  lk_window_show_section (T.window, "faces");
  g_assert_true (lk_test_wait_until (faces_listed, view, 60));
  lk_test_settle (0.5);
  collect_labels (GTK_WIDGET (view), texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];

      g_test_message ("label: %s", text);
      g_assert_false (g_str_has_suffix (text, ".png"));
      if (g_str_equal (text, "Amy") || g_str_equal (text, "Penny"))
        named++;
    }
  g_assert_cmpuint (named, ==, 10);
}

static void
test_audit_verifies (void)
{
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!T.have_crops)
    {
      g_test_skip ("face-api.js crops missing (LIKENESS_SHARED_DIR)");
      return;
    }
  lk_window_show_section (T.window, "audit");
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.verify-audit", NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 60));
  kase = open_read_only ();
  g_assert_true (lk_case_verify_audit (kase, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->ok);
  g_assert_cmpuint (count_actions ("person.add"), ==, 2);
  g_assert_cmpuint (count_actions ("decision.add"), ==, want_queue);
  g_assert_cmpuint (count_actions ("match.refresh"), >=, 1);
}

/* ---- Layout and keys ------------------------------------------------------------ */

static void
test_review_fits (void)
{
  int minimum = 0;

  lk_window_show_section (T.window, "review");
  lk_test_settle (0.3);
  gtk_widget_measure (GTK_WIDGET (T.window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("window minimum width with Review shown: %d", minimum);
  g_assert_cmpint (minimum, <=, 1280);
}

static void
collect_mnemonics (GtkWidget *widget,
                   GString   *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      if (key != GDK_KEY_VoidSymbol)
        g_string_append_printf (found, "%c", g_ascii_tolower ((char) gdk_keyval_to_unicode (key)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, found);
}

static void
test_no_mnemonic_clash (void)
{
  g_autoptr(GString) found = g_string_new (NULL);
  const char *review_keys = "ienqolr";

  lk_window_show_section (T.window, "review");
  lk_test_settle (0.3);
  collect_mnemonics (GTK_WIDGET (T.window), found);
  g_test_message ("visible mnemonics: \"%s\"", found->str);
  for (const char *k = review_keys; *k; k++)
    g_assert_null (strchr (found->str, *k));
}

/* A copy in the test's temporary folder, not a link: a folder import follows
 * no link out of the folder dropped, as an analyst's import must not. */
static gboolean
copy_folder (const char *from, const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  if (dir == NULL || g_mkdir (to, 0755) != 0)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      if (!g_file_test (src, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (src, &bytes, &length, NULL) || !g_file_set_contents (dst, bytes, length, NULL))
        return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DIR");
  g_autoptr(GError) error = NULL;
  int ret;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  T.dir = g_dir_make_tmp ("lk-test-walk-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "Walk-through.likeness", NULL);
  T.crops = g_build_filename (T.dir, "crops", NULL);
  T.have_crops = shared != NULL;
  g_mkdir (T.crops, 0755);
  for (guint p = 0; p < G_N_ELEMENTS (people) && T.have_crops; p++)
    {
      g_autofree char *from = g_build_filename (shared, "facedata", "face-api.js", "examples", "images",
                                                people[p], NULL);
      g_autofree char *to = g_build_filename (T.crops, people[p], NULL);

      T.have_crops = g_file_test (from, G_FILE_TEST_IS_DIR) && copy_folder (from, to);
    }

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/walk/new-case", test_new_case);
  g_test_add_func ("/walk/drop-folder", test_drop_folder);
  g_test_add_func ("/walk/make-references", test_make_references);
  g_test_add_func ("/walk/review-by-keyboard", test_review_by_keyboard);
  g_test_add_func ("/walk/faces-show-decisions", test_faces_show_decisions);
  g_test_add_func ("/walk/audit-verifies", test_audit_verifies);
  g_test_add_func ("/walk/review-fits", test_review_fits);
  g_test_add_func ("/walk/no-mnemonic-clash", test_no_mnemonic_clash);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (T.window));
  lk_test_settle (0.2);
  g_object_unref (T.app);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *chmod = g_strdup_printf ("chmod -R u+w '%s'", T.dir);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", T.dir);

      /* The evidence files are read-only; the folder is ours to remove. */
      g_spawn_command_line_sync (chmod, NULL, NULL, NULL, NULL);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
    }
  return ret;
}
