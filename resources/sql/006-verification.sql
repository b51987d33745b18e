-- Likeness case schema, version 6: roles and blind verification (ACE-V),
-- and the FISWG feature comparison recorded with a conclusion.  Applied by
-- lk-case-schema.c in one transaction that also sets PRAGMA user_version = 6.
--
-- Every row here is written through lk-case-verification.c with its audit
-- entry ("role.grant", "verification.request", "verification.record",
-- "verification.state", "verification.resolve") and rebuilt by
-- lk_case_verify_audit(); nothing is deleted, conclusions are never changed.

-- Roles an analyst holds in this case.  "examiner" is held by every analyst
-- without a row (whoever records decisions examines); "verifier" and
-- "supervisor" must be granted.  Not authentication: the case is a local file.
CREATE TABLE analyst_roles (
  id          INTEGER PRIMARY KEY,
  analyst_id  INTEGER NOT NULL REFERENCES analysts (id),
  role        TEXT NOT NULL CHECK (role IN ('examiner', 'verifier', 'supervisor')),
  granted_at  TEXT NOT NULL,
  granted_by  INTEGER NOT NULL REFERENCES analysts (id),
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX analyst_roles_once ON analyst_roles (analyst_id, role);

-- One request for verification per decision.  state: pending (waiting for a
-- verifier), verified (the verifier reached the same outcome), conflict (a
-- different one), resolved (a supervisor wrote a resolution; both
-- conclusions stay as they were).
CREATE TABLE verification_items (
  id           INTEGER PRIMARY KEY,
  decision_id  INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
  requested_at TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES analysts (id),
  state        TEXT NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'verified', 'conflict', 'resolved')),
  resolution   TEXT,
  resolved_at  TEXT,
  resolved_by  INTEGER REFERENCES analysts (id)
);
CREATE INDEX verification_items_state ON verification_items (state);

-- The verifier's own conclusion, reached without seeing the examiner's.
CREATE TABLE verification_conclusions (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL UNIQUE REFERENCES verification_items (id),
  analyst_id  INTEGER NOT NULL REFERENCES analysts (id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('identified', 'excluded', 'inconclusive',
                                               'insufficient-quality')),
  strength    TEXT NOT NULL DEFAULT '',
  rationale   TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  features    TEXT,                    -- canonical JSON, see lk-case-features.c
  recorded_at TEXT NOT NULL
);

-- The examiner's feature comparison, part of the decision row (and so of its
-- audited snapshot).  NULL: none recorded.
ALTER TABLE decisions ADD COLUMN features TEXT;

-- 1: exclusions are sent for verification too (a case setting, audited
-- through case.edit).  NULL or 0: identifications only.
ALTER TABLE case_info ADD COLUMN verify_exclusions INTEGER;

CREATE TRIGGER analyst_roles_no_delete BEFORE DELETE ON analyst_roles
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER verification_items_no_delete BEFORE DELETE ON verification_items
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER verification_conclusions_no_delete BEFORE DELETE ON verification_conclusions
BEGIN SELECT RAISE (ABORT, 'nothing is deleted from a case'); END;
CREATE TRIGGER verification_conclusions_no_update BEFORE UPDATE ON verification_conclusions
BEGIN SELECT RAISE (ABORT, 'a recorded conclusion cannot be changed'); END;
