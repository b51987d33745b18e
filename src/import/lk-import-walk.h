/* lk-import-walk.h — turning the paths an analyst names into the files to import.
 *
 * Folders are walked recursively in byte order of their entry names (so two
 * runs over the same tree see the files in the same order), hidden entries
 * inside folders are skipped, and the same file or folder reached twice (two
 * links to it) is listed once.  Paths named by the analyst are taken as given,
 * links included.  A symbolic link found inside a named folder is followed
 * only when it resolves inside that folder and is not a loop (a link to a
 * folder that contains it); any other is listed with an
 * LK_IMPORT_ERROR_NOT_FOLLOWED error naming where it leads.  Nothing that is
 * not a regular file is ever opened: a FIFO would block a reader forever.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char    *path;   /* as found: the named path, or a folder's path joined with the entry name */
  guint64  size;   /* bytes, from stat (0 when error is set) */
  GError  *error;  /* set when this path cannot be imported (missing, unreadable, not a file) */
} LkImportSource;

void       lk_import_source_free (LkImportSource *source);

/* Returns a GPtrArray of LkImportSource, in walk order.  Problems with one
 * path (missing, unreadable folder, a FIFO) are entries with error set, so the
 * caller can report and record them and go on; the call itself fails only
 * when cancelled. */
GPtrArray *lk_import_walk        (const char * const *paths,
                                  GCancellable       *cancellable,
                                  GError            **error);

/* Reads a whole regular file into memory and computes its SHA-256 (64
 * lowercase hex digits) over exactly those bytes: they are what is then
 * analysed and stored as evidence, so a file changed on disk meanwhile cannot
 * make the three disagree.  Refuses anything but a regular file without
 * blocking on it, and files over max_size bytes. */
GBytes    *lk_import_read_file   (const char   *path,
                                  guint64       max_size,
                                  char        **out_sha256,
                                  GCancellable *cancellable,
                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkImportSource, lk_import_source_free)

G_END_DECLS
