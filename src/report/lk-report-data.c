#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "case/lk-case-video.h"
#include "lk-report-data.h"
#include "match/lk-number.h"

static void
report_face_clear (LkReportFace *face)
{
  g_clear_pointer (&face->photo_name, g_free);
  g_clear_pointer (&face->photo_sha256, g_free);
  g_clear_pointer (&face->chip, g_bytes_unref);
  g_clear_pointer (&face->photo, g_bytes_unref);
  g_clear_pointer (&face->quality, g_free);
  g_clear_pointer (&face->quality_details, g_free);
  g_clear_pointer (&face->video_name, g_free);
  g_clear_pointer (&face->video_sha256, g_free);
}

char *
lk_report_face_video_words (const LkReportFace *face)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  if (face->video_name == NULL)
    return NULL;
  code = lk_format_time_code (face->video_time_ms);
  name = lk_report_isolate (face->video_name);
  /* Translators: a video file name and the time code of a frame in it. */
  return g_strdup_printf (_("%s at %s"), name, code);
}

static void
decision_record_clear (LkReportDecisionRecord *record)
{
  g_clear_pointer (&record->outcome, g_free);
  g_clear_pointer (&record->strength, g_free);
  g_clear_pointer (&record->rationale, g_free);
  g_clear_pointer (&record->analyst, g_free);
  g_clear_pointer (&record->time, g_free);
  g_clear_pointer (&record->person_name, g_free);
  g_clear_pointer (&record->integrity_message, g_free);
}

LkReportDecisionRecord *
lk_report_decision_record_new (void)
{
  return g_new0 (LkReportDecisionRecord, 1);
}

void
lk_report_decision_record_free (LkReportDecisionRecord *record)
{
  if (record == NULL)
    return;
  decision_record_clear (record);
  g_free (record);
}

LkReportDecision *
lk_report_decision_new (void)
{
  LkReportDecision *decision = g_new0 (LkReportDecision, 1);

  decision->superseded = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_report_decision_record_free);
  return decision;
}

void
lk_report_decision_free (LkReportDecision *decision)
{
  if (decision == NULL)
    return;
  decision_record_clear (&decision->record);
  report_face_clear (&decision->probe);
  report_face_clear (&decision->candidate);
  g_free (decision->strength_words);
  g_ptr_array_unref (decision->superseded);
  g_clear_pointer (&decision->verification, lk_verification_item_free);
  g_clear_pointer (&decision->features, lk_features_free);
  g_clear_pointer (&decision->verifier_features, lk_features_free);
  g_free (decision);
}

static void
model_free (LkReportModel *model)
{
  g_free (model->role);
  g_free (model->id);
  g_free (model->file);
  g_free (model->sha256);
  g_free (model);
}

LkReportModel *
lk_report_model_new (const char *role, const char *id, const char *file, const char *sha256)
{
  LkReportModel *model = g_new0 (LkReportModel, 1);

  model->role = g_strdup (role);
  model->id = g_strdup (id);
  model->file = g_strdup (file);
  model->sha256 = g_strdup (sha256);
  return model;
}

static void
evidence_free (LkReportEvidence *evidence)
{
  g_free (evidence->sha256);
  g_free (evidence->original_name);
  g_free (evidence->original_path);
  g_free (evidence->role);
  g_free (evidence->imported_at);
  g_free (evidence->imported_by);
  g_free (evidence);
}

LkReportEvidence *
lk_report_evidence_new (void)
{
  return g_new0 (LkReportEvidence, 1);
}

static void
import_error_free (LkReportImportError *error)
{
  g_free (error->time);
  g_free (error->file);
  g_free (error->message);
  g_free (error);
}

LkReportImportError *
lk_report_import_error_new (const char *time, const char *file, const char *message)
{
  LkReportImportError *error = g_new0 (LkReportImportError, 1);

  error->time = g_strdup (time);
  error->file = g_strdup (file);
  error->message = g_strdup (message);
  return error;
}

static void
audit_entry_free (LkReportAuditEntry *entry)
{
  g_free (entry->time);
  g_free (entry->analyst);
  g_free (entry->action);
  g_free (entry->object);
  g_free (entry->details);
  g_free (entry->hash);
  g_free (entry);
}

