#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-case-private.h"
#include "lk-case-verification.h"

/* Roles and blind verification (ACE-V).  Every write follows the store's one
 * pattern (write_begin, the row, its audit entry, commit); the checks of who
 * may do what run inside the same transaction, so a role granted or a
 * conclusion recorded by another process in between cannot be missed. */

/* ---- Small readers ----------------------------------------------------------- */

/* The analyst's id, 0 when the case has never seen the name, -1 on error. */
static gint64
analyst_id (LkCase *self, const char *name, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT id FROM analysts WHERE name = ?1", error);
  gint64 id = 0;

  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, name, error) || !lk_stmt_one_int64 (stmt, &id, NULL, error))
    return -1;
  return id;
}

/* The roles of an analyst id; every analyst examines. */
static gboolean
roles_of (LkCase *self, gint64 id, LkRole *out, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT role FROM analyst_roles WHERE analyst_id = ?1", error);
  LkSqliteStep r;

  *out = LK_ROLE_EXAMINER;
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, id, error))
    return FALSE;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkRole role;

      if (lk_role_from_string (lk_stmt_peek_text (stmt, 0), &role))
        *out |= role;
    }
  return r == LK_SQLITE_DONE;
}

static const char *
role_words (LkRole role)
{
  switch (role)
    {
    case LK_ROLE_VERIFIER: return _("verifier");
    case LK_ROLE_SUPERVISOR: return _("supervisor");
    case LK_ROLE_EXAMINER:
    default: return _("examiner");
    }
}

/* FALSE with an error a user can act on when the analyst lacks the role. */
static gboolean
require_role (LkCase *self, gint64 id, const char *name, LkRole role, GError **error)
{
  LkRole roles;

  if (!roles_of (self, id, &roles, error))
    return FALSE;
  if (roles & role)
    return TRUE;
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
               _("%s does not hold the %s role in this case. A supervisor grants it "
                 "(likeness-cli analyst grant, or Preferences → Analysts)."), name, role_words (role));
  return FALSE;
}

