/* lk-evidence.c — impostor distributions and the words for evidence strength. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-evidence.h"
#include "lk-evidence-private.h"
#include "lk-number.h"

/* An absolute floor; impostor_floor() below is the one that usually applies. */
#define MIN_SHARE 1e-6
/* The empirical curve is trusted from the 10th closest measured pair on. */
#define TAIL_PAIRS 10

struct _LkImpostorModel
{
  LkImpostorSource source;
  gsize    n_pairs;     /* measured pairs behind the curve */
  double  *x;           /* distances, increasing */
  double  *p;           /* cumulative share at x, increasing */
  gsize    m;
  gsize    junction;    /* index below which the normal tail is used */
  double   mu, sigma;   /* normal fit */
};

static int
compare_float (const void *a, const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return x < y ? -1 : (x > y);
}

LkImpostorModel *
lk_impostor_model_new (const float *distances, gsize n)
{
  LkImpostorModel *self;
  g_autofree float *sorted = NULL;
  double sum = 0, sum2 = 0;
  gsize m = 0;

  g_return_val_if_fail (distances != NULL || n == 0, NULL);

  sorted = g_new (float, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if (isfinite (distances[i]) && distances[i] >= 0)
      sorted[m++] = distances[i];
  if (m < 2)
    return lk_impostor_model_builtin ();
  qsort (sorted, m, sizeof (float), compare_float);

  self = g_new0 (LkImpostorModel, 1);
  self->source = LK_IMPOSTOR_SOURCE_CASE;
  self->n_pairs = m;
  self->m = m;
  self->x = g_new (double, m);
  self->p = g_new (double, m);
  for (gsize i = 0; i < m; i++)
    {
      self->x[i] = sorted[i];
      self->p[i] = (double) (i + 1) / m;
      sum += sorted[i];
      sum2 += (double) sorted[i] * sorted[i];
    }
  self->mu = sum / m;
  self->sigma = sqrt (MAX (sum2 / m - self->mu * self->mu, 1e-6));
  self->junction = MIN (TAIL_PAIRS - 1, m - 1);
  return self;
}

LkImpostorModel *
lk_impostor_model_builtin (void)
{
  LkImpostorModel *self = g_new0 (LkImpostorModel, 1);

  self->source = LK_IMPOSTOR_SOURCE_BUILTIN;
  self->n_pairs = lk_evidence_builtin_n_pairs;
  self->m = lk_evidence_builtin_n_quantiles;
  self->x = g_new (double, self->m);
  self->p = g_new (double, self->m);
  for (gsize i = 0; i < self->m; i++)
    {
      self->x[i] = lk_evidence_builtin_quantiles[i];
      self->p[i] = (double) i / (self->m - 1);
    }
  /* The first point is the closest measured pair (share 1/n, not 0). */
  self->p[0] = 1.0 / self->n_pairs;
  self->mu = lk_evidence_builtin_mean;
  self->sigma = lk_evidence_builtin_sd;
  self->junction = 1;
  return self;
}

LkImpostorModel *
lk_impostor_model_choose (const float *distances, gsize n)
{
  if (n >= LK_IMPOSTOR_MIN_PAIRS)
    return lk_impostor_model_new (distances, n);
  return lk_impostor_model_builtin ();
}

void
lk_impostor_model_free (LkImpostorModel *self)
{
  if (self == NULL)
    return;
  g_free (self->x);
  g_free (self->p);
  g_free (self);
}

LkImpostorSource
lk_impostor_model_get_source (LkImpostorModel *self)
{
  g_return_val_if_fail (self != NULL, LK_IMPOSTOR_SOURCE_BUILTIN);
  return self->source;
}

gsize
lk_impostor_model_get_n_pairs (LkImpostorModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pairs;
}

char *
lk_impostor_model_describe (LkImpostorModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->source == LK_IMPOSTOR_SOURCE_CASE)
    return g_strdup_printf (_("%zu pairs of faces known to show different "
                              "people in this case"), self->n_pairs);
  return g_strdup_printf (_("built-in: %zu pairs of different people measured "
                            "with dlib’s descriptor on public photos (this case has fewer than "
                            "%d pairs of its own)"), self->n_pairs, LK_IMPOSTOR_MIN_PAIRS);
}

/* The rarest share the measurements can support: when none of n measured
 * different-person pairs is this close, the 95% upper bound on the true share
 * is about 3/n (the "rule of three").  A normal tail fitted to the bulk of the
 * distribution would claim far rarer, but real impostor distributions have
 * heavier tails than a normal curve (look-alike relatives, twins, poor photos),
 * so stating more than the data shows would overstate the evidence. */
static double
impostor_floor (LkImpostorModel *self)
{
  return MAX (MIN_SHARE, 3.0 / MAX (self->n_pairs, 1));
}

static double
normal_cdf (double z)
{
  return 0.5 * erfc (-z / G_SQRT2);
}

