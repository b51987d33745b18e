/* lk-conflict-row.h — one conflict in Verification, with its resolution field */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_CONFLICT_ROW (lk_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (LkConflictRow, lk_conflict_row, LK, CONFLICT_ROW, GtkListBoxRow)

/* A row for the conflict item_id about person_name; "resolve" is emitted
 * with the resolution typed (stripped) when Resolve is clicked. */
GtkWidget *lk_conflict_row_new                 (gint64      item_id,
                                                const char *person_name);
gint64     lk_conflict_row_get_item_id         (LkConflictRow *self);
/* The labels the examiner's and the verifier's conclusions are written into. */
GtkLabel  *lk_conflict_row_get_examiner_label  (LkConflictRow *self);
GtkLabel  *lk_conflict_row_get_verifier_label  (LkConflictRow *self);

G_END_DECLS
