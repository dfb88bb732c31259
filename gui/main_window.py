"""The main window: search, reading, comparison and the library as tabs, the menus,
drag and drop, and the wiring between the pages and the two workers.

The GUI thread never touches the index: reading (searches, reports, the list of
reports) goes to the ``Reader`` thread, and everything that writes (opening and
repairing the index, imports, re-scans, corrections) to the one ``JobQueue``. So the
window appears at once, whatever the size of the library, and never waits for the
index lock.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
)

from index.backend import SearchBackend, is_server
from index.export import write_csv
from index.logfile import LOG_NAME
from index.model import Hit, IndexSummary, Notice, ReportRecord
from index.paths import log_dir

from .batch_dialog import BatchDialog
from .compare_page import ComparePage
from .jobs import CorrectionJob, ImportJob, Job, JobQueue, OpenJob, RescanJob
from .library_page import LibraryPage
from .plain import message_box
from .report_view import ReportPane
from .search_page import SearchPage
from .workers import (
    Reader,
    ReportLoad,
    ReportRequest,
    SearchRequest,
    SimilarRequest,
    start_in_thread,
    stop_thread,
)

log = logging.getLogger(__name__)
SIMILAR_LIMIT = 8
RELATED_LIMIT = 3
FILE_FILTER = "报告 Reports (*.txt *.md *.docx *.pdf);;All files (*)"


class MainWindow(QMainWindow):
    # To the reader thread (queued: the reader lives there).
    _search = Signal(object)
    _load = Signal(object)
    _similar = Signal(object)
    _list = Signal(object)

    def __init__(self, target: str | Path | None = None, settings: QSettings | None = None):
        """``target``: the library to open (``open_backend``: None for the user's data
        folder, a folder, or a server URL)."""
        super().__init__()
        self.setWindowTitle(self.tr("ReportSearch"))
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        self.target = target
        self.location = ""  # where the library is, for people (``SearchBackend.location``)
        self.ready = False  # the index is open (reads before that wait in _held)
        self._held: list[tuple[Signal, object]] = []
        self._imports = 0  # import-like jobs sent whose answer has not been handled
        self._request_id = 0
        self.shown: dict[object, int] = {}  # pane ("reader", 0, 1) -> request number shown
        self._library_size = ""  # "N reports, M paragraphs."
        self._last_import = ""  # what the last import did, with the files it skipped

        self.search_page = SearchPage(self)
        self.reader = ReportPane(self)
        self.compare = ComparePage(self)
        self.library = LibraryPage(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.search_page, self.tr("Search"))
        self.tabs.addTab(self.reader, self.tr("Read"))
        self.tabs.addTab(self.compare, self.tr("Compare"))
        self.tabs.addTab(self.library, self.tr("Library"))
        self.setCentralWidget(self.tabs)
        self.batch: BatchDialog | None = None

        self.reading = Reader(target)
        self.reader_thread = start_in_thread(self.reading, self)
        self._search.connect(self.reading.search)
        self._load.connect(self.reading.load)
        self._similar.connect(self.reading.similar)
        self._list.connect(self.reading.list_reports)
        self.reading.searched.connect(self._on_search_finished)
        self.reading.search_failed.connect(self._on_search_failed)
        self.reading.loaded.connect(self._on_loaded)
        self.reading.completed.connect(self._on_completed)
        self.reading.marked.connect(self._on_marked)
        self.reading.similar_found.connect(self._on_similar)
        self.reading.listed.connect(self._on_listed)
        self.reading.failed.connect(self._on_read_failed)

        self.jobs = JobQueue(target, self)
        self.jobs.opened.connect(self._on_opened)
        self.jobs.started.connect(self._on_job_started)
        self.jobs.progress.connect(self._on_job_progress)
        self.jobs.finished.connect(self._on_job_finished)
        self.jobs.failed.connect(self._on_job_failed)

        self.search_page.search_requested.connect(self._send_search)
        self.search_page.hit_opened.connect(self.open_hit)
        self.search_page.add_reports_requested.connect(self.add_folder)
        self.reader.hit_requested.connect(self.open_hit)
        self.reader.compare_requested.connect(self.compare_with)
        self.reader.citation_copied.connect(self._citation_copied)
        self.reader.document.paragraph_selected.connect(lambda _o: self._similar_timer.start())
        self.compare.load_requested.connect(self._load_compare_side)
        self.compare.related_requested.connect(self._show_related)
        for pane in self.compare.panes:
            pane.citation_copied.connect(self._citation_copied)
        self.library.add_files_requested.connect(self.add_files)
        self.library.add_folder_requested.connect(self.add_folder)
        self.library.rescan_requested.connect(self.rescan)
        # Straight to the queue's thread-safe flags, never through the busy thread.
        self.library.cancel_requested.connect(self.jobs.cancel)
        self.library.report_opened.connect(lambda path: self.open_report(path))
        self.library.compare_requested.connect(self.compare_two)
        self.library.model.correction_wanted.connect(self._correct)
        self.library.model.invalid_value.connect(self._error)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(200)
        self._similar_timer.timeout.connect(self._show_similar)

        self._make_menus()
        self.statusBar()
        self._restore()
        self._library_size = self.tr("Opening the library…")
        self._show_library_summary()
        self.jobs.start()
        self.ensure_ready()

    # ------------------------------------------------------------ menus

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu(self.tr("&File"))
        self._action(files, self.tr("Add files…"), self.add_files, QKeySequence.StandardKey.Open)
        self._action(files, self.tr("Add folder…"), self.add_folder, "Ctrl+Shift+O")
        self._action(files, self.tr("Re-scan the library"), self.rescan, "F5")
        files.addSeparator()
        self._action(files, self.tr("Export results to CSV…"), self.export_results, "Ctrl+E")
        self._action(files, self.tr("Batch search…"), self.open_batch, "Ctrl+B")
        files.addSeparator()
        self._action(files, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu(self.tr("&Edit"))
        self._action(edit, self.tr("Find"), self.focus_search, ["Ctrl+F", "Ctrl+L"])
        self._action(edit, self.tr("Next match"), lambda: self.step_hit(+1),
                     [QKeySequence(Qt.Key.Key_F3)])
        self._action(edit, self.tr("Previous match"), lambda: self.step_hit(-1), "Shift+F3")
        self._action(edit, self.tr("Copy citation"), self.copy_citation, "Ctrl+Shift+C")
        self._action(edit, self.tr("Back to the results"), self.back_to_results,
                     ["Esc", "Alt+Left"])
        view = bar.addMenu(self.tr("&View"))
        for index, name in enumerate((self.tr("Search"), self.tr("Read"), self.tr("Compare"),
                                      self.tr("Library"))):
            self._action(view, name, lambda _c=False, i=index: self.tabs.setCurrentIndex(i),
                         f"Ctrl+{index + 1}")
        view.addSeparator()
        language = view.addMenu(self.tr("Language"))
        self._action(language, "中文", lambda: self._set_language("zh_CN"))
        self._action(language, "English", lambda: self._set_language("en"))
        helps = bar.addMenu(self.tr("&Help"))
        self._action(helps, self.tr("Query syntax"), self._show_syntax, QKeySequence.StandardKey.HelpContents)
        self._action(helps, self.tr("About ReportSearch"), self._show_about)

    # ------------------------------------------------------------ reading requests

    def _next_id(self) -> int:
        self._request_id += 1
        return self._request_id

    def _read(self, signal: Signal, request: object) -> None:
        """Send a request to the reader, or hold it until the index is open."""
        if self.ready:
            signal.emit(request)
        else:
            self._held.append((signal, request))

    def _on_opened(self, recovery: Notice | None, backend: SearchBackend | None,
                   location: str) -> None:
        if backend is not None:
            self.reading.set_backend(backend)  # before any request reaches the reader
        self.location = location
        self.ready = True
        held, self._held = self._held, []
        for signal, request in held:
            signal.emit(request)
        self.refresh_reports()
        if recovery is not None:
            self._error(self._recovery_text(recovery))

    def _recovery_text(self, notice: Notice) -> str:
        """Why the index is being rebuilt (``SearchBackend.recovery``), in the user's language:
        only a damaged index is called damaged (not a new folding table, say)."""
        values = notice.values
        count = str(values.get("count", ""))
        if notice.code == "rebuild.damaged":
            return (self.tr("The index was damaged (%1) and was moved to %2. It is being "
                            "rebuilt from your %3 report sources; your corrections are kept.")
                    .replace("%1", str(values.get("what", ""))).replace("%2", str(values.get(
                        "aside", ""))).replace("%3", count))
        if notice.code == "rebuild.changed":
            return (self.tr("The index must be rebuilt (%1). It is being rebuilt from your "
                            "%2 report sources; your corrections are kept.")
                    .replace("%1", str(values.get("what", ""))).replace("%2", count))
        if notice.code == "rebuild.missing":
            return self.tr("The index is missing. It is being rebuilt from your %1 report "
                           "sources; your corrections are kept.").replace("%1", count)
        if notice.code == "rebuild.resume":
            return self.tr("The last rebuild of the index did not finish. It goes on from "
                           "your %1 report sources; your corrections are kept.").replace(
                               "%1", count)
        return notice.text

    def _on_read_failed(self, _request: object, message: str) -> None:
        self._error(message or self._generic_error())

    # ------------------------------------------------------------ searching

    def back_to_results(self) -> None:
        if self.tabs.currentWidget() is not self.search_page:
            self.tabs.setCurrentWidget(self.search_page)
            self.search_page.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_page)
        self.search_page.box.setFocus()
        self.search_page.box.selectAll()

    def _send_search(self, request: SearchRequest) -> None:
        if not request.extra.get("keep"):
            self.reading.latest = request.id
        self._read(self._search, request)

    def _on_search_finished(self, request: SearchRequest, result) -> None:
        extra = request.extra
        if "batch" in extra:
            if self.batch is not None:
                self.batch.add_result(extra["batch"], result)
        elif "export" in extra:
            try:
                rows = write_csv(Path(extra["export"]), [result])
                self.statusBar().showMessage(
                    self.tr("%1 rows written to %2").replace("%1", str(rows))
                    .replace("%2", extra["export"]), 8000)
            except OSError as exc:
                self._error(self.tr("Cannot write %1: %2").replace("%1", extra["export"])
                            .replace("%2", exc.strerror or str(exc)))
        else:
            self.search_page.show_result(request, result)

    def _on_search_failed(self, request: SearchRequest, message: str) -> None:
        message = message or self._generic_error()
        if "batch" in request.extra:
            if self.batch is not None:
                self.batch.add_result(request.extra["batch"], None, message)
        elif "export" in request.extra:
            self._error(message)
        else:
            self.search_page.show_error(request, message)

    def current_query(self) -> str:
        return self.search_page.box.text().strip()

    def export_results(self) -> None:
        request = self.search_page.current_request
        if request is None:
            self._error(self.tr("Search first, then export the results."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), "results.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self._read(self._search, SearchRequest(
                id=self.search_page.next_id(), query=request.query,
                institutions=request.institutions, years=request.years, sort=request.sort,
                limit=0, extra={"export": path, "keep": True}))

    def open_batch(self) -> None:
        if self.batch is None:
            self.batch = BatchDialog(self)
            self.batch.run_requested.connect(self._run_batch)
            self.batch.query_opened.connect(self._open_batch_query)
        self.batch.show()
        self.batch.raise_()

    def _run_batch(self, queries: list[str]) -> None:
        for query in queries:
            self._read(self._search, SearchRequest(
                id=self.search_page.next_id(), query=query, limit=0,
                extra={"batch": query, "keep": True}))

    def _open_batch_query(self, query: str) -> None:
        self.search_page.set_query(query)
        self.tabs.setCurrentWidget(self.search_page)
        self.activateWindow()

    # ------------------------------------------------------------ reading

    def open_hit(self, hit: Hit) -> None:
        self.open_report(hit.path, hit.paragraph)

    def open_report(self, path: str, ordinal: int | None = None) -> None:
        """Read a report in the reader thread; it is shown when it arrives."""
        self._ask_report(ReportRequest(self._next_id(), path, "reader", self.current_query(),
                                       ordinal))
        self.statusBar().showMessage(self.tr("Opening %1…").replace("%1", Path(path).name),
                                     3000)

    def _ask_report(self, request: ReportRequest) -> None:
        self.reading.latest_load[request.target] = request.id
        self._read(self._load, request)

    def _on_loaded(self, request: ReportRequest, load: ReportLoad) -> None:
        if request.id != self.reading.latest_load.get(request.target):
            return  # a report asked for before the one now wanted
        self.shown[request.target] = request.id
        if request.target == "reader":
            self.reader.load(load, request.ordinal)
            self.tabs.setCurrentWidget(self.reader)
            self.reader.document.setFocus()
            self.statusBar().clearMessage()
        else:
            self.compare.panes[request.target].load(load)

    def _pane(self, request: ReportRequest) -> ReportPane | None:
        """The pane a report was asked for, unless another report was asked for since."""
        if request.id != self.reading.latest_load.get(request.target):
            return None
        return self.reader if request.target == "reader" else self.compare.panes[request.target]

    def _on_completed(self, request: ReportRequest, view) -> None:
        pane = self._pane(request)
        if pane is not None:
            pane.document.complete(view)

    def _on_marked(self, request: ReportRequest, marks: dict) -> None:
        pane = self._pane(request)
        if pane is not None:
            pane.document.set_marks(marks)

    def _show_similar(self) -> None:
        document = self.reader.document
        if document.view is None or not document.current_ordinal:
            return
        request = SimilarRequest(self._next_id(), document.view.record.path,
                                 document.current_ordinal, SIMILAR_LIMIT)
        self.reading.latest_similar[request.target] = request.id
        self._read(self._similar, request)

    def _on_similar(self, request: SimilarRequest, hits: list[Hit]) -> None:
        if request.target == "reader":
            self.reader.show_similar(hits)
        else:
            _, side = request.target
            self.compare.show_related(1 - side, [h.paragraph for h in hits])

    def step_hit(self, direction: int) -> None:
        page = self.tabs.currentWidget()
        if page is self.compare:
            self.compare.next_hit(direction)
        elif page is self.reader:
            document = self.reader.document
            document.next_hit() if direction > 0 else document.previous_hit()

    def copy_citation(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.reader:
            self.reader.copy_citation()
        elif page is self.compare:
            focused = 1 if self.compare.panes[1].document.hasFocus() else 0
            self.compare.panes[focused].copy_citation()
        elif page is self.search_page and self.search_page.current_hit():
            hit = self.search_page.current_hit()
            from PySide6.QtGui import QGuiApplication

            from index.export import citation

            text = citation(hit.text, hit.institution, hit.title, hit.year, hit.paragraph,
                            hit.report)
            QGuiApplication.clipboard().setText(text)
            self._citation_copied(text)

    def _citation_copied(self, _text: str) -> None:
        self.statusBar().showMessage(self.tr("Citation copied: the paragraph with its source"),
                                     5000)

    # ------------------------------------------------------------ comparing

    def compare_with(self, path: str) -> None:
        """From a report: put it on the left; the right keeps (or picks) another."""
        self.compare.choose(0, path)
        right = self.compare.report_path(1)
        if not right or right == path:
            other = next((r.path for r in self.library.model.records() if r.path != path), None)
            if other:
                self.compare.choose(1, other)
        self.tabs.setCurrentWidget(self.compare)
        self.compare.pickers[1].setFocus()
        self.compare.pickers[1].showPopup() if self.isVisible() else None

    def compare_two(self, left: str, right: str) -> None:
        self.compare.choose(0, left)
        self.compare.choose(1, right)
        self.tabs.setCurrentWidget(self.compare)

    def _load_compare_side(self, side: int, path: str) -> None:
        self._ask_report(ReportRequest(self._next_id(), path, side, self.current_query()))

    def _show_related(self, side: int, path: str, ordinal: int, other: str) -> None:
        request = SimilarRequest(self._next_id(), path, ordinal, RELATED_LIMIT, within=other,
                                 target=("related", side))
        self.reading.latest_similar[request.target] = request.id
        self._read(self._similar, request)

    # ------------------------------------------------------------ library

    @property
    def indexing(self) -> bool:
        """An import, re-scan or rebuild is queued or running."""
        return self._imports > 0

    def refresh_reports(self) -> None:
        """Ask the reader for the list of reports (shown when it arrives)."""
        self._read(self._list, "reports")

    def _on_listed(self, records: list[ReportRecord], haystacks: list[str]) -> None:
        self.library.model.set_records(records, haystacks)
        self.compare.set_reports(records)
        self._library_size = self._library_summary(records)
        self._show_library_summary()
        self.search_page.show_empty_library(not records and not self.indexing)

    def _show_library_summary(self) -> None:
        """The size of the library, and what the last import did."""
        self.library.summary.setText("\n".join(t for t in (self._library_size,
                                                             self._last_import) if t))

    def _library_summary(self, records: list[ReportRecord]) -> str:
        return (self.tr("%1 reports, %2 paragraphs.").replace("%1", str(len(records)))
                .replace("%2", str(sum(r.paragraphs for r in records))))

    def _add_job(self, job: Job) -> None:
        if job.cancellable:
            self._imports += 1
            self.library.show_progress(0, 0, "")
            self.statusBar().showMessage(self.tr("Reading reports…"))
        self.jobs.add(job)

    def start_indexing(self, paths: list[Path]) -> None:
        self._add_job(ImportJob(paths))

    def ensure_ready(self) -> None:
        """Open the index and finish what it needs (a rebuild, the seeds on first use)."""
        self._add_job(OpenJob())

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add report files"), "",
                                                FILE_FILTER)
        if paths:
            self.start_indexing([Path(p) for p in paths])

    def add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of reports"))
        if path:
            self.start_indexing([Path(path)])

    def rescan(self) -> None:
        """Read the sources the user added again (not every folder holding a report);
        the job queue's backend does it (``SearchBackend.rescan``), never the GUI thread."""
        self._add_job(RescanJob())

    def _on_job_started(self, job: Job) -> None:
        if job.cancellable:
            self.library.show_progress(0, 0, "")

    def _on_job_progress(self, job: Job, done: int, total: int, path: str) -> None:
        if job.cancelled:
            return
        self.library.show_progress(done, total, path)
        if total:
            self.statusBar().showMessage(self.tr("Reading reports… %1/%2")
                                         .replace("%1", str(done)).replace("%2", str(total)))

    def _import_done(self) -> None:
        self._imports -= 1
        if not self._imports:
            self.library.finish_progress()

    def _on_job_finished(self, job: Job, result) -> None:
        if isinstance(job, CorrectionJob):
            self._corrected(result)
            return
        self._import_done()
        self.refresh_reports()
        if not isinstance(result, IndexSummary):
            if not self.indexing:
                self.statusBar().clearMessage()
            return
        self._tell_summary(result)

    def _tell_summary(self, summary: IndexSummary) -> None:
        text = (self.tr("Added %1, updated %2, removed %3, unchanged %4, skipped %5.")
                .replace("%1", str(len(summary.added))).replace("%2", str(len(summary.updated)))
                .replace("%3", str(len(summary.removed))).replace("%4", str(summary.unchanged))
                .replace("%5", str(len(summary.skipped))))
        if summary.cancelled:
            text = self.tr("Cancelled. ") + text
        self.statusBar().showMessage(text, 10000)
        self._last_import = "\n".join([text, *(f"{s.path}: {s.reason}"
                                               for s in summary.skipped[:200])])
        self._show_library_summary()
        if self.current_query():
            self.search_page.search_now()
        if summary.skipped and self.isVisible():
            message_box(self, QMessageBox.Icon.Warning, self.tr("Some files were skipped"), text,
                        "\n".join(f"{s.path}\n    {s.reason}" for s in summary.skipped))

    def _on_job_failed(self, job: Job, message: str) -> None:
        if not isinstance(job, CorrectionJob):
            self._import_done()
            if not self.indexing:
                self.statusBar().clearMessage()
            self.refresh_reports()
        self._error(message or self._generic_error())

    def _correct(self, path: str, field: str, value) -> None:
        """Queue a correction: it waits for a running import, never for the GUI."""
        self.jobs.add(CorrectionJob(path, field, value))
        self.statusBar().showMessage(self.tr("Saving the correction…"), 3000)

    def _corrected(self, record: ReportRecord) -> None:
        self.library.model.update_record(record)
        self.compare.set_reports(self.library.model.records())
        self.statusBar().showMessage(self.tr("Correction saved."), 3000)
        if self.current_query():
            self.search_page.search_now()

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.library)
            self.start_indexing(paths)

    # ------------------------------------------------------------ settings

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        state = self.settings.value("search/splitter")
        if state is not None:
            self.search_page.splitter.restoreState(state)
        history = self.settings.value("search/history", [])
        self.search_page.set_history(list(history) if isinstance(history, list) else [history])

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("search/splitter", self.search_page.splitter.saveState())
        self.settings.setValue("search/history", self.search_page.history)
        self.hide()  # gone at once, while a running import stops after its current file
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the workers: an import in progress is cancelled (its last commit stays),
        queued corrections are still written."""
        self.reading.closing = True  # a report being marked stops at once
        self.jobs.shutdown()
        if stop_thread(self.reader_thread, 10000):
            self.reading.close()

    def _set_language(self, language: str) -> None:
        self.settings.setValue("ui/language", language)
        message_box(self, QMessageBox.Icon.Information, self.tr("Language"),
                    self.tr("The language changes the next time ReportSearch starts."))

    # ------------------------------------------------------------ dialogs

    def _generic_error(self) -> str:
        return self.tr("Something went wrong. The details are in the log: %1").replace(
            "%1", str(log_dir() / LOG_NAME))

    def _error(self, message: str) -> None:
        """One dialog (plain text) and the status bar; the same message is not stacked."""
        self.statusBar().showMessage(message, 10000)
        if not self.isVisible():
            return
        for box in self.findChildren(QMessageBox):
            if box.isVisible() and box.text() == message:
                return
        message_box(self, QMessageBox.Icon.Warning, self.tr("ReportSearch"), message)

    def _show_syntax(self) -> None:
        message_box(self, QMessageBox.Icon.Information, self.tr("Query syntax"), self.tr(
            "Type what you are looking for: every paragraph that contains it is found, "
            "across word boundaries, in full-width or half-width, Traditional or Simplified.\n\n"
            "李晓东 教授 — both, anywhere in the paragraph\n"
            "\"高质量发展\" — exactly this (no word-by-word matches)\n"
            "李晓东 OR 胡文庆 — either\n"
            "医院 -人才 or 医院 NOT 人才 — without 人才\n"
            "institution:市二院 — one institution (aliases work)\n"
            "year:2025   year:2024-2026 — one year or a range"))

    def _show_about(self) -> None:
        from index.paths import default_index_dir

        # The library's own words once it is open; before that, the folder it will be
        # (a server URL may hold a password: only the backend says it, without).
        location = self.location or ("" if is_server(self.target)
                                     else str(self.target or default_index_dir()))
        message_box(self, QMessageBox.Icon.Information, self.tr("About ReportSearch"), self.tr(
            "ReportSearch 0.1 — offline search for Chinese reports.\n\n"
            "Index and corrections: %1\nLog: %2")
            .replace("%1", location).replace("%2", str(log_dir() / LOG_NAME)))
