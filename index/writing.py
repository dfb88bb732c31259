"""One writer's session on the index: batches of reports, each committed or cancelled.

A session belongs to the process holding the index's write lock (``Store.writing``).
Each commit writes the library's folded text and its gram postings (``textindex``,
in one SQLite transaction held open across Whoosh's commit and committed right after
it), then Whoosh's atomic commit, then SQLite's, then both are flushed to the disk and
checksummed (``integrity``), then reconciled with the corrections file, so a correction saved
meanwhile by another process reaches the index at the next commit. The Cancel flag is
looked at every few hundred paragraphs and, through ``whoosh_fixes.cancellable``,
inside Whoosh's commit; a cancel drops the batch and the last commit stays the index.

Once a session has added ``PARALLEL_CHARS`` of paragraphs, their Whoosh documents (jieba
words and postings, most of an import's time) go to worker processes (``wordworkers``)
while this process goes on reading, folding and writing the text index; at each commit
the workers' segments join this writer's table of contents, in the same one commit.

What a session holds does not grow with a report: a report too big to hold comes a
window of paragraphs at a time (``add_report_stream``); the text index writes a segment
every ``textindex.SEGMENT_CHARS`` (``STREAM_SEGMENT_CHARS`` in a streamed report) and
its open transaction keeps at most ``textindex.WRITER_CACHE_KIB`` in memory (the rest
goes to SQLite's write-ahead log); Whoosh's writers (this process's and each worker's)
pool postings up to ``store.WRITER_LIMIT_MB`` / ``store.WORKER_LIMIT_MB`` (each
worker's ``store.STREAM_WORKER_LIMIT_MB`` in a streamed report's batch) and spill
sorted runs to disk beyond; at most ``wordworkers.AHEAD`` chunks wait per worker.
The processes' peaks do not coincide: at a commit the workers write their segments and
give their pools back (``memory.release``) before this process builds the text
segment's gram postings and merges Whoosh's segments, and it gives those back after.
"""

from __future__ import annotations

import logging
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from . import whoosh_fixes  # noqa: F401  (Whoosh is imported through it, patched)

# isort: split
from whoosh import query as wq
from whoosh.index import LockError

from . import memory
from .analysis import taught_words
from .errors import IndexBusyError, IndexWriteError
from .model import Paragraph, Report
from .normalize import fold
from .textindex import TextWriter
from .whoosh_fixes import cancellable

if TYPE_CHECKING:
    from .store import Store
    from .wordworkers import WordWorkers

log = logging.getLogger(__name__)

PARAGRAPH, REPORT = "p", "r"  # the two kinds of Whoosh document (``doctype``)
# The paragraph as written, in Whoosh's ``text`` column: GB18030 encodes every Unicode
# character and round-trips it exactly, in two bytes for a common Chinese character
# where UTF-8 takes three (the column is a third smaller on Chinese reports). Since
# schema 6 deflated (raw, level 9) when that is shorter, a leading byte saying which:
# 10.5 → 8.3 MB at corpus ×1, ~25 µs a paragraph to write, a few to read.
TEXT_ENCODING = "gb18030"
_PLAIN, _DEFLATED = 0, 1


def encode_text(text: str) -> bytes:
    """A paragraph's text as the ``text`` column holds it."""
    data = text.encode(TEXT_ENCODING)
    if len(data) > 32:  # shorter ones never come out smaller
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        if len(packed) < len(data):
            return bytes((_DEFLATED,)) + packed
    return bytes((_PLAIN,)) + data


def encoded(fields: dict) -> dict:
    """A paragraph's fields as ``_paragraphs`` makes them, its ``text`` encoded for the
    column: done by whichever process writes its document (the worker's, with workers,
    which takes ~6% of the importing process's CPU off it)."""
    fields["text"] = encode_text(fields["text"])
    return fields


def decode_text(data: bytes) -> str:
    """A paragraph's text from the ``text`` column."""
    if data[:1] == bytes((_DEFLATED,)):
        return zlib.decompress(memoryview(data)[1:], -15).decode(TEXT_ENCODING)
    return data[1:].decode(TEXT_ENCODING)


CHECK_EVERY = 256  # paragraphs added between two looks at the Cancel flag
# Characters of paragraphs a session adds in this process before it starts worker
# processes for the rest (starting them costs about a second: not worth it for a few
# reports, a correction or a touched file).
PARALLEL_CHARS = 256 * 1024


class Cancelled(Exception):
    """The user cancelled; raised inside a write session, which then drops its batch."""


