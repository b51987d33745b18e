/* test-evidence.c — the impostor estimate: monotonic, sensible at the ends,
 * the built-in fallback chosen when a case has too few pairs, honest words. */
#define G_LOG_DOMAIN "test-evidence"

#include <math.h>
#include <string.h>

#include "match/lk-evidence.h"

static void
check_monotonic (LkImpostorModel *model)
{
  double last = 0;

  for (double d = 0; d <= 2.0; d += 0.001)
    {
      gboolean extrapolated;
      double share = lk_impostor_model_share (model, d, &extrapolated);

      g_assert_cmpfloat (share, >, 0);
      g_assert_cmpfloat (share, <=, 1);
      g_assert_cmpfloat (share, >=, last);
      last = share;
    }
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
test_monotonic_builtin (void)
{
  g_autoptr(LkImpostorModel) model = lk_impostor_model_builtin ();

  g_assert_cmpint (lk_impostor_model_get_source (model), ==, LK_IMPOSTOR_SOURCE_BUILTIN);
  g_assert_cmpuint (lk_impostor_model_get_n_pairs (model), >=, LK_IMPOSTOR_MIN_PAIRS);
  check_monotonic (model);
  /* dlib's descriptor: different people are rarely under 0.5, usually around 0.9. */
  g_assert_cmpfloat (lk_impostor_model_share (model, 0.4, NULL), <, 0.001);
  g_assert_cmpfloat (lk_impostor_model_share (model, 0.6, NULL), <, 0.05);
  g_assert_cmpfloat (lk_impostor_model_share (model, 1.2, NULL), >, 0.95);
  /* Never rarer than the measurements support: 3 / pairs measured (rule of three). */
  g_assert_cmpfloat (lk_impostor_model_share (model, 0.05, NULL), >=,
                     3.0 / lk_impostor_model_get_n_pairs (model) - 1e-12);
}

static void
test_monotonic_case (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree float *d = g_new (float, 5000);
  g_autoptr(LkImpostorModel) model = NULL;
  g_autoptr(LkImpostorModel) few = NULL;

  for (guint i = 0; i < 5000; i++)
    d[i] = 0.9 + 0.08 * sqrt (-2 * log (g_rand_double_range (rand, 1e-12, 1))) *
                 cos (2 * G_PI * g_rand_double (rand));
  model = lk_impostor_model_choose (d, 5000);
  g_assert_cmpint (lk_impostor_model_get_source (model), ==, LK_IMPOSTOR_SOURCE_CASE);
  check_monotonic (model);
  /* Half the pairs are closer than the median. */
  g_assert_cmpfloat (fabs (lk_impostor_model_share (model, 0.9, NULL) - 0.5), <, 0.03);
  /* Too few pairs: the built-in table. */
  few = lk_impostor_model_choose (d, 10);
  g_assert_cmpint (lk_impostor_model_get_source (few), ==, LK_IMPOSTOR_SOURCE_BUILTIN);
}

static void
test_words (void)
{
  g_autoptr(LkImpostorModel) model = lk_impostor_model_builtin ();
  LkEvidence close, far;
  g_autofree char *close_text = NULL, *far_text = NULL;

  lk_impostor_model_evaluate (model, 0.35, 150, &close);
  lk_impostor_model_evaluate (model, 0.95, 150, &far);
  g_assert_cmpfloat (close.expected_lookalikes, ==, close.share * 150);
  g_assert_cmpfloat (close.share, <, far.share);
  close_text = lk_evidence_describe (&close);
  far_text = lk_evidence_describe (&far);
  g_test_message ("0.35: %s", close_text);
  g_test_message ("0.95: %s", far_text);
  /* Never a verdict. */
  g_assert_null (strstr (close_text, "match"));
  g_assert_null (strstr (far_text, "match"));
  g_assert_nonnull (strstr (close_text, "150"));
  g_assert_nonnull (strstr (close_text, "1 in"));
}

/* Issue 12: 0.382 and 0.418 both sit at the floor of the built-in table,
 * so their shares (and their "1 in" numbers) are equal; the statement still
 * gives each its own distance, in the same form. */
static void
test_statement_numbers (void)
{
  g_autoptr(LkImpostorModel) model = lk_impostor_model_builtin ();
  LkEvidence a, b, far;
  g_autofree char *a_text = NULL, *b_text = NULL, *far_text = NULL;

  lk_impostor_model_evaluate (model, 0.382, 8, &a);
  lk_impostor_model_evaluate (model, 0.418, 8, &b);
  lk_impostor_model_evaluate (model, 0.95, 8, &far);
  g_assert_cmpfloat (a.share, ==, b.share);
  a_text = lk_evidence_format_at (&a);
  b_text = lk_evidence_format_at (&b);
  far_text = lk_evidence_format_at (&far);
  g_test_message ("%s / %s / %s", a_text, b_text, far_text);
  g_assert_cmpstr (a_text, !=, b_text);
  g_assert_true (g_str_has_prefix (a_text, "distance 0.382 · 1 in "));
  g_assert_true (g_str_has_suffix (a_text, " or rarer"));
  g_assert_true (g_str_has_prefix (b_text, "distance 0.418 · 1 in "));
  /* Measured, not extrapolated: no "or rarer". */
  g_assert_true (g_str_has_prefix (far_text, "distance 0.950 · 1 in "));
  g_assert_false (g_str_has_suffix (far_text, " or rarer"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/match/evidence/monotonic-builtin", test_monotonic_builtin);
  g_test_add_func ("/match/evidence/monotonic-case", test_monotonic_case);
  g_test_add_func ("/match/evidence/words", test_words);
  g_test_add_func ("/match/evidence/statement-numbers", test_statement_numbers);
  return g_test_run ();
}
