/* test-face-list-model.c — the Faces grid's model: positions, changes,
 * filters and objects that stay the same while they are held */
#define G_LOG_DOMAIN "test-face-list-model"

#include "lk-config.h"

#include <gtk/gtk.h>

#include "lk-face-list-model.h"
#include "lk-face-object.h"

#define N_SMALL 10

/* Face i (id 10 + i * 3, so ids are not positions): statuses cycle through
 * unreviewed, identified, excluded; every third photo is a reference photo;
 * every fourth face has a quality problem. */
static LkCaseFaceBrief
brief_for (guint i)
{
  static char file[64];
  LkCaseFaceBrief b = { 0 };

  g_snprintf (file, sizeof file, "/photos/photo-%u.jpg", i / 4);
  b.id = 10 + (gint64) i * 3;
  b.photo_id = 1 + i / 4;
  b.role = (i / 4) % 3 == 0 ? LK_PHOTO_ROLE_REFERENCE : LK_PHOTO_ROLE_PROBE;
  b.file = file;
  b.status = i % 3 == 0 ? LK_FACE_STATUS_UNREVIEWED : i % 3 == 1 ? LK_FACE_STATUS_IDENTIFIED
                                                                 : LK_FACE_STATUS_EXCLUDED;
  b.person_id = b.status == LK_FACE_STATUS_IDENTIFIED ? 7 : 0;
  b.person_name = b.person_id != 0 ? "Ada Example" : NULL;
  b.quality_flags = i % 4 == 3 ? 2 : 0;
  return b;
}

/* @changed_face: that face (or none, G_MAXUINT) is inconclusive instead. */
static LkFaceRows *
rows_new (guint n,
          guint changed_face)
{
  LkFaceRows *rows = lk_face_rows_new ();

  for (guint i = 0; i < n; i++)
    {
      LkCaseFaceBrief b = brief_for (i);

      if (i == changed_face)
        {
          b.status = LK_FACE_STATUS_INCONCLUSIVE;
          b.person_id = 0;
          b.person_name = NULL;
        }
      lk_face_rows_append (rows, &b);
    }
  return rows;
}

