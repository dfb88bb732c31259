"""What a query means, as plain data every backend executes the same way: the plan.

``plan(query, table)`` turns a parsed query (``query.parse``) into a :class:`Plan`.
Nothing here touches an index: the local engine (``search``) runs it with gram
postings and verification in its text index (``textindex``), a
PostgreSQL backend with ``LIKE``/``~`` on paragraphs and SQL on the reports table.

**The plan.** ``Plan.groups`` is an AND of ORs of :class:`Term`; ``Plan.excluded`` the
terms no hit may have; ``Plan.institutions`` and ``Plan.years`` the query's filters as
parsed. Each term carries:

- ``alternatives``: the ways of writing it, each an :class:`Alternative` — a folded
  ``literal`` that must occur in the folded paragraph (the candidate key) and an
  optional ``pattern``, a regular expression the folded paragraph must match (it
  contains the literal, with number boundaries around it: ``227人`` is not found in
  ``1227人``). An institution's other names and a figure's other forms are
  alternatives (``23000家`` / ``2.3万家`` / ``23,000家``).
- ``literal``: the term folded as typed, plain substring: what grep would look for.
- ``pieces``: for the all-words tier, the term cut into words (a figure and its unit
  stay one piece); each piece is a tuple of alternatives.
- ``report``: a :class:`ReportTest` when the term names the report rather than the
  paragraph (``山西``, ``罗湖区政府``, ``2024年``, ``政府工作报告``): it is then also
  found in every paragraph of a report whose record passes the test.

**What matches** (``Alternative.found_in``, ``ReportTest.accepts`` are the reference):

1. A paragraph has a term *exactly* when one of its alternatives is found in the folded
   text (the literal occurs and, if there is a pattern, the text matches it), or when the
   term has a ``report`` test and the paragraph's report passes it.
2. It has the term *loosely* when the term's ``literal`` occurs in it (so every
   paragraph grep finds is returned), or when every one of its ``pieces`` is found.
3. A paragraph is a hit when each group has a term it has exactly or loosely, and it
   has no excluded term (exactly or loosely); an *exact* hit when each group has a term
   it has exactly. Exact hits rank before the others.

**Patterns** use a subset that Python's ``re`` and PostgreSQL's regular expressions
(ARE, 9.6 and later) read alike: literal characters, with ``\\ . ^ $ | ? * + ( ) [ ] {
}`` escaped by a backslash; bracket classes of literal characters and ranges
(``[0-9]``, ``[^0-9]``, ``[零一二]``); ``{n}`` counts; ``$`` at the end of the text; and
negative lookahead ``(?!…)`` and negative lookbehind ``(?<!…)`` of fixed width, holding
only the above. No other construct, no flags; the text they run on is folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .analysis import words
from .figures import boundaries, figures, forms
from .foldedtext import first_match
from .institutions import InstitutionTable
from .normalize import fold
from .query import Atom, Query

MAX_WORDS = 12  # a longer unquoted term is matched exactly only
MAX_FALLBACK_WORDS = 16  # words checked apart, over all the terms of one query
# Kinds of report, and the word a title naming that kind holds: a 政府工作报告 is also
# titled without the government's name (2024年国务院工作报告).
REPORT_KINDS = {"政府工作报告": "工作报告", "工作报告": "工作报告", "预算报告": "预算",
                "两会专刊": "两会"}
_YEAR = re.compile(r"((?:19|20)[0-9]{2})(?:年度|年)?")
_DISTRICT = re.compile(r"^(?:.{1,6}?市)?(?P<district>[^市区县]{2,4}?(?:新区|区|县))")
_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")


def escape(literal: str) -> str:
    """``literal`` as a pattern of the subset: its metacharacters behind a backslash."""
    return _SPECIAL.sub(r"\\\1", literal)


@dataclass(frozen=True)
class Alternative:
    """One way of writing a term: ``literal`` must occur in the folded paragraph, and
    the folded paragraph must match ``pattern`` when there is one.

    A pattern is the escaped literal between zero-width conditions (``alternative``:
    lookbehinds before it, lookaheads after it), so it matches only where the literal
    starts: it is tried there (``pattern.match`` at each occurrence, the conditions
    seeing the whole text) instead of searched for at every character, which Python's
    ``re`` does for a pattern opening with a lookbehind (~10 µs a paragraph)."""

    literal: str
    pattern: str = ""

    def found_in(self, folded: str) -> bool:
        if not self.pattern:
            return self.literal in folded
        return first_match(folded, compiled(self.pattern).match, self.literal) != -1

    def count_in(self, folded: str) -> int:
        """How often it occurs in ``folded``: ``str.count`` of the literal, or the
        pattern's matches (which do not overlap)."""
        if not self.pattern:
            return folded.count(self.literal)
        return sum(1 for _ in self._matches(folded))

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Where it occurs in ``folded`` (start, end)."""
        if self.pattern:
            return [(at, at + len(self.literal)) for at in self._matches(folded)]
        out, start = [], folded.find(self.literal)
        while start != -1 and self.literal:
            out.append((start, start + len(self.literal)))
            start = folded.find(self.literal, start + 1)
        return out

    def _matches(self, folded: str) -> Iterator[int]:
        """Where the pattern's matches begin, in order (they do not overlap)."""
        match, step = compiled(self.pattern).match, max(len(self.literal), 1)
        at = first_match(folded, match, self.literal)
        while at != -1:
            yield at
            at = first_match(folded, match, self.literal, at + step)


