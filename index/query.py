"""The query language, parsed into plain data.

- words separated by spaces must all appear (AND);
- a phrase in quotes must appear exactly as typed (spaces inside are ignored, like
  everywhere), with every pair of quotes a Chinese or Western keyboard types:
  “…” ‘…’ 「…」 『…』 ＂…＂ "…" '…'. Inside ``"…"``, ``""`` stands for a quote
  character. A quote with no partner (``卫健委"``) is ignored, never searched for; a
  phrase typed inside a word (``医院“一号管三天”``) is a term of its own, so a
  paragraph holding the quoted words is still found. Ideographic spaces separate
  terms like spaces;
- ``A OR B`` either; ``-word`` or ``NOT word`` must not appear;
- ``institution:市二院`` (``机构:``) and ``year:2025``, ``year:2024-2026`` (``年份:``) filter;
  several values of one filter mean either.

Parsing never fails on odd input: an unbalanced quote is left out, a lone operator is
searched as text. It fails (with :class:`QueryError`) only when
nothing is left to search for, or the query is too big to answer quickly: more than
``MAX_QUERY`` characters, or more than ``MAX_TERMS`` different terms. A term written
twice is one term (``的 的 的`` is ``的``), so repeating a word costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError
from .normalize import fold

MAX_QUERY = 1000  # characters
MAX_TERMS = 12  # different terms to find or exclude; each one is a scan of all the text
YEAR_MIN, YEAR_MAX = 1800, 2200

_QUOTES = '"＂'  # the quotes that ``""`` escapes inside a phrase
# Every quote pair: opening mark -> closing mark.
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "＂": "＂", '"': '"', "'": "'"}
_STRAY = set(PAIRS) | set(PAIRS.values())
_FILTER = re.compile(r"^(institution|机构|year|年份|年):(.*)$", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^(\d{4})(?:\s*[-–~至到]\s*(\d{4}))?$")


@dataclass(frozen=True)
class Atom:
    text: str  # as typed
    exact: bool  # quoted: no all-words fallback

    @property
    def folded(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Atom, ...], ...]  # AND of ORs
    excluded: tuple[Atom, ...] = ()
    institutions: tuple[str, ...] = ()  # as typed; resolved against the alias table
    years: tuple[tuple[int, int], ...] = ()  # inclusive ranges
    text: str = ""

    @property
    def positive(self) -> list[Atom]:
        return [atom for group in self.groups for atom in group]


@dataclass
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False
    is_or: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    word: list[str] = []
    negated = False

    def flush() -> None:
        nonlocal negated
        if word:
            tokens.append(_Token("".join(word), negated=negated))
            word.clear()
        negated = False

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            flush()
            i += 1
            continue
        if ch == "-" and not word and not negated and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            continue
        if ch in _STRAY:
            close = _find_close(text, i) if ch in PAIRS else -1
            if ch == "'" and word and close == -1 and i + 1 < n and text[i + 1].isalnum():
                word.append(ch)  # an apostrophe: Xi'an
                i += 1
                continue
            if close == -1:
                i += 1  # a quote with no partner is left out
                continue
            body = text[i + 1 : close]
            if ch in _QUOTES:
                for mark in _QUOTES:
                    body = body.replace(mark * 2, mark)
            if word and word[-1] == ":":  # field:"quoted value"
                word.extend(body)
                i = close + 1
                continue
            was_negated = negated and not word
            flush()
            tokens.append(_Token(body, quoted=True, negated=was_negated))
            i = close + 1
            continue
        word.append(ch)
        i += 1
    flush()
    return [t if t.quoted or t.text != "OR" or t.negated else _Token("OR", is_or=True)
            for t in tokens]


def _find_close(text: str, start: int) -> int:
    """Where the quote opened at ``start`` closes, or -1 when it does not."""
    opening = text[start]
    closing = PAIRS[opening]
    k = start + 1
    while k < len(text):
        if opening in _QUOTES and text[k] in _QUOTES:
            if text[k + 1 : k + 2] == text[k]:
                k += 2  # "" is a literal quote
                continue
            return k
        if text[k] == closing:
            return k
        k += 1
    return -1


def parse(text: str) -> Query:
    """Parse a query string. Raises :class:`QueryError` when there is nothing to find."""
    text = "".join(ch if ch.isprintable() or ch in "\t\n" else " " for ch in text)
    if len(text) > MAX_QUERY:
        raise QueryError("query.too_long", length=len(text), limit=MAX_QUERY)
    tokens = _tokens(text)
    groups: list[list[Atom]] = []
    excluded: list[Atom] = []
    institutions: list[str] = []
    years: list[tuple[int, int]] = []
    join_next = False
    negate_next = False
    for index, token in enumerate(tokens):
        if token.is_or:
            if groups and index + 1 < len(tokens) and not tokens[index + 1].is_or:
                join_next = True
                continue
            token = _Token("OR")  # a lone OR is a word
        if token.text == "NOT" and not token.quoted and index + 1 < len(tokens):
            negate_next = True
            continue
        if not token.quoted:
            match = _FILTER.match(token.text)
            if match and match.group(2):
                name, value = match.group(1).lower(), match.group(2)
                if name in ("institution", "机构"):
                    institutions.append(value)
                else:
                    years.append(_year_range(value))
                continue
        if not fold(token.text):
            continue  # only spaces or a stray quote
        atom = Atom(token.text, exact=token.quoted)
        if token.negated or negate_next:
            excluded.append(atom)
            negate_next = False
        elif join_next and groups:
            groups[-1].append(atom)
        else:
            groups.append([atom])
        join_next = False
    groups = list(dict.fromkeys(tuple(dict.fromkeys(g)) for g in groups))
    excluded = list(dict.fromkeys(excluded))
    terms = len({atom for group in groups for atom in group} | set(excluded))
    if terms > MAX_TERMS:
        raise QueryError("query.too_many_terms", terms=terms, limit=MAX_TERMS)
    if not groups:
        if excluded:
            raise QueryError("query.only_excluded")
        if not institutions and not years:
            raise QueryError("query.empty")
    return Query(
        groups=tuple(tuple(g) for g in groups),
        excluded=tuple(excluded),
        institutions=tuple(dict.fromkeys(institutions)),
        years=tuple(dict.fromkeys(years)),
        text=text.strip(),
    )


def _year_range(value: str) -> tuple[int, int]:
    match = _YEAR_RANGE.match(value.strip())
    if not match:
        raise QueryError("query.bad_year", value=value)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        first, last = last, first
    if first < YEAR_MIN or last > YEAR_MAX:
        raise QueryError("query.year_range", value=value)
    return first, last


def quote(text: str) -> str:
    """A query that finds ``text`` exactly (for "search this" actions)."""
    return '"' + re.sub(f"[{_QUOTES}]", lambda m: m.group(0) * 2, text) + '"'
