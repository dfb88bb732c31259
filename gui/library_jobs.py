"""What the window does with the library's jobs: imports, re-scans, the opening
rebuild and corrections go to the one ``JobQueue``; their progress, their summaries,
the files they skipped and what the backend has to tell (``take_notices``) come back
here and are shown in the library page, the status bar and, when new, a dialog.

The files skipped are the app's state, not the engine's: the last list per source
(``SkippedFiles``, kept in the settings) is what the library page shows, with each
reason. A re-scan that skips the same files again says so in the library and the
status bar only; the warning dialog is for files skipped for the first time.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMessageBox

from index.backend import is_server
from index.model import IndexSummary, Notice, ReportRecord, Skipped

from .dialog_folders import open_files, open_folder, remember_folder, remembered_folder
from .engine_text import say
from .jobs import CorrectionJob, ImportJob, Job, JobQueue, OpenJob, RescanJob
from .plain import message_box, sentences

FILE_FILTER = "报告 Reports (*.txt *.md *.docx *.pdf);;All files (*)"
SKIPPED_KEY = "library/skipped"


class SkippedFiles:
    """The files the last imports skipped, with their reasons, by path; kept in the
    settings so the library shows them after a restart too."""

    def __init__(self, settings: QSettings):
        self.settings = settings
        try:
            rows = json.loads(str(settings.value(SKIPPED_KEY, "[]")))
        except ValueError:
            rows = []
        self.items: dict[str, Skipped] = {}
        for row in rows if isinstance(rows, list) else []:
            try:
                self.items[row["path"]] = Skipped(row["path"], row["reason"], row.get("code", ""),
                                                  row.get("values", {}))
            except (KeyError, TypeError):
                continue

    def update(self, roots: list[str] | None, skipped: list[Skipped]) -> list[Skipped]:
        """Replace the entries under ``roots`` (None: every source, a re-scan) by
        ``skipped``; returns the ones that were not listed before."""
        def under(path: str) -> bool:
            return roots is None or any(path == r or Path(r) in Path(path).parents
                                        for r in roots)

        new = [s for s in skipped if s.path not in self.items]
        self.items = {p: s for p, s in self.items.items() if not under(p)}
        self.items.update({s.path: s for s in skipped})
        self._save()
        return new

    def _save(self) -> None:
        rows = [{"path": s.path, "reason": s.reason, "code": s.code,
                 "values": _plain(s.values)} for s in self.items.values()]
        self.settings.setValue(SKIPPED_KEY, json.dumps(rows, ensure_ascii=False))


def _plain(values: dict) -> dict:
    """Message values as JSON: a nested Notice as {"code", "values"} (read back by
    ``engine_text.say`` through its code) and anything else as text or a number."""
    out = {}
    for key, value in values.items():
        if isinstance(value, Notice):
            out[key] = {"code": value.code, "values": _plain(value.values)}
        elif isinstance(value, (int, float, str)):
            out[key] = value
        else:
            out[key] = str(value)
    return out


class LibraryJobs(QObject):
    """The job queue's side of the main window (see the module doc)."""

    def __init__(self, window, target):
        super().__init__(window)
        self.window = window
        self.imports = 0  # import-like jobs sent whose answer has not been handled
        self.last_import = ""  # what the last import did, for the library's summary
        self.skipped = SkippedFiles(window.settings)
        self.queue = JobQueue(target, window)
        self.queue.started.connect(self._on_started)
        self.queue.progress.connect(self._on_progress)
        self.queue.finished.connect(self._on_finished)
        self.queue.failed.connect(self._on_failed)
        self.queue.notices.connect(self.tell_notices)
        window.library.show_skipped(list(self.skipped.items.values()))

    # ------------------------------------------------------------ sending

    def add(self, job: Job) -> None:
        window = self.window
        if job.cancellable:
            self.imports += 1
            window.library.show_progress(0, 0, "")
            window.statusBar().showMessage(self.tr("Reading reports…"))
        self.queue.add(job)

    def import_paths(self, paths: list[Path]) -> None:
        job = ImportJob(paths)
        job.roots = [str(Path(p).resolve()) for p in paths]
        self.add(job)

    def add_files(self) -> None:
        paths = open_files(self.window, self.tr("Add report files"),
                           remembered_folder(self.window.settings), FILE_FILTER)
        if paths:
            remember_folder(self.window.settings, str(Path(paths[0]).parent))
            self.import_paths([Path(p) for p in paths])

    def add_folder(self) -> None:
        path = open_folder(self.window, self.tr("Add a folder of reports"),
                           remembered_folder(self.window.settings))
        if path:
            remember_folder(self.window.settings, str(Path(path).parent))
            self.import_paths([Path(path)])

    def correct(self, path: str, field: str, value) -> None:
        """Queue a correction: it waits for a running import, never for the GUI."""
        self.queue.add(CorrectionJob(path, field, value))
        self.window.statusBar().showMessage(self.tr("Saving the correction…"), 3000)

    def rescan(self) -> None:
        self.add(RescanJob())

    def open(self) -> None:
        self.add(OpenJob())

    # ------------------------------------------------------------ answers

    def _on_started(self, job: Job) -> None:
        if job.cancellable:
            self.window.library.show_progress(0, 0, "")

    def _on_progress(self, job: Job, done: int, total: int, path: str) -> None:
        if job.cancelled:
            return
        self.window.library.show_progress(done, total, path)
        if total:
            self.window.statusBar().showMessage(
                self.tr("Reading reports… %1/%2").replace("%1", str(done))
                .replace("%2", str(total)))

    def _import_done(self) -> None:
        self.imports -= 1
        if not self.imports:
            self.window.library.finish_progress()

    def _on_finished(self, job: Job, result) -> None:
        window = self.window
        if isinstance(job, CorrectionJob):
            self._corrected(result)
            return
        self._import_done()
        window.refresh_reports()
        if not isinstance(result, IndexSummary):
            if not self.imports:
                window.statusBar().clearMessage()
            return
        roots = getattr(job, "roots", None) if isinstance(job, ImportJob) else None
        self.tell_summary(result, roots)

    def summary_text(self, summary: IndexSummary) -> str:
        text = (self.tr("Added %1, updated %2, removed %3, unchanged %4, offline %5, "
                        "skipped %6.")
                .replace("%1", str(len(summary.added))).replace("%2", str(len(summary.updated)))
                .replace("%3", str(len(summary.removed))).replace("%4", str(summary.unchanged))
                .replace("%5", str(len(summary.offline))).replace("%6", str(len(summary.skipped))))
        if summary.copies:
            text = sentences(text, self.tr("Copies of reports already in the library: "
                                           "%1 (indexed once).").replace("%1", str(len(summary.copies))))
        if summary.cancelled:
            text = sentences(self.tr("Cancelled."), text)
        return text

    def tell_summary(self, summary: IndexSummary, roots: list[str] | None = None) -> None:
        window = self.window
        text = self.summary_text(summary)
        window.statusBar().showMessage(text, 10000)
        warnings = [f"{w.path}: {say(w)}" for w in summary.warnings]
        self.last_import = "\n".join([text, *warnings])
        new = [] if summary.cancelled else self.skipped.update(roots, summary.skipped)
        window.library.show_skipped(list(self.skipped.items.values()))
        window.show_library_summary()
        if window.current_query():
            window.search_page.search_now()
        if (new or warnings) and window.isVisible():
            details = [f"{s.path}\n    {say(s)}" for s in new] + warnings
            title = (self.tr("Some files were skipped") if new
                     else self.tr("Some entries of a metadata file were left out"))
            message_box(window, QMessageBox.Icon.Warning, title, text, "\n".join(details))

    def tell_notices(self, notices: list[Notice]) -> None:
        """What the backend had to tell, in the interface's language: one dialog."""
        window = self.window
        texts = [say(n) for n in notices]
        window.show_notes(texts)

    def _on_failed(self, job: Job, message: str) -> None:
        window = self.window
        if isinstance(job, OpenJob) and not window.ready and is_server(window.target):
            self._import_done()
            window.archive_failed(message)  # a password asked for, or the local library
            return
        if not isinstance(job, CorrectionJob):
            self._import_done()
            if not self.imports:
                window.statusBar().clearMessage()
            window.refresh_reports()
        window.error(message or window.generic_error())

    def _corrected(self, record: ReportRecord) -> None:
        window = self.window
        window.library.model.update_record(record)
        window.compare.set_reports(window.library.model.records())
        window.statusBar().showMessage(self.tr("Correction saved."), 3000)
        if window.current_query():
            window.search_page.search_now()
