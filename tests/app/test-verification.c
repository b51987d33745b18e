/* test-verification.c — blind verification in the real workstation: an
 * examiner's identification is sent for verification; an analyst without the
 * verifier role is told why there is no queue; the verifier sees the
 * comparison without anything of the examiner's conclusion, records another
 * outcome through the form and sees the conflict with both conclusions; a
 * supervisor resolves it through the conflicts list; the store agrees and
 * the audit chain holds.
 */
#define G_LOG_DOMAIN "test-verification"

#include "lk-config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <X11/keysym.h>

#include "case/lk-case.h"
#include "case/lk-case-verification.h"
#include "lk-analysts-dialog.h"
#include "lk-chip-marks.h"
#include "lk-conflict-row.h"
#include "lk-application.h"
#include "lk-review-decision-bar.h"
#include "lk-review-view.h"
#include "import/lk-importer.h"
#include "match/lk-matcher.h"
#include "vision/lk-vision.h"
#include "lk-feature-checklist.h"
#include "lk-test-gui.h"
#include "lk-verification-view.h"
#include "lk-window.h"

#define EXAMINER    "Erin Examiner"
#define VERIFIER    "Victor Verifier"
#define SUPERVISOR  "Sam Supervisor"
#define OUTSIDER    "Nora Nobody"
#define EXAMINER_RATIONALE "Scar above the left brow and ear shape agree"
#define VERIFIER_RATIONALE "chin differs"

static struct {
  LkApplication *app;
  LkWindow      *window;
  char          *dir;
  char          *case_path;
  gint64         item_id;
  gint64         probe2;      /* identified through Review, with features */
  gint64         person;
} T;

/* ---- The case, made through the store ------------------------------------------ */

/* Real aligned chips, cut by the face engine from the model package's demo
 * photos in a scratch case, so the screenshots show faces; NULL without the
 * package or the engine. */
static GPtrArray *
demo_chips (void)
{
  const char *pkg = g_getenv ("LIKENESS_MODEL_PACKAGE_DIR");
  g_autofree char *path = g_build_filename (T.dir, "scratch.likeness", NULL);
  g_autofree char *photo = g_build_filename (pkg != NULL ? pkg : "", "demo", "sample1.jpg", NULL);
  const char *paths[] = { photo, NULL };
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkCase) scratch = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  LkImportSummary *summary;
  GPtrArray *chips;

  if (pkg == NULL || !g_file_test (photo, G_FILE_TEST_EXISTS) || (engine = lk_face_engine_get_default (NULL)) == NULL)
    return NULL;
  scratch = lk_case_create (path, "Scratch", NULL, NULL, EXAMINER, NULL);
  g_assert_nonnull (scratch);
  importer = lk_importer_new (scratch, engine, EXAMINER);
  summary = lk_importer_run (importer, paths, NULL, NULL);
  g_assert_nonnull (summary);
  lk_import_summary_unref (summary);
  faces = lk_case_list_faces (scratch, &filter, NULL);
  chips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; faces != NULL && i < faces->len; i++)
    {
      GBytes *chip = lk_case_get_face_chip (scratch, ((LkCaseFace *) g_ptr_array_index (faces, i))->id, NULL);

      if (chip != NULL)
        g_ptr_array_add (chips, chip);
    }
  if (chips->len == 0)
    g_clear_pointer (&chips, g_ptr_array_unref);
  return chips;
}

/* A chip the workstation can decode: a demo face when there is one,
 * otherwise a plain colour. */
static GBytes *
chip_png (int index)
{
  static GPtrArray *chips;
  static gboolean tried;
  g_autoptr(GdkPixbuf) plain = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (!tried)
    chips = demo_chips ();
  tried = TRUE;
  if (chips != NULL)
    return g_bytes_ref (g_ptr_array_index (chips, index % chips->len));
  plain = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 150, 150);
  gdk_pixbuf_fill (plain, 0x8090a0ff + (guint32) index * 0x20000000u);
  texture = gdk_texture_new_for_pixbuf (plain);
  return gdk_texture_save_to_png_bytes (texture);
}