const char *
lk_role_to_string (LkRole role)
{
  switch (role)
    {
    case LK_ROLE_EXAMINER: return "examiner";
    case LK_ROLE_VERIFIER: return "verifier";
    case LK_ROLE_SUPERVISOR: return "supervisor";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
lk_role_from_string (const char *text, LkRole *out)
{
  static const LkRole all[] = { LK_ROLE_EXAMINER, LK_ROLE_VERIFIER, LK_ROLE_SUPERVISOR };

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (lk_role_to_string (all[i]), text) == 0)
      {
        *out = all[i];
        return TRUE;
      }
  return FALSE;
}

/* ---- Analysts and roles ------------------------------------------------------ */

void
lk_analyst_free (LkAnalyst *analyst)
{
  if (analyst == NULL)
    return;
  g_free (analyst->name);
  g_free (analyst->first_seen);
  g_free (analyst);
}

GPtrArray *
lk_case_list_analyst_roles (LkCase *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_analyst_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT id, name, first_seen FROM analysts ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkAnalyst *a = g_new0 (LkAnalyst, 1);

      a->id = lk_stmt_get_int64 (stmt, 0);
      a->name = lk_stmt_dup_text0 (stmt, 1);
      a->first_seen = lk_stmt_dup_text0 (stmt, 2);
      g_ptr_array_add (list, a);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      LkAnalyst *a = g_ptr_array_index (list, i);

      if (!roles_of (self, a->id, &a->roles, error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
lk_case_add_analyst (LkCase *self, const char *name, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Registering is what write_begin does for every analyst it is given. */
  if (!lk_case_write_begin (self, name, error))
    return FALSE;
  if (!lk_case_write_commit (self, error))
    {
      lk_case_write_rollback (self);
      return FALSE;
    }
  return TRUE;
}

LkRole
lk_case_get_analyst_roles (LkCase *self, const char *name, GError **error)
{
  gint64 id;
  LkRole roles = 0;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  id = name ? analyst_id (self, name, error) : 0;
  if (id <= 0 || !roles_of (self, id, &roles, error))
    return 0;
  return roles;
}

static gboolean
case_has_supervisor (LkCase *self, gboolean *out, GError **error)
{
  gint64 n = 0;

  if (!lk_sqlite_query_int64 (lk_case_get_db (self),
                              "SELECT count(*) FROM analyst_roles WHERE role = 'supervisor'", &n, error))
    return FALSE;
  *out = n > 0;
  return TRUE;
}

static gboolean
insert_role (LkCase *self, gint64 grantee, LkRole role, gint64 granted_by, const char *reason, gint64 *out_id,
             GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "INSERT INTO analyst_roles (analyst_id, role, granted_at, granted_by, "
                                              "reason) VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, grantee, error) ||
      !lk_stmt_bind_text (stmt, 2, lk_role_to_string (role), error) ||
      !lk_stmt_bind_text (stmt, 3, now, error) ||
      !lk_stmt_bind_int64 (stmt, 4, granted_by, error) ||
      !lk_stmt_bind_text (stmt, 5, reason ? reason : "", error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  *out_id = lk_sqlite_last_insert_rowid (db);
  return TRUE;
}

/* The grantee's id, registering a name the case has not seen (audited). */
static gint64
ensure_grantee (LkCase *self, const char *grantee, GError **error)
{
  gint64 id = analyst_id (self, grantee, error);

  if (id != 0)
    return id;
  if (!lk_case_write_begin (self, grantee, error))
    return -1;
  id = lk_case_get_analyst_id (self);
  if (!lk_case_write_commit (self, error))
    return -1;
  return id;
}

gboolean
lk_case_grant_role (LkCase *self, const char *analyst, const char *grantee, LkRole role, const char *reason,
                    GError **error)
{
  gint64 actor, target, row = 0;
  gboolean bootstrap = FALSE;
  LkRole held;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && grantee != NULL, FALSE);
  g_return_val_if_fail (role == LK_ROLE_EXAMINER || role == LK_ROLE_VERIFIER || role == LK_ROLE_SUPERVISOR, FALSE);

  if (lk_case_is_blank (grantee))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("Say whom the role is granted to."));
      return FALSE;
    }
  if (!lk_case_check_text (LK_CASE_FIELD_ANALYST, grantee, error) ||
      !lk_case_check_text (LK_CASE_FIELD_REASON, reason, error) || !lk_case_write_begin (self, analyst, error))
    return FALSE;
  actor = lk_case_get_analyst_id (self);
  if (!case_has_supervisor (self, &bootstrap, error))
    goto fail;
  /* The first supervisor of a case is whoever grants the first role. */
  bootstrap = !bootstrap;
  if (!bootstrap && !require_role (self, actor, analyst, LK_ROLE_SUPERVISOR, error))
    goto fail;
  if ((target = ensure_grantee (self, grantee, error)) < 0 || !roles_of (self, target, &held, error))
    goto fail;
  if (role != LK_ROLE_EXAMINER && (held & role))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("%s already holds the %s role."), grantee,
                   role_words (role));
      goto fail;
    }
  if (bootstrap && (role != LK_ROLE_SUPERVISOR || actor != target))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("This case has no supervisor yet: the first role granted is supervisor, to yourself "
                     "(likeness-cli analyst grant --role supervisor \"%s\")."), analyst);
      goto fail;
    }
  if (!insert_role (self, target, role, actor, reason, &row, error) ||
      !lk_case_audit_row (self, analyst, "role.grant", "role", row, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

/* ---- Verification items ------------------------------------------------------ */

const char *
lk_verification_state_to_string (LkVerificationState state)
{
  static const char *names[] = { "pending", "verified", "conflict", "resolved" };

  g_return_val_if_fail (state <= LK_VERIFICATION_RESOLVED, NULL);
  return names[state];
}

static LkVerificationState
state_from_string (const char *text)
{
  for (LkVerificationState s = LK_VERIFICATION_PENDING; s <= LK_VERIFICATION_RESOLVED; s++)
    if (g_strcmp0 (lk_verification_state_to_string (s), text) == 0)
      return s;
  return LK_VERIFICATION_PENDING;
}

void
lk_verification_item_free (LkVerificationItem *item)
{
  if (item == NULL)
    return;
  g_free (item->requested_at);
  g_free (item->person_name);
  g_free (item->examiner);
  g_free (item->examiner_outcome);
  g_free (item->examiner_strength);
  g_free (item->examiner_rationale);
  g_free (item->examiner_features);
  g_free (item->requested_by);
  g_free (item->verifier);
  g_free (item->verifier_outcome);
  g_free (item->verifier_strength);
  g_free (item->verifier_rationale);
  g_free (item->verifier_features);
  g_free (item->verified_at);
  g_free (item->resolution);
  g_free (item->resolved_by);
  g_free (item->resolved_at);
  g_free (item);
}

/* One query for every view; the blind view blanks what the verifier must not see. */
#define ITEM_SELECT \
  "SELECT v.id, v.decision_id, v.state, v.requested_at, d.superseded_by IS NULL, d.face_id, d.person_id, " \
  "p.display_name, (SELECT c.reference_face_id FROM candidates c WHERE c.face_id = d.face_id " \
  "AND c.person_id = d.person_id ORDER BY c.rank LIMIT 1), " \
  "ea.name, d.outcome, d.strength, d.rationale, d.features, ra.name, " \
  "va.name, c.outcome, c.strength, c.rationale, c.features, c.recorded_at, " \
  "v.resolution, sa.name, v.resolved_at, d.analyst_id " \
  "FROM verification_items v JOIN decisions d ON d.id = v.decision_id " \
  "JOIN analysts ea ON ea.id = d.analyst_id JOIN analysts ra ON ra.id = v.requested_by " \
  "LEFT JOIN persons p ON p.id = d.person_id " \
  "LEFT JOIN verification_conclusions c ON c.item_id = v.id LEFT JOIN analysts va ON va.id = c.analyst_id " \
  "LEFT JOIN analysts sa ON sa.id = v.resolved_by "

static LkVerificationItem *
item_from_row (LkStmt *stmt, gboolean blind)
{
  LkVerificationItem *item = g_new0 (LkVerificationItem, 1);

  item->id = lk_stmt_get_int64 (stmt, 0);
  item->state = state_from_string (lk_stmt_peek_text (stmt, 2));
  item->requested_at = lk_stmt_dup_text0 (stmt, 3);
  item->decision_current = lk_stmt_get_int64 (stmt, 4) != 0;
  item->face_id = lk_stmt_get_int64 (stmt, 5);
  item->person_id = lk_stmt_get_int64 (stmt, 6);
  item->person_name = lk_stmt_dup_text0 (stmt, 7);
  item->reference_face_id = lk_stmt_get_int64 (stmt, 8);
  if (blind)
    return item;
  item->decision_id = lk_stmt_get_int64 (stmt, 1);
  item->examiner = lk_stmt_dup_text0 (stmt, 9);
  item->examiner_outcome = lk_stmt_dup_text0 (stmt, 10);
  item->examiner_strength = lk_stmt_dup_text0 (stmt, 11);
  item->examiner_rationale = lk_stmt_dup_text0 (stmt, 12);
  item->examiner_features = lk_stmt_dup_text (stmt, 13);
  item->requested_by = lk_stmt_dup_text0 (stmt, 14);
  item->verifier = lk_stmt_dup_text (stmt, 15);
  item->verifier_outcome = lk_stmt_dup_text (stmt, 16);
  item->verifier_strength = lk_stmt_dup_text (stmt, 17);
  item->verifier_rationale = lk_stmt_dup_text (stmt, 18);
  item->verifier_features = lk_stmt_dup_text (stmt, 19);
  item->verified_at = lk_stmt_dup_text (stmt, 20);
  item->resolution = lk_stmt_dup_text (stmt, 21);
  item->resolved_by = lk_stmt_dup_text (stmt, 22);
  item->resolved_at = lk_stmt_dup_text (stmt, 23);
  return item;
}

/* Items matching `where` (binding ?1 to arg); blind_for > 0 blanks the
 * examiner's conclusion of pending items for that analyst id. */
static GPtrArray *
query_items (LkCase *self, const char *where, gint64 arg, gint64 blind_for, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_verification_item_free);
  g_autofree char *sql = g_strconcat (ITEM_SELECT, where, " ORDER BY v.id", NULL);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);
  LkSqliteStep r;

  if (stmt == NULL || (strstr (where, "?1") != NULL && !lk_stmt_bind_int64 (stmt, 1, arg, error)))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gboolean pending = g_strcmp0 (lk_stmt_peek_text (stmt, 2), "pending") == 0;
      gboolean examiner = lk_stmt_get_int64 (stmt, 24) == blind_for;

      g_ptr_array_add (list, item_from_row (stmt, blind_for > 0 && pending && !examiner));
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
lk_case_list_verification_items (LkCase *self, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  return query_items (self, "", 0, 0, error);
}

LkVerificationItem *
lk_case_get_decision_verification (LkCase *self, gint64 decision_id, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  list = query_items (self, "WHERE v.decision_id = ?1", decision_id, 0, error);
  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
lk_case_list_verification_queue (LkCase *self, const char *verifier, GError **error)
{
  gint64 id;
  LkRole roles = 0;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (verifier != NULL, NULL);
  id = analyst_id (self, verifier, error);
  if (id < 0 || (id > 0 && !roles_of (self, id, &roles, error)))
    return NULL;
  if (!(roles & LK_ROLE_VERIFIER))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("%s does not hold the %s role in this case. A supervisor grants it "
                     "(likeness-cli analyst grant, or Preferences → Analysts)."), verifier, role_words (LK_ROLE_VERIFIER));
      return NULL;
    }
  /* Blind for everyone in the queue: it never holds the verifier's own decisions. */
  return query_items (self, "WHERE v.state = 'pending' AND d.superseded_by IS NULL AND d.analyst_id <> ?1",
                      id, G_MAXINT64, error);
}

