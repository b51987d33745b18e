/* lk-report-words.c — the words every report format shares: isolated case
 * text, readable times, and the audit log in sentences.
 *
 * The PDF and the HTML report print the audit appendix for people; the raw
 * details (JSON) of each entry are only in the JSON report.  The sentences
 * are made here once so both formats say the same. */
#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lk-report-data.h"

#define FSI 0x2068
#define PDI 0x2069

static gboolean
is_embedding_open (gunichar c)
{
  return c >= 0x202A && c <= 0x202E && c != 0x202C;   /* LRE RLE LRO RLO */
}

static gboolean
is_isolate_open (gunichar c)
{
  return c >= 0x2066 && c <= 0x2068;                   /* LRI RLI FSI */
}

/* Drops a closing control with nothing to close (a PDI that would end our
 * own isolate early, letting an override inside the value run on), and
 * closes what the value leaves open, innermost first. */
char *
lk_report_isolate (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL && *text != '\0' ? text : "—", -1);
  GString *out = g_string_new (NULL);
  GString *open = g_string_new (NULL);   /* one byte per open control: 'e' or 'i' */

  g_string_append_unichar (out, FSI);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_embedding_open (c))
        g_string_append_c (open, 'e');
      else if (is_isolate_open (c))
        g_string_append_c (open, 'i');
      else if (c == 0x202C)                            /* PDF closes an embedding */
        {
          if (open->len == 0 || open->str[open->len - 1] != 'e')
            continue;
          g_string_truncate (open, open->len - 1);
        }
      else if (c == PDI)
        {
          /* A PDI closes the innermost isolate and every embedding inside it. */
          const char *last = open->len ? strrchr (open->str, 'i') : NULL;

          if (last == NULL)
            continue;
          g_string_truncate (open, last - open->str);
        }
      g_string_append_unichar (out, c);
    }
  for (gsize i = open->len; i > 0; i--)
    g_string_append_unichar (out, open->str[i - 1] == 'i' ? PDI : 0x202C);
  g_string_append_unichar (out, PDI);
  g_string_free (open, TRUE);
  return g_string_free (out, FALSE);
}

char *
lk_report_time_local (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL && *iso != '\0' ? iso : "—");
  /* The zone is printed with every time: the log may span a change of
   * summer time, and the reader may be elsewhere.  The date in the form of
   * the report's language (07.12.2026 in Ukrainian and German): the reader
   * is a court in that language.
   * Translators: a date and time in the report's audit log, see
   * g_date_time_format(); keep the seconds and the zone (%Z). */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M:%S %Z"));
}

static const struct {
  const char *action;
  const char *words;
} action_words[] = {
  { "case.create", N_("Case created") },
  { "case.edit", N_("Case details changed") },
  { "case.migrate", N_("Case file upgraded") },
  { "case.db", N_("Case database event") },
  { "analyst.add", N_("Analyst added") },
  { "photo.add", N_("Photo imported") },
  { "photo.collage", N_("Photo marked as a collage") },
  { "photo.analyzed", N_("Photo analysed") },
  { "photo.review_note", N_("Photo note written") },
  { "photo.role", N_("Photo role changed") },
  { "face.add", N_("Face added") },
  { "face.not_a_face", N_("Marked as not a face") },
  { "face.restore", N_("Face restored") },
  { "person.add", N_("Person added") },
  { "person.edit", N_("Person changed") },
  { "person.retire", N_("Person retired") },
  { "person.reinstate", N_("Person reinstated") },
  { "reference.link", N_("Reference face linked") },
  { "reference.unlink", N_("Reference face unlinked") },
  { "decision.add", N_("Decision recorded") },
  { "decision.supersede", N_("Decision superseded") },
  { "match.refresh", N_("Candidates computed") },
  { "cluster.split", N_("Face split from a group") },
  { "import.run", N_("Import finished") },
  { "import.error", N_("Import error") },
  { "report.export", N_("Report exported") },
};

