"""Checkable items: figures with units and values, dates, people, institutions, titles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from index.checking.items import DATE, INSTITUTION, PERSON, TITLE, figures_in, items
from index.institutions import institutions


def _figures(text: str) -> list[tuple[str, tuple, str]]:
    return [(i.text, i.value, i.unit) for i in figures_in(text)]


def test_figures_with_their_units_and_values():
    assert _figures("派出237人，接诊1.6万人次，满意度72.2%，投入1.5亿元，200余人参加") == [
        ("237人", (Decimal(237),), "人"),
        ("1.6万人次", (Decimal(16000),), "人次"),
        ("72.2%", (Decimal("72.2"),), "%"),
        ("1.5亿元", (Decimal(150000000),), "元"),
        ("200余人", (Decimal(200),), "人"),
    ]


@pytest.mark.parametrize("one, other", [
    ("2.3万家", "23000家"), ("23,000家", "2.3万家"), ("3.6%", "百分之三点六"),
    ("２３７人", "237人"), ("两万三千元", "2.3万元"), ("百分之五", "5%"), ("45.0%", "45%"),
])
def test_one_figure_written_two_ways_has_one_value_and_unit(one, other):
    (a,), (b,) = figures_in(one), figures_in(other)
    assert (a.value, a.unit) == (b.value, b.unit)


def test_different_figures_and_units_differ():
    (a,), (b,), (c,) = figures_in("237人"), figures_in("227人"), figures_in("237人次")
    assert a.value != b.value and a.unit == b.unit
    assert a.unit != c.unit


def test_ranges_and_dates():
    (span,) = figures_in("增长5%-5.5%")
    assert span.value == (Decimal(5), Decimal("5.5")) and span.unit == "%"
    dates = figures_in("2024年7月，二〇二四年三月，9月15日")
    assert [(d.kind, d.text, d.value, d.unit) for d in dates] == [
        (DATE, "2024年7月", (2024, 7), "年月"),
        (DATE, "二〇二四年三月", (2024, 3), "年月"),
        (DATE, "9月15日", (9, 15), "月日"),
    ]


@pytest.mark.parametrize("text, written, value", [
    ("2023—2024年全市新增就业1.2万人", "2023—2024年", (2023, 2024)),
    ("行动计划（2024-2027年）", "2024-2027年", (2024, 2027)),
    ("2019—2023年均增长5%", "2019—2023年", (2019, 2023)),
])
def test_a_span_of_years_is_one_date_of_both_years(text, written, value):
    (date,) = [i for i in figures_in(text) if i.kind == DATE]
    assert (date.text, date.value, date.unit) == (written, value, "年-年")
    (single,) = figures_in(f"{value[1]}年")
    assert single.value != date.value  # the last year alone is not the span


def test_a_year_is_not_read_inside_a_longer_number():
    assert [i.kind for i in figures_in("12024年")] == ["figure"]


@pytest.mark.parametrize("text, names", [
    ("党委书记、院长李晓东教授带领关节外科", ["李晓东"]),
    ("主任胡文庆介绍", ["胡文庆"]),
    ("荣获全国文明城市称号，慈善事业发展", []),
    ("石岩街道梅林片区", []),
])
def test_people_are_names_by_a_surname_and_a_title_or_the_model_of_names(text, names):
    assert [i.text for i in items(text, institutions()) if i.kind == PERSON] == names


def test_people_institutions_and_titles_with_their_places():
    text = "市二院院长李晓东教授主持《实用骨科杂志》论坛，提出“一号管三天”。"
    found = items(text, institutions())
    assert [(i.kind, i.text) for i in found] == [
        (INSTITUTION, "市二院"), (PERSON, "李晓东"), (TITLE, "《实用骨科杂志》"),
        (TITLE, "“一号管三天”"),
    ]
    for item in found:
        assert text[item.start:item.end] == item.text
    assert found[0].key == "长治市第二人民医院"
    assert found[2].key == "实用骨科杂志"


def test_a_title_is_checked_whole_and_the_figures_in_it_apart():
    found = items("荣获《2023—2024年度长治市“安康杯”竞赛活动优胜单位》", institutions())
    assert [(i.kind, i.text) for i in found] == [
        (TITLE, "《2023—2024年度长治市“安康杯”竞赛活动优胜单位》"),
        (DATE, "2023—2024年"),
    ]
