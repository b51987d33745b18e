#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "lk-case-private.h"

struct _LkCase
{
  GObject    parent_instance;

  char      *path;
  char      *db_path;
  char      *evidence_dir;
  LkSqlite  *db;
  int        lock_fd;
  gboolean   read_only;
  char      *read_only_reason;
  int        schema_version;
  gint64     analyst_id;
};

G_DEFINE_FINAL_TYPE (LkCase, lk_case, G_TYPE_OBJECT)

static void
lk_case_finalize (GObject *object)
{
  LkCase *self = LK_CASE (object);

  lk_case_close (self);
  g_free (self->path);
  g_free (self->db_path);
  g_free (self->evidence_dir);
  g_free (self->read_only_reason);
  G_OBJECT_CLASS (lk_case_parent_class)->finalize (object);
}

static void
lk_case_class_init (LkCaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_case_finalize;
}

static void
lk_case_init (LkCase *self)
{
  self->lock_fd = -1;
}

static LkCase *
case_new_for_path (const char *path)
{
  LkCase *self = g_object_new (LK_TYPE_CASE, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Canonical absolute path: the lock and messages name one folder. */
  self->path = g_file_get_path (file);
  self->db_path = g_build_filename (self->path, "case.db", NULL);
  self->evidence_dir = g_build_filename (self->path, "evidence", NULL);
  return self;
}

/* ---- The single-writer lock ------------------------------------------- */

/* flock() (not fcntl) so that two opens in the same process also exclude each
 * other; the file holds "pid host" of the writer for the message. */
static gboolean
acquire_lock (LkCase *self, GError **error)
{
  g_autofree char *lock_path = g_build_filename (self->path, ".lock", NULL);
  g_autofree char *owner = NULL;
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, LK_CASE_ERROR, saved == EROFS || saved == EACCES ? LK_CASE_ERROR_READ_ONLY : LK_CASE_ERROR_IO,
                   _("Cannot create the lock file %s: %s"), lock_path, g_strerror (saved));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      char buf[256] = { 0 };
      ssize_t n = pread (fd, buf, sizeof buf - 1, 0);
      g_auto(GStrv) parts = NULL;

      close (fd);
      buf[MAX (n, 0)] = '\0';
      parts = g_strsplit (g_strstrip (buf), " ", 2);
      if (parts[0] != NULL && parts[1] != NULL)
        g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED,
                     _("The case %s is open for writing by process %s on host %s; "
                       "open it read-only or wait until that program closes it."),
                     self->path, parts[0], parts[1]);
      else
        g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED,
                     _("The case %s is open for writing by another program; "
                       "open it read-only or wait until that program closes it."), self->path);
      return FALSE;
    }
  owner = g_strdup_printf ("%d %s\n", (int) getpid (), g_get_host_name ());
  if (ftruncate (fd, 0) != 0 || pwrite (fd, owner, strlen (owner), 0) < 0)
    g_debug ("Cannot record the lock owner in %s", lock_path);
  self->lock_fd = fd;
  return TRUE;
}

static void
release_lock (LkCase *self)
{
  if (self->lock_fd < 0)
    return;
  /* Leave the file (nothing is deleted); clear the owner so it does not mislead. */
  if (ftruncate (self->lock_fd, 0) != 0)
    g_debug ("Cannot clear the lock file");
  flock (self->lock_fd, LOCK_UN);
  close (self->lock_fd);
  self->lock_fd = -1;
}

/* Why the folder cannot be written, or NULL when it can. */
static char *
folder_read_only_reason (const char *path)
{
  struct statvfs st;
  g_autofree char *db_path = g_build_filename (path, "case.db", NULL);

  GStatBuf folder;

  if (statvfs (path, &st) == 0 && (st.f_flag & ST_RDONLY))
    return g_strdup (_("The case is on a read-only medium, so it was opened read-only."));
  /* A folder without any write permission was made read-only on purpose:
   * honour it even for users (root) whom the permissions do not stop. */
  if (g_stat (path, &folder) == 0 && (folder.st_mode & 0222) == 0)
    return g_strdup (_("The case folder is marked read-only, so it was opened read-only."));
  if (access (path, W_OK) != 0 ||
      (g_file_test (db_path, G_FILE_TEST_EXISTS) && access (db_path, W_OK) != 0))
    return g_strdup (_("The case folder cannot be written by you, so it was opened read-only."));
  return NULL;
}

