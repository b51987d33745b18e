/* lk-case-regions.h — face regions other tools read and write: the Metadata
 * Working Group's `mwg-rs:Regions` in XMP (digiKam, Lightroom, Picasa,
 * exiftool), through gexiv2.  Export writes them into XMP sidecars beside
 * copies of the evidence (never into evidence); import reads them from a
 * photo or its sidecar as *proposed* references (lk-case-proposals.c). */
#pragma once

#include "case/lk-case.h"

G_BEGIN_DECLS

/* One MWG region: the area as the standard gives it, normalised to the
 * image (centre x/y, width/height, 0..1), in the displayed orientation. */
typedef struct {
  char   *type;     /* "Face", "Pet", "Focus", "BarCode"; "" when absent */
  char   *name;     /* "" when the region has none */
  double  cx, cy, w, h;
} LkRegion;

void        lk_region_free              (LkRegion *region);

/* The MWG face regions of an image file: its embedded XMP, else the sidecar
 * beside it ("photo.jpg.xmp", then "photo.xmp").  Regions of another type
 * than Face, with a unit other than "normalized", or outside the image are
 * left out.  *out_source (nullable) says where they were read: "XMP" or the
 * sidecar's file name.  An array (maybe empty) — unreadable metadata is no
 * error, as for EXIF. */
GPtrArray  *lk_regions_read             (const char *path, char **out_source);

typedef struct {
  guint  n_photos;      /* photo copies written (each with its sidecar) */
  guint  n_regions;     /* face regions written */
  guint  n_named;       /* of them, with the name of a current identification */
} LkRegionsExport;

/* Copies every photo's evidence file into `folder` (created when missing) and
 * writes "NAME.EXT.xmp" beside each copy with one face region per face that
 * is not marked "not a face"; a region's Name is the person's display name
 * only when a current decision identifies the face.  Refuses a folder inside
 * the case folder (EXISTS/INVALID) and any file already there (EXISTS),
 * before writing anything.  Audited as "regions.export". */
gboolean    lk_case_export_regions      (LkCase           *self,
                                         const char       *analyst,
                                         const char       *folder,
                                         LkRegionsExport  *out,         /* nullable */
                                         GError          **error);

/* ---- Proposed references (lk-case-proposals.c) ---------------------------- */

/* A name another tool gave a face region of an imported photo.  Never an
 * identification: pending until the analyst confirms it (the matching face
 * becomes a reference of a person) or rejects it; both audited. */
typedef struct {
  gint64  id;
  gint64  photo_id;
  char   *photo_file;   /* the photo's original file name */
  gint64  face_id;      /* the detected face the region overlaps; 0 when none */
  double  cx, cy, w, h; /* the region, normalised as the tool wrote it */
  char   *name;         /* the proposed name */
  char   *source;       /* "XMP" (embedded) or the sidecar's file name */
  char   *state;        /* "pending", "confirmed" or "rejected" */
  gint64  person_id;    /* confirmed: the person the face is a reference of */
  char   *created_at;
  char   *decided_at;   /* NULL while pending */
  char   *decided_by;
  char   *reason;       /* why rejected; "" when none */
} LkProposal;

void        lk_proposal_free            (LkProposal *proposal);

/* The named face regions of a photo as pending proposals, each matched to the
 * photo's detected face it overlaps most (intersection over union ≥ 0.3).
 * A photo that already has proposals gets none again (a re-import).
 * *out_added (nullable): how many were recorded. */
gboolean    lk_case_add_region_proposals (LkCase      *self,
                                          const char  *analyst,
                                          gint64       photo_id,
                                          GPtrArray   *regions,     /* of LkRegion */
                                          const char  *source,
                                          guint       *out_added,
                                          GError     **error);
/* Of LkProposal, by id; state NULL for all, else "pending", "confirmed", "rejected". */
GPtrArray  *lk_case_list_proposals      (LkCase *self, const char *state, GError **error);
LkProposal *lk_case_get_proposal        (LkCase *self, gint64 proposal_id, GError **error);
/* Confirms a pending proposal: the matched face becomes a reference of
 * person_id, or (0) of the person with the proposed name, made when there is
 * none.  The photo must be a reference photo (as for any reference link).
 * Returns the person's id, 0 on error. */
gint64      lk_case_confirm_proposal    (LkCase      *self,
                                         const char  *analyst,
                                         gint64       proposal_id,
                                         gint64       person_id,
                                         GError     **error);
gboolean    lk_case_reject_proposal     (LkCase      *self,
                                         const char  *analyst,
                                         gint64       proposal_id,
                                         const char  *reason,       /* nullable */
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkRegion, lk_region_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkProposal, lk_proposal_free)

G_END_DECLS
