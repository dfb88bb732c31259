"""A huge report is laid out a window at a time, and reading it still works: F3 through
every match, paragraph selection, related tints and citations, beyond the window."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QSignalSpy

from gui.report_document import CHUNK_PARAGRAPHS, ReportDocument
from gui.report_view import ReportPane
from gui.workers import ReportLoad
from index.model import Kind, Paragraph, ReportRecord, ReportView

N = 20_000  # paragraphs: ~2 MB of text, 4,000 times what one screen shows


def _view(n: int = N) -> tuple[ReportView, dict]:
    paragraphs = [Paragraph(1, Kind.TITLE, "一份很长的报告", "")]
    for i in range(2, n + 1):
        if i % 1000 == 500:  # small tables here and there
            paragraphs.append(Paragraph(i, Kind.TABLE, f"项目\t数值{i}", "表"))
        else:
            text = f"第{i}段，关于卫生健康事业发展的内容。" + ("目标" if i % 997 == 0 else "")
            paragraphs.append(Paragraph(i, Kind.BODY, text, f"第{i // 100}节"))
    record = ReportRecord(key="k", path="/lib/long.txt", name="long.txt", title="长报告",
                          institution="某医院", year=2025, paragraphs=n, sha256="",
                          encoding="utf-8", size=0, mtime_ns=0)
    marks = {p.ordinal: ((p.text.index("目标"), p.text.index("目标") + 2),)
             for p in paragraphs if "目标" in p.text}
    return ReportView(record, tuple(paragraphs)), marks


@pytest.fixture
def document(qtbot):
    pane = ReportPane(with_similar=False)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    view, marks = _view()
    pane.load(ReportLoad(view, marks))
    yield pane.document


def test_only_a_bounded_window_is_laid_out_first(document):
    blocks = document.document().blockCount()
    assert blocks <= CHUNK_PARAGRAPHS + 10  # not 20,000
    lo, hi = document.rendered
    assert lo == 0 and hi < N


def test_scrolling_to_the_bottom_renders_more(qtbot, document):
    _lo, hi = document.rendered
    bar = document.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: document.rendered[1] > hi, timeout=5000)
    text = document.document().toPlainText()
    assert f"第{hi + 1}段" in text  # the next paragraph, right after the first chunk


def test_scrolling_up_from_a_jump_renders_what_is_above(qtbot, document):
    document.go_to(15_000)
    lo, _hi = document.rendered
    assert lo > 0
    top = document.cursorForPosition(document.viewport().rect().topLeft()).block().userState()
    document.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: document.rendered[0] < lo, timeout=5000)
    assert f"第{lo}段" in document.document().toPlainText()
    # The paragraph that was at the top is still in the document, the view did not jump.
    assert top in range(document.rendered[0] + 1, document.rendered[1] + 1)


def test_f3_walks_every_match_of_the_whole_report(document):
    hits = document.hit_ordinals
    assert len(hits) == N // 997
    seen = []
    for _ in hits:
        assert document.next_hit()
        seen.append(document.current_ordinal)
        assert "目标" in document.textCursor().block().text()  # the view is at the hit
    assert seen == hits
    assert document.hit_position() == (len(hits), len(hits))


def _background(document, position: int) -> str:
    cursor = QTextCursor(document.document())
    cursor.setPosition(position)  # the format of the character before the position
    return cursor.charFormat().background().color().name()


def test_the_matches_are_marked_in_what_is_rendered(document):
    last = document.hit_ordinals[-1]
    document.go_to(last)
    start, _end = document._positions[last]
    at = document.paragraph(last).text.index("目标")
    assert _background(document, start + at + 1) == "#ffd54f"
    assert _background(document, start + at) != "#ffd54f"


def test_selecting_citing_and_related_tints_beyond_the_first_window(qtbot, document):
    target = N - 3
    assert target not in range(*document.rendered)
    with qtbot.waitSignal(document.paragraph_selected) as selected:
        document.go_to(target)
    assert selected.args == [target]
    assert document.current_ordinal == target
    assert f"第{target}段" in document.citation() and "长报告" in document.citation()
    document.mark_related([10, N - 1])
    assert document.tint(N - 1) is not None  # rendered now: tinted
    document.scroll_to(10)  # far away: a window around it, tinted there too
    assert document.tint(10) is not None
    # A click on a paragraph makes it current.
    cursor = document.textCursor()
    cursor.setPosition(document._positions[12][0] + 1)
    document.setTextCursor(cursor)
    assert document.current_ordinal == 12
    QGuiApplication.clipboard().setText("")


def test_tables_are_not_split_and_keep_their_rows(document):
    document.go_to(1500)
    document_ = document.document()
    tables = [f for f in document_.rootFrame().childFrames()
              if f.__class__.__name__ == "QTextTable"]
    assert tables and all(t.columns() == 2 for t in tables)
    assert document.paragraph(1500).kind is Kind.TABLE
    assert document.current_ordinal == 1500


def test_a_report_is_never_a_way_to_load_a_resource(qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(ReportDocument, "loadResource",
                        lambda self, kind, url: asked.append(url.toString()))
    document = ReportDocument()
    qtbot.addWidget(document)
    text = '<img src="file:///dev/zero"> <table><tr><td>x</td></tr></table>'
    paragraphs = (Paragraph(1, Kind.HEADING, text, ""), Paragraph(2, Kind.BODY, text, text))
    record = ReportRecord("k", "/x.md", "x.md", text, text, None, 2, "", "utf-8", 0, 0)
    document.load(ReportView(record, paragraphs))
    document.show()
    assert document.document().toPlainText() == f"{text}\n{text}"
    assert asked == []


def test_a_big_report_is_shown_first_and_its_matches_counted_after(qtbot):
    pane = ReportPane(with_similar=False)
    qtbot.addWidget(pane)
    view, marks = _view()
    pane.load(ReportLoad(view, None, ("目标", "段")), ordinal=None)
    document = pane.document
    assert document.counting and document.hit_ordinals == []
    assert "counting" in pane.counter.text()
    start, _end = document._positions[2]  # laid out already: marked from the needles
    assert _background(document, start + 3) == "#ffd54f"  # 第2段: 段 is marked
    assert _background(document, start + 2) != "#ffd54f"
    with qtbot.waitSignal(document.hits_changed):
        document.set_marks(marks)
    assert not document.counting and document.hit_ordinals == sorted(marks)
    assert "matches" in pane.counter.text()
    assert document.next_hit() and document.current_ordinal == min(marks)


def test_the_reader_sends_a_big_report_before_its_marks(qtbot, window, monkeypatch):
    import gui.workers

    from .conftest import search

    monkeypatch.setattr(gui.workers, "MARK_AT_ONCE_CHARS", 10)  # every report is big
    search(qtbot, window, "医院")
    hit = window.search_page.model.hit(0)
    # Recorded in the reader thread, as they are sent.
    loaded, marked = QSignalSpy(window.reading.loaded), QSignalSpy(window.reading.marked)
    window.open_report(hit.path, hit.paragraph)
    qtbot.waitUntil(lambda: marked.count() == 1, timeout=10000)
    assert loaded.count() == 1 and loaded.at(0)[1].marks is None
    assert hit.paragraph in marked.at(0)[1]
    document = window.reader.document
    qtbot.waitUntil(lambda: not document.counting and bool(document.hit_ordinals), timeout=10000)
    assert hit.paragraph in document.hit_ordinals
    assert document.hit_position()[0] == document.hit_ordinals.index(hit.paragraph) + 1


def test_a_screenful_first_then_the_whole_report(qtbot):
    pane = ReportPane(with_similar=False)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    view, _marks = _view()
    head = ReportView(view.record, view.paragraphs[14_979:15_379])  # ordinals 14,980…15,379
    pane.load(ReportLoad(head, None, ("目标",), partial=True), ordinal=15_000)
    document = pane.document
    assert document.partial and document.current_ordinal == 15_000
    lo = document.rendered[0]
    document.complete(view)
    assert not document.partial and document.current_ordinal == 15_000
    assert document.rendered[0] == lo + 14_979  # the same paragraphs, now in the whole
    assert document.paragraph(1).text == view.paragraphs[0].text
    document.verticalScrollBar().setValue(0)  # and what is above can be scrolled to
    qtbot.waitUntil(lambda: document.rendered[0] < lo + 14_979, timeout=5000)


def test_the_reader_reads_a_huge_report_a_screenful_first(qtbot, window, monkeypatch):
    import gui.workers

    from .conftest import search

    monkeypatch.setattr(gui.workers, "FIRST_READ_PARAGRAPHS", 10)  # every report is huge
    monkeypatch.setattr(gui.workers, "FIRST_SCREEN", 8)
    monkeypatch.setattr(gui.workers, "FIRST_SCREEN_BEFORE", 2)
    search(qtbot, window, "一号管三天")
    hit = window.search_page.model.hit(0)
    loaded, completed = QSignalSpy(window.reading.loaded), QSignalSpy(window.reading.completed)
    marked = QSignalSpy(window.reading.marked)
    window.open_report(hit.path, hit.paragraph)
    qtbot.waitUntil(lambda: marked.count() == 1, timeout=10000)
    first, whole = loaded.at(0)[1], completed.at(0)[1]
    assert first.partial and len(first.view.paragraphs) <= 8
    assert hit.paragraph in [p.ordinal for p in first.view.paragraphs]
    assert len(whole.paragraphs) == whole.record.paragraphs > 8
    document = window.reader.document
    wanted = window.reading.latest_load["reader"]
    qtbot.waitUntil(lambda: window.shown.get("reader") == wanted and not document.partial
                    and not document.counting, timeout=10000)
    assert document.current_ordinal == hit.paragraph
    assert document.hit_ordinals == [hit.paragraph]
