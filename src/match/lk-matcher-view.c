/* lk-matcher-view.c — a probe face's candidate list as the analyst sees it:
 * stored proposals with the face's decisions and its photo applied. */
#define G_LOG_DOMAIN "lk-match"

#include "lk-json-members.h"
#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "case/lk-case-match.h"
#include "lk-matcher.h"

#define ID_KEY(id) ((gpointer) (gintptr) (id))
/* The distance dlib's descriptor was trained to separate people at: it only
 * colours the list, it decides nothing. */
#define TRAINED_THRESHOLD 0.6

void
lk_candidate_free (LkCandidate *c)
{
  if (c == NULL)
    return;
  g_free (c->person_name);
  g_free (c->decision);
  g_free (c->evidence_text);
  g_free (c->model_id);
  g_free (c->computed_at);
  g_free (c);
}

static LkCandidate *
candidate_from_row (LkCase *kase, const LkCandidateRow *row)
{
  LkCandidate *c = g_new0 (LkCandidate, 1);
  g_autoptr(LkPerson) person = lk_case_get_person (kase, row->person_id, NULL);

  c->distance_rank = row->pinned ? 0 : row->rank;
  c->person_id = row->person_id;
  c->person_name = g_strdup (person != NULL ? person->display_name : "");
  c->distance = row->distance;
  c->reference_face_id = row->reference_face_id;
  c->above_threshold = row->distance > TRAINED_THRESHOLD;
  c->pinned = row->pinned;
  c->impostor_share = row->impostor_share;
  c->share_extrapolated = row->share_extrapolated;
  c->expected_lookalikes = row->expected_lookalikes;
  c->gallery_persons = row->gallery_persons;
  c->model_id = g_strdup (row->model_id);
  c->computed_at = g_strdup (row->computed_at);
  if (row->distance >= 0)
    {
      LkEvidence ev = { row->distance, row->impostor_share, row->share_extrapolated,
                        row->expected_lookalikes, row->gallery_persons };
      c->evidence_text = lk_evidence_describe (&ev);
    }
  return c;
}

/* A person a decision names who is not in the stored list at all (no
 * reference face any more, or the list predates the decision). */
static LkCandidate *
candidate_without_distance (LkCase *kase, gint64 person_id)
{
  LkCandidateRow row = { 0 };

  row.person_id = person_id;
  row.distance = -1;
  row.pinned = TRUE;
  return candidate_from_row (kase, &row);
}

/* Persons identified on the other faces of the face's photo (none in a collage). */
static GHashTable *
identified_in_photo (LkCase *kase, const LkCaseFace *face, GError **error)
{
  GHashTable *persons = g_hash_table_new (NULL, NULL);
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(LkPhoto) photo = lk_case_get_photo (kase, face->photo_id, error);
  g_autoptr(GPtrArray) faces = NULL;

  if (photo == NULL)
    {
      g_hash_table_unref (persons);
      return NULL;
    }
  if (photo->is_collage)
    return persons;
  filter.photo_id = face->photo_id;
  faces = lk_case_list_faces (kase, &filter, error);
  if (faces == NULL)
    {
      g_hash_table_unref (persons);
      return NULL;
    }
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *other = faces->pdata[i];

      if (other->id != face->id && other->status == LK_FACE_STATUS_IDENTIFIED && other->person_id > 0)
        g_hash_table_insert (persons, ID_KEY (other->person_id), ID_KEY (other->id));
    }
  return persons;
}

static void
apply_decision (LkCandidate *c, const LkDecision *d)
{
  g_free (c->decision);
  c->decision = g_strdup (lk_decision_outcome_to_string (d->outcome));
  c->excluded = d->outcome == LK_OUTCOME_EXCLUDED;
  c->identified = d->outcome == LK_OUTCOME_IDENTIFIED;
}

