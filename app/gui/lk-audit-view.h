/* lk-audit-view.h — the case's audit log, filtered, and its verification */
#pragma once

#include <adwaita.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_AUDIT_VIEW (lk_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditView, lk_audit_view, LK, AUDIT_VIEW, LkSection)

LkAuditView *lk_audit_view_new         (void);
/* The entries after filtering, as LkAuditObject. */
GListModel  *lk_audit_view_get_model   (LkAuditView *self);
/* Runs the verification and shows its result above the list. */
void         lk_audit_view_verify      (LkAuditView *self);
/* The last verification's sentence, NULL before any. */
const char  *lk_audit_view_get_verdict (LkAuditView *self);
void         lk_audit_view_set_filters (LkAuditView *self, const char *analyst,
                                        const char *action, const char *object);
/* Shows the entry at this position of the model in the detail pane. */
void         lk_audit_view_select_entry (LkAuditView *self, guint position);
/* What the detail pane shows, one "Field: value" line a row (tests). */
GStrv        lk_audit_view_dup_shown_fields (LkAuditView *self);

G_END_DECLS
