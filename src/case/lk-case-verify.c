#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lk-case-match.h"
#include "lk-case-private.h"

/* Audit verification: walk the chain, then rebuild every audited row from the
 * entries' "new" snapshots and compare with the tables, then recompute every
 * candidate distance from the (audited) descriptors.  Reads only.
 *
 * The first problem is the report's message; checking goes on past it so
 * that every decision a failed check touches is flagged (reports and the
 * workstation mark them). */

char *lk_case_audit_compute_hash (gint64 seq, const char *time, const char *analyst, const char *action,
                                  const char *object_type, gint64 object_id, const char *details,
                                  const char *prev_hash);

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Object types whose every row must be backed by the audit log, and their tables. */
static const struct {
  const char *type;
  const char *table;
  const char *ids_sql;
} audited_tables[] = {
  { "case", "case_info", "SELECT id FROM case_info ORDER BY id" },
  { "photo", "photos", "SELECT id FROM photos ORDER BY id" },
  { "face", "faces", "SELECT id FROM faces ORDER BY id" },
  { "person", "persons", "SELECT id FROM persons ORDER BY id" },
  { "reference", "reference_faces", "SELECT id FROM reference_faces ORDER BY id" },
  { "decision", "decisions", "SELECT id FROM decisions ORDER BY id" },
  { "import_error", "import_errors", "SELECT id FROM import_errors ORDER BY id" },
  { "role", "analyst_roles", "SELECT id FROM analyst_roles ORDER BY id" },
  { "verification", "verification_items", "SELECT id FROM verification_items ORDER BY id" },
  { "verification_conclusion", "verification_conclusions", "SELECT id FROM verification_conclusions ORDER BY id" },
  { "proposal", "region_proposals", "SELECT id FROM region_proposals ORDER BY id" },
  { "video", "videos", "SELECT id FROM videos ORDER BY id" },
  { "video_still", "video_stills", "SELECT id FROM video_stills ORDER BY id" },
  { "video_face", "video_faces", "SELECT id FROM video_faces ORDER BY id" },
};

/* The decisions that rest on a row of each type: a face (probed, or a
 * reference face of the decided person), a person, a reference link, a
 * photo (its faces), an analyst (whose name the decisions carry). */
static const struct {
  const char *type;
  const char *sql;
} decisions_resting_on[] = {
  { "decision", "SELECT id FROM decisions WHERE id = ?1" },
  { "face", "SELECT id FROM decisions WHERE face_id = ?1 OR person_id IN "
            "(SELECT person_id FROM reference_faces WHERE face_id = ?1)" },
  { "person", "SELECT id FROM decisions WHERE person_id = ?1" },
  { "reference", "SELECT id FROM decisions WHERE person_id IN (SELECT person_id FROM reference_faces WHERE id = ?1)" },
  { "photo", "SELECT id FROM decisions WHERE face_id IN (SELECT id FROM faces WHERE photo_id = ?1) OR person_id IN "
             "(SELECT r.person_id FROM reference_faces r JOIN faces f ON f.id = r.face_id WHERE f.photo_id = ?1)" },
  { "analyst", "SELECT id FROM decisions WHERE analyst_id = ?1" },
  { "verification", "SELECT decision_id FROM verification_items WHERE id = ?1" },
  { "verification_conclusion", "SELECT v.decision_id FROM verification_items v "
                               "JOIN verification_conclusions c ON c.item_id = v.id WHERE c.id = ?1" },
};

/* Only where an object's latest snapshot is: the entry is read again when
 * its row is compared.  Keeping the snapshots themselves until the walk
 * ended took 4 KB per face as parsed trees (100,000 faces: 400 MB more
 * while a case opened, most of it kept by the allocator afterwards). */
typedef struct {
  gint64    seq;        /* the entry with the latest "new" of the object */
  char      hash[65];   /* that entry's hash, as the walk accepted it */
  gboolean  seen;       /* its row was found */
} Expected;

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

/* Only the first problem is the report's; later ones only flag decisions. */
static gboolean
fail_entry (LkAuditReport *report, gint64 seq, char *message)
{
  if (!report->ok)
    {
      g_free (message);
      return FALSE;
    }
  report->ok = FALSE;
  report->bad_seq = seq;
  report->message = message;
  return FALSE;
}

