/* test-section.c — what every section of a case view shares (LkSection)
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real sections in a real window under a display, on real cases: switching
 * cases while the previous case's listing is still running on its worker
 * (held up there as a large case would) never shows that case's rows, and
 * one change to a case reaches a section as one reload.
 */
#define G_LOG_DOMAIN "test-section"

#include "lk-config.h"

#include <glib/gstdio.h>

#include "case/lk-case.h"
#include "lk-faces-view.h"
#include "lk-people-view.h"
#include "lk-person-object.h"
#include "lk-photo-object.h"
#include "lk-photo-page.h"
#include "lk-photos-grid.h"
#include "lk-photos-view.h"
#include "lk-test-gui.h"

#define ANALYST "Section Tester"
#define SLOW_MS 1500

static struct {
  char *dir;
  char *old_path;     /* two photos, two people */
  char *new_path;     /* one photo, one person */
  char *samples[3];
} T;

static void
add_photo (LkCase     *kase,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  LkPhotoNew photo = { .role = LK_PHOTO_ROLE_REFERENCE, .original_path = path };

  g_assert_true (lk_case_store_evidence (kase, path, NULL, &sha, &error));
  g_assert_no_error (error);
  photo.sha256 = sha;
  g_assert_cmpint (lk_case_add_photo (kase, ANALYST, &photo, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
add_person (LkCase     *kase,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  LkPersonFields fields = { .display_name = name };

  g_assert_cmpint (lk_case_add_person (kase, ANALYST, &fields, &error), >, 0);
  g_assert_no_error (error);
}

static void
build_case (const char  *path,
            const char  *title,
            const char **photos,
            const char **people)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_create (path, title, NULL, NULL, ANALYST, &error);

  g_assert_no_error (error);
  for (guint i = 0; photos[i] != NULL; i++)
    add_photo (kase, photos[i]);
  for (guint i = 0; people[i] != NULL; i++)
    add_person (kase, people[i]);
}

static LkSession *
open_session (const char *path)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);

  g_assert_no_error (error);
  return lk_session_new (kase, ANALYST);
}

typedef struct {
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (w->model) == w->n;
}

/* Shows the section, gives it the old case (whose worker holds every job
 * SLOW_MS), and at once the new case; then waits until the old listing has
 * long finished on its worker.  Only the new case's rows may be shown. */
static GListModel *
switch_while_listing (LkSection  *section,
                      GListModel *model,
                      guint       n_new)
{
  g_autoptr(LkSession) old_session = open_session (T.old_path);
  g_autoptr(LkSession) new_session = open_session (T.new_path);
  GtkWidget *window = gtk_window_new ();
  CountWait wait = { model, n_new };
  gint64 until;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (section));
  gtk_window_present (GTK_WINDOW (window));
  lk_session_set_job_delay (old_session, SLOW_MS);
  lk_section_set_session (section, old_session);
  lk_test_settle (0.2);
  lk_section_set_session (section, new_session);
  g_assert_true (lk_test_wait_until (has_n_items, &wait, 20));
  until = g_get_monotonic_time () + (SLOW_MS + 1500) * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_new);
      g_usleep (10000);
    }
  g_assert_true (lk_section_get_session (section) == new_session);
  g_object_ref (model);
  gtk_window_destroy (GTK_WINDOW (window));
  return model;
}

static void
test_photos_switch (void)
{
  LkPhotosView *view = lk_photos_view_new ();
  g_autoptr(GListModel) model = switch_while_listing (LK_SECTION (view), lk_photos_view_get_model (view), 1);
  g_autoptr(LkPhotoObject) obj = g_list_model_get_item (model, 0);
  g_autofree char *name = g_path_get_basename (T.samples[2]);

  g_assert_cmpstr (lk_photo_object_get_photo (obj)->original_name, ==, name);
}

static void
test_people_switch (void)
{
  LkPeopleView *view = lk_people_view_new ();
  g_autoptr(GListModel) model = switch_while_listing (LK_SECTION (view), lk_people_view_get_model (view), 1);
  g_autoptr(LkPersonObject) obj = g_list_model_get_item (model, 0);

  g_assert_cmpstr (lk_person_object_get_person (obj)->display_name, ==, "New Case Person");
}

static gboolean
is_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static gboolean
photo_ready (gpointer view)
{
  return lk_photos_view_is_photo_ready (view);
}

/* Photos is a stack of two template pages.  The photo page is a section of
 * its own: it must follow the case of Photos, and another case closes the
 * open photo, whose faces belong to the previous case. */