LkReportAuditEntry *
lk_report_audit_entry_new (void)
{
  return g_new0 (LkReportAuditEntry, 1);
}

static void
count_free (LkReportCount *count)
{
  g_free (count->key);
  g_free (count);
}

LkReportData *
lk_report_data_new (void)
{
  LkReportData *data = g_new0 (LkReportData, 1);

  data->models = g_ptr_array_new_with_free_func ((GDestroyNotify) model_free);
  data->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_report_decision_free);
  data->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  data->import_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) import_error_free);
  data->audit = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_entry_free);
  data->audit_by_action = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  data->audit_by_analyst = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  data->threshold = 0.6;
  data->audit_ok = TRUE;
  data->evidence_ok = TRUE;
  data->decision_filter = g_strdup ("all");
  return data;
}

void
lk_report_data_free (LkReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->number);
  g_free (data->description);
  g_strfreev (data->analysts);
  g_free (data->created);
  g_free (data->modified);
  g_free (data->generated);
  g_free (data->generated_by);
  g_free (data->software);
  g_free (data->decision_filter);
  g_free (data->export_note);
  g_free (data->audit_head);
  g_free (data->audit_message);
  g_free (data->evidence_message);
  g_free (data->detection);
  g_free (data->strength_method);
  g_ptr_array_unref (data->models);
  g_ptr_array_unref (data->decisions);
  g_ptr_array_unref (data->evidence);
  g_ptr_array_unref (data->import_errors);
  g_ptr_array_unref (data->audit);
  g_ptr_array_unref (data->audit_by_action);
  g_ptr_array_unref (data->audit_by_analyst);
  g_free (data);
}

static int
compare_counts (gconstpointer a, gconstpointer b)
{
  const LkReportCount *x = *(LkReportCount * const *) a;
  const LkReportCount *y = *(LkReportCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static void
fill_counts (GPtrArray *out, GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;

  g_ptr_array_set_size (out, 0);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LkReportCount *count = g_new0 (LkReportCount, 1);

      count->key = g_strdup (key);
      count->count = GPOINTER_TO_UINT (value);
      g_ptr_array_add (out, count);
    }
  g_ptr_array_sort (out, compare_counts);
}

void
lk_report_data_summarise_audit (LkReportData *data)
{
  g_autoptr(GHashTable) by_action = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_analyst = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (data != NULL);

  for (guint i = 0; i < data->audit->len; i++)
    {
      LkReportAuditEntry *entry = g_ptr_array_index (data->audit, i);
      const char *action = entry->action ? entry->action : "";
      const char *analyst = entry->analyst ? entry->analyst : "";

      g_hash_table_insert (by_action, (gpointer) action,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_action, action)) + 1));
      g_hash_table_insert (by_analyst, (gpointer) analyst,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_analyst, analyst)) + 1));
    }
  fill_counts (data->audit_by_action, by_action);
  fill_counts (data->audit_by_analyst, by_analyst);
}

const char *
lk_report_outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "identified") == 0)
    return _("Identified");
  if (g_strcmp0 (outcome, "excluded") == 0)
    return _("Excluded");
  if (g_strcmp0 (outcome, "inconclusive") == 0)
    return _("Inconclusive");
  if (g_strcmp0 (outcome, "insufficient-quality") == 0)
    return _("Quality insufficient");
  /* An outcome this version does not know is printed as stored, never reworded. */
  return outcome != NULL ? outcome : "";
}

/* n rounded to two significant digits, with thousands separators: "8,300". */
static char *
rarity_words (double n)
{
  double scale = 1;
  double rounded;

  while (n / scale >= 100)
    scale *= 10;
  rounded = MIN (floor (n / scale + 0.5) * scale, 1e18);
  return lk_number_grouped (rounded);
}

char *
lk_report_decision_share_text (const LkReportDecision *decision)
{
  g_autofree char *rarity = NULL, *percent = NULL;
  double share;

  g_return_val_if_fail (decision != NULL, NULL);
  if (!decision->has_strength)
    return NULL;
  share = decision->impostor_share;
  if (share <= 0)
    /* xgettext:no-c-format */
    return g_strdup (_("0% of different-person pairs"));
  rarity = rarity_words (1.0 / share);
  percent = lk_number_significant (share * 100.0, 3);
  /* Translators: a share of different-person pairs, then its rarity ("1 in 8,300") */
  return g_strdup_printf (decision->share_extrapolated
                          ? _("%s%% of different-person pairs were this close or closer (about 1 in %s; extrapolated beyond the measured pairs)")
                          : _("%s%% of different-person pairs were this close or closer (about 1 in %s)"),
                          percent, rarity);
}

