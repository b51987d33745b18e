/* lk-case-private.h — helpers for code inside src/case/ only (the store's own
 * files and MATCH's lk-case-match.c).  Never include it from outside src/case/.
 *
 * Writing, the pattern every change follows:
 *
 *   if (!lk_case_write_begin (self, analyst, error))      // READ_ONLY, LOCKED…
 *     return FALSE;
 *   stmt = lk_case_prepare (self, "UPDATE … WHERE id = ?1", error);
 *   … lk_stmt_bind_int64 (stmt, 1, id, error), lk_stmt_exec (stmt, error) …
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
/* The connection's cached statement (reset, unbound); hold it in
 * g_autoptr(LkStmt) so that it is reset when the scope ends (lk-sqlite.h). */
LkStmt       *lk_case_prepare         (LkCase *self, const char *sql, GError **error);

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
/* lk_case_check_text() over every field (lk-case-limits.c); NULL fields pass. */
gboolean      lk_case_check_person_fields (const LkPersonFields *fields, GError **error);
gboolean      lk_case_check_info      (const char *title, const char *number, const char *description,
                                       const char *analyst, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* The analysts.id of the analyst given to the innermost lk_case_write_begin(). */
gint64        lk_case_get_analyst_id  (LkCase *self);

/* lk_case_create() with the schema migrated only up to `version` (fixtures
 * for migration tests: a case as an older Likeness wrote it). */
LkCase       *lk_case_create_at_version (const char *path, const char *title, const char *number,
                                         const char *description, const char *analyst, int version,
                                         GError **error);

/* Schema (lk-case-schema.c). */
int           lk_case_schema_latest_version (void);
/* Checks a database opened read-only: SQLite file, version, tables, and when
 * thorough PRAGMA quick_check (which reads the whole file). */
gboolean      lk_case_schema_check   (LkSqlite *db, const char *db_path, gboolean thorough, int *out_version,
                                      GError **error);
/* Applies every migration newer than the database's version, one transaction each. */
gboolean      lk_case_schema_migrate (LkSqlite *db, int *inout_version, GError **error);
/* Applies the migrations up to and including `version` only (test fixtures). */
gboolean      lk_case_schema_migrate_to (LkSqlite *db, int version, GError **error);

/* The row of a table as canonical JSON (blobs as their SHA-256), the snapshot
 * audited as "old"/"new" and rebuilt by verification.  NULL when absent. */
JsonNode     *lk_case_snapshot_row    (LkCase *self, const char *object_type, gint64 id, GError **error);
/* Appends an audit entry whose details are {"old": old, "new": the row now}. */
gboolean      lk_case_audit_row       (LkCase *self, const char *analyst, const char *action,
                                       const char *object_type, gint64 id, JsonNode *old_snapshot,
                                       GError **error);
/* Whether an action is one of the store's own row actions (log_event refuses them). */
gboolean      lk_case_audit_is_row_action (const char *action);

/* The schema that stores faces.quality_flags (007-quality-flags.sql). */
#define LK_CASE_SCHEMA_QUALITY_FLAGS 7
/* faces.quality_flags from a quality record `json` (an SQL expression): its
 * "flags" when an integer from 0 to 2^31 - 1, else 0.  The one rule, used at
 * insert and by verification; 007-quality-flags.sql spells out the same. */
#define LK_CASE_QUALITY_FLAGS_SQL(json) \
  "CASE WHEN json_valid (" json ") THEN " \
  "CASE WHEN json_type (" json ", '$.flags') = 'integer' " \
  "AND json_extract (" json ", '$.flags') BETWEEN 0 AND 2147483647 " \
  "THEN json_extract (" json ", '$.flags') ELSE 0 END ELSE 0 END"

/* SHA-256 over every candidate row (lk-case-candidates.c): recorded by each
 * match.refresh entry, compared by verification. */
char         *lk_case_candidates_digest (LkCase *self, GError **error);

/* Fills the new decision's shown_* columns (lk-case-candidates.c) with what the
 * software showed for (face, person): the candidate row when the stored
 * descriptors vouch for its distance (its share only while the table is
 * what the last refresh recorded), else the distance measured now. */
gboolean      lk_case_record_shown_numbers (LkCase *self, gint64 decision_id, gint64 face_id,
                                            gint64 person_id, GError **error);

/* EXIF (lk-case-exif.c): fills the exif_* fields of photo from a file. */
void          lk_case_exif_read       (const char *path, LkPhoto *photo);

G_END_DECLS

/* TRUE for NULL, "" or only white space. */
static inline gboolean
lk_case_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}
