/* lk-test-gui.h — helpers for tests that drive the real workstation under a display */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
