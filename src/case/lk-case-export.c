#define G_LOG_DOMAIN "lk-case"

#include "lk-json-members.h"
#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include "lk-case-private.h"

/* The whole case as one JSON document (for archiving and other tools).
 * Chips, descriptors and landmarks stay in the case; everything an analyst
 * decided, and the audit log that vouches for it, is exported. */

static void
add_raw_json (JsonBuilder *b, const char *name, const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (b, name);
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

static void
add_info (JsonBuilder *b, const LkCaseInfo *info)
{
  json_builder_set_member_name (b, "case");
  json_builder_begin_object (b);
  lk_json_add_string (b, "uuid", info->uuid);
  lk_json_add_string (b, "title", info->title);
  lk_json_add_string (b, "number", info->number);
  lk_json_add_string (b, "description", info->description);
  lk_json_add_string (b, "created_at", info->created_at);
  lk_json_add_string (b, "created_by", info->created_by);
  lk_json_add_int (b, "schema_version", info->schema_version);
  json_builder_end_object (b);
}

static void
add_photo (JsonBuilder *b, const LkPhoto *p)
{
  json_builder_begin_object (b);
  lk_json_add_int (b, "id", p->id);
  lk_json_add_string (b, "role", lk_photo_role_to_string (p->role));
  lk_json_add_string (b, "sha256", p->sha256);
  lk_json_add_string (b, "evidence_file", p->evidence_name);
  lk_json_add_string (b, "original_name", p->original_name);
  lk_json_add_string (b, "original_path", p->original_path);
  lk_json_add_int (b, "size", p->size);
  lk_json_add_int (b, "width", p->width);
  lk_json_add_int (b, "height", p->height);
  lk_json_add_string (b, "imported_at", p->imported_at);
  lk_json_add_string (b, "analyst", p->analyst);
  lk_json_add_string (b, "exif_time", p->exif_time);
  lk_json_add_string (b, "camera_make", p->camera_make);
  lk_json_add_string (b, "camera_model", p->camera_model);
  json_builder_set_member_name (b, "gps");
  if (p->has_gps)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "latitude");
      json_builder_add_double_value (b, p->gps_latitude);
      json_builder_set_member_name (b, "longitude");
      json_builder_add_double_value (b, p->gps_longitude);
      json_builder_set_member_name (b, "altitude");
      json_builder_add_double_value (b, p->gps_altitude);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "is_collage");
  json_builder_add_boolean_value (b, p->is_collage);
  json_builder_set_member_name (b, "analyzed");
  json_builder_add_boolean_value (b, p->analyzed);
  lk_json_add_int (b, "faces", p->n_faces);
  lk_json_add_string (b, "review_note", p->review_note);
  json_builder_end_object (b);
}

void lk_case_face_to_json (JsonBuilder *b, const LkCaseFace *f);

/* The face object of `likeness-cli faces --json` and of the export. */
void
lk_case_face_to_json (JsonBuilder *b, const LkCaseFace *f)
{
  json_builder_begin_object (b);
  lk_json_add_int (b, "id", f->id);
  lk_json_add_int (b, "photo_id", f->photo_id);
  lk_json_add_string (b, "file", f->file);
  lk_json_add_string (b, "role", lk_photo_role_to_string (f->role));
  json_builder_set_member_name (b, "box");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, f->x);
  json_builder_add_int_value (b, f->y);
  json_builder_add_int_value (b, f->width);
  json_builder_add_int_value (b, f->height);
  json_builder_end_array (b);
  lk_json_add_string (b, "origin", lk_face_origin_to_string (f->origin));
  lk_json_add_string (b, "status", lk_face_status_to_string (f->status));
  lk_json_add_id (b, "person_id", f->person_id);
  lk_json_add_string (b, "person_name", f->person_id > 0 ? f->person_name : NULL);
  add_raw_json (b, "quality", f->quality_json);
  lk_json_add_string (b, "model_id", f->model_id);
  json_builder_set_member_name (b, "has_descriptor");
  json_builder_add_boolean_value (b, f->has_descriptor);
  json_builder_set_member_name (b, "detector_score");
  json_builder_add_double_value (b, f->detector_score);
  lk_json_add_string (b, "created_at", f->created_at);
  lk_json_add_string (b, "created_by", f->created_by);
  json_builder_end_object (b);
}

static void
add_person (JsonBuilder *b, const LkPerson *p)
{
  json_builder_begin_object (b);
  lk_json_add_int (b, "id", p->id);
  lk_json_add_string (b, "display_name", p->display_name);
  json_builder_set_member_name (b, "aliases");
  json_builder_begin_array (b);
  for (guint i = 0; p->aliases[i] != NULL; i++)
    json_builder_add_string_value (b, p->aliases[i]);
  json_builder_end_array (b);
  lk_json_add_string (b, "born", p->born);
  lk_json_add_string (b, "died", p->died);
  lk_json_add_string (b, "notes", p->notes);
  lk_json_add_string (b, "external_ref", p->external_ref);
  json_builder_set_member_name (b, "retired");
  json_builder_add_boolean_value (b, p->retired);
  lk_json_add_string (b, "retired_reason", p->retired_reason);
  lk_json_add_string (b, "created_at", p->created_at);
  lk_json_add_string (b, "created_by", p->created_by);
  lk_json_add_int (b, "reference_faces", p->n_reference_faces);
  json_builder_end_object (b);
}

