/* lk-face-forward.cpp — the descriptor network's batched forward pass (see
 * lk-face-forward.hpp for why it exists).  Semantics follow dlib's CPU layers
 * exactly: convolutions are cross-correlations with zero padding, pooling has
 * no padding, and a residual sum of two differently shaped tensors (the
 * down-sampling blocks of levels 1 and 0 add a 3 × 3 to a 4 × 4 map, and
 * 256 to 128 channels) is taken as if the smaller were zero-padded at its
 * end, as dlib's add_prev does.
 */
#include "lk-face-forward.hpp"

#include <dlfcn.h>
#include <glib.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#if !defined(LK_AVX2_MODULE)
# include "lk-avx2-module.hpp"
#endif

namespace lk {

namespace {

constexpr int cblas_row_major = 101;
constexpr int cblas_no_trans = 111;
constexpr int input_side = 150;
/* The im2col buffer holds at most this many floats (8 MB): a batch is
 * unrolled a few samples at a time so the buffer stays within the caches'
 * reach and the worker's memory small. */
constexpr size_t columns_budget = (size_t) 1 << 21;

int
out_size (int in, int kernel, int stride, int padding)
{
  return (in + 2 * padding - kernel) / stride + 1;
}

} /* namespace */

#if !defined(LK_AVX2_MODULE)

SgemmFn
find_openblas_sgemm ()
{
  /* dlib itself reaches OpenBLAS through libblas.so.3, which Debian's
   * alternatives may point at the reference BLAS; ask for OpenBLAS by name. */
  static SgemmFn sgemm = [] () -> SgemmFn {
    void *handle = dlopen ("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    return handle != nullptr ? (SgemmFn) dlsym (handle, "cblas_sgemm") : nullptr;
  } ();
  return sgemm;
}

std::unique_ptr<DescriptorNet>
descriptor_net_new (std::shared_ptr<const FaceNetWeights> weights, SgemmFn sgemm, bool force_baseline)
{
  auto avx2 = force_baseline ? nullptr : (LkDescriptorNetNewFunc) avx2_module_symbol ("lk_descriptor_net_new");

  if (avx2 != nullptr)
    {
      g_autofree char *error = NULL;
      DescriptorNet *net = avx2 (&weights, sgemm, &error);

      if (net == nullptr)
        throw std::runtime_error (error);
      return std::unique_ptr<DescriptorNet> (net);
    }
  return std::make_unique<FaceNetForward> (std::move (weights), sgemm);
}

#endif

const char *
FaceNetForward::variant () const
{
#if defined(LK_AVX2_MODULE)
  return "avx2";
#else
  return "baseline";
#endif
}

void
FaceNetForward::Tensor::shape (int c_, int n_, int h_, int w_)
{
  c = c_;
  n = n_;
  h = h_;
  w = w_;
  data.resize ((size_t) c * n * h * w);
}

FaceNetForward::FaceNetForward (std::shared_ptr<const FaceNetWeights> weights, SgemmFn sgemm)
  : weights_ (std::move (weights)), sgemm_ (sgemm)
{
  if (weights_ == nullptr || sgemm_ == nullptr)
    throw std::invalid_argument ("the batched forward pass needs weights and OpenBLAS");
}

void
FaceNetForward::run (const uint8_t *chips, size_t n, float *out)
{
  for (size_t start = 0; start < n; start += max_batch)
    {
      size_t count = std::min (max_batch, n - start);
      run_batch (chips + start * input_side * input_side * 3, count, out + start * weights_->fc_out);
    }
}

/* Unrolls samples [n0, n1) of `in` into columns_: one row per (channel, ky,
 * kx), one column per output position. */
void
FaceNetForward::im2col (const ConvLayer &layer, const Tensor &in, int oh, int ow, int n0, int n1)
{
  const int k = layer.kernel, s = layer.stride, p = layer.padding;
  const size_t ncols = (size_t) (n1 - n0) * oh * ow;

  if (s == 2 && p == 0)
    {
      im2col_stride2 (layer, in, oh, ow, n0, n1);
      return;
    }
  for (int c = 0; c < in.c; c++)
    for (int ky = 0; ky < k; ky++)
      for (int kx = 0; kx < k; kx++)
        {
          float *row = columns_.data () + ((size_t) (c * k + ky) * k + kx) * ncols;
          /* Output columns [lo, hi) read inside the input row (ox·s + kx − p
           * in [0, w)); the others read the zero padding. */
          const int lo = std::min (ow, std::max (0, (p - kx + s - 1) / s));
          const int hi = std::max (lo, std::min (ow, (in.w - 1 - kx + p) / s + 1));

          for (int b = n0; b < n1; b++)
            {
              const float *plane = in.data.data () + ((size_t) c * in.n + b) * in.plane ();
              for (int oy = 0; oy < oh; oy++)
                {
                  float *dst = row + ((size_t) (b - n0) * oh + oy) * ow;
                  const int iy = oy * s + ky - p;
                  if (iy < 0 || iy >= in.h)
                    {
                      std::fill (dst, dst + ow, 0.0f);
                      continue;
                    }
                  const float *src = plane + (size_t) iy * in.w;
                  /* Plain loops, not memcpy: the runs are short (4 to 72
                   * floats) and a library call per run cost more than the
                   * copy. */
                  const float *from = src + kx - p;
                  int ox = 0;
                  for (; ox < lo; ox++)
                    dst[ox] = 0.0f;
                  if (s == 1)
                    for (; ox < hi; ox++)
                      dst[ox] = from[ox];
                  else
                    for (; ox < hi; ox++)
                      dst[ox] = from[ox * s];
                  for (; ox < ow; ox++)
                    dst[ox] = 0.0f;
                }
            }
        }
}

/* Stride 2 without padding (the stem and the first convolution of each
 * down-sampling block): each input plane is first split into its four
 * phases (even/odd rows × even/odd columns), so that every row of the
 * unrolled matrix is made of contiguous runs of one phase instead of a
 * gather of every other float (that gather was a third of im2col's time). */
void
FaceNetForward::im2col_stride2 (const ConvLayer &layer, const Tensor &in, int oh, int ow, int n0, int n1)
{
  const int k = layer.kernel;
  const int ph = (in.h + 1) / 2, pw = (in.w + 1) / 2;
  const size_t phase_plane = (size_t) ph * pw;
  const size_t ncols = (size_t) (n1 - n0) * oh * ow;

  phases_.assign ((size_t) in.c * (n1 - n0) * 4 * phase_plane, 0.0f);
  for (int c = 0; c < in.c; c++)
    for (int b = n0; b < n1; b++)
      {
        const float *plane = in.data.data () + ((size_t) c * in.n + b) * in.plane ();
        float *out = phases_.data () + ((size_t) c * (n1 - n0) + (b - n0)) * 4 * phase_plane;
        for (int y = 0; y < in.h; y++)
          {
            float *even = out + ((size_t) ((y & 1) * 2) * ph + y / 2) * pw;
            float *odd = even + phase_plane;
            const float *src = plane + (size_t) y * in.w;
            for (int x = 0; x + 1 < in.w; x += 2)
              {
                even[x / 2] = src[x];
                odd[x / 2] = src[x + 1];
              }
            if (in.w & 1)
              even[in.w / 2] = src[in.w - 1];
          }
      }
  for (int c = 0; c < in.c; c++)
    for (int ky = 0; ky < k; ky++)
      for (int kx = 0; kx < k; kx++)
        {
          float *row = columns_.data () + ((size_t) (c * k + ky) * k + kx) * ncols;
          const size_t phase = (size_t) ((ky & 1) * 2 + (kx & 1)) * phase_plane;

          for (int b = n0; b < n1; b++)
            {
              const float *from = phases_.data () + ((size_t) c * (n1 - n0) + (b - n0)) * 4 * phase_plane + phase +
                                  (size_t) (ky / 2) * pw + kx / 2;
              float *dst = row + (size_t) (b - n0) * oh * ow;
              /* Without padding every tap of every output lies inside. */
              for (int oy = 0; oy < oh; oy++, from += pw, dst += ow)
                for (int ox = 0; ox < ow; ox++)
                  dst[ox] = from[ox];
            }
        }
}

void
FaceNetForward::conv (const ConvLayer &layer, const Tensor &in, Tensor &out, bool relu)
{
  if (in.c != layer.in_channels)
    throw std::logic_error ("descriptor network: a convolution got the wrong number of channels");

  const int oh = out_size (in.h, layer.kernel, layer.stride, layer.padding);
  const int ow = out_size (in.w, layer.kernel, layer.stride, layer.padding);
  const int depth = layer.in_channels * layer.kernel * layer.kernel;
  const size_t per_sample = (size_t) oh * ow;
  const int chunk = (int) std::max<size_t> (1, std::min<size_t> (in.n, columns_budget / (depth * per_sample)));
  const int ldc = (int) (in.n * per_sample);

  out.shape (layer.out_channels, in.n, oh, ow);
  columns_.resize ((size_t) depth * chunk * per_sample);
  for (int n0 = 0; n0 < in.n; n0 += chunk)
    {
      const int n1 = std::min (in.n, n0 + chunk);
      const int ncols = (int) ((n1 - n0) * per_sample);

      im2col (layer, in, oh, ow, n0, n1);
      sgemm_ (cblas_row_major, cblas_no_trans, cblas_no_trans, layer.out_channels, ncols, depth, 1.0f,
              layer.weights.data (), depth, columns_.data (), ncols, 0.0f,
              out.data.data () + n0 * per_sample, ldc);
    }
  for (int m = 0; m < layer.out_channels; m++)
    {
      float *row = out.data.data () + (size_t) m * ldc;
      const float bias = layer.bias[m];
      if (relu)
        for (int i = 0; i < ldc; i++)
          row[i] = std::max (row[i] + bias, 0.0f);
      else
        for (int i = 0; i < ldc; i++)
          row[i] += bias;
    }
}

/* x = relu (second (relu (first (x))) + shortcut (x)), in place in c_. */
void
FaceNetForward::block (const FaceNetWeights::Block &blk, Tensor &x)
{
  conv (blk.first, x, b_, true);
  conv (blk.second, b_, d_, false);
  if (!blk.down)
    {
      if (d_.data.size () != x.data.size ())
        throw std::logic_error ("descriptor network: residual shapes differ");
      for (size_t i = 0; i < x.data.size (); i++)
        x.data[i] = std::max (x.data[i] + d_.data[i], 0.0f);
      return;
    }

  /* The shortcut: 2 × 2 / 2 average pooling of x, into b_. */
  Tensor &s = b_;
  s.shape (x.c, x.n, out_size (x.h, 2, 2, 0), out_size (x.w, 2, 2, 0));
  for (size_t pl = 0; pl < (size_t) x.c * x.n; pl++)
    {
      const float *src = x.data.data () + pl * x.plane ();
      float *dst = s.data.data () + pl * s.plane ();
      for (int y = 0; y < s.h; y++)
        for (int xx = 0; xx < s.w; xx++)
          {
            const float *q = src + (size_t) (2 * y) * x.w + 2 * xx;
            dst[y * s.w + xx] = (q[0] + q[1] + q[x.w] + q[x.w + 1]) / 4.0f;
          }
    }

  /* Sum of differently shaped tensors, the smaller zero-padded at its end. */
  const Tensor &u = d_;
  Tensor &o = a_;
  o.shape (std::max (u.c, s.c), x.n, std::max (u.h, s.h), std::max (u.w, s.w));
  for (int c = 0; c < o.c; c++)
    for (int b = 0; b < o.n; b++)
      for (int y = 0; y < o.h; y++)
        for (int xx = 0; xx < o.w; xx++)
          {
            float v1 = 0.0f, v2 = 0.0f;
            if (c < u.c && y < u.h && xx < u.w)
              v1 = u.data[(((size_t) c * u.n + b) * u.h + y) * u.w + xx];
            if (c < s.c && y < s.h && xx < s.w)
              v2 = s.data[(((size_t) c * s.n + b) * s.h + y) * s.w + xx];
            o.data[(((size_t) c * o.n + b) * o.h + y) * o.w + xx] = std::max (v1 + v2, 0.0f);
          }
  std::swap (x, o);
}

void
FaceNetForward::run_batch (const uint8_t *chips, size_t count, float *out)
{
  const FaceNetWeights &w = *weights_;
  const int n = (int) count;
  const size_t plane = (size_t) input_side * input_side;

  a_.shape (3, n, input_side, input_side);
  for (int b = 0; b < n; b++)
    for (size_t i = 0; i < plane; i++)
      for (int ch = 0; ch < 3; ch++)
        a_.data[((size_t) ch * n + b) * plane + i] = ((float) chips[(b * plane + i) * 3 + ch] - w.mean[ch]) / 256.0f;

  conv (w.stem, a_, b_, true);

  /* 3 × 3 / 2 max pooling, into c_, which then carries x through the blocks. */
  Tensor &x = c_;
  x.shape (b_.c, n, out_size (b_.h, 3, 2, 0), out_size (b_.w, 3, 2, 0));
  for (size_t pl = 0; pl < (size_t) b_.c * n; pl++)
    {
      const float *src = b_.data.data () + pl * b_.plane ();
      float *dst = x.data.data () + pl * x.plane ();
      for (int y = 0; y < x.h; y++)
        for (int xx = 0; xx < x.w; xx++)
          {
            const float *q = src + (size_t) (2 * y) * b_.w + 2 * xx;
            float m = q[0];
            for (int dy = 0; dy < 3; dy++)
              for (int dx = 0; dx < 3; dx++)
                m = std::max (m, q[(size_t) dy * b_.w + dx]);
            dst[y * x.w + xx] = m;
          }
    }

  for (const auto &blk : w.blocks)
    block (blk, c_);

  /* Average over the remaining map, then the fully connected layer. */
  const Tensor &f = c_;
  if (f.c != w.fc_in)
    throw std::logic_error ("descriptor network: the last layer got the wrong number of inputs");
  std::vector<float> pooled ((size_t) f.c);
  for (int b = 0; b < n; b++)
    {
      for (int c = 0; c < f.c; c++)
        {
          const float *src = f.data.data () + ((size_t) c * n + b) * f.plane ();
          float sum = 0.0f;
          for (size_t i = 0; i < f.plane (); i++)
            sum += src[i];
          pooled[c] = sum / (float) f.plane ();
        }
      float *o = out + (size_t) b * w.fc_out;
      std::fill (o, o + w.fc_out, 0.0f);
      for (int c = 0; c < f.c; c++)
        {
          const float *wr = w.fc.data () + (size_t) c * w.fc_out;
          for (int j = 0; j < w.fc_out; j++)
            o[j] += pooled[c] * wr[j];
        }
    }
}

} /* namespace lk */

#if defined(LK_AVX2_MODULE)

extern "C" __attribute__ ((visibility ("default"))) lk::DescriptorNet *
lk_descriptor_net_new (const std::shared_ptr<const lk::FaceNetWeights> *weights, lk::SgemmFn sgemm, char **error)
{
  try
    {
      return new lk::FaceNetForward (*weights, sgemm);
    }
  catch (const std::exception &e)
    {
      *error = g_strdup (e.what ());
      return nullptr;
    }
}

#endif
