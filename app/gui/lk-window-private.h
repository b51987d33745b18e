/* lk-window-private.h — LkWindow's state, shared by lk-window*.c */
#pragma once

#include "lk-window.h"
#include "lk-welcome.h"

G_BEGIN_DECLS

struct _LkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *import_button;
  GtkWidget            *task_box;
  GtkLabel             *task_label;
  GtkProgressBar       *task_progress;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkRevealer          *audit_banner_revealer;
  GtkLabel             *audit_banner_label;
  GtkStack             *main_stack;
  LkWelcome            *welcome;
  GtkListBox           *sidebar;
  GtkStack             *section_stack;

  GSettings            *settings;
  LkSession            *session;
  GCancellable         *task_cancellable;
  GCancellable         *cancellable;        /* the window's own jobs; cancelled on dispose */
  GCancellable         *verify_cancellable; /* the check run when a case opens */
  GtkFileChooserNative *chooser;
  GtkWindow            *dialog;
  GPtrArray            *toasts;             /* of AdwToast: those over the whole window not yet dismissed */
  guint                 pulse_id;
  guint                 match_idle_id;      /* a candidates refresh is due */
  gboolean              match_pending;      /* … once the running task ends */
};

/* Runs `func` once the analyst's name is known, asking for it the first time. */
typedef void (*LkWindowFunc) (LkWindow *self, gpointer data);
void        _lk_window_ensure_analyst  (LkWindow *self, LkWindowFunc func, gpointer data);
char       *_lk_window_get_analyst     (LkWindow *self);
void        _lk_window_update_actions  (LkWindow *self);
void        _lk_window_class_init_actions (GtkWidgetClass *widget_class);
void        _lk_window_class_init_import  (GtkWidgetClass *widget_class);
void        _lk_window_set_session     (LkWindow *self, LkSession *session);
void        _lk_window_show_error      (LkWindow *self, const char *heading, const GError *error);
void        _lk_window_import_paths    (LkWindow *self, GStrv paths);
void        _lk_window_init_dnd        (LkWindow *self);
void        _lk_window_follow_session_for_match (LkWindow *self, LkSession *session);
void        _lk_window_match_task_ended (LkWindow *self);
void        _lk_window_dispose_match   (LkWindow *self);
/* lk-window-verify.c: the audit check when a case opens, and its banner. */
void        _lk_window_verify_on_open  (LkWindow *self, LkSession *session);
void        _lk_window_update_audit_banner (LkWindow *self);

G_END_DECLS
