/* lk-analysts-dialog.h — the case's analysts and their roles; a supervisor
 * grants the verifier and supervisor roles */
#pragma once

#include <adwaita.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_ANALYSTS_DIALOG (lk_analysts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkAnalystsDialog, lk_analysts_dialog, LK, ANALYSTS_DIALOG, AdwWindow)

LkAnalystsDialog *lk_analysts_dialog_new     (LkSession *session);
/* Grants role to grantee as the session's analyst, as the Grant button does. */
void              lk_analysts_dialog_grant   (LkAnalystsDialog *self, const char *grantee,
                                              int role, const char *reason);
/* Whether a job is on its way (tests wait for FALSE). */
gboolean          lk_analysts_dialog_is_busy (LkAnalystsDialog *self);

G_END_DECLS