LkVerificationItem *
lk_case_get_verification_item (LkCase *self, gint64 item_id, const char *viewer, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 viewer_id;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  viewer_id = viewer ? analyst_id (self, viewer, error) : 0;
  if (viewer_id < 0)
    return NULL;
  /* An analyst the case has never seen is blind too. */
  list = query_items (self, "WHERE v.id = ?1", item_id, viewer_id > 0 ? viewer_id : G_MAXINT64, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                   _("There is no verification item %" PRId64 " in the case."), item_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* ---- Requests ---------------------------------------------------------------- */

gboolean
lk_case_get_verify_exclusions (LkCase *self)
{
  gint64 v = 0;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  if (!lk_sqlite_query_int64 (lk_case_get_db (self), "SELECT coalesce (verify_exclusions, 0) FROM case_info",
                              &v, NULL))
    return FALSE;
  return v != 0;
}

gboolean
lk_case_set_verify_exclusions (LkCase *self, const char *analyst, gboolean verify, GError **error)
{
  JsonNode *old;
  LkStmt *stmt;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  if (!require_role (self, lk_case_get_analyst_id (self), analyst, LK_ROLE_SUPERVISOR, error))
    goto fail;
  old = lk_case_snapshot_row (self, "case", 1, error);
  stmt = old ? lk_case_prepare (self, "UPDATE case_info SET verify_exclusions = ?1 WHERE id = 1", error) : NULL;
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, verify ? 1 : 0, error) ||
      !lk_stmt_exec (stmt, error) ||
      !lk_case_audit_row (self, analyst, "case.edit", "case", 1, old, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

/* The decision may be sent: current, an identification (or an exclusion
 * when the case verifies those), not sent before; the analyst is its
 * examiner or a supervisor. */
static gboolean
check_request (LkCase *self, const LkDecision *d, gint64 actor, const char *analyst, GError **error)
{
  gint64 examiner = analyst_id (self, d->analyst, error);
  LkRole roles;

  if (examiner < 0 || !roles_of (self, actor, &roles, error))
    return FALSE;
  if (!d->current)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("Decision %" PRId64 " has been superseded; only a current decision is verified."), d->id);
  else if (d->outcome != LK_OUTCOME_IDENTIFIED &&
           !(d->outcome == LK_OUTCOME_EXCLUDED && lk_case_get_verify_exclusions (self)))
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 d->outcome == LK_OUTCOME_EXCLUDED
                   ? _("This case sends only identifications for verification; a supervisor can include exclusions "
                       "in the case's settings.")
                   : _("Only identifications (and, by case setting, exclusions) are sent for verification."));
  else if (examiner != actor && !(roles & LK_ROLE_SUPERVISOR))
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("Only the examiner who recorded decision %" PRId64 " (%s) or a supervisor can send it "
                   "for verification; %s is neither."), d->id, d->analyst, analyst);
  else
    return TRUE;
  return FALSE;
}

