"""The check page: a draft checked in the reader thread, statements with their verdicts,
the statement and its source side by side, open the report at the paragraph, copy the
citation, export; everything shown as plain text."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from gui.check_models import ItemsModel, StatementsModel
from index.checking import check
from index.institutions import institutions

DRAFT = ("市二院去年派出237人到国内知名医疗机构进修。\n"
         "2024年7月，屯留区政府与市二院共建长治市第二人民医院屯留医院签约挂牌。\n"
         "<b>今年</b>火星上发现了大量的恐龙化石<img src=\"file:///dev/zero\">，专家认为很奇怪。")


def run_check(qtbot, win, text: str = DRAFT):
    page = win.check_page
    win.tabs.setCurrentWidget(page)
    page.set_draft(text)
    with qtbot.waitSignal(page.checker.checked, timeout=30000):
        page.check_button.click()
    qtbot.waitUntil(lambda: page.result is not None and page.request is None)
    return page


def test_a_checked_draft_shows_each_statement_with_its_verdict_and_source(qtbot, window):
    page = run_check(qtbot, window)
    model = page.statements
    assert model.rowCount() == 3
    verdicts = [model.index(r, StatementsModel.VERDICT).data() for r in range(3)]
    assert verdicts == ["Figure differs", "Supported", "No source"]
    assert page.summary.text() == ("Checked 3 statements: 1 supported, 1 with a differing "
                                   "figure, 1 without a source.")
    # The first statement is shown: the draft's sentence and the report's paragraph.
    assert page.statement_view.toPlainText() == "市二院去年派出237人到国内知名医疗机构进修。"
    assert "进修培训227人" in page.source_view.toPlainText()
    assert len(page.source_view.extraSelections()) >= 1
    items = [[page.items.index(r, c).data() for c in range(4)]
             for r in range(page.items.rowCount())]
    assert ["Figure", "237人", "Different", "227人"] in items
    assert "paragraph 39" in page.where.text()


def test_a_statement_without_a_source_says_so_in_plain_text(qtbot, window):
    page = run_check(qtbot, window)
    page.table.selectRow(2)
    assert page.statement_view.toPlainText().startswith("<b>今年</b>火星上")
    assert page.source_view.toPlainText() == "No paragraph in the library says this."
    items = [[page.items.index(r, c).data() for c in range(3)]
             for r in range(page.items.rowCount())]
    assert ["Title or quote", "\"file:///dev/zero\"", "Not found"] in items
    assert not page.open_report_button.isEnabled() and not page.copy_button.isEnabled()


def test_open_the_report_at_the_paragraph_and_copy_the_citation(qtbot, window):
    page = run_check(qtbot, window)
    source = page.current_source()
    page.copy_button.click()
    assert QGuiApplication.clipboard().text().endswith(
        f"第 {source.paragraph} 段（{source.report}）")
    page.open_report_button.click()
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.reader, timeout=10000)
    document = window.reader.document
    assert document.view.record.path == source.path
    assert document.current_ordinal == source.paragraph


def test_export_csv_and_html(qtbot, window, tmp_path):
    page = run_check(qtbot, window)
    assert page.export(tmp_path / "check.csv", "csv")
    assert page.export(tmp_path / "check.html", "html")
    assert "237人" in (tmp_path / "check.csv").read_text(encoding="utf-8-sig")
    page_html = (tmp_path / "check.html").read_text(encoding="utf-8")
    assert "&lt;img src=" in page_html and "<img" not in page_html


def test_a_newer_check_replaces_a_running_one_and_cancel_stops_it(qtbot, window):
    page = window.check_page
    page.set_draft(DRAFT * 5)
    page.check_button.click()
    page.cancel_button.click()
    assert page.request is None and page.check_button.isEnabled()
    first = run_check(qtbot, window, "市二院去年派出227人到国内知名医疗机构进修。")
    assert first.statements.rowCount() == 1
    assert first.statements.index(0, StatementsModel.VERDICT).data() == "Supported"


def test_a_draft_opens_from_a_file_in_any_encoding(qtbot, window, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode("gb18030"))
    assert window.check_page.load_draft(path)
    assert window.check_page.draft.toPlainText() == DRAFT


def test_an_empty_draft_asks_for_one(qtbot, window):
    page = window.check_page
    page.set_draft("  ")
    page.check_button.click()
    assert page.request is None and page.summary.text() == "Paste or open a draft first."


def test_the_models(qtmodeltester, seed_engine):
    result = check(seed_engine, DRAFT, institutions())
    statements = StatementsModel()
    statements.set_result(result)
    qtmodeltester.check(statements)
    items = ItemsModel()
    items.set_checks(result.statements[0].best.checks)
    qtmodeltester.check(items)

