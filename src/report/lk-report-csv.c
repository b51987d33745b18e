#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "case/lk-case-video.h"
#include "lk-report.h"

/* RFC 4180: every field quoted, quotes doubled, CRLF line ends.  A field that
 * a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe so a report cannot carry a formula into someone's spreadsheet. */
static void
append_field (GString *line, const char *text, gboolean first)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  if (!first)
    g_string_append_c (line, ',');
  g_string_append_c (line, '"');
  if (strchr ("=+-@\t\r", valid[0]) != NULL && valid[0] != '\0')
    g_string_append_c (line, '\'');
  for (const char *p = valid; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" PRId64, id) : g_strdup ("");
}

static void
append_decision (GString *line, LkReportData *data, LkReportDecision *d, guint index)
{
  g_autofree char *id = id_text (d->record.id);
  g_autofree char *probe = id_text (d->probe.face_id);
  g_autofree char *person = id_text (d->record.person_id);
  g_autofree char *candidate = id_text (d->candidate.face_id);
  g_autofree char *sup = id_text (d->record.supersedes_id);
  g_autofree char *distance = d->has_distance ? g_strdup_printf ("%.6f", d->distance) : g_strdup ("");
  g_autofree char *rank = d->rank > 0 ? g_strdup_printf ("%d", d->rank) : g_strdup ("");
  g_autofree char *share = d->has_strength ? g_strdup_printf ("%.6g", d->impostor_share) : g_strdup ("");
  g_autofree char *extrapolated = d->has_strength ? g_strdup (d->share_extrapolated ? "yes" : "no") : g_strdup ("");
  g_autofree char *lookalikes = d->has_strength ? g_strdup_printf ("%.6g", d->expected_lookalikes) : g_strdup ("");
  g_autofree char *gallery = d->has_strength ? g_strdup_printf ("%u", d->gallery_persons) : g_strdup ("");
  g_autofree char *history = g_strdup_printf ("%u", d->superseded->len);
  g_autofree char *section = g_strdup_printf ("%u", index + 1);
  g_autofree char *probe_time = d->probe.video_name ? lk_format_time_code (d->probe.video_time_ms) : NULL;
  const char *integrity = d->record.integrity_failed ? "failed" : data->audit_ok ? "verified" : "unflagged";
  const LkVerificationItem *v = d->verification;
  const char *fields[] = {
    data->number, id, d->record.time, d->record.analyst, d->record.outcome, d->record.strength,
    d->record.rationale, probe, d->probe.photo_name, d->probe.photo_sha256, person,
    d->record.person_name, candidate, d->candidate.photo_name, d->candidate.photo_sha256,
    distance, rank, d->strength_words, share, extrapolated, lookalikes, gallery, sup, history,
    section, integrity, d->record.integrity_message, lk_report_verification_state (d),
    v ? v->verifier : NULL, v ? v->verifier_outcome : NULL, v ? v->resolution : NULL,
    d->probe.video_name, probe_time,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    append_field (line, fields[i], i == 0);
  g_string_append (line, "\r\n");
}

gboolean
lk_report_write_csv (LkReportData *data, const LkReportOptions *options, GOutputStream *out,
                     GCancellable *cancellable, GError **error)
{
  /* Column names are stable identifiers for other tools: not translated.
   * The software_ prefix marks numbers the software computed, not findings. */
  static const char *header[] = {
    "case_number", "decision_id", "decided_at", "analyst", "outcome", "strength", "rationale",
    "probe_face_id", "probe_photo", "probe_photo_sha256", "person_id", "person_name",
    "candidate_face_id", "candidate_photo", "candidate_photo_sha256",
    "software_distance", "software_rank", "software_strength_words",
    "software_impostor_share", "software_share_extrapolated", "software_expected_lookalikes",
    "software_gallery_persons", "supersedes_decision_id",
    "superseded_count", "report_section", "integrity", "integrity_message",
    "verification_state", "verifier", "verifier_outcome", "verification_resolution",
    "probe_video", "probe_video_time_code",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, header[i]);
    }
  g_string_append (text, "\r\n");
  for (guint i = 0; i < data->decisions->len; i++)
    append_decision (text, data, g_ptr_array_index (data->decisions, i), i);
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
}
