/* likeness-cli — the command line front end over the core library.
 * Dispatch only: each command lives in its own lk-cli-*.c file. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lk-cli.h"

static const LkCliCommand commands[] = {
  { "version", N_("Print the version"), NULL },
  { "case new", N_("Create a new case folder"), lk_cli_case_new },
  { "case info", N_("A case's metadata, counts and import errors"), lk_cli_case_info },
  { "import", N_("Import photos and folders into a case, finding their faces"), lk_cli_import },
  { "person add", N_("Add a person to the gallery"), lk_cli_person_add },
  { "person list", N_("List the gallery's persons"), lk_cli_person_list },
  { "faces", N_("List the faces of a case"), lk_cli_faces },
  { "face add", N_("Add a face the detector missed, boxed by hand"), lk_cli_face_add },
  { "audit verify", N_("Verify the audit chain and every audited row"), lk_cli_audit_verify },
  { "audit head", N_("Print the audit log's head hash"), lk_cli_audit_head },
  { "audit log", N_("Print the audit log"), lk_cli_audit_log },
  { "evidence verify", N_("Recompute every evidence file's SHA-256"), lk_cli_evidence_verify },
  { "export", N_("Export the whole case as JSON"), lk_cli_export },
  { "report", N_("Export a case report: PDF, HTML, JSON or CSV"), lk_cli_report },
  { "detect", N_("Find faces in photos and print them as JSON lines"), lk_cli_detect },
  { "compare", N_("Distance between the largest faces of two photos"), lk_cli_compare },
  { "match", N_("Compute or refresh the candidate lists and clusters of a case"), lk_cli_match },
  { "candidates", N_("The ranked candidates for one probe face"), lk_cli_candidates },
  { "clusters", N_("Groups of unknown faces that probably show one person"), lk_cli_clusters },
  { "decide", N_("Record a decision about a face and a person, with a rationale"), lk_cli_decide },
  { "decisions", N_("List the decisions of a case"), lk_cli_decisions },
  { "undo", N_("Undo a face's newest decision (a superseding record)"), lk_cli_undo },
  { "name-cluster", N_("Turn a cluster into a new person in one step"), lk_cli_name_cluster },
  { "split-cluster", N_("Take a face out of a cluster for good"), lk_cli_split_cluster },
  { "analyst add", N_("Register an analyst in a case"), lk_cli_analyst_add },
  { "analyst list", N_("The analysts of a case and their roles"), lk_cli_analyst_list },
  { "analyst grant", N_("Grant an analyst a role (examiner, verifier, supervisor)"), lk_cli_analyst_grant },
  { "verification request", N_("Send a decision for blind verification"), lk_cli_verification_request },
  { "verification queue", N_("The comparisons waiting for you to verify, blind"), lk_cli_verification_queue },
  { "verification record", N_("Record your own conclusion on a queued comparison"), lk_cli_verification_record },
  { "verification show", N_("One verification item"), lk_cli_verification_show },
  { "verification list", N_("Every verification item with both conclusions"), lk_cli_verification_list },
  { "verification settings", N_("What this case sends for verification"), lk_cli_verification_settings },
  { "conflict resolve", N_("Resolve a conflict between examiner and verifier"), lk_cli_conflict_resolve },
  { "chart", N_("Export one decision as a comparison chart (PDF or PNG)"), lk_cli_chart },
  { "export-regions", N_("Copy the photos with XMP face regions other tools read"), lk_cli_export_regions },
  { "proposals list", N_("Names from imported face regions, waiting for your decision"), lk_cli_proposals_list },
  { "proposals confirm", N_("Confirm a proposed name: the face becomes a reference face"), lk_cli_proposals_confirm },
  { "proposals reject", N_("Reject a proposed name"), lk_cli_proposals_reject },
};

/* The commands that can run long, and how many seconds each may take to stop
 * after Ctrl+C or SIGTERM before it is ended (0: at once, for commands that
 * only read and have no point where they could stop by themselves). */
static const struct {
  const char *name;
  guint       grace_seconds;
} interruptible[] = {
  { "import", 10 }, { "face add", 10 }, { "match", 10 }, { "report", 10 }, { "detect", 10 }, { "evidence verify", 10 },
  { "compare", 0 }, { "audit verify", 0 }, { "clusters", 0 }, { "export", 0 }, { "faces", 0 },
  { "audit log", 0 },
};

static int
run_command (const LkCliCommand *command, int argc, char **argv)
{
  for (gsize i = 0; i < G_N_ELEMENTS (interruptible); i++)
    if (g_str_equal (interruptible[i].name, command->name))
      {
        lk_cli_interrupt_begin (interruptible[i].grace_seconds);
        return lk_cli_interrupt_end (command->func (argc, argv));
      }
  return command->func (argc, argv);
}

