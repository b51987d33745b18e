/* likeness-cli ACE-V commands: analyst add/list/grant, verification
 * request/queue/record/show/list, conflict resolve, chart. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "case/lk-case-verification.h"
#include "report/lk-report-chart.h"
#include "lk-cli.h"

static const char *strengths[] = { "limited", "moderate", "strong", "very-strong", NULL };

/* Parses options and expects n_positional arguments after them. */
static gboolean
parse (const char *usage, const char *summary, GOptionEntry *entries, int *argc, char ***argv, int n_positional,
       int *code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);

  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, argc, argv, code))
    return FALSE;
  if (*argc - 1 != n_positional)
    {
      *code = lk_cli_error (LK_EXIT_USAGE, _("expected %d argument(s) (%s); run with --help"), n_positional,
                            usage ? usage : "");
      return FALSE;
    }
  return TRUE;
}

/* A refused step (a role, a rule of the process) is exit 1; the case is 3. */
static int
fail (const GError *error)
{
  gboolean refused = error->domain == LK_CASE_ERROR &&
                     (error->code == LK_CASE_ERROR_INVALID || error->code == LK_CASE_ERROR_NOT_FOUND);

  return lk_cli_error (refused ? LK_EXIT_FAILURE : LK_EXIT_CASE, "%s", error->message);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  lk_cli_print_json (root);
}

static const char *
analyst_or_default (const char *analyst)
{
  return analyst ? analyst : lk_cli_default_analyst ();
}

/* ---- analyst add / list / grant --------------------------------------------- */

int
lk_cli_analyst_add (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { NULL }
  };

  if (!parse (N_("NAME"), N_("Register an analyst in a case (every analyst is an examiner; a supervisor grants "
                             "the verifier and supervisor roles)."), entries, &argc, &argv, 1, &code) ||
      (kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_add_analyst (kase, argv[1], &error))
    return fail (error);
  printf (_("%s is an analyst of the case.\n"), lk_cli_esc (argv[1]));
  return LK_EXIT_OK;
}

static void
roles_to_json (JsonBuilder *b, LkRole roles)
{
  json_builder_begin_array (b);
  for (LkRole r = LK_ROLE_EXAMINER; r <= LK_ROLE_SUPERVISOR; r <<= 1)
    if (roles & r)
      json_builder_add_string_value (b, lk_role_to_string (r));
  json_builder_end_array (b);
}

static char *
roles_to_text (LkRole roles)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (LkRole r = LK_ROLE_EXAMINER; r <= LK_ROLE_SUPERVISOR; r <<= 1)
    if (roles & r)
      g_ptr_array_add (names, (gpointer) lk_role_to_string (r));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

int
lk_cli_analyst_list (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse (NULL, N_("The analysts of a case and the roles each holds."), entries, &argc, &argv, 0, &code) ||
      (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((list = lk_case_list_analyst_roles (kase, &error)) == NULL)
    return fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          LkAnalyst *a = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, a->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, a->name);
          json_builder_set_member_name (b, "first_seen");
          json_builder_add_string_value (b, a->first_seen);
          json_builder_set_member_name (b, "roles");
          roles_to_json (b, a->roles);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return LK_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      LkAnalyst *a = g_ptr_array_index (list, i);
      g_autofree char *roles = roles_to_text (a->roles);

      printf ("%s\t%s\n", lk_cli_esc (a->name), roles);
    }
  return LK_EXIT_OK;
}

int
lk_cli_analyst_grant (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *role_text = NULL, *reason = NULL, *analyst = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  int code = LK_EXIT_OK;
  LkRole role;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("examiner, verifier or supervisor"), N_("ROLE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the role is granted"), N_("TEXT") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who grants it (a supervisor; default: your name)"),
      N_("NAME") },
    { NULL }
  };

  if (!parse (N_("NAME"), N_("Grant a role to an analyst (audited).  Only a supervisor grants roles; in a case "
                             "without a supervisor, the first grant makes yourself supervisor."),
              entries, &argc, &argv, 1, &code))
    return code;
  if (role_text == NULL || !lk_role_from_string (role_text, &role))
    return lk_cli_error (LK_EXIT_USAGE, _("--role must be examiner, verifier or supervisor"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_grant_role (kase, analyst_or_default (analyst), argv[1], role, reason, &error))
    return fail (error);
  printf (_("%s now holds the %s role.\n"), lk_cli_esc (argv[1]), role_text);
  return LK_EXIT_OK;
}

