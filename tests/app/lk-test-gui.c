/* lk-test-gui.c — helpers for tests that drive the real workstation under a display */
#define G_LOG_DOMAIN "lk-test"

#include "lk-config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>

#include "lk-test-gui.h"
#include "lk-window.h"

void
lk_test_gui_init_env (void)
{
  g_autofree char *schemas = g_build_filename (LK_BUILD_DIR, "app", "gui", NULL);

  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* A test never waits on a portal or an accessibility bus. */
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
}

gboolean
lk_test_wait_until (gboolean (*cond) (gpointer data),
                    gpointer  data,
                    double    timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

void
lk_test_settle (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

char *
lk_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autofree char *dir = g_build_filename (LK_BUILD_DIR, "tests", "app", "screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_mkdir_with_parents (dir, 0755);
  /* A widget that changed since its last frame has nothing to give until
   * it is drawn again: wait for a few frames.  A screenshot is a picture
   * for people, not a check; without one the test goes on. */
  for (int attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        lk_test_settle (0.2);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    {
      g_test_message ("screenshot %s: the widget drew nothing; none saved", path);
      return path;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
  return path;
}

LkTestFakeKeyEvent
lk_test_xtest (void)
{
  static LkTestFakeKeyEvent fake;
  static gboolean tried;

  if (!tried)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

      tried = TRUE;
      if (lib != NULL)
        fake = (LkTestFakeKeyEvent) dlsym (lib, "XTestFakeKeyEvent");
    }
  return fake;
}

GtkWidget *
lk_test_find_widget (GtkWidget    *root,
                     gboolean    (*match) (GtkWidget *widget, gconstpointer data),
                     gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lk_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_buildable_id (GtkWidget    *widget,
                  gconstpointer id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

GtkWidget *
lk_test_find_by_id (GtkWidget  *root,
                    const char *id)
{
  return lk_test_find_widget (root, has_buildable_id, id);
}

static gboolean
is_button_labelled (GtkWidget    *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
lk_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return lk_test_find_widget (root, is_button_labelled, label);
}

/* As a person does: the dialog answers and closes (response() alone leaves
 * the modal dialog up, and it would take every key from the window). */
void
lk_test_click_button (GtkWidget  *dialog,
                      const char *label)
{
  GtkWidget *button = lk_test_find_button (dialog, label);

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (button, "clicked");
  lk_test_settle (0.2);
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (dialog));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

GtkWindow *
lk_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      /* The list keeps its windows alive: the pointer stays good. */
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

gboolean
lk_test_window_has_session (gpointer window)
{
  return lk_window_get_session (window) != NULL;
}

gboolean
lk_test_window_idle (gpointer window)
{
  return !lk_window_is_busy (window);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (lk_session_run_finish (LK_SESSION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
lk_test_run_job (LkSession    *session,
                 LkSessionJob  job,
                 gpointer      data)
{
  gboolean done = FALSE;

  lk_session_run (session, job, data, NULL, NULL, NULL, job_done, &done);
  g_assert_true (lk_test_wait_until (is_true, &done, 30));
}
