#define G_LOG_DOMAIN "lk-report"

#include "lk-json-members.h"
#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "case/lk-case-video.h"
#include "lk-report.h"

/* The JSON export: everything the PDF shows, as data.  The shape is
 * documented by docs/report-schema.json; change both together and raise
 * LK_REPORT_JSON_VERSION when a field changes meaning. */
#define LK_REPORT_JSON_VERSION 3

static void
add_image (JsonBuilder *b, const char *name, GBytes *image)
{
  gsize n = 0;
  const guint8 *p = image ? g_bytes_get_data (image, &n) : NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *uri = NULL;

  json_builder_set_member_name (b, name);
  if (p == NULL || n == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  base64 = g_base64_encode (p, n);
  uri = g_strconcat (n > 2 && p[0] == 0xFF && p[1] == 0xD8 ? "data:image/jpeg;base64,"
                                                         : "data:image/png;base64,", base64, NULL);
  json_builder_add_string_value (b, uri);
}

/* Version 3: where a still of a video was taken from; null for photos. */
static void
add_video (JsonBuilder *b, const LkReportFace *f)
{
  g_autofree char *code = NULL;

  json_builder_set_member_name (b, "video");
  if (f->video_name == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  code = lk_format_time_code (f->video_time_ms);
  json_builder_begin_object (b);
  lk_json_add_string (b, "name", f->video_name);
  lk_json_add_string (b, "sha256", f->video_sha256);
  lk_json_add_int (b, "time_ms", f->video_time_ms);
  lk_json_add_string (b, "time_code", code);
  json_builder_end_object (b);
}

static void
add_face (JsonBuilder *b, const char *name, const LkReportFace *f)
{
  json_builder_set_member_name (b, name);
  if (f->face_id == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  lk_json_add_int (b, "face_id", f->face_id);
  lk_json_add_id (b, "photo_id", f->photo_id);
  lk_json_add_string (b, "photo_name", f->photo_name);
  lk_json_add_string (b, "photo_sha256", f->photo_sha256);
  lk_json_add_int (b, "photo_width", f->photo_width);
  lk_json_add_int (b, "photo_height", f->photo_height);
  json_builder_set_member_name (b, "box");
  json_builder_begin_object (b);
  lk_json_add_int (b, "x", f->box_x);
  lk_json_add_int (b, "y", f->box_y);
  lk_json_add_int (b, "width", f->box_width);
  lk_json_add_int (b, "height", f->box_height);
  json_builder_end_object (b);
  lk_json_add_string (b, "quality", f->quality);
  lk_json_add_string (b, "quality_details", f->quality_details);
  add_video (b, f);
  add_image (b, "chip", f->chip);
  json_builder_end_object (b);
}

/* "failed" when a failed audit check touches the decision, "verified" when
 * the whole chain checks out, "unflagged" when the chain fails elsewhere. */
static const char *
integrity_word (const LkReportData *data, const LkReportDecisionRecord *r)
{
  if (r->integrity_failed)
    return "failed";
  return data->audit_ok ? "verified" : "unflagged";
}

static void
add_record_members (JsonBuilder *b, const LkReportData *data, const LkReportDecisionRecord *r)
{
  lk_json_add_int (b, "id", r->id);
  lk_json_add_string (b, "outcome", r->outcome);
  lk_json_add_string (b, "outcome_label", lk_report_outcome_label (r->outcome));
  lk_json_add_string (b, "strength", r->strength);
  lk_json_add_string (b, "rationale", r->rationale);
  lk_json_add_string (b, "analyst", r->analyst);
  lk_json_add_string (b, "decided_at", r->time);
  lk_json_add_id (b, "supersedes", r->supersedes_id);
  lk_json_add_id (b, "person_id", r->person_id);
  lk_json_add_string (b, "person_name", r->person_name);
  lk_json_add_string (b, "integrity", integrity_word (data, r));
  lk_json_add_string (b, "integrity_message", r->integrity_message);
}

static void
add_software (JsonBuilder *b, const LkReportDecision *d)
{
  json_builder_set_member_name (b, "software");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "distance");
  if (d->has_distance)
    json_builder_add_double_value (b, d->distance);
  else
    json_builder_add_null_value (b);
  lk_json_add_id (b, "rank", d->rank);
  lk_json_add_string (b, "strength_words", d->strength_words);
  json_builder_set_member_name (b, "impostor_share");
  if (d->has_strength)
    json_builder_add_double_value (b, d->impostor_share);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "share_extrapolated");
  if (d->has_strength)
    json_builder_add_boolean_value (b, d->share_extrapolated);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "expected_lookalikes");
  if (d->has_strength)
    json_builder_add_double_value (b, d->expected_lookalikes);
  else
    json_builder_add_null_value (b);
  lk_json_add_id (b, "gallery_persons", d->has_strength ? d->gallery_persons : 0);
  json_builder_end_object (b);
}

