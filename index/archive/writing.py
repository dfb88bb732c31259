"""Writing the archive: the import's batches, one transaction each, under one lock.

``index.importer.Importer`` does the work for both backends (what is new, changed,
deleted, unreadable or offline); here are the two things it writes through, shaped like
the local ``Store`` and ``WriteSession``:

- ``ArchiveStore``: the stored records (to compare files with, each with its
  ``copies``: the other paths of the same content) and the corrections;
- ``ArchiveSession``: adds, replaces and deletes reports and their copies (the
  ``copies`` table) in the open transaction;
  ``commit`` ends it, so a batch is in the archive whole or not at all. A report is
  replaced under its key (a hash of its path) and a file whose content hash did not
  change is not read again, so an import run twice, or run again after being killed
  at any point, leaves each report once.

One writer at a time: the session's connection holds a session-level advisory lock
(``IMPORT_LOCK``); a second importer waits ``LOCK_WAIT`` seconds, then is told the
archive is busy. A killed importer's connection ends, which rolls its batch back and
frees the lock. Readers never wait: they see the last commit.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg

from ..analysis import words
from ..errors import IndexBusyError, IndexWriteError, ReadOnlyError, ServerUnavailableError
from ..model import Report
from ..normalize import fold
from ..query import MAX_QUERY
from ..search import scoring_length
from ..writing import Cancelled
from . import grams
from .connection import connect, location

IMPORT_LOCK = 0x5253_494D  # pg_advisory_lock key of the one importer ("RSIM")
LOCK_WAIT = 5.0  # seconds a second importer waits before it is told "busy"
LOCK_POLL = 0.1
BATCH_BYTES = 8 * 1024 * 1024  # source bytes per transaction, as the local engine
CHECK_EVERY = 256  # paragraphs between two looks at Cancel
MAX_POSITIONS = 255  # a tsvector keeps at most 256 positions of a word
MAX_LEXEME = 500  # characters; longer "words" are left out of ranking (never of matching)
COLUMNS = ("report_id", "ordinal", "kind", "section", "joined", "text", "scan", "own",
           "grams", "words", "length")


def _storable(value: str) -> str:
    """PostgreSQL text holds no NUL; one character for one keeps every offset."""
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def tsvector(folded: str) -> tuple[str, Counter]:
    """jieba's words of folded text as a tsvector literal (word and positions), and how
    often each word occurs."""
    positions: dict[str, list[int]] = {}
    for position, word in enumerate(words(folded), 1):
        if len(word) <= MAX_LEXEME:
            found = positions.setdefault(word, [])
            if len(found) < MAX_POSITIONS:
                found.append(min(position, 16383))
    literal = " ".join(
        "'" + w.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(map(str, p))
        for w, p in positions.items())
    return literal, Counter({w: len(p) for w, p in positions.items()})


def paragraph_rows(report_id: int, report: Report,
                   check: Callable[[], None] | None = None) -> tuple[list[tuple], Counter]:
    """The rows of a report's paragraphs, and in how many of them each word occurs."""
    paragraphs = report.paragraphs
    folded = [_storable(fold(p.text)) for p in paragraphs]
    rows = []
    frequency: Counter = Counter()
    for i, p in enumerate(paragraphs):
        if check is not None and i % CHECK_EVERY == CHECK_EVERY - 1:
            check()
        own = folded[i]
        tail = ""
        j = i + 1
        while j < len(paragraphs) and paragraphs[j].joined and len(tail) < MAX_QUERY:
            tail += folded[j]
            j += 1
        tail = tail[:MAX_QUERY]
        scan = own + tail
        literal, counts = tsvector(own)
        frequency.update(counts.keys())
        rows.append((report_id, p.ordinal, str(p.kind), p.section, p.joined,
                     _storable(p.text), scan, len(own) if tail else None,
                     grams.of_paragraph(own, scan), literal, scoring_length(own)))
    return rows, frequency


def _values(row) -> dict[str, str] | None:
    """A corrections row (institution, year, title) as the fields it sets, or None."""
    values = {k: str(v) for k, v in zip(("institution", "year", "title"), row, strict=True)
              if v not in (None, "")}
    return values or None


class ArchiveCorrections:
    """The corrections as the importer asks for them (``Corrections.get``)."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def get(self, path) -> dict[str, str] | None:
        row = self.conn.execute("SELECT institution, year, title FROM corrections "
                                "WHERE path = %s", (str(path),)).fetchone()
        return _values(row) if row is not None else None

    def all(self) -> dict[str, dict[str, str]]:
        """Every report's corrections, by path (``Corrections.all``)."""
        rows = self.conn.execute("SELECT path, institution, year, title FROM corrections")
        return {path: values for path, *row in rows if (values := _values(row))}

    def set(self, path, **values) -> None:
        """Save a report's corrections under ``path``, in the open batch: the importer
        carries them over to the copy that names a report whose own file is gone, so
        the report keeps them (the catalogue applies a correction by the report's
        path)."""
        values = {k: values.get(k) or None for k in ("institution", "year", "title")}
        if not any(values.values()):
            return
        self.conn.execute(
            "INSERT INTO corrections (path, institution, year, title) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (path) DO UPDATE SET institution = excluded.institution,"
            " year = excluded.year, title = excluded.title",
            (str(path), values["institution"],
             int(values["year"]) if values["year"] else None, values["title"]))


