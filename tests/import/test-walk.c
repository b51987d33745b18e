/* Folder walking and file hashing for import: order, hidden entries, link
 * loops, FIFOs, missing paths; streaming SHA-256 against GLib's one-shot. */
#define G_LOG_DOMAIN "test-walk"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import/lk-import-error.h"
#include "import/lk-import-walk.h"

static char *
make_tree (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("lk-walk-XXXXXX", &error);
  const char *files[] = { "b.jpg", "a.jpg", "sub/z.png", "sub/deeper/c.jpg", ".hidden.jpg",
                          ".hiddendir/x.jpg", "sub/.thumb.jpg", "A.jpg" };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (root, files[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_file_set_contents (path, files[i], -1, &error);
      g_assert_no_error (error);
    }
  return root;
}

static void
rm_rf (const char *path)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", path);

  g_assert_cmpint (system (command), ==, 0);
}

static char *
relative (const char *root, const LkImportSource *source)
{
  g_assert_true (g_str_has_prefix (source->path, root));
  return g_strdup (source->path + strlen (root) + 1);
}

static void
test_walk_order_and_hidden (void)
{
  g_autofree char *root = make_tree ();
  const char *paths[] = { root, NULL };
  const char *expected[] = { "A.jpg", "a.jpg", "b.jpg", "sub/deeper/c.jpg", "sub/z.png" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = lk_import_walk (paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < sources->len; i++)
    {
      LkImportSource *source = g_ptr_array_index (sources, i);
      g_autofree char *rel = relative (root, source);

      g_assert_no_error (source->error);
      g_assert_cmpstr (rel, ==, expected[i]);
      g_assert_cmpuint (source->size, ==, strlen (expected[i]));
    }
  rm_rf (root);
}

static void
test_walk_named_hidden_file (void)
{
  g_autofree char *root = make_tree ();
  g_autofree char *hidden = g_build_filename (root, ".hidden.jpg", NULL);
  const char *paths[] = { hidden, NULL };
  g_autoptr(GPtrArray) sources = lk_import_walk (paths, NULL, NULL);

  /* Named explicitly, a hidden file is what the analyst asked for. */
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_no_error (((LkImportSource *) sources->pdata[0])->error);
  rm_rf (root);
}

static void
test_walk_links_and_loops (void)
{
  g_autofree char *root = make_tree ();
  g_autofree char *loop = g_build_filename (root, "sub", "deeper", "loop", NULL);
  g_autofree char *twice = g_build_filename (root, "sub", "again.jpg", NULL);
  g_autofree char *dangling = g_build_filename (root, "sub", "gone.jpg", NULL);
  g_autofree char *target = g_build_filename (root, "a.jpg", NULL);
  const char *paths[] = { root, root, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  guint errors = 0;

  g_assert_cmpint (symlink (root, loop), ==, 0);
  g_assert_cmpint (symlink (target, twice), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/nothing.jpg", dangling), ==, 0);
  sources = lk_import_walk (paths, NULL, NULL);

  /* Five files once each (the link to a.jpg is the same file, the root named
   * twice is the same folder), the dangling link and the loop as errors. */
  for (guint i = 0; i < sources->len; i++)
    {
      LkImportSource *source = g_ptr_array_index (sources, i);

      if (source->error != NULL)
        {
          errors++;
          g_assert_nonnull (strstr (source->error->message, "link"));
          if (g_str_equal (source->path, loop))
            g_assert_error (source->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOLLOWED);
          else
            g_assert_error (source->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOUND);
        }
    }
  g_assert_cmpuint (errors, ==, 2);
  g_assert_cmpuint (sources->len, ==, 7);
  rm_rf (root);
}

/* The issue's `ln -s .. folder/up` imported every photo beside the folder.
 * Links that stay inside the named folder are followed; links out and loops
 * are errors naming where they lead, and nothing outside is listed. */
static void
test_walk_links_out (void)
{
  g_autofree char *root = make_tree ();
  g_autofree char *outside = g_dir_make_tmp ("lk-walk-out-XXXXXX", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "stranger.jpg", NULL);
  g_autofree char *up = g_build_filename (root, "up", NULL);
  g_autofree char *out_link = g_build_filename (root, "sub", "out.jpg", NULL);
  g_autofree char *loop = g_build_filename (root, "sub", "deeper", "loop", NULL);
  g_autofree char *inside_dir = g_build_filename (root, "zz-deeper", NULL);
  g_autofree char *inside_file = g_build_filename (root, "sub", "in.jpg", NULL);
  const char *paths[] = { root, NULL };
  const char *named[] = { out_link, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) named_sources = NULL;
  guint files = 0, errors = 0;

  g_assert_true (g_file_set_contents (outside_file, "x", 1, NULL));
  g_assert_cmpint (symlink ("..", up), ==, 0);
  g_assert_cmpint (symlink (outside_file, out_link), ==, 0);
  g_assert_cmpint (symlink ("../..", loop), ==, 0);
  g_assert_cmpint (symlink ("sub/deeper", inside_dir), ==, 0);
  g_assert_cmpint (symlink ("../b.jpg", inside_file), ==, 0);
  sources = lk_import_walk (paths, NULL, NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      LkImportSource *source = g_ptr_array_index (sources, i);

      g_test_message ("%s: %s", source->path, source->error ? source->error->message : "ok");
      g_assert_null (strstr (source->path, "stranger"));
      if (source->error == NULL)
        {
          files++;
          continue;
        }
      errors++;
      g_assert_error (source->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOLLOWED);
      if (g_str_equal (source->path, loop))
        g_assert_nonnull (strstr (source->error->message, "loop"));
      else
        {
          g_assert_true (g_str_equal (source->path, up) || g_str_equal (source->path, out_link));
          g_assert_nonnull (strstr (source->error->message, "outside the folder being imported"));
        }
    }
  /* A.jpg a.jpg b.jpg sub/deeper/c.jpg sub/z.png; in.jpg is b.jpg again and
   * zz-deeper is sub/deeper again. */
  g_assert_cmpuint (files, ==, 5);
  g_assert_cmpuint (errors, ==, 3);

  /* Named on the command line, a link is taken as given. */
  named_sources = lk_import_walk (named, NULL, NULL);
  g_assert_cmpuint (named_sources->len, ==, 1);
  g_assert_no_error (((LkImportSource *) named_sources->pdata[0])->error);
  rm_rf (outside);
  rm_rf (root);
}

static void
test_walk_special_files (void)
{
  g_autofree char *root = make_tree ();
  g_autofree char *fifo = g_build_filename (root, "pipe.jpg", NULL);
  g_autofree char *missing = g_build_filename (root, "missing.jpg", NULL);
  const char *paths[] = { fifo, missing, "/dev/null", NULL };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  sources = lk_import_walk (paths, NULL, NULL);
  g_assert_cmpuint (sources->len, ==, 3);
  g_assert_error (((LkImportSource *) sources->pdata[0])->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_A_FILE);
  g_assert_error (((LkImportSource *) sources->pdata[1])->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_FOUND);
  g_assert_error (((LkImportSource *) sources->pdata[2])->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_A_FILE);

  /* Hashing a FIFO must refuse at once, not wait for a writer. */
  bytes = lk_import_read_file (fifo, 1000, &hash, NULL, &error);
  g_assert_null (bytes);
  g_assert_null (hash);
  g_assert_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_NOT_A_FILE);
  rm_rf (root);
}

static void
test_walk_unreadable_folder (void)
{
  g_autofree char *root = make_tree ();
  g_autofree char *sub = g_build_filename (root, "sub", NULL);
  const char *paths[] = { root, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  LkImportSource *source;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every folder");
      rm_rf (root);
      return;
    }
  g_assert_cmpint (g_chmod (sub, 0), ==, 0);
  sources = lk_import_walk (paths, NULL, NULL);
  g_assert_cmpuint (sources->len, ==, 4);
  source = g_ptr_array_index (sources, 3);
  g_assert_error (source->error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_UNREADABLE);
  g_chmod (sub, 0700);
  rm_rf (root);
}

static void
test_walk_cancelled (void)
{
  g_autofree char *root = make_tree ();
  const char *paths[] = { root, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  g_cancellable_cancel (cancellable);
  sources = lk_import_walk (paths, cancellable, &error);
  g_assert_null (sources);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rm_rf (root);
}

static void
test_hash_matches (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gsize sizes[] = { 0, 1, 1024 * 1024 - 1, 1024 * 1024, 3 * 1024 * 1024 + 17 };
  int fd = g_file_open_tmp ("lk-hash-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *data = g_malloc (sizes[i] + 1);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autoptr(GBytes) bytes = NULL;

      for (gsize j = 0; j < sizes[i]; j++)
        data[j] = (guint8) (j * 31 + i);
      g_file_set_contents (path, (char *) data, sizes[i], &error);
      g_assert_no_error (error);
      expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, sizes[i]);
      bytes = lk_import_read_file (path, 4 * 1024 * 1024, &got, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, sizes[i]);
    }
  /* One byte over the limit is refused, exactly the limit is read. */
  {
    g_autoptr(GBytes) bytes = NULL;

    g_file_set_contents (path, "0123456789", 10, &error);
    g_assert_no_error (error);
    bytes = lk_import_read_file (path, 9, NULL, NULL, &error);
    g_assert_error (error, LK_IMPORT_ERROR, LK_IMPORT_ERROR_TOO_LARGE);
    g_assert_null (bytes);
    g_clear_error (&error);
    bytes = lk_import_read_file (path, 10, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, 10);
  }
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/walk/order-and-hidden", test_walk_order_and_hidden);
  g_test_add_func ("/import/walk/named-hidden-file", test_walk_named_hidden_file);
  g_test_add_func ("/import/walk/links-and-loops", test_walk_links_and_loops);
  g_test_add_func ("/import/walk/links-out", test_walk_links_out);
  g_test_add_func ("/import/walk/special-files", test_walk_special_files);
  g_test_add_func ("/import/walk/unreadable-folder", test_walk_unreadable_folder);
  g_test_add_func ("/import/walk/cancelled", test_walk_cancelled);
  g_test_add_func ("/import/read/sha256-and-limit", test_hash_matches);
  return g_test_run ();
}
