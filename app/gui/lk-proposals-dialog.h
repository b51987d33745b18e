/* lk-proposals-dialog.h — names other tools gave the faces of imported photos
 * (MWG face regions), waiting for the analyst to confirm or reject them */
#pragma once

#include <adwaita.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_PROPOSALS_DIALOG (lk_proposals_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkProposalsDialog, lk_proposals_dialog, LK, PROPOSALS_DIALOG, AdwWindow)

LkProposalsDialog *lk_proposals_dialog_new      (LkSession *session);
/* What a row's Confirm and Reject buttons do (as the session's analyst). */
void               lk_proposals_dialog_confirm  (LkProposalsDialog *self, gint64 proposal_id);
void               lk_proposals_dialog_reject   (LkProposalsDialog *self, gint64 proposal_id);
/* Whether a job is on its way (tests wait for FALSE). */
gboolean           lk_proposals_dialog_is_busy  (LkProposalsDialog *self);

G_END_DECLS
