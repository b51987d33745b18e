/* test-dialogs.c — every small dialog of the workstation, driven as a user does
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs' layouts come from .ui files; their fields are found here by
 * the ids those files give them (a renamed or missing field fails the test),
 * filled, confirmed, and the effect is read back from the case on disk:
 * "Who Is Working?" sets the analyst, People creates, edits and retires a
 * person, Unknown Groups names a group after an existing person, Faces
 * makes reference faces, Review takes a decision back with its reason.  The
 * steps run in order on one case, as a day's work would.
 */
#define G_LOG_DOMAIN "test-dialogs"

#include "lk-config.h"

#include <stdlib.h>
#include <string.h>

#include "case/lk-case.h"
#include "case/lk-case-match.h"
#include "import/lk-importer.h"
#include "lk-application.h"
#include "lk-cluster-view.h"
#include "lk-face-object.h"
#include "lk-faces-view.h"
#include "lk-people-view.h"
#include "lk-person-completion.h"
#include "lk-person-object.h"
#include "lk-review-decision-bar.h"
#include "lk-review-view-private.h"
#include "lk-test-gui.h"
#include "lk-window.h"
#include "match/lk-matcher.h"

#define BUILDER_ANALYST "Dialog Builder"
#define ANALYST "Dialog Test Analyst"
#define REASON_WITHDRAW "Compared the wrong photo."
#define REASON_RETIRE "Duplicate of another record."

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *case_path;
  char          *skip_reason;
} T;

/* All six demo photos as probes, grouped by the real matcher. */
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

  if (package == NULL || (engine = lk_face_engine_get_default (&error)) == NULL)
    {
      T.skip_reason = g_strdup ("no demo photos or no face engine");
      return;
    }
  for (guint i = 1; i <= 6; i++)
    g_ptr_array_add (paths, g_strdup_printf ("%s/demo/sample%u.jpg", package, i));
  g_ptr_array_add (paths, NULL);
  kase = lk_case_create (T.case_path, "Dialogs", "D-1", NULL, BUILDER_ANALYST, &error);
  g_assert_no_error (error);
  importer = lk_importer_new (kase, engine, BUILDER_ANALYST);
  lk_importer_set_role (importer, LK_PHOTO_ROLE_PROBE);
  lk_import_summary_unref (lk_importer_run (importer, (const char * const *) paths->pdata, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_matcher_refresh (kase, BUILDER_ANALYST, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Helpers ---------------------------------------------------------------------- */

static LkCase *
open_reader (void)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return kase;
}

static GtkWidget *
field (AdwMessageDialog *dialog,
       const char       *id)
{
  GtkWidget *widget = lk_test_find_by_id (GTK_WIDGET (dialog), id);

  if (widget == NULL)
    g_error ("the dialog “%s” has no field “%s”", adw_message_dialog_get_heading (dialog), id);
  return widget;
}

/* The shown message dialog holding a field called id (NULL: none yet). */
static AdwMessageDialog *
dialog_with (const char *id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          lk_test_find_by_id (GTK_WIDGET (window), id) != NULL)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer id)
{
  return dialog_with (id) != NULL;
}

static AdwMessageDialog *
wait_dialog_with (const char *id)
{
  g_assert_true (lk_test_wait_until (dialog_shown, (gpointer) id, 10));
  lk_test_settle (0.2);
  return dialog_with (id);
}

/* Enter in a field: what the key binding of the text inside emits. */
static void
press_enter_in (GtkWidget *editable)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (editable));

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
}

/* Clicks the dialog's button for response, which answers and closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  GtkWidget *button = lk_test_find_button (GTK_WIDGET (dialog),
                                           adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
click (GtkWidget  *section,
       const char *button_id)
{
  GtkWidget *button = lk_test_find_by_id (section, button_id);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A dialog is a window of its own: drawn by its class, not as a paintable. */