class ArchiveStore:
    """What ``Importer`` reads: the stored records, and the corrections."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.corrections = ArchiveCorrections(conn)

    _COLUMNS = ("key", "path", "name", "title", "institution", "year", "paragraphs",
                "sha256", "encoding", "size", "mtime_ns", "sources", "offline")

    def stored_records(self, path: str | None = None) -> dict[str, dict]:
        """Every report's record by path (the values read from the file, before
        corrections, and its ``copies``: path -> [size, mtime_ns], in the order found);
        only ``path``'s when given."""
        sql = f"SELECT id, {', '.join(self._COLUMNS)} FROM reports"
        rows = self.conn.execute(sql + " WHERE path = %s", (path,)).fetchall() \
            if path is not None else self.conn.execute(sql).fetchall()
        records = {}
        by_id = {}
        for report_id, *row in rows:
            record = dict(zip(self._COLUMNS, row, strict=True))
            record["copies"] = {}
            records[record["path"]] = by_id[report_id] = record
        if by_id:
            sql = "SELECT report_id, path, size, mtime_ns FROM copies"
            copies = self.conn.execute(sql + " WHERE report_id = %s ORDER BY position",
                                       (next(iter(by_id)),)) if path is not None \
                else self.conn.execute(sql + " ORDER BY position")
            for report_id, copy, size, mtime_ns in copies:
                if report_id in by_id:
                    by_id[report_id]["copies"][copy] = [size, mtime_ns]
        return records

    def stored_record(self, path: str) -> dict | None:
        """One report's record by path, or None (one row read, not the table)."""
        return self.stored_records(path).get(path)

    def reconcile(self, session, paths=None) -> list[str]:
        """Nothing to do: the archive applies a correction when it is made."""
        return []


