/* lk-cli-interrupt.c — Ctrl+C and SIGTERM for every long command.
 *
 * The signals are watched on a thread of their own with its own main
 * context, so that a command running synchronously on the main thread (match,
 * detect, evidence verify) is interrupted the same way as one that runs a
 * main loop (import, report): the first signal cancels the command's
 * GCancellable and the command stops at its next check and exits 130.  Work
 * that cannot stop in time (a read stuck in the kernel, a step without a
 * cancellation point) is ended after a grace period, or at once on a second
 * signal: SQLite keeps every committed transaction and drops the unfinished
 * one, so the case stays consistent either way. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lk-cli.h"

typedef struct {
  GThread      *thread;
  GMainContext *context;
  gint          stop;
  GCancellable *cancellable;
  guint         grace_seconds;
  gint          n_signals;
} Watch;

static Watch watch;

static G_NORETURN void
end_now (gboolean was_asked_to_stop)
{
  if (was_asked_to_stop)
    fprintf (stderr, _("Interrupted. The command did not stop by itself and was ended; "
                       "what it had not committed is not in the case.\n"));
  else
    fprintf (stderr, _("Interrupted.\n"));
  /* No fflush (stdout): the main thread may hold its lock, stuck writing to
   * a full pipe, and this must end the process whatever the others do. */
  _exit (LK_EXIT_CANCELLED);
}

static gboolean
on_grace_over (gpointer user_data)
{
  end_now (TRUE);
}

static gboolean
on_signal (gpointer user_data)
{
  GSource *grace;

  if (watch.grace_seconds == 0)
    end_now (FALSE);
  if (g_atomic_int_add (&watch.n_signals, 1) > 0)
    end_now (TRUE);
  /* Say at once that the signal was heard: stopping cleanly can take a while. */
  fprintf (stderr, _("Stopping… (Ctrl+C again ends it at once)\n"));
  g_cancellable_cancel (watch.cancellable);
  grace = g_timeout_source_new_seconds (watch.grace_seconds);
  g_source_set_callback (grace, on_grace_over, NULL, NULL);
  g_source_attach (grace, watch.context);
  g_source_unref (grace);
  return G_SOURCE_CONTINUE;
}

static void
watch_signal (int signum)
{
  GSource *source = g_unix_signal_source_new (signum);

  g_source_set_callback (source, on_signal, NULL, NULL);
  g_source_attach (source, watch.context);
  g_source_unref (source);
}

/* Not a GMainLoop: a quit that came before g_main_loop_run() started would
 * be lost and the join would wait for ever.  The stop flag and the context's
 * wake-up (which stays pending until the next poll) cannot miss each other. */
static gpointer
watch_thread (gpointer user_data)
{
  g_main_context_push_thread_default (watch.context);
  while (!g_atomic_int_get (&watch.stop))
    g_main_context_iteration (watch.context, TRUE);
  g_main_context_pop_thread_default (watch.context);
  return NULL;
}

GCancellable *
lk_cli_cancellable (void)
{
  return watch.cancellable;
}

GCancellable *
lk_cli_interrupt_begin (guint grace_seconds)
{
  g_return_val_if_fail (watch.thread == NULL, NULL);

  watch.context = g_main_context_new ();
  watch.stop = FALSE;
  watch.cancellable = g_cancellable_new ();
  watch.grace_seconds = grace_seconds;
  watch.n_signals = 0;
  /* Attached before the thread starts: a signal from now on is ours. */
  watch_signal (SIGINT);
  watch_signal (SIGTERM);
  watch.thread = g_thread_new ("lk-cli-signals", watch_thread, NULL);
  return watch.cancellable;
}

gboolean
lk_cli_interrupted (void)
{
  return watch.cancellable != NULL && g_cancellable_is_cancelled (watch.cancellable);
}

int
lk_cli_interrupt_end (int exit_code)
{
  if (watch.thread == NULL)
    return exit_code;
  g_atomic_int_set (&watch.stop, TRUE);
  g_main_context_wakeup (watch.context);
  g_thread_join (g_steal_pointer (&watch.thread));
  g_clear_pointer (&watch.context, g_main_context_unref);
  /* A command interrupted, whatever error its cancellation surfaced as,
   * ends the same way for scripts and for the analyst. */
  if (g_cancellable_is_cancelled (watch.cancellable))
    {
      fprintf (stderr, _("Interrupted.\n"));
      exit_code = LK_EXIT_CANCELLED;
    }
  g_clear_object (&watch.cancellable);
  return exit_code;
}
