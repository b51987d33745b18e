/* test-window-guards.c — the workstation records only what the analyst meant
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real windows of the real application under a display: no error dialog
 * when nothing is wrong (a person added to an empty case), a new analyst name
 * reaching every open window at once, and a case whose audit chain does not
 * verify opening with a red banner and its decisions marked.
 */
#define G_LOG_DOMAIN "test-window-guards"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "case/lk-case.h"
#include "import/lk-importer.h"
#include "lk-application.h"
#include "lk-people-view.h"
#include "lk-person-object.h"
#include "lk-preferences-window.h"
#include "lk-review-view-private.h"
#include "lk-test-gui.h"
#include "lk-window-private.h"
#include "match/lk-matcher.h"

#define FIRST_NAME "First Analyst"
#define SECOND_NAME "Second Analyst"

static struct {
  LkApplication *app;
  char          *dir;
  char          *empty_path;   /* a case with nothing in it */
  char          *faces_path;   /* references, probes and candidates */
  char          *skip_reason;
  LkWindow      *a, *b;
  gint64         decision_id;  /* recorded in window b */
  gint64         decision_face;
  gint64         decision_person;
} T;

/* The case with faces, built through the core with the real face engine. */
static void
build_faces_case (void)
{
  const char *package = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkCase) kase = NULL;
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) refs = NULL;

  if (package == NULL || (engine = lk_face_engine_get_default (&error)) == NULL)
    {
      T.skip_reason = g_strdup ("no demo photos or no face engine");
      return;
    }
  kase = lk_case_create (T.faces_path, "Guards", "G-1", NULL, FIRST_NAME, &error);
  g_assert_no_error (error);
  for (int role = 0; role < 2; role++)
    {
      g_autoptr(LkImporter) importer = lk_importer_new (kase, engine, FIRST_NAME);
      g_autofree char *a = g_strdup_printf ("%s/demo/sample%d.jpg", package, role ? 3 : 1);
      g_autofree char *b = g_strdup_printf ("%s/demo/sample%d.jpg", package, role ? 4 : 2);
      const char *paths[] = { a, b, NULL };
      LkImportSummary *summary;

      lk_importer_set_role (importer, role ? LK_PHOTO_ROLE_PROBE : LK_PHOTO_ROLE_REFERENCE);
      summary = lk_importer_run (importer, paths, NULL, &error);
      g_assert_no_error (error);
      lk_import_summary_unref (summary);
    }
  filter.role = LK_PHOTO_ROLE_REFERENCE;
  refs = lk_case_list_faces (kase, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < refs->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Reference Person %u", i + 1);
      LkPersonFields fields = { .display_name = name };
      gint64 person = lk_case_add_person (kase, FIRST_NAME, &fields, &error);

      g_assert_no_error (error);
      lk_case_link_reference (kase, FIRST_NAME, ((LkCaseFace *) refs->pdata[i])->id, person, &error);
      g_assert_no_error (error);
    }
  g_assert_true (lk_matcher_refresh (kase, FIRST_NAME, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Helpers ---------------------------------------------------------------------- */

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
is_entry_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static gboolean
is_flagged_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "lk-flagged");
}

/* The open message dialogs (error dialogs included), visible ones only. */
static GPtrArray *
message_dialogs (void)
{
  GPtrArray *dialogs = g_ptr_array_new ();
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      g_ptr_array_add (dialogs, l->data);
  g_list_free (toplevels);
  return dialogs;
}