/* ---- Clean-close marker ----------------------------------------------------- */

/* PRAGMA quick_check reads the whole database (seconds for a million faces),
 * so opening runs it only when the case was not closed cleanly by a writer or
 * case.db changed since: .clean holds the size, mtime and inode case.db had
 * when the last writer closed it with its WAL fully checkpointed.  Any write
 * by anything (a crash, a disk error repaired by fsck, sqlite3 by hand)
 * changes them.  `audit verify` always runs the full check. */
static char *
db_fingerprint (LkCase *self)
{
  g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
  GStatBuf st, wst;

  if (g_stat (wal, &wst) == 0 && wst.st_size > 0)
    return NULL;
  if (g_stat (self->db_path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" PRId64 " %" PRId64 ".%09ld %" PRIu64 "\n",
                          (gint64) st.st_size, (gint64) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                          (guint64) st.st_ino);
}

static gboolean
closed_cleanly (LkCase *self)
{
  g_autofree char *marker = g_build_filename (self->path, ".clean", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *now = db_fingerprint (self);

  return now != NULL && g_file_get_contents (marker, &saved, NULL, NULL) && g_str_equal (saved, now);
}

static void
mark_clean (LkCase *self)
{
  g_autofree char *marker = g_build_filename (self->path, ".clean", NULL);
  g_autofree char *now = db_fingerprint (self);

  if (now != NULL && !g_file_set_contents (marker, now, -1, NULL))
    g_debug ("Cannot write %s", marker);
}

/* ---- Opening -------------------------------------------------------------- */

static gboolean check_open (LkCase *self, GError **error);

/* A store_evidence() killed before its rename leaves evidence/.incoming-XXXXXX:
 * an unfinished copy, never evidence, removed when the case is next written. */
static void
remove_incoming (LkCase *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->evidence_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, ".incoming-"))
        continue;
      path = g_build_filename (self->evidence_dir, name, NULL);
      if (g_unlink (path) != 0)
        g_debug ("Cannot remove the unfinished copy %s", path);
    }
}

static gboolean
open_database (LkCase *self, gboolean read_only, gboolean immutable, GError **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *escaped = g_uri_escape_string (self->db_path, "/", FALSE);

  /* immutable=1 lets SQLite read a WAL database where it cannot create the
   * -shm file (read-only medium or folder); nobody can write there anyway. */
  if (immutable)
    uri = g_strdup_printf ("file://%s?immutable=1", escaped);
  else
    uri = g_strdup_printf ("file://%s", escaped);
  self->db = lk_sqlite_open (uri, read_only, error);
  return self->db != NULL;
}

static gboolean
refuse_link (const char *path, GError **error)
{
  g_autofree char *target = g_file_read_link (path, NULL);

  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LINKED,
               _("%s is a symbolic link to %s: a case's case.db and evidence folder must be its own, "
                 "or two folders would write one case without seeing each other. Copy the case "
                 "folder instead of linking it."), path, target ? target : "?");
  return FALSE;
}

/* The single-writer lock is .lock beside case.db, and SQLite keeps the WAL
 * beside the name it opened: both are only single when case.db and evidence/
 * can be reached through this folder alone.  Links to the whole folder are
 * fine (they reach the same .lock); links to its parts are refused. */
static gboolean
check_links (LkCase *self, GError **error)
{
  GStatBuf st;

  if (g_lstat (self->db_path, &st) == 0 && S_ISLNK (st.st_mode))
    return refuse_link (self->db_path, error);
  if (g_lstat (self->db_path, &st) == 0 && S_ISREG (st.st_mode) && st.st_nlink > 1)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_LINKED,
                   _("%s has %u hard links: another folder holds the same database, and a writer "
                     "there would not see this one's changes. Copy the case folder instead of "
                     "linking it, then remove the other links."),
                   self->db_path, (guint) st.st_nlink);
      return FALSE;
    }
  if (g_lstat (self->evidence_dir, &st) == 0 && S_ISLNK (st.st_mode))
    return refuse_link (self->evidence_dir, error);
  return TRUE;
}

