"""Hits per year at a glance: a small bar chart above the year facet.

"When was this first said, and how often since" is a picture: one bar per year from
the first year with a hit to the last (years without a hit are gaps, so the spacing is
time), each bar as tall as that year's count. Clicking a bar ticks that year in the
year facet (clicking it again unticks it). Reports with no known year are not drawn:
the facet lists them.

Drawn with QPainter: no chart module (PySide6-Addons would grow the executable).
Each bar is a year's paragraphs (``Facets.year``): its exact matches
(``Facets.exact_year``) in the green of exact matches, the rest (every word, but not
together) in grey on top, so the two are never added into one colour. Without exact
counts (``exact=None``) a bar is one colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

EXACT = QColor("#43a047")  # the green of exact matches in the results
LOOSE = QColor("#9e9e9e")  # the grey of all-words matches
ONE = QColor("#1e88e5")  # one series: counts not split by match
TICKED = QColor("#fb8c00")
MAX_YEARS = 80  # a longer span draws its last MAX_YEARS years
MAX_BAR = 2.5  # the widest bar, in font heights


class YearChart(QWidget):
    """Bars of hits per year; ``year_clicked(year)`` when a bar is clicked."""

    year_clicked = Signal(str)  # the year, as the facet keys it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[int, int] = {}
        self.exact: dict[int, int] | None = None
        self.ticked: set[int] = set()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.fontMetrics().height() * 4)

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() * 5)

    def set_counts(self, year: dict[str, int], exact: dict[str, int] | None = None,
                   ticked: list[str] | tuple[str, ...] = ()) -> None:
        """Show the year facet's counts (keys are years as text; the unknown year is
        left out); ``exact`` the exact matches of each year, when known."""
        self.counts = {int(k): v for k, v in year.items() if k.isdigit() and v > 0}
        self.exact = ({int(k): v for k, v in exact.items() if k.isdigit()}
                      if exact is not None else None)
        self.ticked = {int(y) for y in ticked if str(y).isdigit()}
        self.setVisible(bool(self.counts))
        self.update()

    def years(self) -> list[int]:
        """Every year drawn, first to last (gaps included)."""
        if not self.counts:
            return []
        first, last = min(self.counts), max(self.counts)
        return list(range(max(first, last - MAX_YEARS + 1), last + 1))

    def _label_height(self) -> int:
        return self.fontMetrics().height() + 2

    def bar_rect(self, year: int) -> QRectF:
        """Where the column of ``year`` is (its whole height, for clicks)."""
        years = self.years()
        width = self.width() / max(len(years), 1)
        return QRectF(years.index(year) * width, 0, width, self.height() - self._label_height())

    def year_at(self, x: float) -> int | None:
        years = self.years()
        if not years or self.width() <= 0:
            return None
        index = int(x / (self.width() / len(years)))
        return years[index] if 0 <= index < len(years) else None

    def paintEvent(self, _event) -> None:
        years = self.years()
        if not years:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        top = max(self.counts.values())
        for year in years:
            column = self.bar_rect(year)
            count = self.counts.get(year, 0)
            if not count:
                continue
            gap = min(2.0, column.width() * 0.2)
            height = max(2.0, (column.height() - 2) * count / top)
            # A few years must not be drawn as slabs: a bar is at most MAX_BAR font
            # heights wide, centred in its column (which stays the click target).
            width = max(min(column.width() - gap, self.fontMetrics().height() * MAX_BAR), 1.0)
            bar = QRectF(column.center().x() - width / 2, column.bottom() - height, width,
                         height)
            if self.exact is None:
                painter.fillRect(bar, TICKED if year in self.ticked else ONE)
            else:
                exact = min(self.exact.get(year, 0), count)
                painter.fillRect(bar, LOOSE)
                exact_height = height * exact / count
                painter.fillRect(QRectF(bar.left(), bar.bottom() - exact_height, bar.width(),
                                        exact_height), EXACT)
                if year in self.ticked:
                    painter.setPen(TICKED)
                    painter.drawRect(bar.adjusted(0, 0, -1, -1))
        painter.setPen(self.palette().color(self.foregroundRole()))
        labels = {years[0], years[-1], max(self.counts, key=self.counts.get)}
        base = self.height() - self._label_height()
        for year in sorted(labels):
            column = self.bar_rect(year)
            text = str(year)
            width = self.fontMetrics().horizontalAdvance(text)
            x = min(max(column.center().x() - width / 2, 0), self.width() - width)
            painter.drawText(int(x), int(base + self.fontMetrics().ascent() + 1), text)
        painter.end()

    def mousePressEvent(self, event) -> None:
        year = self.year_at(event.position().x())
        if year is not None and year in self.counts:
            self.year_clicked.emit(str(year))

    def mouseMoveEvent(self, event) -> None:
        year = self.year_at(event.position().x())
        if year is None:
            return
        count = self.counts.get(year, 0)
        text = self.tr("%1: %2 paragraphs").replace("%1", str(year)).replace("%2", str(count))
        if self.exact is not None:
            text += self.tr(" (%1 exact)").replace("%1", str(self.exact.get(year, 0)))
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
        self.setCursor(Qt.CursorShape.PointingHandCursor if count
                       else Qt.CursorShape.ArrowCursor)
