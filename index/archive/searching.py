"""A parsed query as SQL: what is found is decided exactly as the local engine decides it
(``terms``), by conditions the indexes answer; the server ranks, counts and pages.

Each folded needle becomes a condition on a paragraph: ``scan LIKE '%needle%'`` through
the trigram index when the needle has three word characters in a row, otherwise
``grams @> {its grams}`` through the short-gram index, rechecked with LIKE; and, for a
paragraph followed by the rest of a cut line, the first occurrence must start in its own
part. A term is exact when one of its needles is there, "all words" when all its words
are; the query's groups are ANDed, the excluded needles taken out. One statement then
computes the matching paragraphs once (with their score: ``ts_rank`` of the query's
jieba words, times the weight of the paragraph's kind), counts them by institution, year
and exactness, and returns the page asked for; facets and the filters are applied to
those counts in Python with the local engine's predicates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from ..analysis import words
from ..errors import QueryError
from ..highlight import spans
from ..model import (
    ALL_WORDS,
    BY_INSTITUTION,
    BY_YEAR,
    EXACT,
    RELEVANCE,
    SORTS,
    UNKNOWN_YEAR,
    Facets,
    Hit,
    ReportRecord,
    SearchResult,
)
from ..search import KIND_WEIGHT
from . import grams
from .terms import QueryTerms, Term

COMMON_SHARE = 0.02  # a gram in more paragraphs than this is scanned for, not looked up
RANK_NORMALIZATION = 1  # ts_rank divides by 1 + log(paragraph length)
RERANK = 200  # leading matches ordered by ts_rank (by relevance), as search.RERANK
# The cheap score every match gets: its kind's weight, more for a shorter paragraph.
_CHEAP = "({kind}) / ln(3.0 + p.length / 50.0)::real"
_KIND_CASE = "CASE p.kind " + " ".join(
    f"WHEN '{kind}' THEN {weight}::real" for kind, weight in KIND_WEIGHT.items()) + \
    " ELSE 1.0::real END"
_CHEAP = _CHEAP.format(kind=_KIND_CASE)
_ORDER = {  # over a page's columns: e exact, s score, y year, i institution
    "relevance": "e DESC, s DESC, coalesce(y, 0) DESC, report_id, ordinal",
    BY_YEAR: "coalesce(y, 0) DESC, e DESC, s DESC, report_id, ordinal",
    BY_INSTITUTION: "(i = ''), i COLLATE \"C\", e DESC, s DESC, report_id, ordinal",
}


@dataclass
class Condition:
    """A piece of SQL with its parameters."""

    sql: str
    params: list

    @staticmethod
    def join(parts: list[Condition], op: str, empty: str) -> Condition:
        if not parts:
            return Condition(empty, [])
        if len(parts) == 1:
            return parts[0]
        return Condition("(" + f" {op} ".join(p.sql for p in parts) + ")",
                         [v for p in parts for v in p.params])


def like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(needle: str, common: frozenset[int] = frozenset()) -> Condition:
    """Paragraph ``p`` has ``needle`` (folded) starting in its own text. ``common``: the
    grams in so many paragraphs that reading every text beats an index for a needle made
    only of them; ``strpos`` then (twice as fast as LIKE on UTF-8, and one call also says
    where the first occurrence starts)."""
    codes = grams.of_needle(needle)
    if set(codes) <= common:
        return Condition("strpos(p.scan, %s) BETWEEN 1 AND coalesce(p.own, 2147483647)",
                         [needle])
    start = "(p.own IS NULL OR strpos(p.scan, %s) <= p.own)"
    if grams.has_trigram(needle):
        return Condition(f"(p.scan LIKE %s AND {start})", [like_pattern(needle), needle])
    if len(needle) <= 2 and grams.exact(needle):
        return Condition("p.grams @> %s::integer[]", [codes])  # exact: nothing to recheck
    return Condition(f"(p.grams @> %s::integer[] AND p.scan LIKE %s AND {start})",
                     [codes, like_pattern(needle), needle])


def term_exact(term: Term, common: frozenset[int]) -> Condition:
    return Condition.join([contains(n, common) for n in term.needles], "OR", "false")


def term_loose(term: Term, common: frozenset[int]) -> Condition:
    exact = term_exact(term, common)
    if not term.parts:
        return exact
    every = Condition.join([contains(w, common) for w in term.parts], "AND", "true")
    return Condition.join([exact, every], "OR", "false")


def common_grams(conn: psycopg.Connection, share: float = COMMON_SHARE) -> frozenset[int]:
    """The grams found in more than ``share`` of the paragraphs, from the statistics
    ANALYZE keeps (``most_common_elems``): for those, a sequential scan of the text beats
    the gram index (``python -m index.benchmark --server`` measures both)."""
    row = conn.execute("SELECT most_common_elems::text::integer[], most_common_elem_freqs "
                       "FROM pg_stats WHERE tablename = 'paragraphs' AND attname = 'grams'"
                       ).fetchone()
    if not row or row[0] is None:
        return frozenset()
    return frozenset(g for g, f in zip(row[0], row[1], strict=False) if f > share)


def or_query(lexemes: Sequence[str]) -> str:
    """A tsquery that any of ``lexemes`` matches (each quoted as a literal)."""
    return " | ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'"
                      for w in lexemes)


def run(conn: psycopg.Connection, terms: QueryTerms, records: dict[int, ReportRecord],
        institutions_known: Sequence[str], text, institutions: Sequence[str] = (),
        years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
        sort: str = "relevance", common: frozenset[int] = frozenset()) -> SearchResult:
    """Search the archive. ``records``: the catalogue by report id (for the hits' report
    fields); ``institutions_known``: every institution in it (to resolve the filter);
    ``common``: the grams most paragraphs have (``common_grams``)."""
    query = terms.parse(text)
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    if limit < 0 or offset < 0:
        raise QueryError(f"条数和起始位置不能是负数（limit={limit}，offset={offset}）。")
    groups = terms.groups(query)
    inst_ok = terms.institution_filter((*query.institutions, *institutions))
    year_ok = terms.year_filter(query.years, years)

    found = Condition.join([Condition.join([term_loose(t, common) for t in g], "OR", "false")
                            for g in groups], "AND", "true")
    if any(t.parts for g in groups for t in g):
        exact = Condition.join([Condition.join([term_exact(t, common) for t in g], "OR",
                                               "false") for g in groups], "AND", "true")
    else:  # nothing is found apart: every paragraph found is an exact match
        exact = Condition("true", [])
    excluded = [contains(n, common) for atom in query.excluded
                for n in terms.atom_needles(atom)]
    if excluded:
        found = Condition(f"({found.sql} AND NOT {Condition.join(excluded, 'OR', 'false').sql})",
                          found.params + [v for c in excluded for v in c.params])

    ranking = sorted({w for g in groups for t in g for w in words(t.atom.folded)})
    if ranking:
        score = Condition(f"ts_rank(p.words, %s::tsquery, {RANK_NORMALIZATION}) * ({_KIND_CASE})",
                          [or_query(ranking)])
    else:
        score = Condition(f"({_KIND_CASE})", [])
    wanted_inst = None if inst_ok is None else [i for i in institutions_known if inst_ok(i)]
    filters = []
    params_filter: list = []
    if wanted_inst is not None:
        filters.append("c.institution = ANY(%s)")
        params_filter.append(wanted_inst)
    if year_ok is not None:
        filters.append("(CASE WHEN c.year IS NULL THEN %s ELSE c.year = ANY(%s) END)")
        known_years = range(1800, 2201)
        params_filter += [bool(year_ok(UNKNOWN_YEAR)), [y for y in known_years if year_ok(str(y))]]
    where_hits = " AND ".join(filters) or "true"

    # Matches are ordered by a cheap score (the kind's weight, shorter first) read from
    # the row; by relevance the leading RERANK are then ordered by ts_rank, as the local
    # engine re-ranks its leading hits, so a page never waits for every match's words.
    wanted = None if limit == 0 else offset + limit
    head = None if wanted is None else max(wanted, RERANK)
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT p.report_id, p.ordinal, {exact.sql} AS e, {_CHEAP} AS s
            FROM paragraphs p WHERE {found.sql}
        ), counts AS (
            SELECT c.institution, c.year, m.e, count(*) AS n
            FROM m JOIN catalogue c ON c.id = m.report_id GROUP BY 1, 2, 3
        ), head AS (
            SELECT x.*, row_number() OVER (ORDER BY {_ORDER[sort]}) AS pos
            FROM (SELECT * FROM (SELECT m.report_id, m.ordinal, m.e, m.s, c.year AS y,
                                        c.institution AS i
                                 FROM m JOIN catalogue c ON c.id = m.report_id
                                 WHERE {where_hits}) z
                  ORDER BY {_ORDER[sort]} LIMIT %s) x
        ), ranked AS (
            SELECT h.report_id, h.ordinal, h.e, p.kind, p.section, p.text,
                   CASE WHEN %s AND h.pos <= {RERANK} THEN {score.sql} ELSE h.s END AS s,
                   row_number() OVER (ORDER BY CASE WHEN %s THEN h.pos > {RERANK} END,
                       CASE WHEN %s AND h.pos <= {RERANK} THEN h.e END DESC,
                       CASE WHEN %s AND h.pos <= {RERANK} THEN {score.sql} END DESC,
                       h.pos) AS rn
            FROM head h JOIN paragraphs p USING (report_id, ordinal)
        )
        SELECT 0 AS part, institution, year, e, n, NULL::integer, NULL::integer, NULL::real,
               NULL::text, NULL::text, NULL::text, NULL::bigint
        FROM counts
        UNION ALL
        SELECT 1, NULL, NULL, e, NULL, report_id, ordinal, s, kind, section, text, rn
        FROM ranked WHERE rn > %s AND (%s::bigint IS NULL OR rn <= %s)
        ORDER BY 1, 12"""
    relevance = sort == RELEVANCE
    params = [*exact.params, *found.params, *params_filter, head,
              relevance, *score.params, relevance, relevance, relevance, *score.params,
              offset, wanted, wanted]
    rows = conn.execute(sql, params).fetchall()

    facet_inst: Counter = Counter()
    facet_year: Counter = Counter()
    total = exact_total = 0
    hits = []
    for part, inst, year, is_exact, n, report_id, ordinal, s, kind, section, body, _ in rows:
        if part == 0:
            year_key = UNKNOWN_YEAR if year is None else str(year)
            inst_pass = inst_ok is None or inst_ok(inst)
            year_pass = year_ok is None or year_ok(year_key)
            if year_pass:
                facet_inst[inst] += n
            if inst_pass:
                facet_year[year_key] += n
            if inst_pass and year_pass:
                total += n
                exact_total += n if is_exact else 0
            continue
        record = records.get(report_id)
        needles = [n_ for g in groups for t in g for n_ in
                   (t.needles + (t.parts if not is_exact else ()))]
        hits.append(Hit(
            report=record.name if record else "", path=record.path if record else "",
            title=record.title if record else "",
            institution=record.institution if record else "",
            year=record.year if record else None, paragraph=ordinal, kind=kind,
            section=section, text=body, highlights=spans(body, needles),
            score=round(float(s), 4), match=EXACT if is_exact else ALL_WORDS))
    return SearchResult(
        query=query.text, total=total, exact=exact_total, hits=tuple(hits),
        facets=Facets(institution=dict(facet_inst.most_common()),
                      year=dict(sorted(facet_year.items(), key=lambda kv: kv[0], reverse=True))),
        expansions=terms.expansions(groups), offset=offset)