/* Faces with the same chip_index have nearly the same descriptor, so the
 * matcher lists the reference's person as their candidate. */
static gint64
add_photo_with_face (LkCase     *kase,
                     const char *name,
                     LkPhotoRole role,
                     int         chip_index,
                     float       jitter)
{
  g_autofree char *file = g_build_filename (T.dir, name, NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chip = chip_png (chip_index);
  float descriptor[LK_CASE_DESCRIPTOR_DIM] = { 0 };
  LkPhotoNew photo = { 0 };
  LkFaceNew face = { 0 };
  gint64 photo_id, face_id;

  g_assert_true (g_file_set_contents (file, name, -1, &error));
  g_assert_true (lk_case_store_evidence (kase, file, NULL, &sha, &error));
  photo.role = role;
  photo.sha256 = sha;
  photo.original_path = file;
  photo.width = photo.height = 400;
  photo_id = lk_case_add_photo (kase, EXAMINER, &photo, NULL, &error);
  g_assert_no_error (error);
  descriptor[chip_index] = 1;
  descriptor[10] = jitter;
  face.origin = LK_FACE_ORIGIN_DETECTED;
  face.x = face.y = 50;
  face.width = face.height = 200;
  face.descriptor = descriptor;
  face.model_id = "test-model:1";
  face.chip = chip;
  face_id = lk_case_add_face (kase, EXAMINER, photo_id, &face, &error);
  g_assert_no_error (error);
  return face_id;
}

static void
make_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_create (T.case_path, "Verification test", "V-1", NULL, EXAMINER, &error);
  LkPersonFields fields = { "Rita Roe", NULL, NULL, NULL, NULL, NULL };
  gint64 probe, reference, person, decision;
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;

  g_assert_no_error (error);
  probe = add_photo_with_face (kase, "probe.jpg", LK_PHOTO_ROLE_PROBE, 1, 0);
  reference = add_photo_with_face (kase, "reference.jpg", LK_PHOTO_ROLE_REFERENCE, 2, 0);
  T.probe2 = add_photo_with_face (kase, "probe2.jpg", LK_PHOTO_ROLE_PROBE, 2, 0.05f);
  person = T.person = lk_case_add_person (kase, EXAMINER, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_link_reference (kase, EXAMINER, reference, person, &error), >, 0);
  g_assert_true (lk_matcher_refresh (kase, EXAMINER, &settings, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_case_grant_role (kase, SUPERVISOR, SUPERVISOR, LK_ROLE_SUPERVISOR, "case lead", &error));
  g_assert_true (lk_case_grant_role (kase, SUPERVISOR, VERIFIER, LK_ROLE_VERIFIER, "trained", &error));
  g_assert_true (lk_case_add_analyst (kase, OUTSIDER, &error));
  decision = lk_case_add_decision (kase, EXAMINER, probe, person, LK_OUTCOME_IDENTIFIED, "moderate",
                                   EXAMINER_RATIONALE, &error);
  g_assert_no_error (error);
  T.item_id = lk_case_request_verification (kase, EXAMINER, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (T.item_id, >, 0);
}

/* ---- The window ------------------------------------------------------------------ */

static gboolean
view_settled (gpointer view)
{
  return !lk_verification_view_is_busy (view);
}

/* A button activated as by the keyboard clicks a moment later (GTK shows
 * it pressed first), so tests wait for what the click does. */
static gboolean
label_mapped_with_text (gpointer label)
{
  return gtk_widget_get_mapped (label) && gtk_label_get_text (label)[0] != '\0';
}

static gboolean
list_empty_and_settled (gpointer list)
{
  GtkWidget *view = gtk_widget_get_ancestor (list, LK_TYPE_VERIFICATION_VIEW);

  return gtk_list_box_get_row_at_index (list, 0) == NULL && view_settled (view);
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static void
close_window (void)
{
  GtkWidget *window = GTK_WIDGET (T.window);

  if (window == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (T.window));
  T.window = NULL;
  g_assert_true (lk_test_wait_until (window_gone, &window, 10));
  /* The session's worker closes the case after its last job. */
  lk_test_settle (0.3);
}

/* A real key press through the X server, so the window's own shortcut runs. */
static gboolean
press (KeySym modifier,
       KeySym key)
{
  GdkDisplay *gdk_display = gtk_widget_get_display (GTK_WIDGET (T.window));
  LkTestFakeKeyEvent fake = lk_test_xtest ();
  Display *display;
  KeyCode mod, code;

  if (!GDK_IS_X11_DISPLAY (gdk_display) || fake == NULL)
    return FALSE;
  display = gdk_x11_display_get_xdisplay (gdk_display);
  mod = modifier ? XKeysymToKeycode (display, modifier) : 0;
  code = XKeysymToKeycode (display, key);
  XSetInputFocus (display, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (T.window))),
                  RevertToParent, CurrentTime);
  XSync (display, False);
  lk_test_settle (0.05);
  if (mod)
    fake (display, mod, True, 0);
  fake (display, code, True, 0);
  fake (display, code, False, 0);
  if (mod)
    fake (display, mod, False, 0);
  XFlush (display);
  lk_test_settle (0.2);
  return TRUE;
}

/* Opens the case with `analyst` in the header and shows Verification (Alt+7). */
static LkVerificationView *
open_as (const char *analyst)
{
  LkVerificationView *view;

  close_window ();
  g_settings_set_string (lk_application_get_settings (T.app), "analyst-name", analyst);
  lk_application_set_analyst (T.app, analyst);
  T.window = lk_window_new (T.app);
  gtk_window_set_default_size (GTK_WINDOW (T.window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (T.window));
  lk_window_open_case (T.window, T.case_path);
  g_assert_true (lk_test_wait_until (lk_test_window_has_session, T.window, 30));
  g_assert_cmpstr (lk_session_get_analyst (lk_window_get_session (T.window)), ==, analyst);
  g_assert_false (lk_session_is_read_only (lk_window_get_session (T.window)));
  lk_test_settle (0.3);
  if (!press (XK_Alt_L, XK_7))
    lk_window_show_section (T.window, "verification");
  view = LK_VERIFICATION_VIEW (lk_window_get_section (T.window, "verification"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (lk_test_wait_until (view_settled, view, 30));
  lk_test_settle (0.3);
  return view;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every text a widget under root holds: labels, text views, entries.
 * Dropdowns are checked apart (they list choices, not conclusions). */
static void
collect_texts (GtkWidget *root,
               gboolean   mapped_only,
               GString   *out)
{
  if (mapped_only && !gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_DROP_DOWN (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  else if (GTK_IS_TEXT_VIEW (root))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (root));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_append_printf (out, "%s\n", text);
    }
  else if (GTK_IS_EDITABLE (root))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, mapped_only, out);
}

static char *
texts_of (gpointer widget,
          gboolean mapped_only)
{
  g_autoptr(GString) out = g_string_new (NULL);

  collect_texts (GTK_WIDGET (widget), mapped_only, out);
  return g_utf8_casefold (out->str, -1);
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

/* A click as GTK's click gesture reports it, at a fraction of the widget's size. */
static void
click_at (GtkWidget *widget,
          double     fx,
          double     fy)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean clicked = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1,
                                 fx * gtk_widget_get_width (widget), fy * gtk_widget_get_height (widget));
          clicked = TRUE;
        }
    }
  g_assert_true (clicked);
}

/* ---- The tests ------------------------------------------------------------------- */

static void
test_outsider_told_why (void)
{
  LkVerificationView *view = open_as (OUTSIDER);
  g_autofree char *shown = texts_of (view, TRUE);

  /* Not a queue: the store's sentence, naming the analyst and the role. */
  g_assert_false (gtk_widget_get_mapped (find_named (GTK_WIDGET (view), "queue-list")));
  g_assert_nonnull (strstr (shown, "nora nobody does not hold the verifier role"));
}

static void
test_verifier_blind_then_conflict (void)
{
  LkVerificationView *view = open_as (VERIFIER);
  GtkListBox *queue = GTK_LIST_BOX (find_named (GTK_WIDGET (view), "queue-list"));
  GtkWidget *rationale = find_named (GTK_WIDGET (view), "rationale-view");
  GtkWidget *record = find_named (GTK_WIDGET (view), "record-button");
  GtkDropDown *outcome = GTK_DROP_DOWN (find_named (GTK_WIDGET (view), "outcome-drop"));
  GtkDropDown *strength = GTK_DROP_DOWN (find_named (GTK_WIDGET (view), "strength-drop"));
  g_autofree char *everything = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state = NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (queue)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (queue, 0));
  g_assert_null (gtk_list_box_get_row_at_index (queue, 1));
  gtk_list_box_select_row (queue, gtk_list_box_get_row_at_index (queue, 0));
  lk_test_settle (0.3);
  g_assert_true (gtk_widget_get_mapped (rationale));

  /* Blind: no widget of the section, shown or not, holds the examiner's
   * name, rationale, strength or outcome, and no choice is preset. */
  everything = texts_of (view, FALSE);
  g_assert_nonnull (strstr (everything, "rita roe"));
  g_assert_null (strstr (everything, "scar above the left brow"));
  g_assert_null (strstr (everything, "erin"));
  g_assert_null (strstr (everything, "moderate"));
  g_assert_null (strstr (everything, "identified"));
  g_assert_cmpuint (gtk_drop_down_get_selected (outcome), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (gtk_drop_down_get_selected (strength), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_sensitive (record));
  /* Conflicts show both conclusions: a verifier who is no supervisor has no such tab. */
  shown = texts_of (view, TRUE);
  g_assert_null (strstr (shown, "conflicts"));

  /* A mark on the probe chip's centre appears on both chips and goes with the features. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (view), "mark-entry")), "nose tip");
  click_at (find_named (GTK_WIDGET (view), "probe-chip"), 0.5, 0.5);
  /* A click in the letterbox beside a chip places nothing. */
  click_at (find_named (GTK_WIDGET (view), "reference-chip"), 0.001, 0.5);
  lk_test_settle (0.2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (view), "marks-label"))), ==, "1  nose tip");
  screenshot_root ("verification-queue");

  /* The verifier's own conclusion through the form: excluded, typed. */
  gtk_drop_down_set_selected (outcome, 1);
  gtk_widget_grab_focus (rationale);
  if (press (0, XK_c))
    {
      for (const char *p = VERIFIER_RATIONALE + 1; *p; p++)
        press (0, *p == ' ' ? XK_space : (KeySym) *p);
    }
  else
    gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rationale)),
                                                  VERIFIER_RATIONALE, -1, TRUE);
  g_assert_true (gtk_widget_get_sensitive (record));
  g_assert_true (gtk_widget_activate (record));
  g_assert_true (lk_test_wait_until (label_mapped_with_text, find_named (GTK_WIDGET (view), "state-label"), 30));
  g_assert_true (lk_test_wait_until (view_settled, view, 30));
  lk_test_settle (0.3);

  /* Now both conclusions, side by side, and the state. */
  state = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (view), "state-label"))), -1);
  g_assert_nonnull (strstr (state, "conflict"));
  after = texts_of (view, TRUE);
  g_assert_nonnull (strstr (after, "scar above the left brow"));
  g_assert_nonnull (strstr (after, "erin examiner"));
  g_assert_nonnull (strstr (after, VERIFIER_RATIONALE));
  g_assert_nonnull (strstr (after, "excluded"));
  g_assert_nonnull (strstr (after, "0 of 14 features assessed, 1 mark"));
  /* The item left the queue, and the template's placeholder says why it is empty. */
  g_assert_null (gtk_list_box_get_row_at_index (queue, 0));
  {
    GtkWidget *placeholder = lk_test_find_by_id (GTK_WIDGET (queue), "queue_placeholder");

    g_assert_nonnull (placeholder);
    g_assert_true (gtk_widget_get_child_visible (placeholder));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, "Nothing is waiting for your verification.");
  }
}

