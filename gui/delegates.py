"""Painting: a hit's snippet with its matches marked, and facet counts with bars."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from index.highlight import snippet

from .models import HitRole

MARK = "#ffd54f"  # the match
EXACT_COLOUR = QColor("#2e7d32")
LOOSE_COLOUR = QColor("#9e9e9e")
SNIPPET_WIDTH = 90  # characters shown around the first match


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
        text, spans = snippet(hit.text, hit.highlights, SNIPPET_WIDTH)
        document = SnippetDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(marked_html(text, spans))
        document.setTextWidth(option.rect.width() - 10)
        painter.save()
        bar = EXACT_COLOUR if hit.match == "exact" else LOOSE_COLOUR
        painter.fillRect(option.rect.x(), option.rect.y() + 2, 4, option.rect.height() - 4, bar)
        painter.translate(option.rect.x() + 8, option.rect.y())
        clip = QRectF(0, 0, option.rect.width() - 8, option.rect.height())
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
    """A facet entry: its name and count over a bar proportional to the count."""

    CountRole = Qt.ItemDataRole.UserRole + 10
    MaxRole = Qt.ItemDataRole.UserRole + 11

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
        super().paint(painter, option, index)
