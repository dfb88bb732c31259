"""Thousands of random and adversarial queries: each gives a result or a clear error
(QueryError with a message), never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import QueryError

OPERATORS = ['"', '"', "＂", "-", "OR", "NOT", "institution:", "year:", "机构:", "年份:", ":",
             "(", ")", "*", "?", ".*", "[", "]", "\\", "^", "$", "|", "+", "{", "}", " ", "  ",
             "\t", "\n", "\x00", "\x1b", "\u200b", "\ufeff", "😀", "👨‍👩‍👧", "𠀀", "2025", "2024-2026",
             "市二院", "医院", "一号管三天", "ＤｅｅｐＳｅｅｋ", "醫院", "長", "%", "&", "<b>", "'"]

tokens = st.lists(st.sampled_from(OPERATORS), min_size=0, max_size=12).map("".join)
spaced = st.lists(st.sampled_from(OPERATORS), min_size=0, max_size=12).map(" ".join)
anything = st.text(min_size=0, max_size=80)
control = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=0, max_size=30)
huge = st.integers(min_value=900, max_value=12000).map(lambda n: "医院" * (n // 2))


def _answer(engine, text: str, **kwargs) -> None:
    try:
        result = engine.search(text, **kwargs)
    except QueryError as exc:
        assert str(exc).strip()
        return
    assert result.total >= len(result.hits)
    assert sum(result.facets.year.values()) >= result.total
    for hit in result.hits:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.text)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(tokens, spaced, anything, control))
def test_adversarial_queries(seed_engine, text):
    _answer(seed_engine, text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(tokens, spaced), st.sampled_from(["relevance", "year", "institution"]),
       st.integers(0, 50), st.integers(0, 30))
def test_adversarial_queries_with_sort_and_paging(seed_engine, text, sort, limit, offset):
    _answer(seed_engine, text, sort=sort, limit=limit, offset=offset)


@settings(max_examples=30, deadline=None)
@given(huge)
def test_very_long_queries(seed_engine, text):
    _answer(seed_engine, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.text(max_size=20))
def test_filters_with_any_value(seed_engine, institution, year):
    _answer(seed_engine, f"医院 institution:{institution} year:{year}")
    _answer(seed_engine, "医院", institutions=[institution])
    _answer(seed_engine, "医院", years=[year])
