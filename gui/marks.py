"""Where a query matches in a report: the spans to mark in each paragraph (cell by cell
in a table row). Plain Python over the engine's functions, used by the reader thread
for a whole report and by the document for the paragraphs it lays out."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from index.highlight import spans
from index.model import Kind, Paragraph
from index.normalize import fold

Spans = tuple[tuple[int, int], ...]


def paragraph_marks(p: Paragraph, needles: tuple[str, ...]) -> Spans:
    """The spans of ``p.text`` to mark; a table row's are offsets in the tab-joined row,
    each inside one cell (a match never runs from one cell into the next)."""
    if not needles:
        return ()
    if p.kind is not Kind.TABLE:
        return spans(p.text, needles)
    found, start = [], 0
    for cell in p.text.split("\t"):
        found.extend((start + s, start + e) for s, e in spans(cell, needles))
        start += len(cell) + 1
    return tuple(found)


def report_marks(paragraphs: Iterable[Paragraph], needles: tuple[str, ...],
                 stale: Callable[[], bool] = lambda: False) -> dict[int, Spans] | None:
    """The spans of every paragraph that matches (ordinal -> spans), or None when
    ``stale()`` says the answer is no longer wanted. A paragraph is folded (in C) to
    see whether it can match before its spans are worked out character by character."""
    marks: dict[int, Spans] = {}
    if not needles:
        return marks
    for i, p in enumerate(paragraphs):
        if i % 2000 == 0 and stale():
            return None
        folded = fold(p.text)
        if any(n in folded for n in needles):
            found = paragraph_marks(p, needles)
            if found:
                marks[p.ordinal] = found
    return marks
