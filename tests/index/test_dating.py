"""The year a report was delivered: each signal on a short synthetic report, and the
words it was read from."""

from __future__ import annotations

import pytest

from index.dating import detect_year, snippet
from index.paragraphs import find_paragraphs

OPENING = ["各位代表：", "现在，我代表区人民政府向大会作工作报告，请予审议。"]


def _date(lines: list[str]):
    return detect_year(find_paragraphs("\n".join(lines)))


def _evidence(lines: list[str]) -> str:
    paragraphs = find_paragraphs("\n".join(lines))
    dating = detect_year(paragraphs)
    text = next(p.text for p in paragraphs if p.ordinal == dating.paragraph)
    return snippet(text, dating.span)


@pytest.mark.parametrize(
    ("lines", "year", "signal"),
    [
        # A congress cited in the review is not the one being held: the review heading decides.
        ([*OPENING, "2022年工作回顾",
          "2022年，中国共产党第二十次全国代表大会胜利召开，习近平总书记代表第十九届中央委员会"
          "所作的报告，深刻阐释了新时代坚持和发展中国特色社会主义的一系列重大理论和实践问题，"
          "描绘了全面建设社会主义现代化国家的宏伟蓝图。"], 2023, "review year"),
        # The speaker who reports for a Central Committee dates a party congress.
        (["同志们：", "现在，我受十二届中央委员会委托，向大会作报告。"], 1987, "congress session"),
        # Last year's session: the report is a year later.
        (["各位代表：", "从去年9月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。",
          "现在，我代表国务院，向大会作以下报告。"], 1981, "congress session"),
        # A session cited for its resolution is not the one being held.
        (["各位代表：", "我代表国务院向大会作政府工作报告，请予审议。",
          "根据1983年6月第六届全国人民代表大会第一次会议的决议，各级政府进行了不懈的努力。"
          "1983年，农业生产又获得大丰收。"], 1984, "reviewed year"),
        # A government five years in office.
        (["各位代表：", "本届政府从1993年3月就职，到现在已经五年了，任期即将结束。"
          "我代表国务院向大会报告过去五年的工作。"], 1998, "term review"),
        # Five years since a new NPC's first session.
        (["各位代表：", "现在，我代表国务院，向大会报告本届政府过去五年的工作。", "一、过去五年工作回顾",
          "第十届全国人民代表大会第一次会议以来的五年，是不平凡的五年。"], 2008, "term review"),
        (["五年来，我国各族人民取得了伟大的成就。",
          "周恩来总理在报告中指出，从第二届全国人民代表大会第一次会议以来，国民经济全面好转。"],
         1964, "term review"),
        # The plan a speech is about, not an earlier session it recalls.
        (["各位代表：", "我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告，请予审议。",
          "第五届全国人民代表大会第二次会议，号召全国各族人民实现工作着重点的转移。"], 1980, "report subject"),
        (["各位代表：", "我代表国务院向大会提出关于1955年国家决算和1956年国家预算的报告，请予审查。"],
         1956, "report subject"),
        # A five-year review: the year after the span its figures cover.
        ([*OPENING, "一、过去五年工作回顾",
          "过去五年，地区生产总值由2016年的532亿元跃升至2020年的801亿元，年均增长9.5%。"],
         2021, "five-year review"),
        # ... or the year whose end it still expects.
        ([*OPENING, "一、过去五年工作回顾", "五年来，我们推创新、促消费、强动力。",
          "综合实力显著提升。预计到2016年底，本区生产总值超过1800亿元，年均增长8.4%。"],
         2016, "five-year review"),
        # A review of one year names it far more often than any other (targets aside).
        (["各位代表：", "我受国务院的委托，向大会作关于农业发展纲要执行情况的报告。",
          "1956年公布的纲要，在1958年和1959年取得了连续大跃进。",
          *[f"1959年第{i}项成绩显著，到1967年还要翻番。" for i in range(6)]], 1960, "reviewed year"),
    ],
)
def test_year_signals(lines, year, signal):
    assert _date(lines)[:2] == (year, signal)


def test_plan_span_of_the_next_five_years_is_not_a_review():
    lines = [*OPENING, "二、今后五年的主要任务",
             "今后五年，力争地区生产总值由2020年的801亿元增至2025年的1250亿元。"]
    assert _date(lines).signal != "five-year review"


def test_a_licence_year_does_not_date_a_report():
    body = "\n".join(["去年，这里没有任何组织。", "一月，陈独秀同志来到广州。"] * 3)
    footer = "这部作品在1931年1月1日以前以匿名或別名發表，確實作者身份不明，在美國屬於公有領域。"
    assert _date([body, footer]).year is None


@pytest.mark.parametrize(
    ("lines", "evidence"),
    [
        ([*OPENING, "一、2008年工作回顾", "过去一年，我们攻坚克难。"], "一、2008年工作回顾"),
        ([*OPENING, "一、过去五年工作回顾", "过去五年，我们做了大量工作，各项事业全面进步，"
          "地区生产总值由2016年的532亿元跃升至2020年的801亿元，年均增长9.5%，增速排名全市第一。"],
         "…各项事业全面进步，地区生产总值由2016年的532亿元跃升至2020年的801亿元，年均增长9.5%，…"),
    ],
)
def test_evidence_is_the_words_the_year_was_read_from(lines, evidence):
    assert _evidence(lines) == evidence