static gboolean
fail_row (LkAuditReport *report, const char *type, gint64 id, gint64 seq, char *message)
{
  if (!report->ok)
    {
      g_free (message);
      return FALSE;
    }
  report->ok = FALSE;
  report->bad_seq = seq;
  report->bad_object = g_strdup_printf ("%s %" PRId64, type, id);
  report->message = message;
  return FALSE;
}

static void
flag_decision (LkAuditReport *report, gint64 decision_id)
{
  g_array_append_val (report->flagged_decisions, decision_id);
}

/* Flags every decision resting on the row (type, id); see decisions_resting_on. */
static void
flag_resting_on (LkCase *self, LkAuditReport *report, const char *type, gint64 id)
{
  for (guint t = 0; t < G_N_ELEMENTS (decisions_resting_on); t++)
    {
      g_autoptr(LkStmt) stmt = NULL;

      if (!g_str_equal (decisions_resting_on[t].type, type))
        continue;
      /* A read error leaves the list short; the verdict is already "failed". */
      stmt = lk_case_prepare (self, decisions_resting_on[t].sql, NULL);
      if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, id, NULL))
        return;
      while (lk_stmt_step (stmt, NULL) == LK_SQLITE_ROW)
        flag_decision (report, lk_stmt_get_int64 (stmt, 0));
    }
}

static void
sort_flags (LkAuditReport *report)
{
  GArray *flags = report->flagged_decisions;
  guint kept = 0;

  g_array_sort (flags, compare_ids);
  for (guint i = 0; i < flags->len; i++)
    if (kept == 0 || g_array_index (flags, gint64, i) != g_array_index (flags, gint64, kept - 1))
      g_array_index (flags, gint64, kept++) = g_array_index (flags, gint64, i);
  g_array_set_size (flags, kept);
}

/* The details of a row entry, or NULL when they hold no "new" object. */
static JsonObject *
parse_details (JsonParser *parser, const char *details)
{
  JsonObject *root;

  if (!json_parser_load_from_data (parser, details, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "new") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "new")))
    return NULL;
  return root;
}

static void
remember (GHashTable *expected, const char *type, gint64 id, gint64 seq, const char *hash)
{
  Expected *e = g_new0 (Expected, 1);

  e->seq = seq;
  g_strlcpy (e->hash, hash, sizeof e->hash);
  g_hash_table_replace (expected, g_strdup_printf ("%s %" PRId64, type, id), e);
}

/* The "new" snapshot of the entry e points to, read again; NULL with the
 * report failed when the entry is no longer the one the walk accepted (it
 * changed meanwhile), NULL with error set when it cannot be read. */
static JsonNode *
expected_snapshot (LkCase *self, const Expected *e, LkAuditReport *report, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT seq, time, analyst, action, object_type, object_id, "
                                              "details, prev_hash, hash FROM audit_log WHERE seq = ?1", error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *computed = NULL;
  LkSqliteStep r;
  JsonObject *root = NULL;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, e->seq, error) ||
      (r = lk_stmt_step (stmt, error)) == LK_SQLITE_ERROR_STEP)
    return NULL;
  if (r == LK_SQLITE_ROW)
    computed = lk_case_audit_compute_hash (e->seq, lk_stmt_peek_text (stmt, 1), lk_stmt_peek_text (stmt, 2),
                                           lk_stmt_peek_text (stmt, 3), lk_stmt_peek_text (stmt, 4),
                                           lk_stmt_get_int64 (stmt, 5), lk_stmt_peek_text (stmt, 6),
                                           lk_stmt_peek_text (stmt, 7) ? lk_stmt_peek_text (stmt, 7) : "");
  if (computed != NULL && g_str_equal (computed, e->hash) && g_strcmp0 (lk_stmt_peek_text (stmt, 8), e->hash) == 0)
    root = parse_details (parser, lk_stmt_peek_text (stmt, 6));
  if (root == NULL)
    {
      fail_entry (report, e->seq,
                  g_strdup_printf (_("Audit entry %" PRId64 " changed while the audit log was being verified: "
                                     "it was altered outside Likeness."), e->seq));
      return NULL;
    }
  return json_node_copy (json_object_get_member (root, "new"));
}