static void
add_features (JsonBuilder *b, const char *name, const LkFeatures *features)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = features ? lk_features_to_json (features) : NULL;

  json_builder_set_member_name (b, name);
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

/* The second examiner's check; "state" is "unverified" when never sent. */
static void
add_verification (JsonBuilder *b, const LkReportDecision *d)
{
  const LkVerificationItem *v = d->verification;
  g_autofree char *words = lk_report_verification_words (d);

  json_builder_set_member_name (b, "verification");
  json_builder_begin_object (b);
  lk_json_add_string (b, "state", lk_report_verification_state (d));
  lk_json_add_string (b, "words", words);
  lk_json_add_string (b, "requested_at", v ? v->requested_at : NULL);
  lk_json_add_string (b, "requested_by", v ? v->requested_by : NULL);
  lk_json_add_string (b, "verifier", v ? v->verifier : NULL);
  lk_json_add_string (b, "verifier_outcome", v ? v->verifier_outcome : NULL);
  lk_json_add_string (b, "verifier_strength", v ? v->verifier_strength : NULL);
  lk_json_add_string (b, "verifier_rationale", v ? v->verifier_rationale : NULL);
  lk_json_add_string (b, "verified_at", v ? v->verified_at : NULL);
  add_features (b, "verifier_features", d->verifier_features);
  lk_json_add_string (b, "resolution", v ? v->resolution : NULL);
  lk_json_add_string (b, "resolved_by", v ? v->resolved_by : NULL);
  lk_json_add_string (b, "resolved_at", v ? v->resolved_at : NULL);
  json_builder_end_object (b);
}

