/* lk-cli-vision.c — `likeness-cli detect` and `likeness-cli compare`: the face
 * engine on photos, without a case.  Output is one JSON object per line so
 * that scripts can read it with any JSON tool. */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "lk-cli.h"
#include "vision/lk-vision.h"

static void
add_quality (JsonBuilder *b, const LkFaceQuality *q)
{
  g_autofree char *summary = lk_face_quality_describe (q);

  json_builder_set_member_name (b, "quality");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, q->size_px);
  json_builder_set_member_name (b, "sharpness");
  json_builder_add_double_value (b, round (q->sharpness * 10) / 10);
  json_builder_set_member_name (b, "brightness");
  json_builder_add_double_value (b, round (q->brightness * 10) / 10);
  json_builder_set_member_name (b, "contrast");
  json_builder_add_double_value (b, round (q->contrast * 10) / 10);
  json_builder_set_member_name (b, "yaw");
  json_builder_add_double_value (b, round (q->yaw_degrees * 10) / 10);
  json_builder_set_member_name (b, "good");
  json_builder_add_boolean_value (b, lk_face_quality_is_good (q));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, summary);
  json_builder_end_object (b);
}

static void
add_face (JsonBuilder *b, const LkFace *face, gboolean descriptors)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "box");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, face->box.x);
  json_builder_add_int_value (b, face->box.y);
  json_builder_add_int_value (b, face->box.width);
  json_builder_add_int_value (b, face->box.height);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, round (face->detector_score * 1000) / 1000);
  json_builder_set_member_name (b, "landmarks");
  json_builder_begin_array (b);
  for (int i = 0; i < LK_LANDMARK_COUNT; i++)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, (gint64) face->landmarks[i][0]);
      json_builder_add_int_value (b, (gint64) face->landmarks[i][1]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  add_quality (b, &face->quality);
  if (descriptors && face->has_descriptor)
    {
      json_builder_set_member_name (b, "descriptor");
      json_builder_begin_array (b);
      for (int i = 0; i < LK_DESCRIPTOR_DIM; i++)
        json_builder_add_double_value (b, face->descriptor[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static char *
to_json_line (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return lk_cli_json_safe (text);
}

static char *
file_json (const char *path, int width, int height, GPtrArray *faces, const GError *error,
           gboolean descriptors)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *display = g_filename_display_name (path);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, display);
  if (error != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
      return to_json_line (b);
    }
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, height);
  json_builder_set_member_name (b, "faces");
  json_builder_begin_array (b);
  for (guint i = 0; i < faces->len; i++)
    add_face (b, g_ptr_array_index (faces, i), descriptors);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return to_json_line (b);
}

/* Results arrive in any order from the workers; lines are printed in the
 * order the files were named, as soon as every earlier one is done. */
typedef struct {
  char     **lines;
  guint      n;
  guint      next;
  guint      failed;
  gboolean   descriptors;
} DetectRun;

static void
on_detect_result (guint index, const char *path, int width, int height, GPtrArray *faces,
                  const GError *error, gpointer user_data)
{
  DetectRun *run = user_data;

  if (error != NULL)
    run->failed++;
  run->lines[index] = file_json (path, width, height, faces, error, run->descriptors);
  while (run->next < run->n && run->lines[run->next] != NULL)
    {
      printf ("%s\n", run->lines[run->next]);
      g_clear_pointer (&run->lines[run->next], g_free);
      run->next++;
    }
  fflush (stdout);
}

static gboolean
options_from_flags (LkAnalyzeOptions *options, int upsample, gboolean thorough, double max_mp, int *exit_code)
{
  if (upsample < -1 || upsample > 2)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("--upsample must be 0, 1 or 2"));
      return FALSE;
    }
  if (upsample >= 0 && thorough)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("--upsample and --thorough cannot be used together"));
      return FALSE;
    }
  if (max_mp < 0)
    {
      *exit_code = lk_cli_error (LK_EXIT_USAGE, _("--max-megapixels must be positive"));
      return FALSE;
    }
  options->mode = thorough ? LK_DETECT_THOROUGH : LK_DETECT_DEFAULT;
  options->upsample = upsample;
  options->max_pixels = (guint64) (max_mp * 1e6);
  return TRUE;
}

