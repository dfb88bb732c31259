"""Figures in a term and the other ways reports write them (no index involved)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from index.figures import cn_integer, figures, forms, parse_cn
from index.matching import alternative
from index.normalize import fold


@pytest.mark.parametrize(("typed", "others"), [
    ("23000家", {"2.3万家", "23,000家"}),
    ("2.3万家", {"23000家", "23,000家"}),
    ("23，000家", {"23000家", "2.3万家"}),  # a full-width comma folds to ","
    ("1,600亿斤", {"1600亿斤"}),
    ("2274.8万亿元", {"2,274.8万亿元"}),
    ("3.6%", {"百分之三点六"}),
    ("3.6％", {"百分之三点六"}),
    ("百分之七十二点二", {"72.2%"}),
    ("三千人", {"3000人", "3,000人"}),
    ("3000人", {"三千人"}),
    ("227人", {"二百二十七人"}),
    ("2024年", {"二〇二四年", "二零二四年", "2024"}),
    ("5%-5.5%", {"5-5.5%", "5%～5.5%", "5%至5.5%", "5%—5.5%", "5%~5.5%", "5~5.5%"}),
    ("5%至5.5%", {"5%-5.5%", "5-5.5%"}),
])
def test_each_form_of_a_figure_finds_the_others(typed, others):
    written = forms(fold(typed))
    assert written[0] == fold(typed)  # the literal string is still searched first
    assert {fold(o) for o in others} <= set(written)


@pytest.mark.parametrize("text", ["一号管三天", "十四五", "三天", "统一", "一二三", "三千五",
                                  "新建5g基站", "0355"])
def test_text_that_is_not_a_figure_keeps_its_one_form(text):
    assert forms(fold(text)) == (fold(text),)


@pytest.mark.parametrize(("text", "value"), [
    ("七十二点二", "72.2"), ("十三", "13"), ("一百零五", "105"), ("两万三千", "23000"),
    ("二万亿", "2000000000000"), ("三点六", "3.6"), ("十四五", None), ("三千五", None),
    ("一二", None), ("点五", None), ("两点", None),
])
def test_chinese_numerals_are_read_in_their_written_form_only(text, value):
    assert parse_cn(text) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("n", [10, 13, 105, 110, 227, 1000, 1100, 3000, 23000, 110000, 1100000,
                               100000000, 200030000, 10**11 + 5])
def test_chinese_numerals_round_trip(n):
    assert parse_cn(cn_integer(n)) == n


@pytest.mark.parametrize(("typed", "inside", "found"), [
    ("227人", "进修培训227人。", True),
    ("227人", "进修培训1227人。", False),
    ("227人", "全年2274人。", False),
    ("227人", "共1,227人。", False),
    ("227人", "首批，227人。", True),  # a comma before is punctuation, not a separator
    ("5.5%", "增长15.5%", False),
    ("5.5%", "增长5.5%左右", True),
    ("5%", "增长5.5%", False),
    ("2.3万", "总额2.3万亿元", False),
    ("2.3万", "企业2.3万家", True),
    ("23000", "共230000家", False),
    ("23000", "共23000.5吨", False),
    ("23000", "共23000万元", False),
    ("23,000", "共23,000,000元", False),
    ("23000", "共23000，300家", True),
    ("三千", "三千万", False),
    ("三千", "共三千人", True),
    ("百分之三点六", "百分之三点六五", False),
])
def test_a_figure_is_whole_where_it_is_found(typed, inside, found):
    assert alternative(fold(typed)).found_in(fold(inside)) is found


def test_figures_are_found_in_a_term_with_their_places():
    (figure,) = figures(fold("地区生产总值增长5.5%左右"))
    assert figure.typed == "5.5%" and "百分之五点五" in figure.forms
    assert [f.typed for f in figures("2024年增长5%")] == ["2024年", "5%"]
