#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-case-private.h"
#include "lk-case-video.h"

/* Evidence custody: each original is kept byte for byte as evidence/SHA256[.ext],
 * written to a temporary file, fsynced, renamed into place (so a crash leaves
 * either nothing or the whole file), then made read-only. */

/* ".jpg" from "IMG_001.JPG"; "" when the name has none or a strange one. */
char *lk_case_evidence_extension (const char *path);

char *
lk_case_evidence_extension (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base || strlen (dot) > 10 || dot[1] == '\0')
    return g_strdup ("");
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup ("");
  return g_ascii_strdown (dot, -1);
}

static gboolean
io_error (GError **error, int saved, const char *what_fmt, const char *path)
{
  g_autofree char *what = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* what_fmt is always one of our translated literals with one %s. */
  what = g_strdup_printf (what_fmt, path);
#pragma GCC diagnostic pop
  /* A full disk is said in the same words as when the database fills it
   * (lk-sqlite.c), whichever write happens to hit it first. */
  if (saved == ENOSPC || saved == EDQUOT)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_DISK_FULL,
                 _("The disk holding the case is full (%s: %s); nothing of this change was written. "
                   "Free some space and try again."), what, g_strerror (saved));
  else
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, "%s: %s", what, g_strerror (saved));
  return FALSE;
}

/* What stands at an evidence path, seen without following a link or opening it. */
typedef enum {
  FILE_REGULAR,
  FILE_MISSING,
  FILE_LINK,
  FILE_SPECIAL,   /* a pipe, device, socket or folder: opening or reading it may block */
  FILE_ERROR,
} FileKind;

static FileKind
file_kind (const char *path, int *out_errno)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      *out_errno = errno;
      return errno == ENOENT ? FILE_MISSING : FILE_ERROR;
    }
  if (S_ISLNK (st.st_mode))
    return FILE_LINK;
  return S_ISREG (st.st_mode) ? FILE_REGULAR : FILE_SPECIAL;
}

/* Opens a regular file for reading and nothing else: O_NOFOLLOW so a link
 * planted in place of evidence is not read, O_NONBLOCK so a pipe swapped in
 * after the lstat cannot block the open, fstat to be sure of what was opened. */
static int
open_regular (const char *path, gboolean follow, GError **error)
{
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
  int fd = g_open (path, flags, 0);
  struct stat st;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, LK_CASE_ERROR, saved == ENOENT ? LK_CASE_ERROR_NOT_FOUND : LK_CASE_ERROR_IO,
                   saved == ELOOP ? _("%s is a symbolic link, not a file; it is not read")
                                  : _("Cannot read %s: %s"), path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO,
                   _("%s is not a regular file (a pipe, device, socket or folder); it is not read"), path);
      return -1;
    }
  return fd;
}

