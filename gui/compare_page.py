"""Two reports side by side.

Each side marks the current query and walks its own matches; with "sync" on, F3
walks both. Selecting a paragraph on one side tints the most related paragraphs
of the other side and scrolls it to the best one, so a reporter sees at once what
the 2025 and the 2026 report (or two institutions) say about the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from index.model import ReportRecord

from .models import ReportChoices
from .report_view import ReportPane

RELATED_LIMIT = 3


class ComparePage(QWidget):
    load_requested = Signal(int, str)  # side (0 left, 1 right), report path
    related_requested = Signal(int, str, int, str)  # from side, report, ordinal, other report

    def __init__(self, parent=None):
        super().__init__(parent)
        self.choices = ReportChoices(self)  # one list for both sides
        self.pickers = [QComboBox(self), QComboBox(self)]
        for picker in self.pickers:  # long titles must not widen the window
            picker.setModel(self.choices)
            picker.view().setUniformItemSizes(True)
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(16)
        self.panes = [ReportPane(self, with_similar=False), ReportPane(self, with_similar=False)]
        self.sync = QCheckBox(self.tr("Sync: F3 walks both sides"), self)
        self.hint = QLabel(self.tr("Click a paragraph on one side to see the related "
                                   "paragraphs on the other."), self)
        self.hint.setStyleSheet("color:#616161")
        top = QHBoxLayout()
        top.addWidget(self.pickers[0], 1)
        top.addWidget(self.sync)
        top.addWidget(self.pickers[1], 1)
        splitter = QSplitter(self)
        for pane in self.panes:
            pane.compare.hide()
            pane.title.installEventFilter(self)  # a title that wraps: see align_headers
            pane.title_changed.connect(self.align_headers)
            splitter.addWidget(pane)
        splitter.splitterMoved.connect(lambda _pos, _index: self.align_headers())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        self._updating = False
        for side in (0, 1):
            self.pickers[side].currentIndexChanged.connect(
                lambda _i, s=side: self._picked(s))
            self.panes[side].document.paragraph_selected.connect(
                lambda ordinal, s=side: self._selected(s, ordinal))
            self.panes[side].next.clicked.connect(lambda _c=False, s=side: self._synced(s, +1))
            self.panes[side].previous.clicked.connect(lambda _c=False, s=side: self._synced(s, -1))

    def align_headers(self) -> None:
        """Both titles take the height of the taller one, so the two toolbars below them
        stay on one line when a title wraps on one side only."""
        heights = [p.title.heightForWidth(max(p.title.width(), 1)) for p in self.panes]
        tallest = max(max(heights), self.panes[0].title.fontMetrics().height())
        for pane in self.panes:
            if pane.title.minimumHeight() != tallest:
                pane.title.setFixedHeight(tallest)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange) or (
                event.type() == QEvent.Type.Polish):
            self.align_headers()
        return super().eventFilter(watched, event)

    def set_reports(self, records: list[ReportRecord]) -> None:
        self._updating = True
        current = [self.report_path(side) for side in (0, 1)]
        self.choices.set_records(records)
        for picker, path in zip(self.pickers, current, strict=True):
            picker.setCurrentIndex(self.choices.row_of(path) if path else -1)
        self._updating = False

    def choose(self, side: int, path: str) -> None:
        """Put a report on one side (emits load_requested through the picker)."""
        row = self.choices.row_of(path)
        if row >= 0:
            if self.pickers[side].currentIndex() == row:
                self._picked(side)
            else:
                self.pickers[side].setCurrentIndex(row)

    def report_path(self, side: int) -> str | None:
        return self.choices.path(self.pickers[side].currentIndex())

    def _picked(self, side: int) -> None:
        path = self.report_path(side)
        if path and not self._updating:
            self.load_requested.emit(side, path)

    def _selected(self, side: int, ordinal: int) -> None:
        other = 1 - side
        here, there = self.report_path(side), self.report_path(other)
        if here and there and self.panes[other].document.view is not None:
            self.related_requested.emit(side, here, ordinal, there)

    def show_related(self, side: int, ordinals: list[int]) -> None:
        """Tint ``ordinals`` on ``side`` and scroll to the first (the most related)."""
        document = self.panes[side].document
        document.mark_related(ordinals[:RELATED_LIMIT])
        if ordinals:
            document.scroll_to(ordinals[0])

    def _synced(self, side: int, direction: int) -> None:
        if self.sync.isChecked():
            other = self.panes[1 - side].document
            other.next_hit() if direction > 0 else other.previous_hit()

    def next_hit(self, direction: int = +1) -> None:
        """F3 on this page: the focused side, or both in sync mode."""
        focused = 1 if self.panes[1].document.hasFocus() else 0
        document = self.panes[focused].document
        document.next_hit() if direction > 0 else document.previous_hit()
        self._synced(focused, direction)
