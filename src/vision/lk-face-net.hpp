/* lk-face-net.hpp — dlib's 128-d face descriptor network (C++ only).
 *
 * This is the `anet_type` of dlib's examples/dnn_face_recognition_ex.cpp,
 * spelled out once so that the face engine and the model converter cannot
 * drift apart.  `lk::train_net` is the same network with `bn_con` where the
 * inference network has `affine`: the converter writes the weights into its
 * batch-norm parameters and assigns it to `lk::face_net`, which is how dlib
 * itself turns a trained network into an inference one.
 *
 * Never include this from a C header.
 */
#pragma once

#include <dlib/dnn.h>

namespace lk {

using namespace dlib;

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = add_prev1<block<N, BN, 1, tag1<SUBNET>>>;

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<block<N, BN, 2, tag1<SUBNET>>>>>>;

template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<con<N, 3, 3, 1, 1, relu<BN<con<N, 3, 3, stride, stride, SUBNET>>>>>;

template <template <typename> class BN>
struct net_family
{
  template <int N, typename SUBNET> using res = relu<residual<block, N, BN, SUBNET>>;
  template <int N, typename SUBNET> using res_down = relu<residual_down<block, N, BN, SUBNET>>;

  template <typename SUBNET> using level0 = res_down<256, SUBNET>;
  template <typename SUBNET> using level1 = res<256, res<256, res_down<256, SUBNET>>>;
  template <typename SUBNET> using level2 = res<128, res<128, res_down<128, SUBNET>>>;
  template <typename SUBNET> using level3 = res<64, res<64, res<64, res_down<64, SUBNET>>>>;
  template <typename SUBNET> using level4 = res<32, res<32, res<32, SUBNET>>>;

  using type = loss_metric<fc_no_bias<128, avg_pool_everything<
                 level0<level1<level2<level3<level4<
                 max_pool<3, 3, 2, 2, relu<BN<con<32, 7, 7, 2, 2,
                 input_rgb_image_sized<150>>>>>>>>>>>>>;
};

/* The inference network: byte-compatible with dlib_face_recognition_resnet_model_v1.dat. */
using face_net = net_family<affine>::type;
/* The same network with batch-norm layers, whose parameters can be written. */
using train_net = net_family<bn_con>::type;

constexpr int chip_size = 150;
constexpr double chip_padding = 0.25;
constexpr int descriptor_dim = 128;

} /* namespace lk */
