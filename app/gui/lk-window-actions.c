/* lk-window-actions.c — LkWindow's actions: cases, verification, tasks
 *
 * All actions are installed on the class and enabled from one place,
 * _lk_window_update_actions(), so the menu always matches what can be done.
 */
#define G_LOG_DOMAIN "lk-window"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "case/lk-case.h"
#include "report/lk-report-export.h"
#include "lk-analysts-dialog.h"
#include "lk-proposals-dialog.h"
#include "lk-new-case-dialog.h"
#include "lk-window-private.h"

void
_lk_window_update_actions (LkWindow *self)
{
  gboolean has_case = self->session != NULL;
  gboolean writable = has_case && !lk_session_is_read_only (self->session);
  gboolean busy = self->task_cancellable != NULL;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "win.close-case", has_case && !busy);
  gtk_widget_action_set_enabled (w, "win.import", writable && !busy);
  gtk_widget_action_set_enabled (w, "win.import-folder", writable && !busy);
  gtk_widget_action_set_enabled (w, "win.export-report", has_case && !busy);
  gtk_widget_action_set_enabled (w, "win.verify-audit", has_case && !busy);
  gtk_widget_action_set_enabled (w, "win.verify-evidence", has_case && !busy);
  gtk_widget_action_set_enabled (w, "win.analysts", has_case);
  gtk_widget_action_set_enabled (w, "win.proposals", has_case);
  gtk_widget_action_set_enabled (w, "win.cancel-task", busy);
  gtk_widget_set_visible (self->import_button, has_case);
}

/* ---- Opening and creating cases -------------------------------------- */

typedef struct {
  char *path;
  gboolean read_only;   /* already open for writing in another window */
  char *title;
  char *number;
  char *description;
  char *analyst;
} OpenData;

static void
open_data_free (gpointer p)
{
  OpenData *od = p;

  g_free (od->path);
  g_free (od->title);
  g_free (od->number);
  g_free (od->description);
  g_free (od->analyst);
  g_free (od);
}

/* Runs in a GTask thread: opening checks the whole database, which can take
 * a while on a large case.  The session is created here too, so it caches
 * the case's title without the main thread touching the store. */
static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *od = task_data;
  g_autoptr(GError) error = NULL;
  LkCase *kase;

  if (od->title != NULL)
    kase = lk_case_create (od->path, od->title, od->number, od->description, od->analyst, &error);
  else
    kase = lk_case_open (od->path, od->read_only ? LK_CASE_OPEN_READ_ONLY : LK_CASE_OPEN_FALLBACK_READ_ONLY,
                         &error);

  if (kase == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* The store says why it opened read-only (another process writes the
       * case, a read-only medium…); the banner shows that sentence. */
      char *reason = g_strdup (od->read_only ? _("It is open for writing in another window.")
                                             : lk_case_get_read_only_reason (kase));
      LkSession *session = lk_session_new (kase, od->analyst);

      g_object_set_data_full (G_OBJECT (session), "lk-path", g_strdup (od->path), g_free);
      g_object_set_data_full (G_OBJECT (session), "lk-read-only-reason", reason, g_free);
      g_task_return_pointer (task, session, g_object_unref);
    }
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LkWindow *self = LK_WINDOW (source);
  OpenData *od = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = g_task_propagate_pointer (G_TASK (result), &error);

  lk_window_end_task (self);
  if (session == NULL)
    {
      _lk_window_show_error (self, od->title != NULL ? _("Cannot Create the Case")
                                                     : _("Cannot Open the Case"), error);
      return;
    }
  lk_application_add_recent (LK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), od->path);
  _lk_window_set_session (self, session);
}

static void
start_open (LkWindow *self,
            OpenData *od)
{
  GTask *task;
  GCancellable *cancellable;

  cancellable = lk_window_begin_task (self, od->title != NULL ? _("Creating the case…")
                                                              : _("Opening the case…"));
  if (cancellable == NULL)
    {
      open_data_free (od);
      return;
    }
  od->analyst = _lk_window_get_analyst (self);
  task = g_task_new (self, cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, od, open_data_free);
  g_task_run_in_thread (task, open_thread);
  g_object_unref (task);
}

