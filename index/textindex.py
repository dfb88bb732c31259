"""The library's folded text on disk, searched by exact substring: what guarantees recall.

One SQLite database (``substrings.sqlite``) and one folder of segment files (``text/``)
inside the index folder hold, for every paragraph (a *pid*: an integer assigned in
import order, a report's paragraphs consecutive, ``first_pid + ordinal - 1``):

- its folded text and the uni/bigram postings that narrow a term to candidates
  (``substrings.SubstringIndex``: grams, then verification in the segment files);
- per report: its pid range, the kind of each paragraph, which paragraphs run on from
  the previous one (the pieces of a long line cut in several), its institution and year
  (the facets), and its folded length (for BM25's average).

A searcher reads it without loading the text: per search only the postings of its
terms, the candidates' bytes through mmap, and the small per-report table (cached per
*generation*). Segments are immutable and per-segment state is kept across commits,
so following a commit reads only the new segments and the report rows.

**Writing** (``writing.WriteSession``) happens in one SQLite transaction per commit,
opened at the first change and committed right after Whoosh's commit, in this order:
segment files written and fsynced, rows inserted, Whoosh commits (the switch), SQLite
commits with the Whoosh generation it matches, merges, the write-ahead log is copied
into the database file (:func:`checkpoint`), then the checksums (``integrity.seal``)
cover the database and the segment files too.

The database is in WAL mode (since schema 7): the writer's page cache is bounded
(``WRITER_CACHE_KIB``) and spills the pages of its open transaction to the log
(``substrings.sqlite-wal``), never to the database file, so what the writer holds does
not grow with a batch or a huge report, readers keep reading the last commit meanwhile,
and the database file stays byte for byte as sealed until the checkpoint after the
commit. A crash before SQLite's commit leaves frames no commit closes, which SQLite
ignores; a crash between the two commits leaves SQLite one generation behind a Whoosh
commit that has no checksums yet: :func:`rebuild_from_whoosh` then makes it again from
the paragraphs Whoosh holds; a crash after SQLite's commit and before the seal leaves
an unsealed commit, read through (the log applied) and sealed at the next opening.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import time
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyroaring import BitMap

from .foldedtext import SEPARATOR, file_name
from .model import Kind
from .substrings import SubstringIndex, prepare

DB_NAME = "substrings.sqlite"
TEXT_DIR = "text"
# A segment is written once this much folded text is pending (characters): bounds the
# memory of building its postings (~10x its text) and of a huge report.
SEGMENT_CHARS = 4_000_000
# ... and a streamed report's (``TextWriter.add_paragraphs``, at most SEGMENT_CHARS): its
# postings are built while the worker processes pool the same paragraphs' words, so the
# importing process's peak is this segment's build (measured on the text index alone,
# 50 MB of source: 4 M characters 167 MB, 2 M 112 MB, 1 M 90 MB but 1.5x the CPU, from
# merging the many segments at the commit). An import's batches (8 MB of source, ~2.8 M
# Chinese characters) are one segment each at either size.
STREAM_SEGMENT_CHARS = 2_000_000
KINDS = list(Kind)
KIND_CODE = {str(k): i for i, k in enumerate(KINDS)}
BUSY_MS = 10_000
# The writer's page cache (KiB): pages of its open transaction beyond it are written to
# the write-ahead log (measured on a 200 MiB report: the transaction held 638 MB when
# it could not spill; on 50 MB of source, the text index alone peaked at 187 MB with a
# 32 MB cache and 167 MB with this one).
WRITER_CACHE_KIB = 8 * 1024
# The log is cut back to this size after a checkpoint (bytes): a huge report's
# transaction leaves a log as large as what it wrote.
LOG_LIMIT = 16 * 1024 * 1024

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY, first_pid INTEGER NOT NULL, count INTEGER NOT NULL,
    chars INTEGER NOT NULL, kinds BLOB NOT NULL, joined BLOB,
    institution TEXT NOT NULL, year INTEGER);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def connect(folder: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun explicitly). In a folder
    this process may not write, and with no log left beside the database, the database
    is opened as immutable: a WAL database needs its shared-memory file, which cannot be
    made there, and nobody can write it either."""
    path = Path(folder) / DB_NAME
    if (not os.access(folder, os.W_OK) and path.exists()
            and not path.with_name(DB_NAME + "-wal").exists()):
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