typedef struct {
  guint calls;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  /* The model is already consistent when it announces the change. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, position + added);
}

static void
assert_change (Changes *changes,
               guint    calls,
               guint    position,
               guint    removed,
               guint    added)
{
  g_assert_cmpuint (changes->calls, ==, calls);
  g_assert_cmpuint (changes->position, ==, position);
  g_assert_cmpuint (changes->removed, ==, removed);
  g_assert_cmpuint (changes->added, ==, added);
  memset (changes, 0, sizeof *changes);
}

static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(LkFaceObject) face = g_list_model_get_item (model, position);

  g_assert_nonnull (face);
  return lk_face_object_get_id (face);
}

static void
test_positions (void)
{
  g_autoptr(LkFaceListModel) model = lk_face_list_model_new ();
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };
  g_autoptr(LkFaceObject) face = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (g_list_model_get_item_type (list) == LK_TYPE_FACE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_null (g_list_model_get_item (list, 0));

  lk_face_list_model_set_rows (model, rows_new (N_SMALL, G_MAXUINT));
  /* One announcement for the whole load. */
  assert_change (&changes, 1, 0, 0, N_SMALL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_SMALL);
  g_assert_cmpuint (lk_face_list_model_get_n_faces (model), ==, N_SMALL);
  for (guint i = 0; i < N_SMALL; i++)
    {
      g_assert_cmpint (id_at (list, i), ==, 10 + i * 3);
      g_assert_cmpint (lk_face_list_model_get_id (model, i), ==, 10 + i * 3);
    }
  g_assert_null (g_list_model_get_item (list, N_SMALL));
  g_assert_cmpint (lk_face_list_model_get_id (model, N_SMALL), ==, 0);

  /* Every field the grid shows comes through. */
  face = g_list_model_get_item (list, 7);
  g_assert_cmpint (lk_face_object_get_photo_id (face), ==, 2);
  g_assert_cmpstr (lk_face_object_get_file (face), ==, "/photos/photo-1.jpg");
  g_assert_cmpint (lk_face_object_get_role (face), ==, LK_PHOTO_ROLE_PROBE);
  g_assert_cmpint (lk_face_object_get_status (face), ==, LK_FACE_STATUS_IDENTIFIED);
  g_assert_cmpint (lk_face_object_get_person_id (face), ==, 7);
  g_assert_cmpstr (lk_face_object_get_person_name (face), ==, "Ada Example");
  g_assert_false (lk_face_object_get_good_quality (face));
  g_clear_object (&face);
  face = g_list_model_get_item (list, 0);
  g_assert_null (lk_face_object_get_person_name (face));
  g_assert_true (lk_face_object_get_good_quality (face));
  g_assert_cmpint (lk_face_object_get_role (face), ==, LK_PHOTO_ROLE_REFERENCE);

  lk_face_list_model_set_rows (model, NULL);
  assert_change (&changes, 1, 0, N_SMALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
status_notified_cb (LkFaceObject *face,
                    GParamSpec   *pspec,
                    guint        *count)
{
  (*count)++;
}

static void
test_stable_items (void)
{
  g_autoptr(LkFaceListModel) model = lk_face_list_model_new ();
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };
  LkFaceObject *held, *again, *gone;
  guint notified = 0;

  lk_face_list_model_set_rows (model, rows_new (N_SMALL, G_MAXUINT));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* While held, a position gives the same object. */
  held = g_list_model_get_item (list, 4);
  again = g_list_model_get_item (list, 4);
  g_assert_true (held == again);
  g_object_unref (again);

  /* Released, it is really gone: the model keeps no object alive. */
  gone = g_list_model_get_item (list, 5);
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  g_object_unref (gone);
  g_assert_null (gone);
  g_assert_cmpint (id_at (list, 5), ==, 25);

  /* A reload where face 4 became inconclusive: the held object is updated
   * in place and notified, and only its position is announced. */
  g_assert_cmpint (lk_face_object_get_status (held), ==, LK_FACE_STATUS_IDENTIFIED);
  g_signal_connect (held, "notify::status", G_CALLBACK (status_notified_cb), &notified);
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, 4));
  assert_change (&changes, 1, 4, 1, 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (lk_face_object_get_status (held), ==, LK_FACE_STATUS_INCONCLUSIVE);
  g_assert_cmpint (lk_face_object_get_person_id (held), ==, 0);
  g_assert_null (lk_face_object_get_person_name (held));
  again = g_list_model_get_item (list, 4);
  g_assert_true (held == again);
  g_object_unref (again);

  /* The same rows again: nothing to announce, nothing notified. */
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, 4));
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_cmpuint (notified, ==, 1);

  /* A new face (and face 4 back to identified): the change and the new
   * tail are announced, the held object stays. */
  lk_face_list_model_set_rows (model, rows_new (N_SMALL + 1, G_MAXUINT));
  g_assert_cmpuint (changes.calls, ==, 2);
  assert_change (&changes, 2, N_SMALL, 0, 1);
  g_assert_cmpint (lk_face_object_get_status (held), ==, LK_FACE_STATUS_IDENTIFIED);
  again = g_list_model_get_item (list, 4);
  g_assert_true (held == again);
  g_object_unref (again);

  /* A face gone (never, in a case; a filter does it): the list is replaced. */
  lk_face_list_model_set_rows (model, rows_new (N_SMALL - 1, G_MAXUINT));
  assert_change (&changes, 1, 0, N_SMALL + 1, N_SMALL - 1);

  /* Emptied (another case), held objects are not handed out again. */
  lk_face_list_model_set_rows (model, NULL);
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, G_MAXUINT));
  again = g_list_model_get_item (list, 4);
  g_assert_true (held != again);
  g_object_unref (again);
  g_object_unref (held);

  /* An object may outlive its model. */
  held = g_list_model_get_item (list, 1);
  g_clear_object (&model);
  g_assert_cmpint (lk_face_object_get_id (held), ==, 13);
  g_object_unref (held);
}

static guint
count_matching (int      status,
                int      role,
                int      quality)
{
  guint n = 0;

  for (guint i = 0; i < N_SMALL; i++)
    {
      LkCaseFaceBrief b = brief_for (i);
      gboolean good = i % 4 != 3;

      if ((status < 0 || (int) b.status == status) && (role < 0 || (int) b.role == role) &&
          (quality == LK_FACE_QUALITY_ANY || (quality == LK_FACE_QUALITY_GOOD) == good))
        n++;
    }
  return n;
}