/* The analyst id in `member` the entry set (NULL or unchanged: 0). */
static gint64
analyst_set (JsonObject *root, const char *member)
{
  JsonObject *now = json_object_get_object_member (root, "new");
  JsonNode *old = json_object_get_member (root, "old");
  gint64 id;

  if (!json_object_has_member (now, member) || json_object_get_null_member (now, member))
    return 0;
  id = json_object_get_int_member (now, member);
  if (old != NULL && JSON_NODE_HOLDS_OBJECT (old) &&
      json_object_has_member (json_node_get_object (old), member) &&
      !json_object_get_null_member (json_node_get_object (old), member) &&
      json_object_get_int_member (json_node_get_object (old), member) == id)
    return 0;
  return id;
}

/* An entry that creates a row (or removes a link) is signed with the name the
 * row's analyst id was registered under: neither side can be changed alone.
 * analysts: id → name, from the analyst.add entries so far. */
static void
check_entry_analyst (GHashTable *analysts, LkStmt *stmt, JsonObject *root, LkAuditReport *report)
{
  /* A role row's analyst_id is the grantee; its granter signs the entry. */
  static const char * const members[] = { "analyst_id", "removed_by", "granted_by", "requested_by", "resolved_by" };
  const char *signed_by = lk_stmt_peek_text (stmt, 2);
  gint64 seq = lk_stmt_get_int64 (stmt, 0);
  gboolean role = g_strcmp0 (lk_stmt_peek_text (stmt, 4), "role") == 0;

  for (guint i = role ? 1 : 0; i < G_N_ELEMENTS (members); i++)
    {
      gint64 id = analyst_set (root, members[i]);
      const char *name = g_hash_table_lookup (analysts, &id);

      if (id == 0 || g_strcmp0 (name, signed_by) == 0)
        continue;
      fail_entry (report, seq,
                  g_strdup_printf (_("Audit entry %" PRId64 " was written by “%s” but the row it records "
                                     "names analyst %" PRId64 " (“%s”): the chain was rebuilt outside "
                                     "Likeness."), seq, signed_by, id, name ? name : _("not registered")));
      if (g_strcmp0 (lk_stmt_peek_text (stmt, 4), "decision") == 0)
        flag_decision (report, lk_stmt_get_int64 (stmt, 5));
    }
}

static void
remember_analyst (GHashTable *analysts, gint64 id, JsonObject *root)
{
  JsonObject *now = json_object_get_object_member (root, "new");
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_replace (analysts, key,
                        g_strdup (json_object_get_string_member_with_default (now, "name", "")));
}

/* One entry of an intact chain: its snapshot becomes the expected row. */
static void
read_entry (LkStmt *stmt, GHashTable *expected, GHashTable *analysts, LkAuditReport *report)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *type = lk_stmt_peek_text (stmt, 4);
  gint64 id = lk_stmt_get_int64 (stmt, 5);
  JsonObject *root;

  if (!lk_case_audit_is_row_action (lk_stmt_peek_text (stmt, 3)))
    return;
  parser = json_parser_new ();
  root = parse_details (parser, lk_stmt_peek_text (stmt, 6));
  if (root == NULL)
    return;
  if (g_strcmp0 (type, "analyst") == 0)
    remember_analyst (analysts, id, root);
  check_entry_analyst (analysts, stmt, root, report);
  remember (expected, type, id, report->n_entries, lk_stmt_peek_text (stmt, 8));
}

/* Checks one entry against the chain so far; FALSE (with the report filled) when bad. */
static gboolean
check_entry (LkStmt *stmt, gint64 expect_seq, const char *prev, LkAuditReport *report)
{
  gint64 seq = lk_stmt_get_int64 (stmt, 0);
  const char *prev_hash = lk_stmt_peek_text (stmt, 7);
  const char *hash = lk_stmt_peek_text (stmt, 8);
  g_autofree char *computed = NULL;

  if (seq != expect_seq)
    return fail_entry (report, expect_seq,
                       g_strdup_printf (_("Audit entry %" PRId64 " is missing: the chain jumps from entry %"
                                          PRId64 " to entry %" PRId64 " (an entry was deleted)."),
                                        expect_seq, expect_seq - 1, seq));
  computed = lk_case_audit_compute_hash (seq, lk_stmt_peek_text (stmt, 1), lk_stmt_peek_text (stmt, 2),
                                         lk_stmt_peek_text (stmt, 3), lk_stmt_peek_text (stmt, 4),
                                         lk_stmt_get_int64 (stmt, 5), lk_stmt_peek_text (stmt, 6),
                                         prev_hash ? prev_hash : "");
  if (g_strcmp0 (computed, hash) != 0)
    return fail_entry (report, seq,
                       g_strdup_printf (_("Audit entry %" PRId64 " was altered: its hash does not match "
                                          "its content (or entries were swapped)."), seq));
  if (g_strcmp0 (prev_hash, prev) != 0)
    return fail_entry (report, seq,
                       g_strdup_printf (_("Audit entry %" PRId64 " does not follow entry %" PRId64
                                          ": its previous hash does not match (entries were deleted, inserted "
                                          "or reordered)."), seq, seq - 1));
  return TRUE;
}

