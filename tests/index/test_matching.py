"""The plan of a query (``index.matching``): what every backend must find, decided
without an index. Each ``found`` below is the reference semantics of the plan."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.institutions import InstitutionTable, institutions
from index.matching import (
    Alternative,
    ReportTest,
    alternative,
    escape,
    plan,
    report_test,
    split,
)
from index.normalize import fold
from index.query import parse


@pytest.fixture
def table() -> InstitutionTable:
    return institutions()


def _terms(query: str, table):
    return plan(parse(query), table).terms


def _exact(term, text: str) -> bool:
    return any(a.found_in(fold(text)) for a in term.alternatives)


def test_a_figure_term_is_found_in_any_of_its_forms(table):
    (term,) = _terms("23000家", table)
    assert _exact(term, "验区新设企业2.3万家。") and _exact(term, "共23,000家")
    assert term.also[:2] == ("23,000家", "2.3万家")  # shown to the user as searched too
    found = next(a for a in term.alternatives if a.found_in("新设企业2.3万家"))
    assert term.form_of(found) == "2.3万家"


def test_number_boundaries_make_only_loose_matches(table):
    (term,) = _terms("227人", table)
    assert not _exact(term, "培训1227人") and term.literal in fold("培训1227人")  # loose
    assert term.pieces == ()  # a figure with its unit is never split
    assert not _exact(term, "2274.8万亿元，新增就业人数")


def test_the_all_words_tier_never_splits_a_number(table):
    assert split(fold("地区生产总值增长5.5%左右")) == ["地区", "生产总值", "增长", "5.5%左右"]
    assert split(fold("5%-5.5%")) == ["5%-5.5%"]
    assert split(fold("进修培训227人")) == ["进修", "培训", "227人"]
    (term,) = _terms("增长5%-5.5%", table)
    assert [piece[0].literal for piece in term.pieces] == ["增长", "5%-5.5%"]
    assert len(term.pieces[1]) > 10  # the range piece in every written form


@pytest.mark.parametrize(("term", "institution", "year", "title", "accepted"), [
    ("山西", "山西省人民政府", 2025, "2025年山西省政府工作报告", True),
    ("山西", "陕西省人民政府", 2025, "2025年陕西省政府工作报告", False),
    ("罗湖区政府", "深圳市罗湖区人民政府", 2020, "", True),
    ("罗湖", "深圳市罗湖区人民政府", 2020, "", True),
    ("国务院", "国务院", 2024, "", True),
    ("深圳", "深圳市福田区人民政府", 2024, "", True),
    ("2024年", "国务院", 2024, "", True),
    ("2024", "国务院", 2023, "", False),
    ("2024年政府工作报告", "国务院", 2024, "2024年国务院工作报告", True),
    ("2024年政府工作报告", "国务院", 2024, "关于预算的报告", False),
    ("广东2025年", "广东省人民政府", 2025, "", True),
])
def test_words_that_name_the_report_test_its_record(table, term, institution, year, title,
                                                     accepted):
    test = report_test(term, table)
    assert test is not None and test.accepts(institution, year, title) is accepted


@pytest.mark.parametrize("term", ["营商环境", "山西煤炭", "2024年7月", "城镇新增就业", "227人"])
def test_other_words_do_not_name_a_report(table, term):
    assert report_test(term, table) is None


def test_report_words_count_only_beside_words_found_in_the_text(table):
    shanxi, business = _terms("山西 营商环境", table)
    assert shanxi.report == ReportTest(prefixes=("山西省",)) and business.report is None
    (alone,) = _terms("山西", table)  # nothing else to find in the text: search the text
    assert alone.report is None
    quoted, _ = _terms('"山西" 营商环境', table)
    assert quoted.report is None  # quoted: exactly as typed


def test_quoted_terms_keep_their_one_form_and_boundaries(table):
    (term,) = _terms('"227人"', table)
    assert [a.literal for a in term.alternatives] == ["227人"] and term.pieces == ()
    assert not _exact(term, "1227人") and _exact(term, "培训227人")


def test_institution_names_stay_alternatives(table):
    (term,) = _terms("市二院", table)
    assert _exact(term, "长治市第二人民医院举办") and term.pieces == ()


def test_excluded_terms_carry_no_report_test(table):
    excluded = plan(parse("营商环境 -山西"), table).excluded
    assert [t.report for t in excluded] == [None]


def test_patterns_stay_in_the_subset_both_regex_engines_read():
    """Only escaped literals, bracket classes, {n}, $ and fixed negative lookarounds."""
    allowed = re.compile(r"(\\.|\[\^?[^\]]+\]|\{\d+\}|\(\?<?!|\)|\$|[^\\()\[\]{}$.^|?*+])*")
    table = institutions()
    for query in ("227人", "23000家", "2.3万", "5%-5.5%", "百分之七十二点二", "三千", "2024年",
                  "1,600亿斤", "4601.5亿元"):
        for term in _terms(query, table):
            for a in term.alternatives:
                assert a.pattern == "" or allowed.fullmatch(a.pattern), a.pattern
                assert a.pattern == "" or escape(a.literal) in a.pattern


def test_spans_of_an_alternative_respect_its_pattern():
    a = Alternative("227人", r"(?<![0-9])227人")
    assert a.spans("1227人和227人") == [(6, 10)]
    assert Alternative("人").spans("人人") == [(0, 1), (1, 2)]


_LOOKBEHINDS = re.compile(r"(\(\?<!(\\.|\[\^?[^\]]+\]|\{\d+\}|[^\\()\[\]])*\))*")
_LOOKAHEADS = re.compile(r"(\(\?!(\\.|\[\^?[^\]]+\]|\{\d+\}|\$|[^\\()\[\]$])*\))*")


def test_a_pattern_is_its_literal_between_zero_width_conditions():
    """What lets a pattern be tried only where its literal occurs (``Alternative``)."""
    table = institutions()
    for query in ("227人", "23000家", "2.3万", "5%-5.5%", "百分之七十二点二", "三千", "2024年",
                  "1,600亿斤", "4601.5亿元", "0亿元", "025", "3.5"):
        for term in _terms(query, table):
            for a in term.alternatives:
                if a.pattern:
                    before, _, after = a.pattern.partition(escape(a.literal))
                    assert _LOOKBEHINDS.fullmatch(before) and _LOOKAHEADS.fullmatch(after), a


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789.,万亿人年元 #", max_size=40),
       literal=st.sampled_from(["227人", "0亿元", "025", "3.5", "2024年", "23,000", "5万"]))
def test_an_alternative_counts_and_spans_as_its_pattern_searched(text, literal):
    """Trying the pattern at the literal's occurrences finds, counts and marks what
    searching the whole text for it does (``re.search``, ``re.finditer``)."""
    a = alternative(literal)
    assert a.pattern
    text = text.replace("#", literal)
    for folded in (text, literal + text, text + literal, text + literal + literal):
        reference = [m.span() for m in re.finditer(a.pattern, folded)]
        assert a.found_in(folded) is bool(reference)
        assert a.count_in(folded) == len(reference)
        assert a.spans(folded) == reference
    plain = Alternative("人")
    assert plain.count_in("人人") == 2 and plain.spans("人人") == [(0, 1), (1, 2)]