/* Streams an open file through SHA-256 (evidence can be large). */
static char *
hash_fd (int fd, const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (1 << 20);
  gssize n;

  while ((n = read (fd, buf, 1 << 20)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot read %s: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_checksum_update (sum, buf, n);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
write_all (int fd, const guint8 *data, gsize size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      size -= n;
    }
  return TRUE;
}

/* Does an existing evidence file hold exactly these bytes? */
static gboolean
existing_matches (const char *path, const char *sha256)
{
  g_autofree char *hex = NULL;
  int fd = open_regular (path, FALSE, NULL);

  if (fd < 0)
    return FALSE;
  hex = hash_fd (fd, path, NULL, NULL);
  close (fd);
  return g_strcmp0 (hex, sha256) == 0;
}

static gboolean
write_evidence (const char *dir, const char *final_path, GBytes *bytes, GError **error)
{
  g_autofree char *tmp = g_build_filename (dir, ".incoming-XXXXXX", NULL);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  int dir_fd;

  if (fd < 0)
    return io_error (error, errno, _("Cannot create a file in %s"), dir);
  if (!write_all (fd, data, size) || fsync (fd) != 0 || fchmod (fd, 0444) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);   /* our own unfinished copy, never evidence */
      return io_error (error, saved, _("Cannot write the evidence file %s"), final_path);
    }
  close (fd);
  if (g_rename (tmp, final_path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return io_error (error, saved, _("Cannot store the evidence file %s"), final_path);
    }
  /* Make the rename itself durable. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

gboolean
lk_case_store_evidence (LkCase *self, const char *path, GBytes *bytes, char **out_sha256, GError **error)
{
  g_autoptr(GBytes) owned = NULL;
  g_autoptr(GMappedFile) map = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *name = NULL;
  g_autofree char *final_path = NULL;
  int saved = 0;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_sha256 != NULL, FALSE);

  if (lk_case_is_read_only (self))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY, _("The case is open read-only; nothing can be added."));
      return FALSE;
    }
  if (bytes == NULL)
    {
      /* The original is named by the caller and may be a link; it must still
       * be a regular file, or mapping it would block on a pipe. */
      int fd = open_regular (path, TRUE, error);

      if (fd < 0)
        return FALSE;
      map = g_mapped_file_new_from_fd (fd, FALSE, &local);
      close (fd);
      if (map == NULL)
        {
          g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot read %s: %s"), path, local->message);
          return FALSE;
        }
      bytes = owned = g_mapped_file_get_bytes (map);
    }
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  ext = lk_case_evidence_extension (path);
  name = g_strconcat (sha, ext, NULL);
  final_path = g_build_filename (lk_case_get_evidence_dir (self), name, NULL);
  if (file_kind (final_path, &saved) != FILE_MISSING)
    {
      if (!existing_matches (final_path, sha))
        {
          g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO,
                       _("The evidence file %s exists but its content changed; run “evidence verify” "
                         "and restore it before importing again."), final_path);
          return FALSE;
        }
    }
  else if (!write_evidence (lk_case_get_evidence_dir (self), final_path, bytes, error))
    return FALSE;
  *out_sha256 = g_steal_pointer (&sha);
  return TRUE;
}

static gboolean
is_file_of (const char *name, const char *sha)
{
  gsize n = strlen (sha);

  return strncmp (name, sha, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

gboolean
lk_case_discard_evidence (LkCase *self, const char *sha256, GError **error)
{
  g_autoptr(LkPhoto) photo = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sha = NULL;
  const char *name;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  sha = g_ascii_strdown (sha256, -1);
  if (strlen (sha) != 64 || strspn (sha, "0123456789abcdef") != 64)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("“%s” is not a SHA-256."), sha256);
      return FALSE;
    }
  if (lk_case_is_read_only (self))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY, _("The case is open read-only; nothing can be changed."));
      return FALSE;
    }
  photo = lk_case_find_photo_by_sha256 (self, sha, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (photo != NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("evidence/%s is the evidence of photo %" PRId64 " and is never removed."),
                   photo->evidence_name, photo->id);
      return FALSE;
    }
  {
    g_autoptr(LkVideo) video = lk_case_find_video_by_sha256 (self, sha, &local);

    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    if (video != NULL)
      {
        g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                     _("evidence/%s is the evidence of video %" PRId64 " and is never removed."),
                     video->evidence_name, video->id);
        return FALSE;
      }
  }
  dir = g_dir_open (lk_case_get_evidence_dir (self), 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_file_of (name, sha))
        continue;
      path = g_build_filename (lk_case_get_evidence_dir (self), name, NULL);
      if (g_unlink (path) != 0)
        return io_error (error, errno, _("Cannot remove %s"), path);
    }
  return TRUE;
}

char *
lk_case_get_evidence_path (LkCase *self, gint64 photo_id, GError **error)
{
  g_autoptr(LkPhoto) photo = NULL;
  g_autofree char *path = NULL;
  int saved = 0;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  photo = lk_case_get_photo (self, photo_id, error);
  if (photo == NULL)
    return NULL;
  path = g_build_filename (lk_case_get_evidence_dir (self), photo->evidence_name, NULL);
  switch (file_kind (path, &saved))
    {
    case FILE_LINK:
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO,
                   _("%s is a symbolic link, not the evidence file imported; run “evidence verify”"), path);
      return NULL;
    case FILE_SPECIAL:
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO,
                   _("%s is not a regular file (a pipe, device, socket or folder); run “evidence verify”"),
                   path);
      return NULL;
    case FILE_REGULAR:
    case FILE_MISSING:
    case FILE_ERROR:
    default:
      return g_steal_pointer (&path);
    }
}

