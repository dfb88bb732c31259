"""Exact substring search from disk: grams + verification give exactly the paragraphs a
substring scan of the source files finds, across segments, after merges, without dead ones."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from index.normalize import fold
from index.paragraphs import find_paragraphs
from index.reading import read_text
from index.substrings import PAGE_SIZE, SubstringIndex, prepare

# Characters the seeds lack: beyond the BMP, Latin, digits, punctuation.
EXTRA = ["罕见字𠀀在此，𪚥也是。", "𠀀𠀁", "gdp增长5.2%（同比）", "abc-def_123", "😀表情😀"]


def _source_reports(paths: list[Path]) -> list[list[str]]:
    """The folded paragraphs of each source file: the reference is a scan of these."""
    return [[fold(p.text) for p in find_paragraphs(read_text(path).text)] for path in paths]


@pytest.fixture(scope="module")
def reports(seed_files) -> list[list[str]]:
    return [*_source_reports(seed_files), EXTRA]


class Library:
    """A SubstringIndex and the scan reference kept beside it."""

    def __init__(self, folder: Path):
        self.conn = sqlite3.connect(folder / "index.db")
        self.index = SubstringIndex(self.conn, folder / "text")
        self.texts: list[str] = []  # by pid
        self.dead = BitMap()
        self.pids: dict[int, range] = {}  # report -> its current pids

    def add(self, batch: dict[int, list[str]]) -> None:
        """One import batch: reports read (again); the old pids of a re-read one die."""
        with self.conn:
            texts = [text for paragraphs in batch.values() for text in paragraphs]
            pids = self.index.add(texts)
            old = BitMap()
            for number in batch:
                if number in self.pids:
                    old.update(self.pids[number])
            self.index.delete(old)
        self.dead |= old
        self.texts.extend(texts)
        start = pids.start
        for number, paragraphs in batch.items():
            self.pids[number] = range(start, start + len(paragraphs))
            start += len(paragraphs)

    def scan(self, term: str) -> BitMap:
        return BitMap(p for p, t in enumerate(self.texts) if term in t) - self.dead

    def close(self) -> None:
        self.conn.close()


def _build(folder: Path, reports: list[list[str]], rng: random.Random, floor: int) -> Library:
    """Import the reports in random batches, some reports twice, merging as we go."""
    library = Library(folder)
    order = list(range(len(reports))) + rng.sample(range(len(reports)), 3)
    while order:
        size = rng.randint(1, 3)
        batch, order = order[:size], order[size:]
        library.add({number: reports[number] for number in batch})
        library.index.compact(fanout=2, floor=floor)
    return library


@pytest.fixture(scope="module")
def library(tmp_path_factory, reports):
    built = _build(tmp_path_factory.mktemp("library"), reports, random.Random(14), floor=50)
    assert len(built.index.grams.segments()) > 1 and built.dead
    yield built
    built.close()


def _substring(texts: list[str], rng: random.Random, longest: int) -> str:
    text = rng.choice([t for t in texts if t])
    start = rng.randrange(len(text))
    return text[start : start + rng.randint(1, longest)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from([2, 4, 12, 60]))
def test_random_substrings_find_exactly_what_a_scan_finds(library, rng, longest):
    term = _substring(library.texts, rng, longest)
    assert library.index.find(term) == library.scan(term)


@pytest.mark.parametrize(
    "term",
    ["的", "，", "。", "5", "%", "g", "2025", "gdp", "5.2%", "（同比）", "abc-def_123", "𠀀", "𪚥",
     "😀", "𠀀𠀁", "字𠀀在", "表情😀", "医院", "卫健委", "李晓东", "一号管三天", "不在任何段落里的字串"],
)
def test_chosen_terms(library, term):
    assert library.index.find(term) == library.scan(term)


def test_a_term_across_two_paragraphs_is_not_found(library):
    first, second = (t for t in library.texts[:2])
    term = first[-2:] + second[:2]
    assert library.index.find(term) == library.scan(term)


def test_whole_paragraphs_as_terms(library):
    for text in library.texts[:: max(1, len(library.texts) // 40)]:
        if text:
            assert library.index.find(text) == library.scan(text)


def test_a_paragraph_with_a_nul_is_stored_and_found(tmp_path):
    library = Library(tmp_path)
    library.add({0: [fold(p.text) for p in find_paragraphs("第一段有\x00空字符。\n\n第二段。")]})
    assert library.index.find("有空字") == BitMap([0])
    assert library.index.text.folded(0) == "第一段有空字符。"
    library.close()


def test_a_new_store_finds_nothing(tmp_path):
    library = Library(tmp_path)
    assert library.index.find("中") == BitMap()
    assert library.index.find("中华人民") == BitMap()
    assert library.index.compact() == 0
    library.close()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from([20, 100, 1000]))
def test_any_batches_and_merges_keep_results_exact(tmp_path_factory, reports, rng, floor):
    library = _build(tmp_path_factory.mktemp("random"), reports, rng, floor)
    try:
        for _ in range(20):
            term = _substring(library.texts, rng, rng.choice([1, 2, 3, 8]))
            assert library.index.find(term) == library.scan(term)
    finally:
        library.close()


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_substrings_find_exactly_what_a_scan_finds(tmp_path, corpus_dir):
    reports = _source_reports(sorted((corpus_dir / "docs").glob("*.txt")))
    rng = random.Random(7)
    library = Library(tmp_path)
    for start in range(0, len(reports), 70):  # four segments, and one of reports read again
        library.add(dict(enumerate(reports[start : start + 70], start)))
    library.add({number: reports[number] for number in rng.sample(range(len(reports)), 20)})
    assert library.index.compact(fanout=4, floor=5000) == 1
    for _ in range(300):
        term = _substring(library.texts, rng, rng.choice([1, 2, 4, 8, 30]))
        assert library.index.find(term) == library.scan(term)
    library.close()


def test_merges_give_their_space_back(tmp_path, reports):
    conn = sqlite3.connect(tmp_path / "index.db")
    prepare(conn)
    index = SubstringIndex(conn, tmp_path / "text")
    for _ in range(4):
        with conn:
            index.add([text for report in reports for text in report])
    assert index.compact(floor=10) == 1
    assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert conn.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)
    conn.close()
