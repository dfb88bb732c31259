"""Run a query's plan (``matching``) on one snapshot of the index.

What a query means is decided by ``matching.plan``: its terms, each term's ways of
writing it (other names of an institution, other forms of a figure, with number
boundaries), its pieces for the all-words tier and, for words that name the report,
a test on the report's record. This module executes that plan on the library's text
on disk (``textindex``): each literal's candidates come from gram postings and are
verified in the folded text (nothing of the text is held in memory), a pattern is
checked on the paragraphs its literal found, a report test selects the pid ranges of
the reports it accepts. Every paragraph containing what was typed is returned.
Paragraphs are pids here (``textindex``); Whoosh documents are looked up by pid only
for the hits shown.
How it ranks:

1. **exact** matches first: every term found whole (as typed, in another form, or in
   the report's record when the term names the report);
2. then the others: a term found only as its words apart (一号管三天 → 一号 管 三天),
   or only as a string inside a longer number (227人 inside 1227人);
3. within each tier, BM25 over the occurrences of the terms, plus a bonus when a
   term is a whole word in the paragraph (jieba's words, from the index), weighted
   by the paragraph's kind (body text above captions, bylines, mastheads), plus a
   bonus for each term the report's record matches.

Result sets are roaring bitmaps of pids, and totals and facet counts are their
cardinalities (each institution's and year's pids are a bitmap built from the report
table), so nothing loops over the hits in Python but the scoring, which a large result
reaches only after a preselection by year (``PRESELECT``), and only for its exact
matches when they fill the page (they come first in every order). The whole-word
re-ranking stops at the first hit that could not reach the page with every bonus; a
term's pieces are verified only where the term is not found exactly. A hit's report
record is read when the hit is shown, not when the searcher opens.

Facet counts are over the whole result set, and apart over its exact matches:
institution counts with the year filter applied but not the institution filter, and
the other way round, so every choice stays visible while one is ticked. Reports with
no known year count under the year ``UNKNOWN_YEAR`` (""), and passing it in
``years`` selects them.

The work a query can ask for is bounded: ``query.parse`` allows ``MAX_TERMS``
different terms; with the other names and forms they stand for they may make at most
``MAX_NEEDLES`` strings to look for (more is a QueryError), each found once per
search; the all-words tier looks at ``matching.MAX_WORDS`` words of a term and
``matching.MAX_FALLBACK_WORDS`` words in all (terms past that budget match exactly
only).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice

from . import whoosh_fixes  # (Whoosh is imported through it, patched)

# isort: split
from pyroaring import BitMap
from whoosh import query as wq
from whoosh.reading import TermNotFound

from .analysis import whole_words, words
from .errors import QueryError, ReportNotFoundError
from .highlight import found_spans, spans
from .institutions import InstitutionTable
from .matching import Alternative, Plan, ReportTest, Term, compiled, plan
from .model import (
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
    Kind,
    Paragraph,
    Reading,
    ReportRecord,
    ReportView,
    SearchResult,
)
from .normalize import fold
from .query import Query, parse
from .textindex import KINDS, TextReader
from .writing import PARAGRAPH, REPORT, decode_text

MAX_NEEDLES = 48  # strings scanned for (terms, their other names and forms)
# A title or heading weighs as much as body text, no more: it names a topic, the body
# holds its facts (a heading that merely mentions a term must not outrank them).
KIND_WEIGHT = {
    Kind.TITLE: 1.0, Kind.HEADING: 1.0, Kind.BODY: 1.0, Kind.TABLE: 0.9, Kind.CAPTION: 0.8,
    Kind.BYLINE: 0.4, Kind.MASTHEAD: 0.15, Kind.FURNITURE: 0.05,
}
MIN_SIMILAR_LENGTH = 12  # a shorter paragraph is "similar" by accident
MIN_LENGTH = 20  # shorter paragraphs are scored as if this long: no bonus for being tiny
# BM25's length normalisation at half strength (b = 0.5, not 0.75): a long paragraph of a
# report is long because it holds more facts, not because it strays from the topic, so
# short list sentences must not win by brevity alone.
K1, B = 1.2, 0.5
# A figure counts as one character of a paragraph's length: near-identical paragraphs
# of yearly reports that differ in their figures (1200万人次 / 1350.6万人次) are then the
# same length, score alike, and the newer comes first (ties go to recency).
_FIGURE = re.compile(r"[0-9][0-9.,%]*")


def scoring_length(folded: str) -> int:
    """A paragraph's length for scoring: each figure counts as one character."""
    return len(_FIGURE.sub("0", folded))  # each figure made one character, in C


