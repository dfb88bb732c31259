"""Searching: full recall against a substring scan, ranking tiers, facets, aliases,
highlights, filters, paging, more-like-this, and hostile input."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from index.errors import QueryError
from index.normalize import fold
from index.query import quote


def _paragraphs(engine):
    """(report name, ordinal, text, folded text) of every indexed paragraph."""
    out = []
    for record in engine.reports():
        for p in engine.report(record.name).paragraphs:
            out.append((record.name, p.ordinal, p.text, fold(p.text)))
    return out


def _scan(paragraphs, needle):
    """The recall reference: a plain substring scan of the (folded) paragraph texts."""
    folded = fold(needle)
    return {(name, ordinal) for name, ordinal, _text, text in paragraphs if folded in text}


def _found(engine, query):
    return {(h.report, h.paragraph) for h in engine.search(query, limit=0).hits}


# A random substring that the query language reads as plain text.
_SYNTAX = re.compile(r"[\"＂“”‘’「」『』']|(^|\s)(-|OR(\s|$)|NOT(\s|$)|(institution|机构|year|年份|年):)")


def _plain(text: str) -> bool:
    return bool(fold(text)) and not _SYNTAX.search(text)


@pytest.fixture(scope="module")
def seed_paragraphs(seed_engine):
    return _paragraphs(seed_engine)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_recall_of_random_substrings_of_the_seeds(seed_engine, seed_paragraphs, data):
    name, ordinal, text, _ = data.draw(st.sampled_from(seed_paragraphs))
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    length = data.draw(st.integers(1, 12))
    needle = text[start : start + length]
    assume(fold(needle))  # only white space: not a query
    expected = _scan(seed_paragraphs, needle)
    assert (name, ordinal) in expected
    assert expected <= _found(seed_engine, quote(needle))  # quoted
    if _plain(needle):
        assert expected <= _found(seed_engine, needle)  # unquoted


@pytest.mark.parametrize(
    "needle",
    ["一号管三天", "227人", "李晓东", "卫健委", "晓东", "SCI论文14篇", "DeepSeek", "的", "3",
     "成立公共卫生科", "关口前移", "两会专刊", "两会 专刊", "POCUS", "2024年7月", "“一号管三天”"],
)
def test_recall_of_the_examples_users_type(seed_engine, seed_paragraphs, needle):
    expected = _scan(seed_paragraphs, needle)
    assert expected
    assert expected <= _found(seed_engine, needle)
    assert expected <= _found(seed_engine, quote(needle))


def test_exact_matches_rank_before_all_word_matches(seed_engine):
    result = seed_engine.search("医院高质量发展", limit=0)
    matches = [h.match for h in result.hits]
    assert "all_words" in matches
    assert matches == sorted(matches, key=lambda m: m != "exact")
    assert result.exact == matches.count("exact")
    # Quoted: exact only.
    quoted = seed_engine.search('"医院高质量发展"', limit=0)
    assert all(h.match == "exact" for h in quoted.hits)
    assert quoted.total == result.exact


def test_case_width_and_traditional_forms_match(seed_engine):
    plain = _found(seed_engine, "DeepSeek")
    assert plain and plain == _found(seed_engine, "ＤＥＥＰＳＥＥＫ") == _found(seed_engine, "deepseek")
    assert _found(seed_engine, "醫院") == _found(seed_engine, "医院")


def test_alias_expansion_is_searched_and_reported(seed_engine):
    result = seed_engine.search("市二院", limit=0)
    assert "长治市第二人民医院" in result.expansions["市二院"]
    texts = [h.text for h in result.hits]
    assert any("长治市第二人民医院" in t and "市二院" not in t for t in texts)


def test_highlights_cover_every_whole_match(seed_engine):
    for hit in seed_engine.search("医院", limit=0).hits:
        marked = [hit.text[s:e] for s, e in hit.highlights]
        assert sum(m.count("医院") for m in marked) == hit.text.count("医院")
    (hit,) = seed_engine.search("两会专刊", institutions=["长治市第二人民医院"]).hits
    assert [hit.text[s:e] for s, e in hit.highlights] == ["两会 专刊"]  # across the space


def test_facets_count_the_whole_result_set(seed_engine):
    result = seed_engine.search("医院", limit=3)
    assert len(result.hits) == 3
    assert sum(result.facets.institution.values()) == result.total
    assert sum(result.facets.year.values()) == result.total
    assert set(result.facets.year) == {"2024", "2025", "2026"}


def test_filters_and_disjunctive_facets(seed_engine):
    everything = seed_engine.search("医院", limit=0)
    filtered = seed_engine.search("医院", institutions=["市二院"], limit=0)
    assert {h.institution for h in filtered.hits} == {"长治市第二人民医院"}
    assert filtered.total == everything.facets.institution["长治市第二人民医院"]
    # The institution facet still shows every institution while one is ticked.
    assert filtered.facets.institution == everything.facets.institution
    assert sum(filtered.facets.year.values()) == filtered.total
    in_query = seed_engine.search("医院 institution:市二院 year:2025", limit=0)
    assert in_query.total == filtered.total
    ranged = seed_engine.search("医院 year:2025-2026", limit=0)
    assert {h.year for h in ranged.hits} == {2025, 2026}


def test_or_and_not(seed_engine):
    either = _found(seed_engine, "李晓东 OR 胡文庆")
    assert either == _found(seed_engine, "李晓东") | _found(seed_engine, "胡文庆")
    assert len(either) == 2
    without = seed_engine.search("高质量发展 -人才", limit=0)
    assert without.total and all("人才" not in h.text for h in without.hits)


def test_sorting_and_paging(seed_engine):
    by_year = seed_engine.search("医院", sort="year", limit=0).hits
    assert [h.year for h in by_year] == sorted((h.year for h in by_year), reverse=True)
    by_inst = seed_engine.search("医院", sort="institution", limit=0).hits
    assert [h.institution for h in by_inst] == sorted(h.institution for h in by_inst)
    everything = seed_engine.search("医院", limit=0).hits
    pages = [seed_engine.search("医院", limit=10, offset=o).hits for o in range(0, len(everything), 10)]
    assert [h for page in pages for h in page] == list(everything)


def test_body_text_outranks_mastheads(seed_engine):
    hits = seed_engine.search("长治", limit=0).hits
    assert any(h.kind == "masthead" for h in hits)
    assert hits[0].kind != "masthead"
    assert hits[-1].kind in ("masthead", "furniture", "byline", "caption")


def test_similar_finds_the_same_topic_in_other_reports(seed_engine):
    hits = seed_engine.similar("000_bd9af7df280a18e9.txt", 51, limit=5)
    assert hits
    assert all(h.report != "000_bd9af7df280a18e9.txt" for h in hits)
    assert any("挂号管三天" in h.text for h in hits)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=60))
def test_any_text_gives_a_result_or_a_clear_error(seed_engine, text):
    try:
        result = seed_engine.search(text, limit=5)
    except QueryError as exc:
        assert str(exc)
    else:
        assert result.total >= len(result.hits)


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "OR", "- - -", "NOT", "😀", "医院" * 400, ".*[(", "\\", "year:2025",
     "\x00\x01医院", "institution:", "OR OR OR 医院"],
)
def test_malformed_queries(seed_engine, text):
    try:
        seed_engine.search(text)
    except QueryError as exc:
        assert str(exc)


@pytest.mark.corpus
def test_recall_on_the_corpus(corpus_engine):
    paragraphs = _paragraphs(corpus_engine)
    rng = random.Random(20261124)
    tried = 0
    for _ in range(150):
        _name, _ordinal, text, _ = rng.choice(paragraphs)
        if not text:
            continue
        length = rng.randint(1, 10)
        start = rng.randrange(max(1, len(text) - length + 1))
        needle = text[start : start + length]
        if not fold(needle):
            continue
        expected = _scan(paragraphs, needle)
        assert expected <= _found(corpus_engine, quote(needle)), needle
        if _plain(needle):
            assert expected <= _found(corpus_engine, needle), needle
        tried += 1
    assert tried > 100


@pytest.mark.corpus
@pytest.mark.parametrize("query", ["高质量发展", "深圳 住房", "2024年", '"加快推"', "医院 -教育",
                                   "就业 创业", "发展"])
def test_a_first_page_is_the_head_of_a_longer_listing(corpus_engine, query):
    """A page of 20 skips work a longer listing does (scoring hits that are not exact
    when the exact ones fill it, re-ranking past what can reach it): the same hits, in
    the same order, with the same scores and highlights."""
    from index.search import RERANK

    page = corpus_engine.search(query, limit=20)
    listing = corpus_engine.search(query, limit=RERANK + 100)
    assert page.total == listing.total > 20
    assert page.hits == listing.hits[:20]
    for sort in ("year", "oldest", "institution"):
        assert (corpus_engine.search(query, limit=20, sort=sort).hits
                == corpus_engine.search(query, limit=RERANK + 100, sort=sort).hits[:20])


@pytest.mark.corpus
def test_corpus_facets_and_traditional_reports(corpus_engine):
    result = corpus_engine.search("国务院", limit=1)
    assert result.facets.institution["国务院"] > 30
    # The 1954 report is in Traditional characters; a Simplified query finds it.
    found = corpus_engine.search("中华人民共和国宪法", years=[1954], limit=0)
    assert found.total > 0


def test_characters_beyond_the_bmp_are_found_and_cost_no_memory(tmp_path):
    from index.engine import Engine

    (tmp_path / "rare.txt").write_text(
        "罕见字𠀀𠀁𪚥的姓名出现在这一段。\n\n表情😀也在。\n\n普通的一段文字，只有常用字。",
        encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([tmp_path / "rare.txt"])
    (hit,) = engine.search("𠀁𪚥").hits
    assert [hit.text[s:e] for s, e in hit.highlights] == ["𠀁𪚥"]
    assert engine.search("😀").total == 1
    assert engine.search("字𠀀").total == 1
    assert engine.search("𪚥的姓名 一段").total == 1  # all-words path
    text = engine.searcher().text  # on disk, UTF-16: surrogate pairs, 2 bytes a unit
    (pid,) = text.find("𠀀")
    assert "𠀀" in text.folded(pid)
    segment = next((text.folder / "text").glob("*.utf16")).read_bytes()
    assert "𠀀".encode("utf-16-le") in segment and len(segment) % 2 == 0


def test_a_report_can_be_read_a_window_at_a_time(seed_engine):
    name = seed_engine.reports()[0].name
    whole = seed_engine.report(name).paragraphs
    window = seed_engine.report(name, first=10, count=5).paragraphs
    assert window == whole[9:14]
    assert seed_engine.report(name, first=len(whole) - 1, count=50).paragraphs == whole[-2:]


FRESH_QUERIES = ["一号管三天", "李晓东", "晓东", "医院 发展", "\"高质量发展\"", "SCI论文",
                 "卫健委", "市二院 -教育"]


def _ranked(result) -> list:
    return [(h.path, h.paragraph, h.score, h.match, h.highlights, h.forms) for h in result.hits]


def test_the_first_query_of_a_fresh_process_ranks_like_a_warm_one(seed_engine):
    """A process's first search (nothing imported, opened or cached before it) gives the
    same hits in the same order, with the same scores and highlights, as a warm engine
    that has answered other queries."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import json, sys\n"
        "from index.engine import Engine\n"
        "e = Engine(sys.argv[1])\n"
        "r = e.search(sys.argv[2], limit=50)\n"
        "print(json.dumps([r.total, [[h.path, h.paragraph, h.score, h.match,"
        " [list(s) for s in h.highlights], h.forms] for h in r.hits]], ensure_ascii=False))\n")
    root = Path(__file__).resolve().parents[2]
    for query in FRESH_QUERIES:
        proc = subprocess.run([sys.executable, "-c", code, str(seed_engine.index_dir), query],
                              cwd=root, capture_output=True, text=True, check=True)
        total, fresh = json.loads(proc.stdout)
        seed_engine.search("发展 创新")  # the warm engine has answered something else
        warm = seed_engine.search(query, limit=50)
        assert total == warm.total
        assert fresh == [[p, n, s, m, [list(x) for x in hl], f]
                         for p, n, s, m, hl, f in _ranked(warm)], query


