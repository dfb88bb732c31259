"""Recall against grep over the source files: every string a plain substring search finds
in a file's lines (decoded text, both sides folded with ``index.normalize.fold``), the
engine finds in that report, quoted or not, however long the line it stands in.

The reference never looks at the engine's paragraphs: it reads the files. One rule of
the reading format is applied to it: a Markdown heading's ``#`` marks are markup, not
text (``## 标题`` is the heading 标题), so needles are drawn from the rest of the line.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from index.engine import Engine
from index.normalize import fold
from index.paragraphs import MAX_PARAGRAPH
from index.query import quote
from index.reading import read_text

SEP = "\x00"  # never in a needle (the scan's separator)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SYNTAX = re.compile(r"[\"＂“”‘’「」『』']|(^|\s)(-|OR(\s|$)|NOT(\s|$)|(institution|机构|year|年份|年):)")
_POOL = ("医院患者健康服务发展建设推进完善提升能力水平管理体系改革创新科技人才教育文化"
         "经济社会民生保障城市乡村产业项目投资消费就业收入醫療報告發展")


def _long_lines(rng: random.Random) -> list[str]:
    """Generated reports whose lines are far longer than one paragraph may be."""
    def run(n: int) -> str:
        out = []
        while len(out) < n:
            r = rng.random()
            if r < 0.03:
                out.append(rng.choice(["DeepSeek", "ＣＴ", "227人", "SCI", "２０２５年"]))
            else:
                out.append(rng.choice(_POOL))
        return "".join(out)[:n]

    return [
        # No sentence end anywhere: every cut is a hard one.
        "第一部分\n\n" + run(3 * MAX_PARAGRAPH + 777) + "\n",
        # Sentence ends only near the start, then none: a cut at a sentence end, then hard.
        run(3000) + "。" + run(2 * MAX_PARAGRAPH + 5000) + "\n\n结尾一段。\n",
        # Several long lines, Windows line ends, sentence ends far apart.
        "\r\n".join(run(MAX_PARAGRAPH + rng.randint(1, 9000)) + "；" + run(12000)
                    for _ in range(3)) + "\r\n",
    ]


class Library:
    """The engine over the test files and each file's lines (a short repr: Hypothesis
    prints its test's arguments, and the lines are megabytes)."""

    def __init__(self, engine: Engine, lines: dict[str, list[str]]):
        self.engine, self.lines = engine, lines

    def __repr__(self) -> str:
        return f"<library of {len(self.lines)} files>"


@pytest.fixture(scope="module")
def library(tmp_path_factory, seed_files):
    """The seeds, several corpus files when the corpus is there, and generated files
    with very long lines: indexed, and read as lines for the reference."""
    folder = tmp_path_factory.mktemp("long-lines")
    files = list(seed_files)
    for i, content in enumerate(_long_lines(random.Random(20261201))):
        path = folder / f"long-{i}.txt"
        path.write_bytes(content.encode("utf-8"))
        files.append(path)
    from conftest import CORPUS

    docs = CORPUS / "docs"
    if docs.is_dir():
        files += [docs / f"{n:04d}.txt" for n in (1, 45, 92, 161, 230, 261)]
    engine = Engine(tmp_path_factory.mktemp("recall-index"))
    summary = engine.index(files)
    assert not summary.skipped and summary.reports == len(files)
    lines = {}
    for path in files:
        text = read_text(path).text.replace("\r\n", "\n").replace("\r", "\n")
        lines[str(path.resolve())] = [_MARKDOWN_HEADING.sub("", line) for line in text.split("\n")]
    yield Library(engine, lines)
    engine.close()


def _grep(lines: dict[str, list[str]], needle: str) -> set[str]:
    """The reports with a line containing ``needle``, both folded: the reference."""
    folded = fold(needle)
    return {path for path, file_lines in lines.items()
            if any(folded in fold(line) for line in file_lines)}


def _found(engine: Engine, query: str) -> set[str]:
    return {hit.path for hit in engine.search(query, limit=0).hits}


def _needle(data, lines: dict[str, list[str]]) -> str:
    paths = sorted(lines)
    path = paths[data.draw(st.integers(0, len(paths) - 1))]
    candidates = [line for line in lines[path] if fold(line)]
    line = candidates[data.draw(st.integers(0, len(candidates) - 1))]
    length = data.draw(st.integers(1, 40))
    if len(line) > MAX_PARAGRAPH and data.draw(st.booleans()):
        # Aim at the cuts: just before each multiple of the paragraph limit.
        cut = MAX_PARAGRAPH * data.draw(st.integers(1, len(line) // MAX_PARAGRAPH))
        start = max(0, cut - data.draw(st.integers(1, length)))
    else:
        start = data.draw(st.integers(0, max(0, len(line) - 1)))
    return line[start:start + length]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_string_grep_finds_in_a_file_is_found_in_its_report(library, data):
    engine, lines = library.engine, library.lines
    needle = _needle(data, lines)
    assume(fold(needle) and SEP not in needle)
    expected = _grep(lines, needle)
    assert expected  # the needle is in its own file
    assert expected <= _found(engine, quote(needle))  # quoted
    if not _SYNTAX.search(needle):
        assert expected <= _found(engine, needle)  # unquoted


def test_a_ten_character_string_across_a_hard_cut_is_found(tmp_path):
    rng = random.Random(7)
    line = "".join(rng.choice(_POOL) for _ in range(2 * MAX_PARAGRAPH + 500))
    report = tmp_path / "one-line.txt"
    report.write_text(line, encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([report])
    needle = line[MAX_PARAGRAPH - 5:MAX_PARAGRAPH + 5]
    assert len(needle) == 10 and _grep({str(report): [line]}, needle)
    for query in (needle, quote(needle)):
        result = engine.search(query, limit=0)
        assert result.exact == 1 and result.hits[0].path == str(report.resolve())
    # The report still reads as it is written: its pieces, in order, make the line again.
    view = engine.report(str(report))
    assert "".join(p.text for p in view.paragraphs) == line
    assert [p.joined for p in view.paragraphs] == [False] + [True] * (len(view.paragraphs) - 1)
    # A correction rewrites the report; the pieces stay joined.
    engine.set_metadata(str(report), title="一行的报告")
    assert engine.search(quote(needle)).exact == 1


def test_folding_applies_across_a_cut(tmp_path):
    """Traditional and full-width characters across the cut match their folded query."""
    line = "前" * (MAX_PARAGRAPH - 3) + "醫院ＤｅｅｐＳｅｅｋ報告" + "後" * 300
    report = tmp_path / "traditional.txt"
    report.write_text(line, encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([report])
    assert engine.search("医院deepseek报告").total == 1
    assert engine.search(quote("院ＤｅｅｐＳｅ")).total == 1

