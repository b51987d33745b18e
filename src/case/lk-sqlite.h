/* lk-sqlite.h — the one SQLite wrapper of the case store (src/case/ only).
 *
 * In the manner of Epiphany's ephy-sqlite-connection and -statement: typed
 * bind/step/get that report through GError (LK_CASE_ERROR), statements
 * prepared once and cached per connection (keyed by their SQL text),
 * explicit transactions.  SQLITE_FULL becomes LK_CASE_ERROR_DISK_FULL,
 * SQLITE_BUSY/LOCKED LK_CASE_ERROR_LOCKED, SQLITE_READONLY
 * LK_CASE_ERROR_READ_ONLY, SQLITE_CORRUPT/NOTADB LK_CASE_ERROR_DAMAGED.
 *
 * A statement (LkStmt) carries its connection: bind, step and get take the
 * statement alone, and errors are read from the statement's own database.
 * It is borrowed from the connection's cache, never freed by its user;
 * holding it in g_autoptr(LkStmt) resets it when the scope ends, so no
 * statement is left in the middle of its rows (holding a read snapshot open):
 *
 *   g_autoptr(LkStmt) stmt = lk_sqlite_prepare (db, "SELECT … WHERE id = ?1", error);
 *
 *   if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, id, error))
 *     return FALSE;
 *   while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
 *     … lk_stmt_get_int64 (stmt, 0) …
 *
 * lk_stmt_exec runs a statement without rows, lk_stmt_one_int64 reads the one
 * number a query gives.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _LkSqlite LkSqlite;
typedef struct _LkStmt LkStmt;

/* Opens path (read-only: SQLITE_OPEN_READONLY, no file created) with
 * foreign_keys on and a busy timeout; WAL is set by the caller for new cases. */
LkSqlite     *lk_sqlite_open          (const char *path, gboolean read_only, GError **error);
void          lk_sqlite_close         (LkSqlite *db);
gboolean      lk_sqlite_is_read_only  (LkSqlite *db);

/* Runs one or more statements without results (migrations, pragmas). */
gboolean      lk_sqlite_exec          (LkSqlite *db, const char *sql, GError **error);

/* The cached statement for sql, reset and with its bindings cleared.
 * Owned by the connection: one user at a time; see above. */
LkStmt       *lk_sqlite_prepare       (LkSqlite *db, const char *sql, GError **error);
/* Ends the statement's current run (NULL does nothing); the g_autoptr cleanup. */
void          lk_stmt_reset           (LkStmt *stmt);

/* Bindings are 1-based like SQLite's.  text NULL binds NULL. */
gboolean      lk_stmt_bind_int64      (LkStmt *stmt, int i, gint64 v, GError **error);
gboolean      lk_stmt_bind_double     (LkStmt *stmt, int i, double v, GError **error);
gboolean      lk_stmt_bind_text       (LkStmt *stmt, int i, const char *v, GError **error);
gboolean      lk_stmt_bind_blob       (LkStmt *stmt, int i, gconstpointer data, gsize size, GError **error);
gboolean      lk_stmt_bind_null       (LkStmt *stmt, int i, GError **error);
/* Binds 0 as NULL (for optional foreign keys). */
gboolean      lk_stmt_bind_id         (LkStmt *stmt, int i, gint64 id, GError **error);

typedef enum {
  LK_SQLITE_ERROR_STEP = -1,
  LK_SQLITE_DONE = 0,
  LK_SQLITE_ROW = 1,
} LkSqliteStep;

/* The next row; at DONE or on an error the statement is reset. */
LkSqliteStep  lk_stmt_step            (LkStmt *stmt, GError **error);
/* Runs a statement that needs no rows (INSERT, UPDATE) and resets it. */
gboolean      lk_stmt_exec            (LkStmt *stmt, GError **error);
/* Column 0 of the first row in *out (0 without a row) and resets: FALSE only
 * on an error.  *found (nullable) says whether there was a row. */
gboolean      lk_stmt_one_int64       (LkStmt *stmt, gint64 *out, gboolean *found, GError **error);

/* Columns of the current row. */
gint64        lk_stmt_get_int64       (LkStmt *stmt, int col);
double        lk_stmt_get_double      (LkStmt *stmt, int col);
/* A copy; NULL for SQL NULL. */
char         *lk_stmt_dup_text        (LkStmt *stmt, int col);
/* A copy; "" for SQL NULL. */
char         *lk_stmt_dup_text0       (LkStmt *stmt, int col);
const char   *lk_stmt_peek_text       (LkStmt *stmt, int col);
gconstpointer lk_stmt_peek_blob       (LkStmt *stmt, int col, gsize *size);
gboolean      lk_stmt_is_null         (LkStmt *stmt, int col);
/* For code that walks any row (snapshots, exports): SQLITE_INTEGER… */
int           lk_stmt_column_count    (LkStmt *stmt);
const char   *lk_stmt_column_name     (LkStmt *stmt, int col);
int           lk_stmt_column_type     (LkStmt *stmt, int col);
int           lk_stmt_column_bytes    (LkStmt *stmt, int col);
/* How many ?N parameters the statement has. */
int           lk_stmt_parameter_count (LkStmt *stmt);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkStmt, lk_stmt_reset)

G_END_DECLS
