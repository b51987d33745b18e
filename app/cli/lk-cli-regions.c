/* likeness-cli face-region commands: export-regions (MWG XMP sidecars for
 * digiKam, Lightroom, exiftool) and proposals list/confirm/reject (names
 * other tools gave the faces of imported photos, for the analyst to confirm). */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "case/lk-case-regions.h"
#include "lk-cli.h"

static gboolean
parse_n (const char *usage, const char *summary, GOptionEntry *entries, int *argc, char ***argv, int n_positional,
         int *exit_code)
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
parse (const char *summary, GOptionEntry *entries, int *argc, char ***argv, int *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("");

  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, argc, argv, exit_code))
    return FALSE;
  if (*argc != 1)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("unexpected argument “%s”; run with --help"),
                                 lk_cli_esc ((*argv)[1]));
      return FALSE;
    }
  return TRUE;
}

static int
case_error (GError *error)
{
  return lk_cli_error (error->domain == LK_CASE_ERROR &&
                       (error->code == LK_CASE_ERROR_INVALID || error->code == LK_CASE_ERROR_NOT_FOUND ||
                        error->code == LK_CASE_ERROR_EXISTS || error->code == LK_CASE_ERROR_IO)
                       ? LK_EXIT_FAILURE : LK_EXIT_CASE, "%s", error->message);
}

int
lk_cli_export_regions (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *output = NULL, *analyst = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  LkRegionsExport done = { 0 };
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The folder for the photo copies and their .xmp sidecars (outside the case)"), "FOLDER" },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who exports (default: your name)"), "NAME" },
    { NULL }
  };

  if (!parse (N_("Copy every photo with an XMP sidecar of its face regions (MWG), named where "
                 "a current decision identifies the face; digiKam, Lightroom and exiftool read them."),
              entries, &argc, &argv, &code))
    return code;
  if (case_dir == NULL || output == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case DIR and --output FOLDER are required; run with --help"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_export_regions (kase, analyst ? analyst : lk_cli_default_analyst (), output, &done, &error))
    return case_error (error);
  printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u photo", "Exported %u photos", done.n_photos), done.n_photos);
  printf (g_dngettext (GETTEXT_PACKAGE, " with %u face region", " with %u face regions", done.n_regions),
          done.n_regions);
  printf (g_dngettext (GETTEXT_PACKAGE, " (%u named) to %s\n", " (%u named) to %s\n", done.n_named),
          done.n_named, lk_cli_esc (output));
  return LK_EXIT_OK;
}

static gboolean
parse_id (const char *text, gint64 *out, int *exit_code)
{
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  *exit_code = lk_cli_error (LK_EXIT_USAGE, _("“%s” is not a proposal number; see proposals list"),
                             lk_cli_esc (text));
  return FALSE;
}

static void
print_proposal (const LkProposal *p)
{
  g_autofree char *face = p->face_id != 0 ? g_strdup_printf ("%" PRId64, p->face_id)
                                          : g_strdup (_("none"));

  /* Translators: one proposal per line: number, state, proposed name, photo, face, where the name was read. */
  printf (_("%" PRId64 "\t%s\t%s\tphoto %s\tface %s\tfrom %s\n"), p->id, p->state,
          lk_cli_esc (p->name), lk_cli_esc (p->photo_file), face, lk_cli_esc (p->source));
  if (p->face_id == 0)
    printf ("\t%s\n", _("no detected face lies where the name was marked: box the face by hand"));
}

int
lk_cli_proposals_list (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("pending (default), confirmed, rejected or all"), "STATE" },
    { NULL }
  };

  if (!parse (N_("Names other tools gave the faces of imported photos (MWG face regions), "
                 "proposed as references for you to confirm or reject."), entries, &argc, &argv, &code))
    return code;
  if (case_dir == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case DIR is required; run with --help"));
  if (state == NULL)
    state = g_strdup ("pending");
  if (!g_str_equal (state, "pending") && !g_str_equal (state, "confirmed") && !g_str_equal (state, "rejected") &&
      !g_str_equal (state, "all"))
    return lk_cli_error (LK_EXIT_USAGE, _("--state is pending, confirmed, rejected or all"));
  if ((kase = lk_cli_open_case (case_dir, FALSE, &code)) == NULL)
    return code;
  list = lk_case_list_proposals (kase, g_str_equal (state, "all") ? NULL : state, &error);
  if (list == NULL)
    return case_error (error);
  for (guint i = 0; i < list->len; i++)
    print_proposal (g_ptr_array_index (list, i));
  if (list->len == 0)
    printf (_("No proposals.\n"));
  return LK_EXIT_OK;
}

int
lk_cli_proposals_confirm (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkProposal) p = NULL;
  gint64 id = 0, person = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "person", 0, 0, G_OPTION_ARG_INT64, &person,
      N_("Link to this person (default: the person with the proposed name, added when missing)"), "ID" },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who confirms (default: your name)"), "NAME" },
    { NULL }
  };

  if (!parse_n ("ID", N_("Confirm a proposal: its face becomes a reference face of the person."), entries,
                &argc, &argv, 1, &code) || !parse_id (argv[1], &id, &code))
    return code;
  if (case_dir == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case DIR is required; run with --help"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  person = lk_case_confirm_proposal (kase, analyst ? analyst : lk_cli_default_analyst (), id, person, &error);
  if (person == 0 || (p = lk_case_get_proposal (kase, id, &error)) == NULL)
    return case_error (error);
  printf (_("Proposal %" PRId64 " confirmed: face %" PRId64 " is a reference face of "
            "person %" PRId64 " (“%s”)\n"), id, p->face_id, person, lk_cli_esc (p->name));
  return LK_EXIT_OK;
}

int
lk_cli_proposals_reject (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *analyst = NULL, *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  gint64 id = 0;
  int code = LK_EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), "DIR" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the name is wrong"), "TEXT" },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst, N_("Who rejects (default: your name)"), "NAME" },
    { NULL }
  };

  if (!parse_n ("ID", N_("Reject a proposal: the name is kept on record as rejected, nothing is linked."),
                entries, &argc, &argv, 1, &code) || !parse_id (argv[1], &id, &code))
    return code;
  if (case_dir == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case DIR is required; run with --help"));
  if (reason != NULL && !lk_cli_check_utf8 ("--reason", reason, &code))
    return code;
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if (!lk_case_reject_proposal (kase, analyst ? analyst : lk_cli_default_analyst (), id, reason, &error))
    return case_error (error);
  printf (_("Proposal %" PRId64 " rejected\n"), id);
  return LK_EXIT_OK;
}
