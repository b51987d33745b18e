/* lk-face-forward.hpp — the descriptor network's forward pass on whole batches
 * (C++ only; no dlib or OpenCV type in here).
 *
 * Why not dlib's own forward pass: dlib's CPU convolution unrolls one sample
 * at a time (im2col, then a GEMM per sample) with a generic im2col that took
 * as long as the GEMM itself; on 2 cores that gave ~85 descriptors/s.  Here the
 * same network (lk-face-net.hpp, the same weights, read out of the loaded dlib
 * network by lk-face-models.cpp) runs with every layer of a whole batch as
 * one large OpenBLAS GEMM, the affine (batch-norm) layers folded into the
 * convolutions.  Results equal dlib's to float rounding; tests/vision
 * compares the two on real chips, and dlib's pass stays the fallback when
 * OpenBLAS cannot be found.
 *
 * Tensors are laid out channel-major over the whole batch (C × N × H × W), so
 * a convolution's output rows are exactly the next layer's channels.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace lk {

/* One convolution with the affine layer after it folded in:
 * y = (gamma · W) ⊛ x + (gamma · b + beta). */
struct ConvLayer
{
  int out_channels = 0;
  int in_channels = 0;
  int kernel = 0;
  int stride = 1;
  int padding = 0;
  std::vector<float> weights;   /* out × (in · kernel · kernel), row-major */
  std::vector<float> bias;      /* out */
};

/* The whole network, in forward order.  Blocks are the 14 residual blocks of
 * dlib_face_recognition_resnet_model_v1 (levels 4, 3, 2, 1, 0). */
struct FaceNetWeights
{
  float mean[3] = { 0, 0, 0 };  /* subtracted from R, G, B; then divided by 256 */
  ConvLayer stem;               /* 7 × 7 / 2, then ReLU and 3 × 3 / 2 max pooling */
  struct Block
  {
    ConvLayer first;            /* stride 2 when `down` */
    ConvLayer second;
    bool down = false;          /* shortcut through 2 × 2 / 2 average pooling */
  };
  std::vector<Block> blocks;
  int fc_in = 0, fc_out = 0;
  std::vector<float> fc;        /* fc_in × fc_out, row-major, no bias */
};

using SgemmFn = void (*) (int order, int trans_a, int trans_b, int m, int n, int k, float alpha,
                          const float *a, int lda, const float *b, int ldb, float beta,
                          float *c, int ldc);

/* OpenBLAS's cblas_sgemm, or nullptr when it cannot be loaded. */
SgemmFn find_openblas_sgemm ();

/* One thread's forward pass: keeps its scratch buffers between calls. */
class DescriptorNet
{
public:
  virtual ~DescriptorNet () = default;
  /* chips: n × 150 × 150 × 3 RGB bytes; out: n × fc_out floats.  Throws
   * std::bad_alloc when the buffers cannot be had. */
  virtual void run (const uint8_t *chips, size_t n, float *out) = 0;
  /* "avx2" or "baseline": which build runs (see lk-avx2-module.hpp). */
  virtual const char *variant () const = 0;
};

/* The best build this processor runs; `force_baseline` picks the baseline one. */
std::unique_ptr<DescriptorNet> descriptor_net_new (std::shared_ptr<const FaceNetWeights> weights,
                                                   SgemmFn sgemm, bool force_baseline = false);

class FaceNetForward final : public DescriptorNet
{
public:
  FaceNetForward (std::shared_ptr<const FaceNetWeights> weights, SgemmFn sgemm);

  void run (const uint8_t *chips, size_t n, float *out) override;
  const char *variant () const override;

  static constexpr size_t max_batch = 16;

private:
  struct Tensor
  {
    int c = 0, n = 0, h = 0, w = 0;
    std::vector<float> data;
    void shape (int c_, int n_, int h_, int w_);
    size_t plane () const { return (size_t) h * w; }
  };

  void run_batch (const uint8_t *chips, size_t n, float *out);
  void conv (const ConvLayer &layer, const Tensor &in, Tensor &out, bool relu);
  void im2col (const ConvLayer &layer, const Tensor &in, int oh, int ow, int n0, int n1);
  void im2col_stride2 (const ConvLayer &layer, const Tensor &in, int oh, int ow, int n0, int n1);
  void block (const FaceNetWeights::Block &b, Tensor &x);

  std::shared_ptr<const FaceNetWeights> weights_;
  SgemmFn sgemm_;
  Tensor a_, b_, c_, d_;
  std::vector<float> columns_;
  std::vector<float> phases_;   /* im2col_stride2's split of the input */
};

} /* namespace lk */

/* The AVX2 module's entry point: a forward pass, or NULL with *error set to a
 * g_malloc'ed message. */
extern "C" lk::DescriptorNet *lk_descriptor_net_new (const std::shared_ptr<const lk::FaceNetWeights> *weights,
                                                     lk::SgemmFn sgemm, char **error);
extern "C" typedef lk::DescriptorNet *(*LkDescriptorNetNewFunc) (
  const std::shared_ptr<const lk::FaceNetWeights> *weights, lk::SgemmFn sgemm, char **error);
