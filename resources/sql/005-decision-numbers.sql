-- Likeness case schema, version 5: what the software showed for (face,
-- person) when a decision was recorded.  A report prints these numbers, never
-- the candidates table's (computed data, replaced by every refresh and not
-- vouched for by the audit chain): being columns of the decision row they are
-- in the decision's audit snapshot, so verification vouches for them.
--
-- Filled by lk_case_add_decision from the candidate row of the person after
-- its distance was checked against the two faces' stored descriptors; when the
-- row is missing or disagrees only the distance measured then is kept (no
-- share).  NULL in decisions recorded before version 5.
ALTER TABLE decisions ADD COLUMN shown_reference_face_id INTEGER REFERENCES faces (id);
ALTER TABLE decisions ADD COLUMN shown_distance REAL;
ALTER TABLE decisions ADD COLUMN shown_rank INTEGER;                 -- NULL: not on the list
ALTER TABLE decisions ADD COLUMN shown_impostor_share REAL;          -- NULL: no share shown
ALTER TABLE decisions ADD COLUMN shown_share_extrapolated INTEGER;
ALTER TABLE decisions ADD COLUMN shown_expected_lookalikes REAL;
ALTER TABLE decisions ADD COLUMN shown_gallery_persons INTEGER;
ALTER TABLE decisions ADD COLUMN shown_model_id TEXT;