static LkWindow *
open_window (void)
{
  LkWindow *window = lk_window_new (T.app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *
subtitle_of (LkWindow *window)
{
  return g_strdup (adw_window_title_get_subtitle (window->window_title));
}

static gboolean
people_listed (gpointer view)
{
  return g_list_model_get_n_items (lk_people_view_get_model (view)) > 0;
}

/* 5: a person added to an empty case ----------------------------------------- */

static void
test_no_error_on_empty_case (void)
{
  LkPeopleView *people;
  GtkWidget *button;
  g_autoptr(GPtrArray) dialogs = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *group;

  T.a = open_window ();
  lk_window_create_case (T.a, T.empty_path, "Empty", NULL, NULL);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.a, 30));
  lk_window_show_section (T.a, "people");
  people = LK_PEOPLE_VIEW (lk_window_get_section (T.a, "people"));
  lk_test_settle (0.3);
  button = lk_test_find_widget (GTK_WIDGET (people), has_tooltip, "Add a person to the gallery");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  lk_test_settle (0.3);
  dialogs = message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  dialog = ADW_MESSAGE_DIALOG (dialogs->pdata[0]);
  group = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (lk_test_find_widget (group, is_entry_row, NULL)), "Ann Smith");
  adw_message_dialog_response (dialog, "save");
  /* A click on the button closes the dialog too; a response from here does not. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&dialogs, g_ptr_array_unref);

  /* The person is created and the candidates are brought up to date (there
   * is nothing to match): no dialog, no failure. */
  g_assert_true (lk_test_wait_until (people_listed, people, 30));
  lk_test_settle (1.0);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.a, 60));
  lk_test_settle (0.5);
  dialogs = message_dialogs ();
  for (guint i = 0; i < dialogs->len; i++)
    g_test_message ("dialog: %s — %s", adw_message_dialog_get_heading (dialogs->pdata[i]),
                    adw_message_dialog_get_body (dialogs->pdata[i]));
  g_assert_cmpuint (dialogs->len, ==, 0);
  g_free (lk_test_screenshot (GTK_WIDGET (T.a), "guards-empty-case-person"));
}

/* 4: a new analyst name reaches every window --------------------------------- */

static gboolean
review_ready (gpointer view)
{
  return !lk_review_view_get_busy (view) && lk_review_view_get_current_face (view) > 0 &&
         lk_review_view_get_current_person (view) > 0;
}

