#define G_LOG_DOMAIN "lk-import"

#include "lk-config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-import-error.h"
#include "lk-import-walk.h"

#define READ_CHUNK_SIZE (4 * 1024 * 1024)

typedef struct {
  GPtrArray    *sources;
  GHashTable   *seen;        /* "d:dev:ino" and "f:dev:ino" already listed or entered */
  GCancellable *cancellable;
  char         *root;        /* the named folder being walked, links resolved; NULL for a named file */
} Walk;

static void walk_path (Walk *walk, const char *path, gboolean named);

void
lk_import_source_free (LkImportSource *source)
{
  if (source == NULL)
    return;
  g_free (source->path);
  g_clear_error (&source->error);
  g_free (source);
}

static void
add_source (Walk *walk, const char *path, guint64 size, GError *error)
{
  LkImportSource *source = g_new0 (LkImportSource, 1);

  source->path = g_strdup (path);
  source->size = error == NULL ? size : 0;
  source->error = error;
  g_ptr_array_add (walk->sources, source);
}

/* TRUE the first time a (kind, device, inode) is seen: a folder reached again
 * through a link is a loop or a second way to the same files. */
static gboolean
first_visit (Walk *walk, char kind, const GStatBuf *st)
{
  char *key = g_strdup_printf ("%c:%" PRIu64 ":%" PRIu64, kind,
                               (guint64) st->st_dev, (guint64) st->st_ino);

  if (g_hash_table_contains (walk->seen, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_add (walk->seen, key);
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GError *
stat_error (const char *path, int saved_errno)
{
  GStatBuf lst;

  if (saved_errno == ENOENT && g_lstat (path, &lst) == 0)
    return g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOUND,
                        _("“%s” is a link to something that does not exist"), path);
  if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    return g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOUND,
                        _("“%s” does not exist"), path);
  return g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_UNREADABLE,
                      _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
}

static gboolean
is_sidecar (const char *name)
{
  gsize len = strlen (name);

  return len > 4 && g_ascii_strcasecmp (name + len - 4, ".xmp") == 0;
}

static void
walk_dir (Walk *walk, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      add_source (walk, path, 0,
                  g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_UNREADABLE,
                               _("Cannot read the folder “%s”: %s"), path, error->message));
      return;
    }
  /* Hidden entries are thumbnails caches, .DS_Store, editor files: not evidence.
   * XMP sidecars (digiKam, Lightroom, export-regions) are a photo's metadata,
   * read with the photo beside them (lk_regions_read), never photos. */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !is_sidecar (name))
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_cancellable_is_cancelled (walk->cancellable))
        return;
      walk_path (walk, child, FALSE);
    }
}

/* A named folder becomes the root links must stay in (its own links resolved). */
static void
walk_named_dir (Walk *walk, const char *path, gboolean named)
{
  if (!named)
    {
      walk_dir (walk, path);
      return;
    }
  g_free (walk->root);
  walk->root = realpath (path, NULL);
  if (walk->root == NULL)
    walk->root = g_strdup (path);
  walk_dir (walk, path);
  g_clear_pointer (&walk->root, g_free);
}

/* Is path (links resolved) folder or inside it? */
static gboolean
is_within (const char *path, const char *folder)
{
  gsize n = strlen (folder);

  if (strcmp (folder, "/") == 0)
    return TRUE;
  return strncmp (path, folder, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* A link found inside a named folder is followed only when it resolves inside
 * that folder and does not lead back up to a folder that holds it: `ln -s ..`
 * would otherwise import a whole disk, for good (evidence is never deleted).
 * Returns the error to record, or NULL when the link may be followed. */
static GError *
check_link (Walk *walk, const char *path)
{
  g_autofree char *target = realpath (path, NULL);
  g_autofree char *parent = NULL;
  g_autofree char *real_parent = NULL;
  g_autofree char *shown = NULL;

  if (target == NULL)
    return stat_error (path, errno);
  shown = g_filename_display_name (target);
  if (!is_within (target, walk->root))
    return g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOLLOWED,
                        _("“%s” is a link to “%s”, outside the folder being imported; not followed"),
                        path, shown);
  parent = g_path_get_dirname (path);
  real_parent = realpath (parent, NULL);
  if (real_parent != NULL && is_within (real_parent, target))
    return g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOLLOWED,
                        _("“%s” is a link to “%s”, a folder that contains it (a loop); not followed"),
                        path, shown);
  return NULL;
}

static void
walk_path (Walk *walk, const char *path, gboolean named)
{
  GStatBuf st;

  /* Named paths are taken as given, links and all: the analyst chose them. */
  if (!named && walk->root != NULL && g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      GError *refused = check_link (walk, path);

      if (refused != NULL)
        {
          add_source (walk, path, 0, refused);
          return;
        }
    }
  if (g_stat (path, &st) != 0)
    {
      add_source (walk, path, 0, stat_error (path, errno));
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      if (first_visit (walk, 'd', &st))
        walk_named_dir (walk, path, named);
      return;
    }
  if (S_ISREG (st.st_mode))
    {
      if (first_visit (walk, 'f', &st))
        add_source (walk, path, st.st_size, NULL);
      return;
    }
  add_source (walk, path, 0,
              g_error_new (LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_A_FILE,
                           _("“%s” is not a regular file (a device, pipe or socket); it was not read"),
                           path));
}

GPtrArray *
lk_import_walk (const char * const *paths,
                GCancellable       *cancellable,
                GError            **error)
{
  Walk walk = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_import_source_free);

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  walk.sources = sources;
  walk.seen = seen;
  walk.cancellable = cancellable;
  /* Named paths keep the analyst's order: they chose it. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      walk_path (&walk, paths[i], TRUE);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&sources);
}

static gboolean
read_fd (int fd, const char *path, GByteArray *data, guint64 max_size,
         GCancellable *cancellable, GError **error)
{
  for (;;)
    {
      gsize chunk = MIN (READ_CHUNK_SIZE, max_size + 1 - data->len);
      guint old_len = data->len;
      gssize n;

      g_byte_array_set_size (data, old_len + chunk);
      n = read (fd, data->data + old_len, chunk);
      g_byte_array_set_size (data, old_len + MAX (n, 0));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_UNREADABLE,
                       _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      if (data->len > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” is larger than %s, the most a photo may take; it was not imported"),
                       path, limit);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

GBytes *
lk_import_read_file (const char   *path,
                     guint64       max_size,
                     char        **out_sha256,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GByteArray) data = NULL;
  GStatBuf st;
  int fd;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size > 0 && max_size < G_MAXUINT - READ_CHUNK_SIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      g_propagate_error (error, stat_error (path, errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_A_FILE,
                   _("“%s” is not a regular file (a device, pipe or socket); it was not read"), path);
      close (fd);
      return NULL;
    }
  data = g_byte_array_sized_new (MIN ((guint64) st.st_size, max_size) + 1);
  ok = read_fd (fd, path, data, max_size, cancellable, error);
  close (fd);
  if (!ok)
    return NULL;
  if (out_sha256 != NULL)
    *out_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data->data, data->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
