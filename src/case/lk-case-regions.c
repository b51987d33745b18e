/* lk-case-regions.c — MWG face regions (XMP `mwg-rs:Regions`) in and out.
 *
 * Written and read through gexiv2 (exiv2's XMP toolkit), never by hand:
 * exiv2 keeps the RDF right (the bag, the structs, the namespaces) and reads
 * whatever equivalent form another tool wrote.
 *
 * Sidecar names: "IMG_1.jpg.xmp".  digiKam writes and reads that form by
 * default, darktable too, and exiftool reads any file; it also keeps
 * "IMG_1.jpg" and "IMG_1.heic" apart, which "IMG_1.xmp" (Lightroom's form,
 * for raw files) cannot.  Import reads both forms.
 *
 * Orientation: our boxes are in the displayed (orientation-corrected) photo,
 * and AppliedToDimensions gives that photo's size; this is what digiKam and
 * exiftool's MWG composite tags assume for JPEGs.  A photo copied with an
 * EXIF rotation is exported as it is, with regions in its displayed frame.
 */
#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <errno.h>
#include <gexiv2/gexiv2.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-case-private.h"
#include "lk-case-regions.h"

#define REGIONS "Xmp.mwg-rs.Regions"
#define REGION_LIST REGIONS "/mwg-rs:RegionList"

/* exiv2 opens an XMP sidecar only when it holds a packet: this empty one is
 * the starting point exiv2 then fills (no XML is parsed or built here). */
static const char empty_packet[] =
  "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta><?xpacket end=\"w\"?>";

static gpointer
init_exiv2 (gpointer data)
{
  gexiv2_initialize ();
  return NULL;
}

static void
ensure_exiv2 (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_exiv2, NULL);
}

void
lk_region_free (LkRegion *region)
{
  if (region == NULL)
    return;
  g_free (region->type);
  g_free (region->name);
  g_free (region);
}

/* ---- Reading ------------------------------------------------------------ */

static char *
item_tag (GExiv2Metadata *meta, guint i, const char *member)
{
  g_autofree char *tag = g_strdup_printf (REGION_LIST "[%u]/%s", i, member);
  char *value;

  if (!gexiv2_metadata_try_has_tag (meta, tag, NULL))
    return NULL;
  value = gexiv2_metadata_try_get_tag_string (meta, tag, NULL);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    g_clear_pointer (&value, g_free);
  return value != NULL ? g_strstrip (value) : NULL;
}

static gboolean
item_number (GExiv2Metadata *meta, guint i, const char *member, double *out)
{
  g_autofree char *text = item_tag (meta, i, member);
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

/* Region i (1-based), or NULL when it is not a usable face region. */
static LkRegion *
read_region (GExiv2Metadata *meta, guint i)
{
  g_autoptr(LkRegion) r = g_new0 (LkRegion, 1);
  g_autofree char *unit = item_tag (meta, i, "mwg-rs:Area/stArea:unit");

  r->type = item_tag (meta, i, "mwg-rs:Type");
  r->name = item_tag (meta, i, "mwg-rs:Name");
  if (r->type == NULL)
    r->type = g_strdup ("");
  if (r->name == NULL)
    r->name = g_strdup ("");
  if (g_ascii_strcasecmp (r->type, "Face") != 0 || g_strcmp0 (unit, "normalized") != 0 ||
      !item_number (meta, i, "mwg-rs:Area/stArea:x", &r->cx) ||
      !item_number (meta, i, "mwg-rs:Area/stArea:y", &r->cy) ||
      !item_number (meta, i, "mwg-rs:Area/stArea:w", &r->w) ||
      !item_number (meta, i, "mwg-rs:Area/stArea:h", &r->h))
    return NULL;
  if (r->w <= 0 || r->h <= 0 || r->w > 1 || r->h > 1 || r->cx < 0 || r->cx > 1 || r->cy < 0 || r->cy > 1)
    return NULL;
  return g_steal_pointer (&r);
}

static GPtrArray *
regions_of (const char *path)
{
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  GPtrArray *regions = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_region_free);
  g_autofree char *first = NULL;

  if (!gexiv2_metadata_open_path (meta, path, NULL) || !gexiv2_metadata_has_xmp (meta))
    return regions;
  /* Tools number the bag from 1; a gap ends it, as in exiv2's own keys. */
  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *type = item_tag (meta, i, "mwg-rs:Type");
      g_autofree char *x = item_tag (meta, i, "mwg-rs:Area/stArea:x");
      LkRegion *r;

      if (type == NULL && x == NULL)
        break;
      r = read_region (meta, i);
      if (r != NULL)
        g_ptr_array_add (regions, r);
    }
  return regions;
}