/* ---- verification ------------------------------------------------------------ */

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_features (JsonBuilder *b, const char *name, const char *features)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (b, name);
  if (features != NULL && json_parser_load_from_data (parser, features, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

static void
conclusion_to_json (JsonBuilder *b, const char *member, const char *analyst, const char *outcome,
                    const char *strength, const char *rationale, const char *features, const char *time_member,
                    const char *time)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string (b, "analyst", analyst);
  add_string (b, "outcome", outcome);
  add_string (b, "strength", strength);
  add_string (b, "rationale", rationale);
  add_features (b, "features", features);
  add_string (b, time_member, time);
  json_builder_end_object (b);
}

/* A blind item holds no member of the examiner's conclusion at all, not even
 * empty ones: what is not there cannot be read by mistake. */
static void
item_to_json (JsonBuilder *b, const LkVerificationItem *item)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, item->id);
  add_string (b, "state", lk_verification_state_to_string (item->state));
  add_string (b, "requested_at", item->requested_at);
  json_builder_set_member_name (b, "face_id");
  json_builder_add_int_value (b, item->face_id);
  json_builder_set_member_name (b, "person_id");
  json_builder_add_int_value (b, item->person_id);
  add_string (b, "person_name", item->person_name);
  json_builder_set_member_name (b, "reference_face_id");
  json_builder_add_int_value (b, item->reference_face_id);
  if (item->examiner != NULL)
    {
      json_builder_set_member_name (b, "decision_id");
      json_builder_add_int_value (b, item->decision_id);
      conclusion_to_json (b, "examiner", item->examiner, item->examiner_outcome, item->examiner_strength,
                          item->examiner_rationale, item->examiner_features, "requested_by", item->requested_by);
    }
  if (item->verifier != NULL)
    conclusion_to_json (b, "verifier", item->verifier, item->verifier_outcome, item->verifier_strength,
                        item->verifier_rationale, item->verifier_features, "recorded_at", item->verified_at);
  if (item->resolution != NULL)
    {
      json_builder_set_member_name (b, "resolution");
      json_builder_begin_object (b);
      add_string (b, "text", item->resolution);
      add_string (b, "supervisor", item->resolved_by);
      add_string (b, "resolved_at", item->resolved_at);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
print_item (const LkVerificationItem *item)
{
  printf (_("Item %" PRId64 " (%s): face %" PRId64 " against %s (person %" PRId64
            "), reference face %" PRId64 "\n"),
          item->id, lk_verification_state_to_string (item->state), item->face_id,
          item->person_name ? lk_cli_esc (item->person_name) : "—", item->person_id, item->reference_face_id);
  if (item->examiner != NULL)
    printf (_("  examiner %s: %s %s — %s\n"), lk_cli_esc (item->examiner), item->examiner_outcome,
            lk_cli_esc (item->examiner_strength ? item->examiner_strength : ""),
            lk_cli_esc (item->examiner_rationale));
  if (item->verifier != NULL)
    printf (_("  verifier %s: %s %s — %s\n"), lk_cli_esc (item->verifier), item->verifier_outcome,
            lk_cli_esc (item->verifier_strength ? item->verifier_strength : ""),
            lk_cli_esc (item->verifier_rationale));
  if (item->resolution != NULL)
    printf (_("  resolved by %s: %s\n"), lk_cli_esc (item->resolved_by), lk_cli_esc (item->resolution));
}

static int
print_items (GPtrArray *items, gboolean json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < items->len; i++)
        item_to_json (b, g_ptr_array_index (items, i));
      json_builder_end_array (b);
      print_json (b);
      return LK_EXIT_OK;
    }
  for (guint i = 0; i < items->len; i++)
    print_item (g_ptr_array_index (items, i));
  if (items->len == 0)
    printf (_("Nothing to verify.\n"));
  return LK_EXIT_OK;
}

