-- The same report found at several paths (same content hash: a copy in a second folder)
-- is stored once; its other paths are kept here, as the local engine keeps them in the
-- report's record (``copies``), with the size and time they had when last seen, so a
-- re-scan knows an unchanged copy without reading it. A copy that is deleted or changes
-- leaves the list (a changed one becomes a report of its own); a report whose own file is
-- deleted while a copy is left is read again from the copy; a copy under a source that
-- cannot be reached stays. Removing a report removes its copies with it.
-- Reporters read it and archivists write it (index/archive/roles.py, at `archive init`).
CREATE TABLE copies (
    report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    path      text NOT NULL,
    size      bigint NOT NULL,
    mtime_ns  bigint NOT NULL,
    position  bigint GENERATED ALWAYS AS IDENTITY,  -- the order the copies were found
    PRIMARY KEY (report_id, path)
);
