"""Text is text: markup in a title, a heading, an institution, a manifest, a file name,
a correction or a query is shown literally on every screen, and nothing it names is
ever loaded (an <img src="file:///dev/zero"> in a heading once read /dev/zero until
the process died).

What a user sees of a string is worked out the way Qt does it: a label, tooltip or
message box with plain text shows it as is; rich text (set, or guessed by
``Qt.mightBeRichText``) is laid out by a QTextDocument, here one that records every
resource it is asked for instead of loading it.
"""

from __future__ import annotations

import csv
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from gui.delegates import marked_html
from gui.models import ResultsModel
from gui.report_document import ReportDocument
from index.engine import Engine

from .conftest import open_report, open_window, search

IMG = '<img src="file:///tmp/reportsearch-probe/{}.png" width=40000>'
TABLE = "<table>" + "<tr><td>x</td></tr>" * 50 + "</table>"
SMALL_TABLE = "<table>" + "<tr><td>x</td></tr>" * 5 + "</table>"  # a manifest title is ≤ 500 characters


class SpyDocument(QTextDocument):
    """A document that records the resources it is asked for and loads none."""

    def __init__(self):
        super().__init__()
        self.asked: list[str] = []

    def loadResource(self, kind, url):
        self.asked.append(url.toString())
        return None


def seen(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> tuple[str, list[str]]:
    """What a user sees of ``text`` shown with ``fmt``, and what showing it loads."""
    rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                             and GuiQt.mightBeRichText(text))
    if not rich:
        return text, []
    document = SpyDocument()
    document.setHtml(text)
    document.setTextWidth(600)
    document.size()  # lay it out: images are asked for here
    return document.toPlainText(), document.asked


def label_seen(label: QLabel) -> tuple[str, list[str]]:
    return seen(label.text(), label.textFormat())


def assert_literal(shown: tuple[str, list[str]], markup: str) -> None:
    text, asked = shown
    assert asked == []
    assert markup in text


def test_the_spy_sees_what_rich_text_would_load(qapp):
    text, asked = seen(IMG.format("x") + "<b>bold</b>")
    assert asked and "<img" not in text and "<b>" not in text


