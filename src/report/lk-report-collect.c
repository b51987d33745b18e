#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "case/lk-case-match.h"
#include "case/lk-case-video.h"
#include "match/lk-evidence.h"
#include "vision/lk-vision.h"
#include "lk-report-export.h"

/* Photos are embedded at this size (longest side, pixels): sharp at print
 * size (a half-page column at about 300 dpi) without bloating the file. */
#define PHOTO_MAX_SIDE 1400

typedef struct {
  LkCase       *kase;
  LkReportData *data;
  GHashTable   *photos;       /* photo id → GBytes (JPEG) or NULL when unreadable */
  GHashTable   *photo_sizes;  /* photo id → packed width << 32 | height */
  GCancellable *cancellable;
  LkAuditReport *audit;       /* the verifier's verdict, kept to mark the decisions it names */
} Collector;

static void
collector_clear (Collector *c)
{
  g_clear_pointer (&c->audit, lk_audit_report_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collector, collector_clear)

static char *
file_sha256 (const char *path)
{
  g_autoptr(GMappedFile) mapped = path ? g_mapped_file_new (path, FALSE, NULL) : NULL;

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guint8 *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

static void
collect_models (Collector *c, LkFaceEngine *engine)
{
  g_autoptr(LkFaceEngine) fallback = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *models = c->data->models;

  if (engine == NULL)
    engine = fallback = lk_face_engine_get_default (&error);
  if (engine == NULL)
    {
      /* The report still goes out; it says what it could not establish. */
      g_ptr_array_add (models, lk_report_model_new ("descriptor", _("models not available on this computer"),
                                                    error->message, NULL));
    }
  else
    {
      const char *descriptor = lk_face_engine_get_descriptor_model_path (engine);
      const char *landmarks = lk_face_engine_get_landmark_model_path (engine);
      g_autofree char *dname = g_path_get_basename (descriptor);
      g_autofree char *lname = g_path_get_basename (landmarks);
      g_autofree char *dsha = file_sha256 (descriptor);
      g_autofree char *lsha = file_sha256 (landmarks);

      g_ptr_array_add (models, lk_report_model_new ("descriptor", lk_face_engine_get_model_id (engine),
                                                    dname, dsha));
      g_ptr_array_add (models, lk_report_model_new ("landmarks", _("dlib 68-point shape predictor"),
                                                    lname, lsha));
    }
  g_ptr_array_add (models, lk_report_model_new ("detector", _("dlib HOG frontal face detector"),
                                                _("built into dlib"), NULL));
}

static gboolean
collect_info (Collector *c, GError **error)
{
  LkReportData *d = c->data;
  g_autoptr(LkCaseInfo) info = lk_case_get_info (c->kase, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (info == NULL)
    return FALSE;
  d->title = g_strdup (info->title);
  d->number = g_strdup (info->number);
  d->description = g_strdup (info->description);
  d->created = g_strdup (info->created_at);
  d->analysts = lk_case_list_analysts (c->kase, error);
  if (d->analysts == NULL)
    return FALSE;
  d->generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  d->software = g_strdup_printf ("Likeness %s", PACKAGE_VERSION);
  d->n_photos = info->n_photos;
  d->n_probe_photos = info->n_probe_photos;
  d->n_reference_photos = info->n_reference_photos;
  d->n_faces = info->n_faces;
  d->n_persons = info->n_persons;
  d->n_decisions_current = info->n_decisions;
  return TRUE;
}

static gboolean
collect_verification (Collector *c, GError **error)
{
  LkReportData *d = c->data;
  LkAuditReport *audit = NULL;
  g_autoptr(LkEvidenceReport) evidence = NULL;

  if (!lk_case_verify_audit (c->kase, NULL, &audit, error))
    return FALSE;
  c->audit = audit;
  d->audit_ok = audit->ok;
  d->audit_head = g_strdup (audit->head_hash);
  d->audit_length = audit->n_entries;
  d->audit_message = audit->ok
    ? g_strdup_printf (_("%" PRId64 " entries; every hash, link and recorded row checks out."),
                       audit->n_entries)
    : g_strdup (audit->message);

  if (!lk_case_verify_evidence (c->kase, &evidence, c->cancellable, error))
    return FALSE;
  d->evidence_checked = evidence->n_checked;
  d->evidence_failed = evidence->problems->len;
  d->evidence_ok = evidence->problems->len == 0;
  if (d->evidence_ok)
    d->evidence_message = g_strdup (_("Every file matches the SHA-256 it was imported with."));
  else
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < evidence->problems->len && i < 10; i++)
        {
          LkEvidenceProblem *p = g_ptr_array_index (evidence->problems, i);
          g_string_append_printf (s, "%s%s", i ? " " : "", p->message);
        }
      if (evidence->problems->len > 10)
        g_string_append_printf (s, _(" … and %u more."), evidence->problems->len - 10);
      d->evidence_message = g_string_free (s, FALSE);
    }
  return TRUE;
}

static const char *
detect_mode_words (const char *mode)
{
  if (g_strcmp0 (mode, "default") == 0)
    return _("default (small photos upsampled once, so faces of about 40 pixels are found)");
  if (g_strcmp0 (mode, "thorough") == 0)
    return _("thorough (every photo upsampled once, to find smaller faces)");
  return mode;
}

/* Each import records its detection setting ("import.run" details); the
 * report lists every distinct setting with the photo role it was used for. */
static char *
detection_from_audit (LkReportData *d)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 0; i < d->audit->len; i++)
    {
      LkReportAuditEntry *e = g_ptr_array_index (d->audit, i);
      g_autoptr(JsonParser) parser = NULL;
      g_autofree char *line = NULL;
      JsonObject *o;

      if (e->details == NULL || strstr (e->details, "detect_mode") == NULL)
        continue;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, e->details, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      line = g_strdup_printf (_("%s for %s photos"),
                              detect_mode_words (json_object_get_string_member_with_default (o, "detect_mode", "?")),
                              json_object_get_string_member_with_default (o, "role", "?"));
      if (!g_ptr_array_find_with_equal_func (seen, line, g_str_equal, NULL))
        g_ptr_array_add (seen, g_steal_pointer (&line));
    }
  if (seen->len == 0)
    return g_strdup (_("Not recorded in this case. The program's default: small photos are upsampled "
                       "once so that faces of about 40 pixels are found; the thorough mode upsamples "
                       "every photo."));
  for (guint i = 0; i < seen->len; i++)
    g_string_append_printf (words, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (seen, i));
  g_string_append (words, _(" (as recorded by each import in the audit log)"));
  return g_string_free (g_steal_pointer (&words), FALSE);
}

