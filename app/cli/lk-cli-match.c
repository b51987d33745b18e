/* likeness-cli match, candidates, clusters, decide, decisions, undo,
 * name-cluster, split-cluster — candidate lists and the analyst's decisions. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "case/lk-case-match.h"
#include "case/lk-case-verification.h"
#include "lk-cli.h"
#include "match/lk-match-error.h"
#include "match/lk-matcher.h"

/* The verbal scale of --strength (the Review view offers the same words). */
static const char * const strengths[] = { "limited", "moderate", "strong", "very-strong", NULL };

static int
exit_code_for (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return LK_EXIT_CANCELLED;
  if (error->domain == LK_CASE_ERROR &&
      (error->code == LK_CASE_ERROR_NOT_FOUND || error->code == LK_CASE_ERROR_INVALID))
    return LK_EXIT_FAILURE;
  if (error->domain == LK_CASE_ERROR)
    return LK_EXIT_CASE;
  return LK_EXIT_FAILURE;
}

static int
fail (const GError *error)
{
  /* An interrupted command says so once, in lk_cli_interrupt_end(). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return LK_EXIT_CANCELLED;
  return lk_cli_error (exit_code_for (error), "%s", error->message);
}

/* ---- match ---------------------------------------------------------------- */

static void
match_progress (const char *stage, guint done, guint total, gpointer user_data)
{
  gboolean *tty = user_data;

  if (g_strcmp0 (stage, "searching") == 0)
    fprintf (stderr, _("%ssearching: %u of %u faces%s"), *tty ? "\r" : "", done, total,
             *tty && done < total ? "" : "\n");
  else
    /* Translators: the stage is "loading", "clustering" or "saving". */
    fprintf (stderr, _("%s…\n"), g_strcmp0 (stage, "loading") == 0 ? _("loading")
                               : g_strcmp0 (stage, "clustering") == 0 ? _("clustering")
                               : _("saving"));
}

static void
print_match_summary (const LkMatchSummary *s)
{
  printf (_("Candidate lists for %u probe faces: %u searched, %u updated with new reference faces, "
            "%u unchanged, %u dropped.\n"), s->n_probes, s->n_searched, s->n_merged, s->n_unchanged,
          s->n_cleared);
  printf (_("Gallery: %u persons with %u reference faces (model %s).\n"), s->n_persons,
          s->n_references, s->model_id);
  printf (s->impostor_source == LK_IMPOSTOR_SOURCE_CASE
          ? _("Evidence strength from %zu different-person pairs of this case.\n")
          : _("Evidence strength from the built-in table (%zu measured pairs): "
              "this case has too few pairs of its own.\n"), s->impostor_pairs);
  printf (_("Clusters of unknown faces: %u (%u faces).\n"), s->n_clusters, s->n_clustered_faces);
  if (s->n_skipped_model > 0)
    printf (_("Left out: %u faces described with another model; describe them again to include them.\n"),
            s->n_skipped_model);
}

int
lk_cli_match (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *linkage = NULL;
  int k = LK_MATCH_DEFAULT_K, threads = 0, code = LK_EXIT_OK;
  double threshold = LK_CLUSTER_DEFAULT_THRESHOLD;
  gboolean full = FALSE, tty = isatty (fileno (stderr));
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Persons per list (default 20)"), N_("N") },
    { "cluster-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Distance under which unknown faces are grouped (default 0.55)"), N_("D") },
    { "linkage", 0, 0, G_OPTION_ARG_STRING, &linkage, N_("Clustering: average (default) or complete"), N_("L") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Recompute every list, not only what changed"), NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Search threads (default: one per core)"), N_("N") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who runs it (default: your name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  LkMatchSettings settings = LK_MATCH_SETTINGS_INIT;
  LkMatchSummary summary = { 0 };

  g_option_context_set_summary (context, _("Compute or refresh the candidate list of every probe face and "
                                           "the clusters of unknown faces.  Only what changed is recomputed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (k < 1 || k > 1000)
    return lk_cli_error (LK_EXIT_USAGE, _("--k must be between 1 and 1000"));
  if (!(threshold > 0 && threshold < 2))
    return lk_cli_error (LK_EXIT_USAGE, _("--cluster-threshold must be between 0 and 2"));
  if (linkage != NULL && g_strcmp0 (linkage, "average") != 0 && g_strcmp0 (linkage, "complete") != 0)
    return lk_cli_error (LK_EXIT_USAGE, _("--linkage must be “average” or “complete”"));
  if (threads < 0 || threads > 64)
    return lk_cli_error (LK_EXIT_USAGE, _("--threads must be between 0 and 64"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;

  settings.k = k;
  settings.cluster_threshold = threshold;
  settings.cluster_linkage = g_strcmp0 (linkage, "complete") == 0 ? LK_LINKAGE_COMPLETE : LK_LINKAGE_AVERAGE;
  settings.n_threads = threads;
  settings.full = full;
  if (!lk_matcher_refresh (kase, analyst ? analyst : lk_cli_default_analyst (), &settings,
                           match_progress, &tty, &summary, lk_cli_cancellable (), &error))
    return fail (error);
  print_match_summary (&summary);
  lk_match_summary_clear (&summary);
  return LK_EXIT_OK;
}

/* ---- candidates ------------------------------------------------------------ */

static void
print_candidates_text (GPtrArray *list, gint64 face_id)
{
  if (list->len == 0)
    {
      printf (_("Face %" PRId64 " has no candidate list yet: run “likeness-cli match”.\n"), face_id);
      return;
    }
  /* Translators: column headings of the candidate list. */
  printf ("%-4s %-8s %-28s %-8s %-9s %s\n", _("rank"), _("person"), _("name"), _("distance"),
          _("reference"), _("notes"));
  for (guint i = 0; i < list->len; i++)
    {
      LkCandidate *c = list->pdata[i];
      g_autoptr(GString) notes = g_string_new (NULL);
      g_autofree char *distance = c->distance >= 0 ? g_strdup_printf ("%.4f", c->distance) : g_strdup ("—");

      if (c->decision != NULL)
        g_string_append_printf (notes, "[%s] ", lk_cli_esc (c->decision));
      if (c->same_photo_face_id > 0)
        g_string_append_printf (notes, _("[identified on face %" PRId64 " of this photo] "),
                                c->same_photo_face_id);
      if (c->pinned)
        g_string_append (notes, _("[outside the top list] "));
      if (c->above_threshold)
        g_string_append (notes, _("[over 0.6] "));
      printf ("%-4d %-8" PRId64 " %-28s %-8s %-9" PRId64 " %s\n", c->rank, c->person_id,
              lk_cli_esc (c->person_name), distance, c->reference_face_id, notes->str);
      if (c->evidence_text != NULL)
        printf ("     %s\n", lk_cli_esc (c->evidence_text));
    }
}

int
lk_cli_candidates (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  gint64 face_id = 0;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "face", 0, 0, G_OPTION_ARG_INT64, &face_id, N_("The probe face"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array ordered by rank"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("The ranked candidates proposed for one probe face, with the "
                                           "decisions recorded and the evidence strength.  The software "
                                           "proposes; a person decides."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (face_id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which face with --face ID"));
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  list = lk_matcher_list_candidates (kase, face_id, &error);
  if (list == NULL)
    return fail (error);
  if (json)
    {
      g_autofree char *text = lk_candidates_to_json (list);
      g_autofree char *safe = lk_cli_json_safe (text);

      printf ("%s\n", safe);
    }
  else
    print_candidates_text (list, face_id);
  return LK_EXIT_OK;
}

/* ---- clusters -------------------------------------------------------------- */

int
lk_cli_clusters (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of {id, faces}"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_option_context_set_summary (context, _("Groups of unknown probe faces that probably show the same "
                                           "person (computed by “likeness-cli match”)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((clusters = lk_case_list_clusters (kase, &error)) == NULL)
    return fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *cl = clusters->pdata[i];

      if (!json)
        printf (g_dngettext (GETTEXT_PACKAGE, "cluster %" PRId64 " (%u face):",
                             "cluster %" PRId64 " (%u faces):", cl->face_ids->len),
                cl->id, cl->face_ids->len);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, cl->id);
      json_builder_set_member_name (b, "faces");
      json_builder_begin_array (b);
      for (guint j = 0; j < cl->face_ids->len; j++)
        {
          json_builder_add_int_value (b, g_array_index (cl->face_ids, gint64, j));
          if (!json)
            printf (" %" PRId64, g_array_index (cl->face_ids, gint64, j));
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!json)
        printf ("\n");
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    lk_cli_print_json (root);
  else if (clusters->len == 0)
    printf (_("No clusters: run “likeness-cli match” first, or every probe face is identified.\n"));
  return LK_EXIT_OK;
}

/* ---- decide ------------------------------------------------------------------ */

int
lk_cli_decide (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *outcome_text = NULL, *rationale = NULL;
  g_autofree char *strength = NULL, *analyst = NULL, *features_path = NULL, *features = NULL;
  gint64 face_id = 0, person_id = 0, id;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "face", 0, 0, G_OPTION_ARG_INT64, &face_id, N_("The probe face"), N_("ID") },
    { "person", 0, 0, G_OPTION_ARG_INT64, &person_id, N_("The candidate person"), N_("PID") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_text,
      N_("identified, excluded, inconclusive or insufficient-quality"), N_("OUTCOME") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why (required)"), N_("TEXT") },
    { "strength", 0, 0, G_OPTION_ARG_STRING, &strength,
      N_("limited, moderate, strong or very-strong"), N_("LEVEL") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who decides (default: your name)"), N_("NAME") },
    { "features", 0, 0, G_OPTION_ARG_FILENAME, &features_path, N_("The FISWG feature comparison (JSON)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  LkDecisionOutcome outcome;

  g_option_context_set_summary (context, _("Record a decision about a probe face and a person, with a "
                                           "rationale.  A newer decision supersedes the older one; "
                                           "nothing is deleted."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (face_id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which face with --face ID"));
  if (outcome_text == NULL || !lk_decision_outcome_from_string (outcome_text, &outcome) ||
      outcome == LK_OUTCOME_WITHDRAWN)
    return lk_cli_error (LK_EXIT_USAGE, _("--outcome must be identified, excluded, inconclusive or "
                                          "insufficient-quality"));
  if (person_id <= 0 && outcome != LK_OUTCOME_INSUFFICIENT_QUALITY)
    return lk_cli_error (LK_EXIT_USAGE, _("say which person with --person PID"));
  if (rationale == NULL || *g_strstrip (rationale) == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("a decision needs a rationale: say why with --rationale TEXT"));
  if (strength != NULL && !g_strv_contains (strengths, strength))
    return lk_cli_error (LK_EXIT_USAGE, _("--strength must be limited, moderate, strong or very-strong"));
  /* No default strength: an identification records the support the analyst weighed. */
  if (outcome == LK_OUTCOME_IDENTIFIED && strength == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("an identification needs the strength of support you weighed: "
                                          "add --strength limited, moderate, strong or very-strong"));
  if (features_path != NULL && !g_file_get_contents (features_path, &features, NULL, &error))
    return lk_cli_error (LK_EXIT_FAILURE, "%s", error->message);
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  id = lk_case_add_decision_with_features (kase, analyst ? analyst : lk_cli_default_analyst (), face_id,
                                           person_id, outcome, strength, rationale, features, &error);
  if (id == 0)
    return fail (error);
  printf (_("Recorded decision %" PRId64 ".\n"), id);
  return LK_EXIT_OK;
}

/* ---- decisions --------------------------------------------------------------- */

static void
decision_to_json (JsonBuilder *b, const LkDecision *d)
{
  json_builder_begin_object (b);
#define MEMBER(name, kind, value) json_builder_set_member_name (b, name); json_builder_add_##kind##_value (b, value)
  MEMBER ("id", int, d->id);
  MEMBER ("face_id", int, d->face_id);
  json_builder_set_member_name (b, "person_id");
  if (d->person_id > 0)
    json_builder_add_int_value (b, d->person_id);
  else
    json_builder_add_null_value (b);
  MEMBER ("person_name", string, d->person_name != NULL ? d->person_name : "");
  MEMBER ("outcome", string, lk_decision_outcome_to_string (d->outcome));
  MEMBER ("strength", string, d->strength);
  MEMBER ("rationale", string, d->rationale);
  MEMBER ("analyst", string, d->analyst);
  MEMBER ("decided_at", string, d->decided_at);
  json_builder_set_member_name (b, "supersedes");
  if (d->supersedes > 0)
    json_builder_add_int_value (b, d->supersedes);
  else
    json_builder_add_null_value (b);
  /* A withdrawal record is never itself a current decision. */
  MEMBER ("current", boolean, d->current && d->outcome != LK_OUTCOME_WITHDRAWN);
#undef MEMBER
  json_builder_end_object (b);
}

int
lk_cli_decisions (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  gint64 face_id = 0;
  gboolean json = FALSE, all = FALSE;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "face", 0, 0, G_OPTION_ARG_INT64, &face_id, N_("Only this face"), N_("ID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include superseded decisions (the history)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_option_context_set_summary (context, _("The decisions recorded in the case (current ones; --all for "
                                           "the full history)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if ((list = lk_case_list_decisions (kase, face_id, !all, &error)) == NULL)
    return fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      LkDecision *d = list->pdata[i];

      decision_to_json (b, d);
      if (!json)
        printf ("%" PRId64 "\t%s %" PRId64 "\t%s\t%s (%" PRId64 ")\t%s\t%s, %s%s\n",
                d->id, _("face"), d->face_id, lk_decision_outcome_to_string (d->outcome),
                d->person_name != NULL ? lk_cli_esc (d->person_name) : "—", d->person_id,
                lk_cli_esc (d->rationale), lk_cli_esc (d->analyst),
                d->decided_at, d->current && d->outcome != LK_OUTCOME_WITHDRAWN ? "" : _(" [superseded]"));
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    lk_cli_print_json (root);
  else if (list->len == 0)
    printf (_("No decisions recorded.\n"));
  return LK_EXIT_OK;
}

/* ---- undo ------------------------------------------------------------------- */

int
lk_cli_undo (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *reason = NULL, *analyst = NULL;
  gint64 face_id = 0, id;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "face", 0, 0, G_OPTION_ARG_INT64, &face_id, N_("The face whose last decision to undo"), N_("ID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (recorded)"), N_("TEXT") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who undoes it (default: your name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Undo the face's newest decision by recording a superseding "
                                           "one: the decision before it again, or a withdrawal when there "
                                           "was none.  Nothing is deleted."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (face_id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which face with --face ID"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  id = lk_case_undo_decision (kase, analyst ? analyst : lk_cli_default_analyst (), face_id, reason, &error);
  if (id == 0)
    return fail (error);
  printf (_("Recorded decision %" PRId64 " (undo).\n"), id);
  return LK_EXIT_OK;
}

/* ---- name-cluster, split-cluster ------------------------------------------ */

int
lk_cli_name_cluster (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *name = NULL, *rationale = NULL, *analyst = NULL;
  gint64 cluster_id = 0, person_id;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "cluster", 0, 0, G_OPTION_ARG_INT64, &cluster_id, N_("The cluster"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The new person’s name"), N_("NAME") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why these faces are one person (required)"), N_("TEXT") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who decides (default: your name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  LkPersonFields fields = { 0 };

  g_option_context_set_summary (context, _("Turn a cluster into a new person in one step: the person and "
                                           "an “identified” decision for each of its faces."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (cluster_id <= 0 || name == NULL || *g_strstrip (name) == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("say which cluster with --cluster ID and the name with --name NAME"));
  if (rationale == NULL || *g_strstrip (rationale) == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("naming a cluster needs a rationale: say why with --rationale TEXT"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  fields.display_name = name;
  person_id = lk_case_cluster_to_person (kase, analyst ? analyst : lk_cli_default_analyst (), cluster_id,
                                         &fields, rationale, &error);
  if (person_id == 0)
    return fail (error);
  printf (_("Created person %" PRId64 " from cluster %" PRId64 ".\n"), person_id, cluster_id);
  return LK_EXIT_OK;
}

int
lk_cli_split_cluster (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *reason = NULL, *analyst = NULL;
  gint64 cluster_id = 0, face_id = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "cluster", 0, 0, G_OPTION_ARG_INT64, &cluster_id, N_("The cluster"), N_("ID") },
    { "face", 0, 0, G_OPTION_ARG_INT64, &face_id, N_("The face to take out"), N_("ID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (recorded)"), N_("TEXT") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who decides (default: your name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Take a face out of a cluster for good: it is never grouped "
                                           "with the cluster’s other faces again."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (cluster_id <= 0 || face_id <= 0)
    return lk_cli_error (LK_EXIT_USAGE, _("say which cluster and face with --cluster ID --face ID"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_split_from_cluster (kase, analyst ? analyst : lk_cli_default_analyst (), cluster_id,
                                   face_id, reason, &error))
    return fail (error);
  printf (_("Face %" PRId64 " taken out of cluster %" PRId64 ".\n"), face_id, cluster_id);
  return LK_EXIT_OK;
}