static void
shoot (AdwMessageDialog *dialog,
       const char       *name)
{
  GtkWidget *window = GTK_WIDGET (dialog);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *dir = g_build_filename (LK_TEST_BUILDDIR, "app", "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  /* A dialog just shown may still be growing to its natural size. */
  lk_test_settle (0.8);
  /* In a fresh build no test has made the folder yet. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                              gtk_widget_get_height (window)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static LkPerson *
person_on_disk (const char *name)
{
  g_autoptr(LkCase) reader = open_reader ();

  return lk_case_find_person (reader, name, NULL);
}

static gboolean
person_exists (gpointer name)
{
  g_autoptr(LkPerson) person = person_on_disk (name);

  return person != NULL;
}

/* The position of the person called name in the People list. */
static gboolean
select_person (LkPeopleView *people,
               const char   *name)
{
  GListModel *model = lk_people_view_get_model (people);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkPersonObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (lk_person_object_get_person (item)->display_name, name) == 0)
        {
          lk_people_view_select (people, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
person_listed (gpointer name)
{
  LkPeopleView *people = LK_PEOPLE_VIEW (lk_window_get_section (T.window, "people"));

  return select_person (people, name);
}

/* 1: "Who Is Working?" before the case opens ---------------------------------- */

static void
test_analyst (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *stored = NULL;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_open_case (T.window, T.case_path);
  dialog = wait_dialog_with ("analyst_entry");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Who Is Working?");
  entry = field (dialog, "analyst_entry");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (GTK_EDITABLE (entry), ANALYST);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "continue"));
  shoot (dialog, "dialog-analyst");
  /* Enter continues: the name is the default answer. */
  press_enter_in (entry);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  g_assert_cmpstr (lk_session_get_analyst (lk_window_get_session (T.window)), ==, ANALYST);
  stored = g_settings_get_string (lk_application_get_settings (T.app), "analyst-name");
  g_assert_cmpstr (stored, ==, ANALYST);
  g_assert_null (dialog_with ("analyst_entry"));
}

/* 2: People, "New Person" (the person dialog in its new form) ----------------- */

static void
test_new_person (void)
{
  LkPeopleView *people;
  AdwMessageDialog *dialog;
  GtkWidget *name;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_show_section (T.window, "people");
  people = LK_PEOPLE_VIEW (lk_window_get_section (T.window, "people"));
  lk_test_settle (0.5);
  click (GTK_WIDGET (people), "new_button");
  dialog = wait_dialog_with ("name_row");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Person");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "C_reate");
  name = field (dialog, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (name), "Ann Smith");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "born_row")), "1971");
  /* Enter in a row saves, as the default answer. */
  press_enter_in (name);
  g_assert_true (lk_test_wait_until (person_exists, "Ann Smith", 30));
  {
    g_autoptr(LkPerson) ann = person_on_disk ("Ann Smith");

    g_assert_cmpstr (ann->born, ==, "1971");
  }
  g_assert_null (dialog_with ("name_row"));
}

/* 3: Unknown Groups, naming a group after a person in the gallery -------------- */

static gboolean
groups_idle (gpointer view)
{
  return !lk_cluster_view_get_busy (view);
}

static gboolean
name_dialog_shown (gpointer view)
{
  return lk_cluster_view_get_name_dialog (view) != NULL;
}

static guint
faces_identified_as (gint64 person_id)
{
  g_autoptr(LkCase) reader = open_reader ();
  g_autoptr(GPtrArray) decisions = lk_case_list_decisions (reader, 0, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < decisions->len; i++)
    {
      LkDecision *d = g_ptr_array_index (decisions, i);

      n += d->person_id == person_id && d->outcome == LK_OUTCOME_IDENTIFIED;
    }
  return n;
}

/* The last face of the group, judged too poor to compare before the group
 * is named (as Review would have recorded it): naming leaves it out. */
static gpointer
judge_quality_job (LkCase        *kase,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 face = *(gint64 *) data;

  if (lk_case_add_decision (kase, ANALYST, face, 0, LK_OUTCOME_INSUFFICIENT_QUALITY, NULL,
                            "Motion blur over the eyes.", error) == 0)
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
judge_last_face (LkClusterView *view)
{
  g_autoptr(LkCase) reader = open_reader ();
  g_autoptr(GPtrArray) clusters = lk_case_list_clusters (reader, NULL);
  LkSession *session = lk_window_get_session (T.window);
  gint64 face = 0;

  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *c = g_ptr_array_index (clusters, i);

      if (c->id == lk_cluster_view_get_current_cluster (view))
        face = g_array_index (c->face_ids, gint64, c->face_ids->len - 1);
    }
  g_assert_cmpint (face, >, 0);
  lk_test_run_job (session, judge_quality_job, &face);
  lk_session_notify_changed (session, LK_CHANGE_DECISIONS);
  lk_test_settle (0.2);
  g_assert_true (lk_test_wait_until (groups_idle, view, 60));
}