static void
test_supervisor_resolves (void)
{
  LkVerificationView *view = open_as (SUPERVISOR);
  GtkStack *tabs = GTK_STACK (find_named (GTK_WIDGET (view), "tab-stack"));
  GtkListBox *conflicts = GTK_LIST_BOX (find_named (GTK_WIDGET (view), "conflict-list"));
  GtkWidget *entry, *button;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkVerificationItem) item = NULL;
  g_autoptr(LkAuditReport) report = NULL;

  gtk_stack_set_visible_child_name (tabs, "conflicts");
  lk_test_settle (0.3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (conflicts)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (conflicts, 0));
  entry = find_named (GTK_WIDGET (conflicts), "resolution-entry");
  button = find_named (GTK_WIDGET (conflicts), "resolve-button");
  /* The row is built from ui/lk-conflict-row.ui, both conclusions written in. */
  {
    LkConflictRow *row = LK_CONFLICT_ROW (gtk_list_box_get_row_at_index (conflicts, 0));

    g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (entry)), ==, "resolution_entry");
    g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (button)), ==, "resolve_button");
    g_assert_cmpint (lk_conflict_row_get_item_id (row), ==, T.item_id);
    g_assert_nonnull (strstr (gtk_label_get_text (lk_conflict_row_get_examiner_label (row)), "Examiner"));
    g_assert_nonnull (strstr (gtk_label_get_text (lk_conflict_row_get_verifier_label (row)), VERIFIER));
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "Second opinion: the chin is hidden by a beard; inconclusive.");
  g_assert_true (gtk_widget_activate (button));
  /* Resolved, the item leaves the list when the view reads the case again. */
  g_assert_true (lk_test_wait_until (list_empty_and_settled, conflicts, 30));
  close_window ();

  kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  item = lk_case_get_verification_item (kase, T.item_id, SUPERVISOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->state, ==, LK_VERIFICATION_RESOLVED);
  g_assert_cmpstr (item->resolved_by, ==, SUPERVISOR);
  g_assert_cmpstr (item->verifier, ==, VERIFIER);
  g_assert_cmpstr (item->verifier_outcome, ==, "excluded");
  g_assert_cmpstr (item->verifier_rationale, ==, VERIFIER_RATIONALE);
  {
    g_autoptr(LkFeatures) features = lk_features_parse (item->verifier_features, &error);
    const LkFeatureMark *mark;

    g_assert_no_error (error);
    g_assert_cmpuint (features->marks->len, ==, 1);
    mark = g_ptr_array_index (features->marks, 0);
    g_assert_cmpstr (mark->label, ==, "nose tip");
    g_assert_true (mark->on_probe && mark->on_candidate);
    g_assert_cmpfloat_with_epsilon (mark->probe[0], 0.5, 0.02);
    g_assert_cmpfloat_with_epsilon (mark->candidate[1], 0.5, 0.02);
  }
  g_assert_true (lk_case_verify_audit (kase, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->ok);
}

