"""Reading a report: its structure set as a document, every match marked, hit by hit.

The document is built with ``QTextCursor`` rather than HTML so that every block
knows the paragraph it belongs to (``QTextBlock.userState`` holds the ordinal);
that is how a click selects a paragraph, how F3 walks from hit to hit, and how a
related paragraph on the other side of a comparison is scrolled to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.export import citation
from index.model import Kind, Paragraph
from index.search import Hit, ReportView

MARK = QColor("#ffd54f")
CURRENT = QColor("#e3f2fd")
RELATED = QColor("#e8f5e9")
Highlighter = Callable[[str], tuple[tuple[int, int], ...]]


class ReportDocument(QTextBrowser):
    """A whole report, structured, with its matches marked."""

    paragraph_selected = Signal(int)  # ordinal
    hits_changed = Signal(int, int)  # current hit (1-based, 0 = none), number of hits

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.view: ReportView | None = None
        self._positions: dict[int, tuple[int, int]] = {}  # ordinal -> (start, end)
        self._hits: list[int] = []  # ordinals that contain a match
        self._hit = -1
        self._current = 0
        self._related: list[int] = []
        self._tinted: dict[int, QColor] = {}
        self._loading = False
        self.cursorPositionChanged.connect(self._on_cursor)

    # ------------------------------------------------------------ building

    def load(self, view: ReportView, highlight: Highlighter | None = None) -> None:
        self.view = view
        self._positions.clear()
        self._related = []
        self._tinted = {}
        self.clear()
        document = self.document()
        document.setDocumentMargin(18)
        cursor = QTextCursor(document)
        base = self.font().pointSizeF() or 10.0
        paragraphs = list(view.paragraphs)
        i = 0
        first = True
        while i < len(paragraphs):
            p = paragraphs[i]
            if p.kind is Kind.TABLE:
                rows = []
                while i < len(paragraphs) and paragraphs[i].kind is Kind.TABLE:
                    rows.append(paragraphs[i])
                    i += 1
                self._insert_table(cursor, rows, first, base)
                first = False
                continue
            if not first:
                cursor.insertBlock()
            first = False
            block_format, char_format = self._formats(p.kind, base)
            cursor.setBlockFormat(block_format)
            cursor.setCharFormat(char_format)
            start = cursor.position()
            cursor.insertText(p.text)
            cursor.block().setUserState(p.ordinal)
            self._positions[p.ordinal] = (start, cursor.position())
            i += 1
        self._mark(highlight)
        self._hit = -1
        self._current = 0
        self._loading = True  # the cursor's move to the top is not the reader's choice
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._loading = False
        self._refresh_selections()
        self.hits_changed.emit(0, len(self._hits))

    def _formats(self, kind: Kind, base: float) -> tuple[QTextBlockFormat, QTextCharFormat]:
        block = QTextBlockFormat()
        char = QTextCharFormat()
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(8)
        grey = QColor("#757575")
        if kind is Kind.TITLE:
            block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            char.setFontPointSize(base * 1.5)
            char.setFontWeight(QFont.Weight.Bold)
        elif kind is Kind.HEADING:
            block.setTopMargin(14)
            char.setFontPointSize(base * 1.2)
            char.setFontWeight(QFont.Weight.Bold)
            char.setForeground(QColor("#0d47a1"))
        elif kind is Kind.CAPTION:
            block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            char.setFontItalic(True)
            char.setForeground(QColor("#5d4037"))
            char.setFontPointSize(base * 0.92)
        elif kind is Kind.BYLINE:
            block.setAlignment(Qt.AlignmentFlag.AlignRight)
            char.setForeground(grey)
            char.setFontPointSize(base * 0.88)
        elif kind in (Kind.MASTHEAD, Kind.FURNITURE):
            block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            block.setBottomMargin(2)
            char.setForeground(QColor("#9e9e9e"))
            char.setFontPointSize(base * 0.85)
        else:
            block.setTextIndent(base * 2)
        return block, char

    def _insert_table(self, cursor: QTextCursor, rows: list[Paragraph], first: bool,
                      base: float) -> None:
        if not first:
            cursor.insertBlock()
        cells = [row.text.split("\t") for row in rows]
        columns = max(len(c) for c in cells)
        table_format = QTextTableFormat()
        table_format.setCellPadding(4)
        table_format.setCellSpacing(0)
        table_format.setBorder(0.5)
        table_format.setHeaderRowCount(1)
        table = cursor.insertTable(len(rows), columns, table_format)
        for r, (row, values) in enumerate(zip(rows, cells, strict=True)):
            start = table.cellAt(r, 0).firstCursorPosition().position()
            for c in range(columns):
                cell_cursor = table.cellAt(r, c).firstCursorPosition()
                char = QTextCharFormat()
                char.setFontPointSize(base * 0.92)
                if r == 0:
                    char.setFontWeight(QFont.Weight.Bold)
                cell_cursor.insertText(values[c] if c < len(values) else "", char)
                cell_cursor.block().setUserState(row.ordinal)
            end = table.cellAt(r, columns - 1).lastCursorPosition().position()
            self._positions[row.ordinal] = (start, end)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    def _mark(self, highlight: Highlighter | None) -> None:
        """Mark matches; for table rows the spans are found per cell."""
        self._hits = []
        if highlight is None or self.view is None:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(MARK))
        document = self.document()
        for p in self.view.paragraphs:
            found = False
            if p.kind is Kind.TABLE:
                block = document.findBlock(self._positions[p.ordinal][0])
                while block.isValid() and block.userState() == p.ordinal:
                    for start, end in highlight(block.text()):
                        self._format(block.position() + start, block.position() + end, fmt)
                        found = True
                    block = block.next()
            else:
                start0 = self._positions[p.ordinal][0]
                for start, end in highlight(p.text):
                    self._format(start0 + start, start0 + end, fmt)
                    found = True
            if found:
                self._hits.append(p.ordinal)

    def _format(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    # ------------------------------------------------------------ navigation

    @property
    def hit_ordinals(self) -> list[int]:
        return list(self._hits)

    @property
    def current_ordinal(self) -> int:
        return self._current

    def hit_position(self) -> tuple[int, int]:
        return self._hit + 1, len(self._hits)

    def next_hit(self) -> bool:
        return self._step(+1)

    def previous_hit(self) -> bool:
        return self._step(-1)

    def _step(self, direction: int) -> bool:
        if not self._hits:
            return False
        if self._hit < 0:  # start from the paragraph the reader is at
            after = [i for i, o in enumerate(self._hits) if
                     (o > self._current if direction > 0 else o < self._current)]
            if self._current in self._hits:
                self._hit = self._hits.index(self._current)
                self._hit = (self._hit + direction) % len(self._hits)
            elif after:
                self._hit = after[0] if direction > 0 else after[-1]
            else:
                self._hit = 0 if direction > 0 else len(self._hits) - 1
        else:
            self._hit = (self._hit + direction) % len(self._hits)
        self._go(self._hits[self._hit])
        self.hits_changed.emit(self._hit + 1, len(self._hits))
        return True

    def go_to(self, ordinal: int) -> None:
        """Scroll to a paragraph and make it current (and the current hit, if it is one)."""
        if ordinal not in self._positions:
            return
        self._hit = self._hits.index(ordinal) if ordinal in self._hits else -1
        self._go(ordinal)
        self.hits_changed.emit(self._hit + 1, len(self._hits))

    def _go(self, ordinal: int) -> None:
        start, _end = self._positions[ordinal]
        cursor = self.textCursor()
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        self._set_current(ordinal)
        # Put the paragraph a third of the way down, not at the very edge.
        QTimer.singleShot(0, lambda: self._center(start))

    def scroll_to(self, ordinal: int) -> None:
        """Bring a paragraph into view without making it current."""
        if ordinal in self._positions:
            self._center(self._positions[ordinal][0])

    def _center(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def _on_cursor(self) -> None:
        if self._loading:
            return
        ordinal = self.textCursor().block().userState()
        if ordinal > 0 and ordinal != self._current:
            self._set_current(ordinal)

    def _set_current(self, ordinal: int) -> None:
        self._current = ordinal
        self._refresh_selections()
        self.paragraph_selected.emit(ordinal)

    def mark_related(self, ordinals: list[int]) -> None:
        """Tint paragraphs related to the other side's selection."""
        self._related = [o for o in ordinals if o in self._positions]
        self._refresh_selections()

    def _refresh_selections(self) -> None:
        """Tint the current and the related paragraphs through their block background,
        which (unlike an extra selection) leaves the marked matches visible."""
        wanted = {o: RELATED for o in self._related}
        if self._current:
            wanted[self._current] = CURRENT
        for ordinal in set(self._tinted) | set(wanted):
            colour = wanted.get(ordinal)
            if self._tinted.get(ordinal) != colour and ordinal in self._positions:
                self._tint(ordinal, colour)
        self._tinted = wanted

    def _tint(self, ordinal: int, colour: QColor | None) -> None:
        start, end = self._positions[ordinal]
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            fmt = block.blockFormat()
            if colour is None:
                fmt.clearBackground()
            else:
                fmt.setBackground(colour)
            cursor = QTextCursor(block)
            cursor.setBlockFormat(fmt)
            block = block.next()

    def paragraph(self, ordinal: int) -> Paragraph | None:
        if self.view is None:
            return None
        return next((p for p in self.view.paragraphs if p.ordinal == ordinal), None)

    def citation(self) -> str | None:
        """The current paragraph with its source, for the clipboard."""
        p = self.paragraph(self._current)
        if p is None or self.view is None:
            return None
        r = self.view.record
        return citation(p.text.replace("\t", "  "), r.institution, r.title, r.year,
                        p.ordinal, r.name)


