/* lk-session.c — one open case and the worker thread that serves it
 *
 * SQLite connections and the face engine are used from one worker thread per
 * session, fed in order through a GAsyncQueue; each job is a GTask created on
 * the main thread, so its callback runs there.  The worker owns the case: the
 * case is closed on the worker thread, after every job queued before it.
 */
#define G_LOG_DOMAIN "lk-session"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "lk-session-private.h"

#include "case/lk-case.h"

typedef struct {
  LkSessionJob   job;
  LkSessionIntJob int_job;   /* instead of job: the result is a number */
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} LkJobData;

struct _LkSession
{
  GObject       parent_instance;

  LkCase       *kase;        /* used only on the worker thread once it runs */
  char         *analyst;
  char         *title;
  char         *path;        /* the case folder, cached like the title */
  LkAuditReport *audit_report; /* the newest verification, main thread */
  GDateTime    *audit_report_time;
  gboolean      read_only;
  GMainContext *context;     /* where case-changed is emitted */
  GMutex        pending_lock;
  guint         pending;     /* LkChange bits not yet emitted */
  GAsyncQueue  *queue;       /* of GTask*, or the quit marker */
  GThread      *thread;
  gint          job_delay_ms; /* tests: read by the worker (atomic) */
};

G_DEFINE_FINAL_TYPE (LkSession, lk_session, G_TYPE_OBJECT)

G_DEFINE_FLAGS_TYPE (LkChange, lk_change,
  G_DEFINE_ENUM_VALUE (LK_CHANGE_PHOTOS, "photos"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_FACES, "faces"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_PERSONS, "persons"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_DECISIONS, "decisions"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_CANDIDATES, "candidates"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_AUDIT, "audit"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_VERIFY, "verify"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_VERIFICATION, "verification"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_ROLES, "roles"),
  G_DEFINE_ENUM_VALUE (LK_CHANGE_CASE, "case"))

enum { CASE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { SESSION_PROP_0, SESSION_PROP_ANALYST, N_SESSION_PROPS };
static GParamSpec *session_props[N_SESSION_PROPS];

/* Any unique address will do: it is never dereferenced. */
static int quit_marker;

typedef struct {
  GAsyncQueue *queue;
  LkCase      *kase;
  gint        *job_delay_ms;   /* the session's; the session outlives the worker's jobs */
} LkWorkerState;

static void
lk_job_data_free (gpointer p)
{
  LkJobData *jd = p;

  if (jd->data_free != NULL && jd->data != NULL)
    jd->data_free (jd->data);
  g_free (jd);
}

/* The worker's reference on a task is dropped on the task's own context so
 * that the session, which the task keeps alive, is never finalized (and
 * joined) from the worker thread itself. */
static gboolean
unref_on_main (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
run_one (GTask  *task,
         LkCase *kase,
         gint    delay_ms)
{
  LkJobData *jd = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  gpointer result;
  gint64 start;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  start = g_get_monotonic_time ();
  if (delay_ms > 0)
    g_usleep ((gulong) delay_ms * 1000);
  if (jd->int_job != NULL)
    {
      gint64 value = jd->int_job (kase, jd->data, cancellable, &error);

      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_int (task, value);
      return;
    }
  result = jd->job (kase, jd->data, cancellable, &error);
  /* G_MESSAGES_DEBUG=lk-session shows which jobs hold the queue up. */
  g_debug ("job %p took %.1f ms", (gpointer) jd->job, (g_get_monotonic_time () - start) / 1000.0);
  if (error != NULL)
    {
      if (result != NULL && jd->result_free != NULL)
        jd->result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, jd->result_free);
}

static gpointer
worker_main (gpointer user_data)
{
  LkWorkerState *state = user_data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (state->queue);
      GTask *task;

      if (item == &quit_marker)
        break;

      task = item;
      run_one (task, state->kase, g_atomic_int_get (state->job_delay_ms));
      g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                  unref_on_main, task, NULL);
    }

  /* Close the case here: its connection belongs to this thread. */
  g_clear_object (&state->kase);
  g_async_queue_unref (state->queue);
  g_free (state);
  return NULL;
}

