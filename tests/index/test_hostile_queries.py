"""Thousands of random and adversarial queries: each gives a result or a clear error
(QueryError with a message), never another exception, and none makes the engine do
unbounded work."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import QueryError
from index.query import MAX_QUERY, parse

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


# ---------------------------------------------------------------- bounded work
#
# Work is counted, not timed: every Python and C function call made while a search runs
# (sys.setprofile sees both, including each str.find and str.count of the scans). A
# query within the limits may cost a few times what the most frequent character costs,
# never hundreds of times.


def steps(call) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        call()
    except QueryError:
        pass
    finally:
        sys.setprofile(None)
    return count


def _reference(engine) -> int:
    engine.search("的")  # warm: the scan is loaded once per snapshot
    return steps(lambda: engine.search("的"))


STEP_FACTOR = 5  # generous: the costliest query within the limits takes about twice "的"


def _reading(query: str) -> int:
    """The steps of parsing a query (linear in its length, which MAX_QUERY bounds)."""
    parse(query)  # warm
    return steps(lambda: parse(query))


def test_a_word_repeated_to_the_length_limit_costs_what_the_word_costs(seed_engine):
    """Past reading the query, the search costs what the word costs (the word's own
    search is cheap enough on the seeds for reading 998 characters to count)."""
    query = "的 " * 499  # 998 characters, inside the length limit
    assert len(query.strip()) < MAX_QUERY
    assert seed_engine.search(query).total == seed_engine.search("的").total
    assert steps(lambda: seed_engine.search(query)) < (2 * _reference(seed_engine)
                                                       + _reading(query))


@pytest.mark.corpus
def test_the_slow_query_is_bounded_on_the_corpus(corpus_engine):
    query = "的 " * 499
    result = corpus_engine.search(query)
    assert result.total == corpus_engine.search("的").total > 10000
    assert steps(lambda: corpus_engine.search(query)) < 2 * _reference(corpus_engine)


FREQUENT = ["的", "是", "在", "和", "了", "有", "发展", "医院", "人民", "工作", "一", "年", "中",
            "市二院", "长治市第二人民医院", "卫健委", "一号管三天受益患者千余人次的是在和"]
hostile_token = st.one_of(
    st.sampled_from(FREQUENT),
    st.sampled_from(FREQUENT).map(lambda w: "-" + w),
    st.sampled_from(FREQUENT).map(lambda w: f'"{w}"'),
    st.sampled_from(["OR", "NOT", "year:2025", "institution:市二院", "年份:2000-2030"]),
)


@st.composite
def hostile_queries(draw) -> str:
    """A few different terms, repeated and combined up to the length limit."""
    vocabulary = draw(st.lists(hostile_token, min_size=1, max_size=14, unique=True))
    length = draw(st.integers(1, 400))
    picks = draw(st.lists(st.sampled_from(vocabulary), min_size=length, max_size=length))
    return " ".join(picks)[:MAX_QUERY]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_queries(), st.sampled_from(["relevance", "year", "institution"]))
def test_hostile_queries_do_bounded_work(seed_engine, query, sort):
    bound = STEP_FACTOR * _reference(seed_engine)
    assert steps(lambda: seed_engine.search(query, sort=sort)) < bound, query


def test_too_many_different_terms_is_a_clear_error(seed_engine):
    from index.query import MAX_TERMS

    terms = [f"词{i}" for i in range(MAX_TERMS + 1)]
    with pytest.raises(QueryError, match=f"最多 {MAX_TERMS} 个"):
        seed_engine.search(" ".join(terms))
    with pytest.raises(QueryError, match=f"最多 {MAX_TERMS} 个"):
        seed_engine.search(" OR ".join(terms))
    assert seed_engine.search(" ".join(terms[:MAX_TERMS]) + " " + terms[0]).total == 0


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (20, -5), (-3, -3)])
def test_a_negative_limit_or_offset_is_a_clear_error(seed_engine, limit, offset):
    with pytest.raises(QueryError, match="负数"):
        seed_engine.search("医院", limit=limit, offset=offset)


def test_the_unknown_year_facet_filters_to_reports_with_no_year(tmp_path, seed_files):
    from index.engine import Engine
    from index.model import UNKNOWN_YEAR

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "undated.txt").write_text("没有年份的报告\n\n医院的工作总结。", encoding="utf-8")
    (folder / seed_files[0].name).write_bytes(seed_files[0].read_bytes())
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        everything = engine.search("医院", limit=0)
        assert everything.facets.year[UNKNOWN_YEAR] == 1
        undated = engine.search("医院", years=[UNKNOWN_YEAR], limit=0)
        assert undated.total == 1 and undated.hits[0].year is None
        assert undated.facets.year == everything.facets.year  # the facet keeps its counts
        both = engine.search("医院", years=[UNKNOWN_YEAR, 2025], limit=0)
        assert both.total == everything.total
        assert engine.search("医院", years=[2025], limit=0).total == everything.total - 1
