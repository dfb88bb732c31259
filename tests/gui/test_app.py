"""The desktop app, flow by flow (offscreen, waiting on signals, never on sleeps)."""

from __future__ import annotations

import csv
import shutil

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from index.model import OLDEST

from .conftest import open_report, open_window, search


def test_search_box_has_focus_and_typing_searches(qtbot, window):
    page = window.search_page
    window.focus_search()
    assert page.box.hasFocus()
    qtbot.keyClicks(page.box, "deepseek")  # search as you type (QTest types ASCII only)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    hit = page.model.hit(0)
    assert [hit.text[s:e] for s, e in hit.highlights] == ["DeepSeek"]
    assert page.stack.currentWidget() is page.table
    assert "1" in page.status.text()


def test_the_window_knows_where_its_library_is(window):
    """Told by the backend that opened it (``SearchBackend.location``), for the About box."""
    assert window.ready and window.location == str(window.target)


def test_exact_and_all_words_matches_are_told_apart(qtbot, window):
    result = search(qtbot, window, "医院高质量发展")
    assert 0 < result.exact < result.total
    matches = [h.match for h in window.search_page.model.hits()]
    assert matches[: result.exact] == ["exact"] * result.exact
    assert set(matches[result.exact :]) == {"all_words"}


def test_alias_expansion_is_shown(qtbot, window):
    search(qtbot, window, "市二院")
    label = window.search_page.expansion
    assert label.isVisibleTo(window) and "长治市第二人民医院" in label.text()


def test_words_that_name_the_report_are_shown_as_read(qtbot, window):
    search(qtbot, window, "长治 一号管三天")
    label = window.search_page.expansion
    assert label.isVisibleTo(window) and "长治 → " in label.text()
    assert "长治市第二人民医院" in label.text()


def test_facets_count_exact_matches_and_name_words_apart_separately(qtbot, window):
    result = search(qtbot, window, "医院高质量发展")
    assert 0 < result.exact < result.total
    page = window.search_page
    assert "every word found whole" in page.status.text()  # the legend says what green is
    facets = page.facets.years
    labels = [facets.item(i).text() for i in range(facets.count())]
    for year, exact in result.facets.exact_year.items():
        label = next(t for t in labels if t.startswith(year))
        assert label.split()[1] == str(exact)  # the count shown is the exact one
        apart = result.facets.year[year] - exact
        assert (f"+{apart} apart" in label) == (apart > 0)
    assert any("apart" in t for t in labels)


def test_oldest_first_is_a_sort(qtbot, window):
    page = window.search_page
    page.sort.setCurrentIndex(page.sort.findData(OLDEST))
    search(qtbot, window, "医院")
    years = [h.year or 10**4 for h in page.model.hits()]
    assert years == sorted(years) and years[0] < years[-1]


def test_ticking_a_facet_filters(qtbot, window):
    result = search(qtbot, window, "医院")
    facets = window.search_page.facets.institutions
    row = next(i for i in range(facets.count()) if facets.item(i).text().startswith("长治市中医医院"))
    facets.item(row).setCheckState(Qt.CheckState.Checked)
    page = window.search_page
    qtbot.waitUntil(lambda: page.result.total < result.total, timeout=10000)
    assert {h.institution for h in page.model.hits()} == {"长治市中医医院"}
    # Every institution is still listed, so another can be ticked too.
    assert facets.count() == len(result.facets.institution)


def test_no_results_and_bad_queries_say_what_to_do(qtbot, window):
    page = window.search_page
    search(qtbot, window, "不存在的内容")
    qtbot.waitUntil(lambda: page.result is not None and page.result.total == 0)
    assert page.stack.currentWidget() is page.empty
    assert "No paragraph contains this" in page.empty.text()
    page.set_query("year:20x5 医院")
    qtbot.waitUntil(lambda: "year:2025" in page.empty.text(), timeout=10000)


def test_stale_answers_are_not_shown(qtbot, window, seed_engine):
    page = window.search_page
    search(qtbot, window, "医院")
    old = page.current_request
    search(qtbot, window, "李晓东")
    page.show_result(old, seed_engine.search("医院"))  # arrives late
    assert page.model.rowCount() == 1 and "李晓东" in page.model.hit(0).text


def test_opening_a_hit_scrolls_to_it_and_f3_moves(qtbot, window):
    search(qtbot, window, "医院")
    hit = window.search_page.model.hit(0)
    document = open_report(qtbot, window, hit.path, hit.paragraph)
    assert window.tabs.currentWidget() is window.reader
    assert document.current_ordinal == hit.paragraph
    assert hit.paragraph in document.hit_ordinals
    current, total = document.hit_position()
    assert total == len(document.hit_ordinals) > 1
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert document.hit_position()[0] == current % total + 1
    assert document.current_ordinal == document.hit_ordinals[current % total]
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert document.current_ordinal == hit.paragraph
    assert "match" in window.reader.counter.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # back to the results, where the reader was
    assert window.tabs.currentWidget() is window.search_page


