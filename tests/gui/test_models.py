"""The Qt models, without widgets."""

from PySide6.QtCore import QPersistentModelIndex, Qt

from gui.models import ReportsModel, ResultsModel
from index.engine import Engine


def test_results_model_passes_the_model_tester(qtmodeltester, seed_engine):
    model = ResultsModel()
    model.set_result(seed_engine.search("医院", limit=10))
    assert model.rowCount() == 10 and model.total > 10
    assert model.canFetchMore()
    qtmodeltester.check(model)


def test_results_model_pages(qtbot, seed_engine):
    model = ResultsModel()
    first = seed_engine.search("医院", limit=10)
    model.set_result(first)
    with qtbot.waitSignal(model.more_wanted) as wanted:
        model.fetchMore()
    assert wanted.args == [10]
    assert not model.canFetchMore()  # one page in flight at a time
    model.append(seed_engine.search("医院", limit=10, offset=10))
    assert model.rowCount() == 20
    model.append(seed_engine.search("医院", limit=10, offset=10))  # a duplicate page is ignored
    assert model.rowCount() == 20


def test_reports_model_passes_the_model_tester_and_asks_for_corrections(qtmodeltester, qtbot,
                                                                        tmp_path, seeds_dir):
    with Engine(tmp_path / "index") as engine:
        engine.index([seeds_dir])
        model = ReportsModel()
        model.set_records(engine.reports())
    qtmodeltester.check(model)
    index = model.index(0, ReportsModel.YEAR)
    with qtbot.waitSignal(model.correction_wanted) as wanted:
        assert model.setData(index, "2023")
    assert wanted.args[1:] == ["year", 2023]
    assert not model.setData(index, "not a year")
    assert not model.setData(model.index(0, ReportsModel.PARAGRAPHS), "3")


def _records(n: int):
    from index.model import ReportRecord

    institutions = ["长治市第二人民医院", "长治市卫健委", "Peking Union", "市中医医院"]
    return [ReportRecord(key=f"k{i}", path=f"/lib/d{i // 1000:03d}/r{i:06d}.txt",
                         name=f"r{i:06d}.txt", title=f"第{i}号报告", institution=institutions[i % 4],
                         year=2000 + i % 26, paragraphs=3, sha256="", encoding="utf-8", size=1,
                         mtime_ns=0)
            for i in range(n)]


def test_reports_model_filters_and_sorts_a_big_library_without_asking_each_cell(
        qtbot, monkeypatch):
    calls = []
    real = ReportsModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        calls.append(role)
        return real(self, index, role)

    # Before the model exists: PySide looks a Python override up once per object.
    monkeypatch.setattr(ReportsModel, "data", counting)
    records = _records(100_000)
    model = ReportsModel()
    model.set_records(records)
    calls.clear()
    model.set_filter("PEKING union")  # case does not matter
    assert model.rowCount() == 25_000
    model.set_filter("r012345")  # the file name
    assert [model.record(r).name for r in range(model.rowCount())] == ["r012345.txt"]
    model.set_filter("2025")
    expected = {r.path for r in records if "2025" in f"{r.title}{r.year}{r.path}"}
    assert {model.record(r).path for r in range(model.rowCount())} == expected
    model.set_filter("")
    model.sort(ReportsModel.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.record(r).title for r in range(100)]
    assert titles == sorted(r.title.casefold() for r in records)[:100]
    assert len(calls) < 100  # nothing goes through Qt per row and column (a proxy: 500,000)


def test_reports_model_sorting_keeps_the_selection(qtmodeltester, qtbot):
    model = ReportsModel()
    model.set_records(_records(50))
    qtmodeltester.check(model)
    kept = QPersistentModelIndex(model.index(7, 0))
    path = model.record(7).path
    model.sort(ReportsModel.PATH, Qt.SortOrder.AscendingOrder)
    assert model.record(kept.row()).path == path
    model.set_filter("r00004")
    qtmodeltester.check(model)