/* The identification first, everything else in stored (distance) order. */
static GPtrArray *
identified_first (GPtrArray *list)
{
  GPtrArray *ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_candidate_free);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < list->len; i++)
      if (((LkCandidate *) list->pdata[i])->identified == (pass == 0))
        g_ptr_array_add (ordered, list->pdata[i]);
  g_ptr_array_set_free_func (list, NULL);
  g_ptr_array_unref (list);
  for (guint i = 0; i < ordered->len; i++)
    ((LkCandidate *) ordered->pdata[i])->rank = i + 1;
  return ordered;
}

GPtrArray *
lk_matcher_list_candidates (LkCase *kase, gint64 face_id, GError **error)
{
  g_autoptr(LkCaseFace) face = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GHashTable) same_photo = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_candidate_free);

  g_return_val_if_fail (LK_IS_CASE (kase), NULL);

  if ((face = lk_case_get_face (kase, face_id, error)) == NULL ||
      (rows = lk_case_list_candidate_rows (kase, face_id, error)) == NULL ||
      (decisions = lk_case_list_decisions (kase, face_id, TRUE, error)) == NULL ||
      (same_photo = identified_in_photo (kase, face, error)) == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      LkCandidate *c = candidate_from_row (kase, &g_array_index (rows, LkCandidateRow, i));

      c->same_photo_face_id = (gintptr) g_hash_table_lookup (same_photo, ID_KEY (c->person_id));
      g_ptr_array_add (list, c);
    }
  for (guint i = 0; i < decisions->len; i++)
    {
      LkDecision *d = decisions->pdata[i];
      LkCandidate *match = NULL;

      if (d->person_id == 0)
        continue;
      for (guint j = 0; j < list->len && match == NULL; j++)
        if (((LkCandidate *) list->pdata[j])->person_id == d->person_id)
          match = list->pdata[j];
      if (match == NULL)
        {
          match = candidate_without_distance (kase, d->person_id);
          g_ptr_array_add (list, match);
        }
      apply_decision (match, d);
    }
  return identified_first (g_steal_pointer (&list));
}

static void
add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
candidate_to_json (JsonBuilder *b, const LkCandidate *c)
{
  gboolean has_distance = c->distance >= 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rank");
  json_builder_add_int_value (b, c->rank);
  lk_json_add_id (b, "distance_rank", c->distance_rank);
  json_builder_set_member_name (b, "person_id");
  json_builder_add_int_value (b, c->person_id);
  json_builder_set_member_name (b, "person_name");
  json_builder_add_string_value (b, c->person_name);
  json_builder_set_member_name (b, "distance");
  if (has_distance)
    json_builder_add_double_value (b, c->distance);
  else
    json_builder_add_null_value (b);
  lk_json_add_id (b, "reference_face_id", c->reference_face_id);
  json_builder_set_member_name (b, "above_threshold");
  json_builder_add_boolean_value (b, c->above_threshold);
  json_builder_set_member_name (b, "excluded");
  json_builder_add_boolean_value (b, c->excluded);
  json_builder_set_member_name (b, "identified");
  json_builder_add_boolean_value (b, c->identified);
  add_string_or_null (b, "decision", c->decision);
  lk_json_add_id (b, "same_photo_face_id", c->same_photo_face_id);
  json_builder_set_member_name (b, "pinned");
  json_builder_add_boolean_value (b, c->pinned);
  json_builder_set_member_name (b, "impostor_share");
  if (has_distance)
    json_builder_add_double_value (b, c->impostor_share);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "share_extrapolated");
  json_builder_add_boolean_value (b, has_distance && c->share_extrapolated);
  json_builder_set_member_name (b, "expected_lookalikes");
  if (has_distance)
    json_builder_add_double_value (b, c->expected_lookalikes);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "gallery_persons");
  json_builder_add_int_value (b, c->gallery_persons);
  add_string_or_null (b, "evidence", c->evidence_text);
  add_string_or_null (b, "model_id", c->model_id);
  add_string_or_null (b, "computed_at", c->computed_at);
  json_builder_end_object (b);
}

char *
lk_candidates_to_json (GPtrArray *candidates)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  g_return_val_if_fail (candidates != NULL, NULL);

  json_builder_begin_array (b);
  for (guint i = 0; i < candidates->len; i++)
    candidate_to_json (b, candidates->pdata[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