def test_a_deleted_paragraph_has_no_document_and_its_new_version_is_shown(tmp_path):
    """A re-read report's old paragraphs are deleted in Whoosh (their terms stay until
    a merge): their pids have no document, and a hit shows the new text."""
    from index.engine import Engine

    source = tmp_path / "report.txt"
    source.write_text("旧版本的独有句子在这里。\n\n第二段说的是医院。", encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([source])
    (old_pid,) = engine.searcher().text.find(fold("旧版本的独有句子"))
    source.write_text("新版本的独有句子在这里。\n\n第二段说的是医院。", encoding="utf-8")
    engine.index([source])
    searcher = engine.searcher()
    assert not searcher.text.find(fold("旧版本"))
    assert searcher._reader.is_deleted(searcher._reader.term_info("pid", str(old_pid)).min_id())
    assert searcher._docnum(old_pid) is None
    (hit,) = engine.search("新版本的独有句子").hits
    assert hit.text.startswith("新版本的独有句子")
    (new_pid,) = searcher.text.find(fold("新版本的独有句子"))
    stored = searcher._searcher.stored_fields(searcher._docnum(new_pid))
    catalogue = searcher.text.catalogue()
    at = catalogue.report_of(new_pid)
    assert (stored["report"], stored["ordinal"]) == (
        catalogue.keys[at], new_pid - catalogue.firsts[at] + 1)


def test_a_query_of_filters_alone_reads_no_paragraph_text_to_score(seed_engine, monkeypatch):
    """A paragraph where no term occurs scores no occurrence: with no term at all (a
    year or institution filter alone) no text is read to score the hits, and the page
    is the reports' paragraphs in the filter, newest first, as before."""
    searcher = seed_engine.searcher()
    asked: list[int] = []
    texts = searcher.text.texts
    monkeypatch.setattr(searcher.text, "texts", lambda pids: asked.extend(pids) or texts(pids))
    result = seed_engine.search("year:2025", limit=5)
    assert result.total > 5 and len(result.hits) == 5
    assert {h.year for h in result.hits} == {2025} and {h.score for h in result.hits} == {0.0}
    assert asked == []


def test_a_hit_s_record_is_its_report_s_live_record_document(tmp_path):
    """A hit's record is found in the segments holding records, the report's postings
    intersected with theirs: the live one after a report was read again (its old
    record document deleted, still in its segment), None for a report not indexed."""
    from index.engine import Engine
    from index.writing import REPORT

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("第一份报告说医院。\n\n第二段。", encoding="utf-8")
    second.write_text("第二份报告也说医院。", encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([first, second])
    first.write_text("第一份报告改过了，仍说医院。\n\n第二段。\n\n第三段。", encoding="utf-8")
    engine.index([first, second])
    searcher = engine.searcher()
    records = set(searcher._searcher.document_numbers(doctype=REPORT))
    for key in searcher.text.catalogue().keys:
        live = [d for d in searcher._reader.postings("report", key).all_ids() if d in records]
        assert searcher._record_doc(key) == live[-1]
        assert searcher.record(key).key == key
    assert searcher._record_doc("no such report") is None
    # The first version's record document is still in its segment, deleted.
    assert searcher._reader.has_deletions()
    assert engine.search("改过了").hits[0].report == "a.txt"
