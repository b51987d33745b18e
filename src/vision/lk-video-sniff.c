/* lk-video-sniff.c — video containers recognised by content, not by name. */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-video.h"

/* Matroska and WebM share the EBML header; its DocType says which. */
static LkVideoFormat
sniff_ebml (const guint8 *data, gsize len)
{
  for (gsize i = 4; i + 4 <= len; i++)
    {
      if (memcmp (data + i, "webm", 4) == 0)
        return LK_VIDEO_FORMAT_WEBM;
      if (i + 8 <= len && memcmp (data + i, "matroska", 8) == 0)
        return LK_VIDEO_FORMAT_MKV;
    }
  return LK_VIDEO_FORMAT_UNKNOWN;
}

/* ISO base media (MP4, MOV): an "ftyp" box first, whose brand "qt  " is
 * QuickTime; old QuickTime files start with another top-level atom. */
static LkVideoFormat
sniff_iso (const guint8 *data, gsize len)
{
  static const char * const qt_atoms[] = { "moov", "mdat", "wide", "free", "skip" };

  if (len < 12)
    return LK_VIDEO_FORMAT_UNKNOWN;
  if (memcmp (data + 4, "ftyp", 4) == 0)
    {
      if (memcmp (data + 8, "qt  ", 4) == 0)
        return LK_VIDEO_FORMAT_MOV;
      /* HEIF and AVIF images are ISO files too: not videos. */
      if (memcmp (data + 8, "hei", 3) == 0 || memcmp (data + 8, "mif1", 4) == 0 ||
          memcmp (data + 8, "avif", 4) == 0 || memcmp (data + 8, "msf1", 4) == 0)
        return LK_VIDEO_FORMAT_UNKNOWN;
      return LK_VIDEO_FORMAT_MP4;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (qt_atoms); i++)
    if (memcmp (data + 4, qt_atoms[i], 4) == 0)
      return LK_VIDEO_FORMAT_MOV;
  return LK_VIDEO_FORMAT_UNKNOWN;
}

LkVideoFormat
lk_video_sniff (const guint8 *data, gsize len)
{
  g_return_val_if_fail (data != NULL || len == 0, LK_VIDEO_FORMAT_UNKNOWN);

  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "AVI ", 4) == 0)
    return LK_VIDEO_FORMAT_AVI;
  if (len >= 4 && memcmp (data, "\x1a\x45\xdf\xa3", 4) == 0)
    return sniff_ebml (data, len);
  return sniff_iso (data, len);
}

LkVideoFormat
lk_video_sniff_file (const char *path)
{
  guint8 head[64];
  gssize n;
  struct stat st;
  /* Non-blocking and checked to be a regular file: a FIFO is never read. */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    return LK_VIDEO_FORMAT_UNKNOWN;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return LK_VIDEO_FORMAT_UNKNOWN;
    }
  n = read (fd, head, sizeof head);
  close (fd);
  return n > 0 ? lk_video_sniff (head, n) : LK_VIDEO_FORMAT_UNKNOWN;
}

const char *
lk_video_format_name (LkVideoFormat format)
{
  switch (format)
    {
    case LK_VIDEO_FORMAT_MP4: return "MP4";
    case LK_VIDEO_FORMAT_MOV: return "QuickTime";
    case LK_VIDEO_FORMAT_MKV: return "Matroska";
    case LK_VIDEO_FORMAT_WEBM: return "WebM";
    case LK_VIDEO_FORMAT_AVI: return "AVI";
    case LK_VIDEO_FORMAT_UNKNOWN:
    default: return "unknown";
    }
}
