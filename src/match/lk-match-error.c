#define G_LOG_DOMAIN "lk-match"

#include "lk-match-error.h"

G_DEFINE_QUARK (lk-match-error-quark, lk_match_error)