@pytest.fixture
def hostile(tmp_path, seed_files):
    """A library whose title, heading, institution, body and file name are markup."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    name = "<b>B<i>I<img src=name.png>.md"  # no "/" in a file name
    (folder / name).write_text(
        f"# {IMG.format('title')}标题{TABLE}\n\n"
        f"## {IMG.format('heading')}第一节\n\n"
        f"医院的正文段落，谈健康。{IMG.format('body')}<i>斜体</i>\n",
        encoding="utf-8")
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "institution", "year", "title"])
        writer.writerow([name, f"{IMG.format('institution')}<i>机构</i>", "2025",
                         f"{IMG.format('manifest')}<h1>题目</h1>{SMALL_TABLE}"])
    shutil.copy(seed_files[0], folder / "plain.txt")
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
        record = next(r for r in engine.reports() if r.name == name)
    return index_dir, record


@pytest.fixture
def win(qtbot, tmp_path, hostile):
    index_dir, _record = hostile
    window = open_window(qtbot, tmp_path, index_dir, reports=2)
    yield window
    window.shutdown()


def test_search_results_tooltips_and_facets_show_markup_literally(qtbot, win, hostile):
    _index_dir, record = hostile
    result = search(qtbot, win, "正文段落")
    assert result.total == 1
    model = win.search_page.model
    hit = model.hit(0)
    assert hit.title == record.title
    for column in range(model.columnCount()):
        index = model.index(0, column)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if tip:
            assert_literal(seen(tip), "<img src=")
            assert_literal(seen(tip), "<h1>题目</h1>")
    # The snippet is painted from HTML we make: the paragraph's markup is escaped.
    assert_literal(seen(marked_html(hit.text, hit.highlights), Qt.TextFormat.RichText),
                   IMG.format("body"))
    facets = win.search_page.facets.institutions
    item = next(facets.item(i) for i in range(facets.count())
                if facets.item(i).text().startswith("<img src="))  # plain, shortened
    assert_literal(seen(item.toolTip()), IMG.format("institution"))
    win.search_page.table.grab()  # paints the delegate (a snippet document loads nothing)
    assert model.data(model.index(0, ResultsModel.INSTITUTION)) == record.institution


def test_a_query_with_markup_is_echoed_literally(qtbot, win):
    page = win.search_page
    markup = IMG.format("query").replace('"', "'") + "<table><tr><td>x</td></tr></table>"
    page.set_query(f'医院 year:"{markup}"')  # the error message echoes the year
    qtbot.waitUntil(lambda: page.status.text() != "" and page.stack.currentWidget() is page.empty,
                    timeout=10000)
    assert_literal(seen(page.empty.text(), page.empty.textFormat()), markup)
    for label in (page.status, page.expansion):
        assert label_seen(label)[1] == []


def test_the_reader_shows_title_heading_institution_and_file_name_literally(
        qtbot, win, hostile, caplog):
    _index_dir, record = hostile
    document = open_report(qtbot, win, record.path)
    pane = win.reader
    assert_literal(label_seen(pane.title), IMG.format("manifest"))
    assert_literal(label_seen(pane.meta), IMG.format("institution"))
    assert_literal(label_seen(pane.meta), "<b>B<i>I")
    assert_literal(seen(pane.meta.toolTip()), "<b>B<i>I<img src=name.png>")
    body = next(p for p in document.view.paragraphs if "正文段落" in p.text)
    document.go_to(body.ordinal)
    assert_literal(label_seen(pane.where), IMG.format("heading"))
    assert IMG.format("title") in document.toPlainText()
    win.tabs.setCurrentWidget(pane)
    win.grab()
    pane.copy_citation()
    from PySide6.QtGui import QGuiApplication

    assert IMG.format("body") in QGuiApplication.clipboard().text()
    assert record.title in QGuiApplication.clipboard().text()
    # The document never even asks (it would refuse, and say so in the log).
    assert isinstance(document, ReportDocument)
    assert "refused to load a resource" not in caplog.text


def test_compare_shows_both_headers_literally(qtbot, win, hostile):
    _index_dir, record = hostile
    other = next(r for r in win.library.model.records() if r.path != record.path)
    win.compare_two(record.path, other.path)
    left = win.compare.panes[0]
    qtbot.waitUntil(lambda: left.document.view is not None, timeout=10000)
    assert_literal(label_seen(left.title), IMG.format("manifest"))
    assert_literal(label_seen(left.meta), IMG.format("institution"))
    picker = win.compare.pickers[0]
    assert IMG.format("manifest") in picker.currentText()
    win.tabs.setCurrentWidget(win.compare)
    win.grab()


def test_the_library_its_tooltips_and_its_messages_show_markup_literally(qtbot, win,
                                                                          hostile, tmp_path):
    _index_dir, record = hostile
    model = win.library.model
    row = next(r for r in range(model.rowCount()) if model.record(r).path == record.path)
    for column in range(model.columnCount()):
        shown = model.data(model.index(row, column))
        tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
        if tip:
            assert seen(tip)[1] == []
    assert_literal(seen(model.data(model.index(row, model.PATH), Qt.ItemDataRole.ToolTipRole)),
                   "<b>B<i>I<img src=name.png>")
    assert shown == record.path
    # A year that cannot be, echoed in a dialog.
    assert not model.setData(model.index(row, model.YEAR), IMG.format("year"))
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert IMG.format("year") in boxes[0].text()
    boxes[0].close()
    # A skipped file with markup for a name: the list of skipped files, its tooltip and
    # the dialog show it as is.
    bad = tmp_path / "more"
    bad.mkdir()
    (bad / "<img src=skipped.png>.docx").write_bytes(b"PK\x03\x04 not a docx")
    win.start_indexing([bad])
    skipped = win.library.skipped
    qtbot.waitUntil(lambda: skipped.topLevelItemCount() == 1, timeout=30000)
    item = skipped.topLevelItem(0)
    assert item.text(0).endswith("<img src=skipped.png>.docx")
    assert_literal(seen(item.toolTip(0)), "<img src=skipped.png>.docx")
    assert_literal(label_seen(win.library.skipped_label), "1")
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and all(b.textFormat() == Qt.TextFormat.PlainText for b in boxes)
    assert any("<img src=skipped.png>" in b.detailedText() for b in boxes)


def test_errors_echoing_a_name_are_one_plain_dialog(qtbot, win):
    name = "/no/such/" + IMG.format("missing") + ".txt"
    win.open_report(name)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in win.findChildren(QMessageBox)),
                    timeout=10000)
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert IMG.format("missing") in boxes[0].text()
    assert IMG.format("missing") in win.statusBar().currentMessage()


def test_the_batch_dialog_shows_queries_and_errors_literally(qtbot, win):
    win.open_batch()
    dialog = win.batch
    good, bad = "<b>医院</b>", "医院 year:<img/src=batch.png>"
    dialog.queries.setPlainText(f"{good}\n{bad}\n")
    dialog.run()
    qtbot.waitUntil(lambda: "…" not in [dialog.table.item(r, 1).text() for r in range(2)],
                    timeout=10000)
    assert [dialog.table.item(r, 0).text() for r in range(2)] == [good, bad]
    assert "<img/src=batch.png>" in dialog.table.item(1, 1).text()  # the error, as is
    assert label_seen(dialog.status)[1] == []
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText


def test_sentences_are_spaced_in_english_and_not_after_a_chinese_full_stop():
    from gui.plain import sentences

    assert sentences("5 reports.", "", "1 copy.") == "5 reports. 1 copy."
    assert sentences("共 5 份报告。", "其中 1 份有副本。") == "共 5 份报告。其中 1 份有副本。"
    assert sentences("已取消。", "新增 0 份。") == "已取消。新增 0 份。"


def test_an_elided_label_cuts_its_end_and_keeps_the_whole_as_its_tooltip(qtbot):
    from gui.plain import ElidedLabel

    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text = "Paragraph 45 · 质效齐升 学科建设再结硕果 <b>x</b>"
    label.setText(text)
    label.resize(label.fontMetrics().horizontalAdvance(text) // 2, 24)
    label.show()
    shown = label.shown_text()
    assert shown.startswith("Paragraph 4") and shown.endswith("…")
    assert_literal(seen(label.toolTip()), text)
    label.resize(label.fontMetrics().horizontalAdvance(text) + 20, 24)
    assert label.shown_text() == text
    label.grab()