static void
open_with_analyst (LkWindow *self,
                   gpointer  data)
{
  start_open (self, data);
}

/* The store's lock is per process, so two windows of this process on one
 * case are kept apart here: the second one is read-only. */
static gboolean
case_open_elsewhere (LkWindow   *self,
                     const char *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) want = g_file_new_for_path (path);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      LkSession *session = LK_IS_WINDOW (l->data) ? lk_window_get_session (l->data) : NULL;
      const char *open_path = session != NULL ? g_object_get_data (G_OBJECT (session), "lk-path") : NULL;
      g_autoptr(GFile) have = open_path != NULL ? g_file_new_for_path (open_path) : NULL;

      if (l->data != self && have != NULL && !lk_session_is_read_only (session) && g_file_equal (want, have))
        return TRUE;
    }
  return FALSE;
}

void
lk_window_open_case (LkWindow   *self,
                     const char *path)
{
  OpenData *od;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* One case per window: a second case opens in a new window. */
  if (self->session != NULL)
    {
      LkApplication *app = LK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
      LkWindow *other = lk_window_new (app);

      gtk_window_present (GTK_WINDOW (other));
      lk_window_open_case (other, path);
      return;
    }
  od = g_new0 (OpenData, 1);
  od->path = g_strdup (path);
  od->read_only = case_open_elsewhere (self, path);
  _lk_window_ensure_analyst (self, open_with_analyst, od);
}

void
lk_window_create_case (LkWindow   *self,
                       const char *path,
                       const char *title,
                       const char *number,
                       const char *description)
{
  OpenData *od;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (path != NULL && title != NULL);

  od = g_new0 (OpenData, 1);
  od->path = g_strdup (path);
  od->title = g_strdup (title);
  od->number = g_strdup (number);
  od->description = g_strdup (description);
  _lk_window_ensure_analyst (self, open_with_analyst, od);
}

static void
new_case_create_cb (LkNewCaseDialog *dialog,
                    const char      *title,
                    const char      *number,
                    const char      *description,
                    const char      *path,
                    LkWindow        *self)
{
  LkWindow *target = self;

  if (self->session != NULL)
    {
      target = lk_window_new (LK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  lk_window_create_case (target, path, title, number, description);
}

static char *
default_case_location (void)
{
  const char *docs = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (docs != NULL && g_file_test (docs, G_FILE_TEST_IS_DIR))
    return g_strdup (docs);
  return g_strdup (g_get_home_dir ());
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  g_autofree char *location = default_case_location ();
  LkNewCaseDialog *dialog = lk_new_case_dialog_new (GTK_WINDOW (self), location);

  g_signal_connect_object (dialog, "create", G_CALLBACK (new_case_create_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          LkWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        lk_window_open_case (self, path);
      else
        lk_window_show_toast (self, _("Only cases on a local disk can be opened"));
    }
  g_clear_object (&self->chooser);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open a Case Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  lk_window_open_case (LK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
close_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _lk_window_set_session (LK_WINDOW (widget), NULL);
}

static void
cancel_task_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);

  if (self->task_cancellable != NULL)
    {
      g_cancellable_cancel (self->task_cancellable);
      lk_window_task_progress (self, -1, _("Cancelling…"));
    }
}

/* ---- Verification -------------------------------------------------------- */

static gpointer
verify_audit_job (LkCase        *kase,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  LkAuditReport *report = NULL;

  if (!lk_case_verify_audit (kase, NULL, &report, error))
    return NULL;
  return report;
}

static void
show_message (LkWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
verify_audit_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = lk_session_run_finish (LK_SESSION (source), result, &error);
  g_autofree char *body = NULL;

  lk_window_end_task (self);
  if (report == NULL)
    {
      _lk_window_show_error (self, _("Cannot Verify the Audit Log"), error);
      return;
    }
  if (report->ok)
    {
      body = g_strdup_printf (_("All %" PRId64 " entries are intact and every face, person "
                                "and decision is backed by them.\n\nHead %" PRId64 ": %s"),
                              report->n_entries, report->head_seq, report->head_hash);
      show_message (self, _("Audit Log Verified"), body);
    }
  else
    {
      if (report->bad_seq > 0)
        body = g_strdup_printf (_("%s\n\nFirst bad entry: %" PRId64 "."),
                                report->message, report->bad_seq);
      else
        body = g_strdup_printf (_("%s\n\nFirst bad record: %s."), report->message,
                                report->bad_object != NULL ? report->bad_object : "?");
      show_message (self, _("The Audit Log Does Not Verify"), body);
    }
  /* The banner and the marks follow the newest verdict (this emits "verify"). */
  if (LK_SESSION (source) == self->session)
    {
      lk_session_set_audit_report (self->session, g_steal_pointer (&report));
      _lk_window_update_audit_banner (self);
    }
}

static void
analysts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  GtkWindow *dialog = GTK_WINDOW (lk_analysts_dialog_new (self->session));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  /* It holds the window's session: it must not outlive the window. */
  gtk_window_set_destroy_with_parent (dialog, TRUE);
  gtk_window_present (dialog);
}

static void
proposals_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  GtkWindow *dialog = GTK_WINDOW (lk_proposals_dialog_new (self->session));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (dialog, TRUE);
  gtk_window_present (dialog);
}

