#define G_LOG_DOMAIN "lk-match"

#include <glib.h>

GQuark lk_match_error_quark (void);

G_DEFINE_QUARK (lk-match-error-quark, lk_match_error)