/* A new name with a face left out asks first; Cancel names nothing. */
static void
cancel_new_name (LkClusterView *view)
{
  AdwMessageDialog *dialog;

  lk_cluster_view_set_name (view, "Carol Example", "Same face in every photo.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cluster.name", NULL));
  g_assert_true (lk_test_wait_until (name_dialog_shown, view, 30));
  dialog = ADW_MESSAGE_DIALOG (lk_cluster_view_get_name_dialog (view));
  g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (dialog)), ==, "new_dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Create Carol Example?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Quality insufficient"));
  g_assert_true (adw_message_dialog_has_response (dialog, "create"));
  g_assert_false (adw_message_dialog_has_response (dialog, "identify"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "create");
  respond (dialog, "cancel");
  g_assert_null (lk_cluster_view_get_name_dialog (view));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (groups_idle, view, 60));
  g_assert_false (person_exists ("Carol Example"));
}

static void
test_name_group (void)
{
  LkClusterView *view;
  AdwMessageDialog *dialog;
  g_autoptr(LkPerson) ann = NULL;
  guint n_faces;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_show_section (T.window, "groups");
  view = LK_CLUSTER_VIEW (lk_window_get_section (T.window, "groups"));
  lk_test_settle (0.5);
  g_assert_true (lk_test_wait_until (groups_idle, view, 60));
  if (lk_cluster_view_get_current_cluster (view) <= 0)
    {
      g_test_skip ("the matcher found no group among the demo photos");
      return;
    }
  n_faces = lk_cluster_view_get_n_faces (view);
  judge_last_face (view);
  cancel_new_name (view);
  g_assert_cmpuint (lk_cluster_view_get_n_faces (view), ==, n_faces);

  lk_cluster_view_set_name (view, "Ann Smith", "Same face in every photo: hairline, brows, smile lines.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cluster.name", NULL));
  g_assert_true (lk_test_wait_until (name_dialog_shown, view, 30));
  dialog = ADW_MESSAGE_DIALOG (lk_cluster_view_get_name_dialog (view));
  /* Built from the .ui: the dialog for a name already in the gallery. */
  g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (dialog)), ==, "existing_dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Ann Smith Already Exists");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "identify"), ==, "_Identify as Ann Smith");
  g_assert_true (adw_message_dialog_has_response (dialog, "second"));
  g_assert_false (adw_message_dialog_has_response (dialog, "create"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "identify");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  shoot (dialog, "dialog-name-group");
  respond (dialog, "identify");
  lk_test_settle (0.2);
  g_assert_true (lk_test_wait_until (groups_idle, view, 60));
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 120));

  ann = person_on_disk ("Ann Smith");
  g_assert_nonnull (ann);
  /* Every face of the group but the one judged too poor. */
  g_assert_cmpuint (faces_identified_as (ann->id), ==, n_faces - 1);
}

/* 4: Faces, "Make Reference Faces" -------------------------------------------- */

static gboolean
faces_loaded (gpointer view)
{
  return !lk_faces_view_is_loading (view) && g_list_model_get_n_items (lk_faces_view_get_model (view)) > 0;
}

static gboolean
has_reference (gpointer name)
{
  g_autoptr(LkCase) reader = open_reader ();
  g_autoptr(LkPerson) person = lk_case_find_person (reader, name, NULL);
  g_autoptr(GArray) refs = person != NULL ? lk_case_list_reference_faces (reader, person->id, NULL) : NULL;

  return refs != NULL && refs->len == 1;
}

/* A face in a photo where nobody has decided about any face yet: that
 * photo may become a reference photo. */
