/* likeness-cli import — photos and folders into a case, with the face engine. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "case/lk-case.h"
#include "import/lk-importer.h"
#include "lk-cli.h"
#include "vision/lk-video.h"
#include "vision/lk-vision.h"

typedef struct {
  GMainLoop       *loop;
  GCancellable    *cancellable;
  LkImportSummary *summary;
  GError          *error;
} ImportRun;

/* A video's frames: a line at each tenth, so a long clip shows it is moving. */
static void
print_frames (const LkImportProgress *progress)
{
  guint total = MAX (progress->frames_total, 1);

  if (progress->frames_done * 10 / total == (progress->frames_done - 1) * 10 / total &&
      progress->frames_done != 1)
    return;
  fprintf (stderr, _("        video %s: %u of about %u frames analysed\n"),
           lk_cli_esc (progress->video), progress->frames_done, progress->frames_total);
}

static void
print_progress (const LkImportProgress *progress, gpointer user_data)
{
  const LkImportFileResult *file = progress->file;
  const char *what;

  if (file == NULL)
    {
      print_frames (progress);
      return;
    }

  /* Translators: the words are padded to line up; keep them short. */
  if (file->outcome == LK_IMPORT_OUTCOME_ERROR)
    what = _("error");
  else if (file->outcome == LK_IMPORT_OUTCOME_DUPLICATE)
    what = _("skipped");
  else if (file->flagged)
    what = _("flagged");
  else
    what = _("imported");

  fprintf (stderr, "[%*u/%u] %-8s %s", (int) (progress->total >= 1000 ? 6 : 3),
           progress->done, progress->total, what, lk_cli_esc (file->path));
  if (file->outcome == LK_IMPORT_OUTCOME_IMPORTED)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, " (%u face)", " (%u faces)", file->n_faces),
             file->n_faces);
  if (file->n_proposals > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, ", %u proposed name (see “proposals list”)",
                                  ", %u proposed names (see “proposals list”)", file->n_proposals),
             file->n_proposals);
  if (file->message != NULL)
    fprintf (stderr, ": %s", lk_cli_esc (file->message));
  fputc ('\n', stderr);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ImportRun *run = user_data;

  run->summary = lk_importer_run_finish (LK_IMPORTER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
print_summary (const LkImportSummary *summary, FILE *out)
{
  fprintf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %u photo", "Imported %u photos",
                             summary->n_imported), summary->n_imported);
  fprintf (out, g_dngettext (GETTEXT_PACKAGE, " with %u face", " with %u faces",
                             summary->n_faces), summary->n_faces);
  fprintf (out, _("; skipped %u already in the case"), summary->n_duplicates);
  fprintf (out, g_dngettext (GETTEXT_PACKAGE, "; %u error", "; %u errors", summary->n_errors),
           summary->n_errors);
  if (summary->n_references > 0)
    fprintf (out, g_dngettext (GETTEXT_PACKAGE, "; %u reference face linked",
                               "; %u reference faces linked", summary->n_references),
             summary->n_references);
  if (summary->n_flagged > 0)
    fprintf (out, g_dngettext (GETTEXT_PACKAGE,
                               "; %u reference photo flagged for the analyst (no face or several)",
                               "; %u reference photos flagged for the analyst (no face or several)",
                               summary->n_flagged),
             summary->n_flagged);
  fprintf (out, ".\n");
  if (summary->n_errors > 0)
    fprintf (out, _("The errors are recorded in the case: see “likeness-cli case info”.\n"));
  fprintf (out, _("Time: %.1f s (%.2f photos/s); storing evidence and records: %.2f s (%.1f%%).\n"),
           summary->seconds_total,
           summary->seconds_total > 0 ? summary->n_imported / summary->seconds_total : 0.0,
           summary->seconds_store,
           summary->seconds_total > 0 ? 100.0 * summary->seconds_store / summary->seconds_total : 0.0);
}

