/* test-window.c — drives the real workstation: create a case, import photos,
 * make a person from a face, draw a missed face, mark a wrong one, open every
 * section, verify the audit log, check the case store; screenshots of each
 * section go to BUILD/tests/app/screenshots/.
 */
#define G_LOG_DOMAIN "test-window"

#include "lk-config.h"

#include <glib/gstdio.h>

#include "case/lk-case.h"
#include "lk-application.h"
#include "lk-audit-view.h"
#include "lk-faces-view.h"
#include "lk-face-object.h"
#include "lk-people-view.h"
#include "lk-person-object.h"
#include "lk-photo-object.h"
#include "lk-photos-view.h"
#include "lk-test-gui.h"
#include "lk-window.h"
#include "lk-window-private.h"

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *case_path;
  char          *samples[6];
  gboolean       have_samples;
} T;

static gboolean
model_has_items (gpointer model)
{
  return g_list_model_get_n_items (model) > 0;
}

static guint want_count;

static gboolean
model_has_want (gpointer model)
{
  return g_list_model_get_n_items (model) >= want_count;
}

static gboolean
all_have_textures (gpointer model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(GdkTexture) texture = NULL;

      g_object_get (item, "texture", &texture, NULL);
      if (texture == NULL)
        return FALSE;
    }
  return n > 0;
}

static LkCase *
open_read_only (void)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return kase;
}

static void
test_welcome (void)
{
  g_autofree char *shot = NULL;

  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), 1280, 820);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_test_settle (0.5);
  g_assert_null (lk_window_get_session (T.window));
  shot = lk_test_screenshot (GTK_WIDGET (T.window), "welcome");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_create_case (void)
{
  GSettings *settings = lk_application_get_settings (T.app);
  g_auto(GStrv) recent = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkCaseInfo) info = NULL;

  lk_window_create_case (T.window, T.case_path, "Kharkiv 2022-017", "2022/017",
                         "Test case made by test-window");
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  g_assert_cmpstr (lk_session_get_title (lk_window_get_session (T.window)), ==, "Kharkiv 2022-017");
  g_assert_cmpstr (lk_session_get_analyst (lk_window_get_session (T.window)), ==, "Test Analyst");
  g_assert_false (lk_session_is_read_only (lk_window_get_session (T.window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (T.window)), ==, "Kharkiv 2022-017");
  recent = g_settings_get_strv (settings, "recent-cases");
  g_assert_cmpstr (recent[0], ==, T.case_path);

  kase = open_read_only ();
  info = lk_case_get_info (kase, NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->number, ==, "2022/017");
  g_assert_cmpstr (info->created_by, ==, "Test Analyst");
}

static void
test_import (void)
{
  const char *probes[] = { T.samples[1], T.samples[2], T.samples[3], T.samples[4], T.samples[5], NULL };
  const char *refs[] = { T.samples[0], NULL };
  GListModel *photos = lk_photos_view_get_model (LK_PHOTOS_VIEW (lk_window_get_section (T.window, "photos")));
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) all = NULL;

  if (!T.have_samples)
    {
      g_test_skip ("demo photos missing (LIKENESS_MODEL_PACKAGE_DIR)");
      return;
    }
  lk_window_import (T.window, refs, LK_PHOTO_ROLE_REFERENCE, NULL);
  g_assert_true (lk_window_is_busy (T.window));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  lk_window_import (T.window, probes, LK_PHOTO_ROLE_PROBE, NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  want_count = 6;
  g_assert_true (lk_test_wait_until (model_has_want, photos, 30));

  kase = open_read_only ();
  all = lk_case_list_photos (kase, -1, NULL);
  g_assert_cmpuint (all->len, ==, 6);
  lk_window_show_section (T.window, "photos");
  g_assert_true (lk_test_wait_until (all_have_textures, photos, 60));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "photos"));
}

static gboolean
photo_ready (gpointer view)
{
  return lk_photos_view_is_photo_ready (view);
}

static gint64
first_photo_with_faces (GListModel *photos,
                        LkPhotoRole role)
{
  for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
    {
      g_autoptr(LkPhotoObject) obj = g_list_model_get_item (photos, i);
      const LkPhoto *p = lk_photo_object_get_photo (obj);

      if (p->n_faces > 0 && p->role == role)
        return p->id;
    }
  return 0;
}

