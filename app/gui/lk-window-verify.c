/* lk-window-verify.c — the audit chain is checked whenever a case opens
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case whose audit log does not verify must say so before the analyst
 * relies on it.  The check reads the whole log, so it runs in a GTask thread
 * with its own read-only handle on the case, not on the session worker,
 * which stays free for what the analyst does meanwhile.  The verdict is kept
 * on the session: the red banner and the marks on decisions follow it, and a
 * later verification (Verify Audit) replaces it.
 */
#define G_LOG_DOMAIN "lk-window"

#include "lk-config.h"

#include <glib/gi18n.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lk-window-private.h"

static void
verify_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = lk_case_open (task_data, LK_CASE_OPEN_READ_ONLY, &error);
  LkAuditReport *report = NULL;

  if (kase == NULL || !lk_case_verify_audit (kase, NULL, &report, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) lk_audit_report_free);
}

/* The check reads the whole log (15–30 s for 100,000 faces on two cores)
 * while the section just opened lists the case: at a lower priority it
 * gives way to that listing and to whatever the analyst does meanwhile.
 * A thread of its own, not one of GTask's pool: an unprivileged process
 * cannot raise a thread's priority back, and a pool thread left at the
 * lower priority would slow the next task given to it. */
static gpointer
verify_thread_main (gpointer data)
{
  g_autoptr(GTask) task = data;

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("audit check: priority not lowered: %s", g_strerror (errno));
#endif
  verify_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
                 g_task_get_cancellable (task));
  return NULL;
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkWindow *self = LK_WINDOW (source);
  g_autoptr(LkSession) session = user_data;
  g_autoptr(GError) error = NULL;
  LkAuditReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (report == NULL)
    {
      /* Not a verdict: the case could not be read for the check.  Verify
       * Audit in the menu says why when asked; opening goes on. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot check the audit log on opening: %s", error->message);
      return;
    }
  lk_session_set_audit_report (session, report);
  if (session == self->session)
    _lk_window_update_audit_banner (self);
}

static void
verify_changed_cb (LkSession *session,
                   LkChange   what,
                   LkWindow  *self)
{
  if (what & LK_CHANGE_VERIFY)
    _lk_window_update_audit_banner (self);
}

void
_lk_window_verify_on_open (LkWindow  *self,
                           LkSession *session)
{
  const char *path;
  GTask *task;

  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (session == NULL)
    return;
  /* Whoever verifies later (the menu, the Audit section), the banner follows. */
  g_signal_connect_object (session, "case-changed", G_CALLBACK (verify_changed_cb), self, 0);
  path = g_object_get_data (G_OBJECT (session), "lk-path");
  if (path == NULL)
    return;
  self->verify_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->verify_cancellable, verify_done_cb, g_object_ref (session));
  g_task_set_source_tag (task, _lk_window_verify_on_open);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_thread_unref (g_thread_new ("lk-audit-check", verify_thread_main, task));
}

void
_lk_window_update_audit_banner (LkWindow *self)
{
  const LkAuditReport *report = self->session != NULL ? lk_session_get_audit_report (self->session) : NULL;
  gboolean failed = report != NULL && !report->ok;

  if (failed)
    {
      /* Translators: %s is the sentence saying what is wrong with the audit log. */
      g_autofree char *text = g_strdup_printf (_("The audit log of this case does not verify: %s "
                                                 "Decisions the failed check touches are marked."),
                                               report->message != NULL ? report->message : "");

      gtk_label_set_text (self->audit_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->audit_banner_revealer, failed);
}
