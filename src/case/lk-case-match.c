/* lk-case-match.c — storage of candidate lists, match state and clusters
 * (see lk-case-match.h); written with the store's private helpers so that
 * every change shares the store's transactions and audit chain. */
#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "lk-case-match.h"
#include "lk-case-private.h"

G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (gint64));

#define ID_KEY(id) ((gpointer) (gintptr) (id))

void
lk_candidate_row_clear (LkCandidateRow *row)
{
  g_clear_pointer (&row->model_id, g_free);
  g_clear_pointer (&row->computed_at, g_free);
}

GArray *
lk_candidate_rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (LkCandidateRow));

  g_array_set_clear_func (rows, (GDestroyNotify) lk_candidate_row_clear);
  return rows;
}

#define CANDIDATE_SELECT \
  "SELECT face_id, person_id, reference_face_id, distance, rank, pinned, impostor_share, " \
  "share_extrapolated, expected_lookalikes, gallery_persons, model_id, computed_at FROM candidates "

GArray *
lk_case_list_candidate_rows (LkCase *self, gint64 face_id, GError **error)
{
  g_autoptr(GArray) rows = lk_candidate_rows_new ();
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, CANDIDATE_SELECT "WHERE face_id = ?1 ORDER BY rank, id", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkCandidateRow row = { 0 };

      row.face_id = lk_stmt_get_int64 (stmt, 0);
      row.person_id = lk_stmt_get_int64 (stmt, 1);
      row.reference_face_id = lk_stmt_get_int64 (stmt, 2);
      row.distance = lk_stmt_get_double (stmt, 3);
      row.rank = (int) lk_stmt_get_int64 (stmt, 4);
      row.pinned = lk_stmt_get_int64 (stmt, 5) != 0;
      row.impostor_share = lk_stmt_get_double (stmt, 6);
      row.share_extrapolated = lk_stmt_get_int64 (stmt, 7) != 0;
      row.expected_lookalikes = lk_stmt_get_double (stmt, 8);
      row.gallery_persons = (guint) lk_stmt_get_int64 (stmt, 9);
      row.model_id = lk_stmt_dup_text0 (stmt, 10);
      row.computed_at = lk_stmt_dup_text0 (stmt, 11);
      g_array_append_val (rows, row);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&rows);
}

GArray *
lk_case_list_candidate_summaries (LkCase *self, GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (LkCandidateSummary));
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self,
                          "SELECT c.face_id, COUNT(*), "
                          "(SELECT person_id FROM candidates b WHERE b.face_id = c.face_id ORDER BY rank LIMIT 1), "
                          "MIN(CASE WHEN c.distance >= 0 THEN c.distance END) "
                          "FROM candidates c GROUP BY c.face_id ORDER BY c.face_id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkCandidateSummary s = { 0 };

      s.face_id = lk_stmt_get_int64 (stmt, 0);
      s.n_candidates = (guint) lk_stmt_get_int64 (stmt, 1);
      s.best_person_id = lk_stmt_get_int64 (stmt, 2);
      s.best_distance = lk_stmt_is_null (stmt, 3) ? -1 : lk_stmt_get_double (stmt, 3);
      g_array_append_val (out, s);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&out);
}

static void
match_state_free (LkMatchState *state)
{
  g_free (state->model_id);
  g_free (state);
}

GHashTable *
lk_case_match_load_states (LkCase *self, GError **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (NULL, NULL, NULL,
                                                        (GDestroyNotify) match_state_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT face_id, model_id, k, decision_mark FROM match_state", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkMatchState *state = g_new0 (LkMatchState, 1);

      state->model_id = lk_stmt_dup_text0 (stmt, 1);
      state->k = (int) lk_stmt_get_int64 (stmt, 2);
      state->decision_mark = lk_stmt_get_int64 (stmt, 3);
      g_hash_table_insert (states, ID_KEY (lk_stmt_get_int64 (stmt, 0)), state);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&states);
}

