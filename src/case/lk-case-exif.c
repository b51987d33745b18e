#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <gexiv2/gexiv2.h>
#include <stdio.h>
#include <string.h>

#include "lk-case-private.h"

/* EXIF facts recorded with a photo: capture time, camera, GPS.  Missing or
 * unreadable metadata is normal (scans, screenshots) and leaves the fields
 * NULL; it is never an import error. */

static gpointer
init_exiv2 (gpointer data)
{
  gexiv2_initialize ();
  return NULL;
}

static char *
get_tag (GExiv2Metadata *meta, const char *tag)
{
  g_autoptr(GError) error = NULL;
  char *value;

  if (!gexiv2_metadata_try_has_tag (meta, tag, NULL))
    return NULL;
  value = gexiv2_metadata_try_get_tag_string (meta, tag, &error);
  if (value != NULL && (!g_utf8_validate (value, -1, NULL) || lk_case_is_blank (value)))
    g_clear_pointer (&value, g_free);
  return value != NULL ? g_strstrip (value) : NULL;
}

/* EXIF writes "2019:05:01 12:34:56" in the camera's local time, zone unknown:
 * kept as "2019-05-01T12:34:56" without a zone. */
static char *
exif_time_to_iso (const char *value)
{
  int y, mo, d, h, mi, s;

  if (value == NULL || sscanf (value, "%d:%d:%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 ||
      y < 1800 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
}

void
lk_case_exif_read (const char *path, LkPhoto *photo)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GExiv2Metadata) meta = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  double lon = 0, lat = 0, alt = 0;

  g_once (&once, init_exiv2, NULL);
  meta = gexiv2_metadata_new ();
  if (!gexiv2_metadata_open_path (meta, path, &error))
    return;
  if (!gexiv2_metadata_has_exif (meta))
    return;
  time = get_tag (meta, "Exif.Photo.DateTimeOriginal");
  if (time == NULL)
    time = get_tag (meta, "Exif.Image.DateTime");
  photo->exif_time = exif_time_to_iso (time);
  photo->camera_make = get_tag (meta, "Exif.Image.Make");
  photo->camera_model = get_tag (meta, "Exif.Image.Model");
  if (gexiv2_metadata_try_has_tag (meta, "Exif.GPSInfo.GPSLatitude", NULL) &&
      gexiv2_metadata_try_get_gps_info (meta, &lon, &lat, &alt, NULL))
    {
      photo->has_gps = TRUE;
      photo->gps_latitude = lat;
      photo->gps_longitude = lon;
      photo->gps_altitude = alt;
    }
}