int
lk_cli_error (int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote names and file names from the case. */
  shown = lk_cli_escape (message, TRUE);
  fprintf (stderr, "likeness-cli: %s: %s\n", _("error"), shown);
  return code;
}

/* GOptionContext converts string options to UTF-8 and fails with a bare
 * "Invalid byte sequence"; name the argument instead. */
static gboolean
report_invalid_utf8 (int argc, char **argv, int *exit_code)
{
  for (int i = 1; i < argc; i++)
    if (!lk_cli_check_utf8 (_("The argument"), argv[i], exit_code))
      return TRUE;
  return FALSE;
}

/* GOptionContext stops at "--" but leaves it among the positional
 * arguments; take it out so that `person add -- -Ann` sees one name. */
static void
drop_separator (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (strcmp (argv[i], "--") == 0)
      {
        memmove (argv + i, argv + i + 1, (*argc - i) * sizeof *argv);
        (*argc)--;
        return;
      }
}

gboolean
lk_cli_parse (GOptionContext *context, int *argc, char ***argv, int *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    {
      drop_separator (argc, *argv);
      return TRUE;
    }
  if (error->domain == G_CONVERT_ERROR && report_invalid_utf8 (*argc, *argv, exit_code))
    return FALSE;
  fprintf (stderr, "likeness-cli: %s\n", error->message);
  fprintf (stderr, _("Run with --help to see the options.\n"));
  *exit_code = LK_EXIT_USAGE;
  return FALSE;
}

LkCase *
lk_cli_open_case (const char *dir, gboolean write, int *exit_code)
{
  g_autoptr(GError) error = NULL;
  LkCase *kase;

  if (dir == NULL)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("say which case with --case DIR"));
      return NULL;
    }
  kase = lk_case_open (dir, write ? LK_CASE_OPEN_READ_WRITE : LK_CASE_OPEN_READ_ONLY, &error);
  if (kase == NULL)
    *exit_code = lk_cli_error (LK_EXIT_CASE, "%s", error->message);
  else if (write && lk_case_is_read_only (kase))
    {
      *exit_code = lk_cli_error (LK_EXIT_CASE, _("the case cannot be changed: %s"),
                                 lk_case_get_read_only_reason (kase));
      g_clear_object (&kase);
    }
  return kase;
}

void
lk_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  /* Bidi overrides and C1 controls as \u escapes, like every JSON output. */
  safe = lk_cli_json_safe (text);
  printf ("%s\n", safe);
}

const char *
lk_cli_default_analyst (void)
{
  const char *real = g_get_real_name ();

  /* GLib answers "Unknown" when the passwd entry has no full name. */
  if (real == NULL || *real == '\0' || g_strcmp0 (real, "Unknown") == 0)
    return g_get_user_name ();
  return real;
}

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: likeness-cli COMMAND [OPTIONS...] — run a command with --help for its options\n\n"));
  fprintf (out, _("Commands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-22s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nExit codes: 0 success, 1 something failed, 2 bad arguments, 3 the case cannot be\n"
                  "opened or written, 4 a verification found a problem, 5 the face models cannot be\n"
                  "loaded, 130 interrupted.\n"));
}

/* Finds the command for argv[1] (and argv[2] for two-word commands such as
 * "case new"); *consumed says how many words the name used. */
static const LkCliCommand *
find_command (int argc, char **argv, int *consumed)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *name = commands[i].name;
      const char *space = strchr (name, ' ');

      if (space == NULL && strcmp (argv[1], name) == 0)
        {
          *consumed = 1;
          return &commands[i];
        }
      if (space != NULL && argc > 2 && strncmp (argv[1], name, space - name) == 0 &&
          argv[1][space - name] == '\0' && strcmp (argv[2], space + 1) == 0)
        {
          *consumed = 2;
          return &commands[i];
        }
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  const LkCliCommand *command;
  g_autofree char *prgname = NULL;
  int consumed = 0;

  setlocale (LC_ALL, "");
  /* LIKENESS_LOCALEDIR: the catalogues of a build tree (make run, the tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LIKENESS_LOCALEDIR") ? g_getenv ("LIKENESS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? LK_EXIT_USAGE : LK_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      printf ("likeness-cli %s\n", PACKAGE_VERSION);
      return LK_EXIT_OK;
    }

  command = find_command (argc, argv, &consumed);
  if (command == NULL)
    {
      fprintf (stderr, _("likeness-cli: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return LK_EXIT_USAGE;
    }

  /* The command sees "likeness-cli case new" as its program name in --help. */
  prgname = g_strdup_printf ("likeness-cli %s", command->name);
  g_set_prgname (prgname);
  return run_command (command, argc - consumed, argv + consumed);
}
