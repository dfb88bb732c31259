"""Bring the index up to date with some of the library's sources.

For each source (a folder or a file the user added):

- new files are read and added, changed ones read again, touched ones only re-dated;
- a file that no longer reads as a report (emptied, overwritten with junk) loses its
  old paragraphs, and the summary says so;
- a report whose file is gone is removed only when the folder that held it can be read
  and the file is positively not there. A source that cannot be reached (a drive
  unplugged, a network share away, a folder that cannot be opened, the empty mount
  point of an unmounted drive) removes nothing: its reports stay searchable, marked
  ``offline``, and are marked back when their files are seen again.

Cancel is looked at between files, every few hundred paragraphs, while a big file is
read (on a helper thread the import stops waiting for), and during a commit; the batch
in progress is dropped at once (never committed) and the last commit stays. The summary
then lists only what was committed.

Manifest problems met on the way (a bad row in a ``metadata.csv``) are the summary's
``warnings``; reports are known by their readable path (``filenames.readable``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import store as store_module
from .corrections import corrected
from .errors import ReadError
from .filenames import readable
from .library import file_sha256, iter_report_files, load_report
from .manifest import manifest_problems
from .messages import text
from .model import IndexSummary, Progress, Report, Skipped
from .store import Store, make_record, report_key
from .writing import Cancelled, WriteSession

THREAD_BYTES = 2 * 1024 * 1024  # larger files are read on a helper thread (see module doc)
WAIT_STEP = 0.1  # seconds between two looks at Cancel while a big file is read
CHECK_EVERY = 256  # files listed between two looks at Cancel


class Importer:
    """One pass over some sources, inside a write session."""

    def __init__(self, store: Store, session: WriteSession, progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False):
        self.store = store
        self.session = session
        self.progress = progress
        self.cancelled = cancelled
        # (summary list, path) entered since the last commit: a cancel takes them back.
        self._uncommitted: list[tuple[list[str], str]] = []

    def run(self, roots: list[Path], prune: bool = True) -> IndexSummary:
        """Index ``roots`` and commit; a cancel drops the batch in progress and returns
        the summary of what was committed, with ``cancelled`` set."""
        summary = IndexSummary()
        started = time.perf_counter()
        try:
            self._run(list(dict.fromkeys(roots)), prune, summary)
            self._commit()
        except Cancelled:
            self.session.cancel()
            summary.cancelled = True
            for listed, path in self._uncommitted:
                listed.remove(path)
            self._uncommitted = []
        summary.warnings = manifest_problems(Path(p) for p in summary.added + summary.updated)
        summary.seconds = time.perf_counter() - started
        return summary

    def _commit(self) -> None:
        self.session.commit()
        self._uncommitted = []

    def _note(self, listed: list[str], path: str) -> None:
        """Put ``path`` in a summary list (added, updated, removed) until the next commit."""
        listed.append(path)
        self._uncommitted.append((listed, path))

    def _run(self, roots: list[Path], prune: bool, summary: IndexSummary) -> None:
        known = self.store.stored_records()
        states = {root: _root_state(root, known) for root in roots}
        found: list[Path] = []
        for n, item in enumerate(iter_report_files(roots)):
            if n % CHECK_EVERY == 0:
                self.session.check()
            if isinstance(item, Skipped):
                if not (Path(item.path) in states and states[Path(item.path)] != "ok"):
                    summary.skipped.append(item)
            else:
                found.append(item)
        summary.unreachable += [str(r) for r, state in states.items() if state == "offline"]

        seen: set[str] = set()
        todo: list[tuple[Path, dict | None, os.stat_result]] = []
        for path in found:
            resolved = readable(str(path.resolve()))  # how load_report names it
            seen.add(resolved)
            old = known.get(resolved)
            try:
                stat = path.stat()
            except OSError as exc:
                summary.skipped.append(Skipped(str(path), text("skipped.stat",
                                                               error=exc.strerror)))
                self._mark_offline(old, summary)
                continue
            if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
                summary.unchanged += 1
                if old.get("offline"):
                    self.session.set_record({**old, "offline": False})
                continue
            todo.append((path, old, stat))

        for done, (path, old, stat) in enumerate(todo):
            self.session.check()
            if self.progress:
                self.progress(done, len(todo), str(path))
            self._read_one(path, old, stat, summary)
            if self.session.pending_bytes >= store_module.BATCH_BYTES:
                self._commit()

        if prune:
            for path, record in known.items():
                if path in seen:
                    continue
                covering = [r for r in roots if _is_under(Path(path), r)]
                if not covering:
                    continue
                if any(states[r] != "offline" and _gone(Path(path), r) for r in covering):
                    self.session.delete_report(record["key"])
                    self._note(summary.removed, path)
                else:
                    self._mark_offline(record, summary)
        if self.progress:
            self.progress(len(todo), len(todo), "")

    def _read_one(self, path: Path, old: dict | None, stat: os.stat_result,
                  summary: IndexSummary) -> None:
        try:
            sha = file_sha256(path)
            if old and old["sha256"] == sha:  # touched, not changed: re-date the record
                self.session.set_record({**old, "size": stat.st_size,
                                         "mtime_ns": stat.st_mtime_ns, "offline": False})
                summary.unchanged += 1
                return
            report = self._load(path, sha, stat.st_size)
        except ReadError as exc:
            if old is None:
                summary.skipped.append(Skipped(str(path), str(exc)))
                return
            # It was a report and no longer reads as one: the index follows the file.
            self.session.delete_report(old["key"])
            self._note(summary.removed, old["path"])
            summary.skipped.append(Skipped(str(path), text("skipped.removed", reason=exc)))
            return
        except OSError as exc:
            summary.skipped.append(Skipped(str(path), text("skipped.read", error=exc.strerror)))
            self._mark_offline(old, summary)
            return
        values = self.store.corrections.get(report.path)
        full = replace(report, meta=corrected(report.meta, values))
        key = report_key(full.path)
        self.session.add_report(key, full, make_record(
            key, full, stat.st_size, stat.st_mtime_ns, report.meta, values))
        self._note(summary.updated if old else summary.added, full.path)
        summary.bytes_read += stat.st_size

    def _load(self, path: Path, sha: str, size: int) -> Report:
        """Read a report; a big one on a helper thread, so Cancel need not wait for it
        (the thread finishes on its own and its result is dropped)."""
        if size < THREAD_BYTES:
            return load_report(path, sha256=sha)
        result: dict = {}

        def read() -> None:
            try:
                result["report"] = load_report(path, sha256=sha)
            except BaseException as exc:  # handed over to the importing thread
                result["error"] = exc

        reader = threading.Thread(target=read, name="report-reader", daemon=True)
        reader.start()
        while reader.is_alive():
            reader.join(WAIT_STEP)
            self.session.check()
        if "error" in result:
            raise result["error"]
        return result["report"]

    def _mark_offline(self, record: dict | None, summary: IndexSummary) -> None:
        if record is None:
            return
        if not record.get("offline"):
            self.session.set_record({**record, "offline": True})
        summary.offline.append(record["path"])


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _listing(folder: Path) -> str:
    """"full", "empty", "missing" or "unreadable" (no permission, a drive gone away)."""
    try:
        with os.scandir(folder) as entries:
            return "full" if next(entries, None) is not None else "empty"
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError:
        return "unreadable"


def _root_state(root: Path, known: dict[str, dict]) -> str:
    """"ok", or "offline" for a source that cannot be reached now: a folder missing or
    unreadable, or empty while the index holds reports from it (the mount point of an
    unplugged drive is an empty folder); a file source missing along with its folder."""
    if root.is_file():
        return "ok"
    had = any(_is_under(Path(p), root) for p in known)
    state = _listing(root)
    if state == "full":
        return "ok"
    if state == "missing" and str(root) in known:  # a file source that is not there
        return "ok" if _listing(root.parent) == "full" else "offline"
    return "offline" if had else "ok"


def _gone(path: Path, root: Path) -> bool:
    """Is the report file positively deleted: the folder that held it (or the nearest
    one above it that still exists, up to the source) can be read and it is not there?
    Anything less certain keeps the report."""
    try:
        os.stat(path)
        return False  # still there: only its folder could not be listed
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:
        return False
    if path == root:  # a file source
        return _listing(root.parent) == "full"
    folder = path.parent
    while True:
        state = _listing(folder)
        if state in ("full", "empty"):
            return True
        if state == "unreadable" or folder == root or folder == folder.parent:
            return False
        folder = folder.parent  # missing: a deleted subfolder; its parent tells
