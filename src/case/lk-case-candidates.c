/* lk-case-candidates.c — what vouches for the candidate lists (computed
 * data outside the audit chain) and the numbers a decision keeps from them:
 * each distance recomputed from the two faces' audited descriptors, and the
 * whole table against the digest its last "match.refresh" entry recorded. */
#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lk-case-match.h"
#include "lk-case-private.h"

/* SHA-256 of nothing: the digest of an empty candidates table. */
#define EMPTY_DIGEST "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* ---- The table's digest ------------------------------------------------------ */

/* One value into the digest: a type byte, then the value's bytes in little
 * endian (text with its length), so that the digest is the same on every
 * machine and no two tables hash alike. */
static void
digest_value (GChecksum *sum, LkStmt *stmt, int col)
{
  guint8 type = (guint8) lk_stmt_column_type (stmt, col);
  guint64 bits;

  g_checksum_update (sum, &type, 1);
  if (type == SQLITE_INTEGER)
    bits = GUINT64_TO_LE ((guint64) lk_stmt_get_int64 (stmt, col));
  else if (type == SQLITE_FLOAT)
    {
      double d = lk_stmt_get_double (stmt, col);

      memcpy (&bits, &d, sizeof bits);
      bits = GUINT64_TO_LE (bits);
    }
  else if (type == SQLITE_TEXT)
    bits = GUINT64_TO_LE ((guint64) lk_stmt_column_bytes (stmt, col));
  else
    return;
  g_checksum_update (sum, (const guchar *) &bits, sizeof bits);
  if (type == SQLITE_TEXT)
    g_checksum_update (sum, (const guchar *) lk_stmt_peek_text (stmt, col), lk_stmt_column_bytes (stmt, col));
}

/* SHA-256 over every candidate row (every column but the row id and the
 * time), in a fixed order: what the refresh entry vouches for. */
char *
lk_case_candidates_digest (LkCase *self, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT face_id, person_id, reference_face_id, distance, rank, pinned, "
                                              "impostor_share, share_extrapolated, expected_lookalikes, "
                                              "gallery_persons, model_id FROM candidates "
                                              "ORDER BY face_id, rank, person_id, id", error);
  gboolean any = FALSE;
  LkSqliteStep r;

  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      any = TRUE;
      for (int i = 0; i < 11; i++)
        digest_value (sum, stmt, i);
    }
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_strdup (any ? g_checksum_get_string (sum) : EMPTY_DIGEST);
}

