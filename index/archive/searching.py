"""A query's plan (``matching``) executed as SQL: the local engine's meaning, run by the
server. What a query means is decided once, by ``matching.plan`` (through the local
``Searcher.plan``, which also bounds it); here each piece of the plan becomes a
condition on a paragraph ``p``:

- an alternative's literal: ``scan LIKE '%…%'`` through the trigram index when it has
  three word characters in a row, else ``grams @> {…}`` through the short-gram index
  (rechecked with LIKE unless the gram is exact), or ``strpos`` in a sequential scan
  when its grams are in most paragraphs; for a paragraph followed by the rest of a cut
  line, the first occurrence must start in its own part;
- an alternative's pattern (number boundaries): ``~`` on the paragraph's own folded
  text; the plan's pattern subset reads alike in Python and PostgreSQL;
- a report test (a word that names the report): ``report_id = ANY(…)``, the reports
  whose record passes ``ReportTest.accepts``, decided in Python over the catalogue.

A term is exact where an alternative is found or its report test passes, loose where
its literal is found or every piece is; each group must have a term, the excluded terms
none. One statement computes the matches once with their tier, counts them by report
and tier and those counts by institution, year and tier (the facets, exact ones apart,
with the local engine's filter predicates applied in Python), and returns the page in
order with a cheap score (the kind's weight, for a shorter paragraph more); by relevance
the leading ``RERANK`` are scored again in Python as the local engine scores them (BM25
over the occurrences of each term, half for a term found only loosely, the kind's
weight, a bonus for a term the report's record matches, a bonus per query word that is
one of the paragraph's jieba words), with document frequencies from ``word_stats``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psycopg

from ..analysis import words
from ..errors import QueryError
from ..highlight import found_spans
from ..matching import Alternative, Plan, Term, compiled
from ..model import (
    ALL_WORDS,
    BY_INSTITUTION,
    BY_YEAR,
    EXACT,
    OLDEST,
    RELEVANCE,
    SORTS,
    UNKNOWN_YEAR,
    Facets,
    Hit,
    Reading,
    ReportRecord,
    SearchResult,
)
from ..search import (
    K1,
    KIND_WEIGHT,
    LOOSE_WEIGHT,
    MIN_LENGTH,
    RERANK,
    WORD_BONUS,
    B,
    Searcher,
)
from . import grams

COMMON_SHARE = 0.30  # a longer needle of grams each in more paragraphs: scanned for
# The search statement's settings, for its transaction only. The planner costs a
# sequential scan that tests ``grams @>`` on every row as cheap, but each test unpacks a
# paragraph's gram array: 经济 counted in 3,120 reports, 3.1 s
# against 0.43 s through the gram index; a condition no index serves is still scanned.
# Enough memory that the matches and their sort stay out of temporary files.
PLAN_SETTINGS = ("SET LOCAL enable_seqscan = off", "SET LOCAL work_mem = '16MB'")
# The cheap score every match gets: its kind's weight, more for a shorter paragraph.
_KIND_CASE = "CASE p.kind " + " ".join(
    f"WHEN '{kind}' THEN {weight}::real" for kind, weight in KIND_WEIGHT.items()) + \
    " ELSE 1.0::real END"
# In float8: with numeric literals ln() runs in numeric, which took half the time of a
# query with a hundred thousand matches; the real it is cast to is the same.
_CHEAP = (f"({_KIND_CASE}) / ln(3.0::float8 + greatest(p.length, {MIN_LENGTH})::float8 "
          "/ 50.0::float8)::real")
_OWN = "(CASE WHEN p.own IS NULL THEN p.scan ELSE left(p.scan, p.own) END)"
# Every order puts exact matches first (e), then its own key; s is the cheap score, y the
# year, i the institution; the paragraph last.
_ORDER = {
    RELEVANCE: "e DESC, s DESC, coalesce(y, 0) DESC, report_id, ordinal",
    BY_YEAR: "e DESC, coalesce(y, 0) DESC, s DESC, report_id, ordinal",
    OLDEST: "e DESC, coalesce(y, 10000), s DESC, report_id, ordinal",
    BY_INSTITUTION: "e DESC, (i = ''), i COLLATE \"C\", s DESC, report_id, ordinal",
}
_WEIGHT = {str(kind): weight for kind, weight in KIND_WEIGHT.items()}


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


@dataclass(frozen=True)
class Stats:
    """What scoring needs of the whole archive: its paragraphs, their average length,
    the grams most paragraphs have (``common_grams``)."""

    paragraphs: int = 0
    average_length: float = 1.0
    common: frozenset[int] = frozenset()


def meaning(table) -> Searcher:
    """The local engine's query code over one alias table, with no index: the plan,
    its bounds, the filters (``Searcher.plan``, ``_institution_accepts``,
    ``_year_accepts``) read only the table."""
    searcher = Searcher.__new__(Searcher)
    searcher.table = table
    return searcher


def like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(needle: str, common: frozenset[int] = frozenset()) -> Condition:
    """Paragraph ``p`` has ``needle`` (folded) starting in its own text. A needle of one
    or two characters whose gram is exact is looked up in the gram index alone, however
    common: no text is read (发展, in 42% of the paragraphs: 534 → 348 ms for the count
    at ×10). ``common``: the grams in so many paragraphs that, for a longer needle made
    only of them, reading every text beats rechecking the index's candidates; ``strpos``
    then (twice as fast as LIKE on UTF-8, and one call also says where the first
    occurrence starts)."""
    if not needle:
        return Condition("false", [])
    codes = grams.of_needle(needle)
    if len(needle) <= 2 and grams.exact(needle):
        return Condition("p.grams @> %s::integer[]", [codes])  # exact: nothing to recheck
    if set(codes) <= common:
        return Condition("strpos(p.scan, %s) BETWEEN 1 AND coalesce(p.own, 2147483647)",
                         [needle])
    start = "(p.own IS NULL OR strpos(p.scan, %s) <= p.own)"
    if grams.has_trigram(needle):
        return Condition(f"(p.scan LIKE %s AND {start})", [like_pattern(needle), needle])
    return Condition(f"(p.grams @> %s::integer[] AND p.scan LIKE %s AND {start})",
                     [codes, like_pattern(needle), needle])


def found(alternative: Alternative, common: frozenset[int]) -> Condition:
    """Paragraph ``p`` has one way of writing a term: its literal, and its pattern on the
    paragraph's own folded text (as ``Alternative.found_in``)."""
    literal = contains(alternative.literal, common)
    if not alternative.pattern:
        return literal
    return Condition(f"({literal.sql} AND {_OWN} ~ %s)", [*literal.params, alternative.pattern])


