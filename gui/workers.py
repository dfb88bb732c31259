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
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from index.engine import Engine
from index.errors import ReportSearchError
from index.model import Kind
from index.search import ReportView

log = logging.getLogger(__name__)
Spans = tuple[tuple[int, int], ...]


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
    """A report ready to show: its paragraphs and, per paragraph that matches the query,
    where (table rows: spans in the tab-joined row, each inside one cell)."""

    view: ReportView
    marks: dict[int, Spans]


def report_marks(engine: Engine, view: ReportView, query: str) -> dict[int, Spans]:
    """Where ``query`` matches in each paragraph of ``view`` (cell by cell in tables)."""
    if not query.strip():
        return {}
    marks: dict[int, Spans] = {}
    for p in view.paragraphs:
        if p.kind is Kind.TABLE:
            found, start = [], 0
            for cell in p.text.split("\t"):
                found.extend((start + s, start + e) for s, e in engine.highlight(query, cell))
                start += len(cell) + 1
            spans = tuple(found)
        else:
            spans = engine.highlight(query, p.text)
        if spans:
            marks[p.ordinal] = spans
    return marks


GENERIC_ERROR = ""  # the window says "something went wrong, see the log" in its language


class Reader(QObject):
    """Answers the window's read requests in a worker thread."""

    searched = Signal(object, object)  # SearchRequest, SearchResult
    search_failed = Signal(object, str)  # SearchRequest, message for the user
    loaded = Signal(object, object)  # ReportRequest, ReportLoad
    similar_found = Signal(object, object)  # SimilarRequest, list[Hit]
    listed = Signal(object)  # list[ReportRecord]
    failed = Signal(object, str)  # a report/similar/list request, message for the user

    def __init__(self, index_dir: Path | None):
        super().__init__()
        self._index_dir = index_dir
        self._engine: Engine | None = None
        # Set from the GUI thread (an int store is atomic): the newest request numbers.
        self.latest = 0
        self.latest_load: dict[object, int] = {}
        self.latest_similar: dict[object, int] = {}

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
        if request.id < self.latest_load.get(request.target, 0):
            return

        def work() -> ReportLoad:
            engine = self.engine()
            view = engine.report(request.path)
            return ReportLoad(view, report_marks(engine, view, request.query))

        ok, result = self._call(request, work, self.failed)
        if ok and request.id >= self.latest_load.get(request.target, 0):
            self.loaded.emit(request, result)

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
            self.listed.emit(records)

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