/* Walks the chain.  From the first broken entry on nothing is vouched for:
 * the rest is only read to flag the decisions its entries touch (their rows
 * then fail as unaudited, flagging what rests on them). */
static gboolean
walk_chain (LkCase *self, const char *expect_head, GHashTable *expected, GHashTable *analysts,
            LkAuditReport *report, gboolean *found_head, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT seq, time, analyst, action, object_type, object_id, details, "
                                              "prev_hash, hash FROM audit_log ORDER BY seq", error);
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  gboolean broken = FALSE;
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      broken = broken || !check_entry (stmt, report->n_entries + 1, prev, report);
      if (broken)
        {
          if (g_strcmp0 (lk_stmt_peek_text (stmt, 4), "decision") == 0)
            flag_decision (report, lk_stmt_get_int64 (stmt, 5));
          continue;
        }
      report->n_entries++;
      g_free (prev);
      prev = lk_stmt_dup_text0 (stmt, 8);
      if (expect_head != NULL && g_ascii_strcasecmp (prev, expect_head) == 0)
        *found_head = TRUE;
      read_entry (stmt, expected, analysts, report);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  if (!broken)
    {
      report->head_seq = report->n_entries;
      report->head_hash = g_strdup (report->n_entries > 0 ? prev : "");
    }
  return TRUE;
}

static char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node ? lk_case_json_canonical (node) : g_strdup (_("(absent)"));
}

/* The canonical JSON of a column's declared default (an SQL literal), NULL
 * when it has none. */
static char *
column_default (LkCase *self, const char *table, const char *column)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT dflt_value FROM pragma_table_info(?1) WHERE name = ?2", NULL);
  g_autofree char *literal = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, table, NULL) ||
      !lk_stmt_bind_text (stmt, 2, column, NULL))
    return NULL;
  if (lk_stmt_step (stmt, NULL) == LK_SQLITE_ROW)
    literal = lk_stmt_dup_text (stmt, 0);
  lk_stmt_reset (stmt);
  if (literal == NULL || literal[0] != '\'')
    return g_steal_pointer (&literal);     /* a number (or none) reads the same in JSON */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (const char *p = literal + 1; *p && !(*p == '\'' && p[1] != '\''); p += (*p == '\'') ? 2 : 1)
      g_string_append_c (text, *p);
    node = json_node_init_string (json_node_alloc (), text->str);
  }
  return lk_case_json_canonical (node);
}

/* Columns a migration filled for old rows from another, audited column:
 * `sql` computes the value from that column's audited text (?1). */
static const struct {
  const char *table;
  const char *column;
  const char *source;
  const char *sql;
} derived_columns[] = {
  { "faces", "quality_flags", "quality", "SELECT " LK_CASE_QUALITY_FLAGS_SQL ("?1") },
};

/* The canonical JSON of what a derived column must hold, computed from the
 * audited snapshot; NULL when the column is not derived (or on a read error,
 * which then reads as a mismatch). */
static char *
derived_value (LkCase *self, guint t, JsonObject *want, const char *column, gboolean *derived)
{
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (derived_columns); i++)
    {
      g_autoptr(LkStmt) stmt = NULL;

      if (!g_str_equal (derived_columns[i].table, audited_tables[t].table) ||
          !g_str_equal (derived_columns[i].column, column))
        continue;
      *derived = TRUE;
      stmt = lk_case_prepare (self, derived_columns[i].sql, NULL);
      if (stmt == NULL ||
          !lk_stmt_bind_text (stmt, 1, json_object_get_string_member_with_default (
                                  want, derived_columns[i].source, NULL), NULL) ||
          lk_stmt_step (stmt, NULL) != LK_SQLITE_ROW)
        return NULL;
      node = json_node_init_int (json_node_alloc (), lk_stmt_get_int64 (stmt, 0));
      lk_stmt_reset (stmt);
      return lk_case_json_canonical (node);
    }
  *derived = FALSE;
  return NULL;
}