const char *
lk_report_audit_action_label (const char *action)
{
  for (gsize i = 0; i < G_N_ELEMENTS (action_words); i++)
    if (g_strcmp0 (action_words[i].action, action) == 0)
      return _(action_words[i].words);
  return action != NULL ? action : "";
}

/* The "new" snapshot of a row entry, or the details object itself. */
static JsonObject *
details_object (JsonParser *parser, const char *details)
{
  JsonObject *root;

  if (details == NULL || !json_parser_load_from_data (parser, details, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (root, "new") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "new")))
    return json_object_get_object_member (root, "new");
  return root;
}

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *o, const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* The person's name as a decision in the report names it (no parsing), else
 * as the log recorded it (person.add / person.edit). */
static char *
person_name (const LkReportData *data, gint64 person_id)
{
  for (guint i = 0; person_id > 0 && i < data->decisions->len; i++)
    {
      LkReportDecision *d = g_ptr_array_index (data->decisions, i);

      if (d->record.person_id == person_id && d->record.person_name != NULL)
        return lk_report_isolate (d->record.person_name);
    }
  for (guint i = data->audit->len; person_id > 0 && i > 0; i--)
    {
      LkReportAuditEntry *e = g_ptr_array_index (data->audit, i - 1);
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *o;

      if (!g_str_has_prefix (e->action ? e->action : "", "person."))
        continue;
      parser = json_parser_new ();
      o = details_object (parser, e->details);
      if (member_int (o, "id") == person_id && member_string (o, "name") != NULL)
        return lk_report_isolate (member_string (o, "name"));
    }
  return person_id > 0 ? g_strdup_printf (_("person %" PRId64), person_id) : NULL;
}

static char *
decision_summary (const LkReportData *data, JsonObject *o, gboolean superseded)
{
  const char *outcome = member_string (o, "outcome");
  const char *strength = member_string (o, "strength");
  g_autofree char *person = person_name (data, member_int (o, "person_id"));
  g_autofree char *strength_words = strength && *strength
    ? g_strdup_printf (_(" (strength %s)"), strength) : g_strdup ("");
  g_autofree char *face = g_strdup_printf (_("face %" PRId64), member_int (o, "face_id"));

  if (superseded)
    return g_strdup_printf (_("decision %" PRId64 " (%s) was replaced by decision %" PRId64),
                            member_int (o, "id"), lk_report_outcome_label (outcome),
                            member_int (o, "superseded_by"));
  if (g_strcmp0 (outcome, "withdrawn") == 0)
    return g_strdup_printf (_("withdrew decision %" PRId64 " on %s"), member_int (o, "supersedes"), face);
  if (g_strcmp0 (outcome, "identified") == 0)
    return g_strdup_printf (_("%s identified as %s%s"), face, person ? person : "—", strength_words);
  if (g_strcmp0 (outcome, "excluded") == 0)
    return g_strdup_printf (_("%s: %s excluded%s"), face, person ? person : "—", strength_words);
  if (g_strcmp0 (outcome, "inconclusive") == 0)
    return g_strdup_printf (_("%s compared with %s: inconclusive%s"), face, person ? person : "—", strength_words);
  if (g_strcmp0 (outcome, "insufficient-quality") == 0)
    return g_strdup_printf (_("%s: quality insufficient to compare"), face);
  return g_strdup_printf ("%s: %s", face, lk_report_outcome_label (outcome));
}

