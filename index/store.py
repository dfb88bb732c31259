"""The Whoosh index on disk: its schema, checking it at opening, and writing it.

One Whoosh document per paragraph (its words for ranking, its text as a column, its
pid in the text index, its report, kind, institution and year), plus one per report holding
the report's record (path, hash, title, institution, year, offline, …). Keeping the
records in the same index means one commit changes both, so a crash can never leave
them apart. Beside Whoosh's files the folder holds the text index (``textindex``:
``substrings.sqlite`` and ``text/``), the paragraphs' folded text and gram postings,
committed right after Whoosh's commit and covered by the same checksums.

The index lives in ``<index dir>/v<SCHEMA_VERSION>``. Whoosh commits are atomic (the
table of contents is written last), so after a crash the index opens at its last
commit. On top of that (``integrity``): every commit is flushed to the disk and its
files checksummed, and the folder records the fingerprint of the code that wrote it.
At opening, an index that is damaged, outdated (schema, folding, OpenCC's table, the
segmenter) or missing is set aside and a new, empty one made, marked incomplete; the
engine then rebuilds it from the library's recorded sources (``sources``). Everything
that writes holds ``write.lock``, so there is one writer at a time across processes.

A write is a :class:`WriteSession` (``with store.writing() as session``): documents
go in in batches, each committed, sealed and reconciled with the corrections file, or
cancelled as a whole when the session fails or the user cancels.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from . import whoosh_fixes  # noqa: F401  (Whoosh is imported through it, patched)

# isort: split
from whoosh import columns, index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import COLUMN, ID, STORED, Schema
from whoosh.filedb.filestore import FileStorage

from . import integrity, textindex
from .analysis import WordField, add_words
from .corrections import Corrections, corrected
from .disk import FileLock, LockBusy, fsync_folder, network_filesystem
from .errors import (
    IndexBusyError,
    IndexDamagedError,
    IndexWriteError,
    ReportSearchError,
    UnsafeIndexError,
)
from .institutions import institutions
from .model import Kind, Notice, Paragraph, Report, ReportMeta, ReportRecord
from .writing import PARAGRAPH, REPORT, Cancelled, WriteSession, decode_text

__all__ = ["SCHEMA_VERSION", "Cancelled", "Store", "WriteSession"]

log = logging.getLogger(__name__)

# Bump when what is stored changes (fields, the record, how paragraphs are cut): every
# index is then rebuilt from its sources. Folding and segmenting are fingerprinted apart.
SCHEMA_VERSION = 7  # 7: the text index's database in WAL mode (``textindex``)
# Commit after this much new text, so a crash loses little and a re-run resumes.
BATCH_BYTES = 8 * 1024 * 1024
# Whoosh sorts postings in memory up to this size (its own estimate of the postings'
# size, MB; resident memory is more) and beyond it pickles sorted runs to disk and
# merges them, which costs CPU (RESEARCH.md; at a worker limit of 64 MB the workers of
# an import of the corpus took 2.2x the CPU, in one run). A worker's writer pools its
# share of a batch (BATCH_BYTES of source over the workers); a report too big to hold
# spills and stays bounded. The importing process's writer pools the few documents it
# adds itself and the postings of the segments it merges at a commit, which grow with
# the library (up to 1,024 MB before; 192 until its merges, ~315 MB resident at corpus
# x10 with the workers' ~85 MB each beside them, were the import's peak: README).
WRITER_LIMIT_MB = 128
WORKER_LIMIT_MB = 128
# ... and each worker's for a report too big to hold (a batch of its own, ``reading.
# is_streamed``): it spills anyway, whatever the limit (its postings are larger than
# any pool), so a smaller pool costs little more than the runs it writes, and the
# workers' pools are most of the peak of such an import (each worker ~200 MB at 128).
STREAM_WORKER_LIMIT_MB = 48
# Worker processes that write the paragraphs' Whoosh documents in a large import
# (``wordworkers``; None: one per core, at least two; 0: none, all in this process).
WRITE_WORKERS: int | None = None
LOCK_WAIT = 5.0  # seconds a writer waits for another one before giving up
WRITE_LOCK = "write.lock"
# Terms with fewer postings than this keep them in the term table (``whoosh_fixes``)
# instead of a block of their own in the postings file: each paragraph's pid and every
# rare word. A block costs ~57 bytes and a zlib call; inlined, a pid's posting costs ~20.
INLINE_POSTINGS = 4


def make_schema() -> Schema:
    return Schema(
        doctype=ID,  # searched (paragraph or report documents), never read back
        report=ID(stored=True),  # report key: a hash of its path
        ordinal=STORED,  # 1-based place in the report (read, never searched)
        kind=ID(stored=True),
        section=STORED,
        joined=STORED,  # True: runs on from the previous paragraph (a cut long line)
        # A paragraph's institution and year are its report's, read from the record
        # (not stored per paragraph); facets and filters use the text index's bitmaps.
        words=WordField(),
        text=COLUMN(columns.VarBytesColumn()),  # the paragraph as written (``encode_text``)
        # The paragraph's id in the text index (``textindex``), which holds its folded
        # text and finds it by exact substring: what guarantees recall. Searched (a hit's
        # document is found by it), not stored.
        pid=ID,
        record=STORED,  # report documents only: the report's record (a dict)
    )


def make_codec() -> W3Codec:
    """How every writer of the index (``writing``, ``wordworkers``) writes its segments:
    Whoosh's codec, with the postings of rare terms inlined (``INLINE_POSTINGS``) and
    without the per-block field-length statistics, which cost a column read per posting
    written (a sixth of Whoosh's writing time) and only let Whoosh's top-N search skip
    blocks sooner. Without them its bounds are never too low, so "more like this" now
    also finds the paragraphs that skipping on lengths rounded to a byte had left out (5 of 56 lists
    sampled at corpus ×1 gained higher-scoring paragraphs or ordered ties differently)."""
    codec = W3Codec(inlinelimit=INLINE_POSTINGS)
    codec.length_stats = False
    return codec


def report_key(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def make_record(key: str, report: Report, size: int, mtime_ns: int, base: ReportMeta,
                corrections: dict[str, str] | None, offline: bool = False,
                copies: dict[str, list[int]] | None = None) -> dict:
    """The stored record of a report. ``base`` is its metadata before the user's
    corrections and ``corrected`` the corrections applied, so the index can be brought
    in line with the corrections file without reading the report again."""
    return {
        "key": key,
        "path": report.path,
        "name": report.name,
        "title": report.title,
        "institution": report.institution,
        "year": report.year,
        "paragraphs": len(report.paragraphs),
        "sha256": report.sha256,
        "encoding": report.encoding,
        "size": size,
        "mtime_ns": mtime_ns,
        "sources": dict(report.meta.sources),
        "offline": offline,
        "base": {"title": base.title, "institution": base.institution, "year": base.year,
                 "sources": dict(base.sources)},
        "corrected": dict(corrections or {}),
        # Other paths with the same content: path -> [size, mtime_ns] when last seen.
        "copies": dict(copies or {}),
    }


def record_paths(record: dict) -> list[str]:
    """Every path of a stored record: its own, then its copies (same content)."""
    return [record["path"], *record.get("copies", {})]


def correction_for(record: dict, wanted: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The corrections of a report whose content lies at several paths: a correction
    keyed by any of them counts (the report's own path first)."""
    return next((wanted[p] for p in record_paths(record) if wanted.get(p)), None)


def base_meta(record: dict) -> ReportMeta:
    base = record["base"]
    return ReportMeta(base["title"], base["institution"], base["year"], dict(base["sources"]))


class Store:
    """Opens (checking, and if need be setting aside and recreating) the index in ``root``
    and writes it in sessions."""

    def __init__(self, root: Path, recover: bool = False,
                 corrections: Corrections | None = None):
        """Open the index in ``root``. A damaged index raises IndexDamagedError, or with
        ``recover`` is set aside and replaced by an empty one for the engine to rebuild
        (``reset`` says what happened). An outdated or missing index is always replaced."""
        self.root = Path(root)
        self.path = self.root / f"v{SCHEMA_VERSION}"
        self.corrections = corrections or Corrections(self.root / "corrections.csv")
        self.lock = FileLock(self.root / WRITE_LOCK)
        # What opening did: ("", "") nothing; ("damaged"|"changed"|"missing", what);
        # ("incomplete", "") an earlier rebuild has not finished.
        self.reset: tuple[str, str] = ("", "")
        self.aside: Path | None = None  # where the replaced index was put
        self.previous_paths: list[str] = []  # report paths the replaced index held
        self._reconciled: tuple | None = None  # corrections signature last applied in full
        self._opened = None  # the index as the read-through opened it, for _open
        add_words([n for n in institutions().all_names() if len(n) >= 2])
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportSearchError("error.mkdir", path=self.root,
                                         error=exc.strerror or exc) from exc
        # The text index's write-ahead log needs memory shared by every process that
        # opens it, which a share cannot give. A read-only folder is opened immutable
        # (no log), so only a folder we could write is refused.
        share = network_filesystem(self.root)
        if share and os.access(self.root, os.W_OK):
            raise ReportSearchError("error.network_folder", path=self.root, kind=share)
        self.index = self._open(recover)

    # ------------------------------------------------------------ opening

    @property
    def complete(self) -> bool:
        """Does the index hold the whole library (no rebuild pending)?"""
        meta = integrity.read_meta(self.path)
        return bool(meta and meta.complete)

    def mark_complete(self) -> None:
        meta = integrity.read_meta(self.path) or integrity.Meta(self._fingerprint())
        meta.complete = True
        integrity.write_meta(self.path, meta)
        for old in self.root.glob("previous-*"):  # outdated indexes, kept until now
            shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def _fingerprint() -> dict[str, str]:
        return integrity.fingerprint(SCHEMA_VERSION)

    def _open(self, recover: bool):
        state, what = self._check()
        opened, self._opened = self._opened, None  # by the read-through: not twice
        if state in ("ok", "incomplete"):
            self.reset = ("incomplete", "") if state == "incomplete" else ("", "")
            return opened or index.open_dir(str(self.path))
        if state == "damaged" and not recover:
            raise IndexDamagedError("error.damaged", what=what, path=self.path)
        return self._replace(state, what)

    def _check(self) -> tuple[str, str]:
        """("ok"|"incomplete"|"missing"|"changed"|"damaged", what is wrong)."""
        if not self.path.is_dir():
            if self._other_versions():
                return "changed", Notice("changed.schema")
            return "missing", ""
        meta = integrity.read_meta(self.path)
        if meta is None:
            self._refuse_if_unsafe()
            return "damaged", Notice("damage.meta", dict(name=integrity.META))
        for _ in range(3):  # a writer committing meanwhile changes the files under us
            generation = integrity.latest_toc(self.path)
            verdict = integrity.verify(self.path)
            if not verdict.damage or integrity.latest_toc(self.path) == generation:
                break
        if verdict.damage:
            self._refuse_if_unsafe()
            return "damaged", verdict.damage
        try:
            self._read_through(deep=verdict.unsealed,
                               known=verdict.generation if verdict.read_through else -1)
        except UnsafeIndexError:
            raise  # someone else's files: refuse them, never set aside and rebuild over them
        except Exception as exc:  # Whoosh raises anything at all on a damaged file
            log.info("index failed its read-through", exc_info=True)
            return "damaged", Notice("damage.unreadable", dict(error=exc.__class__.__name__))
        changed = integrity.what_changed(meta.fingerprint, self._fingerprint())
        if changed:
            return "changed", changed
        return ("ok" if meta.complete else "incomplete"), ""

    def _refuse_if_unsafe(self) -> None:
        """A folder that looks damaged may be someone else's: if its table of contents
        names classes our index never writes, refuse it (UnsafeIndexError) instead of
        setting it aside and rebuilding over it. Only the table of contents is read (the
        segments may be the damage); any other failure is left to the damage verdict."""
        try:
            index.TOC.read(FileStorage(str(self.path)), index._DEF_INDEX_NAME)
        except UnsafeIndexError:
            raise
        except Exception:
            log.info("the table of contents of a damaged index is unreadable", exc_info=True)

    def _read_through(self, deep: bool, known: int = -1) -> None:
        """Open the index and read a sample of each of its parts (every 997th report
        record and paragraph text: the checksums cover the bytes, this that Whoosh
        reads them; all of them would grow with the library). ``deep``, for a commit that
        has no checksums yet (its writer was killed right after committing): read every
        stored document and column value, then seal it, unless a writer is at work (it
        seals its own commit). ``known``: the commit an earlier opening read through
        whose files are as they were then (``integrity.Verdict.read_through``; -1:
        none): when it is the one opened, Whoosh's part is not read again (at corpus
        ×10 it was a tenth of a fresh process's first answer, and it grows with the
        library); the text index's part is."""
        unsealed = deep
        if deep and not self.lock.is_free():
            deep = False
        ix = self._opened = index.open_dir(str(self.path))
        generation = ix.latest_generation()
        if unsealed or generation != known:
            self._read_whoosh(ix, deep)
        # Also rolls back a transaction a crash cut short (the journal).
        textindex.read_through(self.path, deep=unsealed)
        behind = textindex.generation(self.path) != ix.latest_generation()
        if behind and (not unsealed or textindex.generation(self.path) > ix.latest_generation()):
            raise IndexDamagedError("damage.unreadable", error=textindex.DB_NAME)
        if deep or behind:
            try:
                self.lock.acquire()
            except (LockBusy, OSError):
                return  # the writer at work commits the text index and seals
            try:
                if textindex.generation(self.path) != ix.latest_generation():
                    # The writer was killed between Whoosh's commit and ours.
                    log.info("text index behind Whoosh: made again from Whoosh's paragraphs")
                    textindex.rebuild_from_whoosh(ix, self.path, ix.latest_generation())
                if integrity.verify(self.path).unsealed:
                    self._seal(ix)
            finally:
                self.lock.release()
        elif generation != known:
            integrity.remember_read_through(self.path, generation)

    @staticmethod
    def _read_whoosh(ix, deep: bool) -> None:
        """Whoosh's part of the read-through (see ``_read_through``)."""
        with ix.searcher() as searcher:
            reader = searcher.reader()
            step = 1 if deep else 997
            if deep:
                for _ in searcher.all_stored_fields():
                    pass
            else:  # a sample of the report records: a search reads only its hits' ones
                for docnum in islice(searcher.document_numbers(doctype=REPORT), 0, None, step):
                    searcher.stored_fields(docnum)
            # Segment by segment: Whoosh's column over several segments misplaces the
            # documents of a segment that has no text (report documents only, as
            # written by a commit that only re-dated records, or beside worker
            # processes' segments) and fails on them.
            for leaf, _ in reader.leaf_readers():
                if leaf.has_column("text"):
                    column = leaf.column_reader("text")
                    for docnum in range(0, leaf.doc_count_all(), step):
                        column[docnum]

    def _other_versions(self) -> list[Path]:
        return [f for f in sorted(self.root.glob("v*"))
                if f.is_dir() and f != self.path and f.name[1:].isdigit()]

    def _replace(self, state: str, what: str):
        """Set the old index aside and create an empty one, marked incomplete."""
        try:
            self.lock.acquire(LOCK_WAIT)
        except LockBusy:
            raise IndexBusyError("error.busy") from None
        except OSError as exc:
            raise IndexWriteError("error.write_folder", path=self.root,
                                       error=exc.strerror or exc) from exc
        try:
            again, again_what = self._check()  # another process may have done it meanwhile
            if again in ("ok", "incomplete"):
                self.reset = ("incomplete", "") if again == "incomplete" else ("", "")
                return index.open_dir(str(self.path))
            state, what = again, again_what or what
            stamp = time.strftime("%Y%m%d-%H%M%S")
            old = [self.path] if self.path.is_dir() else []
            for folder in [*old, *self._other_versions()]:
                self.previous_paths += _report_paths(folder)
                kind = "damaged" if state == "damaged" and folder == self.path else "previous"
                aside = self.root / f"{kind}-{folder.name}-{stamp}"
                shutil.rmtree(aside, ignore_errors=True)
                folder.rename(aside)
                if folder == self.path:
                    self.aside = aside
                log.info("index %s set aside as %s: %s", folder, aside, what or state)
            for older in self.root.glob("damaged-*"):  # keep only the latest, for diagnosis
                if older != self.aside:
                    shutil.rmtree(older, ignore_errors=True)
            ix = self._create(what or state)
        except OSError as exc:
            raise IndexWriteError("error.write_folder", path=self.path,
                                       error=exc.strerror or exc) from exc
        finally:
            self.lock.release()
        self.reset = (state, what)
        return ix

    def _create(self, reason: str):
        """A new empty index, made in a side folder and renamed into place, so that the
        index folder either does not exist or holds a whole, sealed index."""
        building = self.root / f"{self.path.name}.new"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        ix = index.create_in(str(building), make_schema())
        textindex.create(building, ix.latest_generation())
        integrity.write_meta(building, integrity.Meta(self._fingerprint(), complete=False,
                                                      reason=str(reason)))
        self._seal(ix, building)
        building.rename(self.path)
        fsync_folder(self.root)
        return index.open_dir(str(self.path))

    def _seal(self, ix, folder: Path | None = None) -> None:
        """Checksum the files of the index's last commit (see ``integrity``)."""
        toc = ix._read_toc()
        names = [f"_MAIN_{toc.generation}.toc"]
        for segment in toc.segments:
            names += segment.list_files(ix.storage)
        textindex.checkpoint(folder or self.path)  # the database file alone holds the commit
        names += textindex.files(folder or self.path)
        integrity.seal(folder or self.path, toc.generation, names)

    # ------------------------------------------------------------ reading

    def stored_records(self) -> dict[str, dict]:
        """Every report's stored record (with ``base`` and ``corrected``), by path."""
        with self.index.searcher() as searcher:
            return {s["record"]["path"]: s["record"] for s in searcher.documents(doctype=REPORT)}

    def stored_record(self, path: str) -> dict | None:
        """One report's stored record, or None."""
        with self.index.searcher() as searcher:
            stored = searcher.document(report=report_key(path), doctype=REPORT)
        return stored["record"] if stored else None

    def records(self) -> dict[str, ReportRecord]:
        """Every report in the index, by path."""
        return {p: ReportRecord.from_stored({"record": r}) for p, r in self.stored_records().items()}

    def paragraphs(self, key: str) -> list[Paragraph]:
        """A report's paragraphs as stored, in order."""
        with self.index.searcher() as searcher:
            column = searcher.reader().column_reader("text")
            out = []
            for docnum in searcher.document_numbers(report=key, doctype=PARAGRAPH):
                stored = searcher.stored_fields(docnum)
                out.append(Paragraph(stored["ordinal"], Kind(stored["kind"]),
                                     decode_text(column[docnum]), stored.get("section", ""),
                                     bool(stored.get("joined", False))))
        out.sort(key=lambda p: p.ordinal)
        return out

    # ------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writing(self, cancelled: Callable[[], bool] = lambda: False,
                wait: float | None = None) -> Iterator[WriteSession]:
        """The one writer: a session that commits what is left when the block ends and
        cancels it when the block fails. IndexBusyError when another writer holds the
        index for longer than ``wait`` seconds (default LOCK_WAIT)."""
        try:
            self.lock.acquire(LOCK_WAIT if wait is None else wait)
        except LockBusy:
            raise IndexBusyError("error.busy") from None
        except OSError as exc:
            raise IndexWriteError("error.write_folder", path=self.root,
                                       error=exc.strerror or exc) from exc
        self._remove_scratch()
        session = WriteSession(self, cancelled, lock_wait=LOCK_WAIT, limit_mb=WRITER_LIMIT_MB,
                               workers=WRITE_WORKERS, worker_limit_mb=WORKER_LIMIT_MB,
                               stream_limit_mb=STREAM_WORKER_LIMIT_MB)
        try:
            yield session
            session.commit()
        except BaseException:
            session.cancel()
            raise
        finally:
            session.close()
            self.lock.release()

    def _remove_scratch(self) -> None:
        """Remove the scratch folders of writers that were killed (each Whoosh writer
        spills postings into a folder of its own, ``MAIN.tmp-*``, removed when it is
        done). Called holding the write lock, before this session's writers start, and
        only while Whoosh's own writer lock is free too: no writer of this index is
        running, so every such folder is a dead one's."""
        whoosh_lock = self.index.storage.lock(f"{self.index.indexname}_WRITELOCK")
        if not whoosh_lock.acquire(blocking=False):
            return
        try:
            for folder in self.path.glob(f"{self.index.indexname}.tmp-*"):
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
        finally:
            whoosh_lock.release()

    def reconcile(self, session: WriteSession, paths: Iterable[str] | None = None) -> list[str]:
        """Make the index say what the corrections file says (for ``paths``, or for every
        report when the file changed since it was last applied in full). Returns the paths
        of the reports relabelled. Called after every commit, so a correction saved while
        an import runs, or before a crash, reaches the index at its next commit."""
        self.corrections.refresh()
        signature = self.corrections.signature
        if not self.corrections.readable or (paths is None and signature == self._reconciled):
            return []  # an unreadable file says nothing: the index keeps what it applied
        wanted = self.corrections.all()
        if paths is None:
            stored = self.stored_records()
        else:
            stored = {p: r for p, r in ((p, self.stored_record(p)) for p in paths) if r}
        changed = [p for p, r in stored.items()
                   if r.get("corrected", {}) != (correction_for(r, wanted) or {})]
        for path in changed:
            record = stored[path]
            values = correction_for(record, wanted)
            meta = corrected(base_meta(record), values)
            report = Report(record["path"], record["name"], record["sha256"], record["encoding"],
                            meta, tuple(self.paragraphs(record["key"])))
            session.add_report(record["key"], report, make_record(
                record["key"], report, record["size"], record["mtime_ns"], base_meta(record),
                values, record.get("offline", False), record.get("copies")), check=False)
        if paths is None and not changed:
            self._reconciled = signature  # checked in full and nothing left to apply
        return changed

    def needs_reconcile(self) -> bool:
        """Does any report's record disagree with the corrections file?"""
        self.corrections.refresh()
        if not self.corrections.readable or self.corrections.signature == self._reconciled:
            return False
        wanted = self.corrections.all()
        return any(r.get("corrected", {}) != (correction_for(r, wanted) or {})
                   for r in self.stored_records().values())


def _report_paths(folder: Path) -> list[str]:
    """The report paths an index folder holds, if it can be read at all."""
    try:
        ix = index.open_dir(str(folder))
        with ix.searcher() as searcher:
            return [s["record"]["path"] for s in searcher.documents(doctype=REPORT)]
    except Exception:
        log.info("could not read the old index %s", folder, exc_info=True)
        return []