GPtrArray *
lk_regions_read (const char *path, char **out_source)
{
  g_autofree char *dir = NULL, *base = NULL, *stem = NULL;
  const char *candidates[2];
  GPtrArray *regions;

  g_return_val_if_fail (path != NULL, NULL);
  ensure_exiv2 ();
  regions = regions_of (path);
  if (regions->len > 0)
    {
      if (out_source != NULL)
        *out_source = g_strdup ("XMP");
      return regions;
    }
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  stem = g_strndup (base, strrchr (base, '.') != NULL ? (gsize) (strrchr (base, '.') - base) : strlen (base));
  candidates[0] = g_strconcat (base, ".xmp", NULL);
  candidates[1] = g_strconcat (stem, ".xmp", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *sidecar = g_build_filename (dir, candidates[i], NULL);

      if (regions->len == 0 && g_file_test (sidecar, G_FILE_TEST_IS_REGULAR))
        {
          g_ptr_array_unref (regions);
          regions = regions_of (sidecar);
          if (regions->len > 0 && out_source != NULL)
            *out_source = g_strdup (candidates[i]);
        }
    }
  g_free ((char *) candidates[0]);
  g_free ((char *) candidates[1]);
  return regions;
}

/* ---- Exporting ---------------------------------------------------------- */

typedef struct {
  LkPhoto *photo;
  char    *copy;      /* full path of the photo's copy in the folder */
  char    *sidecar;   /* copy + ".xmp" */
} Planned;

static void
planned_clear (gpointer data)
{
  Planned *p = data;

  lk_photo_free (p->photo);
  g_free (p->copy);
  g_free (p->sidecar);
}

/* Real path of `folder`, made when missing; refuses the case folder and
 * anything inside it, links resolved (evidence must never be written). */
static char *
prepare_folder (LkCase *self, const char *folder, GError **error)
{
  g_autofree char *case_real = realpath (lk_case_get_path (self), NULL);
  g_autofree char *real = NULL;
  g_autofree char *display = g_filename_display_name (folder);
  gboolean made = !g_file_test (folder, G_FILE_TEST_EXISTS);

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot make the folder %s: %s"), display,
                   g_strerror (saved));
      return NULL;
    }
  real = realpath (folder, NULL);
  if (real == NULL || case_real == NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot resolve the folder %s"), display);
      return NULL;
    }
  if (g_str_equal (real, case_real) ||
      (g_str_has_prefix (real, case_real) && real[strlen (case_real)] == G_DIR_SEPARATOR))
    {
      if (made)
        g_rmdir (real);
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("%s is inside the case folder: export face regions to a folder outside the case, "
                     "so that nothing is ever written beside the evidence"), display);
      return NULL;
    }
  return g_steal_pointer (&real);
}

/* The copy's name: the photo's original name, or "photo-ID-NAME" when two
 * photos of the case share one (evidence keeps every content once, but two
 * folders can both hold an IMG_0001.JPG). */
