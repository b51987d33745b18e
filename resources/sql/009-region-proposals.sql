-- Likeness case schema, version 9: names other tools gave the faces of an
-- imported photo (MWG face regions in its XMP or an XMP sidecar: digiKam,
-- Lightroom, Picasa), kept as *proposed* references.  A proposal never
-- identifies anyone: the analyst confirms it (the face becomes a reference
-- of a person, through reference_faces as any link) or rejects it.
-- Applied by lk-case-schema.c in one transaction that also sets
-- PRAGMA user_version = 9; it needs only tables of 001, so it applies after
-- whatever 007 and 008 add.
--
-- Every row is written through lk-case-proposals.c with its audit entry
-- ("proposal.add", "proposal.confirm", "proposal.reject") and rebuilt by
-- lk_case_verify_audit(); nothing is deleted.

CREATE TABLE region_proposals (
  id           INTEGER PRIMARY KEY,
  photo_id     INTEGER NOT NULL REFERENCES photos (id),
  -- The detected face the region overlaps most (intersection over union of
  -- at least 0.3, see lk-case-proposals.c); NULL when no face matches.
  face_id      INTEGER REFERENCES faces (id),
  -- The region as the tool wrote it: normalised centre and size (0..1).
  cx           REAL NOT NULL,
  cy           REAL NOT NULL,
  w            REAL NOT NULL,
  h            REAL NOT NULL,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  source       TEXT NOT NULL,          -- "XMP" (embedded) or the sidecar's file name
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'rejected')),
  person_id    INTEGER REFERENCES persons (id),     -- set when confirmed
  created_at   TEXT NOT NULL,
  created_by   INTEGER NOT NULL REFERENCES analysts (id),
  decided_at   TEXT,
  decided_by   INTEGER REFERENCES analysts (id),
  reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX region_proposals_photo ON region_proposals (photo_id);
CREATE INDEX region_proposals_state ON region_proposals (state);

CREATE TRIGGER region_proposals_no_delete BEFORE DELETE ON region_proposals
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: reject the proposal instead'); END;
