"""One queue for everything that writes the index: opening it (and finishing a rebuild
or the first import of the seeds), imports, re-scans and corrections.

Modelled on Vorta's ``borg/jobs_manager.py``: the window adds jobs; one worker thread
runs them in order with the only writing backend of the app. Cancel sets a
``threading.Event`` of the running job straight from the GUI thread (never through a
slot of an object living in the busy thread), and the backend checks it between files,
so an import stops after the file it is reading and keeps what it has committed.
The GUI thread never opens a writer, so it never waits for the index lock; a
correction asked for while an import runs waits its turn and is then applied.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from index.backend import SearchBackend, load_segmenter, open_backend
from index.errors import ReportSearchError
from index.model import Progress

from .engine_text import say
from .workers import stop_thread

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.05  # seconds between two progress signals (100,000 files: no flood)


class Job:
    """A unit of work for the queue. A ``cancellable`` job may stop midway (an import);
    the others always run to the end, so a correction is never dropped."""

    cancellable = True

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: called from the GUI thread while the worker runs the job."""
        if self.cancellable:
            self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self, backend: SearchBackend, progress: Progress) -> object:
        raise NotImplementedError


class OpenJob(Job):
    """Finish what the index needs before use: the rebuild of the recorded library after
    damage or an upgrade (on the backend that found it), or the seeds on first use."""

    def run(self, backend: SearchBackend, progress: Progress) -> object:
        return backend.ensure_ready(progress=progress, cancelled=self._cancel.is_set)


class ImportJob(Job):
    """Add files and folders (new and changed files are read, deleted ones dropped)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = [Path(p) for p in paths]

    def run(self, backend: SearchBackend, progress: Progress) -> object:
        return backend.index(self.paths, progress=progress, cancelled=self._cancel.is_set)


class RescanJob(Job):
    """Read again the folders and files the user added (not every parent folder)."""

    def run(self, backend: SearchBackend, progress: Progress) -> object:
        return backend.rescan(progress=progress, cancelled=self._cancel.is_set)


class CorrectionJob(Job):
    """Correct a report's institution, year or title; the result is its new record."""

    cancellable = False

    def __init__(self, path: str, field: str, value: object) -> None:
        super().__init__()
        self.path, self.field, self.value = path, field, value

    def run(self, backend: SearchBackend, progress: Progress) -> object:
        return backend.set_metadata(self.path, **{self.field: self.value})


class _Worker(QThread):
    def __init__(self, jobs: JobQueue) -> None:
        super().__init__(jobs)
        self._jobs = jobs

    def run(self) -> None:
        self._jobs._work()


class JobQueue(QObject):
    """Runs jobs one after another in a worker thread; answers come back by signal."""

    # The library is open: why it is being rebuilt (``SearchBackend.recovery``, a Notice,
    # or None), a backend for the reader thread (opened here, see _work, or None) and
    # the library's ``location``.
    opened = Signal(object, object, str)
    started = Signal(object)  # job
    progress = Signal(object, int, int, str)  # job, done, total, current file
    finished = Signal(object, object)  # job, its result (None: cancelled before it ran)
    failed = Signal(object, str)  # job, a message for the user
    # What the backend has to tell after a job (``SearchBackend.take_notices``): a list
    # of Notices (sources unreachable, corrections deferred, bad rows, bad aliases).
    notices = Signal(object)

    def __init__(self, target: str | Path | None, parent: QObject | None = None) -> None:
        """``target``: the library to open (``open_backend``: None, a folder, a URL)."""
        super().__init__(parent)
        self._target = target
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._pending: list[Job] = []  # queued or running
        self._worker = _Worker(self)
        self._worker.setObjectName("index-jobs")

    # ------------------------------------------------------------ GUI thread

    def start(self) -> None:
        self._worker.start()

    def add(self, job: Job) -> Job:
        with self._lock:
            self._pending.append(job)
        self._queue.put(job)
        return job

    def pending(self) -> list[Job]:
        with self._lock:
            return list(self._pending)

    def cancel(self) -> None:
        """Stop the running import and drop the queued ones (corrections still run).
        Called directly from the GUI thread: it only sets flags."""
        with self._lock:
            for job in self._pending:
                job.cancel()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel what can be cancelled, let corrections finish, stop the worker."""
        self.cancel()
        self._queue.put(None)
        return stop_thread(self._worker, timeout_ms)

    # ------------------------------------------------------------ worker thread

    def _work(self) -> None:
        backend: SearchBackend | None = None
        while True:
            job = self._queue.get()
            if job is None:
                break
            try:
                if job.cancelled:
                    result = None
                else:
                    if backend is None:
                        backend = open_backend(self._target, recover=True)
                        # The reader's backend is opened here too, before any import runs:
                        # opening teaches the segmenter the institution names, which must
                        # not happen while another thread segments (rjieba: "Already
                        # borrowed").
                        self.opened.emit(backend.recovery, self._reader_backend(),
                                         backend.location)
                    self.started.emit(job)
                    result = job.run(backend, self._progress_for(job))
            except ReportSearchError as exc:
                log.warning("%s failed: %s", type(job).__name__, exc)
                self._done(job)
                self.failed.emit(job, say(exc))
            except Exception:  # a worker must never die silently
                log.exception("%s failed", type(job).__name__)
                self._done(job)
                self.failed.emit(job, "")
            else:
                self._done(job)
                self.finished.emit(job, result)
            if backend is not None:
                try:
                    notices = backend.take_notices()
                except ReportSearchError:
                    log.warning("could not read the backend's notices", exc_info=True)
                    notices = []
                if notices:
                    self.notices.emit(notices)
            if isinstance(job, OpenJob) and backend is not None:
                load_segmenter()  # after the window, before the first search
        if backend is not None:
            backend.close()

    def _reader_backend(self) -> SearchBackend | None:
        """A backend for the reader thread (None: the reader opens its own later)."""
        try:
            return open_backend(self._target)
        except ReportSearchError as exc:
            log.warning("could not open the index for reading: %s", exc)
            return None

    def _done(self, job: Job) -> None:
        with self._lock:
            if job in self._pending:
                self._pending.remove(job)

    def _progress_for(self, job: Job) -> Progress:
        last = [0.0]

        def progress(done: int, total: int, path: str) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY or done >= total:
                last[0] = now
                self.progress.emit(job, done, total, path)

        return progress
