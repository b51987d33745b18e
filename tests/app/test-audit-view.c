/* test-audit-view.c — the Audit section reads as words, and says when it is stale
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real Audit section in a real window on a real case: the selected
 * entry's details are shown as "Field: value" lines (no JSON anywhere, no
 * tooltip carrying it), and a "Verified" banner says how many entries came
 * after the verification once new ones arrive.
 */
#define G_LOG_DOMAIN "test-audit-view"

#include "lk-config.h"

#include <string.h>

#include "case/lk-case.h"
#include "lk-audit-object.h"
#include "lk-audit-view.h"
#include "lk-test-gui.h"

#define ANALYST "Audit Reader"
#define EVENT_DETAILS "{\"format\":\"pdf\",\"file_sha256\":\"ab12\",\"pages\":3,\"include_exclusions\":true," \
                      "\"sections\":[\"faces\",\"people\"],\"notes\":\"\",\"new\":{\"display_name\":\"Anna Test\"}," \
                      "\"reviewer\":null,\"threshold\":0.42}"

static struct {
  char *dir;
  char *path;
} T;

static void
build_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_create (T.path, "Audit", NULL, NULL, ANALYST, &error);
  LkPersonFields fields = { .display_name = "Anna Test" };

  g_assert_no_error (error);
  g_assert_cmpint (lk_case_add_person (kase, ANALYST, &fields, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (lk_case_log_event (kase, ANALYST, "report.export", "case", 0, EVENT_DETAILS, &error));
  g_assert_no_error (error);
}

static guint
find_action (GListModel *model,
             const char *action)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAuditObject) obj = g_list_model_get_item (model, i);

      if (g_strcmp0 (lk_audit_object_get_entry (obj)->action, action) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_event (gpointer view)
{
  return find_action (lk_audit_view_get_model (view), "report.export") != GTK_INVALID_LIST_POSITION;
}

/* No widget under the section shows JSON, as text or as a tooltip. */
static void
assert_no_json (GtkWidget *widget)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);

  if (tip != NULL)
    g_assert_null (strchr (tip, '{'));
  if (GTK_IS_LABEL (widget))
    g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (widget)), "{\""));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_json (child);
}

static void
test_fields_in_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_new (lk_case_open (T.path, LK_CASE_OPEN_READ_WRITE, &error), ANALYST);
  LkAuditView *view = lk_audit_view_new ();
  GtkWidget *window = gtk_window_new ();
  const char *expected[] = {
    "Format: pdf", "File SHA-256: ab12", "Pages: 3", "Include exclusions: yes",
    "Sections: faces, people", "Notes: empty", "New display name: Anna Test",
    "Reviewer: none", "Threshold: 0.42",
  };
  g_auto(GStrv) shown = NULL;
  guint position;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lk_section_set_session (LK_SECTION (view), session);
  g_assert_true (lk_test_wait_until (has_event, view, 20));

  position = find_action (lk_audit_view_get_model (view), "report.export");
  lk_audit_view_select_entry (view, position);
  lk_test_settle (0.3);
  shown = lk_audit_view_dup_shown_fields (view);
  g_assert_cmpuint (g_strv_length (shown), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char * const *) shown, expected[i]));
  assert_no_json (GTK_WIDGET (view));

  /* The entry the store wrote itself reads as words too. */
  g_clear_pointer (&shown, g_strfreev);
  lk_audit_view_select_entry (view, find_action (lk_audit_view_get_model (view), "person.add"));
  shown = lk_audit_view_dup_shown_fields (view);
  g_assert_cmpuint (g_strv_length (shown), >, 0);
  g_assert_true (g_strv_contains ((const char * const *) shown, "New display name: Anna Test"));
  for (guint i = 0; shown[i] != NULL; i++)
    {
      g_assert_null (strchr (shown[i], '{'));
      g_assert_null (strstr (shown[i], "[]"));
    }
  assert_no_json (GTK_WIDGET (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
verdict_has (gpointer data)
{
  gpointer *args = data;
  const char *verdict = lk_audit_view_get_verdict (args[0]);

  return verdict != NULL && strstr (verdict, args[1]) != NULL;
}

static gpointer
log_job (LkCase        *kase,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  if (!lk_case_log_event (kase, ANALYST, "report.export", "case", 0, "{\"format\":\"html\"}", error) ||
      !lk_case_log_event (kase, ANALYST, "report.export", "case", 0, "{\"format\":\"odt\"}", error))
    return NULL;
  return g_strdup ("logged");
}

static void
log_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = lk_session_run_finish (LK_SESSION (source), result, &error);

  g_assert_no_error (error);
  lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_AUDIT);
}

static void
test_stale_banner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_new (lk_case_open (T.path, LK_CASE_OPEN_READ_WRITE, &error), ANALYST);
  LkAuditView *view = lk_audit_view_new ();
  GtkWidget *window = gtk_window_new ();
  gpointer verified[] = { view, "Verified at" };
  gpointer stale[] = { view, "2 new entries since" };
  const char *verdict;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lk_section_set_session (LK_SECTION (view), session);
  g_assert_true (lk_test_wait_until (has_event, view, 20));
  lk_audit_view_verify (view);
  g_assert_true (lk_test_wait_until (verdict_has, verified, 30));
  g_assert_null (strstr (lk_audit_view_get_verdict (view), "since"));

  lk_session_run (session, log_job, NULL, NULL, g_free, NULL, log_done_cb, NULL);
  g_assert_true (lk_test_wait_until (verdict_has, stale, 20));
  verdict = lk_audit_view_get_verdict (view);
  g_assert_true (g_str_has_prefix (verdict, "Verified at"));

  /* Verifying again covers them: the banner is current once more. */
  lk_audit_view_verify (view);
  g_assert_true (lk_test_wait_until (verdict_has, (gpointer[]) { view, "entries intact" }, 30));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *argv_rm[] = { "rm", "-rf", NULL, NULL };
  int ret;

  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  T.dir = g_dir_make_tmp ("lk-test-audit-view-XXXXXX", &error);
  g_assert_no_error (error);
  T.path = g_build_filename (T.dir, "audit.likeness", NULL);
  build_case ();

  g_test_add_func ("/audit-view/fields-in-words", test_fields_in_words);
  g_test_add_func ("/audit-view/stale-banner", test_stale_banner);
  ret = g_test_run ();

  argv_rm[2] = T.dir;
  g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  return ret;
}