static void
test_photo_view (void)
{
  LkPhotosView *view = LK_PHOTOS_VIEW (lk_window_get_section (T.window, "photos"));
  GListModel *faces = lk_photos_view_get_photo_faces (view);
  gint64 photo_id;
  g_autoptr(LkFaceObject) face = NULL;
  guint before;

  if (!T.have_samples)
    {
      g_test_skip ("no photos imported");
      return;
    }
  photo_id = first_photo_with_faces (lk_photos_view_get_model (view), LK_PHOTO_ROLE_PROBE);
  g_assert_cmpint (photo_id, >, 0);
  lk_photos_view_show_photo (view, photo_id, 0);
  g_assert_true (lk_test_wait_until (photo_ready, view, 30));
  before = g_list_model_get_n_items (faces);
  g_assert_cmpuint (before, >, 0);
  face = g_list_model_get_item (faces, 0);
  lk_photos_view_show_photo (view, photo_id, lk_face_object_get_id (face));
  lk_test_settle (1.0);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "photo-with-boxes"));

  /* A face boxed by hand, as an analyst would box one the detector missed:
   * here around a detected face, a little larger, so it is a real face. */
  {
    int x, y, w, h;

    lk_face_object_get_box (face, &x, &y, &w, &h);
    lk_photos_view_add_manual_face (view, MAX (0, x - w / 10), MAX (0, y - h / 10), w + w / 5, h + h / 5);
  }
  want_count = before + 1;
  g_assert_true (lk_test_wait_until (model_has_want, faces, 60));

  /* A wrong detection marked, and the mark shows in the list. */
  lk_photos_view_mark_not_a_face (view, lk_face_object_get_id (face), TRUE);
  lk_test_settle (1.0);
  {
    g_autoptr(LkCase) kase = open_read_only ();
    g_autoptr(LkCaseFace) f = lk_case_get_face (kase, lk_face_object_get_id (face), NULL);
    LkFaceFilter filter = LK_FACE_FILTER_INIT;
    g_autoptr(GPtrArray) in_photo = NULL;
    gboolean manual = FALSE;

    g_assert_true (f->not_a_face);
    g_assert_cmpint (f->status, ==, LK_FACE_STATUS_NOT_A_FACE);
    filter.photo_id = photo_id;
    in_photo = lk_case_list_faces (kase, &filter, NULL);
    for (guint i = 0; i < in_photo->len; i++)
      manual |= ((LkCaseFace *) g_ptr_array_index (in_photo, i))->origin == LK_FACE_ORIGIN_MANUAL;
    g_assert_true (manual);
  }
  lk_photos_view_mark_not_a_face (view, lk_face_object_get_id (face), FALSE);
  lk_test_settle (0.5);
  lk_photos_view_show_grid (view);
}

static gboolean
faces_loaded (gpointer view)
{
  return !lk_faces_view_is_loading (view) && g_list_model_get_n_items (lk_faces_view_get_model (view)) > 0;
}

static gboolean
people_loaded (gpointer view)
{
  return g_list_model_get_n_items (lk_people_view_get_model (view)) > 0;
}

static void
test_make_person (void)
{
  LkFacesView *faces = LK_FACES_VIEW (lk_window_get_section (T.window, "faces"));
  LkPeopleView *people = LK_PEOPLE_VIEW (lk_window_get_section (T.window, "people"));
  GListModel *model = lk_faces_view_get_model (faces);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkPerson) person = NULL;
  g_autoptr(GArray) refs = NULL;
  guint n;

  if (!T.have_samples)
    {
      g_test_skip ("no photos imported");
      return;
    }
  lk_window_show_section (T.window, "faces");
  g_assert_true (lk_test_wait_until (faces_loaded, faces, 30));
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkFaceObject) f = g_list_model_get_item (model, i);

      if (lk_face_object_get_role (f) == LK_PHOTO_ROLE_REFERENCE)
        {
          gtk_selection_model_select_item (lk_faces_view_get_selection (faces), i, TRUE);
          break;
        }
    }
  g_assert_true (lk_test_wait_until (all_have_textures, model, 60));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "faces"));
  lk_faces_view_make_reference (faces, "Ada Example");
  /* People loads when first shown, as the analyst goes there to see the person. */
  lk_window_show_section (T.window, "people");
  g_assert_true (lk_test_wait_until (people_loaded, people, 30));

  kase = open_read_only ();
  person = lk_case_find_person (kase, "Ada Example", NULL);
  g_assert_nonnull (person);
  refs = lk_case_list_reference_faces (kase, person->id, NULL);
  g_assert_cmpuint (refs->len, ==, 1);

  lk_people_view_select (people, 0);
  want_count = 1;
  g_assert_true (lk_test_wait_until (model_has_want, lk_people_view_get_reference_faces (people), 30));
  g_assert_true (lk_test_wait_until (all_have_textures, lk_people_view_get_reference_faces (people), 60));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "people"));
}

