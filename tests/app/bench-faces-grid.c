/* bench-faces-grid.c — a case of 100,000 faces opens in the workstation and
 * shows the Faces grid; how long that takes and how much memory it uses.
 *
 * The synthetic case (1,000 photos × 100 faces, each with a chip, landmarks
 * and a descriptor, all audited) is generated once by a child process into
 * the build folder, so generation does not count in the figures.
 * Then one filter over every face, a scroll through the whole grid, and the
 * memory once the audit check that opening starts in the background is done.
 * Usage: bench-faces-grid [N_FACES]   (default 100000)
 */
#define G_LOG_DOMAIN "bench-faces-grid"
#define _GNU_SOURCE   /* RUSAGE_THREAD */

#include "lk-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "case/lk-case.h"
#include "lk-application.h"
#include "lk-face-list-model.h"
#include "lk-faces-view.h"
#include "lk-test-gui.h"
#include "lk-window.h"

#define FACES_PER_PHOTO 100

static GBytes *
png_bytes (int      side,
           guint32  seed)
{
  g_autofree guint8 *rgb = g_malloc ((gsize) side * side * 3);
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (int i = 0; i < side * side; i++)
    {
      rgb[i * 3] = (guint8) (i % side + seed);
      rgb[i * 3 + 1] = (guint8) (i / side + seed * 7);
      rgb[i * 3 + 2] = (guint8) (seed * 13);
    }
  pixels = g_bytes_new_take (g_steal_pointer (&rgb), (gsize) side * side * 3);
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, pixels, (gsize) side * 3);
  return gdk_texture_save_to_png_bytes (texture);
}

static gboolean
generate (const char  *path,
          guint        n_faces,
          GError     **error)
{
  g_autoptr(LkCase) kase = lk_case_create (path, "Benchmark 100k", NULL, "synthetic faces", "bench", error);
  g_autoptr(GBytes) chip = png_bytes (150, 1);
  float descriptor[LK_CASE_DESCRIPTOR_DIM], landmarks[LK_CASE_LANDMARK_COUNT * 2];
  LkFaceNew face = { LK_FACE_ORIGIN_DETECTED, 0, 0, 80, 80, landmarks, descriptor, "bench-model",
                     "{\"good\":true,\"flags\":0}", 1.0, chip };
  GRand *rand = g_rand_new_with_seed (42);
  gint64 photo_id = 0;

  if (kase == NULL)
    return FALSE;
  for (guint i = 0; i < LK_CASE_LANDMARK_COUNT * 2; i++)
    landmarks[i] = 10 + i % 60;
  for (guint i = 0; i < n_faces; i++)
    {
      if (i % FACES_PER_PHOTO == 0)
        {
          g_autoptr(GBytes) photo = png_bytes (64, i / FACES_PER_PHOTO + 2);
          g_autofree char *name = g_strdup_printf ("/synthetic/photo-%06u.png", i / FACES_PER_PHOTO);
          g_autofree char *sha = NULL;
          LkPhotoNew pn = { i % 3 == 0 ? LK_PHOTO_ROLE_REFERENCE : LK_PHOTO_ROLE_PROBE, NULL, name, 64, 64, 0 };

          if ((i > 0 && !lk_case_commit_batch (kase, error)) || !lk_case_begin_batch (kase, error) ||
              !lk_case_store_evidence (kase, name, photo, &sha, error))
            return FALSE;
          pn.sha256 = sha;
          if ((photo_id = lk_case_add_photo (kase, "bench", &pn, NULL, error)) == 0)
            return FALSE;
        }
      for (guint d = 0; d < LK_CASE_DESCRIPTOR_DIM; d++)
        descriptor[d] = (float) g_rand_double_range (rand, -0.2, 0.2);
      face.x = (i % 10) * 6;
      face.quality_json = i % 7 == 0 ? "{\"good\":false,\"flags\":2}" : "{\"good\":true,\"flags\":0}";
      if (lk_case_add_face (kase, "bench", photo_id, &face, error) == 0)
        return FALSE;
      if (i % 20000 == 0)
        fprintf (stderr, "  %u faces\n", i);
    }
  g_rand_free (rand);
  return lk_case_commit_batch (kase, error);
}

static double
rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (p + strlen (field) + 1, NULL) / 1024.0;
}

/* CPU seconds used so far by the process (who = RUSAGE_SELF) or by the
 * calling thread (RUSAGE_THREAD): on a shared machine the wall clock also
 * counts other programs' work. */
