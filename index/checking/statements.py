"""A draft cut into statements: its sentences, and a long sentence's clauses.

A statement is what one source can support: "市二院去年派出237人到国内知名医疗机构进修。"
A sentence ends at 。！？；!?; or a line break. A sentence longer than
``MAX_STATEMENT`` characters says several things (a report's sentence often strings
five facts together with commas): it is cut at its commas into clauses of at least
``MIN_CLAUSE`` characters, so each can be checked against its own paragraph. Every
statement keeps its offsets in the draft, so a front end can mark it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_STATEMENT = 120  # characters; a longer sentence is cut into clauses
MIN_CLAUSE = 24  # a clause shorter than this stays with the next (or the previous) one
MIN_STATEMENT = 6  # characters with a letter or digit: less is a heading or a fragment
MAX_STATEMENTS = 400  # statements checked in one draft (a draft, not a book)

_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")
_COMMA = re.compile(r"[，,、：:]")
_WORDLIKE = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3400-\u9fff]")


@dataclass(frozen=True)
class Statement:
    """One statement: its number (1-based), its text, and where it is in the draft
    (``draft[start:end] == text``)."""

    number: int
    text: str
    start: int
    end: int


def statements(draft: str) -> list[Statement]:
    """The statements of ``draft`` in order (at most ``MAX_STATEMENTS``)."""
    out: list[Statement] = []
    for start, end in _sentences(draft):
        for piece_start, piece_end in _clauses(draft, start, end):
            text = draft[piece_start:piece_end]
            if len(_WORDLIKE.findall(text)) >= MIN_STATEMENT:
                out.append(Statement(len(out) + 1, text, piece_start, piece_end))
                if len(out) >= MAX_STATEMENTS:
                    return out
    return out


def _sentences(draft: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation kept, space trimmed."""
    spans, last = [], 0
    for match in _END.finditer(draft):
        end = match.end() if not match.group().startswith("\n") else match.start()
        spans.append((last, end))
        last = match.end()
    spans.append((last, len(draft)))
    return [_trimmed(draft, s, e) for s, e in spans if draft[s:e].strip()]


def _trimmed(draft: str, start: int, end: int) -> tuple[int, int]:
    while start < end and draft[start].isspace():
        start += 1
    while end > start and draft[end - 1].isspace():
        end -= 1
    return start, end


def _clauses(draft: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence as it is, or cut at commas into clauses of MIN_CLAUSE characters or
    more when it is longer than MAX_STATEMENT."""
    if end - start <= MAX_STATEMENT:
        return [(start, end)]
    cuts = [start + m.end() for m in _COMMA.finditer(draft, start, end)]
    pieces, begin = [], start
    for cut in cuts:
        if cut - begin >= MIN_CLAUSE and end - cut >= MIN_CLAUSE:
            pieces.append(_trimmed(draft, begin, cut))
            begin = cut
    pieces.append(_trimmed(draft, begin, end))
    return pieces