static guint
undecided_face (LkFacesView *faces)
{
  GListModel *model = lk_faces_view_get_model (faces);
  g_autoptr(LkCase) reader = open_reader ();
  g_autoptr(GPtrArray) decisions = lk_case_list_decisions (reader, 0, FALSE, NULL);
  g_autoptr(GHashTable) decided = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < decisions->len; i++)
    {
      g_autoptr(LkCaseFace) face = lk_case_get_face (reader, ((LkDecision *) decisions->pdata[i])->face_id, NULL);

      g_hash_table_add (decided, g_memdup2 (&face->photo_id, sizeof (gint64)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkFaceObject) face = g_list_model_get_item (model, i);
      gint64 photo = lk_face_object_get_photo_id (face);

      if (!g_hash_table_contains (decided, &photo))
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
completion_loaded (gpointer completion)
{
  return !lk_person_completion_is_loading (completion);
}

static gboolean
is_label_saying (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_label_saying (child, text))
      return TRUE;
  return FALSE;
}

/* The person's name is offered as it is typed, in the list of
 * lk-person-completion.ui under the entry. */
static void
offers_ann_smith (GtkWidget *entry)
{
  LkPersonCompletion *completion = g_object_get_data (G_OBJECT (entry), "lk-person-completion");
  GtkWidget *popover;

  g_assert_nonnull (completion);
  g_assert_true (lk_test_wait_until (completion_loaded, completion, 30));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ann");
  lk_test_settle (0.3);
  popover = lk_test_find_by_id (entry, "completion_popover");
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (is_label_saying (popover, "Ann Smith"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
test_make_reference (void)
{
  LkFacesView *faces;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_show_section (T.window, "faces");
  faces = LK_FACES_VIEW (lk_window_get_section (T.window, "faces"));
  g_assert_true (lk_test_wait_until (faces_loaded, faces, 30));
  gtk_selection_model_select_item (lk_faces_view_get_selection (faces), undecided_face (faces), TRUE);
  lk_test_settle (0.3);
  click (GTK_WIDGET (faces), "reference_button");
  dialog = wait_dialog_with ("person_entry");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Make Reference Faces");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "link");
  entry = field (dialog, "person_entry");
  offers_ann_smith (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Bob Example");
  shoot (dialog, "dialog-reference");
  press_enter_in (entry);
  g_assert_true (lk_test_wait_until (has_reference, "Bob Example", 30));
  g_assert_null (dialog_with ("person_entry"));
  /* The candidates are brought up to date against the new reference. */
  lk_test_settle (0.5);
  g_assert_true (lk_test_wait_until (lk_test_window_idle, T.window, 120));
}

/* 5: Review, taking a decision back with its reason ---------------------------- */

static gboolean
review_ready (gpointer view)
{
  return !lk_review_view_get_busy (view) && lk_review_view_get_current_face (view) > 0 &&
         lk_review_view_get_current_person (view) > 0;
}

static void
test_withdraw (void)
{
  LkReviewView *review;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  gint64 face;
  g_autoptr(LkCase) reader = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  gint64 excluded = 0;
  gboolean withdrawn = FALSE;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_show_section (T.window, "review");
  review = LK_REVIEW_VIEW (lk_window_get_section (T.window, "review"));
  g_assert_true (lk_test_wait_until (review_ready, review, 60));
  face = lk_review_view_get_current_face (review);
  /* A decision to take back, recorded as the examiner records one. */
  lk_review_decision_bar_set_rationale (review->decision_bar, "Different chin.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.exclude", NULL));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (review_ready, review, 60));
  g_assert_cmpint (lk_review_view_get_current_face (review), ==, face);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.undo", NULL));
  dialog = wait_dialog_with ("reason_entry");
  g_assert_true (GTK_WINDOW (dialog) == lk_review_view_get_withdraw_dialog (review));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Take Back the Last Decision?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Excluded "));
  entry = field (dialog, "reason_entry");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "withdraw"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "withdraw"));
  gtk_editable_set_text (GTK_EDITABLE (entry), REASON_WITHDRAW);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "withdraw"));
  shoot (dialog, "dialog-withdraw");
  respond (dialog, "withdraw");
  g_assert_null (lk_review_view_get_withdraw_dialog (review));
  g_assert_null (dialog_with ("reason_entry"));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (review_ready, review, 60));

  /* The exclusion is no longer current, and the reason is on record. */
  reader = open_reader ();
  decisions = lk_case_list_decisions (reader, face, FALSE, NULL);
  for (guint i = 0; i < decisions->len; i++)
    {
      LkDecision *d = g_ptr_array_index (decisions, i);

      if (d->outcome == LK_OUTCOME_EXCLUDED && g_strcmp0 (d->rationale, "Different chin.") == 0)
        {
          g_assert_false (d->current);
          excluded = d->id;
        }
      if (d->rationale != NULL && strstr (d->rationale, REASON_WITHDRAW) != NULL)
        {
          g_assert_cmpstr (d->analyst, ==, ANALYST);
          withdrawn = TRUE;
        }
    }
  g_assert_cmpint (excluded, >, 0);
  g_assert_true (withdrawn);
}

/* 6: People, editing and retiring that person --------------------------------- */

