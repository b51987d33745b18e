#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lk-case-private.h"

/* Audit verification: walk the chain, then rebuild every audited row from the
 * entries' "new" snapshots and compare with the tables.  Reads only. */

char *lk_case_audit_compute_hash (gint64 seq, const char *time, const char *analyst, const char *action,
                                  const char *object_type, gint64 object_id, const char *details,
                                  const char *prev_hash);

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Object types whose every row must be backed by the audit log, and their tables. */
static const struct {
  const char *type;
  const char *ids_sql;
} audited_tables[] = {
  { "case", "SELECT id FROM case_info ORDER BY id" },
  { "photo", "SELECT id FROM photos ORDER BY id" },
  { "face", "SELECT id FROM faces ORDER BY id" },
  { "person", "SELECT id FROM persons ORDER BY id" },
  { "reference", "SELECT id FROM reference_faces ORDER BY id" },
  { "decision", "SELECT id FROM decisions ORDER BY id" },
  { "import_error", "SELECT id FROM import_errors ORDER BY id" },
  { "role", "SELECT id FROM analyst_roles ORDER BY id" },
  { "verification", "SELECT id FROM verification_items ORDER BY id" },
  { "verification_conclusion", "SELECT id FROM verification_conclusions ORDER BY id" },
};

typedef struct {
  JsonNode *snapshot;   /* the latest "new" of the object */
  gint64    seq;        /* the entry it came from */
  gboolean  seen;       /* its row was found */
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_clear_pointer (&e->snapshot, json_node_unref);
  g_free (e);
}

void
lk_audit_report_free (LkAuditReport *report)
{
  if (report == NULL)
    return;
  g_free (report->head_hash);
  g_free (report->bad_object);
  g_free (report->message);
  g_clear_pointer (&report->flagged_decisions, g_array_unref);
  g_free (report);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
lk_audit_report_flags_decision (const LkAuditReport *report, gint64 decision_id)
{
  g_return_val_if_fail (report != NULL, FALSE);

  if (report->flagged_decisions == NULL || report->flagged_decisions->len == 0)
    return FALSE;
  return bsearch (&decision_id, report->flagged_decisions->data, report->flagged_decisions->len,
                  sizeof (gint64), compare_ids) != NULL;
}

static gboolean
fail_entry (LkAuditReport *report, gint64 seq, char *message)
{
  report->ok = FALSE;
  report->bad_seq = seq;
  report->message = message;
  return FALSE;
}

static gboolean
fail_row (LkAuditReport *report, const char *type, gint64 id, gint64 seq, char *message)
{
  report->ok = FALSE;
  report->bad_seq = seq;
  report->bad_object = g_strdup_printf ("%s %" G_GINT64_FORMAT, type, id);
  report->message = message;
  return FALSE;
}

static void
remember (GHashTable *expected, const char *type, gint64 id, gint64 seq, const char *details)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  Expected *e;

  if (!json_parser_load_from_data (parser, details, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "new") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "new")))
    return;
  e = g_new0 (Expected, 1);
  e->snapshot = json_node_copy (json_object_get_member (root, "new"));
  e->seq = seq;
  g_hash_table_replace (expected, g_strdup_printf ("%s %" G_GINT64_FORMAT, type, id), e);
}

