-- Likeness case schema, version 8: video evidence.  Applied by
-- lk-case-schema.c in one transaction that also sets PRAGMA user_version = 8.
--
-- A video is evidence like a photo (kept byte for byte in evidence/ as
-- SHA256.ext, read-only).  Faces are not stored against the video itself:
-- the importer samples frames, links the faces of one person into a track,
-- and keeps each track's best frames as derived stills — ordinary probe
-- photos whose evidence is a PNG of exactly the decoded frame.  The tables
-- below say which video and time code a still came from and which track each
-- of its faces belongs to.  Every row is written through lk-case-videos.c
-- with its audit entry ("video.add", "video.still", "video.face") and rebuilt
-- by lk_case_verify_audit(); nothing here is ever changed or deleted.

CREATE TABLE videos (
  id                INTEGER PRIMARY KEY,
  sha256            TEXT NOT NULL UNIQUE,
  evidence_name     TEXT NOT NULL,
  original_name     TEXT NOT NULL,
  original_path     TEXT NOT NULL,
  size              INTEGER NOT NULL,
  width             INTEGER NOT NULL,
  height            INTEGER NOT NULL,
  fps               REAL NOT NULL,
  duration_ms       INTEGER NOT NULL,   -- as the container says; 0 when it does not
  decoded_ms        INTEGER NOT NULL,   -- time code of the last frame decoded
  frame_interval_ms INTEGER NOT NULL,   -- the sampling setting of the import
  faces_per_track   INTEGER NOT NULL,   -- the best-frames setting of the import
  n_frames_sampled  INTEGER NOT NULL,
  n_tracks          INTEGER NOT NULL,
  decode_error      TEXT,               -- why decoding stopped early; NULL when it did not
  imported_at       TEXT NOT NULL,
  analyst_id        INTEGER NOT NULL REFERENCES analysts (id)
);

-- A still: one photo made from one decoded frame of a video.
CREATE TABLE video_stills (
  id          INTEGER PRIMARY KEY,
  photo_id    INTEGER NOT NULL UNIQUE REFERENCES photos (id),
  video_id    INTEGER NOT NULL REFERENCES videos (id),
  time_ms     INTEGER NOT NULL,
  frame_index INTEGER NOT NULL
);
CREATE INDEX video_stills_video ON video_stills (video_id, time_ms);

-- The track (numbered from 1 within its video) a face on a still belongs to.
CREATE TABLE video_faces (
  id        INTEGER PRIMARY KEY,
  face_id   INTEGER NOT NULL UNIQUE REFERENCES faces (id),
  still_id  INTEGER NOT NULL REFERENCES video_stills (id),
  track     INTEGER NOT NULL CHECK (track > 0)
);
CREATE INDEX video_faces_track ON video_faces (still_id, track);
