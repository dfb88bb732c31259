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

A text file over ``reading.STREAM_BYTES`` (up to the 200 MB every file is limited to)
is never held whole: its encoding is found by decoding it once, its metadata from its
first window of paragraphs, and then it is read again, split and indexed a window at a
time (``library.stream_report``, ``WriteSession.add_report_stream``), in a batch of its
own, committed as one like any other. If it changes while it is read (its bytes no
longer hash to what was hashed first), that batch is dropped, the file skipped with
``read.changed`` and the index keeps what it had of it.

Manifest problems met on the way (a bad row in a ``metadata.csv``) are the summary's
``warnings``; reports are known by their readable path (``filenames.readable``).

The same content twice (same sha256: a copy of a report in a second folder) is indexed
once: the first path is the report's, the others are recorded as its ``copies`` (with
their size and mtime, so a re-scan knows them unchanged) and every hit counts once. A
copy that changes becomes a report of its own; a copy that is deleted leaves the list;
when the report's own file is deleted and a copy is left, the report is read again from
the copy (it keeps its corrections, which count under any of its paths).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from . import store as store_module
from .corrections import corrected
from .errors import ReadError, ReportSearchError
from .filenames import readable
from .library import file_sha256, iter_report_files, load_report, stream_report
from .manifest import manifest_problems
from .model import IndexSummary, Notice, Progress, Skipped
from .reading import is_streamed
from .store import Store, correction_for, make_record, report_key
from .writing import Cancelled, WriteSession

THREAD_BYTES = 2 * 1024 * 1024  # larger files are read on a helper thread (see module doc)
WAIT_STEP = 0.1  # seconds between two looks at Cancel while a big file is read
CHECK_EVERY = 256  # files listed between two looks at Cancel
T = TypeVar("T")


