/* lk-case-proposals.c — names from other tools' face regions, as proposals.
 *
 * A digiKam or Lightroom tag is somebody's claim, made with unknown care;
 * turned into an identification it would carry that claim into reports as
 * an analyst's decision.  So it becomes a *proposed reference*: the analyst
 * looks at the face and confirms (the face becomes a reference of a person,
 * through the ordinary link) or rejects.  Every row is audited
 * ("proposal.add", "proposal.confirm", "proposal.reject") and rebuilt by
 * lk_case_verify_audit().
 */
#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lk-case-private.h"
#include "lk-case-regions.h"

/* Below this overlap a region is not taken to mark a detected face: tools
 * draw looser boxes than the detector (digiKam adds a margin), and 0.3 is
 * what two boxes of one face drawn by different tools reach in practice. */
#define MIN_IOU 0.3

#define PROPOSAL_COLUMNS \
  "r.id, r.photo_id, p.original_name, r.face_id, r.cx, r.cy, r.w, r.h, r.name, r.source, r.state, " \
  "r.person_id, r.created_at, r.decided_at, (SELECT name FROM analysts WHERE id = r.decided_by), r.reason "

void
lk_proposal_free (LkProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->photo_file);
  g_free (proposal->name);
  g_free (proposal->source);
  g_free (proposal->state);
  g_free (proposal->created_at);
  g_free (proposal->decided_at);
  g_free (proposal->decided_by);
  g_free (proposal->reason);
  g_free (proposal);
}

static LkProposal *
proposal_from_row (LkStmt *stmt)
{
  LkProposal *p = g_new0 (LkProposal, 1);

  p->id = lk_stmt_get_int64 (stmt, 0);
  p->photo_id = lk_stmt_get_int64 (stmt, 1);
  p->photo_file = lk_stmt_dup_text0 (stmt, 2);
  p->face_id = lk_stmt_get_int64 (stmt, 3);
  p->cx = lk_stmt_get_double (stmt, 4);
  p->cy = lk_stmt_get_double (stmt, 5);
  p->w = lk_stmt_get_double (stmt, 6);
  p->h = lk_stmt_get_double (stmt, 7);
  p->name = lk_stmt_dup_text0 (stmt, 8);
  p->source = lk_stmt_dup_text0 (stmt, 9);
  p->state = lk_stmt_dup_text0 (stmt, 10);
  p->person_id = lk_stmt_get_int64 (stmt, 11);
  p->created_at = lk_stmt_dup_text0 (stmt, 12);
  p->decided_at = lk_stmt_dup_text (stmt, 13);
  p->decided_by = lk_stmt_dup_text (stmt, 14);
  p->reason = lk_stmt_dup_text0 (stmt, 15);
  return p;
}

/* Intersection over union of the region (normalised) and a face (pixels). */
static double
overlap (const LkRegion *r, const LkCaseFace *face, int width, int height)
{
  double ax0 = (r->cx - r->w / 2) * width, ay0 = (r->cy - r->h / 2) * height;
  double ax1 = (r->cx + r->w / 2) * width, ay1 = (r->cy + r->h / 2) * height;
  double bx0 = face->x, by0 = face->y, bx1 = face->x + face->width, by1 = face->y + face->height;
  double iw = MIN (ax1, bx1) - MAX (ax0, bx0), ih = MIN (ay1, by1) - MAX (ay0, by0);
  double inter = iw > 0 && ih > 0 ? iw * ih : 0;
  double uni = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter;

  return uni > 0 ? inter / uni : 0;
}

static gint64
best_face (const LkRegion *r, GPtrArray *faces, const LkPhoto *photo)
{
  gint64 best = 0;
  double best_iou = MIN_IOU;

  for (guint i = 0; i < faces->len; i++)
    {
      const LkCaseFace *face = g_ptr_array_index (faces, i);
      double iou = face->not_a_face ? 0 : overlap (r, face, photo->width, photo->height);

      if (iou >= best_iou)
        {
          best_iou = iou;
          best = face->id;
        }
    }
  return best;
}

