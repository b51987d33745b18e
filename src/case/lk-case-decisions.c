#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "lk-case-private.h"
#include "lk-case-verification.h"

/* Decisions are never edited: a new decision for the same face and person
 * supersedes the current one (both rows point at each other), and both the
 * new row and the superseded row's change are audited in one transaction. */

void
lk_decision_free (LkDecision *d)
{
  if (d == NULL)
    return;
  g_free (d->person_name);
  g_free (d->strength);
  g_free (d->rationale);
  g_free (d->analyst);
  g_free (d->decided_at);
  g_free (d);
}

#define DECISION_SELECT \
  "SELECT d.id, d.face_id, d.person_id, pe.display_name, d.outcome, d.strength, d.rationale, a.name, " \
  "d.decided_at, d.supersedes, d.superseded_by IS NULL FROM decisions d " \
  "JOIN analysts a ON a.id = d.analyst_id LEFT JOIN persons pe ON pe.id = d.person_id "

static LkDecision *
decision_from_row (LkStmt *stmt)
{
  LkDecision *d = g_new0 (LkDecision, 1);

  d->id = lk_stmt_get_int64 (stmt, 0);
  d->face_id = lk_stmt_get_int64 (stmt, 1);
  d->person_id = lk_stmt_get_int64 (stmt, 2);
  d->person_name = lk_stmt_dup_text (stmt, 3);
  lk_decision_outcome_from_string (lk_stmt_peek_text (stmt, 4), &d->outcome);
  d->strength = lk_stmt_dup_text0 (stmt, 5);
  d->rationale = lk_stmt_dup_text0 (stmt, 6);
  d->analyst = lk_stmt_dup_text0 (stmt, 7);
  d->decided_at = lk_stmt_dup_text0 (stmt, 8);
  d->supersedes = lk_stmt_get_int64 (stmt, 9);
  d->current = lk_stmt_get_int64 (stmt, 10) != 0;
  return d;
}

/* The current decision of (face, person or no person): its id, 0 when none, -1 on error. */
static gint64
current_decision (LkCase *self, gint64 face_id, gint64 person_id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT id FROM decisions WHERE face_id = ?1 AND person_id IS ?2 "
                                              "AND superseded_by IS NULL ORDER BY id DESC LIMIT 1", error);
  gint64 id = 0;
  LkSqliteStep r;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_id (stmt, 2, person_id, error))
    return -1;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ERROR_STEP)
    return -1;
  if (r == LK_SQLITE_ROW)
    id = lk_stmt_get_int64 (stmt, 0);
  return id;
}

/* A face is one person: it may be identified as someone only while no other
 * person's identification of it is current.  FALSE (with error) when one is,
 * naming that person so the analyst knows what to take back. */
static gboolean
check_single_identification (LkCase *self, gint64 face_id, gint64 person_id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT d.id, p.display_name FROM decisions d JOIN persons p ON p.id = d.person_id "
                                              "WHERE d.face_id = ?1 AND d.person_id IS NOT ?2 AND d.outcome = 'identified' "
                                              "AND d.superseded_by IS NULL LIMIT 1", error);
  LkSqliteStep r;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error))
    return FALSE;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("Face %" PRId64 " is already identified as %s (decision %" PRId64 "). "
                   "A face is one person: take that decision back before identifying it as someone else."),
                 face_id, lk_stmt_peek_text (stmt, 1), lk_stmt_get_int64 (stmt, 0));
  return r == LK_SQLITE_DONE;
}

static gboolean
validate_decision (LkCase *self, gint64 face_id, gint64 person_id, LkDecisionOutcome outcome,
                   const char *rationale, GError **error)
{
  g_autoptr(LkCaseFace) face = NULL;
  g_autoptr(LkPerson) person = NULL;

  if (lk_case_is_blank (rationale))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A decision needs a rationale: say why."));
      return FALSE;
    }
  if (outcome >= LK_OUTCOME_WITHDRAWN)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("A decision is withdrawn with lk_case_withdraw_decision(), not recorded as one."));
      return FALSE;
    }
  if ((person_id <= 0 && outcome != LK_OUTCOME_INSUFFICIENT_QUALITY))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Only an “insufficient quality” decision can be recorded without a person."));
      return FALSE;
    }
  face = lk_case_get_face (self, face_id, error);
  if (face == NULL)
    return FALSE;
  if (person_id > 0 && (person = lk_case_get_person (self, person_id, error)) == NULL)
    return FALSE;
  if (outcome == LK_OUTCOME_IDENTIFIED && !check_single_identification (self, face_id, person_id, error))
    return FALSE;
  return TRUE;
}