WORD_BONUS = 0.5
RERANK = 200  # how many leading hits get the whole-word bonus
LOOSE_WEIGHT = 0.5  # a term found only in pieces counts for half
# A result larger than this is cut down before scoring (to this many, or to the page
# asked for): by year (newest first, or as the sort asks), then in pid order within the
# last year taken. Totals, facets and which paragraphs are found do not change.
PRESELECT = 1_500
# A term found only in the report's record: when it names the report's institution or
# place, it counts as much as the most a text occurrence can (the report is that place's);
# when it names only a year or a kind of report, as a loose match, half of one occurrence
# in a paragraph of average length (a report of 2017 speaks of 2016 and of 2017 alike;
# the paragraph that writes "2017年" is the surer answer).


@dataclass
class _TermMatch:
    term: Term
    exact: BitMap  # an alternative found in the text
    via_report: BitMap  # the report's record passes the term's report test
    loose: BitMap  # found only as its literal inside a longer number, or in pieces


def _union(bitmaps: Iterable[BitMap]) -> BitMap:
    return BitMap.union(BitMap(), *bitmaps)


def _intersection(bitmaps: list[BitMap]) -> BitMap:
    return BitMap.intersection(*bitmaps) if len(bitmaps) > 1 else BitMap(bitmaps[0])


