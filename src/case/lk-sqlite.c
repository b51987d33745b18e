#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include "lk-case.h"
#include "lk-sqlite.h"

/* How long a reader or writer waits for another connection's lock before
 * SQLITE_BUSY reaches the caller as LK_CASE_ERROR_LOCKED. */
#define LK_SQLITE_BUSY_TIMEOUT_MS 5000

struct _LkSqlite {
  sqlite3    *handle;
  GHashTable *statements;  /* SQL text (owned) → LkStmt* (owned) */
  gboolean    read_only;
  guint       depth;       /* 0: no transaction; n: BEGIN + n-1 savepoints */
};

struct _LkStmt {
  sqlite3_stmt *handle;
  LkSqlite     *db;        /* whose errors the statement reports */
};

static void
finalize_statement (gpointer data)
{
  LkStmt *stmt = data;

  sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

static LkCaseError
map_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return LK_CASE_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return LK_CASE_ERROR_LOCKED;
    case SQLITE_READONLY:
      return LK_CASE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return LK_CASE_ERROR_DAMAGED;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return LK_CASE_ERROR_IO;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return LK_CASE_ERROR_INVALID;
    default:
      return LK_CASE_ERROR_INTERNAL;
    }
}

void
lk_sqlite_set_error (LkSqlite *db, int rc, GError **error, const char *what)
{
  const char *detail = db != NULL && db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc);
  LkCaseError code = map_code (rc);

  if (code == LK_CASE_ERROR_DISK_FULL)
    g_set_error (error, LK_CASE_ERROR, code,
                 _("The disk holding the case is full (or the database reached its size limit); "
                   "nothing of this change was written. Free some space and try again."));
  else if (code == LK_CASE_ERROR_LOCKED)
    g_set_error (error, LK_CASE_ERROR, code,
                 _("The case database is busy in another process (%s); try again when it has finished."),
                 detail);
  else if (code == LK_CASE_ERROR_READ_ONLY)
    g_set_error (error, LK_CASE_ERROR, code, _("The case database cannot be written (%s)."), detail);
  else
    g_set_error (error, LK_CASE_ERROR, code, "%s: %s", what ? what : _("database error"), detail);
}

LkSqlite *
lk_sqlite_open (const char *path, gboolean read_only, GError **error)
{
  LkSqlite *db = g_new0 (LkSqlite, 1);
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc;

  rc = sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      lk_sqlite_set_error (db, rc, error, _("Cannot open the case database"));
      lk_sqlite_close (db);
      return NULL;
    }
  db->read_only = read_only;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  sqlite3_extended_result_codes (db->handle, 0);
  sqlite3_busy_timeout (db->handle, LK_SQLITE_BUSY_TIMEOUT_MS);
  /* No mmap: measured no faster for the 1M-descriptor scan, while it shows
   * the whole database as resident memory and turns I/O errors into SIGBUS. */
  if (!lk_sqlite_exec (db, "PRAGMA foreign_keys = ON", error))
    {
      lk_sqlite_close (db);
      return NULL;
    }
  return db;
}

void
lk_sqlite_close (LkSqlite *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_destroy);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db);
}

gboolean
lk_sqlite_is_read_only (LkSqlite *db)
{
  return db->read_only;
}

gboolean
lk_sqlite_exec (LkSqlite *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      lk_sqlite_set_error (db, rc, error, _("Database statement failed"));
      return FALSE;
    }
  return TRUE;
}

LkStmt *
lk_sqlite_prepare (LkSqlite *db, const char *sql, GError **error)
{
  LkStmt *stmt = g_hash_table_lookup (db->statements, sql);
  sqlite3_stmt *handle = NULL;
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt->handle);
      sqlite3_clear_bindings (stmt->handle);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL);
  if (rc != SQLITE_OK)
    {
      lk_sqlite_set_error (db, rc, error, _("Cannot prepare a database statement"));
      return NULL;
    }
  stmt = g_new0 (LkStmt, 1);
  stmt->handle = handle;
  stmt->db = db;
  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

void
lk_stmt_reset (LkStmt *stmt)
{
  if (stmt != NULL)
    sqlite3_reset (stmt->handle);
}

static gboolean
check_bind (LkStmt *stmt, int rc, GError **error)
{
  if (rc == SQLITE_OK)
    return TRUE;
  lk_sqlite_set_error (stmt->db, rc, error, _("Cannot bind a value"));
  return FALSE;
}

gboolean
lk_stmt_bind_int64 (LkStmt *stmt, int i, gint64 v, GError **error)
{
  return check_bind (stmt, sqlite3_bind_int64 (stmt->handle, i, v), error);
}

gboolean
lk_stmt_bind_double (LkStmt *stmt, int i, double v, GError **error)
{
  return check_bind (stmt, sqlite3_bind_double (stmt->handle, i, v), error);
}

gboolean
lk_stmt_bind_text (LkStmt *stmt, int i, const char *v, GError **error)
{
  if (v == NULL)
    return check_bind (stmt, sqlite3_bind_null (stmt->handle, i), error);
  return check_bind (stmt, sqlite3_bind_text (stmt->handle, i, v, -1, SQLITE_TRANSIENT), error);
}

gboolean
lk_stmt_bind_blob (LkStmt *stmt, int i, gconstpointer data, gsize size, GError **error)
{
  if (data == NULL)
    return check_bind (stmt, sqlite3_bind_null (stmt->handle, i), error);
  return check_bind (stmt, sqlite3_bind_blob64 (stmt->handle, i, data, size, SQLITE_TRANSIENT), error);
}

