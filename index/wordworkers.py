"""Whoosh's paragraph documents written in worker processes, so an import uses every core.

The importing process reads, folds and writes the text index (``textindex``); the
paragraphs' Whoosh documents go in chunks to worker processes, each cutting their words
(jieba), encoding their text for the ``text`` column (``writing.encoded``) and pooling
their postings into a Whoosh segment of its own: a ``SegmentWriter``
that does not take the lock, as Whoosh's ``MpWriter`` does with ``multisegment``. At a
commit each worker writes its segment and hands the segment object back, and the
session's writer (which holds the lock and carries the deletions and the report
documents) lists them in its one table of contents, so the batch is still one atomic
commit. Files of a segment that never reached a table of contents (a cancel, a kill) are
removed by Whoosh at the next commit; the checksums cover only committed files.

Workers are started with the spawn method on every system: what Windows and the frozen
executable use (``multiprocessing.freeze_support()`` in ``main.py``), and no fork of a
process running Qt's threads. Each worker teaches its segmenter the words the importing
process taught it (institution names), so a paragraph is cut the same in any process;
rjieba is only ever used by the worker's one thread. A worker that dies or fails is an
``IndexWriteError`` naming it, never a wait without end: the importing process waits on
the workers' pipes a fraction of a second at a time, looking at Cancel and at whether
each worker is alive. Cancel terminates the workers at once (their batch is dropped).
A worker does not run the starting program's main module again (spawn does by default):
it needs only this module, and a script without an ``if __name__ == "__main__"`` guard
would otherwise start its own import in every worker.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait
from pathlib import Path

from .errors import IndexWriteError

log = logging.getLogger(__name__)

CHUNK_CHARS = 64 * 1024  # characters of paragraphs sent to a worker at once
AHEAD = 2  # chunks a worker may have waiting before the importing process waits for it
POLL = 0.2  # seconds between two looks at Cancel and at the workers' health
STOP_WAIT = 2.0  # seconds a worker is given to exit before it is terminated


def worker_count() -> int:
    """Workers for an import: one per core, at least two (the importing process reads
    and writes the text index besides), at most four."""
    return max(2, min(4, os.cpu_count() or 1))


def _end_with_parent() -> None:
    """End this worker the moment the importing process ends (killed, crashed): an
    orphan would go on writing a segment nobody will list, beside the next import."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(conn, folder: str, limit_mb: int, words: list[str]) -> None:
    """A worker's loop: ("docs", [fields…]) adds documents (answered "ok"), "finish"
    writes the segment (answered ("segment", segment)), None ends. Any failure is
    answered ("error", traceback) and ends the worker."""
    _end_with_parent()
    try:
        from whoosh import index as windex
        from whoosh.writing import SegmentWriter

        from . import whoosh_fixes  # noqa: F401  (reads our tables of contents safely)
        from .analysis import add_words
        from .memory import release
        from .store import make_codec
        from .writing import encoded

        add_words(words)
        ix = windex.open_dir(folder)
        writer = None
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the importing process is gone
                break
            if message is None:
                break
            if isinstance(message, tuple) and message[0] == "limit":
                limit_mb = message[1]  # for the next batch's writer (no answer)
                continue
            if message == "finish":
                segment = None
                if writer is not None:
                    segment = writer._finalize_segment()
                    # Not ``_finish()``, which would also release a lock this writer
                    # never took: only its own scratch folder (``whoosh_fixes``) goes.
                    with contextlib.suppress(OSError):
                        writer._tempstorage.destroy()
                    writer.is_closed = True
                writer = None
                # Its pool is garbage now: give it back before answering, so the
                # importing process's work at the commit (the gram postings, Whoosh's
                # merges) does not add to this process's high-water mark.
                release()
                conn.send(("segment", segment))
                continue
            _, docs = message
            if writer is None:  # opened per batch, after the last commit listed its files
                writer = SegmentWriter(ix, _lk=False, limitmb=limit_mb, codec=make_codec())
            for fields in docs:
                writer.add_document(**encoded(fields))
            conn.send("ok")
    except BaseException:
        with contextlib.suppress(OSError, EOFError):
            conn.send(("error", traceback.format_exc(limit=8)))
        raise SystemExit(1) from None


@contextlib.contextmanager
def _main_left_out() -> Iterator[None]:
    """Start processes without the main module's name and path in what spawn hands
    them, so they do not import it (see the module's doc). Frozen, the executable is
    the main module and ``freeze_support()`` hands the process over before it runs."""
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    saved = {name: main.__dict__[name] for name in ("__spec__", "__file__")
             if name in main.__dict__}
    main.__spec__ = None
    main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        main.__dict__.update(saved)