/* ---- Verification ---------------------------------------------------------- */

static void
evidence_problem_free (gpointer data)
{
  LkEvidenceProblem *p = data;

  g_free (p->file);
  g_free (p->original_name);
  g_free (p->message);
  g_free (p);
}

void
lk_evidence_report_free (LkEvidenceReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static void
add_problem (LkEvidenceReport *report, LkEvidenceProblemKind kind, const LkPhoto *photo,
             const char *file, char *message)
{
  LkEvidenceProblem *p = g_new0 (LkEvidenceProblem, 1);

  p->kind = kind;
  p->photo_id = photo ? photo->id : 0;
  p->file = g_strdup (file);
  p->original_name = g_strdup (photo ? photo->original_name : "");
  p->message = message;
  g_ptr_array_add (report->problems, p);
}

/* "a pipe (FIFO)", "a device"…: what an analyst looks for with ls -l. */
static const char *
special_words (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a pipe (FIFO)");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISDIR (mode))
    return _("a folder");
  return _("not a regular file");
}

/* A link or special file in place of evidence is a problem of its own: its
 * bytes may even match (a link to a copy outside the case), but the case no
 * longer holds them, and reading a pipe would never end. */
static gboolean
check_not_regular (LkEvidenceReport *report, const LkPhoto *photo, const char *path)
{
  GStatBuf st;
  g_autofree char *target = NULL;

  if (g_lstat (path, &st) != 0 || S_ISREG (st.st_mode))
    return FALSE;
  if (S_ISLNK (st.st_mode))
    {
      target = g_file_read_link (path, NULL);
      add_problem (report, LK_EVIDENCE_LINKED, photo, photo->evidence_name,
                   g_strdup_printf (_("evidence/%s (photo %" PRId64 ", “%s”) has been replaced by a "
                                      "symbolic link to %s; the case must hold the file itself: restore the "
                                      "original"),
                                    photo->evidence_name, photo->id, photo->original_name,
                                    target ? target : "?"));
      return TRUE;
    }
  add_problem (report, LK_EVIDENCE_NOT_A_FILE, photo, photo->evidence_name,
               g_strdup_printf (_("evidence/%s (photo %" PRId64 ", “%s”) is %s, not a regular file; "
                                  "it was not read: restore the original"),
                                photo->evidence_name, photo->id, photo->original_name,
                                special_words (st.st_mode)));
  return TRUE;
}

static void
check_photo (LkCase *self, LkEvidenceReport *report, const LkPhoto *photo, GCancellable *cancellable)
{
  g_autofree char *path = g_build_filename (lk_case_get_evidence_dir (self), photo->evidence_name, NULL);
  g_autoptr(GError) local = NULL;
  g_autofree char *hex = NULL;
  int saved = 0;
  int fd;

  if (file_kind (path, &saved) == FILE_MISSING)
    {
      add_problem (report, LK_EVIDENCE_MISSING, photo, photo->evidence_name,
                   g_strdup_printf (_("evidence/%s (photo %" PRId64 ", “%s”) is missing"),
                                    photo->evidence_name, photo->id, photo->original_name));
      return;
    }
  if (check_not_regular (report, photo, path))
    return;
  fd = open_regular (path, FALSE, &local);
  if (fd >= 0)
    {
      hex = hash_fd (fd, path, cancellable, &local);
      close (fd);
    }
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the caller stops at its next check */
  if (hex == NULL)
    add_problem (report, LK_EVIDENCE_UNREADABLE, photo, photo->evidence_name,
                 g_strdup_printf (_("evidence/%s (photo %" PRId64 ", “%s”) cannot be read: %s"),
                                  photo->evidence_name, photo->id, photo->original_name, local->message));
  else if (g_strcmp0 (hex, photo->sha256) != 0)
    add_problem (report, LK_EVIDENCE_CHANGED, photo, photo->evidence_name,
                 g_strdup_printf (_("evidence/%s (photo %" PRId64 ", “%s”) has changed: its SHA-256 is now %s"),
                                  photo->evidence_name, photo->id, photo->original_name, hex));
}

static void
check_orphans (LkCase *self, LkEvidenceReport *report, GHashTable *known)
{
  g_autoptr(GDir) dir = g_dir_open (lk_case_get_evidence_dir (self), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, ".incoming-") || g_hash_table_contains (known, name))
        continue;
      add_problem (report, LK_EVIDENCE_ORPHAN, NULL, name,
                   g_strdup_printf (_("evidence/%s belongs to no photo of the case"), name));
    }
}

