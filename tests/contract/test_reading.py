"""Reading a library: the list of reports, one report (whole or a window), "more like
this", marking a query in a text, and the revision a reader caches by."""

from __future__ import annotations

import pytest

from index.errors import QueryError, ReportNotFoundError
from index.model import ALL_WORDS, Kind
from index.normalize import fold


def test_reports_lists_every_report_in_order(backend, library):
    records = backend.reports()
    assert sorted(r.path for r in records) == sorted(library.lines)
    assert records == sorted(records, key=lambda r: (-(r.year or 0), r.institution, r.name))
    assert all(r.paragraphs > 0 and not r.offline for r in records)
    by_path = {r.path: r for r in records}
    assert by_path[library.path("no-year")].year is None
    assert by_path[library.path("traditional")].year == 2023


def test_a_report_is_found_by_its_name_path_or_key(backend, library):
    path = library.path("full-width")
    record = next(r for r in backend.reports() if r.path == path)
    assert record.name == "full-width.txt"
    for name in (record.name, record.path, record.key):
        assert backend.record(name) == record
    for unknown in ("no-such-report.txt", "/nowhere/full-width.txt.bak"):
        with pytest.raises(ReportNotFoundError):
            backend.record(unknown)
        with pytest.raises(ReportNotFoundError):
            backend.report(unknown)


def test_a_report_reads_as_its_file_in_order(backend, library):
    view = backend.report(library.path("own-2"))  # a GBK file
    assert view.record == backend.record(library.path("own-2"))
    assert [p.ordinal for p in view.paragraphs] == list(range(1, view.record.paragraphs + 1))
    text = "\n".join(p.text for p in view.paragraphs)
    assert "第002号报告的独有句子" in text
    assert view.paragraphs[0].kind is Kind.TITLE
    assert any(p.kind is Kind.HEADING for p in view.paragraphs)
    body = next(p for p in view.paragraphs if "独有句子" in p.text)
    assert body.section == "一、医疗服务能力持续提升"


def test_a_long_line_reads_as_written_in_pieces(backend, library):
    view = backend.report(library.path("long-line"))
    pieces = [p for p in view.paragraphs if p.joined or p.ordinal > 1]
    line = next(line for line in library.lines[library.path("long-line")] if len(line) > 1000)
    assert "".join(p.text for p in pieces) == line
    assert [p.joined for p in pieces] == [False] + [True] * (len(pieces) - 1)


def test_a_window_of_a_report_is_the_same_paragraphs(backend, library):
    whole = backend.report(library.path("own-1")).paragraphs
    for first, count in ((1, 3), (4, 5), (len(whole) - 1, 10), (len(whole) + 5, 3)):
        window = backend.report(library.path("own-1"), first=first, count=count).paragraphs
        assert window == whole[first - 1:first - 1 + count]


def test_similar_paragraphs_come_from_other_reports(backend, library):
    seed = sorted(p for p in library.lines if "/seeds/" in p)[0]
    paragraph = max(backend.report(seed).paragraphs, key=lambda p: len(p.text))
    hits = backend.similar(seed, paragraph.ordinal, limit=5)
    assert 0 < len(hits) <= 5
    assert all(h.path != seed and h.match == ALL_WORDS for h in hits)
    for hit in hits:  # each is a real paragraph of its report
        assert backend.report(hit.path, hit.paragraph, 1).paragraphs[0].text == hit.text

    other = hits[0].path
    within = backend.similar(seed, paragraph.ordinal, limit=3, within=other)
    assert within and all(h.path == other for h in within)

    with pytest.raises(ReportNotFoundError):
        backend.similar(seed, 100_000)
    with pytest.raises(ReportNotFoundError):
        backend.similar("no-such-report.txt", 1)


def test_highlight_marks_the_text_as_given(backend):
    text = "臺中市立醫院引进ＤｅｅｐＳｅｅｋ大模型，医院"
    assert backend.highlight("医院", text) == ((4, 6), (20, 22))
    assert backend.highlight('"deepseek"', text) == ((8, 16),)
    assert backend.highlight("医院 deepseek", text) == ((4, 6), (8, 16), (20, 22))
    assert backend.highlight("没有的词", text) == ()
    assert backend.highlight("", text) == ()  # a query that does not parse marks nothing
    assert backend.highlight("year:abc", text) == ()


def test_highlight_marks_what_a_search_hit_marks(backend):
    for hit in backend.search('"市二院"', limit=5).hits:
        assert backend.highlight('"市二院"', hit.text) == hit.highlights


def test_needles_are_the_folded_strings_a_query_marks(backend):
    assert "deepseek" in backend.needles("ＤｅｅｐＳｅｅｋ")
    assert "医院" in backend.needles('"醫院"')
    names = backend.needles("市二院")
    assert {"市二院", fold("长治市第二人民医院")} <= set(names)  # an alias: every name
    assert all(n == fold(n) for n in names)
    with pytest.raises(QueryError):
        backend.needles("-人才")


def test_the_revision_holds_while_nothing_is_committed(backend):
    before = backend.revision()
    backend.search("医院")
    backend.report(backend.reports()[0].path)
    assert backend.revision() == before
    hash(before)  # a cache key
