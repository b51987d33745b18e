/* likeness-cli report — export a case report (PDF, HTML, JSON or CSV). */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "lk-cli.h"
#include "report/lk-report-export.h"

typedef struct {
  LkCase          *kase;
  char            *analyst;
  char            *path;
  LkReportOptions  options;
  GMainLoop       *loop;
  GCancellable    *cancellable;
  gboolean         show_progress;
  char            *sha256;
  gboolean         audited;
  GError          *error;
  gboolean         ok;
} ReportRun;

static void
print_progress (double fraction, const char *what, gpointer user_data)
{
  ReportRun *run = user_data;

  if (run->show_progress)
    fprintf (stderr, "\r[%3d%%] %-60.60s", (int) (fraction * 100 + 0.5), lk_cli_esc (what));
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReportRun *run = task_data;

  run->ok = lk_report_export (run->kase, run->analyst, &run->options, run->path, print_progress,
                              run, cancellable, &run->sha256, &run->audited, &run->error);
  g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReportRun *run = user_data;

  g_main_loop_quit (run->loop);
}

static int
run_export (ReportRun *run)
{
  g_autoptr(GTask) task = g_task_new (NULL, run->cancellable, export_done, run);

  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, export_thread);
  g_main_loop_run (run->loop);
  if (run->show_progress)
    fputc ('\n', stderr);

  if (!run->ok)
    {
      /* The report is written to a temporary file until it is complete: an
       * interrupted export leaves nothing behind. */
      if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fprintf (stderr, _("No report was written.\n"));
          return LK_EXIT_CANCELLED;
        }
      if (run->error->domain == LK_CASE_ERROR)
        return lk_cli_error (LK_EXIT_CASE, "%s", run->error->message);
      return lk_cli_error (LK_EXIT_FAILURE, "%s", run->error->message);
    }
  printf ("%s  %s\n", run->sha256, lk_cli_esc (run->path));
  if (!run->audited)
    fprintf (stderr, _("likeness-cli: warning: the export is not recorded in the case's audit log: %s\n"),
             lk_case_get_read_only_reason (run->kase));
  return LK_EXIT_OK;
}

static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("LIKENESS_LOCALEDIR");

  return dir != NULL ? dir : LOCALEDIR;
}

/* English is the source language: it has no catalogue. */
static gboolean
is_english (const char *language)
{
  return g_str_equal (language, "en") || g_str_has_prefix (language, "en_") ||
         g_str_equal (language, "C");
}

/**
 * lk_cli_use_language:
 *
 * --language: the report (and what the command prints) in LANGUAGE, whatever
 * the analyst's locale.  The whole report library asks gettext through _(),
 * so the process's message language is switched once, before any text is
 * rendered: LANGUAGE is set, LC_MESSAGES is moved off "C" (where glibc
 * ignores LANGUAGE) and textdomain() is called again, which is how glibc is
 * told to drop the translations it has cached.  The numbers and dates of the
 * report follow the catalogue too (lk_report_number()), so a Ukrainian report
 * reads 0,382 even where no Ukrainian locale is installed.
 */
gboolean
lk_cli_use_language (const char *language,
                     int        *exit_code)
{
  g_autofree char *mo = NULL;
  const char *messages;

  if (language == NULL)
    return TRUE;
  mo = g_build_filename (locale_dir (), language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!is_english (language) && !g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("--language “%s”: Likeness has no translation into "
                                                  "this language (see README, Languages)"),
                                 lk_cli_esc (language));
      return FALSE;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* The report goes on without a photo it cannot show; say which and why, so
 * that an evidence file replaced by a pipe or a link is not missed. */
static guint
warn_unavailable_photos (LkCase *kase)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (kase, -1, NULL);
  guint n = 0;

  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lk_case_get_evidence_path (kase, ((LkPhoto *) photos->pdata[i])->id, &error);

      if (path == NULL)
        {
          fprintf (stderr, _("likeness-cli: warning: photo unavailable: %s\n"), error->message);
          n++;
        }
    }
  return n;
}

static gboolean
parse_choices (ReportRun *run, const char *format, const char *paper, const char *decisions,
               const char *audit, int *code)
{
  if (!lk_report_format_from_string (format, &run->options.format))
    *code = lk_cli_error (LK_EXIT_USAGE, _("--format must be pdf, html, json or csv"));
  else if (paper != NULL && !lk_report_paper_from_string (paper, &run->options.paper))
    *code = lk_cli_error (LK_EXIT_USAGE, _("--paper must be a4 or letter"));
  else if (!lk_report_decision_filter_is_valid (decisions))
    *code = lk_cli_error (LK_EXIT_USAGE, _("--decisions must be all, identified, excluded, "
                                           "inconclusive or insufficient-quality"));
  else if (audit != NULL && !lk_report_audit_from_string (audit, &run->options.audit))
    *code = lk_cli_error (LK_EXIT_USAGE, _("--audit must be full or summary"));
  else
    return TRUE;
  return FALSE;
}

int
lk_cli_report (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *format = NULL, *output = NULL, *paper = NULL;
  g_autofree char *decisions = NULL, *audit = NULL, *analyst = NULL, *language = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gboolean quiet = FALSE;
  ReportRun run = { 0 };
  guint unavailable;
  int code = LK_EXIT_OK;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf, html, json or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The report file to write (replaced whole)"), N_("PATH") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("PDF paper size: a4 (default) or letter"), N_("SIZE") },
    { "decisions", 0, 0, G_OPTION_ARG_STRING, &decisions,
      N_("Which current decisions to list: all (default), identified, excluded, inconclusive or "
         "insufficient-quality"), N_("WHICH") },
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit,
      N_("The audit log in full (default) or as a summary"), N_("full|summary") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst,
      N_("Who exports (recorded in the audit log); default: your user's name"), N_("NAME") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The report's language (uk, de, en); default: your locale's"), N_("LANG") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress on the terminal"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Export a case report. The PDF and HTML reports hold the case, the method and models, one "
      "section per decision with the probe and candidate faces side by side, the evidence files "
      "and the audit log; JSON holds the same as data (docs/report-schema.json); CSV holds one "
      "row per decision. The export is recorded in the case's audit log with the SHA-256 of the "
      "file, which is printed on success."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (case_dir == NULL || format == NULL || output == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case, --format and --output are required; see --help"));
  if (argc > 1)
    return lk_cli_error (LK_EXIT_USAGE, _("unexpected argument “%s”"), argv[1]);
  if (!lk_cli_use_language (language, &code))
    return code;
  run.options = (LkReportOptions) LK_REPORT_OPTIONS_INIT;
  if (!parse_choices (&run, format, paper, decisions, audit, &code))
    return code;
  run.options.decisions = decisions;

  run.kase = lk_case_open (case_dir, LK_CASE_OPEN_FALLBACK_READ_ONLY, &error);
  if (run.kase == NULL)
    return lk_cli_error (LK_EXIT_CASE, "%s", error->message);
  unavailable = warn_unavailable_photos (run.kase);
  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.cancellable = lk_cli_cancellable ();
  run.path = output;
  run.analyst = analyst ? analyst : (char *) lk_cli_default_analyst ();
  run.show_progress = !quiet && isatty (STDERR_FILENO);
  code = run_export (&run);
  if (code == LK_EXIT_OK && unavailable > 0)
    code = lk_cli_error (LK_EXIT_FAILURE, _("the report was written, but %u photo(s) could not be shown; "
                                            "run “likeness-cli evidence verify”"), unavailable);
  g_clear_object (&run.kase);
  g_clear_error (&run.error);
  g_free (run.sha256);
  return code;
}