int
lk_cli_verification_request (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  gint64 decision = 0, id;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "decision", 0, 0, G_OPTION_ARG_INT64, &decision, N_("The decision to verify"), N_("ID") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who sends it (default: your name)"), N_("NAME") },
    { NULL }
  };

  if (!parse (NULL, N_("Send an identification (or, by case setting, an exclusion) to a second examiner for "
                       "blind verification."), entries, &argc, &argv, 0, &code))
    return code;
  if (decision <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which decision with --decision ID"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if ((id = lk_case_request_verification (kase, analyst_or_default (analyst), decision, &error)) == 0)
    return fail (error);
  printf (_("Sent decision %" PRId64 " for verification (item %" PRId64 ").\n"), decision, id);
  return LK_EXIT_OK;
}

int
lk_cli_verification_queue (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("The verifier (default: your name)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse (NULL, N_("The comparisons waiting for your verification, blind: the probe and the candidate as "
                       "the examiner saw them, nothing of the examiner's conclusion."),
              entries, &argc, &argv, 0, &code) ||
      (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((items = lk_case_list_verification_queue (kase, analyst_or_default (analyst), &error)) == NULL)
    return fail (error);
  return print_items (items, json);
}

int
lk_cli_verification_list (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse (NULL, N_("Every verification item with both conclusions (for supervisors and reports; a "
                       "verifier uses the queue)."), entries, &argc, &argv, 0, &code) ||
      (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((items = lk_case_list_verification_items (kase, &error)) == NULL)
    return fail (error);
  return print_items (items, json);
}

int
lk_cli_verification_show (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVerificationItem) item = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "item", 0, 0, G_OPTION_ARG_INT64, &id, N_("The verification item"), N_("ID") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who looks (default: your name)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse (NULL, N_("One verification item: blind while it waits for a conclusion, both conclusions after."),
              entries, &argc, &argv, 0, &code))
    return code;
  if (id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which item with --item ID"));
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((item = lk_case_get_verification_item (kase, id, analyst_or_default (analyst), &error)) == NULL)
    return fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      item_to_json (b, item);
      print_json (b);
    }
  else
    print_item (item);
  return LK_EXIT_OK;
}

/* Reads a feature comparison file (at most 1 MB: a comparison is small). */
static gboolean
read_features (const char *path, char **out, int *code)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  *out = NULL;
  if (path == NULL)
    return TRUE;
  if (!g_file_get_contents (path, out, &length, &error))
    {
      *code = lk_cli_error (LK_EXIT_FAILURE, "%s", error->message);
      return FALSE;
    }
  if (length > 1024 * 1024)
    {
      g_clear_pointer (out, g_free);
      *code = lk_cli_error (LK_EXIT_FAILURE, _("%s is over 1 MB; a feature comparison is a small JSON file."), path);
      return FALSE;
    }
  return TRUE;
}

