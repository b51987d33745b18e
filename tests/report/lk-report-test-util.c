#define G_LOG_DOMAIN "test-report"

#include "lk-config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "lk-report-test-util.h"

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A drawn stand-in for a photo or chip: a gradient background with, when
 * `face` is set, a face-like oval so boxes can be checked by eye. */
GBytes *
sample_png (int width, int height, double hue, gboolean face)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, width, height);
  GByteArray *png = g_byte_array_new ();

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.3 + 0.4 * hue, 0.45, 0.6 - 0.3 * hue);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.15, 0.2 + 0.3 * hue, 0.3);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  if (face)
    {
      double cx = width * 0.5, cy = height * 0.45, r = MIN (width, height) * 0.22;

      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, 0.8, 1.0);
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.93, 0.78, 0.65);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.15, 0.1, 0.1);
      cairo_arc (cr, cx - r * 0.3, cy - r * 0.15, r * 0.08, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, cx + r * 0.3, cy - r * 0.15, r * 0.08, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_line_width (cr, r * 0.05);
      cairo_arc (cr, cx, cy + r * 0.2, r * 0.3, 0.2 * G_PI, 0.8 * G_PI);
      cairo_stroke (cr);
    }
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
sample_face (LkReportFace *f, gint64 face_id, const char *photo, double hue)
{
  f->face_id = face_id;
  f->photo_id = face_id + 100;
  f->photo_name = g_strdup (photo);
  f->photo_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, photo, -1);
  f->photo_width = 1200;
  f->photo_height = 800;
  f->box_x = 600 - 150;
  f->box_y = 360 - 190;
  f->box_width = 300;
  f->box_height = 380;
  f->chip = sample_png (150, 150, hue, TRUE);
  f->photo = sample_png (600, 400, hue, TRUE);
  f->quality = g_strdup ("good");
  f->quality_details = g_strdup ("face 300 px across; sharpness 412 (variance of the Laplacian); "
                                 "brightness 131 of 255; contrast 48; turned about 4°");
}

static const char *outcomes[] = { "identified", "excluded", "inconclusive", "insufficient-quality" };

static char *
long_text (void)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; s->len < 5000; i++)
    g_string_append_printf (s, "Observation %d: the ear lobe shape, the nasal bridge and the scar above "
                               "the left eyebrow were compared at full resolution. ", i + 1);
  g_string_truncate (s, 5000);
  return g_string_free (s, FALSE);
}

static void
sample_decision (LkReportData *d, const SampleSpec *spec, guint i)
{
  LkReportDecision *dec = lk_report_decision_new ();
  const char *person = spec->cyrillic ? (i % 2 ? "Олена Шевченко" : "Иван Петров")
                      : spec->bidi ? (i % 2 ? "Maria Lopez" : "Ann \u202ESmith")
                      : (i % 2 ? "Maria Lopez" : "John Smith");

  dec->record.id = 10 + i;
  dec->record.outcome = g_strdup (outcomes[i % 4]);
  dec->record.strength = g_strdup (i % 4 == 0 ? "strong support" : NULL);
  if (spec->long_rationale && i == 0)
    dec->record.rationale = long_text ();
  else if (spec->hostile && i == 0)
    dec->record.rationale = g_strdup ("<script>alert(\"x\")</script> & \"quoted\", comma\nnew line =cmd|' /C calc'!A0");
  else
    dec->record.rationale = g_strdup_printf ("Rationale number %u: ear shape and hairline agree; "
                                            "the chin differs slightly because of the angle.", i + 1);
  dec->record.analyst = g_strdup (spec->cyrillic ? "Аналитик Ковальчук" : "Dana Analyst");
  dec->record.time = g_strdup_printf ("2026-11-2%uT10:%02u:00.000Z", i % 10, i % 60);
  dec->record.person_id = 4 + i;
  dec->record.person_name = g_strdup (person);
  sample_face (&dec->probe, 200 + i, "IMG_0001 probe.jpg", 0.2);
  sample_face (&dec->candidate, 300 + i, spec->cyrillic ? "Фото паспорт.jpg" : "passport.jpg", 0.7);
  dec->has_distance = TRUE;
  dec->distance = 0.35 + 0.05 * i;
  dec->rank = 1 + i % 3;
  dec->has_strength = TRUE;
  dec->impostor_share = 0.00012 * (i + 1);
  dec->share_extrapolated = i == 0;
  dec->gallery_persons = 6;
  dec->expected_lookalikes = dec->impostor_share * 6;
  dec->strength_words = g_strdup ("Similarity this close occurs between different people in about "
                                  "1 of 8,300 comparisons (software estimate).");
  if (spec->flagged && i == 1)
    {
      dec->record.integrity_failed = TRUE;
      dec->record.integrity_message = g_strdup ("decision 11 does not match its audit entry 31: "
                                                "the rationale was changed outside Likeness.");
    }
  if (i == 0)
    {
      LkReportDecisionRecord *old = lk_report_decision_record_new ();

      old->id = 3;
      old->outcome = g_strdup ("inconclusive");
      old->rationale = g_strdup ("First look: too dark to say.");
      old->analyst = g_strdup ("Earlier Analyst");
      old->time = g_strdup ("2026-11-19T09:00:00.000Z");
      old->person_id = dec->record.person_id;
      old->person_name = g_strdup (person);
      dec->record.supersedes_id = 3;
      g_ptr_array_add (dec->superseded, old);
    }
  g_ptr_array_add (d->decisions, dec);
}