static gboolean
has_proposals (LkCase *self, gint64 photo_id, gboolean *out, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT count(*) FROM region_proposals WHERE photo_id = ?1", error);
  gint64 n = 0;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, photo_id, error) || !lk_stmt_one_int64 (stmt, &n, NULL, error))
    return FALSE;
  *out = n > 0;
  return TRUE;
}

static gboolean
insert_proposal (LkCase *self, const char *analyst, gint64 photo_id, gint64 face_id, const LkRegion *r,
                 const char *source, GError **error)
{
  LkSqlite *db = lk_case_get_db (self);
  g_autofree char *now = lk_case_now_iso ();
  g_autofree char *name = g_strstrip (g_strdup (r->name));
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "INSERT INTO region_proposals (photo_id, face_id, cx, cy, w, h, name, source, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);

  if (stmt == NULL || !lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, name, error) ||
      !lk_stmt_bind_int64 (stmt, 1, photo_id, error) || !lk_stmt_bind_id (stmt, 2, face_id, error) ||
      !lk_stmt_bind_double (stmt, 3, r->cx, error) || !lk_stmt_bind_double (stmt, 4, r->cy, error) ||
      !lk_stmt_bind_double (stmt, 5, r->w, error) || !lk_stmt_bind_double (stmt, 6, r->h, error) ||
      !lk_stmt_bind_text (stmt, 7, name, error) || !lk_stmt_bind_text (stmt, 8, source, error) ||
      !lk_stmt_bind_text (stmt, 9, now, error) ||
      !lk_stmt_bind_int64 (stmt, 10, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_exec (stmt, error))
    return FALSE;
  return lk_case_audit_row (self, analyst, "proposal.add", "proposal", lk_sqlite_last_insert_rowid (db), NULL,
                            error);
}

gboolean
lk_case_add_region_proposals (LkCase *self, const char *analyst, gint64 photo_id, GPtrArray *regions,
                              const char *source, guint *out_added, GError **error)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(LkPhoto) photo = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  gboolean already = FALSE;
  guint added = 0;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && regions != NULL && source != NULL, FALSE);

  filter.photo_id = photo_id;
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  if ((photo = lk_case_get_photo (self, photo_id, error)) == NULL ||
      (faces = lk_case_list_faces (self, &filter, error)) == NULL || !has_proposals (self, photo_id, &already, error))
    goto fail;
  for (guint i = 0; !already && i < regions->len; i++)
    {
      const LkRegion *r = g_ptr_array_index (regions, i);

      if (lk_case_is_blank (r->name))
        continue; /* an unnamed region proposes nobody */
      if (!insert_proposal (self, analyst, photo_id, best_face (r, faces, photo), r, source, error))
        goto fail;
      added++;
    }
  if (!lk_case_write_commit (self, error))
    goto fail;
  if (out_added != NULL)
    *out_added = added;
  return TRUE;

fail:
  lk_case_write_rollback (self);
  return FALSE;
}

GPtrArray *
lk_case_list_proposals (LkCase *self, const char *state, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_proposal_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT " PROPOSAL_COLUMNS "FROM region_proposals r "
                                "JOIN photos p ON p.id = r.photo_id WHERE ?1 IS NULL OR r.state = ?1 "
                                "ORDER BY r.id", error);
  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, state, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_ptr_array_add (list, proposal_from_row (stmt));
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&list);
}

LkProposal *
lk_case_get_proposal (LkCase *self, gint64 proposal_id, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkProposal *p = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT " PROPOSAL_COLUMNS "FROM region_proposals r "
                                "JOIN photos p ON p.id = r.photo_id WHERE r.id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, proposal_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    p = proposal_from_row (stmt);
  else if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND, _("There is no proposal %" PRId64 " in the case."),
                 proposal_id);
  return p;
}

