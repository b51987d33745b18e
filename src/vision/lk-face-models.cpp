/* lk-face-models.cpp — everything that touches dlib: loading the models,
 * HOG detection, 68 landmarks, the aligned chip and the descriptor network.
 *
 * The models load once (LkFaceModels).  The shape predictor is used const and
 * shared by every thread; the HOG detector and the network keep scratch
 * buffers, so each worker (LkFaceWorker) owns a copy of both.  Only this file
 * includes dlib's headers (they take a minute to compile).
 */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include <dlib/image_processing.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <istream>
#include <streambuf>
#include <memory>
#include <thread>
#include <vector>

#include "lk-face-detect.hpp"
#include "lk-face-forward.hpp"
#include "lk-face-net.hpp"
#include "lk-vision-private.h"

struct _LkFaceModels
{
  std::unique_ptr<lk::HogDetector> detector;
  dlib::shape_predictor       predictor;
  lk::face_net                net;
  /* The same network's weights for the batched forward pass, or null when
   * dlib's own pass is used (no OpenBLAS, or LkEngineOptions.dlib_forward). */
  std::shared_ptr<const lk::FaceNetWeights> weights;
  lk::SgemmFn                 sgemm = nullptr;
  bool                        baseline = false;  /* LkEngineOptions.baseline_build */
};

struct _LkFaceWorker
{
  const LkFaceModels         *models;
  std::unique_ptr<lk::HogDetector> detector;
  lk::face_net                net;
  std::unique_ptr<lk::DescriptorNet> forward;
};

namespace {

using chip_t = dlib::matrix<dlib::rgb_pixel>;

/* Network batches: large enough for BLAS to work on big matrices, small enough
 * to keep a worker's buffers around 100 MB. */
constexpr unsigned long net_batch = 16;
/* Upsampling quadruples the pixels each time; beyond this many the detector's
 * pyramid would take gigabytes, so fewer upsamplings are done. */
constexpr double max_upsampled_pixels = 64e6;
/* Images this small are crops or thumbnails (see detect()). */
constexpr double small_image_pixels = 0.1e6;
constexpr double small_image_threshold = -0.25;

void
set_internal (GError **error, const char *what)
{
  g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INTERNAL, _("the face engine failed: %s"), what);
}

/* Deserialises one model file, turning dlib's complaints into a message that names the file. */
/* A read-only stream over bytes already in memory. */
struct memory_buffer : std::streambuf
{
  memory_buffer (char *data, size_t len)
  {
    setg (data, data, data + len);
  }
};

template <typename T>
bool
load_model (T &model, const char *path, const char *what, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_MODEL,
                   _("the %s model “%s” does not exist; reinstall Likeness or point "
                     "$LIKENESS_DESCRIPTOR_MODEL / $LIKENESS_LANDMARK_MODEL at the model files"),
                   what, path);
      return false;
    }
  try
    {
      /* Parsed from memory: dlib's number decoding reads a byte at a time,
       * and through a file stream that took ~35 % longer (the landmark
       * model dominates the engine's start). */
      g_autoptr(GError) local = NULL;
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local);
      if (file == NULL)
        throw std::runtime_error (local->message);
      memory_buffer buffer (g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
      std::istream in (&buffer);
      dlib::deserialize (model, in);
      return true;
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_MODEL,
                   _("“%s” is not the expected %s model (%s)"), path, what, e.what ());
      return false;
    }
}

dlib::rectangle
clip_rect (const dlib::rectangle &r, long width, long height)
{
  return dlib::rectangle (std::max (0L, r.left ()), std::max (0L, r.top ()),
                          std::min (width - 1, r.right ()), std::min (height - 1, r.bottom ()));
}

/* Runs HOG on the gray image, upsampled `up` times with bilinear doubling;
 * boxes come back in the image's own coordinates. */
