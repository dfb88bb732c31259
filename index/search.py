"""Run a parsed query on one snapshot of the index.

What is found is decided by exact scans of the folded text (``scan``), so every
paragraph containing what was typed is returned. How it ranks:

1. **exact** matches first: every search term appears as typed (or as one of the
   names of the institution it names: 市二院 also finds 长治市第二人民医院);
2. then **all words**: for an unquoted term of several words (一号管三天 → 一号 管
   三天), paragraphs that contain all of them, apart;
3. within each tier, BM25 over the occurrences of the terms, plus a bonus when a
   term is a whole word in the paragraph (jieba's words, from the index), weighted
   by the paragraph's kind (body text above captions, bylines, mastheads).

Facet counts are over the whole result set: institution counts with the year
filter applied but not the institution filter, and the other way round, so every
choice stays visible while one is ticked.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whoosh import query as wq

from .analysis import words
from .errors import QueryError, ReportNotFoundError
from .highlight import spans
from .institutions import InstitutionTable
from .model import Kind, Paragraph
from .normalize import fold
from .query import Atom, Query, parse
from .scan import TextScan
from .store import PARAGRAPH, REPORT, ReportRecord

EXACT, ALL_WORDS = "exact", "all_words"
SORTS = ("relevance", "year", "institution")
MAX_WORDS = 12  # a longer unquoted term is matched exactly only
KIND_WEIGHT = {
    Kind.TITLE: 1.3, Kind.HEADING: 1.2, Kind.BODY: 1.0, Kind.TABLE: 0.9, Kind.CAPTION: 0.8,
    Kind.BYLINE: 0.4, Kind.MASTHEAD: 0.15, Kind.FURNITURE: 0.05,
}
MIN_SIMILAR_LENGTH = 12  # a shorter paragraph is "similar" by accident
MIN_LENGTH = 20  # shorter paragraphs are scored as if this long: no bonus for being tiny
K1, B = 1.2, 0.75
WORD_BONUS = 0.5
MAX_WORD_DF = 50000  # words in more paragraphs than this give no bonus (and cost time)


@dataclass(frozen=True)
class Hit:
    report: str  # file name
    path: str
    title: str
    institution: str
    year: int | None
    paragraph: int  # 1-based ordinal in the report
    kind: str
    section: str
    text: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    match: str  # EXACT or ALL_WORDS


@dataclass(frozen=True)
class Facets:
    institution: dict[str, int]
    year: dict[str, int]


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    exact: int  # how many of total are exact matches
    hits: tuple[Hit, ...]
    facets: Facets
    # For each term that named an institution: the other names searched too.
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offset: int = 0


@dataclass(frozen=True)
class ReportView:
    record: ReportRecord
    paragraphs: tuple[Paragraph, ...]


@dataclass
class _AtomMatch:
    atom: Atom
    needles: tuple[str, ...]  # folded strings whose presence is an exact match
    words: tuple[str, ...]  # folded words for the all-words fallback
    exact: set[int]
    all_words: set[int]


class Searcher:
    """One snapshot of the index: a Whoosh searcher plus the text scan. Use it from
    one thread; open a new one after the index changes."""

    def __init__(self, whoosh_index, table: InstitutionTable):
        self.table = table
        self.generation = whoosh_index.latest_generation()
        self._searcher = whoosh_index.searcher()
        reader = self._searcher.reader()
        self.scan = TextScan(reader)
        self._text = reader.column_reader("text") if reader.has_column("text") else []
        self.records = {
            r.key: r
            for r in (ReportRecord.from_stored(s) for s in self._searcher.documents(doctype=REPORT))
        }
        self._word_docs: dict[str, frozenset[int]] = {}

    def close(self) -> None:
        self._searcher.close()

    # ------------------------------------------------------------ search

    def search(
        self,
        text: str | Query,
        institutions: Sequence[str] = (),
        years: Sequence[int | str] = (),
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
    ) -> SearchResult:
        """Search; ``limit=0`` returns every hit. Raises QueryError on a bad query."""
        query = parse(text) if isinstance(text, str) else text
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        scan = self.scan
        matches = [[self._match(atom) for atom in group] for group in query.groups]
        if matches:
            exact = set.intersection(*(set().union(*(m.exact for m in g)) for g in matches))
            loose = set.intersection(
                *(set().union(*(m.exact | m.all_words for m in g)) for g in matches)
            )
        else:  # filters only: every paragraph
            exact = {d for d in range(scan.doc_count) if scan.live[d]}
            loose = set(exact)
        for atom in query.excluded:
            for needle in self._needles(atom):
                removed = scan.find(needle)
                exact.difference_update(removed)
                loose.difference_update(removed)

        inst_ok = self._institution_filter((*query.institutions, *institutions))
        year_ok = self._year_filter(query.years, years)
        cols = scan.columns
        facet_inst: Counter[str] = Counter()
        facet_year: Counter[str] = Counter()
        selected: list[int] = []
        for docnum in loose:
            institution, year = cols.institution[docnum], cols.year[docnum]
            i_ok = inst_ok(institution)
            y_ok = year_ok(year)
            if y_ok:
                facet_inst[institution] += 1
            if i_ok:
                facet_year[year] += 1
            if i_ok and y_ok:
                selected.append(docnum)

        scores = self._scores(selected, matches, exact)
        key = self._sort_key(sort, scores, exact)
        wanted = len(selected) if limit <= 0 else min(len(selected), offset + limit)
        ordered = heapq.nsmallest(wanted, selected, key=key)[offset:]
        hits = tuple(self._hit(d, scores[d], d in exact, matches) for d in ordered)
        return SearchResult(
            query=query.text,
            total=len(selected),
            exact=sum(1 for d in selected if d in exact),
            hits=hits,
            facets=Facets(
                institution=dict(facet_inst.most_common()),
                year=dict(sorted(facet_year.items(), key=lambda kv: kv[0], reverse=True)),
            ),
            expansions={
                m.atom.text: tuple(n for n in self._names(m.atom) if fold(n) != m.atom.folded)
                for g in matches for m in g if len(m.needles) > 1
            },
            offset=offset,
        )

    def needles(self, text: str | Query) -> tuple[str, ...]:
        """Every folded string a query highlights: its terms, their institution names and,
        for unquoted terms, their words (used to mark a whole report)."""
        query = parse(text) if isinstance(text, str) else text
        out: list[str] = []
        for atom in query.positive:
            out.extend(self._needles(atom))
            if not atom.exact:
                out.extend(w for w in words(atom.folded) if len(w) > 1)
        return tuple(dict.fromkeys(out))

    def _names(self, atom: Atom) -> tuple[str, ...]:
        """The atom as typed, plus every name of the institution it names."""
        canonical = self.table.canonical(atom.text.strip())
        if canonical is None:
            return (atom.text,)
        names = self.table.names_of(canonical)
        return (atom.text, *(n for n in names if n != atom.text))

    def _needles(self, atom: Atom) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fold(n) for n in self._names(atom) if fold(n)))

    def _match(self, atom: Atom) -> _AtomMatch:
        needles = self._needles(atom)
        exact: set[int] = set()
        for needle in needles:
            exact.update(self.scan.find(needle))
        parts: tuple[str, ...] = ()
        all_words: set[int] = set()
        if not atom.exact and len(needles) == 1:
            parts = tuple(dict.fromkeys(words(atom.folded)))
            if 2 <= len(parts) <= MAX_WORDS:
                found = [set(self.scan.find(w)) for w in sorted(parts, key=len, reverse=True)]
                all_words = set.intersection(*found) - exact
            else:
                parts = ()
        return _AtomMatch(atom, needles, parts, exact, all_words)

    def _institution_filter(self, values: Iterable[str]):
        wanted = []
        for value in values:
            canonical = self.table.canonical(value.strip()) or value.strip()
            wanted.append((canonical, fold(canonical)))
        if not wanted:
            return lambda institution: True

        def accept(institution: str) -> bool:
            folded = fold(institution)
            return any(institution == c or (f and f in folded) for c, f in wanted)

        return accept

    @staticmethod
    def _year_filter(ranges: Iterable[tuple[int, int]], years: Iterable[int | str]):
        spans_ = list(ranges)
        for y in years:
            if str(y).strip():
                if not str(y).strip().isdigit():
                    raise QueryError(f"年份必须是数字：“{y}”。")
                spans_.append((int(y), int(y)))
        if not spans_:
            return lambda year: True
        return lambda year: bool(year) and any(a <= int(year) <= b for a, b in spans_)

    # ------------------------------------------------------------ ranking

    def _word_docs_for(self, word: str) -> frozenset[int]:
        docs = self._word_docs.get(word)
        if docs is None:
            df = self._searcher.doc_frequency("words", word)
            if 0 < df <= MAX_WORD_DF:
                docs = frozenset(self._searcher.docs_for_query(wq.Term("words", word)))
            else:
                docs = frozenset()
            if len(self._word_docs) > 4096:
                self._word_docs.clear()
            self._word_docs[word] = docs
        return docs

    def _scores(self, docs: list[int], matches: list[list[_AtomMatch]], exact: set[int]):
        scan = self.scan
        n = max(scan.paragraphs, 1)
        avg = scan.average_length
        kinds = scan.columns.kind

        def idf(df: int) -> float:
            return math.log(1 + (n - df + 0.5) / (df + 0.5))

        weighted: list[tuple[float, str, frozenset[int]]] = []
        terms: list[tuple[float, tuple[str, ...], tuple[float, ...]]] = []
        for group in matches:
            for m in group:
                atom_idf = idf(len(m.exact) or 1)
                word_idfs = tuple(idf(len(scan.find(w)) or 1) * 0.5 for w in m.words)
                terms.append((atom_idf, m.needles, word_idfs))
                for w in words(m.atom.folded):
                    docs_w = self._word_docs_for(w)
                    if docs_w:
                        weighted.append((idf(len(docs_w)) * WORD_BONUS, w, docs_w))
        scores: dict[int, float] = {}
        for d in docs:
            length = max(scan.lengths[d], MIN_LENGTH)
            norm = K1 * (1 - B + B * length / avg)
            score = 0.0
            for (atom_idf, needles, word_idfs), m in zip(terms, (m for g in matches for m in g), strict=False):
                tf = sum(scan.count(nd, d) for nd in needles)
                if tf:
                    score += atom_idf * tf * (K1 + 1) / (tf + norm)
                else:
                    for wi, w in zip(word_idfs, m.words, strict=False):
                        tf = scan.count(w, d)
                        score += wi * tf * (K1 + 1) / (tf + norm)
            for bonus, _w, docs_w in weighted:
                if d in docs_w:
                    score += bonus
            scores[d] = score * KIND_WEIGHT.get(Kind(kinds[d]) if kinds[d] else Kind.BODY, 1.0)
        return scores

    def _sort_key(self, sort: str, scores: dict[int, float], exact: set[int]):
        cols = self.scan.columns
        if sort == "year":
            return lambda d: (-int(cols.year[d] or 0), d not in exact, -scores[d], d)
        if sort == "institution":
            return lambda d: (cols.institution[d] or "\uffff", d not in exact, -scores[d], d)
        return lambda d: (d not in exact, -scores[d], -int(cols.year[d] or 0), d)

    # ------------------------------------------------------------ hits

    def _hit(self, docnum: int, score: float, is_exact: bool,
             matches: list[list[_AtomMatch]]) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        record = self.records.get(stored["report"])
        text = self._text[docnum].decode("utf-8")
        needles: list[str] = []
        for group in matches:
            for m in group:
                needles.extend(m.needles)
                if not is_exact:
                    needles.extend(m.words)
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
            highlights=spans(text, needles),
            score=round(score, 4),
            match=EXACT if is_exact else ALL_WORDS,
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

    def report(self, name: str) -> ReportView:
        record = self.find_report(name)
        paragraphs = []
        for docnum in self._report_docs(record):
            stored = self._searcher.stored_fields(docnum)
            paragraphs.append(Paragraph(
                stored["ordinal"], Kind(stored["kind"]), self._text[docnum].decode("utf-8"),
                stored.get("section", ""),
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
        counts = Counter(w for w in words(self.scan.folded(docnum)) if len(w) > 1)
        n = max(self.scan.paragraphs, 1)
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
            if self.scan.lengths[r.docnum] < MIN_SIMILAR_LENGTH:
                continue
            stored = r.fields()
            other = self.records.get(stored["report"])
            text = self._text[r.docnum].decode("utf-8")
            hits.append(Hit(
                report=other.name if other else "", path=other.path if other else "",
                title=other.title if other else "", institution=stored.get("institution", ""),
                year=int(stored["year"]) if stored.get("year") else None,
                paragraph=stored["ordinal"], kind=stored["kind"],
                section=stored.get("section", ""), text=text,
                highlights=spans(text, key_words), score=round(r.score, 4), match=ALL_WORDS,
            ))
        return hits
