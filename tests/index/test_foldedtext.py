"""Segment files of folded text: writing, verification (per candidate and by scanning),
reading, merging without dead text, and following another connection's commits."""

from __future__ import annotations

import re
import sqlite3
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

import index.foldedtext as foldedtext
from index.foldedtext import FoldedText, file_name, write_segment

PARAGRAPHS = ["中文", "蝎子与中文", "𠀀字𠀁", "", "gdp增长5.2%", "发展发展发展", "高质量发展"]


@pytest.fixture
def conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "index.db")
    yield connection
    connection.close()


@pytest.fixture
def text(conn, tmp_path) -> FoldedText:
    store = FoldedText(conn, tmp_path / "text")
    with conn:
        store.add_segment(0, 0, PARAGRAPHS[:4])
        store.add_segment(1, 4, PARAGRAPHS[4:])
    return store


def _all(count: int = len(PARAGRAPHS)) -> BitMap:
    return BitMap(range(count))


def _reference(needle: str, texts=PARAGRAPHS) -> BitMap:
    return BitMap(pid for pid, t in enumerate(texts) if needle in t)


@pytest.fixture(params=["per candidate", "scan"])
def path(request, monkeypatch):
    """Run a test once per verification path."""
    monkeypatch.setattr(foldedtext, "SCAN_BYTES_PER_CANDIDATE", 10**9 if request.param == "scan" else 0)
    return request.param


def test_a_segment_file_is_utf16_with_separators(tmp_path):
    target = tmp_path / "seg.utf16"
    offsets = array("I", write_segment(target, ["中文", "", "a𠀀"]))
    assert list(offsets) == [0, 3, 4, 8]  # 𠀀 is two code units
    assert target.read_bytes() == "中文\x00\x00a𠀀\x00".encode("utf-16-le")
    assert not target.with_suffix(".tmp").exists()


def test_text_with_the_separator_or_no_text_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_segment(tmp_path / "a", ["a\x00b"])
    with pytest.raises(ValueError):
        write_segment(tmp_path / "b", [])


@pytest.mark.parametrize("needle", ["中文", "中", "文", "发展发展", "5.2%", "gdp", "𠀀", "𠀁", "字𠀁"])
def test_verify_finds_exactly_the_paragraphs_that_contain_it(text, path, needle):
    assert text.verify(_all(), needle) == _reference(needle)


def test_verify_keeps_to_the_candidates(text, path):
    assert text.verify(BitMap([0, 5]), "中文") == BitMap([0])
    assert text.verify(BitMap(), "中文") == BitMap()


def test_odd_offsets_are_not_hits(text, path):
    # 中文 is 2D 4E 87 65 in UTF-16-LE; 4E 87 at offset 1 is U+874E, 蝎.
    assert "蝎".encode("utf-16-le") in "中文".encode("utf-16-le")
    assert text.verify(BitMap([0]), "蝎") == BitMap()
    assert text.verify(_all(), "蝎") == BitMap([1])
    # 𠀀 and 𠀁 share their high surrogate; neither half alone is a character.
    assert text.verify(_all(), "𠀀字") == BitMap([2])


def test_needles_never_match_across_paragraphs(text, path):
    assert text.verify(_all(), "中文蝎") == BitMap()
    assert text.verify(_all(), "\x00") == BitMap()
    assert text.verify(_all(), "") == BitMap()


def test_regex_runs_on_the_decoded_paragraph(text):
    figure = re.compile(r"(?<![0-9.])5\.2(?![0-9])")
    assert text.verify_regex(_all(), figure) == BitMap([4])
    assert text.verify_regex(_all(), re.compile("^𠀀.𠀁$")) == BitMap([2])
    assert text.verify_regex(BitMap([0]), re.compile("中")) == BitMap([0])
    assert text.verify_regex(BitMap(), re.compile("")) == BitMap()


