-- The archive's first schema: reports, their paragraphs, the recorded sources, the
-- corrections, word frequencies for "more like this", and a revision readers cache by.
-- Applied by `reportsearch archive init` (index/archive/schema.py), in one transaction.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per report. title/institution/year are what reading the file found (detection
-- or a manifest); the user's corrections are kept apart (corrections) and applied when
-- read (catalogue), so a correction never races an import.
CREATE TABLE reports (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         text NOT NULL UNIQUE,           -- store.report_key(path)
    path        text NOT NULL UNIQUE,           -- the readable path on the importing machine
    name        text NOT NULL,
    sha256      text NOT NULL,                  -- the file's content hash
    encoding    text NOT NULL,
    size        bigint NOT NULL,
    mtime_ns    bigint NOT NULL,
    paragraphs  integer NOT NULL,
    title       text NOT NULL,
    institution text NOT NULL,
    year        integer,
    sources     jsonb NOT NULL DEFAULT '{}',    -- where each detected value came from
    offline     boolean NOT NULL DEFAULT false,
    imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_name ON reports (name);

-- One row per paragraph. `scan` is the folded text (normalize.fold); for a piece of a
-- long line cut in several paragraphs it is followed by the start of the pieces after it
-- and `own` is the length of the piece's own part (NULL: nothing follows), so a string
-- across the cut is found in the paragraph where it starts. `grams`: the distinct 1- and
-- 2-character grams starting in the paragraph's own text, as integers
-- (index/archive/grams.py), for terms too short for trigrams. `words`: jieba's words
-- (analysis.words) with their positions, for ranking and "more like this".
CREATE TABLE paragraphs (
    report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    ordinal   integer NOT NULL,
    kind      text NOT NULL,
    section   text NOT NULL DEFAULT '',
    joined    boolean NOT NULL DEFAULT false,
    text      text NOT NULL,
    scan      text NOT NULL,
    own       integer,
    grams     integer[] NOT NULL,
    words     tsvector NOT NULL,
    PRIMARY KEY (report_id, ordinal)
);
CREATE INDEX paragraphs_scan ON paragraphs USING gin (scan gin_trgm_ops);
CREATE INDEX paragraphs_grams ON paragraphs USING gin (grams);
CREATE INDEX paragraphs_words ON paragraphs USING gin (words);

-- The folders and files the archivist added, in the order added.
CREATE TABLE sources (
    position integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path     text NOT NULL UNIQUE
);

-- Corrections by report path, kept when the report is imported again or removed and
-- added back (NULL: not corrected).
CREATE TABLE corrections (
    path        text PRIMARY KEY,
    institution text,
    year        integer,
    title       text
);

-- In how many paragraphs each word occurs (words that weigh in "more like this").
CREATE TABLE word_stats (
    word text PRIMARY KEY,
    df   integer NOT NULL
);

-- One row: bumped by every commit that changes what a search or a report returns.
CREATE TABLE archive_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision  bigint NOT NULL DEFAULT 0
);
INSERT INTO archive_state DEFAULT VALUES;

-- The reports as the user sees them: corrections applied.
CREATE VIEW catalogue AS
SELECT r.id, r.key, r.path, r.name, r.sha256, r.encoding, r.size, r.mtime_ns, r.paragraphs,
       coalesce(nullif(c.title, ''), r.title) AS title,
       coalesce(nullif(c.institution, ''), r.institution) AS institution,
       coalesce(c.year, r.year) AS year,
       r.title AS base_title, r.institution AS base_institution, r.year AS base_year,
       r.sources, r.offline,
       c.institution AS corrected_institution, c.year AS corrected_year,
       c.title AS corrected_title
FROM reports r LEFT JOIN corrections c ON c.path = r.path;
