-- Likeness case schema, version 7: the quality record's flags as a column.
--
-- faces.quality holds the engine's quality record as JSON
-- ({"good", "description", "size_px", "sharpness", "brightness", "contrast",
-- "yaw_degrees", "flags"}); callers that only need "is this face good, and
-- if not why" read its "flags" (the engine's LkQualityFlags: 1 small, 2 blurry,
-- 4 dark, 8 overexposed, 16 low contrast, 32 turned; 0 good).  Scanning the
-- JSON text for them was fragile and slow for a grid of 100,000 faces, so the
-- flags are stored beside it.
--
-- The column is derived, never chosen: the store writes it from the record at
-- insert with the same rule as below (lk-case-private.h,
-- LK_CASE_QUALITY_FLAGS_SQL), and verification recomputes it from the
-- audited record for rows audited before this column existed.  The rule: the
-- record's "flags" when it is an integer from 0 to 2^31 - 1, else 0.
ALTER TABLE faces ADD COLUMN quality_flags INTEGER NOT NULL DEFAULT 0 CHECK (quality_flags >= 0);

-- Only rows whose record flags something are written: most faces are good,
-- and rewriting every row of a large case would cost minutes.
UPDATE faces SET quality_flags = derived.flags
FROM (SELECT id,
             CASE WHEN json_valid (quality) THEN
               CASE WHEN json_type (quality, '$.flags') = 'integer'
                         AND json_extract (quality, '$.flags') BETWEEN 0 AND 2147483647
                    THEN json_extract (quality, '$.flags') ELSE 0 END
             ELSE 0 END AS flags
      FROM faces) AS derived
WHERE derived.id = faces.id AND derived.flags <> 0;

-- The Faces grid's covering index (004) reads the flags now, not the record.
DROP INDEX faces_brief;
CREATE INDEX faces_brief ON faces (id, photo_id, not_a_face, quality_flags);