class ReportPane(QWidget):
    """A report with its header, hit navigation, citation and similar paragraphs."""

    hit_requested = Signal(object)  # a Hit from the similar list, to open
    compare_requested = Signal(str)  # report path
    citation_copied = Signal(str)

    def __init__(self, parent=None, with_similar: bool = True):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(self)
        self.meta.setStyleSheet("color:#616161")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = QLabel(self)
        self.where.setStyleSheet("color:#616161")
        self.document = ReportDocument(self)
        self.previous = QToolButton(self)
        self.previous.setText(self.tr("◀ Previous"))
        self.previous.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next = QToolButton(self)
        self.next.setText(self.tr("Next ▶"))
        self.next.setToolTip(self.tr("Next match (F3)"))
        self.counter = QLabel(self)
        self.copy = QToolButton(self)
        self.copy.setText(self.tr("Copy citation"))
        self.copy.setToolTip(self.tr("Copy the current paragraph with its source (Ctrl+Shift+C)"))
        self.compare = QToolButton(self)
        self.compare.setText(self.tr("Compare with…"))

        bar = QHBoxLayout()
        for widget in (self.previous, self.next, self.counter):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.where)
        bar.addStretch(1)
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

    def load(self, view: ReportView, highlight: Highlighter | None) -> None:
        r = view.record
        self.title.setText(r.title)
        self.meta.setText(" · ".join(str(x) for x in (
            r.institution or self.tr("(unknown institution)"),
            r.year or self.tr("(unknown year)"), r.name) if x))
        self.meta.setToolTip(r.path)
        self.document.load(view, highlight)
        if self.similar is not None:
            self.similar.clear()

    def _on_hits(self, current: int, total: int) -> None:
        if total == 0:
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
        section = f" · {p.section}" if p and p.section else ""
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
            item = QListWidgetItem(f"{hit.institution} · {hit.year or ''} · {hit.title[:30]} · "
                                   f"{where}\n{text}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.similar.addItem(item)
        if not hits:
            self.similar.addItem(self.tr("No similar paragraphs in other reports."))

    def _open_similar(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.hit_requested.emit(hit)
