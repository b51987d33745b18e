/* likeness-cli case commands: case new/info, person add/list, faces,
 * audit verify/head/log, evidence verify, export. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "case/lk-case.h"
#include "lk-cli.h"

/* Parses options; every command here takes exactly n_positional arguments. */
static gboolean
parse (const char *usage, const char *summary, GOptionEntry *entries, int *argc, char ***argv,
       int n_positional, int *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);

  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, argc, argv, exit_code))
    return FALSE;
  if (*argc - 1 != n_positional)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("expected %d argument(s) (%s); run with --help"),
                                 n_positional, usage);
      return FALSE;
    }
  return TRUE;
}

static gboolean
need_case (const char *case_dir, int *exit_code)
{
  if (case_dir != NULL)
    return TRUE;
  *exit_code = lk_cli_error (LK_EXIT_USAGE, _("--case DIR is required; run with --help"));
  return FALSE;
}

static int
case_error (GError *error)
{
  return lk_cli_error (error->domain == LK_CASE_ERROR &&
                       (error->code == LK_CASE_ERROR_INVALID || error->code == LK_CASE_ERROR_NOT_FOUND)
                       ? LK_EXIT_FAILURE : LK_EXIT_CASE, "%s", error->message);
}

int
lk_cli_case_new (int argc, char **argv)
{
  g_autofree char *title = NULL, *number = NULL, *description = NULL, *analyst = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autofree char *head = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The case title (required)"), "T" },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The case number"), "N" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("A description"), "D" },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who creates it (default: your name)"), "NAME" },
    { NULL }
  };

  if (!parse ("DIR", N_("Create a new case folder (DIR, e.g. Kharkiv-017.likeness)."), entries, &argc, &argv, 1, &code))
    return code;
  if (title == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--title is required; run with --help"));
  kase = lk_case_create (argv[1], title, number, description, analyst ? analyst : lk_cli_default_analyst (), &error);
  if (kase == NULL)
    return case_error (error);
  head = lk_case_get_audit_head (kase, NULL, NULL);
  printf (_("Created case “%s” in %s\n"), lk_cli_esc (title), lk_cli_esc (lk_case_get_path (kase)));
  return LK_EXIT_OK;
}