static void
test_filter (void)
{
  g_autoptr(LkFaceListModel) model = lk_face_list_model_new ();
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };
  guint n;

  lk_face_list_model_set_rows (model, rows_new (N_SMALL, G_MAXUINT));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  lk_face_list_model_set_filter (model, LK_FACE_STATUS_IDENTIFIED, -1, LK_FACE_QUALITY_ANY);
  n = count_matching (LK_FACE_STATUS_IDENTIFIED, -1, LK_FACE_QUALITY_ANY);
  g_assert_cmpuint (n, ==, 3);
  assert_change (&changes, 1, 0, N_SMALL, n);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  g_assert_cmpuint (lk_face_list_model_get_n_faces (model), ==, N_SMALL);
  /* Faces 1, 4 and 7, in order. */
  g_assert_cmpint (id_at (list, 0), ==, 13);
  g_assert_cmpint (id_at (list, 1), ==, 22);
  g_assert_cmpint (id_at (list, 2), ==, 31);
  g_assert_null (g_list_model_get_item (list, n));

  /* Role and quality, alone and together. */
  for (int role = -1; role <= LK_PHOTO_ROLE_REFERENCE; role++)
    for (int quality = LK_FACE_QUALITY_ANY; quality <= LK_FACE_QUALITY_PROBLEM; quality++)
      for (int status = -1; status <= LK_FACE_STATUS_EXCLUDED; status++)
        {
          lk_face_list_model_set_filter (model, status, role, quality);
          n = count_matching (status, role, quality);
          g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(LkFaceObject) face = g_list_model_get_item (list, i);

              g_assert_true (status < 0 || (int) lk_face_object_get_status (face) == status);
              g_assert_true (role < 0 || (int) lk_face_object_get_role (face) == role);
              g_assert_true (quality == LK_FACE_QUALITY_ANY ||
                             (quality == LK_FACE_QUALITY_GOOD) == lk_face_object_get_good_quality (face));
            }
        }

  /* The filter holds across a reload: face 4 leaves "identified". */
  lk_face_list_model_set_filter (model, LK_FACE_STATUS_IDENTIFIED, -1, LK_FACE_QUALITY_ANY);
  memset (&changes, 0, sizeof changes);
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, 4));
  assert_change (&changes, 1, 0, 3, 2);
  g_assert_cmpint (id_at (list, 1), ==, 31);

  /* Back to every face. */
  lk_face_list_model_set_filter (model, -1, -1, LK_FACE_QUALITY_ANY);
  assert_change (&changes, 1, 0, 2, N_SMALL);
  g_assert_cmpint (id_at (list, N_SMALL - 1), ==, 10 + (N_SMALL - 1) * 3);
  /* Setting the same filter again changes nothing. */
  lk_face_list_model_set_filter (model, -1, -1, LK_FACE_QUALITY_ANY);
  g_assert_cmpuint (changes.calls, ==, 0);
}

/* 100,000 faces: positions and filters are right at the far end, and a
 * decision on one face is announced as one position. */
static void
test_large (void)
{
  const guint n = 100000;
  g_autoptr(LkFaceListModel) model = lk_face_list_model_new ();
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };
  guint identified = 0;

  for (guint i = 0; i < n; i++)
    identified += i % 3 == 1;
  lk_face_list_model_set_rows (model, rows_new (n, G_MAXUINT));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  g_assert_cmpint (id_at (list, n - 1), ==, 10 + (gint64) (n - 1) * 3);

  lk_face_list_model_set_filter (model, LK_FACE_STATUS_IDENTIFIED, -1, LK_FACE_QUALITY_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, identified);
  g_assert_cmpint (id_at (list, identified - 1), ==, 10 + (gint64) (3 * (identified - 1) + 1) * 3);

  lk_face_list_model_set_filter (model, -1, -1, LK_FACE_QUALITY_ANY);
  memset (&changes, 0, sizeof changes);
  lk_face_list_model_set_rows (model, rows_new (n, 77777));
  assert_change (&changes, 1, 77777, 1, 1);
}

/* The grid's selection survives a reload that changed another face. */
static void
test_selection (void)
{
  g_autoptr(LkFaceListModel) model = lk_face_list_model_new ();
  g_autoptr(GtkMultiSelection) selection = NULL;
  g_autoptr(GtkBitset) selected = NULL;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, G_MAXUINT));
  selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (model)));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 6, FALSE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 4, FALSE);
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, 2));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 6));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 4));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 2));
  /* Also when the selected face itself changed (it keeps its object). */
  lk_face_list_model_set_rows (model, rows_new (N_SMALL, 4));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 4));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 6));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/face-list-model/positions", test_positions);
  g_test_add_func ("/face-list-model/stable-items", test_stable_items);
  g_test_add_func ("/face-list-model/filter", test_filter);
  g_test_add_func ("/face-list-model/large", test_large);
  g_test_add_func ("/face-list-model/selection", test_selection);
  return g_test_run ();
}
