#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-case-private.h"

/* The audit chain.
 *
 * Each entry's hash is SHA-256 (lower-case hex) over this serialisation:
 *
 *   "likeness-audit-1\n"
 *   then, for each field in the order seq, time, analyst, action, object_type,
 *   object_id, details, prev_hash:  DECIMAL-BYTE-LENGTH ":" BYTES "\n"
 *
 * seq and object_id are written in decimal; details is the canonical JSON of
 * the entry (compact, object members sorted by name bytewise, strings escaped
 * as below, numbers as integers or shortest round-trip doubles); prev_hash is
 * the previous entry's hash, or 64 "0" for the first.  Length prefixes make
 * the serialisation unambiguous whatever the fields contain.
 *
 * Row actions (the table below) carry {"old": snapshot, "new": snapshot} of
 * the changed row, where a snapshot is every column of the row (blobs as
 * "sha256:HEX"); lk_case_verify_audit() replays them to rebuild every row. */

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static const struct {
  const char *action;
  const char *object_type;
} row_actions[] = {
  { "case.create", "case" }, { "case.edit", "case" },
  { "photo.add", "photo" }, { "photo.collage", "photo" }, { "photo.analyzed", "photo" },
  { "photo.review_note", "photo" }, { "photo.role", "photo" },
  { "face.add", "face" }, { "face.not_a_face", "face" }, { "face.restore", "face" },
  { "person.add", "person" }, { "person.edit", "person" },
  { "person.retire", "person" }, { "person.reinstate", "person" },
  { "reference.link", "reference" }, { "reference.unlink", "reference" },
  { "decision.add", "decision" }, { "decision.supersede", "decision" },
  { "analyst.add", "analyst" }, { "import.error", "import_error" },
  { "role.grant", "role" },
  { "verification.request", "verification" }, { "verification.state", "verification" },
  { "verification.resolve", "verification" }, { "verification.record", "verification_conclusion" },
  { "proposal.add", "proposal" }, { "proposal.confirm", "proposal" }, { "proposal.reject", "proposal" },
  { "video.add", "video" }, { "video.still", "video_still" }, { "video.face", "video_face" },
};

gboolean
lk_case_audit_is_row_action (const char *action)
{
  for (gsize i = 0; i < G_N_ELEMENTS (row_actions); i++)
    if (g_strcmp0 (row_actions[i].action, action) == 0)
      return TRUE;
  return FALSE;
}