def term_exact(term: Term, accepted: dict[Term, list[int]], common) -> Condition:
    parts = [found(a, common) for a in term.alternatives]
    if term in accepted:
        parts.append(Condition("p.report_id = ANY(%s::integer[])", [accepted[term]]))
    return Condition.join(parts, "OR", "false")


def literal_is_exact(term: Term) -> bool:
    """Is the term's literal one of its alternatives as it is (no pattern): then where
    the literal is, the term is exact."""
    return any(a.literal == term.literal and not a.pattern for a in term.alternatives)


def term_loose(term: Term, accepted: dict[Term, list[int]], common) -> Condition:
    parts = [term_exact(term, accepted, common)]
    if not literal_is_exact(term):
        parts.append(contains(term.literal, common))
    if term.pieces:
        parts.append(Condition.join([Condition.join([found(a, common) for a in piece], "OR",
                                                    "false") for piece in term.pieces],
                                    "AND", "true"))
    return Condition.join(parts, "OR", "false")


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


def stats(conn: psycopg.Connection) -> Stats:
    """The archive's ``Stats`` (read again by the backend when the revision changed)."""
    paragraphs, chars = conn.execute(
        "SELECT coalesce(sum(paragraphs), 0)::bigint, coalesce(sum(chars), 0)::float8 "
        "FROM reports").fetchone()
    return Stats(paragraphs, chars / paragraphs if paragraphs else 1.0, common_grams(conn))


def or_query(lexemes: Sequence[str]) -> str:
    """A tsquery that any of ``lexemes`` matches (each quoted as a literal)."""
    return " | ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'"
                      for w in lexemes)


