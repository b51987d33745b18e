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

/* One field of an entry's details, both in words: "Display name", "Anna". */
typedef struct {
  char *name;
  char *value;
} LkAuditField;

/* The details as fields (of LkAuditField), nested objects flattened
 * ("New display name"), lists joined; empty when there are none. */
GPtrArray *lk_audit_entry_fields  (const LkAuditEntry *entry);
/* The fields on one line, "Display name: Anna · Aliases: none". */
char      *lk_audit_entry_summary (const LkAuditEntry *entry);

G_END_DECLS
