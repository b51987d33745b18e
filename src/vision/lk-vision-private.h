/* lk-vision-private.h — shared between the face engine's own files only.
 *
 * The C side (lk-face-engine.c: the GObject, the worker pool, the batch) talks
 * to the dlib side (lk-face-models.cpp) through the opaque types below, so
 * that only one translation unit pays for dlib's headers.
 */
#pragma once

#include "lk-vision.h"

G_BEGIN_DECLS

typedef enum {
  LK_IMAGE_FORMAT_UNKNOWN,
  LK_IMAGE_FORMAT_JPEG,
  LK_IMAGE_FORMAT_PNG,
  LK_IMAGE_FORMAT_WEBP,
  LK_IMAGE_FORMAT_TIFF,
  LK_IMAGE_FORMAT_BMP,
  LK_IMAGE_FORMAT_HEIF,         /* HEIC and other HEIF brands, through libheif */
  LK_IMAGE_FORMAT_AVIF,         /* AV1 in HEIF, through libheif */
} LkImageFormat;

typedef struct {
  LkImageFormat format;
  guint32       width;        /* as stored, before the orientation is applied */
  guint32       height;
  int           orientation;  /* EXIF 1..8; 1 when absent */
  guint         channels;     /* what the decoder produces: 1, 3 or 4 (alpha) */
  guint         sample_bytes; /* bytes a decoded sample takes: 1, 2 (16-bit) or 4 (float) */
  guint         other_images; /* HEIF: top-level images besides the primary (not decoded) */
} LkImageInfo;

/* Reads the format, size and EXIF orientation from the header and checks the
 * container is complete (JPEG EOI, PNG IEND, BMP pixel array), without decoding. */
gboolean     _lk_image_sniff            (const guint8 *data, gsize len, LkImageInfo *info,
                                         GError **error);
const char  *_lk_image_format_name      (LkImageFormat format);
/* Decoding memory for an image of `info` held in `file_bytes` bytes (lk-image.cpp). */
guint64      _lk_image_decode_estimate  (const LkImageInfo *info, gsize file_bytes);
/* HEIF and AVIF (lk-image-heif.c): the format from the `ftyp` brands (UNKNOWN
 * when not HEIF); the sniff of a complete file; the primary image decoded to
 * packed 8-bit RGB (g_free), transforms applied, alpha over white. */
LkImageFormat _lk_heif_detect           (const guint8 *data, gsize len);
gboolean     _lk_heif_sniff             (const guint8 *data, gsize len, LkImageInfo *info,
                                         GError **error);
guint8      *_lk_heif_decode_rgb        (const guint8 *data, gsize len, const LkImageInfo *info,
                                         GError **error);
/* An image over an RGB buffer (stride = width × 3) allocated with g_malloc;
 * the image takes it (video frames, lk-video.cpp). */
LkImage     *_lk_image_new_take_rgb     (int width, int height, guint8 *rgb);
/* The EXIF orientation (1..8) in a TIFF-structured EXIF block, or 1. */
int          _lk_exif_orientation       (const guint8 *tiff, gsize len);

/* Fills face->quality from the chip, the box and the landmarks. */
void         _lk_face_measure_quality   (LkFace *face);
/* The flags for measured values (thresholds in lk-face.c). */
LkQualityFlags _lk_face_quality_flags   (const LkFaceQuality *quality);

/* Everything loaded from the model files, shared read-only by all workers. */
typedef struct _LkFaceModels LkFaceModels;
/* One thread's own detector and network copy. */
typedef struct _LkFaceWorker LkFaceWorker;

LkFaceModels *_lk_face_models_load      (const char *descriptor_path, const char *landmark_path,
                                         const LkEngineOptions *options, GError **error);
void          _lk_face_models_free      (LkFaceModels *models);
const char   *_lk_face_models_detector_variant (LkFaceModels *models);

LkFaceWorker *_lk_face_worker_new       (LkFaceModels *models, GError **error);
void          _lk_face_worker_free      (LkFaceWorker *worker);
GPtrArray    *_lk_face_worker_analyze   (LkFaceWorker *worker, const LkImage *image,
                                         const LkAnalyzeOptions *options,
                                         GCancellable *cancellable, GError **error);
LkFace       *_lk_face_worker_analyze_box (LkFaceWorker *worker, const LkImage *image,
                                           const LkBox *box, GError **error);
gboolean      _lk_face_worker_describe_chips (LkFaceWorker *worker, const guint8 *chips_rgb,
                                              guint n_chips, float *descriptors_out,
                                              GCancellable *cancellable, GError **error);

/* The upsampling the default and thorough modes choose for a width × height photo. */
int           _lk_detect_upsample_for   (LkDetectMode mode, int width, int height);

G_END_DECLS
