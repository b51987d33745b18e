/* lk-vision.h — the face engine's C interface.
 *
 * Implemented in C++ over dlib and OpenCV (lk-*.cpp beside this file); no C++
 * type crosses this header and every exception becomes a GError in
 * LK_VISION_ERROR.  Thread-safety: an LkFaceEngine may be used from any number
 * of threads at once; LkImage and LkFace are plain values owned by one caller.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_DESCRIPTOR_DIM 128
#define LK_LANDMARK_COUNT 68
#define LK_CHIP_SIZE 150
/* The distance dlib's descriptor network was trained to separate people at. */
#define LK_MATCH_THRESHOLD 0.6
/* Default limit on decoded pixels: refused before decoding. */
#define LK_DEFAULT_MAX_PIXELS (100u * 1000u * 1000u)
/* Default budget for decoding memory, shared by every decode in the process. */
#define LK_DEFAULT_DECODE_BUDGET ((guint64) 768 * 1024 * 1024)

#define LK_VISION_ERROR (lk_vision_error_quark ())
GQuark lk_vision_error_quark (void);

typedef enum {
  LK_VISION_ERROR_NOT_FOUND,    /* no such file, or it cannot be read */
  LK_VISION_ERROR_EMPTY,        /* the file has no bytes */
  LK_VISION_ERROR_NOT_AN_IMAGE, /* the content is no image format we read */
  LK_VISION_ERROR_CORRUPT,      /* truncated or damaged image data */
  LK_VISION_ERROR_TOO_LARGE,    /* more pixels than the limit, or more decoding memory than the budget */
  LK_VISION_ERROR_MODEL,        /* a model file is missing or not the expected network */
  LK_VISION_ERROR_INVALID,      /* a bad argument, e.g. a box outside the image */
  LK_VISION_ERROR_CANCELLED,    /* never used: cancellation reports G_IO_ERROR_CANCELLED */
  LK_VISION_ERROR_INTERNAL,     /* an unexpected failure inside dlib or OpenCV */
} LkVisionError;

typedef enum {
  LK_DETECT_DEFAULT,  /* upsample small photos so faces of ~40 px are found; ~80 px in large ones */
  LK_DETECT_THOROUGH, /* upsample every photo once (slower, finds smaller faces) */
} LkDetectMode;

typedef struct {
  int x, y, width, height; /* pixels, in the orientation-corrected image */
} LkBox;

typedef enum {
  LK_QUALITY_OK = 0,
  LK_QUALITY_SMALL = 1 << 0,    /* face box under 60 px */
  LK_QUALITY_BLURRY = 1 << 1,   /* low variance of the Laplacian on the chip */
  LK_QUALITY_DARK = 1 << 2,
  LK_QUALITY_BRIGHT = 1 << 3,
  LK_QUALITY_LOW_CONTRAST = 1 << 4,
  LK_QUALITY_TURNED = 1 << 5,   /* |yaw| over 45 degrees */
} LkQualityFlags;

typedef struct {
  int size_px;          /* the larger side of the face box */
  double sharpness;     /* variance of the Laplacian of the gray chip */
  double brightness;    /* mean gray level of the chip, 0..255 */
  double contrast;      /* standard deviation of the gray chip */
  double yaw_degrees;   /* approximate, from the landmarks; + = turned to the image's right */
  LkQualityFlags flags; /* LK_QUALITY_OK when good */
} LkFaceQuality;

gboolean     lk_face_quality_is_good  (const LkFaceQuality *quality);
/* A short human sentence: "good", or the reasons, e.g. "small (42 px), blurry". */
char        *lk_face_quality_describe (const LkFaceQuality *quality);

typedef struct {
  LkBox          box;
  float          landmarks[LK_LANDMARK_COUNT][2];
  LkFaceQuality  quality;
  float          descriptor[LK_DESCRIPTOR_DIM];
  gboolean       has_descriptor;
  double         detector_score;               /* HOG confidence; 0 for manual boxes */
  guint8        *chip_rgb;                     /* LK_CHIP_SIZE² × 3 RGB bytes, owned */
} LkFace;

void         lk_face_free             (LkFace *face);
LkFace      *lk_face_copy             (const LkFace *face);
/* The aligned chip as PNG or JPEG bytes (for storage and display). */
GBytes      *lk_face_encode_chip      (const LkFace *face, gboolean jpeg, GError **error);

float        lk_descriptor_distance   (const float *a, const float *b);

/* A decoded, orientation-corrected 8-bit RGB image. */
typedef struct _LkImage LkImage;

/* Loading estimates each image's decoding memory from its header (file bytes,
 * the decoder's buffer, our conversions) and waits until that much of the
 * process-wide decode budget is free, so parallel loads stay under it; an
 * image whose estimate alone is over the budget is refused (TOO_LARGE).
 * Only regular files are read: a FIFO, device or socket is refused at once. */
LkImage     *lk_image_load            (const char *path, guint64 max_pixels, GError **error);
LkImage     *lk_image_load_bytes      (GBytes *bytes, guint64 max_pixels, GError **error);
/* The process-wide decode budget in bytes; 0 restores the default:
 * $LIKENESS_DECODE_BUDGET_MB (mebibytes) when set, else LK_DEFAULT_DECODE_BUDGET. */
