/* lk-sqlite.h — the one SQLite wrapper of the case store (src/case/ only).
 *
 * In the manner of Epiphany's ephy-sqlite-connection: typed bind/step/get that
 * report through GError (LK_CASE_ERROR), statements prepared once and cached
 * per connection (keyed by their SQL text), explicit transactions.
 * SQLITE_FULL becomes LK_CASE_ERROR_DISK_FULL, SQLITE_BUSY/LOCKED
 * LK_CASE_ERROR_LOCKED, SQLITE_READONLY LK_CASE_ERROR_READ_ONLY,
 * SQLITE_CORRUPT/NOTADB LK_CASE_ERROR_DAMAGED.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _LkSqlite LkSqlite;

/* Opens path (read-only: SQLITE_OPEN_READONLY, no file created) with
 * foreign_keys on and a busy timeout; WAL is set by the caller for new cases. */
LkSqlite     *lk_sqlite_open          (const char *path, gboolean read_only, GError **error);
void          lk_sqlite_close         (LkSqlite *db);
sqlite3      *lk_sqlite_get_handle    (LkSqlite *db);
gboolean      lk_sqlite_is_read_only  (LkSqlite *db);

/* Runs one or more statements without results (migrations, pragmas). */
gboolean      lk_sqlite_exec          (LkSqlite *db, const char *sql, GError **error);

/* The cached statement for sql, reset and with its bindings cleared.
 * Owned by the connection: never finalize it.  One user at a time. */
sqlite3_stmt *lk_sqlite_prepare       (LkSqlite *db, const char *sql, GError **error);

/* Bindings are 1-based like SQLite's.  text NULL binds NULL. */
gboolean      lk_sqlite_bind_int64    (LkSqlite *db, sqlite3_stmt *stmt, int i, gint64 v, GError **error);
gboolean      lk_sqlite_bind_double   (LkSqlite *db, sqlite3_stmt *stmt, int i, double v, GError **error);
gboolean      lk_sqlite_bind_text     (LkSqlite *db, sqlite3_stmt *stmt, int i, const char *v, GError **error);
gboolean      lk_sqlite_bind_blob     (LkSqlite *db, sqlite3_stmt *stmt, int i, gconstpointer data,
                                       gsize size, GError **error);
gboolean      lk_sqlite_bind_null     (LkSqlite *db, sqlite3_stmt *stmt, int i, GError **error);
/* Binds 0 as NULL (for optional foreign keys). */
gboolean      lk_sqlite_bind_id       (LkSqlite *db, sqlite3_stmt *stmt, int i, gint64 id, GError **error);

typedef enum {
  LK_SQLITE_ERROR_STEP = -1,
  LK_SQLITE_DONE = 0,
  LK_SQLITE_ROW = 1,
} LkSqliteStep;

LkSqliteStep  lk_sqlite_step          (LkSqlite *db, sqlite3_stmt *stmt, GError **error);
/* Steps a statement that must finish without rows (INSERT, UPDATE). */
gboolean      lk_sqlite_step_done     (LkSqlite *db, sqlite3_stmt *stmt, GError **error);

gint64        lk_sqlite_get_int64     (sqlite3_stmt *stmt, int col);
double        lk_sqlite_get_double    (sqlite3_stmt *stmt, int col);
/* A copy; NULL for SQL NULL. */
char         *lk_sqlite_dup_text      (sqlite3_stmt *stmt, int col);
/* A copy; "" for SQL NULL. */
char         *lk_sqlite_dup_text0     (sqlite3_stmt *stmt, int col);
const char   *lk_sqlite_peek_text     (sqlite3_stmt *stmt, int col);
gconstpointer lk_sqlite_peek_blob     (sqlite3_stmt *stmt, int col, gsize *size);
gboolean      lk_sqlite_is_null       (sqlite3_stmt *stmt, int col);

gint64        lk_sqlite_last_insert_rowid (LkSqlite *db);
int           lk_sqlite_changes       (LkSqlite *db);

/* One query returning one integer (0 when no row). */
gboolean      lk_sqlite_query_int64   (LkSqlite *db, const char *sql, gint64 *out, GError **error);

/* Explicit transactions: BEGIN IMMEDIATE at depth 0, SAVEPOINTs inside. */
gboolean      lk_sqlite_begin         (LkSqlite *db, GError **error);
gboolean      lk_sqlite_commit        (LkSqlite *db, GError **error);
void          lk_sqlite_rollback      (LkSqlite *db);
guint         lk_sqlite_get_depth     (LkSqlite *db);

/* Sets error from the connection's last error, mapping the code. */
void          lk_sqlite_set_error     (LkSqlite *db, int rc, GError **error, const char *what);

G_END_DECLS