static void
lk_session_finalize (GObject *object)
{
  LkSession *self = LK_SESSION (object);

  if (self->queue != NULL)
    {
      g_async_queue_push (self->queue, &quit_marker);
      g_async_queue_unref (self->queue);
    }
  if (self->thread != NULL)
    {
      if (g_thread_self () != self->thread)
        g_thread_join (self->thread);
      else
        g_thread_unref (self->thread);
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->analyst);
  g_free (self->title);
  g_free (self->path);
  g_clear_pointer (&self->audit_report, lk_audit_report_free);
  g_clear_pointer (&self->audit_report_time, g_date_time_unref);
  g_mutex_clear (&self->pending_lock);

  G_OBJECT_CLASS (lk_session_parent_class)->finalize (object);
}

static void
lk_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SESSION_PROP_ANALYST:
      g_value_set_string (value, LK_SESSION (object)->analyst);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_session_class_init (LkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_session_finalize;
  object_class->get_property = lk_session_get_property;

  /* The name recorded with every change from now on (see lk_session_set_analyst()). */
  session_props[SESSION_PROP_ANALYST] =
    g_param_spec_string ("analyst", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_SESSION_PROPS, session_props);

  /**
   * LkSession::case-changed:
   * @what: every #LkChange part the change touched
   *
   * Emitted once per change, on the main thread, after a job changed the
   * case.  Not detailed: a detail names one part, and one change touches a
   * set of them; a handler tests the bits it shows.
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LK_TYPE_CHANGE);
}

static void
lk_session_init (LkSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->pending_lock);
}

/* Title and access mode are cached before the worker owns the case, so that
 * the main thread never has to ask the store for them.  The workstation
 * creates sessions on the thread that opened the case. */
static void
lk_session_read_case_info (LkSession *self)
{
  g_autoptr(LkCaseInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  self->read_only = lk_case_is_read_only (self->kase);
  self->path = g_strdup (lk_case_get_path (self->kase));
  info = lk_case_get_info (self->kase, &error);
  if (info != NULL)
    self->title = g_strdup (info->title);
  else
    {
      g_warning ("Cannot read the case title: %s", error->message);
      self->title = g_path_get_basename (lk_case_get_path (self->kase));
    }
}

/**
 * lk_session_new:
 * @kase: (transfer full): the open case
 * @analyst: the analyst's name, recorded with every change
 *
 * Starts the session's worker thread, which from now on owns @kase.
 */
LkSession *
lk_session_new (LkCase     *kase,
                const char *analyst)
{
  LkSession *self;
  LkWorkerState *state;
  g_return_val_if_fail (LK_IS_CASE (kase), NULL);
  g_return_val_if_fail (analyst != NULL, NULL);

  self = g_object_new (LK_TYPE_SESSION, NULL);
  self->kase = kase;
  self->analyst = g_strdup (analyst);
  lk_session_read_case_info (self);

  self->queue = g_async_queue_new ();
  state = g_new0 (LkWorkerState, 1);
  state->queue = g_async_queue_ref (self->queue);
  state->kase = kase;
  state->job_delay_ms = &self->job_delay_ms;
  self->thread = g_thread_new ("lk-session", worker_main, state);

  return self;
}

const char *
lk_session_get_analyst (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->analyst;
}

/**
 * lk_session_set_analyst:
 * @analyst: the name from now on
 *
 * Main thread only: jobs copy the name when they are queued, so a job queued
 * before the change keeps the name shown when it was asked for.
 */
void
lk_session_set_analyst (LkSession  *self,
                        const char *analyst)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (analyst != NULL && analyst[0] != '\0');

  if (g_strcmp0 (self->analyst, analyst) == 0)
    return;
  g_free (self->analyst);
  self->analyst = g_strdup (analyst);
  g_object_notify_by_pspec (G_OBJECT (self), session_props[SESSION_PROP_ANALYST]);
}

gboolean
lk_session_is_read_only (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), TRUE);
  return self->read_only;
}

const char *
lk_session_get_title (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->title != NULL ? self->title : "";
}

static void
queue_job (LkSession          *self,
           LkJobData          *jd,
           gpointer            source_tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, jd, lk_job_data_free);
  g_async_queue_push (self->queue, task);
}

const char *
lk_session_get_path (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->path;
}

/**
 * lk_session_run:
 * @job: runs on the worker thread after every job queued before it
 * @data: (transfer full): given to @job, freed with @data_free on the main thread or the worker
 * @result_free: frees @job's result if nobody takes it
 * @callback: called on the calling thread's main context
 *
 * Queues @job.  A job whose @cancellable is cancelled before it starts does
 * not run; the callback then gets G_IO_ERROR_CANCELLED.
 */