double
lk_impostor_model_share (LkImpostorModel *self, double distance, gboolean *extrapolated)
{
  gsize lo, hi;
  double share;

  g_return_val_if_fail (self != NULL, 1.0);

  if (extrapolated != NULL)
    *extrapolated = FALSE;
  if (!(distance >= self->x[self->junction]))
    {
      /* The normal fit, scaled to meet the measured curve at the junction. */
      double at = normal_cdf ((self->x[self->junction] - self->mu) / self->sigma);
      double here = normal_cdf ((MAX (distance, 0) - self->mu) / self->sigma);

      if (extrapolated != NULL)
        *extrapolated = TRUE;
      share = at > 0 ? self->p[self->junction] * here / at : MIN_SHARE;
      return CLAMP (share, impostor_floor (self), self->p[self->junction]);
    }
  if (distance >= self->x[self->m - 1])
    return 1.0;
  /* The last point at or below distance, then linear to the next one. */
  lo = self->junction;
  hi = self->m - 1;
  while (hi - lo > 1)
    {
      gsize mid = (lo + hi) / 2;

      if (self->x[mid] <= distance)
        lo = mid;
      else
        hi = mid;
    }
  if (self->x[hi] > self->x[lo])
    share = self->p[lo] + (self->p[hi] - self->p[lo]) * (distance - self->x[lo]) /
                          (self->x[hi] - self->x[lo]);
  else
    share = self->p[hi];
  return CLAMP (share, MIN_SHARE, 1.0);
}

void
lk_impostor_model_evaluate (LkImpostorModel *self, double distance, guint n_persons,
                            LkEvidence *out)
{
  g_return_if_fail (self != NULL && out != NULL);

  out->distance = distance;
  out->share = lk_impostor_model_share (self, distance, &out->extrapolated);
  out->n_persons = n_persons;
  out->expected_lookalikes = out->share * n_persons;
}

char *
lk_evidence_format_rarity (double share)
{
  double one_in = 1.0 / MAX (share, MIN_SHARE);
  double scale = pow (10, floor (log10 (one_in)) - 1);
  double rounded = one_in < 100 ? round (one_in) : round (one_in / scale) * scale;
  g_autofree char *number = lk_number_grouped (MAX (rounded, 1));

  /* Translators: how rare something is, e.g. "1 in 2,300". */
  return g_strdup_printf (_("1 in %s"), number);
}

char *
lk_evidence_format_at (const LkEvidence *e)
{
  g_autofree char *rarity = NULL;
  g_autofree char *distance = NULL;

  g_return_val_if_fail (e != NULL, NULL);

  rarity = lk_evidence_format_rarity (e->share);
  /* The decimal mark of the message language, as beside it in Review
   * ("Distanz 0,741"), not the C locale's. */
  distance = lk_number_decimal (e->distance, 3);
  /* Translators: "distance 0.382 · 1 in 3,900 or rarer": the descriptor
   * distance, then how often different people are this similar. */
  if (e->extrapolated)
    return g_strdup_printf (_("distance %s · %s or rarer"), distance, rarity);
  /* Translators: "distance 0.612 · 1 in 45" */
  return g_strdup_printf (_("distance %s · %s"), distance, rarity);
}

static char *
format_lookalikes (const LkEvidence *e)
{
  g_autofree char *number = NULL;

  if (e->expected_lookalikes < 0.01)
    return g_strdup (_("fewer than 0.01 people"));
  if (e->expected_lookalikes >= 10)
    number = lk_number_grouped (e->expected_lookalikes);
  else
    number = lk_number_significant (e->expected_lookalikes, 2);
  /* Translators: an expected number of people, e.g. "about 0.07 people". */
  return g_strdup_printf (_("about %s people"), number);
}

char *
lk_evidence_describe (const LkEvidence *e)
{
  g_autofree char *rarity = NULL;
  g_autofree char *lookalikes = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (e != NULL, NULL);

  rarity = lk_evidence_format_rarity (e->share);
  lookalikes = format_lookalikes (e);
  if (e->share >= 0.05)
    first = g_strdup_printf (_("About %.0f%% of comparisons between different people are this "
                               "similar or more (software estimate)."), 100 * e->share);
  else if (e->share <= MIN_SHARE)
    first = g_strdup (_("Similarity this close is rarer between different people than anything "
                        "measured: fewer than 1 in 1,000,000 comparisons (software estimate)."));
  else if (e->extrapolated)
    first = g_strdup_printf (_("Similarity this close is rarer between different people than "
                               "almost every pair measured: about %s comparisons or rarer; the "
                               "measurements cannot say how much rarer (software estimate)."),
                             rarity);
  else
    first = g_strdup_printf (_("Similarity this close occurs between different people in about "
                               "%s comparisons (software estimate)."), rarity);
  second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In a gallery of %u person, %s would look this similar by chance.",
                                         "In a gallery of %u people, %s would look this similar by chance.",
                                         e->n_persons),
                            e->n_persons, lookalikes);
  return g_strconcat (first, " ", second, NULL);
}