int
lk_cli_verification_record (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *outcome_text = NULL, *rationale = NULL;
  g_autofree char *strength = NULL, *features_path = NULL, *features = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVerificationItem) item = NULL;
  LkVerificationState state;
  LkDecisionOutcome outcome;
  gint64 id = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "item", 0, 0, G_OPTION_ARG_INT64, &id, N_("The verification item"), N_("ID") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_text,
      N_("identified, excluded, inconclusive or insufficient-quality"), N_("OUTCOME") },
    { "strength", 0, 0, G_OPTION_ARG_STRING, &strength, N_("limited, moderate, strong or very-strong"),
      N_("LEVEL") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why (required)"), N_("TEXT") },
    { "features", 0, 0, G_OPTION_ARG_FILENAME, &features_path, N_("Your FISWG feature comparison (JSON)"),
      N_("FILE") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("The verifier (default: your name)"), N_("NAME") },
    { NULL }
  };

  if (!parse (NULL, N_("Record your own conclusion on a comparison in your queue; then both conclusions are "
                       "shown."), entries, &argc, &argv, 0, &code))
    return code;
  if (id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which item with --item ID"));
  if (outcome_text == NULL || !lk_decision_outcome_from_string (outcome_text, &outcome) ||
      outcome == LK_OUTCOME_WITHDRAWN)
    return lk_cli_error (LK_EXIT_USAGE, _("--outcome must be identified, excluded, inconclusive or "
                                          "insufficient-quality"));
  if (rationale == NULL || *g_strstrip (rationale) == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("a conclusion needs a rationale: say why with --rationale TEXT"));
  if (outcome == LK_OUTCOME_IDENTIFIED && strength == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("an identification needs a strength: choose one with --strength"));
  if (strength != NULL && !g_strv_contains (strengths, strength))
    return lk_cli_error (LK_EXIT_USAGE, _("--strength must be limited, moderate, strong or very-strong"));
  if (!read_features (features_path, &features, &code) || (kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_record_verification (kase, analyst_or_default (analyst), id, outcome, strength, rationale, features,
                                    &state, &error))
    return fail (error);
  printf (state == LK_VERIFICATION_VERIFIED
            ? _("Recorded. Your conclusion agrees with the examiner's: the decision is verified.\n")
            : _("Recorded. Your conclusion differs from the examiner's: a supervisor resolves the conflict.\n"));
  if ((item = lk_case_get_verification_item (kase, id, analyst_or_default (analyst), &error)) != NULL)
    print_item (item);
  return LK_EXIT_OK;
}

int
lk_cli_conflict_resolve (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *resolution = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "item", 0, 0, G_OPTION_ARG_INT64, &id, N_("The verification item in conflict"), N_("ID") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution, N_("How the conflict is settled, and why"),
      N_("TEXT") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("The supervisor (default: your name)"), N_("NAME") },
    { NULL }
  };

  if (!parse (NULL, N_("Resolve a conflict between examiner and verifier in writing (a supervisor who took no "
                       "part in the comparison); both conclusions are kept."), entries, &argc, &argv, 0, &code))
    return code;
  if (id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which item with --item ID"));
  if (resolution == NULL || *g_strstrip (resolution) == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("write the resolution with --resolution TEXT"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_resolve_conflict (kase, analyst_or_default (analyst), id, resolution, &error))
    return fail (error);
  printf (_("Conflict on item %" PRId64 " resolved.\n"), id);
  return LK_EXIT_OK;
}

int
lk_cli_chart (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *output = NULL, *sha = NULL, *language = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  LkChartFormat format;
  gint64 decision = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "decision", 0, 0, G_OPTION_ARG_INT64, &decision, N_("The decision to chart"), N_("ID") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The chart file, .pdf or .png"), N_("FILE") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who exports it (default: your name)"), N_("NAME") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The chart's language (uk, de, en); default: your locale's"), N_("LANG") },
    { NULL }
  };

  if (!parse (NULL, N_("Export one decision as a comparison chart: the chips side by side with the marked "
                       "features, the overlay and a wipe, the feature table and both conclusions (audited)."),
              entries, &argc, &argv, 0, &code))
    return code;
  if (decision <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which decision with --decision ID"));
  if (output == NULL || !lk_chart_format_from_path (output, &format))
    return lk_cli_error (LK_EXIT_USAGE, _("say where with --output FILE.pdf or FILE.png"));
  if (!lk_cli_use_language (language, &code))
    return code;
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_chart_export (kase, analyst_or_default (analyst), decision, output, format, &sha, &error))
    return error->domain == LK_CASE_ERROR ? fail (error) : lk_cli_error (LK_EXIT_FAILURE, "%s", error->message);
  printf ("%s  %s\n", sha, lk_cli_esc (output));
  return LK_EXIT_OK;
}

int
lk_cli_verification_settings (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *exclusions = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "exclusions", 0, 0, G_OPTION_ARG_STRING, &exclusions,
      N_("yes: exclusions are sent for verification too; no: identifications only"), N_("yes|no") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("The supervisor (default: your name)"), N_("NAME") },
    { NULL }
  };

  if (!parse (NULL, N_("Show or set what this case sends for verification (a supervisor sets it; audited)."),
              entries, &argc, &argv, 0, &code))
    return code;
  if (exclusions != NULL && g_strcmp0 (exclusions, "yes") != 0 && g_strcmp0 (exclusions, "no") != 0)
    return lk_cli_error (LK_EXIT_USAGE, _("--exclusions must be yes or no"));
  if ((kase = lk_cli_open_case (case_dir, exclusions != NULL, &code)) == NULL)
    return code;
  if (exclusions != NULL &&
      !lk_case_set_verify_exclusions (kase, analyst_or_default (analyst), g_str_equal (exclusions, "yes"), &error))
    return fail (error);
  printf (lk_case_get_verify_exclusions (kase)
            ? _("This case sends identifications and exclusions for verification.\n")
            : _("This case sends identifications for verification.\n"));
  return LK_EXIT_OK;
}
