-- The length of each paragraph's own folded text, read without its text: searches order
-- their matches by a cheap score (kind and length) and compute ts_rank only for the
-- leading ones (index/archive/searching.py).
ALTER TABLE paragraphs ADD COLUMN length integer;
UPDATE paragraphs SET length = coalesce(own, char_length(scan));
ALTER TABLE paragraphs ALTER COLUMN length SET NOT NULL;