static char *
strength_method (void)
{
  g_autoptr(LkImpostorModel) builtin = lk_impostor_model_builtin ();
  g_autofree char *source = lk_impostor_model_describe (builtin);

  return g_strdup_printf (
    _("For each candidate the software compares the distance with an impostor distribution: "
      "distances between faces known to show different people. It reports the share of such "
      "different-person pairs that were at least this close, and from it how many persons of a "
      "gallery of this size would be expected to look this similar by chance. It uses the case's own "
      "different-person pairs when the case has at least %d of them, otherwise the built-in "
      "distribution — %s. Where a distance is closer than nearly every measured pair, the share comes "
      "from a normal fit, is marked as extrapolated, and is never stated rarer than the measurements "
      "support (about 3 in the number of pairs measured, a 95%% bound)."),
    LK_IMPOSTOR_MIN_PAIRS, source);
}

static gboolean
collect_audit (Collector *c, GError **error)
{
  g_autoptr(GPtrArray) entries = lk_case_list_audit (c->kase, 0, 0, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      LkAuditEntry *a = g_ptr_array_index (entries, i);
      LkReportAuditEntry *e = lk_report_audit_entry_new ();

      e->seq = a->seq;
      e->time = g_strdup (a->time);
      e->analyst = g_strdup (a->analyst);
      e->action = g_strdup (a->action);
      e->object = a->object_type ? (a->object_id > 0
                                    ? g_strdup_printf ("%s %" PRId64, a->object_type, a->object_id)
                                    : g_strdup (a->object_type))
                                 : NULL;
      e->details = g_strdup (a->details);
      e->hash = g_strdup (a->hash);
      g_ptr_array_add (c->data->audit, e);
    }
  if (entries->len > 0)
    c->data->modified = g_strdup (((LkAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->time);
  lk_report_data_summarise_audit (c->data);
  return TRUE;
}

static gboolean
collect_evidence (Collector *c, GError **error)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (c->kase, -1, error);
  g_autoptr(GPtrArray) errors = NULL;

  if (photos == NULL)
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      LkPhoto *p = g_ptr_array_index (photos, i);
      LkReportEvidence *e = lk_report_evidence_new ();

      e->sha256 = g_strdup (p->sha256);
      e->original_name = g_strdup (p->original_name);
      e->original_path = g_strdup (p->original_path);
      e->role = g_strdup (lk_photo_role_to_string (p->role));
      e->imported_at = g_strdup (p->imported_at);
      e->imported_by = g_strdup (p->analyst);
      e->size = p->size;
      e->n_faces = p->n_faces;
      g_ptr_array_add (c->data->evidence, e);
    }
  errors = lk_case_list_import_errors (c->kase, error);
  if (errors == NULL)
    return FALSE;
  for (guint i = 0; i < errors->len; i++)
    {
      LkImportError *e = g_ptr_array_index (errors, i);
      g_ptr_array_add (c->data->import_errors, lk_report_import_error_new (e->time, e->path, e->reason));
    }
  return TRUE;
}

