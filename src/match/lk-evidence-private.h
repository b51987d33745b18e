/* lk-evidence-private.h — the built-in impostor table (lk-evidence-builtin.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const gsize  lk_evidence_builtin_n_pairs;
extern const double lk_evidence_builtin_mean;
extern const double lk_evidence_builtin_sd;
extern const gsize  lk_evidence_builtin_n_quantiles;
extern const double lk_evidence_builtin_quantiles[];

G_END_DECLS
