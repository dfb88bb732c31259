"""Whoosh's paragraph documents written in worker processes (``index.wordworkers``):
the same index as one process writes, words cut as the importing process was taught,
one commit, a dead worker an error (not a wait), Cancel and SIGKILL leaving the last
commit. The workers are started with the spawn method, as on Windows and frozen."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import pytest
from conftest import import_script, kill_imports, posix_only, seed_copies
from whoosh import index as windex

from index import store as store_module
from index import writing
from index.analysis import add_words
from index.engine import Engine
from index.errors import IndexWriteError
from index.store import Store
from index.writing import Cancelled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def parallel(monkeypatch):
    """Workers from the first paragraph on, two of them, a commit every ~30 KB."""
    monkeypatch.setattr(writing, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(store_module, "WRITE_WORKERS", 2)
    monkeypatch.setattr(store_module, "BATCH_BYTES", 30_000)


def _content(index_dir: Path) -> dict:
    """Everything a user sees of the index: every report's paragraphs as stored, and
    the totals and reports of a few searches."""
    with Engine(index_dir) as engine:
        reports = {r.path: engine.report(r.path).paragraphs for r in engine.reports()}
        searches = {}
        for q in ("医院", "卫生健康委员会", '"晓东"', "2023年"):
            result = engine.search(q, limit=50)
            searches[q] = (result.total, sorted((h.path, h.paragraph) for h in result.hits))
    return {"reports": reports, "searches": searches}


def _segments(index_dir: Path) -> int:
    folder = next(index_dir.glob("v*"))
    return len(windex.open_dir(str(folder))._read_toc().segments)


def test_workers_write_the_same_index_as_one_process(tmp_path, seed_files, monkeypatch):
    folder = tmp_path / "reports"
    seed_copies(folder, seed_files, copies=12)
    monkeypatch.setattr(store_module, "WRITE_WORKERS", 0)
    with Engine(tmp_path / "one") as engine:
        engine.index([folder])
    monkeypatch.setattr(writing, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(store_module, "WRITE_WORKERS", 2)
    monkeypatch.setattr(store_module, "BATCH_BYTES", 30_000)
    with Engine(tmp_path / "two") as engine:
        summary = engine.index([folder])
    assert summary.reports == 12 and not summary.cancelled
    assert _segments(tmp_path / "two") > _segments(tmp_path / "one")  # the workers' own
    assert _content(tmp_path / "two") == _content(tmp_path / "one")
    # Each writer's scratch folder goes when it is done, the workers' too.
    for index_dir in (tmp_path / "one", tmp_path / "two"):
        assert not [p for p in next(index_dir.glob("v*")).iterdir() if p.is_dir()
                    and ".tmp" in p.name]


def test_workers_cut_words_as_the_importing_process_was_taught(tmp_path, parallel):
    folder = tmp_path / "reports"
    folder.mkdir()
    word = "甲乙丙丁戊己庚"  # jieba cuts it in pieces unless taught
    (folder / "a.txt").write_text(f"关于{word}的报告\n\n{word}今年新增三家医院。\n",
                                  encoding="utf-8")
    add_words([word])
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
        searcher = engine.store.index.searcher()
        try:
            assert word.encode("utf-8") in set(searcher.reader().lexicon("words"))
        finally:
            searcher.close()


def test_a_worker_that_dies_is_an_error_and_the_last_commit_stays(tmp_path, seed_files,
                                                                    parallel):
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=4)
    with Engine(tmp_path / "index") as engine:
        engine.index([paths[0]])
    store = Store(tmp_path / "index")
    from index.library import load_report
    from index.store import make_record, report_key

    with pytest.raises(IndexWriteError) as caught, store.writing() as session:
        for path in paths[1:]:
            report = load_report(path)
            key = report_key(report.path)
            session.add_report(key, report, make_record(key, report, 1, 1, report.meta, None))
        victim = session._workers._procs[0]
        os.kill(victim.pid, signal.SIGKILL)
        victim.join(10)
        session.commit()
    assert caught.value.code == "error.worker"
    assert "reportsearch-words-0" in caught.value.text("en")
    assert session._workers is None  # the other worker was ended too
    with Engine(tmp_path / "index") as engine:
        assert [r.path for r in engine.reports()] == [str(paths[0].resolve())]


def test_cancel_while_the_workers_write_their_segments_ends_them(tmp_path, seed_files,
                                                                  parallel):
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=6)
    with Engine(tmp_path / "index") as engine:
        engine.index([paths[0]])
    store = Store(tmp_path / "index")
    from index.library import load_report
    from index.store import make_record, report_key

    flag = {"cancel": False}
    with pytest.raises(Cancelled), store.writing(cancelled=lambda: flag["cancel"]) as session:
        for path in paths[1:]:
            report = load_report(path)
            key = report_key(report.path)
            session.add_report(key, report, make_record(key, report, 1, 1, report.meta, None))
        procs = list(session._workers._procs)
        session._workers.finish(session.check)  # they start writing their segments
        flag["cancel"] = True
        session.commit()
    assert not any(p.is_alive() for p in procs)
    with Engine(tmp_path / "index") as engine:
        assert [r.path for r in engine.reports()] == [str(paths[0].resolve())]
        assert engine.index([folder]).reports == 6  # and the next import completes


IMPORT = import_script("store.BATCH_BYTES = 40_000", "store.WRITE_WORKERS = 2",
                       "writing.PARALLEL_CHARS = 0")


@posix_only
@pytest.mark.slow
def test_sigkill_of_an_import_with_workers_loses_nothing(tmp_path, seed_files):
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=30)
    index_dir = tmp_path / "index"

    def check(index_dir: Path) -> set[str]:
        with Engine(index_dir) as engine:
            engine.search("医院")
            for record in engine.reports():
                assert len(engine.report(record.path).paragraphs) == record.paragraphs
            return {record.path for record in engine.reports()}

    kills = kill_imports(IMPORT, folder, paths, index_dir, 6, random.Random(20261201), check)
    assert kills >= 3, "too few imports were actually interrupted"
    with Engine(index_dir) as engine:
        assert not engine.index([folder]).skipped
        assert {r.path for r in engine.reports()} == {str(p.resolve()) for p in paths}
        for record in engine.reports():
            assert len(engine.report(record.path).paragraphs) == record.paragraphs
    # The killed writers' scratch folders (their spilled postings) went at the next import.
    assert not list(next(index_dir.glob("v*")).glob("*.tmp-*"))


def test_an_index_with_a_segment_of_report_documents_only_reads_through(tmp_path, seed_files,
                                                                          parallel):
    """With the paragraphs in the workers' segments, the session's own segment holds only
    report documents (no text column); reading every document's text checks each
    segment on its own (Whoosh's column over all segments misplaces those documents)."""
    folder = tmp_path / "reports"
    seed_copies(folder, seed_files, copies=6)
    with Engine(tmp_path / "index") as engine:
        engine.index([folder])
    store = Store(tmp_path / "index")
    with store.index.searcher() as searcher:
        assert any(not leaf.has_column("text") for leaf, _ in searcher.reader().leaf_readers())
    store._read_through(deep=True)  # reads every stored document and text


def test_a_worker_gives_its_pool_back_before_it_answers_with_its_segment(tmp_path,
                                                                         monkeypatch):
    """After writing its segment a worker collects its garbage and asks the C library to
    return the free pages (``memory.release``) before answering, so its pool is not
    still resident while the importing process builds the commit's gram postings."""
    import threading
    from multiprocessing import Pipe

    from index import memory, wordworkers

    events = []
    monkeypatch.setattr(memory, "release", lambda: events.append("release") or True)
    Store(tmp_path / "index")  # an empty index to write a segment for
    folder = next((tmp_path / "index").glob("v*"))
    mine, theirs = Pipe()
    worker = threading.Thread(target=wordworkers._serve,
                              args=(theirs, str(folder), 16, []), daemon=True)
    worker.start()
    try:
        mine.send(("docs", [dict(doctype=writing.PARAGRAPH, report="k", ordinal=1,
                                 kind="body", section="", words="今年新增三家医院",
                                 text="今年新增三家医院。", pid="0")]))
        assert mine.recv() == "ok"
        assert events == []  # nothing given back while the batch is pooled
        mine.send("finish")
        kind, segment = mine.recv()
        assert kind == "segment" and segment is not None
        assert events == ["release"]
    finally:
        mine.send(None)
        worker.join(10)


def test_the_commit_builds_the_text_segment_after_the_workers_answered(tmp_path, seed_files,
                                                                       parallel, monkeypatch):
    """At a commit the importing process waits for the workers' segments (they have given
    their pools back by then) before it builds the gram postings of its text segment, and
    gives the batch's memory back after the commit: the three processes' peaks no longer
    coincide. The index is the one the other order made (the first test above)."""
    from index import memory, textindex, wordworkers

    events = []
    segments, flush = wordworkers.WordWorkers.segments, textindex.TextWriter.flush

    def logged_segments(self, check):
        events.append("segments")
        return segments(self, check)

    def logged_flush(self):
        events.append("flush")
        return flush(self)

    monkeypatch.setattr(wordworkers.WordWorkers, "segments", logged_segments)
    monkeypatch.setattr(textindex.TextWriter, "flush", logged_flush)
    monkeypatch.setattr(memory, "release", lambda: events.append("release") or True)
    folder = tmp_path / "reports"
    seed_copies(folder, seed_files, copies=6)
    with Engine(tmp_path / "index") as engine:
        assert engine.index([folder]).reports == 6
    commits = [i for i, e in enumerate(events) if e == "segments"]
    assert len(commits) >= 2  # several batches went through the workers
    for at in commits:
        assert events[at + 1] == "flush"
    assert events.count("release") >= len(commits)
    assert events[-1] == "release" or "release" in events[commits[-1]:]