static void
verify_audit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  GCancellable *cancellable = lk_window_begin_task (self, _("Verifying the audit log…"));

  if (cancellable != NULL)
    lk_session_run (self->session, verify_audit_job, NULL, NULL,
                    (GDestroyNotify) lk_audit_report_free, cancellable,
                    verify_audit_done_cb, g_object_ref (self));
}

static gpointer
verify_evidence_job (LkCase        *kase,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LkEvidenceReport *report = NULL;

  if (!lk_case_verify_evidence (kase, &report, cancellable, error))
    return NULL;
  return report;
}

static void
verify_evidence_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEvidenceReport) report = lk_session_run_finish (LK_SESSION (source), result, &error);
  g_autoptr(GString) body = g_string_new (NULL);

  lk_window_end_task (self);
  if (report == NULL)
    {
      _lk_window_show_error (self, _("Cannot Verify the Evidence"), error);
      return;
    }
  if (report->problems->len == 0)
    {
      g_string_printf (body, _("All %" PRId64 " evidence files match their SHA-256."),
                       report->n_checked);
      show_message (self, _("Evidence Verified"), body->str);
      return;
    }
  g_string_printf (body, _("%u problems in %" PRId64 " files:"),
                   report->problems->len, report->n_checked);
  for (guint i = 0; i < report->problems->len && i < 10; i++)
    {
      LkEvidenceProblem *p = g_ptr_array_index (report->problems, i);

      g_string_append_printf (body, "\n• %s", p->message);
    }
  show_message (self, _("Evidence Problems Found"), body->str);
}

static void
verify_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  GCancellable *cancellable = lk_window_begin_task (self, _("Verifying the evidence files…"));

  if (cancellable != NULL)
    lk_session_run (self->session, verify_evidence_job, NULL, NULL,
                    (GDestroyNotify) lk_evidence_report_free, cancellable,
                    verify_evidence_done_cb, g_object_ref (self));
}

/* ---- Export report ------------------------------------------------------- */

typedef struct {
  LkWindow       *window;
  char           *analyst;
  char           *path;
  LkReportFormat  format;
} ExportData;

