/* lk-audit-object.h — one audit log entry as a list item */
#pragma once

#include <glib-object.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

#define LK_TYPE_AUDIT_OBJECT (lk_audit_object_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditObject, lk_audit_object, LK, AUDIT_OBJECT, GObject)

/* Takes ownership of the entry. */
LkAuditObject      *lk_audit_object_new       (LkAuditEntry *entry);
const LkAuditEntry *lk_audit_object_get_entry (LkAuditObject *self);

G_END_DECLS
