"""One meaning, two executors: the local engine and the team archive, built from the
same sources, find the same paragraphs for the same query — the same tier for each, the
same counts, facets (exact ones apart), forms, words read as the report's, other names
and forms searched. Only the order within a tier may differ (ranking).

The queries are the figures written in the source files, each in its other forms and in
a form with a longer number around it, words that name a report, quotes as a keyboard
types them, exclusions, alternatives and filters."""

from __future__ import annotations

import re

import pytest

from contract.conftest import open_local, open_postgresql
from index.figures import figures
from index.normalize import fold

pytestmark = pytest.mark.postgresql

_FIGURE_WITH_UNIT = re.compile(r"[0-9][0-9.,]*(?:%|万|亿|人次|人|家|个|项|元|台|年)")
FIXED = [
    "医院", "“医院”", "「人才」", "‘医疗服务’", "医院 -患者", "医院 OR 学校", "人才 year:2023",
    "医院 institution:长治市第二人民医院", "长治 医院", "长治市 患者", "2024年 医院",
    "政府工作报告 发展", "2023年政府工作报告", "市二院 服务", "卫健委", "山西 营商环境",
    "百分之七十二点二", "72.2%", "一号管三天", "挂号管理三天", "醫療服務", "ＤｅｅｐＳｅｅｋ",
    "１２３４５台", "12345台", "1.2345万台", "八十万人次", "80万人次", "深圳 改革",
]


@pytest.fixture(scope="module")
def both(library, pg_cluster, tmp_path_factory):
    built = []
    for opener in (open_local, open_postgresql):
        backend = opener(tmp_path_factory.mktemp(f"same-{opener.__name__}"))
        backend.index(library.sources)
        built.append(backend)
    yield built
    for backend in built:
        backend.close()


def _queries(library) -> list[str]:
    """Every figure with its unit written in the sources, and each of its other forms."""
    typed = set()
    for lines in library.lines.values():
        for line in lines:
            typed.update(m.group() for m in _FIGURE_WITH_UNIT.finditer(fold(line)))
    out = set()
    for figure_text in sorted(typed)[:60]:
        out.add(figure_text)
        for figure in figures(figure_text):
            out.update(figure.forms[:3])
    return sorted(out)


def _meaning(result) -> dict:
    return {
        "hits": sorted((h.path, h.paragraph, h.match, tuple(sorted(h.forms.items())),
                        h.via_report, h.highlights) for h in result.hits),
        "tiers": [h.match for h in result.hits],
        "counts": (result.total, result.exact),
        "facets": result.facets,
        "expansions": result.expansions,
        "readings": result.readings,
    }


def test_the_library_holds_figures_in_many_forms(library):
    queries = _queries(library)
    assert len(queries) > 40 and any("万" in q for q in queries) and any(
        "%" in q for q in queries)


@pytest.mark.parametrize("kind", ["fixed", "figures"])
def test_both_backends_find_the_same_for_every_query(both, library, kind):
    local, archive = both
    queries = FIXED if kind == "fixed" else _queries(library)
    differ = []
    found_any = 0
    for query in queries:
        mine, theirs = (_meaning(b.search(query, limit=0)) for b in (local, archive))
        found_any += bool(mine["hits"])
        if mine != theirs:
            differ.append((query, {k: (mine[k], theirs[k]) for k in mine if mine[k] != theirs[k]}))
    assert differ == []
    assert found_any >= len(queries) // 2  # the queries find things


@pytest.mark.parametrize("sort", ["year", "oldest", "institution"])
def test_both_backends_order_alike_by_year_and_institution(both, sort):
    local, archive = both
    key = {"year": lambda h: (h.match, h.year), "oldest": lambda h: (h.match, h.year),
           "institution": lambda h: (h.match, h.institution)}[sort]
    for query in ("医院", "发展", "长治 医院", "80万人次"):
        mine, theirs = (b.search(query, limit=0, sort=sort).hits for b in (local, archive))
        assert [key(h) for h in mine] == [key(h) for h in theirs], query