static gboolean
check_case_folder (LkCase *self, GError **error)
{
  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_A_CASE,
                   _("%s is not a case: no such folder."), self->path);
      return FALSE;
    }
  if (!check_links (self, error))
    return FALSE;
  if (!g_file_test (self->db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_A_CASE,
                   _("%s is not a case: it has no case.db."), self->path);
      return FALSE;
    }
  return TRUE;
}

/* Applies pending migrations and records the upgrade in the audit log (the
 * program, not an analyst, did it). */
static gboolean
upgrade (LkCase *self, GError **error)
{
  int before = self->schema_version;
  g_autofree char *details = NULL;

  if (!lk_case_schema_migrate (self->db, &self->schema_version, error))
    return FALSE;
  if (self->schema_version == before)
    return TRUE;
  details = g_strdup_printf ("{\"from\": %d, \"to\": %d, \"program\": \"Likeness %s\"}",
                             before, self->schema_version, PACKAGE_VERSION);
  if (!lk_case_write_begin (self, NULL, error))
    return FALSE;
  if (!lk_case_audit_append (self, "Likeness", "case.migrate", "case", 1, details, error) ||
      !lk_case_write_commit (self, error))
    {
      lk_case_write_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_checked (LkCase *self, LkCaseOpenFlags flags, GError **error)
{
  g_autoptr(GError) lock_error = NULL;
  g_autofree char *folder_reason = folder_read_only_reason (self->path);
  gboolean immutable = folder_reason != NULL;

  self->read_only = (flags & LK_CASE_OPEN_READ_ONLY) || folder_reason != NULL;
  if (folder_reason != NULL)
    self->read_only_reason = g_steal_pointer (&folder_reason);
  else if (self->read_only)
    self->read_only_reason = g_strdup (_("The case was opened read-only."));

  if (!self->read_only && !acquire_lock (self, &lock_error))
    {
      if (!(flags & LK_CASE_OPEN_FALLBACK_READ_ONLY) || !g_error_matches (lock_error, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&lock_error));
          return FALSE;
        }
      self->read_only = TRUE;
      self->read_only_reason = g_strdup_printf (_("%s It was opened read-only."), lock_error->message);
    }

  /* Check with a read-only connection first: a damaged or newer database is
   * refused without a single byte written to it. */
  if (!open_database (self, TRUE, immutable, error) ||
      !lk_case_schema_check (self->db, self->db_path, !closed_cleanly (self), &self->schema_version, error))
    return FALSE;
  if (self->read_only)
    {
      if (self->schema_version < lk_case_schema_latest_version ())
        {
          g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY,
                       _("The case was written by an older Likeness (schema %d, this program uses %d) "
                         "and must be upgraded once by opening it for writing."),
                       self->schema_version, lk_case_schema_latest_version ());
          return FALSE;
        }
      return TRUE;
    }
  g_clear_pointer (&self->db, lk_sqlite_close);
  if (!open_database (self, FALSE, FALSE, error))
    return FALSE;
  remove_incoming (self);
  if (g_getenv ("LIKENESS_CASE_MAX_PAGE_COUNT") != NULL &&
      !lk_case_set_max_page_count (self, g_ascii_strtoll (g_getenv ("LIKENESS_CASE_MAX_PAGE_COUNT"), NULL, 10), error))
    return FALSE;
  return upgrade (self, error);
}

gboolean
lk_case_set_max_page_count (LkCase *self, gint64 n_pages, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  if (!check_open (self, error))
    return FALSE;
  sql = g_strdup_printf ("PRAGMA max_page_count = %" PRId64, MAX (n_pages, 1));
  return lk_sqlite_exec (self->db, sql, error);
}