def run(conn: psycopg.Connection, searcher: Searcher, records: dict[int, ReportRecord],
        institutions_known: Sequence[str], text, institutions: Sequence[str] = (),
        years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
        sort: str = RELEVANCE, archive: Stats = Stats(),
        refresh: Callable[[], dict[int, ReportRecord]] | None = None) -> SearchResult:
    """Search the archive. ``searcher``: ``meaning(table)``; ``records``: the catalogue
    by report id (for the report tests and the hits' report fields);
    ``institutions_known``: every institution in it (to resolve the filter);
    ``refresh``: the catalogue read again, for a hit in a report committed since
    ``records`` was read."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    if limit < 0 or offset < 0:
        raise QueryError(f"条数和起始位置不能是负数（limit={limit}，offset={offset}）。")
    planned = searcher.plan(text)
    inst_ok = searcher._institution_accepts((*planned.institutions, *institutions))
    year_ok = searcher._year_accepts(planned.years, years)
    accepted = {t: [i for i, r in records.items()
                    if t.report.accepts(r.institution, r.year, r.title)]
                for t in planned.terms if t.report is not None}
    common = archive.common

    groups = planned.groups
    matched = Condition.join([Condition.join([term_loose(t, accepted, common) for t in g],
                                             "OR", "false") for g in groups], "AND", "true")
    if any(t.pieces or not literal_is_exact(t) for t in planned.terms):
        exact = Condition.join([Condition.join([term_exact(t, accepted, common) for t in g],
                                               "OR", "false") for g in groups], "AND", "true")
    else:  # nothing is found loosely: every match is exact
        exact = Condition("true", [])
    # An alternative's pattern only narrows its literal: the literals are what is removed.
    removed = [contains(literal, common) for literal in dict.fromkeys(
        [t.literal for t in planned.excluded]
        + [a.literal for t in planned.excluded for a in t.alternatives])]
    if removed:
        gone = Condition.join(removed, "OR", "false")
        matched = Condition(f"({matched.sql} AND NOT {gone.sql})", matched.params + gone.params)

    wanted_inst = None if inst_ok is None else [i for i in institutions_known if inst_ok(i)]
    filters = []
    params_filter: list = []
    if wanted_inst is not None:
        filters.append("c.institution = ANY(%s)")
        params_filter.append(wanted_inst)
    if year_ok is not None:
        filters.append("(CASE WHEN c.year IS NULL THEN %s ELSE c.year = ANY(%s) END)")
        params_filter += [bool(year_ok(UNKNOWN_YEAR)),
                          [y for y in range(1800, 2201) if year_ok(str(y))]]
    where_hits = " AND ".join(filters) or "true"

    # The page in the order asked for, by the cheap score; by relevance the leading
    # RERANK are fetched too, to be scored again in Python.
    wanted = None if limit == 0 else offset + limit
    relevance = sort == RELEVANCE
    head = None if wanted is None else max(wanted, RERANK) if relevance else wanted
    query_words = sorted({w for t in planned.terms for w in words(t.literal)})
    source, params_source = _head_source(relevance and not filters, head)
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT p.report_id, p.ordinal, {exact.sql} AS e, {_CHEAP} AS s
            FROM paragraphs p WHERE {matched.sql}
        ), counts AS (
            SELECT c.institution, c.year, r.e, sum(r.n)::bigint AS n
            FROM (SELECT report_id, e, count(*) AS n FROM m GROUP BY 1, 2) r
            JOIN catalogue c ON c.id = r.report_id GROUP BY 1, 2, 3
        ), head AS (
            SELECT x.*, row_number() OVER (ORDER BY {_ORDER[sort]}) AS pos
            FROM (SELECT * FROM (SELECT m.report_id, m.ordinal, m.e, m.s, c.year AS y,
                                        c.institution AS i
                                 FROM {source} m JOIN catalogue c ON c.id = m.report_id
                                 WHERE {where_hits}) z
                  ORDER BY {_ORDER[sort]} LIMIT %s) x
        )
        SELECT 0 AS part, institution, year, e, n, NULL::integer, NULL::integer, NULL::text,
               NULL::text, NULL::text, NULL::text, NULL::integer, NULL::integer,
               NULL::text[], NULL::bigint
        FROM counts
        UNION ALL
        SELECT 1, NULL, h.y, h.e, NULL, h.report_id, h.ordinal, p.kind, p.section, p.text,
               p.scan, p.own, p.length,
               ARRAY(SELECT unnest(tsvector_to_array(p.words)) INTERSECT
                     SELECT unnest(%s::text[])), h.pos
        FROM head h JOIN paragraphs p USING (report_id, ordinal)
        WHERE (%s AND h.pos <= {RERANK}) OR h.pos > %s
        ORDER BY 1, 15"""
    rerank = relevance and offset < RERANK  # else the page is past the re-ranked ones
    params = [*exact.params, *matched.params, *params_source, *params_filter, head,
              query_words, rerank, offset]
    with conn.transaction():
        for setting in PLAN_SETTINGS:
            conn.execute(setting)
        rows = conn.execute(sql, params).fetchall()

    counts = [r for r in rows if r[0] == 0]
    page = [_Row(*r[1:]) for r in rows if r[0] == 1]
    if refresh is not None and any(r.report_id not in records for r in page):
        records = refresh()  # an import committed between the catalogue and the search
    scorer = _Scorer(conn, planned, accepted, archive, query_words)
    for row in page:
        row.score = scorer.score(row)
    if rerank:
        leading = sorted((r for r in page if r.pos <= RERANK),
                         key=lambda r: (not r.e, -r.score, -(r.year or 0), r.report_id,
                                        r.ordinal))
        page = (leading + [r for r in page if r.pos > RERANK])[offset:wanted]

    facets, total, exact_total = _facets(counts, inst_ok, year_ok)
    return SearchResult(
        query=planned.text, total=total, exact=exact_total,
        hits=tuple(_hit(r, records.get(r.report_id), planned, accepted) for r in page),
        facets=facets,
        expansions={t.text: t.also for t in planned.terms if t.also}, offset=offset,
        readings=tuple(r for t in planned.terms if t.report
                       and (r := _reading(t, [records[i] for i in accepted[t]]))))