/* The photo, scaled for print and encoded once however many decisions show it. */
static GBytes *
photo_image (Collector *c, gint64 photo_id, int *width, int *height)
{
  g_autofree char *path = NULL;
  g_autoptr(LkImage) image = NULL;
  GBytes *bytes = NULL;
  guint64 size;

  if (g_hash_table_contains (c->photos, &photo_id))
    {
      size = GPOINTER_TO_SIZE (g_hash_table_lookup (c->photo_sizes, &photo_id));
      *width = size >> 32;
      *height = size & 0xffffffff;
      bytes = g_hash_table_lookup (c->photos, &photo_id);
      return bytes ? g_bytes_ref (bytes) : NULL;
    }
  path = lk_case_get_evidence_path (c->kase, photo_id, NULL);
  image = path ? lk_image_load (path, 0, NULL) : NULL;
  if (image != NULL)
    {
      bytes = lk_image_encode_scaled (image, PHOTO_MAX_SIDE, TRUE, NULL);
      *width = lk_image_get_width (image);
      *height = lk_image_get_height (image);
    }
  size = ((guint64) *width << 32) | (guint32) *height;
  g_hash_table_insert (c->photos, g_memdup2 (&photo_id, sizeof photo_id), bytes);
  g_hash_table_insert (c->photo_sizes, g_memdup2 (&photo_id, sizeof photo_id), GSIZE_TO_POINTER (size));
  return bytes ? g_bytes_ref (bytes) : NULL;
}

/* A member that is a number (a quality record read from the case may hold
 * anything: it is only text in a column), in *out when out is not NULL. */