@cache
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@dataclass(frozen=True)
class ReportTest:
    """A test on a report's record: its institution is one of ``institutions`` or starts
    with one of ``prefixes`` (when either is given), its year is one of ``years`` (when
    given), and its folded title contains every one of ``title_words``."""

    institutions: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    title_words: tuple[str, ...] = ()

    def accepts(self, institution: str, year: int | None, title: str) -> bool:
        if (self.institutions or self.prefixes) and not (
            institution in self.institutions
            or any(institution.startswith(p) for p in self.prefixes)
        ):
            return False
        if self.years and year not in self.years:
            return False
        folded = fold(title)
        return all(w in folded for w in self.title_words)

    @property
    def names_place(self) -> bool:
        """It names an institution or a place (not only a year or a kind of report)."""
        return bool(self.institutions or self.prefixes)


@dataclass(frozen=True)
class Term:
    text: str  # as typed
    literal: str  # folded as typed: the plain substring
    exact: bool  # quoted: its alternatives as typed only, no pieces, no report test
    alternatives: tuple[Alternative, ...]
    pieces: tuple[tuple[Alternative, ...], ...] = ()
    report: ReportTest | None = None
    also: tuple[str, ...] = ()  # the other names and forms searched, for people

    @property
    def literals(self) -> tuple[str, ...]:
        """Every string whose occurrence is evidence of the term (to mark a report)."""
        out = [a.literal for a in self.alternatives]
        out += [a.literal for piece in self.pieces for a in piece if len(a.literal) > 1]
        return tuple(dict.fromkeys([self.literal, *out]))

    def form_of(self, alternative: Alternative) -> str:
        """How a found alternative is shown in a hit: "" when it is the term as typed."""
        return "" if alternative.literal == self.literal else alternative.literal


@dataclass(frozen=True)
class Plan:
    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]
    institutions: tuple[str, ...] = ()  # the query's institution filters, as typed
    years: tuple[tuple[int, int], ...] = ()  # its year filters, inclusive ranges
    text: str = ""

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.groups for t in g)


def plan(query: Query, table: InstitutionTable) -> Plan:
    """The plan of a parsed query. Report tests are kept only when some group must be
    found in the text (a query of report-naming words alone searches the text)."""
    budget = [MAX_FALLBACK_WORDS]
    groups = tuple(tuple(_term(a, table, budget) for a in g) for g in query.groups)
    if not any(all(t.report is None for t in g) for g in groups):
        groups = tuple(tuple(_without_report(t) for t in g) for g in groups)
    excluded = tuple(_without_report(_term(a, table, [0])) for a in query.excluded)
    return Plan(groups, excluded, query.institutions, query.years, query.text)


def _without_report(term: Term) -> Term:
    if term.report is None:
        return term
    return Term(term.text, term.literal, term.exact, term.alternatives, term.pieces,
                None, term.also)


def _term(atom: Atom, table: InstitutionTable, budget: list[int]) -> Term:
    literal = atom.folded
    names = _names(atom.text, table)
    if names:
        alternatives = tuple(alternative(n) for n in dict.fromkeys(fold(n) for n in names)
                             if n)
        also = tuple(n for n in names if fold(n) != literal)
    else:
        written = (literal,) if atom.exact else forms(literal)
        alternatives = tuple(alternative(f) for f in written)
        also = written[1:]
    pieces: tuple[tuple[Alternative, ...], ...] = ()
    if not atom.exact and not names:
        cut = split(literal)
        if 2 <= len(cut) <= min(MAX_WORDS, budget[0]):
            budget[0] -= len(cut)
            pieces = tuple(tuple(alternative(f) for f in forms(p)) for p in cut)
    report = None if atom.exact else report_test(atom.text, table)
    return Term(atom.text, literal, atom.exact, alternatives, pieces, report, also)