/* A derived column of a row audited before the column existed must hold what
 * the rule gives for the audited source column. */
static gboolean
check_derived (LkCase *self, guint t, JsonObject *want, const char *column, const char *value,
               gint64 id, gint64 seq, LkAuditReport *report, gboolean *derived)
{
  g_autofree char *expected = derived_value (self, t, want, column, derived);

  if (!*derived || g_strcmp0 (value, expected) == 0)
    return TRUE;
  return fail_row (report, audited_tables[t].type, id, seq,
                   g_strdup_printf (_("%s %" PRId64 " has a “%s” of %s but its audited record (entry %"
                                      PRId64 ") gives %s: it was set outside Likeness."),
                                    audited_tables[t].type, id, column, value, seq,
                                    expected ? expected : _("(unreadable)")));
}

/* A column a later migration added is absent from older snapshots: no entry
 * vouches for it, so it must hold what the migration gave every old row —
 * its default, or for a derived column what the audited row derives. */
static gboolean
check_unrecorded (LkCase *self, guint t, JsonObject *want, JsonObject *have, const char *column,
                  gint64 id, gint64 seq, LkAuditReport *report)
{
  JsonNode *node = json_object_get_member (have, column);
  g_autofree char *value = node != NULL && !JSON_NODE_HOLDS_NULL (node) ? lk_case_json_canonical (node) : NULL;
  g_autofree char *fallback = NULL;
  gboolean derived = FALSE;
  gboolean ok = check_derived (self, t, want, column, value ? value : "null", id, seq, report, &derived);

  if (derived)
    return ok;
  if (value == NULL)
    return TRUE;
  fallback = column_default (self, audited_tables[t].table, column);
  if (g_strcmp0 (value, fallback) == 0)
    return TRUE;
  return fail_row (report, audited_tables[t].type, id, seq,
                   g_strdup_printf (_("%s %" PRId64 " has a “%s” of %s that no audit entry records (its "
                                      "entry %" PRId64 " was written before the column existed): it was "
                                      "set outside Likeness."), audited_tables[t].type, id, column, value, seq));
}

/* Compares the audited snapshot with the row, member by member, and the
 * row's columns the snapshot does not know with their defaults. */
static gboolean
compare_row (LkCase *self, guint t, JsonNode *want, JsonNode *have, gint64 id, gint64 seq, LkAuditReport *report)
{
  const char *type = audited_tables[t].type;
  JsonObject *w = json_node_get_object (want);
  JsonObject *h = json_node_get_object (have);
  g_autoptr(GList) members = json_object_get_members (w);
  g_autoptr(GList) columns = json_object_get_members (h);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *a = member_text (w, l->data);
      g_autofree char *b = member_text (h, l->data);

      if (g_strcmp0 (a, b) != 0)
        return fail_row (report, type, id, seq,
                         g_strdup_printf (_("%s %" PRId64 " does not match the audit log: its “%s” is %s "
                                            "but audit entry %" PRId64 " says %s (the row was changed "
                                            "outside Likeness)."), type, id, (const char *) l->data, b, seq, a));
    }
  for (GList *l = columns; l != NULL; l = l->next)
    if (!json_object_has_member (w, l->data) && !check_unrecorded (self, t, w, h, l->data, id, seq, report))
      return FALSE;
  return TRUE;
}

static GArray *
table_ids (LkCase *self, const char *sql, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);
  LkSqliteStep r;

  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 id = lk_stmt_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&ids);
}