LkCase *
lk_case_open (const char *path, LkCaseOpenFlags flags, GError **error)
{
  g_autoptr(LkCase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = case_new_for_path (path);
  if (!check_case_folder (self, error) || !open_checked (self, flags, error))
    {
      lk_case_close (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
create_folder (LkCase *self, GError **error)
{
  g_autoptr(GDir) dir = NULL;

  if (g_mkdir (self->path, 0755) != 0)
    {
      int saved = errno;

      if (saved != EEXIST)
        {
          g_set_error (error, LK_CASE_ERROR, saved == ENOSPC ? LK_CASE_ERROR_DISK_FULL : LK_CASE_ERROR_IO,
                       _("Cannot create the case folder %s: %s"), self->path, g_strerror (saved));
          return FALSE;
        }
      dir = g_dir_open (self->path, 0, NULL);
      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_EXISTS,
                       _("%s already exists and is not empty; choose a new folder for the case."), self->path);
          return FALSE;
        }
    }
  if (g_mkdir (self->evidence_dir, 0755) != 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO,
                   _("Cannot create %s: %s"), self->evidence_dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_case_info (LkCase *self, const char *title, const char *number, const char *description,
                  const char *analyst, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = NULL;

  stmt = lk_case_prepare (self, "INSERT INTO case_info (id, uuid, title, number, description, created_at, created_by) "
                                "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL ||
      !lk_stmt_bind_text (stmt, 1, uuid, error) ||
      !lk_stmt_bind_text (stmt, 2, title, error) ||
      !lk_stmt_bind_text (stmt, 3, number ? number : "", error) ||
      !lk_stmt_bind_text (stmt, 4, description ? description : "", error) ||
      !lk_stmt_bind_text (stmt, 5, now, error) ||
      !lk_stmt_bind_text (stmt, 6, analyst, error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  return lk_case_audit_row (self, analyst, "case.create", "case", 1, NULL, error);
}

LkCase *
lk_case_create (const char *path, const char *title, const char *number, const char *description,
                const char *analyst, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (analyst != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lk_case_create_at_version (path, title, number, description, analyst, G_MAXINT, error);
}

LkCase *
lk_case_create_at_version (const char *path, const char *title, const char *number, const char *description,
                           const char *analyst, int version, GError **error)
{
  g_autoptr(LkCase) self = NULL;
  gint64 created_version = 0;

  if (lk_case_is_blank (title))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A case needs a title."));
      return NULL;
    }
  if (!lk_case_check_info (title, number, description, analyst, error))
    return NULL;
  self = case_new_for_path (path);
  if (!create_folder (self, error) || !acquire_lock (self, error) || !open_database (self, FALSE, FALSE, error))
    goto fail;
  if (!lk_sqlite_exec (self->db, "PRAGMA journal_mode = WAL", error) ||
      !lk_case_schema_migrate_to (self->db, version, error) ||
      !lk_sqlite_query_int64 (self->db, "PRAGMA user_version", &created_version, error))
    goto fail;
  self->schema_version = created_version;
  if (!lk_case_write_begin (self, analyst, error))
    goto fail;
  if (!insert_case_info (self, title, number, description, analyst, error) ||
      !lk_case_write_commit (self, error))
    {
      lk_case_write_rollback (self);
      goto fail;
    }
  return g_steal_pointer (&self);

fail:
  lk_case_close (self);
  return NULL;
}

void
lk_case_close (LkCase *self)
{
  g_return_if_fail (LK_IS_CASE (self));

  if (self->db != NULL)
    {
      while (lk_sqlite_get_depth (self->db) > 0)
        lk_sqlite_rollback (self->db);
      g_clear_pointer (&self->db, lk_sqlite_close);
      /* Closing the last connection checkpointed the WAL into case.db. */
      if (self->lock_fd >= 0)
        mark_clean (self);
    }
  release_lock (self);
}

const char *
lk_case_get_path (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return self->path;
}

gboolean
lk_case_is_read_only (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), TRUE);
  return self->read_only;
}

const char *
lk_case_get_read_only_reason (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return self->read_only ? self->read_only_reason : NULL;
}

int
lk_case_get_schema_version (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), 0);
  return self->schema_version;
}

int
lk_case_get_supported_schema_version (void)
{
  return lk_case_schema_latest_version ();
}

const char *
lk_case_get_evidence_dir (LkCase *self)
{
  return self->evidence_dir;
}

/* ---- Private helpers -------------------------------------------------- */

LkSqlite *
lk_case_get_db (LkCase *self)
{
  return self->db;
}

static gboolean
check_open (LkCase *self, GError **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("The case %s is closed."), self->path);
  return FALSE;
}

LkStmt *
lk_case_prepare (LkCase *self, const char *sql, GError **error)
{
  if (!check_open (self, error))
    return NULL;
  return lk_sqlite_prepare (self->db, sql, error);
}

gint64
lk_case_get_analyst_id (LkCase *self)
{
  return self->analyst_id;
}

/* Finds or registers the analyst (audited on first appearance). */
static gboolean
ensure_analyst (LkCase *self, const char *analyst, GError **error)
{
  g_autoptr(LkStmt) find = lk_case_prepare (self, "SELECT id FROM analysts WHERE name = ?1", error);
  g_autoptr(LkStmt) insert = NULL;
  g_autofree char *now = NULL;
  g_autofree char *details = NULL;
  gboolean found = FALSE;
  gint64 id = 0;

  if (find == NULL || !lk_stmt_bind_text (find, 1, analyst, error) ||
      !lk_stmt_one_int64 (find, &id, &found, error))
    return FALSE;
  if (found)
    {
      self->analyst_id = id;
      return TRUE;
    }
  now = lk_case_now_iso ();
  insert = lk_case_prepare (self, "INSERT INTO analysts (name, first_seen) VALUES (?1, ?2)", error);
  if (insert == NULL ||
      !lk_stmt_bind_text (insert, 1, analyst, error) ||
      !lk_stmt_bind_text (insert, 2, now, error) ||
      !lk_stmt_exec (insert, error))
    return FALSE;
  self->analyst_id = lk_sqlite_last_insert_rowid (self->db);
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "name");
    json_builder_add_string_value (b, analyst);
    json_builder_end_object (b);
    node = json_builder_get_root (b);
    details = lk_case_json_old_new (NULL, g_steal_pointer (&node));
  }
  return lk_case_audit_append (self, analyst, "analyst.add", "analyst", self->analyst_id, details, error);
}