gboolean
lk_case_match_candidates_vouched (LkCase *self, LkCandidatesVouched *out, gint64 *out_seq, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *details = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *recorded = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  stmt = lk_case_prepare (self, "SELECT seq, details FROM audit_log WHERE action = 'match.refresh' "
                                "ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL || (r = lk_stmt_step (stmt, error)) == LK_SQLITE_ERROR_STEP)
    return FALSE;
  *out_seq = r == LK_SQLITE_ROW ? lk_stmt_get_int64 (stmt, 0) : 0;
  details = r == LK_SQLITE_ROW ? lk_stmt_dup_text0 (stmt, 1) : NULL;
  lk_stmt_reset (stmt);
  if ((digest = lk_case_candidates_digest (self, error)) == NULL)
    return FALSE;
  if (details != NULL && json_parser_load_from_data (parser, details, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    recorded = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                           "candidates_sha256", NULL);
  if (recorded != NULL)
    *out = g_strcmp0 (recorded, digest) == 0 ? LK_CANDIDATES_VOUCHED : LK_CANDIDATES_CHANGED;
  else if (details == NULL)
    /* No refresh yet: the table must be empty. */
    *out = g_strcmp0 (digest, EMPTY_DIGEST) == 0 ? LK_CANDIDATES_VOUCHED : LK_CANDIDATES_CHANGED;
  else
    *out = LK_CANDIDATES_UNKNOWN;   /* a refresh by a version that kept no digest */
  return TRUE;
}

/* ---- Candidate rows against the descriptors --------------------------------
 *
 * The candidates table is computed data outside the audit chain, but its
 * distance is a fact about two audited descriptors: anyone can recompute it.
 * Rows are checked here (verification, the matcher's repair) and when a
 * decision copies what the list showed. */

/* Float rounding: the matcher sums 128 float squares (its kernels in other
 * orders); this sums in double.  1e-5 is ~100× the rounding seen, and far
 * below any difference a person would read into a distance. */
#define DISTANCE_TOLERANCE 1e-5

/* The Euclidean distance of two stored descriptors; -1 when either blob is
 * not one (NULL, or another size). */
static double
blob_distance (gconstpointer a, gsize a_size, gconstpointer b, gsize b_size)
{
  float x[LK_CASE_DESCRIPTOR_DIM], y[LK_CASE_DESCRIPTOR_DIM];
  double sum = 0;

  if (a == NULL || b == NULL || a_size != sizeof x || b_size != sizeof y)
    return -1;
  memcpy (x, a, sizeof x);
  memcpy (y, b, sizeof y);
  for (guint i = 0; i < LK_CASE_DESCRIPTOR_DIM; i++)
    sum += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
  return sqrt (sum);
}

/* The distance of the descriptors in columns a and b of stmt. */
static double
columns_distance (LkStmt *stmt, int a, int b)
{
  gsize a_size = 0, b_size = 0;
  gconstpointer x = lk_stmt_peek_blob (stmt, a, &a_size);
  gconstpointer y = lk_stmt_peek_blob (stmt, b, &b_size);

  return blob_distance (x, a_size, y, b_size);
}

static gboolean
distances_agree (double stored, double measured)
{
  return measured >= 0 && fabs (stored - measured) <= DISTANCE_TOLERANCE * MAX (1.0, measured);
}

/* Columns: face, person, reference face, distance, probe descriptor,
 * reference descriptor, whether that face was ever linked to that person. */
#define CANDIDATE_CHECK_COLUMNS \
  "SELECT c.face_id, c.person_id, c.reference_face_id, c.distance, p.descriptor, r.descriptor, " \
  "EXISTS (SELECT 1 FROM reference_faces l WHERE l.face_id = c.reference_face_id " \
  "AND l.person_id = c.person_id)"
#define CANDIDATE_CHECK_FROM \
  " FROM candidates c LEFT JOIN faces p ON p.id = c.face_id LEFT JOIN faces r ON r.id = c.reference_face_id "

/* NULL when the current row of CANDIDATE_CHECK_COLUMNS is vouched for by the
 * descriptors, else the problem.  A row without a reference face shows no
 * distance, so only its "no distance" is checked. */
static LkCandidateProblem *
check_candidate (LkStmt *stmt, LkCandidateProblem *out)
{
  out->face_id = lk_stmt_get_int64 (stmt, 0);
  out->person_id = lk_stmt_get_int64 (stmt, 1);
  out->reference_face_id = lk_stmt_get_int64 (stmt, 2);
  out->stored = lk_stmt_get_double (stmt, 3);
  out->linked = lk_stmt_get_int64 (stmt, 6) != 0;
  out->measured = columns_distance (stmt, 4, 5);
  if (out->reference_face_id == 0)
    return out->stored < 0 ? NULL : out;
  return out->linked && distances_agree (out->stored, out->measured) ? NULL : out;
}

GArray *
lk_case_match_check_candidates (LkCase *self, GError **error)
{
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (LkCandidateProblem));
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, CANDIDATE_CHECK_COLUMNS CANDIDATE_CHECK_FROM "ORDER BY c.face_id, c.rank, c.id", error);
  if (stmt == NULL)
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      LkCandidateProblem problem;

      if (check_candidate (stmt, &problem) != NULL)
        g_array_append_val (problems, problem);
    }
  return r == LK_SQLITE_ERROR_STEP ? NULL : g_steal_pointer (&problems);
}

/* ---- Decision-time numbers ------------------------------------------------ */

void
lk_decision_numbers_clear (LkDecisionNumbers *numbers)
{
  g_clear_pointer (&numbers->model_id, g_free);
  memset (numbers, 0, sizeof *numbers);
}

/* The person's best candidate row for the face, when its descriptors vouch
 * for its distance and the last refresh entry for the table (its rank and
 * share): then the numbers are what the software showed.  FALSE only on a
 * read error; n->has_distance tells whether a row was taken. */
static gboolean
shown_from_candidate (LkCase *self, gint64 face_id, gint64 person_id, LkDecisionNumbers *n,
                      GError **error)
{
  LkCandidatesVouched vouched;
  gint64 refresh_seq;
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, CANDIDATE_CHECK_COLUMNS ", c.rank, c.impostor_share, "
                                        "c.share_extrapolated, c.expected_lookalikes, c.gallery_persons, c.model_id"
                                        CANDIDATE_CHECK_FROM "WHERE c.face_id = ?1 AND c.person_id = ?2 AND c.distance >= 0 "
                                        "ORDER BY c.rank LIMIT 1", error);
  LkCandidateProblem problem;
  LkSqliteStep r;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error))
    return FALSE;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW && check_candidate (stmt, &problem) == NULL)
    {
      n->has_distance = TRUE;
      n->reference_face_id = problem.reference_face_id;
      n->distance = problem.stored;
      n->rank = (int) lk_stmt_get_int64 (stmt, 7);
      n->has_share = !lk_stmt_is_null (stmt, 8);
      n->impostor_share = lk_stmt_get_double (stmt, 8);
      n->share_extrapolated = lk_stmt_get_int64 (stmt, 9) != 0;
      n->expected_lookalikes = lk_stmt_get_double (stmt, 10);
      n->gallery_persons = (guint) lk_stmt_get_int64 (stmt, 11);
      n->model_id = lk_stmt_dup_text0 (stmt, 12);
    }
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_ERROR_STEP)
    return FALSE;
  /* The digest reads the whole table: only when a row was taken. */
  if (n->has_distance && !lk_case_match_candidates_vouched (self, &vouched, &refresh_seq, error))
    return FALSE;
  if (n->has_distance && vouched == LK_CANDIDATES_CHANGED)
    lk_decision_numbers_clear (n);   /* rank and share unvouched: measured below */
  return TRUE;
}

