/* lk-evidence-builtin.c — the built-in impostor distribution, used when a
 * case has fewer than LK_IMPOSTOR_MIN_PAIRS pairs of its own.
 *
 * Where it comes from: tests/match/measure-impostors (run on 2026-11-26 with
 * this project's face engine: dlib HOG detector, 68-point alignment, 150 px
 * chip, dlib_face_recognition_resnet_model_v1 converted from the
 * @vladmandic/face-api 1.7.15 weights, model id dlib-resnet-v1:7eccf2a8) over
 * public photos with known identities (../shared/facedata, see its README):
 * the 40 face-api.js crops (8 people), the 55 aligned chips of
 * dlib/examples/johns (5 people) and the 61 deepface test photos (13 identity
 * clusters; largest face of each).  156 faces; every pair with different
 * identity labels is a different-person pair (the three collections share no
 * person): 11,595 pairs.  For comparison, the 495 same-person pairs were all
 * at 0.6035 or less.
 *
 * Stored: mean and standard deviation of the impostor distances (the normal
 * fit used below the 0.5% point) and the 201 quantiles at 0%, 0.5%, … 100%.
 * Limits: few identities (26), mostly frontal, good-quality photos of adults;
 * real cases (children, post-mortem, poor images) differ, which is why a
 * case's own pairs replace this table as soon as there are enough of them. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-evidence-private.h"

const gsize lk_evidence_builtin_n_pairs = 11595;
const double lk_evidence_builtin_mean = 0.8840;
const double lk_evidence_builtin_sd = 0.0914;
const gsize lk_evidence_builtin_n_quantiles = 201;
const double lk_evidence_builtin_quantiles[] = {
  0.5349, 0.6574, 0.6752, 0.6869, 0.6935, 0.7015, 0.7065, 0.7131, 0.7181, 0.7236,
  0.7285, 0.7322, 0.7363, 0.7409, 0.7437, 0.7472, 0.7500, 0.7524, 0.7560, 0.7587,
  0.7615, 0.7641, 0.7669, 0.7697, 0.7725, 0.7750, 0.7767, 0.7786, 0.7804, 0.7825,
  0.7847, 0.7870, 0.7895, 0.7917, 0.7938, 0.7963, 0.7984, 0.7998, 0.8013, 0.8032,
  0.8053, 0.8071, 0.8090, 0.8107, 0.8124, 0.8141, 0.8159, 0.8175, 0.8191, 0.8206,
  0.8222, 0.8237, 0.8252, 0.8267, 0.8281, 0.8299, 0.8314, 0.8327, 0.8343, 0.8359,
  0.8375, 0.8389, 0.8408, 0.8420, 0.8433, 0.8447, 0.8462, 0.8478, 0.8493, 0.8506,
  0.8519, 0.8531, 0.8542, 0.8554, 0.8569, 0.8582, 0.8595, 0.8609, 0.8620, 0.8636,
  0.8647, 0.8660, 0.8668, 0.8678, 0.8690, 0.8703, 0.8715, 0.8727, 0.8739, 0.8751,
  0.8762, 0.8774, 0.8788, 0.8800, 0.8813, 0.8829, 0.8840, 0.8851, 0.8861, 0.8874,
  0.8884, 0.8893, 0.8903, 0.8912, 0.8923, 0.8934, 0.8942, 0.8954, 0.8966, 0.8977,
  0.8991, 0.9000, 0.9012, 0.9021, 0.9032, 0.9043, 0.9054, 0.9063, 0.9073, 0.9084,
  0.9096, 0.9109, 0.9118, 0.9131, 0.9141, 0.9155, 0.9167, 0.9178, 0.9190, 0.9202,
  0.9214, 0.9224, 0.9239, 0.9248, 0.9261, 0.9272, 0.9286, 0.9297, 0.9307, 0.9320,
  0.9333, 0.9344, 0.9355, 0.9368, 0.9381, 0.9392, 0.9403, 0.9416, 0.9430, 0.9441,
  0.9454, 0.9465, 0.9479, 0.9491, 0.9509, 0.9520, 0.9532, 0.9543, 0.9560, 0.9576,
  0.9591, 0.9609, 0.9623, 0.9642, 0.9663, 0.9680, 0.9700, 0.9718, 0.9733, 0.9751,
  0.9772, 0.9790, 0.9808, 0.9831, 0.9853, 0.9872, 0.9894, 0.9920, 0.9945, 0.9972,
  0.9998, 1.0025, 1.0050, 1.0081, 1.0117, 1.0157, 1.0202, 1.0235, 1.0275, 1.0318,
  1.0359, 1.0401, 1.0460, 1.0513, 1.0563, 1.0617, 1.0689, 1.0755, 1.0862, 1.0995,
  1.1497,
};