static char *
copy_name (const LkPhoto *photo, GHashTable *used)
{
  g_autofree char *base = g_path_get_basename (photo->original_name != NULL ? photo->original_name
                                                                            : photo->evidence_name);
  char *name;

  if (lk_case_is_blank (base) || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    {
      g_free (base);
      base = g_strdup (photo->evidence_name);
    }
  name = g_hash_table_contains (used, base)
    ? g_strdup_printf ("photo-%" PRId64 "-%s", photo->id, base) : g_strdup (base);
  g_hash_table_add (used, g_strdup (name));
  return name;
}

static gboolean
refuse_existing (const char *path, const char *folder, GError **error)
{
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return TRUE;
  base = g_filename_display_basename (path);
  display = g_filename_display_name (folder);
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_EXISTS,
               _("%s already exists in %s: Likeness never overwrites files there (another tool's "
                 "tags may be in them); export into an empty folder"), base, display);
  return FALSE;
}

/* Every target named and checked before the first byte is written. */
static GArray *
plan_export (LkCase *self, const char *folder, GError **error)
{
  g_autoptr(GPtrArray) photos = lk_case_list_photos (self, -1, error);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) plan = g_array_new (FALSE, TRUE, sizeof (Planned));
  g_autofree LkPhoto **list = NULL;
  gsize n = 0;

  g_array_set_clear_func (plan, planned_clear);
  if (photos == NULL)
    return NULL;
  /* The plan owns the photos from here, each freed with its entry. */
  list = (LkPhoto **) g_ptr_array_steal (photos, &n);
  for (gsize i = 0; i < n; i++)
    {
      Planned p = { list[i], NULL, NULL };
      g_array_append_val (plan, p);
    }
  for (guint i = 0; i < plan->len; i++)
    {
      Planned *p = &g_array_index (plan, Planned, i);
      g_autofree char *name = NULL;

      name = copy_name (p->photo, used);
      p->copy = g_build_filename (folder, name, NULL);
      p->sidecar = g_strconcat (p->copy, ".xmp", NULL);
      if (!refuse_existing (p->copy, folder, error) || !refuse_existing (p->sidecar, folder, error))
        return NULL;
    }
  return g_steal_pointer (&plan);
}

static gboolean
set_tag (GExiv2Metadata *meta, const char *tag, const char *value, GError **error)
{
  return gexiv2_metadata_try_set_tag_string (meta, tag, value, error);
}

static gboolean
set_number (GExiv2Metadata *meta, const char *tag, double value, GError **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* Six decimals: a pixel of a 100-megapixel photo, without float noise. */
  return set_tag (meta, tag, g_ascii_formatd (text, sizeof text, "%.6f", value), error);
}