gboolean
lk_stmt_bind_null (LkStmt *stmt, int i, GError **error)
{
  return check_bind (stmt, sqlite3_bind_null (stmt->handle, i), error);
}

gboolean
lk_stmt_bind_id (LkStmt *stmt, int i, gint64 id, GError **error)
{
  if (id <= 0)
    return lk_stmt_bind_null (stmt, i, error);
  return lk_stmt_bind_int64 (stmt, i, id, error);
}

LkSqliteStep
lk_stmt_step (LkStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt->handle);

  if (rc == SQLITE_ROW)
    return LK_SQLITE_ROW;
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt->handle);
      return LK_SQLITE_DONE;
    }
  /* sqlite3_step's own code is generic with the legacy interface; reset gives the real one. */
  rc = sqlite3_reset (stmt->handle);
  lk_sqlite_set_error (stmt->db, rc != SQLITE_OK ? rc : SQLITE_ERROR, error, _("Database step failed"));
  return LK_SQLITE_ERROR_STEP;
}

gboolean
lk_stmt_exec (LkStmt *stmt, GError **error)
{
  LkSqliteStep r = lk_stmt_step (stmt, error);

  if (r == LK_SQLITE_ROW)
    sqlite3_reset (stmt->handle);
  return r != LK_SQLITE_ERROR_STEP;
}

gboolean
lk_stmt_one_int64 (LkStmt *stmt, gint64 *out, gboolean *found, GError **error)
{
  LkSqliteStep r = lk_stmt_step (stmt, error);

  *out = r == LK_SQLITE_ROW ? sqlite3_column_int64 (stmt->handle, 0) : 0;
  if (found != NULL)
    *found = r == LK_SQLITE_ROW;
  sqlite3_reset (stmt->handle);
  return r != LK_SQLITE_ERROR_STEP;
}

gint64
lk_stmt_get_int64 (LkStmt *stmt, int col)
{
  return sqlite3_column_int64 (stmt->handle, col);
}

double
lk_stmt_get_double (LkStmt *stmt, int col)
{
  return sqlite3_column_double (stmt->handle, col);
}

char *
lk_stmt_dup_text (LkStmt *stmt, int col)
{
  if (sqlite3_column_type (stmt->handle, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt->handle, col));
}

char *
lk_stmt_dup_text0 (LkStmt *stmt, int col)
{
  char *text = lk_stmt_dup_text (stmt, col);

  return text != NULL ? text : g_strdup ("");
}

const char *
lk_stmt_peek_text (LkStmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt->handle, col);
}

gconstpointer
lk_stmt_peek_blob (LkStmt *stmt, int col, gsize *size)
{
  gconstpointer data = sqlite3_column_blob (stmt->handle, col);

  *size = sqlite3_column_bytes (stmt->handle, col);
  return data;
}

gboolean
lk_stmt_is_null (LkStmt *stmt, int col)
{
  return sqlite3_column_type (stmt->handle, col) == SQLITE_NULL;
}

int
lk_stmt_column_count (LkStmt *stmt)
{
  return sqlite3_column_count (stmt->handle);
}

const char *
lk_stmt_column_name (LkStmt *stmt, int col)
{
  return sqlite3_column_name (stmt->handle, col);
}

int
lk_stmt_column_type (LkStmt *stmt, int col)
{
  return sqlite3_column_type (stmt->handle, col);
}

int
lk_stmt_column_bytes (LkStmt *stmt, int col)
{
  return sqlite3_column_bytes (stmt->handle, col);
}

int
lk_stmt_parameter_count (LkStmt *stmt)
{
  return sqlite3_bind_parameter_count (stmt->handle);
}

gint64
lk_sqlite_last_insert_rowid (LkSqlite *db)
{
  return sqlite3_last_insert_rowid (db->handle);
}

int
lk_sqlite_changes (LkSqlite *db)
{
  return sqlite3_changes (db->handle);
}

gboolean
lk_sqlite_query_int64 (LkSqlite *db, const char *sql, gint64 *out, GError **error)
{
  LkStmt *stmt = lk_sqlite_prepare (db, sql, error);

  *out = 0;
  return stmt != NULL && lk_stmt_one_int64 (stmt, out, NULL, error);
}

gboolean
lk_sqlite_begin (LkSqlite *db, GError **error)
{
  g_autofree char *sql = NULL;

  /* IMMEDIATE takes the write lock now, so a busy database fails here and not
   * half-way through a change. */
  if (db->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT lk_%u", db->depth);
  if (!lk_sqlite_exec (db, sql, error))
    return FALSE;
  db->depth++;
  return TRUE;
}

gboolean
lk_sqlite_commit (LkSqlite *db, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (db->depth > 0, FALSE);
  if (db->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE lk_%u", db->depth - 1);
  if (!lk_sqlite_exec (db, sql, error))
    {
      /* A failed COMMIT (disk full) leaves the transaction open: undo it. */
      lk_sqlite_rollback (db);
      return FALSE;
    }
  db->depth--;
  return TRUE;
}

void
lk_sqlite_rollback (LkSqlite *db)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (db->depth > 0);
  if (db->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO lk_%u; RELEASE lk_%u", db->depth - 1, db->depth - 1);
  /* SQLite may already have rolled back by itself (SQLITE_FULL): ignore that error. */
  sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  db->depth--;
}

guint
lk_sqlite_get_depth (LkSqlite *db)
{
  return db->depth;
}
