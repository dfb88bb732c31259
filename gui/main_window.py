"""The main window: search, reading, comparison and the library as tabs, the menus,
drag and drop, and the wiring between the pages, the engine and the workers."""

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

from index.engine import Engine
from index.errors import ReportSearchError
from index.export import write_csv
from index.logfile import LOG_NAME
from index.paths import log_dir
from index.search import Hit
from index.store import IndexSummary

from .batch_dialog import BatchDialog
from .compare_page import ComparePage
from .library_page import LibraryPage
from .report_view import ReportPane
from .search_page import SearchPage
from .workers import IndexWorker, SearchRequest, SearchWorker, start_in_thread

log = logging.getLogger(__name__)
SIMILAR_LIMIT = 8
FILE_FILTER = "报告 Reports (*.txt *.md *.docx *.pdf);;All files (*)"


class MainWindow(QMainWindow):
    _search = Signal(object)  # to the search worker
    _index = Signal(object)  # to the index worker

    def __init__(self, index_dir: Path | None = None, settings: QSettings | None = None):
        super().__init__()
        self.setWindowTitle(self.tr("ReportSearch"))
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        self.engine = Engine(index_dir, recover=True)
        self.indexing = False

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

        self.search_worker = SearchWorker(index_dir)
        self.search_thread = start_in_thread(self.search_worker, self)
        self._search.connect(self.search_worker.run)
        self.search_worker.finished.connect(self._on_search_finished)
        self.search_worker.failed.connect(self._on_search_failed)
        self.index_worker = IndexWorker(index_dir)
        self.index_thread = start_in_thread(self.index_worker, self)
        self._index.connect(self.index_worker.run)
        self.index_worker.progress.connect(self._on_index_progress)
        self.index_worker.finished.connect(self._on_index_finished)
        self.index_worker.failed.connect(self._on_index_failed)

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
        self.library.cancel_requested.connect(self.index_worker.cancel)
        self.library.report_opened.connect(lambda path: self.open_report(path))
        self.library.compare_requested.connect(self.compare_two)
        self.library.model.correction_wanted.connect(self._correct)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(200)
        self._similar_timer.timeout.connect(self._show_similar)

        self._make_menus()
        self.statusBar()
        self._restore()
        self.refresh_reports()
        if self.engine.recovered:
            QTimer.singleShot(0, self._tell_recovered)

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
            self.search_worker.latest = request.id
        self._search.emit(request)

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
        if "batch" in request.extra:
            if self.batch is not None:
                self.batch.add_result(request.extra["batch"], None, message)
        elif "export" in request.extra:
            self._error(message)
        else:
            self.search_page.show_error(request, message)

    def current_query(self) -> str:
        return self.search_page.box.text().strip()

    def _highlighter(self):
        query = self.current_query()
        if not query:
            return None
        return lambda text: self.engine.highlight(query, text)

    def export_results(self) -> None:
        request = self.search_page.current_request
        if request is None:
            self._error(self.tr("Search first, then export the results."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), "results.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self._search.emit(SearchRequest(
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
            self._search.emit(SearchRequest(id=self.search_page.next_id(), query=query,
                                            limit=0, extra={"batch": query, "keep": True}))

    def _open_batch_query(self, query: str) -> None:
        self.search_page.set_query(query)
        self.tabs.setCurrentWidget(self.search_page)
        self.activateWindow()

    # ------------------------------------------------------------ reading

    def open_hit(self, hit: Hit) -> None:
        self.open_report(hit.path, hit.paragraph)

    def open_report(self, path: str, ordinal: int | None = None) -> None:
        try:
            view = self.engine.report(path)
        except ReportSearchError as exc:
            self._error(str(exc))
            return
        self.reader.load(view, self._highlighter())
        self.tabs.setCurrentWidget(self.reader)
        if ordinal is not None:
            self.reader.document.go_to(ordinal)
        self.reader.document.setFocus()

    def _show_similar(self) -> None:
        document = self.reader.document
        if document.view is None or not document.current_ordinal:
            return
        try:
            hits = self.engine.similar(document.view.record.path, document.current_ordinal,
                                       SIMILAR_LIMIT)
        except ReportSearchError as exc:
            log.warning("similar failed: %s", exc)
            hits = []
        self.reader.show_similar(hits)

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
            others = [r.path for r in self.library.model.records() if r.path != path]
            if others:
                self.compare.choose(1, others[0])
        self.tabs.setCurrentWidget(self.compare)
        self.compare.pickers[1].setFocus()
        self.compare.pickers[1].showPopup() if self.isVisible() else None

    def compare_two(self, left: str, right: str) -> None:
        self.compare.choose(0, left)
        self.compare.choose(1, right)
        self.tabs.setCurrentWidget(self.compare)

    def _load_compare_side(self, side: int, path: str) -> None:
        try:
            view = self.engine.report(path)
        except ReportSearchError as exc:
            self._error(str(exc))
            return
        self.compare.panes[side].load(view, self._highlighter())

    def _show_related(self, side: int, path: str, ordinal: int, other: str) -> None:
        try:
            hits = self.engine.similar(path, ordinal, 3, within=other)
        except ReportSearchError:
            hits = []
        self.compare.show_related(1 - side, [h.paragraph for h in hits])

    # ------------------------------------------------------------ library

    def refresh_reports(self) -> None:
        records = self.engine.reports()
        self.library.model.set_records(records)
        self.compare.set_reports(records)
        self.library.summary.setText(self.tr("%1 reports, %2 paragraphs.")
                                     .replace("%1", str(len(records)))
                                     .replace("%2", str(sum(r.paragraphs for r in records))))
        self.search_page.show_empty_library(not records and not self.indexing)

    def start_indexing(self, paths: list[Path] | None) -> None:
        if self.indexing:
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return
        self.indexing = True
        self.library.show_progress(0, 0, "")
        self.statusBar().showMessage(self.tr("Reading reports…"))
        self._index.emit(paths)

    def ensure_ready(self) -> None:
        """First run: index the bundled reports (off the GUI thread)."""
        self.start_indexing(None)

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
        """Read the sources the user added again (not every folder holding a report)."""
        self.start_indexing([Path(p) for p in self.engine.sources()] or None)

    def _on_index_progress(self, done: int, total: int, path: str) -> None:
        self.library.show_progress(done, total, path)
        if total:
            self.statusBar().showMessage(self.tr("Reading reports… %1/%2")
                                         .replace("%1", str(done)).replace("%2", str(total)))

    def _on_index_finished(self, summary: IndexSummary | None) -> None:
        self.indexing = False
        self.library.finish_progress()
        self.refresh_reports()
        if summary is None:
            self.statusBar().clearMessage()
            return
        text = (self.tr("Added %1, updated %2, removed %3, unchanged %4, skipped %5.")
                .replace("%1", str(len(summary.added))).replace("%2", str(len(summary.updated)))
                .replace("%3", str(len(summary.removed))).replace("%4", str(summary.unchanged))
                .replace("%5", str(len(summary.skipped))))
        if summary.cancelled:
            text = self.tr("Cancelled. ") + text
        self.statusBar().showMessage(text, 10000)
        self.library.summary.setText(text + "\n" + "\n".join(
            f"{s.path}: {s.reason}" for s in summary.skipped))
        if self.current_query():
            self.search_page.search_now()
        if summary.skipped and self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were skipped"),
                              text, QMessageBox.StandardButton.Ok, self)
            box.setDetailedText("\n".join(f"{s.path}\n    {s.reason}" for s in summary.skipped))
            box.open()

    def _on_index_failed(self, message: str) -> None:
        self.indexing = False
        self.library.finish_progress()
        self.statusBar().clearMessage()
        self._error(message)
        self.refresh_reports()

    def _correct(self, path: str, field: str, value) -> None:
        try:
            record = self.engine.set_metadata(path, **{field: value})
        except ReportSearchError as exc:
            self._error(str(exc))
            return
        self.library.model.update_record(record)
        self.compare.set_reports(self.library.model.records())
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
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the workers (an import in progress is cancelled: its last batch stays)."""
        self.index_worker.cancel()
        for thread in (self.search_thread, self.index_thread):
            thread.quit()
            thread.wait(10000)
        self.search_worker.close()
        self.engine.close()

    def _set_language(self, language: str) -> None:
        self.settings.setValue("ui/language", language)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The language changes the next time ReportSearch starts."))

    # ------------------------------------------------------------ dialogs

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        if self.isVisible():
            QMessageBox.warning(self, self.tr("ReportSearch"), message)

    def _tell_recovered(self) -> None:
        self._error(self.tr("The index was damaged (%1). It is being rebuilt from your "
                            "report folders; your corrections are kept.")
                    .replace("%1", self.engine.recovered))

    def _show_syntax(self) -> None:
        QMessageBox.information(self, self.tr("Query syntax"), self.tr(
            "Type what you are looking for: every paragraph that contains it is found, "
            "across word boundaries, in full-width or half-width, Traditional or Simplified.\n\n"
            "李晓东 教授 — both, anywhere in the paragraph\n"
            "\"高质量发展\" — exactly this (no word-by-word matches)\n"
            "李晓东 OR 胡文庆 — either\n"
            "医院 -人才 or 医院 NOT 人才 — without 人才\n"
            "institution:市二院 — one institution (aliases work)\n"
            "year:2025   year:2024-2026 — one year or a range"))

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About ReportSearch"), self.tr(
            "ReportSearch 0.1 — offline search for Chinese reports.\n\n"
            "Index and corrections: %1\nLog: %2")
            .replace("%1", str(self.engine.index_dir)).replace("%2", str(log_dir() / LOG_NAME)))
