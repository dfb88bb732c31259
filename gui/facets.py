"""The facet panel: institutions and years of the whole result set, with counts and
bars; ticking entries filters the results (several ticks in one list mean either).

The counts are facts a reporter reads ("the earliest year"): while a search has exact
matches, each entry counts its exact matches, and the paragraphs where a word was
found only in pieces are named apart ("+3 apart"), never added in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from index.model import UNKNOWN_YEAR, Facets

from .delegates import BarDelegate
from .plain import plain_tooltip, shorten
from .timeline import YearChart

ValueRole = Qt.ItemDataRole.UserRole + 12


class FacetList(QListWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(BarDelegate(self))
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long name must not scroll
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._filling = False
        self.widest_label = 0  # for BarDelegate: one layout for every entry
        self.itemChanged.connect(self._on_item_changed)

    def fill(self, counts: dict[str, int], unknown: str,
             exact: dict[str, int] | None = None) -> None:
        """Show ``counts`` (value -> count), keeping ticked values ticked. With ``exact``
        (value -> exact matches), each entry shows its exact count and the rest apart."""
        ticked = set(self.checked())
        self._filling = True
        self.clear()
        shown = counts if exact is None else exact
        largest = max(shown.values(), default=1)
        values = list(counts)
        if exact is not None:  # most exact matches first; loose-only entries last
            values.sort(key=lambda v: -exact.get(v, 0))
        values += [v for v in sorted(ticked) if v not in counts]  # a tick never vanishes
        for value in values:
            count = shown.get(value, 0)
            name = shorten(value, 60) if value else unknown
            label = f"{name}  {count}"
            apart = counts.get(value, 0) - count
            if apart > 0:
                label += "  " + self.tr("+%1 apart").replace("%1", str(apart))
            item = QListWidgetItem(label)
            # The whole label when the panel is too narrow to show it (see BarDelegate).
            item.setToolTip(plain_tooltip(f"{value or unknown}  {label[len(name):].strip()}"))
            item.setData(BarDelegate.NameRole, name)
            item.setData(BarDelegate.ApartRole, max(apart, 0))
            item.setData(ValueRole, value)
            item.setData(BarDelegate.CountRole, count)
            item.setData(BarDelegate.MaxRole, largest)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in ticked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        metrics = self.fontMetrics()
        self.widest_label = max((metrics.horizontalAdvance(self.item(i).text())
                                 for i in range(self.count())), default=0)
        self._filling = False

    def checked(self) -> list[str]:
        return [
            self.item(i).data(ValueRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def clear_ticks(self) -> None:
        self._filling = True
        for i in range(self.count()):
            self.item(i).setCheckState(Qt.CheckState.Unchecked)
        self._filling = False
        self.changed.emit()

    def toggle(self, value: str) -> None:
        """Tick ``value`` (or untick it when ticked): a click on the year chart."""
        for i in range(self.count()):
            item = self.item(i)
            if item.data(ValueRole) == value:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked
                                   else Qt.CheckState.Checked)
                return

    def _on_item_changed(self, _item) -> None:
        if not self._filling:
            self.changed.emit()


class FacetPanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.institution_label = QLabel(self.tr("Institution"))
        self.institutions = FacetList(self)
        self.year_label = QLabel(self.tr("Year"))
        self.chart = YearChart(self)  # hits per year; a click ticks the year below
        self.chart.hide()
        self.years = FacetList(self)
        for widget in (self.institution_label, self.institutions, self.year_label, self.chart,
                       self.years):
            layout.addWidget(widget)
        layout.setStretch(1, 3)
        layout.setStretch(4, 2)
        self.chart.year_clicked.connect(self.years.toggle)
        self.institutions.changed.connect(self.changed)
        self.years.changed.connect(self.changed)

    def fill(self, facets: Facets) -> None:
        """Fill both lists (exact counts whenever the result has exact matches) and the
        chart: each year's bar its exact matches in green, the rest in grey."""
        exact = bool(facets.exact_institution)
        self.institutions.fill(facets.institution, self.tr("(unknown)"),
                               facets.exact_institution if exact else None)
        self.years.fill(facets.year, self.tr("(unknown)"), facets.exact_year if exact else None)
        self.chart.set_counts(facets.year, facets.exact_year, self.years.checked())

    def selected_institutions(self) -> tuple[str, ...]:
        return tuple(self.institutions.checked())

    def selected_years(self) -> tuple[int | str, ...]:
        """The ticked years; "(unknown)" is ``UNKNOWN_YEAR``: the reports with no year."""
        return tuple(int(y) if y else UNKNOWN_YEAR for y in self.years.checked())

    def clear(self) -> None:
        self.institutions.clear_ticks()
        self.years.clear_ticks()
