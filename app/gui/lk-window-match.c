/* lk-window-match.c — keeping the candidates Review shows up to date
 *
 * The matcher proposes, for every probe face, the closest persons of the
 * gallery; Review lists the faces that have such proposals.  The lists are
 * refreshed whenever what they depend on changes in this window — photos
 * imported, a face made a reference, a person created, a face marked not a
 * face — as a window task with its progress and cancel button.  Refreshing
 * is incremental (only probes whose inputs changed are searched again), and
 * changes that come while another task runs are taken up when it ends.
 */
#define G_LOG_DOMAIN "lk-window"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "match/lk-match-error.h"
#include "match/lk-matcher.h"
#include "lk-window-private.h"

typedef struct {
  LkWindow *window;     /* a reference, dropped on the main thread */
  char     *analyst;
  guint     k;
} MatchData;

static gboolean
unref_idle (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
match_data_free (gpointer p)
{
  MatchData *md = p;

  g_free (md->analyst);
  /* Freed on the worker: the window goes back to the main thread. */
  g_idle_add (unref_idle, md->window);
  g_free (md);
}

typedef struct {
  LkWindow *window;
  char     *stage;
  guint     done, total;
} MatchProgress;

static gboolean
progress_on_main (gpointer user_data)
{
  MatchProgress *mp = user_data;
  const char *text = _("Finding candidates…");

  /* Translators: stages of matching, shown in the header bar's task label. */
  if (g_strcmp0 (mp->stage, "searching") == 0)
    text = _("Comparing faces with the gallery…");
  else if (g_strcmp0 (mp->stage, "clustering") == 0)
    text = _("Grouping unknown faces…");
  else if (g_strcmp0 (mp->stage, "saving") == 0)
    text = _("Saving candidates…");
  if (lk_window_is_busy (mp->window))
    lk_window_task_progress (mp->window, mp->total > 0 ? (double) mp->done / mp->total : -1, text);
  g_object_unref (mp->window);
  g_free (mp->stage);
  g_free (mp);
  return G_SOURCE_REMOVE;
}

static void
match_progress (const char *stage,
                guint       done,
                guint       total,
                gpointer    user_data)
{
  MatchData *md = user_data;
  MatchProgress *mp = g_new0 (MatchProgress, 1);

  mp->window = g_object_ref (md->window);
  mp->stage = g_strdup (stage);
  mp->done = done;
  mp->total = total;
  g_idle_add (progress_on_main, mp);
}

static gpointer
match_job (LkCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  MatchData *md = data;
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkMatchSummary *summary = g_new0 (LkMatchSummary, 1);

  settings.k = md->k;
  if (!lk_matcher_refresh (kase, md->analyst, &settings, match_progress, md, summary, cancellable, error))
    {
      lk_match_summary_clear (summary);
      g_free (summary);
      return NULL;
    }
  return summary;
}

static void
match_summary_free (gpointer p)
{
  lk_match_summary_clear (p);
  g_free (p);
}

static void
match_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  LkSession *session = LK_SESSION (source);
  g_autoptr(GError) error = NULL;
  LkMatchSummary *summary = lk_session_run_finish (session, result, &error);

  lk_window_end_task (self);
  if (summary == NULL)
    {
      /* A cancelled refresh is taken up again with the next change.  A case
       * without any described face yet (a person added to an empty case) has
       * nothing to match: that is not an error to show. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, LK_MATCH_ERROR, LK_MATCH_ERROR_NO_GALLERY))
        _lk_window_show_error (self, _("Cannot Find Candidates"), error);
      return;
    }
  if (session != self->session)
    {
      match_summary_free (summary);
      return;
    }
  lk_session_notify_changed (session, LK_CHANGE_CANDIDATES | LK_CHANGE_AUDIT);
  match_summary_free (summary);
}

/**
 * lk_window_refresh_candidates:
 *
 * Brings the candidate lists up to date now, or as soon as the running task
 * ends.  Nothing happens on a read-only case (the lists are stored in it).
 */
void
lk_window_refresh_candidates (LkWindow *self)
{
  GCancellable *cancellable;
  MatchData *md;

  g_return_if_fail (LK_IS_WINDOW (self));

  if (self->session == NULL || lk_session_is_read_only (self->session))
    return;
  if (lk_window_is_busy (self))
    {
      self->match_pending = TRUE;
      return;
    }
  self->match_pending = FALSE;
  cancellable = lk_window_begin_task (self, _("Finding candidates…"));
  if (cancellable == NULL)
    return;
  md = g_new0 (MatchData, 1);
  md->window = g_object_ref (self);
  md->analyst = g_strdup (lk_session_get_analyst (self->session));
  md->k = g_settings_get_uint (self->settings, "candidate-count");
  lk_session_run (self->session, match_job, md, match_data_free, match_summary_free, cancellable,
                  match_done_cb, g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  LkWindow *self = user_data;

  self->match_idle_id = 0;
  lk_window_refresh_candidates (self);
  return G_SOURCE_REMOVE;
}

/* What the lists depend on: probe photos and their faces, reference faces
 * and persons.  Decisions are applied when a list is shown, so they do not
 * need a refresh.  Several changes in a row make one refresh. */
static void
case_changed_cb (LkSession *session,
                 LkChange   what,
                 LkWindow  *self)
{
  if (session != self->session)
    return;
  if (!(what & (LK_CHANGE_PHOTOS | LK_CHANGE_FACES | LK_CHANGE_PERSONS)))
    return;
  if (self->match_idle_id == 0)
    self->match_idle_id = g_idle_add (refresh_idle_cb, self);
}

void
_lk_window_follow_session_for_match (LkWindow  *self,
                                     LkSession *session)
{
  self->match_pending = FALSE;
  g_clear_handle_id (&self->match_idle_id, g_source_remove);
  if (session != NULL)
    g_signal_connect_object (session, "case-changed", G_CALLBACK (case_changed_cb), self, 0);
}

/* Called when a task ends: a change that came meanwhile is taken up now. */
void
_lk_window_match_task_ended (LkWindow *self)
{
  if (self->match_pending && self->match_idle_id == 0)
    self->match_idle_id = g_idle_add (refresh_idle_cb, self);
}

void
_lk_window_dispose_match (LkWindow *self)
{
  g_clear_handle_id (&self->match_idle_id, g_source_remove);
}