std::vector<lk::Detection>
detect (lk::HogDetector &detector, const cv::Mat &rgb, int up)
{
  cv::Mat gray;

  cv::cvtColor (rgb, gray, cv::COLOR_RGB2GRAY);
  for (int i = 0; i < up; i++)
    cv::resize (gray, gray, cv::Size (gray.cols * 2, gray.rows * 2), 0, 0, cv::INTER_LINEAR);
  /* Small images are mostly crops in which one face fills the frame and is
   * cut by the edges; HOG scores such faces lower (part of its window falls
   * outside), so the threshold is lowered for them.  Measured on the 40
   * face-api.js crops: each has exactly one detection over -0.25 (one face
   * scores -0.11), and none has a second one. */
  double threshold = (double) rgb.cols * rgb.rows <= small_image_pixels ? small_image_threshold : 0.0;
  std::vector<lk::Detection> dets = detector.detect (gray.data, gray.cols, gray.rows, gray.step, threshold);
  double s = 1.0 / (1 << up);
  for (auto &d : dets)
    d = { std::lround (d.left * s), std::lround (d.top * s), std::lround ((d.right + 1) * s) - 1,
          std::lround ((d.bottom + 1) * s) - 1, d.score };
  return dets;
}

/* Landmarks and the aligned chip for one face box (box in image coordinates). */
LkFace *
align_face (const LkFaceModels *models, const dlib::cv_image<dlib::rgb_pixel> &view,
            const dlib::rectangle &rect, chip_t &chip)
{
  LkFace *face = g_new0 (LkFace, 1);
  dlib::full_object_detection shape = models->predictor (view, rect);
  dlib::rectangle box = clip_rect (rect, view.nc (), view.nr ());

  face->box.x = (int) box.left ();
  face->box.y = (int) box.top ();
  face->box.width = (int) box.width ();
  face->box.height = (int) box.height ();
  for (unsigned long i = 0; i < shape.num_parts () && i < LK_LANDMARK_COUNT; i++)
    {
      face->landmarks[i][0] = (float) shape.part (i).x ();
      face->landmarks[i][1] = (float) shape.part (i).y ();
    }
  dlib::extract_image_chip (view, dlib::get_face_chip_details (shape, lk::chip_size, lk::chip_padding), chip);
  face->chip_rgb = (guint8 *) g_malloc (LK_CHIP_SIZE * LK_CHIP_SIZE * 3);
  for (long r = 0; r < LK_CHIP_SIZE; r++)
    for (long c = 0; c < LK_CHIP_SIZE; c++)
      {
        guint8 *p = face->chip_rgb + (r * LK_CHIP_SIZE + c) * 3;
        p[0] = chip (r, c).red;
        p[1] = chip (r, c).green;
        p[2] = chip (r, c).blue;
      }
  return face;
}

/* Collects the network's parameters, in the order visit_computational_layers
 * meets them: from the output down to the input. */
struct weight_collector
{
  std::vector<lk::ConvLayer> &convs;
  std::vector<std::pair<std::vector<float>, std::vector<float>>> &affines;
  lk::FaceNetWeights &w;

  template <long F, long R, long C, int SY, int SX, int PY, int PX>
  void
  operator() (const dlib::con_<F, R, C, SY, SX, PY, PX> &l)
  {
    const dlib::tensor &p = l.get_layer_params ();
    const size_t n_bias = l.bias_is_disabled () ? 0 : F;
    lk::ConvLayer c;

    static_assert (R == C && SY == SX && PY == PX, "square kernels only");
    c.out_channels = F;
    c.kernel = R;
    c.stride = SY;
    c.padding = PY;
    c.in_channels = (int) ((p.size () - n_bias) / (F * R * C));
    c.weights.assign (p.host (), p.host () + (p.size () - n_bias));
    c.bias.assign (F, 0.0f);
    std::copy (p.host () + (p.size () - n_bias), p.host () + p.size (), c.bias.begin ());
    convs.push_back (std::move (c));
  }

  void
  operator() (const dlib::affine_ &l)
  {
    /* Keep the alias objects alive: the tensors are their members. */
    auto gamma_alias = l.get_gamma ();
    auto beta_alias = l.get_beta ();
    const dlib::tensor &gamma = gamma_alias;
    const dlib::tensor &beta = beta_alias;

    if (l.get_mode () != dlib::CONV_MODE)
      throw std::runtime_error ("the descriptor network has an affine layer not in convolution mode");
    affines.emplace_back (std::vector<float> (gamma.host (), gamma.host () + gamma.size ()),
                          std::vector<float> (beta.host (), beta.host () + beta.size ()));
  }

  template <unsigned long N, dlib::fc_bias_mode B>
  void
  operator() (const dlib::fc_<N, B> &l)
  {
    const dlib::tensor &p = l.get_layer_params ();

    w.fc_out = (int) N;
    w.fc_in = (int) (p.size () / N);
    w.fc.assign (p.host (), p.host () + (size_t) w.fc_in * N);
  }