int
lk_cli_detect (int argc, char **argv)
{
  int upsample = -1, exit_code = LK_EXIT_OK;
  gboolean thorough = FALSE, descriptors = FALSE;
  double max_mp = 0;
  g_auto(GStrv) files = NULL;
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  DetectRun run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("IMAGE… — find faces and print them as JSON lines"));
  const GOptionEntry entries[] = {
    { "upsample", 'u', 0, G_OPTION_ARG_INT, &upsample, N_("Upsample every photo N times (0-2) before detecting"), "N" },
    { "thorough", 't', 0, G_OPTION_ARG_NONE, &thorough, N_("Upsample every photo once more than the default (slower, finds smaller faces)"), NULL },
    { "descriptors", 'd', 0, G_OPTION_ARG_NONE, &descriptors, N_("Include the 128-number descriptor of each face"), NULL },
    { "max-megapixels", 0, 0, G_OPTION_ARG_DOUBLE, &max_mp, N_("Refuse images with more pixels (default 100)"), "MP" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
      _("Prints one JSON object per image and line: file, width, height and faces (box [x, y, w, h],\n"
        "68 landmarks, quality, and with --descriptors the descriptor). A file that cannot be read\n"
        "prints {\"file\": …, \"error\": …}; the others still run and the exit code is then 1.\n"
        "By default photos of a megapixel or less are upsampled so faces from ~40 px are found;\n"
        "in larger photos faces from ~80 px."));
  if (!lk_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (files == NULL || files[0] == NULL)
    return lk_cli_error (LK_EXIT_USAGE, _("name at least one image (see --help)"));
  if (!options_from_flags (&options, upsample, thorough, max_mp, &exit_code))
    return exit_code;
  options.descriptors = descriptors;

  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    return lk_cli_error (LK_EXIT_MODEL, "%s", error->message);

  run.n = g_strv_length (files);
  run.lines = g_new0 (char *, run.n);
  run.descriptors = descriptors;
  if (!lk_face_engine_analyze_files (engine, (const char * const *) files, run.n, &options,
                                     on_detect_result, NULL, &run, lk_cli_cancellable (), &error))
    exit_code = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                ? LK_EXIT_CANCELLED : lk_cli_error (LK_EXIT_FAILURE, "%s", error->message);
  for (guint i = 0; i < run.n; i++)
    g_free (run.lines[i]);
  g_free (run.lines);
  if (exit_code == LK_EXIT_OK && run.failed > 0)
    exit_code = LK_EXIT_FAILURE;
  return exit_code;
}

/* The largest face of one photo, with its descriptor. */
static LkFace *
largest_face (LkFaceEngine *engine, const char *path, const LkAnalyzeOptions *options, GError **error)
{
  g_autoptr(LkImage) image = lk_image_load (path, options->max_pixels, error);
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (image == NULL)
    return NULL;
  faces = lk_face_engine_analyze (engine, image, options, NULL, error);
  if (faces == NULL)
    {
      g_prefix_error (error, "“%s”: ", display);
      return NULL;
    }
  if (faces->len == 0)
    {
      g_set_error (error, LK_VISION_ERROR, LK_VISION_ERROR_INVALID,
                   _("no face was found in “%s” (try --thorough)"), display);
      return NULL;
    }
  return lk_face_copy (g_ptr_array_index (faces, 0));
}

static void
print_comparison (const char *a, const char *b, float distance, gboolean json)
{
  gboolean under = distance < LK_MATCH_THRESHOLD;

  if (json)
    {
      g_autoptr(JsonBuilder) jb = json_builder_new ();
      g_autofree char *line = NULL;

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "a");
      json_builder_add_string_value (jb, a);
      json_builder_set_member_name (jb, "b");
      json_builder_add_string_value (jb, b);
      json_builder_set_member_name (jb, "distance");
      json_builder_add_double_value (jb, round (distance * 10000) / 10000);
      json_builder_set_member_name (jb, "threshold");
      json_builder_add_double_value (jb, LK_MATCH_THRESHOLD);
      json_builder_set_member_name (jb, "under_threshold");
      json_builder_add_boolean_value (jb, under);
      json_builder_end_object (jb);
      line = to_json_line (jb);
      printf ("%s\n", line);
      return;
    }
  /* Translators: the threshold is a property of the model, not a verdict */
  printf (under ? _("distance %.4f: under the %.1f threshold (the model would call these the same person; a person decides)\n")
                : _("distance %.4f: not under the %.1f threshold (the model would call these different people)\n"),
          distance, LK_MATCH_THRESHOLD);
}

int
lk_cli_compare (int argc, char **argv)
{
  gboolean json = FALSE, thorough = FALSE;
  int exit_code = LK_EXIT_OK;
  g_auto(GStrv) files = NULL;
  LkAnalyzeOptions options = LK_ANALYZE_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkFaceEngine) engine = NULL;
  g_autoptr(LkFace) a = NULL;
  g_autoptr(LkFace) b = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("IMAGE_A IMAGE_B — the distance between the largest face of each"));
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "thorough", 't', 0, G_OPTION_ARG_NONE, &thorough, N_("Upsample once more to find smaller faces"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
      _("Euclidean distance between the descriptors of the largest face in each photo. dlib's network\n"
        "was trained so that photos of one person fall under 0.6; this is evidence for a person to\n"
        "weigh, not an identification."));
  if (!lk_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (files == NULL || g_strv_length (files) != 2)
    return lk_cli_error (LK_EXIT_USAGE, _("name exactly two images (see --help)"));
  options.mode = thorough ? LK_DETECT_THOROUGH : LK_DETECT_DEFAULT;

  engine = lk_face_engine_get_default (&error);
  if (engine == NULL)
    return lk_cli_error (LK_EXIT_MODEL, "%s", error->message);
  if ((a = largest_face (engine, files[0], &options, &error)) == NULL ||
      (b = largest_face (engine, files[1], &options, &error)) == NULL)
    return lk_cli_error (LK_EXIT_FAILURE, "%s", error->message);
  print_comparison (files[0], files[1], lk_descriptor_distance (a->descriptor, b->descriptor), json);
  return LK_EXIT_OK;
}
