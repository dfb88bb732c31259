"""The Whoosh index on disk: its schema, its version, and bringing it up to date.

One Whoosh document per paragraph (its words for ranking, its text and folded
text as columns, its report, kind, institution and year), plus one per report holding the report's
record (path, hash, title, institution, year, …). Keeping the records in the same
index means one commit changes both, so a crash can never leave them apart.

The index lives in ``<index dir>/v<SCHEMA_VERSION>``: when the schema changes, a
new folder is built from the source paths the old one recorded, and the old one
is removed. Whoosh commits are atomic (the table of contents is written last), so
after a crash the index opens at its last commit; imports commit in batches, and
re-running one resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import columns, index
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, Schema
from whoosh.index import LockError

from .analysis import WordField, add_words
from .errors import (
    IndexBusyError,
    IndexDamagedError,
    IndexWriteError,
    ReadError,
    ReportSearchError,
    UnsafeIndexError,
)
from .filenames import readable
from .institutions import institutions
from .library import Corrections, file_sha256, iter_report_files, load_report
from .manifest import manifest_problems
from .model import Kind, Paragraph, Report, ReportMeta, Skipped
from .normalize import fold
from .scan import pack_folded

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
PARAGRAPH, REPORT = "p", "r"
# Commit after this much new text, so a crash loses little and a re-run resumes.
BATCH_BYTES = 8 * 1024 * 1024
# Whoosh sorts postings in memory up to this size; below it, it pickles runs to disk
# and spends most of its time doing so (RESEARCH.md).
WRITER_LIMIT_MB = 1024
LOCK_WAIT = 5.0  # seconds a writer waits for another one before giving up
SOURCES = "sources.json"  # the folders and files indexed, to rebuild a damaged index from


def make_schema() -> Schema:
    return Schema(
        doctype=ID(stored=True),
        report=ID(stored=True),  # report key: a hash of its path
        ordinal=NUMERIC(stored=True),
        kind=ID(stored=True),
        section=STORED,
        institution=ID(stored=True),
        year=ID(stored=True),
        words=WordField(),
        text=COLUMN(columns.VarBytesColumn()),  # the paragraph as written, UTF-8
        # The paragraph folded for matching (normalize.fold), after a header of its kind
        # and report (scan.pack_folded): the searcher scans these for exact substrings,
        # which is what guarantees recall, and reads everything else per paragraph it
        # needs for ranking and facets from this one column.
        folded=COLUMN(columns.VarBytesColumn()),
        record=STORED,  # report documents only: the report's record (a dict)
    )


def report_key(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReportRecord:
    """A report as the index knows it, without its paragraphs."""

    key: str
    path: str
    name: str
    title: str
    institution: str
    year: int | None
    paragraphs: int
    sha256: str
    encoding: str
    size: int
    mtime_ns: int
    sources: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_stored(cls, stored: dict) -> ReportRecord:
        return cls(**stored["record"])


@dataclass
class IndexSummary:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Problems that did not stop a report (a bad manifest row): (file, what is wrong).
    warnings: list[Skipped] = field(default_factory=list)
    reports: int = 0  # in the index afterwards
    paragraphs: int = 0  # in the index afterwards
    bytes_read: int = 0
    seconds: float = 0.0
    cancelled: bool = False


# progress(done, total, current path)
Progress = Callable[[int, int, str], None]


class Store:
    """Opens (or creates) the index in ``root`` and keeps it current."""

    def __init__(self, root: Path, recover: bool = False):
        """Open the index in ``root``. A damaged index raises IndexDamagedError, or with
        ``recover`` is set aside and rebuilt from the folders it had indexed
        (``rebuild_needed`` lists them; ``recovered`` says it happened)."""
        self.root = Path(root)
        self.path = self.root / f"v{SCHEMA_VERSION}"
        self.corrections = Corrections(self.root / "corrections.csv")
        self.pending_sources: list[str] = []
        self.recovered = ""  # the damage, when the index was rebuilt at opening
        add_words([n for n in institutions().all_names() if len(n) >= 2])
        try:
            self.index = self._open()
        except IndexDamagedError as exc:
            if not recover:
                raise
            log.error("%s: rebuilding from the recorded sources", exc)
            self.recovered = str(exc)
            damaged = self.root / f"damaged-{time.strftime('%Y%m%d-%H%M%S')}"
            shutil.rmtree(damaged, ignore_errors=True)
            self.path.rename(damaged)  # kept for diagnosis; the next recovery replaces it
            for old in self.root.glob("damaged-*"):
                if old != damaged:
                    shutil.rmtree(old, ignore_errors=True)
            self.index = self._create()
            self.pending_sources = self.sources()

    # ------------------------------------------------------------ opening

    def _open(self):
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportSearchError(f"无法创建索引文件夹 {self.root}：{exc.strerror}") from exc
        if index.exists_in(str(self.path)):
            try:
                ix = index.open_dir(str(self.path))
                with ix.searcher() as searcher:
                    # Read what every search needs, so damage shows now, not mid-search.
                    reader = searcher.reader()
                    for _ in searcher.documents(doctype=REPORT):
                        pass
                    for name in ("folded", "text"):
                        if reader.has_column(name):
                            column = reader.column_reader(name)
                            for docnum in range(0, reader.doc_count_all(), 997):
                                column[docnum]
                return ix
            except UnsafeIndexError:
                raise  # someone else's files: refuse them, never rebuild over them
            except Exception as exc:
                raise IndexDamagedError(f"索引已损坏（{exc.__class__.__name__}）：{self.path}") from exc
        return self._create()

    def _create(self):
        old = self._old_versions()
        self.path.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.path), make_schema())
        self.pending_sources = old
        return ix

    def _old_versions(self) -> list[str]:
        """Source paths recorded by an index of an older schema (to rebuild from)."""
        paths: list[str] = []
        for folder in sorted(self.root.glob("v*")):
            if folder == self.path or not folder.is_dir():
                continue
            try:
                old = index.open_dir(str(folder))
                with old.searcher() as searcher:
                    for stored in searcher.documents(doctype=REPORT):
                        paths.append(stored["record"]["path"])
            except Exception:
                log.warning("could not read the old index %s", folder, exc_info=True)
            shutil.rmtree(folder, ignore_errors=True)
        return paths

    def rebuild_needed(self) -> list[str]:
        """Paths an upgraded or recovered index must re-read (empty once done)."""
        return self.pending_sources

    # The folders and files the user has indexed, outside the index itself, so that a
    # damaged index can be rebuilt from them.

    def sources(self) -> list[str]:
        try:
            return json.loads((self.root / SOURCES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []

    def _remember_sources(self, roots: list[Path]) -> None:
        known = self.sources()
        merged = list(dict.fromkeys([*known, *(str(r) for r in roots)]))
        if merged == known:
            return
        tmp = self.root / (SOURCES + ".tmp")
        try:
            tmp.write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.root / SOURCES)
        except OSError:
            log.warning("could not record the indexed folders", exc_info=True)


    # ------------------------------------------------------------ reading

    def records(self) -> dict[str, ReportRecord]:
        """Every report in the index, by path."""
        with self.index.searcher() as searcher:
            return {
                r.path: r
                for r in (ReportRecord.from_stored(s) for s in searcher.documents(doctype=REPORT))
            }

    # ------------------------------------------------------------ writing

    def _writer(self):
        try:
            return self.index.writer(timeout=LOCK_WAIT, limitmb=WRITER_LIMIT_MB)
        except OSError as exc:
            raise IndexWriteError(f"无法写入索引文件夹 {self.path}（{exc.strerror or exc}）。") from exc
        except LockError as exc:
            raise IndexBusyError(
                "索引正被另一个程序写入（另一个报告检索窗口或命令行导入）。请等它完成后再试。"
            ) from exc

    def update(
        self,
        paths: Iterable[Path],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        prune: bool = True,
    ) -> IndexSummary:
        """Add new files, re-read changed ones, drop deleted ones under ``paths``."""
        started = time.perf_counter()
        roots = [Path(p).resolve() for p in paths]
        self._remember_sources([r for r in roots if r.exists()])
        summary = IndexSummary()
        known = self.records()
        found: list[Path] = []
        for item in iter_report_files(roots):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
            else:
                found.append(item)
        seen: set[str] = set()
        todo: list[tuple[Path, ReportRecord | None, os.stat_result]] = []
        for path in found:
            resolved = readable(str(path.resolve()))  # how load_report names it
            seen.add(resolved)
            try:
                stat = path.stat()
            except OSError as exc:
                summary.skipped.append(Skipped(str(path), f"无法访问文件：{exc.strerror}"))
                continue
            old = known.get(resolved)
            if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
                summary.unchanged += 1
                continue
            todo.append((path, old, stat))
        gone = []
        if prune:
            gone = [
                r for p, r in known.items()
                if p not in seen and any(_is_under(Path(p), root) for root in roots)
            ]

        writer = None
        pending = 0
        uncommitted: list[tuple[list[str], str]] = []  # (summary list, path) since the last commit
        try:
            for done, (path, old, stat) in enumerate(todo):
                if cancelled():
                    summary.cancelled = True
                    break
                if progress:
                    progress(done, len(todo), str(path))
                try:
                    sha = file_sha256(path)
                    if old and old.sha256 == sha:
                        report = None  # touched, not changed: refresh the record only
                    else:
                        report = load_report(path, corrections=self.corrections, sha256=sha)
                except ReadError as exc:
                    summary.skipped.append(Skipped(str(path), str(exc)))
                    continue
                except OSError as exc:
                    summary.skipped.append(Skipped(str(path), f"无法读取文件：{exc.strerror}"))
                    continue
                if writer is None:
                    writer = self._writer()
                if report is None:
                    _rewrite_record(writer, self.index, old, stat)
                    summary.unchanged += 1
                    continue
                key = report_key(report.path)
                writer.delete_by_term("report", key)
                _add_report(writer, key, report, stat)
                (summary.updated if old else summary.added).append(report.path)
                uncommitted.append((summary.updated if old else summary.added, report.path))
                size = stat.st_size
                summary.bytes_read += size
                pending += size
                if pending >= BATCH_BYTES:
                    writer.commit()
                    writer, pending, uncommitted = None, 0, []
            if summary.cancelled and writer is not None:
                # Cancel means now: back to the last commit, not a commit of seconds.
                _abandon(writer)
                writer = None
                for listed, path in uncommitted:
                    listed.remove(path)
            if not summary.cancelled:
                for record in gone:
                    if writer is None:
                        writer = self._writer()
                    writer.delete_by_term("report", record.key)
                    summary.removed.append(record.path)
            if writer is not None:
                writer.commit()
                writer = None
        except OSError as exc:  # disk full, folder made read-only, …
            raise IndexWriteError(
                f"无法写入索引（{exc.strerror or exc}）：{self.path}。"
                "已提交的报告都在，上一次完整的索引仍可使用；腾出空间或换一个索引文件夹后重新导入即可。"
            ) from exc
        finally:
            if writer is not None:
                _abandon(writer)
        summary.warnings = manifest_problems(Path(p) for p in summary.added + summary.updated)
        if progress:
            progress(len(todo), len(todo), "")
        records = self.records()  # doc_frequency would count deleted documents too
        summary.reports = len(records)
        summary.paragraphs = sum(r.paragraphs for r in records.values())
        summary.seconds = time.perf_counter() - started
        return summary

    def rewrite_report(self, record: ReportRecord, meta: ReportMeta) -> None:
        """Store new metadata for an indexed report (its paragraphs are re-labelled)."""
        with self.index.searcher() as searcher:
            docnums = sorted(
                searcher.document_numbers(report=record.key, doctype=PARAGRAPH)
            )
            column = searcher.reader().column_reader("text")
            paragraphs = []
            for docnum in docnums:
                stored = searcher.stored_fields(docnum)
                paragraphs.append(Paragraph(
                    stored["ordinal"], Kind(stored["kind"]), column[docnum].decode("utf-8"),
                    stored.get("section", ""),
                ))
        paragraphs.sort(key=lambda p: p.ordinal)
        report = Report(record.path, record.name, record.sha256, record.encoding, meta,
                        tuple(paragraphs))
        writer = self._writer()
        try:
            writer.delete_by_term("report", record.key)
            _add_report(writer, record.key, report, None, record)
            writer.commit()
        except OSError as exc:
            _abandon(writer)
            raise IndexWriteError(f"无法写入索引（{exc.strerror or exc}）：{self.path}") from exc
        except BaseException:
            _abandon(writer)
            raise


def _abandon(writer) -> None:
    """Cancel an unfinished write; when even that fails (a full disk), still release the
    lock, so the next import is not blocked. The last commit is untouched either way."""
    try:
        writer.cancel()
    except OSError:
        log.warning("could not clean up an unfinished write", exc_info=True)
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            try:
                lock.release()
            except Exception:
                log.warning("could not release the index lock", exc_info=True)


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _record(key: str, report: Report, stat: os.stat_result | None,
            old: ReportRecord | None = None) -> dict:
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
        "size": stat.st_size if stat else (old.size if old else 0),
        "mtime_ns": stat.st_mtime_ns if stat else (old.mtime_ns if old else 0),
        "sources": dict(report.meta.sources),
    }


def _add_report(writer, key: str, report: Report, stat: os.stat_result | None,
                old: ReportRecord | None = None) -> None:
    year = str(report.year) if report.year else ""
    institution = report.institution
    for p in report.paragraphs:
        folded = fold(p.text)
        writer.add_document(
            doctype=PARAGRAPH,
            report=key,
            ordinal=p.ordinal,
            kind=str(p.kind),
            section=p.section,
            institution=institution,
            year=year,
            words=folded,
            text=p.text.encode("utf-8"),
            folded=pack_folded(p.kind, key, folded),
        )
    writer.add_document(
        doctype=REPORT, report=key, institution=institution, year=year,
        record=_record(key, report, stat, old),
    )


def _rewrite_record(writer, ix, old: ReportRecord, stat: os.stat_result) -> None:
    """Replace only the report document (the file was touched but not changed)."""
    with ix.searcher() as searcher:
        docnum = next(iter(searcher.document_numbers(report=old.key, doctype=REPORT)), None)
        if docnum is None:
            return
    writer.delete_document(docnum)
    record = {**old.__dict__, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    writer.add_document(doctype=REPORT, report=old.key, institution=old.institution,
                        year=str(old.year or ""), record=record)
