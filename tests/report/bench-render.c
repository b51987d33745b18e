/* How long reports take to render: 100 decisions (each with two chips and
 * two photos) and a 40-entry audit log, hand-built, in every format. */
#define G_LOG_DOMAIN "bench-report"

#include "lk-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "lk-report-test-util.h"

int
main (int argc, char **argv)
{
  SampleSpec spec = { .n_decisions = 100, .cyrillic = TRUE };
  g_autoptr(LkReportData) data = sample_data (&spec);
  g_autofree char *dir = g_dir_make_tmp ("lk-report-bench-XXXXXX", NULL);

  for (int format = LK_REPORT_FORMAT_PDF; format <= LK_REPORT_FORMAT_CSV; format++)
    {
      LkReportOptions options = LK_REPORT_OPTIONS_INIT;
      g_autofree char *path = g_build_filename (dir, "bench.out", NULL);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = (double) clock () / CLOCKS_PER_SEC;
      GStatBuf st;

      options.format = format;
      if (!lk_report_render (data, &options, path, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      g_stat (path, &st);
      printf ("%-4s 100 decisions: %.2f s wall, %.2f s CPU, %.1f MB\n",
              lk_report_format_to_string (format),
              (g_get_monotonic_time () - start) / 1e6,
              (double) clock () / CLOCKS_PER_SEC - cpu_start, st.st_size / 1e6);
      g_unlink (path);
    }
  g_rmdir (dir);
  return 0;
}
