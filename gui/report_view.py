"""Reading a report: its header, hit navigation, the citation and similar paragraphs
around the document (``report_document``).

Everything in the header came from the report, its file or a manifest: it is shown
as plain text, never interpreted as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.model import Hit

from .plain import ElidedLabel, plain_label, plain_tooltip, shorten
from .report_document import ReportDocument
from .workers import ReportLoad


class ReportPane(QWidget):
    """A report with its header, hit navigation, citation and similar paragraphs."""

    hit_requested = Signal(object)  # a Hit from the similar list, to open
    compare_requested = Signal(str)  # report path
    citation_copied = Signal(str)
    title_changed = Signal()  # a new report's title is shown (its height may change)

    def __init__(self, parent=None, with_similar: bool = True):
        super().__init__(parent)
        self.title = plain_label(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = plain_label(self)
        self.meta.setStyleSheet("color:#616161")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = ElidedLabel(self)  # cut at its end when the toolbar is narrow
        self.where.setStyleSheet("color:#616161")
        # A long name must not widen the window.
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.document = ReportDocument(self)
        self.previous = QToolButton(self)
        self.previous.setText(self.tr("◀ Previous"))
        self.previous.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next = QToolButton(self)
        self.next.setText(self.tr("Next ▶"))
        self.next.setToolTip(self.tr("Next match (F3)"))
        self.counter = plain_label(self)
        self.copy = QToolButton(self)
        self.copy.setText(self.tr("Copy citation"))
        self.copy.setToolTip(self.tr("Copy the current paragraph with its source (Ctrl+Shift+C)"))
        self.compare = QToolButton(self)
        self.compare.setText(self.tr("Compare with…"))

        bar = QHBoxLayout()
        for widget in (self.previous, self.next, self.counter):
            bar.addWidget(widget)
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.where, 1)  # takes the room between the buttons, never more
        bar.addWidget(self.copy)
        bar.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(bar)
        self.similar: QListWidget | None = None
        if with_similar:
            self.similar = QListWidget(self)
            self.similar.setWordWrap(True)
            self.similar.setAlternatingRowColors(True)
            self.similar.setSpacing(2)
            self.similar.itemActivated.connect(self._open_similar)
            self.similar_label = QLabel(self.tr("Similar paragraphs in other reports"), self)
            lower = QWidget(self)
            column = QVBoxLayout(lower)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.similar_label)
            column.addWidget(self.similar)
            splitter = QSplitter(Qt.Orientation.Vertical, self)
            splitter.addWidget(self.document)
            splitter.addWidget(lower)
            splitter.setSizes([520, 140])
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.document, 1)

        self.previous.clicked.connect(self.document.previous_hit)
        self.next.clicked.connect(self.document.next_hit)
        self.copy.clicked.connect(self.copy_citation)
        self.compare.clicked.connect(self._compare)
        self.document.hits_changed.connect(self._on_hits)
        self.document.paragraph_selected.connect(self._on_paragraph)
        self._on_hits(0, 0)

    def load(self, load: ReportLoad, ordinal: int | None = None) -> None:
        """Show a report (read and marked by the reader thread), at ``ordinal``."""
        r = load.view.record
        self.title.setText(shorten(r.title, 120))
        self.title_changed.emit()
        self.title.setToolTip(plain_tooltip(r.title) if len(r.title) > 120 else "")
        self.meta.setText(" · ".join(shorten(str(x), 120) for x in (
            r.institution or self.tr("(unknown institution)"),
            r.year or self.tr("(unknown year)"), r.name) if x))
        self.meta.setToolTip(plain_tooltip(r.path))
        self.where.setText("")
        self.document.load(load.view, load.marks, ordinal, load.needles, load.partial)
        if ordinal is not None:
            self.document.go_to(ordinal)
        if self.similar is not None:
            self.similar.clear()

    def _on_hits(self, current: int, total: int) -> None:
        if self.document.counting:
            self.counter.setText(self.tr("counting matches…"))
        elif total == 0:
            self.counter.setText(self.tr("no matches"))
        elif current == 0:
            self.counter.setText(self.tr("%1 matches").replace("%1", str(total)))
        else:
            self.counter.setText(self.tr("match %1 of %2").replace("%1", str(current))
                                 .replace("%2", str(total)))
        self.previous.setEnabled(total > 0)
        self.next.setEnabled(total > 0)

    def _on_paragraph(self, ordinal: int) -> None:
        p = self.document.paragraph(ordinal)
        section = f" · {shorten(p.section, 80)}" if p and p.section else ""
        self.where.setText(self.tr("Paragraph %1").replace("%1", str(ordinal)) + section)

    def copy_citation(self) -> None:
        text = self.document.citation()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.citation_copied.emit(text)

    def _compare(self) -> None:
        if self.document.view is not None:
            self.compare_requested.emit(self.document.view.record.path)

    def show_similar(self, hits: list[Hit]) -> None:
        if self.similar is None:
            return
        self.similar.clear()
        for hit in hits:
            text = hit.text if len(hit.text) <= 120 else hit.text[:120] + "…"
            where = self.tr("paragraph %1").replace("%1", str(hit.paragraph))
            item = QListWidgetItem(f"{shorten(hit.institution, 40)} · {hit.year or ''} · "
                                   f"{shorten(hit.title, 30)} · "
                                   f"{where}\n{text}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.similar.addItem(item)
        if not hits:
            self.similar.addItem(self.tr("No similar paragraphs in other reports."))

    def _open_similar(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.hit_requested.emit(hit)
