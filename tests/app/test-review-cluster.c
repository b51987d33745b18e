/* test-review-cluster.c — groups of unknown faces: split out and name, for real
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every demo photo of the face-api package is imported as a probe with the
 * real face engine and the real matcher groups the faces; the view splits a
 * face out of a group and names another group through its actions.
 */
#define G_LOG_DOMAIN "test-review-cluster"

#include <adwaita.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "import/lk-importer.h"
#include "lk-cluster-view.h"
#include "lk-session.h"
#include "match/lk-matcher.h"
#include "lk-test-gui.h"

#define ANALYST "Cluster Test Analyst"

static char *case_dir;
static char *case_path;
static char *skip_reason;

static void
build_case (void)
{
  const char *package = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkImportSummary *summary;

  if (package == NULL || (engine = lk_face_engine_get_default (&error)) == NULL)
    {
      skip_reason = g_strdup ("no demo photos or no face engine");
      return;
    }
  for (guint i = 1; i <= 6; i++)
    g_ptr_array_add (paths, g_strdup_printf ("%s/demo/sample%u.jpg", package, i));
  g_ptr_array_add (paths, NULL);

  case_dir = g_dir_make_tmp ("lk-test-cluster-XXXXXX", &error);
  g_assert_no_error (error);
  case_path = g_build_filename (case_dir, "Clusters.likeness", NULL);
  kase = lk_case_create (case_path, "Cluster test", NULL, NULL, ANALYST, &error);
  g_assert_no_error (error);
  importer = lk_importer_new (kase, engine, ANALYST);
  lk_importer_set_role (importer, LK_PHOTO_ROLE_PROBE);
  summary = lk_importer_run (importer, (const char * const *) paths->pdata, NULL, &error);
  g_assert_no_error (error);
  lk_import_summary_unref (summary);
  g_assert_true (lk_matcher_refresh (kase, ANALYST, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
wait_idle (LkClusterView *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  do
    lk_test_settle (0.03);
  while (lk_cluster_view_get_busy (view) && g_get_monotonic_time () < deadline);
  lk_test_settle (0.15);
  g_assert_false (lk_cluster_view_get_busy (view));
}

static GPtrArray *
clusters_on_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) reader = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, &error);
  GPtrArray *clusters;

  g_assert_no_error (error);
  clusters = lk_case_list_clusters (reader, &error);
  g_assert_no_error (error);
  return clusters;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (LK_TEST_BUILDDIR, name, NULL);

  lk_test_settle (0.3);
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                              gtk_widget_get_height (window)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* What another part of the workstation would have recorded before the group
 * is named: Ann Smith in the gallery, one face of the group judged too poor
 * to compare.  Run as a session job, like every write of the workstation. */
typedef struct {
  gint64 quality_face;
  gint64 person_id;
} Prior;

static gpointer
record_prior (LkCase        *kase,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Prior *prior = data;
  LkPersonFields fields = { .display_name = "Ann Smith" };

  prior->person_id = lk_case_add_person (kase, ANALYST, &fields, error);
  if (prior->person_id == 0 ||
      lk_case_add_decision (kase, ANALYST, prior->quality_face, 0, LK_OUTCOME_INSUFFICIENT_QUALITY, NULL,
                            "Motion blur over the eyes.", error) == 0)
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static gint64
last_face_of (gint64 cluster_id)
{
  g_autoptr(GPtrArray) clusters = clusters_on_disk ();

  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *c = g_ptr_array_index (clusters, i);

      if (c->id == cluster_id)
        return g_array_index (c->face_ids, gint64, c->face_ids->len - 1);
    }
  g_assert_not_reached ();
}

static void
test_split_and_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  LkSession *session;
  GtkWidget *window, *box, *header, *focus;
  LkClusterView *view;
  gint64 cluster;
  guint n_faces, first = 0;
  Prior prior = { 0 };
  AdwMessageDialog *dialog;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }
  before = clusters_on_disk ();
  for (guint i = before->len; i > 0; i--)
    if (((LkCluster *) g_ptr_array_index (before, i - 1))->face_ids->len < 2)
      g_ptr_array_remove_index (before, i - 1);
  if (before->len == 0)
    {
      g_test_skip ("the matcher found no group among the demo photos");
      return;
    }

  session = lk_session_new (lk_case_open (case_path, LK_CASE_OPEN_READ_WRITE, &error), ANALYST);
  g_assert_no_error (error);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Unknown Groups", "Cluster test"));
  gtk_box_append (GTK_BOX (box), header);
  view = LK_CLUSTER_VIEW (lk_cluster_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  lk_section_set_session (LK_SECTION (view), session);
  wait_idle (view);

  cluster = lk_cluster_view_get_current_cluster (view);
  g_assert_cmpint (cluster, >, 0);
  n_faces = lk_cluster_view_get_n_faces (view);
  g_assert_cmpuint (n_faces, >=, 2);
  save_screenshot (window, "screenshot-review-clusters.png");

  {
    prior.quality_face = last_face_of (cluster);
    lk_test_run_job (session, record_prior, &prior);
    lk_session_notify_changed (session, LK_CHANGE_DECISIONS);
    lk_test_settle (0.1);
    wait_idle (view);
    g_assert_cmpint (lk_cluster_view_get_current_cluster (view), ==, cluster);
    g_assert_cmpuint (lk_cluster_view_get_n_faces (view), ==, n_faces);
  }

  /* Nothing is named without a name and a rationale. */
  gtk_widget_activate_action (GTK_WIDGET (view), "cluster.name", NULL);
  wait_idle (view);
  g_assert_cmpint (lk_cluster_view_get_current_cluster (view), ==, cluster);

  if (n_faces >= 3)
    {
      /* Split the first face out: the group keeps the others. */
      lk_cluster_view_select_faces (view, &first, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cluster.split", NULL));
      wait_idle (view);
      g_assert_cmpuint (lk_cluster_view_get_n_faces (view), ==, n_faces - 1);
    }

  /* Name the group with a name already in the gallery: the workstation asks,
   * offers that person, and lists the face that keeps its own decision. */
  gtk_widget_activate_action (GTK_WIDGET (view), "cluster.focus-name", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  lk_cluster_view_set_name (view, "Ann Smith", "Same face in both photos: hairline, brows, smile lines.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cluster.name", NULL));
  wait_idle (view);
  dialog = ADW_MESSAGE_DIALOG (lk_cluster_view_get_name_dialog (view));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "identify"));
  g_assert_true (adw_message_dialog_has_response (dialog, "second"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  {
    g_autofree char *face = g_strdup_printf ("face %" G_GINT64_FORMAT ": Quality insufficient", prior.quality_face);

    g_test_message ("%s", adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), face));
  }
  save_screenshot (GTK_WIDGET (dialog), "screenshot-review-clusters-name.png");
  adw_message_dialog_response (dialog, "identify");
  wait_idle (view);

  {
    g_autoptr(LkCase) reader = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) persons = NULL;
    g_autoptr(GPtrArray) decisions = NULL;
    guint identified = 0, named = 0;

    g_assert_no_error (error);
    persons = lk_case_list_persons (reader, TRUE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < persons->len; i++)
      named += g_str_equal (((LkPerson *) g_ptr_array_index (persons, i))->display_name, "Ann Smith");
    g_assert_cmpuint (named, ==, 1);
    decisions = lk_case_list_decisions (reader, 0, TRUE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < decisions->len; i++)
      {
        LkDecision *d = g_ptr_array_index (decisions, i);

        if (d->face_id == prior.quality_face)
          g_assert_cmpint (d->outcome, ==, LK_OUTCOME_INSUFFICIENT_QUALITY);
        if (d->person_id == prior.person_id && d->outcome == LK_OUTCOME_IDENTIFIED)
          identified++;
      }
    /* Every face named but the one judged too poor (and the one split out). */
    g_assert_cmpuint (identified, ==, (n_faces >= 3 ? n_faces - 1 : n_faces) - 1);
  }

  lk_section_set_session (LK_SECTION (view), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  lk_test_settle (0.05);
  g_assert_finalize_object (session);
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  build_case ();
  g_test_add_func ("/review/clusters/split-and-name", test_split_and_name);
  status = g_test_run ();
  if (case_dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s' && rm -rf '%s'", case_dir, case_dir);

      if (system (command) != 0)
        g_warning ("could not remove %s", case_dir);
    }
  g_free (case_path);
  g_free (case_dir);
  g_free (skip_reason);
  return status;
}