def test_the_library_filters_as_you_type(qtbot):
    from gui.library_page import LibraryPage

    page = LibraryPage()
    qtbot.addWidget(page)
    page.model.set_records(_records(1000))
    qtbot.keyClicks(page.filter, "r0001")
    assert page.model.rowCount() == 1000  # not on every key: after a short pause
    qtbot.waitUntil(lambda: page.model.rowCount() == 100, timeout=2000)


def test_a_year_that_cannot_be_is_refused_with_a_message(qtbot):
    model = ReportsModel()
    model.set_records(_records(3))
    index = model.index(0, ReportsModel.YEAR)
    for value in ("①", "99999", "-5", "1e23", "二〇二五"):
        with qtbot.waitSignal(model.invalid_value) as refused, \
                qtbot.assertNotEmitted(model.correction_wanted):
            assert not model.setData(index, value)
        assert "年份" in refused.args[0]
    with qtbot.waitSignal(model.correction_wanted) as wanted:
        assert model.setData(index, " 2024 ")
    assert wanted.args[1:] == ["year", 2024]


def test_the_library_year_arrow_points_down_for_newest_first(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionHeader

    from gui.library_page import LibraryPage

    page = LibraryPage()
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    page.table.horizontalHeader().grab()
    assert page.arrow_style.last_drawn == QStyleOptionHeader.SortIndicator.SortDown
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    page.table.horizontalHeader().grab()
    assert page.arrow_style.last_drawn == QStyleOptionHeader.SortIndicator.SortUp


def test_skipped_files_show_their_reason_whole_and_the_path_in_the_rest(qtbot):
    from gui.engine_text import say
    from gui.library_page import LibraryPage
    from index.model import Skipped

    page = LibraryPage()
    qtbot.addWidget(page)
    skipped = [Skipped.of("/home/u/报告/2025/坏文件-不是真的文档.docx", "read.docx_zip"),
               Skipped.of("/home/u/报告/空.txt", "read.empty")]
    page.show_skipped(skipped)  # while the page is not on screen (another tab is)
    page.resize(1024, 600)
    page.show()
    tree = page.skipped
    qtbot.waitUntil(lambda: tree.columnWidth(0) > 0)
    reason = max((say(s) for s in skipped), key=tree.fontMetrics().horizontalAdvance)
    assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance(reason)
    assert tree.columnWidth(0) >= tree.viewport().width() // 2
    assert tree.columnWidth(0) + tree.columnWidth(1) <= tree.viewport().width()


def test_a_report_found_twice_shows_its_copies(qtbot):
    from dataclasses import replace

    record = replace(_records(1)[0], path="/lib/a/r.txt",
                     paths=("/lib/a/r.txt", "/lib/b/r-copy.txt"))
    assert record.copies == ("/lib/b/r-copy.txt",)
    model = ReportsModel()
    model.set_records([record, *_records(3)[1:]])
    row = next(r for r in range(model.rowCount()) if model.record(r).copies)
    index = model.index(row, ReportsModel.PATH)
    assert model.data(index) == "/lib/a/r.txt (copies: 1)"
    assert model.data(index, Qt.ItemDataRole.EditRole) == "/lib/a/r.txt"
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "/lib/a/r.txt" in tip and "/lib/b/r-copy.txt" in tip
    single = model.index(1 - row if row < 2 else 0, ReportsModel.PATH)
    assert "copies" not in model.data(single)


def test_library_titles_keep_their_start_and_paths_their_file_name(qtbot):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from gui.library_page import LibraryPage

    page = LibraryPage()
    qtbot.addWidget(page)
    page.model.set_records(_records(3))
    path_index = page.model.index(0, ReportsModel.PATH)
    option = QStyleOptionViewItem()
    page.table.itemDelegateForColumn(ReportsModel.PATH).initStyleOption(option, path_index)
    assert option.textElideMode == Qt.TextElideMode.ElideLeft  # "…/d000/r000002.txt"
    assert page.table.itemDelegateForColumn(ReportsModel.TITLE) is None
    assert page.table.textElideMode() == Qt.TextElideMode.ElideRight  # "第2号报…"