static gboolean
unref_idle (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
export_data_free (gpointer p)
{
  ExportData *ed = p;

  g_free (ed->analyst);
  g_free (ed->path);
  g_idle_add (unref_idle, ed->window);
  g_free (ed);
}

typedef struct {
  LkWindow *window;
  double    fraction;
  char     *what;
} ExportProgress;

static gboolean
export_progress_on_main (gpointer user_data)
{
  ExportProgress *ep = user_data;

  if (lk_window_is_busy (ep->window))
    lk_window_task_progress (ep->window, ep->fraction, ep->what);
  g_object_unref (ep->window);
  g_free (ep->what);
  g_free (ep);
  return G_SOURCE_REMOVE;
}

static void
export_progress (double      fraction,
                 const char *what,
                 gpointer    user_data)
{
  ExportData *ed = user_data;
  ExportProgress *ep = g_new0 (ExportProgress, 1);

  ep->window = g_object_ref (ed->window);
  ep->fraction = fraction;
  ep->what = g_strdup (what);
  g_idle_add (export_progress_on_main, ep);
}

static gpointer
export_job (LkCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportData *ed = data;
  LkReportOptions options = LK_REPORT_OPTIONS_INIT;
  g_autofree char *sha256 = NULL;
  gboolean audited = FALSE;

  options.format = ed->format;
  if (!lk_report_export (kase, ed->analyst, &options, ed->path, export_progress, ed,
                         cancellable, &sha256, &audited, error))
    return NULL;
  if (!audited)
    return g_strdup_printf (_("Report written to %s (SHA-256 %.12s…); the case is read-only, so the "
                              "export is not in its audit log"), ed->path, sha256);
  return g_strdup_printf (_("Report written to %s (SHA-256 %.12s…)"), ed->path, sha256);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = lk_session_run_finish (LK_SESSION (source), result, &error);

  lk_window_end_task (self);
  if (message == NULL)
    {
      _lk_window_show_error (self, _("Cannot Export the Report"), error);
      return;
    }
  lk_window_show_toast (self, message);
  lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_AUDIT);
}

void
lk_window_export_report (LkWindow       *self,
                         const char     *path,
                         LkReportFormat  format)
{
  GCancellable *cancellable;
  ExportData *ed;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->session == NULL || (cancellable = lk_window_begin_task (self, _("Exporting the report…"))) == NULL)
    return;
  ed = g_new0 (ExportData, 1);
  ed->window = g_object_ref (self);
  ed->analyst = g_strdup (lk_session_get_analyst (self->session));
  ed->path = g_strdup (path);
  ed->format = format;
  lk_session_run (self->session, export_job, ed, export_data_free, g_free, cancellable,
                  export_done_cb, g_object_ref (self));
}

static LkReportFormat
format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    return LK_REPORT_FORMAT_HTML;
  if (g_str_has_suffix (lower, ".json"))
    return LK_REPORT_FORMAT_JSON;
  if (g_str_has_suffix (lower, ".csv"))
    return LK_REPORT_FORMAT_CSV;
  return LK_REPORT_FORMAT_PDF;
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            LkWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        lk_window_export_report (self, path, format_for_path (path));
    }
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  g_autofree char *name = g_strdup_printf ("%s.pdf", lk_session_get_title (self->session));
  g_autoptr(GFile) folder = g_file_new_for_path (lk_session_get_path (self->session));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), g_strdelimit (name, "/\\:", '-'));
  /* Reports belong with the case: start in its folder, not in the last one used. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  /* The format follows the file name's extension. */
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document (.pdf)"), "*.pdf");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Web page (.html)"), "*.html");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("JSON data (.json)"), "*.json");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Spreadsheet (.csv)"), "*.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_lk_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_action);
  gtk_widget_class_install_action (widget_class, "win.close-case", NULL, close_case_action);
  gtk_widget_class_install_action (widget_class, "win.verify-audit", NULL, verify_audit_action);
  gtk_widget_class_install_action (widget_class, "win.verify-evidence", NULL, verify_evidence_action);
  gtk_widget_class_install_action (widget_class, "win.analysts", NULL, analysts_action);
  gtk_widget_class_install_action (widget_class, "win.proposals", NULL, proposals_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.cancel-task", NULL);
}
