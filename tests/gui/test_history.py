"""Recent queries: only the ones acted on, no fragments or pastes, editable, shown whole."""

from __future__ import annotations

import pytest

from gui.history import LIMIT, HistoryDialog, QueryHistory, worth_keeping

from .conftest import search


@pytest.mark.parametrize(("query", "kept"), [
    ("一号管三天", True),
    ("李晓东 教授", True),
    ("\"高质量发展\" -人才", True),
    ("institution:市二院", False),
    ("year:2025 institution:市二院", False),
    ("-人才", False),
    ("OR", False),
    ("-", False),
    ("   ", False),
    ("医" * 900, False),
])
def test_only_queries_that_look_for_something_are_kept(query, kept):
    assert worth_keeping(query) is kept


def test_a_query_that_extends_one_of_this_run_replaces_it(qtbot):
    history = QueryHistory(["旧的查询"])
    history.add("国家人")
    history.add("国家人工智能")
    assert history.entries == ["国家人工智能", "旧的查询"]
    history.add("旧的查询")  # used again: first, once
    assert history.entries == ["旧的查询", "国家人工智能"]
    for n in range(LIMIT + 5):
        history.add(f"查询{n}号")
    assert len(history.entries) == LIMIT


def test_the_dialog_edits_removes_and_clears(qtbot):
    history = QueryHistory(["甲", "乙", "丙"])
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.list.item(0).setText("甲改")
    dialog.list.item(1).setSelected(True)
    dialog._remove()
    dialog.accept()
    assert history.entries == ["甲改", "丙"]
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.list.clear()
    dialog.accept()
    assert history.entries == []


def test_typing_alone_keeps_nothing_opening_a_hit_keeps_the_query(qtbot, window):
    page = window.search_page
    page._dwell.setInterval(60_000)  # the test decides when the results were "used"
    for partial in ("一号", "一号管", "一号管三天"):
        search(qtbot, window, partial)
    assert page.history.entries == []
    page.table.activated.emit(page.model.index(0, 0))
    assert page.history.entries == ["一号管三天"]


def test_results_left_on_screen_count_as_used(qtbot, window):
    page = window.search_page
    page._dwell.setInterval(50)
    search(qtbot, window, "李晓东")
    qtbot.waitUntil(lambda: page.history.entries == ["李晓东"], timeout=5000)


def test_the_menu_shows_every_entry_and_closes_when_results_arrive(qtbot, window):
    page = window.search_page
    page.set_history([f"查询{n}" for n in range(12)])
    page.history_menu.popup(page.box.mapToGlobal(page.box.rect().bottomLeft()))
    qtbot.waitUntil(page.history_menu.isVisible)
    entries = [a for a in page.history_menu.actions() if a.text().startswith("查询")]
    assert len(entries) == 12
    menu_height = page.history_menu.sizeHint().height()
    assert menu_height >= 12 * page.fontMetrics().height()  # every row, no scroll bar
    search(qtbot, window, "一号管三天")
    qtbot.waitUntil(lambda: not page.history_menu.isVisible())
