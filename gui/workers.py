"""Work that must not block the window: searching and indexing.

Each worker lives in its own ``QThread`` and owns its own ``Engine`` (Whoosh wants
one searcher per thread). Results come back by signal. A newer search makes older
ones stale: the worker skips a request whose number is below the latest one the
window has issued, before and after running it, so typing never queues up work.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from index.engine import Engine
from index.errors import QueryError, ReportSearchError

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


class SearchWorker(QObject):
    finished = Signal(object, object)  # SearchRequest, SearchResult
    failed = Signal(object, str)  # SearchRequest, message for the user

    def __init__(self, index_dir: Path | None):
        super().__init__()
        self._index_dir = index_dir
        self._engine: Engine | None = None
        self.latest = 0  # set from the GUI thread; an int store is atomic

    @Slot(object)
    def run(self, request: SearchRequest) -> None:
        keep = request.extra.get("keep", False)  # batch and export requests are never stale
        if request.id < self.latest and not keep:
            return
        try:
            if self._engine is None:
                self._engine = Engine(self._index_dir)
            result = self._engine.search(
                request.query, request.institutions, request.years,
                limit=request.limit, offset=request.offset, sort=request.sort,
            )
        except QueryError as exc:
            self.failed.emit(request, str(exc))
            return
        except ReportSearchError as exc:
            self.failed.emit(request, str(exc))
            return
        except Exception:  # never let a worker die silently
            log.exception("search failed: %r", request)
            self.failed.emit(request, "检索时出错，详情已写入日志。")
            return
        if request.id >= self.latest or keep:
            self.finished.emit(request, result)

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


class IndexWorker(QObject):
    progress = Signal(int, int, str)  # done, total, current file
    finished = Signal(object)  # IndexSummary
    failed = Signal(str)

    def __init__(self, index_dir: Path | None):
        super().__init__()
        self._index_dir = index_dir
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot(object)
    def run(self, paths: list[Path] | None) -> None:
        """Index ``paths``; ``None`` means "first run / upgrade" (the bundled seeds)."""
        self._cancel.clear()
        try:
            with Engine(self._index_dir) as engine:
                if paths is None:
                    summary = engine.ensure_ready(progress=self.progress.emit)
                else:
                    summary = engine.index(paths, progress=self.progress.emit,
                                           cancelled=self._cancel.is_set)
        except ReportSearchError as exc:
            self.failed.emit(str(exc))
            return
        except Exception:
            log.exception("indexing failed: %r", paths)
            self.failed.emit("导入时出错，详情已写入日志。")
            return
        self.finished.emit(summary)


def start_in_thread(worker: QObject, parent: QObject) -> QThread:
    """Move ``worker`` to a new thread owned by ``parent`` and start it."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.start()
    return thread