static void
test_edit_person (void)
{
  LkPeopleView *people;
  AdwMessageDialog *dialog;
  g_autoptr(LkPerson) bob = NULL;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  lk_window_show_section (T.window, "people");
  people = LK_PEOPLE_VIEW (lk_window_get_section (T.window, "people"));
  g_assert_true (lk_test_wait_until (person_listed, "Bob Example", 30));
  lk_test_settle (0.3);
  click (GTK_WIDGET (people), "edit_button");
  dialog = wait_dialog_with ("aliases_row");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit Person");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "name_row"))), ==, "Bob Example");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "name_row")), "Robert Example");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "aliases_row")), "Bob, R. E.");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "died_row")), "2022");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "external_ref_row")), "MP-2022-117");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "notes_row")), "Seen in Kharkiv.");
  shoot (dialog, "dialog-person");
  respond (dialog, "save");
  g_assert_null (dialog_with ("aliases_row"));
  g_assert_true (lk_test_wait_until (person_exists, "Robert Example", 30));
  bob = person_on_disk ("Robert Example");
  g_assert_cmpuint (g_strv_length (bob->aliases), ==, 2);
  g_assert_cmpstr (bob->aliases[0], ==, "Bob");
  g_assert_cmpstr (bob->aliases[1], ==, "R. E.");
  g_assert_cmpstr (bob->died, ==, "2022");
  g_assert_cmpstr (bob->external_ref, ==, "MP-2022-117");
  g_assert_cmpstr (bob->notes, ==, "Seen in Kharkiv.");
}

static gboolean
person_retired (gpointer name)
{
  g_autoptr(LkPerson) person = person_on_disk (name);

  return person != NULL && person->retired;
}

static void
test_retire_person (void)
{
  LkPeopleView *people;
  AdwMessageDialog *dialog;
  g_autoptr(LkPerson) bob = NULL;
  g_autoptr(LkCase) reader = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean audited = FALSE;

  if (T.skip_reason != NULL)
    {
      g_test_skip (T.skip_reason);
      return;
    }
  people = LK_PEOPLE_VIEW (lk_window_get_section (T.window, "people"));
  g_assert_true (lk_test_wait_until (person_listed, "Robert Example", 30));
  lk_test_settle (0.3);
  click (GTK_WIDGET (people), "retire_button");
  dialog = wait_dialog_with ("reason_entry");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Retire Person?");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "reason_entry")), REASON_RETIRE);
  respond (dialog, "retire");
  g_assert_null (dialog_with ("reason_entry"));
  g_assert_true (lk_test_wait_until (person_retired, "Robert Example", 30));
  bob = person_on_disk ("Robert Example");
  g_assert_cmpstr (bob->retired_reason, ==, REASON_RETIRE);

  reader = open_reader ();
  audit = lk_case_list_audit (reader, 0, 0, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      LkAuditEntry *e = g_ptr_array_index (audit, i);

      if (g_str_equal (e->action, "person.retire") && e->object_id == bob->id)
        {
          g_assert_cmpstr (e->analyst, ==, ANALYST);
          g_assert_nonnull (strstr (e->details, REASON_RETIRE));
          audited = TRUE;
        }
    }
  g_assert_true (audited);
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
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  T.dir = g_dir_make_tmp ("lk-test-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "Dialogs.likeness", NULL);
  build_case ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);
  /* Nobody has said who is working yet: the window asks. */
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", "");
  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), 1280, 820);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_test_settle (0.3);

  g_test_add_func ("/dialogs/analyst", test_analyst);
  g_test_add_func ("/dialogs/new-person", test_new_person);
  g_test_add_func ("/dialogs/name-group", test_name_group);
  g_test_add_func ("/dialogs/make-reference", test_make_reference);
  g_test_add_func ("/dialogs/withdraw", test_withdraw);
  g_test_add_func ("/dialogs/edit-person", test_edit_person);
  g_test_add_func ("/dialogs/retire-person", test_retire_person);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (T.window));
  lk_test_settle (0.2);
  g_object_unref (T.app);
  if (g_getenv ("LK_TEST_KEEP") == NULL)
    {
      g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s' && rm -rf '%s'", T.dir, T.dir);

      if (system (command) != 0)
        g_warning ("could not remove %s", T.dir);
    }
  g_free (T.case_path);
  g_free (T.dir);
  g_free (T.skip_reason);
  return ret;
}
