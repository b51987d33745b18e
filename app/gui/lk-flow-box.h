/* lk-flow-box.h — children in a row while they fit, wrapped onto more lines when not */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_FLOW_BOX (lk_flow_box_get_type ())
G_DECLARE_FINAL_TYPE (LkFlowBox, lk_flow_box, LK, FLOW_BOX, GtkWidget)

GtkWidget *lk_flow_box_new              (void);
void       lk_flow_box_set_spacing      (LkFlowBox *self, int spacing);
void       lk_flow_box_set_line_spacing (LkFlowBox *self, int spacing);
/* How many lines the children took at the last allocation (for tests). */
guint      lk_flow_box_get_n_lines      (LkFlowBox *self);

G_END_DECLS