def test_report_structure_is_shown(qtbot, window):
    search(qtbot, window, "MEAR")
    hit = window.search_page.model.hit(0)
    document = open_report(qtbot, window, hit.path, hit.paragraph).document()
    tables = [f for f in document.rootFrame().childFrames() if f.__class__.__name__ == "QTextTable"]
    assert len(tables) == 1 and tables[0].rows() == 10 and tables[0].columns() == 3


def test_copy_citation_puts_the_paragraph_and_its_source_on_the_clipboard(qtbot, window):
    search(qtbot, window, "一号管三天")
    hit = window.search_page.model.hit(0)
    open_report(qtbot, window, hit.path, hit.paragraph)
    qtbot.keyClick(window, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith(hit.text)
    assert "长治市第二人民医院" in text and "2025年" in text and f"第 {hit.paragraph} 段" in text
    assert hit.title in text


def test_similar_paragraphs_are_listed_for_the_selected_paragraph(qtbot, window):
    search(qtbot, window, "一号管三天")
    hit = window.search_page.model.hit(0)
    open_report(qtbot, window, hit.path, hit.paragraph)
    similar = window.reader.similar
    qtbot.waitUntil(lambda: similar.count() > 0, timeout=5000)
    texts = [similar.item(i).text() for i in range(similar.count())]
    assert any("挂号管三天" in t for t in texts)


def test_compare_side_by_side_with_related_paragraphs_and_sync(qtbot, window):
    search(qtbot, window, "医院")
    records = {r.name[:3]: r for r in window.library.model.records()}
    window.compare_two(records["000"].path, records["001"].path)
    left, right = (pane.document for pane in window.compare.panes)
    qtbot.waitUntil(lambda: left.view is not None and right.view is not None, timeout=10000)
    assert left.view.record.name.startswith("000") and right.view.record.name.startswith("001")
    assert left.hit_ordinals and right.hit_ordinals  # both sides mark the query
    (ordinal,) = [p.ordinal for p in left.view.paragraphs if "一号管三天" in p.text]
    left.go_to(ordinal)
    qtbot.waitUntil(lambda: bool(right.related), timeout=10000)
    related = right.related
    assert all(right.tint(o) is not None for o in related)
    assert any("挂号管三天" in right.paragraph(o).text for o in related)
    window.compare.sync.setChecked(True)
    left.setFocus()
    before = right.hit_position()[0]
    window.tabs.setCurrentWidget(window.compare)
    window.step_hit(+1)
    assert right.hit_position()[0] != before


def test_import_reports_bad_files_with_reasons(qtbot, window, tmp_path, seed_files):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "new.txt").write_text(seed_files[0].read_text(encoding="utf-8")
                                    + "\n另加的一段。\n", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a docx")
    (folder / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.jobs.finished, timeout=30000) as done:
        window.start_indexing([folder])
    qtbot.waitUntil(lambda: not window.indexing)  # the window has taken the answer
    summary = done.args[1]
    assert len(summary.added) == 1 and len(summary.skipped) == 2
    listed = {window.library.skipped.topLevelItem(i).text(0).rsplit("/", 1)[-1]:
              window.library.skipped.topLevelItem(i).text(1)
              for i in range(window.library.skipped.topLevelItemCount())}
    assert set(listed) == {"broken.docx", "empty.txt"} and "Empty file" in listed["empty.txt"]
    assert not window.library.skipped.isHidden()
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 6)
    def details() -> list[str]:
        return [b.detailedText() for b in window.findChildren(QMessageBox) if b.isVisible()]

    assert any("broken.docx" in text for text in details())  # new: said once
    for box in window.findChildren(QMessageBox):
        box.close()
    with qtbot.waitSignal(window.jobs.finished, timeout=30000):
        window.rescan()
    qtbot.waitUntil(lambda: not window.indexing)
    assert not any("broken.docx" in text for text in details())  # not again
    assert window.library.skipped.topLevelItemCount() == 2  # still listed, with reasons


def test_drag_and_drop_imports(qtbot, window, tmp_path, seed_files):
    (tmp_path / "dropped.txt").write_text(seed_files[1].read_text(encoding="utf-8")
                                          + "\n拖进来的一段。\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped.txt"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: any(r.name == "dropped.txt" for r in window.library.model.records()),
                    timeout=30000)


def test_correcting_metadata_in_the_library_persists(qtbot, window):
    model = window.library.model
    row = next(i for i in range(model.rowCount()) if model.record(i).name.startswith("003"))
    assert model.setData(model.index(row, model.INSTITUTION), "某某卫健委")
    qtbot.waitUntil(lambda: model.record(row).institution == "某某卫健委", timeout=10000)
    result = search(qtbot, window, "institution:某某卫健委 健康")
    assert result.total > 0
    from index.engine import Engine

    with Engine(window.target) as engine:
        assert {r.institution for r in engine.reports()} >= {"某某卫健委"}


