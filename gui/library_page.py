"""The library: every report with its metadata (editable), and adding reports with a
progress bar, a cancel button and a summary of what was skipped and why.

The filter box filters as you type, after a short pause (a single-shot timer restarted
on every key), in the model itself: 100,000 reports take milliseconds."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .models import ReportsModel
from .plain import plain_label, progress_format

FILTER_DELAY_MS = 150


class LibraryPage(QWidget):
    add_files_requested = Signal()
    add_folder_requested = Signal()
    rescan_requested = Signal()
    cancel_requested = Signal()
    report_opened = Signal(str)  # path
    compare_requested = Signal(str, str)  # two paths

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ReportsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 60), (3, 80), (4, 300)):
            header.resizeSection(column, width)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)  # keep the file name visible
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter the list (title, institution, year, file)"))
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.summary = plain_label(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.hide()
        buttons = QHBoxLayout()
        add_files = QPushButton(self.tr("Add files…"), self)
        add_folder = QPushButton(self.tr("Add folder…"), self)
        rescan = QPushButton(self.tr("Re-scan"), self)
        rescan.setToolTip(self.tr("Read new and changed files again; drop deleted ones"))
        self.open_button = QPushButton(self.tr("Open"), self)
        self.compare_button = QPushButton(self.tr("Compare the two selected"), self)
        for button in (add_files, add_folder, rescan):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        hint = QLabel(self.tr("Double-click an institution, year or title to correct it; "
                              "the correction is kept when the report is read again."), self)
        hint.setStyleSheet("color:#616161")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)

        add_files.clicked.connect(self.add_files_requested)
        add_folder.clicked.connect(self.add_folder_requested)
        rescan.clicked.connect(self.rescan_requested)
        self.cancel.clicked.connect(self.cancel_requested)
        self.open_button.clicked.connect(self._open)
        self.compare_button.clicked.connect(self._compare)
        self.table.activated.connect(lambda _i: self._open())

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter.text())

    def selected_paths(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.record(r).path for r in rows]

    def _open(self) -> None:
        paths = self.selected_paths()
        if paths:
            self.report_opened.emit(paths[0])

    def _compare(self) -> None:
        paths = self.selected_paths()
        if len(paths) >= 2:
            self.compare_requested.emit(paths[0], paths[1])
        else:
            self.summary.setText(self.tr("Select two reports (Ctrl+click) to compare them."))

    def show_progress(self, done: int, total: int, path: str) -> None:
        self.progress.show()
        self.cancel.show()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
        self.progress.setFormat("%v/%m  " + progress_format(name))

    def finish_progress(self) -> None:
        self.progress.hide()
        self.cancel.hide()