def checkpoint(folder: Path) -> None:
    """Copy every committed page of the log into the database file (before the
    checksums are taken: the file alone must then hold the commit) and cut the log back.
    Waits for readers still on an older commit (``BUSY_MS`` each time)."""
    conn = connect(folder)
    try:
        conn.execute(f"PRAGMA journal_size_limit = {LOG_LIMIT}")
        for _ in range(30):
            busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy and done == log:
                return
            # A reader still on the log: FULL copies every frame without waiting for it
            # to end, only for it to reach the last commit.
            busy, log, done = conn.execute("PRAGMA wal_checkpoint(FULL)").fetchone()
            if not busy and done == log:
                return
        raise sqlite3.OperationalError("the write-ahead log could not be checkpointed")
    finally:
        conn.close()


def create(folder: Path, generation: int) -> None:
    """An empty text index in ``folder`` matching Whoosh's ``generation``."""
    (folder / TEXT_DIR).mkdir(exist_ok=True)
    conn = connect(folder)
    try:
        prepare(conn)
        conn.execute("PRAGMA journal_mode = WAL")  # persistent: every connection uses it
        conn.execute("BEGIN IMMEDIATE")
        SubstringIndex(conn, folder / TEXT_DIR)
        _schema(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
        conn.commit()
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";")[:-1]:
        conn.execute(statement)


def generation(folder: Path) -> int:
    """The Whoosh generation the database matches (-1 when it has none: damage)."""
    conn = connect(folder)
    try:
        row = conn.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
    finally:
        conn.close()
    return -1 if row is None else int(row[0])


def files(folder: Path) -> list[str]:
    """The files of the committed state, relative to ``folder`` (for the checksums)."""
    conn = connect(folder)
    try:
        segs = [seg for (seg,) in conn.execute("SELECT seg FROM folded_segments")]
    finally:
        conn.close()
    return [DB_NAME, *(f"{TEXT_DIR}/{file_name(seg)}" for seg in sorted(segs))]


