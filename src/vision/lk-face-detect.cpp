/* lk-face-detect.cpp — dlib's HOG frontal face detector (see
 * lk-face-detect.hpp).  Compiled twice by src/vision/meson.build: into the
 * face engine (baseline) and, with LK_AVX2_MODULE and -mavx2 -mfma, into the
 * AVX2 module.
 */
#include "lk-config.h"

#include "lk-face-detect.hpp"

#include <dlib/image_processing/frontal_face_detector.h>

#include <cstring>
#include <sstream>

#include <glib.h>

#if defined(LK_AVX2_MODULE)
# define LK_DETECT_VARIANT "avx2"
#else
# include "lk-avx2-module.hpp"
# define LK_DETECT_VARIANT "baseline"
#endif

namespace {

class Detector final : public lk::HogDetector
{
public:
  explicit Detector (const dlib::frontal_face_detector &detector) : detector_ (detector) {}

  std::vector<lk::Detection>
  detect (const uint8_t *gray, int width, int height, size_t stride, double threshold) override
  {
    std::vector<dlib::rect_detection> found;
    std::vector<lk::Detection> out;

    image_.set_size (height, width);
    for (int r = 0; r < height; r++)
      std::memcpy (&image_[r][0], gray + (size_t) r * stride, (size_t) width);
    detector_ (image_, found, threshold);
    for (const auto &d : found)
      out.push_back ({ d.rect.left (), d.rect.top (), d.rect.right (), d.rect.bottom (), d.detection_confidence });
    return out;
  }

  std::unique_ptr<lk::HogDetector>
  clone () const override
  {
    return std::make_unique<Detector> (detector_);
  }

  const char *
  variant () const override
  {
    return LK_DETECT_VARIANT;
  }

private:
  dlib::frontal_face_detector detector_;
  dlib::array2d<unsigned char> image_;
};

std::unique_ptr<lk::HogDetector>
new_detector (const std::string &serialized)
{
  std::istringstream in (serialized);
  dlib::frontal_face_detector detector;

  dlib::deserialize (detector, in);
  if (detector.num_detectors () == 0)
    throw std::runtime_error ("the face detector has no filters");
  return std::make_unique<Detector> (detector);
}

} /* namespace */

#if defined(LK_AVX2_MODULE)

extern "C" __attribute__ ((visibility ("default"))) lk::HogDetector *
lk_hog_detector_new (const char *serialized, size_t len, char **error)
{
  try
    {
      return new_detector (std::string (serialized, len)).release ();
    }
  catch (const std::exception &e)
    {
      *error = g_strdup (e.what ());
      return nullptr;
    }
}

#else

std::string
lk::hog_detector_builtin ()
{
  std::ostringstream out;

  dlib::serialize (dlib::get_frontal_face_detector (), out);
  return out.str ();
}

std::unique_ptr<lk::HogDetector>
lk::hog_detector_new (const std::string &serialized, bool force_baseline)
{
  auto avx2 = force_baseline ? nullptr : (LkHogDetectorNewFunc) lk::avx2_module_symbol ("lk_hog_detector_new");

  if (avx2 != nullptr)
    {
      g_autofree char *error = NULL;
      HogDetector *detector = avx2 (serialized.data (), serialized.size (), &error);

      if (detector == nullptr)
        throw std::runtime_error (error);
      return std::unique_ptr<HogDetector> (detector);
    }
  return new_detector (serialized);
}

#endif
