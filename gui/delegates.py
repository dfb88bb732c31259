"""Painting: a hit's snippet with its matches marked, and facet counts with bars."""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from index.highlight import snippet

from .models import HitRole

MARK = "#ffd54f"  # the match
EXACT_COLOUR = QColor("#2e7d32")
LOOSE_COLOUR = QColor("#9e9e9e")
MIN_SNIPPET = 16  # a snippet is never cut shorter than this (or than its first match)


def marked_html(text: str, highlights, mark: str = MARK) -> str:
    """``text`` as HTML with every highlight span on a coloured background."""
    out, last = [], 0
    for start, end in highlights:
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="background:{mark}">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


class SnippetDocument(QTextDocument):
    """The document a snippet is painted with: its HTML is ours (the text escaped), and
    it never loads a resource whatever it is given."""

    def loadResource(self, kind, name):
        return None


def fit_snippet(text: str, highlights, width: float, height: float, font):
    """The snippet of a hit that shows in ``width`` x ``height`` pixels as whole lines
    with its first match whole on them: (document, height of the whole lines shown).
    The window of text is shortened until the first match's line is among the lines
    that fit; the lines below the last whole one are not drawn (no half-cut line)."""
    per_line = max(width / max(QFontMetricsF(font).horizontalAdvance("国"), 1.0), 4.0)
    lines = max(int(height // QFontMetricsF(font).lineSpacing()), 1)
    chars = max(int(per_line * lines) + 8, MIN_SNIPPET)
    while True:
        shown, spans = snippet(text, highlights, chars)
        document = SnippetDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(2)
        document.setHtml(marked_html(shown, spans))
        document.setTextWidth(width)
        visible = _whole_lines_height(document, height)
        match_end = _line_bottom(document, spans[0][1] - 1) if spans else 0.0
        if match_end <= visible or chars <= MIN_SNIPPET:
            return document, visible
        chars = max(int(chars * 0.75), MIN_SNIPPET)


def _lines(document: QTextDocument):
    """(top, bottom) of every laid-out line of ``document``."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            yield top + line.y(), top + line.y() + line.height()
        block = block.next()


def _whole_lines_height(document: QTextDocument, height: float) -> float:
    """The bottom of the last line that fits wholly in ``height``."""
    bottoms = [bottom for _top, bottom in _lines(document) if bottom <= height]
    return max(bottoms, default=height)


def _line_bottom(document: QTextDocument, position: int) -> float:
    """The bottom of the line holding character ``position``."""
    block = document.findBlock(max(position, 0))
    if not block.isValid():
        return 0.0
    line = block.layout().lineForTextPosition(max(position, 0) - block.position())
    if not line.isValid():
        return 0.0
    top = document.documentLayout().blockBoundingRect(block).top()
    return top + line.y() + line.height()


class HitDelegate(QStyledItemDelegate):
    """The paragraph column: a marked snippet, and a bar at the left edge that is green
    for exact matches and grey for all-words matches."""

    def paint(self, painter, option, index):
        hit = index.data(HitRole)
        if hit is None:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document, visible = fit_snippet(hit.text, hit.highlights, option.rect.width() - 10,
                                        option.rect.height(), option.font)
        painter.save()
        bar = EXACT_COLOUR if hit.match == "exact" else LOOSE_COLOUR
        painter.fillRect(option.rect.x(), option.rect.y() + 2, 4, option.rect.height() - 4, bar)
        painter.translate(option.rect.x() + 8, option.rect.y())
        clip = QRectF(0, 0, option.rect.width() - 8, visible)  # whole lines only
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        context.clip = clip
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index):
        return QSize(400, option.fontMetrics.height() * 3 + 8)


class BarDelegate(QStyledItemDelegate):
    """A facet entry: its name and count over a bar proportional to the count. When
    the whole labels do not fit (a narrow panel), names are cut and the counts stay
    whole at the right: the exact count, and the matches with words apart as a grey
    "+n" (the label in full is the entry's tooltip). The list may say how wide its
    widest label is (``widest_label``), so that all its entries are laid out alike."""

    CountRole = Qt.ItemDataRole.UserRole + 10
    MaxRole = Qt.ItemDataRole.UserRole + 11
    NameRole = Qt.ItemDataRole.UserRole + 13
    ApartRole = Qt.ItemDataRole.UserRole + 14

    def paint(self, painter, option, index):
        count = index.data(self.CountRole) or 0
        largest = index.data(self.MaxRole) or 1
        painter.save()
        width = int((option.rect.width() - 28) * count / largest)
        colour = QColor(option.palette.color(QPalette.ColorRole.Highlight))
        colour.setAlpha(50)
        painter.fillRect(option.rect.x() + 24, option.rect.y() + 3, max(width, 2),
                         option.rect.height() - 6, colour)
        painter.restore()
        if not self.cut(option, index):
            return super().paint(painter, option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        metrics = item.fontMetrics
        name = index.data(self.NameRole)
        counts = compact_counts(count, index.data(self.ApartRole) or 0)
        right = sum(metrics.horizontalAdvance(text) for text, _grey in counts) + 10
        item.text = name
        item.rect = option.rect.adjusted(0, 0, -right, 0)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        painter.save()
        x = text_rect.right() - right + 6
        for text, grey in counts:
            painter.setPen(LOOSE_COLOUR if grey else item.palette.color(QPalette.ColorRole.Text))
            advance = metrics.horizontalAdvance(text)
            painter.drawText(QRect(x, option.rect.y(), advance + 1, option.rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            x += advance
        painter.restore()


    def cut(self, option, index) -> bool:
        """Is an entry of the list too wide for its row? Then every entry's name is cut
        and its counts kept (one layout for the whole list, counts in a column)."""
        if index.data(self.NameRole) is None or option.widget is None:
            return False
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text_rect = option.widget.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, item, option.widget)
        widest = getattr(option.widget, "widest_label", None)
        if widest is None:
            widest = item.fontMetrics.horizontalAdvance(item.text)
        return widest > text_rect.width() - 4


def compact_counts(count: int, apart: int) -> list[tuple[str, bool]]:
    """A facet's counts in few characters: "12", then " +3" in grey when some matches
    have the words apart."""
    return [(str(count), False), *([(f" +{apart}", True)] if apart else [])]
