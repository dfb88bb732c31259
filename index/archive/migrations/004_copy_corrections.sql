-- A correction counts for a report when it is kept under any of the report's paths: its
-- own first, then its copies in the order found (as the local engine's
-- store.correction_for). A correction stays under its path when the file there becomes
-- a copy of another report (its own content gone), and then corrects that report unless
-- the report's own path has one. Only a row with a value counts (an emptied one is
-- deleted, but a row written by hand may hold only blanks).
CREATE OR REPLACE VIEW catalogue AS
SELECT r.id, r.key, r.path, r.name, r.sha256, r.encoding, r.size, r.mtime_ns, r.paragraphs,
       coalesce(nullif(c.title, ''), r.title) AS title,
       coalesce(nullif(c.institution, ''), r.institution) AS institution,
       coalesce(c.year, r.year) AS year,
       r.title AS base_title, r.institution AS base_institution, r.year AS base_year,
       r.sources, r.offline,
       c.institution AS corrected_institution, c.year AS corrected_year,
       c.title AS corrected_title
FROM reports r LEFT JOIN LATERAL (
    SELECT k.institution, k.year, k.title
    FROM (SELECT 0::bigint AS position, r.path
          UNION ALL
          SELECT cp.position, cp.path FROM copies cp WHERE cp.report_id = r.id) paths
    JOIN corrections k ON k.path = paths.path
    WHERE coalesce(k.institution, '') <> '' OR k.year IS NOT NULL OR coalesce(k.title, '') <> ''
    ORDER BY paths.position
    LIMIT 1) c ON true;
