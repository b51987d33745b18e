/* lk-case-video.h — videos as evidence, and the stills taken from them.
 *
 * A video is kept in evidence/ like a photo (lk_case_store_evidence() first,
 * then lk_case_add_video()).  Its faces live on stills: probe photos whose
 * evidence is a PNG of exactly one decoded frame, added with
 * lk_case_add_photo() and then tied to the video and time code with
 * lk_case_add_video_still(); each face on a still is tied to its track with
 * lk_case_add_video_face().  Every row is audited ("video.add",
 * "video.still", "video.face") and rebuilt by lk_case_verify_audit().
 */
#pragma once

#include "case/lk-case.h"

G_BEGIN_DECLS

typedef struct {
  const char *sha256;            /* from lk_case_store_evidence(); the file must be there */
  const char *original_path;     /* where it came from, as given */
  int         width, height;
  double      fps;
  gint64      duration_ms;       /* as the container says; 0 when unknown */
  gint64      decoded_ms;        /* time code of the last frame decoded */
  gint64      frame_interval_ms; /* the import's sampling setting */
  guint       faces_per_track;   /* the import's best-frames setting */
  guint       n_frames_sampled;
  guint       n_tracks;
  const char *decode_error;      /* why decoding stopped early; NULL when it did not */
} LkVideoNew;

typedef struct {
  gint64  id;
  char   *sha256;
  char   *evidence_name;
  char   *original_name;
  char   *original_path;
  gint64  size;
  int     width, height;
  double  fps;
  gint64  duration_ms, decoded_ms, frame_interval_ms;
  guint   faces_per_track, n_frames_sampled, n_tracks;
  char   *decode_error;          /* NULL when the whole video decoded */
  char   *imported_at;
  char   *analyst;
} LkVideo;

/* Where a still came from. */
typedef struct {
  gint64  id;                    /* the video_stills row */
  gint64  photo_id;
  gint64  video_id;
  gint64  time_ms;
  gint64  frame_index;
  char   *video_name;            /* the video's original file name */
  char   *video_sha256;
} LkVideoStill;

/* Where lk_case_store_evidence() keeps the file of that SHA-256 imported
 * from original_path (evidence/SHA256.ext): the importer decodes this copy,
 * so the frames analysed come from exactly the bytes hashed. */
char         *lk_case_get_evidence_path_for (LkCase *self, const char *sha256, const char *original_path);

void          lk_video_free              (LkVideo *video);
void          lk_video_still_free        (LkVideoStill *still);
/* "01:02:03.450" (hours only when needed: "02:03.450"). */
char         *lk_format_time_code        (gint64 time_ms);

/* Returns the new id, 0 on error; an SHA-256 already in the case is INVALID. */
gint64        lk_case_add_video          (LkCase *self, const char *analyst, const LkVideoNew *video,
                                          GError **error);
LkVideo      *lk_case_get_video          (LkCase *self, gint64 video_id, GError **error);
/* NULL without error when absent. */
LkVideo      *lk_case_find_video_by_sha256 (LkCase *self, const char *sha256, GError **error);
/* Of LkVideo, by id. */
GPtrArray    *lk_case_list_videos        (LkCase *self, GError **error);

gint64        lk_case_add_video_still    (LkCase *self, const char *analyst, gint64 video_id,
                                          gint64 photo_id, gint64 time_ms, gint64 frame_index,
                                          GError **error);
/* NULL without error when the photo is no still of a video. */
LkVideoStill *lk_case_get_video_still    (LkCase *self, gint64 photo_id, GError **error);
/* Of LkVideoStill, in time order. */
GPtrArray    *lk_case_list_video_stills  (LkCase *self, gint64 video_id, GError **error);

gint64        lk_case_add_video_face     (LkCase *self, const char *analyst, gint64 face_id,
                                          gint64 still_id, guint track, GError **error);
/* The track of a face on a still (0 with no error when it has none). */
guint         lk_case_get_face_track     (LkCase *self, gint64 face_id, GError **error);
/* The stills holding a face of (video, track), in time order (of LkVideoStill). */
GPtrArray    *lk_case_list_track_stills  (LkCase *self, gint64 video_id, guint track, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVideo, lk_video_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkVideoStill, lk_video_still_free)

G_END_DECLS
