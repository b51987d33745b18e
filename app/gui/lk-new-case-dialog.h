/* lk-new-case-dialog.h — title, case number, description and folder of a new case */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_NEW_CASE_DIALOG (lk_new_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkNewCaseDialog, lk_new_case_dialog, LK, NEW_CASE_DIALOG, AdwWindow)

/* Emits "create" (title, number, description, path) and closes when the
 * analyst confirms; the caller creates the case. */
LkNewCaseDialog *lk_new_case_dialog_new        (GtkWindow *parent, const char *location);
void             lk_new_case_dialog_set_title_text (LkNewCaseDialog *self, const char *title);
void             lk_new_case_dialog_set_location (LkNewCaseDialog *self, const char *location);
const char      *lk_new_case_dialog_get_path   (LkNewCaseDialog *self);
void             lk_new_case_dialog_create     (LkNewCaseDialog *self);

G_END_DECLS
