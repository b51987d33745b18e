/* lk-verification-view.h — blind verification (ACE-V) for the header analyst:
 * the queue, the verifier's own conclusion, and conflicts for supervisors */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION_VIEW (lk_verification_view_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationView, lk_verification_view, LK, VERIFICATION_VIEW, LkSection)

LkVerificationView *lk_verification_view_new         (void);
/* Whether a load, record or resolve job is on its way (tests wait for FALSE). */
gboolean            lk_verification_view_is_busy     (LkVerificationView *self);

G_END_DECLS
