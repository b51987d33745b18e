#define G_LOG_DOMAIN "lk-vision"

#include "lk-vision.h"

G_DEFINE_QUARK (lk-vision-error-quark, lk_vision_error)