/* ---- Review: the examiner's features, and sending for verification ------------ */

static gboolean
review_ready (gpointer view)
{
  return !lk_review_view_get_busy (view) && lk_review_view_get_current_face (view) == T.probe2 &&
         lk_review_view_get_current_person (view) == T.person;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
features_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          find_type (GTK_WIDGET (window), LK_TYPE_FEATURE_CHECKLIST) != NULL &&
          !LK_IS_WINDOW (window))
        return window;
    }
  return NULL;
}

static gboolean
features_dialog_shown (gpointer data)
{
  return features_dialog () != NULL;
}

static gboolean
features_dialog_gone (gpointer data)
{
  return features_dialog () == NULL;
}

/* Rates eyes similar and ears not comparable, with a note, through the rows. */
static void
fill_checklist (GtkWidget *checklist)
{
  GtkWidget *grid = find_type (checklist, GTK_TYPE_GRID);
  GtkWidget *eyes_drop = gtk_grid_get_child_at (GTK_GRID (grid), 1, 4);
  GtkWidget *eyes_note = gtk_grid_get_child_at (GTK_GRID (grid), 2, 4);
  GtkWidget *ears_drop = gtk_grid_get_child_at (GTK_GRID (grid), 1, 7);
  g_autofree char *count = NULL;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (eyes_drop), 1);
  gtk_editable_set_text (GTK_EDITABLE (eyes_note), "same lid fold");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ears_drop), 3);
  g_assert_cmpuint (lk_feature_checklist_count_assessed (LK_FEATURE_CHECKLIST (checklist)), ==, 2);
  count = texts_of (checklist, TRUE);
  g_assert_nonnull (strstr (count, "2 of 14 assessed"));
}