static gboolean
check_table (LkCase *self, guint t, GHashTable *expected, LkAuditReport *report, GError **error)
{
  const char *type = audited_tables[t].type;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(LkStmt) exists = lk_case_prepare (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                                    "AND name = ?1", error);
  gint64 n = 0;

  /* A case of an older schema (a test fixture, a copy made before an upgrade)
   * has no table for later row types; an entry for one is then "missing". */
  if (exists == NULL || !lk_stmt_bind_text (exists, 1, audited_tables[t].table, error) ||
      !lk_stmt_one_int64 (exists, &n, NULL, error))
    return FALSE;
  if (n == 0)
    return TRUE;
  ids = table_ids (self, audited_tables[t].ids_sql, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *key = g_strdup_printf ("%s %" PRId64, type, id);
      Expected *e = g_hash_table_lookup (expected, key);
      g_autoptr(JsonNode) have = NULL;
      g_autoptr(JsonNode) want = NULL;
      g_autoptr(GError) local_error = NULL;

      if (e == NULL)
        {
          fail_row (report, type, id, 0,
                    g_strdup_printf (_("%s %" PRId64 " has no audit entry: it was added outside "
                                       "Likeness."), type, id));
          flag_resting_on (self, report, type, id);
          continue;
        }
      e->seen = TRUE;
      have = lk_case_snapshot_row (self, type, id, error);
      if (have == NULL)
        return FALSE;
      want = expected_snapshot (self, e, report, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (want == NULL || !compare_row (self, t, want, have, id, e->seq, report))
        flag_resting_on (self, report, type, id);
    }
  return TRUE;
}

/* The name an analyst's entry registered, in *name (NULL without an entry);
 * *changed when the entry changed meanwhile (the report has failed). */
static gboolean
registered_name (LkCase *self, Expected *e, LkAuditReport *report, char **name, gboolean *changed,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  *name = NULL;
  *changed = FALSE;
  if (e == NULL)
    return TRUE;
  e->seen = TRUE;
  snapshot = expected_snapshot (self, e, report, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *changed = snapshot == NULL;
  if (snapshot != NULL)
    *name = g_strdup (json_object_get_string_member_with_default (json_node_get_object (snapshot), "name", NULL));
  return TRUE;
}

/* Analysts: a row holds only the name the decisions print; it must be the
 * name its analyst.add entry registered. */
static gboolean
check_analysts (LkCase *self, GHashTable *expected, LkAuditReport *report, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT id, name FROM analysts ORDER BY id", error);
  g_autoptr(GHashTable) renamed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 id = lk_stmt_get_int64 (stmt, 0);
      g_autofree char *key = g_strdup_printf ("analyst %" PRId64, id);
      Expected *e = g_hash_table_lookup (expected, key);
      const char *name = lk_stmt_peek_text (stmt, 1);
      g_autofree char *registered = NULL;
      gboolean changed;

      if (!registered_name (self, e, report, &registered, &changed, error))
        {
          lk_stmt_reset (stmt);
          return FALSE;
        }
      if (!changed && g_strcmp0 (name, registered) == 0)
        continue;
      /* A changed entry has failed the report already: only the flags follow. */
      if (!changed)
        fail_row (report, "analyst", id, e ? e->seq : 0,
                  e == NULL ? g_strdup_printf (_("Analyst %" PRId64 " (“%s”) has no audit entry: it was "
                                                 "added outside Likeness."), id, name)
                            : g_strdup_printf (_("Analyst %" PRId64 " is named “%s” but audit entry %"
                                                 PRId64 " registered “%s”: the name was changed outside "
                                                 "Likeness, and every decision in that name is in doubt."),
                                               id, name, e->seq, registered));
      g_array_append_val (ids, id);
    }
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    flag_resting_on (self, report, "analyst", g_array_index (ids, gint64, i));
  return TRUE;
}

/* Ranks and shares are not facts about two descriptors: the last refresh
 * entry's digest of the whole table vouches for them. */
static gboolean
check_candidates_digest (LkCase *self, LkAuditReport *report, GError **error)
{
  LkCandidatesVouched vouched;
  gint64 seq;

  if (!lk_case_match_candidates_vouched (self, &vouched, &seq, error))
    return FALSE;
  if (vouched != LK_CANDIDATES_CHANGED || !report->ok)
    return TRUE;
  report->ok = FALSE;
  report->bad_seq = seq;
  report->bad_object = g_strdup ("candidates");
  report->message = seq > 0
    ? g_strdup_printf (_("The candidate lists are not those the last “match” wrote (audit entry %" PRId64
                         "): a rank, share or row was changed outside Likeness. Run “likeness-cli match” to "
                         "recompute them."), seq)
    : g_strdup (_("The case has candidate lists but “match” never ran: they were added outside Likeness. Run "
                  "“likeness-cli match” to recompute them."));
  return TRUE;
}

/* Candidate lists are computed data, but each distance is a fact about two
 * audited descriptors: recomputed here, so no forged number survives. */
static gboolean
check_candidates (LkCase *self, LkAuditReport *report, GError **error)
{
  g_autoptr(GArray) problems = lk_case_match_check_candidates (self, error);
  LkCandidateProblem *p;
  g_autofree char *object = NULL;

  if (problems == NULL)
    return FALSE;
  if (problems->len == 0)
    return check_candidates_digest (self, report, error);
  if (!report->ok)
    return TRUE;
  p = &g_array_index (problems, LkCandidateProblem, 0);
  object = g_strdup_printf ("candidates of face %" PRId64, p->face_id);
  if (p->reference_face_id != 0 && !p->linked)
    fail_row (report, "face", p->face_id, 0,
              g_strdup_printf (_("The candidate list of face %" PRId64 " names face %" PRId64
                                 " as a reference face of person %" PRId64 ", but it was never linked "
                                 "to that person: the list was changed outside Likeness. Run “likeness-cli "
                                 "match” to recompute it."), p->face_id, p->reference_face_id, p->person_id));
  else
    fail_row (report, "face", p->face_id, 0,
              g_strdup_printf (_("The candidate list of face %" PRId64 " gives person %" PRId64
                                 " a distance of %.6g, but the stored descriptors give %.6g: the list was changed "
                                 "outside Likeness. Run “likeness-cli match” to recompute it."),
                               p->face_id, p->person_id, p->stored, p->measured));
  g_free (report->bad_object);
  report->bad_object = g_steal_pointer (&object);
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

      if (!e->seen && e->seq < first_seq)
        {
          first_seq = e->seq;
          first_key = key;
        }
    }
  if (first_key == NULL || !report->ok)
    return;
  report->ok = FALSE;
  report->bad_seq = first_seq;
  report->bad_object = g_strdup (first_key);
  report->message = g_strdup_printf (_("%s is in the audit log (entry %" PRId64 ") but missing from the "
                                       "case: it was deleted."), first_key, first_seq);
}