/* ---- Canonical JSON --------------------------------------------------- */

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      guchar c = *s;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_canonical (GString *out, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (names, l->data);
      g_ptr_array_sort (names, compare_names);
      g_string_append_c (out, '{');
      for (guint i = 0; i < names->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, names->pdata[i]);
          g_string_append_c (out, ':');
          append_canonical (out, json_object_get_member (object, names->pdata[i]));
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_canonical (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        g_string_append_printf (out, "%" PRId64, json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append (out, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      else if (type == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      else
        append_json_string (out, json_node_get_string (node) ? json_node_get_string (node) : "");
    }
}

char *
lk_case_json_canonical (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_canonical (out, node);
  return g_string_free (out, FALSE);
}

char *
lk_case_json_old_new (JsonNode *old_value, JsonNode *new_value)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "old", old_value ? old_value : json_node_new (JSON_NODE_NULL));
  json_object_set_member (object, "new", new_value ? new_value : json_node_new (JSON_NODE_NULL));
  json_node_take_object (root, object);
  return lk_case_json_canonical (root);
}

/* ---- Row snapshots ------------------------------------------------------ */

static const char *
snapshot_sql (const char *object_type)
{
  if (g_str_equal (object_type, "case"))
    return "SELECT * FROM case_info WHERE id = ?1";
  if (g_str_equal (object_type, "photo"))
    return "SELECT * FROM photos WHERE id = ?1";
  if (g_str_equal (object_type, "face"))
    return "SELECT f.*, c.mime AS chip_mime, c.data AS chip FROM faces f "
           "LEFT JOIN face_chips c ON c.face_id = f.id WHERE f.id = ?1";
  if (g_str_equal (object_type, "person"))
    return "SELECT * FROM persons WHERE id = ?1";
  if (g_str_equal (object_type, "reference"))
    return "SELECT * FROM reference_faces WHERE id = ?1";
  if (g_str_equal (object_type, "decision"))
    return "SELECT * FROM decisions WHERE id = ?1";
  if (g_str_equal (object_type, "import_error"))
    return "SELECT * FROM import_errors WHERE id = ?1";
  if (g_str_equal (object_type, "role"))
    return "SELECT * FROM analyst_roles WHERE id = ?1";
  if (g_str_equal (object_type, "verification"))
    return "SELECT * FROM verification_items WHERE id = ?1";
  if (g_str_equal (object_type, "verification_conclusion"))
    return "SELECT * FROM verification_conclusions WHERE id = ?1";
  if (g_str_equal (object_type, "proposal"))
    return "SELECT * FROM region_proposals WHERE id = ?1";
  if (g_str_equal (object_type, "video"))
    return "SELECT * FROM videos WHERE id = ?1";
  if (g_str_equal (object_type, "video_still"))
    return "SELECT * FROM video_stills WHERE id = ?1";
  if (g_str_equal (object_type, "video_face"))
    return "SELECT * FROM video_faces WHERE id = ?1";
  return NULL;
}

/* The current row of stmt as a JSON object: blobs become "sha256:HEX" so the
 * audit can vouch for descriptors, landmarks and chips without copying them. */
static JsonNode *
row_to_json (LkStmt *stmt)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (int i = 0; i < lk_stmt_column_count (stmt); i++)
    {
      const char *name = lk_stmt_column_name (stmt, i);

      switch (lk_stmt_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (object, name, lk_stmt_get_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (object, name, lk_stmt_get_double (stmt, i));
          break;
        case SQLITE_TEXT:
          json_object_set_string_member (object, name, lk_stmt_peek_text (stmt, i));
          break;
        case SQLITE_BLOB:
          {
            gsize size = 0;
            gconstpointer data = lk_stmt_peek_blob (stmt, i, &size);
            g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
            g_autofree char *value = g_strconcat ("sha256:", hex, NULL);
            json_object_set_string_member (object, name, value);
          }
          break;
        default:
          json_object_set_null_member (object, name);
          break;
        }
    }
  json_node_take_object (node, object);
  return node;
}

JsonNode *
lk_case_snapshot_row (LkCase *self, const char *object_type, gint64 id, GError **error)
{
  const char *sql = snapshot_sql (object_type);
  g_autoptr(LkStmt) stmt = NULL;
  JsonNode *node = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (sql != NULL, NULL);
  stmt = lk_case_prepare (self, sql, error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    node = row_to_json (stmt);
  else if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND, _("There is no %s %" PRId64 " in the case."),
                 object_type, id);
  return node;
}

static gboolean append_canonical_entry (LkCase *self, const char *analyst, const char *action,
                                        const char *object_type, gint64 object_id, const char *details,
                                        GError **error);

gboolean
lk_case_audit_row (LkCase *self, const char *analyst, const char *action, const char *object_type,
                   gint64 id, JsonNode *old_snapshot, GError **error)
{
  JsonNode *now = lk_case_snapshot_row (self, object_type, id, error);
  g_autofree char *details = NULL;

  if (now == NULL)
    {
      g_clear_pointer (&old_snapshot, json_node_unref);
      return FALSE;
    }
  /* Already canonical: no second parse on the hot path of imports. */
  details = lk_case_json_old_new (old_snapshot, now);
  return append_canonical_entry (self, analyst, action, object_type, id, details, error);
}

/* ---- Appending -------------------------------------------------------------- */

char *lk_case_audit_compute_hash (gint64 seq, const char *time, const char *analyst, const char *action,
                                  const char *object_type, gint64 object_id, const char *details,
                                  const char *prev_hash);

static void
add_field (GChecksum *sum, const char *value)
{
  g_autofree char *prefix = g_strdup_printf ("%zu:", strlen (value));

  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) value, strlen (value));
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

