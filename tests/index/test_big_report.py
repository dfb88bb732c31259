"""A text report too big to hold (``reading.is_streamed``): read, split and indexed a
window at a time, committed as one, every paragraph found. The sizes are made small
here (a window of a few thousand characters, a text index segment of a few thousand),
so a file of a few tens of kilobytes is many windows and segments; what is asserted is
what the process held at once, never a time or a memory figure."""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from pathlib import Path

import pytest

from index import library, reading, textindex, writing
from index import store as store_module
from index.engine import Engine
from index.library import paragraph_windows
from index.paragraphs import find_paragraphs

WINDOW = 3000  # characters of a window
SEGMENT = 5000  # characters of a text index segment


@pytest.fixture
def small(monkeypatch):
    """Stream every text file over 8 KB, 4 KB a block, in windows of WINDOW characters."""
    monkeypatch.setattr(reading, "STREAM_BYTES", 8 * 1024)
    monkeypatch.setattr(reading, "BLOCK_BYTES", 4096)
    monkeypatch.setattr(library, "WINDOW_CHARS", WINDOW)
    monkeypatch.setattr(textindex, "SEGMENT_CHARS", SEGMENT)


def _big_text(seed_files: list[Path], copies: int = 2) -> str:
    """The seeds one after the other, ``copies`` times, each copy with a line of its own."""
    parts = []
    for k in range(copies):
        parts.append(f"第{k}份汇编说明：以下各篇按原样收录。\n\n")
        parts += [f.read_text(encoding="utf-8") + "\n\n" for f in seed_files]
    return "".join(parts)


def _squash(text: str) -> str:
    """The text without spaces, line breaks and Markdown heading marks."""
    return re.sub(r"[\s#]", "", text)


def _holds_all_of(paragraphs, source: str) -> bool:
    """Do ``paragraphs`` hold every line of ``source`` and nothing else (the finder
    may move a caption after the paragraph it interrupted)?"""
    kept = _squash("".join(p.text for p in paragraphs))
    lines = [_squash(line) for line in source.splitlines() if _squash(line)]
    missing = [line for line in lines if line not in kept]
    assert not missing, missing[:3]
    return len(kept) == len(_squash(source))


def test_windows_of_a_text_hold_all_of_it_and_one_window_is_the_whole_split(seed_files):
    text = _big_text(seed_files)
    pieces = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    whole = find_paragraphs(text)
    assert [p for w in paragraph_windows(pieces, size=10 ** 9) for p in w] == whole
    windows = list(paragraph_windows(pieces, size=WINDOW))
    assert len(windows) >= len(text) // WINDOW
    assert max(sum(len(p.text) for p in w) for w in windows) <= WINDOW
    found = [p for w in windows for p in w]
    assert [p.ordinal for p in found] == list(range(1, len(found) + 1))
    assert _holds_all_of(found, text)


def test_a_line_cut_between_two_windows_runs_on(seed_files):
    line = "".join(f"第{i}项工作稳步推进，" for i in range(1200))  # one line, ~9,000 characters
    windows = list(paragraph_windows([line], size=WINDOW))
    found = [p for w in windows for p in w]
    assert len(windows) >= 3
    assert "".join(p.text for p in found) == line
    assert [p.joined for p in found] == [False] + [True] * (len(found) - 1)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16", "utf-8-sig"])
def test_a_streamed_file_decodes_as_a_whole_one(tmp_path, seed_files, small, encoding):
    text = _big_text(seed_files, copies=1)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode(encoding))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    decoded = reading.read_text(path)
    found, skip = reading.text_encoding(path)
    assert "".join(reading.stream_text(path, found, skip, sha)) == decoded.text
    assert codecs.lookup(found).name == codecs.lookup(decoded.encoding).name


def test_a_file_that_does_not_decode_is_refused_before_a_paragraph_is_read(tmp_path, small):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00" + bytes(range(256)) * 100)
    with pytest.raises(reading.ReadError):
        reading.text_encoding(path)


