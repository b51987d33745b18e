#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include "lk-case-private.h"

/* Case metadata, counts, analysts and the stable names of the enums. */

static const char * const role_names[] = { "probe", "reference" };
static const char * const origin_names[] = { "detected", "manual" };
static const char * const status_names[] = {
  "unreviewed", "identified", "excluded", "inconclusive", "insufficient-quality", "not-a-face", "reference",
};
static const char * const outcome_names[] = {
  "identified", "excluded", "inconclusive", "insufficient-quality", "withdrawn",
};

static int
lookup (const char * const *names, guint n, const char *text)
{
  for (guint i = 0; text != NULL && i < n; i++)
    if (g_str_equal (names[i], text))
      return i;
  return -1;
}

const char *
lk_photo_role_to_string (LkPhotoRole role)
{
  return (guint) role < G_N_ELEMENTS (role_names) ? role_names[role] : NULL;
}

gboolean
lk_photo_role_from_string (const char *text, LkPhotoRole *out)
{
  int i = lookup (role_names, G_N_ELEMENTS (role_names), text);

  if (i >= 0)
    *out = i;
  return i >= 0;
}

const char *
lk_face_origin_to_string (LkFaceOrigin origin)
{
  return (guint) origin < G_N_ELEMENTS (origin_names) ? origin_names[origin] : NULL;
}

const char *
lk_face_status_to_string (LkFaceStatus status)
{
  return (guint) status < G_N_ELEMENTS (status_names) ? status_names[status] : NULL;
}

gboolean
lk_face_status_from_string (const char *text, LkFaceStatus *out)
{
  int i = lookup (status_names, G_N_ELEMENTS (status_names), text);

  if (i >= 0)
    *out = i;
  return i >= 0;
}

const char *
lk_decision_outcome_to_string (LkDecisionOutcome outcome)
{
  return (guint) outcome < G_N_ELEMENTS (outcome_names) ? outcome_names[outcome] : NULL;
}

gboolean
lk_decision_outcome_from_string (const char *text, LkDecisionOutcome *out)
{
  int i = lookup (outcome_names, G_N_ELEMENTS (outcome_names), text);

  if (i >= 0)
    *out = i;
  return i >= 0;
}

void
lk_case_info_free (LkCaseInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->title);
  g_free (info->number);
  g_free (info->description);
  g_free (info->created_at);
  g_free (info->created_by);
  g_free (info);
}

static const struct {
  gsize       offset;
  const char *sql;
} counts[] = {
  { G_STRUCT_OFFSET (LkCaseInfo, n_photos), "SELECT count(*) FROM photos" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_probe_photos), "SELECT count(*) FROM photos WHERE role = 'probe'" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_reference_photos), "SELECT count(*) FROM photos WHERE role = 'reference'" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_collage_photos), "SELECT count(*) FROM photos WHERE is_collage = 1" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_photos_to_review), "SELECT count(*) FROM photos WHERE review_note IS NOT NULL" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_faces), "SELECT count(*) FROM faces" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_not_a_face), "SELECT count(*) FROM faces WHERE not_a_face = 1" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_reference_faces),
    "SELECT count(DISTINCT face_id) FROM reference_faces WHERE removed = 0" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_identified_faces),
    "SELECT count(DISTINCT face_id) FROM decisions WHERE superseded_by IS NULL AND outcome = 'identified'" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_persons), "SELECT count(*) FROM persons" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_retired_persons), "SELECT count(*) FROM persons WHERE retired = 1" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_decisions), "SELECT count(*) FROM decisions WHERE superseded_by IS NULL AND outcome <> 'withdrawn'" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_candidates), "SELECT count(*) FROM candidates" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_import_errors), "SELECT count(*) FROM import_errors" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_audit_entries), "SELECT count(*) FROM audit_log" },
  { G_STRUCT_OFFSET (LkCaseInfo, n_analysts), "SELECT count(*) FROM analysts" },
};

LkCaseInfo *
lk_case_get_info (LkCase *self, GError **error)
{
  g_autoptr(LkCaseInfo) info = g_new0 (LkCaseInfo, 1);
  g_autoptr(LkStmt) stmt = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT uuid, title, number, description, created_at, created_by FROM case_info", error);
  if (stmt == NULL || lk_stmt_step (stmt, error) != LK_SQLITE_ROW)
    return NULL;
  info->uuid = lk_stmt_dup_text0 (stmt, 0);
  info->title = lk_stmt_dup_text0 (stmt, 1);
  info->number = lk_stmt_dup_text0 (stmt, 2);
  info->description = lk_stmt_dup_text0 (stmt, 3);
  info->created_at = lk_stmt_dup_text0 (stmt, 4);
  info->created_by = lk_stmt_dup_text0 (stmt, 5);
  lk_stmt_reset (stmt);
  info->schema_version = lk_case_get_schema_version (self);
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!lk_sqlite_query_int64 (lk_case_get_db (self), counts[i].sql,
                                G_STRUCT_MEMBER_P (info, counts[i].offset), error))
      return NULL;
  return g_steal_pointer (&info);
}

char *
lk_case_get_title (LkCase *self, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  char *title;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT title FROM case_info", error);
  if (stmt == NULL || lk_stmt_step (stmt, error) != LK_SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, LK_CASE_ERROR, LK_CASE_ERROR_DAMAGED, _("The case has no title record."));
      return NULL;
    }
  title = lk_stmt_dup_text0 (stmt, 0);
  return title;
}

gboolean
lk_case_set_info (LkCase *self, const char *analyst, const char *title, const char *number,
                  const char *description, GError **error)
{
  JsonNode *old = NULL;
  LkStmt *stmt;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (title != NULL && lk_case_is_blank (title))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A case needs a title."));
      return FALSE;
    }
  if (!lk_case_check_info (title, number, description, NULL, error) || !lk_case_write_begin (self, analyst, error))
    return FALSE;
  old = lk_case_snapshot_row (self, "case", 1, error);
  stmt = old ? lk_case_prepare (self, "UPDATE case_info SET title = coalesce (?1, title), "
                                      "number = coalesce (?2, number), description = coalesce (?3, description) "
                                      "WHERE id = 1", error) : NULL;
  if (stmt == NULL ||
      !lk_stmt_bind_text (stmt, 1, title, error) ||
      !lk_stmt_bind_text (stmt, 2, number, error) ||
      !lk_stmt_bind_text (stmt, 3, description, error) ||
      !lk_stmt_exec (stmt, error) ||
      !lk_case_audit_row (self, analyst, "case.edit", "case", 1, g_steal_pointer (&old), error) ||
      !lk_case_write_commit (self, error))
    {
      g_clear_pointer (&old, json_node_unref);
      lk_case_write_rollback (self);
      return FALSE;
    }
  return TRUE;
}

GStrv
lk_case_list_analysts (LkCase *self, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT name FROM analysts ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_strv_builder_add (builder, lk_stmt_peek_text (stmt, 0));
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_strv_builder_end (builder);
}
