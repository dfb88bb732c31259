"""A report set as a document, every match marked, rendered a window at a time.

The document is built with ``QTextCursor`` rather than HTML, so report text is never
interpreted as markup, and every block knows the paragraph it belongs to
(``QTextBlock.userState`` holds the ordinal): that is how a click selects a
paragraph, how F3 walks from hit to hit, and how a related paragraph on the other
side of a comparison is scrolled to.

Only a window of paragraphs is laid out (a chunk of about ``CHUNK_CHARS`` to begin
with, around the paragraph opened at), so a 50 MB report shows its first screen at
once: scrolling near either end adds the next chunk, and a jump (F3, a related
paragraph) to a paragraph outside the window renders a window around it. The hit
list, the current paragraph and the related paragraphs are kept for the whole
report; their marks and tints are applied to whatever is rendered.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser

from index.export import citation
from index.model import Kind, Paragraph, ReportView

from .marks import Spans, paragraph_marks
from .report_layout import write_paragraphs

log = logging.getLogger(__name__)
CURRENT = QColor("#e3f2fd")
RELATED = QColor("#e8f5e9")
CHUNK_CHARS = 30_000  # text rendered at a time: many screens, laid out in well under 1 s
CHUNK_PARAGRAPHS = 300
WINDOW_CHUNKS = 4  # chunks kept rendered; beyond that the far end is dropped
CONTEXT = 20  # paragraphs rendered above the one a report is opened at
MAX_TABLE_ROWS = 500  # a longer table may be split across two chunks


class ReportDocument(QTextBrowser):
    """A whole report, structured, with its matches marked."""

    paragraph_selected = Signal(int)  # ordinal
    hits_changed = Signal(int, int)  # current hit (1-based, 0 = none), number of hits

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.view: ReportView | None = None
        self._paragraphs: list[Paragraph] = []
        self._where: dict[int, int] = {}  # ordinal -> index in _paragraphs
        self._marks: dict[int, Spans] = {}
        self._needles: tuple[str, ...] = ()
        self.partial = False  # only a screenful of a huge report is here yet
        self.counting = False  # the marks of the whole report are still being worked out
        self._early: dict[int, Spans] = {}  # meanwhile: marks of what was laid out
        self._hits: list[int] = []  # ordinals that contain a match, in reading order
        self._hit = -1
        self._current = 0
        self._related: list[int] = []
        self._lo = self._hi = 0  # the rendered paragraphs: _paragraphs[_lo:_hi]
        self._positions: dict[int, tuple[int, int]] = {}  # rendered ordinal -> (start, end)
        self._tinted: dict[int, QColor] = {}
        self._loading = False
        self.cursorPositionChanged.connect(self._on_cursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)

    def loadResource(self, kind, name):
        """Never load anything a report names (a file, /dev/zero, a URL)."""
        log.warning("refused to load a resource for a report: %s", name.toString()[:200])
        return None

    # ------------------------------------------------------------ loading

    def load(self, view: ReportView, marks: dict[int, Spans] | None = None,
             ordinal: int | None = None, needles: tuple[str, ...] = (),
             partial: bool = False) -> None:
        """Show ``view`` with ``marks`` (ordinal -> spans), starting at ``ordinal``.
        ``marks`` None means they are still being worked out (``set_marks`` brings
        them): meanwhile what is laid out is marked from the ``needles``. A
        ``partial`` view is a screenful of a huge report; ``complete`` brings the rest."""
        self.view = view
        self.partial = partial
        self._paragraphs = list(view.paragraphs)
        self._where = {p.ordinal: i for i, p in enumerate(self._paragraphs)}
        self._needles = needles
        self.counting = marks is None and bool(needles)
        self._early = {}
        self._marks = dict(marks or {})
        self._hits = [p.ordinal for p in self._paragraphs if p.ordinal in self._marks]
        self._hit = -1
        self._current = 0
        self._related = []
        start = max(0, self._where.get(ordinal, 0) - CONTEXT) if ordinal else 0
        self._render(start, self._chunk_end(start))
        self.hits_changed.emit(0, len(self._hits))

    def complete(self, view: ReportView) -> None:
        """The whole report, after a screenful of it was shown: what is laid out stays
        (and where it is), the rest can now be scrolled to."""
        if self.view is None or view.record.path != self.view.record.path:
            return
        first = self._paragraphs[self._lo].ordinal if self._lo < len(self._paragraphs) else None
        self.view = view
        self.partial = False
        self._paragraphs = list(view.paragraphs)
        self._where = {p.ordinal: i for i, p in enumerate(self._paragraphs)}
        if first in self._where:
            count = self._hi - self._lo
            self._lo = self._where[first]
            self._hi = self._lo + count
        else:
            self._render(0, self._chunk_end(0))
        self._hits = [p.ordinal for p in self._paragraphs if p.ordinal in self._marks]
        self._refresh_selections()

    def set_marks(self, marks: dict[int, Spans]) -> None:
        """The marks of the whole report, worked out after it was shown."""
        self.counting = False
        self._early = {}
        self._marks = dict(marks)
        self._hits = [p.ordinal for p in self._paragraphs if p.ordinal in self._marks]
        self._hit = self._hits.index(self._current) if self._current in self._marks else -1
        self.hits_changed.emit(self._hit + 1, len(self._hits))

    def _marks_of(self, p: Paragraph) -> Spans:
        if not self.counting:
            return self._marks.get(p.ordinal, ())
        if p.ordinal not in self._early:  # laid out before set_marks: worked out here
            self._early[p.ordinal] = paragraph_marks(p, self._needles)
        return self._early[p.ordinal]

    @property
    def rendered(self) -> tuple[int, int]:
        """The indices of the first and after the last paragraph laid out."""
        return self._lo, self._hi

    # ------------------------------------------------------------ windows

    def _chunk_end(self, lo: int) -> int:
        n, size, hi = len(self._paragraphs), 0, lo
        while hi < n and size < CHUNK_CHARS and hi - lo < CHUNK_PARAGRAPHS:
            size += len(self._paragraphs[hi].text)
            hi += 1
        return self._table_edge(hi, +1)

    def _chunk_start(self, hi: int) -> int:
        size, lo = 0, hi
        while lo > 0 and size < CHUNK_CHARS and hi - lo < CHUNK_PARAGRAPHS:
            lo -= 1
            size += len(self._paragraphs[lo].text)
        return self._table_edge(lo, -1)

    def _table_edge(self, edge: int, direction: int) -> int:
        """Move a chunk edge out of a table (up to MAX_TABLE_ROWS) so it is not split."""
        n = len(self._paragraphs)

        def inside(i: int) -> bool:
            return (0 < i < n and self._paragraphs[i - 1].kind is Kind.TABLE
                    and self._paragraphs[i].kind is Kind.TABLE)

        moved = edge
        while inside(moved) and abs(moved - edge) < MAX_TABLE_ROWS:
            moved += direction
        return moved if not inside(moved) else edge

    def _render(self, lo: int, hi: int, anchor: tuple[int, int] | None = None) -> None:
        """Lay out ``_paragraphs[lo:hi]`` afresh, keeping ``anchor`` (an ordinal and its
        distance from the top of the view) where it was."""
        self._loading = True  # moving the cursor while building is not the reader's choice
        try:
            self.clear()
            self.document().setDocumentMargin(18)
            self._positions.clear()
            self._tinted = {}
            self._lo = self._hi = lo
            self._insert(QTextCursor(self.document()), lo, hi, first=True)
            self._hi = hi
            self._refresh_selections()
            self.moveCursor(QTextCursor.MoveOperation.Start)
            if anchor is not None:
                self._restore(anchor)
        finally:
            self._loading = False

    def _append(self, hi: int) -> None:
        self._loading = True
        try:
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self._insert(cursor, self._hi, hi, first=self._hi == self._lo)
            self._hi = hi
            self._refresh_selections()
        finally:
            self._loading = False

    def _anchor(self) -> tuple[int, int] | None:
        """The paragraph at the top of the view and its distance from the top."""
        block = self.cursorForPosition(QPoint(4, 4)).block()
        ordinal = block.userState()
        if ordinal not in self._positions:
            return None
        return ordinal, self._top_of(ordinal)

    def _top_of(self, ordinal: int) -> int:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions[ordinal][0])
        return self.cursorRect(cursor).top()

    def _restore(self, anchor: tuple[int, int]) -> None:
        ordinal, top = anchor
        if ordinal in self._positions:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self._top_of(ordinal) - top)

    def _on_scroll(self, value: int) -> None:
        if self._loading or self.view is None:
            return
        bar, page = self.verticalScrollBar(), self.viewport().height()
        if value >= bar.maximum() - page and self._hi < len(self._paragraphs):
            QTimer.singleShot(0, self, self._grow_down)
        elif value <= page // 2 and self._lo > 0:
            QTimer.singleShot(0, self, self._grow_up)

    def _grow_down(self) -> None:
        """Render the next chunk below; drop chunks at the top past WINDOW_CHUNKS."""
        if self._hi >= len(self._paragraphs):
            return
        hi = self._chunk_end(self._hi)
        lo = self._lo
        while self._chars(lo, hi) > WINDOW_CHUNKS * CHUNK_CHARS and lo < self._hi:
            lo = self._chunk_end(lo)
        if lo == self._lo:
            self._append(hi)
        else:
            self._render(lo, hi, self._anchor())

    def _grow_up(self) -> None:
        """Render the chunk above, keeping the view where it is."""
        if self._lo <= 0:
            return
        lo = self._chunk_start(self._lo)
        hi = self._hi
        while self._chars(lo, hi) > WINDOW_CHUNKS * CHUNK_CHARS and hi > self._lo:
            hi = self._chunk_start(hi)
        self._render(lo, hi, self._anchor())

    def _chars(self, lo: int, hi: int) -> int:
        return sum(len(p.text) for p in self._paragraphs[lo:hi])

    def _ensure_rendered(self, ordinal: int) -> bool:
        """Make sure ``ordinal`` is laid out: the next chunk if it is just below the
        window, otherwise a window around it."""
        if ordinal in self._positions:
            return True
        i = self._where.get(ordinal)
        if i is None:
            return False
        if self._hi <= i < self._chunk_end(self._hi):
            self._grow_down()
        if ordinal not in self._positions:
            lo = max(0, i - CONTEXT)
            self._render(lo, max(self._chunk_end(lo), i + 1))
        return ordinal in self._positions

    # ------------------------------------------------------------ building

    def _insert(self, cursor: QTextCursor, lo: int, hi: int, first: bool) -> None:
        cursor.beginEditBlock()  # one layout pass for the whole chunk, not one per block
        try:
            self._insert_paragraphs(cursor, lo, hi, first)
        finally:
            cursor.endEditBlock()

    def _insert_paragraphs(self, cursor: QTextCursor, lo: int, hi: int, first: bool) -> None:
        base = self.font().pointSizeF() or 10.0
        self._positions.update(write_paragraphs(
            cursor, self._paragraphs[lo:hi], first, base, self._marks_of))

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
            here = self._where.get(self._current, -1)
            if self._current in self._marks:
                self._hit = (self._hits.index(self._current) + direction) % len(self._hits)
            else:
                after = [k for k, o in enumerate(self._hits)
                         if (self._where[o] > here if direction > 0 else self._where[o] < here)]
                if after:
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
        if ordinal not in self._where:
            return
        self._hit = self._hits.index(ordinal) if ordinal in self._marks else -1
        self._go(ordinal)
        self.hits_changed.emit(self._hit + 1, len(self._hits))

    def _go(self, ordinal: int) -> None:
        if not self._ensure_rendered(ordinal):
            return
        self._loading = True
        try:
            cursor = self.textCursor()
            cursor.setPosition(self._positions[ordinal][0])
            self.setTextCursor(cursor)
        finally:
            self._loading = False
        self._set_current(ordinal)
        self._center(ordinal)
        # Once more after the layout has settled: a third of the way down, not at the edge.
        QTimer.singleShot(0, self, lambda: self._center(ordinal))

    def scroll_to(self, ordinal: int) -> None:
        """Bring a paragraph into view without making it current."""
        if self._ensure_rendered(ordinal):
            self._center(ordinal)

    def _center(self, ordinal: int) -> None:
        if ordinal not in self._positions:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self._top_of(ordinal) - self.viewport().height() // 3)

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
        self._related = list(ordinals)  # tinted wherever they are laid out
        self._refresh_selections()

    @property
    def related(self) -> list[int]:
        return list(self._related)

    def _refresh_selections(self) -> None:
        """Tint the current and the related paragraphs (those rendered) through their
        block background, which (unlike an extra selection) leaves the marks visible."""
        wanted = {o: RELATED for o in self._related if o in self._positions}
        if self._current in self._positions:
            wanted[self._current] = CURRENT
        for ordinal in set(self._tinted) | set(wanted):
            colour = wanted.get(ordinal)
            if self._tinted.get(ordinal) != colour and ordinal in self._positions:
                self._tint(ordinal, colour)
        self._tinted = wanted

    def tint(self, ordinal: int) -> QColor | None:
        """The background a rendered paragraph has now (None: none)."""
        return self._tinted.get(ordinal)

    def _tint(self, ordinal: int, colour: QColor | None) -> None:
        start, end = self._positions[ordinal]
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            fmt = block.blockFormat()
            if colour is None:
                fmt.clearBackground()
            else:
                fmt.setBackground(colour)
            QTextCursor(block).setBlockFormat(fmt)
            block = block.next()

    def paragraph(self, ordinal: int) -> Paragraph | None:
        i = self._where.get(ordinal)
        return None if i is None else self._paragraphs[i]

    def citation(self) -> str | None:
        """The current paragraph with its source, for the clipboard."""
        p = self.paragraph(self._current)
        if p is None or self.view is None:
            return None
        r = self.view.record
        return citation(p.text.replace("\t", "  "), r.institution, r.title, r.year,
                        p.ordinal, r.name)

