"""Highlight spans: where in a paragraph's own text the matches are.

Matching runs on folded text (see ``normalize``); folding maps each character to
at most one, so every match maps back to a span of the text the user sees, even
when the match ignored spaces, width or Traditional forms.
"""

from __future__ import annotations

from collections.abc import Iterable

from .normalize import fold_with_offsets

Span = tuple[int, int]


def spans(text: str, needles: Iterable[str]) -> tuple[Span, ...]:
    """Merged ``[start, end)`` spans of ``text`` covering every occurrence of each
    folded needle."""
    folded, offsets = fold_with_offsets(text)
    found: list[Span] = []
    for needle in {n for n in needles if n}:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            found.append((offsets[start], offsets[end - 1] + 1))
            start = folded.find(needle, start + 1)
    return merge(found)


def merge(found: list[Span]) -> tuple[Span, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def snippet(text: str, highlights: tuple[Span, ...], width: int = 120) -> tuple[str, tuple[Span, ...]]:
    """A window of ``text`` around the first highlight, with spans shifted into it. The
    first highlight is always whole in it (the window grows to its end), so a snippet
    never ends inside the match it is shown for."""
    if len(text) <= width:
        return text, highlights
    first, first_end = highlights[0] if highlights else (0, 0)
    start = max(0, min(first - width // 3, len(text) - width))
    end = max(start + width, first_end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shifted = tuple(
        (max(s, start) - start + len(prefix), min(e, end) - start + len(prefix))
        for s, e in highlights
        if e > start and s < end
    )
    return prefix + text[start:end] + suffix, shifted


def found_spans(text: str, alternatives: Iterable) -> tuple[Span, ...]:
    """Merged spans of ``text`` where any of ``alternatives`` (``matching.Alternative``:
    a literal, with the pattern it must match if any) is found in its folded form."""
    folded, offsets = fold_with_offsets(text)
    found: list[Span] = []
    for alternative in dict.fromkeys(alternatives):
        for start, end in alternative.spans(folded):
            if end > start:
                found.append((offsets[start], offsets[end - 1] + 1))
    return merge(found)