GHashTable *
lk_case_match_decision_marks (LkCase *self, GError **error)
{
  g_autoptr(GHashTable) marks = g_hash_table_new (NULL, NULL);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT face_id, MAX(id) FROM decisions GROUP BY face_id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_hash_table_insert (marks, ID_KEY (lk_stmt_get_int64 (stmt, 0)),
                         ID_KEY (lk_stmt_get_int64 (stmt, 1)));
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&marks);
}

GArray *
lk_case_match_load_gallery_snapshot (LkCase *self, GError **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (LkGalleryLink));
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT face_id, person_id FROM match_gallery ORDER BY face_id, person_id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkGalleryLink link = { lk_stmt_get_int64 (stmt, 0), lk_stmt_get_int64 (stmt, 1) };
      g_array_append_val (links, link);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&links);
}

static gboolean
exec_with_id (LkCase *self, const char *sql, gint64 id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);

  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, id, error) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
insert_candidate (LkCase *self, gint64 face_id, const LkCandidateRow *row, const char *model_id,
                  const char *now, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;

  stmt = lk_case_prepare (self, "INSERT INTO candidates (face_id, person_id, reference_face_id, distance, rank, "
                                "model_id, computed_at, impostor_share, share_extrapolated, expected_lookalikes, "
                                "gallery_persons, pinned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                          error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, face_id, error) &&
         lk_stmt_bind_int64 (stmt, 2, row->person_id, error) &&
         lk_stmt_bind_id (stmt, 3, row->reference_face_id, error) &&
         lk_stmt_bind_double (stmt, 4, row->distance, error) &&
         lk_stmt_bind_int64 (stmt, 5, row->rank, error) &&
         lk_stmt_bind_text (stmt, 6, model_id, error) &&
         lk_stmt_bind_text (stmt, 7, now, error) &&
         lk_stmt_bind_double (stmt, 8, row->impostor_share, error) &&
         lk_stmt_bind_int64 (stmt, 9, row->share_extrapolated, error) &&
         lk_stmt_bind_double (stmt, 10, row->expected_lookalikes, error) &&
         lk_stmt_bind_int64 (stmt, 11, row->gallery_persons, error) &&
         lk_stmt_bind_int64 (stmt, 12, row->pinned, error) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
store_list (LkCase *self, const LkMatchUpdate *update, gint64 face_id, GArray *rows,
            const char *now, GError **error)
{
  gint64 mark = (gint64) (gintptr) g_hash_table_lookup (update->decision_marks, ID_KEY (face_id));
  g_autoptr(LkStmt) stmt = NULL;

  if (!exec_with_id (self, "DELETE FROM candidates WHERE face_id = ?1", face_id, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!insert_candidate (self, face_id, &g_array_index (rows, LkCandidateRow, i), update->model_id,
                           now, error))
      return FALSE;
  stmt = lk_case_prepare (self, "INSERT OR REPLACE INTO match_state (face_id, model_id, k, decision_mark, "
                                "computed_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, face_id, error) &&
         lk_stmt_bind_text (stmt, 2, update->model_id, error) &&
         lk_stmt_bind_int64 (stmt, 3, update->k, error) &&
         lk_stmt_bind_int64 (stmt, 4, mark, error) &&
         lk_stmt_bind_text (stmt, 5, now, error) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
store_gallery (LkCase *self, const LkMatchUpdate *update, GError **error)
{
  LkSqlite *db = lk_case_get_db (self);

  if (!lk_sqlite_exec (db, "DELETE FROM match_gallery", error))
    return FALSE;
  for (guint i = 0; i < update->gallery->len; i++)
    {
      const LkGalleryLink *link = &g_array_index (update->gallery, LkGalleryLink, i);
      g_autoptr(LkStmt) stmt = lk_case_prepare (self, "INSERT OR IGNORE INTO match_gallery (face_id, person_id, "
                                                  "model_id) VALUES (?1, ?2, ?3)", error);

      if (stmt == NULL ||
          !lk_stmt_bind_int64 (stmt, 1, link->face_id, error) ||
          !lk_stmt_bind_int64 (stmt, 2, link->person_id, error) ||
          !lk_stmt_bind_text (stmt, 3, update->model_id, error) ||
          !lk_stmt_exec (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
members_key (GArray *face_ids)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < face_ids->len; i++)
    g_string_append_printf (key, "%" PRId64 ",", g_array_index (face_ids, gint64, i));
  return g_string_free (key, FALSE);
}

static gint
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : (x > y);
}

static gboolean
insert_cluster (LkCase *self, const LkMatchUpdate *update, GArray *face_ids, const char *now,
                GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  LkStmt *stmt;
  gint64 id;

  stmt = lk_case_prepare (self, "INSERT INTO clusters (model_id, threshold, linkage, computed_at) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL ||
      !lk_stmt_bind_text (stmt, 1, update->model_id, error) ||
      !lk_stmt_bind_double (stmt, 2, update->cluster_threshold, error) ||
      !lk_stmt_bind_text (stmt, 3, update->cluster_linkage, error) ||
      !lk_stmt_bind_text (stmt, 4, now, error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  id = lk_sqlite_last_insert_rowid (db);
  for (guint i = 0; i < face_ids->len; i++)
    {
      stmt = lk_case_prepare (self, "INSERT INTO cluster_members (cluster_id, face_id) VALUES (?1, ?2)", error);
      if (stmt == NULL ||
          !lk_stmt_bind_int64 (stmt, 1, id, error) ||
          !lk_stmt_bind_int64 (stmt, 2, g_array_index (face_ids, gint64, i), error) ||
          !lk_stmt_exec (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Clusters whose faces did not change keep their id (an analyst may be
 * looking at "cluster 12"); the others are replaced. */
static gboolean
store_clusters (LkCase *self, const LkMatchUpdate *update, const char *now, GError **error)
{
  g_autoptr(GPtrArray) old = lk_case_list_clusters (self, error);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (old == NULL)
    return FALSE;
  for (guint i = 0; i < old->len; i++)
    g_hash_table_insert (kept, members_key (((LkCluster *) old->pdata[i])->face_ids),
                         ID_KEY (((LkCluster *) old->pdata[i])->id));
  for (guint i = 0; i < update->clusters->len; i++)
    {
      GArray *face_ids = update->clusters->pdata[i];
      g_autofree char *key = NULL;

      g_array_sort (face_ids, compare_int64);
      key = members_key (face_ids);
      if (g_hash_table_steal (kept, key))
        continue;  /* unchanged: the old row stays */
      if (!insert_cluster (self, update, face_ids, now, error))
        return FALSE;
    }
  /* What is left in `kept` no longer exists. */
  {
    GHashTableIter iter;
    gpointer id;

    g_hash_table_iter_init (&iter, kept);
    while (g_hash_table_iter_next (&iter, NULL, &id))
      if (!exec_with_id (self, "DELETE FROM cluster_members WHERE cluster_id = ?1", (gintptr) id, error) ||
          !exec_with_id (self, "DELETE FROM clusters WHERE id = ?1", (gintptr) id, error))
        return FALSE;
  }
  return TRUE;
}

/* The run's summary with the digest of the lists it leaves behind. */
static char *
refresh_details (LkCase *self, const char *summary_json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *digest = lk_case_candidates_digest (self, error);
  JsonNode *root;

  if (digest == NULL)
    return NULL;
  if (summary_json == NULL || !json_parser_load_from_data (parser, summary_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    json_parser_load_from_data (parser, "{}", -1, NULL);
  root = json_parser_get_root (parser);
  json_object_set_string_member (json_node_get_object (root), "candidates_sha256", digest);
  return lk_case_json_canonical (root);
}

gboolean
lk_case_match_store (LkCase *self, const char *analyst, const LkMatchUpdate *update, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  g_autofree char *details = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && update != NULL && update->model_id != NULL, FALSE);

  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  for (guint i = 0; update->cleared_faces != NULL && i < update->cleared_faces->len; i++)
    {
      gint64 face_id = g_array_index (update->cleared_faces, gint64, i);

      if (!exec_with_id (self, "DELETE FROM candidates WHERE face_id = ?1", face_id, error) ||
          !exec_with_id (self, "DELETE FROM match_state WHERE face_id = ?1", face_id, error))
        goto fail;
    }
  if (update->lists != NULL)
    {
      g_hash_table_iter_init (&iter, update->lists);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!store_list (self, update, (gintptr) key, value, now, error))
          goto fail;
    }
  if ((update->gallery != NULL && !store_gallery (self, update, error)) ||
      (update->clusters != NULL && !store_clusters (self, update, now, error)) ||
      (details = refresh_details (self, update->details_json, error)) == NULL ||
      !lk_case_audit_append (self, analyst, "match.refresh", "match", 0, details, error))
    goto fail;
  return lk_case_write_commit (self, error);

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

void
lk_cluster_free (LkCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_clear_pointer (&cluster->face_ids, g_array_unref);
  g_free (cluster);
}

GPtrArray *
lk_case_list_clusters (LkCase *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_cluster_free);
  LkCluster *current = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT c.id, m.face_id FROM clusters c JOIN cluster_members m "
                                "ON m.cluster_id = c.id ORDER BY c.id, m.face_id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 id = lk_stmt_get_int64 (stmt, 0), face_id = lk_stmt_get_int64 (stmt, 1);

      if (current == NULL || current->id != id)
        {
          current = g_new0 (LkCluster, 1);
          current->id = id;
          current->face_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_ptr_array_add (list, current);
        }
      g_array_append_val (current->face_ids, face_id);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&list);
}

LkCluster *
lk_case_get_cluster (LkCase *self, gint64 cluster_id, GError **error)
{
  g_autoptr(GPtrArray) all = lk_case_list_clusters (self, error);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (((LkCluster *) all->pdata[i])->id == cluster_id)
      return g_ptr_array_steal_index (all, i);
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
               _("There is no cluster %" PRId64 " in the case; run “likeness-cli match” "
                 "and list them with “likeness-cli clusters”."), cluster_id);
  return NULL;
}

GArray *
lk_case_list_cluster_splits (LkCase *self, GError **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT face_id, other_face_id FROM cluster_splits ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 a = lk_stmt_get_int64 (stmt, 0), b = lk_stmt_get_int64 (stmt, 1);

      g_array_append_val (pairs, a);
      g_array_append_val (pairs, b);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&pairs);
}

static gboolean
cluster_has_face (LkCluster *cluster, gint64 face_id)
{
  for (guint i = 0; i < cluster->face_ids->len; i++)
    if (g_array_index (cluster->face_ids, gint64, i) == face_id)
      return TRUE;
  return FALSE;
}

static gboolean
insert_split (LkCase *self, gint64 face_id, gint64 other, const char *reason, const char *now,
              GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "INSERT INTO cluster_splits (face_id, other_face_id, reason, "
                                              "created_at, analyst_id) VALUES (?1, ?2, ?3, ?4, ?5)", error);

  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, face_id, error) &&
         lk_stmt_bind_int64 (stmt, 2, other, error) &&
         lk_stmt_bind_text (stmt, 3, reason != NULL ? reason : "", error) &&
         lk_stmt_bind_text (stmt, 4, now, error) &&
         lk_stmt_bind_int64 (stmt, 5, lk_case_get_analyst_id (self), error) &&
         lk_stmt_exec (stmt, error);
}

gboolean
lk_case_split_from_cluster (LkCase *self, const char *analyst, gint64 cluster_id, gint64 face_id,
                            const char *reason, GError **error)
{
  g_autoptr(LkCluster) cluster = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *now = lk_case_now_iso ();
  g_autofree char *details = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);

  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  cluster = lk_case_get_cluster (self, cluster_id, error);
  if (cluster == NULL)
    goto fail;
  if (!cluster_has_face (cluster, face_id))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Face %" PRId64 " is not in cluster %" PRId64 "."), face_id, cluster_id);
      goto fail;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cluster_id");
  json_builder_add_int_value (builder, cluster_id);
  json_builder_set_member_name (builder, "face_id");
  json_builder_add_int_value (builder, face_id);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason != NULL ? reason : "");
  json_builder_set_member_name (builder, "apart_from");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cluster->face_ids->len; i++)
    {
      gint64 other = g_array_index (cluster->face_ids, gint64, i);

      if (other == face_id)
        continue;
      json_builder_add_int_value (builder, other);
      if (!insert_split (self, face_id, other, reason, now, error))
        goto fail;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  stmt = lk_case_prepare (self, "DELETE FROM cluster_members WHERE cluster_id = ?1 AND face_id = ?2", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, cluster_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, face_id, error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  node = json_builder_get_root (builder);
  details = lk_case_json_canonical (node);
  if (!lk_case_audit_append (self, analyst, "cluster.split", "face", face_id, details, error))
    goto fail;
  return lk_case_write_commit (self, error);

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

/* A face keeps its own decision when it has a current one about this person
 * (identified, excluded, inconclusive) or a current verdict on its quality:
 * naming a group is a judgement on the group, not on each face. */
static gboolean
face_is_decided (LkCase *self, gint64 face_id, gint64 person_id, gboolean *decided, GError **error)
{
  g_autoptr(GPtrArray) current = lk_case_list_decisions (self, face_id, TRUE, error);

  if (current == NULL)
    return FALSE;
  *decided = FALSE;
  for (guint i = 0; i < current->len; i++)
    {
      const LkDecision *d = g_ptr_array_index (current, i);

      if (d->outcome == LK_OUTCOME_INSUFFICIENT_QUALITY || (person_id != 0 && d->person_id == person_id))
        *decided = TRUE;
    }
  return TRUE;
}

GArray *
lk_case_cluster_decided_faces (LkCase *self, gint64 cluster_id, gint64 person_id, GError **error)
{
  g_autoptr(LkCluster) cluster = NULL;
  g_autoptr(GArray) decided = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  cluster = lk_case_get_cluster (self, cluster_id, error);
  if (cluster == NULL)
    return NULL;
  for (guint i = 0; i < cluster->face_ids->len; i++)
    {
      gint64 face_id = g_array_index (cluster->face_ids, gint64, i);
      gboolean is_decided;

      if (!face_is_decided (self, face_id, person_id, &is_decided, error))
        return NULL;
      if (is_decided)
        g_array_append_val (decided, face_id);
    }
  return g_steal_pointer (&decided);
}

/* One "identified" decision per face not already decided, and the summary
 * entry; inside the caller's write. */
static gboolean
identify_cluster (LkCase *self, const char *analyst, LkCluster *cluster, gint64 person_id,
                  const char *action, const char *rationale, GError **error)
{
  g_autoptr(GArray) kept = lk_case_cluster_decided_faces (self, cluster->id, person_id, error);
  g_autoptr(GString) details = g_string_new (NULL);
  guint n_identified = 0;

  if (kept == NULL)
    return FALSE;
  g_string_append_printf (details, "{\"cluster_id\":%" PRId64 ",\"left_as_decided\":[", cluster->id);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (details, "%s%" PRId64, i ? "," : "", g_array_index (kept, gint64, i));
  for (guint i = 0, k = 0; i < cluster->face_ids->len; i++)
    {
      gint64 face_id = g_array_index (cluster->face_ids, gint64, i);

      if (k < kept->len && g_array_index (kept, gint64, k) == face_id)
        {
          k++;
          continue;
        }
      if (lk_case_add_decision (self, analyst, face_id, person_id, LK_OUTCOME_IDENTIFIED, NULL,
                                rationale, error) == 0)
        return FALSE;
      n_identified++;
    }
  g_string_append_printf (details, "],\"n_faces\":%u,\"n_identified\":%u,\"person_id\":%" PRId64 "}",
                          cluster->face_ids->len, n_identified, person_id);
  return lk_case_audit_append (self, analyst, action, "person", person_id, details->str, error);
}

static gint64
name_cluster (LkCase *self, const char *analyst, gint64 cluster_id, const LkPersonFields *fields,
              gint64 person_id, const char *rationale, GError **error)
{
  g_autoptr(LkCluster) cluster = NULL;

  if (lk_case_is_blank (rationale))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Naming a cluster records an identification for each of its faces: give a rationale."));
      return 0;
    }
  /* One transaction: the person, one decision per face and the summary entry. */
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  cluster = lk_case_get_cluster (self, cluster_id, error);
  if (cluster == NULL)
    goto fail;
  if (fields != NULL)
    person_id = lk_case_add_person (self, analyst, fields, error);
  else if (person_id > 0)
    {
      g_autoptr(LkPerson) person = lk_case_get_person (self, person_id, error);

      if (person == NULL)
        person_id = 0;
    }
  if (person_id == 0 ||
      !identify_cluster (self, analyst, cluster, person_id, fields != NULL ? "cluster.to-person" : "cluster.identify",
                         rationale, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return person_id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

gint64
lk_case_cluster_to_person (LkCase *self, const char *analyst, gint64 cluster_id,
                           const LkPersonFields *fields, const char *rationale, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL && fields != NULL, 0);
  return name_cluster (self, analyst, cluster_id, fields, 0, rationale, error);
}

gboolean
lk_case_cluster_identify (LkCase *self, const char *analyst, gint64 cluster_id, gint64 person_id,
                          const char *rationale, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && person_id > 0, FALSE);
  return name_cluster (self, analyst, cluster_id, NULL, person_id, rationale, error) != 0;
}

/* The face's newest current decision, NULL with NOT_FOUND when none. */
static LkDecision *
newest_current_decision (LkCase *self, gint64 face_id, GError **error)
{
  g_autoptr(GPtrArray) current = lk_case_list_decisions (self, face_id, TRUE, error);

  if (current == NULL)
    return NULL;
  if (current->len == 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                   _("Face %" PRId64 " has no current decision to undo."), face_id);
      return NULL;
    }
  return g_ptr_array_steal_index (current, current->len - 1);
}

/* The undo quotes the rationale it restores; when that would pass the
 * rationale's length limit, it names the decision instead (whose rationale
 * stays on it, unchanged). */
static char *
undo_rationale (gint64 latest_id, const char *reason, const LkDecision *earlier)
{
  char *text = g_strdup_printf (_("Undo of decision %" PRId64 "%s%s; restores decision %"
                                  PRId64 ": %s"),
                                latest_id, lk_case_is_blank (reason) ? "" : ": ",
                                lk_case_is_blank (reason) ? "" : reason, earlier->id, earlier->rationale);

  if (g_utf8_strlen (text, -1) <= LK_CASE_MAX_TEXT_CHARS)
    return text;
  g_free (text);
  return g_strdup_printf (_("Undo of decision %" PRId64 "%s%s; restores decision %"
                            PRId64 " (see its rationale)"),
                          latest_id, lk_case_is_blank (reason) ? "" : ": ",
                          lk_case_is_blank (reason) ? "" : reason, earlier->id);
}

gint64
lk_case_undo_decision (LkCase *self, const char *analyst, gint64 face_id, const char *reason,
                       GError **error)
{
  g_autoptr(LkDecision) latest = NULL;
  g_autoptr(LkDecision) earlier = NULL;
  g_autofree char *rationale = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);

  latest = newest_current_decision (self, face_id, error);
  if (latest == NULL)
    return 0;
  if (latest->supersedes == 0)
    /* Nothing to go back to: the decision is withdrawn (a superseding record). */
    return lk_case_withdraw_decision (self, analyst, latest->id,
                                      lk_case_is_blank (reason) ? _("undone") : reason, error);
  earlier = lk_case_get_decision (self, latest->supersedes, error);
  if (earlier == NULL)
    return 0;
  if (earlier->outcome == LK_OUTCOME_WITHDRAWN)
    return lk_case_withdraw_decision (self, analyst, latest->id,
                                      lk_case_is_blank (reason) ? _("undone") : reason, error);
  rationale = undo_rationale (latest->id, reason, earlier);
  id = lk_case_add_decision (self, analyst, face_id, earlier->person_id, earlier->outcome,
                             earlier->strength, rationale, error);
  return id;
}