/* A video's evidence: the same checks as a photo's, said of the video. */
static void
check_video (LkCase *self, LkEvidenceReport *report, const LkVideo *video, GCancellable *cancellable)
{
  g_autofree char *path = g_build_filename (lk_case_get_evidence_dir (self), video->evidence_name, NULL);
  g_autoptr(GError) local = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *what = g_strdup_printf (_("evidence/%s (video %" PRId64 ", “%s”)"),
                                           video->evidence_name, video->id, video->original_name);
  int saved = 0;
  int fd = -1;

  switch (file_kind (path, &saved))
    {
    case FILE_MISSING:
      add_problem (report, LK_EVIDENCE_MISSING, NULL, video->evidence_name,
                   g_strdup_printf (_("%s is missing"), what));
      return;
    case FILE_LINK:
    case FILE_SPECIAL:
      add_problem (report, LK_EVIDENCE_NOT_A_FILE, NULL, video->evidence_name,
                   g_strdup_printf (_("%s is not a regular file; it was not read: restore the original"), what));
      return;
    case FILE_REGULAR:
    case FILE_ERROR:
    default:
      fd = open_regular (path, FALSE, &local);
      break;
    }
  if (fd >= 0)
    {
      hex = hash_fd (fd, path, cancellable, &local);
      close (fd);
    }
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (hex == NULL)
    add_problem (report, LK_EVIDENCE_UNREADABLE, NULL, video->evidence_name,
                 g_strdup_printf (_("%s cannot be read: %s"), what, local->message));
  else if (g_strcmp0 (hex, video->sha256) != 0)
    add_problem (report, LK_EVIDENCE_CHANGED, NULL, video->evidence_name,
                 g_strdup_printf (_("%s has changed: its SHA-256 is now %s"), what, hex));
}

/* Videos are evidence too (schema 008); their files are no orphans. */
static gboolean
check_videos (LkCase *self, LkEvidenceReport *report, GHashTable *known, GPtrArray *videos,
              GCancellable *cancellable, GError **error)
{
  for (guint i = 0; i < videos->len; i++)
    {
      const LkVideo *video = videos->pdata[i];

      g_hash_table_add (known, video->evidence_name);
      check_video (self, report, video, cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report->n_checked++;
    }
  return TRUE;
}

gboolean
lk_case_verify_evidence (LkCase *self, LkEvidenceReport **out_report, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  LkEvidenceReport *report;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  photos = lk_case_list_photos (self, -1, error);
  if (photos == NULL || (videos = lk_case_list_videos (self, error)) == NULL)
    return FALSE;
  report = g_new0 (LkEvidenceReport, 1);
  report->problems = g_ptr_array_new_with_free_func (evidence_problem_free);
  for (guint i = 0; i <= photos->len; i++)
    {
      const LkPhoto *photo = i < photos->len ? photos->pdata[i] : NULL;

      /* Checked once more after the last photo: a hash cut short is no verdict. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          lk_evidence_report_free (report);
          return FALSE;
        }
      if (photo == NULL)
        break;
      g_hash_table_add (known, photo->evidence_name);
      check_photo (self, report, photo, cancellable);
      report->n_checked++;
    }
  if (!check_videos (self, report, known, videos, cancellable, error))
    {
      lk_evidence_report_free (report);
      return FALSE;
    }
  check_orphans (self, report, known);
  *out_report = report;
  return TRUE;
}