static void
add_decisions (JsonBuilder *b, LkReportData *data)
{
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < data->decisions->len; i++)
    {
      LkReportDecision *d = g_ptr_array_index (data->decisions, i);

      json_builder_begin_object (b);
      add_record_members (b, data, &d->record);
      add_face (b, "probe", &d->probe);
      add_face (b, "candidate", &d->candidate);
      add_software (b, d);
      add_verification (b, d);
      add_features (b, "features", d->features);
      json_builder_set_member_name (b, "superseded");
      json_builder_begin_array (b);
      for (guint j = 0; j < d->superseded->len; j++)
        {
          json_builder_begin_object (b);
          add_record_members (b, data, g_ptr_array_index (d->superseded, j));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_case (JsonBuilder *b, LkReportData *d, const LkReportOptions *options)
{
  json_builder_set_member_name (b, "case");
  json_builder_begin_object (b);
  lk_json_add_string (b, "title", d->title);
  lk_json_add_string (b, "number", d->number);
  lk_json_add_string (b, "description", d->description);
  json_builder_set_member_name (b, "analysts");
  json_builder_begin_array (b);
  for (guint i = 0; d->analysts && d->analysts[i]; i++)
    json_builder_add_string_value (b, d->analysts[i]);
  json_builder_end_array (b);
  lk_json_add_string (b, "created", d->created);
  lk_json_add_string (b, "modified", d->modified);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "report");
  json_builder_begin_object (b);
  lk_json_add_string (b, "generated", d->generated);
  lk_json_add_string (b, "generated_by", d->generated_by);
  lk_json_add_string (b, "software", d->software);
  lk_json_add_string (b, "decisions_listed", d->decision_filter ? d->decision_filter : "all");
  lk_json_add_string (b, "note", d->export_note);
  lk_json_add_string (b, "audit_mode", options->audit == LK_REPORT_AUDIT_SUMMARY ? "summary" : "full");
  json_builder_end_object (b);
}

static void
add_counts (JsonBuilder *b, LkReportData *d)
{
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  lk_json_add_int (b, "photos", d->n_photos);
  lk_json_add_int (b, "probe_photos", d->n_probe_photos);
  lk_json_add_int (b, "reference_photos", d->n_reference_photos);
  lk_json_add_int (b, "faces", d->n_faces);
  lk_json_add_int (b, "persons", d->n_persons);
  lk_json_add_int (b, "decisions_current", d->n_decisions_current);
  lk_json_add_int (b, "decisions_superseded", d->n_decisions_superseded);
  lk_json_add_int (b, "decisions_withdrawn", d->n_decisions_withdrawn);
  lk_json_add_int (b, "decisions_recorded", d->n_decisions_recorded);
  lk_json_add_int (b, "identified", d->n_identified);
  lk_json_add_int (b, "excluded", d->n_excluded);
  lk_json_add_int (b, "inconclusive", d->n_inconclusive);
  lk_json_add_int (b, "insufficient_quality", d->n_insufficient);
  lk_json_add_int (b, "identified_verified", d->n_id_verified);
  lk_json_add_int (b, "identified_resolved", d->n_id_resolved);
  lk_json_add_int (b, "identified_conflict", d->n_id_conflict);
  lk_json_add_int (b, "identified_pending", d->n_id_pending);
  lk_json_add_int (b, "identified_unverified", d->n_id_unverified);
  json_builder_end_object (b);
}

static void
add_integrity (JsonBuilder *b, LkReportData *d)
{
  json_builder_set_member_name (b, "integrity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "audit");
  json_builder_begin_object (b);
  lk_json_add_bool (b, "ok", d->audit_ok);
  lk_json_add_string (b, "message", d->audit_message);
  lk_json_add_string (b, "head", d->audit_head);
  lk_json_add_int (b, "length", (gint64) d->audit_length);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_object (b);
  lk_json_add_bool (b, "ok", d->evidence_ok);
  lk_json_add_int (b, "checked", d->evidence_checked);
  lk_json_add_int (b, "failed", d->evidence_failed);
  lk_json_add_string (b, "message", d->evidence_message);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_method (JsonBuilder *b, LkReportData *d)
{
  json_builder_set_member_name (b, "method");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "models");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->models->len; i++)
    {
      LkReportModel *m = g_ptr_array_index (d->models, i);

      json_builder_begin_object (b);
      lk_json_add_string (b, "role", m->role);
      lk_json_add_string (b, "id", m->id);
      lk_json_add_string (b, "file", m->file);
      lk_json_add_string (b, "sha256", m->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_double_value (b, d->threshold);
  lk_json_add_string (b, "detection", d->detection);
  lk_json_add_string (b, "strength_method", d->strength_method);
  json_builder_end_object (b);
}

static void
add_evidence (JsonBuilder *b, LkReportData *d)
{
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->evidence->len; i++)
    {
      LkReportEvidence *e = g_ptr_array_index (d->evidence, i);

      json_builder_begin_object (b);
      lk_json_add_string (b, "sha256", e->sha256);
      lk_json_add_string (b, "original_name", e->original_name);
      lk_json_add_string (b, "original_path", e->original_path);
      lk_json_add_string (b, "role", e->role);
      lk_json_add_string (b, "imported_at", e->imported_at);
      lk_json_add_string (b, "imported_by", e->imported_by);
      lk_json_add_int (b, "size", (gint64) e->size);
      lk_json_add_int (b, "faces", e->n_faces);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "import_errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->import_errors->len; i++)
    {
      LkReportImportError *e = g_ptr_array_index (d->import_errors, i);

      json_builder_begin_object (b);
      lk_json_add_string (b, "time", e->time);
      lk_json_add_string (b, "file", e->file);
      lk_json_add_string (b, "message", e->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_entry (JsonBuilder *b, const LkReportAuditEntry *e)
{
  json_builder_begin_object (b);
  lk_json_add_int (b, "seq", e->seq);
  lk_json_add_string (b, "time", e->time);
  lk_json_add_string (b, "analyst", e->analyst);
  lk_json_add_string (b, "action", e->action);
  lk_json_add_string (b, "object", e->object);
  lk_json_add_string (b, "details", e->details);
  lk_json_add_string (b, "hash", e->hash);
  json_builder_end_object (b);
}

static void
add_counts_array (JsonBuilder *b, const char *name, GPtrArray *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    {
      LkReportCount *c = g_ptr_array_index (counts, i);

      json_builder_begin_object (b);
      lk_json_add_string (b, "key", c->key);
      lk_json_add_int (b, "count", c->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_audit (JsonBuilder *b, LkReportData *d, const LkReportOptions *options)
{
  gboolean full = options->audit != LK_REPORT_AUDIT_SUMMARY;

  json_builder_set_member_name (b, "audit");
  json_builder_begin_object (b);
  lk_json_add_string (b, "mode", full ? "full" : "summary");
  lk_json_add_int (b, "length", d->audit->len);
  add_counts_array (b, "by_action", d->audit_by_action);
  add_counts_array (b, "by_analyst", d->audit_by_analyst);
  /* A summary keeps the first and last entries, as the PDF does. */
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->audit->len; i++)
    if (full || i == 0 || i == d->audit->len - 1)
      add_entry (b, g_ptr_array_index (d->audit, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

gboolean
lk_report_write_json (LkReportData *data, const LkReportOptions *options, GOutputStream *out,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  lk_report_data_summarise_audit (data);
  json_builder_begin_object (b);
  lk_json_add_string (b, "format", "likeness-report");
  lk_json_add_int (b, "version", LK_REPORT_JSON_VERSION);
  add_case (b, data, options);
  add_counts (b, data);
  add_integrity (b, data);
  add_method (b, data);
  add_decisions (b, data);
  add_evidence (b, data);
  add_audit (b, data, options);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_output_stream_write_all (out, text, length, NULL, cancellable, error) &&
         g_output_stream_write_all (out, "\n", 1, NULL, cancellable, error);
}