def _head_source(cut: bool, head: int | None) -> tuple[str, list]:
    """Where the page's rows are taken from: the matches, or, by relevance with no
    filter, only those whose tier and cheap score (the order's first keys) reach the
    ``head``-th match's (``WITH TIES``), so that only they are joined with the
    catalogue and sorted by every key (a few hundred rows, not a hundred thousand)."""
    if not cut or head is None:
        return "m", []
    return "(SELECT * FROM m ORDER BY e DESC, s DESC FETCH FIRST %s ROWS WITH TIES)", [head]


@dataclass
class _Row:
    """A returned paragraph: its tier (e), text, folded text with what follows (scan,
    own), scoring length, which query words are among its jieba words, its place in
    the cheap order (pos), and the score given here."""

    _inst: None
    year: int | None
    e: bool
    _n: None
    report_id: int
    ordinal: int
    kind: str
    section: str
    text: str
    scan: str
    own: int | None
    length: int
    present: list[str]
    pos: int
    score: float = 0.0

    @property
    def folded(self) -> str:
        return self.scan if self.own is None else self.scan[:self.own]

    def has(self, alternative: Alternative) -> bool:
        """The SQL condition ``found``, in Python: the literal starting in the own text,
        the pattern on the own text."""
        at = self.scan.find(alternative.literal)
        if at == -1 or (self.own is not None and at >= self.own):
            return False
        return not alternative.pattern or compiled(alternative.pattern).search(
            self.folded) is not None