static gboolean
write_region (GExiv2Metadata *meta, guint i, const LkCaseFace *face, const LkPhoto *photo, GError **error)
{
  g_autofree char *item = g_strdup_printf (REGION_LIST "[%u]", i);
  g_autofree char *type = g_strconcat (item, "/mwg-rs:Type", NULL);
  g_autofree char *name = g_strconcat (item, "/mwg-rs:Name", NULL);
  g_autofree char *x = g_strconcat (item, "/mwg-rs:Area/stArea:x", NULL);
  g_autofree char *y = g_strconcat (item, "/mwg-rs:Area/stArea:y", NULL);
  g_autofree char *w = g_strconcat (item, "/mwg-rs:Area/stArea:w", NULL);
  g_autofree char *h = g_strconcat (item, "/mwg-rs:Area/stArea:h", NULL);
  g_autofree char *unit = g_strconcat (item, "/mwg-rs:Area/stArea:unit", NULL);

  if (!set_tag (meta, type, "Face", error) ||
      !set_number (meta, x, (face->x + face->width / 2.0) / photo->width, error) ||
      !set_number (meta, y, (face->y + face->height / 2.0) / photo->height, error) ||
      !set_number (meta, w, (double) face->width / photo->width, error) ||
      !set_number (meta, h, (double) face->height / photo->height, error) ||
      !set_tag (meta, unit, "normalized", error))
    return FALSE;
  /* Only a current identification names a face: a reference link, an
   * exclusion or an undone decision never does. */
  if (face->status == LK_FACE_STATUS_IDENTIFIED && face->person_name != NULL &&
      !set_tag (meta, name, face->person_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
write_dimensions (GExiv2Metadata *meta, const LkPhoto *photo, GError **error)
{
  g_autofree char *w = g_strdup_printf ("%d", photo->width);
  g_autofree char *h = g_strdup_printf ("%d", photo->height);

  return set_tag (meta, REGIONS "/mwg-rs:AppliedToDimensions/stDim:w", w, error) &&
         set_tag (meta, REGIONS "/mwg-rs:AppliedToDimensions/stDim:h", h, error) &&
         set_tag (meta, REGIONS "/mwg-rs:AppliedToDimensions/stDim:unit", "pixel", error);
}

/* The sidecar of one photo; counts what it wrote. */
static gboolean
write_sidecar (LkCase *self, const Planned *p, LkRegionsExport *count, GError **error)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  guint n = 0;

  filter.photo_id = p->photo->id;
  faces = lk_case_list_faces (self, &filter, error);
  if (faces == NULL || !g_file_set_contents (p->sidecar, empty_packet, -1, error) ||
      !gexiv2_metadata_open_path (meta, p->sidecar, error))
    return FALSE;
  if (p->photo->width > 0 && p->photo->height > 0)
    {
      if (!gexiv2_metadata_try_set_xmp_tag_struct (meta, REGION_LIST, GEXIV2_STRUCTURE_XA_BAG, error) ||
          !write_dimensions (meta, p->photo, error))
        return FALSE;
      for (guint i = 0; i < faces->len; i++)
        {
          const LkCaseFace *face = g_ptr_array_index (faces, i);

          if (face->not_a_face)
            continue;
          if (!write_region (meta, ++n, face, p->photo, error))
            return FALSE;
          count->n_named += face->status == LK_FACE_STATUS_IDENTIFIED && face->person_name != NULL;
        }
    }
  count->n_regions += n;
  return gexiv2_metadata_save_file (meta, p->sidecar, error);
}

/* The evidence file, byte for byte (read, never opened for writing). */
static gboolean
copy_evidence (LkCase *self, const Planned *p, GError **error)
{
  g_autofree char *evidence = lk_case_get_evidence_path (self, p->photo->id, error);
  g_autoptr(GFile) from = NULL, to = NULL;

  if (evidence == NULL)
    return FALSE;
  from = g_file_new_for_path (evidence);
  to = g_file_new_for_path (p->copy);
  /* No G_FILE_COPY_OVERWRITE: a file that appeared since the plan is kept. */
  return g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

static char *
export_details (const char *folder, const LkRegionsExport *count)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "folder");
  json_builder_add_string_value (b, folder);
  json_builder_set_member_name (b, "photos");
  json_builder_add_int_value (b, count->n_photos);
  json_builder_set_member_name (b, "regions");
  json_builder_add_int_value (b, count->n_regions);
  json_builder_set_member_name (b, "named");
  json_builder_add_int_value (b, count->n_named);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return lk_case_json_canonical (root);
}

gboolean
lk_case_export_regions (LkCase *self, const char *analyst, const char *folder, LkRegionsExport *out,
                        GError **error)
{
  LkRegionsExport count = { 0 };
  g_autofree char *real = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GArray) plan = NULL;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL && folder != NULL, FALSE);

  ensure_exiv2 ();
  real = prepare_folder (self, folder, error);
  if (real == NULL || (plan = plan_export (self, real, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < plan->len; i++)
    {
      const Planned *p = &g_array_index (plan, Planned, i);

      if (!copy_evidence (self, p, error) || !write_sidecar (self, p, &count, error))
        return FALSE;
      count.n_photos++;
    }
  details = export_details (real, &count);
  if (!lk_case_log_event (self, analyst, "regions.export", "case", 0, details, error))
    return FALSE;
  if (out != NULL)
    *out = count;
  return TRUE;
}
