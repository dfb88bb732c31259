"""The library: every report with its metadata (editable), the places a report was
found in more than once, and adding reports with a progress bar, a cancel button, a
summary and the list of files skipped with why.

The filter box filters as you type, after a short pause (a single-shot timer restarted
on every key), in the model itself: 100,000 reports take milliseconds."""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from index.model import Skipped

from .engine_text import say
from .models import ReportsModel
from .plain import plain_label, plain_tooltip, progress_format

FILTER_DELAY_MS = 150


class SortArrowStyle(QProxyStyle):
    """Header arrows that point the way the column is read: down for newest or largest
    first (descending), up for ascending. Qt hands the style SortUp for a descending
    column (an old convention), which Fusion draws pointing up; this swaps the two."""

    def __init__(self, base=None):
        super().__init__(base)
        self.last_drawn = None  # the indicator last drawn (for tests)

    def drawPrimitive(self, element, option, painter, widget=None):
        if (element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
                and isinstance(option, QStyleOptionHeader)):
            option = QStyleOptionHeader(option)
            up, down = (QStyleOptionHeader.SortIndicator.SortUp,
                        QStyleOptionHeader.SortIndicator.SortDown)
            option.sortIndicator = {up: down, down: up}.get(option.sortIndicator,
                                                            option.sortIndicator)
            self.last_drawn = option.sortIndicator
        super().drawPrimitive(element, option, painter, widget)


class PathDelegate(QStyledItemDelegate):
    """A path is cut from the left, so its file name stays visible (titles and
    institutions are cut from the right: their beginning says what they are)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


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
        self.arrow_style = SortArrowStyle(header.style().name())
        header.setStyle(self.arrow_style)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 60), (3, 80), (4, 300)):
            header.resizeSection(column, width)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the title's start stays
        self.table.setItemDelegateForColumn(ReportsModel.PATH, PathDelegate(self.table))
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
        self.write_buttons = (add_files, add_folder, rescan)
        for button in self.write_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        self.hint = hint = QLabel(self._edit_hint(), self)
        hint.setStyleSheet("color:#616161")
        self.skipped_label = QLabel(self)
        self.skipped = QTreeWidget(self)
        self.skipped.setColumnCount(2)
        self.skipped.setRootIsDecorated(False)
        self.skipped.setHeaderLabels([self.tr("File not indexed"), self.tr("Why")])
        self.skipped.setTextElideMode(Qt.TextElideMode.ElideLeft)
        # The reason whole, the path in the rest of the width (its file name last, kept).
        skipped_header = self.skipped.header()
        skipped_header.setStretchLastSection(False)
        skipped_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        skipped_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.skipped.setMaximumHeight(self.fontMetrics().height() * 8)
        self.skipped_label.hide()
        self.skipped.hide()
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
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped)

        add_files.clicked.connect(self.add_files_requested)
        add_folder.clicked.connect(self.add_folder_requested)
        rescan.clicked.connect(self.rescan_requested)
        self.cancel.clicked.connect(self.cancel_requested)
        self.open_button.clicked.connect(self._open)
        self.compare_button.clicked.connect(self._compare)
        self.table.activated.connect(lambda _i: self._open())

    def _edit_hint(self) -> str:
        return self.tr("Double-click an institution, year or title to correct it; "
                       "the correction is kept when the report is read again.")

    def set_writable(self, writable: bool, why: str = "") -> None:
        """Adding, re-scanning and correcting on or off; ``why`` they are off, shown as
        the buttons' tooltip and in place of the hint on correcting."""
        for button in self.write_buttons:
            button.setEnabled(writable)
            button.setToolTip("" if writable else why)
        self.write_buttons[2].setToolTip(
            self.tr("Read new and changed files again; drop deleted ones") if writable else why)
        self.model.editable = writable
        self.hint.setText(self._edit_hint() if writable else why)

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

    def show_skipped(self, skipped: list[Skipped]) -> None:
        """The files the imports skipped, each with its reason (hidden when none)."""
        self.skipped.clear()
        for item in skipped:
            reason = say(item)
            row = QTreeWidgetItem([item.path, reason])
            row.setToolTip(0, plain_tooltip(item.path))
            row.setToolTip(1, plain_tooltip(reason))
            self.skipped.addTopLevelItem(row)
        self.skipped_label.setText(self.tr("Files not indexed: %1").replace("%1", str(len(skipped))))
        self.skipped_label.setVisible(bool(skipped))
        self.skipped.setVisible(bool(skipped))

    def show_progress(self, done: int, total: int, path: str) -> None:
        self.progress.show()
        self.cancel.show()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        name = PurePath(path).name if path else ""
        self.progress.setFormat("%v/%m  " + progress_format(name))

    def finish_progress(self) -> None:
        self.progress.hide()
        self.cancel.hide()