static void
change_name_in_preferences (const char *name)
{
  GList *toplevels;
  LkPreferencesWindow *prefs = NULL;
  GtkWidget *row;

  g_action_group_activate_action (G_ACTION_GROUP (T.app), "preferences", NULL);
  lk_test_settle (0.3);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LK_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (prefs);
  row = lk_test_find_widget (GTK_WIDGET (prefs), is_entry_row, NULL);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_signal_emit_by_name (row, "apply");
  lk_test_settle (0.2);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_analyst_everywhere (void)
{
  LkReviewView *review;
  g_autofree char *subtitle_a = NULL;
  g_autofree char *subtitle_b = NULL;
  g_autoptr(LkCase) reader = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 face;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  T.b = open_window ();
  lk_window_open_case (T.b, T.faces_path);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.b, 60));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.b, 120));
  lk_window_show_section (T.b, "review");
  review = LK_REVIEW_VIEW (lk_window_get_section (T.b, "review"));
  g_assert_true (lk_test_wait_until (review_ready, review, 60));

  change_name_in_preferences (SECOND_NAME);
  subtitle_a = subtitle_of (T.a);
  subtitle_b = subtitle_of (T.b);
  g_assert_cmpstr (subtitle_a, ==, "Analyst: " SECOND_NAME);
  g_assert_cmpstr (subtitle_b, ==, "Analyst: " SECOND_NAME);

  /* A decision in the other window carries the name shown in its header. */
  face = lk_review_view_get_current_face (review);
  T.decision_person = lk_review_view_get_current_person (review);
  lk_review_decision_bar_set_rationale (review->decision_bar, "Same brow line and nose.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.strength", "i", 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.identify", NULL));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (review_ready, review, 60));

  reader = lk_case_open (T.faces_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  entries = lk_case_list_audit (reader, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      LkAuditEntry *e = g_ptr_array_index (entries, i);

      if (g_str_equal (e->action, "decision.add"))
        {
          g_assert_cmpstr (e->analyst, ==, SECOND_NAME);
          T.decision_id = e->object_id;
        }
    }
  g_assert_cmpint (T.decision_id, >, 0);
  T.decision_face = face;
}

/* 7: a case whose audit chain does not verify ---------------------------------- */

static gboolean
banner_shown (gpointer window)
{
  return gtk_revealer_get_reveal_child (LK_WINDOW (window)->audit_banner_revealer);
}

static gboolean
history_flagged (gpointer view)
{
  LkReviewView *review = view;

  return review_ready (view) && lk_review_view_get_current_face (review) == T.decision_face &&
         lk_test_find_widget (GTK_WIDGET (review->history_list), is_flagged_row, NULL) != NULL;
}

static gboolean
is_flagged_chip (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_has_css_class (widget, "lk-chip") && gtk_widget_has_css_class (widget, "lk-flagged");
}

static gboolean
people_chip_flagged (gpointer view)
{
  return lk_test_find_widget (GTK_WIDGET (view), is_flagged_chip, NULL) != NULL;
}

static void
select_decision_person (LkPeopleView *people)
{
  GListModel *model = lk_people_view_get_model (people);

  g_assert_true (lk_test_wait_until (people_listed, people, 30));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkPersonObject) person = g_list_model_get_item (model, i);

      if (lk_person_object_get_person (person)->id == T.decision_person)
        {
          lk_people_view_select (people, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
forge (const char *sql)
{
  g_autofree char *db_path = g_build_filename (T.faces_path, "case.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("forging failed: %s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_audit_banner (void)
{
  g_autofree char *sql = NULL;
  g_autoptr(LkCase) reader = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LkReviewView *review;
  const char *banner;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  /* A case that verifies shows no banner. */
  g_assert_false (banner_shown (T.b));
  gtk_widget_activate_action (GTK_WIDGET (T.b), "win.close-case", NULL);
  g_assert_null (lk_window_get_session (T.b));
  lk_test_settle (0.3);

  sql = g_strdup_printf ("UPDATE decisions SET rationale = 'x' WHERE id = %" G_GINT64_FORMAT, T.decision_id);
  forge (sql);
  reader = lk_case_open (T.faces_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (lk_case_verify_audit (reader, NULL, &report, &error));
  g_assert_false (report->ok);
  g_clear_object (&reader);

  lk_window_open_case (T.b, T.faces_path);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.b, 60));
  g_assert_true (lk_test_wait_until (banner_shown, T.b, 60));
  banner = gtk_label_get_text (T.b->audit_banner_label);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, report->message));

  /* The decision the check names is marked where Review shows it. */
  lk_window_show_section (T.b, "review");
  review = LK_REVIEW_VIEW (lk_window_get_section (T.b, "review"));
  g_assert_true (lk_test_wait_until (review_ready, review, 60));
  lk_review_view_select_face (review, T.decision_face);
  g_assert_true (lk_test_wait_until (history_flagged, review, 60));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (T.b), "guards-audit-banner"));
  /* And on the person's identified faces in People. */
  lk_window_show_section (T.b, "people");
  select_decision_person (LK_PEOPLE_VIEW (lk_window_get_section (T.b, "people")));
  g_assert_true (lk_test_wait_until (people_chip_flagged, lk_window_get_section (T.b, "people"), 30));
  lk_test_settle (0.5);
  g_free (lk_test_screenshot (GTK_WIDGET (T.b), "guards-audit-people"));
  /* The banner stays (nothing verified since). */
  g_assert_true (banner_shown (T.b));
}

static void
test_close (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (T.app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  lk_test_settle (0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      g_printf ("1..0 # SKIP no display\n");
      return 0;
    }
  T.dir = g_dir_make_tmp ("lk-test-guards-XXXXXX", &error);
  g_assert_no_error (error);
  T.empty_path = g_build_filename (T.dir, "Empty.likeness", NULL);
  T.faces_path = g_build_filename (T.dir, "Guards.likeness", NULL);
  build_faces_case ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", FIRST_NAME);

  g_test_add_func ("/window/guards/no-error-on-empty-case", test_no_error_on_empty_case);
  g_test_add_func ("/window/guards/analyst-everywhere", test_analyst_everywhere);
  g_test_add_func ("/window/guards/audit-banner", test_audit_banner);
  g_test_add_func ("/window/guards/close", test_close);
  ret = g_test_run ();

  g_object_unref (T.app);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s' && rm -rf '%s'", T.dir, T.dir);

      /* The evidence files are read-only; the case folders are ours to remove. */
      if (system (command) != 0)
        g_warning ("could not remove %s", T.dir);
    }
  g_free (T.empty_path);
  g_free (T.faces_path);
  g_free (T.dir);
  g_free (T.skip_reason);
  return ret;
}