/* --person NAME: the person, created (audited) when the case has none of that name. */
static gint64
find_or_add_person (LkCase *kase, const char *analyst, const char *name, GError **error)
{
  g_autoptr(LkPerson) person = lk_case_find_person (kase, name, error);
  LkPersonFields fields = { name };
  gint64 id;

  if (person != NULL)
    return person->id;
  if (error != NULL && *error != NULL)
    return 0;
  id = lk_case_add_person (kase, analyst, &fields, error);
  if (id != 0)
    fprintf (stderr, _("Added the person “%s” to the gallery.\n"), lk_cli_esc (name));
  return id;
}

static int
exit_code_for (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return LK_EXIT_CANCELLED;
  if (error->domain == LK_CASE_ERROR)
    return LK_EXIT_CASE;
  if (error->domain == LK_IMPORT_ERROR && error->code == LK_IMPORT_ERROR_INVALID)
    return LK_EXIT_USAGE;
  return LK_EXIT_FAILURE;
}

static int
run_import (LkImporter *importer, char **paths)
{
  ImportRun run = { 0 };
  int code = LK_EXIT_OK;

  run.loop = g_main_loop_new (NULL, FALSE);
  /* Everything stored before Ctrl+C stays; the same command finishes the rest later. */
  run.cancellable = g_object_ref (lk_cli_cancellable ());
  lk_importer_set_progress_func (importer, print_progress, NULL, NULL);
  lk_importer_run_async (importer, (const char * const *) paths, run.cancellable,
                         import_done, &run);
  g_main_loop_run (run.loop);

  print_summary (run.summary != NULL ? run.summary : lk_importer_get_summary (importer), stdout);
  if (run.error != NULL)
    {
      code = exit_code_for (run.error);
      if (code == LK_EXIT_CANCELLED)
        fprintf (stderr, _("Import interrupted; run the same command again to finish it.\n"));
      else
        lk_cli_error (code, _("the import stopped: %s"), run.error->message);
    }
  else if (run.summary->n_errors > 0)
    code = LK_EXIT_FAILURE;
  g_clear_pointer (&run.summary, lk_import_summary_unref);
  g_clear_error (&run.error);
  g_clear_object (&run.cancellable);
  g_main_loop_unref (run.loop);
  return code;
}

/* Every named path must exist before anything is written: a typo should
 * cost nothing, not leave an import error in the case. */
static gboolean
check_paths (char **paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    if (!g_file_test (paths[i], G_FILE_TEST_EXISTS))
      {
        lk_cli_error (LK_EXIT_USAGE, _("“%s” does not exist"), paths[i]);
        return FALSE;
      }
  return TRUE;
}

typedef struct {
  guint interval_ms;
  guint faces_per_track;
} VideoSettings;

static int
import_into (const char *case_dir, LkPhotoRole role, const char *person_name, gboolean collage,
             gboolean thorough, const VideoSettings *video, const char *analyst, char **paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkImporter) importer = NULL;
  gint64 person_id = 0;

  kase = lk_case_open (case_dir, LK_CASE_OPEN_READ_WRITE, &error);
  if (kase == NULL)
    return lk_cli_error (LK_EXIT_CASE, "%s", error->message);
  if (lk_case_is_read_only (kase))
    return lk_cli_error (LK_EXIT_CASE, _("nothing can be imported: %s"),
                         lk_case_get_read_only_reason (kase));
  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    return lk_cli_error (LK_EXIT_MODEL, "%s", error->message);
  if (person_name != NULL)
    {
      person_id = find_or_add_person (kase, analyst, person_name, &error);
      if (person_id == 0)
        return lk_cli_error (LK_EXIT_CASE, "%s", error->message);
    }

  importer = lk_importer_new (kase, engine, analyst);
  lk_importer_set_role (importer, role);
  lk_importer_set_person (importer, person_id);
  lk_importer_set_collage (importer, collage);
  lk_importer_set_detect_mode (importer, thorough ? LK_DETECT_THOROUGH : LK_DETECT_DEFAULT);
  lk_importer_set_frame_interval_ms (importer, video->interval_ms);
  lk_importer_set_faces_per_track (importer, video->faces_per_track);
  return run_import (importer, paths);
}