/* Checks one entry against the chain so far; FALSE (with the report filled) when bad. */
static gboolean
check_entry (sqlite3_stmt *stmt, gint64 expect_seq, const char *prev, LkAuditReport *report)
{
  gint64 seq = lk_sqlite_get_int64 (stmt, 0);
  const char *prev_hash = lk_sqlite_peek_text (stmt, 7);
  const char *hash = lk_sqlite_peek_text (stmt, 8);
  g_autofree char *computed = NULL;

  if (seq != expect_seq)
    return fail_entry (report, expect_seq,
                       g_strdup_printf (_("Audit entry %" G_GINT64_FORMAT " is missing: the chain jumps from entry %"
                                          G_GINT64_FORMAT " to entry %" G_GINT64_FORMAT " (an entry was deleted)."),
                                        expect_seq, expect_seq - 1, seq));
  computed = lk_case_audit_compute_hash (seq, lk_sqlite_peek_text (stmt, 1), lk_sqlite_peek_text (stmt, 2),
                                         lk_sqlite_peek_text (stmt, 3), lk_sqlite_peek_text (stmt, 4),
                                         lk_sqlite_get_int64 (stmt, 5), lk_sqlite_peek_text (stmt, 6),
                                         prev_hash ? prev_hash : "");
  if (g_strcmp0 (computed, hash) != 0)
    return fail_entry (report, seq,
                       g_strdup_printf (_("Audit entry %" G_GINT64_FORMAT " was altered: its hash does not match "
                                          "its content (or entries were swapped)."), seq));
  if (g_strcmp0 (prev_hash, prev) != 0)
    return fail_entry (report, seq,
                       g_strdup_printf (_("Audit entry %" G_GINT64_FORMAT " does not follow entry %" G_GINT64_FORMAT
                                          ": its previous hash does not match (entries were deleted, inserted "
                                          "or reordered)."), seq, seq - 1));
  return TRUE;
}

static gboolean
walk_chain (LkCase *self, const char *expect_head, GHashTable *expected, LkAuditReport *report,
            gboolean *found_head, GError **error)
{
  sqlite3_stmt *stmt = lk_case_prepare (self, "SELECT seq, time, analyst, action, object_type, object_id, details, "
                                              "prev_hash, hash FROM audit_log ORDER BY seq", error);
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  while ((r = lk_sqlite_step (lk_case_get_db (self), stmt, error)) == LK_SQLITE_ROW)
    {
      const char *action = lk_sqlite_peek_text (stmt, 3);

      if (!check_entry (stmt, report->n_entries + 1, prev, report))
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
      report->n_entries++;
      g_free (prev);
      prev = lk_sqlite_dup_text0 (stmt, 8);
      if (expect_head != NULL && g_ascii_strcasecmp (prev, expect_head) == 0)
        *found_head = TRUE;
      if (lk_case_audit_is_row_action (action))
        remember (expected, lk_sqlite_peek_text (stmt, 4), lk_sqlite_get_int64 (stmt, 5),
                  report->n_entries, lk_sqlite_peek_text (stmt, 6));
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  report->head_seq = report->n_entries;
  report->head_hash = g_strdup (report->n_entries > 0 ? prev : "");
  return TRUE;
}

static char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node ? lk_case_json_canonical (node) : g_strdup (_("(absent)"));
}

/* Compares the audited snapshot with the row, member by member: columns a
 * later migration added (absent from old snapshots) are not judged. */
static gboolean
compare_row (JsonNode *want, JsonNode *have, const char *type, gint64 id, gint64 seq, LkAuditReport *report)
{
  JsonObject *w = json_node_get_object (want);
  JsonObject *h = json_node_get_object (have);
  g_autoptr(GList) members = json_object_get_members (w);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *a = member_text (w, l->data);
      g_autofree char *b = member_text (h, l->data);

      if (g_strcmp0 (a, b) != 0)
        return fail_row (report, type, id, seq,
                         g_strdup_printf (_("%s %" G_GINT64_FORMAT " does not match the audit log: its “%s” is %s "
                                            "but audit entry %" G_GINT64_FORMAT " says %s (the row was changed "
                                            "outside Likeness)."), type, id, (const char *) l->data, b, seq, a));
    }
  return TRUE;
}