class WordWorkers:
    """The worker processes of one write session, kept across its commits."""

    def __init__(self, folder: Path, words: list[str], count: int | None = None,
                 limit_mb: int = 512, context=None):
        ctx = context or multiprocessing.get_context("spawn")
        self.folder = folder
        self._procs = []
        self._conns = []
        self._waiting: list[int] = []  # chunks sent and not yet answered, per worker
        self._sent: list[int] = []  # characters sent in this session, per worker
        self._buffer: list[dict] = []
        self._chars = 0
        self.added = False  # documents went to the workers since the last commit
        try:
            with _main_left_out():
                for k in range(count or worker_count()):
                    mine, theirs = ctx.Pipe()
                    proc = ctx.Process(target=_serve,
                                       args=(theirs, str(folder), limit_mb, words),
                                       name=f"reportsearch-words-{k}", daemon=True)
                    proc.start()
                    theirs.close()
                    self._procs.append(proc)
                    self._conns.append(mine)
                    self._waiting.append(0)
                    self._sent.append(0)
        except BaseException:
            self.terminate()
            raise

    def add(self, fields: dict, chars: int, check: Callable[[], None]) -> None:
        """Queue one document (``chars``: its text's length, for the chunk size)."""
        self._buffer.append(fields)
        self._chars += chars
        self.added = True
        if self._chars >= CHUNK_CHARS:
            self._send(check)

    def _send(self, check: Callable[[], None]) -> None:
        if not self._buffer:
            return
        self._drain(check)
        while min(self._waiting) >= AHEAD:
            self._answer(check)
        # The worker with the fewest chunks waiting, then the one sent the fewest
        # characters: without the drain above and this tie-break, the answers of the
        # first worker were always read first and it was sent nearly every chunk (its
        # pool held the whole batch while the other stood idle).
        k = min(range(len(self._conns)), key=lambda j: (self._waiting[j], self._sent[j]))
        self._sent[k] += self._chars
        docs, self._buffer, self._chars = self._buffer, [], 0
        try:
            self._conns[k].send(("docs", docs))
        except OSError:
            self._failed(k)
        self._waiting[k] += 1

    def _drain(self, check: Callable[[], None]) -> None:
        """Read every answer already there (without waiting), so the counts of chunks
        waiting are current when the next chunk's worker is chosen."""
        while True:
            busy = [c for c, n in zip(self._conns, self._waiting, strict=True) if n]
            if not busy or not wait(busy, 0):
                return
            self._answer(check)

    def _answer(self, check: Callable[[], None]) -> tuple[int, object]:
        """Wait for one answer from any worker: (worker, answer)."""
        while True:
            check()
            ready = wait(self._conns, POLL)
            if ready:
                k = self._conns.index(ready[0])
                try:
                    answer = self._conns[k].recv()
                except (EOFError, OSError):
                    self._failed(k)
                if isinstance(answer, tuple) and answer[0] == "error":
                    self._failed(k, answer[1])
                if answer == "ok":
                    self._waiting[k] -= 1
                return k, answer
            for k, proc in enumerate(self._procs):
                if not proc.is_alive():
                    self._failed(k)

    def limit(self, limit_mb: int) -> None:
        """The pool of each worker's writer from the next batch on (one not begun yet:
        a worker opens its writer at the batch's first documents)."""
        for k, conn in enumerate(self._conns):
            try:
                conn.send(("limit", limit_mb))
            except OSError:
                self._failed(k)

    def finish(self, check: Callable[[], None]) -> None:
        """Ask every worker to write its segment of this batch (they do so in parallel);
        ``segments`` collects them, each sent once its worker has given its pool back
        (``memory.release``)."""
        self._send(check)
        for k, conn in enumerate(self._conns):
            try:
                conn.send("finish")
            except OSError:
                self._failed(k)

    def segments(self, check: Callable[[], None]) -> list:
        """Every worker's segment of this batch (after ``finish``); the workers then wait
        for the next batch."""
        out, finished = [], set()
        while len(finished) < len(self._conns):
            k, answer = self._answer(check)
            if isinstance(answer, tuple) and answer[0] == "segment":
                finished.add(k)
                if answer[1] is not None:
                    out.append(answer[1])
        self._waiting = [0] * len(self._conns)
        self.added = False
        return out

    def _failed(self, k: int, detail: str = ""):
        proc = self._procs[k]
        proc.join(STOP_WAIT)
        if not detail:  # its last words, if it said any before it ended
            try:
                while self._conns[k].poll():
                    answer = self._conns[k].recv()
                    if isinstance(answer, tuple) and answer[0] == "error":
                        detail = answer[1]
            except (EOFError, OSError):
                pass
        if detail:
            log.error("index worker %s failed:\n%s", proc.name, detail)
        reason = detail.strip().splitlines()[-1] if detail.strip() else (
            f"exit code {proc.exitcode}")
        self.terminate()
        raise IndexWriteError("error.worker", name=proc.name, error=reason)

    def stop(self) -> None:
        """End the workers (after a commit: they have nothing left)."""
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.send(None)
        for proc in self._procs:
            proc.join(STOP_WAIT)
        self.terminate()

    def terminate(self) -> None:
        """End the workers now, dropping whatever they hold (a cancel, a failure)."""
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs:
            proc.join(STOP_WAIT)
            if proc.is_alive():
                proc.kill()
                proc.join(STOP_WAIT)
        for conn in self._conns:
            conn.close()
        self._procs, self._conns, self._waiting = [], [], []
