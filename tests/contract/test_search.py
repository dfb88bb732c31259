"""Searching: what is found (folding, aliases, the query language), how it is ranked
and sorted, paged, filtered and counted, and which queries are refused."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import unique_phrase

from index.errors import QueryError
from index.model import (
    ALL_WORDS,
    BY_INSTITUTION,
    BY_YEAR,
    EXACT,
    OLDEST,
    RELEVANCE,
    SORTS,
    UNKNOWN_YEAR,
    SearchResult,
)
from index.normalize import fold
from index.query import quote

from .conftest import ACROSS_THE_CUT, NO_YEAR_MARK


def _where(result: SearchResult) -> list[tuple[str, int]]:
    return [(h.path, h.paragraph) for h in result.hits]


def _year(hit) -> str:
    return UNKNOWN_YEAR if hit.year is None else str(hit.year)


def test_a_string_is_found_where_it_is_and_marked(backend, library):
    result = backend.search(unique_phrase(2))  # in the GBK file
    assert result.total == result.exact == 1 and result.query == unique_phrase(2)
    hit = result.hits[0]
    assert hit.path == library.path("own-2") and hit.report == "own-2.txt"
    assert hit.match == EXACT and hit.kind == "body" and hit.section == "一、医疗服务能力持续提升"
    assert [hit.text[s:e] for s, e in hit.highlights] == [unique_phrase(2)]
    record = backend.record(hit.path)
    assert (hit.title, hit.institution, hit.year) == (record.title, record.institution, record.year)
    assert backend.report(hit.path, hit.paragraph, 1).paragraphs[0].text == hit.text


def test_highlights_cover_every_occurrence_in_the_hit(backend):
    result = backend.search('"医院"', limit=0)
    assert result.total > 50
    for hit in result.hits:
        marked = [fold(hit.text[s:e]) for s, e in hit.highlights]
        assert all("医院" in m for m in marked)
        assert sum(m.count("医院") for m in marked) == fold(hit.text).count("医院")
        assert all(0 <= s < e <= len(hit.text) for s, e in hit.highlights)
        assert list(hit.highlights) == sorted(hit.highlights)


@pytest.mark.parametrize(("query", "report", "marked"), [
    ("医疗服务品质", "traditional", "醫療服務品質"),  # Simplified finds Traditional
    ("醫院新建胸痛中心", "traditional", "醫院新建胸痛中心"),
    ("12345台", "full-width", "１２３４５台"),  # half-width finds full-width
    ("deepseek", "full-width", "ＤｅｅｐＳｅｅｋ"),  # and any case
    ("ＣＴ检查67890", "full-width", "ＣＴ检查６７８９０"),
    (NO_YEAR_MARK, "no-year", NO_YEAR_MARK),
])
def test_folding_matches_width_case_and_traditional_forms(backend, library, query, report,
                                                          marked):
    for typed in (query, quote(query)):
        hits = [h for h in backend.search(typed, limit=0).hits if h.path == library.path(report)]
        assert hits, typed
        assert marked in {hits[0].text[s:e] for s, e in hits[0].highlights}


def test_a_string_across_the_cut_of_a_long_line_is_found_where_it_starts(backend, library):
    for typed in (ACROSS_THE_CUT, quote(ACROSS_THE_CUT)):
        result = backend.search(typed)
        assert result.total == result.exact == 1
        hit = result.hits[0]
        assert hit.path == library.path("long-line")
        following = backend.report(hit.path, hit.paragraph + 1, 1).paragraphs[0]
        assert following.joined and ACROSS_THE_CUT in hit.text + following.text
        assert ACROSS_THE_CUT not in hit.text  # the cut does run through it


def test_traditional_input_finds_simplified_text(backend):
    simplified = backend.search('"医院"', limit=0)
    traditional = backend.search('"醫院"', limit=0)
    assert _where(traditional) == _where(simplified)


def test_exact_matches_come_before_all_words_matches(backend):
    result = backend.search("医疗服务", limit=0)
    kinds = [h.match for h in result.hits]
    assert result.exact == kinds.count(EXACT) and 0 < result.exact < result.total
    assert kinds == sorted(kinds, key=lambda m: m != EXACT)
    for hit in result.hits:
        folded = fold(hit.text)
        if hit.match == EXACT:
            assert "医疗服务" in folded
        else:
            assert "医疗服务" not in folded and "医疗" in folded and "服务" in folded
    quoted = backend.search(quote("医疗服务"), limit=0)  # quoted: exactly, nothing apart
    assert quoted.total == quoted.exact == result.exact
    assert {h.match for h in quoted.hits} == {EXACT}
    assert ALL_WORDS in kinds


def test_an_alias_finds_every_name_of_its_institution_and_says_so(backend):
    result = backend.search("市二院", limit=0)
    assert set(result.expansions["市二院"]) >= {"长治市第二人民医院", "长治二院"}
    assert set(_where(backend.search('"长治市第二人民医院"', limit=0))) == set(_where(result))
    only_in_full = [h for h in result.hits if "市二院" not in fold(h.text)]
    assert only_in_full  # paragraphs that name it only in full are found too, and marked
    assert all("长治市第二人民医院" in [h.text[s:e] for s, e in h.highlights] for h in only_in_full)
    assert backend.search('"一号管三天"').expansions == {}


def test_the_query_language(backend):
    either = backend.search("李晓东 OR 胡文庆", limit=0)
    one = set(_where(backend.search("李晓东", limit=0)))
    other = set(_where(backend.search("胡文庆", limit=0)))
    assert one and other and set(_where(either)) == one | other

    both = backend.search("医院 患者", limit=0)
    assert all("医院" in fold(h.text) and "患者" in fold(h.text) for h in both.hits)

    for excluding in ("医院 -人才", "医院 NOT 人才"):
        without = backend.search(excluding, limit=0)
        assert without.total and all("人才" not in fold(h.text) for h in without.hits)
        assert without.total == backend.search("医院", limit=0).total - \
            backend.search("医院 人才", limit=0).total

    filtered = backend.search("医院 institution:市二院 year:2025", limit=0)
    assert filtered.total and {(h.institution, h.year) for h in filtered.hits} == \
        {("长治市第二人民医院", 2025)}
    ranged = backend.search("医院 year:2020-2022", limit=0)
    assert ranged.total and {h.year for h in ranged.hits} <= {2020, 2021, 2022}


def test_facets_count_the_whole_result_set(backend):
    result = backend.search("医院", limit=5)
    everything = backend.search("医院", limit=0)
    assert len(result.hits) == 5 and result.total == everything.total == len(everything.hits)
    assert result.facets == everything.facets
    assert result.facets.institution == Counter(h.institution for h in everything.hits)
    assert result.facets.year == Counter(_year(h) for h in everything.hits)
    counts = list(result.facets.institution.values())
    assert counts == sorted(counts, reverse=True)  # most first
    assert list(result.facets.year) == sorted(result.facets.year, reverse=True)  # newest first
    assert UNKNOWN_YEAR in result.facets.year and "" in result.facets.institution


def test_each_facet_is_counted_with_the_other_facets_filter(backend):
    everything = backend.search("医院", limit=0)
    institution = "长治市第二人民医院"
    by_institution = backend.search("医院", institutions=[institution], limit=0)
    assert by_institution.total == everything.facets.institution[institution]
    assert {h.institution for h in by_institution.hits} == {institution}
    assert by_institution.facets.institution == everything.facets.institution  # all choices stay
    assert by_institution.facets.year == Counter(_year(h) for h in by_institution.hits)

    by_year = backend.search("医院", years=[2025, 2022], limit=0)
    assert by_year.total == everything.facets.year["2025"] + everything.facets.year["2022"]
    assert by_year.facets.year == everything.facets.year
    assert by_year.facets.institution == Counter(h.institution for h in by_year.hits)

    both = backend.search("医院", institutions=[institution], years=[2025], limit=0)
    assert both.total == by_institution.facets.year["2025"] == by_year.facets.institution[
        institution]


def test_an_institution_filter_takes_any_of_its_names(backend):
    canonical = backend.search("医院", institutions=["长治市第二人民医院"], limit=0)
    for name in ("市二院", "长治二院"):
        assert _where(backend.search("医院", institutions=[name], limit=0)) == _where(canonical)


def test_the_unknown_year_selects_reports_with_no_year(backend, library):
    result = backend.search("医院 OR 报告 OR 工作", years=[UNKNOWN_YEAR], limit=0)
    assert result.total and all(h.year is None for h in result.hits)
    assert library.path("no-year") in {h.path for h in
                                        backend.search(NO_YEAR_MARK, years=[UNKNOWN_YEAR]).hits}
    assert backend.search(NO_YEAR_MARK, years=[2025]).total == 0
    mixed = backend.search("医院", years=[UNKNOWN_YEAR, 2025], limit=0)
    assert {_year(h) for h in mixed.hits} == {UNKNOWN_YEAR, "2025"}


@pytest.mark.parametrize("sort", SORTS)
def test_pages_make_the_whole_list(backend, sort):
    whole = backend.search("医院", limit=0, sort=sort)
    assert whole.total == len(whole.hits) > 60
    pages = []
    for offset in range(0, whole.total, 25):
        page = backend.search("医院", limit=25, offset=offset, sort=sort)
        assert page.total == whole.total and page.offset == offset
        pages += page.hits
    assert [(h.path, h.paragraph) for h in pages] == _where(whole)
    assert len(set(_where(whole))) == whole.total  # no paragraph twice
    beyond = backend.search("医院", limit=25, offset=whole.total + 10, sort=sort)
    assert beyond.hits == () and beyond.total == whole.total


def test_sorting(backend):
    by_year = backend.search("医院", limit=0, sort=BY_YEAR).hits
    years = [h.year or 0 for h in by_year]
    assert years == sorted(years, reverse=True)  # newest first, no year last
    oldest = backend.search("医院", limit=0, sort=OLDEST).hits
    years = [h.year or 10**4 for h in oldest]
    assert years == sorted(years) and years[0] < years[-1]  # oldest first, no year last
    by_institution = backend.search("医院", limit=0, sort=BY_INSTITUTION).hits
    names = [h.institution or "\uffff" for h in by_institution]
    assert names == sorted(names)  # by code point, no institution last
    assert len({h.institution for h in by_institution}) > 3
    by_relevance = backend.search("医院", limit=0, sort=RELEVANCE).hits
    assert sorted(_where(backend.search("医院", limit=0))) == sorted(
        (h.path, h.paragraph) for h in by_relevance)


@pytest.mark.parametrize("sort", [BY_YEAR, OLDEST, BY_INSTITUTION])
def test_every_order_puts_exact_matches_first(backend, sort):
    """"The oldest mention" is the oldest exact one, never words found apart in an
    older report; within each tier the order is the one asked for."""
    hits = backend.search("医院高质量发展", limit=0, sort=sort).hits
    tiers = [h.match != EXACT for h in hits]
    assert tiers == sorted(tiers) and True in tiers and False in tiers
    key = {BY_YEAR: lambda h: -(h.year or 0), OLDEST: lambda h: h.year or 10**4,
           BY_INSTITUTION: lambda h: h.institution or "\uffff"}[sort]
    for tier in (EXACT, ALL_WORDS):
        keys = [key(h) for h in hits if h.match == tier]
        assert keys == sorted(keys)


@pytest.mark.parametrize("query", [
    "", "   ", "-人才", "NOT 人才", "year:abc", "year:20x5", "医" * 1001,
    " ".join(f"词{i}" for i in range(13)),  # too many different terms
])
def test_a_bad_query_is_refused(backend, query):
    with pytest.raises(QueryError):
        backend.search(query)


def test_bad_arguments_are_refused(backend):
    with pytest.raises(QueryError):
        backend.search("医院", limit=-1)
    with pytest.raises(QueryError):
        backend.search("医院", offset=-1)
    with pytest.raises(QueryError):
        backend.search("医院", years=["二〇二五"])
    with pytest.raises(ValueError):
        backend.search("医院", sort="newest")


def test_a_query_with_nothing_found_is_an_empty_result(backend):
    result = backend.search('"这一句话不在任何报告里"')
    assert (result.total, result.exact, result.hits) == (0, 0, ())
    assert result.facets.institution == {} and result.facets.year == {}