static gboolean
review_idle (gpointer view)
{
  return !lk_review_view_get_busy (view);
}

static void
test_review_features_and_send (void)
{
  GtkWidget *review, *checklist, *done;
  GtkWindow *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(LkVerificationItem) item = NULL;
  g_autofree char *features = NULL;
  const LkDecision *decision;

  open_as (EXAMINER);
  lk_window_show_section (T.window, "review");
  review = lk_window_get_section (T.window, "review");
  g_assert_true (lk_test_wait_until (review_idle, review, 30));
  lk_review_view_select_face (LK_REVIEW_VIEW (review), T.probe2);
  g_assert_true (lk_test_wait_until (review_ready, review, 30));

  /* Features…, two rows assessed, Done. */
  g_assert_true (gtk_widget_activate_action (review, "review.features", NULL));
  g_assert_true (lk_test_wait_until (features_dialog_shown, NULL, 10));
  dialog = features_dialog ();
  checklist = find_type (GTK_WIDGET (dialog), LK_TYPE_FEATURE_CHECKLIST);
  fill_checklist (checklist);
  /* The examiner marks a feature on the probe chip: it goes on both. */
  gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)), "scar");
  g_signal_emit_by_name (find_type (GTK_WIDGET (dialog), LK_TYPE_CHIP_MARKS), "mark-placed", 0.4, 0.3);
  lk_test_settle (0.3);
  screenshot_root ("feature-checklist");
  done = find_named (GTK_WIDGET (dialog), "features-done");
  g_assert_nonnull (done);
  g_assert_true (gtk_widget_activate (done));
  g_assert_true (lk_test_wait_until (features_dialog_gone, NULL, 10));
  /* The decision bar's side says what was assessed for this comparison. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_template_child (review, LK_TYPE_REVIEW_VIEW,
                                                                                    "features_button"))),
                   ==, "_Features (2/14)…");

  /* Identify with a rationale; the features go with it.  Then send it. */
  lk_review_decision_bar_set_rationale (LK_REVIEW_DECISION_BAR (find_type (review, LK_TYPE_REVIEW_DECISION_BAR)),
                                        "Same scar and ear shape");
  /* No strength is chosen for the analyst: Identify waits for one. */
  lk_review_decision_bar_set_strength (LK_REVIEW_DECISION_BAR (find_type (review, LK_TYPE_REVIEW_DECISION_BAR)), 2);
  g_assert_true (gtk_widget_activate_action (review, "review.identify", NULL));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (review_idle, review, 30));
  g_assert_true (gtk_widget_activate_action (review, "review.send-for-verification", NULL));
  lk_test_settle (0.3);
  g_assert_true (lk_test_wait_until (review_idle, review, 30));
  close_window ();

  kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  decisions = lk_case_list_decisions (kase, T.probe2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 1);
  decision = g_ptr_array_index (decisions, 0);
  g_assert_cmpint (decision->outcome, ==, LK_OUTCOME_IDENTIFIED);
  features = lk_case_get_decision_features (kase, decision->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (features, "same lid fold"));
  g_assert_nonnull (strstr (features, "not-comparable"));
  g_assert_nonnull (strstr (features, "\"label\":\"scar\""));
  g_assert_nonnull (strstr (features, "\"candidate\":[0.4"));
  item = lk_case_get_decision_verification (kase, decision->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (item->state, ==, LK_VERIFICATION_PENDING);
  g_assert_cmpstr (item->requested_by, ==, EXAMINER);
}

