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
choice stays visible while one is ticked. Reports with no known year count under
the year ``UNKNOWN_YEAR`` (""), and passing it in ``years`` selects them.

The work a query can ask for is bounded: ``query.parse`` allows ``MAX_TERMS``
different terms; with the other names of the institutions they name they may make
at most ``MAX_NEEDLES`` strings to scan for (more is a QueryError), each scanned once
per search; the all-words fallback looks at ``MAX_WORDS`` words of a term and
``MAX_FALLBACK_WORDS`` words in all (terms past that budget match exactly only).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from whoosh import query as wq

from .analysis import words
from .errors import QueryError, ReportNotFoundError
from .highlight import spans
from .institutions import InstitutionTable
from .model import (
    ALL_WORDS,
    BY_INSTITUTION,
    BY_YEAR,
    EXACT,
    RELEVANCE,
    SORTS,
    UNKNOWN_YEAR,
    Facets,
    Hit,
    Kind,
    Paragraph,
    ReportRecord,
    ReportView,
    SearchResult,
)
from .normalize import fold
from .query import Atom, Query, parse
from .scan import TextScan, to_scan
from .writing import PARAGRAPH, REPORT

MAX_WORDS = 12  # a longer unquoted term is matched exactly only
MAX_FALLBACK_WORDS = 16  # words checked apart, over all the terms of one query
MAX_NEEDLES = 48  # strings scanned for (terms and their institutions' other names)
KIND_WEIGHT = {
    Kind.TITLE: 1.3, Kind.HEADING: 1.2, Kind.BODY: 1.0, Kind.TABLE: 0.9, Kind.CAPTION: 0.8,
    Kind.BYLINE: 0.4, Kind.MASTHEAD: 0.15, Kind.FURNITURE: 0.05,
}
MIN_SIMILAR_LENGTH = 12  # a shorter paragraph is "similar" by accident
MIN_LENGTH = 20  # shorter paragraphs are scored as if this long: no bonus for being tiny
K1, B = 1.2, 0.75
WORD_BONUS = 0.5
RERANK = 200  # how many leading hits get the whole-word bonus


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
        self._text = reader.column_reader("text") if reader.has_column("text") else []
        self.records = {
            r.key: r
            for r in (ReportRecord.from_stored(s) for s in self._searcher.documents(doctype=REPORT))
        }
        self._scan: TextScan | None = None
        self._found: dict[str, list[int]] = {}  # per search: each string's paragraphs
        self._fallback_words = MAX_FALLBACK_WORDS  # per search: all-words budget left

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
        query = parse(text) if isinstance(text, str) else text
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        if limit < 0 or offset < 0:
            raise QueryError(f"条数和起始位置不能是负数（limit={limit}，offset={offset}）。")
        self._check_needles(query)
        scan = self.scan
        self._found = {}  # each string is scanned once per search
        self._fallback_words = MAX_FALLBACK_WORDS
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
                removed = self._find(needle)
                exact.difference_update(removed)
                loose.difference_update(removed)

        inst_ok = self._institution_filter((*query.institutions, *institutions))
        year_ok = self._year_filter(query.years, years)
        selected, facet_inst, facet_year = self._facets(loose, inst_ok, year_ok)

        scores = self._scores(selected, matches)
        ordered = self._order(selected, scores, exact, matches, sort,
                              len(selected) if limit <= 0 else offset + limit)[offset:]
        if limit > 0:
            ordered = ordered[:limit]
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

    def _find(self, needle: str) -> list[int]:
        found = self._found.get(needle)
        if found is None:
            found = self._found[needle] = self.scan.find(needle)
        return found

    def _check_needles(self, query: Query) -> None:
        needles = {n for atom in (*query.positive, *query.excluded) for n in self._needles(atom)}
        if len(needles) > MAX_NEEDLES:
            raise QueryError(f"查询要查找的内容太多（连同机构的其他名称共 {len(needles)} 个），"
                             f"最多 {MAX_NEEDLES} 个：请减少检索词或机构名。")

    def needles(self, text: str | Query) -> tuple[str, ...]:
        """Every folded string a query highlights: its terms, their institution names and,
        for unquoted terms, their words (used to mark a whole report)."""
        query = parse(text) if isinstance(text, str) else text
        self._check_needles(query)
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
            exact.update(self._find(needle))
        parts: tuple[str, ...] = ()
        all_words: set[int] = set()
        if not atom.exact and len(needles) == 1:
            parts = tuple(dict.fromkeys(words(atom.folded)))
            if 2 <= len(parts) <= min(MAX_WORDS, self._fallback_words):
                self._fallback_words -= len(parts)
                # Scan for the rarest-looking word only; check the others in its paragraphs.
                first, *rest = sorted(parts, key=self._rarity)
                scan = self.scan
                text, starts, lengths = scan.text, scan.starts, scan.lengths
                rest = [to_scan(w) for w in rest]
                all_words = {
                    d for d in self._find(first)
                    if d not in exact
                    and all(text.find(w, starts[d], starts[d] + lengths[d]) != -1 for w in rest)
                }
            else:
                parts = ()
        return _AtomMatch(atom, needles, parts, exact, all_words)

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

    def _rarity(self, word: str) -> tuple[int, int]:
        """Sort key putting the word that should occur in the fewest paragraphs first:
        longer words, then fewer paragraphs having it as a word."""
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

    def _idf(self, df: int) -> float:
        n = max(self.scan.paragraphs, 1)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _scores(self, docs: list[int], matches: list[list[_AtomMatch]]) -> dict[int, float]:
        """BM25 over the occurrences of each term (or, for an all-words match, of its
        words), times the weight of the paragraph's kind. No index reads; a term's
        occurrences are counted only in the paragraphs its scan found, so the work is
        that of the scans, not paragraphs × terms."""
        scan = self.scan
        text, starts, lengths = scan.text, scan.starts, scan.lengths
        avg = scan.average_length
        k1 = K1 + 1
        scores = dict.fromkeys(docs, 0.0)
        norms = {d: K1 * (1 - B + B * max(lengths[d], MIN_LENGTH) / avg) for d in docs}
        for group in matches:
            for m in group:
                atom_idf = self._idf(len(m.exact) or 1)
                needles = tuple(to_scan(n) for n in m.needles)
                for d in m.exact.intersection(scores):
                    start = starts[d]
                    end = start + lengths[d]
                    tf = 0
                    for needle in needles:
                        tf += text.count(needle, start, end)
                    scores[d] += atom_idf * tf * k1 / (tf + norms[d])
                if not m.words:
                    continue
                # Where the term itself is absent, each of its words counts for half.
                parts = [(self._idf(self._searcher.doc_frequency("words", w) or 1) * 0.5,
                          to_scan(w)) for w in m.words]
                for d in scores.keys() - m.exact:
                    start = starts[d]
                    end = start + lengths[d]
                    for word_idf, word in parts:
                        tf = text.count(word, start, end)
                        scores[d] += word_idf * tf * k1 / (tf + norms[d])
        weights = self._kind_weight
        return {d: score * weights[d] for d, score in scores.items()}

    def _order(self, docs: list[int], scores: dict[int, float], exact: set[int],
               matches: list[list[_AtomMatch]], sort: str, wanted: int) -> list[int]:
        """The first ``wanted`` hits in order. By relevance, the leading RERANK hits are
        re-scored with a bonus for each query word that is a whole word of the paragraph
        (jieba's segmentation), so 晓东 inside 李晓东 ranks below 晓东 on its own."""
        year = self.scan.columns.year
        if sort == BY_YEAR:
            keys = [(-int(year[d] or 0), d not in exact, -scores[d], d) for d in docs]
        elif sort == BY_INSTITUTION:
            inst = self.scan.columns.institution
            keys = [(inst[d] or "\uffff", d not in exact, -scores[d], d) for d in docs]
        else:
            keys = [(d not in exact, -scores[d], -int(year[d] or 0), d) for d in docs]
        if sort != RELEVANCE:
            return [k[-1] for k in heapq.nsmallest(wanted, keys)]
        head = heapq.nsmallest(max(wanted, RERANK), keys)
        query_words = {w for g in matches for m in g for w in words(m.atom.folded)}
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