char *
lk_report_decision_lookalike_text (const LkReportDecision *decision)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (decision != NULL, NULL);
  if (!decision->has_strength || decision->gallery_persons == 0)
    return NULL;
  number = lk_number_significant (decision->expected_lookalikes, 2);
  return g_strdup_printf (_("about %s of %u gallery persons would look this similar by chance"),
                          number, decision->gallery_persons);
}

char *
lk_report_decision_about (const LkReportDecision *decision)
{
  g_return_val_if_fail (decision != NULL, NULL);
  if (decision->record.person_id == 0 &&
      (decision->record.person_name == NULL || *decision->record.person_name == '\0'))
    return g_strdup_printf (g_strcmp0 (decision->record.outcome, "insufficient-quality") == 0
                            ? _("Probe face #%" PRId64 "; its quality was judged insufficient to "
                                "compare it with anyone")
                            : _("Probe face #%" PRId64 "; the decision names no person"),
                            decision->probe.face_id);
  {
    g_autofree char *name = lk_report_isolate (decision->record.person_name);

    if (g_strcmp0 (decision->record.outcome, "insufficient-quality") == 0)
      return g_strdup_printf (_("Probe face #%" PRId64 "; its quality was judged insufficient to "
                                "compare it with %s"), decision->probe.face_id, name);
    return g_strdup_printf (_("Probe face #%" PRId64 " compared with %s"),
                            decision->probe.face_id, name);
  }
}

const char *
lk_report_verification_state (const LkReportDecision *dec)
{
  if (dec->verification == NULL)
    return "unverified";
  return lk_verification_state_to_string (dec->verification->state);
}

char *
lk_report_verification_words (const LkReportDecision *dec)
{
  const LkVerificationItem *v = dec->verification;
  g_autofree char *verifier = NULL, *conclusion = NULL;

  if (v == NULL)
    return g_strdup (g_strcmp0 (dec->record.outcome, "identified") == 0
                       ? _("Not verified: no second examiner has checked this identification.")
                       : _("Not sent for verification."));
  if (v->verifier == NULL)
    return g_strdup (_("Verification pending: sent to a second examiner, who has not yet recorded a "
                       "conclusion."));
  verifier = lk_report_isolate (v->verifier);
  conclusion = g_strdup_printf ("%s%s%s", lk_report_outcome_label (v->verifier_outcome),
                                v->verifier_strength && *v->verifier_strength ? ", " : "",
                                v->verifier_strength ? v->verifier_strength : "");
  switch (v->state)
    {
    case LK_VERIFICATION_VERIFIED:
      return g_strdup_printf (_("Verified by %s, who reached the same conclusion independently (%s)."), verifier,
                              conclusion);
    case LK_VERIFICATION_CONFLICT:
      return g_strdup_printf (_("Conflict: the verifier %s concluded %s. A supervisor has not yet resolved it."),
                              verifier, conclusion);
    case LK_VERIFICATION_RESOLVED:
      {
        g_autofree char *supervisor = lk_report_isolate (v->resolved_by);

        return g_strdup_printf (_("Conflict resolved by %s: the verifier %s had concluded %s. Both "
                                  "conclusions are kept."), supervisor, verifier, conclusion);
      }
    case LK_VERIFICATION_PENDING:
    default:
      return g_strdup (_("Verification pending."));
    }
}

char *
lk_report_verification_counts (const LkReportData *d)
{
  if (d->n_identified == 0)
    return g_strdup (_("No identification is in force."));
  return g_strdup_printf (_("%u of %u identifications verified by a second examiner (%u after a resolved "
                            "conflict); %u in conflict; %u waiting for a verifier; %u not sent for verification."),
                          d->n_id_verified + d->n_id_resolved, d->n_identified, d->n_id_resolved, d->n_id_conflict,
                          d->n_id_pending, d->n_id_unverified);
}
