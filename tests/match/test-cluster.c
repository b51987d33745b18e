/* test-cluster.c — constrained clustering on synthetic descriptors. */
#define G_LOG_DOMAIN "test-cluster"

#include <math.h>
#include <string.h>

#include "match/lk-cluster.h"
#include "match/lk-match-error.h"
#include "vision/lk-vision.h"

/* n_people well-separated centres, per_person faces each at small noise. */
static float *
make_people (GRand *rand, guint n_people, guint per_person)
{
  float *data = g_new (float, (gsize) n_people * per_person * LK_DESCRIPTOR_DIM);

  for (guint p = 0; p < n_people; p++)
    {
      float centre[LK_DESCRIPTOR_DIM];

      for (guint d = 0; d < LK_DESCRIPTOR_DIM; d++)
        centre[d] = g_rand_double_range (rand, -0.15, 0.15);
      for (guint f = 0; f < per_person; f++)
        for (guint d = 0; d < LK_DESCRIPTOR_DIM; d++)
          data[((gsize) p * per_person + f) * LK_DESCRIPTOR_DIM + d] =
            centre[d] + g_rand_double_range (rand, -0.03, 0.03);
    }
  return data;
}

static void
test_groups (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree float *data = make_people (rand, 6, 4);
  guint labels[24], n_clusters = 0;
  g_autoptr(GError) error = NULL;

  for (LkLinkage linkage = LK_LINKAGE_AVERAGE; linkage <= LK_LINKAGE_COMPLETE; linkage++)
    {
      g_assert_true (lk_cluster_faces (data, 24, NULL, 0, LK_CLUSTER_DEFAULT_THRESHOLD, linkage,
                                       labels, &n_clusters, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_clusters, ==, 6);
      for (guint i = 0; i < 24; i++)
        g_assert_cmpuint (labels[i], ==, i / 4);   /* numbered by first face */
    }
}

static void
test_cannot_link (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autofree float *data = make_people (rand, 1, 4);
  guint labels[4], n_clusters = 0;
  /* Faces 0 and 1 are in one photo: never together, even through 2 and 3. */
  guint pairs[] = { 0, 1 };
  g_autoptr(GError) error = NULL;

  memcpy (data + LK_DESCRIPTOR_DIM, data, LK_DESCRIPTOR_DIM * sizeof (float));  /* identical twins */
  g_assert_true (lk_cluster_faces (data, 4, pairs, 1, LK_CLUSTER_DEFAULT_THRESHOLD, LK_LINKAGE_AVERAGE,
                                   labels, &n_clusters, NULL, &error));
  g_assert_cmpuint (n_clusters, ==, 2);
  g_assert_cmpuint (labels[0], !=, labels[1]);
  /* Without the constraint they are one person. */
  g_assert_true (lk_cluster_faces (data, 4, NULL, 0, LK_CLUSTER_DEFAULT_THRESHOLD, LK_LINKAGE_AVERAGE,
                                   labels, &n_clusters, NULL, &error));
  g_assert_cmpuint (n_clusters, ==, 1);
}

static void
test_edge_cases (void)
{
  guint labels[2], n_clusters = 99;
  float one[LK_DESCRIPTOR_DIM] = { 0 };
  guint bad_pair[] = { 0, 5 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_cluster_faces (NULL, 0, NULL, 0, 0.5, LK_LINKAGE_AVERAGE, NULL, &n_clusters, NULL, &error));
  g_assert_cmpuint (n_clusters, ==, 0);
  g_assert_true (lk_cluster_faces (one, 1, NULL, 0, 0.5, LK_LINKAGE_AVERAGE, labels, &n_clusters, NULL, &error));
  g_assert_cmpuint (n_clusters, ==, 1);
  g_assert_false (lk_cluster_faces (one, 1, bad_pair, 1, 0.5, LK_LINKAGE_AVERAGE, labels, &n_clusters, NULL, &error));
  g_assert_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lk_cluster_faces (one, 1, NULL, 0, -1, LK_LINKAGE_AVERAGE, labels, &n_clusters, NULL, &error));
  g_assert_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INVALID);
}

/* A plain textbook version written here: repeatedly join the closest pair of
 * clusters (by linkage over the original distances) while under the threshold. */
static void
naive_clusters (const float *data, guint n, const guint *pairs, guint n_pairs, double t,
                LkLinkage linkage, guint *owner)
{
  for (guint i = 0; i < n; i++)
    owner[i] = i;
  for (;;)
    {
      double best = G_MAXDOUBLE;
      guint ba = 0, bb = 0;

      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            double sum = 0, max = 0;
            guint count = 0;
            gboolean forbidden = FALSE;

            if (owner[a] != a || owner[b] != b)
              continue;
            for (guint i = 0; i < n; i++)
              for (guint j = 0; j < n; j++)
                if (owner[i] == a && owner[j] == b)
                  {
                    double d = 0;

                    for (guint p = 0; p < n_pairs; p++)
                      if ((pairs[2 * p] == i && pairs[2 * p + 1] == j) ||
                          (pairs[2 * p] == j && pairs[2 * p + 1] == i))
                        forbidden = TRUE;
                    for (guint k = 0; k < LK_DESCRIPTOR_DIM; k++)
                      d += (data[i * LK_DESCRIPTOR_DIM + k] - data[j * LK_DESCRIPTOR_DIM + k]) *
                           (data[i * LK_DESCRIPTOR_DIM + k] - data[j * LK_DESCRIPTOR_DIM + k]);
                    d = sqrt (d);
                    sum += d;
                    max = MAX (max, d);
                    count++;
                  }
            if (forbidden)
              continue;
            if ((linkage == LK_LINKAGE_COMPLETE ? max : sum / count) < best)
              {
                best = linkage == LK_LINKAGE_COMPLETE ? max : sum / count;
                ba = a;
                bb = b;
              }
          }
      if (!(best < t))
        return;
      for (guint i = 0; i < n; i++)
        if (owner[i] == bb)
          owner[i] = ba;
    }
}

static void
test_equals_textbook (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  const guint n = 48;
  g_autofree float *data = make_people (rand, 8, 6);
  guint pairs[16], labels[48], owner[48], n_clusters;
  g_autoptr(GError) error = NULL;

  /* Looser faces so that clusters overlap and the linkage matters. */
  for (guint i = 0; i < n * LK_DESCRIPTOR_DIM; i++)
    data[i] += g_rand_double_range (rand, -0.05, 0.05);
  for (guint p = 0; p < 16; p++)
    pairs[p] = g_rand_int_range (rand, 0, n);
  for (LkLinkage linkage = LK_LINKAGE_AVERAGE; linkage <= LK_LINKAGE_COMPLETE; linkage++)
    for (double t = 0.3; t < 1.0; t += 0.1)
      {
        g_assert_true (lk_cluster_faces (data, n, pairs, 8, t, linkage, labels, &n_clusters, NULL, &error));
        naive_clusters (data, n, pairs, 8, t, linkage, owner);
        /* Same partition: faces share a label exactly when they share an owner. */
        for (guint i = 0; i < n; i++)
          for (guint j = 0; j < n; j++)
            g_assert_cmpint (labels[i] == labels[j], ==, owner[i] == owner[j]);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/match/cluster/groups", test_groups);
  g_test_add_func ("/match/cluster/cannot-link", test_cannot_link);
  g_test_add_func ("/match/cluster/edge-cases", test_edge_cases);
  g_test_add_func ("/match/cluster/equals-textbook", test_equals_textbook);
  return g_test_run ();
}
