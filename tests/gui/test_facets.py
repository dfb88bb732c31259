"""The facet panel: "(unknown)" filters to the reports with no year, the year chart
draws hits per year (exact and loose apart) and a click on a bar ticks that year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.facets import FacetPanel
from gui.timeline import EXACT, LOOSE, ONE, YearChart
from index.model import UNKNOWN_YEAR, Facets

from .conftest import search


def _tick(facet_list, value):
    for i in range(facet_list.count()):
        item = facet_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole + 12) == value:
            item.setCheckState(Qt.CheckState.Checked)


def test_ticking_unknown_selects_the_reports_with_no_year(qtbot):
    panel = FacetPanel()
    qtbot.addWidget(panel)
    panel.fill(Facets({"市二院": 5}, {"2025": 3, "": 2}))
    _tick(panel.years, "")
    _tick(panel.years, "2025")
    assert set(panel.selected_years()) == {UNKNOWN_YEAR, 2025}


def test_the_chart_spans_first_to_last_year_and_a_click_ticks_the_year(qtbot):
    panel = FacetPanel()
    qtbot.addWidget(panel)
    panel.resize(240, 400)
    panel.show()
    panel.fill(Facets({}, {"2019": 1, "2025": 4, "": 7}, {}, {"2025": 2}))
    chart = panel.chart
    assert chart.isVisible() and chart.years() == list(range(2019, 2026))
    with qtbot.waitSignal(panel.changed):
        point = chart.bar_rect(2025).center()
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert panel.selected_years() == (2025,)
    assert chart.year_at(chart.bar_rect(2019).center().x()) == 2019


def test_bars_are_as_tall_as_their_counts(qtbot):
    chart = YearChart()
    qtbot.addWidget(chart)
    chart.resize(200, 100)
    chart.set_counts({"2020": 1, "2021": 4})
    chart.show()
    image = chart.grab().toImage()

    def bar_height(year):
        x = int(chart.bar_rect(year).center().x())
        return sum(1 for y in range(image.height()) if QColor(image.pixel(x, y)) == ONE)

    assert bar_height(2021) > 3 * bar_height(2020) > 0


def _heights(chart, year) -> dict[str, int]:
    """How many pixels of each colour the column of ``year`` has."""
    image = chart.grab().toImage()
    x = int(chart.bar_rect(year).center().x())
    colours = [QColor(image.pixel(x, y)).name() for y in range(image.height())]
    return {c.name(): colours.count(c.name()) for c in (EXACT, LOOSE, ONE)}


def test_exact_and_loose_matches_are_drawn_apart(qtbot):
    panel = FacetPanel()
    qtbot.addWidget(panel)
    panel.resize(240, 500)
    panel.show()
    # 2020: 1 exact of 4; 2021: 4 exact of 4; 2022: none exact (words apart only).
    panel.fill(Facets({"市二院": 9}, {"2020": 4, "2021": 4, "2022": 1}, {"市二院": 5},
                      {"2020": 1, "2021": 4}))
    chart = panel.chart
    qtbot.waitUntil(chart.isVisible)
    first, second, third = (_heights(chart, y) for y in (2020, 2021, 2022))
    exact, loose, one = EXACT.name(), LOOSE.name(), ONE.name()
    assert first[one] == second[one] == third[one] == 0
    assert first[loose] > 2 * first[exact] > 0  # three loose on top of one exact
    assert second[loose] == 0 and second[exact] >= first[exact] + first[loose] - 2
    assert third[exact] == 0 and third[loose] > 0
    # The year list beside it says the same: exact counts, the rest apart.
    texts = [panel.years.item(i).text() for i in range(panel.years.count())]
    assert texts[0].startswith("2021  4") and any(t.startswith("2020  1") for t in texts)
    with qtbot.waitSignal(panel.changed):  # a click still ticks the year
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=chart.bar_rect(2020).center().toPoint())
    assert panel.selected_years() == (2020,)


def test_an_empty_result_hides_the_chart(qtbot):
    chart = YearChart()
    qtbot.addWidget(chart)
    chart.set_counts({"": 3})
    assert not chart.isVisibleTo(chart.parentWidget() or chart) and chart.years() == []


def test_a_failed_query_clears_the_old_facets_and_also_searched_line(qtbot, window):
    page = window.search_page
    search(qtbot, window, "市二院")
    assert page.expansion.isVisibleTo(page) and page.facets.institutions.count() > 0
    page.set_query("year:20x5")
    qtbot.waitUntil(lambda: page.result is None, timeout=10000)
    assert not page.expansion.isVisibleTo(page) and page.expansion.text() == ""
    assert page.facets.institutions.count() == 0 and not page.facets.chart.counts


def test_the_year_chart_follows_the_query(qtbot, window):
    page = window.search_page
    result = search(qtbot, window, "医院")
    years = {int(y): n for y, n in result.facets.year.items() if y}
    assert page.facets.chart.counts == years
    assert page.facets.chart.exact == {int(y): n for y, n in result.facets.exact_year.items()
                                       if y}


def test_a_narrow_panel_cuts_the_name_and_keeps_the_counts(qtbot):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from gui.delegates import compact_counts

    panel = FacetPanel()
    qtbot.addWidget(panel)
    panel.resize(200, 500)
    panel.show()
    name = "长治市第二人民医院医疗集团总院"
    panel.fill(Facets({name: 5, "市中医院": 1}, {"2025": 6}, {name: 4}, {"2025": 4}))
    facet_list = panel.institutions
    qtbot.waitUntil(lambda: facet_list.viewport().width() > 0)
    delegate = facet_list.itemDelegate()

    def cut(row: int) -> bool:
        option = QStyleOptionViewItem()
        option.initFrom(facet_list)
        option.widget = facet_list
        option.rect = facet_list.visualItemRect(facet_list.item(row))
        return delegate.cut(option, facet_list.model().index(row, 0))

    long_row = next(i for i in range(facet_list.count())
                    if facet_list.item(i).data(delegate.NameRole) == name)
    assert facet_list.item(long_row).text() == f"{name}  4  +1 apart"
    assert cut(long_row)  # the name is cut, "4 +1" drawn whole at the right
    assert cut(1 - long_row)  # and the short one is laid out alike
    assert compact_counts(4, 1) == [("4", False), (" +1", True)]
    assert compact_counts(4, 0) == [("4", False)]
    assert "+1 apart" in facet_list.item(long_row).toolTip()
    facet_list.grab()  # paints the cut entry without an error
    panel.resize(700, 500)
    qtbot.waitUntil(lambda: facet_list.viewport().width() > 600)
    assert not cut(long_row)  # wide enough: the whole label as it is


def test_a_single_year_is_a_bar_not_a_slab(qtbot):
    chart = YearChart()
    qtbot.addWidget(chart)
    chart.resize(300, 100)
    chart.set_counts({"2025": 9})
    chart.show()
    image = chart.grab().toImage()
    row = int(chart.bar_rect(2025).center().y())
    blue = [x for x in range(image.width()) if QColor(image.pixel(x, row)).name() == ONE.name()]
    assert 0 < len(blue) <= chart.fontMetrics().height() * 3
    assert abs((blue[0] + blue[-1]) / 2 - chart.width() / 2) <= 2  # centred on its year