int
lk_cli_import (int argc, char **argv)
{
  g_autofree char *case_dir = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *person = NULL;
  g_autofree char *analyst = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean collage = FALSE, thorough = FALSE;
  double interval = LK_VIDEO_DEFAULT_INTERVAL_MS / 1000.0;
  int faces_per_track = LK_IMPORT_DEFAULT_FACES_PER_TRACK;
  VideoSettings video;
  LkPhotoRole role;
  int code = LK_EXIT_OK;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_("probe (unidentified people) or reference (known identity)"), N_("ROLE") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person,
      N_("Reference photos of this person (created if new): a photo's only face becomes "
         "their reference face; photos with no face or several are flagged"), N_("NAME") },
    { "collage", 0, 0, G_OPTION_ARG_NONE, &collage,
      N_("The photos are collages: their faces may be the same person"), NULL },
    { "thorough", 0, 0, G_OPTION_ARG_NONE, &thorough,
      N_("Look harder for small faces (slower)"), NULL },
    { "frame-interval", 0, 0, G_OPTION_ARG_DOUBLE, &interval,
      N_("Videos: sample a frame every SEC seconds, plus at scene changes (default 0.5)"), N_("SEC") },
    { "faces-per-track", 0, 0, G_OPTION_ARG_INT, &faces_per_track,
      N_("Videos: keep the N best frames of each person's track as stills (default 3)"), N_("N") },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst,
      N_("Who imports (default: your real name)"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH… — import photos, videos and folders"));

  g_option_context_set_summary (context,
    _("Copies each photo into the case's evidence (named by its SHA-256, never twice), finds\n"
      "the faces, and stores them with descriptors for matching.  Folders are imported\n"
      "recursively (hidden files skipped).  Files that cannot be read are recorded in the case\n"
      "as import errors and the rest goes on.  Interrupted, the same command finishes the rest.\n"
      "Videos (MP4, MOV, MKV, WebM, AVI) are evidence too: frames are sampled, the faces of one\n"
      "person are followed as a track, and each track's best frames are kept as stills."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (case_dir == NULL || role_text == NULL || paths == NULL || paths[0] == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case, --role and at least one PATH are needed (see --help)"));
  if (!lk_photo_role_from_string (role_text, &role))
    return lk_cli_error (LK_EXIT_USAGE, _("--role must be “probe” or “reference”, not “%s”"), role_text);
  if (person != NULL && role != LK_PHOTO_ROLE_REFERENCE)
    return lk_cli_error (LK_EXIT_USAGE, _("--person goes with --role reference"));
  if (person != NULL && g_strstrip (person)[0] == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("--person needs a name"));
  if (analyst != NULL && g_strstrip (analyst)[0] == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("--analyst needs a name"));
  if (!(interval >= 0.04 && interval <= 3600))
    return lk_cli_error (LK_EXIT_USAGE, _("--frame-interval must be between 0.04 and 3600 seconds"));
  if (faces_per_track < 1 || faces_per_track > 100)
    return lk_cli_error (LK_EXIT_USAGE, _("--faces-per-track must be between 1 and 100"));
  if (!check_paths (paths))
    return LK_EXIT_USAGE;
  video.interval_ms = (guint) (interval * 1000 + 0.5);
  video.faces_per_track = faces_per_track;
  return import_into (case_dir, role, person, collage, thorough, &video,
                      analyst != NULL ? analyst : lk_cli_default_analyst (), paths);
}

/* --box X,Y,W,H: four integers, width and height over 0. */
static gboolean
parse_box (const char *text, LkBox *box)
{
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  gint64 v[4];

  if (parts == NULL || g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, G_MININT, G_MAXINT, &v[i], NULL))
      return FALSE;
  if (v[2] <= 0 || v[3] <= 0)
    return FALSE;
  *box = (LkBox) { (int) v[0], (int) v[1], (int) v[2], (int) v[3] };
  return TRUE;
}

static int
face_add_error (const GError *error)
{
  int code = exit_code_for (error);

  if (error->domain == LK_VISION_ERROR && error->code == LK_VISION_ERROR_INVALID)
    code = LK_EXIT_USAGE;
  else if (error->domain == LK_CASE_ERROR &&
           (error->code == LK_CASE_ERROR_NOT_FOUND || error->code == LK_CASE_ERROR_INVALID))
    code = LK_EXIT_FAILURE;
  if (code == LK_EXIT_CANCELLED)
    return code;
  return lk_cli_error (code, _("the face was not added: %s"), error->message);
}

static int
print_face (LkCase *kase, gint64 face_id, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_case_face_free);
  LkCaseFace *face = lk_case_get_face (kase, face_id, &error);
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;

  if (face == NULL)
    return lk_cli_error (LK_EXIT_CASE, "%s", error->message);
  g_ptr_array_add (faces, face);
  if (!json)
    {
      printf (_("Added face %" PRId64 " to photo %" PRId64 " (box %d,%d,%d,%d).\n"),
              face->id, face->photo_id, face->x, face->y, face->width, face->height);
      return LK_EXIT_OK;
    }
  text = lk_case_faces_to_json (faces);
  safe = lk_cli_json_safe (text);
  printf ("%s\n", safe);
  return LK_EXIT_OK;
}

int
lk_cli_face_add (int argc, char **argv)
{
  g_autofree char *case_dir = NULL, *box_text = NULL, *analyst = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) kase = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  gint64 photo_id = 0, face_id;
  gboolean json = FALSE;
  int code = LK_EXIT_OK;
  LkBox box;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_FILENAME, &case_dir, N_("The case folder"), N_("DIR") },
    { "photo", 0, 0, G_OPTION_ARG_INT64, &photo_id, N_("The photo the face is in"), N_("ID") },
    { "box", 0, 0, G_OPTION_ARG_STRING, &box_text,
      N_("The face's box in the photo's pixels (as shown, after EXIF orientation)"), N_("X,Y,W,H") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the new face as `faces --json` does"), NULL },
    { "analyst", 0, 0, G_OPTION_ARG_STRING, &analyst,
      N_("Who boxes the face (default: your real name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— add a face the detector missed"));

  g_option_context_set_summary (context,
    _("Adds a face boxed by hand to a photo of the case: its landmarks, descriptor, chip and\n"
      "quality are computed as for an imported face, and it is stored with origin “manual”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lk_cli_parse (context, &argc, &argv, &code))
    return code;
  if (case_dir == NULL || photo_id <= 0 || box_text == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("--case, --photo and --box are needed (see --help)"));
  if (!parse_box (box_text, &box))
    return lk_cli_error (LK_EXIT_USAGE, _("--box must be four whole numbers X,Y,W,H with W and H over 0, "
                                          "not “%s”"), box_text);
  if (analyst != NULL && g_strstrip (analyst)[0] == '\0')
    return lk_cli_error (LK_EXIT_USAGE, _("--analyst needs a name"));
  if ((kase = lk_cli_open_case (case_dir, TRUE, &code)) == NULL)
    return code;
  if ((engine = lk_face_engine_get_default (&error)) == NULL)
    return lk_cli_error (LK_EXIT_MODEL, "%s", error->message);
  face_id = lk_importer_add_manual_face (kase, engine, photo_id, &box,
                                         analyst != NULL ? analyst : lk_cli_default_analyst (),
                                         lk_cli_cancellable (), &error);
  if (face_id == 0)
    return face_add_error (error);
  return print_face (kase, face_id, json);
}