static void
test_photo_page_follows_case (void)
{
  g_autoptr(LkSession) old_session = open_session (T.old_path);
  g_autoptr(LkSession) new_session = open_session (T.new_path);
  LkPhotosView *view = lk_photos_view_new ();
  GtkWidget *window = gtk_window_new ();
  GObject *page = gtk_widget_get_template_child (GTK_WIDGET (view), LK_TYPE_PHOTOS_VIEW, "page");
  GObject *grid = gtk_widget_get_template_child (GTK_WIDGET (view), LK_TYPE_PHOTOS_VIEW, "grid");
  GListModel *photos = lk_photos_view_get_model (view);
  CountWait wait = { photos, 2 };
  g_autoptr(LkPhotoObject) first = NULL;

  g_assert_true (LK_IS_PHOTO_PAGE (page));
  g_assert_true (LK_IS_PHOTOS_GRID (grid));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lk_section_set_session (LK_SECTION (view), old_session);
  g_assert_true (lk_section_get_session (LK_SECTION (page)) == old_session);
  g_assert_true (lk_test_wait_until (has_n_items, &wait, 20));
  first = g_list_model_get_item (photos, 0);
  lk_photos_view_show_photo (view, lk_photo_object_get_id (first), 0);
  g_assert_true (lk_test_wait_until (photo_ready, view, 30));
  g_assert_cmpint (lk_photo_page_get_photo_id (LK_PHOTO_PAGE (page)), ==, lk_photo_object_get_id (first));
  lk_section_set_session (LK_SECTION (view), new_session);
  g_assert_true (lk_section_get_session (LK_SECTION (page)) == new_session);
  g_assert_cmpint (lk_photo_page_get_photo_id (LK_PHOTO_PAGE (page)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  /* The face chips still being made hold the old case open a moment; the
   * next test opens it for writing. */
  {
    LkSession *old = g_steal_pointer (&old_session);

    g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
    g_object_unref (old);
    g_assert_true (lk_test_wait_until (is_gone, &old, 20));
  }
}

/* Faces comes from its template; only the cell factory is set in code, on
 * the template's grid, which shows the section's selection. */
static void
test_faces_template (void)
{
  LkFacesView *view = g_object_ref_sink (lk_faces_view_new ());
  GObject *grid = gtk_widget_get_template_child (GTK_WIDGET (view), LK_TYPE_FACES_VIEW, "grid");

  g_assert_true (GTK_IS_GRID_VIEW (grid));
  g_assert_true (gtk_grid_view_get_model (GTK_GRID_VIEW (grid)) == lk_faces_view_get_selection (view));
  g_assert_nonnull (gtk_grid_view_get_factory (GTK_GRID_VIEW (grid)));
  g_object_unref (view);
}

static void
count_changes (LkSession *session,
               LkChange   what,
               gpointer   data)
{
  LkChange *seen = data;

  g_assert_cmpuint (*seen, ==, 0);
  *seen = what;
}

/* One change touching photos, faces and the audit log is ONE emission with
 * the three parts, not three emissions (each a reload of several sections).
 * Outside a main-loop callback it comes from the loop, once. */
static void
test_one_emission (void)
{
  g_autoptr(LkSession) session = open_session (T.new_path);
  LkChange seen = 0;

  g_signal_connect (session, "case-changed", G_CALLBACK (count_changes), &seen);
  lk_session_notify_changed (session, LK_CHANGE_PHOTOS | LK_CHANGE_FACES | LK_CHANGE_AUDIT);
  lk_test_settle (0.1);
  g_assert_cmpuint (seen, ==, LK_CHANGE_PHOTOS | LK_CHANGE_FACES | LK_CHANGE_AUDIT);
}

typedef struct {
  LkSession *session;
  LkChange   what;
} NotifyFromThread;

static gpointer
notify_twice (gpointer data)
{
  NotifyFromThread *n = data;

  lk_session_notify_changed (n->session, LK_CHANGE_FACES);
  lk_session_notify_changed (n->session, LK_CHANGE_AUDIT);
  return NULL;
}

/* Calls from a worker before the main loop runs merge into one emission. */
static void
test_merged_from_thread (void)
{
  g_autoptr(LkSession) session = open_session (T.new_path);
  NotifyFromThread n = { session, 0 };
  LkChange seen = 0;

  g_signal_connect (session, "case-changed", G_CALLBACK (count_changes), &seen);
  g_thread_join (g_thread_new ("notify", notify_twice, &n));
  g_assert_cmpuint (seen, ==, 0);
  lk_test_settle (0.2);
  g_assert_cmpuint (seen, ==, LK_CHANGE_FACES | LK_CHANGE_AUDIT);
}

int
main (int   argc,
      char *argv[])
{
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  const char *old_photos[3], *new_photos[2];
  const char *old_people[] = { "Old Case Person A", "Old Case Person B", NULL };
  const char *new_people[] = { "New Case Person", NULL };
  g_autoptr(GError) error = NULL;
  int ret;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_assert_nonnull (pkg);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("sample%d.jpg", i + 1);

      T.samples[i] = g_build_filename (pkg, "demo", name, NULL);
      g_assert_true (g_file_test (T.samples[i], G_FILE_TEST_IS_REGULAR));
    }
  T.dir = g_dir_make_tmp ("lk-test-section-XXXXXX", &error);
  g_assert_no_error (error);
  T.old_path = g_build_filename (T.dir, "old.likeness", NULL);
  T.new_path = g_build_filename (T.dir, "new.likeness", NULL);
  old_photos[0] = T.samples[0], old_photos[1] = T.samples[1], old_photos[2] = NULL;
  new_photos[0] = T.samples[2], new_photos[1] = NULL;
  build_case (T.old_path, "Old", old_photos, old_people);
  build_case (T.new_path, "New", new_photos, new_people);

  g_test_add_func ("/section/photos/switch-while-listing", test_photos_switch);
  g_test_add_func ("/section/people/switch-while-listing", test_people_switch);
  g_test_add_func ("/section/photos/page-follows-case", test_photo_page_follows_case);
  g_test_add_func ("/section/faces/template", test_faces_template);
  g_test_add_func ("/section/session/one-emission", test_one_emission);
  g_test_add_func ("/section/session/merged-from-thread", test_merged_from_thread);
  ret = g_test_run ();

  {
    const char *argv_rm[] = { "rm", "-rf", T.dir, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return ret;
}
