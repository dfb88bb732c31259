"""The "核对稿件" page: paste or open a draft, check it against the library, and see
each statement's verdict, with the draft's statement and the report's paragraph side
by side, their items marked.

The check runs in the reader thread (``check_models.Checker``); the page only sends
the draft and shows the answer. Everything shown is plain text: the draft, the
statements and the paragraphs go into plain-text editors, marked with extra
selections (coloured backgrounds), never through HTML. ``install`` puts the page in
the main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from index.checking import DraftCheck, Source, StatementCheck
from index.checking.report import source_citation, write_csv, write_html
from index.checking.results import NOT_FOUND, ItemCheck
from index.errors import ReportSearchError

from .check_models import (
    MARK_COLOURS,
    Checker,
    CheckRequest,
    ItemsModel,
    StatementsModel,
)
from .plain import message_box, plain_label, progress_format, shorten

DRAFT_FILTER = "稿件 Drafts (*.txt *.md *.docx *.pdf);;All files (*)"


class CheckPage(QWidget):
    check_requested = Signal(object)  # CheckRequest, wanted by the user
    run_check = Signal(object)  # CheckRequest, to the checker (queued: the reader thread)
    report_wanted = Signal(str, int)  # report path, paragraph: open it in the reader
    citation_copied = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._next_id = 0
        self.request: CheckRequest | None = None  # the check running, if any
        self.result: DraftCheck | None = None

        self.open_button = QPushButton(self.tr("Open draft…"), self)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.summary = plain_label(self)
        self.summary.setWordWrap(True)
        self.csv_button = QPushButton(self.tr("Export CSV…"), self)
        self.html_button = QPushButton(self.tr("Export HTML…"), self)
        top = QHBoxLayout()
        for widget in (self.open_button, self.check_button, self.cancel_button, self.progress):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.html_button)

        self.draft = QPlainTextEdit(self)
        self.draft.setPlaceholderText(self.tr(
            "Paste a draft here, or open a .txt or .docx file, then press Check: each "
            "statement is looked up in the library and its figures compared."))
        self.statements = StatementsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.statements)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(StatementsModel.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StatementsModel.VERDICT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StatementsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.draft)
        left.addWidget(self.table)
        left.setSizes([260, 440])

        self.statement_view = self._reading_pane()
        self.source_view = self._reading_pane()
        self.statement_title = plain_label(self, self.tr("In the draft"))
        self.source_title = plain_label(self, self.tr("In the report"))
        self.sources = QComboBox(self)
        self.sources.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sources.setMinimumContentsLength(20)
        self.where = plain_label(self)
        self.where.setWordWrap(True)
        self.open_report_button = QPushButton(self.tr("Open the report at this paragraph"), self)
        self.copy_button = QPushButton(self.tr("Copy citation"), self)
        self.items = ItemsModel(self)
        self.item_table = QTableView(self)
        self.item_table.setModel(self.items)
        self.item_table.verticalHeader().hide()
        self.item_table.horizontalHeader().setStretchLastSection(True)
        self.item_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        sides = QHBoxLayout()
        for title, view in ((self.statement_title, self.statement_view),
                            (self.source_title, self.source_view)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(view, 1)
            sides.addLayout(column, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.sources, 1)
        actions.addWidget(self.open_report_button)
        actions.addWidget(self.copy_button)
        right_widget = QWidget(self)
        right = QVBoxLayout(right_widget)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(sides, 2)
        right.addWidget(self.where)
        right.addLayout(actions)
        right.addWidget(self.item_table, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right_widget)
        self.splitter.setSizes([480, 880])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.open_button.clicked.connect(self.open_draft)
        self.check_button.clicked.connect(self.check_now)
        self.cancel_button.clicked.connect(self.cancel)
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.html_button.clicked.connect(lambda: self._export("html"))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self.show_row(
            current.row()))
        self.sources.currentIndexChanged.connect(lambda _i: self._show_source())
        self.open_report_button.clicked.connect(self.open_source)
        self.copy_button.clicked.connect(self.copy_citation)
        self._set_busy(False)

    def _reading_pane(self) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        return view

    # ------------------------------------------------------------ the draft

    def set_draft(self, text: str) -> None:
        self.draft.setPlainText(text)

    def open_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a draft"), "", DRAFT_FILTER)
        if path:
            self.load_draft(Path(path))

    def load_draft(self, path: Path) -> bool:
        """Read a draft with the engine's readers (.txt in any encoding, .docx, .pdf)."""
        from index.reading import read_text

        try:
            self.set_draft(read_text(path).text)
        except ReportSearchError as exc:
            self._error(self.tr("Cannot read %1: %2").replace("%1", path.name)
                        .replace("%2", str(exc)))
            return False
        return True

    # ------------------------------------------------------------ checking

    def check_now(self) -> None:
        text = self.draft.toPlainText()
        if not text.strip():
            self.summary.setText(self.tr("Paste or open a draft first."))
            return
        self._next_id += 1
        self.request = CheckRequest(self._next_id, text)
        self.progress.setRange(0, 0)
        self._set_busy(True)
        self.summary.setText(self.tr("Checking…"))
        self.check_requested.emit(self.request)

    def cancel(self) -> None:
        """Stop the running check (the checker sees a newer request number)."""
        self._next_id += 1
        self.request = None
        self._set_busy(False)
        self.summary.setText(self.tr("Check cancelled."))

    @property
    def latest(self) -> int:
        """The newest request number: a check with another one is stale."""
        return self.request.id if self.request else self._next_id

    def show_progress(self, request: CheckRequest, done: int, total: int) -> None:
        if request is self.request:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(progress_format(f"{done}/{total}"))

    def show_result(self, request: CheckRequest, result: DraftCheck) -> None:
        if request is not self.request:
            return
        self.request = None
        self.result = result
        self._set_busy(False)
        self.statements.set_result(result)
        self.summary.setText(self.summary_text(result))
        if result.statements:
            self.table.selectRow(0)
        else:
            self.show_row(-1)

    def show_error(self, request: CheckRequest, message: str) -> None:
        if request is not self.request:
            return
        self.request = None
        self._set_busy(False)
        self.summary.setText(message or self.tr("The check failed; the details are in the log."))

    def summary_text(self, result: DraftCheck) -> str:
        s = result.summary
        return (self.tr("Checked %1 statements: %2 supported, %3 with a differing figure, "
                        "%4 without a source.")
                .replace("%1", str(s.checked)).replace("%2", str(s.supported))
                .replace("%3", str(s.differs)).replace("%4", str(s.unsupported)))

    def _set_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        done = self.result is not None and not busy
        self.csv_button.setEnabled(done)
        self.html_button.setEnabled(done)

    # ------------------------------------------------------------ one statement

    def current(self) -> StatementCheck | None:
        index = self.table.currentIndex()
        return self.statements.statement(index.row()) if index.isValid() else None

    def current_source(self) -> Source | None:
        statement = self.current()
        row = self.sources.currentIndex()
        if statement is None or not 0 <= row < len(statement.sources):
            return None
        return statement.sources[row]

    def show_row(self, row: int) -> None:
        statement = self.statements.statement(row)
        self.sources.blockSignals(True)
        self.sources.clear()
        if statement is not None:
            for source in statement.sources:
                self.sources.addItem(shorten(f"{source.year or ''} {source.institution} · "
                                             f"{source.title}", 80))
            self.sources.setCurrentIndex(0 if statement.sources else -1)
        self.sources.blockSignals(False)
        self._show_source()

    def _show_source(self) -> None:
        statement, source = self.current(), self.current_source()
        checks = source.checks if source else ()
        if statement is None:
            self.statement_view.clear()
        else:
            spans = [(c.item.start, c.item.end, c.verdict) for c in checks] or [
                (i.start, i.end, "not_found") for i in statement.items]
            _show_marked(self.statement_view, statement.statement.text, spans)
        if source is None:
            self.source_view.setPlainText("" if statement is None else self.tr(
                "No paragraph in the library says this."))
            self.source_view.setExtraSelections([])
            self.where.setText("")
        else:
            _show_marked(self.source_view, source.text,
                         [(c.start, c.end, c.verdict) for c in checks if c.start >= 0])
            self.where.setText(self.tr("%1 · %2 · %3 · paragraph %4 (%5)")
                               .replace("%1", shorten(source.title, 80))
                               .replace("%2", source.institution)
                               .replace("%3", str(source.year or self.tr("year unknown")))
                               .replace("%4", str(source.paragraph))
                               .replace("%5", source.report))
        if statement is not None and source is None:  # what was looked for, not found
            checks = tuple(ItemCheck(i, NOT_FOUND) for i in statement.items)
        self.items.set_checks(checks)
        self.open_report_button.setEnabled(source is not None)
        self.copy_button.setEnabled(source is not None)

    def open_source(self) -> None:
        source = self.current_source()
        if source is not None:
            self.report_wanted.emit(source.path, source.paragraph)

    def copy_citation(self) -> None:
        source = self.current_source()
        if source is not None:
            text = source_citation(source)
            QGuiApplication.clipboard().setText(text)
            self.citation_copied.emit(text)

    # ------------------------------------------------------------ export

    def _export(self, kind: str) -> None:
        if self.result is None:
            return
        name, pattern = (("check.csv", self.tr("CSV files (*.csv)")) if kind == "csv"
                         else ("check.html", self.tr("Web pages (*.html)")))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the check"), name, pattern)
        if path:
            self.export(Path(path), kind)

    def export(self, path: Path, kind: str) -> bool:
        """Write the shown check as CSV or as a printable page."""
        try:
            if kind == "csv":
                write_csv(path, self.result)
            else:
                write_html(path, self.result, self.tr("Draft check"))
        except OSError as exc:
            self._error(self.tr("Cannot write %1: %2").replace("%1", str(path))
                        .replace("%2", exc.strerror or str(exc)))
            return False
        self.summary.setText(self.summary_text(self.result) + " " + self.tr(
            "Written to %1.").replace("%1", str(path)))
        return True

    def attach(self, window) -> None:
        """Check on ``window``'s current library: a checker beside its reader, in its
        reader thread (again after the window switched libraries; the old one goes with
        its thread)."""
        old = getattr(self, "checker", None)
        if old is not None:
            self.run_check.disconnect(old.run)
            old.latest = -1  # a check still running there is dropped
            self._retired = old  # deleted with the page, not while its thread winds down
        self.checker = Checker(window.reading)
        self.checker.moveToThread(window.reader_thread)
        self.run_check.connect(self.checker.run)
        self.checker.progress.connect(self.show_progress)
        self.checker.checked.connect(self.show_result)
        self.checker.failed.connect(self.show_error)

    def _error(self, message: str) -> None:
        if self.isVisible():
            message_box(self, QMessageBox.Icon.Warning, self.tr("Check a draft"), message)
        self.summary.setText(message)


def _show_marked(view: QPlainTextEdit, text: str, spans: list[tuple[int, int, str]]) -> None:
    """``text`` as plain text, each span on its verdict's colour."""
    view.setPlainText(text)
    selections = []
    for start, end, verdict in spans:
        if start < 0:
            continue
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(view.document())
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QColor(MARK_COLOURS[verdict]))
        selections.append(selection)
    view.setExtraSelections(selections)


def _utf16(text: str, index: int) -> int:
    """A Python index in ``text`` as a Qt position (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def install(window) -> CheckPage:
    """Add the page to ``window`` (a ``main_window.MainWindow``): its tab, its checker in
    the reader thread, opening a report and copying a citation as the window does."""
    page = CheckPage(window)
    window.tabs.addTab(page, page.tr("Check a draft"))

    def requested(request: CheckRequest) -> None:
        page.checker.latest = request.id
        window._read(page.run_check, request)  # held until the library is open

    page.check_requested.connect(requested)
    page.cancel_button.clicked.connect(lambda: setattr(page.checker, "latest", page.latest))
    page.report_wanted.connect(window.open_report)
    page.citation_copied.connect(window._citation_copied)
    page.attach(window)
    return page
