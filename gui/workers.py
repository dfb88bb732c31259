"""Reading the index without blocking the window: searches, reports to show, similar
paragraphs and the list of reports.

The ``Reader`` lives in its own ``QThread`` and owns its own backend (a backend is used
from one thread at a time); everything that writes goes through ``jobs.JobQueue``.
Answers come back by signal. A newer request makes older ones of its kind stale: the
reader skips a request whose number is below the latest one the window has issued for
the same purpose, before and after running it, so typing (or clicking through
reports) never queues up work.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from index.backend import SearchBackend, open_backend
from index.errors import QueryError, ReportSearchError
from index.model import RELEVANCE, ReportView

from .engine_text import say
from .marks import Spans, report_marks
from .models import haystack

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchRequest:
    id: int
    query: str
    institutions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sort: str = RELEVANCE
    offset: int = 0
    limit: int = 200
    extra: dict = field(default_factory=dict, compare=False)  # echoed back (e.g. batch row)


@dataclass(frozen=True)
class ReportRequest:
    """Show a report in one pane (``target``: "reader", or a compare side 0/1)."""

    id: int
    path: str
    target: object = "reader"
    query: str = ""  # marked in the report
    ordinal: int | None = None  # the paragraph to scroll to


@dataclass(frozen=True)
class SimilarRequest:
    id: int
    path: str
    ordinal: int
    limit: int = 8
    within: str | None = None  # one report to look in (the other side of a comparison)
    target: object = "reader"


@dataclass(frozen=True)
class ReportLoad:
    """A report ready to show: its paragraphs, the query's needles (folded strings to
    mark), and where they match per paragraph (ordinal -> spans); ``marks`` is None
    for a big report, whose marks follow by ``Reader.marked`` while it is shown."""

    view: ReportView
    marks: dict[int, Spans] | None
    needles: tuple[str, ...] = ()
    partial: bool = False  # only a window of the report: the whole follows (``completed``)


MARK_AT_ONCE_CHARS = 1_000_000  # a bigger report is shown first and marked after
FIRST_READ_PARAGRAPHS = 5_000  # a longer report is read a screenful first, then whole
FIRST_SCREEN = 400  # paragraphs read first: around the one opened at
FIRST_SCREEN_BEFORE = 20
CACHED_REPORTS = 3  # reports kept read (per backend revision): reopening is instant


GENERIC_ERROR = ""  # the window says "something went wrong, see the log" in its language


class Reader(QObject):
    """Answers the window's read requests in a worker thread."""

    searched = Signal(object, object)  # SearchRequest, SearchResult
    search_failed = Signal(object, str)  # SearchRequest, message for the user
    loaded = Signal(object, object)  # ReportRequest, ReportLoad
    completed = Signal(object, object)  # ReportRequest, the whole ReportView (after a partial)
    marked = Signal(object, object)  # ReportRequest, its marks (a big report, after loaded)
    similar_found = Signal(object, object)  # SimilarRequest, list[Hit]
    listed = Signal(object, object)  # list[ReportRecord], their filter haystacks
    failed = Signal(object, str)  # a report/similar/list request, message for the user

    def __init__(self, target: str | Path | None):
        """``target``: the library to read (``open_backend``: None, a folder, a URL)."""
        super().__init__()
        self._target = target
        self._backend: SearchBackend | None = None
        # Set from the GUI thread (an int store is atomic): the newest request numbers.
        self.latest = 0
        self.latest_load: dict[object, int] = {}
        self.latest_similar: dict[object, int] = {}
        self.closing = False  # set from the GUI thread: every request still running is stale
        self._views: OrderedDict[tuple[str, Hashable], ReportView] = OrderedDict()

    def set_backend(self, backend: SearchBackend) -> None:
        """Use ``backend`` (opened by the job queue) from now on; call before any request."""
        self.close()
        self._backend = backend

    def backend(self) -> SearchBackend:
        if self._backend is None:
            self._backend = open_backend(self._target)
        return self._backend

    def _call(self, request, work, failed) -> tuple[bool, object]:
        """Run ``work()``; a failure becomes one message (detail in the log)."""
        try:
            return True, work()
        except ReportSearchError as exc:
            failed.emit(request, say(exc))  # in the interface language
        except Exception:  # never let a worker die silently
            log.exception("reading failed: %r", request)
            failed.emit(request, GENERIC_ERROR)
        return False, None

    @Slot(object)
    def search(self, request: SearchRequest) -> None:
        keep = request.extra.get("keep", False)  # batch and export requests are never stale
        if request.id < self.latest and not keep:
            return
        ok, result = self._call(request, lambda: self.backend().search(
            request.query, request.institutions, request.years,
            limit=request.limit, offset=request.offset, sort=request.sort,
        ), self.search_failed)
        if ok and (request.id >= self.latest or keep):
            self.searched.emit(request, result)

    @Slot(object)
    def load(self, request: ReportRequest) -> None:
        def stale() -> bool:
            return self.closing or request.id < self.latest_load.get(request.target, 0)

        if stale():
            return
        ok, load = self._call(request, lambda: self._first(request), self.failed)
        if not ok or stale():
            return
        self.loaded.emit(request, load)
        if load.partial:  # a huge report: a screenful is shown, now the whole of it
            ok, view = self._call(request, lambda: self._whole(request.path), self.failed)
            if not ok or stale():
                return
            self.completed.emit(request, view)
            load = ReportLoad(view, None, load.needles)
        if load.marks is None:  # a big report: shown already, marked now
            marks = report_marks(load.view.paragraphs, load.needles, stale)
            if marks is not None:
                self.marked.emit(request, marks)

    def _first(self, request: ReportRequest) -> ReportLoad:
        """What to show first: the whole report, or a screenful of a huge one."""
        backend = self.backend()
        needles = self._needles(request.query)
        cached = self._views.get((request.path, backend.revision()))
        record = cached.record if cached else backend.record(request.path)
        if cached is None and record.paragraphs > FIRST_READ_PARAGRAPHS:
            first = max(1, (request.ordinal or 1) - FIRST_SCREEN_BEFORE)
            head = backend.report(request.path, first=first, count=FIRST_SCREEN)
            return ReportLoad(head, None, needles, partial=True)
        view = self._whole(request.path)
        if sum(len(p.text) for p in view.paragraphs) > MARK_AT_ONCE_CHARS:
            return ReportLoad(view, None, needles)
        return ReportLoad(view, report_marks(view.paragraphs, needles), needles)

    def _whole(self, path: str) -> ReportView:
        """A whole report, from the last few read when the index has not changed."""
        backend = self.backend()
        key = (path, backend.revision())
        view = self._views.get(key)
        if view is None:
            view = backend.report(path)
            self._views[key] = view
            while len(self._views) > CACHED_REPORTS:
                self._views.popitem(last=False)
        self._views.move_to_end(key)
        return view

    def _needles(self, query: str) -> tuple[str, ...]:
        """What ``query`` marks in a report (nothing when it does not parse)."""
        if not query.strip():
            return ()
        try:
            return self.backend().needles(query)
        except QueryError:
            return ()

    @Slot(object)
    def similar(self, request: SimilarRequest) -> None:
        if request.id < self.latest_similar.get(request.target, 0):
            return
        try:
            hits = self.backend().similar(request.path, request.ordinal, request.limit,
                                         request.within)
        except ReportSearchError as exc:
            log.warning("similar failed: %s", exc)
            hits = []
        except Exception:
            log.exception("similar failed: %r", request)
            hits = []
        if request.id >= self.latest_similar.get(request.target, 0):
            self.similar_found.emit(request, hits)

    @Slot(object)
    def list_reports(self, request: object) -> None:
        ok, records = self._call(request, lambda: self.backend().reports(), self.failed)
        if ok:
            self.listed.emit(records, [haystack(r) for r in records])

    @Slot()
    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None


def start_in_thread(worker: QObject, parent: QObject) -> QThread:
    """Move ``worker`` to a new thread owned by ``parent`` and start it."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.start()
    return thread


_LEFT_RUNNING: list[QThread] = []


def stop_thread(thread: QThread, timeout_ms: int) -> bool:
    """Stop a worker thread and wait for it. One still busy after ``timeout_ms`` (a file
    that takes minutes to read) is left to finish on its own, unparented and kept here:
    Qt aborts the process when a running thread is destroyed."""
    thread.quit()
    if thread.wait(timeout_ms):
        return True
    log.warning("a worker thread is still busy at exit; leaving it to finish")
    thread.setParent(None)
    _LEFT_RUNNING.append(thread)
    return False
