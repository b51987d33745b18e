-- Likeness case schema, version 1.
-- Applied by lk-case-schema.c inside one transaction that also sets
-- PRAGMA user_version = 1.  Nothing is deleted from a case: rows are marked
-- (not_a_face, retired, removed) or superseded, and the triggers at the end
-- refuse DELETE on every evidence-bearing table and any change to audit_log.

CREATE TABLE case_info (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  uuid        TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  number      TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

CREATE TABLE analysts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  first_seen TEXT NOT NULL
);

CREATE TABLE persons (
  id             INTEGER PRIMARY KEY,
  display_name   TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
  aliases        TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings
  born           TEXT NOT NULL DEFAULT '',      -- ISO date or free text
  died           TEXT NOT NULL DEFAULT '',
  notes          TEXT NOT NULL DEFAULT '',
  external_ref   TEXT NOT NULL DEFAULT '',
  retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  retired_reason TEXT,
  created_at     TEXT NOT NULL,
  analyst_id     INTEGER NOT NULL REFERENCES analysts (id)
);

CREATE TABLE photos (
  id                 INTEGER PRIMARY KEY,
  role               TEXT NOT NULL CHECK (role IN ('probe', 'reference')),
  sha256             TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  evidence_name      TEXT NOT NULL,
  original_name      TEXT NOT NULL,
  original_path      TEXT NOT NULL,
  size               INTEGER NOT NULL,
  width              INTEGER NOT NULL DEFAULT 0,
  height             INTEGER NOT NULL DEFAULT 0,
  imported_at        TEXT NOT NULL,
  analyst_id         INTEGER NOT NULL REFERENCES analysts (id),
  exif_time          TEXT,
  camera_make        TEXT,
  camera_model       TEXT,
  gps_latitude       REAL,
  gps_longitude      REAL,
  gps_altitude       REAL,
  is_collage         INTEGER NOT NULL DEFAULT 0 CHECK (is_collage IN (0, 1)),
  analyzed_at        TEXT,        -- face detection finished (NULL: still to do)
  intended_person_id INTEGER REFERENCES persons (id)
);
CREATE INDEX photos_role ON photos (role);

CREATE TABLE import_errors (
  id         INTEGER PRIMARY KEY,
  path       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  time       TEXT NOT NULL,
  analyst_id INTEGER NOT NULL REFERENCES analysts (id)
);

-- The descriptor sits early in the row and the chip lives in its own table so
-- that loading every descriptor for matching is one narrow scan (1,000,000
-- faces in well under 2 s) instead of a walk over chip overflow pages.
CREATE TABLE faces (
  id             INTEGER PRIMARY KEY,
  photo_id       INTEGER NOT NULL REFERENCES photos (id),
  not_a_face     INTEGER NOT NULL DEFAULT 0 CHECK (not_a_face IN (0, 1)),
  model_id       TEXT,
  descriptor     BLOB CHECK (descriptor IS NULL OR length(descriptor) = 512),   -- 128 × float32 LE
  x              INTEGER NOT NULL,
  y              INTEGER NOT NULL,
  width          INTEGER NOT NULL CHECK (width > 0),
  height         INTEGER NOT NULL CHECK (height > 0),
  origin         TEXT NOT NULL CHECK (origin IN ('detected', 'manual')),
  detector_score REAL NOT NULL DEFAULT 0,
  quality        TEXT NOT NULL DEFAULT '{}',    -- JSON object
  landmarks      BLOB CHECK (landmarks IS NULL OR length(landmarks) = 544),    -- 68 × (x, y) float32 LE
  not_a_face_reason TEXT,
  created_at     TEXT NOT NULL,
  analyst_id     INTEGER NOT NULL REFERENCES analysts (id)
);
CREATE INDEX faces_photo ON faces (photo_id);

CREATE TABLE face_chips (
  face_id INTEGER PRIMARY KEY REFERENCES faces (id),
  mime    TEXT NOT NULL,
  data    BLOB NOT NULL
);

CREATE TABLE reference_faces (
  id             INTEGER PRIMARY KEY,
  face_id        INTEGER NOT NULL REFERENCES faces (id),
  person_id      INTEGER NOT NULL REFERENCES persons (id),
  linked_at      TEXT NOT NULL,
  analyst_id     INTEGER NOT NULL REFERENCES analysts (id),
  removed        INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  removed_at     TEXT,
  removed_by     INTEGER REFERENCES analysts (id),
  removed_reason TEXT
);
CREATE UNIQUE INDEX reference_faces_active ON reference_faces (face_id, person_id) WHERE removed = 0;
CREATE INDEX reference_faces_person ON reference_faces (person_id);

-- Computed proposals (written by the matching module); replaced when recomputed.
CREATE TABLE candidates (
  id                INTEGER PRIMARY KEY,
  face_id           INTEGER NOT NULL REFERENCES faces (id),
  person_id         INTEGER NOT NULL REFERENCES persons (id),
  reference_face_id INTEGER REFERENCES faces (id),
  distance          REAL NOT NULL,
  rank              INTEGER NOT NULL,
  model_id          TEXT NOT NULL,
  computed_at       TEXT NOT NULL
);
CREATE INDEX candidates_face ON candidates (face_id, rank);

CREATE TABLE decisions (
  id            INTEGER PRIMARY KEY,
  face_id       INTEGER NOT NULL REFERENCES faces (id),
  person_id     INTEGER REFERENCES persons (id),
  -- 'withdrawn' only ever supersedes a decision taken back (lk_case_withdraw_decision).
  outcome       TEXT NOT NULL CHECK (outcome IN ('identified', 'excluded', 'inconclusive',
                                                 'insufficient-quality', 'withdrawn')),
  strength      TEXT NOT NULL DEFAULT '',
  rationale     TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  analyst_id    INTEGER NOT NULL REFERENCES analysts (id),
  decided_at    TEXT NOT NULL,
  supersedes    INTEGER REFERENCES decisions (id),
  superseded_by INTEGER REFERENCES decisions (id),
  CHECK (person_id IS NOT NULL OR outcome IN ('insufficient-quality', 'withdrawn'))
);
CREATE INDEX decisions_face ON decisions (face_id, person_id);

-- The audit chain.  hash = SHA-256 over the canonical serialisation of every
-- other column (see lk-case-audit.c); prev_hash links to the previous entry.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  time        TEXT NOT NULL,
  analyst     TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   INTEGER NOT NULL,
  details     TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only: entries cannot be deleted'); END;

CREATE TRIGGER case_info_no_delete BEFORE DELETE ON case_info
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER analysts_no_delete BEFORE DELETE ON analysts
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER persons_no_delete BEFORE DELETE ON persons
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: retire the person instead'); END;
CREATE TRIGGER photos_no_delete BEFORE DELETE ON photos
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER import_errors_no_delete BEFORE DELETE ON import_errors
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER faces_no_delete BEFORE DELETE ON faces
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: mark it not a face instead'); END;
CREATE TRIGGER face_chips_no_delete BEFORE DELETE ON face_chips
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER reference_faces_no_delete BEFORE DELETE ON reference_faces
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: remove the link instead'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: record a superseding decision'); END;
