/* lk-vision-test-util.h — writers for test images (PNG by hand with zlib,
 * JPEG and CMYK JPEG with libjpeg, WebP with libwebp, BMP and TIFF by hand)
 * and the paths of the sample photos. */
#pragma once

#include "vision/lk-vision.h"

G_BEGIN_DECLS

/* channels 1 (gray), 3 (RGB) or 4 (RGBA); depth 8 or 16 (samples big-endian as PNG stores them). */
GBytes  *lkt_png          (const guint8 *pixels, int width, int height, int channels, int depth);
/* A width × height PNG of one colour (`pixel`: channels × depth/8 bytes), made without
 * holding the picture: a 9000 × 9000 16-bit RGBA one is under 1 MB. */
GBytes  *lkt_png_flat     (guint32 width, guint32 height, int channels, int depth, const guint8 *pixel);
/* An IHDR claiming width × height, one tiny IDAT and IEND: decoding it would need the full size. */
GBytes  *lkt_png_header_only (guint32 width, guint32 height);
GBytes  *lkt_jpeg_rgb     (const guint8 *rgb, int width, int height, int quality);
GBytes  *lkt_jpeg_cmyk    (const guint8 *rgb, int width, int height);
/* Inserts an APP1 Exif segment with the given orientation right after SOI. */
GBytes  *lkt_jpeg_with_orientation (GBytes *jpeg, int orientation);
GBytes  *lkt_webp_rgb     (const guint8 *rgb, int width, int height);
GBytes  *lkt_bmp_rgb      (const guint8 *rgb, int width, int height);
GBytes  *lkt_tiff_rgb     (const guint8 *rgb, int width, int height);

/* Writes bytes to a new file in a fresh temp dir (removed by lkt_cleanup); returns its path. */
char    *lkt_write_temp   (const char *name, const void *data, gsize len);
void     lkt_cleanup      (void);

/* $LIKENESS_MODEL_PACKAGE_DIR/demo/sampleN.jpg, or NULL (and the test skipped) when absent. */
char    *lkt_sample_path  (int n);
/* Loads a sample photo (skips the test and returns NULL when absent). */
LkImage *lkt_load_sample  (int n);
/* The engine shared by a test program (loaded once). */
LkFaceEngine *lkt_engine  (void);

/* Pixel helpers. */
guint8  *lkt_rotate_ccw   (const guint8 *rgb, int width, int height);
guint8  *lkt_mirror       (const guint8 *rgb, int width, int height);
guint8  *lkt_scale_half   (const guint8 *rgb, int width, int height);

G_END_DECLS