static JsonNode *
info_to_json (const LkCaseInfo *info, GPtrArray *errors, const char *head)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
#define STR(name, value) json_builder_set_member_name (b, name); json_builder_add_string_value (b, value)
#define INT(name, value) json_builder_set_member_name (b, name); json_builder_add_int_value (b, value)
  STR ("title", info->title); STR ("number", info->number); STR ("description", info->description);
  STR ("uuid", info->uuid); STR ("created_at", info->created_at); STR ("created_by", info->created_by);
  INT ("schema_version", info->schema_version);
  INT ("photos", info->n_photos); INT ("probe_photos", info->n_probe_photos);
  INT ("reference_photos", info->n_reference_photos); INT ("collage_photos", info->n_collage_photos);
  INT ("photos_to_review", info->n_photos_to_review);
  INT ("faces", info->n_faces); INT ("not_a_face", info->n_not_a_face);
  INT ("reference_faces", info->n_reference_faces); INT ("identified_faces", info->n_identified_faces);
  INT ("persons", info->n_persons); INT ("retired_persons", info->n_retired_persons);
  INT ("decisions", info->n_decisions); INT ("candidates", info->n_candidates);
  INT ("audit_entries", info->n_audit_entries); STR ("audit_head", head);
  json_builder_set_member_name (b, "import_errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < errors->len; i++)
    {
      LkImportError *e = errors->pdata[i];
      json_builder_begin_object (b);
      STR ("path", e->path); STR ("reason", e->reason); STR ("time", e->time); STR ("analyst", e->analyst);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
#undef STR
#undef INT
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_info (const LkCaseInfo *info, GPtrArray *errors, const char *head)
{
  printf (_("Case: %s\n"), lk_cli_esc (info->title));
  if (*info->number)
    printf (_("Number: %s\n"), lk_cli_esc (info->number));
  if (*info->description)
    printf (_("Description: %s\n"), lk_cli_esc (info->description));
  printf (_("Created: %s by %s\n"), info->created_at, lk_cli_esc (info->created_by));
  printf (_("Photos: %" PRId64 " (%" PRId64 " probe, %" PRId64 " reference, %"
            PRId64 " to review)\n"), info->n_photos, info->n_probe_photos, info->n_reference_photos,
          info->n_photos_to_review);
  printf (_("Faces: %" PRId64 " (%" PRId64 " reference, %" PRId64 " identified, %"
            PRId64 " not a face)\n"), info->n_faces, info->n_reference_faces, info->n_identified_faces,
          info->n_not_a_face);
  printf (_("Persons: %" PRId64 " (%" PRId64 " retired)\n"), info->n_persons, info->n_retired_persons);
  printf (_("Decisions: %" PRId64 " current; candidates: %" PRId64 "\n"), info->n_decisions,
          info->n_candidates);
  printf (_("Audit log: %" PRId64 " entries, head %s\n"), info->n_audit_entries, head);
  printf (_("Import errors: %u\n"), errors->len);
  for (guint i = 0; i < errors->len; i++)
    {
      LkImportError *e = errors->pdata[i];
      printf ("  %s: %s\n", lk_cli_esc (e->path), lk_cli_esc (e->reason));
    }
}

int
lk_cli_case_info (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkCaseInfo) info = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *head = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse ("DIR", N_("Show a case's metadata, counts and import errors."), entries, &argc, &argv, 1, &code) ||
      (kase = lk_cli_open_case (argv[1], FALSE, &code)) == NULL)
    return code;
  info = lk_case_get_info (kase, &error);
  errors = info ? lk_case_list_import_errors (kase, &error) : NULL;
  head = errors ? lk_case_get_audit_head (kase, NULL, &error) : NULL;
  if (head == NULL)
    return case_error (error);
  if (json)
    {
      g_autoptr(JsonNode) root = info_to_json (info, errors, head);
      lk_cli_print_json (root);
    }
  else
    print_info (info, errors, head);
  return LK_EXIT_OK;
}

int
lk_cli_person_add (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *notes = NULL, *external_ref = NULL, *analyst = NULL;
  g_autofree char *born = NULL, *died = NULL;
  g_auto(GStrv) aliases = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  LkPersonFields fields = { 0 };
  int code = LK_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "alias", 0, 0, G_OPTION_ARG_STRING_ARRAY, &aliases, N_("Another name (repeatable)"), "A" },
    { "born", 0, 0, G_OPTION_ARG_STRING, &born, N_("Date of birth or free text"), "DATE" },
    { "died", 0, 0, G_OPTION_ARG_STRING, &died, N_("Date of death or free text"), "DATE" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "N" },
    { "external-ref", 0, 0, G_OPTION_ARG_STRING, &external_ref, N_("An outside reference, e.g. a file number"), "R" },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who adds it (default: your name)"), "NAME" },
    { NULL }
  };

  if (!parse ("NAME", N_("Add a person to the case's gallery."), entries, &argc, &argv, 1, &code) ||
      !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_cli_check_utf8 (_("The name"), argv[1], &code))
    return code;
  fields.display_name = argv[1];
  fields.aliases = (const char * const *) aliases;
  fields.born = born;
  fields.died = died;
  fields.notes = notes;
  fields.external_ref = external_ref;
  id = lk_case_add_person (kase, analyst ? analyst : lk_cli_default_analyst (), &fields, &error);
  if (id == 0)
    return case_error (error);
  printf (_("Added person %" PRId64 ": %s\n"), id, lk_cli_esc (argv[1]));
  return LK_EXIT_OK;
}

