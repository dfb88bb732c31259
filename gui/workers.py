"""Reading the index without blocking the window: searches, reports to show, similar
paragraphs and the list of reports.

The ``Reader`` lives in its own ``QThread`` and owns its own ``Engine`` (Whoosh wants
one searcher per thread); everything that writes goes through ``jobs.JobQueue``.
Answers come back by signal. A newer request makes older ones of its kind stale: the
reader skips a request whose number is below the latest one the window has issued for
the same purpose, before and after running it, so typing (or clicking through
reports) never queues up work.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from index.engine import Engine
from index.errors import QueryError, ReportSearchError
from index.search import ReportView

from .marks import Spans, report_marks
from .models import haystack

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchRequest:
    id: int
    query: str
    institutions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sort: str = "relevance"
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


MARK_AT_ONCE_CHARS = 1_000_000  # a bigger report is shown first and marked after
CACHED_REPORTS = 3  # reports kept read (per index generation): reopening is instant


GENERIC_ERROR = ""  # the window says "something went wrong, see the log" in its language


class Reader(QObject):
    """Answers the window's read requests in a worker thread."""

    searched = Signal(object, object)  # SearchRequest, SearchResult
    search_failed = Signal(object, str)  # SearchRequest, message for the user
    loaded = Signal(object, object)  # ReportRequest, ReportLoad
    marked = Signal(object, object)  # ReportRequest, its marks (a big report, after loaded)
    similar_found = Signal(object, object)  # SimilarRequest, list[Hit]
    listed = Signal(object, object)  # list[ReportRecord], their filter haystacks
    failed = Signal(object, str)  # a report/similar/list request, message for the user

    def __init__(self, index_dir: Path | None):
        super().__init__()
        self._index_dir = index_dir
        self._engine: Engine | None = None
        # Set from the GUI thread (an int store is atomic): the newest request numbers.
        self.latest = 0
        self.latest_load: dict[object, int] = {}
        self.latest_similar: dict[object, int] = {}
        self._views: OrderedDict[tuple[str, int], ReportView] = OrderedDict()

    def set_engine(self, engine: Engine) -> None:
        """Use ``engine`` (opened by the job queue) from now on; call before any request."""
        self.close()
        self._engine = engine

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self._index_dir)
        return self._engine

    def _call(self, request, work, failed) -> tuple[bool, object]:
        """Run ``work()``; a failure becomes one message (detail in the log)."""
        try:
            return True, work()
        except ReportSearchError as exc:
            failed.emit(request, str(exc))
        except Exception:  # never let a worker die silently
            log.exception("reading failed: %r", request)
            failed.emit(request, GENERIC_ERROR)
        return False, None

    @Slot(object)
    def search(self, request: SearchRequest) -> None:
        keep = request.extra.get("keep", False)  # batch and export requests are never stale
        if request.id < self.latest and not keep:
            return
        ok, result = self._call(request, lambda: self.engine().search(
            request.query, request.institutions, request.years,
            limit=request.limit, offset=request.offset, sort=request.sort,
        ), self.search_failed)
        if ok and (request.id >= self.latest or keep):
            self.searched.emit(request, result)

    @Slot(object)
    def load(self, request: ReportRequest) -> None:
        def stale() -> bool:
            return request.id < self.latest_load.get(request.target, 0)

        if stale():
            return
        ok, load = self._call(request, lambda: self._read(request), self.failed)
        if not ok or stale():
            return
        self.loaded.emit(request, load)
        if load.marks is None:  # a big report: shown already, marked now
            marks = report_marks(load.view.paragraphs, load.needles, stale)
            if marks is not None:
                self.marked.emit(request, marks)

    def _read(self, request: ReportRequest) -> ReportLoad:
        engine = self.engine()
        key = (request.path, engine.searcher().generation)
        view = self._views.get(key)
        if view is None:
            view = engine.report(request.path)
            self._views[key] = view
            while len(self._views) > CACHED_REPORTS:
                self._views.popitem(last=False)
        self._views.move_to_end(key)
        needles = self._needles(request.query)
        if sum(len(p.text) for p in view.paragraphs) > MARK_AT_ONCE_CHARS:
            return ReportLoad(view, None, needles)
        return ReportLoad(view, report_marks(view.paragraphs, needles), needles)

    def _needles(self, query: str) -> tuple[str, ...]:
        """What ``query`` marks in a report (nothing when it does not parse)."""
        if not query.strip():
            return ()
        try:
            return self.engine().searcher().needles(query)
        except QueryError:
            return ()

    @Slot(object)
    def similar(self, request: SimilarRequest) -> None:
        if request.id < self.latest_similar.get(request.target, 0):
            return
        try:
            hits = self.engine().similar(request.path, request.ordinal, request.limit,
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
        ok, records = self._call(request, lambda: self.engine().reports(), self.failed)
        if ok:
            self.listed.emit(records, [haystack(r) for r in records])

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


def start_in_thread(worker: QObject, parent: QObject) -> QThread:
    """Move ``worker`` to a new thread owned by ``parent`` and start it."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.start()
    return thread
