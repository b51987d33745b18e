/* lk-face-detect.hpp — dlib's HOG frontal face detector behind a plain C++
 * interface (no dlib or OpenCV type in here).
 *
 * Why a separate interface: HOG detection is most of the time spent on a
 * photo, and dlib vectorises it with AVX only when compiled for AVX (measured
 * here: 4.6 → 6.1 photos/s).  lk-face-detect.cpp is therefore compiled twice:
 * into the face engine for the baseline x86-64, and into the AVX2 module
 * (lk-avx2-module.hpp), which hog_detector_new() uses where it loads.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lk {

struct Detection
{
  long left, top, right, bottom;  /* inclusive, as dlib::rectangle */
  double score;
};

class HogDetector
{
public:
  virtual ~HogDetector () = default;
  /* Detections in an 8-bit gray image; each thread needs its own copy (clone). */
  virtual std::vector<Detection> detect (const uint8_t *gray, int width, int height, size_t stride,
                                         double threshold) = 0;
  virtual std::unique_ptr<HogDetector> clone () const = 0;
  /* "avx2" or "baseline": which build of dlib's HOG code runs. */
  virtual const char *variant () const = 0;
};

/* A detector from dlib's serialisation of frontal_face_detector (the file the
 * build writes, see resources/models), for the best variant this processor
 * runs; `force_baseline` picks the baseline one.  Throws on malformed data. */
std::unique_ptr<HogDetector> hog_detector_new (const std::string &serialized, bool force_baseline = false);

/* dlib's built-in frontal face detector, serialised (slow: ~0.5 s of decoding;
 * only when the build's file is missing). */
std::string hog_detector_builtin ();

} /* namespace lk */

/* The module's one entry point: a detector, or NULL with *error set to a
 * g_malloc'ed message. */
extern "C" lk::HogDetector *lk_hog_detector_new (const char *serialized, size_t len, char **error);
extern "C" typedef lk::HogDetector *(*LkHogDetectorNewFunc) (const char *serialized, size_t len, char **error);