def test_a_big_report_is_indexed_a_window_at_a_time_and_every_paragraph_found(
        tmp_path, seed_files, small, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    big = folder / "汇编.txt"
    big.write_text(_big_text(seed_files), encoding="utf-8")
    (folder / "small.txt").write_text("关于小报告的说明\n\n今年新增三家社区医院。\n",
                                      encoding="utf-8")
    held, flushes, whole_reads = [], [], []
    split, add, flush, read = (library.find_paragraphs, textindex.TextWriter.add_paragraphs,
                               textindex.TextWriter.flush, reading.read_file)

    def spy_split(text, *args, **kwargs):
        held.append(len(text))
        return split(text, *args, **kwargs)

    def spy_add(self, folded, kinds, joined):
        held.append(sum(map(len, folded)))
        return add(self, folded, kinds, joined)

    def spy_flush(self):
        flushes.append(self._pending.chars)
        return flush(self)

    def spy_read(path, *args, **kwargs):
        whole_reads.append(Path(path).name)
        return read(path, *args, **kwargs)

    monkeypatch.setattr(library, "find_paragraphs", spy_split)
    monkeypatch.setattr(textindex.TextWriter, "add_paragraphs", spy_add)
    monkeypatch.setattr(textindex.TextWriter, "flush", spy_flush)
    monkeypatch.setattr(reading, "read_file", spy_read)
    with Engine(tmp_path / "index") as engine:
        summary = engine.index([folder])
        assert summary.reports == 2 and not summary.skipped
        assert "汇编.txt" not in whole_reads  # never read whole
        size = big.stat().st_size
        assert len(held) >= 2 * (size // 3 // WINDOW)  # many windows (UTF-8: ~3 bytes a character)
        assert max(held) <= WINDOW  # what was split and added at once
        assert len([f for f in flushes if f]) >= size // 3 // SEGMENT  # several segments
        assert max(flushes) < SEGMENT + 2 * 20000  # each flushed once full
        view = engine.report(str(big))
        paragraphs = view.paragraphs
        assert view.record.paragraphs == len(paragraphs) > 100
        assert [p.ordinal for p in paragraphs] == list(range(1, len(paragraphs) + 1))
        assert _holds_all_of(paragraphs, big.read_text("utf-8"))
        for p in paragraphs:  # every paragraph is found by a piece of its own text
            piece = p.text[len(p.text) // 3:][:10].replace('"', "")
            if len(piece.strip()) < 2:
                continue
            hits = engine.search(f'"{piece}"', limit=10_000).hits
            assert (str(big), p.ordinal) in {(h.path, h.paragraph) for h in hits}, piece


def test_a_string_across_a_cut_line_is_found(tmp_path, small):
    folder = tmp_path / "reports"
    folder.mkdir()
    line = "".join(f"第{i}项工作稳步推进，" for i in range(1500))  # one line, ~12,000 characters
    path = folder / "长行.txt"
    path.write_text("关于长行的报告\n\n" + line + "\n", encoding="utf-8")
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        paragraphs = engine.report(str(path)).paragraphs
        assert sum(p.joined for p in paragraphs) >= 3
        assert "".join(p.text for p in paragraphs[1:]) == line
        for before, after in itertools.pairwise(paragraphs[1:]):  # each cut
            across = before.text[-4:] + after.text[:4]
            hits = engine.search(f'"{across}"', limit=1000).hits
            assert (str(path), before.ordinal) in {(h.path, h.paragraph) for h in hits}


def test_workers_take_a_big_report_a_window_at_a_time(tmp_path, seed_files, small, monkeypatch):
    monkeypatch.setattr(writing, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(store_module, "WRITE_WORKERS", 2)
    folder = tmp_path / "reports"
    folder.mkdir()
    big = folder / "汇编.txt"
    big.write_text(_big_text(seed_files), encoding="utf-8")
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        paragraphs = engine.report(str(big)).paragraphs
        assert _holds_all_of(paragraphs, big.read_text("utf-8"))
        hits = engine.search('"第1份汇编说明"').hits
        assert [(h.path, h.text) for h in hits] == [(str(big), "第1份汇编说明：以下各篇按原样收录。")]


def test_a_big_report_that_changes_while_read_is_dropped_whole(tmp_path, seed_files, small,
                                                               monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("关于小报告的说明\n\n今年新增三家社区医院。\n", encoding="utf-8")
    big = folder / "b.txt"
    big.write_text(_big_text(seed_files), encoding="utf-8")
    real = library.stream_text

    def changing(path, *args):
        for n, text in enumerate(real(path, *args)):
            if n == 1:  # changed after being hashed, while it is read
                with open(path, "ab") as handle:
                    handle.write("追加的一段。\n".encode())
            yield text

    def stream(path, *args):
        return changing(path, *args) if Path(path).name == "b.txt" else real(path, *args)

    monkeypatch.setattr(library, "stream_text", stream)
    with Engine(tmp_path / "index") as engine:
        summary = engine.index([folder])
        assert [s.code for s in summary.skipped] == ["read.changed"]
        assert [r.name for r in engine.reports()] == ["a.txt"]
        assert engine.search('"第1份汇编说明"').total == 0  # nothing of it, not half
        assert engine.search('"社区医院"').total == 1
    monkeypatch.setattr(library, "stream_text", real)
    with Engine(tmp_path / "index") as engine:  # the next scan reads it as it is now
        summary = engine.index([folder])
        assert not summary.skipped
        assert engine.search('"第1份汇编说明"').total == 1


def test_the_workers_pool_less_for_a_big_report_and_as_usual_after_it(tmp_path, seed_files,
                                                                      small, monkeypatch):
    """A big report's batch spills whatever the workers' pool: it gets a smaller one
    (``STREAM_WORKER_LIMIT_MB``), and the batches after it the usual one again."""
    from index import wordworkers

    monkeypatch.setattr(writing, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(store_module, "WRITE_WORKERS", 2)
    monkeypatch.setattr(store_module, "BATCH_BYTES", 2_000)
    started, limits = [], []
    real_init, real_limit = wordworkers.WordWorkers.__init__, wordworkers.WordWorkers.limit

    def init(self, *args, **kwargs):
        started.append(kwargs["limit_mb"])
        real_init(self, *args, **kwargs)

    def limit(self, limit_mb):
        limits.append(limit_mb)
        real_limit(self, limit_mb)

    monkeypatch.setattr(wordworkers.WordWorkers, "__init__", init)
    monkeypatch.setattr(wordworkers.WordWorkers, "limit", limit)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("关于小报告的说明\n\n今年新增三家社区医院。\n", encoding="utf-8")
    (folder / "b.txt").write_text(_big_text(seed_files), encoding="utf-8")
    (folder / "c.txt").write_text("关于另一份小报告\n\n今年新增两家卫生院。\n", encoding="utf-8")
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        assert engine.search("新增两家卫生院").total == 1
    usual, streamed = store_module.WORKER_LIMIT_MB, store_module.STREAM_WORKER_LIMIT_MB
    assert started == [usual] and limits == [streamed, usual]


def test_a_worker_opens_the_next_batch_with_the_pool_it_was_told(tmp_path, monkeypatch):
    """The worker's side of ``WordWorkers.limit``, run in this process."""
    import multiprocessing
    import threading

    from whoosh import writing as wwriting

    from index import wordworkers
    from index.store import Store

    Store(tmp_path / "index")
    folder = next((tmp_path / "index").glob("v*"))
    opened = []
    real = wwriting.SegmentWriter

    def segment_writer(ix, *args, limitmb, **kwargs):
        opened.append(limitmb)
        return real(ix, *args, limitmb=limitmb, **kwargs)

    monkeypatch.setattr(wwriting, "SegmentWriter", segment_writer)
    mine, theirs = multiprocessing.Pipe()
    worker = threading.Thread(target=wordworkers._serve, args=(theirs, str(folder), 100, []),
                              daemon=True)
    worker.start()
    doc = dict(doctype="p", report="k", ordinal=1, kind="body", words="医院", pid="0",
               text="医院")
    answers = []
    for message in (("docs", [doc]), "finish", ("limit", 7), ("docs", [doc]), "finish"):
        mine.send(message)
        if message[0] != "limit":  # a limit is not answered
            assert mine.poll(60), answers
            answer = mine.recv()
            answers.append(answer if answer == "ok" else answer[0])
    mine.send(None)
    assert answers == ["ok", "segment", "ok", "segment"]
    worker.join(30)
    assert opened == [100, 7]