static gboolean
verdict_known (gpointer view)
{
  return lk_audit_view_get_verdict (view) != NULL;
}

static GtkWidget *
find_mapped_type (GtkWidget  *root,
                  const char *type_name)
{
  if (gtk_widget_get_mapped (root) && g_str_equal (G_OBJECT_TYPE_NAME (root), type_name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_type (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Counts the toasts shown under root: those inside section, and the others. */
static void
count_toasts (GtkWidget *root, GtkWidget *section, guint *inside, guint *outside)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget"))
    {
      if (gtk_widget_is_ancestor (root, section))
        (*inside)++;
      else
        (*outside)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_toasts (child, section, inside, outside);
}

static void
test_review_and_audit (void)
{
  LkAuditView *audit = LK_AUDIT_VIEW (lk_window_get_section (T.window, "audit"));
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  gboolean saw_create = FALSE, saw_manual = FALSE, saw_link = FALSE;
  guint inside, outside;

  lk_window_show_section (T.window, "review");
  lk_test_settle (1.0);
  /* Issue 12: a window toast while Review is shown goes to Review's own
   * overlay, which ends above the decision buttons. */
  lk_window_show_toast (T.window, "Imported A&B.jpg");
  lk_test_settle (0.5);
  g_assert_nonnull (find_mapped_type (lk_window_get_section (T.window, "review"), "AdwToastWidget"));
  /* A toast raised in Faces moves into Review's overlay when Review is
   * shown: none is left over the whole window, over the decision buttons. */
  lk_window_show_section (T.window, "faces");
  lk_test_settle (0.3);
  lk_window_show_toast (T.window, "1 face is now a reference of C&D");
  lk_test_settle (0.3);
  inside = outside = 0;
  count_toasts (GTK_WIDGET (T.window), lk_window_get_section (T.window, "review"), &inside, &outside);
  g_assert_cmpuint (outside, ==, 1);
  lk_window_show_section (T.window, "review");
  lk_test_settle (1.0);
  inside = outside = 0;
  count_toasts (GTK_WIDGET (T.window), lk_window_get_section (T.window, "review"), &inside, &outside);
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (inside, >=, 1);
  lk_window_show_section (T.window, "audit");
  g_assert_true (lk_test_wait_until (model_has_items, lk_audit_view_get_model (audit), 30));
  lk_audit_view_verify (audit);
  g_assert_true (lk_test_wait_until (verdict_known, audit, 60));
  g_assert_true (g_str_has_prefix (lk_audit_view_get_verdict (audit), "Verified"));
  lk_test_settle (1.0);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "audit"));

  /* The app follows the dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lk_window_show_section (T.window, "faces");
  lk_test_settle (1.0);
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "faces-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  lk_window_show_section (T.window, "audit");

  /* The filters narrow the list. */
  lk_audit_view_set_filters (audit, "Test Analyst", "case", NULL);
  lk_test_settle (0.3);
  g_assert_cmpuint (g_list_model_get_n_items (lk_audit_view_get_model (audit)), >, 0);
  lk_audit_view_set_filters (audit, NULL, "no-such-action", NULL);
  lk_test_settle (0.3);
  g_assert_cmpuint (g_list_model_get_n_items (lk_audit_view_get_model (audit)), ==, 0);
  lk_audit_view_set_filters (audit, NULL, NULL, NULL);

  kase = open_read_only ();
  entries = lk_case_list_audit (kase, 0, 0, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      LkAuditEntry *e = g_ptr_array_index (entries, i);

      g_assert_cmpstr (e->analyst, ==, "Test Analyst");
      saw_create |= g_str_has_prefix (e->action, "case.");
      saw_manual |= strstr (e->details, "manual") != NULL;
      saw_link |= g_str_has_prefix (e->action, "reference.");
    }
  g_assert_true (saw_create);
  if (T.have_samples)
    {
      g_assert_true (saw_manual);
      g_assert_true (saw_link);
    }
  g_assert_true (lk_case_verify_audit (kase, NULL, &report, NULL));
  g_assert_true (report->ok);
}

static void
test_every_action (void)
{
  /* Menu actions that open dialogs must not warn; close what they open. */
  const char *sections[] = { "photos", "faces", "people", "review", "groups", "audit" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (T.window), "win.show-section", "s", sections[i]);
      lk_test_settle (0.2);
    }
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.show-toast", "s", "A toast from the test");
  g_action_group_activate_action (G_ACTION_GROUP (T.app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (T.app), "about", NULL);
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.show-help-overlay", NULL);
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.verify-evidence", NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 60));
  lk_test_settle (0.5);
}

static void
test_export_report (void)
{
  g_autofree char *path = g_build_filename (T.dir, "report.html", NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean saw_export = FALSE;

  /* The file chooser starts in the case's folder (issue 12). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (T.window), "win.export-report", NULL));
  lk_test_settle (0.2);
  g_assert_nonnull (T.window->chooser);
  {
    g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (T.window->chooser));
    g_autoptr(GFile) expected = g_file_new_for_path (T.case_path);

    g_assert_nonnull (folder);
    g_assert_true (g_file_equal (folder, expected));
  }
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (T.window->chooser));
  g_clear_object (&T.window->chooser);

  lk_window_export_report (T.window, path, LK_REPORT_FORMAT_HTML);
  g_assert_true (lk_window_is_busy (T.window));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 300));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  kase = open_read_only ();
  entries = lk_case_list_audit (kase, 0, 0, NULL);
  for (guint i = 0; i < entries->len; i++)
    saw_export |= g_str_equal (((LkAuditEntry *) g_ptr_array_index (entries, i))->action, "report.export");
  g_assert_true (saw_export);
}

/* A second window on the same case: the store refuses a second writer, so
 * it opens read-only and the window says so. */
static void
test_second_window (void)
{
  LkWindow *other = lk_window_new (T.app);
  gboolean seen;

  gtk_window_present (GTK_WINDOW (other));
  lk_window_open_case (other, T.case_path);
  seen = FALSE;
  for (int i = 0; i < 3000 && !seen; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
      seen = lk_window_get_session (other) != NULL;
    }
  g_assert_true (seen);
  g_assert_true (lk_session_is_read_only (lk_window_get_session (other)));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (other), "read-only"));
  gtk_window_destroy (GTK_WINDOW (other));
  lk_test_settle (0.3);
}

static void
test_close (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (T.app)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != T.window)
      gtk_window_destroy (l->data);
  g_list_free (windows);
  gtk_widget_activate_action (GTK_WIDGET (T.window), "win.close-case", NULL);
  g_assert_null (lk_window_get_session (T.window));
  lk_test_settle (0.5);
  /* The welcome view now lists the case. */
  g_free (lk_test_screenshot (GTK_WIDGET (T.window), "welcome-recent"));
  g_object_add_weak_pointer (G_OBJECT (T.window), (gpointer *) &T.window);
  gtk_window_destroy (GTK_WINDOW (T.window));
  lk_test_settle (0.5);
  g_assert_null (T.window);
}

int
main (int   argc,
      char *argv[])
{
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autoptr(GError) error = NULL;
  int ret;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      g_printf ("1..0 # SKIP no display\n");
      return 0;
    }

  T.dir = g_dir_make_tmp ("lk-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "Kharkiv-2022-017.likeness", NULL);
  T.have_samples = pkg != NULL && pkg[0] != '\0';
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("sample%d.jpg", i + 1);

      T.samples[i] = g_build_filename (pkg != NULL ? pkg : "", "demo", name, NULL);
      T.have_samples &= g_file_test (T.samples[i], G_FILE_TEST_EXISTS);
    }

  /* Screenshots must not catch a crossfade half-way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", "Test Analyst");

  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/create-case", test_create_case);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/photo-view", test_photo_view);
  g_test_add_func ("/window/make-person", test_make_person);
  g_test_add_func ("/window/review-and-audit", test_review_and_audit);
  g_test_add_func ("/window/every-action", test_every_action);
  g_test_add_func ("/window/export-report", test_export_report);
  g_test_add_func ("/window/second-window", test_second_window);
  g_test_add_func ("/window/close", test_close);
  ret = g_test_run ();

  g_object_unref (T.app);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (T.dir);

      /* The evidence files are read-only; the case folder is ours to remove. */
      g_spawn_command_line_sync (g_strdup_printf ("chmod -R u+w '%s'", T.dir), NULL, NULL, NULL, NULL);
      g_spawn_command_line_sync (g_strdup_printf ("rm -rf '%s'", T.dir), NULL, NULL, NULL, NULL);
    }
  return ret;
}