/* ---- Analysts and roles ---------------------------------------------------------- */

static LkAnalystsDialog *
analysts_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (LK_IS_ANALYSTS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LK_ANALYSTS_DIALOG (window);
    }
  return NULL;
}

static gboolean
analysts_dialog_listed (gpointer data)
{
  LkAnalystsDialog *dialog = analysts_dialog ();

  return dialog != NULL && !lk_analysts_dialog_is_busy (dialog) &&
         gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_named (GTK_WIDGET (dialog), "analyst-list")), 0) != NULL;
}

static gboolean
message_shown (gpointer dialog)
{
  return !lk_analysts_dialog_is_busy (dialog) &&
         gtk_widget_get_visible (find_named (dialog, "message-label"));
}

/* Grants Nora the verifier role through the dialog's entry, dropdown and button. */
static char *
grant_through_dialog (const char *analyst)
{
  LkAnalystsDialog *dialog;

  open_as (analyst);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (T.window), "win.analysts", NULL));
  g_assert_true (lk_test_wait_until (analysts_dialog_listed, NULL, 30));
  dialog = analysts_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "grantee-entry")), OUTSIDER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (dialog), "role-drop")), 0);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "reason-entry")), "passed the course");
  g_assert_true (gtk_widget_activate (find_named (GTK_WIDGET (dialog), "grant-button")));
  g_assert_true (lk_test_wait_until (message_shown, dialog, 30));
  lk_test_settle (0.2);
  return texts_of (dialog, TRUE);
}

