/* lk-chip-marks.h — an aligned face chip with numbered marks; a click places one */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_CHIP_MARKS (lk_chip_marks_get_type ())
G_DECLARE_FINAL_TYPE (LkChipMarks, lk_chip_marks, LK, CHIP_MARKS, GtkWidget)

GtkWidget *lk_chip_marks_new         (void);
void       lk_chip_marks_set_texture (LkChipMarks *self, GdkTexture *texture);
/* marks: of LkFeatureMark (lk-case-verification.h), or NULL; probe_side picks
 * which of a mark's positions this chip shows.  Not kept: call again when they change. */
void       lk_chip_marks_set_marks   (LkChipMarks *self, GPtrArray *marks, gboolean probe_side);

G_END_DECLS
