/* lk-cluster.h — groups faces that probably show the same unknown person.
 *
 * Agglomerative clustering (complete or average linkage) cut at a
 * conservative distance, with cannot-link constraints: two faces of one photo
 * (outside collages) and a face the analyst split out of a cluster never end
 * up together.  Only pairs closer than the threshold can ever be joined, so
 * the work is done per connected component of that graph: cheap for real
 * cases where most faces have few close neighbours.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  LK_LINKAGE_AVERAGE,   /* clusters join when their mean pairwise distance is under the threshold */
  LK_LINKAGE_COMPLETE,  /* … when every pair is under it (the most conservative) */
} LkLinkage;

/* Measured on the face-api.js crops and dlib's bald_guys.jpg (tests/match):
 * same-person pairs are under 0.6, and average linkage at 0.55 separates
 * every person there. */
#define LK_CLUSTER_DEFAULT_THRESHOLD 0.55
#define LK_CLUSTER_DEFAULT_LINKAGE LK_LINKAGE_AVERAGE

/* descriptors: n × LK_DESCRIPTOR_DIM.  cannot_link: n_pairs pairs of face
 * indices (2 × n_pairs guints).  labels_out[n] receives cluster numbers
 * 0..n_clusters-1, numbered by their first face.  Returns FALSE on a bad
 * argument (an index out of range, a non-finite value) or when cancelled. */
gboolean lk_cluster_faces (const float  *descriptors,
                           guint         n,
                           const guint  *cannot_link,
                           guint         n_pairs,
                           double        threshold,
                           LkLinkage     linkage,
                           guint        *labels_out,
                           guint        *n_clusters_out,
                           GCancellable *cancellable,
                           GError      **error);

G_END_DECLS
