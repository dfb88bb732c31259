"""What a search finds, its totals and its facet counts, against the plan's own
reference (``matching``: ``Alternative.found_in``, ``ReportTest.accepts``) run on every
stored paragraph in Python: the on-disk execution (gram postings, verification, pid
bitmaps and their cardinalities, preselection before ranking) finds exactly the same.
"""

from __future__ import annotations

from collections import Counter

import pytest

import index.search as search
from index.engine import Engine
from index.institutions import institutions
from index.matching import compiled
from index.model import EXACT
from index.normalize import fold

QUERIES = [
    "医", "院", "医院", "发展", "高质量发展", "227人", "2024年", "2024", "一号管三天",
    '"国内生产总值"', '"医院"', "医院 OR 学校", "医院 -教育", "患者 服务", "卫健委",
    "深圳 住房", "人民政府", "5%", "1.2万", "DeepSeek", "ＣＴ", "罗湖区", "山西 医院",
    "政府工作报告", "发展 -发展", "提升 OR 完善 -医院",
]


class Reference:
    """Every live paragraph, folded, with its report's record; a cut line's pieces
    glued to the next for literals, as a grep of the file would see them."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.rows = []
        for record in engine.reports():
            paragraphs = engine.report(record.path).paragraphs
            folded = [fold(p.text) for p in paragraphs]
            for i, p in enumerate(paragraphs):
                tail, j = "", i + 1
                while j < len(paragraphs) and paragraphs[j].joined and len(tail) < 200:
                    tail += folded[j]
                    j += 1
                self.rows.append((record, p.ordinal, folded[i], tail))

    @staticmethod
    def literal(own: str, tail: str, literal: str) -> bool:
        at = (own + tail).find(literal)
        return 0 <= at < len(own)

    def alternative(self, own, tail, alternative) -> bool:
        return self.literal(own, tail, alternative.literal) and (
            not alternative.pattern or compiled(alternative.pattern).search(own) is not None)

    def run(self, query: str, institution_filter=(), year_filter=()):
        plan = self.engine.searcher().plan(query)
        table = institutions()
        wanted = [(c, fold(c)) for c in ((table.canonical(v) or v) for v in
                                         (*plan.institutions, *institution_filter))]
        spans_ = [*plan.years, *((y, y) for y in year_filter)]
        hits, exact = {}, set()
        for record, ordinal, own, tail in self.rows:
            def has_exact(term, own=own, tail=tail, record=record):
                return any(self.alternative(own, tail, a) for a in term.alternatives) or (
                    term.report is not None
                    and term.report.accepts(record.institution, record.year, record.title))

            def has_loose(term, own=own, tail=tail):
                return self.literal(own, tail, term.literal) or (bool(term.pieces) and all(
                    any(self.alternative(own, tail, a) for a in piece) for piece in term.pieces))

            if not all(any(has_exact(t) or has_loose(t) for t in g) for g in plan.groups):
                continue
            if any(self.literal(own, tail, t.literal)
                   or any(self.alternative(own, tail, a) for a in t.alternatives)
                   for t in plan.excluded):
                continue
            inst_ok = not wanted or any(record.institution == c or (f and f in fold(
                record.institution)) for c, f in wanted)
            year_ok = not spans_ or (record.year is not None
                                     and any(a <= record.year <= b for a, b in spans_))
            key = (record.path, ordinal)
            hits[key] = (record, inst_ok, year_ok)
            if all(any(has_exact(t) for t in g) for g in plan.groups):
                exact.add(key)
        return hits, exact


def _expected(reference: Reference, query: str, **filters):
    hits, exact = reference.run(query, filters.get("institutions", ()), filters.get("years", ()))
    selected = {k for k, (_, i, y) in hits.items() if i and y}
    inst = Counter(r.institution for r, _, y in hits.values() if y)
    year = Counter(str(r.year or "") for r, i, _ in hits.values() if i)
    exact_inst = Counter(r.institution for k, (r, _, y) in hits.items() if y and k in exact)
    exact_year = Counter(str(r.year or "") for k, (r, i, _) in hits.items() if i and k in exact)
    return selected, exact & selected, inst, year, exact_inst, exact_year


def _check(engine: Engine, reference: Reference, query: str, **filters) -> None:
    selected, exact, inst, year, exact_inst, exact_year = _expected(reference, query, **filters)
    result = engine.search(query, limit=0, **filters)
    assert result.total == len(selected), query
    assert {(h.path, h.paragraph) for h in result.hits} == selected, query
    assert {(h.path, h.paragraph) for h in result.hits if h.match == EXACT} == exact, query
    assert result.exact == len(exact)
    assert result.facets.institution == dict(inst), query
    assert result.facets.year == dict(year), query
    assert result.facets.exact_institution == dict(exact_inst), query
    assert result.facets.exact_year == dict(exact_year), query
    page = engine.search(query, limit=20, **filters)  # a page: the same total and counts
    assert page.total == result.total and page.facets == result.facets
    assert len(page.hits) == min(20, result.total)


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory, seed_files, corpus_dir):
    engine = Engine(tmp_path_factory.mktemp("sample-index"))
    engine.index([*seed_files, *(corpus_dir / "docs" / f"{n:04d}.txt"
                                 for n in (3, 17, 45, 92, 130, 161, 200, 230, 261))])
    yield engine
    engine.close()


@pytest.mark.parametrize("which", ["seeds", "corpus sample"])
def test_hits_totals_and_facets_are_those_of_the_plan(request, which):
    engine = request.getfixturevalue("seed_engine" if which == "seeds" else "sample_engine")
    reference = Reference(engine)
    for query in QUERIES:
        _check(engine, reference, query)
    record = engine.reports()[0]
    _check(engine, reference, "发展", institutions=[record.institution])
    _check(engine, reference, "医院", years=[record.year or 2024])
    _check(engine, reference, "工作", institutions=[record.institution], years=[2023, 2024])


def test_a_preselected_ranking_finds_the_same_hits(seed_engine, monkeypatch):
    """A result larger than PRESELECT is scored in part, yet its total, facets and
    pages are those of the whole result, and its pages do not overlap."""
    whole = seed_engine.search("的", limit=0)
    monkeypatch.setattr(search, "PRESELECT", 50)
    cut = seed_engine.search("的", limit=0)
    assert cut.total == whole.total and cut.facets == whole.facets
    assert {(h.path, h.paragraph) for h in cut.hits} == {(h.path, h.paragraph)
                                                         for h in whole.hits}
    pages = [seed_engine.search("的", limit=20, offset=o) for o in (0, 20, 40)]
    keys = [(h.path, h.paragraph) for p in pages for h in p.hits]
    assert len(keys) == len(set(keys)) == 60
    assert all(p.total == whole.total for p in pages)
