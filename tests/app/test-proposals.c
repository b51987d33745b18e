/* test-proposals.c — the Proposed Names dialog on a real display: pending
 * names from other tools' face regions are listed with their photo and
 * source; Confirm links the face as a reference face of a person of that
 * name, Reject records the rejection; a region without a face cannot be
 * confirmed; the case's audit verifies afterwards. */
#define G_LOG_DOMAIN "test-proposals"

#include "lk-config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "case/lk-case-regions.h"
#include "lk-proposals-dialog.h"
#include "lk-test-gui.h"

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static LkRegion *
region (const char *name, double cx, double cy, double w, double h)
{
  LkRegion *r = g_new0 (LkRegion, 1);

  r->type = g_strdup ("Face");
  r->name = g_strdup (name);
  r->cx = cx;
  r->cy = cy;
  r->w = w;
  r->h = h;
  return r;
}

/* A case with one reference photo (400 × 300), one face at 100,50 80 × 90,
 * and two proposals: one on the face, one where there is none. */
static LkCase *
make_case (const char *dir, gint64 *out_face)
{
  g_autofree char *path = g_build_filename (dir, "proposals.likeness", NULL);
  g_autofree char *photo_path = g_build_filename (dir, "family.jpg", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_region_free);
  g_autoptr(GError) error = NULL;
  LkCase *kase = lk_case_create (path, "Proposals", NULL, NULL, "Ana", &error);
  LkPhotoNew photo = { LK_PHOTO_ROLE_REFERENCE, NULL, NULL, 400, 300, 0 };
  LkFaceNew face = { 0 };
  gint64 photo_id;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (photo_path, "not really a JPEG\n", -1, NULL));
  g_assert_true (lk_case_store_evidence (kase, photo_path, NULL, &sha, &error));
  photo.sha256 = sha;
  photo.original_path = photo_path;
  photo_id = lk_case_add_photo (kase, "Ana", &photo, NULL, &error);
  g_assert_no_error (error);
  face.origin = LK_FACE_ORIGIN_DETECTED;
  face.x = 100;
  face.y = 50;
  face.width = 80;
  face.height = 90;
  *out_face = lk_case_add_face (kase, "Ana", photo_id, &face, &error);
  g_assert_no_error (error);
  g_ptr_array_add (regions, region ("Olena Koval", 140.0 / 400, 95.0 / 300, 90.0 / 400, 100.0 / 300));
  g_ptr_array_add (regions, region ("Ivan Nobody", 0.9, 0.9, 0.05, 0.05));
  g_assert_true (lk_case_add_region_proposals (kase, "Ana", photo_id, regions, "family.jpg.xmp", NULL, &error));
  g_assert_no_error (error);
  return kase;
}

static gboolean
listed (gpointer data)
{
  LkProposalsDialog *dialog = data;
  GtkListBox *list = GTK_LIST_BOX (find_named (GTK_WIDGET (dialog), "proposal-list"));

  return !lk_proposals_dialog_is_busy (dialog) && gtk_list_box_get_row_at_index (list, 0) != NULL;
}

typedef struct {
  LkProposalsDialog *dialog;
  const char        *needle;
} Waiting;

static const char *message (LkProposalsDialog *dialog);

/* A button activates after its press animation: wait for the outcome. */
static gboolean
said (gpointer data)
{
  Waiting *w = data;

  return !lk_proposals_dialog_is_busy (w->dialog) && strstr (message (w->dialog), w->needle) != NULL;
}

static const char *
message (LkProposalsDialog *dialog)
{
  return gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (dialog), "message-label")));
}

static void
test_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lk-test-proposals-XXXXXX", NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(LkPerson) olena = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LkProposalsDialog *dialog;
  GtkWidget *list, *confirm_lost;
  gint64 face, matched, lost;
  g_autofree char *confirm_name = NULL, *reject_name = NULL, *lost_name = NULL;
  g_autofree char *case_path = g_build_filename (dir, "proposals.likeness", NULL);

  kase = make_case (dir, &face);
  pending = lk_case_list_proposals (kase, "pending", &error);
  g_assert_cmpuint (pending->len, ==, 2);
  matched = ((LkProposal *) g_ptr_array_index (pending, 0))->id;
  lost = ((LkProposal *) g_ptr_array_index (pending, 1))->id;
  g_clear_pointer (&pending, g_ptr_array_unref);
  session = lk_session_new (g_steal_pointer (&kase), "Ben"); /* the session owns the case */
  dialog = lk_proposals_dialog_new (session);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (lk_test_wait_until (listed, dialog, 30));
  lk_test_settle (0.3);
  g_free (lk_test_screenshot (GTK_WIDGET (dialog), "proposals-dialog"));

  list = find_named (GTK_WIDGET (dialog), "proposal-list");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))), ==, "Olena Koval");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))), "family.jpg.xmp"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))), "no detected face"));
  /* A region with no face under it offers no Confirm. */
  lost_name = g_strdup_printf ("confirm-%" G_GINT64_FORMAT, lost);
  confirm_lost = find_named (GTK_WIDGET (dialog), lost_name);
  g_assert_false (gtk_widget_get_sensitive (confirm_lost));

  confirm_name = g_strdup_printf ("confirm-%" G_GINT64_FORMAT, matched);
  g_assert_true (gtk_widget_activate (find_named (GTK_WIDGET (dialog), confirm_name)));
  {
    Waiting w = { dialog, "reference face of Olena Koval" };
    g_assert_true (lk_test_wait_until (said, &w, 30));
  }
  reject_name = g_strdup_printf ("reject-%" G_GINT64_FORMAT, lost);
  g_assert_true (lk_test_wait_until (listed, dialog, 30));
  g_assert_true (gtk_widget_activate (find_named (GTK_WIDGET (dialog), reject_name)));
  {
    Waiting w = { dialog, "was rejected" };
    g_assert_true (lk_test_wait_until (said, &w, 30));
  }
  g_assert_true (lk_test_wait_until (listed, dialog, 30));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))), ==,
                   "No names are waiting for a decision.");

  /* Checked in the case itself, once the window and its session are gone. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&session);
  kase = lk_case_open (case_path, LK_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  olena = lk_case_find_person (kase, "Olena Koval", &error);
  g_assert_nonnull (olena);
  refs = lk_case_list_reference_faces (kase, olena->id, &error);
  g_assert_cmpuint (refs->len, ==, 1);
  g_assert_cmpint (g_array_index (refs, gint64, 0), ==, face);
  {
    g_autoptr(LkProposal) p = lk_case_get_proposal (kase, lost, &error);
    g_assert_cmpstr (p->state, ==, "rejected");
    g_assert_cmpstr (p->decided_by, ==, "Ben");
  }
  g_assert_true (lk_case_verify_audit (kase, NULL, &report, &error));
  g_assert_true (report->ok);
  g_clear_object (&kase);
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (rm), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  lk_test_gui_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_add_func ("/app/proposals/dialog", test_dialog);
  return g_test_run ();
}
