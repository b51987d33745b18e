#define G_LOG_DOMAIN "lk-case"

#include <glib.h>

GQuark lk_case_error_quark (void);

G_DEFINE_QUARK (lk-case-error-quark, lk_case_error)
