"""How a report's paragraphs are written into a ``QTextDocument``: each kind in its
format (title, heading, caption, byline…), runs of table rows as one table, matches on
the mark colour, and every block tagged with its paragraph's ordinal
(``QTextBlock.userState``). Plain text through ``QTextCursor``: a report is never
interpreted as markup. ``report_document`` decides which paragraphs are laid out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextTableFormat,
)

from index.model import Kind, Paragraph

from .marks import Spans

MARK = QColor("#ffd54f")


def write_paragraphs(cursor: QTextCursor, paragraphs: Sequence[Paragraph], first: bool,
                     base: float, marks_of: Callable[[Paragraph], Spans]
                     ) -> dict[int, tuple[int, int]]:
    """Write ``paragraphs`` at ``cursor`` (``first``: into the current empty block);
    returns each ordinal's (start, end) position in the document."""
    positions: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        if p.kind is Kind.TABLE:
            rows = []
            while i < len(paragraphs) and paragraphs[i].kind is Kind.TABLE:
                rows.append(paragraphs[i])
                i += 1
            positions.update(_write_table(cursor, rows, first, base, marks_of))
            first = False
            continue
        if not first:
            cursor.insertBlock()
        first = False
        block_format, char_format = _formats(p.kind, base)
        cursor.setBlockFormat(block_format)
        start = cursor.position()
        _insert_marked(cursor, p.text, marks_of(p), char_format)
        cursor.block().setUserState(p.ordinal)
        positions[p.ordinal] = (start, cursor.position())
        i += 1
    return positions


def _write_table(cursor: QTextCursor, rows: list[Paragraph], first: bool, base: float,
                 marks_of: Callable[[Paragraph], Spans]) -> dict[int, tuple[int, int]]:
    positions: dict[int, tuple[int, int]] = {}
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
        spans = marks_of(row)
        offset = 0
        for c in range(columns):
            text = values[c] if c < len(values) else ""
            cell_cursor = table.cellAt(r, c).firstCursorPosition()
            char = QTextCharFormat()
            char.setFontPointSize(base * 0.92)
            if r == 0:
                char.setFontWeight(QFont.Weight.Bold)
            # The row's spans are offsets in the tab-joined row; each lies in one cell.
            local = tuple((s - offset, e - offset) for s, e in spans
                          if s >= offset and e <= offset + len(text))
            _insert_marked(cell_cursor, text, local, char)
            cell_cursor.block().setUserState(row.ordinal)
            offset += len(text) + 1
        end = table.cellAt(r, columns - 1).lastCursorPosition().position()
        positions[row.ordinal] = (start, end)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return positions


def _insert_marked(cursor: QTextCursor, text: str, spans: Spans,
                   char_format: QTextCharFormat) -> None:
    """Insert ``text`` as plain text, the ``spans`` on the mark colour."""
    marked = QTextCharFormat(char_format)
    marked.setBackground(MARK)
    last = 0
    for start, end in spans:
        if start > last:
            cursor.insertText(text[last:start], char_format)
        cursor.insertText(text[max(start, last):end], marked)
        last = max(last, end)
    if last < len(text) or not text:
        cursor.insertText(text[last:], char_format)


def _formats(kind: Kind, base: float) -> tuple[QTextBlockFormat, QTextCharFormat]:
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
