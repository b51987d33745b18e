/* lk-face.c — the plain LkFace value: copying, freeing, distances and the
 * quality verdict.  (Measuring quality needs OpenCV: lk-image.cpp.) */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lk-vision-private.h"

/* Quality thresholds.  They flag faces an analyst should not lean on, not
 * faces the network cannot describe: every face in the npm package's six
 * sample photos (ordinary, sharp 1920-px photos, faces 80-250 px) is "good".
 * - size: under 60 px the box holds too little detail for an identification
 *   (the header's contract; HOG itself finds faces down to ~40 px upsampled).
 * - sharpness: the variance of the Laplacian on the 150 × 150 gray chip.  The
 *   chip is resampled to one size, so the figure does not depend on the
 *   photo's size.  Faces in the six samples score 34-540 (the softest is a
 *   turned face in sample 5); the sharpest of them blurred (scaled to 1/8 and
 *   back) scores 14.  The line sits between, at 25.
 * - brightness: mean gray under 45 is mostly shadow, over 215 burnt out.
 * - contrast: a gray standard deviation under 18 is a flat, washed-out face.
 * - yaw: past ~45 degrees (as estimated from the landmarks, which reads a
 *   little high) much of one side is hidden and the descriptor
 *   (trained on mostly frontal faces) becomes unreliable. */
#define LK_QUALITY_MIN_SIZE 60
#define LK_QUALITY_MIN_SHARPNESS 25.0
#define LK_QUALITY_MIN_BRIGHTNESS 45.0
#define LK_QUALITY_MAX_BRIGHTNESS 215.0
#define LK_QUALITY_MIN_CONTRAST 18.0
#define LK_QUALITY_MAX_YAW 45.0

LkQualityFlags
_lk_face_quality_flags (const LkFaceQuality *q)
{
  LkQualityFlags flags = LK_QUALITY_OK;

  if (q->size_px < LK_QUALITY_MIN_SIZE)
    flags |= LK_QUALITY_SMALL;
  if (q->sharpness < LK_QUALITY_MIN_SHARPNESS)
    flags |= LK_QUALITY_BLURRY;
  if (q->brightness < LK_QUALITY_MIN_BRIGHTNESS)
    flags |= LK_QUALITY_DARK;
  if (q->brightness > LK_QUALITY_MAX_BRIGHTNESS)
    flags |= LK_QUALITY_BRIGHT;
  if (q->contrast < LK_QUALITY_MIN_CONTRAST)
    flags |= LK_QUALITY_LOW_CONTRAST;
  if (fabs (q->yaw_degrees) > LK_QUALITY_MAX_YAW)
    flags |= LK_QUALITY_TURNED;
  return flags;
}

gboolean
lk_face_quality_is_good (const LkFaceQuality *quality)
{
  g_return_val_if_fail (quality != NULL, FALSE);
  return quality->flags == LK_QUALITY_OK;
}

char *
lk_face_quality_describe (const LkFaceQuality *q)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (q != NULL, NULL);

  if (q->flags == LK_QUALITY_OK)
    return g_strdup (_("good"));
  if (q->flags & LK_QUALITY_SMALL)
    g_ptr_array_add (reasons, g_strdup_printf (_("small (%d px)"), q->size_px));
  if (q->flags & LK_QUALITY_BLURRY)
    g_ptr_array_add (reasons, g_strdup (_("blurry")));
  if (q->flags & LK_QUALITY_DARK)
    g_ptr_array_add (reasons, g_strdup (_("dark")));
  if (q->flags & LK_QUALITY_BRIGHT)
    g_ptr_array_add (reasons, g_strdup (_("overexposed")));
  if (q->flags & LK_QUALITY_LOW_CONTRAST)
    g_ptr_array_add (reasons, g_strdup (_("low contrast")));
  if (q->flags & LK_QUALITY_TURNED)
    /* Translators: the face is turned away from the camera by this many degrees */
    g_ptr_array_add (reasons, g_strdup_printf (_("turned (%.0f°)"), fabs (q->yaw_degrees)));
  g_ptr_array_add (reasons, NULL);
  return g_strjoinv (", ", (char **) reasons->pdata);
}

void
lk_face_free (LkFace *face)
{
  if (face == NULL)
    return;
  g_free (face->chip_rgb);
  g_free (face);
}

LkFace *
lk_face_copy (const LkFace *face)
{
  LkFace *copy;

  g_return_val_if_fail (face != NULL, NULL);

  copy = g_memdup2 (face, sizeof *face);
  if (face->chip_rgb != NULL)
    copy->chip_rgb = g_memdup2 (face->chip_rgb, LK_CHIP_SIZE * LK_CHIP_SIZE * 3);
  return copy;
}

float
lk_descriptor_distance (const float *a, const float *b)
{
  float sum = 0;

  g_return_val_if_fail (a != NULL && b != NULL, INFINITY);

  for (int i = 0; i < LK_DESCRIPTOR_DIM; i++)
    {
      float d = a[i] - b[i];
      sum += d * d;
    }
  return sqrtf (sum);
}