void
lk_session_run (LkSession          *self,
                LkSessionJob        job,
                gpointer            data,
                GDestroyNotify      data_free,
                GDestroyNotify      result_free,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (job != NULL);

  _lk_session_run_tagged (self, job, data, data_free, result_free, lk_session_run,
                          cancellable, callback, user_data);
}

/**
 * _lk_session_run_int:
 * @source_tag: the typed _async function, checked by its _finish
 *
 * Like lk_session_run() for a job whose result is a number (an id, a
 * yes/no): its _finish takes it with g_task_propagate_int(), so no
 * number is ever packed into a pointer.
 */
void
_lk_session_run_int (LkSession          *self,
                     LkSessionIntJob     job,
                     gpointer            data,
                     GDestroyNotify      data_free,
                     gpointer            source_tag,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  LkJobData *jd;

  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (job != NULL);

  jd = g_new0 (LkJobData, 1);
  jd->int_job = job;
  jd->data = data;
  jd->data_free = data_free;
  queue_job (self, jd, source_tag, cancellable, callback, user_data);
}

/* Like lk_session_run(), under the typed _async function's own source tag. */
void
_lk_session_run_tagged (LkSession          *self,
                        LkSessionJob        job,
                        gpointer            data,
                        GDestroyNotify      data_free,
                        GDestroyNotify      result_free,
                        gpointer            source_tag,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  LkJobData *jd = g_new0 (LkJobData, 1);

  jd->job = job;
  jd->data = data;
  jd->data_free = data_free;
  jd->result_free = result_free;
  queue_job (self, jd, source_tag, cancellable, callback, user_data);
}

gpointer
lk_session_run_finish (LkSession    *self,
                       GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lk_session_set_job_delay (LkSession *self,
                          guint      milliseconds)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_atomic_int_set (&self->job_delay_ms, (gint) milliseconds);
}

void
lk_session_set_audit_report (LkSession     *self,
                             LkAuditReport *report)
{
  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (report != NULL);

  g_clear_pointer (&self->audit_report, lk_audit_report_free);
  self->audit_report = report;
  g_clear_pointer (&self->audit_report_time, g_date_time_unref);
  self->audit_report_time = g_date_time_new_now_local ();
  lk_session_notify_changed (self, LK_CHANGE_VERIFY);
}

const LkAuditReport *
lk_session_get_audit_report (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->audit_report;
}

GDateTime *
lk_session_get_audit_report_time (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  return self->audit_report_time;
}

/* Until verification names every decision it touches (flagged_decisions),
 * the record it names as the first bad one counts too. */
gboolean
lk_session_decision_flagged (LkSession *self,
                             gint64     decision_id)
{
  g_autofree char *name = NULL;
  const LkAuditReport *report;

  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  report = self->audit_report;
  if (report == NULL || report->ok)
    return FALSE;
  if (lk_audit_report_flags_decision (report, decision_id))
    return TRUE;
  name = g_strdup_printf ("decision %" PRId64, decision_id);
  return g_strcmp0 (report->bad_object, name) == 0;
}

static gboolean
emit_changed (gpointer user_data)
{
  g_autoptr(LkSession) self = user_data;
  guint what;

  g_mutex_lock (&self->pending_lock);
  what = self->pending;
  self->pending = 0;
  g_mutex_unlock (&self->pending_lock);
  /* Merged into an emission that already ran. */
  if (what != 0)
    g_signal_emit (self, signals[CASE_CHANGED], 0, (LkChange) what);
  return G_SOURCE_REMOVE;
}

/**
 * lk_session_notify_changed:
 * @what: every part the change touched
 *
 * Emits "case-changed" once on the session's main context: immediately when
 * called from a callback running there, otherwise from an idle source that
 * also carries every later call made before it runs.  (Not
 * g_main_context_invoke(): from a worker it runs the handlers right there
 * whenever the main thread is not iterating, and handlers touch GTK.)
 */
void
lk_session_notify_changed (LkSession *self,
                           LkChange   what)
{
  gboolean first;

  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (what != 0);

  g_mutex_lock (&self->pending_lock);
  first = self->pending == 0;
  self->pending |= what;
  g_mutex_unlock (&self->pending_lock);
  if (g_main_context_is_owner (self->context))
    emit_changed (g_object_ref (self));
  else if (first)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, emit_changed, g_object_ref (self), NULL);
      g_source_set_static_name (source, "[lk] case-changed");
      g_source_attach (source, self->context);
    }
}

char *
lk_format_time (const char *iso_utc)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_utc == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso_utc, NULL);
  if (utc == NULL)
    return g_strdup (iso_utc);
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}