static void
add_decision (JsonBuilder *b, const LkDecision *d)
{
  json_builder_begin_object (b);
  lk_json_add_int (b, "id", d->id);
  lk_json_add_int (b, "face_id", d->face_id);
  lk_json_add_id (b, "person_id", d->person_id);
  lk_json_add_string (b, "person_name", d->person_name);
  lk_json_add_string (b, "outcome", lk_decision_outcome_to_string (d->outcome));
  lk_json_add_string (b, "strength", d->strength);
  lk_json_add_string (b, "rationale", d->rationale);
  lk_json_add_string (b, "analyst", d->analyst);
  lk_json_add_string (b, "decided_at", d->decided_at);
  lk_json_add_id (b, "supersedes", d->supersedes);
  json_builder_set_member_name (b, "current");
  json_builder_add_boolean_value (b, d->current);
  json_builder_end_object (b);
}

/* Rows of a plain query as objects named by their columns. */
static gboolean
add_rows (LkCase *self, JsonBuilder *b, const char *name, const char *sql, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, sql, error);
  LkSqliteStep r;

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      json_builder_begin_object (b);
      for (int i = 0; i < lk_stmt_column_count (stmt); i++)
        {
          json_builder_set_member_name (b, lk_stmt_column_name (stmt, i));
          switch (lk_stmt_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              json_builder_add_int_value (b, lk_stmt_get_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              json_builder_add_double_value (b, lk_stmt_get_double (stmt, i));
              break;
            case SQLITE_NULL:
              json_builder_add_null_value (b);
              break;
            default:
              json_builder_add_string_value (b, lk_stmt_peek_text (stmt, i));
              break;
            }
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return r != LK_SQLITE_ERROR_STEP;
}

static gboolean
add_records (LkCase *self, JsonBuilder *b, GError **error)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (self, -1, error);
  g_autoptr(GPtrArray) faces = photos ? lk_case_list_faces (self, NULL, error) : NULL;
  g_autoptr(GPtrArray) persons = faces ? lk_case_list_persons (self, TRUE, error) : NULL;
  g_autoptr(GPtrArray) decisions = persons ? lk_case_list_decisions (self, 0, FALSE, error) : NULL;

  if (decisions == NULL)
    return FALSE;
  json_builder_set_member_name (b, "photos");
  json_builder_begin_array (b);
  for (guint i = 0; i < photos->len; i++)
    add_photo (b, photos->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "faces");
  json_builder_begin_array (b);
  for (guint i = 0; i < faces->len; i++)
    lk_case_face_to_json (b, faces->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "persons");
  json_builder_begin_array (b);
  for (guint i = 0; i < persons->len; i++)
    add_person (b, persons->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < decisions->len; i++)
    add_decision (b, decisions->pdata[i]);
  json_builder_end_array (b);
  return TRUE;
}

gboolean
lk_case_export_json (LkCase *self, const char *path, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(LkCaseInfo) info = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gint64 head_seq = 0;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  info = lk_case_get_info (self, error);
  head = info ? lk_case_get_audit_head (self, &head_seq, error) : NULL;
  if (head == NULL)
    return FALSE;
  json_builder_begin_object (b);
  lk_json_add_string (b, "format", "likeness-case-export");
  lk_json_add_int (b, "format_version", 1);
  add_info (b, info);
  if (!add_records (self, b, error) ||
      !add_rows (self, b, "reference_links", "SELECT r.id, r.face_id, r.person_id, r.linked_at, a.name AS analyst, "
                 "r.removed, r.removed_at, r.removed_reason FROM reference_faces r JOIN analysts a "
                 "ON a.id = r.analyst_id ORDER BY r.id", error) ||
      !add_rows (self, b, "candidates", "SELECT face_id, person_id, reference_face_id, distance, rank, model_id, "
                 "computed_at FROM candidates ORDER BY face_id, rank", error) ||
      !add_rows (self, b, "import_errors", "SELECT e.id, e.path, e.reason, e.time, a.name AS analyst "
                 "FROM import_errors e JOIN analysts a ON a.id = e.analyst_id ORDER BY e.id", error) ||
      !add_rows (self, b, "audit_log", "SELECT seq, time, analyst, action, object_type, object_id, details, "
                 "prev_hash, hash FROM audit_log ORDER BY seq", error))
    return FALSE;
  json_builder_set_member_name (b, "audit_head");
  json_builder_begin_object (b);
  lk_json_add_int (b, "seq", head_seq);
  lk_json_add_string (b, "hash", head);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_file_set_contents (path, text, -1, &local))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

char *
lk_case_faces_to_json (GPtrArray *faces)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (faces != NULL, NULL);
  json_builder_begin_array (b);
  for (guint i = 0; i < faces->len; i++)
    lk_case_face_to_json (b, faces->pdata[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
