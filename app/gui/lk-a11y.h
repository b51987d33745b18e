/* lk-a11y.h — names for what a screen reader reaches inside GTK's composite widgets */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs, once per process, the hook that names the focusable buttons
 * inside drop-downs and split buttons after their outer widget. */
void lk_a11y_init                (void);
/* A selectable label takes the focus only while it has text (it is
 * watched from now on; the map hook does it for labels when first shown). */
void lk_a11y_watch_label         (GtkLabel *label);
/* widget's accessible name, also given to the buttons inside it (a
 * GtkDropDown) when it is first shown. */
void lk_a11y_set_label           (GtkWidget *widget, const char *label);
/* The row or cell of a list, grid or flow box that holds child (the
 * widget a screen reader lands on) gets label as its name and description
 * as its description (NULL: none). */
void lk_a11y_describe_cell       (GtkWidget *child, const char *label, const char *description);

G_END_DECLS