static void
person_to_json (JsonBuilder *b, const LkPerson *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, p->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->display_name);
  json_builder_set_member_name (b, "aliases");
  json_builder_begin_array (b);
  for (guint i = 0; p->aliases[i]; i++)
    json_builder_add_string_value (b, p->aliases[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "born");
  json_builder_add_string_value (b, p->born);
  json_builder_set_member_name (b, "died");
  json_builder_add_string_value (b, p->died);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, p->notes);
  json_builder_set_member_name (b, "external_ref");
  json_builder_add_string_value (b, p->external_ref);
  json_builder_set_member_name (b, "retired");
  json_builder_add_boolean_value (b, p->retired);
  json_builder_set_member_name (b, "reference_faces");
  json_builder_add_int_value (b, p->n_reference_faces);
  json_builder_end_object (b);
}

int
lk_cli_person_list (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  gboolean json = FALSE, retired = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "retired", 0, 0, G_OPTION_ARG_NONE, &retired, N_("Include retired persons"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse ("", N_("List the persons of the case's gallery."), entries, &argc, &argv, 0, &code) ||
      !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  persons = lk_case_list_persons (kase, retired, &error);
  if (persons == NULL)
    return case_error (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < persons->len; i++)
        person_to_json (b, persons->pdata[i]);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      lk_cli_print_json (root);
      return LK_EXIT_OK;
    }
  for (guint i = 0; i < persons->len; i++)
    {
      LkPerson *p = persons->pdata[i];
      printf ("%5" PRId64 "  %s%s  (%" PRId64 " reference faces)\n", p->id, lk_cli_esc (p->display_name),
              p->retired ? _(" [retired]") : "", p->n_reference_faces);
    }
  return LK_EXIT_OK;
}

int
lk_cli_faces (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *role = NULL, *status = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Only faces of probe or reference photos"), "ROLE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only faces with this status"), "STATUS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!parse ("", N_("List the faces of a case."), entries, &argc, &argv, 0, &code) || !need_case (case_dir, &code))
    return code;
  if (role != NULL && !lk_photo_role_from_string (role, (LkPhotoRole *) &filter.role))
    return lk_cli_error (LK_EXIT_USAGE, _("--role must be probe or reference"));
  if (status != NULL && !lk_face_status_from_string (status, (LkFaceStatus *) &filter.status))
    return lk_cli_error (LK_EXIT_USAGE, _("unknown --status “%s”"), status);
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  faces = lk_case_list_faces (kase, &filter, &error);
  if (faces == NULL)
    return case_error (error);
  if (json)
    {
      g_autofree char *text = lk_case_faces_to_json (faces);
      g_autofree char *safe = lk_cli_json_safe (text);

      printf ("%s\n", safe);
      return LK_EXIT_OK;
    }
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *f = faces->pdata[i];
      printf ("%6" PRId64 "  %-9s %-20s [%d,%d,%d,%d] %-20s %s\n", f->id, lk_photo_role_to_string (f->role),
              lk_cli_esc (f->file), f->x, f->y, f->width, f->height, lk_face_status_to_string (f->status),
              lk_cli_esc (f->person_name));
    }
  return LK_EXIT_OK;
}

int
lk_cli_audit_verify (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *expect = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "expect-head", 0, 0, G_OPTION_ARG_STRING, &expect, N_("A head hash kept earlier (from a report or “audit head”)"), "HASH" },
    { NULL }
  };

  if (!parse ("", N_("Check the audit chain and that every face, person, reference link and decision matches it. "
                     "Reads only; exit 4 when something is wrong."), entries, &argc, &argv, 0, &code) ||
      !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if (!lk_case_verify_audit (kase, expect, &report, &error))
    return case_error (error);
  if (!report->ok)
    {
      if (report->bad_object != NULL)
        fprintf (stderr, _("FAILED at %s (audit entry %" PRId64 "): %s\n"), lk_cli_esc (report->bad_object),
                 report->bad_seq, lk_cli_esc (report->message));
      else
        fprintf (stderr, _("FAILED at audit entry %" PRId64 ": %s\n"), report->bad_seq,
                 lk_cli_esc (report->message));
      return LK_EXIT_VERIFY;
    }
  printf (_("OK: %" PRId64 " audit entries verified; every row matches. Head %s\n"), report->n_entries,
          report->head_hash);
  return LK_EXIT_OK;
}