/* The pending proposal, or NULL with an error saying why it cannot be decided. */
static LkProposal *
pending (LkCase *self, gint64 proposal_id, GError **error)
{
  g_autoptr(LkProposal) p = lk_case_get_proposal (self, proposal_id, error);

  if (p != NULL && !g_str_equal (p->state, "pending"))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("Proposal %" PRId64 " (“%s”) was already %s on %s by %s."), proposal_id, p->name,
                   g_str_equal (p->state, "confirmed") ? _("confirmed") : _("rejected"), p->decided_at,
                   p->decided_by);
      return NULL;
    }
  return g_steal_pointer (&p);
}

static gboolean
set_state (LkCase *self, const char *analyst, gint64 id, const char *state, gint64 person_id, const char *reason,
           GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  JsonNode *old = lk_case_snapshot_row (self, "proposal", id, error);
  g_autoptr(LkStmt) stmt = old != NULL ? lk_case_prepare (self,
    "UPDATE region_proposals SET state = ?2, person_id = ?3, decided_at = ?4, decided_by = ?5, reason = ?6 "
    "WHERE id = ?1", error) : NULL;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, id, error) ||
      !lk_stmt_bind_text (stmt, 2, state, error) || !lk_stmt_bind_id (stmt, 3, person_id, error) ||
      !lk_stmt_bind_text (stmt, 4, now, error) ||
      !lk_stmt_bind_int64 (stmt, 5, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_bind_text (stmt, 6, reason != NULL ? reason : "", error) ||
      !lk_stmt_exec (stmt, error))
    {
      g_clear_pointer (&old, json_node_unref);
      return FALSE;
    }
  return lk_case_audit_row (self, analyst, g_str_equal (state, "confirmed") ? "proposal.confirm"
                                                                           : "proposal.reject",
                            "proposal", id, old, error);
}

/* The person to confirm as: the one given, else the one with the proposed
 * name, else a new person with that name (audited by the person store). */
static gint64
person_for (LkCase *self, const char *analyst, const LkProposal *p, gint64 person_id, GError **error)
{
  g_autoptr(LkPerson) found = NULL;
  g_autoptr(GError) local = NULL;
  LkPersonFields fields = { p->name, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *notes = g_strdup_printf (_("Named “%s” in %s of %s (a confirmed proposal)."), p->name,
                                            p->source, p->photo_file);

  if (person_id != 0)
    return person_id;
  found = lk_case_find_person (self, p->name, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  if (found != NULL && g_str_equal (found->display_name, p->name))
    return found->id;
  fields.notes = notes;
  return lk_case_add_person (self, analyst, &fields, error);
}

gint64
lk_case_confirm_proposal (LkCase *self, const char *analyst, gint64 proposal_id, gint64 person_id,
                          GError **error)
{
  g_autoptr(LkProposal) p = NULL;
  gint64 person = 0;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  if ((p = pending (self, proposal_id, error)) == NULL)
    goto fail;
  if (p->face_id == 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("No detected face of %s lies where “%s” was marked (%s): box the face by hand, "
                     "link it to the person, and reject this proposal."), p->photo_file, p->name, p->source);
      goto fail;
    }
  if ((person = person_for (self, analyst, p, person_id, error)) == 0 ||
      lk_case_link_reference (self, analyst, p->face_id, person, error) == 0 ||
      !set_state (self, analyst, proposal_id, "confirmed", person, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return person;

fail:
  if (error != NULL && *error != NULL && person != 0)
    g_prefix_error (error, _("Proposal %" PRId64 " was not confirmed: "), proposal_id);
  lk_case_write_rollback (self);
  return 0;
}

gboolean
lk_case_reject_proposal (LkCase *self, const char *analyst, gint64 proposal_id, const char *reason,
                         GError **error)
{
  g_autoptr(LkProposal) p = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (reason != NULL && !lk_case_check_text (LK_CASE_FIELD_REASON, reason, error))
    return FALSE;
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  if ((p = pending (self, proposal_id, error)) == NULL ||
      !set_state (self, analyst, proposal_id, "rejected", 0, reason, error) ||
      !lk_case_write_commit (self, error))
    {
      lk_case_write_rollback (self);
      return FALSE;
    }
  return TRUE;
}
