"""The local engine's query meaning, used as it is: what each term of a parsed query
looks for (its folded needles, the other names of the institution it names, its jieba
words for the all-words fallback), the filters, and the limits.

These are methods of ``search.Searcher`` that read only the alias table; they are
borrowed through a searcher with no index, so both backends find the same things by the
same code. (When a backend-neutral match plan exists, this module gives way to it.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..analysis import words
from ..institutions import InstitutionTable
from ..normalize import fold
from ..query import Atom, Query, parse
from ..search import MAX_FALLBACK_WORDS, MAX_WORDS, Searcher


@dataclass(frozen=True)
class Term:
    """One positive term: exact when one of ``needles`` occurs; else, with ``parts``,
    when every part does (the all-words fallback)."""

    atom: Atom
    needles: tuple[str, ...]
    parts: tuple[str, ...] = ()


class QueryTerms:
    """Query meaning over one alias table."""

    def __init__(self, table: InstitutionTable):
        self.table = table
        self._meaning = Searcher.__new__(Searcher)  # no index: only the table is read
        self._meaning.table = table

    def parse(self, text: str | Query) -> Query:
        """The parsed query, refused (QueryError) when it asks for too many strings."""
        query = parse(text) if isinstance(text, str) else text
        self._meaning._check_needles(query)
        return query

    def needles(self, query: str | Query) -> tuple[str, ...]:
        return self._meaning.needles(query)

    def atom_needles(self, atom: Atom) -> tuple[str, ...]:
        return self._meaning._needles(atom)

    def groups(self, query: Query) -> list[list[Term]]:
        """Each group (an OR of terms) of the query, its terms with what they look for;
        the all-words budget is spent in query order, as the local engine spends it."""
        budget = MAX_FALLBACK_WORDS
        out = []
        for group in query.groups:
            terms = []
            for atom in group:
                needles = self.atom_needles(atom)
                parts: tuple[str, ...] = ()
                if not atom.exact and len(needles) == 1:
                    candidate = tuple(dict.fromkeys(words(atom.folded)))
                    if 2 <= len(candidate) <= min(MAX_WORDS, budget):
                        budget -= len(candidate)
                        parts = candidate
                terms.append(Term(atom, needles, parts))
            out.append(terms)
        return out

    def expansions(self, groups: list[list[Term]]) -> dict[str, tuple[str, ...]]:
        """For each term naming an institution: the other names searched too."""
        return {t.atom.text: tuple(n for n in self._meaning._names(t.atom)
                                   if fold(n) != t.atom.folded)
                for g in groups for t in g if len(t.needles) > 1}

    def institution_filter(self, values: Iterable[str]):
        """A predicate on an institution's name, or None (no filter)."""
        return self._meaning._institution_filter(values)

    @staticmethod
    def year_filter(ranges: Iterable[tuple[int, int]], years: Sequence[int | str | None]):
        """A predicate on a year facet value ("" for no year), or None."""
        return Searcher._year_filter(ranges, years)