class WriteSession:
    """One writer's batches: each commit is atomic, flushed to disk and checksummed."""

    def __init__(self, store: Store, cancelled: Callable[[], bool], lock_wait: float,
                 limit_mb: int, workers: int | None = 0, worker_limit_mb: int | None = None,
                 stream_limit_mb: int | None = None):
        """``workers``: worker processes for the paragraphs' Whoosh documents once the
        session has added ``PARALLEL_CHARS`` (0: none; None: ``worker_count()``);
        ``limit_mb`` and ``worker_limit_mb``: the Whoosh pool of this process's writer and
        of each worker's (default: half of ``limit_mb``); ``stream_limit_mb``: each
        worker's pool in the batch of a report too big to hold (default: theirs)."""
        self.store = store
        self.cancelled = cancelled
        self._options = {"timeout": lock_wait, "limitmb": limit_mb}
        self._worker_limit_mb = worker_limit_mb or max(16, limit_mb // 2)
        self._stream_limit_mb = stream_limit_mb or self._worker_limit_mb
        self._batch_limit_mb = self._worker_limit_mb  # the workers' pool in this batch
        self.pending_bytes = 0
        self._writer = None
        self._text: TextWriter | None = None
        self._reconciling = False
        if workers is None:  # multiprocessing is imported to write, not to search
            from .wordworkers import worker_count

            workers = worker_count()
        self._worker_count = workers
        self._workers: WordWorkers | None = None
        self._chars = 0  # characters of paragraphs added in this session

    def _paragraph(self, writer, fields: dict, chars: int, check: Callable[[], None]) -> None:
        """Add a paragraph's Whoosh document: here, or through the worker processes."""
        self._chars += chars
        if (self._workers is None and self._worker_count
                and self._chars >= PARALLEL_CHARS):
            from .wordworkers import WordWorkers

            self._workers = WordWorkers(self.store.path, taught_words(),
                                        self._worker_count,
                                        limit_mb=self._batch_limit_mb)
        if self._workers is not None:
            self._workers.add(fields, chars, check)
        else:
            writer.add_document(**encoded(fields))

    def _drop_workers(self) -> None:
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.terminate()

    def _texts(self) -> TextWriter:
        if self._text is None:
            self._text = TextWriter(self.store.path)
        return self._text

    def _whoosh(self):
        if self._writer is None:
            from .store import make_codec

            try:
                writer = self.store.index.writer(codec=make_codec(), **self._options)
            except OSError as exc:
                raise IndexWriteError("error.write_folder", path=self.store.path,
                                           error=exc.strerror or exc) from exc
            except LockError as exc:
                raise IndexBusyError("error.busy") from exc
            cancellable(writer, self.cancelled, Cancelled)
            self._writer = writer
        return self._writer

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled()

    def delete_report(self, key: str) -> None:
        def delete():
            self._whoosh().delete_by_term("report", key)
            self._texts().delete_report(key)
        self._guard(delete)

    def add_report(self, key: str, report: Report, record: dict, check: bool = True) -> None:
        """Replace a report (its paragraphs and record) by ``report``; ``pending_bytes``
        grows by the size of its file (batches are measured in source bytes)."""
        def add():
            writer = self._whoosh()
            writer.delete_by_term("report", key)
            folded = [fold(p.text) for p in report.paragraphs]
            first = self._texts().add_report(
                key, report.institution, report.year, folded,
                [str(p.kind) for p in report.paragraphs], [p.joined for p in report.paragraphs])
            self._paragraphs(writer, key, report, report.paragraphs, folded, first, check)
            writer.add_document(doctype=REPORT, report=key, record=record)
        self._guard(add)
        self.pending_bytes += record["size"] or sum(len(p.text) for p in report.paragraphs) * 3

    def add_report_stream(self, key: str, report: Report, windows: Iterable[Sequence[Paragraph]],
                          record: dict) -> int:
        """``add_report`` for a report too big to hold (``library.stream_report``): its
        paragraphs come a window at a time, and each window is folded, added to the text
        index (which writes a segment every ``SEGMENT_CHARS``) and sent to Whoosh (whose
        pools spill to disk past their limit) before the next is read, so what is held
        does not grow with the report. It is all in the batch, committed (or dropped)
        as one like any other. ``record["paragraphs"]`` is set to their number, which
        is returned. A ReadError from ``windows`` (the file changed) leaves the report
        half added: the caller drops the batch."""
        def add():
            writer = self._whoosh()
            writer.delete_by_term("report", key)
            self._pool(self._stream_limit_mb)  # back to the usual one at the commit
            texts = self._texts()
            first = texts.start_report(key)
            count = 0
            for window in windows:
                self.check()
                folded = [fold(p.text) for p in window]
                texts.add_paragraphs(folded, [str(p.kind) for p in window],
                                     [p.joined for p in window])
                self._paragraphs(writer, key, report, window, folded, first + count, True)
                count += len(window)
            texts.end_report(report.institution, report.year)
            record["paragraphs"] = count
            writer.add_document(doctype=REPORT, report=key, record=record)
            return count
        count = self._guard(add)
        self.pending_bytes += record["size"]
        return count

    def _pool(self, limit_mb: int) -> None:
        """The workers' pool for the batch to come (their writers are opened per batch)."""
        if limit_mb != self._batch_limit_mb:
            self._batch_limit_mb = limit_mb
            if self._workers is not None:
                self._workers.limit(limit_mb)

    def _paragraphs(self, writer, key: str, report: Report, paragraphs: Sequence[Paragraph],
                    folded: Sequence[str], first: int, check: bool) -> None:
        """The Whoosh documents of ``paragraphs`` (pids from ``first``)."""
        looks = self.check if check else _never
        for n, p in enumerate(paragraphs):
            if check and n % CHECK_EVERY == CHECK_EVERY - 1:
                self.check()
            self._paragraph(writer, dict(
                doctype=PARAGRAPH, report=key, ordinal=p.ordinal, kind=str(p.kind),
                section=p.section, words=folded[n], text=p.text, pid=str(first + n),
                **({"joined": True} if p.joined else {}),
            ), len(folded[n]), looks)

    def set_record(self, record: dict) -> None:
        """Replace only a report's record (a touched file, an offline flag)."""
        def replace_record():
            writer = self._whoosh()
            writer.delete_by_query(wq.And([wq.Term("report", record["key"]),
                                           wq.Term("doctype", REPORT)]))
            writer.add_document(doctype=REPORT, report=record["key"], record=record)
            self._texts().set_meta(record["key"], record["institution"], record["year"])
        self._guard(replace_record)

    def _guard(self, action):
        try:
            return action()
        except (OSError, sqlite3.Error) as exc:  # disk full, folder made read-only, …
            raise IndexWriteError("error.write", path=self.store.path,
                                  error=getattr(exc, "strerror", None) or exc) from exc

    def commit(self) -> None:
        """Commit the batch (if any), seal it, then apply corrections saved meanwhile."""
        writer, self._writer = self._writer, None
        if writer is not None:
            texts = self._texts()
            workers = self._workers if self._workers is not None and self._workers.added else None
            try:
                segments = None
                if workers is not None:
                    # Their segments first, then this process's text segment: the
                    # workers give their pools back before answering, so the gram
                    # postings built here never sit on top of two full pools (the
                    # import's peak; on two cores the overlap saved no time anyway).
                    workers.finish(self.check)
                    segments = workers.segments(self.check)
                texts.flush()  # the segment files, before Whoosh's commit switches over
                if segments is not None:
                    _commit_with(writer, segments)
                else:
                    writer.commit()
            except BaseException:
                self._drop_workers()
                _abandon(writer)
                texts.rollback()
                raise
            self.pending_bytes = 0
            self._pool(self._worker_limit_mb)
            try:
                texts.commit(self.store.index.latest_generation())
                self.store._seal(self.store.index)
            except (OSError, sqlite3.Error) as exc:
                raise IndexWriteError("error.write", path=self.store.path,
                                      error=getattr(exc, "strerror", None) or exc) from exc
            # The batch's structures (gram postings, merged segments' pools) are
            # garbage now: give them back before the next batch fills the workers.
            memory.release()
        if not self._reconciling and not self.cancelled():
            self._reconciling = True
            try:
                if self.store.reconcile(self):
                    self.commit()
            finally:
                self._reconciling = False

    def cancel(self) -> None:
        """Drop the batch; the last commit stays the index."""
        writer, self._writer = self._writer, None
        self.pending_bytes = 0
        self._drop_workers()
        self._batch_limit_mb = self._worker_limit_mb  # the next workers start afresh
        if writer is not None:
            _abandon(writer)
        if self._text is not None:
            self._text.rollback()

    def close(self) -> None:
        """End the worker processes and release the text index's connection (after
        commit or cancel)."""
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.stop()
        if self._text is not None:
            self._text.close()
            self._text = None


def _never() -> None:
    """No look at the Cancel flag (a reconcile after a commit is never cancelled)."""


def _commit_with(writer, segments: list) -> None:
    """``writer.commit()`` with the worker processes' ``segments`` listed in the same
    table of contents (as Whoosh's ``MpWriter`` commits with ``multisegment``); the
    existing small segments are merged by the usual policy, the new ones next time."""
    writer._check_state()
    final = writer._merge_segments(None, None, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final + segments)
    writer._finish()


def _abandon(writer) -> None:
    """Cancel an unfinished write; when even that fails (a full disk), still release the
    lock, so the next import is not blocked. The last commit is untouched either way."""
    try:
        writer.cancel()
    except Exception:
        log.warning("could not clean up an unfinished write", exc_info=True)
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            try:
                lock.release()
            except Exception:
                log.warning("could not release the index lock", exc_info=True)