static gboolean
check_table (LkCase *self, guint t, GHashTable *expected, LkAuditReport *report, GError **error)
{
  const char *type = audited_tables[t].type;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = lk_case_prepare (self, audited_tables[t].ids_sql, error);
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  while ((r = lk_sqlite_step (lk_case_get_db (self), stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 id = lk_sqlite_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  for (guint i = 0; i < ids->len && report->ok; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *key = g_strdup_printf ("%s %" G_GINT64_FORMAT, type, id);
      Expected *e = g_hash_table_lookup (expected, key);
      g_autoptr(JsonNode) have = NULL;

      if (e == NULL)
        {
          fail_row (report, type, id, 0,
                    g_strdup_printf (_("%s %" G_GINT64_FORMAT " has no audit entry: it was added outside "
                                       "Likeness."), type, id));
          return TRUE;
        }
      e->seen = TRUE;
      have = lk_case_snapshot_row (self, type, id, error);
      if (have == NULL)
        return FALSE;
      compare_row (e->snapshot, have, type, id, e->seq, report);
    }
  return TRUE;
}

static void
check_missing_rows (GHashTable *expected, LkAuditReport *report)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *first_key = NULL;
  gint64 first_seq = G_MAXINT64;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expected *e = value;

      if (!e->seen && !g_str_has_prefix (key, "analyst ") && e->seq < first_seq)
        {
          first_seq = e->seq;
          first_key = key;
        }
    }
  if (first_key == NULL)
    return;
  report->ok = FALSE;
  report->bad_seq = first_seq;
  report->bad_object = g_strdup (first_key);
  report->message = g_strdup_printf (_("%s is in the audit log (entry %" G_GINT64_FORMAT ") but missing from the "
                                       "case: it was deleted."), first_key, first_seq);
}

static void
check_triggers (LkCase *self, LkAuditReport *report)
{
  gint64 n = 0;

  lk_sqlite_query_int64 (lk_case_get_db (self),
                         "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                         "AND name IN ('audit_log_no_update', 'audit_log_no_delete')", &n, NULL);
  if (n == 2)
    return;
  report->ok = FALSE;
  report->message = g_strdup (_("The triggers that keep the audit log append-only were removed: "
                                "the case was changed outside Likeness."));
}

/* The full page-level check that opening skips after a clean close. */
static void
check_integrity (LkCase *self, LkAuditReport *report)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = lk_case_prepare (self, "PRAGMA quick_check(1)", &error);
  LkSqliteStep r = stmt ? lk_sqlite_step (lk_case_get_db (self), stmt, &error) : LK_SQLITE_ERROR_STEP;
  g_autofree char *result = r == LK_SQLITE_ROW ? lk_sqlite_dup_text0 (stmt, 0) : NULL;

  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (g_strcmp0 (result, "ok") == 0)
    return;
  report->ok = FALSE;
  report->message = g_strdup_printf (_("The case database fails its integrity check: %s"),
                                     result ? result : error->message);
}

gboolean
lk_case_verify_audit (LkCase *self, const char *expect_head, LkAuditReport **out_report, GError **error)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
  g_autoptr(LkAuditReport) report = g_new0 (LkAuditReport, 1);
  gboolean found_head = FALSE;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  report->ok = TRUE;
  report->flagged_decisions = g_array_new (FALSE, FALSE, sizeof (gint64));
  check_integrity (self, report);
  if (report->ok && !walk_chain (self, expect_head, expected, report, &found_head, error))
    return FALSE;
  if (report->ok && expect_head != NULL && !found_head)
    {
      report->ok = FALSE;
      report->bad_seq = report->n_entries;
      report->message = g_strdup_printf (_("The audit log does not contain the expected head %s: the chain was cut "
                                           "short or rewritten (its head is now entry %" G_GINT64_FORMAT ", %s)."),
                                         expect_head, report->n_entries, report->head_hash);
    }
  for (guint t = 0; report->ok && t < G_N_ELEMENTS (audited_tables); t++)
    if (!check_table (self, t, expected, report, error))
      return FALSE;
  if (report->ok)
    check_missing_rows (expected, report);
  if (report->ok)
    check_triggers (self, report);
  if (report->head_hash == NULL)
    report->head_hash = lk_case_get_audit_head (self, &report->head_seq, NULL);
  *out_report = g_steal_pointer (&report);
  return TRUE;
}
