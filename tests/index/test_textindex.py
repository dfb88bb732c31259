"""The library's text on disk (index/textindex.py): written with Whoosh's commit,
repaired after a writer killed between the two commits, rebuilt on upgrade, followed
by searchers without reading again what did not change."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import report_text, unique_phrase
from pyroaring import BitMap

import index.foldedtext as foldedtext
from index import textindex
from index.engine import Engine
from index.store import SCHEMA_VERSION


def _write(folder, i: int) -> None:
    (folder / f"report-{i:03d}.txt").write_text(report_text(i), encoding="utf-8")


def test_pids_tile_reports_and_cut_lines_are_found_across_the_cut(tmp_path):
    textindex.create(tmp_path, 0)
    writer = textindex.TextWriter(tmp_path)
    writer.add_report("a" * 16, "甲医院", 2020, ["标题", "长行的前半", "后半继续", "尾声"],
                      ["title", "body", "body", "body"], [False, False, True, False])
    writer.add_report("b" * 16, "乙医院", None, ["另一个报告", "abc123"], ["body", "body"],
                      [False, False])
    writer.commit(1)
    reader = textindex.TextReader(tmp_path)
    catalogue = reader.catalogue()
    assert catalogue.firsts == [0, 4] and catalogue.kind(0) == "title"
    assert list(reader.find("前半后半")) == [1]  # starts in piece 1, runs into piece 2
    assert list(reader.find("半后")) == [1]  # two characters across the cut
    assert list(reader.find("后半")) == [2]  # inside piece 2 only
    assert list(reader.find("尾声后")) == []  # no cut between pieces 3 and 4
    assert reader.facet("year") == {"2020": BitMap(range(4)), "": BitMap([4, 5])}
    writer.add_report("a" * 16, "甲医院", 2021, ["重新导入"], ["body"], [False])
    writer.commit(2)
    assert list(reader.find("前半")) == [] and list(reader.find("重新")) == [6]
    assert reader.catalogue().live == BitMap([4, 5, 6])
    writer.close()
    reader.close()


def test_a_writer_killed_between_the_two_commits_is_repaired_from_whoosh(
        tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        _write(folder, i)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    _write(folder, 3)
    (folder / "report-001.txt").write_text(report_text(7), encoding="utf-8")

    def killed(self, generation):  # Whoosh has committed; SQLite never will
        raise KeyboardInterrupt

    monkeypatch.setattr(textindex.TextWriter, "commit", killed)
    with Engine(index_dir) as engine, pytest.raises(KeyboardInterrupt):
        engine.index([folder])
    monkeypatch.undo()
    assert textindex.generation(index_dir / f"v{SCHEMA_VERSION}") < max(
        int(p.stem.split("_")[-1]) for p in (index_dir / f"v{SCHEMA_VERSION}").glob("*.toc"))

    with Engine(index_dir) as engine:  # not damage: made again from Whoosh's paragraphs
        assert engine.recovered == ""
        for i in (0, 2, 3, 7):
            assert engine.search(unique_phrase(i)).total == 1
        assert engine.search(unique_phrase(1)).total == 0
        assert engine.index([folder]).reports == 4
        assert engine.search(unique_phrase(3)).total == 1


def test_an_index_of_the_previous_schema_is_rebuilt_on_upgrade(tmp_path, own_library):
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([own_library])
    # The previous schema: no text index, the folded text in Whoosh, version 3.
    current, previous = index_dir / f"v{SCHEMA_VERSION}", index_dir / "v3"
    current.rename(previous)
    (previous / textindex.DB_NAME).unlink()
    shutil.rmtree(previous / textindex.TEXT_DIR)
    meta = json.loads((previous / "meta.json").read_text(encoding="utf-8"))
    meta["fingerprint"]["schema"] = "3"
    (previous / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    with Engine(index_dir) as engine:
        assert engine.recovery is not None and engine.recovery.code == "rebuild.changed"
        summary = engine.ensure_ready()
        assert summary is not None and summary.reports == 8
        assert engine.search(unique_phrase(5)).total == 1
    assert (current / textindex.DB_NAME).is_file() and not previous.exists()


def test_a_searcher_after_a_commit_reads_only_the_new_segments(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        _write(folder, i)
    loaded: list[int] = []
    mapped: list[int] = []

    class Counted(foldedtext._Segment):
        def __init__(self, seg, *args):
            loaded.append(seg)
            super().__init__(seg, *args)

    def counted_map(self, segment):
        mapped.append(segment.seg)
        return original_map(self, segment)

    original_map = foldedtext.FoldedText._map
    monkeypatch.setattr(foldedtext, "_Segment", Counted)
    monkeypatch.setattr(foldedtext.FoldedText, "_map", counted_map)
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        assert engine.search(unique_phrase(1)).total == 1
        first = set(loaded)
        assert first
        _write(folder, 4)
        engine.index([folder])
        before = engine.searcher()
        loaded.clear()
        mapped.clear()
        assert engine.search(unique_phrase(4)).total == 1  # a new searcher, the new text
        assert engine.searcher() is before
        assert loaded and not set(loaded) & first  # old segments' offsets not read again
        assert not set(mapped) & first  # nor their files opened for a term only new text has


def test_a_line_cut_in_many_pieces_spans_segments_and_is_found_across_every_cut(
        tmp_path, monkeypatch):
    monkeypatch.setattr(textindex, "SEGMENT_CHARS", 10)  # a segment every piece or two
    textindex.create(tmp_path, 0)
    writer = textindex.TextWriter(tmp_path)
    pieces = ["甲乙丙丁戊己", "庚辛壬癸子丑", "寅卯辰巳午未", "申酉戌亥"]
    writer.add_report("a" * 16, "", None, pieces, ["body"] * 4, [False, True, True, True])
    writer.commit(1)
    reader = textindex.TextReader(tmp_path)
    assert len(reader.index.grams.segments()) >= 2
    line = "".join(pieces)
    for start in range(len(line) - 1):
        for end in range(start + 2, min(len(line), start + 9) + 1):
            owner = max(i for i in range(4) if len("".join(pieces[:i])) <= start)
            assert list(reader.find(line[start:end])) == [owner], line[start:end]
    reader.close()
    writer.close()


def test_a_report_without_paragraphs_holds_no_pid(tmp_path):
    textindex.create(tmp_path, 0)
    writer = textindex.TextWriter(tmp_path)
    writer.add_report("a" * 16, "甲", 2020, ["第一段"], ["title"], [False])
    writer.add_report("b" * 16, "乙", 2021, [], [], [])
    writer.add_report("c" * 16, "丙", 2022, ["第二段"], ["body"], [False])
    writer.commit(1)
    catalogue = textindex.TextReader(tmp_path).catalogue()
    assert catalogue.keys == ["a" * 16, "c" * 16] and catalogue.position("b" * 16) is None
    assert catalogue.kind(1) == "body" and catalogue.institutions[catalogue.report_of(1)] == "丙"
    writer.close()


def test_a_snapshot_sees_one_commit_while_a_writer_commits_the_next(tmp_path):
    """A search during an import: the report table, postings and segments it reads are
    of one generation (it found pids of a newer commit than its table once)."""
    import threading

    textindex.create(tmp_path, 0)
    writer = textindex.TextWriter(tmp_path)
    writer.add_report("a" * 16, "甲医院", 2020, ["第一份报告"], ["body"], [False])
    writer.commit(1)
    reader = textindex.TextReader(tmp_path)
    writer.add_report("b" * 16, "乙医院", 2021, ["第二份报告"], ["body"], [False])
    committed = threading.Event()
    with reader.snapshot():
        before = reader.catalogue()
        thread = threading.Thread(target=lambda: (writer.commit(2), committed.set()))
        thread.start()
        # The commit does not wait for the read (WAL): the read goes on in its commit.
        assert committed.wait(30)
        assert list(reader.find("报告")) == [0]  # not pid 1, which the table lacks
        assert list(reader.find("第二")) == []
        assert reader.catalogue() is before and before.keys == ["a" * 16]
    thread.join()
    assert committed.is_set()
    with reader.snapshot():
        assert list(reader.find("报告")) == [0, 1] and reader.catalogue().keys[1] == "b" * 16
    writer.close()
    reader.close()


def test_a_folder_this_process_may_not_write_is_read_as_immutable(tmp_path, monkeypatch):
    """A WAL database needs a shared-memory file beside it, which a read-only folder
    cannot hold: there the database is opened immutable (read, never written)."""
    import sqlite3

    textindex.create(tmp_path, 3)
    monkeypatch.setattr(textindex.os, "access", lambda path, mode: False)
    conn = textindex.connect(tmp_path)
    assert conn.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone() == (3,)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO meta VALUES ('other', 1)")
    conn.close()
    assert not (tmp_path / (textindex.DB_NAME + "-shm")).exists()
    reader = textindex.TextReader(tmp_path)
    assert reader.catalogue().keys == [] and reader.generation() == 3
    reader.close()


@pytest.mark.parametrize("damage", ["file", "offsets", "no offsets"])
def test_the_read_through_checks_each_segment_file_against_its_last_offset(tmp_path, damage):
    """The read-through reads each segment's last offset (not its whole table) and
    fails when the segment's file is not that long, or the table is not a table."""
    textindex.create(tmp_path, 0)
    writer = textindex.TextWriter(tmp_path)
    writer.add_report("a" * 16, "甲医院", 2020, ["标题", "正文一段"], ["title", "body"],
                      [False, False])
    writer.commit(1)
    writer.close()
    textindex.read_through(tmp_path)
    conn = textindex.connect(tmp_path)
    ((seg, offsets),) = conn.execute("SELECT seg, offsets FROM folded_segments").fetchall()
    path = tmp_path / textindex.TEXT_DIR / foldedtext.file_name(seg)
    if damage == "file":
        path.write_bytes(path.read_bytes() + b"\0\0")
    else:
        conn.execute("UPDATE folded_segments SET offsets = ?",
                     (offsets[:-1] if damage == "offsets" else b"",))
    conn.close()
    with pytest.raises((textindex.sqlite3.DatabaseError, ValueError, IndexError)):
        textindex.read_through(tmp_path)


def test_a_searcher_maps_each_segment_file_once_across_searches(tmp_path, monkeypatch):
    """The text files stay mapped from a searcher's first read of them to its close
    (each search mapped and unmapped them for every term verified and every batch of
    texts read)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        _write(folder, i)
    opened: list[int] = []
    original = foldedtext.FoldedText._open

    def counted(self, segment):
        opened.append(segment.seg)
        return original(self, segment)

    monkeypatch.setattr(foldedtext.FoldedText, "_open", counted)
    engine = Engine(tmp_path / "index")
    engine.index([folder])
    opened.clear()
    for i in range(3):
        assert engine.search(unique_phrase(i)).total == 1
        assert engine.search(f'"{unique_phrase(i)}" 2024').total >= 0
    assert opened and len(opened) == len(set(opened))
    kept = list(engine.searcher().text.index.text._kept.values())
    assert kept and not any(data.closed for data in kept)
    engine.close()
    assert all(data.closed for data in kept)
