"""Recall against a plain substring scan of the SOURCE files: every string a file's
decoded lines contain (both sides folded with ``index.normalize.fold``) is found in that
report, quoted or not, whatever the backend. The reference never asks the backend."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from index.normalize import fold
from index.paragraphs import MAX_PARAGRAPH
from index.query import quote

SEP = "\x00"  # never in a needle
# Needles that the query language would read as syntax are searched quoted only.
_SYNTAX = re.compile(r"[\"＂“”‘’「」『』']|(^|\s)(-|OR(\s|$)|NOT(\s|$)|(institution|机构|year|年份|年):)")


def grep(lines: dict[str, list[str]], needle: str) -> set[str]:
    """The report files with a line containing ``needle``, both folded: the reference."""
    folded = fold(needle)
    return {path for path, file_lines in lines.items()
            if any(folded in fold(line) for line in file_lines)}


def found(backend, query: str) -> set[str]:
    return {hit.path for hit in backend.search(query, limit=0).hits}


def draw_needle(data, lines: dict[str, list[str]]) -> str:
    """A random piece (1–40 characters) of a random line of a random file; in a line
    longer than a paragraph, often one just before a cut."""
    paths = sorted(lines)
    path = paths[data.draw(st.integers(0, len(paths) - 1), label="file")]
    candidates = [line for line in lines[path] if fold(line)]
    line = candidates[data.draw(st.integers(0, len(candidates) - 1), label="line")]
    length = data.draw(st.integers(1, 40), label="length")
    if len(line) > MAX_PARAGRAPH and data.draw(st.booleans(), label="at a cut"):
        cut = MAX_PARAGRAPH * data.draw(st.integers(1, len(line) // MAX_PARAGRAPH))
        start = max(0, cut - data.draw(st.integers(1, length)))
    else:
        start = data.draw(st.integers(0, max(0, len(line) - 1)), label="start")
    return line[start:start + length]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_string_of_a_source_file_is_found_in_its_report(backend, library, data):
    needle = draw_needle(data, library.lines)
    assume(fold(needle) and SEP not in needle)
    expected = grep(library.lines, needle)
    assert expected  # the needle is in its own file
    assert expected <= found(backend, quote(needle))
    if not _SYNTAX.search(needle):
        assert expected <= found(backend, needle)


def test_the_reference_reads_every_source_file(library):
    """The property above draws from every kind of file the library holds."""
    assert {"traditional", "full-width", "long-line", "no-year", "own-2", "own-3"} <= set(
        library.files)
    assert max(len(line) for line in library.lines[library.path("long-line")]) > 2 * MAX_PARAGRAPH
    assert "醫療服務品質" in "".join(library.lines[library.path("traditional")])
    assert "第003号报告的独有句子" in "".join(library.lines[library.path("own-3")])  # UTF-16
