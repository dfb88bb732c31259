"""Run a query's plan (``matching``) on one snapshot of the index.

What a query means is decided by ``matching.plan``: its terms, each term's ways of
writing it (other names of an institution, other forms of a figure, with number
boundaries), its pieces for the all-words tier and, for words that name the report,
a test on the report's record. This module executes that plan on the text scan
(``scan``): each literal is found by an exact scan of the folded text, a pattern
is checked on the paragraphs its literal found, a report test selects the paragraphs
of the reports it accepts. Every paragraph containing what was typed is returned.
How it ranks:

1. **exact** matches first: every term found whole (as typed, in another form, or in
   the report's record when the term names the report);
2. then the others: a term found only as its words apart (一号管三天 → 一号 管 三天),
   or only as a string inside a longer number (227人 inside 1227人);
3. within each tier, BM25 over the occurrences of the terms, plus a bonus when a
   term is a whole word in the paragraph (jieba's words, from the index), weighted
   by the paragraph's kind (body text above captions, bylines, mastheads), plus a
   bonus for each term the report's record matches.

Facet counts are over the whole result set, and apart over its exact matches:
institution counts with the year filter applied but not the institution filter, and
the other way round, so every choice stays visible while one is ticked. Reports with
no known year count under the year ``UNKNOWN_YEAR`` (""), and passing it in
``years`` selects them.

The work a query can ask for is bounded: ``query.parse`` allows ``MAX_TERMS``
different terms; with the other names and forms they stand for they may make at most
``MAX_NEEDLES`` strings to scan for (more is a QueryError), each scanned once per
search; the all-words tier looks at ``matching.MAX_WORDS`` words of a term and
``matching.MAX_FALLBACK_WORDS`` words in all (terms past that budget match exactly
only).
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from whoosh import query as wq

from .analysis import words
from .errors import QueryError, ReportNotFoundError
from .highlight import found_spans, spans
from .institutions import InstitutionTable
from .matching import Alternative, Plan, Term, compiled, plan
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
from .scan import TextScan, to_scan
from .writing import PARAGRAPH, REPORT

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
WORD_BONUS = 0.5
RERANK = 200  # how many leading hits get the whole-word bonus
LOOSE_WEIGHT = 0.5  # a term found only in pieces counts for half
# A term found only in the report's record: when it names the report's institution or
# place, it counts as much as the most a text occurrence can (the report is that place's);
# when it names only a year or a kind of report, as a loose match, half of one occurrence
# in a paragraph of average length (a report of 2017 speaks of 2016 and of 2017 alike;
# the paragraph that writes "2017年" is the surer answer).


@dataclass
class _TermMatch:
    term: Term
    exact: set[int]  # an alternative found in the text
    via_report: set[int]  # the report's record passes the term's report test
    loose: set[int]  # found only as its literal inside a longer number, or in pieces


class Searcher:
    """One snapshot of the index: a Whoosh searcher plus the text scan. Use it from
    one thread; open a new one after the index changes."""

    def __init__(self, whoosh_index, table: InstitutionTable):
        self.table = table
        self.generation = whoosh_index.latest_generation()
        self._searcher = whoosh_index.searcher()
        reader = self._searcher.reader()
        self._text = reader.column_reader("text") if reader.has_column("text") else []
        self.records = {
            r.key: r
            for r in (ReportRecord.from_stored(s) for s in self._searcher.documents(doctype=REPORT))
        }
        self._scan: TextScan | None = None
        self._by_report: dict[str, list[int]] | None = None
        self._lengths: array | None = None  # scoring lengths, worked out as needed (-1)
        self._found: dict[Alternative, list[int]] = {}  # per search: each form's paragraphs

    @property
    def scan(self) -> TextScan:
        """The folded text, loaded on the first search (listing reports does not need it)."""
        if self._scan is None:
            self._scan = TextScan(self._searcher.reader(), self.records)
            weight = {str(kind): w for kind, w in KIND_WEIGHT.items()}
            self._kind_weight = [weight.get(k, 1.0) for k in self._scan.columns.kind]
        return self._scan

    def close(self) -> None:
        self._searcher.close()

    # ------------------------------------------------------------ search

    def plan(self, text: str | Query) -> Plan:
        """What a query means (``matching.plan``); QueryError when it asks too much."""
        query = parse(text) if isinstance(text, str) else text
        planned = plan(query, self.table)
        literals = {a.literal for t in (*planned.terms, *planned.excluded)
                    for a in t.alternatives}
        if len(literals) > MAX_NEEDLES:
            raise QueryError(f"查询要查找的内容太多（连同机构的其他名称和数字的其他写法共 "
                             f"{len(literals)} 个），最多 {MAX_NEEDLES} 个：请减少检索词。")
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
            raise QueryError(f"条数和起始位置不能是负数（limit={limit}，offset={offset}）。")
        planned = self.plan(text)
        scan = self.scan
        self._found = {}  # each form is scanned once per search
        matches = [[self._match(term) for term in group] for group in planned.groups]
        if matches:
            exact = set.intersection(
                *(set().union(*(m.exact | m.via_report for m in g)) for g in matches))
            loose = set.intersection(
                *(set().union(*(m.exact | m.via_report | m.loose for m in g)) for g in matches))
        else:  # filters only: every paragraph
            exact = {d for d in range(scan.doc_count) if scan.live[d]}
            loose = set(exact)
        for term in planned.excluded:
            removed = set(self._find_plain(term.literal))
            for alternative in term.alternatives:
                removed.update(self._find(alternative))
            exact -= removed
            loose -= removed

        inst_ok = self._institution_filter((*planned.institutions, *institutions))
        year_ok = self._year_filter(planned.years, years)
        selected, facet_inst, facet_year = self._facets(loose, inst_ok, year_ok)
        _, exact_inst, exact_year = self._facets(exact, inst_ok, year_ok)

        scores = self._scores(selected, matches)
        ordered = self._order(selected, scores, exact, matches, sort,
                              len(selected) if limit <= 0 else offset + limit)[offset:]
        if limit > 0:
            ordered = ordered[:limit]
        hits = tuple(self._hit(d, scores[d], d in exact, matches) for d in ordered)
        by_year = lambda counts: dict(sorted(counts.items(), key=lambda kv: kv[0], reverse=True))  # noqa: E731
        return SearchResult(
            query=planned.text,
            total=len(selected),
            exact=sum(1 for d in selected if d in exact),
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

    def _find_plain(self, literal: str) -> list[int]:
        return self._find(Alternative(literal))

    def _find(self, alternative: Alternative) -> list[int]:
        """The paragraphs where a form is found: its literal scanned, its pattern checked
        on those paragraphs."""
        found = self._found.get(alternative)
        if found is None:
            found = self._found.get(Alternative(alternative.literal))
            if found is None:
                found = self.scan.find(alternative.literal)
                self._found[Alternative(alternative.literal)] = found
            if alternative.pattern:
                pattern = compiled(alternative.pattern)
                text, starts, lengths = self.scan.text, self.scan.starts, self.scan.lengths
                found = [d for d in found
                         if pattern.search(text, starts[d], starts[d] + lengths[d])]
            self._found[alternative] = found
        return found

    def _has(self, alternative: Alternative, docnum: int) -> bool:
        """Is the form in one paragraph (without scanning all the text)?"""
        scan = self.scan
        start, end = scan.starts[docnum], scan.starts[docnum] + scan.lengths[docnum]
        if scan.text.find(to_scan(alternative.literal), start, end) == -1:
            return False
        return not alternative.pattern or bool(
            compiled(alternative.pattern).search(scan.text, start, end))

    def needles(self, text: str | Query) -> tuple[str, ...]:
        """Every folded string a query highlights: its terms, their other names and forms
        and, for unquoted terms, their words (used to mark a whole report)."""
        planned = self.plan(text)
        return tuple(dict.fromkeys(n for t in planned.terms for n in t.literals))

    def _match(self, term: Term) -> _TermMatch:
        exact: set[int] = set()
        for alternative in term.alternatives:
            exact.update(self._find(alternative))
        loose = set(self._find_plain(term.literal)) - exact
        if term.pieces:
            # Scan for the rarest-looking piece only; check the others in its paragraphs.
            first, *rest = sorted(term.pieces, key=self._rarity)
            candidates = set().union(*(self._find(a) for a in first)) - exact
            loose.update(d for d in candidates
                         if all(any(self._has(a, d) for a in piece) for piece in rest))
        via_report: set[int] = set()
        if term.report is not None:
            for record in self.records.values():
                if term.report.accepts(record.institution, record.year, record.title):
                    via_report.update(self._report_paragraphs().get(record.key, ()))
        return _TermMatch(term, exact, via_report, loose - via_report)

    def _report_paragraphs(self) -> dict[str, list[int]]:
        """Each report's live paragraphs, from the scan's columns (once per snapshot)."""
        if self._by_report is None:
            scan = self.scan
            self._by_report = {}
            for docnum, key in enumerate(scan.columns.report):
                if scan.live[docnum]:
                    self._by_report.setdefault(key, []).append(docnum)
        return self._by_report

    def _reading(self, term: Term) -> Reading | None:
        """How a term naming the report was read, from the reports it matched (None when
        it matched none)."""
        test = term.report
        accepted = [r for r in self.records.values()
                    if test.accepts(r.institution, r.year, r.title)]
        if not accepted:
            return None
        institutions = tuple(sorted({r.institution for r in accepted if r.institution}))
        return Reading(term.text, institutions if test.names_place else (),
                       test.years, test.title_words)

    def _institution_filter(self, values: Iterable[str]):
        wanted = []
        for value in values:
            canonical = self.table.canonical(value.strip()) or value.strip()
            wanted.append((canonical, fold(canonical)))
        if not wanted:
            return None

        @cache  # a few distinct institutions, many paragraphs
        def accept(institution: str) -> bool:
            folded = fold(institution)
            return any(institution == c or (f and f in folded) for c, f in wanted)

        return accept

    @staticmethod
    def _year_filter(ranges: Iterable[tuple[int, int]], years: Iterable[int | str | None]):
        """Accepts a report's year facet value (a year, or UNKNOWN_YEAR)."""
        spans_ = list(ranges)
        unknown = False
        for y in years:
            value = "" if y is None else str(y).strip()
            if value == UNKNOWN_YEAR:
                unknown = True
            elif value.isascii() and value.isdigit():
                spans_.append((int(value), int(value)))
            else:
                raise QueryError(f"年份必须是数字：“{y}”。")
        if not spans_ and not unknown:
            return None
        return cache(lambda year: (unknown and not year)
                     or (bool(year) and any(a <= int(year) <= b for a, b in spans_)))

    # ------------------------------------------------------------ ranking

    def _rarity(self, piece: tuple[Alternative, ...]) -> tuple[int, int]:
        """Sort key putting the piece that should occur in the fewest paragraphs first:
        longer words, then fewer paragraphs having it as a word."""
        word = piece[0].literal
        return -len(word), self._searcher.doc_frequency("words", word)

    def _facets(self, docs: set[int], inst_ok, year_ok):
        """The hits that pass the filters, and institution/year counts: each facet counts
        with the other facet's filter applied, not its own."""
        inst, year = self.scan.columns.institution, self.scan.columns.year
        if inst_ok is None and year_ok is None:
            return list(docs), Counter(inst[d] for d in docs), Counter(year[d] for d in docs)
        inst_pass = {d for d in docs if inst_ok is None or inst_ok(inst[d])}
        year_pass = {d for d in docs if year_ok is None or year_ok(year[d])}
        return (list(inst_pass & year_pass), Counter(inst[d] for d in year_pass),
                Counter(year[d] for d in inst_pass))

    def _length(self, docnum: int) -> int:
        """A paragraph's length for scoring: each figure counts as one character."""
        if self._lengths is None:
            self._lengths = array("l", [-1]) * self.scan.doc_count
        length = self._lengths[docnum]
        if length < 0:
            folded = self.scan.folded(docnum)
            length = len(folded) - sum(len(m) - 1 for m in _FIGURE.findall(folded))
            self._lengths[docnum] = length
        return length

    def _idf(self, df: int) -> float:
        n = max(self.scan.paragraphs, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _occurrences(self, alternative: Alternative, docnum: int) -> int:
        scan = self.scan
        start, end = scan.starts[docnum], scan.starts[docnum] + scan.lengths[docnum]
        if alternative.pattern:
            return sum(1 for _ in compiled(alternative.pattern).finditer(scan.text, start, end))
        return scan.text.count(to_scan(alternative.literal), start, end)

    def _scores(self, docs: list[int], matches: list[list[_TermMatch]]) -> dict[int, float]:
        """BM25 over the occurrences of each term (of its forms; where it is found only
        loosely, of its literal or its pieces, at half weight), times the weight of the
        paragraph's kind, plus a bonus for each term the report's record matches. A
        term's occurrences are counted only in the paragraphs its scans found, so the
        work is that of the scans, not paragraphs × terms."""
        scan = self.scan
        avg = scan.average_length
        k1 = K1 + 1
        scores = dict.fromkeys(docs, 0.0)
        report_bonus = dict.fromkeys(docs, 0.0)
        norms = {d: K1 * (1 - B + B * max(self._length(d), MIN_LENGTH) / avg) for d in docs}
        for group in matches:
            for m in group:
                idf = self._idf(len(m.exact) or 1)
                for d in m.exact.intersection(scores):
                    tf = sum(self._occurrences(a, d) for a in m.term.alternatives)
                    scores[d] += idf * tf * k1 / (tf + norms[d])
                if m.term.report and m.term.report.names_place:
                    bonus = idf * k1  # the most a text occurrence can score
                else:  # one occurrence in a paragraph of average length, as a loose match
                    bonus = LOOSE_WEIGHT * idf * k1 / (1 + K1)
                for d in (m.via_report - m.exact).intersection(scores):
                    report_bonus[d] += bonus
                loose = m.loose.intersection(scores)
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
        weights = self._kind_weight
        return {d: score * weights[d] + report_bonus[d] for d, score in scores.items()}

    def _order(self, docs: list[int], scores: dict[int, float], exact: set[int],
               matches: list[list[_TermMatch]], sort: str, wanted: int) -> list[int]:
        """The first ``wanted`` hits in order. By relevance, the leading RERANK hits are
        re-scored with a bonus for each query word that is a whole word of the paragraph
        (jieba's segmentation), so 晓东 inside 李晓东 ranks below 晓东 on its own."""
        # In every order, exact matches come first: "the oldest mention" is the oldest
        # exact one, never two words found apart in an older report.
        year = self.scan.columns.year
        if sort == BY_YEAR:
            keys = [(d not in exact, -int(year[d] or 0), -scores[d], d) for d in docs]
        elif sort == OLDEST:
            keys = [(d not in exact, int(year[d] or 10**4), -scores[d], d) for d in docs]
        elif sort == BY_INSTITUTION:
            inst = self.scan.columns.institution
            keys = [(d not in exact, inst[d] or "\uffff", -scores[d], d) for d in docs]
        else:
            keys = [(d not in exact, -scores[d], -int(year[d] or 0), d) for d in docs]
        if sort != RELEVANCE:
            return [k[-1] for k in heapq.nsmallest(wanted, keys)]
        head = heapq.nsmallest(max(wanted, RERANK), keys)
        query_words = {w for g in matches for m in g for w in words(m.term.literal)}
        bonus = {w: self._idf(self._searcher.doc_frequency("words", w) or 1) * WORD_BONUS
                 for w in query_words}
        folded = self.scan.folded
        reranked = []
        for not_exact, negative, year_key, d in head[:RERANK]:
            present = set(words(folded(d))) & query_words if query_words else ()
            extra = sum(bonus[w] for w in present) * self._kind_weight[d]
            scores[d] = -negative + extra
            reranked.append((not_exact, -scores[d], year_key, d))
        reranked.sort()
        return [k[-1] for k in reranked + head[RERANK:]][:wanted]

    # ------------------------------------------------------------ hits

    def _hit(self, docnum: int, score: float, is_exact: bool,
             matches: list[list[_TermMatch]]) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        record = self.records.get(stored["report"])
        text = self._text[docnum].decode("utf-8")
        marks: list[Alternative] = []
        forms: dict[str, str] = {}
        via_report: list[str] = []
        for group in matches:
            for m in group:
                term = m.term
                if docnum in m.exact:
                    found = [a for a in term.alternatives if self._has(a, docnum)]
                    marks += found
                    if found and not any(a.literal == term.literal for a in found):
                        forms[term.text] = found[0].literal
                elif docnum in m.via_report:
                    via_report.append(term.text)
                    marks += term.alternatives
                elif docnum in m.loose:
                    marks.append(Alternative(term.literal))
                    marks += [a for piece in term.pieces for a in piece]
        return Hit(
            report=record.name if record else "",
            path=record.path if record else "",
            title=record.title if record else "",
            institution=stored.get("institution", ""),
            year=int(stored["year"]) if stored.get("year") else None,
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
        ] or [r for r in self.records.values() if r.path.endswith(name)]
        if not candidates:
            raise ReportNotFoundError(f"索引中没有报告 “{name}”。用 reports 命令查看所有报告。")
        if len(candidates) > 1:
            paths = "、".join(r.path for r in candidates[:5])
            raise ReportNotFoundError(f"有多个报告叫 “{name}”：{paths}。请写出完整路径。")
        return candidates[0]

    def _report_docs(self, record: ReportRecord) -> list[int]:
        return sorted(self._searcher.document_numbers(report=record.key, doctype=PARAGRAPH))

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
                stored["ordinal"], Kind(stored["kind"]), self._text[docnum].decode("utf-8"),
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
            raise ReportNotFoundError(f"报告 “{record.name}” 没有第 {ordinal} 段。")
        # Read from the index directly, not from the scan: "similar" is asked for from the
        # GUI thread, which should not hold a second copy of the text to scan.
        folded = fold(self._text[docnum].decode("utf-8"))
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
            text = self._text[r.docnum].decode("utf-8")
            if len(fold(text)) < MIN_SIMILAR_LENGTH:
                continue
            stored = r.fields()
            other = self.records.get(stored["report"])
            hits.append(Hit(
                report=other.name if other else "", path=other.path if other else "",
                title=other.title if other else "", institution=stored.get("institution", ""),
                year=int(stored["year"]) if stored.get("year") else None,
                paragraph=stored["ordinal"], kind=stored["kind"],
                section=stored.get("section", ""), text=text,
                highlights=spans(text, key_words), score=round(r.score, 4), match=ALL_WORDS,
            ))
        return hits