class Importer:
    """One pass over some sources, inside a write session."""

    def __init__(self, store: Store, session: WriteSession, progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False, batch_bytes: int | None = None):
        """``store`` and ``session`` are the local index's, or any pair shaped like them
        (the team archive's); ``batch_bytes``: source bytes per commit (default
        ``store.BATCH_BYTES``)."""
        self.store = store
        self.batch_bytes = batch_bytes
        self.session = session
        self.progress = progress
        self.cancelled = cancelled
        # (summary list, path) entered since the last commit: a cancel takes them back.
        self._uncommitted: list[tuple[list[str], str]] = []
        # Content hash -> the path of the report that holds it (known or added now).
        self._by_sha: dict[str, str] = {}
        # Copies found in this pass, to record once the reports they copy are committed:
        # report path -> {copy path: [size, mtime_ns]}.
        self._new_copies: dict[str, dict[str, list[int]]] = {}

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
        self._by_sha = {r["sha256"]: p for p, r in known.items()}
        copy_of = {c: r for r in known.values() for c in r.get("copies", {})}
        states = {root: _root_state(root, {**known, **copy_of})
                  for root in roots}
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
                summary.skipped.append(Skipped.of(str(path), "skipped.stat", error=exc.strerror))
                self._mark_offline(old, summary)
                continue
            if resolved in copy_of:
                record = copy_of[resolved]
                if record["copies"][resolved] == [stat.st_size, stat.st_mtime_ns]:
                    summary.unchanged += 1
                    continue
                self.drop_copy(known, record, resolved)  # changed: read it as it is now
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
            if self.session.pending_bytes >= (self.batch_bytes or store_module.BATCH_BYTES):
                self._commit()

        def gone(path: str) -> bool | None:
            """True: deleted; False: there or unknown (offline); None: not under roots."""
            covering = [r for r in roots if _is_under(Path(path), r)]
            if not covering:
                return None
            return any(states[r] != "offline" and _gone(Path(path), r) for r in covering)

        if prune:
            for copy, record in copy_of.items():
                if copy not in seen and gone(copy):
                    self.drop_copy(known, record, copy)
            for path, record in known.items():
                if path in seen:
                    continue
                deleted = gone(path)
                if deleted is None:
                    continue
                if deleted:
                    self.session.delete_report(record["key"])
                    left = [c for c in record.get("copies", {}) if Path(c).is_file()]
                    if left:  # the same report is still there under another path
                        self.read_again(record, left, summary)
                    else:
                        self._note(summary.removed, path)
                else:
                    self._mark_offline(record, summary)
        self._record_copies(known, summary)
        if self.progress:
            self.progress(len(todo), len(todo), "")

    def _read_one(self, path: Path, old: dict | None, stat: os.stat_result,
                  summary: IndexSummary, copies: dict[str, list[int]] | None = None,
                  values: dict[str, str] | None = None) -> None:
        try:
            sha = file_sha256(path)
            if old and old["sha256"] == sha:  # touched, not changed: re-date the record
                self.session.set_record({**old, "size": stat.st_size,
                                         "mtime_ns": stat.st_mtime_ns, "offline": False})
                summary.unchanged += 1
                return
            shown = readable(str(path.resolve()))
            holder = self._by_sha.get(sha)
            if holder is not None and holder != shown:  # the same content elsewhere
                if old is not None:  # it changed into a copy of another report
                    self.session.delete_report(old["key"])
                    self._note(summary.removed, old["path"])
                self._new_copies.setdefault(holder, {})[shown] = [stat.st_size,
                                                                 stat.st_mtime_ns]
                return
            streamed = None
            if is_streamed(path, stat.st_size) and hasattr(self.session, "add_report_stream"):
                streamed = self._load(lambda: stream_report(path, sha), stat.st_size)
                report = streamed.report
            else:
                report = self._load(lambda: load_report(path, sha256=sha), stat.st_size)
        except ReadError as exc:
            if old is None:
                summary.skipped.append(Skipped.from_error(str(path), exc))
                return
            # It was a report and no longer reads as one: the index follows the file.
            self.session.delete_report(old["key"])
            self._note(summary.removed, old["path"])
            summary.skipped.append(Skipped.of(str(path), "skipped.removed",
                                              reason=Notice.from_error(exc)))
            return
        except OSError as exc:
            summary.skipped.append(Skipped.of(str(path), "skipped.read", error=exc.strerror))
            self._mark_offline(old, summary)
            return
        if values is None:
            wanted = self.store.corrections.all()
            values = correction_for({"path": report.path, "copies": copies or {}}, wanted)
        full = replace(report, meta=corrected(report.meta, values))
        key = report_key(full.path)
        record = make_record(key, full, stat.st_size, stat.st_mtime_ns, report.meta, values,
                             copies=copies)
        if streamed is not None:
            # A batch of its own: if the file changes while it is read, only it is dropped
            # (the index keeps what it had of it, and the next scan reads it again).
            self._commit()
            try:
                self.session.add_report_stream(key, full, streamed.windows, record)
            except ReadError as exc:
                self.session.cancel()
                summary.skipped.append(Skipped.from_error(str(path), exc))
                return
        else:
            self.session.add_report(key, full, record)
        self._by_sha[report.sha256] = full.path
        self._note(summary.updated if old else summary.added, full.path)
        summary.bytes_read += stat.st_size

    def read_again(self, record: dict, left: list[str], summary: IndexSummary) -> None:
        """The report's own file is gone and copies are left: read it from the first
        copy, with the others as its copies and the corrections it had."""
        first = Path(left[0])
        copies = {c: record["copies"][c] for c in left[1:]}
        self._by_sha.pop(record["sha256"], None)
        values = correction_for(record, self.store.corrections.all())
        if values and not self.store.corrections.get(first):
            # Carry the correction over to the path that now names the report; if it
            # cannot be saved now it still applies from the record below.
            with contextlib.suppress(ReportSearchError):
                self.store.corrections.set(first, **values)
        try:
            stat = first.stat()
        except OSError:
            self._note(summary.removed, record["path"])
            return
        self._read_one(first, None, stat, summary, copies=copies, values=values)
        if str(first) in summary.added:  # the same report under another path
            summary.added.remove(str(first))
            self._note(summary.updated, str(first))

    def drop_copy(self, known: dict[str, dict], record: dict, copy: str) -> None:
        """Take ``copy`` off a report's list of copies (deleted, or changed)."""
        record = known.get(record["path"], record)  # with the copies dropped before
        copies = {c: s for c, s in record.get("copies", {}).items() if c != copy}
        record = {**record, "copies": copies}
        known[record["path"]] = record
        self.session.set_record(record)

    def _record_copies(self, known: dict[str, dict], summary: IndexSummary) -> None:
        """Add the copies found in this pass to their reports' records (committing first,
        so that a report added in this pass has its record in the index)."""
        if not self._new_copies:
            return
        self._commit()
        for holder, found in self._new_copies.items():
            record = self.store.stored_record(holder)
            if record is None:  # its report left in this pass: the first copy is it now
                first, *rest = found
                self._by_sha = {s: p for s, p in self._by_sha.items() if p != holder}
                with contextlib.suppress(OSError):
                    self._read_one(Path(first), None, Path(first).stat(), summary,
                                   copies={c: found[c] for c in rest})
                continue
            self.session.set_record({**record, "copies": {**record.get("copies", {}),
                                                          **found}})
            summary.copies += list(found)
        holders = list(self._new_copies)
        self._new_copies = {}
        self._commit()
        self.store.reconcile(self.session, holders)  # a correction made under a copy's path

    def _load(self, load: Callable[[], T], size: int) -> T:
        """Read a report with ``load``; a big one on a helper thread, so Cancel need not
        wait for it (the thread finishes on its own and its result is dropped)."""
        if size < THREAD_BYTES:
            return load()
        result: dict = {}

        def read() -> None:
            try:
                result["report"] = load()
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
