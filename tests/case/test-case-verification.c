/* ACE-V in the case store and through likeness-cli: roles, blind
 * verification, conflicts and their resolution, FISWG feature comparisons,
 * and the audit's cover of all of it. */
#define G_LOG_DOMAIN "test-case-verification"

#include "lk-config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "case/lk-case-private.h"
#include "case/lk-case-verification.h"
#include "case-fixture.h"

#define EXAMINER   "Erin Examiner"
#define VERIFIER   "Victor Verifier"
#define SUPERVISOR "Sam Supervisor"

static const char *features_json =
  "{\"components\": {\"eyes\": {\"assessment\": \"similar\", \"note\": \"same lid fold\"},"
  " \"ears\": {\"assessment\": \"not-comparable\", \"note\": \"covered by hair\"},"
  " \"nose\": {\"assessment\": \"dissimilar\"}},"
  " \"marks\": [{\"label\": \"scar\", \"probe\": [0.4, 0.3, 0.1, 0.05], \"candidate\": [0.42, 0.31]}]}";

/* A fixture case with a supervisor, a verifier and one identification by the examiner. */
static gint64
set_up_team (CaseFixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 decision;

  g_assert_true (lk_case_grant_role (f->kase, SUPERVISOR, SUPERVISOR, LK_ROLE_SUPERVISOR, "case lead", &error));
  g_assert_no_error (error);
  g_assert_true (lk_case_grant_role (f->kase, SUPERVISOR, VERIFIER, LK_ROLE_VERIFIER, "trained", &error));
  g_assert_no_error (error);
  decision = lk_case_add_decision_with_features (f->kase, EXAMINER, f->probe_face, f->person,
                                                 LK_OUTCOME_IDENTIFIED, "moderate", "ear and scar agree",
                                                 features_json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decision, >, 0);
  return decision;
}

static void
test_features_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFeatures) f = lk_features_parse (features_json, &error);
  g_autoptr(LkFeatures) again = NULL;
  g_autofree char *json = NULL, *json2 = NULL;
  const LkFeatureMark *mark;

  g_assert_no_error (error);
  g_assert_cmpuint (f->rows->len, ==, 14);
  g_assert_cmpuint (lk_features_count_assessed (f), ==, 3);
  g_assert_cmpstr (((LkFeatureRow *) g_ptr_array_index (f->rows, 4))->component, ==, "eyes");
  g_assert_cmpint (((LkFeatureRow *) g_ptr_array_index (f->rows, 4))->assessment, ==, LK_FEATURE_SIMILAR);
  g_assert_cmpuint (f->marks->len, ==, 1);
  mark = g_ptr_array_index (f->marks, 0);
  g_assert_true (mark->on_probe && mark->on_candidate);
  g_assert_cmpfloat_with_epsilon (mark->probe[2], 0.1, 1e-9);
  /* The canonical form is stable: parsing it again gives the same text. */
  json = lk_features_to_json (f);
  again = lk_features_parse (json, &error);
  g_assert_no_error (error);
  json2 = lk_features_to_json (again);
  g_assert_cmpstr (json, ==, json2);
}

static void
test_features_refused (void)
{
  static const struct {
    const char *json;
    const char *words;
  } bad[] = {
    { "{\"components\": {\"tail\": {\"assessment\": \"similar\"}}}", "not a facial component" },
    { "{\"components\": {\"eyes\": {\"assessment\": \"same\"}}}", "must be similar" },
    { "{\"marks\": [{\"label\": \"mole\", \"probe\": [1.5, 0.2]}]}", "on the chip" },
    { "{\"marks\": [{\"label\": \"mole\"}]}", "neither chip" },
    { "{\"marks\": [{\"probe\": [0.5, 0.2]}]}", "needs a label" },
    { "[1, 2]", "JSON object" },
    { "{\"components\": ", "not JSON" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkFeatures) f = lk_features_parse (bad[i].json, &error);

      g_assert_null (f);
      g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].words));
    }
}

