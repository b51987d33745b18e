/* Video import throughput: a 1080p clip (30 s at 25 fps, written here from
 * sample 1 panning across the picture) imported with the default settings
 * (a frame every 0.5 s plus scene changes, best 3 frames per track).
 * Measures; does not pass or fail on timing.  Goal: ≥ 2× real time on 2 cores. */
#define G_LOG_DOMAIN "bench-video"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "case/lk-case-video.h"
#include "import-test-util.h"
#include "import/lk-importer.h"
#include "video-test-util.h"

#define W 1920
#define H 1080
#define FPS 25.0
#define SECONDS 30

static void
draw (guint index, guint8 *rgb, int width, int height, gpointer user_data)
{
  const LkImage *picture = user_data;
  int pw = lk_image_get_width (picture), ph = lk_image_get_height (picture);
  /* A slow pan, as a hand-held phone would give. */
  int dx = (int) (index % 200), dy = 20;

  memset (rgb, 70, (gsize) width * height * 3);
  for (int y = 0; y < ph && y + dy < height; y++)
    memcpy (rgb + ((gsize) (y + dy) * width + dx) * 3, lk_image_get_rgb (picture) + (gsize) y * pw * 3,
            (gsize) MIN (pw, width - dx) * 3);
}

/* CPU seconds this process used: on a machine shared with other work the
 * wall time says little, and CPU / cores is what two idle cores would take. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

static double
load_average (void)
{
  double load[1] = { 0 };

  return getloadavg (load, 1) == 1 ? load[0] : 0;
}

static char *
write_clip (const char *tmp, const LkImage *picture, const char **codec)
{
  static const char * const tries[][2] = { { "avc1", "clip.mp4" }, { "mp4v", "clip.mp4" } };

  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      char *path = g_build_filename (tmp, tries[i][1], NULL);

      if (vtu_write_clip (path, tries[i][0], FPS, W, H, (guint) (SECONDS * FPS), draw, (gpointer) picture))
        {
          *codec = tries[i][0];
          return path;
        }
      g_unlink (path);
      g_free (path);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = itu_sample_path (1);
  g_autofree char *tmp = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *case_path = NULL;
  g_autoptr(LkImage) image = NULL;
  g_autoptr(GBytes) scaled = NULL;
  g_autoptr(LkImage) picture = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkImporter) importer = NULL;
  g_autoptr(LkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  const char *codec = NULL;
  const char *paths[2] = { NULL };
  const LkVideo *video;
  GStatBuf st;
  double cpu;

  if (sample == NULL)
    {
      printf ("SKIP: the npm face-api package's demo samples are missing\n");
      return 77;
    }
  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    {
      printf ("SKIP: %s\n", error->message);
      return 77;
    }
  tmp = itu_tmp_dir ("lk-bench-video-XXXXXX");
  image = lk_image_load (sample, 0, &error);
  g_assert_no_error (error);
  scaled = lk_image_encode_scaled (image, 1600, FALSE, &error);
  g_assert_no_error (error);
  picture = lk_image_load_bytes (scaled, 0, &error);
  g_assert_no_error (error);
  clip = write_clip (tmp, picture, &codec);
  g_assert_nonnull (clip);
  g_assert_cmpint (g_stat (clip, &st), ==, 0);

  kase = itu_new_case (tmp, &case_path);
  importer = lk_importer_new (kase, engine, ITU_ANALYST);
  paths[0] = clip;
  cpu = cpu_seconds ();
  summary = lk_importer_run (importer, paths, NULL, &error);
  cpu = cpu_seconds () - cpu;
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_imported, ==, 1);
  videos = lk_case_list_videos (kase, &error);
  g_assert_no_error (error);
  video = videos->pdata[0];
  printf ("video import: %d×%d, %d s at %.0f fps (%s, %.1f MB), %u workers, interval %" G_GINT64_FORMAT
          " ms: %u frames sampled, %u tracks, %u faces stored: %.1f s = %.2f× real time (goal ≥ 2×)\n",
          W, H, SECONDS, FPS, codec, st.st_size / 1e6, g_get_num_processors (), video->frame_interval_ms,
          video->n_frames_sampled, video->n_tracks, summary->n_faces, summary->seconds_total,
          SECONDS / summary->seconds_total);
  printf ("  of which storing (evidence copies, stills, one transaction): %.2f s\n",
          summary->seconds_store);
  printf ("  CPU time %.1f s; on %u otherwise idle cores about %.1f s = %.2f× real time "
          "(the machine's load average was %.1f)\n", cpu, g_get_num_processors (),
          cpu / g_get_num_processors (), SECONDS / (cpu / g_get_num_processors ()), load_average ());
  fflush (stdout);
  lk_case_close (kase);
  itu_rm_rf (tmp);
  return 0;
}