static void
sample_audit (LkReportData *d, const SampleSpec *spec)
{
  for (int i = 1; i <= 40; i++)
    {
      LkReportAuditEntry *e = lk_report_audit_entry_new ();

      e->seq = i;
      e->time = g_strdup_printf ("2026-11-20T08:%02d:00.000Z", i);
      e->analyst = g_strdup (i % 3 ? "Dana Analyst" : "Earlier Analyst");
      e->action = g_strdup (i == 1 ? "case.create" : i == 39 ? "decision.add" : i % 2 ? "face.add" : "photo.add");
      e->object = g_strdup_printf (i == 39 ? "decision %d" : i % 2 ? "face %d" : "photo %d", i == 39 ? 10 : i);
      if (i == 39)
        e->details = g_strdup ("{\"new\":{\"id\":10,\"face_id\":200,\"person_id\":4,\"outcome\":\"identified\","
                               "\"strength\":\"moderate\",\"rationale\":\"Ears agree.\"}}");
      else if (i % 2 == 0)
        e->details = g_strdup_printf ("{\"new\":{\"id\":%d,\"original_name\":\"photo_%02d.jpg\",\"role\":\"probe\"}}",
                                      i, i);
      else
        e->details = g_strdup_printf ("{\"new\":{\"id\":%d,\"photo_id\":%d,\"box\":[10,20,30,40]}}", i, i - 1);
      e->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) &i, sizeof i);
      g_ptr_array_add (d->audit, e);
    }
  d->audit_length = d->audit->len;
  d->audit_head = g_strdup (((LkReportAuditEntry *) g_ptr_array_index (d->audit, d->audit->len - 1))->hash);
  d->audit_ok = !spec->broken_chain;
  d->audit_message = g_strdup (spec->broken_chain
                               ? "Entry 17 does not match its hash: the chain was changed after it was written."
                               : "40 entries; every hash and link checks out.");
}