def test_folded_text_and_counts_by_pid(text):
    assert [text.folded(pid) for pid in range(len(PARAGRAPHS))] == PARAGRAPHS
    assert text.count(5, "发展") == 3
    assert text.count(5, "发展发展") == 1  # without overlaps, as str.count
    assert text.count(2, "𠀁") == 1
    assert text.count(3, "中") == 0
    with pytest.raises(KeyError):
        text.folded(len(PARAGRAPHS))


def test_merge_drops_dead_text_and_keeps_pids(text, tmp_path, path):
    folder = tmp_path / "text"
    before = sum(p.stat().st_size for p in folder.iterdir())
    with text.conn:
        text.merge([0, 1], 2, BitMap([1, 5]))
    assert text.remove_unreferenced() == []
    assert sorted(p.name for p in folder.iterdir()) == [file_name(2)]
    after = (folder / file_name(2)).stat().st_size
    assert after == before - 2 * (len("蝎子与中文") + len("发展发展发展"))
    live = [t if pid not in (1, 5) else "" for pid, t in enumerate(PARAGRAPHS)]
    assert [text.folded(pid) for pid in range(len(PARAGRAPHS))] == live
    for needle in ("中文", "发展", "𠀁", "5.2"):
        assert text.verify(_all(), needle) == _reference(needle, live)


def test_merge_takes_adjacent_segments_only(text, conn):
    with conn:
        text.add_segment(2, 7, ["x"])
    with pytest.raises(ValueError):
        text.merge([0, 2], 3, BitMap())


def test_unreferenced_files_are_removed_after_the_commit_only(text, conn, tmp_path):
    folder = tmp_path / "text"
    (folder / file_name(9)).write_bytes(b"\x00\x00")  # a write that crashed before its commit
    (folder / "00000010.tmp").write_bytes(b"")
    conn.execute("BEGIN")
    with pytest.raises(RuntimeError):
        text.remove_unreferenced()
    conn.rollback()
    assert text.remove_unreferenced() == []
    assert sorted(p.name for p in folder.iterdir()) == [file_name(0), file_name(1)]


def test_a_rolled_back_segment_leaves_only_a_file_to_remove(text, conn):
    with pytest.raises(RuntimeError), conn:
        text.add_segment(2, 7, ["新的"])
        raise RuntimeError("crash before commit")
    text.refresh()
    assert text.verify(BitMap([7]), "新的") == BitMap()
    text.remove_unreferenced()
    assert not (text.folder / file_name(2)).exists()


def test_a_reader_follows_a_writers_commits(text, tmp_path):
    reader_conn = sqlite3.connect(tmp_path / "index.db")
    reader = FoldedText(reader_conn, tmp_path / "text")
    assert reader.verify(_all(), "发展") == BitMap([5, 6])
    with text.conn:  # the writer adds a segment: the reader loads it on sight of its pids
        text.add_segment(2, 7, ["发展中"])
    assert reader.verify(_all(8), "发展") == BitMap([5, 6, 7])
    with text.conn:  # the writer merges and deletes the old files: the reader follows
        text.merge([0, 1, 2], 3, BitMap([6]))
    text.remove_unreferenced()
    assert reader.verify(_all(8), "发展") == BitMap([5, 7])
    assert reader.folded(6) == "" and reader.folded(7) == "发展中"
    reader_conn.close()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(st.sampled_from("中文发展𠀀𠀁ab1.%蝎"), max_size=12), min_size=1, max_size=6
        ),
        min_size=1,
        max_size=5,
    ),
    st.text(st.sampled_from("中文发展𠀀𠀁ab1.%蝎"), min_size=1, max_size=3),
    st.sets(st.integers(0, 30)),
    st.booleans(),
)
def test_verify_matches_str_in_across_segments_and_merges(tmp_path_factory, batches, needle,
                                                          dead, scan):
    folder = tmp_path_factory.mktemp("prop")
    conn = sqlite3.connect(folder / "index.db")
    store = FoldedText(conn, folder / "text")
    texts: list[str] = []
    with conn:
        for seg, batch in enumerate(batches):
            store.add_segment(seg, len(texts), batch)
            texts.extend(batch)
    live = [t if pid not in dead else "" for pid, t in enumerate(texts)]
    everything = BitMap(range(len(texts)))
    old = foldedtext.SCAN_BYTES_PER_CANDIDATE
    foldedtext.SCAN_BYTES_PER_CANDIDATE = 10**9 if scan else 0
    try:
        assert store.verify(everything, needle) == _reference(needle, texts)
        with conn:
            store.merge(list(range(len(batches))), len(batches), BitMap(dead))
        store.remove_unreferenced()
        assert store.verify(everything, needle) == _reference(needle, live)
        assert [store.folded(pid) for pid in range(len(texts))] == live
    finally:
        foldedtext.SCAN_BYTES_PER_CANDIDATE = old
        conn.close()


