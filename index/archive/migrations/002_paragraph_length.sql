-- What ranking reads without a paragraph's text (index/archive/searching.py, as the
-- local engine's search.py scores): each paragraph's `length`, its own folded text with
-- every figure counted as one character (yearly paragraphs that differ in their figures
-- are then the same length), and each report's `chars`, the length of its paragraphs'
-- folded text, for the average paragraph length.
ALTER TABLE paragraphs ADD COLUMN length integer;
UPDATE paragraphs SET length = char_length(regexp_replace(
    CASE WHEN own IS NULL THEN scan ELSE left(scan, own) END, '[0-9][0-9.,%]*', '0', 'g'));
ALTER TABLE paragraphs ALTER COLUMN length SET NOT NULL;

ALTER TABLE reports ADD COLUMN chars bigint NOT NULL DEFAULT 0;
UPDATE reports r SET chars = coalesce((SELECT sum(coalesce(p.own, char_length(p.scan)))
                                       FROM paragraphs p WHERE p.report_id = r.id), 0);