static void
check_triggers (LkCase *self, LkAuditReport *report)
{
  gint64 n = 0;

  lk_sqlite_query_int64 (lk_case_get_db (self),
                         "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                         "AND name IN ('audit_log_no_update', 'audit_log_no_delete')", &n, NULL);
  if (n == 2 || !report->ok)
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
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "PRAGMA quick_check(1)", &error);
  LkSqliteStep r = stmt ? lk_stmt_step (stmt, &error) : LK_SQLITE_ERROR_STEP;
  g_autofree char *result = r == LK_SQLITE_ROW ? lk_stmt_dup_text0 (stmt, 0) : NULL;

  if (stmt != NULL)
    lk_stmt_reset (stmt);
  if (g_strcmp0 (result, "ok") == 0)
    return;
  report->ok = FALSE;
  report->message = g_strdup_printf (_("The case database fails its integrity check: %s"),
                                     result ? result : error->message);
}

gboolean
lk_case_verify_audit (LkCase *self, const char *expect_head, LkAuditReport **out_report, GError **error)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) analysts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(LkAuditReport) report = g_new0 (LkAuditReport, 1);
  gboolean found_head = FALSE;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  report->ok = TRUE;
  report->flagged_decisions = g_array_new (FALSE, FALSE, sizeof (gint64));
  check_integrity (self, report);
  /* A damaged file is not read further: its rows cannot be trusted to read. */
  if (report->ok)
    {
      if (!walk_chain (self, expect_head, expected, analysts, report, &found_head, error))
        return FALSE;
      if (report->ok && expect_head != NULL && !found_head)
        {
          report->ok = FALSE;
          report->bad_seq = report->n_entries;
          report->message = g_strdup_printf (_("The audit log does not contain the expected head %s: the chain was "
                                               "cut short or rewritten (its head is now entry %" PRId64
                                               ", %s)."), expect_head, report->n_entries, report->head_hash);
        }
      for (guint t = 0; t < G_N_ELEMENTS (audited_tables); t++)
        if (!check_table (self, t, expected, report, error))
          return FALSE;
      if (!check_analysts (self, expected, report, error) || !check_candidates (self, report, error))
        return FALSE;
      check_missing_rows (expected, report);
      check_triggers (self, report);
    }
  sort_flags (report);
  if (report->head_hash == NULL)
    report->head_hash = lk_case_get_audit_head (self, &report->head_seq, NULL);
  *out_report = g_steal_pointer (&report);
  return TRUE;
}