/* The distance to the person's nearest current reference face described by
 * the probe's model, measured from the stored descriptors (no share: the
 * software showed none it could stand behind). */
static gboolean
shown_measured (LkCase *self, gint64 face_id, gint64 person_id, LkDecisionNumbers *n, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT l.face_id, p.descriptor, r.descriptor, p.model_id "
                                              "FROM reference_faces l JOIN faces r ON r.id = l.face_id "
                                              "JOIN faces p ON p.id = ?1 WHERE l.person_id = ?2 AND l.removed = 0 "
                                              "AND r.not_a_face = 0 AND r.model_id IS p.model_id ORDER BY l.face_id",
                                        error);
  LkSqliteStep r;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error))
    return FALSE;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      double d = columns_distance (stmt, 1, 2);

      if (d < 0 || (n->has_distance && d >= n->distance))
        continue;
      n->has_distance = TRUE;
      n->distance = d;
      n->reference_face_id = lk_stmt_get_int64 (stmt, 0);
      g_free (n->model_id);
      n->model_id = lk_stmt_dup_text0 (stmt, 3);
    }
  return r != LK_SQLITE_ERROR_STEP;
}

static gboolean
bind_numbers (LkStmt *stmt, const LkDecisionNumbers *n, GError **error)
{
  if (!n->has_distance)
    return TRUE;   /* every column stays NULL */
  return lk_stmt_bind_int64 (stmt, 2, n->reference_face_id, error) &&
         lk_stmt_bind_double (stmt, 3, n->distance, error) &&
         (n->rank <= 0 || lk_stmt_bind_int64 (stmt, 4, n->rank, error)) &&
         (!n->has_share ||
          (lk_stmt_bind_double (stmt, 5, n->impostor_share, error) &&
           lk_stmt_bind_int64 (stmt, 6, n->share_extrapolated, error) &&
           lk_stmt_bind_double (stmt, 7, n->expected_lookalikes, error) &&
           lk_stmt_bind_int64 (stmt, 8, n->gallery_persons, error))) &&
         lk_stmt_bind_text (stmt, 9, n->model_id, error);
}

gboolean
lk_case_record_shown_numbers (LkCase *self, gint64 decision_id, gint64 face_id, gint64 person_id,
                              GError **error)
{
  g_auto(LkDecisionNumbers) n = { 0 };
  g_autoptr(LkStmt) stmt = NULL;

  /* A case held at an older schema (only test fixtures are) is written as
   * that version wrote it. */
  if (lk_case_get_schema_version (self) < 5 || person_id <= 0)
    return TRUE;
  if (!shown_from_candidate (self, face_id, person_id, &n, error) ||
      (!n.has_distance && !shown_measured (self, face_id, person_id, &n, error)))
    return FALSE;
  stmt = lk_case_prepare (self, "UPDATE decisions SET shown_reference_face_id = ?2, shown_distance = ?3, "
                                "shown_rank = ?4, shown_impostor_share = ?5, shown_share_extrapolated = ?6, "
                                "shown_expected_lookalikes = ?7, shown_gallery_persons = ?8, shown_model_id = ?9 "
                                "WHERE id = ?1", error);
  return stmt != NULL &&
         lk_stmt_bind_int64 (stmt, 1, decision_id, error) &&
         bind_numbers (stmt, &n, error) &&
         lk_stmt_exec (stmt, error);
}

gboolean
lk_case_get_decision_numbers (LkCase *self, gint64 decision_id, LkDecisionNumbers *out, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  if (lk_case_get_schema_version (self) < 5)
    return TRUE;
  stmt = lk_case_prepare (self, "SELECT shown_reference_face_id, shown_distance, shown_rank, shown_impostor_share, "
                                "shown_share_extrapolated, shown_expected_lookalikes, shown_gallery_persons, "
                                "shown_model_id FROM decisions WHERE id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, decision_id, error))
    return FALSE;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW && !lk_stmt_is_null (stmt, 1))
    {
      out->has_distance = TRUE;
      out->reference_face_id = lk_stmt_get_int64 (stmt, 0);
      out->distance = lk_stmt_get_double (stmt, 1);
      out->rank = (int) lk_stmt_get_int64 (stmt, 2);
      out->has_share = !lk_stmt_is_null (stmt, 3);
      out->impostor_share = lk_stmt_get_double (stmt, 3);
      out->share_extrapolated = lk_stmt_get_int64 (stmt, 4) != 0;
      out->expected_lookalikes = lk_stmt_get_double (stmt, 5);
      out->gallery_persons = (guint) lk_stmt_get_int64 (stmt, 6);
      out->model_id = lk_stmt_dup_text0 (stmt, 7);
    }
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no decision %" PRId64 " in the case."), decision_id);
  return r == LK_SQLITE_ROW;
}