LkReportData *
sample_data (const SampleSpec *spec)
{
  LkReportData *d = lk_report_data_new ();
  const char *analysts[] = { "Dana Analyst", "Earlier Analyst", NULL };
  const char *cyr_analysts[] = { "Аналитик Ковальчук", "Earlier Analyst", NULL };
  const char *bidi_analysts[] = { "Dana \u202EAnalyst", "Earlier Analyst", NULL };

  d->title = g_strdup (spec->cyrillic ? "Харків — ідентифікація 2022" : "Harbour ferry disaster 2026");
  d->number = g_strdup ("HFD-2026-017");
  d->description = g_strdup ("Post-mortem photos from the harbour recovery compared with ante-mortem "
                             "photos supplied by families through the liaison team.");
  d->analysts = g_strdupv ((char **) (spec->cyrillic ? cyr_analysts : spec->bidi ? bidi_analysts : analysts));
  d->created = g_strdup ("2026-11-19T08:00:00.000Z");
  d->modified = g_strdup ("2026-11-26T10:00:00.000Z");
  d->generated = g_strdup ("2026-11-26T12:00:00Z");
  d->generated_by = g_strdup ("Dana Analyst");
  d->software = g_strdup ("Likeness " PACKAGE_VERSION);
  d->n_photos = 12, d->n_probe_photos = 5, d->n_reference_photos = 7;
  d->n_faces = 19, d->n_persons = 6;
  d->n_decisions_current = spec->n_decisions;
  d->n_decisions_superseded = spec->n_decisions > 0;
  d->n_decisions_withdrawn = spec->n_decisions > 1;
  d->n_decisions_recorded = d->n_decisions_current + d->n_decisions_superseded + d->n_decisions_withdrawn;
  for (guint i = 0; i < spec->n_decisions; i++)
    {
      guint *counts[] = { &d->n_identified, &d->n_excluded, &d->n_inconclusive, &d->n_insufficient };
      (*counts[i % 4])++;
      sample_decision (d, spec, i);
    }
  d->evidence_ok = TRUE;
  d->evidence_checked = 12;
  d->evidence_message = g_strdup ("Every file matches its SHA-256.");
  g_ptr_array_add (d->models, lk_report_model_new ("descriptor", "dlib-resnet-v1:7eccf2a8",
                                                   "dlib_face_recognition_resnet_model_v1.dat",
                                                   "7eccf2a8aa8f1e4ef1c6cb0b8d29c9b41e47ef9d1b3e3f2c4bde4c9c9d2d7f01"));
  g_ptr_array_add (d->models, lk_report_model_new ("detector", "dlib HOG frontal face detector", NULL, NULL));
  d->detection = g_strdup ("default: small photos upsampled once");
  d->strength_method = g_strdup ("The distance is compared with the distances of one million pairs of "
                                 "photos of different people.");
  for (int i = 0; i < 12; i++)
    {
      LkReportEvidence *e = lk_report_evidence_new ();

      e->original_name = g_strdup_printf (spec->cyrillic ? "фото_%02d.jpg" : "photo_%02d.jpg", i);
      e->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, e->original_name, -1);
      e->role = g_strdup (i < 5 ? "probe" : "reference");
      e->imported_at = g_strdup ("2026-11-19T08:10:00.000Z");
      e->imported_by = g_strdup ("Dana Analyst");
      e->size = 123456;
      g_ptr_array_add (d->evidence, e);
    }
  g_ptr_array_add (d->import_errors, lk_report_import_error_new ("2026-11-19T08:11:00.000Z", "broken.jpg",
                                                                 "The file is truncated."));
  sample_audit (d, spec);
  return d;
}

char *
run_capture (const char * const *argv, GError **error)
{
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

char *
pdf_text (const char *pdf, int first, int last)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = run_capture (argv, &error);

  g_assert_no_error (error);
  return text;
}

/* The text between the header band and the footer of every page, so that
 * text running across a page break reads on without them (A4: the footer rule is at 797 pt). */
char *
pdf_body_text (const char *pdf)
{
  g_autofree char *l = g_strdup_printf ("%d", pdf_pages (pdf));
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-r", "72", "-x", "0", "-y", "45",
                         "-W", "700", "-H", "745", "-f", "1", "-l", l, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = run_capture (argv, &error);

  g_assert_no_error (error);
  return text;
}

int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *info = run_capture (argv, &error);
  const char *pages;

  g_assert_no_error (error);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return atoi (pages + 6);
}

/* pdftotext breaks lines where the PDF does; compare texts with every run
 * of white space made one space. */
char *
normalise_space (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

char *
render_to_tmp (LkReportData *data, const LkReportOptions *options, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-report-XXXXXX", &error);
  char *path;
  g_autofree char *sha = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  lk_report_render (data, options, path, NULL, NULL, NULL, &sha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha), ==, 64);
  return path;
}

void
remove_tmp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (dir);
}

void
render_pages_png (const char *pdf, int n, const char *prefix)
{
  n = MIN (n, pdf_pages (pdf));
  for (int page = 1; page <= n; page++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page);
      g_autofree char *out = g_strdup_printf ("%s-%d", prefix, page);
      g_autofree char *png = g_strconcat (out, ".png", NULL);
      const char *argv[] = { "pdftoppm", "-r", "60", "-png", "-singlefile", "-f", number, "-l", number,
                             pdf, out, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *stdout_text = run_capture (argv, &error);

      g_assert_no_error (error);
      g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
    }
}
