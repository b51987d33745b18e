#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-report.h"

static const char * const format_words[] = { "pdf", "html", "json", "csv" };
static const char * const outcome_words[] = {
  "identified", "excluded", "inconclusive", "insufficient-quality",
};

gboolean
lk_report_format_from_string (const char *word, LkReportFormat *format)
{
  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (format_words); i++)
    if (g_ascii_strcasecmp (word, format_words[i]) == 0)
      {
        *format = (LkReportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lk_report_format_to_string (LkReportFormat format)
{
  g_return_val_if_fail (format <= LK_REPORT_FORMAT_CSV, NULL);
  return format_words[format];
}

const char *
lk_report_format_extension (LkReportFormat format)
{
  return lk_report_format_to_string (format);
}

gboolean
lk_report_paper_from_string (const char *word, LkReportPaper *paper)
{
  if (g_ascii_strcasecmp (word ? word : "", "a4") == 0)
    *paper = LK_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (word ? word : "", "letter") == 0)
    *paper = LK_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

gboolean
lk_report_audit_from_string (const char *word, LkReportAuditMode *mode)
{
  if (g_strcmp0 (word, "full") == 0)
    *mode = LK_REPORT_AUDIT_FULL;
  else if (g_strcmp0 (word, "summary") == 0)
    *mode = LK_REPORT_AUDIT_SUMMARY;
  else
    return FALSE;
  return TRUE;
}

gboolean
lk_report_decision_filter_is_valid (const char *word)
{
  if (word == NULL || strcmp (word, "all") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (outcome_words); i++)
    if (strcmp (word, outcome_words[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
file_sha256 (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, 256 * 1024, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
render_to_stream (LkReportData *data, const LkReportOptions *options, GOutputStream *out,
                  LkReportProgressFunc progress, gpointer user_data,
                  GCancellable *cancellable, GError **error)
{
  switch (options->format)
    {
    case LK_REPORT_FORMAT_PDF:
      return lk_report_write_pdf (data, options, out, progress, user_data, cancellable, error);
    case LK_REPORT_FORMAT_HTML:
      return lk_report_write_html (data, options, out, progress, user_data, cancellable, error);
    case LK_REPORT_FORMAT_JSON:
      return lk_report_write_json (data, options, out, cancellable, error);
    case LK_REPORT_FORMAT_CSV:
      return lk_report_write_csv (data, options, out, cancellable, error);
    default:
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_INVALID, _("Unknown report format"));
      return FALSE;
    }
}

/* Writes into a fresh temporary file beside path, so the rename that
 * publishes it stays on one file system and is atomic. */
static gboolean
render_to_temporary (LkReportData *data, const LkReportOptions *options, const char *tmp_path,
                     LkReportProgressFunc progress, gpointer user_data,
                     GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (tmp_path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  gboolean ok;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  ok = render_to_stream (data, options, buffered, progress, user_data, cancellable, error);
  if (!ok)
    {
      g_output_stream_close (buffered, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (buffered, cancellable, error);
}

gboolean
lk_report_render (LkReportData *data, const LkReportOptions *options, const char *path,
                  LkReportProgressFunc progress, gpointer user_data,
                  GCancellable *cancellable, char **sha256_out, GError **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE,
                   _("“%s” is a folder; give the path of the report file to write"), path);
      return FALSE;
    }
  tmp_path = g_strdup_printf ("%s.XXXXXX.part", path);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *dir = g_path_get_dirname (path);

      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE,
                   _("Cannot write a report in “%s”: %s. Choose a folder you can write to."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (!render_to_temporary (data, options, tmp_path, progress, user_data, cancellable, &local_error) ||
      (sha256 = file_sha256 (tmp_path, cancellable, &local_error)) == NULL)
    {
      g_unlink (tmp_path);
      if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
        g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE,
                     _("Cannot write the report “%s”: %s"), path, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_WRITE,
                   _("Cannot write the report “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, _("Report written"), user_data);
  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha256);
  return TRUE;
}
