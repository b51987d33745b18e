/* lk-evidence.h — how much a similarity is worth, from an impostor distribution.
 *
 * An impostor distribution is the distances between faces known to show
 * different people.  For a candidate at distance d it gives (1) the estimated
 * share of different-person pairs at least this close, and (2) the number of
 * persons expected to look this similar by chance in a gallery of N persons
 * (share × N).  The wording never says "match": it says how rare such
 * similarity is between different people.
 *
 * A case's own pairs are used when there are enough of them
 * (LK_IMPOSTOR_MIN_PAIRS); otherwise the built-in distribution measured with
 * dlib's descriptor on public photos (see lk-evidence-builtin.c for where it
 * comes from).  Below the closest few measured pairs the share comes from a
 * normal fit to the distribution, joined continuously: it is then marked
 * extrapolated, and never stated rarer than 3 / (pairs measured), the 95%
 * bound when no measured pair was that close.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_IMPOSTOR_MIN_PAIRS 1000

typedef struct _LkImpostorModel LkImpostorModel;

typedef enum {
  LK_IMPOSTOR_SOURCE_CASE,     /* pairs known to differ in this case */
  LK_IMPOSTOR_SOURCE_BUILTIN,  /* the measured table shipped with Likeness */
} LkImpostorSource;

typedef struct {
  double    distance;
  double    share;                /* estimated share of different-person pairs this close or closer */
  gboolean  extrapolated;         /* closer than nearly every measured pair: from the normal fit */
  double    expected_lookalikes;  /* share × gallery persons */
  guint     n_persons;            /* the gallery size used */
} LkEvidence;

/* Distances (any order) of pairs known to show different people; copied. */
LkImpostorModel *lk_impostor_model_new      (const float *distances, gsize n);
/* The built-in distribution (see lk-evidence-builtin.c). */
LkImpostorModel *lk_impostor_model_builtin  (void);
/* The case's own when it has at least LK_IMPOSTOR_MIN_PAIRS, else the built-in one. */
LkImpostorModel *lk_impostor_model_choose   (const float *distances, gsize n);
void             lk_impostor_model_free     (LkImpostorModel *self);
LkImpostorSource lk_impostor_model_get_source  (LkImpostorModel *self);
gsize            lk_impostor_model_get_n_pairs (LkImpostorModel *self);
/* e.g. "2,314 different-person pairs of this case" or "built-in: … pairs measured …". */
char            *lk_impostor_model_describe (LkImpostorModel *self);

/* Share of impostor pairs at distance ≤ d: never decreasing in d, in [1e-6, 1]: never stated below one in a million. */
double           lk_impostor_model_share    (LkImpostorModel *self, double distance, gboolean *extrapolated);
void             lk_impostor_model_evaluate (LkImpostorModel *self, double distance, guint n_persons,
                                             LkEvidence *out);

/* The sentence shown beside a candidate, e.g. "Similarity this close occurs
 * between different people in about 1 of 2,300 comparisons (software
 * estimate); in a gallery of 150 people about 0.07 would look this similar by
 * chance."  Translated. */
char            *lk_evidence_describe       (const LkEvidence *evidence);
/* "1 in 2,300" style rarity (rounded to 2 significant digits). */
char            *lk_evidence_format_rarity  (double share);
/* The numbers behind the words, in one form for every candidate:
 * "distance 0.382 · 1 in 3,900 or rarer".  The distance always has three
 * decimals, so two candidates whose shares sit at the same floor of the
 * measurements still read differently where their distances differ. */
char            *lk_evidence_format_at      (const LkEvidence *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImpostorModel, lk_impostor_model_free)

G_END_DECLS