static void
test_analysts_and_roles (void)
{
  g_autofree char *refused = NULL;
  g_autofree char *granted = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  /* A verifier lists the analysts but may not grant: the store says why. */
  refused = grant_through_dialog (VERIFIER);
  g_assert_nonnull (strstr (refused, "sam supervisor"));
  g_assert_nonnull (strstr (refused, "victor verifier (you)"));
  g_assert_nonnull (strstr (refused, "victor verifier does not hold the supervisor role"));

  granted = grant_through_dialog (SUPERVISOR);
  g_assert_nonnull (strstr (granted, "nora nobody now holds the verifier role"));
  close_window ();

  kase = lk_case_open (T.case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_analyst_roles (kase, OUTSIDER, NULL), ==, LK_ROLE_EXAMINER | LK_ROLE_VERIFIER);
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
  T.dir = g_dir_make_tmp ("lk-test-verification-XXXXXX", &error);
  g_assert_no_error (error);
  T.case_path = g_build_filename (T.dir, "verification.likeness", NULL);
  make_case ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  T.app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (T.app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/verification/outsider-told-why", test_outsider_told_why);
  g_test_add_func ("/verification/verifier-blind-then-conflict", test_verifier_blind_then_conflict);
  g_test_add_func ("/verification/supervisor-resolves", test_supervisor_resolves);
  g_test_add_func ("/verification/review-features-and-send", test_review_features_and_send);
  g_test_add_func ("/verification/analysts-and-roles", test_analysts_and_roles);
  ret = g_test_run ();
  close_window ();
  g_clear_object (&T.app);
  return ret;
}