static void
test_roles (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) analysts = NULL;

  /* The first grant of a case without a supervisor makes the granter supervisor — of themself only. */
  g_assert_false (lk_case_grant_role (f->kase, "Mallory", "Mallory", LK_ROLE_VERIFIER, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lk_case_grant_role (f->kase, SUPERVISOR, SUPERVISOR, LK_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);
  /* From then on only a supervisor grants. */
  g_assert_false (lk_case_grant_role (f->kase, "Mallory", "Mallory", LK_ROLE_SUPERVISOR, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "supervisor"));
  g_clear_error (&error);
  g_assert_true (lk_case_grant_role (f->kase, SUPERVISOR, VERIFIER, LK_ROLE_VERIFIER, "trained", &error));
  g_assert_no_error (error);
  g_assert_false (lk_case_grant_role (f->kase, SUPERVISOR, VERIFIER, LK_ROLE_VERIFIER, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (lk_case_get_analyst_roles (f->kase, VERIFIER, NULL), ==, LK_ROLE_EXAMINER | LK_ROLE_VERIFIER);
  /* A refused grant leaves nothing behind, not even the name; registered, an analyst examines. */
  g_assert_cmpint (lk_case_get_analyst_roles (f->kase, "Mallory", NULL), ==, 0);
  g_assert_true (lk_case_add_analyst (f->kase, "Mallory", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_get_analyst_roles (f->kase, "Mallory", NULL), ==, LK_ROLE_EXAMINER);
  g_assert_cmpint (lk_case_get_analyst_roles (f->kase, "Nobody", NULL), ==, 0);
  analysts = lk_case_list_analyst_roles (f->kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysts->len, >=, 3);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

static void
test_blind_cycle (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(LkVerificationItem) blind = NULL, full = NULL;
  LkVerificationItem *queued;
  LkVerificationState state;
  gint64 decision = set_up_team (f), item;

  item = lk_case_request_verification (f->kase, EXAMINER, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item, >, 0);

  /* The verifier sees the comparison, nothing of the examiner's conclusion. */
  queue = lk_case_list_verification_queue (f->kase, VERIFIER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  queued = g_ptr_array_index (queue, 0);
  g_assert_cmpint (queued->face_id, ==, f->probe_face);
  g_assert_cmpint (queued->person_id, ==, f->person);
  g_assert_cmpint (queued->decision_id, ==, 0);
  g_assert_null (queued->examiner);
  g_assert_null (queued->examiner_outcome);
  g_assert_null (queued->examiner_strength);
  g_assert_null (queued->examiner_rationale);
  g_assert_null (queued->examiner_features);
  blind = lk_case_get_verification_item (f->kase, item, VERIFIER, &error);
  g_assert_no_error (error);
  g_assert_null (blind->examiner_rationale);

  /* The examiner cannot verify their own decision, even holding the role. */
  g_assert_true (lk_case_grant_role (f->kase, SUPERVISOR, EXAMINER, LK_ROLE_VERIFIER, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lk_case_record_verification (f->kase, EXAMINER, item, LK_OUTCOME_IDENTIFIED, "strong", "agree",
                                               NULL, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "second examiner"));
  g_clear_error (&error);
  /* An analyst without the verifier role is refused. */
  g_assert_false (lk_case_record_verification (f->kase, "Olga Other", item, LK_OUTCOME_IDENTIFIED, "strong", "x",
                                               NULL, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "verifier role"));
  g_clear_error (&error);
  g_assert_null (lk_case_list_verification_queue (f->kase, "Olga Other", &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* The verifier disagrees: a conflict, both conclusions kept and shown. */
  g_assert_true (lk_case_record_verification (f->kase, VERIFIER, item, LK_OUTCOME_INCONCLUSIVE, NULL,
                                              "the nose differs", features_json, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, LK_VERIFICATION_CONFLICT);
  full = lk_case_get_verification_item (f->kase, item, VERIFIER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (full->examiner_outcome, ==, "identified");
  g_assert_cmpstr (full->examiner_rationale, ==, "ear and scar agree");
  g_assert_nonnull (strstr (full->examiner_features, "same lid fold"));
  g_assert_cmpstr (full->verifier_outcome, ==, "inconclusive");
  g_assert_cmpstr (full->verifier, ==, VERIFIER);
  /* A second conclusion on the same item is refused. */
  g_assert_false (lk_case_record_verification (f->kase, VERIFIER, item, LK_OUTCOME_IDENTIFIED, "strong", "again",
                                               NULL, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Only a supervisor who took no part resolves it, in writing. */
  g_assert_false (lk_case_resolve_conflict (f->kase, VERIFIER, item, "mine", &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lk_case_resolve_conflict (f->kase, SUPERVISOR, item, "  ", &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lk_case_resolve_conflict (f->kase, SUPERVISOR, item, "Nose shape differs by pose; "
                                           "identification upheld after a third look.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&full, lk_verification_item_free);
  full = lk_case_get_decision_verification (f->kase, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (full->state, ==, LK_VERIFICATION_RESOLVED);
  g_assert_cmpstr (full->resolved_by, ==, SUPERVISOR);
  g_assert_cmpstr (full->verifier_outcome, ==, "inconclusive");
  g_assert_cmpstr (full->examiner_outcome, ==, "identified");
  g_assert_true (case_fixture_verify_ok (f->kase));
}

static void
test_agreement_and_rules (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  LkVerificationState state;
  gint64 decision = set_up_team (f), item, excluded;

  /* Only the examiner (or a supervisor) sends a decision. */
  g_assert_cmpint (lk_case_request_verification (f->kase, VERIFIER, decision, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  item = lk_case_request_verification (f->kase, SUPERVISOR, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_request_verification (f->kase, EXAMINER, decision, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  g_assert_true (lk_case_record_verification (f->kase, VERIFIER, item, LK_OUTCOME_IDENTIFIED, "strong",
                                              "I reach the same", NULL, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, LK_VERIFICATION_VERIFIED);

  /* Exclusions go to verification only by case setting, which a supervisor sets. */
  excluded = lk_case_add_decision (f->kase, EXAMINER, f->probe_face2, f->person, LK_OUTCOME_EXCLUDED, NULL,
                                   "different ear", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_request_verification (f->kase, EXAMINER, excluded, &error), ==, 0);
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lk_case_set_verify_exclusions (f->kase, EXAMINER, TRUE, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lk_case_set_verify_exclusions (f->kase, SUPERVISOR, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_request_verification (f->kase, EXAMINER, excluded, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (case_fixture_verify_ok (f->kase));
}

/* A queued comparison the examiner has since changed cannot be verified. */
static void
test_superseded_decision (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  gint64 decision = set_up_team (f), item;

  item = lk_case_request_verification (f->kase, EXAMINER, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_case_withdraw_decision (f->kase, EXAMINER, decision, "wrong face", &error), >, 0);
  g_assert_no_error (error);
  queue = lk_case_list_verification_queue (f->kase, VERIFIER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 0);
  g_assert_false (lk_case_record_verification (f->kase, VERIFIER, item, LK_OUTCOME_IDENTIFIED, "strong", "x",
                                               NULL, NULL, &error));
  g_assert_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID);
}

/* Forged rows of the new tables are caught by verify. */
static void
test_forgery_caught (void)
{
  static const char *attacks[] = {
    "UPDATE verification_items SET state = 'verified'",
    "UPDATE analyst_roles SET role = 'supervisor' WHERE role = 'verifier'",
    "INSERT INTO analyst_roles (analyst_id, role, granted_at, granted_by) SELECT id, 'verifier', 'x', id "
    "FROM analysts WHERE name = 'Erin Examiner'",
    "UPDATE decisions SET features = NULL",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autoptr(CaseFixture) f = case_fixture_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LkAuditReport) report = NULL;
      g_autofree char *path = NULL;
      gint64 decision = set_up_team (f), item;

      item = lk_case_request_verification (f->kase, EXAMINER, decision, &error);
      g_assert_no_error (error);
      g_assert_true (lk_case_record_verification (f->kase, VERIFIER, item, LK_OUTCOME_EXCLUDED, NULL, "no",
                                                  NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (case_fixture_verify_ok (f->kase));
      path = g_strdup (lk_case_get_path (f->kase));
      g_clear_object (&f->kase);
      case_fixture_attack (path, attacks[i]);
      f->kase = lk_case_open (path, LK_CASE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (lk_case_verify_audit (f->kase, NULL, &report, &error));
      g_assert_no_error (error);
      g_test_message ("%s → %s", attacks[i], report->message);
      g_assert_false (report->ok);
    }
}

/* A case made before schema 6 opens, upgrades and verifies, and takes part. */
static void
test_upgrade_from_5 (void)
{
  g_autofree char *dir = case_fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.likeness", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) old = lk_case_create_at_version (path, "Old", "", "", "Ann", 5, &error);

  g_assert_no_error (error);
  g_clear_object (&old);
  old = lk_case_open (path, LK_CASE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (case_fixture_verify_ok (old));
  g_assert_true (lk_case_grant_role (old, "Ann", "Ann", LK_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lk_case_get_verify_exclusions (old));
  g_assert_true (case_fixture_verify_ok (old));
  g_clear_object (&old);
  case_fixture_rmtree (dir);
}

/* ---- through likeness-cli ------------------------------------------------------ */

/* likeness-cli with the NULL-terminated arguments; its exit code, and its
 * standard output in *out when out is not NULL. */
static int
cli (char **out, ...)
{
  g_auto(CaseCliRun) run = { 0 };
  va_list args;

  va_start (args, out);
  case_fixture_cli_valist (&run, args);
  va_end (args);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  return run.status;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli_cycle (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autofree char *path = g_strdup (lk_case_get_path (f->kase));
  g_autofree char *face = g_strdup_printf ("%" G_GINT64_FORMAT, f->probe_face);
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->person);
  g_autofree char *features = g_build_filename (f->dir, "features.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) queue = NULL, shown = NULL, analysts = NULL;
  JsonObject *item;

  g_clear_object (&f->kase);
  g_assert_true (g_file_set_contents (features, features_json, -1, NULL));
  g_assert_cmpint (cli (NULL, "analyst", "grant", "--case", path, "--role", "supervisor", "--analyst", SUPERVISOR,
                        SUPERVISOR, NULL), ==, 0);
  g_assert_cmpint (cli (NULL, "analyst", "grant", "--case", path, "--role", "verifier", "--analyst", SUPERVISOR,
                        VERIFIER, NULL), ==, 0);
  g_assert_cmpint (cli (NULL, "analyst", "grant", "--case", path, "--role", "sheriff", VERIFIER, NULL), ==, 2);
  g_assert_cmpint (cli (&out, "analyst", "list", "--case", path, "--json", NULL), ==, 0);
  analysts = parse (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (analysts));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (NULL, "decide", "--case", path, "--face", face, "--person", person, "--outcome",
                        "identified", "--strength", "moderate", "--rationale", "ears agree", "--features", features,
                        "--analyst", EXAMINER, NULL), ==, 0);
  g_assert_cmpint (cli (NULL, "verification", "request", "--case", path, "--decision", "1", "--analyst", EXAMINER,
                        NULL), ==, 0);

  /* The queue's JSON holds nothing of the examiner's conclusion. */
  g_assert_cmpint (cli (&out, "verification", "queue", "--case", path, "--analyst", VERIFIER, "--json", NULL), ==, 0);
  queue = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (queue)), ==, 1);
  item = json_array_get_object_element (json_node_get_array (queue), 0);
  g_assert_false (json_object_has_member (item, "examiner"));
  g_assert_false (json_object_has_member (item, "decision_id"));
  g_assert_null (strstr (out, "ears agree"));
  g_assert_null (strstr (out, "moderate"));
  g_assert_null (strstr (out, EXAMINER));
  g_assert_null (strstr (out, "identified"));
  g_clear_pointer (&out, g_free);

  /* Refusals: the examiner on their own decision; an analyst without the role. */
  g_assert_cmpint (cli (NULL, "verification", "record", "--case", path, "--item", "1", "--outcome", "identified",
                        "--strength", "strong", "--rationale", "mine", "--analyst", EXAMINER, NULL), ==, 1);
  g_assert_cmpint (cli (NULL, "verification", "queue", "--case", path, "--analyst", "Olga Other", NULL), ==, 1);
  g_assert_cmpint (cli (NULL, "verification", "record", "--case", path, "--item", "1", "--outcome", "excluded",
                        "--rationale", "nose", "--analyst", "Olga Other", NULL), ==, 1);

  g_assert_cmpint (cli (&out, "verification", "record", "--case", path, "--item", "1", "--outcome", "excluded",
                        "--rationale", "the nose differs", "--features", features, "--analyst", VERIFIER, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "differs"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (NULL, "conflict", "resolve", "--case", path, "--item", "1", "--resolution", "upheld",
                        "--analyst", VERIFIER, NULL), ==, 1);
  g_assert_cmpint (cli (NULL, "conflict", "resolve", "--case", path, "--item", "1", "--resolution",
                        "Identification upheld: the nose differs by pose.", "--analyst", SUPERVISOR, NULL), ==, 0);
  g_assert_cmpint (cli (&out, "verification", "show", "--case", path, "--item", "1", "--json", "--analyst",
                        VERIFIER, NULL), ==, 0);
  shown = parse (out);
  item = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "examiner"), "outcome"), ==,
                   "identified");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "verifier"), "outcome"), ==,
                   "excluded");
  g_assert_nonnull (json_object_get_object_member (item, "resolution"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (NULL, "audit", "verify", "--case", path, NULL), ==, 0);

  /* Exclusions are verified only when a supervisor says so. */
  g_assert_cmpint (cli (NULL, "verification", "settings", "--case", path, "--exclusions", "yes", "--analyst",
                        VERIFIER, NULL), ==, 1);
  g_assert_cmpint (cli (NULL, "verification", "settings", "--case", path, "--exclusions", "yes", "--analyst",
                        SUPERVISOR, NULL), ==, 0);
  g_assert_cmpint (cli (&out, "verification", "settings", "--case", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "exclusions"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (NULL, "audit", "verify", "--case", path, NULL), ==, 0);

  /* A forged verification row is caught. */
  case_fixture_attack (path, "DROP TRIGGER verification_conclusions_no_update; "
                             "UPDATE verification_conclusions SET outcome = 'identified'");
  g_assert_cmpint (cli (NULL, "audit", "verify", "--case", path, NULL), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/verification/features-parse", test_features_parse);
  g_test_add_func ("/case/verification/features-refused", test_features_refused);
  g_test_add_func ("/case/verification/roles", test_roles);
  g_test_add_func ("/case/verification/blind-cycle", test_blind_cycle);
  g_test_add_func ("/case/verification/agreement-and-rules", test_agreement_and_rules);
  g_test_add_func ("/case/verification/superseded-decision", test_superseded_decision);
  g_test_add_func ("/case/verification/forgery-caught", test_forgery_caught);
  g_test_add_func ("/case/verification/upgrade-from-5", test_upgrade_from_5);
  g_test_add_func ("/case/verification/cli-cycle", test_cli_cycle);
  return g_test_run ();
}
