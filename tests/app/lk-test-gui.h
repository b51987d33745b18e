/* lk-test-gui.h — helpers for tests that drive the real workstation under a display */
#pragma once

#include <gtk/gtk.h>

#include "lk-session.h"

G_BEGIN_DECLS

/* Points GSettings at the schema compiled in the build folder (memory backend). */
void     lk_test_gui_init_env   (void);
/* Runs the main loop until cond (data) is TRUE; FALSE after timeout_s seconds. */
gboolean lk_test_wait_until     (gboolean (*cond) (gpointer data), gpointer data, double timeout_s);
/* Lets GTK lay out and draw for a while (for screenshots). */
void     lk_test_settle         (double seconds);
/* Renders the widget with its window's renderer to BUILD/tests/app/screenshots/NAME.png. */
char    *lk_test_screenshot     (GtkWidget *widget, const char *name);

/* XTestFakeKeyEvent (display is an X11 Display *), loaded at run time so
 * that tests can press real keys; NULL without libXtst. */
typedef int (*LkTestFakeKeyEvent) (void *display, unsigned int keycode, int is_press, unsigned long delay);
LkTestFakeKeyEvent lk_test_xtest (void);

/* The first widget under root (root included, depth first) that match accepts; NULL: none. */
GtkWidget *lk_test_find_widget   (GtkWidget    *root,
                                  gboolean    (*match) (GtkWidget *widget, gconstpointer data),
                                  gconstpointer data);
/* The widget under root that a .ui file calls id. */
GtkWidget *lk_test_find_by_id    (GtkWidget *root, const char *id);
/* The button under root whose label is label. */
GtkWidget *lk_test_find_button   (GtkWidget *root, const char *label);
/* Clicks dialog's button labelled label, as a person does, and asserts the dialog closed. */
void       lk_test_click_button  (GtkWidget *dialog, const char *label);
/* The first visible toplevel window of type; NULL: none. */
GtkWindow *lk_test_find_toplevel (GType type);

/* Wait condition: the LkWindow passed as data has a case open. */
gboolean   lk_test_window_has_session (gpointer window);
/* Wait condition: the LkWindow passed as data runs no job. */
gboolean   lk_test_window_idle        (gpointer window);

/* Runs job on the session's worker, waits for it and asserts it returned
 * non-NULL without error (what a test sets up through the real session). */
void     lk_test_run_job        (LkSession *session, LkSessionJob job, gpointer data);

G_END_DECLS
