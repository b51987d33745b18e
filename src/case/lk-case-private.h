/* lk-case-private.h — helpers for code inside src/case/ only (the store's own
 * files and MATCH's lk-case-match.c).  Never include it from outside src/case/.
 *
 * Writing, the pattern every change follows:
 *
 *   if (!lk_case_write_begin (self, analyst, error))      // READ_ONLY, LOCKED…
 *     return FALSE;
 *   stmt = lk_case_prepare (self, "UPDATE … WHERE id = ?1", error);
 *   … bind, lk_sqlite_step_done …
 *   details = … JSON with "old" and "new" values …;
 *   if (!lk_case_audit_append (self, analyst, "thing.change", "thing", id, details, error))
 *     goto fail;
 *   return lk_case_write_commit (self, error);
 * fail:
 *   lk_case_write_rollback (self);
 *   return FALSE;
 *
 * write_begin opens BEGIN IMMEDIATE (or a SAVEPOINT inside a batch) and
 * registers the analyst; commit/rollback close the same level.
 */
#pragma once

#include "lk-case.h"
#include "lk-sqlite.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

LkSqlite     *lk_case_get_db          (LkCase *self);
/* The connection's cached statement (reset, unbound). */
sqlite3_stmt *lk_case_prepare         (LkCase *self, const char *sql, GError **error);

/* Fails with READ_ONLY on a read-only case; registers analyst (may be NULL
 * for reads inside a write transaction). */
gboolean      lk_case_write_begin     (LkCase *self, const char *analyst, GError **error);
gboolean      lk_case_write_commit    (LkCase *self, GError **error);
void          lk_case_write_rollback  (LkCase *self);

/* Appends one audit entry inside the current write transaction.
 * details_json: a JSON object (NULL: "{}"), stored canonicalised. */
gboolean      lk_case_audit_append    (LkCase      *self,
                                       const char  *analyst,
                                       const char  *action,
                                       const char  *object_type,
                                       gint64       object_id,
                                       const char  *details_json,
                                       GError     **error);

/* The current UTC time as "2026-11-26T14:38:01.123Z". */
char         *lk_case_now_iso         (void);
/* Serialises a JsonNode compactly with object members sorted by name
 * (the canonical form hashed by the audit chain). */
char         *lk_case_json_canonical  (JsonNode *node);
/* Builds {"old": old, "new": new} (either may be NULL) canonically; takes both. */
char         *lk_case_json_old_new    (JsonNode *old_value, JsonNode *new_value);

const char   *lk_case_get_evidence_dir (LkCase *self);

G_END_DECLS