int
lk_cli_audit_head (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autofree char *head = NULL;
  gint64 seq = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { NULL }
  };

  if (!parse ("", N_("Print the audit log's head hash (keep it to detect a rewritten log later)."), entries, &argc,
              &argv, 0, &code) || !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  head = lk_case_get_audit_head (kase, &seq, &error);
  if (head == NULL)
    return case_error (error);
  printf ("%s\n", head);
  return LK_EXIT_OK;
}

static char *
json_quote (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  return lk_cli_json_safe (quoted);
}

int
lk_cli_audit_log (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!parse ("", N_("Print the audit log, oldest first."), entries, &argc, &argv, 0, &code) ||
      !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  entries_list = lk_case_list_audit (kase, 0, 0, &error);
  if (entries_list == NULL)
    return case_error (error);
  if (json)
    printf ("[\n");
  for (guint i = 0; i < entries_list->len; i++)
    {
      LkAuditEntry *e = entries_list->pdata[i];

      if (json)
        {
          /* JSON strings, not g_strescape(): its octal escapes (\033, \303) are not JSON. */
          g_autofree char *analyst = json_quote (e->analyst);
          g_autofree char *action = json_quote (e->action);
          g_autofree char *object_type = json_quote (e->object_type);
          /* details is already canonical JSON. */
          g_autofree char *details = lk_cli_json_safe (e->details);

          printf ("  {\"seq\": %" PRId64 ", \"time\": \"%s\", \"analyst\": %s, \"action\": %s, "
                  "\"object_type\": %s, \"object_id\": %" PRId64 ", \"details\": %s, "
                  "\"prev_hash\": \"%s\", \"hash\": \"%s\"}%s\n", e->seq, e->time, analyst, action, object_type,
                  e->object_id, details, e->prev_hash, e->hash, i + 1 < entries_list->len ? "," : "");
        }
      else
        printf ("%6" PRId64 "  %s  %-20s %-18s %s %" PRId64 "  %.16s…\n", e->seq, e->time,
                lk_cli_esc (e->analyst), lk_cli_esc (e->action), lk_cli_esc (e->object_type), e->object_id, e->hash);
    }
  if (json)
    printf ("]\n");
  return LK_EXIT_OK;
}

int
lk_cli_evidence_verify (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkEvidenceReport) report = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { NULL }
  };

  if (!parse ("", N_("Recompute the SHA-256 of every evidence file; name any that is missing or changed."),
              entries, &argc, &argv, 0, &code) ||
      !need_case (case_dir, &code) || (kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if (!lk_case_verify_evidence (kase, &report, lk_cli_cancellable (), &error))
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? LK_EXIT_CANCELLED : case_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    fprintf (stderr, "%s\n", lk_cli_esc (((LkEvidenceProblem *) report->problems->pdata[i])->message));
  if (report->problems->len > 0)
    {
      fprintf (stderr, _("FAILED: %u problem(s) in %" PRId64 " evidence files\n"), report->problems->len,
               report->n_checked);
      return LK_EXIT_VERIFY;
    }
  printf (_("OK: %" PRId64 " evidence files match their SHA-256\n"), report->n_checked);
  return LK_EXIT_OK;
}

int
lk_cli_export (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, N_("Write the whole case as JSON to FILE"), "FILE" },
    { NULL }
  };

  if (!parse ("", N_("Export the whole case as JSON."), entries, &argc, &argv, 0, &code) ||
      !need_case (case_dir, &code))
    return code;
  if (json == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--json FILE is required; run with --help"));
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  if (!lk_case_export_json (kase, json, &error))
    return case_error (error);
  printf (_("Exported the case to %s\n"), lk_cli_esc (json));
  return LK_EXIT_OK;
}