  template <typename T>
  void
  operator() (const T &)
  {
  }
};

/* The loaded dlib network's weights for lk::FaceNetForward, each affine
 * layer folded into the convolution before it. */
std::shared_ptr<const lk::FaceNetWeights>
extract_weights (lk::face_net &net)
{
  auto w = std::make_shared<lk::FaceNetWeights> ();
  std::vector<lk::ConvLayer> convs;
  std::vector<std::pair<std::vector<float>, std::vector<float>>> affines;

  dlib::visit_computational_layers (net, weight_collector { convs, affines, *w });
  std::reverse (convs.begin (), convs.end ());
  std::reverse (affines.begin (), affines.end ());
  if (convs.size () != 29 || affines.size () != convs.size () || w->fc_out != lk::descriptor_dim)
    throw std::runtime_error ("the descriptor network does not have the expected layers");
  for (size_t i = 0; i < convs.size (); i++)
    {
      lk::ConvLayer &c = convs[i];
      const auto &[gamma, beta] = affines[i];
      const size_t row = (size_t) c.in_channels * c.kernel * c.kernel;

      if (gamma.size () != (size_t) c.out_channels || beta.size () != gamma.size ())
        throw std::runtime_error ("the descriptor network's affine layers do not fit its convolutions");
      for (int m = 0; m < c.out_channels; m++)
        {
          for (size_t j = 0; j < row; j++)
            c.weights[m * row + j] *= gamma[m];
          c.bias[m] = gamma[m] * c.bias[m] + beta[m];
        }
    }
  w->stem = std::move (convs[0]);
  for (size_t i = 1; i + 1 < convs.size (); i += 2)
    {
      lk::FaceNetWeights::Block b;
      b.down = convs[i].stride == 2;
      b.first = std::move (convs[i]);
      b.second = std::move (convs[i + 1]);
      w->blocks.push_back (std::move (b));
    }
  const auto &input = net.subnet ().input_layer ();
  w->mean[0] = input.get_avg_red ();
  w->mean[1] = input.get_avg_green ();
  w->mean[2] = input.get_avg_blue ();
  return w;
}

/* Descriptors of n packed 150 × 150 RGB chips. */
void
describe_packed (LkFaceWorker *worker, const guint8 *chips_rgb, size_t n, float *out)
{
  const size_t chip_bytes = (size_t) LK_CHIP_SIZE * LK_CHIP_SIZE * 3;

  if (worker->forward != nullptr)
    {
      worker->forward->run (chips_rgb, n, out);
      return;
    }
  std::vector<chip_t> chips (n);
  for (size_t i = 0; i < n; i++)
    {
      const guint8 *p = chips_rgb + i * chip_bytes;
      chips[i].set_size (LK_CHIP_SIZE, LK_CHIP_SIZE);
      for (long r = 0; r < LK_CHIP_SIZE; r++)
        for (long c = 0; c < LK_CHIP_SIZE; c++, p += 3)
          chips[i] (r, c) = dlib::rgb_pixel (p[0], p[1], p[2]);
    }
  std::vector<dlib::matrix<float, 0, 1>> d = worker->net (chips, net_batch);
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < LK_DESCRIPTOR_DIM; k++)
      out[i * LK_DESCRIPTOR_DIM + k] = d[i] (k);
}

void
describe (LkFaceWorker *worker, std::vector<LkFace *> &faces)
{
  const size_t chip_bytes = (size_t) LK_CHIP_SIZE * LK_CHIP_SIZE * 3;

  if (faces.empty ())
    return;
  std::vector<guint8> packed (faces.size () * chip_bytes);
  std::vector<float> out (faces.size () * LK_DESCRIPTOR_DIM);
  for (size_t i = 0; i < faces.size (); i++)
    std::memcpy (packed.data () + i * chip_bytes, faces[i]->chip_rgb, chip_bytes);
  describe_packed (worker, packed.data (), faces.size (), out.data ());
  for (size_t i = 0; i < faces.size (); i++)
    {
      std::memcpy (faces[i]->descriptor, out.data () + i * LK_DESCRIPTOR_DIM, sizeof faces[i]->descriptor);
      faces[i]->has_descriptor = TRUE;
    }
}