void         lk_image_set_decode_budget (guint64 bytes);
guint64      lk_image_get_decode_budget (void);
/* The decoding memory lk_image_load_bytes would reserve for these bytes, from the header;
 * 0 when the header cannot be read. */
guint64      lk_image_estimate_decode_memory (GBytes *bytes);

void         lk_image_free            (LkImage *image);
int          lk_image_get_width       (const LkImage *image);
int          lk_image_get_height      (const LkImage *image);
/* HEIC/HEIF and AVIF files can hold several top-level images; the primary one
 * is decoded (what cameras and viewers show) and this says how many others
 * the file holds, undecoded; 0 for every other format. */
guint        lk_image_get_other_images (const LkImage *image);
/* Tightly packed RGB rows (stride = width × 3), valid while the image lives. */
const guint8*lk_image_get_rgb         (const LkImage *image);
/* Scaled to fit max_side (aspect kept) and encoded; for thumbnails and previews. */
GBytes      *lk_image_encode_scaled   (const LkImage *image, int max_side, gboolean jpeg, GError **error);

typedef struct {
  char    *descriptor_model; /* NULL: $LIKENESS_DESCRIPTOR_MODEL, then the built/installed one */
  char    *landmark_model;   /* NULL: $LIKENESS_LANDMARK_MODEL, then libdlib-data's */
  guint    n_workers;        /* 0: one per core */
  gboolean dlib_forward;     /* TRUE: describe with dlib's own forward pass (slower; the
                              * reference the batched pass is tested against) */
  gboolean baseline_build;   /* TRUE: the baseline builds of the HOG detector and the forward
                              * pass even where the AVX2 ones would run (for comparisons) */
  guint64  decode_budget;    /* bytes all image decoding in the process may use at once
                              * (lk_image_set_decode_budget); 0: leave it as it is
                              * (LK_DEFAULT_DECODE_BUDGET unless set) */
} LkEngineOptions;

typedef struct {
  LkDetectMode mode;
  int          upsample;        /* -1: decided by mode; 0..2 forces it */
  gboolean     descriptors;     /* compute descriptors (and chips) */
  guint64      max_pixels;      /* 0: LK_DEFAULT_MAX_PIXELS */
} LkAnalyzeOptions;

#define LK_ANALYZE_OPTIONS_INIT { LK_DETECT_DEFAULT, -1, TRUE, 0 }

#define LK_TYPE_FACE_ENGINE (lk_face_engine_get_type ())
G_DECLARE_FINAL_TYPE (LkFaceEngine, lk_face_engine, LK, FACE_ENGINE, GObject)

/* Loads the models (≈1 s).  Prefer lk_face_engine_get_default(): models load once per process. */
LkFaceEngine *lk_face_engine_new          (const LkEngineOptions *options, GError **error);
/* The process-wide engine, loaded on first use; thread-safe.  Returns a new reference. */
LkFaceEngine *lk_face_engine_get_default  (GError **error);
const char   *lk_face_engine_get_model_id (LkFaceEngine *self); /* e.g. "dlib-resnet-v1:7eccf2a8" */
const char   *lk_face_engine_get_descriptor_model_path (LkFaceEngine *self);
const char   *lk_face_engine_get_landmark_model_path   (LkFaceEngine *self);
/* Which build of the HOG detector runs: "avx2" or "baseline". */
const char   *lk_face_engine_get_detector_variant     (LkFaceEngine *self);

/* Detect, landmark, align and describe every face; faces sorted largest first.
 * Blocking: call from a worker thread. */
GPtrArray    *lk_face_engine_analyze      (LkFaceEngine *self, const LkImage *image,
                                           const LkAnalyzeOptions *options,
                                           GCancellable *cancellable, GError **error);
/* A face the analyst boxed by hand: landmarks inside the box, chip, descriptor. */
LkFace       *lk_face_engine_analyze_box  (LkFaceEngine *self, const LkImage *image,
                                           const LkBox *box, GError **error);
/* Descriptors for already-aligned 150×150 RGB chips (n chips, packed), in parallel. */
gboolean      lk_face_engine_describe_chips (LkFaceEngine *self, const guint8 *chips_rgb,
                                             guint n_chips, float *descriptors_out,
                                             GCancellable *cancellable, GError **error);

/* Batch over files on all workers.  `result` is called once per file, in no
 * particular order, from a worker thread but never two at once (so it may
 * write to a case store without further locking); faces is NULL on error.
 * `progress` likewise.  A callback may call into the engine again (no worker
 * is held while it runs).  Returns FALSE only when cancelled or the engine fails;
 * a bad file is reported through `result`, not as a batch failure. */
typedef void (*LkBatchResultFunc)   (guint index, const char *path, int width, int height,
                                     GPtrArray *faces, const GError *error, gpointer user_data);
typedef void (*LkBatchProgressFunc) (guint done, guint total, gpointer user_data);

gboolean      lk_face_engine_analyze_files (LkFaceEngine *self, const char * const *paths,
                                            guint n_paths, const LkAnalyzeOptions *options,
                                            LkBatchResultFunc result, LkBatchProgressFunc progress,
                                            gpointer user_data, GCancellable *cancellable,
                                            GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFace, lk_face_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImage, lk_image_free)

G_END_DECLS