class Searcher:
    """One snapshot of the index: a Whoosh searcher plus the library's text on disk
    (``text``, shared by the searchers of one engine: it follows commits itself and
    keeps what did not change). Use it from one thread; open a new one after the index
    changes."""

    def __init__(self, whoosh_index, table: InstitutionTable, text: TextReader,
                 pid_ranges: dict[str, tuple[int, int]] | None = None):
        """``pid_ranges``: the pids each Whoosh segment was seen to hold (by segment id;
        segments never change, so an engine keeps it across searchers)."""
        self.table = table
        self.generation = whoosh_index.latest_generation()
        self._searcher = whoosh_index.searcher()
        reader = self._reader = self._searcher.reader()
        self._leaves = [(leaf, offset, leaf.segment().segment_id() if leaf.segment() else "")
                        for leaf, offset in reader.leaf_readers()]
        self._pid_ranges = {} if pid_ranges is None else pid_ranges
        self._text = whoosh_fixes.column_reader(reader, "text")  # each segment's when read
        self._records: dict[str, ReportRecord] | None = None  # every report's, when needed
        self._some: dict[str, ReportRecord | None] = {}  # the hits' reports, read one by one
        self._record_docs: set[int] | None = None  # the documents that are report records
        self._record_leaves: list | None = None  # the segments holding some of them
        self.text = text
        text.wait_for(self.generation)  # its commit follows Whoosh's at once
        self._lengths: dict[int, int] = {}  # scoring lengths, worked out as needed
        self._folded: dict[int, str] = {}  # per search: folded text of the pids scored
        self._found: dict[Alternative, BitMap] = {}  # per search: each form's paragraphs
        self._docnums: dict[int, int | None] = {}  # per search: Whoosh documents of pids
        self._weight = {str(kind): w for kind, w in KIND_WEIGHT.items()}
        self._weight_of_code = [self._weight.get(str(kind), 1.0) for kind in KINDS]

    def close(self) -> None:
        self._searcher.close()

    @property
    def records(self) -> dict[str, ReportRecord]:
        """Every report's record by key, read at the first call that needs them all (a
        search reads only its hits' records: opening costs nothing per report)."""
        if self._records is None:
            self._records = {
                r.key: r for r in (ReportRecord.from_stored(s)
                                   for s in self._searcher.documents(doctype=REPORT))}
        return self._records

    @records.setter
    def records(self, records: dict[str, ReportRecord]) -> None:
        self._records = records

    def record(self, key: str) -> ReportRecord | None:
        """One report's record by key (None: not in this snapshot)."""
        if self._records is not None:
            return self._records.get(key)
        if key not in self._some:
            docnum = self._record_doc(key)
            self._some[key] = None if docnum is None else ReportRecord.from_stored(
                self._searcher.stored_fields(docnum))
        return self._some[key]

    def _record_doc(self, key: str) -> int | None:
        """The live record document of report ``key`` (the last, were there several), in
        the segments that hold records: a report's record is written after its
        paragraphs, so it is the last document of its ``report`` term there, which the
        term table says without reading postings; the postings are read only when that
        document is not a live record (~0.3 ms a report before, decoding every posting
        of its paragraphs)."""
        if self._record_leaves is None:
            self._record_leaves = [
                (leaf, offset, set(leaf.postings("doctype", REPORT).all_ids()))
                for leaf, offset, _ in self._leaves if ("doctype", REPORT) in leaf]
        found = None
        for leaf, offset, records in self._record_leaves:
            if ("report", key) not in leaf:
                continue
            last = leaf.term_info("report", key).max_id()
            if last in records and not leaf.is_deleted(last):
                found = offset + last
                continue
            mine = [d for d in leaf.postings("report", key).all_ids() if d in records]
            if mine:
                found = offset + mine[-1]
        return found

    # ------------------------------------------------------------ search

    def plan(self, text: str | Query) -> Plan:
        """What a query means (``matching.plan``); QueryError when it asks too much."""
        query = parse(text) if isinstance(text, str) else text
        planned = plan(query, self.table)
        literals = {a.literal for t in (*planned.terms, *planned.excluded)
                    for a in t.alternatives}
        if len(literals) > MAX_NEEDLES:
            raise QueryError("query.too_many_needles", count=len(literals), limit=MAX_NEEDLES)
        return planned

    def search(
        self,
        text: str | Query,
        institutions: Sequence[str] = (),
        years: Sequence[int | str | None] = (),
        limit: int = 20,
        offset: int = 0,
        sort: str = RELEVANCE,
    ) -> SearchResult:
        """Search; ``limit=0`` returns every hit. ``years`` may hold UNKNOWN_YEAR for the
        reports with no known year. Raises QueryError on a bad query, a negative limit
        or offset."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        if limit < 0 or offset < 0:
            raise QueryError("query.negative", limit=limit, offset=offset)
        planned = self.plan(text)
        with self.text.snapshot():  # one commit of the text index, also during an import
            return self._search(planned, institutions, years, limit, offset, sort)

    def _search(self, planned: Plan, institutions, years, limit: int, offset: int,
                sort: str) -> SearchResult:
        catalogue = self.catalogue = self.text.catalogue()
        self._found = {}  # each form is found once per search
        self._folded = {}
        self._docnums: dict[int, int | None] = {}
        matches = [[self._match(term) for term in group] for group in planned.groups]
        if matches:
            exact = _intersection(
                [_union(m.exact | m.via_report for m in g) for g in matches])
            loose = _intersection(
                [_union(m.exact | m.via_report | m.loose for m in g) for g in matches])
        else:  # filters only: every paragraph
            exact = BitMap(catalogue.live)
            loose = BitMap(catalogue.live)
        for term in planned.excluded:
            removed = self._find_plain(term.literal)
            for alternative in term.alternatives:
                removed |= self._find(alternative)
            exact -= removed
            loose -= removed

        inst_ok = self._institution_filter((*planned.institutions, *institutions))
        year_ok = self._year_filter(planned.years, years)
        selected, facet_inst, facet_year = self._facets(loose, inst_ok, year_ok)
        _, exact_inst, exact_year = self._facets(exact, inst_ok, year_ok)

        wanted = len(selected) if limit <= 0 else offset + limit
        scored = self._preselect(selected, exact, sort, max(wanted, RERANK))
        if scored.intersection_cardinality(exact) >= wanted:
            scored = scored & exact  # exact matches come first in every order: no other is shown
        scores = self._scores(scored, matches)
        ordered = self._order(scored, scores, exact, matches, sort, wanted)[offset:]
        if limit > 0:
            ordered = ordered[:limit]
        hits = tuple(hit for d in ordered
                     if (hit := self._hit(d, scores[d], d in exact, matches)) is not None)
        by_year = lambda counts: dict(sorted(counts.items(), key=lambda kv: kv[0], reverse=True))  # noqa: E731
        return SearchResult(
            query=planned.text,
            total=len(selected),
            exact=selected.intersection_cardinality(exact),
            hits=hits,
            facets=Facets(
                institution=dict(facet_inst.most_common()),
                year=by_year(facet_year),
                exact_institution=dict(exact_inst.most_common()),
                exact_year=by_year(exact_year),
            ),
            expansions={t.text: t.also for t in planned.terms if t.also},
            offset=offset,
            readings=tuple(r for t in planned.terms if t.report and (r := self._reading(t))),
        )

    def _find_plain(self, literal: str) -> BitMap:
        return BitMap(self._find(Alternative(literal)))

    def _find(self, alternative: Alternative) -> BitMap:
        """The paragraphs where a form is found: its literal's candidates verified, its
        pattern checked on those paragraphs (do not change the bitmap returned)."""
        found = self._found.get(alternative)
        if found is None:
            found = self._found.get(Alternative(alternative.literal))
            if found is None:
                found = self.text.find(alternative.literal)
                self._found[Alternative(alternative.literal)] = found
            if alternative.pattern:
                found = self.text.verify_pattern(found, compiled(alternative.pattern),
                                                 alternative.literal)
            self._found[alternative] = found
        return found

    def _find_within(self, alternative: Alternative, within: BitMap) -> BitMap:
        """``_find`` restricted to the paragraphs ``within`` (only they are verified)."""
        found = self._found.get(alternative)
        if found is not None:
            return found & within
        plain = self._found.get(Alternative(alternative.literal))
        found = self.text.find(alternative.literal, within) if plain is None else plain & within
        if alternative.pattern:
            found = self.text.verify_pattern(found, compiled(alternative.pattern),
                                                 alternative.literal)
        return found

    def _folded_of(self, pid: int) -> str:
        text = self._folded.get(pid)
        if text is None:
            text = self._folded[pid] = self.text.folded(pid)
        return text

    def _has(self, alternative: Alternative, pid: int) -> bool:
        """Is the form in one paragraph?"""
        return alternative.found_in(self._folded_of(pid))

    def needles(self, text: str | Query) -> tuple[str, ...]:
        """Every folded string a query highlights: its terms, their other names and forms
        and, for unquoted terms, their words (used to mark a whole report)."""
        planned = self.plan(text)
        return tuple(dict.fromkeys(n for t in planned.terms for n in t.literals))

    def _match(self, term: Term) -> _TermMatch:
        exact = _union(self._find(a) for a in term.alternatives)
        loose = self._find_plain(term.literal) - exact
        if term.pieces:
            # Every piece found (in one of its forms), where the term is not found
            # exactly: each piece is looked for only where the pieces before it were
            # found, those answered by their postings alone (two characters) first.
            found = self.catalogue.live - exact
            for piece in sorted(term.pieces, key=self._piece_cost):
                found = _union(self._find_within(a, found) for a in piece)
            loose |= found
        via_report = BitMap()
        if term.report is not None:
            catalogue = self.catalogue
            for at in self._accepted(term.report):
                via_report |= catalogue.pids(at)
        return _TermMatch(term, exact, via_report, loose - via_report)

    def _accepted(self, test: ReportTest) -> list[int]:
        """The reports (positions in the catalogue) whose record passes ``test``: from
        the catalogue's institutions and years, the records read only for a title."""
        catalogue = self.catalogue
        if not test.title_words:
            return [at for at, (institution, year)
                    in enumerate(zip(catalogue.institutions, catalogue.years, strict=True))
                    if test.accepts(institution, year, "")]
        positions = (catalogue.position(r.key) for r in self.records.values()
                     if test.accepts(r.institution, r.year, r.title))
        return [at for at in positions if at is not None]

    def _reading(self, term: Term) -> Reading | None:
        """How a term naming the report was read, from the reports it matched (None when
        it matched none)."""
        test = term.report
        accepted = self._accepted(test)
        if not accepted:
            return None
        names = self.catalogue.institutions
        institutions = tuple(sorted({names[at] for at in accepted if names[at]}))
        return Reading(term.text, institutions if test.names_place else (),
                       test.years, test.title_words)

    def _institution_accepts(self, values: Iterable[str]) -> Callable[[str], bool] | None:
        """Whether an institution passes the filter ``values`` (None: no filter). The
        team archive filters with this predicate too."""
        wanted = []
        for value in values:
            canonical = self.table.canonical(value.strip()) or value.strip()
            wanted.append((canonical, fold(canonical)))
        if not wanted:
            return None

        @cache  # a few distinct institutions
        def accept(institution: str) -> bool:
            folded = fold(institution)
            return any(institution == c or (f and f in folded) for c, f in wanted)

        return accept

    @staticmethod
    def _year_accepts(ranges: Iterable[tuple[int, int]],
                      years: Iterable[int | str | None]) -> Callable[[str], bool] | None:
        """Whether a report's year facet value (a year, or "" for none) passes the
        filter, or None for no filter. The team archive filters with this predicate too."""
        spans_ = list(ranges)
        unknown = False
        for y in years:
            value = "" if y is None else str(y).strip()
            if value == UNKNOWN_YEAR:
                unknown = True
            elif value.isascii() and value.isdigit():
                spans_.append((int(value), int(value)))
            else:
                raise QueryError("query.year_not_number", value=y)
        if not spans_ and not unknown:
            return None
        return cache(lambda year: (unknown and not year)
                     or (bool(year) and any(a <= int(year) <= b for a, b in spans_)))

    def _institution_filter(self, values: Iterable[str]) -> BitMap | None:
        """The pids of the institutions the filter accepts (None: no filter)."""
        accept = self._institution_accepts(values)
        if accept is None:
            return None
        return _union(bm for inst, bm in self.text.facet("institution").items() if accept(inst))

    def _year_filter(self, ranges: Iterable[tuple[int, int]],
                     years: Iterable[int | str | None]) -> BitMap | None:
        """The pids of the years the filter accepts (a year, or UNKNOWN_YEAR), or None."""
        accept = self._year_accepts(ranges, years)
        if accept is None:
            return None
        return _union(bm for year, bm in self.text.facet("year").items() if accept(year))

    # ------------------------------------------------------------ ranking

    def _piece_cost(self, piece: tuple[Alternative, ...]) -> tuple[bool, int, int]:
        """Sort key putting first the pieces found without reading text (postings of
        one or two characters, no pattern), then the one that should occur in the
        fewest paragraphs: longer words, then fewer paragraphs having it as a word."""
        word = piece[0].literal
        verified = any(len(a.literal) > 2 or a.pattern for a in piece)
        return verified, -len(word), self._searcher.doc_frequency("words", word)

    def _facets(self, docs: BitMap, inst_ok: BitMap | None, year_ok: BitMap | None):
        """The hits that pass the filters, and institution/year counts: each facet counts
        with the other facet's filter applied, not its own. Counts are cardinalities of
        intersections with each institution's and year's pids."""
        inst_pass = docs if inst_ok is None else docs & inst_ok
        year_pass = docs if year_ok is None else docs & year_ok
        selected = inst_pass if year_ok is None else inst_pass & year_ok
        return (selected, self._counts("institution", year_pass),
                self._counts("year", inst_pass))

    def _counts(self, facet: str, docs: BitMap) -> Counter:
        counts: Counter = Counter()
        if not docs:
            return counts
        for value, pids in self.text.facet(facet).items():
            n = docs.intersection_cardinality(pids)
            if n:
                counts[value] = n
        return counts

    def _preselect(self, selected: BitMap, exact: BitMap, sort: str, wanted: int) -> BitMap:
        """The hits worth scoring: all of them, unless the result is larger than
        PRESELECT (and than ``wanted``); then, exact tier first, the hits of the years
        the order reaches first (newest first; oldest first for OLDEST; by institution
        name for BY_INSTITUTION), with bitmap operations only."""
        limit = max(PRESELECT, wanted)
        if len(selected) <= limit:
            return selected
        if sort == BY_INSTITUTION:
            by_name = self.text.facet("institution")
            order = [by_name[n] for n in sorted(by_name, key=lambda n: n or "\uffff")]
        else:
            by_year = self.text.facet("year")
            years = sorted((y for y in by_year if y), key=int, reverse=sort != OLDEST)
            order = [by_year[y] for y in years] + ([by_year[""]] if "" in by_year else [])
        out = BitMap()
        for tier in (selected & exact, selected - exact):
            budget = limit - len(out)
            if budget <= 0:
                break
            if len(tier) <= budget:
                out |= tier
                continue
            for pids in order:
                part = tier & pids
                if len(part) > budget:
                    part = BitMap(islice(part, budget))
                out |= part
                budget -= len(part)
                if budget <= 0:
                    break
        return out

    def _length(self, pid: int) -> int:
        """A paragraph's length for scoring: each figure counts as one character."""
        length = self._lengths.get(pid)
        if length is None:
            length = self._lengths[pid] = scoring_length(self._folded_of(pid))
        return length

    def _idf(self, df: int) -> float:
        n = max(self.catalogue.paragraphs, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _occurrences(self, alternative: Alternative, pid: int) -> int:
        return alternative.count_in(self._folded_of(pid))

    def _kind_weight(self, pid: int) -> float:
        catalogue = self.catalogue
        at = catalogue.report_of(pid)
        return self._weight_of_code[catalogue.kinds[at][pid - catalogue.firsts[at]]]

    def _scores(self, docs: BitMap, matches: list[list[_TermMatch]]) -> dict[int, float]:
        """BM25 over the occurrences of each term (of its forms; where it is found only
        loosely, of its literal or its pieces, at half weight), times the weight of the
        paragraph's kind, plus a bonus for each term the report's record matches. A
        term's occurrences are counted only in the paragraphs where it was found, so the
        work is that of the finds, not paragraphs × terms."""
        catalogue = self.catalogue
        avg = catalogue.chars / catalogue.paragraphs if catalogue.paragraphs else 1.0
        k1 = K1 + 1
        # Only a paragraph where a term occurs has its text read (for its occurrences and
        # length): one found only through its report's record scores its record bonus.
        in_text = _union(m.exact | m.loose for g in matches for m in g) & docs
        texts = self._folded
        texts.update(self.text.texts(in_text - BitMap(texts)))
        scores = dict.fromkeys(docs, 0.0)
        report_bonus = dict.fromkeys(docs, 0.0)
        lengths = self._lengths
        norms = {}
        for d in in_text:
            length = lengths.get(d)
            if length is None:
                length = lengths[d] = scoring_length(texts[d])
            norms[d] = K1 * (1 - B + B * max(length, MIN_LENGTH) / avg)
        for group in matches:
            for m in group:
                idf = self._idf(len(m.exact) or 1)
                alternatives = m.term.alternatives
                if len(alternatives) == 1 and not alternatives[0].pattern:
                    literal = alternatives[0].literal  # the common case, inlined
                    for d in m.exact & docs:
                        tf = texts[d].count(literal)
                        scores[d] += idf * tf * k1 / (tf + norms[d])
                else:
                    for d in m.exact & docs:
                        text = texts[d]
                        tf = sum(a.count_in(text) for a in alternatives)
                        scores[d] += idf * tf * k1 / (tf + norms[d])
                if m.term.report and m.term.report.names_place:
                    bonus = idf * k1  # the most a text occurrence can score
                else:  # one occurrence in a paragraph of average length, as a loose match
                    bonus = LOOSE_WEIGHT * idf * k1 / (1 + K1)
                for d in (m.via_report - m.exact) & docs:
                    report_bonus[d] += bonus
                loose = m.loose & docs
                if not loose:
                    continue
                literal = Alternative(m.term.literal)
                parts = [(self._idf(self._searcher.doc_frequency("words", p[0].literal) or 1)
                          * LOOSE_WEIGHT, p) for p in m.term.pieces]
                for d in loose:
                    tf = self._occurrences(literal, d)
                    if tf:
                        scores[d] += idf * LOOSE_WEIGHT * tf * k1 / (tf + norms[d])
                        continue
                    for word_idf, piece in parts:
                        tf = sum(self._occurrences(a, d) for a in piece)
                        scores[d] += word_idf * tf * k1 / (tf + norms[d])
        weight = self._per_report(docs)  # kind weights
        return {d: score * weight[d] + report_bonus[d] for d, score in scores.items()}

    def _per_report(self, docs: BitMap, values: list | None = None) -> dict:
        """Each of ``docs`` -> its report's entry in ``values`` (a catalogue column), or
        with no ``values`` its kind weight, walking the reports in pid order (one bisect
        a report, not a paragraph)."""
        catalogue = self.catalogue
        firsts, counts = catalogue.firsts, catalogue.counts
        out = {}
        end = -1
        if values is None:
            weight_of, kinds = self._weight_of_code, catalogue.kinds
            for d in docs:  # in pid order
                if d >= end:
                    at = catalogue.report_of(d)
                    first, codes = firsts[at], kinds[at]
                    end = first + counts[at]
                out[d] = weight_of[codes[d - first]]
            return out
        for d in docs:
            if d >= end:
                at = catalogue.report_of(d)
                value = values[at]
                end = firsts[at] + counts[at]
            out[d] = value
        return out

    def _order(self, docs: BitMap, scores: dict[int, float], exact: set[int],
               matches: list[list[_TermMatch]], sort: str, wanted: int) -> list[int]:
        """The first ``wanted`` hits in order. By relevance, the leading RERANK hits are
        re-scored with a bonus for each query word that is a whole word of the paragraph
        (jieba's segmentation), so 晓东 inside 李晓东 ranks below 晓东 on its own."""
        # In every order, exact matches come first: "the oldest mention" is the oldest
        # exact one, never two words found apart in an older report.
        catalogue = self.catalogue
        if sort == BY_INSTITUTION:
            inst = self._per_report(docs, catalogue.institutions)
            keys = [(d not in exact, inst[d] or "\uffff", -scores[d], d) for d in docs]
        else:
            year = self._per_report(docs, catalogue.years)  # a year, or None
            if sort == BY_YEAR:
                keys = [(d not in exact, -(year[d] or 0), -scores[d], d) for d in docs]
            elif sort == OLDEST:
                keys = [(d not in exact, year[d] or 10**4, -scores[d], d) for d in docs]
            else:
                keys = [(d not in exact, -scores[d], -(year[d] or 0), d) for d in docs]
        if sort != RELEVANCE:
            return [k[-1] for k in heapq.nsmallest(wanted, keys)]
        head = heapq.nsmallest(max(wanted, RERANK), keys)
        query_words = sorted({w for g in matches for m in g for w in words(m.term.literal)})
        bonus = {w: self._idf(self._searcher.doc_frequency("words", w) or 1) * WORD_BONUS
                 for w in query_words}
        folded = self._folded_of
        # The most a bonus can add (every word whole, kind weight at most 1): once the
        # ``wanted``-th re-scored hit beats what the next one could reach, no hit after
        # it can enter the first ``wanted`` and the rest are not cut into words.
        most = sum(bonus[w] for w in query_words)
        reranked: list[tuple] = []
        best: list[tuple] = []  # the ``wanted`` smallest keys re-scored, as a max-heap
        for not_exact, negative, year_key, d in head[:RERANK]:
            if wanted <= RERANK and len(best) == wanted:
                kth_not_exact, kth_score = best[0][0], best[0][1]
                if -kth_not_exact < not_exact or (
                        -kth_not_exact == not_exact and kth_score > -negative + most):
                    break
            present = whole_words(folded(d), query_words) if query_words else ()
            extra = sum(bonus[w] for w in query_words if w in present) * self._kind_weight(d)
            scores[d] = -negative + extra
            key = (not_exact, -scores[d], year_key, d)
            reranked.append(key)
            if wanted <= RERANK:
                inverse = (-not_exact, scores[d], -year_key, -d)
                if len(best) < wanted:
                    heapq.heappush(best, inverse)
                elif inverse > best[0]:
                    heapq.heapreplace(best, inverse)
        reranked.sort()
        if len(reranked) < min(RERANK, len(head)):  # stopped early: only the first count
            return [k[-1] for k in reranked][:wanted]
        return [k[-1] for k in reranked + head[RERANK:]][:wanted]

    def _docnum(self, pid: int) -> int | None:
        """The Whoosh document of a pid (None when this snapshot does not hold it): the
        first document of its term, from the term table; through the postings (which
        skip deleted documents) only when that document is deleted."""
        if pid in self._docnums:
            return self._docnums[pid]
        text = str(pid)
        docnum = None
        # A pid is one paragraph's, written once: its term is in one segment. The
        # segments seen to hold pids nearest to it are asked first.
        for leaf, offset, segment in self._leaves_near(pid):
            if ("pid", text) in leaf:
                docnum = offset + leaf.term_info("pid", text).min_id()
                low, high = self._pid_ranges.get(segment, (pid, pid))
                self._pid_ranges[segment] = (min(low, pid), max(high, pid))
                break
        if docnum is not None and self._reader.is_deleted(docnum):
            docnum = self._searcher.document_number(pid=text)
        self._docnums[pid] = docnum
        return docnum

    def _leaves_near(self, pid: int) -> list:
        """The Whoosh segments, those seen holding pids nearest to ``pid`` first."""
        ranges = self._pid_ranges

        def distance(leaf) -> float:
            seen = ranges.get(leaf[2])
            if seen is None:
                return math.inf
            return max(seen[0] - pid, pid - seen[1], 0)

        return sorted(self._leaves, key=distance)

    # ------------------------------------------------------------ hits

    def _hit(self, pid: int, score: float, is_exact: bool,
             matches: list[list[_TermMatch]]) -> Hit | None:
        """The hit of a pid (None when Whoosh's snapshot does not hold it: a commit of
        ours a moment ahead of or behind it)."""
        docnum = self._docnum(pid)
        if docnum is None:
            return None
        stored = self._searcher.stored_fields(docnum)
        record = self.record(stored["report"])
        text = decode_text(self._text[docnum])
        marks: list[Alternative] = []
        forms: dict[str, str] = {}
        via_report: list[str] = []
        for group in matches:
            for m in group:
                term = m.term
                if pid in m.exact:
                    found = [a for a in term.alternatives if self._has(a, pid)]
                    marks += found
                    if found and not any(a.literal == term.literal for a in found):
                        forms[term.text] = found[0].literal
                elif pid in m.via_report:
                    via_report.append(term.text)
                    marks += term.alternatives
                elif pid in m.loose:
                    marks.append(Alternative(term.literal))
                    marks += [a for piece in term.pieces for a in piece]
        return Hit(
            report=record.name if record else "",
            path=record.path if record else "",
            title=record.title if record else "",
            institution=record.institution if record else "",
            year=record.year if record else None,
            paragraph=stored["ordinal"],
            kind=stored["kind"],
            section=stored.get("section", ""),
            text=text,
            highlights=found_spans(text, marks),
            score=round(score, 4),
            match=EXACT if is_exact else ALL_WORDS,
            forms=forms,
            via_report=tuple(dict.fromkeys(via_report)),
        )

    # ------------------------------------------------------------ reports

    def reports(self) -> list[ReportRecord]:
        return sorted(self.records.values(), key=lambda r: (-(r.year or 0), r.institution, r.name))

    def find_report(self, name: str) -> ReportRecord:
        """A report by file name, path or key."""
        name = name.strip()
        candidates = [
            r for r in self.records.values() if name in (r.name, r.path, r.key)
        ] or [r for r in self.records.values() if name in r.paths] or [
            r for r in self.records.values() if any(p.endswith(name) for p in r.paths)]
        if not candidates:
            raise ReportNotFoundError("error.no_report", name=name)
        if len(candidates) > 1:
            paths = "、".join(r.path for r in candidates[:5])
            raise ReportNotFoundError("error.many_reports", name=name, paths=paths)
        return candidates[0]

    def _report_docs(self, record: ReportRecord) -> list[int]:
        """The report's paragraph documents in reading order: its ``report`` postings
        without its record document. (Not a search for ``report`` AND ``doctype``: that
        intersection walks the posting list of every paragraph of the library, about
        0.2 s a report at the corpus ×30.)"""
        try:
            docnums = self._reader.postings("report", record.key).all_ids()
        except TermNotFound:
            return []
        if self._record_docs is None:
            self._record_docs = set(self._searcher.document_numbers(doctype=REPORT))
        return sorted(d for d in docnums if d not in self._record_docs)

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView:
        """A report with all its paragraphs, or with ``count`` of them from ordinal
        ``first`` (a screenful of a huge report, read in a fraction of the time)."""
        record = self.find_report(name)
        docs = self._report_docs(record)  # in reading order: a report is written in order
        if count is not None:
            docs = docs[max(first, 1) - 1 : max(first, 1) - 1 + max(count, 0)]
        paragraphs = []
        for docnum in docs:
            stored = self._searcher.stored_fields(docnum)
            paragraphs.append(Paragraph(
                stored["ordinal"], Kind(stored["kind"]), decode_text(self._text[docnum]),
                stored.get("section", ""), bool(stored.get("joined", False)),
            ))
        paragraphs.sort(key=lambda p: p.ordinal)
        return ReportView(record, tuple(paragraphs))

    def similar(self, name: str, ordinal: int, limit: int = 10,
                within: str | None = None) -> list[Hit]:
        """Paragraphs in other reports most like paragraph ``ordinal`` of report ``name``
        (or, with ``within``, the paragraphs of that one report most like it)."""
        record = self.find_report(name)
        docnum = next(
            (d for d in self._report_docs(record)
             if self._searcher.stored_fields(d)["ordinal"] == ordinal),
            None,
        )
        if docnum is None:
            raise ReportNotFoundError("error.no_paragraph", name=record.name, ordinal=ordinal)
        # Read from Whoosh's text column: "similar" is asked for from the GUI thread.
        folded = fold(decode_text(self._text[docnum]))
        counts = Counter(w for w in words(folded) if len(w) > 1)
        n = max(self._searcher.doc_frequency("doctype", PARAGRAPH), 1)
        weighted = []
        for w, tf in counts.items():
            df = self._searcher.doc_frequency("words", w)
            if df > 1:
                weighted.append((tf * math.log(n / df), w))
        key_words = [w for _, w in sorted(weighted, reverse=True)[:16]]
        if not key_words:
            return []
        q = wq.Or([wq.Term("words", w) for w in key_words])
        # Page furniture, mastheads and bylines share words by accident, not by topic.
        noise = [wq.Term("kind", str(k)) for k in (Kind.MASTHEAD, Kind.FURNITURE, Kind.BYLINE)]
        if within is not None:
            target = self.find_report(within)
            scope = wq.And([wq.Term("doctype", PARAGRAPH), wq.Term("report", target.key)])
            mask = wq.Or(noise)
        else:
            scope = wq.Term("doctype", PARAGRAPH)
            mask = wq.Or([wq.Term("report", record.key), *noise])
        results = self._searcher.search(q, limit=limit * 2, filter=scope, mask=mask)
        hits = []
        for r in results:
            if len(hits) >= limit:
                break
            text = decode_text(self._text[r.docnum])
            if len(fold(text)) < MIN_SIMILAR_LENGTH:
                continue
            stored = r.fields()
            other = self.record(stored["report"])
            hits.append(Hit(
                report=other.name if other else "", path=other.path if other else "",
                title=other.title if other else "",
                institution=other.institution if other else "",
                year=other.year if other else None,
                paragraph=stored["ordinal"], kind=stored["kind"],
                section=stored.get("section", ""), text=text,
                highlights=spans(text, key_words), score=round(r.score, 4), match=ALL_WORDS,
            ))
        return hits