class _Scorer:
    """The local engine's score (``search.Searcher._scores`` and its re-rank), on the
    returned paragraphs, with document frequencies from ``word_stats``."""

    def __init__(self, conn, planned: Plan, accepted: dict[Term, list[int]],
                 archive: Stats, query_words: list[str]):
        self.planned, self.archive = planned, archive
        self.accepted = {t: set(ids) for t, ids in accepted.items()}
        asked = set(query_words)
        for term in planned.terms:
            asked.add(term.literal)
            asked.update(piece[0].literal for piece in term.pieces)
        self.df = dict(conn.execute("SELECT word, df FROM word_stats WHERE word = ANY(%s)",
                                    (sorted(asked),)).fetchall()) if asked else {}
        self.word_bonus = {w: self.idf(self.df.get(w, 0) or 1) * WORD_BONUS
                           for w in query_words}

    def idf(self, df: int) -> float:
        n = max(self.archive.paragraphs, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def term_df(self, term: Term) -> int:
        """In how many paragraphs a term is: its own frequency as a jieba word, else
        that of its rarest word (an estimate: the local engine counts its matches)."""
        if term.literal in self.df:
            return self.df[term.literal]
        known = [self.df[w] for w in words(term.literal) if w in self.df]
        return min(known) if known else 1

    def score(self, row: _Row) -> float:
        folded = row.folded
        k1 = K1 + 1
        norm = K1 * (1 - B + B * max(row.length, MIN_LENGTH) / max(self.archive.average_length,
                                                                      1.0))
        score = bonus = 0.0
        for term in self.planned.terms:
            idf = self.idf(self.term_df(term))
            if any(row.has(a) for a in term.alternatives):
                tf = sum(_occurrences(a, folded) for a in term.alternatives)
                score += idf * tf * k1 / (tf + norm)
            elif row.report_id in self.accepted.get(term, ()):
                bonus += (idf * k1 if term.report.names_place
                          else LOOSE_WEIGHT * idf * k1 / (1 + K1))
            else:
                tf = folded.count(term.literal)
                if tf:
                    score += idf * LOOSE_WEIGHT * tf * k1 / (tf + norm)
                    continue
                for piece in term.pieces:
                    word_idf = self.idf(self.df.get(piece[0].literal, 0) or 1) * LOOSE_WEIGHT
                    tf = sum(_occurrences(a, folded) for a in piece)
                    score += word_idf * tf * k1 / (tf + norm)
        weight = _WEIGHT.get(row.kind, 1.0)
        if row.pos <= RERANK:  # the whole-word bonus, as the local engine's re-rank
            score += sum(self.word_bonus.get(w, 0.0) for w in row.present)
        return score * weight + bonus


def _occurrences(alternative: Alternative, folded: str) -> int:
    if alternative.pattern:
        return sum(1 for _ in compiled(alternative.pattern).finditer(folded))
    return folded.count(alternative.literal) if alternative.literal else 0


def _facets(counts: list[tuple], inst_ok, year_ok) -> tuple[Facets, int, int]:
    """Facets over the matches and over the exact ones, each facet with the other
    facet's filter applied, not its own (as the local engine); total and exact count."""
    inst, year, exact_inst, exact_year = Counter(), Counter(), Counter(), Counter()
    total = exact_total = 0
    for _, institution, y, is_exact, n, *_ in counts:
        year_key = UNKNOWN_YEAR if y is None else str(y)
        inst_pass = inst_ok is None or inst_ok(institution)
        year_pass = year_ok is None or year_ok(year_key)
        if year_pass:
            inst[institution] += n
            if is_exact:
                exact_inst[institution] += n
        if inst_pass:
            year[year_key] += n
            if is_exact:
                exact_year[year_key] += n
        if inst_pass and year_pass:
            total += n
            exact_total += n if is_exact else 0

    def by_year(found: Counter) -> dict[str, int]:
        return dict(sorted(found.items(), key=lambda kv: kv[0], reverse=True))

    return (Facets(institution=dict(inst.most_common()), year=by_year(year),
                   exact_institution=dict(exact_inst.most_common()),
                   exact_year=by_year(exact_year)), total, exact_total)


def _hit(row: _Row, record: ReportRecord | None, planned: Plan,
         accepted: dict[Term, list[int]]) -> Hit:
    """A hit as the local engine makes it (``Searcher._hit``): for each term, the forms
    found, or the report's record, or its literal and pieces, marked in the text."""
    marks: list[Alternative] = []
    forms: dict[str, str] = {}
    via_report: list[str] = []
    folded = row.folded
    for term in planned.terms:
        if any(row.has(a) for a in term.alternatives):
            there = [a for a in term.alternatives if a.found_in(folded)]
            marks += there
            if there and not any(a.literal == term.literal for a in there):
                forms[term.text] = there[0].literal
        elif row.report_id in accepted.get(term, ()):
            via_report.append(term.text)
            marks += term.alternatives
        else:
            marks.append(Alternative(term.literal))
            marks += [a for piece in term.pieces for a in piece]
    return Hit(
        report=record.name if record else "", path=record.path if record else "",
        title=record.title if record else "",
        institution=record.institution if record else "",
        year=record.year if record else None, paragraph=row.ordinal, kind=row.kind,
        section=row.section, text=row.text, highlights=found_spans(row.text, marks),
        score=round(row.score, 4), match=EXACT if row.e else ALL_WORDS, forms=forms,
        via_report=tuple(dict.fromkeys(via_report)))


def _reading(term: Term, accepted: list[ReportRecord]) -> Reading | None:
    """How a term naming the report was read (``Searcher._reading``), None when it
    matched no report."""
    if not accepted:
        return None
    test = term.report
    found_in = tuple(sorted({r.institution for r in accepted if r.institution}))
    return Reading(term.text, found_in if test.names_place else (), test.years,
                   test.title_words)
