"""Result rows: whole lines only, and the snippet always holds its whole first match."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from gui.delegates import _line_bottom, _lines, fit_snippet
from index.highlight import snippet

TEXT = ("我们坚持以人民为中心的发展思想，" * 5) + "推动国家人工智能创新应用先导区建设，" + "取得了积极成效。" * 6
MATCH = "国家人工智能"


def _spans():
    start = TEXT.index(MATCH)
    return ((start, start + len(MATCH)),)


def test_a_snippet_never_ends_inside_its_first_match():
    start = TEXT.index(MATCH)
    # A window that would end after 国家人: the match is kept whole.
    shown, spans = snippet(TEXT, _spans(), width=(start + 3) * 3 // 2 - 1)
    first = spans[0]
    assert shown[first[0]:first[1]] == MATCH


@pytest.mark.parametrize("width", [330, 520, 1100])  # the paragraph column at three sizes
def test_each_row_shows_whole_lines_with_its_match(qtbot, width):
    font = QFont("WenQuanYi Micro Hei", 10)
    from PySide6.QtGui import QFontMetrics

    height = QFontMetrics(font).height() * 3 + 10  # the row height of the results table
    document, visible = fit_snippet(TEXT, _spans(), width, height, font)
    bottoms = [bottom for _top, bottom in _lines(document)]
    assert visible in bottoms and visible <= height  # ends at a line's bottom
    plain = document.toPlainText()
    assert MATCH in plain
    assert _line_bottom(document, plain.index(MATCH) + len(MATCH) - 1) <= visible