static gboolean
insert_decision (LkCase *self, gint64 face_id, gint64 person_id, LkDecisionOutcome outcome,
                 const char *strength, const char *rationale, const char *features, gint64 supersedes,
                 GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  LkStmt *stmt;

  /* A case held at an older schema (only test fixtures are) is written as
   * that version wrote it: no feature comparison before schema 6. */
  if (lk_case_get_schema_version (self) < 6)
    stmt = lk_case_prepare (self, "INSERT INTO decisions (face_id, person_id, outcome, strength, rationale, "
                                  "analyst_id, decided_at, supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = lk_case_prepare (self, "INSERT INTO decisions (face_id, person_id, outcome, strength, rationale, "
                                  "analyst_id, decided_at, supersedes, features) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, face_id, error) &&
         lk_stmt_bind_id (stmt, 2, person_id, error) &&
         lk_stmt_bind_text (stmt, 3, lk_decision_outcome_to_string (outcome), error) &&
         lk_stmt_bind_text (stmt, 4, strength ? strength : "", error) &&
         lk_stmt_bind_text (stmt, 5, rationale, error) &&
         lk_stmt_bind_int64 (stmt, 6, lk_case_get_analyst_id (self), error) &&
         lk_stmt_bind_text (stmt, 7, now, error) &&
         lk_stmt_bind_id (stmt, 8, supersedes, error) &&
         (lk_case_get_schema_version (self) < 6 || lk_stmt_bind_text (stmt, 9, features, error)) &&
         lk_stmt_exec (stmt, error);
}

static gboolean
mark_superseded (LkCase *self, const char *analyst, gint64 old_id, gint64 new_id, GError **error)
{
  JsonNode *old = lk_case_snapshot_row (self, "decision", old_id, error);
  g_autoptr(LkStmt) stmt = NULL;

  if (old == NULL)
    return FALSE;
  stmt = lk_case_prepare (self, "UPDATE decisions SET superseded_by = ?2 WHERE id = ?1", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, old_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, new_id, error) ||
      !lk_stmt_exec (stmt, error))
    {
      json_node_unref (old);
      return FALSE;
    }
  return lk_case_audit_row (self, analyst, "decision.supersede", "decision", old_id, old, error);
}

gint64
lk_case_add_decision (LkCase *self, const char *analyst, gint64 face_id, gint64 person_id,
                      LkDecisionOutcome outcome, const char *strength, const char *rationale, GError **error)
{
  return lk_case_add_decision_with_features (self, analyst, face_id, person_id, outcome, strength, rationale,
                                             NULL, error);
}

gint64
lk_case_add_decision_with_features (LkCase *self, const char *analyst, gint64 face_id, gint64 person_id,
                                    LkDecisionOutcome outcome, const char *strength, const char *rationale,
                                    const char *features_json, GError **error)
{
  g_autoptr(LkFeatures) parsed = NULL;
  g_autofree char *features = NULL;
  gint64 previous, id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  /* Stored in its canonical form, every component present, so that the
   * audit hashes one spelling of it and reports list every row. */
  if (features_json != NULL)
    {
      if ((parsed = lk_features_parse (features_json, error)) == NULL)
        return 0;
      features = lk_features_to_json (parsed);
    }
  if (!lk_case_check_text (LK_CASE_FIELD_RATIONALE, rationale, error) ||
      !lk_case_check_text (LK_CASE_FIELD_STRENGTH, strength, error) || !lk_case_write_begin (self, analyst, error))
    return 0;
  if (!validate_decision (self, face_id, person_id, outcome, rationale, error))
    goto fail;
  previous = current_decision (self, face_id, person_id, error);
  if (previous < 0 ||
      !insert_decision (self, face_id, person_id, outcome, strength, rationale, features, previous, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (lk_case_get_db (self));
  if (!lk_case_record_shown_numbers (self, id, face_id, person_id, error) ||
      !lk_case_audit_row (self, analyst, "decision.add", "decision", id, NULL, error) ||
      (previous > 0 && !mark_superseded (self, analyst, previous, id, error)) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

LkDecision *
lk_case_get_decision (LkCase *self, gint64 decision_id, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkDecision *d = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, DECISION_SELECT "WHERE d.id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, decision_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    d = decision_from_row (stmt);
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no decision %" PRId64 " in the case."), decision_id);
  return d;
}

GPtrArray *
lk_case_list_decisions (LkCase *self, gint64 face_id, gboolean current_only, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_decision_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, DECISION_SELECT "WHERE (?1 = 0 OR d.face_id = ?1) "
                                "AND (?2 = 0 OR (d.superseded_by IS NULL AND d.outcome <> 'withdrawn')) ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  if (!lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, current_only ? 1 : 0, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_ptr_array_add (list, decision_from_row (stmt));
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&list);
}

gint64
lk_case_withdraw_decision (LkCase *self, const char *analyst, gint64 decision_id, const char *reason, GError **error)
{
  g_autoptr(LkDecision) old = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (lk_case_is_blank (reason))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("Say why the decision is withdrawn."));
      return 0;
    }
  if (!lk_case_check_text (LK_CASE_FIELD_REASON, reason, error) || !lk_case_write_begin (self, analyst, error))
    return 0;
  old = lk_case_get_decision (self, decision_id, error);
  if (old == NULL)
    goto fail;
  if (!old->current || old->outcome == LK_OUTCOME_WITHDRAWN)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Decision %" PRId64 " is not current; only a current decision can be withdrawn."),
                   decision_id);
      goto fail;
    }
  if (!insert_decision (self, old->face_id, old->person_id, LK_OUTCOME_WITHDRAWN, NULL, reason, NULL, decision_id,
                        error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (lk_case_get_db (self));
  if (!lk_case_audit_row (self, analyst, "decision.add", "decision", id, NULL, error) ||
      !mark_superseded (self, analyst, decision_id, id, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

char *
lk_case_get_decision_features (LkCase *self, gint64 decision_id, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  char *features = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT features FROM decisions WHERE id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, decision_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    features = lk_stmt_dup_text (stmt, 0);
  return features;
}