char *
lk_case_audit_compute_hash (gint64 seq, const char *time, const char *analyst, const char *action,
                            const char *object_type, gint64 object_id, const char *details,
                            const char *prev_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *seq_text = g_strdup_printf ("%" PRId64, seq);
  g_autofree char *id_text = g_strdup_printf ("%" PRId64, object_id);

  g_checksum_update (sum, (const guchar *) "likeness-audit-1\n", -1);
  add_field (sum, seq_text);
  add_field (sum, time);
  add_field (sum, analyst);
  add_field (sum, action);
  add_field (sum, object_type);
  add_field (sum, id_text);
  add_field (sum, details);
  add_field (sum, prev_hash);
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
last_entry (LkCase *self, gint64 *seq, char **hash, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  *seq = r == LK_SQLITE_ROW ? lk_stmt_get_int64 (stmt, 0) : 0;
  *hash = r == LK_SQLITE_ROW ? lk_stmt_dup_text (stmt, 1) : g_strdup (GENESIS_HASH);
  return TRUE;
}

static char *
canonical_details (const char *details_json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (details_json == NULL)
    return g_strdup ("{}");
  if (!json_parser_load_from_data (parser, details_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Audit details must be a JSON object."));
      return NULL;
    }
  return lk_case_json_canonical (json_parser_get_root (parser));
}

/* Appends an entry whose details are already canonical JSON. */
static gboolean
append_canonical_entry (LkCase *self, const char *analyst, const char *action, const char *object_type,
                        gint64 object_id, const char *details, GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  g_autofree char *prev = NULL;
  g_autofree char *time = lk_case_now_iso ();
  g_autofree char *hash = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  gint64 seq = 0;

  g_return_val_if_fail (lk_sqlite_get_depth (db) > 0, FALSE);
  if (!last_entry (self, &seq, &prev, error))
    return FALSE;
  seq++;
  hash = lk_case_audit_compute_hash (seq, time, analyst, action, object_type, object_id, details, prev);
  stmt = lk_case_prepare (self, "INSERT INTO audit_log (seq, time, analyst, action, object_type, object_id, "
                                "details, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, seq, error) &&
         lk_stmt_bind_text (stmt, 2, time, error) &&
         lk_stmt_bind_text (stmt, 3, analyst, error) &&
         lk_stmt_bind_text (stmt, 4, action, error) &&
         lk_stmt_bind_text (stmt, 5, object_type, error) &&
         lk_stmt_bind_int64 (stmt, 6, object_id, error) &&
         lk_stmt_bind_text (stmt, 7, details, error) &&
         lk_stmt_bind_text (stmt, 8, prev, error) &&
         lk_stmt_bind_text (stmt, 9, hash, error) &&
         lk_stmt_exec (stmt, error);
}

gboolean
lk_case_audit_append (LkCase *self, const char *analyst, const char *action, const char *object_type,
                      gint64 object_id, const char *details_json, GError **error)
{
  g_autofree char *details = canonical_details (details_json, error);

  return details != NULL && append_canonical_entry (self, analyst, action, object_type, object_id, details, error);
}

gboolean
lk_case_log_event (LkCase *self, const char *analyst, const char *action, const char *object_type,
                   gint64 object_id, const char *details_json, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && action != NULL && object_type != NULL, FALSE);

  if (lk_case_audit_is_row_action (action) || lk_case_is_blank (action))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("“%s” cannot be logged as a plain event."), action);
      return FALSE;
    }
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  if (!lk_case_audit_append (self, analyst, action, object_type, object_id, details_json, error) ||
      !lk_case_write_commit (self, error))
    {
      lk_case_write_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading -------------------------------------------------------------------- */

void
lk_audit_entry_free (LkAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->analyst);
  g_free (entry->action);
  g_free (entry->object_type);
  g_free (entry->details);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

GPtrArray *
lk_case_list_audit (LkCase *self, gint64 after_seq, guint limit, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_audit_entry_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT seq, time, analyst, action, object_type, object_id, details, prev_hash, hash "
                                "FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, after_seq, error) ||
      !lk_stmt_bind_int64 (stmt, 2, limit ? (gint64) limit : -1, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkAuditEntry *e = g_new0 (LkAuditEntry, 1);

      e->seq = lk_stmt_get_int64 (stmt, 0);
      e->time = lk_stmt_dup_text0 (stmt, 1);
      e->analyst = lk_stmt_dup_text0 (stmt, 2);
      e->action = lk_stmt_dup_text0 (stmt, 3);
      e->object_type = lk_stmt_dup_text0 (stmt, 4);
      e->object_id = lk_stmt_get_int64 (stmt, 5);
      e->details = lk_stmt_dup_text0 (stmt, 6);
      e->prev_hash = lk_stmt_dup_text0 (stmt, 7);
      e->hash = lk_stmt_dup_text0 (stmt, 8);
      g_ptr_array_add (list, e);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&list);
}

char *
lk_case_get_audit_head (LkCase *self, gint64 *out_seq, GError **error)
{
  gint64 seq = 0;
  char *hash = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  if (!last_entry (self, &seq, &hash, error))
    return NULL;
  if (out_seq != NULL)
    *out_seq = seq;
  return hash;
}