static gboolean
json_number (JsonObject *o, const char *name, double *out)
{
  JsonNode *node = json_object_get_member (o, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  if (out != NULL)
    *out = type == G_TYPE_INT64 ? (double) json_node_get_int (node) : json_node_get_double (node);
  return TRUE;
}

static char *
quality_words (const char *quality_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *o;

  if (quality_json == NULL || !json_parser_load_from_data (parser, quality_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  /* The stored description is in the language of whoever imported the
   * photo; the words are made again from the measurements so they are in
   * the report's language. */
  if (json_number (o, "flags", NULL) && json_number (o, "size_px", NULL))
    {
      double flags = 0, size = 0, yaw = 0;
      LkFaceQuality q = { 0 };

      json_number (o, "flags", &flags);
      json_number (o, "size_px", &size);
      json_number (o, "yaw_degrees", &yaw);
      /* Out of range means the record was not written by the engine. */
      if (flags < 0 || flags > G_MAXINT || size < 0 || size > G_MAXINT || !isfinite (yaw))
        return NULL;
      q.size_px = (int) size;
      q.yaw_degrees = yaw;
      q.flags = (LkQualityFlags) flags;
      return lk_face_quality_describe (&q);
    }
  return json_object_has_member (o, "description") &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "description")) &&
         json_node_get_value_type (json_object_get_member (o, "description")) == G_TYPE_STRING
         ? g_strdup (json_object_get_string_member (o, "description")) : NULL;
}

/* The engine's measurements behind its quality words, for a reader who
 * must judge a "quality insufficient" decision without the workstation. */
static char *
quality_details (const char *quality_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (quality_json == NULL || !json_parser_load_from_data (parser, quality_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (o, "size_px"))
    return NULL;
  return g_strdup_printf (_("face %" PRId64 " px across; sharpness %.0f (variance of the Laplacian); "
                            "brightness %.0f of 255; contrast %.0f; turned about %.0f°"),
                          json_object_get_int_member_with_default (o, "size_px", 0),
                          json_object_get_double_member_with_default (o, "sharpness", 0),
                          json_object_get_double_member_with_default (o, "brightness", 0),
                          json_object_get_double_member_with_default (o, "contrast", 0),
                          json_object_get_double_member_with_default (o, "yaw_degrees", 0));
}

static void
collect_face (Collector *c, gint64 face_id, LkReportFace *out)
{
  g_autoptr(LkCaseFace) face = face_id > 0 ? lk_case_get_face (c->kase, face_id, NULL) : NULL;
  g_autoptr(LkPhoto) photo = NULL;
  g_autoptr(LkVideoStill) still = NULL;

  if (face == NULL)
    return;
  photo = lk_case_get_photo (c->kase, face->photo_id, NULL);
  still = lk_case_get_video_still (c->kase, face->photo_id, NULL);
  if (still != NULL)
    {
      out->video_name = g_steal_pointer (&still->video_name);
      out->video_sha256 = g_steal_pointer (&still->video_sha256);
      out->video_time_ms = still->time_ms;
    }
  out->face_id = face->id;
  out->photo_id = face->photo_id;
  out->photo_name = g_strdup (face->file);
  out->photo_sha256 = photo ? g_strdup (photo->sha256) : NULL;
  out->photo_width = photo ? photo->width : 0;
  out->photo_height = photo ? photo->height : 0;
  out->box_x = face->x;
  out->box_y = face->y;
  out->box_width = face->width;
  out->box_height = face->height;
  out->quality = quality_words (face->quality_json);
  out->quality_details = quality_details (face->quality_json);
  out->chip = lk_case_get_face_chip (c->kase, face_id, NULL);
  out->photo = photo_image (c, face->photo_id, &out->photo_width, &out->photo_height);
}

static void
record_fill (LkReportDecisionRecord *r, const LkDecision *d)
{
  r->id = d->id;
  r->outcome = g_strdup (lk_decision_outcome_to_string (d->outcome));
  r->strength = d->strength && *d->strength ? g_strdup (d->strength) : NULL;
  r->rationale = g_strdup (d->rationale);
  r->analyst = g_strdup (d->analyst);
  r->time = g_strdup (d->decided_at);
  r->supersedes_id = d->supersedes;
  r->person_id = d->person_id;
  r->person_name = g_strdup (d->person_name);
}

/* A decision the verifier names (flagged, or its first bad object) is
 * marked in every format: the report must not present it as sound. */
static void
record_mark (Collector *c, LkReportDecisionRecord *r)
{
  g_autofree char *object = g_strdup_printf ("decision %" PRId64, r->id);

  if (c->audit == NULL || c->audit->ok)
    return;
  if (!lk_audit_report_flags_decision (c->audit, r->id) && g_strcmp0 (c->audit->bad_object, object) != 0)
    return;
  r->integrity_failed = TRUE;
  r->integrity_message = g_strdup (g_strcmp0 (c->audit->bad_object, object) == 0 && c->audit->message
                                   ? c->audit->message
                                   : _("the audit log's check of this decision failed; see Integrity on the cover."));
}

static LkReportDecisionRecord *
record_from (Collector *c, const LkDecision *d)
{
  LkReportDecisionRecord *r = lk_report_decision_record_new ();

  record_fill (r, d);
  record_mark (c, r);
  return r;
}

/* The smallest distance over the person's current reference faces, for a
 * decision on a person the stored candidate list does not hold. */
static gint64
nearest_reference (Collector *c, gint64 probe_id, gint64 person_id, double *distance)
{
  float probe[LK_CASE_DESCRIPTOR_DIM], ref[LK_CASE_DESCRIPTOR_DIM];
  g_autoptr(GArray) refs = lk_case_list_reference_faces (c->kase, person_id, NULL);
  gboolean has_probe = lk_case_get_face_descriptor (c->kase, probe_id, probe, NULL);
  gint64 best = 0;

  *distance = -1;
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      gint64 id = g_array_index (refs, gint64, i);
      double d;

      if (!has_probe || !lk_case_get_face_descriptor (c->kase, id, ref, NULL))
        {
          best = best ? best : id;
          continue;
        }
      d = lk_descriptor_distance (probe, ref);
      if (*distance < 0 || d < *distance)
        {
          *distance = d;
          best = id;
        }
    }
  return best;
}

/* The numbers the decision record keeps (what the software showed when it
 * was recorded, vouched for by the audit chain). */
static void
numbers_from_record (LkReportDecision *dec, const LkDecisionNumbers *n)
{
  LkEvidence evidence = { 0 };

  dec->rank = n->rank;
  dec->has_distance = TRUE;
  dec->distance = n->distance;
  if (!n->has_share)
    {
      dec->strength_words = g_strdup (_("Not estimated: the person was not on the software's candidate list "
                                        "for this face when the decision was recorded; the distance was "
                                        "measured then from the stored descriptors."));
      return;
    }
  dec->has_strength = TRUE;
  dec->impostor_share = n->impostor_share;
  dec->share_extrapolated = n->share_extrapolated;
  dec->expected_lookalikes = n->expected_lookalikes;
  dec->gallery_persons = n->gallery_persons;
  evidence.distance = n->distance;
  evidence.share = n->impostor_share;
  evidence.extrapolated = n->share_extrapolated;
  evidence.expected_lookalikes = n->expected_lookalikes;
  evidence.n_persons = n->gallery_persons;
  dec->strength_words = lk_evidence_describe (&evidence);
}

/* Numbers come from the decision record, never from the candidates table
 * (computed data anyone can rewrite between a decision and a report).  A
 * decision recorded before Likeness kept them gets the distance measured now
 * from the audited descriptors, said so, and no rarity statement. */
static void
collect_numbers (Collector *c, LkReportDecision *dec, gint64 face_id, gint64 person_id)
{
  g_auto(LkDecisionNumbers) numbers = { 0 };
  gint64 reference = 0;

  if (lk_case_get_decision_numbers (c->kase, dec->record.id, &numbers, NULL) && numbers.has_distance)
    {
      reference = numbers.reference_face_id;
      numbers_from_record (dec, &numbers);
    }
  else if (person_id > 0)
    {
      double distance;

      reference = nearest_reference (c, face_id, person_id, &distance);
      dec->has_distance = distance >= 0;
      dec->distance = distance;
      if (dec->has_distance)
        dec->strength_words = g_strdup (_("Not estimated: no numbers were kept with this decision (it was "
                                          "recorded by an earlier version of Likeness); the distance was "
                                          "measured for this report from the stored descriptors."));
    }
  collect_face (c, reference, &dec->candidate);
}

static void
count_outcome (LkReportData *d, LkDecisionOutcome outcome)
{
  switch (outcome)
    {
    case LK_OUTCOME_IDENTIFIED: d->n_identified++; break;
    case LK_OUTCOME_EXCLUDED: d->n_excluded++; break;
    case LK_OUTCOME_INCONCLUSIVE: d->n_inconclusive++; break;
    case LK_OUTCOME_INSUFFICIENT_QUALITY: d->n_insufficient++; break;
    default: break;
    }
}

/* In force, superseded by a later decision, or withdrawn: a withdrawal is
 * a row of its own (outcome "withdrawn") that supersedes the decision it
 * withdraws, and is not counted as a decision. */
static void
count_decisions (LkReportData *data, GPtrArray *all, GHashTable *by_id)
{
  for (guint i = 0; i < all->len; i++)
    {
      LkDecision *d = g_ptr_array_index (all, i);

      if (d->outcome == LK_OUTCOME_WITHDRAWN)
        {
          if (g_hash_table_contains (by_id, &d->supersedes))
            data->n_decisions_withdrawn++;
          continue;
        }
      data->n_decisions_recorded++;
      if (!d->current)
        data->n_decisions_superseded++;
    }
  /* A withdrawn decision was counted as superseded above: it is not. */
  data->n_decisions_superseded -= MIN (data->n_decisions_superseded, data->n_decisions_withdrawn);
}

static int
compare_by_face (gconstpointer a, gconstpointer b)
{
  const LkDecision *x = *(LkDecision * const *) a;
  const LkDecision *y = *(LkDecision * const *) b;

  if (x->face_id != y->face_id)
    return x->face_id < y->face_id ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The identification's verification state, counted for the cover. */
static void
count_verification (Collector *c, gint64 decision_id)
{
  g_autoptr(LkVerificationItem) item = lk_case_get_decision_verification (c->kase, decision_id, NULL);
  LkReportData *d = c->data;

  if (item == NULL)
    d->n_id_unverified++;
  else if (item->state == LK_VERIFICATION_VERIFIED)
    d->n_id_verified++;
  else if (item->state == LK_VERIFICATION_RESOLVED)
    d->n_id_resolved++;
  else if (item->state == LK_VERIFICATION_CONFLICT)
    d->n_id_conflict++;
  else
    d->n_id_pending++;
}

/* The request with both conclusions and both feature comparisons. */
static void
collect_verification_item (Collector *c, LkReportDecision *dec)
{
  g_autofree char *features = lk_case_get_decision_features (c->kase, dec->record.id, NULL);

  dec->verification = lk_case_get_decision_verification (c->kase, dec->record.id, NULL);
  dec->features = features ? lk_features_parse (features, NULL) : NULL;
  if (dec->verification != NULL && dec->verification->verifier_features != NULL)
    dec->verifier_features = lk_features_parse (dec->verification->verifier_features, NULL);
}

static gboolean
collect_decisions (Collector *c, const char *filter, LkReportProgressFunc progress,
                   gpointer user_data, GError **error)
{
  g_autoptr(GPtrArray) all = lk_case_list_decisions (c->kase, 0, FALSE, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      LkDecision *d = g_ptr_array_index (all, i);

      g_hash_table_insert (by_id, &d->id, d);
      if (!d->current)
        continue;
      count_outcome (c->data, d->outcome);
      if (d->outcome == LK_OUTCOME_IDENTIFIED)
        count_verification (c, d->id);
      if (filter == NULL || g_strcmp0 (filter, "all") == 0 ||
          g_strcmp0 (filter, lk_decision_outcome_to_string (d->outcome)) == 0)
        g_ptr_array_add (listed, d);
    }
  count_decisions (c->data, all, by_id);
  /* Face by face, so the decisions on one face read together. */
  g_ptr_array_sort (listed, compare_by_face);
  for (guint i = 0; i < listed->len; i++)
    {
      LkDecision *d = g_ptr_array_index (listed, i);
      LkReportDecision *dec = lk_report_decision_new ();
      gint64 earlier = d->supersedes;

      if (g_cancellable_set_error_if_cancelled (c->cancellable, error))
        {
          lk_report_decision_free (dec);
          return FALSE;
        }
      if (progress != NULL)
        progress (0.3 + 0.6 * i / listed->len, _("Collecting decisions"), user_data);
      record_fill (&dec->record, d);
      record_mark (c, &dec->record);
      collect_face (c, d->face_id, &dec->probe);
      collect_numbers (c, dec, d->face_id, d->person_id);
      collect_verification_item (c, dec);
      /* The chain of decisions this one replaced, oldest first. */
      for (guint guard = 0; earlier > 0 && guard < all->len; guard++)
        {
          LkDecision *old = g_hash_table_lookup (by_id, &earlier);

          if (old == NULL)
            break;
          g_ptr_array_insert (dec->superseded, 0, record_from (c, old));
          earlier = old->supersedes;
        }
      g_ptr_array_add (c->data->decisions, dec);
    }
  return TRUE;
}

LkReportData *
lk_report_collect (LkCase *kase, const LkReportOptions *options, LkFaceEngine *engine,
                   LkReportProgressFunc progress, gpointer user_data,
                   GCancellable *cancellable, GError **error)
{
  g_autoptr(LkReportData) data = lk_report_data_new ();
  g_autoptr(GHashTable) photos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_auto(Collector) c = { kase, data, photos, sizes, cancellable, NULL };

  g_return_val_if_fail (LK_IS_CASE (kase), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lk_report_decision_filter_is_valid (options->decisions))
    {
      g_set_error (error, LK_REPORT_ERROR, LK_REPORT_ERROR_INVALID,
                   _("Unknown decision filter “%s”: use all, identified, excluded, inconclusive "
                     "or insufficient-quality"), options->decisions);
      return NULL;
    }
  g_free (data->decision_filter);
  data->decision_filter = g_strdup (options->decisions ? options->decisions : "all");
  if (progress != NULL)
    progress (0.0, _("Reading the case"), user_data);
  if (!collect_info (&c, error) || !collect_audit (&c, error) || !collect_evidence (&c, error))
    return NULL;
  if (progress != NULL)
    progress (0.05, _("Verifying the audit log and the evidence files"), user_data);
  if (!collect_verification (&c, error))
    return NULL;
  if (progress != NULL)
    progress (0.25, _("Hashing the models"), user_data);
  collect_models (&c, engine);
  data->threshold = LK_MATCH_THRESHOLD;
  data->detection = detection_from_audit (data);
  data->strength_method = strength_method ();
  if (!collect_decisions (&c, options->decisions, progress, user_data, error))
    return NULL;
  if (progress != NULL)
    progress (1.0, _("Case read"), user_data);
  return g_steal_pointer (&data);
}

static char *
export_details (const LkReportOptions *options, const char *path, const char *sha256,
                LkReportData *data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_path_get_basename (path);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, lk_report_format_to_string (options->format));
  json_builder_set_member_name (b, "paper");
  json_builder_add_string_value (b, options->paper == LK_REPORT_PAPER_LETTER ? "letter" : "a4");
  json_builder_set_member_name (b, "decisions");
  json_builder_add_string_value (b, data->decision_filter);
  json_builder_set_member_name (b, "decisions_listed");
  json_builder_add_int_value (b, data->decisions->len);
  json_builder_set_member_name (b, "audit");
  json_builder_add_string_value (b, options->audit == LK_REPORT_AUDIT_SUMMARY ? "summary" : "full");
  json_builder_set_member_name (b, "audit_head");
  json_builder_add_string_value (b, data->audit_head);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

typedef struct {
  LkReportProgressFunc progress;
  gpointer             user_data;
  double               start, span;
} ProgressSpan;

static void
span_progress (double fraction, const char *what, gpointer user_data)
{
  ProgressSpan *span = user_data;

  if (span->progress != NULL)
    span->progress (span->start + span->span * CLAMP (fraction, 0.0, 1.0), what, span->user_data);
}

gboolean
lk_report_export (LkCase *kase, const char *analyst, const LkReportOptions *options,
                  const char *path, LkReportProgressFunc progress, gpointer user_data,
                  GCancellable *cancellable, char **sha256_out, gboolean *out_audited,
                  GError **error)
{
  g_autoptr(LkReportData) data = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *details = NULL;
  ProgressSpan span = { progress, user_data, 0.0, 0.4 };
  gboolean read_only;

  g_return_val_if_fail (LK_IS_CASE (kase), FALSE);
  g_return_val_if_fail (analyst != NULL && *analyst != '\0', FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_audited != NULL)
    *out_audited = FALSE;
  data = lk_report_collect (kase, options, NULL, span_progress, &span, cancellable, error);
  if (data == NULL)
    return FALSE;
  g_free (data->generated_by);
  data->generated_by = g_strdup (analyst);
  read_only = lk_case_is_read_only (kase);
  if (read_only)
    data->export_note = g_strdup_printf (_("This export is not recorded in the case's audit log: "
                                           "the case was open read-only (%s)."),
                                         lk_case_get_read_only_reason (kase));
  span.start = 0.4;
  span.span = 0.55;
  if (!lk_report_render (data, options, path, span_progress, &span, cancellable, &sha256, error))
    return FALSE;
  if (!read_only)
    {
      details = export_details (options, path, sha256, data);
      /* The report exists either way; a failed audit write is reported so
       * the caller can tell the analyst the export is not on record. */
      if (!lk_case_log_event (kase, analyst, "report.export", "case", 0, details, error))
        return FALSE;
      if (out_audited != NULL)
        *out_audited = TRUE;
    }
  if (progress != NULL)
    progress (1.0, _("Report exported"), user_data);
  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha256);
  return TRUE;
}