/* dlib's HOG detector from the file the build writes (resources/models), or
 * from dlib's compressed copy when that file is missing or unreadable. */
std::unique_ptr<lk::HogDetector>
load_detector (bool baseline)
{
  for (const char *dir : { LK_MODEL_BUILD_DIR, LK_MODEL_INSTALL_DIR })
    {
      g_autofree char *path = g_build_filename (dir, "frontal_face_detector.dat", NULL);
      g_autofree char *bytes = NULL;
      gsize len;

      if (!g_file_get_contents (path, &bytes, &len, NULL))
        continue;
      try
        {
          return lk::hog_detector_new (std::string (bytes, len), baseline);
        }
      catch (const std::exception &e)
        {
          g_warning ("the face detector file “%s” is damaged (%s); using dlib's built-in copy", path, e.what ());
        }
    }
  return lk::hog_detector_new (lk::hog_detector_builtin (), baseline);
}

bool
is_cancelled (GCancellable *cancellable, GError **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

GPtrArray *
analyze (LkFaceWorker *worker, const LkImage *image, const LkAnalyzeOptions *options,
         GCancellable *cancellable, GError **error)
{
  int w = lk_image_get_width (image), h = lk_image_get_height (image);
  cv::Mat rgb (h, w, CV_8UC3, (void *) lk_image_get_rgb (image));
  dlib::cv_image<dlib::rgb_pixel> view (rgb);
  int up = options->upsample >= 0 ? MIN (options->upsample, 2) : _lk_detect_upsample_for (options->mode, w, h);

  while (up > 0 && (double) w * h * (1 << (2 * up)) > max_upsampled_pixels)
    up--;
  if (is_cancelled (cancellable, error))
    return NULL;
  std::vector<lk::Detection> dets = detect (*worker->detector, rgb, up);
  if (is_cancelled (cancellable, error))
    return NULL;

  std::vector<LkFace *> faces;
  std::vector<chip_t> chips (dets.size ());
  for (size_t i = 0; i < dets.size (); i++)
    {
      dlib::rectangle rect (dets[i].left, dets[i].top, dets[i].right, dets[i].bottom);
      faces.push_back (align_face (worker->models, view, rect, chips[i]));
      faces.back ()->detector_score = dets[i].score;
    }
  if (options->descriptors)
    describe (worker, faces);
  for (LkFace *f : faces)
    _lk_face_measure_quality (f);
  std::stable_sort (faces.begin (), faces.end (), [] (const LkFace *a, const LkFace *b) {
    return (gint64) a->box.width * a->box.height > (gint64) b->box.width * b->box.height;
  });

  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_face_free);
  for (LkFace *f : faces)
    g_ptr_array_add (result, f);
  return result;
}

} /* namespace */

int
_lk_detect_upsample_for (LkDetectMode mode, int width, int height)
{
  /* HOG's window is 80 × 80: without upsampling the smallest face found is
   * ~80 px.  Photos of a megapixel or less (phone thumbnails, scans of prints,
   * crops) are upsampled once so that ~40 px faces are found; thorough mode
   * adds one more level everywhere.  (Twice by default on tiny crops was
   * tried: on the 40 face-api.js crops it moves the landmarks of the hardest
   * face enough to cross 0.6 against its own person, once does not.) */
  int up = (double) width * height <= 1e6 ? 1 : 0;

  return mode == LK_DETECT_THOROUGH ? up + 1 : up;
}

LkFaceModels *
_lk_face_models_load (const char *descriptor_path, const char *landmark_path,
                      const LkEngineOptions *options, GError **error)
{
  auto models = std::make_unique<LkFaceModels> ();
  g_autoptr(GError) landmark_error = NULL;
  bool landmark_ok = false;
  const bool dlib_forward = options != NULL && options->dlib_forward;
  const bool baseline = options != NULL && options->baseline_build;

  try
    {
      /* The two files are independent: read the 95 MB landmark model on a
       * second thread while this one reads the network. */
      std::thread landmarks ([&] () {
        landmark_ok = load_model (models->predictor, landmark_path, _("landmark"), &landmark_error);
      });
      bool net_ok = load_model (models->net, descriptor_path, _("face descriptor"), error);
      models->detector = load_detector (baseline);
      models->baseline = baseline;
      landmarks.join ();
      if (!net_ok)
        return NULL;
      if (!dlib_forward && (models->sgemm = lk::find_openblas_sgemm ()) != nullptr)
        models->weights = extract_weights (models->net);
      else if (!dlib_forward)
        g_message ("OpenBLAS (libopenblas.so.0) was not found: descriptors use dlib's slower forward pass");
      if (!landmark_ok)
        {
          g_propagate_error (error, g_steal_pointer (&landmark_error));
          return NULL;
        }
      if (models->predictor.num_parts () != LK_LANDMARK_COUNT)
        {
          g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_MODEL,
                       _("the landmark model “%s” has %lu points, the face engine needs %d"),
                       landmark_path, models->predictor.num_parts (), LK_LANDMARK_COUNT);
          return NULL;
        }
      return models.release ();
    }
  catch (const std::exception &e)
    {
      set_internal (error, e.what ());
      return NULL;
    }
}

