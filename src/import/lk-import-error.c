#define G_LOG_DOMAIN "lk-import"

#include <glib.h>

GQuark lk_import_error_quark (void);

G_DEFINE_QUARK (lk-import-error-quark, lk_import_error)
