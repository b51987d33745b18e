/* lk-match-error.h — the matching module's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_MATCH_ERROR (lk_match_error_quark ())
GQuark lk_match_error_quark (void);

typedef enum {
  LK_MATCH_ERROR_INVALID,     /* a bad argument: NaN or infinite descriptor values, a bad setting */
  LK_MATCH_ERROR_NO_MEMORY,   /* the gallery or an index does not fit in memory */
  LK_MATCH_ERROR_INDEX,       /* the approximate index failed to build or search */
  LK_MATCH_ERROR_NO_GALLERY,  /* no person has a usable reference face yet */
  LK_MATCH_ERROR_MODEL,       /* descriptors from different face models cannot be compared */
} LkMatchError;

G_END_DECLS
