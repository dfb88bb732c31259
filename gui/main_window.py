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
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
)

from index.backend import (
    SearchBackend,
    is_server,
    needs_password,
    server_location,
    with_password,
)
from index.export import write_csv
from index.logfile import LOG_NAME
from index.model import Hit, Notice, ReportRecord
from index.paths import log_dir

from .archive_dialog import ArchiveDialog, store_server, stored_server
from .batch_dialog import BatchDialog
from .check_page import install as install_check_page
from .compare_page import ComparePage
from .dialog_folders import export_name, remember_folder, remembered_folder, save_file
from .engine_text import say
from .library_jobs import LibraryJobs
from .library_page import LibraryPage
from .plain import message_box, plain_label, sentences
from .report_view import ReportPane
from .search_page import SearchPage
from .window_menus import MenusAndLanguage
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


class MainWindow(MenusAndLanguage, QMainWindow):
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
        self.where = plain_label(self)  # which library is searched, in the status bar
        self.settings = settings or QSettings()
        self.target = target
        self.location = ""  # where the library is, for people (``SearchBackend.location``)
        self.writable = True  # this account may import and correct (``set_writable``)
        self.ready = False  # the index is open (reads before that wait in _held)
        self._held: list[tuple[Signal, object]] = []
        self._request_id = 0
        self.shown: dict[object, int] = {}  # pane ("reader", 0, 1) -> request number shown
        self._library_size = ""  # "N reports, M paragraphs."
        self._retranslating = False
        self._library_records: list[ReportRecord] | None = None
        self._notes: list[str] = []  # what the backend told (bad aliases, offline sources…)

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

        self._start_workers(target)

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
        self.library.cancel_requested.connect(lambda: self.jobs.cancel())
        self.library.report_opened.connect(lambda path: self.open_report(path))
        self.library.compare_requested.connect(self.compare_two)
        self.library.model.correction_wanted.connect(
            lambda *args: self.library_jobs.correct(*args))
        self.library.model.invalid_value.connect(self.error)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(200)
        self._similar_timer.timeout.connect(self._show_similar)

        self.check_page = install_check_page(self)
        self._make_menus()
        self.statusBar().addPermanentWidget(self.where)
        self._restore()
        self._library_size = self.tr("Opening the library…")
        self.show_library_summary()
        self.jobs.start()
        self.ensure_ready()

    def _start_workers(self, target: str | Path | None) -> None:
        """The reader thread and the job queue, on ``target`` (``open_backend``)."""
        self.target = target
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

        self.library_jobs = LibraryJobs(self, target)
        self.jobs = self.library_jobs.queue
        self.jobs.opened.connect(self._on_opened)

        self._show_where()

    def switch_library(self, target: str | Path | None) -> None:
        """Search another library (a team archive, or the local one): the workers stop
        and start again on it; the window stays."""
        self.shutdown()
        for signal in (self._search, self._load, self._similar, self._list, self.jobs.opened):
            signal.disconnect()
        self.ready, self._held = False, []
        self.location = ""
        self._start_workers(target)
        self.check_page.attach(self)
        self._library_size = self.tr("Opening the library…")
        self.show_library_summary()
        self.jobs.start()
        self.ensure_ready()

    def connect_archive(self) -> None:
        """File → Connect to a team archive…: the URL is stored without its password."""
        dialog = ArchiveDialog(stored_server(self.settings) or (
            str(self.target) if is_server(self.target) else None), self)
        if dialog.exec() != ArchiveDialog.DialogCode.Accepted:
            return
        store_server(self.settings, dialog.target())
        self.switch_library(dialog.target())

    def _show_where(self) -> None:
        """The title and status bar say which library is searched."""
        if is_server(self.target):
            where = self.tr("team archive %1").replace(
                "%1", self.location or server_location(str(self.target)))
        else:
            where = self.tr("local library")
        self.setWindowTitle(self.tr("ReportSearch — %1").replace("%1", where))
        self.where.setText(where)

    def archive_failed(self, message: str) -> None:
        """The team archive could not be opened: ask for a password when that is what it
        wants (kept in memory for the session), else say so once and search the local
        library."""
        url = str(self.target)

        def fall_back() -> None:
            self.error(self.tr("Cannot open the team archive: %1\nSearching the local "
                               "library instead.").replace("%1", message))
            self.switch_library(None)

        if not (needs_password(message) and self.isVisible()):
            fall_back()
            return
        prompt = QInputDialog(self)
        prompt.setWindowTitle(self.tr("Team archive"))
        prompt.setLabelText(self.tr("Password for %1:").replace("%1", server_location(url)))
        prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.textValueSelected.connect(
            lambda password: self.switch_library(with_password(url, password)) if password
            else fall_back())
        prompt.rejected.connect(fall_back)
        prompt.open()  # never a nested event loop

    def set_writable(self, writable: bool) -> None:
        """A library this account may only read (a reporter's on a team archive,
        ``SearchBackend.writable``): importing, re-scanning and correcting are off, and
        their menu entries and buttons say why."""
        self.writable = writable
        why = "" if writable else self.tr(
            "This account may only search and read the team archive: importing and "
            "correcting are for its archivists.")
        for action in self.write_actions:
            action.setEnabled(writable)
            action.setToolTip(why or action.text())
        self.library.set_writable(writable, why)

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
        self._show_where()
        self.set_writable(backend is None or backend.writable)
        held, self._held = self._held, []
        for signal, request in held:
            signal.emit(request)
        self.refresh_reports()
        if recovery is not None:
            self.error(say(recovery))

    def _on_read_failed(self, _request: object, message: str) -> None:
        self.error(message or self.generic_error())

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
                self.error(self.tr("Cannot write %1: %2").replace("%1", extra["export"])
                            .replace("%2", exc.strerror or str(exc)))
        else:
            self.search_page.show_result(request, result)

    def _on_search_failed(self, request: SearchRequest, message: str) -> None:
        message = message or self.generic_error()
        if "batch" in request.extra:
            if self.batch is not None:
                self.batch.add_result(request.extra["batch"], None, message)
        elif "export" in request.extra:
            self.error(message)
        else:
            self.search_page.show_error(request, message)

    def current_query(self) -> str:
        return self.search_page.box.text().strip()

    def export_results(self) -> None:
        request = self.search_page.current_request
        if request is None:
            self.error(self.tr("Search first, then export the results."))
            return
        default = str(Path(remembered_folder(self.settings)) / export_name(request.query))
        path = save_file(self, self.tr("Export results"), default, self.tr("CSV files (*.csv)"))
        if path:
            remember_folder(self.settings, str(Path(path).parent))
            self.search_page.acted_on(request.query)
            self._read(self._search, SearchRequest(
                id=self.search_page.next_id(), query=request.query,
                institutions=request.institutions, years=request.years, sort=request.sort,
                limit=0, extra={"export": path, "keep": True}))

    def open_batch(self) -> None:
        if self.batch is None:
            self.batch = BatchDialog(self, self.settings)
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
        return self.library_jobs.imports > 0

    def refresh_reports(self) -> None:
        """Ask the reader for the list of reports (shown when it arrives)."""
        self._read(self._list, "reports")

    def _on_listed(self, records: list[ReportRecord], haystacks: list[str]) -> None:
        self.library.model.set_records(records, haystacks)
        self.compare.set_reports(records)
        self._library_records = records
        self._library_size = self._library_summary(records)
        self.show_library_summary()
        self.search_page.show_empty_library(not records and not self.indexing)

    def show_library_summary(self) -> None:
        """The size of the library, what the last import did and what the backend told."""
        self.library.summary.setText("\n".join(t for t in (
            self._library_size, self.library_jobs.last_import, *self._notes) if t))

    def show_notes(self, texts: list[str]) -> None:
        """What the backend told (``take_notices``): kept in the library's summary, and
        said once in a dialog."""
        self._notes = list(dict.fromkeys([*self._notes, *texts]))[-20:]
        self.show_library_summary()
        self.error("\n\n".join(texts))

    def _library_summary(self, records: list[ReportRecord]) -> str:
        copies = sum(1 for r in records if r.copies)
        text = (self.tr("%1 reports, %2 paragraphs.").replace("%1", str(len(records)))
                .replace("%2", str(sum(r.paragraphs for r in records))))
        if copies:
            text = sentences(text, self.tr("Found in more than one place (the same "
                                           "content, indexed once): %1.")
                             .replace("%1", str(copies)))
        return text

    def start_indexing(self, paths: list[Path]) -> None:
        self.library_jobs.import_paths(paths)

    def ensure_ready(self) -> None:
        """Open the index and finish what it needs (a rebuild, the seeds on first use)."""
        self.library_jobs.open()

    def add_files(self) -> None:
        self.library_jobs.add_files()

    def add_folder(self) -> None:
        if not self.writable:  # the empty library's button on a reporter's archive
            self.statusBar().showMessage(self.write_actions[1].toolTip(), 5000)
            return
        self.library_jobs.add_folder()

    def rescan(self) -> None:
        """Read the sources the user added again (not every folder holding a report);
        the job queue's backend does it (``SearchBackend.rescan``), never the GUI thread."""
        self.library_jobs.rescan()

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self.writable:
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
        self.settings.setValue("search/history", self.search_page.history.entries)
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

    # ------------------------------------------------------------ dialogs

    def generic_error(self) -> str:
        return self.tr("Something went wrong. The details are in the log: %1").replace(
            "%1", str(log_dir() / LOG_NAME))

    def error(self, message: str) -> None:
        """One dialog (plain text) and the status bar; the same message is not stacked."""
        self.statusBar().showMessage(message, 10000)
        if not self.isVisible():
            return
        for box in self.findChildren(QMessageBox):
            if box.isVisible() and box.text() == message:
                return
        message_box(self, QMessageBox.Icon.Warning, self.tr("ReportSearch"), message)