static char *
row_summary (const LkReportData *data, const char *action, JsonObject *o)
{
  g_autofree char *name = NULL;

  if (g_str_has_prefix (action, "decision."))
    return decision_summary (data, o, g_strcmp0 (action, "decision.supersede") == 0);
  if (g_str_has_prefix (action, "photo."))
    {
      name = lk_report_isolate (member_string (o, "original_name"));
      if (g_strcmp0 (action, "photo.add") == 0)
        return g_strdup_printf (_("imported %s photo %s"), member_string (o, "role") ? member_string (o, "role") : "",
                                name);
      return g_strdup_printf (_("photo %s"), name);
    }
  if (g_str_has_prefix (action, "person."))
    return lk_report_isolate (member_string (o, "name"));   /* the name at the time */
  if (g_str_has_prefix (action, "reference."))
    {
      name = person_name (data, member_int (o, "person_id"));
      return g_strdup_printf (_("face %" PRId64 " as a reference of %s"), member_int (o, "face_id"),
                              name ? name : "—");
    }
  if (g_str_has_prefix (action, "face."))
    return g_strdup_printf (_("face %" PRId64 " in photo %" PRId64),
                            member_int (o, "id"), member_int (o, "photo_id"));
  if (g_strcmp0 (action, "analyst.add") == 0 || g_strcmp0 (action, "case.create") == 0 ||
      g_strcmp0 (action, "case.edit") == 0)
    {
      const char *text = member_string (o, "name") ? member_string (o, "name") : member_string (o, "title");
      return text ? lk_report_isolate (text) : g_strdup ("");
    }
  if (g_strcmp0 (action, "import.error") == 0)
    {
      name = lk_report_isolate (member_string (o, "path"));
      return g_strdup_printf (_("%s was not imported"), name);
    }
  return NULL;
}

static char *
event_summary (const char *action, JsonObject *o)
{
  g_autofree char *file = NULL;

  if (g_strcmp0 (action, "report.export") == 0)
    {
      file = lk_report_isolate (member_string (o, "file"));
      return g_strdup_printf (_("%s report %s"), member_string (o, "format") ? member_string (o, "format") : "", file);
    }
  if (g_strcmp0 (action, "import.run") == 0)
    return g_strdup_printf (_("%" PRId64 " %s photos imported"), member_int (o, "imported"),
                            member_string (o, "role") ? member_string (o, "role") : "");
  return NULL;
}

char *
lk_report_audit_summary (const LkReportData *data, const LkReportAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  char *words;

  g_return_val_if_fail (data != NULL && entry != NULL, NULL);
  o = details_object (parser, entry->details);
  if (o == NULL || entry->action == NULL)
    return g_strdup ("");
  words = row_summary (data, entry->action, o);
  if (words == NULL)
    words = event_summary (entry->action, o);
  return words ? words : g_strdup ("");
}

char *
lk_report_join_isolated (char **values)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *one = lk_report_isolate (values[i]);

      g_string_append_printf (s, "%s%s", i ? ", " : "", one);
    }
  return g_string_free (s, FALSE);
}

char *
lk_report_count_current (const LkReportData *d)
{
  return g_strdup_printf (_("%u — identified %u · excluded %u · inconclusive %u · quality insufficient %u"),
                          d->n_decisions_current, d->n_identified, d->n_excluded, d->n_inconclusive,
                          d->n_insufficient);
}

char *
lk_report_count_recorded (const LkReportData *d)
{
  return g_strdup_printf (_("%u — %u in force, %u superseded by a later decision, %u withdrawn"),
                          d->n_decisions_recorded, d->n_decisions_current, d->n_decisions_superseded,
                          d->n_decisions_withdrawn);
}

char *
lk_report_count_listed (const LkReportData *d)
{
  guint n = d->decisions->len;
  gboolean all = d->decision_filter == NULL || g_strcmp0 (d->decision_filter, "all") == 0;
  g_autofree char *which = all ? g_strdup (_("every decision in force"))
    : g_strdup_printf (_("the decisions in force with the outcome “%s”"),
                       lk_report_outcome_label (d->decision_filter));

  if (n == 0)
    return g_strdup_printf (_("none (the report lists %s)"), which);
  if (n == 1)
    return g_strdup_printf (_("1, numbered 1 below: %s"), which);
  return g_strdup_printf (_("%u, numbered 1 to %u below: %s"), n, n, which);
}