def read_through(folder: Path, deep: bool = False) -> None:
    """Read the small tables (raises sqlite3.DatabaseError on a damaged database) and
    check that every segment file they name is there with its size. ``deep`` (a commit
    the checksums do not cover yet): check the whole database's structure too."""
    conn = connect(folder)
    try:
        if deep:
            (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(verdict)
        conn.execute("SELECT count(*), sum(length(kinds)) FROM reports").fetchone()
        # Each segment's last offset, not its whole table (a searcher loads the tables
        # it reads; at corpus ×30 they are 3.4 MB): what ``array("I", offsets)[-1]`` is.
        item = array("I").itemsize
        for seg, length, last in conn.execute(
                "SELECT seg, length(offsets), substr(offsets, ?) FROM folded_segments",
                (-item,)):
            if not length or length % item:
                raise sqlite3.DatabaseError(f"segment {seg}: an offsets table of {length} bytes")
            end = array("I", last)[0]
            size = (folder / TEXT_DIR / file_name(seg)).stat().st_size
            if size != end * 2:
                raise sqlite3.DatabaseError(f"segment {seg}: {size} bytes, not {end * 2}")
        if generation(folder) < 0:
            raise sqlite3.DatabaseError("no generation")
    finally:
        conn.close()


# ---------------------------------------------------------------- writing


@dataclass
class _Pending:
    texts: list[str] = field(default_factory=list)
    bridges: list[tuple[int, str]] = field(default_factory=list)
    chars: int = 0


@dataclass
class _Streamed:
    """A report being added in parts (``TextWriter.start_report``)."""
    key: str
    first: int
    count: int = 0
    chars: int = 0
    kinds: bytearray = field(default_factory=bytearray)
    runs_on: BitMap = field(default_factory=BitMap)
    last: str = ""  # the last character of the paragraph added last
    bridge: tuple[int, str, int] | None = None  # (pid, its last character, looks left)


class TextWriter:
    """The writer's side: reports added and deleted in one open transaction, committed
    with :meth:`commit` after Whoosh's commit, or dropped with :meth:`rollback`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.conn = connect(self.folder)
        # Bounded: the pages beyond go to the log (never to the database file, which
        # stays as sealed until the checkpoint after the commit).
        self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        self.conn.execute("PRAGMA cache_spill = ON")
        self.conn.execute(f"PRAGMA journal_size_limit = {LOG_LIMIT}")
        self.index: SubstringIndex | None = None
        self._next = 0
        self._pending = _Pending()
        self._streamed: _Streamed | None = None

    def _begin(self) -> SubstringIndex:
        if self.index is None:
            self.conn.execute("BEGIN IMMEDIATE")
            self.index = SubstringIndex(self.conn, self.folder / TEXT_DIR)
            _schema(self.conn)
            self._next = self.index.grams.next_pid()
            self._pending = _Pending()
        return self.index

    def add_report(self, key: str, institution: str, year: int | None,
                   folded: Sequence[str], kinds: Sequence[str],
                   joined: Sequence[bool]) -> int:
        """Replace report ``key`` by these paragraphs (in order); returns its first pid."""
        self.delete_report(key)
        self._begin()
        first = self._next
        self._next += len(folded)
        codes = bytes(KIND_CODE.get(k, KIND_CODE["body"]) for k in kinds)
        runs_on = BitMap(i for i, flag in enumerate(joined) if flag and i)
        self.conn.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, first, len(folded), sum(map(len, folded)), codes,
             runs_on.serialize() if runs_on else None, institution, year))
        for i, text in enumerate(folded):
            pending = self._pending
            pending.texts.append(text)
            pending.chars += len(text)
            if i + 1 in runs_on and text:  # a string across the cut starts here: its bigram
                after = next((t[0] for t in folded[i + 1:i + 3] if t), "")
                if after:
                    pending.bridges.append((first + i, text[-1] + after))
            if pending.chars >= SEGMENT_CHARS:
                self.flush()
        return first

    def start_report(self, key: str) -> int:
        """Replace report ``key`` by paragraphs that come in parts (a report too big to
        hold): ``add_paragraphs`` as they come, then ``end_report``. The bigrams across
        cut lines are the ones ``add_report`` posts. Returns its first pid."""
        self.delete_report(key)
        self._begin()
        self._streamed = _Streamed(key, self._next)
        return self._next

    def add_paragraphs(self, folded: Sequence[str], kinds: Sequence[str],
                       joined: Sequence[bool]) -> None:
        """The next paragraphs of the report ``start_report`` began."""
        report = self._streamed
        assert report is not None, "start_report first"
        full = min(SEGMENT_CHARS, STREAM_SEGMENT_CHARS)
        for text, kind, flag in zip(folded, kinds, joined, strict=True):
            i = report.count
            opens = bool(flag and i and report.last)  # a bigram across the cut before it
            # A segment is written once full, but not while a bigram across a cut waits
            # for its text: it belongs to the segment of the pid before the cut.
            if self._pending.chars >= full and report.bridge is None and not opens:
                self.flush()
            pending = self._pending
            report.count += 1
            report.chars += len(text)
            report.kinds.append(KIND_CODE.get(kind, KIND_CODE["body"]))
            if flag and i:
                report.runs_on.add(i)
            if opens:  # this text (or the next, when this one is empty) completes it
                report.bridge = (report.first + i - 1, report.last, 2)
            if report.bridge is not None:
                pid, last, left = report.bridge
                if text:
                    pending.bridges.append((pid, last + text[0]))
                    report.bridge = None
                else:
                    report.bridge = (pid, last, left - 1) if left > 1 else None
            report.last = text[-1] if text else ""
            pending.texts.append(text)
            pending.chars += len(text)
            self._next += 1

    def end_report(self, institution: str, year: int | None) -> int:
        """End the report ``start_report`` began; returns its number of paragraphs."""
        report, self._streamed = self._streamed, None
        assert report is not None, "start_report first"
        self.conn.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (report.key, report.first, report.count, report.chars, bytes(report.kinds),
             report.runs_on.serialize() if report.runs_on else None, institution, year))
        return report.count

    def delete_report(self, key: str) -> None:
        index = self._begin()
        row = self.conn.execute("SELECT first_pid, count FROM reports WHERE key = ?",
                                (key,)).fetchone()
        if row is None:
            return
        first, count = row
        self.conn.execute("DELETE FROM reports WHERE key = ?", (key,))
        if count:
            dead = BitMap()
            dead.add_range(first, first + count)
            index.delete(dead)

    def set_meta(self, key: str, institution: str, year: int | None) -> None:
        """A report's institution and year changed (a correction), its text did not."""
        self._begin()
        self.conn.execute("UPDATE reports SET institution = ?, year = ? WHERE key = ?",
                          (institution, year, key))

    def flush(self) -> None:
        """Write the pending paragraphs as a segment (inside the transaction)."""
        pending, self._pending = self._pending, _Pending()
        if pending.texts and self.index is not None:
            self.index.add(pending.texts, pending.bridges)

    @property
    def active(self) -> bool:
        return self.index is not None

    def commit(self, generation: int) -> None:
        """Commit, matching Whoosh's ``generation``; then merge segments."""
        self._begin()
        self.flush()
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
        self.conn.commit()
        index, self.index = self.index, None
        # Each merge commits on its own, after this commit (a writer killed in one
        # leaves an unsealed commit, read through at the next opening, and the merge's
        # frames, which no commit closes, are ignored).
        index.compact()

    def rollback(self) -> None:
        self._pending = _Pending()
        self._streamed = None
        if self.index is not None:
            self.index = None
            self.conn.rollback()
            with contextlib.suppress(OSError, sqlite3.Error):  # else the next writer does
                SubstringIndex(self.conn, self.folder / TEXT_DIR).text.remove_unreferenced()

    def close(self) -> None:
        self.rollback()
        self.conn.close()


# ---------------------------------------------------------------- reading


@dataclass
class Catalogue:
    """The per-report table of one generation, in pid order, with what facets need."""

    keys: list[str]
    firsts: list[int]
    counts: list[int]
    kinds: list[bytes]
    institutions: list[str]
    years: list[int | None]
    live: BitMap  # every live pid
    runs_on: BitMap  # pids whose next paragraph continues them (a cut line)
    chars: int
    _positions: dict[str, int] | None = None

    @property
    def paragraphs(self) -> int:
        return len(self.live)

    def report_of(self, pid: int) -> int:
        """The index (in these lists) of the report holding a live ``pid``."""
        return bisect_right(self.firsts, pid) - 1

    def position(self, key: str) -> int | None:
        """Where report ``key`` is in these lists (None: not in the index)."""
        if self._positions is None:
            self._positions = {k: at for at, k in enumerate(self.keys)}
        return self._positions.get(key)

    def kind(self, pid: int) -> str:
        at = self.report_of(pid)
        return str(KINDS[self.kinds[at][pid - self.firsts[at]]])

    def pids(self, at: int) -> BitMap:
        found = BitMap()
        found.add_range(self.firsts[at], self.firsts[at] + self.counts[at])
        return found

    def by_value(self, values: Sequence) -> dict:
        """Each distinct value (an institution, a year) -> the bitmap of its pids."""
        out: dict = {}
        for at, value in enumerate(values):
            bitmap = out.get(value)
            if bitmap is None:
                bitmap = out[value] = BitMap()
            bitmap.add_range(self.firsts[at], self.firsts[at] + self.counts[at])
        return out


class TextReader:
    """A searcher's side: terms to pids, pids to folded text. One per thread; it follows
    commits by itself (new segments loaded, known ones kept)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.conn = connect(self.folder)
        self.index = SubstringIndex(self.conn, self.folder / TEXT_DIR, create=False)
        self.index.text.keep_maps()
        self._catalogue: Catalogue | None = None
        self._generation = -2
        self._facets: dict[str, dict] = {}

    def close(self) -> None:
        self.index.text.close()
        self.conn.close()

    def generation(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
        return -1 if row is None else int(row[0])

    def wait_for(self, wanted: int, patience: float = 2.0) -> None:
        """Give a writer that has committed Whoosh's generation ``wanted`` the moment it
        needs to commit ours (they commit one right after the other)."""
        deadline = time.monotonic() + patience
        while self.generation() < wanted and time.monotonic() < deadline:
            time.sleep(0.01)

    @contextlib.contextmanager
    def snapshot(self):
        """Every read inside sees one commit: the report table, the postings and the
        segment list of the same generation, also while a writer commits (one read
        transaction; the writer's commit waits for it, as it does for any reader)."""
        if self.conn.in_transaction:  # already inside one
            yield
            return
        self.conn.execute("BEGIN")
        try:
            # The segment list of this commit: merges (which follow a commit without a
            # generation of their own) are followed too, and the kept maps of the files
            # they replaced are let go.
            self.index.text.refresh()
            yield
        finally:
            self.conn.execute("COMMIT")  # ends the read; nothing was written

    def catalogue(self) -> Catalogue:
        """The report table of the committed generation (read again only after a commit)."""
        current = self.generation()
        if self._catalogue is None or current != self._generation:
            self._catalogue = self._load()
            self._generation = current
            self._facets = {}
            self.index.text.refresh()
        return self._catalogue

    def _load(self) -> Catalogue:
        keys, firsts, counts, kinds, insts, years = [], [], [], [], [], []
        live, runs_on, chars = BitMap(), BitMap(), 0
        for key, first, count, n, codes, joined, inst, year in self.conn.execute(
                "SELECT key, first_pid, count, chars, kinds, joined, institution, year"
                " FROM reports ORDER BY first_pid"):
            if not count:  # no pids: it would share its first pid with the next report
                continue
            keys.append(key)
            firsts.append(first)
            counts.append(count)
            kinds.append(codes)
            insts.append(inst)
            years.append(year)
            chars += n
            if count:
                live.add_range(first, first + count)
            if joined:
                runs_on |= BitMap.deserialize(joined).shift(first - 1)
        return Catalogue(keys, firsts, counts, kinds, insts, years, live, runs_on, chars)

    def facet(self, name: str) -> dict:
        """``institution`` or ``year`` value -> bitmap of its pids (cached per generation)."""
        catalogue = self.catalogue()
        if name not in self._facets:
            values = catalogue.institutions if name == "institution" else [
                str(y or "") for y in catalogue.years]
            self._facets[name] = catalogue.by_value(values)
        return self._facets[name]

    # ------------------------------------------------------------ terms

    def find(self, literal: str, within: BitMap | None = None) -> BitMap:
        """The live pids where ``literal`` (folded) starts, as a scan of the text would
        find it: within a paragraph, or across the cut into the next piece of its line.
        With ``within``, only those in ``within`` (less to verify)."""
        if not literal or SEPARATOR in literal:
            return BitMap()
        catalogue = self.catalogue()
        found = self.index.find(literal, within)
        runs_on = catalogue.runs_on
        if within is not None:
            runs_on = runs_on & within
        if len(literal) > 2 and runs_on:  # two characters: the bridges are grams
            candidates = runs_on & self.index.grams.candidates(literal[:2]) - found
            for pid in candidates:
                if self._across(pid, literal, catalogue):
                    found.add(pid)
        return found

    def _across(self, pid: int, literal: str, catalogue: Catalogue) -> bool:
        """Does ``literal`` start in ``pid`` and run on into the pieces after it?"""
        own = self.folded(pid)
        tail, following = "", pid + 1
        while len(tail) < len(literal) - 1:
            tail += self.folded(following)
            if following not in catalogue.runs_on:
                break
            following += 1
        at = (own + tail[: len(literal) - 1]).find(literal)
        return 0 <= at < len(own)

    def verify_pattern(self, pids: BitMap, pattern: re.Pattern[str], literal: str = "") -> BitMap:
        """The pids whose own folded text ``pattern`` matches (tried only where
        ``literal`` occurs, when given: ``foldedtext.FoldedText.verify_regex``)."""
        return self.index.text.verify_regex(pids, pattern, literal)

    def folded(self, pid: int) -> str:
        return self.index.text.folded(pid)

    def texts(self, pids: Iterable[int]) -> dict[int, str]:
        """Folded text of many paragraphs, each segment file mapped once."""
        return dict(self.index.text.texts(BitMap(pids)))


def rebuild_from_whoosh(ix, folder: Path, generation_: int) -> None:
    """Make the text index again from the paragraphs a Whoosh index holds (after a writer
    was killed between the two commits). Written beside and swapped in, so a crash here
    leaves the old one, which is then rebuilt again."""
    from .normalize import fold
    from .writing import PARAGRAPH, REPORT, decode_text

    building = folder / "text-rebuild"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    create(building, generation_)
    reports = []
    with ix.searcher() as searcher:
        reader = searcher.reader()
        column = reader.column_reader("text")
        # Each document's pid, from the pid terms (the pid is not a stored field).
        pid_of = {docnum: int(btext) for btext in reader.lexicon("pid")
                  for docnum in reader.postings("pid", btext).all_ids()}
        for stored in searcher.documents(doctype=REPORT):
            record = stored["record"]
            paragraphs = []
            for docnum in searcher.document_numbers(report=record["key"], doctype=PARAGRAPH):
                fields = searcher.stored_fields(docnum)
                paragraphs.append((pid_of[docnum], fields["kind"], bool(fields.get("joined")),
                                   fold(decode_text(column[docnum]))))
            if paragraphs:
                paragraphs.sort()
                reports.append((paragraphs[0][0], record, paragraphs))
    reports.sort(key=lambda r: r[0])
    writer = TextWriter(building)
    index = writer._begin()
    for first, record, paragraphs in reports:
        if first > writer._next:  # pids no report holds any more: empty and dead
            writer.flush()
            gap = range(writer._next, first)
            index.add([""] * len(gap))
            index.delete(BitMap(gap))
            writer._next = first
        writer.add_report(record["key"], record["institution"], record["year"],
                          [p[3] for p in paragraphs], [p[1] for p in paragraphs],
                          [p[2] for p in paragraphs])
    writer.commit(generation_)
    writer.close()
    old_text, new_text = folder / TEXT_DIR, building / TEXT_DIR
    shutil.rmtree(old_text, ignore_errors=True)
    new_text.rename(old_text)
    # The old database's log and shared memory must not be applied to the new one (its
    # own were folded in and removed when the writer's connection closed).
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (folder / (DB_NAME + suffix)).unlink()
    (building / DB_NAME).replace(folder / DB_NAME)
    shutil.rmtree(building, ignore_errors=True)

