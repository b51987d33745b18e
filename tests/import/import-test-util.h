/* Helpers shared by the import tests and benchmark: photos made by the tests
 * themselves (from the npm package's demo samples, never files copied into
 * the repository), cases in temporary folders, the CLI, consistency checks. */
#pragma once

#include <gio/gio.h>

#include "case/lk-case.h"
#include "vision/lk-vision.h"

G_BEGIN_DECLS

#define ITU_ANALYST "Test Analyst"

/* $LIKENESS_MODEL_PACKAGE_DIR/demo/sampleN.jpg (N = 1..6), or NULL when the
 * package is not there (the caller then skips). */
char      *itu_sample_path     (guint n);
/* Skips the current test and returns FALSE when the samples or the models are missing. */
gboolean   itu_require_engine  (LkFaceEngine **out_engine);

/* A JPEG with a comment segment holding `comment` inserted after SOI: the
 * same picture, a different SHA-256. */
GBytes    *itu_jpeg_with_comment (GBytes *jpeg, const char *comment);
/* Sample n (1..6) scaled to max_side, as JPEG bytes. */
GBytes    *itu_scaled_sample   (guint n, int max_side);
/* Writes n distinct photos photo-NNN.jpg into dir (made if missing), cycling
 * through the six samples at max_side; returns their paths. */
GPtrArray *itu_make_photos     (const char *dir, guint n, int max_side);
/* The RGB rectangle of an image as a BMP file's bytes. */
GBytes    *itu_crop_bmp        (const LkImage *image, int x, int y, int width, int height);
/* Packed RGB rows as a 24-bit BMP file's bytes. */
GBytes    *itu_rgb_to_bmp      (const guint8 *rgb, int width, int height);
/* Copies a rectangle of image into dst (packed RGB, dst_width wide) at column dst_x. */
void       itu_copy_rect       (const LkImage *image, int x, int y, int width, int height,
                                guint8 *dst, int dst_width, int dst_x);

/* A photo with exactly one face and one with exactly two (crops of sample 1). */
void       itu_make_reference_photos (LkFaceEngine *engine, const char *one_path,
                                      const char *two_path);

char      *itu_tmp_dir         (const char *template);
void       itu_rm_rf           (const char *path);
void       itu_write_file      (const char *path, const void *data, gsize size);

/* A new case folder inside parent; returned open read-write. */
LkCase    *itu_new_case        (const char *parent, char **out_path);

/* Runs $LIKENESS_CLI with args (NULL-terminated); returns its exit code. */
int        itu_run_cli         (const char * const *args, char **out_stdout, char **out_stderr);
const char *itu_cli_path       (void);

/* Asserts the case is whole: PRAGMA integrity_check, every photo once by
 * SHA-256 and analysed, no face twice, one evidence file per photo and no
 * other file (orphan or temporary) in evidence/, the audit chain and the
 * evidence verify.  Returns the number of photos. */
guint      itu_assert_case_consistent (const char *case_path);

G_END_DECLS
