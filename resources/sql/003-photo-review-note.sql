-- Likeness case schema, version 3: a note that asks the analyst to look at a
-- photo ("reference photo with 3 faces: link the right one", "no face found").
-- NULL when nothing is asked.  Set with lk_case_set_photo_review_note(), audited.
ALTER TABLE photos ADD COLUMN review_note TEXT;
