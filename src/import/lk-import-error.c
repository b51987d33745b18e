#define G_LOG_DOMAIN "lk-import"

#include "lk-import-error.h"

G_DEFINE_QUARK (lk-import-error-quark, lk_import_error)