class ArchiveSession:
    """One writer's batches, each one transaction on ``conn`` (which holds the lock)."""

    def __init__(self, conn: psycopg.Connection, cancelled: Callable[[], bool],
                 batch_bytes: int = BATCH_BYTES):
        self.conn = conn
        self.cancelled = cancelled
        self.batch_bytes = batch_bytes
        self.pending_bytes = 0
        self._dirty = False
        self._counted: set[int] = set()  # reports of this batch whose words are counted
        self._frequency: Counter = Counter()  # word -> paragraphs, added by this batch

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled()

    # ------------------------------------------------------------ the library

    def sources(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM sources ORDER BY position")]

    def add_sources(self, paths) -> None:
        for path in paths:
            added = self.conn.execute("INSERT INTO sources (path) VALUES (%s) "
                                      "ON CONFLICT (path) DO NOTHING", (str(path),)).rowcount
            self._dirty = self._dirty or added > 0

    def remove_source(self, path: str) -> None:
        removed = self.conn.execute("DELETE FROM sources WHERE path = %s", (path,)).rowcount
        self._dirty = self._dirty or removed > 0

    # ------------------------------------------------------------ reports

    def add_report(self, key: str, report: Report, record: dict, check: bool = True) -> None:
        """Replace the report stored under ``key`` (its paragraphs and record) by
        ``report``; its values as read (``record["base"]``) are stored, the corrections
        stay apart."""
        base = record["base"]
        old = self._report_id(key)
        if old is not None:
            self._uncount(old)
            self.conn.execute("DELETE FROM paragraphs WHERE report_id = %s", (old,))
        rows, frequency = paragraph_rows(0, report, self.check if check else None)
        chars = sum(len(row[6]) if row[7] is None else row[7] for row in rows)
        report_id = self.conn.execute(
            """INSERT INTO reports (key, path, name, sha256, encoding, size, mtime_ns,
                                    paragraphs, chars, title, institution, year, sources,
                                    offline)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, false)
               ON CONFLICT (key) DO UPDATE SET path = excluded.path, name = excluded.name,
                   sha256 = excluded.sha256, encoding = excluded.encoding,
                   size = excluded.size, mtime_ns = excluded.mtime_ns,
                   paragraphs = excluded.paragraphs, chars = excluded.chars,
                   title = excluded.title,
                   institution = excluded.institution, year = excluded.year,
                   sources = excluded.sources, offline = false, imported_at = now()
               RETURNING id""",
            (key, report.path, report.name, report.sha256, report.encoding, record["size"],
             record["mtime_ns"], len(report.paragraphs), chars, base["title"],
             base["institution"],
             base["year"], psycopg.types.json.Jsonb(base["sources"]))).fetchone()[0]
        with self.conn.cursor().copy(
                f"COPY paragraphs ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((report_id, *row[1:]))
        if "copies" in record:
            self._set_copies(report_id, record["copies"])
        self._frequency.update(frequency)
        self._counted.add(report_id)
        self._dirty = True
        self.pending_bytes += record["size"] or sum(len(p.text) for p in report.paragraphs) * 3

    def delete_report(self, key: str) -> None:
        report_id = self._report_id(key)
        if report_id is None:
            return
        self._uncount(report_id)
        self.conn.execute("DELETE FROM reports WHERE id = %s", (report_id,))
        self._dirty = True

    def set_record(self, record: dict) -> None:
        """Only a report's file facts: a touched file's size and time, the offline mark,
        and its copies when the record lists them."""
        row = self.conn.execute(
            "UPDATE reports SET size = %s, mtime_ns = %s, offline = %s WHERE key = %s "
            "RETURNING id", (record["size"], record["mtime_ns"], bool(record.get("offline")),
                             record["key"])).fetchone()
        if row is not None and "copies" in record:
            self._set_copies(row[0], record["copies"])
        self._dirty = True

    def _set_copies(self, report_id: int, copies: dict[str, list[int]]) -> None:
        """Make ``copies`` (path -> [size, mtime_ns]) the report's list: the others
        leave it, the ones kept keep their place, new ones go last in the order given."""
        self.conn.execute("DELETE FROM copies WHERE report_id = %s AND path <> ALL(%s)",
                          (report_id, list(copies)))
        if copies:
            self.conn.execute(
                """INSERT INTO copies (report_id, path, size, mtime_ns)
                   SELECT %s, c.path, c.size, c.mtime_ns
                   FROM unnest(%s::text[], %s::bigint[], %s::bigint[])
                        WITH ORDINALITY AS c (path, size, mtime_ns, n)
                   ORDER BY c.n
                   ON CONFLICT (report_id, path) DO UPDATE
                   SET size = excluded.size, mtime_ns = excluded.mtime_ns""",
                (report_id, list(copies), [s for s, _ in copies.values()],
                 [m for _, m in copies.values()]))

    def _report_id(self, key: str) -> int | None:
        row = self.conn.execute("SELECT id FROM reports WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    def _uncount(self, report_id: int) -> None:
        """Take a stored report's paragraphs out of the word frequencies."""
        if report_id in self._counted:  # added in this batch: its words are not stored yet
            self._counted.discard(report_id)
            for word, n in self.conn.execute(
                    "SELECT w, count(*) FROM paragraphs, unnest(tsvector_to_array(words)) w "
                    "WHERE report_id = %s GROUP BY w", (report_id,)):
                self._frequency[word] -= n
            return
        self.conn.execute(
            """UPDATE word_stats s SET df = s.df - o.n
               FROM (SELECT w, count(*) AS n FROM paragraphs,
                            unnest(tsvector_to_array(words)) w
                     WHERE report_id = %s GROUP BY w) o
               WHERE s.word = o.w""", (report_id,))

    # ------------------------------------------------------------ transactions

    def commit(self) -> None:
        """End the batch: the word frequencies and the revision with it, in one commit."""
        if self._dirty:
            changed = {w: n for w, n in self._frequency.items() if n}
            if changed:
                self.conn.execute(
                    """INSERT INTO word_stats (word, df)
                       SELECT * FROM unnest(%s::text[], %s::integer[])
                       ON CONFLICT (word) DO UPDATE SET df = word_stats.df + excluded.df""",
                    (list(changed), list(changed.values())))
            self.conn.execute("UPDATE archive_state SET revision = revision + 1")
        self.conn.commit()
        self._reset()

    def cancel(self) -> None:
        """Drop the batch; the last commit stays the archive."""
        with contextlib.suppress(psycopg.Error):  # a connection gone: the server dropped it
            self.conn.rollback()
        self._reset()

    def _reset(self) -> None:
        self.pending_bytes = 0
        self._dirty = False
        self._counted = set()
        self._frequency = Counter()


@contextmanager
def writing(url: str, cancelled: Callable[[], bool] = lambda: False,
            wait: float | None = None, batch_bytes: int = BATCH_BYTES) -> Iterator[ArchiveSession]:
    """The one writer: a session on its own connection holding the import lock, which
    commits what is left when the block ends and rolls back when it fails.
    IndexBusyError when another importer holds the lock longer than ``wait`` seconds."""
    conn = connect(url)
    try:
        deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (IMPORT_LOCK,)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise IndexBusyError("archive.busy")
            time.sleep(LOCK_POLL)
        # Fewer, larger merges of new rows into the GIN indexes while importing.
        conn.execute("SET gin_pending_list_limit = '32MB'")
        conn.autocommit = False
        session = ArchiveSession(conn, cancelled, batch_bytes)
        try:
            yield session
            session.commit()
        except BaseException:
            session.cancel()
            raise
    except psycopg.errors.InsufficientPrivilege:
        raise ReadOnlyError("archive.read_only") from None
    except psycopg.OperationalError as exc:
        raise ServerUnavailableError("archive.unreachable", location=location(url),
                                          reason=" ".join(str(exc).split())) from None
    except psycopg.Error as exc:
        raise IndexWriteError("archive.write", location=location(url),
                                   error=" ".join(str(exc).split())) from None
    finally:
        conn.close()