def test_segments_tile_the_pids(text, conn):
    with pytest.raises(ValueError):
        text.add_segment(2, 8, ["跳过了第七段"])
    with pytest.raises(ValueError):
        text.add_segment(2, 6, ["与上一段重叠"])


def test_a_pattern_around_a_literal_is_tried_where_the_literal_occurs(text):
    """With its literal, a pattern is tried only at the literal's occurrences: what it
    finds when, as every pattern of a plan, it matches nowhere else."""
    figure = re.compile(r"(?<![0-9.])5\.2(?![0-9])")
    assert text.verify_regex(_all(), figure, "5.2") == BitMap([4])
    assert text.verify_regex(_all(), re.compile("(?<!质量)发展"), "发展") == BitMap([5])
    assert text.verify_regex(_all(), re.compile("中|蝎"), "蝎") == BitMap([1])
    assert text.verify_regex(_all(), re.compile("中|蝎"), "") == BitMap([0, 1])


def test_a_reader_keeps_each_file_mapped_until_a_merge_replaces_it(text, tmp_path,
                                                                     monkeypatch):
    """A searcher's FoldedText maps each segment file once for all its reads (not once a
    read), lets a file go when a refresh no longer lists it, and unmaps all at close."""
    reader_conn = sqlite3.connect(tmp_path / "index.db")
    reader = FoldedText(reader_conn, tmp_path / "text", create=False)
    reader.keep_maps()
    opened: list[tuple[str, int]] = []  # (whose, segment) of each file mapped
    open_ = FoldedText._open

    def counted(self, segment):
        opened.append(("reader" if self is reader else "writer", segment.seg))
        return open_(self, segment)

    monkeypatch.setattr(FoldedText, "_open", counted)
    assert reader.verify(_all(), "发展") == BitMap([5, 6])
    assert reader.verify(_all(), "中文") == BitMap([0, 1])
    assert dict(reader.texts(BitMap([1, 6]))) == {1: "蝎子与中文", 6: "高质量发展"}
    assert reader.verify_regex(_all(), re.compile("5\\.2")) == BitMap([4])
    assert opened == [("reader", 0), ("reader", 1)]
    kept = dict(reader._kept)
    with text.conn:  # the writer merges and deletes the old files
        text.merge([0, 1], 2, BitMap([6]))
    assert text.remove_unreferenced() == []
    reader.refresh()
    assert kept[0].closed and kept[1].closed and set(reader._kept) == set()
    assert reader.verify(_all(), "发展") == BitMap([5])
    assert [seg for whose, seg in opened if whose == "reader"] == [0, 1, 2]
    reader.close()
    assert not reader._kept
    # A writer's (by default) maps a file for each read and keeps none.
    assert text._kept is None
    text.refresh()
    del opened[:]
    text.verify(_all(), "发展")
    text.verify(_all(), "中文")
    assert opened == [("writer", 2), ("writer", 2)]
    reader_conn.close()