void
_lk_face_models_free (LkFaceModels *models)
{
  delete models;
}

const char *
_lk_face_models_detector_variant (LkFaceModels *models)
{
  return models->detector->variant ();
}

LkFaceWorker *
_lk_face_worker_new (LkFaceModels *models, GError **error)
{
  try
    {
      LkFaceWorker *worker = new LkFaceWorker;
      worker->models = models;
      worker->detector = models->detector->clone ();
      if (models->weights != nullptr)
        worker->forward = lk::descriptor_net_new (models->weights, models->sgemm, models->baseline);
      else
        worker->net = models->net;
      return worker;
    }
  catch (const std::exception &e)
    {
      set_internal (error, e.what ());
      return NULL;
    }
}

void
_lk_face_worker_free (LkFaceWorker *worker)
{
  delete worker;
}

GPtrArray *
_lk_face_worker_analyze (LkFaceWorker *worker, const LkImage *image, const LkAnalyzeOptions *options,
                         GCancellable *cancellable, GError **error)
{
  try
    {
      return analyze (worker, image, options, cancellable, error);
    }
  catch (const std::bad_alloc &)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("there is not enough memory to analyse the image"));
    }
  catch (const std::exception &e)
    {
      set_internal (error, e.what ());
    }
  return NULL;
}

LkFace *
_lk_face_worker_analyze_box (LkFaceWorker *worker, const LkImage *image, const LkBox *box, GError **error)
{
  int w = lk_image_get_width (image), h = lk_image_get_height (image);

  if (box->width < 8 || box->height < 8 || box->x < 0 || box->y < 0 ||
      box->x + box->width > w || box->y + box->height > h)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INVALID,
                   _("the box %d,%d %d × %d is not inside the %d × %d image or is under 8 px"),
                   box->x, box->y, box->width, box->height, w, h);
      return NULL;
    }
  try
    {
      cv::Mat rgb (h, w, CV_8UC3, (void *) lk_image_get_rgb (image));
      dlib::cv_image<dlib::rgb_pixel> view (rgb);
      dlib::rectangle rect (box->x, box->y, box->x + box->width - 1, box->y + box->height - 1);
      std::vector<chip_t> chips (1);
      std::vector<LkFace *> faces { align_face (worker->models, view, rect, chips[0]) };

      describe (worker, faces);
      _lk_face_measure_quality (faces[0]);
      return faces[0];
    }
  catch (const std::exception &e)
    {
      set_internal (error, e.what ());
      return NULL;
    }
}

gboolean
_lk_face_worker_describe_chips (LkFaceWorker *worker, const guint8 *chips_rgb, guint n_chips,
                                float *out, GCancellable *cancellable, GError **error)
{
  const gsize chip_bytes = LK_CHIP_SIZE * LK_CHIP_SIZE * 3;

  try
    {
      /* A few network batches at a time, so that cancelling is prompt. */
      for (guint start = 0; start < n_chips; start += 4 * net_batch)
        {
          guint n = MIN (n_chips - start, 4 * (guint) net_batch);

          if (is_cancelled (cancellable, error))
            return FALSE;
          describe_packed (worker, chips_rgb + start * chip_bytes, n, out + (gsize) start * LK_DESCRIPTOR_DIM);
        }
      return TRUE;
    }
  catch (const std::bad_alloc &)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_TOO_LARGE,
                   _("there is not enough memory to describe the faces"));
      return FALSE;
    }
  catch (const std::exception &e)
    {
      set_internal (error, e.what ());
      return FALSE;
    }
}