def alternative(literal: str) -> Alternative:
    """A form of a term, with the boundaries its figures need."""
    before, after = boundaries(literal)
    return Alternative(literal, before + escape(literal) + after if before or after else "")


def _names(text: str, table: InstitutionTable) -> tuple[str, ...]:
    """The term and every other name of the institution it names (none: not one)."""
    canonical = table.canonical(text.strip())
    if canonical is None:
        return ()
    return (text, *(n for n in table.names_of(canonical) if n != text))


def split(literal: str) -> list[str]:
    """A folded term cut into the words the all-words tier looks for apart: jieba's
    words, except that a figure with the unit after it stays one piece (``227人``,
    ``2.3万家``, ``5%-5.5%``), so a number is never found in pieces."""
    found = figures(literal)
    out: list[str] = []
    last = 0
    for figure in found:
        if figure.start < last:
            continue
        out.extend(words(literal[last:figure.start]))
        end = next((f.start for f in found if f.start >= figure.end), len(literal))
        following = words(literal[figure.end:end])
        unit = following[0] if following else ""
        if figure.typed.endswith("年") or not (
                unit and len(unit) <= 2 and literal.startswith(unit, figure.end)
                and not any(c.isdigit() for c in unit)):
            unit = ""
        out.append(figure.typed + unit)
        last = figure.end + len(unit)
    out.extend(words(literal[last:]))
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- words that name a report


def report_test(text: str, table: InstitutionTable) -> ReportTest | None:
    """The test a term puts on a report's record when the whole term names the report:
    an institution or a place (its names and aliases from the table, a province, a
    city, a district), a year (2024, 2024年), a kind of report (政府工作报告), or
    several of these together (2024年政府工作报告). None for any other term."""
    rest = fold(text)
    vocabulary = _vocabulary(table)
    names: list[str] = []
    prefixes: list[str] = []
    years: list[int] = []
    titles: list[str] = []
    while rest:
        year = _YEAR.match(rest)
        if year and not rest[year.end():year.end() + 1].isdigit():
            years.append(int(year.group(1)))
            rest = rest[year.end():]
            continue
        word = next((w for w in vocabulary if rest.startswith(w)), None)
        if word is not None:
            found_names, found_prefixes = vocabulary[word]
            names += found_names
            prefixes += found_prefixes
            rest = rest[len(word):]
            continue
        kind = next((k for k in REPORT_KINDS if rest.startswith(k)), None)
        if kind is not None:
            titles.append(REPORT_KINDS[kind])
            rest = rest[len(kind):]
            continue
        if rest.startswith("的") and (names or prefixes or years):
            rest = rest[1:]
            continue
        return None
    if not (names or prefixes or years or titles):
        return None
    return ReportTest(tuple(dict.fromkeys(names)), tuple(dict.fromkeys(prefixes)),
                      tuple(dict.fromkeys(years)), tuple(titles))


_VOCABULARY: dict[int, tuple[InstitutionTable, dict]] = {}


def _vocabulary(table: InstitutionTable) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Folded name → (institutions it names, institution prefixes it names), longest
    first: every name and alias in the table, each province and city by its full and
    short name, each district (罗湖区, 光明新区) with and without its suffix."""
    known = _VOCABULARY.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    entries: dict[str, tuple[set[str], set[str]]] = {}

    def add(name: str, institutions=(), prefixes=()) -> None:
        key = fold(name)
        if len(key) < 2:
            return
        names, heads = entries.setdefault(key, (set(), set()))
        names.update(institutions)
        heads.update(prefixes)

    for canonical in table.aliases:
        for name in table.names_of(canonical):
            add(name, institutions=(canonical,))
    for full, short in table.provinces:
        add(full, prefixes=(full,))
        add(short, prefixes=(full,))
    for city in table.cities:
        add(city, prefixes=(city,))
        add(city.removesuffix("市"), prefixes=(city,))
    for canonical in table.aliases:
        match = _DISTRICT.match(canonical)
        if match:
            district = match.group("district")
            members = [c for c in table.aliases if district in c]
            add(district, institutions=members)
            short = district.removesuffix("新区").removesuffix("区").removesuffix("县")
            add(short, institutions=members)
    ordered = sorted(entries, key=len, reverse=True)
    vocabulary = {k: (tuple(sorted(entries[k][0])), tuple(sorted(entries[k][1])))
                  for k in ordered}
    _VOCABULARY.clear()  # one table is in use at a time; keep only the newest
    _VOCABULARY[id(table)] = (table, vocabulary)
    return vocabulary