static double
cpu_s (int who)
{
  struct rusage ru;

  if (getrusage (who, &ru) != 0)
    return -1;
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static LkWindow *window;
static guint want;

/* The audit chain is verified whenever a case opens, in a thread of its own. */
static gboolean
audit_checked (gpointer data)
{
  LkSession *session = lk_window_get_session (window);

  return session != NULL && lk_session_get_audit_report (session) != NULL;
}

static gboolean
grid_full (gpointer view)
{
  return !lk_faces_view_is_loading (view) && g_list_model_get_n_items (lk_faces_view_get_model (view)) >= want;
}

static gboolean
screen_of_chips (gpointer view)
{
  GListModel *model = lk_faces_view_get_model (view);

  /* The first rows on screen: 8 columns × 5 rows at this window size. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(GdkTexture) texture = NULL;

      g_object_get (item, "texture", &texture, NULL);
      if (texture == NULL)
        return FALSE;
    }
  return TRUE;
}

static GtkAdjustment *
find_vadjustment (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkAdjustment *adj = find_vadjustment (c);

      if (adj != NULL)
        return adj;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 && g_ascii_isdigit (argv[argc - 1][0]) ? (guint) atoi (argv[argc - 1]) : 100000;
  g_autofree char *name = g_strdup_printf ("bench-%u.likeness", n);
  g_autofree char *path = g_build_filename (LK_BUILD_DIR, "tests", "app", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkApplication) app = NULL;
  LkFacesView *faces;
  GtkAdjustment *adj;
  gint64 t0, t_session, t_grid, t_chips, t_scroll;
  double cpu0, main_cpu0;
  guint frames = 0;

  if (argc > 2 && g_str_equal (argv[1], "--generate"))
    {
      gint64 start = g_get_monotonic_time ();

      gtk_init ();
      if (!generate (path, n, &error))
        {
          fprintf (stderr, "generate: %s\n", error->message);
          return 1;
        }
      printf ("generated %u faces in %.1f s\n", n, (g_get_monotonic_time () - start) / 1e6);
      return 0;
    }

  lk_test_gui_init_env ();
  gtk_init ();
  if (gdk_display_get_default () == NULL)
    {
      printf ("bench-faces-grid: no display\n");
      return 77;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *count = g_strdup_printf ("%u", n);
      const char *child[] = { argv[0], "--generate", count, NULL };
      int status = 0;

      fprintf (stderr, "Generating %s …\n", path);
      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "generation failed: %s\n", error->message);
          return 1;
        }
    }

  app = lk_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_settings_set_string (lk_application_get_settings (app), "analyst-name", "bench");
  window = lk_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_present (GTK_WINDOW (window));
  lk_test_settle (0.5);
  printf ("memory before opening: %.0f MB resident\n", rss_mb ("VmRSS:"));

  faces = LK_FACES_VIEW (lk_window_get_section (window, "faces"));
  want = n;
  cpu0 = cpu_s (RUSAGE_SELF);
  main_cpu0 = cpu_s (RUSAGE_THREAD);
  t0 = g_get_monotonic_time ();
  g_debug ("opening");
  lk_window_open_case (window, path);
  lk_test_wait_until (lk_test_window_has_session, window, 120);
  t_session = g_get_monotonic_time ();
  g_debug ("session; showing the Faces section");
  lk_window_show_section (window, "faces");
  if (!lk_test_wait_until (grid_full, faces, 120))
    return 1;
  /* The grid has its items; one frame later its first cells are on screen. */
  g_debug ("faces listed");
  lk_test_settle (0.05);
  t_grid = g_get_monotonic_time ();
  lk_test_wait_until (screen_of_chips, faces, 120);
  t_chips = g_get_monotonic_time ();
  g_debug ("monotonic: open %.6f grid %.6f chips %.6f", t0 / 1e6, t_grid / 1e6, t_chips / 1e6);

  printf ("open case (integrity check, session): %.3f s\n", (t_session - t0) / 1e6);
  printf ("faces grid shown with %u faces: %.3f s after Open\n", n, (t_grid - t0) / 1e6);
  printf ("first screen of chips loaded: %.3f s after Open\n", (t_chips - t0) / 1e6);
  printf ("CPU time until then: %.3f s (main thread %.3f s)\n", cpu_s (RUSAGE_SELF) - cpu0,
          cpu_s (RUSAGE_THREAD) - main_cpu0);
  printf ("memory after opening: %.0f MB resident (peak %.0f MB)\n", rss_mb ("VmRSS:"), rss_mb ("VmHWM:"));

  /* A filter over every face: the model's pass over its rows and the grid's
   * rebinding of a screen, then back to every face. */
  {
    LkFaceListModel *model = LK_FACE_LIST_MODEL (lk_faces_view_get_model (faces));
    gint64 t_filter = g_get_monotonic_time ();
    double main_cpu = cpu_s (RUSAGE_THREAD);

    lk_face_list_model_set_filter (model, -1, -1, LK_FACE_QUALITY_PROBLEM);
    printf ("filter to quality problems: %u faces in %.1f ms (main thread CPU %.1f ms)\n",
            g_list_model_get_n_items (G_LIST_MODEL (model)), (g_get_monotonic_time () - t_filter) / 1e3,
            (cpu_s (RUSAGE_THREAD) - main_cpu) * 1e3);
    lk_test_settle (0.2);
    lk_face_list_model_set_filter (model, -1, -1, LK_FACE_QUALITY_ANY);
    lk_test_settle (0.2);
  }
  fflush (stdout);

  /* Scroll through the whole grid a page at a time, as fast as frames come
   * (LIKENESS_BENCH_NO_SCROLL=1 measures the opening alone). */
  adj = g_getenv ("LIKENESS_BENCH_NO_SCROLL") != NULL ? NULL : find_vadjustment (GTK_WIDGET (faces));
  t_scroll = g_get_monotonic_time ();
  for (double v = 0; adj != NULL && v < gtk_adjustment_get_upper (adj); v += gtk_adjustment_get_page_size (adj) * 25)
    {
      gtk_adjustment_set_value (adj, v);
      lk_test_settle (0.016);
      frames++;
    }
  lk_test_settle (1.0);
  printf ("scrolled through the grid in %u jumps (%.1f s); memory %.0f MB resident (peak %.0f MB)\n",
          frames, (g_get_monotonic_time () - t_scroll) / 1e6, rss_mb ("VmRSS:"), rss_mb ("VmHWM:"));
  /* What the analyst's machine keeps once the opening's work is all done. */
  if (!lk_test_wait_until (audit_checked, NULL, 600))
    return 1;
  lk_test_settle (0.5);
  printf ("audit check on opening done %.1f s after Open; memory %.0f MB resident (peak %.0f MB)\n",
          (g_get_monotonic_time () - t0) / 1e6, rss_mb ("VmRSS:"), rss_mb ("VmHWM:"));

  gtk_window_destroy (GTK_WINDOW (window));
  lk_test_settle (0.5);
  return 0;
}
