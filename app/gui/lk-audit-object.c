/* lk-audit-object.c — one audit log entry as a list item */
#define G_LOG_DOMAIN "lk-audit-object"

#include "lk-config.h"

#include "lk-audit-object.h"

struct _LkAuditObject
{
  GObject       parent_instance;
  LkAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (LkAuditObject, lk_audit_object, G_TYPE_OBJECT)

static void
lk_audit_object_finalize (GObject *object)
{
  g_clear_pointer (&LK_AUDIT_OBJECT (object)->entry, lk_audit_entry_free);
  G_OBJECT_CLASS (lk_audit_object_parent_class)->finalize (object);
}

static void
lk_audit_object_class_init (LkAuditObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_audit_object_finalize;
}

static void
lk_audit_object_init (LkAuditObject *self)
{
}

LkAuditObject *
lk_audit_object_new (LkAuditEntry *entry)
{
  LkAuditObject *self;

  g_return_val_if_fail (entry != NULL, NULL);
  self = g_object_new (LK_TYPE_AUDIT_OBJECT, NULL);
  self->entry = entry;
  return self;
}

const LkAuditEntry *
lk_audit_object_get_entry (LkAuditObject *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_OBJECT (self), NULL);
  return self->entry;
}
