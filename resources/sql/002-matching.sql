-- Likeness case schema, version 2: matching (owned by src/match and
-- src/case/lk-case-match.c).  Applied by lk-case-schema.c in one transaction
-- that also sets PRAGMA user_version = 2.
--
-- Candidate lists, match state and clusters are computed data: they are
-- replaced when recomputed (each refresh is one audited "match.refresh").
-- What an analyst decides is never deleted: decisions live in `decisions`,
-- cluster split-outs in `cluster_splits` (refused DELETE below).

-- Evidence strength next to each candidate, as computed with the list.
ALTER TABLE candidates ADD COLUMN impostor_share REAL;          -- share of different-person pairs this close or closer
ALTER TABLE candidates ADD COLUMN share_extrapolated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN expected_lookalikes REAL;     -- impostor_share × gallery_persons
ALTER TABLE candidates ADD COLUMN gallery_persons INTEGER;
-- 1: outside the top K, kept in the list because a decision names the person.
ALTER TABLE candidates ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;

-- The change marker of incremental refresh: one row per probe face whose list
-- is current, with what it was computed from.
CREATE TABLE match_state (
  face_id       INTEGER PRIMARY KEY REFERENCES faces (id),
  model_id      TEXT NOT NULL,
  k             INTEGER NOT NULL,
  decision_mark INTEGER NOT NULL,      -- highest decisions.id of the face then (0: none)
  computed_at   TEXT NOT NULL
);

-- The reference faces (and their persons) the current lists were computed
-- against; the difference to the case's references now says what changed.
CREATE TABLE match_gallery (
  face_id   INTEGER NOT NULL REFERENCES faces (id),
  person_id INTEGER NOT NULL REFERENCES persons (id),
  model_id  TEXT NOT NULL,
  PRIMARY KEY (face_id, person_id)
);

CREATE TABLE clusters (
  id          INTEGER PRIMARY KEY,
  model_id    TEXT NOT NULL,
  threshold   REAL NOT NULL,
  linkage     TEXT NOT NULL,
  computed_at TEXT NOT NULL
);

CREATE TABLE cluster_members (
  cluster_id INTEGER NOT NULL REFERENCES clusters (id),
  face_id    INTEGER NOT NULL REFERENCES faces (id),
  PRIMARY KEY (cluster_id, face_id)
);
CREATE INDEX cluster_members_face ON cluster_members (face_id);

-- An analyst took face_id out of a cluster holding other_face_id: the two are
-- never clustered together again.
CREATE TABLE cluster_splits (
  id            INTEGER PRIMARY KEY,
  face_id       INTEGER NOT NULL REFERENCES faces (id),
  other_face_id INTEGER NOT NULL REFERENCES faces (id),
  reason        TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  analyst_id    INTEGER NOT NULL REFERENCES analysts (id)
);
CREATE INDEX cluster_splits_face ON cluster_splits (face_id);

CREATE TRIGGER cluster_splits_no_delete BEFORE DELETE ON cluster_splits
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case: a split-out stays recorded'); END;
CREATE TRIGGER cluster_splits_no_update BEFORE UPDATE ON cluster_splits
BEGIN SELECT RAISE (ABORT, 'a recorded split-out cannot be changed'); END;