gint64
lk_case_request_verification (LkCase *self, const char *analyst, gint64 decision_id, GError **error)
{
  g_autoptr(LkDecision) d = NULL;
  g_autoptr(LkVerificationItem) existing = NULL;
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = NULL;
  LkSqlite *db;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  db = lk_case_get_db (self);
  if ((d = lk_case_get_decision (self, decision_id, error)) == NULL ||
      !check_request (self, d, lk_case_get_analyst_id (self), analyst, error))
    goto fail;
  existing = lk_case_get_decision_verification (self, decision_id, NULL);
  if (existing != NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Decision %" PRId64 " was already sent for verification (item %" PRId64 ", %s)."),
                   decision_id, existing->id, lk_verification_state_to_string (existing->state));
      goto fail;
    }
  stmt = lk_case_prepare (self, "INSERT INTO verification_items (decision_id, requested_at, requested_by) "
                                "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, decision_id, error) ||
      !lk_stmt_bind_text (stmt, 2, now, error) ||
      !lk_stmt_bind_int64 (stmt, 3, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (db);
  if (!lk_case_audit_row (self, analyst, "verification.request", "verification", id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

/* ---- Conclusions and resolutions ---------------------------------------------- */

static gboolean
set_state (LkCase *self, const char *analyst, gint64 item_id, LkVerificationState state, const char *resolution,
           GError **error)
{
  JsonNode *old = lk_case_snapshot_row (self, "verification", item_id, error);
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = NULL;

  if (old == NULL)
    return FALSE;
  stmt = lk_case_prepare (self, resolution != NULL
                                  ? "UPDATE verification_items SET state = ?2, resolution = ?3, resolved_at = ?4, "
                                    "resolved_by = ?5 WHERE id = ?1"
                                  : "UPDATE verification_items SET state = ?2 WHERE id = ?1", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, item_id, error) ||
      !lk_stmt_bind_text (stmt, 2, lk_verification_state_to_string (state), error) ||
      (resolution != NULL &&
       (!lk_stmt_bind_text (stmt, 3, resolution, error) ||
        !lk_stmt_bind_text (stmt, 4, now, error) ||
        !lk_stmt_bind_int64 (stmt, 5, lk_case_get_analyst_id (self), error))) ||
      !lk_stmt_exec (stmt, error))
    {
      json_node_unref (old);
      return FALSE;
    }
  return lk_case_audit_row (self, analyst, resolution ? "verification.resolve" : "verification.state",
                            "verification", item_id, old, error);
}

static gboolean
insert_conclusion (LkCase *self, gint64 item_id, LkDecisionOutcome outcome, const char *strength,
                   const char *rationale, const char *features, gint64 *out_id, GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  g_autofree char *now = lk_case_now_iso ();
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "INSERT INTO verification_conclusions (item_id, analyst_id, outcome, "
                                              "strength, rationale, features, recorded_at) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, item_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_bind_text (stmt, 3, lk_decision_outcome_to_string (outcome), error) ||
      !lk_stmt_bind_text (stmt, 4, strength ? strength : "", error) ||
      !lk_stmt_bind_text (stmt, 5, rationale, error) ||
      !lk_stmt_bind_text (stmt, 6, features, error) ||
      !lk_stmt_bind_text (stmt, 7, now, error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  *out_id = lk_sqlite_last_insert_rowid (db);
  return TRUE;
}

/* The full item and the examiner's analyst id, for the checks of a write. */
static LkVerificationItem *
load_item (LkCase *self, gint64 item_id, gint64 *out_examiner, GError **error)
{
  g_autoptr(LkVerificationItem) item = lk_case_get_verification_item (self, item_id, NULL, error);
  g_autoptr(LkVerificationItem) full = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (item == NULL)
    return NULL;
  list = query_items (self, "WHERE v.id = ?1", item_id, 0, error);
  if (list == NULL || list->len == 0)
    return NULL;
  full = g_ptr_array_steal_index (list, 0);
  *out_examiner = analyst_id (self, full->examiner, error);
  return *out_examiner < 0 ? NULL : g_steal_pointer (&full);
}

/* Normalises features (NULL stays NULL) into *out; FALSE on a bad comparison. */
static gboolean
normalise_features (const char *features_json, char **out, GError **error)
{
  g_autoptr(LkFeatures) features = NULL;

  *out = NULL;
  if (features_json == NULL)
    return TRUE;
  if ((features = lk_features_parse (features_json, error)) == NULL)
    return FALSE;
  *out = lk_features_to_json (features);
  return TRUE;
}

static gboolean
check_conclusion (LkCase *self, const LkVerificationItem *item, gint64 examiner, const char *verifier,
                  GError **error)
{
  gint64 actor = lk_case_get_analyst_id (self);

  if (!require_role (self, actor, verifier, LK_ROLE_VERIFIER, error))
    return FALSE;
  if (actor == examiner)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("%s recorded this decision; a second examiner must verify it."), verifier);
  else if (item->state != LK_VERIFICATION_PENDING)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("Verification item %" PRId64 " already has a conclusion (%s)."), item->id,
                 lk_verification_state_to_string (item->state));
  else if (!item->decision_current)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("The examiner has since changed decision %" PRId64 "; this request no longer applies."),
                 item->decision_id);
  else
    return TRUE;
  return FALSE;
}

gboolean
lk_case_record_verification (LkCase *self, const char *verifier, gint64 item_id, LkDecisionOutcome outcome,
                             const char *strength, const char *rationale, const char *features_json,
                             LkVerificationState *out_state, GError **error)
{
  g_autoptr(LkVerificationItem) item = NULL;
  g_autofree char *features = NULL;
  LkDecisionOutcome examiner_outcome;
  LkVerificationState state;
  gint64 examiner = 0, row = 0;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (verifier != NULL, FALSE);
  if (lk_case_is_blank (rationale))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A conclusion needs a rationale: say why."));
      return FALSE;
    }
  if (!lk_case_check_text (LK_CASE_FIELD_RATIONALE, rationale, error) ||
      !lk_case_check_text (LK_CASE_FIELD_STRENGTH, strength, error))
    return FALSE;
  if (outcome >= LK_OUTCOME_WITHDRAWN || !normalise_features (features_json, &features, error))
    {
      if (outcome >= LK_OUTCOME_WITHDRAWN)
        g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A conclusion cannot be “withdrawn”."));
      return FALSE;
    }
  if (!lk_case_write_begin (self, verifier, error))
    return FALSE;
  if ((item = load_item (self, item_id, &examiner, error)) == NULL ||
      !check_conclusion (self, item, examiner, verifier, error))
    goto fail;
  lk_decision_outcome_from_string (item->examiner_outcome, &examiner_outcome);
  state = outcome == examiner_outcome ? LK_VERIFICATION_VERIFIED : LK_VERIFICATION_CONFLICT;
  if (!insert_conclusion (self, item_id, outcome, strength, rationale, features, &row, error) ||
      !lk_case_audit_row (self, verifier, "verification.record", "verification_conclusion", row, NULL, error) ||
      !set_state (self, verifier, item_id, state, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  if (out_state != NULL)
    *out_state = state;
  return TRUE;

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

gboolean
lk_case_resolve_conflict (LkCase *self, const char *supervisor, gint64 item_id, const char *resolution,
                          GError **error)
{
  g_autoptr(LkVerificationItem) item = NULL;
  gint64 examiner = 0, verifier, actor;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (supervisor != NULL, FALSE);
  if (lk_case_is_blank (resolution))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A resolution must be written: say how the "
                                                                  "conflict is settled and why."));
      return FALSE;
    }
  if (!lk_case_check_text (LK_CASE_FIELD_REASON, resolution, error) || !lk_case_write_begin (self, supervisor, error))
    return FALSE;
  actor = lk_case_get_analyst_id (self);
  if (!require_role (self, actor, supervisor, LK_ROLE_SUPERVISOR, error) ||
      (item = load_item (self, item_id, &examiner, error)) == NULL ||
      (verifier = analyst_id (self, item->verifier ? item->verifier : "", error)) < 0)
    goto fail;
  if (item->state != LK_VERIFICATION_CONFLICT)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("Verification item %" PRId64 " is not in conflict (%s); there is nothing to resolve."),
                 item_id, lk_verification_state_to_string (item->state));
  else if (actor == examiner || actor == verifier)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                 _("%s took part in this comparison; a supervisor who is neither the examiner nor the verifier "
                   "resolves the conflict."), supervisor);
  else if (set_state (self, supervisor, item_id, LK_VERIFICATION_RESOLVED, resolution, error) &&
           lk_case_write_commit (self, error))
    return TRUE;

fail:
  lk_case_write_rollback (self);
  return FALSE;
}