def test_export_current_results_to_csv(qtbot, window, tmp_path, monkeypatch):
    from gui import main_window

    search(qtbot, window, "医院")
    target = tmp_path / "out.csv"
    monkeypatch.setattr(main_window, "save_file", lambda *a, **k: str(target))
    window.export_results()
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: "written" in window.statusBar().currentMessage(), timeout=5000)
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == window.search_page.result.total > 200 // 10


def test_batch_search_counts_each_query(qtbot, window):
    window.open_batch()
    dialog = window.batch
    dialog.queries.setPlainText("一号管三天\n227人\n\n不存在的内容\n")
    dialog.run()
    qtbot.waitUntil(lambda: dialog.export.isEnabled(), timeout=10000)
    counts = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
              for r in range(dialog.table.rowCount())}
    assert counts == {"一号管三天": "1", "227人": "1", "不存在的内容": "0"}


def test_window_state_and_history_are_remembered(qtbot, window):
    search(qtbot, window, "李晓东")
    window.search_page.table.activated.emit(window.search_page.model.index(0, 0))  # opened
    window.close()
    assert "李晓东" in window.settings.value("search/history")
    assert window.settings.value("window/geometry") is not None


def test_empty_library_state_helps(qtbot, tmp_path, seed_files):
    from index.engine import Engine

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_files[0], folder / "one.txt")
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
    (folder / "one.txt").unlink()  # the library's only report is gone
    # ... from a folder still there: an emptied folder is taken for an unplugged drive's
    # mount point, whose reports are kept (offline), not removed.
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    win = open_window(qtbot, tmp_path, tmp_path / "index", reports=1)
    try:
        win.rescan()
        qtbot.waitUntil(lambda: "No reports yet" in win.search_page.empty.text(), timeout=30000)
        assert win.library.model.rowCount() == 0
    finally:
        win.shutdown()


def test_first_run_indexes_the_bundled_reports(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, tmp_path / "new-index", reports=5)
    win.shutdown()


def test_switching_the_language_applies_at_once_and_ticks_it(qtbot, window):
    from PySide6.QtWidgets import QApplication

    page = window.search_page
    app = QApplication.instance()
    try:
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: page.sort.itemText(0) == "按相关度", timeout=5000)
        assert window.tabs.tabText(0) == "检索"
        assert window.menuBar().actions()[0].text() == "文件(&F)"
        ticked = [a.data() for a in window.language_actions.actions() if a.isChecked()]
        assert ticked == ["zh_CN"]
        assert window.search_page.model.headerData(0, Qt.Orientation.Horizontal) != "Report"
        window.set_language("en")
        qtbot.waitUntil(lambda: page.sort.itemText(0) == "Relevance", timeout=5000)
        assert window.tabs.tabText(0) == "Search"
        assert [a.data() for a in window.language_actions.actions() if a.isChecked()] == ["en"]
    finally:
        for translator in getattr(app, "_translators", []):
            app.removeTranslator(translator)
        app._translators = []


def test_compare_toolbars_line_up_when_one_title_wraps(qtbot, window):
    window.resize(1024, 700)
    records = window.library.model.records()
    long_title = max(records, key=lambda r: len(r.title))
    short_title = min(records, key=lambda r: len(r.title))
    window.compare_two(long_title.path, short_title.path)
    left, right = window.compare.panes
    qtbot.waitUntil(lambda: left.document.view is not None and right.document.view is not None,
                    timeout=10000)
    qtbot.waitUntil(lambda: left.title.height() == right.title.height(), timeout=5000)
    assert left.title.heightForWidth(left.title.width()) > left.title.fontMetrics().height()
    assert left.next.mapTo(window, left.next.rect().topLeft()).y() == \
        right.next.mapTo(window, right.next.rect().topLeft()).y()


def test_the_sort_menu_and_recent_button_show_their_whole_text_at_1024(qtbot):
    from gui.app import install_translations
    from gui.search_page import SearchPage

    app = QApplication.instance()
    for language in ("en", "zh_CN"):
        translators = install_translations(app, language)
        try:
            page = SearchPage()
            qtbot.addWidget(page)
            page.resize(1024, 640)
            page.show()
            qtbot.waitUntil(page.sort.isVisible)
            metrics = page.sort.fontMetrics()
            widest = max(metrics.horizontalAdvance(page.sort.itemText(i))
                         for i in range(page.sort.count()))
            assert page.sort.width() >= widest + metrics.height()  # text and arrow
            button = page.history_button
            assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
        finally:
            for translator in translators:
                app.removeTranslator(translator)