gboolean
lk_case_write_begin (LkCase *self, const char *analyst, GError **error)
{
  if (!check_open (self, error))
    return FALSE;
  if (self->read_only)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_READ_ONLY, "%s %s",
                   _("The case is open read-only; nothing can be changed."),
                   self->read_only_reason ? self->read_only_reason : "");
      return FALSE;
    }
  if (analyst != NULL && lk_case_is_blank (analyst))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("Every change needs the analyst's name."));
      return FALSE;
    }
  if (!lk_case_check_text (LK_CASE_FIELD_ANALYST, analyst, error))
    return FALSE;
  if (!lk_sqlite_begin (self->db, error))
    return FALSE;
  if (analyst != NULL && !ensure_analyst (self, analyst, error))
    {
      lk_sqlite_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_case_write_commit (LkCase *self, GError **error)
{
  return lk_sqlite_commit (self->db, error);
}

void
lk_case_write_rollback (LkCase *self)
{
  if (self->db != NULL && lk_sqlite_get_depth (self->db) > 0)
    lk_sqlite_rollback (self->db);
}

gboolean
lk_case_begin_batch (LkCase *self, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  return lk_case_write_begin (self, NULL, error);
}

gboolean
lk_case_commit_batch (LkCase *self, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (self->db != NULL && lk_sqlite_get_depth (self->db) > 0, FALSE);
  return lk_case_write_commit (self, error);
}

void
lk_case_rollback_batch (LkCase *self)
{
  g_return_if_fail (LK_IS_CASE (self));
  lk_case_write_rollback (self);
}

char *
lk_case_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}
